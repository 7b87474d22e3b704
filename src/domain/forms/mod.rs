//! Checking what users type into forms, with messages in the GOV.UK Design
//! System's style ("Enter the force name"). Each error names the field it
//! belongs to by the id of its input, so the error summary can link to it.

mod force_level;
mod team;
pub use force_level::*;
pub use team::{AllocateForm, MemberForm};

use super::assessment::{
    Case, CaseDates, Closure, Period, PlannedCount, ReferBack, ReferBackTrigger,
};
use super::date::Date;
use super::format::{MAX_LONG_TEXT, MAX_SHORT_TEXT};
use super::framework::{Catalogue, Framework, FrameworkRef, MAX_DEFAULT_COUNT};

/// A problem with one field.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FieldError {
    /// The id of the input the error belongs to.
    pub field: String,
    pub message: String,
}

fn err(field: &str, message: impl Into<String>) -> FieldError {
    FieldError {
        field: field.to_owned(),
        message: message.into(),
    }
}

/// The start-a-new-assessment form, as typed.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct NewAssessmentForm {
    pub force: String,
    /// `id@version`, from the framework radios.
    pub framework: String,
    /// `YYYY-MM-DD`, from a date input.
    pub start: String,
    pub end: String,
    /// One per line.
    pub assessors: String,
}

/// A new assessment's details, checked.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewAssessment {
    pub force: String,
    pub framework: FrameworkRef,
    pub period: Period,
    pub assessors: Vec<String>,
}

impl NewAssessmentForm {
    pub fn check(&self, catalogue: &Catalogue) -> Result<NewAssessment, Vec<FieldError>> {
        let mut errors = Vec::new();
        let force = self.force.trim().to_owned();
        if force.is_empty() {
            errors.push(err("force", "Enter the name of the force"));
        } else if force.chars().count() > MAX_SHORT_TEXT {
            errors.push(err(
                "force",
                format!("The force name must be {MAX_SHORT_TEXT} characters or fewer"),
            ));
        }
        let framework = self
            .framework
            .split_once('@')
            .map(|(id, version)| FrameworkRef {
                id: id.to_owned(),
                version: version.to_owned(),
            });
        let framework = match framework.filter(|f| catalogue.find(f).is_some()) {
            Some(f) => Some(f),
            None => {
                errors.push(err("framework", "Select the framework to assess against"));
                None
            }
        };
        let start = date(
            &mut errors,
            "start",
            &self.start,
            "the date the period starts",
        );
        let end = date(&mut errors, "end", &self.end, "the date the period ends");
        if let (Some(s), Some(e)) = (start, end) {
            if e < s {
                errors.push(err(
                    "end",
                    "The date the period ends must be the same as or after the date it starts",
                ));
            }
        }
        let assessors: Vec<String> = self
            .assessors
            .lines()
            .map(str::trim)
            .filter(|l| !l.is_empty())
            .map(str::to_owned)
            .collect();
        if assessors.iter().any(|a| a.chars().count() > MAX_SHORT_TEXT) {
            errors.push(err(
                "assessors",
                format!("Each assessor must be {MAX_SHORT_TEXT} characters or fewer"),
            ));
        }
        match (framework, start, end) {
            (Some(framework), Some(start), Some(end)) if errors.is_empty() => Ok(NewAssessment {
                force,
                framework,
                period: Period { start, end },
                assessors,
            }),
            _ => Err(errors),
        }
    }
}

/// What a date or time input gives when it holds a date typed in part (a
/// day and month with no year, a time with no minutes). The browser gives
/// such an input no value at all, as if it were empty, so without this a
/// date half typed over one already saved would quietly remove it.
pub const INCOMPLETE: &str = "\u{0}incomplete";

