//! "Did you mean": what the checks suggest for an anchor, an id or a role
//! that does not exist. Each suggests only what an author probably meant,
//! and nothing when nothing is likely: a wrong suggestion sends the author
//! to the wrong document, which is worse than none.

use super::title::singular;
use crate::config::{Config, Role};
use crate::model::body::Section;
use crate::model::{DocId, Document};
use crate::resolve::Library;
use crate::text::{levenshtein, slugify_anchor};
use std::collections::{BTreeSet, HashMap};

/// Small words that say nothing about which section is meant.
const STOP_WORDS: &[&str] = &["a", "an", "and", "at", "by", "for", "in", "of", "on", "or", "the", "to", "with"];

/// The section of `doc` that a link to the missing `#written` most likely
/// meant: an anchor one or two typing slips away, else the heading that
/// shares most of the anchor's words. Abbreviations count as the words
/// they stand for (a role's alias, a glossary term): `#lsms-duties` finds
/// "Local Security Management Specialist (LSMS)".
pub fn anchor<'d>(config: &Config, doc: &'d Document, written: &str) -> Option<&'d Section> {
    let sections = &doc.body.sections;
    let typo = sections
        .iter()
        .map(|s| (levenshtein(&s.anchor, written), s))
        .filter(|(d, s)| *d <= 2 && d * 4 <= s.anchor.chars().count())
        .min_by_key(|(d, _)| *d);
    if let Some((_, s)) = typo {
        return Some(s);
    }
    let concepts: Vec<Concept> = words(written).into_iter().map(|w| Concept::new(config, w)).collect();
    if concepts.is_empty() {
        return None;
    }
    sections
        .iter()
        .enumerate()
        .filter_map(|(n, s)| {
            let found = section_words(config, s);
            let matched = concepts.iter().filter(|c| c.found_in(&found)).count();
            // Half the anchor's words at least: one shared word of five is chance.
            if matched == 0 || matched * 2 < concepts.len() {
                return None;
            }
            let unexplained = found.iter().filter(|w| !concepts.iter().any(|c| c.explains(w))).count();
            Some(((matched, std::cmp::Reverse(unexplained), std::cmp::Reverse(n)), s))
        })
        .max_by_key(|(score, _)| *score)
        .map(|(_, s)| s)
}

/// One word of a written anchor, with what it may stand for.
struct Concept {
    word: String,
    /// The words of each expansion: a role's title for its id or alias,
    /// a glossary term's definition.
    expansions: Vec<Vec<String>>,
}

impl Concept {
    fn new(config: &Config, word: String) -> Concept {
        let mut expansions = Vec::new();
        for role in &config.roles {
            if role_names(role).any(|n| words(n) == [word.clone()]) {
                expansions.push(words(&role.title));
            }
        }
        for entry in &config.glossary {
            if words(&entry.term) == [word.clone()] {
                // The definition up to its first aside: "Accredited Security
                // Management Specialist (one document also writes ...)".
                let head = entry.definition.split(['(', '.', ',', ';']).next().unwrap_or_default();
                let expansion = words(head);
                if !expansion.is_empty() && expansion.len() <= 8 {
                    expansions.push(expansion);
                }
            }
        }
        Concept { word, expansions }
    }

    fn found_in(&self, found: &[String]) -> bool {
        found.iter().any(|w| same_word(w, &self.word))
            || self.expansions.iter().any(|e| e.iter().all(|x| found.contains(x)))
    }

    fn explains(&self, word: &str) -> bool {
        same_word(word, &self.word) || self.expansions.iter().any(|e| e.iter().any(|x| x == word))
    }
}

/// The same word, or one typing slip apart in a long word.
fn same_word(a: &str, b: &str) -> bool {
    a == b || (a.chars().count() >= 5 && b.chars().count() >= 5 && levenshtein(a, b) <= 1)
}

/// A heading's words: its text, its anchor, and for a role section the
/// role's id, title and aliases.
fn section_words(config: &Config, s: &Section) -> Vec<String> {
    let mut found = words(&s.text);
    found.extend(words(&s.anchor));
    if let Some(role) = s.role.as_deref().and_then(|r| config.role(r)) {
        for name in role_names(role).chain([role.title.as_str()]) {
            found.extend(words(name));
        }
    }
    found.sort();
    found.dedup();
    found
}

