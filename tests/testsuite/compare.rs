//! Comparisons of two versions: the typed `Comparison` on the example
//! library, the comparison page, identical versions, moves and hostile text.

use crate::common::*;
use std::path::Path;
use trustdocs::compare::{BlockChange, Comparison, SectionStatus};

const STRAT: &str = "documents/corp-strat-003-security-management-strategy.md";

/// A copy of the example library with a version 4 of CORP/STRAT/003 that
/// changes one word in section 5.2, deletes a bullet in section 1, adds a
/// row to the consultation table and moves one paragraph from section 5.8
/// to the end of section 5.9; version 3 is marked superseded.
pub fn example_with_new_version() -> Fixture {
    let f = Fixture { tmp: tempfile::tempdir().unwrap() };
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("content");
    copy_tree(&src, &f.path("content"));
    let v3 = std::fs::read_to_string(src.join(STRAT)).unwrap();
    let moved = "There is a task and finish group that meet on a regular basis and control the installation and management of the new system.\n\n";
    let last_of_59 =
        "New staff arrangements will be sought to ensure best operation of the new access control system.\n\n";
    let v4 = v3
        .replace("version: \"3\"\nstatus: ratified", "version: \"4\"\nstatus: ratified")
        .replace("have a collective responsibility", "have a shared responsibility")
        .replace("- Be friendly and welcoming\n", "")
        .replace(
            "| TSSG | Trust Security Strategy Group | |\n",
            "| TSSG | Trust Security Strategy Group | |\n| Mary Aubrey | Director of Governance | |\n",
        )
        .replace(moved, "")
        .replace(last_of_59, &format!("{last_of_59}{moved}"));
    assert_eq!(v4.matches("shared responsibility").count(), 1);
    assert_eq!(v4.matches("task and finish group that meet").count(), 1);
    f.write(&format!("content/{STRAT}"), v3.replace("status: ratified", "status: superseded"));
    f.write(&format!("content/{}", STRAT.replace(".md", "-v4.md")), v4);
    f
}

/// The comparison `trustdocs diff ID` shows: the current version against the one before it.
fn comparison(f: &Fixture, id: &str) -> Comparison {
    let today = trustdocs::model::Date::from_ymd(2026, 11, 23).unwrap();
    trustdocs::Project::load(&f.path("content"), today).unwrap().diff(id, &[]).unwrap()
}

/// The four changes, as the typed comparison and `changes()` list them.
#[test]
fn four_changes_and_nothing_else() {
    let f = example_with_new_version();
    let c = comparison(&f, "CORP/STRAT/003");
    assert_eq!(
        c.changes(),
        vec![
            "1 Behavioural Standards Framework: list item deleted: “Be friendly and welcoming”",
            "5.2 Aims and Objectives: paragraph changed: 1 word replaced",
            "5.8 Security Personnel: paragraph moved here from section 5.7 Purchase of Security Systems",
            "10 Consultation with Staff and Patients: table row inserted: “Mary Aubrey”",
        ]
    );
    assert!(c.facts.is_empty(), "same front matter but version and status: {:?}", c.facts);
    let changed: Vec<(String, String)> = c
        .sections
        .iter()
        .flat_map(|s| &s.blocks)
        .flat_map(|b| &b.words)
        .filter(|w| w.op != trustdocs::compare::Op::Same && !w.text.contains("task and finish"))
        .map(|w| (format!("{:?}", w.op), w.text.clone()))
        .collect();
    assert_eq!(
        changed,
        vec![
            ("Del".to_string(), "Be friendly and welcoming".to_string()),
            ("Del".to_string(), "collective".to_string()),
            ("Ins".to_string(), "shared".to_string()),
        ]
    );
    let moved: Vec<_> =
        c.sections.iter().flat_map(|s| &s.blocks).filter(|b| b.change != BlockChange::Same).map(|b| b.change).collect();
    assert_eq!(
        moved,
        vec![
            BlockChange::Deleted,
            BlockChange::Changed,
            BlockChange::MovedAway,
            BlockChange::MovedHere,
            BlockChange::Changed
        ]
    );
    assert_eq!(c.stats.sections_unchanged, 26);
    assert!(c.sections.iter().filter(|s| s.status == SectionStatus::Unchanged).all(|s| s.blocks.is_empty()));
}

/// The text of the elements `css` selects, without what only screen readers hear.
pub fn shown(html: &str, css: &str) -> Vec<String> {
    select_texts(html, css)
        .into_iter()
        .map(|t| {
            t.replace("[insertion start] ", "")
                .replace(" [insertion end]", "")
                .replace("[deletion start] ", "")
                .replace(" [deletion end]", "")
        })
        .collect()
}

