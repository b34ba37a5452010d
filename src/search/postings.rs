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
use super::page_counts::{self, Earlier, Names, Record};
use super::page_runs::PageRuns;
use super::passages::Passage;
use super::score::quantize;
use super::words::{self, Tally, Words};
use crate::error::Result;
use rayon::prelude::*;
use rustc_hash::FxHashMap;
use std::sync::Arc;
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
    /// What the page being read adds, for its record: its field lengths,
    /// and the stems it holds.
    lengths: [u32; FIELDS],
    page_stems: Vec<u32>,
    /// Whether each page's record is kept for the next build.
    keep: bool,
    /// The records (`page_counts`) of this worker's pages, one after the
    /// other, then, a buffer each, those of the workers merged into it.
    records: Vec<Vec<u8>>,
    /// How many pages were replayed from the last build's records.
    replayed: usize,
    scratch: Vec<u8>,
}

/// A word as written, as a worker has met it.
struct Word {
    /// Its stem's number.
    stem: u32,
    /// The pages holding it.
    pages: u32,
    /// The last page counted.
    last: u32,
    /// Its number in the build's `Names`.
    id: u32,
}

/// A worker's stems, numbered in the order met, so that counting a page
/// needs no string per token; and each one's hits, page by page.
struct Stems {
    stemmer: rust_stemmers::Stemmer,
    /// Word as written → its stem and pages: one lookup a token.
    words: FxHashMap<String, Word>,
    /// Words of passages' headings met nowhere else by this worker → their
    /// stem's number and the word's in `shared`: they choose passages,
    /// but are not indexed.
    headings: FxHashMap<String, (u32, u32)>,
    ids: FxHashMap<String, u32>,
    names: Vec<String>,
    runs: Vec<PageRuns>,
    /// The build's numbers of words and stems, which records name them by.
    shared: Arc<Names>,
    /// Each stem's number in `shared`.
    shared_ids: Vec<u32>,
    /// A stem's number in the last build's records → its number here, or `u32::MAX`.
    from_earlier: Vec<u32>,
    /// The words written on the page being read, and in its headings, by
    /// number in `shared`: for its record.
    page_words: Vec<u32>,
    page_headings: Vec<u32>,
}

impl Stems {
    fn id(&mut self, name: &str) -> u32 {
        if let Some(&id) = self.ids.get(name) {
            return id;
        }
        let id = self.names.len() as u32;
        self.ids.insert(name.to_string(), id);
        self.shared_ids.push(self.shared.stem(name));
        self.names.push(name.to_string());
        self.runs.push(PageRuns::default());
        id
    }

    /// The number of the stem of `word`, a token of `raw_analyzer`, met
    /// on page `n` (each page counts once, however often it holds the word).
    fn of(&mut self, word: &str, n: u32) -> u32 {
        self.of_stemmed(word, None, n)
    }

    /// `of`, with the word's stem given when it is known (`stem`).
    fn of_stemmed(&mut self, word: &str, stem: Option<&str>, n: u32) -> u32 {
        if let Some(w) = self.words.get_mut(word) {
            if w.last != n {
                (w.pages, w.last) = (w.pages + 1, n);
                self.page_words.push(w.id);
            }
            return w.stem;
        }
        let (stem, id) = self.new_word(word, stem);
        self.words.insert(word.to_string(), Word { stem, pages: 1, last: n, id });
        self.page_words.push(id);
        stem
    }

    /// A word this worker meets for the first time: its stem's number here
    /// and its number in `shared`.
    fn new_word(&mut self, word: &str, stem: Option<&str>) -> (u32, u32) {
        let stem = match stem {
            Some(known) => self.id(known),
            None => self.id(&stem_lower_case(&self.stemmer, word)),
        };
        (stem, self.shared.word(word, &self.names[stem as usize]))
    }

    /// The number of the stem of `word` in a passage's heading, counting no page.
    fn of_heading(&mut self, word: &str, stem: Option<&str>) -> u32 {
        let (stem, id) = match (self.words.get(word), self.headings.get(word)) {
            (Some(w), _) => (w.stem, w.id),
            (None, Some(&known)) => known,
            (None, None) => {
                let (stem, id) = self.new_word(word, stem);
                self.headings.insert(word.to_string(), (stem, id));
                (stem, id)
            }
        };
        self.page_headings.push(id);
        stem
    }

