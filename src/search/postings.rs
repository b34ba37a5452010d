//! The browser index's terms, scores and vocabulary, straight from the
//! search documents in one parallel pass over their text: no tantivy index.
//!
//! The scores must be the command line's to the bit (`score.rs`): tantivy's
//! BM25 per field, from the same statistics tantivy keeps. So each field's
//! text goes through the same tokens (`analysis::raw_analyzer`, each token
//! stemmed by `analysis::stem_lower_case`, as `analysis::analyzer` does), its
//! length is kept as tantivy keeps it (a one-byte fieldnorm id), and the
//! scores come from tantivy's own `Bm25Weight` with tantivy's statistics:
//! N the number of pages, a term's document frequency per field, and the
//! average field length, total tokens / N.

use super::analysis::{for_each_raw_token, stem_lower_case};
use super::extract::{Kind, SearchDoc};
use super::index::{weight, TEXT_FIELDS};
use super::score::{quantize, Postings};
use rayon::prelude::*;
use rustc_hash::FxHashMap;
use tantivy::fieldnorm::FieldNormReader;
use tantivy::query::Bm25Weight;

const FIELDS: usize = TEXT_FIELDS.len();

/// What the browser index is written from.
pub struct Terms {
    /// Every stem of every analysed field, A to Z (by bytes).
    pub stems: Vec<String>,
    /// Each stem's scored postings, in the order of `stems`.
    pub postings: Vec<Postings>,
    /// Every word as written in any field, A to Z, with the number of
    /// pages holding it: the vocabulary typos are corrected against.
    pub vocabulary: Vec<(String, u32)>,
}

/// Page `n` holds a stem `tf` times in field `field`, whose length has the
/// fieldnorm id `norm`. Packed in 8 bytes (field 4 bits, norm 8, tf 20): a
/// library of 10,000 pages has millions, all kept until they are scored. A
/// term frequency past a million in one field of one page counts as a
/// million, where BM25 has long stopped telling them apart.
#[derive(Clone, Copy)]
struct Hit {
    n: u32,
    packed: u32,
}

impl Hit {
    const TF_MAX: u32 = (1 << 20) - 1;

    fn new(n: u32, field: usize, norm: u8, tf: u32) -> Hit {
        const { assert!(FIELDS <= 16, "a field's number takes 4 bits") };
        Hit { n, packed: (field as u32) << 28 | u32::from(norm) << 20 | tf.min(Self::TF_MAX) }
    }

    fn field(self) -> usize {
        (self.packed >> 28) as usize
    }

    fn norm(self) -> u8 {
        (self.packed >> 20) as u8
    }

    fn tf(self) -> u32 {
        self.packed & Self::TF_MAX
    }
}

/// What one worker has counted over its pages.
struct Counts {
    stems: Stems,
    /// Tokens in each field, over all pages.
    tokens: [u64; FIELDS],
}

/// A word as written, as a worker has met it.
struct Word {
    /// Its stem's number.
    stem: u32,
    /// The pages holding it.
    pages: u32,
    /// The last page counted.
    last: u32,
}

/// A worker's stems, numbered in the order met, so that counting a page
/// needs no string per token; and each one's hits.
struct Stems {
    stemmer: rust_stemmers::Stemmer,
    /// Word as written → its stem and pages: one lookup a token.
    words: FxHashMap<String, Word>,
    ids: FxHashMap<String, u32>,
    names: Vec<String>,
    hits: Vec<Vec<Hit>>,
}

impl Stems {
    fn id(&mut self, name: String) -> u32 {
        let next = self.names.len() as u32;
        let id = *self.ids.entry(name.clone()).or_insert(next);
        if id == next {
            self.names.push(name);
            self.hits.push(Vec::new());
        }
        id
    }

    /// The number of the stem of `word`, a token of `raw_analyzer`, met
    /// on page `n` (each page counts once, however often it holds the word).
    fn of(&mut self, word: &str, n: u32) -> u32 {
        if let Some(w) = self.words.get_mut(word) {
            if w.last != n {
                (w.pages, w.last) = (w.pages + 1, n);
            }
            return w.stem;
        }
        let stem = self.id(stem_lower_case(&self.stemmer, word));
        self.words.insert(word.to_string(), Word { stem, pages: 1, last: n });
        stem
    }
}