/// The same four changes on the comparison page, and the links to it.
#[test]
fn the_page_shows_the_four_changes_and_links_from_both_versions() {
    let f = example_with_new_version();
    let out = f.build(&[]);
    assert!(out.status.success(), "{}", stderr(&out));
    let page = f.read("out/documents/corp-strat-003/changes-v3-to-v4/index.html");
    assert_eq!(select_texts(&page, "h1"), vec!["Changes from version 3 to version 4"]);
    assert_eq!(shown(&page, ".td-cmp-section del"), vec!["Be friendly and welcoming", "collective"]);
    assert_eq!(shown(&page, ".td-cmp-section ins"), vec!["shared", "Mary Aubrey", "Director of Governance"]);
    assert_eq!(select_texts(&page, ".td-cmp-row--inserted").len(), 1);
    assert_eq!(select_texts(&page, ".td-cmp-block--moved-here").len(), 1);
    assert_eq!(select_texts(&page, ".td-cmp-block--moved-away").len(), 1);
    assert_eq!(
        select_texts(&page, ".td-cmp-section h3"),
        vec![
            "1 Behavioural Standards Framework Changed",
            "5.2 Aims and Objectives Changed",
            "5.7 Purchase of Security Systems Changed",
            "5.8 Security Personnel Changed",
            "10 Consultation with Staff and Patients Changed",
        ]
    );
    let folded: usize = select_texts(&page, ".td-cmp-unchanged summary")
        .iter()
        .map(|s| s.split_whitespace().next().unwrap().parse::<usize>().unwrap())
        .sum();
    assert_eq!(folded, 26, "unchanged sections are folded with their count");
    assert!(page.contains("No document facts changed."));
    assert_eq!(select_texts(&page, ".td-cmp-changes li").len(), 4, "the summary lists the four changes");
    // Linked from the version timeline of version 4 and the superseded banner of version 3.
    let v4 = f.read("out/documents/corp-strat-003/index.html");
    assert!(select_attrs(&v4, ".td-timeline a", "href")
        .contains(&"../../documents/corp-strat-003/changes-v3-to-v4/".to_string()));
    let v3 = f.read("out/documents/corp-strat-003/v3/index.html");
    assert!(select_attrs(&v3, ".td-banner a", "href")
        .contains(&"../../../documents/corp-strat-003/changes-v3-to-v4/".to_string()));
    assert!(select_texts(&v3, ".td-banner").iter().any(|t| t.contains("See what changed in version 4")));
}

pub fn two_versions(old_body: &str, new_body: &str) -> Fixture {
    let history = "history:\n  - { version: \"1\", date: 2024-01-01, description: First issue }\n  - { version: \"2\", date: 2025-01-01, description: Reviewed }\n";
    Fixture::new(&[
        ("a.md", &doc("POL/001/001", "2", "ratified", &format!("{history}{EIA}"), new_body)),
        ("a-v1.md", &doc("POL/001/001", "1", "superseded", "", old_body)),
    ])
}

