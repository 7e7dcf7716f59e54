//! Decoding JPEG and PNG files with limits that refuse decompression bombs.

use std::io::Cursor;
use std::path::Path;

use image::{DynamicImage, ImageDecoder, ImageFormat, ImageReader, Limits};

use crate::error::PhotoError;

/// How large an input may be before it is refused unread.
///
/// A 100 kB PNG can declare 50 000 × 50 000 pixels (7.5 GB once decoded). The
/// dimensions are read from the header and checked against `max_pixels` and `max_side`
/// before any pixel is decoded, and `image`'s own [`Limits`] cap what the decoder may
/// allocate, so such a file costs a header read.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct DecodeLimits {
    /// Most pixels (width × height) an image may have. Default 40 000 000: every phone
    /// camera up to 40 MP and any profile or ID photo, which are rarely over 4 MP.
    pub max_pixels: u64,
    /// Longest side in pixels. Default 16 384.
    pub max_side: u32,
    /// Largest file read, in bytes. Default 64 MiB.
    pub max_file_bytes: u64,
}

impl Default for DecodeLimits {
    fn default() -> Self {
        DecodeLimits {
            max_pixels: 40_000_000,
            max_side: 16_384,
            max_file_bytes: 64 << 20,
        }
    }
}

impl DecodeLimits {
    /// The same limits as `image` [`Limits`]: strict width and height, and an
    /// allocation cap of 8 bytes per allowed pixel (16-bit RGBA) plus 16 MiB of slack.
    fn to_image_limits(self) -> Limits {
        let mut limits = Limits::default();
        limits.max_image_width = Some(self.max_side);
        limits.max_image_height = Some(self.max_side);
        limits.max_alloc = Some(self.max_pixels.saturating_mul(8).saturating_add(16 << 20));
        limits
    }
}

/// Reads and decodes a JPEG or PNG file (the format is taken from the content, not the
/// extension), applying its EXIF orientation.
pub fn decode_file(path: &Path, limits: &DecodeLimits) -> Result<DynamicImage, PhotoError> {
    let file = path.display().to_string();
    let io = |source| PhotoError::Io {
        file: file.clone(),
        source,
    };
    let size = std::fs::metadata(path).map_err(io)?.len();
    if size > limits.max_file_bytes {
        return Err(PhotoError::TooLarge {
            file,
            what: format!("a file of {size} bytes"),
            limit: format!("{} bytes", limits.max_file_bytes),
        });
    }
    let bytes = std::fs::read(path).map_err(io)?;
    decode_bytes(&file, &bytes, limits)
}

/// Decodes a JPEG or PNG image held in memory; `name` is used in errors.
pub fn decode_bytes(
    name: &str,
    bytes: &[u8],
    limits: &DecodeLimits,
) -> Result<DynamicImage, PhotoError> {
    let bad = |why: String| PhotoError::Decode {
        file: name.to_string(),
        why,
    };
    if bytes.len() as u64 > limits.max_file_bytes {
        return Err(PhotoError::TooLarge {
            file: name.to_string(),
            what: format!("{} bytes", bytes.len()),
            limit: format!("{} bytes", limits.max_file_bytes),
        });
    }
    if bytes.is_empty() {
        return Err(bad("the file is empty".into()));
    }
    let mut reader = ImageReader::new(Cursor::new(bytes))
        .with_guessed_format()
        .map_err(|e| bad(e.to_string()))?;
    match reader.format() {
        Some(ImageFormat::Jpeg) => check_jpeg_complete(bytes).map_err(bad)?,
        Some(ImageFormat::Png) => {}
        Some(other) => {
            return Err(bad(format!(
                "found a {other:?} image; only JPEG and PNG are accepted"
            )))
        }
        None => {
            return Err(bad(format!(
                "expected a JPEG (FF D8 FF) or PNG (89 50 4E 47) signature, found {}",
                hex_prefix(bytes)
            )))
        }
    }
    reader.limits(limits.to_image_limits());
    // The decoders check `image`'s limits against the header as they open the file.
    let too_large = |e: image::ImageError| match e {
        image::ImageError::Limits(_) => PhotoError::TooLarge {
            file: name.to_string(),
            what: "the size its header declares".into(),
            limit: format!("{} pixels, {} per side", limits.max_pixels, limits.max_side),
        },
        e => bad(e.to_string()),
    };
    let mut decoder = reader.into_decoder().map_err(too_large)?;
    let (width, height) = decoder.dimensions();
    let pixels = u64::from(width) * u64::from(height);
    if pixels > limits.max_pixels || width > limits.max_side || height > limits.max_side {
        return Err(PhotoError::TooLarge {
            file: name.to_string(),
            what: format!("{width}×{height} = {pixels} pixels"),
            limit: format!("{} pixels, {} per side", limits.max_pixels, limits.max_side),
        });
    }
    if pixels == 0 {
        return Err(bad(format!("the image is {width}×{height} pixels")));
    }
    // A missing or unreadable orientation tag means "as stored".
    let orientation = decoder.orientation().ok();
    let mut image = DynamicImage::from_decoder(decoder).map_err(too_large)?;
    if let Some(orientation) = orientation {
        image.apply_orientation(orientation);
    }
    Ok(image)
}

