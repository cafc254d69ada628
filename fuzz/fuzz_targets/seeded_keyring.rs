//! What the keyring targets share: the identity their seed keyring was made
//! for, and opening a keyring file with it and reading everything in it.

use lkms::keyring::{Credential, Keyring};

/// The identity the seed keyring was made for (a test key, nothing else).
const IDENTITY: &str = "AGE-SECRET-KEY-1XM9ACYFWFPRUU2YY92LEHZRM6Q66833PMLUSNKH2QGQAVNQNSG3SXGUMCC";

/// Opens the keyring at `path` with the seed's identity and, when that
/// works, verifies it, reads every kind of record and appends an audit
/// record: each may fail with an error, none may panic.
pub fn open_and_read_everything(path: &std::path::Path) {
    let Ok(cred) = Credential::from_identity_file(IDENTITY) else {
        return;
    };
    let now = time::OffsetDateTime::UNIX_EPOCH + time::Duration::days(20_800);
    if let Ok(mut kr) = Keyring::open(path, &cred, now) {
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
}
