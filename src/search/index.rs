//! The tantivy index: its schema, and building it from the search documents.
//! The command line keeps one on disk; the site build makes one in memory
//! and exports it for the browser (`export.rs`).

use super::analysis::{analyzer, TOKENIZER};
use super::extract::SearchDoc;
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

/// Handles on the schema's fields.
#[derive(Clone)]
pub struct Fields {
    /// The analysed fields with their boosts, as `TEXT_FIELDS`.
    pub text: Vec<(Field, f32)>,
    pub body: Field,
    /// `id_key` of the id, untokenised: the exact-id lookup.
    pub id_key: Field,
    /// Facet values, untokenised, for filters.
    pub facet_type: Field,
    pub facet_status: Field,
    pub facet_directorate: Field,
    /// The search number (`SearchDoc::n`), a fast field.
    pub n: Field,
    /// The result's facts as JSON (stored only in the command line's index).
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

/// `stored`: keep the body and the result facts, which the command line
/// shows and the browser export does not need.
fn schema(stored: bool) -> Schema {
    let mut builder = Schema::builder();
    let indexing = TextFieldIndexing::default().set_tokenizer(TOKENIZER).set_index_option(IndexRecordOption::WithFreqs);
    for (name, _) in TEXT_FIELDS {
        let options = TextOptions::default().set_indexing_options(indexing.clone());
        builder.add_text_field(name, if stored && name == "body" { options.set_stored() } else { options });
    }
    for name in ["id_key", "facet_type", "facet_status", "facet_directorate"] {
        builder.add_text_field(name, STRING);
    }
    builder.add_u64_field("n", FAST);
    builder.add_text_field("meta", if stored { STORED.into() } else { TextOptions::default() });
    builder.build()
}

fn fields(schema: &Schema) -> tantivy::Result<Fields> {
    let f = |name: &str| schema.get_field(name);
    Ok(Fields {
        text: TEXT_FIELDS.iter().map(|&(name, boost)| Ok((f(name)?, boost))).collect::<tantivy::Result<_>>()?,
        body: f("body")?,
        id_key: f("id_key")?,
        facet_type: f("facet_type")?,
        facet_status: f("facet_status")?,
        facet_directorate: f("facet_directorate")?,
        n: f("n")?,
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
    index.tokenizers().register(TOKENIZER, analyzer());
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
    index.tokenizers().register(TOKENIZER, analyzer());
    let fields = fields(&index.schema())?;
    Ok(SearchIndex { index, fields })
}

fn document(doc: &SearchDoc, fields: &Fields, stored: bool) -> TantivyDocument {
    let mut d = TantivyDocument::default();
    for (&(field, _), text) in fields.text.iter().zip(doc.field_texts()) {
        d.add_text(field, text);
    }
    if let Some(key) = super::analysis::id_key(&doc.id) {
        d.add_text(fields.id_key, key);
    }
    d.add_text(fields.facet_type, &doc.doc_type);
    d.add_text(fields.facet_status, &doc.status);
    d.add_text(fields.facet_directorate, &doc.directorate);
    d.add_u64(fields.n, u64::from(doc.n));
    if stored {
        d.add_text(fields.meta, serde_json::to_string(doc).unwrap_or_default());
    }
    d
}
