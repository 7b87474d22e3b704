use yew::prelude::*;
use yew_router::prelude::*;

use super::case::{case_caption, case_gate, CaseProps};
use super::frame::gate;
use crate::app::components::{
    checkboxes, error_for, field_setter, radios, text_input, textarea, CheckboxesProps, Choice,
    ErrorSummary, Page, RadiosProps, SavedStatus, SuggestedGrade, TextInputProps, TextareaProps,
};
use crate::app::components::{
    confirm_button, today, warning_text, ConfirmButtonProps, WarningTextProps,
};
use crate::app::drafts::use_draft;
use crate::app::hooks::use_open;
use crate::app::state::{use_store, Action, Flash};
use crate::app::Route;
use crate::domain::assessment::ReferBackTrigger;
use crate::domain::edit::Edit;
use crate::domain::forms::{check_grade, FieldError, ReferBackForm};
use crate::domain::grade::{suggest, CaseGrade};

/// The auditor confirms the suggested grade, or grades differently and says why.
#[hook]
pub fn use_grade_page(p: &CaseProps) -> Html {
    let store = use_store();
    let navigator = use_navigator();
    // The grade chosen and the reason typed, until saved.
    let form = use_draft::<(Option<String>, String)>(&[&p.id, "case", &p.case, "grade"]);
    let errors = use_state(Vec::<FieldError>::new);
    let attempts = use_state(|| 0u32);
    let (open, case) = match case_gate(gate(use_open(&p.id)), &p.case) {
        Ok(x) => x,
        Err(page) => return page,
    };
    let fw = open.framework.clone();
    let suggestion = suggest(&fw, &case).grade;
    let current = case.force_grade.as_ref();
    let saved_reason = current
        .filter(|d| d.is_override())
        .map(|d| d.reason.clone())
        .unwrap_or_default();
    let (selected, reason_text) = form.current((
        current
            .map(|d| d.grade.id().to_owned())
            .or_else(|| suggestion.map(|g| g.id().to_owned())),
        saved_reason.clone(),
    ));
    let picked = selected.as_deref().and_then(CaseGrade::from_id);
    let overriding = picked.is_some() && picked != suggestion;

    let onsubmit = {
        let id = open.assessment.id.clone();
        let case_id = case.id.clone();
        let reason_text = reason_text.clone();
        let errors = errors.clone();
        let attempts = attempts.clone();
        let form = form.clone();
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            let edit = match check_grade(&case_id, suggestion, picked, &reason_text) {
                Ok(edit) => edit,
                Err(error) => {
                    attempts.set(*attempts + 1);
                    errors.set(vec![error]);
                    return;
                }
            };
            form.set(None);
            store.dispatch(Action::EditAndGo(edit));
            if let Some(nav) = &navigator {
                nav.push(&Route::Check {
                    id: id.clone(),
                    case: case_id.clone(),
                });
            }
        })
    };
    let choices: Vec<Choice> = CaseGrade::ALL
        .iter()
        .map(|g| {
            let meaning = fw
                .case_grade_level(*g)
                .map(|l| l.meaning.clone())
                .unwrap_or_default();
            let label = if Some(*g) == suggestion {
                format!("{} (suggested)", g.label())
            } else {
                g.label().to_owned()
            };
            Choice::new(g.id(), label).hint(meaning)
        })
        .collect();
    html! {
        <Page title="Grade the case" caption={case_caption(&open, &case)}
            back={Route::Case { id: open.assessment.id.clone(), case: case.id.clone() }}>
            <SavedStatus />
            <ErrorSummary errors={(*errors).clone()} attempt={*attempts} />
            { form.notice() }
            <SuggestedGrade open={open.clone()} case={case.id.clone()} />
            <p>{"Grade the quality of police practice in this case, against the criteria, not the outcome for the child. Confirm the suggested grade, or choose another and say why."}</p>
            <form {onsubmit} novalidate=true>
                { radios(&yew::props!(RadiosProps {
                    name: "grade",
                    legend: html! { "The force's grade for this case" },
                    legend_m: true,
                    choices,
                    selected: selected.clone().map(AttrValue::from),
                    error: error_for(&errors, "grade").map(AttrValue::from),
                    onchange: { let form = form.clone(); let (reason, saved_reason) = (reason_text.clone(), saved_reason.clone()); Callback::from(move |v: String| {
                        // The suggested grade needs no reason: one typed for
                        // another grade is not kept unseen.
                        let reason = if suggestion.is_some_and(|g| g.id() == v) { saved_reason.clone() } else { reason.clone() };
                        form.set(Some((Some(v), reason)))
                    }) },
                })) }
                if overriding {
                    { textarea(&yew::props!(TextareaProps {
                        id: "grade-reason",
                        label: "Why does the grade differ from the suggestion?",
                        value: reason_text.clone(),
                        hint: Some(AttrValue::Static("How often, and which way, grades are changed from the suggestion is itself a result.")),
                        error: error_for(&errors, "grade-reason").map(AttrValue::from),
                        oninput: { let form = form.clone(); let selected = selected.clone(); Callback::from(move |v: String| form.set(Some((selected.clone(), v)))) },
                    })) }
                }
                <button type="submit" class="button">{ if overriding { "Save the grade and reason" } else { "Confirm the grade" } }</button>
            </form>
        </Page>
    }
}

