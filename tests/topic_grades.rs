//! The suggested topic grade (2024 framework): the force-level statements
//! and the case audit of the topic's stages, weighed by the rule in
//! `docs/grading.md` ("Topic grades"); the lead confirms it or grades
//! differently with a reason, and overrides are counted as for cases.
#![cfg(not(target_arch = "wasm32"))]
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

mod common;

use common::{assessment_in, builtin_framework, case};
use cpsa::domain::assessment::{
    Assessment, Evidence, EvidenceKind, ReferBack, StatementAnswer, StatementValue, TopicJudgment,
};
use cpsa::domain::edit::{apply, Edit, EditError};
use cpsa::domain::framework::Framework;
use cpsa::domain::grade::{AnswerValue, TopicGrade};
use cpsa::domain::results::{GradeBasis, Results};
use cpsa::domain::topics::{
    evidence, overrides, suggest, suggestion_changed, SuggestionChange, TopicSuggestion,
};

const TOPIC: &str = "responding";
const TYPE: &str = "domestic-abuse";

fn fw() -> &'static Framework {
    builtin_framework("ncpi-2024")
}

/// The topic's criteria for a domestic-abuse case: (key, not key).
fn criteria() -> (String, Vec<String>) {
    let topic = fw().topic(TOPIC).unwrap();
    let mut key = None;
    let mut other = Vec::new();
    for c in fw().criteria_for(TYPE) {
        if !topic.stages.contains(&c.stage) {
            continue;
        }
        if c.is_key_for(TYPE) {
            key.get_or_insert_with(|| c.id.clone());
        } else {
            other.push(c.id.clone());
        }
    }
    (key.unwrap(), other)
}

fn answer_statements(a: &mut Assessment, values: &[StatementValue]) {
    let topic = fw().topic(TOPIC).unwrap();
    for (s, v) in topic.good.iter().zip(values) {
        let answer = StatementAnswer {
            value: Some(*v),
            evidence: vec![Evidence {
                kind: EvidenceKind::Document,
                what: "Policy".into(),
                holder: "Head of PVP".into(),
                date: Some("2025-01-10".parse().unwrap()),
            }],
            note: String::new(),
        };
        apply(
            a,
            fw(),
            Edit::SetStatement {
                statement: s.id.clone(),
                answer: Some(answer),
            },
        )
        .unwrap();
    }
}

/// `cases` domestic-abuse cases, the first `key_failed` failing the key
/// criterion and the rest meeting it; every case meets the others.
fn add_cases(a: &mut Assessment, cases: usize, key_failed: usize) {
    let (key, others) = criteria();
    for i in 0..cases {
        let mut answers = vec![(
            key.as_str(),
            if i < key_failed {
                AnswerValue::NotMet
            } else {
                AnswerValue::Met
            },
        )];
        answers.extend(others.iter().map(|c| (c.as_str(), AnswerValue::Met)));
        a.cases.push(case(&format!("c{i}"), TYPE, &answers).into());
    }
}

fn suggestion(a: &Assessment) -> TopicSuggestion {
    let r = Results::compute(fw(), a, GradeBasis::Final);
    let topic = fw().topic(TOPIC).unwrap();
    let e = evidence(fw(), a, &r, topic);
    suggest(fw(), a, &e, topic)
}

use StatementValue::{Met, NotApplicable, NotMet, PartlyMet};

#[test]
fn no_grade_is_suggested_until_half_the_statements_are_answered() {
    let mut a = assessment_in(fw());
    add_cases(&mut a, 10, 0);
    answer_statements(&mut a, &[Met; 4]);
    let s = suggestion(&a);
    assert_eq!(s.grade, None);
    assert_eq!(
        s.reasons,
        ["Answer at least 5 of the topic's 9 statements for a suggestion (4 answered)."]
    );
    answer_statements(&mut a, &[Met; 5]);
    assert_eq!(suggestion(&a).grade, Some(TopicGrade::Good));
}

#[test]
fn every_statement_met_and_clean_cases_suggest_good_and_outstanding_needs_promising_practice() {
    let mut a = assessment_in(fw());
    add_cases(&mut a, 10, 0);
    answer_statements(&mut a, &[Met; 9]);
    let s = suggestion(&a);
    assert_eq!(s.grade, Some(TopicGrade::Good));
    assert_eq!((s.cases, s.key_failed_cases), (10, 0));
    a.topic_judgments.push(TopicJudgment {
        topic: TOPIC.into(),
        grade: None,
        reasoning: String::new(),
        areas_for_improvement: Vec::new(),
        promising_practice: vec!["Early intervention worker in the missing team".into()],
        suggested: None,
    });
    assert_eq!(suggestion(&a).grade, Some(TopicGrade::Outstanding));
    // A statement only partly met: good at best.
    answer_statements(&mut a, &[PartlyMet]);
    assert_eq!(suggestion(&a).grade, Some(TopicGrade::Good));
}

