//! `redflag screen DIR`.

use super::{screen_failure, screen_options, use_color};
use crate::cli::{Format, ScreenArgs};
use crate::output::{write_atomically, Failure, EXIT_FINDINGS, EXIT_IO, EXIT_OK, EXIT_USAGE};
use anyhow::anyhow;
use redflag_model::{Level, Report};
use redflag_report::TerminalOptions;
use std::io::Write;

pub async fn run(args: ScreenArgs) -> Result<u8, Failure> {
    let fail_on = match &args.fail_on {
        None => None,
        Some(name) => Some(Level::from_name(name).ok_or_else(|| {
            Failure::new(
                EXIT_USAGE,
                anyhow!("--fail-on {name:?}: expected none, low, medium, high or critical"),
            )
        })?),
    };
    let options = screen_options(&args.engine)?;
    let report = redflag_pipeline::screen(&args.dataset, &options)
        .await
        .map_err(screen_failure)?;
    let terminal = TerminalOptions {
        limit: args.limit,
        color: args.out.is_none() && use_color(args.color),
        show_all: args.all,
    };
    emit(&report, args.format, &terminal, args.out.as_deref())?;
    if let Some(out) = &args.out {
        eprintln!(
            "redflag: screened {} people; wrote {}",
            report.people.len(),
            out.display()
        );
    }
    let flagged = fail_on.is_some_and(|level| report.people.iter().any(|p| p.level >= level));
    Ok(if flagged { EXIT_FINDINGS } else { EXIT_OK })
}

/// Writes `report` in `format` to `out` (atomically) or standard output.
pub fn emit(
    report: &Report,
    format: Format,
    terminal: &TerminalOptions,
    out: Option<&std::path::Path>,
) -> Result<(), Failure> {
    let render = |w: &mut dyn Write| -> anyhow::Result<()> {
        match format {
            Format::Terminal => redflag_report::write_terminal(report, w, terminal)?,
            Format::Json => redflag_report::write_json(report, w)?,
            Format::Html => redflag_report::write_html(report, w)?,
            Format::Csv => redflag_report::write_csv(report, w)?,
            Format::EvidenceCsv => redflag_report::write_evidence_csv(report, w)?,
            Format::Ocsf => redflag_report::write_ocsf(report, w)?,
        }
        Ok(())
    };
    let result = match out {
        Some(path) => write_atomically(path, render),
        None => {
            let stdout = std::io::stdout();
            let mut lock = std::io::BufWriter::new(stdout.lock());
            render(&mut lock).and_then(|()| lock.flush().map_err(Into::into))
        }
    };
    match result {
        Err(e) if is_broken_pipe(&e) => Ok(()),
        Err(e) => Err(Failure::new(EXIT_IO, e)),
        Ok(()) => Ok(()),
    }
}

fn is_broken_pipe(e: &anyhow::Error) -> bool {
    e.chain().any(|cause| {
        cause
            .downcast_ref::<std::io::Error>()
            .is_some_and(|io| io.kind() == std::io::ErrorKind::BrokenPipe)
            || cause
                .downcast_ref::<redflag_report::ReportError>()
                .is_some_and(|r| matches!(r, redflag_report::ReportError::Io(io) if io.kind() == std::io::ErrorKind::BrokenPipe))
    })
}
