//! The inspection, once it has reported: the report's date and its
//! recommendations or areas for improvement, the follow-ups the framework
//! says they trigger with their dates, and the update the inspectorate asks
//! for on the immediate recommendations (printed on its own, or as CSV).

use yew::prelude::*;
use yew_router::prelude::*;

use super::frame::{assessment_frame, gate, FrameProps, OpenProps, Section};
use super::tasks::IdProps;
use crate::app::components::{
    checkboxes, confirm_button, error_for, field_setter, print_page, radios, table, tag,
    text_input, textarea, today, CheckboxesProps, Choice, ConfirmButtonProps, ErrorSummary, Page,
    RadiosProps, SavedStatus, TableProps, TextInputProps, TextareaProps,
};
use crate::app::download::{download, file_name};
use crate::app::drafts::use_draft;
use crate::app::hooks::use_open;
use crate::app::state::{use_store, Action, Flash};
use crate::app::Route;
use crate::domain::assessment::{Recommendation, RecommendationKind, Timescale};
use crate::domain::csv;
use crate::domain::edit::Edit;
use crate::domain::follow_up::{actions_for, summary, update};
use crate::domain::forms::{count, FieldError, PlanSettingsForm, RecommendationForm};
use crate::domain::framework::Framework;

fn deadline_label(d: Option<Timescale>) -> &'static str {
    d.map_or("No deadline given", |t| t.label())
}

/// What a recommendation concerns, in words.
fn concerns(fw: &Framework, r: &Recommendation) -> String {
    r.topics
        .iter()
        .map(|t| fw.topic(t).map_or(t.clone(), |t| t.name.clone()))
        .chain(
            r.stages
                .iter()
                .map(|s| fw.stage(s).map_or(s.clone(), |s| s.name.clone())),
        )
        .collect::<Vec<_>>()
        .join("; ")
}

/// The follow-up dates and what is due by each: on the inspection page and
/// in the printed report.
pub fn follow_up_table(p: &OpenProps) -> Html {
    let fw = &p.open.framework;
    let a = &p.open.assessment;
    let f = summary(fw, a, Some(today()));
    if fw.follow_up.is_empty() {
        return html! { <p>{"This framework lists no follow-up after the report."}</p> };
    }
    html! {
        { table(&yew::props!(TableProps {
            id: "follow-up",
            caption: "What the force owes the inspectorate after the report",
            children: html! { <><thead><tr>
                <th scope="col">{"Follow-up"}</th>
                <th scope="col">{"Due"}</th>
                <th scope="col">{"Covers"}</th>
                <th scope="col">{"Still missing"}</th>
            </tr></thead>
            <tbody>
                { for f.follow_ups.iter().map(|x| html! {
                    <tr key={x.id.clone()} id={format!("follow-up-{}", x.id)}>
                        <th scope="row">{&x.name}<span class="hint">{format!(" ({})", x.citations.join("; "))}</span></th>
                        <td>
                            {x.due.map_or_else(|| "Enter the report's date".to_owned(), |d| d.long())}
                            if x.overdue { {" "}{tag("Overdue", Some("red"))} }
                        </td>
                        <td>{if x.covers.is_empty() { "None entered".to_owned() } else { x.covers.join(", ") }}</td>
                        <td>{if x.covers.is_empty() { "–".to_owned() } else if x.outstanding.is_empty() { "Nothing".to_owned() } else { x.outstanding.join(", ") }}</td>
                    </tr>
                }) }
            </tbody></> },
        })) }
    }
}

