//! Test harness: an isolated environment per test and thin wrappers around
//! the `lkms` binary.
//!
//! Every command starts from a cleared environment: only `PATH`, `HOME` (a
//! directory inside the test's temporary directory), `LKMS_KEYRING` and the
//! credential the test chose are set. Stdin is `/dev/null`, stdout and stderr
//! are pipes, so `lkms` never sees a terminal.

use std::ffi::{OsStr, OsString};
use std::fmt;
use std::io::Read;
use std::os::unix::fs::PermissionsExt;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::thread;
use std::time::{Duration, Instant};

use serde_json::Value;
use tempfile::TempDir;
use time::OffsetDateTime;
use time::format_description::well_known::{Iso8601, Rfc3339};

/// The binary under test.
pub const BIN: &str = env!("CARGO_BIN_EXE_lkms");

/// The passphrase `init_with_passphrase` uses.
pub const PASSPHRASE: &str = "correct horse battery staple";

/// Exit codes of the contract.
pub const EXIT_USAGE: i32 = 2;
pub const EXIT_INVALID_VALUE: i32 = 252;
pub const EXIT_KEYRING: i32 = 253;
pub const EXIT_KMS: i32 = 254;

/// Guard against a hung process (a lock never released, a prompt on
/// /dev/tty): no test relies on it for correctness.
const HANG_GUARD: Duration = Duration::from_secs(180);

/// Which credential `TestEnv::cmd` passes.
#[derive(Clone, Debug)]
pub enum Cred {
    None,
    /// `LKMS_PASSPHRASE`.
    Passphrase(String),
    /// `--passphrase-file FILE`.
    PassphraseFile(PathBuf),
    /// `LKMS_IDENTITY`.
    Identity(PathBuf),
    /// `--identity FILE`.
    IdentityFlag(PathBuf),
}

/// The result of one `lkms` run.
pub struct Out {
    pub args: Vec<OsString>,
    /// Exit code; -1 when the process died from a signal.
    pub code: i32,
    pub stdout: String,
    pub stderr: String,
}

impl fmt::Debug for Out {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "`{:?}` exited {}\n--- stdout ---\n{}\n--- stderr ---\n{}",
            self.args, self.code, self.stdout, self.stderr
        )
    }
}

/// The stderr line of a failure that raised `exception`, in the AWS CLI's
/// wording: `An error occurred (<exception>) when calling the <Operation>
/// operation: <message>`.
pub fn error_line<'a>(stderr: &'a str, exception: &str) -> Option<&'a str> {
    let needle = format!("An error occurred ({exception}) when calling the ");
    stderr.lines().find(|l| l.starts_with(&needle))
}

/// Whether stderr has an error line, whatever the exception.
pub fn has_error_line(stderr: &str) -> bool {
    stderr.lines().any(|l| l.starts_with("An error occurred ("))
}

impl Out {
    /// Asserts a zero exit and returns self.
    #[track_caller]
    pub fn success(self) -> Self {
        assert_eq!(self.code, 0, "expected success: {self:?}");
        self
    }

    /// Asserts exit `code` and an error line naming `exception`.
    #[track_caller]
    pub fn failure(self, code: i32, exception: &str) -> Self {
        assert_eq!(
            self.code, code,
            "expected exit {code} ({exception}): {self:?}"
        );
        self.assert_exception(exception)
    }

    /// Asserts stderr names `exception` in the AWS CLI's wording.
    #[track_caller]
    pub fn assert_exception(self, exception: &str) -> Self {
        assert!(
            error_line(&self.stderr, exception).is_some(),
            "expected an `An error occurred ({exception}) ...` line on stderr: {self:?}"
        );
        self
    }

    /// The error line naming `exception`, or "" when there is none.
    pub fn error_line(&self, exception: &str) -> String {
        error_line(&self.stderr, exception)
            .unwrap_or_default()
            .to_owned()
    }

    /// Parses stdout as JSON.
    #[track_caller]
    pub fn json(&self) -> Value {
        serde_json::from_str(&self.stdout)
            .unwrap_or_else(|e| panic!("stdout is not JSON ({e}): {self:?}"))
    }
}

