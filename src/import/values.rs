//! The front sheet's values as typed front matter: ids by the site's id
//! pattern, versions, UK dates, yes/no, lists of numbers, "Name / Title".
//! A value that cannot be read is left out and reported, never guessed.

use super::blocks::Loc;
use super::labels::{Field, Found};
use super::origin::Origin;
use super::tables;
use super::warn::{short, WarnKind, Warning};
use crate::config::Config;
use crate::model::Date;
use regex::Regex;
use std::sync::LazyLock;

#[derive(Clone, Debug, Default, PartialEq)]
pub struct Front {
    pub id: Option<String>,
    pub title: Option<String>,
    pub description: Option<String>,
    pub doc_type: Option<String>,
    pub version: Option<String>,
    pub status: Option<String>,
    pub summary: Option<String>,
    pub scope: Option<String>,
    pub classification: Option<String>,
    pub directorate: Option<String>,
    pub author_name: Option<String>,
    pub author_title: Option<String>,
    pub executive_lead: Option<String>,
    pub head_of_department: Option<String>,
    pub contact: Option<String>,
    pub audience_primary: Option<String>,
    pub audience_secondary: Vec<String>,
    pub replaces: Option<(Option<String>, String)>,
    pub validated_by: Option<String>,
    pub validated_date: Option<Date>,
    pub ratified_by: Option<String>,
    pub ratified_date: Option<Date>,
    pub published: Option<Date>,
    pub review_date: Option<Date>,
    pub public: Option<bool>,
    pub principles: Vec<u8>,
    pub staff_pledges: Vec<u8>,
    pub equality_act: Option<bool>,
    pub refs_checked_by: Option<String>,
    pub refs_checked_date: Option<Date>,
}

static EMAIL: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}").expect("email"));
static VERSION_IN: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?i)\b(?:version|ver|v)\.?\s*(\d+(?:\.\d+)*)").expect("version"));
static NUMBER_LIST: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"\b[1-7](?:\s*,\s*[1-7])*\b").expect("numbers"));

/// Reads every found value into `front`; the first of two values for one
/// field is kept and the second reported.
pub fn read(found: &[Found], config: &Config, warnings: &mut Vec<Warning>) -> (Front, Vec<Origin>) {
    let mut front = Front::default();
    let mut origins = Vec::new();
    let mut seen: Vec<(Field, Loc)> = Vec::new();
    // "Author" outranks "Strategy owner" for the author, whichever comes first.
    let mut found: Vec<&Found> = found.iter().collect();
    found.sort_by_key(|f| f.field == Field::Author && !f.label.to_lowercase().contains("author"));
    for f in found {
        let repeat = seen.iter().find(|(field, _)| *field == f.field && f.field != Field::ReferencesChecked);
        if let Some((_, first)) = repeat {
            warnings.push(Warning::new(
                WarnKind::Check,
                Some(f.loc),
                Some(f.field.key()),
                format!("“{}” is given again as “{}”; the value at {first} was kept", f.label, short(&f.value)),
            ));
            continue;
        }
        // Only a value that was read counts as given: an unreadable first
        // one does not hide a readable second.
        let before = front.clone();
        set(&mut front, f, config, warnings);
        if front != before {
            seen.push((f.field, f.loc));
            origins.push(Origin::labelled(f));
        }
    }
    (front, origins)
}

fn text(v: &str) -> Option<String> {
    let t = v.split_whitespace().collect::<Vec<_>>().join(" ");
    Some(t).filter(|t| !tables::is_blank(t))
}

fn set(front: &mut Front, f: &Found, config: &Config, warnings: &mut Vec<Warning>) {
    let v = f.value.as_str();
    match f.field {
        Field::Id
        | Field::Title
        | Field::Description
        | Field::Type
        | Field::Version
        | Field::Status
        | Field::Replaces => set_identity(front, f, config, warnings),
        Field::Author
        | Field::AuthorTitle
        | Field::ExecutiveLead
        | Field::HeadOfDepartment
        | Field::Contact
        | Field::ValidatedBy
        | Field::RatifiedBy
        | Field::ReferencesChecked => set_person(front, f, warnings),
        Field::Scope => front.scope = text(v),
        Field::Classification => front.classification = text(v),
        Field::Directorate => front.directorate = text(v),
        Field::AudiencePrimary => front.audience_primary = text(v),
        Field::AudienceSecondary => {
            front.audience_secondary = v.split([',', ';']).filter_map(text).collect();
        }
        Field::ValidatedDate => front.validated_date = date(f, warnings),
        Field::RatifiedDate => front.ratified_date = date(f, warnings),
        Field::Published => front.published = date(f, warnings),
        Field::ReviewDate => front.review_date = date(f, warnings),
        Field::Public => match yes_no(v).or_else(|| published_where(v)) {
            Some(b) => front.public = Some(b),
            None => unreadable(f, "yes or no, or where it is published (internet, intranet only)", warnings),
        },
        Field::Principles => front.principles = numbers(v),
        Field::StaffPledges => front.staff_pledges = numbers(v),
        Field::EqualityAct => match yes_no(v) {
            Some(b) => front.equality_act = Some(b),
            None => unreadable(f, "yes or no", warnings),
        },
        Field::Summary => front.summary = text(v),
        Field::Date | Field::NoKey => {}
    }
}

