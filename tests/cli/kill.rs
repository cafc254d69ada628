//! One runner for the SIGKILL tests (durability.rs, storage.rs,
//! campaign.rs): a deterministic source of kill points, a command run and
//! perhaps killed, and what it printed.

use std::process::{Command, Stdio};
use std::time::Duration;

use crate::env::{is_uuid_v4, wait_capture};

/// splitmix64: a tiny deterministic PRNG, so the kill points are the same
/// on every run.
pub struct SplitMix64(pub u64);

impl SplitMix64 {
    /// The next 64 random bits.
    pub fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// A number in `0..n`.
    pub fn below(&mut self, n: u64) -> u64 {
        self.next() % n
    }

    /// A kill delay, most of them short: a third of the draws in 0..10 ms
    /// and a third in 0..40 ms, where an lkms command is most likely
    /// mid-write, the rest in 0..`long`.
    pub fn delay(&mut self, long: Duration) -> Duration {
        let r = self.next();
        let range = match r % 3 {
            0 => 10_000,
            1 => 40_000,
            _ => long.as_micros().max(1) as u64,
        };
        Duration::from_micros((r >> 2) % range)
    }
}

/// What a command run by [`run_maybe_killed`] did.
#[derive(Debug)]
pub struct Run {
    /// The exit code, or -1 when a signal ended it.
    pub code: i32,
    /// Everything it printed on stdout.
    pub stdout: String,
    /// Everything it printed on stderr.
    pub stderr: String,
    /// Whether SIGKILL found it still running.
    pub killed: bool,
}

/// Runs `cmd` (stdin null, output captured); after `kill_after`, when
/// given, sends it SIGKILL (harmless if it already exited).
pub fn run_maybe_killed(mut cmd: Command, kill_after: Option<Duration>, what: &str) -> Run {
    cmd.stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    let mut child = cmd.spawn().expect("spawn lkms");
    let mut killed = false;
    if let Some(delay) = kill_after {
        std::thread::sleep(delay);
        killed = child.try_wait().expect("try_wait").is_none();
        let _ = child.kill();
    }
    let what = vec![format!("{what} (kill after {kill_after:?})").into()];
    let (code, stdout, stderr) = wait_capture(child, Duration::from_secs(180), &what);
    Run {
        code,
        stdout,
        stderr,
        killed,
    }
}

/// The KeyId a (possibly killed) `create-key` printed, if it printed all
/// of it: `"KeyId"`, optional blanks, `:`, optional blanks, a complete
/// quoted UUID.
pub fn printed_key_id(stdout: &str) -> Option<String> {
    let at = stdout.find("\"KeyId\"")?;
    let rest = stdout[at + "\"KeyId\"".len()..].trim_start();
    let rest = rest.strip_prefix(':')?.trim_start();
    let rest = rest.strip_prefix('"')?;
    let end = rest.find('"')?;
    let id = &rest[..end];
    is_uuid_v4(id).then(|| id.to_owned())
}
