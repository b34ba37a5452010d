//! CSV as spreadsheets and form tools export it: UTF-8 with or without a
//! byte-order mark, CRLF or LF, quoted fields holding separators, doubled
//! quotes and line breaks, Excel's `sep=;` first line, and `;` instead of
//! `,` when the header line has more of them (Excel in many locales).
//! Header names are matched trimmed and without case.

use crate::error::{Error, Result};
use std::path::Path;

/// One record, with the line of the file it starts on.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Record {
    pub line: usize,
    pub cells: Vec<String>,
    /// A quoted field was still open at the end of the file.
    pub unclosed: bool,
}

/// A file's header (trimmed, lower case) and records.
#[derive(Debug)]
pub struct Table {
    /// The file as the messages name it.
    pub file: String,
    pub header: Vec<String>,
    pub records: Vec<Record>,
}

impl Table {
    /// Reads `path`; bad usage when it cannot be read or is not UTF-8.
    pub fn read(path: &Path) -> Result<Table> {
        let file = path.display().to_string();
        let bytes = std::fs::read(path).map_err(|e| Error::Unreadable(Box::new(Error::io("read", path)(e))))?;
        let text = String::from_utf8(bytes).map_err(|_| {
            Error::Usage(format!("{file} is not UTF-8 text: save it as \"CSV UTF-8 (Comma delimited)\""))
        })?;
        Ok(Table::parse(file, &text))
    }

    pub fn parse(file: String, text: &str) -> Table {
        let text = text.strip_prefix('\u{feff}').unwrap_or(text);
        let (sep, body, first_line) = separator(text);
        let mut records = records(body, sep, first_line).into_iter();
        let header =
            records.next().map_or_else(Vec::new, |r| r.cells.iter().map(|c| c.trim().to_lowercase()).collect());
        Table { file, header, records: records.collect() }
    }

    /// The position of each of the `needed` columns; bad usage naming the
    /// file, the columns found and those needed when one is missing.
    pub fn columns(&self, needed: &[&str]) -> Result<Vec<usize>> {
        let found: Option<Vec<usize>> = needed.iter().map(|n| self.header.iter().position(|h| h == n)).collect();
        found.ok_or_else(|| {
            let missing: Vec<&str> = needed.iter().copied().filter(|n| !self.header.iter().any(|h| h == n)).collect();
            Error::Usage(format!(
                "{} has no column {}: its first line names {}; it needs the columns {} (in any order, any case)",
                self.file,
                missing.join(", "),
                match self.header.is_empty() {
                    true => "nothing".to_string(),
                    false => self.header.join(", "),
                },
                needed.join(", ")
            ))
        })
    }
}

/// The separator, the text after any `sep=` line, and the line it starts on.
fn separator(text: &str) -> (char, &str, usize) {
    let first = text.split('\n').next().unwrap_or_default().trim_end_matches('\r');
    if let Some(sep) = first.strip_prefix("sep=").and_then(|s| s.chars().next()) {
        return (
            sep,
            text.get(first.len()..).map_or("", |t| t.trim_start_matches('\r').strip_prefix('\n').unwrap_or(t)),
            2,
        );
    }
    let count = |c: char| first.matches(c).count();
    (if count(';') > count(',') { ';' } else { ',' }, text, 1)
}

/// Every record of `text`; blank lines are skipped.
fn records(text: &str, sep: char, first_line: usize) -> Vec<Record> {
    let (mut out, mut line) = (Vec::new(), first_line);
    let mut record = Record { line, cells: Vec::new(), unclosed: false };
    let (mut cell, mut quoted, mut chars) = (String::new(), false, text.chars().peekable());
    while let Some(c) = chars.next() {
        match (c, quoted) {
            ('"', true) if chars.peek() == Some(&'"') => {
                chars.next();
                cell.push('"');
            }
            ('"', true) => quoted = false,
            ('"', false) if cell.is_empty() => quoted = true,
            ('\n', true) => {
                line += 1;
                cell.push('\n');
            }
            ('\r', true) if chars.peek() == Some(&'\n') => {}
            (c, false) if c == sep => record.cells.push(std::mem::take(&mut cell)),
            ('\r' | '\n', false) => {
                if c == '\r' && chars.peek() == Some(&'\n') {
                    chars.next();
                }
                line += 1;
                record.cells.push(std::mem::take(&mut cell));
                let next = Record { line, cells: Vec::new(), unclosed: false };
                out.push(std::mem::replace(&mut record, next));
            }
            (c, _) => cell.push(c),
        }
    }
    record.unclosed = quoted;
    if !cell.is_empty() || !record.cells.is_empty() || quoted {
        record.cells.push(cell);
        out.push(record);
    }
    out.retain(|r| r.unclosed || r.cells.iter().any(|c| !c.trim().is_empty()));
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cells(table: &Table) -> Vec<(usize, Vec<&str>)> {
        table.records.iter().map(|r| (r.line, r.cells.iter().map(String::as_str).collect())).collect()
    }

    #[test]
    fn excel_exports_are_read() {
        let text = "\u{feff}sep=,\r\n Who ,ID\r\n\"Smith, J\",\"say \"\"hi\"\"\r\nthere\"\r\n\r\nb,POL/1\r\n";
        let t = Table::parse("r.csv".into(), text);
        assert_eq!(t.header, ["who", "id"]);
        assert_eq!(cells(&t), [(3, vec!["Smith, J", "say \"hi\"\nthere"]), (6, vec!["b", "POL/1"])]);
        let t = Table::parse("r.csv".into(), "who;id;version\na;POL/1;2,1\n");
        assert_eq!(cells(&t), [(2, vec!["a", "POL/1", "2,1"])]);
        let t = Table::parse("r.csv".into(), "who,id\na,\"open");
        assert!(t.records[0].unclosed);
    }

    proptest::proptest! {
        #[test]
        fn any_text_is_read_without_panicking(text in proptest::prelude::any::<String>()) {
            let t = Table::parse("x.csv".into(), &text);
            let _ = t.columns(&["who", "id"]);
        }

        #[test]
        fn what_trustdocs_writes_reads_back(
            rows in proptest::collection::vec(proptest::collection::vec("[a-z][a-z ,\"\n;é]{0,7}", 3), 1..5)
        ) {
            let mut text = crate::records::csv::row(["a", "b", "c"]);
            rows.iter().for_each(|r| text.push_str(&crate::records::csv::row(r)));
            let t = Table::parse("x.csv".into(), &text);
            let read: Vec<Vec<String>> = t.records.into_iter().map(|r| r.cells).collect();
            proptest::prop_assert_eq!(read, rows);
        }
    }

    #[test]
    fn a_missing_column_names_the_file_what_it_has_and_what_it_needs() {
        let t = Table::parse("staff.csv".into(), "Who,Name\n");
        assert_eq!(t.columns(&["name", "who"]).unwrap(), [1, 0]);
        let message = t.columns(&["who", "name", "roles"]).unwrap_err().to_string();
        for part in ["staff.csv", "no column roles", "names who, name", "needs the columns who, name, roles"] {
            assert!(message.contains(part), "{message}");
        }
    }
}
