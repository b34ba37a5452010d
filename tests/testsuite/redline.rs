//! Redline PDFs of comparisons and the committee's paper (`trustdocs
//! pack`): tagged, reproducible, cached, text as data. Needs the typst CLI
//! and poppler-utils, which .ci/run installs.

use crate::common::*;
use std::process::Command;

const HISTORY: &str = "history:\n  - { version: \"1\", date: 2024-01-01, description: First issue }\n  - { version: \"2\", date: 2025-01-01, description: Reviewed }\n";
const OLD: &str = "## Scope\n\nAll staff who work alone.\n\n## Duties\n\nManagers assess the risks of lone working every year.\n\n| Aspect | Method |\n|---|---|\n| Incidents | Datix |\n";
const NEW: &str = "## Scope\n\nAll staff who work alone.\n\n## Duties\n\nManagers assess the risks of lone working every month.\n\nPrinted as written: #import \"x.typ\": * and #upper(\"injected\") and $x^2$ and <script>.\n\n| Aspect | Method |\n|---|---|\n| Incidents | Datix |\n| Devices | Audit |\n";

fn library(new_status: &str) -> Fixture {
    let front = if new_status == "draft" { EIA.to_string() } else { format!("{HISTORY}{EIA}") };
    let old_status = if new_status == "draft" { "ratified" } else { "superseded" };
    Fixture::new(&[
        ("a.md", &doc("POL/001/001", "2", new_status, &front, NEW)),
        ("a-v1.md", &doc("POL/001/001", "1", old_status, EIA, OLD)),
    ])
}

#[test]
fn a_redline_sits_beside_the_versions_pdf_tagged_with_the_changes_as_written() {
    let f = library("ratified");
    let out = f.build_with_pdfs(&[]);
    assert!(out.status.success(), "needs the typst CLI: {}", stderr(&out));
    let pdf = f.path("out/documents/pol-001-001/pol-001-001-v1-to-v2-changes.pdf");
    assert!(pdf.is_file(), "beside out/documents/pol-001-001/pol-001-001-v2.pdf");
    let info = pdfinfo(&pdf);
    assert!(info.contains("Tagged:          yes"), "{info}");
    assert!(info.contains("Title:           Changes from version 1 to version 2: Test Document POL/001/001"), "{info}");
    let text = pdftotext(&pdf);
    for needle in [
        "Changes from version 1 to version 2",
        "2 Duties",
        "Changed paragraph",
        "year month",
        "#import \"x.typ\": * and #upper(\"injected\") and $x^2$ and <script>.",
        "Added Devices Audit",
        "Unchanged: 1 Scope",
    ] {
        assert!(text.contains(needle), "{needle:?} not in the redline:\n{text}");
    }
    assert!(!text.contains("INJECTED"), "typst code ran");
    let page = f.read("out/documents/pol-001-001/changes-v1-to-v2/index.html");
    assert!(page.contains("pol-001-001-v1-to-v2-changes.pdf\" download"), "the comparison page links its redline");
}

#[test]
fn redlines_are_reproducible_and_cached() {
    let f = library("ratified");
    let counter = f.path("typst-runs");
    let real = String::from_utf8(Command::new("sh").args(["-c", "command -v typst"]).output().unwrap().stdout).unwrap();
    f.write("typst.sh", format!("#!/bin/sh\necho \"$@\" >> '{}'\nexec '{}' \"$@\"\n", counter.display(), real.trim()));
    use std::os::unix::fs::PermissionsExt;
    std::fs::set_permissions(f.path("typst.sh"), std::fs::Permissions::from_mode(0o755)).unwrap();
    let run = |out: &str| {
        Command::new(env!("CARGO_BIN_EXE_trustdocs"))
            .args(["build", "content", "--out", out, "--today", "2026-11-23"])
            .env("TRUSTDOCS_TYPST", f.path("typst.sh"))
            .current_dir(f.tmp.path())
            .output()
            .unwrap()
    };
    let redlines =
        || std::fs::read_to_string(&counter).unwrap_or_default().lines().filter(|l| l.contains("redline.typ")).count();
    assert!(run("out").status.success());
    assert_eq!(redlines(), 1);
    let first = f.read_bytes("out/documents/pol-001-001/pol-001-001-v1-to-v2-changes.pdf");
    assert!(run("out").status.success());
    assert_eq!(redlines(), 1, "an unchanged comparison is not compiled again");
    assert_eq!(f.read_bytes("out/documents/pol-001-001/pol-001-001-v1-to-v2-changes.pdf"), first);
    assert!(run("elsewhere").status.success());
    assert_eq!(f.read_bytes("elsewhere/documents/pol-001-001/pol-001-001-v1-to-v2-changes.pdf"), first, "same bytes");
}

#[test]
fn pack_makes_the_committee_paper_for_the_version_in_preparation() {
    let f = library("draft");
    let out = f.run(&["pack", "POL/001/001", "content", "--today", "2026-11-23"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let pdf = f.path("pol-001-001-v2-committee-paper.pdf");
    assert!(stdout(&out).contains("pol-001-001-v2-committee-paper.pdf"), "{}", stdout(&out));
    let info = pdfinfo(&pdf);
    assert!(info.contains("Tagged:          yes"), "{info}");
    assert!(info.contains("Title:           Committee paper: Test Document POL/001/001, version 2"), "{info}");
    let text = pdftotext(&pdf);
    for needle in [
        "Paper for the ratifying committee",
        "Proposed version 2 (draft)",
        "Current version 1, ratified 10 January 2025",
        "Owner A Author, LSMS",
        "Impacts: 0 negative, 0 positive, 9 neutral",
        "1. Ready to ratify?",
        "Paper dated 23 November 2026",
        "3. Changes from version 1 to version 2",
        "year month",
        "Contents",
        "Managers assess the risks of lone working every month.",
    ] {
        assert!(text.contains(needle), "{needle:?} not in the paper:\n{text}");
    }
    // Made again over its own file; never over a file it did not make.
    assert!(f.run(&["pack", "POL/001/001", "content", "--today", "2026-11-23"]).status.success());
    f.write("mine.pdf", "%PDF-1.7 someone's own file");
    let refused = f.run(&["pack", "POL/001/001", "content", "--out", "mine.pdf", "--today", "2026-11-23"]);
    assert_eq!(refused.status.code(), Some(1));
    assert!(stderr(&refused).contains("mine.pdf exists and is not a committee paper"), "{}", stderr(&refused));
    assert_eq!(f.read("mine.pdf"), "%PDF-1.7 someone's own file");
}
