//! Word, both ways: `export ID --out FILE.docx`, then
//! `import FILE.docx --new-version-of ID` (docs/governance.md, "Word, both
//! ways"). The round trip over every document of the example library, the
//! file as LibreOffice opens it, tracked changes and comments made by hand
//! in the package's XML, and hostile files.

use crate::common::{stderr, stdout, Fixture};
use std::io::{Read, Write};
use std::path::Path;
use std::process::{Command, Output};

const TODAY: &str = "2026-11-23";

/// The ids of the documents of a content folder, each once.
fn ids(f: &Fixture) -> Vec<String> {
    let mut ids: Vec<String> = std::fs::read_dir(f.path("content/documents"))
        .unwrap()
        .map(|e| std::fs::read_to_string(e.unwrap().path()).unwrap())
        .filter_map(|t| t.lines().find_map(|l| l.strip_prefix("id: ").map(|i| i.trim().to_string())))
        .collect();
    ids.sort();
    ids.dedup();
    ids
}

fn export(f: &Fixture, id: &str, out: &str) -> Output {
    let o = f.run(&["export", id, "--out", out, "--today", TODAY]);
    assert_eq!(o.status.code(), Some(0), "export {id}: {}{}", stdout(&o), stderr(&o));
    o
}

fn import_new(f: &Fixture, file: &str, id: &str, extra: &[&str]) -> Output {
    let mut args = vec!["import", file, "--new-version-of", id, "--today", TODAY];
    args.extend_from_slice(extra);
    f.run(&args)
}

/// The file `name` of a zip package at `path`.
fn part(path: &Path, name: &str) -> String {
    let mut z = zip::ZipArchive::new(std::fs::File::open(path).unwrap()).unwrap();
    let mut s = String::new();
    z.by_name(name).unwrap().read_to_string(&mut s).unwrap();
    s
}

/// A file's front matter, with its closing line.
fn front_matter(text: &str) -> &str {
    let end = text[4..].find("\n---").map(|i| i + 8).unwrap();
    &text[..end]
}

