use std::rc::Rc;
use std::sync::Arc;

use yew::prelude::*;
use yew_router::prelude::*;

use super::frame::gate;
use super::timeline::{timeline_summary, TimelineSummaryProps};
use crate::app::components::{
    error_for, field_setter, radios, tag, text_input, warning_text, Choice, ErrorSummary, Page,
    RadiosProps, SavedStatus, SuggestedGrade, TextInputProps, WarningTextProps,
};
use crate::app::drafts::{discard_under, use_draft};
use crate::app::hooks::use_open;
use crate::app::state::{use_store, Action, Flash, OpenAssessment};
use crate::app::Route;
use crate::domain::assessment::{Case, Role};
use crate::domain::edit::Edit;
use crate::domain::forms::{looks_like_a_name, CaseDetailsForm, FieldError};
use crate::domain::grade::{completeness, grade_is_stale, AnswerValue};
use crate::domain::team::pack_role;
use crate::domain::timeline::events_for;

/// The case one of its pages is about (route::Pages gives it from the address).
pub struct CaseProps {
    pub id: AttrValue,
    pub case: AttrValue,
}

/// The open assessment and the case, or the page to show instead.
pub fn case_gate(
    open: Result<Rc<OpenAssessment>, Html>,
    case: &str,
) -> Result<(Rc<OpenAssessment>, Arc<Case>), Html> {
    let open = open?;
    match open.assessment.shared_case(case).cloned() {
        Some(c) => Ok((open, c)),
        None => Err(html! {
            <Page title="Case not found" back={Route::Assessment { id: open.assessment.id.clone() }}>
                <p>{"This assessment has no such case. It may have been deleted."}</p>
                <p><Link<Route> to={Route::Assessment { id: open.assessment.id.clone() }}>{"See the cases"}</Link<Route>></p>
            </Page>
        }),
    }
}

