//! The tantivy index: its schema, and building it from the search documents.
//! The command line keeps one on disk; the site build makes one in memory
//! and exports it for the browser (`export.rs`).

use super::analysis::{analyzer, raw_analyzer, RAW_TOKENIZER, TOKENIZER};
use super::extract::{Kind, SearchDoc};
use std::path::Path;
use tantivy::schema::{Field, IndexRecordOption, Schema, TextFieldIndexing, TextOptions, FAST, STORED, STRING};
use tantivy::{Index, IndexReader, IndexWriter, ReloadPolicy, TantivyDocument};

/// The analysed fields and their boosts, in the order their scores are
/// added up. The command line and the browser index both rank with these.
pub const TEXT_FIELDS: [(&str, f32); 9] = [
    ("title", 5.0),
    ("id", 3.0),
    ("summary", 2.0),
    ("headings", 2.0),
    ("roles", 1.5),
    ("type", 1.0),
    ("status", 1.0),
    ("directorate", 1.0),
    ("body", 1.0),
];

/// How much the other fields count on a page that is not a document (a
/// role page, a glossary term): its title and names count in full, its
/// text at this fraction. Such a page has few words, and would otherwise
/// come first whenever they hold the query's; it should come first when
/// the query names it ("what must a line manager do").
pub const OTHER_PAGE_TEXT: f32 = 0.25;

/// The fields a role page or glossary term counts in full.
pub const NAME_FIELDS: [&str; 2] = ["title", "roles"];

/// How much field `name` counts on a page of kind `kind`, times its boost.
pub fn weight(name: &str, boost: f32, kind: Kind) -> f32 {
    match kind {
        Kind::Document => boost,
        _ if NAME_FIELDS.contains(&name) => boost,
        _ => boost * OTHER_PAGE_TEXT,
    }
}

