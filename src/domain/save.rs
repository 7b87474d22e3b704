//! The save protocol: how the app keeps an assessment in the browser's
//! storage without ever losing work. Every decision is here, pure and tested
//! natively (`tests/save.rs`); `app/storage` does what these functions decide
//! against IndexedDB and `localStorage`, `app/tabs` hears other tabs' saves,
//! and `app/hooks` and `app/state` call them for the tab's side.
//!
//! **Records.** An assessment is stored as records (IndexedDB database
//! `cpsa`, version 3):
//!
//! - its *frame* (store `frames`, key = assessment id): [`frame_text`], an
//!   export file whose assessment has no cases, with the revision of the
//!   last save;
//! - its *order* (store `orders`, key = assessment id): [`order_text`], the
//!   ids of its cases in order, rewritten only when a case is added, removed
//!   or moved;
//! - each *case* (store `cases`, key = `[assessment id, case id]`):
//!   [`case_text`], the case with the revision it was written at, never
//!   newer than the frame's;
//! - the cases' *lines* (store `lines`, key = `[assessment id, block]`): each
//!   case's [`CaseLine`], what the task list shows of it, in [`BLOCKS`]
//!   records by a hash of the case id ([`block_of`]), so a large
//!   assessment's task list is drawn from the frame and a few records,
//!   without reading a case ([`read_preview`]), and a save rewrites only the
//!   blocks of the cases that changed;
//! - its *list entry* (store `index`): the assessment's summary, with the
//!   revision of the last save.
//!
//! **Saving.** A save is one readwrite transaction: read the stored revision,
//! check it ([`next_revision`]), then write the frame, the cases that changed
//! and their lines, the order when it changed, and the list entry, and
//! delete the cases that went ([`plan`]); all of it or none. The usual save,
//! an answer changed, writes the frame, one case, one block of lines and the
//! list entry: of these only the block grows with the number of cases, as it
//! holds the lines of about one case in [`BLOCKS`]. A case is the same case
//! while it is the same `Arc` (an edit copies a case before changing it), so
//! a save compares addresses with what this tab last read or wrote
//! ([`Known`]), never case contents. When the tab
//! does not know what is stored (an import, a new assessment, a copy read in
//! the old layout) the save first deletes every case record of the
//! assessment.
//!
//! **Revisions.** Every save on the device adds one to the stored revision.
//! A tab saves only on top of the revision it read, or its own later save
//! ([`next_revision`]) of the same copy ([`own_revision`]: a copy read from
//! storage again while the copy open before it was still saving is not that
//! copy); otherwise another tab saved meanwhile, and nothing is written. A
//! save of an earlier copy that finishes after the assessment was read again
//! is judged as another tab's ([`after_save`]). After a save the tab writes
//! the new revision to `localStorage` (`cpsa.revision.<id>`), so every other
//! tab hears of it at once and decides with [`other_tab_saved`].
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
//! **Older layouts.** Before version 2 an assessment was one record (store
//! `assessments`). It is read as before and saved as records, the old record
//! deleted in the same transaction, so the original is kept until the new
//! records are stored. In version 2 the frame listed the cases itself, each
//! id with the revision its record was written at (`{"cases":[["case-3",7]…],
//! "file":…}`), so every save rewrote the whole list. Such a frame is read as
//! before (each record at the revision listed), and its next save writes the
//! order and a frame without the list.

use std::collections::{HashMap, HashSet};
use std::sync::Arc;

use serde::Deserialize;
use serde_json::value::RawValue;

use super::assessment::{without_cases, Assessment, Case};
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
///
/// `announced` is the last revision any tab announced for the assessment on
/// this device, which outlives its deletion: the new revision is above it
/// too, so an assessment deleted and then imported again never repeats a
/// number a tab still holds for the copy deleted, and that tab's save, or
/// its journal entry, cannot pass for the newer work.
pub fn next_revision(
    stored: u64,
    base: u64,
    own: Option<u64>,
    announced: u64,
) -> Result<u64, Conflict> {
    if stored != base && Some(stored) != own {
        return Err(Conflict);
    }
    Ok(stored.max(announced).saturating_add(1))
}

