//! Why a source could not be read or a lookup could not be made, always with where.

use std::fmt;
use std::path::PathBuf;

/// A place in a data file: file, 1-based line (or record number for binary files) and the
/// field at fault.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct At {
    /// File name or path.
    pub file: String,
    /// 1-based line of a text file, or 1-based record of a binary one.
    pub line: u64,
    /// The column or field at fault, when one is.
    pub field: Option<String>,
}

impl At {
    /// A place without a field.
    pub fn new(file: impl Into<String>, line: u64) -> At {
        At {
            file: file.into(),
            line,
            field: None,
        }
    }

    /// The same place, naming a field.
    pub fn field(mut self, field: impl Into<String>) -> At {
        self.field = Some(field.into());
        self
    }
}

impl fmt::Display for At {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}", self.file, self.line)?;
        if let Some(field) = &self.field {
            write!(f, ": {field}")?;
        }
        Ok(())
    }
}

/// Why IP intelligence could not be loaded, installed or asked.
#[derive(Debug, thiserror::Error)]
pub enum IntelError {
    /// A file or directory could not be read or written.
    #[error("{}: {source}", path.display())]
    Io {
        /// The path that failed.
        path: PathBuf,
        /// The underlying error.
        source: std::io::Error,
    },
    /// A data file's content is not what its format says.
    #[error("{at}: {message}")]
    Invalid {
        /// Where.
        at: At,
        /// What was expected and what was found.
        message: String,
    },
    /// An MMDB file could not be opened or a record in it could not be decoded.
    #[error("{}: MMDB: {message}", path.display())]
    Mmdb {
        /// The MMDB file.
        path: PathBuf,
        /// What the reader said.
        message: String,
    },
    /// No installed data in the folder (`redflag intel install` writes it).
    #[error("{}: no IP intelligence installed here (run `redflag intel install`)", .0.display())]
    NotInstalled(PathBuf),
    /// A step of `install` failed; the previous installation, if any, is kept.
    #[error("install: {step}: {message}")]
    Install {
        /// What was being done (`npm pack @ip-location-db/asn`, `extract`, …).
        step: String,
        /// What went wrong.
        message: String,
    },
    /// Text given as an IP address is not one.
    #[error("{input:?} is not an IPv4 or IPv6 address")]
    NotAnAddress {
        /// The text, cut to 64 characters.
        input: String,
    },
}

impl IntelError {
    /// An [`Invalid`](Self::Invalid) error.
    pub(crate) fn invalid(at: At, message: impl Into<String>) -> Self {
        IntelError::Invalid {
            at,
            message: message.into(),
        }
    }

    /// An [`Io`](Self::Io) error.
    pub(crate) fn io(path: impl Into<PathBuf>, source: std::io::Error) -> Self {
        IntelError::Io {
            path: path.into(),
            source,
        }
    }

    /// Where the problem is, when it is in a file's content.
    pub fn at(&self) -> Option<&At> {
        match self {
            IntelError::Invalid { at, .. } => Some(at),
            _ => None,
        }
    }
}
