//! MinHash + LSH banding parameters: the S-curve and how the bands are chosen.
//!
//! With `b` bands of `r` MinHash rows each, two documents whose shingle sets have Jaccard
//! similarity `J` share at least one band (become a candidate pair) with probability
//!
//! ```text
//! P(J) = 1 − (1 − J^r)^b
//! ```
//!
//! an S-curve whose steep part sits near `(1/b)^(1/r)`. The index's default, 256 hashes as
//! 128 bands of 2 rows, gives P(0.15) = 0.945, P(0.2) = 0.995, P(0.25) = 0.9997 and
//! P(J ≥ 0.3) > 0.99999, while a pair at J = 0.05 becomes a candidate with P = 0.27 and
//! one at J = 0.02 with P = 0.05. Candidates are then verified exactly, so the low rows
//! only cost time; recall is what the curve must protect.

use crate::hash::{mix64, splitmix};

/// Probability that two documents with Jaccard similarity `jaccard` share a band.
pub fn candidate_probability(jaccard: f64, bands: usize, rows: usize) -> f64 {
    let j = jaccard.clamp(0.0, 1.0);
    1.0 - (1.0 - j.powi(rows as i32)).powi(bands as i32)
}

/// The `(bands, rows)` split of `num_hashes` with the most rows per band (fewest chance
/// candidates) that still makes a pair at `threshold` a candidate with probability at
/// least `min_recall`. Falls back to one row per band when nothing reaches `min_recall`.
pub fn choose_bands(num_hashes: usize, threshold: f64, min_recall: f64) -> (usize, usize) {
    let num_hashes = num_hashes.max(1);
    let mut best = (num_hashes, 1);
    for rows in 1..=num_hashes {
        let bands = num_hashes / rows;
        if bands == 0 {
            break;
        }
        if candidate_probability(threshold, bands, rows) >= min_recall {
            best = (bands, rows);
        }
    }
    best
}

/// The band key of one document: the `rows` MinHash values of band `band`, hashed together.
/// Each band has its own hash functions, so no signature is kept in memory.
pub(crate) fn band_key(shingles: &[u64], band: usize, rows: usize) -> u64 {
    let mut key = 0x6a09_e667_f3bc_c908_u64 ^ band as u64;
    for row in 0..rows {
        let seed = splitmix((band * rows + row) as u64);
        let min = shingles
            .iter()
            .map(|&s| mix64(s ^ seed))
            .min()
            .unwrap_or(u64::MAX);
        key = mix64(key.rotate_left(31) ^ min);
    }
    key
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn s_curve_of_the_default() {
        let p = |j| candidate_probability(j, 128, 2);
        assert!(p(0.2) > 0.99);
        assert!(p(0.3) > 0.999_99);
        assert!(p(0.02) < 0.06);
        assert_eq!(candidate_probability(0.0, 128, 2), 0.0);
        assert_eq!(candidate_probability(1.0, 128, 2), 1.0);
    }

    #[test]
    fn chooses_most_rows_that_keep_recall() {
        assert_eq!(choose_bands(256, 0.2, 0.99), (128, 2));
        let (b, r) = choose_bands(128, 0.5, 0.99);
        assert!(candidate_probability(0.5, b, r) >= 0.99);
        assert!(candidate_probability(0.5, 128 / (r + 1), r + 1) < 0.99);
        assert_eq!(choose_bands(4, 0.01, 0.99), (4, 1));
    }

    #[test]
    fn band_keys_estimate_jaccard() {
        // Two sets with Jaccard 0.5: about a quarter of 2-row bands agree.
        let a: Vec<u64> = (0..300).map(mix64).collect();
        let b: Vec<u64> = (100..400).map(mix64).collect();
        let same = (0..1000)
            .filter(|&band| band_key(&a, band, 2) == band_key(&b, band, 2))
            .count();
        assert!((200..300).contains(&same), "{same}");
    }
}
