//! `word/document.xml` into blocks: paragraphs by style (headings, title,
//! lists through numbering), tables cell by cell, runs with bold and italic,
//! hyperlinks through the relationships, footnote references, images.

use super::styles::{Role, Styles};
use super::xml::{attr, is_on, local, reference};
use crate::import::blocks::{Block, Kind, Loc, Row, Text};
use crate::import::escape::escape;
use crate::import::layout::heading_number;
use quick_xml::events::Event;
use quick_xml::Reader;
use std::collections::HashMap;

/// A relationship's target: a link or a package part.
pub struct Rels {
    pub links: HashMap<String, String>,
    pub images: HashMap<String, String>,
    /// Header and footer parts.
    pub running: Vec<String>,
}

/// An image met in the text: the relationship it names and its alt text.
pub struct ImageRef {
    pub rel: String,
    pub alt: String,
    /// The block index it goes before.
    pub at: usize,
    pub loc: Loc,
}

#[derive(Clone, Default)]
struct Span {
    text: String,
    bold: bool,
    italic: bool,
    /// Set in a fixed-width font: code.
    code: bool,
    link: Option<String>,
    /// Markdown written as is (a footnote reference).
    raw: bool,
}

#[derive(Default)]
struct Para {
    style: Option<String>,
    outline: Option<u8>,
    num_id: Option<String>,
    ilvl: u8,
    spans: Vec<Span>,
}

#[derive(Default)]
struct Table {
    rows: Vec<Row>,
    row: Vec<Text>,
    cell: Vec<Text>,
    loc: Loc0,
}

#[derive(Default, Clone, Copy)]
struct Loc0 {
    table: u32,
}

pub struct Walked {
    pub blocks: Vec<Block>,
    pub images: Vec<ImageRef>,
    /// The block of the paragraph in the Title style, if any.
    pub title: Option<usize>,
    /// Footnote ids referenced, in order.
    pub footnotes: Vec<String>,
    /// Paragraphs of the table of contents left out.
    pub contents: usize,
}

struct Walker<'a> {
    styles: &'a Styles,
    rels: &'a Rels,
    out: Walked,
    paras: Vec<Para>,
    tables: Vec<Table>,
    paragraph_count: u32,
    table_count: u32,
    bold: bool,
    italic: bool,
    code: bool,
    link: Option<String>,
    in_text: bool,
    in_ppr: bool,
    in_rpr: bool,
    /// Depth inside content that is not text (deleted text, field codes,
    /// the fallback copy of a drawing).
    skip: usize,
    alt: String,
}

pub fn walk(xml: &str, styles: &Styles, rels: &Rels) -> Walked {
    let mut w = Walker {
        styles,
        rels,
        out: Walked { blocks: Vec::new(), images: Vec::new(), title: None, footnotes: Vec::new(), contents: 0 },
        paras: Vec::new(),
        tables: Vec::new(),
        paragraph_count: 0,
        table_count: 0,
        bold: false,
        italic: false,
        code: false,
        link: None,
        in_text: false,
        in_ppr: false,
        in_rpr: false,
        skip: 0,
        alt: String::new(),
    };
    let mut r = Reader::from_str(xml);
    loop {
        match r.read_event() {
            Ok(Event::Start(e)) => w.start(&e, false),
            Ok(Event::Empty(e)) => w.start(&e, true),
            Ok(Event::End(e)) => {
                let name = e.local_name();
                w.end(name.as_ref());
            }
            Ok(Event::Text(t)) if w.in_text && w.skip == 0 => {
                if let Ok(s) = t.decode() {
                    w.push_text(&s);
                }
            }
            Ok(Event::GeneralRef(g)) if w.in_text && w.skip == 0 => {
                if let Some(s) = reference(&g) {
                    w.push_text(&s);
                }
            }
            Ok(Event::Eof) | Err(_) => break,
            _ => {}
        }
    }
    w.out
}

/// Elements whose content is not the document's text: tracked changes are
/// read as accepted, so deleted and moved-away text (`del`, `moveFrom`) and
/// the formatting a change replaced (`rPrChange`, `pPrChange`) are left out,
/// while inserted and moved-in text (`ins`, `moveTo`) is read as any other.
const SKIPPED: [&[u8]; 9] =
    [b"Fallback", b"instrText", b"delText", b"pict", b"delInstrText", b"del", b"moveFrom", b"rPrChange", b"pPrChange"];

