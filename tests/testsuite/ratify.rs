//! `new-version` and `ratify`: the governance team's workflow from draft to
//! version in force, all or nothing, and edits that touch only what changes.

use crate::common::*;

pub const V3: &str = "content/documents/corp-strat-003-security-management-strategy.md";
pub const V4: &str = "content/documents/corp-strat-003-security-management-strategy-v4.md";
pub const TODAY: &str = "2026-02-02";
const TEMPLATE_LINE: &str =
    "Enter the names and job titles of staff and stakeholders that have contributed to the document";

fn ratify(f: &Fixture, extra: &[&str]) -> std::process::Output {
    let mut args = vec!["ratify", "CORP/STRAT/003", "content", "--by", "Policy Group", "--date", "2026-02-01"];
    args.extend_from_slice(&["--today", TODAY]);
    args.extend_from_slice(extra);
    f.run(&args)
}

/// The example library with a draft of version 4 of CORP/STRAT/003, edited.
fn with_draft() -> Fixture {
    let f = Fixture::example();
    let out = f.run(&["new-version", "CORP/STRAT/003", "content", "--today", TODAY]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(stdout(&out).contains("made content/documents/corp-strat-003-security-management-strategy-v4.md"));
    let draft = f.read(V4).replace(
        "This strategy applies to all employees of the Trust",
        "This strategy applies to all staff, volunteers and contractors of the Trust",
    );
    f.write(V4, consulted(&draft));
    f
}

#[test]
fn new_version_copies_the_version_in_force_as_a_draft_of_the_next() {
    let f = with_draft();
    let (old, new) = (f.read(V3), f.read(V4));
    assert!(new.contains("version: \"4\"\nstatus: draft\n"), "{new}");
    assert!(!new.contains("\nratified:") && !new.contains("\nreview_date:"), "{new}");
    assert!(new.contains(
        "  - version: \"4\"\n    date: 2026-02-02\n    description: \"[insert what changed in this version]\"\n"
    ));
    assert!(new.contains("replaces:\n  - id: CORP/STRAT/003\n    version: \"3\"\n"), "replaces the version copied");
    assert_eq!(old, std::fs::read_to_string(std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join(V3)).unwrap());
    let again = f.run(&["new-version", "CORP/STRAT/003", "content"]);
    assert_eq!(again.status.code(), Some(1));
    assert!(stderr(&again).contains("already has a version in preparation: version 4 (draft) in content/documents/corp-strat-003-security-management-strategy-v4.md"), "{}", stderr(&again));
    let minor = Fixture::example();
    assert_eq!(minor.run(&["new-version", "POL/002/015", "content", "--minor"]).status.code(), Some(0));
    assert!(minor
        .read("content/documents/pol-002-015-security-management-policy-v1.1.md")
        .contains("version: \"1.1\""));
}

#[test]
fn the_workflow_end_to_end() {
    let f = with_draft();
    // The body still holds the template's instruction, and the history entry its placeholder.
    let before = snapshot(&f.path("content"));
    let refused = ratify(&f, &[]);
    assert_eq!(refused.status.code(), Some(1));
    let err = stderr(&refused);
    assert!(
        err.contains("warning[C002]: placeholder text \"Enter the names\" left in the version put to ratify [blocks ratification]"),
        "{err}"
    );
    assert!(
        err.contains("help: write what changed in this history entry, or give `trustdocs ratify` a `--summary`"),
        "{err}"
    );
    assert!(err.contains("refusing to ratify CORP/STRAT/003 version 4: 2 findings"), "{err}");
    assert!(err.contains(&format!("--> {V4}:")), "{err}");
    assert_eq!(snapshot(&f.path("content")), before, "a refusal writes nothing");
    // Fixed: the placeholder goes, and --summary says what changed.
    f.write(V4, f.read(V4).replace(TEMPLATE_LINE, "Daniel Willis, LSMS, and the Health and Safety Committee."));
    let done = ratify(&f, &["--minute", "PG/26/3", "--summary", "Scope widened to volunteers and contractors"]);
    assert_eq!(done.status.code(), Some(0), "{}", stderr(&done));
    let out = stdout(&done);
    assert!(out.contains("ratified CORP/STRAT/003 version 4"), "{out}");
    assert!(
        out.contains("version 3 (content/documents/corp-strat-003-security-management-strategy.md) is now superseded"),
        "{out}"
    );
    let (old, new) = (f.read(V3), f.read(V4));
    assert!(old.contains("\nstatus: superseded\n"));
    assert!(new.contains("\nstatus: ratified\n"));
    assert!(
        new.contains(
            "ratified:\n  by: \"Policy Group\"\n  date: 2026-02-01\n  minute: \"PG/26/3\"\nreview_date: 2029-02-01\n"
        ),
        "{new}"
    );
    assert!(new.contains(
        "  - version: \"4\"\n    date: 2026-02-01\n    description: \"Scope widened to volunteers and contractors\"\n"
    ));
    let lock = f.read("content/ratified.lock");
    let entry =
        lock.lines().find(|l| l.starts_with("CORP/STRAT/003 4 2026-02-01 ")).expect("the lock has the new entry");
    assert!(entry.ends_with(" Policy Group"), "{entry}");
    let r = f.check_json();
    assert!(with_code(&r, "H006").is_empty(), "{:#}", r["diagnostics"]);
    assert!(with_code(&r, "S005").is_empty());
    // The build shows the new version with its history row, the old one at v3/.
    assert!(f.build(&[]).status.success());
    let page = f.read("out/documents/corp-strat-003/index.html");
    assert!(select_texts(&page, "h1 + div, .td-caption").iter().any(|t| t.contains("version 4")), "{page}");
    let rows = select_texts(&page, "#td-history ~ div tbody tr");
    // The row links to what changed in version 4.
    assert_eq!(
        rows.last().unwrap(),
        "4 Changes in version 4 1 February 2026 Scope widened to volunteers and contractors"
    );
    let fingerprint = entry.split(' ').nth(3).unwrap();
    assert!(select_texts(&page, ".td-control__table tr").contains(&format!("Fingerprint (SHA-256) {fingerprint}")));
    let v3 = f.read("out/documents/corp-strat-003/v3/index.html");
    assert!(select_texts(&v3, ".td-banner__title").contains(&"Superseded".to_string()));
    // A change to the ratified text afterwards is H006.
    f.write(V4, f.read(V4).replace("volunteers and contractors of the Trust", "volunteers of the Trust"));
    let h006 = with_code(&f.check_json(), "H006");
    assert_eq!(h006.len(), 1, "{h006:?}");
    assert_eq!(h006[0]["file"], V4);
    assert!(h006[0]["message"]
        .as_str()
        .unwrap()
        .contains("CORP/STRAT/003 version 4 was changed after it was ratified"));
}

/// `ratify` of the draft of `ready()`, with a summary.
pub const RATIFY_G: [&str; 11] =
    ["ratify", "CORP/STRAT/003", "content", "--by", "G", "--date", "2026-02-01", "--today", TODAY, "--summary", "x"];

/// The example with the draft ready to ratify but for its history entry.
pub fn ready() -> Fixture {
    let f = with_draft();
    f.write(V4, f.read(V4).replace(TEMPLATE_LINE, "Daniel Willis, LSMS."));
    f
}

#[test]
fn dry_run_shows_the_diff_and_writes_nothing() {
    let f = ready();
    let before = snapshot(&f.path("content"));
    let out = ratify(&f, &["--summary", "Reviewed", "--dry-run"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let text = stdout(&out);
    assert!(text.contains(&format!("--- a/{V4}\n+++ b/{V4}\n")), "{text}");
    assert!(text.contains("-status: draft\n+status: ratified\n"), "{text}");
    assert!(text.contains("--- a/content/ratified.lock\n+++ b/content/ratified.lock\n"), "{text}");
    assert!(text.contains("\n+CORP/STRAT/003 4 2026-02-01 "), "{text}");
    assert!(text.contains("dry run: nothing was written"));
    assert_eq!(snapshot(&f.path("content")), before);
}

#[test]
fn a_rename_that_fails_part_way_leaves_every_file_as_it_was() {
    if !cfg!(debug_assertions) {
        return; // the failure is simulated in debug builds only
    }
    let f = ready();
    let before = snapshot(&f.path("content"));
    // Renames go in order: the draft, the superseded version, then the (new) lock.
    for nth in ["1", "2", "3"] {
        let out = f.run_with_env(&RATIFY_G, &[("TRUSTDOCS_TEST_FAIL_RENAME", nth)]);
        assert_eq!(out.status.code(), Some(1), "rename {nth}");
        assert!(stderr(&out).contains("nothing was changed"), "{}", stderr(&out));
        assert_eq!(
            snapshot(&f.path("content")),
            before,
            "rename {nth} failed: every file as it was, nothing left beside them"
        );
    }
    assert_eq!(ratify(&f, &["--summary", "x"]).status.code(), Some(0), "and it works once the renames do");
}

#[test]
fn a_folder_it_cannot_write_in_changes_nothing() {
    use std::os::unix::fs::PermissionsExt;
    let f = ready();
    let before = snapshot(&f.path("content"));
    // The lock cannot be created: content/ is read-only (for the unprivileged user).
    let content = f.path("content");
    let run = || f.run_unprivileged(&RATIFY_G);
    let documents = f.path("content/documents");
    std::fs::set_permissions(&documents, std::fs::Permissions::from_mode(0o777)).unwrap();
    std::fs::set_permissions(&content, std::fs::Permissions::from_mode(0o555)).unwrap();
    let out = run();
    std::fs::set_permissions(&content, std::fs::Permissions::from_mode(0o755)).unwrap();
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    assert!(stderr(&out).contains("ratified.lock"), "names the file: {}", stderr(&out));
    assert_eq!(snapshot(&f.path("content")), before);
}

const DRAFT: &str = "---\r
# Owned by the governance team; keep the keys in this order.\r
id: 'POL/001/001'      # the id on the front sheet\r
title: \"Lone Working Policy\"\r
version: '2'\r
status: consultation   # out until March\r
type: policy\r
directorate: Governance\r
author: { name: \"A Author\", title: LSMS }\r
consultation: { consulted: [ { who: Staff Side, method: meeting, sent: 2026-01-05, response: Agreed } ] }\r
review_date:           # set at ratification\r
history:\r
  - { version: \"1\", date: 2025-01-01, description: 'First issue' }  # as printed\r
  - { version: \"2\", date: 2026-01-20, description: \"Reviewed; lone-working app added\" }\r
eia:\r
  stage: 1\r
  date: 2026-01-05\r
  lead_assessor: E Assessor\r
  impacts: { age: neutral, disability: neutral, gender_reassignment: neutral, marriage_and_civil_partnership: neutral, pregnancy_and_maternity: neutral, race: neutral, religion_or_belief: neutral, sex: neutral, sexual_orientation: neutral }\r
---\r
## Scope  \r
\r
status: this line is body text, not front matter.\r
";

#[test]
fn ratify_keeps_comments_key_order_quoting_and_line_endings() {
    let current = clean("POL/001/001", "", "## Scope\n\nText.\n");
    let f = Fixture::new(&[("lone-working.md", &current), ("lone-working-v2.md", DRAFT)]);
    f.lock();
    let out = f.run(&[
        "ratify",
        "pol/001/001",
        "content",
        "--by",
        "Board",
        "--date",
        "2026-02-01",
        "--review-years",
        "2",
        "--today",
        TODAY,
    ]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let expected = DRAFT
        .replace("status: consultation   # out", "status: ratified   # out")
        .replace(
            "review_date:           # set",
            "ratified: { by: \"Board\", date: 2026-02-01 }\r\nreview_date: 2028-02-01           # set",
        )
        .replace("date: 2026-01-20, description", "date: 2026-02-01, description");
    assert_eq!(f.read("content/documents/lone-working-v2.md"), expected);
    assert_eq!(
        f.read("content/documents/lone-working.md"),
        current.replace("status: ratified", "status: superseded"),
        "only the status of the superseded version changes"
    );
    let r = f.check_json();
    assert_eq!(r["summary"]["errors"], 0, "{:#}", r["diagnostics"]);
}

#[test]
fn hostile_values_stay_values() {
    let hostile_by = "Board\nstatus: withdrawn\npublic: true # \"x\" ---";
    let minute = "- [a]: {b} 'c' \\ \u{2028}---\u{85}";
    let summary = "---\n...\n# not a comment\u{2029}id: POL/9/9";
    let current = clean("POL/001/001", "", "## Scope\n\nText.\n");
    let draft = doc("POL/001/001", "2", "draft", &format!("{HISTORY}{EIA}{CONSULTED}"), "## Scope\n\nNew text.\n")
        .replace("ratified: { by: Policy Group, date: 2025-01-10 }\nreview_date: 2028-01-10\n", "");
    let f = Fixture::new(&[("a.md", &current), ("a-v2.md", &draft)]);
    f.lock();
    let out = f.run(&[
        "ratify",
        "POL/001/001",
        "content",
        "--by",
        hostile_by,
        "--date",
        "2026-02-01",
        // A value that starts with `-` is given as `--minute=VALUE`.
        &format!("--minute={minute}"),
        &format!("--summary={summary}"),
        "--today",
        TODAY,
    ]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let text = f.read("content/documents/a-v2.md");
    let config = trustdocs::config::Config::default();
    let (doc, diags) = trustdocs::load::document_from_text("a".into(), "a".into(), text.clone(), &config);
    assert!(diags.is_empty(), "{diags:?}\n{text}");
    assert_eq!(doc.status(), Some(trustdocs::model::Status::Ratified));
    assert!(!doc.meta.public);
    let ratified = doc.meta.ratified.as_ref().unwrap();
    // Recorded as one line each: line breaks (\n, U+2028, U+2029, U+0085) become spaces.
    assert_eq!(ratified.by, "Board status: withdrawn public: true # \"x\" ---");
    assert_eq!(ratified.minute.as_deref(), Some("- [a]: {b} 'c' \\ ---"));
    assert_eq!(
        doc.meta.history.as_ref().unwrap().value.last().unwrap().description,
        "--- ... # not a comment id: POL/9/9"
    );
    assert_eq!(doc.body.sections.len(), 1, "the body is untouched");
    let lock = f.read("content/ratified.lock");
    assert_eq!(lock.lines().filter(|l| l.starts_with("POL/001/001 2 ")).count(), 1);
    assert!(lock.lines().all(|l| l.starts_with('#') || l.starts_with("POL/001/001 ")), "one line per entry:\n{lock}");
    assert!(with_code(&f.check_json(), "S006").is_empty());
}

#[test]
fn refusals_name_the_file_and_what_to_do() {
    let f = Fixture::example();
    let out = f.run(&["ratify", "CORP/STRAT/003", "content", "--by", "G", "--date", "2026-02-01", "--today", TODAY]);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stderr(&out).contains("has no version in preparation")
            && stderr(&out).contains("trustdocs new-version CORP/STRAT/003")
    );
    let out = f.run(&["ratify", "CORP/STRAT/033", "content", "--by", "G", "--date", "2026-02-01"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stderr(&out).contains("no document in content has the id CORP/STRAT/033. Did you mean"),
        "{}",
        stderr(&out)
    );
    let out = f.run(&["ratify", "CORP/STRAT/003", "content/documents", "--by", "G", "--date", "2026-02-01"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("content/documents is not a content folder"), "{}", stderr(&out));
    let out = f.run(&["ratify", "CORP/STRAT/003", "content", "--by", " ", "--date", "2026-02-01"]);
    assert_eq!(out.status.code(), Some(2));
    let out = f.run(&["ratify", "CORP/STRAT/003", "content", "--by", "G", "--date", "2030-01-01", "--today", TODAY]);
    assert_eq!(out.status.code(), Some(2), "a ratification in the future");
    let out = f.run(&["ratify", "CORP/STRAT/003", "content", "--by", "G", "--date", "29/02/2026"]);
    assert_eq!(out.status.code(), Some(2), "a day February 2026 does not have");
    let out = f.run(&[
        "ratify",
        "CORP/STRAT/003",
        "--by",
        "G",
        "--date",
        "2026-02-01",
        "--review-years",
        "2",
        "--review-date",
        "2028-01-01",
    ]);
    assert_eq!(out.status.code(), Some(2), "one review option at a time");
    for years in ["0", "11", "4294967295"] {
        let out = f.run(&["ratify", "CORP/STRAT/003", "--by", "G", "--date", "2026-02-01", "--review-years", years]);
        assert_eq!(out.status.code(), Some(2), "--review-years {years}: a review on the day, or in a lifetime");
    }
}

#[test]
fn ratify_refuses_what_only_ratification_makes_wrong() {
    // A draft without an owner or EIA is fine as a draft; ratified, it would be S003 and Q001.
    let draft = "---\nid: POL/001/005\ntitle: New Policy\ntype: policy\nversion: \"1\"\nstatus: draft\nhistory:\n  - { version: \"1\", date: 2026-01-01, description: First issue }\n---\n## Scope\n\nText.\n";
    let f = Fixture::new(&[("new.md", draft)]);
    f.lock();
    assert_eq!(f.check_json()["summary"]["errors"], 0);
    let before = snapshot(&f.path("content"));
    let out = f.run(&["ratify", "POL/001/005", "content", "--by", "G", "--date", "2026-02-01", "--today", TODAY]);
    assert_eq!(out.status.code(), Some(1));
    let err = stderr(&out);
    assert!(
        err.contains("warning[S003]: missing key `author`, which a ratified document needs [blocks ratification]"),
        "{err}"
    );
    assert!(err.contains("warning[Q001]"), "{err}");
    assert!(err.contains("--> content/documents/new.md:6:"), "points at the status line on disk: {err}");
    assert!(err.contains("warning[G001]"), "a new document, not consulted on: {err}");
    assert!(
        err.contains("4 findings in content/documents/new.md block ratification and must be fixed first\n"),
        "{err}"
    );
    assert_eq!(snapshot(&f.path("content")), before);
}

#[test]
fn a_value_with_an_invisible_character_is_refused_and_the_message_names_it() {
    let f = ready();
    let by = |by: &str| {
        let args = ["ratify", "CORP/STRAT/003", "content", "--date", "2026-02-01", "--today", TODAY, "--by", by];
        f.run(&[&args[..], &["--summary", "Reviewed", "--dry-run"]].concat())
    };
    // Each makes "Policy Group" look unchanged on a page or a terminal.
    let invisible = "\u{ad}\u{34f}\u{61c}\u{180e}\u{200b}\u{2060}\u{2061}\u{2062}\u{2063}\u{2064}\u{206a}\u{3164}\u{fe0f}\u{fff9}\u{e0000}\u{e0001}\u{e0041}\u{e007f}\u{e0100}";
    for c in invisible.chars() {
        let out = by(&format!("Policy{c}Group"));
        let err = stderr(&out);
        assert_eq!(out.status.code(), Some(2), "U+{:04X}: {err}", c as u32);
        assert!(
            err.contains(&format!("error: --by holds an invisible or control character (U+{:04X})", c as u32)),
            "{err}"
        );
    }
    // Letters with accents and typographic punctuation are not refused.
    for name in ["Pwyllgor Polisïau", "Comité d’éthique", "Policy Group – Board"] {
        let out = by(name);
        assert_eq!(out.status.code(), Some(0), "{name}: {}", stderr(&out));
    }
}

#[test]
fn a_value_with_a_hidden_control_character_is_refused() {
    let f = ready();
    let before = snapshot(&f.path("content"));
    for (flag, value) in [("--by", "Board\u{1b}[2J"), ("--minute", "PG\u{202e}3/26"), ("--summary", "bell\u{7}")] {
        let mut args = vec!["ratify", "CORP/STRAT/003", "content", "--date", "2026-02-01", "--today", TODAY];
        let given = format!("{flag}={value}");
        args.push(&given);
        for (other, plain) in [("--by", "Policy Group"), ("--summary", "Reviewed")] {
            if other != flag {
                args.extend([other, plain]);
            }
        }
        let out = f.run(&args);
        assert_eq!(out.status.code(), Some(2), "{flag}");
        assert!(
            stderr(&out).contains(&format!("error: {flag} holds an invisible or control character")),
            "{}",
            stderr(&out)
        );
    }
    let out = f.run(&[
        "withdraw",
        "CORP/STRAT/003",
        "content",
        "--by",
        "G",
        "--date",
        "2026-02-01",
        "--reason",
        "gone\u{85}\u{8}",
        "--today",
        TODAY,
    ]);
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    assert_eq!(snapshot(&f.path("content")), before);
}

#[test]
fn a_read_only_document_is_left_as_it_is() {
    use std::os::unix::fs::PermissionsExt;
    let f = ready();
    let before = snapshot(&f.path("content"));
    std::fs::set_permissions(f.path(V3), std::fs::Permissions::from_mode(0o444)).unwrap();
    let out = f.run(&RATIFY_G);
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    assert!(
        stderr(&out).contains("corp-strat-003-security-management-strategy.md is read-only; make it writable"),
        "{}",
        stderr(&out)
    );
    assert_eq!(snapshot(&f.path("content")), before);
}

#[test]
fn a_version_ratified_to_come_into_force_later_leaves_its_predecessor_in_force_until_then() {
    let f = with_draft();
    f.write(V4, f.read(V4).replace(TEMPLATE_LINE, "Daniel Willis, LSMS."));
    let before = snapshot(&f.path("content"));
    let early = ratify(&f, &["--summary", "Reviewed", "--effective", "2026-01-31"]);
    assert_eq!(early.status.code(), Some(2), "{}", stderr(&early));
    assert!(stderr(&early).contains("--effective 2026-01-31 is before the ratification date 2026-02-01"));
    assert_eq!(snapshot(&f.path("content")), before, "a refusal writes nothing");

    let done = ratify(&f, &["--summary", "Reviewed", "--effective", "01/03/2026"]);
    assert_eq!(done.status.code(), Some(0), "{}", stderr(&done));
    let out = stdout(&done);
    assert!(out.contains("comes into force on 1 March 2026"), "{out}");
    assert!(out.contains("is now marked superseded, and stays in force until 1 March 2026"), "{out}");
    assert!(f.read(V4).contains("\neffective: 2026-03-01\n"), "{}", f.read(V4));
    let r = f.check_json();
    assert!(with_code(&r, "H009").is_empty(), "{:#}", r["diagnostics"]);

    // Before the day, version 3 is the current one and version 4 waits.
    let build = |today: &str| {
        let out = f.run(&["build", "content", "--out", "out", "--no-pdf", "--today", today]);
        assert!(out.status.success(), "{}", stderr(&out));
        f.read("out/documents/corp-strat-003/index.html")
    };
    let main = build("2026-02-28");
    assert!(main.contains("Version</") && main.contains(">3<"), "version 3 is at the main address");
    let v4 = f.read("out/documents/corp-strat-003/v4/index.html");
    assert!(v4.contains("Comes into force on 1 March 2026"), "{v4}");
    // On the day, version 4 takes over.
    let main = build("2026-03-01");
    assert!(main.contains("This is the current version"), "{main}");
    assert!(main.contains(">4<"), "version 4 is at the main address");
}
