//! The public copy holds the public documents and nothing of any other:
//! canary strings planted in non-public documents must not appear in any
//! byte of the output (PDF text and compressed search files included),
//! nor be found by the public copy's search.

use crate::common::*;
use std::path::Path;

const CANARIES: [&str; 22] = [
    "CANARY-NOTPUBLIC-1",
    "CANARY-DRAFT-2",
    "CANARY-OLD-3",
    "Secret Canary Procedure",
    "CANARY-ATTACHMENT-5",
    "CANARY-IMAGE-6",
    "CANARY-UNUSED-7",
    "Canary Secret Role",
    "CANARY-SUPERSEDED-9",
    "CANARY-PRIVATE-VERSION-10",
    "CANARY-DRAFT-VERSION-11",
    // The public document's owner, and a glossary term only a private document uses.
    "Canary Owner",
    "Canaryterm",
    // The intranet's notice, which speaks to staff.
    "See the intranet for the latest version",
    // Staff named in the public document (issue 26), and the overdue banner's advice.
    "Canary Headofdept",
    "Canary Execlead",
    "Canary Refchecker",
    "Canary Historian",
    "Canary Assessor",
    "Canary Consultee",
    "check with its author",
    // The intranet's tag for it, in lists and search results.
    "Review date passed",
];

/// Public and non-public documents, versions, drafts, roles and assets, with
/// a canary string in everything the public copy must leave out
/// (`tests/fixtures/public-copy/`, described in its README.md).
fn fixture() -> Fixture {
    Fixture::from_folder("public-copy")
}

/// Every file's bytes, with PDFs turned into their text.
fn all_text(dir: &Path, out: &mut Vec<(String, String)>) {
    for e in std::fs::read_dir(dir).unwrap().flatten() {
        let p = e.path();
        if p.is_dir() {
            all_text(&p, out);
        } else if p.extension().is_some_and(|x| x == "pdf") {
            let t = std::process::Command::new("pdftotext")
                .arg(&p)
                .arg("-")
                .output()
                .expect("pdftotext (poppler-utils) is needed");
            out.push((p.display().to_string(), String::from_utf8_lossy(&t.stdout).to_string()));
            out.push((p.display().to_string(), String::from_utf8_lossy(&std::fs::read(&p).unwrap()).to_string()));
        } else if p.extension().is_some_and(|x| x == "gz") {
            let mut text = String::new();
            std::io::Read::read_to_string(
                &mut flate2::read::GzDecoder::new(std::fs::File::open(&p).unwrap()),
                &mut text,
            )
            .unwrap();
            out.push((p.display().to_string(), text));
        } else {
            out.push((p.display().to_string(), String::from_utf8_lossy(&std::fs::read(&p).unwrap()).to_string()));
        }
        // The file's own name is output too.
        out.push((p.display().to_string(), p.display().to_string()));
    }
}

fn assert_no_canary(dir: &Path) {
    let mut files = Vec::new();
    all_text(dir, &mut files);
    assert!(files.len() > 5);
    assert!(files.iter().any(|(p, _)| p.ends_with(".gz")), "the compressed search files were scanned too");
    for (path, text) in &files {
        for c in CANARIES {
            assert!(!text.to_lowercase().contains(&c.to_lowercase()), "{c} leaked into {path}");
        }
        for slug in ["pol-001-002", "pol-001-003", "pol-001-004", "pol-001-005", "roles/vault"] {
            assert!(!text.contains(slug), "a non-public page ({slug}) is linked from {path}");
        }
    }
}

