//! Readiness: `check DOC`, `pack DOC` and `ratify DOC --dry-run` report the
//! same findings as blocking ratification of a version in preparation, with
//! the same count, on a draft of the example library made by `new-version`.

use crate::common::*;

const ID: &str = "POL/002/015";
const DRAFT: &str = "content/documents/pol-002-015-security-management-policy-v2.md";
const TODAY: &str = "2026-12-07";
const EIA: &str = "eia:\n  stage: 1\n  date: 2026-12-01\n  lead_assessor: Daniel Willis\n  impacts:\n    age: neutral\n    disability: neutral\n    gender_reassignment: neutral\n    marriage_and_civil_partnership: neutral\n    pregnancy_and_maternity: neutral\n    race: neutral\n    religion_or_belief: neutral\n    sex: neutral\n    sexual_orientation: neutral\n";

/// The example library with a new version of the policy in preparation.
fn drafted() -> Fixture {
    let f = Fixture::example();
    let out = f.run(&["new-version", ID, "content", "--today", TODAY]);
    assert!(out.status.success(), "{}", stderr(&out));
    f
}

/// The codes `check DOC` marks as blocking, and the counts that `check`,
/// `pack` and `ratify --dry-run` give: asserted equal.
fn blocking(f: &Fixture) -> Vec<String> {
    let out = f.run(&["check", "content", ID, "--format", "json", "--today", TODAY]);
    let r: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(
        out.status.code(),
        Some(1).filter(|_| r["summary"]["errors"] != 0).or(Some(0)),
        "a draft in progress does not fail check"
    );
    let marked: Vec<&serde_json::Value> =
        r["diagnostics"].as_array().unwrap().iter().filter(|d| d["blocks_ratification"] == true).collect();
    let count = marked.len();
    assert_eq!(r["summary"]["blocks_ratification"], count, "counted apart in the summary");
    let human = stdout(&f.run(&["check", "content", ID, "--today", TODAY]));
    assert_eq!(human.matches("[blocks ratification]").count(), count, "{human}");
    let dry =
        f.run(&["ratify", ID, "content", "--by", "Quality Committee", "--date", TODAY, "--dry-run", "--today", TODAY]);
    let said = stderr(&dry);
    let paper = f.path("paper.pdf");
    let packed = f.run(&["pack", ID, "content", "--out", paper.to_str().unwrap(), "--today", TODAY]);
    assert!(packed.status.success(), "{}", stderr(&packed));
    let text = pdftotext(&paper);
    if count == 0 {
        assert!(dry.status.success(), "{said}");
        assert!(text.contains("Ready to ratify Yes"), "{text}");
    } else {
        assert_eq!(dry.status.code(), Some(1), "{said}");
        let findings = if count == 1 { "1 finding in".to_string() } else { format!("{count} findings in") };
        assert!(said.contains(&findings), "ratify counts {count}: {said}");
        assert_eq!(said.matches("[blocks ratification]").count(), count, "{said}");
        let word = if count == 1 { "finding" } else { "findings" };
        assert!(text.contains(&format!("Ready to ratify No: {count} {word} must be fixed first")), "{text}");
    }
    let mut codes: Vec<String> = marked.iter().map(|d| d["code"].as_str().unwrap().to_string()).collect();
    codes.dedup();
    for d in &marked {
        let code = d["code"].as_str().unwrap();
        assert!(text.contains(&format!("({code})")), "the paper names {code}: {text}");
        assert!(!code.starts_with(['Q', 'R', 'C', 'G']) || d["severity"] == "warning", "a warning on a draft: {d}");
    }
    codes
}

/// Writes the history entry `new-version` left for the author.
fn write_history(f: &Fixture) {
    f.write(DRAFT, f.read(DRAFT).replace("[insert what changed in this version]", "Reviewed; no change of substance"));
}

fn add_eia(f: &Fixture) {
    f.write(DRAFT, f.read(DRAFT).replacen("---\n", &format!("---\n{EIA}"), 1));
}

fn add_consultation(f: &Fixture) {
    f.write(DRAFT, consulted(&f.read(DRAFT)));
}

#[test]
fn a_new_version_lacks_its_eia_consultation_and_history_entry_and_every_command_says_so() {
    let f = drafted();
    assert_eq!(blocking(&f), vec!["Q001", "G001", "C002"]);
}

#[test]
fn q001_alone_when_the_rest_is_done() {
    let f = drafted();
    write_history(&f);
    add_consultation(&f);
    assert_eq!(blocking(&f), vec!["Q001"]);
}

