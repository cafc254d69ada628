//! The ciphertext blob of `encrypt`, `generate-data-key` and `re-encrypt`.
//!
//! Byte layout (documented with test vectors in docs/FORMAT.md):
//!
//! ```text
//! offset len  field
//! 0      4    magic "LKB1"
//! 4      1    version = 1
//! 5      16   key id (UUID bytes)
//! 21     32   key material id (the backing key version)
//! 53     32   salt (random)
//! 85     12   nonce (random)
//! 97     n    AES-256-GCM ciphertext
//! 97+n   16   GCM tag
//! ```
//!
//! The blob key is HKDF-SHA-256(ikm = the backing key version's 256-bit
//! material, salt = salt, info = "lkms blob v1" ‖ key id ‖ material id): a
//! fresh AES key per blob, so the 2^32-message bound of random 96-bit nonces
//! under one GCM key never binds, however many blobs a key makes. The
//! associated data is the 97-byte header followed by the canonical encoding
//! of the encryption context, so no header byte or context pair can change
//! without the tag failing.

use crate::context::EncryptionContext;
use crate::crypto::{self, NONCE_LEN, TAG_LEN};
use crate::error::{Error, Result};
use crate::key::{KeyId, KeyMaterialId};
use crate::secret::{Key256, SecretBytes};

/// The blob magic.
pub const MAGIC: &[u8; 4] = b"LKB1";
/// The blob version this build writes and reads.
pub const VERSION: u8 = 1;
/// Length of the header, which is also the associated data's prefix.
pub const HEADER_LEN: usize = 4 + 1 + 16 + 32 + 32 + NONCE_LEN;
/// The most plaintext a symmetric CMK encrypts directly, as in AWS.
pub const MAX_PLAINTEXT: usize = 4096;

/// The public part of a blob: which key and version made it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct BlobHeader {
    /// The CMK.
    pub key_id: KeyId,
    /// The backing key version.
    pub material_id: KeyMaterialId,
}

fn blob_key(material: &SecretBytes, salt: &[u8], h: &BlobHeader) -> Result<Key256> {
    if material.len() != 32 {
        return Err(Error::InvalidKeyUsage(
            "symmetric key material must be 256 bits".into(),
        ));
    }
    let mut info = Vec::with_capacity(12 + 16 + 32);
    info.extend_from_slice(b"lkms blob v1");
    info.extend_from_slice(h.key_id.as_bytes());
    info.extend_from_slice(h.material_id.as_bytes());
    Ok(crypto::hkdf(material.expose(), salt, &info))
}

fn aad(header: &[u8], context: &EncryptionContext) -> Vec<u8> {
    let mut aad = header.to_vec();
    aad.extend_from_slice(&context.encode());
    aad
}

/// Seals `plaintext` under one backing key version.
pub fn seal(
    h: &BlobHeader,
    material: &SecretBytes,
    context: &EncryptionContext,
    plaintext: &[u8],
) -> Result<Vec<u8>> {
    if plaintext.len() > MAX_PLAINTEXT {
        return Err(Error::validation(format!(
            "plaintext is {} bytes; encrypt takes at most {MAX_PLAINTEXT} bytes. \
             For larger data use `lkms encrypt-file` (envelope encryption)",
            plaintext.len()
        )));
    }
    let salt = crypto::random_vec(32);
    let nonce = crypto::random_nonce();
    let mut out = Vec::with_capacity(HEADER_LEN + plaintext.len() + TAG_LEN);
    out.extend_from_slice(MAGIC);
    out.push(VERSION);
    out.extend_from_slice(h.key_id.as_bytes());
    out.extend_from_slice(h.material_id.as_bytes());
    out.extend_from_slice(&salt);
    out.extend_from_slice(&nonce);
    let key = blob_key(material, &salt, h)?;
    let ct = crypto::seal(&key, &nonce, &aad(&out, context), plaintext);
    out.extend_from_slice(&ct);
    Ok(out)
}

fn invalid() -> Error {
    Error::InvalidCiphertext(
        "the ciphertext is not an lkms ciphertext blob, or it has been truncated or altered".into(),
    )
}

/// Reads the public header of a blob without decrypting it.
pub fn parse_header(blob: &[u8]) -> Result<BlobHeader> {
    if blob.len() < HEADER_LEN + TAG_LEN || &blob[..4] != MAGIC {
        return Err(invalid());
    }
    if blob[4] != VERSION {
        return Err(Error::InvalidCiphertext(format!(
            "ciphertext blob version {} is not supported (this lkms reads version {VERSION})",
            blob[4]
        )));
    }
    let key_id = KeyId::from_bytes(blob[5..21].try_into().map_err(|_| invalid())?);
    let material_id = KeyMaterialId::from_bytes(blob[21..53].try_into().map_err(|_| invalid())?);
    Ok(BlobHeader {
        key_id,
        material_id,
    })
}

/// Opens a blob with the material its header names.
pub fn open(
    blob: &[u8],
    material: &SecretBytes,
    context: &EncryptionContext,
) -> Result<SecretBytes> {
    let h = parse_header(blob)?;
    let salt = &blob[53..85];
    let nonce: [u8; NONCE_LEN] = blob[85..HEADER_LEN].try_into().map_err(|_| invalid())?;
    let key = blob_key(material, salt, &h)?;
    crypto::open(&key, &nonce, &aad(&blob[..HEADER_LEN], context), &blob[HEADER_LEN..]).ok_or_else(|| {
        Error::InvalidCiphertext(
            "the ciphertext does not authenticate: it was altered, or the encryption context differs from the one it was made with".into(),
        )
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn header() -> BlobHeader {
        BlobHeader {
            key_id: KeyId::random(),
            material_id: KeyMaterialId::random(),
        }
    }

    #[test]
    fn round_trip_and_every_bit_flip_fails() {
        let h = header();
        let m = SecretBytes::random(32);
        let ctx = EncryptionContext::new([("app".into(), "web".into())].into()).expect("ctx");
        let blob = seal(&h, &m, &ctx, b"secret").expect("seal");
        assert_eq!(parse_header(&blob).expect("header"), h);
        assert_eq!(open(&blob, &m, &ctx).expect("open").expose(), b"secret");
        for i in 0..blob.len() * 8 {
            let mut bad = blob.clone();
            bad[i / 8] ^= 1 << (i % 8);
            assert!(open(&bad, &m, &ctx).is_err(), "bit {i}");
        }
        assert!(open(&blob, &m, &EncryptionContext::empty()).is_err());
        for n in 0..blob.len() {
            assert!(open(&blob[..n], &m, &ctx).is_err(), "truncated to {n}");
        }
    }

    #[test]
    fn size_limit() {
        let (h, m) = (header(), SecretBytes::random(32));
        let ctx = EncryptionContext::empty();
        assert!(seal(&h, &m, &ctx, &[0; MAX_PLAINTEXT]).is_ok());
        let err = seal(&h, &m, &ctx, &[0; MAX_PLAINTEXT + 1]).expect_err("too big");
        assert!(err.to_string().contains("encrypt-file"));
    }
}
