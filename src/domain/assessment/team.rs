//! The team an assessment is shared out to, the work pack a member
//! holds, and the cases the lead deleted.

use serde::{Deserialize, Serialize};

use super::{unique_keys, Versions};
use crate::domain::date::Timestamp;

schema! {
/// Someone the lead shares cases out to.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Member {
    /// Unique within the assessment: `member-1`, `member-2`, ...
    pub id: String,
    /// A name or a role, as the team knows them.
    pub name: String,
    pub role: Role,
}

/// What a member does.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Role {
    /// Audits the cases allocated to them.
    Auditor,
    /// Grades cases blind.
    Reviewer,
}

/// What makes an assessment a work pack.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Pack {
    /// The member the pack is for.
    pub member: String,
    /// When the lead made it.
    #[serde(default)]
    pub made_at: Option<Timestamp>,
}

/// A case the lead deleted.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Deleted {
    pub case: String,
    #[serde(default, deserialize_with = "unique_keys")]
    pub versions: Versions,
}
}
