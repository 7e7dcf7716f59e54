//! `redflag`: screen a workforce dataset for people hiding who they are to get remote IT
//! work. This binary only parses arguments and wires the library crates together.

mod cli;
mod commands;
mod output;

use clap::Parser;
use std::process::ExitCode;

fn main() -> ExitCode {
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
