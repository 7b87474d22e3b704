//! The export format: a JSON file that carries one assessment, complete,
//! between devices. Documented in `docs/format.md`, with a JSON Schema in
//! `docs/format-v5.schema.json` that a test keeps in step with these types.
//!
//! Import is all or nothing: check the size, decode, parse, read the format
//! name and version, migrate older versions, build the model, then validate it
//! against its framework. Every problem says what is wrong and where.

use std::collections::HashSet;
use std::fmt;

use serde::{Deserialize, Serialize};
use serde_json::Value;

use super::assessment::{Assessment, Baseline, Case, Role};
use super::case_texts::{self, CaseTexts};
use super::date::Timestamp;
use super::edit::MAX_STANDARD_MINUTES;
use super::framework::{Catalogue, Framework, MAX_DEFAULT_COUNT};
use super::grade::completeness;

/// The `format` field of every export.
pub const FORMAT_NAME: &str = "cpsa-assessment";
/// The version this build writes, and the newest it reads.
pub const FORMAT_VERSION: u32 = 5;
/// The oldest version this build reads (migrating it).
pub const OLDEST_FORMAT_VERSION: u32 = 1;
/// The largest file import accepts.
pub const MAX_FILE_BYTES: usize = 32 * 1024 * 1024;
/// The most cases one assessment may hold.
pub const MAX_CASES: usize = 20_000;
/// The longest a name, reference or other short field may be, in characters.
pub const MAX_SHORT_TEXT: usize = 300;
/// The longest a note, reason or other long field may be, in characters.
pub const MAX_LONG_TEXT: usize = 20_000;
/// Import stops collecting problems after this many.
const MAX_PROBLEMS: usize = 100;

/// An export file: the envelope and the assessment.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct ExportFile {
    /// Always "cpsa-assessment".
    #[cfg_attr(not(target_arch = "wasm32"), schemars(extend("const" = "cpsa-assessment")))]
    pub format: String,
    /// The format version, 5 for this schema (version 1 files had no
    /// `revision`, and read as revision 0; versions 1 and 2 had no
    /// `action_plan` or `baseline`; versions 1 to 3 had no case
    /// `conditions` or `timeline`, no `service_standards` or `provenance`,
    /// and did not need a note on a key criterion answered met or not
    /// applicable; versions 1 to 4 had no `team`, `pack`, `deleted`, case
    /// `allocated_to` or `versions`, or answer `changed_at`).
    #[cfg_attr(not(target_arch = "wasm32"), schemars(range(min = 1, max = 5)))]
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
    /// Cases an older file marked complete that now need notes on key
    /// criteria: they are reopened, their answers kept as they were.
    pub reopened: Vec<Reopened>,
}

/// A case reopened on import: the key criteria that need notes, and the
/// answers the timeline contradicts that need a reason.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Reopened {
    pub case: String,
    pub label: String,
    pub criteria: Vec<String>,
    pub challenges: Vec<String>,
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
        format!(
            "{} was complete and is reopened: {}.",
            self.label,
            why.join("; and ")
        )
    }
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

/// Writes an assessment as an export file (pretty-printed JSON), at the
/// revision it was last saved at (0 when it never was).
pub fn export(
    a: &Assessment,
    exported_at: Option<Timestamp>,
    revision: u64,
) -> Result<String, String> {
    write(a, exported_at, revision, true)
}

/// Writes an assessment in the export format without indentation, as the
/// app keeps it in browser storage (read back with [`import`]).
pub fn to_storage(a: &Assessment, saved_at: Timestamp, revision: u64) -> Result<String, String> {
    write(a, Some(saved_at), revision, false)
}

/// [`to_storage`], writing afresh only the cases not in `texts`, the texts
/// of the last save of this assessment, and leaving this save's there.
/// The same text as [`to_storage`] gives; at 1,000 cases, one changed case
/// is written instead of all of them.
pub fn to_storage_reusing(
    a: &Assessment,
    saved_at: Timestamp,
    revision: u64,
    texts: &mut CaseTexts,
) -> Result<String, String> {
    case_texts::reusing(texts, || to_storage(a, saved_at, revision))
}

fn write(
    a: &Assessment,
    exported_at: Option<Timestamp>,
    revision: u64,
    pretty: bool,
) -> Result<String, String> {
    /// The envelope around a borrowed assessment, so exporting clones nothing.
    #[derive(Serialize)]
    struct Envelope<'a> {
        format: &'static str,
        version: u32,
        #[serde(skip_serializing_if = "Option::is_none")]
        exported_at: Option<Timestamp>,
        generator: String,
        revision: u64,
        assessment: &'a Assessment,
    }
    let file = Envelope {
        format: FORMAT_NAME,
        version: FORMAT_VERSION,
        exported_at,
        generator: generator(),
        revision,
        assessment: a,
    };
    let text = if pretty {
        serde_json::to_string_pretty(&file)
    } else {
        serde_json::to_string(&file)
    };
    text.map_err(|e| format!("the export could not be written: {e}"))
}

