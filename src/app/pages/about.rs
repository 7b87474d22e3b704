use yew::prelude::*;
use yew_router::prelude::*;

use crate::app::components::{CaseTypeTable, Page};
use crate::app::{catalogue, Route, SharedFramework};

/// What the tool is built from and where the data lives.
#[component]
pub fn About() -> Html {
    let sources = match catalogue().all().next() {
        None => html! { <p>{"The built-in criteria could not be loaded."}</p> },
        Some(fw) => html! {
            <ul class="list list--bullet">
                { for fw.sources.iter().map(|s| html! {
                    <li key={s.id.clone()}><strong>{&s.id}</strong>{": "}{&s.title}</li>
                }) }
            </ul>
        },
    };
    let frameworks = html! {
        { for catalogue().all().map(|fw| html! {
            <CaseTypeTable framework={SharedFramework(fw.clone())} />
        }) }
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
            <h2 class="heading-m">{"The frameworks and their case types"}</h2>
            {frameworks}
            <p><Link<Route> to={Route::Home}>{"Back to the start page"}</Link<Route>></p>
        </Page>
    }
}
