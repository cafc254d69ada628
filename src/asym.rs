//! Asymmetric and HMAC primitives over key material, all from aws-lc-rs:
//! RSA (OAEP, PSS, PKCS#1 v1.5), ECDSA on P-256/384/521 and secp256k1, HMAC,
//! Ed25519, ML-DSA and ECDH. The two variants aws-lc-rs lacks come from
//! RustCrypto: Ed25519ph (`ed25519-dalek`) and ML-DSA over an external mu
//! (`ml-dsa`); see docs/DECISIONS.md.
//!
//! Private keys are PKCS#8 DER held in [`SecretBytes`]; they are parsed for
//! each call and never leave this module. aws-lc-rs is constant-time where it
//! matters, unlike the RustCrypto `rsa` crate, whose decryption carries the
//! Marvin timing advisory (RUSTSEC-2023-0071).

use aws_lc_rs::digest;
use aws_lc_rs::encoding::AsDer;
use aws_lc_rs::rand::SystemRandom;
use aws_lc_rs::rsa::{
    OAEP_SHA1_MGF1SHA1, OAEP_SHA256_MGF1SHA256, OaepAlgorithm, OaepPrivateDecryptingKey,
    OaepPublicEncryptingKey, PrivateDecryptingKey,
};
use aws_lc_rs::signature::{self as sig, EcdsaKeyPair, KeyPair, RsaKeyPair, UnparsedPublicKey};

use crate::error::{Error, Result};
use crate::key::{
    EncryptionAlgorithm, Hash, KeyFamily, KeySpec, MacAlgorithm, MessageType, SigningAlgorithm,
};
use crate::secret::SecretBytes;

fn bad_material(spec: KeySpec) -> Error {
    Error::IncorrectKeyMaterial(format!(
        "the stored key material is not a valid {} private key",
        spec.name()
    ))
}

fn ecdsa_algs(
    spec: KeySpec,
) -> Option<(
    &'static sig::EcdsaSigningAlgorithm,
    &'static sig::EcdsaVerificationAlgorithm,
)> {
    Some(match spec {
        KeySpec::EccNistP256 => (
            &sig::ECDSA_P256_SHA256_ASN1_SIGNING,
            &sig::ECDSA_P256_SHA256_ASN1,
        ),
        KeySpec::EccNistP384 => (
            &sig::ECDSA_P384_SHA384_ASN1_SIGNING,
            &sig::ECDSA_P384_SHA384_ASN1,
        ),
        KeySpec::EccNistP521 => (
            &sig::ECDSA_P521_SHA512_ASN1_SIGNING,
            &sig::ECDSA_P521_SHA512_ASN1,
        ),
        KeySpec::EccSecgP256k1 => (
            &sig::ECDSA_P256K1_SHA256_ASN1_SIGNING,
            &sig::ECDSA_P256K1_SHA256_ASN1,
        ),
        _ => return None,
    })
}

fn rsa_algs(
    alg: SigningAlgorithm,
) -> Option<(&'static dyn sig::RsaEncoding, &'static sig::RsaParameters)> {
    use SigningAlgorithm::*;
    Some(match alg {
        RSASSA_PSS_SHA_256 => (&sig::RSA_PSS_SHA256, &sig::RSA_PSS_2048_8192_SHA256),
        RSASSA_PSS_SHA_384 => (&sig::RSA_PSS_SHA384, &sig::RSA_PSS_2048_8192_SHA384),
        RSASSA_PSS_SHA_512 => (&sig::RSA_PSS_SHA512, &sig::RSA_PSS_2048_8192_SHA512),
        RSASSA_PKCS1_V1_5_SHA_256 => (&sig::RSA_PKCS1_SHA256, &sig::RSA_PKCS1_2048_8192_SHA256),
        RSASSA_PKCS1_V1_5_SHA_384 => (&sig::RSA_PKCS1_SHA384, &sig::RSA_PKCS1_2048_8192_SHA384),
        RSASSA_PKCS1_V1_5_SHA_512 => (&sig::RSA_PKCS1_SHA512, &sig::RSA_PKCS1_2048_8192_SHA512),
        _ => return None,
    })
}

fn digest_alg(h: Hash) -> &'static digest::Algorithm {
    match h {
        Hash::Sha224 => &digest::SHA224,
        Hash::Sha256 => &digest::SHA256,
        Hash::Sha384 => &digest::SHA384,
        Hash::Sha512 => &digest::SHA512,
    }
}

/// The most bytes a RAW message to `sign` may have, as in AWS.
pub const MAX_RAW_MESSAGE: usize = 4096;

/// The length of ML-DSA's message representative mu, and of an
/// ED25519_PH_SHA_512 digest.
pub const MU_LEN: usize = 64;

