//! Which passage of a result its snippet comes from. The browser cannot
//! download every passage of ten results, so the static index gives, for
//! each term and page, the passage most about the term (`words.rs`): the
//! one holding it most often (on a role page, the first whose heading
//! names it);
//! the terms *vote*, and the snippet comes from the excerpt file of the
//! voted passage. The command line chooses the same way from the same
//! passages, so both show the same snippet (`excerpt` in `search.js`; the
//! browser test compares them).

use super::export::PASSAGES_PER_FILE;

/// How often each of the query's terms occurs in one passage (its heading
/// counting with its text).
pub type Counts = Vec<u32>;

/// The passage the terms vote for: each term votes, with its weight, for
/// the passage most about it ([`most_often`]); the most
/// weight wins, then the passage of the rarest term (`dfs`: pages holding
/// each term), then the first. `None`: no term is in any passage.
/// `headings`: the counts of each passage's heading alone, when the first
/// passage whose heading names a term is the one about it (a role page).
pub fn voted(counts: &[Counts], headings: Option<&[Counts]>, weights: &[u32], dfs: &[usize]) -> Option<usize> {
    let mut votes: std::collections::BTreeMap<usize, (u32, usize)> = Default::default();
    for term in 0..weights.len() {
        let Some(best) = most_about(counts, headings, term) else { continue };
        let v = votes.entry(best).or_insert((0, usize::MAX));
        v.0 += weights[term];
        v.1 = v.1.min(dfs[term]);
    }
    votes
        .into_iter()
        .max_by_key(|&(p, (weight, df))| (weight, std::cmp::Reverse(df), std::cmp::Reverse(p)))
        .map(|(p, _)| p)
}

/// The passage that holds `term` most often, the first of equals; with
/// `headings`, the first whose heading names it, if any does. A role
/// page's passages are named by the role and the document they come from,
/// and its contact, first, is named as the role is: "who is the LSMS"
/// should show it, however often a duty names the LSMS. A document's
/// headings are not so reliable ("Consultation with Staff and Patients" is
/// not about patients), so there the mentions count.
pub fn most_about(counts: &[Counts], headings: Option<&[Counts]>, term: usize) -> Option<usize> {
    if let Some(i) = headings.and_then(|h| h.iter().position(|h| h[term] > 0)) {
        return Some(i);
    }
    let (i, n) = counts.iter().map(|c| c[term]).enumerate().max_by_key(|&(i, n)| (n, std::cmp::Reverse(i)))?;
    (n > 0).then_some(i)
}

/// Within the voted passage's excerpt file, the passage whose text and
/// heading hold the most weight of terms, then whose heading alone does,
/// then the voted one, then the first. `coverage(i)`: passage `i`'s
/// (with its heading, of its heading alone).
pub fn chosen(voted: usize, passages: usize, coverage: impl Fn(usize) -> (u32, u32)) -> usize {
    let first = voted / PASSAGES_PER_FILE * PASSAGES_PER_FILE;
    (first..passages.min(first + PASSAGES_PER_FILE))
        .max_by_key(|&i| (coverage(i), i == voted, std::cmp::Reverse(i)))
        .unwrap_or(voted)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_common_word_is_outvoted_by_a_rarer_one() {
        // Passage 0 holds "becomes" twice, passage 1 "violent" once.
        let counts = vec![vec![2, 0], vec![0, 1]];
        assert_eq!(voted(&counts, None, &[1, 4], &[2, 3]), Some(1));
        assert_eq!(voted(&counts, None, &[4, 4], &[2, 3]), Some(0), "equal weight: the rarer term's passage");
        assert_eq!(voted(&[vec![0, 0]], None, &[1, 4], &[2, 3]), None);
    }

    #[test]
    fn on_a_role_page_a_heading_that_names_the_word_wins_over_more_mentions() {
        let counts = vec![vec![1], vec![5]];
        let headings = [vec![1], vec![0]];
        assert_eq!(voted(&counts, Some(&headings), &[3], &[2]), Some(0));
        assert_eq!(voted(&counts, None, &[3], &[2]), Some(1));
    }

    #[test]
    fn the_choice_stays_in_the_voted_passages_file() {
        let coverage = |i: usize| if i == 2 || i == 9 { (5, 0) } else { (1, 0) };
        assert_eq!(chosen(7, 12, coverage), 9);
        assert_eq!(chosen(1, 12, coverage), 2);
        assert_eq!(chosen(1, 12, |_| (1, 0)), 1, "on a tie, the voted passage");
    }
}
