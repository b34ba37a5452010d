//! Stage 3: checks. Each family is a pure function of the library (and the
//! date) that returns diagnostics; nothing here prints or writes.

mod content;
mod eia;
pub mod external;
mod history;
mod lock;
pub mod readiness;
mod refs;
mod review;
mod roles;
pub mod route;
mod schema;
mod suggest;
mod title;

use crate::diag::{Code, Diagnostic};
use crate::model::{Date, Document, Pos};
use crate::resolve::{DocIndex, Library};
use rayon::prelude::*;

/// Runs every check over the library.
pub fn run(lib: &Library, today: Date) -> Vec<Diagnostic> {
    let mut diags = library_wide(lib);
    diags.extend(documents(lib, today, &lib.indices()).into_iter().flat_map(|(_, d)| d));
    diags
}

/// The checks that compare the versions of each id with one another.
pub fn library_wide(lib: &Library) -> Vec<Diagnostic> {
    let mut out = schema::versions(lib);
    out.extend(schema::lookalike_ids(lib));
    out.extend(history::nothing_in_force(lib));
    out.extend(history::effective_dates(lib));
    out.extend(lock::library_wide(lib));
    out
}

/// The checks of each document at `indices`, which may look up the
/// documents it refers to, and for a version in preparation what it would
/// be found to lack once ratified (`readiness`). `serve` re-runs them for
/// the documents an edit can change. `readiness::mark` is still to be
/// applied, to these and to what loading found.
pub fn documents(lib: &Library, today: Date, indices: &[DocIndex]) -> Vec<(DocIndex, Vec<Diagnostic>)> {
    let nominal = readiness::Proposal::nominal(lib);
    let mut out = as_they_are(lib, today, indices);
    for (i, d) in &mut out {
        if readiness::in_preparation(lib, *i) {
            readiness::add_new(d, readiness::as_ratified(lib, *i, today, &nominal));
        }
    }
    out
}

/// The checks of each document at `indices` as it is, a draft as a draft.
fn as_they_are(lib: &Library, today: Date, indices: &[DocIndex]) -> Vec<(DocIndex, Vec<Diagnostic>)> {
    let rules = content::Rules::new();
    let ids = suggest::Ids::new(lib);
    indices
        .par_iter()
        .map(|&i| {
            let doc = lib.doc(i);
            let mut d = Vec::new();
            d.extend(refs::check(&ids, doc, today));
            d.extend(external::credentials(doc));
            d.extend(review::check(lib, i, today));
            d.extend(history::check(lib, i));
            d.extend(lock::check(lib, doc));
            d.extend(eia::check(lib, i, today));
            d.extend(route::unanswered(lib, i, today));
            d.extend(roles::check(lib, doc));
            d.extend(content::check(lib, &rules, doc));
            (i, d)
        })
        .collect()
}

/// A diagnostic about `doc` at `pos`.
fn at(doc: &Document, code: Code, pos: Pos, message: impl Into<String>) -> Diagnostic {
    Diagnostic::new(code, message).in_file(&doc.file.display).at(pos).for_document(doc.id())
}

/// Where to point for a whole-document finding: the status value, else the
/// front matter's first key.
fn doc_pos(doc: &Document) -> Pos {
    doc.meta.status.as_ref().map_or(doc.meta.start, |s| s.pos)
}
