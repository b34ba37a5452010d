//! `trustdocs search`: options, the run, and how results are printed.

use super::extract::{Kind, SearchDoc};
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

/// The results for a person: what was searched for, then each result's
/// rank, id and title, what it is and where, its section, and its snippet;
/// with nothing found, what to try instead.
pub fn human(found: &Found, color: bool) -> String {
    let t = |s: &str| for_terminal(s).into_owned();
    let mut out = String::new();
    if let Some(corrected) = &found.corrected {
        out.push_str(&format!("Showing results for \"{}\" (you typed \"{}\").\n", t(corrected), t(&found.query)));
    }
    out.push_str(&count_line(found));
    for (i, r) in found.results.iter().enumerate() {
        let f = &r.facts;
        let (heading, what) = match f.kind {
            Kind::Document => (
                format!("{}  {}", t(&f.id), t(&f.title)),
                format!("{} · version {} · {}", t(&f.status), t(&f.version), t(&f.doc_type)),
            ),
            Kind::Role => (format!("Role: {}", t(&f.title)), "role page".to_string()),
            Kind::Term => (format!("Glossary: {}", t(&f.title)), "glossary term".to_string()),
        };
        out.push_str(&format!("\n{}. {heading}\n   {what} · {}\n", i + 1, t(&f.url)));
        if let Some(s) = &r.section {
            out.push_str(&format!("   in {} · {}#{}\n", t(&s.label), t(&f.url), t(&s.anchor)));
        }
        out.push_str(&format!("   {}\n", marked(r, color)));
    }
    if found.total == 0 {
        out.push_str(TIPS);
    }
    out
}

/// What to try when nothing is found.
const TIPS: &str = "\nTry fewer or other words, check the spelling, or search for a document's id \
(such as POL/002/057). The site also lists every document A to Z (documents/), by type and by \
directorate (from its home page), and each role's responsibilities (roles/).\n";

/// How many results, and how many of them hold every word.
fn count_line(found: &Found) -> String {
    let query = for_terminal(found.corrected.as_deref().unwrap_or(&found.query)).into_owned();
    let shown = found.results.len();
    let mut line = match found.total {
        0 => format!("No results found for \"{query}\"."),
        1 => format!("1 result found for \"{query}\"."),
        n => format!("{n} results found for \"{query}\"."),
    };
    if found.total > 1 && found.every_word < found.total {
        line.push_str(&match found.every_word {
            0 => " None has every word: those with the most and rarest come first.".to_string(),
            1 => " 1 has every word.".to_string(),
            n => format!(" {n} have every word."),
        });
    }
    if found.total > shown {
        line.push_str(&match shown {
            1 => " The first is shown.".to_string(),
            n => format!(" The first {n} are shown."),
        });
    }
    line + "\n"
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
