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
