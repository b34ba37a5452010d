//! A version's front-matter facts as its page shows them, as labelled
//! values: the document control sheet, the summary, the roles given
//! responsibilities, related documents, references, the equality impact
//! assessment and the amendment history. The compare stage lists the ones
//! that differ between two versions.

use super::views;
use crate::compare::{self, Comparison};
use crate::model::{DocId, Document};
use crate::publish::Publication;

/// How facts name things that live outside the document.
pub struct Names<'a> {
    /// The title of a related document as a reader of the comparison may
    /// see it; `None` leaves the id out (the public copy does, for a
    /// document that is not public).
    pub related: &'a dyn Fn(&DocId) -> Option<String>,
    /// A role's title, from roles.yaml.
    pub role: &'a dyn Fn(&str) -> Option<String>,
}

/// Compares version `old` of a document with version `new`, facts included
/// as `site` shows them (the public copy names an author by job title only).
pub fn compare_versions(site: &Publication, old: &Document, new: &Document, names: &Names) -> Comparison {
    compare::compare(old, new, &facts(site, old, names), &facts(site, new, names))
}

pub fn facts(site: &Publication, doc: &Document, names: &Names) -> Vec<(String, String)> {
    let m = &doc.meta;
    let mut out: Vec<(String, String)> =
        views::control_sheet(site, doc).into_iter().map(|r| (r.label.to_string(), r.value)).collect();
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
            // As text, never a link: a refused address as it was written.
            let url = r.url.as_ref().map(|u| match &u.value {
                crate::model::Url::Safe(u) => format!(" <{}>", u.as_str()),
                crate::model::Url::Refused(u) => format!(" <{}>", u.written),
            });
            let url = url.unwrap_or_default();
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::compare::tests::doc;
    use crate::publish::PublishOptions;

    fn compare_versions(old: &Document, new: &Document, names: &Names) -> Comparison {
        let content = crate::load::Content {
            dir: "content".into(),
            config: crate::config::Config::default(),
            documents: vec![old.clone(), new.clone()],
            ..Default::default()
        };
        let lib = crate::resolve::Library::new(content);
        let today = crate::model::Date::from_ymd(2026, 11, 23).expect("a date");
        let opts = PublishOptions { drafts: false, today, pdf: false, public: false };
        super::compare_versions(&Publication::plan(&lib, &opts), old, new, names)
    }

    const BODY: &str = "## Scope\n\nAll staff who work alone.\n";

    #[test]
    fn facts_that_changed_are_listed_before_and_after() {
        let old = doc("1", "review_date: 2025-01-01\n", BODY);
        let new = doc("2", "review_date: 2028-01-01\nrelated: [POL/001/002]\n", BODY);
        let related = |id: &DocId| Some(format!("Title of {id}"));
        let role = |_: &str| None;
        let c = compare_versions(&old, &new, &Names { related: &related, role: &role });
        let facts: Vec<_> =
            c.facts.iter().map(|f| (f.label.as_str(), f.before.as_deref(), f.after.as_deref())).collect();
        assert_eq!(
            facts,
            vec![
                ("Review date", Some("1 January 2025"), Some("1 January 2028")),
                ("Related documents", None, Some("POL/001/002 Title of POL/001/002")),
            ]
        );
    }

    #[test]
    fn a_related_document_the_reader_may_not_see_is_left_out() {
        let old = doc("1", "", BODY);
        let new = doc("2", "related: [POL/001/002]\n", BODY);
        let hidden = |_: &DocId| None;
        let role = |_: &str| None;
        let c = compare_versions(&old, &new, &Names { related: &hidden, role: &role });
        assert!(c.facts.is_empty(), "{:?}", c.facts);
    }
}
