//! The command line: parse flags, run the pipeline, map results to exit codes.

use clap::{Parser, Subcommand, ValueEnum};
use std::ffi::OsString;
use std::io::IsTerminal;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use trustdocs::diag::Severity;
use trustdocs::governance::{ratify, withdraw, NewVersionOptions, RatifyOptions, ReviewDate, WithdrawOptions};
use trustdocs::links::fetch::FetchOptions;
use trustdocs::model::{Date, Version};
use trustdocs::project::{ExternalOptions, ExternalReport};
use trustdocs::publish::PublishOptions;
use trustdocs::text::for_terminal;
use trustdocs::{report, BuildError, BuildOptions, Project};

#[derive(Parser)]
#[command(
    name = "trustdocs",
    version,
    about = "Builds an NHS organisation's policies, strategies and procedures into a searchable intranet site, and reports what the governance team must fix."
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Build the site from a content folder (runs every check too).
    Build {
        /// The content folder (holds site.yaml and documents/).
        #[arg(default_value = "content")]
        dir: PathBuf,
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
        /// The date review checks and pages use, as YYYY-MM-DD (default: today).
        #[arg(long, value_parser = parse_today)]
        today: Option<Date>,
        /// Worker threads (default: the number of cores).
        #[arg(long)]
        jobs: Option<usize>,
        /// Publish nothing while the checks find errors (`errors`), or errors or warnings (`warnings`); the previous output stays as it was.
        #[arg(long, value_enum)]
        deny: Option<Deny>,
    },
    /// Check a content folder and report every problem found, or only those of some documents.
    Check {
        /// The content folder (holds site.yaml and documents/). Default: content, or the
        /// folder the DOCUMENT files given lie in.
        #[arg(value_name = "DIR")]
        dir: Option<PathBuf>,
        /// Report only these documents: files under the content folder's documents/, or ids
        /// (POL/002/015). The whole library is still read, so references resolve.
        #[arg(value_name = "DOCUMENT")]
        documents: Vec<OsString>,
        #[arg(long, value_enum, default_value_t = Format::Human)]
        format: Format,
        /// Exit with status 1 on warnings too (`--deny warnings`).
        #[arg(long, value_enum)]
        deny: Option<Deny>,
        /// The date review checks use, as YYYY-MM-DD (default: today).
        #[arg(long, value_parser = parse_today)]
        today: Option<Date>,
        /// Also ask every external link whether it answers (X010; one with a user name or
        /// password in it is asked without them): directly, never through a proxy, 8 at a time, 10 seconds
        /// each; links that answered are not asked again for a week.
        #[arg(long)]
        external: bool,
        /// The output folder whose .trustdocs/links.json keeps the results of --external
        /// (default: dist). The same rules as build --out apply.
        #[arg(long, requires = "external")]
        out: Option<PathBuf>,
    },
    /// Preview the site: build it, serve it on 127.0.0.1, rebuild and reload on every edit.
    Serve {
        /// The content folder (holds site.yaml and documents/).
        #[arg(default_value = "content")]
        dir: PathBuf,
        /// The port to listen on (0: any free port).
        #[arg(long, default_value_t = 8000)]
        port: u16,
        /// Preview the public copy.
        #[arg(long)]
        public: bool,
        /// Include drafts, marked DRAFT.
        #[arg(long)]
        drafts: bool,
        /// The date review checks and pages use, as YYYY-MM-DD (default: today).
        #[arg(long, value_parser = parse_today)]
        today: Option<Date>,
    },
    /// Compare two versions of a document: the facts that changed, then the text section by section.
    Diff {
        /// The document's id, e.g. CORP/STRAT/003.
        id: String,
        /// `[FROM [TO]] [DIR]`: the versions to compare (default: the version in preparation
        /// against the current one, else the current one against the one before it), then the
        /// content folder (default: content).
        #[arg(value_name = "FROM TO DIR", num_args = 0..=3)]
        rest: Vec<String>,
        /// `human` (colour on a terminal; `+`/`-` and `[-deleted-]{+inserted+}` otherwise) or `json`.
        #[arg(long, value_enum, default_value_t = Format::Human)]
        format: Format,
    },
    /// Make the ratifying committee's paper for the version in preparation: one PDF with a
    /// cover sheet, the checks' findings, the changes in redline and the proposed document.
    Pack {
        /// The document's id, e.g. CORP/STRAT/003.
        id: String,
        /// The content folder (holds site.yaml and documents/).
        #[arg(default_value = "content")]
        dir: PathBuf,
        /// The PDF to write (default: <id>-v<version>-committee-paper.pdf here).
        #[arg(long)]
        out: Option<PathBuf>,
        /// The date the checks use, as YYYY-MM-DD (default: today).
        #[arg(long, value_parser = parse_today)]
        today: Option<Date>,
    },
    /// Import existing Word documents (.docx), PDFs (.pdf, through pdftotext) and text taken from PDFs (.txt) into a content folder, then check them.
    Import {
        /// The files to import.
        #[arg(required = true)]
        files: Vec<PathBuf>,
        /// The content folder to import into: documents go to its documents/, images to its assets/.
        #[arg(long, default_value = "content")]
        out: PathBuf,
        /// The identifier to give the document when its front sheet has none (one input only).
        #[arg(long)]
        id: Option<String>,
        /// Replace documents and images that already exist.
        #[arg(long)]
        force: bool,
        #[arg(long, value_enum, default_value_t = Format::Human)]
        format: Format,
        /// The date the check of the imported documents uses, as YYYY-MM-DD (default: today).
        #[arg(long, value_parser = parse_today)]
        today: Option<Date>,
    },
    /// Start the next version of a document: copy its version in force into a new draft file beside it.
    #[command(
        after_help = "Examples:\n  trustdocs new-version CORP/STRAT/003            # version 3 → a draft of version 4\n  trustdocs new-version POL/002/015 --minor       # version 1 → a draft of version 1.1\n\nThe draft is written beside the current file, named with its version (lone-working.md → lone-working-v4.md).\nIt has status draft, no ratified or review_date, and a last history entry whose description must be written before it can be ratified."
    )]
    NewVersion {
        /// The document's id.
        id: String,
        /// The content folder (holds site.yaml and documents/).
        #[arg(default_value = "content")]
        dir: PathBuf,
        /// The next minor version (3 → 3.1) instead of the next major one (3 → 4).
        #[arg(long)]
        minor: bool,
        /// The date of the new history entry, as YYYY-MM-DD (default: today).
        #[arg(long, value_parser = parse_today)]
        today: Option<Date>,
    },
    /// Record a committee's ratification of the version in preparation of a document: it becomes the version in force, the previous one is superseded, and ratified.lock records its fingerprint.
    #[command(
        after_help = "Examples:\n  trustdocs ratify CORP/STRAT/003 --by \"Policy Group\" --date 2026-03-01 --minute PG/26/14 --dry-run\n  trustdocs ratify CORP/STRAT/003 --by \"Policy Group\" --date 2026-03-01 --summary \"Annual review; NHS Protect references removed\"\n\nThe checks run first: while the version has an error (placeholder text included), nothing is written.\nExit status: 0 ratified (or shown, with --dry-run), 1 refused, 2 bad usage."
    )]
    Ratify {
        #[command(flatten)]
        decision: Decision,
        /// The minute that records the decision (e.g. PG/26/14).
        #[arg(long)]
        minute: Option<String>,
        /// The next review date, as YYYY-MM-DD (default: --date plus review.default_years of site.yaml, 3 if unset).
        #[arg(long, value_parser = parse_today, conflicts_with = "review_years")]
        review_date: Option<Date>,
        /// The next review, in years after --date (1 to 10).
        #[arg(long, value_parser = clap::value_parser!(u32).range(1..=10))]
        review_years: Option<u32>,
        /// What changed, for the history entry, when it does not say yet.
        #[arg(long)]
        summary: Option<String>,
        /// Show the changes as a diff and write nothing.
        #[arg(long)]
        dry_run: bool,
        /// The date the checks use, as YYYY-MM-DD (default: today).
        #[arg(long, value_parser = parse_today)]
        today: Option<Date>,
    },
    /// Withdraw the version in force of a document, recording who decided it, when and why.
    #[command(
        after_help = "Example:\n  trustdocs withdraw POL/002/015 --by \"Policy Group\" --date 2026-03-01 --reason \"Replaced by the Violence Prevention and Reduction Policy\"\n\nThe documents that cite it are listed first. Exit status: 0 withdrawn (or shown, with --dry-run), 1 refused, 2 bad usage."
    )]
    Withdraw {
        #[command(flatten)]
        decision: Decision,
        /// Why it was withdrawn.
        #[arg(long)]
        reason: String,
        /// Show the change as a diff and write nothing.
        #[arg(long)]
        dry_run: bool,
        /// Today's date, as YYYY-MM-DD (default: the system date); --date may not be later.
        #[arg(long, value_parser = parse_today)]
        today: Option<Date>,
    },
    /// Record in ratified.lock every ratified and superseded version of documents that have no entry yet (existing entries are never changed).
    #[command(
        after_help = "Example:\n  trustdocs lock content\n\nRun it once when a library adopts trustdocs, after checking that each document is what its committee ratified."
    )]
    Lock {
        /// The content folder (holds site.yaml and documents/).
        #[arg(default_value = "content")]
        dir: PathBuf,
    },
    /// Print a document file's fingerprint as `ratify` would record it in ratified.lock now.
    #[command(
        after_help = "Example:\n  trustdocs fingerprint content/documents/pol-002-015-security-management-policy.md --manifest\n\nCompare it with the version's line in ratified.lock, the document control sheet or catalogue.json. docs/governance.md says what it covers and how to recompute it with standard tools."
    )]
    Fingerprint {
        /// Document files (.md under a content folder's documents/).
        #[arg(required = true)]
        files: Vec<PathBuf>,
        /// Also print the manifest the fingerprint is the SHA-256 of: the text's digest and each image's or attachment's.
        #[arg(long)]
        manifest: bool,
    },
    /// Search the documents. Builds the index first when it is missing or stale.
    Search {
        /// The words to find, or a document id (`POL/002/057`, `pol 2 57`).
        query: String,
        /// The content folder (holds site.yaml and documents/).
        #[arg(default_value = "content")]
        dir: PathBuf,
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
    },
}

