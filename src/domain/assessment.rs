//! The assessment: one force's self-assessment against one framework
//! version. Plain data (it is also the body of the export format), with a few
//! methods for the questions every layer asks of it.

use std::collections::BTreeMap;
use std::sync::Arc;

use serde::{Deserialize, Deserializer, Serialize, Serializer};

use super::date::{Date, LocalTime, Timestamp};
use super::framework::{Criterion, Framework, FrameworkRef};
use super::scale::{AnswerValue, CaseGrade, GradeCounts, TopicGrade};

/// Marks a type as part of the export format's JSON Schema (native builds).
macro_rules! schema {
    ($($item:item)*) => {
        $(
            #[cfg_attr(not(target_arch = "wasm32"), derive(schemars::JsonSchema))]
            $item
        )*
    };
}

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

/// One audited case.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Case {
    /// Unique within the assessment; a reviewer's grades merge back by it.
    pub id: String,
    /// The force's own case reference (never a child's name).
    pub reference: String,
    pub case_type: String,
    #[serde(default)]
    pub dates: CaseDates,
    /// Who audited the case.
    #[serde(default)]
    pub auditor: String,
    /// The framework's conditions that hold for this case (format 4).
    #[serde(default)]
    pub conditions: Vec<String>,
    /// The times of the events the case file records (format 4).
    #[serde(default)]
    pub timeline: Vec<TimelineEntry>,
    /// The team member the lead allocated the case to (format 5).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub allocated_to: Option<String>,
    /// How many times each device has changed the case (format 5): see
    /// [`Versions`].
    #[serde(
        default,
        skip_serializing_if = "BTreeMap::is_empty",
        deserialize_with = "unique_keys"
    )]
    pub versions: Versions,
    /// How many times each device has changed the reviewer's grade, counted
    /// apart from the audit's changes, since the two are brought back apart.
    #[serde(
        default,
        skip_serializing_if = "BTreeMap::is_empty",
        deserialize_with = "unique_keys"
    )]
    pub review_versions: Versions,
    /// One entry per answered criterion; criteria not listed are unanswered.
    #[serde(
        default,
        serialize_with = "answers_as_list",
        deserialize_with = "answers_from_list"
    )]
    #[cfg_attr(not(target_arch = "wasm32"), schemars(with = "Vec<AnswerEntry>"))]
    pub answers: BTreeMap<String, Answer>,
    /// The force's grade: the suggestion confirmed, or overridden with a reason.
    #[serde(default)]
    pub force_grade: Option<GradeDecision>,
    /// An independent reviewer's grade, kept apart from the force's.
    #[serde(default)]
    pub reviewer_grade: Option<ReviewerGrade>,
    #[serde(default)]
    pub refer_back: Option<ReferBack>,
    /// Marked complete after the auditor checked the answers.
    #[serde(default)]
    pub completed: bool,
}

/// Dates that place a case.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CaseDates {
    /// When the incident or referral was first reported.
    #[serde(default)]
    pub reported: Option<Date>,
    /// When the case was audited.
    #[serde(default)]
    pub audited: Option<Date>,
}

/// When one event of the case happened, as the case file records it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TimelineEntry {
    pub event: String,
    pub at: LocalTime,
}

/// An answer to one criterion, with its evidence.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Answer {
    pub value: AnswerValue,
    /// The evidence from the case file: needed for not met and partly met,
    /// and on a key criterion for met and not applicable too.
    #[serde(default)]
    pub note: String,
    /// When the answer or its note last changed (format 5; none for
    /// answers made before).
    #[serde(default)]
    pub changed_at: Option<Timestamp>,
    /// The timeline's readings over their limits that the note was written
    /// against (see [`super::timeline::Reading::signature`]): the note says
    /// why the answer stands against these, and only these. A note written
    /// before the times were recorded, or before a standard was tightened,
    /// explains nothing the timeline shows now.
    #[serde(default)]
    pub stands_against: Vec<String>,
}