/// One test's world: a temporary directory holding HOME, the keyring and
/// any identity or passphrase files.
pub struct TestEnv {
    pub dir: TempDir,
    pub home: PathBuf,
    /// `<tmp>/kr/keyring.db`; the `kr` folder does not exist before
    /// `init` (init must create parent folders).
    pub keyring: PathBuf,
    pub cred: Cred,
    /// Set by the `init_*` helpers from init's output.
    pub keyring_id: String,
    /// `arn:aws:kms:<region>:<account>:` of the keyring, from init.
    pub arn_prefix: String,
}

impl TestEnv {
    pub fn new() -> Self {
        let dir = tempfile::Builder::new()
            .prefix("lkms-cli-")
            .tempdir()
            .expect("create temp dir");
        let home = dir.path().join("home");
        std::fs::create_dir(&home).expect("create HOME");
        let keyring = dir.path().join("kr").join("keyring.db");
        Self {
            dir,
            home,
            keyring,
            cred: Cred::None,
            keyring_id: String::new(),
            arn_prefix: String::new(),
        }
    }

    /// A path inside the temporary directory.
    pub fn path(&self, name: &str) -> PathBuf {
        self.dir.path().join(name)
    }

    /// Writes `contents` to a file in the temporary directory (mode 0600).
    pub fn write_file(&self, name: &str, contents: &str) -> PathBuf {
        let p = self.path(name);
        std::fs::write(&p, contents).expect("write file");
        std::fs::set_permissions(&p, std::fs::Permissions::from_mode(0o600)).expect("chmod");
        p
    }

    fn base_env(&self, cmd: &mut Command) {
        cmd.env_clear();
        if let Some(path) = std::env::var_os("PATH") {
            cmd.env("PATH", path);
        }
        cmd.env("HOME", &self.home);
    }

    /// `lkms` with only PATH and HOME set (no keyring, no credential).
    pub fn raw_cmd(&self) -> Command {
        let mut cmd = Command::new(BIN);
        self.base_env(&mut cmd);
        cmd
    }

    /// `lkms` with `LKMS_KEYRING` set but no credential.
    pub fn bare_cmd(&self) -> Command {
        let mut cmd = self.raw_cmd();
        cmd.env("LKMS_KEYRING", &self.keyring);
        cmd
    }

    /// `lkms` with `LKMS_KEYRING` and the environment's credential.
    pub fn cmd(&self) -> Command {
        self.cmd_as(&self.cred)
    }

    /// `lkms` with `LKMS_KEYRING` and the given credential.
    pub fn cmd_as(&self, cred: &Cred) -> Command {
        let mut cmd = self.bare_cmd();
        apply_cred(&mut cmd, cred);
        cmd
    }

    /// Runs `lkms <args>` with the environment's credential.
    pub fn run<I, S>(&self, args: I) -> Out
    where
        I: IntoIterator<Item = S>,
        S: AsRef<OsStr>,
    {
        let mut cmd = self.cmd();
        cmd.args(args);
        run_cmd(cmd)
    }

    /// Runs `lkms <args>` with the given credential.
    pub fn run_as<I, S>(&self, cred: &Cred, args: I) -> Out
    where
        I: IntoIterator<Item = S>,
        S: AsRef<OsStr>,
    {
        let mut cmd = self.cmd_as(cred);
        cmd.args(args);
        run_cmd(cmd)
    }

    /// Runs `lkms <args>` and asserts success.
    #[track_caller]
    pub fn ok<I, S>(&self, args: I) -> Out
    where
        I: IntoIterator<Item = S>,
        S: AsRef<OsStr>,
    {
        self.run(args).success()
    }

    /// Runs `lkms --output json <args>`, asserts success, parses stdout.
    #[track_caller]
    pub fn json<I, S>(&self, args: I) -> Value
    where
        I: IntoIterator<Item = S>,
        S: AsRef<OsStr>,
    {
        self.json_as(&self.cred.clone(), args)
    }

    /// As `json`, with the given credential.
    #[track_caller]
    pub fn json_as<I, S>(&self, cred: &Cred, args: I) -> Value
    where
        I: IntoIterator<Item = S>,
        S: AsRef<OsStr>,
    {
        let mut cmd = self.cmd_as(cred);
        cmd.args(["--output", "json"]).args(args);
        run_cmd(cmd).success().json()
    }

    /// Runs `faketime -f <offset> lkms <args>` with the environment's
    /// credential (offset such as `+31d`).
    pub fn faketime<I, S>(&self, offset: &str, args: I) -> Out
    where
        I: IntoIterator<Item = S>,
        S: AsRef<OsStr>,
    {
        self.faketime_as(&self.cred, offset, args)
    }

