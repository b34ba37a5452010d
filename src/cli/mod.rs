//! The command line: each command's options and how its outcome is shown
//! (one file per command or family), the options several share
//! (`args.rs`), the one exit-status policy (`exit.rs`), and what reaches
//! the terminal (`terminal.rs`). The library returns typed outcomes and
//! never prints them; only this module decides on colour and cleans text
//! for the terminal.

mod acknowledgements;
mod args;
mod build;
mod check;
mod diff;
mod exit;
mod export;
mod governance;
mod import;
mod in_force;
mod retention;
mod reviews;
mod search;
mod serve;
mod terminal;

use clap::{Parser, Subcommand};
use std::process::ExitCode;

#[derive(Parser)]
#[command(
    name = "trustdocs",
    version,
    about = "Builds an NHS organisation's policies, strategies and procedures into a searchable intranet site, and reports what the governance team must fix."
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
    #[command(flatten)]
    shared: args::Shared,
}

#[derive(Subcommand)]
enum Command {
    /// Build the site from a content folder (runs every check too).
    Build(build::Args),
    /// Check a content folder and report every problem found, or only those of some documents.
    Check(check::Args),
    /// Preview the site: build it, serve it on 127.0.0.1, rebuild and reload on every edit.
    Serve(serve::Args),
    /// Compare two versions of a document: the facts that changed, then the text section by section.
    Diff(diff::DiffArgs),
    /// Make the ratifying committee's paper for the version in preparation: one PDF with a
    /// cover sheet, the checks' findings, the changes in redline and the proposed document.
    Pack(diff::PackArgs),
    /// Import existing Word documents (.docx), PDFs (.pdf, through pdftotext) and text taken from PDFs (.txt) into a content folder, then check them.
    Import(import::Args),
    /// Write a version of a document as a Word file to edit, which `import --new-version-of` reads back.
    Export(export::Args),
    /// Start the next version of a document: copy its version in force into a new draft file beside it.
    #[command(
        after_help = "Examples:\n  trustdocs new-version CORP/STRAT/003            # version 3 → a draft of version 4\n  trustdocs new-version POL/002/015 --minor       # version 1 → a draft of version 1.1\n\nThe draft is written beside the current file, named with its version (lone-working.md → lone-working-v4.md).\nIt has status draft, no ratified or review_date, and a last history entry whose description must be written before it can be ratified."
    )]
    NewVersion(governance::NewVersionArgs),
    /// Record a committee's approval of the version in preparation of a document, a step of its type's approval route (approval.routes of site.yaml) before the ratifying committee.
    #[command(
        after_help = "Example:\n  trustdocs approve POL/002/015 --by \"Policy Group\" --date 2026-11-12 --minute PG/26/14 --dry-run\n\nSteps are recorded in route order; the last step is `ratify`'s. Exit status: 0 recorded (or shown, with --dry-run), 1 refused, 2 bad usage."
    )]
    Approve(governance::ApproveArgs),
    /// Record a committee's ratification of the version in preparation of a document: it becomes the version in force, the previous one is superseded, and ratified.lock records its fingerprint.
    #[command(
        after_help = "Examples:\n  trustdocs ratify CORP/STRAT/003 --by \"Policy Group\" --date 2026-03-01 --minute PG/26/14 --dry-run\n  trustdocs ratify CORP/STRAT/003 --by \"Policy Group\" --date 01/03/2026 --summary \"Annual review; NHS Protect references removed\"\n\nThe checks run first: while the version has an error (placeholder text included), nothing is written.\nExit status: 0 ratified (or shown, with --dry-run), 1 refused, 2 bad usage."
    )]
    Ratify(governance::RatifyArgs),
    /// Withdraw the version in force of a document, recording who decided it, when and why.
    #[command(
        after_help = "Example:\n  trustdocs withdraw POL/002/015 --by \"Policy Group\" --date 2026-03-01 --reason \"Replaced by the Violence Prevention and Reduction Policy\"\n\nThe documents that cite it are listed first. Exit status: 0 withdrawn (or shown, with --dry-run), 1 refused, 2 bad usage."
    )]
    Withdraw(governance::WithdrawArgs),
    /// Record in ratified.lock every ratified and superseded version of documents that have no entry yet (existing entries are never changed).
    #[command(
        after_help = "Example:\n  trustdocs lock content\n\nRun it once when a library adopts trustdocs, after checking that each document is what its committee ratified."
    )]
    Lock(governance::LockArgs),
    /// Print a document file's fingerprint as `ratify` would record it in ratified.lock now.
    #[command(
        after_help = "Example:\n  trustdocs fingerprint content/documents/pol-002-015-security-management-policy.md --manifest\n\nCompare it with the version's line in ratified.lock, the document control sheet or catalogue.json. docs/governance.md says what it covers and how to recompute it with standard tools."
    )]
    Fingerprint(governance::FingerprintArgs),
    /// Search the documents. Builds the index first when it is missing or stale.
    Search(search::Args),
    /// List the versions whose retention period (retention.years of site.yaml) has ended or ends within 12 months, with the decision recorded for each.
    #[command(
        after_help = "Example:\n  trustdocs retention content --format csv > retention.csv\n\nExit status: 0 listed, 1 failed, 2 bad usage (site.yaml without `retention: {years: N}` included)."
    )]
    Retention(retention::Args),
    /// Record the records manager's decision on a version whose retention period has ended: keep it, destroy it or transfer it. Appends one line to retention.log; never deletes a file.
    #[command(
        after_help = "Examples:\n  trustdocs retain POL/002/015 2 --decision destroy --by \"Records Manager\" --date 2026-03-01 --reason \"Retention schedule: 10 years\" --dry-run\n  trustdocs retain POL/002/015 1 --decision keep --by \"Records Manager\" --date 2026-03-01 --reason \"First policy on lone working: historical value\"\n\nAfter destroy or transfer, remove the version's file by hand. Exit status: 0 recorded (or shown, with --dry-run), 1 refused, 2 bad usage."
    )]
    Retain(retention::RetainArgs),
    /// Show which version of each document was in force on a date: its file, dates, fingerprint and addresses, or why none was.
    #[command(
        after_help = "Examples:\n  trustdocs in-force --on 2024-03-01\n  trustdocs in-force content --on 01/03/2024 POL/002/015 --format json\n\nExit status: 0 shown, 2 bad usage (an unknown id or a bad date)."
    )]
    InForce(in_force::Args),
    /// List the review dates past or due soon of the versions in force, as the reviews page does: for people, a scheduled flow (JSON) or a mail merge (CSV).
    #[command(
        after_help = "Examples:\n  trustdocs reviews --due-within 30 --owner \"security\"\n  trustdocs reviews content --directorate estates --format csv > reviews.csv\n\nExit status: 0 listed (even when none are due), 2 bad usage."
    )]
    Reviews(reviews::Args),
    /// Reconcile the "read and acknowledge" form's responses with a staff list: who confirmed the version in force of each document staff must confirm, who only an older one, who has not, and each role's completion.
    #[command(
        after_help = "Example:\n  trustdocs acknowledgements content --responses responses.csv --staff staff.csv --format csv --out ~/reports/acknowledgements.csv\n\nThe report names staff: it goes to the terminal or --out only, never inside the content folder or a site.\nExit status: 0 reported (whoever has not confirmed), 2 bad usage or an unreadable or incomplete file."
    )]
    Acknowledgements(acknowledgements::Args),
}