#[test]
fn c002_alone_when_the_rest_is_done_and_nothing_once_it_is_written() {
    let f = drafted();
    add_eia(&f);
    add_consultation(&f);
    assert_eq!(blocking(&f), vec!["C002"]);
    write_history(&f);
    assert_eq!(blocking(&f), Vec::<String>::new());
}

#[test]
fn g001_alone_when_a_new_major_version_was_not_consulted_on() {
    let f = drafted();
    add_eia(&f);
    write_history(&f);
    assert_eq!(blocking(&f), vec!["G001"]);
}

#[test]
fn g003_alone_until_the_route_before_the_ratifying_committee_is_recorded() {
    let f = drafted();
    add_eia(&f);
    add_consultation(&f);
    write_history(&f);
    let site = f.read("content/site.yaml");
    f.write(
        "content/site.yaml",
        format!("{site}\napproval:\n  routes:\n    policy: [Policy Group, Quality Committee]\n"),
    );
    assert_eq!(blocking(&f), vec!["G003"]);
    let approved = f.run(&["approve", ID, "content", "--by", "Policy Group", "--date", "2026-12-01", "--today", TODAY]);
    assert!(approved.status.success(), "{}", stderr(&approved));
    assert_eq!(blocking(&f), Vec::<String>::new());
}

#[test]
fn an_error_in_any_file_keeps_its_severity_on_a_draft_and_blocks_too() {
    let f = drafted();
    add_eia(&f);
    add_consultation(&f);
    write_history(&f);
    f.write(DRAFT, f.read(DRAFT) + "\nSee POL/002/999.\n");
    assert_eq!(blocking(&f), vec!["X001"]);
    let r = f.check_json();
    let x001 = with_code(&r, "X001");
    let x001: Vec<_> = x001.iter().filter(|d| d["file"] == DRAFT).collect();
    assert_eq!((x001.len(), &x001[0]["severity"]), (1, &"error".into()));
}

#[test]
fn the_pack_is_a_committee_paper_dated_the_day_it_is_made_with_the_route_and_the_consultation() {
    let f = drafted();
    let site = f.read("content/site.yaml");
    f.write(
        "content/site.yaml",
        format!("{site}\napproval:\n  routes:\n    policy: [Policy Group, Quality Committee]\n"),
    );
    let consultation = "consultation:\n  deadline: 2026-12-04\n  consulted:\n    - {who: Head of Security, group: Estates, method: email, sent: 2026-11-20, response: \"Asked for lone-working devices to be named\", changes: \"Section 6.2 names them\"}\n    - {who: Staff Side, group: JNCC, method: meeting, sent: 2026-11-25}\n    - {who: \"#set page(width: 1cm) <b>Estates</b>\", method: email, sent: 2026-11-25, response: none received}\n";
    f.write(DRAFT, f.read(DRAFT).replacen("---\n", &format!("---\n{consultation}"), 1));
    let approved = f.run(&[
        "approve",
        ID,
        "content",
        "--by",
        "Policy Group",
        "--date",
        "2026-12-02",
        "--minute",
        "PG/26/14",
        "--today",
        TODAY,
    ]);
    assert!(approved.status.success(), "{}", stderr(&approved));
    let paper = f.path("paper.pdf");
    let out = f.run(&["pack", ID, "content", "--out", paper.to_str().unwrap(), "--today", TODAY]);
    assert!(out.status.success(), "{}", stderr(&out));
    let info = pdfinfo(&paper);
    assert!(info.contains("Tagged:          yes"), "{info}");
    assert!(info.contains("CreationDate:    Mon Dec  7 00:00:00 2026"), "dated the day it is made: {info}");
    let text = pdftotext(&paper);
    for needle in [
        "Paper dated 7 December 2026",
        "For the Quality Committee",
        "Approval route 1. Policy Group: approved on 2 December 2026 (minute PG/26/14); 2. Quality Committee: asked to ratify",
        "Consultation 3 consulted, 1 answered; responses were due by 4 December 2026",
        "2. Consultation",
        "Asked for lone-working devices to be named",
        "Section 6.2 names them",
        "No response recorded",
        "Did not answer: Staff Side; #set page(width: 1cm) <b>Estates</b>.",
        "3. Changes from version 1 to version 2",
        "deleted text is struck through; each changed block is labelled",
    ] {
        assert!(text.contains(needle), "{needle:?} not in the paper:\n{text}");
    }
}
