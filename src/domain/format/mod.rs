//! The export format: a JSON file that carries one assessment, complete,
//! between devices. Documented in `docs/format.md`, with a JSON Schema in
//! `docs/format-v8.schema.json` that a test keeps in step with these types.
//!
//! Import is all or nothing: check the size, decode, parse, read the format
//! name and version, migrate older versions, build the model, then validate it
//! against its framework. Every problem says what is wrong and where.

use std::collections::HashSet;
use std::fmt;

use serde::{Deserialize, Serialize};
use serde_json::Value;

use super::assessment::{Assessment, Baseline, Case, Role};
use super::date::Timestamp;
use super::framework::{Catalogue, Framework, MAX_DEFAULT_COUNT};
use super::grade::{completeness, completeness_now, Completeness};

mod limits;
mod messages;
mod migrate;
mod read;
mod validate;
mod write;

pub use limits::*;
pub use messages::*;
use migrate::*;
use read::*;
pub use read::{too_large, utf8_text, TextKind};
pub use validate::*;
pub use write::*;

/// The `format` field of every export.
pub const FORMAT_NAME: &str = "cpsa-assessment";
/// The `format` field of a passphrase-protected export
/// ([`crate::domain::sealed`]), which import recognises to ask for the
/// passphrase.
pub const SEALED_FORMAT: &str = "cpsa-assessment-encrypted";
/// The version this build writes, and the newest it reads.
pub const FORMAT_VERSION: u32 = 8;
/// The oldest version this build reads (migrating it).
pub const OLDEST_FORMAT_VERSION: u32 = 1;

/// An export file: the envelope and the assessment.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct ExportFile {
    /// Always "cpsa-assessment".
    #[cfg_attr(not(target_arch = "wasm32"), schemars(extend("const" = "cpsa-assessment")))]
    pub format: String,
    /// The format version, 8 for this schema (version 1 files had no
    /// `revision`, and read as revision 0; versions 1 and 2 had no
    /// `action_plan` or `baseline`; versions 1 to 3 had no case
    /// `conditions` or `timeline`, no `service_standards` or `provenance`,
    /// and did not need a note on a key criterion answered met or not
    /// applicable; versions 1 to 4 had no `team`, `pack`, `deleted`, case
    /// `allocated_to` or `versions`, or answer `changed_at`; versions 1 to
    /// 7 had no case `conditions_unanswered`).
    #[cfg_attr(not(target_arch = "wasm32"), schemars(range(min = 1, max = 8)))]
    pub version: u32,
    /// How many times the assessment had been saved on the device that
    /// wrote the file (0: never). Of two copies of one assessment, the one
    /// with the higher revision is newer.
    #[serde(default)]
    pub revision: u64,
    /// When the file was exported.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub exported_at: Option<Timestamp>,
    /// What wrote it, e.g. "cpsa 0.1.0".
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub generator: Option<String>,
    pub assessment: Assessment,
}

/// Where a problem is in an imported file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Location {
    /// The file as a whole.
    File,
    /// A byte offset (for text that is not UTF-8).
    Byte(usize),
    /// A line and column (for JSON that does not parse).
    Text { line: usize, column: usize },
    /// A JSON path such as `$.assessment.cases[3].case_type`.
    Path(String),
}

impl fmt::Display for Location {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Location::File => f.write_str("the file"),
            Location::Byte(b) => write!(f, "byte {b}"),
            Location::Text { line, column } => write!(f, "line {line}, column {column}"),
            Location::Path(p) => f.write_str(p),
        }
    }
}

/// One thing wrong with an imported file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    pub at: Location,
    pub message: String,
}

impl Problem {
    fn new(at: Location, message: impl Into<String>) -> Problem {
        Problem {
            at,
            message: message.into(),
        }
    }

    fn at_path(path: impl Into<String>, message: impl Into<String>) -> Problem {
        Problem::new(Location::Path(path.into()), message)
    }
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.at, self.message)
    }
}

/// Why a file could not be imported. Nothing was changed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ImportError {
    pub problems: Vec<Problem>,
}

impl ImportError {
    fn one(p: Problem) -> ImportError {
        ImportError { problems: vec![p] }
    }
}

