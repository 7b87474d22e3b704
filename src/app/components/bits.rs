//! Small pieces used on many pages.

use std::rc::Rc;

use yew::prelude::*;
use yew_router::prelude::*;

use crate::app::hooks::retry_save;
use crate::app::state::{now, use_store, Action, Boot, Flash, OpenAssessment, SaveStatus, Store};
use crate::app::tabs::show_stored;
use crate::app::Route;
use crate::domain::date::{Date, Timestamp};
use crate::domain::format;
use crate::domain::forms::count;

/// "14:32", in the device's time zone.
pub fn clock(t: Timestamp) -> String {
    let d = js_sys::Date::new(&wasm_bindgen::JsValue::from_f64(t.unix_millis() as f64));
    format!("{:02}:{:02}", d.get_hours(), d.get_minutes())
}

/// The calendar date of a moment in the device's time zone.
pub fn local_date(t: Timestamp) -> Option<Date> {
    let d = js_sys::Date::new(&wasm_bindgen::JsValue::from_f64(t.unix_millis() as f64));
    Date::from_ymd(
        d.get_full_year() as i32,
        (d.get_month() + 1) as u8,
        d.get_date() as u8,
    )
}

/// Today in the device's time zone (not UTC: after midnight in summer
/// time, UTC is still yesterday).
pub fn today() -> Date {
    let t = now();
    local_date(t).unwrap_or_else(|| t.date())
}

/// A print button's handler: the browser's print dialog, which can also
/// save a PDF.
pub fn print_page() -> Callback<MouseEvent> {
    Callback::from(|_: MouseEvent| {
        if let Some(w) = web_sys::window() {
            let _ = w.print();
        }
    })
}

/// "21 November 2026 at 14:32", in the device's time zone.
pub fn date_time(t: Timestamp) -> String {
    match local_date(t) {
        Some(day) => format!("{} at {}", day.long(), clock(t)),
        None => clock(t),
    }
}

/// A back link to `to`, hidden in print.
pub fn back_link(to: Route) -> Html {
    html! { <Link<Route> {to} classes="back-link no-print">{"Back"}</Link<Route>> }
}

/// A coloured tag: "Completed", "Key criterion".
pub fn tag(label: impl Into<AttrValue>, colour: Option<&'static str>) -> Html {
    let class = classes!("tag", colour.map(|c| format!("tag--{c}")));
    html! { <strong {class}>{label.into()}</strong> }
}

/// The one-off message for this page, if any (see `state::Notice`).
pub fn flash_banner(store: &Store) -> Html {
    match &store.notice {
        Some(n) if !n.for_next_page => banner(&n.flash),
        _ => html! {},
    }
}

/// A success or warning banner (a plain function: see
/// [`super::header`]).
pub fn banner(f: &Flash) -> Html {
    let (class, title, role) = if f.success {
        (
            "notification-banner notification-banner--success",
            "Success",
            "alert",
        )
    } else {
        (
            "notification-banner notification-banner--warning",
            "Important",
            "alert",
        )
    };
    html! {
        <div {class} role={role} aria-labelledby="flash-title">
            <h2 class="notification-banner__header" id="flash-title">{title}</h2>
            <div class="notification-banner__content">
                <p class="notification-banner__heading">{&f.heading}</p>
                if !f.body.is_empty() { <p>{&f.body}</p> }
            </div>
        </div>
    }
}

/// Whether the open assessment's latest change is stored. Not a live
/// region: it would announce every pause in typing. A failed save is
/// announced by [`save_problems`].
#[component]
pub fn SavedStatus() -> Html {
    let store = use_store();
    let Some(open) = store.open.clone() else {
        return html! {};
    };
    // With no storage at all every save fails: say why, not only that.
    let text = match (&store.save, open.unsaved()) {
        (_, true) if matches!(store.boot, Boot::Unavailable(_)) => {
            "Not saved: this browser is not keeping data".to_owned()
        }
        (SaveStatus::Failed { .. }, true) => "Not saved on this device".to_owned(),
        (_, true) => "Saving…".to_owned(),
        (SaveStatus::Saved { at }, false) => format!("Saved at {}", clock(*at)),
        (SaveStatus::Unchanged, false) => match open.saved_at {
            Some(at) => format!("Saved on {}", date_time(at)),
            None => "Not saved yet".to_owned(),
        },
        (SaveStatus::Failed { .. }, false) => "Saved".to_owned(),
    };
    html! { <p class="status" id="saved-status">{text}</p> }
}

