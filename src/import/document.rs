//! Puts one imported document together: front matter from the front sheet,
//! the amendment table and the EIA form; the body from what is left, with
//! role sections tagged; warnings for every required value the source lacks.

use super::blocks::{Block, Kind, Source};
use super::eia::Eia;
use super::history::Entry;
use super::origin::{self, Origin};
use super::references::{self, Reference};
use super::roles::Roles;
use super::values::{self, Front};
use super::warn::{short, WarnKind, Warning};
use super::{eia, front, history, markdown};
use crate::config::Config;
use crate::yaml::write::{write_map, Yaml};
use std::collections::BTreeSet;
use std::ops::Range;

pub struct Imported {
    pub front: Front,
    pub references: Vec<Reference>,
    pub history: Vec<Entry>,
    pub eia: Option<Eia>,
    /// The whole file: front matter and body.
    pub markdown: String,
    /// Section titles of the body, in order (for measuring).
    pub sections: Vec<String>,
    pub warnings: Vec<Warning>,
    /// Where each value of the front matter came from.
    pub origins: Vec<Origin>,
}

/// Assembles a document from a reader's blocks. `id` is the `--id` given.
pub fn assemble(source: Source, config: &Config, id: Option<&str>) -> Imported {
    let mut warnings = source.warnings;
    let blocks = source.blocks;
    let hints = TitleHints { styled: source.title, running: source.running_title };
    let start = front::body_start(&blocks, |t| is_organisation(t) || is_cover_title(t, config));
    let mut sheet = front::read(&blocks, start);
    front::read_running(&source.running, &mut sheet);
    front::read_inline(&blocks, &mut sheet);
    warnings.extend(sheet.warnings);
    let (mut front, mut origins) = values::read(&sheet.found, config, &mut warnings);
    let mut drop: BTreeSet<usize> = sheet.used.iter().copied().collect();
    let history = history::find(&blocks, &mut warnings);
    if let Some(h) = &history {
        drop_section_of(&blocks, h.block, &mut drop);
        origins.push(Origin::new("history", Some(blocks[h.block].loc), "the amendment table"));
    }
    let eia = eia::find(&blocks, &mut warnings);
    if let Some(e) = &eia {
        drop.extend(e.blocks.clone());
        origins.push(Origin::new("eia", Some(blocks[e.blocks.start].loc), "the equality impact assessment form"));
    }
    let refs = references::find(&blocks, &with_captions(&blocks, &drop));
    if let Some(r) = &refs {
        let at = blocks[r.heading].loc;
        origins.push(Origin::new("references", Some(at), "the references section"));
        // Citations follow no one form: each split into title and publisher is a reading to check.
        warnings.push(Warning::new(
            WarnKind::Check,
            Some(at),
            Some("references"),
            format!(
                "{} references read from the section “{}”: check each title, publisher and year against the source",
                r.references.len(),
                short(&blocks[r.heading].plain())
            ),
        ));
    }
    if let Some(section) = refs.as_ref().and_then(|r| r.section.clone()) {
        drop.extend(section);
    }
    let refs = refs.map(|r| r.references).unwrap_or_default();
    drop_captions(&blocks, &mut drop, &mut warnings);
    if let Some(id) = id {
        front.id = Some(id.to_uppercase());
        origins.retain(|o| o.key != "id");
        origins.push(Origin::new("id", None, "--id"));
    }
    fill_from_body(&mut front, &blocks, start, &hints, &mut drop, config, &mut warnings);
    locate_inferences(&origins, &mut warnings);
    report_missing(&front, &mut warnings);
    report_related(&blocks, &drop, &mut warnings);
    let body: Vec<Block> =
        blocks.iter().enumerate().filter(|(i, _)| !drop.contains(i)).map(|(_, b)| b.clone()).collect();
    let body = even_levels(body);
    let roles = Roles::new(config);
    let sections = body.iter().filter_map(|b| b.heading().map(|(_, t)| t.to_string())).collect();
    let history = match history {
        Some(h) => h.entries,
        None => history::find_inline(&blocks, &mut warnings).unwrap_or_default(),
    };
    let eia = eia.map(|e| e.eia);
    let entries = front_matter(&front, &refs, &history, eia.as_ref());
    if !history.is_empty() && !origins.iter().any(|o| o.key == "history") {
        origins.push(Origin::new("history", None, "an amendment table flattened into running text"));
    }
    let written: Vec<&str> = entries.iter().map(|(k, _)| *k).collect();
    let origins = origin::complete(&written, origins, &warnings);
    let mut text = String::from("---\n");
    write_map(&entries, 0, &mut text);
    text.push_str("---\n\n");
    text.push_str(&markdown::body(&body, &|t| roles.tag(t)));
    Imported { front, references: refs, history, eia, markdown: text, sections, warnings, origins }
}

