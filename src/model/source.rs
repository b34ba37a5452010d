//! How a document file divides into front matter and body. The loader and
//! the fingerprint both read a file through `Layout`, so that no text the
//! loader reads can fall outside what the fingerprint covers; what could
//! be read two ways is found here too, and refused (S008).
//!
//! Lines end at LF (a CR before it belongs to the line ending). The first
//! line opens the front matter when it is `---`; the next line that is
//! `---` or `...` closes it. Spaces, tabs and a CR may follow either.

use super::Pos;
use std::ops::Range;

/// Where the parts of a document's text are (byte offsets into the text
/// without its byte-order mark).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Layout {
    /// The front matter between its delimiter lines; empty when the file
    /// does not open one.
    pub yaml: Range<usize>,
    /// Whether the first line opens a front matter.
    pub opened: bool,
    /// Whether a delimiter line closes it.
    pub closed: bool,
    /// Where the body starts: after the closing line, at the end of an
    /// unclosed front matter, or at 0 when there is none.
    pub body: usize,
}

/// Which part of the file a line belongs to.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Part {
    Delimiter,
    FrontMatter,
    Body,
}

/// What a line is, as a delimiter.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Delimiter {
    /// `---` (or `...`), perhaps followed by spaces, tabs or a CR.
    Clean,
    /// `---` or `...` followed by something else that is blank or starts
    /// with a space of some kind (`--- # note`, `---` and a no-break
    /// space): meant as a delimiter, but not one every reader agrees on.
    Unclear,
    No,
}

fn delimiter(line: &str, closing: bool) -> Delimiter {
    let rest = match line.strip_prefix("---") {
        Some(rest) => rest,
        None if closing => match line.strip_prefix("...") {
            Some(rest) => rest,
            None => return Delimiter::No,
        },
        None => return Delimiter::No,
    };
    if rest.trim_end_matches([' ', '\t', '\r', '\n']).is_empty() {
        Delimiter::Clean
    } else if rest.starts_with(char::is_whitespace) || rest.trim().is_empty() {
        Delimiter::Unclear
    } else {
        Delimiter::No
    }
}

/// The text's lines with the byte offset each starts at, ending at LF
/// (kept); a last line without one counts, an empty last piece does not.
pub fn lines(text: &str) -> impl Iterator<Item = (usize, &str)> {
    text.split_inclusive('\n').scan(0, |at, line| {
        let start = *at;
        *at += line.len();
        Some((start, line))
    })
}

impl Layout {
    /// Divides `text`, which must not start with a byte-order mark.
    pub fn of(text: &str) -> Layout {
        let mut lines = lines(text);
        let opened = lines.next().is_some_and(|(_, l)| delimiter(l, false) != Delimiter::No);
        if !opened {
            return Layout { yaml: 0..0, opened, closed: false, body: 0 };
        }
        let start = text.find('\n').map_or(text.len(), |i| i + 1);
        for (at, line) in lines {
            if delimiter(line, true) != Delimiter::No {
                return Layout { yaml: start..at, opened, closed: true, body: at + line.len() };
            }
        }
        Layout { yaml: start..text.len(), opened, closed: false, body: text.len() }
    }

    /// The part of the file the line starting at byte `at` is in.
    pub fn part(&self, at: usize) -> Part {
        if at >= self.body && (self.closed || !self.opened) {
            Part::Body
        } else if self.yaml.contains(&at) {
            Part::FrontMatter
        } else {
            Part::Delimiter
        }
    }
}

/// A place where the loader and the fingerprint could read the file
/// differently (S008).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Ambiguity {
    pub pos: Pos,
    pub message: String,
    pub help: &'static str,
}

/// Characters some readers take for a line break and others do not.
fn line_break_name(c: char) -> Option<&'static str> {
    Some(match c {
        '\r' => "a carriage return (CR) that no line feed follows",
        '\u{85}' => "a next-line character (U+0085)",
        '\u{2028}' => "a line separator (U+2028)",
        '\u{2029}' => "a paragraph separator (U+2029)",
        '\u{0c}' => "a form feed (U+000C)",
        '\u{0b}' => "a vertical tab (U+000B)",
        _ => return None,
    })
}

