//! A whole front matter written as YAML text from a tree of values, for
//! import. Every string from a source document is written by
//! [`quote::scalar`](super::quote::scalar), as the governance commands'
//! values are; numbers, booleans and dates from typed values, never from
//! source text.

use super::quote::{scalar, Value};
use crate::model::Date;

/// A YAML value built by the importer.
#[derive(Clone, Debug, PartialEq)]
pub enum Yaml {
    Str(String),
    Int(i64),
    Bool(bool),
    Date(Date),
    List(Vec<Yaml>),
    Map(Vec<(&'static str, Yaml)>),
}

impl Yaml {
    pub fn str(s: impl Into<String>) -> Yaml {
        Yaml::Str(s.into())
    }
}

/// Writes a map of keys as block YAML, `indent` spaces deep.
pub fn write_map(entries: &[(&'static str, Yaml)], indent: usize, out: &mut String) {
    for (key, value) in entries {
        out.push_str(&" ".repeat(indent));
        out.push_str(key);
        out.push(':');
        write_value(value, indent, out);
    }
}

fn write_value(value: &Yaml, indent: usize, out: &mut String) {
    match value {
        Yaml::Map(entries) if entries.is_empty() => out.push_str(" {}\n"),
        Yaml::List(items) if items.is_empty() => out.push_str(" []\n"),
        Yaml::Map(entries) => {
            out.push('\n');
            write_map(entries, indent + 2, out);
        }
        Yaml::List(items) if items.iter().all(is_scalar) => {
            let parts: Vec<String> = items.iter().map(scalar_text).collect();
            out.push_str(&format!(" [{}]\n", parts.join(", ")));
        }
        Yaml::List(items) => {
            out.push('\n');
            for item in items {
                out.push_str(&" ".repeat(indent + 2));
                out.push('-');
                match item {
                    Yaml::Map(entries) if !entries.is_empty() => {
                        // The first key sits on the dash's line, the rest under it.
                        let mut first = String::new();
                        write_map(&entries[..1], 0, &mut first);
                        out.push(' ');
                        out.push_str(&first);
                        write_map(&entries[1..], indent + 4, out);
                    }
                    other => write_value(other, indent + 2, out),
                }
            }
        }
        scalar_value => {
            out.push(' ');
            out.push_str(&scalar_text(scalar_value));
            out.push('\n');
        }
    }
}

fn is_scalar(v: &Yaml) -> bool {
    !matches!(v, Yaml::List(_) | Yaml::Map(_))
}

/// A value that is not a list or a map, as YAML text.
fn scalar_text(v: &Yaml) -> String {
    match v {
        Yaml::Str(s) => scalar(&Value::Text(s)),
        Yaml::Date(d) => scalar(&Value::Date(*d)),
        Yaml::Int(n) => n.to_string(),
        Yaml::Bool(b) => b.to_string(),
        Yaml::List(_) | Yaml::Map(_) => String::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nested_maps_and_lists() {
        let mut out = String::new();
        let v = vec![
            ("title", Yaml::str("T")),
            ("author", Yaml::Map(vec![("name", Yaml::str("A")), ("title", Yaml::str("B"))])),
            (
                "history",
                Yaml::List(vec![Yaml::Map(vec![("version", Yaml::str("1")), ("description", Yaml::str("New"))])]),
            ),
            ("principles", Yaml::List(vec![Yaml::Int(1), Yaml::Int(3)])),
        ];
        write_map(&v, 0, &mut out);
        assert_eq!(
            out,
            "title: \"T\"\nauthor:\n  name: \"A\"\n  title: \"B\"\nhistory:\n  - version: \"1\"\n    description: \"New\"\nprinciples: [1, 3]\n"
        );
    }
}