/// The values that say which document and version this is.
fn set_identity(front: &mut Front, f: &Found, config: &Config, warnings: &mut Vec<Warning>) {
    let v = f.value.as_str();
    match f.field {
        Field::Id => match config.site.id_pattern.in_prose.find(v) {
            Some(m) => front.id = Some(m.as_str().to_uppercase()),
            None => unreadable(f, "an identifier of the site's id pattern", warnings),
        },
        Field::Title => front.title = text(v).map(|t| title_case_if_caps(&t)),
        Field::Description => front.description = text(v).map(|t| title_case_if_caps(&t)),
        Field::Type => match doc_type(v, config) {
            Some(t) => front.doc_type = Some(t),
            None => unreadable(f, "one of the site's document types", warnings),
        },
        Field::Version => match tables::version(v).or_else(|| VERSION_IN.captures(v).map(|c| c[1].to_string())) {
            Some(n) => front.version = Some(n),
            None => unreadable(f, "a version number", warnings),
        },
        Field::Status => match status(v) {
            Some(s) => front.status = Some(s.to_string()),
            None => unreadable(
                f,
                "a status trustdocs knows (draft, consultation, ratified, superseded, withdrawn)",
                warnings,
            ),
        },
        Field::Replaces => {
            let id = config.site.id_pattern.in_prose.find(v).map(|m| m.as_str().to_uppercase());
            match VERSION_IN.captures(v) {
                Some(c) => front.replaces = Some((id, c[1].to_string())),
                None => unreadable(f, "a version that this one replaces", warnings),
            }
        }
        _ => {}
    }
}

/// The people and committees named, with the dates some give beside them.
fn set_person(front: &mut Front, f: &Found, warnings: &mut Vec<Warning>) {
    let v = f.value.as_str();
    match f.field {
        Field::Author => {
            let (name, title) = person(v);
            front.author_name = name;
            front.author_title = front.author_title.take().or(title);
        }
        Field::AuthorTitle => front.author_title = text(v),
        Field::ExecutiveLead => front.executive_lead = text(v),
        Field::HeadOfDepartment => front.head_of_department = text(v),
        Field::Contact => front.contact = EMAIL.find(v).map(|m| m.as_str().to_string()).or_else(|| text(v)),
        Field::ValidatedBy => {
            let (by, when) = by_on(v);
            front.validated_by = text(by);
            front.validated_date = front.validated_date.or(when);
        }
        Field::RatifiedBy => {
            let (by, when) = by_on(v);
            front.ratified_by = text(by);
            front.ratified_date = front.ratified_date.or(when);
        }
        Field::ReferencesChecked => match super::dates::find(v) {
            Some(_) if front.refs_checked_date.is_none() && v.split_whitespace().count() <= 3 => {
                front.refs_checked_date = date(f, warnings)
            }
            _ => {
                let (by, when) = by_on(v);
                front.refs_checked_by = front.refs_checked_by.take().or_else(|| text(by));
                front.refs_checked_date = front.refs_checked_date.or(when);
            }
        },
        _ => {}
    }
}

/// A labelled value read as a day, or a warning that it is not one.
fn date(f: &Found, warnings: &mut Vec<Warning>) -> Option<Date> {
    super::dates::read(&f.value, f.loc, f.field.key(), false, warnings)
}

/// Warns that a labelled value is not `what`, and is left out.
fn unreadable(f: &Found, what: &str, warnings: &mut Vec<Warning>) {
    warnings.push(Warning::new(
        WarnKind::Unreadable,
        Some(f.loc),
        Some(f.field.key()),
        format!("“{}: {}” is not {what}; left out", f.label, short(&f.value)),
    ))
}

/// Whether a question's text already holds its answer (a list of numbers,
/// yes or no); `None` when the answer must be elsewhere.
pub fn answer(field: Field, value: &str) -> Option<()> {
    match field {
        Field::Principles | Field::StaffPledges => (!numbers(value).is_empty()).then_some(()),
        _ => yes_no(value).map(|_| ()),
    }
}