/// Downloads a version of an assessment as JSON, and notes the export; a
/// file that cannot be made (too large to open again) says so on a banner.
fn download_version(store: &Store, open: &Rc<OpenAssessment>) {
    match format::export(&open.assessment, Some(now()), open.stored) {
        Ok(text) => {
            crate::app::download::download(
                &crate::app::download::file_name(
                    &open.assessment.force,
                    &today().to_string(),
                    "json",
                ),
                "application/json",
                &text,
            );
            store.dispatch(Action::Exported {
                backup: crate::app::storage::note_export(&open.assessment.id, now()),
                id: open.assessment.id.clone(),
                revision: open.revision,
            });
        }
        Err(e) => store.dispatch(Action::Flash(Flash::problem(
            "The JSON file could not be made",
            e,
        ))),
    }
}

/// Work that is not stored, on every page until it is: a failed save of the
/// open assessment (export it, or try again), or a stranded copy of one no
/// longer open (download it, or try again).
pub fn save_problems(store: &Store) -> Html {
    let retry = {
        let store = store.clone();
        Callback::from(move |_: MouseEvent| retry_save(&store))
    };
    let failed = match (&store.save, &store.open) {
        (
            SaveStatus::Failed {
                message,
                quota,
                conflict: false,
            },
            Some(open),
        ) if open.unsaved() => Some((message.clone(), *quota, open.clone())),
        _ => None,
    };
    // Another tab saved a newer version: keep this one by downloading it,
    // then show the newer one.
    let conflict = match (&store.save, &store.open) {
        (SaveStatus::Failed { conflict: true, .. }, Some(open)) if open.unsaved() => {
            let open = open.clone();
            let show = {
                let store = store.clone();
                let (id, revision) = (open.assessment.id.clone(), open.revision);
                Callback::from(move |_: MouseEvent| {
                    show_stored(
                        &store,
                        id.clone(),
                        revision,
                        Flash::success("This is the newer version, saved in another tab or window"),
                    )
                })
            };
            let download = {
                let store = store.clone();
                let open = open.clone();
                Callback::from(move |_: MouseEvent| download_version(&store, &open))
            };
            Some((open, show, download))
        }
        _ => None,
    };
    let stranded = store.stranded.clone().map(|x| {
        let open = x.open.clone();
        let store = store.clone();
        let download = Callback::from(move |_: MouseEvent| download_version(&store, &open));
        (x, download)
    });
    html! {
        <>
            if let Some((message, quota, open)) = failed {
                <div class="notification-banner notification-banner--warning" role="alert" aria-labelledby="save-failed-title">
                    <h2 class="notification-banner__header" id="save-failed-title">{"Your latest changes are not saved"}</h2>
                    <div class="notification-banner__content">
                        <p class="notification-banner__heading">
                            { if quota {
                                format!("This device's storage is full, so the latest changes to the assessment for {} could not be saved.", open.assessment.force)
                            } else {
                                format!("The latest changes to the assessment for {} could not be saved on this device.", open.assessment.force)
                            } }
                        </p>
                        <p>{message}</p>
                        <p>
                            {"Your work is kept while this page stays open. "}
                            <Link<Route> to={Route::Export { id: open.assessment.id.clone() }}>{"Export the assessment now"}</Link<Route>>
                            {" so that nothing is lost."}
                        </p>
                        if store.storage.is_some() {
                            <button type="button" class="button button--secondary button--small" onclick={retry.clone()}>{"Try saving again"}</button>
                        }
                    </div>
                </div>
            }
            if let Some((open, show, download)) = conflict {
                <div class="notification-banner notification-banner--warning" role="alert" aria-labelledby="conflict-title">
                    <h2 class="notification-banner__header" id="conflict-title">{"Changed in another tab or window"}</h2>
                    <div class="notification-banner__content">
                        <p class="notification-banner__heading">
                            {format!("The assessment for {} was saved in another tab or window after this tab opened it, so the changes made here were not saved over that newer version.", open.assessment.force)}
                        </p>
                        <p>{"To keep this tab's changes, download them first (they can be imported beside the newer version). Then show the newer version."}</p>
                        <div class="button-group">
                            <button type="button" class="button button--small" onclick={download}>{"Download this tab's version (JSON)"}</button>
                            <button type="button" class="button button--secondary button--small" onclick={show}>{"Show the newer version"}</button>
                        </div>
                    </div>
                </div>
            }
            if let Some((x, download)) = stranded {
                <div class="notification-banner notification-banner--warning" role="alert" aria-labelledby="stranded-title">
                    <h2 class="notification-banner__header" id="stranded-title">{"Changes not saved"}</h2>
                    <div class="notification-banner__content">
                        <p class="notification-banner__heading">
                            {format!("The latest changes to the assessment for {} could not be saved on this device.", x.open.assessment.force)}
                        </p>
                        <p>{x.message.clone()}</p>
                        <div class="button-group">
                            <button type="button" class="button button--small" onclick={download}>{"Download those changes (JSON)"}</button>
                            <button type="button" class="button button--secondary button--small" onclick={retry}>{"Try saving again"}</button>
                        </div>
                    </div>
                </div>
            }
        </>
    }
}