/// The newest file of the folder whose name starts with `prefix`.
fn draft_of(f: &Fixture, prefix: &str) -> String {
    let found = std::fs::read_dir(f.path("content/documents"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().to_string())
        .filter(|n| n.starts_with(prefix) && n.contains("-v"))
        .max()
        .unwrap_or_else(|| panic!("no draft of {prefix}"));
    f.read(&format!("content/documents/{found}"))
}

#[test]
fn every_example_document_comes_back_as_it_was_exported() {
    let f = Fixture::example();
    // The same library, where `new-version` makes each draft for comparison.
    let g = Fixture::example();
    let ids = ids(&f);
    assert_eq!(ids.len(), 5, "the example library's documents: {ids:?}");
    for id in &ids {
        let file = format!("{}.docx", id.replace('/', "-"));
        export(&f, id, &file);
        let o = import_new(&f, &file, id, &["--format", "json"]);
        // 1: the check finds what it finds in the version exported too.
        assert!(matches!(o.status.code(), Some(0 | 1)), "{id}: {}{}", stdout(&o), stderr(&o));
        let report: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap_or_else(|e| panic!("{id}: {e}"));
        assert!(
            report["files"][0]["output"].as_str().is_some_and(|p| p.starts_with("content/documents/")),
            "{id}: {report}"
        );
        // The loader reads the draft as it reads any document: no finding about its form.
        let form: Vec<&str> = report["diagnostics"]
            .as_array()
            .unwrap()
            .iter()
            .filter_map(|d| d["code"].as_str())
            .filter(|c| c.starts_with('S'))
            .collect();
        assert!(form.is_empty(), "{id}: {form:?} in {report}");
        let d = f.run(&["diff", id, "--format", "json", "--today", TODAY]);
        let j: serde_json::Value = serde_json::from_slice(&d.stdout).unwrap_or_else(|e| panic!("{id}: {e}"));
        let stats = &j["stats"];
        for key in ["sections_changed", "sections_added", "sections_removed", "sections_moved", "words_inserted"] {
            assert_eq!(stats[key], 0, "{id}: {key} in {}", serde_json::to_string_pretty(&j).unwrap());
        }
        assert_eq!(stats["words_deleted"], 0, "{id}");
        assert_eq!(j["to"]["status"], "draft", "{id}");
        // What a new version must change, and nothing else.
        for fact in j["facts"].as_array().unwrap() {
            let label = fact["label"].as_str().unwrap();
            let necessary = ["Ratified by", "Review date", "Replaces"].contains(&label)
                || (label.starts_with("Amendment history, version") && fact["before"].is_null());
            assert!(necessary, "{id}: the round trip changed a fact: {fact}");
        }
        // The front matter is the one `new-version` writes, byte for byte.
        let o = g.run(&["new-version", id, "content", "--today", TODAY]);
        assert_eq!(o.status.code(), Some(0), "{id}: {}{}", stdout(&o), stderr(&o));
        let prefix = id.to_lowercase().replace('/', "-");
        assert_eq!(front_matter(&draft_of(&f, &prefix)), front_matter(&draft_of(&g, &prefix)), "{id}");
    }
    eprintln!("round trip: {} documents exported, imported and compared", ids.len());
}

#[test]
fn the_word_file_opens_in_libreoffice() {
    let f = Fixture::example();
    export(&f, "CORP/STRAT/003", "strategy.docx");
    let pdf_dir = f.path("pdf");
    let converted = Command::new("soffice")
        .args(["--headless", "--convert-to", "pdf", "--outdir"])
        .arg(&pdf_dir)
        .arg(f.path("strategy.docx"))
        // A profile of its own: another LibreOffice running (the register's test) cannot block it.
        .arg(format!("-env:UserInstallation=file://{}", f.path("profile").display()))
        .env("HOME", f.path("home"))
        .output()
        .unwrap_or_else(|e| {
            panic!("soffice (LibreOffice) cannot run ({e}): install it with `bash scripts/test.sh`, or `apt-get install libreoffice-writer-nogui`")
        });
    let pdf = pdf_dir.join("strategy.pdf");
    assert!(
        pdf.is_file(),
        "LibreOffice made no PDF (does it have Writer? `apt-get install libreoffice-writer-nogui`): {}{}",
        stdout(&converted),
        stderr(&converted)
    );
    let text = Command::new("pdftotext").arg(&pdf).arg("-").output().expect("pdftotext (poppler-utils)");
    // Cells wrap their text over lines: words are compared, not lines.
    let text = stdout(&text).split_whitespace().collect::<Vec<_>>().join(" ");
    for expected in [
        "Security Management Strategy",
        "CORP/STRAT/003",
        "Behavioural Standards Framework",
        "Document control: amendment history",
        "Removal of NHS protect References",
    ] {
        assert!(text.contains(expected), "the PDF lacks {expected:?}:\n{text}");
    }
}

/// The Python script that gives an exported file tracked changes and a
/// comment, as Word writes them, with only the standard library.
const REVIEW: &str = r#"
import sys, zipfile
src, dst = sys.argv[1], sys.argv[2]
with zipfile.ZipFile(src) as z:
    parts = {n: z.read(n) for n in z.namelist()}
doc = parts["word/document.xml"].decode("utf-8")
old = '<w:r><w:t xml:space="preserve">This strategy applies to all employees of the Trust who may be required to implement this strategy.</w:t></w:r>'
new = ('<w:commentRangeStart w:id="0"/><w:r><w:t xml:space="preserve">This strategy applies to all </w:t></w:r>'
       '<w:del w:id="1" w:author="Ann Author"><w:r><w:delText>employees</w:delText></w:r></w:del>'
       '<w:ins w:id="2" w:author="Ann Author"><w:r><w:t>staff and contractors</w:t></w:r></w:ins>'
       '<w:r><w:t xml:space="preserve"> of the Trust who may be required to implement this strategy.</w:t></w:r>'
       '<w:commentRangeEnd w:id="0"/><w:r><w:commentReference w:id="0"/></w:r>'
       '<w:ins w:id="3" w:author="Ann Author"><w:r><w:t xml:space="preserve"> It includes volunteers.</w:t></w:r></w:ins>'
       '<w:moveFrom w:id="4" w:author="Ann Author"><w:r><w:t xml:space="preserve"> Moved away sentence.</w:t></w:r></w:moveFrom>'
       '<w:moveTo w:id="5" w:author="Ann Author"><w:r><w:t xml:space="preserve"> Moved here sentence.</w:t></w:r></w:moveTo>')
assert doc.count(old) == 1, "the paragraph to edit is not in the export"
parts["word/document.xml"] = doc.replace(old, new).encode("utf-8")
parts["word/comments.xml"] = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<w:comments xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
    '<w:comment w:id="0" w:author="Ann Author" w:initials="AA"><w:p><w:r><w:t>Please check the scope &amp; the &lt;volunteers&gt;</w:t></w:r></w:p></w:comment>'
    '</w:comments>').encode("utf-8")
