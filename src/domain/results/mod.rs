//! Results: how an assessment's cases roll up by case type, stage and
//! criterion; the force's grades against a reviewer's; overrides; and the
//! open refer-backs. Every total is checked by [`Results::check`].

use std::fmt;

use serde::Serialize;

use super::assessment::{Assessment, Case, GradeDecision};
use super::date::Date;
use super::framework::Framework;
use super::grade::{value_of, Applicable};
pub use super::scale::GradeCounts;
use super::scale::{AnswerValue, CaseGrade};

mod calibration;
mod rigour;

pub use rigour::{
    answers_contradicted, AwaitingReasons, Contradiction, Rigour, SuggestionAgreement,
};

pub use calibration::{
    cross_row, linear_weighted_kappa, same_grade, AfterReviewCase, AuditorCalibration, Calibration,
    Disagreement, TypeCalibration,
};
use calibration::{AuditorEvidence, CalibrationTally};

/// Whose grades the per-type and overall counts use.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum GradeBasis {
    /// The reviewer's grade where there is one, otherwise the force's: the
    /// grade after moderation, as an inspection would count it.
    #[default]
    Final,
    /// The force's confirmed grades only.
    Force,
    /// The reviewer's grades only.
    Reviewer,
}

impl GradeBasis {
    pub fn grade_of(self, case: &Case) -> Option<CaseGrade> {
        match self {
            GradeBasis::Final => case.reviewer().or_else(|| case.force()),
            GradeBasis::Force => case.force(),
            GradeBasis::Reviewer => case.reviewer(),
        }
    }

    pub fn describe(self) -> &'static str {
        match self {
            GradeBasis::Final => "the reviewer's grade where there is one, otherwise the force's",
            GradeBasis::Force => "the force's grades",
            GradeBasis::Reviewer => "the reviewer's grades",
        }
    }
}

impl std::str::FromStr for GradeBasis {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s {
            "final" => Ok(GradeBasis::Final),
            "force" => Ok(GradeBasis::Force),
            "reviewer" => Ok(GradeBasis::Reviewer),
            _ => Err(format!("{s:?} is not one of final, force, reviewer")),
        }
    }
}

/// Grades of the cases of one type.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct TypeRow {
    pub case_type: String,
    pub name: String,
    #[serde(flatten)]
    pub counts: GradeCounts,
    /// Graded cases: good + requires improvement + inadequate.
    pub total: u32,
    /// Cases of this type with no grade on the chosen basis.
    pub ungraded: u32,
    /// Planned in the sample plan.
    pub planned: u32,
}

/// Grades of case types a report counts together.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CombinedTypeRow {
    pub name: String,
    pub case_types: Vec<String>,
    #[serde(flatten)]
    pub counts: GradeCounts,
    pub total: u32,
}

/// Grades of all cases.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Overall {
    #[serde(flatten)]
    pub counts: GradeCounts,
    pub total: u32,
    pub ungraded: u32,
    pub cases: u32,
}

/// Answers to a group of criteria, by value.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct AnswerCounts {
    pub met: u32,
    pub partly_met: u32,
    pub not_met: u32,
    pub not_applicable: u32,
    pub unanswered: u32,
}

impl AnswerCounts {
    fn add(&mut self, value: AnswerValue) {
        match value {
            AnswerValue::Met => self.met += 1,
            AnswerValue::PartlyMet => self.partly_met += 1,
            AnswerValue::NotMet => self.not_met += 1,
            AnswerValue::NotApplicable => self.not_applicable += 1,
            AnswerValue::Unanswered => self.unanswered += 1,
        }
    }

    pub fn plus(self, o: AnswerCounts) -> AnswerCounts {
        AnswerCounts {
            met: self.met + o.met,
            partly_met: self.partly_met + o.partly_met,
            not_met: self.not_met + o.not_met,
            not_applicable: self.not_applicable + o.not_applicable,
            unanswered: self.unanswered + o.unanswered,
        }
    }

    /// Met, partly met and not met: the answers that judge practice.
    pub fn scored(&self) -> u32 {
        self.met + self.partly_met + self.not_met
    }

    pub fn total(&self) -> u32 {
        self.scored() + self.not_applicable + self.unanswered
    }

    /// The share of scored answers that are met.
    pub fn share_met(&self) -> Option<f64> {
        share(self.met, self.scored())
    }

    /// The share of scored answers that are not met.
    pub fn share_not_met(&self) -> Option<f64> {
        share(self.not_met, self.scored())
    }
}

pub(crate) fn share(part: u32, whole: u32) -> Option<f64> {
    (whole > 0).then(|| f64::from(part) / f64::from(whole))
}