/// Reads a date input: empty, part-typed and impossible dates are errors;
/// `what` reads "the date the period starts".
fn date(errors: &mut Vec<FieldError>, field: &str, value: &str, what: &str) -> Option<Date> {
    if value == INCOMPLETE {
        errors.push(err(
            field,
            format!("Enter {what} in full: day, month and year"),
        ));
        return None;
    }
    let value = value.trim();
    if value.is_empty() {
        errors.push(err(field, format!("Enter {what}")));
        return None;
    }
    match value.parse::<Date>() {
        Ok(d) => Some(d),
        Err(_) => {
            errors.push(err(
                field,
                format!("{} must be a real date", capitalise(what)),
            ));
            None
        }
    }
}

/// An optional date input: empty is fine.
fn optional_date(
    errors: &mut Vec<FieldError>,
    field: &str,
    value: &str,
    what: &str,
) -> Option<Date> {
    if value.trim().is_empty() {
        None
    } else {
        date(errors, field, value, what)
    }
}

pub use super::text::{capitalise, count};

/// The id of the input for one case type's planned count.
pub fn plan_field(case_type: &str) -> String {
    format!("plan-{case_type}")
}

/// Checks the sample-plan form: a whole number from 0 to 1,000 per case type.
pub fn check_plan(
    fw: &Framework,
    typed: &[(String, String)],
) -> Result<Vec<PlannedCount>, Vec<FieldError>> {
    let mut errors = Vec::new();
    let mut plan = Vec::new();
    for t in &fw.case_types {
        let field = plan_field(&t.id);
        let value = typed
            .iter()
            .find(|(id, _)| *id == t.id)
            .map(|(_, v)| v.trim())
            .unwrap_or_default();
        let name = t.name.to_ascii_lowercase();
        if value.is_empty() {
            errors.push(err(&field, format!("Enter how many {name} cases to audit")));
            continue;
        }
        match value.parse::<u32>() {
            Ok(n) if n <= MAX_DEFAULT_COUNT => plan.push(PlannedCount {
                case_type: t.id.clone(),
                planned: n,
            }),
            Ok(_) => errors.push(err(
                &field,
                format!("The number of {name} cases must be {MAX_DEFAULT_COUNT} or fewer"),
            )),
            Err(_) => errors.push(err(
                &field,
                format!("The number of {name} cases must be a whole number, like 3"),
            )),
        }
    }
    if errors.is_empty() {
        Ok(plan)
    } else {
        Err(errors)
    }
}

/// The case details form, as typed.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct CaseDetailsForm {
    pub reference: String,
    pub case_type: String,
    pub reported: String,
    pub audited: String,
    pub auditor: String,
    /// The conditions answered yes; those not asked for the case type are
    /// ignored.
    pub conditions: Vec<String>,
    /// The conditions answered yes or no; one asked for the case type and
    /// not listed is not answered yet (so one asked only once the case type
    /// changes starts unanswered).
    pub answered: Vec<String>,
    /// The auditor it is allocated to, by member id ("" for none).
    pub allocated_to: String,
}

/// Case details, checked.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CaseDetails {
    pub reference: String,
    pub case_type: String,
    pub dates: CaseDates,
    pub auditor: String,
    /// As the form has them: [`crate::domain::edit::Edit::SetCaseDetails`]
    /// keeps those asked for the case type.
    pub conditions: Vec<String>,
    /// Those asked for the case type and not answered.
    pub unanswered: Vec<String>,
}

impl CaseDetailsForm {
    /// How many of `case`'s answers saving these details would remove: those
    /// to criteria that would no longer apply to the chosen case type and
    /// conditions, which [`crate::domain::edit::Edit::SetCaseDetails`]
    /// removes. Counted for a case whose answers all apply, as every stored
    /// case's do (`format::validate`). A condition not answered, even one
    /// only the new type asks, keeps its criteria, so their answers stay.
    pub fn answers_removed(&self, case: &Case, fw: &Framework) -> usize {
        let applying = fw.condition_ids(&self.case_type, &|id| {
            self.conditions.contains(id) || !self.answered.contains(id)
        });
        case.answers
            .keys()
            .filter(|c| {
                fw.criterion(c)
                    .is_some_and(|k| !fw.applies(k, &self.case_type, &applying))
            })
            .count()
    }

