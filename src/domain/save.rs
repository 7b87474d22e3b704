//! The save protocol: how the app keeps an assessment in the browser's
//! storage without ever losing work. Every decision is here, pure and tested
//! natively (`tests/save.rs`); `app/storage` does what these functions decide
//! against IndexedDB and `localStorage`, and `app/hooks` and `app/state` call
//! them for the tab's side.
//!
//! **Records.** An assessment is stored as records (IndexedDB database
//! `cpsa`, version 2):
//!
//! - its *frame* (store `frames`, key = assessment id): [`frame_text`], an
//!   export file whose assessment has no cases, and each case's *entry*: the
//!   revision its record was last written at, and its [`CaseLine`], what the
//!   task list shows of it, so a large assessment's task list is drawn from
//!   the frame alone ([`read_preview`]);
//! - each *case* (store `cases`, key = `[assessment id, case id]`):
//!   [`case_text`], the case with the revision it was written at;
//! - its *list entry* (store `index`): the assessment's summary, with the
//!   revision of the last save.
//!
//! **Saving.** A save is one readwrite transaction: read the stored revision,
//! check it ([`next_revision`]), then write the frame, the cases that changed
//! and the list entry, and delete the cases that went ([`plan`]); all of it
//! or none. A case is the same case while it is the same `Arc` (an edit
//! copies a case before changing it), so a save compares addresses with what
//! this tab last read or wrote ([`Known`]), never case contents. When the tab
//! does not know what is stored (an import, a new assessment, a copy read in
//! the old layout) the save first deletes every case record of the
//! assessment.
//!
//! **Revisions.** Every save on the device adds one to the stored revision.
//! A tab saves only on top of the revision it read, or its own later save
//! ([`next_revision`]); otherwise another tab saved meanwhile, and nothing is
//! written. After a save the tab writes the new revision to `localStorage`
//! (`cpsa.revision.<id>`), so every other tab hears of it at once and
//! decides with [`other_tab_saved`].
//!
//! **The journal.** When the page is hidden with a change not yet stored,
//! the tab writes the whole assessment to `localStorage`
//! (`cpsa.journal.<tab>.<id>`) synchronously, since IndexedDB work started
//! as a page unloads may never finish. A save removes a journal entry no
//! newer than itself ([`journal_superseded`]); the next start decides each
//! entry left with [`recover`].
//!
//! **Work never dropped.** A save that fails leaves the work in memory and
//! says so ([`after_failed_save`]); another assessment cannot be opened over
//! changes that failed to save and were not exported ([`blocks_opening`]).
//!
//! **The old layout.** Before version 2 an assessment was one record (store
//! `assessments`). It is read as before and saved as records, the old record
//! deleted in the same transaction, so the original is kept until the new
//! records are stored.

use std::collections::{HashMap, HashSet};
use std::sync::Arc;

use serde::Deserialize;
use serde_json::value::RawValue;

use super::assessment::{Assessment, Case};
use super::date::Timestamp;
use super::format::{self, ImportError, Imported};
use super::framework::{Catalogue, Framework};
use super::progress::CaseLine;

/// Why a save was refused: the stored copy moved on since this tab read it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Conflict;

/// The revision a save writes, or [`Conflict`]: the stored copy must be the
/// one this version was read at (`base`) or this tab's own later save
/// (`own`); otherwise another tab saved or deleted it meanwhile.
pub fn next_revision(stored: u64, base: u64, own: Option<u64>) -> Result<u64, Conflict> {
    if stored != base && Some(stored) != own {
        return Err(Conflict);
    }
    Ok(stored.saturating_add(1))
}

/// The base of a save: the newest stored revision this tab knows of, since a
/// copy queued before the tab's own last save finished carries an older one.
pub fn save_base(queued: u64, open: Option<u64>) -> u64 {
    open.map_or(queued, |o| o.max(queued))
}

