//! Frameworks: the versioned catalogues a force assesses itself against.
//!
//! A framework is data, not code. The built-in ones live in `src/frameworks/`
//! as JSON and are embedded in the binary at build time, so a new framework
//! version is a data change. A framework file may extend another (the 2024
//! framework is the child's-journey case audit plus two case types and the
//! five topics); [`Catalogue`] resolves that and [`validate`] checks the result.
//! A later version of a framework is written as the earlier one amended (see
//! `docs/format.md`, "Framework files"), so both stay readable.

mod catalogue;
mod file;
mod timeline;
mod validate;

use std::borrow::Cow;
use std::collections::HashMap;
use std::fmt;

use serde::{Deserialize, Serialize};

use super::scale::{CaseGrade, TopicGrade};

pub use catalogue::Catalogue;
pub use file::{
    AppliesTo, CaseType, CombinedRow, Condition, Covers, Criterion, DipSample, FollowUp,
    FollowUpKind, GlossaryEntry, GradingRule, KeyMarking, ScaleLevel, Source, Stage, StatementArea,
    Topic, TopicCriterion, TopicGradingRule,
};
pub use timeline::{FixedLimit, ForceStandard, Interval, Timeline, TimelineEvent};
pub use validate::{validate, MAX_DEFAULT_COUNT};

/// A framework's identity, as recorded in every assessment made with it.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct FrameworkRef {
    pub id: String,
    pub version: String,
}

impl fmt::Display for FrameworkRef {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} version {}", self.id, self.version)
    }
}

/// A resolved, validated criteria catalogue.
#[derive(Debug, Clone, PartialEq)]
pub struct Framework {
    pub id: String,
    pub version: String,
    pub title: String,
    /// The documents the framework is built from, cited by code (e.g. `N18`).
    pub sources: Vec<Source>,
    /// The case grade scale: good, requires improvement, inadequate.
    pub case_grades: Vec<ScaleLevel>,
    /// The kinds of case audited, in the order of the standard sample.
    pub case_types: Vec<CaseType>,
    /// Case types the reports count together in one row.
    pub combined_rows: Vec<CombinedRow>,
    /// The stages of the child's journey, in order.
    pub stages: Vec<Stage>,
    pub criteria: Vec<Criterion>,
    /// Questions about a case that bring further criteria in for some case
    /// types (for example, a custody case that began with a call).
    pub conditions: Vec<Condition>,
    /// The events a case file records the time of, and the intervals
    /// between them that criteria judge.
    pub timeline: Timeline,
    /// The five-point topic scale; empty when the framework has no topics.
    pub topic_grades: Vec<ScaleLevel>,
    /// Force-level judgment topics (2024 framework).
    pub topics: Vec<Topic>,
    pub glossary: Vec<GlossaryEntry>,
    /// The thresholds of the suggested-grade rule.
    pub grading: GradingRule,
    /// The force-level management-and-leadership statements, by area
    /// (child's-journey framework; the 2024 topics carry their own).
    pub leadership: Vec<StatementArea>,
    /// What the force owes the inspectorate after the report, and when.
    pub follow_up: Vec<FollowUp>,
    /// Samples of records checked beside the main case sample, each with
    /// its own short criteria (2024 framework).
    pub dip_samples: Vec<DipSample>,
    /// The thresholds of the suggested topic-grade rule.
    pub topic_grading: TopicGradingRule,
    index: Index,
}

/// Lookups built once when a framework is resolved.
#[derive(Debug, Clone, Default, PartialEq)]
struct Index {
    criterion: HashMap<String, usize>,
    case_type: HashMap<String, usize>,
    stage: HashMap<String, usize>,
    topic: HashMap<String, usize>,
    /// For each case type, the indices of the criteria that apply to it, in
    /// framework order.
    applicable: HashMap<String, Vec<usize>>,
    /// For each case type, the criteria a condition brings in: (criterion
    /// index, condition index), in framework order.
    conditional: HashMap<String, Vec<(usize, usize)>>,
    /// Each criterion's place in framework order, by index.
    rank: Vec<usize>,
}

