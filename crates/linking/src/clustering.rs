//! Step 5: clusters. Connected components over links above a threshold ([`cluster`]), then
//! average linkage inside each component ([`cluster_average_linkage`]) so one record that
//! resembles two people cannot chain them together.

use std::cmp::Ordering;
use std::collections::{BinaryHeap, HashMap};

use crate::score::{PairScorer, ScoredPair};

/// Step 5: connected components (union–find) over pairs with probability ≥ `threshold`.
/// Returns clusters of two or more records, each sorted, ordered by first member.
///
/// ```
/// use redflag_linking::{cluster, ScoredPair};
/// let p = |a, b, probability| ScoredPair { a, b, weight: 0.0, probability };
/// let c = cluster(&[p(0, 1, 0.9), p(1, 2, 0.8), p(3, 4, 0.1)], 0.5);
/// assert_eq!(c, vec![vec![0, 1, 2]]);
/// ```
pub fn cluster(scored: &[ScoredPair], threshold: f64) -> Vec<Vec<u32>> {
    cluster_edges(
        scored
            .iter()
            .filter(|p| p.probability >= threshold)
            .map(|p| (p.a, p.b)),
    )
}

/// Connected components of an edge list (records with no edge are left out).
pub fn cluster_edges(edges: impl IntoIterator<Item = (u32, u32)>) -> Vec<Vec<u32>> {
    let edges: Vec<(u32, u32)> = edges.into_iter().collect();
    let n = edges
        .iter()
        .map(|&(a, b)| a.max(b) as usize + 1)
        .max()
        .unwrap_or(0);
    let mut parent: Vec<u32> = (0..n as u32).collect();
    fn find(parent: &mut [u32], mut x: u32) -> u32 {
        while parent[x as usize] != x {
            let up = parent[parent[x as usize] as usize];
            parent[x as usize] = up; // path halving
            x = up;
        }
        x
    }
    let mut touched = vec![false; n];
    for &(a, b) in &edges {
        touched[a as usize] = true;
        touched[b as usize] = true;
        let (ra, rb) = (find(&mut parent, a), find(&mut parent, b));
        if ra != rb {
            // The smaller root wins: deterministic, whatever the edge order.
            let (lo, hi) = (ra.min(rb), ra.max(rb));
            parent[hi as usize] = lo;
        }
    }
    let mut groups: std::collections::BTreeMap<u32, Vec<u32>> = Default::default();
    for x in 0..n as u32 {
        if touched[x as usize] {
            let r = find(&mut parent, x);
            groups.entry(r).or_default().push(x);
        }
    }
    let mut out: Vec<Vec<u32>> = groups.into_values().filter(|g| g.len() > 1).collect();
    out.sort_unstable_by_key(|g| g[0]);
    out
}

/// Components up to this size have every missing pair scored, so average linkage sees the
/// whole similarity matrix; larger ones (rare: a hub that slipped through blocking) count
/// unscored pairs as non-matches.
pub const DENSE_COMPONENT_LIMIT: usize = 64;

/// Step 5 with average linkage: components over pairs with probability ≥ `threshold`, then,
/// inside each component of three or more, agglomerative clustering that repeatedly merges
/// the two clusters with the highest *average* match probability over all their cross pairs
/// and stops below `threshold`.
///
/// Connected components alone are transitive: a record that resembles two different people
/// (the same address and surname as one, the same name and date of birth as the other) joins
/// them into one cluster. Averaging needs most cross pairs to match, so such a bridge joins
/// at most one side. Pairs absent from `scored` are scored with `scorer` in components of up
/// to [`DENSE_COMPONENT_LIMIT`] records and count as probability 0 beyond.
///
/// Returns clusters of two or more records, each sorted, ordered by first member;
/// deterministic whatever the order of `scored`.
pub fn cluster_average_linkage(
    scorer: &PairScorer<'_>,
    scored: &[ScoredPair],
    threshold: f64,
) -> Vec<Vec<u32>> {
    let components = cluster(scored, threshold);
    // Component of each record, for bucketing the scored pairs (below threshold too: they
    // are evidence against merging).
    let mut component_of: HashMap<u32, usize> = HashMap::new();
    for (c, members) in components.iter().enumerate() {
        if members.len() > 2 {
            component_of.extend(members.iter().map(|&m| (m, c)));
        }
    }
    let mut known: Vec<HashMap<(u32, u32), f64>> = vec![HashMap::new(); components.len()];
    for p in scored {
        if let (Some(&ca), Some(&cb)) = (component_of.get(&p.a), component_of.get(&p.b)) {
            if ca == cb {
                known[ca].insert((p.a.min(p.b), p.a.max(p.b)), p.probability);
            }
        }
    }
    let mut out = Vec::new();
    for (members, mut known) in components.into_iter().zip(known) {
        if members.len() <= 2 {
            out.push(members);
            continue;
        }
        if members.len() <= DENSE_COMPONENT_LIMIT {
            for (i, &a) in members.iter().enumerate() {
                for &b in &members[i + 1..] {
                    known
                        .entry((a, b))
                        .or_insert_with(|| scorer.probability(a, b));
                }
            }
        }
        out.extend(average_linkage(&members, &known, threshold));
    }
    for c in &mut out {
        c.sort_unstable();
    }
    out.sort_unstable_by_key(|c| c[0]);
    out
}