impl Walker<'_> {
    fn start(&mut self, e: &quick_xml::events::BytesStart, empty: bool) {
        let name = local(e);
        if SKIPPED.contains(&name) {
            if !empty {
                self.skip += 1;
            }
            return;
        }
        if self.skip > 0 {
            return;
        }
        match name {
            b"p" if !empty => self.paras.push(Para::default()),
            b"pPr" if !empty => self.in_ppr = true,
            b"rPr" if !empty => self.in_rpr = true,
            b"pStyle" => self.with_para(|p| p.style = attr(e, b"w:val")),
            b"outlineLvl" if self.in_ppr => {
                self.with_para(|p| p.outline = attr(e, b"w:val").and_then(|v| v.parse().ok()))
            }
            b"numId" if self.in_ppr => self.with_para(|p| p.num_id = attr(e, b"w:val")),
            b"ilvl" if self.in_ppr => {
                self.with_para(|p| p.ilvl = attr(e, b"w:val").and_then(|v| v.parse().ok()).unwrap_or(0).min(8))
            }
            b"r" if !empty => {
                self.bold = false;
                self.italic = false;
                self.code = false;
            }
            b"b" if self.in_rpr && !self.in_ppr => self.bold = is_on(e),
            b"i" if self.in_rpr && !self.in_ppr => self.italic = is_on(e),
            b"rFonts" if self.in_rpr && !self.in_ppr => {
                self.code = attr(e, b"w:ascii").is_some_and(|f| MONOSPACE.contains(&f.as_str()))
            }
            b"t" if !empty => self.in_text = true,
            b"tab" if !self.in_ppr => self.push_text(" "),
            b"br" | b"cr" => self.push_text(" "),
            b"hyperlink" if !empty => {
                self.link = attr(e, b"r:id").and_then(|id| self.rels.links.get(&id).cloned()).filter(|u| safe_url(u));
            }
            b"footnoteReference" => {
                if let Some(id) = attr(e, b"w:id") {
                    self.out.footnotes.push(id.clone());
                    self.with_para(|p| p.spans.push(Span { text: format!("[^{}]", id), raw: true, ..Span::default() }));
                }
            }
            b"docPr" => self.alt = attr(e, b"descr").or_else(|| attr(e, b"title")).unwrap_or_default(),
            b"blip" => {
                if let Some(rel) = attr(e, b"r:embed") {
                    let at = self.out.blocks.len();
                    let loc = Loc::Paragraph { paragraph: self.paragraph_count + 1 };
                    self.out.images.push(ImageRef { rel, alt: std::mem::take(&mut self.alt), at, loc });
                }
            }
            b"tbl" if !empty => {
                self.table_count += 1;
                self.tables.push(Table { loc: Loc0 { table: self.table_count }, ..Table::default() });
            }
            b"tr" if !empty => {
                if let Some(t) = self.tables.last_mut() {
                    t.row.clear();
                }
            }
            b"tc" if !empty => {
                if let Some(t) = self.tables.last_mut() {
                    t.cell.clear();
                }
            }
            _ => {}
        }
    }

    fn end(&mut self, name: &[u8]) {
        if SKIPPED.contains(&name) {
            self.skip = self.skip.saturating_sub(1);
            return;
        }
        if self.skip > 0 {
            return;
        }
        match name {
            b"t" => self.in_text = false,
            b"pPr" => self.in_ppr = false,
            b"rPr" => self.in_rpr = false,
            b"hyperlink" => self.link = None,
            b"p" => self.end_paragraph(),
            b"tc" => {
                if let Some(t) = self.tables.last_mut() {
                    let cell = join_texts(std::mem::take(&mut t.cell));
                    t.row.push(cell);
                }
            }
            b"tr" => {
                if let Some(t) = self.tables.last_mut() {
                    let row = Row {
                        cells: std::mem::take(&mut t.row),
                        loc: Loc::Table { table: t.loc.table, row: t.rows.len() as u32 + 1 },
                    };
                    t.rows.push(row);
                }
            }
            b"tbl" => self.end_table(),
            _ => {}
        }
    }

    fn with_para(&mut self, f: impl FnOnce(&mut Para)) {
        if let Some(p) = self.paras.last_mut() {
            f(p);
        }
    }

    fn push_text(&mut self, s: &str) {
        let (bold, italic, code, link) = (self.bold, self.italic, self.code, self.link.clone());
        self.with_para(|p| match p.spans.last_mut() {
            Some(last)
                if !last.raw
                    && last.bold == bold
                    && last.italic == italic
                    && last.code == code
                    && last.link == link =>
            {
                last.text.push_str(s)
            }
            _ => p.spans.push(Span { text: s.to_string(), bold, italic, code, link, raw: false }),
        });
    }

    fn end_paragraph(&mut self) {
        let Some(p) = self.paras.pop() else { return };
        let text = render(&p.spans);
        if let Some(t) = self.tables.last_mut() {
            if !text.is_empty() {
                t.cell.push(text);
            }
            return;
        }
        self.paragraph_count += 1;
        let loc = Loc::Paragraph { paragraph: self.paragraph_count };
        if text.is_empty() {
            return;
        }
        let role = self.styles.role(p.style.as_deref(), p.outline);
        if role == Role::Contents {
            self.out.contents += 1;
            return;
        }
        let num = p.num_id.clone().or_else(|| self.styles.style_num(p.style.as_deref()));
        let numbered = num.as_deref().is_some_and(|n| self.styles.is_numbered(n));
        let all_bold = p.spans.iter().filter(|s| !s.text.trim().is_empty()).all(|s| s.bold);
        let kind = match role {
            Role::Title => {
                self.out.title.get_or_insert(self.out.blocks.len());
                Kind::Paragraph { text }
            }
            Role::Heading(level) => heading(level, text),
            Role::Quote => Kind::Paragraph { text: Text { md: format!("> {}", text.md), plain: text.plain } },
            _ if numbered => Kind::ListItem {
                level: p.ilvl + 1,
                ordered: num.as_deref().is_some_and(|n| self.styles.ordered(n, p.ilvl)),
                text,
            },
            // A heading typed by hand in bold ("4.2 Line managers") without a heading style.
            _ if all_bold && heading_number(&text.plain).is_some() => {
                let (number, _) = heading_number(&text.plain).unwrap_or_default();
                heading(number.split('.').count() as u8, text)
            }
            _ => Kind::Paragraph { text },
        };
        self.out.blocks.push(Block::new(kind, loc));
    }

    fn end_table(&mut self) {
        let Some(t) = self.tables.pop() else { return };
        let rows: Vec<Row> = t.rows.into_iter().filter(|r| r.cells.iter().any(|c| !c.is_empty())).collect();
        if let Some(outer) = self.tables.last_mut() {
            // A table inside a cell: its text joins the cell.
            for r in rows {
                outer.cell.push(join_texts(r.cells));
            }
            return;
        }
        if !rows.is_empty() {
            let loc = Loc::Table { table: t.loc.table, row: 1 };
            self.out.blocks.push(Block::new(Kind::Table { rows }, loc));
        }
    }
}

