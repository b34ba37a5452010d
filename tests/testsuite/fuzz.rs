//! Property tests over loading, checking and rendering: whatever the text of
//! a document, nothing panics and every page is produced.

use proptest::prelude::*;
use std::path::PathBuf;
use trustdocs::config::Config;
use trustdocs::load::{document_from_text, Content};
use trustdocs::model::Date;
use trustdocs::publish::PublishOptions;
use trustdocs::theme::Theme;
use trustdocs::Project;

fn config() -> Config {
    let mut c = Config::default();
    c.site.organisation = "Fuzz Trust".into();
    c
}

/// Loads, checks and renders one document given as text.
fn pipeline(text: String) {
    let config = config();
    let (doc, diags) =
        document_from_text("content/documents/f.md".into(), PathBuf::from("documents/f.md"), text, &config);
    let content =
        Content { dir: PathBuf::from("/nonexistent"), config, documents: vec![doc], diags, ..Content::default() };
    let today = Date::from_ymd(2026, 11, 23).unwrap();
    let checked = Project::from_content(content, today).check();
    let theme = Theme::load(&PathBuf::from("/nonexistent")).unwrap();
    let opts = PublishOptions { drafts: true, pdf: false, public: false };
    checked.site(&opts, &theme).and_then(|site| site.files()).expect("rendering never fails on content");
}

/// Markdown-ish text: the characters that make structure.
fn markdown() -> impl Strategy<Value = String> {
    proptest::collection::vec(
        prop_oneof![
            Just("\n".to_string()),
            Just("## ".to_string()),
            Just("# ".to_string()),
            Just("- ".to_string()),
            Just("1. ".to_string()),
            Just("> ".to_string()),
            Just("| a | b |\n|---|---|\n".to_string()),
            Just("[x](doc:POL/001/001#a)".to_string()),
            Just("[^1]".to_string()),
            Just("[^1]: note\n".to_string()),
            Just("![](../assets/x.png)".to_string()),
            Just("<script>".to_string()),
            Just("{#id role=lsms}".to_string()),
            Just("POL/001/002 (POL/1/2)".to_string()),
            Just("```\n".to_string()),
            "[a-zA-Z0-9 *_`\\\\<>&#$@()\\[\\]{}/.:|\u{202e}\u{0}-]{0,12}",
        ],
        0..60,
    )
    .prop_map(|parts| parts.concat())
}

/// Front matter built from known keys with arbitrary values.
fn front_matter() -> impl Strategy<Value = String> {
    let key = prop_oneof![
        Just("id"),
        Just("title"),
        Just("type"),
        Just("version"),
        Just("status"),
        Just("review_date"),
        Just("ratified"),
        Just("history"),
        Just("eia"),
        Just("related"),
        Just("public"),
        Just("author"),
        Just("unknown"),
    ];
    let value = prop_oneof![
        Just("POL/001/001".to_string()),
        Just("ratified".to_string()),
        Just("\"2.1\"".to_string()),
        Just("31/02/2020".to_string()),
        Just("2020-09-01".to_string()),
        Just("{ by: X, date: 2020-01-01 }".to_string()),
        Just("[{ version: \"1\", date: 2016-03, description: d }]".to_string()),
        Just("{ stage: 1, impacts: { age: negative } }".to_string()),
        Just("[POL/001/002, ../x]".to_string()),
        Just("[".to_string()),
        Just("\"\\0 \\u202e\"".to_string()),
        "[a-zA-Z0-9 :/.-]{0,10}",
    ];
    proptest::collection::vec((key, value), 0..12)
        .prop_map(|kv| kv.into_iter().map(|(k, v)| format!("{k}: {v}\n")).collect())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 200, ..ProptestConfig::default() })]

    #[test]
    fn any_bytes_as_a_document(text in "\\PC{0,400}") {
        pipeline(text);
    }

    #[test]
    fn structured_documents(fm in front_matter(), body in markdown()) {
        pipeline(format!("---\n{fm}---\n{body}"));
    }
}
