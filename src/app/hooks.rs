//! Hooks that connect the state to the browser: starting storage, opening an
//! assessment by id, and saving every change.

use std::cell::RefCell;
use std::rc::Rc;

use gloo::events::EventListener;
use gloo::timers::callback::Timeout;
use yew::platform::spawn_local;
use yew::prelude::*;

use super::state::{now, use_store, Action, Boot, OpenAssessment, StorageHandle, Store};
use super::storage::{self, OpenError, Storage, StorageError};
use super::{catalogue, SharedFramework};

/// How long after the first unsaved change the autosave waits, so typing a
/// note is a few saves rather than one per key.
const AUTOSAVE_DELAY_MS: u32 = 300;

/// Opens the device's storage, lists what it holds, and asks the browser to
/// keep it. Runs once, when the app starts.
#[hook]
pub fn use_boot(store: Store) {
    use_effect_with((), move |_| {
        spawn_local(async move {
            match Storage::open().await {
                Err(e) => store.dispatch(Action::BootFailed(e.to_string())),
                Ok(s) => match recover_then_load(&s).await {
                    Err(e) => store.dispatch(Action::BootFailed(e.to_string())),
                    Ok(loaded) => store.dispatch(Action::Booted {
                        storage: StorageHandle(Rc::new(s)),
                        summaries: loaded.summaries,
                        quarantined: loaded.quarantined,
                    }),
                },
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

/// Brings back any change kept in the journal when the page last closed,
/// then lists what is stored.
async fn recover_then_load(s: &Storage) -> Result<storage::Loaded, StorageError> {
    s.recover_journal(catalogue()).await?;
    s.load(catalogue()).await
}

/// Where opening an assessment has got to.
#[derive(Clone, PartialEq)]
pub enum Opening {
    Loading,
    Ready(Rc<OpenAssessment>),
    /// No assessment with that id on this device.
    Missing,
    /// Stored but unreadable: kept aside under this reason.
    Unreadable(String),
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
    let store = use_store();
    let failed = use_state(|| None::<(String, Opening)>);
    let loading = use_mut_ref(|| None::<String>);
    let id = id.to_owned();
    let open = store.open.clone().filter(|o| o.assessment.id == id);
    let blocked = store.open.as_ref().filter(|o| {
        o.assessment.id != id
            && matches!(store.save, super::state::SaveStatus::Failed { .. })
            && store.unsaved()
    });
    {
        let store = store.clone();
        let failed = failed.clone();
        let is_open = open.is_some();
        let is_blocked = blocked.is_some();
        use_effect_with(
            (id.clone(), store.boot.clone(), is_open, is_blocked),
            move |(id, boot, is_open, is_blocked)| {
                let already_failed = failed.as_ref().is_some_and(|(f, _)| f == id);
                let in_flight = loading.borrow().as_deref() == Some(id.as_str());
                if !id.is_empty()
                    && !is_open
                    && !is_blocked
                    && *boot == Boot::Ready
                    && !already_failed
                    && !in_flight
                    && !store.deleted.contains(id)
                {
                    if let Some(handle) = store.storage.clone() {
                        *loading.borrow_mut() = Some(id.clone());
                        let id = id.clone();
                        spawn_local(async move {
                            let result = handle.0.open_assessment(&id, catalogue()).await;
                            *loading.borrow_mut() = None;
                            match result {
                                Ok(opened) => {
                                    match catalogue().find(&opened.assessment.framework) {
                                        Some(fw) => store.dispatch(Action::Open {
                                            open: OpenAssessment::new(
                                                opened.assessment,
                                                SharedFramework(fw.clone()),
                                                opened.saved_at,
                                            ),
                                            dirty: opened.migrated_from.is_some(),
                                        }),
                                        None => failed.set(Some((
                                            id,
                                            Opening::Unreadable(
                                                "its framework is not available".into(),
                                            ),
                                        ))),
                                    }
                                }
                                Err(OpenError::NotFound) => {
                                    failed.set(Some((id, Opening::Missing)))
                                }
                                Err(OpenError::Unreadable { reason, .. }) => {
                                    failed.set(Some((id, Opening::Unreadable(reason))));
                                    // It was moved aside: show it in the list of kept data.
                                    if let Ok(loaded) = handle.0.load(catalogue()).await {
                                        store.dispatch(Action::Quarantine(loaded.quarantined));
                                    }
                                }
                                Err(OpenError::Storage(e)) => {
                                    failed.set(Some((id, Opening::Unreadable(e.to_string()))))
                                }
                            }
                        });
                    }
                }
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
    match store.boot {
        Boot::Unavailable(_) => Opening::Missing,
        _ => Opening::Loading,
    }
}

/// A change waiting to be saved, and the timer that will save it.
type Pending = (Rc<OpenAssessment>, Timeout);

/// Saves the open assessment after every change: shortly after the last
/// one, at once when the page is hidden, and before another assessment
/// replaces it. A failed save is reported and the work stays in memory.
#[hook]
pub fn use_autosave(store: Store) {
    // The change waiting to be saved, and its timer.
    let pending: Rc<RefCell<Option<Pending>>> = use_mut_ref(|| None::<Pending>);
    let open = store.open.clone();
    let unsaved = store.unsaved();
    let key = open.as_ref().map(|o| (o.assessment.id.clone(), o.revision));
    {
        let pending = pending.clone();
        let store = store.clone();
        use_effect_with((key, unsaved), move |(_, unsaved)| {
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
                        save_now(store.clone(), old);
                    }
                }
            }
            match (*unsaved, open) {
                // A save is already due: it will take this newer version. The
                // timer is not restarted, so a run of quick changes is saved
                // within AUTOSAVE_DELAY_MS of the first, never postponed.
                (true, Some(open)) if slot.is_some() => {
                    if let Some((waiting, _)) = slot.as_mut() {
                        *waiting = open;
                    }
                }
                (true, Some(open)) => {
                    let store = store.clone();
                    let due = pending.clone();
                    let timer = Timeout::new(AUTOSAVE_DELAY_MS, move || {
                        if let Some((a, _)) = due.borrow_mut().take() {
                            save_now(store, a);
                        }
                    });
                    *slot = Some((open, timer));
                }
                _ => {}
            }
        });
    }
    // The listener is added once; it reads the latest state through this,
    // not the state of the render that added it (when storage had not even
    // started).
    let latest = use_mut_ref(|| store.clone());
    *latest.borrow_mut() = store.clone();
    use_effect_with((), move |_| {
        let listener =
            EventListener::new(&gloo::utils::document(), "visibilitychange", move |_| {
                if gloo::utils::document().visibility_state() != web_sys::VisibilityState::Hidden {
                    return;
                }
                if let Some((a, timer)) = pending.borrow_mut().take() {
                    timer.cancel();
                    // The page may be closing, and IndexedDB work started now may
                    // never finish: the change goes to the journal first, at once.
                    let _ = storage::journal(&a.assessment, now());
                    save_now(latest.borrow().clone(), a);
                }
            });
        move || drop(listener)
    });
}

fn save_now(store: Store, open: Rc<OpenAssessment>) {
    let Some(handle) = store.storage.clone() else {
        // No storage on this device: the work lives in memory and the banner
        // says so; there is nothing to try.
        if let Boot::Unavailable(message) = &store.boot {
            store.dispatch(Action::SaveFailed {
                message: message.clone(),
                quota: false,
            });
        }
        return;
    };
    spawn_local(async move {
        let revision = open.revision;
        match handle.0.save(&open.assessment, now()).await {
            Ok(summary) => store.dispatch(Action::Saved { revision, summary }),
            Err(e) => store.dispatch(Action::SaveFailed {
                quota: e == StorageError::QuotaExceeded,
                message: e.to_string(),
            }),
        }
    });
}
