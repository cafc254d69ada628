//! Staged files: outputs and keyring files written whole before they get
//! their final name, so that no partial file, and no plaintext, outlives
//! the process that was writing it.
//!
//! A [`StagedFile`] is created unnamed where the filesystem allows it
//! (Linux's `O_TMPFILE`): it has no name until [`StagedFile::persist`]
//! links it into place, and whatever ends the process, SIGKILL included,
//! the kernel frees it. Elsewhere, and for SQLite databases, which need a
//! path ([`StagedPath`]), the file is named `.lkms-tmp-<pid>-<random>`:
//! lkms registers the name while the file exists, removes it on drop and
//! on every signal the binary catches ([`remove_registered_then`]), and a
//! later process removes it ([`sweep`]) once the process it names is gone.
//! Files of other names, other users or live processes are never touched.

use std::collections::BTreeSet;
use std::fs::{self, File, OpenOptions};
use std::io;
use std::path::{Path, PathBuf};
use std::sync::{LazyLock, Mutex, MutexGuard};
use std::time::SystemTime;

/// The start of every staged file's name.
pub const PREFIX: &str = ".lkms-tmp-";

/// Files SQLite keeps beside a database; a staged database takes its own
/// with it.
const SQLITE_COMPANIONS: [&str; 3] = ["-journal", "-wal", "-shm"];

/// Length of the random part of a staged name.
const RANDOM_LEN: usize = 6;

/// The named staged files of this process, removed by a fatal signal.
static REGISTRY: Mutex<Vec<PathBuf>> = Mutex::new(Vec::new());

/// Folders already swept by this process (one sweep per folder is enough).
static SWEPT: Mutex<BTreeSet<PathBuf>> = Mutex::new(BTreeSet::new());

/// When this process started staging: only files last changed before it
/// are ever swept, so nothing being written now is.
static STARTED: LazyLock<SystemTime> = LazyLock::new(SystemTime::now);

fn registry() -> MutexGuard<'static, Vec<PathBuf>> {
    // A panic while holding the lock leaves the list itself intact.
    REGISTRY.lock().unwrap_or_else(|e| e.into_inner())
}

/// Marks the start of the process for [`sweep`]'s age rule; the binary
/// calls it first thing, the library on its first staged file otherwise.
pub fn mark_start() {
    LazyLock::force(&STARTED);
}

/// Removes every named staged file of this process, then runs `then` (the
/// binary re-raises the signal there) while still holding the registry, so
/// that no new staged file can appear before the process ends.
pub fn remove_registered_then(then: impl FnOnce()) {
    let reg = registry();
    remove_all(&reg);
    then();
    drop(reg);
}

fn remove_all(paths: &[PathBuf]) {
    for path in paths {
        remove_with_companions(path);
    }
}

fn remove_with_companions(path: &Path) {
    let _ = fs::remove_file(path);
    for c in SQLITE_COMPANIONS {
        let _ = fs::remove_file(with_suffix(path, c));
    }
}

fn with_suffix(path: &Path, suffix: &str) -> PathBuf {
    let mut s = path.as_os_str().to_os_string();
    s.push(suffix);
    PathBuf::from(s)
}

fn random_name() -> String {
    const ALPHABET: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
    let mut bytes = [0u8; RANDOM_LEN];
    // A failing OS random source still leaves the pid and the retry on
    // EEXIST to keep names apart.
    let _ = getrandom::fill(&mut bytes);
    let tail: String = bytes
        .iter()
        .map(|b| char::from(ALPHABET[usize::from(*b) % ALPHABET.len()]))
        .collect();
    format!("{PREFIX}{}-{tail}", std::process::id())
}

/// The pid a staged file's name carries, when `name` is one of lkms's own
/// (a staged file or a SQLite companion of one).
pub fn owner_pid(name: &str) -> Option<u32> {
    let rest = name.strip_prefix(PREFIX)?;
    let (pid, rest) = rest.split_once('-')?;
    if pid.is_empty() || pid.len() > 10 || !pid.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let (random, companion) = rest.split_at_checked(RANDOM_LEN)?;
    if !random.bytes().all(|b| b.is_ascii_alphanumeric()) {
        return None;
    }
    if !companion.is_empty() && !SQLITE_COMPANIONS.contains(&companion) {
        return None;
    }
    pid.parse().ok()
}

