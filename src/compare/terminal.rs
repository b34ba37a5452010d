//! A comparison on the terminal: `trustdocs diff`'s human output. In
//! colour on a terminal; otherwise (or with NO_COLOR) plain markers: `+`
//! and `-` before whole blocks, `[-deleted-]{+inserted+}` within one.
//! Document text passes through `text::for_terminal`, so that no control
//! sequence in a document can reach the terminal.

use super::comparison::{BlockChange, BlockDiff, Comparison, Heading, SectionDiff, SectionStatus, Side, TableDiff};
use super::describe::label_of;
use super::words::{self, Op, Seg};
use crate::text::for_terminal;
use std::fmt::Write;

/// Unchanged words kept on each side of a change in a long paragraph.
const CONTEXT_WORDS: usize = 8;

struct Style {
    color: bool,
}

impl Style {
    fn paint(&self, code: &str, text: &str) -> String {
        let text = for_terminal(text);
        if self.color {
            format!("\x1b[{code}m{text}\x1b[0m")
        } else {
            text.into_owned()
        }
    }

    fn bold(&self, text: &str) -> String {
        self.paint("1", text)
    }

    fn ins(&self, text: &str) -> String {
        if self.color {
            self.paint("32;4", text)
        } else {
            format!("{{+{}+}}", for_terminal(text))
        }
    }

    fn del(&self, text: &str) -> String {
        if self.color {
            self.paint("31;9", text)
        } else {
            format!("[-{}-]", for_terminal(text))
        }
    }

    /// A whole line's marker: `+ `, `- `, `~ `, `> `.
    fn marker(&self, change: BlockChange) -> String {
        let (mark, code) = match change {
            BlockChange::Inserted => ("+", "32"),
            BlockChange::Deleted => ("-", "31"),
            BlockChange::Changed => ("~", "33"),
            BlockChange::MovedHere | BlockChange::MovedAway => (">", "36"),
            BlockChange::Same => (" ", "0"),
        };
        self.paint(code, mark)
    }
}

pub fn render(c: &Comparison, color: bool) -> String {
    let st = Style { color };
    let mut out = String::new();
    let _ = writeln!(out, "{} {}", st.bold(&c.id), st.bold(&c.title));
    let side = |s: &Side| match (&s.ratified, s.status) {
        (Some(d), "ratified") => format!("ratified {d}"),
        (Some(d), status) => format!("{status}; ratified {d}"),
        (None, status) => status.to_string(),
    };
    let _ = writeln!(
        out,
        "Changes from version {} ({}) to version {} ({})\n",
        for_terminal(&c.from.version),
        for_terminal(&side(&c.from)),
        for_terminal(&c.to.version),
        for_terminal(&side(&c.to))
    );
    if c.facts.is_empty() {
        let _ = writeln!(out, "No document facts changed.\n");
    } else {
        let _ = writeln!(out, "{}", st.bold("Document facts"));
        for f in &c.facts {
            let _ = writeln!(out, "  {}", for_terminal(&f.label));
            if let Some(b) = &f.before {
                let _ = writeln!(out, "    {} {}", st.marker(BlockChange::Deleted), for_terminal(b));
            }
            if let Some(a) = &f.after {
                let _ = writeln!(out, "    {} {}", st.marker(BlockChange::Inserted), for_terminal(a));
            }
        }
        out.push('\n');
    }
    if c.text_unchanged() {
        let _ = writeln!(out, "No changes to the text.");
        return out;
    }
    for s in c.sections.iter().filter(|s| !s.is_unchanged()) {
        section(&st, s, &mut out);
    }
    let n = c.stats.sections_unchanged;
    let _ = writeln!(out, "{} unchanged.", if n == 1 { "1 section".to_string() } else { format!("{n} sections") });
    out
}

fn section(st: &Style, s: &SectionDiff, out: &mut String) {
    let label = s.heading().map_or_else(|| "Opening text".to_string(), Heading::label);
    let mut what = vec![match s.status {
        SectionStatus::Added => "added",
        SectionStatus::Removed => "removed",
        SectionStatus::Changed => "changed",
        SectionStatus::Unchanged => "text unchanged",
    }
    .to_string()];
    if s.renamed {
        what.push(format!("renamed, was “{}”", s.old.as_ref().map_or("", |h| h.text.as_str())));
    }
    if s.moved {
        what.push(format!("moved, was {}", label_of(s.old.as_ref())));
    }
    let _ = writeln!(out, "{} ({})", st.bold(&label), for_terminal(&what.join("; ")));
    for b in s.blocks.iter().filter(|b| b.change != BlockChange::Same) {
        block(st, b, out);
    }
    out.push('\n');
}

fn block(st: &Style, b: &BlockDiff, out: &mut String) {
    let noun = b.kind.noun();
    let indent = "  ".repeat(usize::from(b.depth.saturating_sub(1)));
    let m = st.marker(b.change);
    if let Some(t) = &b.table {
        if b.change == BlockChange::Changed {
            return table(st, t, out);
        }
    }
    let text: String = b.words.iter().map(|s| s.text.as_str()).collect();
    let plain = || for_terminal(&text).into_owned();
    let line = match b.change {
        BlockChange::Inserted | BlockChange::Deleted if b.table.is_some() => {
            format!("{noun} {}", if b.change == BlockChange::Inserted { "inserted" } else { "deleted" })
        }
        BlockChange::Inserted | BlockChange::Deleted => plain(),
        BlockChange::Changed if b.format_only => format!("formatting or a link changed: {}", plain()),
        BlockChange::Changed => marked(st, &trim(&b.words)),
        BlockChange::MovedAway => {
            let excerpt: String = text.split_whitespace().take(CONTEXT_WORDS).collect::<Vec<_>>().join(" ");
            format!(
                "{noun} moved to {}: “{} …”",
                for_terminal(b.moved.as_deref().unwrap_or("elsewhere")),
                for_terminal(&excerpt)
            )
        }
        BlockChange::MovedHere => {
            format!(
                "{noun} moved here from {}: {}",
                for_terminal(b.moved.as_deref().unwrap_or("elsewhere")),
                marked(st, &trim(&b.words))
            )
        }
        BlockChange::Same => return,
    };
    let _ = writeln!(out, "  {m} {indent}{line}");
}

