//! The audit trail: one JSON line per operation, allowed or denied, in
//! `<keyring>.audit.jsonl`, chained and authenticated so that any edit,
//! removal or reordering is detected by [`verify`].
//!
//! Each line carries `Seq` (1, 2, ...), `Prev` (SHA-256 of the previous
//! line's bytes; zeros for the first) and `Mac`: HMAC-SHA-256 over the line
//! with `Mac` empty, under a key derived from the keyring root key. A sidecar
//! `<keyring>.audit.head` holds the last `Seq` and line hash under the same
//! MAC, so that removing lines from the end is detected too.
//!
//! Appends take an exclusive lock on the log file, repair a torn last line
//! left by a crash (the only line a crash can lose), write the new line with
//! one `write` on an `O_APPEND` descriptor and fsync it. Request parameters
//! never include secrets: callers pass only non-secret fields (plaintexts,
//! messages and key material are left out, as CloudTrail does).

use std::fs::{File, OpenOptions};
use std::io::{Read, Seek, SeekFrom, Write};
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};
use serde_json::Value;
use time::OffsetDateTime;

use crate::crypto;
use crate::encoding::hex;
use crate::error::{Error, Result};
use crate::secret::Key256;

/// The HKDF purpose of the audit MAC key.
pub(crate) const MAC_KEY: &str = "lkms audit v1";
/// The principal recorded for maintenance done by lkms itself.
pub const SERVICE_PRINCIPAL: &str = "lkms:maintenance";

/// How a call ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Outcome {
    /// It succeeded.
    Success,
    /// A policy or grant refused it.
    Denied,
    /// It failed for another reason.
    Failed,
}

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

/// What a caller records; the log fills in the chain fields.
#[derive(Debug, Clone)]
pub struct Entry {
    /// When.
    pub time: OffsetDateTime,
    /// Who.
    pub principal: String,
    /// The operation.
    pub operation: String,
    /// The key ARN, if any.
    pub key_arn: Option<String>,
    /// The source key ARN of a re-encrypt.
    pub source_key_arn: Option<String>,
    /// Non-secret request parameters.
    pub request: Value,
    /// How it ended.
    pub outcome: Outcome,
    /// The error, if any.
    pub error: Option<String>,
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