    pub fn check(&self, fw: &Framework) -> Result<CaseDetails, Vec<FieldError>> {
        let mut errors = Vec::new();
        let reference = self.reference.trim().to_owned();
        if reference.is_empty() {
            errors.push(err("reference", "Enter the case reference"));
        } else if reference.chars().count() > MAX_SHORT_TEXT {
            errors.push(err(
                "reference",
                format!("The case reference must be {MAX_SHORT_TEXT} characters or fewer"),
            ));
        }
        if fw.case_type(&self.case_type).is_none() {
            errors.push(err("case-type", "Select the case type"));
        }
        let reported = optional_date(
            &mut errors,
            "reported",
            &self.reported,
            "the date the case was reported",
        );
        let audited = optional_date(
            &mut errors,
            "audited",
            &self.audited,
            "the date of the audit",
        );
        if let (Some(r), Some(a)) = (reported, audited) {
            if a < r {
                errors.push(err(
                    "audited",
                    "The date of the audit must be the same as or after the date the case was reported",
                ));
            }
        }
        let auditor = self.auditor.trim().to_owned();
        if auditor.chars().count() > MAX_SHORT_TEXT {
            errors.push(err(
                "auditor",
                format!("The auditor must be {MAX_SHORT_TEXT} characters or fewer"),
            ));
        }
        if errors.is_empty() {
            Ok(CaseDetails {
                reference,
                case_type: self.case_type.clone(),
                dates: CaseDates { reported, audited },
                auditor,
                conditions: self.conditions.clone(),
                unanswered: fw.condition_ids(&self.case_type, &|id| !self.answered.contains(id)),
            })
        } else {
            Err(errors)
        }
    }
}

/// The refer-back form, as typed.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ReferBackForm {
    pub triggers: Vec<ReferBackTrigger>,
    pub reason: String,
    pub owner: String,
    pub raised: String,
    pub deadline: String,
    /// Filled in to close the refer-back.
    pub closed_on: String,
    pub closure_note: String,
}

impl ReferBackForm {
    pub fn check(&self) -> Result<ReferBack, Vec<FieldError>> {
        let mut errors = Vec::new();
        let reason = self.reason.trim().to_owned();
        if reason.is_empty() {
            errors.push(err("refer-reason", "Enter why the case is referred back"));
        } else if reason.chars().count() > MAX_LONG_TEXT {
            errors.push(err(
                "refer-reason",
                format!("The reason must be {MAX_LONG_TEXT} characters or fewer"),
            ));
        }
        let owner = self.owner.trim().to_owned();
        if owner.is_empty() {
            errors.push(err("refer-owner", "Enter who owns the action"));
        } else if owner.chars().count() > MAX_SHORT_TEXT {
            errors.push(err(
                "refer-owner",
                format!("The owner must be {MAX_SHORT_TEXT} characters or fewer"),
            ));
        }
        let raised = optional_date(
            &mut errors,
            "refer-raised",
            &self.raised,
            "the date it was raised",
        );
        let deadline = optional_date(
            &mut errors,
            "refer-deadline",
            &self.deadline,
            "the deadline",
        );
        if let (Some(r), Some(d)) = (raised, deadline) {
            if d < r {
                errors.push(err(
                    "refer-deadline",
                    "The deadline must be the same as or after the date it was raised",
                ));
            }
        }
        let note = self.closure_note.trim().to_owned();
        let closed_on = optional_date(
            &mut errors,
            "refer-closed-on",
            &self.closed_on,
            "the date it was closed",
        );
        let closure = match (closed_on, note.is_empty()) {
            (None, true) => None,
            (Some(on), false) => {
                if raised.is_some_and(|r| on < r) {
                    errors.push(err(
                        "refer-closed-on",
                        "The date it was closed must be the same as or after the date it was raised",
                    ));
                }
                Some(Closure { on, note })
            }
            (Some(_), true) => {
                errors.push(err(
                    "refer-closure-note",
                    "Enter how the refer-back was closed",
                ));
                None
            }
            (None, false) => {
                if self.closed_on.trim().is_empty() {
                    errors.push(err("refer-closed-on", "Enter the date it was closed"));
                }
                None
            }
        };
        if errors.is_empty() {
            Ok(ReferBack {
                triggers: self.triggers.clone(),
                reason,
                owner,
                raised,
                deadline,
                closure,
            })
        } else {
            Err(errors)
        }
    }
}

