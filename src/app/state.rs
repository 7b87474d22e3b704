//! The app's state: one reducer, shared through a context. Actions are plain
//! values; the rules of changing an assessment live in `domain::edit`.
//! Browser work (storage, files, timers) happens in hooks and pages, which
//! dispatch what came of it.

use std::rc::Rc;

use yew::prelude::*;

use super::storage::{Quarantined, Storage};
use super::SharedFramework;
use crate::domain::assessment::{Assessment, AssessmentSummary};
use crate::domain::date::Timestamp;
use crate::domain::edit::{apply, Edit};
use crate::domain::forms::capitalise;

/// How far the app has got with the device's storage.
#[derive(Clone, Debug, PartialEq)]
pub enum Boot {
    Loading,
    Ready,
    /// Storage cannot be used: the app works in memory only.
    Unavailable(String),
}

/// Whether the open assessment's latest change is safely stored.
#[derive(Clone, Debug, PartialEq)]
pub enum SaveStatus {
    /// Nothing changed since it was opened.
    Unchanged,
    /// Saved up to this revision at this time.
    Saved { at: Timestamp, revision: u64 },
    /// The last attempt failed; the work is still in memory.
    Failed { message: String, quota: bool },
}

/// The assessment being worked on, with its framework.
#[derive(Clone, Debug, PartialEq)]
pub struct OpenAssessment {
    pub assessment: Assessment,
    pub framework: SharedFramework,
    /// Goes up by one with every change, so saves can tell old from new.
    pub revision: u64,
    /// When it was last stored, if ever.
    pub saved_at: Option<Timestamp>,
}

impl OpenAssessment {
    pub fn new(
        assessment: Assessment,
        framework: SharedFramework,
        saved_at: Option<Timestamp>,
    ) -> Self {
        OpenAssessment {
            assessment,
            framework,
            revision: 0,
            saved_at,
        }
    }
}

/// A one-off message shown at the top of the next page.
#[derive(Clone, Debug, PartialEq)]
pub struct Flash {
    pub heading: String,
    pub body: String,
    pub success: bool,
}

/// A message as the state holds it, numbered so that a page dismisses only
/// the message it showed.
#[derive(Clone, Debug, PartialEq)]
pub struct Notice {
    pub id: u64,
    pub flash: Flash,
}

/// The storage handle, shared. Compared by pointer.
#[derive(Clone)]
pub struct StorageHandle(pub Rc<Storage>);

impl PartialEq for StorageHandle {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.0, &other.0)
    }
}

#[derive(Clone, PartialEq)]
pub struct AppState {
    pub boot: Boot,
    pub storage: Option<StorageHandle>,
    pub summaries: Vec<AssessmentSummary>,
    pub quarantined: Vec<Quarantined>,
    pub open: Option<Rc<OpenAssessment>>,
    pub save: SaveStatus,
    pub notice: Option<Notice>,
    notices: u64,
    /// Assessments deleted in this session: a save still waiting for one
    /// of them is dropped, never made.
    pub deleted: Vec<String>,
    /// Whether the browser agreed to keep the data; `None` until asked.
    pub persisted: Option<bool>,
    /// (used, quota) in bytes.
    pub usage: Option<(u64, u64)>,
}

impl Default for AppState {
    fn default() -> Self {
        AppState {
            boot: Boot::Loading,
            storage: None,
            summaries: Vec::new(),
            quarantined: Vec::new(),
            open: None,
            save: SaveStatus::Unchanged,
            notice: None,
            notices: 0,
            deleted: Vec::new(),
            persisted: None,
            usage: None,
        }
    }
}

