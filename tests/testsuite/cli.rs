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
    assert_eq!(
        r["summary"],
        serde_json::json!({ "documents": 2, "errors": 3, "warnings": 0, "notes": 0, "blocks_ratification": 0 })
    );
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

/// `--today` anywhere, and every date option, read `2026-11-23` and
/// `23/11/2026` alike, as documents do.
#[test]
fn dates_are_read_as_documents_write_them_and_both_forms_agree() {
    let f = crate::ratify::ready();
    let check = |today: &str| stdout(&f.run(&["check", "content", "--format", "json", "--today", today]));
    assert_eq!(check("02/02/2026"), check("2026-02-02"));
    assert_ne!(check("02/02/2030"), check("2026-02-02"), "the checks use --today");
    let global = f.run(&["--today", "02/02/2026", "check", "content", "--format", "json"]);
    assert_eq!(stdout(&global), check("2026-02-02"), "--today before the command too");
    let ratify = |date: &str, review: &str| {
        let decision = ["ratify", "CORP/STRAT/003", "content", "--by", "Policy Group", "--date", date];
        let more = ["--review-date", review, "--summary", "Reviewed", "--dry-run", "--today", "02/02/2026"];
        f.run(&[&decision[..], &more[..]].concat())
    };
    let (uk, iso) = (ratify("01/02/2026", "01/02/2029"), ratify("2026-02-01", "2029-02-01"));
    assert_eq!(uk.status.code(), Some(0), "{}", stderr(&uk));
    assert_eq!(stdout(&uk), stdout(&iso));
    assert!(stdout(&uk).contains("  status: ratified, by Policy Group on 1 February 2026\n"), "{}", stdout(&uk));
    assert!(stdout(&uk).contains("  review date: 1 February 2029\n"), "{}", stdout(&uk));
}

#[test]
fn an_impossible_date_is_bad_usage_that_names_the_forms_accepted() {
    let f = Fixture::new(&[("a.md", &clean("POL/001/001", "", "## B\n\nT.\n"))]);
    let runs = [
        vec!["check", "content", "--today", "31/02/2026"],
        vec!["build", "content", "--today", "13/25/2020"],
        vec!["search", "x", "content", "--today", "09-01-2020"],
        vec!["check", "content", "--today", "2026-03"],
        vec!["ratify", "POL/001/001", "--by", "G", "--date", "31/04/2026"],
        vec!["ratify", "POL/001/001", "--by", "G", "--date", "2026-04-01", "--review-date", "2029-02-30"],
    ];
    for args in runs {
        let out = f.run(&args);
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        assert!(stderr(&out).contains("write 2020-09-01 or 01/09/2020"), "{args:?}: {}", stderr(&out));
    }
    let out = f.run(&["check", "content", "--today", "31/02/2026"]);
    assert!(stderr(&out).contains("`31/02/2026` is not a date (February has no day 31)"), "{}", stderr(&out));
}

/// Commands that date nothing accept `--today` too, so that a script can
/// give it to every command. `diff` and `search` publish as of `--today`,
/// but nothing they print depends on the day: the output is the same.
#[test]
fn every_command_accepts_today() {
    let f = crate::ratify::ready();
    let with = |args: &[&str]| f.run(&[args, &["--today", "2026-02-02"][..]].concat());
    let fingerprint = ["fingerprint", crate::ratify::V3];
    assert_eq!(with(&fingerprint).status.code(), Some(0), "{}", stderr(&with(&fingerprint)));
    assert_eq!(stdout(&with(&fingerprint)), stdout(&f.run(&fingerprint)));
    let lock = with(&["lock", "content"]);
    assert_eq!(lock.status.code(), Some(0), "{}", stderr(&lock));
    for args in [&["search", "security", "content", "--json"][..], &["diff", "CORP/STRAT/003", "content"]] {
        let (given, system) = (with(args), f.run(args));
        assert_eq!(given.status.code(), Some(0), "{args:?}: {}", stderr(&given));
        assert_eq!(stdout(&given), stdout(&system), "{args:?}: no date shows in its output");
    }
    f.write("in/lone.txt", "Lone Working Policy\n\n1. Scope\n\nThis policy applies to all staff.\n");
    let import = with(&["import", "in/lone.txt", "--out", "imported"]);
    assert_ne!(import.status.code(), Some(2), "{}", stderr(&import));
    assert!(stdout(&import).contains("imported in/lone.txt"), "{}", stdout(&import));
}

#[test]
fn the_search_status_filter_is_current_any_or_one_status_in_any_case() {
    let f = crate::search_library::library();
    let ids = |status: &str| {
        let out = f.run(&["search", "pagers", "content", "--json", "--status", status]);
        assert_eq!(out.status.code(), Some(0), "{status}: {}", stderr(&out));
        let found: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
        found["results"].as_array().unwrap().iter().map(|r| r["id"].as_str().unwrap().to_string()).collect::<Vec<_>>()
    };
    assert!(ids("current").is_empty(), "superseded versions are not current");
    assert_eq!(ids("any"), ["POL/002/057"]);
    assert_eq!(ids("superseded"), ["POL/002/057"]);
    assert_eq!(ids("Superseded"), ["POL/002/057"], "a status in any case");
    assert!(ids("ratified").is_empty());
    let out = f.run(&["search", "pagers", "content", "--status", "old"]);
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(
        stderr(&out),
        "error: --status old: choose current, any or one of draft, consultation, ratified, superseded, withdrawn\n"
    );
}

#[test]
fn import_errors_are_cleaned_for_the_terminal_like_every_other() {
    let f = Fixture::new(&[]);
    f.write("in/evil\u{1b}]0;owned\u{7}\u{1b}[31m.doc", "not a document");
    f.write("in/plain.txt", "Lone Working Policy\n\n1. Scope\n\nThis policy applies to all staff.\n");
    let out = f.run(&["import", "in/plain.txt", "in/evil\u{1b}]0;owned\u{7}\u{1b}[31m.doc", "--today", "2026-01-01"]);
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    let text = stdout(&out);
    assert!(text.contains("error: in/evil.doc: a Word 97-2003 .doc file"), "{text:?}");
    assert_eq!(controls(&text), vec![], "{text:?}");
}

#[test]
fn the_summary_counts_documents_and_their_versions_apart() {
    let current = clean("POL/001/001", "", "## Scope\n\nText.\n");
    let draft = doc("POL/001/001", "2", "draft", "", "## Scope\n\nNew text.\n");
    let f = Fixture::new(&[("a.md", &current), ("a2.md", &draft), ("b.md", &clean("POL/001/002", "", "## B\n\nT.\n"))]);
    let text = stdout(&f.run(&["check", "content"]));
    assert!(text.contains("\n2 documents (3 versions) checked: "), "{text}");
    let one = stdout(&f.run(&["check", "content", "POL/001/002"]));
    assert!(one.starts_with("1 document checked: ") && !one.contains("version"), "{one}");
    let out = f.run(&["build", "content", "--out", "out", "--no-pdf"]);
    assert!(stderr(&out).contains("pages into"), "{}", stderr(&out));
}
