//! The library's words as written (not stemmed), what each stems to, and
//! where each stem first occurs in each body: what the browser needs to
//! match words while they are typed and to pick a snippet's passage.

use super::analysis::{analyzer, for_each_token, raw_analyzer, stem};
use super::extract::SearchDoc;
use rayon::prelude::*;
use rustc_hash::{FxHashMap, FxHashSet};
use std::collections::HashMap;

pub struct Words {
    /// Every distinct word as written (lower-cased), with its stem's index
    /// in the stem list, sorted by word.
    pub raw: Vec<(String, u32)>,
    /// By search number: stem index → the first passage holding it.
    pub first_passage: Vec<HashMap<u32, u32>>,
}

/// Not in any passage: a word only of the title, summary or other fields.
const NO_PASSAGE: u32 = u32::MAX;

/// Analyses every document's words against `stems`, the index's terms.
/// Each document is tokenised once; only its distinct words are stemmed.
pub fn analyse(docs: &[SearchDoc], stems: &[String]) -> Words {
    let per_doc: Vec<FxHashMap<String, u32>> = docs.par_iter().map_init(raw_analyzer, doc_words).collect();
    let mut written: Vec<&str> = per_doc
        .par_iter()
        .fold(FxHashSet::default, |mut set, words| {
            set.extend(words.keys().map(String::as_str));
            set
        })
        .reduce(FxHashSet::default, |mut a, b| {
            a.extend(b);
            a
        })
        .into_iter()
        .collect();
    written.par_sort_unstable();
    let stem_ids: FxHashMap<&str, u32> = stems.iter().enumerate().map(|(i, s)| (s.as_str(), i as u32)).collect();
    let raw: Vec<(String, u32)> = written
        .into_par_iter()
        .map_init(analyzer, |a, w| stem(a, w).and_then(|s| stem_ids.get(s.as_str()).map(|&id| (w.to_string(), id))))
        .flatten()
        .collect();
    let raw_ids: FxHashMap<&str, u32> = raw.iter().map(|(w, id)| (w.as_str(), *id)).collect();
    let first_passage = per_doc.par_iter().map(|words| first_passages(words, &raw_ids)).collect();
    Words { raw, first_passage }
}

/// A document's distinct words, each with the first passage it is in.
fn doc_words(a: &mut tantivy::tokenizer::TextAnalyzer, doc: &SearchDoc) -> FxHashMap<String, u32> {
    let mut words: FxHashMap<String, u32> = FxHashMap::default();
    for (i, passage) in doc.passages.iter().enumerate() {
        for_each_token(a, &passage.text, |word| {
            if !words.contains_key(word) {
                words.insert(word.to_string(), i as u32);
            }
        });
    }
    for text in doc.texts().take(SearchDoc::FIELDS_BEFORE_PASSAGES) {
        for_each_token(a, text, |word| {
            if !words.contains_key(word) {
                words.insert(word.to_string(), NO_PASSAGE);
            }
        });
    }
    words
}

/// Stem index → the first passage holding any word of that stem.
fn first_passages(words: &FxHashMap<String, u32>, ids: &FxHashMap<&str, u32>) -> HashMap<u32, u32> {
    let mut first: HashMap<u32, u32> = HashMap::new();
    for (word, &passage) in words {
        if let (Some(&id), true) = (ids.get(word.as_str()), passage != NO_PASSAGE) {
            let slot = first.entry(id).or_insert(passage);
            *slot = (*slot).min(passage);
        }
    }
    first
}
