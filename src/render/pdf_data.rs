//! The data a PDF template reads (docs/pdf-data.md): the document as JSON,
//! built from the same body tree and views as the HTML. Text is only ever
//! data here; the template prints it and never evaluates it.

use super::views;
use crate::model::body::{Align, Block, Body, Inline, Target};
use crate::model::timeline::{End, Standing};
use crate::model::Document;
use crate::publish::Publication;
use crate::resolve::{DocIndex, Library};
use serde_json::{json, Value};

/// What the PDF shows across every page, if anything: where the timeline
/// puts the version on the site's day. Only the version in force is bare.
pub fn watermark(lib: &Library, index: DocIndex) -> Option<&'static str> {
    match lib.standing(index) {
        Standing::Unratified => lib.doc(index).status().map(|_| "DRAFT"),
        Standing::InForce => None,
        Standing::Upcoming(_) => Some("NOT YET IN FORCE"),
        Standing::Ended(_, End::Withdrawn) => Some("WITHDRAWN"),
        Standing::Ended(_, End::Succeeded(_) | End::Replaced(_)) | Standing::Never => Some("SUPERSEDED"),
    }
}

pub fn data(site: &Publication, index: DocIndex) -> Value {
    let doc = site.lib.doc(index);
    let s = &site.lib.config.site;
    let conv = Converter { site, doc };
    let overdue = site.review_overdue_in_public(doc);
    json!({
        "organisation": s.organisation,
        "notice": s.footer_notice(site.opts.public),
        "watermark": watermark(site.lib, index),
        "doc": {
            "id": doc.id().map(|i| i.to_string()),
            "title": doc.title(),
            "type": doc.meta.doc_type.as_ref().map(|t| crate::text::capitalise(&t.value)),
            "version": doc.version().map(|v| v.to_string()),
            "status": doc.status().map(|s| crate::text::capitalise(s.as_str())),
            "review_date": doc.meta.effective_review_date().filter(|_| !overdue).map(|d| d.to_string()),
            "review_notice": overdue.then(|| site.lib.config.site.public_review_notice()),
            "summary": doc.meta.summary,
        },
        "control": crate::compare::control_sheet(site, doc).into_iter().map(|f| json!([f.label, f.value])).collect::<Vec<_>>(),
        "body": conv.blocks(&doc.body.blocks),
        "footnotes": doc.body.footnotes.iter().enumerate().map(|(i, f)| json!({ "n": i + 1, "body": conv.blocks(&f.blocks) })).collect::<Vec<_>>(),
        "related": doc.meta.related.iter().filter(|r| !site.opts.public || site.main_of.contains_key(&r.value)).map(|r| views::related(site, &r.value)).collect::<Vec<_>>(),
        "references": doc.meta.references.iter().map(|r| &r.value).collect::<Vec<_>>(),
        "history": views::history(doc),
        "eia": doc.meta.eia.as_ref().map(views::eia),
    })
}

/// How deeply lists, quotes, emphasis and links may nest in the PDF data.
/// typst reads JSON and calls the template's functions recursively, and
/// both have depth limits (a list 25 deep already passed typst's), so
/// deeper content is flattened into its parent: its text is all there, the
/// indentation or emphasis beyond this depth is not.
pub const MAX_NESTING: usize = 10;

struct Converter<'a> {
    site: &'a Publication<'a>,
    doc: &'a Document,
}

