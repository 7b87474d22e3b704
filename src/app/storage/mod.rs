//! Browser storage: the only code in the app that touches it.
//!
//! Assessments live in IndexedDB, database `cpsa` version 3, as records
//! whose layout and rules are the save protocol's, in
//! [`crate::domain::save`] (read that first): object stores with explicit
//! keys and string values:
//!
//! - `frames`: key = assessment id, value = [`save::frame_text`], the
//!   assessment without its cases (in version 2, with each case's id and
//!   revision);
//! - `orders` (from version 3): key = assessment id, value =
//!   [`save::order_text`], the ids of its cases in order;
//! - `cases`: key = `[assessment id, case id]`, value = [`save::case_text`];
//! - `lines`: key = `[assessment id, block]`, value = a JSON array of the
//!   [`crate::domain::progress::CaseLine`]s of the cases in that block
//!   ([`save::block_of`]);
//! - `index`: key = assessment id, value = JSON of its [`AssessmentSummary`];
//! - `assessments`: the layout before version 2 (key = assessment id, value =
//!   [`format::to_storage`] text), read and then saved as records;
//! - `quarantine`: key = `<store>/<original key>/<unix millis>` (with `-1`,
//!   `-2`, ... added if that key is taken), value = JSON of a [`Quarantined`].
//!
//! Beside IndexedDB, a write-ahead journal in `localStorage` (key
//! `cpsa.journal.<tab>.<assessment id>`, value = [`format::to_storage`] text) holds
//! the latest version of an assessment when the page is hidden with a change
//! not yet saved (see `journal.rs`), and `cpsa.revision.<id>` tells other
//! tabs of each save (see `crate::app::tabs`).
//!
//! The rules, which are product rules:
//!
//! - storage faults never lose data: stored data that cannot be read is moved
//!   to the quarantine store, text unchanged, and is never overwritten or
//!   deleted unless the user discards it (after downloading it);
//! - a save is one transaction: all its records or none;
//! - a failed write returns an error, and the app keeps the work in memory and
//!   asks the user to export it;
//! - nothing here panics on anything the browser returns, and every error is a
//!   value whose message says what the user can do.

use std::cell::{Cell, RefCell};
use std::collections::{HashMap, HashSet};
use std::fmt;
use std::future::Future;
use std::rc::Rc;

use idb::{
    Database, DatabaseEvent, Event, Factory, ObjectStore, ObjectStoreParams, Query, Request,
    Transaction, TransactionMode, TransactionResult,
};
use serde::{Deserialize, Serialize};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use web_sys::{DomException, IdbDatabase, IdbTransaction, StorageManager};

use crate::domain::assessment::{Assessment, AssessmentSummary};
use crate::domain::backup::{BackupMarks, Settings};
use crate::domain::date::Timestamp;
use crate::domain::format;
use crate::domain::framework::{Catalogue, Framework};
use crate::domain::save::{self, Known, Preview};

mod assessments;
mod indexed_db;
mod journal;
mod manager;
mod preferences;
mod quarantine;

use indexed_db::*;
use journal::*;
pub use journal::{journal, journal_key, journal_waiting};
pub use manager::{estimate, is_persisted, request_persistence};
use preferences::*;
pub use preferences::{backup_marks, note_change, note_export, save_settings, settings};
use quarantine::add_to_quarantine;

/// The database's name.
pub const DB_NAME: &str = "cpsa";
/// The database's version: the layout of its stores (3: the order of an
/// assessment's cases in a record of its own; 2: an assessment as records;
/// 1: as one record in `assessments`).
pub const DB_VERSION: u32 = 3;
/// Assessment id → [`save::frame_text`].
pub const FRAMES: &str = "frames";
/// Assessment id → [`save::order_text`].
pub const ORDERS: &str = "orders";
/// `[assessment id, case id]` → [`save::case_text`].
pub const CASES: &str = "cases";
/// `[assessment id, block]` → JSON of the lines of the cases in the block.
pub const LINES: &str = "lines";
/// Assessment id → JSON of its [`AssessmentSummary`].
pub const INDEX: &str = "index";
/// Before version 2: assessment id → [`format::to_storage`] text.
pub const ASSESSMENTS: &str = "assessments";
/// Quarantine key → JSON of a [`Quarantined`].
pub const QUARANTINE: &str = "quarantine";
const STORES: [&str; 7] = [FRAMES, ORDERS, CASES, LINES, INDEX, ASSESSMENTS, QUARANTINE];
/// The stores an assessment's records are in.
const RECORDS: [&str; 6] = [FRAMES, ORDERS, CASES, LINES, INDEX, ASSESSMENTS];
/// The `localStorage` key prefix of the write-ahead journal.
pub const JOURNAL_PREFIX: &str = "cpsa.journal.";
/// The `localStorage` key prefix of each assessment's latest saved revision
/// (`crate::app::tabs`).
pub use crate::app::tabs::REVISION_PREFIX;
/// The `localStorage` key prefix of each assessment's backup marks.
pub const BACKUP_PREFIX: &str = "cpsa.backup.";
/// The `localStorage` key of the user's settings.
pub const SETTINGS_KEY: &str = "cpsa.settings";
/// Every `localStorage` key of the app starts with this.
const APP_PREFIX: &str = "cpsa.";