#[test]
fn public_copy_contains_only_public_documents() {
    let f = fixture();
    let out = f.build(&["--public"]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(f.path("out/documents/pol-001-001/index.html").exists());
    assert!(f.path("out/documents/pol-001-001/v0.9/index.html").exists(), "its public superseded version");
    for hidden in ["pol-001-002", "pol-001-003", "pol-001-004", "pol-001-005"] {
        assert!(!f.path(&format!("out/documents/{hidden}")).exists());
    }
    for internal in ["checks", "reviews", "references"] {
        assert!(!f.path(&format!("out/{internal}")).exists(), "{internal} page in the public copy");
    }
    let page = f.read("out/documents/pol-001-001/index.html");
    assert!(
        page.contains("See the secret one (POL/001/002, not published) and POL/001/002 (not published),"),
        "links to non-public documents become plain text that says what they meant"
    );
    assert!(!f.path("out/reviews.ics").exists(), "review dates are not the public's");
    let home = f.read("out/index.html");
    assert!(!home.contains("Reviews due") && !home.contains("reviews.ics"), "{home}");
    let notice = "This is the version published for public information. Printed copies are uncontrolled.";
    assert_eq!(select_texts(&page, ".td-footer__notice"), vec![notice], "the public notice");
    assert_eq!(select_texts(&f.read("out/glossary/index.html"), "dt"), vec!["LSMS"], "only the terms public pages use");
    assert!(select_texts(&page, ".td-control__table td").contains(&"LSMS".to_string()), "the author's job title only");
    let review = "This document is being reviewed; this version remains in force until it is replaced.";
    assert!(page.contains(review) && !page.contains("Review date passed"), "the public review wording");
    assert!(page.contains("Ask (name withheld), or <em>(name withheld)</em>, for advice."), "names in the text");
    // Names in the history, the EIA's comments and actions, the audience and a heading are withheld too.
    for text in ["First issue agreed with (name withheld)", "(name withheld) checked this", "Asking (name withheld)"] {
        assert!(page.contains(text), "{text}: {page}");
    }
    assert!(
        stderr(&out).contains("10 staff names withheld from its text (check it names no one else)"),
        "the report says where names were withheld: {}",
        stderr(&out)
    );
    assert_eq!(f.read("out/assets/public-form.txt"), "the public form", "what a public page links is there");
    assert!(f.path("out/roles/lsms/index.html").exists() && !f.path("out/roles/vault").exists());
    let assets: Vec<_> = std::fs::read_dir(f.path("out/assets")).unwrap().flatten().map(|e| e.file_name()).collect();
    assert_eq!(assets.len(), 1, "only the assets public pages use: {assets:?}");
    // The comparison of the two public versions is there; none with a version that is not public.
    assert!(f.path("out/documents/pol-001-001/changes-v0.9-to-v1/index.html").exists());
    let comparisons: Vec<_> = std::fs::read_dir(f.path("out/documents/pol-001-001"))
        .unwrap()
        .flatten()
        .map(|e| e.file_name().to_string_lossy().to_string())
        .filter(|n| n.starts_with("changes-"))
        .collect();
    assert_eq!(comparisons, vec!["changes-v0.9-to-v1"]);
    assert!(
        f.read("out/catalogue.json").contains("https://www.test.nhs.uk/policies/documents/pol-001-001/"),
        "public_base_url"
    );
    assert_no_canary(&f.path("out"));
}

/// The staff the example library's front matter names, anywhere in its
/// documents (authors, heads of department, executive leads, reference
/// checkers, assessors); one of them is also written into a public
/// document's tables.
const EXAMPLE_STAFF: [&str; 7] =
    ["Daniel Willis", "Mary Aubrey", "Paul Tickner", "Mike Jennings", "Jan Snoddon", "Andy Collins", "A. N. Example"];

#[test]
fn the_example_librarys_public_copy_names_no_member_of_staff() {
    let f = crate::search_library::example_library();
    let out = f.build_with_pdfs(&["--public"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let mut files = Vec::new();
    all_text(&f.path("out"), &mut files);
    assert!(files.iter().any(|(p, _)| p.ends_with(".pdf")), "the PDFs were read");
    for (path, text) in &files {
        let text = text.split_whitespace().collect::<Vec<_>>().join(" ");
        for name in EXAMPLE_STAFF {
            // The surname alone too ("Mr Willis"), but "Example" is a word.
            let surname = name.rsplit(' ').next().filter(|s| *s != "Example").unwrap_or(name);
            assert!(!text.contains(surname), "{name} in {path}");
        }
        assert!(!text.contains("check with its author"), "{path}");
    }
}

#[test]
fn public_copy_pdfs_hold_no_canary() {
    let f = fixture();
    let out = f.build_with_pdfs(&["--public"]);
    assert!(out.status.success(), "needs the typst CLI: {}", stderr(&out));
    assert!(f.path("out/documents/pol-001-001/pol-001-001-v1.pdf").exists());
    assert!(f.path("out/documents/pol-001-001/pol-001-001-v0.9-to-v1-changes.pdf").exists(), "the public redline");
    assert_no_canary(&f.path("out"));
    let text = std::process::Command::new("pdftotext")
        .args([f.path("out/documents/pol-001-001/pol-001-001-v1.pdf").to_str().unwrap(), "-"])
        .output()
        .unwrap();
    let text = String::from_utf8_lossy(&text.stdout).split_whitespace().collect::<Vec<_>>().join(" ");
    assert!(text.contains("This is the version published for public information."), "the public notice: {text}");
    assert!(text.contains("See the secret one (POL/001/002, not published)"), "{text}");
    let review = "This document is being reviewed; this version remains in force until it is replaced.";
    assert!(text.contains(review), "the public review wording of an overdue document: {text}");
    assert!(!text.contains("Next review date"), "{text}");
}

#[test]
fn the_public_notice_is_the_sites_own_when_it_gives_one() {
    let f = fixture();
    let site = f.read("content/site.yaml");
    f.write("content/site.yaml", format!("{site}public_notice: Published under the Freedom of Information Act.\n"));
    assert!(f.build(&["--public"]).status.success());
    let page = f.read("out/documents/pol-001-001/index.html");
    assert_eq!(select_texts(&page, ".td-footer__notice"), vec!["Published under the Freedom of Information Act."]);
    let out = f.run(&["build", "content", "--out", "intranet", "--no-pdf", "--today", "2026-11-23"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let intranet = f.read("intranet/documents/pol-001-001/index.html");
    assert_eq!(select_texts(&intranet, ".td-footer__notice"), vec!["See the intranet for the latest version"]);
    assert!(select_texts(&intranet, ".td-control__table td").contains(&"Canary Owner / LSMS".to_string()));
    for name in ["Canary Headofdept", "Canary Execlead", "Canary Refchecker", "Canary Historian", "Canary Assessor"] {
        assert!(intranet.contains(name), "the intranet still names {name}");
    }
    assert!(intranet.contains("check with its author"), "the intranet's overdue banner speaks to staff");
    assert!(f.path("intranet/reviews.ics").exists(), "the intranet keeps its calendar");
    assert_eq!(select_texts(&f.read("intranet/glossary/index.html"), "dt"), vec!["Canaryterm", "LSMS"]);
}

#[test]
fn intranet_build_keeps_the_public_copy_beside_it() {
    let f = fixture();
    let public = f.run(&["build", "content", "--public", "--out", "site/public", "--no-pdf", "--today", "2026-11-23"]);
    assert!(public.status.success(), "{}", stderr(&public));
    let out = f.run(&["build", "content", "--out", "site", "--no-pdf", "--today", "2026-11-23"]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(f.path("site/documents/pol-001-002/index.html").exists());
    assert!(f.path("site/public/documents/pol-001-001/index.html").exists(), "the public copy survived");
    assert!(!f.path("site/public/documents/pol-001-002").exists());
    assert!(f.path("site/assets/canary-attachment.txt").exists(), "the intranet holds what its pages use");
    assert!(!f.path("site/assets/canary-unused.txt").exists(), "and nothing no page uses");
    assert!(f.path("site/roles/vault/index.html").exists(), "the intranet lists every registered role");
}

#[test]
fn a_superseded_version_is_public_only_with_its_current_version() {
    // Superseded versions ratified a year before the current ones (H009 otherwise).
    let then = |id: &str, extra: &str, body: &str| {
        doc(id, "0.5", "superseded", extra, body).replace("date: 2025-01-10", "date: 2024-01-10")
    };
    let f = Fixture::new(&[
        // The version in force is not public: no version of it is published.
        ("now.md", &clean("POL/002/001", "", "## Scope\n\nNow private.\n")),
        ("then.md", &then("POL/002/001", "public: true\n", "## Scope\n\nCANARY-THEN\n")),
        // Both public: both published.
        ("open.md", &clean("POL/002/002", "public: true\n", "## Scope\n\nOpen now.\n")),
        ("open-then.md", &then("POL/002/002", "public: true\n", "## Scope\n\nOpen then.\n")),
        // Public now, private then: only the current one.
        ("mixed.md", &clean("POL/002/003", "public: true\n", "## Scope\n\nPublic now.\n")),
        ("mixed-then.md", &then("POL/002/003", "", "## Scope\n\nCANARY-MIXED\n")),
        // Nothing in force at all: nothing published, however it is marked.
        ("gone.md", &doc("POL/002/004", "1", "superseded", "public: true\n", "## Scope\n\nCANARY-GONE\n")),
    ]);
    let out = f.build(&["--public"]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(!f.path("out/documents/pol-002-001").exists());
    assert!(f.path("out/documents/pol-002-002/v0.5/index.html").exists());
    assert!(f.path("out/documents/pol-002-003/index.html").exists());
    assert!(!f.path("out/documents/pol-002-003/v0.5").exists());
    assert!(!f.path("out/documents/pol-002-004").exists());
    let mut files = Vec::new();
    all_text(&f.path("out"), &mut files);
    for (path, text) in &files {
        for canary in ["CANARY-THEN", "CANARY-MIXED", "CANARY-GONE", "pol-002-001", "pol-002-004"] {
            assert!(!text.contains(canary), "{canary} in {path}");
        }
    }
}
