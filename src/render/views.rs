//! What templates see of a document on more than one page (listings, the
//! document page, its PDF, the governance and library pages): plain
//! serialisable views. Dates are already formatted the NHS way here;
//! templates format nothing.

use crate::compare::{characteristic, eia_stage, impact};
use crate::model::*;
use crate::publish::{addresses, Publication};
use crate::text::plural_label;
use serde::Serialize;

#[derive(Serialize)]
pub struct DocSummary {
    pub id: String,
    pub title: String,
    pub doc_type: String,
    pub type_label: String,
    /// The listing of this type, relative to the site root.
    pub type_url: String,
    pub version: String,
    pub status: &'static str,
    pub directorate: String,
    pub summary: Option<String>,
    pub review_date: Option<String>,
    pub review_iso: Option<String>,
    pub review_state: ReviewState,
    /// The status tag readers see (`Document::shown_status`).
    pub shown: ShownStatus,
    pub ratified_date: Option<String>,
    pub owner: Option<String>,
    /// Relative to the site root.
    pub url: String,
}

/// The status tag of `doc` on the site's date (`Publication::shown_status`).
pub fn shown_status(site: &Publication, doc: &Document) -> ShownStatus {
    site.shown_status(doc)
}

pub fn summary(site: &Publication, doc: &Document, url: &str) -> DocSummary {
    let review = doc.meta.effective_review_date();
    let doc_type = doc.meta.doc_type.as_ref().map_or_else(|| "other".to_string(), |t| t.value.clone());
    DocSummary {
        type_label: plural_label(&doc_type),
        type_url: addresses::type_listing(doc),
        id: doc.id().map_or_else(String::new, |i| i.to_string()),
        title: doc.title().to_string(),
        doc_type: doc.meta.doc_type.as_ref().map_or_else(String::new, |t| t.value.clone()),
        version: doc.version().map_or_else(String::new, |v| v.to_string()),
        status: site.lib.status_word(doc),
        directorate: doc.directorate_label().to_string(),
        summary: doc.meta.summary.clone(),
        review_date: review.map(|d| d.to_string()),
        review_iso: review.map(|d| d.iso()),
        review_state: doc.review_state(site.lib.today(), site.lib.config.site.due_soon_days),
        shown: shown_status(site, doc),
        ratified_date: doc.meta.ratified_date().map(|d| d.to_string()),
        owner: doc.meta.author.as_ref().map(|a| a.name.clone()),
        url: url.to_string(),
    }
}

#[derive(Serialize)]
pub struct RelatedView {
    pub id: String,
    pub title: Option<String>,
    pub status: Option<&'static str>,
    pub shown: Option<ShownStatus>,
    pub url: Option<String>,
}

#[derive(Serialize)]
pub struct HistoryRow {
    pub version: String,
    pub date: String,
    pub changed: Option<String>,
    pub description: String,
    pub review_date: Option<String>,
    pub by: Option<String>,
    /// The comparison page of the version this row records, if the site has one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub changes_url: Option<String>,
}

#[derive(Serialize)]
pub struct ImpactRow {
    pub characteristic: String,
    pub impact: String,
    pub comment: Option<String>,
}

#[derive(Serialize)]
pub struct ActionRow {
    pub action: String,
    pub lead: Option<String>,
    pub due: Option<String>,
    /// When it was completed.
    pub done: Option<String>,
}

#[derive(Serialize)]
pub struct EiaView {
    pub stage: Option<String>,
    pub date: Option<String>,
    pub lead_assessor: Option<String>,
    pub department: Option<String>,
    pub consulted: Vec<String>,
    pub impacts: Vec<ImpactRow>,
    pub action_plan: Vec<ActionRow>,
}

pub fn related(site: &Publication, id: &DocId) -> RelatedView {
    let target = site.main_of.get(id).map(|&i| (site.lib.doc(i), &site.url_of[&i]));
    RelatedView {
        id: id.to_string(),
        title: target.map(|(d, _)| d.title().to_string()),
        status: target.and_then(|(d, _)| d.status()).map(Status::as_str),
        shown: target.map(|(d, _)| shown_status(site, d)),
        url: target.map(|(_, u)| u.clone()),
    }
}

pub fn history(doc: &Document) -> Vec<HistoryRow> {
    let Some(h) = &doc.meta.history else {
        return Vec::new();
    };
    h.value
        .iter()
        .map(|e| HistoryRow {
            version: e.version.to_string(),
            date: e.date.to_string(),
            changed: e.changed.clone(),
            description: e.description.clone(),
            review_date: e.review_date.as_ref().map(|d| d.value.to_string()),
            by: e.by.clone(),
            changes_url: None,
        })
        .collect()
}

pub fn eia(e: &Eia) -> EiaView {
    EiaView {
        stage: e.stage.map(eia_stage),
        date: e.date.as_ref().map(|d| d.value.to_string()),
        lead_assessor: e.lead_assessor.clone(),
        department: e.department.clone(),
        consulted: e.consulted.clone(),
        impacts: e
            .impacts
            .as_ref()
            .map(|i| {
                i.value
                    .iter()
                    .map(|i| ImpactRow {
                        characteristic: characteristic(i.characteristic).to_string(),
                        impact: impact(i.kind),
                        comment: i.comment.clone(),
                    })
                    .collect()
            })
            .unwrap_or_default(),
        action_plan: e
            .action_plan
            .iter()
            .map(|a| ActionRow {
                action: a.action.clone(),
                lead: a.lead.clone(),
                due: a.due.map(|d| d.to_string()),
                done: a.done.map(|d| d.to_string()),
            })
            .collect(),
    }
}

impl Serialize for ExternalRef {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeStruct;
        let mut st = s.serialize_struct("ExternalRef", 5)?;
        st.serialize_field("title", &self.title)?;
        // A refused address is shown as text (the title), never linked.
        st.serialize_field("url", &self.url.as_ref().and_then(|u| u.safe()))?;
        st.serialize_field("publisher", &self.publisher)?;
        st.serialize_field("year", &self.year)?;
        st.serialize_field("accessed", &self.accessed.map(|d| d.to_string()))?;
        st.end()
    }
}
