//! Content: C001–C007.

use super::at;
use crate::diag::{Code, Diagnostic};
use crate::model::body::LineIndex;
use crate::model::{Document, Pos, Status};
use crate::resolve::Library;
use regex::Regex;

/// The description `trustdocs new-version` gives the history entry of a new
/// version: a placeholder C002 always finds, whatever `site.yaml` lists.
pub const HISTORY_PLACEHOLDER: &str = "[insert what changed in this version]";

/// The site's deprecated terms and placeholders, compiled once per run.
pub struct Rules {
    /// (term, advice, pattern)
    terms: Vec<(String, String, Regex)>,
    placeholders: Vec<(String, Regex)>,
    numbered: Regex,
}

impl Rules {
    pub fn new(lib: &Library) -> Rules {
        let site = &lib.config.site;
        Rules {
            terms: site
                .deprecated_terms
                .iter()
                .filter_map(|t| Some((t.term.clone(), t.advice.clone(), whole_words(&t.term)?)))
                .collect(),
            placeholders: placeholder_rules(&site.placeholders),
            numbered: Regex::new(r"^\d+(\.\d+)*\.?(\s|$)").expect("valid pattern"),
        }
    }
}

/// The site's placeholders, and the history placeholder unless one of them finds it already.
fn placeholder_rules(site: &[String]) -> Vec<(String, Regex)> {
    let mut out: Vec<(String, Regex)> = site.iter().filter_map(|p| Some((p.clone(), whole_words(p)?))).collect();
    if !out.iter().any(|(_, re)| re.is_match(HISTORY_PLACEHOLDER)) {
        out.extend(whole_words(HISTORY_PLACEHOLDER).map(|re| (HISTORY_PLACEHOLDER.to_string(), re)));
    }
    out
}

/// Matches `term` as whole words, case-insensitively.
fn whole_words(term: &str) -> Option<Regex> {
    let start = if term.starts_with(|c: char| c.is_alphanumeric()) { r"\b" } else { "" };
    let end = if term.ends_with(|c: char| c.is_alphanumeric()) { r"\b" } else { "" };
    Regex::new(&format!("(?i){start}{}{end}", regex::escape(term))).ok()
}

/// C002 looks at ratified versions and C004 at every file; the other
/// content checks only at versions that are or will be in force, never at
/// a superseded or withdrawn one kept on record.
pub fn check(lib: &Library, rules: &Rules, doc: &Document) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    references_checked(doc, &mut out);
    if doc.status() == Some(Status::Ratified) {
        placeholders(rules, doc, &mut out);
    }
    if !is_current_or_in_preparation(doc) {
        return out;
    }
    let lines = LineIndex::new(&doc.file.text);
    for (term, advice, re) in &rules.terms {
        for pos in find(&doc.file.text, &lines, re) {
            out.push(
                at(doc, Code::C001, pos, format!("\"{term}\" is a deprecated term"))
                    .width(term.chars().count())
                    .maybe_help(Some(advice.clone()).filter(|a| !a.is_empty())),
            );
        }
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

/// Where `re` matches in `text`.
fn find(text: &str, lines: &LineIndex, re: &Regex) -> Vec<Pos> {
    re.find_iter(text).map(|m| lines.pos(text, m.start())).collect()
}

/// C002.
fn placeholders(rules: &Rules, doc: &Document, out: &mut Vec<Diagnostic>) {
    let lines = LineIndex::new(&doc.file.text);
    for (p, re) in &rules.placeholders {
        for pos in find(&doc.file.text, &lines, re) {
            out.push(
                at(doc, Code::C002, pos, format!("placeholder text \"{p}\" left in a ratified document"))
                    .width(p.chars().count())
                    .help("replace it with the real text"),
            );
        }
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
