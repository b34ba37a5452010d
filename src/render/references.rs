//! The references page and its CSV, for library and knowledge staff: every
//! reference of every published document, one row per place it is cited,
//! with the section it is cited in, grouped by document. References to
//! documents of the library carry what the checks found; external links
//! carry what the last `check --external` found (the cache in the output
//! folder), when there is one.

use crate::diag::{Code, Diagnostic};
use crate::links::Cache;
use crate::model::body::{LinkKind, Target};
use crate::model::{DocId, Document, Pos, Status, Url, UrlKind};
use crate::publish::Publication;
use serde::Serialize;
use std::collections::HashMap;

#[derive(Debug, Serialize)]
pub struct RefGroup {
    id: String,
    title: String,
    url: String,
    checked_by: Option<String>,
    checked_date: Option<String>,
    /// The same date as `2024-06-01`, for spreadsheets.
    checked_iso: Option<String>,
    /// The references check is older than the last amendment.
    check_stale: bool,
    rows: Vec<RefRow>,
    /// Rows that need someone's attention.
    pub problems: usize,
}

#[derive(Clone, Debug, Serialize)]
pub struct RefRow {
    /// `internal` or `external`.
    kind: &'static str,
    target_id: Option<String>,
    title: Option<String>,
    target_url: Option<String>,
    /// Internal: `ok`, or what the checks found; external: empty, or the
    /// unsafe address's refusal.
    status: String,
    publisher: Option<String>,
    year: Option<String>,
    url: Option<String>,
    /// Where it is cited: the section's number and title, "Related
    /// documents" or "References".
    section: String,
    /// The place on the document's page, from the site's root.
    section_link: String,
    line: u32,
    /// `YYYY-MM-DD`: the build's date for a reference to a document of the
    /// library (checked by every build), the last `check --external` for a link.
    last_checked: Option<String>,
    /// Web links: `ok`, `moved`, `error 404`, `does not answer (why)`, or `not checked`.
    link_status: Option<String>,
    /// Where a link that moved for good leads now.
    moved_to: Option<String>,
    /// Shown on the page of references that need attention.
    problem: bool,
}

/// Every reference of every published document, by document.
pub fn references(site: &Publication, diags: &[Diagnostic], links: Option<&Cache>) -> Vec<RefGroup> {
    let mut found: HashMap<(&str, u32, u32), Vec<Code>> = HashMap::new();
    let wanted = [Code::X001, Code::X002, Code::X003, Code::X004, Code::X005];
    for d in diags.iter().filter(|d| wanted.contains(&d.code)) {
        found.entry((d.file.as_deref().unwrap_or(""), d.line, d.column)).or_default().push(d.code);
    }
    let today = site.lib.today().iso();
    let mut groups = Vec::new();
    for (i, doc) in site.listed() {
        let url = site.url_of[&i].clone();
        let place = |pos: Pos, front: Option<(&str, &str)>| place(doc, &url, pos, front);
        let mut rows = Vec::new();
        let texts = doc.body.link_texts();
        for (n, link) in doc.body.links.iter().enumerate() {
            let (section, section_link) = place(link.pos, None);
            let row = match &link.target {
                Target::Doc { id, .. } => {
                    let codes = found.get(&(doc.file.display.as_str(), link.pos.line, link.pos.column));
                    internal(site, id, codes.map_or(&[][..], Vec::as_slice), &today)
                }
                Target::External(u) if u.kind() == UrlKind::Web => external(u.as_str(), texts[n].clone(), links),
                Target::Unsafe(r) if link.kind == LinkKind::Link => {
                    RefRow { title: texts[n].clone().or_else(|| Some(r.written.clone())), ..unsafe_address() }
                }
                _ => continue,
            };
            rows.push(RefRow { section, section_link, line: link.pos.line, ..row });
        }
        for r in &doc.meta.related {
            let codes = found.get(&(doc.file.display.as_str(), r.pos.line, r.pos.column));
            let (section, section_link) = place(r.pos, Some(("Related documents", "td-related")));
            let row = internal(site, &r.value, codes.map_or(&[][..], Vec::as_slice), &today);
            rows.push(RefRow { section, section_link, line: r.pos.line, ..row });
        }
        for r in &doc.meta.references {
            let (section, section_link) = place(r.pos, Some(("References", "td-references")));
            let row = match r.url.as_ref().map(|u| &u.value) {
                Some(Url::Safe(u)) if u.kind() == UrlKind::Web => external(u.as_str(), None, links),
                Some(Url::Safe(u)) => RefRow { url: Some(u.as_str().to_string()), ..blank("external") },
                Some(Url::Refused(_)) => unsafe_address(),
                None => blank("external"),
            };
            rows.push(RefRow {
                title: Some(r.title.clone()),
                publisher: r.publisher.clone(),
                year: r.year.clone(),
                section,
                section_link,
                line: r.pos.line,
                ..row
            });
        }
        if rows.is_empty() {
            continue;
        }
        let checked = doc.meta.references_checked.as_ref();
        groups.push(RefGroup {
            id: doc.id().map(DocId::to_string).unwrap_or_default(),
            title: doc.title().to_string(),
            url,
            checked_by: checked.map(|c| c.by.clone()),
            checked_date: checked.and_then(|c| c.date).map(|d| d.to_string()),
            checked_iso: checked.and_then(|c| c.date).map(|d| d.iso()),
            check_stale: check_stale(doc),
            problems: rows.iter().filter(|r| r.problem).count(),
            rows,
        });
    }
    groups
}

