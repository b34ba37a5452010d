//! The import's report: for each input what was written and the importer's
//! warnings, then the check's diagnostics of the written documents (printed
//! by the project's one diagnostic renderer, `crate::report`).

use super::blocks::Loc;
use super::{FileReport, Outcome};
use crate::diag::{Diagnostic, Summary};
use serde::Serialize;

#[derive(Serialize)]
struct Json<'a> {
    files: &'a [FileReport],
    notice: &'a Option<String>,
    diagnostics: &'a [Diagnostic],
    summary: &'a Summary,
}

pub fn json(outcome: &Outcome) -> String {
    let j = Json {
        files: &outcome.files,
        notice: &outcome.notice,
        diagnostics: &outcome.diagnostics,
        summary: &outcome.summary,
    };
    serde_json::to_string_pretty(&j).expect("the report serialises") + "\n"
}

pub fn human(outcome: &Outcome, color: bool) -> String {
    let (bold, yellow, red, reset) =
        if color { ("\x1b[1m", "\x1b[33m", "\x1b[31m", "\x1b[0m") } else { ("", "", "", "") };
    let mut out = String::new();
    for f in &outcome.files {
        match (&f.output, &f.error) {
            (_, Some(e)) => out.push_str(&format!("{red}{bold}error{reset}{bold}: {}: {e}{reset}\n", f.input)),
            (Some(o), None) => out.push_str(&format!("{bold}imported{reset} {} → {o}\n", f.input)),
            (None, None) => {}
        }
        for w in &f.warnings {
            let key = w.key.as_deref().map(|k| format!(" [{k}]")).unwrap_or_default();
            out.push_str(&format!("  {yellow}warning{reset}{key}: {}\n", w.message));
            match &w.at {
                Some(Loc::Line { line }) => out.push_str(&format!("    --> {}:{line}\n", f.input)),
                Some(at) => out.push_str(&format!("    --> {} ({at})\n", f.input)),
                None => {}
            }
        }
        if !f.warnings.is_empty() || f.error.is_some() {
            out.push('\n');
        }
    }
    if !outcome.diagnostics.is_empty() || outcome.summary.documents > 0 {
        out.push_str(&format!("{bold}Check of the imported documents{reset}\n\n"));
        out.push_str(&crate::report::human(&outcome.diagnostics, &outcome.sources, &outcome.summary, color));
    }
    if let Some(n) = &outcome.notice {
        out.push_str(&format!("{yellow}note{reset}: {n}\n"));
    }
    let failed = outcome.files.iter().filter(|f| f.error.is_some()).count();
    let warned: usize = outcome.files.iter().map(|f| f.warnings.len()).sum();
    out.push_str(&format!("{} imported, {failed} failed, {warned} import warnings\n", outcome.files.len() - failed));
    out
}