/// An answer as written in a file, naming its criterion.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AnswerEntry {
    pub criterion: String,
    pub value: AnswerValue,
    #[serde(default)]
    pub note: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub changed_at: Option<Timestamp>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub stands_against: Vec<String>,
}

/// The force's grade for a case.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct GradeDecision {
    pub grade: CaseGrade,
    /// What the rule suggested when the grade was decided (none if nothing
    /// was scored then).
    #[serde(default)]
    pub suggested: Option<CaseGrade>,
    /// Why the grade differs from the suggestion; required when it does.
    #[serde(default)]
    pub reason: String,
}

/// A reviewer's blind grade for a case.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ReviewerGrade {
    pub grade: CaseGrade,
    /// Who reviewed (a name, a unit or a partner agency).
    #[serde(default)]
    pub reviewer: String,
    #[serde(default)]
    pub note: String,
}

/// A case flagged for urgent action, independent of its grade.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ReferBack {
    /// What prompted it.
    #[serde(default)]
    pub triggers: Vec<ReferBackTrigger>,
    /// The concern, in the auditor's words.
    pub reason: String,
    /// Who must act.
    pub owner: String,
    #[serde(default)]
    pub raised: Option<Date>,
    #[serde(default)]
    pub deadline: Option<Date>,
    /// How and when it was closed; open while absent.
    #[serde(default)]
    pub closure: Option<Closure>,
}

/// The usual reasons a case is referred back (reference section 5).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum ReferBackTrigger {
    /// A child is at immediate risk of significant harm now.
    ImmediateRisk,
    /// Child protection procedures were not followed.
    ProceduresNotFollowed,
    /// An offender posing a risk is not managed, located or circulated.
    OffenderNotManaged,
    /// An investigation has stalled with suspects untraced.
    InvestigationStalled,
    /// A missing child's risk is graded too low.
    MissingRiskTooLow,
}

/// How a refer-back was closed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Closure {
    pub on: Date,
    /// What was done: an updated assessment, or the action taken.
    pub note: String,
}

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

/// How many times each device changed a case: `lead` for the lead's, a
/// member's id for their work pack. Of two copies of a case, one whose
/// counts are all at least the other's is the newer; otherwise both have
/// changed since they parted.
pub type Versions = BTreeMap<String, u64>;

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

fn answers_as_list<S: Serializer>(
    answers: &BTreeMap<String, Answer>,
    s: S,
) -> Result<S::Ok, S::Error> {
    s.collect_seq(answers.iter().map(|(criterion, a)| AnswerEntry {
        criterion: criterion.clone(),
        value: a.value,
        note: a.note.clone(),
        changed_at: a.changed_at,
        stands_against: a.stands_against.clone(),
    }))
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

fn answers_from_list<'de, D: Deserializer<'de>>(
    d: D,
) -> Result<BTreeMap<String, Answer>, D::Error> {
    /// Refuses a criterion answered twice once the whole list is read,
    /// before the reader leaves it, so the problem is placed on the list.
    struct Answers;
    impl<'de> serde::de::Visitor<'de> for Answers {
        type Value = BTreeMap<String, Answer>;

        fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
            f.write_str("a sequence")
        }

        fn visit_seq<A: serde::de::SeqAccess<'de>>(
            self,
            mut seq: A,
        ) -> Result<Self::Value, A::Error> {
            let mut entries = Vec::new();
            while let Some(e) = seq.next_element::<AnswerEntry>()? {
                entries.push(e);
            }
            let mut answers = BTreeMap::new();
            for e in entries {
                if answers.contains_key(&e.criterion) {
                    return Err(serde::de::Error::custom(format!(
                        "criterion {:?} is answered more than once",
                        e.criterion
                    )));
                }
                answers.insert(
                    e.criterion,
                    Answer {
                        value: e.value,
                        note: e.note,
                        changed_at: e.changed_at,
                        stands_against: e.stands_against,
                    },
                );
            }
            Ok(answers)
        }
    }
    d.deserialize_seq(Answers)
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

