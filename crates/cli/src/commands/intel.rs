//! `redflag intel install | status | lookup`.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::time::Instant;

use redflag_intel::install::{default_dir, install, InstallOptions};
use redflag_intel::{IntelError, IpInfo, IpIntel, Manifest};

use crate::cli::{IntelCommand, IntelDirArgs, IntelLookupArgs};
use crate::output::{Failure, EXIT_DATA, EXIT_IO, EXIT_OK, EXIT_USAGE};

/// Runs an `intel` subcommand.
pub fn run(command: IntelCommand) -> Result<u8, Failure> {
    match command {
        IntelCommand::Install(args) => {
            let dir = data_dir(&args.dir);
            let mut options = InstallOptions::new(&dir);
            options.packages_from = args.packages;
            let started = Instant::now();
            let manifest = install(&options).map_err(|e| Failure::new(EXIT_DATA, e))?;
            println!(
                "installed into {} in {:.1} s ({} bytes of index)",
                dir.display(),
                started.elapsed().as_secs_f64(),
                manifest.index_bytes
            );
            print_manifest(&manifest);
            Ok(EXIT_OK)
        }
        IntelCommand::Status(args) => status(&data_dir(&args)),
        IntelCommand::Lookup(args) => lookup(args),
    }
}

fn data_dir(args: &IntelDirArgs) -> PathBuf {
    args.dir.clone().unwrap_or_else(default_dir)
}

fn print_manifest(m: &Manifest) {
    println!(
        "installed at {}",
        m.installed_at.format("%Y-%m-%d %H:%M UTC")
    );
    for s in &m.sources {
        println!(
            "  {} {} ({}): data of {} ({}), {} IPv4 + {} IPv6 ranges, licence {}",
            s.package,
            s.version,
            s.registry,
            s.data_date.as_deref().unwrap_or("unknown date"),
            s.data_date_basis,
            s.ranges_v4,
            s.ranges_v6,
            s.licence
        );
    }
    for a in m.attributions() {
        println!("attribution: {a}");
    }
    for w in &m.warnings {
        println!("warning: {w}");
    }
}

fn status(dir: &Path) -> Result<u8, Failure> {
    println!("data directory: {}", dir.display());
    match IpIntel::open_installed(dir) {
        Ok(intel) => {
            if let Some(m) = intel.manifest() {
                print_manifest(m);
            }
        }
        Err(IntelError::NotInstalled(_)) => {
            println!("nothing installed (`redflag intel install` fetches the open data); lookups use the built-in hosting ASN table only");
        }
        Err(e) => return Err(Failure::new(EXIT_DATA, e)),
    }
    Ok(EXIT_OK)
}

/// The IP intelligence a command uses: the installed data in `dir` (or the default
/// directory), with `mmdbs` asked first; the built-in table alone when nothing is installed
/// (said on standard error when `say_fallback`).
pub fn load_intel(
    dir: Option<&Path>,
    mmdbs: &[PathBuf],
    say_fallback: bool,
) -> Result<IpIntel, Failure> {
    let dir = dir.map_or_else(default_dir, Path::to_path_buf);
    let mut intel = match IpIntel::open_installed(&dir) {
        Ok(intel) => intel,
        Err(IntelError::NotInstalled(_)) => {
            if say_fallback {
                eprintln!(
                    "redflag: no IP data in {} (`redflag intel install`): using the built-in table only",
                    dir.display()
                );
            }
            IpIntel::builtin_only()
        }
        Err(e) => return Err(Failure::new(EXIT_DATA, e)),
    };
    for path in mmdbs {
        intel = intel
            .with_mmdb(path)
            .map_err(|e| Failure::new(EXIT_DATA, e))?;
    }
    Ok(intel)
}

fn lookup(args: IntelLookupArgs) -> Result<u8, Failure> {
    let intel = load_intel(args.dir.dir.as_deref(), &args.mmdbs, true)?;
    let mut infos = Vec::with_capacity(args.ips.len());
    let mut bad = 0;
    for text in &args.ips {
        match intel.lookup_str(text) {
            Ok(info) => infos.push(info),
            Err(e) => {
                bad += 1;
                eprintln!("redflag: {e}");
            }
        }
    }
    let mut out = std::io::stdout().lock();
    let result = if args.json {
        serde_json::to_writer_pretty(&mut out, &infos)
            .map_err(anyhow::Error::from)
            .and_then(|()| writeln!(out).map_err(anyhow::Error::from))
    } else {
        write_text(&intel, &infos, &mut out)
    };
    result.map_err(|e| Failure::new(EXIT_IO, e))?;
    Ok(if bad == 0 { EXIT_OK } else { EXIT_USAGE })
}

fn write_text(intel: &IpIntel, infos: &[IpInfo], out: &mut dyn Write) -> anyhow::Result<()> {
    for info in infos {
        writeln!(out, "{}", info.ip)?;
        let line = |out: &mut dyn Write, name: &str, value: Option<String>, source| match value {
            Some(v) => writeln!(out, "  {name:<9}{v}  [{}]", intel.describe(source)),
            None => writeln!(out, "  {name:<9}-"),
        };
        line(
            out,
            "country",
            info.country.as_ref().map(|c| c.value.to_string()),
            info.country
                .as_ref()
                .map_or(redflag_intel::Source::NoData, |c| c.source),
        )?;
        line(
            out,
            "asn",
            info.asn.as_ref().map(|a| format!("AS{}", a.value)),
            info.asn
                .as_ref()
                .map_or(redflag_intel::Source::NoData, |a| a.source),
        )?;
        line(
            out,
            "org",
            info.as_org.as_ref().map(|o| o.value.to_string()),
            info.as_org
                .as_ref()
                .map_or(redflag_intel::Source::NoData, |o| o.source),
        )?;
        line(
            out,
            "class",
            Some(info.class.value.to_string()),
            info.class.source,
        )?;
        line(
            out,
            "provider",
            info.provider.as_ref().map(|p| p.value.to_string()),
            info.provider
                .as_ref()
                .map_or(redflag_intel::Source::NoData, |p| p.source),
        )?;
        for p in &info.problems {
            writeln!(out, "  problem  {p}")?;
        }
    }
    if let Some(m) = intel.manifest() {
        for a in m.attributions() {
            writeln!(out, "attribution: {a}")?;
        }
        for s in &m.sources {
            if let Some(date) = &s.data_date {
                writeln!(out, "data: {} {} of {date}", s.package, s.version)?;
            }
        }
    }
    Ok(())
}
