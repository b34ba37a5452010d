//! Front matter as YAML text. Every string from a source document goes
//! through [`quote`], the one function that writes text into YAML: it is
//! always a double-quoted scalar with every character that could end it,
//! start a comment or a new key, or hide from a reader escaped. Numbers,
//! booleans and dates are written from typed values, never from source text.

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

/// `s` as a double-quoted YAML scalar.
pub fn quote(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            '\r' => out.push_str("\\r"),
            // Control characters, the line and paragraph separators, NEL and
            // the byte-order mark: a YAML reader may take them as line ends.
            c if c.is_control() || matches!(c, '\u{2028}' | '\u{2029}' | '\u{85}' | '\u{feff}') => {
                let n = c as u32;
                if n <= 0xff {
                    out.push_str(&format!("\\x{n:02x}"));
                } else {
                    out.push_str(&format!("\\u{n:04x}"));
                }
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
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
            let parts: Vec<String> = items.iter().map(scalar).collect();
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
            out.push_str(&scalar(scalar_value));
            out.push('\n');
        }
    }
}

fn is_scalar(v: &Yaml) -> bool {
    !matches!(v, Yaml::List(_) | Yaml::Map(_))
}

fn scalar(v: &Yaml) -> String {
    match v {
        Yaml::Str(s) => quote(s),
        Yaml::Int(n) => n.to_string(),
        Yaml::Bool(b) => b.to_string(),
        Yaml::Date(d) => d.iso(),
        Yaml::List(_) | Yaml::Map(_) => String::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quoting_keeps_hostile_text_a_single_string() {
        assert_eq!(quote("a\"b\\c"), r#""a\"b\\c""#);
        assert_eq!(quote("x: y # z\n- w"), r#""x: y # z\n- w""#);
        assert_eq!(quote("\u{2028}\u{0}"), r#""\u2028\x00""#);
    }

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
