//! The keyring: one encrypted file holding every key, alias and policy.
//!
//! A [`Keyring`] is the unlocked, in-memory view of that file as of one
//! instant (`now`). Readers get it from [`Keyring::open`]; writers go through
//! [`Keyring::update`], which holds the file lock, re-reads the newest file,
//! applies due maintenance, runs the change and writes the result atomically.

mod format;
mod slot;
mod store;

use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};
use serde_json::Value;
use time::OffsetDateTime;
use zeroize::Zeroizing;

pub use format::FORMAT_VERSION;
pub use slot::{Credential, NewSlot, Principal, Slot, SlotId, SlotInfo};
pub use store::Store;

use crate::error::{Error, Result};
use crate::key::{Alias, AliasName, Key, KeyId, KeyState, RotationType};
use crate::secret::{Key256, Passphrase};
use format::{B64, KeyringFile, SealedBody};

/// An operation as the audit log records it.
#[derive(Debug, Clone)]
pub struct Call {
    /// The AWS operation name, e.g. `Encrypt`.
    pub operation: String,
    /// Non-secret request parameters, with AWS's names.
    pub request: Value,
}

/// Who is calling: the principal of the slot that unlocked the keyring.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Caller {
    /// The principal.
    pub principal: Principal,
    /// The slot used.
    pub slot: SlotId,
}

/// Everything in the encrypted body.
#[derive(Debug, Default, Serialize, Deserialize)]
pub(crate) struct Body {
    pub(crate) keys: Vec<Key>,
    pub(crate) aliases: Vec<Alias>,
    #[serde(default)]
    pub(crate) grants: Vec<crate::grant::Grant>,
}

/// What the maintenance run at the start of a write did.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Maintenance {
    /// Keys whose deletion date had passed, now destroyed.
    pub deleted: Vec<KeyId>,
    /// Keys whose automatic rotation was due, now rotated.
    pub rotated: Vec<KeyId>,
    /// Keys whose imported material passed its ValidTo, now destroyed.
    pub expired: Vec<KeyId>,
}

/// An unlocked keyring.
pub struct Keyring {
    store: Store,
    file: KeyringFile,
    root: Key256,
    body: Body,
    /// The body's plaintext as read, to tell whether a write must re-seal it.
    body_as_read: Zeroizing<Vec<u8>>,
    caller: Caller,
    now: OffsetDateTime,
    maintenance: Maintenance,
}

impl std::fmt::Debug for Keyring {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Keyring")
            .field("path", &self.store.path())
            .field("keyring_id", &self.file.keyring_id)
            .field("caller", &self.caller)
            .finish_non_exhaustive()
    }
}

fn random_keyring_id() -> String {
    crate::encoding::hex(&crate::crypto::random_vec(8))
}

impl Keyring {
    /// Creates a new keyring at `path` with one slot per entry of `slots`, all
    /// for `principal`. Refuses to replace an existing file.
    pub fn init(
        path: &Path,
        principal: Principal,
        slots: &[NewSlot],
        now: OffsetDateTime,
    ) -> Result<Keyring> {
        if slots.is_empty() {
            return Err(Error::validation(
                "a keyring needs at least one unlock slot",
            ));
        }
        let store = Store::new(path);
        if store.exists() {
            return Err(Error::KeyringExists {
                path: path.to_path_buf(),
            });
        }
        let root = Key256::random();
        let keyring_id = random_keyring_id();
        let slots = slots
            .iter()
            .enumerate()
            .map(|(i, s)| {
                let id = SlotId(i as u32 + 1);
                Slot::wrap(id, principal.clone(), now, s, &root, &keyring_id)
            })
            .collect::<Result<Vec<_>>>()?;
        let caller = Caller {
            principal,
            slot: slots[0].id,
        };
        let file = KeyringFile {
            format_version: FORMAT_VERSION,
            keyring_id,
            header_mac: B64(Vec::new()),
            slots,
            body: SealedBody {
                salt: B64(Vec::new()),
                nonce: B64(Vec::new()),
                ciphertext: B64(Vec::new()),
            },
        };
        let mut kr = Keyring {
            store,
            file,
            root,
            body: Body::default(),
            body_as_read: Zeroizing::new(Vec::new()),
            caller,
            now,
            maintenance: Maintenance::default(),
        };
        let lock = kr.store.lock()?;
        kr.write(&lock, true)?;
        Ok(kr)
    }

