//! Scores, from tantivy, in the one form both searches rank with.
//!
//! A query's score for a document is the sum, over the query's terms, of
//! that term's score: tantivy's BM25 in each field times the field's boost
//! (`index::weight`: less for the text of role pages and glossary terms),
//! added up in `TEXT_FIELDS` order, then rounded to a whole number of
//! 1/[`SCALE`]ths. The browser index stores exactly these whole numbers, and
//! the command line computes them the same way at query time, so the two
//! rank identically (ties go to the lower search number).

use super::extract::Kind;
use super::index::{weight, Fields};
use std::collections::HashMap;
use tantivy::query::{EnableScoring, Query, TermQuery};
use tantivy::schema::{Field, IndexRecordOption};
use tantivy::{DocAddress, DocSet, Searcher, Term, TERMINATED};

/// Score units per BM25 point. Coarse enough that a score fits in two
/// characters of the browser's postings, fine enough (0.05) to keep ranking.
pub const SCALE: f32 = 20.0;

/// A term's postings: (search number, score in units), by number.
pub type Postings = Vec<(u32, u32)>;

/// Every matching document keeps at least one unit, so a match is never lost.
pub fn quantize(score: f32) -> u32 {
    ((score * SCALE).round() as u32).max(1)
}

/// The search number of every document, by segment and doc id, and back;
/// and each one's kind.
pub struct DocNumbers {
    numbers: Vec<Vec<u32>>,
    addresses: Vec<DocAddress>,
    kinds: Vec<Kind>,
}

impl DocNumbers {
    pub fn read(searcher: &Searcher, fields: &Fields) -> tantivy::Result<DocNumbers> {
        let name = |f| searcher.schema().get_field_name(f).to_string();
        let (n_name, kind_name) = (name(fields.n), name(fields.kind));
        let mut numbers = Vec::new();
        let total = searcher.num_docs() as usize;
        let mut addresses = vec![DocAddress::new(0, 0); total];
        let mut kinds = vec![Kind::Document; total];
        for (ord, segment) in searcher.segment_readers().iter().enumerate() {
            let column = segment.fast_fields().u64(&n_name)?;
            let kind = segment.fast_fields().u64(&kind_name)?;
            let segment_numbers: Vec<u32> =
                (0..segment.max_doc()).map(|d| column.first(d).unwrap_or(0) as u32).collect();
            for (doc, &n) in segment_numbers.iter().enumerate() {
                if let Some(slot) = addresses.get_mut(n as usize) {
                    *slot = DocAddress::new(ord as u32, doc as u32);
                    kinds[n as usize] = Kind::from_number(kind.first(doc as u32).unwrap_or(0));
                }
            }
            numbers.push(segment_numbers);
        }
        Ok(DocNumbers { numbers, addresses, kinds })
    }

    pub fn get(&self, segment: usize, doc: u32) -> u32 {
        self.numbers[segment][doc as usize]
    }

    /// Where the document numbered `n` is stored.
    pub fn address(&self, n: u32) -> DocAddress {
        self.addresses[n as usize]
    }
}

/// The scored postings of one stemmed term across the analysed fields.
pub fn term_postings(
    searcher: &Searcher,
    fields: &Fields,
    numbers: &DocNumbers,
    stem: &str,
) -> tantivy::Result<Postings> {
    let mut sums: HashMap<u32, f32> = HashMap::new();
    for &(field, name, boost) in &fields.text {
        for_each_match(searcher, numbers, field, stem, true, |n, score| {
            *sums.entry(n).or_insert(0.0) += score * weight(name, boost, numbers.kinds[n as usize]);
        })?;
    }
    let mut postings: Postings = sums.into_iter().map(|(n, s)| (n, quantize(s))).collect();
    postings.sort_unstable();
    Ok(postings)
}

/// The numbers of the documents whose untokenised `field` is `value`.
pub fn exact_matches(
    searcher: &Searcher,
    numbers: &DocNumbers,
    field: Field,
    value: &str,
) -> tantivy::Result<Vec<u32>> {
    let mut found = Vec::new();
    for_each_match(searcher, numbers, field, value, false, |n, _| found.push(n))?;
    found.sort_unstable();
    Ok(found)
}

/// Runs tantivy's term query and calls `f` with each match's number and BM25 score.
fn for_each_match(
    searcher: &Searcher,
    numbers: &DocNumbers,
    field: Field,
    text: &str,
    scored: bool,
    mut f: impl FnMut(u32, f32),
) -> tantivy::Result<()> {
    let option = if scored { IndexRecordOption::WithFreqs } else { IndexRecordOption::Basic };
    let query = TermQuery::new(Term::from_field_text(field, text), option);
    let scoring = if scored {
        EnableScoring::enabled_from_searcher(searcher)
    } else {
        EnableScoring::disabled_from_searcher(searcher)
    };
    let weight = query.weight(scoring)?;
    for (ord, segment) in searcher.segment_readers().iter().enumerate() {
        let mut scorer = weight.scorer(segment, 1.0)?;
        while scorer.doc() != TERMINATED {
            f(numbers.get(ord, scorer.doc()), if scored { scorer.score() } else { 0.0 });
            scorer.advance();
        }
    }
    Ok(())
}
