//! IndexedDB helpers: stores, reads, writes, commits, and the browser's
//! errors as [`StorageError`]s.

use std::future::IntoFuture;

use super::*;

pub(super) fn create_stores(event: &idb::event::VersionChangeEvent) -> Result<(), String> {
    let db = event.database().map_err(|e| idb_text(&e))?;
    let existing = db.store_names();
    for name in STORES {
        if !existing.iter().any(|n| n == name) {
            // No key path and no key generator: every key is given explicitly.
            db.create_object_store(name, ObjectStoreParams::new())
                .map_err(|e| idb_text(&e))?;
        }
    }
    Ok(())
}

pub(super) fn known_store(store: &str) -> Result<&'static str, StorageError> {
    STORES
        .into_iter()
        .find(|s| *s == store)
        .ok_or_else(|| StorageError::Failed(format!("there is no store named {store:?}")))
}

pub(super) fn object_store(tx: &Transaction, name: &str) -> Result<ObjectStore, StorageError> {
    tx.object_store(name).map_err(from_idb)
}

/// The value under `key`, if any. Reads through `getAll` so a stored `null`
/// or `undefined` is told apart from a missing record.
/// The revision in an index record; 0 when there is none or it cannot be
/// read (the assessments store is checked when it is opened).
pub(super) fn stored_revision(entry: Option<JsValue>) -> u64 {
    entry
        .and_then(|v| v.as_string())
        .and_then(|t| crate::domain::json::from_str::<AssessmentSummary>(&t).ok())
        .map_or(0, |s| s.revision)
}

pub(super) async fn read_one(
    store: &ObjectStore,
    key: &JsValue,
) -> Result<Option<JsValue>, StorageError> {
    let mut values = store
        .get_all(Some(Query::Key(key.clone())), Some(1))
        .map_err(from_idb)?
        .await
        .map_err(from_idb)?;
    Ok(values.pop())
}

/// Every (key, value) of a store, read in one transaction.
pub(super) async fn read_all(store: &ObjectStore) -> Result<Vec<(JsValue, JsValue)>, StorageError> {
    let keys = store
        .get_all_keys(None, None)
        .map_err(from_idb)?
        .await
        .map_err(from_idb)?;
    let values = store
        .get_all(None, None)
        .map_err(from_idb)?
        .await
        .map_err(from_idb)?;
    if keys.len() != values.len() {
        return Err(StorageError::Failed(format!(
            "the browser returned {} keys but {} records from the {} store",
            keys.len(),
            values.len(),
            store.name()
        )));
    }
    Ok(keys.into_iter().zip(values).collect())
}

/// Hands `value` to IndexedDB at once; the write is done when the returned
/// future is. Several may be handed over before any is awaited.
pub(super) fn put(
    store: &ObjectStore,
    key: &JsValue,
    value: &str,
) -> Result<impl Future<Output = Result<(), StorageError>>, StorageError> {
    // Listening starts now, not when the future is first polled: a request
    // awaited after others may have finished by then, and its event gone.
    let done = store
        .put(&JsValue::from_str(value), Some(key))
        .map_err(from_idb)?
        .into_future();
    Ok(async move { done.await.map(drop).map_err(from_idb) })
}

/// Hands a delete to IndexedDB at once, listening for its end as [`put`] does.
pub(super) fn delete_request(
    store: &ObjectStore,
    query: Query,
) -> Result<impl Future<Output = Result<(), StorageError>>, StorageError> {
    let done = store.delete(query).map_err(from_idb)?.into_future();
    Ok(async move { done.await.map_err(from_idb) })
}

pub(super) async fn remove(store: &ObjectStore, key: &JsValue) -> Result<(), StorageError> {
    store
        .delete(Query::Key(key.clone()))
        .map_err(from_idb)?
        .await
        .map_err(from_idb)
}

