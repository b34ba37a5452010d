//! Governance commands run at the same time, killed part way, or pointed
//! out of the content folder: one writer at a time on a content folder, an
//! interrupted command completed or undone by the next one, and nothing
//! written outside the folder (docs/governance.md, "What the commands
//! never do"). The kills and waits are simulated in debug builds only.

use crate::common::*;
use crate::ratify::{ready, RATIFY_G, TODAY, V3, V4};
use std::io::BufRead;
use std::os::unix::process::ExitStatusExt;
use std::process::{Output, Stdio};
use std::sync::OnceLock;

const JOURNAL: &str = "content/.trustdocs-journal";

/// Where a replacement can be killed: the journal written but not yet in
/// place, before each of the three renames of a ratification that
/// supersedes a version (the draft, the previous version, the lock), and
/// after the last rename.
const KILL_POINTS: [&str; 5] = ["journal", "rename:1", "rename:2", "rename:3", "renamed"];

/// The temporary files, backups and journal a replacement leaves.
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
        let draft = doc(&id, "2", "draft", &format!("{history}{EIA}{CONSULTED}"), "## Scope\n\nNew text.\n")
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

/// No S005 (two versions in force), S006 (a journal left), H006 or H007.
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

/// The example library after a ratification that ran through.
fn ratified() -> &'static [(String, Vec<u8>)] {
    static RATIFIED: OnceLock<Vec<(String, Vec<u8>)>> = OnceLock::new();
    RATIFIED.get_or_init(|| {
        let f = ready();
        let out = f.run(&RATIFY_G);
        assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
        snapshot(&f.path("content"))
    })
}

/// After a ratification killed at each point, `next` runs. It says what it
/// made of the kill, and leaves a whole library: the ratification
/// completed once the journal was in place (every check had passed), or,
/// when the kill came before, every file as it was. `status(completed)` is
/// the exit status `next` has then; `made` is a file `next` itself makes.
fn settled_by(next: &[&str], status: impl Fn(bool) -> i32, made: Option<&str>) {
    if !cfg!(debug_assertions) {
        return; // the kill is simulated in debug builds only
    }
    for point in KILL_POINTS {
        let f = ready();
        let before = snapshot(&f.path("content"));
        let killed = f.run_with_env(&RATIFY_G, &[("TRUSTDOCS_TEST_KILL_AT", point)]);
        assert_eq!(killed.status.signal(), Some(libc::SIGKILL), "{point}: {}", stderr(&killed));
        assert!(!leftovers(&f).is_empty(), "{point}: the kill leaves its files");
        let completed = point != "journal";
        let out = f.run(next);
        let err = stderr(&out);
        assert_eq!(out.status.code(), Some(status(completed)), "{point}, then {next:?}: {err}{}", stdout(&out));
        let said = match completed {
            true => "completed `ratify CORP/STRAT/003 version 4`, which was interrupted while it replaced files: content/documents/corp-strat-003-security-management-strategy-v4.md, content/documents/corp-strat-003-security-management-strategy.md and content/ratified.lock now hold its changes\n",
            false => " temporary files a trustdocs command left in content when it was interrupted before changing anything: ",
        };
        assert!(err.contains(said), "{point}, then {next:?}: {err}");
        assert!(!f.path(JOURNAL).exists(), "{point}");
        assert_whole(&f);
        let mut after = snapshot(&f.path("content"));
        after.retain(|(name, _)| made.is_none_or(|m| !name.ends_with(m)));
        // A ratify that follows an undone one ratifies: the same result.
        let expected = if completed || next[0] == "ratify" { ratified() } else { &before[..] };
        assert!(after == expected, "{point}, then {next:?}: the library is not as expected");
    }
}

#[test]
fn a_killed_ratify_is_settled_by_the_next_ratify() {
    settled_by(&RATIFY_G, |completed| if completed { 1 } else { 0 }, None);
}

#[test]
fn a_killed_ratify_is_settled_by_the_next_check() {
    let example_has_errors = 1;
    settled_by(&["check", "content", "--today", TODAY], |_| example_has_errors, None);
}

#[test]
fn a_killed_ratify_is_settled_by_the_next_lock() {
    settled_by(&["lock", "content"], |_| 0, None);
}

#[test]
fn a_killed_ratify_is_settled_by_the_next_new_version() {
    let next = ["new-version", "CORP/STRAT/003", "content", "--today", TODAY];
    settled_by(&next, |completed| if completed { 0 } else { 1 }, Some("-v5.md"));
}

