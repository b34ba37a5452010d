//! `trustdocs in-force [DIR] --on DATE [ID...]`: which version of each
//! document was in force on a day, for people, as JSON or as CSV.

use super::args::{self, TableFormat, CONTENT};
use super::exit::{fail, Exit, Stage};
use super::terminal::clean;
use std::path::PathBuf;
use trustdocs::model::Date;
use trustdocs::publish::{Publication, PublishOptions};
use trustdocs::records::csv;
use trustdocs::records::in_force::{self, OnDate, State};
use trustdocs::Project;

#[derive(clap::Args)]
pub struct Args {
    /// The content folder (holds site.yaml and documents/). Default: content; when the first
    /// argument is not a folder, it is the first id.
    #[arg(value_name = "DIR")]
    dir: Option<PathBuf>,
    /// The documents' ids (default: every document).
    #[arg(value_name = "ID")]
    ids: Vec<String>,
    /// The day, as YYYY-MM-DD or DD/MM/YYYY.
    #[arg(long, value_name = "DATE", value_parser = args::date)]
    on: Date,
    /// `human`, `json` or `csv` (formula-safe, for spreadsheets).
    #[arg(long, value_enum, default_value_t = TableFormat::Human)]
    format: TableFormat,
}

pub fn run(a: Args, today: Date) -> Exit {
    let (dir, names) = target(a.dir, a.ids);
    let project = match Project::load(&dir, today) {
        Ok(p) => p,
        Err(e) => return fail(&e, Stage::Input),
    };
    let ids = match in_force::select(&project.lib, &names) {
        Ok(ids) => ids,
        Err(e) => return fail(&e, Stage::Input),
    };
    // The addresses are the intranet build's, with PDFs: drafts are left
    // out, since a drafts build may put a draft at an id's main address.
    let opts = PublishOptions { drafts: false, pdf: true, public: false };
    let site = Publication::plan(&project.lib, &opts);
    let found = in_force::on(&site, a.on, &ids);
    match a.format {
        TableFormat::Human => print!("{}", human(a.on, &found)),
        TableFormat::Json => println!("{}", serde_json::to_string_pretty(&json(a.on, &found)).unwrap_or_default()),
        TableFormat::Csv => print!("{}", csv(&found)),
    }
    Exit::Done
}

/// The content folder and the ids: the first argument is the folder when
/// it is one (or when nothing else could be: no `content` beside it, so
/// that loading says the folder is missing); otherwise it is the first id.
fn target(dir: Option<PathBuf>, mut ids: Vec<String>) -> (PathBuf, Vec<String>) {
    let default = PathBuf::from(CONTENT);
    match dir {
        None => (default, ids),
        Some(d) if d.is_dir() || (!d.exists() && !default.is_dir()) => (d, ids),
        Some(first) => {
            ids.insert(0, first.to_string_lossy().into_owned());
            (default, ids)
        }
    }
}

/// The columns of the JSON and CSV, in order, for one id.
fn fields(entry: &OnDate) -> Vec<(&'static str, Option<String>)> {
    let mut out = vec![("id", Some(entry.id.to_string())), ("title", Some(entry.title.to_string()))];
    let (v, reason) = match &entry.state {
        State::InForce(v) => (Some(v), None),
        State::None(why) => (None, Some(why.text())),
    };
    let of = |f: fn(&in_force::InForce) -> Option<String>| v.and_then(|v| f(v));
    out.extend([
        ("version", of(|v| Some(v.version.to_string()))),
        ("file", of(|v| Some(v.doc.file.display.clone()))),
        ("ratified", of(|v| v.doc.meta.ratified_date().map(|d| d.iso()))),
        ("effective", of(|v| Some(v.effective.iso()))),
        ("until", of(|v| v.until.map(|d| d.iso()))),
        ("fingerprint", of(|v| v.fingerprint.clone())),
        ("page", of(|v| v.page.map(String::from))),
        ("pdf", of(|v| v.pdf.map(String::from))),
        ("reason", reason),
    ]);
    out
}

/// `{"on", "documents": [...]}`: a version in force with its columns, or
/// `"version": null` with the reason.
fn json(on: Date, found: &[OnDate]) -> serde_json::Value {
    let documents: Vec<serde_json::Value> = found
        .iter()
        .map(|entry| {
            let none = matches!(entry.state, State::None(_));
            let keep = |key: &str| match none {
                true => matches!(key, "id" | "title" | "version" | "reason"),
                false => key != "reason",
            };
            let object = fields(entry).into_iter().filter(|(k, _)| keep(k)).map(|(k, v)| (k.to_string(), v.into()));
            serde_json::Value::Object(object.collect())
        })
        .collect();
    serde_json::json!({ "on": on.iso(), "documents": documents })
}

/// One header line, then one line per id, quoted as RFC 4180 asks and
/// safe to open in a spreadsheet.
fn csv(found: &[OnDate]) -> String {
    let Some(first) = found.first() else { return String::new() };
    let mut out = csv::row(fields(first).into_iter().map(|(k, _)| k));
    for entry in found {
        out.push_str(&csv::row(fields(entry).into_iter().map(|(_, v)| v.unwrap_or_default())));
    }
    out
}

/// For a person: each id, then the version in force with its dates, file,
/// fingerprint and addresses, or why none was.
fn human(on: Date, found: &[OnDate]) -> String {
    let mut out = format!("In force on {on}:\n");
    for entry in found {
        out.push_str(&format!("\n{}  {}\n", clean(entry.id.as_str()), clean(entry.title)));
        let v = match &entry.state {
            State::InForce(v) => v,
            State::None(why) => {
                out.push_str(&format!("  none: {}\n", why.human()));
                continue;
            }
        };
        let ratified = v.doc.meta.ratified.as_ref().map(|r| {
            let date = r.date.map(|d| format!(" on {d}")).unwrap_or_default();
            let minute = r.minute.as_ref().map(|m| format!(", minute {m}")).unwrap_or_default();
            clean(&format!("ratified by {}{date}{minute}", r.by))
        });
        let until = v.until.map_or("still in force".to_string(), |d| format!("until {d}"));
        out.push_str(&format!("  version {}, in force from {}, {until}\n", v.version, v.effective));
        out.extend(ratified.map(|r| format!("  {r}\n")));
        out.push_str(&format!("  file: {}\n", clean(&v.doc.file.display)));
        out.push_str(&format!("  fingerprint: {}\n", v.fingerprint.as_deref().unwrap_or("none in ratified.lock")));
        out.extend(v.page.map(|p| format!("  page: {}\n", clean(p))));
        out.extend(v.pdf.map(|p| format!("  pdf: {}\n", clean(p))));
    }
    out
}
