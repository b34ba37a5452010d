//! Queries as staff write them: "what must a line manager do about
//! violence and aggression". The question and stop words say how the
//! reader asks, not what about, and nearly every document holds them, so
//! they are dropped before searching; a query of stop words only is
//! searched as it is. `search.js` holds the same list (a test compares them).

/// Lower-case words dropped from queries. Short on purpose: a word that
/// carries meaning in policies ("not", "all", "it" for IT, "may") stays.
pub const STOP_WORDS: &[&str] = &[
    "a", "about", "am", "an", "and", "any", "are", "as", "at", "be", "been", "being", "but", "by", "can", "could",
    "did", "do", "does", "doing", "for", "from", "had", "has", "have", "having", "he", "her", "his", "how", "i", "if",
    "in", "into", "is", "me", "must", "my", "of", "on", "or", "our", "please", "she", "should", "so", "than", "that",
    "the", "their", "them", "then", "there", "these", "they", "this", "those", "to", "us", "was", "we", "were", "what",
    "whats", "when", "where", "which", "who", "whom", "whose", "why", "will", "with", "would", "you", "your",
];

/// Lower-case words kept in a query but weighed as if every page held
/// them: verb forms and adverbs common in any English text ("what happens
/// if a patient becomes violent"), which a small library may hold in few
/// pages and so would otherwise count as rare. Sorted; `search.js` holds
/// the same list (a test compares them).
pub const COMMON_WORDS: &[&str] = &[
    "also",
    "became",
    "become",
    "becomes",
    "becoming",
    "came",
    "come",
    "comes",
    "coming",
    "ever",
    "get",
    "gets",
    "getting",
    "go",
    "goes",
    "going",
    "gone",
    "got",
    "happen",
    "happened",
    "happening",
    "happens",
    "just",
    "know",
    "knows",
    "like",
    "made",
    "make",
    "makes",
    "making",
    "need",
    "needed",
    "needing",
    "needs",
    "really",
    "said",
    "say",
    "says",
    "still",
    "take",
    "takes",
    "taking",
    "tell",
    "think",
    "took",
    "want",
    "wanted",
    "wants",
    "went",
];

pub fn is_stop_word(word: &str) -> bool {
    STOP_WORDS.binary_search(&word).is_ok()
}

pub fn is_common_word(word: &str) -> bool {
    COMMON_WORDS.binary_search(&word).is_ok()
}

/// The words of a query worth searching for, with where each is in it
/// (byte offsets): every word but the stop words, or every word when all
/// of them are stop words.
pub fn content_words(query: &str) -> Vec<(String, std::ops::Range<usize>)> {
    let mut raw = super::analysis::raw_analyzer();
    let mut words = Vec::new();
    let mut stream = raw.token_stream(query);
    while stream.advance() {
        let t = stream.token();
        words.push((t.text.clone(), t.offset_from..t.offset_to));
    }
    if words.iter().all(|(w, _)| is_stop_word(w)) {
        return words;
    }
    words.retain(|(w, _)| !is_stop_word(w));
    words
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_lists_are_sorted_lower_case_and_apart() {
        for list in [STOP_WORDS, COMMON_WORDS] {
            assert!(list.windows(2).all(|w| w[0] < w[1]), "binary search needs the list sorted");
            assert!(list.iter().all(|w| w.chars().all(|c| c.is_ascii_lowercase())));
        }
        assert!(COMMON_WORDS.iter().all(|w| !is_stop_word(w)), "a stop word is dropped, never weighed");
    }

    #[test]
    fn questions_keep_their_subject() {
        let words = |q: &str| content_words(q).into_iter().map(|(w, _)| w).collect::<Vec<_>>();
        assert_eq!(
            words("What must a line manager do about violence and aggression?"),
            ["line", "manager", "violence", "aggression"]
        );
        assert_eq!(words("How do I report a security incident"), ["report", "security", "incident"]);
        assert_eq!(words("who are we"), ["who", "are", "we"], "stop words only: kept");
        assert_eq!(content_words("the  LSMS")[0].1, 5..9, "where the word is");
    }
}