/// The refer-back triggers, with their labels.
pub const TRIGGERS: [(ReferBackTrigger, &str, &str); 5] = [
    (
        ReferBackTrigger::ImmediateRisk,
        "immediate-risk",
        "A child is at immediate risk of significant harm",
    ),
    (
        ReferBackTrigger::ProceduresNotFollowed,
        "procedures-not-followed",
        "Child protection procedures were not followed",
    ),
    (
        ReferBackTrigger::OffenderNotManaged,
        "offender-not-managed",
        "An offender who poses a risk is not managed, located or circulated",
    ),
    (
        ReferBackTrigger::InvestigationStalled,
        "investigation-stalled",
        "An investigation has stalled with suspects untraced",
    ),
    (
        ReferBackTrigger::MissingRiskTooLow,
        "missing-risk-too-low",
        "A missing child's risk is graded too low",
    ),
];

/// Flag the case for urgent action, with an owner and a deadline; later, close it.
#[hook]
pub fn use_refer_back_page(p: &CaseProps) -> Html {
    let store = use_store();
    let navigator = use_navigator();
    let form = use_draft::<ReferBackForm>(&[&p.id, "case", &p.case, "refer-back"]);
    let errors = use_state(Vec::<FieldError>::new);
    let attempts = use_state(|| 0u32);
    let confirming = use_state(|| false);
    let (open, case) = match case_gate(gate(use_open(&p.id)), &p.case) {
        Ok(x) => x,
        Err(page) => return page,
    };
    let current = form.current(match &case.refer_back {
        Some(r) => ReferBackForm {
            triggers: r.triggers.clone(),
            reason: r.reason.clone(),
            owner: r.owner.clone(),
            raised: r.raised.map(|d| d.to_string()).unwrap_or_default(),
            deadline: r.deadline.map(|d| d.to_string()).unwrap_or_default(),
            closed_on: r
                .closure
                .as_ref()
                .map(|c| c.on.to_string())
                .unwrap_or_default(),
            closure_note: r
                .closure
                .as_ref()
                .map(|c| c.note.clone())
                .unwrap_or_default(),
        },
        None => ReferBackForm {
            raised: today().to_string(),
            ..Default::default()
        },
    });
    let set = |f: fn(&mut ReferBackForm, String)| field_setter(&form, &current, f);
    let ontoggle = {
        let form = form.clone();
        let current = current.clone();
        Callback::from(move |(v, on): (String, bool)| {
            let mut next = current.clone();
            if let Some((t, _, _)) = TRIGGERS.iter().find(|(_, id, _)| *id == v) {
                next.triggers.retain(|x| x != t);
                if on {
                    next.triggers.push(*t);
                }
            }
            form.set(Some(next));
        })
    };
    let back = Route::Case {
        id: open.assessment.id.clone(),
        case: case.id.clone(),
    };
    let onsubmit = {
        let current = current.clone();
        let errors = errors.clone();
        let attempts = attempts.clone();
        let case_id = case.id.clone();
        let store = store.clone();
        let navigator = navigator.clone();
        let back = back.clone();
        let form = form.clone();
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            match current.check() {
                Err(found) => {
                    attempts.set(*attempts + 1);
                    errors.set(found);
                }
                Ok(refer_back) => {
                    form.set(None);
                    let closed = refer_back.closure.is_some();
                    store.dispatch(Action::EditThen(
                        Edit::SetReferBack {
                            case: case_id.clone(),
                            refer_back: Some(refer_back),
                        },
                        Flash::success(if closed {
                            "Refer-back closed"
                        } else {
                            "Case referred back for urgent action"
                        }),
                    ));
                    if let Some(nav) = &navigator {
                        nav.push(&back);
                    }
                }
            }
        })
    };
    // Removing asks first: it deletes the reason, owner, deadline and closure.
    let remove = {
        let case_id = case.id.clone();
        let form = form.clone();
        Callback::from(move |()| {
            form.set(None);
            store.dispatch(Action::EditThen(
                Edit::SetReferBack {
                    case: case_id.clone(),
                    refer_back: None,
                },
                Flash::success("Refer-back removed"),
            ));
            if let Some(nav) = &navigator {
                nav.push(&back);
            }
        })
    };
    let checked: Vec<AttrValue> = TRIGGERS
        .iter()
        .filter(|(t, _, _)| current.triggers.contains(t))
        .map(|(_, id, _)| AttrValue::Static(id))
        .collect();
    html! {
        <Page title="Refer the case back" caption={case_caption(&open, &case)}
            back={Route::Case { id: open.assessment.id.clone(), case: case.id.clone() }}>
            <ErrorSummary errors={(*errors).clone()} attempt={*attempts} />
            { form.notice() }
            { warning_text(&yew::props!(WarningTextProps {
                children: html! { <>{"This records the refer-back in this tool only. It does not tell anyone. If a child is at immediate risk, act now through your force's procedures."}</> },
            })) }
            <p>{"Refer a case back when it shows a child at immediate risk or child protection procedures not followed. Referred-back cases stay at the top of every summary until closed, and make the suggested grade inadequate."}</p>
            <form {onsubmit} novalidate=true>
                { checkboxes(&yew::props!(CheckboxesProps {
                    name: "refer-triggers",
                    legend: "What prompted it (optional)",
                    choices: TRIGGERS.iter().map(|(_, id, label)| Choice::new(*id, *label)).collect::<Vec<_>>(),
                    checked,
                    ontoggle,
                    hint: Some(AttrValue::Static("Select all that apply")),
                })) }
                { textarea(&yew::props!(TextareaProps {
                    id: "refer-reason",
                    label: "Why the case is referred back",
                    value: current.reason.clone(),
                    error: error_for(&errors, "refer-reason").map(AttrValue::from),
                    oninput: set(|f, v| f.reason = v),
                })) }
                { text_input(&yew::props!(TextInputProps {
                    id: "refer-owner",
                    label: "Who owns the action",
                    value: current.owner.clone(),
                    hint: AttrValue::Static("A name or role, for example DI Public Protection"),
                    error: error_for(&errors, "refer-owner").map(AttrValue::from),
                    oninput: set(|f, v| f.owner = v),
                })) }
                { text_input(&yew::props!(TextInputProps {
                    id: "refer-raised",
                    label: "Date raised",
                    kind: "date",
                    width: "width-date",
                    value: current.raised.clone(),
                    error: error_for(&errors, "refer-raised").map(AttrValue::from),
                    oninput: set(|f, v| f.raised = v),
                })) }
                { text_input(&yew::props!(TextInputProps {
                    id: "refer-deadline",
                    label: "Deadline (optional)",
                    kind: "date",
                    width: "width-date",
                    value: current.deadline.clone(),
                    error: error_for(&errors, "refer-deadline").map(AttrValue::from),
                    oninput: set(|f, v| f.deadline = v),
                })) }
                if case.refer_back.is_some() {
                    <h2 class="heading-m">{"Close the refer-back"}</h2>
                    { text_input(&yew::props!(TextInputProps {
                        id: "refer-closed-on",
                        label: "Date closed",
                        kind: "date",
                        width: "width-date",
                        value: current.closed_on.clone(),
                        error: error_for(&errors, "refer-closed-on").map(AttrValue::from),
                        oninput: set(|f, v| f.closed_on = v),
                    })) }
                    { textarea(&yew::props!(TextareaProps {
                        id: "refer-closure-note",
                        label: "How it was closed",
                        value: current.closure_note.clone(),
                        hint: Some(AttrValue::Static("An updated assessment, or the action taken")),
                        error: error_for(&errors, "refer-closure-note").map(AttrValue::from),
                        oninput: set(|f, v| f.closure_note = v),
                    })) }
                }
                <div class="button-group">
                    <button type="submit" class="button">{"Save the refer-back"}</button>
                    if case.refer_back.is_some() {
                        { confirm_button(&yew::props!(ConfirmButtonProps { confirming: confirming.clone(), label: "Remove the refer-back", confirm: "Yes, remove the refer-back", onconfirm: remove })) }
                    }
                </div>
            </form>
        </Page>
    }
}
