//! A keyring file from arbitrary bytes (a damaged or hostile database, or
//! a format 1 TOML file): opening it, checking it and reading everything in
//! it is refused with an error or succeeds, never a panic. Seeded with a
//! real keyring made for the identity below.
#![no_main]

use libfuzzer_sys::fuzz_target;
use lkms::keyring::{Credential, Keyring};

/// The identity the seed keyring was made for (a test key, nothing else).
const IDENTITY: &str = "AGE-SECRET-KEY-1XM9ACYFWFPRUU2YY92LEHZRM6Q66833PMLUSNKH2QGQAVNQNSG3SXGUMCC";

fuzz_target!(|data: &[u8]| {
    let Ok(dir) = tempfile::tempdir() else { return };
    let path = dir.path().join("keyring.db");
    if std::fs::write(&path, data).is_err() {
        return;
    }
    let Ok(cred) = Credential::from_identity_file(IDENTITY) else {
        return;
    };
    let now = time::OffsetDateTime::UNIX_EPOCH + time::Duration::days(20_800);
    if let Ok(mut kr) = Keyring::open(&path, &cred, now) {
        let _ = kr.verify();
        let _ = kr.all_keys();
        let _ = kr.all_grants();
        let _ = kr.aliases_page(None, None, 1000);
        let _ = kr.audit_records(&lkms::audit::Filter::default());
        let call = lkms::keyring::Call {
            operation: "Fuzz".into(),
            request: serde_json::Value::Null,
        };
        let _ = kr.record(&call, &Ok::<_, lkms::Error>(()));
    }
});
