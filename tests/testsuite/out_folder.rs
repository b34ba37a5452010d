//! The output folder is the build's own: `build --out` refuses (exit 2,
//! nothing touched, a message saying what to do instead) the content
//! folder, a folder holding it or inside it, the current folder, the home
//! folder and any non-empty folder a build did not make, however the path
//! is spelt; and the clean-up beside the output deletes only what a build
//! marked as its own.

use crate::common::*;
use std::path::Path;

fn library() -> Fixture {
    Fixture::new(&[("a.md", &clean("POL/001/001", "", "## Scope\n\nText.\n"))])
}

/// Runs `build` with `args` from `cwd` and checks it refused: exit 2, a
/// message with what to do instead, and `guarded` exactly as it was,
/// marker file included.
fn refused(f: &Fixture, cwd: &str, args: &[&str], home: &Path, guarded: &Path) {
    let marker = guarded.join("KEEP-ME.txt");
    if !marker.exists() {
        std::fs::write(&marker, "the user's own file\n").unwrap();
    }
    let before = snapshot(guarded);
    let mut all = vec!["build"];
    all.extend_from_slice(args);
    all.extend_from_slice(&["--no-pdf", "--today", "2026-11-23"]);
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_trustdocs"))
        .args(&all)
        .current_dir(f.path(cwd))
        .env("HOME", home)
        .env("NO_COLOR", "1")
        .output()
        .unwrap();
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(2), "{all:?} from {cwd}: {err}");
    assert!(err.contains("refusing to build into") && err.contains("instead"), "{all:?}: {err}");
    assert_eq!(std::fs::read_to_string(&marker).unwrap(), "the user's own file\n", "{all:?}");
    assert!(snapshot(guarded) == before, "{all:?} touched {}", guarded.display());
    if guarded == f.tmp.path() {
        return;
    }
    let beside: Vec<String> = std::fs::read_dir(guarded.parent().unwrap())
        .unwrap()
        .flatten()
        .map(|e| e.file_name().to_string_lossy().to_string())
        .filter(|n| n.contains(".building-") || n.contains(".old-"))
        .collect();
    assert!(beside.is_empty(), "{all:?} left {beside:?}");
}

#[test]
fn the_content_folder_in_any_spelling_is_refused() {
    let f = library();
    let home = f.path("home");
    std::fs::create_dir_all(&home).unwrap();
    let content = f.path("content");
    let abs = content.display().to_string();
    std::os::unix::fs::symlink(&content, f.path("link")).unwrap();
    for out in [
        "content",
        "content/",
        "./content",
        "content/../content",
        "content/documents/..",
        "link",
        "link/",
        abs.as_str(),
        &format!("{abs}/."),
    ] {
        refused(&f, ".", &["content", "--out", out], &home, &content);
    }
    // From inside the content folder, `.` is the content folder too.
    refused(&f, "content", &[".", "--out", "."], &home, &content);
    refused(&f, "content/documents", &["..", "--out", ".."], &home, &content);
}

#[test]
fn a_folder_holding_the_content_folder_or_inside_it_is_refused() {
    let f = library();
    let home = f.path("home");
    std::fs::create_dir_all(&home).unwrap();
    std::os::unix::fs::symlink(f.path("content"), f.path("link")).unwrap();
    // The project folder holds the content folder (and is the current folder).
    refused(&f, ".", &["content", "--out", "."], &home, f.tmp.path());
    refused(&f, "content", &[".", "--out", "../"], &home, f.tmp.path());
    // Inside the content folder: an existing sub-folder, and a new one.
    refused(&f, ".", &["content", "--out", "content/documents"], &home, &f.path("content/documents"));
    refused(&f, ".", &["content", "--out", "content/site"], &home, &f.path("content"));
    refused(&f, ".", &["content", "--out", "link/new/site"], &home, &f.path("content"));
}

#[test]
fn the_current_and_the_home_folder_are_refused_even_empty() {
    let f = library();
    std::os::unix::fs::symlink(f.path("content"), f.path("link")).unwrap();
    let home = f.path("home");
    std::fs::create_dir_all(&home).unwrap();
    let here = f.path("here");
    std::fs::create_dir_all(&here).unwrap();
    // Empty, so that only the rule about the folder itself can refuse it.
    let empty_refused = |cwd: &Path, content: &str, out: &str, why: &str, folder: &Path| {
        let o = std::process::Command::new(env!("CARGO_BIN_EXE_trustdocs"))
            .args(["build", content, "--out", out, "--no-pdf"])
            .current_dir(cwd)
            .env("HOME", &home)
            .output()
            .unwrap();
        assert_eq!(o.status.code(), Some(2), "{out}: {}", stderr(&o));
        assert!(stderr(&o).contains(why), "{}", stderr(&o));
        assert_eq!(std::fs::read_dir(folder).unwrap().count(), 0, "{} stays empty", folder.display());
    };
    for out in [".", "./", "../here", &here.display().to_string()] {
        empty_refused(&here, "../content", out, "is the current folder", &here);
    }
    for out in ["home", "home/", "./home/../home", &home.display().to_string(), &format!("{}/", home.display())] {
        empty_refused(f.tmp.path(), "content", out, "is your home folder", &home);
    }
    // And with the user's files in them.
    std::fs::create_dir_all(home.join("Documents")).unwrap();
    std::fs::write(home.join(".bashrc"), "export A=1\n").unwrap();
    refused(&f, ".", &["content", "--out", "home"], &home, &home);
    refused(&f, "here", &["../content", "--out", "."], &home, &here);
}

