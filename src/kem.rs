//! ML-KEM (FIPS 203) key encapsulation through aws-lc-rs, and the DER forms
//! of its keys: SubjectPublicKeyInfo and PKCS#8, as the LAMPS profile
//! (draft-ietf-lamps-kyber-certificates) defines them.
//!
//! aws-lc-rs handles ML-KEM keys only as raw FIPS 203 byte strings (`ek`,
//! `dk`); the DER wrappers around them are fixed-length structures, so they
//! are written and recognised here byte for byte rather than by a general
//! ASN.1 parser. A private key is kept in the `expandedKey` form (the
//! 1632/2400/3168-byte `dk`), the one aws-lc-rs can load.

use aws_lc_rs::kem::{
    Algorithm, AlgorithmId, Ciphertext, DecapsulationKey, EncapsulationKey, ML_KEM_512, ML_KEM_768,
    ML_KEM_1024,
};

use zeroize::Zeroizing;

use crate::error::{Error, Result};
use crate::key::KeySpec;
use crate::secret::SecretBytes;

/// The length of an ML-KEM shared secret, for every parameter set.
pub const SHARED_SECRET_LEN: usize = 32;

/// One of the three ML-KEM parameter sets.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum MlKem {
    /// ML-KEM-512 (NIST category 1).
    MlKem512,
    /// ML-KEM-768 (NIST category 3).
    MlKem768,
    /// ML-KEM-1024 (NIST category 5).
    MlKem1024,
}

impl MlKem {
    /// Every parameter set.
    pub const ALL: [MlKem; 3] = [MlKem::MlKem512, MlKem::MlKem768, MlKem::MlKem1024];

    /// The parameter set of a key spec, if it is an ML-KEM spec.
    pub fn of_spec(spec: KeySpec) -> Option<MlKem> {
        match spec {
            KeySpec::MlKem512 => Some(MlKem::MlKem512),
            KeySpec::MlKem768 => Some(MlKem::MlKem768),
            KeySpec::MlKem1024 => Some(MlKem::MlKem1024),
            _ => None,
        }
    }

    /// The key spec of the parameter set.
    pub fn spec(self) -> KeySpec {
        match self {
            MlKem::MlKem512 => KeySpec::MlKem512,
            MlKem::MlKem768 => KeySpec::MlKem768,
            MlKem::MlKem1024 => KeySpec::MlKem1024,
        }
    }