#[test]
fn without_cases_the_statements_alone_decide_and_the_reasons_say_so() {
    let mut a = assessment_in(fw());
    answer_statements(
        &mut a,
        &[Met, Met, Met, Met, Met, Met, Met, NotApplicable, NotMet],
    );
    let s = suggestion(&a);
    // A statement not met is an area for improvement: adequate at best.
    assert_eq!(s.grade, Some(TopicGrade::Adequate));
    assert_eq!(s.statement_score, Some(7.0 / 8.0));
    assert!(
        s.reasons
            .iter()
            .any(|r| r.contains("rests on the statements alone")),
        "{:?}",
        s.reasons
    );
}

#[test]
fn the_lower_score_decides_with_the_thresholds_of_the_framework() {
    // Statements scoring (3 + 0.5 * 2) / 9 = 44%: inadequate, however good
    // the cases.
    let mut a = assessment_in(fw());
    add_cases(&mut a, 10, 0);
    answer_statements(
        &mut a,
        &[
            Met, Met, Met, PartlyMet, PartlyMet, NotMet, NotMet, NotMet, NotMet,
        ],
    );
    assert_eq!(suggestion(&a).grade, Some(TopicGrade::Inadequate));
    // (3 + 0.5 * 2) / 7 = 57%: requires improvement.
    let mut a = assessment_in(fw());
    add_cases(&mut a, 10, 0);
    answer_statements(
        &mut a,
        &[Met, Met, Met, PartlyMet, PartlyMet, NotMet, NotMet],
    );
    let s = suggestion(&a);
    assert_eq!(s.statement_score, Some(4.0 / 7.0));
    assert_eq!(s.grade, Some(TopicGrade::RequiresImprovement));
}

#[test]
fn key_failures_weigh_by_the_share_of_cases_they_affect() {
    for (failed, grade) in [
        (0, TopicGrade::Good),
        (1, TopicGrade::Adequate),
        (2, TopicGrade::RequiresImprovement),
        (4, TopicGrade::RequiresImprovement),
        (5, TopicGrade::Inadequate),
    ] {
        let mut a = assessment_in(fw());
        add_cases(&mut a, 20, failed);
        answer_statements(&mut a, &[Met; 9]);
        let s = suggestion(&a);
        assert_eq!(
            s.grade,
            Some(grade),
            "{failed} of 20 cases: {:?}",
            s.reasons
        );
        assert_eq!(s.key_failed_cases, failed as u32);
    }
}

#[test]
fn a_case_still_referred_back_for_practice_in_the_topic_suggests_requires_improvement() {
    let mut a = assessment_in(fw());
    add_cases(&mut a, 20, 1);
    answer_statements(&mut a, &[Met; 9]);
    assert_eq!(suggestion(&a).grade, Some(TopicGrade::Adequate));
    let referred = a.case_mut("c0").unwrap();
    referred.refer_back = Some(ReferBack {
        triggers: Vec::new(),
        reason: "Child at risk".into(),
        owner: "DI".into(),
        raised: None,
        deadline: None,
        closure: None,
    });
    let s = suggestion(&a);
    assert_eq!(s.grade, Some(TopicGrade::RequiresImprovement));
    assert!(s.reasons.iter().any(|r| r.contains("still referred back")));
}

#[test]
fn statements_without_evidence_count_as_answered_and_are_named_in_the_reasons() {
    let mut a = assessment_in(fw());
    answer_statements(&mut a, &[Met; 9]);
    let first = fw().topic(TOPIC).unwrap().good[0].id.clone();
    a.statements.get_mut(&first).unwrap().evidence.clear();
    let s = suggestion(&a);
    assert_eq!(s.grade, Some(TopicGrade::Good));
    assert!(s
        .reasons
        .iter()
        .any(|r| r.starts_with("1 statement answered without full evidence")));
}

fn judge(a: &mut Assessment, grade: TopicGrade, reasoning: &str) -> Result<(), EditError> {
    apply(
        a,
        fw(),
        Edit::SetTopicJudgment(TopicJudgment {
            topic: TOPIC.into(),
            grade: Some(grade),
            reasoning: reasoning.into(),
            areas_for_improvement: Vec::new(),
            promising_practice: Vec::new(),
            suggested: None,
        }),
    )
    .map(|_| ())
}

