//! The browser's storage manager (`navigator.storage`): persistence and
//! the space used.

use super::*;

/// navigator.storage: asks for persistent storage; `Ok(true)` if granted.
/// `Err` if the API is absent.
pub async fn request_persistence() -> Result<bool, StorageError> {
    let manager = storage_manager()?;
    let answer = settle(manager.persist()).await?;
    answer.as_bool().ok_or_else(|| {
        StorageError::Failed("the browser gave no answer to the request to keep data".into())
    })
}

/// navigator.storage.persisted(): whether the browser keeps this app's data
/// even when space runs low.
pub async fn is_persisted() -> Result<bool, StorageError> {
    let manager = storage_manager()?;
    let answer = settle(manager.persisted()).await?;
    answer.as_bool().ok_or_else(|| {
        StorageError::Failed("the browser did not say whether it keeps this app's data".into())
    })
}

/// navigator.storage.estimate(): (usage bytes, quota bytes).
pub async fn estimate() -> Result<(u64, u64), StorageError> {
    let manager = storage_manager()?;
    let estimate = settle(manager.estimate()).await?;
    let field = |name: &str| {
        js_sys::Reflect::get(&estimate, &JsValue::from_str(name))
            .ok()
            .and_then(|v| v.as_f64())
            .filter(|n| n.is_finite() && *n >= 0.0)
            // Whole bytes; `as` saturates, it cannot panic.
            .map(|n| n as u64)
            .ok_or_else(|| {
                StorageError::Failed(format!("the browser did not report its storage {name}"))
            })
    };
    Ok((field("usage")?, field("quota")?))
}

pub(super) fn storage_manager() -> Result<StorageManager, StorageError> {
    let absent = || {
        StorageError::Unavailable(
            "this browser does not offer the storage manager (navigator.storage); \
             it needs a page served over https or from this computer"
                .into(),
        )
    };
    let navigator = js_sys::Reflect::get(&js_sys::global(), &JsValue::from_str("navigator"))
        .map_err(|_| absent())?;
    if navigator.is_undefined() || navigator.is_null() {
        return Err(absent());
    }
    js_sys::Reflect::get(&navigator, &JsValue::from_str("storage"))
        .map_err(|_| absent())?
        .dyn_into::<StorageManager>()
        .map_err(|_| absent())
}

/// Awaits a promise-returning browser call.
pub(super) async fn settle(
    call: Result<js_sys::Promise, JsValue>,
) -> Result<JsValue, StorageError> {
    let promise = call.map_err(|e| from_js(&e))?;
    JsFuture::from(promise).await.map_err(|e| from_js(&e))
}
