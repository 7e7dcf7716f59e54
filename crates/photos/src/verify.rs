//! Confirming a candidate pair: align the two thumbnails over small crops and correlate.

use std::sync::OnceLock;

use crate::gray::AxisWeights;
use crate::hash::{Thumbnail, THUMB};

/// Side of the window the thumbnails are compared at.
const WIN: usize = 16;

/// Crop fractions tried per side: a copy cropped by up to 5% per side is within 1.25%
/// of one of these on every side.
const STEPS: [f64; 3] = [0.0, 0.025, 0.05];

/// Default [`crate::IndexOptions::min_similarity`]: the aligned correlation at or above
/// which a candidate pair is confirmed as one picture.
///
/// Measured in `tests/synthetic.rs`: every copy of every portrait (resized, recompressed,
/// cropped, brightened, greyed, all at once, mirrored) scores at least 0.95 against
/// its original, while distinct portraits that the pHash calls candidates score at most
/// 0.92 (median about 0.75): they share a layout but not the picture.
pub const MIN_SIMILARITY: f32 = 0.935;

/// Area weights for one axis of a crop: `STEPS[lo]` cut before, `STEPS[hi]` after.
fn axis(lo: usize, hi: usize) -> &'static AxisWeights {
    static AXES: OnceLock<Vec<AxisWeights>> = OnceLock::new();
    let axes = AXES.get_or_init(|| {
        let n = THUMB as f64;
        let mut v = Vec::with_capacity(STEPS.len() * STEPS.len());
        for a in STEPS {
            for b in STEPS {
                v.push(AxisWeights::region(THUMB, WIN, a * n, (1.0 - b) * n));
            }
        }
        v
    });
    &axes[lo * STEPS.len() + hi]
}

/// Mean-centred, unit-length window: correlation is then a dot product.
type Window = [f32; WIN * WIN];

fn normalise(w: &mut Window) {
    let mean = w.iter().sum::<f32>() / w.len() as f32;
    let mut norm = 0.0;
    for v in w.iter_mut() {
        *v -= mean;
        norm += *v * *v;
    }
    let norm = norm.sqrt();
    if norm > 1e-6 {
        for v in w.iter_mut() {
            *v /= norm;
        }
    }
}

fn dot(a: &Window, b: &Window) -> f32 {
    a.iter().zip(b.iter()).map(|(x, y)| x * y).sum()
}

/// Every crop of `t` on the `STEPS` grid (81 windows), the uncropped one first.
fn windows(t: &[f32]) -> Vec<Window> {
    let k = STEPS.len();
    // Columns first: for each (left, right), every row resampled to WIN columns.
    let mut cols: Vec<Vec<f32>> = Vec::with_capacity(k * k);
    for l in 0..k {
        for r in 0..k {
            let ax = axis(l, r);
            let mut out = vec![0f32; THUMB * WIN];
            for y in 0..THUMB {
                let row = &t[y * THUMB..(y + 1) * THUMB];
                let dst = &mut out[y * WIN..(y + 1) * WIN];
                for (x, &v) in row.iter().enumerate() {
                    let (j, ws) = ax.of(x);
                    for (o, &w) in ws.iter().enumerate() {
                        dst[j + o] += v * w;
                    }
                }
            }
            cols.push(out);
        }
    }
    let mut all = Vec::with_capacity(k * k * k * k);
    for (lr, c) in cols.iter().enumerate() {
        for t_ in 0..k {
            for b in 0..k {
                let ay = axis(t_, b);
                let mut w: Window = [0.0; WIN * WIN];
                for y in 0..THUMB {
                    let (i, ws) = ay.of(y);
                    let src = &c[y * WIN..(y + 1) * WIN];
                    for (o, &wt) in ws.iter().enumerate() {
                        let dst = &mut w[(i + o) * WIN..(i + o + 1) * WIN];
                        for (d, &s) in dst.iter_mut().zip(src) {
                            *d += s * wt;
                        }
                    }
                }
                normalise(&mut w);
                // Keep the uncropped window first.
                if lr == 0 && t_ == 0 && b == 0 {
                    all.insert(0, w);
                } else {
                    all.push(w);
                }
            }
        }
    }
    all
}

fn pixels(t: &Thumbnail, mirrored: bool) -> Vec<f32> {
    let mut v: Vec<f32> = t.0.iter().map(|&p| f32::from(p)).collect();
    if mirrored {
        for row in v.chunks_exact_mut(THUMB) {
            row.reverse();
        }
    }
    v
}

/// How alike two photos are once aligned: the highest correlation (−1 to 1) between
/// one thumbnail's full frame and any crop of the other of up to 5% per side (in
/// 2.5% steps, both ways round). With `mirrored`, `b` is mirrored first.
///
/// Copies of one picture score near 1 (JPEG noise, resampling and brightness clipping
/// cost a few hundredths); different pictures with the same layout (a head and
/// shoulders on a plain wall) score lower because features do not line up at every
/// alignment at once. About 0.1 ms a pair.
pub fn similarity(a: &Thumbnail, b: &Thumbnail, mirrored: bool) -> f32 {
    let wa = windows(&pixels(a, false));
    let wb = windows(&pixels(b, mirrored));
    let mut best = dot(&wa[0], &wb[0]);
    for w in &wb[1..] {
        best = best.max(dot(&wa[0], w));
    }
    for w in &wa[1..] {
        best = best.max(dot(w, &wb[0]));
    }
    best
}
