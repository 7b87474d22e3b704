//! The Yew front end. Components turn events into actions and state into
//! markup; every decision lives in [`crate::domain`].

mod chunks;
pub mod components;
pub mod download;
pub mod drafts;
pub mod focus;
pub mod hooks;
pub mod offline;
pub mod pages;
pub mod perf;
pub mod route;
pub mod sealing;
pub mod state;
pub mod storage;
pub mod tabs;

use yew::prelude::*;
use yew_router::prelude::*;

pub use route::Route;

use std::ops::Deref;
use std::sync::Arc;

use crate::domain::framework::{Catalogue, Framework};
use state::{AppState, Store};

/// A framework shared between components. Props compare it by pointer: a
/// framework never changes once loaded, and comparing its contents on every
/// render would be wasted work.
#[derive(Clone, Debug)]
pub struct SharedFramework(pub Arc<Framework>);

impl PartialEq for SharedFramework {
    fn eq(&self, other: &Self) -> bool {
        Arc::ptr_eq(&self.0, &other.0)
    }
}

impl Deref for SharedFramework {
    type Target = Framework;
    fn deref(&self) -> &Framework {
        &self.0
    }
}

use components::{header, skip_link};

/// Mounts the app on the document body.
pub fn start() {
    let focus = fragment_to_route().map(AttrValue::from);
    yew::Renderer::<App>::with_props(AppProps { focus }).render();
}

/// An address whose fragment is not a route, such as the skip link's own
/// `#main-content` opened from a bookmark or a new tab, would be read by hash
/// routing as a relative route, which it refuses with an error. Before the
/// router reads it, the address becomes the start page's (keeping its path and
/// query); the element the fragment named is focused once drawn.
fn fragment_to_route() -> Option<String> {
    let window = web_sys::window()?;
    let hash = window.location().hash().ok()?;
    let id = hash.strip_prefix('#')?;
    if id.is_empty() || id.starts_with('/') {
        return None;
    }
    window
        .history()
        .ok()?
        .replace_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some("#/"))
        .ok()?;
    Some(id.to_owned())
}

/// The frameworks this app knows: the built-in ones, with as many of their
/// texts as the parts loaded so far bring. Complete once the lead's part is
/// loaded; with the texts a stage of a case shows once the answers' part is
/// ([`Catalogue::builtin_for_answers`]); until then without either
/// ([`Catalogue::builtin_without_texts`]), which reads, checks, grades and
/// edits an assessment the same. If they could not be read (a broken
/// build), an empty catalogue: an assessment then does not open, its
/// framework "not available".
pub fn catalogue() -> &'static Catalogue {
    chunks::fuller_catalogue()
        .unwrap_or_else(|| Catalogue::builtin_without_texts().unwrap_or_else(|_| empty_catalogue()))
}

/// The complete built-in frameworks ([`Catalogue::builtin`]): reached only
/// through the lead's part, which carries what they add. Should those texts
/// not read (a broken build), the frameworks with fewer, so what opened
/// still opens.
fn complete_catalogue() -> &'static Catalogue {
    Catalogue::builtin().unwrap_or_else(|_| answers_catalogue())
}

/// The built-in frameworks with the texts a stage of a case shows
/// ([`Catalogue::builtin_for_answers`]): reached only through the answers'
/// part, which carries those texts. Should they not read, the frameworks
/// without them.
fn answers_catalogue() -> &'static Catalogue {
    Catalogue::builtin_for_answers().unwrap_or_else(|_| {
        Catalogue::builtin_without_texts().unwrap_or_else(|_| empty_catalogue())
    })
}

fn empty_catalogue() -> &'static Catalogue {
    static EMPTY: std::sync::OnceLock<Catalogue> = std::sync::OnceLock::new();
    EMPTY.get_or_init(Catalogue::empty)
}

