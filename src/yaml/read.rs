//! Reading YAML into typed values while keeping the line and column of every
//! key and value, and collecting every problem instead of stopping at the first.

use crate::diag::{Code, Diagnostic};
use crate::error::Result;
use crate::model::{At, Date, Pos};
use crate::text::closest;
use marked_yaml::types::{MarkedMappingNode, MarkedScalarNode};
use marked_yaml::{LoadError, LoaderOptions, Node};

/// Parses YAML text whose first line is line `first_line` of its file.
pub fn parse(text: &str, first_line: u32, top_is_sequence: bool) -> Result<Node, Diagnostic> {
    let options = LoaderOptions::default().error_on_duplicate_keys(true);
    let options = if top_is_sequence { options.toplevel_sequence() } else { options.toplevel_mapping() };
    let shift = |line: usize, column: usize| Pos::new(line as u32 + first_line - 1, column as u32);
    marked_yaml::parse_yaml_with_options(0, text, options).map_err(|e| {
        let (pos, message, help) = match &e {
            LoadError::TopLevelMustBeMapping(m) => {
                (shift(m.line(), m.column()), "expected `key: value` lines".to_string(), None)
            }
            LoadError::TopLevelMustBeSequence(m) => {
                (shift(m.line(), m.column()), "expected a list of `- ` items".to_string(), None)
            }
            LoadError::DuplicateKey(d) => {
                let first = d.prev_key.span().start().map_or(0, |m| m.line() as u32 + first_line - 1);
                let m = d.key.span().start().copied().unwrap_or_else(|| marked_yaml::Marker::new(0, 0, 1, 1));
                (
                    shift(m.line(), m.column()),
                    format!("key `{}` is written twice", d.key.as_str()),
                    Some(format!("it is first written on line {first}; keep one of them")),
                )
            }
            LoadError::ScanError(m, se) => {
                (shift(m.line(), m.column()), format!("not valid YAML: {}", se.info()), Some(yaml_hint()))
            }
            LoadError::UnexpectedAnchor(m) | LoadError::UnexpectedTag(m) | LoadError::MappingKeyMustBeScalar(m) => {
                (shift(m.line(), m.column()), format!("not supported here: {e}"), Some(yaml_hint()))
            }
        };
        Diagnostic::new(Code::S001, message).at(pos).maybe_help(help)
    })
}

fn yaml_hint() -> String {
    "quote text that contains `: `, `#` or starts with `[`, `{`, `*`, `&` or `@`".to_string()
}

/// Turns YAML nodes into typed values, recording a diagnostic for each
/// problem (with the code the caller's context calls for).
pub struct Reader {
    first_line: u32,
    /// The code for a value of the wrong kind: S004 in documents, S006 in site files.
    pub kind_code: Code,
    pub diags: Vec<Diagnostic>,
}

impl Reader {
    pub fn new(first_line: u32, kind_code: Code) -> Reader {
        Reader { first_line, kind_code, diags: Vec::new() }
    }

    /// Where a node starts. A mapping's own mark can sit after its first
    /// key, so a mapping is placed at its first key, where a reader looks.
    pub fn pos(&self, node: &Node) -> Pos {
        match node.as_mapping().and_then(|m| m.keys().next()) {
            Some(first_key) => self.key_pos(first_key),
            None => self.marker_pos(node.span().start()),
        }
    }

    pub fn key_pos(&self, key: &MarkedScalarNode) -> Pos {
        self.marker_pos(key.span().start())
    }

    fn marker_pos(&self, m: Option<&marked_yaml::Marker>) -> Pos {
        m.map_or(Pos::new(self.first_line, 1), |m| Pos::new(m.line() as u32 + self.first_line - 1, m.column() as u32))
    }

    pub fn report(&mut self, code: Code, pos: Pos, message: String, help: Option<String>) {
        self.diags.push(Diagnostic::new(code, message).at(pos).maybe_help(help));
    }

    pub fn wrong_kind(&mut self, node: &Node, message: String, help: Option<String>) {
        let pos = self.pos(node);
        self.report(self.kind_code, pos, message, help);
    }

