//! Dip samples: records checked against a sample's yes-or-no questions,
//! counted per question (docs/format.md, "dip_records").
#![cfg(not(target_arch = "wasm32"))]
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

mod common;

use common::{assessment_in, catalogue, latest_framework};
use cpsa::domain::assessment::{Assessment, DipRecord};
use cpsa::domain::dip;
use cpsa::domain::edit::{apply, Edit, EditError};
use cpsa::domain::format::{export, import, Location};
use cpsa::domain::framework::{DipSample, Framework};
use cpsa::domain::grade::AnswerValue::{self, *};

fn fw() -> &'static Framework {
    latest_framework("ncpi-2024")
}

fn sample() -> &'static DipSample {
    fw().dip_samples.first().expect("a dip sample")
}

fn record(id: &str, first: AnswerValue, rest: AnswerValue) -> DipRecord {
    DipRecord {
        id: id.into(),
        sample: sample().id.clone(),
        reference: format!("PPN/{id}"),
        answers: sample()
            .criteria
            .iter()
            .enumerate()
            .map(|(i, c)| (c.id.clone(), if i == 0 { first } else { rest }))
            .collect(),
        note: String::new(),
    }
}

#[test]
fn each_question_counts_yes_no_and_not_applicable_over_the_records_checked() {
    let mut a = assessment_in(fw());
    for (id, first) in [("D1", Met), ("D2", NotMet), ("D3", NotApplicable)] {
        a.dip_records.push(record(id, first, Met));
    }
    let row = dip::row(&a, sample());
    assert_eq!(row.checked, 3);
    let q = &row.criteria[0];
    assert_eq!((q.yes, q.no, q.not_applicable), (1, 1, 1));
    assert!(row.criteria[1..].iter().all(|q| q.yes == 3));
}

/// A yes-or-no check has no "partly", and an answer "unanswered" counted the
/// record as checked with no answer to the question. Found in review: both
/// were taken from a file, and the counts stopped adding up.
#[test]
fn a_question_is_answered_yes_no_or_not_applicable_or_the_record_is_refused() {
    for bad in [PartlyMet, Unanswered] {
        let mut a = assessment_in(fw());
        let before = a.clone();
        assert_eq!(
            apply(&mut a, fw(), Edit::AddDipRecord(record("", bad, Met))),
            Err(EditError::NotADipAnswer(sample().criteria[0].id.clone())),
            "{bad:?}"
        );
        assert_eq!(a, before);

        let mut a: Assessment = assessment_in(fw());
        a.dip_records.push(record("D1", bad, Met));
        let text = export(&a, None, 0).unwrap();
        let e = import(text.as_bytes(), &catalogue()).expect_err("refused");
        let q = &sample().criteria[0].id;
        assert_eq!(
            e.problems[0].at,
            Location::Path(format!("$.assessment.dip_records[0].answers.{q}"))
        );
        assert_eq!(
            e.problems[0].message,
            format!(
                "a dip sample's question is answered met (yes), not-met (no) or not-applicable, not {:?}",
                bad.id()
            )
        );
    }
}

/// A record counts as checked for every question of its sample, so each is
/// answered, as the app's form asks: one left out of a file is refused.
#[test]
fn a_record_answers_every_question_of_its_sample() {
    let mut r = record("D1", Met, Met);
    let left_out = sample().criteria[1].id.clone();
    r.answers.remove(&left_out);

    let mut a = assessment_in(fw());
    assert_eq!(
        apply(&mut a, fw(), Edit::AddDipRecord(r.clone())),
        Err(EditError::NotADipAnswer(left_out.clone()))
    );
    assert!(a.dip_records.is_empty());

    a.dip_records.push(r);
    let text = export(&a, None, 0).unwrap();
    let e = import(text.as_bytes(), &catalogue()).expect_err("refused");
    assert_eq!(
        e.problems[0].at,
        Location::Path("$.assessment.dip_records[0].answers".into())
    );
    assert_eq!(
        e.problems[0].message,
        format!(
            "question {left_out:?} of dip sample {:?} is not answered",
            sample().id
        )
    );
}
