//! Public-key recipients of an encrypted file: a data key wrapped to an
//! asymmetric key's public half, so that anyone holding the public key file
//! (no keyring, no credentials) can encrypt, and only the keyring holding
//! the private key can decrypt. docs/FORMAT.md documents every byte.
//!
//! - RSA (2048, 3072, 4096): RSAES-OAEP with SHA-256 and MGF1-SHA-256, no
//!   label: exactly what the keyring's `Decrypt` with `RSAES_OAEP_SHA_256`
//!   opens.
//! - ML-KEM-512/768/1024: a KEM-DEM in the manner of HPKE and age: a fresh
//!   ML-KEM encapsulation, HKDF-SHA-256 from its shared secret (bound to the
//!   recipient's key fingerprint and the ciphertext) to a one-use key that
//!   wraps the data key with AES-256-GCM; the keyring's `Decapsulate`
//!   recovers the shared secret.
//! - X25519_ML_KEM_768 (lkms's hybrid, `crate::xwing`): the same KEM-DEM
//!   over X-Wing's combined secret, which stays secret while either X25519
//!   or ML-KEM-768 holds.
//!
//! A recipient is named by the SHA-256 of its DER SubjectPublicKeyInfo
//! (its fingerprint), and by its key id when the public key file says it.

use aws_lc_rs::rsa::{OAEP_SHA256_MGF1SHA256, OaepPublicEncryptingKey, PublicEncryptingKey};
use base64::Engine as _;

use crate::crypto;
use crate::error::{Error, Result};
use crate::kem::MlKem;
use crate::key::KeyId;
use crate::secret::{Key256, SecretBytes};
use crate::xwing;

/// The length of the AES-256-GCM wrapping of a 32-byte data key.
const DEM_LEN: usize = 32 + 16;

/// What kind of public key a recipient is, and so how the data key is
/// wrapped to it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RecipientKind {
    /// RSA-OAEP with SHA-256 (an RSA key of `ENCRYPT_DECRYPT` usage).
    RsaOaepSha256,
    /// ML-KEM at a parameter set, with an AES-256-GCM wrap.
    MlKem(MlKem),
    /// X25519 + ML-KEM-768 with X-Wing's combiner, with an AES-256-GCM wrap.
    XWing,
}

impl RecipientKind {
    /// The header's provider byte.
    pub(super) fn provider(self) -> u8 {
        match self {
            RecipientKind::RsaOaepSha256 => 0x02,
            RecipientKind::MlKem(MlKem::MlKem512) => 0x03,
            RecipientKind::MlKem(MlKem::MlKem768) => 0x04,
            RecipientKind::MlKem(MlKem::MlKem1024) => 0x05,
            RecipientKind::XWing => 0x06,
        }
    }

    /// The kind of a provider byte, if it is a public-key one.
    pub(super) fn from_provider(b: u8) -> Option<RecipientKind> {
        Some(match b {
            0x02 => RecipientKind::RsaOaepSha256,
            0x03 => RecipientKind::MlKem(MlKem::MlKem512),
            0x04 => RecipientKind::MlKem(MlKem::MlKem768),
            0x05 => RecipientKind::MlKem(MlKem::MlKem1024),
            0x06 => RecipientKind::XWing,
            _ => return None,
        })
    }

    /// Whether a wrapped key of `len` bytes has the kind's length.
    pub(super) fn fits(self, len: usize) -> bool {
        match self {
            // The modulus of a 2048-, 3072- or 4096-bit key.
            RecipientKind::RsaOaepSha256 => matches!(len, 256 | 384 | 512),
            RecipientKind::MlKem(p) => len == p.ciphertext_len() + DEM_LEN,
            RecipientKind::XWing => len == xwing::CIPHERTEXT_LEN + DEM_LEN,
        }
    }

