//! Command-line arguments.

use clap::{Parser, Subcommand, ValueEnum};
use std::path::PathBuf;

/// Finds people who hide who they are to get remote IT work (DPRK IT workers and their
/// facilitators) in your own HR, hiring, sign-in, endpoint and payment exports.
#[derive(Debug, Parser)]
#[command(name = "redflag", version, about, long_about = None)]
pub struct Cli {
    /// What to do.
    #[command(subcommand)]
    pub command: Command,
}

/// Subcommands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Screen a dataset directory: a risk level and evidence for every person.
    Screen(ScreenArgs),
    /// List the detection rules (built-in and from --rules).
    Rules(RulesArgs),
    /// Write a realistic simulated dataset with embedded persona networks.
    Simulate(SimulateArgs),
    /// Simulate a dataset, screen it, print the table and write the HTML report.
    Demo(DemoArgs),
}

/// Output formats of `screen`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    /// Ranked table for a terminal.
    Terminal,
    /// The stable JSON report (every person).
    Json,
    /// One self-contained HTML file.
    Html,
    /// One row per person.
    Csv,
    /// One row per evidence item.
    EvidenceCsv,
}

/// When to colour terminal output.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Color {
    /// When standard output is a terminal.
    Auto,
    /// Always.
    Always,
    /// Never.
    Never,
}

/// Options shared by commands that screen.
#[derive(Debug, clap::Args)]
pub struct EngineArgs {
    /// Skip and count unreadable rows instead of stopping at the first one.
    #[arg(long)]
    pub lenient: bool,
    /// A folder of extra rule files (`*.sql`); may be repeated. A rule with a built-in id
    /// replaces the built-in one.
    #[arg(long = "rules", value_name = "DIR")]
    pub rule_dirs: Vec<PathBuf>,
    /// A scoring config file (see `crates/scoring/default.toml` for the format).
    #[arg(long, value_name = "FILE")]
    pub scoring: Option<PathBuf>,
}

/// `redflag screen`.
#[derive(Debug, clap::Args)]
pub struct ScreenArgs {
    /// The dataset directory (see the README for its format).
    pub dataset: PathBuf,
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Terminal)]
    pub format: Format,
    /// Write the output to this file (atomically) instead of standard output.
    #[arg(long, value_name = "FILE")]
    pub out: Option<PathBuf>,
    /// Rows of people in the terminal table (0: all).
    #[arg(long, default_value_t = 25)]
    pub limit: usize,
    /// Show people at level none in the terminal table too.
    #[arg(long)]
    pub all: bool,
    /// Colour in the terminal table.
    #[arg(long, value_enum, default_value_t = Color::Auto)]
    pub color: Color,
    /// Exit with status 1 when anyone is at this level or above (for pipelines).
    #[arg(long, value_name = "LEVEL")]
    pub fail_on: Option<String>,
    #[command(flatten)]
    pub engine: EngineArgs,
}

/// `redflag rules`.
#[derive(Debug, clap::Args)]
pub struct RulesArgs {
    /// Also list rules from this folder; may be repeated.
    #[arg(long = "rules", value_name = "DIR")]
    pub rule_dirs: Vec<PathBuf>,
    /// Print JSON instead of a table.
    #[arg(long)]
    pub json: bool,
    /// Print the catalogue of public guidance sources instead of rules.
    #[arg(long)]
    pub sources: bool,
    /// Print one rule in full (metadata and SQL).
    #[arg(long, value_name = "ID")]
    pub show: Option<String>,
}

/// `redflag simulate`.
#[derive(Debug, clap::Args)]
pub struct SimulateArgs {
    /// Number of people.
    #[arg(long, default_value_t = 500)]
    pub people: usize,
    /// Random seed: the same seed gives the same dataset.
    #[arg(long, default_value_t = 7)]
    pub seed: u64,
    /// Sign-in events per person.
    #[arg(long, default_value_t = 60)]
    pub signins: usize,
    /// Activity events per person.
    #[arg(long, default_value_t = 40)]
    pub activity: usize,
    /// Output directory (created; must be empty or absent).
    #[arg(long, value_name = "DIR")]
    pub out: PathBuf,
}

/// `redflag demo`.
#[derive(Debug, clap::Args)]
pub struct DemoArgs {
    /// Number of people to simulate.
    #[arg(long, default_value_t = 2000)]
    pub people: usize,
    /// Random seed.
    #[arg(long, default_value_t = 7)]
    pub seed: u64,
    /// Where to write the HTML report.
    #[arg(long, value_name = "FILE", default_value = "redflag-demo-report.html")]
    pub report: PathBuf,
    /// Keep the simulated dataset in this directory instead of a temporary one.
    #[arg(long, value_name = "DIR")]
    pub keep: Option<PathBuf>,
    /// Rows of people in the terminal table.
    #[arg(long, default_value_t = 25)]
    pub limit: usize,
    /// Colour in the terminal table.
    #[arg(long, value_enum, default_value_t = Color::Auto)]
    pub color: Color,
}
