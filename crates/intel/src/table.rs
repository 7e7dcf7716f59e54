//! Sorted, non-overlapping address ranges mapping to small value indexes, with a first-level
//! index by the top 16 bits so a lookup is one table read and a short binary search.
//!
//! **Overlap rule.** Input ranges may overlap and come in any order. The table keeps, for
//! every address, the value of the **narrowest** input range covering it; among equally wide
//! ranges covering it, the one **added last** wins (so a later, more specific correction
//! overrides). Adjacent ranges with the same value are merged. The result depends only on
//! the input sequence, never on hashing or threads.

use std::collections::BTreeMap;
use std::fmt::Debug;

/// An address as an unsigned integer: `u32` for IPv4, `u128` for IPv6.
pub trait Key: Copy + Ord + Debug + Send + Sync + 'static {
    /// Bits in the key.
    const BITS: u32;
    /// The largest key.
    const MAX: Self;
    /// The top 16 bits, for the first-level index.
    fn top16(self) -> usize;
    /// The 12 bits after the top 16, for the second-level index of crowded buckets.
    fn next12(self) -> usize;
    /// `self + 1`, or `None` at [`Key::MAX`].
    fn next(self) -> Option<Self>;
    /// `self - 1`; only called when `self` is above the smallest key.
    fn prev(self) -> Self;
    /// `self - other` as a width for comparing ranges (saturating to `u128`).
    fn width(self, start: Self) -> u128;
}

impl Key for u32 {
    const BITS: u32 = 32;
    const MAX: u32 = u32::MAX;
    #[inline(always)]
    fn top16(self) -> usize {
        (self >> 16) as usize
    }
    #[inline(always)]
    fn next12(self) -> usize {
        ((self >> 4) & 0xFFF) as usize
    }
    fn next(self) -> Option<u32> {
        self.checked_add(1)
    }
    fn prev(self) -> u32 {
        self - 1
    }
    fn width(self, start: u32) -> u128 {
        u128::from(self - start)
    }
}

impl Key for u128 {
    const BITS: u32 = 128;
    const MAX: u128 = u128::MAX;
    #[inline(always)]
    fn top16(self) -> usize {
        (self >> 112) as usize
    }
    #[inline(always)]
    fn next12(self) -> usize {
        ((self >> 100) & 0xFFF) as usize
    }
    fn next(self) -> Option<u128> {
        self.checked_add(1)
    }
    fn prev(self) -> u128 {
        self - 1
    }
    fn width(self, start: u128) -> u128 {
        self - start
    }
}

const BUCKETS: usize = 1 << 16;
const SUB_BUCKETS: usize = 1 << 12;
/// A first-level bucket with more ranges than this gets a second-level index.
const CROWDED: usize = 64;
const NO_SUB: u32 = u32::MAX;

/// Non-overlapping inclusive ranges `[start, end]`, sorted by start, each with a `u32` value.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RangeTable<K: Key> {
    starts: Vec<K>,
    ends: Vec<K>,
    values: Vec<u32>,
    /// `index[p]`: the first range whose start has top-16 bits `>= p`; `BUCKETS + 1` entries.
    index: Vec<u32>,
    /// For each first-level bucket, where its second-level index starts in `sub_index`
    /// (`NO_SUB` for buckets of at most `CROWDED` ranges).
    sub_of: Vec<u32>,
    /// Second-level indexes, `SUB_BUCKETS + 1` entries each: the first range of the bucket
    /// whose next 12 bits are `>= q`.
    sub_index: Vec<u32>,
}

impl<K: Key> Default for RangeTable<K> {
    fn default() -> Self {
        RangeTable::from_sorted(Vec::new(), Vec::new(), Vec::new())
    }
}

