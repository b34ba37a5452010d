//! The library on a date: `trustdocs in-force`, the version timeline on
//! each document page, the `in-force/` page and its `in-force.json`, and
//! catalogue.json's `effective` and `in_force_until`.

use crate::common::*;
use serde_json::Value;

/// One version of a document, clean but for its dates; `extra` is more front matter.
fn version(id: &str, title: &str, v: &str, status: &str, ratified: &str, extra: &str) -> String {
    dated_version(id, title, v, status, ratified, extra, "## Scope\n\nText.\n")
}

/// POL/001/001: version 1 in force from 2020-01-10; version 2 ratified on
/// 2022-03-01 but in force from 2022-04-01; version 3 from 2023-05-01,
/// withdrawn on 2024-06-30. POL/001/002: a title a spreadsheet would run.
/// POL/001/003: a private version 1, then a public version 2.
fn library() -> Fixture {
    Fixture::new(&[
        ("a1.md", &version("POL/001/001", "Lone working", "1", "superseded", "2020-01-10", "")),
        ("a2.md", &version("POL/001/001", "Lone working", "2", "superseded", "2022-03-01", "effective: 2022-04-01\n")),
        (
            "a3.md",
            &version(
                "POL/001/001",
                "Lone working",
                "3",
                "withdrawn",
                "2023-05-01",
                "withdrawn: { by: Policy Group, date: 2024-06-30, reason: No longer needed }\n",
            ),
        ),
        ("b1.md", &version("POL/001/002", "=SUM(1+2) plan", "1", "ratified", "2021-01-10", "")),
        ("c1.md", &version("POL/001/003", "Secret first issue", "1", "superseded", "2019-02-01", "")),
        ("c2.md", &version("POL/001/003", "Visiting", "2", "ratified", "2021-02-01", "public: true\n")),
        ("c3.md", &version("POL/001/003", "Visiting draft", "3", "draft", "2021-02-01", "")),
    ])
}

fn on_json(f: &Fixture, day: &str, ids: &[&str]) -> Value {
    let mut args = vec!["in-force", "content", "--on", day, "--format", "json"];
    args.extend_from_slice(ids);
    let out = f.run(&args);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    serde_json::from_slice(&out.stdout).unwrap_or_else(|e| panic!("not JSON ({e}): {}", stdout(&out)))
}

/// The version of POL/001/001 in force on `day`, or its reason for none.
fn lone_working_on(f: &Fixture, day: &str) -> String {
    let found = on_json(f, day, &["POL/001/001"]);
    let d = &found["documents"][0];
    d["version"].as_str().map_or_else(|| format!("none: {}", d["reason"].as_str().unwrap()), String::from)
}

#[test]
fn the_version_in_force_on_each_day() {
    let f = library();
    let cases = [
        ("2020-01-09", "none: not yet issued: its first version came into force on 2020-01-10"),
        ("2021-06-01", "1"),
        ("2022-03-01", "1"),
        ("2022-03-31", "1"),
        ("2022-04-01", "2"),
        ("2024-06-29", "3"),
        ("2024-06-30", "none: withdrawn on 2024-06-30"),
    ];
    for (day, expected) in cases {
        assert_eq!(lone_working_on(&f, day), expected, "on {day}");
    }
    assert_eq!(lone_working_on(&f, "01/04/2022"), "2", "a UK date");
}

#[test]
fn the_json_holds_the_version_its_dates_and_addresses() {
    let f = library();
    f.lock();
    let found = on_json(&f, "2022-03-31", &[]);
    assert_eq!(found["on"], "2022-03-31");
    let docs = found["documents"].as_array().unwrap();
    let ids: Vec<&str> = docs.iter().map(|d| d["id"].as_str().unwrap()).collect();
    assert_eq!(ids, ["POL/001/001", "POL/001/002", "POL/001/003"], "every id when none is named");
    let keys = |v: &Value| v.as_object().unwrap().keys().cloned().collect::<Vec<_>>();
    let mut expected =
        ["id", "title", "version", "file", "ratified", "effective", "until", "fingerprint", "page", "pdf"];
    expected.sort();
    assert_eq!(keys(&docs[0]), expected);
    let v1 = &docs[0];
    assert_eq!(v1["version"], "1");
    assert_eq!(v1["file"], "content/documents/a1.md");
    assert_eq!(
        (&v1["ratified"], &v1["effective"], &v1["until"]),
        (&"2020-01-10".into(), &"2020-01-10".into(), &"2022-04-01".into())
    );
    let fingerprint = v1["fingerprint"].as_str().unwrap_or_default();
    assert!(fingerprint.rsplit(':').next().is_some_and(|hex| hex.len() == 64), "the lock's entry: {fingerprint}");
    assert_eq!(v1["page"], "documents/pol-001-001/v1/", "a version on record has its own page");
    assert_eq!(v1["pdf"], "documents/pol-001-001/v1/pol-001-001-v1.pdf");
    assert_eq!(docs[1]["until"], Value::Null, "still in force");
    let none = &on_json(&f, "2019-01-01", &["POL/001/002"])["documents"][0];
    assert_eq!(keys(none), ["id", "reason", "title", "version"]);
    assert_eq!(none["version"], Value::Null);
}

