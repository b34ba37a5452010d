//! A role's `contact` in `roles.yaml`: shown first on the role page on the
//! intranet, escaped, never in the public copy; a bad e-mail, an unknown
//! key or a `javascript:` page is refused with a settings error (S006).

use crate::common::{clean, codes, snapshot, stderr, stdout, with_code, Fixture};
use trustdocs::search::encode::gunzip;

const CONTACT: &str = "  contact:\n    name: Security Team\n    phone: ext. 4321\n    email: security@example.nhs.uk\n    note: \"Out of hours: switchboard\"\n";

fn library(contact: &str) -> Fixture {
    let body = "## Scope\n\nAll staff.\n\n## Duties\n\n### Local Security Management Specialist {role=lsms}\n\nInvestigates assaults.\n";
    let f = Fixture::new(&[("a.md", &clean("POL/001/001", "public: true\n", body))]);
    f.write("content/roles.yaml", format!("{}{contact}", crate::common::ROLES));
    f
}

#[test]
fn the_role_page_shows_the_contact_first() {
    let f = library(CONTACT);
    f.build(&[]);
    let page = f.read("out/roles/lsms/index.html");
    let contact = page.find("td-contact").expect("a Contact block");
    let section = page.find("td-role-section").expect("the role's sections");
    assert!(contact < section, "the contact comes before the documents");
    for text in ["Security Team", "ext. 4321", "Out of hours: switchboard"] {
        assert!(page.contains(text), "{text} on the role page");
    }
    assert!(page.contains(r#"<a href="mailto:security@example.nhs.uk">security@example.nhs.uk</a>"#));
}

#[test]
fn the_public_copy_shows_no_contact_anywhere() {
    let f = library(CONTACT);
    f.build(&["--public"]);
    assert!(f.path("out/roles/lsms/index.html").exists(), "the role page is public");
    let files = snapshot(&f.path("out"));
    for (path, bytes) in &files {
        let bytes = if path.ends_with(".gz") { gunzip(bytes).unwrap() } else { bytes.clone() };
        let text = String::from_utf8_lossy(&bytes);
        for secret in ["Security Team", "ext. 4321", "security@example.nhs.uk", "switchboard"] {
            assert!(!text.contains(secret), "{secret} in the public copy's {path}");
        }
        // The build cache's timestamps and digests are long runs of digits
        // that hold any four by chance; everything else must not hold the
        // number, not even as a search term.
        if path != ".trustdocs/build-cache.json" {
            assert!(!text.contains("4321"), "the phone number in the public copy's {path}");
        }
    }
    assert!(files.len() > 10, "the public copy was built");
}

#[test]
fn hostile_text_shows_as_text() {
    let f = library("  contact:\n    name: \"<script>alert(1)</script>\"\n    note: \"<b>bold</b>\"\n");
    f.build(&[]);
    let page = f.read("out/roles/lsms/index.html");
    assert!(!page.contains("<script>alert(1)"), "no script from roles.yaml");
    assert!(
        page.contains("&lt;script&gt;alert(1)&lt;/script&gt;")
            || page.contains("&lt;script&gt;alert(1)&lt;&#x2f;script&gt;")
    );
    assert!(!page.contains("<b>bold</b>"));
}

#[test]
fn a_bad_email_an_unknown_key_and_a_javascript_page_are_refused() {
    let f = library("  contact:\n    name: Security Team\n    emal: x@example.nhs.uk\n    email: mailto:security@example.nhs.uk\n    url: javascript:alert(1)\n");
    let report = f.check_json();
    let s006 = with_code(&report, "S006");
    let text = serde_json::to_string(&s006).unwrap();
    assert!(text.contains("unknown key `emal`") && text.contains("did you mean `email`?"), "{text}");
    assert!(text.contains("contact email") && text.contains("mailto:security"), "{text}");
    assert!(text.contains("contact url `javascript:alert(1)`"), "{text}");
    assert!(text.contains("roles.yaml"), "the file is named: {text}");
    assert!(s006.iter().all(|d| d["line"].as_u64().is_some_and(|l| l > 3)), "with lines: {text}");
    assert!(codes(&report).iter().any(|c| c == "S006"));
    // The build reports them and shows neither the bad e-mail nor the page.
    f.build(&[]);
    let page = f.read("out/roles/lsms/index.html");
    assert!(page.contains("Security Team"), "the good part of the contact is shown");
    assert!(!page.contains("javascript:") && !page.contains("mailto:security"), "nothing refused is shown");
}

/// `search --json` on the content folder, each result's title and snippet.
fn search(f: &Fixture, query: &str) -> Vec<(String, String)> {
    let out = f.run(&["search", query, "content", "--json", "--limit", "10"]);
    assert!(out.status.success(), "search {query} failed: {}", stderr(&out));
    let found: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let results = found["results"].as_array().unwrap().iter();
    results.map(|r| (r["title"].as_str().unwrap().to_string(), r["snippet"].as_str().unwrap().to_string())).collect()
}

#[test]
fn search_shows_the_contact_for_the_title_and_the_alias() {
    let f = library(CONTACT);
    for query in ["LSMS", "who is the LSMS", "Local Security Management Specialist"] {
        let results = search(&f, query);
        let role = results.iter().find(|(t, _)| t == "Local Security Management Specialist");
        let (_, snippet) = role.unwrap_or_else(|| panic!("{query}: no role page in {results:?}"));
        assert!(snippet.contains("Security Team") && snippet.contains("ext. 4321"), "{query}: {snippet}");
    }
    let text = stdout(&f.run(&["search", "who is the LSMS", "content"]));
    assert!(text.contains("security@example.nhs.uk"), "{text}");
}