/// A registered name: removed (with any SQLite companions) when dropped.
#[derive(Debug)]
struct Registered {
    path: PathBuf,
}

impl Registered {
    /// Picks a fresh name in `dir` and runs `create` on it, registering the
    /// name in the same critical section, so that a signal never finds a
    /// file it does not know.
    fn create<T>(dir: &Path, create: impl Fn(&Path) -> io::Result<T>) -> io::Result<(Self, T)> {
        mark_start();
        let mut reg = registry();
        let mut tries = 0;
        loop {
            let path = dir.join(random_name());
            match create(&path) {
                Err(e) if e.kind() == io::ErrorKind::AlreadyExists && tries < 100 => tries += 1,
                Err(e) => return Err(e),
                Ok(t) => {
                    reg.push(path.clone());
                    return Ok((Registered { path }, t));
                }
            }
        }
    }

    /// Renames the file to `target` (refusing to replace a file unless
    /// `replace`); the name is no longer staged afterwards.
    fn rename_to(self, target: &Path, replace: bool) -> io::Result<()> {
        let mut reg = registry();
        let renamed = if replace {
            fs::rename(&self.path, target)
        } else {
            rename_noreplace(&self.path, target)
        };
        if renamed.is_ok() {
            reg.retain(|p| p != &self.path);
        }
        // Released before `self` may drop (on error), which takes it again.
        drop(reg);
        renamed?;
        // The name is gone: nothing is left for drop to remove.
        std::mem::forget(self);
        Ok(())
    }
}

impl Drop for Registered {
    fn drop(&mut self) {
        let mut reg = registry();
        remove_with_companions(&self.path);
        reg.retain(|p| p != &self.path);
    }
}

/// `rename(2)` that fails with `AlreadyExists` rather than replace `to`.
fn rename_noreplace(from: &Path, to: &Path) -> io::Result<()> {
    #[cfg(any(target_os = "linux", target_os = "android"))]
    {
        use rustix::fs::{CWD, RenameFlags, renameat_with};
        use rustix::io::Errno;
        match renameat_with(CWD, from, CWD, to, RenameFlags::NOREPLACE) {
            Ok(()) => return Ok(()),
            // Not supported by this filesystem or kernel: link and unlink.
            Err(Errno::INVAL | Errno::NOSYS | Errno::OPNOTSUPP) => {}
            Err(e) => return Err(e.into()),
        }
    }
    fs::hard_link(from, to)?;
    fs::remove_file(from)
}

fn private_options() -> OpenOptions {
    let mut o = OpenOptions::new();
    o.read(true).write(true).create_new(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        o.mode(0o600);
    }
    o
}

/// Makes a rename or link in `path`'s folder durable (best effort).
pub(crate) fn sync_parent(path: &Path) {
    sync_dir(&dir_of(path));
}

fn sync_dir(dir: &Path) {
    // Best effort: some filesystems refuse to fsync a folder.
    if let Ok(d) = File::open(dir) {
        let _ = d.sync_all();
    }
}

fn dir_of(path: &Path) -> PathBuf {
    match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    }
}

/// A file being written that gets its name only when complete. Dropped
/// without [`StagedFile::persist`], it leaves nothing behind.
#[derive(Debug)]
pub struct StagedFile {
    file: File,
    dir: PathBuf,
    /// `None` when the file is unnamed (`O_TMPFILE`).
    name: Option<Registered>,
}

impl StagedFile {
    /// A new, empty, private (0600) staged file in `dir`, which must exist;
    /// unnamed where the filesystem supports it.
    pub fn new_in(dir: &Path) -> io::Result<StagedFile> {
        mark_start();
        #[cfg(any(target_os = "linux", target_os = "android"))]
        if let Some(file) = unnamed_in(dir)? {
            return Ok(StagedFile {
                file,
                dir: dir.to_path_buf(),
                name: None,
            });
        }
        Self::named_in(dir)
    }

