//! Optimal-string-alignment distance (Levenshtein plus adjacent transpositions) over bytes.
//!
//! Token comparison is the innermost loop of a search, so the distance is computed with
//! Hyyrö's bit-parallel algorithm (2003): one 64-bit word holds a whole pattern of up to 64
//! bytes, and each byte of the other string costs a handful of word operations. Longer
//! patterns fall back to the textbook dynamic programme. Both give the same numbers (tested).

/// Pre-computed match masks of one pattern string, so one side of many comparisons pays the
/// set-up once.
#[derive(Clone)]
pub(crate) struct Pattern {
    /// Bit `i` of `ascii[c]` is set when byte `i` of the pattern is `c` (bytes below 128).
    ascii: [u64; 128],
    /// The same for bytes of 128 and above (UTF-8 of scripts left untransliterated); rare.
    high: Vec<(u8, u64)>,
    len: usize,
    /// The pattern itself, kept only for the long-string fallback (over 64 bytes).
    long: Vec<u8>,
}

impl Pattern {
    pub(crate) fn new(s: &[u8]) -> Pattern {
        let mut p = Pattern {
            ascii: [0; 128],
            high: Vec::new(),
            len: s.len(),
            long: if s.len() > 64 { s.to_vec() } else { Vec::new() },
        };
        if s.len() <= 64 {
            for (i, &b) in s.iter().enumerate() {
                p.set(b, 1u64 << i);
            }
        }
        p
    }

    fn set(&mut self, b: u8, bit: u64) {
        if b < 128 {
            self.ascii[b as usize] |= bit;
        } else if let Some(e) = self.high.iter_mut().find(|e| e.0 == b) {
            e.1 |= bit;
        } else {
            self.high.push((b, bit));
        }
    }

    #[inline]
    fn get(&self, b: u8) -> u64 {
        if b < 128 {
            self.ascii[b as usize]
        } else {
            self.high.iter().find(|e| e.0 == b).map_or(0, |e| e.1)
        }
    }

    pub(crate) fn len(&self) -> usize {
        self.len
    }

    /// OSA distance between the pattern and the concatenation of `parts`.
    pub(crate) fn distance_parts(&self, parts: &[&[u8]]) -> usize {
        if self.len == 0 {
            return parts.iter().map(|p| p.len()).sum();
        }
        if self.len > 64 {
            let joined: Vec<u8> = parts.concat();
            return osa_distance(&self.long, &joined);
        }
        let mask = 1u64 << (self.len - 1);
        let mut vp: u64 = if self.len == 64 {
            !0
        } else {
            (1u64 << self.len) - 1
        };
        let mut vn: u64 = 0;
        let mut d0: u64 = 0;
        let mut pm_old: u64 = 0;
        let mut dist = self.len;
        for part in parts {
            for &b in part.iter() {
                let pm = self.get(b);
                let tr = (((!d0) & pm) << 1) & pm_old;
                d0 = ((((pm & vp).wrapping_add(vp)) ^ vp) | pm | vn) | tr;
                let mut hp = vn | !(d0 | vp);
                let mut hn = d0 & vp;
                if hp & mask != 0 {
                    dist += 1;
                }
                if hn & mask != 0 {
                    dist -= 1;
                }
                hp = (hp << 1) | 1;
                hn <<= 1;
                vp = hn | !(d0 | hp);
                vn = hp & d0;
                pm_old = pm;
            }
        }
        dist
    }

    pub(crate) fn distance(&self, other: &[u8]) -> usize {
        self.distance_parts(&[other])
    }
}

/// OSA distance between the concatenation of `parts` and `b`, without allocating when `b`
/// is at most 63 bytes (used for one-off comparisons of joined tokens).
pub(crate) fn osa_parts(parts: &[&[u8]], b: &[u8]) -> usize {
    let m = b.len();
    if m >= 64 {
        return osa_distance(&parts.concat(), b);
    }
    let mut prev2 = [0usize; 64];
    let mut prev = [0usize; 64];
    let mut cur = [0usize; 64];
    for (j, cell) in prev.iter_mut().enumerate().take(m + 1) {
        *cell = j;
    }
    let mut i = 0usize;
    let mut last: u8 = 0;
    for part in parts {
        for &a in part.iter() {
            i += 1;
            cur[0] = i;
            for j in 1..=m {
                let cost = usize::from(a != b[j - 1]);
                let mut v = (prev[j] + 1).min(cur[j - 1] + 1).min(prev[j - 1] + cost);
                if i > 1 && j > 1 && a == b[j - 2] && last == b[j - 1] {
                    v = v.min(prev2[j - 2] + 1);
                }
                cur[j] = v;
            }
            prev2 = prev;
            prev = cur;
            last = a;
        }
    }
    prev[m]
}

