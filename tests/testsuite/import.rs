//! `trustdocs import`: what it writes, what it reports, what it refuses.

use crate::common::{stdout, Fixture};
use std::io::Write;

const FRONT_SHEET: &str = "Document Type: Policy\t\tUnique Identifier: POL/009/001\n\
Document Title: Lone Working Policy\t\tVersion Number: 2\n\
\t\tStatus: Ratified\n\
Author / Title: Sam Smith / Safety Lead\t\tResponsibility: Estates\n\
Ratified By: Policy Group\t\tDate: 10/01/2025\n\
Review Date: 10/01/2028\n\
Document for Public Display: No\n\
\n\
1. PURPOSE\n\
\n\
This policy protects staff who work alone.\n\
\n\
2. RESPONSIBILITIES\n\
\n\
2.1 Local Security Management Specialist\n\
\n\
The LSMS advises on lone working.\n";

fn with_input(name: &str, text: impl AsRef<[u8]>) -> Fixture {
    let f = Fixture::new(&[]);
    f.write(&format!("in/{name}"), text);
    f
}

/// Every input was imported; the check of what was written found errors
/// (exit 1: an imported document usually needs completing) or none (0).
fn imported(out: &std::process::Output) {
    assert!(matches!(out.status.code(), Some(0 | 1)), "{:?}\n{}", out.status, stdout(out));
    assert!(!stdout(out).contains("error: in/"), "{}", stdout(out));
}

fn json(out: &std::process::Output) -> serde_json::Value {
    serde_json::from_slice(&out.stdout).unwrap_or_else(|e| panic!("not JSON ({e}): {}", stdout(out)))
}

#[test]
fn imports_a_text_into_the_content_folder_and_checks_it() {
    let f = with_input("lone.txt", FRONT_SHEET);
    // A broken document already in the library: its problems are not the import's.
    f.write("content/documents/other.md", "---\nid: X/1\n---\n");
    let out = f.run(&["import", "in/lone.txt", "--out", "content", "--today", "2026-01-01"]);
    // The check finds errors (Q001: a policy without an EIA): exit 1.
    assert_eq!(out.status.code(), Some(1), "{}", stdout(&out));
    let md = f.read("content/documents/pol-009-001-lone-working-policy.md");
    assert!(md.starts_with("---\nid: \"POL/009/001\"\ntitle: \"Lone Working Policy\"\ntype: \"policy\"\nversion: \"2\"\nstatus: \"ratified\"\n"), "{md}");
    assert!(
        md.contains("ratified:\n  by: \"Policy Group\"\n  date: 2025-01-10\nreview_date: 2028-01-10\npublic: false\n"),
        "{md}"
    );
    assert!(
        md.contains("## Purpose\n") && md.contains("### Local Security Management Specialist {role=lsms}\n"),
        "{md}"
    );
    let report = stdout(&out);
    assert!(report.contains("imported in/lone.txt → content/documents/pol-009-001-lone-working-policy.md"), "{report}");
    assert!(report.contains("Check of the imported documents"), "{report}");
    // The check runs on the written file: no history, no EIA for a policy.
    assert!(report.contains("H005") && report.contains("Q001"), "{report}");
    assert!(!report.contains("other.md"), "only the imported documents' diagnostics: {report}");
}

