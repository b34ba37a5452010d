//! No address an author writes becomes a link unless it is http, https,
//! mailto or relative, however it is spelt: in the body, in `references`,
//! in `contact`, `base_url` and `public_base_url`. Each refused one is X009
//! (S006 in site.yaml, S004 for a contact) at its line, and every output
//! (pages, CSV, PDF data, feeds) shows text instead of a link.

use crate::common::*;
use std::path::Path;

/// Body links in as many spellings as a hostile author would try, one per
/// line from `BODY_LINE + 2`.
const BODY: &str = "## Links\n\n\
[a](javascript:alert(1))\n\n\
[b](  JaVaScRiPt:alert(2))\n\n\
[c](&#106;avascript:alert(3))\n\n\
[d](java&#9;script:alert(4))\n\n\
[e](javascript%3Aalert(5))\n\n\
[f](data:text/html;base64,PHNjcmlwdD4=)\n\n\
[g](VBScript:msgbox(7))\n\n\
![h](javascript:alert(8))\n\n\
[i](<java\tscript:alert(9)>)\n\n\
[j](file:///etc/passwd)\n\n\
[k](&#x6A;ava&#x0A;script:alert(11))\n\n\
[fine](https://www.nhs.uk/) and [mail](mailto:team@example.nhs.uk).\n";

const REFERENCES: &str = "references:\n  - { title: Click me, url: \"javascript:alert('ref')\" }\n  - { title: Data one, url: \" DATA:text/html,<b>x</b>\" }\n  - { title: Tabbed, url: \"java\\tscript:alert(1)\" }\n  - { title: Good one, url: \"https://www.gov.uk/\" }\n";

/// `clean` documents' extra front matter starts on line 18.
const EXTRA_LINE: u64 = 18;

fn extra() -> String {
    format!("{REFERENCES}public: true\n")
}

fn fixture() -> Fixture {
    Fixture::new(&[("a.md", &clean("POL/001/001", &extra(), BODY))])
}

#[test]
fn every_spelling_of_a_script_address_is_x009_at_its_line() {
    let f = fixture();
    let r = f.check_json();
    let x009 = with_code(&r, "X009");
    let lines: Vec<u64> = x009.iter().map(|d| d["line"].as_u64().unwrap()).collect();
    let body_line = EXTRA_LINE + extra().lines().count() as u64 + 1;
    let mut expected = vec![EXTRA_LINE + 1, EXTRA_LINE + 2, EXTRA_LINE + 3];
    expected.extend((0..11).map(|n| body_line + 2 + 2 * n));
    assert_eq!(lines, expected, "{x009:#?}");
    for d in &x009 {
        assert_eq!(d["severity"], "error");
        assert!(d["help"].as_str().unwrap().contains("https://"), "{d}");
    }
}

/// Every `href` and `src` of every page, and where it was found.
fn links(dir: &Path, out: &mut Vec<(String, String)>) {
    for e in std::fs::read_dir(dir).unwrap().flatten() {
        let p = e.path();
        if p.is_dir() {
            links(&p, out);
        } else if p.extension().is_some_and(|x| x == "html") {
            let html = std::fs::read_to_string(&p).unwrap();
            for attr in ["href", "src"] {
                for v in select_attrs(&html, &format!("[{attr}]"), attr) {
                    out.push((p.display().to_string(), v));
                }
            }
        }
    }
}

/// The scheme of an address as a browser reads it, if any.
fn scheme(href: &str) -> Option<String> {
    let cleaned: String =
        href.chars().filter(|c| !c.is_whitespace() && !c.is_control()).collect::<String>().to_lowercase();
    let end = cleaned.find([':', '/', '?', '#'])?;
    cleaned[end..].starts_with(':').then(|| cleaned[..end].to_string())
}

