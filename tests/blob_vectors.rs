//! Known-answer vectors for the ciphertext blob format (docs/FORMAT.md,
//! "Ciphertext blobs"). The blobs in tests/vectors/blobs.json were made by
//! lkms 0.1; if this test fails, the format changed and old ciphertexts
//! would no longer decrypt.
#![allow(clippy::unwrap_used)]

use std::collections::BTreeMap;

use lkms::blob;
use lkms::context::EncryptionContext;
use lkms::secret::SecretBytes;
use serde::Deserialize;

#[derive(Deserialize)]
struct Vector {
    description: String,
    material_hex: String,
    key_id: String,
    key_material_id: String,
    encryption_context: BTreeMap<String, String>,
    plaintext_hex: String,
    blob_hex: String,
}

fn unhex(s: &str) -> Vec<u8> {
    (0..s.len())
        .step_by(2)
        .map(|i| u8::from_str_radix(&s[i..i + 2], 16).unwrap())
        .collect()
}

fn vectors() -> Vec<Vector> {
    serde_json::from_str(include_str!("vectors/blobs.json")).unwrap()
}

#[test]
fn committed_blobs_decrypt_to_their_plaintexts() {
    let vs = vectors();
    assert!(vs.len() >= 3);
    for v in vs {
        let blob = unhex(&v.blob_hex);
        let material = SecretBytes::new(unhex(&v.material_hex));
        let ctx = EncryptionContext::new(v.encryption_context.clone()).unwrap();
        let h = blob::parse_header(&blob).unwrap();
        assert_eq!(h.key_id.to_string(), v.key_id, "{}", v.description);
        assert_eq!(
            h.material_id.to_string(),
            v.key_material_id,
            "{}",
            v.description
        );
        let pt = blob::open(&blob, &material, &ctx).unwrap();
        assert_eq!(
            pt.expose(),
            unhex(&v.plaintext_hex).as_slice(),
            "{}",
            v.description
        );
        assert_eq!(blob.len(), blob::HEADER_LEN + pt.len() + 16);
        // The context is bound: dropping or adding a pair fails.
        let mut other = v.encryption_context.clone();
        other.insert("extra".into(), "pair".into());
        let other = EncryptionContext::new(other).unwrap();
        assert!(
            blob::open(&blob, &material, &other).is_err(),
            "{}",
            v.description
        );
    }
}
