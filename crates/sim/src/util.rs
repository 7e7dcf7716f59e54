//! Small random helpers shared by the generators.

use rand::Rng;

/// A uniformly chosen element of a non-empty slice.
pub fn pick<'a, R: Rng, T>(rng: &mut R, items: &'a [T]) -> &'a T {
    &items[rng.gen_range(0..items.len())]
}

/// A uniformly chosen string from a non-empty list.
pub fn pick_str<R: Rng>(rng: &mut R, items: &[&'static str]) -> &'static str {
    items[rng.gen_range(0..items.len())]
}

/// Index chosen with probability proportional to `weights`.
pub fn weighted<R: Rng>(rng: &mut R, weights: &[u32]) -> usize {
    let total: u32 = weights.iter().sum();
    let mut x = rng.gen_range(0..total.max(1));
    for (i, w) in weights.iter().enumerate() {
        if x < *w {
            return i;
        }
        x -= w;
    }
    weights.len() - 1
}

/// `n` random lower-case hex digits.
pub fn hex<R: Rng>(rng: &mut R, n: usize) -> String {
    const H: &[u8] = b"0123456789abcdef";
    (0..n).map(|_| H[rng.gen_range(0..16)] as char).collect()
}

/// `n` random characters from `alphabet`.
pub fn from_alphabet<R: Rng>(rng: &mut R, alphabet: &[u8], n: usize) -> String {
    (0..n)
        .map(|_| alphabet[rng.gen_range(0..alphabet.len())] as char)
        .collect()
}

/// `n` random decimal digits.
pub fn digits<R: Rng>(rng: &mut R, n: usize) -> String {
    from_alphabet(rng, b"0123456789", n)
}

/// Upper-case letters and digits, as in serial numbers.
pub const SERIAL: &[u8] = b"ABCDEFGHJKLMNPQRSTUVWXYZ0123456789";

/// A time uniformly chosen in `[lo, hi)`, or `lo` when the range is empty.
pub fn between<R: Rng>(rng: &mut R, lo: i64, hi: i64) -> i64 {
    if hi > lo {
        rng.gen_range(lo..hi)
    } else {
        lo
    }
}

/// A generator derived from `key` (FNV-1a of its text), for draws that must not shift the
/// plan's own sequence: a scenario detail added this way leaves every other draw as it was.
pub fn derived_rng(key: &str) -> rand_chacha::ChaCha8Rng {
    use rand::SeedableRng;
    let h = key.bytes().fold(0xcbf2_9ce4_8422_2325u64, |h, b| {
        (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3)
    });
    rand_chacha::ChaCha8Rng::seed_from_u64(h)
}
