use crate::app::components::{table, TableProps};
use crate::app::drafts::use_draft;
use yew::platform::spawn_local;
use yew::prelude::*;
use yew_router::prelude::*;

use super::dip::dip_samples;
use super::frame::{assessment_frame, gate, FrameProps, OpenProps, Section};
use crate::app::components::{
    error_for, tag, text_input, warning_text, ErrorSummary, Page, TextInputProps, WarningTextProps,
};
use std::collections::BTreeSet;
use std::rc::Rc;

use crate::app::hooks::{use_open, use_open_preview, Opening};
use crate::app::state::{use_store, Action, Boot, Flash};
use crate::app::Route;
use crate::domain::assessment::Role;
use crate::domain::edit::Edit;
use crate::domain::forms::{check_plan, count, plan_field, FieldError};
use crate::domain::progress::{CaseLine, CaseStatus, Progress};
use crate::domain::team::{pack_role, progress_of_lines};

/// The assessment a page is about (route::Pages gives it from the address).
pub struct IdProps {
    pub id: AttrValue,
}

/// "auditor", "reviewer".
pub fn role_name(role: Role) -> &'static str {
    match role {
        Role::Auditor => "auditor",
        Role::Reviewer => "reviewer",
    }
}

/// "Domestic abuse" → "domestic abuse", keeping abbreviations such as "CSE".
fn lower_first(name: &str) -> String {
    let mut chars = name.chars();
    match (chars.next(), chars.next()) {
        (Some(a), Some(b)) if b.is_ascii_lowercase() => std::iter::once(a.to_ascii_lowercase())
            .chain(std::iter::once(b))
            .chain(chars)
            .collect(),
        _ => name.to_owned(),
    }
}

/// How many cases of a type the task list shows until asked for all: a
/// thousand rows take most of the time it takes to open a large assessment.
const SHOWN: usize = 25;

