//! The small-message primitives every other module composes: AES-256-GCM
//! with associated data, HKDF-SHA-256, HMAC-SHA-256, Argon2id and the random
//! source. Nothing here is invented; each function is a thin, typed
//! wrapper over a RustCrypto crate so that the rest of the library never
//! touches a raw cipher API.

use aes_gcm::aead::{Aead, KeyInit, Payload};
use aes_gcm::{Aes256Gcm, Nonce};
use hmac::{Hmac, Mac};
use sha2::Sha256;

use crate::secret::{Key256, Passphrase, SecretBytes};

/// Length of an AES-GCM nonce.
pub const NONCE_LEN: usize = 12;
/// Length of an AES-GCM tag.
pub const TAG_LEN: usize = 16;

/// Fills `buf` with random bytes from AWS-LC's generator: a CTR-DRBG per
/// thread, seeded and regularly reseeded from the operating system's
/// source, reseeded after a fork. A server needs several random values per
/// request (nonces, ids, data keys); the generator spares one system call
/// for each without being any less unpredictable.
///
/// Failure of the random source leaves no safe way to continue, so it aborts
/// the process rather than return predictable bytes.
pub fn fill_random(buf: &mut [u8]) {
    if aws_lc_rs::rand::fill(buf).is_err() {
        panic!("the random number generator failed");
    }
}

/// `n` random bytes that are not secret (salts, nonces, ids).
pub fn random_vec(n: usize) -> Vec<u8> {
    let mut v = vec![0u8; n];
    fill_random(&mut v);
    v
}

/// A random (version 4) UUID, from [`fill_random`].
pub fn random_uuid() -> uuid::Uuid {
    let mut bytes = [0u8; 16];
    fill_random(&mut bytes);
    uuid::Builder::from_random_bytes(bytes).into_uuid()
}

/// A random nonce.
pub fn random_nonce() -> [u8; NONCE_LEN] {
    let mut n = [0u8; NONCE_LEN];
    fill_random(&mut n);
    n
}

fn cipher(key: &Key256) -> Aes256Gcm {
    Aes256Gcm::new(key.expose().into())
}

/// AES-256-GCM encryption; returns ciphertext with the tag appended.
pub fn seal(key: &Key256, nonce: &[u8; NONCE_LEN], aad: &[u8], plaintext: &[u8]) -> Vec<u8> {
    let nonce = Nonce::from(*nonce);
    match cipher(key).encrypt(
        &nonce,
        Payload {
            msg: plaintext,
            aad,
        },
    ) {
        Ok(ct) => ct,
        // Only lengths beyond 2^36 bytes fail, which no caller can reach.
        Err(_) => panic!("AES-GCM refused a message within its limits"),
    }
}

/// AES-256-GCM decryption; `None` when the tag does not verify.
pub fn open(
    key: &Key256,
    nonce: &[u8; NONCE_LEN],
    aad: &[u8],
    ciphertext: &[u8],
) -> Option<SecretBytes> {
    let nonce = Nonce::from(*nonce);
    cipher(key)
        .decrypt(
            &nonce,
            Payload {
                msg: ciphertext,
                aad,
            },
        )
        .ok()
        .map(SecretBytes::new)
}

/// HKDF-SHA-256 (RFC 5869) of a 256-bit key.
pub fn hkdf(ikm: &[u8], salt: &[u8], info: &[u8]) -> Key256 {
    let hk = hkdf::Hkdf::<Sha256>::new(Some(salt), ikm);
    let mut okm = zeroize::Zeroizing::new([0u8; 32]);
    if hk.expand(info, okm.as_mut()).is_err() {
        unreachable!("32 bytes is within HKDF-SHA-256's output limit");
    }
    Key256::from_slice(okm.as_ref()).unwrap_or_else(|| unreachable!("32-byte okm"))
}

/// HMAC-SHA-256 of `parts`, each length-prefixed so that no two different
/// part lists give the same input.
pub fn hmac_parts(key: &Key256, parts: &[&[u8]]) -> [u8; 32] {
    let mut mac = <Hmac<Sha256> as KeyInit>::new_from_slice(key.expose())
        .unwrap_or_else(|_| unreachable!("HMAC takes keys of any length"));
    for p in parts {
        mac.update(&(p.len() as u64).to_be_bytes());
        mac.update(p);
    }
    mac.finalize().into_bytes().into()
}

/// Plain HMAC-SHA-256 of one message (for formats that document exactly
/// that, such as the encrypted file's header tag).
pub fn hmac(key: &Key256, data: &[u8]) -> [u8; 32] {
    let mut mac = <Hmac<Sha256> as KeyInit>::new_from_slice(key.expose())
        .unwrap_or_else(|_| unreachable!("HMAC takes keys of any length"));
    mac.update(data);
    mac.finalize().into_bytes().into()
}

/// Constant-time comparison of two byte strings.
pub fn ct_eq(a: &[u8], b: &[u8]) -> bool {
    use subtle::ConstantTimeEq;
    a.len() == b.len() && bool::from(a.ct_eq(b))
}

