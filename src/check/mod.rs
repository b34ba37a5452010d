//! Stage 3: checks. Each family is a pure function of the library that
//! returns diagnostics; nothing here prints or writes.

mod schema;

use crate::diag::Diagnostic;
use crate::model::Date;
use crate::resolve::Library;

/// Runs every check over the library.
pub fn run(lib: &Library, today: Date) -> Vec<Diagnostic> {
    let _ = today;
    let mut diags = Vec::new();
    diags.extend(schema::versions(lib));
    diags
}
