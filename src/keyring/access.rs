//! Access keys in the keyring: principals' credentials for `lkms serve`.
//!
//! Each access key is one sealed record of the `access_keys` table, its row
//! id the access key id (not secret, as in AWS). The record holds the
//! principal, status, creation date, description and the secret access key:
//! sealed, not hashed, because SigV4 is an HMAC keyed by the secret, which
//! the server must hold to check a signature. Like the slots, access keys
//! say who may get in, so their digest terms are part of the slot digest in
//! the state row: a row added, removed, edited or put back by anyone without
//! the root key is refused at the next open, for every principal, and by
//! `verify-keyring`.

use serde::{Deserialize, Serialize};

use super::seal::{self, Digest, RecordKeys};
use super::*;
use crate::access_key::{
    self, AccessKey, AccessKeyId, AccessKeyStatus, MAX_ACCESS_KEYS_PER_PRINCIPAL, SecretAccessKey,
};
use crate::policy::KeyringAction;

/// The sealed record of one access key.
#[derive(Clone, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase", deny_unknown_fields)]
struct Stored {
    access_key_id: AccessKeyId,
    user_name: Principal,
    status: AccessKeyStatus,
    #[serde(with = "time::serde::rfc3339")]
    create_date: OffsetDateTime,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    description: Option<String>,
    #[serde(with = "access_key::sealed_secret")]
    secret_access_key: SecretAccessKey,
}

impl Stored {
    fn metadata(&self) -> AccessKey {
        AccessKey {
            principal: self.user_name.clone(),
            id: self.access_key_id.clone(),
            status: self.status,
            created: self.create_date,
            description: self.description.clone(),
        }
    }
}

/// A record is a few hundred bytes; writing it into a buffer this large
/// means it never grows, so no copy of the secret is left in a freed one.
const RECORD_CAPACITY: usize = 4096;

impl Keyring {
    /// `access-key create`: a new Active access key for `principal`, which
    /// needs no slot (a CI job may exist only as an access key). Needs
    /// `lkms:CreateAccessKey`; a principal has at most
    /// [`MAX_ACCESS_KEYS_PER_PRINCIPAL`] (LimitExceededException, as IAM).
    /// The secret is returned here and never again.
    pub fn create_access_key(
        &mut self,
        principal: Principal,
        description: Option<String>,
    ) -> Result<(AccessKey, SecretAccessKey)> {
        self.tx_mut()?;
        self.authorize_keyring(KeyringAction::CreateAccessKey)?;
        if let Some(d) = &description {
            access_key::check_description(d)?;
        }
        let held = self
            .stored_access_keys()?
            .iter()
            .filter(|s| s.user_name == principal)
            .count();
        if held >= MAX_ACCESS_KEYS_PER_PRINCIPAL {
            return Err(Error::LimitExceeded(format!(
                "principal {principal} has {held} access keys, the most a principal may have \
                 ({MAX_ACCESS_KEYS_PER_PRINCIPAL}, as in IAM); delete one first (lkms access-key delete)"
            )));
        }
        // 80 random bits: a collision is all but impossible, never silent.
        let id = AccessKeyId::random();
        if self.store.get(Table::AccessKeys, id.as_str())?.is_some() {
            return Err(Error::AlreadyExists(format!(
                "access key {id} already exists; run the command again"
            )));
        }
        let stored = Stored {
            access_key_id: id,
            user_name: principal,
            status: AccessKeyStatus::Active,
            create_date: self.now,
            description,
            secret_access_key: SecretAccessKey::generate(),
        };
        self.put_access_key(&stored)?;
        Ok((stored.metadata(), stored.secret_access_key))
    }

    /// `access-key list`: the access keys of `principal`, or of every
    /// principal, ordered by principal and creation date; never their
    /// secrets. A principal may list its own; anything else needs
    /// `lkms:ListAccessKeys`.
    pub fn access_keys(&self, principal: Option<&Principal>) -> Result<Vec<AccessKey>> {
        if principal != Some(&self.caller.principal) {
            self.authorize_keyring(KeyringAction::ListAccessKeys)?;
        }
        let mut keys: Vec<AccessKey> = self
            .stored_access_keys()?
            .iter()
            .filter(|s| principal.is_none_or(|p| *p == s.user_name))
            .map(Stored::metadata)
            .collect();
        keys.sort_by(|a, b| {
            (&a.principal, a.created, &a.id).cmp(&(&b.principal, b.created, &b.id))
        });
        Ok(keys)
    }

    /// `access-key enable|disable`: sets an access key's status. Needs
    /// `lkms:UpdateAccessKey`; setting the status it has changes nothing
    /// and succeeds, as in IAM.
    pub fn set_access_key_status(
        &mut self,
        id: &AccessKeyId,
        status: AccessKeyStatus,
    ) -> Result<AccessKey> {
        self.tx_mut()?;
        self.authorize_keyring(KeyringAction::UpdateAccessKey)?;
        let mut stored = self
            .stored_access_key(id.as_str())?
            .ok_or_else(|| not_found(id))?;
        if stored.status != status {
            stored.status = status;
            self.put_access_key(&stored)?;
        }
        Ok(stored.metadata())
    }

