//! One fixture per schema code (S001–S006): code, file, line and column.

use crate::common::*;

fn single(report: &serde_json::Value, code: &str) -> serde_json::Value {
    let found = with_code(report, code);
    assert_eq!(found.len(), 1, "expected one {code}, got {:#}", report["diagnostics"]);
    found[0].clone()
}

#[test]
fn s001_missing_unclosed_and_invalid_front_matter() {
    let f = Fixture::new(&[
        ("none.md", "## Just a body\n"),
        ("unclosed.md", "---\nid: POL/001/001\ntitle: X\n"),
        ("bad.md", "---\nid: POL/001/002\ntitle: [unclosed\n---\n## Body\n"),
    ]);
    let r = f.check_json();
    let s001 = with_code(&r, "S001");
    let files: Vec<_> = s001.iter().map(|d| (d["file"].as_str().unwrap(), d["line"].as_u64().unwrap())).collect();
    assert_eq!(
        files,
        vec![("content/documents/bad.md", 4), ("content/documents/none.md", 1), ("content/documents/unclosed.md", 1)],
        "{s001:#?}"
    );
    assert!(s001[2]["message"].as_str().unwrap().contains("not closed"));
}

#[test]
fn s002_unknown_key_suggests_the_closest() {
    let f =
        Fixture::new(&[("a.md", &doc("POL/001/001", "1", "ratified", "reveiw_extension: x\n", "## Body\n\nText.\n"))]);
    let d = single(&f.check_json(), "S002");
    assert_eq!(d["file"], "content/documents/a.md");
    assert_eq!((d["line"].as_u64(), d["column"].as_u64()), (Some(11), Some(1)));
    assert_eq!(d["document"], "POL/001/001");
    assert_eq!(d["help"], "did you mean `review_extension`?");
}

#[test]
fn s003_names_the_key_and_the_status_that_requires_it() {
    let text = "---\nid: POL/001/001\ntitle: T\ntype: policy\nversion: \"1\"\nstatus: ratified\ndirectorate: Governance\nauthor: { name: A }\nratified: { by: Group, date: 2025-01-01 }\n---\n## Body\n\nText.\n";
    let f = Fixture::new(&[("a.md", text)]);
    let d = single(&f.check_json(), "S003");
    assert_eq!((d["line"].as_u64(), d["column"].as_u64()), (Some(6), Some(9)), "points at the status value");
    let msg = d["message"].as_str().unwrap();
    assert!(msg.contains("review_date") && msg.contains("ratified"), "{msg}");
}

#[test]
fn s004_wrong_kinds_each_at_their_value() {
    let extra = "published: 31/02/2020\ncontact: not-an-email\nnhs_constitution: { principles: [1, 9] }\n";
    let text =
        doc("POL/001/001", "1.x", "ratifyed", extra, "## Body\n\nText.\n").replace("type: policy", "type: polcy");
    let f = Fixture::new(&[("a.md", &text)]);
    let r = f.check_json();
    let s004: Vec<(u64, u64)> =
        with_code(&r, "S004").iter().map(|d| (d["line"].as_u64().unwrap(), d["column"].as_u64().unwrap())).collect();
    // type, version, status, published, contact, constitution principle 9
    assert_eq!(s004, vec![(4, 7), (5, 10), (6, 9), (11, 12), (12, 10), (13, 37)], "{:#}", r["diagnostics"]);
    let type_help = with_code(&r, "S004")[0]["help"].clone();
    assert_eq!(type_help, "did you mean `policy`?");
    let date = with_code(&r, "S004")[3]["message"].as_str().unwrap().to_string();
    assert!(date.contains("February has no day 31"), "{date}");
}

#[test]
fn s004_rejects_ambiguous_dates() {
    for bad in ["13/25/2020", "09-01-2020"] {
        let f = Fixture::new(&[(
            "a.md",
            &doc("POL/001/001", "1", "ratified", &format!("published: {bad}\n"), "## B\n\nT.\n"),
        )]);
        let d = single(&f.check_json(), "S004");
        assert_eq!(d["line"], 11, "{bad}");
    }
}

#[test]
fn s005_two_current_versions_and_duplicate_versions() {
    let f = Fixture::new(&[
        ("v1.md", &doc("POL/001/001", "1", "ratified", "", "## B\n\nT.\n")),
        ("v2.md", &doc("pol/001/001", "2", "ratified", "", "## B\n\nT.\n")),
        ("x1.md", &doc("POL/001/002", "1", "superseded", "", "## B\n\nT.\n")),
        ("x1-copy.md", &doc("POL/001/002", "1.0", "superseded", "", "## B\n\nT.\n")),
    ]);
    let r = f.check_json();
    let s005 = with_code(&r, "S005");
    let at: Vec<_> =
        s005.iter().map(|d| (d["file"].as_str().unwrap().to_string(), d["line"].as_u64().unwrap())).collect();
    assert_eq!(
        at,
        vec![("content/documents/v1.md".to_string(), 6), ("content/documents/x1-copy.md".to_string(), 2)],
        "{s005:#?}"
    );
}

