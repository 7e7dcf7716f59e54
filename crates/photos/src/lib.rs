//! Reused profile and ID photos: one picture behind several "different" people.
//!
//! A persona network often gives many personas the same photo, resized, recompressed,
//! cropped a little or brightened on the way. This crate finds such pairs:
//!
//! 1. **Decode** ([`decode_file`]): JPEG and PNG by content, EXIF orientation applied,
//!    dimensions checked against [`DecodeLimits`] before any pixel is decoded
//!    (decompression bombs), truncated JPEGs refused rather than grey-filled.
//! 2. **Hash** ([`PhotoHash`]): luma averaged over 64×64 cells in one pass (area filter),
//!    resampled to 32×32; the 8×8 lowest frequencies of its 2-D DCT-II; one bit per
//!    coefficient against the median of the 63 AC terms (the 64-bit pHash). The same for
//!    five small [`CROPS`] of the photo, and for the mirror image of each (free: mirroring
//!    negates odd horizontal frequencies). A 9×8 gradient dHash as a second opinion, a
//!    48×48 luma / 8×8 chroma [`Thumbnail`], and [`PhotoHash::contrast`].
//! 3. **Candidates** ([`PhotoIndex::candidates`]): multi-index hashing finds every pair
//!    whose pHash distance, allowing for a crop of either photo
//!    ([`PhotoHash::distance`]), is within [`DEFAULT_MAX_DISTANCE`], without comparing
//!    all pairs.
//! 4. **Confirm** ([`PhotoIndex::near_duplicates`], [`similarity`]): the two thumbnails
//!    are aligned over crops of up to 5% per side and correlated; colour photos must also
//!    agree in colour. Photos of *different* people with the same layout (a head and
//!    shoulders on a plain wall) are often within the pHash distance — a 64-bit code of
//!    the coarse layout cannot tell them apart — and this step is what does.
//! 5. **Guards**: blank and near-uniform photos are set aside
//!    ([`PhotoIndex::low_information`]) because their hash is rounding noise, and a
//!    picture confirmed for more than 50 people (a default avatar, a stock photo) is
//!    reported ([`Matches::common`]) instead of tying them all into one network.
//!
//! # Measured
//!
//! `tests/synthetic.rs` draws 240 distinct portraits (head and shoulders, a third on a
//! plain pale wall, skin and hair from a few palettes: a hard case, since distinct photos
//! share their layout), writes them as JPEG or PNG, copies each seven ways from the
//! stored file, and prints these distributions (`cargo test -p redflag-photos --test
//! synthetic -- --nocapture`). pHash is [`PhotoHash::distance`] (of 64 bits; always
//! even); "plain" is the full-frame pHash alone.
//!
//! | copy vs its original | pHash median / max | plain pHash max | luma sim min | chroma sim min |
//! |---|---|---|---|---|
//! | resized to 200 px (from 512, 500, 360) | 0 / 4 | 4 | 1.000 | 0.999 |
//! | JPEG recompressed at quality 60 | 0 / 2 | 2 | 0.999 | 0.997 |
//! | cropped 0–5% per side, one side 5% | 4 / 10 | 26 | 0.983 | 0.969 |
//! | brightness ±20, contrast ×0.85 or ×1.15 | 0 / 12 | 12 | 0.930 | 0.944 |
//! | greyscale (`image`'s Rec. 709 weights) | 2 / 10 | 12 | 0.985 | — |
//! | crop + 60% resize + brightness + grey or not + quality 60 | 4 / 12 | 24 | 0.973 | 0.966 |
//! | mirrored (compared mirrored) | 0 / 2 | 2 | 1.000 | 0.999 |
//!
//! Distinct portraits (28 680 pairs, each also mirrored): pHash min 4, 1st percentile
//! 12, median 26; 803 of the 57 360 pair-orientations are within 12. Of those
//! candidates, luma similarity has median 0.73 and 99th percentile 0.93, chroma median
//! 0.16 and 99th percentile 0.89; at the defaults one pair is confirmed (luma 0.93,
//! chroma 0.94: two portraits alike in every colour and shape). A greyscale copy against
//! the 57 360 other originals (luma only): 2 confirmed, one pair of portraits that are
//! the same in grey. Over all 1 920 files (every copy of every portrait) the index
//! pairs every copy with its original and 63 of 1 835 520 pairs of files of different
//! portraits (3.4 × 10⁻⁵), all from those 3 pairs of portraits.
//!
//! Hence [`DEFAULT_MAX_DISTANCE`] 12, [`MIN_SIMILARITY`] 0.90, [`MIN_CHROMA_SIMILARITY`]
//! 0.90 and [`MIN_GREY_SIMILARITY`] 0.97. The margins are thin where noted on each
//! constant; real photos carry far more texture than these drawings, which widens the gap
//! between copies and distinct people.
//!
//! # Not robust to
//!
//! Rotation beyond a degree or two; crops of more than about 5% per side (the crops
//! tried stop there); brightness changes that clip large areas (a pale wall pushed to
//! pure white lowers the similarity; ±30 with contrast ×1.2 already does for some);
//! heavy retouching, overlays and collages; a photo pasted small into a document scan.
//! It is not face recognition: a different photo of the same person is a different
//! picture. Mirroring is handled ([`IndexOptions::mirrored`], on by default). Two greyscale
//! photos, or a greyscale and a colour one, are compared on luma alone, which separates
//! less well than colour (hence the stricter [`MIN_GREY_SIMILARITY`]).
//!
//! ```
//! use redflag_photos::{hamming, PhotoHash};
//! use image::{DynamicImage, RgbImage, Rgb};
//!
//! let img = DynamicImage::ImageRgb8(RgbImage::from_fn(120, 150, |x, y| {
//!     let d = ((x as f32 - 60.0).powi(2) + (y as f32 - 60.0).powi(2)).sqrt();
//!     if d < 35.0 { Rgb([210, 170, 140]) } else { Rgb([40, 60, (y / 2) as u8]) }
//! }));
//! let small = img.resize(48, 60, image::imageops::FilterType::Triangle);
//! let (a, b) = (PhotoHash::from_image(&img), PhotoHash::from_image(&small));
//! assert!(hamming(a.phash, b.phash) <= 4);
//! assert!(redflag_photos::similarity(&a.thumbnail, &b.thumbnail, false).luma > 0.95);
//! ```

