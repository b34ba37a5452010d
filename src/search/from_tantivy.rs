//! The browser index's terms read back out of a tantivy index: how the
//! build made them before `postings.rs` computed them directly. Kept only
//! so a test can check that both ways give the same files, byte for byte.

use super::index::SearchIndex;
use super::score::{term_postings, DocNumbers, Postings};
use rayon::prelude::*;
use std::collections::BTreeSet;

/// What `postings::Terms` holds of the index's terms, as tantivy has them.
pub struct Terms {
    pub stems: Vec<String>,
    pub postings: Vec<Postings>,
    pub vocabulary: Vec<(String, u32)>,
}

/// Every stem of the analysed fields with its postings, and the vocabulary.
pub fn terms(idx: &SearchIndex) -> tantivy::Result<Terms> {
    let searcher = idx.reader()?.searcher();
    let numbers = DocNumbers::read(&searcher, &idx.fields)?;
    let mut stems = BTreeSet::new();
    for &(field, _, _) in &idx.fields.text {
        for segment in searcher.segment_readers() {
            let inverted = segment.inverted_index(field)?;
            let mut stream = inverted.terms().stream()?;
            while stream.advance() {
                stems.insert(String::from_utf8_lossy(stream.key()).into_owned());
            }
        }
    }
    let stems: Vec<String> = stems.into_iter().collect();
    let postings: Vec<Postings> =
        stems.par_iter().map(|s| term_postings(&searcher, &idx.fields, &numbers, s)).collect::<tantivy::Result<_>>()?;
    let vocabulary = super::vocabulary::read(&searcher, idx.fields.words)?;
    Ok(Terms { stems, postings, vocabulary })
}
