//! Typo correction: a query word the library does not contain is replaced
//! by the nearest word it does contain, within an edit distance of 1 for
//! words of 5 to 7 letters and of 2 for longer ones (a letter added,
//! dropped, changed, or two neighbours swapped: `workign` → `working`).
//! Among equally near words the one in most documents wins, then the first
//! in alphabetical order. `search.js` does exactly this; keep the two in step.
//!
//! The browser must not download the whole vocabulary to do it, so the
//! build writes the vocabulary in small *typo shards*: each word is listed
//! under [`keys`], the three-letter subsequences of its first five
//! letters. Each edit spoils at most one letter of a word's start, so two
//! words within `d` edits have first `3 + d` letters with three letters in
//! common, in order: a query word with `d` edits allowed downloads only the
//! shards of the three-letter subsequences of its first `3 + d` letters
//! ([`query_keys`]: at most 4 files, or 10 for a long word) and finds in
//! them every word near enough (a test checks this on random words).

use super::question::is_stop_word;

/// Letters a subsequence key has.
pub const KEY_LETTERS: usize = 3;

/// The edits allowed to correct `word`: 0 (too short to guess), 1 or 2.
pub fn max_edits(word: &str) -> usize {
    match word.chars().count() {
        0..=4 => 0,
        5..=7 => 1,
        _ => 2,
    }
}

/// Whether a query word may be corrected: long enough, and letters only
/// (numbers and codes are typed on purpose).
pub fn correctable(word: &str) -> bool {
    max_edits(word) > 0 && word.chars().all(char::is_alphabetic)
}

/// Whether a word of the library may be offered as a correction: letters
/// only, at least 4 (a 5-letter word less one), and not a stop word.
pub fn candidate(word: &str) -> bool {
    word.chars().count() >= 4 && word.chars().all(char::is_alphabetic) && !is_stop_word(word)
}

/// The keys of `word`'s typo shards: the distinct three-letter
/// subsequences of its first five letters, in order.
pub fn keys(word: &str) -> Vec<String> {
    subsequences(word, KEY_LETTERS + 2)
}

/// The shards a query word with `edits` allowed needs: the three-letter
/// subsequences of its first `3 + edits` letters (all among `keys` of any
/// word within `edits` of it).
pub fn query_keys(word: &str, edits: usize) -> Vec<String> {
    subsequences(word, KEY_LETTERS + edits)
}

fn subsequences(word: &str, prefix: usize) -> Vec<String> {
    let p: Vec<char> = word.chars().take(prefix).collect();
    let mut out = Vec::new();
    for i in 0..p.len() {
        for j in i + 1..p.len() {
            for k in j + 1..p.len() {
                let key: String = [p[i], p[j], p[k]].iter().collect();
                if !out.contains(&key) {
                    out.push(key);
                }
            }
        }
    }
    out
}

/// The optimal string alignment distance between `a` and `b` (Levenshtein
/// with a swap of two neighbours counted as one edit), or `None` when it
/// is more than `max`.
pub fn distance(a: &str, b: &str, max: usize) -> Option<usize> {
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    if a.len().abs_diff(b.len()) > max {
        return None;
    }
    let width = b.len() + 1;
    let mut rows = vec![vec![0usize; width]; a.len() + 1];
    for (j, cell) in rows[0].iter_mut().enumerate() {
        *cell = j;
    }
    for i in 1..=a.len() {
        rows[i][0] = i;
        for j in 1..=b.len() {
            let cost = usize::from(a[i - 1] != b[j - 1]);
            let mut d = (rows[i - 1][j] + 1).min(rows[i][j - 1] + 1).min(rows[i - 1][j - 1] + cost);
            if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                d = d.min(rows[i - 2][j - 2] + 1);
            }
            rows[i][j] = d;
        }
    }
    Some(rows[a.len()][b.len()]).filter(|&d| d <= max)
}

/// The correction of `typed` among `(word, documents holding it)`
/// candidates: the nearest, then the most common, then the first A to Z.
pub fn best<'a>(typed: &str, candidates: impl IntoIterator<Item = (&'a str, u32)>) -> Option<String> {
    let max = max_edits(typed);
    candidates
        .into_iter()
        .filter(|(w, _)| *w != typed && candidate(w))
        .filter_map(|(w, freq)| distance(typed, w, max).map(|d| (d, std::cmp::Reverse(freq), w)))
        .min()
        .map(|(_, _, w)| w.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn long_words_may_have_more_edits() {
        assert_eq!([max_edits("fire"), max_edits("alarm"), max_edits("workign"), max_edits("violense")], [0, 1, 1, 2]);
        assert!(correctable("violense") && !correctable("covid19") && !correctable("the"));
    }

    #[test]
    fn swaps_are_one_edit() {
        assert_eq!(distance("workign", "working", 1), Some(1));
        assert_eq!(distance("violense", "violence", 2), Some(1));
        assert_eq!(distance("violense", "violent", 2), Some(2));
        assert_eq!(distance("lone", "alone", 0), None);
        assert_eq!(distance("abcdef", "badcfe", 2), None, "three swaps");
        assert_eq!(distance("équipe", "equipe", 1), Some(1), "letters, not bytes");
    }

    #[test]
    fn the_nearest_then_the_most_common_word_wins() {
        let vocabulary = [("violent", 50), ("violence", 3), ("violins", 9)];
        assert_eq!(best("violense", vocabulary).as_deref(), Some("violence"));
        assert_eq!(best("violins", vocabulary), None, "a word is never its own correction");
        let ties = [("tides", 3), ("times", 9), ("timed", 9)];
        assert_eq!(best("tiles", ties).as_deref(), Some("times"), "more documents, then A to Z");
        assert_eq!(best("thema", [("them", 99), ("theme", 1)]).as_deref(), Some("theme"), "not a stop word");
    }

    #[test]
    fn keys_are_three_letter_subsequences_of_the_start() {
        assert_eq!(query_keys("lone", 1), vec!["lon", "loe", "lne", "one"]);
        assert_eq!(keys("violence").len(), 10);
        assert_eq!(keys("aaaaaa"), vec!["aaa"]);
    }

    /// A few thousand random words and random edits: whenever two words are
    /// within the allowed edits, the query's shards hold the other word.
    #[test]
    fn the_query_keys_always_find_every_word_within_reach() {
        let mut seed = 0x2545_f491_4f6c_dd1d_u64;
        let mut next = |n: usize| {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            (seed % n as u64) as usize
        };
        let letters: Vec<char> = "abcde".chars().collect();
        for _ in 0..20_000 {
            let len = 4 + next(7);
            let word: Vec<char> = (0..len).map(|_| letters[next(letters.len())]).collect();
            let mut typed = word.clone();
            for _ in 0..1 + next(2) {
                let at = next(typed.len());
                match next(4) {
                    0 => typed[at] = letters[next(letters.len())],
                    1 => typed.insert(at, letters[next(letters.len())]),
                    2 if typed.len() > 1 => {
                        typed.remove(at);
                    }
                    _ if at + 1 < typed.len() => typed.swap(at, at + 1),
                    _ => {}
                }
            }
            let (word, typed): (String, String) = (word.iter().collect(), typed.iter().collect());
            let edits = max_edits(&typed);
            if edits == 0 || distance(&typed, &word, edits).is_none() {
                continue;
            }
            let stored = keys(&word);
            assert!(
                query_keys(&typed, edits).iter().any(|k| stored.contains(k)),
                "{typed} does not reach {word} ({edits} edits)"
            );
        }
    }
}