/// The amendment table leaves the body; so does its heading when the
/// section holds nothing else but a line of introduction.
fn drop_section_of(blocks: &[Block], table: usize, drop: &mut BTreeSet<usize>) {
    drop.insert(table);
    let heading = (0..table).rev().find(|&i| blocks[i].heading().is_some());
    if let Some(h) = heading {
        let level = blocks[h].heading().map_or(1, |(l, _)| l);
        let end = blocks[h + 1..]
            .iter()
            .position(|b| b.heading().is_some_and(|(m, _)| m <= level))
            .map_or(blocks.len(), |p| h + 1 + p);
        let others = (h + 1..end).filter(|&i| i != table && !matches!(blocks[i].kind, Kind::Paragraph { .. })).count();
        if others == 0 && end - h <= 3 {
            drop.extend(h..end);
        }
    }
}

/// The caption of a table that left the body ("Document Control" above
/// the control table, "Version History" above the amendment table): a
/// short line whose every word names such a block goes with it, reported.
/// Whether `text` is the caption of a front-sheet, history or EIA table
/// ("Document Control", "Section 5 – Version History", "Equality Impact
/// Assessment"): a few words, all of them such a caption's.
fn is_caption(text: &str) -> bool {
    const CAPTION_WORDS: [&str; 23] = [
        "document",
        "control",
        "version",
        "versions",
        "history",
        "amendment",
        "amendments",
        "revision",
        "record",
        "log",
        "change",
        "changes",
        "sheet",
        "information",
        "revisions",
        "details",
        "table",
        "equality",
        "impact",
        "assessment",
        "eia",
        "screening",
        "form",
    ];
    // "Section 5 – Document History": the caption's number aside.
    let caption = super::layout::heading_number(text).map_or(text.to_string(), |(_, rest)| rest);
    let ws = super::labels::words(&caption);
    !ws.is_empty() && ws.len() <= 4 && ws.iter().all(|(w, _)| CAPTION_WORDS.contains(&w.as_str()))
}

/// `claimed` and the caption just before each run of claimed blocks.
fn with_captions(blocks: &[Block], claimed: &BTreeSet<usize>) -> BTreeSet<usize> {
    let captions = claimed.iter().filter_map(|&i| i.checked_sub(1)).filter(|c| !claimed.contains(c));
    let captions: Vec<usize> = captions.filter(|&c| is_caption(&blocks[c].plain())).collect();
    claimed.iter().copied().chain(captions).collect()
}

fn drop_captions(blocks: &[Block], drop: &mut BTreeSet<usize>, warnings: &mut Vec<Warning>) {
    let tables: Vec<usize> = drop.iter().copied().filter(|&i| matches!(blocks[i].kind, Kind::Table { .. })).collect();
    for t in tables {
        let Some(i) = t.checked_sub(1).filter(|i| !drop.contains(i)) else { continue };
        let (Kind::Paragraph { text } | Kind::Heading { text, .. }) = &blocks[i].kind else { continue };
        if is_caption(&text.plain) {
            drop.insert(i);
            warnings.push(Warning::new(
                WarnKind::Dropped,
                Some(blocks[i].loc),
                None,
                format!("“{}”, the caption of a table read into the front matter, left out", text.plain.trim()),
            ));
        }
    }
}

/// What a source says of its title besides a labelled value.
struct TitleHints {
    /// Word's Title style.
    styled: Option<String>,
    /// A running header or footer.
    running: Option<String>,
}

