//! The governance team's and library staff's pages: checks, reviews and
//! references (with its CSV). Built from the same diagnostics `check` prints.

use super::views::{summary, DocSummary};
use crate::diag::{Code, Diagnostic, Severity};
use crate::model::body::Target;
use crate::model::{DocId, Document, ReviewState, Status};
use crate::publish::Publication;
use crate::resolve::DocIndex;
use serde::Serialize;
use std::collections::{BTreeMap, HashMap};

#[derive(Serialize)]
pub struct CheckItem {
    code: &'static str,
    what: &'static str,
    severity: &'static str,
    line: u32,
    column: u32,
    message: String,
    help: Option<String>,
    /// The section of the document page the finding is about, from the root.
    link: Option<String>,
}

#[derive(Serialize)]
pub struct DocChecks {
    id: Option<String>,
    title: String,
    file: String,
    url: Option<String>,
    errors: usize,
    warnings: usize,
    notes: usize,
    items: Vec<CheckItem>,
}

/// Diagnostics grouped by file (so by document), errors first within each.
pub fn checks(site: &Publication, diags: &[Diagnostic]) -> Vec<DocChecks> {
    let by_file: HashMap<&str, DocIndex> = site.lib.iter().map(|(i, d)| (d.file.display.as_str(), i)).collect();
    let mut groups: BTreeMap<String, Vec<&Diagnostic>> = BTreeMap::new();
    for d in diags {
        groups.entry(d.file.clone().unwrap_or_else(|| "(the content folder)".into())).or_default().push(d);
    }
    let mut out: Vec<DocChecks> = groups
        .into_iter()
        .map(|(file, mut ds)| {
            ds.sort_by_key(|d| (d.severity, d.line, d.column));
            let doc = by_file.get(file.as_str()).map(|&i| (i, site.lib.doc(i)));
            let url = doc.and_then(|(i, _)| site.url_of.get(&i).cloned());
            let count = |s| ds.iter().filter(|d| d.severity == s).count();
            DocChecks {
                id: doc.and_then(|(_, d)| d.id()).map(DocId::to_string),
                title: doc.map_or_else(|| file.clone(), |(_, d)| d.title().to_string()),
                errors: count(Severity::Error),
                warnings: count(Severity::Warning),
                notes: count(Severity::Note),
                items: ds.iter().map(|d| item(d, doc.map(|(_, d)| &**d), url.as_deref())).collect(),
                url,
                file,
            }
        })
        .collect();
    out.sort_by_key(|g| (g.errors == 0, g.warnings == 0, g.id.clone()));
    out
}

fn item(d: &Diagnostic, doc: Option<&Document>, url: Option<&str>) -> CheckItem {
    CheckItem {
        code: d.code.as_str(),
        what: d.code.what(),
        severity: d.severity.as_str(),
        line: d.line,
        column: d.column,
        message: d.message.clone(),
        help: d.help.clone(),
        link: url.zip(doc).map(|(u, doc)| format!("{u}#{}", section_of(doc, d))),
    }
}

/// The anchor of the part of the page a diagnostic is about.
fn section_of(doc: &Document, d: &Diagnostic) -> String {
    if let Some(s) = doc.body.sections.iter().rev().find(|s| s.pos.line <= d.line) {
        return s.anchor.clone();
    }
    match d.code.as_str().as_bytes()[0] {
        b'H' => "td-history",
        b'Q' => "td-eia",
        b'X' => "td-related",
        _ => "td-control",
    }
    .to_string()
}

#[derive(Serialize)]
pub struct ReviewGroup {
    title: &'static str,
    state: &'static str,
    directorates: Vec<(String, Vec<DocSummary>)>,
    count: usize,
}

/// Current ratified documents by review state, then by directorate.
pub fn reviews(site: &Publication) -> Vec<ReviewGroup> {
    let today = site.opts.today;
    let soon = site.lib.config.site.due_soon_days;
    let groups = [
        ("Review date passed", "overdue", vec![ReviewState::Overdue]),
        ("Due for review soon", "due-soon", vec![ReviewState::DueSoon]),
        ("In date", "in-date", vec![ReviewState::InDate, ReviewState::NoDate]),
    ];
    groups
        .into_iter()
        .map(|(title, state, states)| {
            let mut by_dir: BTreeMap<String, Vec<DocSummary>> = BTreeMap::new();
            for (&i, doc) in site.main_of.values().map(|i| (i, site.lib.doc(*i))) {
                if doc.status() == Some(Status::Ratified) && states.contains(&doc.review_state(today, soon)) {
                    by_dir.entry(doc.directorate_label().to_string()).or_default().push(summary(
                        site,
                        doc,
                        &site.url_of[&i],
                    ));
                }
            }
            by_dir.values_mut().for_each(|v| v.sort_by(|a, b| a.review_iso.cmp(&b.review_iso)));
            let count = by_dir.values().map(Vec::len).sum();
            ReviewGroup { title, state, directorates: by_dir.into_iter().collect(), count }
        })
        .collect()
}

#[derive(Debug, Serialize)]
pub struct RefRow {
    source_id: String,
    source_title: String,
    source_url: String,
    /// `internal` or `external`.
    kind: &'static str,
    target_id: Option<String>,
    title: Option<String>,
    target_url: Option<String>,
    status: String,
    publisher: Option<String>,
    year: Option<String>,
    url: Option<String>,
    checked_by: Option<String>,
    checked_date: Option<String>,
    /// The same date as `2024-06-01`, for spreadsheets.
    checked_iso: Option<String>,
    /// The references check is older than the last amendment.
    check_stale: bool,
}

