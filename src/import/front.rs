//! The document control facts: labelled values on the front sheet, in a
//! reader box or a control table, found wherever the reader put them
//! (table cells, "Label: value" lines, a label cell followed by its value).

use super::blocks::{Block, Kind, Loc};
use super::labels::{self, Field, Found};
use super::values;
use super::warn::{short, WarnKind, Warning};

/// What the front sheet gave, and which blocks it used up.
pub struct FrontSheet {
    pub found: Vec<Found>,
    /// The field of the last label read: a "Date" on the next row or line
    /// belongs to it ("Ratified by: …" then "Date: …").
    previous: Option<(Field, Loc)>,
    pub warnings: Vec<Warning>,
    /// Blocks whose every row was a labelled value: left out of the body.
    pub used: Vec<usize>,
}

/// Index of the first block of the body proper: the first heading, unless
/// it opens the document or is a line of the cover (`cover`: the
/// organisation's name, the title in capitals) before any other heading.
pub fn body_start(blocks: &[Block], cover: impl Fn(&str) -> bool) -> usize {
    blocks
        .iter()
        .enumerate()
        .position(|(i, b)| {
            i > 0
                && match &b.kind {
                    Kind::Heading { number: None, text, .. } => !cover(text.plain.trim()),
                    Kind::Heading { .. } => true,
                    _ => false,
                }
        })
        .unwrap_or(blocks.len())
}

/// Reads the labelled values of the blocks before `start`, and of any
/// table after it that is a control table (three or more labelled rows,
/// at least half of its rows).
pub fn read(blocks: &[Block], start: usize) -> FrontSheet {
    let mut sheet = FrontSheet { found: Vec::new(), previous: None, warnings: Vec::new(), used: Vec::new() };
    for (i, block) in blocks.iter().enumerate() {
        let in_front = i < start;
        if !in_front && !is_control_table(block) {
            continue;
        }
        let before = sheet.found.len();
        let mut unlabelled = Vec::new();
        let rows = block.rows();
        // Before the body, a row of two cells is a label and its value too.
        let label_column = is_control_table(block) || in_front;
        for row in &rows {
            let cells: Vec<String> = row.cells.iter().map(|c| c.plain.trim().to_string()).collect();
            let n = pairs(&cells, row.loc, label_column, &mut sheet);
            if n == 0 && cells.iter().any(|c| !c.is_empty()) {
                unlabelled.push((row.loc, cells.join(" ")));
            }
        }
        // A label alone in a paragraph ("Document Summary") takes the next paragraph as its value.
        if let (Kind::Paragraph { text }, Some(next)) = (&block.kind, blocks.get(i + 1)) {
            if sheet.found.len() == before && in_front {
                if let (Some(l), Kind::Paragraph { text: value }) = (labels::at_start(&text.plain), &next.kind) {
                    if l.rest.is_empty() && l.field != Field::NoKey {
                        sheet.found.push(Found {
                            field: l.field,
                            label: l.label.to_string(),
                            value: value.plain.trim().to_string(),
                            loc: next.loc,
                        });
                        sheet.used.extend([i, i + 1]);
                        continue;
                    }
                }
            }
        }
        // A control table leaves the body whole; its rows without a label
        // (a form's instructions) are reported.
        if sheet.found.len() > before && unlabelled.len() * 2 <= rows.len() {
            sheet.used.push(i);
            for (loc, text) in unlabelled {
                sheet.warnings.push(Warning::new(
                    WarnKind::Dropped,
                    Some(loc),
                    None,
                    format!("row “{}” of the control table has no label; left out", short(&text)),
                ));
            }
        }
    }
    sheet.used.sort_unstable();
    sheet.used.dedup();
    sheet
}

