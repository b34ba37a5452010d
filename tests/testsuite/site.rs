//! The built intranet site: pages, versions, drafts, escaping, themes and
//! the safety of the output folder.

use crate::common::*;

/// Two versions of a ratified policy with a history and an EIA, the policy
/// it refers to, and a draft (`tests/fixtures/site/`).
fn library() -> Fixture {
    Fixture::from_folder("site")
}

#[test]
fn document_page_has_control_sheet_toc_body_history_eia_and_versions() {
    let f = library();
    let out = f.build(&[]);
    assert!(out.status.success(), "{}", stderr(&out));
    let html = f.read("out/documents/pol-001-001/index.html");
    assert_eq!(select_texts(&html, "h1"), vec!["Test Document POL/001/001"]);
    let control = select_texts(&html, ".td-control tr");
    assert!(control.contains(&"Ratified by Policy Group on 10 January 2025".to_string()), "{control:?}");
    assert!(control.contains(&"Review date 10 January 2028".to_string()), "{control:?}");
    assert_eq!(select_texts(&html, ".td-toc li"), vec!["1 Scope", "1.1 Local security", "2 Monitoring"]);
    assert_eq!(select_texts(&html, ".td-body h2"), vec!["1 Scope", "2 Monitoring"]);
    assert_eq!(select_attrs(&html, ".td-body h3", "id"), vec!["local-security"]);
    assert!(select_texts(&html, ".td-role-tag").iter().any(|t| t.contains("Local Security Management Specialist")));
    assert_eq!(select_texts(&html, "#td-history ~ div tbody tr").len(), 2);
    assert_eq!(select_texts(&html, ".td-body thead th"), vec!["Aspect", "Method"]);
    let eia = select_texts(&html, "#td-eia ~ div tbody tr");
    assert_eq!(eia, vec!["Age Neutral", "Disability Positive Easy read"]);
    assert_eq!(select_texts(&html, ".td-banner__title"), vec!["Ratified"]);
}

#[test]
fn a_document_page_shows_its_key_facts_first_and_folds_the_control_sheet_and_contents() {
    let f = library();
    assert!(f.build(&[]).status.success());
    let html = f.read("out/documents/pol-001-001/index.html");
    let facts = select_texts(&html, ".td-key-facts div");
    assert_eq!(
        facts,
        vec![
            "Status Ratified",
            "Version 2",
            "In force Since 10 January 2025",
            "Review date 10 January 2028",
            "Owner A Author, LSMS"
        ]
    );
    let (facts_at, control_at, body_at) =
        (html.find("td-key-facts").unwrap(), html.find("id=\"td-control\"").unwrap(), html.find("td-body").unwrap());
    assert!(facts_at < control_at && control_at < body_at, "the key facts come first");
    assert_eq!(select_attrs(&html, "details.td-control", "open"), Vec::<String>::new(), "the control sheet is folded");
    assert_eq!(select_texts(&html, "details.td-control > summary"), vec!["Document control sheet"]);
    assert_eq!(select_texts(&html, ".td-toc details > summary"), vec!["Contents"], "the contents are folded");
    assert!(select_attrs(&html, ".td-toc details", "open").is_empty());
    // The Menu button folds the links on a phone: the same links as the bar.
    assert_eq!(select_texts(&html, ".td-nav details > summary"), vec!["Menu"]);
    assert_eq!(select_texts(&html, ".td-nav__list--menu a"), select_texts(&html, ".td-nav__list--bar a"));
}

#[test]
fn references_in_prose_and_doc_links_become_links() {
    let f = library();
    f.build(&[]);
    let html = f.read("out/documents/pol-001-001/index.html");
    let hrefs = select_attrs(&html, ".td-body a", "href");
    assert!(hrefs.contains(&"../../documents/pol-001-002/".to_string()), "{hrefs:?}");
    assert!(hrefs.contains(&"../../documents/pol-001-002/#scope".to_string()), "{hrefs:?}");
    assert!(
        select_texts(&html, ".td-body p").iter().any(|p| p.contains("Also POL/009/999 (not in this library), which")),
        "an unknown id stays text, and says why it is not a link"
    );
    assert!(!hrefs.iter().any(|h| h.contains("pol-009-999")));
}

