use yew::prelude::*;

use crate::app::pages::PRODUCT_NAME;

#[derive(Properties, PartialEq)]
pub struct PageProps {
    /// The page's main heading, also used for the document title.
    pub title: AttrValue,
    #[prop_or_default]
    pub children: Html,
}

/// A page: its main heading, and the browser tab's title set to match.
///
/// The heading takes focus on route changes (see `Shell`), so it has
/// `tabindex="-1"`.
#[component]
pub fn Page(props: &PageProps) -> Html {
    use_effect_with(props.title.clone(), |title| {
        gloo::utils::document().set_title(&document_title(title));
    });
    html! {
        <>
            <h1 class="heading-xl" tabindex="-1">{props.title.clone()}</h1>
            {props.children.clone()}
        </>
    }
}

/// "Page – Product", or just the product name on the home page.
pub fn document_title(page: &str) -> String {
    if page == PRODUCT_NAME {
        PRODUCT_NAME.to_owned()
    } else {
        format!("{page} – {PRODUCT_NAME}")
    }
}
