//! The page of a document version: what its template sees, from the
//! views shared with other pages (views.rs) and the addresses the
//! publication planned for it and its comparisons.

use super::body_html::{BodyHtml, GlossaryMarker};
use super::views::{eia, history, related, summary, DocSummary, EiaView, HistoryRow, RelatedView};
use crate::compare::{Fact, FactKey};
use crate::model::timeline::{End, Span, Standing};
use crate::model::*;
use crate::publish::{addresses, ChangesPage, DocPage, Publication};
use crate::resolve::DocIndex;
use crate::text::capitalise;
use serde::Serialize;
use std::borrow::Cow;

#[derive(Serialize)]
pub struct Row {
    pub label: Cow<'static, str>,
    pub value: String,
    /// A link for the value (the contact's `mailto:`), through the allow-list.
    pub href: Option<String>,
}

#[derive(Serialize)]
pub struct Banner {
    /// `ratified`, `draft`, `superseded`, `withdrawn`, `overdue`, `due-soon`.
    pub kind: &'static str,
    pub title: String,
    pub text: String,
}

#[derive(Serialize)]
pub struct TocEntry {
    pub level: u8,
    pub label: String,
    pub anchor: String,
}

#[derive(Serialize)]
pub struct VersionLink {
    pub version: String,
    pub status: &'static str,
    pub url: String,
    pub this: bool,
    /// What changed in this version: its comparison page.
    pub changes_url: Option<String>,
    pub changes_from: Option<String>,
}

#[derive(Serialize)]
pub struct RoleSection {
    pub role: String,
    pub anchor: String,
    pub label: String,
}

#[derive(Serialize)]
pub struct DocumentView {
    pub doc: DocSummary,
    pub banner: Banner,
    /// What a reader needs first: status, version, review date, owner.
    pub facts: Vec<Row>,
    pub control: Vec<Row>,
    pub toc: Vec<TocEntry>,
    pub body_html: String,
    pub roles: Vec<RoleSection>,
    pub related: Vec<RelatedView>,
    pub references: Vec<ExternalRef>,
    pub history: Vec<HistoryRow>,
    pub eia: Option<EiaView>,
    pub versions: Vec<VersionLink>,
    /// Every version on record with its time in force (`timeline.rs`).
    pub timeline: Vec<super::timeline::TimelineRow>,
    pub current_url: Option<String>,
    pub is_draft: bool,
    /// The PDF of this version, relative to the site root.
    pub pdf_url: Option<String>,
    /// What the next version changed, for the banner of a superseded one.
    pub changes_next: Option<ChangesLink>,
    /// On the intranet, for a version in force or in preparation that the
    /// checks found errors in: a notice for the governance team.
    pub findings: Option<Findings>,
    /// On the intranet, for a version the records manager decided to keep
    /// after its retention period: who decided it and when.
    pub kept: Option<String>,
    /// On the intranet only: who was consulted on the version and what
    /// they said.
    pub consultation: Option<ConsultationView>,
    /// On the intranet only, on the page of a version in force that staff
    /// must confirm: "Confirm you have read version N" and the form's
    /// address for this version.
    pub acknowledge: Option<crate::acknowledge::PageLink>,
}

/// The consultation as the page's folded table shows it.
#[derive(Serialize)]
pub struct ConsultationView {
    pub deadline: Option<String>,
    pub rows: Vec<ConsulteeRow>,
}

#[derive(Serialize)]
pub struct ConsulteeRow {
    pub who: String,
    pub group: Option<String>,
    pub method: Option<String>,
    pub sent: Option<String>,
    /// What they said; `None` when nothing is recorded yet.
    pub response: Option<String>,
    pub changes: Option<String>,
}

/// How many errors the checks found in a version, and where they are listed.
#[derive(Serialize)]
pub struct Findings {
    pub errors: usize,
    /// The version's findings on the checks page, relative to the site root.
    pub url: String,
}

