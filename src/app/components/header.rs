use yew::prelude::*;
use yew_router::prelude::*;

use crate::app::Route;

/// The product name on every page, linking home. A plain function, not a
/// component: it has no state, and each component costs its own copy of
/// Yew's machinery in the download.
pub fn header() -> Html {
    html! {
        <header class="header">
            <div class="width-container header__container">
                <Link<Route> to={Route::Home} classes="header__service-name">
                    {crate::app::pages::PRODUCT_NAME}
                </Link<Route>>
            </div>
        </header>
    }
}