/// The first of `base`, `base-1`, `base-2`, ... not yet used in `store`.
pub(super) async fn free_key(store: &ObjectStore, base: &str) -> Result<String, StorageError> {
    for n in 0..1000u32 {
        let candidate = if n == 0 {
            base.to_owned()
        } else {
            format!("{base}-{n}")
        };
        let used = store
            .count(Some(Query::Key(JsValue::from_str(&candidate))))
            .map_err(from_idb)?
            .await
            .map_err(from_idb)?;
        if used == 0 {
            return Ok(candidate);
        }
    }
    Err(StorageError::Failed(format!(
        "there is no free place to keep {base:?} aside"
    )))
}

/// Waits for a readwrite transaction to commit. An abort (for example when
/// the browser runs out of space while committing) is an error.
pub(super) async fn commit(tx: Transaction) -> Result<(), StorageError> {
    let raw: IdbTransaction = tx.into();
    let outcome = Transaction::from(raw.clone()).await;
    let cancelled = || {
        raw.error()
            .map(|d| from_dom(&d))
            .unwrap_or_else(|| StorageError::Failed("the browser cancelled the change".into()))
    };
    match outcome {
        Ok(TransactionResult::Committed) => Ok(()),
        Ok(TransactionResult::Aborted) => Err(cancelled()),
        Err(e) => Err(raw.error().map_or_else(|| from_idb(e), |d| from_dom(&d))),
    }
}

/// The stored value as text: itself when it is a string, else its JSON.
pub(super) fn raw_text(value: &JsValue) -> String {
    value.as_string().unwrap_or_else(|| {
        js_sys::JSON::stringify(value)
            .ok()
            .and_then(|s| s.as_string())
            .unwrap_or_else(|| format!("{value:?}"))
    })
}

/// A key as text: itself when it is a string, else its JSON.
pub(super) fn key_text(key: &JsValue) -> String {
    raw_text(key)
}

pub(super) fn now() -> Result<Timestamp, StorageError> {
    // `as` saturates, it cannot panic; the check below catches nonsense.
    Timestamp::from_unix_millis(js_sys::Date::now() as i64)
        .ok_or_else(|| StorageError::Failed("the device's clock gives an impossible time".into()))
}

pub(super) fn unavailable(e: &idb::Error) -> StorageError {
    StorageError::Unavailable(idb_text(e))
}

pub(super) fn from_idb(e: idb::Error) -> StorageError {
    match dom_exception(&e) {
        Some(d) => from_dom(&d),
        None => StorageError::Failed(idb_text(&e)),
    }
}

pub(super) fn from_dom(d: &DomException) -> StorageError {
    let (name, message) = (d.name(), d.message());
    if name == "QuotaExceededError" {
        StorageError::QuotaExceeded
    } else if message.is_empty() {
        StorageError::Failed(name)
    } else {
        StorageError::Failed(format!("{message} ({name})"))
    }
}

pub(super) fn from_js(v: &JsValue) -> StorageError {
    if let Some(d) = v.dyn_ref::<DomException>() {
        return from_dom(d);
    }
    if let Some(e) = v.dyn_ref::<js_sys::Error>() {
        return StorageError::Failed(String::from(e.message()));
    }
    StorageError::Failed(raw_text(v))
}

/// The DOMException behind an idb error, when there is one.
pub(super) fn dom_exception(e: &idb::Error) -> Option<DomException> {
    use idb::Error as E;
    let value = match e {
        E::DomException(d) => return Some(d.clone()),
        E::AddFailed(v)
        | E::UpdateFailed(v)
        | E::DeleteFailed(v)
        | E::GetFailed(v)
        | E::GetAllFailed(v)
        | E::GetAllKeysFailed(v)
        | E::CountFailed(v)
        | E::IndexedDbOpenFailed(v)
        | E::IndexedDbNotFound(v)
        | E::ObjectStoreNotFound(v)
        | E::TransactionOpenFailed(v)
        | E::TransactionCommitError(v) => v,
        _ => return None,
    };
    value.dyn_ref::<DomException>().cloned()
}

/// An idb error as a sentence, naming the browser's message where there is one.
pub(super) fn idb_text(e: &idb::Error) -> String {
    match dom_exception(e) {
        Some(d) if !d.message().is_empty() => d.message(),
        Some(d) => d.name(),
        None => e.to_string(),
    }
}
