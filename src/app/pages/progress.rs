//! Progress over time: this assessment against an earlier one imported as
//! its baseline, per case type, per stage and per topic.

use crate::app::components::{confirm_button, table, ConfirmButtonProps, TableProps};
use yew::prelude::*;
use yew_router::prelude::*;

use super::frame::{assessment_frame, gate, FrameProps, OpenProps, Section};
use super::tasks::IdProps;
use crate::app::components::focus_after_render;
use crate::app::hooks::use_open;
use crate::app::state::{use_store, Action, Flash};
use crate::app::{catalogue, Route};
use crate::domain::baseline::{compare, Direction};
use crate::domain::edit::Edit;
use crate::domain::grade::percent;
use crate::domain::results::{GradeBasis, GradeCounts, Results};

fn share(s: Option<f64>) -> String {
    s.map_or_else(|| "–".to_owned(), percent)
}

fn counts(c: &GradeCounts) -> String {
    if c.total() == 0 {
        "No graded cases".to_owned()
    } else {
        format!(
            "{} good, {} requires improvement, {} inadequate",
            c.good, c.requires_improvement, c.inadequate
        )
    }
}

fn direction(d: Direction) -> Html {
    let class = match d {
        Direction::Better => "tag tag--green",
        Direction::Worse => "tag tag--red",
        Direction::Same => "tag tag--grey",
        Direction::Mixed | Direction::NotComparable => "tag tag--yellow",
    };
    html! { <span class={class}>{d.label()}</span> }
}

/// The change since the baseline, as tables; nothing when there is none. A
/// component, as [`super::calibration::CalibrationReport`] is: it computes
/// the results.
#[component]
pub fn ProgressTables(p: &OpenProps) -> Html {
    let fw = &p.open.framework;
    let a = &p.open.assessment;
    let Some(b) = &a.baseline else {
        return html! {};
    };
    let r = Results::compute(fw, a, GradeBasis::Final);
    let earlier = catalogue().find(&b.framework).map(|f| &**f);
    let progress = compare(fw, a, &r, b, earlier);
    html! {
        <>
            <p id="baseline-summary">{format!(
                "Against the baseline: {}, {} to {} ({} version {}). Grades are final grades: the reviewer's where there is one.",
                b.force, b.period.start.long(), b.period.end.long(), b.framework.id, b.framework.version
            )}</p>
            { table(&yew::props!(TableProps {
                id: "progress-by-type",
                caption: "Grades by case type, then and now",
                children: html! { <><thead><tr>
                    <th scope="col">{"Case type"}</th>
                    <th scope="col">{"Baseline"}</th>
                    <th scope="col">{"Now"}</th>
                    <th scope="col" class="table__numeric">{"Good, then"}</th>
                    <th scope="col" class="table__numeric">{"Good, now"}</th>
                    <th scope="col">{"Change"}</th>
                </tr></thead>
                <tbody>
                    { for progress.by_case_type.iter().map(|t| html! {
                        <tr>
                            <th scope="row">{&t.name}</th>
                            <td>{counts(&t.then)}</td>
                            <td>{counts(&t.now)}</td>
                            <td class="table__numeric">{share(t.good_then)}</td>
                            <td class="table__numeric">{share(t.good_now)}</td>
                            <td>{direction(t.direction)}</td>
                        </tr>
                    }) }
                </tbody></> },
            })) }
            { table(&yew::props!(TableProps {
                id: "progress-by-stage",
                caption: "Criteria met by stage, of those judged, then and now",
                children: html! { <><thead><tr>
                    <th scope="col">{"Stage"}</th>
                    <th scope="col" class="table__numeric">{"Then"}</th>
                    <th scope="col" class="table__numeric">{"Now"}</th>
                    <th scope="col">{"Change"}</th>
                </tr></thead>
                <tbody>
                    { for progress.by_stage.iter().map(|s| html! {
                        <tr>
                            <th scope="row">{&s.name}</th>
                            <td class="table__numeric">{share(s.met_then)}</td>
                            <td class="table__numeric">{share(s.met_now)}</td>
                            <td>{direction(s.direction)}</td>
                        </tr>
                    }) }
                </tbody></> },
            })) }
            if !progress.by_topic.is_empty() {
                { table(&yew::props!(TableProps {
                    id: "progress-by-topic",
                    caption: "Topic grades, then and now",
                    children: html! { <><thead><tr>
                        <th scope="col">{"Topic"}</th>
                        <th scope="col">{"Then"}</th>
                        <th scope="col">{"Now"}</th>
                        <th scope="col">{"Change"}</th>
                    </tr></thead>
                    <tbody>
                        { for progress.by_topic.iter().map(|t| html! {
                            <tr>
                                <th scope="row">{&t.name}</th>
                                <td>{t.then.map_or("Not graded", |g| g.label())}</td>
                                <td>{t.now.map_or("Not graded", |g| g.label())}</td>
                                <td>{direction(t.direction)}</td>
                            </tr>
                        }) }
                    </tbody></> },
                })) }
            }
        </>
    }
}

/// The progress page: the baseline, the change since, and how to set one.
#[hook]
pub fn use_progress_page(p: &IdProps) -> Html {
    let store = use_store();
    let confirming = use_state(|| false);
    let open = match gate(use_open(&p.id)) {
        Ok(o) => o,
        Err(page) => return page,
    };
    let a = &open.assessment;
    let import = html! {
        <Link<Route> to={Route::ImportInto { id: a.id.clone() }}>{"import an earlier assessment's export"}</Link<Route>>
    };
    let remove = {
        Callback::from(move |()| {
            focus_after_render("no-baseline".to_owned());
            store.dispatch(Action::EditHere(
                Edit::SetBaseline(None),
                Flash::success("Baseline removed"),
            ));
        })
    };
    html! {
        { assessment_frame(&yew::props!(FrameProps {
            open: open.clone(),
            title: "Progress",
            section: Section::Progress,
            children: html! { <><p>{"A self-assessment sets a baseline to measure progress against. Compare this assessment with an earlier one, per case type, per stage and per topic."}</p>
            if a.baseline.is_none() {
                <p id="no-baseline" tabindex="-1">{"There is no baseline yet. To set one, "}{import}{" and choose to use it as the baseline. Only its figures are kept."}</p>
            } else {
                <ProgressTables open={open.clone()} />
                <p class="no-print">{"To compare with another assessment, "}{import}{" and choose to use it as the baseline."}</p>
                <div class="no-print">
                    { confirm_button(&yew::props!(ConfirmButtonProps { confirming: confirming.clone(), label: "Remove the baseline", confirm: "Yes, remove the baseline", onconfirm: remove })) }
                </div>
            }</> },
        })) }
    }
}
