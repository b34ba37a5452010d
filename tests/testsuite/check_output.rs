//! What the checks report and how: which documents each check looks at,
//! the repeats of one problem folded in the human output and the checks
//! page (one entry per place in the JSON), and the marker under a finding.

use crate::common::*;

/// POL/001/002 is overdue for review; POL/001/001 cites it three times,
/// twice on one line.
fn cited_three_times() -> Fixture {
    let target = clean("POL/001/002", "", "## S\n\nT.\n").replace("review_date: 2028-01-10", "review_date: 2026-01-10");
    let citing = clean("POL/001/001", "", "## S\n\nSee POL/001/002 and [it](doc:POL/001/002).\n\nAgain POL/001/002.\n");
    let f = Fixture::new(&[("a.md", &citing), ("b.md", &target)]);
    assert!(f.run(&["lock", "content"]).status.success(), "locked: no H007 for the library");
    f
}

#[test]
fn the_human_output_folds_the_repeats_of_one_problem_and_json_keeps_each_place() {
    let f = cited_three_times();
    let x005 = with_code(&f.check_json(), "X005");
    let places: Vec<_> = x005.iter().map(|d| (d["line"].as_u64().unwrap(), d["column"].as_u64().unwrap())).collect();
    assert_eq!(places, vec![(21, 5), (21, 21), (23, 7)]);
    let out = f.run(&["check", "content", "--today", "2026-11-23"]);
    let text = stdout(&out);
    assert_eq!(text.matches("warning[X005]").count(), 1, "{text}");
    assert!(
        text.contains("whose review date (10 January 2026) has passed (3 places: lines 21:5, 21:21, 23)\n  --> content/documents/a.md:21:5\n"),
        "{text}"
    );
    assert!(text.contains("21 | See POL/001/002 and [it](doc:POL/001/002).\n   |     ^^^^^^^^^^^\n"), "{text}");
    assert!(text.ends_with("2 documents checked: 0 errors, 4 warnings, 0 notes\n"), "every place counts: {text}");
}

#[test]
fn the_checks_page_folds_them_too() {
    let f = cited_three_times();
    assert!(f.build(&[]).status.success());
    let html = f.read("out/checks/index.html");
    let rows: Vec<String> = select_texts(&html, "tbody tr").into_iter().filter(|r| r.contains("X005")).collect();
    assert_eq!(rows.len(), 1, "{rows:?}");
    assert!(rows[0].contains("21:5") && rows[0].contains("(3 places: lines 21:5, 21:21, 23)"), "{rows:?}");
}

#[test]
fn the_marker_stops_before_the_punctuation_after_the_finding() {
    let f = Fixture::new(&[("a.md", &clean("POL/001/001", "", "## S\n\nSee POL/001/099.\n\nAnd [POL/001/098].\n"))]);
    let text = stdout(&f.run(&["check", "content", "--today", "2026-11-23"]));
    assert!(text.contains("21 | See POL/001/099.\n   |     ^^^^^^^^^^^\n"), "{text}");
    assert!(text.contains("23 | And [POL/001/098].\n   |      ^^^^^^^^^^^\n"), "{text}");
}

#[test]
fn the_same_id_twice_on_one_line_has_two_places() {
    let body = "## S\n\nThe Policy (POL/001/099). Again the Policy (POL/001/099).\n";
    let f = Fixture::new(&[("a.md", &clean("POL/001/001", "", body))]);
    let places: Vec<_> =
        with_code(&f.check_json(), "X001").iter().map(|d| (d["line"].clone(), d["column"].clone())).collect();
    assert_eq!(
        places,
        vec![(serde_json::json!(21), serde_json::json!(13)), (serde_json::json!(21), serde_json::json!(45))]
    );
    let text = stdout(&f.run(&["check", "content", "--today", "2026-11-23"]));
    assert!(text.contains("(2 places: lines 21:13, 21:45)"), "{text}");
}