fn heading(level: u8, text: Text) -> Kind {
    match heading_number(&text.plain).or_else(|| crate::import::layout::heading_letter(&text.plain)) {
        Some((number, rest)) => Kind::Heading { level, number: Some(number), text: Text::plain(&rest) },
        None => Kind::Heading { level, number: None, text: Text { plain: text.plain, md: strip_emphasis(&text.md) } },
    }
}

fn strip_emphasis(md: &str) -> String {
    md.replace("**", "").trim().to_string()
}

/// Only links a page may follow: http, https, mailto.
fn safe_url(u: &str) -> bool {
    let lower = u.trim().to_ascii_lowercase();
    (lower.starts_with("http://") || lower.starts_with("https://") || lower.starts_with("mailto:"))
        && !u.contains(['<', '>', '\n', '\r', ' '])
}

/// Spans as plain text and Markdown: runs of one format become one
/// emphasis, with the spaces outside the markers.
fn render(spans: &[Span]) -> Text {
    let mut plain = String::new();
    let mut md = String::new();
    for s in spans {
        if s.raw {
            md.push_str(&s.text);
            continue;
        }
        plain.push_str(&s.text);
        let trimmed = s.text.trim();
        if trimmed.is_empty() {
            md.push_str(&s.text);
            continue;
        }
        let lead = &s.text[..s.text.len() - s.text.trim_start().len()];
        let tail = &s.text[s.text.trim_end().len()..];
        let mut inner = if s.code { code_span(trimmed) } else { escape_inline(trimmed) };
        if s.italic {
            inner = format!("*{inner}*");
        }
        if s.bold {
            inner = format!("**{inner}**");
        }
        if let Some(url) = &s.link {
            inner = format!("[{inner}](<{url}>)");
        }
        md.push_str(lead);
        md.push_str(&inner);
        md.push_str(tail);
    }
    let plain = plain.split_whitespace().collect::<Vec<_>>().join(" ");
    Text { plain, md: md.split_whitespace().collect::<Vec<_>>().join(" ") }
}

/// The fonts Word offers for code, whose runs become Markdown code.
const MONOSPACE: [&str; 5] = ["Courier New", "Consolas", "Courier", "Lucida Console", "Cascadia Mono"];

/// Text as a Markdown code span: fenced with one backtick more than the
/// longest run of backticks inside it, and spaced when it starts or ends
/// with one.
fn code_span(s: &str) -> String {
    let longest = s.split(|c| c != '`').map(str::len).max().unwrap_or(0);
    let fence = "`".repeat(longest + 1);
    let pad = if s.starts_with('`') || s.ends_with('`') { " " } else { "" };
    format!("{fence}{pad}{s}{pad}{fence}")
}

/// Escapes a run in the middle of a paragraph: line-start rules do not
/// apply, except to the paragraph's first run, which `escape` covers.
fn escape_inline(s: &str) -> String {
    escape(s)
}

fn join_texts(parts: Vec<Text>) -> Text {
    let plain = parts.iter().map(|t| t.plain.as_str()).collect::<Vec<_>>().join(" ");
    let md = parts.iter().map(|t| t.md.as_str()).collect::<Vec<_>>().join(" ");
    Text { plain, md }
}
