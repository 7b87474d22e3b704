//! The action plan: when it is due, the actions the assessment suggests, and
//! the plan itself, each action editable, with CSV and print.

use crate::app::components::{confirm_button, table, ConfirmButtonProps, TableProps};
use yew::prelude::*;
use yew_router::prelude::*;

use super::frame::{assessment_frame, gate, FrameProps, OpenProps, Section};
use super::tasks::IdProps;
use crate::app::components::{
    checkboxes, error_for, field_setter, focus_after_render, print_page, radios, text_input,
    textarea, today, CheckboxesProps, Choice, ErrorSummary, Page, RadiosProps, SavedStatus,
    TextInputProps, TextareaProps,
};
use crate::app::download::{download, file_name};
use crate::app::drafts::use_draft;
use crate::app::hooks::use_open;
use crate::app::state::{use_store, Action, Flash};
use crate::app::Route;
use crate::domain::action_plan::{by_timescale, plan_due, suggestions};
use crate::domain::assessment::{Action as PlanAction, ActionStatus, Timescale};
use crate::domain::csv;
use crate::domain::edit::Edit;
use crate::domain::follow_up::interval_words;
use crate::domain::forms::{count, ActionForm, FieldError, PlanSettingsForm};
use crate::domain::results::{GradeBasis, Results};

/// The plan by timescale, as it prints.
pub fn plan_table(p: &OpenProps) -> Html {
    let fw = &p.open.framework;
    let a = &p.open.assessment;
    let due = plan_due(fw, a);
    let linked = |x: &PlanAction| {
        let mut names: Vec<String> = x.recommendations.clone();
        names.extend(x.criteria.iter().cloned());
        names.extend(x.statements.iter().cloned());
        names.extend(
            x.topics
                .iter()
                .map(|t| fw.topic(t).map_or(t.clone(), |t| t.name.clone())),
        );
        names.join("; ")
    };
    let plan = fw.action_plan_follow_up();
    html! {
        <>
            <p id="plan-due">
                {match (plan, a.action_plan.report_date, due) {
                    (None, _, _) => "This framework sets no date for an action plan.".to_owned(),
                    (Some(f), Some(r), Some(d)) => format!("The plan is due on {}, {} after the report of {}.", d.long(), interval_words(f), r.long()),
                    (Some(f), _, _) => format!("The plan is due {} after the report; no report date is set.", interval_words(f)),
                }}
            </p>
            if a.actions.is_empty() {
                <p>{"The plan has no actions yet."}</p>
            }
            { for by_timescale(a).into_iter().map(|(t, actions)| html! {
                <key={t.id()}>{ table(&yew::props!(TableProps {
                    id: format!("plan-{}", t.id()),
                    caption: format!("{} ({})", t.label(), count(actions.len(), "action")),
                    children: html! { <><thead><tr>
                        <th scope="col">{"Action"}</th>
                        <th scope="col">{"Owner"}</th>
                        <th scope="col">{"Due"}</th>
                        <th scope="col">{"Status"}</th>
                        <th scope="col">{"Evidence"}</th>
                    </tr></thead>
                    <tbody>
                        { for actions.into_iter().map(|x| html! {
                            <tr key={x.id.clone()}>
                                <th scope="row" id={format!("plan-{}", x.id)} tabindex="-1">
                                    <span class="table__text">
                                        if p.links {
                                            <Link<Route> to={Route::EditAction { id: a.id.clone(), action: x.id.clone() }}>{&x.text}</Link<Route>>
                                        } else {
                                            {&x.text}
                                        }
                                    </span>
                                    if !linked(x).is_empty() {
                                        <span class="hint">{format!(" From: {}", linked(x))}</span>
                                    }
                                </th>
                                <td>{if x.owner.is_empty() { "Not set".to_owned() } else { x.owner.clone() }}</td>
                                <td>{x.due.map_or_else(|| "Not set".to_owned(), |d| d.long())}</td>
                                <td>{x.status.label()}</td>
                                <td class="table__text">{&x.evidence}</td>
                            </tr>
                        }) }
                    </tbody></> },
                })) }</>
            }) }
        </>
    }
}

