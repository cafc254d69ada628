//! The full integrity check: every record against the authenticated digest.

use super::seal::{self, Digest};
use super::*;

impl Keyring {
    /// Checks every record against the authenticated digest, every record's
    /// sealing, and the audit trail. Fails naming what does not match.
    pub fn verify(&self) -> Result<Integrity> {
        self.store.check_structure()?;
        let state = self.read_state()?;
        let header = Self::header(self.store.as_ref(), &self.path)?;
        let rows: Vec<Row> = header.slots.into_iter().map(|(_, r)| r).collect();
        self.check_slots(&state, &rows)?;
        // The keyring policy must open and parse, not only match its term.
        self.keyring_policy()?;
        let mut d = Digest::default();
        let mut counts = [0u64; 3];
        for (i, table) in [Table::Keys, Table::Aliases, Table::Grants]
            .into_iter()
            .enumerate()
        {
            self.store.scan(table, &Scan::default(), &mut |row| {
                d.add(&seal::term(&self.keys, table, &row));
                match table {
                    Table::Keys => {
                        let key: Key = self.open_row(table, &row)?;
                        self.check_key_row(&key, &row)?;
                    }
                    Table::Aliases => {
                        let a: Alias = self.open_row(table, &row)?;
                        self.check_alias_row(&a, &row)?;
                    }
                    _ => {
                        let g: Grant = self.open_row(table, &row)?;
                        self.check_grant_row(&g, &row)?;
                    }
                }
                counts[i] += 1;
                Ok(true)
            })?;
        }
        if d != state.records {
            return Err(self.corrupt(
                "the records do not match the authenticated digest: a record was deleted, added, or replaced by an older copy",
            ));
        }
        // Their digest is checked with the slots' above; here each must open.
        let access_keys = self.check_access_keys()?;
        Ok(Integrity {
            path: self.path.display().to_string(),
            keys: counts[0],
            aliases: counts[1],
            grants: counts[2],
            slots: self.slots.len() as u64,
            access_keys,
            audit: self.verify_audit()?,
        })
    }
}
