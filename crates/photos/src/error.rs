//! Errors: every one names the file and says what was expected and what was found.

/// Why a photo could not be hashed.
#[derive(Debug, thiserror::Error)]
pub enum PhotoError {
    /// The file could not be read at all.
    #[error("{file}: cannot read the file: {source}")]
    Io {
        /// The file as the caller named it.
        file: String,
        /// The operating system's reason.
        #[source]
        source: std::io::Error,
    },
    /// The bytes are not a JPEG or PNG image this crate can decode.
    #[error("{file}: not a readable JPEG or PNG image: {why}")]
    Decode {
        /// The file as the caller named it.
        file: String,
        /// What was expected and what was found.
        why: String,
    },
    /// The image (or the file) is larger than [`DecodeLimits`](crate::DecodeLimits) allow:
    /// refused before decoding, so a decompression bomb costs nothing.
    #[error("{file}: {what} is over the limit of {limit} (decompression-bomb guard)")]
    TooLarge {
        /// The file as the caller named it.
        file: String,
        /// What was measured, e.g. `"30000×30000 = 900000000 pixels"`.
        what: String,
        /// The limit that was exceeded, with its unit.
        limit: String,
    },
}

impl PhotoError {
    /// The file the error is about.
    pub fn file(&self) -> &str {
        match self {
            PhotoError::Io { file, .. }
            | PhotoError::Decode { file, .. }
            | PhotoError::TooLarge { file, .. } => file,
        }
    }
}
