//! PostgreSQL for the tests of the PostgreSQL store (issue 16): the shared
//! cluster `.ci/run` starts (`LKMS_TEST_POSTGRES`), a database of its own
//! for every test (so tests run in parallel), a private cluster for a test
//! that stops PostgreSQL, and `lkms --store URL` in a [`TestEnv`].
//!
//! Without `LKMS_TEST_POSTGRES` a test skips (saying why), unless
//! `LKMS_REQUIRE_POSTGRES` is set: then it fails.

use std::ffi::{OsStr, OsString};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use serde_json::Value;

use crate::env::{Out, TestEnv, run_cmd, str_field};

/// The script that starts and stops a throwaway cluster.
pub const SCRIPT: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/support/postgres.sh");

/// The URL (password included) of a role that may CREATE DATABASE, to the
/// `postgres` database; `None`, after saying why, when the test skips.
pub fn admin_url() -> Option<String> {
    match std::env::var("LKMS_TEST_POSTGRES") {
        Ok(url) if !url.is_empty() => Some(url),
        _ => {
            assert!(
                std::env::var_os("LKMS_REQUIRE_POSTGRES").is_none_or(|v| v.is_empty()),
                "LKMS_REQUIRE_POSTGRES is set but LKMS_TEST_POSTGRES is not \
                 (start a cluster with tests/support/postgres.sh and eval its `env`)"
            );
            eprintln!(
                "skipped: LKMS_TEST_POSTGRES is unset (.ci/run starts a PostgreSQL cluster and sets it)"
            );
            None
        }
    }
}

/// `LKMS_TEST_POSTGRES_TLS`: the admin URL over TLS (verify-full, with the
/// cluster's CA as sslrootcert). Required whenever `LKMS_TEST_POSTGRES` is
/// set.
pub fn admin_tls_url() -> String {
    std::env::var("LKMS_TEST_POSTGRES_TLS")
        .ok()
        .filter(|u| !u.is_empty())
        .expect("LKMS_TEST_POSTGRES_TLS is set beside LKMS_TEST_POSTGRES")
}

/// `postgres://user:password@host:port/db?query` split into (before the
/// database, database, query without its `?`).
fn split_url(url: &str) -> (&str, &str, &str) {
    let (main, query) = url.split_once('?').unwrap_or((url, ""));
    let scheme_end = main.find("://").map_or(0, |i| i + 3);
    let slash = main[scheme_end..]
        .find('/')
        .map_or(main.len(), |i| scheme_end + i);
    (&main[..slash], main[slash..].trim_start_matches('/'), query)
}

/// `url` naming database `db` instead, its query kept.
pub fn with_db(url: &str, db: &str) -> String {
    let (base, _, query) = split_url(url);
    if query.is_empty() {
        format!("{base}/{db}")
    } else {
        format!("{base}/{db}?{query}")
    }
}

/// `url` without its query (no TLS parameters).
pub fn without_query(url: &str) -> String {
    url.split_once('?').map_or(url, |(u, _)| u).to_owned()
}

/// `url` with `query` (`name=value&...`) in place of its own.
pub fn with_query(url: &str, query: &str) -> String {
    format!("{}?{query}", without_query(url))
}

/// The password in `url`.
pub fn password_of(url: &str) -> String {
    let (base, _, _) = split_url(url);
    let userinfo = base
        .split_once("://")
        .map_or(base, |(_, rest)| rest)
        .rsplit_once('@')
        .map(|(u, _)| u)
        .expect("a user in the URL");
    userinfo
        .split_once(':')
        .map(|(_, p)| p.to_owned())
        .expect("a password in the URL")
}

/// `url` with password `password` instead of its own.
pub fn with_password(url: &str, password: &str) -> String {
    let old = password_of(url);
    url.replacen(&format!(":{old}@"), &format!(":{password}@"), 1)
}

