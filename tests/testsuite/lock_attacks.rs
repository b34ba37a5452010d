//! Attacks on the lock, each as it was found: a file the loader and the
//! fingerprint read differently (S008), an edited version renumbered (H011,
//! H010), an entry that disagrees with its version (H012), a `withdrawn`
//! record on a version in force (S009), a far review extension (R003), and
//! the commands that must refuse while the record is not sound.

use crate::common::*;

const TODAY: &str = "2026-02-02";

/// A ratified version 1 and a draft of version 2 of POL/001/001.
fn with_draft(draft_front_end: &str) -> Fixture {
    let current = clean("POL/001/001", "", "## Scope\n\nText.\n");
    let draft = format!(
        "---\nid: POL/001/001\ntitle: Test Document POL/001/001\ntype: policy\nversion: \"2\"\ndirectorate: Governance\nauthor: {{ name: A Author, title: LSMS }}\n{}{EIA}{CONSULTED}{draft_front_end}---\n## Scope\n\nNew text.\n",
        HISTORY.replace("First issue }", "First issue }\n  - { version: \"2\", date: 2026-01-20, description: Scope widened }")
    );
    let f = Fixture::new(&[("a.md", &current), ("a-v2.md", &draft)]);
    f.lock();
    f
}

fn ratify(f: &Fixture) -> std::process::Output {
    f.run(&["ratify", "POL/001/001", "content", "--by", "Policy Group", "--date", "2026-02-01", "--today", TODAY])
}

/// `ratify` of the draft, changed by `edit`, is refused with S008 and writes nothing.
fn ratify_refused_after(edit: impl Fn(String) -> String) {
    let f = with_draft("status: draft\n");
    f.write("content/documents/a-v2.md", edit(f.read("content/documents/a-v2.md")));
    let before = snapshot(&f.path("content"));
    let out = ratify(&f);
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr(&out).contains("S008"), "{}", stderr(&out));
    assert_eq!(snapshot(&f.path("content")), before, "nothing written");
}

fn codes(f: &Fixture, code: &str) -> Vec<serde_json::Value> {
    with_code(&f.check_json(), code)
}

#[test]
fn a_lone_cr_in_the_front_matter_is_s008_and_cannot_be_ratified() {
    // YAML reads the CRs as line breaks; the fingerprint would not, and
    // would leave `title` and `public` out with `review_extension`.
    let f = with_draft("status: draft\nreview_extension: ~\rtitle: Lone Working Policy\rpublic: false\n");
    let v2 = f.read("content/documents/a-v2.md").replace("title: Test Document POL/001/001\n", "");
    f.write("content/documents/a-v2.md", v2);
    let s008 = codes(&f, "S008");
    assert_eq!(s008.len(), 1, "{s008:?}");
    assert_eq!(
        (s008[0]["file"].as_str().unwrap(), s008[0]["line"].as_u64().unwrap()),
        ("content/documents/a-v2.md", 19)
    );
    assert!(s008[0]["message"].as_str().unwrap().contains("carriage return"), "{}", s008[0]["message"]);
    let before = snapshot(&f.path("content"));
    let out = ratify(&f);
    assert_eq!(out.status.code(), Some(1), "{}", stdout(&out));
    assert!(stderr(&out).contains("S008"), "{}", stderr(&out));
    assert_eq!(snapshot(&f.path("content")), before, "nothing written");
}

#[test]
fn a_lone_cr_early_in_the_front_matter_stops_every_edit() {
    // The editor counts lines by LF; YAML would put every later key a line off.
    ratify_refused_after(|draft| draft.replace("type: policy\n", "type: policy\r# note\n"));
    // new-version reads the version in force through the same guard.
    let g = Fixture::new(&[(
        "a.md",
        &clean("POL/001/001", "", "## Scope\n\nText.\n").replace("type: policy\n", "type: policy\r"),
    )]);
    g.lock();
    let before = snapshot(&g.path("content"));
    let out = g.run(&["new-version", "POL/001/001", "content", "--today", TODAY]);
    assert_eq!(out.status.code(), Some(1), "{}", stdout(&out));
    assert!(stderr(&out).contains("S008"), "{}", stderr(&out));
    assert_eq!(snapshot(&g.path("content")), before);
}

