//! What the end-to-end tests of the `redflag` binary share.

use std::path::Path;
use std::process::{Command, Output};

/// Runs the binary with `data` as its data directory (lists, IP data, domain data): empty
/// unless a test fills it, so that what this machine installed never changes a result.
pub fn redflag_with_data(data: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_redflag"))
        .args(args)
        .env("NO_COLOR", "1")
        .env("REDFLAG_DATA_DIR", data)
        .output()
        .expect("the redflag binary runs")
}

/// Output bytes as text.
pub fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}
