//! Topic judgments (2024 framework): the case evidence for each topic, the
//! judgment form and the judgments table.
#![cfg(not(target_arch = "wasm32"))]
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

mod common;

use common::{assessment_in, builtin_framework, case};
use cpsa::domain::assessment::{Assessment, ReferBack, TopicJudgment};
use cpsa::domain::edit::{apply, Edit, EditError};
use cpsa::domain::forms::TopicForm;
use cpsa::domain::grade::{AnswerValue::*, TopicGrade};
use cpsa::domain::results::{GradeBasis, Results};
use cpsa::domain::topics::{evidence, judgments_table};

fn audited() -> Assessment {
    let fw = builtin_framework("ncpi-2024");
    let mut a = assessment_in(fw);
    let mut first = case("1", "domestic-abuse", &[("IC1", NotMet), ("IN2", Met)]);
    first.refer_back = Some(ReferBack {
        triggers: Vec::new(),
        reason: "Child not safeguarded".into(),
        owner: "DI".into(),
        raised: None,
        deadline: None,
        closure: None,
    });
    a.cases.push(first.into());
    a.cases
        .push(case("2", "domestic-abuse", &[("IC1", Met), ("IN2", NotMet)]).into());
    a
}

#[test]
fn a_topic_draws_on_the_answers_key_failures_and_refer_backs_of_its_stages() {
    let fw = builtin_framework("ncpi-2024");
    let a = audited();
    let r = Results::compute(fw, &a, GradeBasis::Final);
    let responding = fw.topic("responding").unwrap();
    let e = evidence(fw, &a, &r, responding);
    let stages: Vec<&str> = e.stages.iter().map(|s| s.stage.as_str()).collect();
    assert_eq!(stages, ["initial-contact", "decision-making"]);
    assert_eq!((e.answers.met, e.answers.not_met), (1, 1));
    let failed: Vec<(&str, Vec<&str>, usize)> = e
        .failures
        .iter()
        .map(|f| {
            let cases = f.cases.iter().map(|c| c.case.as_str()).collect();
            (f.criterion.as_str(), cases, f.key())
        })
        .collect();
    assert_eq!(failed, [("IC1", vec!["1"], 1)]);
    assert_eq!(e.refer_backs.len(), 1);
    assert!(e.refer_backs[0].open);

    // Investigation's not-met answer is in case 2, which is not referred
    // back: a failure, but no refer-back.
    let investigating = evidence(fw, &a, &r, fw.topic("investigating").unwrap());
    assert_eq!(investigating.answers.not_met, 1);
    assert_eq!(investigating.failures.len(), 1);
    assert_eq!(investigating.failures[0].criterion, "IN2");
    assert!(investigating.refer_backs.is_empty());
}

#[test]
fn a_topics_failures_come_once_per_criterion_with_their_cases_key_first_then_the_most_failed() {
    let fw = builtin_framework("ncpi-2024");
    let mut a = assessment_in(fw);
    // IC1 (key for domestic abuse) fails once; IC2 (not key) fails three
    // times; IC3 twice.
    let rows: [&[(&str, cpsa::domain::grade::AnswerValue)]; 3] = [
        &[("IC1", NotMet), ("IC2", NotMet), ("IC3", NotMet)],
        &[("IC2", NotMet), ("IC3", NotMet)],
        &[("IC2", NotMet), ("IC1", Met)],
    ];
    for (i, answers) in rows.into_iter().enumerate() {
        a.cases
            .push(case(&(i + 1).to_string(), "domestic-abuse", answers).into());
    }
    let r = Results::compute(fw, &a, GradeBasis::Final);
    let e = evidence(fw, &a, &r, fw.topic("responding").unwrap());
    let keyed = |id: &str| fw.criterion(id).unwrap().is_key_for("domestic-abuse");
    let failed: Vec<(&str, usize)> = e
        .failures
        .iter()
        .map(|f| (f.criterion.as_str(), f.cases.len()))
        .collect();
    // Whatever is key comes first; then the most failed.
    let mut expected = vec![("IC1", 1), ("IC2", 3), ("IC3", 2)];
    expected.sort_by_key(|(id, n)| (!keyed(id), std::cmp::Reverse(*n)));
    assert_eq!(failed, expected);
    let ic2 = e.failures.iter().find(|f| f.criterion == "IC2").unwrap();
    let cases: Vec<&str> = ic2.cases.iter().map(|c| c.case.as_str()).collect();
    assert_eq!(cases, ["1", "2", "3"]);
}

