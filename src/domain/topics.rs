//! Topic judgments (2024 framework): the case-audit evidence that bears on
//! each topic, and the judgments table in the shape of the 2025 report's
//! "Our judgments".

use serde::Serialize;

use super::assessment::{Assessment, TopicJudgment};
use super::framework::{Framework, StatementGroup, Topic};
use super::grade::{percent_against, AnswerValue, TopicGrade};
use super::results::{AnswerCounts, Results, StageRow};
use super::statements::{self, StatementCounts};

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

/// The grade the rule suggests for a topic, with its reasons.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct TopicSuggestion {
    /// None until enough of the topic's statements are answered.
    pub grade: Option<TopicGrade>,
    /// Why, one finding a line, in the order the rule weighs them.
    pub reasons: Vec<String>,
    pub statements: StatementCounts,
    /// The statements' score (met 1, partly met a half), once any score.
    pub statement_score: Option<f64>,
    /// The case answers' score in the topic's stages, once any score.
    pub case_score: Option<f64>,
    /// Cases with an answer in the topic's stages.
    pub cases: u32,
    /// Of those, the cases with a key criterion of those stages not met.
    pub key_failed_cases: u32,
}

/// The grade the rule suggests for a topic (documented in
/// `docs/grading.md`, "Topic grades"):
/// - no suggestion until at least half the topic's statements are answered;
/// - two scores, met 1 and partly met a half: the statements', and the case
///   answers' in the topic's stages; the lower of them is weighed (only the
///   statements' when no case is audited yet);
/// - **inadequate** when that score is below `inadequate_below`, or the
///   share of cases failing a key criterion of those stages is at least
///   `key_share_inadequate` (failings "serious or widespread");
/// - **requires improvement** when the score is below
///   `adequate_at_least`, the key-failure share is at least
///   `key_share_requires_improvement`, or a case of those stages is still
///   referred back (children "not protected as well as they should be");
/// - **adequate** when the score is below `good_at_least`, any case fails
///   a key criterion there, or a statement is not met (areas for
///   improvement);
/// - **outstanding** when every statement is answered and every applicable
///   one met, the case score is at least `outstanding_at_least` and the
///   force records promising practice on the topic; otherwise **good**.
///
/// Whether promising practice is recorded is read from the topic's stored
/// judgment; [`suggest_for`] takes it from a judgment about to be saved.
pub fn suggest(
    fw: &Framework,
    a: &Assessment,
    evidence: &TopicEvidence,
    topic: &Topic,
) -> TopicSuggestion {
    let promising = judgment(a, &topic.id).is_some_and(|j| !j.promising_practice.is_empty());
    suggest_for(fw, a, evidence, topic, promising)
}

/// [`suggest`], with or without promising practice recorded: the suggestion
/// a judgment is saved against is the one for that judgment, not for the
/// one it replaces (removing the practice while keeping "outstanding" is a
/// kinder override of "good").
pub fn suggest_for(
    fw: &Framework,
    a: &Assessment,
    evidence: &TopicEvidence,
    topic: &Topic,
    promising: bool,
) -> TopicSuggestion {
    let rule = fw.topic_grading;
    // The thresholds the scores are set against, for how they are shown.
    let scores = [
        rule.inadequate_below,
        rule.adequate_at_least,
        rule.good_at_least,
        rule.outstanding_at_least,
    ];
    let group = StatementGroup {
        id: &topic.id,
        name: &topic.name,
        topic: true,
        statements: &topic.good,
    };
    let statements = statements::counts(a, &group);
    let statement_score = statements.score();
    let case_score = weighted(evidence.answers);
    let (cases, key_failed_cases) = key_failures(fw, a, topic);
    let mut reasons = Vec::new();
    let mut out = TopicSuggestion {
        grade: None,
        reasons: Vec::new(),
        statements,
        statement_score,
        case_score,
        cases,
        key_failed_cases,
    };
    let needed = statements.total().div_ceil(2);
    if statements.answered() < needed {
        out.reasons.push(format!(
            "Answer at least {needed} of the topic's {} statements for a suggestion ({} answered).",
            statements.total(),
            statements.answered()
        ));
        return out;
    }
    let Some(statement_score) = statement_score else {
        out.reasons
            .push("Every statement answered is not applicable: there is nothing to grade.".into());
        return out;
    };
    reasons.push(format!(
        "Statements: {} met, {} partly met, {} not met of {} that apply (score {}).",
        statements.met,
        statements.partly_met,
        statements.not_met,
        statements.scored(),
        percent_against(statement_score, &scores)
    ));
    let score = match case_score {
        Some(c) => {
            reasons.push(format!(
                "Case audit, {}: {} met, {} partly met, {} not met (score {}).",
                stage_names(fw, topic),
                evidence.answers.met,
                evidence.answers.partly_met,
                evidence.answers.not_met,
                percent_against(c, &scores)
            ));
            statement_score.min(c)
        }
        None => {
            reasons.push(
                "No case answers yet in the topic's stages: the suggestion rests on the statements alone."
                    .into(),
            );
            statement_score
        }
    };
    let key_share = if cases > 0 {
        f64::from(key_failed_cases) / f64::from(cases)
    } else {
        0.0
    };
    if key_failed_cases > 0 {
        reasons.push(format!(
            "A key criterion is not met in {key_failed_cases} of the {cases} cases audited in these stages ({}).",
            percent_against(
                key_share,
                &[rule.key_share_requires_improvement, rule.key_share_inadequate]
            )
        ));
    }
    let open_refer_backs = evidence.refer_backs.iter().filter(|r| r.open).count();
    if open_refer_backs > 0 {
        reasons.push(format!(
            "{open_refer_backs} case{} with practice not met here {} still referred back.",
            if open_refer_backs == 1 { "" } else { "s" },
            if open_refer_backs == 1 { "is" } else { "are" }
        ));
    }
    let grade = if score < rule.inadequate_below - 1e-9
        || key_share >= rule.key_share_inadequate - 1e-9
    {
        TopicGrade::Inadequate
    } else if score < rule.adequate_at_least - 1e-9
        || key_share >= rule.key_share_requires_improvement - 1e-9
        || open_refer_backs > 0
    {
        TopicGrade::RequiresImprovement
    } else if score < rule.good_at_least - 1e-9 || key_failed_cases > 0 || statements.not_met > 0 {
        TopicGrade::Adequate
    } else if statements.met == statements.scored()
        && statements.unanswered == 0
        && case_score.is_some_and(|c| c >= rule.outstanding_at_least - 1e-9)
        && promising
    {
        TopicGrade::Outstanding
    } else {
        TopicGrade::Good
    };
    let missing = statements::to_do(fw, a, false)
        .into_iter()
        .filter(|t| t.group == topic.id)
        .count();
    if missing > 0 {
        reasons.push(format!(
            "{missing} statement{} answered without full evidence: the suggestion takes the answers on trust until it is recorded.",
            if missing == 1 { "" } else { "s" }
        ));
    }
    if grade == TopicGrade::Good && statements.unanswered > 0 {
        reasons.push(format!(
            "{} statement{} not answered yet: outstanding needs every one answered.",
            statements.unanswered,
            if statements.unanswered == 1 { "" } else { "s" }
        ));
    }
    out.grade = Some(grade);
    out.reasons = reasons;
    out
}

