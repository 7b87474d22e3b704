//! Blind review: the reviewer's grade is set apart from the force's, and a
//! reviewer's file from before work packs still brings its grades back.
#![cfg(not(target_arch = "wasm32"))]
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

mod common;

use common::merge::bring_back;
use common::{assessment, case, test_framework};
use cpsa::domain::assessment::{GradeDecision, ReviewerGrade};
use cpsa::domain::edit::{apply, Edit};
use cpsa::domain::format::{export, import};
use cpsa::domain::forms::check_review;
use cpsa::domain::grade::{AnswerValue::*, CaseGrade::*};
use cpsa::domain::merge::{is_reviewer_copy, ConflictKind, Outcome, Part};
use std::collections::BTreeMap;
use std::sync::Arc;

fn graded_assessment() -> cpsa::domain::assessment::Assessment {
    let mut a = assessment();
    for id in ["1", "2"] {
        let mut c = case(id, "alpha", &[("K1", Met), ("C1", NotMet)]);
        c.force_grade = Some(GradeDecision {
            grade: Good,
            suggested: Some(RequiresImprovement),
            reason: "Partnership work not in the file".into(),
            after_review: false,
            before_review: None,
        });
        a.cases.push(c.into());
    }
    a
}

fn review(grade: cpsa::domain::grade::CaseGrade) -> ReviewerGrade {
    ReviewerGrade {
        grade,
        reviewer: "Peer force".into(),
        note: "Child not seen".into(),
    }
}

#[test]
fn a_reviewer_grade_leaves_the_forces_grade_and_answers_alone() {
    let fw = test_framework();
    let mut a = graded_assessment();
    let before = a.cases[0].clone();
    apply(
        &mut a,
        &fw,
        Edit::SetReviewerGrade {
            case: "1".into(),
            grade: Some(review(Inadequate)),
        },
    )
    .unwrap();
    assert_eq!(a.cases[0].reviewer(), Some(Inadequate));
    assert_eq!(a.cases[0].force_grade, before.force_grade);
    assert_eq!(a.cases[0].answers, before.answers);
    apply(
        &mut a,
        &fw,
        Edit::SetReviewerGrade {
            case: "1".into(),
            grade: None,
        },
    )
    .unwrap();
    // Nothing of the case changed but the count of changes to the reviewer's
    // grade, kept apart from the audit's so the two come back apart.
    assert_eq!(a.cases[0].versions, before.versions);
    assert_eq!(a.cases[0].review_versions.get("lead"), Some(&2));
    let mut after = (*a.cases[0]).clone();
    after.review_versions = before.review_versions.clone();
    assert_eq!(after, *before);
    assert!(apply(
        &mut a,
        &fw,
        Edit::SetReviewerGrade {
            case: "9".into(),
            grade: None
        }
    )
    .is_err());
}

/// A reviewer's file as versions before work packs wrote it: the cases
/// reviewed, each with its reference and the reviewer's grade only.
fn old_reviewer_copy(
    a: &cpsa::domain::assessment::Assessment,
) -> cpsa::domain::assessment::Assessment {
    let mut copy = a.clone();
    copy.cases = a
        .cases
        .iter()
        .filter(|c| c.reviewer_grade.is_some())
        .map(|c| {
            let mut out = cpsa::domain::assessment::Case::new(c.id.clone(), c.case_type.clone());
            out.reference = c.reference.clone();
            out.reviewer_grade = c.reviewer_grade.clone();
            Arc::new(out)
        })
        .collect();
    copy
}

#[test]
fn a_reviewers_file_from_before_work_packs_still_brings_its_grades_back_by_case_id() {
    let fw = test_framework();
    let force = graded_assessment();
    let mut theirs = force.clone();
    apply(
        &mut theirs,
        &fw,
        Edit::SetReviewerGrade {
            case: "2".into(),
            grade: Some(review(Inadequate)),
        },
    )
    .unwrap();
    let copy = old_reviewer_copy(&theirs);
    assert!(is_reviewer_copy(&copy));
    assert!(
        !is_reviewer_copy(&theirs),
        "the force's own file is not one"
    );
    let text = export(&copy, None, 1).unwrap();
    let back = import(text.as_bytes(), &common::catalogue()).unwrap();
    let m = bring_back(&force, &back.assessment, &BTreeMap::new()).unwrap();
    assert_eq!(m.cases.len(), 1);
    assert_eq!(
        (
            m.cases[0].case.as_str(),
            m.cases[0].part,
            &m.cases[0].outcome
        ),
        ("2", Part::Review, &Outcome::Taken)
    );
    assert_eq!(m.merged.cases[1].reviewer(), Some(Inadequate));
    // The force's own work is untouched.
    assert_eq!(m.merged.cases[1].force_grade, force.cases[1].force_grade);
    assert_eq!(m.merged.cases[1].answers, force.cases[1].answers);
}

#[test]
fn a_second_different_review_of_the_same_case_is_a_conflict_not_a_guess() {
    let mut force = graded_assessment();
    Arc::make_mut(&mut force.cases[0]).reviewer_grade = Some(review(Good));
    let mut theirs = force.clone();
    Arc::make_mut(&mut theirs.cases[0]).reviewer_grade = Some(review(Inadequate));
    let m = bring_back(&force, &old_reviewer_copy(&theirs), &BTreeMap::new()).unwrap();
    assert_eq!(
        m.cases[0].outcome,
        Outcome::Conflict(ConflictKind::ReviewerGrade {
            ours: Good,
            theirs: Inadequate
        })
    );
    assert_eq!(m.merged, force);
}

#[test]
fn the_review_form_needs_a_grade_and_a_reviewer() {
    let errors = check_review(None, "  ", "").unwrap_err();
    let fields: Vec<&str> = errors.iter().map(|e| e.field.as_str()).collect();
    assert_eq!(fields, ["review-reviewer", "review-grade"]);
    let ok = check_review(Some(RequiresImprovement), " DI Smith ", " note ").unwrap();
    assert_eq!(ok.reviewer, "DI Smith");
    assert_eq!(ok.note, "note");
}
