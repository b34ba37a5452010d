//! The one function that writes a value into front matter. Text is always
//! double-quoted, by the importer's function, with every character that
//! could end the value, start a comment, a key, a new line or a document
//! escaped, so no committee name, minute reference, reason or summary can
//! change the YAML around it.

use crate::model::Date;

/// A value `trustdocs` writes into a document's front matter.
#[derive(Clone, Debug)]
pub enum Value<'a> {
    /// A keyword trustdocs itself chooses (`ratified`, `superseded`...).
    Word(&'static str),
    /// A date, written `YYYY-MM-DD`.
    Date(Date),
    /// Anything a person typed, and version numbers: always quoted.
    Text(&'a str),
}

/// The YAML text of a value.
pub fn scalar(value: &Value) -> String {
    match value {
        Value::Word(w) => w.to_string(),
        Value::Date(d) => d.iso(),
        // The importer's quoting: one function writes every quoted value.
        Value::Text(t) => crate::import::yaml_out::quote(t),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Parses `key: <scalar>` and returns the mapping's keys and the value.
    fn round_trip(text: &str) -> (Vec<String>, String) {
        let yaml = format!("key: {}\nother: 1\n", scalar(&Value::Text(text)));
        let node = crate::load::yaml::parse(&yaml, 1, false).unwrap_or_else(|d| panic!("{yaml:?}: {d:?}"));
        let map = node.as_mapping().unwrap();
        let keys = map.keys().map(|k| k.as_str().to_string()).collect();
        (keys, map.get("key").unwrap().as_scalar().unwrap().as_str().to_string())
    }

    #[test]
    fn hostile_text_stays_one_value() {
        for text in [
            "Policy Group",
            "Board\nstatus: withdrawn",
            "a: b # not a comment",
            "# all comment",
            "\"quoted\" and 'single'",
            "---\n...\n",
            "- a list item",
            "[not, a, list]",
            "{ not: a map }",
            "back\\slash \\n",
            "line\u{2028}separator\u{2029}paragraph\u{85}next",
            "tab\there\r\nCRLF",
            "bell\u{7}nul\u{0}esc\u{1b}[31m del\u{7f} c1\u{9b}",
            "bom\u{feff}",
            "*alias &anchor !tag %directive @at `tick",
            "  leading and trailing  ",
            "",
            "Ünïcödé 委員会 🏥",
        ] {
            let (keys, value) = round_trip(text);
            assert_eq!(keys, ["key", "other"], "{text:?} added or removed a key");
            assert_eq!(value, text, "{text:?} changed");
        }
    }

    #[test]
    fn words_and_dates_are_plain() {
        assert_eq!(scalar(&Value::Word("ratified")), "ratified");
        assert_eq!(scalar(&Value::Date(Date::from_ymd(2026, 3, 1).unwrap())), "2026-03-01");
        assert_eq!(scalar(&Value::Text("4")), "\"4\"");
    }
}
