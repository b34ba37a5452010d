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
        }
    }

    /// Adds to `used` the terms `body` uses where pages mark them: in its
    /// prose, footnotes included (not in code).
    pub fn used_in(&self, body: &Body, used: &mut HashSet<String>) {
        let Some(pattern) = &self.pattern else { return };
        let mut text = |t: &str| used.extend(pattern.find_iter(t).map(|m| m.as_str().to_string()));
        body.for_each_prose(&mut |inlines| inline_prose(inlines, &mut text));
    }

    /// The terms, longest first, as one pattern; `None` without a glossary.
    pub fn pattern(&self) -> Option<&Regex> {
        self.pattern.as_ref()
    }

    /// The definition of a term the pattern found.
    pub fn definition(&self, term: &str) -> &str {
        self.definitions.get(term).map_or("", String::as_str)
    }
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
