//! Inputs that are not photos, or not whole ones: clear errors naming the file, never a
//! panic; blank images excluded from matching and reported.

use std::io::Write;

use image::codecs::jpeg::JpegEncoder;
use image::{DynamicImage, GrayImage, Luma, Rgb, RgbImage};
use redflag_photos::{
    decode_bytes, hash_bytes, hash_file, hash_files, DecodeLimits, PhotoError, PhotoHash,
    PhotoIndex, DEFAULT_MAX_DISTANCE,
};

fn picture(seed: u32) -> RgbImage {
    RgbImage::from_fn(160, 200, |x, y| {
        let d = ((x as f32 - 80.0).powi(2) + (y as f32 - 80.0).powi(2)).sqrt();
        if d < 45.0 + (seed % 7) as f32 {
            Rgb([200, 160, (120 + seed * 13 % 100) as u8])
        } else {
            Rgb([(x + seed) as u8, (y / 2) as u8, 90])
        }
    })
}

fn jpeg(img: &DynamicImage) -> Vec<u8> {
    let mut out = Vec::new();
    img.write_with_encoder(JpegEncoder::new_with_quality(&mut out, 85))
        .expect("encode");
    out
}

fn png(img: &DynamicImage) -> Vec<u8> {
    let mut out = std::io::Cursor::new(Vec::new());
    img.write_to(&mut out, image::ImageFormat::Png)
        .expect("encode");
    out.into_inner()
}

fn write(dir: &std::path::Path, name: &str, bytes: &[u8]) -> std::path::PathBuf {
    let path = dir.join(name);
    let mut f = std::fs::File::create(&path).expect("create");
    f.write_all(bytes).expect("write");
    path
}

fn message(r: Result<PhotoHash, PhotoError>) -> String {
    match r {
        Ok(_) => panic!("expected an error"),
        Err(e) => e.to_string(),
    }
}

#[test]
fn corrupt_file_is_a_named_decode_error() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = write(dir.path(), "p123.jpg", b"<html>404 not found</html>");
    let err = hash_file(&path, &DecodeLimits::default());
    assert!(matches!(err, Err(PhotoError::Decode { .. })));
    let msg = message(err);
    assert!(msg.contains("p123.jpg"), "{msg}");
    assert!(msg.contains("not a readable JPEG or PNG image"), "{msg}");
    assert!(msg.contains("3C 68 74 6D"), "{msg}"); // what was found

    // A JPEG signature followed by garbage.
    let mut bytes = vec![0xFF, 0xD8, 0xFF, 0xE0, 0x00, 0x10];
    bytes.extend(std::iter::repeat_n(0x5A, 200));
    let msg = message(hash_bytes("p124.jpg", &bytes, &DecodeLimits::default()));
    assert!(
        msg.starts_with("p124.jpg: not a readable JPEG or PNG image"),
        "{msg}"
    );

    // Empty file; missing file.
    let empty = write(dir.path(), "empty.png", b"");
    assert!(message(hash_file(&empty, &DecodeLimits::default())).contains("the file is empty"));
    let missing = dir.path().join("missing.jpg");
    let err = hash_file(&missing, &DecodeLimits::default());
    assert!(matches!(err, Err(PhotoError::Io { .. })));
    assert!(message(err).contains("missing.jpg: cannot read the file"));
}

#[test]
fn truncated_jpeg_is_refused_not_grey_filled() {
    let whole = jpeg(&DynamicImage::ImageRgb8(picture(1)));
    assert!(hash_bytes("whole.jpg", &whole, &DecodeLimits::default()).is_ok());
    // Cut inside the compressed data at several points, and just before the end marker.
    for cut in [
        whole.len() / 3,
        whole.len() / 2,
        whole.len() * 9 / 10,
        whole.len() - 2,
    ] {
        let err = hash_bytes("cut.jpg", &whole[..cut], &DecodeLimits::default());
        let msg = message(err);
        assert!(msg.contains("cut.jpg"), "{msg}");
        assert!(msg.contains("truncated"), "cut at {cut}: {msg}");
    }
}

