//! Reading an export's text: size, encoding, shape, syntax and envelope
//! checked before the model is built, so that anything refused says what is
//! wrong and where; and the framework the file names.

use super::*;

/// A current-version file that parses is read in one pass, about a third
/// faster than [`read`], which checks the shape, syntax and envelope first
/// so that anything else is refused saying what is wrong and where. Both
/// build the model with the same code.
pub(super) fn read_fast(text: &str) -> Option<(ExportFile, Option<u32>)> {
    crate::domain::json::from_str::<ExportFile>(text)
        .ok()
        .filter(|f| f.format == FORMAT_NAME && f.version == FORMAT_VERSION)
        .filter(|_| check_shape(text).is_ok())
        .map(|f| (f, None))
}

/// The deepest nesting of arrays and objects a file may have (an export
/// is seven deep at most).
pub(super) const MAX_DEPTH: usize = 32;

/// Only the envelope's fields: everything else is checked for syntax and
/// skipped, so a file is known to be an export of a readable version before
/// it is read.
#[derive(Deserialize)]
pub(super) struct Envelope {
    #[serde(default)]
    format: Option<Value>,
    #[serde(default)]
    version: Option<Value>,
}

/// Checks the shape, syntax and envelope, migrates an older version, and
/// builds the file straight from the text; a problem is placed where
/// serde_json stopped reading ([`path_at`]).
pub(super) fn read(text: &str) -> Result<(ExportFile, Option<u32>), ImportError> {
    check_shape(text)?;
    let envelope: Envelope = crate::domain::json::plain(text).map_err(syntax_problem)?;
    let version = check_envelope(&envelope)?;
    let migrated;
    let current = if reads_as_current(version) {
        text
    } else {
        let value: Value = crate::domain::json::plain(text).map_err(syntax_problem)?;
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
    let file: ExportFile = crate::domain::json::read(&mut de).map_err(|e| {
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
pub(super) fn check_shape(text: &str) -> Result<(), ImportError> {
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
pub(super) fn syntax_problem(e: serde_json::Error) -> ImportError {
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

/// What a file read as UTF-8 text is meant to be, for the messages about
/// its encoding.
#[derive(Debug, Clone, Copy)]
pub struct TextKind {
    /// Such files, as in "exports are UTF-8".
    pub plural: &'static str,
    /// One such file, as in "so it is not an export from this tool".
    pub one: &'static str,
}

/// An assessment export.
const EXPORT_TEXT: TextKind = TextKind {
    plural: "exports",
    one: "an export from this tool",
};

/// The text of a file that must be UTF-8, without the byte-order mark some
/// Windows editors add. UTF-16 (known by its byte-order mark) and bytes that
/// are not UTF-8 are refused, saying where.
pub fn utf8_text(bytes: &[u8], kind: TextKind) -> Result<&str, Problem> {
    if bytes.starts_with(b"\xFF\xFE") || bytes.starts_with(b"\xFE\xFF") {
        return Err(Problem::new(
            Location::File,
            format!(
                "the file is UTF-16 text (it starts with a UTF-16 byte-order mark); {} are UTF-8: open it in a text editor and save it as UTF-8",
                kind.plural
            ),
        ));
    }
    // A byte-order mark, as some Windows editors add, is not part of the JSON.
    let body = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let offset = bytes.len() - body.len();
    std::str::from_utf8(body).map_err(|e| {
        Problem::new(
            Location::Byte(offset + e.valid_up_to()),
            format!(
                "the file is not UTF-8 text, so it is not {} (an editor may have saved it in another encoding)",
                kind.one
            ),
        )
    })
}

/// Size and encoding.
pub(super) fn decode(bytes: &[u8]) -> Result<&str, ImportError> {
    if let Some(e) = too_large(bytes.len() as u64) {
        return Err(e);
    }
    let text = utf8_text(bytes, EXPORT_TEXT).map_err(ImportError::one)?;
    if text.trim().is_empty() {
        return Err(ImportError::one(Problem::new(
            Location::File,
            "the file is empty",
        )));
    }
    Ok(text)
}

/// The format name and version from the envelope.
pub(super) fn check_envelope(envelope: &Envelope) -> Result<u32, ImportError> {
    match &envelope.format {
        None => {
            return Err(ImportError::one(Problem::at_path(
                "$",
                format!("there is no \"format\" field, so this is not an export from this tool (which writes \"format\": \"{FORMAT_NAME}\")"),
            )))
        }
        Some(Value::String(f)) if f == FORMAT_NAME => {}
        Some(Value::String(f)) if f == SEALED_FORMAT => {
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

pub(super) fn find_framework<'c>(
    a: &Assessment,
    catalogue: &'c Catalogue,
) -> Result<&'c Framework, Problem> {
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