/// Parses the command line, runs the command, and gives its exit status.
pub fn run() -> ExitCode {
    let cli = Cli::parse();
    let today = cli.shared.today();
    let exit = match cli.command {
        Command::Build(a) => build::run(a, today),
        Command::Check(a) => check::run(a, today),
        Command::Serve(a) => serve::run(a, today),
        Command::Diff(a) => diff::diff(a, today),
        Command::Pack(a) => diff::pack(a, today),
        Command::Import(a) => import::run(a, today),
        Command::Export(a) => export::run_export(a, today),
        Command::NewVersion(a) => governance::new_version(a, today),
        Command::Approve(a) => governance::approve(a, today),
        Command::Ratify(a) => governance::ratify(a, today),
        Command::Withdraw(a) => governance::withdraw(a, today),
        Command::Lock(a) => governance::lock(a, today),
        Command::Fingerprint(a) => governance::fingerprint(a, today),
        Command::Search(a) => search::run(a, today),
        Command::Retention(a) => retention::run(a, today),
        Command::Retain(a) => retention::retain(a, today),
        Command::InForce(a) => in_force::run(a, today),
        Command::Reviews(a) => reviews::run(a, today),
        Command::Acknowledgements(a) => acknowledgements::run(a, today),
    };
    exit.into()
}

#[cfg(test)]
mod tests {
    use super::Cli;
    use clap::CommandFactory;

    #[test]
    fn the_command_line_is_consistent() {
        Cli::command().debug_assert();
    }
}
