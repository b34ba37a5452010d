//! `trustdocs reviews`: the reviews past or due within some days, for
//! people, as JSON and as CSV, agreeing with the site's reviews page.

use crate::common::*;

/// On this day the example library has reviews past and one due soon.
const TODAY: &str = "2020-07-01";

fn reviews(f: &Fixture, extra: &[&str]) -> serde_json::Value {
    let mut args = vec!["reviews", "content", "--format", "json"];
    args.extend_from_slice(extra);
    if !extra.contains(&"--today") {
        args.extend(["--today", TODAY]);
    }
    let out = f.run(&args);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    serde_json::from_slice(&out.stdout).unwrap_or_else(|e| panic!("not JSON ({e}): {}", stdout(&out)))
}

/// (id, state) of each review listed.
fn listed(json: &serde_json::Value) -> Vec<(String, String)> {
    let rows = json["reviews"].as_array().unwrap();
    rows.iter().map(|r| (r["id"].as_str().unwrap().into(), r["state"].as_str().unwrap().into())).collect()
}

/// The ids the reviews page lists in its section `state` (`overdue`, `due-soon`).
fn on_page(page: &str, state: &str) -> Vec<String> {
    let captions = select_texts(page, &format!("section[aria-labelledby={state}] .td-caption"));
    let mut ids: Vec<String> = captions.iter().map(|c| c.split(" version").next().unwrap().to_string()).collect();
    ids.sort();
    ids
}

#[test]
fn reviews_agree_with_the_reviews_page() {
    let f = Fixture::example();
    for today in [TODAY, "2017-10-01", "2026-11-23"] {
        let out = f.run(&["build", "content", "--out", "out", "--no-pdf", "--today", today]);
        assert!(out.status.success(), "{}", stderr(&out));
        let page = f.read("out/reviews/index.html");
        let json = reviews(&f, &["--today", today]);
        let ids = |state: &str| {
            let mut ids: Vec<String> = listed(&json).into_iter().filter(|(_, s)| s == state).map(|(i, _)| i).collect();
            ids.sort();
            ids
        };
        assert_eq!(ids("overdue"), on_page(&page, "overdue"), "{today}");
        assert_eq!(ids("due_soon"), on_page(&page, "due-soon"), "{today}");
        assert!(!listed(&json).is_empty(), "{today}");
    }
}

#[test]
fn reviews_as_json_csv_and_for_people() {
    let f = Fixture::example();
    let json = reviews(&f, &[]);
    assert_eq!(json["today"], TODAY);
    assert_eq!(json["due_within_days"], 90, "site.yaml's due_soon_days");
    let expected = [
        ("POL/002/015", "overdue"),
        ("CORP/STRAT/001", "overdue"),
        ("CORP/STRAT/002", "overdue"),
        ("CORP/STRAT/003", "due_soon"),
    ];
    let expected: Vec<(String, String)> = expected.iter().map(|(i, s)| (i.to_string(), s.to_string())).collect();
    assert_eq!(listed(&json), expected, "soonest first");
    let first = &json["reviews"][0];
    for key in ["id", "title", "version", "review_date", "days", "state", "owner", "owner_name", "directorate", "page"]
    {
        assert!(first.get(key).is_some(), "{key}: {first}");
    }
    assert_eq!(first["review_date"], "2017-11-30");
    assert_eq!(first["days"], -944);
    assert_eq!(first["page"], "https://intranet.example.nhs.uk/policies/documents/pol-002-015/");

    let csv = stdout(&f.run(&["reviews", "content", "--today", TODAY, "--format", "csv"]));
    let lines: Vec<&str> = csv.split("\r\n").filter(|l| !l.is_empty()).collect();
    assert_eq!(lines[0], "\u{feff}id,title,version,review_date,days,state,owner,owner_name,directorate,page");
    assert_eq!(lines.len(), 5, "{csv}");
    assert!(lines[1].starts_with("POL/002/015,Security Management Policy,1,2017-11-30,944,overdue,"), "{csv}");

    let human = stdout(&f.run(&["reviews", "content", "--today", TODAY]));
    assert!(human.starts_with("Reviews past or due within 90 days of 1 July 2020: 4\n"), "{human}");
    assert!(human.contains("review date 2017-11-30 (944 days overdue)"), "{human}");
    assert!(human.contains("review date 2020-09-01 (due in 62 days)"), "{human}");
}

#[test]
fn reviews_filter_by_owner_directorate_and_days() {
    let f = Fixture::example();
    let ids = |extra: &[&str]| listed(&reviews(&f, extra)).into_iter().map(|(i, _)| i).collect::<Vec<_>>();
    assert_eq!(ids(&["--owner", "lsms"]), ["CORP/STRAT/003"], "the job title, in any case");
    assert_eq!(ids(&["--owner", "DANIEL"]), ["CORP/STRAT/003"], "or the name");
    assert_eq!(ids(&["--directorate", "corporate"]), ["POL/002/015", "CORP/STRAT/001", "CORP/STRAT/002"]);
    assert_eq!(ids(&["--directorate", "clinical", "--owner", "lsms"]), ["CORP/STRAT/003"]);
    assert!(ids(&["--owner", "nobody at all"]).is_empty());
    let past = reviews(&f, &["--due-within", "0"]);
    assert_eq!(past["due_within_days"], 0);
    assert!(listed(&past).iter().all(|(_, s)| s == "overdue"), "{past}");
    assert_eq!(listed(&past).len(), 3);
    assert_eq!(listed(&reviews(&f, &["--due-within", "62"])).len(), 4, "due in 62 days is within 62");
}

#[test]
fn a_bad_number_of_days_is_bad_usage() {
    let f = Fixture::example();
    for bad in ["soon", "-1", "1.5", ""] {
        let out = f.run(&["reviews", "content", "--due-within", bad]);
        assert_eq!(out.status.code(), Some(2), "{bad}: {}", stderr(&out));
        assert!(out.stdout.is_empty());
    }
    let out = f.run(&["reviews", "no-such-folder"]);
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
}

#[test]
fn a_hostile_title_stays_one_safe_cell_and_one_line() {
    let title = "=HYPERLINK(\\\"http://x\\\") <b>, one; two\\nthree";
    let f =
        Fixture::new(&[("a.md", &dated_version("POL/001/001", title, "1", "ratified", "2025-01-10", "", "Text.\n"))]);
    let csv = stdout(&f.run(&["reviews", "content", "--today", "2027-12-01", "--format", "csv"]));
    let row = csv.split("\r\n").nth(1).unwrap();
    assert!(
        row.starts_with("POL/001/001,\"'=HYPERLINK(\"\"http://x\"\") <b>, one; two\nthree\",1,2028-01-10,40,due_soon,"),
        "{csv}"
    );
    let json = reviews(&f, &["--today", "2027-12-01"]);
    assert_eq!(json["reviews"][0]["title"], "=HYPERLINK(\"http://x\") <b>, one; two\nthree");
    let human = stdout(&f.run(&["reviews", "content", "--today", "2027-12-01"]));
    assert!(human.contains("POL/001/001 version 1  =HYPERLINK"), "{human}");
}
