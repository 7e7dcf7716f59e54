//! `redflag domain check | install | status`.

use std::io::Write;
use std::path::{Path, PathBuf};

use redflag_domains::install::{install, InstallOptions};
use redflag_domains::{
    default_dir, read_real_domains_file, DomainChecker, DomainData, DomainError, Verdict,
};

use crate::cli::{DomainCheckArgs, DomainCommand, DomainDirArgs};
use crate::output::{Failure, EXIT_DATA, EXIT_FINDINGS, EXIT_IO, EXIT_OK, EXIT_USAGE};

/// Runs a `domain` subcommand.
pub fn run(command: DomainCommand) -> Result<u8, Failure> {
    match command {
        DomainCommand::Check(args) => check(args),
        DomainCommand::Install(args) => {
            let dir = data_dir(&args.dir);
            let mut options = InstallOptions::new(&dir);
            options.packages_from = args.packages;
            let manifest = install(&options).map_err(|e| Failure::new(EXIT_DATA, e))?;
            println!("installed into {}", dir.display());
            for s in &manifest.sources {
                println!(
                    "  {} {} ({}): {} entries, data of {} ({}), licence {} → {}",
                    s.package,
                    s.version,
                    s.registry,
                    s.entries,
                    s.data_date.as_deref().unwrap_or("unknown date"),
                    s.data_date_basis,
                    s.licence,
                    s.file
                );
            }
            Ok(EXIT_OK)
        }
        DomainCommand::Status(args) => {
            let dir = data_dir(&args);
            println!("data directory: {}", dir.display());
            let data = DomainData::open_or_builtin(&dir).map_err(|e| Failure::new(EXIT_DATA, e))?;
            println!("{}", data.describe());
            Ok(EXIT_OK)
        }
    }
}

fn data_dir(args: &DomainDirArgs) -> PathBuf {
    args.dir.clone().unwrap_or_else(default_dir)
}

/// The checker a command uses: the installed lists in `dir` (or the default directory; the
/// built-in fallbacks when nothing is installed), redflag's built-in real domains unless
/// `builtin_real` is false,
/// and the files in `real_domains`.
pub fn load_checker(
    dir: Option<&Path>,
    real_domains: &[PathBuf],
    builtin_real: bool,
) -> Result<DomainChecker, Failure> {
    let dir = dir.map_or_else(default_dir, Path::to_path_buf);
    let data = DomainData::open_or_builtin(&dir).map_err(|e| Failure::new(EXIT_DATA, e))?;
    let mut extra = Vec::new();
    for file in real_domains {
        extra.extend(
            read_real_domains_file(file, &data.suffixes).map_err(|e| Failure::new(EXIT_DATA, e))?,
        );
    }
    let mut checker = if builtin_real {
        DomainChecker::new(data)
    } else {
        DomainChecker::with_lists(
            data,
            Vec::new(),
            redflag_domains::checker::catalogued_fronts(),
        )
    };
    checker.add_real_domains(extra);
    Ok(checker)
}

fn check(args: DomainCheckArgs) -> Result<u8, Failure> {
    let checker = load_checker(args.dir.dir.as_deref(), &args.against, !args.no_builtin)?;
    let mut assessments = Vec::new();
    let mut bad = false;
    for input in &args.domains {
        match checker.check(input) {
            Ok(a) => assessments.push(a),
            Err(e @ DomainError::NotADomain { .. }) => {
                bad = true;
                eprintln!("redflag: {e}");
            }
            Err(e) => return Err(Failure::new(EXIT_DATA, e)),
        }
    }
    let mut out = std::io::stdout().lock();
    let written = if args.json {
        serde_json::to_writer_pretty(&mut out, &assessments)
            .map_err(anyhow::Error::from)
            .and_then(|()| writeln!(out).map_err(anyhow::Error::from))
    } else {
        assessments.iter().try_for_each(|a| -> anyhow::Result<()> {
            writeln!(out, "{}: {}", a.input, a.verdict.name().to_uppercase())?;
            for line in a.explain() {
                writeln!(out, "  {line}")?;
            }
            Ok(())
        })
    };
    written.map_err(|e| Failure::new(EXIT_IO, e))?;
    if bad {
        return Ok(EXIT_USAGE);
    }
    let found = assessments
        .iter()
        .any(|a| matches!(a.verdict, Verdict::Front | Verdict::Lookalike));
    Ok(if found { EXIT_FINDINGS } else { EXIT_OK })
}