pub fn document(site: &Publication, glossary: &GlossaryMarker, page: &DocPage, root: &str) -> DocumentView {
    let (doc_index, url) = (page.doc, page.url.as_str());
    let doc = site.lib.doc(doc_index);
    let config = &site.lib.config;
    let href = |link: &crate::model::body::Link| site.href(doc, link, root);
    let role_title = |id: &str| config.role(id).map(|r| r.title.clone());
    let body_html = BodyHtml { body: &doc.body, href: &href, site, glossary: Some(glossary) }.render();
    // Only a version in force is "the current version" a banner sends readers to.
    let current_url = doc
        .id()
        .and_then(|id| site.main_of.get(id))
        .filter(|&&m| m != doc_index && site.lib.in_force(m))
        .map(|m| site.url_of[m].clone());
    DocumentView {
        doc: summary(site, doc, url),
        banner: banner(site, doc, doc_index, current_url.is_some()),
        facts: key_facts(site, doc),
        control: control_sheet(site, doc),
        toc: doc
            .body
            .sections
            .iter()
            .filter(|s| (2..=4).contains(&s.level))
            .map(|s| TocEntry { level: s.level, label: s.label(), anchor: s.anchor.clone() })
            .collect(),
        body_html,
        roles: doc
            .body
            .sections
            .iter()
            .filter_map(|s| {
                s.role.as_ref().map(|r| RoleSection {
                    role: role_title(r).unwrap_or_else(|| r.clone()),
                    anchor: s.anchor.clone(),
                    label: s.label(),
                })
            })
            .collect(),
        related: doc
            .meta
            .related
            .iter()
            .filter(|r| !site.opts.public || site.main_of.contains_key(&r.value))
            .map(|r| related(site, &r.value))
            .collect(),
        references: doc.meta.references.iter().map(|r| r.value.clone()).collect(),
        history: link_history(site, doc_index, history(doc)),
        eia: doc.meta.eia.as_ref().map(eia),
        versions: versions(site, doc, doc_index),
        timeline: super::timeline::rows(site, doc_index),
        current_url,
        is_draft: doc.status().is_some_and(Status::is_draft),
        pdf_url: site.opts.pdf.then(|| page.pdf.clone()),
        changes_next: link(site, site.changes.out_of_version(doc_index)),
        findings: findings(site, doc, doc_index),
        kept: kept(site, doc),
        consultation: consultation(site, doc),
        acknowledge: crate::acknowledge::page_link(site.lib, doc_index).filter(|_| site.shows_acknowledgement()),
    }
}

pub(super) fn consultation(site: &Publication, doc: &Document) -> Option<ConsultationView> {
    let c = &doc.meta.consultation.as_ref().filter(|_| site.shows_consultation())?.value;
    let row = |p: &Consultee| ConsulteeRow {
        who: p.who.clone(),
        group: p.group.clone(),
        method: p.method.clone(),
        sent: p.sent.map(|d| d.to_string()),
        response: p.response.clone(),
        changes: p.changes.clone(),
    };
    Some(ConsultationView {
        deadline: c.deadline.as_ref().map(|d| d.value.to_string()),
        rows: c.consulted.iter().map(|p| row(&p.value)).collect(),
    })
}

fn kept(site: &Publication, doc: &Document) -> Option<String> {
    let decided = crate::records::retention::decision(site.lib, doc.id()?, doc.version()?)?;
    let keep = decided.decision == crate::lock::retention::Decision::Keep && !site.opts.public;
    keep.then(|| format!("This version is kept for the archive (decided on {} by {}).", decided.date, decided.by))
}

fn findings(site: &Publication, doc: &Document, index: DocIndex) -> Option<Findings> {
    let errors = *site.errors.get(&index)?;
    let shown = !site.opts.public && doc.status().is_some_and(Status::is_current);
    shown.then(|| Findings { errors, url: addresses::checks_of(&doc.file.display) })
}

