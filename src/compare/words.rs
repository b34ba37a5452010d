//! Word-level differences within one block of text.
//!
//! Text is cut into tokens (words, runs of white space, single punctuation
//! marks) and the token sequences are compared with `similar`'s Myers
//! diff, with a deadline so that no pathological paragraph can stall a
//! build. A change of one word shows as that word deleted and its
//! replacement inserted, never as the whole paragraph.

use serde::Serialize;
use similar::{capture_diff_slices_deadline, Algorithm, DiffOp};
use std::time::{Duration, Instant};

/// How long one block's word diff may take before `similar` settles for a
/// coarser (still correct) answer.
const DEADLINE: Duration = Duration::from_millis(200);

#[derive(Clone, Copy, Debug, Serialize, PartialEq, Eq)]
#[serde(rename_all = "lowercase")]
pub enum Op {
    Same,
    Ins,
    Del,
}

/// A run of text that is the same in both versions, inserted or deleted.
#[derive(Clone, Debug, Serialize, PartialEq, Eq)]
pub struct Seg {
    pub op: Op,
    pub text: String,
}

/// The whole of `text` with one mark.
pub fn all(op: Op, text: &str) -> Vec<Seg> {
    if text.is_empty() {
        Vec::new()
    } else {
        vec![Seg { op, text: text.to_string() }]
    }
}

/// Words, white space and punctuation, in order; concatenated they give the text back.
pub fn tokens(text: &str) -> Vec<&str> {
    let mut out = Vec::with_capacity(text.len() / 4);
    let mut start = 0;
    let mut kind = None;
    let bytes: Vec<(usize, char)> = text.char_indices().collect();
    for (n, &(i, c)) in bytes.iter().enumerate() {
        let k = class(c, n, &bytes);
        // Punctuation stands alone; words and spaces run on.
        if kind != Some(k) || k == Class::Punct {
            if i > start {
                out.push(&text[start..i]);
            }
            start = i;
            kind = Some(k);
        }
    }
    if start < text.len() {
        out.push(&text[start..]);
    }
    out
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Class {
    Word,
    Space,
    Punct,
}

/// An apostrophe between letters belongs to its word: "Trust's".
fn class(c: char, n: usize, chars: &[(usize, char)]) -> Class {
    if c.is_alphanumeric() {
        Class::Word
    } else if c.is_whitespace() {
        Class::Space
    } else if matches!(c, '\'' | '’')
        && n > 0
        && chars[n - 1].1.is_alphanumeric()
        && chars.get(n + 1).is_some_and(|(_, c)| c.is_alphanumeric())
    {
        Class::Word
    } else {
        Class::Punct
    }
}

pub fn is_word(token: &str) -> bool {
    token.chars().next().is_some_and(char::is_alphanumeric)
}

/// How many words a text has (as `tokens` cuts them), without cutting it.
pub fn count(text: &str) -> usize {
    let mut n = 0;
    let mut prev: Option<char> = None;
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        let apostrophe_inside = |p: Option<char>, next: Option<&char>| {
            p.is_some_and(char::is_alphanumeric) && next.is_some_and(|c| c.is_alphanumeric())
        };
        let in_word = |p: Option<char>| p.is_some_and(|p| p.is_alphanumeric() || matches!(p, '\'' | '’'));
        if c.is_alphanumeric() && !in_word(prev) {
            n += 1;
        }
        // An apostrophe inside a word keeps the word going; one elsewhere ends it.
        prev = match c {
            '\'' | '’' if !apostrophe_inside(prev, chars.peek()) => Some(' '),
            c => Some(c),
        };
    }
    n
}

/// How alike two texts are, by the words they share whatever their case
/// (Dice's coefficient, 0 to 1). Cheap: no alignment.
pub fn similarity(a: &str, b: &str) -> f32 {
    if a == b {
        return 1.0;
    }
    Bag::of(a).dice(&Bag::of(b))
}

/// A text's words, case folded, as sorted hashes: made once for a block
/// that is compared with many others.
pub struct Bag(Vec<u64>);

impl Bag {
    pub fn of(text: &str) -> Bag {
        let mut words: Vec<u64> = tokens(text)
            .into_iter()
            .filter(|t| is_word(t))
            .map(|t| {
                let mut h = rustc_hash::FxHasher::default();
                for c in t.chars().flat_map(char::to_lowercase) {
                    std::hash::Hash::hash(&c, &mut h);
                }
                std::hash::Hasher::finish(&h)
            })
            .collect();
        words.sort_unstable();
        Bag(words)
    }

    /// Dice's coefficient of the two bags of words.
    pub fn dice(&self, other: &Bag) -> f32 {
        let (a, b) = (&self.0, &other.0);
        if a.is_empty() && b.is_empty() {
            return 0.0;
        }
        let (mut i, mut j, mut shared) = (0, 0, 0);
        while i < a.len() && j < b.len() {
            match a[i].cmp(&b[j]) {
                std::cmp::Ordering::Less => i += 1,
                std::cmp::Ordering::Greater => j += 1,
                std::cmp::Ordering::Equal => {
                    shared += 1;
                    i += 1;
                    j += 1;
                }
            }
        }
        2.0 * shared as f32 / (a.len() + b.len()) as f32
    }
}

