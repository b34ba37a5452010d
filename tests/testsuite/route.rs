//! The way to ratification: consultation (G001, G002, the page's folded
//! table, never in the public copy), the approval route (site.yaml's
//! `approval.routes`, `trustdocs approve`, G003) and the settings behind them.

use crate::common::*;

const ROUTE: &str = "approval:\n  routes:\n    policy: [Policy Group, Quality Committee, Trust Board]\n";
const CONSULTED: &str = "consultation:\n  deadline: 2026-12-18\n  consulted:\n    - { who: Head of Security, group: Estates, method: email, sent: 2026-11-20, response: \"Asked for lone-working devices to be named\", changes: \"Section 6.2 names them\" }\n    - { who: Staff Side, group: JNCC, method: meeting, sent: 2026-11-25 }\n";

/// A version in preparation of `id` (a policy), with a history entry for it.
fn draft(id: &str, version: &str, extra: &str) -> String {
    format!(
        "---\nid: {id}\ntitle: Test Document {id}\ntype: policy\nversion: \"{version}\"\nstatus: draft\ndirectorate: Governance\n\
         author: {{ name: A Author, title: LSMS }}\nhistory:\n  - {{ version: \"{version}\", date: 2026-11-01, description: This issue }}\n\
         {EIA}{extra}---\n## Scope\n\nText.\n"
    )
}

/// A library: `docs`, and site.yaml with `settings` added.
fn library(settings: &str, docs: &[(&str, &str)]) -> Fixture {
    let f = Fixture::new(docs);
    f.write("content/site.yaml", format!("{SITE}{settings}"));
    f
}

fn messages(f: &Fixture, code: &str) -> Vec<String> {
    with_code(&f.check_json(), code).iter().map(|d| d["message"].as_str().unwrap().to_string()).collect()
}

#[test]
fn g001_a_new_document_needs_a_consultation() {
    let f = library("", &[("a.md", &draft("POL/001/001", "1", ""))]);
    let r = f.check_json();
    let g = with_code(&r, "G001");
    assert_eq!(g.len(), 1, "{:#}", r["diagnostics"]);
    assert_eq!(g[0]["severity"], "warning");
    assert!(g[0]["message"].as_str().unwrap().contains("a new document"), "{}", g[0]["message"]);
    assert!(g[0]["help"].as_str().unwrap().contains("consultation: { deadline: <YYYY-MM-DD>, consulted: [ { who:"));
    assert_eq!(g[0]["line"], line_of(&draft("POL/001/001", "1", ""), "status:"));
    let consulted = library("", &[("a.md", &draft("POL/001/001", "1", CONSULTED))]);
    assert!(messages(&consulted, "G001").is_empty());
}

#[test]
fn g001_a_new_major_version_needs_a_consultation() {
    let ratified = clean("POL/001/001", "", "## Scope\n\nText.\n");
    let f = library("", &[("a.md", &ratified), ("a2.md", &draft("POL/001/001", "2", ""))]);
    let g = messages(&f, "G001");
    assert_eq!(g.len(), 1);
    assert!(g[0].contains("version 2, a new major version (the latest ratified is version 1)"), "{g:?}");
    // No one in `consulted` is no consultation either.
    let empty = library(
        "",
        &[("a.md", &ratified), ("a2.md", &draft("POL/001/001", "2", "consultation:\n  deadline: 2026-12-18\n"))],
    );
    assert_eq!(messages(&empty, "G001").len(), 1);
    let consulted = library("", &[("a.md", &ratified), ("a2.md", &draft("POL/001/001", "2", CONSULTED))]);
    assert!(messages(&consulted, "G001").is_empty());
    // A minor version of a type no setting names needs none.
    let minor = library("", &[("a.md", &ratified), ("a2.md", &draft("POL/001/001", "1.1", ""))]);
    assert!(messages(&minor, "G001").is_empty());
}

#[test]
fn g001_a_type_that_site_yaml_names_needs_a_consultation() {
    let ratified = clean("POL/001/001", "", "## Scope\n\nText.\n");
    let settings = "consultation:\n  required_for: [Policy, strategy]\n";
    let f = library(settings, &[("a.md", &ratified), ("a2.md", &draft("POL/001/001", "1.1", ""))]);
    let g = messages(&f, "G001");
    assert_eq!(g.len(), 1);
    assert!(g[0].contains("version 1.1, a policy: site.yaml's consultation.required_for lists `policy`"), "{g:?}");
    let consulted = library(settings, &[("a.md", &ratified), ("a2.md", &draft("POL/001/001", "1.1", CONSULTED))]);
    assert!(messages(&consulted, "G001").is_empty());
    // Ratified versions are not in preparation.
    assert!(messages(&library(settings, &[("a.md", &ratified)]), "G001").is_empty());
}