    /// A name for people (`inspect-file`).
    pub fn name(self) -> &'static str {
        match self {
            RecipientKind::RsaOaepSha256 => "RSAES_OAEP_SHA_256",
            RecipientKind::MlKem(MlKem::MlKem512) => "ML_KEM_512",
            RecipientKind::MlKem(MlKem::MlKem768) => "ML_KEM_768",
            RecipientKind::MlKem(MlKem::MlKem1024) => "ML_KEM_1024",
            RecipientKind::XWing => "X25519_ML_KEM_768",
        }
    }

    /// The length of the KEM ciphertext that starts a wrapped key.
    fn kem_ciphertext_len(self) -> Option<usize> {
        match self {
            RecipientKind::RsaOaepSha256 => None,
            RecipientKind::MlKem(p) => Some(p.ciphertext_len()),
            RecipientKind::XWing => Some(xwing::CIPHERTEXT_LEN),
        }
    }
}

/// A file's data key wrapped to one public key.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RecipientKey {
    /// How it is wrapped.
    pub kind: RecipientKind,
    /// The key, when the public key file named it.
    pub key_id: Option<KeyId>,
    /// SHA-256 of the recipient's DER SubjectPublicKeyInfo.
    pub fingerprint: [u8; 32],
    /// The wrapped data key: an RSA-OAEP ciphertext, or an ML-KEM
    /// ciphertext followed by the AES-256-GCM wrap.
    pub wrapped: Vec<u8>,
}

/// A recipient's public key, read from the file `get-public-key` writes.
#[derive(Debug, Clone)]
pub struct Recipient {
    kind: RecipientKind,
    spki: Vec<u8>,
    key_id: Option<KeyId>,
}

fn not_a_key(why: impl std::fmt::Display) -> Error {
    Error::validation(format!(
        "not a recipient public key ({why}); give an RSA or ML-KEM public key as \
         get-public-key writes it: DER or PEM SubjectPublicKeyInfo, or its JSON output"
    ))
}

impl Recipient {
    /// Reads a public key: DER or PEM SubjectPublicKeyInfo, or the JSON of
    /// `get-public-key` (which also names the key).
    pub fn parse(bytes: &[u8]) -> Result<Recipient> {
        let text = std::str::from_utf8(bytes).ok().map(str::trim_start);
        let (spki, key_id) = match text {
            Some(t) if t.starts_with('{') => from_json(t)?,
            Some(t) if t.contains("-----BEGIN") => (from_pem(t)?, None),
            _ => (bytes.to_vec(), None),
        };
        Recipient::from_spki(spki, key_id)
    }

    /// A recipient from a DER SubjectPublicKeyInfo.
    pub fn from_spki(spki: Vec<u8>, key_id: Option<KeyId>) -> Result<Recipient> {
        let kind = if let Some((p, ek)) = MlKem::detect_public_key(&spki) {
            p.check_public_key(ek)?;
            RecipientKind::MlKem(p)
        } else if let Some(pk) = xwing::parse_public_key(&spki) {
            xwing::check_public_key(pk)?;
            RecipientKind::XWing
        } else {
            let key = PublicEncryptingKey::from_der(&spki)
                .map_err(|_| not_a_key("neither an RSA nor an ML-KEM SubjectPublicKeyInfo"))?;
            if !matches!(key.key_size_bits(), 2048 | 3072 | 4096) {
                return Err(not_a_key(format!(
                    "a {}-bit RSA key; RSA_2048, RSA_3072 and RSA_4096 keys are recipients",
                    key.key_size_bits()
                )));
            }
            RecipientKind::RsaOaepSha256
        };
        Ok(Recipient { kind, spki, key_id })
    }

    /// How the data key is wrapped to it.
    pub fn kind(&self) -> RecipientKind {
        self.kind
    }

    /// SHA-256 of the DER SubjectPublicKeyInfo.
    pub fn fingerprint(&self) -> [u8; 32] {
        crypto::sha256(&self.spki)
    }

