//! The one analysis every part of search shares: how text becomes terms.
//!
//! Words are runs of letters and digits (tantivy's `SimpleTokenizer`),
//! lower-cased, dropped when 40 bytes or longer, and stemmed with the English
//! Snowball stemmer (tantivy's `Stemmer`, which is the `rust-stemmers` crate).
//! The tantivy index, the command line's queries and the browser index all
//! go through [`analyzer`]; `search.js` mirrors [`raw_analyzer`] and the
//! stemmer (see `README.md` beside this file for how the browser avoids
//! depending on that mirror).

use tantivy::tokenizer::{Language, LowerCaser, RemoveLongFilter, SimpleTokenizer, Stemmer, TextAnalyzer, TokenStream};

/// The name the analyzer is registered under in every index.
pub const TOKENIZER: &str = "trustdocs_en";

/// Tokens of this many bytes or more are dropped (after lower-casing), as
/// tantivy's default tokenizer does: they are hashes and pasted URLs, not words.
pub const MAX_TOKEN_BYTES: usize = 40;

/// Words → stemmed terms: what is indexed and what queries look up.
pub fn analyzer() -> TextAnalyzer {
    TextAnalyzer::builder(SimpleTokenizer::default())
        .filter(LowerCaser)
        .filter(RemoveLongFilter::limit(MAX_TOKEN_BYTES))
        .filter(Stemmer::new(Language::English))
        .build()
}

/// The same words, not stemmed: what a reader typed or wrote, for the
/// browser's word tables, prefix matching and snippets.
pub fn raw_analyzer() -> TextAnalyzer {
    TextAnalyzer::builder(SimpleTokenizer::default())
        .filter(LowerCaser)
        .filter(RemoveLongFilter::limit(MAX_TOKEN_BYTES))
        .build()
}

/// The tokens `analyzer` makes of `text`, in order.
pub fn tokens(analyzer: &mut TextAnalyzer, text: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut stream = analyzer.token_stream(text);
    while stream.advance() {
        out.push(stream.token().text.clone());
    }
    out
}

/// Calls `f` with each token, without allocating one string per token.
pub fn for_each_token(analyzer: &mut TextAnalyzer, text: &str, mut f: impl FnMut(&str)) {
    let mut stream = analyzer.token_stream(text);
    while stream.advance() {
        f(&stream.token().text);
    }
}

/// The distinct stemmed terms of a query, in the order first written.
pub fn query_terms(query: &str) -> Vec<String> {
    let mut terms = tokens(&mut analyzer(), query);
    let mut seen = std::collections::HashSet::new();
    terms.retain(|t| seen.insert(t.clone()));
    terms
}

/// The stem of one lower-case word, exactly as the index has it.
pub fn stem(analyzer: &mut TextAnalyzer, word: &str) -> Option<String> {
    tokens(analyzer, word).into_iter().next()
}

/// The key an id is found by, whatever way it is written: `POL/002/057`,
/// `pol-002-057` and `pol 2 57` all give `pol-2-57`. Parts are runs of
/// letters and digits, lower-cased; numbers lose their leading zeros.
/// `None` unless the text has at least two parts and a digit, so ordinary
/// words never cost an id lookup.
pub fn id_key(text: &str) -> Option<String> {
    let parts: Vec<String> = text
        .split(|c: char| !c.is_alphanumeric())
        .filter(|p| !p.is_empty())
        .map(|p| without_leading_zeros(p.to_lowercase()))
        .collect();
    let has_digit = parts.iter().any(|p| p.chars().any(|c| c.is_ascii_digit()));
    (parts.len() >= 2 && has_digit).then(|| parts.join("-"))
}

/// `007` → `7`, `000` → `0`; anything with a letter is left alone.
fn without_leading_zeros(part: String) -> String {
    if !part.chars().all(|c| c.is_ascii_digit()) {
        return part;
    }
    match part.trim_start_matches('0') {
        "" => "0".to_string(),
        rest => rest.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_written_three_ways_share_a_key() {
        for written in ["POL/002/057", "pol-002-057", "pol 2 57", " Pol/2/057 "] {
            assert_eq!(id_key(written).as_deref(), Some("pol-2-57"), "{written}");
        }
        assert_eq!(id_key("CORP/STRAT/000").as_deref(), Some("corp-strat-0"));
    }

    #[test]
    fn words_are_not_ids() {
        assert_eq!(id_key("lone working"), None);
        assert_eq!(id_key("2020"), None);
    }

    #[test]
    fn queries_are_stemmed_lower_cased_and_deduplicated() {
        assert_eq!(query_terms("Reporting REPORTED reports, lone-working"), vec!["report", "lone", "work"]);
    }

    #[test]
    fn raw_words_keep_their_endings() {
        assert_eq!(
            tokens(&mut raw_analyzer(), "Staff Reporting: 2 incidents"),
            vec!["staff", "reporting", "2", "incidents"]
        );
    }
}
