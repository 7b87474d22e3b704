//! The write-ahead journal in `localStorage`: the latest unsaved version of
//! an assessment, written synchronously when the page is hidden, and moved
//! into IndexedDB on the next start.

use super::*;

/// Writes the latest version of an assessment to the write-ahead journal,
/// synchronously. For the moment the page is hidden with a change not yet in
/// IndexedDB; [`Storage::recover_journal`] brings it back on the next start.
/// `base`: the revision the change was made on.
pub fn journal(a: &Assessment, at: Timestamp, base: u64) -> Result<(), StorageError> {
    let text = format::to_storage(a, at, base).map_err(StorageError::Failed)?;
    local_storage()?
        .set_item(&journal_key(&a.id), &text)
        .map_err(|e| from_js(&e))
}

/// Removes an assessment's journal entry if it was written no later than
/// `saved_at`. One that cannot be read is left for recovery to keep aside.
pub(super) fn forget_journal_up_to(id: &str, saved_at: Timestamp) -> Result<(), StorageError> {
    #[derive(Deserialize)]
    struct Stamp {
        exported_at: Option<Timestamp>,
    }
    let Ok(ls) = local_storage() else {
        return Ok(());
    };
    // Only this tab's entry: another tab's save does not hold its work.
    let key = journal_key(id);
    let Some(text) = ls.get_item(&key).map_err(|e| from_js(&e))? else {
        return Ok(());
    };
    let written = crate::domain::json::from_str::<Stamp>(&text)
        .ok()
        .and_then(|s| s.exported_at);
    if save::journal_superseded(written, saved_at) {
        ls.remove_item(&key).map_err(|e| from_js(&e))?;
    }
    Ok(())
}

/// Removes every tab's journal entry for an assessment.
pub(super) fn forget_journal(id: &str) -> Result<(), StorageError> {
    // No localStorage: there is no journal to forget.
    let Ok(ls) = local_storage() else {
        return Ok(());
    };
    let mut keys = Vec::new();
    for i in 0..ls.length().map_err(|e| from_js(&e))? {
        if let Some(key) = ls.key(i).map_err(|e| from_js(&e))? {
            let tail = key
                .strip_prefix(JOURNAL_PREFIX)
                .and_then(|t| t.split_once('.'));
            if tail.is_some_and(|(_, of)| of == id) {
                keys.push(key);
            }
        }
    }
    for key in keys {
        ls.remove_item(&key).map_err(|e| from_js(&e))?;
    }
    Ok(())
}

thread_local! {
    /// This tab's name in journal keys: random, fixed for the page's life.
    static TAB: String = {
        let mut bytes = [0u8; 6];
        let random = web_sys::window()
            .and_then(|w| w.crypto().ok())
            .is_some_and(|c| c.get_random_values_with_u8_array(&mut bytes).is_ok());
        if !random {
            for b in &mut bytes {
                *b = (js_sys::Math::random() * 256.0) as u8;
            }
        }
        bytes.iter().map(|b| format!("{b:02x}")).collect()
    };
}

/// This tab's journal key for an assessment: `cpsa.journal.<tab>.<id>`.
/// One per tab, so two tabs' unsaved work never overwrite each other there.
pub fn journal_key(id: &str) -> String {
    TAB.with(|tab| format!("{JOURNAL_PREFIX}{tab}.{id}"))
}

/// Whether any tab left a journal entry: only then does the start need the
/// part of the app that reads assessments whole.
pub fn journal_waiting() -> bool {
    let Ok(storage) = local_storage() else {
        return false;
    };
    let length = storage.length().unwrap_or(0);
    (0..length).any(|i| {
        storage
            .key(i)
            .ok()
            .flatten()
            .is_some_and(|k| k.starts_with(JOURNAL_PREFIX))
    })
}

impl Storage {
    /// Moves every journal entry into IndexedDB, deciding by revision, not
    /// by clock: an entry made on the stored revision is saved; one made on
    /// an older revision is dropped if the stored copy holds the same work,
    /// and otherwise kept aside; one that cannot be read is quarantined.
    /// Returns the ids recovered.
    pub async fn recover_journal(
        &self,
        catalogue: &Catalogue,
    ) -> Result<Vec<String>, StorageError> {
        let storage = match local_storage() {
            Ok(s) => s,
            // No localStorage: there can be no journal either.
            Err(_) => return Ok(Vec::new()),
        };
        let mut keys = Vec::new();
        let length = storage.length().map_err(|e| from_js(&e))?;
        for i in 0..length {
            if let Some(key) = storage.key(i).map_err(|e| from_js(&e))? {
                if key.starts_with(JOURNAL_PREFIX) {
                    keys.push(key);
                }
            }
        }
        let mut recovered = Vec::new();
        if keys.is_empty() {
            return Ok(recovered);
        }
        // The journal's texts are read as an import reads a file, in full.
        let full = crate::app::chunks::full_reader().await?;
        for key in keys {
            let Some(text) = storage.get_item(&key).map_err(|e| from_js(&e))? else {
                continue;
            };
            match (full.stored)(text.as_bytes(), catalogue) {
                Ok(imported) => {
                    let at = match imported.exported_at {
                        Some(at) => at,
                        None => now()?,
                    };
                    let id = imported.assessment.id.clone();
                    let stored = {
                        let tx = self.transaction(&[INDEX], TransactionMode::ReadOnly)?;
                        stored_revision(
                            read_one(&object_store(&tx, INDEX)?, &JsValue::from_str(&id)).await?,
                        )
                    };
                    let aside = "a change kept when the page closed, made on an older version than the one now stored (another tab or window saved or deleted it since)";
                    let Some(fw) = catalogue.find(&imported.assessment.framework) else {
                        // It imported, so its framework is in the catalogue.
                        continue;
                    };
                    if save::recover(stored, imported.revision) == save::Recover::Save {
                        // Made on the stored copy: it is the newest change.
                        match self
                            .save(&imported.assessment, fw, at, imported.revision, 0)
                            .await
                        {
                            Ok(_) => recovered.push(id),
                            Err(StorageError::Conflict) => {
                                self.keep_aside("journal", &key, &text, aside).await?;
                            }
                            Err(e) => return Err(e),
                        }
                    } else {
                        // The stored copy moved on: this tab's own save of the
                        // same work (nothing to keep), or another's (keep both).
                        let same = self
                            .open_assessment(&id, catalogue)
                            .await
                            .is_ok_and(|o| o.assessment == imported.assessment);
                        if !same {
                            self.keep_aside("journal", &key, &text, aside).await?;
                        }
                    }
                }
                Err(e) => {
                    let reason = format!(
                        "an unsaved change kept when the page closed could not be read: {e}"
                    );
                    self.keep_aside("journal", &key, &text, &reason).await?;
                }
            }
            // Saved, older than the stored copy, or quarantined: done with.
            storage.remove_item(&key).map_err(|e| from_js(&e))?;
        }
        Ok(recovered)
    }
}
