//! Finding the glossary terms a piece of text uses, so the app can explain
//! them where they appear.

use super::framework::{Framework, GlossaryEntry};

/// The glossary entries whose term or an alias appears in `text` as a whole
/// word, in order of first appearance, each once.
///
/// Abbreviations and proper names (any capital after the first letter, a
/// digit or a full stop: `PPN`, `ViSOR`, `s.46`) match case-sensitively;
/// ordinary phrases (`strategy discussion`) match in any case of their
/// ASCII letters. (The terms are English; ASCII case-folding keeps byte
/// offsets as they are, and leaves the standard library's Unicode case
/// tables out of the app.)
pub fn terms_in<'f>(fw: &'f Framework, text: &str) -> Vec<&'f GlossaryEntry> {
    let lower = text.to_ascii_lowercase();
    let mut found: Vec<(usize, &GlossaryEntry)> = Vec::new();
    for entry in &fw.glossary {
        let first = std::iter::once(entry.term.as_str())
            .chain(entry.aliases.iter().map(String::as_str))
            .filter_map(|candidate| {
                if is_exact(candidate) {
                    find_word(text, candidate)
                } else {
                    find_word(&lower, &candidate.to_ascii_lowercase())
                }
            })
            .min();
        if let Some(at) = first {
            found.push((at, entry));
        }
    }
    super::order::sort_by_key(&mut found, |(at, _)| *at);
    found.into_iter().map(|(_, e)| e).collect()
}

fn is_exact(candidate: &str) -> bool {
    candidate.chars().skip(1).any(char::is_uppercase)
        || candidate.chars().any(|c| c.is_ascii_digit() || c == '.')
}

/// The byte offset of the first whole-word occurrence of `needle`.
fn find_word(haystack: &str, needle: &str) -> Option<usize> {
    if needle.is_empty() {
        return None;
    }
    let is_word = |c: char| c.is_alphanumeric();
    let mut from = 0;
    while let Some(pos) = haystack[from..].find(needle) {
        let start = from + pos;
        let end = start + needle.len();
        let before = haystack[..start].chars().next_back();
        let after = haystack[end..].chars().next();
        if !before.is_some_and(is_word) && !after.is_some_and(is_word) {
            return Some(start);
        }
        from = start + haystack[start..].chars().next().map_or(1, char::len_utf8);
    }
    None
}
