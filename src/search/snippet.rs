//! Which words of a passage a result shows: about [`SNIPPET_WORDS`] words
//! around the place where the query's rarest words stand closest together,
//! so "CCTV retention" shows "the CCTV system … image retention" rather
//! than the first "retention". `snippetOf` in `search.js` does exactly
//! this in the browser; keep the two in step (the browser test compares
//! the first result's snippet).

use std::ops::Range;

/// Words a snippet shows.
pub const SNIPPET_WORDS: usize = 30;
/// Words shown before the first match, for context.
const LEAD: usize = 5;

/// One word of a passage: where it is, and which of the query's terms it
/// matches (`None`: none).
pub struct Word {
    pub at: Range<usize>,
    pub term: Option<usize>,
}

/// The snippet of `text` and the byte ranges of its matched words.
/// `weights`: each term's weight in coverage (`rank::weight`).
pub fn window(text: &str, words: &[Word], weights: &[u32]) -> (String, Vec<Range<usize>>) {
    if words.len() <= SNIPPET_WORDS {
        let trimmed = text.trim_start();
        let cut = text.len() - trimmed.len();
        let marks = marks(words, 0..words.len(), cut);
        return (trimmed.trim_end().to_string(), marks);
    }
    let best = densest(words, weights);
    let first = start_of(text, words, best);
    let last = (first + SNIPPET_WORDS).min(words.len()) - 1;
    let lead = if first > 0 { "… " } else { "" };
    let mut out = format!("{lead}{}", &text[words[first].at.start..words[last].at.end]);
    if last < words.len() - 1 {
        out.push_str(" …");
    }
    let shift = words[first].at.start as isize - lead.len() as isize;
    let marks = words[first..=last]
        .iter()
        .filter(|w| w.term.is_some())
        .map(|w| (w.at.start as isize - shift) as usize..(w.at.end as isize - shift) as usize)
        .collect();
    (out, marks)
}

fn marks(words: &[Word], range: Range<usize>, cut: usize) -> Vec<Range<usize>> {
    words[range].iter().filter(|w| w.term.is_some()).map(|w| w.at.start - cut..w.at.end - cut).collect()
}

/// The matched word that begins the window holding the most weight of
/// distinct terms, then the most matches; the first such on a tie.
fn densest(words: &[Word], weights: &[u32]) -> usize {
    let span = SNIPPET_WORDS - LEAD;
    let mut best = (0, (0, 0));
    for (i, _) in words.iter().enumerate().filter(|(_, w)| w.term.is_some()) {
        let mut seen = vec![false; weights.len()];
        let mut count = 0;
        for t in words[i..(i + span).min(words.len())].iter().filter_map(|w| w.term) {
            seen[t] = true;
            count += 1;
        }
        let weight: u32 = seen.iter().zip(weights).filter(|(s, _)| **s).map(|(_, w)| w).sum();
        if (weight, count) > best.1 {
            best = (i, (weight, count));
        }
    }
    best.0
}

/// Where a snippet whose first match is word `best` starts: the start of
/// its sentence when that is at most `LEAD` words back, else `LEAD` words back.
fn start_of(text: &str, words: &[Word], best: usize) -> usize {
    let earliest = best.saturating_sub(LEAD);
    (earliest..=best)
        .rev()
        .find(|&k| k == 0 || sentence_starts(&text[words[k - 1].at.end..words[k].at.start]))
        .unwrap_or(earliest)
}

/// Whether the text between two words ends a sentence or a line.
fn sentence_starts(between: &str) -> bool {
    between.contains('\n') || [". ", "! ", "? ", ": "].iter().any(|end| between.contains(end))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The words of `text` (runs of letters and digits), matched against `terms` as written.
    fn words(text: &str, terms: &[&str]) -> Vec<Word> {
        let mut out = Vec::new();
        let mut start = None;
        for (i, c) in text.char_indices().chain([(text.len(), ' ')]) {
            match (c.is_alphanumeric(), start) {
                (true, None) => start = Some(i),
                (false, Some(s)) => {
                    let word = text[s..i].to_lowercase();
                    out.push(Word { at: s..i, term: terms.iter().position(|t| *t == word) });
                    start = None;
                }
                _ => {}
            }
        }
        out
    }

    fn filler(n: usize) -> String {
        (0..n).map(|i| format!("word{i}")).collect::<Vec<_>>().join(" ")
    }

    #[test]
    fn the_window_is_where_the_rarest_words_are_closest() {
        let text = format!(
            "{} retention of files. {}. Upgrading the CCTV system for image retention. {}",
            filler(10),
            filler(40),
            filler(40)
        );
        let (snippet, marks) = window(&text, &words(&text, &["cctv", "retention"]), &[5, 3]);
        assert!(snippet.starts_with("… Upgrading the CCTV system for image retention."), "{snippet}");
        let marked: Vec<&str> = marks.iter().map(|r| &snippet[r.clone()]).collect();
        assert_eq!(marked, ["CCTV", "retention"]);
    }

    #[test]
    fn a_common_word_does_not_pull_the_window() {
        let text = format!("{} becomes becomes. {} violent patient {}", filler(5), filler(40), filler(40));
        let (snippet, _) = window(&text, &words(&text, &["becomes", "violent", "patient"]), &[1, 4, 3]);
        assert!(snippet.contains("violent patient") && !snippet.contains("becomes"), "{snippet}");
    }

    #[test]
    fn a_short_passage_is_shown_whole() {
        let text = "  Line managers record visits.\n";
        let (snippet, marks) = window(text, &words(text, &["visits"]), &[2]);
        assert_eq!(snippet, "Line managers record visits.");
        assert_eq!(&snippet[marks[0].clone()], "visits");
    }
}