#[test]
fn truncated_png_is_an_error() {
    let whole = png(&DynamicImage::ImageRgb8(picture(2)));
    assert!(hash_bytes("whole.png", &whole, &DecodeLimits::default()).is_ok());
    for cut in [40, whole.len() / 2, whole.len() - 20] {
        let msg = message(hash_bytes(
            "cut.png",
            &whole[..cut],
            &DecodeLimits::default(),
        ));
        assert!(
            msg.starts_with("cut.png: not a readable JPEG or PNG image"),
            "cut at {cut}: {msg}"
        );
    }
}

#[test]
fn other_formats_are_named() {
    let gif = b"GIF89a\x01\x00\x01\x00\x00\x00\x00;";
    let msg = message(hash_bytes("p.gif", gif, &DecodeLimits::default()));
    assert!(
        msg.contains("found a Gif image; only JPEG and PNG are accepted"),
        "{msg}"
    );
}

/// CRC-32 (IEEE) for hand-made PNG chunks.
fn crc32(bytes: &[u8]) -> u32 {
    let mut crc = !0u32;
    for &b in bytes {
        crc ^= u32::from(b);
        for _ in 0..8 {
            crc = if crc & 1 != 0 {
                (crc >> 1) ^ 0xEDB8_8320
            } else {
                crc >> 1
            };
        }
    }
    !crc
}

#[test]
fn decompression_bomb_is_refused_before_decoding() {
    // A PNG header claiming 60 000 × 60 000 pixels (10.8 GB as RGB), and no data.
    let mut ihdr = b"IHDR".to_vec();
    ihdr.extend(60_000u32.to_be_bytes());
    ihdr.extend(60_000u32.to_be_bytes());
    ihdr.extend([8, 2, 0, 0, 0]);
    let mut bomb = b"\x89PNG\r\n\x1a\n".to_vec();
    bomb.extend(13u32.to_be_bytes());
    bomb.extend(&ihdr);
    bomb.extend(crc32(&ihdr).to_be_bytes());
    let err = hash_bytes("bomb.png", &bomb, &DecodeLimits::default());
    assert!(matches!(err, Err(PhotoError::TooLarge { .. })), "{err:?}");
    let msg = message(err);
    assert!(msg.contains("bomb.png"), "{msg}");
    assert!(msg.contains("decompression-bomb guard"), "{msg}");

    // A real image over a caller's smaller limit.
    let small = DecodeLimits {
        max_pixels: 10_000,
        ..DecodeLimits::default()
    };
    let ok = jpeg(&DynamicImage::ImageRgb8(picture(3)));
    let msg = message(hash_bytes("big.jpg", &ok, &small));
    assert!(
        msg.contains("160×200 = 32000 pixels is over the limit of 10000 pixels"),
        "{msg}"
    );

    // And a file over the byte limit is not even read.
    let tiny = DecodeLimits {
        max_file_bytes: 100,
        ..DecodeLimits::default()
    };
    let dir = tempfile::tempdir().expect("tempdir");
    let path = write(dir.path(), "large.jpg", &ok);
    assert!(matches!(
        hash_file(&path, &tiny),
        Err(PhotoError::TooLarge { .. })
    ));
}

