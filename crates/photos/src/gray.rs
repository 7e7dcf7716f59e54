//! Grayscale conversion and area-averaging down-sampling in one pass over the pixels.

use image::DynamicImage;

/// Side of the grid the pHash DCT runs on.
pub(crate) const GRID: usize = 32;

/// Side of the finer grid the pixels are first averaged into; the pHash grids of the
/// full frame and of its crops are area-resampled from it.
pub(crate) const FINE: usize = 64;

/// How one source row or column spreads over the output cells: for source index `i`,
/// output cells `first[i]..first[i] + len[i]` receive `weights[offset[i]..]`.
pub(crate) struct AxisWeights {
    first: Vec<u32>,
    len: Vec<u32>,
    offset: Vec<u32>,
    weights: Vec<f32>,
}

impl AxisWeights {
    /// Area weights from `n` source pixels to `m` output cells.
    fn new(n: usize, m: usize) -> Self {
        Self::region(n, m, 0.0, n as f64)
    }

    /// Area weights from the source interval `[lo, hi)` (in pixels, within `0..n`) to
    /// `m` output cells: output cell `j` covers `[lo + j·s, lo + (j+1)·s)` with
    /// `s = (hi − lo)/m`, and every source pixel contributes the part of it inside that
    /// interval, divided by `s` (a box filter integrated exactly over the footprint, so
    /// nothing aliases however large the reduction).
    pub(crate) fn region(n: usize, m: usize, lo: f64, hi: f64) -> Self {
        let scale = (hi - lo) / m as f64;
        let mut out = AxisWeights {
            first: Vec::with_capacity(n),
            len: Vec::with_capacity(n),
            offset: Vec::with_capacity(n),
            weights: Vec::new(),
        };
        for i in 0..n {
            let (a, b) = (i as f64, i as f64 + 1.0);
            out.offset.push(out.weights.len() as u32);
            if b <= lo || a >= hi {
                out.first.push(0);
                out.len.push(0);
                continue;
            }
            let j0 = (((a - lo) / scale).floor().max(0.0) as usize).min(m - 1);
            let j1 = ((((b - lo) / scale).ceil().max(0.0) as usize).max(j0 + 1)).min(m);
            out.first.push(j0 as u32);
            for j in j0..j1 {
                let (c0, c1) = (lo + j as f64 * scale, lo + (j + 1) as f64 * scale);
                let overlap = b.min(c1) - a.max(c0);
                out.weights.push((overlap.max(0.0) / scale) as f32);
            }
            out.len.push((j1 - j0) as u32);
        }
        out
    }

    #[inline]
    pub(crate) fn of(&self, i: usize) -> (usize, &[f32]) {
        let start = self.offset[i] as usize;
        (
            self.first[i] as usize,
            &self.weights[start..start + self.len[i] as usize],
        )
    }
}

/// Horizontal weights as two taps per source pixel: pixel `x` adds `w0[x]` of itself to
/// cell `j[x]` and `w1[x]` to cell `j[x] + 1` (enough whenever the image is at least
/// [`FINE`] wide; narrower images use more taps through [`AxisWeights`]).
struct Taps {
    j: Vec<u32>,
    w0: Vec<f32>,
    w1: Vec<f32>,
}

impl Taps {
    fn new(axis: &AxisWeights, n: usize) -> Option<Taps> {
        let mut t = Taps {
            j: Vec::with_capacity(n),
            w0: Vec::with_capacity(n),
            w1: Vec::with_capacity(n),
        };
        for x in 0..n {
            let (j, ws) = axis.of(x);
            if ws.len() > 2 {
                return None;
            }
            t.j.push(j as u32);
            t.w0.push(ws.first().copied().unwrap_or(0.0));
            t.w1.push(ws.get(1).copied().unwrap_or(0.0));
        }
        Some(t)
    }
}

/// Area-averages rows of up to three planes into [`FINE`]×[`FINE`] grids.
struct Accumulator<'a, const P: usize> {
    xs: &'a AxisWeights,
    taps: Option<Taps>,
    ys: &'a AxisWeights,
    /// One row of each plane, reduced to `FINE` cells (+1 so a tap can spill over).
    acc: [[f32; FINE + 1]; P],
    grids: [Vec<f32>; P],
}

