//! Records this handle has opened before, kept parsed: a server reads the
//! same few keys and access keys on every request, and unsealing a record
//! (a derived key, an AEAD open) and parsing it (a key policy) costs more
//! than the rest of an Encrypt.
//!
//! An entry is used only for a row whose sealed bytes are exactly those it
//! was opened from, so the store stays the truth: another process's
//! change, a root key rotation or a tampered row is a different row, opened
//! and checked afresh. What is checked against a row's clear columns is
//! still checked on every read, by the caller.

use std::any::Any;
use std::cell::RefCell;
use std::collections::HashMap;

use crate::store::{Row, Table};

/// How many records a handle keeps; past it, it starts over (a server's
/// working set is far smaller; a scan over many keys should not pin them).
const MOST: usize = 256;

/// The opened records, by table and row id.
#[derive(Default)]
pub(super) struct Opened(RefCell<HashMap<(Table, String), Entry>>);

struct Entry {
    version: u64,
    data: Vec<u8>,
    value: Box<dyn Any + Send>,
}

impl Opened {
    /// The record opened from exactly `row` before, if this handle has it.
    pub fn get<T: Clone + 'static>(&self, table: Table, row: &Row) -> Option<T> {
        let entries = self.0.borrow();
        let entry = entries.get(&(table, row.id.clone()))?;
        if entry.version != row.version || entry.data != row.data {
            return None;
        }
        entry.value.downcast_ref::<T>().cloned()
    }

    /// Keeps `value`, opened from `row`.
    pub fn put<T: Clone + Send + 'static>(&self, table: Table, row: &Row, value: &T) {
        let mut entries = self.0.borrow_mut();
        if entries.len() >= MOST {
            entries.clear();
        }
        entries.insert(
            (table, row.id.clone()),
            Entry {
                version: row.version,
                data: row.data.clone(),
                value: Box::new(value.clone()),
            },
        );
    }

    /// Forgets everything (the record keys changed).
    pub fn clear(&self) {
        self.0.borrow_mut().clear();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn row(id: &str, version: u64, data: &[u8]) -> Row {
        Row {
            id: id.into(),
            version,
            data: data.to_vec(),
            key_id: None,
            due_at: None,
            gone_at: None,
        }
    }

    #[test]
    fn only_the_same_sealed_bytes_hit() {
        let opened = Opened::default();
        opened.put(Table::Keys, &row("k", 3, b"sealed"), &"parsed".to_string());
        let hit = |r: &Row| opened.get::<String>(Table::Keys, r);
        assert_eq!(hit(&row("k", 3, b"sealed")).as_deref(), Some("parsed"));
        assert_eq!(hit(&row("k", 3, b"sealeD")), None, "other bytes");
        assert_eq!(hit(&row("k", 4, b"sealed")), None, "other version");
        assert_eq!(hit(&row("j", 3, b"sealed")), None, "other row");
        assert_eq!(
            opened.get::<String>(Table::Grants, &row("k", 3, b"sealed")),
            None
        );
        assert_eq!(
            opened.get::<u32>(Table::Keys, &row("k", 3, b"sealed")),
            None
        );
        opened.clear();
        assert_eq!(hit(&row("k", 3, b"sealed")), None);
    }
}
