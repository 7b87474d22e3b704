//! The suggested case grade and completeness (docs/grading.md).
#![cfg(not(target_arch = "wasm32"))]
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

mod common;

use common::{case, test_framework};
use cpsa::domain::assessment::{GradeDecision, ReferBack};
use cpsa::domain::grade::{completeness, suggest, AnswerValue::*, CaseGrade, Reason};

fn grade_of(answers: &[(&str, cpsa::domain::grade::AnswerValue)]) -> Option<CaseGrade> {
    suggest(&test_framework(), &case("c", "alpha", answers)).grade
}

#[test]
fn all_met_suggests_good() {
    let s = suggest(
        &test_framework(),
        &case(
            "c",
            "alpha",
            &[("K1", Met), ("C1", Met), ("C2", Met), ("C3", Met)],
        ),
    );
    assert_eq!(s.grade, Some(CaseGrade::Good));
    assert_eq!(s.score, Some(1.0));
}

#[test]
fn a_key_criterion_not_met_makes_the_case_inadequate_and_says_which() {
    let fw = test_framework();
    let s = suggest(
        &fw,
        &case(
            "c",
            "alpha",
            &[("K1", NotMet), ("C1", Met), ("C2", Met), ("C3", Met)],
        ),
    );
    assert_eq!(s.grade, Some(CaseGrade::Inadequate));
    assert_eq!(
        s.reasons[0],
        Reason::KeyNotMet {
            criterion: "K1".into()
        }
    );
    assert_eq!(
        s.reasons[0].describe(&fw),
        "Key criterion K1 (Key one?) is not met."
    );
}

#[test]
fn a_key_criterion_partly_met_stops_a_high_score_being_good() {
    let fw = test_framework();
    // (0.5 + 1 + 1 + 1) / 4 = 0.875, above the 0.75 threshold.
    let s = suggest(
        &fw,
        &case(
            "c",
            "alpha",
            &[("K1", PartlyMet), ("C1", Met), ("C2", Met), ("C3", Met)],
        ),
    );
    assert_eq!(s.grade, Some(CaseGrade::RequiresImprovement));
    assert!(s.reasons.contains(&Reason::KeyPartlyMet {
        criterion: "K1".into()
    }));
}

#[test]
fn the_thresholds_come_from_the_framework_and_are_inclusive_for_good() {
    // Exactly 0.75 is good in the test framework.
    assert_eq!(
        grade_of(&[("K1", Met), ("C1", Met), ("C2", Met), ("C3", NotMet)]),
        Some(CaseGrade::Good)
    );
    // Exactly 0.5 is not below 0.5: requires improvement.
    assert_eq!(
        grade_of(&[("K1", Met), ("C1", Met), ("C2", NotMet), ("C3", NotMet)]),
        Some(CaseGrade::RequiresImprovement)
    );
    // 0.375 is below 0.5: inadequate.
    assert_eq!(
        grade_of(&[
            ("K1", Met),
            ("C1", NotMet),
            ("C2", NotMet),
            ("C3", PartlyMet)
        ]),
        Some(CaseGrade::Inadequate)
    );
}

#[test]
fn not_applicable_and_unanswered_are_left_out_of_the_score() {
    let s = suggest(
        &test_framework(),
        &case(
            "c",
            "alpha",
            &[("K1", Met), ("C1", NotApplicable), ("C2", Met)],
        ),
    );
    assert_eq!(s.score, Some(1.0));
    assert_eq!(s.grade, Some(CaseGrade::Good));
    assert!(s.reasons.contains(&Reason::Unanswered { count: 1 }));
}

#[test]
fn nothing_scored_suggests_nothing() {
    let s = suggest(
        &test_framework(),
        &case("c", "alpha", &[("C1", NotApplicable)]),
    );
    assert_eq!(s.grade, None);
    assert_eq!(s.reasons, [Reason::NothingScored]);
}

