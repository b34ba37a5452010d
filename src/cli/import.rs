//! `trustdocs import`: for each input what was written and the importer's
//! warnings, then the check's findings in what was written (printed by the
//! project's one diagnostic renderer, `report`), or all of it as JSON. With
//! `--new-version-of`, the Word file's tracked changes and comments too.

use super::args::{Format, FormatArg, CONTENT};
use super::exit::{fail, Exit, Stage};
use super::terminal::{clean, stdout_style};
use serde::Serialize;
use std::path::PathBuf;
use trustdocs::diag::{Diagnostic, Summary};
use trustdocs::import::blocks::Loc;
use trustdocs::import::docx::review::Review;
use trustdocs::import::new_version::Options as NewVersion;
use trustdocs::import::{FileReport, Options, Outcome};
use trustdocs::model::Date;
use trustdocs::report::{self, Style};

#[derive(clap::Args)]
pub struct Args {
    /// The files to import.
    #[arg(required = true)]
    files: Vec<PathBuf>,
    /// The content folder to import into: documents go to its documents/, images to its assets/.
    #[arg(long, default_value = CONTENT)]
    out: PathBuf,
    /// The identifier to give the document when its front sheet has none (one input only).
    #[arg(long)]
    id: Option<String>,
    /// Replace documents and images that already exist.
    #[arg(long, conflicts_with = "new_version_of")]
    force: bool,
    /// Import one Word file (most often made by `trustdocs export` and edited) as the next
    /// version of this document, in preparation: its body and the facts it changes, tracked
    /// changes accepted, comments listed. --out is then the content folder holding the document.
    #[arg(long, value_name = "ID", conflicts_with = "id")]
    new_version_of: Option<String>,
    /// Also write this HTML page: each document's values beside the source lines they came from.
    #[arg(long, value_name = "OUT.html", conflicts_with = "new_version_of")]
    review: Option<PathBuf>,
    /// With --new-version-of: the next minor version (3 → 3.1) instead of the next major one (3 → 4).
    #[arg(long, requires = "new_version_of")]
    minor: bool,
    #[command(flatten)]
    format: FormatArg,
}

pub fn run(a: Args, today: Date) -> Exit {
    let result = match a.new_version_of {
        Some(id) => match <[PathBuf; 1]>::try_from(a.files) {
            Ok([file]) => {
                let opts = NewVersion { file, id, dir: a.out, minor: a.minor, today };
                trustdocs::import::run_new_version(&opts)
            }
            Err(_) => Err(trustdocs::Error::Usage(
                "--new-version-of reads one Word file: `trustdocs import FILE.docx --new-version-of ID`".into(),
            )),
        },
        None => {
            let files = a.files.clone();
            let outcome =
                trustdocs::import::run(&Options { files: a.files, out: a.out, id: a.id, force: a.force, today });
            match (outcome, &a.review) {
                (Ok(o), Some(page)) => trustdocs::import::review_page::write(&o.files, &files, page).map(|_| o),
                (result, _) => result,
            }
        }
    };
    match result {
        Ok(outcome) => {
            match a.format.format {
                Format::Json => print!("{}", json(&outcome)),
                Format::Human => print!("{}", human(&outcome, stdout_style())),
            }
            Exit::import(&outcome)
        }
        Err(e) => fail(&e, Stage::Input),
    }
}

#[derive(Serialize)]
struct Json<'a> {
    files: &'a [FileReport],
    notice: &'a Option<String>,
    diagnostics: &'a [Diagnostic],
    summary: &'a Summary,
}

fn json(outcome: &Outcome) -> String {
    let j = Json {
        files: &outcome.files,
        notice: &outcome.notice,
        diagnostics: &outcome.diagnostics,
        summary: &outcome.summary,
    };
    serde_json::to_string_pretty(&j).expect("the report serialises") + "\n"
}

/// The terminal's bold, yellow, red and reset, or nothing.
struct Paint {
    bold: &'static str,
    yellow: &'static str,
    red: &'static str,
    reset: &'static str,
}