#[test]
fn json_report_holds_warnings_with_their_place_and_the_check() {
    let f = with_input("lone.txt", FRONT_SHEET.replace("Review Date: 10/01/2028", "Review Date: 03/2028"));
    let out = f.run(&["import", "in/lone.txt", "--format", "json", "--today", "2026-01-01"]);
    imported(&out);
    let j = json(&out);
    let file = &j["files"][0];
    assert_eq!(file["input"], "in/lone.txt");
    assert_eq!(file["output"], "content/documents/pol-009-001-lone-working-policy.md");
    let ambiguous: Vec<&serde_json::Value> =
        file["warnings"].as_array().unwrap().iter().filter(|w| w["kind"] == "ambiguous_date").collect();
    assert_eq!(ambiguous.len(), 1, "{file}");
    assert_eq!(ambiguous[0]["key"], "review_date");
    assert_eq!(ambiguous[0]["at"], serde_json::json!({"kind": "line", "line": 6}));
    // Reported, not guessed: no review date is written, and the check says it is missing.
    let md = f.read("content/documents/pol-009-001-lone-working-policy.md");
    assert!(!md.contains("review_date"), "{md}");
    let codes: Vec<&str> = j["diagnostics"].as_array().unwrap().iter().map(|d| d["code"].as_str().unwrap()).collect();
    assert!(codes.contains(&"S003"), "{codes:?}");
    assert_eq!(j["summary"]["documents"], 1);
}

#[test]
fn never_overwrites_without_force() {
    let f = with_input("lone.txt", FRONT_SHEET);
    imported(&f.run(&["import", "in/lone.txt"]));
    let path = "content/documents/pol-009-001-lone-working-policy.md";
    f.write(path, "edited by hand");
    let again = f.run(&["import", "in/lone.txt"]);
    assert_eq!(again.status.code(), Some(1));
    assert!(stdout(&again).contains("already exists; import with --force to replace it"), "{}", stdout(&again));
    assert_eq!(f.read(path), "edited by hand");
    let forced = f.run(&["import", "in/lone.txt", "--force"]);
    imported(&forced);
    assert!(f.read(path).starts_with("---\n"));
    let leftovers: Vec<_> =
        std::fs::read_dir(f.path("content/documents")).unwrap().flatten().map(|e| e.file_name()).collect();
    assert_eq!(leftovers.len(), 1, "no temporary files left: {leftovers:?}");
}

#[test]
fn one_failing_input_leaves_the_others_imported() {
    let f = with_input("lone.txt", FRONT_SHEET);
    f.write("in/broken.docx", "this is not a zip file");
    f.write("in/notes.odt", "unsupported");
    let out = f.run(&["import", "in/broken.docx", "in/lone.txt", "in/notes.odt"]);
    assert_eq!(out.status.code(), Some(2), "some inputs could not be read");
    let report = stdout(&out);
    assert!(report.contains("error: in/broken.docx: not a Word document"), "{report}");
    assert!(report.contains("error: in/notes.odt: not a .docx, .pdf or .txt file"), "{report}");
    assert!(f.path("content/documents/pol-009-001-lone-working-policy.md").exists());
    assert!(report.contains("1 imported, 2 failed"), "{report}");
}

#[test]
fn id_names_one_document() {
    let text = "Security Strategy\n\nThis strategy applies to all staff. This strategy is reviewed yearly.\n";
    let f = with_input("s.txt", text);
    let out = f.run(&["import", "in/s.txt", "--id", "corp/strat/9"]);
    imported(&out);
    let md = f.read("content/documents/corp-strat-9-security-strategy.md");
    assert!(md.starts_with("---\nid: \"CORP/STRAT/9\"\ntitle: \"Security Strategy\"\ntype: \"strategy\"\n"), "{md}");
    f.write("in/t.txt", text);
    let two = f.run(&["import", "in/s.txt", "in/t.txt", "--id", "X/1"]);
    assert_eq!(two.status.code(), Some(2));
}

