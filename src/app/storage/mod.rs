//! Browser storage: the only code in the app that touches it.
//!
//! Assessments live in IndexedDB, database `cpsa` version 1, in three object
//! stores with explicit string keys and string values:
//!
//! - `assessments`: key = assessment id, value = [`format::to_storage`] text;
//! - `index`: key = assessment id, value = JSON of its [`AssessmentSummary`];
//! - `quarantine`: key = `<store>/<original key>/<unix millis>` (with `-1`,
//!   `-2`, ... added if that key is taken), value = JSON of a [`Quarantined`].
//!
//! Beside IndexedDB, a write-ahead journal in `localStorage` (key
//! `cpsa.journal.<tab>.<assessment id>`, value = [`format::to_storage`] text) holds
//! the latest version of an assessment when the page is hidden with a change
//! not yet saved: IndexedDB work started while a page unloads is not reliably
//! committed, and `localStorage` writes are synchronous. The next start moves
//! a journal entry into IndexedDB if it was made on the stored revision, and
//! keeps it aside if another tab saved since (see `recover_journal`).
//!
//! The rules, which are product rules:
//!
//! - storage faults never lose data: stored data that cannot be read is moved
//!   to the quarantine store, text unchanged, and is never overwritten or
//!   deleted unless the user discards it (after downloading it);
//! - a failed write returns an error, and the app keeps the work in memory and
//!   asks the user to export it;
//! - nothing here panics on anything the browser returns, and every error is a
//!   value whose message says what the user can do.

#![deny(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

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
use crate::domain::case_texts::CaseTexts;
use crate::domain::date::Timestamp;
use crate::domain::format;
use crate::domain::framework::Catalogue;

mod indexed_db;
mod journal;
mod manager;
mod preferences;
mod quarantine;

use indexed_db::*;
use journal::*;
pub use journal::{journal, journal_key};
pub use manager::{estimate, is_persisted, request_persistence};
use preferences::*;
pub use preferences::{backup_marks, note_change, note_export, save_settings, settings};

