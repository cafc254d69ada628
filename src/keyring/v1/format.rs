//! The keyring file's on-disk schema, and the cryptography that seals it.
//!
//! The file is TOML: a plaintext header (`format_version`, `keyring_id`,
//! `header_mac`, `[[slots]]`) and one `[body]` sealed with AES-256-GCM. The
//! body's plaintext is JSON (keys, aliases, ...). This module is pure: text
//! in, structs out, and back.
//!
//! Authentication, all under keys derived from the 256-bit root key with
//! HKDF-SHA-256:
//! - body key = HKDF(root, salt = body.salt, info = "lkms keyring body v1");
//!   the body is sealed with a random nonce and associated data naming the
//!   format version and keyring id, so a body cannot be moved to another
//!   keyring. A fresh 256-bit salt per write means a fresh key per write, so
//!   GCM's random-nonce bound never binds.
//! - header MAC = HMAC-SHA-256(HKDF(root, salt = keyring id, info = "lkms
//!   keyring header v1"), version ‖ keyring id ‖ slots ‖ body salt ‖ body
//!   nonce ‖ SHA-256(body ciphertext)). It binds every slot (principal
//!   included) to this exact body, yet a slot change (`passwd`, `slot add`)
//!   only recomputes the MAC: the body is left byte for byte as it was.

use std::path::Path;

use serde::{Deserialize, Serialize};

use crate::crypto;
pub use crate::encoding::Base64 as B64;
use crate::error::{Error, Result};
use crate::keyring::Slot;
use crate::secret::{Key256, SecretBytes};

/// The keyring format version this build writes and the newest it reads.
pub const FORMAT_VERSION: u32 = 1;

/// The body as stored: AES-256-GCM ciphertext with its salt and nonce.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SealedBody {
    /// 32-byte HKDF salt of this write.
    pub salt: B64,
    /// 12-byte GCM nonce.
    pub nonce: B64,
    /// Ciphertext and tag.
    pub ciphertext: B64,
}

/// The whole keyring file.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct KeyringFile {
    /// Format version; files with a newer one are refused, not misread.
    pub format_version: u32,
    /// The keyring's id, used in ARNs.
    pub keyring_id: String,
    /// HMAC over the header and the body (see the module docs).
    pub header_mac: B64,
    /// The unlock slots.
    pub slots: Vec<Slot>,
    /// The sealed body.
    pub body: SealedBody,
}

#[derive(Deserialize)]
struct VersionProbe {
    format_version: u32,
}

fn corrupt(path: &Path, reason: impl Into<String>) -> Error {
    Error::KeyringCorrupt {
        path: path.to_path_buf(),
        reason: reason.into(),
    }
}

impl KeyringFile {
    /// Parses the file text. The version is checked before anything else, so
    /// a keyring from a newer lkms is reported as such rather than as corrupt.
    pub fn parse(path: &Path, text: &str) -> Result<Self> {
        let probe: VersionProbe = toml::from_str(text).map_err(|e| {
            corrupt(
                path,
                format!("not a keyring: {}", first_line(&e.to_string())),
            )
        })?;
        if probe.format_version > FORMAT_VERSION || probe.format_version == 0 {
            return Err(Error::UnsupportedKeyringVersion {
                path: path.to_path_buf(),
                found: probe.format_version,
                supported: FORMAT_VERSION,
            });
        }
        let file: KeyringFile =
            toml::from_str(text).map_err(|e| corrupt(path, first_line(&e.to_string())))?;
        if file.body.salt.0.len() != 32 || file.body.nonce.0.len() != crypto::NONCE_LEN {
            return Err(corrupt(
                path,
                "the body's salt or nonce has the wrong length",
            ));
        }
        Ok(file)
    }

    fn mac(&self, root: &Key256) -> [u8; 32] {
        let key = crypto::hkdf(
            root.expose(),
            self.keyring_id.as_bytes(),
            b"lkms keyring header v1",
        );
        let slots = serde_json::to_vec(&self.slots)
            .unwrap_or_else(|e| unreachable!("slots serialize: {e}"));
        crypto::hmac_parts(
            &key,
            &[
                b"lkms-keyring-header",
                &self.format_version.to_be_bytes(),
                self.keyring_id.as_bytes(),
                &slots,
                &self.body.salt.0,
                &self.body.nonce.0,
                &crypto::sha256(&self.body.ciphertext.0),
            ],
        )
    }

    /// Checks the header MAC.
    pub fn verify(&self, path: &Path, root: &Key256) -> Result<()> {
        if crypto::ct_eq(&self.mac(root), &self.header_mac.0) {
            Ok(())
        } else {
            Err(corrupt(
                path,
                "the header or body fails authentication (edited, truncated or mixed from two keyrings)",
            ))
        }
    }

    fn body_key(root: &Key256, salt: &[u8]) -> Key256 {
        crypto::hkdf(root.expose(), salt, b"lkms keyring body v1")
    }

    fn body_aad(&self) -> Vec<u8> {
        format!("lkms-keyring/v{}/{}", self.format_version, self.keyring_id).into_bytes()
    }

    /// Opens the body; the header MAC must have been verified first.
    pub fn open_body(&self, path: &Path, root: &Key256) -> Result<SecretBytes> {
        let key = Self::body_key(root, &self.body.salt.0);
        let nonce: [u8; crypto::NONCE_LEN] = self
            .body
            .nonce
            .0
            .as_slice()
            .try_into()
            .map_err(|_| corrupt(path, "bad body nonce"))?;
        crypto::open(&key, &nonce, &self.body_aad(), &self.body.ciphertext.0)
            .ok_or_else(|| corrupt(path, "the body fails authentication"))
    }
}

fn first_line(s: &str) -> String {
    s.lines().next().unwrap_or_default().to_owned()
}
