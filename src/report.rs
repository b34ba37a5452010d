//! The one place diagnostics are printed: compiler-style for people, JSON
//! for machines.

use crate::diag::{fold, Diagnostic, Folded, Severity, Summary};
use crate::text::for_terminal;
use annotate_snippets::{AnnotationKind, Level, Renderer, Snippet};
use std::collections::HashMap;

/// How text for a person is drawn: with a terminal's colours and bold, or
/// plain for a file, a pipe or `NO_COLOR`. Only the command line can tell
/// which, so it decides and every formatter is handed the answer.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Style {
    Plain,
    Color,
}

/// Human output. `sources` maps a file's display path to its text, so the
/// offending line can be shown. Text from content files is printed only
/// through `text::for_terminal`. The repeats of one problem in one file are
/// one entry that names every place, with the first place's line shown.
pub fn human(diags: &[Diagnostic], sources: &HashMap<String, String>, summary: &Summary, style: Style) -> String {
    let renderer = match style {
        Style::Color => Renderer::styled(),
        Style::Plain => Renderer::plain(),
    };
    let mut out = String::new();
    // Each file is split into lines once: finding a line by counting from
    // the top for each finding took minutes for a file with 32,000 of them.
    let mut lines: HashMap<&str, Vec<&str>> = HashMap::new();
    for f in fold(diags) {
        let source_line = f.first.file.as_deref().and_then(|file| {
            let text = sources.get(file)?;
            let lines = lines.entry(file).or_insert_with(|| text.lines().collect());
            lines.get((f.first.line as usize).checked_sub(1)?).copied()
        });
        let shown = Shown::of(&f, source_line);
        out.push_str(&renderer.render(&[shown.group(f.first)]));
        out.push_str("\n\n");
    }
    out.push_str(&summary_line(summary));
    out.push('\n');
    out
}

/// A diagnostic's texts as the terminal may show them.
struct Shown {
    message: String,
    help: Option<String>,
    file: Option<String>,
    /// The offending line and the span to mark in it.
    line: Option<(String, std::ops::Range<usize>)>,
}

impl Shown {
    /// `source_line` is the text of the line the finding is on.
    fn of(f: &Folded, source_line: Option<&str>) -> Shown {
        let d = f.first;
        let clean = |t: &str| for_terminal(t).into_owned();
        let mut message = match f.places_text() {
            Some(places) => format!("{} ({places})", clean(&d.message)),
            None => clean(&d.message),
        };
        if d.blocks_ratification {
            message.push_str(" [blocks ratification]");
        }
        Shown {
            message,
            help: d.help.as_deref().map(clean),
            file: d.file.as_deref().map(clean),
            line: source_line.map(|line| marked_line(d, line)),
        }
    }

    fn group(&self, d: &Diagnostic) -> annotate_snippets::Group<'_> {
        let level = match d.severity {
            Severity::Error => Level::ERROR,
            Severity::Warning => Level::WARNING,
            Severity::Note => Level::NOTE,
        };
        let title = level.primary_title(self.message.as_str()).id(d.code.as_str());
        let mut g = match (&self.file, &self.line) {
            (Some(file), Some((line, span))) => title.element(
                Snippet::source(line.as_str())
                    .line_start(d.line as usize)
                    .path(file.as_str())
                    .annotation(AnnotationKind::Primary.span(span.clone())),
            ),
            (Some(file), None) => title.element(
                annotate_snippets::Origin::path(file.as_str()).line(d.line as usize).char_column(d.column as usize),
            ),
            _ => annotate_snippets::Group::with_title(title),
        };
        if let Some(help) = &self.help {
            g = g.element(Level::HELP.message(help.as_str()));
        }
        g
    }
}

/// The line cleaned for the terminal, and the span of the finding in it:
/// each part is cleaned on its own, so the mark stays on the same text.
fn marked_line(d: &Diagnostic, line: &str) -> (String, std::ops::Range<usize>) {
    let start: usize = line.char_indices().nth(d.column as usize - 1).map_or(line.len(), |(i, _)| i);
    let end = if d.width > 0 {
        line[start..].char_indices().nth(d.width as usize).map_or(line.len(), |(i, _)| start + i)
    } else {
        // Up to the next space, without the punctuation that closes the
        // sentence or a bracket around the finding (`POL/002/015.`, `[POL/002/099]`).
        let first = line[start..].chars().next().map_or(0, char::len_utf8);
        let word = line[start..].find(char::is_whitespace).map_or(&line[start..], |e| &line[start..start + e]);
        start + without_closing_punctuation(word).len().max(first)
    };
    let end = end.max(start).min(line.len());
    let (before, marked, after) =
        (for_terminal(&line[..start]), for_terminal(&line[start..end]), for_terminal(&line[end..]));
    let span = before.len()..before.len() + marked.len();
    (format!("{before}{marked}{after}"), span)
}

/// `word` without the punctuation after it: a full stop, a comma, quotes,
/// and a closing bracket that has no opening one in the word.
fn without_closing_punctuation(word: &str) -> &str {
    let mut kept = word;
    while let Some(c) = kept.chars().last() {
        let unbalanced = |open: char| kept.matches(c).count() > kept.matches(open).count();
        let drop = match c {
            '.' | ',' | ';' | ':' | '!' | '?' | '"' | '\'' | '*' | '’' | '”' => true,
            ')' => unbalanced('('),
            ']' => unbalanced('['),
            '}' => unbalanced('{'),
            _ => false,
        };
        if !drop {
            break;
        }
        kept = &kept[..kept.len() - c.len_utf8()];
    }
    kept
}

pub fn summary_line(s: &Summary) -> String {
    let plural = crate::text::count;
    let checked = match s.ids {
        Some(ids) if ids != s.documents => format!("{} ({})", plural(ids, "document"), plural(s.documents, "version")),
        _ => plural(s.documents, "document"),
    };
    let line = format!(
        "{checked} checked: {}, {}, {}",
        plural(s.errors, "error"),
        plural(s.warnings, "warning"),
        plural(s.notes, "note")
    );
    match s.blocks_ratification {
        0 => line,
        n => format!("{line}; {} ratification of a version in preparation", plural_verb(n)),
    }
}

/// "1 finding blocks", "3 findings block".
fn plural_verb(n: usize) -> String {
    match n {
        1 => "1 finding blocks".to_string(),
        n => format!("{n} findings block"),
    }
}

#[derive(serde::Serialize)]
struct JsonReport<'a> {
    diagnostics: &'a [Diagnostic],
    summary: &'a Summary,
}

pub fn json(diags: &[Diagnostic], summary: &Summary) -> String {
    serde_json::to_string_pretty(&JsonReport { diagnostics: diags, summary }).expect("diagnostics serialise") + "\n"
}

#[cfg(test)]
mod tests {
    use super::without_closing_punctuation as trim;

    #[test]
    fn the_underline_stops_before_closing_punctuation() {
        assert_eq!(trim("POL/002/015."), "POL/002/015");
        assert_eq!(trim("POL/002/099]"), "POL/002/099");
        assert_eq!(trim("POL/002/015),"), "POL/002/015");
        assert_eq!(trim("[text](doc:POL/1)."), "[text](doc:POL/1)");
        assert_eq!(trim("(state"), "(state");
    }
}