impl Criterion {
    /// Whether the criterion is key for cases of this type.
    pub fn is_key_for(&self, case_type: &str) -> bool {
        self.key
            .as_ref()
            .is_some_and(|k| k.case_types.includes(case_type))
    }
}

/// A group of force-level statements: a 2024 topic, or an area of the
/// management-and-leadership section.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct StatementGroup<'a> {
    pub id: &'a str,
    pub name: &'a str,
    /// A topic (graded on the five-point scale), not an area.
    pub topic: bool,
    pub statements: &'a [TopicCriterion],
}

/// One thing wrong with a framework: where, and what.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FrameworkProblem {
    /// The item at fault, e.g. `criterion "IC4"` or `case type "missing"`.
    pub at: String,
    pub message: String,
}

impl fmt::Display for FrameworkProblem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.at, self.message)
    }
}

/// Why a framework could not be used.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FrameworkError {
    /// The text is not a framework file; the message gives the line and column.
    Parse { message: String },
    /// The file extends a framework that is not available.
    UnknownBase { base: FrameworkRef },
    /// A framework with this id and version is already loaded.
    Duplicate { framework: FrameworkRef },
    /// The framework is inconsistent: every problem found.
    Invalid { problems: Vec<FrameworkProblem> },
}

impl fmt::Display for FrameworkError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            FrameworkError::Parse { message } => {
                write!(f, "the framework file could not be read: {message}")
            }
            FrameworkError::UnknownBase { base } => write!(
                f,
                "the framework extends {base}, which is not available on this device"
            ),
            FrameworkError::Duplicate { framework } => {
                write!(f, "framework {framework} is already loaded")
            }
            FrameworkError::Invalid { problems } => {
                write!(f, "the framework has {} problem", problems.len())?;
                if problems.len() != 1 {
                    write!(f, "s")?;
                }
                for p in problems {
                    write!(f, "\n- {p}")?;
                }
                Ok(())
            }
        }
    }
}

impl std::error::Error for FrameworkError {}

impl Framework {
    pub fn reference(&self) -> FrameworkRef {
        FrameworkRef {
            id: self.id.clone(),
            version: self.version.clone(),
        }
    }

    pub fn criterion(&self, id: &str) -> Option<&Criterion> {
        self.index
            .criterion
            .get(id)
            .and_then(|&i| self.criteria.get(i))
    }

    pub fn case_type(&self, id: &str) -> Option<&CaseType> {
        self.index
            .case_type
            .get(id)
            .and_then(|&i| self.case_types.get(i))
    }

    pub fn stage(&self, id: &str) -> Option<&Stage> {
        self.index.stage.get(id).and_then(|&i| self.stages.get(i))
    }

    pub fn topic(&self, id: &str) -> Option<&Topic> {
        self.index.topic.get(id).and_then(|&i| self.topics.get(i))
    }

