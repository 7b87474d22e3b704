//! Blind review: the reviewer's grade is set apart from the force's, the
//! reviewer's work exports on its own and merges back by case id.
#![cfg(not(target_arch = "wasm32"))]

mod common;

use common::{assessment, case, test_framework};
use cpsa::domain::assessment::{GradeDecision, ReviewerGrade};
use cpsa::domain::edit::{apply, Edit};
use cpsa::domain::format::{export, import};
use cpsa::domain::forms::check_review;
use cpsa::domain::grade::{AnswerValue::*, CaseGrade::*};
use cpsa::domain::merge::{is_reviewer_copy, merge_reviewer, reviewer_copy, Conflict};
use std::sync::Arc;

fn graded_assessment() -> cpsa::domain::assessment::Assessment {
    let mut a = assessment();
    for id in ["1", "2"] {
        let mut c = case(id, "alpha", &[("K1", Met), ("C1", NotMet)]);
        c.force_grade = Some(GradeDecision {
            grade: Good,
            suggested: Some(RequiresImprovement),
            reason: "Partnership work not in the file".into(),
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
    assert_eq!(a.cases[0], before);
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

#[test]
fn the_reviewers_copy_holds_only_reviewer_grades_and_merges_back_by_case_id() {
    let fw = test_framework();
    let force = graded_assessment();
    // The reviewer works on their own copy of the force's export.
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
    let copy = reviewer_copy(&theirs);
    // Only the case reviewed, and only the reviewer's grade of it.
    assert_eq!(copy.cases.len(), 1);
    assert_eq!(copy.cases[0].id, "2");
    assert_eq!(copy.cases[0].reviewer_grade, Some(review(Inadequate)));
    assert_eq!(copy.cases[0].reference, "REF/2");
    assert!(is_reviewer_copy(&copy));
    assert!(
        !is_reviewer_copy(&theirs),
        "the force's own file is not one"
    );

    // It is a complete export file in its own right.
    let text = export(&copy, None, 1).unwrap();
    let back = import(text.as_bytes(), &common::catalogue()).unwrap();
    let outcome = merge_reviewer(&force, &back.assessment);
    assert_eq!(outcome.taken, ["2"]);
    assert!(outcome.conflicts.is_empty());
    assert_eq!(outcome.merged.cases[1].reviewer(), Some(Inadequate));
    // The force's own work is untouched by the merge.
    assert_eq!(
        outcome.merged.cases[1].force_grade,
        force.cases[1].force_grade
    );
    assert_eq!(outcome.merged.cases[1].answers, force.cases[1].answers);
}

#[test]
fn a_second_different_review_of_the_same_case_is_a_conflict_not_a_guess() {
    let mut force = graded_assessment();
    Arc::make_mut(&mut force.cases[0]).reviewer_grade = Some(review(Good));
    let mut theirs = force.clone();
    Arc::make_mut(&mut theirs.cases[0]).reviewer_grade = Some(review(Inadequate));
    let outcome = merge_reviewer(&force, &reviewer_copy(&theirs));
    assert!(outcome.taken.is_empty());
    assert!(matches!(
        outcome.conflicts[..],
        [Conflict::AlreadyGraded {
            existing: Good,
            incoming: Inadequate,
            ..
        }]
    ));
    assert_eq!(outcome.merged, force);
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
