//! `register.csv` and the Register pages: every version on record a row,
//! destroyed versions marked, drafts left out, formula-safe cells; opened
//! by LibreOffice and Python's csv module as written; never in the public copy.

use super::retention::{library, retain, ID, TODAY};
use crate::common::*;
use std::process::Command;

/// The library with version 1 destroyed (its file removed after the
/// decision), a draft version 3, a title with markup in it, and an author
/// title a spreadsheet would run as a formula.
fn built() -> Fixture {
    let f = library(true);
    assert_eq!(retain(&f, "1", "destroy", TODAY, &[]).status.code(), Some(0));
    std::fs::remove_file(f.path("content/documents/a.md")).unwrap();
    f.write("content/documents/a-v3.md", doc(ID, "3", "draft", "", "## Scope\n\nDraft.\n"));
    let v2 = f.read("content/documents/a-v2.md");
    let v2 = v2.replace("title: Test Document POL/001/001", "title: \"<script>alert(1)</script> & Co\"");
    let v2 = v2.replace("title: LSMS", "title: \"=HYPERLINK(\\\"http://x\\\",\\\"y\\\")\"");
    f.write("content/documents/a-v2.md", v2);
    f.build(&[]);
    f
}

fn parsed_by_python(path: &std::path::Path) -> Vec<Vec<String>> {
    let script = "import csv,json,sys\nwith open(sys.argv[1], newline='', encoding='utf-8-sig') as f:\n    print(json.dumps(list(csv.reader(f, strict=True))))";
    let out = Command::new("python3").args(["-c", script]).arg(path).output().expect("python3");
    assert!(out.status.success(), "{}", stderr(&out));
    serde_json::from_slice(&out.stdout).unwrap()
}

#[test]
fn register_csv_has_a_row_for_every_version_on_record_and_marks_the_destroyed() {
    let f = built();
    let bytes = f.read_bytes("out/register.csv");
    assert!(bytes.starts_with("\u{feff}".as_bytes()), "a byte-order mark for Excel");
    let text = String::from_utf8(bytes[3..].to_vec()).unwrap();
    assert!(text.ends_with("\r\n") && !text.replace("\r\n", "").contains('\n'), "CRLF line ends: {text:?}");
    let rows = parsed_by_python(&f.path("out/register.csv"));
    assert_eq!(rows[0][..5], ["id", "title", "type", "version", "status"]);
    assert_eq!(rows[0].len(), 20);
    let body = &rows[1..];
    assert_eq!(body.len(), 2, "versions 1 and 2, not the draft: {body:?}");
    assert_eq!((body[0][3].as_str(), body[0][4].as_str()), ("1", "destroyed"));
    assert!(body[0][16].starts_with("destroy (2026-07-01, Records Manager)"), "{:?}", body[0]);
    assert_eq!(body[0][19], "", "its file is gone");
    assert_eq!(
        (body[1][3].as_str(), body[1][4].as_str(), body[1][19].as_str()),
        ("2", "ratified", "documents/a-v2.md")
    );
    assert_eq!(body[1][1], "<script>alert(1)</script> & Co");
    assert_eq!(body[1][6], "'=HYPERLINK(\"http://x\",\"y\")", "the formula is text");
    assert_eq!((body[1][10].as_str(), body[1][11].as_str()), ("2025-06-01", ""), "in force since, not ended");
    assert!(body[1][18].starts_with("v2:"), "{:?}", body[1]);
    let cells = body.iter().flatten();
    assert!(cells.clone().all(|c| !c.starts_with(['=', '+', '-', '@'])), "{body:?}");
}

#[test]
fn libreoffice_opens_register_csv_and_finds_no_formula() {
    let has_soffice = Command::new("sh").args(["-c", "command -v soffice"]).output().is_ok_and(|o| o.status.success());
    if !has_soffice {
        assert!(
            std::env::var_os("CI").is_none(),
            "CI must have LibreOffice: scripts/test.sh installs libreoffice-calc-nogui"
        );
        eprintln!("SKIPPED: soffice is not installed (bash scripts/test.sh installs libreoffice-calc-nogui)");
        return;
    }
    let f = built();
    let profile = format!("-env:UserInstallation=file://{}", f.path("lo-profile").display());
    let out = Command::new("soffice")
        .args([profile.as_str(), "--headless", "--convert-to", "xlsx", "--outdir"])
        .arg(f.path("xlsx"))
        .arg(f.path("out/register.csv"))
        .output()
        .unwrap();
    assert!(out.status.success(), "{}{}", stdout(&out), stderr(&out));
    let script = "import zipfile,sys\nz=zipfile.ZipFile(sys.argv[1])\nprint(''.join(z.read(n).decode() for n in z.namelist() if n.startswith('xl/') and n.endswith('.xml')))";
    let out = Command::new("python3").args(["-c", script]).arg(f.path("xlsx/register.xlsx")).output().unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    let xml = stdout(&out);
    assert!(xml.contains("POL/001/001") && xml.contains("destroyed"), "the rows are there");
    assert!(xml.contains("Test Document POL/001/001"), "UTF-8 read as such");
    assert!(!xml.contains("<f>") && !xml.contains("<f "), "no cell became a formula");
}

#[test]
fn the_register_pages_sort_by_column_without_javascript() {
    let f = built();
    let page = f.read("out/governance/register/index.html");
    let links = select_texts(&page, "thead th a");
    assert_eq!(links, ["Title", "Status", "Review date", "Retention ends"], "id is this page's order");
    assert!(page.contains("governance&#x2f;register&#x2f;by-title&#x2f;index.html"), "header links");
    assert!(page.contains("&lt;script&gt;alert(1)&lt;&#x2f;script&gt; &amp; Co") && !page.contains("<script>alert"));
    let by_status = f.read("out/governance/register/by-status/index.html");
    let statuses: Vec<String> = select_texts(&by_status, "tbody td:nth-child(5)");
    assert_eq!(statuses, ["destroyed", "ratified"]);
    assert!(select_texts(&by_status, "thead th[aria-sort]") == ["Status"]);
    for home in ["out/index.html", "out/governance/register/index.html"] {
        assert!(select_texts(&f.read(home), "nav a").iter().any(|a| a == "Register"), "{home}");
    }
}

#[test]
fn the_public_copy_has_no_register() {
    let f = built();
    f.build(&["--public"]);
    assert!(!f.path("out/register.csv").exists());
    assert!(!f.path("out/governance").exists());
    assert!(!f.read("out/index.html").contains("Register"));
}
