//! The perceptual hashes: a 64-bit DCT pHash and a 64-bit dHash, each also for the
//! horizontally mirrored image.

use image::DynamicImage;

use crate::dct::{dct_low, LOW};
use crate::gray::{planes, shrink, FINE, GRID};

/// Below this [`PhotoHash::contrast`] an image is low-information (blank, uniform, a
/// flat colour with a little noise) and its hash is noise: [`crate::PhotoIndex`] excludes
/// it instead of pairing it with every other blank image.
///
/// Contrast is the standard deviation of the 32×32 luma grid on a 0–255 scale. A
/// uniform image scores 0 (a JPEG of one: under 0.5); the synthetic portraits in the tests
/// score above 20 and a face on a plain pale wall still scores above 10. 4 leaves room on
/// both sides.
pub const MIN_CONTRAST: f32 = 4.0;

/// The crops whose pHashes are kept besides the full frame's, as fractions cut from
/// the left, top, right and bottom: 5% off each side alone, and 3% off all four.
///
/// A copy cropped by up to 5% per side is misaligned with its original by up to 2.5%
/// and rescaled by up to 10%, which flips up to 26 of a plain pHash's 64 bits; against
/// the nearest of these crops of the original at most 10 (measured in
/// `tests/synthetic.rs`).
pub const CROPS: [[f32; 4]; 5] = [
    [0.05, 0.0, 0.0, 0.0],
    [0.0, 0.05, 0.0, 0.0],
    [0.0, 0.0, 0.05, 0.0],
    [0.0, 0.0, 0.0, 0.05],
    [0.03, 0.03, 0.03, 0.03],
];

/// Side of a [`Thumbnail`].
pub const THUMB: usize = 48;

/// Side of a [`Thumbnail`]'s chroma grid.
pub const CHROMA: usize = 8;

/// The photo small: luma at 48×48 cells and chroma at 8×8 (area averages), what
/// [`crate::similarity`] aligns and correlates to confirm a pair. 2.4 KiB.
#[derive(Clone, PartialEq, Eq)]
pub struct Thumbnail {
    /// Luma (BT.601, 0–255), row-major.
    pub luma: [u8; THUMB * THUMB],
    /// Chroma, row-major, `Cb, Cr` interleaved (−127–127; all zero for a greyscale
    /// image).
    pub chroma: [i8; CHROMA * CHROMA * 2],
}

impl std::fmt::Debug for Thumbnail {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "Thumbnail({THUMB}×{THUMB} luma, {CHROMA}×{CHROMA} chroma)"
        )
    }
}

impl Thumbnail {
    fn new(luma: &[f32], chroma: Option<&[Vec<f32>; 2]>) -> Thumbnail {
        let mut out = Thumbnail {
            luma: [0; THUMB * THUMB],
            chroma: [0; CHROMA * CHROMA * 2],
        };
        for (o, &v) in out.luma.iter_mut().zip(luma) {
            *o = v.round().clamp(0.0, 255.0) as u8;
        }
        if let Some([cb, cr]) = chroma {
            let cb = shrink(cb, FINE, [0.0; 4], CHROMA, CHROMA);
            let cr = shrink(cr, FINE, [0.0; 4], CHROMA, CHROMA);
            for (k, (b, r)) in cb.iter().zip(&cr).enumerate() {
                out.chroma[2 * k] = b.round().clamp(-127.0, 127.0) as i8;
                out.chroma[2 * k + 1] = r.round().clamp(-127.0, 127.0) as i8;
            }
        }
        out
    }
}

/// The fingerprint of one photo.
///
/// Compare with [`PhotoHash::distance`] and [`crate::similarity`]; index many with
/// [`crate::PhotoIndex`]. The same image gives the same hash on every machine up to
/// float rounding at exact ties.
#[derive(Clone, Debug, PartialEq)]
pub struct PhotoHash {
    /// DCT pHash of the full frame: bit `8u + v` (bit 0 the least significant) is set
    /// when coefficient `(u, v)` of the 8×8 low-frequency block is above the median of
    /// the 63 AC coefficients (bit 0, the DC term, is almost always set; every hash has
    /// the same number of set bits, so distances are even).
    pub phash: u64,
    /// The pHash of the horizontally mirrored image, from the same coefficients with
    /// odd horizontal frequencies negated.
    pub phash_mirrored: u64,
    /// pHashes of the [`CROPS`] of the image, in that order.
    pub crop_phashes: [u64; 5],
    /// pHashes of the mirrored [`CROPS`].
    pub crop_phashes_mirrored: [u64; 5],
    /// dHash: on a 9×8 luma grid, bit `8y + x` is set when cell `(x, y)` is darker than
    /// cell `(x + 1, y)`. A second opinion with different failure modes.
    pub dhash: u64,
    /// The dHash of the horizontally mirrored image.
    pub dhash_mirrored: u64,
    /// Standard deviation of the 32×32 luma grid (0–255): how much there is to hash.
    pub contrast: f32,
    /// The rank thumbnail that confirms a pair.
    pub thumbnail: Thumbnail,
}

