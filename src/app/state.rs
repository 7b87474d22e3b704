//! The app's state: one reducer, shared through a context. Actions are plain
//! values; the rules of changing an assessment live in `domain::edit`.
//! Browser work (storage, files, timers) happens in hooks and pages, which
//! dispatch what came of it.
//!
//! The state never drops work that is not stored: opening another assessment
//! is refused while the open one has changes that failed to save and were
//! not exported, and a failed save of an assessment no longer open is kept
//! as a stranded copy until it is saved or downloaded.

use std::rc::Rc;

use yew::prelude::*;

use super::storage::{Quarantined, Storage, StorageError};
use super::SharedFramework;
use crate::domain::assessment::{Assessment, AssessmentSummary};
use crate::domain::backup::{BackupMarks, Settings};
use crate::domain::date::Timestamp;
use crate::domain::edit::{apply_with, Edit};
use crate::domain::forms::capitalise;
use crate::domain::progress::CaseLine;
use crate::domain::save::{self, FailedSave};

/// How far the app has got with the device's storage.
#[derive(Clone, Debug, PartialEq)]
pub enum Boot {
    Loading,
    Ready,
    /// Storage cannot be used: the app works in memory only.
    Unavailable(String),
}

/// How the last save of the open assessment went.
#[derive(Clone, Debug, PartialEq)]
pub enum SaveStatus {
    /// Nothing saved in this session yet.
    Unchanged,
    Saved {
        at: Timestamp,
    },
    /// The last attempt failed; the work is still in memory.
    Failed {
        message: String,
        quota: bool,
        /// Another tab saved a newer version: this one was not written over it.
        conflict: bool,
    },
}

/// The assessment being worked on, with its framework.
#[derive(Clone, Debug)]
pub struct OpenAssessment {
    pub assessment: Assessment,
    pub framework: SharedFramework,
    /// Goes up with every change, across all assessments of the session, so
    /// a save can tell old from new.
    pub revision: u64,
    /// The revision it had when it was read from storage (0 when it was
    /// not: new, imported or replacing the stored one): which copy it is,
    /// for its saves (`save::own_revision`), and a save of a version older
    /// than this is an earlier copy's (`save::after_save`).
    pub opened: u64,
    /// The revision last stored on the device (0: never).
    pub saved_revision: u64,
    /// The revision last exported as JSON (0: never).
    pub exported_revision: u64,
    /// The stored copy's revision this version builds on (0: not stored):
    /// the base of the next save, and what another tab's save is compared
    /// with. Unlike `revision`, it is counted on the device, across tabs.
    pub stored: u64,
    /// When it was last stored, if ever.
    pub saved_at: Option<Timestamp>,
    /// When it was last exported, and since when it has changes that were
    /// not: times the backup reminder.
    pub backup: BackupMarks,
}

/// Which copy an assessment being opened is ([`OpenAssessment::opened`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Origin {
    /// Read from storage: a copy of its own, which builds only on what it
    /// read and its own saves.
    Read,
    /// Made here to take the stored copy's place (new, imported, replacing
    /// it): it builds on any save of this tab's.
    Made,
    /// Made from the open copy, opened at this revision (work brought back
    /// into it): still that copy.
    Of(u64),
}

/// Two versions are the same when they are the same revision of the same
/// assessment, saved and exported as far: revisions are never reused, so
/// this is exact, and it saves walking whole assessments every time a
/// component re-renders.
impl PartialEq for OpenAssessment {
    fn eq(&self, other: &Self) -> bool {
        self.revision == other.revision
            && self.assessment.id == other.assessment.id
            && self.saved_revision == other.saved_revision
            && self.exported_revision == other.exported_revision
            && self.stored == other.stored
            && self.saved_at == other.saved_at
            && self.backup == other.backup
    }
}

impl OpenAssessment {
    /// Changes not yet stored.
    pub fn unsaved(&self) -> bool {
        self.revision > self.saved_revision
    }
}

