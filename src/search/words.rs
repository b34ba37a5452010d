//! The library's words as written (not stemmed), what each stems to, and
//! in which passage of each body each stem occurs most: what the browser
//! needs to match words while they are typed and to pick a snippet's
//! passage (the section that says most about the words searched for).

use super::analysis::{analyzer, for_each_raw_token, stem};
use super::extract::{Kind, SearchDoc};
use super::score::Postings;
use rayon::prelude::*;
use rustc_hash::FxHashMap;
use std::sync::atomic::{AtomicU32, Ordering};
use tantivy::tokenizer::TextAnalyzer;

pub struct Words {
    /// Every distinct word as written (lower-cased), with its stem's index
    /// in the stem list, sorted by word.
    pub raw: Vec<(String, u32)>,
    /// By stem index, beside its postings: 1 + the passage of that page most
    /// about the stem (`passage_choice::most_about`), or 0.
    passages: Vec<Vec<AtomicU32>>,
}

/// By search number: the passages some stem's posting points at, A to Z
/// (the excerpt files a search can ask for).
pub type Chosen = Vec<Vec<u32>>;

impl Words {
    /// 1 + the passage most about stem `stem` of the page of its `i`th
    /// posting, or 0 when the stem is in no passage of it.
    pub fn passage(&self, stem: u32, i: usize) -> u32 {
        self.passages[stem as usize][i].load(Ordering::Relaxed)
    }
}

/// What one worker has learnt: the words it has met, and its documents'
/// chosen passages. Each worker reads a run of documents in order, so that
/// its place in each stem's postings only moves forward: the passages are
/// set in the postings as they are found, with no search per posting (a
/// search per posting, at 50,000 documents, was a cache miss each).
struct Worker<'s> {
    vocabulary: Vocabulary<'s>,
    postings: &'s [Postings],
    passages: &'s [Vec<AtomicU32>],
    /// By stem: where this worker is in its postings.
    cursor: Vec<u32>,
    chosen: Vec<(u32, Vec<u32>)>,
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
    fn read(&mut self, doc: &SearchDoc) {
        // stem → (passage, occurrences there), the best so far and this passage's.
        let mut best: FxHashMap<u32, (u32, u32)> = FxHashMap::default();
        let mut here: FxHashMap<u32, u32> = FxHashMap::default();
        // stem → the first passage whose heading holds it.
        let mut named: FxHashMap<u32, u32> = FxHashMap::default();
        let vocabulary = &mut self.vocabulary;
        for (i, passage) in doc.passages().iter().enumerate() {
            // A section's heading counts with its text: "7.5 Access Control and Fobs" is about fobs.
            let heading = passage.section.as_ref().map_or("", |s| s.label.as_str());
            for (in_heading, text) in [(true, heading), (false, &passage.text)] {
                for_each_raw_token(text, |word| {
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
            for_each_raw_token(text, |word| {
                vocabulary.stem_id(word);
            });
        }
        // On a role page, the passage a heading names is about the word (`passage_choice::most_about`).
        if doc.kind != Kind::Role {
            named.clear();
        }
        let mut chosen = Vec::with_capacity(best.len());
        for (id, (p, _)) in best {
            let p = named.get(&id).copied().unwrap_or(p);
            self.set(id, doc.n, p);
            chosen.push(p);
        }
        chosen.sort_unstable();
        chosen.dedup();
        self.chosen.push((doc.n, chosen));
    }

    /// Notes passage `p` on the posting of page `n` in stem `stem`'s list.
    fn set(&mut self, stem: u32, n: u32, p: u32) {
        let (list, at) = (&self.postings[stem as usize], &mut self.cursor[stem as usize]);
        while list.get(*at as usize).is_some_and(|&(m, _)| m < n) {
            *at += 1;
        }
        if list.get(*at as usize).is_some_and(|&(m, _)| m == n) {
            self.passages[stem as usize][*at as usize].store(p + 1, Ordering::Relaxed);
        }
    }
}

/// Analyses every document's words against `stems`, the index's terms, and
/// notes beside each of their `postings` the passage most about the stem.
/// `docs` are in search-number order.
pub fn analyse(docs: &[SearchDoc], stems: &[String], postings: &[Postings]) -> (Words, Chosen) {
    let stem_ids: FxHashMap<&str, u32> = stems.iter().enumerate().map(|(i, s)| (s.as_str(), i as u32)).collect();
    let passages: Vec<Vec<AtomicU32>> =
        postings.iter().map(|list| (0..list.len()).map(|_| AtomicU32::new(0)).collect()).collect();
    // A few runs a core, so that a slow run does not hold a core idle.
    let run = docs.len().div_ceil(rayon::current_num_threads() * 4).max(1);
    let done = docs
        .par_chunks(run)
        .map(|docs| {
            let first = docs.first().map_or(0, |d| d.n);
            let mut worker = Worker {
                vocabulary: Vocabulary { stemmer: analyzer(), stem_ids: &stem_ids, words: FxHashMap::default() },
                postings,
                passages: &passages,
                cursor: postings.iter().map(|list| list.partition_point(|&(m, _)| m < first) as u32).collect(),
                chosen: Vec::new(),
            };
            docs.iter().for_each(|d| worker.read(d));
            (worker.vocabulary.words, worker.chosen)
        })
        .reduce(Default::default, |(mut words, mut chosen), (more_words, more_chosen)| {
            words.extend(more_words);
            chosen.extend(more_chosen);
            (words, chosen)
        });
    let (words, chosen_by_doc) = done;
    let mut raw: Vec<(String, u32)> = words.into_iter().filter_map(|(w, id)| Some((w, id?))).collect();
    raw.par_sort_unstable();
    let mut chosen = vec![Vec::new(); docs.len()];
    for (n, c) in chosen_by_doc {
        chosen[n as usize] = c;
    }
    (Words { raw, passages }, chosen)
}
