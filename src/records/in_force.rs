//! The library on a date: for each id, the version that was (or will be)
//! in force on any day, read from the timeline the resolve stage computed
//! (`Versions::spans`). The library is seen on one day (`--today`), but a
//! span does not depend on it, so any date can be asked about. Addresses
//! come from a publication plan, never made here.

use crate::error::{Error, Result};
use crate::lock::Entry;
use crate::model::timeline::{in_force_on, End, Span};
use crate::model::{Date, DocId, Document, Version};
use crate::publish::{DocPage, Publication};
use crate::resolve::{DocIndex, Library, Versions};
use std::collections::{BTreeMap, HashMap};

/// One id as it stood on the day asked about.
pub struct OnDate<'a> {
    pub id: &'a DocId,
    /// The title of the version in force, else of the newest ratified one
    /// (else of the newest of all).
    pub title: &'a str,
    pub state: State<'a>,
}

pub enum State<'a> {
    InForce(Box<InForce<'a>>),
    None(Reason),
}

/// The version in force on the day, with what identifies it.
pub struct InForce<'a> {
    pub doc: &'a Document,
    pub version: &'a Version,
    /// The day it came into force: `effective`, else its ratification's.
    pub effective: Date,
    /// The day it stopped being in force (exclusive), if it has or will.
    pub until: Option<Date>,
    /// What `ratified.lock` records for it.
    pub fingerprint: Option<String>,
    /// Its page and PDF in the plan the addresses were taken from.
    pub page: Option<&'a str>,
    pub pdf: Option<&'a str>,
}

/// Why no version of an id was in force on the day.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Reason {
    /// The day is before its first version came into force (on this day, if any).
    NotYetIssued(Option<Date>),
    /// Its last version in force was withdrawn on this day.
    Withdrawn(Date),
    /// A document of another id that replaces it came into force on this day.
    Replaced(DocId, Date),
    /// The version then in force is known only from `ratified.lock`: its
    /// file is gone (destroyed or transferred after its retention period).
    FileGone(Version),
    /// No version was ever ratified.
    NeverRatified,
    /// None of the above: no version's dates cover the day.
    NoneInForce,
}

impl Reason {
    /// The reason as a sentence fragment, dates in ISO form (JSON, CSV).
    pub fn text(&self) -> String {
        self.words(Date::iso)
    }

    /// The reason for a person, dates as "1 March 2024".
    pub fn human(&self) -> String {
        self.words(|d| d.to_string())
    }

    fn words(&self, day: impl Fn(&Date) -> String) -> String {
        match self {
            Reason::NotYetIssued(Some(first)) => {
                format!("not yet issued: its first version came into force on {}", day(first))
            }
            Reason::NotYetIssued(None) => "not yet issued".to_string(),
            Reason::Withdrawn(on) => format!("withdrawn on {}", day(on)),
            Reason::Replaced(by, on) => format!("replaced by {by} on {}", day(on)),
            Reason::FileGone(v) => format!(
                "version {v} was probably in force, but only ratified.lock records it now: its file is gone (see `trustdocs retention`)"
            ),
            Reason::NeverRatified => "no version ratified".to_string(),
            Reason::NoneInForce => "no version in force".to_string(),
        }
    }
}

/// The ids `names` spell, in the order given, or every id when none is
/// named. A name that is no id of the library is a usage error naming the
/// closest id, so that nothing is shown for a typo.
pub fn select(lib: &Library, names: &[String]) -> Result<Vec<DocId>> {
    if names.is_empty() {
        return Ok(lib.by_id().keys().cloned().collect());
    }
    names.iter().map(|name| lib.versions_named(name).map(|(id, _)| id).map_err(Error::Usage)).collect()
}

/// Each of `ids` on `day`, with the addresses `site` gives its versions.
pub fn on<'a>(site: &'a Publication<'_>, day: Date, ids: &'a [DocId]) -> Vec<OnDate<'a>> {
    let lib = site.lib;
    let pages = pages_of(site);
    // Read once for all ids: the versions only the lock still records.
    let mut gone: BTreeMap<&DocId, Vec<&Entry>> = BTreeMap::new();
    lib.entries_without_file().for_each(|e| gone.entry(&e.id).or_default().push(e));
    ids.iter()
        .filter_map(|id| Some((id, lib.by_id().get(id)?)))
        .map(|(id, versions)| {
            let state = match in_force_on(&versions.spans, day) {
                Some(span) => State::InForce(Box::new(in_force(site, span, pages.get(&span.key).copied()))),
                None => {
                    let gone = gone.get(id).map_or(&[][..], Vec::as_slice);
                    State::None(gone_then(gone, &versions.spans, day).unwrap_or_else(|| why_none(&versions.spans, day)))
                }
            };
            let shown = match &state {
                State::InForce(v) => Some(v.doc),
                State::None(_) => {
                    let newest = versions.spans.last().map(|s| s.key).or(versions.all.last().copied());
                    newest.map(|i| &**lib.doc(i))
                }
            };
            OnDate { id, title: shown.map_or("", |d| d.title()), state }
        })
        .collect()
}

