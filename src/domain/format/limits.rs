//! The sizes an import accepts: a file, an assessment, a field.

/// The largest file import accepts.
pub const MAX_FILE_BYTES: usize = 32 * 1024 * 1024;
/// The most cases one assessment may hold.
pub const MAX_CASES: usize = 20_000;
/// The longest a name, reference or other short field may be, in characters.
pub const MAX_SHORT_TEXT: usize = 300;
/// The longest a note, reason or other long field may be, in characters.
pub const MAX_LONG_TEXT: usize = 20_000;
/// [`MAX_LONG_TEXT`] as a page's `maxlength` attribute gives it.
pub const MAX_LONG_TEXT_ATTR: &str = "20000";
/// Import stops collecting problems after this many.
pub(super) const MAX_PROBLEMS: usize = 100;

/// The longest service standard: a year, in minutes.
pub const MAX_STANDARD_MINUTES: u32 = 525_600;

#[cfg(test)]
mod tests {
    #[test]
    fn the_attribute_is_the_limit() {
        assert_eq!(super::MAX_LONG_TEXT_ATTR, super::MAX_LONG_TEXT.to_string());
    }
}
