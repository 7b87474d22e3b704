//! What `localStorage` keeps beside the journal: the backup marks and the
//! settings.

use super::*;

/// When an assessment was last exported and since when it has unexported
/// changes. These marks only time the backup reminder: marks that cannot be
/// read count as none.
pub fn backup_marks(id: &str) -> BackupMarks {
    local_storage()
        .ok()
        .and_then(|ls| ls.get_item(&format!("{BACKUP_PREFIX}{id}")).ok().flatten())
        .and_then(|text| crate::domain::json::from_str(&text).ok())
        .unwrap_or_default()
}

/// Changes the stored marks and returns them, for the app's state. The marks
/// only time the reminder: when they cannot be stored, the state still has
/// them for this change, and the next change starts again from what is stored.
pub(super) fn update_backup_marks(id: &str, change: impl FnOnce(&mut BackupMarks)) -> BackupMarks {
    let mut marks = backup_marks(id);
    change(&mut marks);
    if let (Ok(text), Ok(ls)) = (serde_json::to_string(&marks), local_storage()) {
        let _ = ls.set_item(&format!("{BACKUP_PREFIX}{id}"), &text);
    }
    marks
}

/// A change to an assessment was saved at `at`.
pub fn note_change(id: &str, at: Timestamp) -> BackupMarks {
    update_backup_marks(id, |m| m.changed(at))
}

/// An assessment was exported (downloaded as JSON) at `at`.
pub fn note_export(id: &str, at: Timestamp) -> BackupMarks {
    update_backup_marks(id, |m| m.exported(at))
}

/// The user's settings; the defaults when none are stored or they cannot be read.
pub fn settings() -> Settings {
    local_storage()
        .ok()
        .and_then(|ls| ls.get_item(SETTINGS_KEY).ok().flatten())
        .and_then(|text| crate::domain::json::from_str(&text).ok())
        .unwrap_or_default()
}

pub fn save_settings(settings: &Settings) -> Result<(), StorageError> {
    let text = serde_json::to_string(settings).map_err(|e| StorageError::Failed(e.to_string()))?;
    local_storage()?
        .set_item(SETTINGS_KEY, &text)
        .map_err(|e| from_js(&e))
}

pub(super) fn local_storage() -> Result<web_sys::Storage, StorageError> {
    web_sys::window()
        .ok_or_else(|| StorageError::Unavailable("there is no browser window".into()))?
        .local_storage()
        .map_err(|e| from_js(&e))?
        .ok_or_else(|| StorageError::Unavailable("this browser has no local storage".into()))
}