/// The revision this tab last wrote of an assessment (`written`: the copy
/// that wrote it and the revision), if the copy saving now (`copy`) may
/// build on it as its own: when the same copy wrote it, or when the copy
/// saving was not read from storage (`0`: a new, imported or replacing copy,
/// made to take the place of whatever this tab stored). A copy read from
/// storage builds only on what it read and its own saves: a save of an
/// earlier copy, finishing after it was read, holds changes it lacks.
pub fn own_revision(written: Option<(u64, u64)>, copy: u64) -> Option<u64> {
    written
        .filter(|&(by, _)| copy == 0 || by == copy)
        .map(|(_, revision)| revision)
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

/// What a save that finished means for the open copy of the same
/// assessment.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AfterSave {
    /// The version saved is this copy's, or one it was made from: the copy
    /// is stored at the save's revision, and saved as far as that version.
    Mine,
    /// The version saved is of an earlier copy, one open before this copy
    /// was opened again: this copy may have been read before that save
    /// wrote, and is judged as if another tab had saved (`Nothing` when it
    /// was read after). Taking the save's revision instead would let this
    /// copy's next save pass the check and write over that save's changes.
    Earlier(OtherTab),
}

/// [`AfterSave`]: `opened` is the session's revision the open copy had when
/// it was read from storage (0 for a copy that was not: a new, imported or
/// replacing one takes the place of whatever this tab stored), `saved` that
/// of the version saved; revisions go up across the session, so a version
/// taken before the copy was read is an earlier copy's. `open_stored` is the
/// stored revision the open copy was read at, `stored` the one the save
/// wrote.
pub fn after_save(
    opened: u64,
    saved: u64,
    open_stored: u64,
    stored: u64,
    unsaved: bool,
) -> AfterSave {
    if of_copy(opened, saved) {
        AfterSave::Mine
    } else {
        AfterSave::Earlier(other_tab_saved(open_stored, stored, unsaved))
    }
}

/// Whether a version, taken at the session's revision `version`, is of the
/// copy opened at `opened` (or one it was made from): taken when or after it
/// was opened. A copy not read from storage (`opened` 0) takes every version
/// of the assessment as its own.
pub fn of_copy(opened: u64, version: u64) -> bool {
    version >= opened
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

/// [`FailedSave`]: `open` is whether that assessment is still the open one,
/// the same copy ([`of_copy`]; a version of an earlier copy, read again
/// since, is kept as one no longer open), and then `unsaved` whether it has
/// changes not stored.
pub fn after_failed_save(open: bool, unsaved: bool, deleted: bool) -> FailedSave {
    match (open, unsaved, deleted) {
        (true, true, _) => FailedSave::Show,
        (true, false, _) | (false, _, true) => FailedSave::Nothing,
        (false, _, false) => FailedSave::Strand,
    }
}

/// Which copy opening an assessment shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Opening {
    /// The stored copy, as read.
    Stored,
    /// This tab's stranded copy of the same assessment (its save failed
    /// after another was opened), with its changes and the revision it was
    /// read at. Opening the stored copy beside it would start a second copy
    /// in this tab, and whichever was saved later would go over the other
    /// without asking; the stranded one's save instead meets any change
    /// made elsewhere meanwhile as a conflict, for the user to choose.
    Stranded,
    /// Not yet: this tab holds another assessment's stranded copy, one at a
    /// time, and a second failed save would take its place. Its changes are
    /// saved or downloaded first.
    Wait,
}

/// [`Opening`] for assessment `id`, when this tab holds a stranded copy of
/// `stranded` (if any).
pub fn opening(id: &str, stranded: Option<&str>) -> Opening {
    match stranded {
        Some(s) if s == id => Opening::Stranded,
        Some(_) => Opening::Wait,
        None => Opening::Stored,
    }
}

/// What becomes of the stored copy read to show in place of the open one
/// (saved by another tab with no changes here, or the user chose the newer
/// version), once it has been read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ShowStored {
    /// The open copy is as it was when that was decided: it is replaced.
    Replace,
    /// The user changed it while the stored copy was read: those changes
    /// are held back from saving over it, and the user chooses, as for any
    /// change made here while another tab saved.
    HoldBack,
    /// Another assessment is open now: nothing changes.
    Nothing,
}

