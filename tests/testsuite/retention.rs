//! `trustdocs retention` and `trustdocs retain`: the versions past their
//! retention period, the decisions appended to `retention.log`, the
//! refusals that write nothing, H010 until a destroy decision, and the
//! page of a version kept for the archive.

use crate::common::*;

pub const ID: &str = "POL/001/001";
/// Version 1 stopped being in force on 1 June 2025, when version 2 was
/// ratified; with `years: 1` its retention period ended on 1 June 2026.
pub const TODAY: &str = "2026-11-23";
pub const LOG: &str = "content/retention.log";

/// A superseded version 1 and a ratified version 2 of one policy, locked,
/// with `retention: {years: 1}` when `years` says so.
pub fn library(years: bool) -> Fixture {
    let history2 = HISTORY
        .replace("First issue }", "First issue }\n  - { version: \"2\", date: 2025-05-20, description: Revised }");
    let v1 = doc(ID, "1", "superseded", &format!("{HISTORY}{EIA}"), "## Scope\n\nText.\n");
    let v2 = doc(ID, "2", "ratified", &format!("{history2}{EIA}"), "## Scope\n\nNew text.\n")
        .replace("date: 2025-01-10 }", "date: 2025-06-01 }");
    let f = Fixture::new(&[("a.md", &v1), ("a-v2.md", &v2)]);
    if years {
        f.write("content/site.yaml", format!("{SITE}retention:\n  years: 1\n"));
    }
    f.lock();
    f
}

/// `retain` of `version` with `decision`, decided on 1 July 2026, a month after version 1's period ended.
pub fn retain(f: &Fixture, version: &str, decision: &str, today: &str, extra: &[&str]) -> std::process::Output {
    let mut args = vec!["retain", ID, version, "content", "--decision", decision, "--by", "Records Manager"];
    args.extend(["--date", "2026-07-01", "--reason", "Retention schedule: 1 year", "--today", today]);
    args.extend_from_slice(extra);
    f.run(&args)
}

fn report(f: &Fixture, today: &str, format: &str) -> std::process::Output {
    f.run(&["retention", "content", "--today", today, "--format", format])
}

#[test]
fn without_a_retention_period_the_report_says_which_key_to_add() {
    let f = library(false);
    let out = report(&f, TODAY, "human");
    assert_eq!(out.status.code(), Some(2), "{}", stdout(&out));
    assert!(stderr(&out).contains("add `retention: {years: N}`"), "{}", stderr(&out));
    assert!(stderr(&out).contains("content/site.yaml"), "{}", stderr(&out));
}

#[test]
fn a_superseded_version_is_listed_once_its_period_has_ended_and_as_ending_before() {
    let f = library(true);
    let out = report(&f, TODAY, "human");
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let text = stdout(&out);
    assert!(text.contains("Retention ended (1):"), "{text}");
    assert!(text.contains("POL/001/001 version 1 (Test Document POL/001/001)"), "{text}");
    assert!(text.contains("retention ends 1 June 2026; no decision recorded"), "{text}");
    let json: serde_json::Value = serde_json::from_slice(&report(&f, TODAY, "json").stdout).unwrap();
    assert_eq!(json["ended"][0]["version"], "1");
    assert_eq!(
        (json["ended"][0]["stopped"].as_str(), json["ended"][0]["ends"].as_str()),
        (Some("2025-06-01"), Some("2026-06-01"))
    );
    assert_eq!(json["ending"].as_array().map(Vec::len), Some(0), "version 2 is in force: {json}");
    let before: serde_json::Value = serde_json::from_slice(&report(&f, "2025-12-01", "json").stdout).unwrap();
    assert_eq!(before["ended"].as_array().map(Vec::len), Some(0));
    assert_eq!(before["ending"][0]["version"], "1", "ends within 12 months: {before}");
}

#[test]
fn the_csv_report_has_a_bom_crlf_lines_and_the_decision() {
    let f = library(true);
    assert_eq!(retain(&f, "1", "keep", TODAY, &[]).status.code(), Some(0));
    let out = report(&f, TODAY, "csv");
    let text = String::from_utf8(out.stdout).unwrap();
    let text = text.strip_prefix('\u{feff}').expect("a byte-order mark");
    let lines: Vec<&str> = text.split_terminator("\r\n").collect();
    assert_eq!(lines.len(), 2, "{text:?}");
    assert!(lines[0].starts_with("state,id,version,"), "{}", lines[0]);
    assert!(
        lines[1].starts_with("ended,POL/001/001,1,Test Document POL/001/001,content/documents/a.md,2025-06-01,2026-06-01,keep,2026-07-01,Records Manager,"),
        "{}",
        lines[1]
    );
}