    /// The force-level statements, grouped: the topics' "good" statements,
    /// then the management-and-leadership areas.
    pub fn statement_groups(&self) -> Vec<StatementGroup<'_>> {
        let topics = self.topics.iter().map(|t| StatementGroup {
            id: &t.id,
            name: &t.name,
            topic: true,
            statements: &t.good,
        });
        let areas = self.leadership.iter().map(|a| StatementGroup {
            id: &a.id,
            name: &a.name,
            topic: false,
            statements: &a.statements,
        });
        topics.chain(areas).collect()
    }

    /// Every force-level statement with the group it belongs to.
    pub fn statements(&self) -> impl Iterator<Item = (StatementGroup<'_>, &TopicCriterion)> {
        self.statement_groups()
            .into_iter()
            .flat_map(|g| g.statements.iter().map(move |s| (g, s)))
    }

    /// The force-level statement with this id, and its group.
    pub fn statement(&self, id: &str) -> Option<(StatementGroup<'_>, &TopicCriterion)> {
        self.statements().find(|(_, s)| s.id == id)
    }

    pub fn dip_sample(&self, id: &str) -> Option<&DipSample> {
        self.dip_samples.iter().find(|d| d.id == id)
    }

    /// The follow-up that is the force's action plan, if the framework has one.
    pub fn action_plan_follow_up(&self) -> Option<&FollowUp> {
        self.follow_up
            .iter()
            .find(|f| f.kind == FollowUpKind::ActionPlan)
    }

    /// The position of a criterion in framework order.
    pub fn criterion_position(&self, id: &str) -> Option<usize> {
        self.index.criterion.get(id).copied()
    }

    /// The position of a case type in framework order.
    pub fn case_type_position(&self, id: &str) -> Option<usize> {
        self.index.case_type.get(id).copied()
    }

    /// The criteria that apply to a case type, in framework order (stage by
    /// stage). Empty for an unknown case type.
    pub fn criteria_for(&self, case_type: &str) -> impl Iterator<Item = &Criterion> + '_ {
        self.index
            .applicable
            .get(case_type)
            .into_iter()
            .flatten()
            .filter_map(|&i| self.criteria.get(i))
    }

    /// The positions (in `criteria`) of the criteria that apply to a case
    /// type, stage by stage. Empty for an unknown case type.
    pub fn applicable_positions(&self, case_type: &str) -> &[usize] {
        self.index
            .applicable
            .get(case_type)
            .map_or(&[], Vec::as_slice)
    }

    /// The criteria of one stage that apply to a case type.
    pub fn criteria_in_stage<'a>(
        &'a self,
        case_type: &'a str,
        stage: &'a str,
    ) -> impl Iterator<Item = &'a Criterion> + 'a {
        self.criteria_for(case_type)
            .filter(move |c| c.stage == stage)
    }

    /// How many criteria apply to a case type.
    pub fn criteria_count_for(&self, case_type: &str) -> usize {
        self.index.applicable.get(case_type).map_or(0, Vec::len)
    }

    /// The positions (in `criteria`) of the criteria that apply to a case of
    /// this type for which these conditions hold, stage by stage. Borrowed
    /// when no condition adds anything, as for most cases.
    pub fn case_positions<'a>(
        &'a self,
        case_type: &str,
        conditions: &[String],
    ) -> Cow<'a, [usize]> {
        let base = self.applicable_positions(case_type);
        let added: Vec<usize> = match self.index.conditional.get(case_type) {
            Some(extra) if !conditions.is_empty() => extra
                .iter()
                .filter(|(_, k)| {
                    self.conditions
                        .get(*k)
                        .is_some_and(|cond| conditions.contains(&cond.id))
                })
                .map(|(i, _)| *i)
                .collect(),
            _ => return Cow::Borrowed(base),
        };
        if added.is_empty() {
            return Cow::Borrowed(base);
        }
        let mut all: Vec<usize> = base.iter().copied().chain(added).collect();
        super::order::sort_by_key(&mut all, |i| self.index.rank.get(*i).copied());
        all.dedup();
        Cow::Owned(all)
    }

    /// The criteria that apply to a case of this type for which these
    /// conditions hold, in framework order.
    pub fn case_criteria<'a>(
        &'a self,
        case_type: &str,
        conditions: &[String],
    ) -> impl Iterator<Item = &'a Criterion> + 'a {
        let positions = self.case_positions(case_type, conditions);
        (0..positions.len())
            .filter_map(move |i| positions.get(i).and_then(|&p| self.criteria.get(p)))
    }

    /// Whether a criterion applies to a case of this type for which these
    /// conditions hold.
    pub fn applies(&self, criterion: &Criterion, case_type: &str, conditions: &[String]) -> bool {
        criterion.applies_to.includes(case_type)
            || self.conditions.iter().any(|k| {
                conditions.contains(&k.id)
                    && k.case_types.iter().any(|t| t == case_type)
                    && k.criteria.contains(&criterion.id)
            })
    }

    /// The conditions asked about cases of this type.
    pub fn conditions_for<'a>(
        &'a self,
        case_type: &'a str,
    ) -> impl Iterator<Item = &'a Condition> + 'a {
        self.conditions
            .iter()
            .filter(move |k| k.case_types.iter().any(|t| t == case_type))
    }

    /// The ids of the conditions asked about cases of this type that `keep`
    /// keeps, in framework order (one copy of the code for every caller).
    #[inline(never)]
    pub fn condition_ids(&self, case_type: &str, keep: &dyn Fn(&String) -> bool) -> Vec<String> {
        self.conditions_for(case_type)
            .filter(|k| keep(&k.id))
            .map(|k| k.id.clone())
            .collect()
    }

    pub fn condition(&self, id: &str) -> Option<&Condition> {
        self.conditions.iter().find(|k| k.id == id)
    }

    /// The number of cases in the standard sample: the sum of the default counts.
    pub fn default_sample_size(&self) -> u32 {
        self.case_types.iter().map(|t| t.default_count).sum()
    }

    /// The label and meaning of a case grade on this framework's scale.
    pub fn case_grade_level(&self, grade: CaseGrade) -> Option<&ScaleLevel> {
        self.case_grades.iter().find(|l| l.id == grade.id())
    }

    /// The label and meaning of a topic grade on this framework's scale.
    pub fn topic_grade_level(&self, grade: TopicGrade) -> Option<&ScaleLevel> {
        self.topic_grades.iter().find(|l| l.id == grade.id())
    }

    /// Parses, resolves and validates a complete framework file (one that
    /// extends nothing).
    pub fn from_json(text: &str) -> Result<Self, FrameworkError> {
        Catalogue::empty().resolve(text)
    }

    fn build_index(&mut self) {
        let mut index = Index::default();
        for (i, c) in self.criteria.iter().enumerate() {
            index.criterion.entry(c.id.clone()).or_insert(i);
        }
        for (i, t) in self.case_types.iter().enumerate() {
            index.case_type.entry(t.id.clone()).or_insert(i);
            let applicable = self
                .criteria
                .iter()
                .enumerate()
                .filter(|(_, c)| c.applies_to.includes(&t.id))
                .map(|(i, _)| i);
            // Stage by stage, keeping file order within a stage.
            let mut applicable: Vec<usize> = applicable.collect();
            let stage_pos = |i: &usize| {
                self.stages
                    .iter()
                    .position(|s| self.criteria.get(*i).is_some_and(|c| s.id == c.stage))
            };
            super::order::sort_by_key(&mut applicable, |i| (stage_pos(i), *i));
            index.applicable.insert(t.id.clone(), applicable);
        }
        // Each criterion's place in framework order: stage by stage, then
        // file order.
        let mut order: Vec<usize> = (0..self.criteria.len()).collect();
        super::order::sort_by_key(&mut order, |i| {
            let stage = self.criteria.get(*i).map(|c| &c.stage);
            (self.stages.iter().position(|s| Some(&s.id) == stage), *i)
        });
        index.rank = vec![0; self.criteria.len()];
        for (rank, i) in order.into_iter().enumerate() {
            if let Some(r) = index.rank.get_mut(i) {
                *r = rank;
            }
        }
        for (k, condition) in self.conditions.iter().enumerate() {
            for t in &condition.case_types {
                for id in &condition.criteria {
                    if let Some(&i) = index.criterion.get(id) {
                        if self
                            .criteria
                            .get(i)
                            .is_some_and(|c| !c.applies_to.includes(t))
                        {
                            index.conditional.entry(t.clone()).or_default().push((i, k));
                        }
                    }
                }
            }
        }
        for (i, s) in self.stages.iter().enumerate() {
            index.stage.entry(s.id.clone()).or_insert(i);
        }
        for (i, t) in self.topics.iter().enumerate() {
            index.topic.entry(t.id.clone()).or_insert(i);
        }
        self.index = index;
    }
}
