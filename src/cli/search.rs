//! `trustdocs search`: results on standard output, for people or as JSON;
//! notes on standard error.

use super::args::ContentDir;
use super::exit::{fail, Exit, Stage};
use super::terminal::{clean, stdout_style};
use trustdocs::model::{Date, Status};
use trustdocs::publish::PublishOptions;
use trustdocs::report::Style;
use trustdocs::search::cli::{run as search, words_given, SearchOptions};
use trustdocs::search::extract::Kind;
use trustdocs::search::query::{Found, SearchResult};
use trustdocs::search::rank::{Filter, StatusFilter};
use trustdocs::{Error, Project};

#[derive(clap::Args)]
pub struct Args {
    /// The words to find, or a document id (`POL/002/057`, `pol 2 57`).
    query: String,
    #[command(flatten)]
    content: ContentDir,
    /// Print the results as JSON, for scripts.
    #[arg(long)]
    json: bool,
    /// Show at most this many results.
    #[arg(long, default_value_t = 10)]
    limit: usize,
    /// Only documents of this type (`policy`, `procedure`...).
    #[arg(long = "type")]
    doc_type: Option<String>,
    /// `current` (default: not superseded or withdrawn), `any`, or one status.
    #[arg(long)]
    status: Option<String>,
    /// Only documents of this directorate.
    #[arg(long)]
    directorate: Option<String>,
    /// Include drafts and documents out for consultation.
    #[arg(long)]
    drafts: bool,
}

pub fn run(a: Args, today: Date) -> Exit {
    // An empty query is told first, then a status that is not one.
    let status = match words_given(&a.query).and_then(|()| status_filter(a.status.as_deref())) {
        Ok(status) => status,
        Err(e) => return fail(&e, Stage::Work),
    };
    let filter = Filter { doc_type: a.doc_type, status, directorate: a.directorate };
    let opts = SearchOptions { dir: a.content.dir, query: a.query, limit: a.limit, filter, drafts: a.drafts };
    // The index is made from what a build would publish that day; the checks are not needed.
    let documents = || {
        let publish = PublishOptions { drafts: opts.drafts, pdf: false, public: false };
        Ok(Project::load(&opts.dir, today)?.search_documents(&publish))
    };
    match search(&opts, documents) {
        Ok(out) => {
            if let Some(dir) = out.index_built {
                eprintln!("{}", clean(&format!("built the search index in {}", dir.display())));
            }
            match a.json {
                true => println!("{}", serde_json::to_string_pretty(&out.found).unwrap_or_default()),
                false => print!("{}", human(&out.found, stdout_style())),
            }
            Exit::Done
        }
        // A folder that is not one is bad usage; an index that could not be built or read, a failure.
        Err(e) => fail(&e, Stage::Work),
    }
}

/// `--status`: `current` (the default), `any`, or a status's name.
fn status_filter(arg: Option<&str>) -> Result<StatusFilter, Error> {
    let Some(text) = arg else { return Ok(StatusFilter::Current) };
    StatusFilter::parse(text).ok_or_else(|| {
        Error::Usage(format!("--status {text}: choose current, any or one of {}", Status::NAMES.join(", ")))
    })
}

/// The results for a person: what was searched for, then each result's
/// rank, id and title, what it is and where, its section, and its snippet;
/// with nothing found, what to try instead.
fn human(found: &Found, style: Style) -> String {
    let t = |s: &str| clean(s);
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
        out.push_str(&format!("   {}\n", marked(r, style)));
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
    let query = clean(found.corrected.as_deref().unwrap_or(&found.query));
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
fn marked(r: &SearchResult, style: Style) -> String {
    let (open, close) = match style {
        Style::Color => ("\x1b[1m", "\x1b[0m"),
        Style::Plain => ("**", "**"),
    };
    let mut out = String::new();
    let mut at = 0;
    for h in &r.highlights {
        if h.start < at || h.end > r.snippet.len() {
            continue;
        }
        out.push_str(&clean(&r.snippet[at..h.start]));
        out.push_str(open);
        out.push_str(&clean(&r.snippet[h.start..h.end]));
        out.push_str(close);
        at = h.end;
    }
    out.push_str(&clean(&r.snippet[at..]));
    out.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_status_filter_is_parsed_once_and_an_unknown_status_is_bad_usage() {
        assert_eq!(status_filter(None).unwrap(), StatusFilter::Current);
        assert_eq!(status_filter(Some("current")).unwrap(), StatusFilter::Current);
        assert_eq!(status_filter(Some("any")).unwrap(), StatusFilter::Any);
        assert_eq!(status_filter(Some("withdrawn")).unwrap(), StatusFilter::Is(Status::Withdrawn));
        let e = status_filter(Some("old")).unwrap_err();
        assert!(matches!(e, Error::Usage(_)));
        assert_eq!(
            e.to_string(),
            "--status old: choose current, any or one of draft, consultation, ratified, superseded, withdrawn"
        );
    }
}
