use wasm_bindgen::JsCast;
use yew::prelude::*;

/// "Skip to main content", the first thing a keyboard user reaches, moving
/// focus to the element with the id `target`.
///
/// With hash routing a plain `href="#main-content"` would be read as a route,
/// so the click is handled here: focus moves to the target and the URL stays.
pub fn skip_link(target: &'static str) -> Html {
    let onclick = Callback::from(move |e: MouseEvent| {
        e.prevent_default();
        focus_element(target);
    });
    html! {
        <a href={format!("#{target}")} class="skip-link" {onclick}>
            {"Skip to main content"}
        </a>
    }
}

/// Moves focus to the element with this id, if there is one: the skip link's
/// target, or the element an address's fragment named.
pub fn focus_element(id: &str) {
    let el = gloo::utils::document()
        .get_element_by_id(id)
        .and_then(|el| el.dyn_into::<web_sys::HtmlElement>().ok());
    if let Some(el) = el {
        // Focus fails only if the element vanished meanwhile: nothing to do then.
        let _ = el.focus();
    }
}