#[test]
fn uniform_images_are_excluded_and_reported_not_paired() {
    let limits = DecodeLimits::default();
    let dir = tempfile::tempdir().expect("tempdir");
    let mut paths = Vec::new();
    // Twenty blank uploads in different greys and sizes, JPEG and PNG…
    for i in 0..20u32 {
        let grey = GrayImage::from_pixel(100 + i * 7, 120, Luma([(40 + i * 9) as u8]));
        let img = DynamicImage::ImageLuma8(grey);
        let bytes = if i % 2 == 0 { jpeg(&img) } else { png(&img) };
        paths.push(write(dir.path(), &format!("blank{i}.img"), &bytes));
    }
    // …one flat colour with sensor noise…
    let noisy = RgbImage::from_fn(200, 200, |x, y| {
        let n = ((x * 7919 + y * 104_729) % 5) as u8;
        Rgb([120 + n, 130 + n, 140 + n])
    });
    paths.push(write(
        dir.path(),
        "noisy.png",
        &png(&DynamicImage::ImageRgb8(noisy)),
    ));
    // …and three real pictures, two of them one photo.
    let a = DynamicImage::ImageRgb8(picture(4));
    paths.push(write(dir.path(), "a.jpg", &jpeg(&a)));
    paths.push(write(
        dir.path(),
        "a-small.jpg",
        &jpeg(&a.resize_exact(80, 100, image::imageops::FilterType::Triangle)),
    ));
    let b = RgbImage::from_fn(150, 150, |x, y| {
        let stripe = ((x / 25 + y / 40) % 2) as u8;
        Rgb([30 + 180 * stripe, 200 - (y as u8 / 2), 60 + (x as u8 / 3)])
    });
    paths.push(write(
        dir.path(),
        "b.png",
        &png(&DynamicImage::ImageRgb8(b)),
    ));

    let hashes: Vec<PhotoHash> = hash_files(&paths, &limits, 2)
        .into_iter()
        .collect::<Result<_, _>>()
        .expect("all decode");
    // A blank image's AC coefficients are rounding noise, so its pHash is arbitrary:
    // it would pair with whatever it happens to land near.
    assert!(hashes[..21].iter().all(|h| h.contrast < 4.0));
    assert!(hashes[21..].iter().all(|h| h.contrast > 20.0));

    let index = PhotoIndex::new(
        hashes
            .iter()
            .cloned()
            .enumerate()
            .map(|(i, h)| (i as u32, h)),
    );
    let excluded: Vec<u32> = index.low_information().iter().map(|l| l.id).collect();
    assert_eq!(excluded, (0..21).collect::<Vec<u32>>());
    assert!(index.low_information().iter().all(|l| l.contrast < 4.0));
    assert_eq!(index.len(), 3);
    let pairs = index.near_duplicates(DEFAULT_MAX_DISTANCE).pairs;
    assert_eq!(pairs.len(), 1, "{pairs:?}");
    assert_eq!((pairs[0].a, pairs[0].b), (21, 22));
}

#[test]
fn decoding_applies_no_surprises_to_valid_inputs() {
    // 16-bit PNG with alpha decodes and hashes like its 8-bit RGB version.
    let rgb = picture(5);
    let rgba16 = image::ImageBuffer::<image::Rgba<u16>, _>::from_fn(160, 200, |x, y| {
        let p = rgb.get_pixel(x, y).0;
        image::Rgba([
            p[0] as u16 * 257,
            p[1] as u16 * 257,
            p[2] as u16 * 257,
            65535,
        ])
    });
    let a = hash_bytes(
        "a.png",
        &png(&DynamicImage::ImageRgba16(rgba16)),
        &DecodeLimits::default(),
    )
    .expect("16-bit PNG");
    let b = hash_bytes(
        "b.png",
        &png(&DynamicImage::ImageRgb8(rgb)),
        &DecodeLimits::default(),
    )
    .expect("8-bit PNG");
    assert!(a.distance(&b, false) <= 2);
    let img = decode_bytes(
        "c.png",
        &png(&DynamicImage::ImageRgb8(picture(6))),
        &DecodeLimits::default(),
    )
    .expect("decode");
    assert_eq!((img.width(), img.height()), (160, 200));
}

#[test]
fn mutated_files_never_panic() {
    // Flipped bytes, cut and spliced files: each must hash or give an error.
    let jpg = jpeg(&DynamicImage::ImageRgb8(picture(7)));
    let png = png(&DynamicImage::ImageRgb8(picture(8)));
    let mut state = 0x1234_5678_9abc_def0u64;
    let mut next = move || {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        state
    };
    let (mut ok, mut err) = (0, 0);
    for round in 0..400 {
        let src = if round % 2 == 0 { &jpg } else { &png };
        let mut bytes = src.clone();
        match round % 4 {
            0 | 1 => {
                for _ in 0..1 + next() % 8 {
                    let i = (next() as usize) % bytes.len();
                    bytes[i] ^= 1 << (next() % 8);
                }
            }
            2 => bytes.truncate((next() as usize) % bytes.len()),
            _ => {
                let i = (next() as usize) % bytes.len();
                let j = (next() as usize) % bytes.len();
                let (lo, hi) = (i.min(j), i.max(j));
                bytes.drain(lo..hi);
            }
        }
        match hash_bytes("mutant", &bytes, &DecodeLimits::default()) {
            Ok(_) => ok += 1,
            Err(e) => {
                assert!(e.to_string().starts_with("mutant: "), "{e}");
                err += 1;
            }
        }
    }
    assert!(err > 100, "ok {ok}, err {err}");
}