/// What `ratify` and `withdraw` record: which document, and the committee's decision.
#[derive(clap::Args)]
struct Decision {
    /// The document's id.
    id: String,
    /// The content folder (holds site.yaml and documents/).
    #[arg(default_value = "content")]
    dir: PathBuf,
    /// The committee that decided it.
    #[arg(long)]
    by: String,
    /// The date of the committee's decision, as YYYY-MM-DD.
    #[arg(long, value_parser = parse_today)]
    date: Date,
}

#[derive(Clone, Copy, ValueEnum)]
enum Format {
    Human,
    Json,
}

#[derive(Clone, Copy, PartialEq, ValueEnum)]
enum Deny {
    Errors,
    Warnings,
}

fn parse_today(s: &str) -> Result<Date, String> {
    if s.len() != 10 || s.as_bytes()[4] != b'-' {
        return Err(format!("`{s}` is not a date: write YYYY-MM-DD, e.g. 2026-01-31"));
    }
    Date::parse(s, false).map_err(|e| e.to_string())
}

fn today_or_now(today: Option<Date>) -> Date {
    today
        .unwrap_or_else(|| Date { day: chrono::Local::now().date_naive(), precision: trustdocs::model::Precision::Day })
}

fn use_color() -> bool {
    use_color_on(&std::io::stdout())
}

