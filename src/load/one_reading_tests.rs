//! Properties of the one reading the loader and the fingerprint share,
//! over random front matter and bodies: whatever the loader accepts, the
//! documented recipe fingerprints the same, and no change the fingerprint
//! misses changes what the loader reads.

use super::document_from_text;
use crate::config::Config;
use crate::diag::Code;
use crate::model::fingerprint::EXCLUDED;
use crate::model::source::Layout;
use crate::model::Fingerprint;
use proptest::prelude::*;

/// Whether the loader reads `text` one way only (no S001, S006 or S008).
fn accepted(text: &str) -> bool {
    let config = Config::default();
    let (_, diags) = document_from_text("d.md".into(), "documents/d.md".into(), text.to_string(), &config);
    !diags.iter().any(|d| matches!(d.code, Code::S001 | Code::S006 | Code::S008))
}

/// What the loader reads that the fingerprint must cover: the front
/// matter's values less the keys that may change, and the body's lines
/// (without the spaces that end them).
fn reading(text: &str) -> (Vec<String>, Vec<String>) {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let layout = Layout::of(text);
    let node = crate::yaml::read::parse(&text[layout.yaml.clone()], 2, false).expect("accepted");
    let map = node.as_mapping().expect("a mapping");
    let front = map
        .iter()
        .filter(|(k, _)| !EXCLUDED.contains(&k.as_str()))
        .map(|(k, v)| format!("{}={}", k.as_str(), plain(v)))
        .collect();
    let body = text[layout.body..].lines().map(|l| l.trim_end_matches([' ', '\t', '\r']).to_string()).collect();
    (front, body)
}

/// A node's values, without the positions its `Debug` shows.
fn plain(node: &marked_yaml::Node) -> String {
    match node {
        marked_yaml::Node::Scalar(s) => format!("{:?}", s.as_str()),
        marked_yaml::Node::Sequence(items) => format!("[{}]", items.iter().map(plain).collect::<Vec<_>>().join(",")),
        marked_yaml::Node::Mapping(m) => {
            format!(
                "{{{}}}",
                m.iter().map(|(k, v)| format!("{}:{}", k.as_str(), plain(v))).collect::<Vec<_>>().join(",")
            )
        }
    }
}

fn word() -> impl Strategy<Value = String> {
    "[a-zA-Z][a-zA-Z0-9 ,.()-]{0,12}[a-z]".prop_map(|s| s)
}

/// One front-matter entry, as lines.
fn entry() -> impl Strategy<Value = String> {
    prop_oneof![
        word().prop_map(|w| format!("title: {w}\n")),
        word().prop_map(|w| format!("summary: \"{w}\"\n")),
        word().prop_map(|w| format!("scope: |\n  {w}\n\n  {w}\n")),
        word().prop_map(|w| format!("author:\n  name: {w}\n  title: LSMS\n")),
        word().prop_map(|w| format!("history:\n  - {{ version: \"1\", date: 2025-01-01, description: {w} }}\n")),
        Just("status: ratified # set\n".to_string()),
        // A key written in a comment after a key the fingerprint leaves
        // out: one line break some reader takes for one, and it is a key.
        Just("status: ratified #public: true\n".to_string()),
        Just("review_extension: ~ #scope: Hidden\n".to_string()),
        word().prop_map(|w| format!("review_extension:\n  to: 2029-01-01\n\n  by: {w}\n")),
        word().prop_map(|w| format!("withdrawn: {{ by: {w}, date: 2026-01-01, reason: x }}\n")),
        word().prop_map(|w| format!("# {w}\n")),
        Just("\n".to_string()),
    ]
}

fn document() -> impl Strategy<Value = String> {
    let body_line = prop_oneof![
        word(),
        Just("- item".to_string()),
        Just("  indented".to_string()),
        Just("status: body".to_string()),
        Just("---".to_string()),
        Just(String::new())
    ];
    (prop::collection::vec(entry(), 1..8), prop::collection::vec(body_line, 0..6), any::<bool>(), any::<bool>())
        .prop_map(|(entries, body, crlf, bom)| {
            let mut keys = std::collections::HashSet::new();
            let entries: String = entries
                .into_iter()
                .filter(|e| e.starts_with(['#', '\n']) || keys.insert(e.split(':').next().unwrap_or("").to_string()))
                .collect();
            let text = format!("---\nid: A/1\n{entries}---\n{}\n", body.join("\n"));
            let text = if crlf { text.replace('\n', "\r\n") } else { text };
            if bom {
                format!("\u{feff}{text}")
            } else {
                text
            }
        })
}