    /// `access-key delete`: removes an access key for good. Needs
    /// `lkms:DeleteAccessKey`.
    pub fn delete_access_key(&mut self, id: &AccessKeyId) -> Result<AccessKey> {
        self.tx_mut()?;
        self.authorize_keyring(KeyringAction::DeleteAccessKey)?;
        let stored = self
            .stored_access_key(id.as_str())?
            .ok_or_else(|| not_found(id))?;
        self.delete_record(Table::AccessKeys, id.as_str())?;
        Ok(stored.metadata())
    }

    /// For the server's SigV4 check: the key and its secret when it exists
    /// (any status; the caller checks Active). `None` also for text that is
    /// not an access key id, which no request can then sign for.
    pub fn access_key_secret(&self, id: &str) -> Result<Option<(AccessKey, SecretAccessKey)>> {
        let Ok(id) = id.parse::<AccessKeyId>() else {
            return Ok(None);
        };
        Ok(self
            .stored_access_key(id.as_str())?
            .map(|s| (s.metadata(), s.secret_access_key)))
    }

    /// Adds the digest terms of every access key row under `keys` to
    /// `digest` (the slot digest); returns how many rows there are.
    pub(super) fn add_access_key_terms(
        &self,
        keys: &RecordKeys,
        digest: &mut Digest,
    ) -> Result<u64> {
        let mut n = 0;
        self.store
            .scan(Table::AccessKeys, &Scan::default(), &mut |row| {
                digest.add(&seal::term(keys, Table::AccessKeys, &row));
                n += 1;
                Ok(true)
            })?;
        Ok(n)
    }

    /// Opens every access key record (`verify-keyring`); returns how many.
    pub(super) fn check_access_keys(&self) -> Result<u64> {
        Ok(self.stored_access_keys()?.len() as u64)
    }

    fn put_access_key(&mut self, stored: &Stored) -> Result<()> {
        let mut plain = zeroize::Zeroizing::new(Vec::with_capacity(RECORD_CAPACITY));
        serde_json::to_writer(&mut *plain, stored)
            .unwrap_or_else(|e| unreachable!("access keys serialize: {e}"));
        self.put_record(
            Table::AccessKeys,
            stored.access_key_id.as_str(),
            None,
            &plain,
        )
    }

    fn stored_access_key(&self, id: &str) -> Result<Option<Stored>> {
        self.store
            .get(Table::AccessKeys, id)?
            .map(|row| self.open_access_key(&row))
            .transpose()
    }

    fn stored_access_keys(&self) -> Result<Vec<Stored>> {
        let mut out = Vec::new();
        self.store
            .scan(Table::AccessKeys, &Scan::default(), &mut |row| {
                out.push(self.open_access_key(&row)?);
                Ok(true)
            })?;
        Ok(out)
    }

    /// Opens a row and checks that it is the record of the id it is filed
    /// under.
    fn open_access_key(&self, row: &Row) -> Result<Stored> {
        let stored: Stored = self.open_row_cached(Table::AccessKeys, row)?;
        if stored.access_key_id.as_str() != row.id {
            return Err(self.corrupt(format!(
                "access_keys record {} does not match its row",
                row.id
            )));
        }
        Ok(stored)
    }
}

fn not_found(id: &AccessKeyId) -> Error {
    Error::NotFound(format!("access key {id} does not exist"))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A new keyring for `alice` in a temporary folder, and how to open it.
    fn keyring() -> (tempfile::TempDir, PathBuf, Credential) {
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join("k.db");
        let id = age::x25519::Identity::generate();
        let slot = NewSlot::Age(id.to_public());
        let alice: Principal = "alice".parse().expect("principal");
        Keyring::init(
            &path,
            alice,
            &[slot],
            "us-east-1",
            OffsetDateTime::now_utc(),
        )
        .expect("init");
        (dir, path, Credential::Identities(vec![id]))
    }

    fn open(path: &Path, cred: &Credential) -> Keyring {
        Keyring::open(path, cred, OffsetDateTime::now_utc()).expect("open")
    }

    #[test]
    fn the_secret_comes_back_for_the_server_after_root_key_rotation() {
        let (_dir, path, cred) = keyring();
        let ci: Principal = "ci".parse().expect("principal");
        let (key, secret) = open(&path, &cred)
            .update_with(|kr| kr.create_access_key(ci.clone(), Some("web".into())))
            .expect("create");
        assert_eq!(key.principal, ci);
        assert!(key.is_active());
        open(&path, &cred)
            .update_with(|kr| kr.rotate_root_key())
            .expect("rotate");
        let kr = open(&path, &cred);
        let (found, again) = kr
            .access_key_secret(key.id.as_str())
            .expect("read")
            .expect("the key is there");
        assert_eq!(found, key);
        assert_eq!(again.expose(), secret.expose());
        assert_eq!(kr.verify().expect("verifies").access_keys, 1);
        // Text that is no access key id, and an id nobody created, find nothing.
        for other in ["nope", AccessKeyId::random().as_str()] {
            assert!(
                kr.access_key_secret(other).expect("read").is_none(),
                "{other}"
            );
        }
    }

    #[test]
    fn changes_happen_only_in_a_write_transaction() {
        let (_dir, path, cred) = keyring();
        let mut kr = open(&path, &cred);
        let ci: Principal = "ci".parse().expect("principal");
        assert!(kr.create_access_key(ci, None).is_err());
        assert!(kr.access_keys(None).expect("list").is_empty());
    }
}
