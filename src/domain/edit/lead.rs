//! The edits of the lead's pages, on the assessment as a whole rather
//! than a case's audit: topic judgments, force-level statements, the
//! inspection's recommendations, dip samples, the action plan, the baseline
//! and the team. [`super::apply_with`] hands them here through a
//! [`LeadEdits`](super::LeadEdits) function, so the browser's main module,
//! which applies every edit, carries their rules (and the results they
//! need) only once the lead's pages are loaded.

use super::*;
use crate::domain::format::MAX_SHORT_TEXT;
use crate::domain::framework::MAX_DEFAULT_COUNT;
use crate::domain::results::{GradeBasis, Results};
use crate::domain::text::same_name;
use crate::domain::topics;

/// Applies an edit of the lead's pages, or refuses it and changes nothing.
pub fn apply_lead_edit(
    a: &mut Assessment,
    fw: &Framework,
    LeadEdit(edit): LeadEdit,
) -> Result<Applied, EditError> {
    match edit {
        Edit::SetTopicJudgment(mut judgment) => {
            let Some(topic) = fw.topic(&judgment.topic) else {
                return Err(EditError::UnknownTopic(judgment.topic));
            };
            let results = Results::compute(fw, a, GradeBasis::Final);
            let evidence = topics::evidence(fw, a, &results, topic);
            let promising = !judgment.promising_practice.is_empty();
            judgment.suggested = topics::suggest_for(fw, a, &evidence, topic, promising).grade;
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
            r.id = a.next_recommendation_id();
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
            record.id = a.next_dip_record_id();
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
                || name.chars().count() > MAX_SHORT_TEXT
                || a.team.iter().any(|m| same_name(&m.name, &name))
            {
                return Err(EditError::MemberName);
            }
            let id = a.next_member_id();
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
        Edit::AllocateByType {
            case_type,
            count,
            member,
        } => {
            if fw.case_type(&case_type).is_none() {
                return Err(EditError::UnknownCaseType(case_type));
            }
            if !(1..=MAX_DEFAULT_COUNT).contains(&count) {
                return Err(EditError::CountOutOfRange(count));
            }
            let name = auditor(a, &member)?.name.clone();
            let by = writer(a);
            let free = |c: &Case| {
                c.case_type == case_type
                    && c.allocated_to.is_none()
                    && c.answers.is_empty()
                    && !c.completed
            };
            // Checked before anything changes: a refused edit changes nothing.
            let wanted = usize::try_from(count).unwrap_or(usize::MAX);
            let added = wanted.saturating_sub(a.cases.iter().filter(|c| free(c)).count());
            if a.cases.len().saturating_add(added) > MAX_CASES {
                return Err(EditError::TooManyCases);
            }
            let mut left = count;
            for c in a.cases.iter_mut() {
                if left == 0 {
                    break;
                }
                if free(c) {
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
                c.ask_conditions(fw);
                c.allocated_to = Some(member.clone());
                c.auditor = name.clone();
                c.versions.insert(by.clone(), 1);
                a.cases.push(Arc::new(c));
            }
            return Ok(Applied::Allocated(count));
        }
        // A LeadEdit is made only of the edits above.
        _ => return Err(EditError::Unavailable),
    }
    Ok(Applied::Done)
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
    if let Some((c, _)) = r
        .answers
        .iter()
        .find(|(_, v)| !crate::domain::dip::is_answer(**v))
    {
        return Err(EditError::NotADipAnswer(c.clone()));
    }
    if let Some(q) = sample
        .criteria
        .iter()
        .find(|q| !r.answers.contains_key(&q.id))
    {
        return Err(EditError::NotADipAnswer(q.id.clone()));
    }
    Ok(())
}