impl<'a, const P: usize> Accumulator<'a, P> {
    fn new(xs: &'a AxisWeights, ys: &'a AxisWeights, width: usize) -> Self {
        Accumulator {
            xs,
            taps: Taps::new(xs, width),
            ys,
            acc: [[0.0; FINE + 1]; P],
            grids: std::array::from_fn(|_| vec![0.0; FINE * FINE]),
        }
    }

    /// Adds source row `y`, given as `P` values per pixel.
    fn add_row(&mut self, y: usize, pixels: impl Iterator<Item = [f32; P]>) {
        for a in self.acc.iter_mut() {
            a.fill(0.0);
        }
        match &self.taps {
            Some(t) => {
                for (x, v) in pixels.enumerate() {
                    let (j, w0, w1) = (t.j[x] as usize, t.w0[x], t.w1[x]);
                    for (a, &v) in self.acc.iter_mut().zip(v.iter()) {
                        a[j] += v * w0;
                        a[j + 1] += v * w1;
                    }
                }
            }
            None => {
                for (x, v) in pixels.enumerate() {
                    let (j, ws) = self.xs.of(x);
                    for (k, &wt) in ws.iter().enumerate() {
                        for (a, &v) in self.acc.iter_mut().zip(v.iter()) {
                            a[j + k] += v * wt;
                        }
                    }
                }
            }
        }
        let (i, ws) = self.ys.of(y);
        for (k, &wt) in ws.iter().enumerate() {
            for (grid, acc) in self.grids.iter_mut().zip(self.acc.iter()) {
                let out = &mut grid[(i + k) * FINE..(i + k + 1) * FINE];
                for (o, &a) in out.iter_mut().zip(acc.iter()) {
                    *o += a * wt;
                }
            }
        }
    }
}

/// An image reduced to [`FINE`]×[`FINE`] cells, each the mean of the pixels it covers.
pub(crate) struct Planes {
    /// Luma, 0–255, row-major.
    pub luma: Vec<f32>,
    /// Chroma (Cb, Cr, each −128–127) for colour images; `None` for greyscale ones.
    pub chroma: Option<[Vec<f32>; 2]>,
}

/// BT.601 luma and chroma of an RGB pixel.
#[inline]
fn ycbcr([r, g, b]: [f32; 3]) -> [f32; 3] {
    [
        0.299 * r + 0.587 * g + 0.114 * b,
        -0.168_736 * r - 0.331_264 * g + 0.5 * b,
        0.5 * r - 0.418_688 * g - 0.081_312 * b,
    ]
}

/// Reduces an image to [`Planes`] in one pass over its pixels.
///
/// Luma and chroma are ITU-R BT.601 (`Y = 0.299 R + 0.587 G + 0.114 B`, as JPEG's
/// YCbCr); transparent pixels are composited over white, as a profile page shows them.
pub(crate) fn planes(image: &DynamicImage) -> Planes {
    let (w, h) = (image.width() as usize, image.height() as usize);
    if w == 0 || h == 0 {
        return Planes {
            luma: vec![0.0; FINE * FINE],
            chroma: None,
        };
    }
    let xs = AxisWeights::new(w, FINE);
    let ys = AxisWeights::new(h, FINE);
    if let DynamicImage::ImageLuma8(img) = image {
        let mut acc = Accumulator::<1>::new(&xs, &ys, w);
        for (y, src) in img.as_raw().chunks_exact(w).enumerate() {
            acc.add_row(y, src.iter().map(|&v| [f32::from(v)]));
        }
        let [luma] = acc.grids;
        return Planes { luma, chroma: None };
    }
    let mut acc = Accumulator::<3>::new(&xs, &ys, w);
    match image {
        DynamicImage::ImageRgb8(img) => {
            for (y, src) in img.as_raw().chunks_exact(w * 3).enumerate() {
                acc.add_row(
                    y,
                    src.chunks_exact(3)
                        .map(|p| ycbcr([f32::from(p[0]), f32::from(p[1]), f32::from(p[2])])),
                );
            }
        }
        other => {
            // Alpha, 16-bit and float images: through RGBA8 (a copy, but these are rare
            // for photos).
            let rgba = other.to_rgba8();
            for (y, src) in rgba.as_raw().chunks_exact(w * 4).enumerate() {
                acc.add_row(
                    y,
                    src.chunks_exact(4).map(|p| {
                        let a = f32::from(p[3]) / 255.0;
                        let over = |c: u8| f32::from(c) * a + 255.0 * (1.0 - a);
                        ycbcr([over(p[0]), over(p[1]), over(p[2])])
                    }),
                );
            }
        }
    }
    let [luma, cb, cr] = acc.grids;
    Planes {
        luma,
        chroma: Some([cb, cr]),
    }
}

