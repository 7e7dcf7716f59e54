#[path = "../tests/support/portrait.rs"]
mod portrait;
#[path = "../src/gray.rs"]
#[allow(dead_code)]
mod gray;
#[path = "../src/dct.rs"]
#[allow(dead_code)]
mod dct;
use image::{DynamicImage, GenericImageView, imageops::FilterType};
use portrait::Rng;

const G: usize = 32;

fn median_bits(coefs: &[f32; 64]) -> u64 {
    let mut ac: Vec<f32> = coefs[1..].to_vec();
    ac.sort_by(f32::total_cmp);
    let m = ac[ac.len() / 2];
    coefs.iter().enumerate().filter(|(_, &c)| c > m).fold(0, |h, (i, _)| h | 1 << i)
}

/// Luma on an n×n grid (area average) via rescaling the image with its own aspect (non-uniform).
fn grid_n(img: &DynamicImage, n: usize) -> Vec<f32> {
    let l = img.to_luma32f();
    let (w, h) = (l.width() as usize, l.height() as usize);
    let mut out = vec![0f32; n * n];
    let mut cnt = vec![0f32; n * n];
    for y in 0..h { for x in 0..w {
        let gx = x * n / w; let gy = y * n / h;
        out[gy * n + gx] += l.as_raw()[y * w + x] * 255.0; cnt[gy*n+gx] += 1.0; } }
    for (o, c) in out.iter_mut().zip(&cnt) { *o /= c.max(1.0); }
    out
}

fn sample(g: &[f32], n: usize, fx: f32, fy: f32) -> f32 {
    let x = (fx * n as f32 - 0.5).clamp(0.0, n as f32 - 1.0);
    let y = (fy * n as f32 - 0.5).clamp(0.0, n as f32 - 1.0);
    let (x0, y0) = (x.floor() as usize, y.floor() as usize);
    let (x1, y1) = ((x0 + 1).min(n - 1), (y0 + 1).min(n - 1));
    let (ax, ay) = (x - x0 as f32, y - y0 as f32);
    let a = g[y0 * n + x0] * (1.0 - ax) + g[y0 * n + x1] * ax;
    let b = g[y1 * n + x0] * (1.0 - ax) + g[y1 * n + x1] * ax;
    a * (1.0 - ay) + b * ay
}

/// variant: 0 base, 1 translate-normalise, 2 translate+scale
fn hash(img: &DynamicImage, variant: u32) -> u64 {
    let n = 64;
    let g = grid_n(img, n);
    let mut grid = vec![0f32; G * G];
    if variant >= 3 {
        for y in 0..G { for x in 0..G { grid[y*G+x] = (g[(2*y)*n+2*x]+g[(2*y)*n+2*x+1]+g[(2*y+1)*n+2*x]+g[(2*y+1)*n+2*x+1])/4.0; } }
        let mean = grid.iter().sum::<f32>() / (G*G) as f32;
        let win = |i: usize| -> f32 {
            let t = (i as f32 + 0.5) / G as f32;
            match variant {
                3 => (std::f32::consts::PI * t).sin().powi(2),
                4 => { let a = 0.5; if t < a/2.0 { 0.5*(1.0 - (2.0*std::f32::consts::PI*t/a).cos()) } else if t > 1.0 - a/2.0 { 0.5*(1.0 - (2.0*std::f32::consts::PI*(1.0-t)/a).cos()) } else { 1.0 } }
                5 => (-((t-0.5)/0.3).powi(2)/2.0).exp(),
                _ => (std::f32::consts::PI * t).sin(),
            }
        };
        for y in 0..G { for x in 0..G { grid[y*G+x] = (grid[y*G+x]-mean) * win(x) * win(y); } }
    } else if variant == 0 {
        for y in 0..G { for x in 0..G { grid[y*G+x] = (g[(2*y)*n+2*x]+g[(2*y)*n+2*x+1]+g[(2*y+1)*n+2*x]+g[(2*y+1)*n+2*x+1])/4.0; } }
    } else {
        // gradient energy centroid
        let (mut sw, mut sx, mut sy, mut sxx, mut syy) = (0f64, 0f64, 0f64, 0f64, 0f64);
        for y in 1..n-1 { for x in 1..n-1 {
            let gx = g[y*n+x+1] - g[y*n+x-1]; let gy = g[(y+1)*n+x] - g[(y-1)*n+x];
            let w = ((gx*gx+gy*gy) as f64).sqrt();
            let (fx, fy) = ((x as f64 + 0.5)/n as f64, (y as f64 + 0.5)/n as f64);
            sw += w; sx += w*fx; sy += w*fy; sxx += w*fx*fx; syy += w*fy*fy; } }
        let (cx, cy) = ((sx/sw) as f32, (sy/sw) as f32);
        let s = if variant == 2 { let vx = sxx/sw - (sx/sw).powi(2); let vy = syy/sw-(sy/sw).powi(2); ((vx+vy).sqrt() as f32) / 0.3 } else { 1.0 };
        for y in 0..G { for x in 0..G {
            let fx = cx + ((x as f32 + 0.5)/G as f32 - 0.5) * s;
            let fy = cy + ((y as f32 + 0.5)/G as f32 - 0.5) * s;
            grid[y*G+x] = sample(&g, n, fx, fy);
        } }
    }
    median_bits(&dct::dct_low(&grid))
}

