//! The WordprocessingML this exporter writes: paragraphs, runs, tables.
//! Every text and attribute goes through [`text`], so that nothing a
//! document says (`<w:p>`, `]]>`, a control character) becomes markup.

use std::fmt::Write;

/// Text as XML character data or an attribute value: the five special
/// characters escaped, and the characters XML 1.0 cannot hold at all
/// (control characters but tab and line ends) left out.
pub fn text(s: &str) -> String {
    let allowed: String = s.chars().filter(|&c| !c.is_control() || matches!(c, '\t' | '\n' | '\r')).collect();
    quick_xml::escape::escape(allowed.as_str()).into_owned()
}

/// How a run of text is set.
#[derive(Clone, Copy, Default, PartialEq, Eq)]
pub struct Format {
    pub bold: bool,
    pub italic: bool,
    pub strike: bool,
    pub code: bool,
    /// Inside a hyperlink: Word's Hyperlink character style.
    pub link: bool,
}

/// One run: formatting, then its text with spaces kept.
pub fn run(out: &mut String, s: &str, f: Format) {
    if s.is_empty() {
        return;
    }
    out.push_str("<w:r>");
    if f != Format::default() {
        out.push_str("<w:rPr>");
        if f.link {
            out.push_str(r#"<w:rStyle w:val="Hyperlink"/>"#);
        }
        if f.code {
            out.push_str(r#"<w:rFonts w:ascii="Courier New" w:hAnsi="Courier New" w:cs="Courier New"/>"#);
        }
        if f.bold {
            out.push_str("<w:b/>");
        }
        if f.italic {
            out.push_str("<w:i/>");
        }
        if f.strike {
            out.push_str("<w:strike/>");
        }
        out.push_str("</w:rPr>");
    }
    let _ = write!(out, r#"<w:t xml:space="preserve">{}</w:t></w:r>"#, text(s));
}

/// A paragraph's properties: its style and, for a list item, its numbering.
#[derive(Default)]
pub struct Para<'a> {
    pub style: Option<&'a str>,
    /// (numId, level from 0).
    pub num: Option<(u32, u8)>,
    /// Table cells' paragraphs stand close together.
    pub tight: bool,
}

/// A paragraph whose runs `runs` has written.
pub fn paragraph(out: &mut String, p: &Para, runs: &str) {
    out.push_str("<w:p>");
    if p.style.is_some() || p.num.is_some() || p.tight {
        out.push_str("<w:pPr>");
        if let Some(s) = p.style {
            let _ = write!(out, r#"<w:pStyle w:val="{}"/>"#, text(s));
        }
        if let Some((id, level)) = p.num {
            let _ = write!(out, r#"<w:numPr><w:ilvl w:val="{level}"/><w:numId w:val="{id}"/></w:numPr>"#);
        }
        if p.tight {
            out.push_str(r#"<w:spacing w:before="40" w:after="40"/>"#);
        }
        out.push_str("</w:pPr>");
    }
    out.push_str(runs);
    out.push_str("</w:p>");
}

/// A paragraph of plain text in a style (or none).
pub fn plain(out: &mut String, style: Option<&str>, s: &str) {
    let mut runs = String::new();
    run(&mut runs, s, Format::default());
    paragraph(out, &Para { style, ..Para::default() }, &runs);
}

/// A table cell: the cell's paragraphs, already written (a cell must hold
/// one paragraph at least), and whether it is shaded as a label or header.
pub struct Cell {
    pub xml: String,
    pub shaded: bool,
}

impl Cell {
    /// A cell of plain text.
    pub fn text(s: &str, shaded: bool) -> Cell {
        let mut runs = String::new();
        run(&mut runs, s, Format::default());
        let mut xml = String::new();
        paragraph(&mut xml, &Para { tight: true, ..Para::default() }, &runs);
        Cell { xml, shaded }
    }
}

/// A bordered table across the page: `widths` in fiftieths of a percent
/// (5000 = the page's width), the first row repeated on each page when
/// `header` (it is then shaded too).
pub fn table(out: &mut String, widths: &[u32], rows: Vec<Vec<Cell>>, header: bool) {
    out.push_str(r#"<w:tbl><w:tblPr><w:tblStyle w:val="TableGrid"/><w:tblW w:w="5000" w:type="pct"/>"#);
    // Borders on the table itself as well as in Table Grid: every reader
    // draws them, whatever it makes of table styles.
    out.push_str("<w:tblBorders>");
    for side in ["top", "left", "bottom", "right", "insideH", "insideV"] {
        let _ = write!(out, r#"<w:{side} w:val="single" w:sz="4" w:space="0" w:color="808080"/>"#);
    }
    out.push_str("</w:tblBorders>");
    out.push_str(r#"<w:tblLook w:val="04A0" w:firstRow="1" w:lastRow="0" w:firstColumn="0" w:lastColumn="0" w:noHBand="0" w:noVBand="1"/></w:tblPr><w:tblGrid>"#);
    for w in widths {
        // The grid is in twips: 9026 across an A4 page with 2.54 cm margins.
        let _ = write!(out, r#"<w:gridCol w:w="{}"/>"#, w * 9026 / 5000);
    }
    out.push_str("</w:tblGrid>");
    for (r, row) in rows.into_iter().enumerate() {
        out.push_str("<w:tr>");
        if header && r == 0 {
            out.push_str("<w:trPr><w:tblHeader/></w:trPr>");
        }
        for (c, cell) in row.into_iter().enumerate() {
            let w = widths.get(c).copied().unwrap_or(0);
            let _ = write!(out, r#"<w:tc><w:tcPr><w:tcW w:w="{w}" w:type="pct"/>"#);
            if cell.shaded || (header && r == 0) {
                out.push_str(r#"<w:shd w:val="clear" w:color="auto" w:fill="DEEAF6"/>"#);
            }
            out.push_str("</w:tcPr>");
            out.push_str(&cell.xml);
            out.push_str("</w:tc>");
        }
        out.push_str("</w:tr>");
    }
    out.push_str("</w:tbl>");
    // Two tables with nothing between them are one table to Word (and to
    // `import`): an empty paragraph keeps each its own.
    out.push_str(r#"<w:p><w:pPr><w:spacing w:after="0"/></w:pPr></w:p>"#);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_never_becomes_markup() {
        assert_eq!(text("<w:p>]]>&\"'"), "&lt;w:p&gt;]]&gt;&amp;&quot;&apos;");
        assert_eq!(text("a\u{1}b\u{1b}c\td"), "abc\td");
        let mut out = String::new();
        run(&mut out, "</w:t></w:r><w:r><w:t>x", Format::default());
        assert!(!out.contains("</w:t></w:r><w:r>x"));
        assert_eq!(out.matches("<w:t ").count(), 1);
    }
}
