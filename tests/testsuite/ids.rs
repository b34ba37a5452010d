//! Ids are one normalised type: Unicode compatibility forms fold into the
//! plain letters before anything compares them, so no id can take over
//! another's pages; different ids that would share an address or read the
//! same are S007 on every file involved, and only one of them is published
//! at the address.

use crate::common::*;

#[test]
fn ids_that_differ_only_in_punctuation_are_s007_on_every_file() {
    let body = |who: &str| format!("## Scope\n\nThis is {who}.\n");
    let f = Fixture::new(&[
        ("slash-dot.md", &clean("POL/1.2", "", &body("slash-dot"))),
        ("slash-dash.md", &clean("POL/1-2", "", &body("slash-dash"))),
        ("dots.md", &clean("POL.1.2", "", &body("dots"))),
        ("other.md", &clean("POL/1.3", "", &body("other"))),
    ]);
    f.write("content/site.yaml", format!("{SITE}id_pattern: 'POL[/.][0-9]+[.-][0-9]+'\n"));
    let r = f.check_json();
    let s007 = with_code(&r, "S007");
    let mut files: Vec<&str> = s007.iter().map(|d| d["file"].as_str().unwrap()).collect();
    files.sort();
    assert_eq!(
        files,
        ["content/documents/dots.md", "content/documents/slash-dash.md", "content/documents/slash-dot.md"],
        "{s007:#?}"
    );
    for d in &s007 {
        assert_eq!((d["severity"].as_str(), d["line"].as_u64()), (Some("error"), Some(2)), "at the id");
        assert!(d["message"].as_str().unwrap().contains("documents/pol-1-2/"), "{d}");
    }
    let out = f.build(&[]);
    assert!(out.status.success(), "{}", stderr(&out));
    let page = f.read("out/documents/pol-1-2/index.html");
    assert!(page.contains("This is dots."), "the first id in order keeps the address");
    assert!(f.read("out/documents/pol-1-3/index.html").contains("This is other."));
    let catalogue = f.read("out/catalogue.json");
    assert!(!catalogue.contains("POL/1-2") && !catalogue.contains("POL/1.2\""), "the others are left out");
}

#[test]
fn a_kelvin_sign_cannot_take_over_another_documents_folder() {
    let f = Fixture::new(&[
        ("ey.md", &clean("EY/001/001", "", "## Scope\n\nThe real EY document.\n")),
        ("kelvin.md", &clean("\u{212a}EY/001/001", "", "## Scope\n\nThe Kelvin document.\n")),
    ]);
    let r = f.check_json();
    assert!(with_code(&r, "S004").is_empty(), "the folded id matches the id pattern: {:#}", r["diagnostics"]);
    let out = f.build(&[]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(f.read("out/documents/ey-001-001/index.html").contains("The real EY document."));
    let kelvin = f.read("out/documents/key-001-001/index.html");
    assert!(kelvin.contains("The Kelvin document."));
    let control = select_texts(&kelvin, ".td-control tr");
    assert!(control.contains(&"Unique identifier KEY/001/001".to_string()), "shown in plain letters: {control:?}");
}

#[test]
fn one_id_written_in_another_case_or_with_look_alike_characters_is_s007_on_each_file() {
    let f = Fixture::new(&[
        ("plain.md", &doc("KEY/001/001", "2", "ratified", "", "## Scope\n\nVersion two.\n")),
        ("kelvin.md", &doc("\u{212a}EY/001/001", "1", "superseded", "", "## Scope\n\nVersion one.\n")),
        ("wide.md", &doc("ＫＥＹ/００１/００２", "1", "ratified", "", "## Scope\n\nWide.\n")),
        ("narrow.md", &doc("KEY/001/002", "1", "ratified", "", "## Scope\n\nNarrow.\n")),
        ("upper.md", &doc("POL/001/003", "2", "ratified", "", "## Scope\n\nUpper.\n")),
        ("lower.md", &doc("pol/001/003", "1", "superseded", "", "## Scope\n\nLower.\n")),
        ("alone.md", &doc("pol/001/004", "1", "ratified", "", "## Scope\n\nAlone.\n")),
    ]);
    let r = f.check_json();
    let mut files: Vec<String> =
        with_code(&r, "S007").iter().map(|d| d["file"].as_str().unwrap().to_string()).collect();
    files.sort();
    assert_eq!(
        files,
        [
            "content/documents/kelvin.md",
            "content/documents/lower.md",
            "content/documents/narrow.md",
            "content/documents/plain.md",
            "content/documents/upper.md",
            "content/documents/wide.md"
        ]
    );
    // One id, one version, two files: S005 once, on the copy of the one in force.
    let twins: Vec<_> = with_code(&r, "S005")
        .into_iter()
        .filter(|d| d["message"].as_str().unwrap().contains("version 1 is also in"))
        .filter(|d| d["file"] == "content/documents/wide.md" || d["file"] == "content/documents/narrow.md")
        .collect();
    assert_eq!(twins.len(), 1, "one id: S005 twin {twins:?}");
}