/// [`ShowStored`]: `open_revision` is the open copy's revision now, if it
/// is still that assessment; `decided_at` its revision when the stored copy
/// was asked for.
pub fn show_stored(open_revision: Option<u64>, decided_at: u64) -> ShowStored {
    match open_revision {
        None => ShowStored::Nothing,
        Some(r) if r == decided_at => ShowStored::Replace,
        Some(_) => ShowStored::HoldBack,
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

/// How many records hold an assessment's case lines.
pub const BLOCKS: u32 = 32;

/// The block a case's line is kept in: FNV-1a of its id, so it never moves.
pub fn block_of(case: &str) -> u32 {
    let mut h: u32 = 0x811c_9dc5;
    for b in case.bytes() {
        h = (h ^ u32::from(b)).wrapping_mul(0x0100_0193);
    }
    h % BLOCKS
}

/// One case as this tab last read or wrote it.
#[derive(Debug, Clone)]
struct KnownCase {
    case: Arc<Case>,
    /// Its line as stored, once this tab has worked it out or written it.
    line: Option<Arc<str>>,
}

/// What this tab knows is stored of one assessment: each case as last read
/// or written, by id. Drawn on by the next save, which writes only the cases
/// not here unchanged.
#[derive(Debug, Clone, Default)]
pub struct Known {
    id: String,
    cases: HashMap<String, KnownCase>,
    /// The cases in the order the order record holds: a save that adds,
    /// removes or moves no case compares addresses position by position, and
    /// leaves the order record as it is. `None` when no order record is
    /// known to hold them (a frame of version 2 lists the cases itself).
    order: Option<Vec<Arc<Case>>>,
    /// The positions in `order` of each block's cases, in order: worked out
    /// once for an order, so a save that changes a few cases in place builds
    /// their blocks without hashing every case's id again.
    blocks: std::cell::OnceCell<Vec<Vec<usize>>>,
    /// How many of the cases in `order` are marked complete: the list
    /// entry's count, kept up by each save from the cases it changed rather
    /// than counted again over every case.
    completed: usize,
}

impl Known {
    /// [`Known::blocks`], worked out the first time it is asked for.
    fn blocks(&self) -> &[Vec<usize>] {
        self.blocks.get_or_init(|| {
            let mut blocks = vec![Vec::new(); BLOCKS as usize];
            for (i, case) in self.order.iter().flatten().enumerate() {
                if let Some(b) = blocks.get_mut(block_of(&case.id) as usize) {
                    b.push(i);
                }
            }
            blocks
        })
    }

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

/// One case a save writes.
#[derive(Debug, Clone, PartialEq)]
pub struct CaseWrite {
    pub id: String,
    /// [`case_text`].
    pub record: String,
}

/// The writes of one save.
#[derive(Debug)]
pub struct Plan {
    /// The frame record's text.
    pub frame: String,
    /// The order record's text, when it changed ([`order_text`]).
    pub order: Option<String>,
    /// Each case to write.
    pub cases: Vec<CaseWrite>,
    /// Ids of the cases whose records to delete.
    pub removed: Vec<String>,
    /// Each block of lines to write, whole (an empty block: `[]`).
    pub blocks: Vec<(u32, String)>,
    /// Whether to delete every case record and block of the assessment
    /// first: what is stored is not known.
    pub clear: bool,
    /// How many of the assessment's cases are marked complete, for its list
    /// entry: from the known count and the cases changed when they changed
    /// in place, else counted.
    pub completed: usize,
    id: String,
    /// The cases written, with what is now stored of them.
    written: Vec<(String, KnownCase)>,
    /// Lines worked out for cases not written (their blocks were).
    lines: Vec<(String, Arc<str>)>,
    /// The cases in order after this save: changed in place at these
    /// positions, or replaced whole.
    positions: Order,
}

#[derive(Debug)]
enum Order {
    At(Vec<(usize, Arc<Case>)>),
    Whole(Vec<Arc<Case>>),
}

impl Plan {
    /// What is stored once the save commits: call only then, so a save
    /// that fails leaves nothing taken as stored. Changes only what the save
    /// changed, so it costs what the save wrote, not the assessment's size.
    pub fn committed(self, known: &mut Option<Known>) {
        let k = match known {
            Some(k) if !self.clear && k.id == self.id => k,
            other => other.insert(Known {
                id: self.id,
                cases: HashMap::with_capacity(self.written.len()),
                order: None,
                blocks: std::cell::OnceCell::new(),
                completed: 0,
            }),
        };
        k.completed = self.completed;
        for id in &self.removed {
            k.cases.remove(id);
        }
        for (id, line) in self.lines {
            if let Some(c) = k.cases.get_mut(&id) {
                c.line = Some(line);
            }
        }
        k.cases.extend(self.written);
        match self.positions {
            Order::Whole(order) => {
                k.order = Some(order);
                k.blocks = std::cell::OnceCell::new();
            }
            Order::At(changes) => {
                for (i, case) in changes {
                    if let Some(slot) = k.order.as_mut().and_then(|o| o.get_mut(i)) {
                        *slot = case;
                    }
                }
            }
        }
    }
}

/// Where `a`'s cases are the known order's, position by position, with
/// only some changed: those positions. `None` when a case was added,
/// removed or moved, or the order is not known.
fn changed_in_place(a: &Assessment, known: &Known) -> Option<Vec<usize>> {
    let order = known.order.as_ref()?;
    if order.len() != a.cases.len() {
        return None;
    }
    let mut changed = Vec::new();
    for (i, (case, was)) in a.cases.iter().zip(order).enumerate() {
        if !Arc::ptr_eq(case, was) {
            if case.id != was.id {
                return None;
            }
            changed.push(i);
        }
    }
    Some(changed)
}

/// The writes that store `a` at `revision`, given what is `known` stored.
/// What is written, and what is kept for the next save, grows with the cases
/// that changed (and with the order, when it changed); apart from that, a
/// walk over the cases' addresses.
pub fn plan(
    a: &Assessment,
    fw: &Framework,
    saved_at: Timestamp,
    revision: u64,
    known: Option<&Known>,
) -> Result<Plan, String> {
    let known = known.filter(|k| k.id == a.id);
    let mut cases = Vec::new();
    let mut written: Vec<(String, KnownCase)> = Vec::new();
    let mut dirty = HashSet::new();
    let mut write = |case: &Arc<Case>| -> Result<(), String> {
        let text = serde_json::to_string(&**case)
            .map_err(|e| format!("case {} could not be written: {e}", case.id))?;
        cases.push(CaseWrite {
            id: case.id.clone(),
            record: case_text(revision, &text),
        });
        dirty.insert(block_of(&case.id));
        written.push((
            case.id.clone(),
            KnownCase {
                case: Arc::clone(case),
                line: None,
            },
        ));
        Ok(())
    };
    // The usual save: the same cases in the same order, some changed.
    let in_place = known.and_then(|k| Some((k, changed_in_place(a, k)?)));
    let (positions, still, order, completed) = match in_place {
        Some((k, changed)) => {
            let mut at = Vec::with_capacity(changed.len());
            let mut completed = k.completed;
            for i in changed {
                if let Some(case) = a.cases.get(i) {
                    write(case)?;
                    let was = k.order.as_ref().and_then(|o| o.get(i));
                    completed = completed
                        .saturating_sub(usize::from(was.is_some_and(|c| c.completed)))
                        + usize::from(case.completed);
                    at.push((i, Arc::clone(case)));
                }
            }
            (Order::At(at), k.cases.len(), None, completed)
        }
        None => {
            let mut whole = Vec::with_capacity(a.cases.len());
            // How many of the known cases are still here: fewer than are
            // known, and some went.
            let mut still = 0;
            let mut completed = 0;
            for case in &a.cases {
                completed += usize::from(case.completed);
                let stored = known.and_then(|k| k.cases.get(&case.id));
                still += usize::from(stored.is_some());
                if !stored.is_some_and(|k| Arc::ptr_eq(&k.case, case)) {
                    write(case)?;
                }
                whole.push(Arc::clone(case));
            }
            (Order::Whole(whole), still, Some(order_text(a)?), completed)
        }
    };
    let mut removed = Vec::new();
    if let Some(k) = known.filter(|k| still < k.cases.len()) {
        let present: HashSet<&str> = a.cases.iter().map(|c| c.id.as_str()).collect();
        for id in k.cases.keys().filter(|id| !present.contains(id.as_str())) {
            dirty.insert(block_of(id));
            removed.push(id.clone());
        }
        removed.sort();
    }
    let clear = known.is_none();
    let mut dirty: Vec<u32> = if clear {
        (0..BLOCKS).collect()
    } else {
        dirty.into_iter().collect()
    };
    dirty.sort_unstable();
    // The cases written, by id: the same order as `written`.
    let fresh: HashMap<&str, usize> = cases
        .iter()
        .enumerate()
        .map(|(i, w)| (w.id.as_str(), i))
        .collect();
    let mut lines = Vec::new();
    let mut blocks = Vec::with_capacity(dirty.len());
    // A block's cases: from the known order's positions when the save
    // changed cases in place, else found by hashing every case's id.
    let members = match (&positions, known) {
        (Order::At(_), Some(k)) => Some(k.blocks()),
        _ => None,
    };
    for b in dirty {
        let mut text = String::from("[");
        let in_block: Box<dyn Iterator<Item = &Arc<Case>>> =
            match members.and_then(|m| m.get(b as usize)) {
                Some(positions) => Box::new(positions.iter().filter_map(|&i| a.cases.get(i))),
                None => Box::new(a.cases.iter().filter(|c| block_of(&c.id) == b)),
            };
        for case in in_block {
            let kept = match fresh.get(case.id.as_str()) {
                Some(&i) => written.get(i).and_then(|(_, k)| k.line.clone()),
                None => known
                    .and_then(|k| k.cases.get(&case.id))
                    .and_then(|k| k.line.clone()),
            };
            let line = match kept {
                Some(l) => l,
                None => {
                    let l: Arc<str> = serde_json::to_string(&CaseLine::of(fw, case))
                        .map_err(|e| format!("case {} could not be listed: {e}", case.id))?
                        .into();
                    match fresh
                        .get(case.id.as_str())
                        .and_then(|&i| written.get_mut(i))
                    {
                        Some((_, k)) => k.line = Some(Arc::clone(&l)),
                        None => lines.push((case.id.clone(), Arc::clone(&l))),
                    }
                    l
                }
            };
            if text.len() > 1 {
                text.push(',');
            }
            text.push_str(&line);
        }
        text.push(']');
        // An empty block is not kept, unless one may be stored to replace.
        if text.len() > 2 || !clear {
            blocks.push((b, text));
        }
    }
    let frame = frame_text(a, saved_at, revision)?;
    Ok(Plan {
        frame,
        order,
        cases,
        removed,
        blocks,
        clear,
        completed,
        id: a.id.clone(),
        written,
        lines,
        positions,
    })
}

/// The order record: the ids of `a`'s cases in order, `["case-1",…]`.
pub fn order_text(a: &Assessment) -> Result<String, String> {
    let ids: Vec<&str> = a.cases.iter().map(|c| c.id.as_str()).collect();
    serde_json::to_string(&ids)
        .map_err(|e| format!("the order of the cases could not be written: {e}"))
}

/// A case's record: `{"revision":…,"case":{…}}`.
pub fn case_text(revision: u64, case_json: &str) -> String {
    format!("{{\"revision\":{revision},\"case\":{case_json}}}")
}

/// The frame record: `{"file":{export file, no cases}}`.
pub fn frame_text(a: &Assessment, saved_at: Timestamp, revision: u64) -> Result<String, String> {
    let file = without_cases(|| format::to_storage(a, saved_at, revision))?;
    Ok(format!("{{\"file\":{file}}}"))
}

#[derive(Deserialize)]
struct FrameRecord<'a> {
    /// Version 2: the cases in order, each with its record's revision.
    #[serde(default)]
    cases: Option<Vec<(String, u64)>>,
    #[serde(borrow)]
    file: &'a RawValue,
}

/// The cases a frame stands for, in order.
enum Listed {
    /// Version 2: from the frame, each record at the revision listed.
    AtRevisions(Vec<(String, u64)>),
    /// From the order record, each record no newer than the frame.
    NoNewerThan(Vec<String>, u64),
}

impl Listed {
    fn ids(&self) -> Box<dyn Iterator<Item = &str> + '_> {
        match self {
            Listed::AtRevisions(l) => Box::new(l.iter().map(|(id, _)| id.as_str())),
            Listed::NoNewerThan(l, _) => Box::new(l.iter().map(String::as_str)),
        }
    }

    fn len(&self) -> usize {
        match self {
            Listed::AtRevisions(l) => l.len(),
            Listed::NoNewerThan(l, _) => l.len(),
        }
    }
}

/// The frame and the cases it stands for: its own list (version 2), or
/// the order record's (`order`), which must then be there.
fn read_frame_and_order<'f>(
    frame: &'f str,
    order: Option<&str>,
) -> Result<(FrameRecord<'f>, Listed), ImportError> {
    let mut record = read_frame(frame)?;
    if let Some(list) = record.cases.take() {
        return Ok((record, Listed::AtRevisions(list)));
    }
    #[derive(Deserialize)]
    struct Revision {
        #[serde(default)]
        revision: u64,
    }
    let revision = crate::domain::json::from_str::<Revision>(record.file.get())
        .map_err(|e| unreadable(format!("the stored assessment has no revision ({e})")))?
        .revision;
    let order = order.ok_or_else(|| unreadable("the stored order of the cases is missing"))?;
    let ids: Vec<String> = crate::domain::json::from_str(order).map_err(|e| {
        unreadable(format!(
            "the stored order of the cases could not be read ({e})"
        ))
    })?;
    Ok((record, Listed::NoNewerThan(ids, revision)))
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

fn read_frame(frame: &str) -> Result<FrameRecord<'_>, ImportError> {
    crate::domain::json::from_str(frame).map_err(|e| {
        use serde_json::error::Category;
        unreadable(match e.classify() {
            Category::Eof => format!(
                "the stored assessment ends too early: it was cut short while being saved ({e})"
            ),
            Category::Syntax => format!("the stored assessment is not valid JSON ({e})"),
            _ => format!("the stored assessment is not a frame this app wrote ({e})"),
        })
    })
}