    /// The number here of stem `id` of the last build's records.
    fn earlier_stem(&mut self, id: u32, earlier: &Earlier) -> u32 {
        let at = id as usize;
        if self.from_earlier.len() <= at {
            self.from_earlier.resize(at + 1, u32::MAX);
        }
        if self.from_earlier[at] == u32::MAX {
            self.from_earlier[at] = self.id(earlier.stem(id));
        }
        self.from_earlier[at]
    }
}

impl Counts {
    fn new(shared: &Arc<Names>, keep: bool) -> Counts {
        let stems = Stems {
            stemmer: rust_stemmers::Stemmer::create(rust_stemmers::Algorithm::English),
            words: FxHashMap::default(),
            headings: FxHashMap::default(),
            ids: FxHashMap::default(),
            names: Vec::new(),
            runs: Vec::new(),
            shared: shared.clone(),
            shared_ids: Vec::new(),
            from_earlier: Vec::new(),
            page_words: Vec::new(),
            page_headings: Vec::new(),
        };
        Counts {
            stems,
            tokens: [0; FIELDS],
            norms: Vec::new(),
            tf: ByStem::default(),
            on_page: ByStem::default(),
            tally: Tally::default(),
            lengths: [0; FIELDS],
            page_stems: Vec::new(),
            keep,
            records: vec![Vec::new()],
            replayed: 0,
            scratch: Vec::new(),
        }
    }

    /// One page, whose passages are `passages`: replayed from its record
    /// in `earlier` when the last build kept one for the same text, else
    /// read; then, if records are kept, its record for the next build.
    fn count(mut self, doc: &SearchDoc, passages: &[Passage], earlier: Option<&Earlier>) -> Self {
        let key = (self.keep || earlier.is_some()).then(|| page_counts::key(doc, passages));
        match key.as_ref().zip(earlier).and_then(|(key, e)| Some((e.page(key, FIELDS)?, e))) {
            Some((record, earlier)) => {
                self.replay(doc.n, &record, earlier);
                self.replayed += 1;
            }
            None => self.read(doc, passages),
        }
        self.page_counted(key.filter(|_| self.keep).as_ref());
        self
    }

