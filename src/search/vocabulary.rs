//! The index's vocabulary: every word of the library as written (the
//! `words` field), with the number of pages that hold it. Typos are
//! corrected against it, on the command line directly and in the browser
//! through the typo shards the export writes from it.

use tantivy::schema::Field;
use tantivy::Searcher;

/// Every word of `field`, A to Z, with the number of pages holding it.
pub fn read(searcher: &Searcher, field: Field) -> tantivy::Result<Vec<(String, u32)>> {
    let mut words: std::collections::BTreeMap<String, u32> = std::collections::BTreeMap::new();
    for segment in searcher.segment_readers() {
        let inverted = segment.inverted_index(field)?;
        let mut stream = inverted.terms().stream()?;
        while stream.advance() {
            let word = String::from_utf8_lossy(stream.key()).into_owned();
            *words.entry(word).or_insert(0) += stream.value().doc_freq;
        }
    }
    Ok(words.into_iter().collect())
}
