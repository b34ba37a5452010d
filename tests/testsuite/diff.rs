//! `trustdocs diff`: markers without colour, JSON for scripts, and clear
//! refusals (with `pack`'s).

use super::compare::example_with_new_version;
use crate::common::*;

#[test]
fn diff_marks_words_without_colour_and_prints_json_for_scripts() {
    let f = example_with_new_version();
    let out = f.run(&["diff", "CORP/STRAT/003", "3", "4", "content"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let text = stdout(&out);
    assert!(text.contains("[-collective-]{+shared+}"), "{text}");
    assert!(text.contains("  - Be friendly and welcoming"), "{text}");
    assert!(text.contains("  + table row: | Mary Aubrey | Director of Governance |"), "{text}");
    assert!(text.contains("26 sections unchanged."), "{text}");
    assert!(!text.contains('\u{1b}'), "no colour without a terminal");
    // The default pair is the same: version 4 is current, version 3 before it.
    assert_eq!(stdout(&f.run(&["diff", "CORP/STRAT/003", "content"])), text);
    let json: serde_json::Value =
        serde_json::from_slice(&f.run(&["diff", "CORP/STRAT/003", "content", "--format", "json"]).stdout).unwrap();
    assert_eq!(json["from"]["version"], "3");
    assert_eq!(json["to"]["version"], "4");
    assert_eq!(json["stats"]["blocks_moved"], 1);
}

#[test]
fn diff_and_pack_refuse_clearly() {
    let f = example_with_new_version();
    let unknown = f.run(&["diff", "CORP/STRAT/00", "content"]);
    assert_eq!(unknown.status.code(), Some(2));
    assert!(
        stderr(&unknown).contains("no document in content has the id CORP/STRAT/00. Did you mean CORP/STRAT/001?"),
        "{}",
        stderr(&unknown)
    );
    let version = f.run(&["diff", "CORP/STRAT/003", "7", "content"]);
    assert_eq!(version.status.code(), Some(2));
    assert!(
        stderr(&version).contains("CORP/STRAT/003 has no version 7; its versions are 3, 4"),
        "{}",
        stderr(&version)
    );
    let single = f.run(&["diff", "CORP/STRAT/001", "content"]);
    assert_eq!(single.status.code(), Some(1));
    assert!(stderr(&single).contains("one version only"), "{}", stderr(&single));
    let pack = f.run(&["pack", "CORP/STRAT/003", "content", "--today", "2026-11-23"]);
    assert_eq!(pack.status.code(), Some(1));
    let err = stderr(&pack);
    assert!(
        err.contains("CORP/STRAT/003 has no version in preparation")
            && err.contains("trustdocs new-version CORP/STRAT/003"),
        "{err}"
    );
    assert!(std::fs::read_dir(f.tmp.path())
        .unwrap()
        .flatten()
        .all(|e| !e.file_name().to_string_lossy().ends_with(".pdf")));
}
