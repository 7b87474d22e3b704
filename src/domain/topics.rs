//! Topic judgments (2024 framework): the case-audit evidence that bears on
//! each topic, and the judgments table in the shape of the 2025 report's
//! "Our judgments".

use serde::Serialize;

use super::assessment::{Assessment, TopicJudgment};
use super::framework::{Framework, Topic};
use super::grade::{AnswerValue, TopicGrade};
use super::results::{AnswerCounts, Results, StageRow};

/// A criterion of the topic's stages not met, with the cases that failed it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct CriterionFailures {
    pub criterion: String,
    pub text: String,
    /// The cases that failed it, in case order.
    pub cases: Vec<FailedCase>,
}

impl CriterionFailures {
    /// How many of its cases it is key for.
    pub fn key(&self) -> usize {
        self.cases.iter().filter(|c| c.key).count()
    }
}

/// A case that failed a criterion.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct FailedCase {
    pub case: String,
    /// The case's reference, or its label before it has one.
    pub label: String,
    /// Whether the criterion is key for the case's type.
    pub key: bool,
}

/// A refer-back on a case with practice not met in the topic's stages.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct TopicReferBack {
    pub case: String,
    /// The case's reference, or its label before it has one.
    pub label: String,
    pub reason: String,
    pub open: bool,
}

/// What the case audit says about one topic.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct TopicEvidence {
    /// The topic's stages, in framework order, with their answers.
    pub stages: Vec<StageRow>,
    /// The answers of those stages together.
    pub answers: AnswerCounts,
    /// The criteria of those stages answered not met, one entry each with
    /// its cases: those failed as key first, then the most failed, then in
    /// framework order. A lead reads what fails and how often, the cases
    /// one step away, rather than every case and criterion in a list.
    pub failures: Vec<CriterionFailures>,
    /// Cases referred back that have a criterion of those stages not met.
    pub refer_backs: Vec<TopicReferBack>,
}

/// The evidence for `topic` from the assessment and its computed results.
pub fn evidence(fw: &Framework, a: &Assessment, results: &Results, topic: &Topic) -> TopicEvidence {
    let in_topic = |stage: &str| topic.stages.iter().any(|s| s == stage);
    let stages: Vec<StageRow> = results
        .by_stage
        .iter()
        .filter(|s| in_topic(&s.stage))
        .cloned()
        .collect();
    let answers = stages
        .iter()
        .fold(AnswerCounts::default(), |acc, s| acc.plus(s.answers));
    let mut failures: Vec<CriterionFailures> = Vec::new();
    let mut refer_backs = Vec::new();
    for case in &a.cases {
        let mut not_met_here = false;
        for (id, answer) in &case.answers {
            if answer.value != AnswerValue::NotMet {
                continue;
            }
            let Some(c) = fw.criterion(id).filter(|c| in_topic(&c.stage)) else {
                continue;
            };
            not_met_here = true;
            let failed = FailedCase {
                case: case.id.clone(),
                label: case.label(),
                key: c.is_key_for(&case.case_type),
            };
            match failures.iter_mut().find(|f| f.criterion == c.id) {
                Some(f) => f.cases.push(failed),
                None => failures.push(CriterionFailures {
                    criterion: c.id.clone(),
                    text: c.text.clone(),
                    cases: vec![failed],
                }),
            }
        }
        if let Some(r) = case.refer_back.as_ref().filter(|_| not_met_here) {
            refer_backs.push(TopicReferBack {
                case: case.id.clone(),
                label: case.label(),
                reason: r.reason.clone(),
                open: r.closure.is_none(),
            });
        }
    }
    let position = |id: &str| fw.criterion_position(id).unwrap_or(usize::MAX);
    super::order::sort_by(&mut failures, |a, b| {
        (a.key() == 0)
            .cmp(&(b.key() == 0))
            .then_with(|| b.cases.len().cmp(&a.cases.len()))
            .then_with(|| position(&a.criterion).cmp(&position(&b.criterion)))
    });
    TopicEvidence {
        stages,
        answers,
        failures,
        refer_backs,
    }
}

/// The force's judgment on a topic, if it has made one.
pub fn judgment<'a>(a: &'a Assessment, topic: &str) -> Option<&'a TopicJudgment> {
    a.topic_judgments.iter().find(|j| j.topic == topic)
}

/// One column of the judgments table: a grade and the topics given it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct JudgmentColumn {
    pub grade: TopicGrade,
    /// Topic ids, in framework order.
    pub topics: Vec<String>,
}

/// The judgments table: every grade of the scale, best first, with the
/// topics graded at it; and the topics not yet graded.
pub fn judgments_table(fw: &Framework, a: &Assessment) -> (Vec<JudgmentColumn>, Vec<String>) {
    let mut columns: Vec<JudgmentColumn> = TopicGrade::ALL
        .iter()
        .map(|&grade| JudgmentColumn {
            grade,
            topics: Vec::new(),
        })
        .collect();
    let mut ungraded = Vec::new();
    for t in &fw.topics {
        match judgment(a, &t.id).and_then(|j| j.grade) {
            Some(g) => {
                if let Some(col) = columns.iter_mut().find(|c| c.grade == g) {
                    col.topics.push(t.id.clone());
                }
            }
            None => ungraded.push(t.id.clone()),
        }
    }
    (columns, ungraded)
}
