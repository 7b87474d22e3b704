//! The product's own English: counts with their nouns, capitals. A leaf:
//! any module may use it.

/// A count with its noun, plural when it is not one: "1 case", "3 cases".
pub fn count<N: std::fmt::Display + PartialEq + From<u8>>(n: N, noun: &str) -> String {
    let plural = if n == N::from(1) { "" } else { "s" };
    format!("{n} {noun}{plural}")
}

/// The text with its first letter in capitals: "the case" → "The case".
/// For the app's own English messages, so ASCII: the product's text never
/// goes through Unicode case mapping, whose tables would cost the app
/// 15 KB gzipped (user text, such as the names check, keeps Unicode's
/// `char::is_uppercase`).
pub fn capitalise(s: &str) -> String {
    let mut chars = s.chars();
    match chars.next() {
        Some(first) => std::iter::once(first.to_ascii_uppercase())
            .chain(chars)
            .collect(),
        None => String::new(),
    }
}

/// Whether two names typed by hand name the same person: "DS  Kind " and
/// "ds kind" do. Case is compared as ASCII, like the product's own text, and
/// spaces at either end or repeated within do not count.
pub fn same_name(a: &str, b: &str) -> bool {
    let (mut a, mut b) = (a.split_whitespace(), b.split_whitespace());
    loop {
        match (a.next(), b.next()) {
            (None, None) => return true,
            (Some(x), Some(y)) if x.eq_ignore_ascii_case(y) => {}
            _ => return false,
        }
    }
}