/// The task list: each case type with cases planned, started and complete,
/// and the cases themselves. Progress only; results are a page of their own.
/// Drawn from the cases' lines, so while a large assessment's cases are
/// still being read it shows from the stored lines at once; adding a case
/// waits until they are read.
#[hook]
pub fn use_task_list_page(p: &IdProps) -> Html {
    let store = use_store();
    let navigator = use_navigator();
    // The case types whose every case is shown, beyond the first SHOWN.
    let expanded = use_state(BTreeSet::<String>::new);
    let (open, lines, ready) = match use_open_preview(&p.id) {
        Opening::Preview(preview) => (preview.open.clone(), preview.lines.clone(), false),
        opening => match gate(opening) {
            Ok(o) => {
                let lines = Rc::new(CaseLine::all(&o.framework, &o.assessment));
                (o, lines, true)
            }
            Err(page) => return page,
        },
    };
    let a = &open.assessment;
    let fw = &open.framework;
    let progress = Progress::of_lines(fw, a, &lines);
    let add = |case_type: String| {
        let store = store.clone();
        let navigator = navigator.clone();
        let next = a.next_case_id();
        let id = a.id.clone();
        Callback::from(move |_: MouseEvent| {
            store.dispatch(Action::Edit(Edit::AddCase {
                case_type: case_type.clone(),
            }));
            if let Some(nav) = &navigator {
                nav.push(&Route::CaseDetails {
                    id: id.clone(),
                    case: next.clone(),
                });
            }
        })
    };
    let is_pack = a.pack.is_some();
    // A reviewer's pack: the cases to grade blind, not to audit.
    let reviewer = pack_role(a) == Some(Role::Reviewer);
    let graded = |case_type: Option<&str>| {
        lines
            .iter()
            .filter(|l| l.reviewed && case_type.is_none_or(|t| l.case_type == t))
            .count()
    };
    let team = progress_of_lines(a, &lines);
    let toggle = |case_type: String| {
        let expanded = expanded.clone();
        Callback::from(move |_: MouseEvent| {
            let mut set = (*expanded).clone();
            if !set.remove(&case_type) {
                set.insert(case_type.clone());
            }
            expanded.set(set);
        })
    };
    let referred: Vec<(String, String, String)> = lines
        .iter()
        .filter_map(|l| {
            l.refer_back
                .as_ref()
                .map(|r| (l.id.clone(), l.label.clone(), r.clone()))
        })
        .collect();
    html! {
        { assessment_frame(&yew::props!(FrameProps {
            open: open.clone(),
            title: "Cases",
            section: Section::Tasks,
            children: html! { <>{ refer_back_banner(&yew::props!(ReferBackBannerProps { id: a.id.clone(), cases: referred })) }
            if !ready {
                <p class="hint" role="status">{format!("Reading the {} cases…", lines.len())}</p>
            }
            if !is_pack && !team.is_empty() {
                { table(&yew::props!(TableProps { id: "team-progress", caption: "The team's progress", children: html! { <><thead><tr>
                        <th scope="col">{"Member"}</th>
                        <th scope="col" class="table__numeric">{"Allocated"}</th>
                        <th scope="col" class="table__numeric">{"Started"}</th>
                        <th scope="col" class="table__numeric">{"Complete"}</th>
                    </tr></thead>
                    <tbody>
                        { for team.iter().map(|m| html! {
                            <tr key={m.member.clone()}>
                                <th scope="row">{format!("{} ({})", m.name, role_name(m.role))}</th>
                                <td class="table__numeric">{m.allocated}</td>
                                <td class="table__numeric">{if m.role == Role::Reviewer { format!("{} graded", m.graded) } else { m.started.to_string() }}</td>
                                <td class="table__numeric">{if m.role == Role::Reviewer { "–".to_owned() } else { m.completed.to_string() }}</td>
                            </tr>
                        }) }
                    </tbody></> } })) }
            }
            <p class="body-l" id="progress">
                if reviewer {
                    {format!("You have graded {} of {}", graded(None), count(lines.len(), "case"))}
                    <span class="hint">{"Grade each case blind, from its case file"}</span>
                } else if is_pack {
                    {format!("{} of your {} complete", progress.completed, count(progress.cases as usize, "case"))}
                    <span class="hint">{format!("{} started", progress.started)}</span>
                } else {
                    {format!("{} of {} planned cases complete", progress.completed, progress.planned)}
                    <span class="hint">{format!("{} started, {} added", progress.started, progress.cases)}</span>
                }
            </p>
            <p class="hint">
                {format!("{} (version {}), {} to {}.", fw.title, fw.version, a.period.start.long(), a.period.end.long())}
            </p>
            // A pack shows only the case types it holds.
            { for progress.by_case_type.iter().filter(|row| !is_pack || row.cases > 0).map(|row| {
                let all = expanded.contains(&row.case_type);
                let cases: Vec<&CaseLine> = lines
                    .iter()
                    .filter(|c| c.case_type == row.case_type)
                    .take(if all { usize::MAX } else { SHOWN })
                    .collect();
                let more = row.cases as usize > SHOWN;
                let heading_id = format!("type-{}", row.case_type);
                html! {
                    <section aria-labelledby={heading_id.clone()} key={row.case_type.clone()}>
                        <h2 class="heading-m" id={heading_id}>{&row.name}</h2>
                        <p class="hint">
                            {if reviewer {
                                format!("{} of {} graded", graded(Some(&row.case_type)), row.cases)
                            } else if is_pack {
                                format!("{} of {} complete, {} started", row.completed, row.cases, row.started)
                            } else {
                                format!("{} of {} planned complete, {} started", row.completed, row.planned, row.started)
                            }}
                        </p>
                        if !cases.is_empty() {
                            <ul class="task-list">
                                { for cases.iter().map(|c| case_row(&a.id, c, reviewer)) }
                            </ul>
                        }
                        if more {
                            <p>
                                <button type="button" class="button button--secondary" aria-expanded={all.to_string()} onclick={toggle(row.case_type.clone())}>
                                    {if all {
                                        format!("Show the first {SHOWN} only")
                                    } else {
                                        format!("Show all {} cases of {}", row.cases, lower_first(&row.name))
                                    }}
                                </button>
                            </p>
                        }
                        if !is_pack && ready {
                            <button type="button" class="button button--secondary" onclick={add(row.case_type.clone())}>
                                {format!("Add a case of {}", lower_first(&row.name))}
                            </button>
                        }
                    </section>
                }
            }) }
            { dip_samples(&yew::props!(OpenProps { open: open.clone() })) }
            <hr class="section-break" />
            <ul class="list">
                if !is_pack {
                    <li><Link<Route> to={Route::Team { id: a.id.clone() }}>{"The team: share cases out to auditors and a reviewer"}</Link<Route>></li>
                    <li><Link<Route> to={Route::Plan { id: a.id.clone() }}>{"Change the sample plan"}</Link<Route>></li>
                }
                if !open.framework.timeline.intervals.is_empty() {
                    <li><Link<Route> to={Route::Standards { id: a.id.clone() }}>{
                        if is_pack { "See the limits and service standards for the case timeline" } else { "Set your force's service standards for the case timeline" }
                    }</Link<Route>></li>
                }
                <li><Link<Route> to={Route::DeleteAssessment { id: a.id.clone() }}>{
                    if is_pack { "Delete this work pack from this device" } else { "Delete this assessment" }
                }</Link<Route>></li>
            </ul></> },
        })) }
    }
}