    /// A named staged file (what [`StagedFile::new_in`] falls back to).
    fn named_in(dir: &Path) -> io::Result<StagedFile> {
        let (name, file) = Registered::create(dir, |p| private_options().open(p))?;
        Ok(StagedFile {
            file,
            dir: dir.to_path_buf(),
            name: Some(name),
        })
    }

    /// Whether the file has no name (it cannot outlive the process).
    pub fn is_unnamed(&self) -> bool {
        self.name.is_none()
    }

    /// The open file, to write to.
    pub fn file(&self) -> &File {
        &self.file
    }

    /// The open file, to write to.
    pub fn file_mut(&mut self) -> &mut File {
        &mut self.file
    }

    /// Makes the complete file visible as `target` (in the folder it was
    /// staged in): fsync, link or rename, fsync the folder. Unless
    /// `replace`, an existing `target` is kept and the error is
    /// `AlreadyExists`.
    pub fn persist(self, target: &Path, replace: bool) -> io::Result<()> {
        self.file.sync_all()?;
        let StagedFile { file, dir, name } = self;
        match name {
            Some(name) => {
                drop(file);
                name.rename_to(target, replace)?;
            }
            None => persist_unnamed(&file, &dir, target, replace)?,
        }
        sync_dir(&dir_of(target));
        Ok(())
    }
}

/// `O_TMPFILE` in `dir`, or `None` where the filesystem does not support
/// it (then a named file is used).
#[cfg(any(target_os = "linux", target_os = "android"))]
fn unnamed_in(dir: &Path) -> io::Result<Option<File>> {
    use rustix::fs::{Mode, OFlags, open};
    use rustix::io::Errno;
    match open(
        dir,
        OFlags::TMPFILE | OFlags::RDWR | OFlags::CLOEXEC,
        Mode::from_raw_mode(0o600),
    ) {
        Ok(fd) => Ok(Some(File::from(fd))),
        Err(Errno::OPNOTSUPP | Errno::ISDIR | Errno::INVAL) => Ok(None),
        Err(e) => Err(e.into()),
    }
}

/// Gives an unnamed file its name. Without `replace`, `linkat` itself
/// refuses an existing target; with it, the file is linked under a staged
/// name and renamed over the target.
#[cfg(any(target_os = "linux", target_os = "android"))]
fn persist_unnamed(file: &File, dir: &Path, target: &Path, replace: bool) -> io::Result<()> {
    if !replace {
        return match link_unnamed(file, target) {
            Ok(()) => Ok(()),
            Err(e) if e.kind() == io::ErrorKind::AlreadyExists => Err(e),
            // No way to name it (no /proc): copy it into a named file.
            Err(_) => copy_to_named(file, dir)?.persist(target, false),
        };
    }
    match Registered::create(dir, |p| link_unnamed(file, p)) {
        Ok((name, ())) => name.rename_to(target, true),
        Err(_) => copy_to_named(file, dir)?.persist(target, true),
    }
}

#[cfg(not(any(target_os = "linux", target_os = "android")))]
fn persist_unnamed(_: &File, _: &Path, _: &Path, _: bool) -> io::Result<()> {
    unreachable!("files are unnamed only on Linux")
}

/// `linkat` of an open unnamed file: through /proc/self/fd, as open(2)
/// documents, else with `AT_EMPTY_PATH` (which needs a capability).
#[cfg(any(target_os = "linux", target_os = "android"))]
fn link_unnamed(file: &File, target: &Path) -> io::Result<()> {
    use rustix::fs::{AtFlags, CWD, linkat};
    use rustix::io::Errno;
    use std::os::fd::AsRawFd;
    let proc_path = format!("/proc/self/fd/{}", file.as_raw_fd());
    match linkat(
        CWD,
        proc_path.as_str(),
        CWD,
        target,
        AtFlags::SYMLINK_FOLLOW,
    ) {
        Ok(()) => Ok(()),
        Err(Errno::EXIST) => Err(Errno::EXIST.into()),
        Err(_) => linkat(file, "", CWD, target, AtFlags::EMPTY_PATH).map_err(Into::into),
    }
}

