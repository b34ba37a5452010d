//! Content: C001–C007.

use super::at;
use crate::diag::{Code, Diagnostic};
use crate::model::{Document, Pos, Status, WatchwordKind};
use crate::resolve::Library;
use regex::Regex;

/// What the content checks compile once per run.
pub struct Rules {
    numbered: Regex,
}

impl Rules {
    pub fn new() -> Rules {
        Rules { numbered: Regex::new(r"^\d+(\.\d+)*\.?(\s|$)").expect("valid pattern") }
    }
}

impl Default for Rules {
    fn default() -> Rules {
        Rules::new()
    }
}

/// C002 looks at ratified versions and C004 at every file; the other
/// content checks only at versions that are or will be in force, never at
/// a superseded or withdrawn one kept on record.
pub fn check(lib: &Library, rules: &Rules, doc: &Document) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    references_checked(doc, &mut out);
    if doc.status() == Some(Status::Ratified) {
        placeholders(lib, doc, &mut out);
    }
    if !is_current_or_in_preparation(doc) {
        return out;
    }
    let terms = &lib.config.watchwords.terms;
    for (pos, (term, advice, _)) in found(doc, WatchwordKind::DeprecatedTerm, terms) {
        out.push(
            at(doc, Code::C001, pos, format!("\"{term}\" is a deprecated term"))
                .width(term.chars().count())
                .maybe_help(Some(advice.clone()).filter(|a| !a.is_empty())),
        );
    }
    empty_sections(doc, &mut out);
    for &pos in &doc.body.raw_html {
        out.push(
            at(doc, Code::C005, pos, "raw HTML in the body; it is shown as text, not as markup")
                .help("use Markdown instead (tables, lists, emphasis)"),
        );
    }
    headings(lib, &rules.numbered, doc, &mut out);
    for &pos in &doc.body.images_without_alt {
        out.push(
            at(doc, Code::C007, pos, "image without alt text")
                .help("describe the image: ![Site map of the main entrance](../assets/map.png)"),
        );
    }
    out
}

/// Whether a version is current, or a draft or consultation version (or of
/// no readable status, checked as far as it goes): not one on record.
pub fn is_current_or_in_preparation(doc: &Document) -> bool {
    doc.status().is_none_or(Status::is_current)
}

/// Where the loader found watchwords of `kind` in `doc`, with each one's entry in `list`.
pub(super) fn found<'a, T>(
    doc: &'a Document,
    kind: WatchwordKind,
    list: &'a [T],
) -> impl Iterator<Item = (Pos, &'a T)> {
    doc.watchwords.iter().filter(move |w| w.kind == kind).filter_map(|w| Some((w.pos, list.get(w.index)?)))
}

/// C002.
fn placeholders(lib: &Library, doc: &Document, out: &mut Vec<Diagnostic>) {
    for (pos, (p, _)) in found(doc, WatchwordKind::Placeholder, &lib.config.watchwords.placeholders) {
        out.push(
            at(doc, Code::C002, pos, format!("placeholder text \"{p}\" left in a ratified document"))
                .width(p.chars().count())
                .help("replace it with the real text"),
        );
    }
}

/// C004.
fn references_checked(doc: &Document, out: &mut Vec<Diagnostic>) {
    let (Some(checked), Some(history)) = (&doc.meta.references_checked, &doc.meta.history) else {
        return;
    };
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

fn headings(lib: &Library, numbered: &Regex, doc: &Document, out: &mut Vec<Diagnostic>) {
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
