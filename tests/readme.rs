//! Every ```sh block of README.md runs as written, top to bottom, on a
//! fresh machine.
//!
//! How a block runs: one `bash --noprofile --norc -e -u -o pipefail FILE`
//! per block (the block's text is FILE), so each block must stand on its
//! own, as the Quickstart must; the blocks share what a reader's blocks
//! share between terminals: a temporary HOME (with the keyring and the
//! default identity in it) and a working folder. Stdin is /dev/null, so a
//! block that would prompt fails instead of waiting. The environment is
//! cleared: PATH, HOME, USER/LOGNAME, and the placeholders a block names.
//!
//! - PATH is `<shim>:$HOME/.cargo/bin:<the test's PATH>`. The shim is a
//!   `cargo` that, for exactly `cargo install --locked --path .` run in the
//!   lkms clone, copies the binary this test was built with to
//!   `$HOME/.cargo/bin/lkms` (what the real command does, without a second
//!   build) and fails for anything else. After the install block the built
//!   binary is the first `lkms` on PATH, and the test checks that and
//!   `man -w lkms`.
//! - Blocks whose first line starts with `# In a clone of this repository`
//!   run with the repository root as the working folder (they copy from
//!   `man/` and `completions/`); every other block runs in the temporary
//!   working folder, so nothing lands in the repository.
//! - The one block whose first line starts with `# (runs the test suite)`
//!   is skipped: it is `.ci/run`, which runs this test.
//! - A placeholder is written `${NAME:?message}`; `PLACEHOLDERS` gives each
//!   one a value, set only for the blocks that name it.
//! - Since a reader may also run every block in one shell, a block (other
//!   than a script with its own `#!`) may not `export`, `cd`, `set`, ...:
//!   that would change what the blocks after it do.
//! - Fences other than ```sh must be ```yaml, ```json, ```text or
//!   ```console, so no shell block is skipped by a typo (```bash).
//!
//! Beyond exit codes, the test checks that the install block put the built
//! binary first on PATH and the man pages where `man -w lkms` finds them,
//! that the backup and restore recipes round-trip a folder, that a backup
//! of a missing folder fails and leaves no file, and that the migration
//! keeps `keyring.toml.v1-backup`.
//!
//! `a_broken_block_fails_the_run` runs deliberately broken blocks through
//! the same runner and expects failures.

use std::cell::Cell;
use std::collections::BTreeSet;
use std::ffi::OsString;
use std::fmt::Write as _;
use std::io::Read;
use std::os::unix::fs::PermissionsExt;
use std::os::unix::process::CommandExt;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::thread;
use std::time::{Duration, Instant};

use tempfile::TempDir;

/// The binary under test.
const BIN: &str = env!("CARGO_BIN_EXE_lkms");
/// The repository root.
const ROOT: &str = env!("CARGO_MANIFEST_DIR");

/// First line of the one block the test does not run.
const SKIP_MARKER: &str = "# (runs the test suite)";
/// First line of the blocks that run in the repository root.
const CLONE_MARKER: &str = "# In a clone of this repository";
/// The fences README.md may use. Only `sh` runs; the others are YAML CI
/// recipes, JSON, output (`text`) and terminal sessions (`console`).
const FENCES: &[&str] = &["sh", "yaml", "json", "text", "console"];
/// A block still running after this long is killed (a prompt, a hang).
const BLOCK_GUARD: Duration = Duration::from_secs(300);
/// USER and LOGNAME of the blocks (lkms names init's principal after it).
const USER: &str = "reader";

/// The README's placeholders: name, and what the test sets it to.
#[derive(Clone, Copy, Debug)]
enum Placeholder {
    /// The folder the nightly backup archives.
    BackupSrc,
    /// The folder the nightly backups go to.
    BackupDest,
    /// A format 1 keyring: a copy of tests/fixtures/v1. Its credential is
    /// the fixture's identity, given as `LKMS_IDENTITY` (the reader's own
    /// credential for an old keyring, whatever it is).
    OldKeyring,
}

const PLACEHOLDERS: &[(&str, Placeholder)] = &[
    ("BACKUP_SRC", Placeholder::BackupSrc),
    ("BACKUP_DEST", Placeholder::BackupDest),
    ("OLD_KEYRING", Placeholder::OldKeyring),
];

/// One fenced block of the README.
#[derive(Clone, Debug)]
struct Block {
    /// The fence's info string (`sh`, `yaml`, ...).
    info: String,
    /// 1-based line of the opening fence.
    line: usize,
    /// The lines between the fences, each ending in '\n'.
    text: String,
}

