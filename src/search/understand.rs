//! A query as the command line searches it: its words without the stop
//! words (`question.rs`), a word the library does not hold replaced by its
//! correction (`typo.rs`), and the postings of their distinct stems.
//! `search.js` does the same in the browser (`understand` there).

use super::analysis::{analyzer, stem};
use super::index::SearchIndex;
use super::question::{content_words, is_common_word};
use super::score::{term_postings, DocNumbers, Postings};
use super::{typo, vocabulary};
use std::ops::Range;
use tantivy::Searcher;

pub struct Understood {
    /// The words searched for, in the query's order, corrected.
    pub words: Vec<String>,
    /// The query as written with its corrections, when it had any.
    pub corrected: Option<String>,
    /// The distinct stems of `words`, and each one's postings (empty for a
    /// word the library does not hold).
    pub stems: Vec<String>,
    pub postings: Vec<Postings>,
    /// Whether each stem is of a common word (`question::COMMON_WORDS`).
    pub common: Vec<bool>,
}

pub fn understand(
    searcher: &Searcher,
    idx: &SearchIndex,
    numbers: &DocNumbers,
    query: &str,
) -> tantivy::Result<Understood> {
    let mut stemmer = analyzer();
    let mut known: Option<Vec<(String, u32)>> = None;
    let mut out =
        Understood { words: Vec::new(), corrected: None, stems: Vec::new(), postings: Vec::new(), common: Vec::new() };
    let mut corrections = Vec::new();
    for (word, at) in content_words(query) {
        let Some(mut term) = stem(&mut stemmer, &word) else { continue };
        let mut postings = term_postings(searcher, &idx.fields, numbers, &term)?;
        let mut used = word.clone();
        if postings.is_empty() && typo::correctable(&word) {
            if known.is_none() {
                known = Some(vocabulary::read(searcher, idx.fields.words)?);
            }
            let words = known.iter().flatten().map(|(w, freq)| (w.as_str(), *freq));
            if let Some(better) = typo::best(&word, words) {
                term = stem(&mut stemmer, &better).unwrap_or(term);
                postings = term_postings(searcher, &idx.fields, numbers, &term)?;
                corrections.push((at, better.clone()));
                used = better;
            }
        }
        if !out.stems.contains(&term) {
            out.stems.push(term);
            out.postings.push(postings);
            out.common.push(is_common_word(&used));
        }
        out.words.push(used);
    }
    out.corrected = corrected(query, &corrections);
    Ok(out)
}

/// `query` with each corrected word (by its place in it) replaced.
pub fn corrected(query: &str, corrections: &[(Range<usize>, String)]) -> Option<String> {
    if corrections.is_empty() {
        return None;
    }
    let mut out = String::new();
    let mut at = 0;
    for (range, word) in corrections {
        out.push_str(&query[at..range.start]);
        out.push_str(word);
        at = range.end;
    }
    out.push_str(&query[at..]);
    Some(out.split_whitespace().collect::<Vec<_>>().join(" "))
}

#[cfg(test)]
mod tests {
    #[test]
    fn corrections_replace_only_the_words_they_correct() {
        let q = "Lone  workign, please";
        assert_eq!(super::corrected(q, &[(6..13, "working".into())]).as_deref(), Some("Lone working, please"));
        assert_eq!(super::corrected(q, &[]), None);
    }
}
