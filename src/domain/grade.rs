//! Grades and answers, and the rule that suggests a case's grade from its
//! answers. Completeness (what is still to do before a case can be marked
//! complete) is kept apart from the grade.
//!
//! The suggested grade (documented in `docs/grading.md`):
//! - each applicable criterion answered Met scores 1, Partly met 0.5, Not met
//!   0, a key criterion counting `key_weight` times; Not applicable and
//!   unanswered criteria are left out of the score;
//! - **inadequate** if any key criterion is Not met, the case is referred
//!   back, or the score is below the framework's `inadequate_below` (0.5);
//! - **good** if the score is at least `good_at_least` (0.8), no key
//!   criterion is Not met or Partly met, and the case falls short on no more
//!   than `good_max_shortfall` (each Not met counts 1, each Partly met 0.5);
//! - otherwise **requires improvement**;
//! - no suggestion until at least one criterion is scored (unless the case is
//!   referred back, which is enough on its own).
//!
//! Completeness also asks for a written reason wherever an answer could
//! soften the audit: a key criterion answered Met (what in the file shows
//! it) or Not applicable (why), and an answer the timeline contradicts.

use super::assessment::{Answer, Case, ServiceStandard};
use super::framework::{Criterion, Framework};
pub use super::scale::{AnswerValue, CaseGrade, TopicGrade};
use super::timeline::{challenges, explained};

/// What the evidence note must say for an answer, when one is needed: for
/// not met and partly met, and on a key criterion for every answer; for an
/// answer the timeline contradicts, why it stands.
pub fn note_needed(value: AnswerValue, key: bool, challenged: bool) -> Option<&'static str> {
    if challenged {
        return Some("say why this answer stands although the timeline is over its limit");
    }
    match value {
        AnswerValue::NotMet | AnswerValue::PartlyMet => {
            Some("say what in the case file shows this")
        }
        AnswerValue::Met if key => Some("say what in the case file shows it is met"),
        AnswerValue::NotApplicable if key => Some("say why it does not apply to this case"),
        _ => None,
    }
}

/// Why the rule suggested what it did.
#[derive(Debug, Clone, PartialEq)]
pub enum Reason {
    /// A key criterion is not met (makes the case inadequate).
    KeyNotMet { criterion: String },
    /// A key criterion is only partly met (stops the case being good).
    KeyPartlyMet { criterion: String },
    /// The case is referred back (makes it inadequate).
    ReferredBack,
    /// The score, and the threshold it was compared with.
    Score {
        score: f64,
        scored: usize,
        band: ScoreBand,
        /// How many times a key criterion counted (1: no weighting).
        key_weight: f64,
    },
    /// The case falls short on more criteria than a good case may.
    Shortfall {
        not_met: usize,
        partly_met: usize,
        allowed: f64,
    },
    /// Nothing is scored yet, so nothing is suggested.
    NothingScored,
    /// Some criteria are unanswered: the suggestion may change.
    Unanswered { count: usize },
}

/// Where a score falls against the framework's thresholds.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum ScoreBand {
    BelowInadequate { threshold: f64 },
    Middle { low: f64, high: f64 },
    AtLeastGood { threshold: f64 },
}

impl Reason {
    /// The reason in words, naming the criterion and its question.
    pub fn describe(&self, fw: &Framework) -> String {
        let question = |id: &str| {
            fw.criterion(id)
                .map(|c| format!("{id} ({})", c.text))
                .unwrap_or_else(|| id.to_owned())
        };
        match self {
            Reason::KeyNotMet { criterion } => {
                format!("Key criterion {} is not met.", question(criterion))
            }
            Reason::KeyPartlyMet { criterion } => format!(
                "Key criterion {} is only partly met, so the case cannot be good.",
                question(criterion)
            ),
            Reason::ReferredBack => {
                "The case is referred back for urgent action, which makes it inadequate.".into()
            }
            Reason::Score {
                score,
                scored,
                band,
                key_weight,
            } => {
                let pct = match band {
                    ScoreBand::BelowInadequate { threshold } | ScoreBand::AtLeastGood { threshold } => {
                        percent_against(*score, &[*threshold])
                    }
                    ScoreBand::Middle { low, high } => percent_against(*score, &[*low, *high]),
                };
                let weighted = if *key_weight > 1.0 {
                    format!(" (key criteria count {})", times(*key_weight))
                } else {
                    String::new()
                };
                let of = format!("{pct} across {scored} scored criteria{weighted}");
                match band {
                    ScoreBand::BelowInadequate { threshold } => {
                        format!("The score is {of}, below {}.", percent(*threshold))
                    }
                    ScoreBand::Middle { low, high } => format!(
                        "The score is {of}, between {} and {}.",
                        percent(*low),
                        percent(*high)
                    ),
                    ScoreBand::AtLeastGood { threshold } => {
                        format!("The score is {of}, at least {}.", percent(*threshold))
                    }
                }
            }
            Reason::Shortfall {
                not_met,
                partly_met,
                allowed,
            } => format!(
                "{} not met and {} partly met: a good case falls short on {}, so this case cannot be good.",
                criteria_count(*not_met),
                criteria_count(*partly_met),
                allowance(*allowed)
            ),
            Reason::NothingScored => {
                "No criterion is answered met, partly met or not met yet.".into()
            }
            Reason::Unanswered { count } => format!(
                "{count} criteri{} still unanswered, so this may change.",
                if *count == 1 { "on is" } else { "a are" }
            ),
        }
    }
}

