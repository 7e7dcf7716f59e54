//! Where redflag keeps the data it installs, and how it installs it.
//!
//! Three engines install open data once and then work offline: the watchlist store
//! (`watchlists`), IP intelligence (`intel`) and the domain lists (`domains`). They share one
//! data root ([`data_root`]), fetch only through the ordinary registry clients
//! ([`run_client`], [`pip_download`]), and replace an installation in one step
//! ([`replace_dir`]): a reader sees the old copy or the new one, and a failed install leaves
//! the old copy as it was.
//!
//! ```
//! let dir = redflag_datadir::default_dir("domains");
//! assert!(dir.ends_with("domains"));
//! ```

use std::ffi::OsStr;
use std::path::{Path, PathBuf};
use std::process::Command;

/// redflag's data root: `$REDFLAG_DATA_DIR`, else `$XDG_DATA_HOME/redflag`, else
/// `~/.local/share/redflag`, else `.redflag`.
pub fn data_root() -> PathBuf {
    let env = |k: &str| std::env::var_os(k).filter(|v| !v.is_empty());
    if let Some(dir) = env("REDFLAG_DATA_DIR") {
        PathBuf::from(dir)
    } else if let Some(xdg) = env("XDG_DATA_HOME") {
        PathBuf::from(xdg).join("redflag")
    } else if let Some(home) = env("HOME") {
        PathBuf::from(home).join(".local/share/redflag")
    } else {
        PathBuf::from(".redflag")
    }
}

/// The folder of one kind of data under [`data_root`] (`watchlists`, `intel`, `domains`).
pub fn default_dir(name: &str) -> PathBuf {
    data_root().join(name)
}

/// Builds a new copy of `dir` in a staging folder beside it (`.<name>.partial-<pid>`) with
/// `build`, then renames the old copy away and the new one in. When `build` fails the staging
/// folder is removed and `dir` is untouched. `io` turns a file-system error on a path into
/// the caller's error type.
pub fn replace_dir<T, E>(
    dir: &Path,
    build: impl FnOnce(&Path) -> Result<T, E>,
    io: impl Fn(&Path, std::io::Error) -> E,
) -> Result<T, E> {
    let name = dir
        .file_name()
        .map_or_else(|| "data".into(), |n| n.to_string_lossy().into_owned());
    let parent = match dir.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    };
    std::fs::create_dir_all(&parent).map_err(|e| io(&parent, e))?;
    let staging = parent.join(format!(".{name}.partial-{}", std::process::id()));
    if staging.exists() {
        std::fs::remove_dir_all(&staging).map_err(|e| io(&staging, e))?;
    }
    std::fs::create_dir(&staging).map_err(|e| io(&staging, e))?;
    let built = match build(&staging) {
        Ok(built) => built,
        Err(e) => {
            let _ = std::fs::remove_dir_all(&staging);
            return Err(e);
        }
    };
    let old = parent.join(format!(".{name}.old-{}", std::process::id()));
    if old.exists() {
        std::fs::remove_dir_all(&old).map_err(|e| io(&old, e))?;
    }
    if dir.exists() {
        std::fs::rename(dir, &old).map_err(|e| io(dir, e))?;
    }
    if let Err(e) = std::fs::rename(&staging, dir) {
        if old.exists() {
            let _ = std::fs::rename(&old, dir);
        }
        let _ = std::fs::remove_dir_all(&staging);
        return Err(io(dir, e));
    }
    if old.exists() {
        std::fs::remove_dir_all(&old).map_err(|e| io(&old, e))?;
    }
    Ok(built)
}

/// The package file in `dir` named `<prefix><version><suffix>` (what `npm pack` or
/// `pip download` left there), the last by name when there are several; `None` when there is
/// none.
pub fn find_package(dir: &Path, prefix: &str, suffix: &str) -> std::io::Result<Option<PathBuf>> {
    let mut found: Vec<PathBuf> = std::fs::read_dir(dir)?
        .filter_map(|e| e.ok())
        .map(|e| e.path())
        .filter(|p| {
            p.file_name().map(|n| n.to_string_lossy()).is_some_and(|n| {
                n.starts_with(prefix)
                    && n.ends_with(suffix)
                    && n[prefix.len()..].starts_with(|c: char| c.is_ascii_digit())
            })
        })
        .collect();
    found.sort();
    Ok(found.pop())
}

/// A registry client that could not run or failed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ClientError {
    /// The step, as a command line (`npm pack @ip-location-db/asn`).
    pub step: String,
    /// Why: the client could not start, or its exit status and the last lines it wrote.
    pub message: String,
}

