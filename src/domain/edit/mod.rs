//! Changes a user makes to an assessment, as plain values applied by one pure
//! function. The app's reducer calls [`apply_with`] (the tests and the CLI
//! [`apply`]); the rules live here, where they are tested natively: those of
//! a case's audit, the plan and allocation in this file, those of the lead's
//! pages on the assessment as a whole in `lead.rs`.
//!
//! Rules:
//! - changing an answer or a note of a completed case reopens it: the
//!   auditor checks the answers again before it counts as complete;
//! - a grade is confirmed against the suggestion of the moment; if the
//!   answers later change the suggestion, the case needs its grade confirmed
//!   again before it can be completed (see [`super::grade::grade_is_stale`]);
//!   so does referring a complete case back, which reopens it;
//! - an override needs a reason;
//! - changing a case's type drops answers to criteria that do not apply to
//!   the new type;
//! - a case can be marked complete only when [`completeness`] says so;
//! - every change to a case counts once in its [`Versions`] under the device
//!   that made it (the lead's, or a work pack's member), so work brought
//!   back merges case by case without guessing;
//! - a work pack changes only its member's cases: an auditor's work, or a
//!   reviewer's grades; the plan, the team and everything else is the
//!   lead's.
//!
//! [`Versions`]: super::assessment::Versions

use std::fmt;
use std::sync::Arc;

use super::assessment::{
    Action, ActionPlanSettings, Answer, Assessment, Baseline, Case, CaseDates, Deleted, DipRecord,
    Member, PlannedCount, Recommendation, ReferBack, ReviewerGrade, Role, ServiceStandard,
    StatementAnswer, TimelineEntry, TopicJudgment,
};
use super::date::{LocalTime, Timestamp};
use super::framework::Framework;
use super::grade::{completeness, completeness_now, suggest, AnswerValue, CaseGrade, Completeness};
use super::team::{pack_member, writer};
use super::text::same_name;

mod lead;
pub use lead::apply_lead_edit;

/// An edit of the lead's pages (see [`apply_lead_edit`]), made only here,
/// from the edits [`apply_with`] hands on.
#[derive(Debug)]
pub struct LeadEdit(Edit);

/// How the edits of the lead's pages are applied: [`apply_lead_edit`]. The
/// browser app passes it in once the lead's pages are loaded (with them),
/// so its main module does not carry their rules. Only the lead's pages may
/// make these edits: one made from a page of the audit would be refused
/// until the lead's part happened to have loaded. A new edit belongs here
/// when only the lead's pages make it.
pub type LeadEdits = fn(&mut Assessment, &Framework, LeadEdit) -> Result<Applied, EditError>;

