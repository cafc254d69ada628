//! Unlock slots: each wraps the same keyring root key for one principal.
//!
//! - passphrase: Argon2id (parameters stored in the slot, capped on unlock)
//!   derives a KEK; AES-256-GCM wraps the root key under it, with the keyring
//!   id and slot id as associated data so a slot cannot be moved.
//! - age: the root key is age-encrypted to an X25519 recipient. Unlocking
//!   takes milliseconds, which is what CI wants.
//!
//! The principal and every other slot field are also covered by the header
//! MAC (see `format.rs`), so relabelling a slot breaks the keyring's
//! authentication rather than granting another principal's rights.

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};
use time::OffsetDateTime;

use crate::crypto::{self, Argon2Params};
use crate::encoding::Base64 as B64;
use crate::error::{Error, Result};
use crate::secret::{Key256, Passphrase};

/// The number of a slot within its keyring.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(transparent)]
pub struct SlotId(pub u32);

impl fmt::Display for SlotId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.0.fmt(f)
    }
}

/// A principal: the name policies, grants and the audit log use for whoever
/// unlocked the keyring through a slot.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct Principal(String);

impl Principal {
    /// The principal's name.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl FromStr for Principal {
    type Err = Error;
    fn from_str(s: &str) -> Result<Self> {
        let ok = (1..=64).contains(&s.len())
            && s.chars()
                .all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '_' | '-' | '@'));
        if ok {
            Ok(Principal(s.to_owned()))
        } else {
            Err(Error::validation(format!(
                "principal {s:?} must be 1 to 64 letters, digits, '.', '_', '-' or '@'"
            )))
        }
    }
}

impl TryFrom<String> for Principal {
    type Error = Error;
    fn try_from(s: String) -> Result<Self> {
        s.parse()
    }
}

impl From<Principal> for String {
    fn from(p: Principal) -> String {
        p.0
    }
}

impl fmt::Display for Principal {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// A credential that can open a slot.
pub enum Credential {
    /// A passphrase, tried against every passphrase slot.
    Passphrase(Passphrase),
    /// age X25519 identities, matched against age slots by recipient.
    Identities(Vec<age::x25519::Identity>),
}

impl Credential {
    /// Parses an age identity file: `AGE-SECRET-KEY-1...` lines, with `#`
    /// comments and blank lines ignored.
    pub fn from_identity_file(text: &str) -> Result<Credential> {
        let mut ids = Vec::new();
        for (n, line) in text.lines().enumerate() {
            let line = line.trim();
            if line.is_empty() || line.starts_with('#') {
                continue;
            }
            let id = age::x25519::Identity::from_str(line).map_err(|_| {
                Error::validation(format!(
                    "identity file line {}: not an age X25519 identity (AGE-SECRET-KEY-1...)",
                    n + 1
                ))
            })?;
            ids.push(id);
        }
        if ids.is_empty() {
            return Err(Error::validation("the identity file holds no age identity"));
        }
        Ok(Credential::Identities(ids))
    }

    /// The recipients of the identities (empty for a passphrase).
    pub fn recipients(&self) -> Vec<age::x25519::Recipient> {
        match self {
            Credential::Passphrase(_) => Vec::new(),
            Credential::Identities(ids) => ids.iter().map(|i| i.to_public()).collect(),
        }
    }
}

/// What a new slot is made from.
pub enum NewSlot {
    /// A passphrase slot.
    Passphrase(Passphrase),
    /// An age slot for this recipient.
    Age(age::x25519::Recipient),
}

/// The secret-free public description of a slot, for `slot list`.
#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "PascalCase")]
pub struct SlotInfo {
    /// The slot's number.
    pub slot_id: SlotId,
    /// `passphrase` or `age`.
    #[serde(rename = "Type")]
    pub kind: &'static str,
    /// Who unlocks through it.
    pub principal: Principal,
    /// The age recipient, for age slots.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub recipient: Option<String>,
    /// When it was added.
    #[serde(serialize_with = "crate::timestamp::serialize")]
    pub creation_date: OffsetDateTime,
}

/// One unlock slot as stored in the keyring header.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Slot {
    /// The slot's number.
    pub id: SlotId,
    /// Who unlocks through it.
    pub principal: Principal,
    /// When it was added.
    #[serde(with = "time::serde::rfc3339")]
    pub created: OffsetDateTime,
    /// How it wraps the root key.
    #[serde(flatten)]
    pub kind: SlotKind,
}