/// "1 criterion", "3 criteria".
fn criteria_count(n: usize) -> String {
    format!("{n} criteri{}", if n == 1 { "on" } else { "a" })
}

/// "twice", "3 times".
fn times(w: f64) -> String {
    if (w - 2.0).abs() < 1e-9 {
        "twice".into()
    } else {
        format!("{w} times")
    }
}

/// What a shortfall allowance permits, in words.
fn allowance(allowed: f64) -> String {
    if allowed < 0.5 {
        "nothing".into()
    } else if allowed < 1.0 {
        "at most one criterion partly met".into()
    } else if (allowed - 1.0).abs() < 1e-9 {
        "at most one criterion: one not met, or two partly met".into()
    } else {
        format!("at most {allowed} (each not met counts 1, each partly met a half)")
    }
}

/// A whole-number percentage, e.g. `80%`, rounded as usual: a half up, so
/// 5 of 8 reads "63%" as the reports give it (a float's own formatting
/// rounds a half to even, "62%").
pub fn percent(share: f64) -> String {
    percent_against(share, &[])
}

/// A share set against `thresholds`, as a whole-number percentage: rounded
/// as usual, but down when rounding up would reach a threshold the share is
/// below, so that 79.6% against 80% reads "79%", not the "80%" it is graded
/// as below (2 of 3 still reads "67%"). The tolerance is the rules'.
pub fn percent_against(share: f64, thresholds: &[f64]) -> String {
    let exact = share * 100.0;
    // A hundredth of a count's share can land a hair under its half (23 of
    // 40 is 57.49999…): the tolerance brings it back before rounding.
    let mut whole = (exact + 1e-7).round();
    if thresholds
        .iter()
        .any(|t| exact < t * 100.0 - 1e-7 && whole >= t * 100.0 - 1e-7)
    {
        whole = (exact + 1e-7).floor();
    }
    // As a whole number: formatting a float without a precision would bring
    // a second float formatter into the browser's download.
    format!("{}%", whole as i64)
}

/// A figure to two places (drift, kappa), rounded as percentages are: a
/// half away from zero, so 1/8 reads "0.13" (a float's own formatting
/// rounds a half to even, "0.12"; found in review). "-0.13" below zero.
pub fn two_places(x: f64) -> String {
    // The same tolerance as `percent_against`, for a half a hair under.
    let hundredths = (x.abs() * 100.0 + 1e-7).round() as i64;
    let sign = if x < 0.0 && hundredths > 0 { "-" } else { "" };
    format!("{sign}{}.{:02}", hundredths / 100, hundredths % 100)
}

/// A mean drift (the reviewer's grade rank less the force's) in words, after
/// "on average the force graded": the calibration page, the report and
/// `cpsa summary` say it alike.
pub fn drift_words(d: f64) -> String {
    if two_places(d) == "0.00" {
        "no kinder or harsher than the reviewer".to_owned()
    } else if d > 0.0 {
        format!("{} grades kinder than the reviewer", two_places(d))
    } else {
        format!("{} grades harsher than the reviewer", two_places(-d))
    }
}

/// The suggested grade and the reasons that produced it.
#[derive(Debug, Clone, PartialEq)]
pub struct Suggestion {
    /// `None` until something is scored (or the case is referred back).
    pub grade: Option<CaseGrade>,
    /// The share of available points, 0 to 1, over scored criteria.
    pub score: Option<f64>,
    pub reasons: Vec<Reason>,
}

/// The criteria that apply to a case, in framework order, each with its
/// position in the framework and the case's answer to it if there is one.
/// Looked up once, for every rule that reads a case's answers (the
/// suggestion, completeness, the results' tallies): each lookup walks the
/// case's answers by criterion id, and the results read every case.
pub struct Applicable<'a> {
    criteria: Vec<(usize, &'a Criterion, Option<&'a Answer>)>,
}

