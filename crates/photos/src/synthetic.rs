//! Procedurally drawn, portrait-like pictures for tests, benches and examples: a lit
//! background, a head and shoulders and film grain, all from a seed. Different seeds give
//! pictures that do not match; one seed always gives the same picture.

use image::{DynamicImage, Rgb, RgbImage};

/// A portrait-like picture: a lit background, a head and shoulders, and texture, all from
/// `seed`.
pub fn portrait(seed: u64) -> DynamicImage {
    let mut state = seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1;
    let mut next = move || {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        state
    };
    let (bg, skin, shirt) = (
        [next() % 120, next() % 120, 80 + next() % 120],
        [150 + next() % 90, 110 + next() % 80, 90 + next() % 70],
        [next() % 200, next() % 200, next() % 200],
    );
    let (cx, cy, r) = (
        110.0 + (next() % 40) as f32,
        110.0 + (next() % 30) as f32,
        45.0 + (next() % 20) as f32,
    );
    let grain: Vec<u8> = (0..256 * 320).map(|_| (next() % 24) as u8).collect();
    DynamicImage::ImageRgb8(RgbImage::from_fn(256, 320, |x, y| {
        let (fx, fy) = (x as f32, y as f32);
        let head = ((fx - cx) / r).powi(2) + ((fy - cy) / (r * 1.3)).powi(2) < 1.0;
        let body = fy > cy + r * 1.4 && (fx - cx).abs() < 40.0 + (fy - cy) * 0.8;
        let base = if head {
            skin
        } else if body {
            shirt
        } else {
            [bg[0] + y as u64 / 4, bg[1] + x as u64 / 5, bg[2]]
        };
        let g = u64::from(grain[(y * 256 + x) as usize]);
        Rgb(base.map(|c| (c + g).min(255) as u8))
    }))
}
