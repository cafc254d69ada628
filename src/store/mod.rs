//! Where a keyring's records live: a small storage trait, and SQLite behind it.
//!
//! The store sees only what the keyring hands it: opaque sealed bytes, the
//! few columns its indexes need in clear (key ids, a key's maintenance and
//! deletion dates, blind indexes of the audit trail), and transactions. It
//! never sees a root key, key material or metadata in clear, and the domain
//! modules never see SQL. An embedded SQLite file is the default
//! ([`sqlite::SqliteStore`]); a PostgreSQL database
//! ([`postgres::PgStore`]) serves several hosts through the same trait.

pub mod postgres;
pub mod sqlite;

use std::path::{Path, PathBuf};

use crate::error::Result;

/// Where a keyring lives: a file of the embedded store, or a PostgreSQL
/// database.
#[derive(Debug, Clone)]
pub enum Location {
    /// An SQLite keyring file (or a version 1 file to migrate).
    File(PathBuf),
    /// A PostgreSQL database (boxed: its parsed settings are large).
    Postgres(Box<postgres::Target>),
}

impl Location {
    /// A `postgres://` or `postgresql://` URL names a database; anything
    /// else is a file path.
    pub fn parse(text: &str) -> Result<Location> {
        if postgres::is_url(text) {
            postgres::Target::parse(text).map(|t| Location::Postgres(Box::new(t)))
        } else {
            Ok(Location::File(PathBuf::from(text)))
        }
    }

    /// The location as messages name it (a database URL without its
    /// password), as a path: errors and pins carry paths.
    pub fn shown(&self) -> PathBuf {
        match self {
            Location::File(p) => p.clone(),
            Location::Postgres(t) => PathBuf::from(t.shown()),
        }
    }

    /// The file, for a file location.
    pub fn file(&self) -> Option<&Path> {
        match self {
            Location::File(p) => Some(p),
            Location::Postgres(_) => None,
        }
    }

    /// Opens the store holding an existing keyring.
    pub fn open(&self) -> Result<Box<dyn Store>> {
        Ok(match self {
            Location::File(p) => Box::new(sqlite::SqliteStore::open(p)?),
            Location::Postgres(t) => Box::new(postgres::PgStore::open(t)?),
        })
    }
}

impl From<&Path> for Location {
    fn from(path: &Path) -> Location {
        Location::File(path.to_path_buf())
    }
}

/// Copies every record of `from` into `to` (which holds no keyring) in one
/// transaction of each, the rows exactly as stored: they stay sealed to the
/// same keyring id, table, row id and version, so the copy opens with the
/// same credentials and its audit chain verifies as the original's.
/// Holding `from`'s write lock makes the copy one consistent snapshot.
/// The last-use pointers are not copied: GetKeyLastUsage finds the same
/// answer in the trail.
pub fn copy(from: &dyn Store, to: &dyn Store) -> Result<CopyCount> {
    from.begin_write()?;
    let copied = (|| {
        to.begin_write()?;
        let copied = copy_rows(from, to);
        match copied {
            Ok(n) => to.commit().map(|()| n),
            Err(e) => {
                let _ = to.rollback();
                Err(e)
            }
        }
    })();
    let _ = from.rollback();
    copied
}

/// What [`copy`] copied.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct CopyCount {
    /// Records of the keyring's tables (slots, keys, aliases, grants,
    /// access keys).
    pub records: u64,
    /// Audit records.
    pub audit: u64,
}

fn copy_rows(from: &dyn Store, to: &dyn Store) -> Result<CopyCount> {
    let mut count = CopyCount::default();
    for (name, value) in from.all_meta()? {
        to.set_meta(&name, &value)?;
    }
    for table in Table::ALL {
        from.scan(table, &Scan::default(), &mut |row| {
            count.records += 1;
            to.put(table, &row).map(|()| true)
        })?;
    }
    from.audit_scan(&AuditQuery::default(), &mut |row| {
        count.audit += 1;
        to.audit_append(&row).map(|()| true)
    })?;
    Ok(count)
}