/// Checks a RAW message's length.
fn check_raw(message: &[u8]) -> Result<()> {
    if message.is_empty() {
        return Err(Error::validation(
            "the message is empty; sign 1 to 4096 bytes",
        ));
    }
    if message.len() > MAX_RAW_MESSAGE {
        return Err(Error::validation(format!(
            "a RAW message is at most {MAX_RAW_MESSAGE} bytes (this one is {}); hash it and pass --message-type DIGEST (EXTERNAL_MU for ML-DSA)",
            message.len()
        )));
    }
    Ok(())
}

/// Checks a pre-hashed message's length: DIGEST for Ed25519ph, EXTERNAL_MU.
fn check_len(alg: SigningAlgorithm, kind: MessageType, message: &[u8]) -> Result<()> {
    if message.len() != MU_LEN {
        return Err(Error::validation(format!(
            "a {} message for {} must be {MU_LEN} bytes, not {}",
            kind.name(),
            alg.name(),
            message.len()
        )));
    }
    Ok(())
}

/// The digest to sign or verify: the message hashed (RAW), or the given
/// digest checked for length (DIGEST).
fn message_digest(
    alg: SigningAlgorithm,
    message: &[u8],
    kind: MessageType,
) -> Result<digest::Digest> {
    alg.check_message_type(kind)?;
    let hash = alg
        .hash()
        .ok_or_else(|| Error::validation(format!("{} has no digest", alg.name())))?;
    let d = digest_alg(hash);
    match kind {
        MessageType::Raw => {
            check_raw(message)?;
            Ok(digest::digest(d, message))
        }
        MessageType::Digest => {
            if message.len() != hash.output_len() {
                return Err(Error::validation(format!(
                    "a DIGEST message for {} must be {} bytes, not {}",
                    alg.name(),
                    hash.output_len(),
                    message.len()
                )));
            }
            digest::Digest::import_less_safe(message, d)
                .map_err(|_| Error::validation("the digest does not fit the algorithm"))
        }
        MessageType::ExternalMu => Err(Error::validation(format!(
            "{} does not take an EXTERNAL_MU message",
            alg.name()
        ))),
    }
}

/// Signs with a private key of `spec`. ECDSA signatures are DER-encoded, as
/// AWS returns them; RSA-PSS uses a salt as long as the digest, as AWS does.
pub fn sign(
    spec: KeySpec,
    private_key: &SecretBytes,
    alg: SigningAlgorithm,
    message: &[u8],
    kind: MessageType,
) -> Result<Vec<u8>> {
    alg.check_spec(spec)?;
    alg.check_message_type(kind)?;
    match spec.family() {
        KeyFamily::EdDsa => return ed25519_sign(private_key, alg, message, kind),
        KeyFamily::MlDsa => return ml_dsa_sign(spec, private_key, message, kind),
        _ => {}
    }
    let digest = message_digest(alg, message, kind)?;
    if let Some((signing, _)) = ecdsa_algs(spec) {
        let kp = EcdsaKeyPair::from_pkcs8(signing, private_key.expose())
            .map_err(|_| bad_material(spec))?;
        let s = kp.sign_digest(&digest).map_err(|_| bad_material(spec))?;
        return Ok(s.as_ref().to_vec());
    }
    let (encoding, _) = rsa_algs(alg).ok_or_else(|| bad_material(spec))?;
    let kp = RsaKeyPair::from_pkcs8(private_key.expose()).map_err(|_| bad_material(spec))?;
    let mut out = vec![0u8; kp.public_modulus_len()];
    kp.sign_digest(encoding, &digest, &mut out)
        .map_err(|_| bad_material(spec))?;
    Ok(out)
}

/// Verifies a signature against the public half of a private key of `spec`.
/// Returns `Ok(false)` for a signature that does not verify.
pub fn verify(
    spec: KeySpec,
    private_key: &SecretBytes,
    alg: SigningAlgorithm,
    message: &[u8],
    kind: MessageType,
    signature: &[u8],
) -> Result<bool> {
    alg.check_spec(spec)?;
    let public = raw_public_key(spec, private_key)?;
    verify_with_public_key(spec, &public, alg, message, kind, signature)
}

/// Verifies a signature with a raw public key of `spec` (uncompressed point,
/// PKCS#1 RSAPublicKey, Ed25519 or ML-DSA key bytes): what [`verify`] does
/// with the public half of a key, for keys known only by their public half.
pub fn verify_with_public_key(
    spec: KeySpec,
    public: &[u8],
    alg: SigningAlgorithm,
    message: &[u8],
    kind: MessageType,
    signature: &[u8],
) -> Result<bool> {
    alg.check_spec(spec)?;
    alg.check_message_type(kind)?;
    match spec.family() {
        KeyFamily::EdDsa => return ed25519_verify(public, alg, message, kind, signature),
        KeyFamily::MlDsa => return ml_dsa_verify(spec, public, message, kind, signature),
        _ => {}
    }
    let digest = message_digest(alg, message, kind)?;
    let ok = if let Some((_, verification)) = ecdsa_algs(spec) {
        UnparsedPublicKey::new(verification, public).verify_digest(&digest, signature)
    } else {
        let (_, params) = rsa_algs(alg).ok_or_else(|| bad_material(spec))?;
        UnparsedPublicKey::new(params, public).verify_digest(&digest, signature)
    };
    Ok(ok.is_ok())
}

