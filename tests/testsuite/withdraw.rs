//! `trustdocs withdraw`: the version in force withdrawn, with who, when and
//! why, after naming the documents that cite it.

use crate::common::*;

fn library() -> Fixture {
    Fixture::new(&[
        ("a.md", &clean("POL/001/001", "# keep this comment\n", "## Scope\n\nText.\n")),
        ("b.md", &clean("POL/001/002", "related: [POL/001/001]\n", "## Scope\n\nSee POL/001/001.\n")),
    ])
}

const ARGS: [&str; 9] = [
    "withdraw",
    "POL/001/001",
    "content",
    "--by",
    "Policy Group",
    "--date",
    "2026-02-01",
    "--reason",
    "Merged into POL/001/002",
];

#[test]
fn withdraw_names_who_cites_it_then_records_the_withdrawal() {
    let f = library();
    f.run(&["lock", "content"]);
    let before = snapshot(&f.path("content"));
    let mut dry = ARGS.to_vec();
    dry.push("--dry-run");
    let out = f.run(&dry);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let text = stdout(&out);
    assert!(text.starts_with("1 document cites POL/001/001; they will point at a withdrawn document"), "{text}");
    assert!(text.contains("  POL/001/002 Test Document POL/001/002 (version 1, ratified), owner A Author (LSMS): content/documents/b.md"), "{text}");
    assert!(text.contains("-status: ratified\n+status: withdrawn\n"), "{text}");
    assert_eq!(snapshot(&f.path("content")), before, "a dry run writes nothing");

    let out = f.run(&ARGS);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let a = f.read("content/documents/a.md");
    assert!(a.contains("status: withdrawn\n"));
    assert!(a.contains("ratified: { by: Policy Group, date: 2025-01-10 }\nwithdrawn: { by: \"Policy Group\", date: 2026-02-01, reason: \"Merged into POL/001/002\" }\n"), "{a}");
    assert!(a.contains("# keep this comment\n"));
    let r = f.check_json();
    assert!(with_code(&r, "H006").is_empty(), "withdrawal does not change what was ratified: {:#}", r["diagnostics"]);
    assert_eq!(with_code(&r, "X003").len(), 2, "b.md cites a withdrawn document twice");
    assert_eq!(r["summary"]["errors"], 0);
    assert!(f.build(&[]).status.success());
    let page = f.read("out/documents/pol-001-001/index.html");
    let banner = select_texts(&page, ".td-banner--withdrawn p");
    assert_eq!(banner[1], "This document was withdrawn on 1 February 2026 by Policy Group: Merged into POL/001/002. It is kept on record only.");
    assert!(select_texts(&page, ".td-control__table tr")
        .contains(&"Withdrawn by Policy Group on 1 February 2026: Merged into POL/001/002".to_string()));
    // Nothing is in force any more: a second withdrawal is refused.
    let again = f.run(&ARGS);
    assert_eq!(again.status.code(), Some(1));
    assert!(
        stderr(&again).contains("POL/001/001 has no version in force (ratified) to withdraw"),
        "{}",
        stderr(&again)
    );
}

#[test]
fn withdraw_needs_a_reason_and_an_id_in_the_library() {
    let f = library();
    let mut args = ARGS.to_vec();
    args[8] = "  ";
    assert_eq!(f.run(&args).status.code(), Some(2));
    let mut args = ARGS.to_vec();
    args[1] = "POL/009/009";
    let out = f.run(&args);
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr(&out).contains("no document in content has the id POL/009/009"));
}

#[test]
fn the_pdf_of_a_withdrawn_version_says_who_withdrew_it_and_why() {
    let f = library();
    assert_eq!(f.run(&ARGS).status.code(), Some(0));
    f.build_with_pdfs(&[]);
    let pdf = f.path("out/documents/pol-001-001/pol-001-001-v1.pdf");
    let out = std::process::Command::new("pdftotext").args(["-f", "1", "-l", "1"]).arg(&pdf).arg("-").output().unwrap();
    let text = stdout(&out).split_whitespace().collect::<Vec<_>>().join(" ");
    assert!(text.contains("Withdrawn by Policy Group on 1 February 2026: Merged into POL/001/002"), "{text}");
}

#[test]
fn a_withdrawn_document_is_listed_nowhere_as_current_but_keeps_its_pages() {
    let f = Fixture::example();
    let withdraw = [
        "withdraw",
        "CORP/STRAT/002",
        "content",
        "--by",
        "Policy Group",
        "--date",
        "2026-11-20",
        "--reason",
        "Replaced by CORP/STRAT/003",
        "--today",
        "2026-12-01",
    ];
    let out = f.run(&withdraw);
    assert!(out.status.success(), "{}", stderr(&out));
    let out = f.build(&[]);
    assert!(out.status.success(), "{}", stderr(&out));
    let pages = pages_of(&f.path("out"));
    let linking: Vec<&str> = pages
        .iter()
        .filter(|(path, html)| {
            !path.starts_with("documents/corp-strat-002/") && html.contains("documents/corp-strat-002")
        })
        .map(|(path, _)| path.as_str())
        .collect();
    // Every page that lists, counts or gives roles to current documents leaves it out.
    assert!(linking.is_empty(), "pages that still link to the withdrawn strategy: {linking:?}");
    for page in ["roles/lsms/index.html", "roles/index.html", "types/strategy/index.html", "index.html"] {
        let (_, html) = pages.iter().find(|(p, _)| p == page).unwrap_or_else(|| panic!("{page} was built"));
        assert!(!html.replace("&#x2f;", "/").contains("CORP/STRAT/002"), "{page} names the withdrawn strategy");
    }
    let own = f.read("out/documents/corp-strat-002/index.html");
    assert!(own.contains("withdrawn on 20 November 2026 by Policy Group"), "its page keeps its banner");
    // Search (the terminal's, as the browser's, one analysis) finds it only when asked.
    let search = |extra: &[&str]| {
        let mut args = vec!["search", "security management strategy", "content", "--json", "--today", "2026-12-01"];
        args.extend_from_slice(extra);
        stdout(&f.run(&args))
    };
    assert!(!search(&[]).contains("CORP/STRAT/002"), "{}", search(&[]));
    assert!(search(&["--status", "withdrawn"]).contains("CORP/STRAT/002"));
}