    /// As [`TestEnv::faketime`], unlocking with `cred`.
    pub fn faketime_as<I, S>(&self, cred: &Cred, offset: &str, args: I) -> Out
    where
        I: IntoIterator<Item = S>,
        S: AsRef<OsStr>,
    {
        let mut cmd = Command::new("faketime");
        self.base_env(&mut cmd);
        cmd.env("LKMS_KEYRING", &self.keyring);
        cmd.args(["-f", offset, BIN]);
        apply_cred(&mut cmd, cred);
        cmd.args(["--output", "json"]).args(args);
        run_cmd(cmd)
    }

    /// `lkms init` with `LKMS_PASSPHRASE`; the environment then unlocks
    /// with that passphrase. Returns init's JSON.
    pub fn init_with_passphrase(&mut self) -> Value {
        self.cred = Cred::Passphrase(PASSPHRASE.to_owned());
        let out = self.json(["init"]);
        self.remember_keyring(&out);
        out
    }

    /// `lkms init --generate-identity <tmp>/identity.txt` with no other
    /// credential; the environment then unlocks with `LKMS_IDENTITY`.
    /// Returns init's JSON.
    pub fn init_with_identity(&mut self) -> Value {
        let id = self.path("identity.txt");
        let out = self.json_as(
            &Cred::None,
            [
                OsStr::new("init"),
                OsStr::new("--generate-identity"),
                id.as_os_str(),
            ],
        );
        self.cred = Cred::Identity(id);
        self.remember_keyring(&out);
        out
    }

    /// Keeps the keyring id and ARN prefix from init's output.
    pub fn remember_keyring(&mut self, init: &Value) {
        self.keyring_id = str_field(init, "KeyringId");
        self.arn_prefix = format!(
            "arn:aws:kms:{}:{}:",
            str_field(init, "Region"),
            str_field(init, "Account")
        );
    }

    /// The ARN of a key of this keyring.
    pub fn key_arn(&self, id: &str) -> String {
        format!("{}key/{id}", self.arn_prefix)
    }

    /// The ARN of an alias (`alias/...`) of this keyring.
    pub fn alias_arn(&self, name: &str) -> String {
        format!("{}{name}", self.arn_prefix)
    }

    /// `create-key`, returns the new KeyId.
    pub fn create_key(&self) -> String {
        let md = self.create_key_with::<[&str; 0], &str>([]);
        str_field(&md, "KeyId")
    }

    /// `create-key <args>`, returns KeyMetadata.
    #[track_caller]
    pub fn create_key_with<I, S>(&self, args: I) -> Value
    where
        I: IntoIterator<Item = S>,
        S: AsRef<OsStr>,
    {
        let mut all: Vec<OsString> = vec!["create-key".into()];
        all.extend(args.into_iter().map(|a| a.as_ref().to_owned()));
        let v = self.json(all);
        v.get("KeyMetadata")
            .cloned()
            .unwrap_or_else(|| panic!("no KeyMetadata in {v}"))
    }

    /// `describe-key --key-id <id>`, returns KeyMetadata.
    #[track_caller]
    pub fn describe(&self, key_id: &str) -> Value {
        let v = self.json(["describe-key", "--key-id", key_id]);
        v.get("KeyMetadata")
            .cloned()
            .unwrap_or_else(|| panic!("no KeyMetadata in {v}"))
    }

    /// All KeyIds from `list-keys`, following NextMarker, in order.
    /// `limit` is passed as `--limit` on every page.
    #[track_caller]
    pub fn list_all_keys(&self, limit: Option<u32>) -> (Vec<String>, usize) {
        let mut ids = Vec::new();
        let mut marker: Option<String> = None;
        let mut pages = 0;
        loop {
            let mut args: Vec<String> = vec!["list-keys".into()];
            if let Some(l) = limit {
                args.extend(["--limit".into(), l.to_string()]);
            }
            if let Some(m) = &marker {
                args.extend(["--marker".into(), m.clone()]);
            }
            let v = self.json(&args);
            pages += 1;
            let keys = v["Keys"]
                .as_array()
                .unwrap_or_else(|| panic!("no Keys array: {v}"));
            if let Some(l) = limit {
                assert!(
                    keys.len() <= l as usize,
                    "page larger than --limit {l}: {v}"
                );
            }
            for k in keys {
                ids.push(str_field(k, "KeyId"));
            }
            // Without --limit or --marker the CLI fetches every page and
            // prints one merged response without the paging fields, as
            // the AWS CLI does.
            let truncated = match v.get("Truncated") {
                None if limit.is_none() && marker.is_none() => false,
                t => t
                    .and_then(Value::as_bool)
                    .unwrap_or_else(|| panic!("Truncated is not a bool: {v}")),
            };
            if !truncated {
                assert!(
                    v.get("NextMarker").is_none_or(Value::is_null),
                    "NextMarker on the last page: {v}"
                );
                break;
            }
            marker = Some(str_field(&v, "NextMarker"));
            assert!(pages < 10_000, "list-keys pagination does not end");
        }
        (ids, pages)
    }

