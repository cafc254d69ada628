//! The header entries of public-key recipients (issue 17, docs/FORMAT.md):
//! any mix of CMK and recipient entries encodes and parses back to the same
//! header, the parser accepts exactly one encoding, and a flipped bit in a
//! recipient entry never goes unnoticed.
#![allow(clippy::unwrap_used)]

use lkms::context::EncryptionContext;
use lkms::envelope::{self, DEFAULT_CHUNK_EXPONENT, Header, Options, Recipient, RecipientKey};
use lkms::kem::MlKem;
use lkms::key::{KeyId, KeyMaterialId, KeySpec};
use lkms::secret::Key256;
use proptest::prelude::*;

fn cmk(fill: u8) -> envelope::WrappedKey {
    envelope::WrappedKey {
        key_id: KeyId::random(),
        key_material_id: KeyMaterialId::random(),
        blob: vec![fill; 145],
    }
}

/// Real recipients of each kind (keys made once per call).
fn recipients() -> Vec<Recipient> {
    let mut out: Vec<Recipient> = MlKem::ALL
        .iter()
        .map(|p| {
            let sk = p.generate().unwrap();
            Recipient::parse(&p.public_key_der(&sk).unwrap()).unwrap()
        })
        .collect();
    let rsa = lkms::key::generate_secret(KeySpec::Rsa2048).unwrap();
    out.push(
        Recipient::parse(&lkms::asym::public_key_der(KeySpec::Rsa2048, &rsa).unwrap()).unwrap(),
    );
    let hybrid = lkms::xwing::generate().unwrap();
    let pk = lkms::xwing::public_key(&hybrid).unwrap();
    out.push(Recipient::parse(&lkms::xwing::spki(&pk)).unwrap());
    out
}

fn encoded(h: &Header, dk: &Key256) -> Vec<u8> {
    let mut file = Vec::new();
    envelope::encrypt(dk, h, &b"x"[..], &mut file, Options::default()).unwrap();
    file.truncate(h.len());
    file
}

#[test]
fn cmk_entries_come_first_and_lengths_are_checked() {
    let dk = Key256::random();
    let all = recipients();
    let wrapped: Vec<RecipientKey> = all.iter().map(|r| r.wrap(&dk).unwrap()).collect();
    let h = Header::with_recipients(
        EncryptionContext::empty(),
        vec![cmk(1)],
        wrapped.clone(),
        DEFAULT_CHUNK_EXPONENT,
    )
    .unwrap();
    let bytes = encoded(&h, &dk);
    let (back, _) = Header::read(&mut &bytes[..]).unwrap();
    assert_eq!(back, h);

    // The CMK entry moved behind the first recipient entry: refused.
    let cmk_at = 50 + 1;
    let cmk_len = 1 + 16 + 32 + 2 + 145;
    let first_len = 1 + 16 + 32 + 2 + wrapped[0].wrapped.len();
    let mut swapped = bytes[..cmk_at].to_vec();
    swapped.extend_from_slice(&bytes[cmk_at + cmk_len..cmk_at + cmk_len + first_len]);
    swapped.extend_from_slice(&bytes[cmk_at..cmk_at + cmk_len]);
    swapped.extend_from_slice(&bytes[cmk_at + cmk_len + first_len..]);
    assert_eq!(swapped.len(), bytes.len());
    let err = Header::read(&mut &swapped[..]).unwrap_err();
    assert!(err.to_string().contains("not canonical"), "{err}");

    // A wrapped key one byte short for its kind: refused by both sides.
    let mut short = wrapped[1].clone();
    short.wrapped.pop();
    assert!(
        Header::with_recipients(
            EncryptionContext::empty(),
            vec![],
            vec![short],
            DEFAULT_CHUNK_EXPONENT
        )
        .is_err()
    );
    // An unknown provider byte is refused.
    let mut unknown = bytes.clone();
    unknown[cmk_at + cmk_len] = 0x7f;
    let err = Header::read(&mut &unknown[..]).unwrap_err();
    assert!(err.to_string().contains("unknown key provider"), "{err}");
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 48, ..ProptestConfig::default() })]

    #[test]
    fn any_mix_round_trips_and_any_flipped_bit_is_caught(
        cmks in 0usize..3,
        picks in prop::collection::vec((0usize..5, any::<bool>()), 0..4),
        flip in any::<prop::sample::Index>(),
        bit in 0u8..8,
    ) {
        prop_assume!(cmks + picks.len() > 0);
        let dk = Key256::random();
        let all = recipients();
        let wrapped: Vec<RecipientKey> = picks
            .iter()
            .map(|(i, named)| {
                let mut w = all[*i].wrap(&dk).unwrap();
                w.key_id = named.then(KeyId::random);
                w
            })
            .collect();
        let h = Header::with_recipients(
            EncryptionContext::empty(),
            (0..cmks).map(|i| cmk(i as u8 + 1)).collect(),
            wrapped,
            DEFAULT_CHUNK_EXPONENT,
        )
        .unwrap();
        let bytes = encoded(&h, &dk);
        let (back, tag) = Header::read(&mut &bytes[..]).unwrap();
        prop_assert_eq!(&back, &h);
        prop_assert!(back.verify(&tag, &dk).is_ok());

        let i = flip.index(bytes.len());
        let mut bad = bytes.clone();
        bad[i] ^= 1 << bit;
        let caught = match Header::read(&mut &bad[..]) {
            Err(_) => true,
            Ok((h2, tag2)) => h2.verify(&tag2, &dk).is_err(),
        };
        prop_assert!(caught, "bit {} of byte {} of {}", bit, i, bytes.len());
    }
}

