//! The one place diagnostics are printed: compiler-style for people, JSON
//! for machines.

use crate::diag::{Diagnostic, Severity, Summary};
use annotate_snippets::{AnnotationKind, Level, Renderer, Snippet};
use std::collections::HashMap;

/// Human output. `sources` maps a file's display path to its text, so the
/// offending line can be shown.
pub fn human(diags: &[Diagnostic], sources: &HashMap<String, String>, summary: &Summary, color: bool) -> String {
    let renderer = if color { Renderer::styled() } else { Renderer::plain() };
    let mut out = String::new();
    for d in diags {
        out.push_str(&renderer.render(&[group(d, sources)]));
        out.push_str("\n\n");
    }
    out.push_str(&summary_line(summary));
    out.push('\n');
    out
}

fn group<'a>(d: &'a Diagnostic, sources: &'a HashMap<String, String>) -> annotate_snippets::Group<'a> {
    let level = match d.severity {
        Severity::Error => Level::ERROR,
        Severity::Warning => Level::WARNING,
        Severity::Note => Level::NOTE,
    };
    let title = level.primary_title(d.message.as_str()).id(d.code.as_str());
    let source_line = d.file.as_ref().and_then(|f| sources.get(f)).and_then(|t| t.lines().nth(d.line as usize - 1));
    let mut g = match (&d.file, source_line) {
        (Some(file), Some(line)) => {
            let start: usize = line.char_indices().nth(d.column as usize - 1).map_or(line.len(), |(i, _)| i);
            let end = if d.width > 0 {
                line[start..].char_indices().nth(d.width as usize).map_or(line.len(), |(i, _)| start + i)
            } else {
                line[start..]
                    .find(|c: char| c.is_whitespace() || c == ',' || c == ')')
                    .map_or(line.len(), |e| start + e.max(1))
            };
            let end = end.max(start).min(line.len());
            title.element(
                Snippet::source(line)
                    .line_start(d.line as usize)
                    .path(file.as_str())
                    .annotation(AnnotationKind::Primary.span(start..end)),
            )
        }
        (Some(file), None) => title.element(
            annotate_snippets::Origin::path(file.as_str()).line(d.line as usize).char_column(d.column as usize),
        ),
        _ => annotate_snippets::Group::with_title(title),
    };
    if let Some(help) = &d.help {
        g = g.element(Level::HELP.message(help.as_str()));
    }
    g
}

pub fn summary_line(s: &Summary) -> String {
    let plural = |n: usize, word: &str| format!("{n} {word}{}", if n == 1 { "" } else { "s" });
    format!(
        "{} checked: {}, {}, {}",
        plural(s.documents, "document"),
        plural(s.errors, "error"),
        plural(s.warnings, "warning"),
        plural(s.notes, "note")
    )
}

#[derive(serde::Serialize)]
struct JsonReport<'a> {
    diagnostics: &'a [Diagnostic],
    summary: &'a Summary,
}

pub fn json(diags: &[Diagnostic], summary: &Summary) -> String {
    serde_json::to_string_pretty(&JsonReport { diagnostics: diags, summary }).expect("diagnostics serialise") + "\n"
}