impl<K: Key> RangeTable<K> {
    /// The value of the range holding `key`, if any.
    #[inline]
    pub fn get(&self, key: K) -> Option<u32> {
        let p = key.top16();
        // The index has BUCKETS + 1 entries and p < BUCKETS, so both reads are in bounds;
        // `get` keeps this panic-free even for a hand-built table.
        let (lo, hi) = match *self.sub_of.get(p)? {
            NO_SUB => (
                *self.index.get(p)? as usize,
                *self.index.get(p + 1)? as usize,
            ),
            base => {
                let q = base as usize + key.next12();
                (
                    *self.sub_index.get(q)? as usize,
                    *self.sub_index.get(q + 1)? as usize,
                )
            }
        };
        // Every start before `lo` is below this (sub-)bucket, so <= key; every start from
        // `hi` on is above it. The last start <= key is therefore at lo + count - 1.
        let count = self.starts.get(lo..hi)?.partition_point(|&s| s <= key);
        let i = (lo + count).checked_sub(1)?;
        if *self.ends.get(i)? >= key {
            self.values.get(i).copied()
        } else {
            None
        }
    }

    /// Number of ranges.
    pub fn len(&self) -> usize {
        self.starts.len()
    }

    /// Whether the table has no range.
    pub fn is_empty(&self) -> bool {
        self.starts.is_empty()
    }

    /// The ranges in order, as `(start, end, value)`.
    pub fn iter(&self) -> impl Iterator<Item = (K, K, u32)> + '_ {
        self.starts
            .iter()
            .zip(&self.ends)
            .zip(&self.values)
            .map(|((&s, &e), &v)| (s, e, v))
    }

    /// The three columns (starts, ends, values), for writing the table out.
    pub fn columns(&self) -> (&[K], &[K], &[u32]) {
        (&self.starts, &self.ends, &self.values)
    }

    /// A table from columns that must already be sorted, non-overlapping and of one length
    /// (as [`columns`](Self::columns) gives them); `Err` says which row breaks that.
    pub fn from_columns(starts: Vec<K>, ends: Vec<K>, values: Vec<u32>) -> Result<Self, String> {
        if starts.len() != ends.len() || starts.len() != values.len() {
            return Err(format!(
                "column lengths differ: {} starts, {} ends, {} values",
                starts.len(),
                ends.len(),
                values.len()
            ));
        }
        if starts.len() > u32::MAX as usize {
            return Err("more than 2^32 ranges".into());
        }
        for i in 0..starts.len() {
            if starts[i] > ends[i] {
                return Err(format!("range {i}: start after end"));
            }
            if i > 0 && starts[i] <= ends[i - 1] {
                return Err(format!(
                    "range {i}: starts inside or before range {}",
                    i - 1
                ));
            }
        }
        Ok(RangeTable::from_sorted(starts, ends, values))
    }

    /// Builds the first-level index; the columns are sorted and disjoint.
    fn from_sorted(starts: Vec<K>, ends: Vec<K>, values: Vec<u32>) -> Self {
        let mut index = vec![0u32; BUCKETS + 1];
        let mut i = 0usize;
        for (p, slot) in index.iter_mut().enumerate() {
            while i < starts.len() && starts[i].top16() < p {
                i += 1;
            }
            *slot = i as u32;
        }
        let mut sub_of = vec![NO_SUB; BUCKETS];
        let mut sub_index = Vec::new();
        for p in 0..BUCKETS {
            let (lo, hi) = (index[p] as usize, index[p + 1] as usize);
            if hi - lo <= CROWDED {
                continue;
            }
            sub_of[p] = sub_index.len() as u32;
            let mut i = lo;
            for q in 0..=SUB_BUCKETS {
                while i < hi && starts[i].next12() < q {
                    i += 1;
                }
                sub_index.push(i as u32);
            }
        }
        RangeTable {
            starts,
            ends,
            values,
            index,
            sub_of,
            sub_index,
        }
    }
}

/// Collects ranges in any order, overlapping or not, and builds a [`RangeTable`] by the
/// module's overlap rule (narrowest wins, then last added).
#[derive(Debug, Clone)]
pub struct RangeTableBuilder<K: Key> {
    ranges: Vec<(K, K, u32)>,
}