    /// Opens the keyring for reading, as of `now`.
    pub fn open(path: &Path, cred: &Credential, now: OffsetDateTime) -> Result<Keyring> {
        let store = Store::new(path);
        let file = KeyringFile::parse(path, &store.read()?)?;
        let (root, slot) = file
            .slots
            .iter()
            .find_map(|s| s.unwrap_root(cred, &file.keyring_id).map(|k| (k, s)))
            .ok_or_else(|| unlock_failed(cred, path))?;
        let caller = Caller {
            principal: slot.principal.clone(),
            slot: slot.id,
        };
        Self::load(store, file, root, caller, now)
    }

    fn load(
        store: Store,
        file: KeyringFile,
        root: Key256,
        caller: Caller,
        now: OffsetDateTime,
    ) -> Result<Keyring> {
        file.verify(store.path(), &root)?;
        let plain = file.open_body(store.path(), &root)?;
        let body: Body =
            serde_json::from_slice(plain.expose()).map_err(|e| Error::KeyringCorrupt {
                path: store.path().to_path_buf(),
                reason: format!("the body does not parse: {e}"),
            })?;
        Ok(Keyring {
            store,
            file,
            root,
            body,
            body_as_read: Zeroizing::new(plain.expose().to_vec()),
            caller,
            now,
            maintenance: Maintenance::default(),
        })
    }

    /// Opens the keyring for writing and applies `change` to it.
    ///
    /// The expensive unlock (Argon2id) happens before the lock is taken; under
    /// the lock the newest file is re-read with the root key already in hand,
    /// due maintenance is applied, `change` runs, and the result is written
    /// atomically. When `change` fails nothing is written.
    pub fn update<T>(
        path: &Path,
        cred: &Credential,
        now: OffsetDateTime,
        change: impl FnOnce(&mut Keyring) -> Result<T>,
    ) -> Result<T> {
        Self::open(path, cred, now)?.update_with(change)
    }

    /// Like [`Keyring::update`], for a keyring already opened (and so
    /// unlocked) with [`Keyring::open`]: the newest file is re-read under the
    /// lock, so changes made since the open are kept.
    pub fn update_with<T>(self, change: impl FnOnce(&mut Keyring) -> Result<T>) -> Result<T> {
        self.update_inner(change, |_, _| Ok(()))
    }

    /// Like [`Keyring::update_with`], and appends the call's audit record
    /// (and records of any maintenance it applied) while still holding the
    /// keyring lock, whether the call succeeded or not.
    pub fn update_audited<T: Serialize>(
        self,
        call: &Call,
        change: impl FnOnce(&mut Keyring) -> Result<T>,
    ) -> Result<T> {
        self.update_inner(change, |kr, result| {
            kr.record_maintenance()?;
            kr.record(call, result)
        })
    }

    fn update_inner<T>(
        self,
        change: impl FnOnce(&mut Keyring) -> Result<T>,
        after: impl FnOnce(&Keyring, &Result<T>) -> Result<()>,
    ) -> Result<T> {
        let lock = self.store.lock()?;
        let path = self.store.path().to_path_buf();
        let file = KeyringFile::parse(&path, &self.store.read()?)?;
        if file.keyring_id != self.file.keyring_id
            || !file.slots.iter().any(|s| s.id == self.caller.slot)
        {
            return Err(Error::UnlockFailed(format!(
                "the keyring at {} changed while it was being unlocked (slot {} is gone); try again",
                path.display(),
                self.caller.slot
            )));
        }
        let Keyring {
            store,
            root,
            caller,
            now,
            ..
        } = self;
        let mut kr = Self::load(store, file, root, caller, now)?;
        kr.maintain()?;
        let result = change(&mut kr).and_then(|out| kr.write(&lock, false).map(|()| out));
        if result.is_err() {
            // Nothing was written, so no maintenance happened either.
            kr.maintenance = Maintenance::default();
        }
        after(&kr, &result)?;
        drop(lock);
        result
    }