/// One change to an assessment.
#[derive(Debug, Clone, PartialEq)]
pub enum Edit {
    /// Replace the sample plan.
    SetPlan(Vec<PlannedCount>),
    /// Add an empty case of a type (its id is chosen by [`apply`]).
    AddCase {
        case_type: String,
    },
    DeleteCase {
        case: String,
    },
    SetCaseDetails {
        case: String,
        reference: String,
        case_type: String,
        dates: CaseDates,
        auditor: String,
        /// The framework's conditions whose criteria apply: answered yes or
        /// not answered (those not asked for the case type are dropped).
        conditions: Vec<String>,
        /// Those of them not answered yet.
        unanswered: Vec<String>,
    },
    /// Record when an event of the case happened, or remove it.
    SetTime {
        case: String,
        event: String,
        at: Option<LocalTime>,
    },
    /// Set the force's own standard for a timeline interval, or go back to
    /// the framework's starting value.
    SetServiceStandard {
        interval: String,
        minutes: Option<u32>,
    },
    SetAnswer {
        case: String,
        criterion: String,
        value: AnswerValue,
    },
    SetNote {
        case: String,
        criterion: String,
        note: String,
    },
    /// Take the suggested grade as the force's grade.
    ConfirmGrade {
        case: String,
    },
    /// Grade the case differently from the suggestion, with a reason.
    OverrideGrade {
        case: String,
        grade: CaseGrade,
        reason: String,
    },
    /// Set, change or remove the refer-back.
    SetReferBack {
        case: String,
        refer_back: Option<ReferBack>,
    },
    MarkComplete {
        case: String,
    },
    Reopen {
        case: String,
    },
    /// Set or remove a reviewer's blind grade; the force's grade is untouched.
    SetReviewerGrade {
        case: String,
        grade: Option<ReviewerGrade>,
    },
    /// Set the force's judgment on a topic, replacing any earlier one. The
    /// rule's suggestion of the moment is recorded with it; a grade that
    /// differs from it needs its reasoning.
    SetTopicJudgment(TopicJudgment),
    /// Answer a force-level statement with its evidence, or clear it.
    SetStatement {
        statement: String,
        answer: Option<StatementAnswer>,
    },
    /// Add one of the report's recommendations or areas for improvement
    /// (its id is chosen by [`apply`]).
    AddRecommendation(Recommendation),
    /// Replace the recommendation with the same id.
    SetRecommendation(Recommendation),
    /// Remove a recommendation; actions answering it no longer name it.
    DeleteRecommendation {
        recommendation: String,
    },
    /// Add a record to a dip sample (its id is chosen by [`apply`]).
    AddDipRecord(DipRecord),
    /// Replace the dip record with the same id.
    SetDipRecord(DipRecord),
    DeleteDipRecord {
        record: String,
    },
    /// Add an action to the plan (its id is chosen by [`apply`]).
    AddAction(Action),
    /// Replace the action with the same id.
    SetAction(Action),
    DeleteAction {
        action: String,
    },
    SetActionPlan(ActionPlanSettings),
    /// Set or remove the baseline progress is measured against.
    SetBaseline(Option<Baseline>),
    /// Add a member to the team (their id is chosen by [`apply`]).
    AddMember {
        name: String,
        role: Role,
    },
    /// Take a member off the team; their cases are no longer allocated.
    RemoveMember {
        member: String,
    },
    /// Allocate a case to an auditor, or take it back.
    Allocate {
        case: String,
        member: Option<String>,
    },
    /// Allocate `count` cases of a type to an auditor: first the type's
    /// cases that no one holds and no one has started, in order, then new
    /// planned cases for the rest.
    AllocateByType {
        case_type: String,
        count: u32,
        member: String,
    },
}

/// What an applied edit produced.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Applied {
    Done,
    /// The id of a case just added.
    CaseAdded(String),
    /// The id of an action just added.
    ActionAdded(String),
    /// The id of a member just added.
    MemberAdded(String),
    /// The id of a recommendation just added.
    RecommendationAdded(String),
    /// The id of a dip record just added.
    DipRecordAdded(String),
    /// How many cases were added and allocated.
    Allocated(u32),
}

/// Why an edit was refused; the assessment is unchanged.
#[derive(Debug, Clone, PartialEq)]
pub enum EditError {
    NoSuchCase(String),
    NoSuchAction(String),
    UnknownTopic(String),
    /// An action needs a description.
    ActionTextRequired,
    /// The not-met share is a percentage from 1 to 100.
    ShareOutOfRange(u32),
    UnknownCaseType(String),
    UnknownCriterion(String),
    UnknownEvent(String),
    UnknownInterval(String),
    /// The interval's limit comes from the reports or statute.
    LimitIsFixed(String),
    /// A service standard is from a minute to a year.
    StandardOutOfRange(u32),
    NotApplicable {
        criterion: String,
        case_type: String,
    },
    /// Nothing is scored yet, so there is no suggestion to confirm.
    NothingToConfirm,
    /// An override needs a reason.
    ReasonRequired,
    /// The case still lacks what completeness lists.
    Incomplete(Box<Completeness>),
    /// A work pack changes only its member's cases.
    LeadOnly,
    /// A reviewer's pack records the reviewer's grades only.
    ReviewerOnly,
    /// A blind-review grade given in an auditor's pack, which returns the
    /// audit only.
    AuditorsPack,
    /// An edit of the lead's pages with no [`LeadEdits`] to apply it: in
    /// the browser, before the lead's pages (which make such edits) load.
    Unavailable,
    NoSuchMember(String),
    /// A member needs a name, unique in the team.
    MemberName,
    /// Cases are allocated to auditors.
    NotAnAuditor(String),
    /// From 1 to the most a plan may ask for.
    CountOutOfRange(u32),
    UnknownStatement(String),
    UnknownStage(String),
    NoSuchRecommendation(String),
    /// A recommendation needs its text.
    RecommendationTextRequired,
    UnknownDipSample(String),
    NoSuchDipRecord(String),
    /// A dip record needs the force's reference.
    DipReferenceRequired,
    /// A dip-sample question answered other than yes, no or not applicable.
    NotADipAnswer(String),
    /// A note longer than a stored assessment may hold (its length in
    /// characters): saved, it would stop the assessment opening again.
    NoteTooLong(usize),
    /// More cases than one assessment may hold.
    TooManyCases,
}

