//! The one analysis every part of search shares: how text becomes terms.
//!
//! Words are runs of letters and digits (tantivy's `SimpleTokenizer`),
//! lower-cased, dropped when 40 bytes or longer, and stemmed with the English
//! Snowball stemmer (tantivy's `Stemmer`, which is the `rust-stemmers` crate),
//! a noun's -enc or -anc stem taking its adjective's -ent or -ant
//! ([`adjective_form`]).
//! The tantivy index, the command line's queries and the browser index all
//! go through [`analyzer`]; `search.js` mirrors [`raw_analyzer`] and the
//! stemmer (see `README.md` beside this file for how the browser avoids
//! depending on that mirror).

use std::collections::HashMap;
use tantivy::tokenizer::{
    LowerCaser, RemoveLongFilter, SimpleTokenizer, TextAnalyzer, Token, TokenFilter, TokenStream, Tokenizer,
};

/// The name the analyzer is registered under in every index.
pub const TOKENIZER: &str = "trustdocs_en";
/// And the name of `raw_analyzer`, for the vocabulary field.
pub const RAW_TOKENIZER: &str = "trustdocs_raw";

/// Tokens of this many bytes or more are dropped (after lower-casing), as
/// tantivy's default tokenizer does: they are hashes and pasted URLs, not words.
pub const MAX_TOKEN_BYTES: usize = 40;

/// Words → stemmed terms: what is indexed and what queries look up.
pub fn analyzer() -> TextAnalyzer {
    TextAnalyzer::builder(SimpleTokenizer::default())
        .filter(LowerCaser)
        .filter(RemoveLongFilter::limit(MAX_TOKEN_BYTES))
        .filter(CachedStemmer)
        .build()
}

/// Snowball leaves "violence" as `violenc` and "violent" as `violent`
/// (it strips -ence and -ent only from longer words): a stem ending in
/// `enc` or `anc` takes the adjective's `ent` or `ant`, so that a question
/// about a violent patient finds the policy on violence, and "distance"
/// finds "distant". `stem` in `search.js` does the same.
pub fn adjective_form(mut stem: String) -> String {
    if stem.len() > 4 && (stem.ends_with("enc") || stem.ends_with("anc")) {
        stem.pop();
        stem.push('t');
    }
    stem
}

/// The stem of one token of `raw_analyzer`: what `analyzer` makes of the
/// same word. The browser index is scored from raw tokens stemmed with
/// this (`postings.rs`), so it must stay the one place a token is stemmed.
pub fn stem_lower_case(stemmer: &rust_stemmers::Stemmer, token: &str) -> String {
    adjective_form(stemmer.stem(token).into_owned())
}

/// tantivy's `Stemmer` (English Snowball, from `rust-stemmers`) with a
/// memory of the words it has stemmed: a library repeats a few thousand
/// words millions of times, and stemming each again was a fifth of a build.
#[derive(Clone)]
pub struct CachedStemmer;

/// Enough for any real library's vocabulary; a hostile one empties the
/// cache when it is full rather than growing it without end.
const STEM_CACHE_WORDS: usize = 200_000;

impl TokenFilter for CachedStemmer {
    type Tokenizer<T: Tokenizer> = CachedStemmerFilter<T>;

    fn transform<T: Tokenizer>(self, inner: T) -> CachedStemmerFilter<T> {
        CachedStemmerFilter { inner, stems: HashMap::new() }
    }
}

#[derive(Clone)]
pub struct CachedStemmerFilter<T> {
    inner: T,
    stems: HashMap<String, String>,
}

impl<T: Tokenizer> Tokenizer for CachedStemmerFilter<T> {
    type TokenStream<'a> = CachedStemmerStream<'a, T::TokenStream<'a>>;

    fn token_stream<'a>(&'a mut self, text: &'a str) -> Self::TokenStream<'a> {
        CachedStemmerStream {
            tail: self.inner.token_stream(text),
            stems: &mut self.stems,
            stemmer: rust_stemmers::Stemmer::create(rust_stemmers::Algorithm::English),
        }
    }
}

pub struct CachedStemmerStream<'a, T> {
    tail: T,
    stems: &'a mut HashMap<String, String>,
    stemmer: rust_stemmers::Stemmer,
}

impl<T: TokenStream> TokenStream for CachedStemmerStream<'_, T> {
    fn advance(&mut self) -> bool {
        if !self.tail.advance() {
            return false;
        }
        let token = self.tail.token_mut();
        if let Some(stem) = self.stems.get(&token.text) {
            token.text.clone_from(stem);
            return true;
        }
        if self.stems.len() >= STEM_CACHE_WORDS {
            self.stems.clear();
        }
        let stem = stem_lower_case(&self.stemmer, &token.text);
        self.stems.insert(std::mem::replace(&mut token.text, stem.clone()), stem);
        true
    }

    fn token(&self) -> &Token {
        self.tail.token()
    }

    fn token_mut(&mut self) -> &mut Token {
        self.tail.token_mut()
    }
}

