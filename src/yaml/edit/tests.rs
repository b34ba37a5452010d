use super::*;
use crate::model::Date;

fn date(s: &str) -> Value<'static> {
    Value::Date(Date::parse(s, false).unwrap())
}

const BLOCK: &str = "---
id: CORP/STRAT/003
title: 'Security Management Strategy'   # as on the front sheet
version: \"3\"
status: ratified # set by the group
author:
  name: Daniel Willis
  title: LSMS
ratified:
  by: Procedural Document and Information Leaflet Group
  date: 20/12/2017
review_date: 01/09/2020
public: true
history:
  - version: \"2\"
    date: 2016-03
    description: New Policy
      Template
    review_date: 01/11/2017
  - version: \"3\"
    date: 13/09/2017        # as published
    description: Removal of references
eia:
  stage: 1
---
## Body

status: not front matter
";

fn edited(text: &str, edit: impl FnOnce(&mut Editor)) -> String {
    let mut e = Editor::new(text).unwrap();
    edit(&mut e);
    e.finish().unwrap()
}

/// The lines of `after` that are not in `before`, in order.
fn changed(before: &str, after: &str) -> Vec<String> {
    let old: Vec<&str> = before.lines().collect();
    after.lines().filter(|l| !old.contains(l)).map(String::from).collect()
}

#[test]
fn a_scalar_is_replaced_in_place_keeping_its_comment() {
    let out = edited(BLOCK, |e| e.set("status", &Value::Word("superseded")));
    assert_eq!(out, BLOCK.replace("status: ratified # set", "status: superseded # set"));
}

#[test]
fn maps_are_replaced_whole_and_new_keys_go_in_their_place() {
    let out = edited(BLOCK, |e| {
        e.set_map(
            "ratified",
            &[("by", Value::Text("Board")), ("date", date("2026-03-01")), ("minute", Value::Text("B/26/14"))],
        );
        e.set_map(
            "withdrawn",
            &[("by", Value::Text("Board")), ("date", date("2026-03-01")), ("reason", Value::Text("x"))],
        );
    });
    let expected = BLOCK.replace(
        "ratified:\n  by: Procedural Document and Information Leaflet Group\n  date: 20/12/2017\n",
        "ratified:\n  by: \"Board\"\n  date: 2026-03-01\n  minute: \"B/26/14\"\nwithdrawn:\n  by: \"Board\"\n  date: 2026-03-01\n  reason: \"x\"\n",
    );
    assert_eq!(out, expected);
}

#[test]
fn keys_are_removed_with_their_lines() {
    let out = edited(BLOCK, |e| {
        e.remove("ratified");
        e.remove("review_date");
        e.remove("not_there");
    });
    assert_eq!(out, BLOCK.replace("ratified:\n  by: Procedural Document and Information Leaflet Group\n  date: 20/12/2017\nreview_date: 01/09/2020\n", ""));
}

#[test]
fn history_entries_are_completed_and_added_in_the_list_style() {
    let out = edited(BLOCK, |e| {
        e.set_in("history", 1, "date", &date("2026-03-01")).unwrap();
        e.set_in("history", 1, "review_date", &date("2029-03-01")).unwrap();
        e.set_in("history", 0, "description", &Value::Text("New policy template")).unwrap();
        e.append_item("history", &[("version", Value::Text("4")), ("date", date("2026-04-01"))]).unwrap();
    });
    assert_eq!(
        changed(BLOCK, &out),
        [
            "    description: \"New policy template\"",
            "    date: 2026-03-01        # as published",
            "    review_date: 2029-03-01",
            "  - version: \"4\"",
            "    date: 2026-04-01",
        ]
    );
    assert!(!out.contains("      Template"), "the wrapped line went with its value");
    assert!(out.ends_with("  stage: 1\n---\n## Body\n\nstatus: not front matter\n"));
}

#[test]
fn flow_style_files_get_flow_style_edits() {
    let text = "---\nid: POL/1\nversion: \"2\"\nstatus: draft\nauthor: { name: A, title: B }\nhistory:\n  - { version: \"1\", date: 2025-01-01, description: First }\n  - { version: \"2\", date: 2026-01-01 }\n---\nBody\n";
    let out = edited(text, |e| {
        e.set_map("ratified", &[("by", Value::Text("G")), ("date", date("2026-02-01"))]);
        e.set("review_date", &date("2029-02-01"));
        e.set_in("history", 1, "description", &Value::Text("Second")).unwrap();
        e.set_in("history", 1, "date", &date("2026-02-01")).unwrap();
        e.append_item("history", &[("version", Value::Text("3"))]).unwrap();
    });
    assert_eq!(
        out,
        "---\nid: POL/1\nversion: \"2\"\nstatus: draft\nauthor: { name: A, title: B }\nratified: { by: \"G\", date: 2026-02-01 }\nreview_date: 2029-02-01\nhistory:\n  - { version: \"1\", date: 2025-01-01, description: First }\n  - { version: \"2\", date: 2026-02-01, description: \"Second\" }\n  - { version: \"3\" }\n---\nBody\n"
    );
}

#[test]
fn crlf_files_stay_crlf_and_a_missing_history_is_started() {
    let text = "---\r\nid: POL/1\r\nstatus: draft\r\neia:\r\n    stage: 1\r\n---\r\nBody\r\n";
    let out = edited(text, |e| {
        e.append_item("history", &[("version", Value::Text("1")), ("description", Value::Text("a\nb"))]).unwrap();
        e.set("status", &Value::Word("ratified"));
    });
    assert_eq!(
        out,
        "---\r\nid: POL/1\r\nstatus: ratified\r\nhistory:\r\n    - version: \"1\"\r\n      description: \"a\\nb\"\r\neia:\r\n    stage: 1\r\n---\r\nBody\r\n"
    );
}

#[test]
fn bracketed_lists_and_empty_values() {
    let text = "---\nid: POL/1\nreview_date:\nhistory: [{ version: \"1\", date: 2025-01-01, description: x }]\nreplaces: { id: POL/1, version: \"0.9\" }\n---\n";
    let out = edited(text, |e| {
        e.set("review_date", &date("2030-01-01"));
        e.append_item("history", &[("version", Value::Text("2"))]).unwrap();
        let i = e.find_item("replaces", "id", |s| s == "POL/1").unwrap();
        e.set_in("replaces", i, "version", &Value::Text("1")).unwrap();
    });
    assert_eq!(
        out,
        "---\nid: POL/1\nreview_date: 2030-01-01\nhistory: [{ version: \"1\", date: 2025-01-01, description: x }, { version: \"2\" }]\nreplaces: { id: POL/1, version: \"1\" }\n---\n"
    );
}

#[test]
fn front_matter_it_cannot_edit_is_refused() {
    assert!(Editor::new("no front matter\n").is_err());
    assert!(Editor::new("---\nid: A\n").is_err());
    assert!(Editor::new("---\n{ id: A, status: draft }\n---\n").is_err());
    assert!(Editor::new("---\nid: [unclosed\n---\n").is_err());
}
