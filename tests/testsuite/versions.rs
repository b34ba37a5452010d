//! Versions side by side: S005 and its help, H008, and the history fixes
//! (one fault reported once; S003's help an example of the format).

use crate::common::*;

fn ratified(version: &str, status: &str) -> String {
    doc(
        "POL/001/001",
        version,
        status,
        &format!("{HISTORY}{EIA}").replace("\"1\"", &format!("\"{version}\"")),
        "## Scope\n\nText.\n",
    )
}

fn s005(docs: &[(&str, &str)]) -> Vec<serde_json::Value> {
    let f = Fixture::new(docs);
    with_code(&f.check_json(), "S005")
}

#[test]
fn a_draft_beside_the_version_in_force_is_normal() {
    let f = Fixture::new(&[
        ("a.md", &ratified("1", "ratified")),
        ("a-v2.md", &ratified("2", "draft")),
        ("a-v0.md", &ratified("0.9", "superseded")),
    ]);
    let r = f.check_json();
    assert!(with_code(&r, "S005").is_empty() && with_code(&r, "H008").is_empty(), "{:#}", r["diagnostics"]);
    assert!(f.build(&[]).status.success());
    assert!(
        f.read("out/documents/pol-001-001/index.html").contains("version 1"),
        "the version in force is at the main address"
    );
}

#[test]
fn two_versions_in_force_and_the_help_leads_to_a_valid_state() {
    let f = Fixture::new(&[("a.md", &ratified("1", "ratified")), ("a-v2.md", &ratified("2", "ratified"))]);
    let found = with_code(&f.check_json(), "S005");
    assert_eq!(found.len(), 1);
    assert_eq!(found[0]["file"], "content/documents/a.md");
    assert_eq!(
        found[0]["message"],
        "POL/001/001 has two versions in force: this one and version 2 in content/documents/a-v2.md"
    );
    assert_eq!(found[0]["help"], "version 2 is the one in force: mark this older one `status: superseded`");
    // Doing what the help says leaves a valid library, with something in force.
    f.write("content/documents/a.md", ratified("1", "superseded"));
    let r = f.check_json();
    assert!(with_code(&r, "S005").is_empty() && with_code(&r, "H008").is_empty(), "{:#}", r["diagnostics"]);
}

#[test]
fn two_versions_in_preparation() {
    let found = s005(&[
        ("a.md", &ratified("1", "ratified")),
        ("b.md", &ratified("2", "draft")),
        ("c.md", &ratified("3", "consultation")),
    ]);
    assert_eq!(found.len(), 1, "{found:?}");
    assert_eq!(found[0]["file"], "content/documents/b.md");
    assert_eq!(
        found[0]["message"],
        "POL/001/001 has two versions in preparation: this one and version 3 in content/documents/c.md"
    );
    assert!(found[0]["help"].as_str().unwrap().contains("mark it `status: withdrawn`"));
}

#[test]
fn a_version_in_preparation_must_be_numbered_above_the_one_in_force() {
    let found = s005(&[("a.md", &ratified("3", "ratified")), ("b.md", &ratified("2.1", "draft"))]);
    assert_eq!(found.len(), 1, "{found:?}");
    assert_eq!(found[0]["file"], "content/documents/b.md");
    assert_eq!(found[0]["line"], 5, "at the version");
    assert_eq!(
        found[0]["message"],
        "POL/001/001 version 2.1 is in preparation, but version 3 in content/documents/a.md is already ratified"
    );
    assert_eq!(
        found[0]["help"],
        "number the version in preparation above 3: `version: \"4\"` for a major change or `\"3.1\"` for a minor one, in its last history entry too"
    );
}

#[test]
fn two_files_of_one_version_are_still_s005() {
    let found = s005(&[("a.md", &ratified("2", "superseded")), ("b.md", &ratified("2.0", "ratified"))]);
    assert_eq!(found.len(), 1, "{found:?}");
    assert_eq!(found[0]["file"], "content/documents/a.md", "on the copy, not on the version in force");
    assert_eq!(found[0]["message"], "POL/001/001 version 2 is also in content/documents/b.md");
}

#[test]
fn one_fault_is_one_s005_with_help_that_fits_it() {
    // Two files of the version in force: a copy, not an older version to supersede.
    let found = s005(&[("a.md", &ratified("2", "ratified")), ("b.md", &ratified("2", "ratified"))]);
    assert_eq!(found.len(), 1, "{found:?}");
    assert_eq!(found[0]["help"], "give this file the next version number, or delete the copy");
    // A draft numbered like the version in force: renumber the draft.
    let found = s005(&[("a.md", &ratified("2", "ratified")), ("b.md", &ratified("2", "draft"))]);
    assert_eq!(found.len(), 1, "{found:?}");
    assert_eq!(found[0]["file"], "content/documents/b.md");
    assert!(found[0]["help"].as_str().unwrap().starts_with("number the version in preparation above 2"), "{found:?}");
}

#[test]
fn h008_when_every_version_is_superseded_and_nothing_replaces_it() {
    let f = Fixture::new(&[("a.md", &ratified("1", "superseded")), ("a-v2.md", &ratified("2", "superseded"))]);
    let h008 = with_code(&f.check_json(), "H008");
    assert_eq!(h008.len(), 1, "{h008:?}");
    assert_eq!(h008[0]["file"], "content/documents/a-v2.md", "on the newest");
    assert_eq!(
        h008[0]["message"],
        "every version of POL/001/001 is marked superseded and no document replaces it, yet no later version or withdrawal ended version 2: by its dates it is still in force"
    );
    // A draft is not in force either, and the message says so.
    f.write("content/documents/a-v3.md", ratified("3", "draft"));
    let h008 = with_code(&f.check_json(), "H008");
    assert!(
        h008[0]["message"].as_str().unwrap().ends_with("still in force (version 3 is still in preparation)"),
        "{h008:?}"
    );
    // A ratified replacement, or a withdrawal, is a valid end.
    f.write(
        "content/documents/a-v3.md",
        clean("POL/001/002", "replaces: [{ id: POL/001/001, version: \"2\" }]\n", "## Scope\n\nText.\n"),
    );
    assert!(with_code(&f.check_json(), "H008").is_empty());
    std::fs::remove_file(f.path("content/documents/a-v3.md")).unwrap();
    f.write("content/documents/a-v2.md", ratified("2", "withdrawn"));
    assert!(with_code(&f.check_json(), "H008").is_empty());
}

#[test]
fn a_history_entry_without_description_is_one_fault_reported_once() {
    let text = clean("POL/001/001", "", "## Scope\n\nText.\n").replace("description: First issue ", "");
    let f = Fixture::new(&[("a.md", &text)]);
    let r = f.check_json();
    let found: Vec<String> = codes(&r).into_iter().filter(|c| c != "H007").collect();
    assert_eq!(found, ["S003"], "{:#}", r["diagnostics"]);
}

#[test]
fn s003_help_gives_the_format_not_a_date() {
    let text = clean("POL/001/001", "", "## Scope\n\nText.\n").replace("review_date: 2028-01-10\n", "");
    let f = Fixture::new(&[("a.md", &text)]);
    let s003 = with_code(&f.check_json(), "S003");
    assert_eq!(
        s003[0]["help"],
        "add `review_date: <YYYY-MM-DD>`, the date of the next review (`trustdocs ratify` sets it)"
    );
}
