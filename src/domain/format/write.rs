//! Writing: an assessment as an export file, or as the text storage keeps.

use super::*;

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
    let mut out = String::with_capacity(compact.len() + compact.len() / 2);
    let mut depth = 0usize;
    let (mut in_string, mut escaped) = (false, false);
    let mut chars = compact.chars().peekable();
    while let Some(c) = chars.next() {
        if in_string {
            out.push(c);
            if escaped {
                escaped = false;
            } else if c == '\\' {
                escaped = true;
            } else if c == '"' {
                in_string = false;
            }
            continue;
        }
        match c {
            '"' => {
                in_string = true;
                out.push(c);
            }
            '{' | '[' => {
                out.push(c);
                let close = if c == '{' { '}' } else { ']' };
                if chars.next_if_eq(&close).is_some() {
                    out.push(close);
                } else {
                    depth += 1;
                    new_line(&mut out, depth);
                }
            }
            '}' | ']' => {
                depth = depth.saturating_sub(1);
                new_line(&mut out, depth);
                out.push(c);
            }
            ',' => {
                out.push(c);
                new_line(&mut out, depth);
            }
            ':' => out.push_str(": "),
            _ => out.push(c),
        }
    }
    out
}

/// "cpsa" and this build's version.
pub fn generator() -> String {
    format!("cpsa {}", env!("CARGO_PKG_VERSION"))
}