fn use_color_on(stream: &impl IsTerminal) -> bool {
    std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty()) && stream.is_terminal()
}

/// Prints what a governance command did or why it refused, and ends with its status.
fn governance(outcome: trustdocs::governance::Outcome) -> ExitCode {
    print!("{}", outcome.out);
    eprint!("{}", outcome.err);
    ExitCode::from(outcome.status)
}

fn main() -> ExitCode {
    trustdocs::memory::one_arena_a_core();
    let cli = Cli::parse();
    match cli.command {
        Command::Check { dir, documents, format, deny, today, external, out } => {
            let (dir, documents) = check_target(dir, documents);
            let external = external.then(|| ExternalOptions {
                out: out.unwrap_or_else(|| PathBuf::from("dist")),
                fetch: FetchOptions::default(),
            });
            let opts = CheckOptions {
                format,
                deny_warnings: deny == Some(Deny::Warnings),
                today: today_or_now(today),
                external,
            };
            check(&dir, &documents, &opts)
        }
        Command::NewVersion { id, dir, minor, today } => {
            governance(trustdocs::governance::new_version(&NewVersionOptions {
                id,
                dir,
                minor,
                today: today_or_now(today),
            }))
        }
        Command::Ratify {
            decision: Decision { id, dir, by, date },
            minute,
            review_date,
            review_years,
            summary,
            dry_run,
            today,
        } => {
            let review = match (review_date, review_years) {
                (Some(d), _) => ReviewDate::On(d),
                (None, Some(n)) => ReviewDate::YearsAfter(n),
                (None, None) => ReviewDate::Default,
            };
            let today = today_or_now(today);
            let color = use_color_on(&std::io::stderr());
            governance(ratify(&RatifyOptions { id, dir, by, date, minute, review, summary, dry_run, today, color }))
        }
        Command::Withdraw { decision: Decision { id, dir, by, date }, reason, dry_run, today } => {
            governance(withdraw(&WithdrawOptions { id, dir, by, date, reason, dry_run, today: today_or_now(today) }))
        }
        Command::Lock { dir } => governance(trustdocs::governance::lock(&dir)),
        Command::Fingerprint { files, manifest } => governance(trustdocs::governance::fingerprint(&files, manifest)),
        Command::Serve { dir, port, public, drafts, today } => {
            let opts = trustdocs::serve::ServeOptions { dir, port, public, drafts, today: today_or_now(today) };
            match trustdocs::serve::serve(opts) {
                Ok(()) => ExitCode::SUCCESS,
                Err(e) => unusable(&e),
            }
        }
        Command::Search { query, dir, json, limit, doc_type, status, directorate, drafts } => {
            let status = status.filter(|s| s != "current");
            let filter = trustdocs::search::rank::Filter { doc_type, status, directorate };
            search(&trustdocs::search::cli::SearchOptions {
                dir,
                query,
                json,
                limit,
                filter,
                drafts,
                color: use_color(),
            })
        }
        Command::Diff { id, rest, format } => diff(&id, &rest, format),
        Command::Pack { id, dir, out, today } => pack(&dir, &id, out, today_or_now(today)),
        Command::Import { files, out, id, force, format, today } => {
            import(trustdocs::import::Options { files, out, id, force, today: today_or_now(today) }, format)
        }
        Command::Build { dir, out, public, drafts, no_pdf, today, jobs, deny } => {
            if let Some(n) = jobs {
                if let Err(e) = rayon::ThreadPoolBuilder::new().num_threads(n.max(1)).build_global() {
                    error(&format!("--jobs {n}: {e}"));
                    return ExitCode::from(2);
                }
            }
            let out = out.unwrap_or_else(|| PathBuf::from(if public { "dist/public" } else { "dist" }));
            let deny = match deny {
                None => trustdocs::DenyLevel::Nothing,
                Some(Deny::Errors) => trustdocs::DenyLevel::Errors,
                Some(Deny::Warnings) => trustdocs::DenyLevel::Warnings,
            };
            build(&dir, today_or_now(today), BuildOptions { out, drafts, no_pdf, public, deny })
        }
    }
}