#[test]
fn no_output_links_a_refused_address() {
    let f = fixture();
    // A refused address is an error (X009), which keeps the document out of the public copy.
    let public = f.build(&["--public"]);
    assert!(public.status.success(), "{}", stderr(&public));
    let err = stderr(&public);
    assert!(
        err.contains("left out:  POL/001/001 Test Document POL/001/001 (version 1, ratified): has errors"),
        "{err}"
    );
    assert!(!f.path("out/documents/pol-001-001").exists());
    let out = f.build(&[]);
    assert!(out.status.success(), "{}", stderr(&out));
    let mut found = Vec::new();
    links(&f.path("out"), &mut found);
    assert!(found.iter().any(|(_, h)| h == "https://www.nhs.uk/"), "allowed links stay links");
    assert!(found.iter().any(|(_, h)| h == "https://www.gov.uk/"), "allowed references stay links");
    for (page, href) in &found {
        let s = scheme(href);
        assert!(matches!(s.as_deref(), None | Some("http" | "https" | "mailto")), "{page} links {href:?}");
        assert!(!href.to_lowercase().contains("script") && !href.to_lowercase().starts_with("data"), "{page}: {href}");
    }
    let page = f.read("out/documents/pol-001-001/index.html");
    for text in ["Click me", "Data one", "Tabbed"] {
        assert!(page.contains(text), "a refused reference still shows its title");
    }
    let csv = f.read("out/references/references.csv");
    assert!(!csv.to_lowercase().contains("script:") && !csv.to_lowercase().contains("data:"), "{csv}");
    assert!(csv.contains("https://www.gov.uk/"));
}

#[test]
fn pdf_data_carries_no_refused_address() {
    let f = fixture();
    let checked =
        trustdocs::check(&f.path("content"), trustdocs::model::Date::from_ymd(2026, 11, 23).unwrap()).unwrap();
    let opts = trustdocs::publish::PublishOptions { drafts: false, pdf: true, public: false };
    let site = checked.publication(&opts);
    let data = serde_json::to_string(&trustdocs::render::pdf_data::data(&site, site.pages[0].doc)).unwrap();
    let lower = data.to_lowercase();
    assert!(lower.contains("https://www.gov.uk/") && lower.contains("https://www.nhs.uk/"));
    for bad in ["script:", "data:", "file:", "&#"] {
        assert!(!lower.contains(bad), "{bad} in the PDF data: {data}");
    }
}

#[test]
fn base_urls_must_be_web_addresses_and_contacts_plain_e_mail() {
    let f = Fixture::new(&[(
        "a.md",
        &clean("POL/001/001", "contact: \"javascript:alert(1)//@example.nhs.uk\"\npublic: true\n", "## S\n\nT.\n"),
    )]);
    f.write(
        "content/site.yaml",
        "organisation: Test NHS Trust\nbase_url: \" javascript:alert(1)//\"\npublic_base_url: data:text/html,x\n",
    );
    let r = f.check_json();
    let s006 = with_code(&r, "S006");
    let lines: Vec<u64> = s006.iter().map(|d| d["line"].as_u64().unwrap()).collect();
    assert_eq!(lines, vec![2, 3], "{s006:#?}");
    assert!(s006.iter().all(|d| d["file"] == "content/site.yaml"));
    let s004 = with_code(&r, "S004");
    assert!(s004.iter().any(|d| d["message"].as_str().unwrap().contains("not an e-mail address")), "{s004:#?}");
    for public in [false, true] {
        let out = f.build(if public { &["--public"][..] } else { &[][..] });
        assert!(out.status.success(), "{}", stderr(&out));
        // The public copy leaves the document out: its contact is an error (S004).
        assert_eq!(f.path("out/documents/pol-001-001/index.html").exists(), !public);
        for file in ["catalogue.json", "feed.atom", "sitemap.xml", "documents/pol-001-001/index.html"] {
            if public && file.starts_with("documents/") {
                continue;
            }
            let text = f.read(&format!("out/{file}")).to_lowercase();
            assert!(!text.contains("javascript") && !text.contains("data:"), "{file}: {text}");
        }
    }
}