impl Paint {
    fn of(style: Style) -> Paint {
        match style {
            Style::Color => Paint { bold: "\x1b[1m", yellow: "\x1b[33m", red: "\x1b[31m", reset: "\x1b[0m" },
            Style::Plain => Paint { bold: "", yellow: "", red: "", reset: "" },
        }
    }
}

/// Inputs, messages and warnings quote the documents, so each is cleaned
/// before the terminal's own sequences are put around it.
fn human(outcome: &Outcome, style: Style) -> String {
    let paint = Paint::of(style);
    let Paint { bold, yellow, reset, .. } = paint;
    let mut out = String::new();
    for f in &outcome.files {
        file(f, &paint, &mut out);
    }
    if !outcome.diagnostics.is_empty() || outcome.summary.documents > 0 {
        out.push_str(&format!("{bold}Check of the imported documents{reset}\n\n"));
        out.push_str(&report::human(&outcome.diagnostics, &outcome.sources, &outcome.summary, style));
    }
    if let Some(n) = &outcome.notice {
        out.push_str(&format!("{yellow}note{reset}: {}\n", clean(n)));
    }
    let failed = outcome.files.iter().filter(|f| f.error.is_some()).count();
    let warned: usize = outcome.files.iter().map(|f| f.warnings.len()).sum();
    out.push_str(&format!("{} imported, {failed} failed, {warned} import warnings\n", outcome.files.len() - failed));
    out
}

/// One input: what it became or why it failed, and its warnings.
fn file(f: &FileReport, p: &Paint, out: &mut String) {
    let Paint { bold, yellow, red, reset } = *p;
    let input = clean(&f.input);
    match (&f.output, &f.error) {
        (_, Some(e)) => out.push_str(&format!("{red}{bold}error{reset}{bold}: {input}: {}{reset}\n", clean(e))),
        (Some(o), None) => out.push_str(&format!("{bold}imported{reset} {input} → {}\n", clean(o))),
        (None, None) => {}
    }
    for w in &f.warnings {
        let key = w.key.as_deref().map(|k| format!(" [{}]", clean(k))).unwrap_or_default();
        out.push_str(&format!("  {yellow}warning{reset}{key}: {}\n", clean(&w.message)));
        match &w.at {
            Some(Loc::Line { line }) => out.push_str(&format!("    --> {input}:{line}\n")),
            Some(at) => out.push_str(&format!("    --> {input} ({})\n", clean(&at.to_string()))),
            None => {}
        }
    }
    fields(f, &input, out);
    if let Some(r) = &f.review {
        review(r, p, out);
    }
    if !f.warnings.is_empty() || !f.fields.is_empty() || f.error.is_some() || f.review.is_some() {
        out.push('\n');
    }
}

/// Where each value of the front matter came from, one line a key.
fn fields(f: &FileReport, input: &str, out: &mut String) {
    if f.fields.is_empty() {
        return;
    }
    out.push_str("  where each value came from:\n");
    for o in &f.fields {
        let at = match &o.at {
            Some(Loc::Line { line }) => format!(" ({input}:{line})"),
            Some(at) => format!(" ({})", clean(&at.to_string())),
            None => String::new(),
        };
        out.push_str(&format!("    {}: {}{at}\n", clean(&o.key), clean(&o.from)));
    }
}

/// The tracked changes accepted and the comments of a Word file, which
/// the draft does not keep: a person answers the comments.
fn review(r: &Review, p: &Paint, out: &mut String) {
    let Paint { yellow, reset, .. } = *p;
    let plural = |n: usize, one: &str, many: &str| format!("{n} {}", if n == 1 { one } else { many });
    out.push_str(&format!(
        "  tracked changes: {} and {} accepted\n",
        plural(r.insertions, "insertion", "insertions"),
        plural(r.deletions, "deletion", "deletions")
    ));
    for c in &r.comments {
        let on = if c.anchor.is_empty() { String::new() } else { format!(" on “{}”", clean(&c.anchor)) };
        out.push_str(&format!("  {yellow}comment{reset} by {}{on}: {}\n", clean(&c.author), clean(&c.text)));
    }
    if !r.comments.is_empty() {
        out.push_str("    comments are not kept in the draft: answer them, then edit the draft\n");
    }
}
