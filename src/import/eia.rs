//! The equality impact assessment: the EIA form or table in an appendix
//! (assessor, department, date, groups consulted, each protected
//! characteristic's impact and comment, the action plan), read into `eia`.

use super::blocks::{Block, Kind, Row};
use super::clean::{TICKED, UNTICKED};
use super::labels::words;
use super::tables::{self, has};
use super::warn::{WarnKind, Warning};
use crate::model::Date;

/// The protected characteristics of the Equality Act 2010, as the keys of
/// `impacts`, with the words a form's rows start with.
pub const CHARACTERISTICS: &[(&str, &[&[&str]])] = &[
    ("age", &[&["age"]]),
    ("disability", &[&["disability"], &["disabled"]]),
    ("gender_reassignment", &[&["gender", "reassignment"], &["gender", "identity"], &["transgender"], &["trans"]]),
    ("marriage_and_civil_partnership", &[&["marriage"], &["civil", "partnership"]]),
    ("pregnancy_and_maternity", &[&["pregnancy"], &["maternity"]]),
    ("race", &[&["race"], &["ethnicity"], &["ethnic"]]),
    ("religion_or_belief", &[&["religion"], &["belief"], &["faith"]]),
    ("sex", &[&["sex"], &["gender"]]),
    ("sexual_orientation", &[&["sexual", "orientation"], &["sexuality"]]),
    ("other", &[&["other"], &["carers"], &["human", "rights"]]),
];

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Impact {
    Positive,
    Negative,
    Neutral,
}

impl Impact {
    pub fn as_str(self) -> &'static str {
        match self {
            Impact::Positive => "positive",
            Impact::Negative => "negative",
            Impact::Neutral => "neutral",
        }
    }

    fn parse(s: &str) -> Option<Impact> {
        let w: Vec<String> = words(s).into_iter().map(|w| w.0).collect();
        match w.iter().map(String::as_str).collect::<Vec<_>>().as_slice() {
            ["positive", ..] => Some(Impact::Positive),
            ["negative", ..] => Some(Impact::Negative),
            ["neutral", ..] | ["no", "impact", ..] | ["none"] | ["nil"] | ["no", "effect", ..] => Some(Impact::Neutral),
            _ => None,
        }
    }
}

#[derive(Clone, Debug, PartialEq)]
pub struct Action {
    pub action: String,
    pub lead: Option<String>,
    pub due: Option<Date>,
    pub done: Option<Date>,
}

