//! Confirming a candidate pair: align the two thumbnails over small crops and correlate.

use std::sync::OnceLock;

use crate::gray::AxisWeights;
use crate::hash::{Thumbnail, CHROMA, THUMB};

/// Side of the window the thumbnails are compared at.
const WIN: usize = 32;

/// Crop fractions tried per side: a copy cropped by up to 5% per side is within 1.25%
/// of one of these on every side.
const STEPS: [f64; 3] = [0.0, 0.025, 0.05];

/// Default [`crate::IndexOptions::min_similarity`]: the aligned luma correlation at or
/// above which a candidate pair is one picture (if the colours agree too).
///
/// Measured in `tests/synthetic.rs` (see the crate documentation): the worst colour copy
/// scores 0.930 (brightened until part of a pale wall clipped), while distinct portraits
/// the pHash calls candidates have median 0.73 and 99th percentile 0.93: they share a
/// layout but not the picture. Colour does most of the separating
/// ([`MIN_CHROMA_SIMILARITY`]); this threshold keeps margin for copies.
pub const MIN_SIMILARITY: f32 = 0.90;

/// Default [`crate::IndexOptions::min_chroma_similarity`]: when both photos are in
/// colour, the chroma correlation a pair also needs.
///
/// Copies keep their colours (brightness and contrast scale chroma, which a cosine
/// ignores); two people of the same layout rarely wear, have and stand in front of the
/// same colours. Measured: copies at least 0.944, distinct candidates median 0.16 and
/// 99th percentile 0.89.
pub const MIN_CHROMA_SIMILARITY: f32 = 0.90;

/// Default [`crate::IndexOptions::min_grey_similarity`]: the aligned luma correlation a
/// pair needs when at least one photo is greyscale, so colour cannot confirm it.
///
/// Stricter than [`MIN_SIMILARITY`] because luma alone is all the evidence: greyscale
/// copies score at least 0.973 against their originals (0.985 without the other
/// changes), while a greyscale portrait against other people's portraits that the pHash
/// calls candidates has median 0.78 and 99th percentile 0.95; one pair of portraits that
/// are the same shapes in the same greys reaches 0.98. The margin under the worst copy is
/// small (0.003): lower it if greyscale copies matter more than their false pairs.
pub const MIN_GREY_SIMILARITY: f32 = 0.97;

/// Below this RMS chroma (of ±127) a thumbnail counts as greyscale and only luma is
/// compared.
pub const MIN_COLOURFULNESS: f32 = 4.0;

/// How alike two thumbnails are once aligned ([`similarity`]).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Similarity {
    /// Highest luma correlation (−1 to 1) over the alignments tried.
    pub luma: f32,
    /// Cosine (−1 to 1) between the two chroma grids, when both photos are in colour.
    pub chroma: Option<f32>,
}

impl Similarity {
    /// Whether the two are one picture: luma and chroma at least `min_luma` and
    /// `min_chroma` when both are in colour, luma at least `min_grey` otherwise.
    pub fn confirms(&self, min_luma: f32, min_chroma: f32, min_grey: f32) -> bool {
        match self.chroma {
            Some(c) => self.luma >= min_luma && c >= min_chroma,
            None => self.luma >= min_grey,
        }
    }
}

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

/// Every crop of `t` on the `STEPS` grid (81 windows), the uncropped one first, each
/// mean-centred and unit-length.
fn windows(t: &[f32]) -> Vec<Window> {
    windows_with(t, true)
}

/// As [`windows`]; with `unit` false the windows are only mean-centred.
fn windows_with(t: &[f32], unit: bool) -> Vec<Window> {
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
                if unit {
                    normalise(&mut w);
                } else {
                    let mean = w.iter().sum::<f32>() / w.len() as f32;
                    w.iter_mut().for_each(|v| *v -= mean);
                }
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
    let mut v: Vec<f32> = t.luma.iter().map(|&p| f32::from(p)).collect();
    if mirrored {
        for row in v.chunks_exact_mut(THUMB) {
            row.reverse();
        }
    }
    v
}

/// The chroma grid as floats, mirrored if asked; `None` when it is (nearly) grey.
fn chroma(t: &Thumbnail, mirrored: bool) -> Option<Vec<f32>> {
    let mut v: Vec<f32> = t.chroma.iter().map(|&c| f32::from(c)).collect();
    let rms = (v.iter().map(|c| c * c).sum::<f32>() / v.len() as f32).sqrt();
    if rms < MIN_COLOURFULNESS {
        return None;
    }
    if mirrored {
        for row in v.chunks_exact_mut(CHROMA * 2) {
            let cells: Vec<[f32; 2]> = row.chunks_exact(2).rev().map(|c| [c[0], c[1]]).collect();
            for (k, [b, r]) in cells.into_iter().enumerate() {
                row[2 * k] = b;
                row[2 * k + 1] = r;
            }
        }
    }
    Some(v)
}