impl fmt::Display for EditError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            EditError::NoSuchCase(id) => write!(f, "there is no case {id:?} in this assessment"),
            EditError::NoSuchAction(id) => {
                write!(f, "there is no action {id:?} in this assessment")
            }
            EditError::UnknownTopic(id) => write!(f, "{id:?} is not a topic of this framework"),
            EditError::ActionTextRequired => f.write_str("describe the action"),
            EditError::ShareOutOfRange(n) => {
                write!(f, "{n} is not a percentage from 1 to 100")
            }
            EditError::UnknownCaseType(id) => write!(f, "{id:?} is not a case type of this framework"),
            EditError::UnknownCriterion(id) => write!(f, "{id:?} is not a criterion of this framework"),
            EditError::UnknownEvent(id) => write!(f, "{id:?} is not an event of this framework's timeline"),
            EditError::UnknownInterval(id) => write!(f, "{id:?} is not an interval of this framework's timeline"),
            EditError::LimitIsFixed(id) => write!(f, "the limit for {id:?} comes from the reports or the law, not from the force"),
            EditError::StandardOutOfRange(n) => write!(f, "{n} minutes is not from 1 minute to a year"),
            EditError::NotApplicable {
                criterion,
                case_type,
            } => write!(f, "criterion {criterion} does not apply to {case_type} cases"),
            EditError::NothingToConfirm => f.write_str(
                "answer at least one criterion met, partly met or not met before confirming a grade",
            ),
            EditError::ReasonRequired => {
                f.write_str("give a reason for grading differently from the suggestion")
            }
            EditError::Incomplete(_) => f.write_str("the case is not ready to be marked complete"),
            EditError::LeadOnly => f.write_str(
                "this is a work pack: it changes only the cases allocated to you; the lead changes the rest",
            ),
            EditError::Unavailable => f.write_str(
                "this part of the app has not finished loading; try again",
            ),
            EditError::ReviewerOnly => f.write_str(
                "this is a reviewer's pack: it records your grades only, not the force's audit",
            ),
            EditError::AuditorsPack => f.write_str(
                "this is an auditor's pack: it returns your audit; a blind review is given in a reviewer's pack, which the lead makes on the team page",
            ),
            EditError::NoSuchMember(id) => write!(f, "there is no team member {id:?}"),
            EditError::MemberName => f.write_str("give the member a name not already in the team"),
            EditError::NotAnAuditor(id) => write!(f, "{id:?} is not an auditor: cases are allocated to auditors"),
            EditError::UnknownStatement(id) => write!(f, "{id:?} is not a force-level statement of this framework"),
            EditError::UnknownStage(id) => write!(f, "{id:?} is not a stage of this framework"),
            EditError::NoSuchRecommendation(id) => write!(f, "there is no recommendation {id:?} in this assessment"),
            EditError::RecommendationTextRequired => f.write_str("enter the recommendation as the report states it"),
            EditError::UnknownDipSample(id) => write!(f, "{id:?} is not a dip sample of this framework"),
            EditError::NoSuchDipRecord(id) => write!(f, "there is no dip-sample record {id:?} in this assessment"),
            EditError::DipReferenceRequired => f.write_str("enter the record's reference"),
            EditError::NotADipAnswer(id) => write!(f, "answer {id} yes, no or not applicable"),
            EditError::CountOutOfRange(n) => write!(f, "{n} is not a number of cases from 1 to {}", super::framework::MAX_DEFAULT_COUNT),
            EditError::NoteTooLong(n) => write!(f, "the note is {n} characters long; a note may hold {MAX_LONG_TEXT}"),
            EditError::TooManyCases => write!(f, "one assessment may hold {MAX_CASES} cases"),
        }
    }
}

