//! The search page: its template data (the filters' choices). Results are
//! drawn by `search.js` in the browser.

use super::export::facet_runs;
use super::extract::{SearchDoc, ROLE_TYPE, TERM_TYPE};
use crate::text::{capitalise, plural_label};
use minijinja::{context, Value};
use serde::Serialize;

#[derive(Serialize)]
struct Choice {
    value: String,
    label: String,
}

/// The template context of `search/index.html`.
pub fn context(docs: &[SearchDoc], common: &Value) -> Value {
    let f = facet_runs(docs);
    // Role pages and glossary terms have no status or directorate: the empty value is no choice.
    let choices = |values: &[String], label: fn(&str) -> String| -> Vec<Choice> {
        values.iter().filter(|v| !v.is_empty()).map(|v| Choice { value: v.clone(), label: label(v) }).collect()
    };
    context! {
        root => "../",
        page_title => "Search",
        section => "search",
        types => ser(choices(&f.types, type_label)),
        statuses => ser(choices(&f.statuses, capitalise)),
        directorates => ser(choices(&f.directorates, |d| d.to_string())),
        ..common.clone()
    }
}

/// A type as the type filter offers it: `Policies`, `Roles`, `Glossary terms`.
fn type_label(doc_type: &str) -> String {
    match doc_type {
        ROLE_TYPE => "Roles".to_string(),
        TERM_TYPE => "Glossary terms".to_string(),
        t => plural_label(t),
    }
}

/// Serialisable data as a template value.
fn ser<T: Serialize>(data: T) -> Value {
    Value::from(minijinja::value::Serde(data))
}