impl<'a> Applicable<'a> {
    pub fn of(fw: &'a Framework, case: &'a Case) -> Self {
        let positions = fw.case_positions(&case.case_type, &case.conditions);
        let mut criteria = Vec::with_capacity(positions.len());
        for &pos in positions.iter() {
            if let Some(c) = fw.criteria.get(pos) {
                criteria.push((pos, c, case.answer(&c.id)));
            }
        }
        Applicable { criteria }
    }

    /// Each criterion's position, the criterion and the answer, in framework
    /// order.
    pub fn iter(&self) -> impl Iterator<Item = (usize, &'a Criterion, Option<&'a Answer>)> + '_ {
        self.criteria.iter().copied()
    }
}

/// An answer's value; unanswered when there is none.
pub fn value_of(answer: Option<&Answer>) -> AnswerValue {
    answer.map(|a| a.value).unwrap_or_default()
}

/// Suggests a grade for a case from its answers, by the documented rule.
pub fn suggest(fw: &Framework, case: &Case) -> Suggestion {
    suggest_from(fw, case, &Applicable::of(fw, case))
}

/// [`suggest`], from the case's answers already looked up.
pub fn suggest_from(fw: &Framework, case: &Case, applicable: &Applicable) -> Suggestion {
    let rule = fw.grading;
    let mut points = 0.0;
    let mut weights = 0.0;
    let mut scored = 0usize;
    let mut unanswered = 0usize;
    let (mut not_met, mut partly_met) = (0usize, 0usize);
    let mut key_not_met = Vec::new();
    let mut key_partly = Vec::new();
    for (_, c, answer) in applicable.iter() {
        let value = value_of(answer);
        let key = c.is_key_for(&case.case_type);
        if let Some(p) = value.score() {
            let w = if key { rule.key_weight } else { 1.0 };
            points += w * p;
            weights += w;
            scored += 1;
        }
        match value {
            AnswerValue::Unanswered => unanswered += 1,
            AnswerValue::NotMet => not_met += 1,
            AnswerValue::PartlyMet => partly_met += 1,
            _ => {}
        }
        if key {
            match value {
                AnswerValue::NotMet => key_not_met.push(c.id.clone()),
                AnswerValue::PartlyMet => key_partly.push(c.id.clone()),
                _ => {}
            }
        }
    }
    let score = (scored > 0).then(|| points / weights);
    let referred = case.refer_back.is_some();
    let shortfall = not_met as f64 + 0.5 * partly_met as f64;
    let too_short = rule
        .good_max_shortfall
        .filter(|allowed| shortfall > allowed + 1e-9);

    let mut reasons = Vec::new();
    if referred {
        reasons.push(Reason::ReferredBack);
    }
    reasons.extend(key_not_met.iter().map(|id| Reason::KeyNotMet {
        criterion: id.clone(),
    }));
    let band = score.map(|s| {
        if s < rule.inadequate_below {
            ScoreBand::BelowInadequate {
                threshold: rule.inadequate_below,
            }
        } else if s >= rule.good_at_least {
            ScoreBand::AtLeastGood {
                threshold: rule.good_at_least,
            }
        } else {
            ScoreBand::Middle {
                low: rule.inadequate_below,
                high: rule.good_at_least,
            }
        }
    });
    let score_reason = |score, band| Reason::Score {
        score,
        scored,
        band,
        key_weight: rule.key_weight,
    };

    let grade = if referred || !key_not_met.is_empty() {
        if let (Some(score), Some(band)) = (score, band) {
            reasons.push(score_reason(score, band));
        }
        Some(CaseGrade::Inadequate)
    } else {
        match (score, band) {
            (Some(score), Some(band)) => {
                reasons.push(score_reason(score, band));
                Some(match band {
                    ScoreBand::BelowInadequate { .. } => CaseGrade::Inadequate,
                    ScoreBand::AtLeastGood { .. }
                        if key_partly.is_empty() && too_short.is_none() =>
                    {
                        CaseGrade::Good
                    }
                    ScoreBand::AtLeastGood { .. } => {
                        reasons.extend(key_partly.iter().map(|id| Reason::KeyPartlyMet {
                            criterion: id.clone(),
                        }));
                        if let Some(allowed) = too_short {
                            reasons.push(Reason::Shortfall {
                                not_met,
                                partly_met,
                                allowed,
                            });
                        }
                        CaseGrade::RequiresImprovement
                    }
                    ScoreBand::Middle { .. } => CaseGrade::RequiresImprovement,
                })
            }
            _ => {
                reasons.push(Reason::NothingScored);
                None
            }
        }
    };
    if unanswered > 0 && grade.is_some() {
        reasons.push(Reason::Unanswered { count: unanswered });
    }
    Suggestion {
        grade,
        score,
        reasons,
    }
}

