//! Results: how an assessment's cases roll up by case type, stage and
//! criterion; the force's grades against a reviewer's; overrides; and the
//! open refer-backs. Every total is checked by [`Results::check`].

use std::fmt;

use serde::Serialize;

use super::assessment::{Assessment, Case};
use super::date::Date;
use super::framework::Framework;
use super::grade::{AnswerValue, CaseGrade};

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

/// Counts of cases by grade.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct GradeCounts {
    pub good: u32,
    pub requires_improvement: u32,
    pub inadequate: u32,
}

impl GradeCounts {
    pub fn add(&mut self, grade: CaseGrade) {
        *self.get_mut(grade) += 1;
    }

    pub fn get(&self, grade: CaseGrade) -> u32 {
        match grade {
            CaseGrade::Good => self.good,
            CaseGrade::RequiresImprovement => self.requires_improvement,
            CaseGrade::Inadequate => self.inadequate,
        }
    }

    fn get_mut(&mut self, grade: CaseGrade) -> &mut u32 {
        match grade {
            CaseGrade::Good => &mut self.good,
            CaseGrade::RequiresImprovement => &mut self.requires_improvement,
            CaseGrade::Inadequate => &mut self.inadequate,
        }
    }

    pub fn total(&self) -> u32 {
        self.good + self.requires_improvement + self.inadequate
    }

    pub fn plus(self, other: GradeCounts) -> GradeCounts {
        GradeCounts {
            good: self.good + other.good,
            requires_improvement: self.requires_improvement + other.requires_improvement,
            inadequate: self.inadequate + other.inadequate,
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
    pub key: bool,
    #[serde(flatten)]
    pub answers: AnswerCounts,
    pub share_not_met: Option<f64>,
}

/// The force's grades set against a reviewer's.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Calibration {
    /// Cases graded by both.
    pub n: u32,
    /// The force's grades of the cases graded by both (Figure 1, first row).
    pub force: GradeCounts,
    /// The reviewer's grades of the same cases (Figure 1, second row).
    pub reviewer: GradeCounts,
    /// Cases only the reviewer graded (Figure 2).
    pub reviewer_only: GradeCounts,
    /// Cases only the force graded.
    pub force_only: GradeCounts,
    /// `cross[force][reviewer]`, in the order good, requires improvement,
    /// inadequate.
    pub cross: [[u32; 3]; 3],
    /// The share of cases graded the same.
    pub exact_agreement: Option<f64>,
    /// Cohen's kappa with linear weights (1, 0.5, 0 by distance).
    pub weighted_kappa: Option<f64>,
    /// Mean of (reviewer's rank - force's rank): above 0, the force is
    /// kinder than the reviewer.
    pub drift: Option<f64>,
    /// Every case the two graded differently: two grades apart first, then
    /// one apart, each in case order.
    pub disagreements: Vec<Disagreement>,
    /// The same comparison for each case type with a case graded by both,
    /// in framework order: the reports find drift differs by type.
    pub by_case_type: Vec<TypeCalibration>,
}

/// A case the force and the reviewer graded differently.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Disagreement {
    pub case: String,
    /// The case's reference, or its label before it has one.
    pub label: String,
    pub case_type: String,
    pub force: CaseGrade,
    pub reviewer: CaseGrade,
    /// 1 or 2 grades.
    pub apart: usize,
}

impl Disagreement {
    /// The force graded the case better than the reviewer did.
    pub fn force_kinder(&self) -> bool {
        self.force.rank() < self.reviewer.rank()
    }
}