#[test]
fn g002_a_passed_deadline_wants_every_response_recorded() {
    let late = CONSULTED.replace("2026-12-18", "2026-11-20");
    let text = draft("POL/001/001", "1", &late);
    let r = library("", &[("a.md", &text)]).check_json();
    let g = with_code(&r, "G002");
    assert_eq!(g.len(), 1, "{:#}", r["diagnostics"]);
    assert_eq!(g[0]["line"], line_of(&text, "who: Staff Side"));
    assert_eq!(g[0]["severity"], "warning");
    assert!(g[0]["message"]
        .as_str()
        .unwrap()
        .contains("closed on 20 November 2026 and no response is recorded from Staff Side (JNCC)"));
    assert_eq!(g[0]["help"], "record what they said, or `response: none received`");
    // Before the deadline, nothing; silence recorded, nothing.
    assert!(messages(&library("", &[("a.md", &draft("POL/001/001", "1", CONSULTED))]), "G002").is_empty());
    let silent = late.replace("sent: 2026-11-25 }", "sent: 2026-11-25, response: None Received }");
    assert!(messages(&library("", &[("a.md", &draft("POL/001/001", "1", &silent))]), "G002").is_empty());
}

#[test]
fn consultation_and_approvals_are_typed() {
    let bad = "consultation:\n  deadlne: 2026-12-18\n  consulted:\n    - { group: JNCC }\n    - { who: Staff Side, sent: 31/02/2026 }\napprovals:\n  - { by: Policy Group }\n  - { by: Policy Group, date: 2026-13-01 }\n";
    let text = draft("POL/001/001", "1", bad);
    let r = library("", &[("a.md", &text)]).check_json();
    let s002 = with_code(&r, "S002");
    assert_eq!(s002.len(), 1, "{:#}", r["diagnostics"]);
    assert_eq!(s002[0]["help"], "did you mean `deadline`?");
    let s003: Vec<u64> = with_code(&r, "S003").iter().map(|d| d["line"].as_u64().unwrap()).collect();
    assert_eq!(s003, [line_of(&text, "{ group: JNCC }"), line_of(&text, "- { by: Policy Group }")]);
    let s004: Vec<u64> = with_code(&r, "S004").iter().map(|d| d["line"].as_u64().unwrap()).collect();
    assert_eq!(s004, [line_of(&text, "31/02/2026"), line_of(&text, "2026-13-01")]);
}

#[test]
fn settings_errors_say_how_to_write_the_route() {
    let settings = "consultation:\n  required_for: [polcy]\napproval:\n  routes:\n    policy: []\n    strategy: [Policy Group, Trust Board, policy  group]\n    protocl: [Policy Group]\n";
    let f = library(settings, &[("a.md", &clean("POL/001/001", "", "## Scope\n\nText.\n"))]);
    let r = f.check_json();
    let s006 = with_code(&r, "S006");
    let said: Vec<(String, String)> =
        s006.iter().map(|d| (d["message"].as_str().unwrap().into(), d["help"].as_str().unwrap().into())).collect();
    assert_eq!(said.len(), 4, "{said:#?}");
    assert!(s006.iter().all(|d| d["file"] == "content/site.yaml"));
    assert_eq!(
        said[0],
        (
            "`polcy` in consultation.required_for is not a document type of this site".into(),
            "did you mean `policy`?".into()
        )
    );
    assert_eq!(said[1].0, "the approval route of `policy` names no committee");
    assert!(
        said[1].1.contains("`policy: [Policy Group, Quality Committee]`, the ratifying committee last"),
        "{}",
        said[1].1
    );
    assert_eq!(said[2].0, "the approval route of `strategy` names `policy  group` twice");
    assert_eq!(said[3].0, "`protocl` in approval.routes is not a document type of this site");
    assert!(said[3].1.contains("did you mean `protocol`?"));
}

