//! One row or column of a real keyring replaced by arbitrary bytes: the
//! slots and the state row (clear JSON, parsed before anything is
//! authenticated), a sealed key, alias or grant record, an audit row's
//! sealed record, hash or time. Opening, verifying and reading the keyring
//! is refused with an error or succeeds, never a panic. Where
//! `keyring_open` must first stumble on a valid SQLite file, this target
//! starts from one and spends its time in lkms's own parsers.
#![no_main]

use libfuzzer_sys::fuzz_target;
#[path = "seeded_keyring.rs"]
mod seeded_keyring;
use rusqlite::{Connection, params};

/// A keyring with one slot, three keys, an alias, a grant and ten audit
/// records.
const SEED: &[u8] = include_bytes!("../corpus/keyring_open/vector-seed.db");

/// Which column of which row the input replaces.
const EDITS: [&str; 9] = [
    "UPDATE slots SET data = ?1 WHERE id = (SELECT min(id) FROM slots)",
    "UPDATE meta SET value = ?1 WHERE name = 'state'",
    "UPDATE meta SET value = ?1 WHERE name = 'derivation'",
    "UPDATE keys SET data = ?1 WHERE id = (SELECT min(id) FROM keys)",
    "UPDATE aliases SET data = ?1",
    "UPDATE grants SET data = ?1",
    "UPDATE audit SET data = ?1 WHERE seq = (SELECT max(seq) FROM audit)",
    "UPDATE audit SET hash = ?1 WHERE seq = (SELECT min(seq) FROM audit)",
    "UPDATE meta SET value = ?1 WHERE name = 'format_version'",
];

fuzz_target!(|data: &[u8]| {
    let Some((&which, value)) = data.split_first() else {
        return;
    };
    let Ok(dir) = tempfile::tempdir() else { return };
    let path = dir.path().join("keyring.db");
    if std::fs::write(&path, SEED).is_err() {
        return;
    }
    {
        let Ok(db) = Connection::open(&path) else {
            return;
        };
        let edit = EDITS[usize::from(which) % EDITS.len()];
        if db.execute(edit, params![value]).is_err() {
            return;
        }
    }
    seeded_keyring::open_and_read_everything(&path);
});
