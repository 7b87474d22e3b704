use yew::platform::spawn_local;
use yew::prelude::*;
use yew_router::prelude::*;

use crate::app::components::{date_time, Page};
use crate::app::download::download;
use crate::app::state::{use_store, Action, Boot, Flash};
use crate::app::{catalogue, new_id, Route};
use crate::domain::assessment::AssessmentSummary;

use super::PRODUCT_NAME;

/// The start page: what the tool is for, the standing privacy note, the
/// assessments on this device, and anything kept aside.
#[component]
pub fn Home() -> Html {
    let store = use_store();
    html! {
        <Page title={PRODUCT_NAME}>
            <KeptAside />
            if let Boot::Unavailable(reason) = &store.boot {
                <div class="notification-banner notification-banner--warning" role="region" aria-labelledby="no-storage-title">
                    <h2 class="notification-banner__header" id="no-storage-title">{"Nothing will be saved on this device"}</h2>
                    <div class="notification-banner__content">
                        <p class="notification-banner__heading">{"This browser is not letting the tool store data, so your work is kept only while this page is open."}</p>
                        <p>{format!("The browser said: {reason}")}</p>
                        <p>{"You can still audit cases. Export the assessment before you close the page."}</p>
                    </div>
                </div>
            }
            <p class="body-l">
                {"Audit a sample of your force's child protection cases against the criteria \
                  HMICFRS uses in its National Child Protection Inspections, grade each case, \
                  and see where practice falls short before an inspector does."}
            </p>
            <div class="inset-text">
                <p>
                    {"Use case references from your force's systems. Do not enter the names of \
                      children, or anything else that could identify a child or their family."}
                </p>
            </div>
            <div class="button-group">
                <Link<Route> to={Route::NewAssessment} classes="button">{"Start a new assessment"}</Link<Route>>
                <Link<Route> to={Route::Import} classes="button button--secondary">{"Import an assessment"}</Link<Route>>
            </div>
            <h2 class="heading-m">{"Assessments on this device"}</h2>
            { match store.boot {
                Boot::Loading => html! { <p role="status">{"Looking for saved assessments…"}</p> },
                _ if store.summaries.is_empty() => html! { <p>{"There are no assessments on this device yet."}</p> },
                _ => html! { <AssessmentTable summaries={store.summaries.clone()} /> },
            } }
            <DataOnThisDevice />
            <p><Link<Route> to={Route::About}>{"About this tool and your data"}</Link<Route>></p>
        </Page>
    }
}

#[derive(Properties, PartialEq)]
struct TableProps {
    summaries: Vec<AssessmentSummary>,
}