/// What a tab does when another tab saved an assessment at `revision`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OtherTab {
    /// Not the open assessment, or nothing newer than this tab has.
    Nothing,
    /// No changes here: show the newer version in their place.
    ShowStored,
    /// Changes here: hold them back from saving over it; the user chooses.
    HoldBack,
}

/// [`OtherTab`] for the open assessment, stored at `open_stored`, with or
/// without `unsaved` changes.
pub fn other_tab_saved(open_stored: u64, revision: u64, unsaved: bool) -> OtherTab {
    match (open_stored < revision, unsaved) {
        (false, _) => OtherTab::Nothing,
        (true, false) => OtherTab::ShowStored,
        (true, true) => OtherTab::HoldBack,
    }
}

/// What becomes of a version whose save failed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FailedSave {
    /// It is open with changes: they are at risk, and the page says so.
    Show,
    /// It is open with no changes (saved since, or the stored version shown
    /// in their place), or it was deleted: nothing is at risk.
    Nothing,
    /// It is no longer open: kept as a stranded copy until it is saved or
    /// downloaded.
    Strand,
}

/// [`FailedSave`]: `open` is whether that assessment is still the open one
/// (and then `unsaved` whether it has changes not stored).
pub fn after_failed_save(open: bool, unsaved: bool, deleted: bool) -> FailedSave {
    match (open, unsaved, deleted) {
        (true, true, _) => FailedSave::Show,
        (true, false, _) | (false, _, true) => FailedSave::Nothing,
        (false, _, false) => FailedSave::Strand,
    }
}

/// Whether opening another assessment must wait: the open one has changes
/// that are not stored (a failed save, or no storage at all) and were not
/// exported since they were made.
pub fn blocks_opening(unsaved: bool, exported: bool, save_failed: bool) -> bool {
    unsaved && !exported && save_failed
}

/// Whether a journal entry written at `written` is no newer than a save made
/// at `saved_at`, so that save holds its work. One whose time cannot be read
/// is kept, for recovery to keep aside.
pub fn journal_superseded(written: Option<Timestamp>, saved_at: Timestamp) -> bool {
    written.is_some_and(|at| at <= saved_at)
}

/// What the next start does with a journal entry made on revision
/// `made_on`, when the stored copy is at `stored`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Recover {
    /// Made on the stored copy: it is the newest change, and is saved.
    Save,
    /// The stored copy moved on: this tab's own later save of the same work
    /// (nothing to keep) or another tab's (both kept: the entry aside).
    KeepAsideUnlessStoredHoldsIt,
}

pub fn recover(stored: u64, made_on: u64) -> Recover {
    if stored == made_on {
        Recover::Save
    } else {
        Recover::KeepAsideUnlessStoredHoldsIt
    }
}

/// One case as this tab last read or wrote it.
#[derive(Debug, Clone)]
struct KnownCase {
    case: Arc<Case>,
    /// Its entry in the frame: `{"revision":…,"line":{…}}`.
    entry: Arc<str>,
}

/// What this tab knows is stored of one assessment: each case as last read
/// or written, by id. Drawn on by the next save, which writes only the cases
/// not here unchanged.
#[derive(Debug, Clone, Default)]
pub struct Known {
    id: String,
    cases: HashMap<String, KnownCase>,
}

impl Known {
    /// The assessment it knows of.
    pub fn id(&self) -> &str {
        &self.id
    }

    /// How many cases it knows.
    pub fn len(&self) -> usize {
        self.cases.len()
    }

    pub fn is_empty(&self) -> bool {
        self.cases.is_empty()
    }
}

/// The writes of one save.
#[derive(Debug)]
pub struct Plan {
    /// The frame record's text.
    pub frame: String,
    /// (case id, record text) of each case to write.
    pub cases: Vec<(String, String)>,
    /// Ids of the case records to delete.
    pub removed: Vec<String>,
    /// Whether to delete every case record of the assessment first: what is
    /// stored is not known.
    pub clear: bool,
    /// What is stored once the save commits: keep it only then.
    pub known: Known,
}