/// The recommendations with their deadlines, actions and state.
pub fn recommendations_table(p: &OpenProps) -> Html {
    let fw = &p.open.framework;
    let a = &p.open.assessment;
    let f = summary(fw, a, Some(today()));
    if a.recommendations.is_empty() {
        return html! { <p id="no-recommendations">{"No recommendations or areas for improvement entered yet."}</p> };
    }
    html! {
        { table(&yew::props!(TableProps {
            id: "recommendations",
            caption: format!("The report's recommendations ({})", a.recommendations.len()),
            children: html! { <><thead><tr>
                <th scope="col">{"Recommendation"}</th>
                <th scope="col">{"Deadline"}</th>
                <th scope="col">{"Actions"}</th>
                <th scope="col">{"State"}</th>
            </tr></thead>
            <tbody>
                { for a.recommendations.iter().zip(&f.recommendations).map(|(r, row)| {
                    let actions = actions_for(a, &r.id);
                    html! {
                        <tr key={r.id.clone()}>
                            <th scope="row" class="table__text" id={format!("recommendation-{}", r.id)}>
                                if p.links {
                                    <Link<Route> to={Route::Recommendation { id: a.id.clone(), recommendation: r.id.clone() }}>{format!("{} {}", r.id, r.text)}</Link<Route>>
                                } else {
                                    {format!("{} {}", r.id, r.text)}
                                }
                                if !r.sub_points.is_empty() {
                                    <ul class="list list--bullet">{ for r.sub_points.iter().map(|s| html! { <li>{s}</li> }) }</ul>
                                }
                                if !concerns(fw, r).is_empty() {
                                    <span class="hint">{format!("Concerns: {}", concerns(fw, r))}</span>
                                }
                            </th>
                            <td>
                                {deadline_label(r.deadline)}
                                if let Some(d) = row.due { <br />{format!("by {}", d.long())} }
                            </td>
                            <td>
                                if actions.is_empty() {
                                    {"None yet"}
                                } else {
                                    <ul class="list">{ for actions.iter().map(|x| html! {
                                        <li>{format!("{} ({})", x.text, x.status.label().to_ascii_lowercase())}</li>
                                    }) }</ul>
                                }
                            </td>
                            <td>
                                { if row.done { tag("Done", Some("green")) } else { tag("Open", Some("grey")) } }
                                if row.overdue { {" "}{tag("Overdue", Some("red"))} }
                            </td>
                        </tr>
                    }
                }) }
            </tbody></> },
        })) }
    }
}

/// The inspection page: the report's date, the follow-ups, the
/// recommendations.
#[hook]
pub fn use_inspection_page(p: &IdProps) -> Html {
    let store = use_store();
    let form = use_draft::<PlanSettingsForm>(&[&p.id, "inspection"]);
    let errors = use_state(Vec::<FieldError>::new);
    let attempts = use_state(|| 0u32);
    let open = match gate(use_open(&p.id)) {
        Ok(o) => o,
        Err(page) => return page,
    };
    let fw = &open.framework;
    let a = &open.assessment;
    // This page sets the report's date only: the share of cases the action
    // plan page sets is neither kept here nor saved from here (found in
    // review: a share kept here put an older one back).
    let saved = PlanSettingsForm::from_settings(&a.action_plan);
    let current = form.current(PlanSettingsForm {
        percent: String::new(),
        ..saved.clone()
    });
    let set = |f: fn(&mut PlanSettingsForm, String)| field_setter(&form, &current, f);
    let onsubmit = {
        let (current, errors, attempts, form) = (
            PlanSettingsForm {
                percent: saved.percent,
                ..current.clone()
            },
            errors.clone(),
            attempts.clone(),
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
                        Flash::success("Report date saved"),
                    ));
                }
            }
        })
    };
    let immediate = a
        .recommendations
        .iter()
        .any(|r| r.deadline == Some(Timescale::Immediately));
    html! {
        { assessment_frame(&yew::props!(FrameProps {
            open: open.clone(),
            title: "Inspection report",
            section: Section::Inspection,
            children: html! { <><ErrorSummary errors={(*errors).clone()} attempt={*attempts} />
            { form.notice() }
            <p>{"Once the inspection has reported, enter its date and its recommendations (or, since 2024, its areas for improvement) as the report states them. The tool shows what the force owes the inspectorate and by when, and which recommendations are still open: each is open until it has actions and all of them are done."}</p>
            <form {onsubmit} novalidate=true class="no-print">
                { text_input(&yew::props!(TextInputProps { id: "plan-report-date", label: "Date the report was published", kind: "date", width: "width-date", value: current.report_date.clone(), hint: AttrValue::Static("The follow-up dates and each recommendation's deadline count from it."), error: error_for(&errors, "plan-report-date").map(AttrValue::from), oninput: set(|f, v| f.report_date = v) })) }
                <button type="submit" class="button button--secondary">{"Save the date"}</button>
            </form>
            <h2 class="heading-m">{"Follow-up"}</h2>
            { follow_up_table(&yew::props!(OpenProps { open: open.clone(), links: true })) }
            <h2 class="heading-m">{"Recommendations and areas for improvement"}</h2>
            { recommendations_table(&yew::props!(OpenProps { open: open.clone(), links: true })) }
            <div class="button-group no-print">
                <Link<Route> to={Route::NewRecommendation { id: a.id.clone() }} classes="button button--secondary">{"Add a recommendation or area for improvement"}</Link<Route>>
                if immediate {
                    <Link<Route> to={Route::InspectionUpdate { id: a.id.clone() }} classes="button button--secondary">{"The update on the immediate recommendations"}</Link<Route>>
                }
            </div>
            if fw.follow_up.is_empty() {
                <p class="hint">{"This framework sets no follow-up dates."}</p>
            }</> },
        })) }
    }
}

