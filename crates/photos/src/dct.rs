//! The low-frequency corner of a 2-D DCT-II.

use std::sync::OnceLock;

use crate::gray::GRID;

/// Side of the low-frequency block kept for the pHash.
pub(crate) const LOW: usize = 8;

/// `basis[u][x] = α(u) · cos((2x + 1) u π / 2N)` for `u < LOW`, `x < N` (orthonormal
/// DCT-II, `α(0) = √(1/N)`, `α(u) = √(2/N)`).
fn basis() -> &'static [[f32; GRID]; LOW] {
    static BASIS: OnceLock<[[f32; GRID]; LOW]> = OnceLock::new();
    BASIS.get_or_init(|| {
        let n = GRID as f64;
        let mut b = [[0f32; GRID]; LOW];
        for (u, row) in b.iter_mut().enumerate() {
            let alpha = if u == 0 {
                (1.0 / n).sqrt()
            } else {
                (2.0 / n).sqrt()
            };
            for (x, v) in row.iter_mut().enumerate() {
                let angle = (2.0 * x as f64 + 1.0) * u as f64 * std::f64::consts::PI / (2.0 * n);
                *v = (alpha * angle.cos()) as f32;
            }
        }
        b
    })
}

/// The `LOW`×`LOW` lowest-frequency coefficients of the orthonormal 2-D DCT-II of a
/// `GRID`×`GRID` row-major grid: `out[u * LOW + v]` is vertical frequency `u`,
/// horizontal frequency `v`.
///
/// Separable: each row is transformed to its first `LOW` horizontal frequencies, then
/// each of those columns to its first `LOW` vertical frequencies. Only the corner the
/// hash reads is computed (a tenth of a full 32×32 transform).
pub(crate) fn dct_low(grid: &[f32]) -> [f32; LOW * LOW] {
    let b = basis();
    // rows[y][v]: horizontal frequency v of row y.
    let mut rows = [[0f32; LOW]; GRID];
    for (y, out) in rows.iter_mut().enumerate() {
        let line = &grid[y * GRID..(y + 1) * GRID];
        for (v, o) in out.iter_mut().enumerate() {
            *o = line.iter().zip(b[v].iter()).map(|(p, c)| p * c).sum();
        }
    }
    let mut out = [0f32; LOW * LOW];
    for u in 0..LOW {
        for v in 0..LOW {
            out[u * LOW + v] = rows.iter().zip(b[u].iter()).map(|(r, c)| r[v] * c).sum();
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The direct double sum, for comparison.
    fn naive(grid: &[f32], u: usize, v: usize) -> f64 {
        let n = GRID as f64;
        let a = |k: usize| {
            if k == 0 {
                (1.0 / n).sqrt()
            } else {
                (2.0 / n).sqrt()
            }
        };
        let mut s = 0.0;
        for y in 0..GRID {
            for x in 0..GRID {
                s += f64::from(grid[y * GRID + x])
                    * ((2.0 * y as f64 + 1.0) * u as f64 * std::f64::consts::PI / (2.0 * n)).cos()
                    * ((2.0 * x as f64 + 1.0) * v as f64 * std::f64::consts::PI / (2.0 * n)).cos();
            }
        }
        a(u) * a(v) * s
    }

    #[test]
    fn matches_the_definition() {
        let grid: Vec<f32> = (0..GRID * GRID)
            .map(|i| ((i * 7919) % 251) as f32 + (i / GRID) as f32)
            .collect();
        let fast = dct_low(&grid);
        for u in 0..LOW {
            for v in 0..LOW {
                let want = naive(&grid, u, v);
                let got = f64::from(fast[u * LOW + v]);
                assert!(
                    (got - want).abs() < 1e-2 * (1.0 + want.abs()),
                    "({u},{v}) {got} vs {want}"
                );
            }
        }
        // A constant grid has only the DC term: 32 × value for the orthonormal transform.
        let flat = dct_low(&vec![100.0; GRID * GRID]);
        assert!((flat[0] - 3200.0).abs() < 0.1);
        assert!(flat[1..].iter().all(|c| c.abs() < 1e-2));
    }
}
