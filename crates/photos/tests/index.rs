//! The index on hand-made hashes: exact multi-index search, common photos, ids.

#[path = "support/index.rs"]
mod support_index;

use image::{DynamicImage, Rgb, RgbImage};
use redflag_photos::{hamming, IndexOptions, PhotoHash, PhotoIndex};
use support_index::{every_pair, uncapped_index};

/// SplitMix64.
struct Rng(u64);
impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }
}

/// A real hash to carry thumbnails, with its pHash fields replaced.
fn template() -> PhotoHash {
    let img = RgbImage::from_fn(64, 64, |x, y| Rgb([(x * 4) as u8, (y * 4) as u8, 128]));
    PhotoHash::from_image(&DynamicImage::ImageRgb8(img))
}

fn with_phash(base: &PhotoHash, h: u64, rng: &mut Rng) -> PhotoHash {
    let mut out = base.clone();
    out.phash = h;
    out.phash_mirrored = rng.next();
    for v in out
        .crop_phashes
        .iter_mut()
        .chain(out.crop_phashes_mirrored.iter_mut())
    {
        *v = rng.next();
    }
    out
}

fn flip(h: u64, bits: u32, rng: &mut Rng) -> u64 {
    let mut out = h;
    while hamming(out, h) < bits {
        out ^= 1 << (rng.next() % 64);
    }
    out
}

#[test]
fn search_equals_comparing_every_pair_at_every_distance() {
    let base = template();
    let mut rng = Rng(42);
    // 600 random hashes, and 300 planted near copies at distances 0–20.
    let mut hashes = Vec::new();
    for _ in 0..600 {
        let h = rng.next();
        hashes.push(with_phash(&base, h, &mut rng));
    }
    for k in 0..300u32 {
        let src = hashes[(rng.next() % 600) as usize].phash;
        let h = flip(src, k % 21, &mut rng);
        hashes.push(with_phash(&base, h, &mut rng));
    }
    for d in [0, 1, 3, 6, 10, 12, 16, 20] {
        for mirrored in [false, true] {
            let index = uncapped_index(&hashes, mirrored);
            let (candidates, stats) = index.candidates(d);
            let got: Vec<_> = candidates
                .iter()
                .map(|p| (p.a, p.b, p.distance, p.mirrored))
                .collect();
            assert_eq!(
                got,
                every_pair(&hashes, d, mirrored),
                "d={d} mirrored={mirrored}"
            );
            // And up to the default distance the search looks at a small part of what
            // comparing every photo with every entry would (64-bit codes leave little to
            // prune beyond that).
            let entries = hashes.len() as u64 * if mirrored { 12 } else { 6 };
            let every = hashes.len() as u64 * entries;
            println!(
                "d={d} mirrored={mirrored}: checked {} of {every}; {stats:?}",
                stats.checked
            );
            if d <= 12 {
                assert!(stats.checked * 5 < every, "d={d}: {stats:?}");
            }
        }
    }
}

#[test]
fn a_photo_shared_by_many_is_reported_as_common_not_paired() {
    let base = template();
    let mut rng = Rng(7);
    // 80 people with one placeholder avatar (identical hash), 3 with a shared photo,
    // 50 unrelated.
    let mut entries = Vec::new();
    let avatar = rng.next();
    for id in 0..80u32 {
        entries.push((id, with_phash(&base, avatar, &mut rng)));
    }
    let shared = rng.next();
    for id in 100..103u32 {
        entries.push((id, with_phash(&base, flip(shared, 2, &mut rng), &mut rng)));
    }
    for id in 200..250u32 {
        let h = rng.next();
        entries.push((id, with_phash(&base, h, &mut rng)));
    }
    let options = IndexOptions {
        max_neighbors: 50,
        ..IndexOptions::default()
    };
    let index = PhotoIndex::with_options(entries, options);
    let m = index.near_duplicates(10);
    let common: Vec<u32> = m.common.iter().map(|c| c.id).collect();
    assert_eq!(common, (0..80).collect::<Vec<u32>>());
    assert!(m.common.iter().all(|c| c.neighbors == 79));
    let pairs: Vec<(u32, u32)> = m.pairs.iter().map(|p| (p.a, p.b)).collect();
    assert_eq!(pairs, vec![(100, 101), (100, 102), (101, 102)]);
}

#[test]
fn ids_are_the_callers_and_never_pair_with_themselves() {
    let base = template();
    let mut rng = Rng(9);
    let h = rng.next();
    let one = with_phash(&base, h, &mut rng);
    let index = PhotoIndex::new([(7, one.clone()), (7, one.clone()), (3, one)]);
    let pairs = index.near_duplicates(0).pairs;
    let ids: Vec<(u32, u32)> = pairs.iter().map(|p| (p.a, p.b)).collect();
    assert_eq!(ids, vec![(3, 7)]);
    assert!(PhotoIndex::new([]).near_duplicates(12).pairs.is_empty());
    assert!(PhotoIndex::new([]).is_empty());
}