/// One case on the task list: its link, grade, refer-back and status; in a
/// reviewer's pack, its link to be graded blind and whether it is.
fn case_row(id: &str, line: &CaseLine, reviewer: bool) -> Html {
    if reviewer {
        let (label, colour) = if line.reviewed {
            ("Graded", Some("green"))
        } else {
            ("Not graded yet", Some("grey"))
        };
        return html! {
            <li class="task-list__item" key={line.id.clone()}>
                <span class="task-list__name">
                    <a href={format!("#{}", Route::ReviewCase { id: id.to_owned(), case: line.id.clone() }.to_path())}>{&line.label}</a>
                </span>
                {tag(label, colour)}
            </li>
        };
    }
    let colour = match line.status {
        CaseStatus::NotStarted => Some("grey"),
        CaseStatus::InProgress => None,
        CaseStatus::Completed => Some("green"),
    };
    let grade = match (line.grade, line.stale) {
        (Some(_), true) => "grade to confirm again".to_owned(),
        (Some(g), false) => format!("graded {}", g.label().to_ascii_lowercase()),
        (None, _) => String::new(),
    };
    html! {
        <li class="task-list__item" key={line.id.clone()}>
            <span class="task-list__name">
                // A plain link, not a `Link` component: the hash router follows
                // it all the same, and each row draws no component of its own.
                <a href={format!("#{}", Route::Case { id: id.to_owned(), case: line.id.clone() }.to_path())}>{&line.label}</a>
                if !grade.is_empty() { <span class="hint">{grade}</span> }
                if line.refer_back.is_some() { <span class="hint"><strong>{"Referred back"}</strong></span> }
            </span>
            {tag(line.status.label(), colour)}
        </li>
    }
}

/// Cases referred back and not yet closed, soonest deadline first: at the
/// top of every summary.
pub fn open_refer_backs(p: &OpenProps) -> Html {
    let a = &p.open.assessment;
    let cases: Vec<(String, String, String)> = crate::domain::register::open(a)
        .into_iter()
        .map(|c| {
            (
                c.id.clone(),
                c.label(),
                c.refer_back
                    .as_ref()
                    .map(|r| r.describe())
                    .unwrap_or_default(),
            )
        })
        .collect();
    html! { { refer_back_banner(&yew::props!(ReferBackBannerProps { id: a.id.clone(), cases })) } }
}

#[derive(Properties, PartialEq)]
struct ReferBackBannerProps {
    id: String,
    /// (case id, label, the refer-back described).
    cases: Vec<(String, String, String)>,
}

fn refer_back_banner(p: &ReferBackBannerProps) -> Html {
    let n = p.cases.len();
    if n == 0 {
        return html! {};
    }
    html! {
        <div class="notification-banner notification-banner--warning" role="region" aria-labelledby="refer-backs-title">
            <h2 class="notification-banner__header" id="refer-backs-title">{"Referred back for urgent action"}</h2>
            <div class="notification-banner__content">
                <p class="notification-banner__heading">
                    {format!("{} case{} referred back and not yet closed", n, if n == 1 { " is" } else { "s are" })}
                </p>
                <ul class="list">
                    { for p.cases.iter().map(|(case, label, why)| {
                        html! {
                            <li key={case.clone()}>
                                <Link<Route> to={Route::ReferBack { id: p.id.clone(), case: case.clone() }}>{label}</Link<Route>>
                                {format!(": {why}")}
                            </li>
                        }
                    }) }
                </ul>
            </div>
        </div>
    }
}