/// The public key in the form aws-lc-rs verifies with (uncompressed point or
/// PKCS#1 RSAPublicKey).
fn raw_public_key(spec: KeySpec, private_key: &SecretBytes) -> Result<Vec<u8>> {
    match spec.family() {
        KeyFamily::EdDsa => return Ok(ed25519_pair(private_key)?.public_key().as_ref().to_vec()),
        KeyFamily::MlDsa => {
            let kp = ml_dsa_pair(spec, private_key)?;
            return Ok(kp.public_key().as_ref().to_vec());
        }
        _ => {}
    }
    if let Some((signing, _)) = ecdsa_algs(spec) {
        let kp = EcdsaKeyPair::from_pkcs8(signing, private_key.expose())
            .map_err(|_| bad_material(spec))?;
        return Ok(kp.public_key().as_ref().to_vec());
    }
    let kp = RsaKeyPair::from_pkcs8(private_key.expose()).map_err(|_| bad_material(spec))?;
    Ok(kp.public_key().as_ref().to_vec())
}

/// The public key as DER SubjectPublicKeyInfo, as `get-public-key` returns it.
pub fn public_key_der(spec: KeySpec, private_key: &SecretBytes) -> Result<Vec<u8>> {
    match spec.family() {
        KeyFamily::Ecc => {
            let (signing, _) = ecdsa_algs(spec).ok_or_else(|| bad_material(spec))?;
            let kp = EcdsaKeyPair::from_pkcs8(signing, private_key.expose())
                .map_err(|_| bad_material(spec))?;
            let der = kp.public_key().as_der().map_err(|_| bad_material(spec))?;
            Ok(der.as_ref().to_vec())
        }
        KeyFamily::Rsa => {
            let kp =
                RsaKeyPair::from_pkcs8(private_key.expose()).map_err(|_| bad_material(spec))?;
            let der = kp.public_key().as_der().map_err(|_| bad_material(spec))?;
            Ok(der.as_ref().to_vec())
        }
        // ML-KEM (issue 17, branch kem).
        KeyFamily::MlKem => crate::kem::MlKem::of_spec(spec)
            .ok_or_else(|| bad_material(spec))?
            .public_key_der(private_key),
        KeyFamily::Hybrid => Ok(crate::xwing::spki(&crate::xwing::public_key(private_key)?)),
        KeyFamily::EdDsa => {
            let kp = ed25519_pair(private_key)?;
            let der = kp.public_key().as_der().map_err(|_| bad_material(spec))?;
            Ok(der.as_ref().to_vec())
        }
        KeyFamily::MlDsa => {
            let kp = ml_dsa_pair(spec, private_key)?;
            let der = kp.public_key().as_der().map_err(|_| bad_material(spec))?;
            Ok(der.as_ref().to_vec())
        }
        _ => Err(Error::UnsupportedOperation(format!(
            "{} keys have no public key",
            spec.name()
        ))),
    }
}

/// Checks that `private_key` is a valid PKCS#8 private key of `spec` (for
/// imported material).
pub fn check_private_key(spec: KeySpec, private_key: &SecretBytes) -> Result<()> {
    let key_bits = match spec {
        KeySpec::Rsa2048 => 2048,
        KeySpec::Rsa3072 => 3072,
        KeySpec::Rsa4096 => 4096,
        // ML-KEM (issue 17, branch kem).
        KeySpec::MlKem512 | KeySpec::MlKem768 | KeySpec::MlKem1024 | KeySpec::X25519MlKem768 => {
            return public_key_der(spec, private_key).map(drop);
        }
        _ => return raw_public_key(spec, private_key).map(drop),
    };
    let kp = RsaKeyPair::from_pkcs8(private_key.expose()).map_err(|_| bad_material(spec))?;
    if kp.public_modulus_len() * 8 != key_bits {
        return Err(bad_material(spec));
    }
    Ok(())
}

fn ed25519_pair(private_key: &SecretBytes) -> Result<sig::Ed25519KeyPair> {
    sig::Ed25519KeyPair::from_pkcs8_maybe_unchecked(private_key.expose())
        .map_err(|_| bad_material(KeySpec::EccNistEdwards25519))
}

/// Ed25519 (RAW, RFC 8032 PureEdDSA) through aws-lc-rs; Ed25519ph (DIGEST:
/// the caller's SHA-512 digest, pre-hashed once more as FIPS 186-5 HashEdDSA
/// does, and AWS documents) through ed25519-dalek.
fn ed25519_sign(
    private_key: &SecretBytes,
    alg: SigningAlgorithm,
    message: &[u8],
    kind: MessageType,
) -> Result<Vec<u8>> {
    let kp = ed25519_pair(private_key)?;
    if alg == SigningAlgorithm::ED25519_SHA_512 {
        check_raw(message)?;
        return Ok(kp.sign(message).as_ref().to_vec());
    }
    check_len(alg, kind, message)?;
    ed25519ph_sign(&kp, message)
}