impl fmt::Display for ImportError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.problems.as_slice() {
            [one] => write!(f, "{one}"),
            many => {
                write!(f, "{} problems:", many.len())?;
                for p in many {
                    write!(f, "\n- {p}")?;
                }
                Ok(())
            }
        }
    }
}

impl std::error::Error for ImportError {}

/// A successfully imported file.
#[derive(Debug, Clone, PartialEq)]
pub struct Imported {
    pub assessment: Assessment,
    pub exported_at: Option<Timestamp>,
    pub generator: Option<String>,
    /// The version the file was written in, when it was older and migrated.
    pub migrated_from: Option<u32>,
    /// The file's revision: see [`ExportFile::revision`].
    pub revision: u64,
    /// Text fields holding HTML or script markup, by JSON path. Accepted
    /// (what was typed is kept), and always shown as text; the user is told.
    pub markup: Vec<String>,
    /// Cases the file marked complete that could not be completed as they
    /// stand (an older file's key criteria without notes, say): they are
    /// reopened, their answers kept as they were.
    pub reopened: Vec<Reopened>,
}

/// What a reopened case's force's grade lacks.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum GradeLack {
    /// There is none: a file from before a grade was asked for.
    Missing,
    /// It was confirmed against a suggestion that has since changed.
    Stale,
}

/// A case stored complete that reading reopened, and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Reopened {
    pub case: String,
    pub label: String,
    /// Key criteria met or not applicable with no note.
    pub criteria: Vec<String>,
    /// Answers the timeline contradicts with no note standing against it.
    pub challenges: Vec<String>,
    /// The force's grade is missing, or was confirmed against a suggestion
    /// that has since changed.
    pub grade: Option<GradeLack>,
    /// Anything else completing a case asks for is missing: an answer, a
    /// note, the reference, a condition question's answer, an override's
    /// reason, a refer-back's reason or owner.
    pub other: bool,
}

impl Reopened {
    /// "Case 14/2231 was complete and is reopened: key criteria IC7 and IC8
    /// need a note ..."
    pub fn describe(&self) -> String {
        let mut why = Vec::new();
        if !self.criteria.is_empty() {
            why.push(format!(
                "key {} {} {} a note saying what in the file shows it (met) or why it does not apply (not applicable), which this version asks for before a case is complete",
                if self.criteria.len() == 1 { "criterion" } else { "criteria" },
                list_and(&self.criteria),
                if self.criteria.len() == 1 { "needs" } else { "need" },
            ));
        }
        if !self.challenges.is_empty() {
            why.push(format!(
                "the timeline contradicts the {} to {}, and no note says why {} against the times and limits as they now are",
                if self.challenges.len() == 1 { "answer" } else { "answers" },
                list_and(&self.challenges),
                if self.challenges.len() == 1 { "it stands" } else { "they stand" },
            ));
        }
        match self.grade {
            Some(GradeLack::Missing) => why.push("the force has not graded it".to_owned()),
            Some(GradeLack::Stale) => why.push(
                "the force's grade needs confirming against the grade suggested as the case now stands"
                    .to_owned(),
            ),
            None => {}
        }
        if self.other {
            why.push(
                "it lacks something else a complete case needs, which its check page lists"
                    .to_owned(),
            );
        }
        let last = why.len().saturating_sub(1);
        let why: String = why
            .iter()
            .enumerate()
            .map(|(i, w)| match i {
                0 => w.clone(),
                _ if i == last => format!("; and {w}"),
                _ => format!("; {w}"),
            })
            .collect();
        format!("{} was complete and is reopened: {why}.", self.label)
    }
}

/// What comes before the list of a file's cases reading reopened, on the
/// page that previews it and on the page that brings it back.
pub fn reopened_intro(n: usize) -> String {
    format!(
        "{} marked complete in the file will be reopened, every answer kept, because this version asks for more before a case is complete:",
        super::forms::count(n, "case")
    )
}

/// What to tell the user of cases stored complete that opening reopened (a
/// note that no longer stands against the timeline as it is now worked
/// out, or an older version's key criteria with no note): a heading, and
/// why, for the first three in full; `None` when there are none.
pub fn reopened_note(reopened: &[Reopened]) -> Option<(String, String)> {
    let n = reopened.len();
    let heading = match n {
        0 => return None,
        1 => "A case marked complete was reopened, every answer kept".to_owned(),
        _ => format!("{n} cases marked complete were reopened, every answer kept"),
    };
    let mut body = reopened
        .iter()
        .take(3)
        .map(Reopened::describe)
        .collect::<Vec<_>>()
        .join(" ");
    if n > 3 {
        body.push_str(&format!(" And {} more: the task list shows which.", n - 3));
    }
    Some((heading, body))
}

