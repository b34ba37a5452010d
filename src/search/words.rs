//! The library's words as written (not stemmed), what each stems to, and
//! where each stem first occurs in each body: what the browser needs to
//! match words while they are typed and to pick a snippet's passage.

use super::analysis::{analyzer, for_each_token, raw_analyzer, stem};
use super::extract::SearchDoc;
use rayon::prelude::*;
use std::collections::{HashMap, HashSet};

pub struct Words {
    /// Every distinct word as written (lower-cased), with its stem's index
    /// in the stem list, sorted by word.
    pub raw: Vec<(String, u32)>,
    /// By search number: stem index → the first passage holding it.
    pub first_passage: Vec<HashMap<u32, u32>>,
}

/// Analyses every document's words against `stems`, the index's terms.
pub fn analyse(docs: &[SearchDoc], stems: &[String]) -> Words {
    let stem_ids: HashMap<&str, u32> = stems.iter().enumerate().map(|(i, s)| (s.as_str(), i as u32)).collect();
    let mut written: Vec<String> = docs
        .par_iter()
        .map_init(raw_analyzer, |a, d| {
            let mut set = HashSet::new();
            for text in d.texts() {
                for_each_token(a, text, |t| {
                    if !set.contains(t) {
                        set.insert(t.to_string());
                    }
                });
            }
            set
        })
        .reduce(HashSet::new, |mut a, b| {
            a.extend(b);
            a
        })
        .into_iter()
        .collect();
    written.par_sort_unstable();
    let raw: Vec<(String, u32)> = written
        .into_par_iter()
        .map_init(analyzer, |a, w| {
            let id = stem(a, &w).and_then(|s| stem_ids.get(s.as_str()).copied());
            (w, id)
        })
        .filter_map(|(w, id)| id.map(|id| (w, id)))
        .collect();
    let raw_ids: HashMap<&str, u32> = raw.iter().map(|(w, id)| (w.as_str(), *id)).collect();
    let first_passage = docs.par_iter().map_init(raw_analyzer, |a, d| first_passages(a, d, &raw_ids)).collect();
    Words { raw, first_passage }
}

fn first_passages(
    a: &mut tantivy::tokenizer::TextAnalyzer,
    doc: &SearchDoc,
    ids: &HashMap<&str, u32>,
) -> HashMap<u32, u32> {
    let mut first = HashMap::new();
    for (i, passage) in doc.passages.iter().enumerate() {
        for_each_token(a, &passage.text, |word| {
            if let Some(&id) = ids.get(word) {
                first.entry(id).or_insert(i as u32);
            }
        });
    }
    first
}
