//! The public copy holds the public documents and nothing of any other:
//! canary strings planted in non-public documents must not appear in any
//! byte of the output (PDF text and compressed search files included),
//! nor be found by the public copy's search.

mod common;
use common::*;
use std::path::Path;

const CANARIES: [&str; 6] = [
    "CANARY-NOTPUBLIC-1",
    "CANARY-DRAFT-2",
    "CANARY-OLD-3",
    "Secret Canary Procedure",
    "CANARY-PRIVATE-VERSION-4",
    "CANARY-DRAFT-VERSION-5",
];

fn fixture() -> Fixture {
    let public = clean(
        "POL/001/001",
        "public: true\nrelated: [POL/001/002]\nsummary: A public policy.\n",
        "## Scope\n\nSee the [secret one](doc:POL/001/002) and POL/001/002.\n\n### Local Security Management Specialist {role=lsms}\n\nPublic duties.\n",
    );
    let old_public = doc("POL/001/001", "0.9", "superseded", "public: true\n", "## Scope\n\nOld public text.\n");
    let secret = clean(
        "POL/001/002",
        "summary: CANARY-NOTPUBLIC-1 summary\n",
        "## Scope\n\nCANARY-NOTPUBLIC-1 body.\n\n### LSMS work {role=lsms}\n\nCANARY-NOTPUBLIC-1 duties.\n",
    )
    .replace("Test Document POL/001/002", "Secret Canary Procedure");
    let draft = doc("POL/001/003", "0.1", "draft", "public: true\n", "## Scope\n\nCANARY-DRAFT-2\n");
    let old_secret = doc("POL/001/004", "1", "superseded", "", "## Scope\n\nCANARY-OLD-3\n");
    // Versions of the public document that are not public: no comparison may show their text.
    let private_version =
        doc("POL/001/001", "0.8", "superseded", "", "## Scope\n\nOld public text. CANARY-PRIVATE-VERSION-4\n");
    let draft_version = doc("POL/001/001", "1.1", "draft", "public: true\n", "## Scope\n\nCANARY-DRAFT-VERSION-5\n");
    let f = Fixture::new(&[
        ("a.md", &public),
        ("a-old.md", &old_public),
        ("b.md", &secret),
        ("c.md", &draft),
        ("d.md", &old_secret),
        ("a-private.md", &private_version),
        ("a-draft.md", &draft_version),
    ]);
    f.write("content/site.yaml", format!("{SITE}public_base_url: https://www.test.nhs.uk/policies/\n"));
    f
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
    }
}

fn assert_no_canary(dir: &Path) {
    let mut files = Vec::new();
    all_text(dir, &mut files);
    assert!(files.len() > 5);
    assert!(files.iter().any(|(p, _)| p.ends_with(".gz")), "the compressed search files were scanned too");
    for (path, text) in &files {
        for c in CANARIES {
            assert!(!text.contains(c), "{c} leaked into {path}");
        }
        assert!(
            !text.contains("pol-001-002") && !text.contains("pol-001-003") && !text.contains("pol-001-004"),
            "a non-public page is linked from {path}"
        );
    }
}

#[test]
fn public_copy_contains_only_public_documents() {
    let f = fixture();
    let out = f.build(&["--public"]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(f.path("out/documents/pol-001-001/index.html").exists());
    assert!(f.path("out/documents/pol-001-001/v0.9/index.html").exists(), "its public superseded version");
    for hidden in ["pol-001-002", "pol-001-003", "pol-001-004"] {
        assert!(!f.path(&format!("out/documents/{hidden}")).exists());
    }
    for internal in ["checks", "reviews", "references"] {
        assert!(!f.path(&format!("out/{internal}")).exists(), "{internal} page in the public copy");
    }
    let page = f.read("out/documents/pol-001-001/index.html");
    assert!(page.contains("See the secret one and POL/001/002."), "links to non-public documents become plain text");
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

#[test]
fn public_copy_pdfs_hold_no_canary() {
    let f = fixture();
    let out = f.build_with_pdfs(&["--public"]);
    assert!(out.status.success(), "needs the typst CLI: {}", stderr(&out));
    assert!(f.path("out/documents/pol-001-001/pol-001-001-v1.pdf").exists());
    assert!(f.path("out/documents/pol-001-001/pol-001-001-v0.9-to-v1-changes.pdf").exists(), "the public redline");
    assert_no_canary(&f.path("out"));
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
}
