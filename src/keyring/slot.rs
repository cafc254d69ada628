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

/// What trying one slot with a credential found.
pub enum Unwrap {
    /// The root key.
    Opened(Key256),
    /// The slot is not the credential's (another kind, another recipient).
    NotMine,
    /// A passphrase that opens nothing here: a wrong passphrase, or a
    /// slot whose salt, parameters or check value were edited.
    WrongOrDamaged,
    /// The credential is the slot's, yet the slot does not open: it is
    /// damaged (why).
    Damaged(&'static str),
}

/// Which slots an unlock tries.
#[derive(Debug, Clone, Default)]
pub struct SlotChoice {
    /// Only this slot (`--unlock-slot`).
    pub slot: Option<SlotId>,
    /// Passphrase slots of this principal are tried first (the login name).
    pub principal: Option<Principal>,
}

/// The most passphrase slots one unlock tries: each try costs one Argon2id,
/// so a keyring with many slots (or slots inserted by someone who can write
/// the file) cannot make an unlock take minutes.
pub const MAX_PASSPHRASE_TRIES: usize = 3;

/// Finds the slot among `slots` that `cred` opens, as `choice` directs,
/// and unwraps the root key from it.
///
/// Age slots are matched by recipient, at no cost. Passphrase slots are
/// tried in order (the preferred principal's first, then by number), at
/// most [`MAX_PASSPHRASE_TRIES`] of them. When any candidate passphrase
/// slot's Argon2id parameters are beyond [`Argon2Params::is_within_bounds`]
/// the unlock is refused, naming it, before any work is spent.
pub fn unlock_any<'a>(
    slots: impl IntoIterator<Item = &'a Slot>,
    cred: &Credential,
    choice: &SlotChoice,
    keyring_id: &str,
    path: &std::path::Path,
) -> Result<(Key256, SlotId)> {
    let mut slots: Vec<&Slot> = slots.into_iter().collect();
    if let Some(wanted) = choice.slot {
        slots.retain(|s| s.id == wanted);
        if slots.is_empty() {
            return Err(Error::UnlockFailed(format!(
                "--unlock-slot {wanted}: {} has no slot {wanted}",
                path.display()
            )));
        }
    }
    // The preferred principal's passphrase slots first, then by number.
    let another = |s: &&Slot| Some(&s.principal) != choice.principal.as_ref();
    slots.sort_by_key(|s| (s.is_passphrase() && another(s), s.id));
    let passphrase_slots = slots.iter().filter(|s| s.is_passphrase()).count();
    if let Credential::Passphrase(_) = cred {
        // Every candidate, not only those tried: a slot inserted by someone
        // who can write the file is named wherever it sorts.
        for slot in &slots {
            match slot.argon2_params() {
                Some(params) if !params.is_within_bounds() => {
                    return Err(Error::KeyringCorrupt {
                        path: path.to_path_buf(),
                        reason: format!(
                            "slot {} ({}) asks for Argon2id parameters {params} beyond what lkms accepts ({}): \
                             the slot was edited, or made by another program; no slot was tried \
                             (--unlock-slot names the one to try)",
                            slot.id,
                            slot.principal,
                            Argon2Params::bounds()
                        ),
                    });
                }
                _ => {}
            }
        }
    }
    let (mut tried, mut wrong) = (Vec::new(), false);
    let mut damaged = None;
    for slot in slots {
        if let (Credential::Passphrase(_), true) = (cred, slot.is_passphrase()) {
            if tried.len() == MAX_PASSPHRASE_TRIES {
                break;
            }
            tried.push(slot.id);
        }
        match slot.unwrap_root(cred, keyring_id) {
            Unwrap::Opened(root) => return Ok((root, slot.id)),
            Unwrap::NotMine => {}
            Unwrap::WrongOrDamaged => wrong = true,
            Unwrap::Damaged(why) => {
                damaged.get_or_insert((slot.id, slot.principal.clone(), why));
            }
        }
    }
    if let Some((id, principal, why)) = damaged {
        return Err(Error::KeyringCorrupt {
            path: path.to_path_buf(),
            reason: format!(
                "slot {id} ({principal}) is damaged: {why}; restore the keyring from a backup, \
                 or unlock through another slot"
            ),
        });
    }
    Err(unlock_failed(cred, path, &tried, passphrase_slots, wrong))
}