/// "cpsa" and this build's version.
pub fn generator() -> String {
    format!("cpsa {}", env!("CARGO_PKG_VERSION"))
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
    let (mut file, migrated_from) = read_fast(text).map_or_else(|| read(text), Ok)?;
    let framework = find_framework(&file.assessment, catalogue).map_err(ImportError::one)?;
    // Before format 4 a complete case needed no note on a key criterion met
    // or not applicable; such a case is reopened rather than refused.
    let before_key_notes = migrated_from.is_some_and(|v| v < 4);
    let problems = validate_with(&file.assessment, framework, blanks, !before_key_notes);
    if !problems.is_empty() {
        return Err(ImportError { problems });
    }
    // Before format 5 any note explained a timeline challenge: such notes
    // stand against the times the file holds.
    if migrated_from.is_some_and(|v| v < 5) {
        stand_notes_against_timeline(&mut file.assessment, framework);
    }
    let reopened = reopen_incomplete(&mut file.assessment, framework, before_key_notes);
    // Most files hold no `<` at all; only those are walked field by field.
    let markup = if text.contains('<') {
        serde_json::from_str::<Value>(text)
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
/// and says which: with `key_notes` (a file from before format 4), one
/// with a key criterion met or not applicable and no note; in any file,
/// one whose answers the timeline contradicts with no note written against
/// it (a standard the lead changed after the work came back, say).
fn reopen_incomplete(a: &mut Assessment, fw: &Framework, key_notes: bool) -> Vec<Reopened> {
    let standards = a.service_standards.clone();
    let mut out = Vec::new();
    for case in &mut a.cases {
        if !case.completed {
            continue;
        }
        let done = completeness(fw, &standards, case);
        let criteria = if key_notes {
            done.missing_key_notes
        } else {
            Vec::new()
        };
        let challenges = done.unexplained_challenges;
        if !criteria.is_empty() || !challenges.is_empty() {
            std::sync::Arc::make_mut(case).completed = false;
            out.push(Reopened {
                case: case.id.clone(),
                label: case.label(),
                criteria,
                challenges,
            });
        }
    }
    out
}

/// A current-version file that parses is read in one pass, about a third
/// faster than [`read`], which checks the shape, syntax and envelope first
/// so that anything else is refused saying what is wrong and where. Both
/// build the model with the same code.
fn read_fast(text: &str) -> Option<(ExportFile, Option<u32>)> {
    serde_json::from_str::<ExportFile>(text)
        .ok()
        .filter(|f| f.format == FORMAT_NAME && f.version == FORMAT_VERSION)
        .filter(|_| check_shape(text).is_ok())
        .map(|f| (f, None))
}

/// The deepest nesting of arrays and objects a file may have (an export
/// is seven deep at most).
const MAX_DEPTH: usize = 32;

/// Only the envelope's fields: everything else is checked for syntax and
/// skipped, so a file is known to be an export of a readable version before
/// it is read.
#[derive(Deserialize)]
struct Envelope {
    #[serde(default)]
    format: Option<Value>,
    #[serde(default)]
    version: Option<Value>,
}

/// Checks the shape, syntax and envelope, migrates an older version, and
/// builds the file straight from the text; a problem is placed where
/// serde_json stopped reading ([`path_at`]).
fn read(text: &str) -> Result<(ExportFile, Option<u32>), ImportError> {
    check_shape(text)?;
    let envelope: Envelope = serde_json::from_str(text).map_err(syntax_problem)?;
    let version = check_envelope(&envelope)?;
    let migrated;
    let current = if reads_as_current(version) {
        text
    } else {
        let value: Value = serde_json::from_str(text).map_err(syntax_problem)?;
        let value = migrate(value, version)?;
        migrated = serde_json::to_string(&value).map_err(|e| {
            ImportError::one(Problem::new(
                Location::File,
                format!("the migrated file could not be written: {e}"),
            ))
        })?;
        migrated.as_str()
    };
    let mut de = serde_json::Deserializer::from_str(current);
    let file: ExportFile = ExportFile::deserialize(&mut de).map_err(|e| {
        let path = path_at(current, e.line(), e.column(), &e.to_string());
        if e.is_data() {
            ImportError::one(Problem::at_path(path, describe_serde(e.to_string())))
        } else if e.is_syntax() {
            // The text parsed once already, so this is serde_json refusing
            // a value of the wrong kind where it wanted a word such as "met".
            ImportError::one(Problem::at_path(
                path,
                "wrong type: expected text, one of the words this field allows",
            ))
        } else {
            syntax_problem(e)
        }
    })?;
    Ok((file, (version != FORMAT_VERSION).then_some(version)))
}

/// An object at the top, and no deeper than [`MAX_DEPTH`]: a quick scan
/// before any parsing, so deep nesting is refused by name.
fn check_shape(text: &str) -> Result<(), ImportError> {
    let mut depth = 0usize;
    let mut in_string = false;
    let mut escaped = false;
    for (i, b) in text.bytes().enumerate() {
        if in_string {
            match (escaped, b) {
                (true, _) => escaped = false,
                (false, b'\\') => escaped = true,
                (false, b'"') => in_string = false,
                _ => {}
            }
            continue;
        }
        match b {
            b'"' => in_string = true,
            b'{' | b'[' => {
                depth += 1;
                if depth > MAX_DEPTH {
                    let before = &text[..i];
                    let line = before.matches('\n').count() + 1;
                    let column = before.len() - before.rfind('\n').map_or(0, |n| n + 1) + 1;
                    return Err(ImportError::one(Problem::new(
                        Location::Text { line, column },
                        "the file is nested too deeply to be an export from this tool",
                    )));
                }
            }
            b'}' | b']' => depth = depth.saturating_sub(1),
            _ => {}
        }
    }
    match text.trim_start().as_bytes().first() {
        Some(b'{') => Ok(()),
        _ => Err(ImportError::one(Problem::new(
            Location::File,
            "it does not hold a JSON object, so it is not an export from this tool (which writes an object with \"format\" and \"version\")",
        ))),
    }
}

/// A syntax error, located by line and column.
fn syntax_problem(e: serde_json::Error) -> ImportError {
    let at = Location::Text {
        line: e.line(),
        column: e.column(),
    };
    let message = match e.classify() {
        serde_json::error::Category::Eof => {
            "the file ends too early: it may have been cut short while copying or saving".to_owned()
        }
        _ => format!(
            "this is not valid JSON ({})",
            strip_position(&e.to_string())
        ),
    };
    ImportError::one(Problem::new(at, message))
}

/// The refusal of a file of `size` bytes, if it is over the limit: callers
/// that know the size before reading (a browser's file picker) check first.
pub fn too_large(size: u64) -> Option<ImportError> {
    (size > MAX_FILE_BYTES as u64).then(|| {
        ImportError::one(Problem::new(
            Location::File,
            format!(
                "the file is {}; the largest file this tool imports is {}",
                megabytes(size),
                megabytes(MAX_FILE_BYTES as u64)
            ),
        ))
    })
}

/// Size and encoding.
fn decode(bytes: &[u8]) -> Result<&str, ImportError> {
    if let Some(e) = too_large(bytes.len() as u64) {
        return Err(e);
    }
    if bytes.starts_with(b"\xFF\xFE") || bytes.starts_with(b"\xFE\xFF") {
        return Err(ImportError::one(Problem::new(
            Location::File,
            "the file is UTF-16 text (it starts with a UTF-16 byte-order mark); exports are UTF-8: open it in a text editor and save it as UTF-8",
        )));
    }
    // A byte-order mark, as some Windows editors add, is not part of the JSON.
    let body = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let offset = bytes.len() - body.len();
    let text = std::str::from_utf8(body).map_err(|e| {
        ImportError::one(Problem::new(
            Location::Byte(offset + e.valid_up_to()),
            "the file is not UTF-8 text, so it is not an export from this tool (an editor may have saved it in another encoding)",
        ))
    })?;
    if text.trim().is_empty() {
        return Err(ImportError::one(Problem::new(
            Location::File,
            "the file is empty",
        )));
    }
    Ok(text)
}

/// The format name and version from the envelope.
fn check_envelope(envelope: &Envelope) -> Result<u32, ImportError> {
    match &envelope.format {
        None => {
            return Err(ImportError::one(Problem::at_path(
                "$",
                format!("there is no \"format\" field, so this is not an export from this tool (which writes \"format\": \"{FORMAT_NAME}\")"),
            )))
        }
        Some(Value::String(f)) if f == FORMAT_NAME => {}
        Some(Value::String(f)) if f == super::sealed::SEALED_FORMAT => {
            return Err(ImportError::one(Problem::at_path(
                "$.format",
                "this export is protected with a passphrase: it must be opened with it (the app asks for it; the command-line tool takes --passphrase-file)",
            )))
        }
        Some(other) => {
            return Err(ImportError::one(Problem::at_path(
                "$.format",
                format!("the format is {}, not \"{FORMAT_NAME}\": this is not an assessment export", short_json(other)),
            )))
        }
    }
    let version = match &envelope.version {
        None => {
            return Err(ImportError::one(Problem::at_path(
                "$",
                "there is no \"version\" field",
            )))
        }
        Some(v) => v
            .as_u64()
            .and_then(|v| u32::try_from(v).ok())
            .ok_or_else(|| {
                ImportError::one(Problem::at_path(
                    "$.version",
                    format!("the version must be a whole number, not {}", short_json(v)),
                ))
            })?,
    };
    if version > FORMAT_VERSION {
        return Err(ImportError::one(Problem::at_path(
            "$.version",
            format!(
                "the file is format version {version}, written by a newer version of this tool; this version reads format versions {OLDEST_FORMAT_VERSION} to {FORMAT_VERSION}. Use the newer tool, or update this one"
            ),
        )));
    }
    if version < OLDEST_FORMAT_VERSION {
        return Err(ImportError::one(Problem::at_path(
            "$.version",
            format!(
                "there is no format version {version}; versions start at {OLDEST_FORMAT_VERSION}"
            ),
        )));
    }
    Ok(version)
}

/// One step from a version to the next, on the parsed file.
type Migration = fn(Value) -> Result<Value, Problem>;

/// The step from each older version to the next, oldest first. `None`: a
/// file of that version reads as the next one unchanged, so it is read
/// straight from its text (keeping every check on it, such as duplicate keys).
const MIGRATIONS: &[Option<Migration>] = &[
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
];

/// Whether every step from `version` to the current one reads unchanged.
fn reads_as_current(version: u32) -> bool {
    let from = usize::try_from(version.saturating_sub(OLDEST_FORMAT_VERSION)).unwrap_or(0);
    MIGRATIONS
        .get(from..)
        .is_some_and(|steps| steps.iter().all(Option::is_none))
}

fn migrate(mut value: Value, from: u32) -> Result<Value, ImportError> {
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

fn find_framework<'c>(a: &Assessment, catalogue: &'c Catalogue) -> Result<&'c Framework, Problem> {
    if let Some(fw) = catalogue.find(&a.framework) {
        return Ok(fw);
    }
    if catalogue.knows_id(&a.framework.id) {
        let versions: Vec<String> = catalogue
            .all()
            .filter(|f| f.id == a.framework.id)
            .map(|f| f.version.clone())
            .collect();
        Err(Problem::at_path(
            "$.assessment.framework.version",
            format!(
                "version {:?} of framework {:?} is not available on this device (it has {}); load that framework first",
                a.framework.version,
                a.framework.id,
                versions.join(", ")
            ),
        ))
    } else {
        Err(Problem::at_path(
            "$.assessment.framework.id",
            format!(
                "framework {:?} is not available on this device; load that framework first",
                a.framework.id
            ),
        ))
    }
}

/// Checks an assessment against its framework and the format's limits:
/// known ids, no duplicates, sensible dates and sizes. Returns every problem
/// (up to a hundred), each with its path.
pub fn validate(a: &Assessment, fw: &Framework) -> Vec<Problem> {
    validate_with(a, fw, Blanks::Refuse, true)
}

/// `key_notes`: a case marked complete must have its notes on key
/// criteria (format 4 and later).
fn validate_with(a: &Assessment, fw: &Framework, blanks: Blanks, key_notes: bool) -> Vec<Problem> {
    let mut out = Problems::default();
    let base = "$.assessment";
    out.required_short(&format!("{base}.id"), &a.id);
    out.required_short(&format!("{base}.force"), &a.force);
    if a.period.start > a.period.end {
        out.push(
            format!("{base}.period"),
            format!(
                "the period ends ({}) before it starts ({})",
                a.period.end, a.period.start
            ),
        );
    }
    for (i, name) in a.assessors.iter().enumerate() {
        out.short(&format!("{base}.assessors[{i}]"), name);
    }
    out.short(&format!("{base}.copy_id"), &a.copy_id);

    let mut planned = HashSet::new();
    for (i, p) in a.sample_plan.iter().enumerate() {
        let at = format!("{base}.sample_plan[{i}]");
        if fw.case_type(&p.case_type).is_none() {
            out.push(
                format!("{at}.case_type"),
                format!("case type {:?} is not in framework {}", p.case_type, fw.id),
            );
        }
        if !planned.insert(p.case_type.as_str()) {
            out.push(
                format!("{at}.case_type"),
                format!("case type {:?} is planned more than once", p.case_type),
            );
        }
        if p.planned > MAX_DEFAULT_COUNT {
            out.push(
                format!("{at}.planned"),
                format!(
                    "{} cases is more than the {MAX_DEFAULT_COUNT} a plan may ask for",
                    p.planned
                ),
            );
        }
    }

    if a.cases.len() > MAX_CASES {
        out.push(
            format!("{base}.cases"),
            format!(
                "{} cases is more than the {MAX_CASES} one assessment may hold",
                a.cases.len()
            ),
        );
    }
    validate_team(&mut out, a);
    // An auditor's pack holds only the cases allocated to them.
    let pack_auditor = a.pack.as_ref().filter(|p| {
        a.team
            .iter()
            .any(|m| m.id == p.member && m.role == Role::Auditor)
    });
    let mut case_ids = HashSet::new();
    for (i, case) in a.cases.iter().enumerate() {
        if let Some(p) = pack_auditor {
            if case.allocated_to.as_deref() != Some(p.member.as_str()) {
                out.push(
                    format!("{base}.cases[{i}].allocated_to"),
                    format!(
                        "the case is in the work pack for {:?} but is not allocated to them",
                        p.member
                    ),
                );
            }
        }
        if let Some(member) = &case.allocated_to {
            if !a
                .team
                .iter()
                .any(|m| m.id == *member && m.role == Role::Auditor)
            {
                out.push(
                    format!("{base}.cases[{i}].allocated_to"),
                    format!(
                        "the case is allocated to {member:?}, who is not an auditor in the team"
                    ),
                );
            }
        }
        validate_case(
            &mut out,
            &format!("{base}.cases[{i}]"),
            case,
            fw,
            blanks,
            key_notes,
        );
        if !case_ids.insert(case.id.as_str()) {
            out.push(
                format!("{base}.cases[{i}].id"),
                format!("case id {:?} is used by more than one case", case.id),
            );
        }
        if out.full() {
            break;
        }
    }

    let mut topics = HashSet::new();
    for (i, j) in a.topic_judgments.iter().enumerate() {
        let at = format!("{base}.topic_judgments[{i}]");
        if fw.topic(&j.topic).is_none() {
            out.push(
                format!("{at}.topic"),
                format!("topic {:?} is not in framework {}", j.topic, fw.id),
            );
        }
        if !topics.insert(j.topic.as_str()) {
            out.push(
                format!("{at}.topic"),
                format!("topic {:?} is judged more than once", j.topic),
            );
        }
        out.long(&format!("{at}.reasoning"), &j.reasoning);
        for (k, t) in j.areas_for_improvement.iter().enumerate() {
            out.long(&format!("{at}.areas_for_improvement[{k}]"), t);
        }
        for (k, t) in j.promising_practice.iter().enumerate() {
            out.long(&format!("{at}.promising_practice[{k}]"), t);
        }
    }

    let mut action_ids = HashSet::new();
    for (i, action) in a.actions.iter().enumerate() {
        let at = format!("{base}.actions[{i}]");
        out.required_short(&format!("{at}.id"), &action.id);
        if !action_ids.insert(action.id.as_str()) {
            out.push(
                format!("{at}.id"),
                format!("action id {:?} is used by more than one action", action.id),
            );
        }
        if action.text.trim().is_empty() {
            out.push(format!("{at}.text"), "an action needs a description");
        }
        out.long(&format!("{at}.text"), &action.text);
        out.short(&format!("{at}.owner"), &action.owner);
        out.long(&format!("{at}.evidence"), &action.evidence);
        for (k, c) in action.criteria.iter().enumerate() {
            if fw.criterion(c).is_none() {
                out.push(
                    format!("{at}.criteria[{k}]"),
                    format!("criterion {c:?} is not in framework {}", fw.id),
                );
            }
        }
        for (k, t) in action.topics.iter().enumerate() {
            if fw.topic(t).is_none() {
                out.push(
                    format!("{at}.topics[{k}]"),
                    format!("topic {t:?} is not in framework {}", fw.id),
                );
            }
        }
    }

    let mut intervals = HashSet::new();
    for (i, s) in a.service_standards.iter().enumerate() {
        let at = format!("{base}.service_standards[{i}]");
        match fw.timeline.interval(&s.interval) {
            None => out.push(
                format!("{at}.interval"),
                format!("interval {:?} is not in the timeline of framework {}", s.interval, fw.id),
            ),
            Some(i) if i.force_standard.is_none() => out.push(
                format!("{at}.interval"),
                format!("the limit for interval {:?} comes from the reports or the law; a force sets no standard for it", s.interval),
            ),
            Some(_) if !intervals.insert(s.interval.as_str()) => out.push(
                format!("{at}.interval"),
                format!("interval {:?} has more than one standard", s.interval),
            ),
            Some(_) => {}
        }
        if !(1..=MAX_STANDARD_MINUTES).contains(&s.minutes) {
            out.push(
                format!("{at}.minutes"),
                format!(
                    "{} minutes is not from 1 minute to a year ({MAX_STANDARD_MINUTES})",
                    s.minutes
                ),
            );
        }
    }
    if let Some(p) = &a.provenance {
        out.long(&format!("{base}.provenance.note"), &p.note);
    }

    let share = a.action_plan.not_met_percent;
    if !(1..=100).contains(&share) {
        out.push(
            format!("{base}.action_plan.not_met_percent"),
            format!("{share} is not a percentage from 1 to 100"),
        );
    }
    if let Some(b) = &a.baseline {
        validate_baseline(&mut out, &format!("{base}.baseline"), b);
    }
    out.0
}

/// A baseline's figures are counts from one assessment: no more cases than
/// one may hold, and at most a thousand answers a case.
fn validate_baseline(out: &mut Problems, at: &str, b: &Baseline) {
    let max_cases = MAX_CASES as u64;
    let max_answers = max_cases * 1000;
    out.required_short(&format!("{at}.force"), &b.force);
    if b.period.start > b.period.end {
        out.push(
            format!("{at}.period"),
            format!(
                "the period ends ({}) before it starts ({})",
                b.period.end, b.period.start
            ),
        );
    }
    let mut ids = HashSet::new();
    let mut cases = 0u64;
    for (i, t) in b.by_case_type.iter().enumerate() {
        let path = format!("{at}.by_case_type[{i}]");
        out.short(&format!("{path}.case_type"), &t.case_type);
        if !ids.insert(t.case_type.as_str()) {
            out.push(
                format!("{path}.case_type"),
                format!("case type {:?} appears more than once", t.case_type),
            );
        }
        let g = t.grades();
        cases += u64::from(g.good) + u64::from(g.requires_improvement) + u64::from(g.inadequate);
    }
    if cases > max_cases {
        out.push(
            format!("{at}.by_case_type"),
            format!("{cases} graded cases is more than the {MAX_CASES} one assessment may hold"),
        );
    }
    let mut ids = HashSet::new();
    for (i, t) in b.by_stage.iter().enumerate() {
        let path = format!("{at}.by_stage[{i}]");
        out.short(&format!("{path}.stage"), &t.stage);
        if !ids.insert(t.stage.as_str()) {
            out.push(
                format!("{path}.stage"),
                format!("stage {:?} appears more than once", t.stage),
            );
        }
        let answers = u64::from(t.met) + u64::from(t.partly_met) + u64::from(t.not_met);
        if answers > max_answers {
            out.push(
                path,
                format!("{answers} answers is more than one assessment can hold ({max_answers})"),
            );
        }
    }
    let mut ids = HashSet::new();
    for (i, t) in b.topics.iter().enumerate() {
        out.short(&format!("{at}.topics[{i}].topic"), &t.topic);
        if !ids.insert(t.topic.as_str()) {
            out.push(
                format!("{at}.topics[{i}].topic"),
                format!("topic {:?} appears more than once", t.topic),
            );
        }
    }
}

/// The team: each member named once, and a work pack for one of them.
fn validate_team(out: &mut Problems, a: &Assessment) {
    let base = "$.assessment";
    let mut ids = HashSet::new();
    let mut names = HashSet::new();
    for (i, m) in a.team.iter().enumerate() {
        let at = format!("{base}.team[{i}]");
        out.required_short(&format!("{at}.id"), &m.id);
        out.required_short(&format!("{at}.name"), &m.name);
        if !ids.insert(m.id.as_str()) {
            out.push(
                format!("{at}.id"),
                format!("member id {:?} is used by more than one member", m.id),
            );
        }
        if !names.insert(m.name.trim().to_lowercase()) {
            out.push(
                format!("{at}.name"),
                format!("{:?} is in the team more than once", m.name),
            );
        }
    }
    if let Some(p) = &a.pack {
        if !a.team.iter().any(|m| m.id == p.member) {
            out.push(
                format!("{base}.pack.member"),
                format!(
                    "the work pack is for {:?}, who is not in the team",
                    p.member
                ),
            );
        }
    }
    let present: HashSet<&str> = a.cases.iter().map(|c| c.id.as_str()).collect();
    for (i, d) in a.deleted.iter().enumerate() {
        if present.contains(d.case.as_str()) {
            out.push(
                format!("{base}.deleted[{i}].case"),
                format!("case {:?} is both deleted and in the assessment", d.case),
            );
        }
    }
}

fn validate_case(
    out: &mut Problems,
    at: &str,
    case: &Case,
    fw: &Framework,
    blanks: Blanks,
    key_notes: bool,
) {
    let required = |out: &mut Problems, path: String, text: &str, max: usize| {
        if blanks == Blanks::Refuse && text.trim().is_empty() {
            out.push(path.clone(), "must not be empty");
        }
        out.limit(&path, text, max);
    };
    out.required_short(&format!("{at}.id"), &case.id);
    // A case the lead has only planned and allocated has no reference
    // until its auditor gives one; once audited, it must have one.
    if case.answers.is_empty() && case.force_grade.is_none() && case.refer_back.is_none() {
        out.short(&format!("{at}.reference"), &case.reference);
    } else {
        required(
            out,
            format!("{at}.reference"),
            &case.reference,
            MAX_SHORT_TEXT,
        );
    }
    out.short(&format!("{at}.auditor"), &case.auditor);
    let known_type = fw.case_type(&case.case_type).is_some();
    if !known_type {
        out.push(
            format!("{at}.case_type"),
            format!(
                "case type {:?} is not in framework {}",
                case.case_type, fw.id
            ),
        );
    }
    if let (Some(reported), Some(audited)) = (case.dates.reported, case.dates.audited) {
        if audited < reported {
            out.push(
                format!("{at}.dates"),
                format!("the case was audited ({audited}) before it was reported ({reported})"),
            );
        }
    }
    let mut conditions = HashSet::new();
    for (k, id) in case.conditions.iter().enumerate() {
        let path = format!("{at}.conditions[{k}]");
        match fw.condition(id) {
            None => out.push(
                path,
                format!("condition {id:?} is not in framework {}", fw.id),
            ),
            Some(c) if known_type && !c.case_types.contains(&case.case_type) => out.push(
                path,
                format!(
                    "condition {id:?} is not asked for case type {:?}",
                    case.case_type
                ),
            ),
            Some(_) if !conditions.insert(id) => {
                out.push(path, format!("condition {id:?} is listed more than once"))
            }
            Some(_) => {}
        }
    }
    let mut events = HashSet::new();
    for (k, entry) in case.timeline.iter().enumerate() {
        let path = format!("{at}.timeline[{k}].event");
        if fw.timeline.event(&entry.event).is_none() {
            out.push(
                path,
                format!(
                    "event {:?} is not in the timeline of framework {}",
                    entry.event, fw.id
                ),
            );
        } else if !events.insert(entry.event.as_str()) {
            out.push(
                path,
                format!("event {:?} is given more than once", entry.event),
            );
        }
    }
    for (criterion, answer) in &case.answers {
        let path = format!("{at}.answers");
        match fw.criterion(criterion) {
            None => out.push(
                path,
                format!("criterion {criterion:?} is not in framework {}", fw.id),
            ),
            Some(c) if known_type && !case.applies(fw, c) => out.push(
                path,
                format!(
                    "criterion {criterion:?} does not apply to case type {:?}{}",
                    case.case_type,
                    match fw
                        .conditions_for(&case.case_type)
                        .find(|k| k.criteria.contains(criterion))
                    {
                        Some(k) => format!(" unless the case lists condition {:?}", k.id),
                        None => String::new(),
                    }
                ),
            ),
            Some(_) => out.long(
                &format!("{path} (criterion {criterion:?}).note"),
                &answer.note,
            ),
        }
    }
    if key_notes && case.completed && known_type {
        let missing = completeness(fw, &[], case).missing_key_notes;
        if !missing.is_empty() {
            out.push(
                format!("{at}.completed"),
                format!(
                    "the case is marked complete, but key {} {} answered met or not applicable with no note saying what in the file shows it or why it does not apply",
                    if missing.len() == 1 { "criterion" } else { "criteria" },
                    list_and(&missing)
                ),
            );
        }
    }
    if let Some(d) = &case.force_grade {
        out.long(&format!("{at}.force_grade.reason"), &d.reason);
    }
    if let Some(r) = &case.reviewer_grade {
        out.short(&format!("{at}.reviewer_grade.reviewer"), &r.reviewer);
        out.long(&format!("{at}.reviewer_grade.note"), &r.note);
    }
    if let Some(r) = &case.refer_back {
        required(
            out,
            format!("{at}.refer_back.reason"),
            &r.reason,
            MAX_LONG_TEXT,
        );
        required(
            out,
            format!("{at}.refer_back.owner"),
            &r.owner,
            MAX_SHORT_TEXT,
        );
        if let Some(c) = &r.closure {
            out.long(&format!("{at}.refer_back.closure.note"), &c.note);
            if r.raised.is_some_and(|raised| c.on < raised) {
                out.push(
                    format!("{at}.refer_back.closure.on"),
                    "the refer-back is closed before it was raised",
                );
            }
        }
    }
}

#[derive(Default)]
struct Problems(Vec<Problem>);

impl Problems {
    fn push(&mut self, path: impl Into<String>, message: impl Into<String>) {
        if self.0.len() < MAX_PROBLEMS {
            self.0.push(Problem::at_path(path, message));
        }
    }

    fn full(&self) -> bool {
        self.0.len() >= MAX_PROBLEMS
    }

    fn required_short(&mut self, path: &str, text: &str) {
        if text.trim().is_empty() {
            self.push(path, "must not be empty");
        }
        self.short(path, text);
    }

    fn short(&mut self, path: &str, text: &str) {
        self.limit(path, text, MAX_SHORT_TEXT);
    }

    fn long(&mut self, path: &str, text: &str) {
        self.limit(path, text, MAX_LONG_TEXT);
    }

    fn limit(&mut self, path: &str, text: &str, max: usize) {
        // Cheap test first: a string of at most `max` bytes has at most `max` characters.
        if text.len() > max {
            let chars = text.chars().count();
            if chars > max {
                self.push(
                    path,
                    format!("is {chars} characters long; the most allowed is {max}"),
                );
            }
        }
    }
}

/// The JSON paths of the strings in `v` that hold markup: `<` followed by a
/// letter, `/`, `!` or `?`, as a tag, comment or processing instruction
/// starts (so "aged <5" is not markup).
pub fn markup_fields(v: &Value) -> Vec<String> {
    fn walk(v: &Value, path: &mut String, out: &mut Vec<String>) {
        match v {
            Value::String(s) if is_markup(s) => out.push(path.clone()),
            Value::Array(items) => {
                for (i, item) in items.iter().enumerate() {
                    let len = path.len();
                    path.push_str(&format!("[{i}]"));
                    walk(item, path, out);
                    path.truncate(len);
                }
            }
            Value::Object(fields) => {
                for (k, item) in fields {
                    let len = path.len();
                    path.push('.');
                    path.push_str(k);
                    walk(item, path, out);
                    path.truncate(len);
                }
            }
            _ => {}
        }
    }
    let mut out = Vec::new();
    walk(v, &mut "$".to_owned(), &mut out);
    out
}

fn is_markup(s: &str) -> bool {
    s.as_bytes()
        .windows(2)
        .any(|w| w[0] == b'<' && (w[1].is_ascii_alphabetic() || matches!(w[1], b'/' | b'!' | b'?')))
}

/// `assessment.cases[3].case_type` → `$.assessment.cases[3].case_type`.
/// The JSON path of what serde_json was reading when it stopped with
/// `message` at `line` and `column` of `text`: the key or index of each
/// object and array open there. A value just read keeps its key or index
/// until the comma after it, so an error serde_json notices at the end of
/// a value or an object is placed on it; a field given twice is placed on
/// its object, as serde's own check is.
fn path_at(text: &str, line: usize, column: usize, message: &str) -> String {
    enum Open {
        Object { key: Option<String>, in_value: bool },
        Array { index: usize, started: bool },
    }
    let line_start = match line {
        0 | 1 => 0,
        n => text
            .match_indices('\n')
            .nth(n - 2)
            .map_or(text.len(), |(i, _)| i + 1),
    };
    let end = line_start.saturating_add(column).min(text.len());
    let bytes = text.as_bytes();
    let mut open: Vec<Open> = Vec::new();
    let mut i = 0;
    while i < end {
        let b = bytes[i];
        if let Some(Open::Array { started, .. }) = open.last_mut() {
            if !matches!(b, b',' | b']' | b' ' | b'\t' | b'\n' | b'\r') {
                *started = true;
            }
        }
        match b {
            b'{' => open.push(Open::Object {
                key: None,
                in_value: false,
            }),
            b'[' => open.push(Open::Array {
                index: 0,
                started: false,
            }),
            b'}' | b']' => {
                open.pop();
            }
            b':' => {
                if let Some(Open::Object { in_value, .. }) = open.last_mut() {
                    *in_value = true;
                }
            }
            b',' => match open.last_mut() {
                Some(Open::Object { key, in_value }) => (*key, *in_value) = (None, false),
                Some(Open::Array { index, started }) => (*index, *started) = (*index + 1, false),
                None => {}
            },
            b'"' => {
                let start = i;
                i += 1;
                while i < bytes.len() && bytes[i] != b'"' {
                    i += if bytes[i] == b'\\' { 2 } else { 1 };
                }
                if let Some(Open::Object {
                    key,
                    in_value: false,
                }) = open.last_mut()
                {
                    let raw = text.get(start..=i).unwrap_or_default();
                    *key = serde_json::from_str(raw).ok();
                }
            }
            _ => {}
        }
        i += 1;
    }
    // serde's check for a field given twice stops just after its key.
    if message.starts_with("duplicate field") {
        open.pop();
    }
    let mut path = String::from("$");
    for o in &open {
        match o {
            Open::Object { key: Some(k), .. } => {
                path.push('.');
                path.push_str(k);
            }
            Open::Array {
                index,
                started: true,
            } => path.push_str(&format!("[{index}]")),
            _ => break,
        }
    }
    path
}

/// serde's messages, made plain.
fn describe_serde(message: String) -> String {
    let message = strip_position(&message);
    if let Some(rest) = message.strip_prefix("missing field ") {
        format!("the field {} is missing", rest.replace('`', "\""))
    } else if let Some(rest) = message.strip_prefix("unknown field ") {
        let field = rest.split(',').next().unwrap_or(rest).replace('`', "\"");
        format!("there is an unexpected field {field}")
    } else if let Some(rest) = message.strip_prefix("duplicate field ") {
        format!(
            "the field {} appears more than once",
            rest.replace('`', "\"")
        )
    } else if let Some(rest) = message.strip_prefix("invalid type: ") {
        format!("wrong type: found {}", plain_types(rest))
    } else if let Some(rest) = message.strip_prefix("unknown variant ") {
        format!("unknown value {}", rest.replace('`', "\""))
    } else if let Some(rest) = message.strip_prefix("invalid value: ") {
        format!("invalid value: found {}", plain_types(rest))
    } else {
        message
    }
}

/// serde's "integer `12`, expected u32", in words a user knows.
fn plain_types(message: &str) -> String {
    let (found, expected) = message.split_once(", expected ").unwrap_or((message, ""));
    let quoted = |prefix: &str| {
        found
            .strip_prefix(prefix)
            .map(|v| v.trim_matches('`').to_owned())
    };
    let found = match found {
        "map" => "an object".to_owned(),
        "sequence" => "a list".to_owned(),
        _ => quoted("integer ")
            .or_else(|| quoted("floating point "))
            .map(|n| format!("the number {n}"))
            // serde_json writes the text already quoted: `string "five"`.
            .or_else(|| {
                found
                    .strip_prefix("string ")
                    .map(|t| format!("the text {t}"))
            })
            .or_else(|| quoted("boolean "))
            .unwrap_or_else(|| found.replace('`', "\"")),
    };
    let expected = match expected {
        "a sequence" => "a list".to_owned(),
        "a string" => "text".to_owned(),
        "u8" | "u16" | "u32" | "u64" | "usize" => "a whole number, 0 or more".to_owned(),
        e if e.starts_with("struct ") => "an object".to_owned(),
        e => e.replace('`', "\""),
    };
    if expected.is_empty() {
        found
    } else {
        format!("{found}, expected {expected}")
    }
}

/// serde_json appends " at line L column C"; paths say where already.
fn strip_position(message: &str) -> String {
    match message.rfind(" at line ") {
        Some(i) => message[..i].to_owned(),
        None => message.to_owned(),
    }
}

/// A short rendering of a JSON value for messages.
fn short_json(v: &Value) -> String {
    let s = v.to_string();
    if s.chars().count() > 40 {
        format!("{}…", s.chars().take(40).collect::<String>())
    } else {
        s
    }
}

fn megabytes(bytes: u64) -> String {
    format!("{:.1} MB", bytes as f64 / (1024.0 * 1024.0))
}
