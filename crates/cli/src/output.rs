//! Exit codes and atomic output files.

use anyhow::Context;
use std::io::Write;
use std::path::Path;

/// Success (and, with `--fail-on`, nobody at or above the level).
pub const EXIT_OK: u8 = 0;
/// `--fail-on LEVEL` was given and someone is at or above it.
pub const EXIT_FINDINGS: u8 = 1;
/// Bad command-line usage (clap's own code).
pub const EXIT_USAGE: u8 = 2;
/// The dataset could not be loaded (bad rows, unknown people, missing files).
pub const EXIT_DATA: u8 = 3;
/// A rule or config file is malformed, or a rule failed to run.
pub const EXIT_RULES: u8 = 4;
/// Output could not be written.
pub const EXIT_IO: u8 = 5;

/// An error with the exit code it maps to.
pub struct Failure {
    /// The error, printed with its causes.
    pub error: anyhow::Error,
    /// The process exit code.
    pub code: u8,
}

impl Failure {
    /// Wraps `error` with `code`.
    pub fn new(code: u8, error: impl Into<anyhow::Error>) -> Self {
        Failure {
            error: error.into(),
            code,
        }
    }
}

/// Writes `path` through a temporary file in the same folder and a rename, so readers never
/// see a half-written report.
pub fn write_atomically(
    path: &Path,
    write: impl FnOnce(&mut dyn Write) -> anyhow::Result<()>,
) -> anyhow::Result<()> {
    let dir = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    };
    let mut tmp = tempfile::NamedTempFile::new_in(dir)
        .with_context(|| format!("cannot create a file in {}", dir.display()))?;
    {
        let mut buffered = std::io::BufWriter::new(tmp.as_file_mut());
        write(&mut buffered)?;
        buffered
            .flush()
            .with_context(|| format!("cannot write {}", path.display()))?;
    }
    tmp.persist(path)
        .with_context(|| format!("cannot write {}", path.display()))?;
    Ok(())
}