    /// Wraps `data_key` to this public key.
    pub fn wrap(&self, data_key: &Key256) -> Result<RecipientKey> {
        let fingerprint = self.fingerprint();
        let wrapped = match self.kind {
            RecipientKind::RsaOaepSha256 => {
                let fail = || Error::validation("RSA-OAEP encryption to the recipient failed");
                let key = PublicEncryptingKey::from_der(&self.spki).map_err(|_| fail())?;
                let key = OaepPublicEncryptingKey::new(key).map_err(|_| fail())?;
                let mut out = vec![0u8; key.ciphertext_size()];
                let n = key
                    .encrypt(&OAEP_SHA256_MGF1SHA256, data_key.expose(), &mut out, None)
                    .map_err(|_| fail())?
                    .len();
                out.truncate(n);
                out
            }
            RecipientKind::MlKem(p) => {
                let (_, ek) = MlKem::detect_public_key(&self.spki)
                    .ok_or_else(|| not_a_key("not an ML-KEM key"))?;
                let (mut ct, shared) = p.encapsulate_raw(ek)?;
                let kek = kem_wrapping_key(self.kind, &fingerprint, &ct, &shared);
                ct.extend(crypto::seal(&kek, &[0; 12], b"", data_key.expose()));
                ct
            }
            RecipientKind::XWing => {
                let pk = xwing::parse_public_key(&self.spki)
                    .ok_or_else(|| not_a_key("not an X25519_ML_KEM_768 key"))?;
                let (mut ct, shared) = xwing::encapsulate(pk)?;
                let kek = kem_wrapping_key(self.kind, &fingerprint, &ct, &shared);
                ct.extend(crypto::seal(&kek, &[0; 12], b"", data_key.expose()));
                ct
            }
        };
        Ok(RecipientKey {
            kind: self.kind,
            key_id: self.key_id,
            fingerprint,
            wrapped,
        })
    }
}

/// The one-use key that wraps the data key to a KEM recipient:
/// HKDF-SHA-256 (no salt) of the shared secret, its info binding the
/// recipient type, the recipient's fingerprint and the ciphertext.
fn kem_wrapping_key(
    kind: RecipientKind,
    fingerprint: &[u8; 32],
    ct: &[u8],
    shared: &SecretBytes,
) -> Key256 {
    let mut info = format!("lkms/v1 {} recipient", kind.name()).into_bytes();
    info.extend_from_slice(fingerprint);
    info.extend_from_slice(ct);
    crypto::hkdf(shared.expose(), b"", &info)
}

impl RecipientKey {
    /// For a KEM recipient (ML-KEM, X25519_ML_KEM_768), the ciphertext to
    /// decapsulate.
    pub fn kem_ciphertext(&self) -> Option<&[u8]> {
        self.wrapped.get(..self.kind.kem_ciphertext_len()?)
    }

    /// For an ML-KEM recipient, the data key from the shared secret that
    /// decapsulating [`RecipientKey::kem_ciphertext`] gave. A tampered
    /// ciphertext gives another secret (implicit rejection), so the wrap
    /// does not open: an `InvalidCiphertextException`.
    pub fn open_with_shared_secret(&self, shared: &SecretBytes) -> Result<Key256> {
        let n = self
            .kind
            .kem_ciphertext_len()
            .ok_or_else(|| Error::validation("not a KEM recipient"))?;
        let (ct, dem) = self.wrapped.split_at(n.min(self.wrapped.len()));
        let kek = kem_wrapping_key(self.kind, &self.fingerprint, ct, shared);
        let dk = crypto::open(&kek, &[0; 12], b"", dem).ok_or_else(|| {
            Error::InvalidCiphertext(format!(
                "the data key wrapped to the {} key does not unwrap: the file's wrapped key was altered",
                self.kind.name()
            ))
        })?;
        Key256::from_slice(dk.expose())
            .ok_or_else(|| Error::InvalidCiphertext("a wrapped data key is not 256 bits".into()))
    }
}

/// The DER inside a PEM "PUBLIC KEY" block.
fn from_pem(text: &str) -> Result<Vec<u8>> {
    const BEGIN: &str = "-----BEGIN PUBLIC KEY-----";
    const END: &str = "-----END PUBLIC KEY-----";
    let start = text
        .find(BEGIN)
        .ok_or_else(|| not_a_key("a PEM file without a PUBLIC KEY block"))?
        + BEGIN.len();
    let len = text[start..]
        .find(END)
        .ok_or_else(|| not_a_key("the PEM block has no END line"))?;
    let b64: String = text[start..start + len]
        .chars()
        .filter(|c| !c.is_ascii_whitespace())
        .collect();
    base64::engine::general_purpose::STANDARD
        .decode(b64)
        .map_err(|_| not_a_key("the PEM block is not base64"))
}