/// Applies an edit, or refuses it and changes nothing.
pub fn apply(a: &mut Assessment, fw: &Framework, edit: Edit) -> Result<Applied, EditError> {
    apply_at(a, fw, edit, None)
}

/// [`apply`], recording `now` as when a changed answer last changed.
pub fn apply_at(
    a: &mut Assessment,
    fw: &Framework,
    edit: Edit,
    now: Option<Timestamp>,
) -> Result<Applied, EditError> {
    apply_with(a, fw, edit, now, apply_lead_edit)
}

/// [`apply_at`], with the edits of the lead's pages applied by `lead`.
pub fn apply_with(
    a: &mut Assessment,
    fw: &Framework,
    edit: Edit,
    now: Option<Timestamp>,
    lead: LeadEdits,
) -> Result<Applied, EditError> {
    if a.pack.is_some() {
        let reviewer = pack_member(a).is_some_and(|m| m.role == Role::Reviewer);
        match (&edit, reviewer) {
            (Edit::SetReviewerGrade { .. }, true) => {}
            (Edit::SetReviewerGrade { .. }, false) => return Err(EditError::AuditorsPack),
            (e, false) if e.case().is_some() => {}
            (_, true) => return Err(EditError::ReviewerOnly),
            _ => return Err(EditError::LeadOnly),
        }
    }
    let touched = match &edit {
        // The reviewer's grade is merged on its own, not as the audit's.
        Edit::SetReviewerGrade { .. } => None,
        e => e.case().map(str::to_owned),
    };
    // The case as it was, to count a change only when there is one: saving a
    // form unchanged, or allocating without moving the auditor's name, is not
    // a change another copy could conflict with.
    let before = touched.as_deref().and_then(|id| a.case(id)).cloned();
    let changed_answer = match &edit {
        Edit::SetAnswer {
            case, criterion, ..
        }
        | Edit::SetNote {
            case, criterion, ..
        } => Some((case.clone(), criterion.clone())),
        _ => None,
    };
    let noted = match &edit {
        Edit::SetNote {
            case, criterion, ..
        } => Some((case.clone(), criterion.clone())),
        _ => None,
    };
    let restandard = matches!(edit, Edit::SetServiceStandard { .. });
    let regraded = match &edit {
        Edit::SetReviewerGrade { case, grade } => a
            .case(case)
            .filter(|c| c.reviewer_grade != *grade)
            .map(|c| c.id.clone()),
        _ => None,
    };
    let applied = apply_edit(a, fw, edit, lead)?;
    if let Some(id) = regraded {
        let by = writer(a);
        if let Some(c) = a.case_mut(&id) {
            let n = c.review_versions.entry(by).or_insert(0);
            *n = n.saturating_add(1);
        }
    }
    if let Some((case, criterion)) = noted {
        stand_against_now(a, fw, &case, &criterion);
    }
    if restandard {
        reopen_newly_challenged(a, fw);
    }
    let added = match &applied {
        Applied::CaseAdded(id) => Some(id.clone()),
        _ => None,
    };
    let by = writer(a);
    if let Some(id) = touched.or(added) {
        let changed = match (&before, a.case(&id)) {
            (Some(was), Some(now)) => !super::merge::same_audit(was, now),
            _ => true,
        };
        if let Some(c) = a.case_mut(&id).filter(|_| changed) {
            let n = c.versions.entry(by).or_insert(0);
            *n = n.saturating_add(1);
            if let (Some((_, criterion)), Some(now)) = (&changed_answer, now) {
                if let Some(answer) = c.answers.get_mut(criterion) {
                    answer.changed_at = Some(now);
                }
            }
        }
    }
    Ok(applied)
}

