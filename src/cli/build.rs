//! `trustdocs build`: the site and its PDFs into an output folder; what was
//! found and made, on standard error.

use super::args::{ContentDir, Deny};
use super::exit::{fail, Exit, Stage};
use super::terminal::{error_line, stdout_style};
use std::path::{Path, PathBuf};
use trustdocs::diag::Severity;
use trustdocs::model::Date;
use trustdocs::text;
use trustdocs::{report, BuildError, BuildOptions, Built, DenyLevel, Error};

#[derive(clap::Args)]
pub struct Args {
    #[command(flatten)]
    content: ContentDir,
    /// Where to write the site (default: dist, or dist/public with --public).
    /// It is replaced whole, only when the build succeeds, so it must be a new or
    /// empty folder or one a build made: never the content, current or home folder.
    #[arg(long)]
    out: Option<PathBuf>,
    /// Build the public copy: only ratified documents marked `public: true`.
    #[arg(long)]
    public: bool,
    /// Include drafts and documents out for consultation, marked DRAFT.
    #[arg(long)]
    drafts: bool,
    /// Skip the PDFs (which need the typst CLI).
    #[arg(long)]
    no_pdf: bool,
    /// Worker threads (default: the number of cores).
    #[arg(long)]
    jobs: Option<usize>,
    /// Publish nothing while the checks find errors (`errors`), or errors or warnings (`warnings`); the previous output stays as it was.
    #[arg(long, value_enum)]
    deny: Option<Deny>,
}

pub fn run(a: Args, today: Date) -> Exit {
    if let Some(n) = a.jobs {
        if let Err(e) = rayon::ThreadPoolBuilder::new().num_threads(n.max(1)).build_global() {
            error_line(&format!("--jobs {n}: {e}"));
            return Exit::Usage;
        }
    }
    let out = a.out.unwrap_or_else(|| PathBuf::from(if a.public { "dist/public" } else { "dist" }));
    let deny = match a.deny {
        None => DenyLevel::Nothing,
        Some(Deny::Errors) => DenyLevel::Errors,
        Some(Deny::Warnings) => DenyLevel::Warnings,
    };
    let opts = BuildOptions { out, drafts: a.drafts, no_pdf: a.no_pdf, public: a.public, deny };
    let started = std::time::Instant::now();
    match trustdocs::build(&a.content.dir, today, &opts) {
        Ok(built) => done(&a.content.dir, &opts, &built, started),
        // Before the content was read: a refused output folder, an unreadable content folder.
        Err(BuildError { error: e, checked: None }) => fail(&e, Stage::Input),
        // `--deny` refused: the message counts the findings and says where to look.
        Err(BuildError { error: e @ Error::Refused(_), checked: Some(_) }) => {
            error_line(&e);
            Exit::Failed
        }
        Err(BuildError { error: e, checked: Some(c) }) => {
            let errors: Vec<_> = c.diags.iter().filter(|d| d.severity == Severity::Error).cloned().collect();
            eprint!("{}", report::human(&errors, &c.sources(), &c.summary, stdout_style()));
            error_line(&e);
            eprintln!("the build failed; {} was left as it was", opts.out.display());
            Exit::Failed
        }
    }
}

/// The findings' summary, the publish report, what was made, and the PDFs
/// that could not be made (the rest of the site was written; exit 1).
fn done(dir: &Path, opts: &BuildOptions, built: &Built, started: std::time::Instant) -> Exit {
    let s = &built.summary;
    eprintln!("{}", report::summary_line(s));
    if s.errors + s.warnings + s.notes > 0 {
        eprintln!("  run `trustdocs check {}` for details; the site's checks page lists them too", dir.display());
    }
    let pdfs = match (opts.no_pdf, built.pdfs_compiled) {
        (true, _) => String::new(),
        (false, n) if n == built.pdfs => format!(", {} (compiled by typst)", text::count(built.pdfs, "PDF")),
        (false, 0) => format!(", {} (all unchanged)", text::count(built.pdfs, "PDF")),
        (false, n) => format!(", {} ({n} compiled by typst, the rest unchanged)", text::count(built.pdfs, "PDF")),
    };
    eprint!("{}", built.report);
    let (pages, out, took) = (text::count(built.pages, "page"), opts.out.display(), started.elapsed());
    if built.unchanged {
        let pdfs = if opts.no_pdf { String::new() } else { format!(", {}", text::count(built.pdfs, "PDF")) };
        eprintln!("nothing the build reads has changed since the last build, so {out} was left as it was: {pages}{pdfs} ({took:.2?})");
    } else if built.reused > 0 {
        let reused = built.reused;
        eprintln!("built {pages}{pdfs} into {out} in {took:.2?} ({reused} of the pages unchanged since the last build, taken from it)");
    } else {
        eprintln!("built {pages}{pdfs} into {out} in {took:.2?}");
    }
    for failure in &built.pdf_failures {
        error_line(failure);
    }
    if built.pdf_failures.is_empty() {
        return Exit::Done;
    }
    let failed = built.pdf_failures.len();
    let verb = if failed == 1 { "was" } else { "were" };
    eprintln!("error: {} {verb} not made; the rest of the site was written", text::count(failed, "PDF"));
    Exit::Failed
}
