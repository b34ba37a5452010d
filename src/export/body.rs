//! A document's parsed body (`model::body`) as Word paragraphs: headings in
//! Word's heading styles, lists through numbering, tables with borders,
//! emphasis as run formatting, web and mail links as hyperlinks.
//!
//! Written so that `import` reads it back as the same body: headings carry
//! no number (the builder numbers sections), table headers are shaded
//! rather than bold (bold would come back as `**`), and a role section's
//! heading keeps its text, by which `roles.yaml` tags it again.

use super::parts::Parts;
use super::xml::{self, Cell, Format, Para};
use crate::model::body::{Block, Body, Inline, Target};

/// Writes `body` into `out`, and its footnotes into `parts` as Word
/// footnotes (numbered in order: `[^1]` stays `1` when read back).
pub fn write(out: &mut String, body: &Body, parts: &mut Parts) {
    let w = Writer { body };
    for b in &body.blocks {
        w.block(out, b, parts, 0);
    }
    for note in &body.footnotes {
        let mut xml = String::new();
        for (i, b) in note.blocks.iter().enumerate() {
            let mut runs = String::new();
            if i == 0 {
                runs.push_str(r#"<w:r><w:rPr><w:rStyle w:val="FootnoteReference"/></w:rPr><w:footnoteRef/></w:r>"#);
                xml::run(&mut runs, " ", Format::default());
            }
            w.runs_of_block(&mut runs, b, parts);
            xml::paragraph(&mut xml, &Para { style: Some("FootnoteText"), ..Para::default() }, &runs);
        }
        parts.footnote(xml);
    }
}

struct Writer<'a> {
    body: &'a Body,
}