    /// One page: each field's tokens, counted by stem, and its words; the
    /// body (`passages`, the page's) passage by passage, tallying the
    /// passage most about each stem.
    fn read(&mut self, doc: &SearchDoc, passages: &[Passage]) {
        for (field, text) in doc.texts().enumerate() {
            let mut length = 0u32;
            for_each_raw_token(text, |token| {
                length += 1;
                *self.tf.entry(self.stems.of(token, doc.n)) += 1;
            });
            self.field_read(doc.n, field, length);
        }
        let mut length = 0u32;
        for (i, passage) in passages.iter().enumerate() {
            let i = i as u32;
            if let Some(section) = &passage.section {
                for_each_raw_token(&section.label, |token| {
                    self.tally.count(self.stems.of_heading(token, None), i, true)
                });
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
        self.field_read(doc.n, BODY, length);
        self.page_read(doc);
    }

    /// Page `n` as `record`, which the last build (`earlier`) kept for the
    /// same text, says it was read: the same counts, words and runs.
    fn replay(&mut self, n: u32, record: &Record, earlier: &Earlier) {
        for &id in &record.words {
            let (word, stem) = earlier.word(id);
            self.stems.of_stemmed(word, Some(stem), n);
        }
        for &id in &record.headings {
            let (word, stem) = earlier.word(id);
            self.stems.of_heading(word, Some(stem));
        }
        for (field, &length) in record.lengths.iter().enumerate() {
            self.tokens[field] += u64::from(length);
            self.lengths[field] = length;
        }
        for &(id, run) in &record.stems {
            let stem = self.stems.earlier_stem(id, earlier);
            // Checked when the record was read, and pages come in order.
            if self.stems.runs[stem as usize].push_run(n, run, FIELDS).is_some() {
                self.page_stems.push(stem);
            }
        }
        self.norms.push((n, self.lengths.map(FieldNormReader::fieldnorm_to_id)));
    }

    /// Field `field` of page `n` is read: `length` tokens, counted by
    /// stem in `tf`.
    fn field_read(&mut self, n: u32, field: usize, length: u32) {
        self.tokens[field] += u64::from(length);
        self.lengths[field] = length;
        for (id, tf) in self.tf.drain() {
            self.stems.runs[id as usize].hit(n, field, tf);
            self.on_page.entry(id);
        }
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
            self.page_stems.push(stem);
        }
        self.norms.push((doc.n, self.lengths.map(FieldNormReader::fieldnorm_to_id)));
    }

    /// The page just counted is done: its record kept under `key`, if
    /// given, for the next build.
    fn page_counted(&mut self, key: Option<&crate::digest::Sha>) {
        let stems = &mut self.stems;
        let Some(key) = key else {
            self.page_stems.clear();
            stems.page_words.clear();
            stems.page_headings.clear();
            return;
        };
        let held = self.page_stems.drain(..);
        let mut record = Record {
            lengths: self.lengths.to_vec(),
            words: std::mem::take(&mut stems.page_words),
            headings: std::mem::take(&mut stems.page_headings),
            stems: held.map(|s| (stems.shared_ids[s as usize], stems.runs[s as usize].last_run())).collect(),
        };
        page_counts::encode(key, &mut record, &mut self.scratch, &mut self.records[0]);
        // The lists' buffers go back, to be filled by the next page.
        (stems.page_words, stems.page_headings) = (record.words, record.headings);
        stems.page_words.clear();
        stems.page_headings.clear();
    }

    fn merge(mut self, other: Counts) -> Counts {
        // The other worker's stem numbers, in this one's numbering.
        let mut ours = Vec::with_capacity(other.stems.names.len());
        for (name, runs) in other.stems.names.into_iter().zip(other.stems.runs) {
            let id = self.stems.id(&name);
            self.stems.runs[id as usize].append(runs);
            ours.push(id);
        }
        self.norms.extend(other.norms);
        self.records.extend(other.records.into_iter().map(|mut r| {
            r.shrink_to_fit();
            r
        }));
        self.replayed += other.replayed;
        for (field, tokens) in other.tokens.iter().enumerate() {
            self.tokens[field] += tokens;
        }
        for (word, w) in other.stems.words {
            let stem = ours[w.stem as usize];
            let id = w.id;
            self.stems.words.entry(word).or_insert(Word { stem, pages: 0, last: u32::MAX, id }).pages += w.pages;
        }
        for (word, (stem, id)) in other.stems.headings {
            self.stems.headings.entry(word).or_insert((ours[stem as usize], id));
        }
        self
    }
}

/// Every page's terms counted, not yet scored: what `terms` scores; and
/// each page's record, for the next build.
pub struct Counted {
    counts: Counts,
    shared: Arc<Names>,
}

impl Counted {
    /// How many pages were replayed from the last build's records, not read.
    pub fn replayed(&self) -> usize {
        self.counts.replayed
    }

    /// Writes every page's record into `sink` (`page_counts::PATH`), and
    /// frees them: none when they were not kept.
    pub fn send_records(&mut self, sink: &dyn crate::output::Sink) -> Result<()> {
        if !self.counts.keep {
            return Ok(());
        }
        self.shared.send(&std::mem::take(&mut self.counts.records), sink)
    }
}

/// Counts the terms of `docs` in one parallel pass, making each page's
/// passages once and handing them, with the page, to `each` (which writes
/// the page's excerpt files in a build: one pass over the text for both).
/// A page whose text is one `earlier` has a record of is not read again
/// but replayed from it; with `keep`, each page's record is kept for the
/// next build (`Counted::send_records`). The first error of `each` ends the pass.
pub fn count(
    docs: &[SearchDoc],
    earlier: Option<&Earlier>,
    keep: bool,
    each: &(dyn Fn(&SearchDoc, &[Passage]) -> Result<()> + Sync),
) -> Result<Counted> {
    let shared = Arc::new(Names::default());
    let counts = docs
        .par_iter()
        .try_fold(
            || Counts::new(&shared, keep),
            |counts, doc| {
                let passages = doc.passages();
                each(doc, &passages).map(|()| counts.count(doc, &passages, earlier))
            },
        )
        .try_reduce(|| Counts::new(&shared, keep), |a, b| Ok(a.merge(b)))?;
    Ok(Counted { counts, shared })
}

/// The terms, scored postings, vocabulary and words of `docs`, numbered
/// by `SearchDoc::n`, in one pass over their text.
pub fn terms(docs: &[SearchDoc]) -> Result<Terms> {
    Ok(scored_terms(docs, count(docs, None, false, &|_, _| Ok(()))?))
}

/// The terms of `docs`, scored from what `count` counted of them.
pub fn scored_terms(docs: &[SearchDoc], Counted { counts, .. }: Counted) -> Terms {
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
    let in_headings = headings.into_iter().map(|(w, (stem, _))| (w, index_of[stem as usize]));
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
