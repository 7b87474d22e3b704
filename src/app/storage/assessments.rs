//! Assessments as records: the list, opening (the frame first, then every
//! case), saving only what changed in one transaction, deleting, and moving
//! what cannot be read aside. What to write and how to read it back is
//! decided in [`crate::domain::save`]; this does it against IndexedDB.

use super::*;
use crate::app::chunks::{self, FullReader};

/// The key of one case's record.
fn case_key(id: &str, case: &str) -> JsValue {
    js_sys::Array::of2(&JsValue::from_str(id), &JsValue::from_str(case)).into()
}

/// The key of one block of an assessment's case lines.
fn block_key(id: &str, block: u32) -> JsValue {
    js_sys::Array::of2(&JsValue::from_str(id), &JsValue::from(block)).into()
}

/// An assessment's blocks of case lines, as (block, text).
async fn block_texts(tx: &Transaction, id: &str) -> Result<Vec<(u32, String)>, StorageError> {
    let store = object_store(tx, LINES)?;
    let keys = store
        .get_all_keys(Some(case_range(id)?), None)
        .map_err(from_idb)?
        .await
        .map_err(from_idb)?;
    let values = store
        .get_all(Some(case_range(id)?), None)
        .map_err(from_idb)?
        .await
        .map_err(from_idb)?;
    Ok(keys
        .iter()
        .zip(values.iter())
        .filter_map(|(k, v)| {
            let block = js_sys::Array::from(k).get(1).as_f64()?;
            Some((block as u32, raw_text(v)))
        })
        .collect())
}

/// Every case record of an assessment: keys from `[id]` up to, not
/// including, `[id, []]` (an array sorts after every string).
fn case_range(id: &str) -> Result<Query, StorageError> {
    let lower: JsValue = js_sys::Array::of1(&JsValue::from_str(id)).into();
    let upper: JsValue = js_sys::Array::of2(&JsValue::from_str(id), &js_sys::Array::new()).into();
    idb::KeyRange::bound(&lower, &upper, Some(false), Some(true))
        .map(Query::KeyRange)
        .map_err(from_idb)
}

/// The texts of an assessment's case records, in key order. A record that
/// is not text is given as its JSON, which then fails to read.
async fn case_texts(tx: &Transaction, id: &str) -> Result<Vec<String>, StorageError> {
    let values = object_store(tx, CASES)?
        .get_all(Some(case_range(id)?), None)
        .map_err(from_idb)?
        .await
        .map_err(from_idb)?;
    Ok(values.iter().map(raw_text).collect())
}

/// The list entry `summary` at `revision`, and its text.
fn list_entry(
    summary: AssessmentSummary,
    revision: u64,
) -> Result<(AssessmentSummary, String), StorageError> {
    let summary = AssessmentSummary {
        revision,
        ..summary
    };
    let entry = serde_json::to_string(&summary)
        .map_err(|e| StorageError::Failed(format!("the list entry could not be written: {e}")))?;
    Ok((summary, entry))
}

/// What the stores hold of one assessment.
enum Stored {
    /// Records: the frame's text, the order's (none in version 2) and the
    /// case records' texts.
    Records(String, Option<String>, Vec<String>),
    /// One record of the layout before version 2, as stored.
    OldLayout(JsValue),
    Missing,
}

/// What reading a stored assessment gave.
enum Reading {
    Missing,
    /// The assessment, and what is known stored of it (none for the layout
    /// before version 2).
    Read(Box<format::Imported>, Option<Known>),
    /// Why it cannot be read: it is then kept aside.
    Unreadable(String),
    /// It does not read at once: read it again with the full reader.
    NeedsFullReader,
}

