//! The force-level half of the self-assessment: the framework's statements
//! of what good looks like for the force as a whole, each answered met,
//! partly met, not met or not applicable, with what the force holds that
//! shows it.
//!
//! Missing evidence is a to-do, not a failure: a statement answered without
//! evidence counts as answered, and is listed apart until the evidence is
//! found (an item with no holder or no date is listed too). A statement
//! answered not applicable needs no evidence, only its reason in the note.

use serde::Serialize;

use super::assessment::{Assessment, EvidenceKind, StatementAnswer, StatementValue};
use super::framework::{Framework, StatementGroup};

impl StatementValue {
    pub const ALL: [StatementValue; 4] = [
        StatementValue::Met,
        StatementValue::PartlyMet,
        StatementValue::NotMet,
        StatementValue::NotApplicable,
    ];

    pub fn id(self) -> &'static str {
        match self {
            StatementValue::Met => "met",
            StatementValue::PartlyMet => "partly-met",
            StatementValue::NotMet => "not-met",
            StatementValue::NotApplicable => "not-applicable",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            StatementValue::Met => "Met",
            StatementValue::PartlyMet => "Partly met",
            StatementValue::NotMet => "Not met",
            StatementValue::NotApplicable => "Not applicable",
        }
    }

    pub fn from_id(id: &str) -> Option<StatementValue> {
        StatementValue::ALL.into_iter().find(|v| v.id() == id)
    }

    /// What it scores: met 1, partly met a half, not met 0; not applicable
    /// is left out.
    pub fn score(self) -> Option<f64> {
        match self {
            StatementValue::Met => Some(1.0),
            StatementValue::PartlyMet => Some(0.5),
            StatementValue::NotMet => Some(0.0),
            StatementValue::NotApplicable => None,
        }
    }
}

impl EvidenceKind {
    pub const ALL: [EvidenceKind; 5] = [
        EvidenceKind::Document,
        EvidenceKind::DataSet,
        EvidenceKind::Minutes,
        EvidenceKind::Audit,
        EvidenceKind::Other,
    ];

    pub fn id(self) -> &'static str {
        match self {
            EvidenceKind::Document => "document",
            EvidenceKind::DataSet => "data-set",
            EvidenceKind::Minutes => "minutes",
            EvidenceKind::Audit => "audit",
            EvidenceKind::Other => "other",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            EvidenceKind::Document => "Document",
            EvidenceKind::DataSet => "Data set",
            EvidenceKind::Minutes => "Minutes",
            EvidenceKind::Audit => "Audit",
            EvidenceKind::Other => "Other",
        }
    }

    pub fn from_id(id: &str) -> Option<EvidenceKind> {
        EvidenceKind::ALL.into_iter().find(|v| v.id() == id)
    }
}

/// The answers to a group's statements, counted.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct StatementCounts {
    pub met: u32,
    pub partly_met: u32,
    pub not_met: u32,
    pub not_applicable: u32,
    pub unanswered: u32,
}

impl StatementCounts {
    pub fn add(&mut self, value: Option<StatementValue>) {
        match value {
            Some(StatementValue::Met) => self.met += 1,
            Some(StatementValue::PartlyMet) => self.partly_met += 1,
            Some(StatementValue::NotMet) => self.not_met += 1,
            Some(StatementValue::NotApplicable) => self.not_applicable += 1,
            None => self.unanswered += 1,
        }
    }

    pub fn total(&self) -> u32 {
        self.met + self.partly_met + self.not_met + self.not_applicable + self.unanswered
    }

    pub fn answered(&self) -> u32 {
        self.total() - self.unanswered
    }

    /// Met, partly met and not met: the answers that score.
    pub fn scored(&self) -> u32 {
        self.met + self.partly_met + self.not_met
    }

    /// Met scores 1, partly met a half; none until something scores.
    pub fn score(&self) -> Option<f64> {
        (self.scored() > 0).then(|| {
            (f64::from(self.met) + 0.5 * f64::from(self.partly_met)) / f64::from(self.scored())
        })
    }
}

/// The answer to a statement, if any.
pub fn answer<'a>(a: &'a Assessment, statement: &str) -> Option<&'a StatementAnswer> {
    a.statements.get(statement)
}

fn value(a: &Assessment, statement: &str) -> Option<StatementValue> {
    answer(a, statement).and_then(|x| x.value)
}