/// The frame of a stored assessment, checked as an import checks a file,
/// with its cases' lines, from its order record (`order`, none for a frame
/// of version 2) and the blocks of lines (`(block, text)`, in any order):
/// one line for each case listed, in order. A line in a block other than its
/// case's is not taken. `Ok(None)` when the frame needs the full reader
/// and `full` is none.
pub fn read_preview(
    frame: &str,
    order: Option<&str>,
    blocks: &[(u32, String)],
    catalogue: &Catalogue,
    full: Option<FullRead>,
) -> Result<Option<Preview>, ImportError> {
    let (record, listed) = read_frame_and_order(frame, order)?;
    let mut by_id = HashMap::with_capacity(listed.len());
    for (b, text) in blocks {
        let lines: Vec<CaseLine> = crate::domain::json::from_str(text).map_err(|e| {
            unreadable(format!(
                "stored block {b} of case lines could not be read ({e})"
            ))
        })?;
        for line in lines.into_iter().filter(|l| block_of(&l.id) == *b) {
            by_id.insert(line.id.clone(), line);
        }
    }
    let lines = listed
        .ids()
        .map(|id| {
            by_id
                .remove(id)
                .ok_or_else(|| unreadable(format!("the line of stored case {id} is missing")))
        })
        .collect::<Result<Vec<_>, _>>()?;
    let imported = match format::import_frame(record.file.get(), Vec::new(), catalogue) {
        Some(result) => result?,
        None => match full {
            Some(full) => full(record.file.get(), &[], catalogue)?,
            None => return Ok(None),
        },
    };
    Ok(Some(Preview {
        assessment: imported.assessment,
        lines,
        saved_at: imported.exported_at,
        revision: imported.revision,
    }))
}

