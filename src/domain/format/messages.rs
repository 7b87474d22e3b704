//! Messages: where in a file a problem is, in words a user can act on, and
//! which text fields hold markup.

use super::*;

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

pub(super) fn is_markup(s: &str) -> bool {
    s.as_bytes()
        .windows(2)
        .any(|w| matches!(w, [b'<', next] if next.is_ascii_alphabetic() || matches!(next, b'/' | b'!' | b'?')))
}

/// `assessment.cases[3].case_type` → `$.assessment.cases[3].case_type`.
/// The JSON path of what serde_json was reading when it stopped with
/// `message` at `line` and `column` of `text`: the key or index of each
/// object and array open there. A value just read keeps its key or index
/// until the comma after it, so an error serde_json notices at the end of
/// a value or an object is placed on it; a field given twice is placed on
/// its object, as serde's own check is.
pub(super) fn path_at(text: &str, line: usize, column: usize, message: &str) -> String {
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
    while let Some(&b) = bytes.get(i).filter(|_| i < end) {
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
                while let Some(&c) = bytes.get(i).filter(|c| **c != b'"') {
                    i += if c == b'\\' { 2 } else { 1 };
                }
                if let Some(Open::Object {
                    key,
                    in_value: false,
                }) = open.last_mut()
                {
                    let raw = text.get(start..=i).unwrap_or_default();
                    *key = crate::domain::json::from_str(raw).ok();
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
pub(super) fn describe_serde(message: String) -> String {
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
    } else if let Some(rest) = message.strip_prefix("duplicate key ") {
        format!(
            "the key {} is given more than once",
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
pub(super) fn plain_types(message: &str) -> String {
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
pub(super) fn strip_position(message: &str) -> String {
    match message.rfind(" at line ") {
        Some(i) => message[..i].to_owned(),
        None => message.to_owned(),
    }
}

/// A short rendering of a JSON value for messages.
pub(super) fn short_json(v: &Value) -> String {
    let s = v.to_string();
    if s.chars().count() > 40 {
        format!("{}…", s.chars().take(40).collect::<String>())
    } else {
        s
    }
}

/// A size in MB to one decimal, rounded up: a file over the limit never
/// reads as the limit's size ("32.0 MB against 32.0 MB" said nothing).
pub(super) fn megabytes(bytes: u64) -> String {
    format!(
        "{:.1} MB",
        (bytes as f64 / (1024.0 * 1024.0) * 10.0).ceil() / 10.0
    )
}
