//! The small library the search tests run on (command line and browser):
//! six documents in `tests/fixtures/search/`, each there for one ranking
//! question (its README.md says which), and filler notes made here.

use crate::common::{clean, Fixture};

/// Enough documents saying "staff" that its postings outgrow a shard and get a file of their own.
const FILLERS: usize = 120;

pub fn library() -> Fixture {
    let f = Fixture::from_folder("search");
    for i in 0..FILLERS {
        let id = format!("POL/003/{i:03}");
        let body = format!("## Notes\n\nStaff read note {i} of the handbook.\n");
        let note = clean(&id, "", &body).replace(&format!("Test Document {id}"), &format!("Handbook Note {i}"));
        f.write(&format!("content/documents/filler/{i}.md"), note);
    }
    f
}

/// The example library of `content/`, copied into a fixture (the command
/// line keeps its index beside the content folder).
pub fn example_library() -> Fixture {
    let f = Fixture::new(&[]);
    crate::common::copy_tree(&std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("content"), &f.path("content"));
    f
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
    ("what should I do if a patient becomes violent", &["POL/002/015"], None),
    ("CCTV retention", &["CORP/STRAT/003", "POL/002/015"], None),
];

/// A question whose first result must show the answer in its snippet: the
/// query, the first result's id, its section, words its snippet shows, and
/// words it must not mark (a common word that would pull the snippet away).
pub type AnswerShown = (&'static str, &'static str, &'static str, &'static [&'static str], &'static [&'static str]);

pub const ANSWERS_SHOWN: &[AnswerShown] = &[
    (
        "what should I do if a patient becomes violent",
        "POL/002/015",
        "3.2 Prevent and Deter",
        &["contact with NHS patients", "conflict resolution training"],
        &["become"],
    ),
    ("CCTV retention", "CORP/STRAT/003", "5.7 Purchase of Security Systems", &["CCTV system", "image retention"], &[]),
];