/// "1 answer", "3 answers".
pub fn count(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

/// The caption of a case page, and its tab title after the page's: the case,
/// its type and the force, so two cases' pages never read the same.
pub fn case_caption(open: &OpenAssessment, case: &Case) -> AttrValue {
    AttrValue::from(format!("{} – {}", case.label(), kind_caption(open, case)))
}

/// [`case_caption`] without the case's name, for a page whose title gives it.
pub fn kind_caption(open: &OpenAssessment, case: &Case) -> AttrValue {
    let kind = open
        .framework
        .case_type(&case.case_type)
        .map(|t| t.name.clone())
        .unwrap_or_else(|| case.case_type.clone());
    AttrValue::from(format!("{} – {kind}", open.assessment.force))
}

/// A warning shown while a reference looks like a person's name.
#[derive(Properties, PartialEq)]
pub struct NameWarningProps {
    pub reference: AttrValue,
}

pub fn name_warning(p: &NameWarningProps) -> Html {
    // The live region is always there, so a warning that appears while the
    // reference is typed is announced.
    html! {
        <div aria-live="polite" id="name-warning-region">
            if looks_like_a_name(&p.reference) {
                { warning_text(&yew::props!(WarningTextProps {
                    id: AttrValue::Static("name-warning"),
                    children: html! { <>{"This looks like a person's name. Use the case reference from your force's system, never the name of a child or anyone else."}</> },
                })) }
            }
        </div>
    }
}

/// One case: its details, the stages to audit with their progress, the
/// suggested grade, the refer-back, and the way to check and complete it.
#[hook]
pub fn use_case_page(p: &CaseProps) -> Html {
    let (open, case) = match case_gate(gate(use_open(&p.id)), &p.case) {
        Ok(x) => x,
        Err(page) => return page,
    };
    let a = &open.assessment;
    let fw = &open.framework;
    let id = a.id.clone();
    let route = |r: fn(String, String) -> Route| r(id.clone(), case.id.clone());
    let position = a.cases.iter().position(|c| c.id == case.id).unwrap_or(0);
    let previous = position.checked_sub(1).and_then(|i| a.cases.get(i));
    let next = a.cases.get(position + 1);
    let done = completeness(fw, &a.service_standards, &case);
    // A reviewer's pack: the case is graded blind, not audited here.
    let reviewer = pack_role(a) == Some(Role::Reviewer);

    html! {
        <Page title={case.label()} caption={kind_caption(&open, &case)} back={Route::Assessment { id: id.clone() }}>
            <SavedStatus />
            if case.has_open_refer_back() {
                { warning_text(&yew::props!(WarningTextProps {
                    children: html! { <>{"This case is referred back for urgent action."}</> },
                })) }
            }
            { name_warning(&yew::props!(NameWarningProps {
                reference: AttrValue::from(case.reference.clone()),
            })) }
            <dl class="summary-list">
                { summary_row(&yew::props!(SummaryRowProps {
                    key_text: "Reference",
                    value: if case.reference.is_empty() { "Not given yet".to_owned() } else { case.reference.clone() },
                    change: (!reviewer).then(|| route(|id, case| Route::CaseDetails { id, case })),
                    what: "the case details",
                })) }
                { summary_row(&yew::props!(SummaryRowProps {
                    key_text: "Reported",
                    value: case.dates.reported.map(|d| d.long()).unwrap_or_else(|| "Not given".into()),
                })) }
                { summary_row(&yew::props!(SummaryRowProps {
                    key_text: "Audited",
                    value: case.dates.audited.map(|d| d.long()).unwrap_or_else(|| "Not given".into()),
                })) }
                { summary_row(&yew::props!(SummaryRowProps {
                    key_text: "Auditor",
                    value: if case.auditor.is_empty() { "Not given".to_owned() } else { case.auditor.clone() },
                })) }
                if let Some(m) = case.allocated_to.as_ref().and_then(|id| a.team.iter().find(|m| m.id == *id)) {
                    { summary_row(&yew::props!(SummaryRowProps {
                        key_text: "Allocated to",
                        value: m.name.clone(),
                    })) }
                }
                { for fw.conditions_for(&case.case_type).map(|k| html! {
                    <key={k.id.clone()}>{ summary_row(&yew::props!(SummaryRowProps {
                        key_text: k.question.clone(),
                        value: if case.conditions_unanswered.contains(&k.id) {
                            "Not answered: its criteria are audited"
                        } else if case.conditions.contains(&k.id) { "Yes" } else { "No" },
                        change: (!reviewer).then(|| route(|id, case| Route::CaseDetails { id, case })),
                        what: AttrValue::from(k.question.to_ascii_lowercase()),
                    })) }</>
                }) }
            </dl>

            if reviewer {
                <h2 class="heading-m">{"Blind review"}</h2>
                <p>{case.reviewer_grade.as_ref().map_or_else(|| "You have not graded this case yet.".to_owned(), |g| format!("Your grade: {}.", g.describe()))}</p>
                <p><Link<Route> to={route(|id, case| Route::ReviewCase { id, case })}>
                    { if case.reviewer_grade.is_some() { "See or change your grade" } else { "Grade this case" } }
                </Link<Route>></p>
            } else {
            if !events_for(fw, &case).is_empty() {
                <h2 class="heading-m">{"Timeline"}</h2>
                { timeline_summary(&yew::props!(TimelineSummaryProps {
                    open: open.clone(),
                    case: case.id.clone(),
                })) }
                <p><Link<Route> to={route(|id, case| Route::Timeline { id, case })}>
                    { if case.timeline.is_empty() { "Record the times from the case file" } else { "Change the times" } }
                </Link<Route>></p>
            }

            <h2 class="heading-m">{"Audit the case, stage by stage"}</h2>
            <p class="hint">{format!("{} of {} criteria answered. Only the criteria that apply to this case type are shown.", done.answered, done.applicable)}</p>
            <ul class="task-list">
                { for fw.stages.iter().filter_map(|s| {
                    let criteria: Vec<_> = case.criteria(fw).filter(|c| c.stage == s.id).collect();
                    if criteria.is_empty() {
                        return None;
                    }
                    let answered = criteria.iter().filter(|c| case.answer_value(&c.id) != AnswerValue::Unanswered).count();
                    let (label, colour) = if answered == 0 {
                        ("Not started".to_owned(), Some("grey"))
                    } else if answered == criteria.len() {
                        ("Completed".to_owned(), Some("green"))
                    } else {
                        (format!("{answered} of {}", criteria.len()), None)
                    };
                    Some(html! {
                        <li class="task-list__item" key={s.id.clone()}>
                            <span class="task-list__name">
                                <Link<Route> to={Route::Stage { id: id.clone(), case: case.id.clone(), stage: s.id.clone() }}>{&s.name}</Link<Route>>
                                <span class="hint">{if criteria.len() == 1 { "1 criterion".to_owned() } else { format!("{} criteria", criteria.len()) }}</span>
                            </span>
                            {tag(label, colour)}
                        </li>
                    })
                }) }
            </ul>

            <h2 class="heading-m">{"Grade"}</h2>
            <SuggestedGrade open={open.clone()} case={case.id.clone()} />
            { match &case.force_grade {
                Some(d) if grade_is_stale(fw, &case) => html! {
                    <p>{format!("You graded the case {}, but the answers have changed since. Confirm the grade again.", d.grade.label().to_ascii_lowercase())}</p>
                },
                Some(d) => html! { <p>{format!("Force grade: {}.", d.describe())}</p> },
                None => html! { <p>{"The force's grade is not confirmed yet."}</p> },
            } }
            <p><Link<Route> to={route(|id, case| Route::Grade { id, case })}>{"Confirm or change the grade"}</Link<Route>></p>

            <h2 class="heading-m">{"Refer back"}</h2>
            { match &case.refer_back {
                None => html! { <p>{"Not referred back."}</p> },
                Some(r) => html! { <p>{format!("Referred back. {}", r.describe())}</p> },
            } }
            <p><Link<Route> to={route(|id, case| Route::ReferBack { id, case })}>
                { if case.refer_back.is_some() { "Change the refer-back" } else { "Refer the case back for urgent action" } }
            </Link<Route>></p>

            <div class="button-group">
                <Link<Route> to={route(|id, case| Route::Check { id, case })} classes="button">
                    { if case.completed { "Check answers" } else { "Check answers and complete the case" } }
                </Link<Route>>
            </div>
            }

            // No landmark for an assessment of one case: it would be empty.
            if previous.is_some() || next.is_some() {
                <nav class="pagination no-print" aria-label="Other cases">
                    <ul class="list">
                        if let Some(prev) = previous {
                            <li><Link<Route> to={Route::Case { id: id.clone(), case: prev.id.clone() }}>{format!("Previous case: {}", prev.label())}</Link<Route>></li>
                        }
                        if let Some(next) = next {
                            <li><Link<Route> to={Route::Case { id: id.clone(), case: next.id.clone() }}>{format!("Next case: {}", next.label())}</Link<Route>></li>
                        }
                    </ul>
                </nav>
            }
            if !reviewer {
                <p><Link<Route> to={route(|id, case| Route::DeleteCase { id, case })}>{"Delete this case"}</Link<Route>></p>
            }
        </Page>
    }
}

#[derive(Properties, PartialEq)]
pub struct SummaryRowProps {
    pub key_text: AttrValue,
    pub value: AttrValue,
    #[prop_or_default]
    pub change: Option<Route>,
    /// What the change link changes, for screen readers.
    #[prop_or_default]
    pub what: Option<AttrValue>,
}

/// A row of a summary list, with an optional "Change" link.
pub fn summary_row(p: &SummaryRowProps) -> Html {
    html! {
        <div class="summary-list__row">
            <dt class="summary-list__key">{p.key_text.clone()}</dt>
            <dd class="summary-list__value">{p.value.clone()}</dd>
            if let Some(to) = &p.change {
                <dd class="summary-list__actions">
                    <Link<Route> to={to.clone()}>
                        {"Change"}<span class="visually-hidden">{format!(" {}", p.what.clone().unwrap_or_else(|| AttrValue::from(p.key_text.to_ascii_lowercase())))}</span>
                    </Link<Route>>
                </dd>
            }
        </div>
    }
}

/// The case's reference, type, dates and auditor.
#[hook]
pub fn use_case_details_page(p: &CaseProps) -> Html {
    let store = use_store();
    let navigator = use_navigator();
    let form = use_draft::<CaseDetailsForm>(&[&p.id, "case", &p.case, "details"]);
    let errors = use_state(Vec::<FieldError>::new);
    let attempts = use_state(|| 0u32);
    let (open, case) = match case_gate(gate(use_open(&p.id)), &p.case) {
        Ok(x) => x,
        Err(page) => return page,
    };
    let fw = open.framework.clone();
    let current = form.current(CaseDetailsForm {
        reference: case.reference.clone(),
        case_type: case.case_type.clone(),
        reported: case
            .dates
            .reported
            .map(|d| d.to_string())
            .unwrap_or_default(),
        audited: case
            .dates
            .audited
            .map(|d| d.to_string())
            .unwrap_or_default(),
        auditor: case.auditor.clone(),
        conditions: case.conditions.clone(),
        answered: fw.condition_ids(&case.case_type, &|id| {
            !case.conditions_unanswered.contains(id)
        }),
        allocated_to: case.allocated_to.clone().unwrap_or_default(),
    });
    let set = |f: fn(&mut CaseDetailsForm, String)| field_setter(&form, &current, f);
    let onsubmit = {
        let current = current.clone();
        let errors = errors.clone();
        let attempts = attempts.clone();
        let id = open.assessment.id.clone();
        let case_id = case.id.clone();
        // The allocation changes only where it was changed here: one made
        // on the team page since the typing began stands (found in review:
        // kept typing put the old allocation back).
        let allocated_before = form.began().map_or_else(
            || case.allocated_to.clone().unwrap_or_default(),
            |b| b.allocated_to,
        );
        let fw = fw.clone();
        let form = form.clone();
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            match current.check(&fw) {
                Err(found) => {
                    attempts.set(*attempts + 1);
                    errors.set(found);
                }
                Ok(details) => {
                    form.set(None);
                    store.dispatch(Action::EditAndGo(Edit::SetCaseDetails {
                        case: case_id.clone(),
                        reference: details.reference,
                        case_type: details.case_type,
                        dates: details.dates,
                        auditor: details.auditor,
                        conditions: details.conditions,
                        unanswered: details.unanswered,
                    }));
                    if current.allocated_to != allocated_before {
                        store.dispatch(Action::Edit(Edit::Allocate {
                            case: case_id.clone(),
                            member: (!current.allocated_to.is_empty())
                                .then(|| current.allocated_to.clone()),
                        }));
                    }
                    if let Some(nav) = &navigator {
                        nav.push(&Route::Case {
                            id: id.clone(),
                            case: case_id.clone(),
                        });
                    }
                }
            }
        })
    };
    let dropped = current.answers_removed(&case, &fw);
    // Yes or no to each condition asked for the chosen case type.
    let conditions = fw.conditions_for(&current.case_type).map(|k| {
        let onchange = {
            let form = form.clone();
            let current = current.clone();
            let id = k.id.clone();
            Callback::from(move |v: String| {
                let mut next = current.clone();
                next.conditions.retain(|x| *x != id);
                if !next.answered.contains(&id) {
                    next.answered.push(id.clone());
                }
                if v == "yes" {
                    next.conditions.push(id.clone());
                }
                form.set(Some(next));
            })
        };
        let selected = if !current.answered.contains(&k.id) {
            None
        } else if current.conditions.contains(&k.id) {
            Some(AttrValue::Static("yes"))
        } else {
            Some(AttrValue::Static("no"))
        };
        html! {
            <key={k.id.clone()}>{ radios(&yew::props!(RadiosProps {
                name: format!("condition-{}", k.id),
                legend: html! { {k.question.clone()} },
                hint: (!k.hint.is_empty()).then(|| html! { {k.hint.clone()} }),
                choices: vec![Choice::new("yes", "Yes"), Choice::new("no", "No")],
                inline: true,
                selected,
                onchange,
            })) }</>
        }
    });
    let choices: Vec<Choice> = fw
        .case_types
        .iter()
        .map(|t| Choice::new(t.id.clone(), t.name.clone()))
        .collect();
    html! {
        <Page title="Case details" caption={case_caption(&open, &case)} back={Route::Case { id: open.assessment.id.clone(), case: case.id.clone() }}>
            <ErrorSummary errors={(*errors).clone()} attempt={*attempts} />
            { form.notice() }
            <div class="inset-text">
                <p>{"Use the case reference from your force's systems. Do not enter the names of children, or anything else that could identify a child or their family."}</p>
            </div>
            <form {onsubmit} novalidate=true>
                { text_input(&yew::props!(TextInputProps {
                    id: "reference",
                    label: "Case reference",
                    value: current.reference.clone(),
                    hint: AttrValue::Static("For example, the crime or incident number"),
                    error: error_for(&errors, "reference").map(AttrValue::from),
                    oninput: set(|f, v| f.reference = v),
                    width: "width-10",
                    children: html! { <>{ name_warning(&yew::props!(NameWarningProps { reference: AttrValue::from(current.reference.clone()) })) }</> },
                })) }
                { radios(&yew::props!(RadiosProps {
                    name: "case-type",
                    legend: html! { "Case type" },
                    choices,
                    selected: Some(AttrValue::from(current.case_type.clone())),
                    error: error_for(&errors, "case-type").map(AttrValue::from),
                    onchange: set(|f, v| f.case_type = v),
                })) }
                { for conditions }
                if dropped > 0 {
                    { warning_text(&yew::props!(WarningTextProps { children: html! { <>{format!(
                        "Saving with these details removes {} to criteria that would no longer apply.",
                        count(dropped, "answer", "answers")
                    )}</> } })) }
                }
                { text_input(&yew::props!(TextInputProps {
                    id: "reported",
                    label: "Date first reported (optional)",
                    kind: "date",
                    width: "width-date",
                    value: current.reported.clone(),
                    error: error_for(&errors, "reported").map(AttrValue::from),
                    oninput: set(|f, v| f.reported = v),
                })) }
                { text_input(&yew::props!(TextInputProps {
                    id: "audited",
                    label: "Date audited (optional)",
                    kind: "date",
                    width: "width-date",
                    value: current.audited.clone(),
                    error: error_for(&errors, "audited").map(AttrValue::from),
                    oninput: set(|f, v| f.audited = v),
                })) }
                { text_input(&yew::props!(TextInputProps {
                    id: "auditor",
                    label: "Auditor (optional)",
                    value: current.auditor.clone(),
                    hint: AttrValue::Static("Who audited the case: a name or a role"),
                    error: error_for(&errors, "auditor").map(AttrValue::from),
                    oninput: set(|f, v| f.auditor = v),
                })) }
                if open.assessment.pack.is_none() && open.assessment.team.iter().any(|m| m.role == Role::Auditor) {
                    { radios(&yew::props!(RadiosProps {
                        name: "allocated-to",
                        legend: html! { "Allocated to" },
                        hint: Some(html! { "The case goes in that auditor's work pack." }),
                        choices: std::iter::once(Choice::new("", "No one"))
                            .chain(open.assessment.team.iter().filter(|m| m.role == Role::Auditor).map(|m| Choice::new(m.id.clone(), m.name.clone())))
                            .collect::<Vec<_>>(),
                        selected: Some(AttrValue::from(current.allocated_to.clone())),
                        onchange: set(|f, v| f.allocated_to = v),
                    })) }
                }
                <button type="submit" class="button">{"Save the case details"}</button>
            </form>
        </Page>
    }
}