#[test]
fn a_folder_of_the_users_own_is_refused_and_an_earlier_output_accepted() {
    let f = library();
    let home = f.path("home");
    std::fs::create_dir_all(&home).unwrap();
    f.write("mine/report.docx", "the user's own report");
    refused(&f, ".", &["content", "--out", "mine"], &home, &f.path("mine"));
    refused(&f, ".", &["content", "--out", "mine/"], &home, &f.path("mine"));
    f.write("file-not-folder", "x");
    let o = f.run(&["build", "content", "--out", "file-not-folder", "--no-pdf"]);
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    assert_eq!(f.read("file-not-folder"), "x");

    // An empty folder is fine; what a build made is fine; so is what an
    // earlier version made (it left a PDF cache or a public-copy mark).
    std::fs::create_dir_all(f.path("empty")).unwrap();
    assert!(f.run(&["build", "content", "--out", "empty", "--no-pdf"]).status.success());
    assert!(f.path("empty/documents/pol-001-001/index.html").exists());
    assert!(f.run(&["build", "content", "--out", "empty", "--no-pdf"]).status.success(), "its own output");
    for mark in [".trustdocs/pdf-cache.json", ".trustdocs/public-copy"] {
        let old = format!("old{}", mark.len());
        f.write(&format!("{old}/{mark}"), "{}");
        f.write(&format!("{old}/index.html"), "old site");
        let o = f.run(&["build", "content", "--out", &old, "--no-pdf"]);
        assert!(o.status.success(), "{mark}: {}", stderr(&o));
        assert!(f.read(&format!("{old}/index.html")).contains("Policies and procedures"));
    }
}

#[test]
fn only_marked_folders_of_dead_builds_are_cleaned_up_beside_the_output() {
    let f = library();
    assert!(f.build(&[]).status.success());
    // A dead process id: above any pid_max.
    let dead = "4194399";
    // The user's own folders that look like a build's.
    for name in [format!(".out.building-{dead}"), format!(".out.old-{dead}-abc"), ".out.backup".to_string()] {
        f.write(&format!("{name}/KEEP-ME.txt"), "mine");
    }
    // What killed builds left: marked.
    for name in [format!(".out.building-{dead}-aaaaaa"), format!(".out.old-{dead}-bbbbbb")] {
        f.write(&format!("{name}/.trustdocs/output"), "made by a build");
        f.write(&format!("{name}/index.html"), "half a site");
    }
    // A marked folder of a build that is still running (this test).
    let running = format!(".out.building-{}-cccccc", std::process::id());
    f.write(&format!("{running}/.trustdocs/output"), "made by a build");
    assert!(f.build(&[]).status.success());
    let mut expected =
        vec![format!(".out.building-{dead}"), format!(".out.old-{dead}-abc"), ".out.backup".into(), running];
    expected.sort();
    let left = || {
        let mut left: Vec<String> = std::fs::read_dir(f.tmp.path())
            .unwrap()
            .flatten()
            .map(|e| e.file_name().to_string_lossy().to_string())
            .filter(|n| n.starts_with(".out"))
            .collect();
        left.sort();
        left
    };
    // The replaced site is deleted in the background: give it ten seconds.
    for _ in 0..200 {
        if left() == expected {
            break;
        }
        std::thread::sleep(std::time::Duration::from_millis(50));
    }
    assert_eq!(left(), expected);
    for name in [format!(".out.building-{dead}"), format!(".out.old-{dead}-abc"), ".out.backup".into()] {
        assert_eq!(f.read(&format!("{name}/KEEP-ME.txt")), "mine");
    }
}

#[test]
fn a_new_output_carries_the_mark() {
    let f = library();
    assert!(f.build(&[]).status.success());
    assert!(f.path("out/.trustdocs/output").is_file());
    let public = f.run(&["build", "content", "--public", "--out", "out/public", "--no-pdf"]);
    assert!(public.status.success(), "{}", stderr(&public));
    assert!(f.path("out/public/.trustdocs/output").is_file());
}

#[test]
fn the_search_index_never_replaces_a_folder_it_did_not_make() {
    let f = library();
    f.write(".trustdocs/search-index/content/KEEP-ME.txt", "mine");
    let out = f.run(&["search", "text", "content"]);
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    assert!(stderr(&out).contains("did not make"), "{}", stderr(&out));
    assert_eq!(f.read(".trustdocs/search-index/content/KEEP-ME.txt"), "mine");
    std::fs::remove_file(f.path(".trustdocs/search-index/content/KEEP-ME.txt")).unwrap();
    let out = f.run(&["search", "text", "content"]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(stdout(&out).contains("POL/001/001"));
    let again = f.run(&["search", "text", "content", "--drafts"]);
    assert!(again.status.success(), "its own index is rebuilt in place: {}", stderr(&again));
}
