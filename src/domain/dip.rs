//! Dip samples: records checked beside the main case sample, each against
//! its sample's short yes-or-no questions (the 2024 inspections sampled
//! unshared PPNs, missing-from-care cases, strategy discussions and
//! exploitation cases this way: N25). A question answered met is a yes.

use serde::Serialize;

use super::assessment::{Assessment, DipRecord};
use super::framework::{DipSample, Framework};
use super::grade::AnswerValue;

/// What a dip-sample question may be answered: yes (`Met`), no (`NotMet`)
/// or not applicable. Partly met has no place in a yes-or-no check; every
/// question of the sample is answered.
pub fn is_answer(value: AnswerValue) -> bool {
    matches!(
        value,
        AnswerValue::Met | AnswerValue::NotMet | AnswerValue::NotApplicable
    )
}

/// One question of a sample, with its answers counted over the records.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct DipCriterionRow {
    pub criterion: String,
    pub text: String,
    pub yes: u32,
    pub no: u32,
    pub not_applicable: u32,
}

/// A sample: how many records it asks for and has, and each question.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct DipSampleRow {
    pub sample: String,
    pub name: String,
    pub topic: String,
    pub count: u32,
    pub checked: u32,
    pub criteria: Vec<DipCriterionRow>,
}

/// The records of a sample, in the order they were added.
pub fn records<'a>(a: &'a Assessment, sample: &str) -> Vec<&'a DipRecord> {
    a.dip_records
        .iter()
        .filter(|r| r.sample == sample)
        .collect()
}

/// One sample's records counted.
pub fn row(a: &Assessment, sample: &DipSample) -> DipSampleRow {
    let records = records(a, &sample.id);
    let criteria = sample
        .criteria
        .iter()
        .map(|c| {
            let mut row = DipCriterionRow {
                criterion: c.id.clone(),
                text: c.text.clone(),
                yes: 0,
                no: 0,
                not_applicable: 0,
            };
            for r in &records {
                match r.answers.get(&c.id) {
                    Some(AnswerValue::Met) => row.yes += 1,
                    Some(AnswerValue::NotMet) => row.no += 1,
                    Some(AnswerValue::NotApplicable) => row.not_applicable += 1,
                    _ => {}
                }
            }
            row
        })
        .collect();
    DipSampleRow {
        sample: sample.id.clone(),
        name: sample.name.clone(),
        topic: sample.topic.clone(),
        count: sample.count,
        checked: u32::try_from(records.len()).unwrap_or(u32::MAX),
        criteria,
    }
}

/// Every sample of the framework, counted.
pub fn summary(fw: &Framework, a: &Assessment) -> Vec<DipSampleRow> {
    fw.dip_samples.iter().map(|s| row(a, s)).collect()
}
