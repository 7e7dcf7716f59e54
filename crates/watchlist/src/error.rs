//! Why a list could not be read, always with where: file, line and, when one is at fault, the
//! column or element.

use std::fmt;
use std::path::PathBuf;

/// A place in a list file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct At {
    /// File name (or path, or URL).
    pub file: String,
    /// 1-based line.
    pub line: u64,
    /// The CSV column or XML element at fault, when one is.
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

/// Why a list could not be read.
#[derive(Debug, thiserror::Error)]
pub enum WatchlistError {
    /// A file or directory could not be read.
    #[error("{}: cannot read: {source}", path.display())]
    Io {
        /// The path that failed.
        path: PathBuf,
        /// The underlying error.
        source: std::io::Error,
    },
    /// A file the reader needs is absent.
    #[error("{}: no {file}: {why}", dir.display())]
    Missing {
        /// The directory searched.
        dir: PathBuf,
        /// The file expected.
        file: String,
        /// Why it is needed.
        why: String,
    },
    /// The content is not what the format says: wrong column count, bad value, bad XML,
    /// truncated file.
    #[error("{at}: {message}")]
    Invalid {
        /// Where.
        at: At,
        /// What was expected and what was found.
        message: String,
    },
    /// The file is well-formed but is not the list it was read as (e.g. an HTML error page or
    /// an EU list given as the UN list).
    #[error("{file}: not {expected}: {found}")]
    NotAList {
        /// The file.
        file: String,
        /// What it was read as.
        expected: &'static str,
        /// What it looks like instead.
        found: String,
    },
    /// A list could not be downloaded.
    #[error("{url}: cannot fetch: {message}")]
    Fetch {
        /// What was asked for.
        url: String,
        /// What went wrong (HTTP status, connection, size limit).
        message: String,
    },
    /// The same list was given twice.
    #[error("list {list} is given twice: {first} and {second}")]
    DuplicateList {
        /// List code.
        list: &'static str,
        /// The first source.
        first: String,
        /// The second source.
        second: String,
    },
    /// A directory given as `--watchlists` holds no list redflag can read.
    #[error("{}: no sanctions list found (expected sdn.csv, cons_prim.csv, or an OFAC or UN XML file)", .0.display())]
    NoLists(PathBuf),
}

impl WatchlistError {
    /// An [`Invalid`](Self::Invalid) error.
    pub(crate) fn invalid(at: At, message: impl Into<String>) -> Self {
        WatchlistError::Invalid {
            at,
            message: message.into(),
        }
    }

    /// Where the problem is, when it is in a file's content.
    pub fn at(&self) -> Option<&At> {
        match self {
            WatchlistError::Invalid { at, .. } => Some(at),
            _ => None,
        }
    }
}