#[test]
fn a_refer_back_makes_the_case_inadequate_whatever_the_answers() {
    let mut c = case(
        "c",
        "alpha",
        &[("K1", Met), ("C1", Met), ("C2", Met), ("C3", Met)],
    );
    c.refer_back = Some(ReferBack {
        triggers: vec![],
        reason: "Child at immediate risk".into(),
        owner: "DI Smith".into(),
        raised: None,
        deadline: None,
        closure: None,
    });
    let s = suggest(&test_framework(), &c);
    assert_eq!(s.grade, Some(CaseGrade::Inadequate));
    assert_eq!(s.reasons[0], Reason::ReferredBack);
}

#[test]
fn criteria_of_other_case_types_are_ignored() {
    // B1 belongs to beta; an answer to it on an alpha case does not count.
    assert_eq!(
        grade_of(&[
            ("K1", Met),
            ("C1", Met),
            ("C2", Met),
            ("C3", Met),
            ("B1", NotMet)
        ]),
        Some(CaseGrade::Good)
    );
}

#[test]
fn completeness_lists_unanswered_criteria_and_missing_notes_apart_from_the_grade() {
    let fw = test_framework();
    let mut c = case(
        "c",
        "alpha",
        &[("K1", Met), ("C1", NotMet), ("C2", PartlyMet)],
    );
    c.answers.get_mut("C1").unwrap().note = "   ".into();
    c.answers.get_mut("C2").unwrap().note.clear();
    let done = completeness(&fw, &[], &c);
    assert_eq!(done.applicable, 4);
    assert_eq!(done.answered, 3);
    assert_eq!(done.unanswered, ["C3"]);
    assert_eq!(done.missing_notes, ["C1", "C2"]);
    assert!(done.missing_grade);
    assert!(!done.is_complete());
    // The grade is suggested all the same.
    assert!(suggest(&fw, &c).grade.is_some());
}

#[test]
fn an_override_needs_a_reason_before_the_case_is_complete() {
    let fw = test_framework();
    let mut c = case(
        "c",
        "alpha",
        &[("K1", Met), ("C1", Met), ("C2", Met), ("C3", NotMet)],
    );
    c.force_grade = Some(GradeDecision {
        grade: CaseGrade::RequiresImprovement,
        suggested: Some(CaseGrade::Good),
        reason: String::new(),
        after_review: false,
        before_review: None,
    });
    assert!(completeness(&fw, &[], &c).missing_override_reason);
    c.force_grade.as_mut().unwrap().reason = "Supervision was absent throughout.".into();
    assert!(completeness(&fw, &[], &c).is_complete());
}

/// A score is shown against its thresholds so that one just below a
/// threshold never reads as the threshold. Found in review: a case scoring
/// 79.5-79.9% read "The score is 80% ..., between 50% and 80%".
#[test]
fn a_score_just_below_a_threshold_is_not_shown_as_the_threshold() {
    use cpsa::domain::grade::{percent_against, ScoreBand};
    let fw = test_framework();
    let reason = |score: f64| {
        Reason::Score {
            score,
            scored: 49,
            band: ScoreBand::Middle {
                low: 0.5,
                high: 0.8,
            },
            key_weight: 1.0,
        }
        .describe(&fw)
    };
    assert_eq!(
        reason(0.797),
        "The score is 79% across 49 scored criteria, between 50% and 80%."
    );
    assert_eq!(
        reason(0.786),
        "The score is 79% across 49 scored criteria, between 50% and 80%."
    );
    // Exactly at a threshold, however the division falls, it is the threshold.
    assert_eq!(percent_against(39.0 / 48.75, &[0.8]), "80%");
    assert_eq!(percent_against(0.8 - 1e-12, &[0.8]), "80%");
    assert_eq!(percent_against(0.649, &[0.5, 0.65]), "64%");
    assert_eq!(percent_against(0.246, &[0.1, 0.25]), "24%");
    // Away from a threshold, rounded as usual.
    assert_eq!(percent_against(2.0 / 3.0, &[0.1, 0.25]), "67%");
    assert_eq!(percent_against(0.0, &[0.5]), "0%");
    assert_eq!(percent_against(1.0, &[0.8]), "100%");
}