/// Every ambiguity in the delimiter lines and the front matter, at most
/// one a line, in file order.
pub fn ambiguities(text: &str, layout: &Layout) -> Vec<Ambiguity> {
    let mut found = Vec::new();
    for (n, (at, line)) in lines(text).enumerate() {
        let part = layout.part(at);
        if part == Part::Body {
            break;
        }
        let line_no = n as u32 + 1;
        if part == Part::Delimiter && delimiter(line, n > 0) == Delimiter::Unclear {
            let shown = line.trim_end_matches(['\n', '\r']);
            let extra = shown[3..].chars().find(|c| !matches!(c, ' ' | '\t')).map_or(String::new(), describe);
            found.push(Ambiguity {
                pos: Pos::new(line_no, 4),
                message: format!("the front matter's delimiter line holds {extra} after `{}`", &shown[..3]),
                help: "make the line exactly `---` (only spaces or tabs may follow it)",
            });
            continue;
        }
        let body = line.strip_suffix('\n').map(|l| l.strip_suffix('\r').unwrap_or(l)).unwrap_or(line);
        if let Some((column, name)) =
            body.chars().enumerate().find_map(|(i, c)| line_break_name(c).map(|name| (i as u32 + 1, name)))
        {
            found.push(Ambiguity {
                pos: Pos::new(line_no, column),
                message: format!(
                    "{name} in the front matter: YAML may read it as a line break where the fingerprint does not"
                ),
                help: "delete the character, or save the file with LF or CRLF line endings",
            });
        }
    }
    found
}

/// A character as a person can recognise it in a message.
fn describe(c: char) -> String {
    if c.is_whitespace() || c.is_control() {
        format!("an invisible character (U+{:04X})", c as u32)
    } else {
        format!("`{c}`")
    }
}

/// A document file read to be edited in place.
pub struct ForEditing {
    /// It starts with a byte-order mark, which an edit keeps.
    pub bom: bool,
    /// Its text, without the mark.
    pub text: String,
    /// The first way YAML could read its front matter otherwise (S008):
    /// an edit would then land in the wrong place.
    pub ambiguity: Option<Ambiguity>,
}

/// Reads the file at `path` (shown as `display`) to edit it.
pub fn read_for_editing(path: &std::path::Path, display: &str) -> crate::error::Result<ForEditing> {
    use crate::error::Error;
    let bytes = std::fs::read(path).map_err(Error::io("read", display))?;
    let text = String::from_utf8(bytes).map_err(|_| Error::Refused(format!("{display} is not UTF-8 text")))?;
    let (bom, text) = match text.strip_prefix('\u{feff}') {
        Some(rest) => (true, rest.to_string()),
        None => (false, text),
    };
    let ambiguity = ambiguities(&text, &Layout::of(&text)).into_iter().next();
    Ok(ForEditing { bom, text, ambiguity })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_closed_front_matter_and_its_body() {
        let text = "---\r\nid: A\n---  \nBody\n";
        let l = Layout::of(text);
        assert_eq!(&text[l.yaml.clone()], "id: A\n");
        assert_eq!(&text[l.body..], "Body\n");
        assert!(l.opened && l.closed);
        assert_eq!(Layout::of("# Title\n").body, 0);
        let open = Layout::of("---\nid: A\n");
        assert!(open.opened && !open.closed);
        assert_eq!(open.part(4), Part::FrontMatter);
        assert_eq!(Layout::of("---\nid: A\n...\nB").part(14), Part::Body);
    }

    #[test]
    fn unclear_delimiters_and_line_breaks_are_ambiguities() {
        for text in ["---\nid: A\n---\u{a0}\nBody\n", "---\nid: A\n--- # note\nBody\n", "---\u{3000}\nid: A\n---\n"] {
            let found = ambiguities(text, &Layout::of(text));
            assert_eq!(found.len(), 1, "{text:?}: {found:?}");
            assert_eq!(found[0].pos.column, 4);
        }
        for c in ['\r', '\u{85}', '\u{2028}', '\u{2029}', '\u{0c}', '\u{0b}'] {
            let text = format!("---\nstatus: draft\nreview_extension: ~{c}title: T\n---\nBody{c}\n");
            let found = ambiguities(&text, &Layout::of(&text));
            assert_eq!(found.len(), 1, "{c:?}: {found:?}");
            assert_eq!(found[0].pos, Pos::new(3, 20));
        }
        let fine = "---\r\nid: A  \r\ntitle: a\u{a0}b\n---\nBody\r with a lone CR\n---\u{a0}\n";
        assert!(ambiguities(fine, &Layout::of(fine)).is_empty());
        assert!(ambiguities("---\n---foo: 1\n---\n", &Layout::of("---\n---foo: 1\n---\n")).is_empty());
    }
}
