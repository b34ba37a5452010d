//! Ranking, once the postings of a query's terms are known. `search.js`
//! does exactly this in the browser (`anyTerms` and `rank` there); keep
//! the two in step.
//!
//! A page matches when it holds any of the query's terms. Pages are ranked
//! by their *coverage* first, the sum of the [`rarity`] of the terms they
//! hold, so that pages with every word come first, and pages with more and
//! rarer words before those with fewer and commoner ones; then by score
//! (the BM25 of the terms they hold, `score.rs`); then by number. All of it
//! is integers, so the browser ranks exactly as the command line does.

use super::score::Postings;
use crate::model::Status;

/// A ranked result: search number, score in units, coverage, and how
/// many of the query's terms it holds.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Hit {
    pub n: u32,
    pub score: u32,
    pub coverage: u32,
    pub terms: u32,
}

/// What holding a term that `df` of `total` pages hold is worth: 1, and 1
/// more each time `df` halves (a term in 1 page in 1,000 is worth 10, a
/// term in half the library 2).
pub fn rarity(df: usize, total: usize) -> u32 {
    let (mut weight, mut x) = (1, df.max(1) as u64);
    while x * 2 <= total as u64 {
        x *= 2;
        weight += 1;
    }
    weight
}

/// Which documents a search may show.
#[derive(Clone, Debug, Default)]
pub struct Filter {
    pub doc_type: Option<String>,
    pub status: StatusFilter,
    pub directorate: Option<String>,
}

/// The statuses a search shows: superseded and withdrawn versions are on
/// record, not in force, so they are found only when asked for.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum StatusFilter {
    /// Every status but superseded and withdrawn.
    #[default]
    Current,
    Any,
    Is(Status),
}

impl StatusFilter {
    /// `current`, `any` or a status's name (`ratified`, any case); `None`
    /// for anything else.
    pub fn parse(text: &str) -> Option<StatusFilter> {
        match text {
            "current" => Some(StatusFilter::Current),
            "any" => Some(StatusFilter::Any),
            _ => Status::parse(text).map(StatusFilter::Is),
        }
    }

    /// Whether a page of status `status` (a status's name, or `unknown`) is shown.
    pub fn keeps(self, status: &str) -> bool {
        match self {
            StatusFilter::Current => super::extract::found_by_default(status),
            StatusFilter::Any => true,
            StatusFilter::Is(s) => s.as_str().eq_ignore_ascii_case(status),
        }
    }
}

/// The facets of one document, as the filter sees them.
pub struct Facets<'a> {
    pub doc_type: &'a str,
    pub status: &'a str,
    pub directorate: &'a str,
}

impl Filter {
    pub fn keeps(&self, f: &Facets) -> bool {
        self.status.keeps(f.status)
            && self.doc_type.as_deref().is_none_or(|t| t.eq_ignore_ascii_case(f.doc_type))
            && self.directorate.as_deref().is_none_or(|d| d.eq_ignore_ascii_case(f.directorate))
    }
}

/// What a query's term weighs in coverage: its [`rarity`], or 1 for a
/// common word (`question::COMMON_WORDS`), whatever few pages hold it.
pub fn weight(df: usize, total: usize, common: bool) -> u32 {
    if common {
        1
    } else {
        rarity(df, total)
    }
}

/// Pages that hold any of the terms, by number, with their coverage (each
/// term's `weights`) and the scores of the terms they hold added up.
pub fn any_terms(terms: &[Postings], weights: &[u32]) -> Vec<Hit> {
    let mut hits: std::collections::BTreeMap<u32, Hit> = std::collections::BTreeMap::new();
    for (postings, &weight) in terms.iter().zip(weights) {
        for &(n, score) in postings {
            let hit = hits.entry(n).or_insert(Hit { n, score: 0, coverage: 0, terms: 0 });
            hit.score += score;
            hit.coverage += weight;
            hit.terms += 1;
        }
    }
    hits.into_values().collect()
}

