//! A running `lkms serve` for one test: started on a loopback port the
//! kernel picks, ready when it writes its `--ready-file`, stopped (SIGTERM,
//! then SIGKILL) when dropped.

use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use serde_json::Value;

use crate::env::{TestEnv, str_field};

/// How long a server may take to unlock the keyring and listen.
const START_GUARD: Duration = Duration::from_secs(60);

/// A server process and the endpoint it listens on.
pub struct Server {
    child: Option<Child>,
    /// `http://127.0.0.1:<port>` (or `https://…` with TLS).
    pub url: String,
    /// Where the server's stderr (its access log and errors) goes.
    pub log: PathBuf,
}

/// An access key as `lkms access-key create` prints it.
#[derive(Clone, Debug)]
pub struct AccessKey {
    pub id: String,
    pub secret: String,
    pub principal: String,
}

impl Server {
    /// Starts `lkms serve` on the environment's keyring with its credential,
    /// plus `extra` arguments (`--listen 127.0.0.1:0` unless they hold a
    /// `--listen`), and waits until it is ready.
    pub fn start(env: &TestEnv, extra: &[&str]) -> Server {
        static STARTED: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);
        let tag = STARTED.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        let mut cmd = env.cmd();
        cmd.arg("serve");
        // A test may choose the address; else a port the kernel picks.
        if !extra.contains(&"--listen") {
            cmd.args(["--listen", "127.0.0.1:0"]);
        }
        cmd.args(extra);
        Server::spawn(
            cmd,
            &env.path(&format!("ready-{tag}")),
            env.path(&format!("serve-{tag}.log")),
        )
    }

    /// Starts `cmd` (an `lkms … serve` command line) with `--ready-file
    /// ready`, its stderr to `log`, and waits until it is ready.
    pub fn spawn(mut cmd: Command, ready: &Path, log: PathBuf) -> Server {
        let _ = std::fs::remove_file(ready);
        cmd.arg("--ready-file")
            .arg(ready)
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(std::fs::File::create(&log).expect("create server log"));
        let mut child = cmd.spawn().expect("spawn lkms serve");
        let deadline = Instant::now() + START_GUARD;
        loop {
            if let Ok(url) = std::fs::read_to_string(ready)
                && url.ends_with('\n')
            {
                return Server {
                    child: Some(child),
                    url: url.trim().to_owned(),
                    log,
                };
            }
            if let Some(status) = child.try_wait().expect("wait for lkms serve") {
                panic!(
                    "lkms serve exited with {status} before it was ready:\n{}",
                    std::fs::read_to_string(&log).unwrap_or_default()
                );
            }
            if Instant::now() > deadline {
                let _ = child.kill();
                let _ = child.wait();
                panic!(
                    "lkms serve not ready after {START_GUARD:?}:\n{}",
                    std::fs::read_to_string(&log).unwrap_or_default()
                );
            }
            std::thread::sleep(Duration::from_millis(10));
        }
    }

    /// SIGKILL, then reap (a crash, as far as anyone else can tell).
    pub fn kill(&mut self) {
        if let Some(mut child) = self.child.take() {
            let _ = child.kill();
            let _ = child.wait();
        }
    }

    /// The port it listens on.
    pub fn port(&self) -> u16 {
        self.url
            .rsplit(':')
            .next()
            .and_then(|p| p.parse().ok())
            .expect("a port in the server's URL")
    }

    /// The server's process id.
    pub fn pid(&self) -> u32 {
        self.child.as_ref().expect("a running server").id()
    }

    /// Sends SIGTERM and waits for the server to exit; its exit code.
    pub fn stop(&mut self) -> Option<i32> {
        let child = self.child.as_ref()?;
        let _ = std::process::Command::new("kill")
            .args(["-TERM", &child.id().to_string()])
            .status();
        self.wait()
    }

    /// Waits for a server already told to stop to exit (a second signal
    /// would end it at once); its exit code.
    pub fn wait(&mut self) -> Option<i32> {
        let mut child = self.child.take()?;
        let deadline = Instant::now() + Duration::from_secs(30);
        loop {
            if let Some(status) = child.try_wait().expect("wait for lkms serve") {
                return status.code();
            }
            if Instant::now() > deadline {
                let _ = child.kill();
                let _ = child.wait();
                return None;
            }
            std::thread::sleep(Duration::from_millis(10));
        }
    }

    /// What the server wrote to stderr so far.
    pub fn log(&self) -> String {
        std::fs::read_to_string(&self.log).unwrap_or_default()
    }

    /// The environment an AWS SDK or the AWS CLI needs to reach this server
    /// with `key`: endpoint, credentials, region, and no shared config.
    pub fn client_env(&self, env: &TestEnv, key: &AccessKey) -> Vec<(String, String)> {
        let none = env.path("no-aws-config");
        let _ = std::fs::write(&none, "");
        let none = none.display().to_string();
        [
            ("AWS_ENDPOINT_URL_KMS", self.url.as_str()),
            ("AWS_ACCESS_KEY_ID", key.id.as_str()),
            ("AWS_SECRET_ACCESS_KEY", key.secret.as_str()),
            ("AWS_REGION", lkms_region()),
            ("AWS_DEFAULT_REGION", lkms_region()),
            ("AWS_CONFIG_FILE", none.as_str()),
            ("AWS_SHARED_CREDENTIALS_FILE", none.as_str()),
            ("AWS_EC2_METADATA_DISABLED", "true"),
            ("AWS_RETRY_MODE", "standard"),
            ("AWS_MAX_ATTEMPTS", "1"),
            ("NO_PROXY", "127.0.0.1,localhost"),
        ]
        .into_iter()
        .map(|(k, v)| (k.to_owned(), v.to_owned()))
        .collect()
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        self.kill();
    }
}

/// The region test keyrings are created in (lkms's default).
pub fn lkms_region() -> &'static str {
    "us-east-1"
}

/// Creates an access key for `principal` with the environment's (admin)
/// credential.
pub fn access_key(env: &TestEnv, principal: &str) -> AccessKey {
    let out: Value = env.json(["access-key", "create", "--principal", principal]);
    let key = &out["AccessKey"];
    AccessKey {
        id: str_field(key, "AccessKeyId"),
        secret: str_field(key, "SecretAccessKey"),
        principal: principal.to_owned(),
    }
}
