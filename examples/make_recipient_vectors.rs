//! Prints test vectors of files encrypted to public-key recipients (how
//! tests/vectors/recipient_files.json was made):
//! `cargo run --example make_recipient_vectors > tests/vectors/recipient_files.json`.
//!
//! The private keys are public test data, so anyone can check the vectors:
//! the RSA-2048 key of Wycheproof's `rsa_oaep_2048_sha256_mgf1sha256_test`,
//! the ML-KEM-768 `dk` of NIST ACVP's first ML-KEM-768 keyGen case, and for
//! the hybrid that `dk` with the X25519 key `4d × 32`. Encapsulation is
//! randomized, so each run prints other (equally valid) files.
#![allow(clippy::unwrap_used, clippy::print_stdout)]

use lkms::context::EncryptionContext;
use lkms::envelope::{self, DEFAULT_CHUNK_EXPONENT, Header, Options, Recipient};
use lkms::kem::MlKem;
use lkms::key::KeySpec;
use lkms::secret::{Key256, SecretBytes};
use serde_json::{Value, json};

fn hex(b: &[u8]) -> String {
    b.iter().map(|x| format!("{x:02x}")).collect()
}

fn unhex(s: &str) -> Vec<u8> {
    (0..s.len())
        .step_by(2)
        .map(|i| u8::from_str_radix(&s[i..i + 2], 16).unwrap())
        .collect()
}

fn read(path: &str) -> Value {
    let text = std::fs::read_to_string(format!("{}/{path}", env!("CARGO_MANIFEST_DIR"))).unwrap();
    serde_json::from_str(&text).unwrap()
}

fn main() {
    let oaep = read("tests/vectors/wycheproof/rsa_oaep_2048_sha256_mgf1sha256_test.json");
    let rsa_pkcs8 = unhex(oaep["testGroups"][0]["privateKeyPkcs8"].as_str().unwrap());
    let keygen = read("tests/vectors/mlkem/acvp_keygen.json");
    let group = keygen["testGroups"]
        .as_array()
        .unwrap()
        .iter()
        .find(|g| g["parameterSet"] == "ML-KEM-768")
        .unwrap();
    let dk = unhex(group["tests"][0]["dk"].as_str().unwrap());
    let ek = MlKem::MlKem768.public_key_of_raw(&dk).unwrap();
    let mut hybrid = vec![77u8; 32];
    hybrid.extend_from_slice(&dk);
    let hybrid_pk = lkms::xwing::public_key(&SecretBytes::new(hybrid.clone())).unwrap();

    let rsa_spki =
        lkms::asym::public_key_der(KeySpec::Rsa2048, &SecretBytes::new(rsa_pkcs8.clone())).unwrap();
    let cases: [(&str, &str, Vec<u8>, Vec<u8>); 3] = [
        ("RSAES_OAEP_SHA_256", "PKCS#8", rsa_pkcs8, rsa_spki),
        (
            "ML_KEM_768",
            "FIPS 203 dk",
            dk,
            MlKem::MlKem768.public_key_der_of_raw(&ek),
        ),
        (
            "X25519_ML_KEM_768",
            "sk_X || dk_M",
            hybrid,
            lkms::xwing::spki(&hybrid_pk),
        ),
    ];
    let data_key = Key256::from_slice(&[0x42; 32]).unwrap();
    let ctx = EncryptionContext::new([("app".to_string(), "web".to_string())].into()).unwrap();
    let mut out = Vec::new();
    for (kind, private_form, private, spki) in cases {
        let recipient = Recipient::parse(&spki).unwrap();
        let wrapped = recipient.wrap(&data_key).unwrap();
        let header = Header::with_recipients(
            ctx.clone(),
            Vec::new(),
            vec![wrapped],
            DEFAULT_CHUNK_EXPONENT,
        )
        .unwrap();
        let plaintext: Vec<u8> = (0..100).map(|i| (i % 251) as u8).collect();
        let mut file = Vec::new();
        envelope::encrypt(
            &data_key,
            &header,
            &plaintext[..],
            &mut file,
            Options::default(),
        )
        .unwrap();
        out.push(json!({
            "description": format!("100 bytes to one {kind} recipient, context app=web"),
            "recipient_type": kind,
            "private_key_form": private_form,
            "private_key_hex": hex(&private),
            "public_key_spki_hex": hex(&spki),
            "data_key_hex": hex(data_key.expose()),
            "plaintext_len": plaintext.len(),
            "file_hex": hex(&file),
        }));
    }
    println!("{}", serde_json::to_string_pretty(&out).unwrap());
}
