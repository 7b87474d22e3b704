use yew::prelude::*;

use crate::app::components::{back_link, flash_banner};
use crate::app::pages::PRODUCT_NAME;
use crate::app::state::use_store;
use crate::app::Route;

#[derive(Properties, PartialEq)]
pub struct PageProps {
    /// The page's main heading, also used for the document title.
    pub title: AttrValue,
    /// A caption above the heading, e.g. the force's name.
    #[prop_or_default]
    pub caption: Option<AttrValue>,
    /// A back link above everything.
    #[prop_or_default]
    pub back: Option<Route>,
    #[prop_or_default]
    pub children: Html,
}

/// A page: back link, any one-off message, caption and main heading, and the
/// browser tab's title set to match. It reads the store for the message, so
/// it is drawn again at every change of the store, as the pages that hold it
/// (all but the about and not-found pages) are.
///
/// The heading takes focus on route changes (see `Shell`), and when the title
/// changes while it has focus, so it has `tabindex="-1"`.
#[component]
pub fn Page(props: &PageProps) -> Html {
    let store = use_store();
    let tab_title = match &props.caption {
        Some(c) => format!("{} – {c}", props.title),
        None => props.title.to_string(),
    };
    // A change of title is the same page saying something else (an
    // assessment opened after the page that said it was being opened): the
    // heading is drawn anew, keyed by its text, and if the old one had focus
    // (read here, before this drawing replaces it) the new one takes it, so
    // the new name is announced.
    let heading = use_node_ref();
    let focused = heading
        .cast::<web_sys::Element>()
        .is_some_and(|h| gloo::utils::document().active_element() == Some(h));
    {
        let heading = heading.clone();
        use_effect_with(tab_title, move |title| {
            set_title(title);
            if let Some(h) = heading.cast::<web_sys::HtmlElement>().filter(|_| focused) {
                // Fails only if the heading vanished meanwhile: nothing to do.
                let _ = h.focus();
            }
        });
    }
    html! {
        <>
            if let Some(back) = &props.back {
                {back_link(back.clone())}
            }
            { flash_banner(&store) }
            if let Some(caption) = &props.caption {
                <span class="caption-l">{caption.clone()}</span>
            }
            <h1 ref={heading} key={props.title.to_string()} class="heading-xl" tabindex="-1">{props.title.clone()}</h1>
            {props.children.clone()}
        </>
    }
}

thread_local! {
    /// The page's title, and how many error summaries show on it.
    static TITLE: std::cell::RefCell<(String, i32)> = const { std::cell::RefCell::new((String::new(), 0)) };
}

/// Sets the tab's title for a page titled `page`, starting "Error: " while an
/// error summary shows.
fn set_title(page: &str) {
    TITLE.with(|t| t.borrow_mut().0 = document_title(page));
    write_title();
}

/// An error summary appeared (`1`) or went (`-1`).
pub(super) fn errors_shown(change: i32) {
    TITLE.with(|t| t.borrow_mut().1 += change);
    write_title();
}

fn write_title() {
    TITLE.with(|t| {
        let (title, errors) = &*t.borrow();
        // Before any page has set one, the title is the document's own.
        let title = if title.is_empty() {
            gloo::utils::document().title()
        } else {
            title.clone()
        };
        let bare = title.strip_prefix("Error: ").unwrap_or(&title);
        gloo::utils::document().set_title(&if *errors > 0 {
            format!("Error: {bare}")
        } else {
            bare.to_owned()
        });
    });
}

/// "Page – Product", or just the product name on the home page.
pub fn document_title(page: &str) -> String {
    if page == PRODUCT_NAME {
        PRODUCT_NAME.to_owned()
    } else {
        format!("{page} – {PRODUCT_NAME}")
    }
}