/// The tables of sealed records.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Table {
    /// Unlock slots (authenticated, not sealed: they are read before unlock).
    Slots,
    /// Customer master keys, by key id.
    Keys,
    /// Aliases, by a blind index of the alias name.
    Aliases,
    /// Grants, by grant id.
    Grants,
    /// Access keys (`lkms serve`'s credentials), by access key id.
    AccessKeys,
}

impl Table {
    /// Every record table, in the order the digest and re-sealing visit them.
    pub const ALL: [Table; 5] = [
        Table::Slots,
        Table::Keys,
        Table::Aliases,
        Table::Grants,
        Table::AccessKeys,
    ];

    /// The table's name, as bound into each record's associated data.
    pub fn name(self) -> &'static str {
        match self {
            Table::Slots => "slots",
            Table::Keys => "keys",
            Table::Aliases => "aliases",
            Table::Grants => "grants",
            Table::AccessKeys => "access_keys",
        }
    }
}

/// One stored record.
#[derive(Clone, PartialEq, Eq)]
pub struct Row {
    /// The primary key: a key id, a blind alias index, a grant id, a slot
    /// number, an access key id.
    pub id: String,
    /// The write generation that produced this row (bound into its sealing).
    pub version: u64,
    /// The sealed record.
    pub data: Vec<u8>,
    /// For aliases and grants: the key they belong to.
    pub key_id: Option<String>,
    /// For keys: when maintenance must next look at the key (Unix seconds).
    pub due_at: Option<i64>,
    /// For keys: when the key's deletion window ends (Unix seconds).
    pub gone_at: Option<i64>,
}

impl std::fmt::Debug for Row {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Row")
            .field("id", &self.id)
            .field("version", &self.version)
            .field("data_len", &self.data.len())
            .finish_non_exhaustive()
    }
}

/// Which rows a [`Store::scan`] returns, in primary-key order (due keys in
/// the order they fall due).
#[derive(Debug, Clone, Default)]
pub struct Scan<'a> {
    /// Only rows whose id sorts after this one (paging).
    pub after: Option<&'a str>,
    /// At most this many rows.
    pub limit: Option<usize>,
    /// Only rows that belong to this key.
    pub key_id: Option<&'a str>,
    /// Only keys not gone at this instant (Unix seconds).
    pub live_at: Option<i64>,
    /// Only keys whose maintenance is due at or before this instant.
    pub due_by: Option<i64>,
}

/// One audit record as stored: sealed, with the blind indexes `audit show`
/// filters by and its link in the hash chain.
#[derive(Clone, PartialEq, Eq)]
pub struct AuditRow {
    /// Position in the trail, from 1; never reused.
    pub seq: u64,
    /// Unix seconds.
    pub time: i64,
    /// Blind index of the key concerned.
    pub key_ix: Option<i64>,
    /// Blind index of the second key (a re-encrypt's source).
    pub source_key_ix: Option<i64>,
    /// Blind index of the principal.
    pub principal_ix: i64,
    /// Blind index of the operation.
    pub operation_ix: i64,
    /// The sealed record.
    pub data: Vec<u8>,
    /// The chain hash through this record.
    pub hash: Vec<u8>,
}

impl std::fmt::Debug for AuditRow {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("AuditRow")
            .field("seq", &self.seq)
            .field("time", &self.time)
            .finish_non_exhaustive()
    }
}

/// Which audit rows [`Store::audit_scan`] visits, in sequence order.
#[derive(Debug, Clone, Default)]
pub struct AuditQuery {
    /// Only rows after this sequence number.
    pub after_seq: Option<u64>,
    /// Only rows at or after this time (Unix seconds).
    pub since: Option<i64>,
    /// Only rows before this time (Unix seconds).
    pub before: Option<i64>,
    /// Only rows whose key or source key has this blind index.
    pub key_ix: Option<i64>,
    /// Only rows of this principal's blind index.
    pub principal_ix: Option<i64>,
    /// Only rows of this operation's blind index.
    pub operation_ix: Option<i64>,
    /// At most this many rows.
    pub limit: Option<usize>,
    /// Newest first instead of oldest first.
    pub descending: bool,
}

