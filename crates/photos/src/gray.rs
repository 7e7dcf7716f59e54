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

/// Area-averages rows of one plane into a [`FINE`]×[`FINE`] grid.
struct Plane<'a> {
    xs: &'a AxisWeights,
    ys: &'a AxisWeights,
    acc: [f32; FINE],
    grid: Vec<f32>,
}

impl<'a> Plane<'a> {
    fn new(xs: &'a AxisWeights, ys: &'a AxisWeights) -> Self {
        Plane {
            xs,
            ys,
            acc: [0.0; FINE],
            grid: vec![0.0; FINE * FINE],
        }
    }

    fn add_row(&mut self, y: usize, row: &[f32]) {
        self.acc.fill(0.0);
        for (x, &v) in row.iter().enumerate() {
            let (j, ws) = self.xs.of(x);
            for (k, &wt) in ws.iter().enumerate() {
                self.acc[j + k] += v * wt;
            }
        }
        let (i, ws) = self.ys.of(y);
        for (k, &wt) in ws.iter().enumerate() {
            let out = &mut self.grid[(i + k) * FINE..(i + k + 1) * FINE];
            for (o, &a) in out.iter_mut().zip(self.acc.iter()) {
                *o += a * wt;
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
    let mut luma = Plane::new(&xs, &ys);
    let mut row = vec![0f32; w];
    if let DynamicImage::ImageLuma8(img) = image {
        for (y, src) in img.as_raw().chunks_exact(w).enumerate() {
            for (d, &s) in row.iter_mut().zip(src) {
                *d = f32::from(s);
            }
            luma.add_row(y, &row);
        }
        return Planes {
            luma: luma.grid,
            chroma: None,
        };
    }
    let mut cb = Plane::new(&xs, &ys);
    let mut cr = Plane::new(&xs, &ys);
    let mut row_cb = vec![0f32; w];
    let mut row_cr = vec![0f32; w];
    let mut rows = |y: usize, pixels: &mut dyn Iterator<Item = [f32; 3]>| {
        for (k, [r, g, b]) in pixels.enumerate() {
            row[k] = 0.299 * r + 0.587 * g + 0.114 * b;
            row_cb[k] = -0.168_736 * r - 0.331_264 * g + 0.5 * b;
            row_cr[k] = 0.5 * r - 0.418_688 * g - 0.081_312 * b;
        }
        luma.add_row(y, &row);
        cb.add_row(y, &row_cb);
        cr.add_row(y, &row_cr);
    };
    match image {
        DynamicImage::ImageRgb8(img) => {
            for (y, src) in img.as_raw().chunks_exact(w * 3).enumerate() {
                let mut px = src
                    .chunks_exact(3)
                    .map(|p| [f32::from(p[0]), f32::from(p[1]), f32::from(p[2])]);
                rows(y, &mut px);
            }
        }
        other => {
            // Alpha, 16-bit and float images: through RGBA8 (a copy, but these are rare
            // for photos).
            let rgba = other.to_rgba8();
            for (y, src) in rgba.as_raw().chunks_exact(w * 4).enumerate() {
                let mut px = src.chunks_exact(4).map(|p| {
                    let a = f32::from(p[3]) / 255.0;
                    let over = |c: u8| f32::from(c) * a + 255.0 * (1.0 - a);
                    [over(p[0]), over(p[1]), over(p[2])]
                });
                rows(y, &mut px);
            }
        }
    }
    Planes {
        luma: luma.grid,
        chroma: Some([cb.grid, cr.grid]),
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