/// SHA-256.
pub fn sha256(data: &[u8]) -> [u8; 32] {
    use sha2::Digest;
    Sha256::digest(data).into()
}

/// Argon2id cost parameters, stored in each passphrase slot.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Argon2Params {
    /// Memory in KiB.
    pub m_cost_kib: u32,
    /// Passes over memory.
    pub t_cost: u32,
    /// Lanes.
    pub p_cost: u32,
}

impl Argon2Params {
    /// The default for new slots: 64 MiB, 3 passes, 1 lane (about 0.1-0.2 s here).
    pub const DEFAULT: Argon2Params = Argon2Params {
        m_cost_kib: 64 * 1024,
        t_cost: 3,
        p_cost: 1,
    };
    /// The most memory a slot may ask for: twice the default (128 MiB).
    pub const MAX_M_COST_KIB: u32 = 128 * 1024;
    /// The most passes a slot may ask for: twice the default.
    pub const MAX_T_COST: u32 = 6;
    /// The most lanes a slot may ask for.
    pub const MAX_P_COST: u32 = 4;
    /// The bounds, as error messages print them.
    pub fn bounds() -> String {
        format!(
            "at most m={} KiB, t={}, p={}",
            Self::MAX_M_COST_KIB,
            Self::MAX_T_COST,
            Self::MAX_P_COST
        )
    }

    /// Whether the parameters are within the bounds and above Argon2's
    /// minimums. Slots are read before anything authenticates them, so
    /// these bounds are all that stops an edited slot from making an
    /// unlock take minutes or exhaust the memory: they sit near what lkms
    /// writes (at most four times the default's work), not near what
    /// Argon2 allows.
    pub fn is_within_bounds(&self) -> bool {
        (8 * self.p_cost..=Self::MAX_M_COST_KIB).contains(&self.m_cost_kib)
            && (1..=Self::MAX_T_COST).contains(&self.t_cost)
            && (1..=Self::MAX_P_COST).contains(&self.p_cost)
    }
}

impl std::fmt::Display for Argon2Params {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "m={} KiB, t={}, p={}",
            self.m_cost_kib, self.t_cost, self.p_cost
        )
    }
}

/// Derives a 256-bit KEK from a passphrase with Argon2id.
///
/// Returns `None` when the parameters are outside the bounds.
pub fn argon2id(passphrase: &Passphrase, salt: &[u8], params: Argon2Params) -> Option<Key256> {
    if !params.is_within_bounds() {
        return None;
    }
    let p = argon2::Params::new(params.m_cost_kib, params.t_cost, params.p_cost, Some(32)).ok()?;
    let a = argon2::Argon2::new(argon2::Algorithm::Argon2id, argon2::Version::V0x13, p);
    let mut out = zeroize::Zeroizing::new([0u8; 32]);
    a.hash_password_into(passphrase.expose(), salt, out.as_mut())
        .ok()?;
    Key256::from_slice(out.as_ref())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn seal_open_round_trip_and_aad_binding() {
        let k = Key256::random();
        let n = random_nonce();
        let ct = seal(&k, &n, b"aad", b"hello");
        assert_eq!(ct.len(), 5 + TAG_LEN);
        assert_eq!(
            open(&k, &n, b"aad", &ct).map(|p| p.expose().to_vec()),
            Some(b"hello".to_vec())
        );
        assert!(open(&k, &n, b"other", &ct).is_none());
        let mut bad = ct.clone();
        bad[0] ^= 1;
        assert!(open(&k, &n, b"aad", &bad).is_none());
    }

    #[test]
    fn hmac_parts_is_unambiguous() {
        let k = Key256::random();
        assert_ne!(
            hmac_parts(&k, &[b"ab", b"c"]),
            hmac_parts(&k, &[b"a", b"bc"])
        );
    }

    #[test]
    fn argon2_refuses_excessive_parameters() {
        let p = Passphrase::new("x".into());
        let huge = Argon2Params {
            m_cost_kib: u32::MAX,
            t_cost: 3,
            p_cost: 1,
        };
        assert!(argon2id(&p, b"saltsaltsaltsalt", huge).is_none());
        let small = Argon2Params {
            m_cost_kib: 64,
            t_cost: 1,
            p_cost: 1,
        };
        assert!(argon2id(&p, b"saltsaltsaltsalt", small).is_some());
        assert!(Argon2Params::DEFAULT.is_within_bounds());
        let d = Argon2Params::DEFAULT;
        for beyond in [
            Argon2Params {
                m_cost_kib: Argon2Params::MAX_M_COST_KIB + 1,
                ..d
            },
            Argon2Params {
                t_cost: Argon2Params::MAX_T_COST + 1,
                ..d
            },
            Argon2Params {
                p_cost: Argon2Params::MAX_P_COST + 1,
                ..d
            },
            Argon2Params { t_cost: 0, ..d },
        ] {
            assert!(!beyond.is_within_bounds(), "{beyond}");
            assert!(argon2id(&p, b"saltsaltsaltsalt", beyond).is_none());
        }
    }
}
