//! Role matrix, role pages, EIA register, glossary, and the machine-readable
//! files (catalogue, Atom feed, iCalendar, sitemap).

use crate::common::*;

/// Role sections in two documents, an EIA with a negative impact and an
/// action plan, a document without an EIA, a glossary
/// (`tests/fixtures/library-pages/`).
fn fixture() -> Fixture {
    Fixture::from_folder("library-pages")
}

#[test]
fn role_matrix_links_each_cell_to_the_section() {
    let f = fixture();
    assert!(f.build(&[]).status.success());
    let html = f.read("out/roles/index.html");
    assert_eq!(select_texts(&html, "thead th a"), vec!["POL/001/001", "POL/001/002"]);
    let links = select_attrs(&html, "tbody td a", "href");
    assert_eq!(
        links,
        vec!["../documents/pol-001-001/#local-security-management-specialist", "../documents/pol-001-002/#lsms-duties"]
    );
    // On a phone the matrix gives way to a list per role, with the same links.
    let listed = select_attrs(&html, ".td-role-list__item .td-plain-list a", "href");
    assert_eq!(listed, links);
    assert_eq!(select_texts(&html, ".td-role-list__title"), vec!["Local Security Management Specialist"]);
}

#[test]
fn role_page_gathers_the_text_of_each_section() {
    let f = fixture();
    f.build(&[]);
    let html = f.read("out/roles/lsms/index.html");
    assert_eq!(select_texts(&html, "h1"), vec!["Local Security Management Specialist"]);
    let bodies = select_texts(&html, ".td-role-section .td-body");
    assert_eq!(bodies.len(), 2);
    assert!(
        bodies[0].contains("reviews incidents") && bodies[0].contains("Monthly"),
        "includes sub-sections: {bodies:?}"
    );
    assert!(!bodies[0].contains("Other"), "stops at the next section: {bodies:?}");
}

#[test]
fn eia_register_lists_negative_impacts_first_and_missing_assessments() {
    let f = fixture();
    f.build(&[]);
    let html = f.read("out/eia/index.html");
    let rows = select_texts(&html, ".td-eia-table tbody tr");
    assert!(rows[0].starts_with("Test Document POL/001/001") && rows[0].contains("Negative"), "{rows:?}");
    assert!(select_texts(&html, "section h2")[0].contains("Action plan"));
    assert!(select_texts(&html, "td").iter().any(|t| t == "30 June 2026"));
    assert_eq!(
        select_texts(&html, "ul.td-plain-list li"),
        vec!["Test Document POL/001/003 (POL/001/003, policy, Governance)"]
    );
}

#[test]
fn eia_register_shows_overdue_actions_first_with_their_leads() {
    let f = fixture();
    let mut c = f.read("content/documents/c.md").replace("## Scope", "## Scope\n\nT.\n\n## More");
    let plan = format!("{EIA}  action_plan:\n    - {{ action: Braille copy, lead: Patient Experience Team, due: 2026-01-31 }}\n    - {{ action: Audit, due: 2026-09-30 }}\n    - {{ action: Briefing, lead: LSMS, due: 2026-02-28, done: 2026-02-27 }}\n    - {{ action: Review, lead: LSMS, due: 2027-02-28 }}\n");
    c = c.replace("---\n## Scope", &format!("{plan}---\n## Scope"));
    f.write("content/documents/c.md", &c);
    assert!(f.build(&[]).status.success());
    let html = f.read("out/eia/index.html");
    assert_eq!(select_texts(&html, "h2")[0], "Overdue actions");
    assert_eq!(
        select_texts(&html, ".td-overdue-table tbody tr"),
        vec![
            "Braille copy Patient Experience Team 31 January 2026 296 days overdue Test Document POL/001/003 POL/001/003",
            "Easy read version Equality Lead 30 June 2026 146 days overdue Test Document POL/001/001 POL/001/001",
            "Audit Not given 30 September 2026 54 days overdue Test Document POL/001/003 POL/001/003",
        ]
    );
    let page = f.read("out/documents/pol-001-003/index.html");
    assert!(select_texts(&page, "td").iter().any(|t| t == "27 February 2026"), "the done date is shown");
}

#[test]
fn glossary_page_and_first_use_abbr() {
    let f = fixture();
    f.build(&[]);
    assert_eq!(select_texts(&f.read("out/glossary/index.html"), "dt"), vec!["LSMS"]);
    let page = f.read("out/documents/pol-001-001/index.html");
    assert_eq!(
        select_attrs(&page, ".td-body abbr", "title"),
        vec!["Local Security Management Specialist"],
        "only the first use"
    );
}

#[test]
fn catalogue_feed_calendar_and_sitemap() {
    let f = fixture();
    f.build(&[]);
    let cat: serde_json::Value = serde_json::from_str(&f.read("out/catalogue.json")).unwrap();
    let docs = cat["documents"].as_array().unwrap();
    assert_eq!(docs.len(), 3);
    assert_eq!(docs[0]["id"], "POL/001/001");
    assert_eq!(docs[0]["page"], "https://intranet.test.nhs.uk/documents/pol-001-001/");
    assert_eq!(docs[0]["ratified"], "2025-03-10");
    for key in ["title", "type", "version", "status", "directorate", "review_date", "public", "pdf", "related"] {
        assert!(docs[0].get(key).is_some(), "catalogue has {key}");
    }
    let atom = f.read("out/feed.atom");
    let first = atom.find("POL/001/001").unwrap();
    let second = atom.find("POL/001/002").unwrap();
    assert!(first < second, "newest ratified first");
    let ics = f.read("out/reviews.ics");
    assert_eq!(ics.matches("BEGIN:VEVENT").count(), 3);
    assert!(ics.contains("DTSTART;VALUE=DATE:20280110\r\n"));
    assert!(ics.lines().all(|l| l.len() <= 76));
    let sitemap = f.read("out/sitemap.xml");
    assert!(sitemap.contains("<loc>https://intranet.test.nhs.uk/documents/pol-001-002/</loc>"));
    assert!(sitemap.contains("<loc>https://intranet.test.nhs.uk/roles/</loc>"));
}

#[test]
fn an_ordinary_word_in_the_glossary_is_not_explained_where_a_sentence_starts() {
    let body =
        "## Duties\n\n- Prevent harm to staff.\n- Report it. Prevent it again.\n\nThe Trust takes part in Prevent.\n";
    let f = Fixture::new(&[("a.md", &clean("POL/001/001", "", body))]);
    f.write("content/glossary.yaml", "- term: Prevent\n  definition: The national PREVENT strategy.\n");
    f.build(&[]);
    let page = f.read("out/documents/pol-001-001/index.html");
    assert_eq!(select_texts(&page, "abbr[title='The national PREVENT strategy.']"), ["Prevent"], "{page}");
    assert!(page.contains("in <abbr"), "the one in the middle of a sentence: {page}");
    f.write(
        "content/glossary.yaml",
        "- term: Prevent\n  definition: The national PREVENT strategy.\n  match: always\n",
    );
    f.build(&[]);
    let page = f.read("out/documents/pol-001-001/index.html");
    assert!(page.contains("<li><abbr title=\"The national PREVENT strategy.\">Prevent</abbr> harm"), "{page}");
}
