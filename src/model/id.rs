//! Document identifiers: compared after Unicode compatibility folding and
//! without case, shown upper-case.

use std::fmt;
use unicode_normalization::UnicodeNormalization;

/// A normalised document id such as `CORP/STRAT/003`.
///
/// Construction folds Unicode compatibility forms (NFKC: the Kelvin sign K
/// is a K, a full-width Ａ an A) and upper-cases the text, so two ids that
/// read the same are equal. Whether the text matches the site's
/// `id_pattern` is decided by the loader, which knows the pattern.
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize)]
#[serde(transparent)]
pub struct DocId(String);

impl DocId {
    pub fn new(text: &str) -> DocId {
        DocId(normalise(text).to_uppercase().nfkc().collect())
    }

    /// The id with case folded as well, for finding ids that read the same
    /// although they are different (`ß` and `ẞ`).
    pub fn folded(&self) -> String {
        self.0.to_lowercase().nfkc().collect()
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The stable folder name of the document's pages: `CORP/STRAT/003` →
    /// `corp-strat-003`. Only ASCII letters, digits and single hyphens survive,
    /// so a slug can never climb out of the output folder.
    pub fn slug(&self) -> String {
        crate::text::slugify_ascii(&self.0)
    }
}

/// The text of an id as the id pattern and comparisons see it: trimmed,
/// compatibility forms folded.
pub fn normalise(text: &str) -> String {
    text.trim().nfkc().collect()
}

impl fmt::Display for DocId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_compare_case_insensitively_and_show_upper_case() {
        assert_eq!(DocId::new("Corp/Strat/003"), DocId::new("CORP/STRAT/003"));
        assert_eq!(DocId::new(" pol/002/057 ").to_string(), "POL/002/057");
    }

    #[test]
    fn compatibility_forms_fold_into_the_plain_letters() {
        assert_eq!(DocId::new("\u{212a}EY/001/001"), DocId::new("KEY/001/001"));
        assert_eq!(DocId::new("\u{212a}EY/001/001").slug(), "key-001-001");
        assert_eq!(DocId::new("ＰＯＬ/００１"), DocId::new("pol/001"));
    }

    #[test]
    fn slug_is_lower_case_with_hyphens() {
        assert_eq!(DocId::new("CORP/STRAT/003").slug(), "corp-strat-003");
        assert_eq!(DocId::new("POL/002/006/001").slug(), "pol-002-006-001");
    }

    #[test]
    fn slug_cannot_escape_the_output_folder() {
        assert_eq!(DocId::new("../../etc/passwd").slug(), "etc-passwd");
        assert_eq!(DocId::new("/").slug(), "document");
    }
}
