//! The body as Markdown, from blocks whose text was escaped as it was read
//! (`escape.rs`).

use super::blocks::{Block, Kind, Row};
use super::escape::escape;

/// The body: blocks as Markdown. `role` gives the role id a heading's text
/// names, if any.
pub fn body(blocks: &[Block], role: &dyn Fn(&str) -> Option<String>) -> String {
    let mut out = String::new();
    let mut previous_was_item = false;
    // The width of the marker of the list item open at each level.
    let mut markers: Vec<usize> = Vec::new();
    for block in blocks {
        let is_item = matches!(block.kind, Kind::ListItem { .. });
        let in_list = is_item && previous_was_item;
        if !out.is_empty() && !in_list {
            out.push('\n');
        }
        previous_was_item = is_item;
        if !is_item {
            markers.clear();
        }
        match &block.kind {
            Kind::Heading { level, text, .. } => {
                let hashes = "#".repeat((*level as usize + 1).min(6));
                out.push_str(&format!("{hashes} {}", text.md.trim()));
                if let Some(id) = role(&text.plain) {
                    out.push_str(&format!(" {{role={id}}}"));
                }
                out.push('\n');
            }
            Kind::Paragraph { text } => {
                out.push_str(text.md.trim());
                out.push('\n');
            }
            Kind::ListItem { level, ordered, text } => {
                // An item nests under its parent's text, which starts after
                // the parent's marker: 2 columns after "- ", 3 after "1. ".
                // A level with no item above it (a list that starts nested) counts as bullets.
                markers.resize(level.saturating_sub(1) as usize, 2);
                let indent: usize = markers.iter().sum();
                let marker = if *ordered { "1." } else { "-" };
                out.push_str(&format!("{}{marker} {}\n", " ".repeat(indent), text.md.trim()));
                markers.push(marker.len() + 1);
            }
            Kind::Table { rows } => table(rows, &mut out),
            Kind::Image { asset, alt } => {
                out.push_str(&format!("![{}](../{asset})\n", escape(alt)));
            }
        }
    }
    out
}

fn table(rows: &[Row], out: &mut String) {
    let width = rows.iter().map(|r| r.cells.len()).max().unwrap_or(0).max(1);
    for (i, row) in rows.iter().enumerate() {
        out.push('|');
        for c in 0..width {
            let cell = row.cells.get(c).map_or("", |t| t.md.trim());
            out.push_str(&format!(" {} |", cell.replace('\n', " ")));
        }
        out.push('\n');
        if i == 0 {
            out.push_str(&format!("|{}\n", "---|".repeat(width)));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::import::blocks::{Loc, Text};

    fn item(level: u8, ordered: bool, s: &str) -> Block {
        Block::new(Kind::ListItem { level, ordered, text: Text::plain(s) }, Loc::Paragraph { paragraph: 1 })
    }

    #[test]
    fn nested_items_start_under_their_parents_text() {
        let blocks = [item(1, true, "first"), item(2, false, "under"), item(3, true, "deeper"), item(1, false, "next")];
        assert_eq!(body(&blocks, &|_| None), "1. first\n   - under\n     1. deeper\n- next\n");
    }
}