/// Change how many cases of each type the sample plan asks for.
#[hook]
pub fn use_plan_page(p: &IdProps) -> Html {
    let store = use_store();
    let navigator = use_navigator();
    let typed = use_draft::<Vec<(String, String)>>(&[&p.id, "plan"]);
    let errors = use_state(Vec::<FieldError>::new);
    let attempts = use_state(|| 0u32);
    let open = match gate(use_open(&p.id)) {
        Ok(o) => o,
        Err(page) => return page,
    };
    let a = &open.assessment;
    let fw = open.framework.clone();
    let values: Vec<(String, String)> = typed.current({
        fw.case_types
            .iter()
            .map(|t| (t.id.clone(), a.planned(&t.id).to_string()))
            .collect()
    });
    let onsubmit = {
        let values = values.clone();
        let errors = errors.clone();
        let attempts = attempts.clone();
        let id = a.id.clone();
        let fw = fw.clone();
        let typed = typed.clone();
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            match check_plan(&fw, &values) {
                Err(found) => {
                    attempts.set(*attempts + 1);
                    errors.set(found);
                }
                Ok(plan) => {
                    typed.set(None);
                    store.dispatch(Action::EditThen(
                        Edit::SetPlan(plan),
                        Flash::success("Sample plan changed"),
                    ));
                    if let Some(nav) = &navigator {
                        nav.push(&Route::Assessment { id: id.clone() });
                    }
                }
            }
        })
    };
    let total: u32 = values
        .iter()
        .filter_map(|(_, v)| v.trim().parse::<u32>().ok())
        .sum();
    html! {
        <Page title="Change the sample plan" caption={AttrValue::from(a.force.clone())} back={Route::Assessment { id: a.id.clone() }}>
            <ErrorSummary errors={(*errors).clone()} attempt={*attempts} />
            { typed.notice() }
            <p>{format!("The standard sample is {} cases. Change how many of each type you will audit.", fw.default_sample_size())}</p>
            <form {onsubmit} novalidate=true>
                { for fw.case_types.iter().enumerate().map(|(i, t)| {
                    let field = plan_field(&t.id);
                    let value = values.get(i).map(|(_, v)| v.clone()).unwrap_or_default();
                    let oninput = {
                        let typed = typed.clone();
                        let values = values.clone();
                        Callback::from(move |v: String| {
                            let mut next = values.clone();
                            if let Some(slot) = next.get_mut(i) {
                                slot.1 = v;
                            }
                            typed.set(Some(next));
                        })
                    };
                    html! {
                        { text_input(&yew::props!(TextInputProps {
                            id: field.clone(),
                            label: t.name.clone(),
                            value,
                            oninput,
                            width: "width-5",
                            inputmode: AttrValue::Static("numeric"),
                            hint: AttrValue::from(format!("Standard: {}", t.default_count)),
                            error: error_for(&errors, &field).map(AttrValue::from),
                        })) }
                    }
                }) }
                <p>{format!("Total: {total} cases")}</p>
                <button type="submit" class="button">{"Save the plan"}</button>
            </form>
        </Page>
    }
}

/// Delete an assessment from this device, after confirmation. Works from
/// the stored summary, so space can be freed even while another assessment
/// has changes that could not be saved.
#[hook]
pub fn use_delete_assessment_page(p: &IdProps) -> Html {
    let store = use_store();
    let navigator = use_navigator();
    let Some(summary) = store.summaries.iter().find(|s| *s.id == *p.id).cloned() else {
        return match store.boot {
            Boot::Loading => {
                html! { <Page title="Opening the assessment"><p role="status">{"Opening the assessment…"}</p></Page> }
            }
            _ => html! {
                <Page title="Assessment not found" back={Route::Home}>
                    <p>{"There is no such assessment on this device."}</p>
                </Page>
            },
        };
    };
    let onclick = {
        let id = summary.id.clone();
        let force = summary.force.clone();
        Callback::from(move |_: MouseEvent| {
            let store = store.clone();
            let navigator = navigator.clone();
            let id = id.clone();
            let force = force.clone();
            // Marked deleted first, so a save still waiting is dropped and
            // cannot bring the assessment back after the stored copy goes.
            store.dispatch(Action::Deleted(id.clone()));
            spawn_local(async move {
                let result = match store.storage.clone() {
                    Some(h) => h.0.delete(&id).await.map_err(|e| e.to_string()),
                    None => Ok(()),
                };
                store.dispatch(Action::FlashNext(match result {
                    Ok(()) => Flash::success(format!("The assessment for {force} has been deleted from this device")),
                    Err(e) => Flash::problem(
                        format!("The assessment for {force} could not be deleted from this device's storage"),
                        format!("{e} It will be listed again when the page is next opened."),
                    ),
                }));
                if let Some(nav) = &navigator {
                    nav.push(&Route::Home);
                }
            });
        })
    };
    html! {
        <Page title={format!("Delete the assessment for {}?", summary.force)} back={Route::Assessment { id: summary.id.clone() }}>
            { warning_text(&yew::props!(WarningTextProps {
                children: html! { <>{format!("This deletes it and its {} from this device. It cannot be undone.", count(summary.cases, "case"))}</> },
            })) }
            <p>
                <Link<Route> to={Route::Export { id: summary.id.clone() }}>{"Export it first"}</Link<Route>>
                {" if you might need it again."}
            </p>
            <div class="button-group">
                <button type="button" class="button button--warning" {onclick}>{"Delete the assessment"}</button>
                <Link<Route> to={Route::Assessment { id: summary.id.clone() }}>{"Cancel"}</Link<Route>>
            </div>
        </Page>
    }
}