impl Case {
    /// How the case is named to users: its reference, or "Case 3 (no
    /// reference yet)" before it has one.
    pub fn label(&self) -> String {
        if self.reference.trim().is_empty() {
            format!("{} (no reference yet)", self.id.replace("case-", "Case "))
        } else {
            self.reference.clone()
        }
    }

    /// A new, empty case.
    pub fn new(id: String, case_type: String) -> Case {
        Case {
            id,
            reference: String::new(),
            case_type,
            dates: CaseDates::default(),
            auditor: String::new(),
            conditions: Vec::new(),
            timeline: Vec::new(),
            allocated_to: None,
            versions: Versions::new(),
            review_versions: Versions::new(),
            answers: BTreeMap::new(),
            force_grade: None,
            reviewer_grade: None,
            refer_back: None,
            completed: false,
        }
    }

    /// The criteria that apply to this case, in framework order.
    pub fn criteria<'a>(&'a self, fw: &'a Framework) -> impl Iterator<Item = &'a Criterion> + 'a {
        fw.case_criteria(&self.case_type, &self.conditions)
    }

    /// Whether a criterion applies to this case.
    pub fn applies(&self, fw: &Framework, criterion: &Criterion) -> bool {
        fw.applies(criterion, &self.case_type, &self.conditions)
    }

    /// When an event happened, if the case records it.
    pub fn time_of(&self, event: &str) -> Option<LocalTime> {
        self.timeline
            .iter()
            .find(|e| e.event == event)
            .map(|e| e.at)
    }

    pub fn answer(&self, criterion: &str) -> Option<&Answer> {
        self.answers.get(criterion)
    }

    /// The answer's value; unanswered when there is none.
    pub fn answer_value(&self, criterion: &str) -> AnswerValue {
        self.answers
            .get(criterion)
            .map(|a| a.value)
            .unwrap_or_default()
    }

    /// Whether the case has been audited, in part at least: any answer or
    /// a grade. A reference alone may be the lead's.
    pub fn is_audited(&self) -> bool {
        !self.answers.is_empty() || self.force_grade.is_some()
    }

    /// Whether the auditor has begun: any answer, grade or reference.
    pub fn is_started(&self) -> bool {
        self.is_audited() || !self.reference.trim().is_empty()
    }

    /// The grade results count: the force's confirmed grade.
    pub fn force(&self) -> Option<CaseGrade> {
        self.force_grade.as_ref().map(|d| d.grade)
    }

    pub fn reviewer(&self) -> Option<CaseGrade> {
        self.reviewer_grade.as_ref().map(|r| r.grade)
    }

    /// Whether the refer-back, if any, is still open.
    pub fn has_open_refer_back(&self) -> bool {
        self.refer_back
            .as_ref()
            .is_some_and(|r| r.closure.is_none())
    }
}

impl GradeDecision {
    /// The grade differs from what the rule suggested.
    pub fn is_override(&self) -> bool {
        self.suggested.is_some_and(|s| s != self.grade)
    }

    /// "Good, as suggested", or "Requires improvement (the suggestion was
    /// inadequate). Reason: …".
    pub fn describe(&self) -> String {
        match self.suggested {
            Some(s) if s != self.grade => format!(
                "{} (the suggestion was {}). Reason: {}",
                self.grade.label(),
                s.label().to_ascii_lowercase(),
                self.reason
            ),
            Some(_) => format!("{}, as suggested", self.grade.label()),
            None if self.reason.is_empty() => self.grade.label().to_owned(),
            None => format!("{}. Reason: {}", self.grade.label(), self.reason),
        }
    }
}

impl ReferBack {
    /// The reason, owner, deadline and closure in one line.
    pub fn describe(&self) -> String {
        let mut text = format!(
            "{} Owner: {}.",
            self.reason.trim_end_matches('.').to_owned() + ".",
            self.owner
        );
        if let Some(d) = self.deadline {
            text.push_str(&format!(" Deadline: {}.", d.long()));
        }
        if let Some(c) = &self.closure {
            text.push_str(&format!(" Closed on {}: {}", c.on.long(), c.note));
        }
        text
    }
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