/// How a slot wraps the root key.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "lowercase")]
pub enum SlotKind {
    /// Argon2id KEK + AES-256-GCM.
    Passphrase {
        /// Argon2id costs.
        #[serde(rename = "argon2id")]
        params: Argon2Params,
        /// 16-byte Argon2 salt.
        salt: B64,
        /// AES-GCM nonce.
        nonce: B64,
        /// The wrapped root key and tag.
        wrapped_key: B64,
    },
    /// Argon2id derives an X25519 identity; the root key is age-encrypted
    /// to its recipient. Anyone holding the root key can re-wrap it to the
    /// recipient without the passphrase, which is what lets the root key
    /// rotate while every passphrase slot keeps working.
    #[serde(rename = "passphrase-x25519")]
    PassphraseX25519 {
        /// Argon2id costs.
        #[serde(rename = "argon2id")]
        params: Argon2Params,
        /// 16-byte Argon2 salt.
        salt: B64,
        /// The `age1...` recipient of the derived identity.
        recipient: String,
        /// The age ciphertext of the root key.
        wrapped_key: B64,
    },
    /// age X25519.
    Age {
        /// The `age1...` recipient.
        recipient: String,
        /// The age ciphertext of the root key.
        wrapped_key: B64,
    },
}

fn slot_aad(keyring_id: &str, id: SlotId) -> Vec<u8> {
    format!("lkms-slot/v1/{keyring_id}/{id}").into_bytes()
}

impl Slot {
    /// Wraps `root` into a new slot.
    pub fn wrap(
        id: SlotId,
        principal: Principal,
        now: OffsetDateTime,
        new: &NewSlot,
        root: &Key256,
    ) -> Result<Slot> {
        let kind = match new {
            NewSlot::Passphrase(p) => {
                if p.is_empty() {
                    return Err(Error::validation("the passphrase is empty"));
                }
                let params = Argon2Params::DEFAULT;
                let salt = crypto::random_vec(16);
                let identity = passphrase_identity(p, &salt, params)
                    .ok_or_else(|| Error::validation("Argon2id parameters out of range"))?;
                let recipient = identity.to_public();
                SlotKind::PassphraseX25519 {
                    params,
                    salt: B64(salt),
                    wrapped_key: B64(age_wrap(&recipient, root)?),
                    recipient: recipient.to_string(),
                }
            }
            NewSlot::Age(r) => SlotKind::Age {
                recipient: r.to_string(),
                wrapped_key: B64(age_wrap(r, root)?),
            },
        };
        Ok(Slot {
            id,
            principal,
            created: now,
            kind,
        })
    }

    /// Tries to unwrap the root key with `cred`; `None` when it does not fit.
    pub fn unwrap_root(&self, cred: &Credential, keyring_id: &str) -> Option<Key256> {
        match (&self.kind, cred) {
            (
                SlotKind::Passphrase {
                    params,
                    salt,
                    nonce,
                    wrapped_key,
                },
                Credential::Passphrase(p),
            ) => {
                let kek = crypto::argon2id(p, &salt.0, *params)?;
                let nonce: [u8; crypto::NONCE_LEN] = nonce.0.as_slice().try_into().ok()?;
                let root =
                    crypto::open(&kek, &nonce, &slot_aad(keyring_id, self.id), &wrapped_key.0)?;
                Key256::from_slice(root.expose())
            }
            (
                SlotKind::PassphraseX25519 {
                    params,
                    salt,
                    recipient,
                    wrapped_key,
                },
                Credential::Passphrase(p),
            ) => {
                let id = passphrase_identity(p, &salt.0, *params)?;
                if id.to_public().to_string() != *recipient {
                    return None;
                }
                let root = zeroize::Zeroizing::new(age::decrypt(&id, &wrapped_key.0).ok()?);
                Key256::from_slice(&root)
            }
            (
                SlotKind::Age {
                    recipient,
                    wrapped_key,
                },
                Credential::Identities(ids),
            ) => {
                let id = ids
                    .iter()
                    .find(|i| i.to_public().to_string() == *recipient)?;
                let root = zeroize::Zeroizing::new(age::decrypt(id, &wrapped_key.0).ok()?);
                Key256::from_slice(&root)
            }
            _ => None,
        }
    }

