//! The committee's paper (`trustdocs pack`): its data for the typst
//! template `pdf/pack.typ` (docs/pdf-data.md, "Committee papers"). The
//! paper is dated the day it is made; its findings are the same the
//! readiness check gives `check` and `ratify`, grouped by problem and
//! placed by section, the way a committee reads a document.

use super::pdf_data;
use super::pdf_job::{self, Job};
use super::redline;
use crate::diag::{fold, Diagnostic, Folded};
use crate::model::Document;
use crate::publish::{ChangesPage, Publication};
use serde_json::{json, Value};

/// The committee's paper for version `page.to`, in preparation, against
/// the current version `page.from`: a cover sheet, what stops it being
/// ratified and the other findings, the redline, then the proposed
/// document in full. `findings` are the checks' findings in its file.
pub fn job(site: &Publication, page: &ChangesPage, findings: &[&Diagnostic]) -> Job {
    let (lib, to) = (site.lib, site.lib.doc(page.to));
    let mut pack = redline::data(site, page);
    pack["date"] = json!(lib.today().to_string());
    pack["cover"] = cover(to);
    pack["route"] = route(site, to);
    pack["consultation"] = serde_json::to_value(super::document::consultation(site, to)).expect("serialises");
    let (blocking, other): (Vec<&Diagnostic>, Vec<&Diagnostic>) =
        findings.iter().copied().partition(|d| d.blocks_ratification);
    pack["readiness"] = json!({ "count": blocking.len(), "groups": groups(to, blocking) });
    pack["findings"] = json!({ "count": other.len(), "groups": groups(to, other) });
    let mut job = redline::job(site, page);
    job.label = format!("committee paper for {}", job.label.trim_start_matches("changes to "));
    job.key = "pack".to_string();
    job.main = "pack.typ";
    job.templates = &["pack.typ", "redline.typ", "document.typ"];
    job.extra = vec![("pack.json".to_string(), serde_json::to_vec_pretty(&pack).expect("PDF data serialises"))];
    job.data = serde_json::to_vec_pretty(&pdf_data::data(site, page.to)).expect("PDF data serialises");
    job.images = pdf_job::images(site, page.to);
    job.timestamp = pdf_job::timestamp_of(lib.today());
    job
}

/// The findings folded by problem, each with where it occurs in words.
fn groups(doc: &Document, findings: Vec<&Diagnostic>) -> Vec<Value> {
    fold(findings)
        .iter()
        .map(|f| {
            let d = f.first;
            json!({
                "code": d.code.as_str(),
                "severity": d.severity,
                "message": d.message,
                "help": d.help,
                "count": f.places.len(),
                "where": places(doc, f),
            })
        })
        .collect()
}

/// Where a problem occurs, as the committee reads the document: "sections
/// 2, 5.1 (3 times); the front sheet", numbered sections by number only.
fn places(doc: &Document, f: &Folded) -> String {
    let mut named: Vec<(Place, usize)> = Vec::new();
    for pos in &f.places {
        let place = place_of(doc, pos.line);
        match named.iter_mut().find(|(p, _)| *p == place) {
            Some((_, n)) => *n += 1,
            None => named.push((place, 1)),
        }
    }
    // "4 places: the references", not "the references (4 times)".
    let single = named.len() == 1;
    let times = |n: usize| if n > 1 && !single { format!(" ({n} times)") } else { String::new() };
    let numbers: Vec<String> = named
        .iter()
        .filter_map(|(p, n)| match p {
            Place::Numbered(number) => Some(format!("{number}{}", times(*n))),
            Place::Named(_) => None,
        })
        .collect();
    let mut shown = match numbers.len() {
        0 => Vec::new(),
        1 => vec![format!("section {}", numbers[0])],
        _ => vec![format!("sections {}", numbers.join(", "))],
    };
    shown.extend(named.iter().filter_map(|(p, n)| match p {
        Place::Named(name) => Some(format!("{name}{}", times(*n))),
        Place::Numbered(_) => None,
    }));
    shown.join("; ")
}

#[derive(PartialEq)]
enum Place {
    /// A numbered section, by its number.
    Numbered(String),
    /// Any other part: "section “Scope”", "the amendment history".
    Named(String),
}

