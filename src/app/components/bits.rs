//! Small pieces used on many pages.

use yew::prelude::*;
use yew_router::prelude::*;

use crate::app::state::{use_store, Action, Flash, SaveStatus};
use crate::app::Route;
use crate::domain::date::Timestamp;

/// "14:32", in the device's time zone.
pub fn clock(t: Timestamp) -> String {
    let d = js_sys::Date::new(&wasm_bindgen::JsValue::from_f64(t.unix_millis() as f64));
    format!("{:02}:{:02}", d.get_hours(), d.get_minutes())
}

/// "21 November 2026 at 14:32", in the device's time zone.
pub fn date_time(t: Timestamp) -> String {
    let d = js_sys::Date::new(&wasm_bindgen::JsValue::from_f64(t.unix_millis() as f64));
    let local = crate::domain::date::Date::from_ymd(
        d.get_full_year() as i32,
        (d.get_month() + 1) as u8,
        d.get_date() as u8,
    );
    match local {
        Some(day) => format!("{} at {}", day.long(), clock(t)),
        None => clock(t),
    }
}

#[derive(Properties, PartialEq)]
pub struct BackLinkProps {
    pub to: Route,
    #[prop_or(AttrValue::Static("Back"))]
    pub label: AttrValue,
}

#[component]
pub fn BackLink(p: &BackLinkProps) -> Html {
    html! { <Link<Route> to={p.to.clone()} classes="back-link no-print">{p.label.clone()}</Link<Route>> }
}

#[derive(Properties, PartialEq)]
pub struct TagProps {
    pub label: AttrValue,
    #[prop_or_default]
    pub colour: Option<&'static str>,
}

#[component]
pub fn Tag(p: &TagProps) -> Html {
    let class = classes!("tag", p.colour.map(|c| format!("tag--{c}")));
    html! { <strong {class}>{p.label.clone()}</strong> }
}

/// The one-off message left for this page, if any. The page that was
/// showing a message when it appeared dismisses that message when it goes;
/// a message set on the way out of a page is left for the next one.
#[component]
pub fn FlashBanner() -> Html {
    let store = use_store();
    let shown = store.notice.as_ref().map(|n| n.id);
    {
        let store = store.clone();
        use_effect_with((), move |_| {
            move || {
                if let Some(id) = shown {
                    store.dispatch(Action::Dismiss(id));
                }
            }
        });
    }
    match &store.notice {
        Some(n) => html! { <Banner flash={n.flash.clone()} /> },
        None => html! {},
    }
}

#[derive(Properties, PartialEq)]
pub struct BannerProps {
    pub flash: Flash,
}

#[component]
pub fn Banner(p: &BannerProps) -> Html {
    let f = &p.flash;
    let (class, title, role) = if f.success {
        (
            "notification-banner notification-banner--success",
            "Success",
            "alert",
        )
    } else {
        (
            "notification-banner notification-banner--warning",
            "Important",
            "alert",
        )
    };
    html! {
        <div {class} role={role} aria-labelledby="flash-title">
            <h2 class="notification-banner__header" id="flash-title">{title}</h2>
            <div class="notification-banner__content">
                <p class="notification-banner__heading">{&f.heading}</p>
                if !f.body.is_empty() { <p>{&f.body}</p> }
            </div>
        </div>
    }
}

/// Whether the open assessment's latest change is stored, announced politely
/// to screen readers. A failed save says what to do.
#[component]
pub fn SavedStatus() -> Html {
    let store = use_store();
    let Some(open) = store.open.clone() else {
        return html! {};
    };
    let pending = store.unsaved();
    let text = match (&store.save, pending) {
        (SaveStatus::Failed { .. }, _) => "Not saved on this device".to_owned(),
        (_, true) => "Saving…".to_owned(),
        (SaveStatus::Saved { at, .. }, false) => format!("Saved at {}", clock(*at)),
        (SaveStatus::Unchanged, false) => match open.saved_at {
            Some(at) => format!("Saved on {}", date_time(at)),
            None => "Not saved yet".to_owned(),
        },
    };
    html! {
        <>
            <p class="status" role="status" aria-live="polite" id="saved-status">{text}</p>
            if let SaveStatus::Failed { message, quota } = &store.save {
                <div class="notification-banner notification-banner--warning" role="alert" aria-labelledby="save-failed-title">
                    <h2 class="notification-banner__header" id="save-failed-title">{"Your latest changes are not saved"}</h2>
                    <div class="notification-banner__content">
                        <p class="notification-banner__heading">
                            { if *quota {
                                "This device's storage is full, so your latest changes could not be saved."
                            } else {
                                "Your latest changes could not be saved on this device."
                            } }
                        </p>
                        <p>{format!("The browser said: {message}")}</p>
                        <p>
                            {"Your work is kept while this page stays open. "}
                            <Link<Route> to={Route::Export { id: open.assessment.id.clone() }}>{"Export the assessment now"}</Link<Route>>
                            {" so that nothing is lost."}
                        </p>
                    </div>
                </div>
            }
        </>
    }
}