/// Optimal-string-alignment distance over any items (bytes, chars): insertions, deletions,
/// substitutions and adjacent transpositions each cost 1. The textbook dynamic programme, in
/// three rolling rows; the reference the bit-parallel version is tested against, and what
/// other engines use for short values.
///
/// ```
/// assert_eq!(redflag_names::osa_distance(b"1234", b"1243"), 1);
/// assert_eq!(redflag_names::osa_distance(&['김', '정'], &['김', '종']), 1);
/// ```
pub fn osa_distance<T: PartialEq>(a: &[T], b: &[T]) -> usize {
    let (n, m) = (a.len(), b.len());
    if n == 0 || m == 0 {
        return n.max(m);
    }
    // Three DP rows; on the stack for the usual short strings, no allocation per call.
    const STACK: usize = 64;
    let mut stack = [[0usize; STACK]; 3];
    let mut heap;
    let [prev2, prev, cur]: [&mut [usize]; 3] = if m < STACK {
        let [x, y, z] = &mut stack;
        [&mut x[..=m], &mut y[..=m], &mut z[..=m]]
    } else {
        heap = [
            vec![0usize; m + 1],
            vec![0usize; m + 1],
            vec![0usize; m + 1],
        ];
        let [x, y, z] = &mut heap;
        [&mut x[..], &mut y[..], &mut z[..]]
    };
    let (mut prev2, mut prev, mut cur) = (prev2, prev, cur);
    for (j, v) in prev.iter_mut().enumerate() {
        *v = j;
    }
    for i in 1..=n {
        cur[0] = i;
        for j in 1..=m {
            let cost = usize::from(a[i - 1] != b[j - 1]);
            let mut v = (prev[j] + 1).min(cur[j - 1] + 1).min(prev[j - 1] + cost);
            if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                v = v.min(prev2[j - 2] + 1);
            }
            cur[j] = v;
        }
        std::mem::swap(&mut prev2, &mut prev);
        std::mem::swap(&mut prev, &mut cur);
    }
    prev[m]
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check(a: &str, b: &str) {
        let p = Pattern::new(a.as_bytes());
        assert_eq!(
            p.distance(b.as_bytes()),
            osa_distance(a.as_bytes(), b.as_bytes()),
            "{a} / {b}"
        );
    }

    #[test]
    fn long_strings_use_the_heap_rows_and_agree() {
        let a: String = "abcdefghij".repeat(10);
        let mut b: Vec<u8> = a.clone().into_bytes();
        b.swap(40, 41);
        b[90] = b'z';
        assert_eq!(osa_distance(a.as_bytes(), &b), 2);
        assert_eq!(osa_distance(&a.as_bytes()[..63], &b[..63]), 1);
        assert_eq!(osa_distance(a.as_bytes(), &a.as_bytes()[..70]), 30);
        // 30 deletions; the periodic text lets one of them absorb the swap.
        assert_eq!(osa_distance(&b[..70], a.as_bytes()), 30);
    }

    #[test]
    fn bit_parallel_equals_dp() {
        let words = [
            "",
            "a",
            "ab",
            "ba",
            "abc",
            "acb",
            "kim",
            "gim",
            "jong",
            "chong",
            "sechin",
            "sech1n",
            "olaf",
            "scholz",
            "schloz",
            "donald",
            "donlad",
            "mohammed",
            "muhammad",
            "x",
            "khodorkovsky",
            "khordorovsky",
            "ca",
            "abc",
            "한국",
            "ḱ",
        ];
        for a in words {
            for b in words {
                check(a, b);
            }
        }
        let long = "a".repeat(70) + "b";
        check(&long, "aaab");
        check("ab", &long);
    }

    #[test]
    fn parts_are_concatenated() {
        let p = Pattern::new(b"jongun");
        assert_eq!(p.distance_parts(&[b"jong", b"un"]), 0);
        assert_eq!(p.distance_parts(&[b"jong", b"nam"]), 3);
    }

    #[test]
    fn small_dp_over_parts() {
        let words = [
            "", "a", "ab", "ba", "jong", "un", "jongun", "sergei", "lavrov", "xyz",
        ];
        for a in words {
            for a2 in words {
                for b in words {
                    let joined = format!("{a}{a2}");
                    assert_eq!(
                        osa_parts(&[a.as_bytes(), a2.as_bytes()], b.as_bytes()),
                        osa_distance(joined.as_bytes(), b.as_bytes()),
                        "{a}+{a2} / {b}"
                    );
                }
            }
        }
    }

    #[test]
    fn transposition_costs_one() {
        assert_eq!(osa_distance(b"scholz", b"schloz"), 1);
        assert_eq!(Pattern::new(b"donald").distance(b"donlad"), 1);
    }
}
