use yew::prelude::*;
use yew_router::prelude::*;

use crate::app::components::{CaseTypeTable, Page};
use crate::app::{Route, SharedFramework};
use crate::domain::framework::Catalogue;

use super::PRODUCT_NAME;

/// The start page: what the tool is for, the standing privacy note, and the
/// case types of the standard sample.
#[component]
pub fn Home() -> Html {
    html! {
        <Page title={PRODUCT_NAME}>
            <p class="body-l">
                {"Audit a sample of your force's child protection cases against the criteria \
                  HMICFRS uses in its National Child Protection Inspections, grade each case, \
                  and see where practice falls short before an inspector does."}
            </p>
            <div class="inset-text">
                <p>
                    {"Use case references from your force's systems. Do not enter the names of \
                      children, or anything else that could identify a child or their family."}
                </p>
            </div>
            {
                match Catalogue::builtin().map(|c| c.all().next()) {
                    Ok(Some(fw)) => html! {
                        <CaseTypeTable framework={SharedFramework(fw.clone())} />
                    },
                    Ok(None) => html! {},
                    Err(e) => html! {
                        <div class="error-summary" role="alert">
                            <h2 class="error-summary__title">{"The built-in criteria could not be loaded"}</h2>
                            <p>{e.to_string()}</p>
                        </div>
                    },
                }
            }
            <p>
                <Link<Route> to={Route::About}>{"About this tool and your data"}</Link<Route>>
            </p>
        </Page>
    }
}