/// Why the connection is no longer usable after another tab upgraded or
/// deleted the database, or the browser closed it.
const CLOSED: &str = "the app's storage was closed because another tab changed it or the browser cleared it; reload the page to reconnect";

/// A connection to the app's database. Dropping it closes the connection.
pub struct Storage {
    db: Database,
    /// Set when the connection has been closed under us.
    closed: Rc<Cell<bool>>,
    /// The copy (`OpenAssessment::opened`) and the revision this connection
    /// (this tab) last wrote, by id: a stored copy at that revision is this
    /// tab's own earlier save, not another's (`save::own_revision`).
    written: RefCell<HashMap<String, (u64, u64)>>,
    /// What is stored of the assessment last read or saved: the next save
    /// of it writes only the cases changed since.
    known: RefCell<Option<Known>>,
}

/// What went wrong with browser storage.
#[derive(Debug, Clone, PartialEq)]
pub enum StorageError {
    /// IndexedDB cannot be used at all (private mode, blocked by policy, not supported).
    Unavailable(String),
    /// The browser refused the write for lack of space.
    QuotaExceeded,
    /// Anything else, with the browser's message.
    Failed(String),
    /// Another tab or window saved this assessment since this version was
    /// read; the stored copy is newer.
    Conflict,
}

impl fmt::Display for StorageError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            StorageError::Unavailable(why) => write!(
                f,
                "This browser will not let the app keep data on this device ({why}). \
                 Private browsing or a browser setting can cause this. \
                 Your work in this tab is not saved: export it to keep it."
            ),
            StorageError::QuotaExceeded => f.write_str(
                "This device has no more storage space for the app, so the latest changes \
                 were not saved. Your work is still open in this tab: export it now to keep it, \
                 then free space, for example by deleting assessments you have exported.",
            ),
            StorageError::Failed(why) => write!(
                f,
                "The browser's storage failed ({why}). Your work in this tab is unchanged: \
                 export it to keep a copy, then reload the page."
            ),
            StorageError::Conflict => f.write_str(
                "This assessment was changed in another tab or window, so the changes made \
                 here were not saved over it. Download this tab's version to keep it, then show \
                 the newer version.",
            ),
        }
    }
}

impl std::error::Error for StorageError {}

/// Why an assessment could not be opened.
#[derive(Debug, Clone, PartialEq)]
pub enum OpenError {
    /// No assessment with that id is stored on this device.
    NotFound,
    /// The stored text could not be read back. It was moved to quarantine,
    /// unchanged, under `quarantine_key`.
    Unreadable {
        quarantine_key: String,
        reason: String,
    },
    Storage(StorageError),
}

impl fmt::Display for OpenError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            OpenError::NotFound => f.write_str(
                "This assessment is not stored on this device. It may have been deleted in another tab.",
            ),
            OpenError::Unreadable { reason, .. } => write!(
                f,
                "The stored copy of this assessment could not be read: {reason}. \
                 It has been kept aside, unchanged, and you can download it from the list of assessments."
            ),
            OpenError::Storage(e) => e.fmt(f),
        }
    }
}

impl std::error::Error for OpenError {}

impl From<StorageError> for OpenError {
    fn from(e: StorageError) -> OpenError {
        OpenError::Storage(e)
    }
}

/// Stored data that could not be read, kept aside unchanged.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Quarantined {
    /// Its key in the quarantine store.
    pub key: String,
    /// The store it was in.
    pub store: String,
    /// Its key in that store.
    pub original_key: String,
    /// Why it could not be read.
    pub reason: String,
    /// The stored text, exactly (JSON of the value when it was not text).
    pub raw: String,
    /// When it was moved.
    pub at: Timestamp,
}

/// The list of assessments, and everything kept aside.
#[derive(Debug, Clone, PartialEq)]
pub struct Loaded {
    /// Newest `saved_at` first.
    pub summaries: Vec<AssessmentSummary>,
    /// Everything in the quarantine store, newest first.
    pub quarantined: Vec<Quarantined>,
}

/// One assessment read back from storage.
#[derive(Debug, Clone, PartialEq)]
pub struct Opened {
    pub assessment: Assessment,
    /// When it was saved (the stored text's `exported_at`).
    pub saved_at: Option<Timestamp>,
    /// The format version it was stored in, when older and migrated.
    pub migrated_from: Option<u32>,
    /// How many times it has been saved (the base of the next save).
    pub revision: u64,
    /// Read from the layout before version 2: to be saved as records.
    pub old_layout: bool,
    /// Cases stored complete that reading reopened, as an import reopens
    /// them (`format::Reopened`): to be saved so, and the user told.
    pub reopened: Vec<crate::domain::format::Reopened>,
}

