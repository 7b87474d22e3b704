//! Components mounted into a real DOM in headless Chromium
//! (`cargo test --target wasm32-unknown-unknown --test browser`).
#![cfg(target_arch = "wasm32")]
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use cpsa::app::components::{case_type_table, CaseTypeTableProps};
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
    case_type_table(&CaseTypeTableProps {
        framework: props.framework.clone(),
    })
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

    use cpsa::app::state::{Action, AppState, Flash, Origin, SaveStatus};
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
            origin: Origin::Read,
        })
    }

    /// Opening `a` as read from storage at revision `stored`, unchanged.
    fn read_at(a: &Assessment, stored: u64) -> Action {
        Action::Open {
            assessment: a.clone(),
            framework: framework(),
            saved_at: None,
            dirty: false,
            backup: Default::default(),
            stored,
            origin: Origin::Read,
        }
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

    /// Found in review (2026-12-07): a tab holds one stranded copy, and a
    /// second failed save took its place. While A's copy is stranded, C is
    /// not opened; A is, and so is C once A's changes are downloaded.
    #[wasm_bindgen_test]
    fn another_assessment_waits_while_a_stranded_copy_is_held() {
        let (a, b, c) = (assessment(11), assessment(12), assessment(13));
        let with_a = open(Rc::new(AppState::default()), a.clone());
        let with_b = open(with_a.clone(), b.clone());
        let stranded = failed(with_b, &with_a);
        let open_c = |s: &Rc<AppState>| s.clone().reduce(read_at(&c, 1));
        let refused = open_c(&stranded);
        assert_eq!(refused.open.as_ref().unwrap().assessment.id, b.id);
        assert_eq!(refused.stranded.as_ref().unwrap().open.assessment, a);
        assert!(refused.notice.as_ref().is_some_and(|n| !n.flash.success));
        let revision = stranded.stranded.as_ref().unwrap().open.revision;
        let downloaded = stranded.reduce(Action::Exported {
            id: a.id.clone(),
            revision,
            backup: Default::default(),
        });
        assert_eq!(
            open_c(&downloaded).open.as_ref().unwrap().assessment.id,
            c.id
        );
    }

    /// Found in review: opening an assessment again beside its stranded copy
    /// started a second copy of it in the tab, and trying the stranded save
    /// again later wrote it over the second copy's saved work.
    #[wasm_bindgen_test]
    fn opening_again_an_assessment_whose_save_was_stranded_opens_that_copy() {
        let a = assessment(7);
        let b = assessment(8);
        let with_a = open(Rc::new(AppState::default()), a.clone());
        let changed = with_a.reduce(Action::Edit(Edit::AddCase {
            case_type: a.cases[0].case_type.clone(),
        }));
        let with_b = open(changed.clone(), b.clone());
        let stranded = failed(with_b, &changed);
        assert!(stranded.stranded.is_some());
        // A is opened again from the list: the stored copy is read...
        let reopened = stranded.reduce(read_at(&a, 3));
        // ...but the tab's own unsaved copy opens, the one copy of A here.
        let open = reopened.open.as_ref().unwrap();
        assert_eq!(open.assessment.cases.len(), a.cases.len() + 1);
        assert_eq!(
            open.stored, 0,
            "its save is checked against what it was read at"
        );
        assert!(open.unsaved());
        assert!(reopened.stranded.is_none());
        assert!(reopened.notice.as_ref().is_some_and(|n| !n.flash.success));
    }

    /// Found in review: a change made while the stored copy was read to show
    /// in place of the open one (another tab saved it) was dropped with it.
    #[wasm_bindgen_test]
    fn a_stored_copy_shown_in_place_of_the_open_one_keeps_a_change_made_while_it_was_read() {
        let a = assessment(9);
        let stored = |state: Rc<AppState>, a: &Assessment, at: u64| state.reduce(read_at(a, at));
        let opened = stored(Rc::new(AppState::default()), &a, 5);
        let decided_at = opened.open.as_ref().unwrap().revision;
        let mut newer = a.clone();
        newer.force = "Saved in another tab".into();
        let show = |revision: u64| Action::ShowStored {
            revision,
            open: Box::new(read_at(&newer, 6)),
            flash: Flash::success("This is that newer version"),
        };
        // Nothing changed here while it was read: it is shown.
        let shown = opened.clone().reduce(show(decided_at));
        assert_eq!(
            shown.open.as_ref().unwrap().assessment.force,
            "Saved in another tab"
        );
        assert_eq!(
            shown.notice.as_ref().unwrap().flash.heading,
            "This is that newer version"
        );
        // A change made meanwhile is held back for the user to choose.
        let typed = opened.reduce(Action::Edit(Edit::AddCase {
            case_type: a.cases[0].case_type.clone(),
        }));
        let held = typed.reduce(show(decided_at));
        let open = held.open.as_ref().unwrap();
        assert_eq!(open.assessment.cases.len(), a.cases.len() + 1);
        assert!(matches!(
            held.save,
            SaveStatus::Failed { conflict: true, .. }
        ));
        // Another assessment opened meanwhile: nothing happens.
        let other = stored(Rc::new(AppState::default()), &assessment(10), 1);
        let after = other.clone().reduce(show(decided_at));
        assert_eq!(
            after.open.as_ref().unwrap().assessment.id,
            other.open.as_ref().unwrap().assessment.id
        );
    }

    /// Found in review (2026-12-07): an assessment read from storage again
    /// while an earlier copy's save was still to run, and read before that
    /// save wrote, took the save's revision for its own when it finished, so
    /// its next save would have gone over the changes it lacked. It is read
    /// again instead, or, with changes of its own, they are held back as
    /// from another tab's save; so are changes brought back into it. A copy
    /// read after that save wrote, and one imported over it, are the open
    /// copy as before.
    #[wasm_bindgen_test]
    fn an_earlier_copys_save_finishing_late_does_not_pass_for_the_open_copys() {
        let a = assessment(14);
        let open_as = |state: Rc<AppState>, a: &Assessment, stored: u64, origin: Origin| {
            state.reduce(Action::Open {
                assessment: a.clone(),
                framework: framework(),
                saved_at: None,
                dirty: origin != Origin::Read,
                backup: Default::default(),
                stored,
                origin,
            })
        };
        // The first copy, stored at 1, changed: its save is under way.
        let first = open_as(Rc::new(AppState::default()), &a, 1, Origin::Read).reduce(
            Action::Edit(Edit::AddCase {
                case_type: a.cases[0].case_type.clone(),
            }),
        );
        let saving = first.open.as_ref().unwrap().revision;
        let mut summary = a.summary(Timestamp::from_unix_millis(0).unwrap());
        summary.revision = 2;
        let saved = |revision: u64| Action::Saved {
            id: a.id.clone(),
            revision,
            summary: summary.clone(),
            backup: Default::default(),
        };
        // Another assessment, then A read again, before or after that save
        // wrote.
        let elsewhere = open_as(first, &assessment(15), 1, Origin::Read);
        let again = open_as(elsewhere.clone(), &a, 1, Origin::Read);
        let done = again.clone().reduce(saved(saving));
        assert!(done.open.is_none(), "read again, with the save's change");
        assert_eq!(done.summaries[0].revision, 2);
        let after = open_as(elsewhere, &a, 2, Origin::Read).reduce(saved(saving));
        assert_eq!(after.open.as_ref().unwrap().stored, 2);
        assert!(!matches!(after.save, SaveStatus::Failed { .. }));
        // With a change made in it meanwhile: held back, not stored at 2.
        let typed = again.clone().reduce(Action::Edit(Edit::AddCase {
            case_type: a.cases[0].case_type.clone(),
        }));
        let held = typed.reduce(saved(saving));
        assert_eq!(held.open.as_ref().unwrap().stored, 1);
        assert!(matches!(
            held.save,
            SaveStatus::Failed { conflict: true, .. }
        ));
        // Work brought back into it is still that copy: held back too.
        let of = Origin::Of(again.open.as_ref().unwrap().opened);
        let merged = open_as(again, &a, 1, of).reduce(saved(saving));
        assert_eq!(merged.open.as_ref().unwrap().stored, 1);
        assert!(matches!(
            merged.save,
            SaveStatus::Failed { conflict: true, .. }
        ));
        // Imported over it: the save's revision is the base of its own.
        let imported =
            open_as(Rc::new(AppState::default()), &a, 1, Origin::Made).reduce(saved(saving));
        assert_eq!(imported.open.as_ref().unwrap().stored, 2);
    }

    /// Found in review (2026-12-07): the save of an earlier copy failing
    /// after the assessment was read again was dropped as the open copy's,
    /// with nothing kept and nothing said. It is kept as a stranded copy, to
    /// download or try again, whether or not the copy open now has changes.
    #[wasm_bindgen_test]
    fn an_earlier_copys_failed_save_is_kept_when_the_assessment_was_read_again() {
        let a = assessment(16);
        let changed =
            open(Rc::new(AppState::default()), a.clone()).reduce(Action::Edit(Edit::AddCase {
                case_type: a.cases[0].case_type.clone(),
            }));
        let elsewhere = open(changed.clone(), assessment(17));
        let again = elsewhere.reduce(read_at(&a, 1));
        let after = failed(again.clone(), &changed);
        let kept = after
            .stranded
            .as_ref()
            .expect("the earlier copy's work is kept");
        assert_eq!(kept.open.assessment.cases.len(), a.cases.len() + 1);
        assert_eq!(after.save, SaveStatus::Unchanged);
        let typed = again.reduce(Action::Edit(Edit::AddCase {
            case_type: a.cases[0].case_type.clone(),
        }));
        let after = failed(typed, &changed);
        assert!(after.stranded.is_some());
        assert!(
            !matches!(after.save, SaveStatus::Failed { .. }),
            "the open copy's own save did not fail"
        );
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

/// Every page's address, read as the router reads it: the hand-written
/// matcher in `app::route` must name the same page the address was written
/// for, with its ids decoded, and anything else is the page not found.
mod addresses {
    use cpsa::app::route::Route;
    use wasm_bindgen_test::*;
    use yew_router::Routable;

    fn every_page(id: &str, other: &str) -> Vec<Route> {
        let (i, o) = (id.to_owned(), other.to_owned());
        vec![
            Route::Home,
            Route::NewAssessment,
            Route::Import,
            Route::About,
            Route::Clear,
            Route::Assessment { id: i.clone() },
            Route::Plan { id: i.clone() },
            Route::Results { id: i.clone() },
            Route::Calibration { id: i.clone() },
            Route::Review { id: i.clone() },
            Route::ReviewCase {
                id: i.clone(),
                case: o.clone(),
            },
            Route::Topics { id: i.clone() },
            Route::Topic {
                id: i.clone(),
                topic: o.clone(),
            },
            Route::Leadership { id: i.clone() },
            Route::Statement {
                id: i.clone(),
                statement: o.clone(),
            },
            Route::DipSample {
                id: i.clone(),
                sample: o.clone(),
            },
            Route::Inspection { id: i.clone() },
            Route::NewRecommendation { id: i.clone() },
            Route::InspectionUpdate { id: i.clone() },
            Route::Recommendation {
                id: i.clone(),
                recommendation: o.clone(),
            },
            Route::ActionPlan { id: i.clone() },
            Route::NewAction { id: i.clone() },
            Route::EditAction {
                id: i.clone(),
                action: o.clone(),
            },
            Route::Progress { id: i.clone() },
            Route::ReferBacks { id: i.clone() },
            Route::Export { id: i.clone() },
            Route::Report { id: i.clone() },
            Route::ImportInto { id: i.clone() },
            Route::Standards { id: i.clone() },
            Route::Team { id: i.clone() },
            Route::DeleteAssessment { id: i.clone() },
            Route::Case {
                id: i.clone(),
                case: o.clone(),
            },
            Route::CaseDetails {
                id: i.clone(),
                case: o.clone(),
            },
            Route::Stage {
                id: i.clone(),
                case: o.clone(),
                stage: "initial-contact".into(),
            },
            Route::Timeline {
                id: i.clone(),
                case: o.clone(),
            },
            Route::Grade {
                id: i.clone(),
                case: o.clone(),
            },
            Route::ReferBack {
                id: i.clone(),
                case: o.clone(),
            },
            Route::Check {
                id: i.clone(),
                case: o.clone(),
            },
            Route::DeleteCase { id: i, case: o },
            Route::NotFound,
        ]
    }

    #[wasm_bindgen_test]
    fn every_page_s_address_reads_back_as_that_page() {
        for (id, other) in [("a-1f", "c-2"), ("x y", "c/1 é"), ("100%", "a?b#c")] {
            let pages = every_page(id, other);
            let mut addresses = std::collections::BTreeSet::new();
            for page in pages {
                let path = page.to_path();
                assert!(addresses.insert(path.clone()), "two pages share {path}");
                assert_eq!(Route::recognize(&path), Some(page.clone()), "{path}");
                let fits = |pattern: &str| {
                    let (p, a): (Vec<&str>, Vec<&str>) =
                        (pattern.split('/').collect(), path.split('/').collect());
                    p.len() == a.len()
                        && p.iter().zip(&a).all(|(p, a)| p.starts_with(':') || p == a)
                };
                let pattern = Route::routes().into_iter().find(|p| fits(p));
                assert!(pattern.is_some(), "{path} fits none of the patterns");
                let pattern = pattern.unwrap_or_default();
                let params: std::collections::HashMap<&str, &str> = pattern
                    .split('/')
                    .zip(path.split('/'))
                    .filter_map(|(p, a)| Some((p.strip_prefix(':')?, a)))
                    .collect();
                assert_eq!(Route::from_path(pattern, &params), Some(page), "{pattern}");
            }
        }
    }

    /// Each page is drawn by the part `part_of` names for it, so a page
    /// given to the wrong part shows as not found, and this fails first.
    #[wasm_bindgen_test]
    fn every_page_is_drawn_by_the_part_it_is_counted_in() {
        use cpsa::app::route::{answer_pages, audit_pages, case_pages, lead_pages, part_of, Part};
        let parts = [
            (
                Part::Answers,
                answer_pages as fn(Route) -> Option<yew::Html>,
            ),
            (Part::Cases, case_pages),
            (Part::Audit, audit_pages),
            (Part::Lead, lead_pages),
        ];
        for page in every_page("a-1", "c-2") {
            let drawn_by: Vec<Part> = parts
                .iter()
                .filter(|(_, pages)| pages(page.clone()).is_some())
                .map(|(part, _)| *part)
                .collect();
            match part_of(&page) {
                None => assert!(
                    matches!(page, Route::Home | Route::NotFound) && drawn_by.is_empty(),
                    "{page:?} is in no part"
                ),
                Some(part) => assert_eq!(drawn_by, vec![part], "{page:?}"),
            }
        }
    }

    /// A part's pages are drawn by one component for the part, running the
    /// page's hooks (route::Pages): an instance must only ever run one page's
    /// hooks, in one order, so each page is keyed by its own address. Two
    /// pages, or one page of two cases, never share an instance, and no
    /// half-typed form passes from one to the other.
    #[wasm_bindgen_test]
    fn each_page_of_a_part_is_keyed_by_its_own_address() {
        use cpsa::app::route::{answer_pages, audit_pages, case_pages, lead_pages, part_of};
        let mut keyed = std::collections::BTreeMap::new();
        for page in every_page("a-1", "c-2")
            .into_iter()
            .chain(every_page("a-1", "c-3"))
        {
            let drawn = [case_pages, audit_pages, lead_pages]
                .iter()
                .find_map(|pages| pages(page.clone()));
            let Some(drawn) = drawn else {
                // The start page, not found and a stage of a case are
                // components of their own.
                assert!(
                    answer_pages(page.clone()).is_some() || part_of(&page).is_none(),
                    "{page:?}"
                );
                continue;
            };
            let key = drawn.key().map(|k| k.to_string()).unwrap_or_default();
            assert_eq!(key, page.to_path(), "{page:?}");
            if let Some(earlier) = keyed.insert(key, page.clone()) {
                assert_eq!(earlier, page, "two pages share a key");
            }
        }
        // The pages of a case, and those naming a topic, a statement or
        // anything else by the second id, for both ids.
        assert!(keyed.contains_key("/a/a-1/case/c-2/grade"));
        assert!(keyed.contains_key("/a/a-1/case/c-3/grade"));
    }

    #[wasm_bindgen_test]
    fn an_address_names_the_page_it_spells_and_nothing_else() {
        let a = |id: &str| id.to_owned();
        for (path, page) in [
            ("/", Route::Home),
            ("", Route::Home),
            ("/about/", Route::About),
            ("/a/x/", Route::Assessment { id: a("x") }),
            ("/a/new", Route::Assessment { id: a("new") }),
            (
                "/a/x/inspection/new",
                Route::NewRecommendation { id: a("x") },
            ),
            (
                "/a/x/inspection/update",
                Route::InspectionUpdate { id: a("x") },
            ),
            (
                "/a/x/inspection/r-1",
                Route::Recommendation {
                    id: a("x"),
                    recommendation: a("r-1"),
                },
            ),
            ("/a/x/actions/new", Route::NewAction { id: a("x") }),
            (
                "/a/x/actions/act-3",
                Route::EditAction {
                    id: a("x"),
                    action: a("act-3"),
                },
            ),
            (
                "/a/x%20y/case/c%2F1",
                Route::Case {
                    id: a("x y"),
                    case: a("c/1"),
                },
            ),
            (
                "/a/x/case/c/stage/s",
                Route::Stage {
                    id: a("x"),
                    case: a("c"),
                    stage: a("s"),
                },
            ),
            ("/a/x.y/plan", Route::Plan { id: a("x.y") }),
            ("/404", Route::NotFound),
            ("/nowhere", Route::NotFound),
            ("/a", Route::NotFound),
            ("/a//plan", Route::NotFound),
            ("/a/x/plan//", Route::NotFound),
            ("/a/x/case/c/stage", Route::NotFound),
            ("/a/x/case/c/stage/s/more", Route::NotFound),
            ("/A/x", Route::NotFound),
            ("/a/%FF", Route::NotFound),
            ("main-content", Route::NotFound),
        ] {
            assert_eq!(Route::recognize(path), Some(page), "{path:?}");
        }
        assert_eq!(
            Route::Case {
                id: a("x y"),
                case: a("c/1")
            }
            .to_path(),
            "/a/x%20y/case/c%2F1"
        );
        assert_eq!(Route::Home.to_path(), "/");
    }
}
