//! `redflag intel install`: fetch the open data with the ordinary registry clients, build the
//! index, and swap it in atomically.
//!
//! Fetched (the only network redflag-intel ever uses, and only through the clients):
//! - `npm pack @ip-location-db/asn` — `asn-ipv4.csv`, `asn-ipv6.csv` (CC BY 4.0: RouteViews,
//!   DB-IP, NRO; attribution "IP Geolocation by DB-IP" required);
//! - `npm pack @ip-location-db/geo-whois-asn-country-mmdb` — `geo-whois-asn-country.mmdb`
//!   (CC0-1.0), converted to a range table;
//! - `pip download --no-deps iporigin` — `iporigin/data/ranges.bin` from the wheel (MIT code;
//!   data terms in its NOTICE).
//!
//! Everything happens in a staging folder beside the target (`.<name>.partial-<pid>`): the
//! downloads, the index (`intel.idx`), `manifest.json` and the packages' licence files. Only
//! when all of it is written is the previous installation renamed away and the new one
//! renamed in; a failed install leaves the previous data exactly as it was.

use std::ffi::OsString;
use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::Command;

use chrono::Utc;

use crate::error::IntelError;
use crate::layer::{AsnRecord, CountryCode, LayerBuilder};
use crate::manifest::{
    date_of_epoch, date_of_ip_location_db_version, Manifest, SourceRecord, IP_LOCATION_DB_WARNING,
    MANIFEST_FILE,
};
use crate::sources::ip_location_db::read_asn_csv_from;
use crate::sources::iporigin::parse_iporigin;
use crate::sources::mmdb::MmdbSource;
use crate::store::{encode_index, InstalledData, INDEX_FILE, INDEX_VERSION};

/// npm package with the ASN CSV files.
pub const ASN_PACKAGE: &str = "@ip-location-db/asn";
/// npm package with the country MMDB.
pub const COUNTRY_PACKAGE: &str = "@ip-location-db/geo-whois-asn-country-mmdb";
/// PyPI package with the provider ranges.
pub const IPORIGIN_PACKAGE: &str = "iporigin";

/// Attribution required by `@ip-location-db/asn`'s CC BY 4.0 sources.
pub const ASN_ATTRIBUTION: &str = "IP Geolocation by DB-IP (https://db-ip.com), CC BY 4.0; AS numbers from RouteViews (https://www.routeviews.org) and the NRO, CC BY 4.0; via @ip-location-db/asn";

/// Largest file taken out of a package (the ASN CSV is 24 MB).
const MAX_ENTRY_BYTES: u64 = 512 * 1024 * 1024;

/// The default data directory: `$REDFLAG_DATA_DIR/intel`, else `$XDG_DATA_HOME/redflag/intel`,
/// else `~/.local/share/redflag/intel` (as the watchlist store does).
pub fn default_dir() -> PathBuf {
    redflag_datadir::default_dir("intel")
}

/// How to install.
#[derive(Debug, Clone)]
pub struct InstallOptions {
    /// The data directory to (re)place.
    pub dir: PathBuf,
    /// The npm client.
    pub npm: OsString,
    /// The pip client (`pip`; `python3 -m pip` is tried when it is not found).
    pub pip: OsString,
    /// Use package files already downloaded into this folder (`npm pack` / `pip download`
    /// output) instead of running the clients.
    pub packages_from: Option<PathBuf>,
}

impl InstallOptions {
    /// Defaults: `npm` and `pip` from `PATH`, fetching.
    pub fn new(dir: impl Into<PathBuf>) -> InstallOptions {
        InstallOptions {
            dir: dir.into(),
            npm: "npm".into(),
            pip: "pip".into(),
            packages_from: None,
        }
    }
}

fn fail(step: impl Into<String>, message: impl Into<String>) -> IntelError {
    IntelError::Install {
        step: step.into(),
        message: message.into(),
    }
}

/// Fetches, builds and swaps in the open data; returns the new manifest.
pub fn install(options: &InstallOptions) -> Result<Manifest, IntelError> {
    redflag_datadir::replace_dir(
        &options.dir,
        |staging| build_into(options, staging),
        |path, e| IntelError::io(path, e),
    )
}

fn client(e: redflag_datadir::ClientError) -> IntelError {
    fail(e.step, e.message)
}