/// What is still to do before a case can be marked complete.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Completeness {
    /// Criteria that apply to the case.
    pub applicable: usize,
    /// Applicable criteria with any answer, including not applicable.
    pub answered: usize,
    /// Applicable criteria still unanswered, in framework order.
    pub unanswered: Vec<String>,
    /// Criteria answered not met or partly met with no evidence note.
    pub missing_notes: Vec<String>,
    /// Key criteria answered met (no note saying what in the file shows it)
    /// or not applicable (no note saying why).
    pub missing_key_notes: Vec<String>,
    /// Answers the timeline contradicts, with no note saying why they stand.
    pub unexplained_challenges: Vec<String>,
    /// The case has no reference.
    pub missing_reference: bool,
    /// Condition questions asked for the case type and not answered yet
    /// (whether the case began with a call, say), as the case lists them:
    /// their criteria are audited meanwhile, but a finished record answers
    /// them.
    pub open_questions: Vec<String>,
    /// The force's grade is not yet confirmed.
    pub missing_grade: bool,
    /// The confirmed grade differs from the suggestion with no reason given.
    pub missing_override_reason: bool,
    /// A refer-back has no reason or no owner.
    pub incomplete_refer_back: bool,
}

impl Completeness {
    pub fn is_complete(&self) -> bool {
        self.unanswered.is_empty()
            && self.missing_notes.is_empty()
            && self.missing_key_notes.is_empty()
            && self.unexplained_challenges.is_empty()
            && !self.missing_reference
            && self.open_questions.is_empty()
            && !self.missing_grade
            && !self.missing_override_reason
            && !self.incomplete_refer_back
    }

    /// Every criterion that needs a note written before the case can be
    /// completed, once each, in framework order as found.
    pub fn notes_needed(&self) -> Vec<&str> {
        let mut out: Vec<&str> = Vec::new();
        for id in self
            .missing_notes
            .iter()
            .chain(&self.missing_key_notes)
            .chain(&self.unexplained_challenges)
        {
            if !out.contains(&id.as_str()) {
                out.push(id);
            }
        }
        out
    }
}

/// Checks what a case still needs, apart from how good it is. The service
/// standards are the assessment's, for the timeline's challenges.
pub fn completeness(fw: &Framework, standards: &[ServiceStandard], case: &Case) -> Completeness {
    completeness_from(fw, standards, case, &Applicable::of(fw, case))
}

/// [`completeness`], from the case's answers already looked up.
pub fn completeness_from(
    fw: &Framework,
    standards: &[ServiceStandard],
    case: &Case,
    applicable: &Applicable,
) -> Completeness {
    let mut out = Completeness::default();
    for (_, c, answer) in applicable.iter() {
        out.applicable += 1;
        let value = value_of(answer);
        if value == AnswerValue::Unanswered {
            out.unanswered.push(c.id.clone());
        } else {
            out.answered += 1;
        }
        let blank = answer.is_none_or(|a| a.note.trim().is_empty());
        if value.needs_note() && blank {
            out.missing_notes.push(c.id.clone());
        } else if c.is_key_for(&case.case_type) && value.needs_note_when_key() && blank {
            out.missing_key_notes.push(c.id.clone());
        }
    }
    for challenge in challenges(fw, standards, case) {
        let id = challenge.criterion.to_owned();
        if !explained(case, &challenge) && !out.unexplained_challenges.contains(&id) {
            out.unexplained_challenges.push(id);
        }
    }
    out.missing_reference = case.reference.trim().is_empty();
    out.open_questions = case.conditions_unanswered.clone();
    match &case.force_grade {
        None => out.missing_grade = true,
        Some(d) => out.missing_override_reason = d.is_override() && d.reason.trim().is_empty(),
    }
    if let Some(r) = &case.refer_back {
        out.incomplete_refer_back = r.reason.trim().is_empty() || r.owner.trim().is_empty();
    }
    out
}

/// What a case still needs before it can be marked complete, counting a
/// grade confirmed against a suggestion that has since changed as missing:
/// what marking a case complete, and a case stored complete, are held to.
pub fn completeness_now(
    fw: &Framework,
    standards: &[ServiceStandard],
    case: &Case,
) -> Completeness {
    let applicable = Applicable::of(fw, case);
    let mut done = completeness_from(fw, standards, case, &applicable);
    if case
        .force_grade
        .as_ref()
        .is_some_and(|d| d.suggested != suggest_from(fw, case, &applicable).grade)
    {
        done.missing_grade = true;
    }
    done
}

/// The force's grade was decided against a suggestion that has since changed.
pub fn grade_is_stale(fw: &Framework, case: &Case) -> bool {
    case.force_grade
        .as_ref()
        .is_some_and(|d| d.suggested != suggest(fw, case).grade)
}