/// Met 1, partly met a half, over the answers that score.
fn weighted(answers: AnswerCounts) -> Option<f64> {
    (answers.scored() > 0).then(|| {
        (f64::from(answers.met) + 0.5 * f64::from(answers.partly_met)) / f64::from(answers.scored())
    })
}

fn stage_names(fw: &Framework, topic: &Topic) -> String {
    topic
        .stages
        .iter()
        .map(|s| fw.stage(s).map_or(s.as_str(), |st| st.name.as_str()))
        .collect::<Vec<_>>()
        .join(" and ")
}

/// Cases with an answer scored in the topic's stages, and of those the
/// cases with a key criterion of those stages not met.
fn key_failures(fw: &Framework, a: &Assessment, topic: &Topic) -> (u32, u32) {
    let mut cases = 0;
    let mut failed = 0;
    for case in &a.cases {
        let mut scored = false;
        let mut key_failed = false;
        for (id, answer) in &case.answers {
            let Some(c) = fw.criterion(id).filter(|c| topic.stages.contains(&c.stage)) else {
                continue;
            };
            if matches!(
                answer.value,
                AnswerValue::Met | AnswerValue::PartlyMet | AnswerValue::NotMet
            ) {
                scored = true;
            }
            if answer.value == AnswerValue::NotMet && c.is_key_for(&case.case_type) {
                key_failed = true;
            }
        }
        cases += u32::from(scored);
        failed += u32::from(key_failed);
    }
    (cases, failed)
}

/// What the rule suggested when the force graded a topic, and what it
/// suggests now from the evidence as it stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SuggestionChange {
    pub was: Option<TopicGrade>,
    pub now: Option<TopicGrade>,
}

/// The change in the rule's suggestion since the force graded `topic`, if
/// it changed: cases audited or answered since, or statements answered,
/// moved it. The judgment was weighed against evidence that is no longer
/// the evidence, as a case's grade can be (`grade::grade_is_stale`), and
/// wants reading again; saving it again records the new suggestion. `None`
/// when the topic is not graded or the suggestion is the same. `evidence` is
/// the topic's as it stands ([`evidence`]), which callers showing it have.
pub fn suggestion_changed(
    fw: &Framework,
    a: &Assessment,
    evidence: &TopicEvidence,
    topic: &Topic,
) -> Option<SuggestionChange> {
    let j = judgment(a, &topic.id)?;
    j.grade?;
    let now = suggest(fw, a, evidence, topic).grade;
    (j.suggested != now).then_some(SuggestionChange {
        was: j.suggested,
        now,
    })
}

/// How often the force's topic grades confirm the rule's suggestion, and
/// which way they differ: counted as for cases.
pub fn overrides(a: &Assessment) -> super::results::Overrides {
    let rank = |g: TopicGrade| TopicGrade::ALL.iter().position(|x| *x == g);
    let mut o = super::results::Overrides::default();
    for j in &a.topic_judgments {
        let (Some(g), Some(s)) = (j.grade, j.suggested) else {
            continue;
        };
        o.decided += 1;
        match rank(g).cmp(&rank(s)) {
            std::cmp::Ordering::Equal => o.confirmed += 1,
            std::cmp::Ordering::Less => o.kinder += 1,
            std::cmp::Ordering::Greater => o.harsher += 1,
        }
    }
    o
}
