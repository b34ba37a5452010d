//! The checks `ratify` runs on the library as it would be once ratified,
//! and the errors they find in the draft, on its lines as they are now.

use super::Change;
use crate::diag::{Code, Diagnostic, Severity};
use crate::lock::Lock;
use crate::model::Date;
use crate::resolve::{DocIndex, Library};

/// The errors of the draft once ratified, on its lines as they are now:
/// the checks of the library with every change made, in memory. The first
/// of `edited` is the draft.
pub(super) fn findings_after(
    project: &crate::Project,
    edited: &[(DocIndex, &Change)],
    lock_text: &str,
    today: Date,
) -> Vec<Diagnostic> {
    let mut lib: Library = project.lib.clone();
    let touched: Vec<&str> = edited.iter().map(|(_, c)| c.display.as_str()).collect();
    let mut diags: Vec<Diagnostic> =
        project.diags.iter().filter(|d| !d.file.as_deref().is_some_and(|f| touched.contains(&f))).cloned().collect();
    for &(index, change) in edited {
        let doc = lib.doc(index);
        let (doc, found) = crate::load::document_from_text(
            doc.file.display.clone(),
            doc.file.path.clone(),
            change.after.clone(),
            &lib.config,
        );
        lib.replace(index, doc);
        diags.extend(found);
    }
    lib.lock = Lock::parse(lock_text.to_string(), lib.lock.display.clone()).0;
    diags.extend(crate::check::run(&lib, today));
    let (draft, change) = edited[0];
    let draft = lib.doc(draft);
    let file = &draft.file.display;
    let mut record: Vec<Diagnostic> = diags
        .iter()
        .filter(|d| matches!(d.code, Code::H010 | Code::H012) && d.file.as_ref() != Some(file))
        .cloned()
        .collect();
    let mut errors: Vec<Diagnostic> =
        diags.into_iter().filter(|d| d.file.as_ref() == Some(file) && d.severity == Severity::Error).collect();
    let lines = LineMap::new(&change.before, &change.after);
    for d in &mut errors {
        let (line, moved) = lines.old_line(d.line);
        d.line = line;
        if moved {
            d.column = 1;
        }
    }
    errors.append(&mut record);
    crate::diag::sort(&mut errors);
    errors.dedup();
    errors
}

/// From the lines of an edited text back to the lines of the file on disk.
struct LineMap {
    ops: Vec<similar::DiffOp>,
}

impl LineMap {
    fn new(before: &str, after: &str) -> LineMap {
        LineMap { ops: similar::TextDiff::from_lines(before, after).ops().to_vec() }
    }

    /// The 1-based line on disk of 1-based line `line` of the edited text,
    /// and whether that line was added or changed by the edit (then it is
    /// the line where the change is).
    fn old_line(&self, line: u32) -> (u32, bool) {
        let n = line.saturating_sub(1) as usize;
        for op in &self.ops {
            let new = op.new_range();
            if new.contains(&n) {
                return match op {
                    similar::DiffOp::Equal { old_index, new_index, .. } => {
                        ((old_index + n - new_index + 1) as u32, false)
                    }
                    // A changed line is where it was; an added one
                    // points at the line before it.
                    similar::DiffOp::Insert { old_index, .. } => ((*old_index).max(1) as u32, true),
                    _ => (op.old_range().start as u32 + 1, true),
                };
            }
        }
        (line, false)
    }
}
