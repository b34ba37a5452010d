//! The library's words as written (not stemmed), what each stems to, and
//! in which passage of each body each stem occurs most: what the browser
//! needs to match words while they are typed and to pick a snippet's
//! passage (the section that says most about the words searched for).

use super::analysis::{analyzer, for_each_token, raw_analyzer, stem};
use super::extract::{Kind, SearchDoc};
use rayon::prelude::*;
use rustc_hash::FxHashMap;
use tantivy::tokenizer::TextAnalyzer;

pub struct Words {
    /// Every distinct word as written (lower-cased), with its stem's index
    /// in the stem list, sorted by word.
    pub raw: Vec<(String, u32)>,
    /// By search number: (stem index, the passage most about it
    /// (`passage_choice::most_about`)), by stem index.
    pub best_passage: Vec<Vec<(u32, u32)>>,
}

impl Words {
    /// The passage of document `n` that is most about stem `stem`.
    pub fn best(&self, n: u32, stem: u32) -> Option<u32> {
        let best = &self.best_passage[n as usize];
        best.binary_search_by_key(&stem, |&(s, _)| s).ok().map(|i| best[i].1)
    }
}

/// What one worker has learnt: the words it has met, and its documents'
/// best passages.
struct Worker<'s> {
    raw: TextAnalyzer,
    vocabulary: Vocabulary<'s>,
    best: Vec<(u32, Vec<(u32, u32)>)>,
}

/// Each word met → its stem's index (`None`: a stem the index does not hold).
struct Vocabulary<'s> {
    stemmer: TextAnalyzer,
    stem_ids: &'s FxHashMap<&'s str, u32>,
    words: FxHashMap<String, Option<u32>>,
}

impl Vocabulary<'_> {
    fn stem_id(&mut self, word: &str) -> Option<u32> {
        if let Some(&id) = self.words.get(word) {
            return id;
        }
        let id = stem(&mut self.stemmer, word).and_then(|s| self.stem_ids.get(s.as_str()).copied());
        self.words.insert(word.to_string(), id);
        id
    }
}

impl Worker<'_> {
    /// One pass over a document's words: each is stemmed once per worker,
    /// and no per-document word list is kept.
    fn read(mut self, doc: &SearchDoc) -> Self {
        // stem → (passage, occurrences there), the best so far and this passage's.
        let mut best: FxHashMap<u32, (u32, u32)> = FxHashMap::default();
        let mut here: FxHashMap<u32, u32> = FxHashMap::default();
        // stem → the first passage whose heading holds it.
        let mut named: FxHashMap<u32, u32> = FxHashMap::default();
        let (raw, vocabulary) = (&mut self.raw, &mut self.vocabulary);
        for (i, passage) in doc.passages().iter().enumerate() {
            // A section's heading counts with its text: "7.5 Access Control and Fobs" is about fobs.
            let heading = passage.section.as_ref().map_or("", |s| s.label.as_str());
            for (in_heading, text) in [(true, heading), (false, &passage.text)] {
                for_each_token(raw, text, |word| {
                    if let Some(id) = vocabulary.stem_id(word) {
                        *here.entry(id).or_insert(0) += 1;
                        if in_heading {
                            named.entry(id).or_insert(i as u32);
                        }
                    }
                });
            }
            for (id, count) in here.drain() {
                let b = best.entry(id).or_insert((i as u32, 0));
                if count > b.1 {
                    *b = (i as u32, count);
                }
            }
        }
        for text in doc.texts() {
            for_each_token(raw, text, |word| {
                vocabulary.stem_id(word);
            });
        }
        // On a role page, the passage a heading names is about the word (`passage_choice::most_about`).
        if doc.kind != Kind::Role {
            named.clear();
        }
        let mut best: Vec<(u32, u32)> =
            best.into_iter().map(|(id, (p, _))| (id, named.get(&id).copied().unwrap_or(p))).collect();
        best.sort_unstable();
        self.best.push((doc.n, best));
        self
    }

    fn merge(mut self, other: Self) -> Self {
        self.vocabulary.words.extend(other.vocabulary.words);
        self.best.extend(other.best);
        self
    }
}

/// Analyses every document's words against `stems`, the index's terms.
pub fn analyse(docs: &[SearchDoc], stems: &[String]) -> Words {
    let stem_ids: FxHashMap<&str, u32> = stems.iter().enumerate().map(|(i, s)| (s.as_str(), i as u32)).collect();
    let worker = || Worker {
        raw: raw_analyzer(),
        vocabulary: Vocabulary { stemmer: analyzer(), stem_ids: &stem_ids, words: FxHashMap::default() },
        best: Vec::new(),
    };
    let done = docs.par_iter().fold(worker, Worker::read).reduce(worker, Worker::merge);
    let mut raw: Vec<(String, u32)> = done.vocabulary.words.into_iter().filter_map(|(w, id)| Some((w, id?))).collect();
    raw.par_sort_unstable();
    let mut best_passage = vec![Vec::new(); docs.len()];
    for (n, best) in done.best {
        best_passage[n as usize] = best;
    }
    Words { raw, best_passage }
}
