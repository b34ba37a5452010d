//! One fixture per check code (X, R, H, Q, P, C): code, document, file, line.
//! Plus a clean library with no diagnostic at all, `--deny warnings`, and the
//! example library's real defects.

use crate::common::*;

/// The severity `docs/checks.md` gives each code these tests use.
fn severity(code: &str) -> &'static str {
    match code {
        "X001" | "X002" | "X006" | "R004" | "H001" | "H003" | "Q001" | "Q002" | "Q003" | "P001" => "error",
        "X003" | "X004" | "X005" | "X007" | "R001" | "R003" | "H002" | "H004" | "H005" | "Q004" | "Q005" | "Q006"
        | "Q007" | "X010" => "warning",
        "C001" | "C002" | "C003" | "C004" | "C005" | "C006" | "C007" => "warning",
        "X008" | "R002" | "P002" => "note",
        _ => panic!("no severity listed here for {code}"),
    }
}

fn expect<S: AsRef<str>>(docs: &[(&str, S)], code: &str, file: &str, lines: &[u64]) {
    let docs: Vec<(&str, &str)> = docs.iter().map(|(f, t)| (*f, t.as_ref())).collect();
    let docs = docs.as_slice();
    let f = Fixture::new(docs);
    let r = f.check_json();
    let found = with_code(&r, code);
    let got: Vec<u64> = found.iter().map(|d| d["line"].as_u64().unwrap()).collect();
    assert_eq!(got, lines, "{code}: {:#}", r["diagnostics"]);
    for d in &found {
        assert_eq!(d["file"], format!("content/documents/{file}"), "{code}");
        assert_eq!(d["severity"], severity(code), "{code}");
        assert!(d["document"].is_string(), "{code} names its document");
    }
}

#[test]
fn clean_library_has_no_diagnostic() {
    let f = Fixture::new(&[
        ("a.md", &clean("POL/001/001", "", "## Scope\n\nSee the Test Document POL/001/002 (POL/001/002) and [its scope](doc:POL/001/002#scope).\n\n### Role {role=lsms}\n\nDoes things.\n")),
        ("b.md", &clean("POL/001/002", "", "## Scope\n\nText.\n")),
    ]);
    assert!(f.run(&["lock", "content"]).status.success(), "a clean library is a locked one");
    let r = f.check_json();
    assert_eq!(r["diagnostics"], serde_json::json!([]), "{:#}", r["diagnostics"]);
    assert_eq!(f.run(&["check", "content", "--deny", "warnings", "--today", "2026-11-23"]).status.code(), Some(0));
}

#[test]
fn x001_unknown_id_in_prose_link_and_related_with_suggestion() {
    let body = "## Scope\n\nSee POL/001/009.\n\nAnd [this](doc:POL/001/009).\n";
    let a = clean("POL/001/001", "related: [POL/001/009]\n", body);
    expect(
        &[("a.md", &a), ("b.md", &clean("POL/001/008", "", "## S\n\nT.\n"))],
        "X001",
        "a.md",
        &[line_of(&a, "related:"), line_of(&a, "See POL/001/009."), line_of(&a, "And [this]")],
    );
    let f = Fixture::new(&[("a.md", &a), ("b.md", &clean("POL/001/008", "", "## S\n\nT.\n"))]);
    let help = with_code(&f.check_json(), "X001")[0]["help"].as_str().unwrap().to_string();
    assert!(help.contains("POL/001/008 (Test Document POL/001/008)"), "{help}");
}

#[test]
fn x002_missing_anchor_here_and_in_target() {
    let a = clean("POL/001/001", "", "## Scope\n\n[a](#nowhere) and [b](doc:POL/001/002#missing).\n");
    let line = line_of(&a, "[a](#nowhere)");
    expect(&[("a.md", &a), ("b.md", &clean("POL/001/002", "", "## Scope\n\nT.\n"))], "X002", "a.md", &[line, line]);
}