#[test]
fn superseded_version_has_its_own_address_and_links_to_the_current() {
    let f = library();
    f.build(&[]);
    let html = f.read("out/documents/pol-001-001/v1/index.html");
    assert_eq!(select_texts(&html, ".td-banner__title"), vec!["Superseded"]);
    assert!(select_attrs(&html, ".td-banner a", "href").contains(&"../../../documents/pol-001-001/".to_string()));
    let current = f.read("out/documents/pol-001-001/index.html");
    assert!(select_attrs(&current, ".td-timeline a", "href").contains(&"../../documents/pol-001-001/v1/".to_string()));
}

#[test]
fn drafts_only_with_the_flag_and_marked_draft() {
    let f = library();
    f.build(&[]);
    assert!(!f.path("out/documents/pol-001-003").exists());
    assert!(!f.read("out/index.html").contains("POL/001/003"));
    f.build(&["--drafts"]);
    let html = f.read("out/documents/pol-001-003/index.html");
    assert_eq!(select_texts(&html, ".td-banner__title"), vec!["DRAFT"]);
    assert!(html.contains("DRAFT PREVIEW"));
}

#[test]
fn raw_html_never_reaches_the_page_as_markup() {
    let body = "## Scope\n\n<script>alert('x')</script>\n\nInline <img src=x onerror=alert(1)> here.\n\n[click](javascript:alert(1))\n";
    let f = Fixture::new(&[("a.md", &doc("POL/001/001", "1", "ratified", "", body))]);
    f.build(&[]);
    let html = f.read("out/documents/pol-001-001/index.html");
    assert!(!html.contains("<script"), "a script tag reached the page");
    assert!(!html.contains("<img src=x"));
    assert!(!html.contains("javascript:"));
    assert!(html.contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;"));
}

#[test]
fn example_library_strategy_page() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let out = tempfile::tempdir().unwrap();
    let status = std::process::Command::new(env!("CARGO_BIN_EXE_trustdocs"))
        .args(["build", "content", "--no-pdf", "--today", "2026-11-23", "--out"])
        .arg(out.path().join("dist"))
        .current_dir(root)
        .output()
        .unwrap();
    assert!(status.status.success(), "{}", stderr(&status));
    let pages = std::fs::read_dir(out.path().join("dist/documents"))
        .unwrap()
        .flatten()
        .filter(|e| e.path().join("index.html").exists())
        .count();
    assert!(pages >= 5, "{pages} document pages");
    let html = std::fs::read_to_string(out.path().join("dist/documents/corp-strat-003/index.html")).unwrap();
    assert!(select_texts(&html, ".td-control tr")
        .iter()
        .any(|r| r.starts_with("Ratified by Procedural Document and Information Leaflet Group")));
    assert!(!select_texts(&html, "#td-history ~ div tbody tr").is_empty());
    assert_eq!(select_texts(&html, "#td-eia ~ div tbody tr").len(), 10);
    assert!(select_texts(&html, ".td-role-tag").len() >= 5);
    assert_eq!(select_texts(&html, ".td-banner__title"), vec!["Review date passed"]);
}

#[test]
fn a_theme_override_wins_file_by_file() {
    let f = library();
    f.write(
        "content/theme/templates/home.html",
        "{% extends \"base.html\" %}{% block main %}<h1>Our own home</h1>{% endblock %}",
    );
    f.write("content/theme/static/style.css", "body { color: black }");
    f.build(&[]);
    assert_eq!(select_texts(&f.read("out/index.html"), "h1"), vec!["Our own home"]);
    assert_eq!(f.read("out/static/style.css"), "body { color: black }");
    assert!(f.read("out/documents/pol-001-001/index.html").contains("td-control"), "other templates stay the default");
}

