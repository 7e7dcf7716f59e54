//! Errors, each naming what was expected, what was found and where.

use std::path::{Path, PathBuf};

/// A place in a data file: file and 1-based line (0 when the problem is the whole file).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct At {
    /// File name or path, as the user or package knows it.
    pub file: String,
    /// 1-based line.
    pub line: u64,
}

impl At {
    /// A place.
    pub fn new(file: impl Into<String>, line: u64) -> At {
        At {
            file: file.into(),
            line,
        }
    }
}

impl std::fmt::Display for At {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        if self.line == 0 {
            write!(f, "{}", self.file)
        } else {
            write!(f, "{}:{}", self.file, self.line)
        }
    }
}

/// Why a domain could not be checked or data could not be read or installed.
#[derive(Debug, thiserror::Error)]
pub enum DomainError {
    /// The input holds no plausible domain name.
    #[error("{input:?} is not a domain, email address or URL")]
    NotADomain {
        /// What was given.
        input: String,
    },
    /// A data file (suffix list, provider list, list of real domains) is malformed.
    #[error("{at}: {message}")]
    Data {
        /// Where.
        at: At,
        /// What is wrong.
        message: String,
    },
    /// A file could not be read or written.
    #[error("{}: {source}", path.display())]
    Io {
        /// The file.
        path: PathBuf,
        /// The cause.
        source: std::io::Error,
    },
    /// `install` failed at a step (fetching, extracting, writing).
    #[error("install: {step}: {message}")]
    Install {
        /// The step (`pip download publicsuffixlist`, `extract …`).
        step: String,
        /// What went wrong.
        message: String,
    },
    /// Nothing is installed in the data directory.
    #[error("no domain data installed in {} (`redflag domain install` fetches it)", .0.display())]
    NotInstalled(PathBuf),
}

impl DomainError {
    pub(crate) fn io(path: &Path, source: std::io::Error) -> DomainError {
        DomainError::Io {
            path: path.to_path_buf(),
            source,
        }
    }
}