/// Criteria met in one stage of the child's journey.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct StageRow {
    pub stage: String,
    pub name: String,
    #[serde(flatten)]
    pub answers: AnswerCounts,
    pub share_met: Option<f64>,
}

/// How one criterion was answered across the cases it applies to.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CriterionRow {
    pub criterion: String,
    pub stage: String,
    pub text: String,
    /// Whether a failure here is a key failure: the criterion is key for the
    /// case type of at least one case that answered it not met. A criterion
    /// key only for some types (IN2 is not key in custody) is not key here
    /// when it failed only in the others.
    pub key: bool,
    #[serde(flatten)]
    pub answers: AnswerCounts,
    /// Of the not-met answers, those from cases of a type the criterion is
    /// key for (each made its case's suggested grade inadequate).
    pub key_not_met: u32,
    pub share_not_met: Option<f64>,
}

/// How often auditors overrode the suggested grade, and which way.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct Overrides {
    /// Cases with a confirmed grade and a suggestion to compare it with.
    pub decided: u32,
    /// The suggestion confirmed.
    pub confirmed: u32,
    /// Overridden to a better grade than suggested.
    pub kinder: u32,
    /// Overridden to a worse grade than suggested.
    pub harsher: u32,
}

impl Overrides {
    /// The overrides in a sentence, for the calibration page, the report
    /// and `cpsa summary` alike; `force_graded` is how many cases have the
    /// force's grade. Found in review: "no grade has been confirmed yet" was
    /// said of a file whose 33 grades were given without a suggestion (the
    /// N18 fixture, built from published totals).
    pub fn words(&self, force_graded: usize) -> String {
        if self.decided == 0 {
            let first = match force_graded {
                0 => "No grade has been confirmed yet".to_owned(),
                n => format!(
                    "The force's {} recorded no suggested grade to compare with",
                    crate::domain::forms::count(n, "grade")
                ),
            };
            format!("{first}, so there is nothing to say about changes to the suggested grade.")
        } else {
            format!(
                "Of {} confirmed, {} took the suggestion, {} changed it to a better grade and {} to a worse one.",
                crate::domain::forms::count(self.decided as usize, "grade"),
                self.confirmed,
                self.kinder,
                self.harsher
            )
        }
    }

    /// Counts one force grade against the suggestion it was decided on.
    pub fn add(&mut self, d: &GradeDecision) {
        if let Some(s) = d.suggested {
            self.decided += 1;
            match d.grade.rank().cmp(&s.rank()) {
                std::cmp::Ordering::Equal => self.confirmed += 1,
                std::cmp::Ordering::Less => self.kinder += 1,
                std::cmp::Ordering::Greater => self.harsher += 1,
            }
        }
    }
}

/// An open refer-back, for the top of every summary.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ReferBackRow {
    pub case: String,
    pub reference: String,
    pub case_type: String,
    pub reason: String,
    pub owner: String,
    pub deadline: Option<Date>,
}

/// Everything the results page, the report and `cpsa summary` show.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Results {
    pub basis: GradeBasis,
    pub by_case_type: Vec<TypeRow>,
    /// Case types the reports join in one row (e.g. N18 Figure 6).
    pub combined: Vec<CombinedTypeRow>,
    pub overall: Overall,
    pub by_stage: Vec<StageRow>,
    /// Every criterion with at least one answer, in framework order.
    pub by_criterion: Vec<CriterionRow>,
    pub calibration: Calibration,
    pub overrides: Overrides,
    /// Open refer-backs, soonest deadline first.
    pub open_refer_backs: Vec<ReferBackRow>,
    /// Cases referred back, open or closed.
    pub refer_backs: u32,
    /// Answers the timeline contradicts, answers awaiting a reason, and the
    /// suggested grade against the reviewer's.
    pub rigour: Rigour,
}

/// A total that does not add up.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Inconsistency(pub String);

