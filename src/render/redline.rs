//! The redline PDF of a comparison: its data for the typst template
//! `pdf/redline.typ` (docs/pdf-data.md), which the committee's paper
//! (`pack.rs`) includes. As for every PDF, document text is only data.

use super::changes;
use super::pdf_data;
use super::pdf_job::{self, Job};
use crate::publish::{ChangesPage, Publication};
use serde_json::{json, Value};

/// What the redline's pages show around the changes: the header facts of
/// the newer version, in the shape `document.typ` reads.
fn frame(site: &Publication, page: &ChangesPage) -> Value {
    let s = &site.lib.config.site;
    let (from, to) = (site.lib.doc(page.from), site.lib.doc(page.to));
    json!({
        "organisation": s.organisation,
        "notice": s.footer_notice(site.opts.public),
        // Only a draft is marked: the comparison of two versions on record is a record too.
        "watermark": pdf_data::watermark(site.lib, page.to).filter(|w| *w == "DRAFT"),
        "doc": {
            "id": to.id().map(|i| i.to_string()),
            "title": to.title(),
            "type": to.meta.doc_type.as_ref().map(|t| crate::text::capitalise(&t.value)),
            "version": to.version().map(|v| v.to_string()),
            "from_version": from.version().map(|v| v.to_string()),
            "status": to.status().map(|s| crate::text::capitalise(s.as_str())),
            "review_date": to.meta.effective_review_date().map(|d| d.to_string()),
        },
    })
}

/// The redline's data: the frame and the comparison as the page shows it.
pub fn data(site: &Publication, page: &ChangesPage) -> Value {
    let view = changes::view(site, page, crate::compare::compare_page(site, page));
    let mut data = frame(site, page);
    data["changes"] = serde_json::to_value(view).expect("a comparison serialises");
    data
}

/// The typst run that makes a comparison's redline.
pub fn job(site: &Publication, page: &ChangesPage) -> Job {
    let to = site.lib.doc(page.to);
    let label = format!(
        "changes to {} from version {} to version {} ({})",
        to.id().map(|i| i.to_string()).unwrap_or_default(),
        site.lib.doc(page.from).version().map_or("?", |v| v.as_str()),
        to.version().map_or("?", |v| v.as_str()),
        to.file.display
    );
    Job {
        path: page.pdf.clone(),
        key: format!("changes-{}-{}", page.from, page.to),
        label,
        main: "redline.typ",
        templates: &["redline.typ", "document.typ"],
        data: serde_json::to_vec_pretty(&data(site, page)).expect("PDF data serialises"),
        extra: Vec::new(),
        images: Vec::new(),
        timestamp: pdf_job::timestamp(to),
    }
}