/// Handles on the schema's fields.
#[derive(Clone)]
pub struct Fields {
    /// The analysed fields with their names and boosts, as `TEXT_FIELDS`.
    pub text: Vec<(Field, &'static str, f32)>,
    pub body: Field,
    /// Every word of every field as written (not stemmed), not scored: the
    /// vocabulary typos are corrected against (`typo.rs`).
    pub words: Field,
    /// `id_key` of the id, untokenised: the exact-id lookup.
    pub id_key: Field,
    /// Facet values, untokenised, for filters.
    pub facet_type: Field,
    pub facet_status: Field,
    pub facet_directorate: Field,
    /// The search number (`SearchDoc::n`), a fast field.
    pub n: Field,
    /// The page's `Kind` (0 document, 1 role, 2 glossary term), a fast field.
    pub kind: Field,
    /// The result's facts and its passages as JSON (stored only in the
    /// command line's index): `StoredPage` in `query.rs`.
    pub meta: Field,
}

pub struct SearchIndex {
    pub index: Index,
    pub fields: Fields,
}

impl SearchIndex {
    /// A reader that never reloads by itself: the index is written once.
    pub fn reader(&self) -> tantivy::Result<IndexReader> {
        self.index.reader_builder().reload_policy(ReloadPolicy::Manual).try_into()
    }
}

/// `stored`: keep the result facts and the passages, which the command
/// line shows and the browser export does not need.
fn schema(stored: bool) -> Schema {
    let mut builder = Schema::builder();
    let indexing = TextFieldIndexing::default().set_tokenizer(TOKENIZER).set_index_option(IndexRecordOption::WithFreqs);
    for (name, _) in TEXT_FIELDS {
        builder.add_text_field(name, TextOptions::default().set_indexing_options(indexing.clone()));
    }
    let written = TextFieldIndexing::default().set_tokenizer(RAW_TOKENIZER).set_index_option(IndexRecordOption::Basic);
    builder.add_text_field("words", TextOptions::default().set_indexing_options(written));
    for name in ["id_key", "facet_type", "facet_status", "facet_directorate"] {
        builder.add_text_field(name, STRING);
    }
    builder.add_u64_field("n", FAST);
    builder.add_u64_field("kind", FAST);
    builder.add_text_field("meta", if stored { STORED.into() } else { TextOptions::default() });
    builder.build()
}

fn fields(schema: &Schema) -> tantivy::Result<Fields> {
    let f = |name: &str| schema.get_field(name);
    Ok(Fields {
        text: TEXT_FIELDS.iter().map(|&(name, boost)| Ok((f(name)?, name, boost))).collect::<tantivy::Result<_>>()?,
        body: f("body")?,
        words: f("words")?,
        id_key: f("id_key")?,
        facet_type: f("facet_type")?,
        facet_status: f("facet_status")?,
        facet_directorate: f("facet_directorate")?,
        n: f("n")?,
        kind: f("kind")?,
        meta: f("meta")?,
    })
}

/// Indexes `docs` in `dir` (which must exist and be empty), or in memory.
pub fn build(docs: &[SearchDoc], dir: Option<&Path>, stored: bool) -> tantivy::Result<SearchIndex> {
    let built = build_unless(docs, dir, stored, &|| false)?;
    built.ok_or_else(|| tantivy::TantivyError::InternalError("indexing was stopped".into()))
}

/// Documents indexed between two commits and questions to `stop`. tantivy
/// queues up to 10,000 documents, each with its whole text, ahead of its
/// indexing threads; committing every so often keeps that queue short.
const CHUNK: usize = 2_000;

/// `build`, or `None` as soon as `stop` says so.
pub fn build_unless(
    docs: &[SearchDoc],
    dir: Option<&Path>,
    stored: bool,
    stop: &crate::output::Stop,
) -> tantivy::Result<Option<SearchIndex>> {
    let schema = schema(stored);
    let index = match dir {
        Some(dir) => Index::create_in_dir(dir, schema.clone())?,
        None => Index::create_in_ram(schema.clone()),
    };
    register_analyzers(&index);
    let fields = fields(&schema)?;
    let threads = rayon::current_num_threads().clamp(1, 4);
    // 50 MB a thread, and no merging: a merge holds two copies of the
    // segments at once, and scores are the same over several segments
    // (BM25's statistics are the searcher's, across all of them).
    let mut writer: IndexWriter = index.writer_with_num_threads(threads, threads * 50_000_000)?;
    writer.set_merge_policy(Box::new(tantivy::indexer::NoMergePolicy));
    for chunk in docs.chunks(CHUNK) {
        if stop() {
            return Ok(None);
        }
        for doc in chunk {
            writer.add_document(document(doc, &fields, stored))?;
        }
        writer.commit()?;
    }
    writer.commit()?;
    writer.wait_merging_threads()?;
    Ok(Some(SearchIndex { index, fields }))
}

/// Opens an index `build` wrote in `dir`.
pub fn open(dir: &Path) -> tantivy::Result<SearchIndex> {
    let index = Index::open_in_dir(dir)?;
    register_analyzers(&index);
    let fields = fields(&index.schema())?;
    Ok(SearchIndex { index, fields })
}

fn register_analyzers(index: &Index) {
    index.tokenizers().register(TOKENIZER, analyzer());
    index.tokenizers().register(RAW_TOKENIZER, raw_analyzer());
}

fn document(doc: &SearchDoc, fields: &Fields, stored: bool) -> TantivyDocument {
    let mut d = TantivyDocument::default();
    for (&(field, _, _), text) in fields.text.iter().zip(doc.field_texts()) {
        d.add_text(fields.words, &text);
        d.add_text(field, text);
    }
    if let Some(key) = super::analysis::id_key(&doc.id) {
        d.add_text(fields.id_key, key);
    }
    d.add_text(fields.facet_type, &doc.doc_type);
    d.add_text(fields.facet_status, &doc.status);
    d.add_text(fields.facet_directorate, &doc.directorate);
    d.add_u64(fields.n, u64::from(doc.n));
    d.add_u64(fields.kind, doc.kind as u64);
    if stored {
        let passages: Vec<_> = doc
            .passages()
            .into_iter()
            .map(|p| serde_json::json!([p.text, p.section.map(|s| [s.anchor, s.label])]))
            .collect();
        let mut meta = serde_json::to_value(doc).unwrap_or_default();
        meta["passages"] = passages.into();
        d.add_text(fields.meta, meta.to_string());
    }
    d
}
