//! The small library the search tests run on (command line and browser).
//! Each document is there for one ranking question; see the comments.

use super::common::{clean, doc, Fixture};

/// A clean ratified document with its own title.
fn titled(id: &str, title: &str, extra: &str, body: &str) -> String {
    clean(id, extra, body).replace(&format!("Test Document {id}"), title)
}

/// Enough documents saying "staff" that its postings outgrow a shard and get a file of their own.
const FILLERS: usize = 120;

pub fn library() -> Fixture {
    let f = Fixture::new(&[
        // "lone working" is its title; POL/002/010 only mentions it. Its id is the id queries' target.
        (
            "lone.md",
            &titled(
                "POL/002/057",
                "Lone Working Policy",
                "summary: How staff who work alone stay safe.\n",
                "## Purpose\n\nStaff who work alone check in with a buddy. See the Security Policy (POL/002/010).\n\n### Local Security Management Specialist {role=lsms}\n\nThe LSMS logs every lone working incident.\n",
            ),
        ),
        // The superseded version: its word "pagers" is found only when superseded versions are asked for.
        (
            "lone-v1.md",
            &doc("POL/002/057", "0.9", "superseded", "", "## Old arrangements\n\nLone workers carry pagers.\n")
                .replace("Test Document POL/002/057", "Lone Working Policy"),
        ),
        (
            "security.md",
            &titled(
                "POL/002/010",
                "Security Policy",
                "",
                "## Scope\n\nThis policy covers violence, theft and lone working across the trust.\n",
            ),
        ),
        // "violence" in the title beats "violence" three times in another document's body.
        (
            "violence.md",
            &titled("POL/002/020", "Violence Prevention and Reduction Policy", "", "## Scope\n\nApplies to all wards.\n"),
        ),
        (
            "ward.md",
            &titled(
                "POL/002/021",
                "Ward Safety Procedure",
                "",
                "## Wards\n\nViolence on wards is logged. Trained staff reduce violence. Violence against staff is never acceptable.\n",
            )
            .replace("type: policy", "type: procedure"),
        ),
        // The only document with any form of "report": it says "reported".
        (
            "datix.md",
            &titled(
                "POL/002/030",
                "Datix Incident Procedure",
                "",
                "## Recording\n\nEvery incident is reported on Datix the same day.\n",
            ),
        ),
    ]);
    // Glossary terms are results too: "buddy" is one, and a word of the lone working policy.
    f.write(
        "content/glossary.yaml",
        "- term: Buddy\n  definition: A colleague who checks that a lone worker is safe.\n- term: LSMS\n  definition: Local Security Management Specialist.\n",
    );
    for i in 0..FILLERS {
        let id = format!("POL/003/{i:03}");
        let body = format!("## Notes\n\nStaff read note {i} of the handbook.\n");
        f.write(&format!("content/documents/filler/{i}.md"), titled(&id, &format!("Handbook Note {i}"), "", &body));
    }
    f
}

/// The example library of `content/`, copied into a fixture (the command
/// line keeps its index beside the content folder).
pub fn example_library() -> Fixture {
    let f = Fixture::new(&[]);
    let from = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("content");
    copy_tree(&from, &f.path("content"));
    f
}

fn copy_tree(from: &std::path::Path, to: &std::path::Path) {
    std::fs::create_dir_all(to).unwrap();
    for e in std::fs::read_dir(from).unwrap().flatten() {
        let target = to.join(e.file_name());
        if e.path().is_dir() {
            copy_tree(&e.path(), &target);
        } else {
            std::fs::copy(e.path(), &target).unwrap();
        }
    }
}

/// The questions staff ask of the example library, the pages that answer
/// each (ids, or titles of role pages), and the correction said.
pub const EXAMPLE_QUESTIONS: &[(&str, &[&str], Option<&str>)] = &[
    ("what must a line manager do about violence and aggression", &["POL/002/015", "CORP/STRAT/003", "Managers"], None),
    (
        "who investigates a physical assault on a member of staff",
        &["CORP/STRAT/003", "Local Security Management Specialist"],
        None,
    ),
    ("how do I report a security incident", &["POL/002/015", "CORP/STRAT/003"], None),
    ("violense", &["CORP/STRAT/003", "CORP/STRAT/002", "POL/002/015", "CORP/STRAT/004"], Some("violence")),
    ("lone workign", &["POL/002/015", "CORP/STRAT/003"], Some("lone working")),
];