/// Labelled values in the running headers and footers ("Ref: SOP-PH-031"),
/// for the fields the front sheet does not give; each reported.
pub fn read_running(rows: &[super::blocks::Row], sheet: &mut FrontSheet) {
    let mut running = FrontSheet { found: Vec::new(), previous: None, warnings: Vec::new(), used: Vec::new() };
    for row in rows {
        let cells: Vec<String> = row.cells.iter().map(|c| c.plain.clone()).collect();
        pairs(&cells, row.loc, false, &mut running);
    }
    for f in running.found {
        if sheet.found.iter().any(|g| g.field == f.field) || !matches!(f.field, Field::Id | Field::Version) {
            continue;
        }
        sheet.warnings.push(Warning::new(
            WarnKind::Check,
            Some(f.loc),
            Some(f.field.key()),
            format!(
                "“{}: {}” read from a running header or footer; the front sheet does not give it",
                f.label,
                short(&f.value)
            ),
        ));
        sheet.found.push(f);
    }
}

/// Labels inside long paragraphs (a control box flattened to running text,
/// its labels and values mixed; three labels or more make one).
/// Only values that show what they are are taken: a date, a version, yes or
/// no, a summary; names, which a flattened box cannot pair with their
/// labels, are left for a person.
pub fn read_inline(blocks: &[Block], sheet: &mut FrontSheet) {
    let mut read_any = false;
    for block in blocks {
        let Kind::Paragraph { text } = &block.kind else { continue };
        let t = text.plain.as_str();
        if t.len() < 80 {
            continue;
        }
        let found = labels::find_all(t);
        // A control box has many labels; a sentence that names a review
        // date, or a list of other documents' titles, has one or two.
        if found.len() < 3 {
            continue;
        }
        for (k, &(_, label_end, field)) in found.iter().enumerate() {
            let next = found.get(k + 1).map_or(t.len(), |n| n.0);
            let value = t[label_end..next].trim_start_matches(|c: char| c.is_whitespace() || ":-–".contains(c)).trim();
            let label = t[found[k].0..label_end].to_string();
            match typed_prefix(field, value) {
                Some(v) => {
                    read_any = true;
                    sheet.found.push(Found { field, label, value: v, loc: block.loc });
                }
                None if field != Field::NoKey => sheet.warnings.push(Warning::new(
                    WarnKind::Unreadable,
                    Some(block.loc),
                    Some(field.key()),
                    format!("“{label}” is in a control box flattened into running text, where its value cannot be told from the next label's; left for a person"),
                )),
                None => {}
            }
        }
    }
    if read_any {
        sheet.warnings.push(Warning::new(
            WarnKind::Check,
            None,
            None,
            "a control box flattened into running text was read for its dates, version and statement only; its names and committees are left for a person",
        ));
    }
}

/// The start of a flattened value that shows what it is.
fn typed_prefix(field: Field, value: &str) -> Option<String> {
    use super::dates;
    let first = value.split_whitespace().next().unwrap_or("");
    match field {
        Field::RatifiedDate | Field::Published | Field::ReviewDate | Field::ValidatedDate => {
            let (_, raw) = dates::find(value)?;
            let at = value.find(&raw)?;
            // The date must open the value ("30 th November 2016 Target ..."),
            // allowing the "th" a flattened superscript leaves.
            (at == 0 || value[..at].trim().is_empty()).then(|| value[..at + raw.len()].to_string())
        }
        Field::Version => super::tables::version(first).map(|_| first.to_string()),
        Field::Public | Field::EqualityAct => {
            matches!(first.to_lowercase().as_str(), "yes" | "no").then(|| first.to_string())
        }
        Field::Summary => (value.split_whitespace().count() >= 8).then(|| value.to_string()),
        _ => None,
    }
}

fn is_control_table(block: &Block) -> bool {
    let Kind::Table { rows } = &block.kind else { return false };
    let labelled = rows
        .iter()
        .filter(|r| {
            r.cells.first().and_then(|c| labels::at_start(c.plain.trim())).is_some_and(|l| l.field != Field::Date)
        })
        .count();
    labelled >= 3 && labelled * 2 >= rows.len()
}