fn build_into(options: &InstallOptions, staging: &Path) -> Result<Manifest, IntelError> {
    let downloads = match &options.packages_from {
        Some(dir) => dir.clone(),
        None => {
            let d = staging.join("download");
            std::fs::create_dir(&d).map_err(|e| IntelError::io(&d, e))?;
            for package in [ASN_PACKAGE, COUNTRY_PACKAGE] {
                redflag_datadir::run_client(
                    Command::new(&options.npm)
                        .arg("pack")
                        .arg(package)
                        .current_dir(&d),
                    &format!("npm pack {package}"),
                )
                .map_err(client)?;
            }
            redflag_datadir::pip_download(&options.pip, IPORIGIN_PACKAGE, &d).map_err(client)?;
            d
        }
    };
    let licences = staging.join("licenses");
    std::fs::create_dir(&licences).map_err(|e| IntelError::io(&licences, e))?;

    // @ip-location-db/asn
    let asn_tgz = find_package(&downloads, "ip-location-db-asn-", ".tgz")?;
    let asn_files = read_tgz(
        &asn_tgz,
        &[
            "package.json",
            "asn-ipv4.csv",
            "asn-ipv6.csv",
            "README.md",
            "DBIP-LICENSE",
            "ROUTEVIEWS-LICENSE",
            "NRO_LICENSE",
            "MODIFICATIONS",
        ],
    )?;
    let asn_meta = package_json(&asn_tgz, &asn_files)?;
    let mut asn = LayerBuilder::<AsnRecord>::new();
    for file in ["asn-ipv4.csv", "asn-ipv6.csv"] {
        let bytes = required(&asn_tgz, &asn_files, file)?;
        read_asn_csv_from(bytes, &format!("{ASN_PACKAGE}/{file}"), &mut asn)?;
    }
    let asn = asn.build();
    keep_licences(
        &licences.join("ip-location-db-asn"),
        &asn_files,
        &[
            "DBIP-LICENSE",
            "ROUTEVIEWS-LICENSE",
            "NRO_LICENSE",
            "MODIFICATIONS",
        ],
    )?;

    // @ip-location-db/geo-whois-asn-country-mmdb
    let cc_tgz = find_package(
        &downloads,
        "ip-location-db-geo-whois-asn-country-mmdb-",
        ".tgz",
    )?;
    let cc_files = read_tgz(
        &cc_tgz,
        &[
            "package.json",
            "geo-whois-asn-country.mmdb",
            "NRO_LICENSE",
            "README.md",
        ],
    )?;
    let cc_meta = package_json(&cc_tgz, &cc_files)?;
    let mmdb_bytes = required(&cc_tgz, &cc_files, "geo-whois-asn-country.mmdb")?.to_vec();
    let mmdb_name = PathBuf::from(format!("{COUNTRY_PACKAGE}/geo-whois-asn-country.mmdb"));
    let mmdb = MmdbSource::from_bytes(mmdb_bytes, &mmdb_name)?;
    let mut country = LayerBuilder::<CountryCode>::new();
    for item in mmdb.networks()? {
        let (start, end, record) = item?;
        if let Some(cc) = record.country {
            // Networks from one tree never overlap; an error here would be a reader bug.
            country
                .add(start, end, cc)
                .map_err(|e| fail("convert country MMDB", e.message()))?;
        }
    }
    let country = country.build();
    let cc_epoch = mmdb.build_epoch();
    drop(mmdb);
    keep_licences(
        &licences.join("ip-location-db-geo-whois-asn-country"),
        &cc_files,
        &["NRO_LICENSE"],
    )?;

    // iporigin wheel
    let wheel = find_package(&downloads, "iporigin-", ".whl")?;
    let wheel_files = read_wheel(&wheel)?;
    let ranges = wheel_files
        .iter()
        .find(|(n, _)| n == "iporigin/data/ranges.bin")
        .map(|(_, b)| b)
        .ok_or_else(|| {
            fail(
                format!("read {}", wheel.display()),
                "no iporigin/data/ranges.bin in the wheel",
            )
        })?;
    let origin = parse_iporigin(
        ranges,
        &format!("{}:iporigin/data/ranges.bin", wheel.display()),
    )?;
    let wheel_version = wheel_files
        .iter()
        .find(|(n, _)| n.ends_with(".dist-info/METADATA"))
        .and_then(|(_, b)| {
            String::from_utf8_lossy(b)
                .lines()
                .find_map(|l| l.strip_prefix("Version:").map(|v| v.trim().to_string()))
        })
        .unwrap_or_else(|| "unknown".into());
    let ipo_dir = licences.join("iporigin");
    std::fs::create_dir_all(&ipo_dir).map_err(|e| IntelError::io(&ipo_dir, e))?;
    for (n, b) in &wheel_files {
        if n.contains(".dist-info/licenses/") || n.ends_with(".dist-info/LICENSE") {
            let file = n.rsplit('/').next().unwrap_or("LICENSE");
            let path = ipo_dir.join(file);
            std::fs::write(&path, b).map_err(|e| IntelError::io(&path, e))?;
        }
    }

    let data = InstalledData {
        country,
        asn,
        origin: origin.layer,
    };
    let index = encode_index(&data);
    let index_path = staging.join(INDEX_FILE);
    std::fs::write(&index_path, &index).map_err(|e| IntelError::io(&index_path, e))?;

    let readme_warns = asn_files
        .iter()
        .any(|(n, b)| n == "README.md" && String::from_utf8_lossy(b).contains("deprecated"));
    let mut warnings = vec![IP_LOCATION_DB_WARNING.to_string()];
    let notice_todo = wheel_files
        .iter()
        .any(|(n, b)| n.ends_with("/NOTICE") && String::from_utf8_lossy(b).contains("TODO"));
    if notice_todo {
        warnings.push(
            "iporigin's NOTICE says some of its lists are used with their maintainers' permission \
             and that the written record of it is still to be attached (licenses/iporigin/NOTICE)"
                .into(),
        );
    }
    if !readme_warns {
        warnings.push("the @ip-location-db/asn README no longer carries the deprecation notice: check upstream".into());
    }
    let manifest = Manifest {
        format: INDEX_VERSION,
        installed_at: Utc::now(),
        index_file: INDEX_FILE.into(),
        index_bytes: index.len() as u64,
        sources: vec![
            SourceRecord {
                id: "ip-location-db-asn".into(),
                package: ASN_PACKAGE.into(),
                registry: "npm".into(),
                data_date: date_of_ip_location_db_version(&asn_meta.0),
                data_date_basis: "package version".into(),
                version: asn_meta.0,
                licence: "CC-BY-4.0".into(),
                attribution: Some(ASN_ATTRIBUTION.into()),
                files: vec!["asn-ipv4.csv".into(), "asn-ipv6.csv".into()],
                ranges_v4: data.asn.ranges_v4(),
                ranges_v6: data.asn.ranges_v6(),
            },
            SourceRecord {
                id: "ip-location-db-country".into(),
                package: COUNTRY_PACKAGE.into(),
                registry: "npm".into(),
                version: cc_meta.0,
                data_date: date_of_epoch(cc_epoch),
                data_date_basis: "MMDB build_epoch".into(),
                licence: cc_meta.1.unwrap_or_else(|| "CC0-1.0".into()),
                attribution: None,
                files: vec!["geo-whois-asn-country.mmdb".into()],
                ranges_v4: data.country.ranges_v4(),
                ranges_v6: data.country.ranges_v6(),
            },
            SourceRecord {
                id: "iporigin".into(),
                package: IPORIGIN_PACKAGE.into(),
                registry: "PyPI".into(),
                version: wheel_version,
                data_date: date_of_epoch(origin.built_at),
                data_date_basis: "iporigin built_at".into(),
                licence: "MIT (code); data from provider feeds, CC0 lists and lists used with their maintainers' permission (see licenses/iporigin/NOTICE)".into(),
                attribution: None,
                files: vec!["iporigin/data/ranges.bin".into()],
                ranges_v4: data.origin.ranges_v4(),
                ranges_v6: data.origin.ranges_v6(),
            },
        ],
        warnings,
    };
    let manifest_path = staging.join(MANIFEST_FILE);
    let json =
        serde_json::to_vec_pretty(&manifest).map_err(|e| fail("write manifest", e.to_string()))?;
    std::fs::write(&manifest_path, json).map_err(|e| IntelError::io(&manifest_path, e))?;
    let d = staging.join("download");
    if d.exists() {
        std::fs::remove_dir_all(&d).map_err(|e| IntelError::io(&d, e))?;
    }
    Ok(manifest)
}

