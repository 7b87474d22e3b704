//! Hooks that connect the state to the browser: starting storage, opening an
//! assessment by id, and saving every change.

use std::cell::RefCell;
use std::rc::Rc;

use gloo::events::{EventListener, EventListenerOptions};
use gloo::timers::callback::Timeout;
use yew::platform::spawn_local;
use yew::prelude::*;

use super::state::{
    now, use_store, Action, Boot, Flash, OpenAssessment, Origin, Preview, SaveStatus,
    StorageHandle, Store,
};
use super::storage::{self, OpenError, Storage, StorageError};
use super::{catalogue, chunks, SharedFramework};
use crate::domain::save;

/// How long after the first unsaved change the autosave waits, so typing a
/// note is a few saves rather than one per key.
const AUTOSAVE_DELAY_MS: u32 = 300;

/// Opens the device's storage, brings back any change kept in the journal
/// when the page last closed, lists what is stored, and asks the browser to
/// keep it. Runs once, when the app starts.
#[hook]
pub fn use_boot(store: Store) {
    use_effect_with((), move |_| {
        spawn_local(async move {
            match Storage::open().await {
                Err(e) => store.dispatch(Action::BootFailed(e.to_string())),
                Ok(s) => {
                    // A journal entry that cannot be restored stays in the
                    // journal; it must not stop the rest of storage.
                    let recovery = if storage::journal_waiting() {
                        match chunks::records().await {
                            Ok(records) => (records.recover_journal)(&s).await,
                            Err(e) => Err(e),
                        }
                    } else {
                        Ok(Vec::new())
                    };
                    match s.load().await {
                        Err(e) => store.dispatch(Action::BootFailed(e.to_string())),
                        Ok(loaded) => store.dispatch(Action::Booted {
                            storage: StorageHandle(Rc::new(s)),
                            summaries: loaded.summaries,
                            quarantined: loaded.quarantined,
                        }),
                    }
                    if let Err(e) = recovery {
                        store.dispatch(Action::Flash(Flash::problem(
                            "A change kept when the page last closed could not be restored yet",
                            format!("It is still kept on this device and will be tried again next time. {e}"),
                        )));
                    }
                }
            }
            let persisted = match storage::is_persisted().await {
                Ok(true) => Some(true),
                Ok(false) => storage::request_persistence().await.ok(),
                Err(_) => None,
            };
            let usage = storage::estimate().await.ok();
            store.dispatch(Action::Persistence { persisted, usage });
        });
    });
}

/// Where opening an assessment has got to.
#[derive(Clone, PartialEq)]
pub enum Opening {
    Loading,
    Ready(Rc<OpenAssessment>),
    /// Its frame and case lines, while its cases are read: only for the
    /// page that asks for it ([`use_open_preview`]).
    Preview(Rc<Preview>),
    /// No assessment with that id on this device.
    Missing,
    /// Stored but unreadable: kept aside for this reason.
    Unreadable(String),
    /// Storage failed while reading it; `retry` tries again.
    Failed {
        message: String,
        retry: Callback<()>,
    },
    /// Another assessment has changes that could not be saved; opening this
    /// one would lose them.
    Blocked {
        force: String,
        id: String,
    },
}

/// The open assessment if it is `id`, loading it from storage otherwise.
#[hook]
pub fn use_open(id: &str) -> Opening {
    use_opening(id, false)
}

/// [`use_open`], or the assessment's frame and case lines while its cases are
/// read: for the task list, which needs no more.
#[hook]
pub fn use_open_preview(id: &str) -> Opening {
    use_opening(id, true)
}

