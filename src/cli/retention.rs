//! `trustdocs retention [DIR]`: the versions whose retention period has
//! ended or ends within a year, with the decision recorded for each; and
//! `trustdocs retain ID VERSION`, which records a decision.

use super::args::{self, ContentDir, TableFormat};
use super::exit::{fail, Exit, Stage};
use super::terminal::clean;
use std::fmt::Write;
use trustdocs::governance::{self as gov, RetainOptions, Retained};
use trustdocs::lock::retention::Decision;
use trustdocs::model::Date;
use trustdocs::records::csv;
use trustdocs::records::retention::{self, Due, Gone, Report};
use trustdocs::{Error, Project};

#[derive(clap::Args)]
pub struct Args {
    #[command(flatten)]
    content: ContentDir,
    /// `human`, `json` (for scripts) or `csv` (for a spreadsheet: UTF-8 with a byte-order mark).
    #[arg(long, value_enum, default_value_t = TableFormat::Human)]
    format: TableFormat,
}

#[derive(Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum DecisionArg {
    Keep,
    Destroy,
    Transfer,
}

#[derive(clap::Args)]
pub struct RetainArgs {
    /// The document's id.
    id: String,
    /// The version decided about (its file may already be gone).
    version: String,
    #[command(flatten)]
    content: ContentDir,
    /// keep (for the archive), destroy, or transfer (to an archive).
    #[arg(long, value_enum)]
    decision: DecisionArg,
    /// Who decided (the records manager, or the group that did).
    #[arg(long)]
    by: String,
    /// The date of the decision, as YYYY-MM-DD or DD/MM/YYYY.
    #[arg(long, value_parser = args::date)]
    date: Date,
    /// Why: the retention schedule's entry, or the reason for keeping it.
    #[arg(long)]
    reason: String,
    /// Print the line it would append and write nothing.
    #[arg(long)]
    dry_run: bool,
}

pub fn run(a: Args, today: Date) -> Exit {
    let project = match Project::load(&a.content.dir, today) {
        Ok(p) => p,
        Err(e) => return fail(&e, Stage::Input),
    };
    let Some(years) = project.lib.config.site.retention_years else {
        let e = Error::Usage(format!(
            "{}/site.yaml does not say how long versions are kept: add `retention: {{years: N}}` to it, N from the trust's retention schedule (years after a version stops being in force)",
            trustdocs::load::display_path(&project.lib.dir)
        ));
        return fail(&e, Stage::Input);
    };
    let report = retention::report(&project.lib, years);
    match a.format {
        TableFormat::Human => print!("{}", human(&report)),
        TableFormat::Json => println!("{}", serde_json::to_string_pretty(&report).unwrap_or_default()),
        TableFormat::Csv => print!("{}", as_csv(&report)),
    }
    Exit::Done
}

fn human(r: &Report) -> String {
    let years = if r.years == 1 { "1 year".to_string() } else { format!("{} years", r.years) };
    let mut out =
        format!("Retention: {years} after a version stops being in force (site.yaml); today is {}.\n", r.today);
    let groups = [("Retention ended", &r.ended), ("Retention ends within 12 months", &r.ending)];
    for (title, due) in groups {
        let _ = writeln!(out, "\n{title} ({}):", due.len());
        due.iter().for_each(|d| out.push_str(&clean(&due_line(d))));
    }
    if !r.gone.is_empty() {
        let _ = writeln!(out, "\nKnown only from ratified.lock: the file is gone ({}):", r.gone.len());
        r.gone.iter().for_each(|g| out.push_str(&clean(&gone_line(g))));
    }
    if r.ended.iter().any(|d| d.decision.is_none()) {
        out.push_str("\nRecord a decision with `trustdocs retain ID VERSION --decision keep|destroy|transfer --by NAME --date DATE --reason TEXT`.\n");
    }
    out
}

fn due_line(d: &Due) -> String {
    let decided = d.decision.as_ref().map_or_else(
        || "no decision recorded".to_string(),
        |x| format!("{} on {} by {}: {}", x.decision, x.date, x.by, x.reason),
    );
    format!(
        "  {} version {} ({}), {}: not in force since {}, retention ends {}; {decided}\n",
        d.id, d.version, d.title, d.file, d.stopped, d.ends
    )
}

fn gone_line(g: &Gone) -> String {
    let decided = g.decision.as_ref().map_or_else(
        || "no destroy or transfer decision recorded (H010): restore the file, or record the decision".to_string(),
        |x| format!("{} on {} by {}: {}", x.decision, x.date, x.by, x.reason),
    );
    format!("  {} version {} (ratified {}): {decided}\n", g.id, g.version, g.ratified)
}

fn as_csv(r: &Report) -> String {
    let header = [
        "state",
        "id",
        "version",
        "title",
        "file",
        "not in force since",
        "retention ends",
        "decision",
        "decided on",
        "by",
        "reason",
    ];
    let mut out = format!("{}{}", csv::BOM, csv::row(header));
    let decided = |d: Option<&retention::Decided>| match d {
        Some(x) => [x.decision.to_string(), x.date.iso(), x.by.clone(), x.reason.clone()],
        None => Default::default(),
    };
    for (state, due) in [("ended", &r.ended), ("ending", &r.ending)] {
        for d in due.iter() {
            let [what, on, by, why] = decided(d.decision.as_ref());
            let (stopped, ends) = (d.stopped.iso(), d.ends.iso());
            out.push_str(&csv::row([
                state,
                d.id.as_str(),
                d.version.as_str(),
                &d.title,
                &d.file,
                &stopped,
                &ends,
                &what,
                &on,
                &by,
                &why,
            ]));
        }
    }
    for g in &r.gone {
        let [what, on, by, why] = decided(g.decision.as_ref());
        out.push_str(&csv::row([
            "file gone",
            g.id.as_str(),
            g.version.as_str(),
            "",
            "",
            "",
            "",
            &what,
            &on,
            &by,
            &why,
        ]));
    }
    out
}

pub fn retain(a: RetainArgs, today: Date) -> Exit {
    let decision = match a.decision {
        DecisionArg::Keep => Decision::Keep,
        DecisionArg::Destroy => Decision::Destroy,
        DecisionArg::Transfer => Decision::Transfer,
    };
    let opts = RetainOptions {
        id: a.id,
        version: a.version,
        dir: a.content.dir,
        decision,
        by: a.by,
        date: a.date,
        reason: a.reason,
        dry_run: a.dry_run,
        today,
    };
    match gov::retain(&opts) {
        Ok(r) => {
            print!("{}", retained(&r));
            Exit::Done
        }
        Err(e) => fail(&e, Stage::Work),
    }
}

fn retained(r: &Retained) -> String {
    let mut out = match r.written {
        true => format!("recorded in {}:\n{}\n", r.log, r.line),
        false => format!("would append to {} (dry run, nothing written):\n{}\n", r.log, r.line),
    };
    match (r.decision.lets_file_go(), &r.file) {
        (true, Some(file)) => {
            let _ = writeln!(
                out,
                "trustdocs never deletes a version: once the records are {}, remove {file} by hand; ratified.lock keeps its entry, and `trustdocs check` accepts the file's absence",
                retention::gone_status(r.decision)
            );
        }
        (false, Some(file)) => {
            let _ = writeln!(out, "{file} stays on the site, marked as kept for the archive");
        }
        (_, None) => {}
    }
    clean(&out)
}