/// The one file in `dir` named `<prefix><version><suffix>` (the newest name if several).
fn find_package(dir: &Path, prefix: &str, suffix: &str) -> Result<PathBuf, IntelError> {
    redflag_datadir::find_package(dir, prefix, suffix)
        .map_err(|e| IntelError::io(dir, e))?
        .ok_or_else(|| {
            fail(
                "find package",
                format!("no {prefix}*{suffix} in {}", dir.display()),
            )
        })
}

type Files = Vec<(String, Vec<u8>)>;

/// The files named in `wanted` from an npm tarball (under `package/`).
fn read_tgz(path: &Path, wanted: &[&str]) -> Result<Files, IntelError> {
    let step = || format!("extract {}", path.display());
    let file = std::fs::File::open(path).map_err(|e| IntelError::io(path, e))?;
    let mut archive = tar::Archive::new(flate2::read::GzDecoder::new(file));
    let mut out = Vec::new();
    for entry in archive.entries().map_err(|e| fail(step(), e.to_string()))? {
        let entry = entry.map_err(|e| fail(step(), e.to_string()))?;
        let name = entry
            .path()
            .map_err(|e| fail(step(), e.to_string()))?
            .to_string_lossy()
            .into_owned();
        let Some(short) = name.strip_prefix("package/") else {
            continue;
        };
        if !wanted.contains(&short) {
            continue;
        }
        let mut bytes = Vec::new();
        entry
            .take(MAX_ENTRY_BYTES)
            .read_to_end(&mut bytes)
            .map_err(|e| fail(step(), format!("{name}: {e}")))?;
        out.push((short.to_string(), bytes));
    }
    Ok(out)
}