/// The database's name.
pub const DB_NAME: &str = "cpsa";
/// The database's version: the layout of its stores.
pub const DB_VERSION: u32 = 1;
/// Assessment id → [`format::to_storage`] text.
pub const ASSESSMENTS: &str = "assessments";
/// Assessment id → JSON of its [`AssessmentSummary`].
pub const INDEX: &str = "index";
/// Quarantine key → JSON of a [`Quarantined`].
pub const QUARANTINE: &str = "quarantine";
const STORES: [&str; 3] = [ASSESSMENTS, INDEX, QUARANTINE];
/// The `localStorage` key prefix of the write-ahead journal.
pub const JOURNAL_PREFIX: &str = "cpsa.journal.";
/// The `localStorage` key prefix of each assessment's latest saved revision:
/// written after every save, so other tabs get a `storage` event.
pub const REVISION_PREFIX: &str = "cpsa.revision.";
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
    /// The revision this connection (this tab) last wrote, by id: a stored
    /// copy at that revision is this tab's own earlier save, not another's.
    written: RefCell<HashMap<String, u64>>,
    /// The last assessment saved, by id, and its cases' texts from that
    /// save: the next save of it writes only the cases changed since.
    case_texts: RefCell<Option<(String, CaseTexts)>>,
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
            case_texts: RefCell::default(),
        })
    }

    /// The list: every index record. An index record that does not parse, or
    /// whose assessment record is missing, is moved to quarantine (its raw
    /// text kept) and left out of the list. An assessment record with no index
    /// record gets its index rebuilt by importing it (if it imports) or is
    /// quarantined (if it does not).
    pub async fn load(&self, catalogue: &Catalogue) -> Result<Loaded, StorageError> {
        let (index, assessment_keys) = {
            let tx = self.transaction(&[INDEX, ASSESSMENTS], TransactionMode::ReadOnly)?;
            let index = read_all(&object_store(&tx, INDEX)?).await?;
            let keys = object_store(&tx, ASSESSMENTS)?
                .get_all_keys(None, None)
                .map_err(from_idb)?
                .await
                .map_err(from_idb)?;
            (index, keys)
        };
        let assessment_ids: HashSet<String> = assessment_keys
            .iter()
            .filter_map(JsValue::as_string)
            .collect();

        let mut summaries = Vec::new();
        let mut listed = HashSet::new();
        for (key, value) in index {
            let key_text = key_text(&key);
            let raw = raw_text(&value);
            let problem = match (key.as_string(), value.as_string()) {
                (None, _) => Some("its key is not text".to_owned()),
                (_, None) => Some("it is not text".to_owned()),
                (Some(id), Some(text)) => match serde_json::from_str::<AssessmentSummary>(&text) {
                    Err(e) => Some(format!("it is not a list entry this app wrote ({e})")),
                    Ok(s) if s.id != id => Some(format!(
                        "it is the entry for assessment {:?} but is stored as {id:?}",
                        s.id
                    )),
                    Ok(_) if !assessment_ids.contains(&id) => {
                        Some("the assessment it lists is not stored".to_owned())
                    }
                    Ok(s) => {
                        listed.insert(id);
                        summaries.push(s);
                        None
                    }
                },
            };
            if let Some(problem) = problem {
                let reason =
                    format!("an entry in the list of assessments could not be used: {problem}");
                self.quarantine(INDEX, &key, &key_text, &raw, &reason, false)
                    .await?;
            }
        }

        let now = now()?;
        for key in assessment_keys {
            match key.as_string() {
                Some(id) if listed.contains(&id) => {}
                Some(id) => {
                    if let Some(summary) = self.rebuild_index(&id, catalogue, now).await? {
                        summaries.push(summary);
                    }
                }
                None => {
                    let raw = {
                        let tx = self.transaction(&[ASSESSMENTS], TransactionMode::ReadOnly)?;
                        read_one(&object_store(&tx, ASSESSMENTS)?, &key).await?
                    };
                    if let Some(value) = raw {
                        let reason = "a stored assessment could not be used: its key is not text";
                        self.quarantine(
                            ASSESSMENTS,
                            &key,
                            &key_text(&key),
                            &raw_text(&value),
                            reason,
                            false,
                        )
                        .await?;
                    }
                }
            }
        }
        crate::domain::order::sort_by(&mut summaries, |a, b| {
            b.saved_at.cmp(&a.saved_at).then_with(|| a.id.cmp(&b.id))
        });

        let quarantined = self.read_quarantine(now).await?;
        Ok(Loaded {
            summaries,
            quarantined,
        })
    }

    /// One assessment, read back with [`format::import`] against `catalogue`.
    /// If the text cannot be imported, it is moved to quarantine (raw text
    /// kept, reason = the `ImportError`'s Display), its index record removed,
    /// and `Err(OpenError::Unreadable { quarantine_key, reason })` returned.
    pub async fn open_assessment(
        &self,
        id: &str,
        catalogue: &Catalogue,
    ) -> Result<Opened, OpenError> {
        let key = JsValue::from_str(id);
        let value = {
            let tx = self.transaction(&[ASSESSMENTS], TransactionMode::ReadOnly)?;
            read_one(&object_store(&tx, ASSESSMENTS)?, &key).await?
        };
        let Some(value) = value else {
            return Err(OpenError::NotFound);
        };
        let reason = match value.as_string() {
            None => "it is not text, so it is not an assessment this app saved".to_owned(),
            Some(text) => match format::import_stored(text.as_bytes(), catalogue) {
                Ok(imported) if imported.assessment.id == id => {
                    return Ok(Opened {
                        assessment: imported.assessment,
                        saved_at: imported.exported_at,
                        migrated_from: imported.migrated_from,
                        revision: imported.revision,
                    })
                }
                Ok(imported) => format!(
                    "it is assessment {:?} but is stored as {id:?}",
                    imported.assessment.id
                ),
                Err(e) => e.to_string(),
            },
        };
        match self
            .quarantine(ASSESSMENTS, &key, id, &raw_text(&value), &reason, true)
            .await?
        {
            Some(quarantine_key) => Err(OpenError::Unreadable {
                quarantine_key,
                reason,
            }),
            None => Err(OpenError::Storage(StorageError::Failed(
                "the assessment was changed in another tab while it was being opened; try again"
                    .into(),
            ))),
        }
    }

    /// Writes the assessment and its index record in one readwrite
    /// transaction (both or neither), serialised with [`format::to_storage`]
    /// as the stored revision + 1. The stored copy must be the one this
    /// version was read at (revision `base`) or this tab's own later save;
    /// otherwise another tab saved or deleted it meanwhile, nothing is
    /// written and the answer is `Conflict`. A
    /// serialisation failure is `Failed`; the browser's `QuotaExceededError`,
    /// whether on a write or on commit, is `QuotaExceeded`. On any error
    /// nothing was written. Other tabs hear of the save through a
    /// `localStorage` key, [`REVISION_PREFIX`] + id.
    pub async fn save(
        &self,
        a: &Assessment,
        saved_at: Timestamp,
        base: u64,
    ) -> Result<AssessmentSummary, StorageError> {
        let key = JsValue::from_str(&a.id);
        let tx = self.transaction(&[ASSESSMENTS, INDEX], TransactionMode::ReadWrite)?;
        // Read and write in one transaction, so no other tab's save can
        // come between the check and the write.
        let stored = stored_revision(read_one(&object_store(&tx, INDEX)?, &key).await?);
        let own = self.written.borrow().get(&a.id).copied();
        if stored != base && Some(stored) != own {
            return Err(StorageError::Conflict);
        }
        let revision = stored + 1;
        // What holds up the page: writing the text and handing it over.
        super::perf::start("cpsa:save-main");
        let text = {
            let mut kept = self.case_texts.borrow_mut();
            let texts = match &mut *kept {
                Some((id, texts)) if *id == a.id => texts,
                other => &mut other.insert((a.id.clone(), CaseTexts::default())).1,
            };
            format::to_storage_reusing(a, saved_at, revision, texts)
        }
        .map_err(StorageError::Failed)?;
        let summary = AssessmentSummary {
            revision,
            ..a.summary(saved_at)
        };
        let entry = serde_json::to_string(&summary).map_err(|e| {
            StorageError::Failed(format!("the list entry could not be written: {e}"))
        })?;
        let written = put(&object_store(&tx, ASSESSMENTS)?, &key, &text)?;
        super::perf::finish("cpsa:save-main");
        written.await?;
        put(&object_store(&tx, INDEX)?, &key, &entry)?.await?;
        commit(tx).await?;
        self.written.borrow_mut().insert(a.id.clone(), revision);
        // A journal entry no newer than this save is stale now. One written
        // after this save began (the page hid meanwhile) is kept. Failing to
        // remove a stale one is harmless: it is dropped at the next start.
        let _ = forget_journal_up_to(&a.id, saved_at);
        // Tells other tabs (a `storage` event there); if it fails they find
        // out at their next save instead.
        if let Ok(local) = local_storage() {
            let _ = local.set_item(&format!("{REVISION_PREFIX}{}", a.id), &revision.to_string());
        }
        Ok(summary)
    }

    /// Removes the assessment and its index record (one transaction).
    /// Quarantine is untouched.
    pub async fn delete(&self, id: &str) -> Result<(), StorageError> {
        let key = JsValue::from_str(id);
        let tx = self.transaction(&[ASSESSMENTS, INDEX], TransactionMode::ReadWrite)?;
        remove(&object_store(&tx, ASSESSMENTS)?, &key).await?;
        remove(&object_store(&tx, INDEX)?, &key).await?;
        commit(tx).await?;
        self.forget_case_texts(Some(id));
        // A journal entry would bring it back at the next start.
        forget_journal(id)?;
        if let Ok(ls) = local_storage() {
            let _ = ls.remove_item(&format!("{BACKUP_PREFIX}{id}"));
        }
        Ok(())
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
        self.forget_case_texts(None);
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

    /// Drops the kept case texts of `id`, or of whichever assessment.
    fn forget_case_texts(&self, id: Option<&str>) {
        let mut kept = self.case_texts.borrow_mut();
        if id.is_none_or(|id| kept.as_ref().is_some_and(|(k, _)| k == id)) {
            *kept = None;
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

    /// Rebuilds the index record of an assessment that has none, by importing
    /// it; quarantines it when it does not import. `None` when it is not
    /// listed (quarantined, or gone meanwhile).
    async fn rebuild_index(
        &self,
        id: &str,
        catalogue: &Catalogue,
        now: Timestamp,
    ) -> Result<Option<AssessmentSummary>, StorageError> {
        let key = JsValue::from_str(id);
        let (raw, reason) = {
            let tx = self.transaction(&[ASSESSMENTS, INDEX], TransactionMode::ReadWrite)?;
            let Some(value) = read_one(&object_store(&tx, ASSESSMENTS)?, &key).await? else {
                return Ok(None);
            };
            let reason = match value.as_string() {
                None => "it is not text, so it is not an assessment this app saved".to_owned(),
                Some(text) => match format::import_stored(text.as_bytes(), catalogue) {
                    Ok(imported) if imported.assessment.id == id => {
                        // Read in this same transaction, so the entry matches
                        // the record whatever another tab did meanwhile.
                        let summary = AssessmentSummary {
                            revision: imported.revision,
                            ..imported
                                .assessment
                                .summary(imported.exported_at.unwrap_or(now))
                        };
                        let entry = serde_json::to_string(&summary).map_err(|e| {
                            StorageError::Failed(format!(
                                "the list entry could not be written: {e}"
                            ))
                        })?;
                        put(&object_store(&tx, INDEX)?, &key, &entry)?.await?;
                        commit(tx).await?;
                        return Ok(Some(summary));
                    }
                    Ok(imported) => format!(
                        "it is assessment {:?} but is stored as {id:?}",
                        imported.assessment.id
                    ),
                    Err(e) => e.to_string(),
                },
            };
            (raw_text(&value), reason)
        };
        let reason = format!("a stored assessment could not be read: {reason}");
        self.quarantine(ASSESSMENTS, &key, id, &raw, &reason, false)
            .await?;
        Ok(None)
    }
}

impl Drop for Storage {
    fn drop(&mut self) {
        self.db.close();
    }
}
