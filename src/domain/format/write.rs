//! Writing: an assessment as an export file, or as the text storage keeps.

use super::*;

/// Writes an assessment as an export file (pretty-printed JSON), at the
/// revision it was last saved at (0 when it never was). The app's downloads
/// are made whatever their size: an assessment it holds is always saved
/// off the device, even one too large for import to open again (docs/format.md,
/// "Size limits"); the command-line tool, which makes new files, refuses those
/// ([`export_to_open_again`]).
pub fn export(
    a: &Assessment,
    exported_at: Option<Timestamp>,
    revision: u64,
) -> Result<String, String> {
    write(a, exported_at, revision, true)
}

/// [`export`], refused when the file would be larger than import accepts
/// ([`too_large_to_write`]), or would not import for any other reason (a
/// merge of files that each fit can hold more cases than one assessment
/// may): what the command-line tool writes, so that it makes no file it or
/// the app could not open again. The file is read back as import reads it.
pub fn export_to_open_again(
    a: &Assessment,
    exported_at: Option<Timestamp>,
    revision: u64,
    catalogue: &Catalogue,
) -> Result<String, String> {
    let text = export(a, exported_at, revision)?;
    if let Some(refused) = too_large_to_write("the file", text.len(), a.cases.len()) {
        return Err(refused);
    }
    match import(text.as_bytes(), catalogue) {
        Ok(_) => Ok(text),
        Err(e) => Err(format!(
            "the file would not import, so it could not be opened again: it was not made. {e}"
        )),
    }
}

/// The refusal of a file of `bytes` bytes, holding an assessment of
/// `cases` cases, when it is larger than import accepts ([`MAX_FILE_BYTES`]);
/// `None` when it fits. `what` names it: "the file", "the protected file".
/// Says the size, the limit, and roughly how many cases would fit.
pub fn too_large_to_write(what: &str, bytes: usize, cases: usize) -> Option<String> {
    if bytes <= MAX_FILE_BYTES {
        return None;
    }
    let mut refused = format!(
        "{what} would be {}, and the largest file this tool imports is {}, so it could not be opened again: it was not made",
        megabytes(bytes as u64),
        megabytes(MAX_FILE_BYTES as u64)
    );
    if cases > 0 {
        let fit = cases as u64 * MAX_FILE_BYTES as u64 / bytes as u64;
        refused.push_str(&format!(
            ". Fewer cases fit: about {fit} of this assessment's {cases}"
        ));
    }
    Some(refused)
}

/// Writes an assessment in the export format without indentation, as the
/// app keeps it in browser storage (read back with [`import`]).
pub fn to_storage(a: &Assessment, saved_at: Timestamp, revision: u64) -> Result<String, String> {
    write(a, Some(saved_at), revision, false)
}

pub(super) fn write(
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
    let text = serde_json::to_string(&file)
        .map_err(|e| format!("the export could not be written: {e}"))?;
    Ok(if pretty { indent(&text) } else { text })
}

/// JSON written without whitespace (as `serde_json::to_string` writes it),
/// laid out as `serde_json::to_string_pretty` would have: two spaces a
/// level, `": "` after a key, `[]` and `{}` when empty. One serialiser for
/// every type instead of a second, pretty, copy of each (issue 21); tests
/// check the two agree on any assessment.
pub fn indent(compact: &str) -> String {
    fn new_line(out: &mut String, depth: usize) {
        out.push('\n');
        out.extend(std::iter::repeat_n("  ", depth));
    }
    let bytes = compact.as_bytes();
    let mut out = String::with_capacity(compact.len() + compact.len() / 2);
    let mut depth = 0usize;
    // Text between punctuation (strings, numbers, literals) is copied in
    // runs; every byte looked at is ASCII, so each run starts and ends on a
    // character's boundary.
    let mut copied = 0;
    let mut i = 0;
    let mut in_string = false;
    while let Some(&b) = bytes.get(i) {
        let mut next = i + 1;
        if in_string {
            match b {
                b'\\' => next += 1,
                b'"' => in_string = false,
                _ => {}
            }
        } else if b == b'"' {
            in_string = true;
        } else if matches!(b, b'{' | b'[' | b'}' | b']' | b',' | b':') {
            out.push_str(compact.get(copied..i).unwrap_or_default());
            match b {
                b'{' | b'[' => {
                    let close = if b == b'{' { b'}' } else { b']' };
                    if bytes.get(i + 1) == Some(&close) {
                        out.push(char::from(b));
                        out.push(char::from(close));
                        next += 1;
                    } else {
                        out.push(char::from(b));
                        depth += 1;
                        new_line(&mut out, depth);
                    }
                }
                b'}' | b']' => {
                    depth = depth.saturating_sub(1);
                    new_line(&mut out, depth);
                    out.push(char::from(b));
                }
                b',' => {
                    out.push(',');
                    new_line(&mut out, depth);
                }
                _ => out.push_str(": "),
            }
            copied = next;
        }
        i = next;
    }
    out.push_str(compact.get(copied..).unwrap_or_default());
    out
}

/// "cpsa" and this build's version.
pub fn generator() -> String {
    format!("cpsa {}", env!("CARGO_PKG_VERSION"))
}