rels = parts["word/_rels/document.xml.rels"].decode("utf-8")
parts["word/_rels/document.xml.rels"] = rels.replace("</Relationships>",
    '<Relationship Id="rIdComments" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/comments" Target="comments.xml"/></Relationships>').encode("utf-8")
types = parts["[Content_Types].xml"].decode("utf-8")
parts["[Content_Types].xml"] = types.replace("</Types>",
    '<Override PartName="/word/comments.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.comments+xml"/></Types>').encode("utf-8")
with zipfile.ZipFile(dst, "w", zipfile.ZIP_DEFLATED) as z:
    for name, data in parts.items():
        z.writestr(name, data)
"#;

#[test]
fn tracked_changes_are_accepted_and_comments_listed() {
    let f = Fixture::example();
    export(&f, "CORP/STRAT/003", "exported.docx");
    f.write("review.py", REVIEW);
    let py = Command::new("python3")
        .args(["review.py", "exported.docx", "reviewed.docx"])
        .current_dir(f.tmp.path())
        .output()
        .expect("python3");
    assert!(py.status.success(), "{}", stderr(&py));
    let o = import_new(&f, "reviewed.docx", "CORP/STRAT/003", &["--format", "json"]);
    let j: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap_or_else(|e| panic!("{e}: {}", stdout(&o)));
    let review = &j["files"][0]["review"];
    assert_eq!((review["insertions"].as_u64(), review["deletions"].as_u64()), (Some(3), Some(2)), "{j}");
    let comment = &review["comments"][0];
    assert_eq!(comment["author"], "Ann Author");
    assert_eq!(comment["text"], "Please check the scope & the <volunteers>");
    assert_eq!(
        comment["anchor"],
        "This strategy applies to all staff and contractors of the Trust who may be required to implement this strategy."
    );
    let draft = f.read("content/documents/corp-strat-003-security-management-strategy-v4.md");
    let line = draft.lines().find(|l| l.starts_with("This strategy applies")).unwrap();
    assert_eq!(line, "This strategy applies to all staff and contractors of the Trust who may be required to implement this strategy. It includes volunteers. Moved here sentence.");
    assert!(!draft.contains("Moved away") && !draft.contains("all employees"), "deleted text stays out");
    // The same, for a person.
    std::fs::remove_file(f.path("content/documents/corp-strat-003-security-management-strategy-v4.md")).unwrap();
    let o = import_new(&f, "reviewed.docx", "CORP/STRAT/003", &[]);
    let report = stdout(&o);
    assert!(report.contains("tracked changes: 3 insertions and 2 deletions accepted"), "{report}");
    assert!(
        report.contains("comment by Ann Author on “This strategy applies to all staff and contractors of the Trust who may be required to implement this strategy.”: Please check the scope & the <volunteers>"),
        "{report}"
    );
    // The comparison with the version in force shows the accepted words.
    let diff = stdout(&f.run(&["diff", "CORP/STRAT/003", "--today", TODAY]));
    assert!(diff.contains("staff and contractors") && diff.contains("employees"), "{diff}");
}

