//! The forms of the force-level half and the inspection's follow-up: a
//! statement answered with its evidence, a recommendation of the report,
//! a dip-sample record.

use std::collections::BTreeMap;

use super::{err, limited, lines, optional_date, FieldError};
use crate::domain::assessment::{
    DipRecord, Evidence, EvidenceKind, Recommendation, RecommendationKind, StatementAnswer,
    StatementValue, Timescale,
};
use crate::domain::format::{MAX_LONG_TEXT, MAX_SHORT_TEXT};
use crate::domain::framework::DipSample;
use crate::domain::grade::AnswerValue;

/// One item of evidence, as typed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EvidenceForm {
    pub kind: EvidenceKind,
    pub what: String,
    pub holder: String,
    /// `YYYY-MM-DD`, or empty.
    pub date: String,
}

impl Default for EvidenceForm {
    fn default() -> Self {
        EvidenceForm {
            kind: EvidenceKind::Document,
            what: String::new(),
            holder: String::new(),
            date: String::new(),
        }
    }
}

impl EvidenceForm {
    /// Whether nothing is typed in it (a blank row is dropped, not refused).
    pub fn is_blank(&self) -> bool {
        self.what.trim().is_empty() && self.holder.trim().is_empty() && self.date.trim().is_empty()
    }
}

/// The input of field `field` of evidence item `i`.
pub fn evidence_field(i: usize, field: &str) -> String {
    format!("evidence-{i}-{field}")
}

/// A force-level statement's answer, as typed.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct StatementForm {
    pub value: Option<StatementValue>,
    pub note: String,
    pub evidence: Vec<EvidenceForm>,
}

impl StatementForm {
    pub fn from_answer(a: Option<&StatementAnswer>) -> StatementForm {
        let Some(a) = a else {
            return StatementForm {
                evidence: vec![EvidenceForm::default()],
                ..StatementForm::default()
            };
        };
        let mut evidence: Vec<EvidenceForm> = a
            .evidence
            .iter()
            .map(|e| EvidenceForm {
                kind: e.kind,
                what: e.what.clone(),
                holder: e.holder.clone(),
                date: e.date.map(|d| d.to_string()).unwrap_or_default(),
            })
            .collect();
        if evidence.is_empty() {
            evidence.push(EvidenceForm::default());
        }
        StatementForm {
            value: a.value,
            note: a.note.clone(),
            evidence,
        }
    }

    /// The answer, or what is wrong field by field. Blank evidence rows are
    /// dropped; missing evidence is not an error (it is listed as a to-do),
    /// but an item needs to say what it is, and a statement that is not
    /// applicable or not fully met needs its note.
    pub fn check(&self) -> Result<StatementAnswer, Vec<FieldError>> {
        let mut errors = Vec::new();
        if self.value.is_none() {
            errors.push(err("statement-value", "Select how far the force meets it"));
        }
        let note = limited(
            &mut errors,
            "statement-note",
            &self.note,
            "the note",
            MAX_LONG_TEXT,
        );
        if note.is_empty() {
            match self.value {
                Some(StatementValue::NotApplicable) => errors.push(err(
                    "statement-note",
                    "Say why the statement does not apply to the force",
                )),
                Some(StatementValue::PartlyMet | StatementValue::NotMet) => {
                    errors.push(err("statement-note", "Say what the force falls short on"))
                }
                _ => {}
            }
        }
        let mut evidence = Vec::new();
        for (i, e) in self.evidence.iter().enumerate() {
            if e.is_blank() {
                continue;
            }
            let what = limited(
                &mut errors,
                &evidence_field(i, "what"),
                &e.what,
                "what the evidence is",
                MAX_LONG_TEXT,
            );
            if what.is_empty() {
                errors.push(err(
                    &evidence_field(i, "what"),
                    "Say what the evidence is, for example the minutes of a board meeting",
                ));
            }
            let holder = limited(
                &mut errors,
                &evidence_field(i, "holder"),
                &e.holder,
                "who holds it",
                MAX_SHORT_TEXT,
            );
            let date = optional_date(
                &mut errors,
                &evidence_field(i, "date"),
                &e.date,
                "the evidence's date",
            );
            evidence.push(Evidence {
                kind: e.kind,
                what,
                holder,
                date,
            });
        }
        if errors.is_empty() {
            Ok(StatementAnswer {
                value: self.value,
                evidence,
                note,
            })
        } else {
            Err(errors)
        }
    }
}

/// A recommendation or area for improvement, as typed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RecommendationForm {
    pub kind: RecommendationKind,
    pub text: String,
    /// One per line.
    pub sub_points: String,
    pub topics: Vec<String>,
    pub stages: Vec<String>,
    /// None: none given (areas for improvement).
    pub deadline: Option<Timescale>,
}

impl Default for RecommendationForm {
    fn default() -> Self {
        RecommendationForm {
            kind: RecommendationKind::Recommendation,
            text: String::new(),
            sub_points: String::new(),
            topics: Vec::new(),
            stages: Vec::new(),
            deadline: None,
        }
    }
}

impl RecommendationForm {
    pub fn from_recommendation(r: &Recommendation) -> RecommendationForm {
        RecommendationForm {
            kind: r.kind,
            text: r.text.clone(),
            sub_points: r.sub_points.join("\n"),
            topics: r.topics.clone(),
            stages: r.stages.clone(),
            deadline: r.deadline,
        }
    }