/// The actions the assessment suggests, each added with a click. A
/// component of its own so that typing in the settings form does not compute
/// the results again.
#[component]
pub fn Suggestions(p: &OpenProps) -> Html {
    let store = use_store();
    let fw = &p.open.framework;
    let a = &p.open.assessment;
    let r = Results::compute(fw, a, GradeBasis::Final);
    let suggested = suggestions(fw, a, &r);
    let add = |action: PlanAction| {
        let store = store.clone();
        let added = a.next_action_id();
        Callback::from(move |_: MouseEvent| {
            // The button goes with its suggestion: focus the new action.
            focus_after_render(format!("plan-{added}"));
            store.dispatch(Action::EditHere(
                Edit::AddAction(action.clone()),
                Flash::success("Action added to the plan"),
            ));
        })
    };
    html! {
            <section class="no-print" aria-labelledby="suggested-heading">
                <h2 class="heading-m" id="suggested-heading">{"Suggested actions"}</h2>
                if suggested.is_empty() {
                    <p id="no-suggestions">{format!("Nothing to suggest: no criterion was answered not met in {}% or more of the cases that judged it, and every area for improvement is in the plan.", a.action_plan.not_met_percent)}</p>
                } else {
                    <ul class="list" id="suggestions">
                        { for suggested.into_iter().map(|s| html! {
                            <li class="panel" key={s.key.clone()}>
                                <p>{&s.action.text}</p>
                                <p class="hint">{format!("{} Suggested timescale: {}.", s.why, s.action.timescale.label().to_ascii_lowercase())}</p>
                                <button type="button" class="button button--secondary" onclick={add(s.action.clone())}
                                    aria-label={format!("Add to the plan: {}", s.action.text)}>{"Add to the plan"}</button>
                            </li>
                        }) }
                    </ul>
                }
            </section>

    }
}

/// When the plan is due, suggested actions, the plan, CSV and print.
#[hook]
pub fn use_action_plan_page(p: &IdProps) -> Html {
    let store = use_store();
    let form = use_draft::<PlanSettingsForm>(&[&p.id, "action-plan"]);
    let errors = use_state(Vec::<FieldError>::new);
    let attempts = use_state(|| 0u32);
    let open = match gate(use_open(&p.id)) {
        Ok(o) => o,
        Err(page) => return page,
    };
    let fw = open.framework.clone();
    let a = open.assessment.clone();
    // This page sets the share of cases only: the report's date the
    // inspection page sets is neither kept here nor saved from here.
    let saved = PlanSettingsForm::from_settings(&a.action_plan);
    let current = form.current(PlanSettingsForm {
        report_date: String::new(),
        ..saved.clone()
    });
    let set = |f: fn(&mut PlanSettingsForm, String)| field_setter(&form, &current, f);
    let onsubmit = {
        let (current, errors, attempts, store, form) = (
            PlanSettingsForm {
                report_date: saved.report_date,
                ..current.clone()
            },
            errors.clone(),
            attempts.clone(),
            store.clone(),
            form.clone(),
        );
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            match current.check() {
                Err(found) => {
                    attempts.set(*attempts + 1);
                    errors.set(found);
                }
                Ok(settings) => {
                    errors.set(Vec::new());
                    form.set(None);
                    store.dispatch(Action::EditHere(
                        Edit::SetActionPlan(settings),
                        Flash::success("Plan settings saved"),
                    ));
                }
            }
        })
    };
    let download_csv = {
        let a = a.clone();
        Callback::from(move |_: MouseEvent| {
            download(
                &file_name(
                    &format!("{} action plan", a.force),
                    &today().to_string(),
                    "csv",
                ),
                "text/csv",
                &csv::actions(&a),
            )
        })
    };
    html! {
        { assessment_frame(&yew::props!(FrameProps {
            open: open.clone(),
            title: "Action plan",
            section: Section::ActionPlan,
            children: html! { <><ErrorSummary errors={(*errors).clone()} attempt={*attempts} />
            { form.notice() }
            <p class="no-print">
                {match fw.action_plan_follow_up() {
                    Some(f) => format!("After the report the force owes the inspectorate an action plan, within {} under this framework ({}). ", interval_words(f), f.citations.join("; ")),
                    None => String::new(),
                }}
                {"The tool suggests actions from the report's recommendations, the criteria most often not met, the force-level statements not met and your areas for improvement; add them, edit them, or write your own. The report's date and recommendations go on "}
                <Link<Route> to={Route::Inspection { id: a.id.clone() }}>{"the inspection page"}</Link<Route>>
                {"."}
            </p>
            { plan_table(&yew::props!(OpenProps { open: open.clone(), links: true })) }
            <div class="button-group no-print">
                <Link<Route> to={Route::NewAction { id: a.id.clone() }} classes="button button--secondary">{"Add an action of your own"}</Link<Route>>
                <button type="button" class="button button--secondary" onclick={download_csv}>{"Download the plan (CSV)"}</button>
                <button type="button" class="button button--secondary" onclick={print_page()}>{"Print the plan"}</button>
            </div>

            <Suggestions open={open.clone()} />

            <section class="no-print" aria-labelledby="settings-heading">
                <h2 class="heading-m" id="settings-heading">{"Plan settings"}</h2>
                <form {onsubmit} novalidate=true>
                    { text_input(&yew::props!(TextInputProps { id: "plan-percent", label: "Suggest an action for a criterion not met in at least this share of cases (%)", inputmode: "numeric", width: "width-3", value: current.percent.clone(), error: error_for(&errors, "plan-percent").map(AttrValue::from), oninput: set(|f, v| f.percent = v) })) }
                    <button type="submit" class="button button--secondary">{"Save the settings"}</button>
                </form>
            </section></> },
        })) }
    }
}