#[hook]
fn use_opening(id: &str, with_preview: bool) -> Opening {
    let store = use_store();
    let failed = use_state(|| None::<(String, Opening)>);
    let loading = use_mut_ref(|| None::<String>);
    // The id this page wants now: a load that finishes after the user has
    // moved on must not open anything.
    let wanted = use_mut_ref(String::new);
    let id = id.to_owned();
    *wanted.borrow_mut() = id.clone();
    let completed = use_mut_ref(|| None);
    let open = store
        .open
        .clone()
        .filter(|o| o.assessment.id == id)
        .map(|o| with_fuller_framework(o, &completed));
    let blocked = store.blocking(&id).cloned();
    {
        let store = store.clone();
        let failed = failed.clone();
        let is_open = open.is_some();
        let is_blocked = blocked.is_some();
        use_effect_with(
            (
                id.clone(),
                store.boot.clone(),
                is_open,
                is_blocked,
                failed.is_some(),
            ),
            move |(id, boot, is_open, is_blocked, _)| {
                let already_failed = failed.as_ref().is_some_and(|(f, _)| f == id);
                let in_flight = loading.borrow().as_deref() == Some(id.as_str());
                if id.is_empty()
                    || *is_open
                    || *is_blocked
                    || *boot != Boot::Ready
                    || already_failed
                    || in_flight
                    || store.deleted.contains(id)
                {
                    return;
                }
                let Some(handle) = store.storage.clone() else {
                    return;
                };
                *loading.borrow_mut() = Some(id.clone());
                let id = id.clone();
                spawn_local(async move {
                    // The frame first, so the task list is drawn before the
                    // cases are read.
                    super::perf::start("cpsa:open-preview");
                    let preview = handle.0.open_preview(&id, catalogue()).await;
                    super::perf::finish("cpsa:open-preview");
                    if let Some(p) = preview {
                        if let Some(preview) = preview_action(p) {
                            if *wanted.borrow() == id {
                                store.dispatch(preview);
                            }
                        }
                    }
                    super::perf::start("cpsa:open-cases");
                    let result = handle.0.open_assessment(&id, catalogue()).await;
                    super::perf::finish("cpsa:open-cases");
                    *loading.borrow_mut() = None;
                    if *wanted.borrow() != id {
                        return;
                    }
                    let fail = |state: Opening| failed.set(Some((id.clone(), state)));
                    match result {
                        Ok(opened) => {
                            let note = crate::domain::format::reopened_note(&opened.reopened);
                            match opened_action(opened) {
                                Some(action) => {
                                    store.dispatch(action);
                                    if let Some((heading, body)) = note {
                                        store
                                            .dispatch(Action::Flash(Flash::problem(heading, body)));
                                    }
                                }
                                None => fail(Opening::Unreadable(
                                    "its framework is not available".into(),
                                )),
                            }
                        }
                        Err(OpenError::NotFound) => fail(Opening::Missing),
                        Err(OpenError::Unreadable { reason, .. }) => {
                            fail(Opening::Unreadable(reason));
                            // It was moved aside: the list and the kept data change.
                            if let Ok(loaded) = handle.0.load().await {
                                store.dispatch(Action::Listed {
                                    summaries: loaded.summaries,
                                    quarantined: loaded.quarantined,
                                });
                            }
                        }
                        Err(OpenError::Storage(e)) => {
                            let failed = failed.clone();
                            fail(Opening::Failed {
                                message: e.to_string(),
                                retry: Callback::from(move |_| failed.set(None)),
                            })
                        }
                    }
                });
            },
        );
    }
    if let Some(open) = open {
        return Opening::Ready(open);
    }
    if store.deleted.contains(&id) {
        return Opening::Missing;
    }
    if let Some(b) = blocked {
        return Opening::Blocked {
            force: b.assessment.force.clone(),
            id: b.assessment.id.clone(),
        };
    }
    if let Some((f, state)) = failed.as_ref() {
        if *f == id {
            return state.clone();
        }
    }
    if let Some(p) = store
        .preview
        .clone()
        .filter(|p| with_preview && p.open.assessment.id == id)
    {
        return Opening::Preview(p);
    }
    match store.boot {
        Boot::Unavailable(_) => Opening::Missing,
        _ => Opening::Loading,
    }
}

/// The last assessment [`with_fuller_framework`] gave a fuller framework to,
/// and what it gave back.
type Completed = RefCell<Option<(Rc<OpenAssessment>, Rc<OpenAssessment>)>>;

