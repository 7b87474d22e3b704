//! The Yew front end. Components turn events into actions and state into
//! markup; every decision lives in [`crate::domain`].

pub mod components;
pub mod pages;
mod route;
pub mod storage;

use yew::prelude::*;
use yew_router::prelude::*;

pub use route::Route;

use std::ops::Deref;
use std::sync::Arc;

use crate::domain::framework::Framework;

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

use components::{Header, SkipLink};

/// Mounts the app on the document body.
pub fn start() {
    yew::Renderer::<App>::new().render();
}

/// The whole app: hash routing, so any static host serves it without rewrites.
#[component]
pub fn App() -> Html {
    html! {
        <HashRouter>
            <Shell />
        </HashRouter>
    }
}

/// The frame around every page: skip link, header, the routed page, footer.
///
/// On every route change after the first render, focus moves to the page's
/// main heading so screen-reader and keyboard users start at the new content.
#[component]
fn Shell() -> Html {
    let route = use_route::<Route>();
    let first_render = use_mut_ref(|| true);
    use_effect_with(route, move |_| {
        if !std::mem::replace(&mut *first_render.borrow_mut(), false) {
            focus_main_heading();
        }
    });

    html! {
        <>
            <SkipLink target="main-content" />
            <Header />
            <div class="width-container">
                <main class="main-wrapper" id="main-content" tabindex="-1">
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

fn focus_main_heading() {
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