#[test]
fn the_csv_is_quoted_and_formula_safe() {
    let f = library();
    let out = f.run(&["in-force", "content", "--on", "2022-04-01", "--format", "csv", "POL/001/002", "POL/001/001"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let text = stdout(&out);
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines[0], "id,title,version,file,ratified,effective,until,fingerprint,page,pdf,reason");
    assert!(lines[1].starts_with("POL/001/002,'=SUM(1+2) plan,1,"), "{}", lines[1]);
    assert!(
        lines[2].starts_with("POL/001/001,Lone working,2,content/documents/a2.md,2022-03-01,2022-04-01,2023-05-01,")
    );
    assert!(!text.lines().any(|l| l.split(',').any(|c| c.starts_with(['=', '+', '@']))), "{text}");
}

#[test]
fn an_unknown_id_or_a_bad_date_is_bad_usage() {
    let f = library();
    let out = f.run(&["in-force", "content", "--on", "2022-04-01", "POL/001/01"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stdout(&out).is_empty(), "nothing is shown for a typo");
    assert!(stderr(&out).contains("Did you mean POL/001/001?"), "{}", stderr(&out));
    let out = f.run(&["in-force", "content", "--on", "31/02/2022"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("February has no day 31"), "{}", stderr(&out));
    let out = f.run(&["in-force", "--on", "2022-04-01", "POL/001/001", "--format", "json"]);
    assert_eq!(out.status.code(), Some(0), "the folder defaults to content: {}", stderr(&out));
}

#[test]
fn the_site_shows_every_timeline() {
    let f = library();
    f.build(&[]);
    let page = f.read("out/documents/pol-001-001/index.html");
    let rows = select_texts(&page, ".td-timeline tbody tr");
    assert_eq!(rows.len(), 3, "{rows:?}");
    assert!(
        rows[0].starts_with("1 10 January 2020 1 April 2022 Replaced by version 2 Policy Group, minute PG/1"),
        "{}",
        rows[0]
    );
    assert!(rows[2].contains("Withdrawn") && rows[2].contains("(this page)"), "{}", rows[2]);
    let links = select_attrs(&page, ".td-timeline a", "href");
    assert!(links.contains(&"../../documents/pol-001-001/v1/".to_string()), "{links:?}");
    assert!(links.iter().any(|l| l.contains("changes-v1-to-v2")), "{links:?}");
    let draft_page = f.read("out/documents/pol-001-003/index.html");
    assert_eq!(select_texts(&draft_page, ".td-timeline tbody tr").len(), 2, "a draft is not a row");

    let in_force = f.read("out/in-force/index.html");
    assert_eq!(select_attrs(&in_force, "#td-in-force-form input", "type"), ["date"]);
    let table = select_texts(&in_force, ".td-in-force-table tbody tr");
    assert_eq!(table.len(), 3, "{table:?}");
    assert!(table[0].contains("Version 2 : from 1 April 2022, replaced on 1 May 2023"), "{}", table[0]);
    assert!(table[0].contains("withdrawn on 30 June 2024"), "{}", table[0]);

    let json: Value = serde_json::from_str(&f.read("out/in-force.json")).unwrap();
    let spans = &json["documents"][0]["spans"];
    assert_eq!(spans[1]["version"], "2");
    assert_eq!((&spans[1]["from"], &spans[1]["until"]), (&"2022-04-01".into(), &"2023-05-01".into()));
    assert_eq!(spans[1]["page"], "documents/pol-001-001/v2/");

    let catalogue: Value = serde_json::from_str(&f.read("out/catalogue.json")).unwrap();
    let entry = |v: &str| {
        catalogue["documents"]
            .as_array()
            .unwrap()
            .iter()
            .find(|e| e["id"] == "POL/001/001" && e["version"] == v)
            .cloned()
            .unwrap()
    };
    assert_eq!((&entry("2")["effective"], &entry("2")["in_force_until"]), (&"2022-04-01".into(), &"2023-05-01".into()));
    assert_eq!(entry("3")["in_force_until"], "2024-06-30");
}

#[test]
fn the_public_copy_names_no_version_it_does_not_publish() {
    let f = library();
    f.build(&["--public"]);
    let json = f.read("out/in-force.json");
    let page = f.read("out/in-force/index.html");
    for text in [&json, &page] {
        for hidden in ["POL/001/001", "POL/001/002", "Secret first issue", "pol-001-003/v1"] {
            assert!(!text.contains(hidden), "{hidden} in {text}");
        }
    }
    let json: Value = serde_json::from_str(&json).unwrap();
    assert_eq!(json["documents"].as_array().unwrap().len(), 1);
    assert_eq!(json["documents"][0]["spans"].as_array().unwrap().len(), 1, "only the public version");
    let doc_page = f.read("out/documents/pol-001-003/index.html");
    assert_eq!(select_texts(&doc_page, ".td-timeline tbody tr").len(), 1, "{doc_page}");
}

/// The in-force page in headless Chromium (as `browser.rs`: needs Node.js,
/// `npm ci --prefix tests/browser` and Chromium): a date picked shows the
/// version in force then, linked, or why none was.
#[test]
fn the_page_shows_the_version_in_force_on_the_date_picked_in_chromium() {
    let f = library();
    f.build(&[]);
    let here = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/browser");
    assert!(
        here.join("node_modules/playwright-core/package.json").is_file(),
        "the browser tests need playwright-core: run `npm ci --prefix tests/browser`"
    );
    let chromium = std::env::var("TRUSTDOCS_CHROMIUM").unwrap_or_else(|_| "/usr/bin/chromium".to_string());
    let out = std::process::Command::new("node")
        .args(["in-force.mjs", f.path("out").to_str().unwrap(), "2022-03-31", "2022-04-01", "2024-06-30", "2019-01-01"])
        .current_dir(&here)
        .env("TRUSTDOCS_CHROMIUM", chromium)
        .output()
        .expect("node runs");
    assert!(out.status.success(), "{}", stderr(&out));
    let found: Value = serde_json::from_slice(&out.stdout).unwrap_or_else(|e| panic!("{e}: {}", stdout(&out)));
    assert_eq!(found["problems"], serde_json::json!([]), "script errors or failed requests");
    let lone_working = |day: &str| found["shown"][day][0].clone();
    let cells = |day: &str| {
        lone_working(day)["cells"]
            .as_array()
            .unwrap()
            .iter()
            .map(|c| c.as_str().unwrap().to_string())
            .collect::<Vec<_>>()
    };
    assert_eq!(
        cells("2022-03-31"),
        ["POL/001/001", "Lone working", "Version 1", "From 2020-01-10, replaced on 2022-04-01", ""]
    );
    assert_eq!(lone_working("2022-03-31")["links"][0], "../documents/pol-001-001/v1/");
    assert_eq!(cells("2022-04-01")[2], "Version 2", "the successor on its first day");
    assert_eq!(cells("2024-06-30"), ["POL/001/001", "Lone working", "Withdrawn on 2024-06-30"]);
    assert_eq!(cells("2019-01-01")[2], "Not yet issued");
}

#[test]
fn a_day_whose_version_was_destroyed_says_so_rather_than_not_yet_issued() {
    let f = library();
    f.lock();
    f.write("content/site.yaml", format!("{SITE}retention:\n  years: 1\n"));
    let retain = [
        "retain",
        "POL/001/003",
        "1",
        "content",
        "--decision",
        "destroy",
        "--by",
        "Records Manager",
        "--date",
        "2026-01-05",
        "--reason",
        "Retention ended",
        "--today",
        "2026-01-05",
    ];
    let out = f.run(&retain);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    std::fs::remove_file(f.path("content/documents/c1.md")).unwrap();
    let found = on_json(&f, "2020-06-01", &["POL/001/003"]);
    let reason = found["documents"][0]["reason"].as_str().unwrap_or_default().to_string();
    assert!(reason.starts_with("version 1 was probably in force, but only ratified.lock records it now"), "{found:#}");
    // Before its ratification, the id was not yet issued.
    let found = on_json(&f, "2019-01-01", &["POL/001/003"]);
    assert!(found["documents"][0]["reason"].as_str().unwrap().starts_with("not yet issued"), "{found:#}");
}
