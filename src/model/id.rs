//! Document identifiers: compared after Unicode compatibility folding and
//! without case, shown upper-case.

use regex::Regex;
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
        // ASCII is its own compatibility form, and its capitals are ASCII.
        if text.is_ascii() {
            return DocId(text.trim().to_ascii_uppercase());
        }
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
    if text.is_ascii() {
        return text.trim().to_string();
    }
    text.trim().nfkc().collect()
}

impl fmt::Display for DocId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// Finds the ids written in running text, as whole words, with the site's
/// id pattern.
///
/// Whole words as Unicode sees them (`é` is a letter) make the regex
/// engine leave its fast automaton for a slow one, which was half the time
/// of parsing a body. So the slow search runs only where it can find
/// something and where it differs: on ASCII text the two kinds of word
/// boundary are the same, and text in which the pattern matches nowhere,
/// boundaries or not, holds no id. Text whose only non-ASCII characters
/// are punctuation (dashes, curly quotes) counts as ASCII here: the two
/// kinds of boundary differ only beside a non-ASCII letter or digit. And
/// text without a byte every id holds (`/` with the default pattern) is
/// not searched at all.
#[derive(Clone, Debug)]
pub struct IdFinder {
    /// The pattern between Unicode word boundaries: the definition.
    unicode: Regex,
    /// The pattern between ASCII word boundaries.
    ascii: Regex,
    /// The pattern anywhere.
    anywhere: Regex,
    /// A letter or digit outside ASCII.
    non_ascii_word: Regex,
    /// A byte every id holds, when the pattern has one.
    required: Option<u8>,
}

impl IdFinder {
    pub fn new(pattern: &str) -> Result<IdFinder, regex::Error> {
        let anywhere = format!(r"(?i)(?:{pattern})");
        Ok(IdFinder {
            unicode: Regex::new(&format!(r"(?i)\b(?:{pattern})\b"))?,
            ascii: Regex::new(&format!(r"(?i)(?-u:\b)(?:{pattern})(?-u:\b)"))?,
            required: super::required_byte::required_byte(&anywhere),
            anywhere: Regex::new(&anywhere)?,
            non_ascii_word: Regex::new(r"[\w&&[^\x00-\x7F]]")?,
        })
    }

    /// The ids in `text`, as the pattern between Unicode word boundaries finds them.
    pub fn find_iter<'r, 't>(&'r self, text: &'t str) -> impl Iterator<Item = regex::Match<'t>> + 'r
    where
        't: 'r,
    {
        let regex = match self.required.is_none_or(|b| text.as_bytes().contains(&b)) {
            false => None,
            true if text.is_ascii() || !self.non_ascii_word.is_match(text) => Some(&self.ascii),
            true => self.anywhere.is_match(text).then_some(&self.unicode),
        };
        regex.into_iter().flat_map(move |r| r.find_iter(text))
    }

    /// The first id in `text`.
    pub fn find<'t>(&self, text: &'t str) -> Option<regex::Match<'t>> {
        self.find_iter(text).next()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_in_prose_are_whole_words_in_ascii_and_unicode_text() {
        let finder = IdFinder::new("[A-Z]{2,6}(?:/[A-Z]{2,6})*(?:/[0-9]{1,4})+").unwrap();
        let found = |text: &str| finder.find_iter(text).map(|m| m.as_str().to_string()).collect::<Vec<_>>();
        let cases: [(&str, &[&str]); 10] = [
            ("‘POL/001/002’ – see POL/1/2—", &["POL/001/002", "POL/1/2"]),
            ("POL/001/002’s and “xPOL/1/2”", &["POL/001/002", "xPOL/1/2"]),
            ("See POL/001/002.", &["POL/001/002"]),
            ("see pol/1/2 and CORP/STRAT/003, (POL/9/9)", &["pol/1/2", "CORP/STRAT/003", "POL/9/9"]),
            ("xPOL/001/002 and POL/001/002x", &["xPOL/001/002", "POL/001"]),
            ("POL/001/00234", &["POL/001"]),
            ("Voir POL/001/002 — déjà", &["POL/001/002"]),
            ("éPOL/001/002 and POL/001/002é", &["POL/001"]),
            ("ſPOL/001/002 (a long s is an s)", &["ſPOL/001/002"]),
            ("KK/001 (Kelvin signs), K/001", &["KK/001"]),
        ];
        for (text, expected) in cases {
            assert_eq!(found(text), expected, "{text}");
            let unicode = finder.unicode.find_iter(text).map(|m| m.as_str().to_string()).collect::<Vec<_>>();
            assert_eq!(found(text), unicode, "the same as Unicode boundaries: {text}");
        }
    }

    #[test]
    fn ids_compare_case_insensitively_and_show_upper_case() {
        assert_eq!(DocId::new("Corp/Strat/003"), DocId::new("CORP/STRAT/003"));
        assert_eq!(DocId::new(" pol/002/057 ").to_string(), "POL/002/057");
    }

    #[test]
    fn ascii_ids_skip_the_unicode_forms_and_come_out_the_same() {
        let slow = |text: &str| text.trim().nfkc().collect::<String>().to_uppercase().nfkc().collect::<String>();
        for byte in 0u8..0x80 {
            let c = byte as char;
            for text in [format!("{c}"), format!(" pol/{c}/1\t"), format!("{c}a{c}Z{c}"), format!("\x0b{c}\x0c")] {
                assert_eq!(DocId::new(&text).as_str(), slow(&text), "{text:?}");
                assert_eq!(normalise(&text), text.trim().nfkc().collect::<String>(), "{text:?}");
            }
        }
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