    /// Appends the audit record of a call that ran on this keyring.
    pub fn record<T: Serialize>(&self, call: &Call, result: &Result<T>) -> Result<()> {
        let (outcome, error, response) = match result {
            Ok(v) => (
                crate::audit::Outcome::Success,
                None,
                serde_json::to_value(v).unwrap_or(Value::Null),
            ),
            Err(e) => (
                if matches!(e, Error::AccessDenied(_)) {
                    crate::audit::Outcome::Denied
                } else {
                    crate::audit::Outcome::Failed
                },
                Some(format!("{}: {e}", e.exception())),
                Value::Null,
            ),
        };
        // A refused call on a key named only by a ciphertext (decrypt,
        // re-encrypt's source) names the key in its error.
        let arn_in_error = result.as_ref().err().and_then(|e| {
            let text = e.to_string();
            let prefix = format!("arn:lkms:local:{}:key/", self.file.keyring_id);
            let start = text.find(&prefix)?;
            let arn: String = text[start..]
                .chars()
                .take_while(|c| c.is_ascii_alphanumeric() || matches!(c, ':' | '/' | '-'))
                .collect();
            Some(arn.trim_end_matches(':').to_owned())
        });
        let key_arn = self
            .key_arn_of(&call.request, &response)
            .or_else(|| arn_in_error.clone());
        // Re-encrypt uses two keys, as CloudTrail records: the source too.
        let source_key_arn = response["SourceKeyId"]
            .as_str()
            .map(str::to_owned)
            .or(arn_in_error.filter(|a| Some(a) != key_arn.as_ref()));
        self.audit_log().append(
            &self.derive_key(crate::audit::MAC_KEY),
            crate::audit::Entry {
                time: self.now,
                principal: self.caller.principal.to_string(),
                operation: call.operation.clone(),
                key_arn,
                source_key_arn,
                request: call.request.clone(),
                outcome,
                error,
            },
        )?;
        Ok(())
    }

    /// Records the deletions, rotations and expiries this write applied, as
    /// done by lkms itself.
    fn record_maintenance(&self) -> Result<()> {
        let m = &self.maintenance;
        let events = m
            .deleted
            .iter()
            .map(|id| ("DeleteKey", id))
            .chain(m.rotated.iter().map(|id| ("RotateKey", id)))
            .chain(m.expired.iter().map(|id| ("DeleteExpiredKeyMaterial", id)));
        let key = self.derive_key(crate::audit::MAC_KEY);
        for (operation, id) in events {
            self.audit_log().append(
                &key,
                crate::audit::Entry {
                    time: self.now,
                    principal: crate::audit::SERVICE_PRINCIPAL.into(),
                    operation: operation.into(),
                    key_arn: Some(self.key_arn(id)),
                    source_key_arn: None,
                    request: Value::Object(Default::default()),
                    outcome: crate::audit::Outcome::Success,
                    error: None,
                },
            )?;
        }
        Ok(())
    }

    /// The key a call concerned: the ARN the response names, else the key
    /// the request names (resolved where it still exists).
    fn key_arn_of(&self, request: &Value, response: &Value) -> Option<String> {
        let from_response = [&response["KeyMetadata"]["Arn"], &response["KeyId"]]
            .into_iter()
            .filter_map(Value::as_str)
            .find(|s| s.starts_with("arn:"));
        if let Some(arn) = from_response {
            return Some(arn.to_owned());
        }
        ["KeyId", "TargetKeyId", "DestinationKeyId", "SourceKeyId"]
            .iter()
            .filter_map(|f| request[*f].as_str())
            .map(|r| {
                self.resolve_id(r)
                    .map(|id| self.key_arn(&id))
                    .unwrap_or_else(|_| r.to_owned())
            })
            .next()
    }

    /// The audit log of this keyring.
    pub fn audit_log(&self) -> crate::audit::AuditLog {
        crate::audit::AuditLog::for_keyring(self.store.path())
    }

    /// Verifies the audit log with this keyring's MAC key.
    pub fn verify_audit(&self) -> Result<crate::audit::Verification> {
        crate::audit::verify(&self.audit_log(), &self.derive_key(crate::audit::MAC_KEY))
    }

