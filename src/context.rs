//! Encryption context: a map of non-secret strings bound to a ciphertext as
//! associated data. Decryption must present the same map.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::error::{Error, Result};

/// The largest canonical encoding of a context, in bytes (AWS allows 8 KiB).
pub const MAX_ENCODED_LEN: usize = 8192;

/// An encryption context. Keys are kept sorted, so the canonical encoding
/// does not depend on the order the caller gave them in.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(transparent)]
pub struct EncryptionContext(BTreeMap<String, String>);

impl EncryptionContext {
    /// Builds a context, checking its size.
    pub fn new(map: BTreeMap<String, String>) -> Result<Self> {
        let ctx = EncryptionContext(map);
        if ctx.0.keys().any(String::is_empty) {
            return Err(Error::validation(
                "encryption context keys must not be empty",
            ));
        }
        if ctx.encode().len() > MAX_ENCODED_LEN {
            return Err(Error::validation(format!(
                "the encryption context is larger than {MAX_ENCODED_LEN} bytes"
            )));
        }
        Ok(ctx)
    }

    /// The empty context.
    pub fn empty() -> Self {
        EncryptionContext::default()
    }

    /// The pairs, sorted by key.
    pub fn pairs(&self) -> &BTreeMap<String, String> {
        &self.0
    }

    /// Whether there are no pairs.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// The canonical encoding: a big-endian u16 count, then for each pair in
    /// key order a u16 length and the UTF-8 bytes of the key, then of the
    /// value (the AWS Encryption SDK's serialization).
    pub fn encode(&self) -> Vec<u8> {
        let mut out = Vec::new();
        out.extend_from_slice(&(self.0.len().min(u16::MAX as usize) as u16).to_be_bytes());
        for (k, v) in &self.0 {
            for s in [k, v] {
                let len = s.len().min(u16::MAX as usize);
                out.extend_from_slice(&(len as u16).to_be_bytes());
                out.extend_from_slice(&s.as_bytes()[..len]);
            }
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn encoding_is_order_independent_and_unambiguous() {
        let a = EncryptionContext::new(
            [
                ("b".to_string(), "2".to_string()),
                ("a".to_string(), "1".to_string()),
            ]
            .into(),
        )
        .expect("ctx");
        let b = EncryptionContext::new(
            [
                ("a".to_string(), "1".to_string()),
                ("b".to_string(), "2".to_string()),
            ]
            .into(),
        )
        .expect("ctx");
        assert_eq!(a.encode(), b.encode());
        let c = EncryptionContext::new([("ab".to_string(), "".to_string())].into()).expect("ctx");
        let d = EncryptionContext::new([("a".to_string(), "b".to_string())].into()).expect("ctx");
        assert_ne!(c.encode(), d.encode());
        assert_eq!(EncryptionContext::empty().encode(), vec![0, 0]);
    }

    #[test]
    fn oversized_context_is_refused() {
        let big = [("k".to_string(), "v".repeat(9000))].into();
        assert!(EncryptionContext::new(big).is_err());
    }
}
