//! The Register page (intranet only): the register's rows
//! (`records::register`) as one table, and the same table sorted by each of
//! a few columns on pages of its own, so that sorting needs no JavaScript:
//! a column's header links to the page sorted by it. And `register.csv`,
//! the same rows for a spreadsheet.

use super::html::Templates;
use crate::error::Result;
use crate::model::Date;
use crate::output::{OutputFile, Sink};
use crate::publish::{addresses, Publication};
use crate::records::csv;
use crate::records::register::{rows, Row, COLUMNS};
use minijinja::value::Serde;
use minijinja::{context, Value};
use serde::Serialize;
use std::cmp::Ordering;

/// The columns the register can be sorted by besides id: the slug of the
/// page's address, and the column's position in [`COLUMNS`].
const SORTS: [(&str, usize); 4] = [("title", 1), ("status", 4), ("review-date", 12), ("retention-ends", 15)];

#[derive(Serialize)]
struct Header {
    label: &'static str,
    /// The page sorted by this column, from the site root.
    url: Option<String>,
    /// Whether this page is sorted by it.
    sorted: bool,
}

#[derive(Serialize)]
struct RowView {
    cells: Vec<String>,
    /// The version's page, from the site root.
    url: Option<String>,
    removed: bool,
}

/// `register.csv` and the Register pages, into `sink`.
pub fn register(site: &Publication, templates: &Templates, common: &Value, sink: &dyn Sink) -> Result<()> {
    let mut rows = rows(site.lib);
    sink.send(OutputFile::bytes(addresses::REGISTER_CSV, as_csv(&rows)))?;
    page(site, templates, common, sink, &rows, None)?;
    for (slug, column) in SORTS {
        rows.sort_by(|a, b| by_column(a, b, column));
        page(site, templates, common, sink, &rows, Some(slug))?;
    }
    Ok(())
}

fn as_csv(rows: &[Row]) -> Vec<u8> {
    let mut out = format!("{}{}", csv::BOM, csv::row(COLUMNS));
    rows.iter().for_each(|r| out.push_str(&csv::row(r.cells())));
    out.into_bytes()
}

/// Rows in the order of one column, empty cells last; the register's own
/// order (id, version) breaks ties.
fn by_column(a: &Row, b: &Row, column: usize) -> Ordering {
    let date = |d: Option<Date>| (d.is_none(), d);
    let order = match column {
        1 => a.title.to_lowercase().cmp(&b.title.to_lowercase()),
        4 => a.status.cmp(b.status),
        12 => date(a.review).cmp(&date(b.review)),
        _ => date(a.retention_ends).cmp(&date(b.retention_ends)),
    };
    order.then_with(|| (&a.id, &a.version).cmp(&(&b.id, &b.version)))
}

fn page(
    site: &Publication,
    templates: &Templates,
    common: &Value,
    sink: &dyn Sink,
    rows: &[Row],
    sorted_by: Option<&str>,
) -> Result<()> {
    let path = sorted_by.map_or_else(|| addresses::REGISTER.to_string(), addresses::register_sorted);
    let root = "../".repeat(path.matches('/').count());
    let headers: Vec<Header> = COLUMNS
        .iter()
        .enumerate()
        .map(|(i, &label)| {
            let slug = if i == 0 { Some(None) } else { SORTS.iter().find(|s| s.1 == i).map(|s| Some(s.0)) };
            Header {
                label,
                url: slug.map(|s| s.map_or_else(|| addresses::REGISTER.to_string(), addresses::register_sorted)),
                sorted: slug == Some(sorted_by),
            }
        })
        .collect();
    let views: Vec<RowView> = rows.iter().map(|r| view(site, r)).collect();
    let sorted = headers.iter().find(|h| h.sorted).map(|h| h.label);
    let (headers, views) = (Value::from(Serde(headers)), Value::from(Serde(views)));
    let ctx = context! { root, page_title => "Register", section => "register", headers, rows => views, sorted, csv => addresses::REGISTER_CSV, ..common.clone() };
    sink.send(OutputFile::bytes(path, templates.render("register.html", ctx)?))
}

/// A row as the page shows it: dates the NHS way.
fn view(site: &Publication, row: &Row) -> RowView {
    let mut cells = row.cells().to_vec();
    let days = [(8, row.ratified), (10, row.effective), (11, row.until), (12, row.review), (13, row.withdrawn)];
    for (i, day) in days.into_iter().chain([(15, row.retention_ends)]) {
        cells[i] = day.map(|d| d.to_string()).unwrap_or_default();
    }
    let url = row.doc.and_then(|i| site.url_of.get(&i).cloned());
    RowView { cells, url, removed: row.removed() }
}