/// An assessment being opened, before its cases are read: its frame (an
/// [`OpenAssessment`] with no cases, never edited or saved) and what the
/// task list shows of each case. Kept apart from [`AppState::open`], so
/// nothing but the task list ever sees it.
#[derive(Debug)]
pub struct Preview {
    pub open: Rc<OpenAssessment>,
    pub lines: Rc<Vec<CaseLine>>,
}

impl PartialEq for Preview {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.open, &other.open) && Rc::ptr_eq(&self.lines, &other.lines)
    }
}

/// A one-off message shown at the top of a page.
#[derive(Clone, Debug, PartialEq)]
pub struct Flash {
    pub heading: String,
    pub body: String,
    pub success: bool,
}

impl Flash {
    pub fn success(heading: impl Into<String>) -> Flash {
        Flash {
            heading: heading.into(),
            body: String::new(),
            success: true,
        }
    }

    pub fn problem(heading: impl Into<String>, body: impl Into<String>) -> Flash {
        Flash {
            heading: heading.into(),
            body: body.into(),
            success: false,
        }
    }
}

/// A message as the state holds it: `for_next_page` while the page that set
/// it is navigating away, so the next page shows it; it goes at the next
/// change of page after that.
#[derive(Clone, Debug, PartialEq)]
pub struct Notice {
    pub flash: Flash,
    pub for_next_page: bool,
}

/// The storage handle, shared. Compared by pointer.
#[derive(Clone)]
pub struct StorageHandle(pub Rc<Storage>);

impl PartialEq for StorageHandle {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.0, &other.0)
    }
}

/// Changes to an assessment that is no longer open and could not be saved.
#[derive(Clone, Debug, PartialEq)]
pub struct Stranded {
    pub open: Rc<OpenAssessment>,
    pub message: String,
}

#[derive(Clone, PartialEq)]
pub struct AppState {
    pub boot: Boot,
    pub storage: Option<StorageHandle>,
    pub summaries: Rc<Vec<AssessmentSummary>>,
    pub quarantined: Rc<Vec<Quarantined>>,
    pub open: Option<Rc<OpenAssessment>>,
    /// The assessment being opened, while its cases are read.
    pub preview: Option<Rc<Preview>>,
    pub save: SaveStatus,
    pub stranded: Option<Stranded>,
    pub notice: Option<Notice>,
    /// Assessments deleted in this session: a save still waiting for one
    /// of them is dropped, never made.
    pub deleted: Vec<String>,
    /// Whether the browser agreed to keep the data; `None` until asked.
    pub persisted: Option<bool>,
    /// (used, quota) in bytes.
    pub usage: Option<(u64, u64)>,
    /// A new version of the app has been downloaded and waits to be used.
    pub update_ready: bool,
    pub settings: Settings,
    revisions: u64,
}

impl Default for AppState {
    fn default() -> Self {
        AppState {
            boot: Boot::Loading,
            storage: None,
            summaries: Rc::default(),
            quarantined: Rc::default(),
            open: None,
            preview: None,
            save: SaveStatus::Unchanged,
            stranded: None,
            notice: None,
            deleted: Vec::new(),
            persisted: None,
            usage: None,
            update_ready: false,
            settings: Settings::default(),
            revisions: 0,
        }
    }
}