#[test]
fn a_killed_ratify_whose_new_text_went_missing_is_undone() {
    if !cfg!(debug_assertions) {
        return;
    }
    let f = ready();
    let before = snapshot(&f.path("content"));
    f.run_with_env(&RATIFY_G, &[("TRUSTDOCS_TEST_KILL_AT", "rename:2")]);
    // Someone removes the hidden new text of the version to supersede.
    let temp = leftovers(&f)
        .into_iter()
        .find(|n| n.starts_with("documents/.corp-strat-003-security-management-strategy.md.trustdocs-new-"))
        .expect("its new text waits beside it");
    std::fs::remove_file(f.path("content").join(temp)).unwrap();
    let out = f.run(&["lock", "content"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(
        stderr(&out).contains("undid `ratify CORP/STRAT/003 version 4`, which was interrupted while it replaced files and could not be completed: content/documents/corp-strat-003-security-management-strategy-v4.md, content/documents/corp-strat-003-security-management-strategy.md and content/ratified.lock are as they were before it; run it again"),
        "{}",
        stderr(&out)
    );
    assert_eq!(snapshot(&f.path("content")), before);
}

#[test]
fn a_killed_ratify_whose_files_were_edited_since_is_left_for_a_person() {
    if !cfg!(debug_assertions) {
        return;
    }
    let f = ready();
    f.run_with_env(&RATIFY_G, &[("TRUSTDOCS_TEST_KILL_AT", "rename:2")]);
    f.write(V4, f.read(V4) + "\nA line added by hand.\n");
    let edited = snapshot(&f.path("content"));
    let out = f.run(&RATIFY_G);
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    let err = stderr(&out);
    assert!(err.contains("error: `ratify CORP/STRAT/003 version 4` was interrupted while it replaced files, and some have changed since, so it can be neither completed nor undone safely; nothing was changed:"), "{err}");
    assert!(err.contains(&format!("\n  {V4}: has been changed since; new text: gone; text before: content/documents/.corp-strat-003-security-management-strategy-v4.md.trustdocs-old-")), "{err}");
    assert!(
        err.contains(&format!(
            "\n  {V3}: has its text from before the command; new text: content/documents/.corp-strat-003"
        )),
        "{err}"
    );
    assert!(
        err.contains("put each file as it should be, then delete content/.trustdocs-journal and the files named above"),
        "{err}"
    );
    assert_eq!(snapshot(&f.path("content")), edited, "nothing was changed");
    // `check` says so too, on the journal.
    let s006 = with_code(&f.check_json(), "S006");
    assert!(s006.iter().any(|d| d["file"] == JOURNAL), "{s006:?}");
}

#[test]
fn a_lock_file_linked_out_of_the_content_folder_is_never_written() {
    let link_out = |f: &Fixture, victim: &str| {
        f.write("outside/victim", victim);
        let _ = std::fs::remove_file(f.path("content/ratified.lock"));
        std::os::unix::fs::symlink("../outside/victim", f.path("content/ratified.lock")).unwrap();
    };
    let refused = |f: &Fixture, args: &[&str]| {
        let (victim, before) = (f.read_bytes("outside/victim"), snapshot(&f.path("content")));
        let out = f.run(args);
        assert_eq!(out.status.code(), Some(1), "{args:?}: {}", stderr(&out));
        let err = stderr(&out);
        // Refused as a write through the link, or before that, as a lock
        // that cannot be read (the loader does not follow it out either).
        let write_refused = err.contains("error: content/ratified.lock is a symbolic link to ")
            && err.contains("/outside/victim, outside the content folder content: trustdocs writes nothing outside it")
            && err.contains("nothing was changed");
        let read_refused = err.contains("ratified.lock: it is a symbolic link that leads out of the content folder")
            && err.contains("nothing was written");
        assert!(write_refused || read_refused, "{err}");
        assert_eq!(f.read_bytes("outside/victim"), victim, "{args:?}: the file outside is untouched");
        assert_eq!(snapshot(&f.path("content")), before);
    };
    let f = ready();
    link_out(&f, &f.read("content/ratified.lock"));
    refused(&f, &RATIFY_G);
    let f = Fixture::new(&[("a.md", &clean("POL/001/001", "", "## Scope\n\nText.\n"))]);
    link_out(&f, "# someone else's file\n");
    refused(&f, &["lock", "content"]);
}

#[test]
fn a_dry_run_or_a_refusal_writes_nothing_not_even_a_journal() {
    if !cfg!(debug_assertions) {
        return;
    }
    // Killed if it began writing: a journal is the first thing written.
    let tripwire = [("TRUSTDOCS_TEST_KILL_AT", "journal")];
    let f = ready();
    let before = snapshot(&f.path("content"));
    let dry = f.run_with_env(&[&RATIFY_G[..], &["--dry-run"]].concat(), &tripwire);
    assert_eq!(dry.status.code(), Some(0), "{}", stderr(&dry));
    let refused = f.run_with_env(&[&RATIFY_G[..], &["--review-date", "2020-01-01"]].concat(), &tripwire);
    assert_eq!(refused.status.code(), Some(1), "{}", stderr(&refused));
    assert_eq!(snapshot(&f.path("content")), before, "every byte as it was, and no journal");
}
