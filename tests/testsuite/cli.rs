//! The command line: JSON shape and order, human output, exit codes.

use crate::common::*;

#[test]
fn json_matches_the_spec_shape_and_is_sorted() {
    let f = Fixture::new(&[
        ("b.md", &clean("POL/001/002", "colour: blue\n", "## B\n\nT.\n")),
        ("a.md", &doc("POL/001/001", "1", "ratifed", "size: 2\n", "## B\n\nT.\n")),
    ]);
    f.run(&["lock", "content"]);
    let r = f.check_json();
    let diags = r["diagnostics"].as_array().unwrap();
    let keys: Vec<_> = diags[0].as_object().unwrap().keys().cloned().collect();
    let mut expected =
        ["code", "severity", "document", "file", "line", "column", "message", "help"].map(String::from).to_vec();
    expected.sort();
    let mut got = keys.clone();
    got.sort();
    assert_eq!(got, expected);
    let order: Vec<_> =
        diags.iter().map(|d| (d["file"].as_str().unwrap().to_string(), d["line"].as_u64().unwrap())).collect();
    let mut sorted = order.clone();
    sorted.sort();
    assert_eq!(order, sorted);
    assert_eq!(r["summary"], serde_json::json!({ "documents": 2, "errors": 3, "warnings": 0, "notes": 0 }));
}

#[test]
fn exit_codes_0_1_2() {
    let ok = Fixture::new(&[("a.md", &clean("POL/001/001", "", "## B\n\nT.\n"))]);
    assert_eq!(ok.run(&["check", "content"]).status.code(), Some(0));
    let bad = Fixture::new(&[("a.md", &clean("POL/001/001", "colour: blue\n", "## B\n\nT.\n"))]);
    assert_eq!(bad.run(&["check", "content"]).status.code(), Some(1));
    assert_eq!(bad.run(&["check", "no-such-folder"]).status.code(), Some(2));
    assert_eq!(bad.run(&["check", "content", "--today", "31/11/2026"]).status.code(), Some(2));
    assert_eq!(bad.run(&["check", "content", "--format", "xml"]).status.code(), Some(2));
}

#[test]
fn human_output_points_at_the_line() {
    let f = Fixture::new(&[("a.md", &clean("POL/001/001", "reveiw_date: 2020-01-01\n", "## B\n\nT.\n"))]);
    f.run(&["lock", "content"]);
    let out = f.run(&["check", "content"]);
    let text = stdout(&out);
    assert!(text.contains("error[S002]: unknown key `reveiw_date` in the front matter"), "{text}");
    assert!(text.contains("--> content/documents/a.md:18:1"), "{text}");
    assert!(text.contains("reveiw_date: 2020-01-01"), "shows the source line: {text}");
    assert!(text.contains("help: did you mean `review_date`?"), "{text}");
    assert!(text.contains("1 document checked: 1 error, 0 warnings, 0 notes"), "{text}");
    assert!(!text.contains('\u{1b}'), "no colour when not a terminal");
}

#[test]
fn help_is_available_for_every_command() {
    let f = Fixture::new(&[]);
    for cmd in [vec!["--help"], vec!["build", "--help"], vec!["check", "--help"]] {
        let out = f.run(&cmd);
        assert!(out.status.success());
        assert!(stdout(&out).contains("Usage: trustdocs"));
    }
}

/// Control characters that would reach a terminal: C0 but newline and tab, DEL, C1.
fn controls(text: &str) -> Vec<char> {
    text.chars().filter(|c| c.is_control() && *c != '\n' && *c != '\t').collect()
}

#[test]
fn text_from_documents_never_reaches_a_terminal_as_control_sequences() {
    // In YAML the escapes are written as escapes; in the body they are raw.
    let title = "title: \"Evil \\e]0;pwned\\a\\e[2J\\e[31mTitle\\x9b1m\"";
    let raw = "\u{1b}[2J\u{1b}]0;owned\u{7}\u{9b}31m\u{1b}[8m";
    let evil =
        clean("POL/001/001", "\"bad\\ekey\": 1\n", &format!("## Scope\n\nLone working{raw} rules <b>{raw}</b>.\n"))
            .replace("title: Test Document POL/001/001", title);
    let citing = clean("POL/001/002", "", "## Scope\n\nSee the Wrong Title (POL/001/001) for lone working.\n");
    let f = Fixture::new(&[("a.md", &evil), ("b.md", &citing)]);
    let check = f.run(&["check", "content"]);
    let text = stdout(&check);
    assert!(text.contains("error[S002]") && text.contains("X004") && text.contains("C005"), "{text}");
    assert!(text.contains("which is \"Evil Title\""), "the sequences are removed, the text kept: {text}");
    assert_eq!(controls(&text), vec![], "check: {text:?}");

    let search = f.run(&["search", "lone working", "content"]);
    assert!(stdout(&search).contains("POL/001/001"), "{}", stdout(&search));
    assert_eq!(controls(&stdout(&search)), vec![], "search: {:?}", stdout(&search));
    assert_eq!(controls(&stderr(&search)), vec![]);

    // A build that fails prints its errors: the same cleaning.
    f.write("content/site.yaml", "short_name: TNT\n");
    let build = f.build_failing(&[]);
    assert_eq!(build.status.code(), Some(1));
    assert!(stderr(&build).contains("error[S002]"), "{}", stderr(&build));
    assert_eq!(controls(&stderr(&build)), vec![], "build: {:?}", stderr(&build));
}
