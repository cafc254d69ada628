//! Sealing one record at a time, blind indexes, and the digest over all records.
//!
//! Every key the keyring uses on its records is derived from the root key
//! with HKDF-SHA-256 (salt = keyring id, one `info` label per purpose), so a
//! new root key changes all of them at once.
//!
//! - A sealed record is `salt (32) ‖ nonce (12) ‖ AES-256-GCM(ciphertext ‖ tag)`
//!   under HKDF(seal key, salt, "lkms record v2"); the associated data names
//!   the keyring, the table, the record's id and its version, so a record
//!   copied to another row, another table or another keyring fails to open.
//!   A fresh key per record keeps GCM's random-nonce bound out of reach
//!   however many records (audit records included) a keyring writes.
//! - A blind index is HMAC-SHA-256 under the index key: equal names give
//!   equal indexes, so a lookup needs no decryption, yet the store never
//!   learns the name.
//! - The digest is the sum modulo 2^256 of one HMAC per record over
//!   (table, id, version, clear index columns, SHA-256 of the sealed bytes).
//!   A write subtracts the old record's term and adds the new one, so the
//!   digest stays current in O(1); a record deleted, replaced by an older
//!   copy of itself or altered in any clear column changes the sum, which
//!   the full check in [`super::Keyring::verify`] recomputes. The terms are
//!   keyed, so nobody without the root key can forge a matching set (the
//!   additive construction is Bellare and Micciancio's MuHASH/AdHASH idea
//!   with a keyed PRF in place of a public hash).

use crate::crypto;
use crate::encoding::hex;
use crate::error::Result;
use crate::secret::{Key256, SecretBytes};
use crate::store::{Row, Table};

const SALT_LEN: usize = 32;

/// The keys derived from the root key for one keyring.
#[derive(Clone)]
pub(crate) struct RecordKeys {
    seal: Key256,
    digest: Key256,
    index: Key256,
    /// Authenticates the keyring's state row.
    pub(crate) state: Key256,
}

impl RecordKeys {
    pub(crate) fn derive(root: &Key256, keyring_id: &str) -> Self {
        let k = |label: &str| crypto::hkdf(root.expose(), keyring_id.as_bytes(), label.as_bytes());
        RecordKeys {
            seal: k("lkms record seal v2"),
            digest: k("lkms record digest v2"),
            index: k("lkms blind index v2"),
            state: k("lkms state v2"),
        }
    }
}

fn aad(keyring_id: &str, table: &str, id: &str, version: u64) -> Vec<u8> {
    let mut a = Vec::with_capacity(64);
    for part in [
        b"lkms-record/v2".as_slice(),
        keyring_id.as_bytes(),
        table.as_bytes(),
        id.as_bytes(),
    ] {
        a.extend_from_slice(&(part.len() as u32).to_be_bytes());
        a.extend_from_slice(part);
    }
    a.extend_from_slice(&version.to_be_bytes());
    a
}

/// Seals `plaintext` as record `id` of `table` at `version`.
pub(crate) fn seal(
    keys: &RecordKeys,
    keyring_id: &str,
    table: &str,
    id: &str,
    version: u64,
    plaintext: &[u8],
) -> Vec<u8> {
    let salt = crypto::random_vec(SALT_LEN);
    let nonce = crypto::random_nonce();
    let key = crypto::hkdf(keys.seal.expose(), &salt, b"lkms record v2");
    let ct = crypto::seal(
        &key,
        &nonce,
        &aad(keyring_id, table, id, version),
        plaintext,
    );
    let mut out = Vec::with_capacity(SALT_LEN + nonce.len() + ct.len());
    out.extend_from_slice(&salt);
    out.extend_from_slice(&nonce);
    out.extend_from_slice(&ct);
    out
}

/// Opens a record sealed by [`seal`]; `None` when it was altered, moved or
/// sealed under another root key.
pub(crate) fn open(
    keys: &RecordKeys,
    keyring_id: &str,
    table: &str,
    id: &str,
    version: u64,
    sealed: &[u8],
) -> Option<SecretBytes> {
    if sealed.len() < SALT_LEN + crypto::NONCE_LEN + crypto::TAG_LEN {
        return None;
    }
    let (salt, rest) = sealed.split_at(SALT_LEN);
    let (nonce, ct) = rest.split_at(crypto::NONCE_LEN);
    let nonce: [u8; crypto::NONCE_LEN] = nonce.try_into().ok()?;
    let key = crypto::hkdf(keys.seal.expose(), salt, b"lkms record v2");
    crypto::open(&key, &nonce, &aad(keyring_id, table, id, version), ct)
}

/// A 64-bit blind index of `value` in `domain` (for the audit trail's
/// filters: a collision only widens a query, which then checks the record).
pub(crate) fn blind64(keys: &RecordKeys, domain: &str, value: &str) -> i64 {
    let h = crypto::hmac_parts(&keys.index, &[domain.as_bytes(), value.as_bytes()]);
    i64::from_be_bytes([h[0], h[1], h[2], h[3], h[4], h[5], h[6], h[7]])
}