pub enum Action {
    Booted {
        storage: StorageHandle,
        summaries: Vec<AssessmentSummary>,
        quarantined: Vec<Quarantined>,
    },
    BootFailed(String),
    /// An assessment became the open one (opened, created or imported).
    /// `dirty` means it is not yet stored and must be saved.
    Open {
        open: OpenAssessment,
        dirty: bool,
    },
    Close,
    Edit(Edit),
    Saved {
        revision: u64,
        summary: AssessmentSummary,
    },
    SaveFailed {
        message: String,
        quota: bool,
    },
    /// A summary changed outside the open assessment (e.g. a duplicate saved).
    Listed(AssessmentSummary),
    /// Dispatched before the stored copy is deleted.
    Deleted(String),
    Quarantine(Vec<Quarantined>),
    Persistence {
        persisted: Option<bool>,
        usage: Option<(u64, u64)>,
    },
    /// Show a message at the top of the next page.
    Flash(Option<Flash>),
    /// The page that showed message `id` has gone.
    Dismiss(u64),
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
                s.summaries = summaries;
                s.quarantined = quarantined;
            }
            Action::BootFailed(message) => s.boot = Boot::Unavailable(message),
            Action::Open { mut open, dirty } => {
                if dirty {
                    // Revision 1 is unsaved: the autosave stores it at once.
                    open.revision = 1;
                    s.summaries.retain(|x| x.id != open.assessment.id);
                    s.summaries.insert(
                        0,
                        open.assessment.summary(open.saved_at.unwrap_or_else(now)),
                    );
                }
                s.save = SaveStatus::Unchanged;
                s.open = Some(Rc::new(open));
            }
            Action::Close => {
                s.open = None;
                s.save = SaveStatus::Unchanged;
            }
            Action::Edit(edit) => {
                let Some(open) = s.open.as_mut() else {
                    return self;
                };
                let open = Rc::make_mut(open);
                match apply(&mut open.assessment, &open.framework, edit) {
                    Ok(_) => open.revision += 1,
                    // Pages check edits before dispatching them; one refused
                    // here changes nothing and is said at the top of the page.
                    Err(e) => s.notify(Flash {
                        heading: "That change was not made".into(),
                        body: capitalise(&e.to_string()),
                        success: false,
                    }),
                }
            }
            // A save that was already under way when the assessment was
            // deleted: the list must not show it again.
            Action::Saved { summary, .. } if s.deleted.contains(&summary.id) => {}
            Action::Saved { revision, summary } => {
                if let Some(open) = s.open.as_mut().filter(|o| o.assessment.id == summary.id) {
                    let open = Rc::make_mut(open);
                    open.saved_at = Some(summary.saved_at);
                    s.save = SaveStatus::Saved {
                        at: summary.saved_at,
                        revision,
                    };
                }
                upsert(&mut s.summaries, summary);
            }
            Action::SaveFailed { message, quota } => s.save = SaveStatus::Failed { message, quota },
            Action::Listed(summary) => upsert(&mut s.summaries, summary),
            Action::Deleted(id) => {
                s.summaries.retain(|x| x.id != id);
                s.deleted.push(id.clone());
                if s.open.as_ref().is_some_and(|o| o.assessment.id == id) {
                    s.open = None;
                    s.save = SaveStatus::Unchanged;
                }
            }
            Action::Quarantine(items) => s.quarantined = items,
            Action::Persistence { persisted, usage } => {
                s.persisted = persisted.or(s.persisted);
                s.usage = usage.or(s.usage);
            }
            Action::Flash(Some(flash)) => s.notify(flash),
            Action::Flash(None) => s.notice = None,
            Action::Dismiss(id) => {
                if s.notice.as_ref().is_some_and(|n| n.id == id) {
                    s.notice = None;
                }
            }
        }
        Rc::new(s)
    }
}

impl AppState {
    fn notify(&mut self, flash: Flash) {
        self.notices += 1;
        self.notice = Some(Notice {
            id: self.notices,
            flash,
        });
    }

    /// Whether the open assessment has changes not yet stored.
    pub fn unsaved(&self) -> bool {
        match (&self.open, &self.save) {
            (None, _) => false,
            (Some(o), SaveStatus::Saved { revision, .. }) => o.revision > *revision,
            (Some(o), _) => o.revision > 0,
        }
    }
}

fn upsert(list: &mut Vec<AssessmentSummary>, summary: AssessmentSummary) {
    list.retain(|x| x.id != summary.id);
    list.push(summary);
    list.sort_by_key(|s| std::cmp::Reverse(s.saved_at));
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
