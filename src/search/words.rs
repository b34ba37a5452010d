//! The library's words as written (not stemmed), what each stems to, and
//! where each stem first occurs in each body: what the browser needs to
//! match words while they are typed and to pick a snippet's passage.

use super::analysis::{analyzer, for_each_token, raw_analyzer, stem};
use super::extract::SearchDoc;
use rayon::prelude::*;
use rustc_hash::FxHashMap;
use tantivy::tokenizer::TextAnalyzer;

pub struct Words {
    /// Every distinct word as written (lower-cased), with its stem's index
    /// in the stem list, sorted by word.
    pub raw: Vec<(String, u32)>,
    /// By search number: (stem index, the first passage holding it), by stem index.
    pub first_passage: Vec<Vec<(u32, u32)>>,
}

impl Words {
    /// The first passage of document `n` holding stem `stem`.
    pub fn first(&self, n: u32, stem: u32) -> Option<u32> {
        let firsts = &self.first_passage[n as usize];
        firsts.binary_search_by_key(&stem, |&(s, _)| s).ok().map(|i| firsts[i].1)
    }
}

/// What one worker has learnt: the words it has met, and its documents'
/// first passages.
struct Worker<'s> {
    raw: TextAnalyzer,
    vocabulary: Vocabulary<'s>,
    firsts: Vec<(u32, Vec<(u32, u32)>)>,
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
        let mut first: FxHashMap<u32, u32> = FxHashMap::default();
        let (raw, vocabulary) = (&mut self.raw, &mut self.vocabulary);
        for (i, passage) in doc.passages().iter().enumerate() {
            for_each_token(raw, &passage.text, |word| {
                if let Some(id) = vocabulary.stem_id(word) {
                    first.entry(id).or_insert(i as u32);
                }
            });
        }
        for text in doc.texts() {
            for_each_token(raw, text, |word| {
                vocabulary.stem_id(word);
            });
        }
        let mut first: Vec<(u32, u32)> = first.into_iter().collect();
        first.sort_unstable();
        self.firsts.push((doc.n, first));
        self
    }

    fn merge(mut self, other: Self) -> Self {
        self.vocabulary.words.extend(other.vocabulary.words);
        self.firsts.extend(other.firsts);
        self
    }
}

/// Analyses every document's words against `stems`, the index's terms.
pub fn analyse(docs: &[SearchDoc], stems: &[String]) -> Words {
    let stem_ids: FxHashMap<&str, u32> = stems.iter().enumerate().map(|(i, s)| (s.as_str(), i as u32)).collect();
    let worker = || Worker {
        raw: raw_analyzer(),
        vocabulary: Vocabulary { stemmer: analyzer(), stem_ids: &stem_ids, words: FxHashMap::default() },
        firsts: Vec::new(),
    };
    let done = docs.par_iter().fold(worker, Worker::read).reduce(worker, Worker::merge);
    let mut raw: Vec<(String, u32)> = done.vocabulary.words.into_iter().filter_map(|(w, id)| Some((w, id?))).collect();
    raw.par_sort_unstable();
    let mut first_passage = vec![Vec::new(); docs.len()];
    for (n, firsts) in done.firsts {
        first_passage[n as usize] = firsts;
    }
    Words { raw, first_passage }
}
