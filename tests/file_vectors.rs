//! Known-answer vectors for the encrypted file format (docs/FORMAT.md,
//! "Encrypted files"). tests/vectors/files.json was made by
//! `cargo run --example make_file_vectors`; if this test fails, the format
//! changed and existing files would no longer decrypt.
#![allow(clippy::unwrap_used)]

use lkms::envelope::{self, Header, Options};
use lkms::secret::Key256;
use serde::Deserialize;

#[derive(Deserialize)]
struct Vector {
    description: String,
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

#[test]
fn committed_files_decrypt_to_their_plaintexts() {
    let vectors: Vec<Vector> = serde_json::from_str(include_str!("vectors/files.json")).unwrap();
    assert!(vectors.len() >= 4);
    for v in vectors {
        let file = unhex(&v.file_hex);
        let data_key = Key256::from_slice(&unhex(&v.data_key_hex)).unwrap();
        let mut input = &file[..];
        let (header, tag) = Header::read(&mut input).unwrap();
        let keys = header.verify(&tag, &data_key).unwrap();
        let mut out = Vec::new();
        envelope::decrypt(&header, &keys, input, &mut out, Options::default()).unwrap();
        let expected: Vec<u8> = (0..v.plaintext_len).map(|i| (i % 251) as u8).collect();
        assert_eq!(out, expected, "{}", v.description);
        // The same bytes under another data key do not open.
        let other = Key256::from_slice(&[0x43; 32]).unwrap();
        assert!(header.verify(&tag, &other).is_err(), "{}", v.description);
    }
}
