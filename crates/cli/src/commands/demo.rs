//! `redflag demo`: simulate, screen, print, write the HTML report.

use super::screen::emit;
use super::{screen_failure, use_color};
use crate::cli::{DemoArgs, Format};
use crate::output::{Failure, EXIT_IO, EXIT_OK, EXIT_USAGE};
use anyhow::{anyhow, Context};
use redflag_pipeline::ScreenOptions;
use redflag_report::TerminalOptions;
use redflag_sim::{simulate, SimConfig};

pub async fn run(args: DemoArgs) -> Result<u8, Failure> {
    let temp;
    let dir = match &args.keep {
        Some(dir) => {
            if dir.exists() {
                return Err(Failure::new(
                    EXIT_USAGE,
                    anyhow!(
                        "{}: already exists; --keep needs a new folder",
                        dir.display()
                    ),
                ));
            }
            dir.clone()
        }
        None => {
            temp = tempfile::tempdir()
                .context("cannot create a temporary folder")
                .map_err(|e| Failure::new(EXIT_IO, e))?;
            temp.path().join("dataset")
        }
    };
    let config = SimConfig {
        people: args.people,
        seed: args.seed,
        ..SimConfig::default()
    };
    eprintln!(
        "redflag demo: simulating {} people (seed {}) with embedded persona networks and benign look-alikes…",
        config.people, config.seed
    );
    let summary = simulate(&config, &dir).map_err(|e| Failure::new(EXIT_IO, e))?;
    eprintln!(
        "redflag demo: {} scenarios written; screening…",
        summary.scenarios
    );
    let options = ScreenOptions {
        screener: super::watchlist::load_screener(&args.lists)?,
        intel: Some(std::sync::Arc::new(super::intel::load_intel(
            None,
            &[],
            false,
        )?)),
        ..ScreenOptions::default()
    };
    let report = redflag_pipeline::screen(&dir, &options)
        .await
        .map_err(screen_failure)?;
    let terminal = TerminalOptions {
        limit: args.limit,
        color: use_color(args.color),
        show_all: false,
    };
    emit(&report, Format::Terminal, &terminal, None)?;
    emit(&report, Format::Html, &terminal, Some(&args.report))?;
    eprintln!(
        "\nredflag demo: HTML report written to {}",
        args.report.display()
    );
    if args.keep.is_some() {
        eprintln!(
            "redflag demo: dataset kept in {}; its ground truth is truth.json",
            dir.display()
        );
    }
    Ok(EXIT_OK)
}
