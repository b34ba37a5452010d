//! The Register page (intranet only): the register's rows
//! (`records::register`) as one table, and the same table sorted by each of
//! a few columns on pages of its own, so that sorting needs no JavaScript:
//! a column's header links to the page sorted by it. And `register.csv`,
//! the same rows for a spreadsheet.

use super::Page;
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

/// `register.csv` and the Register pages, into `sink`. Each row is
/// rendered once for each depth of page (`register-row.html`, escaped
/// there); the sorted pages only put the same rows in another order.
pub fn register(site: &Publication, page: &Page, sink: &dyn Sink) -> Result<()> {
    let rows = rows(site.lib);
    let csv = as_csv(&rows);
    let views: Vec<RowView> = rows.iter().map(|r| view(site, r)).collect();
    // The CSV holds every cell the pages sort by; the views, what they show.
    let digest = page.view("register.html", |v| v.with(&csv).with(&views));
    let sorted_paths: Vec<String> = SORTS.iter().map(|(slug, _)| addresses::register_sorted(slug)).collect();
    let mut paths = vec![addresses::REGISTER_CSV, addresses::REGISTER];
    paths.extend(sorted_paths.iter().map(String::as_str));
    if page.taken(digest, &paths, sink)? {
        return Ok(());
    }
    sink.send(OutputFile::bytes(addresses::REGISTER_CSV, csv))?;
    let views: Vec<Value> = views.into_iter().map(|r| Value::from(Serde(r))).collect();
    let rendered = |path: &str| -> Result<Vec<String>> {
        let root = root_of(path);
        views.iter().map(|r| page.templates.render("register-row.html", context! { root => &root, r })).collect()
    };
    let (first, sorted) = (rendered(addresses::REGISTER)?, rendered(&addresses::register_sorted("x"))?);
    let mut order: Vec<usize> = (0..rows.len()).collect();
    write_page(page, sink, &first, &order, None)?;
    for (slug, column) in SORTS {
        order.sort_by(|&a, &b| by_column(&rows[a], &rows[b], column));
        write_page(page, sink, &sorted, &order, Some(slug))?;
    }
    Ok(())
}

/// The way back to the site's root from the page at `path`.
fn root_of(path: &str) -> String {
    "../".repeat(path.matches('/').count())
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

fn write_page(
    page: &Page,
    sink: &dyn Sink,
    rendered: &[String],
    order: &[usize],
    sorted_by: Option<&str>,
) -> Result<()> {
    let path = sorted_by.map_or_else(|| addresses::REGISTER.to_string(), addresses::register_sorted);
    let root = root_of(&path);
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
    let mut rows = String::with_capacity(order.iter().map(|&i| rendered[i].len() + 3).sum());
    for &i in order {
        rows.push_str(&rendered[i]);
        rows.push_str("\n  ");
    }
    // Made by register-row.html, which escapes every cell.
    let rows = Value::from_safe_string(rows);
    let sorted = headers.iter().find(|h| h.sorted).map(|h| h.label);
    let headers = Value::from(Serde(headers));
    let ctx = context! { root, page_title => "Register", section => "register", headers, rows, sorted, csv => addresses::REGISTER_CSV, ..page.common.clone() };
    sink.send(OutputFile::bytes(path, page.templates.render("register.html", ctx)?))
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
