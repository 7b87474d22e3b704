//! Two tabs or windows on one assessment, the browser's side of it; the
//! rules are the save protocol's (`crate::domain::save`: revisions,
//! `other_tab_saved`). After each save, storage announces the revision
//! under `cpsa.revision.<id>` in `localStorage` ([`announce_save`]); every
//! other tab gets a `storage` event, and [`use_other_tabs`] decides there:
//! show the newer version, or hold this tab's changes back from saving over
//! it. A save made on an older revision is refused by storage itself, inside
//! its transaction, whatever the events did.

use gloo::events::EventListener;
use wasm_bindgen::JsCast;
use yew::platform::spawn_local;
use yew::prelude::*;

use super::state::{Action, Flash, Store};
use crate::domain::save::{self, OtherTab};

/// The `localStorage` key prefix of each assessment's latest saved revision.
pub const REVISION_PREFIX: &str = "cpsa.revision.";

/// Tells other tabs that `id` was saved at `revision` (a `storage` event
/// there). If it cannot, they find out at their next save instead.
pub fn announce_save(id: &str, revision: u64) {
    if let Some(local) = web_sys::window().and_then(|w| w.local_storage().ok().flatten()) {
        let _ = local.set_item(&format!("{REVISION_PREFIX}{id}"), &revision.to_string());
    }
}

/// The last revision announced for `id` on this device (0: none, or no
/// `localStorage`). Deleting an assessment leaves it, so the revisions of a
/// copy imported again go on from it (`save::next_revision`).
pub fn announced(id: &str) -> u64 {
    web_sys::window()
        .and_then(|w| w.local_storage().ok().flatten())
        .and_then(|local| {
            local
                .get_item(&format!("{REVISION_PREFIX}{id}"))
                .ok()
                .flatten()
        })
        .and_then(|text| text.parse().ok())
        // No save reaches 2^53 (a JavaScript number's whole range): a larger
        // value was not written by this app, and would pin every revision
        // after it at the top of the range.
        .filter(|&n: &u64| n < 1 << 53)
        .unwrap_or(0)
}

/// Replaces the open assessment, at `revision`, with the copy stored on
/// the device (saved by another tab), dropping this tab's unsaved changes
/// as they were then, and says so. A change made while the stored copy is
/// read is not dropped: it is held back instead (`domain::save::show_stored`).
pub fn show_stored(store: &Store, id: String, revision: u64, flash: Flash) {
    let Some(handle) = store.storage.clone() else {
        return;
    };
    let store = store.clone();
    spawn_local(async move {
        let action = match super::chunks::records().await {
            Ok(records) => (records.open)(&handle.0, &id)
                .await
                .ok()
                .and_then(records.opened_action),
            Err(_) => None,
        };
        match action {
            Some(action) => store.dispatch(Action::ShowStored {
                revision,
                open: Box::new(action),
                flash,
            }),
            None => store.dispatch(Action::Flash(Flash::problem(
                "The newer version could not be opened",
                "Reload the page to see it.",
            ))),
        }
    });
}

/// Listens for saves made in other tabs and windows (a `storage` event on
/// [`REVISION_PREFIX`] + id). When the open assessment was saved
/// there at a newer revision: with no changes here, this tab shows that
/// version; with changes here, they are held back from saving over it, and
/// the user chooses.
#[hook]
pub fn use_other_tabs(store: Store) {
    let latest = use_mut_ref(|| store.clone());
    *latest.borrow_mut() = store.clone();
    use_effect_with((), move |_| {
        let listener = EventListener::new(&gloo::utils::window(), "storage", move |e| {
            let Some(e) = e.dyn_ref::<web_sys::StorageEvent>() else {
                return;
            };
            let Some(id) = e
                .key()
                .and_then(|k| k.strip_prefix(REVISION_PREFIX).map(str::to_owned))
            else {
                return;
            };
            let Some(revision) = e.new_value().and_then(|v| v.parse::<u64>().ok()) else {
                return;
            };
            let store = latest.borrow().clone();
            let Some(open) = store.open.clone().filter(|o| o.assessment.id == id) else {
                return;
            };
            match save::other_tab_saved(open.stored, revision, open.unsaved()) {
                OtherTab::Nothing => {}
                OtherTab::HoldBack => store.dispatch(Action::NewerElsewhere(id)),
                OtherTab::ShowStored => show_stored(
                    &store,
                    id,
                    open.revision,
                    Flash::success("This assessment was changed in another tab or window: this is that newer version"),
                ),
            }
        });
        move || drop(listener)
    });
}
