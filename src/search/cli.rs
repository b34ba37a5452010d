//! `trustdocs search`: the options and the run; `src/cli/search.rs` prints
//! the results.

use super::extract::SearchDoc;
use super::query::{search, Found};
use super::rank::Filter;
use crate::error::{Error, Result};
use std::path::PathBuf;

pub struct SearchOptions {
    pub dir: PathBuf,
    pub query: String,
    pub limit: usize,
    pub filter: Filter,
    pub drafts: bool,
}

/// What a run found, and where it built the index when it had to.
pub struct Output {
    pub found: Found,
    pub index_built: Option<PathBuf>,
}

/// Runs a search. `documents` makes the search documents of the content
/// folder, as a build publishes them; it runs only when the index on disk is
/// missing or stale.
pub fn run(opts: &SearchOptions, documents: impl FnOnce() -> Result<Vec<SearchDoc>>) -> Result<Output> {
    words_given(&opts.query)?;
    if !opts.dir.is_dir() {
        return Err(Error::Usage(format!(
            "{} is not a folder; give the content folder that holds site.yaml",
            opts.dir.display()
        )));
    }
    let cached = super::cache::open_or_build(&opts.dir, opts.drafts, documents)?;
    let found = search(&cached.index, &opts.query, &opts.filter, opts.limit)
        .map_err(|source| Error::Search { doing: format!("search {}", cached.dir.display()), source })?;
    Ok(Output { found, index_built: cached.rebuilt.then_some(cached.dir) })
}

/// A query of blanks finds nothing anyone wants: it is bad usage, said
/// before anything else about the command.
pub fn words_given(query: &str) -> Result<()> {
    match query.trim().is_empty() {
        true => Err(Error::Usage("give some words to search for, e.g. `trustdocs search \"lone working\"`".into())),
        false => Ok(()),
    }
}