    /// Destroys keys whose deletion date has passed and rotates keys whose
    /// rotation is due.
    fn maintain(&mut self) -> Result<()> {
        let now = self.now;
        let (gone, kept): (Vec<Key>, Vec<Key>) = std::mem::take(&mut self.body.keys)
            .into_iter()
            .partition(|k| k.is_deleted_at(now));
        self.body.keys = kept;
        let deleted: Vec<KeyId> = gone.iter().map(|k| k.id).collect();
        self.body.aliases.retain(|a| !deleted.contains(&a.target));
        self.body.grants.retain(|g| !deleted.contains(&g.key_id));
        // `gone` drops here; key material zeroizes itself on drop.
        self.maintenance.deleted.extend(deleted);
        for key in &mut self.body.keys {
            if key.expire_imports(now) {
                self.maintenance.expired.push(key.id);
            }
        }
        for key in self.body.keys.iter_mut().filter(|k| k.rotation_due(now)) {
            key.rotate(now, RotationType::Automatic)?;
            self.maintenance.rotated.push(key.id);
        }
        Ok(())
    }

    /// What the maintenance at the start of this write did.
    pub fn maintenance(&self) -> &Maintenance {
        &self.maintenance
    }

    fn write(&mut self, lock: &store::WriteLock, create_new: bool) -> Result<()> {
        let plain = Zeroizing::new(
            serde_json::to_vec(&self.body)
                .unwrap_or_else(|e| unreachable!("keyring body serializes: {e}")),
        );
        let before = self.file.clone();
        if create_new || *plain != *self.body_as_read {
            self.file.seal_body(&self.root, &plain);
            self.body_as_read = plain;
        }
        self.file.authenticate(&self.root);
        if !create_new && self.file == before {
            return Ok(());
        }
        self.store
            .write(lock, self.file.render().as_bytes(), create_new)
    }

    /// The keyring file's path.
    pub fn path(&self) -> &Path {
        self.store.path()
    }

    /// The keyring's id.
    pub fn id(&self) -> &str {
        &self.file.keyring_id
    }

    /// Who unlocked the keyring.
    pub fn caller(&self) -> &Caller {
        &self.caller
    }

    /// The instant this view of the keyring is as of.
    pub fn now(&self) -> OffsetDateTime {
        self.now
    }

    /// The ARN of a key.
    pub fn key_arn(&self, id: &KeyId) -> String {
        format!("arn:lkms:local:{}:key/{}", self.file.keyring_id, id)
    }

    /// The ARN of an alias.
    pub fn alias_arn(&self, name: &AliasName) -> String {
        format!("arn:lkms:local:{}:{}", self.file.keyring_id, name)
    }

    /// Keys that exist as of `now`, in creation order.
    pub fn keys(&self) -> impl Iterator<Item = &Key> {
        let now = self.now;
        self.body.keys.iter().filter(move |k| !k.is_deleted_at(now))
    }

    /// Aliases whose key exists as of `now`.
    pub fn aliases(&self) -> impl Iterator<Item = &Alias> {
        self.body
            .aliases
            .iter()
            .filter(|a| self.keys().any(|k| k.id == a.target))
    }

    pub(crate) fn body_mut(&mut self) -> &mut Body {
        &mut self.body
    }

    /// Resolves a key id, key ARN, alias name or alias ARN to a key id.
    pub fn resolve_id(&self, key_ref: &str) -> Result<KeyId> {
        let arn_prefix = format!("arn:lkms:local:{}:", self.file.keyring_id);
        let local = match key_ref.strip_prefix(&arn_prefix) {
            Some(rest) => rest.strip_prefix("key/").unwrap_or(rest),
            None if key_ref.starts_with("arn:") => {
                return Err(Error::NotFound(format!(
                    "{key_ref} does not name a key in keyring {} (ARNs look like {arn_prefix}key/<uuid>)",
                    self.file.keyring_id
                )));
            }
            None => key_ref,
        };
        let id = if local.starts_with("alias/") {
            let name = AliasName::parse(local)?;
            self.aliases()
                .find(|a| a.name == name)
                .map(|a| a.target)
                .ok_or_else(|| Error::NotFound(format!("alias {name} is not found")))?
        } else {
            local.parse()?
        };
        if self.keys().any(|k| k.id == id) {
            Ok(id)
        } else {
            Err(Error::NotFound(format!(
                "key '{}' does not exist",
                self.key_arn(&id)
            )))
        }
    }

