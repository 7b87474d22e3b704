//! The scales: a criterion's answer, a case's grade and a topic's grade,
//! and counts of cases by grade. Values only, depending on nothing else in
//! the domain, so the model ([`super::assessment`]), the frameworks and the
//! rules ([`super::grade`], [`super::results`]) all build on them without
//! importing each other.

use std::fmt;

use serde::{Deserialize, Serialize};

/// The three-point case grade.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(schemars::JsonSchema))]
#[serde(rename_all = "kebab-case")]
pub enum CaseGrade {
    Good,
    RequiresImprovement,
    Inadequate,
}

impl CaseGrade {
    /// Best first.
    pub const ALL: [CaseGrade; 3] = [
        CaseGrade::Good,
        CaseGrade::RequiresImprovement,
        CaseGrade::Inadequate,
    ];

    /// The id used in files and frameworks.
    pub fn id(self) -> &'static str {
        match self {
            CaseGrade::Good => "good",
            CaseGrade::RequiresImprovement => "requires-improvement",
            CaseGrade::Inadequate => "inadequate",
        }
    }

    /// The label used in tables.
    pub fn label(self) -> &'static str {
        match self {
            CaseGrade::Good => "Good",
            CaseGrade::RequiresImprovement => "Requires improvement",
            CaseGrade::Inadequate => "Inadequate",
        }
    }

    /// 0 for good, 1 for requires improvement, 2 for inadequate.
    pub fn rank(self) -> usize {
        self as usize
    }

    pub fn from_id(id: &str) -> Option<CaseGrade> {
        CaseGrade::ALL.into_iter().find(|g| g.id() == id)
    }
}

impl fmt::Display for CaseGrade {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.label())
    }
}

/// The five-point grade of the 2024 programme's topic judgments.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(schemars::JsonSchema))]
#[serde(rename_all = "kebab-case")]
pub enum TopicGrade {
    Outstanding,
    Good,
    Adequate,
    RequiresImprovement,
    Inadequate,
}

impl TopicGrade {
    /// Best first.
    pub const ALL: [TopicGrade; 5] = [
        TopicGrade::Outstanding,
        TopicGrade::Good,
        TopicGrade::Adequate,
        TopicGrade::RequiresImprovement,
        TopicGrade::Inadequate,
    ];

    pub fn id(self) -> &'static str {
        match self {
            TopicGrade::Outstanding => "outstanding",
            TopicGrade::Good => "good",
            TopicGrade::Adequate => "adequate",
            TopicGrade::RequiresImprovement => "requires-improvement",
            TopicGrade::Inadequate => "inadequate",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            TopicGrade::Outstanding => "Outstanding",
            TopicGrade::Good => "Good",
            TopicGrade::Adequate => "Adequate",
            TopicGrade::RequiresImprovement => "Requires improvement",
            TopicGrade::Inadequate => "Inadequate",
        }
    }
}

/// An auditor's answer to one criterion.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(schemars::JsonSchema))]
#[serde(rename_all = "kebab-case")]
pub enum AnswerValue {
    Met,
    PartlyMet,
    NotMet,
    NotApplicable,
    #[default]
    Unanswered,
}

impl AnswerValue {
    pub const ALL: [AnswerValue; 5] = [
        AnswerValue::Met,
        AnswerValue::PartlyMet,
        AnswerValue::NotMet,
        AnswerValue::NotApplicable,
        AnswerValue::Unanswered,
    ];

    pub fn id(self) -> &'static str {
        match self {
            AnswerValue::Met => "met",
            AnswerValue::PartlyMet => "partly-met",
            AnswerValue::NotMet => "not-met",
            AnswerValue::NotApplicable => "not-applicable",
            AnswerValue::Unanswered => "unanswered",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            AnswerValue::Met => "Met",
            AnswerValue::PartlyMet => "Partly met",
            AnswerValue::NotMet => "Not met",
            AnswerValue::NotApplicable => "Not applicable",
            AnswerValue::Unanswered => "Unanswered",
        }
    }

    /// The points this answer scores, or `None` when it is left out of the score.
    pub fn score(self) -> Option<f64> {
        match self {
            AnswerValue::Met => Some(1.0),
            AnswerValue::PartlyMet => Some(0.5),
            AnswerValue::NotMet => Some(0.0),
            AnswerValue::NotApplicable | AnswerValue::Unanswered => None,
        }
    }

    /// Not met and partly met need an evidence note before a case is complete.
    pub fn needs_note(self) -> bool {
        matches!(self, AnswerValue::NotMet | AnswerValue::PartlyMet)
    }

    /// On a key criterion every answer needs a note: Met says what in the
    /// file shows it, Not applicable why it does not apply.
    pub fn needs_note_when_key(self) -> bool {
        self != AnswerValue::Unanswered
    }
}

/// Counts of cases by grade.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct GradeCounts {
    pub good: u32,
    pub requires_improvement: u32,
    pub inadequate: u32,
}

impl GradeCounts {
    pub fn add(&mut self, grade: CaseGrade) {
        *self.get_mut(grade) += 1;
    }

    pub fn get(&self, grade: CaseGrade) -> u32 {
        match grade {
            CaseGrade::Good => self.good,
            CaseGrade::RequiresImprovement => self.requires_improvement,
            CaseGrade::Inadequate => self.inadequate,
        }
    }

    fn get_mut(&mut self, grade: CaseGrade) -> &mut u32 {
        match grade {
            CaseGrade::Good => &mut self.good,
            CaseGrade::RequiresImprovement => &mut self.requires_improvement,
            CaseGrade::Inadequate => &mut self.inadequate,
        }
    }

    pub fn total(&self) -> u32 {
        self.good + self.requires_improvement + self.inadequate
    }

    pub fn plus(self, other: GradeCounts) -> GradeCounts {
        GradeCounts {
            good: self.good + other.good,
            requires_improvement: self.requires_improvement + other.requires_improvement,
            inadequate: self.inadequate + other.inadequate,
        }
    }
}
