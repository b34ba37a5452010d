//! The comparison on small documents written in Markdown.

use super::*;
use crate::config::Config;
use crate::load::document_from_text;

pub(crate) fn doc(version: &str, front: &str, body: &str) -> Document {
    let text = format!("---\nid: POL/001/001\ntitle: Lone Working\ntype: policy\nversion: \"{version}\"\nstatus: ratified\n{front}---\n{body}");
    document_from_text(format!("v{version}.md"), format!("v{version}.md").into(), text, &Config::default()).0
}

fn run(old: &str, new: &str) -> Comparison {
    compare(&doc("1", "", old), &doc("2", "", new), &[], &[])
}

const BODY: &str = "## Scope\n\nAll staff who work alone.\n\n## Duties\n\n### Managers\n\nManagers assess the risks of lone working every year.\n\nThey keep a record of each assessment.\n\n### Staff\n\nStaff carry a device.\n\n## Monitoring\n\n| Aspect | Method |\n|---|---|\n| Incidents | Datix |\n| Devices | audit |\n";

#[test]
fn identical_versions_have_no_changes() {
    let c = run(BODY, BODY);
    assert!(c.text_unchanged());
    assert!(c.changes().is_empty(), "{:?}", c.changes());
    assert!(c.sections.iter().all(|s| s.blocks.is_empty()), "unchanged sections carry no text");
}

#[test]
fn a_renumbered_section_is_not_a_change() {
    let new = BODY.replace("## Scope\n", "## Introduction\n\nA new opening section of several words.\n\n## Scope\n");
    let c = run(BODY, &new);
    assert_eq!(c.changes(), vec!["1 Introduction: section added"]);
    let monitoring = c.sections.iter().find(|s| s.new.as_ref().is_some_and(|h| h.text == "Monitoring")).unwrap();
    assert_eq!(monitoring.old.as_ref().unwrap().number.as_deref(), Some("3"));
    assert_eq!(monitoring.new.as_ref().unwrap().number.as_deref(), Some("4"));
    assert!(monitoring.is_unchanged());
}

#[test]
fn a_renamed_section_is_matched_by_its_text() {
    let new = BODY.replace("### Managers", "### Line managers");
    let c = run(BODY, &new);
    assert_eq!(c.changes(), vec!["2.1 Line managers: renamed (was “Managers”)"]);
}

#[test]
fn an_explicit_anchor_matches_a_renamed_section_without_shared_text() {
    let old = "## Devices {#kit}\n\nStaff carry a device.\n";
    let new = "## Equipment {#kit}\n\nEveryone is issued a personal alarm.\n";
    let c = run(old, new);
    let s = &c.sections[0];
    assert!(s.renamed && s.old.is_some() && s.new.is_some(), "{:?}", c.changes());
}

#[test]
fn a_moved_section_is_moved_not_removed_and_added() {
    let new = "## Monitoring\n\n| Aspect | Method |\n|---|---|\n| Incidents | Datix |\n| Devices | audit |\n\n"
        .to_string()
        + &BODY[..BODY.find("## Monitoring").unwrap()];
    let c = run(BODY, &new);
    assert_eq!(c.changes(), vec!["1 Monitoring: moved (was section 3 Monitoring)"]);
}

#[test]
fn a_moved_paragraph_is_one_move() {
    let new = BODY
        .replace("They keep a record of each assessment.\n\n", "")
        .replace("Staff carry a device.\n", "Staff carry a device.\n\nThey keep a record of each assessment.\n");
    let c = run(BODY, &new);
    assert_eq!(c.changes(), vec!["2.2 Staff: paragraph moved here from section 2.1 Managers"]);
    let away: Vec<_> =
        c.sections.iter().flat_map(|s| &s.blocks).filter(|b| b.change == BlockChange::MovedAway).collect();
    assert_eq!(away.len(), 1);
    assert_eq!(away[0].moved.as_deref(), Some("section 2.2 Staff"));
}

#[test]
fn a_paragraph_edited_as_it_moved_shows_its_edits() {
    let old = "## A\n\nThe manager reviews every lone working risk assessment once a year with the member of staff.\n\n## B\n\nOther text here.\n";
    let new = "## A\n\n## B\n\nOther text here.\n\nThe manager reviews every lone working risk assessment twice a year with the member of staff.\n";
    let c = run(old, new);
    assert_eq!(c.changes(), vec!["2 B: paragraph moved here from section 1 A (1 word replaced)"]);
}

#[test]
fn one_word_in_a_paragraph_is_one_word() {
    let new = BODY.replace("every year", "every month");
    let c = run(BODY, &new);
    assert_eq!(c.changes(), vec!["2.1 Managers: paragraph changed: 1 word replaced"]);
    assert_eq!((c.stats.words_inserted, c.stats.words_deleted), (1, 1));
}

#[test]
fn tables_are_compared_row_by_row_and_cell_by_cell() {
    let new = BODY
        .replace("| Devices | audit |", "| Devices | quarterly audit |")
        .replace("| Incidents | Datix |\n", "| Incidents | Datix |\n| Training | Records |\n");
    let c = run(BODY, &new);
    assert_eq!(
        c.changes(),
        vec!["3 Monitoring: table row inserted: “Training”", "3 Monitoring: table row changed: 1 word inserted"]
    );
    let t = c.sections.iter().flat_map(|s| &s.blocks).find_map(|b| b.table.as_ref()).unwrap();
    let cell = &t.rows[2].cells[1];
    assert_eq!(
        cell.iter().filter(|s| s.op == Op::Ins).map(|s| s.text.as_str()).collect::<Vec<_>>(),
        vec!["quarterly "]
    );
}

#[test]
fn a_deleted_list_item_is_one_item() {
    let old = "## Kit\n\n- alarm\n- phone\n- torch\n";
    let new = "## Kit\n\n- alarm\n- torch\n";
    assert_eq!(run(old, new).changes(), vec!["1 Kit: list item deleted: “phone”"]);
}

#[test]
fn formatting_and_link_targets_count_as_changes() {
    let old = "## A\n\nSee the [policy](doc:POL/001/002) now.\n";
    let new = "## A\n\nSee the [policy](doc:POL/001/003) now.\n";
    assert_eq!(run(old, new).changes(), vec!["1 A: formatting or a link changed in a paragraph"]);
}

#[test]
fn the_same_link_written_with_other_escapes_is_no_change() {
    let old = "## A\n\nSee [a_b](http://x.org/a_b) now.\n";
    let new = "## A\n\nSee [a\\_b](<http://x.org/a_b>) now.\n";
    assert!(run(old, new).changes().is_empty(), "{:?}", run(old, new).changes());
}

#[test]
fn a_rewritten_document_is_fast_enough_and_whole() {
    let para = |seed: usize| (0..120).map(|w| format!("w{}", (w * 7 + seed) % 97)).collect::<Vec<_>>().join(" ");
    let old: String = (0..40).map(|i| format!("## S{i}\n\n{}\n\n", para(i))).collect();
    let new: String = (0..40).map(|i| format!("## T{i}\n\n{}\n\n", para(i + 1000))).collect();
    let c = run(&old, &new);
    assert!(!c.text_unchanged());
}