impl fmt::Display for Inconsistency {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl Results {
    /// Computes the results of an assessment made with `fw`.
    pub fn compute(fw: &Framework, a: &Assessment, basis: GradeBasis) -> Results {
        let mut by_type: Vec<(GradeCounts, u32)> = vec![Default::default(); fw.case_types.len()];
        let mut overall = GradeCounts::default();
        let mut ungraded = 0;
        let mut tallies = vec![AnswerCounts::default(); fw.criteria.len()];
        let mut key_not_met = vec![0u32; fw.criteria.len()];
        let mut cal = CalibrationTally::new(fw);
        let mut rigour = Rigour::default();
        let mut overrides = Overrides::default();

        for case in &a.cases {
            let type_pos = fw.case_type_position(&case.case_type);
            let row = type_pos.and_then(|t| by_type.get_mut(t));
            match (basis.grade_of(case), row) {
                (Some(g), Some(row)) => {
                    row.0.add(g);
                    overall.add(g);
                }
                (Some(g), None) => overall.add(g),
                (None, Some(row)) => {
                    row.1 += 1;
                    ungraded += 1;
                }
                (None, None) => ungraded += 1,
            }
            // Each applicable criterion counts once: unanswered, or its
            // answer's value; a key criterion answered met counts towards the
            // auditor's evidence.
            let applicable = Applicable::of(fw, case);
            let mut evidence = AuditorEvidence::default();
            for (pos, c, answer) in applicable.iter() {
                let value = value_of(answer);
                if let Some(t) = tallies.get_mut(pos) {
                    if value == AnswerValue::Unanswered {
                        t.unanswered += 1;
                    } else {
                        t.add(value);
                    }
                }
                if !c.is_key_for(&case.case_type) {
                    continue;
                }
                match (value, answer) {
                    (AnswerValue::NotMet, _) => {
                        if let Some(n) = key_not_met.get_mut(pos) {
                            *n += 1;
                        }
                    }
                    (AnswerValue::Met, Some(answer)) => {
                        evidence.key_met += 1;
                        if answer.note.trim().is_empty() {
                            evidence.key_met_without_evidence += 1;
                        }
                    }
                    _ => {}
                }
            }
            cal.add(case, type_pos, evidence);
            rigour.add(fw, a, case, &applicable);
            if let Some(d) = &case.force_grade {
                overrides.add(d);
            }
        }
        // Soonest deadline first, as the banner at the top of every summary.
        let open_refer_backs = super::register::open(a)
            .into_iter()
            .filter_map(|case| {
                let r = case.refer_back.as_ref()?;
                Some(ReferBackRow {
                    case: case.id.clone(),
                    reference: case.reference.clone(),
                    case_type: case.case_type.clone(),
                    reason: r.reason.clone(),
                    owner: r.owner.clone(),
                    deadline: r.deadline,
                })
            })
            .collect();

        let by_case_type: Vec<TypeRow> = fw
            .case_types
            .iter()
            .zip(by_type)
            .map(|(t, (counts, ungraded))| TypeRow {
                case_type: t.id.clone(),
                name: t.name.clone(),
                total: counts.total(),
                counts,
                ungraded,
                planned: a.planned(&t.id),
            })
            .collect();
        let combined = fw
            .combined_rows
            .iter()
            .map(|row| {
                let counts = by_case_type
                    .iter()
                    .filter(|t| row.case_types.contains(&t.case_type))
                    .fold(GradeCounts::default(), |acc, t| acc.plus(t.counts));
                CombinedTypeRow {
                    name: row.name.clone(),
                    case_types: row.case_types.clone(),
                    total: counts.total(),
                    counts,
                }
            })
            .collect();

        let by_stage = fw
            .stages
            .iter()
            .map(|s| {
                let answers = fw
                    .criteria
                    .iter()
                    .zip(&tallies)
                    .filter(|(c, _)| c.stage == s.id)
                    .fold(AnswerCounts::default(), |acc, (_, t)| acc.plus(*t));
                StageRow {
                    stage: s.id.clone(),
                    name: s.name.clone(),
                    share_met: answers.share_met(),
                    answers,
                }
            })
            .collect();

        let by_criterion = fw
            .criteria
            .iter()
            .zip(tallies.iter().zip(&key_not_met))
            .filter(|(_, (t, _))| t.total() > 0)
            .map(|(c, (t, &key_not_met))| CriterionRow {
                criterion: c.id.clone(),
                stage: c.stage.clone(),
                text: c.text.clone(),
                key: key_not_met > 0,
                answers: *t,
                key_not_met,
                share_not_met: t.share_not_met(),
            })
            .collect();

        Results {
            basis,
            by_case_type,
            combined,
            overall: Overall {
                total: overall.total(),
                counts: overall,
                ungraded,
                cases: u32::try_from(a.cases.len()).unwrap_or(u32::MAX),
            },
            by_stage,
            by_criterion,
            calibration: cal.finish(fw),
            overrides,
            open_refer_backs,
            refer_backs: u32::try_from(a.cases.iter().filter(|c| c.refer_back.is_some()).count())
                .unwrap_or(u32::MAX),
            rigour: rigour.finish(),
        }
    }

    /// The criteria most often not met: those with any not-met answer, most
    /// not-met answers first, then the highest share, then framework order.
    pub fn most_not_met(&self, limit: usize) -> Vec<&CriterionRow> {
        let mut rows: Vec<&CriterionRow> = self
            .by_criterion
            .iter()
            .filter(|r| r.answers.not_met > 0)
            .collect();
        super::order::sort_by(&mut rows, |a, b| {
            b.answers.not_met.cmp(&a.answers.not_met).then(
                b.share_not_met
                    .partial_cmp(&a.share_not_met)
                    .unwrap_or(std::cmp::Ordering::Equal),
            )
        });
        rows.truncate(limit);
        rows
    }