#[derive(Clone, Debug, Default, PartialEq)]
pub struct Eia {
    pub stage: Option<u8>,
    pub date: Option<Date>,
    pub lead_assessor: Option<String>,
    pub department: Option<String>,
    pub consulted: Vec<String>,
    /// Key, impact, comment; in the form's order.
    pub impacts: Vec<(&'static str, Impact, Option<String>)>,
    pub action_plan: Vec<Action>,
}

pub struct Found {
    pub eia: Eia,
    /// The blocks of the form: left out of the body.
    pub blocks: std::ops::Range<usize>,
}

fn is_title(text: &str) -> bool {
    let w: Vec<String> = words(text).into_iter().map(|w| w.0).collect();
    let joined = w.join(" ");
    w.len() <= 14
        && (joined.contains("equality impact assessment")
            || joined.contains("equality and diversity impact assessment")
            || joined.contains("equality analysis")
            || joined.contains("equality impact analysis")
            || w == ["eia"])
}

/// Finds the EIA: from a heading or short title naming it to the end of its
/// section (or of the document when it is an appendix).
pub fn find(blocks: &[Block], warnings: &mut Vec<Warning>) -> Option<Found> {
    let start = blocks.iter().position(|b| match &b.kind {
        Kind::Heading { text, .. } => is_title(&text.plain),
        Kind::Paragraph { text } => is_title(&text.plain),
        _ => false,
    })?;
    let level = blocks[start].heading().map(|(l, _)| l);
    let end = match level {
        Some(l) => blocks[start + 1..]
            .iter()
            .position(|b| b.heading().is_some_and(|(m, _)| m <= l))
            .map_or(blocks.len(), |p| start + 1 + p),
        None => blocks[start + 1..].iter().position(|b| b.heading().is_some()).map_or(blocks.len(), |p| start + 1 + p),
    };
    let region = &blocks[start..end];
    let mut eia = Eia::default();
    let text: String = region.iter().map(|b| b.plain().to_lowercase()).collect::<Vec<_>>().join("\n");
    eia.stage = if text.contains("stage 2") || text.contains("full assessment") || text.contains("full equality impact")
    {
        Some(2)
    } else if text.contains("stage 1") || text.contains("screening") || text.contains("initial assessment") {
        Some(1)
    } else {
        None
    };
    // A form's details may stand as "Label: value" lines outside its tables.
    let rows: Vec<Row> = region
        .iter()
        .filter(|b| matches!(b.kind, Kind::Table { .. }) || (b.plain().contains(':') && b.plain().len() < 200))
        .flat_map(Block::rows)
        .collect();
    read_details(&rows, &mut eia, warnings);
    read_impacts(&rows, &mut eia, warnings);
    eia.action_plan = action_plan(&rows, warnings);
    if eia.impacts.is_empty() {
        warnings.push(Warning::new(
            WarnKind::Missing,
            Some(blocks[start].loc),
            Some("eia"),
            "an equality impact assessment is named here but no impact of any protected characteristic was found; no eia written",
        ));
        return None;
    }
    let loc = blocks[start].loc;
    if eia.stage.is_none() {
        warnings.push(Warning::new(
            WarnKind::Missing,
            Some(loc),
            Some("eia.stage"),
            "the form does not say its stage (1 = screening, 2 = full assessment); left out",
        ));
    }
    for (key, _) in CHARACTERISTICS.iter().filter(|(k, _)| *k != "other") {
        if !eia.impacts.iter().any(|(k, _, _)| k == key) {
            warnings.push(Warning::new(
                WarnKind::Missing,
                Some(loc),
                Some("eia.impacts"),
                format!("no impact given for {key}"),
            ));
        }
    }
    for (key, what) in [("eia.date", eia.date.is_none()), ("eia.lead_assessor", eia.lead_assessor.is_none())] {
        if what {
            warnings.push(Warning::new(
                WarnKind::Missing,
                Some(loc),
                Some(key),
                format!("the form does not give {}; left out", &key[4..]),
            ));
        }
    }
    Some(Found { eia, blocks: start..end })
}

/// Label/value rows: assessor, department, date, groups consulted. A row
/// may hold several pairs ("Assessor: Karen Whitlock | Date: 12/03/2025").
fn read_details(rows: &[Row], eia: &mut Eia, warnings: &mut Vec<Warning>) {
    let mut consulting = false;
    for row in rows {
        let cells = row.plain();
        if words(cells.first().copied().unwrap_or("")).is_empty() {
            if consulting {
                eia.consulted.extend(groups(&cells[1..]));
            }
            continue;
        }
        consulting = false;
        for (label, value) in label_pairs(&cells) {
            let first: Vec<String> = words(label).into_iter().map(|w| w.0).collect();
            if has(&first, "consulted") || (has(&first, "groups") && has(&first, "consult")) {
                consulting = true;
                eia.consulted.extend(groups(&cells[1..]));
                break;
            }
            read_detail(&first, value, row, eia, warnings);
        }
    }
}

/// The label/value pairs of a row: "Label: value" cells, and a label cell
/// followed by its value cell.
fn label_pairs<'c>(cells: &[&'c str]) -> Vec<(&'c str, Option<&'c str>)> {
    let is_value = |c: &&str| !c.is_empty() && *c != TICKED && *c != UNTICKED;
    let mut out = Vec::new();
    let mut k = 0;
    // A label stands first, and again after each value: "Assessed by |
    // Helen Marsh | Date | 3 March 2025".
    let mut label_next = true;
    while k < cells.len() {
        let cell = cells[k];
        k += 1;
        match cell.split_once(':') {
            Some((label, value)) if !value.trim().is_empty() && label.split_whitespace().count() <= 6 => {
                out.push((label, Some(value.trim())));
                label_next = true;
            }
            _ if (label_next && !cell.is_empty()) || cell.ends_with(':') => {
                let next = cells[k..].iter().position(is_value);
                out.push((cell.trim_end_matches(':'), next.map(|p| cells[k + p])));
                k += next.map_or(0, |p| p + 1);
                label_next = next.is_some();
            }
            _ => label_next = false,
        }
    }
    out
}

/// One labelled detail of the form, by the words of its label: who
/// assessed ("Assessor", "Assessed by", "Name of person completing",
/// "Completed by"), which department, when, and at which stage.
fn read_detail(first: &[String], value: Option<&str>, row: &Row, eia: &mut Eia, warnings: &mut Vec<Warning>) {
    let starts = |ws: &[&str]| ws.iter().zip(first).all(|(a, b)| a == b) && first.len() >= ws.len();
    let stem = |s: &str| first.iter().any(|w| w.starts_with(s));
    if stem("date") {
        if eia.date.is_none() && !stem("review") {
            eia.date = super::dates::read(value.unwrap_or(""), row.loc, "eia.date", false, warnings);
        }
    } else if stem("assess") || stem("completing") || starts(&["completed", "by"]) {
        // "Lucy Brennan, Infection Prevention Nurse": the assessor is the name.
        let name = value.map(|v| v.split([',', '(']).next().unwrap_or(v).trim().to_string());
        eia.lead_assessor = eia.lead_assessor.take().or(name.filter(|n| !n.is_empty()));
    } else if starts(&["department"]) || starts(&["directorate"]) || starts(&["service"]) {
        eia.department = eia.department.take().or(value.map(str::to_string));
    } else if starts(&["stage"]) {
        let digit = value.and_then(|v| v.trim().chars().next()).and_then(|c| c.to_digit(10));
        eia.stage = digit.filter(|d| (1..=2).contains(d)).map(|d| d as u8).or(eia.stage);
    }
}

