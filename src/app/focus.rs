//! Focus is never left on nothing. When an action removes the control that
//! had focus (a row's Remove button, the banner whose button was pressed, a
//! step of the import replaced by the next), the browser leaves focus on the
//! page's body, and a keyboard or screen-reader user loses their place. After
//! each change to the page, if focus is on nothing and the control that had
//! it is gone, it moves to the page's main heading, as on a change of page.
//! A page that knows a better place moves it there itself first
//! (`components::focus_after_render`), and this then does nothing.
//!
//! A link to a field on another page (an error summary's, as GOV.UK's
//! pattern has it) names the field with [`arrive_at`]: on arriving, focus
//! goes to the field rather than the page's heading.

use std::cell::RefCell;
use std::rc::Rc;

use gloo::events::EventListener;
use gloo::timers::callback::Timeout;
use wasm_bindgen::closure::Closure;
use wasm_bindgen::JsCast;
use yew::prelude::*;

thread_local! {
    /// The address a link leads to, and the field to focus there once drawn.
    static ARRIVAL: RefCell<Option<(String, String)>> = const { RefCell::new(None) };
}

/// Focus goes to the element `id` once the page at `to` is drawn, instead of
/// the page's heading.
pub fn arrive_at(to: &super::Route, id: &str) {
    use yew_router::Routable;
    ARRIVAL.with(|a| *a.borrow_mut() = Some((to.to_path(), id.to_owned())));
}

/// The element [`arrive_at`] named, once its page shows it: forgotten when
/// another page shows instead, kept while its page is still to be drawn
/// (its part loading).
pub(super) fn arrival() -> Option<web_sys::HtmlElement> {
    ARRIVAL.with(|a| {
        let mut a = a.borrow_mut();
        let (to, id) = a.as_ref()?;
        let here = web_sys::window()?.location().hash().ok()?;
        if here.strip_prefix('#') != Some(to.as_str()) {
            *a = None;
            return None;
        }
        let el = gloo::utils::document()
            .get_element_by_id(id)?
            .dyn_into::<web_sys::HtmlElement>()
            .ok()?;
        *a = None;
        Some(el)
    })
}

#[hook]
pub fn use_focus_kept() {
    use_effect_with((), |_| {
        let document = gloo::utils::document();
        // The element that last had focus.
        let last: Rc<RefCell<Option<web_sys::Element>>> = Rc::default();
        let focusin = {
            let last = last.clone();
            EventListener::new(&document, "focusin", move |e| {
                *last.borrow_mut() = e.target().and_then(|t| t.dyn_into().ok());
            })
        };
        let changed = Closure::<dyn FnMut()>::new(move || {
            if last.borrow().as_ref().is_some_and(|el| !el.is_connected()) {
                let last = last.clone();
                // After the pages' own moves of focus, made the same way.
                Timeout::new(0, move || rescue(&last)).forget();
            }
        });
        let observer = web_sys::MutationObserver::new(changed.as_ref().unchecked_ref()).ok();
        if let (Some(observer), Some(body)) = (&observer, document.body()) {
            let options = web_sys::MutationObserverInit::new();
            options.set_child_list(true);
            options.set_subtree(true);
            // Without it focus is simply not kept: nothing else is lost.
            let _ = observer.observe_with_options(&body, &options);
        }
        move || {
            if let Some(observer) = observer {
                observer.disconnect();
            }
            drop((changed, focusin));
        }
    });
}

fn rescue(last: &RefCell<Option<web_sys::Element>>) {
    let document = gloo::utils::document();
    let on_nothing = match (document.active_element(), document.body()) {
        (None, _) => true,
        (Some(active), Some(body)) => active == *body,
        (Some(_), None) => false,
    };
    let gone = last.borrow().as_ref().is_some_and(|el| !el.is_connected());
    if on_nothing && gone {
        *last.borrow_mut() = None;
        super::focus_main_heading();
    }
}
