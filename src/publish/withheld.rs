//! Staff names in the *text* of public documents. The public copy drops
//! every front-matter field that names a person (`public_library`), but an
//! author may also write a colleague's name into a table ("Dissemination
//! lead: Daniel Willis"). The names the library records for people
//! (authors, assessors, checkers, consultees, history authors, heads of
//! department, executive leads) are looked for in every free text of each
//! document of the public copy (title, summary, contact, audience, history
//! descriptions, the EIA's comments and actions, headings, body), and each
//! occurrence is shown as [`WITHHELD`]. Names the library never records are
//! not guessed at: the build's report lists where names were withheld so
//! the governance team can check the rest.

use crate::model::body::{Block, Inline};
use crate::model::Document;
use crate::resolve::Library;
use std::collections::{BTreeSet, HashMap};

/// What the public copy shows in place of a staff name.
pub const WITHHELD: &str = "(name withheld)";

/// Words that make a recorded "name" a group, a committee or a job title,
/// not a person: "Ward Manager" in an author's name field is a title, and
/// withholding it would blank every ward manager in the text. Sorted.
const NOT_A_PERSON: &[&str] = &[
    "Administrator",
    "Adviser",
    "Advisor",
    "Assistant",
    "Board",
    "Care",
    "Champions",
    "Chief",
    "Clinical",
    "Colleagues",
    "Committee",
    "Consultant",
    "Coordinator",
    "Corporate",
    "Council",
    "Department",
    "Deputy",
    "Director",
    "Directorate",
    "Division",
    "Estates",
    "Executive",
    "Facilities",
    "Finance",
    "Forum",
    "Governance",
    "Group",
    "Head",
    "Health",
    "Lead",
    "Manager",
    "Matron",
    "Medical",
    "NHS",
    "Network",
    "Nurse",
    "Office",
    "Officer",
    "Panel",
    "Patients",
    "Policy",
    "Practitioner",
    "Quality",
    "Safety",
    "Secretary",
    "Security",
    "Service",
    "Services",
    "Side",
    "Specialist",
    "Staff",
    "Team",
    "Trust",
    "Unit",
    "Users",
    "Workforce",
];

/// The personal names the library records in people's fields, found by
/// their first word: one pass over a text finds them all, however many
/// names a large library records.
#[derive(Default)]
pub struct StaffNames {
    /// The leading letters and digits of each name → the names, longest
    /// first (so "Mary Ann Aubrey" is withheld whole before "Mary Ann").
    by_first: HashMap<String, Vec<String>>,
}

impl StaffNames {
    pub fn is_empty(&self) -> bool {
        self.by_first.is_empty()
    }

    /// Every name, A to Z.
    pub fn all(&self) -> Vec<&str> {
        let mut names: Vec<&str> = self.by_first.values().flatten().map(String::as_str).collect();
        names.sort_unstable();
        names
    }
}

pub fn staff_names(lib: &Library) -> StaffNames {
    let mut names = BTreeSet::new();
    for doc in lib.docs() {
        for field in recorded_people(doc) {
            // "Mary Aubrey, Director of Governance": the name before the job title.
            let name = field.split([',', '(']).next().unwrap_or("").trim();
            if looks_like_a_name(name) {
                names.insert(name.to_string());
            }
        }
    }
    let mut by_first: HashMap<String, Vec<String>> = HashMap::new();
    for name in names {
        by_first.entry(first_word(&name).to_string()).or_default().push(name);
    }
    by_first.values_mut().for_each(|v| v.sort_by_key(|n| std::cmp::Reverse(n.len())));
    StaffNames { by_first }
}

/// The leading run of letters and digits of `text`.
fn first_word(text: &str) -> &str {
    let end = text.find(|c: char| !c.is_alphanumeric()).unwrap_or(text.len());
    &text[..end]
}

fn recorded_people(doc: &Document) -> Vec<&str> {
    let m = &doc.meta;
    let mut out: Vec<&str> = Vec::new();
    out.extend(m.author.as_ref().map(|a| a.name.as_str()));
    out.extend(m.executive_lead.as_deref());
    out.extend(m.head_of_department.as_deref());
    out.extend(m.references_checked.as_ref().map(|r| r.value.by.as_str()));
    out.extend(m.review_extension.as_ref().map(|r| r.value.by.as_str()));
    out.extend(m.consultation.iter().flat_map(|c| c.value.consulted.iter().map(|p| p.value.who.as_str())));
    out.extend(m.history.iter().flat_map(|h| h.value.iter().filter_map(|e| e.by.as_deref())));
    if let Some(e) = &m.eia {
        out.extend(e.lead_assessor.as_deref());
        out.extend(e.consulted.iter().map(String::as_str));
        out.extend(e.action_plan.iter().filter_map(|a| a.lead.as_deref()));
    }
    out
}

/// Two to four capitalised words of letters (an initial, a hyphen or an
/// apostrophe allowed), none of them a group's word: "Daniel Willis",
/// "Dr A. O'Neill-Smith"; not "Staff Side Colleagues" nor "LSMS".
fn looks_like_a_name(text: &str) -> bool {
    let words: Vec<&str> = text.split_whitespace().collect();
    // "Daniel", "O'Neill-Smith", or an initial ("A."); not "LSMS".
    let capitalised = |w: &&str| {
        let letters = w.chars().filter(|c| c.is_alphabetic()).count();
        w.chars().next().is_some_and(char::is_uppercase)
            && w.chars().all(|c| c.is_alphabetic() || "-'’.".contains(c))
            && (letters == 1 || w.chars().any(char::is_lowercase))
    };
    (2..=4).contains(&words.len())
        && words.iter().all(capitalised)
        && words.iter().any(|w| w.chars().filter(|c| c.is_alphabetic()).count() >= 2)
        && !words.iter().any(|w| NOT_A_PERSON.binary_search(&w.trim_end_matches('.')).is_ok())
}

