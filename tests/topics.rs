//! Topic judgments (2024 framework): the case evidence for each topic, the
//! judgment form and the judgments table.
#![cfg(not(target_arch = "wasm32"))]

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
    assert_eq!(e.key_failures.len(), 1);
    assert_eq!(
        (
            e.key_failures[0].case.as_str(),
            e.key_failures[0].criterion.as_str()
        ),
        ("1", "IC1")
    );
    assert_eq!(e.refer_backs.len(), 1);
    assert!(e.refer_backs[0].open);

    // Investigation's not-met answer is in case 2, which is not referred
    // back, and IN2 is not key: evidence, but no key failure or refer-back.
    let investigating = evidence(fw, &a, &r, fw.topic("investigating").unwrap());
    assert_eq!(investigating.answers.not_met, 1);
    assert!(investigating.key_failures.is_empty());
    assert!(investigating.refer_backs.is_empty());
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
