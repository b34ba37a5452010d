//! Search: one analysis, two searches.
//!
//! At build time every published page that search finds (document
//! versions, role pages, glossary terms) becomes an
//! [`extract::SearchDoc`] and is indexed by tantivy with one analyzer
//! ([`analysis`]): English stemming, boosted title, headings, summary,
//! roles, facets and body, and the words as written for typo correction.
//! From that index:
//!
//! - `trustdocs search` ([`cli`]) queries a tantivy index kept on disk beside
//!   the content folder ([`cache`]) and rebuilt when its inputs change;
//! - the site build exports the same index as small static files for the
//!   browser ([`export`]), which `themes/default/static/search.js` reads,
//!   downloading only the parts a query needs.
//!
//! Both understand a query the same way ([`question`], [`typo`],
//! [`understand`]) and rank with the same numbers ([`score`], [`rank`]):
//! tantivy's BM25 per field, boosted, summed and rounded once at index time,
//! and the rarity of the words a page holds. `README.md` beside this file
//! describes the browser index's files and why they are shaped so.

pub mod analysis;
pub mod cache;
pub mod cli;
pub mod encode;
pub mod export;
pub mod extract;
pub mod index;
mod library_pages;
mod page;
pub mod passages;
pub mod query;
pub mod question;
pub mod rank;
pub mod score;
pub mod typo;
pub mod understand;
pub mod vocabulary;
mod words;

use crate::output::OutputFile;
use crate::render::site::{RenderOptions, Site};
use minijinja::Value;
use std::path::Path;

/// The search page (returned) and the browser index (into `sink`), for the site build.
pub fn site_files(
    site: &Site,
    render: &dyn Fn(&str, Value) -> Result<String, String>,
    common: &Value,
    stop: &crate::render::Stop,
    sink: &crate::render::Sink,
) -> Result<Option<Vec<OutputFile>>, String> {
    let clock = crate::timings::Clock::start();
    let docs = extract::documents(site);
    clock.lap("search: extract");
    let idx =
        index::build_unless(&docs, None, false, stop).map_err(|e| format!("cannot build the search index: {e}"))?;
    clock.lap("search: tantivy index");
    let Some(idx) = idx else { return Ok(None) };
    if export::export(&docs, &idx, stop, sink)?.is_none() {
        return Ok(None);
    }
    clock.lap("search: export");
    Ok(Some(vec![OutputFile::bytes("search/index.html", render("search.html", page::context(&docs, common))?)]))
}

/// The search documents of a content folder, as a build with these options publishes them.
pub fn documents_of(dir: &Path, drafts: bool) -> Result<Vec<extract::SearchDoc>, String> {
    let lib = crate::resolve::Library::new(crate::load::load(dir)?);
    let today = crate::model::Date { day: chrono::Local::now().date_naive(), precision: crate::model::Precision::Day };
    let opts = RenderOptions { drafts, today, pdf: false, public: false };
    Ok(extract::documents(&Site::plan(&lib, &opts)))
}
