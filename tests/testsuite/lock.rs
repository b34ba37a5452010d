//! `trustdocs lock`, `ratified.lock`, H006 and H007, and the fingerprint
//! recipe of docs/governance.md.

use crate::common::*;

fn library() -> Fixture {
    let superseded =
        clean("POL/001/001", "", "## Scope\n\nOld text.\n").replace("status: ratified", "status: superseded");
    let current = doc(
        "POL/001/001",
        "2",
        "ratified",
        &format!("{HISTORY}{EIA}").replace("\"1\"", "\"2\""),
        "## Scope\n\nText.\n",
    );
    let draft = doc("POL/001/001", "3", "draft", "", "## Scope\n\nNew text.\n");
    Fixture::new(&[
        ("a-v1.md", &superseded),
        ("a.md", &current),
        ("a-v3.md", &draft),
        ("b.md", &clean("POL/001/002", "", "## Scope\n\nText.\n")),
    ])
}

#[test]
fn a_library_without_a_lock_gets_one_note_and_lock_records_every_ratified_version() {
    let f = library();
    let h007 = with_code(&f.check_json(), "H007");
    assert_eq!(h007.len(), 1, "{h007:?}");
    assert_eq!(
        h007[0]["message"],
        "there is no content/ratified.lock: 3 ratified or superseded versions have no fingerprint"
    );
    let out = f.run(&["lock", "content"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let lock = f.read("content/ratified.lock");
    let entries: Vec<&str> = lock.lines().filter(|l| !l.starts_with('#')).collect();
    assert_eq!(entries.len(), 3, "{lock}");
    assert!(entries[0].starts_with("POL/001/001 1 2025-01-10 ") && entries[0].ends_with(" Policy Group"));
    assert!(entries[1].starts_with("POL/001/001 2 ") && entries[2].starts_with("POL/001/002 1 "), "sorted: {lock}");
    let r = f.check_json();
    assert!(with_code(&r, "H007").is_empty() && with_code(&r, "H006").is_empty(), "{:#}", r["diagnostics"]);
    // Again: nothing to add, nothing changed.
    let again = f.run(&["lock", "content"]);
    assert!(stdout(&again).contains("nothing to record"), "{}", stdout(&again));
    assert_eq!(f.read("content/ratified.lock"), lock);
}

#[test]
fn an_edit_after_locking_is_h006_and_lock_never_changes_an_entry() {
    let f = library();
    f.run(&["lock", "content"]);
    let lock = f.read("content/ratified.lock");
    // What may change after ratification changes nothing...
    let a = f.read("content/documents/a.md");
    f.write(
        "content/documents/a.md",
        a.replace("status: ratified", "status: superseded  ")
            .replace(
                "review_date: 2028-01-10\n",
                "review_date: 2028-01-10\nreview_extension: { to: 2029-01-01, by: Board }\n",
            )
            .replace('\n', "\r\n"),
    );
    assert!(
        with_code(&f.check_json(), "H006").is_empty(),
        "status, review_extension and line endings are not what was ratified"
    );
    // ...anything else is H006, on the version's file, naming the lock's line.
    f.write("content/documents/a.md", a.replace("Text.", "Text, changed."));
    f.write("content/documents/b.md", f.read("content/documents/b.md").replace("title: Test", "title: Best"));
    let h006 = with_code(&f.check_json(), "H006");
    assert_eq!(h006.len(), 2, "{h006:?}");
    assert_eq!(h006[0]["file"], "content/documents/a.md");
    assert_eq!(h006[0]["line"], 5, "at the version");
    assert!(
        h006[0]["message"]
            .as_str()
            .unwrap()
            .contains("content/ratified.lock (line 6, ratified 10 January 2025 by Policy Group)"),
        "{}",
        h006[0]["message"]
    );
    assert!(h006[0]["help"].as_str().unwrap().contains("trustdocs new-version POL/001/001"));
    f.run(&["lock", "content"]);
    assert_eq!(f.read("content/ratified.lock"), lock, "lock never changes an existing entry");
    // A document brought in since has no entry until it is locked: H011 on it alone.
    f.write("content/documents/c.md", clean("POL/001/003", "", "## Scope\n\nText.\n"));
    let h011 = with_code(&f.check_json(), "H011");
    assert_eq!(h011.len(), 1, "{h011:?}");
    assert_eq!(h011[0]["file"], "content/documents/c.md");
    assert!(h011[0]["help"].as_str().unwrap().contains("trustdocs lock content"), "{}", h011[0]["help"]);
}

#[test]
fn a_lock_line_that_is_not_an_entry_is_s006() {
    let f = library();
    f.write("content/ratified.lock", "# mine\nPOL/001/001 1 2025-01-10 not-a-hash Policy Group\n");
    let s006 = with_code(&f.check_json(), "S006");
    assert_eq!(s006.len(), 1, "{s006:?}");
    assert_eq!((s006[0]["file"].as_str().unwrap(), s006[0]["line"].as_u64().unwrap()), ("content/ratified.lock", 2));
}

/// The recipe in docs/governance.md, run with the system's awk and
/// sha256sum, gives the fingerprints trustdocs records, with and without
/// images and attachments, and `trustdocs fingerprint` prints them too.
#[test]
fn the_documented_recipe_recomputes_the_fingerprint() {
    let docs =
        std::fs::read_to_string(std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/governance.md")).unwrap();
    let recipe = docs
        .split("```sh\n")
        .skip(1)
        .map(|b| b.split("```").next().unwrap())
        .find(|b| b.contains("sha256sum"))
        .expect("docs/governance.md has a ```sh block with the recipe");
    let (function, commands) = recipe.split_once("# an entry").expect("the recipe's two commands");
    let command = |marker: &str| commands.lines().skip_while(|l| !l.contains(marker)).nth(1).unwrap().to_string();
    let (text_only, with_files) = (command("without a tag"), command("v2:"));
    let f = library();
    // A byte-order mark, CRLF, trailing spaces, a status, an extension and a withdrawal.
    let awkward = "\u{feff}---\r\nid: POL/001/009   \r\ntitle: Awkward\r\ntype: policy\r\nversion: \"1\"\r\nstatus: ratified # set\r\nreview_extension:\r\n  to: 2029-01-01\r\n\r\n  by: Board\r\ndirectorate: Governance\t\r\nauthor: { name: A, title: B }\r\nratified: { by: Board, date: 2025-01-10 }\r\nreview_date: 2028-01-10\r\n---\r\n## Scope\r\n\r\nstatus: body text  \r\nlast line without a line ending";
    f.write("content/documents/awkward.md", awkward);
    let body = "## Scope\n\n![Site map](../assets/map.png) and [the form](../assets/forms/a%20form.pdf).\n";
    f.write("content/documents/pictures.md", clean("POL/001/010", "", body));
    f.write("content/assets/map.png", b"\x89PNG not really");
    f.write("content/assets/forms/a form.pdf", "%PDF-1.7");
    f.run(&["lock", "content"]);
    let lock = f.read("content/ratified.lock");
    let files = [
        ("awkward.md", "POL/001/009 1 ", ""),
        ("a-v1.md", "POL/001/001 1 ", ""),
        ("b.md", "POL/001/002 1 ", ""),
        ("pictures.md", "POL/001/010 1 ", "'assets/forms/a form.pdf' assets/map.png"),
    ];
    for (file, id, assets) in files {
        let recorded = lock.lines().find(|l| l.starts_with(id)).unwrap().split(' ').nth(3).unwrap();
        let recorded = recorded.strip_prefix("v2:").expect("new entries are format 2");
        let sh = |command: &str| {
            let script = format!(
                "{function}{}",
                command.replace("FILE", &format!("documents/{file}")).replace("ASSETS", assets)
            );
            let out = std::process::Command::new("sh")
                .arg("-c")
                .arg(&script)
                .current_dir(f.path("content"))
                .output()
                .unwrap();
            assert!(out.status.success(), "{}", stderr(&out));
            (stdout(&out).trim().to_string(), script)
        };
        let (v2, script) = sh(&with_files);
        assert_eq!(v2, recorded, "{file}: the recipe\n{script}");
        let text = std::fs::read_to_string(f.path(&format!("content/documents/{file}"))).unwrap();
        let (v1, script) = sh(&text_only);
        assert_eq!(v1, trustdocs::model::Fingerprint::of(&text).to_string(), "{file}: the recipe\n{script}");
        let printed = f.run(&["fingerprint", &format!("content/documents/{file}"), "--manifest"]);
        assert_eq!(printed.status.code(), Some(0), "{}", stderr(&printed));
        assert!(
            stdout(&printed).starts_with(&format!("v2:{recorded}  content/documents/{file}\n")),
            "{}",
            stdout(&printed)
        );
        assert!(stdout(&printed).contains(&format!("{v1}  -\n")), "{}", stdout(&printed));
    }
    // The files a body uses are part of what was ratified.
    f.write("content/assets/map.png", b"\x89PNG another map");
    let h006 = with_code(&f.check_json(), "H006");
    assert_eq!(h006.len(), 1, "{h006:?}");
    assert_eq!(h006[0]["file"], "content/documents/pictures.md");
}

/// Entries written before images and attachments counted (no format tag)
/// stay valid, checked by the text alone.
#[test]
fn untagged_entries_are_checked_by_the_text_alone() {
    let f = library();
    let body = "## Scope\n\n![Site map](../assets/map.png)\n";
    f.write("content/documents/b.md", clean("POL/001/002", "", body));
    f.write("content/assets/map.png", "png");
    f.run(&["lock", "content"]);
    let text = f.read("content/documents/b.md");
    let v1 = trustdocs::model::Fingerprint::of(&text).to_string();
    let lock = f.read("content/ratified.lock");
    let old: String = lock
        .lines()
        .map(|l| match l.starts_with("POL/001/002 1 ") {
            true => l.split(' ').enumerate().map(|(i, w)| if i == 3 { v1.as_str() } else { w }).collect::<Vec<_>>().join(" "),
            false => l.to_string(),
        } + "\n")
        .collect();
    assert_ne!(old, lock);
    f.write("content/ratified.lock", &old);
    assert!(with_code(&f.check_json(), "H006").is_empty());
    f.write("content/documents/b.md", text.replace("Site map", "Site plan"));
    assert_eq!(with_code(&f.check_json(), "H006").len(), 1);
}