/// Words that start with a capital (or are written in capitals) in case
/// references and police language without being names.
const NOT_NAMES: &[&str] = &[
    "Abuse",
    "Case",
    "Central",
    "Child",
    "City",
    "County",
    "Crime",
    "Division",
    "Domestic",
    "East",
    "Enquiry",
    "Incident",
    "Missing",
    "North",
    "Op",
    "Operation",
    "Police",
    "Ref",
    "Reference",
    "Referral",
    "Report",
    "Section",
    "South",
    "Station",
    "Team",
    "Unit",
    "West",
];

/// Abbreviations common in references, which are not names either.
const ABBREVIATIONS: &[&str] = &[
    "ABE", "ASB", "CAIU", "CCE", "CID", "CPS", "CPT", "CSC", "CSE", "DASH", "MARAC", "MASH",
    "MISPER", "MOSOVO", "NFA", "PNC", "PPN", "RSO", "SOI",
];

/// Whether a case reference looks like a person's name ("John Smith",
/// "Smith, John", "J. Smith", "JOHN SMITH", "SMITH John"), so the app can
/// warn that names of children do not belong in the tool. A warning, not a
/// refusal: it errs towards asking.
pub fn looks_like_a_name(reference: &str) -> bool {
    let words: Vec<&str> = reference
        .split(|c: char| c.is_whitespace() || c == ',')
        .filter(|w| !w.is_empty())
        .collect();
    let not_a_name =
        |w: &str| NOT_NAMES.iter().any(|n| n.eq_ignore_ascii_case(w)) || ABBREVIATIONS.contains(&w);
    // A capitalised word: each part between apostrophes and hyphens is a
    // capital then lower case ("O'Neil", "Smith-Jones", "McDonald").
    let capitalised = |w: &str| {
        let part_ok = |part: &str| {
            let part = ["Mac", "Mc"]
                .iter()
                .find_map(|p| {
                    part.strip_prefix(p)
                        .filter(|r| r.starts_with(char::is_uppercase))
                })
                .unwrap_or(part);
            let mut chars = part.chars();
            chars.next().is_some_and(char::is_uppercase) && chars.all(char::is_lowercase)
        };
        w.chars().filter(|c| c.is_alphabetic()).count() >= 2 && w.split(['\'', '-']).all(part_ok)
    };
    // A word in capitals, as many police systems write surnames.
    let in_capitals = |w: &str| {
        w.chars().filter(|c| c.is_alphabetic()).count() >= 3
            && w.chars().all(|c| c.is_uppercase() || c == '\'' || c == '-')
    };
    let is_name = |w: &str| (capitalised(w) || in_capitals(w)) && !not_a_name(w);
    let is_initial = |w: &str| {
        let w = w.strip_suffix('.').unwrap_or(w);
        w.chars().count() == 1 && w.chars().all(char::is_uppercase)
    };
    words
        .windows(2)
        .any(|pair| matches!(pair, [a, b] if (is_name(a) || is_initial(a)) && is_name(b)))
}