impl PhotoHash {
    /// Hashes a decoded image.
    ///
    /// 1. Luma (BT.601), averaged over 64×64 equal cells (area filter: anti-aliased at
    ///    any reduction, and a blurred, recompressed or resized copy averages to the
    ///    same cells), then area-resampled to 32×32 for the full frame and for each of
    ///    the [`CROPS`].
    /// 2. For each: the 8×8 lowest frequencies of the 2-D DCT-II of that grid, the
    ///    coarse layout of light and dark, which brightness, contrast, compression,
    ///    scale and colour do not change.
    /// 3. One bit per coefficient: above the median of the 63 AC coefficients or not
    ///    (so a brightness or contrast change, which shifts DC and scales every AC
    ///    coefficient, flips nothing).
    pub fn from_image(image: &DynamicImage) -> PhotoHash {
        let planes = planes(image);
        let fine = &planes.luma;
        let grid = shrink(fine, FINE, [0.0; 4], GRID, GRID);
        let (phash, phash_mirrored) = phash_pair(&grid);
        let mut crop_phashes = [0u64; 5];
        let mut crop_phashes_mirrored = [0u64; 5];
        for (k, crop) in CROPS.iter().enumerate() {
            let g = shrink(fine, FINE, *crop, GRID, GRID);
            (crop_phashes[k], crop_phashes_mirrored[k]) = phash_pair(&g);
        }

        let small = shrink(&grid, GRID, [0.0; 4], 9, 8);
        let dhash = gradient_bits(&small, false);
        let dhash_mirrored = gradient_bits(&small, true);

        let n = grid.len() as f64;
        let mean = grid.iter().map(|&v| f64::from(v)).sum::<f64>() / n;
        let var = grid
            .iter()
            .map(|&v| (f64::from(v) - mean).powi(2))
            .sum::<f64>()
            / n;
        PhotoHash {
            phash,
            phash_mirrored,
            crop_phashes,
            crop_phashes_mirrored,
            dhash,
            dhash_mirrored,
            contrast: var.sqrt() as f32,
            thumbnail: Thumbnail::new(
                &shrink(fine, FINE, [0.0; 4], THUMB, THUMB),
                planes.chroma.as_ref(),
            ),
        }
    }

    /// Whether the image has too little contrast for its hash to mean anything
    /// (see [`MIN_CONTRAST`]).
    pub fn is_low_information(&self, min_contrast: f32) -> bool {
        // A NaN contrast counts as low.
        !matches!(
            self.contrast.partial_cmp(&min_contrast),
            Some(std::cmp::Ordering::Greater | std::cmp::Ordering::Equal)
        )
    }

    /// The pHashes this photo is looked up under: the full frame and the [`CROPS`]
    /// (mirrored or not).
    pub fn variants(&self, mirrored: bool) -> [u64; 6] {
        let (full, crops) = if mirrored {
            (self.phash_mirrored, &self.crop_phashes_mirrored)
        } else {
            (self.phash, &self.crop_phashes)
        };
        [full, crops[0], crops[1], crops[2], crops[3], crops[4]]
    }

    /// pHash distance between two photos, allowing for a small crop of either: the
    /// smallest distance between one's full frame and any of the other's
    /// [`variants`](Self::variants). With `mirrored`, one of the two is mirrored first.
    /// Symmetric.
    pub fn distance(&self, other: &PhotoHash, mirrored: bool) -> u32 {
        let one = other
            .variants(mirrored)
            .iter()
            .map(|&v| hamming(self.phash, v))
            .min()
            .unwrap_or(64);
        let two = self
            .variants(mirrored)
            .iter()
            .map(|&v| hamming(other.phash, v))
            .min()
            .unwrap_or(64);
        one.min(two)
    }
}

