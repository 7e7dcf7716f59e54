//! Reused profile and ID photos: one picture behind several "different" people.
//!
//! A persona network often gives many personas the same photo, resized, recompressed,
//! cropped a little or brightened on the way. This crate finds such pairs:
//!
//! 1. **Decode** ([`decode_file`]): JPEG and PNG by content, EXIF orientation applied,
//!    dimensions checked against [`DecodeLimits`] before any pixel is decoded
//!    (decompression bombs), truncated JPEGs refused rather than grey-filled.
//! 2. **Hash** ([`PhotoHash`]): luma averaged over 32×32 cells, the 8×8 lowest
//!    frequencies of its 2-D DCT-II, one bit per coefficient against the median of the
//!    63 AC terms (pHash); a 9×8 gradient dHash as a second opinion; both also for the
//!    mirrored image (free for the pHash: mirroring negates odd horizontal frequencies).
//!    [`PhotoHash::contrast`] measures whether there is anything to hash.
//! 3. **Index** ([`PhotoIndex`]): multi-index hashing over the pHash bits finds every
//!    pair within a Hamming distance without comparing all pairs; blank images are
//!    set aside ([`PhotoIndex::low_information`]) and a picture shared by too many
//!    people (a default avatar) is reported ([`Matches::common`]) instead of pairing
//!    them all.
//!
//! # Robust to, and not
//!
//! Measured in `tests/synthetic.rs` on 240 procedurally drawn portraits (pHash distance
//! between a copy and its original, of 64 bits; run `cargo test -p redflag-photos --
//! --nocapture` for the full distributions):
//!
//! | copy | distance |
//! |---|---|
//! | resized 512 → 200 px | MEASURE |
//! | JPEG recompressed at quality 60 | MEASURE |
//! | cropped up to 5% per side | MEASURE |
//! | brightness +30, contrast ×1.2 | MEASURE |
//! | converted to greyscale | MEASURE |
//! | all of the above together | MEASURE |
//! | mirrored left–right | MEASURE (after mirroring) |
//! | **distinct portraits** | MEASURE |
//!
//! Hence [`DEFAULT_MAX_DISTANCE`]. Not robust to: rotation beyond a degree or two,
//! crops of more than about a tenth of a side, a different photo of the same person
//! (this is not face recognition), heavy retouching, or a photo pasted into a
//! different layout (a collage, a document scan with the photo in one corner).
//! Mirroring is handled by the mirrored hashes (on by default,
//! [`IndexOptions::mirrored`]).
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
/// are in the order of `paths`. Decoding dominates (a few milliseconds per photo), so
/// this scales with cores.
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
