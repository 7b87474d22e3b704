use yew::prelude::*;
use yew_router::prelude::*;

use crate::app::components::Page;
use crate::app::Route;

/// Shown for any address the app does not know.
pub fn not_found() -> Html {
    html! {
        <Page title="Page not found">
            <p>{"If you typed the web address, check it is correct."}</p>
            <p>{"If you followed a link, the page may have moved."}</p>
            <p><Link<Route> to={Route::Home}>{"Go to the start page"}</Link<Route>></p>
        </Page>
    }
}