fn role_names(role: &Role) -> impl Iterator<Item = &str> {
    std::iter::once(role.id.as_str()).chain(role.aliases.iter().map(String::as_str))
}

/// Lower-case words without small words, plurals made singular.
fn words(text: &str) -> Vec<String> {
    text.split(|c: char| !c.is_alphanumeric())
        .map(str::to_lowercase)
        .filter(|w| !w.is_empty() && !STOP_WORDS.contains(&w.as_str()))
        .map(singular)
        .collect()
}

/// The library's ids by their text, and every byte they are written with:
/// the ids one slip from an unknown one are looked up, not compared with
/// each id of the library in turn (at 50,000 ids and 37,000 unknown
/// references, that took 23 seconds).
pub struct Ids<'l> {
    pub lib: &'l Library,
    by_text: HashMap<&'l str, &'l DocId>,
    alphabet: Vec<u8>,
}

impl<'l> Ids<'l> {
    pub fn new(lib: &'l Library) -> Ids<'l> {
        let by_text: HashMap<&str, &DocId> = lib.by_id().keys().map(|k| (k.as_str(), k)).collect();
        let mut seen = [false; 256];
        by_text.keys().flat_map(|k| k.bytes()).for_each(|b| seen[usize::from(b)] = true);
        let alphabet = (0..=u8::MAX).filter(|&b| seen[usize::from(b)]).collect();
        Ids { lib, by_text, alphabet }
    }

    /// Ids of the library that `id` could be a slip for (`is_slip`), the
    /// first three in order. Every id one slip away is `id` with one byte
    /// left out, one of the library's bytes put in or put instead, or two
    /// neighbours swapped.
    pub fn near(&self, id: &DocId) -> Vec<&'l DocId> {
        let written = id.as_str().as_bytes();
        let mut found = BTreeSet::new();
        let mut look = |candidate: Vec<u8>| {
            let known = std::str::from_utf8(&candidate).ok().and_then(|text| self.by_text.get(text));
            if let Some(&k) = known.filter(|k| is_slip(k.as_str().as_bytes(), written)) {
                found.insert(k);
            }
        };
        let with = |at: usize, put: &[u8], skip: usize| [&written[..at], put, &written[at + skip..]].concat();
        for at in 0..=written.len() {
            for &b in &self.alphabet {
                look(with(at, &[b], 0));
            }
            if at < written.len() {
                look(with(at, &[], 1));
                self.alphabet.iter().filter(|&&b| b != written[at]).for_each(|&b| look(with(at, &[b], 1)));
            }
            if at + 1 < written.len() {
                look(with(at, &[written[at + 1], written[at]], 2));
            }
        }
        found.into_iter().take(3).collect()
    }
}

/// Whether `b` is `a` with one typing slip: two neighbouring characters
/// swapped, one key hit instead of the key beside it (`015` for `016`, not
/// `012`), or one character left out or typed twice.
pub fn is_slip(a: &[u8], b: &[u8]) -> bool {
    let (short, long) = if a.len() <= b.len() { (a, b) } else { (b, a) };
    if long.len() - short.len() > 1 {
        return false;
    }
    let head = short.iter().zip(long).take_while(|(x, y)| x == y).count();
    if short.len() != long.len() {
        return short[head..] == long[head + 1..];
    }
    if head == short.len() {
        return false;
    }
    let swapped =
        head + 1 < a.len() && a[head] == b[head + 1] && a[head + 1] == b[head] && a[head + 2..] == b[head + 2..];
    let neighbour = keys_adjacent(a[head], b[head]) && a[head + 1..] == b[head + 1..];
    swapped || neighbour
}

/// Whether two keys sit side by side on a UK keyboard (number row and
/// letters, above and below included).
fn keys_adjacent(a: u8, b: u8) -> bool {
    const ROWS: [&[u8]; 4] = [b"1234567890", b"qwertyuiop", b"asdfghjkl", b"zxcvbnm"];
    let (a, b) = (a.to_ascii_lowercase(), b.to_ascii_lowercase());
    let find = |k: u8| ROWS.iter().enumerate().find_map(|(r, row)| row.iter().position(|&c| c == k).map(|i| (r, i)));
    let (Some((ra, ia)), Some((rb, ib))) = (find(a), find(b)) else {
        return false;
    };
    match rb as isize - ra as isize {
        0 => ia.abs_diff(ib) == 1,
        // Each row sits half a key to the right of the one above it.
        1 => ib == ia || ib + 1 == ia,
        -1 => ia == ib || ia + 1 == ib,
        _ => false,
    }
}