impl Converter<'_> {
    fn body(&self) -> &Body {
        &self.doc.body
    }

    fn blocks(&self, blocks: &[Block]) -> Vec<Value> {
        self.blocks_at(blocks, 0)
    }

    /// The blocks of a container `depth` containers deep.
    fn blocks_at(&self, blocks: &[Block], depth: usize) -> Vec<Value> {
        let mut out = Vec::with_capacity(blocks.len());
        for b in blocks {
            self.block(b, depth, &mut out);
        }
        out
    }

    fn block(&self, block: &Block, depth: usize, out: &mut Vec<Value>) {
        let flat = depth >= MAX_NESTING;
        out.push(match block {
            Block::Heading(i) => {
                let s = &self.body().sections[*i];
                json!({ "t": "heading", "level": s.level, "number": s.number, "text": s.text, "anchor": s.anchor })
            }
            Block::Paragraph(c) | Block::Plain(c) => json!({ "t": "para", "c": self.inlines(c, depth) }),
            Block::List { start, items } if flat => return self.flat_list(*start, items, depth, out),
            Block::List { start, items } => json!({
                "t": "list", "ordered": start.is_some(), "start": start.unwrap_or(1),
                "items": items.iter().map(|it| self.blocks_at(it, depth + 1)).collect::<Vec<_>>(),
            }),
            Block::Quote(c) if flat => return out.extend(self.blocks_at(c, depth)),
            Block::Quote(c) => json!({ "t": "quote", "c": self.blocks_at(c, depth + 1) }),
            Block::Code { text, .. } => json!({ "t": "code", "text": text }),
            Block::Table(t) => json!({
                "t": "table",
                "align": t.align.iter().map(|a| match a { Align::Left => "left", Align::Center => "center", Align::Right => "right", Align::None => "none" }).collect::<Vec<_>>(),
                "head": t.head.iter().map(|c| self.inlines(c, depth)).collect::<Vec<_>>(),
                "rows": t.rows.iter().map(|r| r.iter().map(|c| self.inlines(c, depth)).collect::<Vec<_>>()).collect::<Vec<_>>(),
            }),
            Block::RawHtml(text) => json!({ "t": "raw", "text": text }),
            Block::Rule => json!({ "t": "rule" }),
        });
    }

    /// A list too deep to nest: its items as paragraphs of the parent, each
    /// starting with its bullet or number.
    fn flat_list(&self, start: Option<u64>, items: &[Vec<Block>], depth: usize, out: &mut Vec<Value>) {
        for (n, item) in items.iter().enumerate() {
            let marker = match start {
                Some(s) => format!("{}. ", s + n as u64),
                None => "• ".to_string(),
            };
            let mut blocks = self.blocks_at(item, depth);
            match blocks.first_mut().and_then(|b| b.get_mut("c")).and_then(Value::as_array_mut) {
                Some(c) => c.insert(0, json!({ "t": "text", "s": marker })),
                None => blocks.insert(0, json!({ "t": "para", "c": [{ "t": "text", "s": marker }] })),
            }
            out.extend(blocks);
        }
    }

    fn inlines(&self, inlines: &[Inline], depth: usize) -> Vec<Value> {
        let mut out = Vec::with_capacity(inlines.len());
        for i in inlines {
            self.inline(i, depth, &mut out);
        }
        out
    }

    fn inline(&self, inline: &Inline, depth: usize, out: &mut Vec<Value>) {
        let flat = depth >= MAX_NESTING;
        out.push(match inline {
            Inline::Emphasis(c) | Inline::Strong(c) | Inline::Strikethrough(c) | Inline::Link { children: c, .. }
                if flat =>
            {
                return out.extend(self.inlines(c, depth));
            }
            Inline::Emphasis(c) => json!({ "t": "em", "c": self.inlines(c, depth + 1) }),
            Inline::Strong(c) => json!({ "t": "strong", "c": self.inlines(c, depth + 1) }),
            Inline::Strikethrough(c) => json!({ "t": "strike", "c": self.inlines(c, depth + 1) }),
            Inline::Text(s) => json!({ "t": "text", "s": s }),
            Inline::Code(s) => json!({ "t": "code", "s": s }),
            Inline::Link { link, children } => {
                let value = json!({ "t": "link", "url": self.url(*link), "c": self.inlines(children, depth + 1) });
                return self.with_unlinked_note(*link, value, &crate::model::body::plain_text(children), out);
            }
            Inline::IdRef { link, text } => {
                let value = json!({ "t": "link", "url": self.url(*link), "c": [{ "t": "text", "s": text }] });
                return self.with_unlinked_note(*link, value, text, out);
            }
            Inline::Image { link, alt, .. } => match &self.body().links[*link].target {
                Target::File(p) => match self.site.lib.asset(self.doc, p) {
                    Some(path) => json!({ "t": "image", "path": path, "alt": alt }),
                    None => json!({ "t": "text", "s": alt }),
                },
                _ => json!({ "t": "link", "url": self.url(*link), "c": [{ "t": "text", "s": alt }] }),
            },
            Inline::FootnoteRef(label) => match self.body().footnotes.iter().position(|f| &f.label == label) {
                Some(n) => json!({ "t": "fnref", "n": n + 1 }),
                None => json!({ "t": "text", "s": format!("[^{label}]") }),
            },
            Inline::SoftBreak => json!({ "t": "soft" }),
            Inline::HardBreak => json!({ "t": "br" }),
        });
    }

    /// A link, and after it what a link to a document this site does not
    /// publish says (`Publication::unpublished_note`).
    fn with_unlinked_note(&self, link: usize, value: Value, shown: &str, out: &mut Vec<Value>) {
        let unlinked = value.get("url").is_some_and(Value::is_null);
        out.push(value);
        let note = unlinked.then(|| self.site.unpublished_note(&self.body().links[link], shown)).flatten();
        out.extend(note.map(|s| json!({ "t": "text", "s": s })));
    }

    /// Links in a PDF must work outside the site: absolute, from `base_url`.
    fn url(&self, link: usize) -> Option<String> {
        let l = &self.body().links[link];
        match &l.target {
            Target::External(u) => Some(u.as_str().to_string()),
            Target::Doc { .. } | Target::File(_) => self.site.href(self.doc, l, &self.site.base_url()),
            Target::Local(_) | Target::Unsafe(_) => None,
        }
    }
}
