//! Ranking, once the postings of a query's terms are known. `search.js`
//! does exactly this in the browser (`rank` there); keep the two in step.

use super::score::Postings;

/// A ranked result: search number and score in units.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Hit {
    pub n: u32,
    pub score: u32,
}

/// Which documents a search may show.
#[derive(Clone, Debug, Default)]
pub struct Filter {
    pub doc_type: Option<String>,
    /// `None`: the statuses found by default (not superseded or withdrawn).
    /// `Some("any")`: every status.
    pub status: Option<String>,
    pub directorate: Option<String>,
}

/// The facets of one document, as the filter sees them.
pub struct Facets<'a> {
    pub doc_type: &'a str,
    pub status: &'a str,
    pub directorate: &'a str,
}

impl Filter {
    pub fn keeps(&self, f: &Facets) -> bool {
        let status_ok = match self.status.as_deref() {
            None => super::extract::found_by_default(f.status),
            Some("any") => true,
            Some(s) => s.eq_ignore_ascii_case(f.status),
        };
        status_ok
            && self.doc_type.as_deref().is_none_or(|t| t.eq_ignore_ascii_case(f.doc_type))
            && self.directorate.as_deref().is_none_or(|d| d.eq_ignore_ascii_case(f.directorate))
    }
}

/// Documents that have every term, with the terms' scores added up.
pub fn all_terms(terms: &[Postings]) -> Vec<Hit> {
    let Some(shortest) = terms.iter().min_by_key(|p| p.len()) else {
        return Vec::new();
    };
    shortest
        .iter()
        .filter_map(|&(n, _)| {
            let scores: Option<Vec<u32>> =
                terms.iter().map(|p| p.binary_search_by_key(&n, |&(m, _)| m).ok().map(|i| p[i].1)).collect();
            scores.map(|s| Hit { n, score: s.iter().sum() })
        })
        .collect()
}

/// The final order: documents whose id the query is come first (by
/// number), then the rest by score, then by number; only those `keep` allows.
pub fn rank(id_matches: &[u32], mut hits: Vec<Hit>, keep: impl Fn(u32) -> bool) -> Vec<Hit> {
    hits.retain(|h| keep(h.n));
    hits.sort_by(|a, b| b.score.cmp(&a.score).then(a.n.cmp(&b.n)));
    let mut ids: Vec<u32> = id_matches.iter().copied().filter(|&n| keep(n)).collect();
    ids.sort_unstable();
    let first: Vec<Hit> =
        ids.iter().map(|&n| Hit { n, score: hits.iter().find(|h| h.n == n).map_or(0, |h| h.score) }).collect();
    hits.retain(|h| !ids.contains(&h.n));
    first.into_iter().chain(hits).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_documents_with_every_term_count_and_scores_add_up() {
        let terms = vec![vec![(1, 10), (2, 5), (4, 1)], vec![(2, 7), (4, 30)]];
        assert_eq!(all_terms(&terms), vec![Hit { n: 2, score: 12 }, Hit { n: 4, score: 31 }]);
        assert!(all_terms(&[]).is_empty());
    }

    #[test]
    fn id_matches_come_first_then_score_then_number() {
        let hits = vec![Hit { n: 1, score: 5 }, Hit { n: 2, score: 9 }, Hit { n: 3, score: 9 }, Hit { n: 7, score: 1 }];
        let ranked: Vec<u32> = rank(&[7], hits, |n| n != 3).iter().map(|h| h.n).collect();
        assert_eq!(ranked, vec![7, 2, 1]);
    }

    #[test]
    fn superseded_and_withdrawn_versions_are_hidden_unless_asked_for() {
        let f = |status| Facets { doc_type: "policy", status, directorate: "Finance" };
        let default = Filter::default();
        assert!(default.keeps(&f("ratified")) && default.keeps(&f("draft")));
        assert!(!default.keeps(&f("superseded")) && !default.keeps(&f("withdrawn")));
        let any = Filter { status: Some("any".into()), ..Filter::default() };
        assert!(any.keeps(&f("withdrawn")));
        let policy_in_hr =
            Filter { doc_type: Some("policy".into()), directorate: Some("HR".into()), ..Filter::default() };
        assert!(!policy_in_hr.keeps(&f("ratified")));
    }
}
