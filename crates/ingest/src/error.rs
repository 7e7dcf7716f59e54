use std::fmt;
use std::path::PathBuf;

/// A row that could not be loaded: where it is and what is wrong with it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RowError {
    /// File name relative to the dataset directory, e.g. `contacts.csv`.
    pub file: String,
    /// 1-based line of the record's start.
    pub line: u64,
    /// The column at fault, when one is.
    pub column: Option<String>,
    /// What was expected and what was found.
    pub message: String,
}

impl fmt::Display for RowError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}: ", self.file, self.line)?;
        if let Some(column) = &self.column {
            write!(f, "column `{column}`: ")?;
        }
        f.write_str(&self.message)
    }
}

/// Why a dataset could not be loaded.
#[derive(Debug, thiserror::Error)]
pub enum LoadError {
    /// The dataset directory or a file in it could not be read.
    #[error("{}: cannot read: {source}", path.display())]
    Io {
        /// The path that failed.
        path: PathBuf,
        /// The underlying error.
        source: std::io::Error,
    },
    /// The path given is not a directory.
    #[error("{}: not a dataset directory", .0.display())]
    NotADirectory(PathBuf),
    /// The required `people` table is absent.
    #[error("{}: no people table (people.csv or people.jsonl, optionally .gz); it is required", .0.display())]
    MissingPeople(PathBuf),
    /// Two files claim the same table (e.g. `people.csv` and `people.jsonl`).
    #[error("table `{table}` is given twice: {first} and {second}")]
    DuplicateTable {
        /// The table name.
        table: String,
        /// The first file.
        first: String,
        /// The second file.
        second: String,
    },
    /// A file's header (or first record) lacks a required column.
    #[error("{file}:1: missing required column `{column}`")]
    MissingColumn {
        /// The file.
        file: String,
        /// The column.
        column: String,
    },
    /// A file named as a vendor export is not one redflag reads.
    #[error("{}: not an Okta System Log, Entra ID sign-in log or osquery result log export", .0.display())]
    NotNative(PathBuf),
    /// A row could not be loaded (and `--lenient` was not given).
    #[error("{0}")]
    Row(RowError),
}