/// A title set in capitals ("SECURITY MANAGEMENT POLICY") in title case:
/// capitals are the cover's typography, not the title's spelling.
pub fn title_case_if_caps(t: &str) -> String {
    if t.chars().any(char::is_lowercase) || t.chars().filter(|c| c.is_alphabetic()).count() < 4 {
        return t.to_string();
    }
    const SMALL: [&str; 9] = ["and", "or", "of", "the", "for", "to", "in", "on", "a"];
    t.split_whitespace()
        .enumerate()
        .map(|(i, w)| {
            let lower = w.to_lowercase();
            if i > 0 && SMALL.contains(&lower.as_str()) {
                return lower;
            }
            let mut c = lower.chars();
            c.next().map_or(String::new(), |f| f.to_uppercase().collect::<String>() + c.as_str())
        })
        .collect::<Vec<_>>()
        .join(" ")
}

/// "Health and Safety Committee on 23 November 2017", "Infection Control
/// Committee, 3 June 2024": who, and when.
fn by_on(v: &str) -> (&str, Option<Date>) {
    for sep in [" on ", ", "] {
        let Some(i) = v.rfind(sep) else { continue };
        let tail = v[i + sep.len()..].trim().trim_end_matches('.');
        if let Some((super::dates::Reading::Day(d), raw)) = super::dates::find(tail) {
            // After " on " the date ends the value; after ", " it is all of
            // it ("Board, 3 June 2024", not "Board, its 3 June 2024 meeting").
            if tail == raw.trim() || (sep == " on " && tail.ends_with(raw.as_str())) {
                return (&v[..i], Some(d));
            }
        }
    }
    (v, None)
}

/// "Daniel Willis / LSMS", "Jane Smith, Head of Nursing", "Lucy Brennan
/// (Infection Prevention Nurse)", "Security Team".
fn person(v: &str) -> (Option<String>, Option<String>) {
    if let Some((name, rest)) = v.trim().strip_suffix(')').and_then(|t| t.split_once(" (")) {
        if name.split_whitespace().count() <= 5 && !rest.contains(['(', ')']) {
            return (text(name), text(rest));
        }
    }
    for sep in [" / ", "/", ", ", " - ", " – "] {
        if let Some((a, b)) = v.split_once(sep) {
            if !a.trim().is_empty() && !b.trim().is_empty() && a.split_whitespace().count() <= 5 {
                return (text(a), text(b));
            }
        }
    }
    (text(v), None)
}

/// The last "yes" or "no" in the value (after a long question, the answer).
pub fn yes_no(v: &str) -> Option<bool> {
    let words: Vec<String> = super::labels::words(v).into_iter().map(|w| w.0).collect();
    words.iter().rev().find_map(|w| match w.as_str() {
        "yes" | "y" | "true" => Some(true),
        "no" | "n" | "false" => Some(false),
        _ => None,
    })
}

/// "Publication: Internet & Intranet" is public; "Intranet only" is not.
fn published_where(v: &str) -> Option<bool> {
    let words: Vec<String> = super::labels::words(v).into_iter().map(|w| w.0).collect();
    let has = |w: &str| words.iter().any(|x| x == w);
    if has("internet") || has("website") || has("public") {
        Some(true)
    } else if has("intranet") || has("internal") || has("staff") {
        Some(false)
    } else {
        None
    }
}

/// The last list of numbers 1–7 in the value ("... 1-7 which apply 1,3,4").
fn numbers(v: &str) -> Vec<u8> {
    // "principles 1-7": a range in the question is not the answer.
    NUMBER_LIST
        .find_iter(v)
        .filter(|m| !v[m.end()..].starts_with(['-', '–']) && !v[..m.start()].ends_with(['-', '–']))
        .last()
        .map(|m| m.as_str().split(',').filter_map(|n| n.trim().parse().ok()).collect())
        .unwrap_or_default()
}

fn status(v: &str) -> Option<&'static str> {
    let w = v.trim().to_lowercase();
    let first = w.split_whitespace().next().unwrap_or("");
    Some(match first {
        "ratified" | "approved" | "final" | "current" | "live" | "published" | "issued" => "ratified",
        "draft" => "draft",
        "consultation" => "consultation",
        "superseded" | "archived" | "replaced" => "superseded",
        "withdrawn" | "rescinded" => "withdrawn",
        _ if w.contains("consultation") => "consultation",
        _ => return None,
    })
}

/// A document type of the site: "Strategy", "Clinical Guideline",
/// "Standard Operating Procedure" (→ `sop`).
pub fn doc_type(v: &str, config: &Config) -> Option<String> {
    let w = v.to_lowercase();
    if w.contains("standard operating procedure") && config.site.document_types.iter().any(|t| t == "sop") {
        return Some("sop".into());
    }
    let words: Vec<String> = super::labels::words(&w).into_iter().map(|w| w.0).collect();
    // The last type word wins: "Policy and Procedure" is mostly a procedure's
    // wording, but "Security Policy Strategy" a strategy.
    words.iter().rev().find_map(|word| {
        let word = word.trim_end_matches('s');
        let word = if word == "guidance" { "guideline" } else { word };
        config.site.document_types.iter().find(|t| t.as_str() == word).cloned()
    })
}
