//! "Did you mean": the likely anchor, id or role, or nothing.

use crate::common::*;

const ROLES: &str = "- id: lsms\n  title: Local Security Management Specialist\n  aliases: [LSMS]\n- id: smd\n  title: Security Management Director\n  aliases: [SMD]\n- id: managers\n  title: Managers\n  aliases: [All Managers, Line Managers]\n";
const GLOSSARY: &str = "- term: CQC\n  definition: Care Quality Commission.\n";

/// POL/002/015 with the sections of the example library's Security
/// Management Policy that a `#lsms-duties` link could be confused with.
fn security_policy() -> String {
    let body = "## Introduction\n\nT.\n\n## Roles and Responsibilities\n\nT.\n\n### Security Management Director (SMD) {role=smd}\n\nT.\n\n### Local Security Management Specialist (LSMS) {role=lsms}\n\nT.\n\n### Managers {role=managers}\n\nT.\n\n## Reporting incidents\n\nT.\n\n## Care Quality Commission inspections\n\nT.\n";
    clean("POL/002/015", "", body).replace("Test Document POL/002/015", "Security Management Policy")
}

/// The help of each diagnostic `code` of a library with `citing` (a body)
/// in POL/002/001 beside the security policy.
fn helps(code: &str, citing: &str) -> Vec<serde_json::Value> {
    let f = Fixture::new(&[("a.md", &clean("POL/002/001", "", citing)), ("policy.md", &security_policy())]);
    f.write("content/roles.yaml", ROLES);
    f.write("content/glossary.yaml", GLOSSARY);
    with_code(&f.check_json(), code).iter().map(|d| d["help"].clone()).collect()
}

#[test]
fn x002_suggests_the_section_whose_words_the_anchor_shares_abbreviations_expanded() {
    let cases = [
        ("doc:POL/002/015#lsms-duties", "did you mean `#local-security-management-specialist-lsms` (2.2 Local Security Management Specialist (LSMS))?"),
        ("doc:POL/002/015#smd", "did you mean `#security-management-director-smd` (2.1 Security Management Director (SMD))?"),
        ("doc:POL/002/015#reporting-an-incident", "did you mean `#reporting-incidents` (3 Reporting incidents)?"),
        ("doc:POL/002/015#cqc-inspection", "did you mean `#care-quality-commission-inspections` (4 Care Quality Commission inspections)?"),
        ("doc:POL/002/015#line-manager-duties", "did you mean `#managers` (2.3 Managers)?"),
        ("doc:POL/002/015#introdution", "did you mean `#introduction` (1 Introduction)?"),
    ];
    for (link, help) in cases {
        assert_eq!(helps("X002", &format!("## S\n\nSee [the section]({link}).\n")), vec![help], "{link}");
    }
}

#[test]
fn x002_suggests_nothing_when_no_section_is_likely() {
    for link in ["doc:POL/002/015#fire-evacuation", "doc:POL/002/015#lone-working-risk-assessment-forms", "#appendix-b"]
    {
        assert_eq!(
            helps("X002", &format!("## S\n\nSee [the section]({link}).\n")),
            vec![serde_json::Value::Null],
            "{link}"
        );
    }
}

#[test]
fn x001_suggests_only_ids_a_slip_away() {
    let cases = [
        ("POL/002/016", Some("did you mean POL/002/015 (Security Management Policy)?")),
        ("POL/002/051", Some("did you mean POL/002/015 (Security Management Policy)?")),
        ("POL/002/15", Some("did you mean POL/002/015 (Security Management Policy)?")),
        ("POL/002/0155", Some("did you mean POL/002/015 (Security Management Policy)?")),
        ("POL/002/012", None),
        ("POL/002/019", None),
        ("POL/002/057", None),
        ("POL/004/037", None),
    ];
    for (id, help) in cases {
        let found = helps("X001", &format!("## S\n\nSee {id} for more.\n"));
        assert_eq!(found, vec![serde_json::json!(help)], "{id}");
    }
}

#[test]
fn p001_says_which_role_a_title_or_alias_belongs_to() {
    let cases = [
        ("line-managers", "\"Line Managers\" is an alias of the role `managers` (Managers): write `{role=managers}`"),
        (
            "security-management-director",
            "\"Security Management Director\" is the title of the role `smd`: write `{role=smd}`",
        ),
        ("lsm", "did you mean `lsms`?"),
        ("estates", "add it to roles.yaml, or use one of: lsms, smd, managers"),
    ];
    for (written, help) in cases {
        let body = format!("## S\n\n### Duties {{role={written}}}\n\nT.\n");
        assert_eq!(helps("P001", &body), vec![help], "{written}");
    }
}