    /// The raw bytes of the keyring file (a SQLite database).
    pub fn keyring_bytes(&self) -> Vec<u8> {
        std::fs::read(&self.keyring).expect("read keyring")
    }

    /// Every record of the keyring except the audit trail and the state
    /// row, in a canonical order: what a refused command must leave as it
    /// was. (The audit trail lives in the same file and grows with every
    /// call, refused ones included, so the file's bytes do change.)
    pub fn records(&self) -> Records {
        records_of(&self.keyring)
    }
}

/// A keyring's records: (table, id, version, sealed data) each.
pub type Records = Vec<(String, String, i64, Vec<u8>)>;

/// The records of the keyring at `path` (see [`TestEnv::records`]).
pub fn records_of(path: &Path) -> Records {
    let db =
        rusqlite::Connection::open_with_flags(path, rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY)
            .expect("open the keyring database");
    let mut out = Vec::new();
    for table in ["slots", "keys", "aliases", "grants"] {
        let mut stmt = db
            .prepare(&format!(
                "SELECT id, version, data FROM {table} ORDER BY id"
            ))
            .expect("prepare");
        let rows = stmt
            .query_map([], |r| {
                Ok((table.to_owned(), r.get(0)?, r.get(1)?, r.get(2)?))
            })
            .expect("query");
        out.extend(rows.map(|r| r.expect("row")));
    }
    out
}

fn apply_cred(cmd: &mut Command, cred: &Cred) {
    match cred {
        Cred::None => {}
        Cred::Passphrase(p) => {
            cmd.env("LKMS_PASSPHRASE", p);
        }
        Cred::PassphraseFile(f) => {
            cmd.arg("--passphrase-file").arg(f);
        }
        Cred::Identity(f) => {
            cmd.env("LKMS_IDENTITY", f);
        }
        Cred::IdentityFlag(f) => {
            cmd.arg("--identity").arg(f);
        }
    }
}

/// Runs a prepared command (stdin null, stdout/stderr captured).
pub fn run_cmd(mut cmd: Command) -> Out {
    let args: Vec<OsString> = cmd.get_args().map(OsStr::to_owned).collect();
    cmd.stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    let child = cmd
        .spawn()
        .unwrap_or_else(|e| panic!("cannot spawn {:?}: {e}", cmd.get_program()));
    let (code, stdout, stderr) = wait_capture(child, HANG_GUARD, &args);
    Out {
        args,
        code,
        stdout,
        stderr,
    }
}

