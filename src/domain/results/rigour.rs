//! What keeps an audit from being quietly lenient, in figures: the answers
//! the timeline contradicts, the cases whose answers still await a written
//! reason, and how the suggested grade compares with a reviewer's.

use serde::Serialize;

use super::share;
use crate::domain::assessment::{Assessment, Case};
use crate::domain::framework::Framework;
use crate::domain::grade::{completeness_from, suggest_from, AnswerValue, Applicable, CaseGrade};
use crate::domain::timeline::{challenges, explained};

/// An answer of met or not applicable, and an interval of the timeline that
/// bears on the criterion over its limit. An answer judged by two intervals
/// over their limits has two: count answers with [`answers_contradicted`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Contradiction {
    pub case: String,
    pub label: String,
    pub case_type: String,
    pub criterion: String,
    pub value: AnswerValue,
    /// The interval's name.
    pub interval: String,
    pub minutes: i64,
    pub limit_minutes: u32,
    /// Where the limit comes from, in words.
    pub limit: String,
    /// The answer has a note saying why it stands.
    pub explained: bool,
    /// The challenge in words.
    pub challenge: String,
}

/// How many answers the timeline contradicts, and how many of those have no
/// note saying why they stand: each answer once, however many of its
/// intervals are over their limits.
pub fn answers_contradicted(rows: &[Contradiction]) -> (usize, usize) {
    let mut answers = std::collections::BTreeMap::new();
    for r in rows {
        // Explained only if its note stands against every interval over.
        let explained = answers
            .entry((r.case.as_str(), r.criterion.as_str()))
            .or_insert(true);
        *explained &= r.explained;
    }
    let unexplained = answers.values().filter(|explained| !**explained).count();
    (answers.len(), unexplained)
}

/// A case whose answers still need a written reason before it can be
/// completed: not met and partly met without evidence, key criteria met or
/// not applicable without a note, answers the timeline contradicts without
/// one.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct AwaitingReasons {
    pub case: String,
    pub label: String,
    pub case_type: String,
    /// What the rule suggests from the answers as they stand.
    pub suggested: Option<CaseGrade>,
    /// Not met or partly met, with no evidence note.
    pub notes: Vec<String>,
    pub key_notes: Vec<String>,
    pub challenges: Vec<String>,
}

/// The suggested grade set against the reviewer's, case by case.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct SuggestionAgreement {
    /// Cases with both a suggestion and a reviewer grade.
    pub n: u32,
    /// `cross[suggested][reviewer]`, good, requires improvement, inadequate.
    pub cross: [[u32; 3]; 3],
    pub same: u32,
    pub agreement: Option<f64>,
    /// The suggestion was better than the reviewer's grade.
    pub suggestion_kinder: u32,
    pub suggestion_harsher: u32,
    /// Of the `n`, the cases with criteria still unanswered: their
    /// suggestion rests on part of the audit, and may change (found in
    /// review: N18's eight cases with no answer at all were counted whole,
    /// their suggestion coming from the refer-back alone).
    pub partial: u32,
}

impl SuggestionAgreement {
    /// What the figure rests on when some of its cases are part-audited,
    /// for the calibration page, the report and `cpsa summary` alike.
    pub fn partial_words(&self) -> Option<String> {
        match self.partial {
            0 => None,
            1 if self.n == 1 => Some("This case still has criteria unanswered: its suggestion rests on part of the audit, and may change.".to_owned()),
            1 => Some("1 of these cases still has criteria unanswered: its suggestion rests on part of the audit, and may change.".to_owned()),
            k if k == self.n => Some(format!("All {k} still have criteria unanswered: their suggestions rest on part of the audit, and may change.")),
            k => Some(format!("{k} of these cases still have criteria unanswered: their suggestions rest on part of the audit, and may change.")),
        }
    }
}

/// The three together.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Rigour {
    pub contradictions: Vec<Contradiction>,
    pub awaiting_reasons: Vec<AwaitingReasons>,
    pub suggestion_vs_reviewer: SuggestionAgreement,
}

impl Rigour {
    /// Adds one case, its answers already looked up.
    pub(super) fn add(
        &mut self,
        fw: &Framework,
        a: &Assessment,
        case: &Case,
        applicable: &Applicable,
    ) {
        let standards = &a.service_standards;
        let suggested = suggest_from(fw, case, applicable).grade;
        for ch in challenges(fw, standards, case) {
            let explained = explained(case, &ch);
            self.contradictions.push(Contradiction {
                case: case.id.clone(),
                label: case.label(),
                case_type: case.case_type.clone(),
                criterion: ch.criterion.to_owned(),
                value: ch.value,
                interval: ch.reading.interval.name.clone(),
                minutes: ch.reading.minutes,
                limit_minutes: ch.reading.limit.minutes,
                limit: ch.reading.limit.describe(),
                explained,
                challenge: ch.describe(),
            });
        }
        let done = completeness_from(fw, standards, case, applicable);
        if !done.notes_needed().is_empty() {
            self.awaiting_reasons.push(AwaitingReasons {
                case: case.id.clone(),
                label: case.label(),
                case_type: case.case_type.clone(),
                suggested,
                notes: done.missing_notes,
                key_notes: done.missing_key_notes,
                challenges: done.unexplained_challenges,
            });
        }
        if let (Some(s), Some(r)) = (suggested, case.reviewer()) {
            let agree = &mut self.suggestion_vs_reviewer;
            agree.n += 1;
            if !done.unanswered.is_empty() {
                agree.partial += 1;
            }
            if let Some(n) = agree
                .cross
                .get_mut(s.rank())
                .and_then(|row| row.get_mut(r.rank()))
            {
                *n += 1;
            }
            match s.rank().cmp(&r.rank()) {
                std::cmp::Ordering::Equal => agree.same += 1,
                std::cmp::Ordering::Less => agree.suggestion_kinder += 1,
                std::cmp::Ordering::Greater => agree.suggestion_harsher += 1,
            }
        }
    }

    pub(super) fn finish(mut self) -> Rigour {
        let agree = &mut self.suggestion_vs_reviewer;
        agree.agreement = share(agree.same, agree.n);
        self
    }
}