/// The storage a keyring needs. Every method is one statement or a
/// transaction boundary; a write happens only between [`Store::begin_write`]
/// and [`Store::commit`].
pub trait Store: Send {
    /// Whether the store holds a keyring at all.
    fn initialized(&self) -> Result<bool>;
    /// A clear value of the keyring's header (format version, keyring id, state).
    fn meta(&self, name: &str) -> Result<Option<Vec<u8>>>;
    /// Every header value, by name.
    fn all_meta(&self) -> Result<Vec<(String, Vec<u8>)>>;
    /// Sets a header value.
    fn set_meta(&self, name: &str, value: &[u8]) -> Result<()>;

    /// Starts a write transaction, waiting for other writers.
    fn begin_write(&self) -> Result<()>;
    /// Commits durably.
    fn commit(&self) -> Result<()>;
    /// Abandons the transaction.
    fn rollback(&self) -> Result<()>;
    /// Marks a point the current transaction can return to.
    fn savepoint(&self) -> Result<()>;
    /// Keeps what happened since the savepoint.
    fn release_savepoint(&self) -> Result<()>;
    /// Undoes what happened since the savepoint.
    fn rollback_to_savepoint(&self) -> Result<()>;

    /// One record.
    fn get(&self, table: Table, id: &str) -> Result<Option<Row>>;
    /// Inserts or replaces a record.
    fn put(&self, table: Table, row: &Row) -> Result<()>;
    /// Deletes a record; false when there was none.
    fn delete(&self, table: Table, id: &str) -> Result<bool>;
    /// Visits records in id order; `visit` returns false to stop.
    fn scan(
        &self,
        table: Table,
        scan: &Scan<'_>,
        visit: &mut dyn FnMut(Row) -> Result<bool>,
    ) -> Result<()>;

    /// Appends an audit row (its sequence number must be new).
    fn audit_append(&self, row: &AuditRow) -> Result<()>;
    /// Replaces an existing audit row whole (root key rotation).
    fn audit_replace(&self, row: &AuditRow) -> Result<()>;
    /// Visits audit rows; `visit` returns false to stop.
    fn audit_scan(
        &self,
        query: &AuditQuery,
        visit: &mut dyn FnMut(AuditRow) -> Result<bool>,
    ) -> Result<()>;
    /// The lowest and highest sequence numbers stored.
    fn audit_bounds(&self) -> Result<Option<(u64, u64)>>;
    /// Deletes audit rows up to and including `seq`; returns how many.
    fn audit_delete_through(&self, seq: u64) -> Result<u64>;

    /// Points a key's blind index at the audit record of its last
    /// successful cryptographic use (GetKeyLastUsage).
    fn key_usage_set(&self, key_ix: i64, seq: u64) -> Result<()>;
    /// The audit record a key's blind index points at, if any.
    fn key_usage_get(&self, key_ix: i64) -> Result<Option<u64>>;
    /// Forgets every pointer (a root key rotation makes new blind indexes).
    fn key_usage_clear(&self) -> Result<()>;

    /// Leaves the copying of committed writes from the store's log into its
    /// main file to [`Store::checkpoint`] calls (from another connection),
    /// so that this connection's commits never wait for it. A store without
    /// such a log ignores it.
    fn defer_checkpoints(&self) -> Result<()> {
        Ok(())
    }
    /// Copies what it can of the log into the main file without waiting for
    /// readers or writers.
    fn checkpoint(&self) -> Result<()> {
        Ok(())
    }

    /// Whether the store is a server reached over the network, whose calls
    /// may block for as long as a round trip or a reconnection takes (so a
    /// server must not make them on its async threads).
    fn remote(&self) -> bool {
        false
    }

    /// Writes a consistent copy of the whole store to `path` (a new file).
    fn backup_to(&self, path: &std::path::Path) -> Result<()>;
    /// Where the store lives, for messages.
    fn location(&self) -> String;
    /// Checks the storage engine's own structures (pages, indexes).
    fn check_structure(&self) -> Result<()>;
}