/// The writes that store `a` at `revision`, given what is `known` stored.
pub fn plan(
    a: &Assessment,
    fw: &Framework,
    saved_at: Timestamp,
    revision: u64,
    known: Option<&Known>,
) -> Result<Plan, String> {
    let known = known.filter(|k| k.id == a.id);
    let mut next = Known {
        id: a.id.clone(),
        cases: HashMap::with_capacity(a.cases.len()),
    };
    let mut cases = Vec::new();
    for case in &a.cases {
        let same = known
            .and_then(|k| k.cases.get(&case.id))
            .filter(|k| Arc::ptr_eq(&k.case, case));
        let kept = match same {
            Some(k) => k.clone(),
            None => {
                let text = serde_json::to_string(&**case)
                    .map_err(|e| format!("case {} could not be written: {e}", case.id))?;
                cases.push((case.id.clone(), case_text(revision, &text)));
                KnownCase {
                    case: Arc::clone(case),
                    entry: entry_text(revision, &CaseLine::of(fw, case))?.into(),
                }
            }
        };
        next.cases.insert(case.id.clone(), kept);
    }
    let removed = known.map_or_else(Vec::new, |k| {
        let mut gone: Vec<String> = k
            .cases
            .keys()
            .filter(|id| !next.cases.contains_key(*id))
            .cloned()
            .collect();
        gone.sort();
        gone
    });
    let entries = a
        .cases
        .iter()
        .filter_map(|c| next.cases.get(&c.id).map(|k| &*k.entry));
    let frame = frame_text(a, saved_at, revision, entries)?;
    Ok(Plan {
        frame,
        cases,
        removed,
        clear: known.is_none(),
        known: next,
    })
}

/// A case's record: `{"revision":…,"case":{…}}`.
pub fn case_text(revision: u64, case_json: &str) -> String {
    format!("{{\"revision\":{revision},\"case\":{case_json}}}")
}

fn entry_text(revision: u64, line: &CaseLine) -> Result<String, String> {
    let line = serde_json::to_string(line)
        .map_err(|e| format!("case {} could not be listed: {e}", line.id))?;
    Ok(format!("{{\"revision\":{revision},\"line\":{line}}}"))
}

/// The frame record: `{"cases":[entry…],"file":{export file, no cases}}`.
pub fn frame_text<'e>(
    a: &Assessment,
    saved_at: Timestamp,
    revision: u64,
    entries: impl Iterator<Item = &'e str>,
) -> Result<String, String> {
    let frame = Assessment {
        cases: Vec::new(),
        ..a.clone()
    };
    let file = format::to_storage(&frame, saved_at, revision)?;
    let mut text = String::with_capacity(file.len() + 64 * a.cases.len() + 32);
    text.push_str("{\"cases\":[");
    for (i, e) in entries.enumerate() {
        if i > 0 {
            text.push(',');
        }
        text.push_str(e);
    }
    text.push_str("],\"file\":");
    text.push_str(&file);
    text.push('}');
    Ok(text)
}

#[derive(Deserialize)]
struct FrameRecord<'a> {
    #[serde(borrow)]
    cases: Vec<&'a RawValue>,
    #[serde(borrow)]
    file: &'a RawValue,
}

#[derive(Deserialize)]
struct Entry {
    revision: u64,
    line: CaseLine,
}

#[derive(Deserialize)]
struct CaseRecord<'a> {
    revision: u64,
    #[serde(borrow)]
    case: &'a RawValue,
}

/// An assessment's frame and its cases' lines: what the task list needs,
/// read without its cases.
#[derive(Debug, Clone, PartialEq)]
pub struct Preview {
    /// The assessment with no cases.
    pub assessment: Assessment,
    pub lines: Vec<CaseLine>,
    pub saved_at: Option<Timestamp>,
    pub revision: u64,
}

fn unreadable(message: impl Into<String>) -> ImportError {
    ImportError {
        problems: vec![format::Problem {
            at: format::Location::File,
            message: message.into(),
        }],
    }
}

