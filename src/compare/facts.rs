//! The front-matter facts of two versions, before and after, matched by
//! key (`version_facts.rs` makes them; how a fact is worded plays no part).

use super::fact::{Fact, FactChange, FactKey};

/// The facts whose values differ, in the newer version's order, with a
/// fact only the older version has where it stood among the others.
pub fn compare(a: &[Fact], b: &[Fact]) -> Vec<FactChange> {
    let shown = |list: &[Fact]| -> Vec<Fact> { list.iter().filter(|f| !f.key.shown_elsewhere()).cloned().collect() };
    let (a, b) = (shown(a), shown(b));
    let find = |list: &[Fact], key: &FactKey| list.iter().find(|f| f.key == *key).cloned();
    let mut keys: Vec<&Fact> = b.iter().collect();
    for (i, f) in a.iter().enumerate() {
        if !keys.iter().any(|k| k.key == f.key) {
            let after = a[..i].iter().rev().find_map(|p| keys.iter().position(|k| k.key == p.key));
            keys.insert(after.map_or(0, |p| p + 1), f);
        }
    }
    let mut out = Vec::new();
    for fact in keys {
        let (before, after) = (find(&a, &fact.key), find(&b, &fact.key));
        if before.as_ref().map(|f| &f.value) != after.as_ref().map(|f| &f.value) {
            let label = fact.label.to_string();
            out.push(FactChange {
                key: fact.key.clone(),
                label,
                before: before.map(|f| f.value),
                after: after.map(|f| f.value),
            });
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::compare::tests::doc;
    use crate::compare::{compare_versions, terminal, Comparison, Names};
    use crate::model::{DocId, Document};
    use crate::publish::{Publication, PublishOptions};
    use std::borrow::Cow;

    fn compare_on_the_intranet(old: &Document, new: &Document, names: &Names) -> Comparison {
        let content = crate::load::Content {
            dir: "content".into(),
            config: crate::config::Config::default(),
            documents: vec![old.clone(), new.clone()],
            ..Default::default()
        };
        let today = crate::model::Date::from_ymd(2026, 11, 23).expect("a date");
        let lib = crate::resolve::Library::new(content, today);
        let opts = PublishOptions { drafts: false, pdf: false, public: false };
        compare_versions(&Publication::plan(&lib, &opts), old, new, names)
    }

    const BODY: &str = "## Scope\n\nAll staff who work alone.\n";

    #[test]
    fn facts_that_changed_are_listed_before_and_after() {
        let old = doc("1", "review_date: 2025-01-01\n", BODY);
        let new = doc("2", "review_date: 2028-01-01\nrelated: [POL/001/002]\n", BODY);
        let related = |id: &DocId| Some(format!("Title of {id}"));
        let role = |_: &str| None;
        let c = compare_on_the_intranet(&old, &new, &Names { related: &related, role: &role });
        let facts: Vec<_> =
            c.facts.iter().map(|f| (f.label.as_str(), f.before.as_deref(), f.after.as_deref())).collect();
        assert_eq!(
            facts,
            vec![
                ("Review date", Some("1 January 2025"), Some("1 January 2028")),
                ("Related documents", None, Some("POL/001/002 Title of POL/001/002")),
            ]
        );
        assert_eq!(c.facts.iter().map(|f| &f.key).collect::<Vec<_>>(), [&FactKey::ReviewDate, &FactKey::Related]);
    }

    #[test]
    fn a_related_document_the_reader_may_not_see_is_left_out() {
        let old = doc("1", "", BODY);
        let new = doc("2", "related: [POL/001/002]\n", BODY);
        let hidden = |_: &DocId| None;
        let role = |_: &str| None;
        let c = compare_on_the_intranet(&old, &new, &Names { related: &hidden, role: &role });
        assert!(c.facts.is_empty(), "{:?}", c.facts);
    }

    fn fact(key: FactKey, label: &'static str, value: &str) -> Fact {
        Fact { key, label: Cow::Borrowed(label), value: value.to_string() }
    }

    #[test]
    fn facts_are_left_out_and_matched_by_key_whatever_their_labels_say() {
        // The status and version reworded, and another fact labelled as the status was.
        let old = [
            fact(FactKey::Version, "Edition", "1"),
            fact(FactKey::Status, "State", "Ratified"),
            fact(FactKey::Summary, "Status", "Staff who work alone."),
            fact(FactKey::Scope, "Scope", "Trust wide"),
        ];
        let new = [
            fact(FactKey::Version, "Version number", "2"),
            fact(FactKey::Status, "Condition", "Draft"),
            fact(FactKey::Summary, "Status", "Staff who work alone at night."),
            fact(FactKey::Scope, "Applies to", "Community sites"),
        ];
        let changes = compare(&old, &new);
        let shown: Vec<_> = changes.iter().map(|f| (&f.key, f.label.as_str(), f.before.as_deref())).collect();
        assert_eq!(
            shown,
            [
                (&FactKey::Summary, "Status", Some("Staff who work alone.")),
                (&FactKey::Scope, "Applies to", Some("Trust wide")),
            ]
        );
        let c = crate::compare::compare(&doc("1", "", BODY), &doc("2", "", BODY), &old, &new);
        let text = terminal::render(&c, false);
        assert!(text.contains("  Status\n    - Staff who work alone.\n"), "{text}");
        assert!(text.contains("  Applies to\n    - Trust wide\n    + Community sites\n"), "{text}");
        for hidden in ["Edition", "Version number", "State", "Condition", "Ratified"] {
            assert!(!text.contains(hidden), "{hidden} shown:\n{text}");
        }
    }
}
