//! The parts of the app loaded on demand.
//!
//! A page load fetches only the app's main module: the shell, the start page,
//! the state and IndexedDB. The rest is in six parts, split out of the
//! build by `wasm-split-cli` (`scripts/split.mjs`) at the functions made by
//! [`part!`] below, each fetched the first time it is needed: the cases (the
//! task list and a case's summary), the answers (a stage of a case, where its
//! criteria are answered), the audit (a case's other pages) and the lead's
//! part (every other page), when one of their pages is drawn; the records
//! ([`Records`]: storage's work on whole assessments, with the frameworks),
//! when the main module first needs it; and the full reader
//! ([`FullReader`]), when a stored assessment does not read at once. The
//! four page parts are fetched in the background, one at a time, once the
//! first page is drawn ([`preload`]), and the service worker keeps every part
//! for offline use like every other file of the build.
//!
//! The cases and the answers are parts of their own because theirs are the
//! pages an auditor opens directly (a bookmark, a reload) and works on most:
//! opened so, each downloads its own pages and what they share, not the
//! other pages of a case.
//!
//! The cutting needs the `split` feature, which only the build Trunk makes
//! turns on; without it (the browser tests, clippy) a part is a plain call.

use std::cell::Cell;

use yew::prelude::*;

use super::route::{answer_pages, audit_pages, case_pages, lead_pages, part_of, Part, Route};
use super::state::Action;
use super::storage::{OpenError, Opened, Storage, StorageError};
use crate::domain::assessment::{Assessment, AssessmentSummary};
use crate::domain::date::Timestamp;
use crate::domain::edit::{self, LeadEdits};
use crate::domain::format;
use crate::domain::framework::{Catalogue, Framework};
use crate::domain::save;

/// The pages of one part, drawn from a route; `None` for a route of another
/// part.
type Pages = fn(Route) -> Option<Html>;

/// A part that could not be fetched: offline on a first visit, before the
/// service worker had kept it, or the host gone. The browser's console has
/// the details; nothing is cached, so asking again fetches it afresh.
#[derive(Debug)]
pub struct NotLoaded;

#[cfg(feature = "split")]
impl From<wasm_split_helpers::SplitLoaderError> for NotLoaded {
    fn from(_: wasm_split_helpers::SplitLoaderError) -> Self {
        NotLoaded
    }
}

/// A function whose result is the way into a part: with the `split` feature
/// the point the build is cut at, fetching the part when first called.
macro_rules! part {
    ($part:ident, $name:ident -> $ty:ty = $value:expr) => {
        #[cfg(feature = "split")]
        #[wasm_split_helpers::wasm_split($part, fallible)]
        fn $name() -> Result<$ty, NotLoaded> {
            Ok($value)
        }

        #[cfg(not(feature = "split"))]
        async fn $name() -> Result<$ty, NotLoaded> {
            Ok($value)
        }
    };
}

/// The built-in frameworks with more of their texts: the answers' part
/// brings those a stage of a case shows (`Catalogue::builtin_for_answers`),
/// the lead's part them all (`Catalogue::builtin`), as only their pages
/// show the texts the others leave out.
type Fuller = fn() -> &'static Catalogue;

part!(answers, answers_part -> (Pages, Fuller) = (answer_pages, super::answers_catalogue));
part!(cases, cases_part -> Pages = case_pages);
part!(audit, audit_part -> Pages = audit_pages);
part!(lead, lead_part -> (Pages, LeadEdits, Fuller) = (lead_pages, edit::apply_lead_edit, super::complete_catalogue));

thread_local! {
    static ANSWERS: Cell<Option<Pages>> = const { Cell::new(None) };
    static CASES: Cell<Option<Pages>> = const { Cell::new(None) };
    static AUDIT: Cell<Option<Pages>> = const { Cell::new(None) };
    static LEAD: Cell<Option<Pages>> = const { Cell::new(None) };
    static LEAD_EDITS: Cell<Option<LeadEdits>> = const { Cell::new(None) };
    static COMPLETE: Cell<Option<Fuller>> = const { Cell::new(None) };
    static FOR_ANSWERS: Cell<Option<Fuller>> = const { Cell::new(None) };
}

/// The built-in frameworks with the most texts the parts loaded so far
/// bring: complete once the lead's part is loaded, with what a stage of a
/// case shows once the answers' part is; `None` before either.
pub fn fuller_catalogue() -> Option<&'static Catalogue> {
    #[cfg(not(feature = "split"))]
    return Some(super::complete_catalogue());
    #[cfg(feature = "split")]
    COMPLETE
        .with(Cell::get)
        .or_else(|| FOR_ANSWERS.with(Cell::get))
        .map(|fuller| fuller())
}

