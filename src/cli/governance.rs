//! The governance team's commands: `new-version`, `approve`, `ratify`,
//! `withdraw`, `lock` and `fingerprint`. Each returns a typed report, which `show.rs`
//! prints on standard output, or the error that stopped it, printed on
//! standard error; nothing is printed before the command has decided.

mod show;

use super::args::{self, ContentDir};
use super::exit::{fail, Exit, Stage};
use std::path::PathBuf;
use trustdocs::governance::{
    self as gov, ApproveOptions, Decision, NewVersionOptions, RatifyOptions, ReviewDate, WithdrawOptions,
};
use trustdocs::model::Date;

#[derive(clap::Args)]
pub struct NewVersionArgs {
    /// The document's id.
    id: String,
    #[command(flatten)]
    content: ContentDir,
    /// The next minor version (3 → 3.1) instead of the next major one (3 → 4).
    #[arg(long)]
    minor: bool,
}

/// What `approve`, `ratify` and `withdraw` record: which document, and the committee's decision.
#[derive(clap::Args)]
pub struct DecisionArgs {
    /// The document's id.
    id: String,
    #[command(flatten)]
    content: ContentDir,
    /// The committee that decided it.
    #[arg(long)]
    by: String,
    /// The date of the committee's decision, as YYYY-MM-DD or DD/MM/YYYY.
    #[arg(long, value_parser = args::date)]
    date: Date,
}

#[derive(clap::Args)]
pub struct RatifyArgs {
    #[command(flatten)]
    decision: DecisionArgs,
    /// The minute that records the decision (e.g. PG/26/14).
    #[arg(long)]
    minute: Option<String>,
    /// The next review date, as YYYY-MM-DD or DD/MM/YYYY (default: --date plus review.default_years of site.yaml, 3 if unset).
    #[arg(long, value_parser = args::date, conflicts_with = "review_years")]
    review_date: Option<Date>,
    /// The next review, in years after --date (1 to 10).
    #[arg(long, value_parser = clap::value_parser!(u32).range(1..=10))]
    review_years: Option<u32>,
    /// What changed, for the history entry, when it does not say yet.
    #[arg(long)]
    summary: Option<String>,
    /// The day it comes into force, if later than --date, as YYYY-MM-DD or DD/MM/YYYY; the version it replaces stays in force until then.
    #[arg(long, value_parser = args::date)]
    effective: Option<Date>,
    /// Show the changes as a diff and write nothing.
    #[arg(long)]
    dry_run: bool,
}

#[derive(clap::Args)]
pub struct ApproveArgs {
    #[command(flatten)]
    decision: DecisionArgs,
    /// The minute that records the approval (e.g. PG/26/14).
    #[arg(long)]
    minute: Option<String>,
    /// Show the change as a diff and write nothing.
    #[arg(long)]
    dry_run: bool,
}

#[derive(clap::Args)]
pub struct WithdrawArgs {
    #[command(flatten)]
    decision: DecisionArgs,
    /// Why it was withdrawn.
    #[arg(long)]
    reason: String,
    /// Show the change as a diff and write nothing.
    #[arg(long)]
    dry_run: bool,
}

#[derive(clap::Args)]
pub struct LockArgs {
    #[command(flatten)]
    content: ContentDir,
}

#[derive(clap::Args)]
pub struct FingerprintArgs {
    /// Document files (.md under a content folder's documents/).
    #[arg(required = true)]
    files: Vec<PathBuf>,
    /// Also print the manifest the fingerprint is the SHA-256 of: the text's digest and each image's or attachment's.
    #[arg(long)]
    manifest: bool,
}

/// Prints a report, or why there is none. Every refusal happens after the
/// command read its input, so a refusal is 1 and bad usage or input 2.
fn finish<T>(result: trustdocs::Result<T>, show: impl FnOnce(&T) -> String) -> Exit {
    match result {
        Ok(report) => {
            print!("{}", show(&report));
            Exit::Done
        }
        Err(e) => fail(&e, Stage::Work),
    }
}

pub fn new_version(a: NewVersionArgs, today: Date) -> Exit {
    let opts = NewVersionOptions { id: a.id, dir: a.content.dir, minor: a.minor, today };
    finish(gov::new_version(&opts), show::new_version)
}

fn decision(d: DecisionArgs, dry_run: bool, today: Date) -> Decision {
    Decision { id: d.id, dir: d.content.dir, by: d.by, date: d.date, dry_run, today }
}

pub fn ratify(a: RatifyArgs, today: Date) -> Exit {
    let review = match (a.review_date, a.review_years) {
        (Some(d), _) => ReviewDate::On(d),
        (None, Some(n)) => ReviewDate::YearsAfter(n),
        (None, None) => ReviewDate::Default,
    };
    let decision = decision(a.decision, a.dry_run, today);
    let opts = RatifyOptions { decision, minute: a.minute, review, summary: a.summary, effective: a.effective };
    finish(gov::ratify(&opts), show::ratified)
}

pub fn approve(a: ApproveArgs, today: Date) -> Exit {
    let opts = ApproveOptions { decision: decision(a.decision, a.dry_run, today), minute: a.minute };
    finish(gov::approve(&opts), show::approved)
}

pub fn withdraw(a: WithdrawArgs, today: Date) -> Exit {
    let opts = WithdrawOptions { decision: decision(a.decision, a.dry_run, today), reason: a.reason };
    finish(gov::withdraw(&opts), show::withdrawn)
}

pub fn lock(a: LockArgs, today: Date) -> Exit {
    finish(gov::lock(&a.content.dir, today), show::locked)
}

/// Each file's fingerprint as soon as it is known: those found before a
/// file that fails are printed too.
pub fn fingerprint(a: FingerprintArgs, today: Date) -> Exit {
    for found in gov::fingerprint(&a.files, a.manifest, today) {
        let exit = finish(found, show::fingerprint);
        if exit != Exit::Done {
            return exit;
        }
    }
    Exit::Done
}
