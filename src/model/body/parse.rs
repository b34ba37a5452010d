//! Markdown (pulldown-cmark events) → `Body`.

use super::*;
use crate::model::id::IdFinder;
use crate::model::UrlKind;
use crate::text::slugify_anchor;
use pulldown_cmark::{Alignment, CodeBlockKind, Event, HeadingLevel, Options, Parser, Tag, TagEnd};
use std::collections::{HashMap, HashSet};
use std::ops::Range;

/// Containers nested deeper than this are flattened into their parent, so
/// hostile input (thousands of nested lists) cannot exhaust the stack later.
const MAX_DEPTH: usize = 64;

pub struct ParseOptions<'a> {
    pub number_sections: bool,
    pub id_in_prose: &'a IdFinder,
}

/// Parses the body, which starts at byte `offset` of `file_text`.
pub fn parse(file_text: &str, offset: usize, opts: &ParseOptions) -> Body {
    let lines = LineIndex::new(file_text);
    let source = &file_text[offset..];
    let mut p = BodyParser {
        opts,
        lines: &lines,
        file_text,
        source,
        offset,
        body: Body { first_line: lines.pos(file_text, offset).line, ..Body::default() },
        frames: vec![Frame::Blocks { kind: BlockKind::Root, blocks: Vec::new(), pending: Vec::new() }],
        counters: [0; 3],
        anchors: HashSet::new(),
        next_suffix: HashMap::new(),
        open: Vec::new(),
        paragraph_text: String::new(),
        skipped_depth: Vec::new(),
    };
    let options = Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_HEADING_ATTRIBUTES
        | Options::ENABLE_STRIKETHROUGH;
    for (event, range) in Parser::new_ext(source, options).into_offset_iter() {
        p.event(event, range);
    }
    p.finish()
}

/// Maps byte offsets of a file to 1-based lines and columns.
pub struct LineIndex {
    starts: Vec<usize>,
    text_len: usize,
}

impl LineIndex {
    pub fn new(text: &str) -> LineIndex {
        let starts = std::iter::once(0).chain(text.match_indices('\n').map(|(i, _)| i + 1)).collect();
        LineIndex { starts, text_len: text.len() }
    }

    pub fn pos(&self, text: &str, offset: usize) -> Pos {
        let offset = offset.min(self.text_len);
        let line = self.starts.partition_point(|&s| s <= offset).max(1);
        let start = self.starts[line - 1];
        let column = text.get(start..offset).map_or(1, |s| s.chars().count() + 1);
        Pos::new(line as u32, column as u32)
    }
}

#[derive(Debug)]
enum BlockKind {
    Root,
    Quote,
    Item,
    Footnote(String),
}

#[derive(Debug)]
enum InlineKind {
    Paragraph,
    Heading { level: u8, id: Option<String>, role: Option<String>, pos: Pos },
    Emphasis,
    Strong,
    Strikethrough,
    Link(usize),
    Image { link: usize, title: Option<String> },
    Cell,
    Other,
}

#[derive(Debug)]
enum Frame {
    Blocks { kind: BlockKind, blocks: Vec<Block>, pending: Vec<Inline> },
    Inlines { kind: InlineKind, inlines: Vec<Inline> },
    List { start: Option<u64>, items: Vec<Vec<Block>> },
    Table { table: Table, row: Vec<Vec<Inline>> },
    Code { lang: Option<String>, text: String },
    Html(String),
}

struct BodyParser<'a> {
    opts: &'a ParseOptions<'a>,
    lines: &'a LineIndex,
    file_text: &'a str,
    source: &'a str,
    offset: usize,
    body: Body,
    frames: Vec<Frame>,
    counters: [u32; 3],
    anchors: HashSet<String>,
    /// For each anchor a heading wanted and found taken, the next suffix
    /// to try for it.
    next_suffix: HashMap<String, u64>,
    /// The sections not yet ended, by index, each deeper than the one before.
    open: Vec<usize>,
    /// The text of the current paragraph so far, for `Title (ID)`.
    paragraph_text: String,
    /// For each container start we chose to flatten, nothing to pop at its end.
    skipped_depth: Vec<bool>,
}