/// The open assessment with the fullest framework the parts loaded so far
/// bring (`chunks::fuller_catalogue`): one opened before the answers' part
/// or the lead's was loaded holds a copy without the texts only their pages
/// show (`super::catalogue`). The copy made is kept while the assessment
/// and the catalogue are unchanged, so a page drawn again for another reason
/// does not copy it again.
fn with_fuller_framework(open: Rc<OpenAssessment>, completed: &Completed) -> Rc<OpenAssessment> {
    let Some(fuller) = chunks::fuller_catalogue().and_then(|c| c.find(&open.assessment.framework))
    else {
        return open;
    };
    if std::sync::Arc::ptr_eq(fuller, &open.framework.0) {
        return open;
    }
    if let Some((from, to)) = &*completed.borrow() {
        if Rc::ptr_eq(from, &open) && std::sync::Arc::ptr_eq(fuller, &to.framework.0) {
            return Rc::clone(to);
        }
    }
    let to = Rc::new(OpenAssessment {
        framework: SharedFramework(std::sync::Arc::clone(fuller)),
        ..OpenAssessment::clone(&open)
    });
    *completed.borrow_mut() = Some((open, Rc::clone(&to)));
    to
}

/// A change waiting to be saved, and the timer that will save it.
type Pending = (Rc<OpenAssessment>, Timeout);

/// Saves the open assessment after every change: within
/// [`AUTOSAVE_DELAY_MS`] of the first unsaved one, at once when the page is
/// hidden (through the journal as well, since the page may be closing), and
/// before another assessment replaces it. A failed save is reported and the
/// work stays in memory; closing the page then asks first.
#[hook]
pub fn use_autosave(store: Store) {
    let pending: Rc<RefCell<Option<Pending>>> = use_mut_ref(|| None::<Pending>);
    // Timers and listeners read the latest state through this, not the state
    // of the render that set them up (when storage may not have started).
    let latest = use_mut_ref(|| store.clone());
    *latest.borrow_mut() = store.clone();

    let open = store.open.clone();
    let key = open.as_ref().map(|o| (o.assessment.id.clone(), o.revision));
    let ready = store.boot != Boot::Loading;
    {
        let pending = pending.clone();
        let latest = latest.clone();
        use_effect_with((key, store.unsaved(), ready), move |(_, unsaved, ready)| {
            let store = latest.borrow().clone();
            let mut slot = pending.borrow_mut();
            // Another assessment replaced the one waiting: save that one now.
            let switched = slot.as_ref().is_some_and(|(old, _)| {
                open.as_ref()
                    .is_none_or(|o| o.assessment.id != old.assessment.id)
            });
            if switched {
                if let Some((old, timer)) = slot.take() {
                    timer.cancel();
                    // Deleted rather than replaced: there is nothing to save.
                    if !store.deleted.contains(&old.assessment.id) {
                        save_now(&store, old);
                    }
                }
            }
            match (*unsaved && *ready, open) {
                // A save is already due: it will take this newer version. The
                // timer is not restarted, so a run of quick changes is saved
                // within AUTOSAVE_DELAY_MS of the first, never postponed.
                (true, Some(open)) if slot.is_some() => {
                    if let Some((waiting, _)) = slot.as_mut() {
                        *waiting = open;
                    }
                }
                (true, Some(open)) => {
                    let due = pending.clone();
                    let latest = latest.clone();
                    let timer = Timeout::new(AUTOSAVE_DELAY_MS, move || {
                        if let Some((a, _)) = due.borrow_mut().take() {
                            save_now(&latest.borrow(), a);
                        }
                    });
                    *slot = Some((open, timer));
                }
                // The open version has no changes, yet a save of it waits:
                // the stored version replaced it (`tabs::show_stored`). Drop it.
                (false, Some(open))
                    if slot
                        .as_ref()
                        .is_some_and(|(w, _)| w.assessment.id == open.assessment.id) =>
                {
                    if let Some((_, timer)) = slot.take() {
                        timer.cancel();
                    }
                }
                _ => {}
            }
        });
    }
    use_effect_with((), move |_| {
        let hidden = {
            let latest = latest.clone();
            EventListener::new(&gloo::utils::document(), "visibilitychange", move |_| {
                if gloo::utils::document().visibility_state() != web_sys::VisibilityState::Hidden {
                    return;
                }
                let store = latest.borrow().clone();
                // The page may be closing, and IndexedDB work started now may
                // never finish: unsaved work goes to the journal first, at once.
                if let Some(open) = store.open.clone().filter(|o| o.unsaved()) {
                    let _ = storage::journal(&open.assessment, now(), open.stored);
                }
                // So is a stranded copy, which lives only in this tab.
                if let Some(x) = &store.stranded {
                    let _ = storage::journal(&x.open.assessment, now(), x.open.stored);
                }
                if let Some((a, timer)) = pending.borrow_mut().take() {
                    timer.cancel();
                    save_now(&store, a);
                }
            })
        };
        // Leaving a page whose changes could not be saved asks first.
        let closing = EventListener::new_with_options(
            &gloo::utils::window(),
            "beforeunload",
            EventListenerOptions::enable_prevent_default(),
            move |e| {
                let store = latest.borrow().clone();
                let at_risk = store.unsaved()
                    && (matches!(store.save, SaveStatus::Failed { .. })
                        || matches!(store.boot, Boot::Unavailable(_)));
                // So does leaving typing in a form not yet saved by its
                // button (`drafts`): it lives only in this tab.
                if at_risk || store.stranded.is_some() || crate::app::drafts::unsaved() {
                    e.prevent_default();
                }
            },
        );
        move || drop((hidden, closing))
    });
}