/// "A", "A and B", "A, B and C".
pub fn list_and(items: &[String]) -> String {
    match items {
        [] => String::new(),
        [one] => one.clone(),
        [rest @ .., last] => format!("{} and {last}", rest.join(", ")),
    }
}

impl Imported {
    /// What to tell the user about markup in the file, if there is any.
    pub fn markup_note(&self) -> Option<String> {
        let first = self.markup.first()?;
        let n = self.markup.len();
        let fields = if n == 1 {
            format!("1 text field ({first}) holds")
        } else {
            format!("{n} text fields (the first is {first}) hold")
        };
        Some(format!("{fields} HTML or script markup. It is kept as written, and shown as plain text: it never runs."))
    }
}

/// Reads an export file: all or nothing.
pub fn import(bytes: &[u8], catalogue: &Catalogue) -> Result<Imported, ImportError> {
    import_with(bytes, catalogue, Blanks::Refuse)
}

/// Reads what this app stored: the same checks as [`import`], except that
/// the text the forms now require (a case's reference, a refer-back's
/// reason and owner) may be blank, as older versions let a file bring in,
/// so nothing already on a device is refused after an upgrade.
pub fn import_stored(bytes: &[u8], catalogue: &Catalogue) -> Result<Imported, ImportError> {
    import_with(bytes, catalogue, Blanks::Allow)
}

/// Whether the text the forms require may be blank.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Blanks {
    Refuse,
    Allow,
}

fn import_with(
    bytes: &[u8],
    catalogue: &Catalogue,
    blanks: Blanks,
) -> Result<Imported, ImportError> {
    let text = decode(bytes)?;
    let (file, migrated_from) = read_fast(text).map_or_else(|| read(text), Ok)?;
    finish(file, migrated_from, text, catalogue, blanks)
}

/// Reads an assessment stored as parts: `frame`, an export file whose
/// assessment has no cases, and the texts of its cases in order. The same
/// checks and migration as [`import_stored`] on the whole file they make: a
/// current-version frame is read with its cases, without writing the whole
/// file out; anything else (an older version, a case that does not read) is
/// read as that whole file, so every problem is placed as it would be there.
pub fn import_parts(
    frame: &str,
    cases: &[&str],
    catalogue: &Catalogue,
) -> Result<Imported, ImportError> {
    if let Some((mut file, None)) = read_fast(frame) {
        let read: Result<Vec<std::sync::Arc<Case>>, _> = cases
            .iter()
            .map(|c| crate::domain::json::from_str(c))
            .collect();
        if let Ok(read) = read {
            file.assessment.cases = read;
            return finish(file, None, frame, catalogue, Blanks::Allow);
        }
    }
    let mut whole: Value = crate::domain::json::plain(frame).map_err(syntax_problem)?;
    let mut list = Vec::with_capacity(cases.len());
    for (i, text) in cases.iter().enumerate() {
        list.push(crate::domain::json::plain::<Value>(text).map_err(|e| {
            ImportError::one(Problem::at_path(
                format!("$.assessment.cases[{i}]"),
                format!(
                    "the stored case is not valid JSON ({})",
                    strip_position(&e.to_string())
                ),
            ))
        })?);
    }
    match whole.get_mut("assessment").and_then(Value::as_object_mut) {
        Some(a) => {
            a.insert("cases".into(), Value::Array(list));
        }
        None => {
            return Err(ImportError::one(Problem::at_path(
                "$.assessment",
                "missing: the stored assessment's frame has no assessment",
            )))
        }
    }
    let text = serde_json::to_string(&whole).map_err(|e| {
        ImportError::one(Problem::new(
            Location::File,
            format!("the stored parts could not be put together: {e}"),
        ))
    })?;
    import_stored(text.as_bytes(), catalogue)
}

