//! The report as JSON, CSV or text for a person. Staff names and `who`
//! come from the files the command was given; the text for the terminal
//! is cleaned of control characters by the command line.

use super::reconcile::{DocumentReport, Report};
use crate::records::csv;

pub fn json(report: &Report) -> String {
    serde_json::to_string_pretty(report).unwrap_or_default() + "\n"
}

/// The CSV's columns, documented in docs/telling-people.md.
pub const CSV_COLUMNS: [&str; 8] =
    ["id", "title", "version", "who", "name", "state", "response_version", "response_when"];

/// One row per document and person who must confirm it, with the BOM
/// that makes Excel read it as UTF-8; formula-safe (`records::csv`).
pub fn csv(report: &Report) -> String {
    let mut out = format!("{}{}", csv::BOM, csv::row(CSV_COLUMNS));
    for d in &report.documents {
        for e in &d.people {
            let (version, when) =
                e.counted.as_ref().map_or((String::new(), String::new()), |(v, w)| (v.clone(), w.iso()));
            let cells = [&d.id, &d.title, &d.version, &e.who, &e.name, e.state.as_str(), &version, &when];
            out.push_str(&csv::row(cells));
        }
    }
    out
}

/// For a person: each document with its counts and who must still act,
/// each role's completion, then the responses that did not count.
pub fn human(report: &Report) -> String {
    let mut out = String::new();
    if report.documents.is_empty() {
        out.push_str("No document in force asks staff to confirm they have read it.\n");
    }
    report.documents.iter().for_each(|d| out.push_str(&document(d)));
    if !report.roles.is_empty() {
        out.push_str("\nBy role (staff who confirmed every document they must):\n");
        for r in &report.roles {
            out.push_str(&format!("  {}: {} of {} ({}%)\n", r.role, r.confirmed, r.staff, r.percent));
        }
    }
    if !report.mismatched.is_empty() {
        out.push_str("\nConfirmed the version in force with another fingerprint (not counted; ask them to use the page's link):\n");
        for m in &report.mismatched {
            let given = if m.fingerprint.trim().is_empty() { "no fingerprint given" } else { &m.fingerprint };
            out.push_str(&format!("  {}  {} version {}: {given}\n", m.who, m.id, m.version));
        }
    }
    if !report.unknown.is_empty() {
        out.push_str("\nRows not counted:\n");
        report.unknown.iter().for_each(|u| out.push_str(&format!("  {}\n", u.reason)));
    }
    out
}

fn document(d: &DocumentReport) -> String {
    let mut out = format!(
        "\n{}  {}, version {}: {} of {} confirmed\n",
        d.id,
        d.title,
        d.version,
        d.confirmed.len(),
        d.people.len()
    );
    if d.fingerprint.is_none() {
        out.push_str("  (ratified.lock records no fingerprint for this version: fingerprints were not compared)\n");
    }
    // One person a line: a ward's list is read down, and pasted into e-mails.
    let named = |state: super::reconcile::State| {
        let names: Vec<String> =
            d.people.iter().filter(|e| e.state == state).map(|e| format!("    {} ({})\n", e.name, e.who)).collect();
        names
    };
    use super::reconcile::State::*;
    for (label, state) in [
        ("must read again (confirmed an older version)", OlderVersion),
        ("fingerprint did not match", Mismatched),
        ("not confirmed", NotConfirmed),
    ] {
        let names = named(state);
        if !names.is_empty() {
            out.push_str(&format!("  {label} ({}):\n{}", names.len(), names.concat()));
        }
    }
    out
}