/// The groups of a consultation row: with tick boxes, the ticked ones;
/// otherwise every named cell.
fn groups(cells: &[&str]) -> Vec<String> {
    let boxes = cells.iter().any(|c| *c == TICKED || *c == UNTICKED);
    let mut out = Vec::new();
    for (i, c) in cells.iter().enumerate() {
        if c.is_empty() || *c == TICKED || *c == UNTICKED || c.to_lowercase().starts_with("please give details") {
            continue;
        }
        if boxes && cells.get(i + 1) == Some(&TICKED) {
            out.push(c.to_string());
        } else if !boxes {
            // Groups written as a list in one cell.
            out.extend(c.split([',', ';']).map(str::trim).filter(|g| !g.is_empty()).map(str::to_string));
        }
    }
    out
}

fn characteristic(first: &[String]) -> Option<&'static str> {
    CHARACTERISTICS.iter().find_map(|(key, forms)| {
        forms.iter().any(|f| f.len() <= first.len() && f.iter().zip(first).all(|(a, b)| a == b)).then_some(*key)
    })
}

/// Impact rows: a characteristic, its impact (a word, or a mark under a
/// Positive / Negative / Neutral column) and a comment.
fn read_impacts(rows: &[Row], eia: &mut Eia, warnings: &mut Vec<Warning>) {
    let mut mark_columns: Vec<(Impact, usize)> = Vec::new();
    // "Does the policy affect one group less or more favourably …? Yes/No":
    // the column of that answer, where "No" is neutral.
    let mut yes_no: Option<usize> = None;
    for row in rows {
        let cells = row.plain();
        if let Some(i) = cells.iter().position(|c| words(c).iter().map(|w| w.0.as_str()).eq(["yes", "no"])) {
            yes_no = Some(i);
            continue;
        }
        let heads: Vec<(Impact, usize)> = cells
            .iter()
            .enumerate()
            .filter_map(|(i, c)| (words(c).len() <= 2).then(|| Impact::parse(c).map(|p| (p, i))).flatten())
            .collect();
        if heads.len() >= 2 {
            mark_columns = heads;
            continue;
        }
        let first: Vec<String> = words(cells.first().copied().unwrap_or("")).into_iter().map(|w| w.0).collect();
        let Some(key) = characteristic(&first) else { continue };
        if eia.impacts.iter().any(|(k, _, _)| *k == key) {
            continue;
        }
        let by_word = cells.iter().enumerate().skip(1).find_map(|(i, c)| Impact::parse(c).map(|p| (p, i)));
        let by_mark =
            mark_columns.iter().find(|(_, i)| cells.get(*i).is_some_and(|c| is_mark(c))).map(|(p, i)| (*p, *i));
        let by_answer = yes_no.and_then(|i| Some((answer_impact(cells.get(i)?, &cells[i + 1..])?, i)));
        let Some((impact, at)) = by_word.or(by_mark).or(by_answer) else {
            warnings.push(Warning::new(
                WarnKind::Unreadable,
                Some(row.loc),
                Some("eia.impacts"),
                format!("the row for {key} gives no impact (positive, negative or neutral); left out"),
            ));
            continue;
        };
        // "Positive: easy read leaflet": a cell that says more than its impact is a comment too.
        let only_impact = |c: &str| words(c).len() <= 2;
        let comment = cells
            .iter()
            .enumerate()
            .skip(1)
            .filter(|(i, c)| (*i != at || !only_impact(c)) && !c.is_empty() && !is_mark(c))
            .filter(|(i, _)| !mark_columns.iter().any(|(_, m)| m == i) && Some(*i) != yes_no)
            .map(|(_, c)| c.to_string())
            .collect::<Vec<_>>()
            .join(" ");
        let comment = if is_guidance(&comment) {
            warnings.push(Warning::new(
                WarnKind::Check,
                Some(row.loc),
                Some("eia.impacts"),
                format!(
                    "the form's own guidance in the comments column (“{}”) was not taken as a comment",
                    super::warn::short(&comment)
                ),
            ));
            None
        } else {
            Some(comment).filter(|c| !tables::is_blank(c))
        };
        eia.impacts.push((key, impact, comment));
    }
}