/// The full reader of an assessment stored as parts, `format::import_parts`:
/// what reads a frame or a case that does not read at once (an older
/// version to migrate, or a problem to place). What this app stored nearly
/// always reads at once, so the browser fetches the full reader in a part of
/// its own, only when a read comes back asking for it (`Ok(None)` from
/// [`read_records`] and [`read_preview`] given none).
pub type FullRead = fn(&str, &[&str], &Catalogue) -> Result<Imported, ImportError>;

/// A stored assessment from its frame, its order record (none for a frame
/// of version 2) and its case records (in any order): every case listed
/// must be there, no newer than the frame (or, in version 2, at the
/// revision the frame lists), and the whole is checked as an import checks
/// a file. Also what is now known stored, for the next save. `Ok(None)`
/// when the records need the full reader and `full` is none.
pub fn read_records(
    frame: &str,
    order: Option<&str>,
    records: &[String],
    catalogue: &Catalogue,
    full: Option<FullRead>,
) -> Result<Option<(Imported, Known)>, ImportError> {
    let (record, listed) = read_frame_and_order(frame, order)?;
    let imported = match read_cases(&listed, records) {
        // Each record read in one pass, straight into its case.
        Some(Ok(cases)) => format::import_frame(record.file.get(), cases, catalogue),
        Some(Err(e)) => return Err(e),
        None => None,
    };
    let imported = match imported {
        Some(result) => result?,
        // Anything else is read as the whole file the parts make, so each
        // problem is placed and an older version migrated.
        None => {
            let Some(full) = full else {
                return Ok(None);
            };
            let texts = case_texts_in_order(&listed, records)?;
            full(record.file.get(), &texts, catalogue)?
        }
    };
    // A case the import changed (reopened, or migrated from an older format)
    // is not stored as it now is: the next save writes it.
    let changed: HashSet<&str> = imported.reopened.iter().map(|r| r.case.as_str()).collect();
    let migrated = imported.migrated_from.is_some();
    let mut known = Known {
        id: imported.assessment.id.clone(),
        cases: imported
            .assessment
            .cases
            .iter()
            .filter(|c| !migrated && !changed.contains(c.id.as_str()))
            .map(|c| {
                (
                    c.id.clone(),
                    KnownCase {
                        case: Arc::clone(c),
                        line: None,
                    },
                )
            })
            .collect(),
        order: None,
        blocks: std::cell::OnceCell::new(),
        completed: 0,
    };
    // The order as its record holds it, when every case read is as stored.
    if matches!(listed, Listed::NoNewerThan(..))
        && known.cases.len() == imported.assessment.cases.len()
    {
        known.order = Some(imported.assessment.cases.clone());
        known.completed = imported
            .assessment
            .cases
            .iter()
            .filter(|c| c.completed)
            .count();
    }
    Ok(Some((imported, known)))
}

