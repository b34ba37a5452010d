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
//!
//! The same pass tallies, page by page, the passage most about each stem
//! (`words.rs`), so that the body's words are read once.

use super::analysis::{for_each_raw_token, stem_lower_case};
use super::by_stem::ByStem;
use super::encode::{Posting, PostingsText};
use super::extract::{Kind, SearchDoc};
use super::index::{weight, TEXT_FIELDS};
use super::page_runs::PageRuns;
use super::passages::Passage;
use super::score::quantize;
use super::words::{self, Tally, Words};
use crate::error::Result;
use rayon::prelude::*;
use rustc_hash::FxHashMap;
use tantivy::fieldnorm::FieldNormReader;
use tantivy::query::Bm25Weight;

const FIELDS: usize = TEXT_FIELDS.len();
/// The body is the last field; `SearchDoc::texts` gives the others in order.
const BODY: usize = FIELDS - 1;

/// What the browser index is written from.
pub struct Terms {
    /// Every stem of every analysed field, A to Z (by bytes).
    pub stems: Vec<String>,
    /// Each stem's scored postings, each with the passage of its page most
    /// about the stem, encoded for the browser, in the order of `stems`.
    pub postings: Vec<PostingsText>,
    /// Every word as written in any field, A to Z, with the number of
    /// pages holding it: the vocabulary typos are corrected against.
    pub vocabulary: Vec<(String, u32)>,
    /// The words as written with their stems.
    pub words: Words,
}

