//! The governance team's pages: checks and reviews. Built from the same
//! diagnostics `check` prints (the references page is in `references.rs`).

use super::views::{summary, DocSummary};
use crate::diag::{fold, Diagnostic, Folded, Severity};
use crate::model::{DocId, Document, ReviewState};
use crate::publish::{addresses, Publication};
use crate::resolve::DocIndex;
use serde::Serialize;
use std::collections::{BTreeMap, HashMap};

#[derive(Debug, Serialize)]
pub struct CheckItem {
    code: &'static str,
    what: &'static str,
    severity: &'static str,
    line: u32,
    column: u32,
    message: String,
    /// Shared, not copied, where it is fixed text (most are).
    help: Option<std::borrow::Cow<'static, str>>,
    /// "3 places: lines 12, 40, 77" when the problem repeats.
    places: Option<String>,
    /// The section of the document page the finding is about, from the root.
    link: Option<String>,
    /// It stops the version in preparation being ratified.
    blocks_ratification: bool,
}

#[derive(Debug, Serialize)]
pub struct DocChecks {
    /// The group's anchor on the checks page, which document pages link to.
    anchor: String,
    id: Option<String>,
    title: String,
    file: String,
    url: Option<String>,
    errors: usize,
    warnings: usize,
    notes: usize,
    items: Vec<CheckItem>,
}

/// Diagnostics grouped by file (so by document), errors first within each,
/// the repeats of one problem folded into one item that names every place.
pub fn checks(site: &Publication, diags: &[Diagnostic]) -> Vec<DocChecks> {
    let by_file: HashMap<&str, DocIndex> = site.lib.iter().map(|(i, d)| (d.file.display.as_str(), i)).collect();
    let shown = ShownPaths::of(site);
    let mut groups: BTreeMap<Option<&str>, Vec<&Diagnostic>> = BTreeMap::new();
    for d in diags {
        groups.entry(d.file.as_deref()).or_default().push(d);
    }
    let mut out: Vec<DocChecks> = groups
        .into_iter()
        .map(|(file, mut ds)| {
            ds.sort_by_key(|d| (d.severity, d.line, d.column));
            let doc = file.and_then(|f| by_file.get(f)).map(|&i| (i, site.lib.doc(i)));
            let url = doc.and_then(|(i, _)| site.url_of.get(&i).cloned());
            let count = |s| ds.iter().filter(|d| d.severity == s).count();
            // The anchor is the one a document's page links to, from its file as loaded.
            let anchor = addresses::checks_anchor(file);
            let file = file.map_or_else(|| "(the content folder)".to_string(), |f| shown.shown(f));
            DocChecks {
                anchor,
                id: doc.and_then(|(_, d)| d.id()).map(DocId::to_string),
                title: doc.map_or_else(|| file.clone(), |(_, d)| d.title().to_string()),
                errors: count(Severity::Error),
                warnings: count(Severity::Warning),
                notes: count(Severity::Note),
                items: fold(ds).iter().map(|f| item(f, doc.map(|(_, d)| &**d), url.as_deref())).collect(),
                url,
                file,
            }
        })
        .collect();
    out.sort_by_key(|g| (g.errors == 0, g.warnings == 0, g.id.clone()));
    out
}

/// A file as the checks page names it: from the content folder's own name
/// (`content/documents/a.md`), however the folder was given to the command.
struct ShownPaths {
    given: String,
    name: String,
}

impl ShownPaths {
    /// The folder is resolved once, not once for each of 10,000 files.
    fn of(site: &Publication) -> ShownPaths {
        let given = crate::load::display_path(&site.lib.dir);
        let name = crate::output::guard::canonical(&site.lib.dir)
            .ok()
            .and_then(|d| d.file_name().map(|n| n.to_string_lossy().to_string()))
            .unwrap_or_else(|| given.clone());
        ShownPaths { given, name }
    }

    fn shown(&self, file: &str) -> String {
        match file.strip_prefix(&self.given).and_then(|rest| rest.strip_prefix('/')) {
            Some(rest) => format!("{}/{rest}", self.name),
            None => file.to_string(),
        }
    }
}

fn item(f: &Folded, doc: Option<&Document>, url: Option<&str>) -> CheckItem {
    let d = f.first;
    CheckItem {
        code: d.code.as_str(),
        what: d.code.what(),
        severity: d.severity.as_str(),
        line: d.line,
        column: d.column,
        message: d.message.clone(),
        help: d.help.clone(),
        places: f.places_text(),
        link: url.zip(doc).map(|(u, doc)| format!("{u}#{}", section_of(doc, d))),
        blocks_ratification: d.blocks_ratification,
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
            // The same rule as the calendars and `trustdocs reviews`.
            for (i, doc, _) in crate::records::reviews::in_force(site, soon).filter(|(_, _, s)| states.contains(s)) {
                by_dir.entry(doc.directorate_label().to_string()).or_default().push(summary(
                    site,
                    doc,
                    &site.url_of[&i],
                ));
            }
            by_dir.values_mut().for_each(|v| v.sort_by(|a, b| a.review_iso.cmp(&b.review_iso)));
            let count = by_dir.values().map(Vec::len).sum();
            ReviewGroup { title, state, directorates: by_dir.into_iter().collect(), count }
        })
        .collect()
}