/// `old` → `new`, word by word.
pub fn diff(old: &str, new: &str) -> Vec<Seg> {
    if old == new {
        return all(Op::Same, new);
    }
    let a = tokens(old);
    let b = tokens(new);
    let ops = capture_diff_slices_deadline(Algorithm::Myers, &a, &b, Some(Instant::now() + DEADLINE));
    let mut raw: Vec<(Op, &str)> = Vec::with_capacity(ops.len() * 2);
    for op in ops {
        match op {
            DiffOp::Equal { old_index, len, .. } => {
                raw.extend(a[old_index..old_index + len].iter().map(|t| (Op::Same, *t)))
            }
            DiffOp::Delete { old_index, old_len, .. } => {
                raw.extend(a[old_index..old_index + old_len].iter().map(|t| (Op::Del, *t)))
            }
            DiffOp::Insert { new_index, new_len, .. } => {
                raw.extend(b[new_index..new_index + new_len].iter().map(|t| (Op::Ins, *t)))
            }
            DiffOp::Replace { old_index, old_len, new_index, new_len } => {
                raw.extend(a[old_index..old_index + old_len].iter().map(|t| (Op::Del, *t)));
                raw.extend(b[new_index..new_index + new_len].iter().map(|t| (Op::Ins, *t)));
            }
        }
    }
    tidy(&raw)
}

/// Reads well: white space between two changes joins them (one phrase
/// replaced, not three words), and in each run of changes the deleted text
/// comes before the inserted text.
fn tidy(raw: &[(Op, &str)]) -> Vec<Seg> {
    let changed = |i: usize| raw.get(i).is_some_and(|(op, _)| *op != Op::Same);
    let mut out: Vec<Seg> = Vec::new();
    let mut del = String::new();
    let mut ins = String::new();
    let flush = |out: &mut Vec<Seg>, del: &mut String, ins: &mut String| {
        for (op, text) in [(Op::Del, del), (Op::Ins, ins)] {
            if !text.is_empty() {
                out.push(Seg { op, text: std::mem::take(text) });
            }
        }
    };
    for (i, &(op, t)) in raw.iter().enumerate() {
        let bridge = op == Op::Same && t.trim().is_empty() && i > 0 && changed(i - 1) && changed(i + 1);
        match op {
            Op::Same if !bridge => {
                flush(&mut out, &mut del, &mut ins);
                match out.last_mut() {
                    Some(s) if s.op == Op::Same => s.text.push_str(t),
                    _ => out.push(Seg { op: Op::Same, text: t.to_string() }),
                }
            }
            Op::Same => {
                del.push_str(t);
                ins.push_str(t);
            }
            Op::Del => del.push_str(t),
            Op::Ins => ins.push_str(t),
        }
    }
    flush(&mut out, &mut del, &mut ins);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn marked(segs: &[Seg]) -> String {
        segs.iter()
            .map(|s| match s.op {
                Op::Same => s.text.clone(),
                Op::Ins => format!("{{+{}+}}", s.text),
                Op::Del => format!("[-{}-]", s.text),
            })
            .collect()
    }

    #[test]
    fn tokens_give_the_text_back() {
        let t = "The Trust's LSMS (5.2) works  with staff.";
        assert_eq!(tokens(t).concat(), t);
        assert!(tokens(t).contains(&"Trust's"));
        assert_eq!(count(t), 8);
        for t in ["", "  ", "a", "don't stop", "'quoted' words", "x''y", "5.2 and 10", "naïve café ＡＢ"] {
            assert_eq!(count(t), tokens(t).into_iter().filter(|w| is_word(w)).count(), "{t:?}");
        }
    }

    #[test]
    fn one_word_changed_in_a_long_paragraph_is_one_word() {
        let old = format!("{} property and assets {}", "word ".repeat(200), "end ".repeat(50));
        let new = old.replace("property", "premises");
        let d = diff(&old, &new);
        let changed: Vec<_> = d.iter().filter(|s| s.op != Op::Same).map(|s| (s.op, s.text.as_str())).collect();
        assert_eq!(changed, vec![(Op::Del, "property"), (Op::Ins, "premises")]);
    }

    #[test]
    fn adjacent_changes_read_as_one_phrase() {
        assert_eq!(marked(&diff("a big red dog", "a small blue dog")), "a [-big red-]{+small blue+} dog");
        assert_eq!(marked(&diff("staff must report", "staff must always report")), "staff must {+always +}report");
    }

    #[test]
    fn similarity_counts_shared_words() {
        assert_eq!(similarity("a b c d", "a b c d"), 1.0);
        assert!(similarity("a b c d", "a b c e") > 0.7);
        assert!(similarity("a b c d", "w x y z") < 0.01);
    }
}
