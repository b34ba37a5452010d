//! `catalogue.json`: every published version, for other systems.

use crate::model::Status;
use crate::publish::Publication;
use serde::Serialize;

/// The format is documented in docs/catalogue.md; change both together.
#[derive(Serialize)]
struct CatalogueEntry<'a> {
    id: String,
    title: &'a str,
    #[serde(rename = "type")]
    doc_type: Option<&'a str>,
    version: Option<&'a str>,
    status: Option<&'static str>,
    current: bool,
    directorate: Option<&'a str>,
    ratified: Option<String>,
    published: Option<String>,
    review_date: Option<String>,
    /// The day it came or comes into force (ISO); `None` for a version never ratified.
    effective: Option<String>,
    /// The day it stopped or stops being in force (ISO), if it has or will.
    in_force_until: Option<String>,
    public: bool,
    /// The SHA-256 fingerprint `ratified.lock` records for this version.
    fingerprint: Option<String>,
    page: String,
    pdf: Option<String>,
    related: Vec<String>,
}

pub fn catalogue(site: &Publication) -> String {
    let base = site.base_url();
    let entries: Vec<CatalogueEntry> = site
        .pages
        .iter()
        .map(|p| {
            let d = site.lib.doc(p.doc);
            let span = site.lib.span(p.doc);
            CatalogueEntry {
                id: d.id().map(|i| i.to_string()).unwrap_or_default(),
                title: d.title(),
                doc_type: d.meta.doc_type.as_ref().map(|t| t.value.as_str()),
                version: d.version().map(|v| v.as_str()),
                status: d.status().map(Status::as_str),
                current: site.lib.in_force(p.doc),
                directorate: d.meta.directorate.as_ref().map(|x| x.value.as_str()),
                ratified: d.meta.ratified_date().map(|x| x.iso()),
                published: d.meta.published.map(|x| x.iso()),
                review_date: d.meta.effective_review_date().map(|x| x.iso()),
                effective: span.map(|s| s.from.iso()),
                in_force_until: span.and_then(|s| s.until).map(|x| x.iso()),
                public: d.meta.public,
                fingerprint: site.lib.locked(d).map(|e| e.fingerprint.to_string()),
                page: format!("{base}{}", p.url),
                pdf: site.opts.pdf.then(|| format!("{base}{}", p.pdf)),
                related: d
                    .meta
                    .related
                    .iter()
                    .filter(|r| site.main_of.contains_key(&r.value))
                    .map(|r| r.value.to_string())
                    .collect(),
            }
        })
        .collect();
    let doc = serde_json::json!({ "organisation": site.lib.config.site.organisation, "generated": site.lib.today().iso(), "documents": entries });
    serde_json::to_string_pretty(&doc).expect("catalogue serialises") + "\n"
}
