//! A document's body as plain-text passages, read from the parsed body tree.
//!
//! The browser shows a result's snippet from one passage, downloaded with a
//! few others in one excerpt file, so passages are small (about
//! [`PASSAGE_CHARS`]). A passage may run across headings; it lists where
//! each section starts in it, so a snippet can link to its section.

use crate::model::body::{plain_text, Block, Body, Section};

/// The size a passage grows to before a new one starts. Big enough for a
/// snippet with context, small enough that ten results are a light download.
pub const PASSAGE_CHARS: usize = 1500;

#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Passage {
    pub text: String,
    /// The sections this passage's text belongs to, by where they start in
    /// it (a byte offset); the first starts at 0 unless the text comes
    /// before the first heading.
    pub sections: Vec<SectionStart>,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SectionStart {
    pub offset: usize,
    pub anchor: String,
    /// The number and heading: `4.2 Reporting`.
    pub label: String,
}

/// The body's text in passages, in order; footnotes come last.
pub fn passages(body: &Body) -> Vec<Passage> {
    let mut b = Builder::default();
    for block in &body.blocks {
        match block {
            Block::Heading(i) => b.section(&body.sections[*i]),
            _ => b.block(block),
        }
    }
    body.footnotes.iter().flat_map(|n| &n.blocks).for_each(|block| b.block(block));
    b.flush();
    b.out
}

/// The headings of a body, one per line.
pub fn headings(body: &Body) -> String {
    body.sections.iter().map(|s| s.text.as_str()).collect::<Vec<_>>().join("\n")
}

#[derive(Default)]
struct Builder {
    out: Vec<Passage>,
    current: Passage,
    /// The section in force (anchor, label), and whether its text has not started yet.
    section: Option<(String, String)>,
    section_pending: bool,
}

impl Builder {
    fn section(&mut self, s: &Section) {
        self.section = Some((s.anchor.clone(), s.label()));
        self.section_pending = true;
    }

    fn block(&mut self, block: &Block) {
        let mut texts = Vec::new();
        block_texts(block, &mut texts);
        for text in &texts {
            for piece in split_long(text, PASSAGE_CHARS) {
                self.push(piece);
            }
        }
    }

    fn push(&mut self, piece: &str) {
        let text = &self.current.text;
        if !text.is_empty() && text.len() + 1 + piece.len() > PASSAGE_CHARS {
            self.flush();
        }
        let offset = if self.current.text.is_empty() { 0 } else { self.current.text.len() + 1 };
        if let Some((anchor, label)) = self.section.as_ref().filter(|_| offset == 0 || self.section_pending) {
            self.current.sections.push(SectionStart { offset, anchor: anchor.clone(), label: label.clone() });
        }
        self.section_pending = false;
        if offset > 0 {
            self.current.text.push('\n');
        }
        self.current.text.push_str(piece);
    }

    fn flush(&mut self) {
        if !self.current.text.trim().is_empty() {
            self.out.push(std::mem::take(&mut self.current));
        }
        self.current = Passage::default();
    }
}

/// The text of a block as a reader sees it, one string per paragraph-like unit.
fn block_texts(block: &Block, out: &mut Vec<String>) {
    match block {
        Block::Paragraph(inlines) | Block::Plain(inlines) => out.push(plain_text(inlines)),
        Block::List { items, .. } => items.iter().flatten().for_each(|b| block_texts(b, out)),
        Block::Quote(blocks) => blocks.iter().for_each(|b| block_texts(b, out)),
        Block::Code { text, .. } | Block::RawHtml(text) => out.push(text.clone()),
        Block::Table(table) => {
            out.push(table.head.iter().map(|c| plain_text(c)).collect::<Vec<_>>().join(" | "));
            for row in &table.rows {
                out.push(row.iter().map(|c| plain_text(c)).collect::<Vec<_>>().join(" | "));
            }
        }
        Block::Heading(_) | Block::Rule => {}
    }
}

/// Splits text longer than `max` bytes at spaces (or anywhere, for one
/// enormous word), so that no passage grows far past the limit.
fn split_long(text: &str, max: usize) -> Vec<&str> {
    let mut pieces = Vec::new();
    let mut rest = text.trim();
    while rest.len() > max {
        let mut cut = max;
        while !rest.is_char_boundary(cut) {
            cut -= 1;
        }
        let at = rest[..cut].rfind(' ').filter(|&i| i > 0).unwrap_or(cut);
        pieces.push(rest[..at].trim_end());
        rest = rest[at..].trim_start();
    }
    if !rest.is_empty() {
        pieces.push(rest);
    }
    pieces
}

#[cfg(test)]
mod tests {
    use super::*;

    fn body(markdown: &str) -> Body {
        let ids = regex::Regex::new(r"POL/\d{3}/\d{3}").unwrap();
        crate::model::body::parse(
            markdown,
            0,
            &crate::model::body::ParseOptions { number_sections: true, id_in_prose: &ids },
        )
    }

    #[test]
    fn passages_say_where_each_section_starts() {
        let p = passages(&body("Before.\n\n## Scope\n\nAll staff.\n\n## Duties\n\n- Report\n- Record\n"));
        assert_eq!(p.len(), 1);
        assert_eq!(p[0].text, "Before.\nAll staff.\nReport\nRecord");
        let starts: Vec<_> = p[0].sections.iter().map(|s| (s.offset, s.anchor.as_str(), s.label.as_str())).collect();
        assert_eq!(starts, vec![(8, "scope", "1 Scope"), (19, "duties", "2 Duties")]);
    }

    #[test]
    fn a_passage_that_starts_inside_a_section_names_it_first() {
        let para = "word ".repeat(200);
        let p = passages(&body(&format!("## Long\n\n{para}\n\n{para}\n\n{para}\n")));
        assert!(p.len() >= 2, "{} passages", p.len());
        assert!(p.iter().all(|x| x.text.len() <= PASSAGE_CHARS));
        for x in &p {
            assert_eq!((x.sections[0].offset, x.sections[0].anchor.as_str()), (0, "long"));
        }
    }

    #[test]
    fn long_text_is_split_at_spaces() {
        let text = "word ".repeat(1000);
        let pieces = split_long(&text, 100);
        assert!(pieces.iter().all(|p| p.len() <= 100 && !p.is_empty()));
        assert_eq!(pieces.join(" "), text.trim());
    }

    #[test]
    fn one_huge_word_is_cut_on_a_character_boundary() {
        let text = "é".repeat(300);
        let pieces = split_long(&text, 101);
        assert_eq!(pieces.concat(), text);
    }
}
