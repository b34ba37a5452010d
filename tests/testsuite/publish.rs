//! What a build publishes and leaves out: the publish report, `--deny`, and
//! the notice on a page in force that has errors.

use crate::common::*;

#[test]
fn the_public_copy_of_the_example_library_reports_what_went_out_and_why_the_rest_did_not() {
    let f = Fixture::example();
    let out = f.build(&["--public"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let err = stderr(&out);
    assert!(err.contains("published (public copy): 1 document, 1 version (1 ratified)"), "{err}");
    assert!(err.contains("  published: CORP/STRAT/003 Security Management Strategy (version 3, ratified)"), "{err}");
    assert!(err.contains("  left out:  CORP/STRAT/004 Security Strategy 2021-2024 (version 1, ratified): has errors (1 error; `trustdocs check` lists them)"), "{err}");
    assert!(
        err.contains("  left out:  POL/002/015 Security Management Policy (version 1, ratified): not public"),
        "{err}"
    );
    assert!(
        err.contains("  left out:  CORP/STRAT/001 Strategy for Security Management (version 1, ratified): not public"),
        "{err}"
    );
    let report: serde_json::Value = serde_json::from_str(&f.read("out/.trustdocs/publish-report.json")).unwrap();
    assert_eq!(report["copy"], "public");
    assert_eq!(report["published"]["list"][0]["id"], "CORP/STRAT/003");
    assert_eq!(report["left_out"]["by_reason"], serde_json::json!({ "has errors": 1, "not public": 3 }));
    assert!(report["left_out"]["list"].is_null(), "the public copy names nothing it left out");
    for item in report["published"]["list"].as_array().unwrap() {
        assert!(item.get("file").is_none() && item.get("errors").is_none(), "no source file in public: {item}");
    }
    assert!(!f.path("out/documents/corp-strat-004").exists());
}

#[test]
fn the_intranet_report_lists_every_version_left_out() {
    let draft = doc("POL/001/001", "2", "draft", "", "## Scope\n\nNew.\n");
    let f = Fixture::new(&[("a.md", &clean("POL/001/001", "", "## Scope\n\nText.\n")), ("a-v2.md", &draft)]);
    let out = f.build(&[]);
    assert!(stderr(&out).contains("published (intranet copy): 1 document, 1 version (1 ratified)\nleft out: 1 version (1 draft: built only with --drafts)\n"), "{}", stderr(&out));
    let report: serde_json::Value = serde_json::from_str(&f.read("out/.trustdocs/publish-report.json")).unwrap();
    assert_eq!(report["left_out"]["list"][0]["file"], "content/documents/a-v2.md");
    assert_eq!(report["published"]["list"][0]["page"], "documents/pol-001-001/");
    let with_drafts = f.build(&["--drafts"]);
    assert!(stderr(&with_drafts).contains("2 versions (1 draft, 1 ratified)"), "{}", stderr(&with_drafts));
    assert!(f.path("out/documents/pol-001-001/v2/index.html").is_file(), "the draft beside the version in force");
}

#[test]
fn deny_errors_refuses_to_publish_the_example_library_and_leaves_dist_as_it_was() {
    let f = Fixture::example();
    assert!(f.run(&["build", "content", "--no-pdf", "--today", "2026-11-23"]).status.success());
    let before = snapshot(&f.path("dist"));
    f.write("content/documents/new.md", clean("POL/009/001", "", "## Scope\n\nText.\n"));
    let out = f.run(&["build", "content", "--no-pdf", "--today", "2026-11-23", "--deny", "errors"]);
    assert_eq!(out.status.code(), Some(1));
    let err = stderr(&out);
    // The example library's 21, and H011: the new document has no lock entry.
    assert!(err.contains("refusing to publish (--deny errors): the checks found 22 errors and"), "{err}");
    assert!(err.contains("dist was left as it was; `trustdocs check content` lists them"), "{err}");
    assert_eq!(snapshot(&f.path("dist")), before);
    assert!(leftovers(f.tmp.path()).is_empty());
}

#[test]
fn deny_warnings_refuses_warnings_and_a_clean_library_publishes() {
    let f = Fixture::new(&[("a.md", &clean("POL/001/001", "", "## Scope\n\nText.\n"))]);
    f.run(&["lock", "content"]);
    assert_eq!(f.build(&["--deny", "warnings"]).status.code(), Some(0));
    f.write(
        "content/documents/b.md",
        clean("POL/001/002", "", "## Scope\n\n## Empty\n\nText.\n")
            .replace("## Scope\n\n## Empty", "## Scope\n## Empty"),
    );
    f.run(&["lock", "content"]);
    let out = f.build_failing(&["--deny", "warnings"]);
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    assert!(stderr(&out).contains("the checks found 0 errors and 1 warning"), "{}", stderr(&out));
    assert_eq!(f.build(&["--deny", "errors"]).status.code(), Some(0));
}

#[test]
fn a_page_in_force_with_errors_stays_on_the_intranet_with_a_notice_and_leaves_the_public_copy() {
    let f = Fixture::new(&[("a.md", &clean("POL/001/001", "public: true\n", "## Scope\n\nSee POL/001/099.\n"))]);
    f.run(&["lock", "content"]);
    assert!(f.build(&[]).status.success());
    let page = f.read("out/documents/pol-001-001/index.html");
    let notice = select_texts(&page, ".td-notice--findings");
    assert_eq!(notice.len(), 1, "{page}");
    assert!(notice[0].starts_with("For the governance team: the checks found 1 error in this version."), "{notice:?}");
    let link = select_attrs(&page, ".td-notice--findings a", "href");
    assert_eq!(link, ["../../checks/index.html#file-content-documents-a-md"]);
    let checks = f.read("out/checks/index.html");
    assert_eq!(select_attrs(&checks, "section.td-check-group", "id"), ["file-content-documents-a-md"]);
    assert!(f.build(&["--public"]).status.success());
    assert!(!f.path("out/documents/pol-001-001").exists(), "the public copy leaves out a document with errors");
}