#[test]
fn word_documents_keep_images_footnotes_and_links() {
    let f = Fixture::new(&[]);
    let fixture =
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/import/docx/004_97ab498e924c0e25.docx");
    let out = f.run(&["import", fixture.to_str().unwrap(), "--id", "CORP/STRAT/002", "--format", "json"]);
    assert!(matches!(out.status.code(), Some(0 | 1)), "{}", stdout(&out));
    let j = json(&out);
    let md = f.read("content/documents/corp-strat-002-security-management-strategy.md");
    assert!(
        md.contains("![Governance structure for security management](../assets/004-97ab498e924c0e25/image1.png)"),
        "{md}"
    );
    assert!(f.read_bytes("content/assets/004-97ab498e924c0e25/image1.png").starts_with(b"\x89PNG"));
    assert!(md.contains("intranet[^2].") && md.contains("[^2]: See the Trust’s policy library."), "{md}");
    let codes: Vec<&str> = j["diagnostics"].as_array().unwrap().iter().map(|d| d["code"].as_str().unwrap()).collect();
    assert!(!codes.contains(&"X006") && !codes.contains(&"C007"), "the image resolves and has alt text: {codes:?}");
}

/// A .docx with the given parts.
fn docx(parts: &[(&str, &[u8])]) -> Vec<u8> {
    let mut buf = std::io::Cursor::new(Vec::new());
    {
        let mut z = zip::ZipWriter::new(&mut buf);
        let opts = zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Deflated);
        for (name, bytes) in parts {
            z.start_file(*name, opts).unwrap();
            z.write_all(bytes).unwrap();
        }
        z.finish().unwrap();
    }
    buf.into_inner()
}

const W: &str = r#"xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships""#;

