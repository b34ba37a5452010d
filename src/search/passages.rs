//! A document's body as plain-text passages, read from the parsed body tree.
//!
//! The browser shows a result's snippet from one passage, downloaded on its
//! own, so passages are small (about [`PASSAGE_CHARS`]) and never span two
//! sections: each carries the section it belongs to, for a link straight to it.

use crate::body::{plain_text, Block, Body};

/// The size a passage grows to before a new one starts. Big enough for a
/// snippet with context, small enough that ten of them are a light download.
pub const PASSAGE_CHARS: usize = 1500;

#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Passage {
    /// The section's anchor and label (`4.2 Reporting`), or `None` before the first heading.
    pub anchor: Option<String>,
    pub section: Option<String>,
    pub text: String,
}

/// The body's text, section by section, in passages; footnotes come last.
pub fn passages(body: &Body) -> Vec<Passage> {
    let mut out = Vec::new();
    let mut current = Passage::default();
    for block in &body.blocks {
        if let Block::Heading(i) = block {
            flush(&mut current, &mut out);
            let section = &body.sections[*i];
            current.anchor = Some(section.anchor.clone());
            current.section = Some(section.label());
            continue;
        }
        add_block_text(block, &mut current, &mut out);
    }
    for note in &body.footnotes {
        for block in &note.blocks {
            add_block_text(block, &mut current, &mut out);
        }
    }
    flush(&mut current, &mut out);
    out
}

/// The headings of a body, one per line.
pub fn headings(body: &Body) -> String {
    body.sections.iter().map(|s| s.text.as_str()).collect::<Vec<_>>().join("\n")
}

fn add_block_text(block: &Block, current: &mut Passage, out: &mut Vec<Passage>) {
    let mut texts = Vec::new();
    block_texts(block, &mut texts);
    for text in texts {
        for piece in split_long(&text, PASSAGE_CHARS) {
            if !current.text.is_empty() && current.text.len() + piece.len() > PASSAGE_CHARS {
                flush(current, out);
            }
            if !current.text.is_empty() {
                current.text.push('\n');
            }
            current.text.push_str(piece);
        }
    }
}

/// Ends the passage being filled; the next one stays in the same section.
fn flush(current: &mut Passage, out: &mut Vec<Passage>) {
    if !current.text.trim().is_empty() {
        out.push(Passage { text: std::mem::take(&mut current.text), ..current.clone() });
    }
    current.text.clear();
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
