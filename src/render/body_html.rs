//! The parsed body → HTML. All text is escaped; raw HTML never passes.

use crate::model::body::{Align, Block, Body, Inline, Link, Table};
pub use crate::model::glossary::GlossaryMarker;
use crate::publish::Publication;
use crate::text::escape_html;
use std::collections::{HashMap, HashSet};
use std::fmt::Write;

/// Where a link goes on the built site, or `None` to show it as plain text.
pub type LinkHref<'a> = dyn Fn(&Link) -> Option<String> + 'a;

pub struct BodyHtml<'a> {
    pub body: &'a Body,
    pub href: &'a LinkHref<'a>,
    /// What the site publishes: role titles, and what a link to a
    /// document it does not publish says.
    pub site: &'a Publication<'a>,
    pub glossary: Option<&'a GlossaryMarker>,
}

impl BodyHtml<'_> {
    pub fn render(&self) -> String {
        self.render_blocks(&self.body.blocks, true)
    }

    /// The content of one section (its blocks after the heading), for pages
    /// that gather sections from many documents.
    pub fn render_section(&self, section: usize) -> String {
        let s = &self.body.sections[section];
        let end = s.end.min(self.body.blocks.len());
        self.render_blocks(&self.body.blocks[(s.block + 1).min(end)..end], false)
    }

    fn render_blocks(&self, blocks: &[Block], with_footnotes: bool) -> String {
        let mut out = String::with_capacity(blocks.len() * 200);
        let notes: HashMap<&str, usize> =
            self.body.footnotes.iter().enumerate().map(|(i, f)| (f.label.as_str(), i + 1)).collect();
        let mut r = Renderer { ctx: self, out: &mut out, notes, explained: HashSet::new() };
        r.blocks(blocks);
        if with_footnotes {
            r.footnotes();
        }
        out
    }
}

struct Renderer<'r, 'a> {
    ctx: &'r BodyHtml<'a>,
    out: &'r mut String,
    notes: HashMap<&'r str, usize>,
    /// Glossary terms already explained on this page.
    explained: HashSet<String>,
}

impl Renderer<'_, '_> {
    fn text(&mut self, t: &str) {
        escape_html(t, self.out);
    }

    /// Body text, with the first use of each glossary term in an `<abbr>`.
    fn prose(&mut self, t: &str) {
        let Some(g) = self.ctx.glossary else { return self.text(t) };
        let mut last = 0;
        for m in g.find_in(t) {
            if !self.explained.insert(m.as_str().to_string()) {
                continue;
            }
            self.text(&t[last..m.start()]);
            self.out.push_str("<abbr title=\"");
            self.text(g.definition(m.as_str()));
            self.out.push_str("\">");
            self.text(m.as_str());
            self.out.push_str("</abbr>");
            last = m.end();
        }
        self.text(&t[last..]);
    }

    fn blocks(&mut self, blocks: &[Block]) {
        for b in blocks {
            self.block(b);
        }
    }

    fn block(&mut self, block: &Block) {
        match block {
            Block::Heading(i) => self.heading(*i),
            Block::Paragraph(inl) => {
                self.out.push_str("<p>");
                self.inlines(inl);
                self.out.push_str("</p>\n");
            }
            Block::Plain(inl) => self.inlines(inl),
            Block::List { start, items } => {
                match start {
                    Some(1) => self.out.push_str("<ol>"),
                    Some(n) => {
                        let _ = write!(self.out, "<ol start=\"{n}\">");
                    }
                    None => self.out.push_str("<ul>"),
                }
                for item in items {
                    self.out.push_str("<li>");
                    self.blocks(item);
                    self.out.push_str("</li>\n");
                }
                self.out.push_str(if start.is_some() { "</ol>\n" } else { "</ul>\n" });
            }
            Block::Quote(inner) => {
                self.out.push_str("<blockquote>");
                self.blocks(inner);
                self.out.push_str("</blockquote>\n");
            }
            Block::Code { text, .. } => {
                self.out.push_str("<pre><code>");
                self.text(text);
                self.out.push_str("</code></pre>\n");
            }
            Block::Table(t) => self.table(t),
            Block::RawHtml(html) => {
                self.out.push_str("<pre class=\"td-raw-html\">");
                self.text(html);
                self.out.push_str("</pre>\n");
            }
            Block::Rule => self.out.push_str("<hr>\n"),
        }
    }

    fn heading(&mut self, i: usize) {
        let s = &self.ctx.body.sections[i];
        let h = s.level.clamp(2, 6);
        let role_class = if s.role.is_some() { " class=\"td-role-heading\"" } else { "" };
        let _ = write!(self.out, "<h{h} id=\"");
        self.text(&s.anchor);
        let _ = write!(self.out, "\"{role_class}>");
        if let Some(n) = &s.number {
            let _ = write!(self.out, "<span class=\"td-secnum\">{n}</span> ");
        }
        self.text(&s.text);
        let _ = writeln!(self.out, "</h{h}>");
        if let Some(role) = &s.role {
            let title = self.ctx.site.lib.config.role(role).map_or_else(|| role.clone(), |r| r.title.clone());
            self.out.push_str("<p class=\"td-role-tag\">Responsibilities of the role: <strong>");
            self.text(&title);
            self.out.push_str("</strong></p>\n");
        }
    }