/// RFC 8032 Ed25519ph (empty context) of `message`: SHA-512 of it signed.
fn ed25519ph_sign(kp: &sig::Ed25519KeyPair, message: &[u8]) -> Result<Vec<u8>> {
    use aws_lc_rs::encoding::AsBigEndian;
    use sha2::Digest as _;
    let spec = KeySpec::EccNistEdwards25519;
    let seed_bin = kp
        .seed()
        .and_then(|s| s.as_be_bytes())
        .map_err(|_| bad_material(spec))?;
    let seed = zeroize::Zeroizing::new(
        <[u8; 32]>::try_from(seed_bin.as_ref()).map_err(|_| bad_material(spec))?,
    );
    let signer = ed25519_dalek::SigningKey::from_bytes(&seed);
    let prehash = sha2::Sha512::new().chain_update(message);
    let s = signer
        .sign_prehashed(prehash, None)
        .map_err(|_| bad_material(spec))?;
    Ok(s.to_bytes().to_vec())
}

fn ed25519_verify(
    public: &[u8],
    alg: SigningAlgorithm,
    message: &[u8],
    kind: MessageType,
    signature: &[u8],
) -> Result<bool> {
    use sha2::Digest as _;
    if alg == SigningAlgorithm::ED25519_SHA_512 {
        check_raw(message)?;
        return Ok(UnparsedPublicKey::new(&sig::ED25519, public)
            .verify(message, signature)
            .is_ok());
    }
    check_len(alg, kind, message)?;
    let Ok(public) = <[u8; 32]>::try_from(public) else {
        return Ok(false);
    };
    let Ok(key) = ed25519_dalek::VerifyingKey::from_bytes(&public) else {
        return Ok(false);
    };
    let Ok(signature) = ed25519_dalek::Signature::from_slice(signature) else {
        return Ok(false);
    };
    let prehash = sha2::Sha512::new().chain_update(message);
    Ok(key
        .verify_prehashed_strict(prehash, None, &signature)
        .is_ok())
}

fn ml_dsa_algs(
    spec: KeySpec,
) -> Result<(
    &'static sig::PqdsaSigningAlgorithm,
    &'static sig::PqdsaVerificationAlgorithm,
)> {
    match spec {
        KeySpec::MlDsa44 => Ok((&sig::ML_DSA_44_SIGNING, &sig::ML_DSA_44)),
        KeySpec::MlDsa65 => Ok((&sig::ML_DSA_65_SIGNING, &sig::ML_DSA_65)),
        KeySpec::MlDsa87 => Ok((&sig::ML_DSA_87_SIGNING, &sig::ML_DSA_87)),
        _ => Err(bad_material(spec)),
    }
}

fn ml_dsa_pair(spec: KeySpec, private_key: &SecretBytes) -> Result<sig::PqdsaKeyPair> {
    let (signing, _) = ml_dsa_algs(spec)?;
    sig::PqdsaKeyPair::from_pkcs8(signing, private_key.expose()).map_err(|_| bad_material(spec))
}

/// ML-DSA with an empty context: RAW is FIPS 204's ML-DSA.Sign through
/// aws-lc-rs; EXTERNAL_MU signs the caller's mu (Algorithm 7 from line 6 on,
/// hedged) through the `ml-dsa` crate, since aws-lc-rs does not expose it.
fn ml_dsa_sign(
    spec: KeySpec,
    private_key: &SecretBytes,
    message: &[u8],
    kind: MessageType,
) -> Result<Vec<u8>> {
    if kind == MessageType::ExternalMu {
        check_len(SigningAlgorithm::ML_DSA_SHAKE_256, kind, message)?;
        return match spec {
            KeySpec::MlDsa44 => mu_sign::<ml_dsa::MlDsa44>(spec, private_key, message),
            KeySpec::MlDsa65 => mu_sign::<ml_dsa::MlDsa65>(spec, private_key, message),
            _ => mu_sign::<ml_dsa::MlDsa87>(spec, private_key, message),
        };
    }
    check_raw(message)?;
    let kp = ml_dsa_pair(spec, private_key)?;
    let mut out = vec![0u8; kp.algorithm().signature_len()];
    let n = kp.sign(message, &mut out).map_err(|_| bad_material(spec))?;
    out.truncate(n);
    Ok(out)
}

/// ML-DSA's 64-byte mu, as the `ml-dsa` crate takes it.
type Mu = ml_dsa::common::array::Array<u8, ml_dsa::common::typenum::U64>;

