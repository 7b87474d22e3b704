//! Files the user asked for: downloads of exports and kept-aside data.

use std::borrow::Cow;

use gloo::file::{Blob, ObjectUrl};
use gloo::timers::callback::Timeout;
use wasm_bindgen::JsCast;
use web_sys::HtmlAnchorElement;

/// Offers `text` to the user as a file called `filename`. Nothing leaves the
/// device: the browser saves it from memory. A CSV file starts with the
/// byte-order mark, for Excel (`domain::csv::BOM`).
pub fn download(filename: &str, mime: &str, text: &str) {
    let text = match mime {
        "text/csv" => Cow::Owned(format!("{}{text}", crate::domain::csv::BOM)),
        _ => Cow::Borrowed(text),
    };
    let blob = Blob::new_with_options(&*text, Some(mime));
    let url = ObjectUrl::from(blob);
    let document = gloo::utils::document();
    let anchor = document
        .create_element("a")
        .ok()
        .and_then(|el| el.dyn_into::<HtmlAnchorElement>().ok());
    if let Some(a) = anchor {
        a.set_href(&url);
        a.set_download(filename);
        a.set_class_name("visually-hidden");
        let body = gloo::utils::body();
        if body.append_child(&a).is_ok() {
            a.click();
            let _ = body.remove_child(&a);
        }
    }
    // The browser reads the file after the click returns: keep the URL alive
    // for a minute before it is revoked.
    Timeout::new(60_000, move || drop(url)).forget();
}

/// A file name from a label and a date: "cpsa-northamptonshire-police-2025-02-01.json".
pub fn file_name(label: &str, date: &str, extension: &str) -> String {
    let slug: String = label
        .to_ascii_lowercase()
        .chars()
        .map(|c| if c.is_ascii_alphanumeric() { c } else { '-' })
        .collect();
    let slug = slug
        .split('-')
        .filter(|p| !p.is_empty())
        .collect::<Vec<_>>()
        .join("-");
    let slug: String = slug.chars().take(60).collect();
    format!("cpsa-{slug}-{date}.{extension}")
}
