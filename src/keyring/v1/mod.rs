//! Version 1 keyrings (one TOML file with one sealed body, and an audit log
//! beside it): read once, under their own writer lock, to be migrated.

mod audit;
mod file;
mod format;

use std::path::{Path, PathBuf};

use serde::Deserialize;

use time::OffsetDateTime;

use super::{Credential, FORMAT_VERSION, Migration, NewSlot, Seed, Slot, SlotId, unused_path};
use crate::audit::{Entry, Outcome, SERVICE_PRINCIPAL};
use crate::error::{Error, Result};
use crate::grant::Grant;
use crate::key::{Alias, Key};
use crate::secret::Key256;

/// Everything in a version 1 body.
#[derive(Deserialize)]
struct Body {
    keys: Vec<Key>,
    aliases: Vec<Alias>,
    #[serde(default)]
    grants: Vec<Grant>,
}

/// A version 1 keyring, unlocked and verified, with its writer lock held.
pub(super) struct V1 {
    pub keyring_id: String,
    pub root: Key256,
    pub slot: SlotId,
    pub slots: Vec<Slot>,
    pub keys: Vec<Key>,
    pub aliases: Vec<Alias>,
    pub grants: Vec<Grant>,
    pub audit: Vec<Entry>,
    /// The audit log files, moved beside the backup once migrated.
    pub audit_files: Vec<PathBuf>,
    _lock: file::WriteLock,
}

/// Reads and verifies the version 1 keyring at `path`, holding its writer
/// lock so that no version 1 writer changes it meanwhile. `None` when the
/// file is no longer version 1 once the lock is held (another process
/// migrated it first).
pub(super) fn read(path: &Path, cred: &Credential) -> Result<Option<V1>> {
    let store = file::Store::new(path);
    let lock = store.lock()?;
    if !super::is_v1(path)? {
        return Ok(None);
    }
    let text = store.read()?;
    let file = format::KeyringFile::parse(path, &text)?;
    let (root, slot) = super::slot::unlock_any(
        &file.slots,
        cred,
        &super::SlotChoice::default(),
        &file.keyring_id,
        path,
    )?;
    file.verify(path, &root)?;
    let plain = file.open_body(path, &root)?;
    let body: Body = serde_json::from_slice(plain.expose()).map_err(|e| Error::KeyringCorrupt {
        path: path.to_path_buf(),
        reason: format!("the body does not parse: {e}"),
    })?;
    let log = audit::AuditLog::for_keyring(path);
    let mac_key = crate::crypto::hkdf(
        root.expose(),
        file.keyring_id.as_bytes(),
        audit::MAC_KEY.as_bytes(),
    );
    audit::verify(&log, &mac_key).map_err(|e| {
        Error::AuditInvalid(format!(
            "{e}; the version 1 audit log must verify before the keyring is migrated \
             (move it and its .audit.head aside to migrate without it)"
        ))
    })?;
    let audit = log
        .records()?
        .into_iter()
        .map(|r| {
            let time = time::OffsetDateTime::parse(
                &r.time,
                &time::format_description::well_known::Iso8601::DEFAULT,
            )
            .map_err(|_| {
                Error::AuditInvalid(format!(
                    "audit record {} has a bad time {:?}",
                    r.seq, r.time
                ))
            })?;
            Ok(Entry {
                time,
                principal: r.principal,
                operation: r.operation,
                key_arn: r.key_arn,
                source_key_arn: r.source_key_arn,
                request: r.request,
                outcome: r.outcome,
                error: r.error,
            })
        })
        .collect::<Result<Vec<_>>>()?;
    let audit_files = [log.path().to_path_buf(), log.head_path().to_path_buf()]
        .into_iter()
        .filter(|p| p.exists())
        .collect();
    Ok(Some(V1 {
        keyring_id: file.keyring_id,
        root,
        slot,
        slots: file.slots,
        keys: body.keys,
        aliases: body.aliases,
        grants: body.grants,
        audit,
        audit_files,
        _lock: lock,
    }))
}

impl super::Keyring {
    /// Converts the version 1 keyring at `from` into a version 2 keyring at
    /// `to` (the same path, or another), atomically: the new file appears
    /// whole or not at all, and the version 1 file and its audit log are kept
    /// as `<from>.v1-backup`. The root key, slots, keys, material versions,
    /// aliases, grants and audit records carry over, so every ciphertext and
    /// file made before still decrypts and every credential still unlocks.
    /// `None` when `from` was already migrated by another process.
    pub fn migrate(
        from: &Path,
        to: &Path,
        cred: &Credential,
        now: OffsetDateTime,
    ) -> Result<Option<Migration>> {
        let Some(old) = read(from, cred)? else {
            return Ok(None);
        };
        if from != to && to.exists() {
            return Err(Error::KeyringExists {
                path: to.to_path_buf(),
            });
        }
        let mut slots = old.slots;
        // The migrating caller's own passphrase slot can move to the
        // re-wrappable kind now: its passphrase is at hand.
        if let Credential::Passphrase(p) = cred
            && let Some(s) = slots
                .iter_mut()
                .find(|s| s.id == old.slot && s.is_legacy_passphrase())
        {
            let mut upgraded = Slot::wrap(
                s.id,
                s.principal.clone(),
                s.created,
                &NewSlot::Passphrase(p.clone()),
                &old.root,
            )?;
            upgraded.created = s.created;
            *s = upgraded;
        }
        let backup = unused_path(from, ".v1-backup");
        std::fs::copy(from, &backup)
            .and_then(|_| std::fs::File::open(&backup)?.sync_all())
            .map_err(|e| {
                Error::io(
                    format!("backing up {} to {}", from.display(), backup.display()),
                    e,
                )
            })?;
        let mut audit = old.audit;
        let records = audit.len();
        audit.push(Entry {
            time: now,
            principal: SERVICE_PRINCIPAL.into(),
            operation: "MigrateKeyring".into(),
            key_arn: None,
            source_key_arn: None,
            request: serde_json::json!({
                "FromFormatVersion": 1,
                "ToFormatVersion": FORMAT_VERSION,
                "Backup": backup.display().to_string(),
            }),
            outcome: Outcome::Success,
            error: None,
        });
        let keys = old.keys.len();
        let seed = Seed {
            keyring_id: old.keyring_id,
            region: crate::arn::DEFAULT_REGION.to_owned(),
            // Version 1 derived tokens and fingerprints from the root key:
            // keeping it as the derivation secret keeps them valid.
            derivation: old.root.clone(),
            root: old.root,
            slots,
            keys: old.keys,
            aliases: old.aliases,
            grants: old.grants,
            audit,
            policy: None,
        };
        Self::build(&to.into(), seed, now, from == to)?;
        if from != to {
            std::fs::remove_file(from).map_err(|e| {
                Error::io(
                    format!(
                        "removing {} (copied to {})",
                        from.display(),
                        backup.display()
                    ),
                    e,
                )
            })?;
        }
        for f in &old.audit_files {
            let suffix = if f.extension().is_some_and(|e| e == "head") {
                ".audit.head"
            } else {
                ".audit.jsonl"
            };
            let mut name = backup.file_name().unwrap_or_default().to_os_string();
            name.push(suffix);
            std::fs::rename(f, backup.with_file_name(name))
                .map_err(|e| Error::io(format!("moving {} beside the backup", f.display()), e))?;
        }
        Ok(Some(Migration {
            path: to.display().to_string(),
            backup: backup.display().to_string(),
            keys,
            audit_records: records,
        }))
    }
}