#[test]
fn the_author_may_change_title_summary_author_and_history() {
    let f = Fixture::example();
    export(&f, "CORP/STRAT/003", "exported.docx");
    let edits = [
        (
            "<w:t xml:space=\"preserve\">Security Management Strategy</w:t>",
            "<w:t xml:space=\"preserve\">Security Strategy 2027</w:t>",
        ),
        ("<w:t xml:space=\"preserve\">Daniel Willis</w:t>", "<w:t xml:space=\"preserve\">Ann Author</w:t>"),
    ];
    let mut doc = part(&f.path("exported.docx"), "word/document.xml");
    for (from, to) in edits {
        // The title and the author's name are written twice or more (title paragraph, front sheet, EIA): all change.
        assert!(doc.contains(from), "{from}");
        doc = doc.replace(from, to);
    }
    // A new row at the end of the amendment table, for the next version.
    let row = "<w:tr><w:tc><w:p><w:r><w:t>4</w:t></w:r></w:p></w:tc><w:tc><w:p><w:r><w:t>1 December 2026</w:t></w:r></w:p></w:tc><w:tc><w:p><w:r><w:t>Section 4</w:t></w:r></w:p></w:tc><w:tc><w:p><w:r><w:t>Annual review</w:t></w:r></w:p></w:tc><w:tc><w:p/></w:tc><w:tc><w:p/></w:tc></w:tr></w:tbl>";
    let history_end = doc.find("Removal of NHS protect References").unwrap();
    let close = history_end + doc[history_end..].find("</w:tbl>").unwrap();
    doc.replace_range(close..close + "</w:tbl>".len(), row);
    f.write("edited.docx", repackage(&f.path("exported.docx"), &[("word/document.xml", doc.as_bytes())]));
    let o = import_new(&f, "edited.docx", "CORP/STRAT/003", &[]);
    assert!(matches!(o.status.code(), Some(0 | 1)), "{}{}", stdout(&o), stderr(&o));
    let draft = f.read("content/documents/corp-strat-003-security-management-strategy-v4.md");
    let fm = front_matter(&draft);
    assert!(fm.contains("title: \"Security Strategy 2027\"") || fm.contains("title: Security Strategy 2027"), "{fm}");
    assert!(fm.contains("name: \"Ann Author\"") || fm.contains("name: Ann Author"), "{fm}");
    assert!(fm.contains("description: \"Annual review\"") || fm.contains("description: Annual review"), "{fm}");
    assert!(!fm.contains("[insert what changed"), "the author's row is the new version's entry: {fm}");
    assert!(fm.contains("status: draft") && !fm.contains("\nratified:") && !fm.contains("\nreview_date:"), "{fm}");
}

/// A copy of the package at `from` with some parts replaced.
fn repackage(from: &Path, replaced: &[(&str, &[u8])]) -> Vec<u8> {
    let mut z = zip::ZipArchive::new(std::fs::File::open(from).unwrap()).unwrap();
    let mut buf = std::io::Cursor::new(Vec::new());
    {
        let mut w = zip::ZipWriter::new(&mut buf);
        let opts = zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Deflated);
        for i in 0..z.len() {
            let mut entry = z.by_index(i).unwrap();
            let name = entry.name().to_string();
            let mut bytes = Vec::new();
            entry.read_to_end(&mut bytes).unwrap();
            let bytes = replaced.iter().find(|(n, _)| *n == name).map_or(bytes, |(_, b)| b.to_vec());
            w.start_file(name, opts).unwrap();
            w.write_all(&bytes).unwrap();
        }
        w.finish().unwrap();
    }
    buf.into_inner()
}