/// What the top of the page says about the version, from where the
/// timeline puts it on the site's day; the status field only tells a
/// draft from a consultation.
fn banner(site: &Publication, doc: &Document, index: DocIndex, has_current: bool) -> Banner {
    let (kind, title, text) = match site.lib.standing(index) {
        Standing::Unratified => {
            let what = match doc.status() {
                Some(Status::Consultation) => "draft out for consultation",
                _ => "draft",
            };
            ("draft", "DRAFT".to_string(), format!("This is a {what} and is not in force. Do not follow it as policy."))
        }
        Standing::Upcoming(from) => {
            ("upcoming", format!("Comes into force on {from}"), upcoming_text(doc, has_current))
        }
        Standing::InForce => in_force(site, doc),
        Standing::Ended(_, End::Withdrawn) => ("withdrawn", "Withdrawn".to_string(), withdrawn_text(doc)),
        Standing::Ended(_, End::Succeeded(_) | End::Replaced(_)) | Standing::Never => {
            ("superseded", "Superseded".to_string(), superseded_text(has_current))
        }
    };
    Banner { kind, title, text }
}

fn in_force(site: &Publication, doc: &Document) -> (&'static str, String, String) {
    let review = doc.meta.effective_review_date().map(|d| d.to_string()).unwrap_or_default();
    match doc.review_state(site.lib.today(), site.lib.config.site.due_soon_days) {
        ReviewState::Overdue if site.opts.public => {
            ("ratified", "Ratified".to_string(), site.lib.config.site.public_review_notice().to_string())
        }
        ReviewState::Overdue => (
            "overdue",
            "Review date passed".to_string(),
            format!("Ratified, but its review date ({review}) has passed. It stays in force until it is reviewed; check with its author."),
        ),
        ReviewState::DueSoon => ("due-soon", "Ratified: review due soon".to_string(), format!("Current version. Review due {review}.")),
        ReviewState::InDate => ("ratified", "Ratified".to_string(), format!("This is the current version. Next review {review}.")),
        ReviewState::NoDate => ("ratified", "Ratified".to_string(), "This is the current version.".to_string()),
    }
}

fn upcoming_text(doc: &Document, has_current: bool) -> String {
    let ratified = doc
        .meta
        .ratified
        .as_ref()
        .map(|r| format!(" by {} on {}", r.value.by, r.value.date.map(|d| d.to_string()).unwrap_or_default()));
    let until = match has_current {
        true => "Until then, follow the current version.",
        false => "Until then, no version of this document is in force.",
    };
    format!("This version was ratified{} and is not in force yet. {until}", ratified.unwrap_or_default())
}

fn withdrawn_text(doc: &Document) -> String {
    match &doc.meta.withdrawn {
        Some(w) => format!(
            "This document was withdrawn on {} by {}: {} It is kept on record only.",
            w.date,
            w.by,
            sentence(&w.reason)
        ),
        None => "This document has been withdrawn and is kept on record only.".to_string(),
    }
}

fn superseded_text(has_current: bool) -> String {
    if has_current {
        "This version has been replaced and is kept on record only. Follow the current version.".to_string()
    } else {
        "This version has been replaced and is kept on record only.".to_string()
    }
}

/// When a version was, is or will be in force, in a few words.
fn in_force_words(span: &Span<DocIndex>, today: Date) -> String {
    match span.standing_on(today) {
        Standing::Never => "Never: a later version came into force first".to_string(),
        Standing::Upcoming(from) => format!("From {from} (not yet)"),
        Standing::Ended(until, End::Succeeded(v)) => format!("From {}; replaced by version {v} on {until}", span.from),
        Standing::Ended(until, End::Withdrawn) => format!("From {}; withdrawn on {until}", span.from),
        Standing::Ended(until, End::Replaced(by)) => format!("From {}; replaced by {by} on {until}", span.from),
        Standing::InForce | Standing::Unratified => format!("Since {}", span.from),
    }
}

