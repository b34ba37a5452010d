//! Pairing deleted with inserted items in order, by similarity: changed
//! blocks within a section, changed rows within a table.

/// A changed block keeps at least this share of its words; below it, the
/// old block was deleted and another inserted.
pub const CHANGED_SIMILARITY: f32 = 0.5;
/// Larger groups of replaced blocks are paired position by position.
const MAX_PAIRING_CELLS: usize = 10_000;

/// One of a group of deleted and inserted blocks, paired or not.
#[derive(Debug, PartialEq, Eq)]
pub enum Pair {
    Del(usize),
    Ins(usize),
    Both(usize, usize),
}

/// Pairs the items of two lists, keeping their order, so that the sum of
/// the pairs' similarity (each at least `threshold`) is greatest.
pub fn pair_in_order(dels: &[usize], inss: &[usize], sim: impl Fn(usize, usize) -> f32, threshold: f32) -> Vec<Pair> {
    let (n, m) = (dels.len(), inss.len());
    let mut matched: Vec<(usize, usize)> = Vec::new();
    if n * m <= MAX_PAIRING_CELLS {
        // score[i][j]: best total over dels[i..] and inss[j..].
        let mut score = vec![vec![0f32; m + 1]; n + 1];
        let mut s = vec![vec![0f32; m]; n];
        for i in (0..n).rev() {
            for j in (0..m).rev() {
                s[i][j] = sim(dels[i], inss[j]);
                let take = if s[i][j] >= threshold { s[i][j] + score[i + 1][j + 1] } else { f32::MIN };
                score[i][j] = take.max(score[i + 1][j]).max(score[i][j + 1]);
            }
        }
        let (mut i, mut j) = (0, 0);
        while i < n && j < m {
            if s[i][j] >= threshold && score[i][j] == s[i][j] + score[i + 1][j + 1] {
                matched.push((i, j));
                i += 1;
                j += 1;
            } else if score[i][j] == score[i + 1][j] {
                i += 1;
            } else {
                j += 1;
            }
        }
    } else {
        matched = (0..n.min(m)).filter(|&k| sim(dels[k], inss[k]) >= threshold).map(|k| (k, k)).collect();
    }
    let mut out = Vec::with_capacity(n + m);
    let (mut i, mut j) = (0, 0);
    for (mi, mj) in matched {
        out.extend(dels[i..mi].iter().map(|&d| Pair::Del(d)));
        out.extend(inss[j..mj].iter().map(|&x| Pair::Ins(x)));
        out.push(Pair::Both(dels[mi], inss[mj]));
        (i, j) = (mi + 1, mj + 1);
    }
    out.extend(dels[i..].iter().map(|&d| Pair::Del(d)));
    out.extend(inss[j..].iter().map(|&x| Pair::Ins(x)));
    out
}
