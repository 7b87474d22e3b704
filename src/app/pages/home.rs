use crate::app::components::{table, TableProps};
use yew::platform::spawn_local;
use yew::prelude::*;
use yew_router::prelude::*;

use crate::app::components::{
    date_time, error_for, text_input, ErrorSummary, Page, TextInputProps,
};
use crate::app::download::download;
use crate::app::state::{now, use_store, Action, Boot, Flash, Store};
use crate::app::{new_id, Route};
use crate::domain::assessment::AssessmentSummary;
use crate::domain::backup::{check_reminder_days, Settings};
use crate::domain::forms::count;
use crate::domain::framework::Catalogue;

use super::PRODUCT_NAME;

/// The start page: what the tool is for, the standing privacy note, the
/// assessments on this device, and anything kept aside.
#[component]
pub fn Home() -> Html {
    let store = use_store();
    // The start page's parts with state of their own are hooks, not
    // components: each component type would carry its own copy of Yew's
    // machinery in the main module, which every page load fetches.
    let kept_aside = use_kept_aside();
    let reminder = use_reminder_setting();
    html! {
        <Page title={PRODUCT_NAME}>
            { kept_aside }
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
                _ => assessment_table(&store),
            } }
            { data_on_this_device(&store, reminder) }
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
        let records = match crate::app::chunks::records().await {
            Ok(records) => records,
            Err(e) => {
                store.dispatch(Action::Flash(Flash::problem(
                    "The copy could not be made",
                    e.to_string(),
                )));
                return;
            }
        };
        let original = match in_memory {
            Some(a) => Ok(a),
            None => (records.open)(&handle.0, &id)
                .await
                .map(|opened| opened.assessment)
                .map_err(|e| e.to_string()),
        };
        let result = match original {
            Ok(mut copy) => {
                copy.id = new_id();
                copy.copy_id = new_id();
                copy.force = format!("{} (copy)", copy.force);
                let force = copy.force.clone();
                match (records.catalogue)().find(&copy.framework) {
                    Some(fw) => (records.save)(&handle.0, &copy, fw, now(), 0, 0)
                        .await
                        .map(|s| (s, force))
                        .map_err(|e| e.to_string()),
                    None => Err("its framework is not available".to_owned()),
                }
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

fn assessment_table(store: &Store) -> Html {
    let can_copy = store.storage.is_some();
    html! {
        { table(&yew::props!(TableProps {
            caption: "Assessments on this device",
            hidden_caption: true,
            children: html! { <><thead>
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
                            <td>{last_saved(store, s)}</td>
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
            </tbody></> },
        })) }
    }
}

fn framework_title(s: &AssessmentSummary) -> String {
    let title = Catalogue::builtin_title(&s.framework).unwrap_or(&s.framework.id);
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
#[hook]
fn use_kept_aside() -> Html {
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
                                    match (result, handle.0.load().await) {
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

/// Whether the browser will keep the data, and how much is used, with the
/// reminder's setting.
fn data_on_this_device(store: &Store, reminder: Html) -> Html {
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
            { reminder }
            if store.storage.is_some() {
                <p><Link<Route> to={Route::Clear}>{"Clear all data on this device"}</Link<Route>></p>
            }
        </>
    }
}

/// How long changes may wait unexported before the app reminds the user.
#[hook]
fn use_reminder_setting() -> Html {
    let store = use_store();
    let typed = use_state(|| store.settings.backup_reminder_days.to_string());
    let errors = use_state(Vec::new);
    let attempts = use_state(|| 0u32);
    let onsubmit = {
        let typed = typed.clone();
        let errors = errors.clone();
        let attempts = attempts.clone();
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            match check_reminder_days(&typed) {
                Err(problem) => {
                    attempts.set(*attempts + 1);
                    errors.set(vec![problem]);
                }
                Ok(days) => {
                    errors.set(Vec::new());
                    let settings = Settings {
                        backup_reminder_days: days,
                    };
                    let saved = crate::app::storage::save_settings(&settings);
                    if saved.is_ok() {
                        store.dispatch(Action::Settings(settings));
                    }
                    store.dispatch(Action::Flash(match saved {
                        Ok(()) => Flash::success(format!(
                            "You will be reminded to export after {}",
                            count(days, "day")
                        )),
                        Err(e) => Flash::problem("The setting could not be saved", e.to_string()),
                    }));
                }
            }
        })
    };
    let oninput = {
        let typed = typed.clone();
        Callback::from(move |v: String| typed.set(v))
    };
    html! {
        <form {onsubmit} novalidate=true>
            <ErrorSummary errors={(*errors).clone()} attempt={*attempts} />
            { text_input(&yew::props!(TextInputProps {
                id: "reminder-days",
                label: "Remind me to export an assessment when its changes have not been exported for",
                value: (*typed).clone(),
                oninput,
                width: "width-5",
                inputmode: AttrValue::Static("numeric"),
                hint: AttrValue::Static("A number of days. An exported file is the only backup of an assessment."),
                error: error_for(&errors, "reminder-days").map(AttrValue::from),
            })) }
            <button type="submit" class="button button--secondary">{"Save the reminder"}</button>
        </form>
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

/// Delete everything the app keeps on this device, after offering an export
/// of each assessment and asking for confirmation.
#[hook]
pub fn use_clear_page() -> Html {
    let store = use_store();
    let kept_aside = use_kept_aside();
    let navigator = use_navigator();
    let onclick = {
        let store = store.clone();
        Callback::from(move |_: MouseEvent| {
            let Some(handle) = store.storage.clone() else {
                return;
            };
            let store = store.clone();
            let navigator = navigator.clone();
            // Marked gone first, so a save still waiting is dropped and
            // cannot bring an assessment back once storage is empty.
            store.dispatch(Action::Cleared);
            spawn_local(async move {
                match handle.0.clear_all().await {
                    Ok(()) => {
                        store.dispatch(Action::FlashNext(Flash::success(
                            "All data on this device has been deleted",
                        )));
                        if let Some(nav) = &navigator {
                            nav.push(&Route::Home);
                        }
                    }
                    Err(e) => {
                        // Some or all of it is still there: show what is.
                        store.dispatch(Action::Settings(crate::app::storage::settings()));
                        if let Ok(loaded) = handle.0.load().await {
                            store.dispatch(Action::Listed {
                                summaries: loaded.summaries,
                                quarantined: loaded.quarantined,
                            });
                        }
                        store.dispatch(Action::Flash(Flash::problem(
                            "The data could not all be deleted",
                            e.to_string(),
                        )));
                    }
                }
            });
        })
    };
    html! {
        <Page title="Clear all data on this device" back={Route::Home}>
            <p>{"This deletes every assessment on this device, any data kept aside, and your settings. It cannot be undone."}</p>
            if store.summaries.is_empty() {
                <p>{"There are no assessments on this device."}</p>
            } else {
                <h2 class="heading-m">{"Export first"}</h2>
                <p>{"An exported file is the only copy that will remain. Export each assessment you may need:"}</p>
                <ul class="list">
                    { for store.summaries.iter().map(|s| html! {
                        <li key={s.id.clone()}>
                            <Link<Route> to={Route::Export { id: s.id.clone() }}>{format!("Export the assessment for {}", s.force)}</Link<Route>>
                        </li>
                    }) }
                </ul>
            }
            { kept_aside }
            { crate::app::components::warning_text(&yew::props!(crate::app::components::WarningTextProps {
                children: html! { <>{"Everything the tool keeps on this device will be deleted."}</> },
            })) }
            <div class="button-group">
                <button type="button" class="button button--warning" {onclick}>{"Yes, clear all data on this device"}</button>
                <Link<Route> to={Route::Home}>{"Cancel"}</Link<Route>>
            </div>
        </Page>
    }
}