/// Title, type, status and summary from the body when the front sheet
/// does not label them, each reported for a person to confirm.
fn fill_from_body(
    front: &mut Front,
    blocks: &[Block],
    start: usize,
    hints: &TitleHints,
    drop: &mut BTreeSet<usize>,
    config: &Config,
    warnings: &mut Vec<Warning>,
) {
    if front.title.is_none() {
        let description = front.description.clone();
        front.title = title_from_body(blocks, start, hints, description, drop, config, warnings);
    }
    if let Some(title) = &front.title {
        drop_cover_title(blocks, start, title, drop);
        drop_organisation_lines(blocks, start, drop, config, warnings);
    }
    if front.doc_type.is_none() {
        front.doc_type = type_from_text(front.title.as_deref(), blocks, config, warnings);
    }
    if front.status.is_none() && front.ratified_date.is_some() {
        front.status = Some("ratified".into());
        warnings.push(Warning::new(
            WarnKind::Check,
            None,
            Some("status"),
            "status “ratified” read from the ratification date; no status is written on the front sheet",
        ));
    }
    if front.summary.is_none() {
        front.summary = summary_section(blocks);
        if front.summary.is_some() {
            warnings.push(Warning::new(
                WarnKind::Check,
                None,
                Some("summary"),
                "summary taken from the first paragraph of the section called Summary",
            ));
        }
    }
}

/// A title no label gives: Word's Title style, then the reader box's
/// “Description”, then a running header or footer, then the first short
/// line (which then leaves the body).
fn title_from_body(
    blocks: &[Block],
    start: usize,
    hints: &TitleHints,
    description: Option<String>,
    drop: &mut BTreeSet<usize>,
    config: &Config,
    warnings: &mut Vec<Warning>,
) -> Option<String> {
    let check = |message: String| Warning::new(WarnKind::Check, None, Some("title"), message);
    if let Some(t) = &hints.styled {
        warnings.push(check(format!("title “{t}” taken from the paragraph in Word's Title style")));
        Some(values::title_case_if_caps(t))
    } else if let Some(d) = description {
        warnings.push(check("title taken from the reader box's “Description”".into()));
        Some(d)
    } else if let Some(line) = cover_title(blocks, start, config) {
        title_from_line(blocks, line, "the cover's line that names the document's type", drop, warnings)
    } else if let Some(t) = hints.running.clone() {
        warnings.push(check(format!("title “{t}” taken from the running header or footer")));
        Some(t)
    } else if let Some((i, t)) = first_line(blocks, start, drop) {
        title_from_line(blocks, (i..i + 1, t), "the first line of the document", drop, warnings)
    } else {
        None
    }
}

/// A title read from one line of the cover: reported with its line, and
/// the line leaves the body.
fn title_from_line(
    blocks: &[Block],
    (lines, t): (Range<usize>, String),
    whence: &str,
    drop: &mut BTreeSet<usize>,
    warnings: &mut Vec<Warning>,
) -> Option<String> {
    let message = format!("title “{t}” taken from {whence}");
    warnings.push(Warning::new(WarnKind::Check, Some(blocks[lines.start].loc), Some("title"), message));
    drop.extend(lines);
    Some(t)
}

/// The cover's title, printed again above the control table, leaves the body.
fn drop_cover_title(blocks: &[Block], start: usize, title: &str, drop: &mut BTreeSet<usize>) {
    for (i, b) in blocks.iter().enumerate().take(start + 1) {
        if matches!(b.kind, Kind::Paragraph { .. } | Kind::Heading { .. })
            && b.plain().trim().eq_ignore_ascii_case(title)
        {
            drop.insert(i);
        }
    }
}

/// The document type the title ends with, else the one the text names
/// itself by most, reported either way.
fn type_from_text(
    title: Option<&str>,
    blocks: &[Block],
    config: &Config,
    warnings: &mut Vec<Warning>,
) -> Option<String> {
    let check = |message: String| Warning::new(WarnKind::Check, None, Some("type"), message);
    if let Some(t) = title.and_then(|title| values::doc_type(title, config)) {
        warnings.push(check(format!("type “{t}” taken from the title")));
        return Some(t);
    }
    let t = self_reference(blocks, config)?;
    warnings.push(check(format!("type “{t}” taken from how the text names itself (“this {t}”)")));
    Some(t)
}

