//! The version 1 audit trail: one JSON line per operation, allowed or denied, in
//! `<keyring>.audit.jsonl`, chained and authenticated so that any edit,
//! removal or reordering is detected by [`verify`].
//!
//! Each line carries `Seq` (1, 2, ...), `Prev` (SHA-256 of the previous
//! line's bytes; zeros for the first) and `Mac`: HMAC-SHA-256 over the line
//! with `Mac` empty, under a key derived from the keyring root key. A sidecar
//! `<keyring>.audit.head` holds the last `Seq` and line hash under the same
//! MAC, so that removing lines from the end is detected too.
//!
//! Version 2 keeps the trail inside the keyring; this module only reads and
//! verifies a version 1 log, to migrate it.

use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};
use serde_json::Value;

use crate::audit::Outcome;
use crate::crypto;
use crate::encoding::hex;
use crate::error::{Error, Result};
use crate::secret::Key256;

/// The HKDF purpose of the audit MAC key.
pub(crate) const MAC_KEY: &str = "lkms audit v1";
/// One audit record.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase", deny_unknown_fields)]
pub struct Record {
    /// Position in the log, from 1.
    pub seq: u64,
    /// When the call happened (ISO 8601, as the AWS CLI prints times).
    pub time: String,
    /// Who called.
    pub principal: String,
    /// The AWS operation name, e.g. `Encrypt`.
    pub operation: String,
    /// The key concerned, when there is one.
    pub key_arn: Option<String>,
    /// The source key of a re-encrypt.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source_key_arn: Option<String>,
    /// Non-secret request parameters.
    pub request: Value,
    /// How it ended.
    pub outcome: Outcome,
    /// `<Exception>: <message>` when it did not succeed.
    pub error: Option<String>,
    /// SHA-256 of the previous line, hex.
    pub prev: String,
    /// HMAC-SHA-256 of this line with `Mac` empty, hex.
    pub mac: String,
}

#[derive(Debug, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase")]
struct Head {
    seq: u64,
    hash: String,
    mac: String,
}

fn line_of(r: &Record) -> String {
    serde_json::to_string(r).unwrap_or_else(|e| unreachable!("audit records serialize: {e}"))
}

fn mac_of(r: &Record, key: &Key256) -> String {
    let mut unsigned = r.clone();
    unsigned.mac = String::new();
    hex(&crypto::hmac_parts(
        key,
        &[b"lkms audit line v1", line_of(&unsigned).as_bytes()],
    ))
}

fn head_mac(seq: u64, hash: &str, key: &Key256) -> String {
    hex(&crypto::hmac_parts(
        key,
        &[b"lkms audit head v1", &seq.to_be_bytes(), hash.as_bytes()],
    ))
}

/// The audit log beside a keyring.
#[derive(Debug, Clone)]
pub struct AuditLog {
    path: PathBuf,
    head: PathBuf,
}

fn io(path: &Path, what: &str) -> impl FnOnce(std::io::Error) -> Error {
    let ctx = format!("{what} {}", path.display());
    move |e| Error::io(ctx, e)
}

impl AuditLog {
    /// The log of the keyring at `keyring`.
    pub fn for_keyring(keyring: &Path) -> Self {
        let with = |suffix: &str| {
            let mut name = keyring.file_name().unwrap_or_default().to_os_string();
            name.push(suffix);
            keyring.with_file_name(name)
        };
        AuditLog {
            path: with(".audit.jsonl"),
            head: with(".audit.head"),
        }
    }

    /// The log file.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// The head file.
    pub fn head_path(&self) -> &Path {
        &self.head
    }

    /// Reads every complete record (for `audit show`), without verifying.
    pub fn records(&self) -> Result<Vec<Record>> {
        let text = match std::fs::read_to_string(&self.path) {
            Ok(t) => t,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Vec::new()),
            Err(e) => return Err(io(&self.path, "reading")(e)),
        };
        text.split_inclusive('\n')
            .filter(|l| l.ends_with('\n'))
            .enumerate()
            .map(|(i, l)| {
                serde_json::from_str(l.trim_end_matches('\n')).map_err(|_| {
                    Error::validation(format!(
                        "line {} of {} is not an audit record; run `lkms audit verify`",
                        i + 1,
                        self.path.display()
                    ))
                })
            })
            .collect()
    }
}

/// The result of [`verify`].
#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "PascalCase")]
pub struct Verification {
    /// The log file.
    pub path: String,
    /// How many lines verified.
    pub lines: u64,
    /// Whether a torn last line (an interrupted append) was found; it is
    /// repaired by the next append and does not fail verification.
    pub incomplete_last_line: bool,
}

/// Verifies every line: well-formed, canonical, MAC, chain, sequence, and
/// the head. Fails with the first bad line's number.
pub fn verify(log: &AuditLog, key: &Key256) -> Result<Verification> {
    let bad = |line: u64, why: &str| {
        Error::AuditInvalid(format!("{}: line {line}: {why}", log.path.display()))
    };
    let text = match std::fs::read(&log.path) {
        Ok(t) => t,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Vec::new(),
        Err(e) => return Err(io(&log.path, "reading")(e)),
    };
    let mut prev = "0".repeat(64);
    let mut n = 0u64;
    let mut incomplete = false;
    for chunk in text.split_inclusive(|&b| b == b'\n') {
        let line_no = n + 1;
        let Some(line) = chunk.strip_suffix(b"\n") else {
            incomplete = true;
            break;
        };
        let line = std::str::from_utf8(line).map_err(|_| bad(line_no, "not UTF-8"))?;
        let r: Record = serde_json::from_str(line)
            .map_err(|_| bad(line_no, "not a well-formed audit record (edited?)"))?;
        if line_of(&r) != line {
            return Err(bad(line_no, "not in canonical form (edited?)"));
        }
        if !crypto::ct_eq(mac_of(&r, key).as_bytes(), r.mac.as_bytes()) {
            return Err(bad(
                line_no,
                "its MAC does not verify (edited, or from another keyring)",
            ));
        }
        if r.seq != line_no {
            return Err(bad(
                line_no,
                &format!(
                    "it has sequence number {} (lines removed or reordered)",
                    r.seq
                ),
            ));
        }
        if r.prev != prev {
            return Err(bad(
                line_no,
                "it does not follow the line before it (lines removed or reordered)",
            ));
        }
        prev = hex(&crypto::sha256(line.as_bytes()));
        n = line_no;
    }
    match std::fs::read(&log.head) {
        Ok(h) => {
            let head: Head = serde_json::from_slice(&h)
                .map_err(|_| Error::AuditInvalid(format!("{} is malformed", log.head.display())))?;
            if !crypto::ct_eq(
                head_mac(head.seq, &head.hash, key).as_bytes(),
                head.mac.as_bytes(),
            ) {
                return Err(Error::AuditInvalid(format!(
                    "{} does not verify (edited?)",
                    log.head.display()
                )));
            }
            if head.seq > n {
                return Err(bad(
                    n + 1,
                    &format!(
                        "missing: the log ends at line {n} but line {} was written (lines removed from the end)",
                        head.seq
                    ),
                ));
            }
        }
        Err(e) if e.kind() == std::io::ErrorKind::NotFound && n == 0 => {}
        Err(_) => {
            return Err(Error::AuditInvalid(format!(
                "{} is missing; it records where the log ends",
                log.head.display()
            )));
        }
    }
    Ok(Verification {
        path: log.path.display().to_string(),
        lines: n,
        incomplete_last_line: incomplete,
    })
}
