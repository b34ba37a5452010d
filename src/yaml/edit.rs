//! Minimal, textual edits of a document's front matter, for the governance
//! commands. The YAML loader says where each key and value starts; `scan`
//! finds where they end; an edit replaces exactly those characters or
//! inserts whole lines. Every other byte of the file (comments, key order,
//! quoting, line endings, the body) stays as it was: the YAML is never
//! written out again from a parsed form. Values go through `quote::scalar`.

pub use super::quote::Value;

use super::quote::scalar;
use super::read as yaml;
use super::scan::{block_end, indent, token_end, Lines};
use crate::error::{Error, Result};
use marked_yaml::types::{MarkedMappingNode, MarkedScalarNode};
use marked_yaml::Node;
use std::ops::Range;

/// A new key goes after the nearest key before it in this order.
const ORDER: &[&str] = super::keys::FRONT_MATTER;

/// Keys whose values are `{by, date}`-like maps: their style (one line in
/// braces, or one key per line) is the style of a new map.
const MAP_KEYS: [&str; 6] = ["ratified", "validated", "withdrawn", "references_checked", "review_extension", "author"];

/// Edits of one file's front matter, applied together by `finish`.
pub struct Editor<'t> {
    lines: Lines<'t>,
    /// The line that closes the front matter (0-based).
    close: usize,
    root: Node,
    eol: &'static str,
    /// Spaces per level of indentation in this file.
    unit: usize,
    /// Whether this file writes maps such as `ratified` in braces.
    flow_maps: bool,
    changes: Vec<(Range<usize>, String)>,
}

/// A key written in the text: its line, the column its first character is
/// at (0-based) and the byte just after its colon.
struct KeyAt {
    line: usize,
    col: usize,
    after_colon: usize,
}

/// Where a key's value is written.
enum Val {
    /// A scalar, block scalar or flow collection: its bytes.
    Inline(Range<usize>),
    /// A block collection on the lines below the key.
    Below,
    /// Nothing after the colon.
    Empty,
}

/// Front matter it cannot edit in place, saying why.
fn uneditable(why: impl Into<String>) -> Error {
    Error::Uneditable(why.into())
}

