//! When each version of a document was in force, from the dates alone.
//!
//! A version is in force on day D when it was ratified, its effective date
//! (`effective`, else `ratified.date`) is on or before D, no later version
//! of the same id has an effective date on or before D, and it was not
//! withdrawn on or before D. A ratified document of another id that names
//! it in `replaces` ends it too, on the day the replacement comes into
//! force (`replaced_by`). The `status` field records the committee's
//! decisions; it decides force only where no date does (a draft was never
//! ratified), so that a version marked superseded on the day its successor
//! was ratified stays in force until the successor's effective date.

use super::{Date, DocId, Document, Status, Version};

/// One version's time in force: from `from` (inclusive) until `until`
/// (exclusive; `None` while it has not ended). `from >= until` means the
/// version never came into force (a later version's effective date came
/// first).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Span<K> {
    pub key: K,
    pub version: Version,
    pub from: Date,
    pub until: Option<Date>,
    pub ended_by: Option<End>,
}

/// What ended a version's time in force.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum End {
    /// The version that came into force on `until`.
    Succeeded(Version),
    /// Withdrawn by its committee, on `until`.
    Withdrawn,
    /// A document of another id that replaces it came into force on `until`.
    Replaced(DocId),
}

impl<K> Span<K> {
    pub fn in_force_on(&self, day: Date) -> bool {
        self.from <= day && self.until.is_none_or(|until| day < until)
    }

    /// Whether the version was in force on at least one day.
    pub fn ever_in_force(&self) -> bool {
        self.until.is_none_or(|until| self.from < until)
    }
}

/// Where one version stands on a given day, from its span alone.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Standing {
    /// Never ratified: a draft or a version out for consultation.
    Unratified,
    /// In force on the day.
    InForce,
    /// Ratified, and comes into force on this later day.
    Upcoming(Date),
    /// Was in force until this day (exclusive), ended so.
    Ended(Date, End),
    /// Ratified, but a later version came into force before it did.
    Never,
}

impl<K> Span<K> {
    /// Where the version stands on `day`.
    pub fn standing_on(&self, day: Date) -> Standing {
        match (&self.until, &self.ended_by) {
            _ if !self.ever_in_force() => Standing::Never,
            _ if day < self.from => Standing::Upcoming(self.from),
            (Some(until), Some(end)) if *until <= day => Standing::Ended(*until, end.clone()),
            _ => Standing::InForce,
        }
    }
}

/// The dates of one version that decide its time in force.
#[derive(Clone, Copy, Debug)]
pub struct Dates<'a> {
    pub version: &'a Version,
    pub ratified: Option<Date>,
    pub effective: Option<Date>,
    pub withdrawn: Option<Date>,
}