impl Block {
    fn first_line(&self) -> &str {
        self.text.lines().next().unwrap_or("")
    }

    fn is_skipped(&self) -> bool {
        self.first_line().starts_with(SKIP_MARKER)
    }

    fn runs_in_clone(&self) -> bool {
        self.first_line().starts_with(CLONE_MARKER)
    }

    /// The names of `${NAME:?...}` placeholders in the block.
    fn placeholders(&self) -> BTreeSet<String> {
        let mut names = BTreeSet::new();
        let mut rest = self.text.as_str();
        while let Some(i) = rest.find("${") {
            rest = &rest[i + 2..];
            let name: String = rest
                .chars()
                .take_while(|c| c.is_ascii_alphanumeric() || *c == '_')
                .collect();
            if !name.is_empty() && rest[name.len()..].starts_with(":?") {
                names.insert(name);
            }
        }
        names
    }
}

/// The fenced blocks of a Markdown text, in order. Panics on a fence
/// without a language, a language not in `FENCES`, or an unclosed fence.
fn blocks(markdown: &str) -> Vec<Block> {
    let mut out = Vec::new();
    let mut open: Option<Block> = None;
    for (i, line) in markdown.lines().enumerate() {
        let trimmed = line.trim_start();
        if !trimmed.starts_with("```") {
            if let Some(b) = open.as_mut() {
                b.text.push_str(line);
                b.text.push('\n');
            }
            continue;
        }
        assert!(
            trimmed.len() == line.len(),
            "README.md line {}: an indented fence; the test reads only fences in column 1",
            i + 1
        );
        match open.take() {
            Some(b) => {
                assert_eq!(
                    line.trim_end(),
                    "```",
                    "README.md line {}: a fence opens inside the block of line {}",
                    i + 1,
                    b.line
                );
                out.push(b);
            }
            None => {
                let info = line[3..].trim().to_owned();
                assert!(
                    FENCES.contains(&info.as_str()),
                    "README.md line {}: fence language {info:?} is none of {FENCES:?}; \
                     shell that must run is ```sh, anything else one of the others",
                    i + 1
                );
                open = Some(Block {
                    info,
                    line: i + 1,
                    text: String::new(),
                });
            }
        }
    }
    if let Some(b) = open {
        panic!("README.md line {}: the block is never closed", b.line);
    }
    out
}

/// The outcome of one block.
struct Run {
    code: i32,
    stdout: String,
    stderr: String,
    cwd: PathBuf,
}

/// The failure report: the block, where it ran, its exit code, its output.
fn report(what: &str, block: &Block, run: &Run) -> String {
    let mut s = String::new();
    let which = if block.line == 0 {
        "a check block of the test".to_owned()
    } else {
        format!("README.md block at line {}", block.line)
    };
    let _ = writeln!(
        s,
        "{what}: {which} exited {} (working folder {})",
        run.code,
        run.cwd.display()
    );
    let _ = writeln!(s, "--- block ---\n{}", block.text.trim_end());
    let _ = writeln!(s, "--- stdout (end) ---\n{}", tail(&run.stdout, 3000));
    let _ = write!(s, "--- stderr ---\n{}", tail(&run.stderr, 12000));
    s
}

fn tail(s: &str, max: usize) -> &str {
    if s.len() <= max {
        return s;
    }
    let mut i = s.len() - max;
    while !s.is_char_boundary(i) {
        i += 1;
    }
    &s[i..]
}

/// A fresh machine: HOME, a working folder, the cargo shim, and what the
/// placeholders point at.
struct World {
    tmp: TempDir,
    home: PathBuf,
    work: PathBuf,
    path: OsString,
    /// Sourced by every block's bash (BASH_ENV): names the failing command.
    bash_env: PathBuf,
    /// Blocks run so far (names the script files).
    runs: Cell<usize>,
}