/// The action a page is about (route::Pages gives it from the address).
pub struct ActionProps {
    pub id: AttrValue,
    /// The action to edit; none to add one.
    pub action: Option<AttrValue>,
}

/// One action: what, when, who, by when, where it stands, and the evidence.
#[hook]
pub fn use_action_page(p: &ActionProps) -> Html {
    let store = use_store();
    let navigator = use_navigator();
    let form = use_draft::<ActionForm>(&[&p.id, "action", p.action.as_deref().unwrap_or("")]);
    let errors = use_state(Vec::<FieldError>::new);
    let attempts = use_state(|| 0u32);
    let confirming = use_state(|| false);
    let open = match gate(use_open(&p.id)) {
        Ok(o) => o,
        Err(page) => return page,
    };
    let fw = open.framework.clone();
    let a = &open.assessment;
    let back = Route::ActionPlan { id: a.id.clone() };
    let is_new = p.action.is_none();
    let base = if is_new {
        PlanAction {
            id: String::new(),
            text: String::new(),
            criteria: Vec::new(),
            topics: Vec::new(),
            recommendations: Vec::new(),
            statements: Vec::new(),
            timescale: Timescale::WithinThreeMonths,
            owner: String::new(),
            due: None,
            status: ActionStatus::NotStarted,
            evidence: String::new(),
        }
    } else {
        match a
            .actions
            .iter()
            .find(|x| p.action.as_deref() == Some(x.id.as_str()))
        {
            Some(x) => x.clone(),
            None => {
                return html! {
                    <Page title="Action not found" back={back}>
                        <p>{"The plan has no such action. It may have been deleted."}</p>
                    </Page>
                }
            }
        }
    };
    let current = form.current({
        let mut f = ActionForm::from_action(&base);
        if is_new {
            f.timescale = None;
        }
        f
    });
    let set = |f: fn(&mut ActionForm, String)| field_setter(&form, &current, f);
    let choose = |f: fn(&mut ActionForm, &str)| {
        let (form, current) = (form.clone(), current.clone());
        Callback::from(move |v: String| {
            let mut next = current.clone();
            f(&mut next, &v);
            form.set(Some(next));
        })
    };
    let onsubmit = {
        let form = form.clone();
        let (current, errors, attempts, store, navigator, back, base) = (
            current.clone(),
            errors.clone(),
            attempts.clone(),
            store.clone(),
            navigator.clone(),
            back.clone(),
            base.clone(),
        );
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            match current.check(&base) {
                Err(found) => {
                    attempts.set(*attempts + 1);
                    errors.set(found);
                }
                Ok(action) => {
                    form.set(None);
                    let edit = if is_new {
                        Edit::AddAction(action)
                    } else {
                        Edit::SetAction(action)
                    };
                    store.dispatch(Action::EditThen(edit, Flash::success("Action saved")));
                    if let Some(nav) = &navigator {
                        nav.push(&back);
                    }
                }
            }
        })
    };
    let remove = {
        let (id, back) = (base.id.clone(), back.clone());
        let form = form.clone();
        Callback::from(move |()| {
            form.set(None);
            store.dispatch(Action::EditThen(
                Edit::DeleteAction { action: id.clone() },
                Flash::success("Action deleted"),
            ));
            if let Some(nav) = &navigator {
                nav.push(&back);
            }
        })
    };
    let from: Vec<String> = base
        .criteria
        .iter()
        .map(|c| {
            fw.criterion(c)
                .map_or(c.clone(), |k| format!("{} {}", k.id, k.text))
        })
        .chain(
            base.topics
                .iter()
                .map(|t| fw.topic(t).map_or(t.clone(), |t| t.name.clone())),
        )
        .chain(base.statements.iter().map(|s| {
            fw.statement(s)
                .map_or(s.clone(), |(_, st)| format!("{} {}", st.id, st.text))
        }))
        .collect();
    let toggle_recommendation = {
        let (form, current) = (form.clone(), current.clone());
        Callback::from(move |(v, on): (String, bool)| {
            let mut next = current.clone();
            next.recommendations.retain(|x| *x != v);
            if on {
                next.recommendations.push(v);
            }
            form.set(Some(next));
        })
    };
    html! {
        <Page title={if is_new { "Add an action" } else { "Edit the action" }} caption={AttrValue::from(format!("{} – action plan", a.force))} back={back}>
            <SavedStatus />
            <ErrorSummary errors={(*errors).clone()} attempt={*attempts} />
            { form.notice() }
            if !from.is_empty() {
                <p>{"Drawn from: "}{from.join("; ")}</p>
            }
            <form {onsubmit} novalidate=true>
                { textarea(&yew::props!(TextareaProps {
                    id: "action-text",
                    label: "What is to be done",
                    value: current.text.clone(),
                    rows: 4,
                    error: error_for(&errors, "action-text").map(AttrValue::from),
                    oninput: set(|f, v| f.text = v),
                })) }
                { radios(&yew::props!(RadiosProps {
                    name: "action-timescale",
                    legend: html! { "When it must be done" },
                    inline: true,
                    choices: Timescale::ALL.iter().map(|t| Choice::new(t.id(), t.label())).collect::<Vec<_>>(),
                    selected: current.timescale.map(|t| AttrValue::Static(t.id())),
                    error: error_for(&errors, "action-timescale").map(AttrValue::from),
                    onchange: choose(|f, v| f.timescale = Timescale::from_id(v)),
                })) }
                { text_input(&yew::props!(TextInputProps {
                    id: "action-owner",
                    label: "Owner (optional)",
                    value: current.owner.clone(),
                    hint: AttrValue::Static("A name or role, for example Superintendent, Public Protection"),
                    error: error_for(&errors, "action-owner").map(AttrValue::from),
                    oninput: set(|f, v| f.owner = v),
                })) }
                { text_input(&yew::props!(TextInputProps {
                    id: "action-due",
                    label: "Due date (optional)",
                    kind: "date",
                    width: "width-date",
                    value: current.due.clone(),
                    error: error_for(&errors, "action-due").map(AttrValue::from),
                    oninput: set(|f, v| f.due = v),
                })) }
                { radios(&yew::props!(RadiosProps {
                    name: "action-status",
                    legend: html! { "Status" },
                    inline: true,
                    choices: ActionStatus::ALL.iter().map(|s| Choice::new(s.id(), s.label())).collect::<Vec<_>>(),
                    selected: Some(AttrValue::Static(current.status.id())),
                    onchange: choose(|f, v| f.status = ActionStatus::from_id(v).unwrap_or_default()),
                })) }
                { textarea(&yew::props!(TextareaProps {
                    id: "action-evidence",
                    label: "Evidence of progress (optional)",
                    value: current.evidence.clone(),
                    hint: Some(AttrValue::Static("What shows the action is done or under way: an audit, a policy, training records")),
                    error: error_for(&errors, "action-evidence").map(AttrValue::from),
                    oninput: set(|f, v| f.evidence = v),
                })) }
                if !a.recommendations.is_empty() {
                    { checkboxes(&yew::props!(CheckboxesProps {
                        name: "action-recommendations",
                        legend: "The report's recommendations it answers (optional)",
                        hint: Some(AttrValue::Static("A recommendation is open until every action answering it is done.")),
                        choices: a.recommendations.iter().map(|r| Choice::new(r.id.clone(), format!("{} {}", r.id, r.text))).collect::<Vec<_>>(),
                        checked: current.recommendations.iter().map(|r| AttrValue::from(r.clone())).collect::<Vec<_>>(),
                        ontoggle: toggle_recommendation,
                    })) }
                }
                <div class="button-group">
                    <button type="submit" class="button">{"Save the action"}</button>
                    if !is_new {
                        { confirm_button(&yew::props!(ConfirmButtonProps { confirming: confirming.clone(), label: "Delete the action", confirm: "Yes, delete the action", onconfirm: remove })) }
                    }
                </div>
            </form>
        </Page>
    }
}
