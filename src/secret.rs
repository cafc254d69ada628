//! Types that hold secret bytes.
//!
//! They zeroize on drop, implement no `Display`, and their `Debug` prints a
//! placeholder, so a secret cannot reach a log, an error or the audit trail
//! by accident.

use std::fmt;

use base64::Engine;
use base64::engine::general_purpose::STANDARD as B64;
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use zeroize::{Zeroize, Zeroizing};

/// Secret bytes of any length: key material, data keys, plaintexts.
///
/// Serialized as base64 only inside the encrypted keyring body.
#[derive(Clone, PartialEq, Eq)]
pub struct SecretBytes(Zeroizing<Vec<u8>>);

impl SecretBytes {
    /// Takes ownership of bytes that are already secret.
    pub fn new(bytes: Vec<u8>) -> Self {
        SecretBytes(Zeroizing::new(bytes))
    }

    /// Fresh random bytes from the operating system.
    pub fn random(len: usize) -> Self {
        let mut bytes = Zeroizing::new(vec![0u8; len]);
        crate::crypto::fill_random(&mut bytes);
        SecretBytes(bytes)
    }

    /// The secret, for the one call that needs it.
    pub fn expose(&self) -> &[u8] {
        &self.0
    }

    /// Length in bytes (not secret).
    pub fn len(&self) -> usize {
        self.0.len()
    }

    /// Whether there are no bytes.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

impl fmt::Debug for SecretBytes {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "SecretBytes([REDACTED; {}])", self.0.len())
    }
}

impl Serialize for SecretBytes {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let encoded = Zeroizing::new(B64.encode(self.expose()));
        s.serialize_str(&encoded)
    }
}

impl<'de> Deserialize<'de> for SecretBytes {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct Visitor;
        impl serde::de::Visitor<'_> for Visitor {
            type Value = SecretBytes;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("base64 secret bytes")
            }
            fn visit_str<E: serde::de::Error>(self, v: &str) -> Result<SecretBytes, E> {
                let mut out = Zeroizing::new(Vec::with_capacity(v.len()));
                B64.decode_vec(v, &mut out)
                    .map_err(|_| E::custom("secret bytes are not valid base64"))?;
                Ok(SecretBytes(out))
            }
        }
        d.deserialize_str(Visitor)
    }
}

/// A 256-bit symmetric key: the keyring root key, a KEK, a derived key.
#[derive(Clone)]
pub struct Key256(Zeroizing<[u8; 32]>);

impl Key256 {
    /// A fresh random key.
    pub fn random() -> Self {
        let mut k = Zeroizing::new([0u8; 32]);
        crate::crypto::fill_random(k.as_mut());
        Key256(k)
    }

    /// Builds a key from exactly 32 bytes; `None` for any other length.
    pub fn from_slice(bytes: &[u8]) -> Option<Self> {
        let arr: [u8; 32] = bytes.try_into().ok()?;
        let key = Key256(Zeroizing::new(arr));
        let mut arr = arr;
        arr.zeroize();
        Some(key)
    }

    /// The key bytes, for the one call that needs them.
    pub fn expose(&self) -> &[u8; 32] {
        &self.0
    }
}

impl fmt::Debug for Key256 {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Key256([REDACTED])")
    }
}

/// A passphrase typed by a person or read from a file or environment variable.
#[derive(Clone)]
pub struct Passphrase(Zeroizing<String>);

impl Passphrase {
    /// Wraps a passphrase. A trailing newline, as `echo` or an editor leaves
    /// in a passphrase file, is not part of it.
    pub fn new(mut s: String) -> Self {
        while s.ends_with('\n') || s.ends_with('\r') {
            s.pop();
        }
        Passphrase(Zeroizing::new(s))
    }

    /// The passphrase bytes, for the KDF.
    pub fn expose(&self) -> &[u8] {
        self.0.as_bytes()
    }

    /// Whether it is empty (not secret).
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// Length in characters (not secret; used for the strength warning).
    pub fn char_len(&self) -> usize {
        self.0.chars().count()
    }
}

impl fmt::Debug for Passphrase {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Passphrase([REDACTED])")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn debug_never_shows_secret_bytes() {
        let s = SecretBytes::new(b"hunter2-material".to_vec());
        assert!(!format!("{s:?}").contains("hunter2"));
        let p = Passphrase::new("hunter2\n".into());
        assert!(!format!("{p:?}").contains("hunter2"));
        assert_eq!(p.expose(), b"hunter2");
    }

    #[test]
    fn secret_bytes_round_trip_through_json() {
        let s = SecretBytes::new(vec![0, 1, 2, 255]);
        let json = serde_json::to_string(&s).expect("serialize");
        let back: SecretBytes = serde_json::from_str(&json).expect("deserialize");
        assert_eq!(back.expose(), &[0, 1, 2, 255]);
    }
}
