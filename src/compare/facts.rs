//! The front-matter facts of two versions, before and after: the document
//! control sheet (as the page shows it), the summary, the roles given
//! responsibilities, related documents, references, the equality impact
//! assessment and the amendment history.

use super::{FactChange, Names};
use crate::model::Document;
use crate::render::views;

/// Facts every new version changes, shown in the comparison's heading instead.
const SHOWN_ELSEWHERE: [&str; 2] = ["Version number", "Status"];

pub fn compare(old: &Document, new: &Document, names: &Names) -> Vec<FactChange> {
    let a = facts(old, names);
    let b = facts(new, names);
    let mut out = Vec::new();
    let value = |list: &[(String, String)], label: &str| list.iter().find(|(l, _)| l == label).map(|(_, v)| v.clone());
    let mut labels: Vec<&String> = b.iter().map(|(l, _)| l).collect();
    // A fact only the old version has, where it stood among the others.
    for (i, (l, _)) in a.iter().enumerate() {
        if !labels.contains(&l) {
            let after = a[..i].iter().rev().find_map(|(p, _)| labels.iter().position(|x| *x == p));
            labels.insert(after.map_or(0, |p| p + 1), l);
        }
    }
    for label in labels {
        let (before, after) = (value(&a, label), value(&b, label));
        if before != after {
            out.push(FactChange { label: label.clone(), before, after });
        }
    }
    out
}

fn facts(doc: &Document, names: &Names) -> Vec<(String, String)> {
    let m = &doc.meta;
    let mut out: Vec<(String, String)> = views::control_sheet(doc)
        .into_iter()
        .filter(|r| !SHOWN_ELSEWHERE.contains(&r.label))
        .map(|r| (r.label.to_string(), r.value))
        .collect();
    let mut push = |label: &str, value: String| {
        if !value.trim().is_empty() {
            out.push((label.to_string(), value));
        }
    };
    push("Summary", m.summary.clone().unwrap_or_default());
    let roles: Vec<String> = doc
        .body
        .sections
        .iter()
        .filter_map(|s| s.role.as_ref())
        .map(|r| (names.role)(r).unwrap_or_else(|| r.clone()))
        .collect();
    push("Roles given responsibilities", roles.join("; "));
    let related: Vec<String> =
        m.related.iter().filter_map(|r| (names.related)(&r.value).map(|t| format!("{} {t}", r.value))).collect();
    push("Related documents", related.join("; "));
    let references: Vec<String> = m
        .references
        .iter()
        .map(|r| {
            let by = [r.publisher.clone(), r.year.clone()].into_iter().flatten().collect::<Vec<_>>().join(", ");
            let url = r.url.as_ref().map(|u| format!(" <{u}>")).unwrap_or_default();
            if by.is_empty() {
                format!("{}{url}", r.title)
            } else {
                format!("{} ({by}){url}", r.title)
            }
        })
        .collect();
    push("References", references.join("; "));
    if let Some(e) = m.eia.as_ref().map(views::eia) {
        push("Equality impact assessment: stage", e.stage.unwrap_or_default());
        push("Equality impact assessment: date", e.date.unwrap_or_default());
        push("Equality impact assessment: lead assessor", e.lead_assessor.unwrap_or_default());
        push("Equality impact assessment: department", e.department.unwrap_or_default());
        push("Equality impact assessment: groups consulted", e.consulted.join("; "));
        for i in e.impacts {
            let comment = i.comment.map(|c| format!(": {c}")).unwrap_or_default();
            push(&format!("Impact on {}", i.characteristic.to_lowercase()), format!("{}{comment}", i.impact));
        }
        let plan: Vec<String> = e
            .action_plan
            .into_iter()
            .map(|a| {
                let who = [a.lead, a.due.map(|d| format!("due {d}"))].into_iter().flatten().collect::<Vec<_>>();
                if who.is_empty() {
                    a.action
                } else {
                    format!("{} ({})", a.action, who.join(", "))
                }
            })
            .collect();
        push("Equality impact assessment: action plan", plan.join("; "));
    }
    for h in views::history(doc) {
        let changed = h.changed.map(|c| format!(" [{c}]")).unwrap_or_default();
        push(&format!("Amendment history, version {}", h.version), format!("{}: {}{changed}", h.date, h.description));
    }
    out
}
