//! Changes a user makes to an assessment, as plain values applied by one pure
//! function. The app's reducer calls [`apply`]; the rules live here, where
//! they are tested natively.
//!
//! Rules:
//! - changing an answer or a note of a completed case reopens it: the
//!   auditor checks the answers again before it counts as complete;
//! - a grade is confirmed against the suggestion of the moment; if the
//!   answers later change the suggestion, the case needs its grade confirmed
//!   again before it can be completed (see [`grade_is_stale`]);
//! - an override needs a reason;
//! - changing a case's type drops answers to criteria that do not apply to
//!   the new type;
//! - a case can be marked complete only when [`completeness`] says so.

use std::fmt;
use std::sync::Arc;

use super::assessment::{
    Action, ActionPlanSettings, Answer, Assessment, Baseline, Case, CaseDates, GradeDecision,
    PlannedCount, ReferBack, ReviewerGrade, ServiceStandard, TimelineEntry, TopicJudgment,
};
use super::date::LocalTime;
use super::framework::Framework;
use super::grade::{completeness, suggest, AnswerValue, CaseGrade, Completeness};

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
    /// Set the force's judgment on a topic, replacing any earlier one.
    SetTopicJudgment(TopicJudgment),
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
}

/// What an applied edit produced.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Applied {
    Done,
    /// The id of a case just added.
    CaseAdded(String),
    /// The id of an action just added.
    ActionAdded(String),
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
        }
    }
}

/// Applies an edit, or refuses it and changes nothing.
pub fn apply(a: &mut Assessment, fw: &Framework, edit: Edit) -> Result<Applied, EditError> {
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
            let before = a.cases.len();
            a.cases.retain(|c| c.id != case);
            if a.cases.len() == before {
                return Err(EditError::NoSuchCase(case));
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
        Edit::SetTopicJudgment(judgment) => {
            if fw.topic(&judgment.topic).is_none() {
                return Err(EditError::UnknownTopic(judgment.topic));
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
            check_action(fw, &action)?;
            action.id = a.next_action_id();
            let id = action.id.clone();
            a.actions.push(action);
            return Ok(Applied::ActionAdded(id));
        }
        Edit::SetAction(action) => {
            check_action(fw, &action)?;
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
        Edit::SetActionPlan(settings) => {
            if !(1..=100).contains(&settings.not_met_percent) {
                return Err(EditError::ShareOutOfRange(settings.not_met_percent));
            }
            a.action_plan = settings;
        }
        Edit::SetBaseline(baseline) => a.baseline = baseline,
    }
    Ok(Applied::Done)
}

/// The longest service standard: a year, in minutes.
pub const MAX_STANDARD_MINUTES: u32 = 525_600;

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

/// The force's grade was decided against a suggestion that has since changed.
pub fn grade_is_stale(fw: &Framework, case: &Case) -> bool {
    case.force_grade
        .as_ref()
        .is_some_and(|d| d.suggested != suggest(fw, case).grade)
}

/// An action names only this framework's criteria and topics, and says what
/// is to be done.
fn check_action(fw: &Framework, action: &Action) -> Result<(), EditError> {
    if action.text.trim().is_empty() {
        return Err(EditError::ActionTextRequired);
    }
    if let Some(c) = action.criteria.iter().find(|c| fw.criterion(c).is_none()) {
        return Err(EditError::UnknownCriterion(c.clone()));
    }
    if let Some(t) = action.topics.iter().find(|t| fw.topic(t).is_none()) {
        return Err(EditError::UnknownTopic(t.clone()));
    }
    Ok(())
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