impl Stored {
    /// Reads it within `tx`, which covers [`FRAMES`], [`ORDERS`], [`CASES`]
    /// and [`ASSESSMENTS`]. A record that is not text is read as its JSON
    /// (and then fails to read, and is kept aside).
    async fn read(tx: &Transaction, id: &str) -> Result<Stored, StorageError> {
        let key = JsValue::from_str(id);
        if let Some(frame) = read_one(&object_store(tx, FRAMES)?, &key).await? {
            let order = read_one(&object_store(tx, ORDERS)?, &key).await?;
            return Ok(Stored::Records(
                raw_text(&frame),
                order.as_ref().map(raw_text),
                case_texts(tx, id).await?,
            ));
        }
        Ok(
            match read_one(&object_store(tx, ASSESSMENTS)?, &key).await? {
                Some(v) => Stored::OldLayout(v),
                None => Stored::Missing,
            },
        )
    }

    /// The assessment it holds, read as an import reads a file, or why not;
    /// what is then known stored of it. Without the full reader
    /// ([`chunks::FullReader`]), anything that does not read at once asks
    /// for it.
    fn import(&self, id: &str, catalogue: &Catalogue, full: Option<&FullReader>) -> Reading {
        let read = match self {
            Stored::Missing => return Reading::Missing,
            Stored::Records(frame, order, cases) => {
                match save::read_records(
                    frame,
                    order.as_deref(),
                    cases,
                    catalogue,
                    full.map(|f| f.parts),
                ) {
                    Ok(Some((imported, known))) => Ok((imported, Some(known))),
                    Ok(None) => return Reading::NeedsFullReader,
                    Err(e) => Err(e.to_string()),
                }
            }
            Stored::OldLayout(value) => match (value.as_string(), full) {
                (None, _) => {
                    Err("it is not text, so it is not an assessment this app saved".into())
                }
                (Some(_), None) => return Reading::NeedsFullReader,
                (Some(text), Some(full)) => (full.stored)(text.as_bytes(), catalogue)
                    .map(|i| (i, None))
                    .map_err(|e| e.to_string()),
            },
        };
        match read {
            Ok((imported, known)) if imported.assessment.id == id => {
                Reading::Read(Box::new(imported), known)
            }
            Ok((imported, _)) => Reading::Unreadable(format!(
                "it is assessment {:?} but is stored as {id:?}",
                imported.assessment.id
            )),
            Err(reason) => Reading::Unreadable(reason),
        }
    }

    /// Its text, exactly, to keep aside: the frame alone when there is
    /// nothing else (no case, and an order that lists none), else the
    /// frame, the order and the case records as a JSON object of texts.
    fn raw(&self) -> String {
        match self {
            Stored::Records(frame, order, cases)
                if cases.is_empty() && order.as_deref().is_none_or(|o| o == "[]") =>
            {
                frame.clone()
            }
            Stored::Records(frame, None, cases) => {
                serde_json::json!({ "frame": frame, "cases": cases }).to_string()
            }
            Stored::Records(frame, Some(order), cases) => {
                serde_json::json!({ "frame": frame, "order": order, "cases": cases }).to_string()
            }
            Stored::OldLayout(v) => raw_text(v),
            Stored::Missing => String::new(),
        }
    }
}

