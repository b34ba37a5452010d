//! One displayed status everywhere: a ratified document whose review date
//! has passed is "Review date passed" in listings, related-document lists
//! and search results alike, never "Ratified".

use crate::common::*;
use trustdocs::search::encode::gunzip;

fn fixture() -> Fixture {
    let overdue =
        clean("POL/001/002", "", "## Scope\n\nT.\n").replace("review_date: 2028-01-10", "review_date: 2026-01-10");
    let soon =
        clean("POL/001/003", "", "## Scope\n\nT.\n").replace("review_date: 2028-01-10", "review_date: 2027-01-10");
    let citing = clean("POL/001/001", "related: [POL/001/002, POL/001/003]\n", "## Scope\n\nT.\n");
    Fixture::new(&[("a.md", &citing), ("b.md", &overdue), ("c.md", &soon)])
}

#[test]
fn related_documents_and_listings_show_the_review_state() {
    let f = fixture();
    assert!(f.build(&[]).status.success());
    let page = f.read("out/documents/pol-001-001/index.html");
    let related = select_texts(&page, "#td-related + ul li");
    assert_eq!(
        related,
        vec![
            "Test Document POL/001/002 (POL/001/002) Review date passed",
            "Test Document POL/001/003 (POL/001/003) Review due soon"
        ]
    );
    let listing = select_texts(&f.read("out/types/policy/index.html"), ".td-doc-list__meta .td-tag");
    assert_eq!(listing, vec!["Ratified", "Review date passed", "Review due soon"]);
}

#[test]
fn search_results_show_the_review_state() {
    let f = fixture();
    assert!(f.build(&[]).status.success());
    let mut tags = Vec::new();
    let mut stack = vec![f.path("out/search/x")];
    while let Some(dir) = stack.pop() {
        for e in std::fs::read_dir(dir).unwrap().flatten() {
            if e.path().is_dir() {
                stack.push(e.path());
                continue;
            }
            let x: serde_json::Value =
                serde_json::from_slice(&gunzip(&std::fs::read(e.path()).unwrap()).unwrap()).unwrap();
            // Role pages and glossary terms are results too, with no status tag.
            if x["k"] != "document" {
                assert!(x.get("l").is_none() && x.get("c").is_none(), "{x}");
                continue;
            }
            tags.push((x["i"].as_str().unwrap().to_string(), x["l"].clone(), x["c"].clone()));
        }
    }
    tags.sort_by(|a, b| a.0.cmp(&b.0));
    assert_eq!(
        tags,
        vec![
            ("POL/001/001".to_string(), serde_json::json!("Ratified"), serde_json::json!("green")),
            ("POL/001/002".to_string(), serde_json::json!("Review date passed"), serde_json::json!("red")),
            ("POL/001/003".to_string(), serde_json::json!("Review due soon"), serde_json::json!("yellow")),
        ]
    );
    let script = f.read("out/static/search.js");
    assert!(script.contains("x.l") && !script.contains("STATUS_TAG"), "the page shows the tag the build decided");
}