/// The grade the auditor chose, checked: the same as the suggestion
/// confirms it; a different one needs a reason and overrides it.
pub fn check_grade(
    case: &str,
    suggested: Option<super::grade::CaseGrade>,
    chosen: Option<super::grade::CaseGrade>,
    reason: &str,
) -> Result<super::edit::Edit, FieldError> {
    use super::edit::Edit;
    let Some(grade) = chosen else {
        return Err(err("grade", "Select the grade for this case"));
    };
    if Some(grade) == suggested {
        return Ok(Edit::ConfirmGrade {
            case: case.to_owned(),
        });
    }
    let reason = reason.trim();
    if reason.is_empty() {
        return Err(err(
            "grade-reason",
            "Enter why the grade differs from the suggestion",
        ));
    }
    if reason.chars().count() > MAX_LONG_TEXT {
        return Err(err(
            "grade-reason",
            format!("The reason must be {MAX_LONG_TEXT} characters or fewer"),
        ));
    }
    Ok(Edit::OverrideGrade {
        case: case.to_owned(),
        grade,
        reason: reason.to_owned(),
    })
}

/// Text of at most `max` characters, trimmed; an error on `field` if longer.
fn limited(
    errors: &mut Vec<FieldError>,
    field: &str,
    value: &str,
    what: &str,
    max: usize,
) -> String {
    let value = value.trim().to_owned();
    if value.chars().count() > max {
        errors.push(err(
            field,
            format!("{} must be {max} characters or fewer", capitalise(what)),
        ));
    }
    value
}

/// The reviewer's blind grade for a case, checked.
pub fn check_review(
    grade: Option<super::grade::CaseGrade>,
    reviewer: &str,
    note: &str,
) -> Result<super::assessment::ReviewerGrade, Vec<FieldError>> {
    let mut errors = Vec::new();
    let reviewer = limited(
        &mut errors,
        "review-reviewer",
        reviewer,
        "the reviewer",
        MAX_SHORT_TEXT,
    );
    if reviewer.is_empty() {
        errors.push(err("review-reviewer", "Enter who is reviewing"));
    }
    if grade.is_none() {
        errors.push(err("review-grade", "Select your grade for this case"));
    }
    let note = limited(&mut errors, "review-note", note, "the note", MAX_LONG_TEXT);
    match grade {
        Some(grade) if errors.is_empty() => Ok(super::assessment::ReviewerGrade {
            grade,
            reviewer,
            note,
        }),
        _ => Err(errors),
    }
}

/// The judgment form for one topic, as typed.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct TopicForm {
    pub grade: Option<super::grade::TopicGrade>,
    pub reasoning: String,
    /// One area for improvement per line.
    pub areas: String,
    /// One piece of promising practice per line.
    pub promising: String,
}

fn lines(text: &str) -> Vec<String> {
    text.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .map(str::to_owned)
        .collect()
}

impl TopicForm {
    pub fn from_judgment(j: Option<&super::assessment::TopicJudgment>) -> TopicForm {
        match j {
            None => TopicForm::default(),
            Some(j) => TopicForm {
                grade: j.grade,
                reasoning: j.reasoning.clone(),
                areas: j.areas_for_improvement.join("\n"),
                promising: j.promising_practice.join("\n"),
            },
        }
    }

    /// Whether the form records promising practice: what the suggestion
    /// shown beside it is worked out with, as the save's is
    /// (`topics::suggest_for`).
    pub fn records_promising(&self) -> bool {
        !lines(&self.promising).is_empty()
    }

