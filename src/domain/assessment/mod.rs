//! The assessment: one force's self-assessment against one framework
//! version. Plain data (it is also the body of the export format), with a few
//! methods for the questions every layer asks of it.

use std::collections::BTreeMap;
use std::sync::Arc;

use serde::{Deserialize, Deserializer, Serialize};

use super::date::Timestamp;
use super::framework::{Framework, FrameworkRef};

/// Marks a type as part of the export format's JSON Schema (native builds).
macro_rules! schema {
    ($($item:item)*) => {
        $(
            #[cfg_attr(not(target_arch = "wasm32"), derive(schemars::JsonSchema))]
            $item
        )*
    };
}

mod case;
mod force_level;
mod settings;
mod team;

pub use case::*;
pub use force_level::*;
pub use settings::*;
pub use team::*;

schema! {
/// A force's self-assessment.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Assessment {
    /// Unique on a device; kept when exported and imported.
    pub id: String,
    /// The force assessed, e.g. "Northamptonshire Police".
    pub force: String,
    /// The framework and version the assessment was made with.
    pub framework: FrameworkRef,
    pub period: Period,
    /// Who is assessing (names or roles).
    #[serde(default)]
    pub assessors: Vec<String>,
    /// How many cases of each type the sample plan asks for.
    pub sample_plan: Vec<PlannedCount>,
    // Each case shared, not owned: the app keeps the assessment before an
    // edit while it makes the next, and copying it then copies one pointer
    // per case rather than every answer and note (the edit copies only its
    // own case: `case_mut`), 0.02 ms at 1,000 cases instead of 7. A save
    // writes afresh only the cases it has not written before (`save::plan`),
    // and the frame it stores beside them has none (`without_cases`).
    #[serde(default, skip_serializing_if = "writing_without_cases")]
    pub cases: Vec<Arc<Case>>,
    /// The force's judgments on the framework's topics (2024 framework).
    #[serde(default)]
    pub topic_judgments: Vec<TopicJudgment>,
    #[serde(default)]
    pub actions: Vec<Action>,
    /// How the action plan is drawn up and when it is due (format 3).
    #[serde(default)]
    pub action_plan: ActionPlanSettings,
    /// An earlier assessment's results, to measure progress against
    /// (format 3).
    #[serde(default)]
    pub baseline: Option<Baseline>,
    /// The force's own service standards for the timeline intervals the
    /// reports give no limit for; an interval not listed uses the
    /// framework's starting value (format 4).
    #[serde(default)]
    pub service_standards: Vec<ServiceStandard>,
    /// Where the data is not the force's own record: which figures come
    /// from case-level data made up to match published totals (format 4).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub provenance: Option<Provenance>,
    /// The auditors and reviewers the lead shares the cases out to
    /// (format 5).
    #[serde(default)]
    pub team: Vec<Member>,
    /// On a work pack: whose it is. A device holding a pack works on that
    /// member's cases of the lead's assessment, and returns them as a file
    /// (format 5).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub pack: Option<Pack>,
    /// This copy of the assessment on one device: a random id given when
    /// the copy was made there (started, imported, opened from a work pack,
    /// duplicated). Changes are counted per copy (see
    /// [`super::team::writer`]), so the same file worked on two computers
    /// never counts its changes under one name. Empty counts as before it.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub copy_id: String,
    /// Cases the lead deleted, with their revisions then, so work on them
    /// brought back later is not added again unasked (format 5).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub deleted: Vec<Deleted>,
    /// The force's answers to the framework's force-level statements (the
    /// 2024 topics' "good" statements, the child's-journey framework's
    /// management and leadership), by statement id (format 6).
    #[serde(
        default,
        skip_serializing_if = "BTreeMap::is_empty",
        deserialize_with = "unique_keys"
    )]
    pub statements: BTreeMap<String, StatementAnswer>,
    /// The inspection report's recommendations or areas for improvement,
    /// as the lead enters them once it has reported (format 6). The
    /// report's date is `action_plan.report_date`.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub recommendations: Vec<Recommendation>,
    /// Records checked in the framework's dip samples (format 6).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub dip_records: Vec<DipRecord>,
}
}

