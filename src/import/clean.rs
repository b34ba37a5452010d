//! Line clean-up for text taken from PDFs: markup that extraction tools leave
//! (`<i>`, `<input type="checkbox" checked>`), symbol-font bullets, non-breaking
//! spaces, and dotted leaders between a label and its value.

use regex::Regex;
use std::sync::LazyLock;

/// A ticked box, as the recognisers see it.
pub const TICKED: &str = "☒";
/// An empty box.
pub const UNTICKED: &str = "☐";

static TAG: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)</?(?:i|b|u|em|strong|p|ul|ol|li|span|div|br|font|sup|sub|input|a|table|tr|td|th)\b[^<>]{0,300}/?>",
    )
    .expect("tag pattern")
});

/// Cleans one line. Tabs are kept: they separate cells.
pub fn line(raw: &str) -> String {
    let mut s = raw.replace(['\u{a0}', '\u{2007}', '\u{202f}'], " ");
    if s.contains('<') {
        s = TAG
            .replace_all(&s, |c: &regex::Captures| {
                let tag = c[0].to_ascii_lowercase();
                if tag.starts_with("<input") && tag.contains("checkbox") {
                    if tag.contains("checked") { TICKED } else { UNTICKED }.to_string()
                } else if tag.starts_with("<li") || tag.starts_with("<br") {
                    " ".to_string()
                } else {
                    String::new()
                }
            })
            .into_owned();
    }
    s = s.chars().map(bullet).collect();
    // A rule drawn with box-drawing characters or underscores is decoration.
    if s.chars().filter(|c| !c.is_whitespace()).count() >= 3
        && s.chars().all(|c| c.is_whitespace() || ('\u{2500}'..='\u{257f}').contains(&c) || "_=".contains(c))
    {
        return String::new();
    }
    if s.contains("..") || s.contains('…') {
        s = leaders(&s);
    }
    s.trim_end_matches([' ', '\r']).to_string()
}

/// Symbol-font bullets (Wingdings in the Private Use Area) and the arrows
/// some templates use, as one bullet.
fn bullet(c: char) -> char {
    match c {
        '\u{f0b7}' | '\u{f0a7}' | '\u{f076}' | '\u{f0d8}' | '\u{f0fc}' | '\u{f0a8}' | '\u{f02d}' | '\u{f0e0}' => '•',
        '\u{25aa}' | '\u{25cf}' | '\u{25e6}' | '\u{2023}' | '\u{2043}' | '\u{27a2}' | '\u{27a4}' | '\u{25ba}' => '•',
        c => c,
    }
}

/// `Completed by.....Paul Tickner ..Date...30/11/2017....`: dots that lead
/// from a label to its value become a cell break; an ellipsis stays.
fn leaders(s: &str) -> String {
    // The `regex` crate has no look-ahead: find the short runs by hand.
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(m) = find_leader(rest) {
        out.push_str(&rest[..m.0]);
        out.push('\t');
        rest = &rest[m.1..];
    }
    out.push_str(rest);
    out.trim_end_matches('\t').to_string()
}

fn find_leader(s: &str) -> Option<(usize, usize)> {
    let chars: Vec<(usize, char)> = s.char_indices().collect();
    let mut k = 0;
    while k < chars.len() {
        let (start, c) = chars[k];
        if c == '.' || c == '…' {
            let run = chars[k..].iter().take_while(|(_, d)| *d == c).count();
            let end = chars.get(k + run).map_or(s.len(), |(i, _)| *i);
            let next = chars.get(k + run).map(|(_, d)| *d);
            let leader = match c {
                '…' => run >= 2,
                _ => run >= 4 || (run >= 2 && next.is_some_and(|d| d.is_ascii_uppercase() || d.is_ascii_digit())),
            };
            if leader {
                return Some((start, end));
            }
            k += run;
            continue;
        }
        k += 1;
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markup_and_leaders() {
        assert_eq!(line("<i>Do you have the up to date version?</i>\t\t"), "Do you have the up to date version?\t\t");
        assert_eq!(line("Staff Side\t<input checked=\"\" type=\"checkbox\"/>"), "Staff Side\t☒");
        assert_eq!(
            line("References Checked Completed by.....Paul Tickner ..Date...30/11/2017....\t"),
            "References Checked Completed by\tPaul Tickner \tDate\t30/11/2017"
        );
        assert_eq!(line("my name is... \tValue"), "my name is... \tValue");
        assert_eq!(line("\u{f0b7} Security Policy"), "• Security Policy");
    }
}