/// The recommendation a page is about (route::Pages gives it from the address).
pub struct RecommendationProps {
    pub id: AttrValue,
    /// The recommendation to edit; none to add one.
    pub recommendation: Option<AttrValue>,
}

/// One recommendation or area for improvement, as the report states it.
#[hook]
pub fn use_recommendation_page(p: &RecommendationProps) -> Html {
    let store = use_store();
    let navigator = use_navigator();
    let form = use_draft::<RecommendationForm>(&[
        &p.id,
        "recommendation",
        p.recommendation.as_deref().unwrap_or(""),
    ]);
    let errors = use_state(Vec::<FieldError>::new);
    let attempts = use_state(|| 0u32);
    let confirming = use_state(|| false);
    let open = match gate(use_open(&p.id)) {
        Ok(o) => o,
        Err(page) => return page,
    };
    let fw = open.framework.clone();
    let a = &open.assessment;
    let back = Route::Inspection { id: a.id.clone() };
    let existing = match &p.recommendation {
        None => None,
        Some(id) => match a.recommendations.iter().find(|r| r.id == id.as_str()) {
            Some(r) => Some(r.clone()),
            None => {
                return html! {
                    <Page title="Recommendation not found" back={back}>
                        <p>{"There is no such recommendation. It may have been deleted."}</p>
                    </Page>
                }
            }
        },
    };
    let current = form.current({
        existing.as_ref().map_or_else(
            || RecommendationForm {
                // The 2024 programme makes areas for improvement, without deadlines.
                kind: if fw.topics.is_empty() {
                    RecommendationKind::Recommendation
                } else {
                    RecommendationKind::AreaForImprovement
                },
                ..RecommendationForm::default()
            },
            RecommendationForm::from_recommendation,
        )
    });
    let set = |f: fn(&mut RecommendationForm, String)| field_setter(&form, &current, f);
    let choose = |f: fn(&mut RecommendationForm, &str)| {
        let (form, current) = (form.clone(), current.clone());
        Callback::from(move |v: String| {
            let mut next = current.clone();
            f(&mut next, &v);
            form.set(Some(next));
        })
    };
    let toggle = |f: fn(&mut RecommendationForm) -> &mut Vec<String>| {
        let (form, current) = (form.clone(), current.clone());
        Callback::from(move |(v, on): (String, bool)| {
            let mut next = current.clone();
            let list = f(&mut next);
            list.retain(|x| *x != v);
            if on {
                list.push(v);
            }
            form.set(Some(next));
        })
    };
    let onsubmit = {
        let (current, errors, attempts, store, navigator, back) = (
            current.clone(),
            errors.clone(),
            attempts.clone(),
            store.clone(),
            navigator.clone(),
            back.clone(),
        );
        let id = existing.as_ref().map(|r| r.id.clone());
        let fw = fw.clone();
        let form = form.clone();
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            let mut checked = current.clone();
            // Keep the framework's order, whatever order they were ticked in.
            checked
                .topics
                .sort_by_key(|t| fw.topics.iter().position(|x| x.id == *t));
            checked
                .stages
                .sort_by_key(|s| fw.stages.iter().position(|x| x.id == *s));
            match checked.check(id.as_deref().unwrap_or_default()) {
                Err(found) => {
                    attempts.set(*attempts + 1);
                    errors.set(found);
                }
                Ok(r) => {
                    form.set(None);
                    let edit = if id.is_some() {
                        Edit::SetRecommendation(r)
                    } else {
                        Edit::AddRecommendation(r)
                    };
                    store.dispatch(Action::EditThen(
                        edit,
                        Flash::success("Recommendation saved"),
                    ));
                    if let Some(nav) = &navigator {
                        nav.push(&back);
                    }
                }
            }
        })
    };
    let remove = {
        let (id, back) = (
            existing.as_ref().map(|r| r.id.clone()).unwrap_or_default(),
            back.clone(),
        );
        let form = form.clone();
        Callback::from(move |()| {
            form.set(None);
            store.dispatch(Action::EditThen(
                Edit::DeleteRecommendation {
                    recommendation: id.clone(),
                },
                Flash::success("Recommendation deleted"),
            ));
            if let Some(nav) = &navigator {
                nav.push(&back);
            }
        })
    };
    let deadlines: Vec<Choice> = Timescale::ALL
        .iter()
        .map(|t| Choice::new(t.id(), t.label()))
        .chain([Choice::new("none", "None given")])
        .collect();
    html! {
        <Page title={if existing.is_none() { "Add a recommendation" } else { "Edit the recommendation" }}
            caption={AttrValue::from(format!("{} – inspection report", a.force))} back={back}>
            <SavedStatus />
            <ErrorSummary errors={(*errors).clone()} attempt={*attempts} />
            { form.notice() }
            if let Some(r) = &existing {
                <p class="hint">{format!("{}: {}", r.id, count(actions_for(a, &r.id).len(), "action"))}{" in the action plan answer it."}</p>
            }
            <form {onsubmit} novalidate=true>
                { radios(&yew::props!(RadiosProps {
                    name: "recommendation-kind",
                    legend: html! { "What the report calls it" },
                    inline: true,
                    choices: RecommendationKind::ALL.iter().map(|k| Choice::new(k.id(), k.label())).collect::<Vec<_>>(),
                    selected: Some(AttrValue::Static(current.kind.id())),
                    onchange: choose(|f, v| f.kind = RecommendationKind::from_id(v).unwrap_or(RecommendationKind::Recommendation)),
                })) }
                { textarea(&yew::props!(TextareaProps {
                    id: "recommendation-text",
                    label: "The recommendation, as the report states it",
                    value: current.text.clone(),
                    rows: 4,
                    error: error_for(&errors, "recommendation-text").map(AttrValue::from),
                    oninput: set(|f, v| f.text = v),
                })) }
                { textarea(&yew::props!(TextareaProps {
                    id: "recommendation-sub-points",
                    label: "Its points (optional)",
                    value: current.sub_points.clone(),
                    rows: 4,
                    hint: Some(AttrValue::Static("One per line, as the report lists them under it.")),
                    error: error_for(&errors, "recommendation-sub-points").map(AttrValue::from),
                    oninput: set(|f, v| f.sub_points = v),
                })) }
                { radios(&yew::props!(RadiosProps {
                    name: "recommendation-deadline",
                    legend: html! { "Its deadline, as the report gives it" },
                    choices: deadlines,
                    selected: Some(AttrValue::Static(current.deadline.map_or("none", |t| t.id()))),
                    hint: Some(AttrValue::Static("Reports before 2024 group recommendations by when they are to be done; areas for improvement have no deadline.")),
                    onchange: choose(|f, v| f.deadline = Timescale::from_id(v)),
                })) }
                if !fw.topics.is_empty() {
                    { checkboxes(&yew::props!(CheckboxesProps {
                        name: "recommendation-topics",
                        legend: "The topics it concerns (optional)",
                        choices: fw.topics.iter().map(|t| Choice::new(t.id.clone(), t.name.clone())).collect::<Vec<_>>(),
                        checked: current.topics.iter().map(|t| AttrValue::from(t.clone())).collect::<Vec<_>>(),
                        ontoggle: toggle(|f| &mut f.topics),
                    })) }
                }
                { checkboxes(&yew::props!(CheckboxesProps {
                    name: "recommendation-stages",
                    legend: "The stages it concerns (optional)",
                    choices: fw.stages.iter().map(|s| Choice::new(s.id.clone(), s.name.clone())).collect::<Vec<_>>(),
                    checked: current.stages.iter().map(|s| AttrValue::from(s.clone())).collect::<Vec<_>>(),
                    ontoggle: toggle(|f| &mut f.stages),
                })) }
                <div class="button-group">
                    <button type="submit" class="button">{"Save the recommendation"}</button>
                    if existing.is_some() {
                        { confirm_button(&yew::props!(ConfirmButtonProps { confirming: confirming.clone(), label: "Delete it", confirm: "Yes, delete it", onconfirm: remove })) }
                    }
                </div>
            </form>
        </Page>
    }
}