    fn table(&mut self, t: &Table) {
        self.out.push_str("<div class=\"td-table-wrap\" tabindex=\"0\" role=\"region\" aria-label=\"Table (scrolls sideways on small screens)\"><table>\n");
        if !t.head.is_empty() {
            self.out.push_str("<thead><tr>");
            for (i, cell) in t.head.iter().enumerate() {
                self.cell("th scope=\"col\"", "th", t.align.get(i), cell);
            }
            self.out.push_str("</tr></thead>\n");
        }
        self.out.push_str("<tbody>\n");
        for row in &t.rows {
            self.out.push_str("<tr>");
            for (i, cell) in row.iter().enumerate() {
                self.cell("td", "td", t.align.get(i), cell);
            }
            self.out.push_str("</tr>\n");
        }
        self.out.push_str("</tbody></table></div>\n");
    }

    fn cell(&mut self, open: &str, close: &str, align: Option<&Align>, content: &[Inline]) {
        let style = match align {
            Some(Align::Center) => " class=\"td-center\"",
            Some(Align::Right) => " class=\"td-right\"",
            _ => "",
        };
        let _ = write!(self.out, "<{open}{style}>");
        self.inlines(content);
        let _ = write!(self.out, "</{close}>");
    }

    fn inlines(&mut self, inlines: &[Inline]) {
        for i in inlines {
            self.inline(i);
        }
    }

    fn wrap(&mut self, tag: &str, children: &[Inline]) {
        let _ = write!(self.out, "<{tag}>");
        self.inlines(children);
        let _ = write!(self.out, "</{tag}>");
    }

    fn inline(&mut self, inline: &Inline) {
        match inline {
            Inline::Text(t) => self.prose(t),
            Inline::Code(c) => {
                self.out.push_str("<code>");
                self.text(c);
                self.out.push_str("</code>");
            }
            Inline::Emphasis(c) => self.wrap("em", c),
            Inline::Strong(c) => self.wrap("strong", c),
            Inline::Strikethrough(c) => self.wrap("del", c),
            Inline::Link { link, children } => match (self.ctx.href)(&self.ctx.body.links[*link]) {
                Some(href) => {
                    self.out.push_str("<a href=\"");
                    self.text(&href);
                    self.out.push_str("\">");
                    self.inlines(children);
                    self.out.push_str("</a>");
                }
                None => {
                    self.inlines(children);
                    self.unlinked_note(*link, &crate::model::body::plain_text(children));
                }
            },
            Inline::IdRef { link, text } => match (self.ctx.href)(&self.ctx.body.links[*link]) {
                Some(href) => {
                    self.out.push_str("<a class=\"td-idref\" href=\"");
                    self.text(&href);
                    self.out.push_str("\">");
                    self.text(text);
                    self.out.push_str("</a>");
                }
                None => {
                    self.text(text);
                    self.unlinked_note(*link, text);
                }
            },
            Inline::Image { link, alt, title } => self.image(*link, alt, title.as_deref()),
            Inline::FootnoteRef(label) => match self.notes.get(label.as_str()).copied() {
                Some(n) => {
                    let _ = write!(self.out, "<sup class=\"td-fnref\"><a href=\"#fn-{n}\" id=\"fnref-{n}\" aria-label=\"Note {n}\">{n}</a></sup>");
                }
                None => {
                    self.out.push_str("[^");
                    self.text(label);
                    self.out.push(']');
                }
            },
            Inline::SoftBreak => self.out.push('\n'),
            Inline::HardBreak => self.out.push_str("<br>\n"),
        }
    }

    /// What a link that is not one says after its text.
    fn unlinked_note(&mut self, link: usize, shown: &str) {
        if let Some(note) = self.ctx.site.unpublished_note(&self.ctx.body.links[link], shown) {
            self.text(&note);
        }
    }

    fn image(&mut self, link: usize, alt: &str, title: Option<&str>) {
        let l = &self.ctx.body.links[link];
        let href = (self.ctx.href)(l);
        match (&l.target, href) {
            // Local assets are shown; nothing is ever loaded from another host.
            (crate::model::body::Target::File(_), Some(src)) => {
                self.out.push_str("<img src=\"");
                self.text(&src);
                self.out.push_str("\" alt=\"");
                self.text(alt);
                self.out.push('"');
                if let Some(t) = title {
                    self.out.push_str(" title=\"");
                    self.text(t);
                    self.out.push('"');
                }
                self.out.push_str(" loading=\"lazy\">");
            }
            (_, Some(href)) => {
                self.out.push_str("<a href=\"");
                self.text(&href);
                self.out.push_str("\">");
                self.text(if alt.is_empty() { &href } else { alt });
                self.out.push_str("</a>");
            }
            (_, None) => self.text(alt),
        }
    }

    fn footnotes(&mut self) {
        if self.ctx.body.footnotes.is_empty() {
            return;
        }
        self.out.push_str("<section class=\"td-footnotes\" aria-label=\"Notes\"><ol>\n");
        for (i, note) in self.ctx.body.footnotes.iter().enumerate() {
            let n = i + 1;
            let _ = write!(self.out, "<li id=\"fn-{n}\">");
            self.blocks(&note.blocks);
            let _ =
                writeln!(self.out, " <a href=\"#fnref-{n}\" aria-label=\"Back to the text of note {n}\">↩</a></li>");
        }
        self.out.push_str("</ol></section>\n");
    }
}
