//! What search knows of each published version: its fields as text, its
//! passages, and the facts results show. Read from the library and the
//! site plan, so search finds exactly the pages the build publishes.

use super::passages::{headings, passages, Passage};
use crate::model::{Document, Status};
use crate::publish::Publication;
use rayon::prelude::*;
use serde::Serialize;
use std::borrow::Cow;
use std::sync::Arc;

/// One published version, numbered for search.
///
/// Numbers follow (status, type, directorate, id, version), so each
/// combination of facets is one run of numbers: the browser filters by
/// comparing a number with a short table of runs instead of downloading
/// every document's facets.
#[derive(Clone, Debug, Serialize)]
pub struct SearchDoc {
    pub n: u32,
    pub id: String,
    pub title: String,
    /// Relative to the site root, as `Publication::plan` publishes it.
    pub url: String,
    pub version: String,
    pub status: String,
    pub doc_type: String,
    pub directorate: String,
    pub summary: String,
    #[serde(skip)]
    pub headings: String,
    #[serde(skip)]
    pub roles: String,
    /// The document, whose body's passages are made again when needed
    /// rather than kept: kept, they were a quarter of a build's memory.
    #[serde(skip)]
    pub source: Arc<Document>,
}

impl SearchDoc {
    /// The body, passage by passage.
    pub fn passages(&self) -> Vec<Passage> {
        passages(&self.source.body)
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

/// Every page the site publishes, in search order.
pub fn documents(site: &Publication) -> Vec<SearchDoc> {
    let mut docs: Vec<SearchDoc> =
        site.pages.par_iter().map(|page| from_document(site, site.lib.doc(page.doc), &page.url)).collect();
    docs.sort_by(|a, b| {
        facet_order(a).cmp(&facet_order(b)).then_with(|| (&a.id, &a.version).cmp(&(&b.id, &b.version)))
    });
    for (n, d) in docs.iter_mut().enumerate() {
        d.n = n as u32;
    }
    docs
}

/// Current versions first (ratified before drafts), then those on record.
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

/// Whether a status is found without asking: superseded and withdrawn versions are not.
pub fn found_by_default(status: &str) -> bool {
    Status::parse(status).is_none_or(|s| s.is_current())
}

fn facet_order(d: &SearchDoc) -> (u8, &str, &str) {
    (status_rank(&d.status), &d.doc_type, &d.directorate)
}

fn from_document(site: &Publication, doc: &Arc<Document>, url: &str) -> SearchDoc {
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
    SearchDoc {
        n: 0,
        id: doc.id().map_or_else(String::new, |i| i.to_string()),
        title: doc.title().to_string(),
        url: url.to_string(),
        version: doc.version().map_or_else(String::new, |v| v.to_string()),
        status: doc.status().map_or("unknown", Status::as_str).to_string(),
        doc_type: doc.meta.doc_type.as_ref().map_or_else(|| "other".to_string(), |t| t.value.clone()),
        directorate: doc.directorate_label().to_string(),
        summary: doc.meta.summary.clone().unwrap_or_default(),
        headings: headings(&doc.body),
        roles: roles.join("\n"),
        source: doc.clone(),
    }
}
