//! The proof that the loader and the fingerprint read a front matter the
//! same way. The fingerprint leaves out the lines of the keys that may
//! change after ratification, by a rule on lines that anyone can apply
//! with standard tools; YAML decides what those lines mean. Both agree when
//! the lines the fingerprint covers, read on their own, say exactly what
//! the whole front matter says less those keys. Where they do not (a value
//! running into a left-out line, a key written so that the rule misses it,
//! spaces the fingerprint trims inside a `|` block), the file is S008.

use crate::diag::{Code, Diagnostic};
use crate::model::fingerprint::{covered_front_matter, EXCLUDED};
use crate::model::Pos;
use crate::yaml::read as yaml;
use marked_yaml::types::MarkedScalarNode;
use marked_yaml::Node;

/// S008 for every key the two readings disagree on. `full` is the parsed
/// front matter of `text` (whose front matter starts on line 2).
pub fn check(full: &Node, text: &str) -> Vec<Diagnostic> {
    let Some(full) = full.as_mapping() else { return Vec::new() };
    let covered = yaml::parse(&covered_front_matter(text), 2, false).ok();
    let Some(covered) = covered.as_ref().and_then(Node::as_mapping) else {
        return vec![Diagnostic::new(
            Code::S008,
            format!("the front matter cannot be read without the lines of {}", excluded_keys()),
        )
        .at(Pos::new(2, 1))
        .help(HELP)];
    };
    let mut found = Vec::new();
    for (key, value) in full.iter() {
        let name = key.as_str();
        let excluded = EXCLUDED.contains(&name);
        let agrees = match covered.get(name) {
            Some(_) if excluded => false,
            Some(v) => v == value,
            None => excluded,
        };
        if !agrees {
            found.push(disagreement(key, excluded));
        }
    }
    for key in covered.keys().filter(|k| full.get(k.as_str()).is_none()) {
        found.push(disagreement(key, false));
    }
    found
}

const HELP: &str = "write `status`, `review_extension` and `withdrawn` unquoted at the start of their own lines, each followed by its value, and remove spaces at the ends of lines inside a `|` or `>` block";

fn excluded_keys() -> String {
    EXCLUDED.iter().map(|k| format!("`{k}`")).collect::<Vec<_>>().join(", ")
}

fn disagreement(key: &MarkedScalarNode, excluded: bool) -> Diagnostic {
    let name = key.as_str();
    let message = if excluded {
        format!("`{name}` is written so that the fingerprint would cover it, although it may change after ratification")
    } else {
        format!(
            "`{name}` reads differently in the lines the fingerprint covers: its value runs into the lines of {}, or ends lines with spaces inside a block",
            excluded_keys()
        )
    };
    let pos = key.span().start().map_or(Pos::new(2, 1), |m| Pos::new(m.line() as u32 + 1, m.column() as u32));
    Diagnostic::new(Code::S008, message).at(pos).help(HELP)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn s008(text: &str) -> Vec<(u32, String)> {
        let layout = crate::model::source::Layout::of(text);
        let node = yaml::parse(&text[layout.yaml], 2, false).expect("valid YAML");
        check(&node, text).into_iter().map(|d| (d.line, d.message)).collect()
    }

    #[test]
    fn ordinary_front_matter_agrees() {
        let text = "---\nid: A\nstatus: ratified\nwithdrawn:\n  by: G\n  reason: x\nreview_extension: { to: 2030-01-01 }\n# note\ntitle: T\nsummary: |\n  two\n\n  paragraphs\n---\nBody\n";
        assert!(s008(text).is_empty(), "{:?}", s008(text));
    }

    #[test]
    fn an_indented_or_quoted_status_is_found() {
        for text in ["---\n\"status\": ratified\nid: A\n---\n", "---\n  id: A\n  status: ratified\n---\n"] {
            let found = s008(text);
            assert_eq!(found.len(), 1, "{text:?}: {found:?}");
            assert!(found[0].1.contains("`status` is written"), "{found:?}");
        }
    }

    #[test]
    fn spaces_ending_a_block_line_are_found() {
        let found = s008("---\nid: A\nsummary: |\n  text  \n---\n");
        assert_eq!(found.len(), 1, "{found:?}");
        assert!(found[0].1.contains("`summary`"));
    }
}
