//! Output files: never replaced by surprise.
//!
//! Every command that writes a named file checks it before doing any work:
//! an existing regular file is replaced only with `--force`, or when a
//! person at a terminal says yes (default no); without a terminal the
//! command stops at once with `OutputExistsException`. Standard output,
//! `/dev/null`, FIFOs and other non-regular files are never "existing".

use std::path::Path;

use super::credentials;
use super::exit::{CliError, CliResult};

/// How an existing output may be treated.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Replace {
    /// Only a new file may be created.
    Never,
    /// `--force`, or the user agreed: an existing file may be replaced.
    Allowed,
}

/// Checks one output path; asks on a terminal. Returns whether an existing
/// file may be replaced.
pub fn check(path: &Path, force: bool) -> CliResult<Replace> {
    let existing = path.as_os_str() != "-"
        && std::fs::symlink_metadata(path).is_ok_and(|m| m.is_file() || m.is_symlink())
        && std::fs::metadata(path).is_ok_and(|m| m.is_file());
    if !existing || force {
        return Ok(if force {
            Replace::Allowed
        } else {
            Replace::Never
        });
    }
    if !credentials::interactive() {
        return Err(CliError::Exists(path.to_path_buf()));
    }
    let yes = dialoguer::Confirm::new()
        .with_prompt(format!("{} exists. Replace it?", path.display()))
        .default(false)
        .interact()
        .map_err(|e| CliError::Param(format!("reading the answer: {e}")))?;
    if yes {
        Ok(Replace::Allowed)
    } else {
        Err(CliError::Declined)
    }
}

/// Checks every output; the answer for each is returned in order.
pub fn check_all<'a>(
    paths: impl IntoIterator<Item = &'a Path>,
    force: bool,
) -> CliResult<Vec<Replace>> {
    paths.into_iter().map(|p| check(p, force)).collect()
}

/// Writes `bytes` to `path` whole or not at all (a private staged file
/// beside it, fsynced, given its name when complete), replacing an existing file only when
/// `replace` allows it.
pub fn write(path: &Path, bytes: &[u8], replace: Replace) -> std::io::Result<()> {
    use std::io::Write;
    let dir = match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d.to_path_buf(),
        _ => std::path::PathBuf::from("."),
    };
    if !dir.exists() {
        let mut b = std::fs::DirBuilder::new();
        b.recursive(true);
        #[cfg(unix)]
        {
            use std::os::unix::fs::DirBuilderExt;
            b.mode(0o700);
        }
        b.create(&dir)?;
    }
    lkms::staging::sweep(&dir);
    let mut staged = lkms::staging::StagedFile::new_in(&dir)?;
    staged.file_mut().write_all(bytes)?;
    staged.persist(path, replace == Replace::Allowed)
}