/// What one worker has counted over its pages.
struct Counts {
    stems: Stems,
    /// Tokens in each field, over all pages.
    tokens: [u64; FIELDS],
    /// Each page's fields' lengths, as tantivy's one-byte fieldnorm ids.
    norms: Vec<(u32, [u8; FIELDS])>,
    /// The page being read: its stems' occurrences in the field being read;
    /// 1 + the passage most about each stem it holds, or 0; its passages.
    tf: ByStem<u32>,
    on_page: ByStem<u32>,
    tally: Tally,
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
/// needs no string per token; and each one's hits, page by page.
struct Stems {
    stemmer: rust_stemmers::Stemmer,
    /// Word as written → its stem and pages: one lookup a token.
    words: FxHashMap<String, Word>,
    /// Words of passages' headings met nowhere else by this worker → their
    /// stem's number: they choose passages, but are not indexed.
    headings: FxHashMap<String, u32>,
    ids: FxHashMap<String, u32>,
    names: Vec<String>,
    runs: Vec<PageRuns>,
}

impl Stems {
    fn id(&mut self, name: String) -> u32 {
        let next = self.names.len() as u32;
        let id = *self.ids.entry(name.clone()).or_insert(next);
        if id == next {
            self.names.push(name);
            self.runs.push(PageRuns::default());
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

    /// The number of the stem of `word` in a passage's heading, counting no page.
    fn of_heading(&mut self, word: &str) -> u32 {
        if let Some(w) = self.words.get(word) {
            return w.stem;
        }
        if let Some(&stem) = self.headings.get(word) {
            return stem;
        }
        let stem = self.id(stem_lower_case(&self.stemmer, word));
        self.headings.insert(word.to_string(), stem);
        stem
    }
}

impl Counts {
    fn new() -> Counts {
        let stems = Stems {
            stemmer: rust_stemmers::Stemmer::create(rust_stemmers::Algorithm::English),
            words: FxHashMap::default(),
            headings: FxHashMap::default(),
            ids: FxHashMap::default(),
            names: Vec::new(),
            runs: Vec::new(),
        };
        Counts {
            stems,
            tokens: [0; FIELDS],
            norms: Vec::new(),
            tf: ByStem::default(),
            on_page: ByStem::default(),
            tally: Tally::default(),
        }
    }

    /// One page: each field's tokens, counted by stem, and its words; the
    /// body (`passages`, the page's) passage by passage, tallying the
    /// passage most about each stem.
    fn read(mut self, doc: &SearchDoc, passages: &[Passage]) -> Self {
        let mut norms = [0; FIELDS];
        for (field, text) in doc.texts().enumerate() {
            let mut length = 0u32;
            for_each_raw_token(text, |token| {
                length += 1;
                *self.tf.entry(self.stems.of(token, doc.n)) += 1;
            });
            norms[field] = self.field_read(doc.n, field, length);
        }
        let mut length = 0u32;
        for (i, passage) in passages.iter().enumerate() {
            let i = i as u32;
            if let Some(section) = &passage.section {
                for_each_raw_token(&section.label, |token| self.tally.count(self.stems.of_heading(token), i, true));
            }
            // The body field's text is the passages, one a line: the same tokens.
            for_each_raw_token(&passage.text, |token| {
                length += 1;
                let stem = self.stems.of(token, doc.n);
                *self.tf.entry(stem) += 1;
                self.tally.count(stem, i, false);
            });
            self.tally.end_passage(i);
        }
        norms[BODY] = self.field_read(doc.n, BODY, length);
        self.norms.push((doc.n, norms));
        self.page_read(doc);
        self
    }

    /// Field `field` of page `n` is read: `length` tokens, counted by
    /// stem in `tf`. Returns the field's fieldnorm id.
    fn field_read(&mut self, n: u32, field: usize, length: u32) -> u8 {
        self.tokens[field] += u64::from(length);
        for (id, tf) in self.tf.drain() {
            self.stems.runs[id as usize].hit(n, field, tf);
            self.on_page.entry(id);
        }
        FieldNormReader::fieldnorm_to_id(length)
    }

    /// Every field of `doc` is read: the passage most about each stem it
    /// holds. (A stem only in a heading, such as a section's number, has no
    /// posting on the page to carry it.)
    fn page_read(&mut self, doc: &SearchDoc) {
        let on_page = &mut self.on_page;
        self.tally.finish(doc.kind, |stem, p| {
            if on_page.get(stem).is_some() {
                *on_page.entry(stem) = p + 1;
            }
        });
        for (stem, best) in self.on_page.drain() {
            self.stems.runs[stem as usize].end_page(best);
        }
    }

    fn merge(mut self, other: Counts) -> Counts {
        // The other worker's stem numbers, in this one's numbering.
        let mut ours = Vec::with_capacity(other.stems.names.len());
        for (name, runs) in other.stems.names.into_iter().zip(other.stems.runs) {
            let id = self.stems.id(name);
            self.stems.runs[id as usize].append(runs);
            ours.push(id);
        }
        self.norms.extend(other.norms);
        for (field, tokens) in other.tokens.iter().enumerate() {
            self.tokens[field] += tokens;
        }
        for (word, w) in other.stems.words {
            let stem = ours[w.stem as usize];
            self.stems.words.entry(word).or_insert(Word { stem, pages: 0, last: u32::MAX }).pages += w.pages;
        }
        for (word, stem) in other.stems.headings {
            self.stems.headings.entry(word).or_insert(ours[stem as usize]);
        }
        self
    }
}

/// Every page's terms counted, not yet scored: what `terms` scores.
pub struct Counted(Counts);

/// Counts the terms of `docs` in one parallel pass, making each page's
/// passages once and handing them, with the page, to `each` (which writes
/// the page's excerpt files in a build: one pass over the text for both).
/// The first error of `each` ends the pass.
pub fn count(docs: &[SearchDoc], each: &(dyn Fn(&SearchDoc, &[Passage]) -> Result<()> + Sync)) -> Result<Counted> {
    let counts = docs
        .par_iter()
        .try_fold(Counts::new, |counts, doc| {
            let passages = doc.passages();
            each(doc, &passages).map(|()| counts.read(doc, &passages))
        })
        .try_reduce(Counts::new, |a, b| Ok(a.merge(b)))?;
    Ok(Counted(counts))
}

/// The terms, scored postings, vocabulary and words of `docs`, numbered
/// by `SearchDoc::n`, in one pass over their text.
pub fn terms(docs: &[SearchDoc]) -> Result<Terms> {
    Ok(scored_terms(docs, count(docs, &|_, _| Ok(()))?))
}

/// The terms of `docs`, scored from what `count` counted of them.
pub fn scored_terms(docs: &[SearchDoc], Counted(counts): Counted) -> Terms {
    // Merging the workers' counts freed as much as it kept, in pieces: 58 MB
    // of the peak at 10,000 documents, given back before the scores are made.
    crate::memory::give_back();
    let mut kinds = vec![Kind::Document; docs.len()];
    for d in docs {
        kinds[d.n as usize] = d.kind;
    }
    let mut norms = vec![[0; FIELDS]; docs.len()];
    for (n, page) in counts.norms {
        norms[n as usize] = page;
    }
    let average = counts.tokens.map(|t| t as f32 / docs.len() as f32);
    let Stems { mut names, runs, words, headings, .. } = counts.stems;
    // A stem met only in headings is not indexed: no page holds it in a field.
    let mut order: Vec<u32> = (0..names.len() as u32).filter(|&i| !runs[i as usize].is_empty()).collect();
    order.par_sort_unstable_by(|&a, &b| names[a as usize].cmp(&names[b as usize]));
    let mut index_of = vec![None; names.len()];
    for (at, &i) in order.iter().enumerate() {
        index_of[i as usize] = Some(at as u32);
    }
    let mut by_stem: Vec<_> = runs.into_iter().map(Some).collect();
    let by_stem: Vec<_> = order.iter().map(|&i| by_stem[i as usize].take().unwrap_or_default()).collect();
    let pages = Pages { count: docs.len() as u64, average, kinds, norms };
    let postings: Vec<PostingsText> = by_stem.into_par_iter().map(|runs| scored(&runs, &pages)).collect();
    let stems = order.iter().map(|&i| std::mem::take(&mut names[i as usize])).collect();
    let written = words.iter().map(|(w, c)| (w.clone(), index_of[c.stem as usize]));
    let in_headings = headings.into_iter().map(|(w, stem)| (w, index_of[stem as usize]));
    let words_table = words::words(written.chain(in_headings));
    let mut vocabulary: Vec<(String, u32)> = words.into_iter().map(|(w, c)| (w, c.pages)).collect();
    vocabulary.par_sort_unstable();
    Terms { stems, postings, vocabulary, words: words_table }
}

/// What scoring a page's hits needs to know of the pages.
struct Pages {
    count: u64,
    /// Each field's average length.
    average: [f32; FIELDS],
    kinds: Vec<Kind>,
    norms: Vec<[u8; FIELDS]>,
}

/// One stem's postings: per page, tantivy's BM25 in each field that holds
/// it times the field's weight, added up in `TEXT_FIELDS` order in f32, as
/// `score::term_postings` adds them, then quantised; each with the passage
/// of the page most about the stem.
fn scored(runs: &PageRuns, pages: &Pages) -> PostingsText {
    let mut doc_freq = [0u64; FIELDS];
    for run in runs.runs() {
        run.fields().for_each(|(field, _)| doc_freq[field] += 1);
    }
    let bm25: Vec<Option<Bm25Weight>> = (0..FIELDS)
        .map(|f| {
            (doc_freq[f] > 0)
                .then(|| Bm25Weight::for_one_term_without_explain(doc_freq[f], pages.count, pages.average[f]))
        })
        .collect();
    let mut postings = PostingsText::default();
    for run in runs.runs() {
        let (page, kind) = (run.page as usize, pages.kinds[run.page as usize]);
        let sum = run.fields().fold(0.0f32, |sum, (field, tf)| {
            let (name, boost) = TEXT_FIELDS[field];
            let score = bm25[field].as_ref().map_or(0.0, |w| w.score(pages.norms[page][field], tf));
            sum + score * weight(name, boost, kind)
        });
        postings.push(Posting { n: run.page, score: quantize(sum), passage: run.passage });
    }
    postings
}