#[cfg(any(target_os = "linux", target_os = "android"))]
fn copy_to_named(file: &File, dir: &Path) -> io::Result<StagedFile> {
    use std::io::{Seek, SeekFrom};
    let mut named = StagedFile::named_in(dir)?;
    let mut src = file.try_clone()?;
    src.seek(SeekFrom::Start(0))?;
    io::copy(&mut src, named.file_mut())?;
    Ok(named)
}

/// A named staged file for writers that need a path (a SQLite database):
/// registered, removed with its SQLite companions on drop and on a caught
/// signal.
#[derive(Debug)]
pub struct StagedPath {
    name: Registered,
    file: File,
}

impl StagedPath {
    /// A new, empty, private (0600) file in `dir`, which must exist.
    pub fn new_in(dir: &Path) -> io::Result<StagedPath> {
        let (name, file) = Registered::create(dir, |p| private_options().open(p))?;
        Ok(StagedPath { name, file })
    }

    /// Where the file is, for the writer to open.
    pub fn path(&self) -> &Path {
        &self.name.path
    }

    /// Moves the complete file (its writer closed) to `target` in the same
    /// folder: fsync, rename, fsync the folder. Unless `replace`, an
    /// existing `target` is kept and the error is `AlreadyExists`.
    pub fn persist(self, target: &Path, replace: bool) -> io::Result<()> {
        self.file.sync_all()?;
        let StagedPath { name, file } = self;
        drop(file);
        name.rename_to(target, replace)?;
        sync_dir(&dir_of(target));
        Ok(())
    }
}

/// Removes, once per process and folder, the staged files in `dir` that an
/// earlier lkms process left (killed by SIGKILL, or by a signal it could
/// not catch): names lkms gives its own, regular files of this user, last
/// changed before this process started, whose process is gone (or is this
/// process under a reused pid, without the name registered). Returns what
/// it removed; a folder that cannot be read is left alone.
pub fn sweep(dir: &Path) -> Vec<PathBuf> {
    mark_start();
    let key = dir.canonicalize().unwrap_or_else(|_| dir.to_path_buf());
    if !SWEPT.lock().unwrap_or_else(|e| e.into_inner()).insert(key) {
        return Vec::new();
    }
    let Ok(entries) = fs::read_dir(dir) else {
        return Vec::new();
    };
    // Held throughout: this process's own files are not in flux meanwhile.
    let reg = registry();
    let me = std::process::id();
    let mut removed = Vec::new();
    for entry in entries.flatten() {
        let name = entry.file_name();
        let Some(pid) = name.to_str().and_then(owner_pid) else {
            continue;
        };
        // DirEntry::metadata does not follow a symbolic link.
        let Ok(meta) = entry.metadata() else { continue };
        if !meta.is_file() || !owned_by_me(&meta) {
            continue;
        }
        if meta.modified().map_or(true, |m| m >= *STARTED) {
            continue;
        }
        let path = entry.path();
        let base = name.to_string_lossy();
        let base = SQLITE_COMPANIONS
            .iter()
            .find_map(|c| base.strip_suffix(c))
            .unwrap_or(&base);
        let ours_now = reg
            .iter()
            .any(|p| p.file_name().is_some_and(|n| n.to_string_lossy() == base));
        if (pid == me && ours_now) || (pid != me && process_alive(pid)) {
            continue;
        }
        if fs::remove_file(&path).is_ok() {
            removed.push(path);
        }
    }
    removed
}

#[cfg(unix)]
fn owned_by_me(meta: &fs::Metadata) -> bool {
    use std::os::unix::fs::MetadataExt;
    meta.uid() == rustix::process::geteuid().as_raw()
}

#[cfg(not(unix))]
fn owned_by_me(_: &fs::Metadata) -> bool {
    false
}

/// Whether process `pid` exists (in doubt: yes).
#[cfg(unix)]
fn process_alive(pid: u32) -> bool {
    use rustix::io::Errno;
    use rustix::process::{Pid, test_kill_process};
    let Some(pid) = i32::try_from(pid).ok().and_then(Pid::from_raw) else {
        return true;
    };
    !matches!(test_kill_process(pid), Err(Errno::SRCH))
}

