//! Comparisons of two versions: the typed `Comparison` on the example
//! library, the comparison page, identical versions, moves and hostile text.

mod common;
use common::*;
use std::path::Path;
use trustdocs::compare::{compare, BlockChange, Comparison, Names, SectionStatus};

const STRAT: &str = "documents/corp-strat-003-security-management-strategy.md";

/// A copy of the example library with a version 4 of CORP/STRAT/003 that
/// changes one word in section 5.2, deletes a bullet in section 1, adds a
/// row to the consultation table and moves one paragraph from section 5.8
/// to the end of section 5.9; version 3 is marked superseded.
fn example_with_new_version() -> Fixture {
    let f = Fixture { tmp: tempfile::tempdir().unwrap() };
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("content");
    copy_dir(&src, &f.path("content"));
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

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for e in std::fs::read_dir(from).unwrap().flatten() {
        let p = e.path();
        if p.is_dir() {
            copy_dir(&p, &to.join(e.file_name()));
        } else {
            std::fs::copy(&p, to.join(e.file_name())).unwrap();
        }
    }
}

fn comparison(f: &Fixture, id: &str) -> Comparison {
    let checked =
        trustdocs::check(&f.path("content"), trustdocs::model::Date::from_ymd(2026, 11, 23).unwrap()).unwrap();
    let lib = &checked.lib;
    let versions: Vec<_> = lib.versions(&trustdocs::model::DocId::new(id)).collect();
    let (old, new) = (versions[versions.len() - 2], versions[versions.len() - 1]);
    let related = |id: &trustdocs::model::DocId| {
        Some(lib.target(id).map_or("(not in this library)".to_string(), |d| d.title().to_string()))
    };
    let role = |r: &str| lib.config.role(r).map(|r| r.title.clone());
    compare(old, new, &Names { related: &related, role: &role })
}

#[test]
fn four_changes_and_nothing_else() {
    let f = example_with_new_version();
    let c = comparison(&f, "CORP/STRAT/003");
    for line in c.changes() {
        println!("{line}");
    }
    assert_eq!(c.changes().len(), 4, "{:#?}", c.changes());
}
