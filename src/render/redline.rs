//! The redline PDF of a comparison, and the committee's paper (`pack`):
//! their data for the typst templates `pdf/redline.typ` and `pdf/pack.typ`
//! (docs/pdf-data.md). As for every PDF, document text is only data.

use super::changes;
use super::pdf_data;
use super::pdf_job::{self, Job};
use crate::diag::Diagnostic;
use crate::model::Document;
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

/// The committee's paper for version `page.to`, in preparation, against
/// the current version `page.from`: a cover sheet, the checks' findings
/// for that version, the redline, then the proposed document in full.
pub fn pack_job(site: &Publication, page: &ChangesPage, findings: &[&Diagnostic]) -> Job {
    let to = site.lib.doc(page.to);
    let mut pack = data(site, page);
    pack["cover"] = cover(to);
    pack["findings"] = findings
        .iter()
        .map(|d| {
            json!({
                "code": d.code.as_str(),
                "severity": d.severity,
                "line": d.line,
                "message": d.message,
                "help": d.help,
            })
        })
        .collect();
    let mut job = job(site, page);
    job.label = format!("committee paper for {}", job.label.trim_start_matches("changes to "));
    job.key = "pack".to_string();
    job.main = "pack.typ";
    job.templates = &["pack.typ", "redline.typ", "document.typ"];
    job.extra = vec![("pack.json".to_string(), serde_json::to_vec_pretty(&pack).expect("PDF data serialises"))];
    job.data = serde_json::to_vec_pretty(&pdf_data::data(site, page.to)).expect("PDF data serialises");
    job.images = pdf_job::images(site, page.to);
    job
}

/// The facts a committee reads first.
fn cover(doc: &Document) -> Value {
    let m = &doc.meta;
    let owner = m.author.as_ref().map(|a| match &a.title {
        Some(t) => format!("{}, {t}", a.name),
        None => a.name.clone(),
    });
    let eia = m.eia.as_ref().map(|e| {
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
    });
    json!({
        "owner": owner,
        "directorate": m.directorate.as_ref().map(|d| d.value.clone()),
        "consulted": m.eia.as_ref().map(|e| e.consulted.clone()).unwrap_or_default(),
        "summary": m.summary,
        "eia": eia,
    })
}