fn mu_sign<P>(spec: KeySpec, private_key: &SecretBytes, mu: &[u8]) -> Result<Vec<u8>>
where
    P: ml_dsa::MlDsaParams
        + ml_dsa::pkcs8::spki::AssociatedAlgorithmIdentifier<
            Params = ml_dsa::pkcs8::der::AnyRef<'static>,
        >,
{
    use ml_dsa::pkcs8::DecodePrivateKey as _;
    use ml_dsa::signature::SignatureEncoding as _;
    let key = ml_dsa::SigningKey::<P>::from_pkcs8_der(private_key.expose())
        .map_err(|_| bad_material(spec))?;
    let mu = Mu::try_from(mu).map_err(|_| bad_material(spec))?;
    let s = key
        .expanded_key()
        .sign_mu_randomized(&mu, &mut ml_dsa::common::getrandom::SysRng)
        .map_err(|_| bad_material(spec))?;
    Ok(s.to_bytes().to_vec())
}

fn ml_dsa_verify(
    spec: KeySpec,
    public: &[u8],
    message: &[u8],
    kind: MessageType,
    signature: &[u8],
) -> Result<bool> {
    if kind == MessageType::ExternalMu {
        check_len(SigningAlgorithm::ML_DSA_SHAKE_256, kind, message)?;
        return Ok(match spec {
            KeySpec::MlDsa44 => mu_verify::<ml_dsa::MlDsa44>(public, message, signature),
            KeySpec::MlDsa65 => mu_verify::<ml_dsa::MlDsa65>(public, message, signature),
            _ => mu_verify::<ml_dsa::MlDsa87>(public, message, signature),
        });
    }
    check_raw(message)?;
    let (_, verification) = ml_dsa_algs(spec)?;
    Ok(UnparsedPublicKey::new(verification, public)
        .verify(message, signature)
        .is_ok())
}

fn mu_verify<P: ml_dsa::MlDsaParams>(public: &[u8], mu: &[u8], signature: &[u8]) -> bool {
    let (Ok(public), Ok(mu), Ok(signature)) = (
        ml_dsa::EncodedVerifyingKey::<P>::try_from(public),
        Mu::try_from(mu),
        ml_dsa::EncodedSignature::<P>::try_from(signature),
    ) else {
        return false;
    };
    let Some(signature) = ml_dsa::Signature::<P>::decode(&signature) else {
        return false;
    };
    ml_dsa::VerifyingKey::<P>::decode(&public).verify_mu(&mu, &signature)
}

/// ECDH (SP 800-56A's cofactor Diffie-Hellman primitive; the NIST curves
/// have cofactor 1): the raw shared x-coordinate of a private key of `spec`
/// and a peer's public key, which must be a DER SubjectPublicKeyInfo on the
/// same curve, as AWS requires.
pub fn derive_shared_secret(
    spec: KeySpec,
    private_key: &SecretBytes,
    peer_public_key: &[u8],
) -> Result<SecretBytes> {
    use aws_lc_rs::agreement::{self as ag, ParsedPublicKey, ParsedPublicKeyFormat};
    let alg = match spec {
        KeySpec::EccNistP256 => &ag::ECDH_P256,
        KeySpec::EccNistP384 => &ag::ECDH_P384,
        KeySpec::EccNistP521 => &ag::ECDH_P521,
        _ => {
            return Err(Error::InvalidKeyUsage(format!(
                "{} keys do not derive shared secrets; ECDH needs ECC_NIST_P256, P384 or P521",
                spec.name()
            )));
        }
    };
    let bad_peer = || {
        Error::validation(format!(
            "PublicKey is not a DER SubjectPublicKeyInfo of a valid point on the curve of {}",
            spec.name()
        ))
    };
    let peer: ParsedPublicKey = ag::UnparsedPublicKey::new(alg, peer_public_key)
        .try_into()
        .map_err(|_| bad_peer())?;
    if peer.format() != ParsedPublicKeyFormat::X509 || !names_its_curve(peer_public_key) {
        return Err(bad_peer());
    }
    let private = ag::PrivateKey::from_private_key_der(alg, private_key.expose())
        .map_err(|_| bad_material(spec))?;
    ag::agree(&private, peer, bad_peer(), |secret| {
        Ok(SecretBytes::new(secret.to_vec()))
    })
}

/// One DER element at the start of `der`: (tag, contents, rest).
fn der_element(der: &[u8]) -> Option<(u8, &[u8], &[u8])> {
    let (&tag, rest) = der.split_first()?;
    let (&first, rest) = rest.split_first()?;
    let (len, rest) = match first {
        n if n < 0x80 => (usize::from(n), rest),
        0x81 => (usize::from(*rest.first()?), rest.get(1..)?),
        0x82 => (
            usize::from(u16::from_be_bytes([*rest.first()?, *rest.get(1)?])),
            rest.get(2..)?,
        ),
        _ => return None,
    };
    (rest.len() >= len).then(|| (tag, &rest[..len], &rest[len..]))
}

/// Whether an EC SubjectPublicKeyInfo names its curve by OID, as RFC 5480
/// requires, rather than spelling out parameters (which a peer could get
/// subtly wrong, e.g. without a cofactor).
fn names_its_curve(spki: &[u8]) -> bool {
    let parameters = || {
        let (_, spki, _) = der_element(spki)?;
        let (_, algorithm, _) = der_element(spki)?;
        let (_, _, rest) = der_element(algorithm)?;
        let (tag, _, _) = der_element(rest)?;
        Some(tag)
    };
    parameters() == Some(0x06)
}

