//! Search: one analysis, two searches.
//!
//! At build time every published page that search finds (each version
//! `Publication::plan` publishes, role pages, glossary terms) becomes an
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
mod by_stem;
pub mod cache;
pub mod cli;
pub mod collect;
pub mod encode;
pub mod export;
pub mod extract;
pub mod from_tantivy;
pub mod index;
mod library_pages;
mod page;
pub mod page_counts;
mod page_runs;
mod passage_choice;
pub mod passages;
pub mod postings;
pub mod query;
pub mod question;
pub mod rank;
pub mod score;
mod snippet;
pub mod typo;
pub mod understand;
pub mod vocabulary;
mod words;

use crate::error::Result;
use crate::output::OutputFile;
use crate::publish::Publication;
use minijinja::Value;

/// Every page of `site` that search finds, its terms counted (replayed
/// from `earlier`, the last build's records, where its text is the same;
/// with `keep`, its record kept for the next build) and its excerpt files
/// written into `sink` where `write_excerpts` wants them: the one pass over
/// the pages' text, which a build makes beside the pages (`project::site`).
pub fn count_pages(
    site: &Publication,
    earlier: Option<&page_counts::Earlier>,
    keep: bool,
    write_excerpts: &export::WriteExcerpts,
    sink: &dyn crate::output::Sink,
) -> Result<Counted> {
    let docs = collect::documents(site);
    let each =
        |d: &extract::SearchDoc, passages: &[passages::Passage]| export::excerpts(d, passages, write_excerpts, sink);
    let counted = postings::count(&docs, earlier, keep, &each)?;
    Ok(Counted { docs, counted })
}

/// What `count_pages` read of a site's pages, for `site_files`.
pub struct Counted {
    docs: Vec<extract::SearchDoc>,
    counted: postings::Counted,
}

/// The browser index, from the pages `count_pages` counted, and the
/// search page, into `sink`, for the site build; and each page's record
/// (`page_counts::PATH`) for the next build, when they were kept. `page`
/// renders a template of the theme; `common` is what every page sees.
/// `None` as soon as `stop` says so.
pub fn site_files(
    Counted { docs, mut counted }: Counted,
    page: &dyn Fn(&str, Value) -> Result<String>,
    common: &Value,
    stop: &crate::output::Stop,
    sink: &dyn crate::output::Sink,
) -> Result<Option<()>> {
    let clock = crate::timings::Clock::start();
    if stop() {
        return Ok(None);
    }
    // The records are written, and freed, before the postings are scored.
    counted.send_records(sink)?;
    crate::memory::give_back();
    let terms = postings::scored_terms(&docs, counted);
    clock.lap("search: postings scored");
    if export::export(&docs, terms, stop, sink)?.is_none() {
        return Ok(None);
    }
    clock.lap("search: export");
    // The postings and words are freed: the files written after need little.
    crate::memory::give_back();
    sink.send(OutputFile::bytes("search/index.html", page("search.html", page::context(&docs, common))?))?;
    Ok(Some(()))
}