fn crop(img: &DynamicImage, f: [f32; 4]) -> DynamicImage {
    let (w, h) = img.dimensions();
    let x0 = (w as f32 * f[0]).round() as u32; let y0 = (h as f32 * f[1]).round() as u32;
    let x1 = w - (w as f32 * f[2]).round() as u32; let y1 = h - (h as f32 * f[3]).round() as u32;
    img.crop_imm(x0, y0, x1 - x0, y1 - y0)
}

fn main() {
    let n = 240;
    let mut rng = Rng(7);
    let mut orig = Vec::new();
    let mut crops = Vec::new();
    let mut bright = Vec::new();
    for i in 0..n {
        let (w, h) = match i % 3 { 0 => (512, 512), 1 => (400, 500), _ => (360, 360) };
        let img = DynamicImage::ImageRgb8(portrait::portrait_wh(i as u64, w, h));
        let mut f = [0f32; 4];
        for v in f.iter_mut() { *v = rng.range(0.0, 0.05); }
        f[rng.below(4)] = 0.05;
        crops.push(crop(&img, f).resize_exact(200, 200 * h / w, FilterType::Triangle));
        let mut b = img.to_rgb8();
        let (br, ct) = (if rng.chance(0.5) {30.0} else {-30.0}, if rng.chance(0.5) {1.2} else {0.8});
        for p in b.pixels_mut() { for c in p.0.iter_mut() { *c = ((*c as f32 - 128.0) * ct + 128.0 + br).clamp(0.0, 255.0) as u8; } }
        bright.push(DynamicImage::ImageRgb8(b));
        orig.push(img);
    }
    // NCC with crop search
    let g64: Vec<Vec<f32>> = orig.iter().map(|i| grid_n(i, 64)).collect();
    let gc: Vec<Vec<f32>> = crops.iter().map(|i| grid_n(i, 64)).collect();
    let gb: Vec<Vec<f32>> = bright.iter().map(|i| grid_n(i, 64)).collect();
    let gg: Vec<Vec<f32>> = orig.iter().map(|i| grid_n(&DynamicImage::ImageLuma8(i.to_luma8()), 64)).collect();
    let small = |g: &Vec<f32>, f: [f32; 4]| -> Vec<f32> {
        let mut out = vec![0f32; 24*24];
        for y in 0..24 { for x in 0..24 {
            let fx = f[0] + (1.0 - f[0] - f[2]) * (x as f32 + 0.5) / 24.0;
            let fy = f[1] + (1.0 - f[1] - f[3]) * (y as f32 + 0.5) / 24.0;
            out[y*24+x] = sample(g, 64, fx, fy); } }
        out
    };
    let ncc = |a: &[f32], b: &[f32]| -> f32 {
        let n = a.len() as f32;
        let (ma, mb) = (a.iter().sum::<f32>()/n, b.iter().sum::<f32>()/n);
        let (mut sab, mut saa, mut sbb) = (0f32,0f32,0f32);
        for (x, y) in a.iter().zip(b) { let (p, q) = (x-ma, y-mb); sab += p*q; saa += p*p; sbb += q*q; }
        sab / (saa*sbb).sqrt().max(1e-6)
    };
    let steps = [0.0f32, 0.017, 0.034, 0.05];
    let mut fs = Vec::new();
    for a in steps { for b in steps { for c in steps { for d in steps { fs.push([a,b,c,d]); } } } }
    let best = |a: &Vec<f32>, b: &Vec<f32>| -> f32 {
        let bf = small(b, [0.0;4]);
        let af = small(a, [0.0;4]);
        let mut m = -1f32;
        for f in &fs { m = m.max(ncc(&small(a, *f), &bf)); m = m.max(ncc(&small(b, *f), &af)); }
        m
    };
    let mut nc: Vec<f32> = (0..n).map(|i| best(&g64[i], &gc[i])).collect();
    let mut nb: Vec<f32> = (0..n).map(|i| best(&g64[i], &gb[i])).collect();
    let mut ng: Vec<f32> = (0..n).map(|i| best(&g64[i], &gg[i])).collect();
    let ho: Vec<u64> = orig.iter().map(|i| hash(i, 0)).collect();
    let mut nd = Vec::new();
    for i in 0..n { for j in i+1..n { if (ho[i]^ho[j]).count_ones() <= 16 { nd.push(best(&g64[i], &g64[j])); } } }
    for v in [&mut nc, &mut nb, &mut ng, &mut nd] { v.sort_by(f32::total_cmp); }
    println!("ncc crop min {:.3} p01 {:.3} p50 {:.3}", nc[0], nc[2], nc[n/2]);
    println!("ncc bright min {:.3} p01 {:.3} p50 {:.3}", nb[0], nb[2], nb[n/2]);
    println!("ncc gray min {:.3} p01 {:.3} p50 {:.3}", ng[0], ng[2], ng[n/2]);
    let k = nd.len();
    println!("ncc distinct(phash<=16) n {} max {:.3} p99 {:.3} p95 {:.3} p50 {:.3}", k, nd[k-1], nd[k*99/100], nd[k*95/100], nd[k/2]);
}
