//! "The library on a date" (`in-force/`): every published document's
//! timeline as a table, which needs no script, and `in-force.json`, from
//! which `static/in-force.js` shows the library on the day a reader picks.
//! Both hold only what the publication publishes, so the public copy's
//! name no version it leaves out.

use crate::model::timeline::End;
use crate::publish::Publication;
use crate::records::in_force::{timelines, Stretch, Timeline};
use serde::Serialize;

/// One document in `in-force.json` (spans of `SpanData`) and on the page
/// (spans of `SpanView`).
#[derive(Serialize)]
pub struct DocTimeline<S> {
    pub id: String,
    pub title: String,
    /// Its main page, relative to the site root.
    pub page: String,
    pub spans: Vec<S>,
}

/// One version's time in force: what the script needs to pick it.
#[derive(Serialize)]
pub struct SpanData {
    pub version: String,
    /// ISO days; `until` is exclusive and `null` while it has not ended.
    pub from: String,
    pub until: Option<String>,
    /// Present when a withdrawal ended it, so the script can say so.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub withdrawn: bool,
    pub page: String,
    pub pdf: Option<String>,
}

/// The same, with the dates in words, for the table without script.
#[derive(Serialize)]
pub struct SpanView {
    #[serde(flatten)]
    pub data: SpanData,
    pub from_text: String,
    pub until_text: Option<String>,
}

/// `in-force.json`: `{"documents": [{id, title, page, spans: [...]}]}`.
pub fn json(site: &Publication) -> String {
    let documents: Vec<DocTimeline<SpanData>> = timelines(site).iter().map(|t| doc(t, data)).collect();
    serde_json::to_string(&serde_json::json!({ "documents": documents })).expect("the timelines serialise") + "\n"
}

/// The page's rows, in id order.
pub fn view(site: &Publication) -> Vec<DocTimeline<SpanView>> {
    let with_words = |s: &Stretch| SpanView {
        data: data(s),
        from_text: s.from.to_string(),
        until_text: s.until.map(|d| d.to_string()),
    };
    timelines(site).iter().map(|t| doc(t, with_words)).collect()
}

/// One document's timeline with each span made by `span`.
fn doc<S>(t: &Timeline, span: impl Fn(&Stretch) -> S) -> DocTimeline<S> {
    let spans = t.spans.iter().map(span).collect();
    DocTimeline { id: t.id.to_string(), title: t.title.to_string(), page: t.page.to_string(), spans }
}

fn data(s: &Stretch) -> SpanData {
    SpanData {
        version: s.version.to_string(),
        from: s.from.iso(),
        until: s.until.map(|d| d.iso()),
        withdrawn: s.ended_by == Some(&End::Withdrawn),
        page: s.page.to_string(),
        pdf: s.pdf.map(String::from),
    }
}