impl Counts {
    fn new() -> Counts {
        let stems = Stems {
            stemmer: rust_stemmers::Stemmer::create(rust_stemmers::Algorithm::English),
            words: FxHashMap::default(),
            ids: FxHashMap::default(),
            names: Vec::new(),
            hits: Vec::new(),
        };
        Counts { stems, tokens: [0; FIELDS] }
    }

    /// One page: each field's tokens, counted by stem, and its words.
    fn read(mut self, doc: &SearchDoc) -> Self {
        let mut tf: FxHashMap<u32, u32> = FxHashMap::default();
        for (field, text) in doc.field_texts().iter().enumerate() {
            let mut length = 0u32;
            for_each_raw_token(text, |token| {
                length += 1;
                *tf.entry(self.stems.of(token, doc.n)).or_insert(0) += 1;
            });
            self.tokens[field] += u64::from(length);
            let norm = FieldNormReader::fieldnorm_to_id(length);
            for (id, tf) in tf.drain() {
                self.stems.hits[id as usize].push(Hit::new(doc.n, field, norm, tf));
            }
        }
        self
    }

    fn merge(mut self, other: Counts) -> Counts {
        // The other worker's stem numbers, in this one's numbering.
        let mut ours = Vec::with_capacity(other.stems.names.len());
        for (name, hits) in other.stems.names.into_iter().zip(other.stems.hits) {
            let id = self.stems.id(name);
            self.stems.hits[id as usize].extend(hits);
            ours.push(id);
        }
        for (field, tokens) in other.tokens.iter().enumerate() {
            self.tokens[field] += tokens;
        }
        for (word, w) in other.stems.words {
            let stem = ours[w.stem as usize];
            self.stems.words.entry(word).or_insert(Word { stem, pages: 0, last: u32::MAX }).pages += w.pages;
        }
        self
    }
}

/// The terms, scored postings and vocabulary of `docs`, numbered by `SearchDoc::n`.
pub fn terms(docs: &[SearchDoc]) -> Terms {
    let counts = docs.par_iter().fold(Counts::new, Counts::read).reduce(Counts::new, Counts::merge);
    let mut kinds = vec![Kind::Document; docs.len()];
    for d in docs {
        kinds[d.n as usize] = d.kind;
    }
    let pages = docs.len() as u64;
    let average = counts.tokens.map(|t| t as f32 / pages as f32);
    let mut by_stem: Vec<(String, Vec<Hit>)> = counts.stems.names.into_iter().zip(counts.stems.hits).collect();
    by_stem.par_sort_unstable_by(|a, b| a.0.cmp(&b.0));
    let postings = by_stem.par_iter_mut().map(|(_, hits)| scored(hits, pages, &average, &kinds)).collect::<Vec<_>>();
    let stems = by_stem.into_iter().map(|(stem, _)| stem).collect();
    let mut vocabulary: Vec<(String, u32)> = counts.stems.words.into_iter().map(|(w, c)| (w, c.pages)).collect();
    vocabulary.par_sort_unstable();
    Terms { stems, postings, vocabulary }
}

/// One stem's postings: per page, tantivy's BM25 in each field that holds
/// it times the field's weight, added up in `TEXT_FIELDS` order in f32, as
/// `score::term_postings` adds them, then quantised.
fn scored(hits: &mut [Hit], pages: u64, average: &[f32; FIELDS], kinds: &[Kind]) -> Postings {
    hits.sort_unstable_by_key(|h| (h.n, h.field()));
    let mut doc_freq = [0u64; FIELDS];
    for h in hits.iter() {
        doc_freq[h.field()] += 1;
    }
    let bm25: Vec<Option<Bm25Weight>> = (0..FIELDS)
        .map(|f| (doc_freq[f] > 0).then(|| Bm25Weight::for_one_term_without_explain(doc_freq[f], pages, average[f])))
        .collect();
    hits.chunk_by(|a, b| a.n == b.n)
        .map(|page| {
            let kind = kinds[page[0].n as usize];
            let sum = page.iter().fold(0.0f32, |sum, h| {
                let (name, boost) = TEXT_FIELDS[h.field()];
                let score = bm25[h.field()].as_ref().map_or(0.0, |w| w.score(h.norm(), h.tf()));
                sum + score * weight(name, boost, kind)
            });
            (page[0].n, quantize(sum))
        })
        .collect()
}