#[test]
fn identical_versions_say_no_changes_to_the_text() {
    let body = "## Scope\n\nAll staff.\n\n## Duties\n\nManagers assess risks.\n";
    let f = two_versions(body, body);
    assert!(f.build(&[]).status.success());
    let page = f.read("out/documents/pol-001-001/changes-v1-to-v2/index.html");
    assert!(select_texts(&page, ".td-cmp-summary p").iter().any(|t| t == "No changes to the text."), "{page}");
    assert!(select_texts(&page, ".td-cmp-section").is_empty());
    let out = f.run(&["diff", "POL/001/001", "content"]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(stdout(&out).contains("No changes to the text."), "{}", stdout(&out));
    // The history row of version 2 links to what changed in it.
    let v2 = f.read("out/documents/pol-001-001/index.html");
    assert!(select_attrs(&v2, "#td-history ~ div a", "href")
        .contains(&"../../documents/pol-001-001/changes-v1-to-v2/".to_string()));
}

#[test]
fn hostile_text_in_a_changed_paragraph_prints_as_written() {
    let old = "## Scope\n\nStaff report incidents.\n";
    let new = "## Scope\n\nStaff report <script>alert(1)</script> incidents {{ 7*7 }} #import \"x.typ\" $x^2$ \u{1b}[31mRED\u{1b}[0m.\n";
    let f = two_versions(old, new);
    assert!(f.build(&[]).status.success());
    let page = f.read("out/documents/pol-001-001/changes-v1-to-v2/index.html");
    assert!(!page.contains("<script>alert"), "raw markup reached the page");
    assert!(page.contains("&lt;script&gt;alert(1)&lt;&#x2f;script&gt;"));
    let ins = shown(&page, ".td-cmp-section ins").join(" ");
    assert!(ins.contains("{{ 7*7 }}") && !ins.contains("49"), "{ins}");
    assert!(ins.contains("#import \"x.typ\" $x^2$"), "{ins}");
    let out = f.run(&["diff", "POL/001/001", "content"]);
    let text = stdout(&out);
    assert!(!text.contains('\u{1b}'), "a control sequence reached the terminal: {text:?}");
    assert!(text.contains("{+<script>alert(1)</script> +}") || text.contains("<script>alert(1)</script>"), "{text}");
}

#[test]
fn with_drafts_the_version_in_preparation_is_compared_with_the_current_one() {
    let f = Fixture::new(&[
        ("a.md", &doc("POL/001/001", "2", "ratified", &format!("{HISTORY}{EIA}"), "## Scope\n\nAll staff.\n")),
        ("a-v1.md", &doc("POL/001/001", "1", "superseded", "", "## Scope\n\nSome staff.\n")),
        ("a-v3.md", &doc("POL/001/001", "3", "draft", "", "## Scope\n\nAll staff and contractors.\n")),
    ]);
    assert!(f.build(&[]).status.success());
    assert!(!f.path("out/documents/pol-001-001/changes-v2-to-v3").exists(), "no draft without --drafts");
    assert!(f.build(&["--drafts"]).status.success());
    let page = f.read("out/documents/pol-001-001/changes-v2-to-v3/index.html");
    assert!(
        select_texts(&page, ".td-banner").iter().any(|t| t.contains("Version 3 is a draft and not in force")),
        "{page}"
    );
    assert_eq!(shown(&page, ".td-cmp-section ins"), vec!["and contractors"]);
    assert!(f.path("out/documents/pol-001-001/changes-v1-to-v2/index.html").exists());
    // diff's default is the same pair; pack's too.
    let out = f.run(&["diff", "POL/001/001", "content"]);
    assert!(
        stdout(&out).contains("Changes from version 2 (ratified 10 January 2025) to version 3 (draft"),
        "{}",
        stdout(&out)
    );
}

/// Addresses an author wrote reach a comparison page only as text: a
/// changed reference address or body link is shown, never linked, and a
/// refused one (X009) no more than any other.
#[test]
fn addresses_on_a_comparison_page_are_text_never_links() {
    let refs = |url: &str| format!("references:\n  - {{ title: Guide, url: \"{url}\" }}\n");
    let history = "history:\n  - { version: \"1\", date: 2024-01-01, description: First issue }\n  - { version: \"2\", date: 2025-01-01, description: Reviewed }\n";
    let f = Fixture::new(&[
        (
            "a.md",
            &doc(
                "POL/001/001",
                "2",
                "ratified",
                &format!("{history}{EIA}{}", refs("javascript:alert(1)")),
                "## Scope\n\nSee [the form](javascript:alert(2)) now.\n",
            ),
        ),
        (
            "a-v1.md",
            &doc(
                "POL/001/001",
                "1",
                "superseded",
                &refs("https://old.example.org/"),
                "## Scope\n\nSee [the form](https://form.example.org/) now.\n",
            ),
        ),
    ]);
    assert!(f.build(&[]).status.success());
    let page = f.read("out/documents/pol-001-001/changes-v1-to-v2/index.html");
    let hrefs = select_attrs(&page, "a", "href");
    assert!(hrefs.iter().all(|h| !h.contains(':') && !h.contains("example.org")), "{hrefs:?}");
    let facts = select_texts(&page, "table").join(" ");
    assert!(
        facts.contains("Guide <javascript:alert(1)>") && facts.contains("Guide <https://old.example.org/>"),
        "{facts}"
    );
    assert!(shown(&page, ".td-cmp-section").iter().any(|t| t.contains("Formatting or a link changed")), "{page}");
}

/// `serve` re-renders the pages of the versions an edit touched: a
/// comparison page is among them whichever of its two versions was edited.
#[test]
fn an_edit_of_either_version_re_renders_the_comparison() {
    let f = two_versions("## Scope\n\nSome staff.\n", "## Scope\n\nAll staff.\n");
    let today = trustdocs::model::Date::from_ymd(2026, 11, 23).unwrap();
    let checked = trustdocs::Project::load(&f.path("content"), today).unwrap().check();
    let opts = trustdocs::publish::PublishOptions { drafts: false, pdf: false, public: false };
    let theme = trustdocs::theme::Theme::load(&f.path("content")).unwrap();
    let site = checked.site(&opts, &theme).unwrap();
    for version in ["1", "2"] {
        let (edited, _) = checked.lib.iter().find(|(_, d)| d.version().unwrap().as_str() == version).unwrap();
        let pages: Vec<String> = site.document_pages(&|i| i == edited).unwrap().into_iter().map(|p| p.path).collect();
        assert!(
            pages.contains(&"documents/pol-001-001/changes-v1-to-v2/index.html".to_string()),
            "{version}: {pages:?}"
        );
    }
}
