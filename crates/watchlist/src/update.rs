//! `redflag watchlist update`: fetch the official lists into a local store, atomically.
//!
//! Each list is downloaded into a staging folder beside the store, read back with the same
//! reader screening uses (an HTML error page or a truncated file fails there), stamped with
//! a `fetched.json` manifest (when, from where, how many bytes), and only then swapped in
//! for the previous copy. A failed update leaves the previous copy exactly as it was.
//!
//! Store layout: `<store>/<list code>/` holds the list's own files (`sdn.csv`, `add.csv`, …
//! or `consolidated.xml`) and `fetched.json`. Legacy OFAC CSV files carry no date of their
//! own, so the recorded download time becomes their list date.
//!
//! URLs are configurable so a mirror or a local file server works: the OFAC source takes a
//! template with `{file}` in it, the UN source a plain URL.

use std::io::Read;
use std::path::{Path, PathBuf};
use std::time::Duration;

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use crate::dir::read_watchlists_dir_with;
use crate::error::WatchlistError;
use crate::model::{ListId, ListInfo, Published, Watchlists};

/// OFAC's Sanctions List Service export of the legacy SDN CSV set; `{file}` is replaced by
/// each file name.
pub const OFAC_SDN_URL_TEMPLATE: &str =
    "https://sanctionslistservice.ofac.treas.gov/api/PublicationPreview/exports/{file}";

/// The UN Security Council consolidated list.
pub const UN_CONSOLIDATED_URL: &str =
    "https://scsanctions.un.org/resources/xml/en/consolidated.xml";

/// The OFAC SDN legacy CSV set, in reading order.
const OFAC_SDN_FILES: [&str; 4] = ["sdn.csv", "add.csv", "alt.csv", "sdn_comments.csv"];

/// The file name the UN list is stored under.
const UN_FILE: &str = "consolidated.xml";

/// The manifest written next to each stored list.
const MANIFEST: &str = "fetched.json";

/// Largest file accepted from a server (the full SDN CSV is about 4 MB, the UN XML 2 MB).
const MAX_FILE_BYTES: u64 = 512 * 1024 * 1024;

/// One file of a list and where to fetch it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RemoteFile {
    /// The name the list reader expects (`sdn.csv`, `consolidated.xml`).
    pub name: String,
    /// Where to get it.
    pub url: String,
}

/// A list and the files that make it up.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ListSource {
    /// Which list.
    pub list: ListId,
    /// Its files, all required: a partial OFAC set would silently lose aliases or addresses.
    pub files: Vec<RemoteFile>,
}

impl ListSource {
    /// The OFAC SDN CSV set from `template`, in which `{file}` stands for each file name.
    pub fn ofac_sdn(template: &str) -> ListSource {
        ListSource {
            list: ListId::OfacSdn,
            files: OFAC_SDN_FILES
                .iter()
                .map(|name| RemoteFile {
                    name: (*name).to_string(),
                    url: template.replace("{file}", name),
                })
                .collect(),
        }
    }

    /// The UN consolidated list from `url`.
    pub fn un(url: &str) -> ListSource {
        ListSource {
            list: ListId::UnConsolidated,
            files: vec![RemoteFile {
                name: UN_FILE.to_string(),
                url: url.to_string(),
            }],
        }
    }
}

/// The lists `redflag watchlist update` fetches by default, from their publishers.
pub fn official_sources() -> Vec<ListSource> {
    vec![
        ListSource::ofac_sdn(OFAC_SDN_URL_TEMPLATE),
        ListSource::un(UN_CONSOLIDATED_URL),
    ]
}

/// What `fetched.json` records about a stored list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FetchRecord {
    /// List code (`ofac-sdn`, `un`).
    pub list: String,
    /// When the download finished.
    pub fetched_at: DateTime<Utc>,
    /// The files as fetched.
    pub files: Vec<FetchedFile>,
}

/// One downloaded file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FetchedFile {
    /// Stored file name.
    pub name: String,
    /// Where it came from.
    pub url: String,
    /// Its size.
    pub bytes: u64,
}