/// The DER and key id in `get-public-key`'s JSON output.
fn from_json(text: &str) -> Result<(Vec<u8>, Option<KeyId>)> {
    let v: serde_json::Value =
        serde_json::from_str(text).map_err(|e| not_a_key(format!("invalid JSON: {e}")))?;
    let b64 = v["PublicKey"]
        .as_str()
        .ok_or_else(|| not_a_key("JSON without a PublicKey member"))?;
    let der = base64::engine::general_purpose::STANDARD
        .decode(b64)
        .map_err(|_| not_a_key("PublicKey is not base64"))?;
    let key_id = v["KeyId"]
        .as_str()
        .map(|s| s.rsplit('/').next().unwrap_or(s).parse::<KeyId>())
        .transpose()
        .map_err(|_| not_a_key("KeyId is not a key id or key ARN"))?;
    Ok((der, key_id))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ml_kem_wrap_opens_with_the_shared_secret_and_refuses_tampering() {
        let p = MlKem::MlKem768;
        let sk = p.generate().expect("generate");
        let spki = p.public_key_der(&sk).expect("public");
        let r = Recipient::parse(&spki).expect("recipient");
        assert_eq!(r.kind(), RecipientKind::MlKem(p));
        let dk = Key256::random();
        let w = r.wrap(&dk).expect("wrap");
        assert!(w.kind.fits(w.wrapped.len()));
        let ss = p
            .decapsulate(&sk, w.kem_ciphertext().expect("ct"))
            .expect("decapsulate");
        assert_eq!(
            w.open_with_shared_secret(&ss).expect("open").expose(),
            dk.expose()
        );
        for i in [0, p.ciphertext_len() + 3] {
            let mut bad = w.clone();
            bad.wrapped[i] ^= 1;
            let ss = p
                .decapsulate(&sk, bad.kem_ciphertext().expect("ct"))
                .expect("implicit rejection");
            assert!(matches!(
                bad.open_with_shared_secret(&ss),
                Err(Error::InvalidCiphertext(_))
            ));
        }
    }

    #[test]
    fn rsa_wrap_is_oaep_sha256_the_keyring_decrypts() {
        use crate::key::{EncryptionAlgorithm, KeySpec};
        let sk = crate::key::generate_secret(KeySpec::Rsa2048).expect("generate");
        let spki = crate::asym::public_key_der(KeySpec::Rsa2048, &sk).expect("public");
        let dk = Key256::random();
        let w = Recipient::parse(&spki)
            .expect("recipient")
            .wrap(&dk)
            .expect("wrap");
        assert_eq!(w.kind, RecipientKind::RsaOaepSha256);
        assert_eq!(w.wrapped.len(), 256);
        let back = crate::asym::rsa_decrypt(
            KeySpec::Rsa2048,
            &sk,
            EncryptionAlgorithm::RsaesOaepSha256,
            &w.wrapped,
        )
        .expect("decrypt");
        assert_eq!(back.expose(), dk.expose());
    }

    #[test]
    fn pem_and_json_forms_parse_to_the_same_key() {
        let p = MlKem::MlKem512;
        let spki = p
            .public_key_der(&p.generate().expect("generate"))
            .expect("public");
        let b64 = base64::engine::general_purpose::STANDARD.encode(&spki);
        let pem = format!("-----BEGIN PUBLIC KEY-----\n{b64}\n-----END PUBLIC KEY-----\n");
        let from_pem = Recipient::parse(pem.as_bytes()).expect("pem");
        assert_eq!(from_pem.fingerprint(), crypto::sha256(&spki));
        let id = KeyId::random();
        let json = format!(
            r#"{{"KeyId": "arn:aws:kms:us-east-1:111122223333:key/{id}", "PublicKey": "{b64}"}}"#
        );
        let from_json = Recipient::parse(json.as_bytes()).expect("json");
        assert_eq!(from_json.key_id, Some(id));
        assert_eq!(from_json.fingerprint(), from_pem.fingerprint());
        assert!(Recipient::parse(b"not a key").is_err());
        assert!(Recipient::parse(&spki[..spki.len() - 1]).is_err());
        let ec = crate::key::generate_secret(crate::key::KeySpec::EccNistP256).expect("ec");
        let ec = crate::asym::public_key_der(crate::key::KeySpec::EccNistP256, &ec).expect("ec");
        assert!(Recipient::parse(&ec).is_err());
    }
}