#[component]
fn AssessmentTable(p: &TableProps) -> Html {
    let store = use_store();
    let duplicate = {
        let store = store.clone();
        Callback::from(move |id: String| {
            let store = store.clone();
            let Some(handle) = store.storage.clone() else {
                return;
            };
            spawn_local(async move {
                let result = match handle.0.open_assessment(&id, catalogue()).await {
                    Ok(opened) => {
                        let mut copy = opened.assessment;
                        copy.id = new_id();
                        copy.force = format!("{} (copy)", copy.force);
                        handle
                            .0
                            .save(&copy, crate::app::state::now())
                            .await
                            .map(|s| (s, copy.force))
                            .map_err(|e| e.to_string())
                    }
                    Err(e) => Err(format!("{e:?}")),
                };
                match result {
                    Ok((summary, force)) => {
                        store.dispatch(Action::Listed(summary));
                        store.dispatch(Action::Flash(Some(Flash {
                            heading: format!("Copy made: {force}"),
                            body: String::new(),
                            success: true,
                        })));
                    }
                    Err(e) => store.dispatch(Action::Flash(Some(Flash {
                        heading: "The copy could not be made".into(),
                        body: e,
                        success: false,
                    }))),
                }
            });
        })
    };
    html! {
        <table class="table">
            <caption class="visually-hidden">{"Assessments on this device"}</caption>
            <thead>
                <tr>
                    <th scope="col">{"Force"}</th>
                    <th scope="col">{"Framework and period"}</th>
                    <th scope="col">{"Cases"}</th>
                    <th scope="col">{"Last saved"}</th>
                    <th scope="col"><span class="visually-hidden">{"Actions"}</span></th>
                </tr>
            </thead>
            <tbody>
                { for p.summaries.iter().map(|s| {
                    let fw = catalogue().find(&s.framework).map(|f| f.title.clone()).unwrap_or_else(|| s.framework.id.clone());
                    let id = s.id.clone();
                    let onclick = {
                        let duplicate = duplicate.clone();
                        let id = id.clone();
                        Callback::from(move |_: MouseEvent| duplicate.emit(id.clone()))
                    };
                    html! {
                        <tr key={s.id.clone()}>
                            <th scope="row">
                                <Link<Route> to={Route::Assessment { id: id.clone() }}>{&s.force}</Link<Route>>
                            </th>
                            <td>
                                {fw}{format!(" (version {})", s.framework.version)}
                                <span class="hint">{format!("{} to {}", s.period.start.long(), s.period.end.long())}</span>
                            </td>
                            <td>{format!("{} of {} complete", s.completed, s.planned.max(s.cases))}</td>
                            <td>{date_time(s.saved_at)}</td>
                            <td>
                                <div class="button-group">
                                    <button type="button" class="link-button" {onclick}>
                                        {"Duplicate"}<span class="visually-hidden">{format!(" {}", s.force)}</span>
                                    </button>
                                    <Link<Route> to={Route::DeleteAssessment { id }}>
                                        {"Delete"}<span class="visually-hidden">{format!(" {}", s.force)}</span>
                                    </Link<Route>>
                                </div>
                            </td>
                        </tr>
                    }
                }) }
            </tbody>
        </table>
    }
}

/// Stored data that could not be read: kept aside, never overwritten, and
/// offered for download.
#[component]
fn KeptAside() -> Html {
    let store = use_store();
    if store.quarantined.is_empty() {
        return html! {};
    }
    html! {
        <div class="notification-banner" role="region" aria-labelledby="kept-aside-title">
            <h2 class="notification-banner__header" id="kept-aside-title">{"Saved data that could not be read"}</h2>
            <div class="notification-banner__content">
                <p class="notification-banner__heading">
                    {"Some data saved on this device could not be read. It has been kept aside, unchanged, and nothing else was affected."}
                </p>
                <p>{"Download it to keep a copy or to send it to whoever supports the tool."}</p>
                <ul class="list">
                    { for store.quarantined.iter().enumerate().map(|(i, q)| {
                        let raw = q.raw.clone();
                        let name = format!("cpsa-kept-aside-{}.txt", i + 1);
                        let onclick = Callback::from(move |_: MouseEvent| download(&name, "text/plain", &raw));
                        html! {
                            <li key={q.key.clone()}>
                                <button type="button" class="button button--secondary button--small" {onclick}>
                                    {format!("Download kept data {}", i + 1)}
                                </button>
                                <span class="hint">{format!("Kept on {}: {}", date_time(q.at), q.reason)}</span>
                            </li>
                        }
                    }) }
                </ul>
            </div>
        </div>
    }
}

/// Whether the browser will keep the data, and how much is used.
#[component]
fn DataOnThisDevice() -> Html {
    let store = use_store();
    let persisted = match store.persisted {
        Some(true) => "This browser has agreed to keep the data on this device until you delete it.",
        Some(false) => "This browser may delete the data if the device runs short of space. Export your assessments regularly as a backup.",
        None => "This browser has not said whether it will keep the data. Export your assessments regularly as a backup.",
    };
    html! {
        <>
            <h2 class="heading-m">{"Data on this device"}</h2>
            <p id="storage-persistence">{persisted}</p>
            if let Some((used, quota)) = store.usage {
                <p id="storage-usage">{format!("Storage used: {} of {} available to this tool.", bytes(used), bytes(quota))}</p>
            }
        </>
    }
}

fn bytes(n: u64) -> String {
    let n = n as f64;
    if n >= 1e9 {
        format!("{:.1} GB", n / 1e9)
    } else if n >= 1e6 {
        format!("{:.1} MB", n / 1e6)
    } else {
        format!("{:.0} KB", (n / 1e3).ceil())
    }
}