impl BodyParser<'_> {
    fn pos(&self, body_offset: usize) -> Pos {
        self.lines.pos(self.file_text, self.offset + body_offset)
    }

    fn event(&mut self, event: Event, range: Range<usize>) {
        match event {
            Event::Start(tag) => self.start(tag, range),
            Event::End(tag) => self.end(tag),
            Event::Text(t) => self.text(&t, range),
            Event::Code(c) => self.push_inline(Inline::Code(c.to_string())),
            Event::InlineHtml(h) | Event::Html(h) => self.html(&h, range),
            Event::InlineMath(m) | Event::DisplayMath(m) => self.push_inline(Inline::Text(m.to_string())),
            Event::FootnoteReference(l) => self.push_inline(Inline::FootnoteRef(l.to_string())),
            Event::SoftBreak => {
                self.paragraph_text.push(' ');
                self.push_inline(Inline::SoftBreak)
            }
            Event::HardBreak => self.push_inline(Inline::HardBreak),
            Event::Rule => self.push_block(Block::Rule),
            Event::TaskListMarker(done) => self.push_inline(Inline::Text(if done { "[x] " } else { "[ ] " }.into())),
        }
    }

    fn start(&mut self, tag: Tag, range: Range<usize>) {
        // An item of a list that was kept is always kept (its text has no
        // other place to go), so a list is kept only with room for one.
        let depth = self.frames.len();
        let flatten = match tag {
            Tag::Item => !matches!(self.frames.last(), Some(Frame::List { .. })),
            Tag::List(_) => depth >= MAX_DEPTH - 1,
            Tag::BlockQuote(_) | Tag::Emphasis | Tag::Strong | Tag::Strikethrough => depth >= MAX_DEPTH,
            _ => false,
        };
        if flatten {
            if matches!(tag, Tag::Item) {
                // Each flattened item on a line of its own, with its bullet.
                if let Some(Frame::Blocks { pending, .. }) = self.frames.last_mut() {
                    if !pending.is_empty() {
                        pending.push(Inline::HardBreak);
                    }
                    pending.push(Inline::Text("• ".into()));
                }
            }
            self.skipped_depth.push(true);
            return;
        }
        self.skipped_depth.push(false);
        let frame = match tag {
            Tag::Paragraph => {
                self.paragraph_text.clear();
                Frame::Inlines { kind: InlineKind::Paragraph, inlines: Vec::new() }
            }
            Tag::Heading { level, id, attrs, .. } => {
                let role = attrs
                    .iter()
                    .find(|(k, _)| k.as_ref() == "role")
                    .and_then(|(_, v)| v.as_ref())
                    .map(|v| v.trim().to_string());
                let level = heading_level(level);
                Frame::Inlines {
                    kind: InlineKind::Heading {
                        level,
                        id: id.map(|i| i.to_string()),
                        role,
                        pos: self.pos(range.start),
                    },
                    inlines: Vec::new(),
                }
            }
            Tag::BlockQuote(_) => Frame::Blocks { kind: BlockKind::Quote, blocks: Vec::new(), pending: Vec::new() },
            Tag::CodeBlock(kind) => Frame::Code {
                lang: match kind {
                    CodeBlockKind::Fenced(l) if !l.is_empty() => Some(l.to_string()),
                    _ => None,
                },
                text: String::new(),
            },
            Tag::HtmlBlock => Frame::Html(String::new()),
            Tag::List(start) => Frame::List { start, items: Vec::new() },
            Tag::Item => {
                self.paragraph_text.clear();
                Frame::Blocks { kind: BlockKind::Item, blocks: Vec::new(), pending: Vec::new() }
            }
            Tag::FootnoteDefinition(label) => {
                Frame::Blocks { kind: BlockKind::Footnote(label.to_string()), blocks: Vec::new(), pending: Vec::new() }
            }
            Tag::Table(align) => Frame::Table {
                table: Table {
                    align: align.iter().map(|a| convert_align(*a)).collect(),
                    head: Vec::new(),
                    rows: Vec::new(),
                },
                row: Vec::new(),
            },
            Tag::TableHead | Tag::TableRow => return,
            Tag::TableCell => {
                self.paragraph_text.clear();
                Frame::Inlines { kind: InlineKind::Cell, inlines: Vec::new() }
            }
            Tag::Emphasis => Frame::Inlines { kind: InlineKind::Emphasis, inlines: Vec::new() },
            Tag::Strong => Frame::Inlines { kind: InlineKind::Strong, inlines: Vec::new() },
            Tag::Strikethrough => Frame::Inlines { kind: InlineKind::Strikethrough, inlines: Vec::new() },
            Tag::Link { dest_url, .. } => {
                let link = self.add_link(classify(&dest_url), LinkKind::Link, range.clone(), None);
                Frame::Inlines { kind: InlineKind::Link(link), inlines: Vec::new() }
            }
            Tag::Image { dest_url, title, .. } => {
                let link = self.add_link(classify(&dest_url), LinkKind::Image, range.clone(), None);
                let title = (!title.is_empty()).then(|| title.to_string());
                Frame::Inlines { kind: InlineKind::Image { link, title }, inlines: Vec::new() }
            }
            _ => Frame::Inlines { kind: InlineKind::Other, inlines: Vec::new() },
        };
        if matches!(
            frame,
            Frame::Inlines { kind: InlineKind::Paragraph | InlineKind::Heading { .. }, .. }
                | Frame::Blocks { .. }
                | Frame::List { .. }
                | Frame::Table { .. }
                | Frame::Code { .. }
                | Frame::Html(_)
        ) {
            self.flush_pending();
        }
        self.frames.push(frame);
    }

    fn end(&mut self, tag: TagEnd) {
        if matches!(tag, TagEnd::TableHead | TagEnd::TableRow) {
            if let Some(Frame::Table { table, row }) = self.frames.last_mut() {
                let row = std::mem::take(row);
                if tag == TagEnd::TableHead {
                    table.head = row;
                } else {
                    table.rows.push(row);
                }
            }
            return;
        }
        if self.skipped_depth.pop().unwrap_or(false) {
            return;
        }
        let Some(frame) = self.frames.pop() else {
            return;
        };
        match frame {
            // Shrunk: a library's bodies stay in memory for the whole build.
            Frame::Inlines { kind, mut inlines } => {
                inlines.shrink_to_fit();
                self.end_inlines(kind, inlines)
            }
            Frame::Blocks { kind, mut blocks, mut pending } => {
                if !pending.is_empty() {
                    pending.shrink_to_fit();
                    blocks.push(Block::Plain(pending));
                }
                blocks.shrink_to_fit();
                match kind {
                    BlockKind::Quote => self.push_block(Block::Quote(blocks)),
                    BlockKind::Item => {
                        if let Some(Frame::List { items, .. }) = self.frames.last_mut() {
                            items.push(blocks);
                        }
                    }
                    BlockKind::Footnote(label) => self.body.footnotes.push(Footnote { label, blocks }),
                    BlockKind::Root => {}
                }
            }
            Frame::List { start, mut items } => {
                items.shrink_to_fit();
                self.push_block(Block::List { start, items })
            }
            Frame::Table { table, .. } => self.push_block(Block::Table(Box::new(table))),
            Frame::Code { lang, text } => self.push_block(Block::Code { lang, text }),
            Frame::Html(text) => self.push_block(Block::RawHtml(text)),
        }
    }

    fn end_inlines(&mut self, kind: InlineKind, inlines: Vec<Inline>) {
        match kind {
            InlineKind::Paragraph => self.push_block(Block::Paragraph(inlines)),
            InlineKind::Heading { level, id, role, pos } => self.heading(level, id, role, pos, inlines),
            InlineKind::Emphasis => self.push_inline(Inline::Emphasis(inlines)),
            InlineKind::Strong => self.push_inline(Inline::Strong(inlines)),
            InlineKind::Strikethrough => self.push_inline(Inline::Strikethrough(inlines)),
            InlineKind::Link(link) => self.push_inline(Inline::Link { link, children: inlines }),
            InlineKind::Image { link, title } => {
                let alt = plain_text(&inlines).trim().to_string();
                if alt.is_empty() {
                    self.body.images_without_alt.push(self.body.links[link].pos);
                }
                self.push_inline(Inline::Image { link, alt, title })
            }
            InlineKind::Cell => {
                if let Some(Frame::Table { row, .. }) = self.frames.last_mut() {
                    row.push(inlines);
                }
            }
            InlineKind::Other => {
                for i in inlines {
                    self.push_inline(i);
                }
            }
        }
    }

    fn heading(&mut self, level: u8, id: Option<String>, role: Option<String>, pos: Pos, inlines: Vec<Inline>) {
        let text = plain_text(&inlines).trim().to_string();
        let number = (self.opts.number_sections && (2..=4).contains(&level)).then(|| {
            let depth = (level - 2) as usize;
            self.counters[depth] += 1;
            self.counters[depth + 1..].iter_mut().for_each(|c| *c = 0);
            self.counters[..=depth].iter().map(u32::to_string).collect::<Vec<_>>().join(".")
        });
        let explicit_anchor = id.is_some();
        let wanted = id.unwrap_or_else(|| slugify_anchor(&text));
        let anchor = self.unique_anchor(wanted.clone());
        // Links written to an author's `{#id}`, or to a slug the theme
        // uses, still reach the heading under its new anchor.
        let written = (anchor != wanted && (explicit_anchor || crate::theme::reserved_id(&wanted))).then_some(wanted);
        self.anchors.insert(anchor.clone());
        let block = self.root_len();
        self.close_open_sections(level, block);
        self.open.push(self.body.sections.len());
        self.body.sections.push(Section {
            level,
            number,
            text,
            anchor,
            written,
            explicit_anchor,
            role,
            pos,
            block,
            end: usize::MAX,
        });
        self.push_block(Block::Heading(self.body.sections.len() - 1));
    }

    /// `base`, or `base-2`, `base-3`... when a heading before or the
    /// theme's page (`td-toc`, `fn-1`) already has it.
    fn unique_anchor(&mut self, base: String) -> String {
        let taken = |a: &str| self.anchors.contains(a) || crate::theme::reserved_id(a);
        if !taken(&base) {
            return base;
        }
        // Every numbered suffix of `fn` and `fnref` is a footnote's id on
        // the theme's page: counting would never end.
        if crate::theme::reserved_id(&format!("{base}-2")) {
            return self.unique_anchor(format!("{base}-heading"));
        }
        // Anchors are never taken back, so a suffix once found taken stays
        // taken: each base's count goes on from where it stopped, and a
        // thousand identical headings cost a thousand steps, not half a million.
        let n = self.next_suffix.entry(base.clone()).or_insert(2);
        loop {
            let anchor = format!("{base}-{n}");
            *n += 1;
            if !taken(&anchor) {
                return anchor;
            }
        }
    }

    fn root_len(&self) -> usize {
        match self.frames.first() {
            Some(Frame::Blocks { blocks, .. }) => blocks.len(),
            _ => 0,
        }
    }

    /// A heading ends every open section of its level or deeper.
    fn close_open_sections(&mut self, level: u8, at: usize) {
        // The open sections are those deeper than the one before: the ones
        // to close are the last of them, without looking at closed ones.
        while let Some(&i) = self.open.last() {
            if self.body.sections[i].level < level {
                break;
            }
            self.body.sections[i].end = at;
            self.open.pop();
        }
    }

    fn text(&mut self, text: &str, range: Range<usize>) {
        if let Some(Frame::Code { text: code, .. }) = self.frames.last_mut() {
            code.push_str(text);
            return;
        }
        if let Some(Frame::Html(html)) = self.frames.last_mut() {
            html.push_str(text);
            return;
        }
        if self.in_link_or_heading() {
            self.paragraph_text.push_str(text);
            self.push_inline(Inline::Text(text.to_string()));
            return;
        }
        let mut last = 0;
        // Where in the source to look for the next id: the same id written
        // twice in one text must not get the first one's place.
        let mut from = 0;
        for m in self.opts.id_in_prose.find_iter(text) {
            if m.start() > last {
                self.paragraph_text.push_str(&text[last..m.start()]);
                self.push_inline(Inline::Text(text[last..m.start()].to_string()));
            }
            let title_before = (text[..m.start()].ends_with('(')
                || (m.start() == 0 && self.paragraph_text.ends_with('(')))
            .then(|| last_clause(self.paragraph_text.trim_end_matches('(').trim_end()).to_string())
            .filter(|t| !t.is_empty());
            let src = &self.source[range.clone()];
            let found = src.get(from..).and_then(|rest| rest.find(m.as_str())).map(|i| from + i);
            from = found.map_or(from, |i| i + m.len());
            let at = found.map_or(range.start, |i| range.start + i);
            let id = DocId::new(m.as_str());
            let link = self.add_link(Target::Doc { id, anchor: None }, LinkKind::Prose, at..at + m.len(), title_before);
            self.paragraph_text.push_str(m.as_str());
            self.push_inline(Inline::IdRef { link, text: m.as_str().to_string() });
            last = m.end();
        }
        if last < text.len() {
            self.paragraph_text.push_str(&text[last..]);
            self.push_inline(Inline::Text(text[last..].to_string()));
        }
    }

    fn in_link_or_heading(&self) -> bool {
        self.frames.iter().any(|f| {
            matches!(
                f,
                Frame::Inlines {
                    kind: InlineKind::Link(_) | InlineKind::Image { .. } | InlineKind::Heading { .. },
                    ..
                }
            )
        })
    }

    fn html(&mut self, html: &str, range: Range<usize>) {
        let pos = self.pos(range.start);
        // `<b>bold</b>` is one place with two tags: report a line once.
        if self.body.raw_html.last().map(|p| p.line) != Some(pos.line) {
            self.body.raw_html.push(pos);
        }
        match self.frames.last_mut() {
            Some(Frame::Html(text)) => text.push_str(html),
            _ => self.push_inline(Inline::Text(html.to_string())),
        }
    }

    /// A link written at `span` of the body.
    fn add_link(&mut self, target: Target, kind: LinkKind, span: Range<usize>, title_before: Option<String>) -> usize {
        let pos = self.pos(span.start);
        let width = self.source.get(span).map_or(0, |s| s.chars().count()) as u32;
        self.body.links.push(Link { target, kind, pos, width, title_before });
        self.body.links.len() - 1
    }

    fn push_inline(&mut self, inline: Inline) {
        match self.frames.last_mut() {
            Some(Frame::Inlines { inlines, .. }) => inlines.push(inline),
            Some(Frame::Blocks { pending, .. }) => pending.push(inline),
            _ => {}
        }
    }

    fn flush_pending(&mut self) {
        if let Some(Frame::Blocks { blocks, pending, .. }) = self.frames.last_mut() {
            if !pending.is_empty() {
                let mut plain = std::mem::take(pending);
                plain.shrink_to_fit();
                blocks.push(Block::Plain(plain));
            }
        }
    }

    fn push_block(&mut self, block: Block) {
        self.flush_pending();
        if let Some(Frame::Blocks { blocks, .. }) = self.frames.last_mut() {
            blocks.push(block);
        }
    }

    fn finish(mut self) -> Body {
        while self.frames.len() > 1 {
            self.end(TagEnd::Paragraph);
        }
        self.flush_pending();
        let end = self.root_len();
        self.close_open_sections(0, end);
        if let Some(Frame::Blocks { mut blocks, .. }) = self.frames.pop() {
            blocks.shrink_to_fit();
            self.body.blocks = blocks;
        }
        self.body.sections.shrink_to_fit();
        self.body.links.shrink_to_fit();
        self.body
    }
}