/// Why nothing opened, with what the user can do about it.
fn unlock_failed(
    cred: &Credential,
    path: &std::path::Path,
    tried: &[SlotId],
    passphrase_slots: usize,
    wrong: bool,
) -> Error {
    match cred {
        Credential::Passphrase(_) if tried.is_empty() => Error::UnlockFailed(format!(
            "{} has no passphrase slot to try (unlock its age slots with --identity)",
            path.display()
        )),
        Credential::Passphrase(_) => {
            let list = tried.iter().map(|s| s.to_string()).collect::<Vec<_>>();
            let mut m = format!(
                "the passphrase opens no slot of {} tried (slot{} {}): wrong passphrase, or the slot is damaged",
                path.display(),
                if tried.len() == 1 { "" } else { "s" },
                list.join(", ")
            );
            if wrong {
                m.push_str(
                    " (`lkms verify-keyring` with another slot's credential tells the two apart: it fails on an edited slot)",
                );
            }
            if passphrase_slots > tried.len() {
                m.push_str(&format!(
                    "; lkms tries at most {MAX_PASSPHRASE_TRIES} of its {passphrase_slots} passphrase slots: \
                     name yours with --unlock-slot N (or LKMS_UNLOCK_SLOT)"
                ));
            }
            Error::UnlockFailed(m)
        }
        Credential::Identities(_) => Error::UnlockFailed(format!(
            "no identity in the identity file matches an age slot of {}",
            path.display()
        )),
    }
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

    /// Tries to unwrap the root key with `cred`, telling apart a slot that
    /// is not the credential's from one that is but fails to decrypt.
    pub fn unwrap_root(&self, cred: &Credential, keyring_id: &str) -> Unwrap {
        // A wrapped key that decrypts to anything but 32 bytes is damaged.
        let root_of = |bytes: &[u8], why: &'static str| {
            Key256::from_slice(bytes).map_or(Unwrap::Damaged(why), Unwrap::Opened)
        };
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
                let Some(kek) = crypto::argon2id(p, &salt.0, *params) else {
                    return Unwrap::Damaged("its Argon2id parameters are invalid");
                };
                let Ok(nonce) = <[u8; crypto::NONCE_LEN]>::try_from(nonce.0.as_slice()) else {
                    return Unwrap::Damaged("its nonce has the wrong length");
                };
                // AES-GCM cannot tell a wrong key from an edited slot.
                match crypto::open(&kek, &nonce, &slot_aad(keyring_id, self.id), &wrapped_key.0) {
                    Some(root) => root_of(root.expose(), "its root key has the wrong length"),
                    None => Unwrap::WrongOrDamaged,
                }
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
                let Some(id) = passphrase_identity(p, &salt.0, *params) else {
                    return Unwrap::Damaged("its Argon2id parameters are invalid");
                };
                // The derived recipient is a check value: when it matches,
                // the passphrase is right and only the slot can be wrong.
                if id.to_public().to_string() != *recipient {
                    return Unwrap::WrongOrDamaged;
                }
                match age::decrypt(&id, &wrapped_key.0) {
                    Ok(root) => root_of(
                        &zeroize::Zeroizing::new(root),
                        "its root key has the wrong length",
                    ),
                    Err(_) => Unwrap::Damaged(
                        "the passphrase is right (it derives the slot's recipient) but the wrapped root key does not decrypt",
                    ),
                }
            }
            (
                SlotKind::Age {
                    recipient,
                    wrapped_key,
                },
                Credential::Identities(ids),
            ) => {
                let Some(id) = ids.iter().find(|i| i.to_public().to_string() == *recipient) else {
                    return Unwrap::NotMine;
                };
                match age::decrypt(id, &wrapped_key.0) {
                    Ok(root) => root_of(
                        &zeroize::Zeroizing::new(root),
                        "its root key has the wrong length",
                    ),
                    Err(_) => Unwrap::Damaged(
                        "the identity is the slot's recipient but the wrapped root key does not decrypt",
                    ),
                }
            }
            _ => Unwrap::NotMine,
        }
    }

    /// The Argon2id parameters of a passphrase slot.
    pub fn argon2_params(&self) -> Option<Argon2Params> {
        match &self.kind {
            SlotKind::Passphrase { params, .. } | SlotKind::PassphraseX25519 { params, .. } => {
                Some(*params)
            }
            SlotKind::Age { .. } => None,
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

    fn opened(u: Unwrap) -> Option<[u8; 32]> {
        match u {
            Unwrap::Opened(k) => Some(*k.expose()),
            _ => None,
        }
    }

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
        assert_eq!(opened(slot.unwrap_root(&cred, "kr")), Some(*root.expose()));
        let next = Key256::random();
        let moved = slot.rewrap(&next).expect("rewrap").expect("a v2 slot");
        assert_eq!(opened(moved.unwrap_root(&cred, "kr")), Some(*next.expose()));
        let wrong = Credential::Passphrase(Passphrase::new("another passphrase".into()));
        assert!(matches!(
            moved.unwrap_root(&wrong, "kr"),
            Unwrap::WrongOrDamaged
        ));
    }

    /// A passphrase slot with Argon2id parameters cheap enough for tests.
    fn cheap_slot(id: u32, principal: &str, passphrase: &str, root: &Key256) -> Slot {
        let params = Argon2Params {
            m_cost_kib: 64,
            t_cost: 1,
            p_cost: 1,
        };
        let salt = crypto::random_vec(16);
        let identity = passphrase_identity(&Passphrase::new(passphrase.into()), &salt, params)
            .expect("identity");
        let recipient = identity.to_public();
        Slot {
            id: SlotId(id),
            principal: principal.parse().expect("principal"),
            created: OffsetDateTime::UNIX_EPOCH,
            kind: SlotKind::PassphraseX25519 {
                params,
                salt: B64(salt),
                wrapped_key: B64(age_wrap(&recipient, root).expect("wrap")),
                recipient: recipient.to_string(),
            },
        }
    }

    fn unlock(slots: &[Slot], passphrase: &str, choice: &SlotChoice) -> Result<SlotId> {
        let cred = Credential::Passphrase(Passphrase::new(passphrase.into()));
        unlock_any(slots, &cred, choice, "kr", std::path::Path::new("k.db")).map(|(_, id)| id)
    }

    #[test]
    fn at_most_three_passphrase_slots_are_tried_unless_one_is_named() {
        let root = Key256::random();
        let slots: Vec<Slot> = (1..=5)
            .map(|i| cheap_slot(i, &format!("user{i}"), &format!("pass {i}"), &root))
            .collect();
        assert_eq!(
            unlock(&slots, "pass 2", &SlotChoice::default()).ok(),
            Some(SlotId(2))
        );
        let err = unlock(&slots, "pass 5", &SlotChoice::default()).expect_err("slot 5 untried");
        let m = err.to_string();
        assert!(matches!(err, Error::UnlockFailed(_)), "{m}");
        assert!(
            m.contains("slots 1, 2, 3") && m.contains("--unlock-slot"),
            "{m}"
        );
        assert!(
            m.contains("wrong passphrase, or the slot is damaged"),
            "{m}"
        );
        let named = SlotChoice {
            slot: Some(SlotId(5)),
            principal: None,
        };
        assert_eq!(unlock(&slots, "pass 5", &named).ok(), Some(SlotId(5)));
        let mine = SlotChoice {
            slot: None,
            principal: Some("user5".parse().expect("principal")),
        };
        assert_eq!(unlock(&slots, "pass 5", &mine).ok(), Some(SlotId(5)));
        let missing = SlotChoice {
            slot: Some(SlotId(9)),
            principal: None,
        };
        assert!(unlock(&slots, "pass 5", &missing).is_err());
    }

    #[test]
    fn a_slot_beyond_the_argon2_bounds_is_refused_by_name_before_any_work() {
        let root = Key256::random();
        let mut huge = cheap_slot(1, "mallory", "x", &root);
        if let SlotKind::PassphraseX25519 { params, .. } = &mut huge.kind {
            *params = Argon2Params {
                m_cost_kib: 1024 * 1024,
                t_cost: 16,
                p_cost: 1,
            };
        }
        let slots = [huge, cheap_slot(2, "alice", "right", &root)];
        let err = unlock(&slots, "right", &SlotChoice::default()).expect_err("refused");
        let m = err.to_string();
        assert!(matches!(err, Error::KeyringCorrupt { .. }), "{m}");
        assert!(
            m.contains("slot 1 (mallory)") && m.contains("m=1048576 KiB"),
            "{m}"
        );
        let named = SlotChoice {
            slot: Some(SlotId(2)),
            principal: None,
        };
        assert_eq!(unlock(&slots, "right", &named).ok(), Some(SlotId(2)));
    }

    #[test]
    fn a_damaged_slot_is_told_from_a_wrong_passphrase() {
        let root = Key256::random();
        let mut slot = cheap_slot(1, "alice", "right", &root);
        if let SlotKind::PassphraseX25519 { wrapped_key, .. } = &mut slot.kind {
            let last = wrapped_key.0.len() - 1;
            wrapped_key.0[last] ^= 1;
        }
        let slots = [slot];
        let err = unlock(&slots, "right", &SlotChoice::default()).expect_err("damaged");
        let m = err.to_string();
        assert!(matches!(err, Error::KeyringCorrupt { .. }), "{m}");
        assert!(m.contains("slot 1 (alice) is damaged"), "{m}");
        let err = unlock(&slots, "wrong", &SlotChoice::default()).expect_err("wrong");
        assert!(matches!(err, Error::UnlockFailed(_)), "{err}");
        assert!(
            err.to_string()
                .contains("wrong passphrase, or the slot is damaged")
        );
    }
}
