//! Tables with a header row: which column holds what, read from the
//! header's words, so that column order and wording may differ by trust.

use super::blocks::Row;
use super::labels::words;

/// For each role `classify` gives a header cell, the first column with it.
/// `None` when `row` does not have every role in `required`.
pub fn columns<C: Copy + PartialEq>(
    row: &Row,
    classify: impl Fn(&[String]) -> Option<C>,
    required: &[C],
) -> Option<Vec<(C, usize)>> {
    let mut found: Vec<(C, usize)> = Vec::new();
    for (i, cell) in row.cells.iter().enumerate() {
        let w: Vec<String> = words(&cell.plain).into_iter().map(|w| w.0).collect();
        if w.is_empty() || w.len() > 8 {
            continue;
        }
        if let Some(c) = classify(&w) {
            if !found.iter().any(|(f, _)| *f == c) {
                found.push((c, i));
            }
        }
    }
    required.iter().all(|r| found.iter().any(|(f, _)| f == r)).then_some(found)
}

/// The text of `row` in the column of role `c`, trimmed; empty when none.
pub fn cell<C: PartialEq>(row: &Row, cols: &[(C, usize)], c: C) -> String {
    cols.iter()
        .find(|(f, _)| *f == c)
        .and_then(|(_, i)| row.cells.get(*i))
        .map(|t| t.plain.trim().to_string())
        .unwrap_or_default()
}

/// Whether the words contain `w`.
pub fn has(ws: &[String], w: &str) -> bool {
    ws.iter().any(|x| x == w)
}

/// "N/A", "-", "--", "n/a", "None": a cell that says there is nothing.
pub fn is_blank(s: &str) -> bool {
    let t = s.trim().to_ascii_lowercase();
    t.is_empty() || matches!(t.as_str(), "n/a" | "na" | "-" | "--" | "–" | "none" | "nil" | "tbc")
}

/// A version number in a cell: "2", "2.1", "V1.0", "Version 3" → "2", "2.1", "1.0", "3".
pub fn version(s: &str) -> Option<String> {
    let t = s.trim();
    let start = t.find(|c: char| c.is_ascii_digit())?;
    let prefix = t[..start].trim().to_ascii_lowercase();
    if !(prefix.is_empty()
        || prefix == "v"
        || prefix == "v."
        || prefix.starts_with("version")
        || prefix.starts_with("issue"))
    {
        return None;
    }
    let num: String = t[start..].chars().take_while(|c| c.is_ascii_digit() || *c == '.').collect();
    let num = num.trim_end_matches('.');
    (!num.is_empty() && num.len() <= 12).then(|| num.to_string())
}
