//! What is judged of the force as a whole rather than case by case:
//! topic judgments, force-level statements and their evidence, the
//! inspection report's recommendations, DIP records and the action plan.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use super::unique_keys;
use crate::domain::date::Date;
use crate::domain::scale::{AnswerValue, TopicGrade};

schema! {
/// The force's judgment on one topic.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TopicJudgment {
    pub topic: String,
    #[serde(default)]
    pub grade: Option<TopicGrade>,
    #[serde(default)]
    pub reasoning: String,
    #[serde(default)]
    pub areas_for_improvement: Vec<String>,
    #[serde(default)]
    pub promising_practice: Vec<String>,
    /// The grade the rule suggested when the force graded the topic (see
    /// `topics::suggest`); a grade that differs from it is an override and
    /// needs its reasoning (format 6).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub suggested: Option<TopicGrade>,
}

/// The force's answer to one force-level statement, with what shows it.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct StatementAnswer {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub value: Option<StatementValue>,
    /// What the force holds that shows it.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub evidence: Vec<Evidence>,
    /// Why, in the lead's words: what is partly or not met, or why the
    /// statement does not apply.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub note: String,
}

/// How far the force meets a force-level statement.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum StatementValue {
    Met,
    PartlyMet,
    NotMet,
    NotApplicable,
}

/// One thing the force holds that shows a statement is met: a document, a
/// data set, minutes, an audit; who holds it, and its date.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Evidence {
    pub kind: EvidenceKind,
    /// What it is, e.g. "Vulnerability board minutes, March 2025".
    pub what: String,
    /// Who holds it (a role or a team).
    #[serde(default)]
    pub holder: String,
    #[serde(default)]
    pub date: Option<Date>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum EvidenceKind {
    Document,
    DataSet,
    Minutes,
    Audit,
    Other,
}

/// A recommendation or an area for improvement in the inspection report.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Recommendation {
    /// Unique within the assessment.
    pub id: String,
    pub kind: RecommendationKind,
    /// As the report states it.
    pub text: String,
    /// The points the report lists under it.
    #[serde(default)]
    pub sub_points: Vec<String>,
    /// The topics it concerns (2024 framework).
    #[serde(default)]
    pub topics: Vec<String>,
    /// The stages it concerns.
    #[serde(default)]
    pub stages: Vec<String>,
    /// The deadline the report gives; none for areas for improvement.
    #[serde(default)]
    pub deadline: Option<Timescale>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum RecommendationKind {
    Recommendation,
    AreaForImprovement,
}

/// One record checked in a dip sample.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DipRecord {
    /// Unique within the assessment.
    pub id: String,
    /// The framework's dip sample it belongs to.
    pub sample: String,
    /// The force's reference for the record (a crime or PPN number).
    pub reference: String,
    /// The sample's criteria answered, by id.
    #[serde(default, deserialize_with = "unique_keys")]
    pub answers: BTreeMap<String, AnswerValue>,
    #[serde(default)]
    pub note: String,
}

/// One action in the plan.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Action {
    /// Unique within the assessment.
    pub id: String,
    pub text: String,
    /// The criteria behind it.
    #[serde(default)]
    pub criteria: Vec<String>,
    /// The topics behind it.
    #[serde(default)]
    pub topics: Vec<String>,
    /// The recommendations or areas for improvement it answers (format 6).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub recommendations: Vec<String>,
    /// The force-level statements it answers (format 6).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub statements: Vec<String>,
    pub timescale: Timescale,
    #[serde(default)]
    pub owner: String,
    #[serde(default)]
    pub due: Option<Date>,
    #[serde(default)]
    pub status: ActionStatus,
    #[serde(default)]
    pub evidence: String,
}

/// When an action must be done (the reports' recommendation timescales).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Timescale {
    Immediately,
    WithinThreeMonths,
    WithinSixMonths,
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum ActionStatus {
    #[default]
    NotStarted,
    InProgress,
    Done,
}
}
