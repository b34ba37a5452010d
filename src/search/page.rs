//! The search page: its template data (the filters' choices). Results are
//! drawn by `search.js` in the browser.

use super::export::facet_runs;
use super::extract::SearchDoc;
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
    let choices = |values: &[String], label: fn(&str) -> String| -> Vec<Choice> {
        values.iter().map(|v| Choice { value: v.clone(), label: label(v) }).collect()
    };
    context! {
        root => "../",
        page_title => "Search",
        section => "search",
        types => ser(choices(&f.types, plural_label)),
        statuses => ser(choices(&f.statuses, capitalise)),
        directorates => ser(choices(&f.directorates, |d| d.to_string())),
        ..common.clone()
    }
}

/// Serialisable data as a template value.
fn ser<T: Serialize>(data: T) -> Value {
    Value::from(minijinja::value::Serde(data))
}