/// The same words, not stemmed: what a reader typed or wrote, for the
/// browser's word tables, prefix matching and snippets.
pub fn raw_analyzer() -> TextAnalyzer {
    TextAnalyzer::builder(SimpleTokenizer::default())
        .filter(LowerCaser)
        .filter(RemoveLongFilter::limit(MAX_TOKEN_BYTES))
        .build()
}

/// Calls `f` with each token `raw_analyzer` makes of `text`, in order,
/// without its machinery: a boxed stream, a string filled per token and a
/// lower-casing pass over every one. The browser index reads every word of
/// the library twice, and this was half of that. The same tokens for any
/// text (the property test below holds it to tantivy's).
pub fn for_each_raw_token(text: &str, mut f: impl FnMut(&str)) {
    let mut lower = String::new();
    let mut at = 0;
    while let Some(word) = next_word(text, &mut at) {
        let token = &text[word.start..at];
        let token = match (word.ascii, word.upper) {
            (true, false) => token,
            (true, true) => {
                lower.clear();
                lower.push_str(token);
                lower.make_ascii_lowercase();
                &lower
            }
            (false, _) => {
                // As tantivy's LowerCaser: character by character, no final sigma.
                lower.clear();
                token.chars().for_each(|c| lower.extend(c.to_lowercase()));
                &lower
            }
        };
        if token.len() < MAX_TOKEN_BYTES {
            f(token);
        }
    }
}

/// A run of letters and digits found by `next_word`.
struct Word {
    start: usize,
    ascii: bool,
    upper: bool,
}

/// The next run of letters and digits in `text` from byte `at`, leaving
/// `at` at its end. ASCII is read a byte at a time in tight loops (this is
/// most of a build's text); only other characters are decoded.
fn next_word(text: &str, at: &mut usize) -> Option<Word> {
    let bytes = text.as_bytes();
    // A letter or digit outside ASCII at `i`, a character boundary: its length.
    let wide_letter = |i: usize| text[i..].chars().next().filter(|c| c.is_alphanumeric()).map(char::len_utf8);
    let mut i = *at;
    let start = loop {
        while i < bytes.len() && bytes[i].is_ascii() && !bytes[i].is_ascii_alphanumeric() {
            i += 1;
        }
        match bytes.get(i) {
            None => {
                *at = i;
                return None;
            }
            Some(b) if b.is_ascii() => break i,
            Some(_) => match wide_letter(i) {
                Some(_) => break i,
                None => i += text[i..].chars().next().map_or(1, char::len_utf8),
            },
        }
    };
    let mut word = Word { start, ascii: true, upper: false };
    loop {
        while i < bytes.len() && bytes[i].is_ascii_alphanumeric() {
            word.upper |= bytes[i].is_ascii_uppercase();
            i += 1;
        }
        match bytes.get(i).filter(|b| !b.is_ascii()).and_then(|_| wide_letter(i)) {
            Some(len) => {
                word.ascii = false;
                i += len;
            }
            None => break,
        }
    }
    *at = i;
    Some(word)
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
    fn a_noun_in_ence_or_ance_shares_its_adjectives_stem() {
        assert_eq!(query_terms("violence violent distance distant"), vec!["violent", "distant"]);
        assert_eq!(query_terms("once fence dance"), vec!["onc", "fenc", "danc"], "short stems are left alone");
    }

    proptest::proptest! {
        #[test]
        fn the_fast_tokens_are_tantivys(text in "([a-zA-Z0-9 .,'’-]|[ÉéßſİΣςΑ\u{212a}ǅ½²٣\u{301}]|\\PC){0,80}") {
            let mut fast = Vec::new();
            for_each_raw_token(&text, |t| fast.push(t.to_string()));
            proptest::prop_assert_eq!(fast, tokens(&mut raw_analyzer(), &text));
        }
    }

    #[test]
    fn fast_tokens_drop_long_words_and_lower_case_as_tantivy_does() {
        let text = format!("İstanbul ΣΟΦΟΣ K\u{212a} {} {}", "a".repeat(39), "B".repeat(40));
        let mut fast = Vec::new();
        for_each_raw_token(&text, |t| fast.push(t.to_string()));
        assert_eq!(fast, tokens(&mut raw_analyzer(), &text));
        assert_eq!(fast.len(), 4, "{fast:?}");
    }

    #[test]
    fn raw_words_keep_their_endings() {
        assert_eq!(
            tokens(&mut raw_analyzer(), "Staff Reporting: 2 incidents"),
            vec!["staff", "reporting", "2", "incidents"]
        );
    }
}