impl World {
    fn new() -> Self {
        let tmp = tempfile::Builder::new()
            .prefix("lkms-readme-")
            .tempdir()
            .expect("create temp dir");
        let home = tmp.path().join("home");
        let work = tmp.path().join("work");
        let shim = tmp.path().join("shim");
        for d in [&home, &work, &shim] {
            std::fs::create_dir(d).expect("create folder");
        }
        let cargo = shim.join("cargo");
        std::fs::write(&cargo, cargo_shim()).expect("write cargo shim");
        std::fs::set_permissions(&cargo, std::fs::Permissions::from_mode(0o755))
            .expect("chmod cargo shim");

        let mut path = OsString::from(&shim);
        path.push(":");
        path.push(home.join(".cargo").join("bin"));
        if let Some(p) = std::env::var_os("PATH") {
            path.push(":");
            path.push(p);
        }

        let bash_env = tmp.path().join("bash_env");
        std::fs::write(
            &bash_env,
            "trap 'echo \"README test: failed (exit $?) at line $LINENO of the block: $BASH_COMMAND\" >&2' ERR\n",
        )
        .expect("write BASH_ENV");

        Self {
            tmp,
            home,
            work,
            path,
            bash_env,
            runs: Cell::new(0),
        }
    }

    /// The value of a placeholder, and further environment it brings;
    /// made on first use.
    fn placeholder(&self, p: Placeholder) -> Vec<(String, PathBuf)> {
        let base = self.tmp.path();
        match p {
            Placeholder::BackupSrc => {
                let src = base.join("srv").join("data");
                if !src.exists() {
                    std::fs::create_dir_all(src.join("sub")).expect("mkdir backup source");
                    std::fs::write(src.join("orders.csv"), "id,amount\n1,10\n").expect("write");
                    std::fs::write(src.join("sub").join("notes.txt"), "nightly\n").expect("write");
                }
                vec![("BACKUP_SRC".into(), src)]
            }
            Placeholder::BackupDest => {
                let dest = base.join("backups");
                std::fs::create_dir_all(&dest).expect("mkdir backup dest");
                vec![("BACKUP_DEST".into(), dest)]
            }
            Placeholder::OldKeyring => {
                let dir = base.join("v1");
                if !dir.exists() {
                    std::fs::create_dir(&dir).expect("mkdir v1");
                    let fixture = Path::new(ROOT).join("tests/fixtures/v1");
                    for f in [
                        "keyring.toml",
                        "keyring.toml.audit.jsonl",
                        "keyring.toml.audit.head",
                        "identity.txt",
                    ] {
                        std::fs::copy(fixture.join(f), dir.join(f)).expect("copy the v1 fixture");
                    }
                }
                vec![
                    ("OLD_KEYRING".into(), dir.join("keyring.toml")),
                    ("LKMS_IDENTITY".into(), dir.join("identity.txt")),
                ]
            }
        }
    }

    /// Runs one block with bash, in the repository root or the working
    /// folder, and returns its outcome.
    fn run(&self, block: &Block) -> Run {
        self.run_with(block, &[])
    }

    /// As `run`, with `overrides` set after the placeholders.
    fn run_with(&self, block: &Block, overrides: &[(&str, &Path)]) -> Run {
        let cwd = if block.runs_in_clone() {
            PathBuf::from(ROOT)
        } else {
            self.work.clone()
        };
        let n = self.runs.get() + 1;
        self.runs.set(n);
        let script = self
            .tmp
            .path()
            .join(format!("block-{}-line-{}.sh", n, block.line));
        std::fs::write(&script, &block.text).expect("write block");

        let mut cmd = Command::new("bash");
        cmd.args(["--noprofile", "--norc", "-e", "-u", "-o", "pipefail"])
            .arg(&script)
            .env_clear()
            .env("PATH", &self.path)
            .env("HOME", &self.home)
            .env("USER", USER)
            .env("LOGNAME", USER)
            .env("BASH_ENV", &self.bash_env)
            .current_dir(&cwd)
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .process_group(0);
        for name in block.placeholders() {
            if let Some((_, p)) = PLACEHOLDERS.iter().find(|(n, _)| *n == name) {
                for (k, v) in self.placeholder(*p) {
                    cmd.env(k, v);
                }
            }
        }
        for (k, v) in overrides {
            cmd.env(k, v);
        }
        let (code, stdout, stderr) = wait(cmd);
        Run {
            code,
            stdout,
            stderr,
            cwd,
        }
    }

    /// Runs a block and panics with the report unless it succeeded.
    #[track_caller]
    fn expect_success(&self, block: &Block) -> Run {
        let run = self.run(block);
        assert!(run.code == 0, "{}", report("failed", block, &run));
        run
    }
}