#[test]
fn x003_superseded_target_names_its_successor() {
    let old = doc("POL/001/002", "1", "superseded", "", "## S\n\nT.\n");
    let new = clean("POL/001/003", "replaces: [{ id: POL/001/002, version: \"1\" }]\n", "## S\n\nT.\n");
    let a = clean("POL/001/001", "", "## S\n\nSee POL/001/002.\n");
    let docs = [("a.md", a.as_str()), ("old.md", old.as_str()), ("new.md", new.as_str())];
    expect(&docs, "X003", "a.md", &[line_of(&a, "See POL/001/002.")]);
    let help = with_code(&Fixture::new(&docs).check_json(), "X003")[0]["help"].as_str().unwrap().to_string();
    assert!(help.contains("POL/001/003"), "{help}");
}

#[test]
fn x004_title_before_the_id_must_match() {
    let a = clean(
        "POL/001/001",
        "",
        "## S\n\nSee the Lone Working Policy (POL/001/002) and the Security Policy (POL/001/002).\n",
    );
    let b = clean("POL/001/002", "", "## S\n\nT.\n").replace("Test Document POL/001/002", "Lone Working Policies");
    expect(&[("a.md", &a), ("b.md", &b)], "X004", "a.md", &[line_of(&a, "See the Lone Working Policy")]);
}

#[test]
fn x005_target_review_date_passed() {
    let a = clean("POL/001/001", "", "## S\n\nSee POL/001/002.\n");
    let b = clean("POL/001/002", "", "## S\n\nT.\n").replace("review_date: 2028-01-10", "review_date: 2026-01-10");
    expect(&[("a.md", &a), ("b.md", &b)], "X005", "a.md", &[line_of(&a, "See POL/001/002.")]);
}

#[test]
fn x006_missing_file_and_image() {
    let a = clean("POL/001/001", "", "## S\n\n![Map](../assets/map.png) and [form](../assets/form.pdf).\n");
    let f = Fixture::new(&[("a.md", &a)]);
    f.write("content/assets/form.pdf", "pdf");
    let r = f.check_json();
    let x006 = with_code(&r, "X006");
    assert_eq!(x006.len(), 1, "{x006:#?}");
    assert_eq!((x006[0]["line"].as_u64(), x006[0]["column"].as_u64()), (Some(line_of(&a, "![Map]")), Some(1)));
}

#[test]
fn x007_public_document_links_to_non_public() {
    let a = clean("POL/001/001", "public: true\n", "## S\n\nSee POL/001/002.\n");
    let line = line_of(&a, "See POL/001/002.");
    expect(&[("a.md", &a), ("b.md", &clean("POL/001/002", "", "## S\n\nT.\n"))], "X007", "a.md", &[line]);
}

#[test]
fn x008_replaced_version_not_in_library() {
    let a = clean("POL/001/001", "replaces: [{ id: POL/001/001, version: \"0.9\" }]\n", "## S\n\nT.\n");
    expect(&[("a.md", &a)], "X008", "a.md", &[line_of(&a, "replaces:")]);
}

#[test]
fn r001_r002_r003_r004_review_dates() {
    let with_review = |date: &str| {
        clean("POL/001/001", "", "## S\n\nT.\n").replace("review_date: 2028-01-10", &format!("review_date: {date}"))
    };
    for (date, code) in [("2026-11-01", "R001"), ("2027-01-01", "R002"), ("2029-01-11", "R003"), ("2024-01-01", "R004")]
    {
        let a = with_review(date);
        expect(&[("a.md", &a)], code, "a.md", &[line_of(&a, "review_date:")]);
    }
    // An extension counts instead of the review date.
    let extended = with_review("2026-11-01").replace(
        "review_date: 2026-11-01\n",
        "review_date: 2026-11-01\nreview_extension: { to: 2027-06-30, by: Policy Group, date: 2026-10-01 }\n",
    );
    expect(&[("a.md", &extended)], "R001", "a.md", &[]);
    // Superseded versions are on record, not in force.
    let old = doc("POL/001/002", "1", "superseded", "", "## S\n\nT.\n")
        .replace("review_date: 2028-01-10", "review_date: 2020-01-01");
    expect(&succeeded(&old), "R001", "a.md", &[]);
}

