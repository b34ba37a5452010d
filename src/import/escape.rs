//! Source text reaches the Markdown only through [`escape`], so that nothing
//! in a document (a `<script>`, a `#`, a `[link](javascript:)`, a `{role=x}`)
//! becomes Markdown or HTML syntax: it prints as written.

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