    /// Opens a mapping, reporting every key not in `known` (S002 in documents).
    pub fn fields<'n>(
        &mut self,
        node: &'n Node,
        what: &str,
        known: &[&'static str],
        unknown_code: Code,
    ) -> Option<Fields<'n>> {
        let Some(map) = node.as_mapping() else {
            self.wrong_kind(
                node,
                format!("{what} should be a set of `key: value` lines"),
                Some(format!("known keys: {}", known.join(", "))),
            );
            return None;
        };
        for key in map.keys() {
            if !known.contains(&key.as_str()) {
                let help = match closest(key.as_str(), known.iter().copied()) {
                    Some(k) => format!("did you mean `{k}`?"),
                    None => format!("known keys of {what}: {}", known.join(", ")),
                };
                let pos = self.key_pos(key);
                self.report(unknown_code, pos, format!("unknown key `{}` in {what}", key.as_str()), Some(help));
            }
        }
        Some(Fields { map, pos: self.pos(node) })
    }

    /// A text value. Numbers and booleans are accepted as their text.
    pub fn text(&mut self, node: &Node, what: &str) -> Option<At<String>> {
        match node {
            // NUL has no place in a document and is not allowed in HTML.
            Node::Scalar(s) => Some(At::new(s.as_str().trim().replace('\0', "\u{fffd}"), self.pos(node))),
            _ => {
                self.wrong_kind(node, format!("{what} should be text, not a list or a set of keys"), None);
                None
            }
        }
    }

    pub fn date(&mut self, node: &Node, what: &str, allow_month: bool) -> Option<At<Date>> {
        let text = self.text(node, what)?;
        match Date::parse(&text.value, allow_month) {
            Ok(d) => Some(At::new(d, text.pos)),
            Err(e) => {
                self.report(self.kind_code, text.pos, format!("{what}: {e}"), None);
                None
            }
        }
    }

    pub fn bool(&mut self, node: &Node, what: &str) -> Option<bool> {
        let parsed = node.as_scalar().and_then(MarkedScalarNode::as_bool);
        if parsed.is_none() {
            self.wrong_kind(node, format!("{what} should be `true` or `false`"), None);
        }
        parsed
    }

    /// The items of a list; a single value is taken as a list of one.
    pub fn items<'n>(&mut self, node: &'n Node) -> Vec<&'n Node> {
        match node {
            Node::Sequence(seq) => seq.iter().collect(),
            other => vec![other],
        }
    }

    pub fn texts(&mut self, node: &Node, what: &str) -> Vec<At<String>> {
        self.items(node).into_iter().filter_map(|n| self.text(n, what)).collect()
    }

    /// Parses a value with `parse`, reporting its error (an
    /// [`Error::Invalid`](crate::Error::Invalid) whose message says how to
    /// write the value) as a
    /// wrong kind.
    pub fn parsed<T>(&mut self, node: &Node, what: &str, parse: impl FnOnce(&str) -> Result<T>) -> Option<At<T>> {
        let text = self.text(node, what)?;
        match parse(&text.value) {
            Ok(v) => Some(At::new(v, text.pos)),
            Err(e) => {
                self.report(self.kind_code, text.pos, format!("{what}: {e}"), None);
                None
            }
        }
    }
}

/// The keys of one mapping.
pub struct Fields<'n> {
    pub map: &'n MarkedMappingNode,
    pub pos: Pos,
}

impl<'n> Fields<'n> {
    /// The value of `key`; an empty value or `null` counts as absent.
    pub fn get(&self, key: &str) -> Option<&'n Node> {
        self.map.get(key).filter(|n| match n {
            Node::Scalar(s) => !(s.may_coerce() && matches!(s.as_str().trim(), "" | "~" | "null")),
            _ => true,
        })
    }

    pub fn key_pos(&self, reader: &Reader, key: &str) -> Option<Pos> {
        self.map.keys().find(|k| k.as_str() == key).map(|k| reader.key_pos(k))
    }
}