#[test]
fn a_grade_other_than_the_suggestion_needs_a_reason_and_counts_as_an_override() {
    let mut a = assessment_in(fw());
    add_cases(&mut a, 20, 2);
    answer_statements(&mut a, &[Met; 9]);
    assert_eq!(suggestion(&a).grade, Some(TopicGrade::RequiresImprovement));

    assert_eq!(
        judge(&mut a, TopicGrade::Good, " "),
        Err(EditError::ReasonRequired)
    );
    assert!(
        a.topic_judgments.is_empty(),
        "a refused edit changes nothing"
    );

    judge(&mut a, TopicGrade::RequiresImprovement, "").unwrap();
    assert_eq!(
        a.topic_judgments[0].suggested,
        Some(TopicGrade::RequiresImprovement)
    );
    let o = overrides(&a);
    assert_eq!((o.decided, o.confirmed, o.kinder, o.harsher), (1, 1, 0, 0));

    judge(
        &mut a,
        TopicGrade::Good,
        "The two cases predate the new policy.",
    )
    .unwrap();
    let o = overrides(&a);
    assert_eq!((o.decided, o.confirmed, o.kinder, o.harsher), (1, 0, 1, 0));

    judge(
        &mut a,
        TopicGrade::Inadequate,
        "Wider failings seen in dip samples.",
    )
    .unwrap();
    let o = overrides(&a);
    assert_eq!((o.decided, o.kinder, o.harsher), (1, 0, 1));
}

fn judgment(grade: Option<TopicGrade>, reasoning: &str, promising: &[&str]) -> TopicJudgment {
    TopicJudgment {
        topic: TOPIC.into(),
        grade,
        reasoning: reasoning.into(),
        areas_for_improvement: Vec::new(),
        promising_practice: promising.iter().map(|s| (*s).to_owned()).collect(),
        suggested: None,
    }
}

/// A statement not answered may be one not met: "outstanding when every
/// applicable statement is met" cannot be known while any is unanswered
/// (docs/grading.md, "Topic grades"). Found in review: five of nine met
/// and four unanswered suggested outstanding.
#[test]
fn outstanding_is_not_suggested_while_a_statement_is_unanswered() {
    let mut a = assessment_in(fw());
    add_cases(&mut a, 10, 0);
    answer_statements(&mut a, &[Met; 5]);
    a.topic_judgments
        .push(judgment(None, "", &["Early intervention worker"]));
    let s = suggestion(&a);
    assert_eq!(s.statements.unanswered, 4);
    assert_eq!(s.grade, Some(TopicGrade::Good));
    assert!(s
        .reasons
        .contains(&"4 statements not answered yet: outstanding needs every one answered.".into()));
    answer_statements(&mut a, &[Met; 9]);
    assert_eq!(suggestion(&a).grade, Some(TopicGrade::Outstanding));
}

/// The suggestion a judgment is saved against is the one for that judgment:
/// promising practice is part of it. Found in review: it was worked out
/// from the judgment being replaced, so removing the practice while
/// keeping "outstanding" counted as confirming the suggestion, and
/// recording practice with "outstanding" in one save as a kinder override.
#[test]
fn a_topic_grade_is_judged_against_the_suggestion_for_the_judgment_being_saved() {
    let mut a = assessment_in(fw());
    add_cases(&mut a, 10, 0);
    answer_statements(&mut a, &[Met; 9]);
    let outstanding = |practice: &[&str], reasoning: &str| {
        Edit::SetTopicJudgment(judgment(Some(TopicGrade::Outstanding), reasoning, practice))
    };
    // Practice recorded and "outstanding" taken in one save: confirmed.
    apply(
        &mut a,
        fw(),
        outstanding(&["Early intervention worker"], ""),
    )
    .unwrap();
    assert_eq!(
        a.topic_judgments[0].suggested,
        Some(TopicGrade::Outstanding)
    );
    let o = overrides(&a);
    assert_eq!((o.decided, o.confirmed, o.kinder, o.harsher), (1, 1, 0, 0));
    // The practice removed, the grade kept: a kinder override of good,
    // which needs its reason.
    assert_eq!(
        apply(&mut a, fw(), outstanding(&[], "")),
        Err(EditError::ReasonRequired)
    );
    apply(
        &mut a,
        fw(),
        outstanding(&[], "The worker has left; kept for now."),
    )
    .unwrap();
    assert_eq!(suggestion(&a).grade, Some(TopicGrade::Good));
    assert_eq!(a.topic_judgments[0].suggested, Some(TopicGrade::Good));
    let o = overrides(&a);
    assert_eq!((o.decided, o.confirmed, o.kinder, o.harsher), (1, 0, 1, 0));
}

