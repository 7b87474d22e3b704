//! Offline use: registers the service worker (`sw.js`, generated at build
//! time from `scripts/sw-template.js`), and handles new versions without ever
//! reloading the page on its own.
//!
//! When a new worker has installed while an older one controls the page, the
//! page asks it whether it serves the build this page is running (the page
//! is fetched network first, so after a deploy an online reload already runs
//! the new build). If it does, it takes over at once, quietly: nothing
//! changes on screen, and a later offline reload gets the build the page was
//! running. If it does not, the page runs an older build: the update banner
//! says a new version is ready, and it starts only when the user asks.

use std::cell::RefCell;

use gloo::events::EventListener;
use gloo::timers::callback::{Interval, Timeout};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use web_sys::{
    ServiceWorker, ServiceWorkerContainer, ServiceWorkerRegistration, ServiceWorkerState,
};
use yew::platform::spawn_local;

use super::state::{Action, Store};

/// How often a page left open asks the host for a new version.
const UPDATE_CHECK_MS: u32 = 30 * 60 * 1000;
/// How long "Use the new version" waits for the new worker before reloading
/// anyway (the host then serves whatever it has).
const TAKE_OVER_WAIT_MS: u32 = 5_000;

thread_local! {
    static REGISTRATION: RefCell<Option<ServiceWorkerRegistration>> = const { RefCell::new(None) };
}

/// The browser's service worker container, when it has one (it has none on
/// plain http other than localhost, or when a policy turns it off).
fn container() -> Option<ServiceWorkerContainer> {
    let navigator = web_sys::window()?.navigator();
    let has =
        js_sys::Reflect::has(&navigator, &JsValue::from_str("serviceWorker")).unwrap_or(false);
    has.then(|| navigator.service_worker())
}

/// The address of this page's own script, which names its build (trunk puts
/// a hash of the contents in the file name and preloads it).
fn own_script() -> Option<String> {
    let link = web_sys::window()?
        .document()?
        .query_selector("link[rel=modulepreload]")
        .ok()??;
    js_sys::Reflect::get(&link, &JsValue::from_str("href"))
        .ok()?
        .as_string()
}

fn message(kind: &str, file: Option<&str>) -> JsValue {
    let message = js_sys::Object::new();
    let _ = js_sys::Reflect::set(&message, &"type".into(), &kind.into());
    if let Some(file) = file {
        let _ = js_sys::Reflect::set(&message, &"file".into(), &file.into());
    }
    message.into()
}

/// A worker has installed and waits while another controls the page: it
/// takes over quietly if it serves this page's build, and answers whether
/// it does (see `sw-template.js`).
fn ask_waiting(worker: &ServiceWorker, container: &ServiceWorkerContainer) {
    if container.controller().is_none() {
        // The first install: the worker takes over by itself; nothing is new.
        return;
    }
    let _ = worker.post_message(&message("ADOPT_IF_SERVING", own_script().as_deref()));
}

/// Follows a worker that is installing until it has installed.
fn watch(worker: ServiceWorker, container: ServiceWorkerContainer) {
    let watched = worker.clone();
    EventListener::new(&worker, "statechange", move |_| {
        if watched.state() == ServiceWorkerState::Installed {
            ask_waiting(&watched, &container);
        }
    })
    .forget();
}

/// Registers the service worker and watches for new versions.
pub fn start(store: Store) {
    let Some(container) = container() else {
        return;
    };
    // The waiting worker's answer: it serves another build, so the user has
    // a new version to start when they choose.
    EventListener::new(&container, "message", move |event| {
        let data = js_sys::Reflect::get(event, &"data".into()).unwrap_or(JsValue::NULL);
        let kind = js_sys::Reflect::get(&data, &"type".into()).ok();
        if kind.and_then(|k| k.as_string()).as_deref() == Some("NEWER") {
            store.dispatch(Action::UpdateReady);
        }
    })
    .forget();
    spawn_local(async move {
        let Ok(value) = JsFuture::from(container.register("./sw.js")).await else {
            // Offline use is not available; the app works as before.
            return;
        };
        let Ok(registration) = value.dyn_into::<ServiceWorkerRegistration>() else {
            return;
        };
        // Found before this page registered: one already waiting (from an
        // earlier visit) or still installing (the check the browser makes
        // when the page loads).
        if let Some(worker) = registration.waiting() {
            ask_waiting(&worker, &container);
        }
        if let Some(worker) = registration.installing() {
            watch(worker, container.clone());
        }
        let on_found = {
            let registration = registration.clone();
            EventListener::new(&registration.clone(), "updatefound", move |_| {
                if let Some(worker) = registration.installing() {
                    watch(worker, container.clone());
                }
            })
        };
        on_found.forget();
        // Asked on every visit (registering again does not ask), and then
        // every so often while the page stays open.
        check_for_update(&registration);
        let every = registration.clone();
        Interval::new(UPDATE_CHECK_MS, move || check_for_update(&every)).forget();
        REGISTRATION.with(|r| *r.borrow_mut() = Some(registration));
    });
}

/// Asks the host for a new `sw.js`; offline the check fails, quietly, and
/// the next one tries again.
fn check_for_update(registration: &ServiceWorkerRegistration) {
    if let Ok(pending) = registration.update() {
        spawn_local(async move {
            let _ = JsFuture::from(pending).await;
        });
    }
}

fn reload() {
    if let Some(w) = web_sys::window() {
        let _ = w.location().reload();
    }
}

/// Starts the new version: the waiting worker takes over, then the page
/// reloads once it has. Only ever called when the user asks.
pub fn start_new_version() {
    let waiting = REGISTRATION.with(|r| r.borrow().as_ref().and_then(|r| r.waiting()));
    let (Some(worker), Some(container)) = (waiting, container()) else {
        // Nothing waiting after all: a plain reload shows what the host has.
        reload();
        return;
    };
    EventListener::once(&container, "controllerchange", |_| reload()).forget();
    Timeout::new(TAKE_OVER_WAIT_MS, reload).forget();
    let _ = worker.post_message(&message("SKIP_WAITING", None));
}