fn read_frame(frame: &str) -> Result<(FrameRecord<'_>, Vec<Entry>), ImportError> {
    let record: FrameRecord = serde_json::from_str(frame).map_err(|e| {
        use serde_json::error::Category;
        unreadable(match e.classify() {
            Category::Eof => format!(
                "the stored assessment ends too early: it was cut short while being saved ({e})"
            ),
            Category::Syntax => format!("the stored assessment is not valid JSON ({e})"),
            _ => format!("the stored assessment is not a frame this app wrote ({e})"),
        })
    })?;
    let entries = record
        .cases
        .iter()
        .enumerate()
        .map(|(i, e)| {
            serde_json::from_str::<Entry>(e.get()).map_err(|err| {
                unreadable(format!(
                    "entry {} in the stored frame's list of cases could not be read ({err})",
                    i + 1
                ))
            })
        })
        .collect::<Result<Vec<_>, _>>()?;
    Ok((record, entries))
}

/// The frame of a stored assessment, checked as an import checks a file,
/// with its cases' lines.
pub fn read_preview(frame: &str, catalogue: &Catalogue) -> Result<Preview, ImportError> {
    let (record, entries) = read_frame(frame)?;
    let imported = format::import_parts(record.file.get(), &[], catalogue)?;
    Ok(Preview {
        assessment: imported.assessment,
        lines: entries.into_iter().map(|e| e.line).collect(),
        saved_at: imported.exported_at,
        revision: imported.revision,
    })
}

/// A stored assessment from its frame and its case records (in any order):
/// every case the frame lists must be there at the revision it lists, and
/// the whole is checked as an import checks a file. Also what is now known
/// stored, for the next save.
pub fn read_records(
    frame: &str,
    records: &[String],
    catalogue: &Catalogue,
) -> Result<(Imported, Known), ImportError> {
    let (record, entries) = read_frame(frame)?;
    let mut by_id: HashMap<String, (u64, &str)> = HashMap::with_capacity(records.len());
    for (i, text) in records.iter().enumerate() {
        let r: CaseRecord = serde_json::from_str(text).map_err(|e| {
            unreadable(format!(
                "stored case record {} could not be read ({e})",
                i + 1
            ))
        })?;
        #[derive(Deserialize)]
        struct Id {
            id: String,
        }
        let id = serde_json::from_str::<Id>(r.case.get())
            .map_err(|e| unreadable(format!("stored case record {} has no case id ({e})", i + 1)))?
            .id;
        by_id.insert(id, (r.revision, r.case.get()));
    }
    let mut texts = Vec::with_capacity(entries.len());
    let mut seen = HashSet::new();
    for e in &entries {
        if !seen.insert(e.line.id.as_str()) {
            return Err(unreadable(format!(
                "the stored frame lists case {} twice",
                e.line.id
            )));
        }
        match by_id.get(&e.line.id) {
            Some((revision, text)) if *revision == e.revision => texts.push(*text),
            Some((revision, _)) => {
                return Err(unreadable(format!(
                    "the stored case {} is at revision {revision}, but the frame lists revision {}",
                    e.line.id, e.revision
                )))
            }
            None => {
                return Err(unreadable(format!(
                    "the stored case {} that the frame lists is missing",
                    e.line.id
                )))
            }
        }
    }
    let imported = format::import_parts(record.file.get(), &texts, catalogue)?;
    // A case the import changed (reopened, or migrated from an older format)
    // is not stored as it now is: the next save writes it.
    let changed: HashSet<&str> = imported.reopened.iter().map(|r| r.case.as_str()).collect();
    let migrated = imported.migrated_from.is_some();
    let known = Known {
        id: imported.assessment.id.clone(),
        cases: imported
            .assessment
            .cases
            .iter()
            .zip(record.cases.iter())
            .filter(|(c, _)| !migrated && !changed.contains(c.id.as_str()))
            .map(|(c, e)| {
                (
                    c.id.clone(),
                    KnownCase {
                        case: Arc::clone(c),
                        entry: e.get().into(),
                    },
                )
            })
            .collect(),
    };
    Ok((imported, known))
}