fn oaep(alg: EncryptionAlgorithm) -> Result<&'static OaepAlgorithm> {
    match alg {
        EncryptionAlgorithm::RsaesOaepSha1 => Ok(&OAEP_SHA1_MGF1SHA1),
        EncryptionAlgorithm::RsaesOaepSha256 => Ok(&OAEP_SHA256_MGF1SHA256),
        EncryptionAlgorithm::SymmetricDefault => Err(Error::InvalidKeyUsage(
            "RSA keys encrypt with RSAES_OAEP_SHA_1 or RSAES_OAEP_SHA_256, not SYMMETRIC_DEFAULT"
                .into(),
        )),
    }
}

/// The most plaintext RSA-OAEP takes with this key size and hash.
pub fn rsa_max_plaintext(spec: KeySpec, alg: EncryptionAlgorithm) -> usize {
    let k = match spec {
        KeySpec::Rsa2048 => 256,
        KeySpec::Rsa3072 => 384,
        _ => 512,
    };
    let h = if alg == EncryptionAlgorithm::RsaesOaepSha1 {
        20
    } else {
        32
    };
    k - 2 * h - 2
}

/// RSA-OAEP encryption (MGF1 with the same hash), the raw output as AWS returns it.
pub fn rsa_encrypt(
    spec: KeySpec,
    private_key: &SecretBytes,
    alg: EncryptionAlgorithm,
    plaintext: &[u8],
) -> Result<Vec<u8>> {
    let oaep_alg = oaep(alg)?;
    let max = rsa_max_plaintext(spec, alg);
    if plaintext.len() > max {
        return Err(Error::validation(format!(
            "{} with {} encrypts at most {max} bytes; this plaintext is {} bytes",
            spec.name(),
            alg.name(),
            plaintext.len()
        )));
    }
    let key =
        PrivateDecryptingKey::from_pkcs8(private_key.expose()).map_err(|_| bad_material(spec))?;
    let public = OaepPublicEncryptingKey::new(key.public_key()).map_err(|_| bad_material(spec))?;
    let mut out = vec![0u8; public.ciphertext_size()];
    let n = public
        .encrypt(oaep_alg, plaintext, &mut out, None)
        .map_err(|_| bad_material(spec))?
        .len();
    out.truncate(n);
    Ok(out)
}

/// RSA-OAEP decryption.
pub fn rsa_decrypt(
    spec: KeySpec,
    private_key: &SecretBytes,
    alg: EncryptionAlgorithm,
    ciphertext: &[u8],
) -> Result<SecretBytes> {
    let oaep_alg = oaep(alg)?;
    let key =
        PrivateDecryptingKey::from_pkcs8(private_key.expose()).map_err(|_| bad_material(spec))?;
    let key = OaepPrivateDecryptingKey::new(key).map_err(|_| bad_material(spec))?;
    let mut out = zeroize::Zeroizing::new(vec![0u8; key.min_output_size()]);
    let n = key
        .decrypt(oaep_alg, ciphertext, &mut out, None)
        .map_err(|_| {
            Error::InvalidCiphertext(format!(
                "the ciphertext does not decrypt with this key and {}",
                alg.name()
            ))
        })?
        .len();
    Ok(SecretBytes::new(out[..n].to_vec()))
}

fn hmac_key(material: &SecretBytes, alg: MacAlgorithm) -> aws_lc_rs::hmac::Key {
    use aws_lc_rs::hmac;
    let a = match alg {
        MacAlgorithm::HMAC_SHA_224 => hmac::HMAC_SHA224,
        MacAlgorithm::HMAC_SHA_256 => hmac::HMAC_SHA256,
        MacAlgorithm::HMAC_SHA_384 => hmac::HMAC_SHA384,
        MacAlgorithm::HMAC_SHA_512 => hmac::HMAC_SHA512,
    };
    hmac::Key::new(a, material.expose())
}

/// HMAC of a message.
pub fn mac(material: &SecretBytes, alg: MacAlgorithm, message: &[u8]) -> Vec<u8> {
    aws_lc_rs::hmac::sign(&hmac_key(material, alg), message)
        .as_ref()
        .to_vec()
}

/// Constant-time HMAC verification.
pub fn verify_mac(material: &SecretBytes, alg: MacAlgorithm, message: &[u8], tag: &[u8]) -> bool {
    aws_lc_rs::hmac::verify(&hmac_key(material, alg), message, tag).is_ok()
}