/// How the reducer applies the edits of the lead's pages: with the lead's
/// part, which carries their rules and only its pages make such edits. Until
/// it is loaded, such an edit is refused and changes nothing.
pub fn lead_edits() -> LeadEdits {
    #[cfg(not(feature = "split"))]
    return edit::apply_lead_edit;
    #[cfg(feature = "split")]
    LEAD_EDITS
        .with(Cell::get)
        .unwrap_or(|_, _, _| Err(edit::EditError::Unavailable))
}

/// The part's pages, if it has been loaded.
fn loaded(part: Part) -> Option<Pages> {
    match part {
        Part::Answers => ANSWERS.with(Cell::get),
        Part::Cases => CASES.with(Cell::get),
        Part::Audit => AUDIT.with(Cell::get),
        Part::Lead => LEAD.with(Cell::get),
    }
}

/// Fetches the part (once; later calls return at once) and keeps its pages.
async fn load(part: Part) -> Result<Pages, NotLoaded> {
    if let Some(pages) = loaded(part) {
        return Ok(pages);
    }
    let pages = match part {
        Part::Answers => {
            let (pages, fuller) = answers_part().await?;
            FOR_ANSWERS.with(|c| c.set(Some(fuller)));
            // Read them now, before the page that needs them is drawn.
            fuller();
            pages
        }
        Part::Cases => cases_part().await?,
        Part::Audit => audit_part().await?,
        Part::Lead => {
            let (pages, edits, complete) = lead_part().await?;
            LEAD_EDITS.with(|e| e.set(Some(edits)));
            COMPLETE.with(|c| c.set(Some(complete)));
            // Read them now, in the background, not in the first page drawn
            // that needs them.
            complete();
            pages
        }
    };
    match part {
        Part::Answers => ANSWERS.with(|p| p.set(Some(pages))),
        Part::Cases => CASES.with(|p| p.set(Some(pages))),
        Part::Audit => AUDIT.with(|p| p.set(Some(pages))),
        Part::Lead => LEAD.with(|p| p.set(Some(pages))),
    }
    Ok(pages)
}

/// Fetches the page parts in the background: `first` (the part of the page
/// drawn first, which that page is fetching already: asking again waits for
/// the same download), then the others in the order an audit goes, the cases
/// (the page opened next from the start page is nearly always an
/// assessment's task list), the answers, a case's other pages and the
/// lead's, so the first click finds its page ready. One at a time, so none
/// slows the page's own. A failure is left for the page to report.
pub fn preload(first: Option<Part>) {
    wasm_bindgen_futures::spawn_local(async move {
        for part in first
            .into_iter()
            .chain([Part::Cases, Part::Answers, Part::Audit, Part::Lead])
        {
            let _ = load(part).await;
        }
    });
}

#[derive(Properties, PartialEq)]
pub struct LazyPageProps {
    pub route: Route,
}

/// A page of a part loaded on demand: drawn at once when its part is loaded;
/// until then a line saying it is on its way, or why it could not come, with
/// a button to try again.
#[component]
pub fn LazyPage(props: &LazyPageProps) -> Html {
    let part = part_of(&props.route).unwrap_or(Part::Lead);
    let failed = use_state(|| None::<Part>);
    let attempt = use_state(|| 0u32);
    let redraw = use_force_update();
    // Whether this page was drawn without its part: once the part is there
    // and the page drawn, focus goes to its heading.
    let waited = use_mut_ref(|| false);
    {
        let failed = failed.clone();
        use_effect_with((part, *attempt), move |&(part, _)| {
            if loaded(part).is_none() {
                wasm_bindgen_futures::spawn_local(async move {
                    match load(part).await {
                        Ok(_) => {
                            failed.set(None);
                            redraw.force_update();
                        }
                        Err(NotLoaded) => failed.set(Some(part)),
                    }
                });
            }
        });
    }
    let ready = loaded(part);
    {
        let waited = waited.clone();
        use_effect_with(ready.is_some(), move |&ready| {
            if ready && std::mem::replace(&mut *waited.borrow_mut(), false) {
                super::page_arrived();
            }
        });
    }
    if let Some(pages) = ready {
        return pages(props.route.clone()).unwrap_or_else(super::pages::not_found);
    }
    *waited.borrow_mut() = true;
    if *failed == Some(part) {
        let retry = {
            let failed = failed.clone();
            let attempt = attempt.clone();
            Callback::from(move |_: MouseEvent| {
                failed.set(None);
                attempt.set(attempt.wrapping_add(1));
            })
        };
        return html! {
            <div class="error-summary" role="alert" tabindex="-1">
                <h1 class="heading-l">{ "This page could not be loaded" }</h1>
                <p class="body">
                    { "This browser could not fetch this part of the app. Check the connection, then try again. Nothing you entered is affected: it is kept in this browser." }
                </p>
                <button type="button" class="button" onclick={retry}>{ "Try again" }</button>
            </div>
        };
    }
    html! { <p class="body" role="status">{ "Loading this page…" }</p> }
}

