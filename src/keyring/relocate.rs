//! Moving a keyring to another store (`lkms migrate --to`): from a file to
//! a PostgreSQL database and back, or from one database to another.

use super::*;
use crate::store::CopyCount;

/// What [`Keyring::copy_to`] did.
#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "PascalCase")]
pub struct Relocation {
    /// Where the keyring was copied from.
    pub from: String,
    /// Where it now also is.
    pub to: String,
    /// The keyring's id (the same in both).
    pub keyring_id: String,
    /// Records copied (slots, keys, aliases, grants, access keys).
    pub records: u64,
    /// Audit records copied.
    pub audit_records: u64,
    /// The copy's integrity check, run with this unlock.
    pub verified: Integrity,
}

impl Keyring {
    /// Copies the keyring, rows exactly as stored (sealed to the same
    /// keyring id, so the same credentials open the copy and its audit chain
    /// is the original's), to `to`, which must hold no keyring; then checks
    /// the copy in full with this unlock before saying it is done. The
    /// original is left as it was: clients move when they are pointed at
    /// the copy.
    pub fn copy_to(&self, to: &Location) -> Result<Relocation> {
        let shown = to.shown();
        if shown == self.path {
            return Err(Error::validation(format!(
                "--to {}: that is where the keyring already is",
                shown.display()
            )));
        }
        if let Some(path) = to.file()
            && path.exists()
        {
            return Err(Error::KeyringExists {
                path: path.to_path_buf(),
            });
        }
        let (staged, store) = Staged::for_location(to)?;
        let CopyCount { records, audit } = crate::store::copy(self.store.as_ref(), store.as_ref())?;
        drop(store);
        if let (Some(staged), Location::File(path)) = (staged, to) {
            staged.finish(path, false)?;
        }
        let copy = self.with_store(to.clone(), to.open()?);
        let verified = copy.verify()?;
        Ok(Relocation {
            from: self.path.display().to_string(),
            to: shown.display().to_string(),
            keyring_id: self.keyring_id.clone(),
            records,
            audit_records: audit,
            verified,
        })
    }

    /// Where the keyring's store is.
    pub fn location(&self) -> &Location {
        &self.location
    }

    /// Whether the store is a database server reached over the network
    /// (whose calls may wait on a round trip or a reconnection).
    pub fn store_is_remote(&self) -> bool {
        self.store.remote()
    }
}
