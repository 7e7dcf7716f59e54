//! An index over test hashes with no neighbour cap, for comparing the search against
//! checking every pair.

use redflag_photos::{IndexOptions, PhotoHash, PhotoIndex};

/// Every hash indexed by its position, mirrored search as asked, no "common photo" cap.
pub fn uncapped_index(hashes: &[PhotoHash], mirrored: bool) -> PhotoIndex {
    let options = IndexOptions {
        mirrored,
        max_neighbors: usize::MAX,
        ..IndexOptions::default()
    };
    PhotoIndex::with_options(
        hashes
            .iter()
            .cloned()
            .enumerate()
            .map(|(i, h)| (i as u32, h)),
        options,
    )
}

/// Every pair within distance `d` (trying the mirrored hashes when the direct distance is
/// over), by comparing all pairs: what a search must return.
pub fn every_pair(hashes: &[PhotoHash], d: u32, mirrored: bool) -> Vec<(u32, u32, u32, bool)> {
    let mut want = Vec::new();
    for i in 0..hashes.len() {
        for j in i + 1..hashes.len() {
            let direct = hashes[i].distance(&hashes[j], false);
            if direct <= d {
                want.push((i as u32, j as u32, direct, false));
            } else if mirrored {
                let m = hashes[i].distance(&hashes[j], true);
                if m <= d {
                    want.push((i as u32, j as u32, m, true));
                }
            }
        }
    }
    want
}