/// [`import_parts`] with the cases already read: `None` when `frame` is not
/// a current-version file that reads at once (then read it with
/// [`import_parts`], which migrates and places each problem).
pub fn import_frame(
    frame: &str,
    cases: Vec<std::sync::Arc<Case>>,
    catalogue: &Catalogue,
) -> Option<Result<Imported, ImportError>> {
    let (mut file, None) = read_fast(frame)? else {
        return None;
    };
    file.assessment.cases = cases;
    Some(finish(file, None, frame, catalogue, Blanks::Allow))
}

/// What every import does once the file is read: find its framework,
/// validate, bring older files' notes and complete cases up to date, and
/// note markup.
fn finish(
    mut file: ExportFile,
    migrated_from: Option<u32>,
    text: &str,
    catalogue: &Catalogue,
    blanks: Blanks,
) -> Result<Imported, ImportError> {
    let framework = find_framework(&file.assessment, catalogue).map_err(ImportError::one)?;
    // Before format 4 a complete case needed no note on a key criterion met
    // or not applicable; such a case is reopened rather than refused.
    let before_key_notes = migrated_from.is_some_and(|v| v < 4);
    let mut problems = validate_with(&file.assessment, framework, blanks, !before_key_notes);
    if let Some(g) = &file.generator {
        problems.extend(too_long("$.generator", g, MAX_SHORT_TEXT));
    }
    if !problems.is_empty() {
        return Err(ImportError { problems });
    }
    // Before format 5 any note explained a timeline challenge: such notes
    // stand against the times the file holds.
    if migrated_from.is_some_and(|v| v < 5) {
        stand_notes_against_timeline(&mut file.assessment, framework);
    }
    let reopened = reopen_incomplete(&mut file.assessment, framework);
    // Most files hold no `<` at all; only those are walked field by field.
    let markup = if text.contains('<') {
        crate::domain::json::plain::<Value>(text)
            .map(|v| markup_fields(&v))
            .unwrap_or_default()
    } else {
        Vec::new()
    };
    Ok(Imported {
        assessment: file.assessment,
        exported_at: file.exported_at,
        generator: file.generator,
        migrated_from,
        revision: file.revision,
        markup,
        reopened,
    })
}

/// Each note on an answer the timeline contradicts stands against the
/// readings as they are: what a note meant before format 5.
fn stand_notes_against_timeline(a: &mut Assessment, fw: &Framework) {
    let standards = a.service_standards.clone();
    for case in &mut a.cases {
        let mut found = std::collections::BTreeMap::<String, Vec<String>>::new();
        for ch in super::timeline::challenges(fw, &standards, case) {
            if case
                .answer(ch.criterion)
                .is_some_and(|x| !x.note.trim().is_empty())
            {
                found
                    .entry(ch.criterion.to_owned())
                    .or_default()
                    .push(ch.reading.signature());
            }
        }
        if found.is_empty() {
            continue;
        }
        let case = std::sync::Arc::make_mut(case);
        for (criterion, signatures) in found {
            if let Some(answer) = case.answers.get_mut(&criterion) {
                answer.stands_against = signatures;
            }
        }
    }
}

/// Reopens each complete case that could not be completed as it stands,
/// and says which: one from before format 4 with a key criterion met or
/// not applicable and no note (from format 4 such a file is refused); one
/// whose answers the timeline contradicts with no note written against it
/// (a standard the lead changed after the work came back, say); one whose
/// grade was confirmed against a suggestion that has since changed (a case
/// referred back after it was completed, before that reopened it); and one
/// lacking anything else completing it asks for.
fn reopen_incomplete(a: &mut Assessment, fw: &Framework) -> Vec<Reopened> {
    let standards = a.service_standards.clone();
    let mut out = Vec::new();
    for case in &mut a.cases {
        if !case.completed {
            continue;
        }
        let done = completeness_now(fw, &standards, case);
        if done.is_complete() {
            continue;
        }
        let other = Completeness {
            missing_key_notes: Vec::new(),
            unexplained_challenges: Vec::new(),
            missing_grade: false,
            ..done.clone()
        };
        std::sync::Arc::make_mut(case).completed = false;
        out.push(Reopened {
            case: case.id.clone(),
            label: case.label(),
            grade: done.missing_grade.then_some(match case.force_grade {
                None => GradeLack::Missing,
                Some(_) => GradeLack::Stale,
            }),
            other: !other.is_complete(),
            criteria: done.missing_key_notes,
            challenges: done.unexplained_challenges,
        });
    }
    out
}