/// Delete one case, after confirmation.
#[hook]
pub fn use_delete_case_page(p: &CaseProps) -> Html {
    let store = use_store();
    let navigator = use_navigator();
    let (open, case) = match case_gate(gate(use_open(&p.id)), &p.case) {
        Ok(x) => x,
        Err(page) => return page,
    };
    let id = open.assessment.id.clone();
    let onclick = {
        let id = id.clone();
        let case_id = case.id.clone();
        let label = case.label();
        Callback::from(move |_: MouseEvent| {
            discard_under(&[&id, "case", &case_id]);
            store.dispatch(Action::EditThen(
                Edit::DeleteCase {
                    case: case_id.clone(),
                },
                Flash::success(format!("Case {label} deleted")),
            ));
            if let Some(nav) = &navigator {
                nav.push(&Route::Assessment { id: id.clone() });
            }
        })
    };
    html! {
        <Page title={format!("Delete case {}?", case.label())} caption={kind_caption(&open, &case)}
            back={Route::Case { id: id.clone(), case: case.id.clone() }}>
            { warning_text(&yew::props!(WarningTextProps { children: html! { <>{deleting(&case)}</> } })) }
            <div class="button-group">
                <button type="button" class="button button--warning" {onclick}>{"Delete the case"}</button>
                <Link<Route> to={Route::Case { id, case: case.id.clone() }}>{"Cancel"}</Link<Route>>
            </div>
        </Page>
    }
}

/// What deleting a case takes with it, its refer-back above all: an open one
/// leaves the register of what the force must still do.
fn deleting(case: &Case) -> String {
    let mut lost = Vec::new();
    if !case.answers.is_empty() {
        lost.push(count(case.answers.len(), "answer", "answers"));
    }
    match (&case.force_grade, &case.reviewer_grade) {
        (Some(_), Some(_)) => lost.push("grades".to_owned()),
        (Some(_), None) | (None, Some(_)) => lost.push("grade".to_owned()),
        (None, None) => {}
    }
    if case.refer_back.is_some() {
        lost.push("refer-back".to_owned());
    }
    let open = case
        .refer_back
        .as_ref()
        .is_some_and(|r| r.closure.is_none());
    format!(
        "This deletes the case{}. It cannot be undone.{}",
        if lost.is_empty() {
            String::new()
        } else {
            format!(" and its {}", crate::domain::format::list_and(&lost))
        },
        if open {
            " Its refer-back is still open: the action it asks for leaves the list of refer-backs with it."
        } else {
            ""
        }
    )
}