fn heading_level(level: HeadingLevel) -> u8 {
    match level {
        HeadingLevel::H1 => 1,
        HeadingLevel::H2 => 2,
        HeadingLevel::H3 => 3,
        HeadingLevel::H4 => 4,
        HeadingLevel::H5 => 5,
        HeadingLevel::H6 => 6,
    }
}

fn convert_align(a: Alignment) -> Align {
    match a {
        Alignment::None => Align::None,
        Alignment::Left => Align::Left,
        Alignment::Center => Align::Center,
        Alignment::Right => Align::Right,
    }
}

/// What a link's destination points at. Every address but `doc:` and a
/// same-page `#anchor` goes through the allow-list (`model::url`).
pub fn classify(dest: &str) -> Target {
    let dest = dest.trim();
    if let Some(rest) = dest.get(..4).filter(|p| p.eq_ignore_ascii_case("doc:")).map(|_| &dest[4..]) {
        let (id, anchor) = match rest.split_once('#') {
            Some((id, a)) => (id, Some(a.to_string()).filter(|a| !a.is_empty())),
            None => (rest, None),
        };
        return Target::Doc { id: DocId::new(id), anchor };
    }
    if let Some(anchor) = dest.strip_prefix('#') {
        return Target::Local(anchor.to_string());
    }
    match crate::model::url::allow(dest) {
        Err(refused) => Target::Unsafe(refused),
        Ok(url) if url.kind() == UrlKind::Relative => {
            Target::File(url.as_str().split(['?', '#']).next().unwrap_or("").to_string())
        }
        Ok(url) => Target::External(url),
    }
}

