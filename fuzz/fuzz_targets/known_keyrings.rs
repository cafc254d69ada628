//! The known_keyrings file parser and keyring pins on arbitrary text: what
//! parses writes back to the same entries, and a pin never panics.
#![no_main]

use libfuzzer_sys::fuzz_target;
use lkms::keyring::pin::{KnownKeyrings, Pin};

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    if let Ok(known) = KnownKeyrings::parse(text) {
        let again = KnownKeyrings::parse(&known.to_text()).expect("written text parses");
        assert_eq!(again, known);
    }
    let _ = text.parse::<Pin>();
});
