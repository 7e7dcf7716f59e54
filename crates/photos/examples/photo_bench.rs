//! Times photo hashing and the near-duplicate search on generated portraits:
//! `cargo run --release -p redflag-photos --example photo_bench -- [PHOTOS] [SIZE] [COPIES]`.
//!
//! Draws `PHOTOS` distinct head-and-shoulders portraits at `SIZE`×`SIZE` (the generator
//! of `tests/support/portrait.rs`), plus `COPIES` reused ones (resized to 60%, cropped 3%,
//! recompressed at JPEG quality 60), writes them all as JPEG (quality 85) to a temporary
//! folder, then times decode + hash on one thread and on every core, and the index
//! search at the default threshold. Prints throughput, pairs found, and recall and false
//! pairs against the planted copies.

#[path = "../tests/support/portrait.rs"]
mod portrait;

use std::collections::HashSet;
use std::path::PathBuf;
use std::time::Instant;

use image::codecs::jpeg::JpegEncoder;
use image::imageops::FilterType;
use image::DynamicImage;
use redflag_photos::{
    decode_file, hash_files, DecodeLimits, PhotoHash, PhotoIndex, DEFAULT_MAX_DISTANCE,
};

fn arg(i: usize, default: usize) -> usize {
    std::env::args()
        .nth(i)
        .and_then(|a| a.parse().ok())
        .unwrap_or(default)
}

fn save(img: &DynamicImage, path: &PathBuf, quality: u8) -> Result<(), Box<dyn std::error::Error>> {
    let mut w = std::io::BufWriter::new(std::fs::File::create(path)?);
    img.write_with_encoder(JpegEncoder::new_with_quality(&mut w, quality))?;
    Ok(())
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let photos = arg(1, 2000);
    let size = arg(2, 512) as u32;
    let copies = arg(3, 100).min(photos);
    let dir = tempfile::tempdir()?;
    let t = Instant::now();
    let mut paths = Vec::new();
    // family[i]: the portrait photo i shows.
    let mut family = Vec::new();
    for i in 0..photos {
        let img = DynamicImage::ImageRgb8(portrait::portrait(i as u64, size));
        let path = dir.path().join(format!("{i:05}.jpg"));
        save(&img, &path, 85)?;
        paths.push(path);
        family.push(i);
        if i < copies {
            let c = (size as f32 * 0.03) as u32;
            let copy = img.crop_imm(c, c, size - 2 * c, size - 2 * c).resize_exact(
                size * 3 / 5,
                size * 3 / 5,
                FilterType::Triangle,
            );
            let path = dir.path().join(format!("{i:05}-copy.jpg"));
            save(&copy, &path, 60)?;
            paths.push(path);
            family.push(i);
        }
    }
    let bytes: u64 = paths
        .iter()
        .map(|p| std::fs::metadata(p).map_or(0, |m| m.len()))
        .sum();
    println!(
        "generated {} JPEGs ({photos} portraits at {size}×{size}, {copies} reused), {:.1} MB, in {:.1?}",
        paths.len(),
        bytes as f64 / 1e6,
        t.elapsed()
    );

    let limits = DecodeLimits::default();
    // Where one thread's time goes, on the first 300 files.
    let sample = &paths[..paths.len().min(300)];
    let t = Instant::now();
    let images = sample
        .iter()
        .map(|p| decode_file(p, &limits))
        .collect::<Result<Vec<_>, _>>()?;
    let decode = t.elapsed().as_secs_f64() / sample.len() as f64;
    let t = Instant::now();
    for img in &images {
        std::hint::black_box(PhotoHash::from_image(img));
    }
    let hash = t.elapsed().as_secs_f64() / sample.len() as f64;
    println!(
        "one thread, per image: decode {:.2} ms, hash {:.2} ms",
        decode * 1e3,
        hash * 1e3
    );
    let cores = std::thread::available_parallelism().map_or(1, usize::from);
    let mut hashes = Vec::new();
    for threads in [1, cores] {
        let t = Instant::now();
        let results = hash_files(&paths, &limits, threads);
        let secs = t.elapsed().as_secs_f64();
        println!(
            "decode + hash on {threads} thread(s): {:.2} s, {:.0} images/s",
            secs,
            paths.len() as f64 / secs
        );
        hashes = results.into_iter().collect::<Result<Vec<_>, _>>()?;
        if cores == 1 {
            break;
        }
    }

    let t = Instant::now();
    let index = PhotoIndex::new(
        hashes
            .iter()
            .cloned()
            .enumerate()
            .map(|(i, h)| (i as u32, h)),
    );
    let built = t.elapsed();
    let t = Instant::now();
    let (candidates, _) = index.candidates(DEFAULT_MAX_DISTANCE);
    let candidates_only = t.elapsed();
    let t = Instant::now();
    let matches = index.near_duplicates(DEFAULT_MAX_DISTANCE);
    let searched = t.elapsed();
    println!(
        "candidates alone (multi-index search, no thumbnail check): {} pairs in {candidates_only:.1?}",
        candidates.len()
    );
    println!(
        "index: built in {built:.1?}, near_duplicates at distance {DEFAULT_MAX_DISTANCE} in {searched:.1?} \
         ({} photos, {} low-information, {} common); {:?}",
        index.len(),
        index.low_information().len(),
        matches.common.len(),
        matches.stats
    );
    let found: HashSet<(u32, u32)> = matches.pairs.iter().map(|p| (p.a, p.b)).collect();
    let planted: HashSet<(u32, u32)> = (0..paths.len())
        .flat_map(|i| (i + 1..paths.len()).map(move |j| (i, j)))
        .filter(|&(i, j)| family[i] == family[j])
        .map(|(i, j)| (i as u32, j as u32))
        .collect();
    let recalled = planted.iter().filter(|p| found.contains(p)).count();
    let false_pairs = found.iter().filter(|p| !planted.contains(p)).count();
    let all = paths.len() * (paths.len() - 1) / 2;
    println!(
        "pairs: {} found; planted {recalled}/{} recalled; {false_pairs} false of {} unrelated pairs ({:.1e})",
        found.len(),
        planted.len(),
        all - planted.len(),
        false_pairs as f64 / (all - planted.len()).max(1) as f64
    );
    Ok(())
}