/// How alike two photos are once aligned: the highest luma correlation between one
/// thumbnail's full frame and any crop of the other of up to 5% per side (in 2.5%
/// steps, both ways round), and, when both are in colour, the cosine between their
/// chroma grids. With `mirrored`, `b` is mirrored first.
///
/// Copies of one picture score near 1 (JPEG noise, resampling, brightness clipping and
/// greyscale conversions with other luma weights cost a few hundredths to a tenth);
/// different pictures with the same layout (a head and shoulders on a plain wall) score
/// lower because features do not line up at every alignment at once, and their colours
/// differ. A fraction of a millisecond a pair.
pub fn similarity(a: &Thumbnail, b: &Thumbnail, mirrored: bool) -> Similarity {
    let chroma = chroma_similarity(a, b, mirrored);
    let la = pixels(a, false);
    let wa = windows(&la);
    Similarity {
        luma: luma_similarity(a, &la, &wa, b, mirrored),
        chroma,
    }
}

/// Confirms candidate pairs that share their first photo, computing that photo's
/// aligned windows once, and only if some pair gets past the chroma check (128 values,
/// before the luma search's 162 windows).
pub(crate) struct Confirmer<'a> {
    a: &'a Thumbnail,
    windows: Option<(Vec<f32>, Vec<Window>)>,
}

impl<'a> Confirmer<'a> {
    /// Pairs of `a` with others.
    pub(crate) fn new(a: &'a Thumbnail) -> Self {
        Confirmer { a, windows: None }
    }

    /// [`similarity`] of `a` and `b` if it confirms the pair (see
    /// [`Similarity::confirms`]), `None` as soon as it cannot.
    pub(crate) fn confirm(
        &mut self,
        b: &Thumbnail,
        mirrored: bool,
        [min_luma, min_chroma, min_grey]: [f32; 3],
    ) -> Option<Similarity> {
        let chroma = chroma_similarity(self.a, b, mirrored);
        if chroma.is_some_and(|c| c < min_chroma) {
            return None;
        }
        let a = self.a;
        let (la, wa) = self.windows.get_or_insert_with(|| {
            let la = pixels(a, false);
            let wa = windows(&la);
            (la, wa)
        });
        let sim = Similarity {
            luma: luma_similarity(a, la, wa, b, mirrored),
            chroma,
        };
        sim.confirms(min_luma, min_chroma, min_grey).then_some(sim)
    }
}

/// Cosine between the chroma grids when both are in colour.
fn chroma_similarity(a: &Thumbnail, b: &Thumbnail, mirrored: bool) -> Option<f32> {
    match (chroma(a, false), chroma(b, mirrored)) {
        (Some(x), Some(y)) => {
            let (mut xy, mut xx, mut yy) = (0f32, 0f32, 0f32);
            for (p, q) in x.iter().zip(&y) {
                xy += p * q;
                xx += p * p;
                yy += q * q;
            }
            Some(xy / (xx * yy).sqrt().max(1e-6))
        }
        _ => None,
    }
}

/// Highest luma correlation over the alignments tried.
///
/// When exactly one of the two is in colour, the other may be a greyscale copy made with
/// other weights than BT.601 (Rec. 709's `0.2126 R + 0.7152 G + 0.0722 B`, or a plain
/// average): at the best alignment the grey one is also fitted as `Y + a·Cb + b·Cr` of
/// the colour one (chroma upsampled from 8×8), with `a` and `b` limited to ±0.6 — the
/// range of real greyscale conversions (Rec. 709 is `a ≈ −0.12, b ≈ −0.21`; the average
/// `a ≈ 0.48, b ≈ 0.23`) — and the correlation of that fit counts too. The limit keeps
/// the fit from explaining a different picture with arbitrary colour weights.
fn luma_similarity(a: &Thumbnail, la: &[f32], wa: &[Window], b: &Thumbnail, mirrored: bool) -> f32 {
    let lb = pixels(b, mirrored);
    let wb = windows(&lb);
    // (correlation, cropped side is `a`, window index)
    let mut best = (dot(&wa[0], &wb[0]), false, 0);
    for (k, w) in wb.iter().enumerate().skip(1) {
        let c = dot(&wa[0], w);
        if c > best.0 {
            best = (c, false, k);
        }
    }
    for (k, w) in wa.iter().enumerate().skip(1) {
        let c = dot(w, &wb[0]);
        if c > best.0 {
            best = (c, true, k);
        }
    }
    let (ca, cb) = (chroma(a, false), chroma(b, mirrored));
    let (grey, colour, colour_luma, colour_is_a): (&[Window], _, &[f32], _) = match (&ca, &cb) {
        (Some(c), None) => (&wb, c, la, true),
        (None, Some(c)) => (wa, c, &lb, false),
        _ => return best.0,
    };
    let (corr, crop_a, k) = best;
    // Windows at the best alignment: the cropped side uses window k, the other its full
    // frame (window 0).
    let (k_colour, k_grey) = if crop_a == colour_is_a {
        (k, 0)
    } else {
        (0, k)
    };
    let y = &grey[k_grey];
    let x1 = &windows_with(colour_luma, false)[k_colour];
    let x2 = &windows_with(&upsample(colour, 0), false)[k_colour];
    let x3 = &windows_with(&upsample(colour, 1), false)[k_colour];
    corr.max(grey_fit(y, [x1, x2, x3]))
}

