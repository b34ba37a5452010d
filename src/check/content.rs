//! Content: C001–C007.

use super::at;
use crate::diag::{Code, Diagnostic, Pos};
use crate::model::{Document, Status};
use crate::resolve::Library;
use regex::Regex;

pub fn check(lib: &Library, doc: &Document) -> Vec<Diagnostic> {
    let site = &lib.config.site;
    let mut out = Vec::new();
    for term in &site.deprecated_terms {
        for pos in find_words(doc, &term.term) {
            out.push(
                at(doc, Code::C001, pos, format!("\"{}\" is a deprecated term", term.term))
                    .width(term.term.chars().count())
                    .maybe_help(Some(term.advice.clone()).filter(|a| !a.is_empty())),
            );
        }
    }
    if doc.status() == Some(Status::Ratified) {
        for p in &site.placeholders {
            for pos in find_words(doc, p) {
                out.push(
                    at(doc, Code::C002, pos, format!("placeholder text \"{p}\" left in a ratified document"))
                        .width(p.chars().count())
                        .help("replace it with the real text"),
                );
            }
        }
    }
    empty_sections(doc, &mut out);
    if let (Some(checked), Some(history)) = (&doc.meta.references_checked, &doc.meta.history) {
        if let (Some(date), Some(latest)) = (checked.date, history.value.iter().map(|e| e.date.value).max()) {
            if date < latest {
                out.push(
                    at(
                        doc,
                        Code::C004,
                        checked.pos,
                        format!("references were checked on {date}, before the latest amendment ({latest})"),
                    )
                    .help("ask library and knowledge services to check the references again"),
                );
            }
        }
    }
    for &pos in &doc.body.raw_html {
        out.push(
            at(doc, Code::C005, pos, "raw HTML in the body; it is shown as text, not as markup")
                .help("use Markdown instead (tables, lists, emphasis)"),
        );
    }
    headings(lib, doc, &mut out);
    for &pos in &doc.body.images_without_alt {
        out.push(
            at(doc, Code::C007, pos, "image without alt text")
                .help("describe the image: ![Site map of the main entrance](../assets/map.png)"),
        );
    }
    out
}

/// Every whole-word, case-insensitive occurrence of `term` in the file.
fn find_words(doc: &Document, term: &str) -> Vec<Pos> {
    let escaped = regex::escape(term);
    let start = if term.starts_with(|c: char| c.is_alphanumeric()) { r"\b" } else { "" };
    let end = if term.ends_with(|c: char| c.is_alphanumeric()) { r"\b" } else { "" };
    let Ok(re) = Regex::new(&format!("(?i){start}{escaped}{end}")) else {
        return Vec::new();
    };
    let text = &doc.file.text;
    let lines = crate::body::LineIndex::new(text);
    re.find_iter(text).map(|m| lines.pos(text, m.start())).collect()
}

fn empty_sections(doc: &Document, out: &mut Vec<Diagnostic>) {
    for s in &doc.body.sections {
        if s.end == s.block + 1 {
            out.push(
                at(doc, Code::C003, s.pos, format!("section \"{}\" is empty", s.label()))
                    .help("write its content, or remove the heading"),
            );
        }
    }
}

fn headings(lib: &Library, doc: &Document, out: &mut Vec<Diagnostic>) {
    let numbered = Regex::new(r"^\d+(\.\d+)*\.?(\s|$)").expect("valid pattern");
    for s in &doc.body.sections {
        if s.level == 1 {
            out.push(
                at(doc, Code::C006, s.pos, "a `#` heading in the body; the title comes from the front matter")
                    .help("start the body's sections at `##`"),
            );
        } else if lib.config.site.number_sections && numbered.is_match(&s.text) {
            out.push(
                at(doc, Code::C006, s.pos, format!("hand-written section number in \"{}\"", s.text))
                    .help("remove the number: the builder numbers sections (number_sections in site.yaml)"),
            );
        }
    }
}