    /// Checks that every row adds up to its total and every total to the
    /// whole. An error here is a bug; callers show it rather than wrong figures.
    pub fn check(&self) -> Result<(), Vec<Inconsistency>> {
        let mut wrong = Vec::new();
        let mut fail = |s: String| wrong.push(Inconsistency(s));

        let mut sum = GradeCounts::default();
        let mut ungraded = 0;
        for row in &self.by_case_type {
            if row.counts.total() != row.total {
                fail(format!(
                    "{}: the grades do not add up to {}",
                    row.case_type, row.total
                ));
            }
            sum = sum.plus(row.counts);
            ungraded += row.ungraded;
        }
        for row in &self.combined {
            let parts = self
                .by_case_type
                .iter()
                .filter(|t| row.case_types.contains(&t.case_type))
                .fold(GradeCounts::default(), |acc, t| acc.plus(t.counts));
            if parts != row.counts || row.counts.total() != row.total {
                fail(format!("{}: the joined row does not add up", row.name));
            }
        }
        if sum != self.overall.counts {
            fail(format!(
                "the case types add up to {sum:?}, not the overall {:?}",
                self.overall.counts
            ));
        }
        if self.overall.counts.total() != self.overall.total {
            fail("the overall grades do not add up to the overall total".into());
        }
        if self.overall.total + self.overall.ungraded != self.overall.cases
            || ungraded != self.overall.ungraded
        {
            fail("graded and ungraded cases do not add up to all cases".into());
        }

        let cal = &self.calibration;
        let rows: Vec<u32> = cal.cross.iter().map(|r| r.iter().sum()).collect();
        let cols: Vec<u32> = (0..3)
            .map(|j| cal.cross.iter().filter_map(|r| r.get(j)).sum())
            .collect();
        let force: Vec<u32> = CaseGrade::ALL.iter().map(|&g| cal.force.get(g)).collect();
        let reviewer: Vec<u32> = CaseGrade::ALL
            .iter()
            .map(|&g| cal.reviewer.get(g))
            .collect();
        if rows != force || cols != reviewer {
            fail("the cross-table's margins are not the force's and reviewer's counts".into());
        }
        if cal.force.total() != cal.n || cal.reviewer.total() != cal.n {
            fail("the calibration counts do not add up to n".into());
        }
        let same = calibration::same_grade(&cal.cross);
        if cal.disagreements.len() as u32 != cal.n - same {
            fail("the cases graded differently are not the cross-table's off-diagonal".into());
        }
        if cal
            .by_case_type
            .iter()
            .any(|t| t.same + t.kinder + t.harsher != t.n)
            || cal.by_case_type.iter().map(|t| t.n).sum::<u32>() > cal.n
        {
            fail("the calibration by case type does not add up".into());
        }

        let auditors = &cal.by_auditor;
        // Each audited case counts for one auditor; one not begun, for none.
        if auditors.iter().map(|x| x.cases).sum::<u32>() > self.overall.cases
            || auditors.iter().map(|x| x.n).sum::<u32>() != cal.n
            || auditors
                .iter()
                .any(|x| x.same + x.kinder + x.harsher != x.n)
        {
            fail("the calibration by auditor does not add up".into());
        }
        let agree = &self.rigour.suggestion_vs_reviewer;
        if agree.cross.iter().flatten().sum::<u32>() != agree.n
            || agree.same + agree.suggestion_kinder + agree.suggestion_harsher != agree.n
        {
            fail("the suggestion against the reviewer does not add up".into());
        }

        let o = &self.overrides;
        if o.confirmed + o.kinder + o.harsher != o.decided {
            fail("overrides do not add up to the decided cases".into());
        }

        let stage_sum = self
            .by_stage
            .iter()
            .fold(AnswerCounts::default(), |acc, s| acc.plus(s.answers));
        let criterion_sum = self
            .by_criterion
            .iter()
            .fold(AnswerCounts::default(), |acc, c| acc.plus(c.answers));
        if stage_sum != criterion_sum {
            fail("the stages' answers do not add up to the criteria's".into());
        }
        if let Some(c) = self
            .by_criterion
            .iter()
            .find(|c| c.key_not_met > c.answers.not_met || c.key != (c.key_not_met > 0))
        {
            fail(format!(
                "{}: its key failures do not agree with its not-met answers",
                c.criterion
            ));
        }

        if wrong.is_empty() {
            Ok(())
        } else {
            Err(wrong)
        }
    }
}
