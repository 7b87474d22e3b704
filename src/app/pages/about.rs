use yew::prelude::*;
use yew_router::prelude::*;

use crate::app::components::{case_type_table, CaseTypeTableProps, Page};
use crate::app::{catalogue, Route, SharedFramework};

/// What the tool is built from and where the data lives.
#[hook]
pub fn use_about_page() -> Html {
    let sources = match catalogue().current().next() {
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
        { for catalogue().current().map(|fw| html! {
            { case_type_table(&yew::props!(CaseTypeTableProps {
                framework: SharedFramework(fw.clone()),
            })) }
        }) }
    };
    let current: Vec<_> = catalogue().current().collect();
    let earlier: Vec<String> = catalogue()
        .all()
        .filter(|f| {
            !current
                .iter()
                .any(|c| c.version == f.version && c.id == f.id)
        })
        .map(|f| format!("{} version {}", f.title, f.version))
        .collect();
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
            if !earlier.is_empty() {
                <p id="earlier-versions">{format!(
                    "New assessments use the newest version of each framework. Earlier versions stay on the device for the assessments made with them: {}.",
                    earlier.join("; ")
                )}</p>
            }
            <p><Link<Route> to={Route::Home}>{"Back to the start page"}</Link<Route>></p>
        </Page>
    }
}