impl<K: Key> Default for RangeTableBuilder<K> {
    fn default() -> Self {
        RangeTableBuilder { ranges: Vec::new() }
    }
}

impl<K: Key> RangeTableBuilder<K> {
    /// An empty builder.
    pub fn new() -> Self {
        Self::default()
    }

    /// Adds the inclusive range `[start, end]`; `false` (and nothing added) when
    /// `start > end`, which readers report as an error with the line.
    pub fn add(&mut self, start: K, end: K, value: u32) -> bool {
        if start > end {
            return false;
        }
        self.ranges.push((start, end, value));
        true
    }

    /// Ranges added so far.
    pub fn len(&self) -> usize {
        self.ranges.len()
    }

    /// Whether no range was added.
    pub fn is_empty(&self) -> bool {
        self.ranges.is_empty()
    }

    /// The table.
    pub fn build(self) -> RangeTable<K> {
        let disjoint_sorted = self.ranges.windows(2).all(|w| w[0].1 < w[1].0);
        let flat = if disjoint_sorted {
            self.ranges
        } else {
            flatten(self.ranges)
        };
        // Merge adjacent ranges that carry the same value.
        let mut starts = Vec::with_capacity(flat.len());
        let mut ends: Vec<K> = Vec::with_capacity(flat.len());
        let mut values: Vec<u32> = Vec::with_capacity(flat.len());
        for (s, e, v) in flat {
            if let (Some(last_end), Some(&last_v)) = (ends.last_mut(), values.last()) {
                if last_v == v && last_end.next() == Some(s) {
                    *last_end = e;
                    continue;
                }
            }
            starts.push(s);
            ends.push(e);
            values.push(v);
        }
        RangeTable::from_sorted(starts, ends, values)
    }
}

