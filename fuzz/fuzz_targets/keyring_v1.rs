//! A format 1 keyring (TOML) or its audit log (JSON lines and head file)
//! replaced by arbitrary bytes, the other files being the real fixture of
//! tests/fixtures/v1: reading, verifying and migrating it is refused with
//! an error or succeeds, never a panic.
#![no_main]

use libfuzzer_sys::fuzz_target;
use lkms::keyring::{Credential, Keyring};

const KEYRING: &[u8] = include_bytes!("../../tests/fixtures/v1/keyring.toml");
const LOG: &[u8] = include_bytes!("../../tests/fixtures/v1/keyring.toml.audit.jsonl");
const HEAD: &[u8] = include_bytes!("../../tests/fixtures/v1/keyring.toml.audit.head");
const IDENTITY: &str = include_str!("../../tests/fixtures/v1/identity.txt");

fuzz_target!(|data: &[u8]| {
    let Some((&which, value)) = data.split_first() else {
        return;
    };
    let Ok(dir) = tempfile::tempdir() else { return };
    let path = dir.path().join("keyring.toml");
    let mut files = [KEYRING, LOG, HEAD];
    files[usize::from(which) % 3] = value;
    for (suffix, bytes) in ["", ".audit.jsonl", ".audit.head"].iter().zip(files) {
        if std::fs::write(dir.path().join(format!("keyring.toml{suffix}")), bytes).is_err() {
            return;
        }
    }
    let Ok(cred) = Credential::from_identity_file(IDENTITY) else {
        return;
    };
    let now = time::OffsetDateTime::UNIX_EPOCH + time::Duration::days(20_800);
    if let Ok(kr) = Keyring::open(&path, &cred, now) {
        let _ = kr.verify();
        let _ = kr.all_keys();
        let _ = kr.audit_records(&lkms::audit::Filter::default());
    }
});