/// How one case type's force grades compare with the reviewer's.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct TypeCalibration {
    pub case_type: String,
    pub name: String,
    /// Cases of this type graded by both.
    pub n: u32,
    pub same: u32,
    /// Cases the force graded better than the reviewer.
    pub kinder: u32,
    /// Cases the force graded worse than the reviewer.
    pub harsher: u32,
    /// Mean of (reviewer's rank - force's rank): above 0, the force is kinder.
    pub drift: f64,
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
        let mut cal = CalibrationTally {
            by_type: vec![[[0; 3]; 3]; fw.case_types.len()],
            ..Default::default()
        };
        let mut overrides = Overrides::default();
        let mut open_refer_backs = Vec::new();

        for case in &a.cases {
            let type_pos = fw.case_type_position(&case.case_type);
            match (basis.grade_of(case), type_pos) {
                (Some(g), Some(t)) => {
                    by_type[t].0.add(g);
                    overall.add(g);
                }
                (Some(g), None) => overall.add(g),
                (None, Some(t)) => {
                    by_type[t].1 += 1;
                    ungraded += 1;
                }
                (None, None) => ungraded += 1,
            }
            // Every applicable criterion starts unanswered; each answer to an
            // applicable criterion then moves one count to its value. This
            // walks the case's answers once rather than looking each
            // criterion up in them.
            let applicable = fw.case_positions(&case.case_type, &case.conditions);
            for &pos in applicable.iter() {
                tallies[pos].unanswered += 1;
            }
            for (criterion, answer) in &case.answers {
                let Some(pos) = fw.criterion_position(criterion) else {
                    continue;
                };
                if answer.value != AnswerValue::Unanswered && applicable.contains(&pos) {
                    tallies[pos].unanswered -= 1;
                    tallies[pos].add(answer.value);
                }
            }
            cal.add(case, type_pos);
            if let Some(d) = &case.force_grade {
                if let Some(s) = d.suggested {
                    overrides.decided += 1;
                    match d.grade.rank().cmp(&s.rank()) {
                        std::cmp::Ordering::Equal => overrides.confirmed += 1,
                        std::cmp::Ordering::Less => overrides.kinder += 1,
                        std::cmp::Ordering::Greater => overrides.harsher += 1,
                    }
                }
            }
            if let Some(r) = case.refer_back.as_ref().filter(|r| r.closure.is_none()) {
                open_refer_backs.push(ReferBackRow {
                    case: case.id.clone(),
                    reference: case.reference.clone(),
                    case_type: case.case_type.clone(),
                    reason: r.reason.clone(),
                    owner: r.owner.clone(),
                    deadline: r.deadline,
                });
            }
        }
        // Soonest deadline first; those with none last; then by case order.
        super::order::sort_by_key(&mut open_refer_backs, |r| {
            (r.deadline.is_none(), r.deadline)
        });

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
            .zip(&tallies)
            .filter(|(_, t)| t.total() > 0)
            .map(|(c, t)| CriterionRow {
                criterion: c.id.clone(),
                stage: c.stage.clone(),
                text: c.text.clone(),
                key: c.key.is_some(),
                answers: *t,
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
            .map(|j| cal.cross.iter().map(|r| r[j]).sum())
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
        let same: u32 = (0..3).map(|i| cal.cross[i][i]).sum();
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

        if wrong.is_empty() {
            Ok(())
        } else {
            Err(wrong)
        }
    }
}

#[derive(Default)]
struct CalibrationTally {
    cross: [[u32; 3]; 3],
    reviewer_only: GradeCounts,
    force_only: GradeCounts,
    disagreements: Vec<Disagreement>,
    /// A cross-table per case type, by framework position.
    by_type: Vec<[[u32; 3]; 3]>,
}

impl CalibrationTally {
    fn add(&mut self, case: &Case, type_pos: Option<usize>) {
        match (case.force(), case.reviewer()) {
            (Some(f), Some(r)) => {
                self.cross[f.rank()][r.rank()] += 1;
                if let Some(t) = type_pos {
                    self.by_type[t][f.rank()][r.rank()] += 1;
                }
                if f != r {
                    self.disagreements.push(Disagreement {
                        case: case.id.clone(),
                        label: case.label(),
                        case_type: case.case_type.clone(),
                        force: f,
                        reviewer: r,
                        apart: f.rank().abs_diff(r.rank()),
                    });
                }
            }
            (Some(f), None) => self.force_only.add(f),
            (None, Some(r)) => self.reviewer_only.add(r),
            (None, None) => {}
        }
    }

