//! The glossary's terms as found in a body: pages explain a term's first
//! use, and the public copy lists only the terms its documents use.

use super::body::{Body, Inline};
use crate::config::GlossaryEntry;
use regex::Regex;
use std::collections::{HashMap, HashSet};

/// Finds glossary terms in text, so their first use can be explained.
pub struct GlossaryMarker {
    pattern: Option<Regex>,
    definitions: HashMap<String, String>,
    /// Terms that read as ordinary capitalised words ("Prevent",
    /// "Property"), not glossed where a sentence starts, where the capital
    /// is the sentence's: "Prevent the spread" is not the PREVENT strategy.
    ordinary: HashSet<String>,
}

impl GlossaryMarker {
    pub fn new(entries: &[GlossaryEntry]) -> GlossaryMarker {
        let mut terms: Vec<&str> = entries.iter().map(|e| e.term.as_str()).filter(|t| !t.trim().is_empty()).collect();
        // Longest first, so "NHS Protect" wins over "NHS".
        terms.sort_by_key(|t| std::cmp::Reverse(t.len()));
        let alternatives: Vec<String> = terms.iter().map(|t| regex::escape(t)).collect();
        let pattern =
            (!terms.is_empty()).then(|| Regex::new(&format!(r"\b(?:{})\b", alternatives.join("|"))).ok()).flatten();
        GlossaryMarker {
            pattern,
            definitions: entries.iter().map(|e| (e.term.clone(), e.definition.clone())).collect(),
            ordinary: entries
                .iter()
                .filter(|e| !e.always && reads_as_a_word(&e.term))
                .map(|e| e.term.clone())
                .collect(),
        }
    }

    /// The terms in `text` that are glossed: every match, but an ordinary
    /// capitalised word where a sentence starts.
    pub fn find_in<'t>(&'t self, text: &'t str) -> impl Iterator<Item = regex::Match<'t>> + 't {
        let pattern = self.pattern.as_ref();
        pattern
            .into_iter()
            .flat_map(move |p| p.find_iter(text))
            .filter(move |m| !(self.ordinary.contains(m.as_str()) && sentence_starts_at(&text[..m.start()])))
    }

    /// Adds to `used` the terms `body` uses where pages mark them: in its
    /// prose, footnotes included (not in code).
    pub fn used_in(&self, body: &Body, used: &mut HashSet<String>) {
        let mut text = |t: &str| used.extend(self.find_in(t).map(|m| m.as_str().to_string()));
        body.for_each_prose(&mut |inlines| inline_prose(inlines, &mut text));
    }

    /// The definition of a term the pattern found.
    pub fn definition(&self, term: &str) -> &str {
        self.definitions.get(term).map_or("", String::as_str)
    }
}

/// A capital, then lower case only: a word any sentence may start with.
fn reads_as_a_word(term: &str) -> bool {
    let mut chars = term.chars();
    chars.next().is_some_and(char::is_uppercase) && chars.all(|c| !c.is_uppercase())
}

/// Whether a sentence starts after `before`, the text before a match in
/// its run: nothing but spaces and opening marks, or the end of a sentence.
fn sentence_starts_at(before: &str) -> bool {
    let kept = before.trim_end_matches(|c: char| c.is_whitespace() || "\"'‘“(".contains(c));
    kept.is_empty() || kept.ends_with(['.', '!', '?', ':', ';'])
}

fn inline_prose(inlines: &[Inline], f: &mut dyn FnMut(&str)) {
    for i in inlines {
        match i {
            Inline::Text(t) => f(t),
            Inline::Emphasis(c) | Inline::Strong(c) | Inline::Strikethrough(c) | Inline::Link { children: c, .. } => {
                inline_prose(c, f)
            }
            _ => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn marker(always: bool) -> GlossaryMarker {
        let entry = |term: &str| GlossaryEntry { term: term.into(), definition: "d".into(), always };
        GlossaryMarker::new(&[entry("Prevent"), entry("PREVENT"), entry("LSMS")])
    }

    fn found(m: &GlossaryMarker, text: &str) -> Vec<String> {
        m.find_in(text).map(|m| m.as_str().to_string()).collect()
    }

    #[test]
    fn an_ordinary_word_is_not_glossed_where_a_sentence_starts() {
        let m = marker(false);
        assert_eq!(found(&m, "Prevent the spread. Report it: Prevent it."), Vec::<String>::new());
        assert_eq!(found(&m, "the Trust follows Prevent and the LSMS"), ["Prevent", "LSMS"]);
        assert_eq!(found(&m, "PREVENT applies; to prevent harm"), ["PREVENT"], "capitals as written; never lower case");
    }

    #[test]
    fn match_always_glosses_it_everywhere() {
        assert_eq!(found(&marker(true), "Prevent the spread."), ["Prevent"]);
    }
}
