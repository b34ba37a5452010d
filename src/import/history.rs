//! The amendment history: a version-control or amendment table (version,
//! date, what changed, why, review date, by whom) in any column order, read
//! into `history` oldest first.

use super::blocks::{Block, Kind, Loc, Row};
use super::dates;
use super::tables::{self, has};
use super::warn::{WarnKind, Warning};
use crate::model::Date;
use regex::Regex;
use std::sync::LazyLock;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Col {
    Version,
    Date,
    Changed,
    Description,
    ReviewDate,
    By,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Entry {
    pub version: String,
    pub date: Option<Date>,
    pub changed: Option<String>,
    pub description: Option<String>,
    pub review_date: Option<Date>,
    pub by: Option<String>,
    pub loc: Loc,
}

pub struct History {
    pub entries: Vec<Entry>,
    /// The block holding the table.
    pub block: usize,
}

fn classify(w: &[String]) -> Option<Col> {
    if has(w, "review") {
        return has(w, "date").then_some(Col::ReviewDate);
    }
    if has(w, "by") || has(w, "author") || has(w, "owner") {
        return Some(Col::By);
    }
    if [
        "description",
        "details",
        "summary",
        "reason",
        "amendment",
        "amendments",
        "comments",
        "comment",
        "nature",
        "change",
        "changes",
        "notes",
        "revision",
        "revisions",
    ]
    .iter()
    .any(|x| has(w, x))
    {
        return Some(Col::Description);
    }
    if ["page", "pages", "section", "sections", "selection", "changed", "paragraph"].iter().any(|x| has(w, x)) {
        return Some(Col::Changed);
    }
    if has(w, "date") || has(w, "issued") || has(w, "approved") {
        return Some(Col::Date);
    }
    if has(w, "version") || has(w, "issue") || has(w, "ver") || has(w, "v") {
        return Some(Col::Version);
    }
    None
}

/// Finds the first amendment table and reads it.
pub fn find(blocks: &[Block], warnings: &mut Vec<Warning>) -> Option<History> {
    for (b, block) in blocks.iter().enumerate() {
        let Kind::Table { rows } = &block.kind else { continue };
        for (h, header) in rows.iter().enumerate().take(3) {
            let Some(cols) = tables::columns(header, classify, &[Col::Version, Col::Date]) else { continue };
            if !cols.iter().any(|(c, _)| matches!(c, Col::Description | Col::Changed)) {
                continue;
            }
            let mut entries = read_rows(&rows[h + 1..], &cols, warnings);
            if entries.is_empty() {
                // Text with tabs pads cells to tab stops, so a row may have
                // fewer empty cells than its header: read them without.
                let packed: Vec<Row> = rows[h..].iter().map(without_empty_cells).collect();
                if let Some(cols) = tables::columns(&packed[0], classify, &[Col::Version, Col::Date]) {
                    entries = read_rows(&packed[1..], &cols, warnings);
                }
            }
            if entries.is_empty() {
                continue;
            }
            return Some(History { entries: oldest_first(entries), block: b });
        }
    }
    None
}

static INLINE_HEAD: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\b(?:version|amendment|document|revision|change)\s+(?:history|control)\b").expect("history head")
});
static DATE_VERSION: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(\d{1,2}/\d{1,2}/\d{2,4})\s+[Vv]?(\d{1,2}(?:\.\d{1,2})*)\s").expect("row"));
static VERSION_DATE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?:^|\s)[Vv]?(\d{1,2}(?:\.\d{1,2})*)\s+(\d{1,2}/\d{1,2}/\d{2,4})\s").expect("row"));

