//! A small, fixed 64-bit hash: signatures must be identical on every machine, build and
//! Rust version, so nothing here depends on `std`'s randomised hasher.

/// MurmurHash3's 64-bit finaliser: a bijection on `u64` with full avalanche.
#[inline]
pub(crate) fn mix64(mut x: u64) -> u64 {
    x ^= x >> 33;
    x = x.wrapping_mul(0xff51_afd7_ed55_8ccd);
    x ^= x >> 33;
    x = x.wrapping_mul(0xc4ce_b9fe_1a85_ec53);
    x ^= x >> 33;
    x
}

/// FNV-1a over the bytes, then [`mix64`] so that short tokens spread over all 64 bits.
pub(crate) fn hash_bytes(bytes: &[u8]) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for &b in bytes {
        h ^= u64::from(b);
        h = h.wrapping_mul(0x0000_0100_0000_01b3);
    }
    mix64(h)
}

/// The `i`-th value of SplitMix64 from a fixed seed: the per-permutation MinHash seeds.
pub(crate) fn splitmix(i: u64) -> u64 {
    mix64(0x9e37_79b9_7f4a_7c15_u64.wrapping_mul(i.wrapping_add(1)) ^ 0x5eed_7e47_5117_0000)
}

/// Order-sensitive hash of a shingle from its tokens' hashes.
#[inline]
pub(crate) fn shingle_hash(token_hashes: &[u64]) -> u64 {
    let mut h = 0x243f_6a88_85a3_08d3_u64 ^ token_hashes.len() as u64;
    for &t in token_hashes {
        h = mix64(h.rotate_left(29) ^ t);
    }
    h
}

/// FNV-1a as a `Hasher`, for the vocabulary map (short keys, no adversary to defend
/// against: the texts are the operator's own data).
#[derive(Clone, Copy)]
pub(crate) struct Fnv(u64);

impl Default for Fnv {
    fn default() -> Self {
        Fnv(0xcbf2_9ce4_8422_2325)
    }
}

impl std::hash::Hasher for Fnv {
    fn finish(&self) -> u64 {
        mix64(self.0)
    }
    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 ^= u64::from(b);
            self.0 = self.0.wrapping_mul(0x0000_0100_0000_01b3);
        }
    }
}

pub(crate) type FnvBuild = std::hash::BuildHasherDefault<Fnv>;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hashes_are_fixed_across_builds() {
        // Pinned values: changing them silently would change every stored signature.
        assert_eq!(hash_bytes(b""), mix64(0xcbf2_9ce4_8422_2325));
        assert_ne!(hash_bytes(b"ab"), hash_bytes(b"ba"));
        assert_ne!(shingle_hash(&[1, 2]), shingle_hash(&[2, 1]));
        assert_ne!(shingle_hash(&[1]), shingle_hash(&[1, 0]));
        assert_ne!(splitmix(0), splitmix(1));
    }
}