/// The update the inspectorate asks for within six weeks: what the force has
/// done against each recommendation to act on immediately. Prints on its own
/// and downloads as CSV.
#[hook]
pub fn use_inspection_update_page(p: &IdProps) -> Html {
    let open = match gate(use_open(&p.id)) {
        Ok(o) => o,
        Err(page) => return page,
    };
    let fw = &open.framework;
    let a = &open.assessment;
    let rows = update(a);
    let due = summary(fw, a, None)
        .follow_ups
        .into_iter()
        .find(|f| f.kind == crate::domain::framework::FollowUpKind::Update)
        .and_then(|f| f.due);
    let download_csv = {
        let a = a.clone();
        Callback::from(move |_: MouseEvent| {
            download(
                &file_name(
                    &format!("{} update on immediate recommendations", a.force),
                    &today().to_string(),
                    "csv",
                ),
                "text/csv",
                &csv::update(&a),
            )
        })
    };
    html! {
        <Page title="Update on the immediate recommendations" caption={AttrValue::from(a.force.clone())}
            back={Route::Inspection { id: a.id.clone() }}>
            <p id="update-intro">
                {format!("{} – what the force has done against each recommendation the inspection asked it to act on immediately", a.force)}
                { a.action_plan.report_date.map(|d| format!(" (report published {})", d.long())).unwrap_or_default() }
                { due.map(|d| format!(". Due to the inspectorate by {}.", d.long())).unwrap_or_else(|| ".".to_owned()) }
            </p>
            <p class="hint">{format!("Prepared {}.", today().long())}</p>
            if rows.is_empty() {
                <p>{"No recommendation to act on immediately has been entered."}</p>
            }
            { for rows.iter().map(|(r, actions)| html! {
                <section class="update-item" key={r.id.clone()} aria-labelledby={format!("update-{}", r.id)}>
                    <h2 class="heading-m" id={format!("update-{}", r.id)}>{format!("{} {}", r.id, r.text)}</h2>
                    if !r.sub_points.is_empty() {
                        <ul class="list list--bullet">{ for r.sub_points.iter().map(|s| html! { <li>{s}</li> }) }</ul>
                    }
                    if actions.is_empty() {
                        <p><strong>{"No action recorded yet."}</strong></p>
                    } else {
                        { table(&yew::props!(TableProps {
                            id: format!("update-{}-actions", r.id),
                            caption: format!("What has been done against {}", r.id),
                            children: html! { <><thead><tr>
                                <th scope="col">{"Action"}</th>
                                <th scope="col">{"Owner"}</th>
                                <th scope="col">{"Status"}</th>
                                <th scope="col">{"Evidence of progress"}</th>
                            </tr></thead>
                            <tbody>
                                { for actions.iter().map(|x| html! {
                                    <tr key={x.id.clone()}>
                                        <th scope="row">{&x.text}</th>
                                        <td>{if x.owner.is_empty() { "Not set".to_owned() } else { x.owner.clone() }}</td>
                                        <td>{x.status.label()}</td>
                                        <td class="table__text">{if x.evidence.is_empty() { "None recorded".to_owned() } else { x.evidence.clone() }}</td>
                                    </tr>
                                }) }
                            </tbody></> },
                        })) }
                    }
                </section>
            }) }
            <div class="button-group no-print">
                <button type="button" class="button" onclick={print_page()}>{"Print the update"}</button>
                <button type="button" class="button button--secondary" onclick={download_csv}>{"Download the update (CSV)"}</button>
            </div>
            <p class="hint no-print">{format!("The follow-ups of {} are listed on the inspection page.", fw.title)}</p>
        </Page>
    }
}
