//! The command line's search: tantivy's scores for the query's terms,
//! ranked as `rank.rs` says, with snippets from tantivy's snippet generator.

use super::analysis::{id_key, query_terms};
use super::index::SearchIndex;
use super::rank::{all_terms, rank, Facets, Filter, Hit};
use super::score::{exact_matches, term_postings, DocNumbers, SCALE};
use serde::{Deserialize, Serialize};
use std::ops::Range;
use tantivy::query::{BooleanQuery, Occur, Query, TermQuery};
use tantivy::schema::{Field, IndexRecordOption, Value};
use tantivy::snippet::SnippetGenerator;
use tantivy::{Searcher, TantivyDocument, Term};

/// What a result shows, as stored in the index (`SearchDoc` without its text).
#[derive(Clone, Debug, Default, Deserialize, Serialize)]
pub struct ResultFacts {
    pub id: String,
    pub title: String,
    pub url: String,
    pub version: String,
    pub status: String,
    pub doc_type: String,
    pub directorate: String,
    pub summary: String,
}

#[derive(Clone, Debug, Serialize)]
pub struct SearchResult {
    #[serde(flatten)]
    pub facts: ResultFacts,
    /// BM25 points, as ranked (see `score.rs`).
    pub score: f32,
    /// The query is this document's id.
    pub id_match: bool,
    pub snippet: String,
    /// Byte ranges of `snippet` that matched the query.
    pub highlights: Vec<Range<usize>>,
}

#[derive(Debug, Serialize)]
pub struct Found {
    pub query: String,
    /// How many documents matched, before `--limit`.
    pub total: usize,
    pub results: Vec<SearchResult>,
}

/// Searches the index: every term must match; an exact id comes first.
pub fn search(idx: &SearchIndex, query: &str, filter: &Filter, limit: usize) -> tantivy::Result<Found> {
    let searcher = idx.reader()?.searcher();
    let numbers = DocNumbers::read(&searcher, &idx.fields)?;
    let stems = query_terms(query);
    let postings = stems
        .iter()
        .map(|s| term_postings(&searcher, &idx.fields, &numbers, s))
        .collect::<tantivy::Result<Vec<_>>>()?;
    let ids = match id_key(query) {
        Some(key) => exact_matches(&searcher, &numbers, idx.fields.id_key, &key)?,
        None => Vec::new(),
    };
    let facets = FacetTable::read(&searcher, idx, &numbers)?;
    let ranked = rank(&ids, all_terms(&postings), |n| filter.keeps(&facets.of(n)));
    let snippets = SnippetMaker::new(&searcher, idx.fields.body, &stems)?;
    let results = ranked
        .iter()
        .take(limit)
        .map(|hit| result(&searcher, idx, &numbers, &snippets, hit, ids.contains(&hit.n)))
        .collect::<tantivy::Result<_>>()?;
    Ok(Found { query: query.to_string(), total: ranked.len(), results })
}

fn result(
    searcher: &Searcher,
    idx: &SearchIndex,
    numbers: &DocNumbers,
    snippets: &SnippetMaker,
    hit: &Hit,
    id_match: bool,
) -> tantivy::Result<SearchResult> {
    let doc: TantivyDocument = searcher.doc(numbers.address(hit.n))?;
    let text = |f: Field| doc.get_first(f).and_then(|v| v.as_str()).unwrap_or("").to_string();
    let facts: ResultFacts = serde_json::from_str(&text(idx.fields.meta)).unwrap_or_default();
    let (snippet, highlights) = snippets.make(&text(idx.fields.body), &facts.summary);
    Ok(SearchResult { facts, score: hit.score as f32 / SCALE, id_match, snippet, highlights })
}

/// Each document's facets, read from the untokenised facet fields.
struct FacetTable {
    values: [Vec<String>; 3],
}

impl FacetTable {
    fn read(searcher: &Searcher, idx: &SearchIndex, numbers: &DocNumbers) -> tantivy::Result<FacetTable> {
        let f = &idx.fields;
        let total = searcher.num_docs() as usize;
        let mut values: [Vec<String>; 3] = Default::default();
        for (slot, field) in values.iter_mut().zip([f.facet_type, f.facet_status, f.facet_directorate]) {
            *slot = vec![String::new(); total];
            for value in field_values(searcher, field)? {
                for n in exact_matches(searcher, numbers, field, &value)? {
                    slot[n as usize] = value.clone();
                }
            }
        }
        Ok(FacetTable { values })
    }

    fn of(&self, n: u32) -> Facets<'_> {
        let [t, s, d] = &self.values;
        Facets { doc_type: &t[n as usize], status: &s[n as usize], directorate: &d[n as usize] }
    }
}

/// The distinct values of an untokenised field.
fn field_values(searcher: &Searcher, field: Field) -> tantivy::Result<Vec<String>> {
    let mut values = std::collections::BTreeSet::new();
    for segment in searcher.segment_readers() {
        let inverted = segment.inverted_index(field)?;
        let mut stream = inverted.terms().stream()?;
        while stream.advance() {
            values.insert(String::from_utf8_lossy(stream.key()).into_owned());
        }
    }
    Ok(values.into_iter().collect())
}

/// Snippets of the body around the query's terms.
struct SnippetMaker {
    generator: Option<SnippetGenerator>,
}

/// Characters of body text a snippet shows.
const SNIPPET_CHARS: usize = 180;

impl SnippetMaker {
    fn new(searcher: &Searcher, body: Field, stems: &[String]) -> tantivy::Result<SnippetMaker> {
        if stems.is_empty() {
            return Ok(SnippetMaker { generator: None });
        }
        let clauses: Vec<(Occur, Box<dyn Query>)> = stems
            .iter()
            .map(|s| {
                let q: Box<dyn Query> =
                    Box::new(TermQuery::new(Term::from_field_text(body, s), IndexRecordOption::WithFreqs));
                (Occur::Should, q)
            })
            .collect();
        let mut generator = SnippetGenerator::create(searcher, &BooleanQuery::new(clauses), body)?;
        generator.set_max_num_chars(SNIPPET_CHARS);
        Ok(SnippetMaker { generator: Some(generator) })
    }

    /// The best fragment of `body` with its matches; else the summary, else the body's start.
    fn make(&self, body: &str, summary: &str) -> (String, Vec<Range<usize>>) {
        if let Some(snippet) = self.generator.as_ref().map(|g| g.snippet(body)) {
            if !snippet.highlighted().is_empty() {
                return (snippet.fragment().to_string(), snippet.highlighted().to_vec());
            }
        }
        let fallback = if summary.is_empty() { body } else { summary };
        let end = fallback.char_indices().nth(SNIPPET_CHARS).map_or(fallback.len(), |(i, _)| i);
        (fallback[..end].to_string(), Vec::new())
    }
}
