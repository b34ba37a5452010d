//! `import --review OUT.html`: one page that shows, for each imported
//! document, every front-matter value beside the source line it came from
//! (or how it was inferred), the warnings with their lines, and the source
//! text beside the Markdown written, for a person to check field by field.

use super::origin::Origin;
use super::FileReport;
use crate::text::escape_html;
use std::path::{Path, PathBuf};

/// Writes the page for the inputs `files` (in the order of `reports`).
pub fn write(reports: &[FileReport], files: &[PathBuf], out: &Path) -> crate::Result<()> {
    let mut html = String::from(HEAD);
    for (report, path) in reports.iter().zip(files) {
        document(report, path, &mut html);
    }
    html.push_str("</body></html>\n");
    std::fs::write(out, html).map_err(|e| crate::Error::Usage(format!("cannot write {}: {e}", out.display())))
}

const HEAD: &str = "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>Import review</title>\
<style>body{font-family:sans-serif;margin:1em}table{border-collapse:collapse}td,th{border:1px solid #999;padding:.2em .4em;vertical-align:top;text-align:left}\
pre{white-space:pre-wrap;margin:0}.side{display:flex;gap:1em}.side>pre{flex:1;border:1px solid #ccc;padding:.4em;max-height:40em;overflow:auto}\
.warn{color:#8a4b00}</style></head><body><h1>Import review</h1>\n";

fn esc(s: &str) -> String {
    let mut out = String::new();
    escape_html(s, &mut out);
    out
}

/// One input: its fields beside their sources, its warnings, and the two texts.
fn document(report: &FileReport, path: &Path, html: &mut String) {
    let source = source_lines(path);
    let written = report.markdown.as_deref().unwrap_or("");
    let front = written.strip_prefix("---\n").and_then(|r| r.split("\n---\n").next()).unwrap_or("");
    html.push_str(&format!(
        "<section><h2>{} → {}</h2>\n",
        esc(&report.input),
        esc(report.output.as_deref().or(report.error.as_deref()).unwrap_or(""))
    ));
    html.push_str("<table><tr><th>field</th><th>imported value</th><th>from</th><th>source</th></tr>\n");
    for o in &report.fields {
        html.push_str(&format!(
            "<tr><td>{}</td><td><pre>{}</pre></td><td>{}</td><td><pre>{}</pre></td></tr>\n",
            esc(&o.key),
            esc(&value_of(front, &o.key)),
            esc(&o.from),
            esc(&at(o, &source))
        ));
    }
    html.push_str("</table>\n<ul>\n");
    for w in &report.warnings {
        let key = w.key.as_deref().map(|k| format!("[{k}] ")).unwrap_or_default();
        let line = w.at.and_then(|a| a.line()).and_then(|n| source_line(&source, n)).unwrap_or_default();
        html.push_str(&format!("<li class=\"warn\">{}{} <pre>{}</pre></li>\n", esc(&key), esc(&w.message), esc(&line)));
    }
    html.push_str("</ul>\n<details><summary>Source beside the result</summary><div class=\"side\">");
    html.push_str(&format!(
        "<pre>{}</pre><pre>{}</pre></div></details></section>\n",
        esc(&source.join("\n")),
        esc(written)
    ));
}

/// The source's lines where it has lines (text, PDF); none for Word.
fn source_lines(path: &Path) -> Vec<String> {
    let ext = path.extension().map(|e| e.to_string_lossy().to_ascii_lowercase()).unwrap_or_default();
    let text = match ext.as_str() {
        "txt" | "text" => super::text_file(path).ok(),
        "pdf" => super::pdf::text(path).ok(),
        _ => None,
    };
    text.map(|t| t.lines().map(|l| l.replace('\u{c}', "")).collect()).unwrap_or_default()
}

fn source_line(source: &[String], n: u32) -> Option<String> {
    source.get((n as usize).checked_sub(1)?).map(|l| format!("{n}: {}", l.trim_end()))
}

/// Where a value came from, with the source's line when there is one.
fn at(o: &Origin, source: &[String]) -> String {
    match o.at {
        Some(loc) => loc.line().and_then(|n| source_line(source, n)).unwrap_or_else(|| loc.to_string()),
        None => String::new(),
    }
}

/// The written value of `key` ("ratified.date", "eia") in the front matter:
/// its line's value, or the lines under it.
fn value_of(front: &str, key: &str) -> String {
    let (top, sub) = key.split_once('.').map_or((key, None), |(t, s)| (t, Some(s)));
    let lines: Vec<&str> = front.lines().collect();
    let Some(start) = lines.iter().position(|l| l.strip_prefix(top).is_some_and(|r| r.starts_with(':'))) else {
        return String::new();
    };
    let block: Vec<&str> = std::iter::once(lines[start])
        .chain(lines[start + 1..].iter().take_while(|l| l.starts_with(' ')).copied())
        .collect();
    let after_colon = |l: &str| l.split_once(':').map_or("", |(_, v)| v).trim().to_string();
    match sub {
        Some(s) => block
            .iter()
            .find(|l| l.trim_start().starts_with(&format!("{s}:")))
            .map_or(String::new(), |l| after_colon(l)),
        None if !after_colon(block[0]).is_empty() => after_colon(block[0]),
        None => block[1..].join("\n"),
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn values_by_key() {
        let front = "id: \"A/1\"\nratified:\n  by: \"Board\"\n  date: 2025-01-01\nhistory:\n  - version: \"1\"\n";
        assert_eq!(super::value_of(front, "id"), "\"A/1\"");
        assert_eq!(super::value_of(front, "ratified.date"), "2025-01-01");
        assert_eq!(super::value_of(front, "history"), "  - version: \"1\"");
        assert_eq!(super::value_of(front, "review_date"), "");
    }
}
