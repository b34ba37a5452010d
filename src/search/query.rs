//! The command line's search: the query's words as `understand.rs` makes
//! them, tantivy's scores for their terms, ranked as `rank.rs` says, and a
//! snippet from the section that holds most of them.

use super::analysis::id_key;
use super::extract::Kind;
use super::index::SearchIndex;
use super::passage_choice::{chosen, voted, Counts};
use super::rank::{any_terms, rank, weight, Facets, Filter, Hit};
use super::score::{exact_matches, DocNumbers, SCALE};
use super::snippet::{window, Word};
use super::understand::{understand, Understood};
use serde::{Deserialize, Serialize};
use std::ops::Range;
use tantivy::schema::{Field, Value};
use tantivy::tokenizer::TextAnalyzer;
use tantivy::{Searcher, TantivyDocument};

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
    let weights: Vec<u32> =
        understood.postings.iter().zip(&understood.common).map(|(p, &common)| weight(p.len(), total, common)).collect();
    let ranked = rank(&ids, any_terms(&understood.postings, &weights), |n| filter.keeps(&facets.of(n)));
    let terms = understood.stems.len() as u32;
    let dfs = understood.postings.iter().map(Vec::len).collect();
    let snippets = SnippetMaker { stems: understood.stems.clone(), weights, dfs };
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
    let (section, snippet, highlights) = snippets.make(&page.passages, page.facts.kind, &page.facts.summary);
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

/// Snippets from the passage the query's terms vote for (`passage_choice.rs`).
struct SnippetMaker {
    stems: Vec<String>,
    /// Each stem's weight (`rank::weight`) and number of pages holding it.
    weights: Vec<u32>,
    dfs: Vec<usize>,
}

type Snippet = (Option<SectionName>, String, Vec<Range<usize>>);

impl SnippetMaker {
    /// The densest window of the chosen passage, and its section; else of
    /// the summary, else of the start of the body.
    fn make(&self, passages: &[(String, Option<SectionName>)], kind: Kind, summary: &str) -> Snippet {
        let mut analyzer = super::analysis::analyzer();
        let headings: Vec<Counts> = passages
            .iter()
            .map(|(_, s)| self.counts(&mut analyzer, s.as_ref().map_or("", |s| s.label.as_str())))
            .collect();
        let both: Vec<Counts> = passages
            .iter()
            .zip(&headings)
            .map(|((text, _), heading)| {
                self.counts(&mut analyzer, text).iter().zip(heading).map(|(a, b)| a + b).collect()
            })
            .collect();
        let by_heading = (kind == Kind::Role).then_some(headings.as_slice());
        let (section, text) = match voted(&both, by_heading, &self.weights, &self.dfs) {
            Some(v) => {
                let i = chosen(v, passages.len(), |i| (self.coverage(&both[i]), self.coverage(&headings[i])));
                (passages[i].1.clone(), passages[i].0.as_str())
            }
            None if !summary.is_empty() => (None, summary),
            None => (None, passages.first().map_or("", |(t, _)| t.as_str())),
        };
        let (snippet, marks) = window(text, &self.words(&mut analyzer, text), &self.weights);
        (section, snippet, marks)
    }

    /// The words of `text`, each with the query term it matches.
    fn words(&self, analyzer: &mut TextAnalyzer, text: &str) -> Vec<Word> {
        let mut words = Vec::new();
        let mut stream = analyzer.token_stream(text);
        while stream.advance() {
            let t = stream.token();
            words.push(Word { at: t.offset_from..t.offset_to, term: self.stems.iter().position(|s| *s == t.text) });
        }
        words
    }

    /// How often `text` holds each of the query's terms.
    fn counts(&self, analyzer: &mut TextAnalyzer, text: &str) -> Counts {
        let mut counts = vec![0; self.stems.len()];
        super::analysis::for_each_token(analyzer, text, |t| {
            if let Some(i) = self.stems.iter().position(|s| s == t) {
                counts[i] += 1;
            }
        });
        counts
    }

    /// The weight of the terms `counts` holds, added up.
    fn coverage(&self, counts: &Counts) -> u32 {
        counts.iter().zip(&self.weights).filter(|(c, _)| **c > 0).map(|(_, w)| w).sum()
    }
}