/// A future of the storage's work, borrowing what it works on.
type Work<'a, T, E = StorageError> =
    std::pin::Pin<Box<dyn std::future::Future<Output = Result<T, E>> + 'a>>;
type Recover = for<'a> fn(&'a Storage) -> Work<'a, Vec<String>>;
type Rebuild = for<'a> fn(&'a Storage, &'a str, Timestamp) -> Work<'a, Option<AssessmentSummary>>;
type Open = for<'a> fn(&'a Storage, &'a str) -> Work<'a, Opened, OpenError>;
type Save = for<'a> fn(
    &'a Storage,
    &'a Assessment,
    &'a Framework,
    Timestamp,
    u64,
    u64,
) -> Work<'a, AssessmentSummary>;

/// Storage's work on whole assessments, with the built-in frameworks they
/// are read against: a part of its own, so the start page, which lists
/// assessments from their list entries, needs none of it. The pages that
/// open an assessment have it in their own parts already; the main module
/// reaches it through here: bringing back the journal, repairing the list,
/// saving, opening a copy another tab saved, and copying an assessment.
pub struct Records {
    pub catalogue: fn() -> &'static Catalogue,
    pub recover_journal: Recover,
    pub rebuild_index: Rebuild,
    pub open: Open,
    pub save: Save,
    /// The action that shows an opened assessment; `None` when its framework
    /// is not available.
    pub opened_action: fn(Opened) -> Option<Action>,
}

static RECORDS: Records = Records {
    catalogue: super::catalogue,
    recover_journal: |s| Box::pin(s.recover_journal(super::catalogue())),
    rebuild_index: |s, id, now| Box::pin(s.rebuild_index(id, super::catalogue(), now)),
    open: |s, id| Box::pin(s.open_assessment(id, super::catalogue())),
    save: |s, a, fw, at, base, copy| Box::pin(s.save(a, fw, at, base, copy)),
    opened_action: super::hooks::opened_action,
};

part!(records, records_part -> &'static Records = &RECORDS);

/// The full reader of stored assessments: what reads one that does not read
/// at once (an older format version to migrate, a layout before version 2,
/// the journal's texts, or a problem to place before it is kept aside). What
/// this app stored nearly always reads at once, so a case's page does not
/// fetch this part: storage asks for it when a read comes back needing it.
pub struct FullReader {
    /// `format::import_parts`: an assessment stored as records.
    pub parts: save::FullRead,
    /// `format::import_stored`: an assessment stored as one text.
    pub stored: fn(&[u8], &Catalogue) -> Result<format::Imported, format::ImportError>,
}

static FULL_READER: FullReader = FullReader {
    parts: format::import_parts,
    stored: format::import_stored,
};

part!(full_read, full_read_part -> &'static FullReader = &FULL_READER);

/// The full reader, fetched the first time it is needed. A part that cannot
/// be fetched fails as storage would: the assessment stays as stored, and is
/// not kept aside for want of a reader.
pub async fn full_reader() -> Result<&'static FullReader, StorageError> {
    full_read_part().await.map_err(|NotLoaded| {
        StorageError::Failed(
            "this browser could not fetch the part of the app that reads stored work in full (an assessment saved by an older version or one with a problem to check, or changes kept when a page closed); nothing has been changed: check the connection and try again".to_owned(),
        )
    })
}

/// The storage's work on whole assessments, fetched the first time it is
/// needed; a part that cannot be fetched fails as storage would, so the
/// caller's report of a failed save or read says so.
pub async fn records() -> Result<&'static Records, StorageError> {
    records_part().await.map_err(|NotLoaded| {
        StorageError::Failed(
            "this browser could not fetch the part of the app that reads and writes assessments; check the connection and try again".to_owned(),
        )
    })
}