impl std::fmt::Display for ClientError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}: {}", self.step, self.message)
    }
}

impl std::error::Error for ClientError {}

/// Runs a registry client; a failure carries `step` and the last five lines of its stderr.
pub fn run_client(command: &mut Command, step: &str) -> Result<(), ClientError> {
    client_result(command.output(), step)
}

/// Checks a client's output (for callers that run it themselves).
pub fn client_result(
    output: std::io::Result<std::process::Output>,
    step: &str,
) -> Result<(), ClientError> {
    let fail = |message: String| ClientError {
        step: step.to_string(),
        message,
    };
    let output = output.map_err(|e| fail(format!("cannot run: {e}")))?;
    if output.status.success() {
        return Ok(());
    }
    let stderr = String::from_utf8_lossy(&output.stderr);
    let tail: Vec<&str> = stderr.lines().rev().take(5).collect();
    let tail: Vec<&str> = tail.into_iter().rev().collect();
    Err(fail(format!("{}: {}", output.status, tail.join(" | "))))
}

/// `pip download --no-deps PACKAGE -d DIR`. When `pip` is the default `pip` and is not on the
/// `PATH`, `python3 -m pip` is run instead.
pub fn pip_download(pip: &OsStr, package: &str, dir: &Path) -> Result<(), ClientError> {
    let args = [
        "download",
        "--no-deps",
        "--disable-pip-version-check",
        package,
    ];
    let step = format!("pip download --no-deps {package}");
    let output = match Command::new(pip).args(args).arg("-d").arg(dir).output() {
        Err(e) if e.kind() == std::io::ErrorKind::NotFound && pip == "pip" => {
            Command::new("python3")
                .args(["-m", "pip"])
                .args(args)
                .arg("-d")
                .arg(dir)
                .output()
        }
        other => other,
    };
    client_result(output, &step)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn io(path: &Path, e: std::io::Error) -> String {
        format!("{}: {e}", path.display())
    }

    #[test]
    fn replaces_whole_or_not_at_all() {
        let tmp = tempfile::tempdir().unwrap();
        let dir = tmp.path().join("data/domains");
        replace_dir(
            &dir,
            |s| std::fs::write(s.join("a"), "1").map_err(|e| io(s, e)),
            io,
        )
        .unwrap();
        assert_eq!(std::fs::read_to_string(dir.join("a")).unwrap(), "1");
        let e = replace_dir(
            &dir,
            |s| -> Result<(), String> {
                std::fs::write(s.join("a"), "2").unwrap();
                Err("broken".into())
            },
            io,
        )
        .unwrap_err();
        assert_eq!(e, "broken");
        assert_eq!(std::fs::read_to_string(dir.join("a")).unwrap(), "1");
        replace_dir(
            &dir,
            |s| std::fs::write(s.join("b"), "3").map_err(|e| io(s, e)),
            io,
        )
        .unwrap();
        assert!(!dir.join("a").exists() && dir.join("b").exists());
        let siblings: Vec<_> = std::fs::read_dir(dir.parent().unwrap()).unwrap().collect();
        assert_eq!(siblings.len(), 1, "no staging or old copy left");
    }

    #[test]
    fn a_missing_client_names_its_step() {
        let tmp = tempfile::tempdir().unwrap();
        let e =
            pip_download("/nonexistent/pip".as_ref(), "publicsuffixlist", tmp.path()).unwrap_err();
        assert_eq!(e.step, "pip download --no-deps publicsuffixlist");
        assert!(e.message.starts_with("cannot run"), "{e}");
        let e = run_client(&mut Command::new("false"), "false").unwrap_err();
        assert!(e.message.contains("exit status"), "{e}");
    }

    #[test]
    fn finds_the_newest_package_of_a_name() {
        let tmp = tempfile::tempdir().unwrap();
        for name in [
            "iporigin-1.1.2-py3-none-any.whl",
            "iporigin-1.2.0-py3-none-any.whl",
            "iporigin-x.whl",
            "other-1.0.whl",
        ] {
            std::fs::write(tmp.path().join(name), "").unwrap();
        }
        let found = find_package(tmp.path(), "iporigin-", ".whl")
            .unwrap()
            .unwrap();
        assert!(found.ends_with("iporigin-1.2.0-py3-none-any.whl"));
        assert_eq!(find_package(tmp.path(), "psl-", ".whl").unwrap(), None);
        assert!(find_package(&tmp.path().join("missing"), "a", "b").is_err());
    }

    #[test]
    fn default_dirs_share_one_root() {
        assert_eq!(
            default_dir("intel").parent(),
            default_dir("domains").parent()
        );
    }
}
