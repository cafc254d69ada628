//! Prints fresh blob test vectors as JSON (how tests/vectors/blobs.json was
//! made): `cargo run --example make_blob_vectors > tests/vectors/blobs.json`.
#![allow(clippy::unwrap_used, clippy::print_stdout)]

use std::collections::BTreeMap;

use lkms::blob::{self, BlobHeader};
use lkms::context::EncryptionContext;
use lkms::key::{KeyId, KeyMaterialId};
use lkms::secret::SecretBytes;

fn hex(b: &[u8]) -> String {
    b.iter().map(|x| format!("{x:02x}")).collect()
}

/// A vector to make: description, plaintext, context pairs.
type Case = (
    &'static str,
    &'static [u8],
    &'static [(&'static str, &'static str)],
);

fn main() {
    let cases: [Case; 3] = [
        ("empty plaintext, empty context", b"", &[]),
        (
            "short plaintext with a context",
            b"top secret\n",
            &[("app", "web"), ("env", "prod")],
        ),
        (
            "binary plaintext, unicode context",
            &[0, 1, 2, 255, 254, 0x80],
            &[("ort", "Zürich")],
        ),
    ];
    let mut out = Vec::new();
    for (description, plaintext, ctx) in cases {
        let material = SecretBytes::new((0u8..32).collect());
        let header = BlobHeader {
            key_id: KeyId::random(),
            material_id: KeyMaterialId::random(),
        };
        let map: BTreeMap<String, String> = ctx
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect();
        let context = EncryptionContext::new(map.clone()).unwrap();
        let b = blob::seal(&header, &material, &context, plaintext).unwrap();
        out.push(serde_json::json!({
            "description": description,
            "material_hex": hex(material.expose()),
            "key_id": header.key_id.to_string(),
            "key_material_id": header.material_id.to_string(),
            "encryption_context": map,
            "plaintext_hex": hex(plaintext),
            "blob_hex": hex(&b),
        }));
    }
    println!("{}", serde_json::to_string_pretty(&out).unwrap());
}