/// An amendment table that an extraction flattened into running text:
/// "VERSION HISTORY Issue Date Version No Brief Description of Change
/// Changed by 30/11/16 1 N/A New Policy N/A". Rows are a date and a version
/// (in the header's order) and the words up to the next row; the words
/// that say "none" at either end go.
pub fn find_inline(blocks: &[Block], warnings: &mut Vec<Warning>) -> Option<Vec<Entry>> {
    for block in blocks {
        let Kind::Paragraph { text } = &block.kind else { continue };
        let t = text.plain.as_str();
        let Some(head) = INLINE_HEAD.find(t) else { continue };
        let after = &t[head.end()..];
        let window = &after[..after.char_indices().nth(400).map_or(after.len(), |(i, _)| i)];
        let lower = window.to_lowercase();
        let (Some(d), Some(v)) = (lower.find("date"), lower.find("version")) else { continue };
        if !lower.contains("description") && !lower.contains("change") && !lower.contains("amendment") {
            continue;
        }
        let (re, date_first) = if d < v { (&*DATE_VERSION, true) } else { (&*VERSION_DATE, false) };
        let rows: Vec<regex::Captures> = re.captures_iter(window).collect();
        let mut entries = Vec::new();
        for (k, c) in rows.iter().enumerate() {
            let whole = c.get(0).expect("row");
            let end = rows.get(k + 1).map_or(window.len(), |n| n.get(0).expect("row").start());
            let rest: Vec<&str> = window[whole.end()..end].split_whitespace().take(16).collect();
            let mut words: &[&str] = &rest;
            while words.first().is_some_and(|w| tables::is_blank(w)) {
                words = &words[1..];
            }
            while words.last().is_some_and(|w| tables::is_blank(w)) {
                words = &words[..words.len() - 1];
            }
            let (date, version) = if date_first { (&c[1], &c[2]) } else { (&c[2], &c[1]) };
            entries.push(Entry {
                version: version.to_string(),
                date: dates::read(date, block.loc, "history.date", true, warnings),
                changed: None,
                description: Some(words.join(" ")).filter(|d| !d.is_empty()),
                review_date: None,
                by: None,
                loc: block.loc,
            });
        }
        if !entries.is_empty() {
            warnings.push(Warning::new(
                WarnKind::Check,
                Some(block.loc),
                Some("history"),
                "the amendment table was read from text that lost its columns; check each entry's description",
            ));
            return Some(oldest_first(entries));
        }
    }
    None
}

fn without_empty_cells(row: &Row) -> Row {
    Row { cells: row.cells.iter().filter(|c| !c.is_empty()).cloned().collect(), loc: row.loc }
}

fn read_rows(rows: &[Row], cols: &[(Col, usize)], warnings: &mut Vec<Warning>) -> Vec<Entry> {
    let mut out = Vec::new();
    for row in rows {
        if row.filled().is_empty() {
            continue;
        }
        let text = |c| Some(tables::cell(row, cols, c)).filter(|s| !tables::is_blank(s));
        let raw_version = tables::cell(row, cols, Col::Version);
        let Some(version) = tables::version(&raw_version) else {
            warnings.push(Warning::new(
                WarnKind::Unreadable,
                Some(row.loc),
                Some("history"),
                format!("amendment row with no version number (“{}”) left out", raw_version),
            ));
            continue;
        };
        let date = dates::read(&tables::cell(row, cols, Col::Date), row.loc, "history.date", true, warnings);
        let review = tables::cell(row, cols, Col::ReviewDate);
        let review_date = dates::read(&review, row.loc, "history.review_date", false, warnings);
        out.push(Entry {
            version,
            date,
            changed: text(Col::Changed),
            description: text(Col::Description),
            review_date,
            by: text(Col::By),
            loc: row.loc,
        });
    }
    out
}

/// Tables listed newest first are turned round (by version number).
fn oldest_first(mut entries: Vec<Entry>) -> Vec<Entry> {
    let v = |e: &Entry| crate::model::Version::parse(&e.version).ok();
    if let (Some(first), Some(last)) = (entries.first().and_then(v), entries.last().and_then(v)) {
        if first > last {
            entries.reverse();
        }
    }
    entries
}