    /// The FIPS 203 name, e.g. `ML-KEM-768`.
    pub fn name(self) -> &'static str {
        match self {
            MlKem::MlKem512 => "ML-KEM-512",
            MlKem::MlKem768 => "ML-KEM-768",
            MlKem::MlKem1024 => "ML-KEM-1024",
        }
    }

    fn algorithm(self) -> &'static Algorithm<AlgorithmId> {
        match self {
            MlKem::MlKem512 => &ML_KEM_512,
            MlKem::MlKem768 => &ML_KEM_768,
            MlKem::MlKem1024 => &ML_KEM_1024,
        }
    }

    /// The last arc of the algorithm's OID, 2.16.840.1.101.3.4.4.{1,2,3}.
    fn oid_arc(self) -> u8 {
        match self {
            MlKem::MlKem512 => 1,
            MlKem::MlKem768 => 2,
            MlKem::MlKem1024 => 3,
        }
    }

    /// Length of the encapsulation (public) key `ek`.
    pub fn public_key_len(self) -> usize {
        match self {
            MlKem::MlKem512 => 800,
            MlKem::MlKem768 => 1184,
            MlKem::MlKem1024 => 1568,
        }
    }

    /// Length of the decapsulation (private) key `dk`.
    pub fn private_key_len(self) -> usize {
        match self {
            MlKem::MlKem512 => 1632,
            MlKem::MlKem768 => 2400,
            MlKem::MlKem1024 => 3168,
        }
    }

    /// Length of a ciphertext.
    pub fn ciphertext_len(self) -> usize {
        match self {
            MlKem::MlKem512 => 768,
            MlKem::MlKem768 => 1088,
            MlKem::MlKem1024 => 1568,
        }
    }

    /// The DER AlgorithmIdentifier: a SEQUENCE of the OID, with no parameters.
    fn algorithm_identifier(self) -> Vec<u8> {
        let oid = [
            0x06,
            0x09,
            0x60,
            0x86,
            0x48,
            0x01,
            0x65,
            0x03,
            0x04,
            0x04,
            self.oid_arc(),
        ];
        tlv(0x30, &oid)
    }

    /// The bytes of a SubjectPublicKeyInfo that come before the raw key.
    fn spki_prefix(self) -> Vec<u8> {
        let der = self.spki(&vec![0; self.public_key_len()]);
        der[..der.len() - self.public_key_len()].to_vec()
    }

    /// A raw `ek` as DER SubjectPublicKeyInfo.
    fn spki(self, ek: &[u8]) -> Vec<u8> {
        let mut bits = Vec::with_capacity(ek.len() + 1);
        bits.push(0); // no unused bits
        bits.extend_from_slice(ek);
        let mut body = self.algorithm_identifier();
        body.extend(tlv(0x03, &bits));
        tlv(0x30, &body)
    }

    /// The bytes of the PKCS#8 `expandedKey` form that come before `dk`.
    fn pkcs8_prefix(self) -> Vec<u8> {
        let der = self.pkcs8(&vec![0; self.private_key_len()]);
        der[..der.len() - self.private_key_len()].to_vec()
    }

    /// A raw `dk` as PKCS#8 OneAsymmetricKey v1 whose privateKey holds the
    /// `expandedKey` choice (an OCTET STRING of `dk`).
    /// Every buffer that holds `dk` is zeroized when dropped.
    fn pkcs8(self, dk: &[u8]) -> Zeroizing<Vec<u8>> {
        let inner = Zeroizing::new(tlv(0x04, dk));
        let octets = Zeroizing::new(tlv(0x04, &inner));
        let alg = self.algorithm_identifier();
        let mut body = Zeroizing::new(Vec::with_capacity(3 + alg.len() + octets.len()));
        body.extend_from_slice(&[0x02, 0x01, 0x00]); // version 0
        body.extend_from_slice(&alg);
        body.extend_from_slice(&octets);
        Zeroizing::new(tlv(0x30, &body))
    }

    /// Recognises a DER SubjectPublicKeyInfo of this parameter set and
    /// returns its raw `ek`.
    pub fn parse_public_key(self, der: &[u8]) -> Option<&[u8]> {
        der.strip_prefix(self.spki_prefix().as_slice())
            .filter(|ek| ek.len() == self.public_key_len())
    }

    /// Finds the parameter set of a DER SubjectPublicKeyInfo and its raw `ek`.
    pub fn detect_public_key(der: &[u8]) -> Option<(MlKem, &[u8])> {
        MlKem::ALL
            .into_iter()
            .find_map(|p| p.parse_public_key(der).map(|ek| (p, ek)))
    }

    /// The raw `dk` inside a PKCS#8 private key of this parameter set.
    pub(crate) fn raw_private_key(self, pkcs8: &SecretBytes) -> Result<&[u8]> {
        pkcs8
            .expose()
            .strip_prefix(self.pkcs8_prefix().as_slice())
            .filter(|dk| dk.len() == self.private_key_len())
            .ok_or_else(|| self.bad_material())
    }

    /// The `ek` a raw `dk` embeds. FIPS 203 lays `dk` out as
    /// `dk_PKE || ek || H(ek) || z`; aws-lc-rs cannot derive `ek` from a
    /// loaded `dk`, so it is read from there, after FIPS 203 §7.3's hash
    /// check (`H(ek)` must match), which also catches a corrupted key.
    fn embedded_public_key(self, dk: &[u8]) -> Result<&[u8]> {
        if dk.len() != self.private_key_len() {
            return Err(self.bad_material());
        }
        let start = self.private_key_len() - self.public_key_len() - 64;
        let ek = &dk[start..start + self.public_key_len()];
        let hash = &dk[start + self.public_key_len()..start + self.public_key_len() + 32];
        let computed = aws_lc_rs::digest::digest(&aws_lc_rs::digest::SHA3_256, ek);
        if aws_lc_rs::constant_time::verify_slices_are_equal(computed.as_ref(), hash).is_err() {
            return Err(self.bad_material());
        }
        Ok(ek)
    }

    /// The aws-lc-rs key of a PKCS#8 private key.
    fn parse_private_key(self, pkcs8: &SecretBytes) -> Result<DecapsulationKey> {
        let dk = self.raw_private_key(pkcs8)?;
        self.embedded_public_key(dk)?;
        DecapsulationKey::new(self.algorithm(), dk).map_err(|_| self.bad_material())
    }

    fn bad_material(self) -> Error {
        Error::IncorrectKeyMaterial(format!(
            "the stored key material is not a PKCS#8 {} private key",
            self.name()
        ))
    }

    /// A fresh key pair, its private key as PKCS#8 DER.
    pub fn generate(self) -> Result<SecretBytes> {
        let fail = || Error::validation(format!("could not generate an {} key", self.name()));
        let key = DecapsulationKey::generate(self.algorithm()).map_err(|_| fail())?;
        let dk = key.key_bytes().map_err(|_| fail())?;
        Ok(SecretBytes::new(self.pkcs8(dk.as_ref()).to_vec()))
    }

    /// The public key of a PKCS#8 private key, as DER SubjectPublicKeyInfo.
    pub fn public_key_der(self, private_key: &SecretBytes) -> Result<Vec<u8>> {
        let dk = self.raw_private_key(private_key)?;
        Ok(self.spki(self.embedded_public_key(dk)?))
    }

    /// Checks that `private_key` is a valid PKCS#8 private key of this set.
    pub fn check_private_key(self, private_key: &SecretBytes) -> Result<()> {
        self.public_key_der(private_key).map(drop)
    }

    /// A raw `ek` as DER SubjectPublicKeyInfo, as `get-public-key` gives it.
    pub fn public_key_der_of_raw(self, ek: &[u8]) -> Vec<u8> {
        self.spki(ek)
    }

    /// FIPS 203 §7.2's encapsulation key check: the right length, and every
    /// 12-bit coefficient of its vector reduced mod q = 3329 (a key that is
    /// not would encapsulate to a ciphertext its owner cannot open).
    pub fn check_public_key(self, ek: &[u8]) -> Result<()> {
        let bad = |why: &str| {
            Error::validation(format!(
                "the public key is not an {} encapsulation key: {why}",
                self.name()
            ))
        };
        if ek.len() != self.public_key_len() {
            return Err(bad(&format!(
                "{} bytes, not {}",
                ek.len(),
                self.public_key_len()
            )));
        }
        const Q: u16 = 3329;
        let vector = &ek[..self.public_key_len() - 32];
        let reduced = vector.chunks_exact(3).all(|b| {
            let (b0, b1, b2) = (u16::from(b[0]), u16::from(b[1]), u16::from(b[2]));
            (b0 | (b1 & 0x0f) << 8) < Q && (b1 >> 4 | b2 << 4) < Q
        });
        if reduced {
            Ok(())
        } else {
            Err(bad("a coefficient is not reduced mod q"))
        }
    }

    /// Encapsulates a fresh shared secret to a raw `ek`: (ciphertext, secret).
    pub fn encapsulate_raw(self, ek: &[u8]) -> Result<(Vec<u8>, SecretBytes)> {
        self.check_public_key(ek)?;
        let key = EncapsulationKey::new(self.algorithm(), ek).map_err(|_| {
            Error::validation(format!(
                "the public key is not an {} encapsulation key",
                self.name()
            ))
        })?;
        let (ct, ss) = key
            .encapsulate()
            .map_err(|_| Error::validation(format!("{} encapsulation failed", self.name())))?;
        Ok((ct.as_ref().to_vec(), SecretBytes::new(ss.as_ref().to_vec())))
    }

    /// Encapsulates a fresh shared secret to the public half of a PKCS#8
    /// private key.
    pub fn encapsulate(self, private_key: &SecretBytes) -> Result<(Vec<u8>, SecretBytes)> {
        let public = self.public_key_der(private_key)?;
        let ek = self
            .parse_public_key(&public)
            .ok_or_else(|| self.bad_material())?;
        self.encapsulate_raw(ek)
    }

    /// Decapsulates a ciphertext with a PKCS#8 private key. A ciphertext of
    /// the wrong length is `InvalidCiphertextException`; any other
    /// ciphertext gives a secret (FIPS 203's implicit rejection gives a
    /// pseudo-random one for a ciphertext not made for this key).
    pub fn decapsulate(self, private_key: &SecretBytes, ciphertext: &[u8]) -> Result<SecretBytes> {
        if ciphertext.len() != self.ciphertext_len() {
            return Err(Error::InvalidCiphertext(format!(
                "an {} ciphertext is {} bytes; this one is {}",
                self.name(),
                self.ciphertext_len(),
                ciphertext.len()
            )));
        }
        let key = self.parse_private_key(private_key)?;
        let ss = key.decapsulate(Ciphertext::from(ciphertext)).map_err(|_| {
            Error::InvalidCiphertext(format!("{} decapsulation failed", self.name()))
        })?;
        Ok(SecretBytes::new(ss.as_ref().to_vec()))
    }

    /// A raw FIPS 203 `dk` as PKCS#8 (zeroized when dropped).
    pub(crate) fn pkcs8_of_raw(self, dk: &[u8]) -> Zeroizing<Vec<u8>> {
        self.pkcs8(dk)
    }

    /// Decapsulates with a raw FIPS 203 `dk` (for known-answer tests).
    pub fn decapsulate_raw(self, dk: &[u8], ciphertext: &[u8]) -> Result<SecretBytes> {
        self.decapsulate(&SecretBytes::new(self.pkcs8(dk).to_vec()), ciphertext)
    }

    /// The raw `ek` that a raw FIPS 203 `dk` holds (for known-answer tests).
    pub fn public_key_of_raw(self, dk: &[u8]) -> Result<Vec<u8>> {
        self.embedded_public_key(dk).map(<[u8]>::to_vec)
    }
}