/// Every reference of every published document.
pub fn references(site: &Publication, diags: &[Diagnostic]) -> Vec<RefRow> {
    let mut found: HashMap<(&str, u32, u32), Vec<Code>> = HashMap::new();
    for d in diags.iter().filter(|d| matches!(d.code, Code::X001 | Code::X003 | Code::X004 | Code::X005)) {
        found.entry((d.file.as_deref().unwrap_or(""), d.line, d.column)).or_default().push(d.code);
    }
    let mut rows = Vec::new();
    for (&i, doc) in site.main_of.values().map(|i| (i, site.lib.doc(*i))) {
        let base = || RefRow {
            source_id: doc.id().map(DocId::to_string).unwrap_or_default(),
            source_title: doc.title().to_string(),
            source_url: site.url_of[&i].clone(),
            kind: "internal",
            target_id: None,
            title: None,
            target_url: None,
            status: String::new(),
            publisher: None,
            year: None,
            url: None,
            checked_by: doc.meta.references_checked.as_ref().map(|c| c.by.clone()),
            checked_date: doc.meta.references_checked.as_ref().and_then(|c| c.date).map(|d| d.to_string()),
            checked_iso: doc.meta.references_checked.as_ref().and_then(|c| c.date).map(|d| d.iso()),
            check_stale: check_stale(doc),
        };
        let internal = doc.body.links.iter().filter_map(|l| match &l.target {
            Target::Doc { id, .. } => Some((id, l.pos)),
            _ => None,
        });
        for (id, pos) in internal.chain(doc.meta.related.iter().map(|r| (&r.value, r.pos))) {
            let codes = found.get(&(doc.file.display.as_str(), pos.line, pos.column)).cloned().unwrap_or_default();
            let target = site.lib.target(id);
            rows.push(RefRow {
                target_id: Some(id.to_string()),
                title: target.map(|t| t.title().to_string()),
                target_url: site.main_of.get(id).map(|m| site.url_of[m].clone()),
                status: status(&codes, target),
                ..base()
            });
        }
        for r in &doc.meta.references {
            let refused = matches!(r.url.as_ref().map(|u| &u.value), Some(crate::model::Url::Refused(_)));
            rows.push(RefRow {
                kind: "external",
                title: Some(r.title.clone()),
                status: if refused { "unsafe address, not linked (X009)".into() } else { String::new() },
                publisher: r.publisher.clone(),
                year: r.year.clone(),
                url: r.url.as_ref().and_then(|u| u.safe()).map(|u| u.as_str().to_string()),
                ..base()
            });
        }
    }
    rows
}

fn status(codes: &[Code], target: Option<&Document>) -> String {
    let mut words = Vec::new();
    for c in codes {
        words.push(match c {
            Code::X001 => "unknown",
            Code::X003 => target.and_then(Document::status).map_or("superseded", Status::as_str),
            Code::X004 => "title mismatch",
            _ => "review passed",
        });
    }
    if words.is_empty() {
        "ok".to_string()
    } else {
        words.join(", ")
    }
}

fn check_stale(doc: &Document) -> bool {
    let checked = doc.meta.references_checked.as_ref().and_then(|c| c.date);
    let amended = doc.meta.history.as_ref().and_then(|h| h.value.iter().map(|e| e.date.value).max());
    matches!((checked, amended), (Some(c), Some(a)) if c < a)
}

/// The references as CSV, one row per reference, for library staff.
pub fn references_csv(rows: &[RefRow], base_url: &str) -> String {
    let mut out = String::from("document_id,document_title,kind,target_id,title,status,publisher,year,url,references_checked_by,references_checked_date,check_older_than_last_amendment\n");
    for r in rows {
        let target_url = r.target_url.as_ref().map(|u| format!("{base_url}{u}"));
        let fields = [
            Some(r.source_id.as_str()),
            Some(r.source_title.as_str()),
            Some(r.kind),
            r.target_id.as_deref(),
            r.title.as_deref(),
            Some(r.status.as_str()),
            r.publisher.as_deref(),
            r.year.as_deref(),
            r.url.as_deref().or(target_url.as_deref()),
            r.checked_by.as_deref(),
            r.checked_iso.as_deref(),
            Some(if r.check_stale { "yes" } else { "no" }),
        ];
        let line: Vec<String> = fields.iter().map(|f| csv_field(f.unwrap_or(""))).collect();
        out.push_str(&line.join(","));
        out.push('\n');
    }
    out
}

fn csv_field(s: &str) -> String {
    // A leading = + - @ would make a spreadsheet run a formula.
    let s = if s.starts_with(['=', '+', '-', '@']) { format!("'{s}") } else { s.to_string() };
    if s.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", s.replace('"', "\"\""))
    } else {
        s
    }
}

#[cfg(test)]
mod tests {
    use super::csv_field;

    #[test]
    fn csv_fields_are_quoted_and_formulas_defused() {
        assert_eq!(csv_field("plain"), "plain");
        assert_eq!(csv_field("a, \"b\""), "\"a, \"\"b\"\"\"");
        assert_eq!(csv_field("=HYPERLINK(\"x\")"), "\"'=HYPERLINK(\"\"x\"\")\"");
    }
}