/// A ratified version 1 and, consulted, a draft of version 2.
fn routed() -> Fixture {
    let ratified = clean("POL/001/001", "", "## Scope\n\nText.\n");
    library(ROUTE, &[("a.md", &ratified), ("a2.md", &draft("POL/001/001", "2", &format!("# the route\n{CONSULTED}")))])
}

fn approve(f: &Fixture, by: &str, date: &str, more: &[&str]) -> std::process::Output {
    let mut args = vec!["approve", "POL/001/001", "content", "--by", by, "--date", date, "--today", "2026-11-23"];
    args.extend_from_slice(more);
    f.run(&args)
}

/// A refusal (exit status 1) that wrote nothing, its message.
fn refused(f: &Fixture, by: &str, date: &str) -> String {
    let before = snapshot(&f.path("content"));
    let out = approve(f, by, date, &[]);
    assert_eq!(out.status.code(), Some(1), "{}{}", stdout(&out), stderr(&out));
    assert_eq!(snapshot(&f.path("content")), before, "a refusal writes nothing");
    stderr(&out)
}

#[test]
fn approve_records_the_route_in_order() {
    let f = routed();
    assert_eq!(messages(&f, "G003").len(), 2, "Policy Group and Quality Committee are not recorded");
    let err = refused(&f, "Quality Committee", "2026-11-12");
    assert!(
        err.contains(
            "Policy Group comes before Quality Committee on the approval route and its approval is not recorded"
        ),
        "{err}"
    );
    assert!(
        err.contains(
            "1. Policy Group (not recorded)\n    2. Quality Committee (not recorded)\n    3. Trust Board (ratifies)"
        ),
        "{err}"
    );
    let err = refused(&f, "Finance Committee", "2026-11-12");
    assert!(err.contains("Finance Committee is not a committee of this document's approval route"), "{err}");
    assert!(err.contains("3. Trust Board (ratifies)"), "{err}");
    let err = refused(&f, "trust board", "2026-11-12");
    assert!(err.contains("use `trustdocs ratify POL/001/001 --by \"Trust Board\" --date <YYYY-MM-DD>`"), "{err}");
    let err = refused(&f, "Policy Group", "2026-11-30");
    assert!(err.contains("--date 2026-11-30 is after today (2026-11-23)"), "{err}");

    let before = snapshot(&f.path("content"));
    let out = approve(&f, "  policy   GROUP ", "12/11/2026", &["--minute", "PG/26/14", "--dry-run"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let text = stdout(&out);
    assert!(
        text.contains("+approvals:\n+  - by: \"Policy Group\"\n+    date: 2026-11-12\n+    minute: \"PG/26/14\"\n"),
        "{text}"
    );
    assert!(text.contains("dry run: nothing was written"), "{text}");
    assert_eq!(snapshot(&f.path("content")), before, "a dry run writes nothing");

    let out = approve(&f, "  policy   GROUP ", "12/11/2026", &["--minute", "PG/26/14"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(stdout(&out).contains("recorded POL/001/001 version 2 (content/documents/a2.md): approved by Policy Group on 12 November 2026 (minute PG/26/14), step 1 of its approval route"), "{}", stdout(&out));
    assert!(stdout(&out)
        .contains("next: Quality Committee's approval: `trustdocs approve POL/001/001 --by \"Quality Committee\""));
    let a2 = f.read("content/documents/a2.md");
    assert!(a2.contains("# the route\nconsultation:"), "the rest of the file is as it was: {a2}");
    assert_eq!(messages(&f, "G003").len(), 1);

    assert!(refused(&f, "Policy Group", "2026-11-13")
        .contains("Policy Group's approval is already recorded (on 12 November 2026)"));
    let err = refused(&f, "Quality Committee", "2026-11-10");
    assert!(err.contains("--date 2026-11-10 is before Policy Group's approval on 12 November 2026"), "{err}");
    assert!(err.contains("1. Policy Group (approved on 12 November 2026)"), "{err}");
    let out = approve(&f, "Quality Committee", "2026-11-20", &[]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(stdout(&out).contains("next: Trust Board ratifies it: `trustdocs ratify POL/001/001 --by \"Trust Board\""));
    let r = f.check_json();
    assert!(with_code(&r, "G003").is_empty(), "{:#}", r["diagnostics"]);
    assert_eq!(r["summary"]["errors"], 0, "{:#}", r["diagnostics"]);
}

#[test]
fn approve_needs_a_route_and_a_version_in_preparation() {
    let ratified = clean("POL/001/001", "", "## Scope\n\nText.\n");
    let f = library(ROUTE, &[("a.md", &ratified)]);
    assert!(refused(&f, "Policy Group", "2026-11-12").contains("POL/001/001 has no version in preparation"));
    let f = library("", &[("a.md", &ratified), ("a2.md", &draft("POL/001/001", "2", CONSULTED))]);
    let err = refused(&f, "Policy Group", "2026-11-12");
    assert!(err.contains("site.yaml gives no approval route for a policy (approval.routes)"), "{err}");
    assert!(messages(&f, "G003").is_empty(), "no route, nothing to record");
}

#[test]
fn g003_when_ratifying_by_a_committee_that_is_not_the_last_step() {
    let f = routed();
    let project =
        trustdocs::Project::load(&f.path("content"), trustdocs::model::Date::from_ymd(2026, 11, 23).unwrap()).unwrap();
    let lib = &project.lib;
    let (index, _) = lib.iter().find(|(_, d)| d.status().is_some_and(|s| s.is_draft())).unwrap();
    let found = |by| trustdocs::check::route::route(lib, index, by);
    assert_eq!(found(None).len(), 2);
    assert_eq!(found(Some(" trust  BOARD")).len(), 2, "the route's last step ratifies");
    let wrong = found(Some("Quality Committee"));
    assert_eq!(wrong.len(), 3);
    assert_eq!(wrong[2].message, "Quality Committee is not the committee that ratifies a policy: Trust Board, the last step of its approval route, is");
    assert!(wrong[2]
        .help
        .as_deref()
        .unwrap()
        .contains("1. Policy Group (not recorded); 2. Quality Committee (not recorded); 3. Trust Board (ratifies)"));
}

/// Version 1 ratified with its consultation and approvals on record; `who`
/// and `minute` as given.
fn on_record(who: &str, response: &str, minute: &str) -> String {
    let extra = format!(
        "public: true\nconsultation:\n  deadline: 2024-12-18\n  consulted:\n    - {{ who: {who}, group: Estates, method: email, sent: 2024-11-20, response: {response}, changes: \"Section 6.2 names them\" }}\n    - {{ who: Staff Side Lead, group: JNCC, method: meeting, sent: 2024-11-25 }}\napprovals:\n  - {{ by: Policy Group, date: 2024-12-20, minute: {minute} }}\n  - {{ by: Quality Committee, date: 2025-01-05 }}\n"
    );
    clean("POL/001/001", &extra, "## Scope\n\nText.\n")
}

#[test]
fn the_page_shows_approvals_and_the_folded_consultation_but_the_public_copy_no_consultation() {
    let text = on_record("Head of Security", "\"Asked for devices to be named\"", "PG/24/14");
    let f = library(ROUTE, &[("a.md", &text)]);
    f.build(&[]);
    let page = f.read("out/documents/pol-001-001/index.html");
    let control = select_texts(&page, ".td-control__table tr");
    let at = |row: &str| control.iter().position(|r| r == row).unwrap_or_else(|| panic!("{row}: {control:#?}"));
    let (pg, qc) = (
        at("Approved by Policy Group on 20 December 2024 (minute PG/24/14)"),
        at("Approved by Quality Committee on 5 January 2025"),
    );
    assert!(pg < qc && qc < at("Ratified by Policy Group on 10 January 2025"), "{control:#?}");
    assert_eq!(
        select_texts(&page, "details.td-consultation > summary"),
        ["Consultation (responses due by 18 December 2024)"]
    );
    let rows = select_texts(&page, "details.td-consultation tbody tr");
    assert_eq!(
        rows,
        [
            "Head of Security Estates email 20 November 2024 Asked for devices to be named Section 6.2 names them",
            "Staff Side Lead JNCC meeting 25 November 2024 No response",
        ]
    );

    f.build(&["--public"]);
    let public = f.read("out/documents/pol-001-001/index.html");
    for private in [
        "td-consultation",
        "Consultation (",
        "Head of Security",
        "Staff Side Lead",
        "Asked for devices",
        "No response",
        "JNCC",
    ] {
        assert!(!public.contains(private), "the public copy shows {private:?}");
    }
    assert!(select_texts(&public, ".td-control__table tr")
        .contains(&"Approved by Policy Group on 20 December 2024 (minute PG/24/14)".to_string()));
}

#[test]
fn hostile_consultation_and_approvals_reach_the_page_and_the_pdf_as_text() {
    let who = "\"<script>alert(1)</script> #set page(width: 1cm)\"";
    let response = "\"] \\\\ #panic(\\\"x\\\") <b>bold</b>\"";
    let minute = "\"#set page(width: 1cm)] \\\\ <script>x</script>\"";
    let f = library(ROUTE, &[("a.md", &on_record(who, response, minute))]);
    f.build_with_pdfs(&[]);
    let page = f.read("out/documents/pol-001-001/index.html");
    assert!(!page.contains("<script>alert") && !page.contains("<b>bold") && !page.contains("<script>x"), "unescaped");
    let rows = select_texts(&page, "details.td-consultation tbody tr");
    assert!(rows[0].starts_with("<script>alert(1)</script> #set page(width: 1cm) Estates"), "{rows:?}");
    assert!(rows[0].contains("] \\ #panic(\"x\") <b>bold</b>"), "{rows:?}");
    let control = select_texts(&page, ".td-control__table tr");
    assert!(
        control.contains(
            &"Approved by Policy Group on 20 December 2024 (minute #set page(width: 1cm)] \\ <script>x</script>)"
                .to_string()
        ),
        "{control:#?}"
    );
    let pdf = f.path("out/documents/pol-001-001/pol-001-001-v1.pdf");
    let out = std::process::Command::new("pdftotext")
        .arg("-raw")
        .arg(&pdf)
        .arg("-")
        .output()
        .expect("pdftotext (poppler-utils)");
    let text: String = String::from_utf8_lossy(&out.stdout).split_whitespace().collect();
    assert!(text.contains("(minute#setpage(width:1cm)]\\<script>x</script>)"), "{text}");
    assert!(text.contains("PolicyGroupon20December2024"), "{text}");
}

#[test]
fn approve_then_ratify_follow_a_two_step_route_and_ratify_refuses_out_of_it() {
    let route = "approval:\n  routes:\n    policy: [Policy Group, Quality Committee]\n";
    let ratified = clean("POL/001/001", "", "## Scope\n\nText.\n");
    let f = library(route, &[("a.md", &ratified), ("a2.md", &draft("POL/001/001", "2", CONSULTED))]);
    f.lock();
    let ratify = |by: &str| {
        f.run(&["ratify", "POL/001/001", "content", "--by", by, "--date", "2026-11-23", "--today", "2026-11-23"])
    };
    let refused_ratify = |by: &str| {
        let before = snapshot(&f.path("content"));
        let out = ratify(by);
        assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
        assert_eq!(snapshot(&f.path("content")), before, "a refusal writes nothing");
        stderr(&out)
    };
    // Out of order: the ratifying committee before the policy group's approval.
    let err = refused_ratify("Quality Committee");
    assert!(err.contains("warning[G003]: no approval by Policy Group is recorded"), "{err}");
    assert!(err.contains("1. Policy Group (not recorded); 2. Quality Committee (ratifies)"), "the route shown: {err}");
    assert!(err.contains("1 finding in content/documents/a2.md blocks ratification"), "{err}");
    let out = f.run(&[
        "approve",
        "POL/001/001",
        "content",
        "--by",
        "Policy Group",
        "--date",
        "2026-11-12",
        "--today",
        "2026-11-23",
    ]);
    assert!(out.status.success(), "{}", stderr(&out));
    // A committee that is not the route's last step does not ratify.
    let err = refused_ratify("Policy Group");
    assert!(err.contains("Policy Group is not the committee that ratifies a policy: Quality Committee, the last step of its approval route, is"), "{err}");
    assert!(err.contains("1. Policy Group (approved on 12 November 2026); 2. Quality Committee (ratifies)"), "{err}");
    let out = ratify("quality committee");
    assert!(out.status.success(), "{}", stderr(&out));
    let a2 = f.read("content/documents/a2.md");
    assert!(a2.contains("status: ratified"), "{a2}");
    assert!(a2.contains("by: \"Quality Committee\""), "as the route spells it: {a2}");
    assert!(
        a2.contains("approvals:\n  - by: \"Policy Group\"\n    date: 2026-11-12\n"),
        "the approval stays on record: {a2}"
    );
    let r = f.check_json();
    assert_eq!(r["summary"]["errors"], 0, "{:#}", r["diagnostics"]);
}
