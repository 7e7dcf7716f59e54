//! `redflag simulate`.

use crate::cli::SimulateArgs;
use crate::output::{Failure, EXIT_IO, EXIT_OK, EXIT_USAGE};
use anyhow::anyhow;
use redflag_sim::{simulate, SimConfig};

pub fn run(args: SimulateArgs) -> Result<u8, Failure> {
    if args.out.exists()
        && std::fs::read_dir(&args.out)
            .map(|mut d| d.next().is_some())
            .unwrap_or(true)
    {
        return Err(Failure::new(
            EXIT_USAGE,
            anyhow!(
                "{}: exists and is not empty; choose a new folder",
                args.out.display()
            ),
        ));
    }
    let config = SimConfig {
        people: args.people,
        seed: args.seed,
        signins_per_person: args.signins,
        activity_per_person: args.activity,
    };
    let summary = simulate(&config, &args.out).map_err(|e| Failure::new(EXIT_IO, e))?;
    eprintln!(
        "redflag: simulated {} people with {} embedded scenarios into {}",
        summary.people,
        summary.scenarios,
        args.out.display()
    );
    for (file, rows) in &summary.files {
        eprintln!("  {file:<20} {rows:>10} rows");
    }
    Ok(EXIT_OK)
}