/// A fresh random number generator handle (aws-lc-rs's system RNG).
pub fn rng() -> SystemRandom {
    SystemRandom::new()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn material(spec: KeySpec) -> SecretBytes {
        crate::key::generate_secret(spec).expect("generate")
    }

    #[test]
    fn sign_verify_every_ecc_spec_raw_and_digest() {
        for (spec, alg) in [
            (KeySpec::EccNistP256, SigningAlgorithm::ECDSA_SHA_256),
            (KeySpec::EccNistP384, SigningAlgorithm::ECDSA_SHA_384),
            (KeySpec::EccNistP521, SigningAlgorithm::ECDSA_SHA_512),
            (KeySpec::EccSecgP256k1, SigningAlgorithm::ECDSA_SHA_256),
        ] {
            let m = material(spec);
            let s = sign(spec, &m, alg, b"msg", MessageType::Raw).expect("sign");
            assert!(verify(spec, &m, alg, b"msg", MessageType::Raw, &s).expect("verify"));
            assert!(!verify(spec, &m, alg, b"msg!", MessageType::Raw, &s).expect("verify"));
            let d = digest::digest(digest_alg(alg.hash().expect("ECDSA hashes")), b"msg");
            assert!(
                verify(spec, &m, alg, d.as_ref(), MessageType::Digest, &s).expect("verify digest")
            );
            assert!(verify(spec, &m, alg, b"short", MessageType::Digest, &s).is_err());
        }
    }

    /// mu = SHAKE256(SHAKE256(pk, 64) || 0x00 || 0x00 || M, 64): FIPS 204
    /// Algorithm 7 with an empty context, computed here from the public key.
    fn external_mu(public_der: &[u8], message: &[u8]) -> Vec<u8> {
        use ml_dsa::signature::digest::{ExtendableOutput, Update, XofReader};
        // The raw key is the SPKI's BIT STRING, the DER's last bytes.
        let raw_len = match public_der.len() {
            n if n > 2592 => 2592,
            n if n > 1952 => 1952,
            _ => 1312,
        };
        let raw = &public_der[public_der.len() - raw_len..];
        let mut tr = [0u8; 64];
        let mut h = shake::Shake256::default();
        h.update(raw);
        h.finalize_xof().read(&mut tr);
        let mut mu = vec![0u8; 64];
        let mut h = shake::Shake256::default();
        h.update(&tr);
        h.update(&[0, 0]);
        h.update(message);
        h.finalize_xof().read(&mut mu);
        mu
    }

    #[test]
    fn ml_dsa_raw_and_external_mu_agree() {
        use SigningAlgorithm::ML_DSA_SHAKE_256 as A;
        for (spec, sig_len) in [
            (KeySpec::MlDsa44, 2420),
            (KeySpec::MlDsa65, 3309),
            (KeySpec::MlDsa87, 4627),
        ] {
            let m = material(spec);
            let der = public_key_der(spec, &m).expect("public key");
            let mu = external_mu(&der, b"msg");
            // aws-lc-rs signs the message; ml-dsa verifies its mu, and back.
            let s = sign(spec, &m, A, b"msg", MessageType::Raw).expect("sign raw");
            assert_eq!(s.len(), sig_len);
            assert!(verify(spec, &m, A, b"msg", MessageType::Raw, &s).expect("verify"));
            assert!(verify(spec, &m, A, &mu, MessageType::ExternalMu, &s).expect("mu"));
            let s2 = sign(spec, &m, A, &mu, MessageType::ExternalMu).expect("sign mu");
            assert!(verify(spec, &m, A, b"msg", MessageType::Raw, &s2).expect("verify"));
            assert!(!verify(spec, &m, A, b"msg!", MessageType::Raw, &s2).expect("verify"));
            let mut bad = mu.clone();
            bad[0] ^= 1;
            assert!(!verify(spec, &m, A, &bad, MessageType::ExternalMu, &s2).expect("mu"));
            // mu is exactly 64 bytes; DIGEST is not ML-DSA's.
            assert!(sign(spec, &m, A, &mu[..63], MessageType::ExternalMu).is_err());
            assert!(sign(spec, &m, A, &mu, MessageType::Digest).is_err());
            assert!(
                sign(
                    spec,
                    &m,
                    SigningAlgorithm::ECDSA_SHA_256,
                    b"m",
                    MessageType::Raw
                )
                .is_err()
            );
        }
    }

    #[test]
    fn ed25519_pure_and_prehashed() {
        use sha2::Digest as _;
        let spec = KeySpec::EccNistEdwards25519;
        let m = material(spec);
        let der = public_key_der(spec, &m).expect("public key");
        assert_eq!(der.len(), 44, "SPKI of a 32-byte key");
        let pure = SigningAlgorithm::ED25519_SHA_512;
        let ph = SigningAlgorithm::ED25519_PH_SHA_512;
        let s = sign(spec, &m, pure, b"msg", MessageType::Raw).expect("sign");
        assert_eq!(s.len(), 64);
        assert!(verify(spec, &m, pure, b"msg", MessageType::Raw, &s).expect("verify"));
        assert!(!verify(spec, &m, pure, b"msg!", MessageType::Raw, &s).expect("verify"));
        let d = sha2::Sha512::digest(b"msg");
        let sp = sign(spec, &m, ph, &d, MessageType::Digest).expect("sign ph");
        assert!(verify(spec, &m, ph, &d, MessageType::Digest, &sp).expect("verify ph"));
        // Ed25519ph and Ed25519 signatures are not interchangeable.
        assert!(!verify(spec, &m, pure, b"msg", MessageType::Raw, &sp).expect("verify"));
        assert!(!verify(spec, &m, ph, &d, MessageType::Digest, &s).expect("verify"));
        // Message types as AWS documents them.
        assert!(sign(spec, &m, pure, &d, MessageType::Digest).is_err());
        assert!(sign(spec, &m, ph, b"msg", MessageType::Raw).is_err());
        assert!(sign(spec, &m, ph, &d[..32], MessageType::Digest).is_err());
    }

    fn unhex(s: &str) -> Vec<u8> {
        (0..s.len())
            .step_by(2)
            .map(|i| u8::from_str_radix(&s[i..i + 2], 16).expect("hex"))
            .collect()
    }

    #[test]
    fn ed25519ph_matches_rfc_8032() {
        // RFC 8032 section 7.3, TEST abc.
        let mut pkcs8 = unhex("302e020100300506032b657004220420");
        pkcs8.extend(unhex(
            "833fe62409237b9d62ec77587520911e9a759cec1d19755b7da901b96dca3d42",
        ));
        let kp = ed25519_pair(&SecretBytes::new(pkcs8)).expect("key");
        let s = ed25519ph_sign(&kp, b"abc").expect("sign");
        assert_eq!(
            s,
            unhex(
                "98a70222f0b8121aa9d30f813d683f809e462b469c7ff87639499bb94e6dae41\
                 31f85042463c2a355a2003d062adf5aaa10b8c61e636062aaad11c2a26083406"
            )
        );
    }

    #[test]
    fn ecdh_peers_must_name_their_curve() {
        let p256 = material(KeySpec::EccNistP256);
        let peer =
            public_key_der(KeySpec::EccNistP256, &material(KeySpec::EccNistP256)).expect("peer");
        assert!(names_its_curve(&peer));
        let a = derive_shared_secret(KeySpec::EccNistP256, &p256, &peer).expect("derive");
        assert_eq!(a.len(), 32);
        // Truncated or with parameters that are not an OID: refused.
        assert!(!names_its_curve(&peer[..10]));
        let mut explicit = peer.clone();
        assert_eq!(explicit[13], 0x06, "the curve OID follows id-ecPublicKey");
        explicit[13] = 0x30; // as a SEQUENCE of explicit parameters would be
        assert!(!names_its_curve(&explicit));
        assert!(derive_shared_secret(KeySpec::EccNistP256, &p256, &explicit).is_err());
        assert!(derive_shared_secret(KeySpec::EccSecgP256k1, &p256, &peer).is_err());
    }

    #[test]
    fn rsa_sign_and_oaep() {
        let spec = KeySpec::Rsa2048;
        let m = material(spec);
        for alg in [
            SigningAlgorithm::RSASSA_PSS_SHA_256,
            SigningAlgorithm::RSASSA_PKCS1_V1_5_SHA_512,
        ] {
            let s = sign(spec, &m, alg, b"msg", MessageType::Raw).expect("sign");
            assert_eq!(s.len(), 256);
            assert!(verify(spec, &m, alg, b"msg", MessageType::Raw, &s).expect("verify"));
        }
        for alg in [
            EncryptionAlgorithm::RsaesOaepSha1,
            EncryptionAlgorithm::RsaesOaepSha256,
        ] {
            let max = rsa_max_plaintext(spec, alg);
            let ct = rsa_encrypt(spec, &m, alg, &vec![7u8; max]).expect("encrypt");
            assert_eq!(rsa_decrypt(spec, &m, alg, &ct).expect("decrypt").len(), max);
            assert!(rsa_encrypt(spec, &m, alg, &vec![7u8; max + 1]).is_err());
        }
        assert_eq!(
            rsa_max_plaintext(spec, EncryptionAlgorithm::RsaesOaepSha256),
            190
        );
        assert_eq!(
            rsa_max_plaintext(spec, EncryptionAlgorithm::RsaesOaepSha1),
            214
        );
    }

    #[test]
    fn hmac_known_answer() {
        // RFC 4231 test case 2.
        let key = SecretBytes::new(b"Jefe".to_vec());
        let tag = mac(
            &key,
            MacAlgorithm::HMAC_SHA_256,
            b"what do ya want for nothing?",
        );
        let hex: String = tag.iter().map(|b| format!("{b:02x}")).collect();
        assert_eq!(
            hex,
            "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843"
        );
        assert!(verify_mac(
            &key,
            MacAlgorithm::HMAC_SHA_256,
            b"what do ya want for nothing?",
            &tag
        ));
        let mut bad = tag.clone();
        bad[0] ^= 1;
        assert!(!verify_mac(
            &key,
            MacAlgorithm::HMAC_SHA_256,
            b"what do ya want for nothing?",
            &bad
        ));
    }
}