/// Resolves overlaps: ranges are placed best first (narrowest, then latest added), each
/// filling only what no better range already covers.
fn flatten<K: Key>(ranges: Vec<(K, K, u32)>) -> Vec<(K, K, u32)> {
    let mut order: Vec<usize> = (0..ranges.len()).collect();
    order.sort_by(|&a, &b| {
        let (sa, ea, _) = ranges[a];
        let (sb, eb, _) = ranges[b];
        ea.width(sa).cmp(&eb.width(sb)).then(b.cmp(&a))
    });
    // start -> (end, value); disjoint.
    let mut covered: BTreeMap<K, (K, u32)> = BTreeMap::new();
    let mut gaps: Vec<(K, K)> = Vec::new();
    for i in order {
        let (s, e, v) = ranges[i];
        gaps.clear();
        let mut cursor = s;
        let mut done = false;
        if let Some((_, &(pe, _))) = covered.range(..=s).next_back() {
            if pe >= s {
                match pe.next() {
                    Some(n) if pe < e => cursor = n,
                    _ => done = true,
                }
            }
        }
        if !done {
            for (&cs, &(ce, _)) in covered.range(cursor..=e) {
                if cs > cursor {
                    gaps.push((cursor, cs.prev()));
                }
                match ce.next() {
                    Some(n) if ce < e => cursor = n,
                    _ => {
                        done = true;
                        break;
                    }
                }
            }
            if !done {
                gaps.push((cursor, e));
            }
        }
        for &(gs, ge) in &gaps {
            covered.insert(gs, (ge, v));
        }
    }
    covered.into_iter().map(|(s, (e, v))| (s, e, v)).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use rand::{Rng, SeedableRng};

    fn table(ranges: &[(u32, u32, u32)]) -> RangeTable<u32> {
        let mut b = RangeTableBuilder::new();
        for &(s, e, v) in ranges {
            assert!(b.add(s, e, v));
        }
        b.build()
    }

    #[test]
    fn finds_the_range_holding_an_address_and_nothing_in_gaps() {
        let t = table(&[(10, 20, 1), (30, 30, 2), (0xFFFF_0000, u32::MAX, 3)]);
        assert_eq!(t.get(9), None);
        assert_eq!(t.get(10), Some(1));
        assert_eq!(t.get(20), Some(1));
        assert_eq!(t.get(21), None);
        assert_eq!(t.get(30), Some(2));
        assert_eq!(t.get(31), None);
        assert_eq!(t.get(u32::MAX), Some(3));
        assert_eq!(t.get(0xFFFE_FFFF), None);
    }

    #[test]
    fn a_range_starting_in_an_earlier_bucket_is_found_from_a_later_one() {
        // One range spanning many /16 buckets, then a small one in the last.
        let t = table(&[(0x0100_0000, 0x01FF_FFFF, 1), (0x0300_0005, 0x0300_0010, 2)]);
        assert_eq!(t.get(0x01AB_CDEF), Some(1));
        assert_eq!(t.get(0x0300_0000), None);
        assert_eq!(t.get(0x0300_0007), Some(2));
        assert_eq!(t.get(0x02FF_FFFF), None);
    }

    #[test]
    fn narrower_range_wins_whatever_the_order() {
        for ranges in [[(0, 100, 1), (40, 60, 2)], [(40, 60, 2), (0, 100, 1)]] {
            let t = table(&ranges);
            assert_eq!(t.get(39), Some(1));
            assert_eq!(t.get(40), Some(2));
            assert_eq!(t.get(60), Some(2));
            assert_eq!(t.get(61), Some(1));
            assert_eq!(t.len(), 3);
        }
    }

    #[test]
    fn equally_wide_overlaps_go_to_the_range_added_last() {
        let t = table(&[(0, 10, 1), (5, 15, 2)]);
        assert_eq!(t.get(4), Some(1));
        assert_eq!(t.get(5), Some(2));
        assert_eq!(t.get(15), Some(2));
        let t = table(&[(5, 15, 2), (0, 10, 1)]);
        assert_eq!(t.get(5), Some(1));
        assert_eq!(t.get(10), Some(1));
        assert_eq!(t.get(11), Some(2));
    }

    #[test]
    fn adjacent_ranges_with_one_value_merge() {
        let t = table(&[(0, 9, 1), (10, 19, 1), (20, 29, 2)]);
        assert_eq!(t.len(), 2);
        assert_eq!(t.iter().next(), Some((0, 19, 1)));
    }

    #[test]
    fn inverted_range_is_refused() {
        let mut b = RangeTableBuilder::<u32>::new();
        assert!(!b.add(5, 4, 1));
        assert!(b.is_empty());
    }

    #[test]
    fn ranges_ending_at_the_top_of_the_space_overlap_cleanly() {
        let mut b = RangeTableBuilder::<u128>::new();
        b.add(0, u128::MAX, 1);
        b.add(u128::MAX - 5, u128::MAX, 2);
        b.add(7, 7, 3);
        let t = b.build();
        assert_eq!(t.get(u128::MAX), Some(2));
        assert_eq!(t.get(u128::MAX - 6), Some(1));
        assert_eq!(t.get(7), Some(3));
        assert_eq!(t.get(0), Some(1));
        assert_eq!(t.get(8), Some(1));
    }

    /// The rule stated plainly, checked point by point against the built table.
    fn expected(ranges: &[(u32, u32, u32)], x: u32) -> Option<u32> {
        let mut best: Option<(u32, usize, u32)> = None; // (width, order, value)
        for (i, &(s, e, v)) in ranges.iter().enumerate() {
            if s <= x && x <= e {
                let w = e - s;
                let better = match best {
                    None => true,
                    Some((bw, bi, _)) => w < bw || (w == bw && i > bi),
                };
                if better {
                    best = Some((w, i, v));
                }
            }
        }
        best.map(|b| b.2)
    }

    #[test]
    fn random_overlapping_input_follows_the_rule_everywhere() {
        let mut rng = rand_chacha::ChaCha8Rng::seed_from_u64(5);
        for round in 0..200 {
            let n = rng.gen_range(1..12);
            let ranges: Vec<(u32, u32, u32)> = (0..n)
                .map(|_| {
                    // Spread over three /16 buckets so the index is exercised.
                    let s = rng.gen_range(0x0001_FFF0..0x0003_0010u32);
                    let e = s + rng.gen_range(0..40);
                    (s, e, rng.gen_range(0..4))
                })
                .collect();
            let t = table(&ranges);
            for x in 0x0001_FFE0..0x0003_0060u32 {
                assert_eq!(
                    t.get(x),
                    expected(&ranges, x),
                    "round {round} x {x:#x} {ranges:?}"
                );
            }
            // Sorted, disjoint, and adjacent equal values merged.
            let rows: Vec<_> = t.iter().collect();
            for w in rows.windows(2) {
                assert!(w[0].1 < w[1].0);
                assert!(!(w[0].2 == w[1].2 && w[0].1 + 1 == w[1].0));
            }
        }
    }

    /// The last range starting at or before `key`, by plain binary search over all ranges.
    fn plain<K: Key>(t: &RangeTable<K>, key: K) -> Option<u32> {
        let (s, e, v) = t.columns();
        let i = s.partition_point(|&x| x <= key).checked_sub(1)?;
        (e[i] >= key).then_some(v[i])
    }

    #[test]
    fn crowded_buckets_use_the_second_level_index_and_agree_with_plain_search() {
        let mut rng = rand_chacha::ChaCha8Rng::seed_from_u64(6);
        let mut b4 = RangeTableBuilder::<u32>::new();
        let mut b6 = RangeTableBuilder::<u128>::new();
        for i in 0..20_000u32 {
            // Two crowded /16s, plus a few wide ranges elsewhere.
            let s = (rng.gen_range(0x0A0Bu32..0x0A0D) << 16) | rng.gen_range(0..0x1_0000);
            b4.add(s, s.saturating_add(rng.gen_range(0..300)), i % 7);
            let s6 = (0x2a00u128 << 112) | (rng.gen::<u128>() >> 17);
            b6.add(s6, s6 + rng.gen_range(0..(1u128 << 90)), i % 5);
        }
        b4.add(0x0100_0000, 0x01FF_FFFF, 9);
        b6.add(
            0x2001u128 << 112,
            (0x2001u128 << 112) | (u128::MAX >> 16),
            9,
        );
        let (t4, t6) = (b4.build(), b6.build());
        assert!(t4.sub_of.iter().filter(|&&s| s != NO_SUB).count() >= 2);
        assert!(t6.sub_of.iter().any(|&s| s != NO_SUB));
        for _ in 0..200_000 {
            let k = (rng.gen_range(0x0A0Au32..0x0A0E) << 16) | rng.gen_range(0..0x1_0000);
            assert_eq!(t4.get(k), plain(&t4, k), "{k:#x}");
            let k = rng.gen::<u32>();
            assert_eq!(t4.get(k), plain(&t4, k), "{k:#x}");
            let k6 = (0x2a00u128 << 112) | (rng.gen::<u128>() >> 16);
            assert_eq!(t6.get(k6), plain(&t6, k6), "{k6:#x}");
            let k6 = rng.gen::<u128>() >> rng.gen_range(0..4);
            assert_eq!(t6.get(k6), plain(&t6, k6), "{k6:#x}");
        }
        assert_eq!(t4.get(0x0123_4567), Some(9));
        assert_eq!(t6.get((0x2001u128 << 112) | 77), Some(9));
    }

    #[test]
    fn from_columns_rejects_overlap_and_accepts_its_own_output() {
        let t = table(&[(1, 5, 0), (9, 12, 1)]);
        let (s, e, v) = t.columns();
        let back = RangeTable::from_columns(s.to_vec(), e.to_vec(), v.to_vec()).unwrap();
        assert_eq!(back, t);
        let err = RangeTable::<u32>::from_columns(vec![1, 4], vec![5, 8], vec![0, 1]).unwrap_err();
        assert!(err.contains("range 1"), "{err}");
        assert!(RangeTable::<u32>::from_columns(vec![1], vec![5], vec![]).is_err());
    }
}