/// How many times each device changed a case: `lead` for the lead's, a
/// member's id for their work pack. Of two copies of a case, one whose
/// counts are all at least the other's is the newer; otherwise both have
/// changed since they parted.
pub type Versions = BTreeMap<String, u64>;

/// What the list of assessments on a device shows, kept beside each stored
/// assessment so the list loads without reading every assessment.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AssessmentSummary {
    pub id: String,
    pub force: String,
    pub framework: FrameworkRef,
    pub period: Period,
    /// Cases the sample plan asks for.
    pub planned: u32,
    /// Cases added so far.
    pub cases: u32,
    /// Cases marked complete.
    pub completed: u32,
    pub saved_at: Timestamp,
    /// How many times it has been saved on this device (see
    /// `ExportFile::revision`); 0 in lists written before revisions.
    #[serde(default)]
    pub revision: u64,
}

/// Reads an object as a map, refusing a key given twice. serde's own map
/// reader keeps the last value over the first, so a statement answered
/// twice in a file would lose one answer without a word (a struct's field
/// given twice is refused by serde itself).
fn unique_keys<'de, D: Deserializer<'de>, V: Deserialize<'de>>(
    d: D,
) -> Result<BTreeMap<String, V>, D::Error> {
    struct Unique<V>(std::marker::PhantomData<V>);
    impl<'de, V: Deserialize<'de>> serde::de::Visitor<'de> for Unique<V> {
        type Value = BTreeMap<String, V>;

        fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
            f.write_str("a map")
        }

        fn visit_map<A: serde::de::MapAccess<'de>>(
            self,
            mut map: A,
        ) -> Result<Self::Value, A::Error> {
            use std::collections::btree_map::Entry;
            let mut out = BTreeMap::new();
            while let Some((key, value)) = map.next_entry::<String, V>()? {
                match out.entry(key) {
                    Entry::Vacant(e) => {
                        e.insert(value);
                    }
                    Entry::Occupied(e) => {
                        return Err(serde::de::Error::custom(format!(
                            "duplicate key `{}`",
                            e.key()
                        )))
                    }
                }
            }
            Ok(out)
        }
    }
    d.deserialize_map(Unique(std::marker::PhantomData))
}

impl Assessment {
    /// A new assessment with the framework's standard sample plan.
    pub fn new(id: String, force: String, framework: &Framework, period: Period) -> Assessment {
        Assessment {
            id,
            force,
            framework: framework.reference(),
            period,
            assessors: Vec::new(),
            sample_plan: framework
                .case_types
                .iter()
                .map(|t| PlannedCount {
                    case_type: t.id.clone(),
                    planned: t.default_count,
                })
                .collect(),
            cases: Vec::new(),
            topic_judgments: Vec::new(),
            actions: Vec::new(),
            action_plan: ActionPlanSettings::default(),
            baseline: None,
            service_standards: Vec::new(),
            provenance: None,
            team: Vec::new(),
            pack: None,
            copy_id: String::new(),
            deleted: Vec::new(),
            statements: BTreeMap::new(),
            recommendations: Vec::new(),
            dip_records: Vec::new(),
        }
    }

    /// The summary the list of assessments shows, as saved at `saved_at`.
    pub fn summary(&self, saved_at: Timestamp) -> AssessmentSummary {
        self.summary_with(saved_at, self.cases.iter().filter(|c| c.completed).count())
    }

    /// [`Assessment::summary`] with the count of cases marked complete
    /// given, as a save knows it without walking every case
    /// (`save::Plan::completed`).
    pub fn summary_with(&self, saved_at: Timestamp, completed: usize) -> AssessmentSummary {
        let count = |n: usize| u32::try_from(n).unwrap_or(u32::MAX);
        AssessmentSummary {
            id: self.id.clone(),
            force: self.force.clone(),
            framework: self.framework.clone(),
            period: self.period,
            planned: self.planned_total(),
            cases: count(self.cases.len()),
            completed: count(completed),
            saved_at,
            revision: 0,
        }
    }

    pub fn case(&self, id: &str) -> Option<&Case> {
        self.shared_case(id).map(Arc::as_ref)
    }