// An action lives for one dispatch; boxing the assessment it may carry
// would only add an allocation.
#[allow(clippy::large_enum_variant)]
pub enum Action {
    Booted {
        storage: StorageHandle,
        summaries: Vec<AssessmentSummary>,
        quarantined: Vec<Quarantined>,
    },
    BootFailed(String),
    /// The list and the kept-aside data, read again from storage.
    Listed {
        summaries: Vec<AssessmentSummary>,
        quarantined: Vec<Quarantined>,
    },
    /// An assessment becomes the open one (opened, created or imported).
    /// `dirty` means it is not stored yet and must be saved. Refused while
    /// the open assessment has failed, unexported changes.
    Open {
        assessment: Assessment,
        framework: SharedFramework,
        saved_at: Option<Timestamp>,
        dirty: bool,
        backup: BackupMarks,
        /// The stored revision it was read at (0: not stored).
        stored: u64,
        /// Which copy it is, for its saves.
        origin: Origin,
    },
    /// The frame of an assessment being opened, read before its cases.
    Preview(Rc<Preview>),
    Edit(Edit),
    /// An edit from a form the page then leaves (a case's details, its
    /// grade): a notice the edit makes is for the next page.
    EditAndGo(Edit),
    /// An edit, and the message for the next page if it was made.
    EditThen(Edit, Flash),
    /// An edit made on a page the user stays on, with a message there.
    EditHere(Edit, Flash),
    Saved {
        id: String,
        revision: u64,
        summary: AssessmentSummary,
        /// The backup marks after this save.
        backup: BackupMarks,
    },
    /// A save failed; `open` is the version that was being saved.
    SaveFailed {
        open: Rc<OpenAssessment>,
        message: String,
        quota: bool,
        conflict: bool,
    },
    /// Another tab saved a newer version of this assessment while this tab
    /// has changes of its own: they must not be saved over it.
    NewerElsewhere(String),
    /// The stored copy, read to show in place of the open one (`open`, an
    /// [`Action::Open`]), which was at `revision` when that was decided;
    /// `flash` says so if it is shown (`domain::save::show_stored`).
    ShowStored {
        revision: u64,
        open: Box<Action>,
        flash: Flash,
    },
    /// The JSON of this revision was downloaded.
    Exported {
        id: String,
        revision: u64,
        /// The backup marks after this export.
        backup: BackupMarks,
    },
    /// A summary changed outside the open assessment (e.g. a duplicate saved).
    ListedOne(AssessmentSummary),
    /// Dispatched before the stored copy is deleted.
    Deleted(String),
    Persistence {
        persisted: Option<bool>,
        usage: Option<(u64, u64)>,
    },
    /// A message on this page.
    Flash(Flash),
    /// A message for the page about to be shown.
    FlashNext(Flash),
    /// The user moved to another page.
    RouteChanged,
    /// A new version of the app is ready to start.
    UpdateReady,
    /// Everything on this device is being deleted: dispatched before the
    /// stored copies go, so no save can bring one back.
    Cleared,
    /// The user's settings were read or changed.
    Settings(Settings),
}

impl Reducible for AppState {
    type Action = Action;

