//! PDFs made by the typst CLI: running header and footer on every page,
//! metadata, tagging, watermarks, text as data (never code), reproducible
//! bytes, the cache, and a clear error without typst. Needs `typst` and
//! poppler-utils (`pdftotext`, `pdfinfo`), which .ci/run installs.

use crate::common::*;
use std::process::Command;

fn tool(name: &str, args: &[&str], pdf: &std::path::Path) -> String {
    let out = Command::new(name)
        .args(args)
        .arg(pdf)
        .arg("-")
        .output()
        .unwrap_or_else(|e| panic!("{name} (poppler-utils) is needed: {e}"));
    String::from_utf8_lossy(&out.stdout).to_string()
}

fn info(pdf: &std::path::Path) -> String {
    let out = Command::new("pdfinfo").arg(pdf).output().expect("pdfinfo (poppler-utils) is needed");
    String::from_utf8_lossy(&out.stdout).to_string()
}

fn pages(pdf: &std::path::Path) -> usize {
    info(pdf).lines().find_map(|l| l.strip_prefix("Pages:")).unwrap().trim().parse().unwrap()
}

/// The text with all whitespace removed: rotated watermark letters come out
/// of pdftotext one per line.
fn squeezed(pdf: &std::path::Path) -> String {
    tool("pdftotext", &["-raw"], pdf).split_whitespace().collect()
}

const LONG: &str = "## Scope\n\nThis policy applies to all staff.\n\n## Duties\n\n";

/// A ratified document long enough to span pages, its superseded version
/// and a draft (`tests/fixtures/long-document/`).
fn library() -> Fixture {
    Fixture::from_folder("long-document")
}

