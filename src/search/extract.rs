//! What search knows of each published page: its fields as text, its
//! passages, and the facts results show. Read from the library and the
//! site plan, so search finds exactly the pages the build publishes: the
//! document versions; the role pages and glossary terms are in
//! `library_pages.rs`, and `collect.rs` puts them all in search order.

use super::passages::{headings, passages, section_passages, Passage, SectionRef};
use crate::model::{Document, ShownStatus, Status};
use crate::publish::Publication;
use serde::Serialize;
use std::borrow::Cow;
use std::sync::Arc;

/// What kind of page a result is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, serde::Deserialize, Default)]
#[serde(rename_all = "lowercase")]
pub enum Kind {
    #[default]
    Document = 0,
    /// A role's page: its responsibilities across the library.
    Role = 1,
    /// One term of the glossary.
    Term = 2,
}

impl Kind {
    pub fn from_number(n: u64) -> Kind {
        match n {
            1 => Kind::Role,
            2 => Kind::Term,
            _ => Kind::Document,
        }
    }
}

/// The type facet of a role page, and of a glossary term: the type filter
/// offers them beside the document types.
pub const ROLE_TYPE: &str = "role";
pub const TERM_TYPE: &str = "glossary term";

/// One published page, numbered for search.
///
/// Numbers follow (status, type, directorate, id, version), so each
/// combination of facets is one run of numbers: the browser filters by
/// comparing a number with a short table of runs instead of downloading
/// every document's facets.
#[derive(Clone, Debug, Serialize)]
pub struct SearchDoc {
    pub n: u32,
    pub kind: Kind,
    /// Empty for role pages and glossary terms.
    pub id: String,
    pub title: String,
    /// Relative to the site root, as `Publication::plan` publishes it.
    pub url: String,
    pub version: String,
    pub status: String,
    /// The status tag results show (`Document::shown_status`).
    #[serde(skip)]
    pub shown: ShownStatus,
    pub doc_type: String,
    pub directorate: String,
    pub summary: String,
    #[serde(skip)]
    pub headings: String,
    #[serde(skip)]
    pub roles: String,
    /// Where the body comes from; its passages are made again when needed
    /// rather than kept: kept, they were a quarter of a build's memory.
    #[serde(skip)]
    pub source: Source,
}

#[derive(Clone, Debug)]
pub enum Source {
    Document(Arc<Document>),
    /// A role page: each section that gives the role responsibilities, in
    /// the page's order, with its name on the page; first the role's
    /// contact as one passage, when the site shows it (intranet only).
    Role(Vec<(Arc<Document>, usize, SectionRef)>, Option<(String, SectionRef)>),
    /// A glossary term: its definition is its body, one passage of no section.
    Term(String),
}

impl SearchDoc {
    /// The body, passage by passage.
    pub fn passages(&self) -> Vec<Passage> {
        match &self.source {
            Source::Document(doc) => passages(&doc.body),
            Source::Role(sections, contact) => {
                let contact = contact.iter().map(|(text, s)| Passage { text: text.clone(), section: Some(s.clone()) });
                let sections = sections.iter().flat_map(|(doc, i, name)| section_passages(&doc.body, *i, name.clone()));
                contact.chain(sections).collect()
            }
            Source::Term(definition) => vec![Passage { text: definition.clone(), section: None }],
        }
    }

    /// Every text the analysed fields hold but the body.
    pub fn texts(&self) -> impl Iterator<Item = &str> {
        [
            &self.title,
            &self.id,
            &self.summary,
            &self.headings,
            &self.roles,
            &self.doc_type,
            &self.status,
            &self.directorate,
        ]
        .into_iter()
        .map(String::as_str)
    }

    /// The text of each analysed field, in `index::TEXT_FIELDS` order. The
    /// body is the passages, one per line.
    pub fn field_texts(&self) -> [Cow<'_, str>; 9] {
        let body = self.passages().iter().map(|p| p.text.as_str()).collect::<Vec<_>>().join("\n");
        [
            Cow::Borrowed(self.title.as_str()),
            Cow::Borrowed(self.id.as_str()),
            Cow::Borrowed(self.summary.as_str()),
            Cow::Borrowed(self.headings.as_str()),
            Cow::Borrowed(self.roles.as_str()),
            Cow::Borrowed(self.doc_type.as_str()),
            Cow::Borrowed(self.status.as_str()),
            Cow::Borrowed(self.directorate.as_str()),
            Cow::Owned(body),
        ]
    }
}

/// Current versions first (ratified before drafts), then those on record,
/// then the pages that have no status (role pages, glossary terms).
pub fn status_rank(status: &str) -> u8 {
    match status {
        "ratified" => 0,
        "consultation" => 1,
        "draft" => 2,
        "superseded" => 3,
        "withdrawn" => 4,
        _ => 5,
    }
}

/// Whether a status is found without asking: only what is in force or in
/// preparation is; superseded, withdrawn and not yet in force versions are
/// not (search.js filters alike).
pub fn found_by_default(status: &str) -> bool {
    status != NOT_YET_IN_FORCE && Status::parse(status).is_none_or(|s| s.is_current())
}

const NOT_YET_IN_FORCE: &str = "not-yet-in-force";

pub(super) fn from_document(site: &Publication, doc: &Arc<Document>, url: &str) -> SearchDoc {
    let config = &site.lib.config;
    let roles: Vec<String> = doc
        .body
        .sections
        .iter()
        .filter_map(|s| s.role.as_deref())
        .flat_map(|r| match config.role(r) {
            Some(role) => [vec![role.id.clone(), role.title.clone()], role.aliases.clone()].concat(),
            None => vec![r.to_string()],
        })
        .collect();
    let shown = site.shown_status(doc);
    SearchDoc {
        n: 0,
        kind: Kind::Document,
        id: doc.id().map_or_else(String::new, |i| i.to_string()),
        title: doc.title().to_string(),
        url: url.to_string(),
        version: doc.version().map_or_else(String::new, |v| v.to_string()),
        status: site.lib.status_word(doc).to_string(),
        shown,
        doc_type: doc.meta.doc_type.as_ref().map_or_else(|| "other".to_string(), |t| t.value.clone()),
        directorate: doc.directorate_label().to_string(),
        summary: doc.meta.summary.clone().unwrap_or_default(),
        headings: headings(&doc.body),
        roles: roles.join("\n"),
        source: Source::Document(doc.clone()),
    }
}