/// A topic judged against the suggestion of the day, and cases audited
/// since that move it: the judgment is flagged for reading again, as a
/// case's grade is, until it is saved against the new suggestion. Found in
/// review: the stored suggestion was never compared again, so a grade the
/// evidence no longer supports still counted as "confirmed".
#[test]
fn a_topic_judged_before_the_evidence_changed_is_flagged_until_judged_again() {
    let changed = |a: &Assessment| {
        let r = Results::compute(fw(), a, GradeBasis::Final);
        let t = fw().topic(TOPIC).unwrap();
        suggestion_changed(fw(), a, &evidence(fw(), a, &r, t), t)
    };
    let mut a = assessment_in(fw());
    add_cases(&mut a, 20, 0);
    answer_statements(&mut a, &[Met; 9]);
    assert_eq!(changed(&a), None, "not judged yet");
    judge(&mut a, TopicGrade::Good, "").unwrap();
    assert_eq!(changed(&a), None);

    // Two more cases audited, each failing the key criterion.
    let (key, _) = criteria();
    for i in 0..2 {
        let failed = [(key.as_str(), AnswerValue::NotMet)];
        a.cases
            .push(case(&format!("late{i}"), TYPE, &failed).into());
    }
    assert_eq!(
        changed(&a),
        Some(SuggestionChange {
            was: Some(TopicGrade::Good),
            now: Some(TopicGrade::Adequate)
        })
    );
    // Judged again, with a reason for keeping the kinder grade.
    judge(
        &mut a,
        TopicGrade::Good,
        "The two cases are from before the new policy.",
    )
    .unwrap();
    assert_eq!(changed(&a), None);
    assert_eq!(overrides(&a).kinder, 1);
}

/// `cpsa summary` names the same topics the app flags, in text and JSON, and
/// stops naming one once it is judged again.
#[test]
fn cpsa_summary_names_a_topic_judged_before_the_evidence_moved_its_suggestion() {
    let dir = std::path::Path::new(env!("CARGO_TARGET_TMPDIR")).join("topic-moved");
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    let file = dir.join("assessment.json");
    let summary = |a: &Assessment, json: bool| {
        std::fs::write(&file, cpsa::domain::format::export(a, None, 0).unwrap()).unwrap();
        let mut args = vec!["summary", file.to_str().unwrap()];
        if json {
            args.push("--json");
        }
        let o = std::process::Command::new(env!("CARGO_BIN_EXE_cpsa"))
            .args(&args)
            .output()
            .unwrap();
        assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
        String::from_utf8(o.stdout).unwrap()
    };
    let topic_in_json = |a: &Assessment| {
        // The tool's output, as any reader of it would read it.
        #[allow(clippy::disallowed_methods)]
        let v: serde_json::Value = serde_json::from_str(&summary(a, true)).unwrap();
        v["force_level"]["groups"]
            .as_array()
            .unwrap()
            .iter()
            .find(|g| g["id"] == TOPIC)
            .unwrap()["suggestion_changed"]
            .clone()
    };
    let mut a = assessment_in(fw());
    add_cases(&mut a, 20, 0);
    answer_statements(&mut a, &[Met; 9]);
    judge(&mut a, TopicGrade::Good, "").unwrap();
    assert!(!summary(&a, false).contains("judge again"));
    assert_eq!(topic_in_json(&a), serde_json::Value::Null);

    let (key, _) = criteria();
    for i in 0..2 {
        let failed = [(key.as_str(), AnswerValue::NotMet)];
        a.cases
            .push(case(&format!("late{i}"), TYPE, &failed).into());
    }
    let name = &fw().topic(TOPIC).unwrap().name;
    let text = summary(&a, false);
    assert!(
        text.contains(&format!(
            "Topic grades to judge again: the evidence has moved the suggestion since\n  {name}: suggested Good when judged, Adequate now\n"
        )),
        "{text}"
    );
    assert_eq!(
        topic_in_json(&a),
        serde_json::json!({ "was": "good", "now": "adequate" })
    );

    judge(&mut a, TopicGrade::Adequate, "").unwrap();
    assert!(!summary(&a, false).contains("judge again"));
    assert_eq!(topic_in_json(&a), serde_json::Value::Null);
}