/// The pHash of a grid and of its mirror image.
fn phash_pair(grid: &[f32]) -> (u64, u64) {
    let coefs = dct_low(grid);
    let mut flipped = coefs;
    for (i, c) in flipped.iter_mut().enumerate() {
        if (i % LOW) % 2 == 1 {
            *c = -*c;
        }
    }
    (median_bits(&coefs), median_bits(&flipped))
}

/// Bits of the pHash: coefficient above the median of the AC coefficients.
fn median_bits(coefs: &[f32; LOW * LOW]) -> u64 {
    let mut ac: Vec<f32> = coefs[1..].to_vec();
    ac.sort_by(f32::total_cmp);
    let median = ac[ac.len() / 2];
    coefs
        .iter()
        .enumerate()
        .filter(|(_, &c)| c > median)
        .fold(0u64, |h, (i, _)| h | 1 << i)
}

/// Bits of the dHash on a 9×8 grid (row-major, 9 columns): cell darker than its right
/// neighbour. `mirrored` reads each row right to left.
fn gradient_bits(small: &[f32], mirrored: bool) -> u64 {
    let mut h = 0u64;
    for y in 0..8 {
        let row = &small[y * 9..(y + 1) * 9];
        for x in 0..8 {
            let (a, b) = if mirrored {
                (row[8 - x], row[7 - x])
            } else {
                (row[x], row[x + 1])
            };
            if a < b {
                h |= 1 << (y * 8 + x);
            }
        }
    }
    h
}

/// Bits that differ between two hashes (0–64).
#[inline]
pub fn hamming(a: u64, b: u64) -> u32 {
    (a ^ b).count_ones()
}

#[cfg(test)]
mod tests {
    use super::*;
    use image::{imageops, GrayImage, Luma, RgbImage};

    fn pattern(w: u32, h: u32) -> RgbImage {
        RgbImage::from_fn(w, h, |x, y| {
            let fx = x as f32 / w as f32;
            let fy = y as f32 / h as f32;
            let r = (255.0 * fx) as u8;
            let g = (255.0 * (1.0 - fy) * fx) as u8;
            let d = ((fx - 0.35).powi(2) + (fy - 0.4).powi(2)).sqrt();
            let b = if d < 0.2 { 230 } else { (60.0 * fy) as u8 };
            image::Rgb([r, g, b])
        })
    }

    #[test]
    fn mirrored_hash_is_the_hash_of_the_mirror() {
        let img = pattern(256, 256);
        let flipped = imageops::flip_horizontal(&img);
        let a = PhotoHash::from_image(&DynamicImage::ImageRgb8(img));
        let b = PhotoHash::from_image(&DynamicImage::ImageRgb8(flipped));
        assert!(
            hamming(a.phash_mirrored, b.phash) <= 1,
            "{:016x} {:016x}",
            a.phash_mirrored,
            b.phash
        );
        assert!(hamming(a.dhash_mirrored, b.dhash) <= 1);
        // And the pattern is not symmetric, so mirroring does change the hash.
        assert!(hamming(a.phash, b.phash) > 10);
    }

    #[test]
    fn brightness_and_contrast_flip_nothing() {
        let img = pattern(128, 128);
        let a = PhotoHash::from_image(&DynamicImage::ImageRgb8(img.clone()));
        let mut brighter = img;
        for p in brighter.pixels_mut() {
            for c in p.0.iter_mut() {
                *c = (f32::from(*c) * 0.8 + 30.0) as u8;
            }
        }
        let b = PhotoHash::from_image(&DynamicImage::ImageRgb8(brighter));
        assert!(hamming(a.phash, b.phash) <= 2);
    }

    #[test]
    fn uniform_image_is_low_information() {
        let flat = GrayImage::from_pixel(100, 80, Luma([128]));
        let h = PhotoHash::from_image(&DynamicImage::ImageLuma8(flat));
        assert!(h.contrast < 0.01);
        assert!(h.is_low_information(MIN_CONTRAST));
        let img = pattern(100, 80);
        assert!(
            !PhotoHash::from_image(&DynamicImage::ImageRgb8(img)).is_low_information(MIN_CONTRAST)
        );
    }
}