#[test]
fn retain_appends_exactly_one_line_and_leaves_the_earlier_bytes_untouched() {
    let f = library(true);
    let out = retain(&f, "1", "keep", TODAY, &[]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let first = f.read(LOG);
    assert!(first.starts_with("# "), "a new log starts with a comment: {first}");
    assert!(
        first.ends_with("2026-07-01\tPOL/001/001\t1\tkeep\tRecords Manager\tRetention schedule: 1 year\n"),
        "{first}"
    );
    // Someone's edit left the last line without its line end.
    let earlier = format!("{first}# reviewed by the IG group");
    f.write(LOG, &earlier);
    let out = retain(&f, "1", "destroy", TODAY, &[]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(stdout(&out).contains("remove content/documents/a.md by hand"), "{}", stdout(&out));
    let after = f.read(LOG);
    let added = after.strip_prefix(&earlier).expect("the earlier bytes are kept");
    assert_eq!(added, "\n2026-07-01\tPOL/001/001\t1\tdestroy\tRecords Manager\tRetention schedule: 1 year\n");
    assert!(f.path("content/documents/a.md").exists(), "trustdocs never deletes a version");
}

#[test]
fn a_dry_run_and_every_refusal_write_nothing() {
    let f = library(true);
    let draft = doc(ID, "3", "draft", "", "## Scope\n\nDraft.\n");
    f.write("content/documents/a-v3.md", draft);
    let before = snapshot(&f.path("content"));
    let out = retain(&f, "1", "destroy", TODAY, &["--dry-run"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(stdout(&out).contains("2026-07-01\tPOL/001/001\t1\tdestroy\tRecords Manager\t"), "{}", stdout(&out));
    let refused = |args: Vec<&str>, code: i32, says: &str| {
        let out = f.run(&args);
        assert_eq!(out.status.code(), Some(code), "{args:?}: {}", stdout(&out));
        assert!(stderr(&out).contains(says), "{args:?}: {}", stderr(&out));
    };
    let base =
        |id: &'static str, version: &'static str, decision: &'static str, date: &'static str, today: &'static str| {
            vec![
                "retain",
                id,
                version,
                "content",
                "--decision",
                decision,
                "--by",
                "RM",
                "--date",
                date,
                "--reason",
                "r",
                "--today",
                today,
            ]
        };
    refused(base("POL/001/002", "1", "destroy", "2026-07-01", TODAY), 1, "Did you mean POL/001/001?");
    refused(base(ID, "9", "destroy", "2026-07-01", TODAY), 1, "has no version 9");
    refused(base(ID, "3", "keep", "2026-07-01", TODAY), 1, "is a draft");
    refused(base(ID, "2", "destroy", "2026-07-01", TODAY), 1, "is in force");
    refused(base(ID, "1", "destroy", "2025-11-05", "2025-12-01"), 1, "had not ended on 5 November 2025");
    refused(base(ID, "1", "destroy", "2026-05-31", TODAY), 1, "it ends on 1 June 2026");
    refused(base(ID, "1", "destroy", "2026-12-01", TODAY), 2, "is after today");
    refused(base(ID, "1", "destroy", "2026-02-30", TODAY), 2, "February has no day 30");
    refused(base(ID, "1", "shred", "2026-07-01", TODAY), 2, "invalid value 'shred'");
    let mut empty = base(ID, "1", "keep", "2026-07-01", TODAY);
    empty[11] = " \t ";
    refused(empty, 2, "must not be empty");
    assert_eq!(snapshot(&f.path("content")), before, "nothing written");
}

#[test]
fn tabs_and_line_breaks_typed_for_the_record_become_spaces() {
    let f = library(true);
    let args = ["retain", ID, "1", "content", "--decision", "keep", "--by", "Records\tManager", "--date", "2026-07-01"];
    let out = f.run(&[&args[..], &["--reason", "historical\nvalue", "--today", TODAY]].concat());
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(f.read(LOG).ends_with("\tkeep\tRecords Manager\thistorical value\n"), "{}", f.read(LOG));
}

#[test]
fn h010_appears_when_a_file_goes_without_a_decision_and_disappears_after_destroy() {
    let f = library(true);
    assert!(codes(&f.check_json()).iter().all(|c| c != "H010"));
    std::fs::remove_file(f.path("content/documents/a.md")).unwrap();
    let h010 = with_code(&f.check_json(), "H010");
    assert_eq!(h010.len(), 1, "{h010:?}");
    assert!(h010[0]["message"].as_str().unwrap().contains("POL/001/001 version 1"), "{h010:?}");
    let out = report(&f, TODAY, "human");
    assert!(stdout(&out).contains("no destroy or transfer decision recorded (H010)"), "{}", stdout(&out));
    let keep = retain(&f, "1", "keep", TODAY, &[]);
    assert_eq!(keep.status.code(), Some(1));
    assert!(stderr(&keep).contains("has no file to keep: restore it"), "{}", stderr(&keep));
    // A version known from the lock alone is still one a decision can be recorded for.
    let out = retain(&f, "1", "destroy", TODAY, &[]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(codes(&f.check_json()).iter().all(|c| c != "H010"), "a destroy decision lets the file go");
    let json: serde_json::Value = serde_json::from_slice(&report(&f, TODAY, "json").stdout).unwrap();
    assert_eq!(json["gone"][0]["decision"]["decision"], "destroy", "{json}");
}

#[test]
fn a_kept_version_says_so_on_its_page() {
    let f = library(true);
    assert_eq!(retain(&f, "1", "keep", TODAY, &[]).status.code(), Some(0));
    f.build(&[]);
    let page = f.read("out/documents/pol-001-001/v1/index.html");
    assert!(
        page.contains("This version is kept for the archive (decided on 1 July 2026 by Records Manager)."),
        "{page}"
    );
    assert!(
        !f.read("out/documents/pol-001-001/index.html").contains("kept for the archive"),
        "only version 1 was kept"
    );
}

#[test]
fn a_retention_setting_that_is_not_whole_years_is_s006() {
    let f = library(false);
    for (setting, says) in [
        ("retention:\n  years: 0\n", "not a whole number of years from 1 to 200"),
        ("retention:\n  years: six\n", "not a whole number of years from 1 to 200"),
        ("retention:\n  yrs: 6\n", "yrs"),
        ("retention: {}\n", "has no `years`"),
    ] {
        f.write("content/site.yaml", format!("{SITE}{setting}"));
        let s006 = with_code(&f.check_json(), "S006");
        assert!(s006.iter().any(|d| d["message"].as_str().unwrap().contains(says)), "{setting}: {s006:?}");
        assert_eq!(report(&f, TODAY, "human").status.code(), Some(2), "{setting}");
    }
}

#[test]
fn the_example_librarys_withdrawn_strategy_goes_through_the_whole_retention_workflow() {
    let f = Fixture::example();
    let today = ["--today", "2028-01-05"];
    let withdraw = ["withdraw", "CORP/STRAT/002", "content", "--by", "Policy Group", "--date", "2026-11-20"];
    let out = f.run(&[&withdraw[..], &["--reason", "Replaced by CORP/STRAT/003", "--today", "2026-12-01"]].concat());
    assert!(out.status.success(), "{}", stderr(&out));
    f.write("content/site.yaml", format!("{}retention:\n  years: 1\n", f.read("content/site.yaml")));
    let listed = stdout(&f.run(&[&["retention", "content"][..], &today].concat()));
    assert!(listed.contains("Retention ended (1):\n  CORP/STRAT/002 version 1"), "{listed}");

    let file = "content/documents/corp-strat-002-security-management-strategy.md";
    std::fs::remove_file(f.path(file)).unwrap();
    let h010 = |f: &Fixture| {
        let out = f.run(&[&["check", "content", "--format", "json"][..], &today].concat());
        let report: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
        with_code(&report, "H010").len()
    };
    assert_eq!(h010(&f), 1, "a ratified record has disappeared without a decision");

    assert!(!f.path(LOG).exists(), "the example library has no decisions yet");
    let retain = ["retain", "CORP/STRAT/002", "1", "content", "--decision", "destroy", "--by", "Records Manager"];
    let args = [&retain[..], &["--date", "2028-01-05", "--reason", "Retention schedule: 1 year"], &today].concat();
    let out = f.run(&args);
    assert!(out.status.success(), "{}", stderr(&out));
    let log = f.read(LOG);
    let decisions: Vec<&str> = log.lines().filter(|l| !l.starts_with('#')).collect();
    assert_eq!(decisions, ["2028-01-05\tCORP/STRAT/002\t1\tdestroy\tRecords Manager\tRetention schedule: 1 year"]);
    assert_eq!(h010(&f), 0, "the destroy decision accounts for the missing file");
}
