//! Governance commands run at the same time: one writer at a time on a
//! content folder, and readers between writers (docs/governance.md, "What
//! the commands never do"). The waits are shortened in debug builds only.

use crate::common::*;
use crate::ratify::{ready, RATIFY_G, TODAY, V3, V4};
use std::io::BufRead;
use std::process::{Output, Stdio};

/// The temporary files and backups a replacement leaves.
fn leftovers(f: &Fixture) -> Vec<String> {
    snapshot(&f.path("content")).into_iter().map(|(n, _)| n).filter(|n| n.contains(".trustdocs-")).collect()
}

fn ratify_of(id: &str) -> Vec<String> {
    ["ratify", id, "content", "--by", "Board", "--date", "2026-02-01", "--today", TODAY].map(String::from).to_vec()
}

fn spawn(f: &Fixture, args: &[String]) -> std::process::Child {
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    f.command(&args).stdout(Stdio::piped()).stderr(Stdio::piped()).spawn().unwrap()
}

/// `n` documents, each with version 1 in force, in the lock, and a draft
/// of version 2 ready to ratify.
fn drafts(n: usize) -> Fixture {
    let history = format!("{HISTORY}  - {{ version: \"2\", date: 2026-01-20, description: Reviewed }}\n");
    let mut files = Vec::new();
    for i in 1..=n {
        let id = format!("POL/001/{i:03}");
        let draft = doc(&id, "2", "draft", &format!("{history}{EIA}"), "## Scope\n\nNew text.\n")
            .replace("ratified: { by: Policy Group, date: 2025-01-10 }\nreview_date: 2028-01-10\n", "");
        files.push((format!("d{i}.md"), clean(&id, "", "## Scope\n\nText.\n")));
        files.push((format!("d{i}-v2.md"), draft));
    }
    let files: Vec<(&str, &str)> = files.iter().map(|(name, text)| (name.as_str(), text.as_str())).collect();
    let f = Fixture::new(&files);
    let out = f.run(&["lock", "content"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    f
}

/// No S005 (two versions in force), S006, H006 or H007, and nothing left beside the files.
fn assert_whole(f: &Fixture) {
    let r = f.check_json();
    for code in ["S005", "S006", "H006", "H007"] {
        assert!(with_code(&r, code).is_empty(), "{code}: {:#}", r["diagnostics"]);
    }
    assert!(leftovers(f).is_empty(), "{:?}", leftovers(f));
}

#[test]
fn twenty_ratifies_at_once_record_twenty_entries() {
    let f = drafts(20);
    let children: Vec<_> = (1..=20).map(|i| spawn(&f, &ratify_of(&format!("POL/001/{i:03}")))).collect();
    for (i, child) in children.into_iter().enumerate() {
        let out = child.wait_with_output().unwrap();
        assert_eq!(out.status.code(), Some(0), "ratify {}: {}", i + 1, stderr(&out));
        assert!(stdout(&out).contains("version 2 recorded"), "{}", stdout(&out));
    }
    let lock = f.read("content/ratified.lock");
    for i in 1..=20 {
        let entries = lock.lines().filter(|l| l.starts_with(&format!("POL/001/{i:03} 2 2026-02-01 "))).count();
        assert_eq!(entries, 1, "POL/001/{i:03} version 2:\n{lock}");
    }
    assert_eq!(lock.lines().filter(|l| !l.starts_with('#')).count(), 40, "{lock}");
    assert_whole(&f);
}

#[test]
fn two_ratifies_of_one_draft_record_it_once() {
    let f = ready();
    let args: Vec<String> = RATIFY_G.map(String::from).to_vec();
    let children = [spawn(&f, &args), spawn(&f, &args)];
    let mut outs: Vec<Output> = children.into_iter().map(|c| c.wait_with_output().unwrap()).collect();
    outs.sort_by_key(|o| o.status.code());
    assert_eq!(outs[0].status.code(), Some(0), "{}", stderr(&outs[0]));
    assert_eq!(outs[1].status.code(), Some(1), "{}", stderr(&outs[1]));
    assert!(
        stderr(&outs[1]).contains("error: CORP/STRAT/003 has no version in preparation"),
        "the second sees the first one's result: {}",
        stderr(&outs[1])
    );
    let lock = f.read("content/ratified.lock");
    assert_eq!(lock.lines().filter(|l| l.starts_with("CORP/STRAT/003 4 ")).count(), 1, "{lock}");
    assert!(f.read(V3).contains("\nstatus: superseded\n") && f.read(V4).contains("\nstatus: ratified\n"));
    assert!(with_code(&f.check_json(), "S005").is_empty());
}

/// Holds the content folder as another trustdocs command would.
fn hold(f: &Fixture, operation: libc::c_int) -> std::fs::File {
    use std::os::fd::AsRawFd;
    let folder = std::fs::File::open(f.path("content")).unwrap();
    // SAFETY: flock(2) on a descriptor the `File` owns.
    assert_eq!(unsafe { libc::flock(folder.as_raw_fd(), operation) }, 0);
    folder
}

#[test]
fn a_command_waits_for_another_on_the_same_folder_then_gives_up() {
    if !cfg!(debug_assertions) {
        return; // the wait is shortened in debug builds only
    }
    let f = ready();
    let before = snapshot(&f.path("content"));
    let writer = hold(&f, libc::LOCK_EX);
    let short = [("TRUSTDOCS_TEST_LOCK_WAIT", "1")];
    for args in [&RATIFY_G[..], &["lock", "content"], &["check", "content"]] {
        let out = f.run_with_env(args, &short);
        assert_eq!(out.status.code(), Some(1), "{args:?}: {}", stderr(&out));
        let err = stderr(&out);
        assert_eq!(err.matches("waiting for another trustdocs command on content to finish").count(), 1, "{err}");
        assert!(
            err.contains(
                "error: another trustdocs command has been using content for more than 1 second; nothing was changed"
            ),
            "{err}"
        );
    }
    assert_eq!(snapshot(&f.path("content")), before);
    drop(writer);
    // Readers share the folder; a writer waits for them, then goes on.
    let reader = hold(&f, libc::LOCK_SH);
    let check = f.run_with_env(&["check", "content"], &short);
    assert!(!stderr(&check).contains("waiting"), "{}", stderr(&check));
    let mut ratify = spawn(&f, &RATIFY_G.map(String::from));
    let mut err = std::io::BufReader::new(ratify.stderr.take().unwrap());
    let mut first = String::new();
    err.read_line(&mut first).unwrap();
    assert!(first.starts_with("waiting for another trustdocs command on content to finish"), "{first}");
    drop(reader);
    let out = ratify.wait_with_output().unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", stdout(&out));
}