fn table(st: &Style, t: &TableDiff, out: &mut String) {
    let row = |cells: &[Vec<Seg>]| cells.iter().map(|c| marked(st, c)).collect::<Vec<_>>().join(" | ");
    if t.head.iter().flatten().any(|s| s.op != Op::Same) {
        let _ = writeln!(out, "  {} table header: | {} |", st.marker(BlockChange::Changed), row(&t.head));
    }
    for r in t.rows.iter().filter(|r| r.change != BlockChange::Same) {
        let plain = |cells: &[Vec<Seg>]| {
            cells
                .iter()
                .map(|c| for_terminal(&c.iter().map(|s| s.text.as_str()).collect::<String>()).into_owned())
                .collect::<Vec<_>>()
                .join(" | ")
        };
        let cells = match r.change {
            BlockChange::Changed => row(&r.cells),
            _ => plain(&r.cells),
        };
        let _ = writeln!(out, "  {} table row: | {cells} |", st.marker(r.change));
    }
}

/// Segments with their marks.
fn marked(st: &Style, segs: &[Seg]) -> String {
    segs.iter()
        .map(|s| match s.op {
            Op::Same => for_terminal(&s.text).into_owned(),
            Op::Ins => st.ins(&s.text),
            Op::Del => st.del(&s.text),
        })
        .collect()
}

/// A long paragraph cut down to the words around its changes.
fn trim(segs: &[Seg]) -> Vec<Seg> {
    let last = segs.len().saturating_sub(1);
    segs.iter()
        .enumerate()
        .map(|(i, s)| {
            if s.op != Op::Same || words::count(&s.text) <= 2 * CONTEXT_WORDS {
                return s.clone();
            }
            let w: Vec<&str> = s.text.split_whitespace().collect();
            let head = w[..CONTEXT_WORDS].join(" ");
            let tail = w[w.len() - CONTEXT_WORDS..].join(" ");
            let lead = if s.text.starts_with(char::is_whitespace) { " " } else { "" };
            let trail = if s.text.ends_with(char::is_whitespace) { " " } else { "" };
            let text = match (i == 0, i == last) {
                (true, true) => s.text.clone(),
                (true, false) => format!("… {tail}{trail}"),
                (false, true) => format!("{lead}{head} …"),
                (false, false) => format!("{lead}{head} … {tail}{trail}"),
            };
            Seg { op: Op::Same, text }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::compare::{BlockKind, Heading, Side, Stats};

    fn comparison(words: Vec<Seg>) -> Comparison {
        let heading = Heading {
            level: 2,
            number: Some("1".into()),
            text: "Scope\u{1b}]0;title\u{7}".into(),
            anchor: "scope".into(),
        };
        let block = BlockDiff {
            kind: BlockKind::Paragraph,
            depth: 0,
            change: BlockChange::Changed,
            words,
            moved: None,
            format_only: false,
            table: None,
        };
        let side = |v: &str| Side { version: v.into(), status: "ratified", ratified: None };
        Comparison {
            id: "POL/001/001".into(),
            title: "Lone \u{1b}[2JWorking".into(),
            from: side("1"),
            to: side("2"),
            facts: Vec::new(),
            sections: vec![SectionDiff {
                status: SectionStatus::Changed,
                moved: false,
                renamed: false,
                old: Some(heading.clone()),
                new: Some(heading),
                blocks: vec![block],
            }],
            stats: Stats::default(),
        }
    }

    fn seg(op: Op, text: &str) -> Seg {
        Seg { op, text: text.into() }
    }

    #[test]
    fn colour_on_a_terminal_markers_without_and_never_a_control_sequence_from_the_text() {
        let c = comparison(vec![
            seg(Op::Same, "Staff "),
            seg(Op::Del, "must\u{1b}[8m"),
            seg(Op::Ins, "should"),
            seg(Op::Same, " report."),
        ]);
        let plain = render(&c, false);
        assert!(plain.contains("  ~ Staff [-must-]{+should+} report."), "{plain}");
        assert!(!plain.contains('\u{1b}') && !plain.contains('\u{7}'), "{plain:?}");
        let coloured = render(&c, true);
        assert!(
            coloured.contains("\u{1b}[31;9mmust\u{1b}[0m") && coloured.contains("\u{1b}[32;4mshould\u{1b}[0m"),
            "{coloured:?}"
        );
        assert!(!coloured.contains("[2J") && !coloured.contains("]0;") && !coloured.contains("[8m"), "{coloured:?}");
    }

    #[test]
    fn long_paragraphs_are_cut_to_the_words_around_a_change() {
        let long = "word ".repeat(40);
        let c = comparison(vec![seg(Op::Same, &long), seg(Op::Ins, "new"), seg(Op::Same, &format!(" {long}"))]);
        let text = render(&c, false);
        let line = text.lines().find(|l| l.contains("{+new+}")).unwrap();
        assert!(line.starts_with("  ~ … word") && line.ends_with("word …"), "{line}");
        assert!(line.split_whitespace().count() < 25, "{line}");
    }
}
