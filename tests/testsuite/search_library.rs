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
