//! Backups: the only copy of an assessment is in one browser on one device,
//! so the app reminds the user to export when changes have waited too long.

use serde::{Deserialize, Serialize};

use super::date::Timestamp;
use super::forms::FieldError;

/// The reminder comes after this many days unless the user sets another.
pub const DEFAULT_REMINDER_DAYS: u32 = 7;
/// The longest reminder period the setting allows.
pub const MAX_REMINDER_DAYS: u32 = 365;

const DAY_MS: i64 = 24 * 60 * 60 * 1000;

/// When an assessment was last exported, and since when it has changes
/// that were not.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct BackupMarks {
    #[serde(default)]
    pub exported_at: Option<Timestamp>,
    /// The first change saved after the last export; none when everything
    /// saved has been exported.
    #[serde(default)]
    pub unexported_since: Option<Timestamp>,
}

impl BackupMarks {
    /// A change was saved at `at`.
    pub fn changed(&mut self, at: Timestamp) {
        if self.unexported_since.is_none() {
            self.unexported_since = Some(at);
        }
    }

    /// The whole assessment was exported at `at`.
    pub fn exported(&mut self, at: Timestamp) {
        self.exported_at = Some(at);
        self.unexported_since = None;
    }

    /// Whole days the oldest unexported change has waited, once that is at
    /// least `days`.
    pub fn overdue(&self, now: Timestamp, days: u32) -> Option<i64> {
        let since = self.unexported_since?;
        let waited = (now.unix_millis() - since.unix_millis()) / DAY_MS;
        (waited >= i64::from(days)).then_some(waited)
    }
}

/// The user's settings for this device.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Settings {
    pub backup_reminder_days: u32,
}

impl Default for Settings {
    fn default() -> Self {
        Settings {
            backup_reminder_days: DEFAULT_REMINDER_DAYS,
        }
    }
}

/// Checks the reminder setting as typed: a whole number of days, 1 to 365.
pub fn check_reminder_days(typed: &str) -> Result<u32, FieldError> {
    let problem = |message: String| FieldError {
        field: "reminder-days".into(),
        message,
    };
    match typed.trim().parse::<u32>() {
        Ok(n) if (1..=MAX_REMINDER_DAYS).contains(&n) => Ok(n),
        Ok(_) => Err(problem(format!(
            "The number of days must be between 1 and {MAX_REMINDER_DAYS}"
        ))),
        Err(_) if typed.trim().is_empty() => Err(problem("Enter a number of days".into())),
        Err(_) => Err(problem(
            "The number of days must be a whole number, like 7".into(),
        )),
    }
}
