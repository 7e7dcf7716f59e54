//! One module per subcommand; each maps library errors to exit codes.

mod demo;
mod domain;
mod intel;
mod link;
mod rules;
mod screen;
mod serve;
mod simulate;
mod watchlist;

use crate::cli::{Cli, Color, Command, EngineArgs};
use crate::output::{Failure, EXIT_DATA, EXIT_RULES};
use redflag_pipeline::{ScreenError, ScreenOptions};
use redflag_scoring::ScoringConfig;
use std::io::IsTerminal;

/// Runs the parsed command; `Ok` carries the exit code.
pub async fn run(cli: Cli) -> Result<u8, Failure> {
    match cli.command {
        Command::Screen(args) => screen::run(args).await,
        Command::Link(args) => link::run(args).await,
        Command::Rules(args) => rules::run(args),
        Command::Simulate(args) => simulate::run(args),
        Command::Demo(args) => demo::run(args).await,
        Command::Watchlist(command) => watchlist::run(command),
        Command::Intel(command) => intel::run(command),
        Command::Domain(command) => domain::run(command),
        Command::Serve(args) => serve::run(args).await,
        Command::Keys(command) => serve::keys(command),
    }
}

/// Screening options from the shared engine flags.
fn screen_options(args: &EngineArgs) -> Result<ScreenOptions, Failure> {
    let scoring = match &args.scoring {
        Some(path) => ScoringConfig::from_file(path).map_err(|e| Failure::new(EXIT_RULES, e))?,
        None => ScoringConfig::default(),
    };
    Ok(ScreenOptions {
        lenient: args.lenient,
        native_files: args.native_files.clone(),
        rule_dirs: args.rule_dirs.clone(),
        scoring,
        screener: watchlist::load_screener(&args.lists)?,
        intel: Some(std::sync::Arc::new(intel::load_intel(
            args.intel_dir.as_deref(),
            &args.mmdbs,
            false,
        )?)),
        domains: Some(std::sync::Arc::new(domain::load_checker(
            args.domain_data.dir.as_deref(),
            &args.real_domains,
            true,
        )?)),
    })
}

/// Maps a screening error to its exit code.
fn screen_failure(error: ScreenError) -> Failure {
    let code = match error {
        ScreenError::Load(_) => EXIT_DATA,
        ScreenError::Rule(_) | ScreenError::Rules(_) => EXIT_RULES,
    };
    Failure::new(code, error)
}

/// Whether to colour standard output.
fn use_color(color: Color) -> bool {
    match color {
        Color::Always => true,
        Color::Never => false,
        Color::Auto => std::io::stdout().is_terminal() && std::env::var_os("NO_COLOR").is_none(),
    }
}
