//! Document identifiers: compared case-insensitively, shown upper-case.

use std::fmt;

/// A normalised document id such as `CORP/STRAT/003`.
///
/// Construction upper-cases the text, so two ids that differ only in case
/// are equal. Whether the text matches the site's `id_pattern` is decided by
/// the loader, which knows the pattern.
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize)]
#[serde(transparent)]
pub struct DocId(String);

impl DocId {
    pub fn new(text: &str) -> DocId {
        DocId(text.trim().to_uppercase())
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