#[derive(Deserialize)]
struct FullRecord {
    revision: u64,
    case: Arc<Case>,
}

/// The cases in order, each record read straight into its case; `None`
/// when a record does not read so (it is then read as text); an error when
/// the records do not match the frame.
fn read_cases(listed: &Listed, records: &[String]) -> Option<Result<Vec<Arc<Case>>, ImportError>> {
    let mut by_id = HashMap::with_capacity(records.len());
    for text in records {
        let r: FullRecord = crate::domain::json::from_str(text).ok()?;
        by_id.insert(r.case.id.clone(), (r.revision, r.case));
    }
    Some(in_order(listed, by_id))
}

/// The texts of the cases in order.
fn case_texts_in_order<'r>(
    listed: &Listed,
    records: &'r [String],
) -> Result<Vec<&'r str>, ImportError> {
    let mut by_id = HashMap::with_capacity(records.len());
    for (i, text) in records.iter().enumerate() {
        let r: CaseRecord = crate::domain::json::from_str(text).map_err(|e| {
            unreadable(format!(
                "stored case record {} could not be read ({e})",
                i + 1
            ))
        })?;
        #[derive(Deserialize)]
        struct Id {
            id: String,
        }
        let id = crate::domain::json::from_str::<Id>(r.case.get())
            .map_err(|e| unreadable(format!("stored case record {} has no case id ({e})", i + 1)))?
            .id;
        by_id.insert(id, (r.revision, r.case.get()));
    }
    in_order(listed, by_id)
}

