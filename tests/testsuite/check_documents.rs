//! `check [DIR] [DOCUMENT...]`: one document at a time, as an author
//! checks the policy they are writing, and the pre-commit hook built on it.

use crate::common::*;
use std::process::Command;

/// POL/001/001 has an error (an unknown id) and refers to nothing else;
/// POL/001/002 has only a warning (an empty section) and refers to
/// POL/001/001, which resolves only when the whole library is read.
fn library() -> Fixture {
    let f = Fixture::new(&[
        ("a.md", &clean("POL/001/001", "", "## Scope\n\nSee POL/001/099.\n")),
        ("b.md", &clean("POL/001/002", "", "## Scope\n\nRead with POL/001/001.\n\n## Empty\n\n## Last\n\nT.\n")),
    ]);
    assert!(f.run(&["lock", "content"]).status.success(), "locked: no H007 for the library");
    f
}

fn json(f: &Fixture, args: &[&str]) -> (serde_json::Value, Option<i32>) {
    let mut all = vec!["check"];
    all.extend_from_slice(args);
    all.extend_from_slice(&["--format", "json", "--today", "2026-11-23"]);
    let out = f.run(&all);
    let report = serde_json::from_slice(&out.stdout)
        .unwrap_or_else(|e| panic!("not JSON ({e}): {}{}", stdout(&out), stderr(&out)));
    (report, out.status.code())
}

fn files(report: &serde_json::Value) -> Vec<String> {
    let mut files: Vec<String> =
        report["diagnostics"].as_array().unwrap().iter().map(|d| d["file"].as_str().unwrap().to_string()).collect();
    files.dedup();
    files
}

#[test]
fn a_file_or_an_id_reports_that_document_only_counts_it_and_sets_the_exit_status() {
    let f = library();
    let whole = f.check_json();
    assert_eq!(files(&whole), vec!["content/documents/a.md", "content/documents/b.md"]);
    for spelling in [
        vec!["content", "content/documents/b.md"],
        vec!["content/documents/b.md"],
        vec!["content", "./content/documents/../documents/b.md"],
        vec!["content", "POL/001/002"],
        vec!["content", "pol/001/002"],
        vec!["POL/001/002"],
        vec!["content", "pol-001-002"],
    ] {
        let (r, status) = json(&f, &spelling);
        assert_eq!(files(&r), vec!["content/documents/b.md"], "{spelling:?}");
        assert_eq!(codes(&r), vec!["C003"], "POL/001/001 resolves: the whole library is read ({spelling:?})");
        assert_eq!(
            r["summary"],
            serde_json::json!({ "documents": 1, "errors": 0, "warnings": 1, "notes": 0, "blocks_ratification": 0 })
        );
        assert_eq!(status, Some(0), "the other document's error does not fail it ({spelling:?})");
    }
    let absolute = f.path("content/documents/b.md");
    let (r, _) = json(&f, &[absolute.to_str().unwrap()]);
    assert_eq!(codes(&r), vec!["C003"]);
    let (r, status) = json(&f, &["content", "content/documents/a.md"]);
    assert_eq!((codes(&r), status), (vec!["X001".to_string()], Some(1)));
    let (r, status) = json(&f, &["content", "POL/001/001", "content/documents/b.md"]);
    assert_eq!((r["summary"]["documents"].as_u64(), status), (Some(2), Some(1)));
    let denied = f.run(&["check", "content/documents/b.md", "--deny", "warnings", "--today", "2026-11-23"]);
    assert_eq!(denied.status.code(), Some(1), "its own warning, with --deny warnings");
}

#[test]
fn the_human_output_names_only_the_chosen_document() {
    let f = library();
    let out = f.run(&["check", "content", "POL/001/002", "--today", "2026-11-23"]);
    let text = stdout(&out);
    assert!(text.contains("content/documents/b.md:") && !text.contains("a.md"), "{text}");
    assert!(text.ends_with("1 document checked: 0 errors, 1 warning, 0 notes\n"), "{text}");
}

#[test]
fn an_id_covers_every_version_of_it() {
    let old = doc("POL/001/002", "0.9", "superseded", "", "## S\n\nSee POL/001/097.\n");
    let f = library();
    f.write("content/documents/b-v0.md", &old);
    let (r, _) = json(&f, &["content", "POL/001/002"]);
    assert_eq!(files(&r), vec!["content/documents/b-v0.md", "content/documents/b.md"]);
    assert_eq!(r["summary"]["documents"], 2);
}

#[test]
fn a_document_not_in_the_library_is_a_usage_error_that_suggests_the_closest() {
    let f = library();
    f.write("elsewhere/c.md", clean("POL/001/003", "", "## S\n\nT.\n"));
    let cases: [(&[&str], &str); 6] = [
        (&["content", "POL/001/012"], "`POL/001/012` is neither a document file nor the id of a document in content; did you mean POL/001/002 (Test Document POL/001/002)?"),
        (&["content", "POL/009/999"], "give an id of the library, or the path of a document file"),
        (&["content", "content/documents/c.md"], "content/documents/c.md is not a document of the content folder content: there is no such file; did you mean content/documents/a.md?"),
        (&["content", "content/site.yaml"], "it is not a .md file under its documents/ folder"),
        (&["content", "elsewhere/c.md"], "elsewhere/c.md is not a document of the content folder content"),
        (&["content", "content/documents"], "it is a folder, and documents are named one by one"),
    ];
    for (args, message) in cases {
        let mut all = vec!["check"];
        all.extend_from_slice(args);
        let out = f.run(&all);
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        assert!(stderr(&out).contains(message), "{args:?}: {}", stderr(&out));
        assert!(stdout(&out).is_empty(), "nothing is reported: {args:?}");
    }
}