/// The `cargo` the blocks find first on PATH.
fn cargo_shim() -> String {
    format!(
        r#"#!/bin/sh
# README test: stands in for `cargo install --locked --path .` in the lkms
# clone by installing the binary the test was built with; nothing else.
if [ "$#" -eq 4 ] && [ "$1" = install ] && [ "$2" = --locked ] && [ "$3" = --path ] && [ "$4" = . ] &&
    grep -q '^name = "lkms"$' Cargo.toml 2>/dev/null; then
    mkdir -p "$HOME/.cargo/bin" && cp '{BIN}' "$HOME/.cargo/bin/lkms" && exit 0
    exit 1
fi
echo "cargo (README test shim): only 'cargo install --locked --path .' in the lkms clone; got: cargo $* (in $PWD)" >&2
exit 101
"#
    )
}

/// Spawns `cmd` (stdout/stderr piped, its own process group) and waits,
/// killing the group after `BLOCK_GUARD`. Returns (code or -1, out, err).
fn wait(mut cmd: Command) -> (i32, String, String) {
    let mut child = cmd.spawn().expect("spawn bash");
    let so = child.stdout.take();
    let se = child.stderr.take();
    let t_out = thread::spawn(move || drain(so));
    let t_err = thread::spawn(move || drain(se));
    let deadline = Instant::now() + BLOCK_GUARD;
    let status = loop {
        if let Some(st) = child.try_wait().expect("wait for bash") {
            break st;
        }
        if Instant::now() > deadline {
            let _ = Command::new("kill")
                .args(["-KILL", "--", &format!("-{}", child.id())])
                .status();
            let _ = child.wait();
            let err = t_err.join().unwrap_or_default();
            return (
                -1,
                t_out.join().unwrap_or_default(),
                format!("{err}\n(README test: killed after {BLOCK_GUARD:?}: a prompt or a hang)"),
            );
        }
        thread::sleep(Duration::from_millis(5));
    };
    let stdout = t_out.join().expect("stdout reader");
    let stderr = t_err.join().expect("stderr reader");
    (status.code().unwrap_or(-1), stdout, stderr)
}

fn drain<R: Read>(r: Option<R>) -> String {
    let mut buf = Vec::new();
    if let Some(mut r) = r {
        let _ = r.read_to_end(&mut buf);
    }
    String::from_utf8_lossy(&buf).into_owned()
}

/// A block the test writes itself (checks between README blocks).
fn check_block(text: &str) -> Block {
    Block {
        info: "sh".into(),
        line: 0,
        text: format!("{text}\n"),
    }
}

fn readme_blocks() -> Vec<Block> {
    let readme =
        std::fs::read_to_string(Path::new(ROOT).join("README.md")).expect("read README.md");
    blocks(&readme)
}