/// Each case listed, in order: in version 2 at the revision the frame
/// lists, else no newer than the frame. A save is all or nothing, so a
/// record that breaks this was not written by one.
fn in_order<T>(
    listed: &Listed,
    mut by_id: HashMap<String, (u64, T)>,
) -> Result<Vec<T>, ImportError> {
    let mut out = Vec::with_capacity(listed.len());
    let mut each = |id: &str, check: &dyn Fn(u64) -> Option<String>| match by_id.remove(id) {
        Some((revision, case)) => match check(revision) {
            None => {
                out.push(case);
                Ok(())
            }
            Some(why) => Err(unreadable(format!(
                "the stored case {id} is at revision {revision}, {why}"
            ))),
        },
        None if listed.ids().filter(|i| *i == id).count() > 1 => Err(unreadable(format!(
            "the stored order lists case {id} twice"
        ))),
        None => Err(unreadable(format!(
            "the stored case {id} that the order lists is missing"
        ))),
    };
    match listed {
        Listed::AtRevisions(list) => {
            for (id, at) in list {
                each(id, &|r| {
                    (r != *at).then(|| format!("but the frame lists revision {at}"))
                })?;
            }
        }
        Listed::NoNewerThan(list, frame) => {
            for id in list {
                each(id, &|r| {
                    (r > *frame).then(|| format!("newer than the frame's revision {frame}"))
                })?;
            }
        }
    }
    Ok(out)
}
