//! The ciphertext blob parser and decryption on arbitrary bytes.
#![no_main]

use libfuzzer_sys::fuzz_target;
use lkms::blob;
use lkms::context::EncryptionContext;
use lkms::secret::SecretBytes;

fuzz_target!(|data: &[u8]| {
    let _ = blob::parse_header(data);
    let material = SecretBytes::new((0u8..32).collect());
    let _ = blob::open(data, &material, &EncryptionContext::empty());
});