#[derive(serde::Deserialize)]
struct FileVector {
    description: String,
    recipient_type: String,
    private_key_hex: String,
    public_key_spki_hex: String,
    data_key_hex: String,
    plaintext_len: usize,
    file_hex: String,
}

fn unhex(s: &str) -> Vec<u8> {
    (0..s.len())
        .step_by(2)
        .map(|i| u8::from_str_radix(&s[i..i + 2], 16).unwrap())
        .collect()
}

/// tests/vectors/recipient_files.json (made by `cargo run --example
/// make_recipient_vectors`): each file's wrapped key opens with the
/// vector's private key, as docs/FORMAT.md describes, to the data key that
/// authenticates the header and decrypts the body; a wrong private key
/// does not open it.
#[test]
fn committed_recipient_files_decrypt_with_their_private_keys() {
    use lkms::envelope::RecipientKind;
    use lkms::key::EncryptionAlgorithm;
    use lkms::secret::SecretBytes;

    let vectors: Vec<FileVector> =
        serde_json::from_str(include_str!("vectors/recipient_files.json")).unwrap();
    assert_eq!(vectors.len(), 3);
    for v in vectors {
        let file = unhex(&v.file_hex);
        let private = SecretBytes::new(unhex(&v.private_key_hex));
        let mut input = &file[..];
        let (header, tag) = Header::read(&mut input).unwrap();
        let [entry] = header.recipients() else {
            panic!("{}: one recipient entry", v.description)
        };
        assert_eq!(entry.kind.name(), v.recipient_type);
        let spki = unhex(&v.public_key_spki_hex);
        assert_eq!(
            entry.fingerprint,
            <sha2::Sha256 as sha2::Digest>::digest(&spki)[..],
            "{}",
            v.description
        );
        let open = |private: &SecretBytes| -> lkms::Result<Key256> {
            match entry.kind {
                RecipientKind::RsaOaepSha256 => {
                    let dk = lkms::asym::rsa_decrypt(
                        KeySpec::Rsa2048,
                        private,
                        EncryptionAlgorithm::RsaesOaepSha256,
                        &entry.wrapped,
                    )?;
                    Ok(Key256::from_slice(dk.expose()).unwrap())
                }
                RecipientKind::MlKem(p) => {
                    let ss =
                        p.decapsulate_raw(private.expose(), entry.kem_ciphertext().unwrap())?;
                    entry.open_with_shared_secret(&ss)
                }
                RecipientKind::XWing => {
                    let ss = lkms::xwing::decapsulate(private, entry.kem_ciphertext().unwrap())?;
                    entry.open_with_shared_secret(&ss)
                }
            }
        };
        let data_key = open(&private).unwrap();
        assert_eq!(hex_of(data_key.expose()), v.data_key_hex);
        let keys = header.verify(&tag, &data_key).unwrap();
        let mut out = Vec::new();
        envelope::decrypt(&header, &keys, input, &mut out, Options::default()).unwrap();
        let expected: Vec<u8> = (0..v.plaintext_len).map(|i| (i % 251) as u8).collect();
        assert_eq!(out, expected, "{}", v.description);

        // Another private key of the same kind does not open the entry.
        let other = match entry.kind {
            RecipientKind::RsaOaepSha256 => lkms::key::generate_secret(KeySpec::Rsa2048).unwrap(),
            RecipientKind::MlKem(p) => {
                let pkcs8 = p.generate().unwrap();
                // The raw dk is what the vector form holds: the PKCS#8 tail.
                SecretBytes::new(pkcs8.expose()[pkcs8.len() - p.private_key_len()..].to_vec())
            }
            RecipientKind::XWing => lkms::xwing::generate().unwrap(),
        };
        assert!(open(&other).is_err(), "{}", v.description);
    }
}

fn hex_of(b: &[u8]) -> String {
    b.iter().map(|x| format!("{x:02x}")).collect()
}