    /// Resolves a reference to a key.
    pub fn resolve(&self, key_ref: &str) -> Result<&Key> {
        let id = self.resolve_id(key_ref)?;
        self.key(&id)
    }

    /// The key with this id, if it exists as of `now`.
    pub fn key(&self, id: &KeyId) -> Result<&Key> {
        self.keys()
            .find(|k| k.id == *id)
            .ok_or_else(|| Error::NotFound(format!("key '{}' does not exist", self.key_arn(id))))
    }

    /// The key with this id, mutably.
    pub fn key_mut(&mut self, id: &KeyId) -> Result<&mut Key> {
        let arn = self.key_arn(id);
        let now = self.now;
        self.body
            .keys
            .iter_mut()
            .find(|k| k.id == *id && !k.is_deleted_at(now))
            .ok_or_else(|| Error::NotFound(format!("key '{arn}' does not exist")))
    }

    /// Resolves a reference to a key, mutably.
    pub fn resolve_mut(&mut self, key_ref: &str) -> Result<&mut Key> {
        let id = self.resolve_id(key_ref)?;
        self.key_mut(&id)
    }

    /// The unlock slots.
    pub fn slots(&self) -> &[Slot] {
        &self.file.slots
    }

    /// Adds a slot for `principal`; returns its public description.
    pub fn add_slot(&mut self, principal: Principal, new: &NewSlot) -> Result<SlotInfo> {
        let id = SlotId(self.file.slots.iter().map(|s| s.id.0).max().unwrap_or(0) + 1);
        let slot = Slot::wrap(
            id,
            principal,
            self.now,
            new,
            &self.root,
            &self.file.keyring_id,
        )?;
        let info = slot.info();
        self.file.slots.push(slot);
        Ok(info)
    }

    fn slot_position(&self, id: SlotId) -> Result<usize> {
        self.file
            .slots
            .iter()
            .position(|s| s.id == id)
            .ok_or_else(|| Error::NotFound(format!("slot {id} does not exist")))
    }

    /// Removes a slot. The last slot cannot be removed: the keyring would
    /// become impossible to open.
    pub fn remove_slot(&mut self, id: SlotId) -> Result<SlotInfo> {
        let pos = self.slot_position(id)?;
        if self.file.slots.len() == 1 {
            return Err(Error::validation(format!(
                "slot {id} is the keyring's last slot; removing it would lock everyone out (add another slot first)"
            )));
        }
        Ok(self.file.slots.remove(pos).info())
    }

    /// Replaces the passphrase of passphrase slot `id` (default: the slot that
    /// unlocked the keyring). Only the slot changes; the body is untouched.
    pub fn change_passphrase(&mut self, id: Option<SlotId>, new: Passphrase) -> Result<SlotInfo> {
        let id = id.unwrap_or(self.caller.slot);
        let pos = self.slot_position(id)?;
        let old = &self.file.slots[pos];
        if !old.is_passphrase() {
            return Err(Error::validation(format!(
                "slot {id} is an age slot; passwd changes passphrase slots (name one with --slot-id)"
            )));
        }
        let mut slot = Slot::wrap(
            id,
            old.principal.clone(),
            self.now,
            &NewSlot::Passphrase(new),
            &self.root,
            &self.file.keyring_id,
        )?;
        slot.created = old.created;
        let info = slot.info();
        self.file.slots[pos] = slot;
        Ok(info)
    }

    /// Checks that the caller may perform `operation` (an AWS operation name,
    /// e.g. `Encrypt`) on `key` with `ctx`: the key policy decides, an
    /// explicit Deny wins, and otherwise a grant can allow it.
    pub fn authorize(
        &self,
        key: &Key,
        operation: &str,
        ctx: Option<&crate::context::EncryptionContext>,
    ) -> Result<()> {
        use crate::policy::eval::{Decision, Request, evaluate};
        let principal = self.caller.principal.as_str();
        let action = format!("kms:{operation}");
        let denied = |why: &str| {
            Err(Error::AccessDenied(format!(
                "{principal} is not authorized to perform {action} on {}: {why}",
                self.key_arn(&key.id)
            )))
        };
        let req = Request {
            principal,
            action: &action,
            context: ctx,
        };
        match evaluate(&key.policy, &req) {
            Decision::Allow => Ok(()),
            Decision::ExplicitDeny => denied("an explicit Deny in the key policy"),
            Decision::ImplicitDeny
                if self
                    .grants()
                    .any(|g| g.key_id == key.id && g.allows(principal, operation, ctx)) =>
            {
                Ok(())
            }
            Decision::ImplicitDeny => denied("no key policy statement or grant allows it"),
        }
    }