/// A note just written stands against the timeline as it reads now.
fn stand_against_now(a: &mut Assessment, fw: &Framework, case: &str, criterion: &str) {
    let Some(c) = a.case(case) else {
        return;
    };
    let over = super::timeline::over_limit_for(fw, &a.service_standards, c, criterion);
    if let Some(answer) = a.case_mut(case).and_then(|c| c.answers.get_mut(criterion)) {
        answer.stands_against = if answer.note.trim().is_empty() {
            Vec::new()
        } else {
            over
        };
    }
}

/// After a service standard changes: each complete case whose answers the
/// timeline now contradicts, with no note written against the new reading,
/// is reopened (and counted as the writer's change), as recording a time
/// reopens its case.
fn reopen_newly_challenged(a: &mut Assessment, fw: &Framework) {
    let by = writer(a);
    let standards = a.service_standards.clone();
    for c in &mut a.cases {
        reopen_if_challenged(fw, &standards, c, &by);
    }
}

/// Reopens a complete case that `standards` challenge with no note saying
/// why the answer stands, counting the change as `by`'s; whether it did.
/// Inlined: called apart, from the main module and the lead's part, it
/// cost some 120 bytes on every page load.
#[inline(always)]
pub(crate) fn reopen_if_challenged(
    fw: &Framework,
    standards: &[ServiceStandard],
    case: &mut Arc<Case>,
    by: &str,
) -> bool {
    if !case.completed
        || completeness(fw, standards, case)
            .unexplained_challenges
            .is_empty()
    {
        return false;
    }
    let c = Arc::make_mut(case);
    c.completed = false;
    let n = c.versions.entry(by.to_owned()).or_insert(0);
    *n = n.saturating_add(1);
    true
}

impl Edit {
    /// The case the edit changes, if it changes one.
    pub fn case(&self) -> Option<&str> {
        match self {
            Edit::SetCaseDetails { case, .. }
            | Edit::SetTime { case, .. }
            | Edit::SetAnswer { case, .. }
            | Edit::SetNote { case, .. }
            | Edit::ConfirmGrade { case }
            | Edit::OverrideGrade { case, .. }
            | Edit::SetReferBack { case, .. }
            | Edit::MarkComplete { case }
            | Edit::Reopen { case }
            | Edit::SetReviewerGrade { case, .. }
            | Edit::Allocate { case, .. } => Some(case),
            _ => None,
        }
    }
}