/// The answers to a group's statements, counted.
pub fn counts(a: &Assessment, group: &StatementGroup<'_>) -> StatementCounts {
    let mut counts = StatementCounts::default();
    for s in group.statements {
        counts.add(value(a, &s.id));
    }
    counts
}

/// What is missing from a statement's evidence, if anything: none for a
/// statement not yet answered or answered not applicable.
pub fn missing_evidence(answer: &StatementAnswer) -> Option<String> {
    match answer.value {
        None | Some(StatementValue::NotApplicable) => None,
        Some(_) if answer.evidence.is_empty() => {
            Some("No evidence yet: what the force holds that shows it".to_owned())
        }
        Some(_) => {
            let no_holder = answer
                .evidence
                .iter()
                .filter(|e| e.holder.trim().is_empty())
                .count();
            let no_date = answer.evidence.iter().filter(|e| e.date.is_none()).count();
            let mut gaps = Vec::new();
            if no_holder > 0 {
                gaps.push(format!("who holds {}", items(no_holder)));
            }
            if no_date > 0 {
                gaps.push(format!("the date of {}", items(no_date)));
            }
            (!gaps.is_empty()).then(|| format!("Still to record: {}", gaps.join("; ")))
        }
    }
}

fn items(n: usize) -> String {
    if n == 1 {
        "one item".to_owned()
    } else {
        format!("{n} items")
    }
}

/// A statement still to do: not answered, or its evidence incomplete.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ToDo {
    pub group: String,
    pub statement: String,
    pub text: String,
    /// None: not answered yet; otherwise what its evidence lacks.
    pub missing: Option<String>,
}

/// The statements still to do, in framework order: those answered whose
/// evidence is missing or incomplete, and (when `unanswered`) those not
/// answered at all.
pub fn to_do(fw: &Framework, a: &Assessment, unanswered: bool) -> Vec<ToDo> {
    fw.statements()
        .filter_map(|(g, s)| {
            let missing = match answer(a, &s.id) {
                Some(x) if x.value.is_some() => Some(missing_evidence(x)?),
                _ if unanswered => None,
                _ => return None,
            };
            Some(ToDo {
                group: g.id.to_owned(),
                statement: s.id.clone(),
                text: s.text.clone(),
                missing,
            })
        })
        .collect()
}

#[cfg(test)]
#[allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]
mod tests {
    use super::*;
    use crate::domain::assessment::Evidence;

    fn answered(value: StatementValue, evidence: Vec<Evidence>) -> StatementAnswer {
        StatementAnswer {
            value: Some(value),
            evidence,
            note: String::new(),
        }
    }

    fn item(holder: &str, date: Option<&str>) -> Evidence {
        Evidence {
            kind: EvidenceKind::Minutes,
            what: "Board minutes".into(),
            holder: holder.into(),
            date: date.map(|d| d.parse().unwrap()),
        }
    }

    #[test]
    fn evidence_is_missing_until_an_item_says_who_holds_it_and_when() {
        assert_eq!(
            missing_evidence(&answered(StatementValue::Met, vec![])).as_deref(),
            Some("No evidence yet: what the force holds that shows it")
        );
        assert_eq!(
            missing_evidence(&answered(
                StatementValue::PartlyMet,
                vec![item("", Some("2025-03-01")), item("", None)]
            ))
            .as_deref(),
            Some("Still to record: who holds 2 items; the date of one item")
        );
        assert_eq!(
            missing_evidence(&answered(
                StatementValue::NotMet,
                vec![item("Head of PVP", Some("2025-03-01"))]
            )),
            None
        );
        assert_eq!(
            missing_evidence(&answered(StatementValue::NotApplicable, vec![])),
            None
        );
    }

    #[test]
    fn scores_leave_out_not_applicable_and_unanswered() {
        let mut c = StatementCounts::default();
        assert_eq!(c.score(), None);
        for v in [
            Some(StatementValue::Met),
            Some(StatementValue::PartlyMet),
            Some(StatementValue::NotMet),
            Some(StatementValue::NotApplicable),
            None,
        ] {
            c.add(v);
        }
        assert_eq!((c.total(), c.answered(), c.scored()), (5, 4, 3));
        assert_eq!(c.score(), Some(0.5));
    }
}