/// A merge candidate in the heap: highest average first, then lowest cluster ids.
#[derive(PartialEq)]
struct Merge {
    average: f64,
    x: usize,
    y: usize,
}

impl Eq for Merge {}

impl Ord for Merge {
    fn cmp(&self, other: &Merge) -> Ordering {
        self.average
            .total_cmp(&other.average)
            .then_with(|| other.x.cmp(&self.x))
            .then_with(|| other.y.cmp(&self.y))
    }
}

impl PartialOrd for Merge {
    fn partial_cmp(&self, other: &Merge) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

/// Agglomerative average linkage over one component. `known` holds probabilities of pairs
/// `(lo, hi)`; absent pairs count as 0. Clusters get fresh ids when merged, so heap entries
/// naming a merged-away cluster are stale and skipped.
fn average_linkage(
    members: &[u32],
    known: &HashMap<(u32, u32), f64>,
    threshold: f64,
) -> Vec<Vec<u32>> {
    let index: HashMap<u32, usize> = members.iter().enumerate().map(|(i, &m)| (m, i)).collect();
    let mut clusters: Vec<Option<Vec<u32>>> = members.iter().map(|&m| Some(vec![m])).collect();
    // Sum of cross-pair probabilities between live clusters, both directions.
    let mut sums: Vec<HashMap<usize, f64>> = vec![HashMap::new(); members.len()];
    for (&(a, b), &p) in known {
        let (x, y) = (index[&a], index[&b]);
        *sums[x].entry(y).or_default() += p;
        *sums[y].entry(x).or_default() += p;
    }
    let mut heap = BinaryHeap::new();
    for (x, row) in sums.iter().enumerate() {
        for (&y, &s) in row {
            if x < y && s >= threshold {
                heap.push(Merge { average: s, x, y });
            }
        }
    }
    while let Some(Merge { x, y, .. }) = heap.pop() {
        if clusters[x].is_none() || clusters[y].is_none() {
            continue;
        }
        let mut merged = clusters[x].take().unwrap_or_default();
        merged.extend(clusters[y].take().unwrap_or_default());
        let z = clusters.len();
        let size_z = merged.len() as f64;
        clusters.push(Some(merged));
        let mut row: HashMap<usize, f64> = HashMap::new();
        for old in [x, y] {
            for (w, s) in std::mem::take(&mut sums[old]) {
                if w != x && w != y {
                    *row.entry(w).or_default() += s;
                    sums[w].remove(&old);
                }
            }
        }
        for (&w, &s) in &row {
            sums[w].insert(z, s);
            let size_w = clusters[w].as_ref().map_or(1, Vec::len) as f64;
            let average = s / (size_z * size_w);
            if average >= threshold {
                heap.push(Merge {
                    average,
                    x: w.min(z),
                    y: w.max(z),
                });
            }
        }
        sums.push(row);
    }
    clusters
        .into_iter()
        .flatten()
        .filter(|c| c.len() > 1)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn clusters_are_transitive_and_order_free() {
        let edges = [(5, 6), (1, 2), (2, 5), (8, 9)];
        let c = cluster_edges(edges);
        assert_eq!(c, vec![vec![1, 2, 5, 6], vec![8, 9]]);
        let mut rev = edges;
        rev.reverse();
        assert_eq!(cluster_edges(rev), c);
        assert!(cluster_edges([]).is_empty());
    }

    #[test]
    fn average_linkage_does_not_chain_through_a_bridge() {
        // 0–1 and 2–3 are two people; record 4 resembles 1 and 2 but 0–3 are nothing alike.
        let known: HashMap<(u32, u32), f64> = [
            ((0, 1), 0.99),
            ((2, 3), 0.99),
            ((1, 4), 0.97),
            ((2, 4), 0.96),
            ((0, 4), 0.60),
        ]
        .into_iter()
        .collect();
        let mut out = average_linkage(&[0, 1, 2, 3, 4], &known, 0.5);
        out.iter_mut().for_each(|c| c.sort_unstable());
        out.sort();
        // The bridge joins 0–1 (average of 0.60 and 0.97 over {0,1}); 2–3 stays apart.
        assert_eq!(out, vec![vec![0, 1, 4], vec![2, 3]]);
    }

    #[test]
    fn average_linkage_keeps_a_tight_group_whole() {
        let mut known = HashMap::new();
        for a in 0..5u32 {
            for b in a + 1..5 {
                known.insert((a, b), 0.9);
            }
        }
        assert_eq!(average_linkage(&[0, 1, 2, 3, 4], &known, 0.5).len(), 1);
    }
}
