//! `redflag`: screen a workforce dataset for people hiding who they are to get remote IT
//! work. This binary only parses arguments and wires the library crates together.

mod cli;
mod commands;
mod output;

use clap::Parser;
use std::process::ExitCode;

fn main() -> ExitCode {
    limit_heaps();
    let cli = cli::Cli::parse();
    let runtime = match tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
    {
        Ok(rt) => rt,
        Err(e) => {
            eprintln!("redflag: cannot start the runtime: {e}");
            return ExitCode::from(output::EXIT_IO);
        }
    };
    match runtime.block_on(commands::run(cli)) {
        Ok(code) => ExitCode::from(code),
        Err(failure) => {
            eprintln!("redflag: {:#}", failure.error);
            ExitCode::from(failure.code)
        }
    }
}

/// Caps glibc's malloc at two heaps ("arenas"). By default every thread that allocates gets
/// one (up to eight per core), and memory one thread freed stays resident in its heap where
/// the others cannot use it: screening 10 million sign-ins, whose engines and rules
/// allocate on many threads side by side, peaked 400 MB higher that way. Two heaps keep
/// most of the parallel speed.
fn limit_heaps() {
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    // SAFETY: mallopt only changes an allocator setting; it is called before any other
    // thread exists.
    unsafe {
        libc::mallopt(libc::M_ARENA_MAX, 2);
    }
}
