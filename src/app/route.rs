use yew::prelude::*;
use yew_router::prelude::*;

use super::pages::{About, Home, NotFound};

/// Every page of the app. Paths live after the `#`, so static hosts need no
/// rewrite rules.
#[derive(Clone, Routable, PartialEq, Eq, Debug)]
pub enum Route {
    #[at("/")]
    Home,
    #[at("/about")]
    About,
    #[not_found]
    #[at("/404")]
    NotFound,
}

pub fn switch(route: Route) -> Html {
    match route {
        Route::Home => html! { <Home /> },
        Route::About => html! { <About /> },
        Route::NotFound => html! { <NotFound /> },
    }
}