    fn reduce(self: Rc<Self>, action: Action) -> Rc<Self> {
        let mut s = (*self).clone();
        match action {
            Action::Booted {
                storage,
                summaries,
                quarantined,
            } => {
                s.boot = Boot::Ready;
                s.storage = Some(storage);
                // Keep an assessment opened while storage was starting.
                let mut list = summaries;
                if let Some(o) = s.open.as_ref().filter(|o| o.unsaved()) {
                    list.retain(|x| x.id != o.assessment.id);
                    list.insert(0, o.assessment.summary(o.saved_at.unwrap_or_else(now)));
                }
                s.summaries = Rc::new(list);
                s.quarantined = Rc::new(quarantined);
            }
            Action::BootFailed(message) => s.boot = Boot::Unavailable(message),
            Action::Listed {
                summaries,
                quarantined,
            } => {
                s.summaries = Rc::new(summaries);
                s.quarantined = Rc::new(quarantined);
            }
            Action::Open {
                assessment,
                framework,
                saved_at,
                dirty,
                backup,
                stored,
                origin,
            } => {
                if let Some(current) = s.blocking(&assessment.id) {
                    let force = current.assessment.force.clone();
                    s.notify(
                        Flash::problem(
                            format!("Your changes to the assessment for {force} are not saved"),
                            "Export that assessment, or try saving it again, before opening another.",
                        ),
                        true,
                    );
                    return Rc::new(s);
                }
                let stranded_id = s.stranded.as_ref().map(|x| x.open.assessment.id.as_str());
                let opening = save::opening(&assessment.id, stranded_id);
                if let (save::Opening::Wait, Some(x)) = (opening, &s.stranded) {
                    let force = x.open.assessment.force.clone();
                    s.notify(
                        Flash::problem(
                            format!("Your changes to the assessment for {force} are not saved"),
                            "Download them, or try saving them again, before opening another.",
                        ),
                        true,
                    );
                    return Rc::new(s);
                }
                s.revisions += 1;
                let revision = s.revisions;
                s.preview = None;
                s.deleted.retain(|d| *d != assessment.id);
                if opening == save::Opening::Stranded {
                    if let Some(x) = s.stranded.take() {
                        let mut open = (*x.open).clone();
                        open.revision = revision;
                        open.saved_revision = 0;
                        s.save = SaveStatus::Unchanged;
                        s.open = Some(Rc::new(open));
                        s.notify(
                            Flash::problem(
                                "Your unsaved changes to this assessment are open again",
                                "They are saved as soon as this browser's storage takes them. Until then, export the assessment to keep them.",
                            ),
                            false,
                        );
                        return Rc::new(s);
                    }
                }
                if dirty {
                    let mut list = (*s.summaries).clone();
                    list.retain(|x| x.id != assessment.id);
                    list.insert(0, assessment.summary(saved_at.unwrap_or_else(now)));
                    s.summaries = Rc::new(list);
                }
                s.save = SaveStatus::Unchanged;
                s.open = Some(Rc::new(OpenAssessment {
                    assessment,
                    framework,
                    revision,
                    opened: match origin {
                        Origin::Read => revision,
                        Origin::Made => 0,
                        Origin::Of(opened) => opened,
                    },
                    saved_revision: if dirty { 0 } else { revision },
                    exported_revision: 0,
                    stored,
                    saved_at,
                    backup,
                }));
            }
            Action::Preview(preview) => {
                let id = &preview.open.assessment.id;
                if s.open.as_ref().is_some_and(|o| o.assessment.id == *id) || s.deleted.contains(id)
                {
                    return self;
                }
                s.preview = Some(preview);
            }
            Action::Edit(edit) => {
                s.edit(edit, None, false);
            }
            Action::EditAndGo(edit) => {
                s.edit(edit, None, true);
            }
            Action::EditThen(edit, flash) => {
                s.edit(edit, Some((flash, true)), true);
            }
            Action::EditHere(edit, flash) => {
                s.edit(edit, Some((flash, false)), false);
            }
            // A save already under way when the assessment was deleted: the
            // list must not show it again.
            Action::Saved { id, .. } if s.deleted.contains(&id) => {}
            Action::Saved {
                id,
                revision,
                summary,
                backup,
            } => {
                let after = s.open.as_ref().filter(|o| o.assessment.id == id).map(|o| {
                    save::after_save(o.opened, revision, o.stored, summary.revision, o.unsaved())
                });
                match (after, s.open.as_mut()) {
                    (Some(save::AfterSave::Mine), Some(open)) => {
                        let open = Rc::make_mut(open);
                        open.saved_revision = open.saved_revision.max(revision);
                        open.stored = open.stored.max(summary.revision);
                        open.saved_at = Some(summary.saved_at);
                        open.backup = backup;
                        s.save = SaveStatus::Saved {
                            at: summary.saved_at,
                        };
                    }
                    // Opened again while an earlier copy's save was under
                    // way, and read before it wrote. With no changes here it
                    // is read again (the page opens it afresh); with
                    // changes, they are held back as from another tab's save.
                    (Some(save::AfterSave::Earlier(save::OtherTab::ShowStored)), _) => {
                        s.open = None
                    }
                    _ => {}
                }
                if s.stranded
                    .as_ref()
                    .is_some_and(|x| x.open.assessment.id == id && x.open.revision <= revision)
                {
                    s.stranded = None;
                }
                upsert(&mut s.summaries, summary);
                if after == Some(save::AfterSave::Earlier(save::OtherTab::HoldBack)) {
                    return Rc::new(s).reduce(Action::NewerElsewhere(id));
                }
            }
            Action::SaveFailed {
                open,
                message,
                quota,
                conflict,
            } => {
                // A version of an earlier copy (one open before the open copy
                // was read again) is not the open copy's to drop.
                let same = s.open.as_ref().filter(|o| {
                    o.assessment.id == open.assessment.id && save::of_copy(o.opened, open.revision)
                });
                match save::after_failed_save(
                    same.is_some(),
                    same.is_some_and(|o| o.unsaved()),
                    s.deleted.contains(&open.assessment.id),
                ) {
                    FailedSave::Show => {
                        s.save = SaveStatus::Failed {
                            message,
                            quota,
                            conflict,
                        }
                    }
                    FailedSave::Nothing => {}
                    FailedSave::Strand => s.stranded = Some(Stranded { open, message }),
                }
            }
            Action::Exported {
                id,
                revision,
                backup,
            } => {
                if let Some(open) = s.open.as_mut().filter(|o| o.assessment.id == id) {
                    let open = Rc::make_mut(open);
                    open.exported_revision = open.exported_revision.max(revision);
                    open.backup = backup;
                }
                if s.stranded
                    .as_ref()
                    .is_some_and(|x| x.open.assessment.id == id && x.open.revision <= revision)
                {
                    s.stranded = None;
                }
            }
            Action::ShowStored {
                revision,
                open,
                flash,
            } => {
                let Action::Open { assessment, .. } = &*open else {
                    return self;
                };
                let now = s
                    .open
                    .as_ref()
                    .filter(|o| o.assessment.id == assessment.id)
                    .map(|o| o.revision);
                return match save::show_stored(now, revision) {
                    save::ShowStored::Nothing => self,
                    save::ShowStored::HoldBack => {
                        let id = assessment.id.clone();
                        self.reduce(Action::NewerElsewhere(id))
                    }
                    save::ShowStored::Replace => {
                        let shown = self.reduce(*open);
                        shown.reduce(Action::Flash(flash))
                    }
                };
            }
            Action::NewerElsewhere(id) => {
                if s.open.as_ref().is_some_and(|o| o.assessment.id == id) {
                    s.save = SaveStatus::Failed {
                        message: StorageError::Conflict.to_string(),
                        quota: false,
                        conflict: true,
                    };
                }
            }
            Action::ListedOne(summary) => upsert(&mut s.summaries, summary),
            Action::Deleted(id) => {
                let mut list = (*s.summaries).clone();
                list.retain(|x| x.id != id);
                s.summaries = Rc::new(list);
                if s.open.as_ref().is_some_and(|o| o.assessment.id == id) {
                    s.open = None;
                    s.save = SaveStatus::Unchanged;
                }
                if s.preview
                    .as_ref()
                    .is_some_and(|p| p.open.assessment.id == id)
                {
                    s.preview = None;
                }
                // Its forms' unsaved typing goes with it.
                super::drafts::discard_under(&[&id]);
                s.deleted.push(id);
            }
            Action::Persistence { persisted, usage } => {
                s.persisted = persisted.or(s.persisted);
                s.usage = usage.or(s.usage);
            }
            Action::Flash(flash) => s.notify(flash, false),
            Action::FlashNext(flash) => s.notify(flash, true),
            Action::UpdateReady => s.update_ready = true,
            Action::Cleared => {
                super::drafts::discard_under(&[]);
                let mut gone: Vec<String> = s.summaries.iter().map(|x| x.id.clone()).collect();
                gone.extend(s.open.as_ref().map(|o| o.assessment.id.clone()));
                gone.extend(s.stranded.as_ref().map(|x| x.open.assessment.id.clone()));
                s.deleted.extend(gone);
                s.summaries = Rc::default();
                s.quarantined = Rc::default();
                s.open = None;
                s.preview = None;
                s.stranded = None;
                s.save = SaveStatus::Unchanged;
                s.settings = Settings::default();
            }
            Action::Settings(settings) => s.settings = settings,
            Action::RouteChanged => match &mut s.notice {
                Some(n) if n.for_next_page => n.for_next_page = false,
                Some(_) => s.notice = None,
                None => return self,
            },
        }
        // Typing kept for a case, an action or a recommendation no longer
        // there (deleted in another tab, or by work brought back) goes: no
        // page could show it, yet closing the tab would ask.
        if let Some(o) = &s.open {
            super::drafts::prune(&o.assessment);
        }
        Rc::new(s)
    }
}

