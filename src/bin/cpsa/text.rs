//! Text for the terminal: file text shown safely, plain tables, and the
//! criteria of a framework.

use cpsa::domain::framework::Framework;

/// One line per criterion: id, stage, the case types it applies to (with
/// `*` where it is key, and `?` where a condition brings it in), the question.
pub(crate) fn criteria_table(fw: &Framework) -> String {
    let mut out = format!(
        "{}@{}: * key for that case type; ? applies when a condition holds\n",
        shown(&fw.id),
        shown(&fw.version)
    );
    for c in &fw.criteria {
        let types: Vec<String> = fw
            .case_types
            .iter()
            .filter_map(|t| {
                let conditional = !c.applies_to.includes(&t.id)
                    && fw.conditions_for(&t.id).any(|k| k.criteria.contains(&c.id));
                (c.applies_to.includes(&t.id) || conditional).then(|| {
                    format!(
                        "{}{}{}",
                        t.id,
                        if c.is_key_for(&t.id) { "*" } else { "" },
                        if conditional { "?" } else { "" }
                    )
                })
            })
            .collect();
        // Tab-separated: a tab in a field is shown as a space.
        out.push_str(&format!(
            "{}\t{}\t{}\t{}\n",
            shown(&c.id),
            shown(&c.stage),
            shown(&types.join(",")),
            shown(&c.text)
        ));
    }
    out
}

/// Text from a file as the terminal is to show it: a line break (`\n`,
/// `\r\n`, `\r`) or tab as a space, and any other control character
/// (C0, DEL, C1), line or paragraph separator (U+2028, U+2029) or
/// bidirectional override or isolate (U+202A to U+202E, U+2066 to
/// U+2069) as a `\u{..}` escape, so that no text in a file can clear
/// the screen, colour it, reorder what follows or start a line of its
/// own. The file keeps it as typed; JSON and CSV output escape it by
/// their own rules.
pub(crate) fn shown(text: &str) -> std::borrow::Cow<'_, str> {
    use std::fmt::Write;
    let hidden = |c: char| {
        c.is_control()
            || matches!(
                c,
                '\u{2028}'
                    | '\u{2029}'
                    | '\u{202a}'..='\u{202e}'
                    | '\u{2066}'..='\u{2069}'
                    // The marks that set a direction: left-to-right,
                    // right-to-left and Arabic letter.
                    | '\u{200e}'
                    | '\u{200f}'
                    | '\u{61c}'
            )
    };
    if !text.chars().any(hidden) {
        return text.into();
    }
    let mut out = String::with_capacity(text.len() + 16);
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            // "\r\n" is one break: its '\n' makes the space.
            '\r' if chars.peek() == Some(&'\n') => {}
            '\n' | '\r' | '\t' => out.push(' '),
            c if hidden(c) => {
                let _ = write!(out, "\\u{{{:x}}}", u32::from(c));
            }
            c => out.push(c),
        }
    }
    out.into()
}

/// [`shown`] line by line, for a message whose lines are its own: what
/// every failure goes through, after the file text in it was shown.
pub(crate) fn shown_lines(text: &str) -> String {
    let lines: Vec<_> = text.split('\n').map(shown).collect();
    lines.join("\n")
}

pub(crate) fn truncate(s: &str, max: usize) -> String {
    if s.chars().count() <= max {
        s.to_owned()
    } else {
        format!("{}…", s.chars().take(max - 1).collect::<String>())
    }
}

/// A plain text table: the first column left-aligned, the rest right-aligned.
pub(crate) fn out_table(line: &mut impl FnMut(String), header: &[&str], rows: &[Vec<String>]) {
    // Shown before they are measured, so the columns line up.
    let rows: Vec<Vec<String>> = rows
        .iter()
        .map(|row| row.iter().map(|cell| shown(cell).into_owned()).collect())
        .collect();
    let rows = rows.as_slice();
    let cols = header.len();
    let mut widths: Vec<usize> = header.iter().map(|h| h.chars().count()).collect();
    for row in rows {
        for (width, cell) in widths.iter_mut().zip(row.iter()).take(cols) {
            *width = (*width).max(cell.chars().count());
        }
    }
    let render = |cells: Vec<&str>| {
        let mut s = String::new();
        for (i, cell) in cells.iter().enumerate() {
            let pad = widths
                .get(i)
                .map_or(0, |w| w.saturating_sub(cell.chars().count()));
            if i == 0 {
                s.push_str(cell);
                s.push_str(&" ".repeat(pad));
            } else {
                s.push_str("  ");
                s.push_str(&" ".repeat(pad));
                s.push_str(cell);
            }
        }
        s.trim_end().to_owned()
    };
    line(render(header.to_vec()));
    for row in rows {
        line(render(row.iter().map(String::as_str).collect()));
    }
}