    /// A grade needs its reasoning: the inspectorate finds forces' own
    /// judgments too kind when they are not argued from the evidence.
    pub fn check(&self, topic: &str) -> Result<super::assessment::TopicJudgment, Vec<FieldError>> {
        let mut errors = Vec::new();
        let reasoning = limited(
            &mut errors,
            "topic-reasoning",
            &self.reasoning,
            "the reasoning",
            MAX_LONG_TEXT,
        );
        if self.grade.is_some() && reasoning.is_empty() {
            errors.push(err(
                "topic-reasoning",
                "Enter the reasoning for the grade, from the evidence",
            ));
        }
        let mut list = |field: &str, text: &str, what: &str| {
            let items = lines(text);
            if items.iter().any(|l| l.chars().count() > MAX_LONG_TEXT) {
                errors.push(err(
                    field,
                    format!("Each {what} must be {MAX_LONG_TEXT} characters or fewer"),
                ));
            }
            items
        };
        let areas = list("topic-areas", &self.areas, "area for improvement");
        let promising = list(
            "topic-promising",
            &self.promising,
            "piece of promising practice",
        );
        if errors.is_empty() {
            Ok(super::assessment::TopicJudgment {
                topic: topic.to_owned(),
                grade: self.grade,
                reasoning,
                areas_for_improvement: areas,
                promising_practice: promising,
                // Set from the rule when the judgment is applied.
                suggested: None,
            })
        } else {
            Err(errors)
        }
    }
}

/// One action of the plan, as typed.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ActionForm {
    pub text: String,
    pub timescale: Option<super::assessment::Timescale>,
    pub owner: String,
    pub due: String,
    pub status: super::assessment::ActionStatus,
    pub evidence: String,
    /// The recommendations or areas for improvement it answers.
    pub recommendations: Vec<String>,
}

impl ActionForm {
    pub fn from_action(a: &super::assessment::Action) -> ActionForm {
        ActionForm {
            recommendations: a.recommendations.clone(),
            text: a.text.clone(),
            timescale: Some(a.timescale),
            owner: a.owner.clone(),
            due: a.due.map(|d| d.to_string()).unwrap_or_default(),
            status: a.status,
            evidence: a.evidence.clone(),
        }
    }

    /// The action with this form's fields; `base` gives its id, criteria,
    /// topics and statements.
    pub fn check(
        &self,
        base: &super::assessment::Action,
    ) -> Result<super::assessment::Action, Vec<FieldError>> {
        let mut errors = Vec::new();
        let text = limited(
            &mut errors,
            "action-text",
            &self.text,
            "the action",
            MAX_LONG_TEXT,
        );
        if text.is_empty() {
            errors.push(err("action-text", "Enter what is to be done"));
        }
        if self.timescale.is_none() {
            errors.push(err("action-timescale", "Select when it must be done"));
        }
        let owner = limited(
            &mut errors,
            "action-owner",
            &self.owner,
            "the owner",
            MAX_SHORT_TEXT,
        );
        let due = optional_date(&mut errors, "action-due", &self.due, "the due date");
        let evidence = limited(
            &mut errors,
            "action-evidence",
            &self.evidence,
            "the evidence",
            MAX_LONG_TEXT,
        );
        match self.timescale {
            Some(timescale) if errors.is_empty() => Ok(super::assessment::Action {
                id: base.id.clone(),
                text,
                criteria: base.criteria.clone(),
                topics: base.topics.clone(),
                recommendations: self.recommendations.clone(),
                statements: base.statements.clone(),
                timescale,
                owner,
                due,
                status: self.status,
                evidence,
            }),
            _ => Err(errors),
        }
    }
}

/// The action plan's settings, as typed.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct PlanSettingsForm {
    pub report_date: String,
    pub percent: String,
}

impl PlanSettingsForm {
    pub fn from_settings(s: &super::assessment::ActionPlanSettings) -> PlanSettingsForm {
        PlanSettingsForm {
            report_date: s.report_date.map(|d| d.to_string()).unwrap_or_default(),
            percent: s.not_met_percent.to_string(),
        }
    }