/// An error on standard error. Messages quote content (titles, typst's
/// output about a document), so they are cleaned for the terminal.
fn error(message: &dyn std::fmt::Display) {
    eprintln!("error: {}", for_terminal(&message.to_string()));
}

struct CheckOptions {
    format: Format,
    deny_warnings: bool,
    today: Date,
    external: Option<ExternalOptions>,
}

/// The content folder and the documents of `check [DIR] [DOCUMENT...]`.
/// The first argument is the folder when it is one; otherwise it is the
/// first document, and the folder is the one that document file lies in
/// (or `content`).
fn check_target(dir: Option<PathBuf>, mut documents: Vec<OsString>) -> (PathBuf, Vec<OsString>) {
    let default = PathBuf::from("content");
    match dir {
        None => (default, documents),
        Some(d) if d.is_dir() => (d, documents),
        // Neither a folder nor anything else that exists, and no `content`
        // to look in: a mistyped folder, which loading will say is missing.
        Some(d) if !d.exists() && !default.is_dir() => (d, documents),
        Some(first) => {
            let folder = trustdocs::project::content_folder_of(&first).unwrap_or(default);
            documents.insert(0, first.into_os_string());
            (folder, documents)
        }
    }
}

fn check(dir: &Path, documents: &[OsString], opts: &CheckOptions) -> ExitCode {
    let usage = |e: trustdocs::Error| {
        error(&e);
        ExitCode::from(2)
    };
    let project = match Project::load(dir) {
        Ok(p) => p,
        Err(e) => return unusable(&e),
    };
    let selection = match documents.is_empty() {
        true => None,
        false => match project.select(documents) {
            Ok(s) => Some(s),
            Err(e) => return usage(e),
        },
    };
    let mut checked = project.check(opts.today);
    if let Some(external) = &opts.external {
        let before = |r: ExternalReport| {
            eprintln!("asking {} external links whether they answer ({} known from the last week)", r.asked, r.cached)
        };
        if let Err(e) = checked.check_external(selection.as_ref(), external, &before) {
            return usage(e);
        }
    }
    if let Some(selection) = &selection {
        checked = checked.only(selection);
    }
    match opts.format {
        Format::Json => print!("{}", report::json(&checked.diags, &checked.summary)),
        Format::Human => print!("{}", report::human(&checked.diags, &checked.sources(), &checked.summary, use_color())),
    }
    let failed = checked.summary.errors > 0 || (opts.deny_warnings && checked.summary.warnings > 0);
    ExitCode::from(u8::from(failed))
}

