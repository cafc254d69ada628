//! The encrypted file header parser on arbitrary bytes: it must return an
//! error or a header, never panic, and a header it accepts must re-encode
//! to the same length (there is one encoding per header).
#![no_main]

use libfuzzer_sys::fuzz_target;
use lkms::envelope::Header;

fuzz_target!(|data: &[u8]| {
    let mut input = data;
    if let Ok((header, _tag)) = Header::read(&mut input) {
        assert_eq!(header.len(), data.len() - input.len());
    }
});