/// How many references there are, and how many need attention.
#[derive(Clone, Copy, Debug, Serialize)]
pub struct Counts {
    all: usize,
    problems: usize,
}

pub fn counts(groups: &[RefGroup]) -> Counts {
    Counts { all: groups.iter().map(|g| g.rows.len()).sum(), problems: groups.iter().map(|g| g.problems).sum() }
}

impl RefGroup {
    /// The group with only the rows that need attention, for the filtered page.
    pub fn only_problems(&self) -> RefGroup {
        RefGroup {
            id: self.id.clone(),
            title: self.title.clone(),
            url: self.url.clone(),
            checked_by: self.checked_by.clone(),
            checked_date: self.checked_date.clone(),
            checked_iso: self.checked_iso.clone(),
            check_stale: self.check_stale,
            rows: self.rows.iter().filter(|r| r.problem).cloned().collect(),
            problems: self.problems,
        }
    }
}

/// The section a place in the file is in, and its link on the page: the
/// body's section around it, or `front` (a label and an anchor of the
/// page) for a place in the front matter.
fn place(doc: &Document, url: &str, pos: Pos, front: Option<(&str, &str)>) -> (String, String) {
    if let Some((label, anchor)) = front {
        return (label.to_string(), format!("{url}#{anchor}"));
    }
    match doc.body.sections.iter().rev().find(|s| s.pos.line <= pos.line) {
        Some(s) => (s.label(), format!("{url}#{}", s.anchor)),
        None => ("Before the first section".into(), url.to_string()),
    }
}

fn blank(kind: &'static str) -> RefRow {
    RefRow {
        kind,
        target_id: None,
        title: None,
        target_url: None,
        status: String::new(),
        publisher: None,
        year: None,
        url: None,
        section: String::new(),
        section_link: String::new(),
        line: 0,
        last_checked: None,
        link_status: None,
        moved_to: None,
        problem: false,
    }
}

fn internal(site: &Publication, id: &DocId, codes: &[Code], today: &str) -> RefRow {
    let target = site.lib.target(id);
    let status = status(codes, target);
    RefRow {
        target_id: Some(id.to_string()),
        title: target.map(|t| t.title().to_string()),
        target_url: site.main_of.get(id).map(|m| site.url_of[m].clone()),
        problem: status != "ok",
        status,
        last_checked: Some(today.to_string()),
        ..blank("internal")
    }
}

fn external(url: &str, title: Option<String>, links: Option<&Cache>) -> RefRow {
    let entry = links.and_then(|c| c.links.get(url));
    let outcome = entry.map(|e| &e.outcome);
    RefRow {
        title: title.or_else(|| Some(url.to_string())),
        url: Some(url.to_string()),
        last_checked: entry.map(|e| e.checked.clone()),
        link_status: Some(outcome.map_or_else(|| "not checked".into(), |o| o.link_status())),
        moved_to: match outcome {
            Some(crate::links::Outcome::Moved { to }) => Some(to.clone()),
            _ => None,
        },
        problem: outcome.is_some_and(|o| o.is_broken() || matches!(o, crate::links::Outcome::Moved { .. })),
        ..blank("external")
    }
}

fn unsafe_address() -> RefRow {
    RefRow { status: "unsafe address, not linked (X009)".into(), problem: true, ..blank("external") }
}

fn status(codes: &[Code], target: Option<&Document>) -> String {
    let mut words = Vec::new();
    for c in codes {
        words.push(match c {
            Code::X001 => "not in this library",
            Code::X002 => "section not found",
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

/// The references as CSV, one row per reference and place, for library
/// staff. New columns are added at the end, so that spreadsheets made from
/// an earlier CSV keep their columns.
pub fn write_csv(groups: &[RefGroup], base_url: &str, out: &mut dyn std::io::Write) -> std::io::Result<()> {
    out.write_all(b"document_id,document_title,kind,target_id,title,status,publisher,year,url,references_checked_by,references_checked_date,check_older_than_last_amendment,section,line,last_checked,link_status\n")?;
    for g in groups {
        for r in &g.rows {
            let target_url = r.target_url.as_ref().map(|u| format!("{base_url}{u}"));
            let line = r.line.to_string();
            let fields = [
                Some(g.id.as_str()),
                Some(g.title.as_str()),
                Some(r.kind),
                r.target_id.as_deref(),
                r.title.as_deref(),
                Some(r.status.as_str()),
                r.publisher.as_deref(),
                r.year.as_deref(),
                r.url.as_deref().or(target_url.as_deref()),
                g.checked_by.as_deref(),
                g.checked_iso.as_deref(),
                Some(if g.check_stale { "yes" } else { "no" }),
                Some(r.section.as_str()),
                Some(line.as_str()),
                r.last_checked.as_deref(),
                r.link_status.as_deref(),
            ];
            let line: Vec<String> = fields.iter().map(|f| crate::records::csv::cell(f.unwrap_or(""))).collect();
            writeln!(out, "{}", line.join(","))?;
        }
    }
    Ok(())
}