    /// Resolves a key reference and checks that the caller may perform
    /// `operation` on it (see [`Keyring::authorize`]).
    pub fn resolve_authorized(
        &self,
        key_ref: &str,
        operation: &str,
        ctx: Option<&crate::context::EncryptionContext>,
    ) -> Result<&Key> {
        let key = self.resolve(key_ref)?;
        self.authorize(key, operation, ctx)?;
        Ok(key)
    }

    /// The grants of keys that exist as of `now`.
    pub fn grants(&self) -> impl Iterator<Item = &crate::grant::Grant> {
        self.body
            .grants
            .iter()
            .filter(|g| self.keys().any(|k| k.id == g.key_id))
    }

    /// The key's state check shared by every operation that uses key material.
    pub fn check_usable(&self, key: &Key, operation: &'static str) -> Result<()> {
        match key.state_at(self.now) {
            KeyState::Enabled => Ok(()),
            KeyState::Disabled => Err(Error::Disabled {
                key: self.key_arn(&key.id),
            }),
            state => Err(Error::InvalidState {
                key: self.key_arn(&key.id),
                state: state.name(),
                operation,
            }),
        }
    }

    /// A 256-bit key for one purpose, derived from the root key with
    /// HKDF-SHA-256 (import tokens, material fingerprints, the audit MAC).
    pub(crate) fn derive_key(&self, purpose: &str) -> Key256 {
        crate::crypto::hkdf(
            self.root.expose(),
            self.file.keyring_id.as_bytes(),
            purpose.as_bytes(),
        )
    }

    /// The sibling path `<keyring><suffix>` (lock file, audit log).
    pub fn sibling(&self, suffix: &str) -> PathBuf {
        self.store.sibling(suffix)
    }
}

fn unlock_failed(cred: &Credential, path: &Path) -> Error {
    match cred {
        Credential::Passphrase(_) => Error::UnlockFailed(format!(
            "the passphrase opens no slot of {} (wrong passphrase?)",
            path.display()
        )),
        Credential::Identities(_) => Error::UnlockFailed(format!(
            "no identity in the identity file matches an age slot of {}",
            path.display()
        )),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn id_cred() -> (Credential, age::x25519::Recipient) {
        let id = age::x25519::Identity::generate();
        let r = id.to_public();
        (Credential::Identities(vec![id]), r)
    }

    #[test]
    fn init_open_update_round_trip() {
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join("k.toml");
        let (cred, r) = id_cred();
        let now = OffsetDateTime::now_utc();
        let p: Principal = "ci".parse().expect("principal");
        Keyring::init(&path, p, &[NewSlot::Age(r)], now).expect("init");
        let kr = Keyring::open(&path, &cred, now).expect("open");
        assert_eq!(kr.caller().principal.as_str(), "ci");
        assert_eq!(kr.keys().count(), 0);
        let (other, _) = id_cred();
        assert!(matches!(
            Keyring::open(&path, &other, now),
            Err(Error::UnlockFailed(_))
        ));
    }

    #[test]
    fn tampered_slot_principal_breaks_authentication() {
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join("k.toml");
        let (cred, r) = id_cred();
        let now = OffsetDateTime::now_utc();
        Keyring::init(&path, "ci".parse().expect("p"), &[NewSlot::Age(r)], now).expect("init");
        let text = std::fs::read_to_string(&path).expect("read");
        assert!(text.contains("principal = \"ci\""));
        std::fs::write(
            &path,
            text.replace("principal = \"ci\"", "principal = \"admin\""),
        )
        .expect("write");
        assert!(matches!(
            Keyring::open(&path, &cred, now),
            Err(Error::KeyringCorrupt { .. })
        ));
    }
}
