//! The command line: JSON shape and order, human output, exit codes.

mod common;
use common::*;

#[test]
fn json_matches_the_spec_shape_and_is_sorted() {
    let f = Fixture::new(&[
        ("b.md", &clean("POL/001/002", "colour: blue\n", "## B\n\nT.\n")),
        ("a.md", &doc("POL/001/001", "1", "ratifed", "size: 2\n", "## B\n\nT.\n")),
    ]);
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
    assert_eq!(bad.run(&["check", "content", "--today", "23/11/2026"]).status.code(), Some(2));
    assert_eq!(bad.run(&["check", "content", "--format", "xml"]).status.code(), Some(2));
}

#[test]
fn human_output_points_at_the_line() {
    let f = Fixture::new(&[("a.md", &clean("POL/001/001", "reveiw_date: 2020-01-01\n", "## B\n\nT.\n"))]);
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
