//! `trustdocs search`: options, the run, and how results are printed.

use super::extract::SearchDoc;
use super::query::{search, Found, SearchResult};
use super::rank::Filter;
use crate::error::{Error, Result};
use crate::model::Status;
use crate::text::for_terminal;
use std::path::PathBuf;

pub struct SearchOptions {
    pub dir: PathBuf,
    pub query: String,
    pub json: bool,
    pub limit: usize,
    pub filter: Filter,
    pub drafts: bool,
    pub color: bool,
}

/// What a run prints: the results, and a note for standard error.
pub struct Output {
    pub stdout: String,
    pub note: Option<String>,
}

/// Runs a search. `documents` makes the search documents of the content
/// folder, as a build publishes them; it runs only when the index on disk is
/// missing or stale.
pub fn run(opts: &SearchOptions, documents: impl FnOnce() -> Result<Vec<SearchDoc>>) -> Result<Output> {
    if opts.query.trim().is_empty() {
        return Err(Error::Usage("give some words to search for, e.g. `trustdocs search \"lone working\"`".into()));
    }
    check_status(opts.filter.status.as_deref())?;
    if !opts.dir.is_dir() {
        return Err(Error::Usage(format!(
            "{} is not a folder; give the content folder that holds site.yaml",
            opts.dir.display()
        )));
    }
    let cached = super::cache::open_or_build(&opts.dir, opts.drafts, documents)?;
    let found = search(&cached.index, &opts.query, &opts.filter, opts.limit)
        .map_err(|source| Error::Search { doing: format!("search {}", cached.dir.display()), source })?;
    let note = cached.rebuilt.then(|| format!("built the search index in {}", cached.dir.display()));
    let stdout = match opts.json {
        true => serde_json::to_string_pretty(&found).unwrap_or_default() + "\n",
        false => human(&found, opts.color),
    };
    Ok(Output { stdout, note })
}

/// `--status` takes a status, `current` (the default) or `any`.
fn check_status(status: Option<&str>) -> Result<()> {
    match status {
        None | Some("any") => Ok(()),
        Some(s) if Status::parse(s).is_some() => Ok(()),
        Some(s) => {
            Err(Error::Usage(format!("--status {s}: choose current, any or one of {}", Status::NAMES.join(", "))))
        }
    }
}

/// The results for a person: rank, id, title, then status and where, then the snippet.
pub fn human(found: &Found, color: bool) -> String {
    let query = for_terminal(&found.query);
    let mut out = match found.total {
        0 => format!("No documents found for \"{query}\".\n"),
        1 => format!("1 document found for \"{query}\".\n"),
        n if n > found.results.len() => {
            format!("{n} documents found for \"{query}\"; the first {} are shown.\n", found.results.len())
        }
        n => format!("{n} documents found for \"{query}\".\n"),
    };
    for (i, r) in found.results.iter().enumerate() {
        let f = &r.facts;
        let t = |s: &str| for_terminal(s).into_owned();
        out.push_str(&format!("\n{}. {}  {}\n", i + 1, t(&f.id), t(&f.title)));
        out.push_str(&format!(
            "   {} · version {} · {} · {}\n",
            t(&f.status),
            t(&f.version),
            t(&f.doc_type),
            t(&f.url)
        ));
        out.push_str(&format!("   {}\n", marked(r, color)));
    }
    out
}

/// The snippet with its matches in bold (on a terminal) or between `**`.
fn marked(r: &SearchResult, color: bool) -> String {
    let (open, close) = if color { ("\x1b[1m", "\x1b[0m") } else { ("**", "**") };
    let mut out = String::new();
    let mut at = 0;
    for h in &r.highlights {
        if h.start < at || h.end > r.snippet.len() {
            continue;
        }
        out.push_str(&for_terminal(&r.snippet[at..h.start]));
        out.push_str(open);
        out.push_str(&for_terminal(&r.snippet[h.start..h.end]));
        out.push_str(close);
        at = h.end;
    }
    out.push_str(&for_terminal(&r.snippet[at..]));
    out.split_whitespace().collect::<Vec<_>>().join(" ")
}