#[test]
fn readme_shell_blocks_run_as_written() {
    let all = readme_blocks();
    let sh: Vec<&Block> = all.iter().filter(|b| b.info == "sh").collect();

    // The shape: the install block first, exactly one skipped block, and
    // that one is `.ci/run` and nothing else.
    let first = sh.first().expect("README.md has ```sh blocks");
    assert!(
        first.runs_in_clone() && first.text.contains("cargo install --locked --path ."),
        "the first ```sh block must be the install block, marked {CLONE_MARKER:?}:\n{}",
        first.text
    );
    let skipped: Vec<&&Block> = sh.iter().filter(|b| b.is_skipped()).collect();
    assert_eq!(
        skipped.len(),
        1,
        "exactly one ```sh block may start with {SKIP_MARKER:?}, found at lines {:?}",
        skipped.iter().map(|b| b.line).collect::<Vec<_>>()
    );
    let commands: Vec<&str> = skipped[0]
        .text
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .collect();
    assert_eq!(
        commands,
        [".ci/run"],
        "the skipped block (line {}) must hold only `.ci/run`",
        skipped[0].line
    );

    // The blocks run one bash each; a reader may run them all in one
    // shell. So a block (other than a script with its own #!) must not
    // change the shell for the blocks after it.
    for b in &sh {
        if b.text.starts_with("#!") {
            continue;
        }
        for line in b.text.lines() {
            let word = line.split_whitespace().next().unwrap_or("");
            assert!(
                !["export", "cd", "set", "shopt", "unset", "source", "."].contains(&word),
                "README.md block at line {}: `{line}` changes the reader's shell for later blocks",
                b.line
            );
        }
    }

    // Every placeholder has a value here, and every value a placeholder.
    let used: BTreeSet<String> = sh.iter().flat_map(|b| b.placeholders()).collect();
    let known: BTreeSet<String> = PLACEHOLDERS.iter().map(|(n, _)| (*n).to_owned()).collect();
    assert_eq!(
        used, known,
        "README.md's ${{NAME:?...}} placeholders and the test's PLACEHOLDERS differ"
    );

    let world = World::new();
    for (i, block) in sh.iter().enumerate() {
        if block.is_skipped() {
            continue;
        }
        world.expect_success(block);
        if i == 0 {
            // The install block installed the built binary where PATH finds
            // it first, and the man pages where man-db finds them.
            world.expect_success(&check_block(&format!(
                r#"test "$(command -v lkms)" = "$HOME/.cargo/bin/lkms"
cmp "$HOME/.cargo/bin/lkms" '{BIN}'
test "$(man -w lkms)" = "$HOME/.cargo/share/man/man1/lkms.1""#
            )));
        }
    }

    // What the recipes promise, beyond exiting 0.
    let dest = world.tmp.path().join("backups");
    let backups: Vec<String> = std::fs::read_dir(&dest)
        .expect("the backup folder")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .collect();
    assert!(
        backups.len() == 1 && backups[0].starts_with("data-") && backups[0].ends_with(".tar.lkms"),
        "the nightly backup should leave exactly data-<date>.tar.lkms in {}: {backups:?}",
        dest.display()
    );
    for f in ["orders.csv", "sub/notes.txt"] {
        let a = std::fs::read(world.tmp.path().join("srv/data").join(f)).expect("source file");
        let b = std::fs::read(world.work.join("restored/data").join(f)).unwrap_or_default();
        assert_eq!(a, b, "the restore recipe did not restore data/{f}");
    }
    assert!(
        world.tmp.path().join("v1/keyring.toml.v1-backup").exists(),
        "the migration block should keep keyring.toml.v1-backup"
    );

    // A failing backup leaves no output: the same block, with a source
    // folder that does not exist, fails and adds nothing to the backups.
    let backup = sh
        .iter()
        .find(|b| b.text.contains("BACKUP_SRC") && b.text.contains("tar -C"))
        .expect("the nightly backup block");
    let broken_src = world.tmp.path().join("srv/missing");
    let _ = std::fs::remove_file(dest.join(&backups[0]));
    let run = world.run_with(backup, &[("BACKUP_SRC", &broken_src)]);
    assert!(
        run.code != 0,
        "{}",
        report("a backup of a missing folder should fail", backup, &run)
    );
    let left: Vec<_> = std::fs::read_dir(&dest).expect("backups").collect();
    assert!(
        left.is_empty(),
        "a failed backup left files in {}: {left:?}",
        dest.display()
    );
}

#[test]
fn a_broken_block_fails_the_run() {
    let world = World::new();
    // lkms installed as the README's first block does, so that lkms's own
    // failures are among those caught.
    world.expect_success(&check_block(&format!(
        "{CLONE_MARKER}\ncargo install --locked --path .\nlkms --version"
    )));
    for broken in [
        "false\necho not reached",
        "false | cat",
        "echo \"$NOT_SET_ANYWHERE\"",
        ": \"${RECIPIENT:?set RECIPIENT to an age1... recipient}\"",
        "lkms no-such-command",
        "lkms list-keys --output json | cat",
        "lkms encrypt --key-id alias/none --plaintext fileb://none | base64 -d > out",
        "cargo build",
        "cd / && cargo install --locked --path .",
    ] {
        let block = check_block(broken);
        let run = world.run(&block);
        assert!(
            run.code != 0,
            "the runner passed a broken block:\n{}",
            report("self-check", &block, &run)
        );
        let caught = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
            world.expect_success(&block);
        }));
        let msg = match caught {
            Ok(()) => panic!("expect_success accepted the broken block {broken:?}"),
            Err(e) => e
                .downcast_ref::<String>()
                .cloned()
                .or_else(|| e.downcast_ref::<&str>().map(|s| (*s).to_owned()))
                .unwrap_or_default(),
        };
        assert!(
            msg.contains(broken.lines().next().unwrap_or(broken)) && msg.contains("--- stderr ---"),
            "the failure report lacks the block or its stderr:\n{msg}"
        );
    }

    // A prompt cannot wait: stdin is not a terminal.
    let run = world.run(&check_block("read -r answer\necho \"got $answer\""));
    assert!(
        run.code != 0,
        "a read from stdin should fail: {}",
        run.stdout
    );

    // The parser refuses fences the test would silently skip.
    for bad in ["```bash\nls\n```\n", "```\nls\n```\n", "```sh\nls\n"] {
        let r = std::panic::catch_unwind(|| blocks(bad));
        assert!(r.is_err(), "blocks() accepted {bad:?}");
    }
}