#[cfg(not(unix))]
fn process_alive(_: u32) -> bool {
    true
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::{Read, Write};

    fn names(dir: &Path) -> Vec<String> {
        let mut v: Vec<String> = fs::read_dir(dir)
            .expect("read_dir")
            .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
            .collect();
        v.sort();
        v
    }

    fn registered(path: &Path) -> bool {
        registry().iter().any(|p| p == path)
    }

    #[test]
    fn owner_pid_recognises_only_lkms_names() {
        assert_eq!(owner_pid(".lkms-tmp-123-abCD12"), Some(123));
        assert_eq!(owner_pid(".lkms-tmp-123-abCD12-wal"), Some(123));
        assert_eq!(owner_pid(".lkms-tmp-123-abCD12-journal"), Some(123));
        for other in [
            ".lkms-tmp-123-abCD1",
            ".lkms-tmp-123-abCD123",
            ".lkms-tmp-123-abCD12.bak",
            ".lkms-tmp--abCD12",
            ".lkms-tmp-12a-abCD12",
            ".lkms-tmp-123-ab-D12",
            ".lkms-abCD12",
            ".keyring.db.new-abCD12",
            "lkms-tmp-123-abCD12",
            ".lkms-tmp-99999999999-abCD12",
        ] {
            assert_eq!(owner_pid(other), None, "{other}");
        }
        assert_eq!(owner_pid(&random_name()), Some(std::process::id()));
    }

    #[test]
    fn unnamed_file_leaves_nothing_until_persisted() {
        let dir = tempfile::tempdir().expect("tempdir");
        let mut s = StagedFile::new_in(dir.path()).expect("stage");
        s.file_mut().write_all(b"secret").expect("write");
        if s.is_unnamed() {
            assert!(names(dir.path()).is_empty(), "an unnamed file has a name");
        }
        drop(s);
        assert!(names(dir.path()).is_empty(), "a dropped staged file stayed");
    }

    fn persist_semantics(make: impl Fn(&Path) -> StagedFile) {
        let dir = tempfile::tempdir().expect("tempdir");
        let target = dir.path().join("out");
        let mut s = make(dir.path());
        s.file_mut().write_all(b"first").expect("write");
        s.persist(&target, false).expect("persist new");
        assert_eq!(fs::read(&target).expect("read"), b"first");

        // No clobber: the existing file stays, the staged one goes.
        let mut s = make(dir.path());
        s.file_mut().write_all(b"second").expect("write");
        let e = s.persist(&target, false).expect_err("must not replace");
        assert_eq!(e.kind(), io::ErrorKind::AlreadyExists);
        assert_eq!(fs::read(&target).expect("read"), b"first");
        assert_eq!(names(dir.path()), ["out"]);

        // Replace when told to.
        let mut s = make(dir.path());
        s.file_mut().write_all(b"third").expect("write");
        s.persist(&target, true).expect("replace");
        let mut got = String::new();
        File::open(&target)
            .and_then(|mut f| f.read_to_string(&mut got))
            .expect("read");
        assert_eq!(got, "third");
        assert_eq!(names(dir.path()), ["out"]);
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let mode = fs::metadata(&target).expect("meta").permissions().mode();
            assert_eq!(mode & 0o077, 0, "a persisted file is private: {mode:o}");
        }
    }

    #[test]
    fn unnamed_persist_links_without_replacing_unless_told() {
        persist_semantics(|d| StagedFile::new_in(d).expect("stage"));
    }

    #[test]
    fn named_persist_renames_without_replacing_unless_told() {
        persist_semantics(|d| StagedFile::named_in(d).expect("stage"));
    }

    #[test]
    fn named_file_is_registered_until_persisted_or_dropped() {
        let dir = tempfile::tempdir().expect("tempdir");
        let s = StagedFile::named_in(dir.path()).expect("stage");
        let path = s.name.as_ref().expect("named").path.clone();
        assert!(path.exists() && registered(&path));
        drop(s);
        assert!(!path.exists() && !registered(&path));

        let s = StagedPath::new_in(dir.path()).expect("stage");
        let path = s.path().to_path_buf();
        fs::write(with_suffix(&path, "-journal"), b"j").expect("companion");
        assert!(registered(&path));
        drop(s);
        assert!(
            names(dir.path()).is_empty(),
            "companions stay: {:?}",
            names(dir.path())
        );

        let s = StagedPath::new_in(dir.path()).expect("stage");
        let path = s.path().to_path_buf();
        s.persist(&dir.path().join("db"), false).expect("persist");
        assert!(!registered(&path));
        assert_eq!(names(dir.path()), ["db"]);
    }

    #[test]
    fn a_signal_removes_every_named_file() {
        let dir = tempfile::tempdir().expect("tempdir");
        let a = StagedFile::named_in(dir.path()).expect("stage");
        let b = StagedPath::new_in(dir.path()).expect("stage");
        fs::write(with_suffix(b.path(), "-wal"), b"w").expect("companion");
        // What a signal removes (here only this test's files: the other
        // tests' staged files are registered too, and must survive).
        let ours: Vec<PathBuf> = registry()
            .iter()
            .filter(|p| p.starts_with(dir.path()))
            .cloned()
            .collect();
        assert_eq!(ours.len(), 2, "{ours:?}");
        remove_all(&ours);
        assert!(
            names(dir.path()).is_empty(),
            "left: {:?}",
            names(dir.path())
        );
        drop((a, b));
    }

    #[cfg(unix)]
    #[test]
    fn sweep_removes_only_stale_files_of_dead_processes() {
        let dir = tempfile::tempdir().expect("tempdir");
        let mut child = std::process::Command::new("true")
            .spawn()
            .expect("spawn true");
        let dead = child.id();
        child.wait().expect("wait");
        let me = std::process::id();
        let stale = [
            format!("{PREFIX}{dead}-abcDEF"),
            format!("{PREFIX}{dead}-abcDEF-wal"),
            // This very pid, not registered: an earlier process's, whose
            // pid was reused.
            format!("{PREFIX}{me}-xyzXYZ"),
        ];
        let kept = [
            format!("{PREFIX}1-abcDEF"),          // init: alive
            format!(".lkms-{dead}-abcDEF"),       // not lkms's name
            format!("{PREFIX}{dead}-abcDEF.txt"), // not lkms's name
            format!("{PREFIX}{dead}-abc"),        // not lkms's name
        ];
        let hour_ago = SystemTime::now() - std::time::Duration::from_secs(3600);
        for n in stale.iter().chain(&kept) {
            let f = File::create(dir.path().join(n)).expect("create");
            f.set_modified(hour_ago).expect("set mtime");
        }
        // A dead process's file changed after this process started stays.
        let fresh = format!("{PREFIX}{dead}-fresh1");
        let f = File::create(dir.path().join(&fresh)).expect("create");
        f.set_modified(SystemTime::now() + std::time::Duration::from_secs(60))
            .expect("set mtime");
        // A registered file of this process stays, old as it may be.
        let mine = StagedPath::new_in(dir.path()).expect("stage");
        mine.file.set_modified(hour_ago).expect("set mtime");
        let mine_name = mine
            .path()
            .file_name()
            .expect("name")
            .to_string_lossy()
            .into_owned();

        let mut removed: Vec<String> = sweep(dir.path())
            .iter()
            .map(|p| p.file_name().expect("name").to_string_lossy().into_owned())
            .collect();
        removed.sort();
        let mut want = stale.to_vec();
        want.sort();
        assert_eq!(removed, want);
        let left = names(dir.path());
        for k in kept.iter().chain([&fresh, &mine_name]) {
            assert!(left.contains(k), "{k} was swept");
        }
        // One sweep per folder and process.
        File::create(dir.path().join(&stale[0]))
            .and_then(|f| f.set_modified(hour_ago))
            .expect("recreate");
        assert!(sweep(dir.path()).is_empty());
        drop(mine);
    }
}