    /// Appends one record.
    pub fn append(&self, key: &Key256, entry: Entry) -> Result<Record> {
        let mut opts = OpenOptions::new();
        opts.read(true).append(true).create(true);
        #[cfg(unix)]
        {
            use std::os::unix::fs::OpenOptionsExt;
            opts.mode(0o600);
        }
        let mut file = opts.open(&self.path).map_err(io(&self.path, "opening"))?;
        file.lock().map_err(io(&self.path, "locking"))?;
        let last = last_line(&mut file, &self.path)?;
        let (seq, prev) = match &last {
            Some(line) => {
                let r: Record = serde_json::from_str(line).map_err(|_| {
                    Error::validation(format!(
                        "the last line of {} is not an audit record; run `lkms audit verify`",
                        self.path.display()
                    ))
                })?;
                (r.seq + 1, hex(&crypto::sha256(line.as_bytes())))
            }
            None => (1, "0".repeat(64)),
        };
        let mut record = Record {
            seq,
            time: crate::timestamp::format(entry.time),
            principal: entry.principal,
            operation: entry.operation,
            key_arn: entry.key_arn,
            source_key_arn: entry.source_key_arn,
            request: entry.request,
            outcome: entry.outcome,
            error: entry.error,
            prev,
            mac: String::new(),
        };
        record.mac = mac_of(&record, key);
        let mut line = line_of(&record);
        let hash = hex(&crypto::sha256(line.as_bytes()));
        line.push('\n');
        file.write_all(line.as_bytes())
            .map_err(io(&self.path, "appending to"))?;
        file.sync_data().map_err(io(&self.path, "syncing"))?;
        let head = Head {
            seq,
            mac: head_mac(seq, &hash, key),
            hash,
        };
        let text = serde_json::to_vec(&head).unwrap_or_default();
        let dir = self.head.parent().unwrap_or(Path::new("."));
        let mut tmp = tempfile::NamedTempFile::new_in(dir).map_err(io(&self.head, "writing"))?;
        tmp.write_all(&text).map_err(io(&self.head, "writing"))?;
        tmp.as_file()
            .sync_data()
            .map_err(io(&self.head, "syncing"))?;
        tmp.persist(&self.head)
            .map_err(|e| Error::io(format!("replacing {}", self.head.display()), e.error))?;
        Ok(record)
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

/// Returns the last complete line, truncating a torn line a crash left after it.
fn last_line(file: &mut File, path: &Path) -> Result<Option<String>> {
    let len = file.metadata().map_err(io(path, "reading"))?.len();
    if len == 0 {
        return Ok(None);
    }
    let mut start = len.saturating_sub(64 * 1024);
    loop {
        file.seek(SeekFrom::Start(start))
            .map_err(io(path, "reading"))?;
        let mut buf = Vec::new();
        file.read_to_end(&mut buf).map_err(io(path, "reading"))?;
        // The end of the last complete line.
        let Some(end) = buf.iter().rposition(|&b| b == b'\n') else {
            if start == 0 {
                // Only a torn first line: drop it.
                file.set_len(0).map_err(io(path, "repairing"))?;
                return Ok(None);
            }
            start = start.saturating_sub(1024 * 1024);
            continue;
        };
        let line_start = buf[..end].iter().rposition(|&b| b == b'\n').map(|p| p + 1);
        let line_start = match line_start {
            Some(p) => p,
            None if start == 0 => 0,
            None => {
                start = start.saturating_sub(1024 * 1024);
                continue;
            }
        };
        if (end as u64) + 1 + start < len {
            file.set_len(start + end as u64 + 1)
                .map_err(io(path, "repairing"))?;
        }
        let line = String::from_utf8(buf[line_start..end].to_vec()).map_err(|_| {
            Error::validation(format!("{} holds a line that is not UTF-8", path.display()))
        })?;
        return Ok(Some(line));
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

#[cfg(test)]
mod tests {
    use super::*;

    fn entry(op: &str) -> Entry {
        Entry {
            time: OffsetDateTime::now_utc(),
            principal: "alice".into(),
            operation: op.into(),
            key_arn: None,
            source_key_arn: None,
            request: serde_json::json!({"KeyId": "k"}),
            outcome: Outcome::Success,
            error: None,
        }
    }

    #[test]
    fn chain_verifies_and_detects_tampering() {
        let dir = tempfile::tempdir().expect("tempdir");
        let log = AuditLog::for_keyring(&dir.path().join("k.toml"));
        let key = Key256::random();
        for op in ["A", "B", "C", "D"] {
            log.append(&key, entry(op)).expect("append");
        }
        assert_eq!(verify(&log, &key).expect("verify").lines, 4);
        let good = std::fs::read_to_string(log.path()).expect("read");
        let lines: Vec<&str> = good.lines().collect();
        let write =
            |ls: Vec<&str>| std::fs::write(log.path(), ls.join("\n") + "\n").expect("write");

        let mut edited = lines.clone();
        let changed = lines[1].replace("\"B\"", "\"X\"");
        edited[1] = &changed;
        write(edited);
        assert!(
            verify(&log, &key)
                .expect_err("edit")
                .to_string()
                .contains("line 2")
        );

        write(vec![lines[0], lines[2], lines[3]]);
        assert!(
            verify(&log, &key)
                .expect_err("removal")
                .to_string()
                .contains("line 2")
        );

        write(vec![lines[0], lines[2], lines[1], lines[3]]);
        assert!(
            verify(&log, &key)
                .expect_err("swap")
                .to_string()
                .contains("line 2")
        );

        write(vec![lines[0], lines[1], lines[2]]);
        assert!(
            verify(&log, &key)
                .expect_err("truncated")
                .to_string()
                .contains("line 4")
        );

        std::fs::write(log.path(), &good).expect("restore");
        assert!(verify(&log, &Key256::random()).is_err());
        assert_eq!(verify(&log, &key).expect("verify").lines, 4);
    }

    #[test]
    fn a_torn_last_line_is_repaired_by_the_next_append() {
        let dir = tempfile::tempdir().expect("tempdir");
        let log = AuditLog::for_keyring(&dir.path().join("k.toml"));
        let key = Key256::random();
        log.append(&key, entry("A")).expect("append");
        let mut f = OpenOptions::new()
            .append(true)
            .open(log.path())
            .expect("open");
        f.write_all(b"{\"Seq\":2,\"Ti").expect("torn write");
        let v = verify(&log, &key).expect("verify tolerates a torn tail");
        assert!(v.incomplete_last_line);
        log.append(&key, entry("B")).expect("append after crash");
        let v = verify(&log, &key).expect("verify");
        assert_eq!((v.lines, v.incomplete_last_line), (2, false));
    }
}
