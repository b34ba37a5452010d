//! The command line's search: the query's words as `understand.rs` makes
//! them, tantivy's scores for their terms, ranked as `rank.rs` says, and a
//! snippet from the section that holds most of them.

use super::analysis::id_key;
use super::extract::Kind;
use super::index::SearchIndex;
use super::rank::{any_terms, rank, rarity, Facets, Filter, Hit};
use super::score::{exact_matches, DocNumbers, SCALE};
use super::understand::{understand, Understood};
use serde::{Deserialize, Serialize};
use std::ops::Range;
use tantivy::query::{BooleanQuery, Occur, Query, TermQuery};
use tantivy::schema::{Field, IndexRecordOption, Value};
use tantivy::snippet::SnippetGenerator;
use tantivy::{Searcher, TantivyDocument, Term};

/// What a result shows, as stored in the index (`SearchDoc` without its text).
#[derive(Clone, Debug, Default, Deserialize, Serialize)]
pub struct ResultFacts {
    #[serde(default)]
    pub kind: Kind,
    pub id: String,
    pub title: String,
    pub url: String,
    pub version: String,
    pub status: String,
    pub doc_type: String,
    pub directorate: String,
    pub summary: String,
}

/// A result's stored facts and passages: [text, [anchor, label] or null].
#[derive(Deserialize)]
struct StoredPage {
    #[serde(flatten)]
    facts: ResultFacts,
    #[serde(default)]
    passages: Vec<(String, Option<SectionName>)>,
}

/// The section a snippet is taken from.
#[derive(Clone, Debug, Deserialize, Serialize)]
pub struct SectionName {
    pub anchor: String,
    pub label: String,
}

#[derive(Clone, Debug, Serialize)]
pub struct SearchResult {
    #[serde(flatten)]
    pub facts: ResultFacts,
    /// BM25 points, as ranked (see `score.rs`).
    pub score: f32,
    /// The query is this document's id.
    pub id_match: bool,
    /// It holds every word searched for.
    pub every_word: bool,
    /// The section the snippet is from (`None`: the snippet is the summary).
    pub section: Option<SectionName>,
    pub snippet: String,
    /// Byte ranges of `snippet` that matched the query.
    pub highlights: Vec<Range<usize>>,
}

#[derive(Debug, Serialize)]
pub struct Found {
    pub query: String,
    /// The words searched for: stop words dropped, typos corrected.
    pub words: Vec<String>,
    /// The query with its typos corrected, when it had any.
    pub corrected: Option<String>,
    /// How many pages matched, before `--limit`.
    pub total: usize,
    /// How many of them hold every word.
    pub every_word: usize,
    pub results: Vec<SearchResult>,
}

/// Searches the index: pages with more and rarer words first; an exact id first of all.
pub fn search(idx: &SearchIndex, query: &str, filter: &Filter, limit: usize) -> tantivy::Result<Found> {
    let searcher = idx.reader()?.searcher();
    let numbers = DocNumbers::read(&searcher, &idx.fields)?;
    let total = searcher.num_docs() as usize;
    let understood = understand(&searcher, idx, &numbers, query)?;
    let ids = match id_key(query) {
        Some(key) => exact_matches(&searcher, &numbers, idx.fields.id_key, &key)?,
        None => Vec::new(),
    };
    let facets = FacetTable::read(&searcher, idx, &numbers)?;
    let ranked = rank(&ids, any_terms(&understood.postings, total), |n| filter.keeps(&facets.of(n)));
    let terms = understood.stems.len() as u32;
    let weights: Vec<u32> = understood.postings.iter().map(|p| rarity(p.len(), total)).collect();
    let snippets = SnippetMaker::new(&searcher, idx.fields.body, &understood.stems, weights)?;
    let results = ranked
        .iter()
        .take(limit)
        .map(|hit| result(&searcher, idx, &numbers, &snippets, hit, ids.contains(&hit.n), terms))
        .collect::<tantivy::Result<_>>()?;
    let Understood { words, corrected, .. } = understood;
    let every_word = ranked.iter().filter(|h| terms > 0 && h.terms == terms).count();
    Ok(Found { query: query.to_string(), words, corrected, total: ranked.len(), every_word, results })
}