#[test]
fn every_page_has_the_header_notice_and_page_n_of_m() {
    let f = library();
    f.write("content/site.yaml", format!("{SITE}notice: Do you have the up to date version? See the intranet\n"));
    let out = f.build_with_pdfs(&["--drafts"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let pdf = f.path("out/documents/pol-001-001/pol-001-001-v1.pdf");
    let n = pages(&pdf);
    assert!(n >= 3, "a long document spans pages ({n})");
    for p in 1..=n {
        let page = p.to_string();
        let text = tool("pdftotext", &["-layout", "-f", &page, "-l", &page], &pdf);
        for needle in [
            "Test NHS Trust",
            "POL/001/001",
            "Version 1",
            "10 January 2028",
            "Test Document POL/001/001",
            "Do you have the up to date version?",
            &format!("Page {p} of {n}"),
        ] {
            assert!(text.contains(needle), "page {p} lacks {needle:?}:\n{text}");
        }
    }
    let meta = info(&pdf);
    assert!(meta.contains("Title:           Test Document POL/001/001"), "{meta}");
    assert!(meta.contains("Subject:         POL/001/001 version 1"), "{meta}");
    assert!(meta.contains("Tagged:          yes"), "{meta}");
    let html = f.read("out/documents/pol-001-001/index.html");
    assert!(html.contains("pol-001-001-v1.pdf\" download"), "the page links its PDF");
}

#[test]
fn watermark_on_draft_and_superseded_versions_only() {
    let f = library();
    assert!(f.build_with_pdfs(&["--drafts"]).status.success());
    let current = squeezed(&f.path("out/documents/pol-001-001/pol-001-001-v1.pdf"));
    let old = f.path("out/documents/pol-001-001/v0.9/pol-001-001-v0.9.pdf");
    let draft = f.path("out/documents/pol-001-002/pol-001-002-v0.1.pdf");
    assert!(!current.contains("DRAFT") && !current.contains("SUPERSEDED"));
    for (pdf, mark) in [(&old, "SUPERSEDED"), (&draft, "DRAFT")] {
        for p in 1..=pages(pdf) {
            let page = p.to_string();
            let text: String = tool("pdftotext", &["-raw", "-f", &page, "-l", &page], pdf).split_whitespace().collect();
            assert!(text.contains(mark), "page {p} of {} lacks {mark}", pdf.display());
        }
    }
}

#[test]
fn document_text_is_data_never_typst_code() {
    let evil = "## Scope\n\nPrinted as written: #import \"x.typ\": * and #read(\"/etc/passwd\") and #upper(\"injected\") and $x^2$ and \\*stars\\* and \\_under\\_ and @ref and <label> and \\\\ and `code` and ```fence```.\n";
    let f = Fixture::new(&[(
        "a.md",
        &clean("POL/001/001", "", evil)
            .replace("title: Test Document POL/001/001", "title: \"#upper(\\\"title\\\") $t$\""),
    )]);
    let out = f.build_with_pdfs(&[]);
    assert!(out.status.success(), "{}", stderr(&out));
    let text = tool("pdftotext", &["-raw"], &f.path("out/documents/pol-001-001/pol-001-001-v1.pdf"));
    let flat: String = text.split_whitespace().collect::<Vec<_>>().join(" ");
    for needle in [
        "#import \"x.typ\"",
        "#read(\"/etc/passwd\")",
        "#upper(\"injected\")",
        "$x^2$",
        "*stars*",
        "_under_",
        "@ref",
        "<label>",
        "\\",
        "#upper(\"title\") $t$",
    ] {
        assert!(flat.contains(needle), "{needle:?} not printed as written:\n{flat}");
    }
    assert!(!flat.contains("INJECTED") && !flat.contains("TITLE"), "typst code ran");
    assert!(!flat.contains("root:"), "a file was read");
}

#[test]
fn rebuilds_are_byte_identical_and_cached() {
    let f = library();
    // A wrapper that counts typst runs.
    let counter = f.path("typst-runs");
    let wrapper = f.path("typst-wrapper.sh");
    let real = which_typst();
    f.write("typst-wrapper.sh", format!("#!/bin/sh\necho run >> '{}'\nexec '{}' \"$@\"\n", counter.display(), real));
    make_executable(&wrapper);
    let run = |out: &str| {
        Command::new(env!("CARGO_BIN_EXE_trustdocs"))
            .args(["build", "content", "--out", out, "--today", "2026-11-23"])
            .env("TRUSTDOCS_TYPST", &wrapper)
            .current_dir(f.tmp.path())
            .output()
            .unwrap()
    };
    assert!(run("out").status.success());
    let runs = || std::fs::read_to_string(&counter).unwrap_or_default().lines().filter(|l| *l == "run").count();
    let first = runs();
    assert!(first >= 2, "typst ran for each version ({first} runs, --version included)");
    let pdf = f.read_bytes("out/documents/pol-001-001/pol-001-001-v1.pdf");
    assert!(run("out").status.success());
    assert_eq!(runs(), first + 1, "the second build started no typst compile (only `typst --version`)");
    assert_eq!(f.read_bytes("out/documents/pol-001-001/pol-001-001-v1.pdf"), pdf);
    // A fresh output folder compiles again, to the same bytes.
    assert!(run("elsewhere").status.success());
    assert_eq!(f.read_bytes("elsewhere/documents/pol-001-001/pol-001-001-v1.pdf"), pdf);
}

#[test]
fn a_missing_typst_is_a_clear_error_and_no_pdf_skips_it() {
    let f = library();
    let out = Command::new(env!("CARGO_BIN_EXE_trustdocs"))
        .args(["build", "content", "--out", "out", "--today", "2026-11-23"])
        .env("TRUSTDOCS_TYPST", f.path("no-such-typst"))
        .current_dir(f.tmp.path())
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let err = stderr(&out);
    assert!(
        err.contains("the typst CLI was not found")
            && err.contains("cargo install --locked typst-cli --version 0.15.1")
            && err.contains("--no-pdf"),
        "{err}"
    );
    assert!(!f.path("out").exists());
    let skipped = Command::new(env!("CARGO_BIN_EXE_trustdocs"))
        .args(["build", "content", "--out", "out", "--no-pdf", "--today", "2026-11-23"])
        .env("TRUSTDOCS_TYPST", f.path("no-such-typst"))
        .current_dir(f.tmp.path())
        .output()
        .unwrap();
    assert!(skipped.status.success());
}

#[test]
fn a_typst_failure_names_the_document_and_the_rest_still_get_pdfs() {
    let f = library();
    let wrapper = f.path("failing-typst.sh");
    // Fails for one document's data only.
    f.write("failing-typst.sh", format!("#!/bin/sh\nfor a in \"$@\"; do case \"$a\" in */doc-0/*|*/doc-0) echo 'error: simulated failure' >&2; exit 1;; esac; done\nexec '{}' \"$@\"\n", which_typst()));
    make_executable(&wrapper);
    let out = Command::new(env!("CARGO_BIN_EXE_trustdocs"))
        .args(["build", "content", "--out", "out", "--today", "2026-11-23"])
        .env("TRUSTDOCS_TYPST", &wrapper)
        .current_dir(f.tmp.path())
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let err = stderr(&out);
    assert!(err.contains("typst could not make the PDF of POL/001/001") && err.contains("simulated failure"), "{err}");
    let made = std::fs::read_dir(f.path("out/documents/pol-001-001"))
        .unwrap()
        .flatten()
        .any(|e| e.path().extension().is_some_and(|x| x == "pdf"))
        || f.path("out/documents/pol-001-001/v0.9/pol-001-001-v0.9.pdf").exists();
    assert!(made, "the other versions still got their PDFs");
}

fn which_typst() -> String {
    let out = Command::new("sh").args(["-c", "command -v typst"]).output().unwrap();
    let path = String::from_utf8_lossy(&out.stdout).trim().to_string();
    assert!(!path.is_empty(), "the typst CLI is needed: cargo install --locked typst-cli --version 0.15.1");
    path
}

fn make_executable(p: &std::path::Path) {
    use std::os::unix::fs::PermissionsExt;
    std::fs::set_permissions(p, std::fs::Permissions::from_mode(0o755)).unwrap();
}

/// Lists, quotes, mixes of both and emphasis nested far deeper than anyone
/// writes, each with a marker word at its deepest point.
fn deep_bodies() -> Vec<(&'static str, String)> {
    let list = |n: usize, marker: &str| {
        let mut s: String = (0..n).map(|i| format!("{}- level {i}\n", "  ".repeat(i))).collect();
        s.push_str(&format!("{}- {marker}\n", "  ".repeat(n)));
        s
    };
    let numbered: String = (0..30).map(|i| format!("{}1. step {i}\n", "   ".repeat(i))).collect::<String>()
        + &format!("{}1. deepest-numbered\n", "   ".repeat(30));
    let mixed: String = (0..40).map(|i| if i % 2 == 0 { "- " } else { "> " }).collect::<String>() + "deepest-mixed\n";
    let nested_inline = format!("{}deepest-inline{}\n", "*a ".repeat(60), " z*".repeat(60));
    let inline_in_list = format!("{}- {}\n", "  ".repeat(9), nested_inline.trim_end());
    vec![
        ("list25", list(25, "deepest-list-25")),
        ("list64", list(64, "deepest-list-64")),
        ("quote30", format!("{} deepest-quote-30\n", ">".repeat(30))),
        ("quote80", format!("{} deepest-quote-80\n", ">".repeat(80))),
        ("numbered", numbered),
        ("mixed", mixed),
        ("inline", format!("{}{inline_in_list}", list(9, "x"))),
    ]
}

#[test]
fn deep_nesting_is_flattened_so_every_library_that_checks_clean_makes_its_pdfs() {
    let docs: Vec<(String, String)> = deep_bodies()
        .into_iter()
        .enumerate()
        .map(|(i, (name, body))| {
            (format!("{name}.md"), clean(&format!("POL/003/{i:03}"), "", &format!("## Deep\n\n{body}")))
        })
        .collect();
    let refs: Vec<(&str, &str)> = docs.iter().map(|(a, b)| (a.as_str(), b.as_str())).collect();
    let f = Fixture::new(&refs);
    let r = f.check_json();
    assert_eq!(r["summary"]["errors"], 0, "{:#}", r["diagnostics"]);
    let out = f.build_with_pdfs(&[]);
    assert!(out.status.success(), "{}", stderr(&out));
    for (i, (name, body)) in deep_bodies().into_iter().enumerate() {
        let pdf = f.path(&format!("out/documents/pol-003-{i:03}/pol-003-{i:03}-v1.pdf"));
        let text = tool("pdftotext", &["-raw"], &pdf);
        let marker = body.split_whitespace().find(|w| w.starts_with("deepest")).unwrap();
        assert!(text.contains(marker), "{name}: {marker} is in the PDF:\n{text}");
    }
}

/// The depth of a JSON value: typst's JSON reader has a limit.
fn depth(v: &serde_json::Value) -> usize {
    match v {
        serde_json::Value::Array(a) => 1 + a.iter().map(depth).max().unwrap_or(0),
        serde_json::Value::Object(o) => 1 + o.values().map(depth).max().unwrap_or(0),
        _ => 0,
    }
}

#[test]
fn pdf_data_stays_shallow_however_deep_the_markdown() {
    for (name, body) in deep_bodies() {
        let f = Fixture::new(&[("a.md", &clean("POL/003/001", "", &format!("## Deep\n\n{body}")))]);
        let today = trustdocs::model::Date::from_ymd(2026, 11, 23).unwrap();
        let checked = trustdocs::check(&f.path("content"), today).unwrap();
        let opts = trustdocs::publish::PublishOptions { drafts: false, pdf: true, public: false };
        let site = checked.publication(&opts);
        let data = trustdocs::render::pdf_data::data(&site, site.pages[0].doc);
        assert!(depth(&data) <= 48, "{name}: the PDF data is {} deep", depth(&data));
    }
}

/// A library that takes typst a few seconds.
fn slow_library() -> Fixture {
    let body = format!("{LONG}{}", "Staff must report every incident promptly and accurately. ".repeat(400));
    let docs: Vec<(String, String)> =
        (0..12).map(|i| (format!("d{i}.md"), clean(&format!("POL/004/{i:03}"), "", &body))).collect();
    let refs: Vec<(&str, &str)> = docs.iter().map(|(a, b)| (a.as_str(), b.as_str())).collect();
    Fixture::new(&refs)
}

#[test]
fn the_pdf_workspace_never_uses_the_shared_temporary_folder() {
    let f = library();
    // A temporary folder no one could use: a file. A workspace there would fail.
    f.write("not-a-folder", "x");
    let out = Command::new(env!("CARGO_BIN_EXE_trustdocs"))
        .args(["build", "content", "--out", "out", "--today", "2026-11-23"])
        .current_dir(f.tmp.path())
        .env("TMPDIR", f.path("not-a-folder"))
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(f.path("out/documents/pol-001-001/pol-001-001-v1.pdf").is_file());
    assert!(!f.path("out/.trustdocs/pdf-work").exists(), "the workspace is gone before the swap");
}

#[cfg(unix)]
#[test]
fn an_interrupted_pdf_build_leaves_nothing_behind() {
    let f = slow_library();
    assert!(f.build(&[]).status.success());
    let before = std::fs::read(f.path("out/documents/pol-004-000/index.html")).unwrap();
    std::fs::create_dir_all(f.path("tmp")).unwrap();
    let hidden = |f: &Fixture| -> Vec<String> {
        std::fs::read_dir(f.tmp.path())
            .unwrap()
            .flatten()
            .map(|e| e.file_name().to_string_lossy().to_string())
            .filter(|n| n.starts_with(".out."))
            .collect()
    };
    for signal in [libc::SIGTERM, libc::SIGINT, libc::SIGKILL] {
        let mut child = Command::new(env!("CARGO_BIN_EXE_trustdocs"))
            .args(["build", "content", "--out", "out", "--today", "2026-11-23"])
            .current_dir(f.tmp.path())
            .env("TMPDIR", f.path("tmp"))
            .stderr(std::process::Stdio::null())
            .spawn()
            .unwrap();
        // Wait until typst is at work in its workspace, wherever that is.
        let until = std::time::Instant::now() + std::time::Duration::from_secs(30);
        let working = |f: &Fixture| {
            hidden(f).iter().any(|n| f.path(n).join(".trustdocs/pdf-work/fonts").is_dir())
                || std::fs::read_dir(f.path("tmp")).unwrap().count() > 0
        };
        while !working(&f) {
            assert!(std::time::Instant::now() < until, "the PDF stage never started");
            assert!(child.try_wait().unwrap().is_none(), "the build ended before it could be interrupted");
            std::thread::sleep(std::time::Duration::from_millis(5));
        }
        std::thread::sleep(std::time::Duration::from_millis(100));
        // SAFETY: signals the child this test started.
        unsafe { libc::kill(child.id() as libc::pid_t, signal) };
        let status = child.wait().unwrap();
        assert!(!status.success(), "{signal}: {status:?}");
        assert_eq!(std::fs::read(f.path("out/documents/pol-004-000/index.html")).unwrap(), before, "{signal}");
        assert_eq!(std::fs::read_dir(f.path("tmp")).unwrap().count(), 0, "{signal}: nothing in the temporary folder");
        if signal == libc::SIGKILL {
            assert!(!hidden(&f).is_empty(), "SIGKILL cannot be caught: the staging folder stays");
        } else {
            assert_eq!(hidden(&f), Vec::<String>::new(), "{signal}: the staging folder and workspace are removed");
        }
    }
    // What SIGKILL left is marked, so the next build removes it.
    let out = f.build_with_pdfs(&[]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(leftovers(f.tmp.path()).iter().all(|n| !n.starts_with(".out.")), "{:?}", leftovers(f.tmp.path()));
}

#[test]
fn the_control_sheet_and_the_catalogue_carry_the_fingerprint_from_the_lock() {
    let f = library();
    assert!(f.run(&["lock", "content"]).status.success());
    let lock = f.read("content/ratified.lock");
    let fingerprint = lock.lines().find(|l| l.starts_with("POL/001/001 1 ")).unwrap().split(' ').nth(3).unwrap();
    f.build_with_pdfs(&[]);
    assert!(
        squeezed(&f.path("out/documents/pol-001-001/pol-001-001-v1.pdf")).contains(fingerprint),
        "the PDF's control sheet shows {fingerprint}"
    );
    // 64 digits without a break point stay inside the page's right margin.
    let pdf = f.path("out/documents/pol-001-001/pol-001-001-v1.pdf");
    let boxes = tool("pdftotext", &["-bbox", "-f", "1", "-l", "1"], &pdf);
    let right =
        |line: &str| -> f64 { line.split("xMax=\"").nth(1).unwrap().split('"').next().unwrap().parse().unwrap() };
    let widest = boxes.lines().find(|l| l.contains("<word") && l.contains(&fingerprint[..32])).map(right);
    assert!(widest.is_some_and(|x| x < 540.0), "the fingerprint overflows the page: right edge {widest:?}");
    let catalogue: serde_json::Value = serde_json::from_str(&f.read("out/catalogue.json")).unwrap();
    let entry =
        catalogue["documents"].as_array().unwrap().iter().find(|d| d["id"] == "POL/001/001" && d["version"] == "1");
    assert_eq!(entry.unwrap()["fingerprint"], fingerprint);
}