#[test]
fn a_plain_import_reads_the_exported_layout_too() {
    // An exported file given to `import` without --new-version-of, into an
    // empty library: the front sheet, the history and the EIA are found.
    let library = Fixture::example();
    export(&library, "CORP/STRAT/003", "s.docx");
    let f = Fixture::new(&[]);
    std::fs::copy(library.path("s.docx"), f.path("s.docx")).unwrap();
    let o = f.run(&["import", "s.docx", "--format", "json", "--today", TODAY]);
    let j: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    let written = j["files"][0]["output"].as_str().unwrap_or_else(|| panic!("{j}"));
    let text = f.read(written);
    let fm = front_matter(&text);
    for expected in [
        "id: \"CORP/STRAT/003\"",
        "title: \"Security Management Strategy\"",
        "name: \"Daniel Willis\"",
        "description: \"BSF Page Added\"",
        "sexual_orientation: \"neutral\"",
    ] {
        assert!(fm.contains(expected), "{expected} in:\n{fm}");
    }
    assert!(!text[fm.len()..].contains("Document control"), "the control part leaves the body");
}

#[test]
fn export_never_overwrites_a_file_it_did_not_make() {
    let f = Fixture::example();
    f.write("mine.docx", "an author's own document");
    let o = f.run(&["export", "CORP/STRAT/003", "--out", "mine.docx", "--today", TODAY]);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    assert!(stderr(&o).contains("mine.docx exists and was not made by `trustdocs export`"), "{}", stderr(&o));
    assert!(stderr(&o).contains("--force"), "{}", stderr(&o));
    assert_eq!(f.read("mine.docx"), "an author's own document");
    // A file export made is replaced; so is any file with --force.
    export(&f, "CORP/STRAT/003", "ours.docx");
    export(&f, "CORP/STRAT/002", "ours.docx");
    assert!(part(&f.path("ours.docx"), "word/document.xml").contains("CORP/STRAT/002"));
    let o = f.run(&["export", "CORP/STRAT/003", "--out", "mine.docx", "--force", "--today", TODAY]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(part(&f.path("mine.docx"), "word/document.xml").contains("CORP/STRAT/003"));
    // A file saved again by Word or LibreOffice is the author's: its app.xml is theirs.
    let resaved = repackage(
        &f.path("mine.docx"),
        &[("docProps/app.xml", b"<Properties><Application>Microsoft Office Word</Application></Properties>")],
    );
    f.write("mine.docx", &resaved);
    let o = f.run(&["export", "CORP/STRAT/003", "--out", "mine.docx", "--today", TODAY]);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    assert_eq!(f.read_bytes("mine.docx"), resaved);
    let names: Vec<String> = std::fs::read_dir(f.tmp.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().to_string())
        .collect();
    assert!(names.iter().all(|n| !n.starts_with('.')), "temporary files left: {names:?}");
}

#[test]
fn unknown_ids_and_versions_are_named_with_what_there_is() {
    let f = Fixture::example();
    let o = f.run(&["export", "CORP/STRAT/003", "9", "--out", "x.docx", "--today", TODAY]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("CORP/STRAT/003 has no version 9; its versions are: 3 (ratified)"), "{}", stderr(&o));
    let o = f.run(&["export", "CORP/STRAT/030", "--out", "x.docx", "--today", TODAY]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("no document in content has the id CORP/STRAT/030"), "{}", stderr(&o));
    let o = f.run(&["export", "CORP/STRAT/003", "content", "--out", "x.txt"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("ending in .docx"), "{}", stderr(&o));
    let o = f.run(&["export", "CORP/STRAT/003", "nowhere", "--out", "x.docx"]);
    assert_eq!(o.status.code(), Some(2), "a folder that cannot be read is bad input");
    assert!(stderr(&o).contains("nowhere"), "{}", stderr(&o));
    assert!(!f.path("x.docx").exists() && !f.path("x.txt").exists());
}

#[test]
fn a_second_version_in_preparation_is_refused() {
    let f = Fixture::example();
    export(&f, "POL/002/015", "policy.docx");
    let o = import_new(&f, "policy.docx", "POL/002/015", &[]);
    assert!(matches!(o.status.code(), Some(0 | 1)), "{}", stdout(&o));
    let o = import_new(&f, "policy.docx", "POL/002/015", &[]);
    assert_eq!(o.status.code(), Some(1), "{}", stdout(&o));
    assert!(
        stdout(&o).contains("POL/002/015 already has a version in preparation: version 2 (draft) in content/documents/pol-002-015-security-management-policy-v2.md"),
        "{}",
        stdout(&o)
    );
    assert!(!stdout(&o).contains("tracked changes"), "a refused file accepted nothing: {}", stdout(&o));
}

#[test]
fn hostile_files_are_refused_with_the_file_and_the_fix() {
    let f = Fixture::example();
    f.write("not-a-zip.docx", "this is text, not a Word package");
    let o = import_new(&f, "not-a-zip.docx", "CORP/STRAT/003", &[]);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stdout(&o).contains("error: not-a-zip.docx: not a Word document (.docx is a zip package"),
        "{}",
        stdout(&o)
    );
    // 20 MiB of spaces deflate to a few kilobytes; the importer stops at 16 MiB.
    let mut bomb = b"<w:document><w:body>".to_vec();
    bomb.resize(20 * 1024 * 1024, b' ');
    export(&f, "CORP/STRAT/003", "exported.docx");
    f.write("bomb.docx", repackage(&f.path("exported.docx"), &[("word/document.xml", &bomb)]));
    let o = import_new(&f, "bomb.docx", "CORP/STRAT/003", &[]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stdout(&o).contains("error: bomb.docx: word/document.xml expands to more than 16 MiB"), "{}", stdout(&o));
    // A file of another document.
    let o = import_new(&f, "exported.docx", "CORP/STRAT/002", &[]);
    assert_eq!(o.status.code(), Some(1));
    assert!(
        stdout(&o).contains(
            "the front sheet of this file gives the id CORP/STRAT/003, not CORP/STRAT/002 (--new-version-of)"
        ),
        "{}",
        stdout(&o)
    );
    let written: Vec<_> = std::fs::read_dir(f.path("content/documents")).unwrap().collect();
    assert_eq!(written.len(), 5, "nothing was written");
}

const HOSTILE: &str = "---\nid: POL/009/001\ntitle: \"Risk <w:p> ]]> & {{ title }}\"\ntype: policy\nversion: \"1\"\nstatus: ratified\nsummary: \"<script>alert(1)</script>\"\ndirectorate: Governance\nauthor: { name: A Author, title: LSMS }\nratified: { by: Policy Group, date: 2025-01-10 }\nreview_date: 2028-01-10\nhistory:\n  - { version: \"1\", date: 2025-01-01, description: First issue }\n---\n\n## Scope\n\n| Term | Meaning |\n|---|---|\n| {{ x }} | \\<script\\>alert(1)\\</script\\> |\n| \\#set page(width: 1cm) | ]]> and \\<w:p\\> |\n\nSee [the guidance](https://example.org/a?b=1&c=2) and [a trap](javascript:alert(1)).\n";

#[test]
fn document_text_stays_text_both_ways() {
    let f = Fixture::new(&[("hostile.md", HOSTILE)]);
    export(&f, "POL/009/001", "hostile.docx");
    let xml = part(&f.path("hostile.docx"), "word/document.xml");
    assert!(xml.contains("Risk &lt;w:p&gt; ]]&gt; &amp; {{ title }}"), "{xml}");
    assert!(xml.contains("&lt;script&gt;alert(1)&lt;/script&gt;"), "{xml}");
    assert_eq!(xml.matches("<w:hyperlink ").count(), 1, "only the https address is a link");
    let core = part(&f.path("hostile.docx"), "docProps/core.xml");
    assert!(core.contains("<dc:title>Risk &lt;w:p&gt; ]]&gt; &amp; {{ title }}</dc:title>"), "{core}");
    let rels = part(&f.path("hostile.docx"), "word/_rels/document.xml.rels");
    assert!(rels.contains("https://example.org/a?b=1&amp;c=2") && !rels.contains("javascript"), "{rels}");
    let o = import_new(&f, "hostile.docx", "POL/009/001", &[]);
    assert!(matches!(o.status.code(), Some(0 | 1)), "{}{}", stdout(&o), stderr(&o));
    let draft = f.read("content/documents/hostile-v2.md");
    let body = &draft[front_matter(&draft).len()..];
    for escaped in ["\\{\\{ x \\}\\}", "\\<script\\>alert(1)\\</script\\>", "\\#set page(width: 1cm)", "\\<w:p\\>"] {
        assert!(body.contains(escaped), "{escaped} in:\n{body}");
    }
    assert!(!body.contains("javascript:"), "the refused link stays text: {body}");
    let d = f.run(&["diff", "POL/009/001", "--format", "json", "--today", TODAY]);
    let j: serde_json::Value = serde_json::from_slice(&d.stdout).unwrap();
    assert_eq!(
        (j["stats"]["words_inserted"].as_u64(), j["stats"]["words_deleted"].as_u64()),
        (Some(0), Some(0)),
        "{j}"
    );
    let labels: Vec<&str> = j["facts"].as_array().unwrap().iter().map(|f| f["label"].as_str().unwrap()).collect();
    assert!(
        !labels.contains(&"Title") && !labels.contains(&"Summary"),
        "title and summary come back as they were: {labels:?}"
    );
}

const FEATURES: &str = "---\nid: POL/009/002\ntitle: Features\ntype: policy\nversion: \"1\"\nstatus: ratified\ndirectorate: Governance\nauthor: { name: A Author, title: LSMS }\nratified: { by: Policy Group, date: 2025-01-10 }\nreview_date: 2028-01-10\nhistory:\n  - { version: \"1\", date: 2025-01-01, description: First issue }\n---\n\nA paragraph before any heading, with *italic*, **bold**, ***both*** and `code`.\n\n## Lists\n\n1. first\n2. second\n   - nested bullet\n     1. deeper\n3. third\n\n## Links and notes\n\nSee [the guidance](https://example.org/g) and <mailto:a@b.nhs.uk>, and a note.[^1]\n\n> A quotation.\n\n| A | B |\n|---|---|\n| 1 | **two** |\n\n| C |\n|---|\n| a table right after another |\n\n[^1]: The footnote, with *emphasis*.\n";

#[test]
fn emphasis_code_nested_lists_footnotes_quotes_and_tables_come_back() {
    let f = Fixture::new(&[("features.md", FEATURES)]);
    export(&f, "POL/009/002", "features.docx");
    let o = import_new(&f, "features.docx", "POL/009/002", &[]);
    assert!(matches!(o.status.code(), Some(0 | 1)), "{}{}", stdout(&o), stderr(&o));
    let d = f.run(&["diff", "POL/009/002", "--format", "json", "--today", TODAY]);
    let j: serde_json::Value = serde_json::from_slice(&d.stdout).unwrap();
    let changed: Vec<&serde_json::Value> =
        j["sections"].as_array().unwrap().iter().filter(|s| s["status"] != "unchanged").collect();
    assert!(
        changed.is_empty(),
        "{}\n{}",
        serde_json::to_string_pretty(&changed).unwrap(),
        f.read("content/documents/features-v2.md")
    );
}