/// The words of `text` after its last sentence end (a word ending in `.`,
/// `:`, `;`, `!` or `?` that another word follows) or its last word with a
/// parenthesis: all that can be the title written before "(ID)". Kept
/// whole, the paragraph up to each id in prose was a seventh of the memory
/// of a large library.
pub(crate) fn last_clause(text: &str) -> &str {
    // From the end: the last word may end a sentence and still be the title's.
    let ends_clause =
        |from_end: usize, w: &str| w.contains(['(', ')']) || (from_end > 0 && w.ends_with(['.', ':', ';', '!', '?']));
    match text.split_whitespace().rev().enumerate().find(|&(k, w)| ends_clause(k, w)) {
        Some((_, w)) => text[w.as_ptr() as usize - text.as_ptr() as usize + w.len()..].trim_start(),
        None => text,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn anchors(body: &str) -> Vec<String> {
        let finder = IdFinder::new("POL/[0-9]{3}").unwrap();
        let parsed = parse(body, 0, &ParseOptions { number_sections: true, id_in_prose: &finder });
        parsed.sections.into_iter().map(|s| s.anchor).collect()
    }

    #[test]
    fn repeated_headings_get_the_first_free_suffix_whatever_came_before() {
        let cases: &[(&str, &[&str])] = &[
            ("## A\n## A\n## A\n", &["a", "a-2", "a-3"]),
            // An author's heading that reads as a suffix takes it; later repeats skip it.
            ("## A\n## A\n## A-3\n## A\n## A\n", &["a", "a-2", "a-3", "a-4", "a-5"]),
            ("## A-2\n## A\n## A\n## A\n", &["a-2", "a", "a-3", "a-4"]),
            ("## A\n## A\n## A-2\n## A\n", &["a", "a-2", "a-2-2", "a-3"]),
            ("## A {#a-4}\n## A\n## A\n## A\n## A\n", &["a-4", "a", "a-2", "a-3", "a-5"]),
            ("## A\n## A {#a}\n## A\n", &["a", "a-2", "a-3"]),
            // The theme's ids are skipped, the footnotes' numbered ones too.
            ("## Td toc\n## Td toc\n## Td-toc-2\n", &["td-toc-2", "td-toc-3", "td-toc-2-2"]),
            ("## Fn 1\n## Fn 1\n", &["fn-1-2", "fn-1-3"]),
            ("## A\n### A\n#### A\n", &["a", "a-2", "a-3"]),
        ];
        for (body, expected) in cases {
            assert_eq!(anchors(body), *expected, "{body}");
        }
    }

    proptest::proptest! {
        /// Whatever came before, a heading gets the first of `base`,
        /// `base-2`, `base-3`... that neither a heading before it nor the
        /// theme has.
        #[test]
        fn each_anchor_is_the_first_free_one(picks in proptest::collection::vec(0..8usize, 0..40)) {
            let headings = [
                ("A", "a"), ("A-2", "a-2"), ("A-3", "a-3"), ("A-2-2", "a-2-2"), ("Td toc", "td-toc"),
                ("Fn 1", "fn-1"), ("B {#a-2}", "a-2"), ("C {#a}", "a"),
            ];
            let body: String = picks.iter().map(|&i| format!("## {}\n", headings[i].0)).collect();
            let mut given = HashSet::new();
            let expected: Vec<String> = picks
                .iter()
                .map(|&i| {
                    let base = headings[i].1;
                    let free = std::iter::once(base.to_string())
                        .chain((2..).map(|n| format!("{base}-{n}")))
                        .find(|a| !given.contains(a) && !crate::theme::reserved_id(a))
                        .unwrap();
                    given.insert(free.clone());
                    free
                })
                .collect();
            proptest::prop_assert_eq!(anchors(&body), expected);
        }

        /// A section's content runs up to the next heading of its level or
        /// higher, or to the end of the body.
        #[test]
        fn each_section_ends_at_the_next_heading_as_high(levels in proptest::collection::vec(1..=6usize, 0..40)) {
            let body: String = levels.iter().map(|&l| format!("{} H\n\nText.\n\n", "#".repeat(l))).collect();
            let finder = IdFinder::new("POL/[0-9]{3}").unwrap();
            let parsed = parse(&body, 0, &ParseOptions { number_sections: true, id_in_prose: &finder });
            let sections = &parsed.sections;
            for (i, s) in sections.iter().enumerate() {
                let next = sections[i + 1..].iter().find(|n| n.level <= s.level).map_or(parsed.blocks.len(), |n| n.block);
                proptest::prop_assert_eq!(s.end, next, "section {} of {:?}", i, levels);
            }
        }
    }

    #[test]
    fn a_heading_whose_every_numbered_suffix_is_a_footnotes_id_gets_another() {
        assert_eq!(
            anchors("## Fn\n## Fn\n## Fnref\n## Fnref\n## Fn\n"),
            ["fn", "fn-heading", "fnref", "fnref-heading", "fn-heading-2"]
        );
    }
}
