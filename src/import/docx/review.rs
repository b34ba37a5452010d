//! What a reviewer left in a Word file: tracked changes, which the body's
//! walk reads as accepted (inserted and moved-to text kept, deleted and
//! moved-from text left out, `body.rs`) and which are counted here, and
//! comments (`word/comments.xml`) with the text they are anchored to
//! (`w:commentRangeStart` … `w:commentRangeEnd` in the document).

use super::xml::{attr, local, reference};
use quick_xml::events::Event;
use quick_xml::Reader;
use serde::Serialize;
use std::collections::BTreeMap;

/// The tracked changes accepted and the comments found.
#[derive(Clone, Debug, Default, Serialize, PartialEq, Eq)]
pub struct Review {
    /// Insertions (`w:ins`) and moves' new places (`w:moveTo`), kept.
    pub insertions: usize,
    /// Deletions (`w:del`) and moves' old places (`w:moveFrom`), dropped.
    pub deletions: usize,
    pub comments: Vec<Comment>,
}

#[derive(Clone, Debug, Serialize, PartialEq, Eq)]
pub struct Comment {
    pub author: String,
    pub text: String,
    /// The document's text the comment is anchored to (empty for a comment on a point).
    pub anchor: String,
}

/// Elements whose text the accepted document does not have.
const REMOVED: [&[u8]; 2] = [b"del", b"moveFrom"];

/// Counts the tracked changes of `document.xml` and reads the comments of
/// `comments.xml` with their anchors, in the comments' order.
pub fn read(document: &str, comments: Option<&str>) -> Review {
    let mut review = Review::default();
    let mut anchors: BTreeMap<String, String> = BTreeMap::new();
    let mut open: Vec<String> = Vec::new();
    let (mut removed, mut in_text) = (0usize, false);
    let mut r = Reader::from_str(document);
    loop {
        match r.read_event() {
            Ok(Event::Start(e)) => match local(&e) {
                b"ins" | b"moveTo" => review.insertions += 1,
                name if REMOVED.contains(&name) => {
                    review.deletions += 1;
                    removed += 1;
                }
                b"t" => in_text = true,
                _ => {}
            },
            Ok(Event::Empty(e)) => match local(&e) {
                b"commentRangeStart" => open.extend(attr(&e, b"w:id")),
                b"commentRangeEnd" => {
                    let id = attr(&e, b"w:id");
                    open.retain(|o| Some(o) != id.as_ref());
                }
                _ => {}
            },
            Ok(Event::End(e)) => match e.local_name().as_ref() {
                name if REMOVED.contains(&name) => removed = removed.saturating_sub(1),
                b"t" => in_text = false,
                b"p" => open.iter().for_each(|id| anchors.entry(id.clone()).or_default().push(' ')),
                _ => {}
            },
            Ok(Event::Text(t)) if in_text && removed == 0 => {
                let s = t.decode().unwrap_or_default();
                open.iter().for_each(|id| anchors.entry(id.clone()).or_default().push_str(&s));
            }
            Ok(Event::GeneralRef(g)) if in_text && removed == 0 => {
                let s = reference(&g).unwrap_or_default();
                open.iter().for_each(|id| anchors.entry(id.clone()).or_default().push_str(&s));
            }
            Ok(Event::Eof) | Err(_) => break,
            _ => {}
        }
    }
    review.comments = read_comments(comments.unwrap_or_default(), &anchors);
    review
}

/// The comments of `comments.xml`, each with its anchor's text.
fn read_comments(xml: &str, anchors: &BTreeMap<String, String>) -> Vec<Comment> {
    let mut out = Vec::new();
    let mut current: Option<(String, String, String)> = None;
    let mut in_text = false;
    let mut r = Reader::from_str(xml);
    loop {
        match r.read_event() {
            Ok(Event::Start(e)) if local(&e) == b"comment" => {
                current = Some((
                    attr(&e, b"w:id").unwrap_or_default(),
                    attr(&e, b"w:author").unwrap_or_default(),
                    String::new(),
                ));
            }
            Ok(Event::Start(e)) if local(&e) == b"t" => in_text = true,
            Ok(Event::End(e)) => match e.local_name().as_ref() {
                b"t" => in_text = false,
                b"p" => {
                    if let Some((_, _, text)) = &mut current {
                        text.push(' ');
                    }
                }
                b"comment" => {
                    if let Some((id, author, text)) = current.take() {
                        let anchor = anchors.get(&id).map_or("", String::as_str);
                        out.push(Comment {
                            author: one_line(&author),
                            text: one_line(&text),
                            anchor: one_line(anchor),
                        });
                    }
                }
                _ => {}
            },
            Ok(Event::Text(t)) if in_text => {
                if let Some((_, _, text)) = &mut current {
                    text.push_str(&t.decode().unwrap_or_default());
                }
            }
            Ok(Event::GeneralRef(g)) if in_text => {
                if let Some((_, _, text)) = &mut current {
                    text.push_str(&reference(&g).unwrap_or_default());
                }
            }
            Ok(Event::Eof) | Err(_) => break,
            _ => {}
        }
    }
    out
}

fn one_line(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn changes_are_counted_and_comments_anchored() {
        let doc = r#"<w:body><w:p><w:commentRangeStart w:id="7"/><w:r><w:t>Keep </w:t></w:r>
            <w:ins w:id="1"><w:r><w:t>new</w:t></w:r></w:ins><w:del w:id="2"><w:r><w:delText>old</w:delText></w:r></w:del>
            <w:moveFrom w:id="3"><w:r><w:t>gone</w:t></w:r></w:moveFrom><w:commentRangeEnd w:id="7"/></w:p>
            <w:p><w:pPr><w:rPr><w:ins w:id="4"/></w:rPr></w:pPr></w:p></w:body>"#;
        let comments = r#"<w:comments><w:comment w:id="7" w:author="Ann &amp; Bo"><w:p><w:r><w:t>Why &lt;new&gt;?</w:t></w:r></w:p></w:comment></w:comments>"#;
        let r = read(doc, Some(comments));
        assert_eq!((r.insertions, r.deletions), (1, 2));
        assert_eq!(
            r.comments,
            vec![Comment { author: "Ann & Bo".into(), text: "Why <new>?".into(), anchor: "Keep new".into() }]
        );
    }
}
