//! Prints encrypted-file test vectors as JSON (how tests/vectors/files.json
//! was made): `cargo run --example make_file_vectors > tests/vectors/files.json`.
//! The wrapped data key entries are placeholders: the envelope format treats
//! them as opaque, and the vectors test the format, not a keyring.
#![allow(clippy::unwrap_used, clippy::print_stdout)]

use lkms::context::EncryptionContext;
use lkms::envelope::{self, Header, Options, WrappedKey};
use lkms::key::{KeyId, KeyMaterialId};
use lkms::secret::Key256;

fn hex(b: &[u8]) -> String {
    b.iter().map(|x| format!("{x:02x}")).collect()
}

/// A vector to make: description, plaintext length, chunk exponent, context.
type Case = (
    &'static str,
    usize,
    u8,
    &'static [(&'static str, &'static str)],
);

fn main() {
    let cases: [Case; 4] = [
        ("empty file, empty context", 0, 12, &[]),
        ("one byte", 1, 12, &[("app", "web")]),
        (
            "exactly one 4 KiB chunk",
            4096,
            12,
            &[("app", "web"), ("env", "prod")],
        ),
        (
            "two chunks and a short last one",
            2 * 4096 + 17,
            12,
            &[("ort", "Zürich")],
        ),
    ];
    let mut out = Vec::new();
    for (description, len, exp, ctx) in cases {
        let data_key = Key256::from_slice(&[0x42; 32]).unwrap();
        let plaintext: Vec<u8> = (0..len).map(|i| (i % 251) as u8).collect();
        let context = EncryptionContext::new(
            ctx.iter()
                .map(|(k, v)| (k.to_string(), v.to_string()))
                .collect(),
        )
        .unwrap();
        let wrapped = WrappedKey {
            key_id: KeyId::random(),
            key_material_id: KeyMaterialId::random(),
            blob: b"placeholder wrapped data key".to_vec(),
        };
        let header = Header::new(context, vec![wrapped], exp).unwrap();
        let mut file = Vec::new();
        envelope::encrypt(
            &data_key,
            &header,
            &plaintext[..],
            &mut file,
            Options::default(),
        )
        .unwrap();
        out.push(serde_json::json!({
            "description": description,
            "data_key_hex": hex(data_key.expose()),
            "plaintext": format!("{len} bytes, byte i = i mod 251"),
            "plaintext_len": len,
            "file_hex": hex(&file),
        }));
    }
    println!("{}", serde_json::to_string_pretty(&out).unwrap());
}