impl Storage {
    /// Opens (creating if need be) the app's database. If another tab later
    /// upgrades or deletes the database, this connection closes so as not to
    /// block it, and every call then returns `Unavailable` asking for a reload.
    pub async fn open() -> Result<Storage, StorageError> {
        let factory = Factory::new().map_err(|e| {
            StorageError::Unavailable(format!(
                "this browser offers no IndexedDB: {}",
                idb_text(&e)
            ))
        })?;
        let mut request = factory
            .open(DB_NAME, Some(DB_VERSION))
            .map_err(|e| unavailable(&e))?;
        let upgrade_failure: Rc<RefCell<Option<String>>> = Rc::default();
        let failure = Rc::clone(&upgrade_failure);
        request.on_upgrade_needed(move |event| {
            if let Err(e) = create_stores(&event) {
                *failure.borrow_mut() = Some(e);
                // Abort the upgrade so the database is not left half made.
                if let Some(tx) = event.target().ok().and_then(|r| r.transaction()) {
                    let _ = tx.abort();
                }
            }
        });
        let db = match request.await {
            Ok(db) => db,
            Err(e) => {
                let why = upgrade_failure.take();
                return Err(match (why, dom_exception(&e)) {
                    (Some(why), _) => StorageError::Unavailable(format!(
                        "the app's storage could not be set up: {why}"
                    )),
                    (None, Some(d)) if d.name() == "QuotaExceededError" => {
                        StorageError::QuotaExceeded
                    }
                    (None, Some(d)) if d.name() == "VersionError" => StorageError::Unavailable(
                        "the data on this device was saved by a newer version of this app; \
                         reload the page to get that version"
                            .into(),
                    ),
                    (None, _) => unavailable(&e),
                });
            }
        };

        let names = db.store_names();
        let missing: Vec<&str> = STORES
            .into_iter()
            .filter(|s| !names.iter().any(|n| n == s))
            .collect();
        if !missing.is_empty() {
            db.close();
            return Err(StorageError::Unavailable(format!(
                "the app's database on this device lacks the store(s) {}",
                missing.join(", ")
            )));
        }

        // Another tab opening a newer version, or deleting the database,
        // asks this connection to close; it does, and says so from then on.
        let closed = Rc::new(Cell::new(false));
        let raw: IdbDatabase = db.into();
        let mut db = Database::from(raw.clone());
        let on_change = Rc::clone(&closed);
        db.on_version_change(move |_| {
            on_change.set(true);
            raw.close();
        });
        let on_close = Rc::clone(&closed);
        db.on_close(move |_| on_close.set(true));
        Ok(Storage {
            db,
            closed,
            written: RefCell::default(),
            known: RefCell::default(),
        })
    }

    /// Deletes everything the app keeps on this device: every assessment,
    /// the list, the kept-aside data, the journal, the backup marks and the
    /// settings. Only ever called after the user has confirmed it.
    pub async fn clear_all(&self) -> Result<(), StorageError> {
        let tx = self.transaction(&STORES, TransactionMode::ReadWrite)?;
        for store in STORES {
            object_store(&tx, store)?
                .clear()
                .map_err(from_idb)?
                .await
                .map_err(from_idb)?;
        }
        commit(tx).await?;
        self.forget_known(None);
        if let Ok(ls) = local_storage() {
            let mut keys = Vec::new();
            for i in 0..ls.length().map_err(|e| from_js(&e))? {
                if let Some(key) = ls.key(i).map_err(|e| from_js(&e))? {
                    if key.starts_with(APP_PREFIX) {
                        keys.push(key);
                    }
                }
            }
            for key in keys {
                ls.remove_item(&key).map_err(|e| from_js(&e))?;
            }
        }
        Ok(())
    }

    /// Forgets what is known stored of `id`, or of whichever assessment.
    fn forget_known(&self, id: Option<&str>) {
        let mut known = self.known.borrow_mut();
        if id.is_none_or(|id| known.as_ref().is_some_and(|k| k.id() == id)) {
            *known = None;
        }
    }

    /// Test support: writes `value` as text under `key` in `store`, bypassing
    /// every check, so tests can store what a fault or an older build might.
    pub async fn put_raw(&self, store: &str, key: &str, value: &str) -> Result<(), StorageError> {
        let store = known_store(store)?;
        let tx = self.transaction(&[store], TransactionMode::ReadWrite)?;
        put(&object_store(&tx, store)?, &JsValue::from_str(key), value)?.await?;
        commit(tx).await
    }

    /// Test support: the value under `key` in `store` as stored (JSON of it
    /// when it is not text), or `None`.
    pub async fn get_raw(&self, store: &str, key: &str) -> Result<Option<String>, StorageError> {
        let store = known_store(store)?;
        let tx = self.transaction(&[store], TransactionMode::ReadOnly)?;
        let value = read_one(&object_store(&tx, store)?, &JsValue::from_str(key)).await?;
        Ok(value.map(|v| raw_text(&v)))
    }

    fn transaction(
        &self,
        stores: &[&str],
        mode: TransactionMode,
    ) -> Result<Transaction, StorageError> {
        if self.closed.get() {
            return Err(StorageError::Unavailable(CLOSED.into()));
        }
        self.db.transaction(stores, mode).map_err(from_idb)
    }
}

impl Drop for Storage {
    fn drop(&mut self) {
        self.db.close();
    }
}