/// Finds the labelled values of one row's cells: "Label: value" in a cell,
/// or a label cell followed by a value cell. Returns how many were found.
fn pairs(cells: &[String], loc: Loc, label_column: bool, sheet: &mut FrontSheet) -> usize {
    let mut n = 0;
    let mut k = 0;
    while k < cells.len() {
        let cell = cells[k].as_str();
        k += 1;
        if cell.is_empty() {
            continue;
        }
        // The label column of a control table: "Reference | AVH/HS/044".
        let in_column = label_column && k == 1;
        let label = if in_column { labels::in_label_column(cell) } else { labels::at_start(cell) };
        let Some(l) = label else {
            warn_unknown_label(cell, cells.len(), loc, sheet);
            continue;
        };
        let mut value = l.rest.to_string();
        // A question in the label cell ("Which Principles ... apply?") has
        // its answer in the next cell.
        let answer_next =
            matches!(l.field, Field::Principles | Field::StaffPledges | Field::EqualityAct | Field::Public)
                && values::answer(l.field, &value).is_none();
        if value.is_empty() || answer_next {
            // The value is the next cell, unless that cell is a label alone
            // (a heading row such as "Reader Box | Reader Box").
            if let Some(next) = cells[k..].iter().find(|c| !c.is_empty()) {
                if labels::at_start(next).is_none_or(|n| !n.rest.is_empty()) || l.field == Field::Date {
                    value = format!("{value} {next}").trim().to_string();
                    k += cells[k..].iter().position(|c| !c.is_empty()).unwrap_or(0) + 1;
                }
            }
        }
        let field = match l.field {
            Field::Date => {
                let field = date_field(sheet.previous.map(|p| p.0));
                if let Some((before, at)) = sheet.previous.filter(|p| p.1 != loc && field != Field::Date) {
                    sheet.warnings.push(Warning::new(
                        WarnKind::Check,
                        Some(loc),
                        Some(field.key()),
                        format!("“{}” read as the {} as it follows “{}” ({at})", l.label, field.key(), before.key()),
                    ));
                }
                field
            }
            f => f,
        };
        sheet.previous = Some((field, loc));
        if l.by_words && field != Field::NoKey {
            let message = format!(
                "“{}” is not in the synonym table; read as {} by its words (docs/import.md, Labels read by their words)",
                l.label,
                field.key()
            );
            sheet.warnings.push(Warning::new(WarnKind::Check, Some(loc), Some(field.key()), message));
        }
        record(field, l.label, value, loc, sheet);
        n += 1;
    }
    n
}

/// A "Label: value" cell whose label is not one trustdocs knows, in a row
/// of several cells: said, since its value is left out.
fn warn_unknown_label(cell: &str, cells: usize, loc: Loc, sheet: &mut FrontSheet) {
    if cell.contains(':') && cell.find(':').is_some_and(|i| i < 40) && cell.len() < 200 {
        let label = cell[..cell.find(':').unwrap_or(0)].trim();
        if !label.is_empty() && cells > 1 && !label.contains("http") {
            sheet.warnings.push(Warning::new(
                WarnKind::UnrecognisedRow,
                Some(loc),
                None,
                format!("“{label}” is not a label trustdocs knows; its value was left out"),
            ));
        }
    }
}

/// What a "Date" cell means: the date of the committee or check named just before it.
fn date_field(previous: Option<Field>) -> Field {
    match previous {
        Some(Field::ValidatedBy) => Field::ValidatedDate,
        Some(Field::RatifiedBy) => Field::RatifiedDate,
        Some(Field::ReferencesChecked) => Field::ReferencesChecked,
        _ => Field::Date,
    }
}

/// Keeps a labelled value, or says why it was left out.
fn record(field: Field, label: &str, value: String, loc: Loc, sheet: &mut FrontSheet) {
    let warn = |sheet: &mut FrontSheet, message: String| {
        sheet.warnings.push(Warning::new(WarnKind::UnrecognisedRow, Some(loc), None, message));
    };
    match field {
        Field::NoKey if !value.is_empty() => warn(
            sheet,
            format!("“{label}” has no key in the content format; its value “{}” was left out", short(&value)),
        ),
        Field::NoKey => {}
        // "Version | Date | Amendment": a table's header row, not a date.
        Field::Date if !value.chars().any(|c| c.is_ascii_digit()) => {}
        Field::Date => {
            warn(sheet, format!("a date “{}” whose meaning its row does not say was left out", short(&value)))
        }
        _ if !value.is_empty() => sheet.found.push(Found { field, label: label.to_string(), value, loc }),
        _ => {}
    }
}
