//! Library-wide pages: the role matrix and a page per role, the EIA
//! register, and the glossary.

use super::body_html::{BodyHtml, GlossaryMarker};
use super::views::{self, DocSummary};
use crate::model::{Document, ImpactKind, CHARACTERISTICS};
use crate::publish::Publication;
use crate::resolve::DocIndex;
use serde::Serialize;

#[derive(Serialize)]
pub struct MatrixDoc {
    id: String,
    title: String,
    url: String,
}

#[derive(Serialize)]
pub struct MatrixRow {
    id: String,
    title: String,
    url: String,
    description: Option<String>,
    /// One cell per document column.
    cells: Vec<Cell>,
    sections: usize,
}

/// A role in a document: a link to its first section there, if it has any.
#[derive(Serialize)]
pub struct Cell {
    doc_id: String,
    doc_title: String,
    href: Option<String>,
    sections: usize,
}

#[derive(Serialize)]
pub struct Matrix {
    docs: Vec<MatrixDoc>,
    rows: Vec<MatrixRow>,
}

/// The published documents that have role sections, in id order.
fn docs_with_roles<'a>(site: &'a Publication) -> Vec<(DocIndex, &'a Document)> {
    site.listed().filter(|(_, d)| d.body.sections.iter().any(|s| s.role.is_some())).collect()
}

pub use crate::publish::role_url;

pub fn matrix(site: &Publication) -> Matrix {
    let docs = docs_with_roles(site);
    let rows = site
        .roles()
        .into_iter()
        .map(|role| {
            let cells: Vec<Cell> = docs
                .iter()
                .map(|(i, d)| {
                    let anchors: Vec<&str> = d
                        .body
                        .sections
                        .iter()
                        .filter(|s| s.role.as_deref() == Some(role.id.as_str()))
                        .map(|s| s.anchor.as_str())
                        .collect();
                    Cell {
                        doc_id: d.id().map(|x| x.to_string()).unwrap_or_default(),
                        doc_title: d.title().to_string(),
                        href: anchors.first().map(|a| format!("{}#{a}", site.url_of[i])),
                        sections: anchors.len(),
                    }
                })
                .collect();
            MatrixRow {
                id: role.id.clone(),
                title: role.title.clone(),
                url: role_url(&role.id),
                description: role.description.clone(),
                sections: cells.iter().map(|c| c.sections).sum(),
                cells,
            }
        })
        .collect();
    let docs = docs
        .iter()
        .map(|(i, d)| MatrixDoc {
            id: d.id().map(|i| i.to_string()).unwrap_or_default(),
            title: d.title().to_string(),
            url: site.url_of[i].clone(),
        })
        .collect();
    Matrix { docs, rows }
}

#[derive(Serialize)]
pub struct RoleSection {
    doc: DocSummary,
    label: String,
    anchor: String,
    /// Where this section is on the role's page (`publish::role_section_anchor`).
    page_anchor: String,
    html: String,
}

/// A role's contact as its page shows it: every text escaped by the
/// template; the e-mail as a `mailto:` link, the page as a link (an http,
/// https or relative address, relative to the site's root).
#[derive(Serialize)]
pub struct ContactView {
    name: Option<String>,
    phone: Option<String>,
    email: Option<String>,
    mailto: Option<String>,
    url: Option<String>,
    href: Option<String>,
    note: Option<String>,
}

/// The contact a role's page shows, if the site shows one (never in the
/// public copy).
pub fn role_contact(site: &Publication, role: &crate::config::Role, root: &str) -> Option<ContactView> {
    let c = site.role_contact(role)?;
    let href = c.url.as_ref().map(|u| match u.kind() {
        crate::model::UrlKind::Relative if !u.as_str().starts_with(['/', '#', '?']) => format!("{root}{}", u.as_str()),
        _ => u.as_str().to_string(),
    });
    Some(ContactView {
        name: c.name.clone(),
        phone: c.phone.clone(),
        email: c.email.clone(),
        mailto: c.email.as_ref().map(|e| format!("mailto:{e}")),
        url: c.url.as_ref().map(|u| u.as_str().to_string()),
        href,
        note: c.note.clone(),
    })
}