/// The document type the text names itself by most ("This strategy
/// applies to ..."), if it does at least twice.
fn self_reference(blocks: &[Block], config: &Config) -> Option<String> {
    let text = blocks.iter().map(Block::plain).collect::<Vec<_>>().join(" ").to_lowercase();
    config
        .site
        .document_types
        .iter()
        .map(|t| (text.matches(&format!("this {t}")).count(), t))
        .filter(|(n, _)| *n >= 2)
        .max_by_key(|(n, _)| *n)
        .map(|(_, t)| t.clone())
}

/// The cover's line that names a document type ("LONE WORKING PROCEDURE",
/// "Freedom to Speak Up (Whistleblowing) Policy"): the title, where an
/// organisation's name or a running header stands above it. The first
/// heading counts, as a title in capitals reads as one.
fn cover_title(blocks: &[Block], start: usize, config: &Config) -> Option<(Range<usize>, String)> {
    let line = |b: &Block| match &b.kind {
        Kind::Paragraph { text } | Kind::Heading { text, number: None, .. } => Some(text.plain.trim().to_string()),
        _ => None,
    };
    let title = |t: &str| values::title_case_if_caps(without_organisation(t));
    (0..blocks.len().min(start + 1)).find_map(|i| {
        let t = line(&blocks[i])?;
        if is_cover_title(&t, config) {
            return Some((i..i + 1, title(&t)));
        }
        // "Controlled Drugs Ordering" over "Standard Operating Procedure":
        // a title set on two lines, the second naming only the kind.
        let previous = i.checked_sub(1).and_then(|p| line(&blocks[p]))?;
        let joined = format!("{previous} {t}");
        (names_only_a_kind(&t, config) && !is_organisation(&previous) && is_cover_title(&joined, config))
            .then(|| (i - 1..i + 1, title(&joined)))
    })
}

/// A short line that names a document type and more than its kind, and is
/// no organisation, label or sentence: a cover's title.
fn is_cover_title(t: &str, config: &Config) -> bool {
    let t = without_organisation(t);
    let words = t.split_whitespace().count();
    (2..=14).contains(&words)
        && !is_organisation(t)
        && !t.ends_with(['.', ':'])
        && super::labels::at_start(t).is_none()
        && values::doc_type(t, config).is_some()
        && !names_only_a_kind(t, config)
}

/// "Clinical Guideline", "Standard Operating Procedure": a line that says
/// what kind of document follows, not which one.
fn names_only_a_kind(t: &str, config: &Config) -> bool {
    const KIND_WORDS: [&str; 8] =
        ["clinical", "corporate", "standard", "operating", "trust", "wide", "non", "document"];
    super::labels::words(t).iter().all(|(w, _)| {
        let singular = w.trim_end_matches('s');
        KIND_WORDS.contains(&w.as_str())
            || config.site.document_types.iter().any(|d| d == singular)
            || singular == "guidance"
    })
}

/// A cover line run together with the organisation's name above it
/// ("Northway … NHS Trust Safe Handling of … Procedure"): what follows the name.
fn without_organisation(t: &str) -> &str {
    let ws = super::labels::words(t);
    let end = ws.iter().take(12).rposition(|(w, _)| matches!(w.as_str(), "trust" | "board"));
    match end {
        Some(k) if k + 1 < ws.len() && ws[..k].iter().any(|(w, _)| w == "nhs") => t[ws[k].1..].trim(),
        _ => t,
    }
}

/// An organisation's name ("Ashdown Valley Hospitals NHS Trust",
/// "HARBOURSIDE COMMUNITY NHS TRUST"): never a document's title.
fn is_organisation(t: &str) -> bool {
    let words: Vec<String> = super::labels::words(t).into_iter().map(|w| w.0).collect();
    let last = words.last().map_or("", String::as_str);
    words.len() <= 10 && matches!(last, "trust" | "board" | "icb" | "council" | "partnership")
        || words.iter().any(|w| w == "nhs") && words.len() <= 8 && !words.iter().any(|w| w == "policy")
}