/// A "Yes/No" answer to whether a group is affected differently: "No" is
/// neutral; "Yes" is the impact its comment opens with ("Positive: …"),
/// or none (then reported, not guessed).
fn answer_impact(answer: &str, rest: &[&str]) -> Option<Impact> {
    match words(answer).first().map(|w| w.0.as_str()) {
        Some("no") => Some(Impact::Neutral),
        Some("yes") => rest.iter().find(|c| !c.is_empty()).and_then(|c| {
            let first = words(c).into_iter().next()?.0;
            matches!(first.as_str(), "positive" | "negative").then(|| Impact::parse(&first)).flatten()
        }),
        _ => None,
    }
}

fn is_mark(c: &str) -> bool {
    matches!(c.trim(), "x" | "X" | "✓" | "✔" | "☒" | "☑" | "Y" | "y" | "Yes" | "yes")
}

/// A template's instruction left in a cell ("Provide brief description ...").
fn is_guidance(c: &str) -> bool {
    let first = c.split_whitespace().next().unwrap_or("").to_lowercase();
    ["provide", "please", "describe", "give", "explain", "state", "enter", "insert", "list", "include", "consider"]
        .contains(&first.as_str())
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum ActionCol {
    Action,
    Lead,
    Due,
    Done,
}

static ACTION_LABEL: std::sync::LazyLock<regex::Regex> = std::sync::LazyLock::new(|| {
    regex::Regex::new(r"(?i)(?:^|\s)(action|lead|responsible|owner|by|due|deadline|timescale|completed|done)\s*:")
        .expect("action label")
});

/// An action written on one line: "Action: … Lead: … By: …" (in one cell
/// or across cells), each part by its label.
fn action_line(row: &Row, warnings: &mut Vec<Warning>) -> Option<Action> {
    let text = row.filled().join("  ");
    let labels: Vec<(usize, usize, String)> = ACTION_LABEL
        .captures_iter(&text)
        .filter_map(|c| Some((c.get(0)?.start(), c.get(0)?.end(), c[1].to_lowercase())))
        .collect();
    if labels.first().is_none_or(|l| l.2 != "action" || !text[..l.0].trim().is_empty()) {
        return None;
    }
    let part = |names: &[&str]| {
        labels.iter().enumerate().find(|(_, l)| names.contains(&l.2.as_str())).map(|(k, l)| {
            let end = labels.get(k + 1).map_or(text.len(), |n| n.0);
            text[l.1..end].trim().to_string()
        })
    };
    let date = |names: &[&str], key, warnings: &mut Vec<Warning>| {
        part(names).and_then(|raw| super::dates::read(&raw, row.loc, key, false, warnings))
    };
    Some(Action {
        action: part(&["action"]).filter(|a| !tables::is_blank(a))?,
        lead: part(&["lead", "responsible", "owner"]).filter(|l| !tables::is_blank(l)),
        due: date(&["by", "due", "deadline", "timescale"], "eia.action_plan.due", warnings),
        done: date(&["completed", "done"], "eia.action_plan.done", warnings),
    })
}

fn action_plan(rows: &[Row], warnings: &mut Vec<Warning>) -> Vec<Action> {
    let classify = |w: &[String]| -> Option<ActionCol> {
        if has(w, "lead") || has(w, "responsible") || has(w, "owner") || has(w, "whom") {
            Some(ActionCol::Lead)
        } else if has(w, "completed") || has(w, "done") || has(w, "complete") {
            Some(ActionCol::Done)
        } else if has(w, "timescale") || has(w, "due") || has(w, "when") || has(w, "deadline") || has(w, "date") {
            Some(ActionCol::Due)
        } else if has(w, "action") || has(w, "actions") {
            Some(ActionCol::Action)
        } else {
            None
        }
    };
    let mut out = Vec::new();
    let mut cols: Option<Vec<(ActionCol, usize)>> = None;
    for row in rows {
        if let Some(a) = action_line(row, warnings) {
            out.push(a);
            continue;
        }
        if let Some(c) = tables::columns(row, classify, &[ActionCol::Action, ActionCol::Lead]) {
            cols = Some(c);
            continue;
        }
        let Some(c) = &cols else { continue };
        let action = tables::cell(row, c, ActionCol::Action);
        if tables::is_blank(&action) {
            continue;
        }
        let date = |col, key, warnings: &mut Vec<Warning>| {
            let raw = tables::cell(row, c, col);
            (!tables::is_blank(&raw)).then(|| super::dates::read(&raw, row.loc, key, false, warnings)).flatten()
        };
        out.push(Action {
            action,
            lead: Some(tables::cell(row, c, ActionCol::Lead)).filter(|s| !tables::is_blank(s)),
            due: date(ActionCol::Due, "eia.action_plan.due", warnings),
            done: date(ActionCol::Done, "eia.action_plan.done", warnings),
        });
    }
    out
}