/// The outcome of one list's update.
#[derive(Debug, Clone)]
pub struct Updated {
    /// The list as read back from the new copy: entities, list date, warnings.
    pub info: ListInfo,
    /// What was fetched.
    pub record: FetchRecord,
}

/// A folder of fetched lists (see the module docs for the layout).
#[derive(Debug, Clone)]
pub struct Store {
    root: PathBuf,
}

impl Store {
    /// A store at `root` (created on the first update).
    pub fn new(root: impl Into<PathBuf>) -> Store {
        Store { root: root.into() }
    }

    /// The default store: `$REDFLAG_DATA_DIR/watchlists`, else
    /// `$XDG_DATA_HOME/redflag/watchlists`, else `~/.local/share/redflag/watchlists`.
    pub fn default_root() -> PathBuf {
        redflag_datadir::default_dir("watchlists")
    }

    /// The store's folder.
    pub fn root(&self) -> &Path {
        &self.root
    }

    /// Fetches one list and swaps it in. On any error the previous copy is left untouched
    /// and nothing of the attempt remains.
    pub fn update(
        &self,
        source: &ListSource,
        timeout: Duration,
    ) -> Result<Updated, WatchlistError> {
        let io = |path: &Path, source| WatchlistError::Io {
            path: path.to_path_buf(),
            source,
        };
        std::fs::create_dir_all(&self.root).map_err(|e| io(&self.root, e))?;
        let code = source.list.code();
        let staging = self
            .root
            .join(format!(".{code}.partial-{}", std::process::id()));
        if staging.exists() {
            std::fs::remove_dir_all(&staging).map_err(|e| io(&staging, e))?;
        }
        std::fs::create_dir(&staging).map_err(|e| io(&staging, e))?;
        let result = self.fetch_into(source, &staging, timeout);
        match result {
            Ok(updated) => {
                self.swap_in(code, &staging)?;
                Ok(updated)
            }
            Err(e) => {
                let _ = std::fs::remove_dir_all(&staging);
                Err(e)
            }
        }
    }

    /// Downloads, validates and stamps a list in `staging`.
    fn fetch_into(
        &self,
        source: &ListSource,
        staging: &Path,
        timeout: Duration,
    ) -> Result<Updated, WatchlistError> {
        let agent: ureq::Agent = ureq::Agent::config_builder()
            .timeout_global(Some(timeout))
            .user_agent(concat!("redflag/", env!("CARGO_PKG_VERSION")))
            .build()
            .into();
        let mut files = Vec::with_capacity(source.files.len());
        for file in &source.files {
            let bytes = download(&agent, &file.url, &staging.join(&file.name))?;
            files.push(FetchedFile {
                name: file.name.clone(),
                url: file.url.clone(),
                bytes,
            });
        }
        let record = FetchRecord {
            list: source.list.code().to_string(),
            fetched_at: Utc::now(),
            files,
        };
        // Read it back exactly as screening will: a bad download fails here, not later.
        let lists = read_stored(staging, &record)?;
        let info = lists
            .info(source.list)
            .cloned()
            .ok_or_else(|| WatchlistError::NotAList {
                file: source.files[0].url.clone(),
                expected: source.list.name(),
                found: format!(
                    "the files hold {}",
                    lists
                        .lists()
                        .iter()
                        .map(|l| l.list.code())
                        .collect::<Vec<_>>()
                        .join(", ")
                ),
            })?;
        let manifest = staging.join(MANIFEST);
        let json = serde_json::to_vec_pretty(&record).map_err(|e| WatchlistError::Io {
            path: manifest.clone(),
            source: std::io::Error::other(e),
        })?;
        std::fs::write(&manifest, json).map_err(|source| WatchlistError::Io {
            path: manifest.clone(),
            source,
        })?;
        Ok(Updated { info, record })
    }