/// The organisation's name above the title on the cover leaves the body,
/// reported: the site names the organisation.
fn drop_organisation_lines(
    blocks: &[Block],
    start: usize,
    drop: &mut BTreeSet<usize>,
    config: &Config,
    warnings: &mut Vec<Warning>,
) {
    for (i, b) in blocks.iter().enumerate().take(start + 1) {
        let name = match &b.kind {
            Kind::Paragraph { text } | Kind::Heading { text, number: None, .. } => text.plain.trim().to_string(),
            // "Larchfield and District NHS Trust      Standard Operating Procedure":
            // a header line of the cover, the organisation and a short tag.
            Kind::Table { rows } if rows.len() == 1 => {
                let cells = rows[0].filled();
                let short = cells.iter().skip(1).all(|c| c.split_whitespace().count() <= 6);
                match cells.first() {
                    Some(first) if short && cells.len() <= 3 => first.to_string(),
                    _ => continue,
                }
            }
            _ => continue,
        };
        // "Underwood … NHS Trust Infection Prevention and Control": the
        // organisation and its department or a kind, no title.
        let rest = without_organisation(&name);
        let no_title = values::doc_type(rest, config).is_none() && rest.split_whitespace().count() <= 6;
        let kind_after_name = rest != name && (names_only_a_kind(rest, config) || no_title);
        if !drop.contains(&i) && (is_organisation(&name) || kind_after_name) {
            drop.insert(i);
            warnings.push(Warning::new(
                WarnKind::Dropped,
                Some(b.loc),
                None,
                format!("the organisation's name “{}” on the cover left out", short(&b.plain())),
            ));
        }
    }
}

/// The first short line before the body: a cover's title.
fn first_line(blocks: &[Block], start: usize, drop: &BTreeSet<usize>) -> Option<(usize, String)> {
    blocks.iter().enumerate().take(start.max(1)).filter(|(i, _)| !drop.contains(i)).find_map(|(i, b)| {
        let t = match &b.kind {
            Kind::Paragraph { text } | Kind::Heading { text, .. } => text.plain.trim().to_string(),
            _ => return None,
        };
        let words = t.split_whitespace().count();
        let lower = t.to_lowercase();
        let not_title = ["summary", "contents", "document control", "reader box", "transcription"]
            .iter()
            .any(|w| lower.contains(w))
            || is_organisation(&t);
        ((2..=14).contains(&words) && !not_title && !t.ends_with(['.', ':']))
            .then(|| (i, values::title_case_if_caps(&t)))
    })
}

/// The first paragraph of a section called Summary (or Document / Executive Summary).
fn summary_section(blocks: &[Block]) -> Option<String> {
    let h = blocks.iter().position(|b| {
        b.heading().is_some_and(|(_, t)| {
            let t = t.to_lowercase();
            t == "summary" || t == "executive summary" || t == "document summary"
        })
    })?;
    blocks[h + 1..].iter().take_while(|b| b.heading().is_none()).find_map(|b| match &b.kind {
        Kind::Paragraph { text } => Some(text.plain.trim().to_string()),
        _ => None,
    })
}

/// A value inferred from another names the line of that other: the type
/// the title's line, the status the ratification date's line.
fn locate_inferences(origins: &[Origin], warnings: &mut [Warning]) {
    let line_of = |key: &str, warnings: &[Warning]| {
        origins.iter().find(|o| o.key == key).and_then(|o| o.at).or_else(|| {
            warnings.iter().find(|w| w.kind == WarnKind::Check && w.key.as_deref() == Some(key)).and_then(|w| w.at)
        })
    };
    let (title, ratified) = (line_of("title", warnings), line_of("ratified.date", warnings));
    for w in warnings.iter_mut().filter(|w| w.kind == WarnKind::Check && w.at.is_none()) {
        w.at = match w.key.as_deref() {
            Some("type") if w.message.contains("from the title") => title,
            Some("status") => ratified,
            _ => None,
        };
    }
}

