//! Import tokens and grant tokens from arbitrary bytes: refused unless
//! authentic, never a panic.
#![no_main]

use libfuzzer_sys::fuzz_target;
use lkms::key::ImportToken;
use lkms::secret::Key256;

fuzz_target!(|data: &[u8]| {
    let Some(key) = Key256::from_slice(&[7; 32]) else { return };
    assert!(ImportToken::open(data, &key).is_err() || data.len() == 109);
    let _ = lkms::grant::open_token(data, &key);
});