/// Characters that make structure, or that some readers take for a line break.
fn edit() -> impl Strategy<Value = Edit> {
    let chars = prop::sample::select(vec![
        '\r', '\n', '\u{a0}', '\u{85}', '\u{2028}', '\u{0c}', ' ', '\t', '-', ':', '#', '"', 'x', '|',
    ]);
    (any::<prop::sample::Index>(), any::<bool>(), prop::option::of(chars), any::<bool>())
        .prop_map(|(at, after_hash, c, replace)| Edit { at, after_hash, c, replace })
}

/// One character inserted, replaced or deleted (`c` none), anywhere or
/// right after a `#`, where a comment may hide a key.
#[derive(Clone, Debug)]
struct Edit {
    at: prop::sample::Index,
    after_hash: bool,
    c: Option<char>,
    replace: bool,
}

/// `text` with one character inserted, replaced or deleted.
fn edited(text: &str, Edit { at, after_hash, c, replace }: &Edit) -> String {
    let hashes: Vec<usize> = text.match_indices('#').map(|(i, _)| i + 1).collect();
    let bounds: Vec<usize> = match *after_hash && !hashes.is_empty() {
        true => hashes,
        false => text.char_indices().map(|(i, _)| i).chain([text.len()]).collect(),
    };
    let i = bounds[at.index(bounds.len())];
    let next = bounds.iter().copied().find(|&b| b > i).unwrap_or(text.len());
    let mut out = text[..i].to_string();
    if let Some(c) = c {
        out.push(*c);
    }
    out.push_str(if *replace || c.is_none() { &text[next..] } else { &text[i..] });
    out
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 512, ..ProptestConfig::default() })]

    /// A change that leaves the fingerprint as it was leaves what the
    /// loader reads as it was, or makes the file one the loader refuses.
    #[test]
    fn what_the_fingerprint_misses_the_loader_does_not_read(text in document(), e in edit()) {
        prop_assume!(accepted(&text));
        let changed = edited(&text, &e);
        if accepted(&changed) && Fingerprint::of(&changed) == Fingerprint::of(&text) {
            prop_assert_eq!(reading(&changed), reading(&text), "{:?} → {:?}", text, changed);
        }
    }

    /// A character of a line the fingerprint keeps, changed to another
    /// visible one, changes the fingerprint.
    #[test]
    fn a_changed_character_changes_the_fingerprint(text in document(), at in any::<prop::sample::Index>(), c in "[a-z:#-]") {
        let normalised = crate::model::fingerprint::normalised(&text);
        let visible: Vec<usize> = text.char_indices().filter(|(_, ch)| !ch.is_whitespace() && *ch != '\u{feff}').map(|(i, _)| i).collect();
        let i = visible[at.index(visible.len())];
        let old = text[i..].chars().next().unwrap();
        let c = c.chars().next().unwrap();
        prop_assume!(c != old);
        let changed = format!("{}{c}{}", &text[..i], &text[i + old.len_utf8()..]);
        if crate::model::fingerprint::normalised(&changed) != normalised {
            prop_assert_ne!(Fingerprint::of(&changed), Fingerprint::of(&text));
        } else if accepted(&text) && accepted(&changed) {
            // Only a character of a line the fingerprint leaves out.
            prop_assert_eq!(reading(&changed), reading(&text));
        }
    }
}

/// The recipe of docs/governance.md, with the system's awk and sha256sum,
/// reproduces the text's fingerprint of every file the loader accepts.
#[test]
fn the_recipe_reproduces_every_accepted_file() {
    let docs = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/docs/governance.md")).unwrap();
    let recipe = docs
        .split("```sh\n")
        .skip(1)
        .map(|b| b.split("```").next().unwrap())
        .find(|b| b.contains("sha256sum"))
        .unwrap();
    let (function, _) = recipe.split_once("# an entry").unwrap();
    let dir = tempfile::tempdir().unwrap();
    let mut runner = proptest::test_runner::TestRunner::new(ProptestConfig { cases: 48, ..ProptestConfig::default() });
    runner
        .run(&document(), |text| {
            if !accepted(&text) {
                return Ok(());
            }
            let file = dir.path().join("d.md");
            std::fs::write(&file, &text).unwrap();
            let script = format!("{function}normalised '{}' | sha256sum | cut -d' ' -f1", file.display());
            let out = std::process::Command::new("sh").arg("-c").arg(&script).output().unwrap();
            let printed = String::from_utf8_lossy(&out.stdout).trim().to_string();
            prop_assert_eq!(printed, Fingerprint::of(&text).to_string(), "{:?}", text);
            Ok(())
        })
        .unwrap();
}
