//! Root key rotation: a new root key, every slot re-wrapped to it and every
//! record (access keys included) re-sealed under it, in the open transaction.

use super::seal::{self, Digest, RecordKeys};
use super::*;

impl Keyring {
    /// `rotate-root-key`, for the principals the keyring policy allows
    /// `lkms:RotateRootKey` (see [`Keyring::rekey`]).
    pub fn rotate_root_key(&mut self) -> Result<()> {
        self.authorize_keyring(crate::policy::KeyringAction::RotateRootKey)?;
        self.rekey()
    }

    /// Makes a new root key: re-wraps every slot to it and re-seals every
    /// record, the keyring policy and every audit record under it, in the
    /// open transaction. A removed credential, with any copy of the keyring
    /// taken before, opens nothing written after. Version 1 passphrase slots
    /// other than the caller's cannot be re-wrapped without their passphrase
    /// and are refused by name.
    pub(super) fn rekey(&mut self) -> Result<()> {
        self.flush_dirty()?;
        let new_root = Key256::random();
        let new_keys = RecordKeys::derive(&new_root, &self.keyring_id);
        let generation = self.tx_mut()?.state.generation;
        let mut slots = Vec::new();
        for s in &self.slots {
            let moved = match s.rewrap(&new_root)? {
                Some(m) => m,
                None => match (&self.passphrase, s.id == self.caller.slot) {
                    (Some(p), true) => {
                        let mut m = Slot::wrap(
                            s.id,
                            s.principal.clone(),
                            s.created,
                            &NewSlot::Passphrase(p.clone()),
                            &new_root,
                        )?;
                        m.created = s.created;
                        m
                    }
                    _ => {
                        return Err(Error::validation(format!(
                            "slot {} ({}) is a version 1 passphrase slot, which cannot be re-wrapped without its passphrase: \
                             its holder runs `lkms passwd` once, or the slot is removed first",
                            s.id, s.principal
                        )));
                    }
                },
            };
            slots.push(moved);
        }
        // Re-seal every record under the new keys.
        let mut records = Digest::default();
        let mut credentials = Digest::default();
        for table in [
            Table::Keys,
            Table::Aliases,
            Table::Grants,
            Table::AccessKeys,
        ] {
            let mut rows = Vec::new();
            self.store.scan(table, &Scan::default(), &mut |row| {
                rows.push(row);
                Ok(true)
            })?;
            for mut row in rows {
                let plain = self.unseal_row(table, &row)?;
                // An alias's row id is a blind index: it changes with the keys.
                if table == Table::Aliases {
                    let alias: Alias = seal::parse(&plain, || self.path.display().to_string())?;
                    self.store.delete(table, &row.id)?;
                    row.id = seal::blind_id(&new_keys, "alias", alias.name.as_str());
                }
                row.version = generation;
                row.data = seal::seal(
                    &new_keys,
                    &self.keyring_id,
                    table.name(),
                    &row.id,
                    generation,
                    plain.expose(),
                );
                let term = seal::term(&new_keys, table, &row);
                if in_slot_digest(table) {
                    credentials.add(&term);
                } else {
                    records.add(&term);
                }
                self.store.put(table, &row)?;
            }
        }
        self.reseal_audit(&new_keys)?;
        let policy_term = self.reseal_keyring_policy(&new_keys, generation)?;
        self.keys = new_keys;
        self.opened.clear();
        self.root = new_root;
        let mut slot_digest = credentials;
        if let Some(t) = policy_term {
            slot_digest.add(&t);
        }
        for s in &slots {
            let row = self.slot_row(s, generation);
            slot_digest.add(&seal::term(&self.keys, Table::Slots, &row));
            self.store.put(Table::Slots, &row)?;
            if s.id == self.caller.slot {
                self.unlocked_slot = row.data.clone();
            }
        }
        self.slots = slots;
        self.passphrase = None;
        let tx = self.tx_mut()?;
        tx.state.records = records;
        tx.state.slots = slot_digest;
        self.seal_derivation()?;
        Ok(())
    }
}