/// Area-average of the part of a square `n`×`n` grid inside `crop` (fractions cut
/// from the left, top, right and bottom) down to `cols`×`rows` cells.
pub(crate) fn shrink(grid: &[f32], n: usize, crop: [f32; 4], cols: usize, rows: usize) -> Vec<f32> {
    let nf = n as f64;
    let [l, t, r, b] = crop.map(f64::from);
    let xs = AxisWeights::region(n, cols, l * nf, (1.0 - r) * nf);
    let ys = AxisWeights::region(n, rows, t * nf, (1.0 - b) * nf);
    let mut out = vec![0f32; cols * rows];
    for y in 0..n {
        let (i, wy) = ys.of(y);
        for x in 0..n {
            let (j, wx) = xs.of(x);
            let v = grid[y * n + x];
            for (a, &ky) in wy.iter().enumerate() {
                for (c, &kx) in wx.iter().enumerate() {
                    out[(i + a) * cols + j + c] += v * ky * kx;
                }
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use image::{GrayImage, Luma};

    #[test]
    fn weights_sum_to_one_per_output_cell() {
        for (n, m, lo, hi) in [
            (512, 32, 0.0, 512.0),
            (200, 32, 0.0, 200.0),
            (33, 32, 0.0, 33.0),
            (7, 32, 0.0, 7.0),
            (32, 9, 0.0, 32.0),
            (1, 32, 0.0, 1.0),
            (64, 32, 3.2, 60.8),
            (64, 32, 1.92, 64.0),
        ] {
            let ax = AxisWeights::region(n, m, lo, hi);
            let mut sums = vec![0f64; m];
            for i in 0..n {
                let (j, ws) = ax.of(i);
                for (k, &w) in ws.iter().enumerate() {
                    sums[j + k] += f64::from(w);
                }
            }
            for (j, s) in sums.iter().enumerate() {
                assert!((s - 1.0).abs() < 1e-4, "{n}->{m}: cell {j} sums to {s}");
            }
        }
    }

    #[test]
    fn grid_is_block_mean() {
        // 64×64 with a bright left half: cells 0..16 of each row are 200, the rest 10.
        let img = GrayImage::from_fn(64, 64, |x, _| Luma([if x < 32 { 200 } else { 10 }]));
        let g = planes(&DynamicImage::ImageLuma8(img)).luma;
        let g = shrink(&g, FINE, [0.0; 4], GRID, GRID);
        for y in 0..GRID {
            for x in 0..GRID {
                let want = if x < 16 { 200.0 } else { 10.0 };
                assert!((g[y * GRID + x] - want).abs() < 1e-3);
            }
        }
        // The right half alone is uniform.
        let right = shrink(
            &planes(&DynamicImage::ImageLuma8(GrayImage::from_fn(
                64,
                64,
                |x, _| Luma([if x < 32 { 200 } else { 10 }]),
            )))
            .luma,
            FINE,
            [0.5, 0.0, 0.0, 0.0],
            8,
            8,
        );
        assert!(right.iter().all(|v| (v - 10.0).abs() < 1e-3), "{right:?}");
    }
}