/// Runs one SQL command with `psql` on `url`; its unaligned, tuples-only
/// output.
#[track_caller]
pub fn psql(url: &str, sql: &str) -> String {
    let out = Command::new("psql")
        .env_clear()
        .env("PATH", std::env::var_os("PATH").unwrap_or_default())
        .args([
            "-X",
            "-q",
            "-A",
            "-t",
            "-v",
            "ON_ERROR_STOP=1",
            "-d",
            url,
            "-c",
            sql,
        ])
        .stdin(Stdio::null())
        .output()
        .expect("psql is installed (Debian's postgresql package; .ci/run installs it)");
    assert!(
        out.status.success(),
        "psql {sql:?} failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout)
        .expect("UTF-8")
        .trim()
        .to_owned()
}

/// A database of its own for one test, dropped when the test ends.
pub struct Db {
    admin: String,
    /// `lkms_<random>`.
    pub name: String,
    /// The admin URL naming this database.
    pub url: String,
}

impl Db {
    /// `CREATE DATABASE lkms_<random>` on the cluster of `admin`.
    pub fn create(admin: &str) -> Db {
        let name = format!("lkms_{}", uuid::Uuid::new_v4().simple());
        psql(admin, &format!("CREATE DATABASE {name}"));
        Db {
            admin: admin.to_owned(),
            url: with_db(admin, &name),
            name,
        }
    }

    /// This database on another URL of the same cluster (e.g. over TLS).
    pub fn on(&self, url: &str) -> String {
        with_db(url, &self.name)
    }

    /// Runs SQL in this database (as the admin role).
    #[track_caller]
    pub fn sql(&self, sql: &str) -> String {
        psql(&self.url, sql)
    }
}

impl Drop for Db {
    fn drop(&mut self) {
        // Ends the connections a killed server may have left too.
        let _ = Command::new("psql")
            .env_clear()
            .env("PATH", std::env::var_os("PATH").unwrap_or_default())
            .args(["-X", "-q", "-d", &self.admin, "-c"])
            .arg(format!(
                "DROP DATABASE IF EXISTS {} WITH (FORCE)",
                self.name
            ))
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .status();
    }
}

/// A private cluster (for a test that stops PostgreSQL, which would break
/// every other test on the shared one), stopped when dropped.
pub struct Cluster {
    dir: tempfile::TempDir,
    /// As `LKMS_TEST_POSTGRES`, for this cluster.
    pub admin: String,
}

impl Cluster {
    /// initdb and start a cluster in a new temporary directory; `None` when
    /// the tests skip PostgreSQL (see [`admin_url`]).
    pub fn start() -> Option<Cluster> {
        admin_url()?;
        // Directly in the temporary folder: as root the script hands the
        // directory to user postgres, who must be able to reach it.
        let dir = tempfile::Builder::new()
            .prefix("lkms-pg-")
            .tempdir()
            .expect("create a temporary directory");
        let mut cluster = Cluster {
            dir,
            admin: String::new(),
        };
        cluster.script("start");
        let env = cluster.script("env");
        cluster.admin = env
            .lines()
            .find_map(|l| l.strip_prefix("export LKMS_TEST_POSTGRES='"))
            .and_then(|v| v.strip_suffix('\''))
            .unwrap_or_else(|| panic!("no LKMS_TEST_POSTGRES in {env:?}"))
            .to_owned();
        Some(cluster)
    }

    /// Runs `postgres.sh <what> DIR`, failing the test when it fails.
    #[track_caller]
    pub fn script(&self, what: &str) -> String {
        let out = Command::new(SCRIPT)
            .arg(what)
            .arg(self.dir.path())
            .stdin(Stdio::null())
            .output()
            .expect("run tests/support/postgres.sh");
        assert!(
            out.status.success(),
            "postgres.sh {what} failed: {}\n--- server log ---\n{}",
            String::from_utf8_lossy(&out.stderr),
            self.log()
        );
        String::from_utf8(out.stdout).expect("UTF-8")
    }

    /// Fast shutdown: clients are disconnected, the cluster kept.
    pub fn stop(&self) {
        self.script("stop");
    }

    /// Starts the stopped cluster again, on the same port.
    pub fn start_again(&self) {
        self.script("start");
    }

    /// The server's log.
    pub fn log(&self) -> String {
        std::fs::read_to_string(self.dir.path().join("server.log")).unwrap_or_default()
    }
}

impl Drop for Cluster {
    fn drop(&mut self) {
        let _ = Command::new(SCRIPT)
            .arg("kill")
            .arg(self.dir.path())
            .stdin(Stdio::null())
            .output();
    }
}

/// A test's world on a PostgreSQL store: a [`TestEnv`] (HOME, files), the
/// test's database, and the age identity `init` generated.
pub struct Store {
    pub env: TestEnv,
    pub db: Db,
    /// The store URL lkms is given (password included).
    pub url: String,
    /// The identity `init` writes; every command unlocks with it.
    pub identity: PathBuf,
}

impl Store {
    /// A new database on the cluster of `admin`; nothing in it yet.
    pub fn new(admin: &str) -> Store {
        Store::with_env(TestEnv::new(), admin)
    }

    /// A new database on the cluster of `admin` for `env`, whose
    /// `identity.txt` (where [`TestEnv::init_with_identity`] writes it)
    /// unlocks what is migrated there.
    pub fn with_env(env: TestEnv, admin: &str) -> Store {
        let db = Db::create(admin);
        let identity = env.path("identity.txt");
        Store {
            url: db.url.clone(),
            env,
            db,
            identity,
        }
    }

    /// A new database on the shared cluster, or `None` when tests skip.
    pub fn shared() -> Option<Store> {
        admin_url().map(|a| Store::new(&a))
    }

    /// A new store on the shared cluster, `init`ed; `None` when tests skip.
    pub fn shared_init() -> Option<Store> {
        let store = Store::shared()?;
        store.init().success();
        Some(store)
    }

    /// `lkms --store <url>` with HOME only: no credential.
    pub fn bare_cmd(&self, url: &str) -> Command {
        let mut cmd = self.env.raw_cmd();
        cmd.arg("--store").arg(url);
        cmd
    }

    /// `lkms --store <self.url>` unlocking with the identity.
    pub fn cmd(&self) -> Command {
        self.cmd_on(&self.url)
    }

    /// `lkms --store <url>` unlocking with the identity.
    pub fn cmd_on(&self, url: &str) -> Command {
        let mut cmd = self.bare_cmd(url);
        cmd.env("LKMS_IDENTITY", &self.identity);
        cmd
    }

    /// `lkms --store URL --output json init --generate-identity <identity>`.
    pub fn init(&self) -> Out {
        self.init_on(&self.url)
    }

    /// As [`Store::init`], on another URL.
    pub fn init_on(&self, url: &str) -> Out {
        let mut cmd = self.bare_cmd(url);
        cmd.args(["--output", "json", "init", "--generate-identity"])
            .arg(&self.identity);
        run_cmd(cmd)
    }

    /// Runs `lkms --store URL <args>`.
    pub fn run<I, S>(&self, args: I) -> Out
    where
        I: IntoIterator<Item = S>,
        S: AsRef<OsStr>,
    {
        let mut cmd = self.cmd();
        cmd.args(args);
        run_cmd(cmd)
    }

    /// Runs `lkms --store URL <args>`, asserting success.
    #[track_caller]
    pub fn ok<I, S>(&self, args: I) -> Out
    where
        I: IntoIterator<Item = S>,
        S: AsRef<OsStr>,
    {
        self.run(args).success()
    }

    /// Runs `lkms --store URL --output json <args>`, asserting success.
    #[track_caller]
    pub fn json<I, S>(&self, args: I) -> Value
    where
        I: IntoIterator<Item = S>,
        S: AsRef<OsStr>,
    {
        let mut all: Vec<OsString> = vec!["--output".into(), "json".into()];
        all.extend(args.into_iter().map(|a| a.as_ref().to_owned()));
        self.run(all).success().json()
    }

    /// `faketime -f <offset> lkms --store URL --output json <args>`.
    pub fn faketime_cmd<I, S>(&self, offset: &str, args: I) -> Command
    where
        I: IntoIterator<Item = S>,
        S: AsRef<OsStr>,
    {
        let mut cmd = Command::new("faketime");
        cmd.env_clear();
        if let Some(path) = std::env::var_os("PATH") {
            cmd.env("PATH", path);
        }
        cmd.env("HOME", &self.env.home)
            .env("LKMS_IDENTITY", &self.identity)
            .args(["-f", offset, crate::env::BIN, "--store", &self.url])
            .args(["--output", "json"])
            .args(args);
        cmd
    }

    /// `create-key`; the new KeyId.
    #[track_caller]
    pub fn create_key(&self) -> String {
        str_field(&self.json(["create-key"])["KeyMetadata"], "KeyId")
    }

    /// Every KeyId `list-keys` prints (all pages, merged).
    #[track_caller]
    pub fn key_ids(&self) -> Vec<String> {
        let v = self.json(["list-keys"]);
        v["Keys"]
            .as_array()
            .unwrap_or_else(|| panic!("no Keys in {v}"))
            .iter()
            .map(|k| str_field(k, "KeyId"))
            .collect()
    }

    /// The audit records `audit show <filters>` prints.
    #[track_caller]
    pub fn audit_records(&self, filters: &[&str]) -> Vec<Value> {
        let mut args = vec!["audit", "show"];
        args.extend_from_slice(filters);
        let v = self.json(&args);
        v["Records"]
            .as_array()
            .unwrap_or_else(|| panic!("no Records in {v}"))
            .clone()
    }

    /// `audit verify` and `verify-keyring` both pass.
    #[track_caller]
    pub fn assert_verifies(&self, when: &str) {
        let out = self.run(["audit", "verify"]);
        assert_eq!(out.code, 0, "audit verify {when}: {out:?}");
        let out = self.run(["verify-keyring"]);
        assert_eq!(out.code, 0, "verify-keyring {when}: {out:?}");
    }

    /// The password of the store URL.
    pub fn password(&self) -> String {
        password_of(&self.url)
    }
}

/// Asserts `secret` is in neither stdout nor stderr of `out`.
#[track_caller]
pub fn assert_not_shown(out: &Out, secret: &str) {
    assert!(
        !out.stdout.contains(secret) && !out.stderr.contains(secret),
        "the password {secret:?} is shown: {out:?}"
    );
}

/// Asserts no file under `dir` contains `secret` (a password written to a
/// pin file, a log or a config would be).
#[track_caller]
pub fn assert_no_file_holds(dir: &Path, secret: &str) {
    let needle = secret.as_bytes();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        let Ok(entries) = std::fs::read_dir(&d) else {
            continue;
        };
        for e in entries.flatten() {
            let p = e.path();
            if p.is_dir() {
                stack.push(p);
            } else if let Ok(bytes) = std::fs::read(&p) {
                assert!(
                    !bytes.windows(needle.len()).any(|w| w == needle),
                    "{} holds the password",
                    p.display()
                );
            }
        }
    }
}
