//! The checks, reviews and references pages, and the references CSV.

use crate::common::*;

fn fixture() -> Fixture {
    let overdue = clean("POL/001/002", "references_checked: { by: L Librarian, date: 2024-06-01 }\nreferences: [{ title: Violence Guide, publisher: NHS Employers, year: \"2013\", url: \"https://example.org/guide\" }]\n", "## Scope\n\nSee POL/001/001 and POL/001/099.\n\n### Local security {role=lsms}\n\n[x](#nowhere)\n")
        .replace("review_date: 2028-01-10", "review_date: 2026-01-01")
        .replace("directorate: Governance", "directorate: Estates");
    Fixture::new(&[("a.md", &clean("POL/001/001", "", "## Scope\n\nText.\n")), ("b.md", &overdue)])
}

#[test]
fn checks_page_groups_by_document_and_links_to_the_section() {
    let f = fixture();
    assert!(f.build(&[]).status.success());
    let html = f.read("out/checks/index.html");
    assert_eq!(select_texts(&html, "h2"), vec!["Test Document POL/001/002 POL/001/002"]);
    let rows = select_texts(&html, "tbody tr");
    assert!(rows[0].starts_with("Error X001"), "errors first: {rows:?}");
    let links = select_attrs(&html, "tbody a", "href");
    assert!(links.contains(&"../documents/pol-001-002/#scope".to_string()), "{links:?}");
    assert!(links.contains(&"../documents/pol-001-002/#local-security".to_string()), "{links:?}");
    assert!(
        links.contains(&"../documents/pol-001-002/#td-control".to_string()),
        "R001 links to the control sheet: {links:?}"
    );
}

#[test]
fn reviews_page_groups_by_state_and_directorate() {
    let f = fixture();
    f.build(&[]);
    let html = f.read("out/reviews/index.html");
    assert_eq!(select_texts(&html, "h2"), vec!["Review date passed (1)", "Due for review soon (0)", "In date (1)"]);
    assert_eq!(select_texts(&html, "h3"), vec!["Estates", "Governance"]);
    assert!(select_texts(&html, "tbody tr")[0].contains("A Author"), "shows the owner");
}

#[test]
fn references_page_and_csv_list_every_reference_with_its_status() {
    let f = fixture();
    f.build(&[]);
    let html = f.read("out/references/index.html");
    let rows = select_texts(&html, "tbody tr");
    assert_eq!(rows.len(), 3, "{rows:?}");
    assert!(rows[0].contains("POL/001/001") && rows[0].contains("ok"), "{rows:?}");
    assert!(rows[1].contains("POL/001/099") && rows[1].contains("unknown"), "{rows:?}");
    assert!(rows[2].contains("Violence Guide") && rows[2].contains("NHS Employers (2013)"), "{rows:?}");
    assert!(rows.iter().all(|r| r.contains("L Librarian, 1 June 2024 Older than the last amendment")), "{rows:?}");
    let csv = f.read("out/references/references.csv");
    let lines: Vec<_> = csv.lines().collect();
    assert_eq!(lines.len(), 4);
    assert_eq!(
        lines[2],
        "POL/001/002,Test Document POL/001/002,internal,POL/001/099,,unknown,,,,L Librarian,2024-06-01,yes"
    );
}
