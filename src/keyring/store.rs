//! File I/O for the keyring: locking and atomic, durable replacement.
//!
//! Readers read the file whole and never lock: every write replaces the file
//! by `rename(2)`, which is atomic, so a reader sees either the old or the new
//! keyring, never a mix. Writers serialize on an exclusive advisory lock on a
//! sibling `<keyring>.lock` file and re-read the keyring once they hold it, so
//! concurrent processes lose no update.

use std::fs::{self, File, OpenOptions};
use std::io::Write;
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

    /// The keyring file.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// A sibling of the keyring: `<keyring><suffix>`.
    pub fn sibling(&self, suffix: &str) -> PathBuf {
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

    /// Whether a keyring file exists at the path.
    pub fn exists(&self) -> bool {
        self.path.exists()
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

    /// Replaces the keyring with `contents`, atomically and durably.
    ///
    /// The contents go to a temporary file in the same folder (mode 0600),
    /// which is fsynced, renamed over the keyring, and the folder is fsynced
    /// so that the rename itself survives a crash. `create_new` refuses to
    /// replace an existing file (for `init`). The caller holds the lock.
    pub fn write(&self, _lock: &WriteLock, contents: &[u8], create_new: bool) -> Result<()> {
        let dir = self.dir();
        let name = self.path.file_name().unwrap_or_default().to_string_lossy();
        let ctx = |what: &str| format!("{what} {}", self.path.display());
        let prefix = format!("{name}.tmp-");
        let mut builder = tempfile::Builder::new();
        builder.prefix(&prefix);
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            builder.permissions(fs::Permissions::from_mode(0o600));
        }
        let mut tmp = builder
            .tempfile_in(&dir)
            .map_err(|e| Error::io(ctx("creating a temporary file beside"), e))?;
        tmp.write_all(contents)
            .map_err(|e| Error::io(ctx("writing a temporary file beside"), e))?;
        tmp.as_file()
            .sync_all()
            .map_err(|e| Error::io(ctx("syncing a temporary file beside"), e))?;
        if create_new {
            tmp.persist_noclobber(&self.path).map_err(|e| {
                if e.error.kind() == std::io::ErrorKind::AlreadyExists {
                    Error::KeyringExists {
                        path: self.path.clone(),
                    }
                } else {
                    Error::io(ctx("creating"), e.error)
                }
            })?;
        } else {
            tmp.persist(&self.path)
                .map_err(|e| Error::io(ctx("replacing"), e.error))?;
        }
        File::open(&dir)
            .and_then(|d| d.sync_all())
            .map_err(|e| Error::io(format!("syncing folder {}", dir.display()), e))
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn write_replaces_atomically_with_private_mode() {
        let dir = tempfile::tempdir().expect("tempdir");
        let store = Store::new(dir.path().join("sub/keyring.toml"));
        let lock = store.lock().expect("lock");
        store.write(&lock, b"one", true).expect("create");
        assert!(matches!(
            store.write(&lock, b"two", true),
            Err(Error::KeyringExists { .. })
        ));
        store.write(&lock, b"three", false).expect("replace");
        assert_eq!(store.read().expect("read"), "three");
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let mode = fs::metadata(store.path())
                .expect("meta")
                .permissions()
                .mode();
            assert_eq!(mode & 0o777, 0o600);
        }
        let names: Vec<_> = fs::read_dir(dir.path().join("sub"))
            .expect("readdir")
            .map(|e| e.expect("entry").file_name())
            .collect();
        assert_eq!(names.len(), 2, "only the keyring and its lock: {names:?}");
    }
}
