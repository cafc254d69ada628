//! File I/O of a version 1 keyring: its writer lock, and reading it whole.
//!
//! Readers read the file whole and never lock: every write replaces the file
//! by `rename(2)`, which is atomic, so a reader sees either the old or the new
//! keyring, never a mix. Writers serialize on an exclusive advisory lock on a
//! sibling `<keyring>.lock` file and re-read the keyring once they hold it, so
//! concurrent processes lose no update.

use std::fs::{self, File, OpenOptions};
use std::path::{Path, PathBuf};

use crate::error::{Error, Result};

/// Where a keyring lives on disk, with its sibling files.
#[derive(Debug, Clone)]
pub struct Store {
    path: PathBuf,
}

/// An exclusive writer lock on a keyring; released on drop.
#[derive(Debug)]
pub struct WriteLock {
    _file: File,
}

impl Store {
    /// A store for the keyring at `path` (which may not exist yet).
    pub fn new(path: impl Into<PathBuf>) -> Self {
        Store { path: path.into() }
    }

    fn sibling(&self, suffix: &str) -> PathBuf {
        let mut name = self.path.file_name().unwrap_or_default().to_os_string();
        name.push(suffix);
        self.path.with_file_name(name)
    }

    fn dir(&self) -> PathBuf {
        match self.path.parent() {
            Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
            _ => PathBuf::from("."),
        }
    }

    /// Reads the whole keyring file.
    pub fn read(&self) -> Result<String> {
        match fs::read(&self.path) {
            Ok(bytes) => String::from_utf8(bytes).map_err(|_| Error::KeyringCorrupt {
                path: self.path.clone(),
                reason: "the file is not UTF-8 text".into(),
            }),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Err(Error::KeyringNotFound {
                path: self.path.clone(),
            }),
            Err(e) => Err(Error::io(format!("reading {}", self.path.display()), e)),
        }
    }

    /// Takes the exclusive writer lock, waiting for other writers.
    ///
    /// Creates the keyring's folder (mode 0700) when it does not exist yet,
    /// so that `init` can run against a fresh path.
    pub fn lock(&self) -> Result<WriteLock> {
        let dir = self.dir();
        if !dir.exists() {
            create_private_dir(&dir)?;
        }
        let lock_path = self.sibling(".lock");
        let file = private_options()
            .read(true)
            .write(true)
            .create(true)
            .truncate(false)
            .open(&lock_path)
            .map_err(|e| Error::io(format!("opening lock file {}", lock_path.display()), e))?;
        file.lock()
            .map_err(|e| Error::io(format!("locking {}", lock_path.display()), e))?;
        Ok(WriteLock { _file: file })
    }
}

fn private_options() -> OpenOptions {
    #[allow(unused_mut)]
    let mut o = OpenOptions::new();
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        o.mode(0o600);
    }
    o
}

fn create_private_dir(dir: &Path) -> Result<()> {
    let mut b = fs::DirBuilder::new();
    b.recursive(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::DirBuilderExt;
        b.mode(0o700);
    }
    b.create(dir)
        .map_err(|e| Error::io(format!("creating folder {}", dir.display()), e))
}