fn import(opts: trustdocs::import::Options, format: Format) -> ExitCode {
    match trustdocs::import::run(&opts) {
        Ok(outcome) => {
            match format {
                Format::Json => print!("{}", trustdocs::import::json(&outcome)),
                Format::Human => print!("{}", trustdocs::import::human(&outcome, use_color())),
            }
            ExitCode::from(outcome.exit_status())
        }
        Err(e) => unusable(&e),
    }
}

fn build(dir: &Path, today: Date, opts: BuildOptions) -> ExitCode {
    let started = std::time::Instant::now();
    match trustdocs::build(dir, today, &opts) {
        Ok(built) => {
            let s = &built.checked.summary;
            eprintln!("{}", report::summary_line(s));
            if s.errors + s.warnings + s.notes > 0 {
                eprintln!(
                    "  run `trustdocs check {}` for details; the site's checks page lists them too",
                    dir.display()
                );
            }
            let pdfs = match opts.no_pdf {
                true => String::new(),
                false => {
                    format!(", {} PDFs ({} compiled by typst, the rest unchanged)", built.pdfs, built.pdfs_compiled)
                }
            };
            eprint!("{}", built.report.human());
            eprintln!("built {} pages{pdfs} into {} in {:.2?}", built.pages, opts.out.display(), started.elapsed());
            for failure in &built.pdf_failures {
                error(failure);
            }
            if built.pdf_failures.is_empty() {
                ExitCode::SUCCESS
            } else {
                eprintln!(
                    "error: {} PDF(s) could not be made; the rest of the site was written",
                    built.pdf_failures.len()
                );
                ExitCode::from(1)
            }
        }
        // Before the content was read: a refused output folder, an unreadable content folder.
        Err(BuildError { error: e, checked: None }) => unusable(&e),
        // `--deny` refused: the message counts the findings and says where to look.
        Err(BuildError { error: e @ trustdocs::Error::Refused(_), checked: Some(_) }) => {
            error(&e);
            ExitCode::from(1)
        }
        Err(BuildError { error: e, checked: Some(c) }) => {
            let errors: Vec<_> = c.diags.iter().filter(|d| d.severity == Severity::Error).cloned().collect();
            eprint!("{}", report::human(&errors, &c.sources(), &c.summary, use_color()));
            error(&e);
            eprintln!("the build failed; {} was left as it was", opts.out.display());
            ExitCode::from(1)
        }
    }
}

