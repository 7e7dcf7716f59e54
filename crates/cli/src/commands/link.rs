//! `redflag link DIR`: the persona networks of a dataset, every link explained.

use super::{screen_failure, screen_options};
use crate::cli::LinkArgs;
use crate::output::{write_atomically, Failure, EXIT_IO, EXIT_OK};

pub async fn run(args: LinkArgs) -> Result<u8, Failure> {
    let options = screen_options(&args.engine)?;
    let report = redflag_pipeline::screen(&args.dataset, &options)
        .await
        .map_err(screen_failure)?;
    let render = |w: &mut dyn std::io::Write| -> anyhow::Result<()> {
        if args.json {
            redflag_report::write_links_json(&report, w)?;
        } else {
            redflag_report::write_links_terminal(&report, w)?;
        }
        Ok(())
    };
    let result = match &args.out {
        Some(path) => write_atomically(path, render),
        None => render(&mut std::io::stdout().lock()),
    };
    result.map_err(|e| Failure::new(EXIT_IO, e))?;
    Ok(EXIT_OK)
}