/// `doc` with every occurrence of `names` in its title, summary, contact
/// and body shown as [`WITHHELD`], and how many there were.
pub fn withhold(doc: &mut Document, names: &StaffNames) -> usize {
    if names.is_empty() {
        return 0;
    }
    let mut count = 0;
    let mut edit = |text: &mut String| count += replace_names(text, names);
    let m = &mut doc.meta;
    [m.summary.as_mut(), m.contact.as_mut()].into_iter().flatten().for_each(&mut edit);
    if let Some(t) = &mut m.title {
        edit(&mut t.value);
    }
    if let Some(a) = &mut m.audience {
        a.primary.iter_mut().chain(a.secondary.iter_mut()).for_each(&mut edit);
    }
    if let Some(h) = &mut m.history {
        for e in h.value.iter_mut() {
            edit(&mut e.description);
            e.changed.iter_mut().for_each(&mut edit);
        }
    }
    if let Some(e) = &mut m.eia {
        e.department.iter_mut().for_each(&mut edit);
        let impacts = e.impacts.iter_mut().flat_map(|i| i.value.iter_mut());
        impacts.flat_map(|i| i.comment.iter_mut()).for_each(&mut edit);
        e.action_plan.iter_mut().for_each(|a| edit(&mut a.action));
    }
    doc.body.sections.iter_mut().for_each(|s| edit(&mut s.text));
    doc.body.blocks.iter_mut().for_each(|b| in_block(b, &mut edit));
    count
}

fn in_block(block: &mut Block, edit: &mut impl FnMut(&mut String)) {
    match block {
        Block::Paragraph(inlines) | Block::Plain(inlines) => inlines.iter_mut().for_each(|i| in_inline(i, edit)),
        Block::List { items, .. } => items.iter_mut().flatten().for_each(|b| in_block(b, edit)),
        Block::Quote(blocks) => blocks.iter_mut().for_each(|b| in_block(b, edit)),
        Block::Table(t) => {
            t.head.iter_mut().chain(t.rows.iter_mut().flatten()).flatten().for_each(|i| in_inline(i, edit))
        }
        Block::Code { text, .. } | Block::RawHtml(text) => edit(text),
        Block::Heading(_) | Block::Rule => {}
    }
}

fn in_inline(inline: &mut Inline, edit: &mut impl FnMut(&mut String)) {
    match inline {
        Inline::Text(text) | Inline::Code(text) => edit(text),
        Inline::Emphasis(children)
        | Inline::Strong(children)
        | Inline::Strikethrough(children)
        | Inline::Link { children, .. } => children.iter_mut().for_each(|i| in_inline(i, edit)),
        Inline::Image { alt, .. } => edit(alt),
        Inline::IdRef { .. } | Inline::FootnoteRef(_) | Inline::SoftBreak | Inline::HardBreak => {}
    }
}

/// Replaces each whole-word occurrence of a name (as written) in `text`.
fn replace_names(text: &mut String, names: &StaffNames) -> usize {
    let mut out = String::new();
    let (mut count, mut copied, mut at) = (0, 0, 0);
    while let Some(start) = next_word(text, at) {
        let candidates = names.by_first.get(first_word(&text[start..])).map_or(&[][..], Vec::as_slice);
        let found = candidates.iter().find(|name| {
            text[start..].starts_with(name.as_str())
                && !text[start + name.len()..].chars().next().is_some_and(char::is_alphanumeric)
        });
        match found {
            Some(name) => {
                out.push_str(&text[copied..start]);
                out.push_str(WITHHELD);
                count += 1;
                copied = start + name.len();
                at = copied;
            }
            None => at = start + first_word(&text[start..]).len(),
        }
    }
    if count > 0 {
        out.push_str(&text[copied..]);
        *text = out;
    }
    count
}

/// Where the next word at or after `at` starts: a letter or digit not preceded by one.
fn next_word(text: &str, at: usize) -> Option<usize> {
    let mut prev = text[..at].chars().next_back();
    for (i, c) in text[at..].char_indices() {
        if c.is_alphanumeric() && !prev.is_some_and(char::is_alphanumeric) {
            return Some(at + i);
        }
        prev = Some(c);
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_word_list_is_sorted() {
        assert!(NOT_A_PERSON.windows(2).all(|w| w[0] < w[1]));
    }

    #[test]
    fn people_are_names_and_groups_are_not() {
        for name in ["Daniel Willis", "Mary Aubrey", "Dr A. O'Neill-Smith", "Siân Jones"] {
            assert!(looks_like_a_name(name), "{name}");
        }
        for group in [
            "Staff Side Colleagues",
            "LSMS",
            "Policy Group",
            "Service Users",
            "Daniel",
            "the LSMS team",
            "Ward Manager",
        ] {
            assert!(!looks_like_a_name(group), "{group}");
        }
    }

    #[test]
    fn a_name_is_replaced_only_as_a_whole_word() {
        let mut names = StaffNames::default();
        names.by_first.insert("Ann".into(), vec!["Ann Lee Smith".into(), "Ann Lee".into()]);
        names.by_first.insert("A".into(), vec!["A. N. Other".into()]);
        let mut text = "Ann Lee and Ann Leeds; JoAnn Lee; lead: Ann Lee Smith, A. N. Other.".to_string();
        assert_eq!(replace_names(&mut text, &names), 3);
        assert_eq!(text, "(name withheld) and Ann Leeds; JoAnn Lee; lead: (name withheld), (name withheld).");
        let mut plain = "No one named here.".to_string();
        assert_eq!(replace_names(&mut plain, &names), 0);
        assert_eq!(plain, "No one named here.");
    }
}
