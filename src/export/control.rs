//! The document control part of an exported version, before its body:
//! the title, the front sheet as a table of labels and values, the
//! amendment history and the equality impact assessment as tables. The
//! labels are ones `import` knows (`import/labels.rs`), and the two
//! sections' headings start with [`CONTROL`], by which
//! `import --new-version-of` tells them from the body.

use super::xml::{self, Cell};
use crate::model::{Approval, Date, Document, Eia, CHARACTERISTICS};

/// How the headings of the control sections begin.
pub const CONTROL: &str = "Document control:";

/// Writes the title, the front sheet, the history and the EIA.
pub fn write(out: &mut String, doc: &Document) {
    xml::plain(out, Some("Title"), doc.title());
    front_sheet(out, doc);
    history(out, doc);
    if let Some(eia) = &doc.meta.eia {
        self::eia(out, eia);
    }
}

fn front_sheet(out: &mut String, doc: &Document) {
    let m = &doc.meta;
    let date = |d: Option<Date>| d.map(|d| d.to_string());
    let approval = |a: &Option<crate::model::At<Approval>>| a.as_ref().map(|a| a.value.by.clone());
    let approved_on = |a: &Option<crate::model::At<Approval>>| date(a.as_ref().and_then(|a| a.value.date));
    let rows: Vec<(&str, Option<String>)> = vec![
        ("Document ID", doc.id().map(ToString::to_string)),
        ("Title", Some(doc.title().to_string())),
        ("Document type", m.doc_type.as_ref().map(|t| t.value.clone())),
        ("Version", doc.version().map(ToString::to_string)),
        ("Status", doc.status().map(|s| s.as_str().to_string())),
        ("Summary", m.summary.clone()),
        ("Author", m.author.as_ref().map(|a| a.name.clone())),
        ("Author's job title", m.author.as_ref().and_then(|a| a.title.clone())),
        ("Responsibility", m.directorate.as_ref().map(|d| d.value.clone())),
        ("Scope", m.scope.clone()),
        ("Classification", m.classification.clone()),
        ("Executive lead", m.executive_lead.clone()),
        ("Head of department", m.head_of_department.clone()),
        ("Contact", m.contact.clone()),
        ("Primary audience", m.audience.as_ref().and_then(|a| a.primary.clone())),
        ("Secondary audience", m.audience.as_ref().map(|a| a.secondary.join(", ")).filter(|s| !s.is_empty())),
        ("Validated by", approval(&m.validated)),
        ("Date validated", approved_on(&m.validated)),
        ("Ratified by", approval(&m.ratified)),
        ("Date ratified", approved_on(&m.ratified)),
        ("Date published", date(m.published)),
        ("Review date", date(m.review_date.as_ref().map(|d| d.value))),
    ];
    let rows = rows
        .into_iter()
        .filter_map(|(label, value)| value.map(|v| vec![Cell::text(label, true), Cell::text(&v, false)]))
        .collect();
    xml::table(out, &[1500, 3500], rows, false);
}

fn history(out: &mut String, doc: &Document) {
    let Some(history) = &doc.meta.history else { return };
    xml::plain(out, Some("Heading1"), &format!("{CONTROL} amendment history"));
    let mut rows =
        vec![header(&["Version", "Date", "Section changed", "Description of change", "Review date", "Changed by"])];
    for h in &history.value {
        let cells = [
            h.version.value.to_string(),
            h.date.value.to_string(),
            h.changed.clone().unwrap_or_default(),
            h.description.clone(),
            h.review_date.as_ref().map(|d| d.value.to_string()).unwrap_or_default(),
            h.by.clone().unwrap_or_default(),
        ];
        rows.push(cells.iter().map(|c| Cell::text(c, false)).collect());
    }
    xml::table(out, &[600, 800, 800, 1400, 800, 600], rows, true);
}

fn header(labels: &[&str]) -> Vec<Cell> {
    labels.iter().map(|l| Cell::text(l, true)).collect()
}

fn eia(out: &mut String, eia: &Eia) {
    xml::plain(out, Some("Heading1"), &format!("{CONTROL} equality impact assessment"));
    let stage = eia.stage.map(|s| match s {
        1 => "Stage 1 (screening)".to_string(),
        n => format!("Stage {n} (full assessment)"),
    });
    let details: Vec<(&str, Option<String>)> = vec![
        ("Stage", stage),
        ("Date of assessment", eia.date.as_ref().map(|d| d.value.to_string())),
        ("Lead assessor", eia.lead_assessor.clone()),
        ("Department", eia.department.clone()),
        ("Groups consulted", Some(eia.consulted.join("; ")).filter(|s| !s.is_empty())),
    ];
    let rows = details
        .into_iter()
        .filter_map(|(label, value)| value.map(|v| vec![Cell::text(label, true), Cell::text(&v, false)]))
        .collect();
    xml::table(out, &[1500, 3500], rows, false);
    if let Some(impacts) = &eia.impacts {
        let mut rows = vec![header(&["Protected characteristic", "Impact", "Comment"])];
        for i in &impacts.value {
            let name = CHARACTERISTICS.iter().find(|(k, _)| *k == i.characteristic).map_or("Other", |(_, n)| n);
            let kind = serde_json::to_value(i.kind).ok().and_then(|v| v.as_str().map(str::to_string));
            let cells = [name.to_string(), kind.unwrap_or_default(), i.comment.clone().unwrap_or_default()];
            rows.push(cells.iter().map(|c| Cell::text(c, false)).collect());
        }
        xml::table(out, &[1600, 800, 2600], rows, true);
    }
    if !eia.action_plan.is_empty() {
        let mut rows = vec![header(&["Action", "Lead", "Due", "Done"])];
        for a in &eia.action_plan {
            let date = |d: Option<Date>| d.map(|d| d.to_string()).unwrap_or_default();
            let cells = [a.action.clone(), a.lead.clone().unwrap_or_default(), date(a.due), date(a.done)];
            rows.push(cells.iter().map(|c| Cell::text(c, false)).collect());
        }
        xml::table(out, &[2600, 1000, 700, 700], rows, true);
    }
}
