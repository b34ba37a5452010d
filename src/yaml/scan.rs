//! Where things end in front-matter text: a scalar token, a flow
//! collection, the lines that belong to a key or a list item. The YAML
//! loader gives where nodes start; these find the rest, so that an edit
//! replaces exactly the characters it changes.

/// The lines of a file, with the byte offset each starts at.
pub struct Lines<'t> {
    pub text: &'t str,
    starts: Vec<usize>,
}

impl<'t> Lines<'t> {
    pub fn new(text: &'t str) -> Lines<'t> {
        let mut starts = vec![0];
        starts.extend(text.match_indices('\n').map(|(i, _)| i + 1));
        if starts.last() == Some(&text.len()) && !text.is_empty() {
            starts.pop();
        }
        Lines { text, starts }
    }

    pub fn count(&self) -> usize {
        self.starts.len()
    }

    /// Where line `i` (0-based) starts; the end of the text past the last line.
    pub fn start(&self, i: usize) -> usize {
        self.starts.get(i).copied().unwrap_or(self.text.len())
    }

    /// Line `i` without its line ending.
    pub fn line(&self, i: usize) -> &'t str {
        let end = self.start(i + 1);
        self.text[self.start(i)..end].trim_end_matches(['\n', '\r'])
    }

    /// Where line `i`'s text ends (before its line ending).
    pub fn content_end(&self, i: usize) -> usize {
        self.start(i) + self.line(i).len()
    }

    /// The line holding byte `offset`.
    pub fn line_of(&self, offset: usize) -> usize {
        self.starts.partition_point(|&s| s <= offset).saturating_sub(1)
    }

    /// The byte offset of the 1-based character `column` of line `i`.
    pub fn offset(&self, i: usize, column: usize) -> usize {
        let line = self.line(i);
        self.start(i) + line.char_indices().nth(column.saturating_sub(1)).map_or(line.len(), |(b, _)| b)
    }
}

/// Spaces before a line's first character.
pub fn indent(line: &str) -> usize {
    line.len() - line.trim_start_matches(' ').len()
}

/// The last line of the block that starts on line `first` with its first
/// character at 0-based `col`: the following lines indented further, or
/// blank (a list written at the same indentation as its key, `- item`,
/// belongs too when `dash` is set). Blank lines at the end are not part of it.
pub fn block_end(lines: &Lines, first: usize, col: usize, dash: bool, limit: usize) -> usize {
    let mut last = first;
    for i in first + 1..limit {
        let line = lines.line(i);
        if line.trim().is_empty() {
            continue;
        }
        let ind = indent(line);
        if ind > col || (dash && ind == col && line[ind..].starts_with('-')) {
            last = i;
        } else {
            break;
        }
    }
    last
}

/// Where the scalar or flow collection starting at byte `start` ends. In a
/// flow collection (`flow`) a plain scalar stops at `,`, `}` or `]`; in a
/// block, a plain scalar continues on following lines indented beyond `col`.
pub fn token_end(lines: &Lines, start: usize, flow: bool, col: usize, limit: usize) -> usize {
    let text = lines.text.as_bytes();
    let end = lines.start(limit);
    match text.get(start) {
        Some(b'"') => {
            let mut i = start + 1;
            while i < end {
                match text[i] {
                    b'\\' => i += 2,
                    b'"' => return i + 1,
                    _ => i += 1,
                }
            }
            end
        }
        Some(b'\'') => {
            let mut i = start + 1;
            while i < end {
                if text[i] == b'\'' {
                    if text.get(i + 1) == Some(&b'\'') {
                        i += 2;
                        continue;
                    }
                    return i + 1;
                }
                i += 1;
            }
            end
        }
        Some(b'{' | b'[') => bracket_end(text, start, end),
        _ => {
            let line = lines.line_of(start);
            let mut stop = plain_end(text, start, lines.content_end(line), flow);
            if !flow {
                for i in line + 1..limit {
                    let l = lines.line(i);
                    let body = l.trim_start();
                    if body.is_empty() || indent(l) <= col || body.starts_with('#') {
                        break;
                    }
                    stop = plain_end(text, lines.start(i) + indent(l), lines.content_end(i), false);
                }
            }
            stop
        }
    }
}

/// The end of a plain scalar on one line: before ` #`, trailing spaces, and
/// in a flow collection before `,`, `}` or `]`.
fn plain_end(text: &[u8], start: usize, line_end: usize, flow: bool) -> usize {
    let mut i = start;
    while i < line_end {
        let c = text[i];
        if (c == b'#' && i > start && matches!(text[i - 1], b' ' | b'\t')) || (flow && matches!(c, b',' | b'}' | b']'))
        {
            break;
        }
        i += 1;
    }
    while i > start && matches!(text[i - 1], b' ' | b'\t' | b'\r') {
        i -= 1;
    }
    i
}

/// The end (past the closing bracket) of the flow collection at `start`.
fn bracket_end(text: &[u8], start: usize, end: usize) -> usize {
    let mut depth = 0usize;
    let mut i = start;
    while i < end {
        match text[i] {
            b'{' | b'[' => depth += 1,
            b'}' | b']' => {
                depth -= 1;
                if depth == 0 {
                    return i + 1;
                }
            }
            b'"' => {
                i += 1;
                while i < end && text[i] != b'"' {
                    i += if text[i] == b'\\' { 2 } else { 1 };
                }
            }
            b'\'' => {
                i += 1;
                while i < end && !(text[i] == b'\'' && text.get(i + 1) != Some(&b'\'')) {
                    i += if text[i] == b'\'' { 2 } else { 1 };
                }
            }
            _ => {}
        }
        i += 1;
    }
    end
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens_end_where_yaml_says() {
        let text = "a: \"x \\\" y\" # c\nb: 'it''s' \nc: plain text # note\nd: { e: 1, f: \"}\" }\ng: wrapped\n  onto two\nh: 1\n";
        let lines = Lines::new(text);
        let at = |s: &str| text.find(s).unwrap();
        let token = |s: &str, flow: bool| &text[at(s)..token_end(&lines, at(s), flow, 0, lines.count())];
        assert_eq!(token("\"x", false), "\"x \\\" y\"");
        assert_eq!(token("'it", false), "'it''s'");
        assert_eq!(token("plain", false), "plain text");
        assert_eq!(token("{ e", false), "{ e: 1, f: \"}\" }");
        assert_eq!(token("1, f", true), "1");
        assert_eq!(token("wrapped", false), "wrapped\n  onto two");
    }

    #[test]
    fn blocks_take_their_indented_lines() {
        let text = "a:\n  b: 1\n\n  c: 2\n\n# about d\nd:\n- x\n- y\ne: 1\n";
        let lines = Lines::new(text);
        assert_eq!(block_end(&lines, 0, 0, false, lines.count()), 3);
        assert_eq!(block_end(&lines, 6, 0, true, lines.count()), 8);
        assert_eq!(block_end(&lines, 9, 0, true, lines.count()), 9);
    }
}