/// Where line `line` of the document's file is, as its reader knows it.
fn place_of(doc: &Document, line: u32) -> Place {
    if line >= doc.body.first_line {
        return match doc.body.section_at(line) {
            Some(s) => match &s.number {
                Some(n) => Place::Numbered(n.clone()),
                None => Place::Named(format!("section “{}”", s.text)),
            },
            None => Place::Named("the opening text".to_string()),
        };
    }
    Place::Named(front_matter_part(doc, line).to_string())
}

/// The part of the front matter line `line` is in: the nearest key above it
/// whose position the model keeps.
fn front_matter_part(doc: &Document, line: u32) -> &'static str {
    let m = &doc.meta;
    let parts = [
        (m.history.as_ref().map(|h| h.pos), "the amendment history"),
        (m.eia.as_ref().map(|e| e.pos), "the equality impact assessment"),
        (m.references.first().map(|r| r.pos), "the references"),
        (m.related.first().map(|r| r.pos), "the related documents"),
    ];
    let front_sheet = [
        m.status.as_ref().map(|s| s.pos),
        m.title.as_ref().map(|t| t.pos),
        m.version.as_ref().map(|v| v.pos),
        m.directorate.as_ref().map(|d| d.pos),
        m.ratified.as_ref().map(|r| r.pos),
        m.review_date.as_ref().map(|r| r.pos),
        m.effective.as_ref().map(|e| e.pos),
    ]
    .map(|p| (p, "the front sheet"));
    parts
        .into_iter()
        .chain(front_sheet)
        .filter_map(|(p, name)| Some((p?, name)))
        .filter(|(p, _)| p.line <= line)
        .max_by_key(|(p, _)| p.line)
        .map_or("the front sheet", |(_, name)| name)
}

/// The approval route of the version's type, each step with what is
/// recorded of it; without a route, the approvals recorded anyway.
fn route(site: &Publication, doc: &Document) -> Value {
    let m = &doc.meta;
    let recorded = &m.approvals;
    let step = |committee: &str, ratifies: bool| {
        let done = recorded.iter().find(|a| crate::model::same_committee(&a.value.by, committee));
        json!({
            "committee": committee,
            "ratifies": ratifies,
            "approved": done.map(|a| a.value.date.to_string()),
            "minute": done.and_then(|a| a.value.minute.clone()),
        })
    };
    let t = m.doc_type.as_ref().map(|t| t.value.as_str()).unwrap_or_default();
    match site.lib.config.site.approval_route(t) {
        Some(r) => json!({
            "ratifier": r.ratifier(),
            "steps": r.committees.iter().map(|c| step(c, c.as_str() == r.ratifier())).collect::<Vec<_>>(),
        }),
        None => json!({
            "ratifier": null,
            "steps": recorded.iter().map(|a| step(&a.value.by, false)).collect::<Vec<_>>(),
        }),
    }
}

/// The facts a committee reads first.
fn cover(doc: &Document) -> Value {
    let m = &doc.meta;
    let owner = m.author.as_ref().map(|a| match &a.title {
        Some(t) => format!("{}, {t}", a.name),
        None => a.name.clone(),
    });
    json!({
        "owner": owner,
        "directorate": m.directorate.as_ref().map(|d| d.value.clone()),
        "consulted": m.eia.as_ref().map(|e| e.consulted.clone()).unwrap_or_default(),
        "summary": m.summary,
        "eia": m.eia.as_ref().map(eia_summary),
    })
}

fn eia_summary(e: &crate::model::Eia) -> Value {
    let view = super::views::eia(e);
    let count = |kind: &str| view.impacts.iter().filter(|i| i.impact == kind).count();
    let negative: Vec<String> = view
        .impacts
        .iter()
        .filter(|i| i.impact == "Negative")
        .map(|i| match &i.comment {
            Some(c) => format!("{}: {c}", i.characteristic),
            None => i.characteristic.clone(),
        })
        .collect();
    json!({
        "stage": view.stage,
        "date": view.date,
        "lead_assessor": view.lead_assessor,
        "positive": count("Positive"),
        "neutral": count("Neutral"),
        "negative": count("Negative"),
        "negative_impacts": negative,
        "actions": view.action_plan.len(),
    })
}