#[test]
fn a_delimiter_line_with_anything_after_its_hyphens_is_s008() {
    for extra in ["\u{a0}", "\u{0c}", "\u{0b}", "\u{85}", "\u{2028}", "\u{202f}", "\u{2003}", "\u{3000}", " # note"] {
        let text =
            clean("POL/001/001", "", "- listed\n  indented\n").replacen("\n---\n", &format!("\n---{extra}\n"), 1);
        let f = Fixture::new(&[("a.md", &text)]);
        let s008 = codes(&f, "S008");
        assert_eq!(s008.len(), 1, "{extra:?}: {s008:?}");
        assert_eq!(s008[0]["column"], 4, "{extra:?}");
    }
    // A clean delimiter with trailing spaces and tabs is fine.
    let text = clean("POL/001/001", "", "Text.\n").replacen("\n---\n", "\n--- \t\n", 1);
    assert!(codes(&Fixture::new(&[("a.md", &text)]), "S008").is_empty());
}

#[test]
fn an_nbsp_delimiter_draft_cannot_be_ratified() {
    ratify_refused_after(|draft| draft.replace("\n---\n## Scope", "\n---\u{a0}\n## Scope"));
}

/// A ratified version, locked, edited, and given a new number with a
/// history entry to match.
fn renumbered() -> Fixture {
    let text = clean("POL/001/001", "public: true\n", "## Scope\n\nText.\n");
    let f = Fixture::new(&[("a.md", &text)]);
    f.lock();
    let edited = text
        .replace("Text.", "Edited text.")
        .replace("version: \"1\"", "version: \"1.0.1\"")
        .replace("{ version: \"1\",", "{ version: \"1.0.1\",");
    f.write("content/documents/a.md", edited);
    f
}

