use yew::prelude::*;
use yew_router::prelude::*;

use crate::app::components::Page;
use crate::app::Route;
use crate::domain::framework::Catalogue;

/// What the tool is built from and where the data lives.
#[component]
pub fn About() -> Html {
    let sources = match Catalogue::builtin().map(|c| c.all().next()) {
        Ok(None) => html! {},
        Ok(Some(fw)) => html! {
            <ul class="list list--bullet">
                { for fw.sources.iter().map(|s| html! {
                    <li key={s.id.clone()}><strong>{&s.id}</strong>{": "}{&s.title}</li>
                }) }
            </ul>
        },
        Err(e) => html! { <p>{e.to_string()}</p> },
    };
    html! {
        <Page title="About this tool and your data">
            <h2 class="heading-m">{"Where your data lives"}</h2>
            <p>
                {"Everything you enter stays in this browser on this device. There is no server \
                  and no account. Data leaves the device only when you export it."}
            </p>
            <h2 class="heading-m">{"What the criteria are built from"}</h2>
            <p>
                {"The case types and criteria are written for this tool from the published \
                  inspection reports below. Each criterion cites the report it comes from."}
            </p>
            {sources}
            <p><Link<Route> to={Route::Home}>{"Back to the start page"}</Link<Route>></p>
        </Page>
    }
}
