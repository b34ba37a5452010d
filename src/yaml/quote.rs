//! The one function that writes text into YAML, [`quote`], used by the
//! governance commands' edits and by import alike. Text is always a
//! double-quoted scalar with every character that could end it, start a
//! comment, a key, a new line or a document, or that a reader could take
//! for a line end, escaped: no committee name, minute reference, reason,
//! summary or imported title can change the YAML around it. Numbers,
//! booleans and dates are written from typed values, never from text.

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
        Value::Text(t) => quote(t),
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::source::{ambiguities, Layout};

    /// Parses `key: <scalar>` and returns the mapping's keys and the value.
    fn round_trip(text: &str) -> (Vec<String>, String) {
        let yaml = format!("key: {}\nother: 1\n", scalar(&Value::Text(text)));
        let node = super::super::read::parse(&yaml, 1, false).unwrap_or_else(|d| panic!("{yaml:?}: {d:?}"));
        let map = node.as_mapping().unwrap();
        let keys = map.keys().map(|k| k.as_str().to_string()).collect();
        (keys, map.get("key").unwrap().as_scalar().unwrap().as_str().to_string())
    }

    /// What the loader makes of a document whose title is `text`, quoted:
    /// the problems it finds in the front matter's lines (S008), and the title.
    fn loaded_title(text: &str) -> (Vec<String>, String) {
        let doc = format!("---\nid: POL/1\ntitle: {}\nstatus: draft\n---\nBody\n", quote(text));
        let layout = Layout::of(&doc);
        let refused = ambiguities(&doc, &layout).into_iter().map(|a| a.message).collect();
        let node = super::super::read::parse(&doc[layout.yaml.clone()], 2, false)
            .unwrap_or_else(|d| panic!("{text:?} gave YAML the loader refuses: {d:?}"));
        let map = node.as_mapping().unwrap();
        let keys: Vec<&str> = map.keys().map(|k| k.as_str()).collect();
        assert_eq!(keys, ["id", "title", "status"], "{text:?} added or removed a key");
        (refused, map.get("title").unwrap().as_scalar().unwrap().as_str().to_string())
    }

    const HOSTILE: &[&str] = &[
        "Policy Group",
        "Board\nstatus: withdrawn",
        "a: b # not a comment",
        "# all comment",
        "\"quoted\" and 'single'",
        "---\n...\n",
        "- a list item",
        "* bullet",
        "&anchor value",
        "!tag value",
        "[not, a, list]",
        "{ not: a map }",
        "back\\slash \\n",
        "trailing backslash\\",
        "line\u{2028}separator\u{2029}paragraph\u{85}next",
        "tab\there\r\nCRLF",
        "cr\ronly",
        "form\u{c}feed vertical\u{b}tab",
        "bell\u{7}nul\u{0}esc\u{1b}[31m del\u{7f} c1\u{9b}",
        "bom\u{feff}",
        "zero\u{200b}width\u{200d}joiner \u{200e}mark \u{202e}override \u{2066}isolate \u{ad}soft \u{e0041}tag",
        "*alias &anchor !tag %directive @at `tick |pipe >fold",
        "  leading and trailing  ",
        "",
        "~",
        "null",
        "true",
        "2026-03-01",
        "Ünïcödé 委員会 🏥",
    ];

    #[test]
    fn hostile_text_stays_one_value() {
        for text in HOSTILE {
            let (keys, value) = round_trip(text);
            assert_eq!(keys, ["key", "other"], "{text:?} added or removed a key");
            assert_eq!(value, *text, "{text:?} changed");
        }
    }

    #[test]
    fn the_loader_reads_back_what_was_quoted_and_refuses_none_of_it() {
        for text in HOSTILE {
            let (refused, title) = loaded_title(text);
            assert!(refused.is_empty(), "{text:?}: the loader refuses {refused:?}");
            assert_eq!(title, *text, "{text:?} changed");
        }
    }

    proptest::proptest! {
        #[test]
        fn any_text_reads_back_as_itself(text in proptest::prelude::any::<String>()) {
            let (refused, title) = loaded_title(&text);
            proptest::prop_assert!(refused.is_empty(), "the loader refuses {:?}", refused);
            proptest::prop_assert_eq!(title, text);
        }
    }

    #[test]
    fn quoting_escapes_what_could_end_the_value() {
        assert_eq!(quote("a\"b\\c"), r#""a\"b\\c""#);
        assert_eq!(quote("x: y # z\n- w"), r#""x: y # z\n- w""#);
        assert_eq!(quote("\u{2028}\u{0}"), r#""\u2028\x00""#);
    }

    #[test]
    fn words_and_dates_are_plain() {
        assert_eq!(scalar(&Value::Word("ratified")), "ratified");
        assert_eq!(scalar(&Value::Date(Date::from_ymd(2026, 3, 1).unwrap())), "2026-03-01");
        assert_eq!(scalar(&Value::Text("4")), "\"4\"");
    }
}
