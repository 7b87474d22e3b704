//! Components mounted into a real DOM in headless Chromium
//! (`cargo test --target wasm32-unknown-unknown --test browser`).
#![cfg(target_arch = "wasm32")]

use cpsa::app::components::CaseTypeTable;
use cpsa::app::SharedFramework;
use cpsa::domain::framework::Catalogue;
use wasm_bindgen_test::*;
use yew::prelude::*;

wasm_bindgen_test_configure!(run_in_browser);

/// A fresh element to mount into, so tests do not see each other's markup.
fn mount_point() -> web_sys::Element {
    let document = gloo::utils::document();
    let div = document
        .create_element("div")
        .expect("a div can be created");
    gloo::utils::body()
        .append_child(&div)
        .expect("the div can be attached");
    div
}

#[derive(Properties, PartialEq)]
struct Wrapper {
    framework: SharedFramework,
}

#[component]
fn TableUnderTest(props: &Wrapper) -> Html {
    html! { <CaseTypeTable framework={props.framework.clone()} /> }
}

#[wasm_bindgen_test]
async fn case_type_table_lists_every_case_type_with_its_count_and_the_total() {
    let catalogue = Catalogue::builtin().expect("the built-in frameworks load");
    let fw = catalogue
        .all()
        .next()
        .expect("a built-in framework")
        .clone();
    let root = mount_point();
    yew::Renderer::<TableUnderTest>::with_root_and_props(
        root.clone(),
        Wrapper {
            framework: SharedFramework(fw.clone()),
        },
    )
    .render();
    yew::scheduler::flush().await;

    let rows = root
        .query_selector_all("tbody tr")
        .expect("rows can be queried");
    assert_eq!(rows.length() as usize, fw.case_types.len());

    let first = root
        .query_selector("tbody tr")
        .unwrap()
        .expect("a first row");
    let text = first.text_content().unwrap_or_default();
    assert!(text.starts_with("Domestic abuse"), "first row: {text}");
    assert!(text.ends_with('5'), "first row: {text}");

    let total = root
        .query_selector("tfoot td")
        .unwrap()
        .expect("a total cell")
        .text_content()
        .unwrap_or_default();
    assert_eq!(total, "33");

    let header_scopes: Vec<String> = (0..2)
        .filter_map(|i| root.query_selector_all("thead th").ok()?.item(i))
        .filter_map(|n| wasm_bindgen::JsCast::dyn_into::<web_sys::Element>(n).ok())
        .filter_map(|el| el.get_attribute("scope"))
        .collect();
    assert_eq!(
        header_scopes,
        ["col", "col"],
        "column headers are scoped for screen readers"
    );
}