impl<'a> Dates<'a> {
    /// A document's dates; `None` when it has no version number. A draft
    /// or a version out for consultation has not been ratified, whatever
    /// `ratified:` it carries (a copy's leftover is S-checked elsewhere);
    /// likewise a `withdrawn:` record counts only on a version marked
    /// withdrawn (elsewhere it is S009, and a stray record must not take a
    /// version out of force). A version marked withdrawn with no record of
    /// when is counted as withdrawn on the day it came into force: nothing
    /// says it was ever followed.
    pub fn of(doc: &'a Document) -> Option<Dates<'a>> {
        let meta = &doc.meta;
        let status = doc.status();
        let ratified =
            meta.ratified.as_ref().and_then(|r| r.value.date).filter(|_| status.is_some_and(|s| !s.is_draft()));
        let effective = meta.effective.as_ref().map(|e| e.value);
        let withdrawn = match (status, &meta.withdrawn) {
            (Some(Status::Withdrawn), Some(w)) => Some(w.value.date),
            (Some(Status::Withdrawn), None) => ratified.map(|r| effective.unwrap_or(r)),
            _ => None,
        };
        Some(Dates { version: &meta.version.as_ref()?.value, ratified, effective, withdrawn })
    }

    /// The day it came, or comes, into force: `effective`, else the ratification's.
    pub fn start(&self) -> Option<Date> {
        self.ratified.map(|r| self.effective.unwrap_or(r))
    }
}

/// The spans of the ratified versions of one id, in version order. Versions
/// never ratified (drafts, consultations) have none.
pub fn spans<K: Clone>(versions: &[(K, Dates)]) -> Vec<Span<K>> {
    let mut ratified: Vec<(&K, &Dates, Date)> =
        versions.iter().filter_map(|(k, d)| d.start().map(|from| (k, d, from))).collect();
    ratified.sort_by(|a, b| a.1.version.cmp(b.1.version));
    ratified
        .iter()
        .enumerate()
        .map(|(i, &(key, dates, from))| {
            let successor = ratified[i + 1..].iter().min_by_key(|later| later.2);
            let mut until = successor.map(|s| (s.2, End::Succeeded(s.1.version.clone())));
            if let Some(w) = dates.withdrawn {
                if until.as_ref().is_none_or(|(u, _)| w <= *u) {
                    until = Some((w, End::Withdrawn));
                }
            }
            let (until, ended_by) = until.map_or((None, None), |(d, e)| (Some(d), Some(e)));
            Span { key: key.clone(), version: dates.version.clone(), from, until, ended_by }
        })
        .collect()
}

/// Ends the spans a replacement names (`version`, or every version when it
/// names none) on `on`, the day the replacing document `by` comes into
/// force: a version still in force then, or coming into force later,
/// leaves force that day unless something ended it first.
pub fn replaced_by<K>(spans: &mut [Span<K>], version: Option<&Version>, by: &DocId, on: Date) {
    for span in spans.iter_mut().filter(|s| version.is_none_or(|v| *v == s.version)) {
        if span.until.is_none_or(|until| on < until) {
            span.until = Some(on);
            span.ended_by = Some(End::Replaced(by.clone()));
        }
    }
}

/// The span in force on `day`, if any.
pub fn in_force_on<K>(spans: &[Span<K>], day: Date) -> Option<&Span<K>> {
    spans.iter().find(|s| s.in_force_on(day))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(s: &str) -> Date {
        Date::parse(s, false).expect("a day")
    }

    fn v(s: &str) -> Version {
        Version::parse(s).expect("a version")
    }

    struct Given {
        version: Version,
        ratified: Option<Date>,
        effective: Option<Date>,
        withdrawn: Option<Date>,
    }

    fn given(version: &str, ratified: Option<&str>, effective: Option<&str>, withdrawn: Option<&str>) -> Given {
        Given {
            version: v(version),
            ratified: ratified.map(day),
            effective: effective.map(day),
            withdrawn: withdrawn.map(day),
        }
    }

    fn spans_of(versions: &[Given]) -> Vec<Span<usize>> {
        let dates: Vec<(usize, Dates)> = versions
            .iter()
            .enumerate()
            .map(|(i, g)| {
                (i, Dates { version: &g.version, ratified: g.ratified, effective: g.effective, withdrawn: g.withdrawn })
            })
            .collect();
        spans(&dates)
    }

    fn on(spans: &[Span<usize>], d: &str) -> Option<String> {
        in_force_on(spans, day(d)).map(|s| s.version.to_string())
    }

    #[test]
    fn each_version_is_in_force_from_its_start_until_the_next_one_starts() {
        let spans = spans_of(&[
            given("1", Some("2020-01-10"), None, None),
            given("2", Some("2022-03-01"), Some("2022-04-01"), None),
            given("3", None, None, None),
        ]);
        assert_eq!(spans.len(), 2, "a draft has no span");
        assert_eq!(on(&spans, "2020-01-09"), None, "before the first version");
        assert_eq!(on(&spans, "2020-01-10").as_deref(), Some("1"), "its first day is in");
        assert_eq!(on(&spans, "2022-03-01").as_deref(), Some("1"), "ratified is not yet effective");
        assert_eq!(on(&spans, "2022-03-31").as_deref(), Some("1"), "the last day of the first");
        assert_eq!(on(&spans, "2022-04-01").as_deref(), Some("2"), "the successor's first day");
        assert_eq!(spans[0].until, Some(day("2022-04-01")));
        assert_eq!(spans[0].ended_by, Some(End::Succeeded(v("2"))));
        assert_eq!(spans[1].until, None);
    }

    #[test]
    fn a_version_stands_upcoming_then_in_force_then_ended() {
        let spans = spans_of(&[
            given("1", Some("2020-01-10"), None, None),
            given("2", Some("2022-03-01"), Some("2022-04-01"), None),
        ]);
        assert_eq!(spans[1].standing_on(day("2022-03-31")), Standing::Upcoming(day("2022-04-01")));
        assert_eq!(spans[1].standing_on(day("2022-04-01")), Standing::InForce);
        assert_eq!(spans[0].standing_on(day("2022-03-31")), Standing::InForce);
        assert_eq!(spans[0].standing_on(day("2022-04-01")), Standing::Ended(day("2022-04-01"), End::Succeeded(v("2"))));
    }

    #[test]
    fn a_replacement_of_another_id_ends_the_version_on_its_first_day() {
        let mut spans = spans_of(&[given("1", Some("2020-01-10"), None, None)]);
        let by = crate::model::DocId::new("POL/9");
        replaced_by(&mut spans, None, &by, day("2023-05-01"));
        assert_eq!(on(&spans, "2023-04-30").as_deref(), Some("1"));
        assert_eq!(on(&spans, "2023-05-01"), None);
        assert_eq!(spans[0].ended_by, Some(End::Replaced(by.clone())));
        // A later replacement does not move an earlier end.
        replaced_by(&mut spans, Some(&v("1")), &by, day("2024-01-01"));
        assert_eq!(spans[0].until, Some(day("2023-05-01")));
    }

    #[test]
    fn a_withdrawal_ends_the_version_on_its_day() {
        let spans = spans_of(&[given("1", Some("2020-01-10"), None, Some("2024-06-30"))]);
        assert_eq!(on(&spans, "2024-06-29").as_deref(), Some("1"));
        assert_eq!(on(&spans, "2024-06-30"), None, "withdrawn on or before the day");
        assert_eq!(spans[0].ended_by, Some(End::Withdrawn));
    }

    #[test]
    fn a_version_overtaken_before_its_start_is_never_in_force() {
        let spans = spans_of(&[
            given("1", Some("2020-01-10"), None, None),
            given("2", Some("2021-01-01"), Some("2021-06-01"), None),
            given("3", Some("2021-02-01"), None, None),
        ]);
        assert!(!spans[1].ever_in_force());
        assert_eq!(on(&spans, "2021-03-01").as_deref(), Some("3"));
        assert_eq!(spans[0].ended_by, Some(End::Succeeded(v("3"))), "ended by the first to start");
    }
}
