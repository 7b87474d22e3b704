use yew::prelude::*;
use yew_router::prelude::*;

use crate::app::Route;

/// The product name on every page, linking home.
#[component]
pub fn Header() -> Html {
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