impl AppState {
    /// The state before storage is opened, with the user's settings.
    pub fn with_settings(settings: Settings) -> AppState {
        AppState {
            settings,
            ..AppState::default()
        }
    }

    fn notify(&mut self, flash: Flash, for_next_page: bool) {
        self.notice = Some(Notice {
            flash,
            for_next_page,
        });
    }

    /// Applies an edit; `then` is the message on success, and whether it is
    /// for the next page; `moving_on`, whether the page is left after it.
    fn edit(&mut self, edit: Edit, then: Option<(Flash, bool)>, moving_on: bool) {
        let Some(open) = self.open.as_mut() else {
            return;
        };
        let open = Rc::make_mut(open);
        let lead = super::chunks::lead_edits();
        // A complete case an edit reopens (a changed answer, note or time),
        // said at once: the task list alone would show it, unannounced
        // (found in review).
        let reopening = edit
            .case()
            .filter(|_| !matches!(edit, Edit::Reopen { .. }))
            .filter(|id| open.assessment.case(id).is_some_and(|c| c.completed))
            .map(str::to_owned);
        match apply_with(
            &mut open.assessment,
            &open.framework,
            edit,
            Some(now()),
            lead,
        ) {
            Ok(_) => {
                self.revisions += 1;
                open.revision = self.revisions;
                let reopened = reopening
                    .and_then(|id| open.assessment.case(&id))
                    .filter(|c| !c.completed)
                    .map(|c| format!("{} was complete, and this change reopened it: check its answers again to complete it.", c.label()));
                match (then, reopened) {
                    // The page's own message stays, saying the case reopened.
                    (Some((mut flash, next)), Some(words)) => {
                        flash.body = words;
                        self.notify(flash, next);
                    }
                    (Some((flash, next)), None) => self.notify(flash, next),
                    (None, Some(words)) => self.notify(
                        Flash::problem("This change reopened the case", words),
                        moving_on,
                    ),
                    (None, None) => {}
                }
            }
            // Pages check edits before dispatching them; one refused here
            // changes nothing and is said at the top of the page.
            Err(e) => self.notify(
                Flash::problem("That change was not made", capitalise(&e.to_string())),
                moving_on,
            ),
        }
    }