fn apply_edit(
    a: &mut Assessment,
    fw: &Framework,
    edit: Edit,
    lead: LeadEdits,
) -> Result<Applied, EditError> {
    match edit {
        Edit::SetPlan(plan) => {
            if let Some(p) = plan.iter().find(|p| fw.case_type(&p.case_type).is_none()) {
                return Err(EditError::UnknownCaseType(p.case_type.clone()));
            }
            a.sample_plan = plan;
        }
        Edit::AddCase { case_type } => {
            if fw.case_type(&case_type).is_none() {
                return Err(EditError::UnknownCaseType(case_type));
            }
            if a.cases.len() >= MAX_CASES {
                return Err(EditError::TooManyCases);
            }
            let id = a.next_case_id();
            let mut c = Case::new(id.clone(), case_type);
            c.ask_conditions(fw);
            a.cases.push(Arc::new(c));
            return Ok(Applied::CaseAdded(id));
        }
        Edit::DeleteCase { case } => {
            let Some(gone) = a.shared_case(&case).cloned() else {
                return Err(EditError::NoSuchCase(case));
            };
            a.cases.retain(|c| c.id != case);
            // So that work on it brought back later is not added again
            // unasked, even a case that has no counts of changes (one from a
            // file of format 1 to 4, or never changed).
            a.deleted.push(Deleted {
                case,
                versions: gone.versions.clone(),
            });
        }
        Edit::SetCaseDetails {
            case,
            reference,
            case_type,
            dates,
            auditor,
            conditions,
            unanswered,
        } => {
            if fw.case_type(&case_type).is_none() {
                return Err(EditError::UnknownCaseType(case_type));
            }
            // Only those asked for the case type, once each, in the
            // framework's order; one not answered is one that applies.
            let unanswered = fw.condition_ids(&case_type, &|id| unanswered.contains(id));
            let conditions = fw.condition_ids(&case_type, &|id| {
                conditions.contains(id) || unanswered.contains(id)
            });
            let c = case_mut(a, &case)?;
            // A question left open is one a complete case has answered.
            if !unanswered.is_empty() {
                c.completed = false;
            }
            c.conditions_unanswered = unanswered;
            if c.case_type != case_type || c.conditions != conditions {
                c.answers.retain(|criterion, _| {
                    fw.criterion(criterion)
                        .is_some_and(|k| fw.applies(k, &case_type, &conditions))
                });
                c.case_type = case_type;
                c.conditions = conditions;
                c.completed = false;
            }
            c.reference = reference;
            c.dates = dates;
            c.auditor = auditor;
        }
        Edit::SetTime { case, event, at } => {
            if fw.timeline.event(&event).is_none() {
                return Err(EditError::UnknownEvent(event));
            }
            // The time it has already (a field typed in part and cleared,
            // with none saved): no change, and a complete case stays so.
            if a.case(&case).is_some_and(|c| c.time_of(&event) == at) {
                return Ok(Applied::Done);
            }
            let c = case_mut(a, &case)?;
            c.timeline.retain(|e| e.event != event);
            if let Some(at) = at {
                c.timeline.push(TimelineEntry { event, at });
                let order =
                    |e: &TimelineEntry| fw.timeline.events.iter().position(|x| x.id == e.event);
                super::order::sort_by_key(&mut c.timeline, order);
            }
            c.completed = false;
        }
        Edit::SetServiceStandard { interval, minutes } => {
            let Some(i) = fw.timeline.interval(&interval) else {
                return Err(EditError::UnknownInterval(interval));
            };
            if i.force_standard.is_none() {
                return Err(EditError::LimitIsFixed(interval));
            }
            a.service_standards.retain(|s| s.interval != interval);
            if let Some(minutes) = minutes {
                if !(1..=MAX_STANDARD_MINUTES).contains(&minutes) {
                    return Err(EditError::StandardOutOfRange(minutes));
                }
                a.service_standards
                    .push(ServiceStandard { interval, minutes });
                let order = |s: &ServiceStandard| {
                    fw.timeline
                        .intervals
                        .iter()
                        .position(|x| x.id == s.interval)
                };
                super::order::sort_by_key(&mut a.service_standards, order);
            }
        }
        Edit::SetAnswer {
            case,
            criterion,
            value,
        } => {
            let c = applicable_case(a, fw, &case, &criterion)?;
            let no_note = c.answer(&criterion).is_none_or(|x| x.note.is_empty());
            if value == AnswerValue::Unanswered && no_note {
                c.answers.remove(&criterion);
            } else {
                c.answers
                    .entry(criterion)
                    .or_insert_with(Answer::default)
                    .value = value;
            }
            c.completed = false;
        }
        Edit::SetNote {
            case,
            criterion,
            note,
        } => {
            let length = note.chars().count();
            if length > MAX_LONG_TEXT {
                return Err(EditError::NoteTooLong(length));
            }
            let c = applicable_case(a, fw, &case, &criterion)?;
            if note.is_empty() && c.answer_value(&criterion) == AnswerValue::Unanswered {
                c.answers.remove(&criterion);
            } else {
                c.answers
                    .entry(criterion)
                    .or_insert_with(Answer::default)
                    .note = note;
            }
            c.completed = false;
        }
        Edit::ConfirmGrade { case } => {
            let c = case_mut(a, &case)?;
            let Some(grade) = suggest(fw, c).grade else {
                return Err(EditError::NothingToConfirm);
            };
            c.decide(grade, Some(grade), String::new());
        }
        Edit::OverrideGrade {
            case,
            grade,
            reason,
        } => {
            let c = case_mut(a, &case)?;
            let suggested = suggest(fw, c).grade;
            let reason = reason.trim().to_owned();
            if suggested != Some(grade) && reason.is_empty() {
                return Err(EditError::ReasonRequired);
            }
            let reason = if suggested == Some(grade) {
                String::new()
            } else {
                reason
            };
            c.decide(grade, suggested, reason);
        }
        Edit::SetReferBack { case, refer_back } => {
            let standards = a.service_standards.clone();
            let c = case_mut(a, &case)?;
            c.refer_back = refer_back;
            // Referring a case back makes its suggestion inadequate (and
            // withdrawing one changes it too): a complete case's grade is
            // then to confirm again, and a refer-back needs its reason and
            // owner, so the case is complete no longer.
            if c.completed && !completeness_now(fw, &standards, c).is_complete() {
                c.completed = false;
            }
        }
        Edit::MarkComplete { case } => {
            let standards = a.service_standards.clone();
            let c = case_mut(a, &case)?;
            let done = completeness_now(fw, &standards, c);
            if !done.is_complete() {
                return Err(EditError::Incomplete(Box::new(done)));
            }
            c.completed = true;
        }
        Edit::Reopen { case } => {
            case_mut(a, &case)?.completed = false;
        }
        Edit::SetReviewerGrade { case, grade } => {
            case_mut(a, &case)?.reviewer_grade = grade;
        }
        edit @ (Edit::SetTopicJudgment(_)
        | Edit::AddAction(_)
        | Edit::SetAction(_)
        | Edit::DeleteAction { .. }
        | Edit::SetStatement { .. }
        | Edit::AddRecommendation(_)
        | Edit::SetRecommendation(_)
        | Edit::DeleteRecommendation { .. }
        | Edit::AddDipRecord(_)
        | Edit::SetDipRecord(_)
        | Edit::DeleteDipRecord { .. }
        | Edit::SetActionPlan(_)
        | Edit::SetBaseline(_)
        | Edit::AddMember { .. }
        | Edit::RemoveMember { .. }
        | Edit::AllocateByType { .. }) => return lead(a, fw, LeadEdit(edit)),
        Edit::Allocate { case, member } => {
            let name = match &member {
                None => None,
                Some(id) => Some(auditor(a, id)?.name.clone()),
            };
            // The name of whom the case was allocated to until now.
            let previous = a
                .case(&case)
                .and_then(|c| c.allocated_to.as_deref())
                .and_then(|id| a.team.iter().find(|m| m.id == id))
                .map(|m| m.name.clone());
            let c = case_mut(a, &case)?;
            c.allocated_to = member;
            // Who audits it, unless the case names someone the allocation
            // did not put there (a name typed another way, `ds  ash` for
            // `DS Ash`, is the same person, as calibration counts them), or
            // it has been audited: calibration counts the work under who did
            // it, and reallocating must not move it to someone else.
            let follows = c.auditor.trim().is_empty()
                || (!c.is_audited() && previous.is_some_and(|p| same_name(&p, &c.auditor)));
            if let Some(name) = name.filter(|_| follows) {
                c.auditor = name;
            }
        }
    }
    Ok(Applied::Done)
}