/// The files of a wheel that install uses: the data file, METADATA and licences.
fn read_wheel(path: &Path) -> Result<Files, IntelError> {
    let step = || format!("extract {}", path.display());
    let file = std::fs::File::open(path).map_err(|e| IntelError::io(path, e))?;
    let mut zip = zip::ZipArchive::new(file).map_err(|e| fail(step(), e.to_string()))?;
    let mut out = Vec::new();
    for i in 0..zip.len() {
        let entry = zip.by_index(i).map_err(|e| fail(step(), e.to_string()))?;
        let name = entry
            .name()
            .map_err(|e| fail(step(), e.to_string()))?
            .into_owned();
        let wanted = name == "iporigin/data/ranges.bin"
            || name.ends_with(".dist-info/METADATA")
            || name.contains(".dist-info/licenses/")
            || name.ends_with(".dist-info/LICENSE");
        if !wanted {
            continue;
        }
        let mut bytes = Vec::new();
        entry
            .take(MAX_ENTRY_BYTES)
            .read_to_end(&mut bytes)
            .map_err(|e| fail(step(), format!("{name}: {e}")))?;
        out.push((name, bytes));
    }
    Ok(out)
}

fn required<'a>(package: &Path, files: &'a Files, name: &str) -> Result<&'a [u8], IntelError> {
    files
        .iter()
        .find(|(n, _)| n == name)
        .map(|(_, b)| b.as_slice())
        .ok_or_else(|| {
            fail(
                format!("extract {}", package.display()),
                format!("no package/{name} in it"),
            )
        })
}

/// `(version, licence)` from the package's `package.json`.
fn package_json(package: &Path, files: &Files) -> Result<(String, Option<String>), IntelError> {
    let bytes = required(package, files, "package.json")?;
    let json: serde_json::Value = serde_json::from_slice(bytes).map_err(|e| {
        fail(
            format!("read {}", package.display()),
            format!("package.json: {e}"),
        )
    })?;
    let version = json
        .get("version")
        .and_then(|v| v.as_str())
        .ok_or_else(|| {
            fail(
                format!("read {}", package.display()),
                "package.json has no version",
            )
        })?
        .to_string();
    let licence = json
        .get("license")
        .and_then(|v| v.as_str())
        .map(str::to_string);
    Ok((version, licence))
}