#[test]
fn s006_non_utf8_file_and_settings_problems() {
    let f = Fixture::new(&[("ok.md", &doc("POL/001/001", "1", "ratified", "", "## B\n\nT.\n"))]);
    f.write("content/documents/latin1.md", b"---\nid: POL/001/002\ntitle: Caf\xe9\n---\n".as_slice());
    f.write("content/site.yaml", format!("{SITE}numbr_sections: false\n"));
    f.write("content/roles.yaml", "- id: lsms\n");
    let r = f.check_json();
    let s006 = with_code(&r, "S006");
    let at: Vec<_> = s006
        .iter()
        .map(|d| (d["file"].as_str().unwrap().to_string(), d["line"].as_u64().unwrap(), d["column"].as_u64().unwrap()))
        .collect();
    assert_eq!(
        at,
        vec![
            ("content/documents/latin1.md".into(), 3, 11),
            ("content/roles.yaml".into(), 1, 3),
            ("content/site.yaml".into(), 4, 1),
        ]
    );
    assert_eq!(s006[2]["help"], "did you mean `number_sections`?");
    assert!(s006.iter().all(|d| d["document"].is_null() || d["file"] == "content/documents/latin1.md"));
}

#[test]
fn a_bad_document_does_not_stop_the_others() {
    let f = Fixture::new(&[
        ("good.md", &doc("POL/001/001", "1", "ratified", "", "## B\n\nT.\n")),
        ("bad.md", "---\nid: [\n---\n"),
    ]);
    let out = f.build(&[]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(f.path("out/documents/pol-001-001/index.html").exists());
}

/// The summary line `check` prints last, and the one `build` prints: the same counts.
fn summaries(run: &dyn Fn(&[&str]) -> std::process::Output) -> (String, String, Option<i32>, Option<i32>) {
    let check = run(&["check", "content", "--today", "2026-11-23"]);
    let build = run(&["build", "content", "--out", "out", "--no-pdf", "--today", "2026-11-23"]);
    let line = |text: String| text.lines().find(|l| l.contains("checked:")).unwrap_or_default().to_string();
    (line(stdout(&check)), line(stderr(&build)), check.status.code(), build.status.code())
}

#[test]
fn s006_empty_or_unreadable_settings_files_and_check_and_build_agree() {
    // An empty site.yaml: no site can be built; check says why, and build says the same.
    let f = Fixture::new(&[("ok.md", &clean("POL/001/001", "", "## B\n\nT.\n"))]);
    f.write("content/site.yaml", "");
    let s006 = single(&f.check_json(), "S006");
    assert_eq!(s006["file"], "content/site.yaml");
    assert!(s006["message"].as_str().unwrap().contains("empty"), "{s006}");
    let (check, build, check_code, build_code) = summaries(&|a| f.run(a));
    assert_eq!((check_code, build_code), (Some(1), Some(1)));
    assert_eq!(check, build, "the same findings");
    let out = f.build_failing(&[]);
    assert!(stderr(&out).contains("site.yaml is empty"), "{}", stderr(&out));

    // Comments only in roles.yaml, and a folder where glossary.yaml should be.
    f.write("content/site.yaml", SITE);
    f.write("content/roles.yaml", "# to do\n\n");
    std::fs::create_dir_all(f.path("content/glossary.yaml")).unwrap();
    let r = f.check_json();
    let mut files: Vec<String> =
        with_code(&r, "S006").iter().map(|d| d["file"].as_str().unwrap().to_string()).collect();
    files.sort();
    assert_eq!(files, ["content/glossary.yaml", "content/roles.yaml"], "{:#}", r["diagnostics"]);
    let (check, build, check_code, build_code) = summaries(&|a| f.run(a));
    assert_eq!(check, build, "the same findings");
    assert_eq!((check_code, build_code), (Some(1), Some(0)), "errors; the site can still be built");
}

#[cfg(unix)]
#[test]
fn s006_an_unreadable_folder_or_asset_and_check_and_build_agree() {
    use std::os::unix::fs::PermissionsExt;
    let f = Fixture::new(&[
        ("ok.md", &clean("POL/001/001", "", "## B\n\nThe [form](../assets/form.pdf) and [map](../assets/map.txt).\n")),
        ("locked/hidden.md", &clean("POL/001/002", "", "## B\n\nT.\n")),
    ]);
    f.write("content/assets/form.pdf", "%PDF-1.4 locked");
    f.write("content/assets/map.txt", "a map");
    for p in ["content/documents/locked", "content/assets/form.pdf"] {
        std::fs::set_permissions(f.path(p), std::fs::Permissions::from_mode(0o000)).unwrap();
    }
    let out = f.run_unprivileged(&["check", "content", "--format", "json", "--today", "2026-11-23"]);
    let r: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let mut at: Vec<(String, String)> = with_code(&r, "S006")
        .iter()
        .map(|d| (d["file"].as_str().unwrap().to_string(), d["message"].as_str().unwrap().to_string()))
        .collect();
    at.sort();
    assert_eq!(at.len(), 2, "{at:?}");
    assert_eq!(at[0].0, "content/assets/form.pdf");
    assert!(at[0].1.contains("cannot read this file"), "{at:?}");
    assert_eq!(at[1].0, "content/documents/locked");
    assert!(at[1].1.contains("cannot read this folder"), "{at:?}");
    assert!(with_code(&r, "X006").is_empty(), "the link to the unreadable file is not called missing");
    let (check, build, check_code, build_code) = summaries(&|a| f.run_unprivileged(a));
    assert_eq!(check, build, "the same findings");
    assert_eq!((check_code, build_code), (Some(1), Some(0)));
    assert_eq!(f.read("out/assets/map.txt"), "a map", "the rest is built");
    assert!(!f.path("out/assets/form.pdf").exists());
    for p in ["content/documents/locked", "content/assets/form.pdf"] {
        std::fs::set_permissions(f.path(p), std::fs::Permissions::from_mode(0o755)).unwrap();
    }
}