fn in_force<'a>(site: &'a Publication, span: &'a Span<DocIndex>, page: Option<&'a DocPage>) -> InForce<'a> {
    let lib = site.lib;
    let doc = &**lib.doc(span.key);
    InForce {
        doc,
        version: &span.version,
        effective: span.from,
        until: span.until,
        fingerprint: lib.locked(doc).map(|e| e.fingerprint.to_string()),
        page: page.map(|p| p.url.as_str()),
        pdf: page.filter(|_| site.opts.pdf).map(|p| p.pdf.as_str()),
    }
}

/// The newest of an id's versions `gone` (recorded in `ratified.lock`,
/// with no file now) ratified on or before `day`, when no version with a
/// file had come into force by then: the record the day asks for is gone.
fn gone_then<K>(gone: &[&Entry], spans: &[Span<K>], day: Date) -> Option<Reason> {
    if spans.iter().any(|s| s.from <= day) {
        return None;
    }
    let then = gone.iter().filter(|e| e.date <= day);
    then.max_by(|a, b| a.version.cmp(&b.version)).map(|e| Reason::FileGone(e.version.clone()))
}

/// Why no span covers `day`: the latest withdrawal or replacement by
/// another id on or before it, else that the first version had not come
/// into force yet.
fn why_none<K>(spans: &[Span<K>], day: Date) -> Reason {
    let Some(first) = spans.iter().map(|s| s.from).min() else { return Reason::NeverRatified };
    let ended = spans
        .iter()
        .filter_map(|s| Some((s.until?, s.ended_by.as_ref()?)))
        .filter(|(until, end)| *until <= day && !matches!(end, End::Succeeded(_)))
        .max_by_key(|(until, _)| *until);
    match ended {
        Some((on, End::Replaced(by))) => Reason::Replaced(by.clone(), on),
        Some((on, _)) => Reason::Withdrawn(on),
        None if day < first => Reason::NotYetIssued(Some(first)),
        None => Reason::NoneInForce,
    }
}

/// The published page of each version in the plan.
fn pages_of<'s>(site: &'s Publication) -> HashMap<DocIndex, &'s DocPage> {
    site.pages.iter().map(|p| (p.doc, p)).collect()
}

/// One id's time in force, as a site shows it: only its published versions.
pub struct Timeline<'a> {
    pub id: &'a DocId,
    pub title: &'a str,
    /// Its main page.
    pub page: &'a str,
    pub spans: Vec<Stretch<'a>>,
}

/// One published version's time in force.
pub struct Stretch<'a> {
    pub version: &'a Version,
    pub from: Date,
    pub until: Option<Date>,
    pub ended_by: Option<&'a End>,
    pub page: &'a str,
    /// Its PDF, when the site builds PDFs.
    pub pdf: Option<&'a str>,
}

/// Every published id's timeline, in id order: the versions the plan
/// publishes that were or will be in force on at least one day. A version
/// the plan leaves out (in the public copy, one not public) is left out
/// here too, so that the site names nothing it does not publish.
pub fn timelines<'a>(site: &'a Publication<'_>) -> Vec<Timeline<'a>> {
    let lib = site.lib;
    let pages = pages_of(site);
    site.main_of
        .iter()
        .filter_map(|(id, &main)| {
            let versions: &'a Versions = lib.by_id().get(id)?;
            let spans = versions
                .spans
                .iter()
                .filter(|s| s.ever_in_force())
                .filter_map(|s| Some(stretch(s, pages.get(&s.key)?, site.opts.pdf)))
                .collect();
            let page = pages.get(&main)?.url.as_str();
            Some(Timeline { id, title: lib.doc(main).title(), page, spans })
        })
        .collect()
}

fn stretch<'a>(span: &'a Span<DocIndex>, page: &'a DocPage, pdf: bool) -> Stretch<'a> {
    Stretch {
        version: &span.version,
        from: span.from,
        until: span.until,
        ended_by: span.ended_by.as_ref(),
        page: page.url.as_str(),
        pdf: pdf.then_some(page.pdf.as_str()),
    }
}

#[cfg(test)]
mod tests {
    use super::{why_none, Reason};
    use crate::model::timeline::{spans, Dates};
    use crate::model::{Date, Version};

    fn day(s: &str) -> Date {
        Date::parse(s, false).expect("a day")
    }

    #[test]
    fn no_version_in_force_says_why() {
        let (v1, v2) = (Version::parse("1").expect("1"), Version::parse("2").expect("2"));
        let dates = |version, ratified: &str, withdrawn: Option<&str>| Dates {
            version,
            ratified: Some(day(ratified)),
            effective: None,
            withdrawn: withdrawn.map(day),
        };
        let spans = spans(&[(1, dates(&v1, "2020-01-10", Some("2021-01-01"))), (2, dates(&v2, "2022-01-01", None))]);
        assert_eq!(why_none(&spans, day("2020-01-09")), Reason::NotYetIssued(Some(day("2020-01-10"))));
        assert_eq!(
            why_none(&spans, day("2021-06-01")),
            Reason::Withdrawn(day("2021-01-01")),
            "a gap after a withdrawal"
        );
        assert_eq!(why_none::<u8>(&[], day("2021-06-01")), Reason::NeverRatified);
        assert_eq!(Reason::Withdrawn(day("2021-01-01")).text(), "withdrawn on 2021-01-01");
    }
}
