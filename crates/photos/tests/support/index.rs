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
