//! Progress over time: an earlier assessment kept as a baseline, and the
//! change per case type, stage and topic.
#![cfg(not(target_arch = "wasm32"))]
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

mod common;

use common::{assessment_in, builtin_framework, case, date};
use cpsa::domain::assessment::{Assessment, BaselineStage, GradeDecision, Period, TopicJudgment};
use cpsa::domain::baseline::{compare, snapshot, Direction};
use cpsa::domain::format::{export, import};
use cpsa::domain::framework::Catalogue;
use cpsa::domain::grade::{AnswerValue::*, CaseGrade, TopicGrade};
use cpsa::domain::results::{GradeBasis, GradeCounts, Results};
use std::sync::Arc;

fn graded(
    id: &str,
    case_type: &str,
    answer: cpsa::domain::grade::AnswerValue,
    grade: CaseGrade,
) -> cpsa::domain::assessment::Case {
    let mut c = case(id, case_type, &[("IC1", answer)]);
    c.force_grade = Some(GradeDecision {
        grade,
        suggested: None,
        reason: String::new(),
        after_review: false,
        before_review: None,
    });
    c
}

fn assessment(
    year: i32,
    cases: Vec<cpsa::domain::assessment::Case>,
    leadership: TopicGrade,
) -> Assessment {
    let mut a = Assessment::new(
        format!("a-{year}"),
        "Testshire Police".into(),
        builtin_framework("ncpi-2024"),
        Period {
            start: date(&format!("{year}-01-01")),
            end: date(&format!("{year}-12-31")),
        },
    );
    a.cases = cases.into_iter().map(Arc::new).collect();
    a.topic_judgments.push(TopicJudgment {
        topic: "leadership".into(),
        grade: Some(leadership),
        reasoning: "r".into(),
        areas_for_improvement: Vec::new(),
        promising_practice: Vec::new(),
        suggested: None,
    });
    a
}

#[test]
fn progress_shows_the_change_per_case_type_stage_and_topic() {
    let fw = builtin_framework("ncpi-2024");
    let earlier = assessment(
        2024,
        vec![
            graded("1", "missing", NotMet, CaseGrade::Inadequate),
            graded("2", "missing", NotMet, CaseGrade::Inadequate),
            graded("3", "domestic-abuse", Met, CaseGrade::Good),
        ],
        TopicGrade::RequiresImprovement,
    );
    let b = snapshot(fw, &earlier);
    assert_eq!(b.force, "Testshire Police");
    assert_eq!(
        b.by_case_type.len(),
        2,
        "only types with graded cases: {b:?}"
    );
    assert_eq!(
        b.by_stage,
        [BaselineStage {
            stage: "initial-contact".into(),
            met: 1,
            partly_met: 0,
            not_met: 2
        }]
    );

    let mut now = assessment(
        2025,
        vec![
            graded("1", "missing", Met, CaseGrade::Good),
            graded("2", "missing", NotMet, CaseGrade::RequiresImprovement),
            graded("3", "domestic-abuse", Met, CaseGrade::Good),
        ],
        TopicGrade::Adequate,
    );
    now.baseline = Some(b.clone());
    let r = Results::compute(fw, &now, GradeBasis::Final);
    let p = compare(fw, &now, &r, &b, None);

    let missing = p
        .by_case_type
        .iter()
        .find(|t| t.case_type == "missing")
        .unwrap();
    assert_eq!(
        missing.then,
        GradeCounts {
            good: 0,
            requires_improvement: 0,
            inadequate: 2
        }
    );
    assert_eq!(
        missing.now,
        GradeCounts {
            good: 1,
            requires_improvement: 1,
            inadequate: 0
        }
    );
    assert_eq!(
        (missing.good_then, missing.good_now),
        (Some(0.0), Some(0.5))
    );
    assert_eq!(missing.direction, Direction::Better);
    let da = p
        .by_case_type
        .iter()
        .find(|t| t.case_type == "domestic-abuse")
        .unwrap();
    assert_eq!(da.direction, Direction::Same);
    assert_eq!(
        p.by_case_type.len(),
        2,
        "types with no cases either time are left out"
    );

    assert_eq!(p.by_stage.len(), 1);
    let s = &p.by_stage[0];
    assert_eq!((s.met_then, s.met_now), (Some(1.0 / 3.0), Some(2.0 / 3.0)));
    assert_eq!(s.direction, Direction::Better);

    assert_eq!(p.by_topic.len(), 1);
    assert_eq!(p.by_topic[0].then, Some(TopicGrade::RequiresImprovement));
    assert_eq!(p.by_topic[0].now, Some(TopicGrade::Adequate));
    assert_eq!(p.by_topic[0].direction, Direction::Better);
}

