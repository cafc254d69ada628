//! The keyring's state row: the one authenticated value that ties every
//! record, every slot and the audit trail together.
//!
//! It holds the write generation, the digests over the records and over the
//! slots, the audit chain's head and checkpoint, and the latest time any
//! write recorded. Its MAC is HMAC-SHA-256 under a key derived from the root
//! key, over the keyring id and every field, and it is rewritten in the same
//! transaction as every change. Rolling back this row alone is detected (the
//! records or the audit trail no longer match it); rolling back the whole
//! file together is the documented residual risk (docs/SECURITY.md).

use serde::{Deserialize, Serialize};

use super::seal::{Digest, RecordKeys};
use crate::crypto;
use crate::encoding::hex;
use crate::error::{Error, Result};

/// The state, as verified.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct State {
    /// Incremented by every write transaction; each record written carries it.
    pub generation: u64,
    /// Sum of the record digest terms (keys, aliases, grants).
    pub records: Digest,
    /// Sum of the slot digest terms.
    pub slots: Digest,
    /// The last audit record's sequence number (0: none yet).
    pub audit_seq: u64,
    /// The chain hash through that record.
    pub audit_hash: [u8; 32],
    /// The last pruned record's sequence number (0: none pruned).
    pub checkpoint_seq: u64,
    /// The chain hash through the last pruned record.
    pub checkpoint_hash: [u8; 32],
    /// The latest time (Unix seconds) a write recorded.
    pub clock: i64,
}

#[derive(Serialize, Deserialize)]
#[serde(rename_all = "PascalCase", deny_unknown_fields)]
struct Stored {
    generation: u64,
    records: String,
    slots: String,
    audit_seq: u64,
    audit_hash: String,
    checkpoint_seq: u64,
    checkpoint_hash: String,
    clock: i64,
    mac: String,
}

impl State {
    pub(crate) fn new(clock: i64) -> Self {
        State {
            generation: 0,
            records: Digest::default(),
            slots: Digest::default(),
            audit_seq: 0,
            audit_hash: crate::audit::GENESIS,
            checkpoint_seq: 0,
            checkpoint_hash: crate::audit::GENESIS,
            clock,
        }
    }

    fn mac(&self, keys: &RecordKeys, keyring_id: &str) -> [u8; 32] {
        crypto::hmac_parts(
            &keys.state,
            &[
                b"lkms state v2",
                keyring_id.as_bytes(),
                &self.generation.to_be_bytes(),
                self.records.to_hex().as_bytes(),
                self.slots.to_hex().as_bytes(),
                &self.audit_seq.to_be_bytes(),
                &self.audit_hash,
                &self.checkpoint_seq.to_be_bytes(),
                &self.checkpoint_hash,
                &self.clock.to_be_bytes(),
            ],
        )
    }

    /// The row's bytes, authenticated.
    pub(crate) fn encode(&self, keys: &RecordKeys, keyring_id: &str) -> Vec<u8> {
        let stored = Stored {
            generation: self.generation,
            records: self.records.to_hex(),
            slots: self.slots.to_hex(),
            audit_seq: self.audit_seq,
            audit_hash: hex(&self.audit_hash),
            checkpoint_seq: self.checkpoint_seq,
            checkpoint_hash: hex(&self.checkpoint_hash),
            clock: self.clock,
            mac: hex(&self.mac(keys, keyring_id)),
        };
        serde_json::to_vec(&stored).unwrap_or_else(|e| unreachable!("state serializes: {e}"))
    }

    /// Parses and authenticates the row.
    pub(crate) fn decode(
        bytes: &[u8],
        keys: &RecordKeys,
        keyring_id: &str,
        path: &std::path::Path,
    ) -> Result<Self> {
        let corrupt = |reason: &str| Error::KeyringCorrupt {
            path: path.to_path_buf(),
            reason: reason.to_owned(),
        };
        let s: Stored =
            serde_json::from_slice(bytes).map_err(|_| corrupt("the state record is malformed"))?;
        let digest = |h: &str| Digest::from_hex(h).ok_or_else(|| corrupt("bad state digest"));
        let hash = |h: &str| {
            crate::encoding::parse_hex32(h).ok_or_else(|| corrupt("bad state audit hash"))
        };
        let state = State {
            generation: s.generation,
            records: digest(&s.records)?,
            slots: digest(&s.slots)?,
            audit_seq: s.audit_seq,
            audit_hash: hash(&s.audit_hash)?,
            checkpoint_seq: s.checkpoint_seq,
            checkpoint_hash: hash(&s.checkpoint_hash)?,
            clock: s.clock,
        };
        if !crypto::ct_eq(
            hex(&state.mac(keys, keyring_id)).as_bytes(),
            s.mac.as_bytes(),
        ) {
            return Err(corrupt(
                "the state record fails authentication (edited, or from another keyring)",
            ));
        }
        Ok(state)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::secret::Key256;

    #[test]
    fn the_state_row_authenticates_every_field() {
        let keys = RecordKeys::derive(&Key256::random(), "kr");
        let path = std::path::Path::new("k");
        let mut s = State::new(5);
        s.audit_seq = 9;
        let bytes = s.encode(&keys, "kr");
        assert_eq!(State::decode(&bytes, &keys, "kr", path).expect("ok"), s);
        assert!(State::decode(&bytes, &keys, "other", path).is_err());
        let text = String::from_utf8(bytes).expect("utf8");
        let edited = text.replace("\"AuditSeq\":9", "\"AuditSeq\":8");
        assert_ne!(edited, text);
        assert!(State::decode(edited.as_bytes(), &keys, "kr", path).is_err());
    }
}
