use yew::platform::spawn_local;
use yew::prelude::*;
use yew_router::prelude::*;

use crate::app::components::{date_time, Page};
use crate::app::download::download;
use crate::app::state::{now, use_store, Action, Boot, Flash};
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
                        <p>{reason}</p>
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
                _ => html! { <AssessmentTable /> },
            } }
            <DataOnThisDevice />
            <p><Link<Route> to={Route::About}>{"About this tool and your data"}</Link<Route>></p>
        </Page>
    }
}

/// A copy of an assessment under a new id, saved at once. The open
/// assessment is copied from memory, with any change not yet saved.
fn duplicate(store: &crate::app::state::Store, id: String) {
    let store = store.clone();
    let Some(handle) = store.storage.clone() else {
        return;
    };
    let in_memory = store
        .open
        .as_ref()
        .filter(|o| o.assessment.id == id)
        .map(|o| o.assessment.clone());
    spawn_local(async move {
        let original = match in_memory {
            Some(a) => Ok(a),
            None => handle
                .0
                .open_assessment(&id, catalogue())
                .await
                .map(|opened| opened.assessment)
                .map_err(|e| e.to_string()),
        };
        let result = match original {
            Ok(mut copy) => {
                copy.id = new_id();
                copy.force = format!("{} (copy)", copy.force);
                let force = copy.force.clone();
                handle
                    .0
                    .save(&copy, now())
                    .await
                    .map(|s| (s, force))
                    .map_err(|e| e.to_string())
            }
            Err(e) => Err(e),
        };
        match result {
            Ok((summary, force)) => {
                store.dispatch(Action::ListedOne(summary));
                store.dispatch(Action::Flash(Flash::success(format!("Copy made: {force}"))));
            }
            Err(e) => store.dispatch(Action::Flash(Flash::problem(
                "The copy could not be made",
                e,
            ))),
        }
    });
}

#[component]
fn AssessmentTable() -> Html {
    let store = use_store();
    let can_copy = store.storage.is_some();
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
                { for store.summaries.iter().map(|s| {
                    let id = s.id.clone();
                    let onclick = {
                        let store = store.clone();
                        let id = id.clone();
                        Callback::from(move |_: MouseEvent| duplicate(&store, id.clone()))
                    };
                    html! {
                        <tr key={s.id.clone()}>
                            <th scope="row">
                                <Link<Route> to={Route::Assessment { id: id.clone() }}>{&s.force}</Link<Route>>
                            </th>
                            <td>
                                {framework_title(s)}
                                <span class="hint">{format!("{} to {}", s.period.start.long(), s.period.end.long())}</span>
                            </td>
                            <td>{format!("{} of {} complete", s.completed, s.planned.max(s.cases))}</td>
                            <td>{last_saved(&store, s)}</td>
                            <td>
                                <div class="button-group">
                                    if can_copy {
                                        <button type="button" class="link-button" {onclick}>
                                            {"Duplicate"}<span class="visually-hidden">{format!(" {}", s.force)}</span>
                                        </button>
                                    }
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

fn framework_title(s: &AssessmentSummary) -> String {
    let title = catalogue()
        .find(&s.framework)
        .map(|f| f.title.clone())
        .unwrap_or_else(|| s.framework.id.clone());
    format!("{title} (version {})", s.framework.version)
}

/// When it was stored; the open assessment says so if it never was.
fn last_saved(store: &crate::app::state::Store, s: &AssessmentSummary) -> String {
    match store.open.as_ref().filter(|o| o.assessment.id == s.id) {
        Some(o) if o.saved_revision == 0 => "Not saved yet".to_owned(),
        Some(o) => o.saved_at.map_or_else(|| date_time(s.saved_at), date_time),
        None => date_time(s.saved_at),
    }
}

/// Stored data that could not be read: kept aside, never overwritten, and
/// offered for download; deleted only when the user asks, twice.
#[component]
fn KeptAside() -> Html {
    let store = use_store();
    let confirming = use_state(|| None::<String>);
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
                <p>{"Download it to keep a copy or to send it to whoever supports the tool. Once you have a copy, you can delete it from this device."}</p>
                <ul class="list">
                    { for store.quarantined.iter().enumerate().map(|(i, q)| {
                        let number = i + 1;
                        let raw = q.raw.clone();
                        let name = format!("cpsa-kept-aside-{number}.txt");
                        let download = Callback::from(move |_: MouseEvent| download(&name, "text/plain", &raw));
                        let asking = confirming.as_deref() == Some(q.key.as_str());
                        let delete = {
                            let store = store.clone();
                            let confirming = confirming.clone();
                            let key = q.key.clone();
                            Callback::from(move |_: MouseEvent| {
                                if confirming.as_deref() != Some(key.as_str()) {
                                    confirming.set(Some(key.clone()));
                                    return;
                                }
                                let Some(handle) = store.storage.clone() else { return };
                                let store = store.clone();
                                let key = key.clone();
                                spawn_local(async move {
                                    let result = handle.0.discard_quarantined(&key).await;
                                    match (result, handle.0.load(catalogue()).await) {
                                        (Ok(()), Ok(loaded)) => {
                                            store.dispatch(Action::Listed { summaries: loaded.summaries, quarantined: loaded.quarantined });
                                            store.dispatch(Action::Flash(Flash::success(format!("Kept data {number} deleted from this device"))));
                                        }
                                        (Err(e), _) | (_, Err(e)) => store.dispatch(Action::Flash(Flash::problem("The kept data could not be deleted", e.to_string()))),
                                    }
                                });
                            })
                        };
                        html! {
                            <li key={q.key.clone()}>
                                <div class="button-group">
                                    <button type="button" class="button button--secondary button--small" onclick={download}>
                                        {format!("Download kept data {number}")}
                                    </button>
                                    <button type="button" class={if asking { "button button--warning button--small" } else { "link-button" }} onclick={delete}>
                                        { if asking { format!("Yes, delete kept data {number}") } else { format!("Delete kept data {number}") } }
                                    </button>
                                </div>
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