#[test]
fn a_file_given_alone_finds_its_content_folder() {
    let f = library();
    std::fs::rename(f.path("content"), f.path("library")).unwrap();
    let (r, status) = json(&f, &["library/documents/b.md"]);
    assert_eq!((files(&r), status), (vec!["library/documents/b.md".to_string()], Some(0)));
}

fn git(dir: &std::path::Path, args: &[&str]) {
    let out = Command::new("git").args(args).current_dir(dir).output().expect("git runs");
    assert!(out.status.success(), "git {args:?}: {}", String::from_utf8_lossy(&out.stderr));
}

/// Runs the shipped hook as git would: from the top of the repository.
fn hook(f: &Fixture, env: &[(&str, &str)]) -> std::process::Output {
    let script = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("scripts/pre-commit");
    Command::new("sh")
        .arg(script)
        .current_dir(f.tmp.path())
        .env("TRUSTDOCS", env!("CARGO_BIN_EXE_trustdocs"))
        .env("NO_COLOR", "1")
        .envs(env.iter().copied())
        .output()
        .unwrap()
}

#[test]
fn the_pre_commit_hook_checks_the_staged_documents_as_staged() {
    let f = library();
    // Without a lock, so that editing the ratified b.md is not H006 (see below).
    std::fs::remove_file(f.path("content/ratified.lock")).unwrap();
    let top = f.tmp.path();
    git(top, &["init", "-q"]);
    git(top, &["-c", "user.name=T", "-c", "user.email=t@example.org", "add", "."]);
    git(top, &["-c", "user.name=T", "-c", "user.email=t@example.org", "commit", "-q", "-m", "library"]);
    // Nothing staged: nothing is checked, although a.md has an error.
    let out = hook(&f, &[]);
    assert_eq!(out.status.code(), Some(0), "{}{}", stdout(&out), stderr(&out));
    assert!(stdout(&out).is_empty());
    // b.md staged with a warning only: the commit goes ahead, a.md's error is not reported.
    f.write("content/documents/b.md", clean("POL/001/002", "", "## Scope\n\nRead with POL/001/001.\n\n## Empty\n"));
    git(top, &["add", "content/documents/b.md"]);
    let out = hook(&f, &[]);
    assert_eq!(out.status.code(), Some(0), "{}{}", stdout(&out), stderr(&out));
    assert!(stdout(&out).contains("content/documents/b.md") && !stdout(&out).contains("a.md"), "{}", stdout(&out));
    let out = hook(&f, &[("TRUSTDOCS_DENY", "warnings")]);
    assert_ne!(out.status.code(), Some(0), "warnings stop it with TRUSTDOCS_DENY=warnings");
    // An error staged stops the commit, even once the working copy is mended:
    // the staged text is what is committed.
    let broken = clean("POL/001/002", "", "## Scope\n\nSee POL/001/098.\n");
    f.write("content/documents/b.md", &broken);
    git(top, &["add", "content/documents/b.md"]);
    f.write("content/documents/b.md", clean("POL/001/002", "", "## Scope\n\nFine.\n"));
    let out = hook(&f, &[]);
    assert_ne!(out.status.code(), Some(0));
    assert!(stdout(&out).contains("POL/001/098"), "{}", stdout(&out));
    assert!(stderr(&out).contains("fix them and stage them again"), "{}", stderr(&out));
    // A new document with a space in its name, staged and clean.
    git(top, &["reset", "-q"]);
    f.write("content/documents/new policy.md", clean("POL/001/003", "", "## Scope\n\nSee POL/001/001.\n"));
    git(top, &["add", "content/documents/new policy.md"]);
    let out = hook(&f, &[]);
    assert_eq!(out.status.code(), Some(0), "{}{}", stdout(&out), stderr(&out));
    assert!(stdout(&out).contains("1 document checked: 0 errors, 0 warnings"), "{}", stdout(&out));
}

#[test]
fn the_pre_commit_hook_stops_a_change_to_a_locked_ratified_version() {
    let f = library();
    let top = f.tmp.path();
    git(top, &["init", "-q"]);
    git(top, &["-c", "user.name=T", "-c", "user.email=t@example.org", "add", "."]);
    git(top, &["-c", "user.name=T", "-c", "user.email=t@example.org", "commit", "-q", "-m", "library"]);
    f.write("content/documents/b.md", f.read("content/documents/b.md").replace("Read with", "Read it with"));
    git(top, &["add", "content/documents/b.md"]);
    let out = hook(&f, &[]);
    assert_eq!(out.status.code(), Some(1), "{}{}", stdout(&out), stderr(&out));
    assert!(
        stdout(&out).contains("error[H006]: POL/001/002 version 1 was changed after it was ratified"),
        "{}",
        stdout(&out)
    );
}