/// Tries again to save the open assessment, and any stranded one.
pub fn retry_save(store: &Store) {
    if let Some(open) = store.open.clone() {
        save_now(store, open);
    }
    if let Some(stranded) = store.stranded.clone() {
        save_now(store, stranded.open);
    }
}

fn save_now(store: &Store, open: Rc<OpenAssessment>) {
    let store = store.clone();
    let Some(handle) = store.storage.clone() else {
        // No storage on this device: the work lives in memory, and the
        // banner says so. There is nothing to try.
        if let Boot::Unavailable(message) = &store.boot {
            store.dispatch(Action::SaveFailed {
                open,
                message: message.clone(),
                quota: false,
                conflict: false,
            });
        }
        return;
    };
    // The base is the newest this tab knows of: a copy queued before its own
    // last save finished carries an older one.
    let base = save::save_base(
        open.stored,
        store
            .open
            .as_ref()
            .filter(|o| o.assessment.id == open.assessment.id)
            .map(|o| o.stored),
    );
    // The save's time is when its version was taken, not when the records
    // part (fetched on the first save) lets it start: the save clears the
    // journal's entries up to that time, and an entry written meanwhile, as
    // the page was hidden, holds a newer version.
    let saved_at = now();
    spawn_local(async move {
        let revision = open.revision;
        let id = open.assessment.id.clone();
        super::perf::start("cpsa:save");
        let saved = match chunks::records().await {
            Ok(records) => {
                (records.save)(
                    &handle.0,
                    &open.assessment,
                    &open.framework.0,
                    saved_at,
                    base,
                    open.opened,
                )
                .await
            }
            Err(e) => Err(e),
        };
        super::perf::finish("cpsa:save");
        match saved {
            Ok(summary) => store.dispatch(Action::Saved {
                backup: storage::note_change(&id, summary.saved_at),
                id,
                revision,
                summary,
            }),
            Err(e) => store.dispatch(Action::SaveFailed {
                quota: e == StorageError::QuotaExceeded,
                conflict: e == StorageError::Conflict,
                message: e.to_string(),
                open,
            }),
        }
    });
}

/// The action that opens an assessment read from storage; `None` when its
/// framework is not available.
pub(super) fn opened_action(opened: storage::Opened) -> Option<Action> {
    let fw = catalogue().find(&opened.assessment.framework)?;
    Some(Action::Open {
        backup: storage::backup_marks(&opened.assessment.id),
        framework: SharedFramework(fw.clone()),
        saved_at: opened.saved_at,
        // Read from an older format or layout, or with cases reopened:
        // store it as it now is.
        dirty: opened.migrated_from.is_some() || opened.old_layout || !opened.reopened.is_empty(),
        stored: opened.revision,
        origin: Origin::Read,
        assessment: opened.assessment,
    })
}

/// The action that shows an assessment's frame while its cases are read;
/// `None` when its framework is not available.
fn preview_action(p: crate::domain::save::Preview) -> Option<Action> {
    let fw = catalogue().find(&p.assessment.framework)?;
    Some(Action::Preview(Rc::new(Preview {
        open: Rc::new(OpenAssessment {
            backup: storage::backup_marks(&p.assessment.id),
            framework: SharedFramework(fw.clone()),
            revision: 0,
            opened: 0,
            saved_revision: 0,
            exported_revision: 0,
            stored: p.revision,
            saved_at: p.saved_at,
            assessment: p.assessment,
        }),
        lines: Rc::new(p.lines),
    })))
}
