//! The checks, reviews and references pages, and the references CSV.

use crate::common::*;

fn fixture() -> Fixture {
    let overdue = clean("POL/001/002", "references_checked: { by: L Librarian, date: 2024-06-01 }\nreferences: [{ title: Violence Guide, publisher: NHS Employers, year: \"2013\", url: \"https://example.org/guide\" }]\n", "## Scope\n\nSee POL/001/001 and POL/001/099.\n\n### Local security {role=lsms}\n\n[x](#nowhere)\n")
        .replace("review_date: 2028-01-10", "review_date: 2026-01-01")
        .replace("directorate: Governance", "directorate: Estates");
    let f = Fixture::new(&[("a.md", &clean("POL/001/001", "", "## Scope\n\nText.\n")), ("b.md", &overdue)]);
    f.run(&["lock", "content"]);
    f
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
    let h2 = ["Review date passed (1)", "Due for review soon (0)", "In date (1)", "Review dates in your calendar"];
    assert_eq!(select_texts(&html, "h2"), h2);
    let h3 = ["Estates", "Governance", "Calendars by owner", "Calendars by directorate"];
    assert_eq!(select_texts(&html, "h3"), h3);
    assert!(select_texts(&html, "tbody tr")[0].contains("A Author"), "shows the owner");
}

#[test]
fn references_page_and_csv_list_every_reference_and_place_with_its_section_by_document() {
    let f = fixture();
    f.build(&[]);
    let html = f.read("out/references/index.html");
    assert_eq!(select_texts(&html, ".td-ref-group h2"), vec!["Test Document POL/001/002 POL/001/002"]);
    assert_eq!(
        select_texts(&html, ".td-ref-group > .td-caption"),
        vec!["References checked: L Librarian, 1 June 2024 Older than the last amendment"]
    );
    let rows = select_texts(&html, "tbody tr");
    assert_eq!(
        rows,
        vec![
            "Test Document POL/001/001 (POL/001/001) Internal 1 Scope line 23 ok 2026-11-23",
            "POL/001/099 Internal 1 Scope line 23 not in this library 2026-11-23",
            "Violence Guide NHS Employers (2013) External References line 19 not checked",
        ]
    );
    let cited_in = select_attrs(&html, "tbody td:nth-child(3) a", "href");
    assert_eq!(cited_in[0], "../documents/pol-001-002/#scope");
    assert_eq!(cited_in[2], "../documents/pol-001-002/#td-references");
    // Only what needs attention, on a page of its own that works without JavaScript.
    let problems = f.read("out/references/problems/index.html");
    assert_eq!(
        select_texts(&problems, "tbody tr"),
        vec!["POL/001/099 Internal 1 Scope line 23 not in this library 2026-11-23"]
    );
    assert!(select_attrs(&html, "nav a", "href").contains(&"../references/problems/".to_string()));
    let csv = f.read("out/references/references.csv");
    let lines: Vec<_> = csv.lines().collect();
    assert_eq!(lines.len(), 4);
    assert_eq!(
        lines[2],
        "POL/001/002,Test Document POL/001/002,internal,POL/001/099,,not in this library,,,,L Librarian,2024-06-01,yes,1 Scope,23,2026-11-23,"
    );
}