use super::format::{MAX_CASES, MAX_LONG_TEXT, MAX_STANDARD_MINUTES};

/// The team member with this id, if they are an auditor.
fn auditor<'a>(a: &'a Assessment, id: &str) -> Result<&'a Member, EditError> {
    match a.team.iter().find(|m| m.id == id) {
        None => Err(EditError::NoSuchMember(id.to_owned())),
        Some(m) if m.role != Role::Auditor => Err(EditError::NotAnAuditor(id.to_owned())),
        Some(m) => Ok(m),
    }
}

fn case_mut<'a>(a: &'a mut Assessment, id: &str) -> Result<&'a mut Case, EditError> {
    a.case_mut(id)
        .ok_or_else(|| EditError::NoSuchCase(id.to_owned()))
}

fn applicable_case<'a>(
    a: &'a mut Assessment,
    fw: &Framework,
    case: &str,
    criterion: &str,
) -> Result<&'a mut Case, EditError> {
    let k = fw
        .criterion(criterion)
        .ok_or_else(|| EditError::UnknownCriterion(criterion.to_owned()))?;
    let c = case_mut(a, case)?;
    if !c.applies(fw, k) {
        return Err(EditError::NotApplicable {
            criterion: criterion.to_owned(),
            case_type: c.case_type.clone(),
        });
    }
    Ok(c)
}