fn keep_licences(dir: &Path, files: &Files, names: &[&str]) -> Result<(), IntelError> {
    std::fs::create_dir_all(dir).map_err(|e| IntelError::io(dir, e))?;
    for (n, b) in files.iter().filter(|(n, _)| names.contains(&n.as_str())) {
        let path = dir.join(n);
        std::fs::write(&path, b).map_err(|e| IntelError::io(&path, e))?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::intel::IpIntel;
    use crate::sources::iporigin::write_iporigin;
    use crate::testing::mmdb_writer::{map, s, MmdbWriter};
    use crate::NetClass;
    use std::io::Write;

    fn tgz(path: &Path, files: &[(&str, &[u8])]) {
        let gz = flate2::write::GzEncoder::new(
            std::fs::File::create(path).unwrap(),
            flate2::Compression::fast(),
        );
        let mut tar = tar::Builder::new(gz);
        for (name, bytes) in files {
            let mut header = tar::Header::new_gnu();
            header.set_size(bytes.len() as u64);
            header.set_mode(0o644);
            header.set_cksum();
            tar.append_data(&mut header, format!("package/{name}"), *bytes)
                .unwrap();
        }
        tar.into_inner().unwrap().finish().unwrap();
    }

    fn wheel(path: &Path, ranges: &[u8]) {
        let mut zip = zip::ZipWriter::new(std::fs::File::create(path).unwrap());
        let opts = zip::write::SimpleFileOptions::default()
            .compression_method(zip::CompressionMethod::Deflated);
        for (name, bytes) in [
            ("iporigin/__init__.py", &b""[..]),
            ("iporigin/data/ranges.bin", ranges),
            (
                "iporigin-1.1.2.dist-info/METADATA",
                b"Name: iporigin\nVersion: 1.1.2\n",
            ),
            (
                "iporigin-1.1.2.dist-info/licenses/NOTICE",
                b"TODO for the maintainer: attach the written record",
            ),
        ] {
            zip.start_file(name, opts).unwrap();
            zip.write_all(bytes).unwrap();
        }
        zip.finish().unwrap();
    }

    /// Package files shaped like the real ones, in `dir`.
    fn packages(dir: &Path, asn_csv: &str) {
        tgz(
            &dir.join("ip-location-db-asn-2.3.2026061719.tgz"),
            &[
                ("package.json", br#"{"name":"@ip-location-db/asn","version":"2.3.2026061719"}"#),
                ("asn-ipv4.csv", asn_csv.as_bytes()),
                ("asn-ipv6.csv", b"2a03:b0c0::,2a03:b0c0:ffff:ffff:ffff:ffff:ffff:ffff,14061,\"DigitalOcean, LLC\"\n"),
                ("README.md", b"updates via npm are completely deprecated and will stop"),
                ("DBIP-LICENSE", b"IP Geolocation by DB-IP"),
            ],
        );
        let mut w = MmdbWriter::new(6, 24, "country", 1_781_725_900);
        w.insert("175.45.176.0/22", map(&[("country_code", s("KP"))]))
            .insert("8.8.8.0/24", map(&[("country_code", s("US"))]));
        let mmdb = w.build();
        tgz(
            &dir.join("ip-location-db-geo-whois-asn-country-mmdb-2.3.2026061719.tgz"),
            &[
                (
                    "package.json",
                    br#"{"version":"2.3.2026061719","license":"CC0-1.0"}"#,
                ),
                ("geo-whois-asn-country.mmdb", &mmdb),
            ],
        );
        let v4 = |t: &str| u32::from(t.parse::<std::net::Ipv4Addr>().unwrap());
        let ranges = write_iporigin(
            1_791_200_061,
            &[("Mullvad", "vpn"), ("Tor", "tor")],
            &[
                (v4("23.144.160.0"), v4("23.144.160.255"), 0),
                (v4("2.26.97.42"), v4("2.26.97.42"), 1),
            ],
            &[],
        );
        wheel(&dir.join("iporigin-1.1.2-py3-none-any.whl"), &ranges);
    }

    const ASN_CSV: &str = "8.8.8.0,8.8.8.255,15169,Google LLC\n175.45.176.0,175.45.179.255,131279,Star Joint Venture Co. Ltd.\n";

    #[test]
    fn installs_from_package_files_and_loads() {
        let tmp = tempfile::tempdir().unwrap();
        let pkgs = tmp.path().join("pkgs");
        std::fs::create_dir(&pkgs).unwrap();
        packages(&pkgs, ASN_CSV);
        let dir = tmp.path().join("data/intel");
        let mut opts = InstallOptions::new(&dir);
        opts.packages_from = Some(pkgs.clone());
        let manifest = install(&opts).unwrap();
        assert_eq!(manifest.sources.len(), 3);
        let asn = &manifest.sources[0];
        assert_eq!(asn.data_date.as_deref(), Some("2026-06-17"));
        assert_eq!(asn.licence, "CC-BY-4.0");
        assert!(asn
            .attribution
            .as_deref()
            .unwrap()
            .starts_with("IP Geolocation by DB-IP"));
        assert_eq!((asn.ranges_v4, asn.ranges_v6), (2, 1));
        assert_eq!(manifest.sources[1].data_date.as_deref(), Some("2026-06-17"));
        assert_eq!(manifest.sources[1].licence, "CC0-1.0");
        assert_eq!(manifest.sources[2].version, "1.1.2");
        assert_eq!(manifest.sources[2].data_date.as_deref(), Some("2026-10-05"));
        assert!(manifest.warnings[0].contains("frozen"));
        assert!(
            manifest.warnings[1].contains("NOTICE"),
            "{:?}",
            manifest.warnings
        );
        assert_eq!(manifest.warnings.len(), 2, "the README still warns");
        assert!(dir.join("licenses/iporigin/NOTICE").is_file());
        assert!(dir
            .join("licenses/ip-location-db-asn/DBIP-LICENSE")
            .is_file());

        let intel = IpIntel::open_installed(&dir).unwrap();
        assert_eq!(intel.manifest().unwrap(), &manifest);
        let info = intel.lookup_str("175.45.176.1").unwrap();
        assert_eq!(info.country.unwrap().value.as_str(), "KP");
        assert_eq!(info.asn.unwrap().value, 131279);
        assert_eq!(
            intel.lookup_str("23.144.160.9").unwrap().class.value,
            NetClass::Vpn
        );
        assert_eq!(
            intel.lookup_str("2a03:b0c0::1").unwrap().class.value,
            NetClass::Hosting
        );

        // Nothing but the installation is left beside it.
        let siblings: Vec<_> = std::fs::read_dir(dir.parent().unwrap()).unwrap().collect();
        assert_eq!(siblings.len(), 1);
    }

    #[test]
    fn a_failed_install_keeps_the_previous_data() {
        let tmp = tempfile::tempdir().unwrap();
        let good = tmp.path().join("good");
        let bad = tmp.path().join("bad");
        std::fs::create_dir(&good).unwrap();
        std::fs::create_dir(&bad).unwrap();
        packages(&good, ASN_CSV);
        packages(
            &bad,
            "8.8.8.0,8.8.8.255,15169,Google LLC\n1.2.3.4,1.2.3,5,X\n",
        );
        let dir = tmp.path().join("intel");
        let mut opts = InstallOptions::new(&dir);
        opts.packages_from = Some(good);
        install(&opts).unwrap();
        let before = std::fs::read(dir.join(INDEX_FILE)).unwrap();

        opts.packages_from = Some(bad);
        let e = install(&opts).unwrap_err();
        let at = e.at().expect("a data error names its place");
        assert_eq!(
            (at.file.as_str(), at.line),
            ("@ip-location-db/asn/asn-ipv4.csv", 2)
        );
        assert_eq!(std::fs::read(dir.join(INDEX_FILE)).unwrap(), before);
        assert!(IpIntel::open_installed(&dir).is_ok());
        let siblings: Vec<_> = std::fs::read_dir(tmp.path())
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .filter(|n| n.starts_with('.'))
            .collect();
        assert!(siblings.is_empty(), "staging removed: {siblings:?}");

        // A client that fails is reported with its step, and the data stays.
        let mut opts = InstallOptions::new(&dir);
        opts.npm = "/nonexistent/npm".into();
        let e = install(&opts).unwrap_err();
        assert!(
            e.to_string().contains("npm pack @ip-location-db/asn"),
            "{e}"
        );
        assert_eq!(std::fs::read(dir.join(INDEX_FILE)).unwrap(), before);
    }

    #[test]
    fn default_dir_follows_the_watchlist_convention() {
        let dir = default_dir();
        assert!(dir.ends_with("intel"), "{}", dir.display());
    }
}