    /// The recommendation with id `id`, or what is wrong.
    pub fn check(&self, id: &str) -> Result<Recommendation, Vec<FieldError>> {
        let mut errors = Vec::new();
        let text = limited(
            &mut errors,
            "recommendation-text",
            &self.text,
            "the text",
            MAX_LONG_TEXT,
        );
        if text.is_empty() {
            errors.push(err(
                "recommendation-text",
                "Enter the recommendation as the report states it",
            ));
        }
        let sub_points = lines(&self.sub_points);
        if sub_points.iter().any(|l| l.chars().count() > MAX_LONG_TEXT) {
            errors.push(err(
                "recommendation-sub-points",
                format!("Each point must be {MAX_LONG_TEXT} characters or fewer"),
            ));
        }
        if errors.is_empty() {
            Ok(Recommendation {
                id: id.to_owned(),
                kind: self.kind,
                text,
                sub_points,
                topics: self.topics.clone(),
                stages: self.stages.clone(),
                deadline: self.deadline,
            })
        } else {
            Err(errors)
        }
    }
}

/// A dip-sample record, as typed.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct DipRecordForm {
    pub reference: String,
    pub answers: BTreeMap<String, AnswerValue>,
    pub note: String,
}

impl DipRecordForm {
    pub fn from_record(r: &DipRecord) -> DipRecordForm {
        DipRecordForm {
            reference: r.reference.clone(),
            answers: r.answers.clone(),
            note: r.note.clone(),
        }
    }

    /// The record for `sample` with id `id`, or what is wrong: a reference,
    /// and every question of the sample answered.
    pub fn check(&self, sample: &DipSample, id: &str) -> Result<DipRecord, Vec<FieldError>> {
        let mut errors = Vec::new();
        let reference = limited(
            &mut errors,
            "dip-reference",
            &self.reference,
            "the reference",
            MAX_SHORT_TEXT,
        );
        if reference.is_empty() {
            errors.push(err(
                "dip-reference",
                "Enter the record's reference, for example its crime or PPN number",
            ));
        }
        for c in &sample.criteria {
            let answered = self
                .answers
                .get(&c.id)
                .is_some_and(|v| *v != AnswerValue::Unanswered);
            if !answered {
                errors.push(err(
                    &format!("dip-{}", c.id),
                    format!("Answer {}: {}", c.id, c.text),
                ));
            }
        }
        let note = limited(
            &mut errors,
            "dip-note",
            &self.note,
            "the note",
            MAX_LONG_TEXT,
        );
        if errors.is_empty() {
            Ok(DipRecord {
                id: id.to_owned(),
                sample: sample.id.clone(),
                reference,
                answers: self.answers.clone(),
                note,
            })
        } else {
            Err(errors)
        }
    }
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

    #[test]
    fn a_statement_needs_its_value_a_note_when_short_of_met_and_items_that_say_what_they_are() {
        let form = StatementForm {
            value: Some(StatementValue::PartlyMet),
            note: " ".into(),
            evidence: vec![
                EvidenceForm {
                    holder: "Head of PVP".into(),
                    ..EvidenceForm::default()
                },
                EvidenceForm::default(),
                EvidenceForm {
                    what: "Audit".into(),
                    date: "2025-02-30".into(),
                    ..EvidenceForm::default()
                },
            ],
        };
        let fields: Vec<String> = form
            .check()
            .unwrap_err()
            .into_iter()
            .map(|e| e.field)
            .collect();
        assert_eq!(
            fields,
            ["statement-note", "evidence-0-what", "evidence-2-date"]
        );
        let form = StatementForm {
            value: Some(StatementValue::Met),
            note: String::new(),
            evidence: vec![
                EvidenceForm::default(),
                EvidenceForm {
                    kind: EvidenceKind::Minutes,
                    what: "Vulnerability board minutes".into(),
                    holder: "Head of PVP".into(),
                    date: "2025-03-01".into(),
                },
            ],
        };
        let answer = form.check().unwrap();
        assert_eq!(answer.evidence.len(), 1, "the blank row is dropped");
        assert_eq!(answer.evidence[0].kind, EvidenceKind::Minutes);
        // Met with no evidence is accepted: missing evidence is a to-do.
        let bare = StatementForm {
            value: Some(StatementValue::Met),
            ..StatementForm::default()
        };
        assert!(bare.check().unwrap().evidence.is_empty());
        assert_eq!(
            StatementForm::default().check().unwrap_err()[0].field,
            "statement-value"
        );
    }

    #[test]
    fn a_recommendation_keeps_one_sub_point_a_line() {
        let form = RecommendationForm {
            text: " Review supervision ".into(),
            sub_points: "first;\n\n second\n".into(),
            deadline: Some(Timescale::Immediately),
            ..RecommendationForm::default()
        };
        let r = form.check("R2").unwrap();
        assert_eq!(r.text, "Review supervision");
        assert_eq!(r.sub_points, ["first;", "second"]);
        assert_eq!(
            RecommendationForm::from_recommendation(&r).check("R2"),
            Ok(r)
        );
        assert_eq!(
            RecommendationForm::default().check("R1").unwrap_err()[0].field,
            "recommendation-text"
        );
    }
}