    /// Whether the open assessment has changes not yet stored.
    pub fn unsaved(&self) -> bool {
        self.open.as_ref().is_some_and(|o| o.unsaved())
    }

    /// The open assessment, if opening `id` instead would lose its changes:
    /// they failed to save and were not exported since.
    pub fn blocking(&self, id: &str) -> Option<&Rc<OpenAssessment>> {
        self.open.as_ref().filter(|o| {
            o.assessment.id != id
                && save::blocks_opening(
                    o.unsaved(),
                    o.exported_revision >= o.revision,
                    matches!(self.save, SaveStatus::Failed { .. })
                        || matches!(self.boot, Boot::Unavailable(_)),
                )
        })
    }
}

fn upsert(list: &mut Rc<Vec<AssessmentSummary>>, summary: AssessmentSummary) {
    let list = Rc::make_mut(list);
    list.retain(|x| x.id != summary.id);
    list.push(summary);
    crate::domain::order::sort_by_key(list, |s| std::cmp::Reverse(s.saved_at));
}

/// The time now, from the browser's clock.
pub fn now() -> Timestamp {
    Timestamp::from_unix_millis(js_sys::Date::now() as i64).unwrap_or(Timestamp::EPOCH)
}

/// The shared state and its dispatcher, from the context.
pub type Store = UseReducerHandle<AppState>;

#[hook]
pub fn use_store() -> Store {
    // The provider wraps the whole app, so the context is always there. Hooks
    // cannot be called conditionally, so the empty fallback is made every
    // time; it is never used inside the app, and avoids a panic outside it.
    let fallback = use_reducer(AppState::default);
    use_context::<Store>().unwrap_or(fallback)
}
