//! The quarantine: stored data that could not be read, kept aside with its
//! text unchanged, listed for the user, and removed only when they choose.

use super::*;

impl Storage {
    /// Removes one quarantined item (only when the user chooses to, after
    /// downloading it).
    pub async fn discard_quarantined(&self, key: &str) -> Result<(), StorageError> {
        let tx = self.transaction(&[QUARANTINE], TransactionMode::ReadWrite)?;
        remove(&object_store(&tx, QUARANTINE)?, &JsValue::from_str(key)).await?;
        commit(tx).await
    }

    /// Adds text from outside IndexedDB (the journal) to the quarantine.
    pub(super) async fn keep_aside(
        &self,
        origin: &str,
        key: &str,
        raw: &str,
        reason: &str,
    ) -> Result<String, StorageError> {
        let tx = self.transaction(&[QUARANTINE], TransactionMode::ReadWrite)?;
        let qkey =
            add_to_quarantine(&object_store(&tx, QUARANTINE)?, origin, key, raw, reason).await?;
        commit(tx).await?;
        Ok(qkey)
    }

    /// Moves one record to quarantine: writes the quarantine record, then
    /// deletes the original (and, with `with_index`, the index record under
    /// the same key), in one transaction. Only moves the record if it still
    /// holds `raw`; returns the quarantine key, or `None` when the record
    /// changed or went meanwhile (then nothing is written or deleted).
    pub(super) async fn quarantine(
        &self,
        store: &str,
        key: &JsValue,
        key_text: &str,
        raw: &str,
        reason: &str,
        with_index: bool,
    ) -> Result<Option<String>, StorageError> {
        let mut stores = vec![QUARANTINE, store];
        if with_index && store != INDEX {
            stores.push(INDEX);
        }
        let tx = self.transaction(&stores, TransactionMode::ReadWrite)?;
        let source = object_store(&tx, store)?;
        match read_one(&source, key).await? {
            Some(current) if raw_text(&current) == raw => {}
            _ => return Ok(None),
        }
        let qkey = add_to_quarantine(
            &object_store(&tx, QUARANTINE)?,
            store,
            key_text,
            raw,
            reason,
        )
        .await?;
        remove(&source, key).await?;
        if with_index && store != INDEX {
            remove(&object_store(&tx, INDEX)?, key).await?;
        }
        commit(tx).await?;
        Ok(Some(qkey))
    }

    /// Everything in the quarantine store, newest first. A record that is not
    /// a [`Quarantined`] is still listed, with its text as `raw`, so it can be
    /// downloaded; it is never deleted here.
    pub(super) async fn read_quarantine(
        &self,
        now: Timestamp,
    ) -> Result<Vec<Quarantined>, StorageError> {
        let records = {
            let tx = self.transaction(&[QUARANTINE], TransactionMode::ReadOnly)?;
            read_all(&object_store(&tx, QUARANTINE)?).await?
        };
        let mut items: Vec<Quarantined> = records
            .into_iter()
            .map(|(key, value)| {
                let key = key_text(&key);
                let raw = raw_text(&value);
                match value
                    .as_string()
                    .and_then(|t| crate::domain::json::from_str::<Quarantined>(&t).ok())
                {
                    // The key it is stored under is the one that discards it.
                    Some(q) => Quarantined { key, ..q },
                    None => Quarantined {
                        original_key: key.clone(),
                        key,
                        store: QUARANTINE.to_owned(),
                        reason: "this item kept aside could not itself be read".to_owned(),
                        raw,
                        at: now,
                    },
                }
            })
            .collect();
        crate::domain::order::sort_by(&mut items, |a, b| {
            b.at.cmp(&a.at).then_with(|| a.key.cmp(&b.key))
        });
        Ok(items)
    }
}

/// Writes a quarantine record for `raw` under a fresh key, with `add`, not
/// `put`: a quarantined item is never overwritten. Returns its key.
pub(super) async fn add_to_quarantine(
    quarantine: &ObjectStore,
    origin: &str,
    key: &str,
    raw: &str,
    reason: &str,
) -> Result<String, StorageError> {
    let at = now()?;
    let qkey = free_key(quarantine, &format!("{origin}/{key}/{}", at.unix_millis())).await?;
    let record = Quarantined {
        key: qkey.clone(),
        store: origin.to_owned(),
        original_key: key.to_owned(),
        reason: reason.to_owned(),
        raw: raw.to_owned(),
        at,
    };
    let text = serde_json::to_string(&record).map_err(|e| {
        StorageError::Failed(format!("the unreadable data could not be kept aside: {e}"))
    })?;
    quarantine
        .add(&JsValue::from_str(&text), Some(&JsValue::from_str(&qkey)))
        .map_err(from_idb)?
        .await
        .map_err(from_idb)?;
    Ok(qkey)
}