/// A "Related documents" section stays in the body: the importer does not
/// read `related` (which names the library's own documents by id), so it
/// says where the list is for a person to fill the key in.
fn report_related(blocks: &[Block], drop: &BTreeSet<usize>, warnings: &mut Vec<Warning>) {
    let related = blocks.iter().enumerate().find(|(i, b)| {
        !drop.contains(i)
            && b.heading().is_some_and(|(_, t)| {
                let t = t.to_lowercase();
                t.contains("related") && ["document", "polic", "procedure", "guidance"].iter().any(|w| t.contains(w))
            })
    });
    if let Some((_, b)) = related {
        warnings.push(Warning::new(
            WarnKind::Missing,
            Some(b.loc),
            Some("related"),
            format!("the section “{}” stays in the body; `related` (the ids of the library's documents it names) is left for a person", short(&b.plain())),
        ));
    }
}

/// Required keys the source did not give.
fn report_missing(front: &Front, warnings: &mut Vec<Warning>) {
    let always = [
        ("id", front.id.is_none(), "no identifier found; give one with --id or add it"),
        ("title", front.title.is_none(), "no title found"),
        ("type", front.doc_type.is_none(), "no document type found"),
        ("version", front.version.is_none(), "no version number found"),
        ("status", front.status.is_none(), "no status found"),
        ("summary", front.summary.is_none(), "no summary (a “Summary” or “Policy statement”) found"),
    ];
    let ratified = front.status.as_deref() == Some("ratified");
    let when_ratified = [
        ("directorate", front.directorate.is_none(), "no directorate (“Responsibility”) found"),
        ("author", front.author_name.is_none(), "no author found"),
        (
            "ratified",
            front.ratified_by.is_none() || front.ratified_date.is_none(),
            "no ratifying committee and date found",
        ),
        ("review_date", front.review_date.is_none(), "no review date (as a day) found"),
    ];
    for (key, missing, message) in always.into_iter().chain(when_ratified.into_iter().filter(|_| ratified)) {
        if missing {
            warnings.push(Warning::missing(key, format!("{message}; left out for a person to fill in")));
        }
    }
}

/// Heading levels start at 1 and go down one at a time.
pub(super) fn even_levels(mut body: Vec<Block>) -> Vec<Block> {
    let min = body.iter().filter_map(|b| b.heading().map(|(l, _)| l)).min().unwrap_or(1);
    let mut previous = 0u8;
    for b in &mut body {
        if let Kind::Heading { level, .. } = &mut b.kind {
            *level = (*level - (min - 1)).min(previous + 1).max(1);
            previous = *level;
        }
    }
    body
}