/// A 128-bit blind index, as hex (an alias's row id).
pub(crate) fn blind_id(keys: &RecordKeys, domain: &str, value: &str) -> String {
    let h = crypto::hmac_parts(&keys.index, &[domain.as_bytes(), value.as_bytes()]);
    hex(&h[..16])
}

/// The sum of every record's digest term, modulo 2^256.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub(crate) struct Digest([u64; 4]);

impl Digest {
    fn limbs(term: &[u8; 32]) -> [u64; 4] {
        let mut l = [0u64; 4];
        for (i, chunk) in term.chunks_exact(8).enumerate() {
            let mut b = [0u8; 8];
            b.copy_from_slice(chunk);
            l[i] = u64::from_le_bytes(b);
        }
        l
    }

    /// Adds a record's term.
    pub(crate) fn add(&mut self, term: &[u8; 32]) {
        let t = Self::limbs(term);
        let mut carry = false;
        for (a, b) in self.0.iter_mut().zip(t) {
            let (s1, c1) = a.overflowing_add(b);
            let (s2, c2) = s1.overflowing_add(u64::from(carry));
            *a = s2;
            carry = c1 || c2;
        }
    }

    /// Removes a record's term.
    pub(crate) fn sub(&mut self, term: &[u8; 32]) {
        let t = Self::limbs(term);
        let mut borrow = false;
        for (a, b) in self.0.iter_mut().zip(t) {
            let (d1, b1) = a.overflowing_sub(b);
            let (d2, b2) = d1.overflowing_sub(u64::from(borrow));
            *a = d2;
            borrow = b1 || b2;
        }
    }

    pub(crate) fn to_hex(self) -> String {
        let bytes: Vec<u8> = self.0.iter().flat_map(|l| l.to_le_bytes()).collect();
        hex(&bytes)
    }

    pub(crate) fn from_hex(s: &str) -> Option<Self> {
        let b = crate::encoding::parse_hex32(s)?;
        Some(Digest(Self::limbs(&b)))
    }
}

/// The digest term of one stored row.
pub(crate) fn term(keys: &RecordKeys, table: Table, row: &Row) -> [u8; 32] {
    term_in(keys, table.name(), row)
}

/// The digest term of a sealed record kept in the keyring's header (`meta`),
/// such as the keyring policy: `row.id` is its name.
pub(crate) fn meta_term(keys: &RecordKeys, row: &Row) -> [u8; 32] {
    term_in(keys, "meta", row)
}

fn term_in(keys: &RecordKeys, table: &str, row: &Row) -> [u8; 32] {
    let opt = |v: Option<i64>| v.map(|t| t.to_be_bytes().to_vec()).unwrap_or_default();
    crypto::hmac_parts(
        &keys.digest,
        &[
            table.as_bytes(),
            row.id.as_bytes(),
            &row.version.to_be_bytes(),
            row.key_id.as_deref().unwrap_or("").as_bytes(),
            &opt(row.due_at),
            &opt(row.gone_at),
            &crypto::sha256(&row.data),
        ],
    )
}

/// Parses a record's JSON plaintext.
pub(crate) fn parse<T: serde::de::DeserializeOwned>(
    plain: &SecretBytes,
    what: impl FnOnce() -> String,
) -> Result<T> {
    serde_json::from_slice(plain.expose()).map_err(|e| crate::Error::KeyringCorrupt {
        path: std::path::PathBuf::from(what()),
        reason: format!("a record does not parse: {e}"),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn keys() -> RecordKeys {
        RecordKeys::derive(&Key256::random(), "kr1")
    }

    #[test]
    fn a_record_opens_only_where_it_was_sealed() {
        let k = keys();
        let s = seal(&k, "kr1", "keys", "a", 3, b"secret");
        assert_eq!(
            open(&k, "kr1", "keys", "a", 3, &s).expect("opens").expose(),
            b"secret"
        );
        for (kr, t, id, v) in [
            ("kr2", "keys", "a", 3),
            ("kr1", "grants", "a", 3),
            ("kr1", "keys", "b", 3),
            ("kr1", "keys", "a", 2),
        ] {
            assert!(open(&k, kr, t, id, v, &s).is_none(), "{kr} {t} {id} {v}");
        }
        assert!(open(&keys(), "kr1", "keys", "a", 3, &s).is_none());
        let mut flipped = s.clone();
        flipped[50] ^= 1;
        assert!(open(&k, "kr1", "keys", "a", 3, &flipped).is_none());
    }

    #[test]
    fn the_digest_is_order_free_and_exact() {
        let ts: Vec<[u8; 32]> = (0..5u8).map(|i| crypto::sha256(&[i])).collect();
        let mut a = Digest::default();
        let mut b = Digest::default();
        for t in &ts {
            a.add(t);
        }
        for t in ts.iter().rev() {
            b.add(t);
        }
        assert_eq!(a, b);
        a.sub(&ts[2]);
        assert_ne!(a, b);
        a.add(&ts[2]);
        assert_eq!(a, b);
        assert_eq!(Digest::from_hex(&a.to_hex()), Some(a));
        let mut z = Digest::default();
        z.sub(&ts[0]);
        z.add(&ts[0]);
        assert_eq!(z, Digest::default());
    }
}