/// The first bytes in hex, for "found …" in errors.
fn hex_prefix(bytes: &[u8]) -> String {
    let shown: Vec<String> = bytes.iter().take(8).map(|b| format!("{b:02X}")).collect();
    if shown.is_empty() {
        "nothing".into()
    } else {
        shown.join(" ")
    }
}

/// Checks that a JPEG's marker structure runs from SOI to EOI.
///
/// The decoder is lenient and fills a truncated scan with grey, which would give a
/// plausible but wrong hash; a truncated upload must be an error instead. Segments are
/// skipped by their lengths (so an EXIF thumbnail's own EOI is never mistaken for the
/// image's), and entropy-coded data is scanned for the next marker (`FF 00` is a stuffed
/// byte and `FF D0`–`FF D7` are restart markers inside the scan).
fn check_jpeg_complete(bytes: &[u8]) -> Result<(), String> {
    let truncated = |at: usize, inside: &str| {
        format!(
            "the JPEG is truncated: it ends after {} bytes inside {inside}, before the end-of-image marker (FF D9)",
            at
        )
    };
    let mut pos = 2; // after SOI
    let mut seen_scan = false;
    loop {
        // Find the next marker: FF, optional FF fill bytes, then the marker code.
        if pos >= bytes.len() {
            return Err(truncated(bytes.len(), "the marker segments"));
        }
        if bytes[pos] != 0xFF {
            return Err(format!(
                "expected a JPEG marker (FF xx) at byte {pos}, found {:02X}",
                bytes[pos]
            ));
        }
        while pos < bytes.len() && bytes[pos] == 0xFF {
            pos += 1;
        }
        let Some(&marker) = bytes.get(pos) else {
            return Err(truncated(bytes.len(), "a marker"));
        };
        pos += 1;
        match marker {
            0xD9 => {
                return if seen_scan {
                    Ok(())
                } else {
                    Err("the JPEG ends (FF D9) before any image data (no FF DA scan)".into())
                };
            }
            // Markers without a length: TEM and restarts.
            0x01 | 0xD0..=0xD7 => continue,
            _ => {}
        }
        let (Some(&hi), Some(&lo)) = (bytes.get(pos), bytes.get(pos + 1)) else {
            return Err(truncated(
                bytes.len(),
                &format!("the FF {marker:02X} segment"),
            ));
        };
        let len = usize::from(hi) << 8 | usize::from(lo);
        if len < 2 {
            return Err(format!(
                "the FF {marker:02X} segment at byte {pos} has length {len}; expected at least 2"
            ));
        }
        pos += len;
        if pos > bytes.len() {
            return Err(truncated(
                bytes.len(),
                &format!("the FF {marker:02X} segment"),
            ));
        }
        if marker == 0xDA {
            seen_scan = true;
            // Entropy-coded data up to the next real marker.
            loop {
                let Some(off) = bytes[pos..].iter().position(|&b| b == 0xFF) else {
                    return Err(truncated(bytes.len(), "the compressed image data"));
                };
                pos += off;
                match bytes.get(pos + 1) {
                    None => return Err(truncated(bytes.len(), "the compressed image data")),
                    Some(0x00 | 0xD0..=0xD7 | 0xFF) => pos += 1,
                    Some(_) => break,
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn jpeg_structure_walk() {
        // SOI, a scan with stuffed and restart bytes, EOI.
        let ok = [
            0xFF, 0xD8, 0xFF, 0xDA, 0x00, 0x02, 0x12, 0xFF, 0x00, 0x34, 0xFF, 0xD0, 0x56, 0xFF,
            0xD9,
        ];
        assert_eq!(check_jpeg_complete(&ok), Ok(()));
        for cut in 3..ok.len() - 1 {
            assert!(check_jpeg_complete(&ok[..cut]).is_err(), "cut at {cut}");
        }
        // An APP1 segment that contains FF D9 (an EXIF thumbnail's end) is skipped whole.
        let app = [
            0xFF, 0xD8, 0xFF, 0xE1, 0x00, 0x04, 0xFF, 0xD9, 0xFF, 0xDA, 0x00, 0x02, 0x01,
        ];
        assert!(check_jpeg_complete(&app).is_err());
        let no_scan = [0xFF, 0xD8, 0xFF, 0xD9];
        assert!(check_jpeg_complete(&no_scan).is_err());
    }

    #[test]
    fn garbage_is_named() {
        let err = decode_bytes("x.jpg", b"hello world", &DecodeLimits::default())
            .err()
            .map(|e| e.to_string())
            .unwrap_or_default();
        assert!(
            err.starts_with("x.jpg: not a readable JPEG or PNG image"),
            "{err}"
        );
        assert!(err.contains("68 65 6C 6C"), "{err}");
    }
}