fn document(body: &str) -> String {
    format!(r#"<?xml version="1.0"?><w:document {W}><w:body>{body}</w:body></w:document>"#)
}

#[test]
fn a_zip_bomb_is_refused_and_the_other_inputs_imported() {
    // 300 MiB of zeros deflate to a few hundred kilobytes.
    let mut bomb = document("<w:p><w:r><w:t>x</w:t></w:r></w:p>").into_bytes();
    bomb.resize(300 * 1024 * 1024, b' ');
    let f = with_input("bomb.docx", docx(&[("word/document.xml", &bomb)]));
    drop(bomb);
    f.write("in/lone.txt", FRONT_SHEET);
    let out = f.run(&["import", "in/bomb.docx", "in/lone.txt"]);
    assert_eq!(out.status.code(), Some(2));
    let report = stdout(&out);
    assert!(report.contains("error: in/bomb.docx: word/document.xml expands to more than 16 MiB"), "{report}");
    assert!(f.path("content/documents/pol-009-001-lone-working-policy.md").exists());
}

#[test]
fn a_word_document_whose_text_would_fill_memory_is_refused_quickly() {
    // 20 MiB of one-letter paragraphs deflate to about 60 KB; each would
    // become a block of the document, many times its size in memory.
    let paragraph = "<w:p><w:r><w:t>A</w:t></w:r></w:p>";
    let body = paragraph.repeat(20 * 1024 * 1024 / paragraph.len());
    let f = with_input("paragraphs.docx", docx(&[("word/document.xml", document(&body).as_bytes())]));
    drop(body);
    let started = std::time::Instant::now();
    let out = f.run(&["import", "in/paragraphs.docx"]);
    let took = started.elapsed();
    assert_eq!(out.status.code(), Some(2), "{}", stdout(&out));
    let report = stdout(&out);
    assert!(report.contains("error: in/paragraphs.docx: word/document.xml expands to more than 16 MiB"), "{report}");
    assert!(report.contains("check that this is the document you meant"), "says what to do: {report}");
    assert!(took < std::time::Duration::from_secs(10), "refused before it is read: {took:?}");
}

#[test]
fn entity_declarations_are_refused() {
    let xml = format!(
        r#"<?xml version="1.0"?><!DOCTYPE w:document [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]><w:document {W}><w:body><w:p><w:r><w:t>&b;</w:t></w:r></w:p></w:body></w:document>"#
    );
    let f = with_input("entities.docx", docx(&[("word/document.xml", xml.as_bytes())]));
    let out = f.run(&["import", "in/entities.docx"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stdout(&out).contains("declares a document type or entities, which Word never writes; refused"),
        "{}",
        stdout(&out)
    );
    // Undeclared entities are not expanded either: only the five XML ones and character references are read.
    let body = r#"<w:p><w:pPr><w:pStyle w:val="Title"/></w:pPr><w:r><w:t>Fire &amp; Safety &#8211; &unknown; Policy</w:t></w:r></w:p>"#;
    let f = with_input("refs.docx", docx(&[("word/document.xml", document(body).as_bytes())]));
    imported(&f.run(&["import", "in/refs.docx", "--id", "POL/1/1"]));
    let md = f.read("content/documents/pol-1-1-fire-safety-policy.md");
    assert!(md.contains("title: \"Fire & Safety – Policy\""), "{md}");
}

#[test]
fn package_paths_never_decide_where_files_go() {
    let body = r#"<w:p><w:r><w:drawing><wp:docPr xmlns:wp="x" id="1" descr="map"/><a:blip xmlns:a="y" r:embed="rId1"/></w:drawing></w:r></w:p><w:p><w:r><w:drawing><wp:docPr xmlns:wp="x" id="2" descr="logo"/><a:blip xmlns:a="y" r:embed="rId2"/></w:drawing></w:r></w:p>"#;
    let rels = r#"<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/image" Target="../../../../evil.png"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/image" Target="media/logo.svg"/></Relationships>"#;
    let f = with_input(
        "paths.docx",
        docx(&[
            ("word/document.xml", document(body).as_bytes()),
            ("word/_rels/document.xml.rels", rels.as_bytes()),
            ("../../evil.png", b"\x89PNG\r\n\x1a\nevil"),
            ("word/media/logo.svg", b"<svg onload=\"alert(1)\"/>"),
        ]),
    );
    let out = f.run(&["import", "in/paths.docx", "--id", "POL/1/2", "--format", "json"]);
    assert!(matches!(out.status.code(), Some(0 | 1)), "{}", stdout(&out));
    let j = json(&out);
    let messages: Vec<String> = j["files"][0]["warnings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|w| w["message"].as_str().unwrap().to_string())
        .collect();
    assert!(messages.iter().any(|m| m.contains("outside the document")), "{messages:?}");
    assert!(messages.iter().any(|m| m.contains("not PNG, JPEG, GIF or WebP")), "{messages:?}");
    assert!(!f.path("evil.png").exists() && !f.path("content/evil.png").exists());
    assert!(!f.path("content/assets").exists(), "no image was written");
}

#[test]
fn hostile_text_stays_text() {
    let title = "Policy\" : x # y\n- z <script>alert(1)</script> {role=smd} #import \"evil.typ\"";
    let text = format!(
        "Document Title: {}\nUnique Identifier: POL/7/7\nVersion Number: 1\nStatus: Draft\nDocument Type: Policy\n\n1. SCOPE\n\n<script>alert('x')</script> [click](javascript:alert(1)) #set page(fill: red) ---\n\n2. {{role=smd}}\n\nText.\n",
        title.replace('\n', " ")
    );
    let f = with_input("hostile.txt", text);
    let out = f.run(&["import", "in/hostile.txt", "--format", "json", "--today", "2026-01-01"]);
    assert!(matches!(out.status.code(), Some(0 | 1)), "{}", stdout(&out));
    let j = json(&out);
    let codes: Vec<&str> = j["diagnostics"].as_array().unwrap().iter().map(|d| d["code"].as_str().unwrap()).collect();
    assert!(!codes.contains(&"S001") && !codes.contains(&"S002"), "the front matter stays one valid map: {codes:?}");
    assert!(!codes.contains(&"C005"), "no raw HTML reaches the body: {codes:?}");
    assert!(!codes.contains(&"P001"), "no role tag is made from text: {codes:?}");
    let file = f.path("content/documents").read_dir().unwrap().flatten().next().unwrap().path();
    let md = std::fs::read_to_string(&file).unwrap();
    let yaml = md.strip_prefix("---\n").unwrap().split("\n---\n").next().unwrap();
    let node = marked_yaml::parse_yaml(0, yaml).unwrap();
    let got = node.as_mapping().unwrap().get_scalar("title").unwrap().as_str().to_string();
    assert_eq!(got, title.replace('\n', " "), "the title is the source's text, exactly");
    // And the built page shows it as text.
    assert!(f.build(&["--drafts"]).status.success());
    let html = std::fs::read_to_string(f.path("out/documents/pol-7-7/index.html")).unwrap();
    assert!(!html.contains("<script>alert") && html.contains("&lt;script&gt;"), "{html}");
    assert!(!html.contains("href=\"javascript:"), "{html}");
}

mod never_panics {
    use proptest::prelude::*;

    fn config() -> trustdocs::config::Config {
        trustdocs::config::Config::default()
    }

    proptest! {
        #![proptest_config(ProptestConfig { cases: 300, ..ProptestConfig::default() })]

        /// Any text, laid out or not, gives a document: never a panic.
        #[test]
        fn any_text_imports(lines in proptest::collection::vec("[ \\t\\.•?\\-:/0-9A-Za-zé’–|#<>{}\\[\\]()]{0,80}", 0..40)) {
            let text = lines.join("\n");
            let source = trustdocs::import::layout::read(&text);
            let doc = trustdocs::import::document::assemble(source, &config(), None);
            prop_assert!(doc.markdown.starts_with("---\n"));
        }
    }
}

#[test]
fn human_report_points_at_the_source_line() {
    let f = with_input("lone.txt", FRONT_SHEET.replace("Review Date: 10/01/2028", "Review Date: July 2028"));
    let out = f.run(&["import", "in/lone.txt", "--today", "2026-01-01"]);
    let report = stdout(&out);
    assert!(
        report.contains("warning [review_date]: “July 2028” names a month, not a day; left out (a day is not guessed)\n    --> in/lone.txt:6\n"),
        "{report}"
    );
}

/// Another trust's layout, as `pdftotext -layout` gives it: a running
/// header and footer on each page (form feeds), a control table with other
/// labels and two-space gaps, a contents page with dotted leaders, a
/// version-control table newest first, an EIA with marks under impact
/// columns, a word broken across lines.
#[test]
fn another_trusts_layout() {
    let fixture = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/import/other-trust-layout.txt");
    let f = Fixture::new(&[]);
    f.write("content/roles.yaml", "- id: managers\n  title: Managers\n  aliases: [Line Managers]\n");
    let out = f.run(&["import", fixture.to_str().unwrap(), "--format", "json", "--today", "2026-01-01"]);
    assert!(matches!(out.status.code(), Some(0 | 1)), "{}", stdout(&out));
    let md = f.read("content/documents/hr-lw-012-lone-working-policy.md");
    for expected in [
        "id: \"HR/LW/012\"\ntitle: \"Lone Working Policy\"\ntype: \"policy\"\nversion: \"4.2\"\nstatus: \"ratified\"\n",
        "directorate: \"Workforce and OD\"\nauthor:\n  name: \"Jo Bloggs\"\n  title: \"Health and Safety Manager\"\nexecutive_lead: \"Chief People Officer\"\n",
        "ratified:\n  by: \"Health, Safety and Wellbeing Committee\"\n  date: 2023-03-14\n",
        "history:\n  - version: \"4.0\"\n    date: 2019-10-01\n    description: \"Full review\"\n    by: \"A Smith\"\n  - version: \"4.1\"",
        "  - version: \"4.2\"\n    date: 2023-03-14\n    description: \"Updated for new devices\"\n",
        "eia:\n  date: 2023-03-01\n  lead_assessor: \"Jo Bloggs\"\n  impacts:\n    age: \"neutral\"\n    disability:\n      impact: \"positive\"\n      comment: \"Devices with large buttons\"\n",
        "  action_plan:\n    - action: \"Offer devices with large buttons\"\n      lead: \"J Bloggs\"\n      due: 2023-06-30\n      done: 2023-06-12\n",
        "## Introduction\n\nLone working is part of many roles in the Trust. This policy sets out how the risks of working alone are assessed and controlled across all sites.\n",
        "### Line Managers {role=managers}\n\nLine managers must make sure that:\n\n- a risk assessment is in place for every lone worker;\n",
    ] {
        assert!(md.contains(expected), "missing:\n{expected}\nin:\n{md}");
    }
    assert!(
        !md.contains("Page 1 of 4") && !md.contains("Riverside Community Healthcare") && !md.contains(". . ."),
        "{md}"
    );
    // "Next Review Date March 2026" names no day: reported, not guessed.
    assert!(!md.contains("review_date"));
    let j = json(&out);
    assert!(j["files"][0]["warnings"]
        .as_array()
        .unwrap()
        .iter()
        .any(|w| w["kind"] == "ambiguous_date" && w["key"] == "review_date"));
    // Every value says where it came from: its label and line, or how it was inferred.
    let fields = j["files"][0]["fields"].as_array().unwrap();
    let field = |key: &str| fields.iter().find(|f| f["key"] == key).unwrap_or_else(|| panic!("{key}: {fields:?}"));
    assert_eq!(field("ratified.date")["from"], "label “Date of Approval”");
    assert_eq!(field("ratified.date")["at"]["line"], 9);
    assert!(field("type")["from"].as_str().unwrap().starts_with("inferred: "), "{fields:?}");
    assert_eq!(field("history")["from"], "the amendment table");
}

#[test]
fn a_new_content_folder_is_made_and_its_missing_settings_named() {
    let f = Fixture::new(&[]);
    f.write("in/lone.txt", FRONT_SHEET);
    let out = f.run(&["import", "in/lone.txt", "--out", "newlib"]);
    imported(&out);
    assert!(f.path("newlib/documents/pol-009-001-lone-working-policy.md").exists());
    assert!(stdout(&out).contains("note: newlib has no site.yaml"), "{}", stdout(&out));
    assert!(!f.path("newlib/site.yaml").exists(), "no settings are invented");
}

#[test]
fn a_pdf_without_text_is_an_error_for_that_input() {
    // One empty page: what a scan looks like to pdftotext (needs poppler-utils).
    let pdf = "%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj 2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj 3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 612 792]>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n";
    let f = with_input("scan.pdf", pdf);
    let out = f.run(&["import", "in/scan.pdf"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stdout(&out).contains("error: in/scan.pdf: the PDF has (almost) no text layer"), "{}", stdout(&out));
}

#[test]
fn exit_status_zero_when_what_was_written_checks_clean() {
    let text = "Document Title: Visitors Procedure\nUnique Identifier: PROC/1/9\nVersion Number: 0.1\nStatus: Draft\nDocument Type: Procedure\n\n1. SCOPE\n\nThis procedure applies to all sites.\n";
    let f = with_input("draft.txt", text);
    let out = f.run(&["import", "in/draft.txt", "--today", "2026-01-01"]);
    assert_eq!(out.status.code(), Some(0), "{}", stdout(&out));
    let missing = f.run(&["import", "in/nothing-here.txt"]);
    assert_eq!(missing.status.code(), Some(2), "an input that cannot be read");
}

/// A folder holding a `pdftotext` that runs `script` (sh), to put first on
/// the `PATH`, and that `PATH`.
fn fake_pdftotext(f: &Fixture, script: &str) -> String {
    use std::os::unix::fs::PermissionsExt;
    let bin = f.path("bin");
    f.write("bin/pdftotext", format!("#!/bin/sh\n{script}\n"));
    std::fs::set_permissions(bin.join("pdftotext"), std::fs::Permissions::from_mode(0o755)).unwrap();
    format!("{}:{}", bin.display(), std::env::var("PATH").unwrap_or_default())
}

#[test]
fn a_pdf_whose_text_never_ends_is_refused_and_pdftotext_stopped() {
    let f = with_input("endless.pdf", "%PDF-1.4\n");
    // About 60 KB of words a line.
    let chunk = "words='Staff report every incident to their line manager at once. '; \
                 chunk=$words; for i in 1 2 3 4 5 6 7 8 9 10; do chunk=$chunk$chunk; done";
    let refused = |out: &std::process::Output| {
        let report = stdout(out);
        assert_eq!(out.status.code(), Some(2), "{report}");
        assert!(report.contains("error: in/endless.pdf: pdftotext gives more than 16 MiB of text for it"), "{report}");
        assert!(report.contains("check that this is the document you meant"), "says what to do: {report}");
    };
    // A PDF that a small file can make: far more text than any document, then the end.
    let path = fake_pdftotext(
        &f,
        &format!("{chunk}; i=0; while [ $i -lt 320 ]; do printf '%s\\n' \"$chunk\"; i=$((i+1)); done"),
    );
    refused(&f.run_with_env(&["import", "in/endless.pdf"], &[("PATH", &path)]));
    // One that never ends, nor stops when its reader goes: it is killed.
    let pid_file = f.path("bin/pid");
    let path = fake_pdftotext(
        &f,
        &format!(
            "echo $$ > '{}'; trap '' PIPE; {chunk}; while :; do printf '%s\\n' \"$chunk\" 2>/dev/null; done",
            pid_file.display()
        ),
    );
    refused(&f.run_with_env(&["import", "in/endless.pdf"], &[("PATH", &path)]));
    let pid = std::fs::read_to_string(&pid_file).unwrap();
    let running = std::path::Path::new("/proc").join(pid.trim());
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(5);
    while running.exists() && std::time::Instant::now() < deadline {
        std::thread::sleep(std::time::Duration::from_millis(50));
    }
    assert!(!running.exists(), "pdftotext (process {}) is still running", pid.trim());
}

#[test]
fn the_review_page_shows_each_value_beside_its_source_line() {
    let f = with_input("lone.txt", FRONT_SHEET);
    let out = f.run(&["import", "in/lone.txt", "--out", "content", "--today", "2026-01-01", "--review", "review.html"]);
    imported(&out);
    let page = f.read("review.html");
    // The field, its value, the label it was read under and the source line, escaped.
    assert!(page.contains("<td>ratified.date</td><td><pre>2025-01-10</pre></td><td>label “Date”</td>"), "{page}");
    assert!(page.contains("5: Ratified By: Policy Group\t\tDate: 10/01/2025"), "{page}");
    assert!(
        page.contains("<td>type</td><td><pre>&quot;policy&quot;</pre></td><td>label “Document Type”</td>"),
        "{page}"
    );
    assert!(!page.contains("<script"), "{page}");
}

/// The varied corpus cut short anywhere, or missing any one line, imports
/// without a panic: the layout rules index lines by column, and a line
/// shorter than the columns above must not break them.
#[test]
fn no_varied_text_cut_short_or_missing_a_line_panics() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/import/varied");
    let config = trustdocs::config::Config::default();
    let import =
        |text: &str| trustdocs::import::document::assemble(trustdocs::import::layout::read(text), &config, None);
    for entry in std::fs::read_dir(dir).unwrap().flatten() {
        let Some(text) = entry
            .path()
            .extension()
            .is_some_and(|e| e == "txt")
            .then(|| std::fs::read_to_string(entry.path()).unwrap())
        else {
            continue;
        };
        for (cut, _) in text.char_indices().step_by(37) {
            import(&text[..cut]);
        }
        let lines: Vec<&str> = text.lines().collect();
        for skip in 0..lines.len() {
            let without: Vec<&str> = lines.iter().enumerate().filter(|(i, _)| *i != skip).map(|(_, l)| *l).collect();
            import(&without.join("\n"));
        }
    }
}