    pub fn check(&self) -> Result<super::assessment::ActionPlanSettings, Vec<FieldError>> {
        let mut errors = Vec::new();
        let report_date = optional_date(
            &mut errors,
            "plan-report-date",
            &self.report_date,
            "the report date",
        );
        let percent = match self.percent.trim().parse::<u32>() {
            Ok(n) if (1..=100).contains(&n) => Some(n),
            _ => {
                errors.push(err("plan-percent", "Enter a whole number from 1 to 100"));
                None
            }
        };
        match percent {
            Some(not_met_percent) if errors.is_empty() => {
                Ok(super::assessment::ActionPlanSettings {
                    report_date,
                    not_met_percent,
                })
            }
            _ => Err(errors),
        }
    }
}

/// The force's service standards, as typed: for each timeline interval it
/// sets its own limit for, hours or hours and minutes ("24", "1:30").
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct StandardsForm {
    /// (interval id, text), in the framework's order.
    pub values: Vec<(String, String)>,
}

/// The input for an interval's standard.
pub fn standard_field(interval: &str) -> String {
    format!("standard-{interval}")
}

/// Minutes as the form shows them: "1", "1:30", "0:20".
pub fn hours_text(minutes: u32) -> String {
    match minutes % 60 {
        0 => (minutes / 60).to_string(),
        m => format!("{}:{m:02}", minutes / 60),
    }
}

/// "2" (hours) or "1:30" (hours and minutes) as minutes; `None` for
/// anything else.
pub fn parse_hours(text: &str) -> Option<u32> {
    let text = text.trim();
    let number = |s: &str| {
        (!s.is_empty() && s.len() <= 6 && s.bytes().all(|b| b.is_ascii_digit()))
            .then(|| s.parse::<u32>().ok())
            .flatten()
    };
    match text.split_once(':') {
        None => number(text)?.checked_mul(60),
        Some((h, m)) if m.len() == 2 => {
            let m = number(m).filter(|m| *m < 60)?;
            number(h)?.checked_mul(60)?.checked_add(m)
        }
        Some(_) => None,
    }
}

impl StandardsForm {
    /// The form as the assessment stands: the force's own standard where it
    /// set one, otherwise the framework's starting value.
    pub fn from_assessment(fw: &Framework, a: &super::assessment::Assessment) -> StandardsForm {
        StandardsForm {
            values: fw
                .timeline
                .intervals
                .iter()
                .filter_map(|i| {
                    let start = i.force_standard.as_ref()?.suggested_minutes;
                    let set = a.service_standards.iter().find(|s| s.interval == i.id);
                    Some((i.id.clone(), hours_text(set.map_or(start, |s| s.minutes))))
                })
                .collect(),
        }
    }

    /// Each interval's standard in minutes, or what is wrong with each.
    pub fn check(&self, fw: &Framework) -> Result<Vec<(String, u32)>, Vec<FieldError>> {
        let max = super::format::MAX_STANDARD_MINUTES;
        let mut errors = Vec::new();
        let mut out = Vec::new();
        for (interval, text) in &self.values {
            let name = fw
                .timeline
                .interval(interval)
                .map_or(interval.as_str(), |i| i.name.as_str());
            let field = standard_field(interval);
            match parse_hours(text) {
                _ if text.trim().is_empty() => errors.push(err(
                    &field,
                    format!("Enter your force's standard for {}", lower_first(name)),
                )),
                Some(m) if (1..=max).contains(&m) => out.push((interval.clone(), m)),
                Some(_) => errors.push(err(
                    &field,
                    format!(
                        "The standard for {} must be from 1 minute (0:01) to a year (8760)",
                        lower_first(name)
                    ),
                )),
                None => errors.push(err(
                    &field,
                    format!(
                        "Enter the standard for {} in hours, or hours and minutes, like 24 or 1:30",
                        lower_first(name)
                    ),
                )),
            }
        }
        if errors.is_empty() {
            Ok(out)
        } else {
            Err(errors)
        }
    }
}

fn lower_first(s: &str) -> String {
    let mut chars = s.chars();
    match chars.next() {
        Some(c) => c.to_lowercase().chain(chars).collect(),
        None => String::new(),
    }
}