impl Writer<'_> {
    fn block(&self, out: &mut String, block: &Block, parts: &mut Parts, depth: u8) {
        match block {
            Block::Heading(i) => {
                if let Some(s) = self.body.sections.get(*i) {
                    let level = s.level.saturating_sub(1).clamp(1, 6);
                    xml::plain(out, Some(&format!("Heading{level}")), &s.text);
                }
            }
            Block::Paragraph(inlines) | Block::Plain(inlines) => {
                let mut runs = String::new();
                self.inlines(&mut runs, inlines, Format::default(), parts);
                xml::paragraph(out, &Para::default(), &runs);
            }
            Block::List { start, items } => self.list(out, *start, items, parts, depth),
            Block::Quote(blocks) => {
                for b in blocks {
                    let mut runs = String::new();
                    self.runs_of_block(&mut runs, b, parts);
                    xml::paragraph(out, &Para { style: Some("Quote"), ..Para::default() }, &runs);
                }
            }
            Block::Code { text, .. } => {
                for line in text.lines() {
                    let mut runs = String::new();
                    xml::run(&mut runs, line, Format { code: true, ..Format::default() });
                    xml::paragraph(out, &Para { style: Some("Code"), ..Para::default() }, &runs);
                }
            }
            Block::Table(t) => self.table(out, t, parts),
            Block::RawHtml(html) => xml::plain(out, None, html.trim()),
            Block::Rule => {}
        }
    }

    /// A list's items as numbered or bulleted paragraphs; a list inside an
    /// item goes one level deeper.
    fn list(&self, out: &mut String, start: Option<u64>, items: &[Vec<Block>], parts: &mut Parts, depth: u8) {
        let num = match start {
            Some(n) => parts.ordered_list(n),
            None => parts.bullets(),
        };
        for item in items {
            let mut numbered = false;
            for b in item {
                match b {
                    Block::Plain(inlines) | Block::Paragraph(inlines) => {
                        let mut runs = String::new();
                        self.inlines(&mut runs, inlines, Format::default(), parts);
                        // An item's second paragraph continues it, unnumbered.
                        let p = Para {
                            style: Some("ListParagraph"),
                            num: (!numbered).then_some((num, depth.min(8))),
                            tight: false,
                        };
                        xml::paragraph(out, &p, &runs);
                        numbered = true;
                    }
                    Block::List { start, items } => self.list(out, *start, items, parts, depth + 1),
                    other => self.block(out, other, parts, depth),
                }
            }
        }
    }

    fn table(&self, out: &mut String, t: &crate::model::body::Table, parts: &mut Parts) {
        let columns = t.head.len().max(t.rows.iter().map(Vec::len).max().unwrap_or(0)).max(1);
        let width = 5000 / columns as u32;
        let mut rows = Vec::new();
        let has_head = !t.head.is_empty();
        for (r, row) in std::iter::once(&t.head).filter(|_| has_head).chain(&t.rows).enumerate() {
            let mut cells = Vec::new();
            for c in 0..columns {
                let mut runs = String::new();
                if let Some(inlines) = row.get(c) {
                    self.inlines(&mut runs, inlines, Format::default(), parts);
                }
                let mut cell = String::new();
                xml::paragraph(&mut cell, &Para { tight: true, ..Para::default() }, &runs);
                cells.push(Cell { xml: cell, shaded: has_head && r == 0 });
            }
            rows.push(cells);
        }
        xml::table(out, &vec![width; columns], rows, has_head);
    }

    /// The runs of a paragraph-like block, for places that hold one paragraph.
    fn runs_of_block(&self, runs: &mut String, b: &Block, parts: &mut Parts) {
        match b {
            Block::Paragraph(i) | Block::Plain(i) => self.inlines(runs, i, Format::default(), parts),
            Block::Code { text, .. } => xml::run(runs, text, Format { code: true, ..Format::default() }),
            _ => {}
        }
    }

    fn inlines(&self, runs: &mut String, inlines: &[Inline], f: Format, parts: &mut Parts) {
        for i in inlines {
            match i {
                Inline::Text(t) => xml::run(runs, t, f),
                Inline::Code(t) => xml::run(runs, t, Format { code: true, ..f }),
                Inline::Emphasis(c) => self.inlines(runs, c, Format { italic: true, ..f }, parts),
                Inline::Strong(c) => self.inlines(runs, c, Format { bold: true, ..f }, parts),
                Inline::Strikethrough(c) => self.inlines(runs, c, Format { strike: true, ..f }, parts),
                Inline::Link { link, children } => self.link(runs, *link, children, f, parts),
                Inline::IdRef { text, .. } => xml::run(runs, text, f),
                // An image stays in the content folder; its alt text keeps its place.
                Inline::Image { alt, .. } => xml::run(runs, &format!("[image: {alt}]"), Format { italic: true, ..f }),
                Inline::FootnoteRef(label) => match self.body.footnotes.iter().position(|n| n.label == *label) {
                    Some(i) => runs.push_str(&format!(
                        r#"<w:r><w:rPr><w:rStyle w:val="FootnoteReference"/></w:rPr><w:footnoteReference w:id="{}"/></w:r>"#,
                        i + 1
                    )),
                    None => xml::run(runs, &format!("[^{label}]"), f),
                },
                Inline::SoftBreak => xml::run(runs, " ", f),
                Inline::HardBreak => runs.push_str("<w:r><w:br/></w:r>"),
            }
        }
    }

    /// Only a web or mail address (`model/url.rs` let it through) becomes a
    /// hyperlink; a link to another document or a file stays as its text.
    fn link(&self, runs: &mut String, link: usize, children: &[Inline], f: Format, parts: &mut Parts) {
        let url = self.body.links.get(link).and_then(|l| match &l.target {
            Target::External(u) => Some(u.as_str().to_string()),
            _ => None,
        });
        match url {
            Some(url) => {
                let id = parts.hyperlink(&url);
                runs.push_str(&format!(r#"<w:hyperlink r:id="{}">"#, xml::text(&id)));
                self.inlines(runs, children, Format { link: true, ..f }, parts);
                runs.push_str("</w:hyperlink>");
            }
            None => self.inlines(runs, children, f, parts),
        }
    }
}
