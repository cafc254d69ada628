//! A keyring file from arbitrary bytes (a damaged or hostile database, or
//! a format 1 TOML file): opening it, checking it and reading everything in
//! it is refused with an error or succeeds, never a panic. Seeded with a
//! real keyring made for the identity below.
#![no_main]

use libfuzzer_sys::fuzz_target;
#[path = "seeded_keyring.rs"]
mod seeded_keyring;

fuzz_target!(|data: &[u8]| {
    let Ok(dir) = tempfile::tempdir() else { return };
    let path = dir.path().join("keyring.db");
    if std::fs::write(&path, data).is_err() {
        return;
    }
    seeded_keyring::open_and_read_everything(&path);
});