/// The final order: pages whose id the query is come first (by number),
/// then the rest by coverage, score and number; only those `keep` allows.
pub fn rank(id_matches: &[u32], mut hits: Vec<Hit>, keep: impl Fn(u32) -> bool) -> Vec<Hit> {
    hits.retain(|h| keep(h.n));
    hits.sort_by(|a, b| b.coverage.cmp(&a.coverage).then(b.score.cmp(&a.score)).then(a.n.cmp(&b.n)));
    let mut ids: Vec<u32> = id_matches.iter().copied().filter(|&n| keep(n)).collect();
    ids.sort_unstable();
    let first: Vec<Hit> = ids
        .iter()
        .map(|&n| hits.iter().find(|h| h.n == n).copied().unwrap_or(Hit { n, score: 0, coverage: 0, terms: 0 }))
        .collect();
    hits.retain(|h| !ids.contains(&h.n));
    first.into_iter().chain(hits).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_status_filter_is_current_any_or_one_status() {
        assert_eq!(StatusFilter::parse("current"), Some(StatusFilter::Current));
        assert_eq!(StatusFilter::parse("any"), Some(StatusFilter::Any));
        assert_eq!(StatusFilter::parse("Superseded"), Some(StatusFilter::Is(Status::Superseded)));
        assert_eq!(StatusFilter::parse("old"), None);
        assert_eq!(StatusFilter::parse("ANY"), None, "as before: `any` and `current` are lower case");
        assert!(StatusFilter::Current.keeps("unknown") && !StatusFilter::Current.keeps("superseded"));
    }

    fn hit(n: u32, score: u32, coverage: u32) -> Hit {
        Hit { n, score, coverage, terms: 1 }
    }

    #[test]
    fn rarer_terms_are_worth_more() {
        assert_eq!([rarity(1, 1000), rarity(500, 1000), rarity(1000, 1000), rarity(0, 0)], [10, 2, 1, 1]);
    }

    #[test]
    fn pages_with_any_term_match_and_scores_and_coverage_add_up() {
        // Of 16 pages: the first term is in 3 (worth 3), the second in 2 (worth 4).
        let terms = vec![vec![(1, 10), (2, 5), (4, 1)], vec![(2, 7), (4, 30)]];
        let weights: Vec<u32> = terms.iter().map(|p| weight(p.len(), 16, false)).collect();
        let found = any_terms(&terms, &weights);
        assert_eq!(
            found,
            vec![
                Hit { n: 1, score: 10, coverage: 3, terms: 1 },
                Hit { n: 2, score: 12, coverage: 7, terms: 2 },
                Hit { n: 4, score: 31, coverage: 7, terms: 2 },
            ]
        );
        let ranked: Vec<u32> = rank(&[], found, |_| true).iter().map(|h| h.n).collect();
        assert_eq!(ranked, vec![4, 2, 1], "every word first, then by score");
        assert!(any_terms(&[], &[]).is_empty());
    }

    #[test]
    fn a_common_word_weighs_as_if_every_page_held_it() {
        assert_eq!([weight(1, 1000, false), weight(1, 1000, true)], [10, 1]);
    }

    #[test]
    fn more_and_rarer_words_beat_a_higher_score() {
        let hits = vec![hit(1, 900, 3), hit(2, 10, 9), hit(3, 50, 9)];
        let ranked: Vec<u32> = rank(&[], hits, |_| true).iter().map(|h| h.n).collect();
        assert_eq!(ranked, vec![3, 2, 1]);
    }

    #[test]
    fn id_matches_come_first_then_coverage_score_and_number() {
        let hits = vec![hit(1, 5, 2), hit(2, 9, 2), hit(3, 9, 2), hit(7, 1, 1)];
        let ranked: Vec<u32> = rank(&[7], hits, |n| n != 3).iter().map(|h| h.n).collect();
        assert_eq!(ranked, vec![7, 2, 1]);
    }

    #[test]
    fn superseded_and_withdrawn_versions_are_hidden_unless_asked_for() {
        let f = |status| Facets { doc_type: "policy", status, directorate: "Finance" };
        let default = Filter::default();
        assert!(default.keeps(&f("ratified")) && default.keeps(&f("draft")));
        assert!(!default.keeps(&f("superseded")) && !default.keeps(&f("withdrawn")));
        let any = Filter { status: StatusFilter::Any, ..Filter::default() };
        assert!(any.keeps(&f("withdrawn")));
        let withdrawn = Filter { status: StatusFilter::Is(Status::Withdrawn), ..Filter::default() };
        assert!(withdrawn.keeps(&f("withdrawn")) && !withdrawn.keeps(&f("ratified")));
        let policy_in_hr =
            Filter { doc_type: Some("policy".into()), directorate: Some("HR".into()), ..Filter::default() };
        assert!(!policy_in_hr.keeps(&f("ratified")));
    }
}
