//! Hostile input: each gets a clear diagnostic (or is handled as written)
//! and the rest of the library is still built; nothing is written outside
//! the output folder; a killed build leaves the previous output intact.

use crate::common::*;
use std::path::Path;

fn good() -> String {
    clean("POL/001/001", "", "## Scope\n\nA good document.\n")
}

fn built_the_good_one(f: &Fixture) {
    let out = f.build(&[]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(f.path("out/documents/pol-001-001/index.html").exists(), "the rest of the library is built");
}

#[test]
fn invalid_utf8_is_s006_and_the_rest_builds() {
    let f = Fixture::new(&[("good.md", &good())]);
    f.write("content/documents/bad.md", b"---\nid: POL/001/002\n\xff\xfe\n".as_slice());
    assert_eq!(with_code(&f.check_json(), "S006")[0]["line"], 3);
    built_the_good_one(&f);
}

#[test]
fn a_byte_order_mark_and_crlf_line_ends_are_read_as_written() {
    let text =
        format!("\u{feff}{}", clean("POL/001/002", "colour: red\n", "## Scope\n\nText.\n").replace('\n', "\r\n"));
    let f = Fixture::new(&[("good.md", &good()), ("crlf.md", &text)]);
    f.run(&["lock", "content"]);
    let r = f.check_json();
    assert_eq!(codes(&r), vec!["S002"], "{:#}", r["diagnostics"]);
    assert_eq!(
        (with_code(&r, "S002")[0]["line"].as_u64(), with_code(&r, "S002")[0]["column"].as_u64()),
        (Some(18), Some(1))
    );
    built_the_good_one(&f);
    let html = f.read("out/documents/pol-001-002/index.html");
    assert!(html.contains("<h2 id=\"scope\">"), "CRLF bodies parse");
}

#[test]
fn a_50_mb_file_is_refused_with_s006() {
    let f = Fixture::new(&[("good.md", &good())]);
    let mut big = clean("POL/001/002", "", "## Scope\n\n").into_bytes();
    big.resize(50 * 1024 * 1024, b'a');
    f.write("content/documents/big.md", big);
    let s006 = with_code(&f.check_json(), "S006");
    assert!(s006[0]["message"].as_str().unwrap().contains("more than the 16 MB"), "{s006:?}");
    built_the_good_one(&f);
}

#[test]
fn ten_thousand_nested_lists_and_quotes() {
    let lists = format!("## Deep\n\n{}x\n", "- ".repeat(10_000));
    let quotes = format!("## Deeper\n\n{}y\n", ">".repeat(10_000));
    let f =
        Fixture::new(&[("good.md", &good()), ("deep.md", &clean("POL/001/002", "", &format!("{lists}\n{quotes}")))]);
    built_the_good_one(&f);
    let html = f.read("out/documents/pol-001-002/index.html");
    assert!(html.contains('x') && html.contains('y'));
}

#[test]
fn a_hundred_thousand_references_in_one_document() {
    let body = format!("## Refs\n\n{}\n\nAnd POL/009/999.\n", "POL/001/001 ".repeat(100_000));
    let f = Fixture::new(&[("good.md", &good()), ("refs.md", &clean("POL/001/002", "", &body))]);
    let r = f.check_json();
    assert_eq!(with_code(&r, "X001").len(), 1);
    built_the_good_one(&f);
    let html = f.read("out/documents/pol-001-002/index.html");
    assert_eq!(html.matches("href=\"../../documents/pol-001-001/\"").count(), 100_000);
}

#[test]
fn ids_and_titles_with_dot_dot_nul_and_right_to_left_marks() {
    let f = Fixture::new(&[
        ("good.md", &good()),
        ("dots.md", &clean("../../../tmp/evil", "", "## S\n\nT.\n")),
        (
            "nul.md",
            &clean("POL/001/003", "", "## S\n\nT.\n")
                .replace("title: Test Document POL/001/003", "title: \"Evil\\0Title \u{202e}fdp.exe\""),
        ),
    ]);
    let r = f.check_json();
    let s004 = with_code(&r, "S004");
    assert!(
        s004.iter().any(|d| d["file"] == "content/documents/dots.md"
            && d["message"].as_str().unwrap().contains("is not a document id")),
        "{s004:?}"
    );
    built_the_good_one(&f);
    let html = f.read("out/documents/pol-001-003/index.html");
    assert!(!html.contains('\0'), "no NUL in HTML");
    assert!(html.contains("Evil\u{fffd}Title \u{202e}fdp.exe"));
    let outside: Vec<_> = std::fs::read_dir(f.tmp.path())
        .unwrap()
        .flatten()
        .map(|e| e.file_name().to_string_lossy().to_string())
        .collect();
    let mut outside = outside;
    outside.sort();
    assert_eq!(outside, vec!["content", "out"], "nothing written outside the output folder");
    assert!(!Path::new("/tmp/evil").exists());
}

#[cfg(unix)]
#[test]
fn a_symlink_outside_the_content_folder_is_not_followed() {
    let f = Fixture::new(&[("good.md", &good())]);
    f.write("secret/outside.md", clean("POL/001/009", "", "## S\n\nSECRET-OUTSIDE\n"));
    std::os::unix::fs::symlink(f.path("secret/outside.md"), f.path("content/documents/link.md")).unwrap();
    let s006 = with_code(&f.check_json(), "S006");
    assert_eq!(s006[0]["file"], "content/documents/link.md");
    built_the_good_one(&f);
    assert!(!f.path("out/documents/pol-001-009").exists());
}

#[cfg(unix)]
#[test]
fn a_build_killed_at_any_moment_leaves_the_previous_output_intact() {
    let docs: Vec<(String, String)> = (0..400)
        .map(|i| {
            (
                format!("d{i}.md"),
                clean(
                    &format!("POL/002/{i:03}"),
                    "",
                    &format!("## Scope\n\n{}\n", "Words of policy text. ".repeat(200)),
                ),
            )
        })
        .collect();
    let refs: Vec<(&str, &str)> = docs.iter().map(|(a, b)| (a.as_str(), b.as_str())).collect();
    let f = Fixture::new(&refs);
    assert!(f.build(&[]).status.success());
    let before = snapshot(&f.path("out"));
    f.write("content/documents/d0.md", clean("POL/002/000", "", "## Scope\n\nChanged.\n"));
    for delay_ms in [1u64, 5, 15, 30, 60, 100, 150, 250] {
        let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_trustdocs"))
            .args(["build", "content", "--out", "out", "--no-pdf", "--today", "2026-11-23"])
            .current_dir(f.tmp.path())
            .stderr(std::process::Stdio::null())
            .spawn()
            .unwrap();
        std::thread::sleep(std::time::Duration::from_millis(delay_ms));
        let finished = child.try_wait().unwrap().is_some();
        let _ = child.kill(); // SIGKILL
        let _ = child.wait();
        let now = snapshot(&f.path("out"));
        if finished {
            break;
        }
        assert!(now == before, "the output changed after a kill at {delay_ms} ms");
    }
    assert!(f.build(&[]).status.success());
    let leftovers = leftovers(f.tmp.path());
    assert!(leftovers.is_empty(), "staging folders of killed builds are cleaned up: {leftovers:?}");
    assert!(f.read("out/documents/pol-002-000/index.html").contains("Changed."));
}

/// Runs trustdocs with `args`, killing it after `secs` seconds: `None` if it had to be killed.
fn run_within(f: &Fixture, args: &[&str], secs: u64) -> Option<std::process::Output> {
    let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_trustdocs"))
        .args(args)
        .current_dir(f.tmp.path())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let until = std::time::Instant::now() + std::time::Duration::from_secs(secs);
    while std::time::Instant::now() < until {
        if child.try_wait().unwrap().is_some() {
            return Some(child.wait_with_output().unwrap());
        }
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
    let _ = child.kill();
    let _ = child.wait();
    None
}

#[cfg(unix)]
#[test]
fn symbolic_link_loops_are_read_once_and_reported() {
    use std::os::unix::fs::symlink;
    let f = Fixture::new(&[("good.md", &good()), ("a/one.md", &clean("POL/001/002", "", "## S\n\nOne.\n"))]);
    f.write("content/documents/b/two.md", clean("POL/001/003", "", "## S\n\nTwo.\n"));
    f.write("content/stored/three.md", clean("POL/001/004", "", "## S\n\nThree.\n"));
    // Two loops back to documents/, a second way into a/, a link to itself,
    // and a link to a folder elsewhere in the content folder (followed once).
    symlink("..", f.path("content/documents/a/up")).unwrap();
    symlink("../../documents", f.path("content/documents/b/top")).unwrap();
    symlink("a", f.path("content/documents/again")).unwrap();
    symlink("self", f.path("content/documents/self")).unwrap();
    symlink("../stored", f.path("content/documents/stored")).unwrap();
    symlink("../documents/stored", f.path("content/stored/back")).unwrap();
    let out = run_within(&f, &["check", "content", "--format", "json", "--today", "2026-11-23"], 20)
        .expect("check finishes: symbolic link loops are not followed");
    let r: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(r["summary"]["documents"], 4, "each document read once: {:#}", r["diagnostics"]);
    assert!(with_code(&r, "S005").is_empty());
    let mut s006: Vec<String> = with_code(&r, "S006").iter().map(|d| d["file"].as_str().unwrap().to_string()).collect();
    s006.sort();
    assert_eq!(
        s006,
        [
            "content/documents/a/up",
            "content/documents/again",
            "content/documents/b/top",
            "content/documents/self",
            "content/documents/stored/back"
        ]
    );
    let built = run_within(&f, &["build", "content", "--out", "out", "--no-pdf"], 20).expect("build finishes");
    assert!(built.status.success(), "{}", String::from_utf8_lossy(&built.stderr));
    assert!(f.path("out/documents/pol-001-004/index.html").exists(), "the linked folder elsewhere is read");
}
