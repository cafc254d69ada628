//! Decryption of arbitrary files under a fixed data key. The corpus should
//! start from real files (tests/vectors/files.json holds some, made with the
//! data key 42 x 32): the fuzzer then mutates valid headers and chunks.
//! Whatever the input, decryption must fail cleanly or produce output, and
//! never panic.
#![no_main]

use libfuzzer_sys::fuzz_target;
use lkms::envelope::{self, Header, Options};
use lkms::secret::Key256;

fuzz_target!(|data: &[u8]| {
    let Some(key) = Key256::from_slice(&[0x42; 32]) else { return };
    let mut input = data;
    let Ok((header, tag)) = Header::read(&mut input) else { return };
    let Ok(keys) = header.verify(&tag, &key) else { return };
    let mut out = Vec::new();
    let opts = Options { threads: 1, progress: None };
    let _ = envelope::decrypt(&header, &keys, input, &mut out, opts);
});