/// A new random id for an assessment: a version 4 UUID from the browser's
/// `crypto.getRandomValues`, which works on plain-http intranet hosts
/// (`crypto.randomUUID` needs a secure context, and throws without one).
pub fn new_id() -> String {
    let mut bytes = [0u8; 16];
    let random = web_sys::window()
        .and_then(|w| w.crypto().ok())
        .is_some_and(|c| c.get_random_values_with_u8_array(&mut bytes).is_ok());
    if !random {
        // No Web Crypto at all: the clock and Math.random, still unique
        // enough for ids on one device.
        let t = js_sys::Date::now() as u64;
        bytes[..8].copy_from_slice(&t.to_be_bytes());
        for b in &mut bytes[8..] {
            *b = (js_sys::Math::random() * 256.0) as u8;
        }
    }
    bytes[6] = (bytes[6] & 0x0f) | 0x40;
    bytes[8] = (bytes[8] & 0x3f) | 0x80;
    let hex: String = bytes.iter().map(|b| format!("{b:02x}")).collect();
    format!(
        "{}-{}-{}-{}-{}",
        &hex[..8],
        &hex[8..12],
        &hex[12..16],
        &hex[16..20],
        &hex[20..]
    )
}

#[derive(Properties, PartialEq, Default)]
pub struct AppProps {
    /// The id of an element to focus when first drawn: the fragment the
    /// address named, when it was not a route.
    #[prop_or_default]
    pub focus: Option<AttrValue>,
}

/// The whole app: state shared through a context, and hash routing, so any
/// static host serves it without rewrites.
#[component]
pub fn App(props: &AppProps) -> Html {
    // Settings are read before the first page, so a form shows them as stored.
    let store: Store = use_reducer(|| AppState::with_settings(storage::settings()));
    hooks::use_boot(store.clone());
    {
        let store = store.clone();
        use_effect_with((), move |_| offline::start(store));
    }
    html! {
        <ContextProvider<Store> context={store}>
            <HashRouter>
                <Shell focus={props.focus.clone()} />
            </HashRouter>
        </ContextProvider<Store>>
    }
}

/// The frame around every page: skip link, header, the routed page, footer.
///
/// On every route change after the first render, focus moves to the page's
/// main heading so screen-reader and keyboard users start at the new content.
#[component]
fn Shell(props: &AppProps) -> Html {
    let store = state::use_store();
    hooks::use_autosave(store.clone());
    tabs::use_other_tabs(store.clone());
    focus::use_focus_kept();
    let route = use_route::<Route>();
    // Drawn from the store here, as it moves into the effect below.
    let banners = html! {
        <>
            { components::update_banner(&store) }
            { components::save_problems(&store) }
            { components::backup_reminder(&store, route.as_ref()) }
        </>
    };
    let first_render = use_mut_ref(|| true);
    let focus = props.focus.clone();
    use_effect_with(route, move |current| {
        if !std::mem::replace(&mut *first_render.borrow_mut(), false) {
            store.dispatch(state::Action::RouteChanged);
            NAVIGATED.with(|n| n.set(true));
            focus_main_heading();
        } else {
            // The parts in the background, the first page's own first, so
            // another part's download does not slow the one it waits for.
            chunks::preload(current.as_ref().and_then(route::part_of));
            if let Some(id) = focus {
                components::focus_element(&id);
            }
        }
    });

    html! {
        <>
            { skip_link("main-content") }
            { header() }
            <div class="width-container">
                <main class="main-wrapper" id="main-content" tabindex="-1">
                    { banners }
                    <Switch<Route> render={route::switch} />
                </main>
            </div>
            <footer class="footer">
                <div class="width-container">
                    <p class="body-s">
                        {"Runs entirely in this browser. Nothing you enter leaves this device unless you export it."}
                    </p>
                </div>
            </footer>
        </>
    }
}

thread_local! {
    /// Whether the user has moved from the first page drawn to another.
    static NAVIGATED: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
}

/// A page whose part was still loading when the route changed has arrived:
/// focus moves to its heading as it would have on the route change (not on
/// the first page drawn, which keeps the browser's own focus).
fn page_arrived() {
    if NAVIGATED.with(std::cell::Cell::get) {
        focus_main_heading();
    }
}

fn focus_main_heading() {
    // Or the field a link asked for, once its page shows it.
    if let Some(field) = focus::arrival() {
        let _ = field.focus();
        return;
    }
    let heading = gloo::utils::document()
        .query_selector("#main-content h1")
        .ok()
        .flatten();
    if let Some(el) =
        heading.and_then(|h| wasm_bindgen::JsCast::dyn_into::<web_sys::HtmlElement>(h).ok())
    {
        // Focus can fail only if the element vanished meanwhile: nothing to do then.
        let _ = el.focus();
    }
}