fn result(
    searcher: &Searcher,
    idx: &SearchIndex,
    numbers: &DocNumbers,
    snippets: &SnippetMaker,
    hit: &Hit,
    id_match: bool,
    terms: u32,
) -> tantivy::Result<SearchResult> {
    let doc: TantivyDocument = searcher.doc(numbers.address(hit.n))?;
    let meta = doc.get_first(idx.fields.meta).and_then(|v| v.as_str()).unwrap_or("");
    let page: StoredPage =
        serde_json::from_str(meta).unwrap_or(StoredPage { facts: ResultFacts::default(), passages: Vec::new() });
    let (section, snippet, highlights) = snippets.make(&page.passages, &page.facts.summary);
    Ok(SearchResult {
        facts: page.facts,
        score: hit.score as f32 / SCALE,
        id_match,
        every_word: terms > 0 && hit.terms == terms,
        section,
        snippet,
        highlights,
    })
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

/// Snippets from the passage that holds the most and rarest of the query's terms.
struct SnippetMaker {
    generator: Option<SnippetGenerator>,
    stems: Vec<String>,
    /// Each stem's `rarity`.
    weights: Vec<u32>,
}

/// Characters of body text a snippet shows.
const SNIPPET_CHARS: usize = 180;

type Snippet = (Option<SectionName>, String, Vec<Range<usize>>);

impl SnippetMaker {
    fn new(searcher: &Searcher, body: Field, stems: &[String], weights: Vec<u32>) -> tantivy::Result<SnippetMaker> {
        let stems = stems.to_vec();
        if stems.is_empty() {
            return Ok(SnippetMaker { generator: None, stems, weights });
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
        Ok(SnippetMaker { generator: Some(generator), stems, weights })
    }

    /// The best fragment of the best passage with its matches, and its
    /// section; else the summary, else the start of the body.
    fn make(&self, passages: &[(String, Option<SectionName>)], summary: &str) -> Snippet {
        let mut analyzer = super::analysis::analyzer();
        // A section's heading counts with its text, and breaks ties: "7.5 Access Control and Fobs" is about fobs.
        let coverage = passages.iter().map(|(text, section)| {
            let heading = section.as_ref().map_or("", |s| s.label.as_str());
            (self.coverage(&mut analyzer, &[heading, text]), self.coverage(&mut analyzer, &[heading]))
        });
        let best = coverage.enumerate().max_by_key(|&(i, c)| (c, std::cmp::Reverse(i))).map(|(i, (c, _))| (i, c));
        if let (Some(g), Some((i, c))) = (&self.generator, best) {
            let snippet = g.snippet(&passages[i].0);
            if c > 0 && !snippet.highlighted().is_empty() {
                let (text, marks) = (snippet.fragment().to_string(), snippet.highlighted().to_vec());
                return (passages[i].1.clone(), text, marks);
            }
        }
        let first = passages.first().map_or("", |(t, _)| t.as_str());
        let fallback = if summary.is_empty() { first } else { summary };
        let end = fallback.char_indices().nth(SNIPPET_CHARS).map_or(fallback.len(), |(i, _)| i);
        let section = if summary.is_empty() { passages.first().and_then(|(_, s)| s.clone()) } else { None };
        (section, fallback[..end].to_string(), Vec::new())
    }

    /// The `rarity` of the query's terms that `texts` hold, added up.
    fn coverage(&self, analyzer: &mut tantivy::tokenizer::TextAnalyzer, texts: &[&str]) -> u32 {
        let mut present = vec![false; self.stems.len()];
        for text in texts {
            super::analysis::for_each_token(analyzer, text, |t| {
                if let Some(i) = self.stems.iter().position(|s| s == t) {
                    present[i] = true;
                }
            });
        }
        present.iter().zip(&self.weights).filter(|(p, _)| **p).map(|(_, w)| w).sum()
    }
}