/// `text` ending with a full stop.
fn sentence(text: &str) -> String {
    match text.ends_with(['.', '!', '?']) {
        true => text.to_string(),
        false => format!("{text}."),
    }
}

/// The facts a page shows first, above the folded control sheet: status,
/// version, review date and owner (in the public copy, the owner's job
/// title only, as in the control sheet).
pub fn key_facts(site: &Publication, doc: &Document) -> Vec<Row> {
    let row = |label: &'static str, value: Option<String>| Row {
        label: label.into(),
        value: value.unwrap_or_else(|| "Not given".into()),
        href: None,
    };
    vec![
        row("Status", doc.status().map(|s| capitalise(s.as_str()))),
        row("Version", doc.version().map(|v| v.to_string())),
        row(
            "In force",
            Some(
                site.lib
                    .span_of(doc)
                    .map_or_else(|| "No: not ratified".into(), |s| in_force_words(s, site.lib.today())),
            ),
        ),
        row("Review date", site.review_date_shown(doc)),
        row("Owner", site.author(doc, ", ")),
    ]
}

/// The document control sheet (`compare::control_sheet`), the contact
/// linked by `mailto:` when the address passes the allow-list.
pub fn control_sheet(site: &Publication, doc: &Document) -> Vec<Row> {
    let contact = |f: &Fact| {
        let mailto = || crate::model::url::allow(&format!("mailto:{}", f.value)).ok();
        (f.key == FactKey::Contact).then(mailto).flatten().map(|u| u.as_str().to_string())
    };
    crate::compare::control_sheet(site, doc)
        .into_iter()
        .map(|f| Row { href: contact(&f), label: f.label, value: f.value })
        .collect()
}

/// The published versions never ratified (drafts, consultations): those
/// the version timeline, which holds the versions on record, leaves out.
fn versions(site: &Publication, doc: &Document, this: DocIndex) -> Vec<VersionLink> {
    let Some(id) = doc.id() else {
        return Vec::new();
    };
    let Some(v) = site.lib.by_id().get(id) else {
        return Vec::new();
    };
    v.all
        .iter()
        .rev()
        .filter(|&&i| site.lib.span(i).is_none())
        .filter_map(|&i| {
            let url = site.url_of.get(&i)?;
            let d = site.lib.doc(i);
            let changes = link(site, site.changes.into_version(i));
            Some(VersionLink {
                version: d.version().map_or_else(String::new, |v| v.to_string()),
                status: d.status().map_or("unknown", Status::as_str),
                url: url.clone(),
                this: i == this,
                changes_url: changes.as_ref().map(|c| c.url.clone()),
                changes_from: changes.map(|c| c.from),
            })
        })
        .collect()
}

/// A link to a comparison page, for the pages of its versions.
#[derive(Clone, Debug, Serialize)]
pub struct ChangesLink {
    pub from: String,
    pub to: String,
    pub url: String,
}

fn link(site: &Publication, page: Option<&ChangesPage>) -> Option<ChangesLink> {
    let page = page?;
    let v = |i: DocIndex| site.lib.doc(i).version().map_or_else(String::new, |v| v.to_string());
    Some(ChangesLink { from: v(page.from), to: v(page.to), url: page.url.clone() })
}

/// Links each amendment history row to the comparison page of the version it records.
fn link_history(site: &Publication, doc: DocIndex, mut rows: Vec<HistoryRow>) -> Vec<HistoryRow> {
    let Some(versions) = site.lib.doc(doc).id().and_then(|id| site.lib.by_id().get(id)) else { return rows };
    for row in &mut rows {
        let Ok(v) = crate::model::Version::parse(&row.version) else { continue };
        let version = versions.all.iter().copied().find(|&i| site.lib.doc(i).version() == Some(&v));
        row.changes_url = version.and_then(|i| site.changes.into_version(i)).map(|p| p.url.clone());
    }
    rows
}
