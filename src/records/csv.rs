//! CSV that a spreadsheet opens as written and never runs: RFC 4180
//! quoting with CRLF line ends, and a cell a spreadsheet would read as a
//! formula (`=`, `+`, `-`, `@`, or a tab or carriage return before one)
//! prefixed with `'`, so that a title such as `=HYPERLINK(...)` stays text.
//! Shared by every CSV trustdocs writes for people to open: the register,
//! the references page's CSV, `retention` and `in-force --format csv`.

/// The byte-order mark that makes Excel read the file as UTF-8.
pub const BOM: &str = "\u{feff}";

/// One cell, formula-safe and quoted when it must be.
pub fn cell(text: &str) -> String {
    let safe = match text.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        true => format!("'{text}"),
        false => text.to_string(),
    };
    match safe.contains([',', '"', '\r', '\n']) {
        true => format!("\"{}\"", safe.replace('"', "\"\"")),
        false => safe,
    }
}

/// One record: its cells, separated by commas, and a CRLF.
pub fn row<S: AsRef<str>>(cells: impl IntoIterator<Item = S>) -> String {
    let mut line = cells.into_iter().map(|c| cell(c.as_ref())).collect::<Vec<_>>().join(",");
    line.push_str("\r\n");
    line
}

#[cfg(test)]
mod tests {
    use super::{cell, row};

    #[test]
    fn formulas_stay_text_and_quotes_are_doubled() {
        assert_eq!(cell("=1+1"), "'=1+1");
        assert_eq!(cell("@SUM(A1)"), "'@SUM(A1)");
        assert_eq!(cell("-2"), "'-2");
        assert_eq!(cell("+44 1234"), "'+44 1234");
        assert_eq!(cell("=HYPERLINK(\"x\",\"y\")"), "\"'=HYPERLINK(\"\"x\"\",\"\"y\"\")\"");
        assert_eq!(cell("a, b"), "\"a, b\"");
        assert_eq!(cell("two\nlines"), "\"two\nlines\"");
        assert_eq!(cell("plain"), "plain");
        assert_eq!(cell(""), "");
        assert_eq!(row(["a", "b,c", ""]), "a,\"b,c\",\r\n");
    }
}
