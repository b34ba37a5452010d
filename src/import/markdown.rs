//! The body as Markdown. Source text reaches it only through [`escape`], so
//! that nothing in a document (a `<script>`, a `#`, a `[link](javascript:)`, a
//! `{role=x}`) becomes Markdown or HTML syntax: it prints as written.

use super::blocks::{Block, Kind, Row};

/// Escapes text for a Markdown paragraph, heading or table cell.
pub fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 8);
    let trimmed = s.trim_start();
    for (i, c) in trimmed.char_indices() {
        let at_start = i == 0;
        match c {
            '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '|' | '{' | '}' | '~' => {
                out.push('\\');
                out.push(c);
            }
            '#' | '-' | '+' | '=' if at_start => {
                out.push('\\');
                out.push(c);
            }
            '&' if looks_like_entity(&trimmed[i + 1..]) => out.push_str("\\&"),
            '.' | ')' if ordered_marker_before(&out) => {
                out.push('\\');
                out.push(c);
            }
            c => out.push(c),
        }
    }
    out
}

/// `&amp;`, `&#38;`: text that a Markdown reader would turn into a character.
fn looks_like_entity(rest: &str) -> bool {
    let name: String = rest.chars().take_while(|c| c.is_ascii_alphanumeric() || *c == '#').collect();
    !name.is_empty() && rest[name.len()..].starts_with(';')
}

/// True when `out` so far is only digits: `1.` at the start would make a list.
fn ordered_marker_before(out: &str) -> bool {
    !out.is_empty() && out.len() <= 9 && out.bytes().all(|b| b.is_ascii_digit())
}

/// The body: blocks as Markdown. `role` gives the role id a heading's text
/// names, if any.
pub fn body(blocks: &[Block], role: &dyn Fn(&str) -> Option<String>) -> String {
    let mut out = String::new();
    let mut previous_was_item = false;
    for block in blocks {
        let is_item = matches!(block.kind, Kind::ListItem { .. });
        let in_list = is_item && previous_was_item;
        if !out.is_empty() && !in_list {
            out.push('\n');
        }
        previous_was_item = is_item;
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
                let indent = if *ordered { 3 } else { 2 } * (level.saturating_sub(1) as usize);
                let marker = if *ordered { "1." } else { "-" };
                out.push_str(&format!("{}{marker} {}\n", " ".repeat(indent), text.md.trim()));
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

    #[test]
    fn escapes_what_markdown_would_read() {
        assert_eq!(escape("<script>alert(1)</script>"), "\\<script\\>alert(1)\\</script\\>");
        assert_eq!(escape("# not a heading"), "\\# not a heading");
        assert_eq!(escape("- not a list"), "\\- not a list");
        assert_eq!(escape("1. not a list"), "1\\. not a list");
        assert_eq!(escape("[x](javascript:alert(1))"), "\\[x\\](javascript:alert(1))");
        assert_eq!(escape("Title {role=smd}"), "Title \\{role=smd\\}");
        assert_eq!(escape("Health & Safety &amp;"), "Health & Safety \\&amp;");
        assert_eq!(escape("POL/002/015 in 2.1"), "POL/002/015 in 2.1");
    }
}