#![warn(missing_docs)]

mod dct;
mod decode;
mod error;
mod gray;
mod hash;
mod index;
pub mod synthetic;
mod verify;

use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Mutex;

pub use decode::{decode_bytes, decode_file, DecodeLimits};
pub use error::PhotoError;
pub use hash::{hamming, PhotoHash, Thumbnail, CHROMA, CROPS, MIN_CONTRAST, THUMB};
pub use index::{
    Candidate, CommonPhoto, IndexOptions, LowInformation, Matches, PhotoIndex, PhotoPair,
    SearchStats, DEFAULT_MAX_DISTANCE,
};
pub use verify::{
    similarity, Similarity, MIN_CHROMA_SIMILARITY, MIN_COLOURFULNESS, MIN_GREY_SIMILARITY,
    MIN_SIMILARITY,
};

/// Decodes and hashes one JPEG or PNG file.
pub fn hash_file(path: &Path, limits: &DecodeLimits) -> Result<PhotoHash, PhotoError> {
    decode_file(path, limits).map(|image| PhotoHash::from_image(&image))
}

/// Decodes and hashes one JPEG or PNG image held in memory; `name` is used in errors.
pub fn hash_bytes(
    name: &str,
    bytes: &[u8],
    limits: &DecodeLimits,
) -> Result<PhotoHash, PhotoError> {
    decode_bytes(name, bytes, limits).map(|image| PhotoHash::from_image(&image))
}

/// Hashes many files on `threads` worker threads (0: one per available core); results
/// are in the order of `paths`. About 3 ms per 512×512 JPEG on one core, half decoding
/// and half hashing, so this scales with cores.
pub fn hash_files(
    paths: &[PathBuf],
    limits: &DecodeLimits,
    threads: usize,
) -> Vec<Result<PhotoHash, PhotoError>> {
    let threads = if threads == 0 {
        std::thread::available_parallelism().map_or(1, usize::from)
    } else {
        threads
    }
    .clamp(1, paths.len().max(1));
    if threads == 1 {
        return paths.iter().map(|p| hash_file(p, limits)).collect();
    }
    let next = AtomicUsize::new(0);
    let results: Mutex<Vec<Option<Result<PhotoHash, PhotoError>>>> =
        Mutex::new((0..paths.len()).map(|_| None).collect());
    std::thread::scope(|scope| {
        for _ in 0..threads {
            scope.spawn(|| loop {
                let i = next.fetch_add(1, Ordering::Relaxed);
                let Some(path) = paths.get(i) else { break };
                let result = hash_file(path, limits);
                if let Ok(mut slots) = results.lock() {
                    slots[i] = Some(result);
                }
            });
        }
    });
    let slots = results
        .into_inner()
        .unwrap_or_else(|poisoned| poisoned.into_inner());
    slots
        .into_iter()
        .zip(paths)
        .map(|(slot, path)| {
            slot.unwrap_or_else(|| {
                Err(PhotoError::Decode {
                    file: path.display().to_string(),
                    why: "the worker hashing it stopped".into(),
                })
            })
        })
        .collect()
}