    /// Replaces `<root>/<code>` by `staging` with renames, so readers see the old copy or the
    /// new one, never a mix.
    fn swap_in(&self, code: &str, staging: &Path) -> Result<(), WatchlistError> {
        let io = |path: &Path, source| WatchlistError::Io {
            path: path.to_path_buf(),
            source,
        };
        let target = self.root.join(code);
        let old = self
            .root
            .join(format!(".{code}.old-{}", std::process::id()));
        if target.exists() {
            std::fs::rename(&target, &old).map_err(|e| io(&target, e))?;
        }
        if let Err(e) = std::fs::rename(staging, &target) {
            // Put the previous copy back before reporting.
            if old.exists() {
                let _ = std::fs::rename(&old, &target);
            }
            let _ = std::fs::remove_dir_all(staging);
            return Err(io(&target, e));
        }
        if old.exists() {
            std::fs::remove_dir_all(&old).map_err(|e| io(&old, e))?;
        }
        Ok(())
    }

    /// What the store holds: each list's manifest, in list-code order.
    pub fn records(&self) -> Result<Vec<FetchRecord>, WatchlistError> {
        let mut records = Vec::new();
        if !self.root.is_dir() {
            return Ok(records);
        }
        let entries = std::fs::read_dir(&self.root).map_err(|source| WatchlistError::Io {
            path: self.root.clone(),
            source,
        })?;
        for entry in entries {
            let entry = entry.map_err(|source| WatchlistError::Io {
                path: self.root.clone(),
                source,
            })?;
            let name = entry.file_name().to_string_lossy().into_owned();
            if name.starts_with('.') || !entry.path().is_dir() {
                continue;
            }
            records.push(read_manifest(&entry.path().join(MANIFEST))?);
        }
        records.sort_by(|a, b| a.list.cmp(&b.list));
        Ok(records)
    }

    /// Reads the stored list a manifest describes.
    pub fn load_record(&self, record: &FetchRecord) -> Result<Watchlists, WatchlistError> {
        read_stored(&self.root.join(&record.list), record)
    }

    /// Reads every stored list; `None` when the store holds none.
    pub fn load(&self) -> Result<Option<Watchlists>, WatchlistError> {
        let mut all = Watchlists::new();
        for record in self.records()? {
            all.merge(read_stored(&self.root.join(&record.list), &record)?)?;
        }
        Ok((!all.lists().is_empty()).then_some(all))
    }
}

/// Reads a stored (or staged) list folder, dating legacy CSV by its download time.
fn read_stored(dir: &Path, record: &FetchRecord) -> Result<Watchlists, WatchlistError> {
    read_watchlists_dir_with(dir, Some(Published::DateTime(record.fetched_at)))
}

fn read_manifest(path: &Path) -> Result<FetchRecord, WatchlistError> {
    let text = std::fs::read_to_string(path).map_err(|source| WatchlistError::Io {
        path: path.to_path_buf(),
        source,
    })?;
    serde_json::from_str(&text).map_err(|e| WatchlistError::Invalid {
        at: crate::error::At::new(path.display().to_string(), e.line() as u64),
        message: format!("not a redflag fetch manifest: {e}"),
    })
}

/// Downloads `url` to `path`, refusing anything but a 2xx answer and anything larger than
/// [`MAX_FILE_BYTES`]. Returns the size written.
fn download(agent: &ureq::Agent, url: &str, path: &Path) -> Result<u64, WatchlistError> {
    let fetch_error = |message: String| WatchlistError::Fetch {
        url: url.to_string(),
        message,
    };
    let response = agent.get(url).call().map_err(|e| match e {
        ureq::Error::StatusCode(code) => fetch_error(format!("the server answered HTTP {code}")),
        other => fetch_error(other.to_string()),
    })?;
    let mut reader = response
        .into_body()
        .into_with_config()
        .limit(MAX_FILE_BYTES)
        .reader();
    let mut file = std::fs::File::create(path).map_err(|source| WatchlistError::Io {
        path: path.to_path_buf(),
        source,
    })?;
    let mut buf = vec![0u8; 64 * 1024];
    let mut total = 0u64;
    loop {
        let n = reader
            .read(&mut buf)
            .map_err(|e| fetch_error(format!("download interrupted: {e}")))?;
        if n == 0 {
            break;
        }
        std::io::Write::write_all(&mut file, &buf[..n]).map_err(|source| WatchlistError::Io {
            path: path.to_path_buf(),
            source,
        })?;
        total += n as u64;
    }
    file.sync_all().map_err(|source| WatchlistError::Io {
        path: path.to_path_buf(),
        source,
    })?;
    Ok(total)
}
