//! Components mounted into a real DOM in headless Chromium
//! (`cargo test --target wasm32-unknown-unknown --test browser`).
#![cfg(target_arch = "wasm32")]
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

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

mod state_rules {
    //! The app state's rules that keep work from being lost, driven through
    //! the reducer as the app drives it.
    use std::rc::Rc;

    use cpsa::app::state::{Action, AppState, Flash, SaveStatus};
    use cpsa::app::SharedFramework;
    use cpsa::domain::assessment::Assessment;
    use cpsa::domain::backup::BackupMarks;
    use cpsa::domain::date::Timestamp;
    use cpsa::domain::edit::Edit;
    use cpsa::domain::framework::Catalogue;
    use cpsa::domain::generate::generate;
    use cpsa::domain::grade::AnswerValue;
    use wasm_bindgen_test::*;
    use yew::Reducible;

    fn framework() -> SharedFramework {
        SharedFramework(Catalogue::builtin().unwrap().all().next().unwrap().clone())
    }

    fn assessment(seed: u64) -> Assessment {
        generate(&framework(), 2, seed)
    }

    fn open(state: Rc<AppState>, a: Assessment) -> Rc<AppState> {
        state.reduce(Action::Open {
            assessment: a,
            framework: framework(),
            saved_at: None,
            dirty: true,
            backup: Default::default(),
            stored: 0,
        })
    }

    fn failed(state: Rc<AppState>, which: &Rc<AppState>) -> Rc<AppState> {
        state.reduce(Action::SaveFailed {
            open: which.open.clone().unwrap(),
            message: "The disk is full.".into(),
            quota: true,
            conflict: false,
        })
    }

    #[wasm_bindgen_test]
    fn a_failed_save_of_an_assessment_no_longer_open_is_kept_not_lost() {
        let a = assessment(1);
        let b = assessment(2);
        let with_a = open(Rc::new(AppState::default()), a.clone());
        let with_b = open(with_a.clone(), b.clone());
        assert_eq!(with_b.open.as_ref().unwrap().assessment.id, b.id);
        // The save of A, started when B replaced it, fails.
        let after = failed(with_b, &with_a);
        let stranded = after.stranded.as_ref().expect("A's version is kept");
        assert_eq!(stranded.open.assessment, a);
        assert_eq!(
            after.save,
            SaveStatus::Unchanged,
            "B is not marked as failed"
        );
        // Downloading it (or saving it later) lets it go.
        let revision = stranded.open.revision;
        let after = after.reduce(Action::Exported {
            id: a.id.clone(),
            revision,
            backup: Default::default(),
        });
        assert!(after.stranded.is_none());
    }

    #[wasm_bindgen_test]
    fn opening_another_assessment_is_refused_while_changes_failed_to_save_until_exported() {
        let a = assessment(3);
        let b = assessment(4);
        let with_a = open(Rc::new(AppState::default()), a.clone());
        let failing = failed(with_a.clone(), &with_a);
        let refused = open(failing.clone(), b.clone());
        assert_eq!(
            refused.open.as_ref().unwrap().assessment.id,
            a.id,
            "A stays open"
        );
        assert!(refused.notice.as_ref().is_some_and(|n| !n.flash.success));

        let revision = failing.open.as_ref().unwrap().revision;
        let exported = failing.reduce(Action::Exported {
            id: a.id.clone(),
            revision,
            backup: Default::default(),
        });
        let now_b = open(exported, b.clone());
        assert_eq!(now_b.open.as_ref().unwrap().assessment.id, b.id);
    }

    #[wasm_bindgen_test]
    fn saving_and_exporting_move_the_backup_reminder_and_show_as_a_change_of_state() {
        let day = |d: i64| Timestamp::from_unix_millis(d * 24 * 60 * 60 * 1000).unwrap();
        let a = assessment(6);
        let opened = open(Rc::new(AppState::default()), a.clone());
        let revision = opened.open.as_ref().unwrap().revision;
        let mut changed = BackupMarks::default();
        changed.changed(day(1));
        let saved = opened.clone().reduce(Action::Saved {
            id: a.id.clone(),
            revision,
            summary: a.summary(day(1)),
            backup: changed,
        });
        let days = saved.settings.backup_reminder_days;
        let overdue = |s: &AppState| s.open.as_ref().unwrap().backup.overdue(day(30), days);
        assert_eq!(overdue(&saved), Some(29));

        let mut exported_marks = changed;
        exported_marks.exported(day(2));
        let exported = saved.clone().reduce(Action::Exported {
            id: a.id.clone(),
            revision,
            backup: exported_marks,
        });
        assert_eq!(overdue(&exported), None);
        // Components re-render only when the state differs: an export of an
        // already saved revision must still count as a change, or the
        // reminder would stay on the screen.
        assert!(*exported != *saved);
    }

    #[wasm_bindgen_test]
    fn a_message_for_the_next_page_lasts_one_change_of_page() {
        let s =
            Rc::new(AppState::default()).reduce(Action::FlashNext(Flash::success("Case complete")));
        assert!(s.notice.as_ref().is_some_and(|n| n.for_next_page));
        let arrived = s.reduce(Action::RouteChanged);
        assert!(
            arrived.notice.as_ref().is_some_and(|n| !n.for_next_page),
            "shown on the next page"
        );
        assert!(
            arrived.reduce(Action::RouteChanged).notice.is_none(),
            "gone after that"
        );
        let here = Rc::new(AppState::default()).reduce(Action::Flash(Flash::success("Copy made")));
        assert!(
            here.reduce(Action::RouteChanged).notice.is_none(),
            "a message for this page goes when it does"
        );
    }

    #[wasm_bindgen_test]
    fn a_refused_edit_says_so_instead_of_its_success_message_and_changes_nothing() {
        let a = assessment(5);
        let s = open(Rc::new(AppState::default()), a.clone());
        let revision = s.open.as_ref().unwrap().revision;
        let after = s.reduce(Action::EditThen(
            Edit::SetAnswer {
                case: a.cases[0].id.clone(),
                criterion: "NO-SUCH".into(),
                value: AnswerValue::Met,
            },
            Flash::success("Saved"),
        ));
        let notice = after.notice.as_ref().unwrap();
        assert_eq!(notice.flash.heading, "That change was not made");
        assert_eq!(after.open.as_ref().unwrap().assessment, a);
        assert_eq!(after.open.as_ref().unwrap().revision, revision);
    }
}