    /// The case as the assessment shares it, to hold without copying it.
    pub fn shared_case(&self, id: &str) -> Option<&Arc<Case>> {
        self.cases.iter().find(|c| c.id == id)
    }

    /// The case to change: a copy of it alone if the assessment before the
    /// change still shares it.
    pub fn case_mut(&mut self, id: &str) -> Option<&mut Case> {
        self.cases
            .iter_mut()
            .find(|c| c.id == id)
            .map(Arc::make_mut)
    }

    /// The planned number of cases of a type (0 when not in the plan).
    pub fn planned(&self, case_type: &str) -> u32 {
        self.sample_plan
            .iter()
            .find(|p| p.case_type == case_type)
            .map_or(0, |p| p.planned)
    }

    /// The total the sample plan asks for.
    pub fn planned_total(&self) -> u32 {
        self.sample_plan.iter().map(|p| p.planned).sum()
    }

    /// An id no case of this assessment has or had: `case-1`, `case-2`, ...
    /// A deleted case's id is never handed out again: the deletion is
    /// remembered under it, so work on the old case brought back later is
    /// not taken for the new one, and a case cannot be both deleted and
    /// present.
    pub fn next_case_id(&self) -> String {
        next_id(
            "case-",
            self.cases
                .iter()
                .map(|c| c.id.as_str())
                .chain(self.deleted.iter().map(|d| d.case.as_str())),
        )
    }

    /// An id no case of this assessment or of `files` has or had: for a
    /// case added while files are brought back into it, which may hold
    /// cases added elsewhere that are not here yet.
    pub fn next_case_id_beside(&self, files: &[&Assessment]) -> String {
        // Gathered first: a chain of iterators would compile the search
        // once more for its type, some 1 KB of the lead's part.
        let mut ids: Vec<&str> = Vec::new();
        for a in std::iter::once(self).chain(files.iter().copied()) {
            ids.extend(a.cases.iter().map(|c| c.id.as_str()));
            ids.extend(a.deleted.iter().map(|d| d.case.as_str()));
        }
        next_id("case-", ids.iter().copied())
    }

    /// An id no action of this assessment has: `action-1`, `action-2`, ...
    pub fn next_action_id(&self) -> String {
        next_id("action-", self.actions.iter().map(|a| a.id.as_str()))
    }

    /// An id no recommendation of this assessment has: `R1`, `R2`, ...
    pub fn next_recommendation_id(&self) -> String {
        next_id("R", self.recommendations.iter().map(|r| r.id.as_str()))
    }

    /// An id no dip-sample record of this assessment has: `D1`, `D2`, ...
    pub fn next_dip_record_id(&self) -> String {
        next_id("D", self.dip_records.iter().map(|r| r.id.as_str()))
    }

    /// An id no team member of this assessment has: `member-1`, ...
    pub fn next_member_id(&self) -> String {
        next_id("member-", self.team.iter().map(|m| m.id.as_str()))
    }
}

/// `prefix` and one more than the highest number in use; if that would
/// overflow (an imported id such as `case-18446744073709551615`), the first
/// number not in use.
fn next_id<'a>(prefix: &str, ids: impl Iterator<Item = &'a str> + Clone) -> String {
    let numbers = || {
        ids.clone()
            .filter_map(|id| id.strip_prefix(prefix)?.parse::<u64>().ok())
    };
    let n = match numbers().max() {
        None => 1,
        Some(highest) => highest
            .checked_add(1)
            .unwrap_or_else(|| (1..).find(|n| !numbers().any(|x| x == *n)).unwrap_or(0)),
    };
    format!("{prefix}{n}")
}

thread_local! {
    /// Set while [`without_cases`] runs.
    static WITHOUT_CASES: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
}

fn writing_without_cases(_: &[Arc<Case>]) -> bool {
    WITHOUT_CASES.with(std::cell::Cell::get)
}

/// Runs `write`, in which every assessment serialised leaves its cases out:
/// how storage writes an assessment's frame without copying it first.
pub fn without_cases<R>(write: impl FnOnce() -> R) -> R {
    let before = WITHOUT_CASES.with(|w| w.replace(true));
    let out = write();
    WITHOUT_CASES.with(|w| w.set(before));
    out
}