#[test]
fn content_checks_leave_versions_on_record_alone_and_review_checks_look_at_the_version_in_force() {
    let mut site = SITE.to_string();
    site.push_str("deprecated_terms:\n  - { term: NHS Protect, advice: Closed in 2017. }\nplaceholders: [TBC]\n");
    let body = "## S\n\nNHS Protect, TBC, POL/001/099.\n\n## Empty\n\n## Raw\n\n<b>bold</b>\n\n# Top\n\n## 3 Numbered\n\n![](../assets/x.png)\n\n### Local Security Management Specialist\n\nT.\n";
    // Each version ratified on its own day, so that one is in force at a time (H009).
    let versions = |status: &str, version: &str| {
        doc("POL/001/001", version, status, "", body)
            .replace("review_date: 2028-01-10", "review_date: 2026-01-01")
            .replace("date: 2025-01-10", &format!("date: 2025-0{version}-10"))
    };
    let f = Fixture::new(&[
        ("v1.md", &versions("superseded", "1")),
        ("v2.md", &versions("withdrawn", "2")),
        ("v3.md", &versions("draft", "3")),
    ]);
    f.write("content/site.yaml", &site);
    f.write("content/assets/x.png", "png");
    let r = f.check_json();
    let in_file = |file: &str| -> Vec<String> {
        let mut c: Vec<String> = r["diagnostics"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|d| d["file"] == format!("content/documents/{file}"))
            .map(|d| d["code"].as_str().unwrap().to_string())
            .collect();
        c.sort();
        c.dedup();
        c
    };
    // On record: only the checks that look at every file.
    for file in ["v1.md", "v2.md"] {
        assert_eq!(in_file(file), vec!["X001"], "{file}: {:#}", r["diagnostics"]);
    }
    // In preparation: the content checks, and what would stop it being ratified (the
    // placeholder, the EIA) as warnings that block ratification; not the review
    // checks, whose date ratify sets.
    assert_eq!(
        in_file("v3.md"),
        vec!["C001", "C002", "C003", "C005", "C006", "C007", "G001", "H005", "P002", "Q001", "X001"]
    );
    let blocking: Vec<&str> = r["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|d| d["blocks_ratification"] == true)
        .map(|d| d["code"].as_str().unwrap())
        .collect();
    assert_eq!(blocking, vec!["Q001", "G001", "C002", "X001"], "{:#}", r["diagnostics"]);
}

#[test]
fn review_and_eia_checks_look_at_the_ratified_version_in_force_only() {
    let old = doc("POL/001/001", "1", "superseded", "", "## S\n\nT.\n")
        .replace("review_date: 2028-01-10", "review_date: 2020-01-01")
        .replace("date: 2025-01-10", "date: 2024-01-10");
    let now = doc(
        "POL/001/001",
        "2",
        "ratified",
        &format!("history:\n  - {{ version: \"2\", date: 2025-01-01, description: Second }}\n{EIA}"),
        "## S\n\nT.\n",
    );
    let draft = doc("POL/001/001", "3", "draft", "", "## S\n\nT.\n");
    let f = Fixture::new(&[("v1.md", &old), ("v2.md", &now), ("v3.md", &draft)]);
    let r = f.check_json();
    for code in ["R001", "R003", "Q001", "H005", "Q006"] {
        let on_record = with_code(&r, code).into_iter().filter(|d| d["file"] != "content/documents/v3.md").count();
        assert_eq!(on_record, 0, "{code}: {:#}", r["diagnostics"]);
    }
    // The draft is asked what it would lack once ratified: an EIA, a history.
    let draft: Vec<(&str, bool)> = r["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|d| d["file"] == "content/documents/v3.md")
        .map(|d| (d["code"].as_str().unwrap(), d["blocks_ratification"] == true))
        .collect();
    assert!(draft.contains(&("Q001", true)) && draft.contains(&("H005", false)), "{draft:?}");
}

#[test]
fn q005_says_what_the_action_lacks_in_plain_words() {
    let plan = format!(
        "{HISTORY}{EIA}  action_plan:\n    - {{ action: Easy read version }}\n    - {{ action: Audit, lead: LSMS }}\n"
    );
    let f = Fixture::new(&[("a.md", &doc("POL/001/001", "1", "ratified", &plan, "## S\n\nT.\n"))]);
    let messages: Vec<_> = with_code(&f.check_json(), "Q005").iter().map(|d| d["message"].clone()).collect();
    assert_eq!(
        messages,
        vec!["action \"Easy read version\" has no lead and no due date", "action \"Audit\" has no due date"]
    );
}

#[test]
fn the_checks_page_names_files_from_the_content_folder_however_it_was_given() {
    let f = Fixture::new(&[("a.md", &clean("POL/001/001", "", "## S\n\nSee POL/001/099.\n"))]);
    let absolute = f.path("content");
    let out = f.run(&["build", absolute.to_str().unwrap(), "--out", "out", "--no-pdf", "--today", "2026-11-23"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let html = f.read("out/checks/index.html");
    let captions = select_texts(&html, ".td-check-group .td-caption");
    assert!(captions.iter().any(|c| c.starts_with("content/documents/a.md: 1 error")), "{captions:?}");
    assert!(!html.contains(f.tmp.path().to_str().unwrap()), "no absolute path on the page");
}
