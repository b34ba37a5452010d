//! `trustdocs reviews [DIR]`: the review dates past or due within some
//! days of the versions in force, for people, as JSON for a scheduled flow
//! or as CSV for a mail merge. The same rule as the site's reviews page
//! (`records::reviews`), so the two never disagree.

use super::args::{ContentDir, TableFormat};
use super::exit::{fail, Exit, Stage};
use super::terminal::clean;
use std::fmt::Write;
use trustdocs::model::{Date, ReviewState};
use trustdocs::publish::{Publication, PublishOptions};
use trustdocs::records::csv;
use trustdocs::records::reviews::{self, Due, Filter};
use trustdocs::Project;

#[derive(clap::Args)]
pub struct Args {
    #[command(flatten)]
    content: ContentDir,
    /// List the reviews due within this many days, and those past (default: `due_soon_days` of
    /// site.yaml, as the reviews page). 0 lists only those past.
    #[arg(long, value_name = "DAYS")]
    due_within: Option<u32>,
    /// Only documents whose owner (the author's job title or name) contains TEXT, in any case.
    #[arg(long, value_name = "TEXT")]
    owner: Option<String>,
    /// Only documents whose directorate contains TEXT, in any case.
    #[arg(long, value_name = "TEXT")]
    directorate: Option<String>,
    /// `human`, `json` (for scripts and flows) or `csv` (for a mail merge: UTF-8 with a byte-order mark).
    #[arg(long, value_enum, default_value_t = TableFormat::Human)]
    format: TableFormat,
}

pub fn run(a: Args, today: Date) -> Exit {
    let project = match Project::load(&a.content.dir, today) {
        Ok(p) => p,
        Err(e) => return fail(&e, Stage::Input),
    };
    // The intranet's plan and addresses: the reviews page's.
    let opts = PublishOptions { drafts: false, pdf: false, public: false };
    let site = Publication::plan(&project.lib, &opts);
    let within = a.due_within.unwrap_or(project.lib.config.site.due_soon_days);
    let filter = Filter { owner: a.owner, directorate: a.directorate };
    let due = reviews::due(&site, within, &filter);
    let rows: Vec<Row> = due.iter().map(|d| Row::of(&site, d)).collect();
    match a.format {
        TableFormat::Human => print!("{}", human(today, within, &rows)),
        TableFormat::Json => {
            println!("{}", serde_json::to_string_pretty(&json(today, within, &rows)).unwrap_or_default())
        }
        TableFormat::Csv => print!("{}", as_csv(&rows)),
    }
    Exit::Done
}

/// One review as every format gives it; docs/telling-people.md documents it.
#[derive(serde::Serialize)]
struct Row {
    id: String,
    title: String,
    version: String,
    review_date: String,
    days: i64,
    state: &'static str,
    owner: Option<String>,
    owner_name: Option<String>,
    directorate: String,
    page: String,
}

impl Row {
    fn of(site: &Publication, d: &Due) -> Row {
        let author = d.doc.meta.author.as_ref();
        Row {
            id: d.doc.id().map_or_else(String::new, |i| i.to_string()),
            title: d.doc.title().to_string(),
            version: d.doc.version().map_or_else(String::new, |v| v.to_string()),
            review_date: d.review.iso(),
            days: d.days,
            state: if d.state == ReviewState::Overdue { "overdue" } else { "due_soon" },
            owner: author.and_then(|a| a.title.clone()),
            owner_name: author.map(|a| a.name.clone()),
            directorate: d.doc.directorate_label().to_string(),
            page: format!("{}{}", site.base_url(), site.url_of[&d.index]),
        }
    }
}

fn json(today: Date, within: u32, rows: &[Row]) -> serde_json::Value {
    serde_json::json!({ "today": today.iso(), "due_within_days": within, "reviews": rows })
}

fn as_csv(rows: &[Row]) -> String {
    let header =
        ["id", "title", "version", "review_date", "days", "state", "owner", "owner_name", "directorate", "page"];
    let mut out = format!("{}{}", csv::BOM, csv::row(header));
    for r in rows {
        let (owner, name) = (r.owner.clone().unwrap_or_default(), r.owner_name.clone().unwrap_or_default());
        // Unsigned, the state telling which way: a spreadsheet would keep
        // `-12` only as the text `'-12` (see `records::csv`).
        let days = r.days.unsigned_abs().to_string();
        let cells =
            [&*r.id, &r.title, &r.version, &r.review_date, &days, r.state, &owner, &name, &r.directorate, &r.page];
        out.push_str(&csv::row(cells));
    }
    out
}

fn human(today: Date, within: u32, rows: &[Row]) -> String {
    let mut out = format!("Reviews past or due within {within} days of {today}: {}\n", rows.len());
    for r in rows {
        let when = match r.days {
            d if d < 0 => format!("{} days overdue", -d),
            0 => "due today".to_string(),
            d => format!("due in {d} days"),
        };
        let owner = match (&r.owner, &r.owner_name) {
            (Some(t), Some(n)) => format!("{n}, {t}"),
            (None, Some(n)) => n.clone(),
            _ => "owner not given".to_string(),
        };
        let line = format!(
            "\n{} version {}  {}\n  review date {} ({when})\n  {owner}; {}\n  {}\n",
            r.id, r.version, r.title, r.review_date, r.directorate, r.page
        );
        let _ = write!(out, "{}", clean(&line));
    }
    out
}