impl Storage {
    /// The list: every index record. An index record that does not parse, or
    /// whose assessment is not stored, is moved to quarantine (its raw text
    /// kept) and left out of the list. An assessment with no index record
    /// gets its index rebuilt by reading it (if it reads) or is quarantined
    /// (if it does not).
    pub async fn load(&self) -> Result<Loaded, StorageError> {
        let (index, frame_keys, old_keys) = {
            let tx = self.transaction(&[INDEX, FRAMES, ASSESSMENTS], TransactionMode::ReadOnly)?;
            let index = read_all(&object_store(&tx, INDEX)?).await?;
            let frames = all_keys(&tx, FRAMES).await?;
            let old = all_keys(&tx, ASSESSMENTS).await?;
            (index, frames, old)
        };
        let stored: HashSet<String> = frame_keys
            .iter()
            .chain(old_keys.iter())
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
                (Some(id), Some(text)) => {
                    match crate::domain::json::from_str::<AssessmentSummary>(&text) {
                        Err(e) => Some(format!("it is not a list entry this app wrote ({e})")),
                        Ok(s) if s.id != id => Some(format!(
                            "it is the entry for assessment {:?} but is stored as {id:?}",
                            s.id
                        )),
                        Ok(_) if !stored.contains(&id) => {
                            Some("the assessment it lists is not stored".to_owned())
                        }
                        Ok(s) => {
                            listed.insert(id);
                            summaries.push(s);
                            None
                        }
                    }
                }
            };
            if let Some(problem) = problem {
                let reason =
                    format!("an entry in the list of assessments could not be used: {problem}");
                self.quarantine(INDEX, &key, &key_text, &raw, &reason, false)
                    .await?;
            }
        }

        let now = now()?;
        for (store, keys) in [(FRAMES, frame_keys), (ASSESSMENTS, old_keys)] {
            for key in keys {
                match key.as_string() {
                    Some(id) if listed.contains(&id) => {}
                    Some(id) => {
                        // Rare (a list entry lost or unreadable): reading the
                        // assessment whole is in a part of its own.
                        let records = crate::app::chunks::records().await?;
                        if let Some(summary) = (records.rebuild_index)(self, &id, now).await? {
                            listed.insert(id);
                            summaries.push(summary);
                        }
                    }
                    None => {
                        let raw = {
                            let tx = self.transaction(&[store], TransactionMode::ReadOnly)?;
                            read_one(&object_store(&tx, store)?, &key).await?
                        };
                        if let Some(value) = raw {
                            let reason =
                                "a stored assessment could not be used: its key is not text";
                            self.quarantine(
                                store,
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

    /// An assessment's frame and its cases' lines, without its cases: what
    /// the task list needs, read first so it is drawn at once. `None` when
    /// there is no frame that reads (then [`Storage::open_assessment`] says
    /// why, and keeps it aside), or when it needs the full reader and that
    /// part cannot be fetched (then opening says so, keeping nothing aside).
    pub async fn open_preview(&self, id: &str, catalogue: &Catalogue) -> Option<Preview> {
        let (frame, order, lines) = {
            let tx = self
                .transaction(&[FRAMES, ORDERS, LINES], TransactionMode::ReadOnly)
                .ok()?;
            let key = JsValue::from_str(id);
            let frame = read_one(&object_store(&tx, FRAMES).ok()?, &key)
                .await
                .ok()??;
            let order = read_one(&object_store(&tx, ORDERS).ok()?, &key)
                .await
                .ok()?;
            (frame, order, block_texts(&tx, id).await.ok()?)
        };
        let order = match order {
            Some(o) => Some(o.as_string()?),
            None => None,
        };
        let frame = frame.as_string()?;
        let preview = match save::read_preview(&frame, order.as_deref(), &lines, catalogue, None) {
            Ok(Some(preview)) => preview,
            Ok(None) => {
                let full = chunks::full_reader().await.ok()?;
                save::read_preview(
                    &frame,
                    order.as_deref(),
                    &lines,
                    catalogue,
                    Some(full.parts),
                )
                .ok()??
            }
            Err(_) => return None,
        };
        (preview.assessment.id == id).then_some(preview)
    }

    /// One assessment, every record read in one transaction and checked as
    /// [`format::import`] checks a file, against `catalogue`. If it cannot be
    /// read, it is moved to quarantine (raw text kept, reason = why), its
    /// index record removed, and `Err(OpenError::Unreadable { quarantine_key,
    /// reason })` returned.
    pub async fn open_assessment(
        &self,
        id: &str,
        catalogue: &Catalogue,
    ) -> Result<Opened, OpenError> {
        let stored = {
            let tx = self.transaction(
                &[FRAMES, ORDERS, CASES, ASSESSMENTS],
                TransactionMode::ReadOnly,
            )?;
            Stored::read(&tx, id).await?
        };
        let mut read = stored.import(id, catalogue, None);
        if let Reading::NeedsFullReader = read {
            read = stored.import(id, catalogue, Some(chunks::full_reader().await?));
        }
        let reason = match read {
            Reading::Missing => return Err(OpenError::NotFound),
            Reading::Read(imported, known) => {
                let old_layout = known.is_none();
                *self.known.borrow_mut() = known;
                return Ok(Opened {
                    assessment: imported.assessment,
                    saved_at: imported.exported_at,
                    migrated_from: imported.migrated_from,
                    revision: imported.revision,
                    old_layout,
                    reopened: imported.reopened,
                });
            }
            Reading::Unreadable(reason) => reason,
            Reading::NeedsFullReader => return Err(OpenError::Storage(not_read())),
        };
        match self.quarantine_assessment(id, &stored, &reason).await? {
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

    /// Stores the assessment as records in one readwrite transaction (every
    /// record or none): the frame, the cases that changed since this tab last
    /// read or wrote it, the list entry, and deletes the cases that went and
    /// any copy in the layout before version 2; as the next revision
    /// (`save::next_revision`: one above the stored one, and above any this
    /// device announced for it, even before it was deleted).
    /// The stored copy must be the one this version was read at (revision
    /// `base`) or this tab's own later save (of the same `copy`, for a copy
    /// read from storage: `save::own_revision`); otherwise another tab, or
    /// an earlier copy in this one, saved or deleted it meanwhile, nothing is
    /// written and the answer is `Conflict`.
    /// A serialisation failure is `Failed`; the browser's
    /// `QuotaExceededError`, whether on a write or on commit, is
    /// `QuotaExceeded`. On any error nothing was written. Other tabs hear of
    /// the save through a `localStorage` key, [`REVISION_PREFIX`] + id.
    pub async fn save(
        &self,
        a: &Assessment,
        fw: &Framework,
        saved_at: Timestamp,
        base: u64,
        copy: u64,
    ) -> Result<AssessmentSummary, StorageError> {
        let tx = self.transaction(&RECORDS, TransactionMode::ReadWrite)?;
        match self.write(&tx, a, fw, saved_at, base, copy).await {
            Ok((summary, plan)) => {
                commit(tx).await?;
                plan.committed(&mut self.known.borrow_mut());
                self.written
                    .borrow_mut()
                    .insert(a.id.clone(), (copy, summary.revision));
                // A journal entry no newer than this save is stale now. One
                // written after this save began (the page hid meanwhile) is
                // kept. Failing to remove a stale one is harmless: it is
                // dropped at the next start.
                let _ = forget_journal_up_to(&a.id, saved_at);
                crate::app::tabs::announce_save(&a.id, summary.revision);
                Ok(summary)
            }
            Err(e) => {
                // Requests already made would otherwise commit.
                let _ = tx.abort();
                Err(e)
            }
        }
    }

    /// The writes of [`Storage::save`], within `tx`; the caller commits, or
    /// aborts on an error.
    async fn write(
        &self,
        tx: &Transaction,
        a: &Assessment,
        fw: &Framework,
        saved_at: Timestamp,
        base: u64,
        copy: u64,
    ) -> Result<(AssessmentSummary, save::Plan), StorageError> {
        let key = JsValue::from_str(&a.id);
        // Read and write in one transaction, so no other tab's save can come
        // between the check and the write.
        let stored = stored_revision(read_one(&object_store(tx, INDEX)?, &key).await?);
        let own = save::own_revision(self.written.borrow().get(&a.id).copied(), copy);
        let announced = crate::app::tabs::announced(&a.id);
        let revision = save::next_revision(stored, base, own, announced)
            .map_err(|_| StorageError::Conflict)?;
        // What holds up the page: writing the texts and handing them over.
        super::super::perf::start("cpsa:save-main");
        let plan = save::plan(a, fw, saved_at, revision, self.known.borrow().as_ref())
            .map_err(StorageError::Failed)?;
        // The count of complete cases from the save's plan: counting them
        // here would walk every case, 0.16 ms at 1,000 cases.
        let (summary, entry) = list_entry(a.summary_with(saved_at, plan.completed), revision)?;
        let cases = object_store(tx, CASES)?;
        let lines = object_store(tx, LINES)?;
        let mut requests = Vec::with_capacity(plan.removed.len() + 3);
        if plan.clear {
            requests.push(delete_request(&cases, case_range(&a.id)?)?);
            requests.push(delete_request(&lines, case_range(&a.id)?)?);
        }
        for case in &plan.removed {
            requests.push(delete_request(&cases, Query::Key(case_key(&a.id, case)))?);
        }
        let mut writes = Vec::with_capacity(plan.cases.len() + plan.blocks.len() + 2);
        for w in &plan.cases {
            writes.push(put(&cases, &case_key(&a.id, &w.id), &w.record)?);
        }
        for (b, text) in &plan.blocks {
            writes.push(put(&lines, &block_key(&a.id, *b), text)?);
        }
        writes.push(put(&object_store(tx, FRAMES)?, &key, &plan.frame)?);
        if let Some(order) = &plan.order {
            writes.push(put(&object_store(tx, ORDERS)?, &key, order)?);
        }
        writes.push(put(&object_store(tx, INDEX)?, &key, &entry)?);
        // The layout before version 2 goes only with the new records.
        requests.push(delete_request(
            &object_store(tx, ASSESSMENTS)?,
            Query::Key(key.clone()),
        )?);
        super::super::perf::finish("cpsa:save-main");
        for r in requests {
            r.await?;
        }
        for w in writes {
            w.await?;
        }
        Ok((summary, plan))
    }

    /// Removes the assessment's records and its index record (one
    /// transaction). Quarantine is untouched.
    pub async fn delete(&self, id: &str) -> Result<(), StorageError> {
        let key = JsValue::from_str(id);
        let tx = self.transaction(&RECORDS, TransactionMode::ReadWrite)?;
        remove(&object_store(&tx, FRAMES)?, &key).await?;
        remove(&object_store(&tx, ORDERS)?, &key).await?;
        delete_request(&object_store(&tx, CASES)?, case_range(id)?)?.await?;
        delete_request(&object_store(&tx, LINES)?, case_range(id)?)?.await?;
        remove(&object_store(&tx, INDEX)?, &key).await?;
        remove(&object_store(&tx, ASSESSMENTS)?, &key).await?;
        commit(tx).await?;
        self.forget_known(Some(id));
        // A journal entry would bring it back at the next start.
        forget_journal(id)?;
        if let Ok(ls) = local_storage() {
            let _ = ls.remove_item(&format!("{BACKUP_PREFIX}{id}"));
        }
        Ok(())
    }

    /// Test support: the texts of an assessment's case records, in key order.
    pub async fn case_records(&self, id: &str) -> Result<Vec<String>, StorageError> {
        let tx = self.transaction(&[CASES], TransactionMode::ReadOnly)?;
        case_texts(&tx, id).await
    }

    /// Test support: writes `text` as the record of case `case` of `id`,
    /// bypassing every check.
    pub async fn put_case_raw(&self, id: &str, case: &str, text: &str) -> Result<(), StorageError> {
        let tx = self.transaction(&[CASES], TransactionMode::ReadWrite)?;
        put(&object_store(&tx, CASES)?, &case_key(id, case), text)?.await?;
        commit(tx).await
    }

    /// Rebuilds the index record of an assessment that has none, by reading
    /// it; quarantines it when it does not read. `None` when it is not
    /// listed (quarantined, or gone meanwhile). An assessment that does not
    /// read at once is read again with the full reader, fetched between the
    /// two transactions (a transaction ends while a part is fetched); if it
    /// cannot be fetched, the error is storage's and nothing is kept aside.
    pub(crate) async fn rebuild_index(
        &self,
        id: &str,
        catalogue: &Catalogue,
        now: Timestamp,
    ) -> Result<Option<AssessmentSummary>, StorageError> {
        let key = JsValue::from_str(id);
        let mut full = None;
        let (stored, reason) = loop {
            let tx = self.transaction(&RECORDS, TransactionMode::ReadWrite)?;
            let stored = Stored::read(&tx, id).await?;
            let reason = match stored.import(id, catalogue, full) {
                Reading::Missing => return Ok(None),
                Reading::Read(imported, _) => {
                    // Read in this same transaction, so the entry matches
                    // the records whatever another tab did meanwhile.
                    let saved_at = imported.exported_at.unwrap_or(now);
                    let (summary, entry) =
                        list_entry(imported.assessment.summary(saved_at), imported.revision)?;
                    put(&object_store(&tx, INDEX)?, &key, &entry)?.await?;
                    commit(tx).await?;
                    return Ok(Some(summary));
                }
                Reading::Unreadable(reason) => reason,
                Reading::NeedsFullReader if full.is_none() => {
                    drop(tx);
                    full = Some(chunks::full_reader().await?);
                    continue;
                }
                Reading::NeedsFullReader => return Err(not_read()),
            };
            break (stored, reason);
        };
        let reason = format!("a stored assessment could not be read: {reason}");
        self.quarantine_assessment(id, &stored, &reason).await?;
        Ok(None)
    }

    /// Moves an assessment that cannot be read to quarantine, as one item:
    /// its records (or its record of the layout before version 2) and its
    /// index record go in one transaction, only if they still hold what was
    /// read. Returns the quarantine key, or `None` when they changed or went
    /// meanwhile (then nothing is written or deleted).
    async fn quarantine_assessment(
        &self,
        id: &str,
        read: &Stored,
        reason: &str,
    ) -> Result<Option<String>, StorageError> {
        let (origin, raw) = match read {
            Stored::OldLayout(v) => {
                let key = JsValue::from_str(id);
                return self
                    .quarantine(ASSESSMENTS, &key, id, &raw_text(v), reason, true)
                    .await;
            }
            Stored::Missing => return Ok(None),
            Stored::Records(..) => (FRAMES, read.raw()),
        };
        let mut stores = vec![QUARANTINE];
        stores.extend(RECORDS);
        let tx = self.transaction(&stores, TransactionMode::ReadWrite)?;
        if Stored::read(&tx, id).await?.raw() != raw {
            return Ok(None);
        }
        let key = JsValue::from_str(id);
        let qkey =
            add_to_quarantine(&object_store(&tx, QUARANTINE)?, origin, id, &raw, reason).await?;
        remove(&object_store(&tx, FRAMES)?, &key).await?;
        remove(&object_store(&tx, ORDERS)?, &key).await?;
        delete_request(&object_store(&tx, CASES)?, case_range(id)?)?.await?;
        delete_request(&object_store(&tx, LINES)?, case_range(id)?)?.await?;
        remove(&object_store(&tx, INDEX)?, &key).await?;
        commit(tx).await?;
        self.forget_known(Some(id));
        Ok(Some(qkey))
    }
}

async fn all_keys(tx: &Transaction, store: &str) -> Result<Vec<JsValue>, StorageError> {
    object_store(tx, store)?
        .get_all_keys(None, None)
        .map_err(from_idb)?
        .await
        .map_err(from_idb)
}

/// A read given the full reader that still asked for it: not a fault of what
/// is stored, so nothing is kept aside.
fn not_read() -> StorageError {
    StorageError::Failed("the stored assessment could not be read in full; try again".to_owned())
}