/// A new version has been downloaded: say so, and start it only when asked.
/// The live region is always there, so screen readers announce the banner
/// when it appears in the middle of work.
pub fn update_banner(store: &Store) -> Html {
    let onclick = Callback::from(|_: MouseEvent| crate::app::offline::start_new_version());
    html! {
        <div class="no-print" aria-live="polite">
            if store.update_ready {
                <div class="notification-banner" role="region" aria-labelledby="update-title">
                    <h2 class="notification-banner__header" id="update-title">{"A new version is ready"}</h2>
                    <div class="notification-banner__content">
                        <p class="notification-banner__heading">{"A new version of this tool has been downloaded."}</p>
                        <p>{"It starts when you choose, so nothing changes under you while you work. Your answers are saved as you go."}</p>
                        <button type="button" class="button button--secondary button--small" {onclick}>{"Use the new version"}</button>
                    </div>
                </div>
            }
        </div>
    }
}

/// The open assessment has changes not exported for longer than the
/// setting: say so, and offer the export.
pub fn backup_reminder(store: &Store, route: Option<&Route>) -> Html {
    let Some(open) = store.open.clone() else {
        return html! {};
    };
    // On the export page the banner would only point at the page itself.
    if matches!(route, Some(Route::Export { .. })) {
        return html! {};
    }
    let days = store.settings.backup_reminder_days;
    let Some(waited) = open.backup.overdue(now(), days) else {
        return html! {};
    };
    html! {
        <div class="notification-banner no-print" role="region" aria-labelledby="backup-title">
            <h2 class="notification-banner__header" id="backup-title">{"Time to export a backup"}</h2>
            <div class="notification-banner__content">
                <p class="notification-banner__heading">
                    {format!(
                        "Changes to the assessment for {} have not been exported for {}.",
                        open.assessment.force,
                        count(waited, "day")
                    )}
                </p>
                <p>{"It is kept only in this browser on this device. If the browser's data is cleared or the device is lost, so is the assessment. An exported file is the backup."}</p>
                <p><Link<Route> to={Route::Export { id: open.assessment.id.clone() }}>{"Export the assessment now"}</Link<Route>></p>
            </div>
        </div>
    }
}

#[derive(Properties, PartialEq)]
pub struct TableProps {
    /// What the table holds; the box says it too when it takes focus.
    pub caption: AttrValue,
    /// The caption only for screen readers, where a heading says it already.
    #[prop_or_default]
    pub hidden_caption: bool,
    #[prop_or_default]
    pub id: Option<AttrValue>,
    /// The head, body and foot rows.
    pub children: Html,
}

/// A table, in a box it scrolls inside when it is wider than the screen,
/// rather than scrolling the whole page (at a phone's width the calibration
/// tables need more than the screen). The box is a region labelled by the
/// caption that takes focus, so a keyboard user can scroll it with the arrow
/// keys.
pub fn table(p: &TableProps) -> Html {
    html! {
        <div class="table-box" role="region" aria-label={p.caption.clone()} tabindex="0">
            <table class="table" id={p.id.clone()}>
                <caption class={if p.hidden_caption { "visually-hidden" } else { "table__caption" }}>{p.caption.clone()}</caption>
                {p.children.clone()}
            </table>
        </div>
    }
}

#[derive(Properties, PartialEq)]
pub struct ConfirmButtonProps {
    /// Whether it has been pressed once: the page's own state, so that this
    /// stays a plain function (a component of its own costs 2 KB gzipped).
    pub confirming: UseStateHandle<bool>,
    /// What the button does: "Delete the action".
    pub label: &'static str,
    /// What it says once pressed, asking for a second press: "Yes, delete
    /// the action".
    pub confirm: &'static str,
    pub onconfirm: Callback<()>,
}

/// A button for what cannot be undone: the first press turns it into a
/// warning that asks for a second, and says so in a live region, since a
/// changed label alone is not announced by every screen reader.
pub fn confirm_button(p: &ConfirmButtonProps) -> Html {
    let confirming = *p.confirming;
    let onclick = {
        let (state, onconfirm) = (p.confirming.clone(), p.onconfirm.clone());
        Callback::from(move |_: MouseEvent| {
            state.set(!confirming);
            if confirming {
                onconfirm.emit(());
            }
        })
    };
    let class = if confirming {
        "button button--warning"
    } else {
        "button button--secondary"
    };
    html! {
        <>
            <button type="button" {class} {onclick}>
                { if confirming { p.confirm } else { p.label } }
            </button>
            <span class="visually-hidden" role="status">
                { if confirming { "Press the button again to confirm." } else { "" } }
            </span>
        </>
    }
}