/// Every section of every published document that holds `role_id`'s
/// responsibilities, with its text.
pub fn role_sections(site: &Publication, glossary: &GlossaryMarker, role_id: &str, root: &str) -> Vec<RoleSection> {
    let mut out = Vec::new();
    for (i, doc) in docs_with_roles(site) {
        let url = &site.url_of[&i];
        let href = |link: &crate::model::body::Link| match &link.target {
            // A same-page anchor means the document's page here.
            crate::model::body::Target::Local(a) => Some(format!("{root}{url}#{}", doc.body.anchor(a).unwrap_or(a))),
            _ => site.href(doc, link, root),
        };
        let html = BodyHtml { body: &doc.body, href: &href, site, glossary: Some(glossary) };
        for (n, s) in doc.body.sections.iter().enumerate().filter(|(_, s)| s.role.as_deref() == Some(role_id)) {
            out.push(RoleSection {
                doc: views::summary(site, doc, url),
                label: s.label(),
                anchor: s.anchor.clone(),
                page_anchor: crate::publish::role_section_anchor(doc, &s.anchor),
                html: html.render_section(n),
            });
        }
    }
    out
}

#[derive(Serialize)]
pub struct EiaEntry {
    doc: DocSummary,
    stage: Option<String>,
    date: Option<String>,
    lead_assessor: Option<String>,
    /// Impact per characteristic, in the order of `CHARACTERISTICS` then `other`.
    impacts: Vec<String>,
    negatives: Vec<String>,
    action_plan: Vec<views::ActionRow>,
}

/// An action of an EIA in force that is past its due date and not done.
#[derive(Serialize)]
pub struct OverdueAction {
    doc: DocSummary,
    action: String,
    lead: Option<String>,
    due: String,
    days_overdue: i64,
}

#[derive(Serialize)]
pub struct EiaRegister {
    characteristics: Vec<&'static str>,
    /// Oldest first.
    overdue: Vec<OverdueAction>,
    entries: Vec<EiaEntry>,
    /// Current documents whose type needs an EIA and that have none.
    missing: Vec<DocSummary>,
}

pub fn eia_register(site: &Publication) -> EiaRegister {
    let cfg = &site.lib.config.site;
    let mut entries = Vec::new();
    let mut missing = Vec::new();
    let mut overdue = Vec::new();
    let today = site.lib.today();
    for (i, doc) in site.listed() {
        let summary = views::summary(site, doc, &site.url_of[&i]);
        let Some(eia) = &doc.meta.eia else {
            let needs = doc.meta.doc_type.as_ref().is_some_and(|t| cfg.eia_required_for.contains(&t.value));
            if needs && site.lib.in_force(i) {
                missing.push(summary);
            }
            continue;
        };
        // As Q006: the actions of the assessment in force.
        let late = eia.action_plan.iter().filter(|a| site.lib.in_force(i) && a.is_overdue(today));
        overdue.extend(late.filter_map(|a| {
            let due = a.due?;
            Some(OverdueAction {
                doc: views::summary(site, doc, &site.url_of[&i]),
                action: a.action.clone(),
                lead: a.lead.clone(),
                due: due.to_string(),
                days_overdue: due.days_until(today),
            })
        }));
        let impacts = eia.impacts.as_ref().map(|i| i.value.as_slice()).unwrap_or_default();
        let kind_of = |key: &str| impacts.iter().find(|i| i.characteristic == key).map(|i| i.kind);
        let view = views::eia(eia);
        entries.push(EiaEntry {
            doc: summary,
            stage: view.stage,
            date: view.date,
            lead_assessor: view.lead_assessor,
            impacts: CHARACTERISTICS
                .iter()
                .map(|(k, _)| k)
                .chain(["other"].iter())
                .map(|k| kind_name(kind_of(k)))
                .collect(),
            negatives: impacts
                .iter()
                .filter(|i| i.kind == ImpactKind::Negative)
                .map(|i| crate::text::capitalise(&i.characteristic.replace('_', " ")))
                .collect(),
            action_plan: view.action_plan,
        });
    }
    entries.sort_by_key(|e| (e.negatives.is_empty(), e.doc.id.clone()));
    let mut characteristics: Vec<&'static str> = CHARACTERISTICS.iter().map(|(_, l)| *l).collect();
    characteristics.push("Other");
    overdue.sort_by_key(|a| (std::cmp::Reverse(a.days_overdue), a.doc.id.clone()));
    EiaRegister { characteristics, overdue, entries, missing }
}

fn kind_name(kind: Option<ImpactKind>) -> String {
    match kind {
        Some(ImpactKind::Positive) => "Positive",
        Some(ImpactKind::Negative) => "Negative",
        Some(ImpactKind::Neutral) => "Neutral",
        None => "Not assessed",
    }
    .to_string()
}
