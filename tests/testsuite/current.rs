//! "Current" means in force on `--today`, by the timeline of dates, on
//! every kind of page: a withdrawn version, a superseded one, a draft and a
//! version ratified to come into force later are never listed, counted or
//! found as current; the version still in force (though marked superseded
//! by the ratification of its successor) is.

use crate::common::*;

const TODAY: &str = "2026-11-23";

/// A version of `id` with its own title, dates and status, giving the
/// LSMS a duty and open to the public.
fn version(id: &str, v: &str, status: &str, title: &str, ratified: &str, extra: &str) -> String {
    let body = "## Scope\n\nText.\n\n### LSMS {role=lsms}\n\nDoes things.\n";
    dated_version(id, &format!("{title} {id}"), v, status, ratified, &format!("public: true\n{extra}"), body)
}

/// The library of the test: what is current, and what must not be.
fn library() -> Fixture {
    Fixture::new(&[
        // In force: its successor was ratified, but comes into force later.
        ("a1.md", &version("POL/010/001", "1", "superseded", "Ay Current", "2024-01-10", "")),
        ("a2.md", &version("POL/010/001", "2", "ratified", "Ay Future", "2026-11-01", "effective: 2027-01-15\n")),
        (
            "b.md",
            &version(
                "POL/010/002",
                "1",
                "withdrawn",
                "Bee Withdrawn",
                "2023-01-10",
                "withdrawn: { by: Policy Group, date: 2025-06-01, reason: No longer needed }\n",
            ),
        ),
        ("c1.md", &version("POL/010/003", "1", "superseded", "Cee Old", "2023-01-10", "")),
        ("c2.md", &version("POL/010/003", "2", "ratified", "Cee New", "2025-03-10", "")),
        ("d.md", &version("POL/010/004", "1", "draft", "Dee Draft", "2026-10-01", "")),
    ])
}

const CURRENT: [&str; 2] = ["Ay Current", "Cee New"];
const NOT_CURRENT: [&str; 4] = ["Ay Future", "Bee Withdrawn", "Cee Old", "Dee Draft"];

/// The pages that list, count or give roles to documents as current: every
/// page but the documents' own and the pages of the record, which list
/// every version with where it stands (the checks' findings, the register,
/// the library on a date).
fn listing_pages(root: &std::path::Path) -> Vec<(String, String)> {
    let record = ["documents/pol-010-", "checks/", "governance/register/", "in-force/"];
    pages_of(root).into_iter().filter(|(path, _)| !record.iter().any(|r| path.starts_with(r))).collect()
}

fn assert_only_current_listed(root: &std::path::Path, copy: &str) {
    let pages = listing_pages(root);
    for (path, html) in &pages {
        for title in NOT_CURRENT {
            assert!(!html.contains(title), "{copy} {path} shows {title}, which is not in force");
        }
    }
    for page in ["index.html", "types/policy/index.html", "documents/index.html", "roles/lsms/index.html"] {
        let (_, html) = pages.iter().find(|(p, _)| p == page).unwrap_or_else(|| panic!("{copy} has {page}"));
        for title in CURRENT {
            assert!(html.contains(title), "{copy} {page} leaves out {title}, which is in force");
        }
    }
}

#[test]
fn only_the_versions_in_force_are_listed_counted_or_found_as_current() {
    let f = library();
    f.build(&[]);
    assert_only_current_listed(&f.path("out"), "the intranet");
    let policies = f.read("out/types/policy/index.html");
    assert!(policies.contains("2 current documents"), "the count is of versions in force");
    let role = f.read("out/roles/lsms/index.html");
    assert!(role.contains("2 sections of the current documents"), "{role}");

    let catalogue: serde_json::Value = serde_json::from_str(&f.read("out/catalogue.json")).unwrap();
    let current: Vec<&str> = catalogue["documents"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|d| d["current"] == true)
        .map(|d| d["title"].as_str().unwrap().split(" POL").next().unwrap())
        .collect();
    assert_eq!(current, CURRENT, "catalogue.json marks the versions in force current");

    let feed = f.read("out/feed.atom");
    assert!(feed.contains("Ay Future POL/010/001 (POL/010/001, version 2, in force from 15 January 2027)"), "{feed}");
    assert!(!feed.contains("Bee Withdrawn") && !feed.contains("Cee Old"), "{feed}");

    let found = stdout(&f.run(&["search", "Text", "content", "--json", "--today", TODAY]));
    for title in NOT_CURRENT {
        assert!(!found.contains(title), "search finds {title} without being asked: {found}");
    }
    assert!(CURRENT.iter().all(|t| found.contains(t)), "{found}");
}

#[test]
fn each_version_says_where_it_stands_on_its_own_page() {
    let f = library();
    f.build(&["--drafts"]);
    let page = |p: &str| f.read(&format!("out/documents/{p}"));
    let main = page("pol-010-001/index.html");
    assert!(main.contains("Ay Current") && main.contains("This is the current version"), "{main}");
    let future = pages_of(&f.path("out/documents/pol-010-001"))
        .into_iter()
        .find(|(path, html)| !path.contains("changes") && html.contains("Ay Future"))
        .expect("version 2 has its own page")
        .1;
    assert!(future.contains("Comes into force on 15 January 2027"), "{future}");
    assert!(future.contains("Until then, follow the current version"), "{future}");
    assert!(page("pol-010-002/index.html").contains("withdrawn on 1 June 2025 by Policy Group"));
    let old = pages_of(&f.path("out/documents/pol-010-003"))
        .into_iter()
        .find(|(path, html)| !path.contains("changes") && html.contains("Cee Old"))
        .expect("version 1 is on record")
        .1;
    assert!(old.contains("td-banner--superseded"), "{old}");
    // A drafts build lists the draft as a draft, never as current.
    let role = f.read("out/roles/lsms/index.html");
    assert!(!role.contains("Ay Future") && !role.contains("Bee Withdrawn") && !role.contains("Cee Old"));
}

#[test]
fn on_the_effective_day_the_successor_takes_over_everywhere() {
    let f = library();
    let out = f.run(&["build", "content", "--out", "out", "--no-pdf", "--today", "2027-01-15"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let listed = f.read("out/types/policy/index.html");
    assert!(listed.contains("Ay Future") && !listed.contains("Ay Current"), "{listed}");
    let main = f.read("out/documents/pol-010-001/index.html");
    assert!(main.contains("Ay Future") && main.contains("This is the current version"), "{main}");
}

#[test]
fn the_public_copy_shows_only_the_versions_in_force_as_current() {
    let f = library();
    f.build(&["--public"]);
    assert_only_current_listed(&f.path("out"), "the public copy");
}
