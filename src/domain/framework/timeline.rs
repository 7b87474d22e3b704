//! The case timeline a framework defines: the events a case file records
//! the time of, and the intervals between them that criteria judge, each
//! with a limit from the reports or statutory guidance, or the force's own
//! service standard where they give no figure.

use serde::{Deserialize, Serialize};

/// The events and intervals of a framework's case timeline.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Timeline {
    #[serde(default)]
    pub events: Vec<TimelineEvent>,
    #[serde(default)]
    pub intervals: Vec<Interval>,
}

/// Something that happens in a case at a time the file records.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TimelineEvent {
    pub id: String,
    /// As a label: "Officers arrived".
    pub name: String,
    #[serde(default)]
    pub hint: String,
}

/// The time from one event to another, and the criteria it bears on.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Interval {
    pub id: String,
    /// As a label: "Report to officers arriving".
    pub name: String,
    pub from: String,
    pub to: String,
    /// The criteria an interval over its limit contradicts, answered met or
    /// not applicable.
    pub criteria: Vec<String>,
    /// A limit the reports or statutory guidance give: one of `limit` and
    /// `force_standard`.
    #[serde(default)]
    pub limit: Option<FixedLimit>,
    /// Where they give none, the force sets its own.
    #[serde(default)]
    pub force_standard: Option<ForceStandard>,
}

/// A limit with its source.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FixedLimit {
    pub minutes: u32,
    pub citations: Vec<String>,
}

/// An interval the force sets its own standard for, and the value an
/// assessment starts with until it does.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ForceStandard {
    pub suggested_minutes: u32,
    /// Where the starting value comes from, and what the reports say.
    pub basis: String,
    #[serde(default)]
    pub citations: Vec<String>,
}

impl Timeline {
    pub fn event(&self, id: &str) -> Option<&TimelineEvent> {
        self.events.iter().find(|e| e.id == id)
    }

    pub fn interval(&self, id: &str) -> Option<&Interval> {
        self.intervals.iter().find(|i| i.id == id)
    }

    pub fn is_empty(&self) -> bool {
        self.events.is_empty() && self.intervals.is_empty()
    }
}