#[test]
fn what_only_the_baseline_has_is_still_shown_by_its_id() {
    let fw = builtin_framework("ncpi-2024");
    let earlier = assessment(
        2024,
        vec![graded("1", "missing", Met, CaseGrade::Good)],
        TopicGrade::Good,
    );
    let mut b = snapshot(fw, &earlier);
    b.by_case_type[0].case_type = "retired-type".into();
    b.topics[0].topic = "retired-topic".into();
    let now = assessment(2025, Vec::new(), TopicGrade::Good);
    let r = Results::compute(fw, &now, GradeBasis::Final);
    let p = compare(fw, &now, &r, &b, None);
    assert_eq!(p.by_case_type[0].name, "retired-type");
    // Named from the baseline's own framework when it is on the device: a
    // 2024 baseline's child criminal exploitation cases against an
    // assessment made with the older framework, which lacks the type.
    let child_journey = builtin_framework("child-journey");
    let older = assessment_in(child_journey);
    let mut cce = snapshot(fw, &earlier);
    cce.by_case_type[0].case_type = "cce".into();
    let r = Results::compute(child_journey, &older, GradeBasis::Final);
    let named = compare(child_journey, &older, &r, &cce, Some(fw));
    assert_eq!(named.by_case_type[0].name, "Child criminal exploitation");
    assert_eq!(
        compare(child_journey, &older, &r, &cce, None).by_case_type[0].name,
        "cce"
    );
    assert_eq!(p.by_case_type[0].direction, Direction::NotComparable);
    let retired = p
        .by_topic
        .iter()
        .find(|t| t.topic == "retired-topic")
        .unwrap();
    assert_eq!(retired.direction, Direction::NotComparable);
}

#[test]
fn a_baseline_travels_in_the_export_and_back() {
    let fw = builtin_framework("ncpi-2024");
    let earlier = assessment(
        2024,
        vec![graded("1", "missing", NotMet, CaseGrade::Inadequate)],
        TopicGrade::Inadequate,
    );
    let mut now = assessment(2025, Vec::new(), TopicGrade::Good);
    now.baseline = Some(snapshot(fw, &earlier));
    now.action_plan.report_date = Some(date("2025-09-01"));
    let text = export(&now, None, 3).unwrap();
    let back = import(text.as_bytes(), Catalogue::builtin().unwrap()).unwrap();
    assert_eq!(back.assessment, now);
}

/// Which way a case type moved, from its grades then and now.
fn type_direction(then: &[CaseGrade], now: &[CaseGrade]) -> Direction {
    let fw = common::test_framework();
    let with = |grades: &[CaseGrade]| {
        let mut a = common::assessment();
        a.cases = grades
            .iter()
            .enumerate()
            .map(|(i, g)| {
                let mut c = case(&format!("case-{}", i + 1), "alpha", &[("K1", Met)]);
                c.force_grade = Some(GradeDecision {
                    grade: *g,
                    suggested: None,
                    reason: String::new(),
                    after_review: false,
                    before_review: None,
                });
                Arc::new(c)
            })
            .collect();
        a
    };
    let b = snapshot(&fw, &with(then));
    let mut a = with(now);
    a.baseline = Some(b.clone());
    let r = Results::compute(&fw, &a, GradeBasis::Final);
    let p = compare(&fw, &a, &r, &b, Some(&fw));
    p.by_case_type
        .iter()
        .find(|t| t.case_type == "alpha")
        .unwrap()
        .direction
}

/// A case type's change counts cases leaving or reaching inadequate, the
/// share the reports weigh most (N18: 6 of 7 missing-children cases
/// inadequate), not the share graded good alone. Found in review
/// (2026-12-07): N18's missing children moving from 0 / 1 / 6 to 0 / 7 / 0
/// read "No change".
#[test]
fn a_case_types_change_counts_cases_leaving_or_reaching_inadequate() {
    use CaseGrade::{Good as G, Inadequate as I, RequiresImprovement as R};
    assert_eq!(
        type_direction(&[R, I, I, I, I, I, I], &[R; 7]),
        Direction::Better
    );
    assert_eq!(
        type_direction(&[G, R, R, R], &[G, I, I, I]),
        Direction::Worse
    );
    assert_eq!(type_direction(&[R, R, I], &[G, R, R]), Direction::Better);
    assert_eq!(type_direction(&[G, R, R], &[R, R, I]), Direction::Worse);
    assert_eq!(type_direction(&[G, R, I], &[I, R, G]), Direction::Same);
    // More good and more inadequate: neither better nor worse.
    assert_eq!(
        type_direction(&[R, R, R, R], &[G, G, I, I]),
        Direction::Mixed
    );
    assert_eq!(Direction::Mixed.label(), "Mixed");
}