/// A DER TLV with a definite length (short or long form), in a buffer
/// allocated once at its final size (so no reallocation leaves copies).
fn tlv(tag: u8, content: &[u8]) -> Vec<u8> {
    let len = content.len();
    let mut out = Vec::with_capacity(content.len() + 10);
    out.push(tag);
    if len < 0x80 {
        out.push(len as u8);
    } else {
        let bytes = len.to_be_bytes();
        let skip = bytes.iter().take_while(|b| **b == 0).count();
        out.push(0x80 | (bytes.len() - skip) as u8);
        out.extend_from_slice(&bytes[skip..]);
    }
    out.extend_from_slice(content);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trip_every_parameter_set() {
        for p in MlKem::ALL {
            let sk = p.generate().expect("generate");
            let spki = p.public_key_der(&sk).expect("public");
            let (found, ek) = MlKem::detect_public_key(&spki).expect("detect");
            assert_eq!(found, p);
            assert_eq!(ek.len(), p.public_key_len());
            let (ct, ss) = p.encapsulate_raw(ek).expect("encapsulate");
            assert_eq!(ct.len(), p.ciphertext_len());
            assert_eq!(ss.len(), SHARED_SECRET_LEN);
            assert_eq!(p.decapsulate(&sk, &ct).expect("decapsulate"), ss);
        }
    }

    #[test]
    fn der_prefixes_are_the_lamps_profiles_encodings() {
        // An ML-KEM-768 SubjectPublicKeyInfo: SEQUENCE (1202 bytes) of the
        // AlgorithmIdentifier (OID 2.16.840.1.101.3.4.4.2) and a BIT STRING
        // of 1185 bytes (no unused bits, then ek). Python's cryptography
        // reads what this writes (tests/cli/kem.rs).
        let hex = |b: &[u8]| b.iter().map(|x| format!("{x:02x}")).collect::<String>();
        assert_eq!(
            hex(&MlKem::MlKem768.spki_prefix()),
            "308204b2300b0609608648016503040402038204a100"
        );
        // Its PKCS#8 with the expandedKey choice: version 0, the same
        // AlgorithmIdentifier, an OCTET STRING holding the OCTET STRING dk.
        assert_eq!(
            hex(&MlKem::MlKem768.pkcs8_prefix()),
            "30820978020100300b06096086480165030404020482096404820960"
        );
    }

    #[test]
    fn wrong_length_ciphertext_is_invalid_and_tampering_is_implicitly_rejected() {
        let p = MlKem::MlKem512;
        let sk = p.generate().expect("generate");
        let (mut ct, ss) = p.encapsulate(&sk).expect("encapsulate");
        let short = p.decapsulate(&sk, &ct[1..]);
        assert!(matches!(short, Err(Error::InvalidCiphertext(_))));
        ct[10] ^= 1;
        let other = p
            .decapsulate(&sk, &ct)
            .expect("implicit rejection gives a secret");
        assert_ne!(other, ss);
        assert_eq!(other.len(), SHARED_SECRET_LEN);
    }

    #[test]
    fn foreign_der_is_not_a_public_key() {
        let p = MlKem::MlKem768;
        let sk = p.generate().expect("generate");
        let spki = p.public_key_der(&sk).expect("public");
        assert!(MlKem::MlKem512.parse_public_key(&spki).is_none());
        assert!(p.parse_public_key(&spki[..spki.len() - 1]).is_none());
        let mut longer = spki.clone();
        longer.push(0);
        assert!(p.parse_public_key(&longer).is_none());
        assert!(MlKem::MlKem1024.check_private_key(&sk).is_err());
    }
}
