//! Changes a user makes to an assessment, as plain values applied by one pure
//! function. The app's reducer calls [`apply`]; the rules live here, where
//! they are tested natively.
//!
//! Rules:
//! - changing an answer or a note of a completed case reopens it: the
//!   auditor checks the answers again before it counts as complete;
//! - a grade is confirmed against the suggestion of the moment; if the
//!   answers later change the suggestion, the case needs its grade confirmed
//!   again before it can be completed (see [`super::grade::grade_is_stale`]);
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
    GradeDecision, Member, PlannedCount, Recommendation, ReferBack, ReviewerGrade, Role,
    ServiceStandard, StatementAnswer, TimelineEntry, TopicJudgment,
};
use super::date::{LocalTime, Timestamp};
use super::framework::Framework;
use super::grade::grade_is_stale;
use super::grade::{completeness, suggest, AnswerValue, CaseGrade, Completeness};
use super::team::{pack_member, writer};

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
        /// The framework's conditions that hold (those not asked for the
        /// case type are dropped).
        conditions: Vec<String>,
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
    Incomplete(Completeness),
    /// A work pack changes only its member's cases.
    LeadOnly,
    /// A reviewer's pack records the reviewer's grades only.
    ReviewerOnly,
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
            EditError::ReviewerOnly => f.write_str(
                "this is a reviewer's pack: it records your grades only, not the force's audit",
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
            EditError::CountOutOfRange(n) => write!(f, "{n} is not a number of cases from 1 to {}", super::framework::MAX_DEFAULT_COUNT),
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
    if a.pack.is_some() {
        let reviewer = pack_member(a).is_some_and(|m| m.role == Role::Reviewer);
        match (&edit, reviewer) {
            (Edit::SetReviewerGrade { .. }, _) => {}
            (e, false) if e.case().is_some() => {}
            (e, true) if e.case().is_some() => return Err(EditError::ReviewerOnly),
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
    let applied = apply_edit(a, fw, edit)?;
    if let Some(id) = regraded {
        let by = writer(a);
        if let Some(c) = a.case_mut(&id) {
            *c.review_versions.entry(by).or_insert(0) += 1;
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
            *c.versions.entry(by).or_insert(0) += 1;
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
        if c.completed
            && !completeness(fw, &standards, c)
                .unexplained_challenges
                .is_empty()
        {
            let c = Arc::make_mut(c);
            c.completed = false;
            *c.versions.entry(by.clone()).or_insert(0) += 1;
        }
    }
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

fn apply_edit(a: &mut Assessment, fw: &Framework, edit: Edit) -> Result<Applied, EditError> {
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
            let id = a.next_case_id();
            a.cases.push(Arc::new(Case::new(id.clone(), case_type)));
            return Ok(Applied::CaseAdded(id));
        }
        Edit::DeleteCase { case } => {
            let Some(gone) = a.shared_case(&case).cloned() else {
                return Err(EditError::NoSuchCase(case));
            };
            a.cases.retain(|c| c.id != case);
            // So that work on it brought back later is not added again unasked.
            if !gone.versions.is_empty() {
                a.deleted.push(Deleted {
                    case,
                    versions: gone.versions.clone(),
                });
            }
        }
        Edit::SetCaseDetails {
            case,
            reference,
            case_type,
            dates,
            auditor,
            conditions,
        } => {
            if fw.case_type(&case_type).is_none() {
                return Err(EditError::UnknownCaseType(case_type));
            }
            // Only those asked for the case type, once each, in the framework's order.
            let conditions: Vec<String> = fw
                .conditions_for(&case_type)
                .filter(|k| conditions.contains(&k.id))
                .map(|k| k.id.clone())
                .collect();
            let c = case_mut(a, &case)?;
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
            c.force_grade = Some(GradeDecision {
                grade,
                suggested: Some(grade),
                reason: String::new(),
            });
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
            c.force_grade = Some(GradeDecision {
                grade,
                suggested,
                reason: if suggested == Some(grade) {
                    String::new()
                } else {
                    reason
                },
            });
        }
        Edit::SetReferBack { case, refer_back } => {
            let c = case_mut(a, &case)?;
            c.refer_back = refer_back;
        }
        Edit::MarkComplete { case } => {
            let standards = a.service_standards.clone();
            let c = case_mut(a, &case)?;
            let done = completeness_now(fw, &standards, c);
            if !done.is_complete() {
                return Err(EditError::Incomplete(done));
            }
            c.completed = true;
        }
        Edit::Reopen { case } => {
            case_mut(a, &case)?.completed = false;
        }
        Edit::SetReviewerGrade { case, grade } => {
            case_mut(a, &case)?.reviewer_grade = grade;
        }
        Edit::SetTopicJudgment(mut judgment) => {
            let Some(topic) = fw.topic(&judgment.topic) else {
                return Err(EditError::UnknownTopic(judgment.topic));
            };
            let results =
                super::results::Results::compute(fw, a, super::results::GradeBasis::Final);
            let evidence = super::topics::evidence(fw, a, &results, topic);
            judgment.suggested = super::topics::suggest(fw, a, &evidence, topic).grade;
            let differs = judgment.grade.is_some()
                && judgment.suggested.is_some()
                && judgment.grade != judgment.suggested;
            if differs && judgment.reasoning.trim().is_empty() {
                return Err(EditError::ReasonRequired);
            }
            match a
                .topic_judgments
                .iter_mut()
                .find(|j| j.topic == judgment.topic)
            {
                Some(j) => *j = judgment,
                None => a.topic_judgments.push(judgment),
            }
        }
        Edit::AddAction(mut action) => {
            check_action(fw, a, &action)?;
            action.id = a.next_action_id();
            let id = action.id.clone();
            a.actions.push(action);
            return Ok(Applied::ActionAdded(id));
        }
        Edit::SetAction(action) => {
            check_action(fw, a, &action)?;
            let Some(slot) = a.actions.iter_mut().find(|x| x.id == action.id) else {
                return Err(EditError::NoSuchAction(action.id));
            };
            *slot = action;
        }
        Edit::DeleteAction { action } => {
            let before = a.actions.len();
            a.actions.retain(|x| x.id != action);
            if a.actions.len() == before {
                return Err(EditError::NoSuchAction(action));
            }
        }
        Edit::SetStatement { statement, answer } => {
            if fw.statement(&statement).is_none() {
                return Err(EditError::UnknownStatement(statement));
            }
            match answer {
                Some(answer) if answer != StatementAnswer::default() => {
                    a.statements.insert(statement, answer);
                }
                _ => {
                    a.statements.remove(&statement);
                }
            }
        }
        Edit::AddRecommendation(mut r) => {
            check_recommendation(fw, &r)?;
            r.id = super::follow_up::next_id(a);
            let id = r.id.clone();
            a.recommendations.push(r);
            return Ok(Applied::RecommendationAdded(id));
        }
        Edit::SetRecommendation(r) => {
            check_recommendation(fw, &r)?;
            let Some(slot) = a.recommendations.iter_mut().find(|x| x.id == r.id) else {
                return Err(EditError::NoSuchRecommendation(r.id));
            };
            *slot = r;
        }
        Edit::DeleteRecommendation { recommendation } => {
            let before = a.recommendations.len();
            a.recommendations.retain(|x| x.id != recommendation);
            if a.recommendations.len() == before {
                return Err(EditError::NoSuchRecommendation(recommendation));
            }
            for action in &mut a.actions {
                action.recommendations.retain(|r| *r != recommendation);
            }
        }
        Edit::AddDipRecord(mut record) => {
            check_dip_record(fw, &record)?;
            let highest = a
                .dip_records
                .iter()
                .filter_map(|r| r.id.strip_prefix('D')?.parse::<u64>().ok())
                .max()
                .unwrap_or(0);
            record.id = format!("D{}", highest.saturating_add(1));
            let id = record.id.clone();
            a.dip_records.push(record);
            return Ok(Applied::DipRecordAdded(id));
        }
        Edit::SetDipRecord(record) => {
            check_dip_record(fw, &record)?;
            let Some(slot) = a.dip_records.iter_mut().find(|x| x.id == record.id) else {
                return Err(EditError::NoSuchDipRecord(record.id));
            };
            *slot = record;
        }
        Edit::DeleteDipRecord { record } => {
            let before = a.dip_records.len();
            a.dip_records.retain(|x| x.id != record);
            if a.dip_records.len() == before {
                return Err(EditError::NoSuchDipRecord(record));
            }
        }
        Edit::SetActionPlan(settings) => {
            if !(1..=100).contains(&settings.not_met_percent) {
                return Err(EditError::ShareOutOfRange(settings.not_met_percent));
            }
            a.action_plan = settings;
        }
        Edit::SetBaseline(baseline) => a.baseline = baseline,
        Edit::AddMember { name, role } => {
            let name = name.trim().to_owned();
            if name.is_empty()
                || name.chars().count() > super::format::MAX_SHORT_TEXT
                || a.team.iter().any(|m| m.name.eq_ignore_ascii_case(&name))
            {
                return Err(EditError::MemberName);
            }
            let id = next_member_id(a);
            a.team.push(Member {
                id: id.clone(),
                name,
                role,
            });
            return Ok(Applied::MemberAdded(id));
        }
        Edit::RemoveMember { member } => {
            if !a.team.iter().any(|m| m.id == member) {
                return Err(EditError::NoSuchMember(member));
            }
            a.team.retain(|m| m.id != member);
            for c in &mut a.cases {
                if c.allocated_to.as_deref() == Some(member.as_str()) {
                    Arc::make_mut(c).allocated_to = None;
                }
            }
        }
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
            // did not put there.
            let follows =
                c.auditor.trim().is_empty() || previous.as_deref() == Some(c.auditor.as_str());
            if let Some(name) = name.filter(|_| follows) {
                c.auditor = name;
            }
        }
        Edit::AllocateByType {
            case_type,
            count,
            member,
        } => {
            if fw.case_type(&case_type).is_none() {
                return Err(EditError::UnknownCaseType(case_type));
            }
            if !(1..=super::framework::MAX_DEFAULT_COUNT).contains(&count) {
                return Err(EditError::CountOutOfRange(count));
            }
            let name = auditor(a, &member)?.name.clone();
            let by = writer(a);
            let mut left = count;
            for c in a.cases.iter_mut() {
                if left == 0 {
                    break;
                }
                let free = c.case_type == case_type
                    && c.allocated_to.is_none()
                    && c.answers.is_empty()
                    && !c.completed;
                if free {
                    let c = Arc::make_mut(c);
                    c.allocated_to = Some(member.clone());
                    if c.auditor.trim().is_empty() {
                        c.auditor = name.clone();
                    }
                    left -= 1;
                }
            }
            for _ in 0..left {
                let mut c = Case::new(a.next_case_id(), case_type.clone());
                c.allocated_to = Some(member.clone());
                c.auditor = name.clone();
                c.versions.insert(by.clone(), 1);
                a.cases.push(Arc::new(c));
            }
            return Ok(Applied::Allocated(count));
        }
    }
    Ok(Applied::Done)
}

use super::format::MAX_STANDARD_MINUTES;

/// What a case still needs before it can be marked complete, counting a
/// grade confirmed against a suggestion that has since changed as missing.
pub fn completeness_now(
    fw: &Framework,
    standards: &[ServiceStandard],
    case: &Case,
) -> Completeness {
    let mut done = completeness(fw, standards, case);
    if grade_is_stale(fw, case) {
        done.missing_grade = true;
    }
    done
}

/// An action names only this framework's criteria and topics, and says what
/// is to be done.
fn check_action(fw: &Framework, a: &Assessment, action: &Action) -> Result<(), EditError> {
    if let Some(r) = action
        .recommendations
        .iter()
        .find(|r| !a.recommendations.iter().any(|x| x.id == **r))
    {
        return Err(EditError::NoSuchRecommendation(r.clone()));
    }
    if action.text.trim().is_empty() {
        return Err(EditError::ActionTextRequired);
    }
    if let Some(c) = action.criteria.iter().find(|c| fw.criterion(c).is_none()) {
        return Err(EditError::UnknownCriterion(c.clone()));
    }
    if let Some(t) = action.topics.iter().find(|t| fw.topic(t).is_none()) {
        return Err(EditError::UnknownTopic(t.clone()));
    }
    if let Some(s) = action.statements.iter().find(|s| fw.statement(s).is_none()) {
        return Err(EditError::UnknownStatement(s.clone()));
    }
    Ok(())
}

fn check_recommendation(fw: &Framework, r: &Recommendation) -> Result<(), EditError> {
    if r.text.trim().is_empty() {
        return Err(EditError::RecommendationTextRequired);
    }
    if let Some(t) = r.topics.iter().find(|t| fw.topic(t).is_none()) {
        return Err(EditError::UnknownTopic(t.clone()));
    }
    if let Some(s) = r.stages.iter().find(|s| fw.stage(s).is_none()) {
        return Err(EditError::UnknownStage(s.clone()));
    }
    Ok(())
}

fn check_dip_record(fw: &Framework, r: &DipRecord) -> Result<(), EditError> {
    let Some(sample) = fw.dip_sample(&r.sample) else {
        return Err(EditError::UnknownDipSample(r.sample.clone()));
    };
    if r.reference.trim().is_empty() {
        return Err(EditError::DipReferenceRequired);
    }
    if let Some(c) = r
        .answers
        .keys()
        .find(|c| !sample.criteria.iter().any(|x| x.id == **c))
    {
        return Err(EditError::UnknownCriterion(c.clone()));
    }
    Ok(())
}

/// The team member with this id, if they are an auditor.
fn auditor<'a>(a: &'a Assessment, id: &str) -> Result<&'a Member, EditError> {
    match a.team.iter().find(|m| m.id == id) {
        None => Err(EditError::NoSuchMember(id.to_owned())),
        Some(m) if m.role != Role::Auditor => Err(EditError::NotAnAuditor(id.to_owned())),
        Some(m) => Ok(m),
    }
}

/// `member-` and one more than the highest number in use.
fn next_member_id(a: &Assessment) -> String {
    let highest = a
        .team
        .iter()
        .filter_map(|m| m.id.strip_prefix("member-")?.parse::<u64>().ok())
        .max()
        .unwrap_or(0);
    format!("member-{}", highest.saturating_add(1))
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