fn opt(entries: &mut Vec<(&'static str, Yaml)>, key: &'static str, value: &Option<String>) {
    if let Some(v) = value {
        entries.push((key, Yaml::str(v.clone())));
    }
}

fn date(entries: &mut Vec<(&'static str, Yaml)>, key: &'static str, value: Option<crate::model::Date>) {
    if let Some(d) = value {
        entries.push((key, Yaml::Date(d)));
    }
}

fn pair(
    entries: &mut Vec<(&'static str, Yaml)>,
    key: &'static str,
    by: &Option<String>,
    when: Option<crate::model::Date>,
) {
    let mut inner = Vec::new();
    opt(&mut inner, "by", by);
    date(&mut inner, "date", when);
    if !inner.is_empty() {
        entries.push((key, Yaml::Map(inner)));
    }
}

fn front_matter(f: &Front, refs: &[Reference], history: &[Entry], eia: Option<&Eia>) -> Vec<(&'static str, Yaml)> {
    let mut e = Vec::new();
    opt(&mut e, "id", &f.id);
    opt(&mut e, "title", &f.title);
    opt(&mut e, "type", &f.doc_type);
    opt(&mut e, "version", &f.version);
    opt(&mut e, "status", &f.status);
    opt(&mut e, "summary", &f.summary);
    opt(&mut e, "scope", &f.scope);
    opt(&mut e, "classification", &f.classification);
    opt(&mut e, "directorate", &f.directorate);
    if f.author_name.is_some() || f.author_title.is_some() {
        let mut a = Vec::new();
        opt(&mut a, "name", &f.author_name);
        opt(&mut a, "title", &f.author_title);
        e.push(("author", Yaml::Map(a)));
    }
    opt(&mut e, "executive_lead", &f.executive_lead);
    opt(&mut e, "head_of_department", &f.head_of_department);
    opt(&mut e, "contact", &f.contact);
    if f.audience_primary.is_some() || !f.audience_secondary.is_empty() {
        let mut a = Vec::new();
        opt(&mut a, "primary", &f.audience_primary);
        if !f.audience_secondary.is_empty() {
            a.push(("secondary", Yaml::List(f.audience_secondary.iter().cloned().map(Yaml::Str).collect())));
        }
        e.push(("audience", Yaml::Map(a)));
    }
    if let Some((id, version)) = &f.replaces {
        let mut r = Vec::new();
        opt(&mut r, "id", &id.clone().or_else(|| f.id.clone()));
        r.push(("version", Yaml::str(version.clone())));
        e.push(("replaces", Yaml::List(vec![Yaml::Map(r)])));
    }
    pair(&mut e, "validated", &f.validated_by, f.validated_date);
    pair(&mut e, "ratified", &f.ratified_by, f.ratified_date);
    date(&mut e, "published", f.published);
    date(&mut e, "review_date", f.review_date);
    if let Some(p) = f.public {
        e.push(("public", Yaml::Bool(p)));
    }
    if !f.principles.is_empty() || !f.staff_pledges.is_empty() {
        let list = |v: &[u8]| Yaml::List(v.iter().map(|n| Yaml::Int(*n as i64)).collect());
        e.push((
            "nhs_constitution",
            Yaml::Map(vec![("principles", list(&f.principles)), ("staff_pledges", list(&f.staff_pledges))]),
        ));
    }
    if let Some(b) = f.equality_act {
        e.push(("equality_act_compliant", Yaml::Bool(b)));
    }
    pair(&mut e, "references_checked", &f.refs_checked_by, f.refs_checked_date);
    if !refs.is_empty() {
        e.push(("references", Yaml::List(refs.iter().map(reference).collect())));
    }
    if !history.is_empty() {
        e.push(("history", Yaml::List(history.iter().map(history_entry).collect())));
    }
    if let Some(eia) = eia {
        e.push(("eia", eia_map(eia)));
    }
    e
}

fn reference(r: &Reference) -> Yaml {
    let mut m = vec![("title", Yaml::str(r.title.clone()))];
    opt(&mut m, "publisher", &r.publisher);
    if let Some(y) = r.year {
        m.push(("year", Yaml::Int(y as i64)));
    }
    opt(&mut m, "url", &r.url);
    date(&mut m, "accessed", r.accessed);
    Yaml::Map(m)
}

fn history_entry(h: &Entry) -> Yaml {
    let mut m = vec![("version", Yaml::str(h.version.clone()))];
    date(&mut m, "date", h.date);
    opt(&mut m, "changed", &h.changed);
    opt(&mut m, "description", &h.description);
    date(&mut m, "review_date", h.review_date);
    opt(&mut m, "by", &h.by);
    Yaml::Map(m)
}

fn eia_map(eia: &Eia) -> Yaml {
    let mut m = Vec::new();
    if let Some(s) = eia.stage {
        m.push(("stage", Yaml::Int(s as i64)));
    }
    date(&mut m, "date", eia.date);
    opt(&mut m, "lead_assessor", &eia.lead_assessor);
    opt(&mut m, "department", &eia.department);
    if !eia.consulted.is_empty() {
        m.push(("consulted", Yaml::List(eia.consulted.iter().cloned().map(Yaml::Str).collect())));
    }
    let impacts = eia
        .impacts
        .iter()
        .map(|(k, impact, comment)| {
            let v = match comment {
                Some(c) => Yaml::Map(vec![("impact", Yaml::str(impact.as_str())), ("comment", Yaml::str(c.clone()))]),
                None => Yaml::str(impact.as_str()),
            };
            (*k, v)
        })
        .collect();
    m.push(("impacts", Yaml::Map(impacts)));
    if !eia.action_plan.is_empty() {
        let items = eia
            .action_plan
            .iter()
            .map(|a| {
                let mut i = vec![("action", Yaml::str(a.action.clone()))];
                opt(&mut i, "lead", &a.lead);
                date(&mut i, "due", a.due);
                date(&mut i, "done", a.done);
                Yaml::Map(i)
            })
            .collect();
        m.push(("action_plan", Yaml::List(items)));
    }
    Yaml::Map(m)
}
