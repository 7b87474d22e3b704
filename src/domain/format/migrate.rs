//! Older format versions, one step at a time to the current one.

use super::*;

/// One step from a version to the next, on the parsed file.
pub(super) type Migration = fn(Value) -> Result<Value, Problem>;

/// The step from each older version to the next, oldest first. `None`: a
/// file of that version reads as the next one unchanged, so it is read
/// straight from its text (keeping every check on it, such as duplicate keys).
pub(super) const MIGRATIONS: &[Option<Migration>] = &[
    // 1 → 2: the envelope gained `revision`, which defaults to 0.
    None,
    // 2 → 3: the assessment gained `action_plan` (defaults: no report date,
    // 25 per cent) and `baseline` (none).
    None,
    // 3 → 4: cases gained `conditions` and `timeline` (none), the
    // assessment `service_standards` (the framework's starting values) and
    // `provenance` (none). A complete case with a key criterion met or not
    // applicable and no note is reopened once the file is read
    // (`reopen_incomplete`).
    None,
    // 4 → 5: the assessment gained `team`, `pack` and `deleted` (none),
    // cases `allocated_to` (none) and `versions` (no changes counted: the
    // first work brought back over it is newer), answers `changed_at`
    // (unknown) and `stands_against` (set once the file is read, from the
    // timeline as it reads: `stand_notes_against_timeline`).
    None,
    // 5 → 6: the assessment gained `statements` (the force-level answers),
    // `recommendations` and `dip_records` (none), topic judgments
    // `suggested` (none: a grade made before the rule is not an override)
    // and actions `recommendations` and `statements` (none).
    None,
    // 6 → 7: the force's grade gained `after_review` and `before_review`
    // (false and none: a grade from an earlier version counts as given
    // before any reviewer's grade, as calibration always took it).
    None,
    // 7 → 8: cases gained `conditions_unanswered` (none: a condition not
    // held read "No", as the earlier versions showed it).
    None,
];

/// Whether every step from `version` to the current one reads unchanged.
pub(super) fn reads_as_current(version: u32) -> bool {
    let from = usize::try_from(version.saturating_sub(OLDEST_FORMAT_VERSION)).unwrap_or(0);
    MIGRATIONS
        .get(from..)
        .is_some_and(|steps| steps.iter().all(Option::is_none))
}

pub(super) fn migrate(mut value: Value, from: u32) -> Result<Value, ImportError> {
    for step in from..FORMAT_VERSION {
        let index = usize::try_from(step - OLDEST_FORMAT_VERSION).unwrap_or(usize::MAX);
        let Some(migration) = MIGRATIONS.get(index) else {
            return Err(ImportError::one(Problem::at_path(
                "$.version",
                format!("there is no way to migrate format version {step}"),
            )));
        };
        if let Some(migration) = migration {
            value = migration(value).map_err(ImportError::one)?;
        }
        if let Some(obj) = value.as_object_mut() {
            obj.insert("version".into(), Value::from(step + 1));
        }
    }
    Ok(value)
}