impl<'t> Editor<'t> {
    /// Reads the front matter of `text` (without a byte-order mark).
    pub fn new(text: &'t str) -> Result<Editor<'t>> {
        let lines = Lines::new(text);
        if lines.line(0).trim_end() != "---" {
            return Err(uneditable("the file does not start with front matter (a line `---`)"));
        }
        let close = (1..lines.count())
            .find(|&i| matches!(lines.line(i).trim_end(), "---" | "..."))
            .ok_or_else(|| uneditable("its front matter is not closed by a line `---`"))?;
        let yaml_text = &text[lines.start(1)..lines.start(close)];
        let root =
            yaml::parse(yaml_text, 2, false).map_err(|d| uneditable(format!("line {}: {}", d.line, d.message)))?;
        let map = root.as_mapping().ok_or_else(|| uneditable("its front matter is not `key: value` lines"))?;
        if map.keys().any(|k| k.span().start().is_none_or(|m| m.column() != 1)) {
            return Err(uneditable("its front matter is not written one key per line at the start of the line; write each key on a line of its own (`status: draft`), then run the command again"));
        }
        let eol = if lines.text[..lines.start(1)].ends_with("\r\n") { "\r\n" } else { "\n" };
        let mut editor = Editor { lines, close, root, eol, unit: 2, flow_maps: false, changes: Vec::new() };
        editor.unit = editor.indent_unit();
        editor.flow_maps = editor.prefers_flow_maps();
        Ok(editor)
    }

    fn map(&self) -> &MarkedMappingNode {
        self.root.as_mapping().expect("checked in new")
    }

    fn top(&self, key: &str) -> Option<(&MarkedScalarNode, &Node)> {
        self.map().iter().find(|(k, _)| k.as_str() == key)
    }

    /// Whether the front matter has `key`.
    pub fn has(&self, key: &str) -> bool {
        self.top(key).is_some()
    }

    fn line_of_marker(m: &marked_yaml::Marker) -> usize {
        // Line 1 of the YAML is line 2 of the file, index 1.
        m.line()
    }

    fn key_at(&self, key: &MarkedScalarNode) -> KeyAt {
        let m = key.span().start().expect("keys have a start");
        let line = Self::line_of_marker(m);
        let start = self.lines.offset(line, m.column());
        let bytes = self.lines.text.as_bytes();
        let mut i = match bytes[start] {
            b'"' | b'\'' => token_end(&self.lines, start, true, 0, self.close),
            _ => start + key.as_str().len(),
        };
        while i < bytes.len() && bytes[i] != b':' {
            i += 1;
        }
        KeyAt { line, col: m.column() - 1, after_colon: (i + 1).min(bytes.len()) }
    }

    fn value_of(&self, k: &KeyAt, flow: bool) -> Val {
        let text = self.lines.text.as_bytes();
        let line_end = self.lines.content_end(k.line);
        let mut p = k.after_colon;
        while p < line_end && matches!(text[p], b' ' | b'\t') {
            p += 1;
        }
        if p >= line_end || text[p] == b'#' || (flow && matches!(text[p], b',' | b'}')) {
            return match block_end(&self.lines, k.line, k.col, true, self.close) > k.line && !flow {
                true => Val::Below,
                false => Val::Empty,
            };
        }
        if !flow && matches!(text[p], b'|' | b'>') {
            let last = block_end(&self.lines, k.line, k.col, false, self.close);
            return Val::Inline(p..self.lines.content_end(last));
        }
        Val::Inline(p..token_end(&self.lines, p, flow, k.col, self.close))
    }

    /// The lines of a key of the top level: from its line to the last line of its value.
    fn top_lines(&self, k: &KeyAt) -> Range<usize> {
        let last = block_end(&self.lines, k.line, k.col, true, self.close);
        self.lines.start(k.line)..self.lines.start(last + 1)
    }

    fn change(&mut self, at: Range<usize>, text: String) {
        self.changes.push((at, text));
    }

    /// Sets a top-level key to a scalar, replacing only its value, or
    /// adds the key in its place.
    pub fn set(&mut self, key: &str, value: &Value) {
        let text = scalar(value);
        match self.top(key).map(|(k, _)| self.key_at(k)) {
            Some(k) => self.replace_value(&k, false, text),
            None => self.insert_top(key, vec![format!("{key}: {text}")]),
        }
    }

    fn replace_value(&mut self, k: &KeyAt, flow: bool, text: String) {
        match self.value_of(k, flow) {
            Val::Inline(span) => self.change(span, text),
            Val::Empty => self.change(k.after_colon..k.after_colon, format!(" {text}")),
            Val::Below => {
                let end = self.lines.content_end(block_end(&self.lines, k.line, k.col, true, self.close));
                self.change(k.after_colon..end, format!(" {text}"));
            }
        }
    }

    /// Sets a top-level key to a map of `pairs`, written in this file's
    /// style, replacing the key's lines or adding it in its place.
    pub fn set_map(&mut self, key: &str, pairs: &[(&str, Value)]) {
        let existing = self.top(key).map(|(k, v)| (self.key_at(k), v.as_mapping().is_some()));
        let flow = match &existing {
            Some((k, true)) => matches!(self.value_of(k, false), Val::Inline(_)),
            _ => self.flow_maps,
        };
        let lines = self.render_map(key, pairs, flow);
        match existing {
            Some((k, _)) => {
                let at = self.top_lines(&k);
                self.change(at, lines.iter().map(|l| format!("{l}{}", self.eol)).collect());
            }
            None => self.insert_top(key, lines),
        }
    }

    fn render_map(&self, key: &str, pairs: &[(&str, Value)], flow: bool) -> Vec<String> {
        let items = pairs.iter().map(|(k, v)| format!("{k}: {}", scalar(v)));
        match flow {
            true => vec![format!("{key}: {{ {} }}", items.collect::<Vec<_>>().join(", "))],
            false => std::iter::once(format!("{key}:"))
                .chain(items.map(|i| format!("{}{i}", " ".repeat(self.unit))))
                .collect(),
        }
    }

    /// Removes a top-level key and its value's lines.
    pub fn remove(&mut self, key: &str) {
        if let Some(k) = self.top(key).map(|(k, _)| self.key_at(k)) {
            let at = self.top_lines(&k);
            self.change(at, String::new());
        }
    }

    /// Inserts a new top-level key after the nearest key before it in the
    /// usual order, else before the nearest one after it.
    fn insert_top(&mut self, key: &str, lines: Vec<String>) {
        let rank = |k: &str| ORDER.iter().position(|o| *o == k);
        let mine = rank(key).unwrap_or(ORDER.len());
        let present: Vec<(usize, KeyAt)> =
            self.map().keys().filter_map(|k| rank(k.as_str()).map(|r| (r, self.key_at(k)))).collect();
        let before = present.iter().filter(|(r, _)| *r < mine).max_by_key(|(r, _)| *r);
        let after = present.iter().filter(|(r, _)| *r > mine).min_by_key(|(r, _)| *r);
        let at = match (before, after) {
            (Some((_, k)), _) => self.top_lines(k).end,
            (None, Some((_, k))) => self.lines.start(k.line),
            (None, None) => self.lines.start(self.close),
        };
        let text = lines.iter().map(|l| format!("{l}{}", self.eol)).collect();
        self.change(at..at, text);
    }

    /// The items of a top-level list (a single map counts as a list of one).
    fn items(&self, list: &str) -> Vec<&Node> {
        match self.top(list).map(|(_, v)| v) {
            Some(Node::Sequence(s)) => s.iter().collect(),
            Some(n @ Node::Mapping(_)) => vec![n],
            _ => Vec::new(),
        }
    }

    /// How many items a top-level list has.
    pub fn count(&self, list: &str) -> usize {
        self.items(list).len()
    }

    /// The index of the first item of `list` whose `key` satisfies `wanted`.
    pub fn find_item(&self, list: &str, key: &str, wanted: impl Fn(&str) -> bool) -> Option<usize> {
        self.items(list).iter().position(|n| {
            n.as_mapping().and_then(|m| m.get(key)).and_then(Node::as_scalar).is_some_and(|s| wanted(s.as_str()))
        })
    }

    /// Whether a map starts with a brace: its keys are in a flow collection.
    fn is_flow(&self, node: &Node) -> bool {
        node.span().start().is_some_and(|m| {
            self.lines.text.as_bytes().get(self.lines.offset(Self::line_of_marker(m), m.column())) == Some(&b'{')
        })
    }

    /// Sets `key` in item `index` of a top-level list of maps, replacing its
    /// value or adding the key at the end of the item.
    pub fn set_in(&mut self, list: &str, index: usize, key: &str, value: &Value) -> Result<()> {
        let item =
            *self.items(list).get(index).ok_or_else(|| uneditable(format!("`{list}` has no item {}", index + 1)))?;
        let map = item.as_mapping().ok_or_else(|| uneditable(format!("an item of `{list}` is not a set of keys")))?;
        let flow = self.is_flow(item);
        let text = scalar(value);
        if let Some((k, _)) = map.iter().find(|(k, _)| k.as_str() == key) {
            let k = self.key_at(k);
            self.replace_value(&k, flow, text);
            return Ok(());
        }
        if flow {
            let end = item.span().end().ok_or_else(|| uneditable("a map without an end"))?;
            let close = self.lines.offset(Self::line_of_marker(end), end.column());
            let sep = if map.is_empty() { " " } else { ", " };
            let at = trim_back(self.lines.text, close);
            self.change(at..at, format!("{sep}{key}: {text}"));
            return Ok(());
        }
        let last = map.keys().next_back().ok_or_else(|| uneditable(format!("an item of `{list}` has no keys")))?;
        let k = self.key_at(last);
        let end = block_end(&self.lines, k.line, k.col, true, self.close);
        let at = self.lines.start(end + 1);
        self.change(at..at, format!("{}{key}: {text}{}", " ".repeat(k.col), self.eol));
        Ok(())
    }

    /// Adds an item to a top-level list, in the style of its last item, or
    /// starts the list.
    pub fn append_item(&mut self, list: &str, pairs: &[(&str, Value)]) -> Result<()> {
        let Some((key, node)) = self.top(list) else {
            let dash = " ".repeat(self.unit);
            let mut lines = vec![format!("{list}:")];
            lines.extend(self.block_item(&dash, pairs));
            self.insert_top(list, lines);
            return Ok(());
        };
        let k = self.key_at(key);
        let seq = node.as_sequence().ok_or_else(|| uneditable(format!("`{list}` is not a list")))?;
        if let Val::Inline(span) = self.value_of(&k, false) {
            // A list in brackets: the new item goes before `]`.
            let at = trim_back(self.lines.text, span.end - 1);
            let sep = if seq.is_empty() { "" } else { ", " };
            let item = pairs.iter().map(|(k, v)| format!("{k}: {}", scalar(v))).collect::<Vec<_>>().join(", ");
            self.change(at..at, format!("{sep}{{ {item} }}"));
            return Ok(());
        }
        let last = seq.iter().last().ok_or_else(|| uneditable(format!("`{list}` is empty")))?;
        let first = last.span().start().ok_or_else(|| uneditable("an item without a place"))?;
        let line = Self::line_of_marker(first);
        let text = self.lines.line(line);
        let dash_col = indent(text);
        if !text[dash_col..].starts_with('-') {
            return Err(uneditable(format!("the last item of `{list}` does not start its line with `-`")));
        }
        let end = block_end(&self.lines, line, dash_col, false, self.close);
        let dash = &text[..dash_col];
        let lines = match self.is_flow(last) {
            true => {
                let item = pairs.iter().map(|(k, v)| format!("{k}: {}", scalar(v))).collect::<Vec<_>>().join(", ");
                vec![format!("{dash}- {{ {item} }}")]
            }
            false => {
                let inner = last.as_mapping().and_then(|m| m.keys().next()).map(|k| self.key_at(k).col);
                let pad = inner.map_or(2, |c| c.saturating_sub(dash_col).max(2));
                self.block_item_with(dash, pad, pairs)
            }
        };
        let at = self.lines.start(end + 1);
        let text: String = lines.iter().map(|l| format!("{l}{}", self.eol)).collect();
        self.change(at..at, text);
        Ok(())
    }

    fn block_item(&self, dash: &str, pairs: &[(&str, Value)]) -> Vec<String> {
        self.block_item_with(dash, 2, pairs)
    }

    /// `- k: v` then `  k: v` lines, the keys `pad` columns right of the dash.
    fn block_item_with(&self, dash: &str, pad: usize, pairs: &[(&str, Value)]) -> Vec<String> {
        pairs
            .iter()
            .enumerate()
            .map(|(n, (k, v))| {
                let lead = if n == 0 { format!("-{}", " ".repeat(pad - 1)) } else { " ".repeat(pad) };
                format!("{dash}{lead}{k}: {}", scalar(v))
            })
            .collect()
    }

    /// The spaces of one level of indentation in this file (2 if it has none).
    fn indent_unit(&self) -> usize {
        (1..self.close)
            .map(|i| self.lines.line(i))
            .filter(|l| !l.trim().is_empty() && !l.trim_start().starts_with('#'))
            .map(indent)
            .find(|&n| n > 0)
            .unwrap_or(2)
    }

    fn prefers_flow_maps(&self) -> bool {
        MAP_KEYS
            .iter()
            .filter_map(|key| self.top(key))
            .find(|(_, v)| v.as_mapping().is_some())
            .is_some_and(|(k, _)| matches!(self.value_of(&self.key_at(k), false), Val::Inline(_)))
    }

    /// The new text, every edit applied. Edits never overlap.
    pub fn finish(mut self) -> Result<String> {
        self.changes.sort_by_key(|(r, _)| (r.start, r.end));
        for pair in self.changes.windows(2) {
            if pair[0].0.end > pair[1].0.start {
                return Err(uneditable("two edits of the same place"));
            }
        }
        let mut out = String::with_capacity(self.lines.text.len() + 256);
        let mut at = 0;
        for (range, text) in &self.changes {
            out.push_str(&self.lines.text[at..range.start]);
            out.push_str(text);
            at = range.end;
        }
        out.push_str(&self.lines.text[at..]);
        Ok(out)
    }
}

/// Back from `at` over spaces, so that an insertion lands after the last value.
fn trim_back(text: &str, at: usize) -> usize {
    at - text[..at].len() + text[..at].trim_end().len()
}

#[cfg(test)]
mod tests;