#[test]
fn a_failed_build_leaves_the_previous_output_untouched() {
    let f = library();
    assert!(f.build(&[]).status.success());
    let before = f.read("out/documents/pol-001-001/index.html");
    f.write("content/theme/templates/document.html", "{% for %}");
    let out = f.build_failing(&[]);
    assert_eq!(out.status.code(), Some(1));
    let err = stderr(&out);
    assert!(err.contains("theme/templates/document.html"), "names the template: {err}");
    assert_eq!(f.read("out/documents/pol-001-001/index.html"), before);
    let leftovers = leftovers(f.tmp.path());
    assert!(leftovers.is_empty(), "staging folders left behind: {leftovers:?}");
}

#[test]
fn a_missing_site_yaml_fails_without_writing() {
    let f = library();
    std::fs::remove_file(f.path("content/site.yaml")).unwrap();
    let out = f.build_failing(&[]);
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr(&out).contains("site.yaml"));
    assert!(!f.path("out").exists());
}

#[test]
fn assets_are_copied_and_missing_ones_are_text() {
    let body = "## Map\n\n![Site map](../assets/map.png)\n\n[Form](../assets/missing.pdf)\n";
    let f = Fixture::new(&[("a.md", &doc("POL/001/001", "1", "ratified", "", body))]);
    f.write("content/assets/map.png", b"\x89PNG".as_slice());
    f.build(&[]);
    assert!(f.path("out/assets/map.png").exists());
    let html = f.read("out/documents/pol-001-001/index.html");
    assert_eq!(select_attrs(&html, ".td-body img", "src"), vec!["../../assets/map.png"]);
    assert_eq!(select_attrs(&html, ".td-body img", "alt"), vec!["Site map"]);
    assert!(select_attrs(&html, ".td-body a", "href").is_empty());
}

#[cfg(unix)]
#[test]
fn output_assets_are_independent_copies_never_links() {
    use std::os::unix::fs::MetadataExt;
    let body = "## Scope\n\nThe [form](../assets/form.pdf), the [linked form](../assets/linked.pdf) and ![a map](../assets/map.png).\n";
    let f = Fixture::new(&[("a.md", &clean("POL/001/001", "", body))]);
    f.write("content/assets/form.pdf", "the author's form");
    f.write("content/assets/real/map-source.png", "the author's map");
    std::os::unix::fs::symlink("form.pdf", f.path("content/assets/linked.pdf")).unwrap();
    std::os::unix::fs::symlink("real/map-source.png", f.path("content/assets/map.png")).unwrap();
    f.write("secret.txt", "outside the content folder");
    std::os::unix::fs::symlink(f.path("secret.txt"), f.path("content/assets/outside.pdf")).unwrap();
    let s006 = with_code(&f.check_json(), "S006");
    assert_eq!(s006.len(), 1, "{s006:#?}");
    assert_eq!(s006[0]["file"], "content/assets/outside.pdf");
    let out = f.build(&[]);
    assert!(out.status.success(), "{}", stderr(&out));
    for (copy, source, bytes) in [
        ("out/assets/form.pdf", "content/assets/form.pdf", "the author's form"),
        ("out/assets/linked.pdf", "content/assets/form.pdf", "the author's form"),
        ("out/assets/map.png", "content/assets/real/map-source.png", "the author's map"),
    ] {
        let meta = std::fs::symlink_metadata(f.path(copy)).unwrap();
        assert!(meta.file_type().is_file(), "{copy} is a file of its own, not a link");
        assert_eq!(meta.nlink(), 1, "{copy} is not a hard link");
        assert_ne!(meta.ino(), std::fs::metadata(f.path(source)).unwrap().ino(), "{copy}");
        assert_eq!(f.read(copy), bytes);
    }
    std::fs::write(f.path("out/assets/form.pdf"), "edited in the output").unwrap();
    assert_eq!(f.read("content/assets/form.pdf"), "the author's form", "editing the output never edits the source");
    assert!(!f.path("out/assets/outside.pdf").exists(), "a link out of the content folder is refused");
}

