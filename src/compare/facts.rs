//! The front-matter facts of two versions, before and after. The facts
//! themselves (labels and values as the document's page shows them) come
//! from the caller: how a page words a fact is render's business.

use super::FactChange;

/// Facts every new version changes: the number and status are in the
/// comparison's heading; the fingerprint is the lock's, not the author's.
const SHOWN_ELSEWHERE: [&str; 3] = ["Version number", "Status", "Fingerprint (SHA-256)"];

pub fn compare(a: &[(String, String)], b: &[(String, String)]) -> Vec<FactChange> {
    let shown = |list: &[(String, String)]| -> Vec<(String, String)> {
        list.iter().filter(|(l, _)| !SHOWN_ELSEWHERE.contains(&l.as_str())).cloned().collect()
    };
    let (a, b) = (shown(a), shown(b));
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