    /// Whether this is a passphrase slot.
    pub fn is_passphrase(&self) -> bool {
        matches!(
            self.kind,
            SlotKind::Passphrase { .. } | SlotKind::PassphraseX25519 { .. }
        )
    }

    /// Whether this is a version 1 passphrase slot (AES-GCM under the
    /// Argon2id key), which only its passphrase can re-wrap.
    pub fn is_legacy_passphrase(&self) -> bool {
        matches!(self.kind, SlotKind::Passphrase { .. })
    }

    /// The same slot wrapping another root key, made without its credential
    /// (root key rotation). A version 1 passphrase slot cannot be re-wrapped
    /// without its passphrase: `None`.
    pub fn rewrap(&self, root: &Key256) -> Result<Option<Slot>> {
        let kind = match &self.kind {
            SlotKind::Passphrase { .. } => return Ok(None),
            SlotKind::PassphraseX25519 {
                params,
                salt,
                recipient,
                ..
            } => SlotKind::PassphraseX25519 {
                params: *params,
                salt: salt.clone(),
                recipient: recipient.clone(),
                wrapped_key: B64(age_wrap(&parse_recipient(recipient)?, root)?),
            },
            SlotKind::Age { recipient, .. } => SlotKind::Age {
                recipient: recipient.clone(),
                wrapped_key: B64(age_wrap(&parse_recipient(recipient)?, root)?),
            },
        };
        Ok(Some(Slot {
            kind,
            ..self.clone()
        }))
    }

    /// The public description of the slot.
    pub fn info(&self) -> SlotInfo {
        let (kind, recipient) = match &self.kind {
            SlotKind::Passphrase { .. } | SlotKind::PassphraseX25519 { .. } => ("passphrase", None),
            SlotKind::Age { recipient, .. } => ("age", Some(recipient.clone())),
        };
        SlotInfo {
            slot_id: self.id,
            kind,
            principal: self.principal.clone(),
            recipient,
            creation_date: self.created,
        }
    }
}

fn age_wrap(r: &age::x25519::Recipient, root: &Key256) -> Result<Vec<u8>> {
    age::encrypt(r, root.expose())
        .map_err(|e| Error::validation(format!("age encryption failed: {e}")))
}

fn parse_recipient(r: &str) -> Result<age::x25519::Recipient> {
    r.parse()
        .map_err(|_| Error::validation(format!("slot recipient {r:?} is not an age recipient")))
}

/// The X25519 identity a passphrase slot derives: Argon2id(passphrase, salt)
/// expanded by HKDF-SHA-256 into an X25519 secret, in age's own encoding so
/// that age does the rest. `None` when the parameters are out of range.
fn passphrase_identity(
    p: &Passphrase,
    salt: &[u8],
    params: Argon2Params,
) -> Option<age::x25519::Identity> {
    let kek = crypto::argon2id(p, salt, params)?;
    let secret = crypto::hkdf(kek.expose(), salt, b"lkms passphrase slot x25519 v2");
    let hrp = bech32::Hrp::parse("age-secret-key-").ok()?;
    let encoded = zeroize::Zeroizing::new(
        bech32::encode::<bech32::Bech32>(hrp, secret.expose())
            .ok()?
            .to_uppercase(),
    );
    encoded.parse().ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn passphrase_slots_rewrap_without_the_passphrase() {
        let root = Key256::random();
        let p = || Passphrase::new("a long enough passphrase".into());
        let slot = Slot::wrap(
            SlotId(1),
            "alice".parse().expect("principal"),
            OffsetDateTime::UNIX_EPOCH,
            &NewSlot::Passphrase(p()),
            &root,
        )
        .expect("wrap");
        let cred = Credential::Passphrase(p());
        assert_eq!(
            slot.unwrap_root(&cred, "kr").map(|k| *k.expose()),
            Some(*root.expose())
        );
        let next = Key256::random();
        let moved = slot.rewrap(&next).expect("rewrap").expect("a v2 slot");
        assert_eq!(
            moved.unwrap_root(&cred, "kr").map(|k| *k.expose()),
            Some(*next.expose())
        );
        let wrong = Credential::Passphrase(Passphrase::new("another passphrase".into()));
        assert!(moved.unwrap_root(&wrong, "kr").is_none());
    }
}