#[test]
fn author_anchors_never_take_the_themes_ids_and_links_to_them_still_resolve() {
    let body = "## Contents {#td-toc}\n\nSee [the notes](#fn-1) and [contents](#td-toc).[^1]\n\n## Notes {#fn-1}\n\nText.\n\n## TD toc\n\nAgain.\n\n## Main {#td-main}\n\nMain text.\n\n## Again {#td-main}\n\nTwice.\n\n[^1]: A footnote.\n";
    let f = Fixture::new(&[
        ("a.md", &clean("POL/001/001", "", body)),
        ("b.md", &clean("POL/001/002", "", "## S\n\nThe [main part](doc:POL/001/001#td-main).\n")),
    ]);
    let r = f.check_json();
    assert!(with_code(&r, "X002").is_empty(), "links to the author's anchors resolve: {:#}", r["diagnostics"]);
    assert!(f.build(&[]).status.success());
    let html = f.read("out/documents/pol-001-001/index.html");
    let ids = select_attrs(&html, "[id]", "id");
    let mut unique = ids.clone();
    unique.sort();
    unique.dedup();
    assert_eq!(ids.len(), unique.len(), "every id once on the page: {ids:?}");
    let headings = select_attrs(&html, ".td-body h2", "id");
    assert_eq!(headings, ["td-toc-2", "fn-1-2", "td-toc-3", "td-main-2", "td-main-3"]);
    assert!(select_texts(&html, "#td-toc").iter().any(|t| t.contains("Contents")), "the theme's contents box");
    let links = select_attrs(&html, ".td-body a", "href");
    assert!(links.contains(&"#fn-1-2".to_string()) && links.contains(&"#td-toc-2".to_string()), "{links:?}");
    assert!(links.contains(&"#fn-1".to_string()), "the footnote reference keeps the theme's id: {links:?}");
    let other = f.read("out/documents/pol-001-002/index.html");
    assert!(select_attrs(&other, ".td-body a", "href").contains(&"../../documents/pol-001-001/#td-main-2".to_string()));
}

#[test]
fn attachments_named_with_hash_question_mark_percent_or_spaces_are_linked() {
    let names = ["a#b.pdf", "what?.pdf", "100%.pdf", "my form.pdf", "café menu.pdf", "x%20y.pdf"];
    let body = "## Forms\n\n[one](../assets/a%23b.pdf) [two](../assets/what%3F.pdf) [three](../assets/100%25.pdf) [four](../assets/my%20form.pdf) [five](../assets/caf%C3%A9%20menu.pdf) [six](<../assets/my form.pdf>) [seven](../assets/x%2520y.pdf) [eight](../assets/a%23b.pdf#page=2)\n";
    let f = Fixture::new(&[("a.md", &clean("POL/001/001", "", body))]);
    for n in names {
        f.write(&format!("content/assets/{n}"), format!("file {n}"));
    }
    let r = f.check_json();
    assert!(with_code(&r, "X006").is_empty(), "every link finds its file: {:#}", r["diagnostics"]);
    assert!(f.build(&[]).status.success());
    let html = f.read("out/documents/pol-001-001/index.html");
    let hrefs = select_attrs(&html, ".td-body a", "href");
    assert_eq!(
        hrefs,
        [
            "../../assets/a%23b.pdf",
            "../../assets/what%3F.pdf",
            "../../assets/100%25.pdf",
            "../../assets/my%20form.pdf",
            "../../assets/caf%C3%A9%20menu.pdf",
            "../../assets/my%20form.pdf",
            "../../assets/x%2520y.pdf",
            "../../assets/a%23b.pdf",
        ]
    );
    // As a browser does: decode the address once and open the file.
    for href in &hrefs {
        let path = href.trim_start_matches("../../");
        let decoded = percent_decoded(path);
        let file = f.path(&format!("out/{decoded}"));
        assert_eq!(std::fs::read_to_string(&file).unwrap(), format!("file {}", &decoded["assets/".len()..]), "{href}");
    }
}

/// `%XX` decoded, as a browser does before asking for a file.
fn percent_decoded(s: &str) -> String {
    let b = s.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < b.len() {
        if b[i] == b'%' && i + 2 < b.len() {
            out.push(u8::from_str_radix(&s[i + 1..i + 3], 16).unwrap());
            i += 3;
        } else {
            out.push(b[i]);
            i += 1;
        }
    }
    String::from_utf8(out).unwrap()
}