/// The help for `{role=written}` naming no role id: the role whose title or
/// alias it is, else an id one slip away, else `None`.
pub fn role(config: &Config, written: &str) -> Option<String> {
    let slug = slugify_anchor(written);
    for role in &config.roles {
        if slugify_anchor(&role.title) == slug {
            return Some(format!(
                "\"{}\" is the title of the role `{}`: write `{{role={}}}`",
                role.title, role.id, role.id
            ));
        }
        if let Some(alias) = role.aliases.iter().find(|a| slugify_anchor(a) == slug) {
            return Some(format!(
                "\"{alias}\" is an alias of the role `{}` ({}): write `{{role={}}}`",
                role.id, role.title, role.id
            ));
        }
    }
    crate::text::closest(written, config.roles.iter().map(|r| r.id.as_str())).map(|c| format!("did you mean `{c}`?"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slips_are_swaps_neighbouring_keys_and_one_character_more_or_less() {
        let yes = [
            ("POL/002/015", "POL/002/016"),
            ("POL/002/015", "POL/002/051"),
            ("POL/002/015", "POL/002/15"),
            ("POL/002/015", "POL/002/0155"),
            ("POL/001/009", "POL/001/008"),
            ("POL/002/015", "POK/002/015"),
            ("A", ""),
        ];
        for (a, b) in yes {
            assert!(is_slip(a.as_bytes(), b.as_bytes()), "{a} {b}");
            assert!(is_slip(b.as_bytes(), a.as_bytes()), "{b} {a}");
        }
        let no = [
            ("POL/002/015", "POL/002/012"),
            ("POL/002/015", "POL/002/019"),
            ("POL/002/015", "POL/002/015"),
            ("POL/002/015", "POL/002/01555"),
            ("POL/002/015", "POL/002/501"),
            ("AB", "CD"),
        ];
        for (a, b) in no {
            assert!(!is_slip(a.as_bytes(), b.as_bytes()), "{a} {b}");
            assert!(!is_slip(b.as_bytes(), a.as_bytes()), "{b} {a}");
        }
    }

    #[test]
    fn the_ids_looked_up_are_the_ids_one_slip_away() {
        let ids = [
            "POL/002/016",
            "POL/002/051",
            "POL/002/15",
            "POL/002/0155",
            "POK/002/015",
            "POL/002/012",
            "POL/020/015",
            "PLO/002/015",
            "QOL/002/015",
            "OL/002/015",
            "PÖL/002/015",
            "PÖL/002/0159",
        ];
        let config = Config::default();
        let documents = ids
            .iter()
            .enumerate()
            .map(|(n, id)| {
                let text = format!("---\nid: {id}\ntitle: T\n---\n");
                crate::load::document_from_text(format!("{n}.md"), format!("{n}.md").into(), text, &config).0
            })
            .collect();
        let content = crate::load::Content { dir: "content".into(), config, documents, ..Default::default() };
        let lib = Library::new(content, crate::model::Date::from_ymd(2026, 1, 1).expect("a day"));
        let index = Ids::new(&lib);
        let written = [
            "POL/002/015",
            "POL/002/01",
            "POL/02/015",
            "XPOL/002/015",
            "POL/002/0165",
            "OL/002/01",
            "PÖL/002/015",
            "PÖL/002/05",
            "",
        ];
        for written in written {
            let every: Vec<_> =
                lib.by_id().keys().filter(|k| is_slip(k.as_str().as_bytes(), written.as_bytes())).take(3).collect();
            assert_eq!(index.near(&DocId::new(written)), every, "{written}");
        }
        assert_eq!(index.near(&DocId::new("POL/002/015")).len(), 3, "the first three of many");
    }

    #[test]
    fn neighbouring_keys() {
        assert!(keys_adjacent(b'5', b'6') && keys_adjacent(b'9', b'0') && keys_adjacent(b'S', b'w'));
        assert!(keys_adjacent(b'a', b'z') && keys_adjacent(b'x', b's') && keys_adjacent(b'd', b'e'));
        assert!(!keys_adjacent(b'2', b'5') && !keys_adjacent(b'a', b'p') && !keys_adjacent(b'/', b'-'));
    }
}