#[test]
fn renumbering_an_edited_version_is_an_error_not_a_note() {
    let f = renumbered();
    let report = f.check_json();
    let (h011, h010) = (with_code(&report, "H011"), with_code(&report, "H010"));
    assert_eq!(h011.len(), 1, "{:#}", report["diagnostics"]);
    assert_eq!(h011[0]["file"], "content/documents/a.md");
    assert!(h011[0]["help"].as_str().unwrap().contains("only by `trustdocs ratify`"), "{}", h011[0]["help"]);
    assert_eq!(h010.len(), 1, "{:#}", report["diagnostics"]);
    assert_eq!((h010[0]["file"].as_str().unwrap(), h010[0]["line"].as_u64().unwrap()), ("content/ratified.lock", 5));
    assert!(h010[0]["message"].as_str().unwrap().contains("was it renumbered?"), "{}", h010[0]["message"]);
    let deny = f.run(&["check", "content", "--deny", "warnings", "--today", "2026-11-23"]);
    assert_eq!(deny.status.code(), Some(1));
    // The public copy leaves out a version with errors.
    f.build(&["--public"]);
    let public = snapshot(&f.path("out"));
    assert!(public.iter().all(|(_, bytes)| !String::from_utf8_lossy(bytes).contains("Edited text")));
    // `lock` will not record it.
    let lock = f.read("content/ratified.lock");
    let out = f.run(&["lock", "content"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr(&out).contains("POL/001/001 version 1.0.1 (content/documents/a.md)"), "{}", stderr(&out));
    assert_eq!(f.read("content/ratified.lock"), lock);
}

#[test]
fn an_entry_without_a_file_is_h010_unless_its_destruction_is_recorded() {
    let f =
        Fixture::new(&[("a.md", &clean("POL/001/001", "", "Text.\n")), ("b.md", &clean("POL/001/002", "", "Text.\n"))]);
    f.lock();
    std::fs::remove_file(f.path("content/documents/b.md")).unwrap();
    let h010 = codes(&f, "H010");
    assert_eq!(h010.len(), 1, "{h010:?}");
    assert_eq!(h010[0]["document"], "POL/001/002");
    f.write("content/retention.log", "2026-01-05\tPOL/001/002\t1\tkeep\tRecords Manager\tarchive\n");
    assert_eq!(codes(&f, "H010").len(), 1, "keep does not let the file go");
    f.write(
        "content/retention.log",
        "# decisions\n2026-01-05\tPOL/001/002\t1\tdestroy\tRecords Manager\tretention ended\n",
    );
    assert!(codes(&f, "H010").is_empty());
    f.write("content/retention.log", "not a decision\n");
    let s006 = codes(&f, "S006");
    assert_eq!(s006[0]["file"], "content/retention.log");
}

#[test]
fn a_forged_entry_whose_date_or_committee_differs_is_h012() {
    let f = Fixture::new(&[("a.md", &clean("POL/001/001", "", "Text.\n"))]);
    f.lock();
    let lock = f.read("content/ratified.lock");
    f.write(
        "content/ratified.lock",
        lock.replace(" 2025-01-10 ", " 2024-03-03 ").replace("Policy Group", "Trust Board"),
    );
    let h012 = codes(&f, "H012");
    assert_eq!(h012.len(), 1, "{h012:?}");
    assert!(h012[0]["message"].as_str().unwrap().contains("3 March 2024 by Trust Board"), "{}", h012[0]["message"]);
    // Spaces and line breaks in the committee's name are not a difference.
    f.write("content/ratified.lock", &lock);
    let spaced = clean("POL/001/001", "", "Text.\n").replace("by: Policy Group", "by: \"Policy  Group\"");
    f.write("content/documents/a.md", spaced);
    assert!(codes(&f, "H012").is_empty());
}

#[test]
fn a_ratified_version_marked_as_a_draft_and_edited_is_h006() {
    let text = clean("POL/001/001", "", "Text.\n");
    let f = Fixture::new(&[("a.md", &text)]);
    f.lock();
    f.write("content/documents/a.md", text.replace("status: ratified", "status: draft").replace("Text.", "Other."));
    let h006 = codes(&f, "H006");
    assert_eq!(h006.len(), 1);
    assert!(h006[0]["message"].as_str().unwrap().contains("marked as a draft"), "{}", h006[0]["message"]);
}

#[test]
fn withdrawn_on_a_version_in_force_is_s009_and_a_far_extension_is_r003() {
    let withdrawn = "withdrawn: { by: Nobody, date: 2026-01-01, reason: Anything at all FORGED }\n";
    let extension = "review_extension: { to: 2036-01-01, by: Board }\n";
    let f = Fixture::new(&[("a.md", &clean("POL/001/001", &format!("{withdrawn}{extension}"), "Text.\n"))]);
    let report = f.check_json();
    let s009 = with_code(&report, "S009");
    assert_eq!(s009.len(), 1, "{:#}", report["diagnostics"]);
    assert_eq!(s009[0]["line"], 18, "at the withdrawn record");
    let r003 = with_code(&report, "R003");
    assert_eq!(r003.len(), 1, "{:#}", report["diagnostics"]);
    assert!(
        r003[0]["message"].as_str().unwrap().starts_with("extended review date 1 January 2036"),
        "{}",
        r003[0]["message"]
    );
}

#[test]
fn ratify_needs_a_lock_and_a_sound_one() {
    let f = with_draft("status: draft\n");
    std::fs::remove_file(f.path("content/ratified.lock")).unwrap();
    let before = snapshot(&f.path("content"));
    let out = ratify(&f);
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr(&out).contains("run `trustdocs lock content` first"), "{}", stderr(&out));
    assert_eq!(snapshot(&f.path("content")), before);
    f.lock();
    let lock = f.read("content/ratified.lock");
    f.write("content/ratified.lock", format!("{lock}POL/9 1 2025-01-01 nothex Board\n"));
    let before = snapshot(&f.path("content"));
    let out = ratify(&f);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stderr(&out).contains("error[S006]") && stderr(&out).contains("refusing to ratify while"),
        "{}",
        stderr(&out)
    );
    assert_eq!(snapshot(&f.path("content")), before);
    // An entry that has lost its file stops it too.
    f.write("content/ratified.lock", format!("{lock}POL/001/009 1 2025-01-01 {} Board\n", "a".repeat(64)));
    let out = ratify(&f);
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr(&out).contains("H010"), "{}", stderr(&out));
    f.write("content/ratified.lock", &lock);
    let out = ratify(&f);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(f.read("content/ratified.lock").contains("POL/001/001 2 2026-02-01 v2:"));
}

#[test]
fn the_fingerprint_command_refuses_a_file_read_two_ways() {
    let f = Fixture::new(&[("a.md", &clean("POL/001/001", "", "Text.\n").replacen("\n---\n", "\n---\u{a0}\n", 1))]);
    let out = f.run(&["fingerprint", "content/documents/a.md"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr(&out).contains("error[S008]"), "{}", stderr(&out));
    let out = f.run(&["fingerprint", "content/site.yaml"]);
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
}

#[test]
fn a_lock_linked_out_of_the_content_folder_is_not_read() {
    let f = with_draft("status: draft\n");
    let lock = f.read("content/ratified.lock");
    f.write("outside/victim.lock", &lock);
    std::fs::remove_file(f.path("content/ratified.lock")).unwrap();
    std::os::unix::fs::symlink(f.path("outside/victim.lock"), f.path("content/ratified.lock")).unwrap();
    let s006 = codes(&f, "S006");
    assert_eq!(s006.len(), 1, "{s006:?}");
    assert!(s006[0]["message"].as_str().unwrap().contains("leads out of the content folder"), "{}", s006[0]["message"]);
    let out = ratify(&f);
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(f.read("outside/victim.lock"), lock, "the file the link leads to is untouched");
}