/// Chroma channel `c` (0: Cb, 1: Cr) of an interleaved `CHROMA`×`CHROMA` grid,
/// bilinearly upsampled to `THUMB`×`THUMB`.
fn upsample(chroma: &[f32], c: usize) -> Vec<f32> {
    let n = CHROMA as f32;
    let at = |x: usize, y: usize| chroma[2 * (y * CHROMA + x) + c];
    let mut out = vec![0f32; THUMB * THUMB];
    for y in 0..THUMB {
        let fy = ((y as f32 + 0.5) * n / THUMB as f32 - 0.5).clamp(0.0, n - 1.0);
        let (y0, ty) = (fy.floor() as usize, fy.fract());
        let y1 = (y0 + 1).min(CHROMA - 1);
        for x in 0..THUMB {
            let fx = ((x as f32 + 0.5) * n / THUMB as f32 - 0.5).clamp(0.0, n - 1.0);
            let (x0, tx) = (fx.floor() as usize, fx.fract());
            let x1 = (x0 + 1).min(CHROMA - 1);
            let top = at(x0, y0) * (1.0 - tx) + at(x1, y0) * tx;
            let bottom = at(x0, y1) * (1.0 - tx) + at(x1, y1) * tx;
            out[y * THUMB + x] = top * (1.0 - ty) + bottom * ty;
        }
    }
    out
}

/// Largest chroma weight (relative to luma) a greyscale conversion is allowed.
const MAX_CHROMA_WEIGHT: f64 = 0.6;

/// Correlation between `y` and `x₀ + a·x₁ + b·x₂`, with `a`, `b` from the least-squares
/// fit `y ≈ g·x₀ + α·x₁ + β·x₂` (`a = α/g`, `b = β/g`) clamped to ±[`MAX_CHROMA_WEIGHT`];
/// 0 when the fit is degenerate or `g ≤ 0`. The windows are mean-centred.
fn grey_fit(y: &Window, x: [&Window; 3]) -> f32 {
    let mut m = [[0f64; 3]; 3];
    let mut v = [0f64; 3];
    for i in 0..3 {
        for j in 0..3 {
            m[i][j] = x[i]
                .iter()
                .zip(x[j].iter())
                .map(|(p, q)| f64::from(p * q))
                .sum();
        }
        v[i] = x[i]
            .iter()
            .zip(y.iter())
            .map(|(p, q)| f64::from(p * q))
            .sum();
    }
    let det = |m: &[[f64; 3]; 3]| {
        m[0][0] * (m[1][1] * m[2][2] - m[1][2] * m[2][1])
            - m[0][1] * (m[1][0] * m[2][2] - m[1][2] * m[2][0])
            + m[0][2] * (m[1][0] * m[2][1] - m[1][1] * m[2][0])
    };
    let d = det(&m);
    if d.abs() < 1e-9 {
        return 0.0;
    }
    // Cramer's rule.
    let mut beta = [0f64; 3];
    for (k, b) in beta.iter_mut().enumerate() {
        let mut mk = m;
        for row in 0..3 {
            mk[row][k] = v[row];
        }
        *b = det(&mk) / d;
    }
    if beta[0] <= 0.0 {
        return 0.0;
    }
    let a = (beta[1] / beta[0]).clamp(-MAX_CHROMA_WEIGHT, MAX_CHROMA_WEIGHT) as f32;
    let b = (beta[2] / beta[0]).clamp(-MAX_CHROMA_WEIGHT, MAX_CHROMA_WEIGHT) as f32;
    let mut z: Window = [0.0; WIN * WIN];
    for (k, o) in z.iter_mut().enumerate() {
        *o = x[0][k] + a * x[1][k] + b * x[2][k];
    }
    normalise(&mut z);
    dot(y, &z)
}
