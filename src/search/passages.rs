//! A document's body as plain-text passages, read from the parsed body tree.
//!
//! A passage never runs across a heading: each holds the text of one
//! section (or of the text before the first heading, or of the footnotes),
//! so that a snippet taken from a passage stays inside the section it
//! names. A long section is cut into several passages of about
//! [`PASSAGE_CHARS`]; the browser downloads a result's passage with a few
//! others in one excerpt file, so passages are kept small.

use crate::model::body::{push_plain, Block, Body};

/// The size a passage grows to before a new one starts. Big enough for a
/// snippet with context, small enough that ten results are a light download.
pub const PASSAGE_CHARS: usize = 1500;

#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Passage {
    pub text: String,
    /// The section the text belongs to; `None` before the first heading
    /// and in the footnotes.
    pub section: Option<SectionRef>,
}

/// Where a passage's text is on its page: the anchor to link to and the
/// label to show (`4.2 Reporting`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SectionRef {
    pub anchor: String,
    pub label: String,
}

/// The body's text in passages, in order; footnotes come last.
pub fn passages(body: &Body) -> Vec<Passage> {
    let mut b = Builder::default();
    for block in &body.blocks {
        match block {
            Block::Heading(i) => {
                let s = &body.sections[*i];
                b.start(Some(SectionRef { anchor: s.anchor.clone(), label: s.label() }));
            }
            _ => b.block(block),
        }
    }
    b.start(None);
    body.footnotes.iter().flat_map(|n| &n.blocks).for_each(|block| b.block(block));
    b.finish()
}

/// The text of one section of `body` (its subsections included, their
/// headings as lines of text), all under `section`: what a page that
/// gathers sections from many documents shows of it.
pub fn section_passages(body: &Body, index: usize, section: SectionRef) -> Vec<Passage> {
    let s = &body.sections[index];
    let end = s.end.min(body.blocks.len());
    let mut b = Builder::default();
    b.start(Some(section));
    for block in &body.blocks[(s.block + 1).min(end)..end] {
        match block {
            Block::Heading(i) => b.push(&body.sections[*i].label()),
            _ => b.block(block),
        }
    }
    b.finish()
}

/// The headings of a body, one per line.
pub fn headings(body: &Body) -> String {
    body.sections.iter().map(|s| s.text.as_str()).collect::<Vec<_>>().join("\n")
}

/// Every page's passages are made once a build (its terms and its excerpt
/// files are made from them in one pass); the text of a block goes through
/// one reused buffer and each passage's text is allocated once, at its
/// full size.
#[derive(Default)]
struct Builder {
    out: Vec<Passage>,
    current: Passage,
    /// The text of the block being read.
    scratch: String,
}

impl Builder {
    /// Ends the passage in progress; what follows belongs to `section`.
    fn start(&mut self, section: Option<SectionRef>) {
        self.flush();
        self.current.section = section;
    }

    fn block(&mut self, block: &Block) {
        match block {
            Block::Paragraph(inlines) | Block::Plain(inlines) => {
                let mut text = std::mem::take(&mut self.scratch);
                text.clear();
                push_plain(inlines, &mut text);
                self.text(&text);
                self.scratch = text;
            }
            Block::List { items, .. } => items.iter().flatten().for_each(|b| self.block(b)),
            Block::Quote(blocks) => blocks.iter().for_each(|b| self.block(b)),
            Block::Code { text, .. } | Block::RawHtml(text) => self.text(text),
            Block::Table(table) => {
                for row in std::iter::once(&table.head).chain(&table.rows) {
                    let mut text = std::mem::take(&mut self.scratch);
                    text.clear();
                    for (i, cell) in row.iter().enumerate() {
                        if i > 0 {
                            text.push_str(" | ");
                        }
                        push_plain(cell, &mut text);
                    }
                    self.text(&text);
                    self.scratch = text;
                }
            }
            Block::Heading(_) | Block::Rule => {}
        }
    }

    /// One paragraph-like unit of text, cut if it is too long for a passage.
    fn text(&mut self, text: &str) {
        for piece in split_long(text, PASSAGE_CHARS) {
            self.push(piece);
        }
    }

    fn push(&mut self, piece: &str) {
        let text = &self.current.text;
        if !text.is_empty() && text.len() + 1 + piece.len() > PASSAGE_CHARS {
            let section = self.current.section.clone();
            self.start(section);
        }
        if self.current.text.is_empty() {
            self.current.text.reserve(PASSAGE_CHARS);
        } else {
            self.current.text.push('\n');
        }
        self.current.text.push_str(piece);
    }

    fn flush(&mut self) {
        let section = self.current.section.take();
        let done = std::mem::take(&mut self.current);
        if !done.text.trim().is_empty() {
            self.out.push(Passage { section, ..done });
        }
    }

    fn finish(mut self) -> Vec<Passage> {
        self.flush();
        self.out
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
        let ids = crate::model::id::IdFinder::new(r"POL/\d{3}/\d{3}").unwrap();
        crate::model::body::parse(
            markdown,
            0,
            &crate::model::body::ParseOptions { number_sections: true, id_in_prose: &ids },
        )
    }

    fn sections(p: &[Passage]) -> Vec<Option<&str>> {
        p.iter().map(|x| x.section.as_ref().map(|s| s.label.as_str())).collect()
    }

    #[test]
    fn every_heading_starts_a_passage() {
        let p = passages(&body("Before.\n\n## Scope\n\nAll staff.\n\n## Duties\n\n- Report\n- Record\n"));
        let texts: Vec<&str> = p.iter().map(|x| x.text.as_str()).collect();
        assert_eq!(texts, vec!["Before.", "All staff.", "Report\nRecord"]);
        assert_eq!(sections(&p), vec![None, Some("1 Scope"), Some("2 Duties")]);
        assert_eq!(p[2].section.as_ref().unwrap().anchor, "duties");
    }

    #[test]
    fn a_heading_with_no_text_of_its_own_makes_no_passage() {
        let p = passages(&body("## Duties\n\n### Managers\n\nManage.\n"));
        assert_eq!(sections(&p), vec![Some("1.1 Managers")]);
    }

    #[test]
    fn a_long_section_is_cut_into_passages_that_all_name_it() {
        let para = "word ".repeat(200);
        let p = passages(&body(&format!("## Long\n\n{para}\n\n{para}\n\n{para}\n\n## Next\n\nShort.\n")));
        assert!(p.len() >= 3, "{} passages", p.len());
        assert!(p.iter().all(|x| x.text.len() <= PASSAGE_CHARS));
        let labels = sections(&p);
        assert!(labels[..labels.len() - 1].iter().all(|l| *l == Some("1 Long")), "{labels:?}");
        assert_eq!(labels.last(), Some(&Some("2 Next")));
    }

    #[test]
    fn footnotes_are_a_passage_of_no_section() {
        let p = passages(&body("## Scope\n\nText.[^1]\n\n[^1]: A note.\n"));
        assert_eq!(sections(&p), vec![Some("1 Scope"), None]);
    }

    #[test]
    fn one_section_with_its_subsections_under_one_name() {
        let b = body("## Duties\n\nAll.\n\n### Managers\n\nManage.\n\n#### Rotas\n\nPlan.\n\n### Staff\n\nWork.\n");
        let at = b.sections.iter().position(|s| s.text == "Managers").unwrap();
        let name = SectionRef { anchor: "x".into(), label: "Managers, the policy".into() };
        let p = section_passages(&b, at, name.clone());
        assert_eq!(p, vec![Passage { text: "Manage.\n1.1.1 Rotas\nPlan.".into(), section: Some(name) }]);
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