    fn finish(mut self, fw: &Framework) -> Calibration {
        let cross = self.cross;
        // Stable: case order within each distance.
        super::order::sort_by_key(&mut self.disagreements, |d| std::cmp::Reverse(d.apart));
        let by_case_type = fw
            .case_types
            .iter()
            .zip(&self.by_type)
            .filter_map(|(t, cross)| {
                let mut c = TypeCalibration {
                    case_type: t.id.clone(),
                    name: t.name.clone(),
                    n: 0,
                    same: 0,
                    kinder: 0,
                    harsher: 0,
                    drift: 0.0,
                };
                let mut sum = 0i64;
                for (i, row) in cross.iter().enumerate() {
                    for (j, &count) in row.iter().enumerate() {
                        c.n += count;
                        match i.cmp(&j) {
                            std::cmp::Ordering::Equal => c.same += count,
                            std::cmp::Ordering::Less => c.kinder += count,
                            std::cmp::Ordering::Greater => c.harsher += count,
                        }
                        sum += (j as i64 - i as i64) * i64::from(count);
                    }
                }
                (c.n > 0).then(|| TypeCalibration {
                    drift: sum as f64 / f64::from(c.n),
                    ..c
                })
            })
            .collect();
        let mut force = GradeCounts::default();
        let mut reviewer = GradeCounts::default();
        let mut n = 0u32;
        let mut same = 0u32;
        let mut drift_sum = 0i64;
        for (i, row) in cross.iter().enumerate() {
            for (j, &count) in row.iter().enumerate() {
                n += count;
                for _ in 0..count {
                    force.add(CaseGrade::ALL[i]);
                    reviewer.add(CaseGrade::ALL[j]);
                }
                if i == j {
                    same += count;
                }
                drift_sum += (j as i64 - i as i64) * i64::from(count);
            }
        }
        Calibration {
            n,
            force,
            reviewer,
            reviewer_only: self.reviewer_only,
            force_only: self.force_only,
            cross,
            exact_agreement: share(same, n),
            weighted_kappa: linear_weighted_kappa(&cross),
            drift: (n > 0).then(|| drift_sum as f64 / f64::from(n)),
            disagreements: self.disagreements,
            by_case_type,
        }
    }
}

/// Cohen's kappa for two raters on an ordered three-point scale, with linear
/// weights `1 - |i - j| / 2`. `None` when no case was graded by both, or
/// when agreement by chance is already total (every case in one grade by both).
pub fn linear_weighted_kappa(cross: &[[u32; 3]; 3]) -> Option<f64> {
    let k = cross.len();
    let n: f64 = cross.iter().flatten().map(|&c| f64::from(c)).sum();
    if n == 0.0 {
        return None;
    }
    let weight = |i: usize, j: usize| 1.0 - (i.abs_diff(j) as f64) / ((k - 1) as f64);
    let rows: Vec<f64> = cross
        .iter()
        .map(|r| r.iter().map(|&c| f64::from(c)).sum())
        .collect();
    let cols: Vec<f64> = (0..k)
        .map(|j| cross.iter().map(|r| f64::from(r[j])).sum())
        .collect();
    let mut observed = 0.0;
    let mut expected = 0.0;
    for i in 0..k {
        for j in 0..k {
            observed += weight(i, j) * f64::from(cross[i][j]) / n;
            expected += weight(i, j) * rows[i] * cols[j] / (n * n);
        }
    }
    if (1.0 - expected).abs() < 1e-12 {
        return None;
    }
    Some((observed - expected) / (1.0 - expected))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kappa_is_one_for_perfect_agreement_and_zero_for_independence() {
        let perfect = [[5, 0, 0], [0, 3, 0], [0, 0, 2]];
        assert!((linear_weighted_kappa(&perfect).unwrap() - 1.0).abs() < 1e-12);
        // Rows and columns independent: every cell is row share x column share.
        let independent = [[4, 4, 2], [4, 4, 2], [2, 2, 1]];
        assert!(linear_weighted_kappa(&independent).unwrap().abs() < 1e-12);
    }

    #[test]
    fn kappa_matches_a_hand_computed_table() {
        // n = 10; rows (force) 6, 3, 1; columns (reviewer) 3, 4, 3.
        // weights: 1 on the diagonal, 0.5 one apart, 0 two apart.
        // observed = (2 + 1 + 1)/10 + 0.5 * (3 + 1 + 1 + 0)/10 = 0.65
        // expected = (30 + 21 + 5)/100 = 0.56, where row i contributes
        //   sum_j w_ij r_i c_j: 6*(3 + 0.5*4) = 30, 3*(0.5*3 + 4 + 0.5*3) = 21,
        //   1*(0.5*4 + 3) = 5
        // kappa = (0.65 - 0.56) / (1 - 0.56) = 0.2045...
        let cross = [[2, 3, 1], [1, 1, 1], [0, 0, 1]];
        let kappa = linear_weighted_kappa(&cross).unwrap();
        assert!((kappa - 0.09 / 0.44).abs() < 1e-9, "{kappa}");
    }

    #[test]
    fn kappa_is_undefined_with_no_cases_or_a_single_shared_grade() {
        assert_eq!(linear_weighted_kappa(&[[0; 3]; 3]), None);
        assert_eq!(
            linear_weighted_kappa(&[[4, 0, 0], [0, 0, 0], [0, 0, 0]]),
            None
        );
    }
}