/// `old` (version 1 of POL/001/002, in a.md) and a clean version 2 that
/// came into force after it, in b.md: the timeline, not the status
/// field, takes a version out of force.
fn succeeded(old: &str) -> [(&'static str, String); 2] {
    let history = "history:\n  - { version: \"2\", date: 2025-06-01, description: Second }\n";
    let new = doc("POL/001/002", "2", "ratified", &format!("{history}{EIA}"), "## S\n\nT.\n")
        .replace("date: 2025-01-10", "date: 2025-06-10");
    [("a.md", old.to_string()), ("b.md", new)]
}

#[test]
fn h001_to_h005_history() {
    let history =
        |entries: &str| doc("POL/001/001", "2", "ratified", &format!("history:\n{entries}{EIA}"), "## S\n\nT.\n");
    let h001 = history("  - { version: \"2\", date: 2025-01-01, description: A }\n  - { version: \"1.9\", date: 2025-02-01, description: B }\n");
    expect(&[("a.md", &h001)], "H001", "a.md", &[line_of(&h001, "version: \"1.9\"")]);
    let h002 = history("  - { version: \"1\", date: 2025-01-01, description: A }\n  - { version: \"2\", date: 2024-02-01, description: B }\n");
    expect(&[("a.md", &h002)], "H002", "a.md", &[line_of(&h002, "date: 2024-02-01")]);
    let h003 = history("  - { version: \"1\", date: 2025-01-01, description: A }\n");
    expect(&[("a.md", &h003)], "H003", "a.md", &[line_of(&h003, "version: \"2\"")]);
    let h004 = history("  - { version: \"2\", date: 2025-01-01, description: A, review_date: 2027-01-01 }\n");
    expect(&[("a.md", &h004)], "H004", "a.md", &[line_of(&h004, "review_date: 2027-01-01")]);
    let h005 = doc("POL/001/001", "1", "ratified", EIA, "## S\n\nT.\n");
    expect(&[("a.md", &h005)], "H005", "a.md", &[line_of(&h005, "status:")]);
}

#[test]
fn q001_to_q005_eia() {
    let q001 = doc("POL/001/001", "1", "ratified", HISTORY, "## S\n\nT.\n");
    expect(&[("a.md", &q001)], "Q001", "a.md", &[line_of(&q001, "status:")]);
    let partial = format!("{HISTORY}eia:\n  stage: 1\n  date: 2025-01-05\n  lead_assessor: E\n  impacts: {{ age: neutral, disability: negative, gender_reassignment: neutral, marriage_and_civil_partnership: neutral, pregnancy_and_maternity: neutral, race: neutral, religion_or_belief: neutral, sex: neutral }}\n");
    let a = doc("POL/001/001", "1", "ratified", &partial, "## S\n\nT.\n");
    expect(&[("a.md", &a)], "Q002", "a.md", &[line_of(&a, "impacts:")]);
    expect(&[("a.md", &a)], "Q003", "a.md", &[line_of(&a, "impacts:")]);
    let late = clean("POL/001/001", "", "## S\n\nT.\n").replace("date: 2025-01-05", "date: 2025-02-05");
    expect(&[("a.md", &late)], "Q004", "a.md", &[line_of(&late, "date: 2025-02-05")]);
    let plan = format!("{HISTORY}{EIA}  action_plan:\n    - {{ action: Easy read version }}\n")
        .replace("age: neutral", "age: negative");
    let q005 = doc("POL/001/001", "1", "ratified", &plan, "## S\n\nT.\n");
    expect(&[("a.md", &q005)], "Q005", "a.md", &[line_of(&q005, "action: Easy read version")]);
}

#[test]
fn q006_action_past_due_and_not_done_in_the_version_in_force() {
    let plan = |status: &str| {
        let eia = format!("{HISTORY}{EIA}  action_plan:\n    - {{ action: Easy read version, lead: Equality Lead, due: 2026-03-31 }}\n    - {{ action: Staff briefing, lead: LSMS, due: 2026-01-31, done: 2026-02-14 }}\n    - {{ action: Audit, lead: LSMS, due: 2027-01-31 }}\n")
            .replace("age: neutral", "age: { impact: negative, comment: Older staff work alone more }");
        doc("POL/001/001", "1", status, &eia, "## S\n\nT.\n")
    };
    expect(&[("a.md", &plan("ratified"))], "Q006", "a.md", &[19]);
    let f = Fixture::new(&[("a.md", &plan("ratified"))]);
    let q006 = &with_code(&f.check_json(), "Q006")[0];
    assert_eq!(
        q006["message"],
        "action \"Easy read version\" (lead: Equality Lead) was due on 31 March 2026 and is not marked done"
    );
    assert!(q006["help"].as_str().unwrap().contains("add `done:` with the date"));
    // On record: not chased.
    let old = plan("superseded").replace("POL/001/001", "POL/001/002");
    expect(&succeeded(&old), "Q006", "a.md", &[]);
    // In preparation: shown, as what the version put to ratify would carry, without blocking it.
    let f = Fixture::new(&[("a.md", &plan("draft"))]);
    let q006 = with_code(&f.check_json(), "Q006");
    assert_eq!(q006.len(), 1, "{q006:?}");
    assert_eq!((&q006[0]["severity"], &q006[0]["blocks_ratification"]), (&"warning".into(), &serde_json::Value::Null));
}

#[test]
fn q007_negative_impact_without_a_comment() {
    let eia = format!(
        "{HISTORY}{EIA}  action_plan:\n    - {{ action: Easy read version, lead: Equality Lead, due: 2027-03-31 }}\n"
    )
    .replace("age: neutral", "age: negative")
    .replace("race: neutral", "race: { impact: negative, comment: Interpreters are not on site at night }")
    .replace("sex: neutral", "sex: { impact: negative }");
    let a = doc("POL/001/001", "1", "ratified", &eia, "## S\n\nT.\n");
    expect(&[("a.md", &a)], "Q007", "a.md", &[17, 17]);
    let f = Fixture::new(&[("a.md", &a)]);
    let messages: Vec<_> = with_code(&f.check_json(), "Q007").iter().map(|d| d["message"].clone()).collect();
    assert_eq!(
        messages,
        vec![
            "negative impact on age without a comment saying what it is",
            "negative impact on sex without a comment saying what it is"
        ]
    );
}

#[test]
fn p001_p002_roles() {
    let a = clean("POL/001/001", "", "## S\n\n### The LSMS {role=lsm}\n\nT.\n");
    expect(&[("a.md", &a)], "P001", "a.md", &[line_of(&a, "### The LSMS")]);
    let a = clean("POL/001/001", "", "## S\n\nT.\n\n### Local Security Management Specialist (LSMS)\n\nT.\n");
    expect(&[("a.md", &a)], "P002", "a.md", &[line_of(&a, "### Local Security")]);
}

#[test]
fn c001_to_c007_content() {
    let mut site = SITE.to_string();
    site.push_str("deprecated_terms:\n  - { term: NHS Protect, advice: Closed in 2017. }\nplaceholders: ['(state in full)', TBC]\n");
    let body = "## S\n\nNHS Protect and nhs protect, not NHS Protection.\n\nThe CIJA Act (state in full) is TBC.\n\n## Empty\n\n## Raw\n\n<b>bold</b>\n\n# Top\n\n## 3 Numbered\n\n![](../assets/x.png)\n";
    let history = "history:\n  - { version: \"1\", date: 2025-01-01, description: First issue }\nreferences_checked: { by: Librarian, date: 2024-12-01 }\n";
    let a = doc("POL/001/001", "1", "ratified", &format!("{history}{EIA}"), body);
    let f = Fixture::new(&[("a.md", &a)]);
    f.write("content/site.yaml", &site);
    f.write("content/assets/x.png", "png");
    let r = f.check_json();
    let lines = |code| with_code(&r, code).iter().map(|d| d["line"].as_u64().unwrap()).collect::<Vec<_>>();
    let at = |marker| line_of(&a, marker);
    assert_eq!(lines("C001"), vec![at("NHS Protect and"), at("NHS Protect and")]);
    assert_eq!(lines("C002"), vec![at("The CIJA Act"), at("The CIJA Act")]);
    assert_eq!(lines("C003"), vec![at("## Empty")]);
    assert_eq!(lines("C004"), vec![at("references_checked:")]);
    assert_eq!(lines("C005"), vec![at("<b>bold</b>")]);
    assert_eq!(lines("C006"), vec![at("# Top"), at("## 3 Numbered")]);
    assert_eq!(lines("C007"), vec![at("![](../assets/x.png)")]);
    assert_eq!(with_code(&r, "C001")[0]["help"], "Closed in 2017.");
}

#[test]
fn deny_warnings_turns_a_warning_into_exit_1() {
    let f = Fixture::new(&[("a.md", &doc("POL/001/001", "1", "ratified", EIA, "## S\n\nT.\n"))]);
    assert_eq!(f.run(&["check", "content", "--today", "2026-11-23"]).status.code(), Some(0));
    assert_eq!(f.run(&["check", "content", "--today", "2026-11-23", "--deny", "warnings"]).status.code(), Some(1));
}

#[test]
fn today_fixes_the_review_checks() {
    let f = Fixture::new(&[("a.md", &clean("POL/001/001", "", "## S\n\nT.\n"))]);
    f.run(&["lock", "content"]);
    let out = f.run(&["check", "content", "--format", "json", "--today", "2028-02-01"]);
    let r: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(codes(&r), vec!["R001"]);
}

#[test]
fn example_library_real_defects_are_reported() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_trustdocs"))
        .args(["check", "content", "--format", "json", "--today", "2026-11-23"])
        .current_dir(root)
        .output()
        .unwrap();
    let r: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let has = |code: &str, id: &str, needle: &str| {
        with_code(&r, code).iter().any(|d| d["document"] == id && d["message"].as_str().unwrap().contains(needle))
    };
    assert!(has(
        "H002",
        "CORP/STRAT/003",
        "version 3 is dated 13 September 2017, before version 2.1 (13 November 2017)"
    ));
    assert!(has("C002", "CORP/STRAT/001", "(state in full)"));
    assert!(has("C001", "CORP/STRAT/001", "NHS Protect"));
    assert!(has("C001", "POL/002/015", "NHS Protect"));
    for id in ["CORP/STRAT/001", "CORP/STRAT/002", "CORP/STRAT/003", "CORP/STRAT/004", "POL/002/015"] {
        assert!(has("R001", id, "passed"), "R001 for {id}");
    }
    assert_eq!(with_code(&r, "C003").iter().filter(|d| d["document"] == "CORP/STRAT/003").count(), 2);
    assert!(has("X004", "CORP/STRAT/001", "\"Security Policy\" is not the title of POL/002/015"));
    assert!(has("X001", "CORP/STRAT/001", "POL/002/057"));
    for code in ["H006", "H007", "H008", "S005"] {
        assert!(with_code(&r, code).is_empty(), "{code}: the library is locked and its versions stand side by side");
    }
    assert_eq!(out.status.code(), Some(1));
}

#[test]
fn the_eia_example_of_the_governance_guide_passes_the_eia_checks() {
    let guide =
        std::fs::read_to_string(std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/governance.md")).unwrap();
    let block = guide.split("```yaml\neia:\n").nth(1).and_then(|b| b.split("```").next()).expect("an eia example");
    // Ratified after the example's assessment, as in the guide's walk-through.
    let a = doc("POL/001/001", "1", "ratified", &format!("{HISTORY}eia:\n{block}"), "## S\n\nT.\n")
        .replace("date: 2025-01-10 }", "date: 2026-03-01 }");
    let r = Fixture::new(&[("a.md", &a)]).check_json();
    let eia: Vec<String> = codes(&r).into_iter().filter(|c| c.starts_with('Q') || c.starts_with('S')).collect();
    assert!(eia.is_empty(), "{:#}", r["diagnostics"]);
}
