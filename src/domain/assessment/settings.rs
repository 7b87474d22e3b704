//! What the lead sets an assessment up with: the period and sample plan,
//! the force's service standards, the action plan's settings, an earlier
//! assessment's results as a baseline, and what is constructed.

use serde::{Deserialize, Serialize};

use crate::domain::date::Date;
use crate::domain::framework::FrameworkRef;
use crate::domain::scale::{GradeCounts, TopicGrade};

schema! {
/// The force's own limit for one timeline interval.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ServiceStandard {
    pub interval: String,
    #[cfg_attr(not(target_arch = "wasm32"), schemars(range(min = 1, max = 525600)))]
    pub minutes: u32,
}

/// What in an assessment was constructed rather than recorded, so that the
/// results from it are marked as illustrations.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Provenance {
    /// The figures that depend on constructed case-level data.
    pub constructed: Vec<ConstructedFigure>,
    /// How the data was made, and from what.
    #[serde(default)]
    pub note: String,
}

/// A figure of the results that can rest on constructed data.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum ConstructedFigure {
    /// The case-by-case cross-table of force against reviewer grades.
    CrossTable,
    ExactAgreement,
    WeightedKappa,
    /// The list of cases graded differently.
    Disagreements,
    /// Calibration by case type.
    DriftByCaseType,
    /// Calibration by auditor.
    DriftByAuditor,
    /// Which cases were referred back.
    ReferBackCases,
    /// The suggested grade against the reviewer's, case by case.
    SuggestionVsReviewer,
}

/// How the action plan is drawn up and when it is due.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ActionPlanSettings {
    /// The date of the inspection report (or of this self-assessment's own
    /// report); the plan is due a set number of weeks after it.
    #[serde(default)]
    pub report_date: Option<Date>,
    /// A criterion not met in at least this percentage of the cases that
    /// judged it gets a suggested action.
    #[serde(default = "default_not_met_percent")]
    #[cfg_attr(not(target_arch = "wasm32"), schemars(range(min = 1, max = 100)))]
    pub not_met_percent: u32,
}

/// The results of an earlier assessment, kept as figures so progress can be
/// shown without keeping the earlier assessment itself.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Baseline {
    /// The earlier assessment's force, period and framework.
    pub force: String,
    pub period: Period,
    pub framework: FrameworkRef,
    /// Final grades by case type, in the earlier framework's order.
    #[serde(default)]
    pub by_case_type: Vec<BaselineCaseType>,
    /// Answers by stage.
    #[serde(default)]
    pub by_stage: Vec<BaselineStage>,
    /// The force's topic grades.
    #[serde(default)]
    pub topics: Vec<BaselineTopic>,
}

/// One case type in a baseline: how many of its cases had each final grade.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct BaselineCaseType {
    pub case_type: String,
    // The counts written beside the case type, as fields of its own: read
    // through `flatten`, they would bypass `deny_unknown_fields`, and a
    // problem in one would be placed on the whole entry.
    pub good: u32,
    pub requires_improvement: u32,
    pub inadequate: u32,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct BaselineStage {
    pub stage: String,
    pub met: u32,
    pub partly_met: u32,
    pub not_met: u32,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct BaselineTopic {
    pub topic: String,
    #[serde(default)]
    pub grade: Option<TopicGrade>,
}

/// The period the sampled cases come from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Period {
    pub start: Date,
    pub end: Date,
}

/// One line of the sample plan.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PlannedCount {
    pub case_type: String,
    pub planned: u32,
}
}

fn default_not_met_percent() -> u32 {
    25
}

impl Default for ActionPlanSettings {
    fn default() -> Self {
        ActionPlanSettings {
            report_date: None,
            not_met_percent: default_not_met_percent(),
        }
    }
}

impl BaselineCaseType {
    pub fn new(case_type: String, grades: GradeCounts) -> BaselineCaseType {
        BaselineCaseType {
            case_type,
            good: grades.good,
            requires_improvement: grades.requires_improvement,
            inadequate: grades.inadequate,
        }
    }

    pub fn grades(&self) -> GradeCounts {
        GradeCounts {
            good: self.good,
            requires_improvement: self.requires_improvement,
            inadequate: self.inadequate,
        }
    }
}