#[test]
fn a_grade_needs_reasoning_and_lists_are_one_item_per_line() {
    let form = TopicForm {
        grade: Some(TopicGrade::Adequate),
        reasoning: "  ".into(),
        areas: String::new(),
        promising: String::new(),
    };
    let errors = form.check("leadership").unwrap_err();
    assert_eq!(errors[0].field, "topic-reasoning");

    let form = TopicForm {
        grade: Some(TopicGrade::Adequate),
        reasoning: "Voice of the child missing in a third of cases.".into(),
        areas: "Record the voice of the child\n\n  Share it with partners  \n".into(),
        promising: "Operation Satin".into(),
    };
    let j = form.check("leadership").unwrap();
    assert_eq!(
        j.areas_for_improvement,
        ["Record the voice of the child", "Share it with partners"]
    );
    assert_eq!(j.promising_practice, ["Operation Satin"]);
    assert_eq!(
        TopicForm::from_judgment(Some(&j))
            .check("leadership")
            .unwrap(),
        j
    );
}

#[test]
fn judging_a_topic_again_replaces_the_judgment_and_unknown_topics_are_refused() {
    let fw = builtin_framework("ncpi-2024");
    let mut a = audited();
    let judge = |grade| {
        Edit::SetTopicJudgment(TopicJudgment {
            topic: "partnership".into(),
            grade: Some(grade),
            reasoning: "r".into(),
            areas_for_improvement: Vec::new(),
            promising_practice: Vec::new(),
            suggested: None,
        })
    };
    apply(&mut a, fw, judge(TopicGrade::Adequate)).unwrap();
    apply(&mut a, fw, judge(TopicGrade::Good)).unwrap();
    assert_eq!(a.topic_judgments.len(), 1);
    assert_eq!(a.topic_judgments[0].grade, Some(TopicGrade::Good));

    let before = a.clone();
    let unknown = Edit::SetTopicJudgment(TopicJudgment {
        topic: "traffic".into(),
        grade: None,
        reasoning: String::new(),
        areas_for_improvement: Vec::new(),
        promising_practice: Vec::new(),
        suggested: None,
    });
    assert_eq!(
        apply(&mut a, fw, unknown),
        Err(EditError::UnknownTopic("traffic".into()))
    );
    assert_eq!(a, before);
}

#[test]
fn the_judgments_table_puts_each_topic_under_its_grade_as_the_2025_report_does() {
    let fw = builtin_framework("ncpi-2024");
    let mut a = audited();
    // Northamptonshire 2025: adequate, good, requires improvement, adequate,
    // requires improvement.
    for (topic, grade) in [
        ("leadership", TopicGrade::Adequate),
        ("partnership", TopicGrade::Good),
        ("responding", TopicGrade::RequiresImprovement),
        ("risk-and-referrals", TopicGrade::Adequate),
    ] {
        a.topic_judgments.push(TopicJudgment {
            topic: topic.into(),
            grade: Some(grade),
            reasoning: "r".into(),
            areas_for_improvement: Vec::new(),
            promising_practice: Vec::new(),
            suggested: None,
        });
    }
    let (columns, ungraded) = judgments_table(fw, &a);
    let shape: Vec<(TopicGrade, Vec<&str>)> = columns
        .iter()
        .map(|c| (c.grade, c.topics.iter().map(String::as_str).collect()))
        .collect();
    assert_eq!(
        shape,
        [
            (TopicGrade::Outstanding, vec![]),
            (TopicGrade::Good, vec!["partnership"]),
            (
                TopicGrade::Adequate,
                vec!["leadership", "risk-and-referrals"]
            ),
            (TopicGrade::RequiresImprovement, vec!["responding"]),
            (TopicGrade::Inadequate, vec![]),
        ]
    );
    assert_eq!(ungraded, ["investigating"]);
}