/// Waits for a child whose stdout/stderr are pipes, draining them, with a
/// generous hang guard. Returns (exit code or -1, stdout, stderr).
pub fn wait_capture(mut child: Child, guard: Duration, what: &[OsString]) -> (i32, String, String) {
    let so = child.stdout.take();
    let se = child.stderr.take();
    let t_out = thread::spawn(move || drain(so));
    let t_err = thread::spawn(move || drain(se));
    let deadline = Instant::now() + guard;
    let status = loop {
        if let Some(st) = child.try_wait().expect("wait for child") {
            break st;
        }
        if Instant::now() > deadline {
            let _ = child.kill();
            let _ = child.wait();
            panic!("lkms {what:?} still running after {guard:?} (hung?)");
        }
        thread::sleep(Duration::from_millis(2));
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

/// A string field of a JSON object, or a panic naming it.
#[track_caller]
pub fn str_field(v: &Value, name: &str) -> String {
    v.get(name)
        .and_then(Value::as_str)
        .unwrap_or_else(|| panic!("no string field {name:?} in {v}"))
        .to_owned()
}

/// A slot's SlotId as a command-line argument (number or string in JSON).
#[track_caller]
pub fn slot_id(slot: &Value) -> String {
    match slot.get("SlotId") {
        Some(Value::Number(n)) => n.to_string(),
        Some(Value::String(s)) => s.clone(),
        _ => panic!("no SlotId in {slot}"),
    }
}

/// True for a canonical lowercase UUID v4 (`8-4-4-4-12`, version nibble 4).
pub fn is_uuid_v4(s: &str) -> bool {
    let b = s.as_bytes();
    b.len() == 36
        && b.iter().enumerate().all(|(i, c)| match i {
            8 | 13 | 18 | 23 => *c == b'-',
            _ => c.is_ascii_hexdigit() && !c.is_ascii_uppercase(),
        })
        && b[14] == b'4'
        && matches!(b[19], b'8' | b'9' | b'a' | b'b')
}

/// Parses an ISO 8601 / RFC 3339 timestamp.
#[track_caller]
pub fn parse_time(s: &str) -> OffsetDateTime {
    OffsetDateTime::parse(s, &Rfc3339)
        .or_else(|_| OffsetDateTime::parse(s, &Iso8601::DEFAULT))
        .unwrap_or_else(|e| panic!("not an ISO 8601 timestamp: {s:?} ({e})"))
}

/// Permission bits of a file.
pub fn mode(p: &Path) -> u32 {
    std::fs::metadata(p).expect("stat").permissions().mode() & 0o777
}

/// `age-keygen -o <path>`; returns the identity's recipient (`age1...`).
pub fn age_keygen(path: &Path) -> String {
    let out = Command::new("age-keygen")
        .arg("-o")
        .arg(path)
        .stdin(Stdio::null())
        .output()
        .expect("age-keygen is installed");
    assert!(out.status.success(), "age-keygen failed: {out:?}");
    age_recipient_of(path)
}

/// `age-keygen -y <identity file>`.
pub fn age_recipient_of(path: &Path) -> String {
    let out = Command::new("age-keygen")
        .arg("-y")
        .arg(path)
        .stdin(Stdio::null())
        .output()
        .expect("age-keygen is installed");
    assert!(
        out.status.success(),
        "age-keygen -y {path:?} failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout)
        .expect("UTF-8")
        .trim()
        .to_owned()
}

/// A test environment with a keyring unlocked by a fresh age identity.
pub fn env_with_keyring() -> TestEnv {
    let mut env = TestEnv::new();
    env.init_with_identity();
    env
}

/// Runs `openssl <args>` in the test's directory.
pub fn openssl_run<I, S>(env: &TestEnv, args: I) -> std::process::Output
where
    I: IntoIterator<Item = S>,
    S: AsRef<OsStr>,
{
    Command::new("openssl")
        .current_dir(env.dir.path())
        .args(args)
        .stdin(std::process::Stdio::null())
        .output()
        .expect("openssl is installed (.ci/run installs it)")
}

/// Runs `openssl <args>` in the test's directory, asserts success, returns
/// stdout.
#[track_caller]
pub fn openssl<I, S>(env: &TestEnv, args: I) -> Vec<u8>
where
    I: IntoIterator<Item = S>,
    S: AsRef<OsStr>,
{
    let args: Vec<std::ffi::OsString> = args.into_iter().map(|a| a.as_ref().to_owned()).collect();
    let out = openssl_run(env, &args);
    assert!(
        out.status.success(),
        "openssl {args:?} failed:\n{}",
        String::from_utf8_lossy(&out.stderr)
    );
    out.stdout
}

/// A temporary path as the argument it is.
pub fn path_str(p: &Path) -> &str {
    p.to_str().expect("temporary paths are UTF-8")
}

/// Standard base64, as the CLI takes and prints blobs.
pub fn b64(bytes: &[u8]) -> String {
    use base64::Engine as _;
    base64::engine::general_purpose::STANDARD.encode(bytes)
}

/// Decodes standard base64, failing the test on bad input.
#[track_caller]
pub fn unb64(s: &str) -> Vec<u8> {
    use base64::Engine as _;
    base64::engine::general_purpose::STANDARD
        .decode(s)
        .unwrap_or_else(|e| panic!("not base64 ({e}): {s:?}"))
}