/// `trustdocs diff ID [FROM [TO]] [DIR]`: the comparison on standard output.
fn diff(id: &str, rest: &[String], format: Format) -> ExitCode {
    let (versions, dir) = match diff_args(rest) {
        Ok(args) => args,
        Err(e) => return usage_or_refusal(&e),
    };
    let project = match Project::load(&dir) {
        Ok(p) => p,
        Err(e) => return unusable(&e),
    };
    match project.diff(id, &versions, today_or_now(None)) {
        Ok(c) => {
            match format {
                Format::Json => println!("{}", serde_json::to_string_pretty(&c).expect("a comparison serialises")),
                Format::Human => print!("{}", trustdocs::compare::terminal::render(&c, use_color())),
            }
            ExitCode::SUCCESS
        }
        Err(e) => usage_or_refusal(&e),
    }
}

/// `ID [FROM [TO]] [DIR]`: the words after the id that read as versions
/// are versions; a last word that does not is the content folder.
fn diff_args(rest: &[String]) -> Result<(Vec<Version>, PathBuf), trustdocs::Error> {
    let mut versions = Vec::new();
    let mut dir = None;
    for (i, arg) in rest.iter().enumerate() {
        let last = i + 1 == rest.len();
        match Version::parse(arg.trim_start_matches(['v', 'V'])) {
            Ok(v) if versions.len() < 2 && !(last && i == 2) => versions.push(v),
            _ if last => dir = Some(PathBuf::from(arg)),
            _ => {
                return Err(trustdocs::Error::Usage(format!(
                    "`{arg}` is not a version: write `trustdocs diff ID [FROM [TO]] [DIR]`, versions as numbers such as 3 or 2.1"
                )))
            }
        }
    }
    Ok((versions, dir.unwrap_or_else(|| PathBuf::from("content"))))
}

/// `trustdocs pack`: the committee's paper, and where it went.
fn pack(dir: &Path, id: &str, out: Option<PathBuf>, today: Date) -> ExitCode {
    let checked = match trustdocs::check(dir, today) {
        Ok(c) => c,
        Err(e) => return unusable(&e),
    };
    match checked.pack(id, out) {
        Ok(path) => {
            println!("wrote the committee paper to {}", path.display());
            ExitCode::SUCCESS
        }
        Err(e) => usage_or_refusal(&e),
    }
}

/// A command that could not use its input: 2, an unreadable or wrong
/// input; 1, a content folder another trustdocs command held too long.
fn unusable(e: &trustdocs::Error) -> ExitCode {
    error(e);
    ExitCode::from(if matches!(e, trustdocs::Error::Busy(_)) { 1 } else { 2 })
}

/// Bad usage is 2; a refusal (nothing to compare, a file pack did not make) is 1.
fn usage_or_refusal(e: &trustdocs::Error) -> ExitCode {
    error(e);
    ExitCode::from(if matches!(e, trustdocs::Error::Usage(_)) { 2 } else { 1 })
}

/// `trustdocs search`: results on standard output, notes on standard error.
fn search(opts: &trustdocs::search::cli::SearchOptions) -> ExitCode {
    use trustdocs::search::cli::run;
    // The index is made from what a build would publish today; the checks are not needed.
    let documents = || {
        let publish = PublishOptions { drafts: opts.drafts, today: today_or_now(None), pdf: false, public: false };
        Ok(Project::load(&opts.dir)?.search_documents(&publish))
    };
    match run(opts, documents) {
        Ok(out) => {
            if let Some(note) = out.note {
                eprintln!("{}", for_terminal(&note));
            }
            print!("{}", out.stdout);
            ExitCode::SUCCESS
        }
        Err(e) => {
            error(&e);
            // Bad usage is 2; an index that could not be built or read is 1.
            ExitCode::from(if matches!(e, trustdocs::Error::Usage(_)) { 2 } else { 1 })
        }
    }
}
