//! The embedded store: one SQLite database file (WAL mode, durable commits).
//!
//! SQLite gives a keyring transactions, crash safety and concurrent readers
//! beside one writer at a time, across processes, with nothing to run.
//! `BEGIN IMMEDIATE` takes the write lock before a transaction reads, so two
//! writers never deadlock on a lock upgrade; a short busy handler makes a
//! waiting process retry every fraction of a millisecond rather than
//! SQLite's default back-off of up to 100 ms, which would cap a busy keyring
//! at a few dozen writes a second.

use std::path::{Path, PathBuf};
use std::time::Duration;

use rusqlite::{Connection, OpenFlags, OptionalExtension, params};

use super::{AuditQuery, AuditRow, Row, Scan, Store, Table};
use crate::error::{Error, Result};

/// The first 16 bytes of every SQLite 3 database file.
pub const MAGIC: &[u8; 16] = b"SQLite format 3\0";

/// How long a writer waits for the write lock before giving up.
const BUSY_LIMIT: Duration = Duration::from_secs(120);

const SCHEMA: &str = "
CREATE TABLE meta (name TEXT PRIMARY KEY, value BLOB NOT NULL) WITHOUT ROWID;
CREATE TABLE slots (id TEXT PRIMARY KEY, version INTEGER NOT NULL, data BLOB NOT NULL) WITHOUT ROWID;
CREATE TABLE keys (
    id TEXT PRIMARY KEY,
    version INTEGER NOT NULL,
    due_at INTEGER,
    gone_at INTEGER,
    data BLOB NOT NULL
) WITHOUT ROWID;
CREATE INDEX keys_due ON keys (due_at) WHERE due_at IS NOT NULL;
CREATE TABLE aliases (id TEXT PRIMARY KEY, version INTEGER NOT NULL, key_id TEXT NOT NULL, data BLOB NOT NULL) WITHOUT ROWID;
CREATE INDEX aliases_key ON aliases (key_id);
CREATE TABLE grants (id TEXT PRIMARY KEY, version INTEGER NOT NULL, key_id TEXT NOT NULL, data BLOB NOT NULL) WITHOUT ROWID;
CREATE INDEX grants_key ON grants (key_id);
CREATE TABLE audit (
    seq INTEGER PRIMARY KEY,
    time INTEGER NOT NULL,
    key_ix INTEGER,
    source_key_ix INTEGER,
    principal_ix INTEGER NOT NULL,
    operation_ix INTEGER NOT NULL,
    data BLOB NOT NULL,
    hash BLOB NOT NULL
);
CREATE INDEX audit_time ON audit (time);
CREATE INDEX audit_key ON audit (key_ix) WHERE key_ix IS NOT NULL;
CREATE INDEX audit_source_key ON audit (source_key_ix) WHERE source_key_ix IS NOT NULL;
CREATE INDEX audit_principal ON audit (principal_ix);
CREATE INDEX audit_operation ON audit (operation_ix);
";

/// Tables added to the schema after format 2 was first written, each with
/// the statement that makes it: a new keyring is created with them, and one
/// made before gains them when opened, empty, which is what it held (no
/// format change: nothing that was there is read differently).
const ADDED_TABLES: &[(&str, &str)] = &[
    (
        "access_keys",
        "CREATE TABLE IF NOT EXISTS access_keys (id TEXT PRIMARY KEY, version INTEGER NOT NULL, data BLOB NOT NULL) WITHOUT ROWID",
    ),
    // Issue 17: a key's blind index to its last successful use's audit record.
    (
        "key_usage",
        "CREATE TABLE IF NOT EXISTS key_usage (key_ix INTEGER PRIMARY KEY, seq INTEGER NOT NULL)",
    ),
];

/// A keyring in one SQLite file.
pub struct SqliteStore {
    conn: Connection,
    path: PathBuf,
}

impl std::fmt::Debug for SqliteStore {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("SqliteStore")
            .field("path", &self.path)
            .finish()
    }
}

/// Retries a busy lock with short sleeps; gives up after [`BUSY_LIMIT`].
fn busy(attempt: i32) -> bool {
    // 50 µs, doubling to 1 ms, then every 1 ms: about 120,000 tries.
    let micros = (50u64 << attempt.clamp(0, 5) as u64).min(1000);
    if u64::try_from(attempt).unwrap_or(0) * 1000 > BUSY_LIMIT.as_micros() as u64 {
        return false;
    }
    std::thread::sleep(Duration::from_micros(micros));
    true
}

impl SqliteStore {
    /// Opens an existing keyring database.
    pub fn open(path: &Path) -> Result<Self> {
        let conn = Connection::open_with_flags(
            path,
            OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_NO_MUTEX,
        )
        .map_err(|e| db_error(path, "opening", e))?;
        let mut store = SqliteStore {
            conn,
            path: path.to_path_buf(),
        };
        store.configure()?;
        Ok(store)
    }

    /// Creates the schema in a new, empty database file (made 0600 by the
    /// caller). The file is left in rollback-journal mode so that it is one
    /// self-contained file until [`SqliteStore::open`] switches it to WAL.
    pub fn create(path: &Path) -> Result<Self> {
        let conn = Connection::open_with_flags(
            path,
            OpenFlags::SQLITE_OPEN_READ_WRITE
                | OpenFlags::SQLITE_OPEN_CREATE
                | OpenFlags::SQLITE_OPEN_NO_MUTEX,
        )
        .map_err(|e| db_error(path, "creating", e))?;
        let store = SqliteStore {
            conn,
            path: path.to_path_buf(),
        };
        store
            .conn
            .execute_batch("PRAGMA journal_mode = DELETE; PRAGMA synchronous = FULL;")
            .and_then(|()| store.conn.execute_batch(SCHEMA))
            .map_err(|e| store.err("creating", e))?;
        store.add_missing_tables()?;
        Ok(store)
    }

    /// Runs a pragma, whatever rows it answers with.
    fn pragma(&self, sql: &str) -> rusqlite::Result<()> {
        let mut stmt = self.conn.prepare(sql)?;
        let mut rows = stmt.query([])?;
        while rows.next()?.is_some() {}
        Ok(())
    }

    fn configure(&mut self) -> Result<()> {
        self.conn
            .busy_handler(Some(busy))
            .map_err(|e| self.err("configuring", e))?;
        self.check_file()?;
        // Another program's database is refused before anything changes it
        // (switching to WAL would).
        if !self.initialized()? {
            return Err(Error::KeyringCorrupt {
                path: self.path.clone(),
                reason: "not a keyring: an SQLite database without lkms's tables".into(),
            });
        }
        // WAL: readers never block the writer; FULL: every commit is fsynced.
        let mode: String = self
            .conn
            .query_row("PRAGMA journal_mode = WAL", [], |r| r.get(0))
            .map_err(|e| self.err("configuring", e))?;
        if !mode.eq_ignore_ascii_case("wal") {
            return Err(Error::KeyringCorrupt {
                path: self.path.clone(),
                reason: format!("the database cannot use WAL mode (it reports {mode})"),
            });
        }
        self.conn
            .execute_batch("PRAGMA synchronous = FULL; PRAGMA foreign_keys = OFF;")
            .map_err(|e| self.err("configuring", e))?;
        self.add_missing_tables()
    }

    /// Creates the tables of [`ADDED_TABLES`] a keyring made by an earlier
    /// build lacks; a keyring that has them is only read.
    fn add_missing_tables(&self) -> Result<()> {
        for (name, create) in ADDED_TABLES {
            let present: i64 = self
                .conn
                .query_row(
                    "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = ?1",
                    [name],
                    |r| r.get(0),
                )
                .map_err(|e| self.err("reading", e))?;
            if present == 0 {
                // IF NOT EXISTS: another process may be adding it too.
                self.conn
                    .execute_batch(create)
                    .map_err(|e| self.err("adding a table to", e))?;
            }
        }
        Ok(())
    }

    /// A database file is whole pages; a shorter last page means the file
    /// was cut, which SQLite would otherwise read as zeros.
    fn check_file(&self) -> Result<()> {
        use std::io::Read;
        let cut = |reason: String| Error::KeyringCorrupt {
            path: self.path.clone(),
            reason,
        };
        let mut header = [0u8; 100];
        let mut f = std::fs::File::open(&self.path)
            .map_err(|e| Error::io(format!("reading {}", self.path.display()), e))?;
        let len = f
            .metadata()
            .map_err(|e| Error::io(format!("reading {}", self.path.display()), e))?
            .len();
        if len == 0 {
            return Err(cut("the file is empty".into()));
        }
        if f.read_exact(&mut header).is_err() || &header[..16] != MAGIC {
            return Err(cut(
                "not an SQLite database (truncated or damaged header)".into()
            ));
        }
        // Bytes 16-17: the page size, big-endian; 1 means 65536.
        let page = match u16::from_be_bytes([header[16], header[17]]) {
            1 => 65536,
            n => u64::from(n),
        };
        if page < 512 || !page.is_power_of_two() || len % page != 0 {
            return Err(cut(format!(
                "the file is {len} bytes, not a whole number of {page}-byte pages (truncated?)"
            )));
        }
        Ok(())
    }

    fn err(&self, what: &str, e: rusqlite::Error) -> Error {
        db_error(&self.path, what, e)
    }

    /// Runs a query and hands each row, mapped, to `visit` until it says stop.
    fn visit_rows<T>(
        &self,
        sql: &str,
        args: Vec<rusqlite::types::Value>,
        map: fn(&rusqlite::Row<'_>) -> rusqlite::Result<T>,
        visit: &mut dyn FnMut(T) -> Result<bool>,
    ) -> Result<()> {
        let mut stmt = self
            .conn
            .prepare_cached(sql)
            .map_err(|e| self.err("reading", e))?;
        let mut rows = stmt
            .query(rusqlite::params_from_iter(args))
            .map_err(|e| self.err("reading", e))?;
        while let Some(r) = rows.next().map_err(|e| self.err("reading", e))? {
            let item = map(r).map_err(|e| self.err("reading", e))?;
            if !visit(item)? {
                break;
            }
        }
        Ok(())
    }

    /// Runs `sql` with every column of an audit row bound as ?1 to ?8.
    fn write_audit_row(&self, sql: &str, row: &AuditRow) -> rusqlite::Result<()> {
        self.conn.prepare_cached(sql).and_then(|mut s| {
            s.execute(params![
                seq_param(row.seq),
                row.time,
                row.key_ix,
                row.source_key_ix,
                row.principal_ix,
                row.operation_ix,
                row.data,
                row.hash
            ])
            .map(|_| ())
        })
    }

    fn exec(&self, sql: &str) -> Result<()> {
        self.conn
            .prepare_cached(sql)
            .and_then(|mut s| s.execute([]))
            .map(|_| ())
            .map_err(|e| self.err("writing", e))
    }
}

/// Maps a SQLite error to the keyring's errors: a full disk and a busy lock
/// get their own clear messages, a damaged file is corrupt.
fn db_error(path: &Path, what: &str, e: rusqlite::Error) -> Error {
    use rusqlite::ErrorCode as C;
    let shown = path.display();
    if matches!(
        e,
        rusqlite::Error::InvalidColumnType(..) | rusqlite::Error::FromSqlConversionFailure(..)
    ) {
        return Error::KeyringCorrupt {
            path: path.to_path_buf(),
            reason: format!("a column holds a value of the wrong type: {e}"),
        };
    }
    match e.sqlite_error_code() {
        Some(C::DiskFull) => Error::io(
            format!("{what} {shown}: the disk is full; nothing was changed"),
            std::io::Error::from(std::io::ErrorKind::StorageFull),
        ),
        Some(C::DatabaseBusy | C::DatabaseLocked) => Error::io(
            format!("{what} {shown}: another process held the keyring's write lock too long"),
            std::io::Error::from(std::io::ErrorKind::WouldBlock),
        ),
        Some(C::NotADatabase | C::DatabaseCorrupt) => Error::KeyringCorrupt {
            path: path.to_path_buf(),
            reason: format!("the database is damaged: {e}"),
        },
        Some(C::CannotOpen) => Error::io(
            format!("{what} {shown}"),
            std::io::Error::other(e.to_string()),
        ),
        Some(C::ReadOnly | C::PermissionDenied) => Error::io(
            format!("{what} {shown}"),
            std::io::Error::from(std::io::ErrorKind::PermissionDenied),
        ),
        _ => Error::io(
            format!("{what} {shown}"),
            std::io::Error::other(e.to_string()),
        ),
    }
}

fn table_sql(t: Table) -> (&'static str, &'static str) {
    // (columns for SELECT, INSERT statement)
    match t {
        Table::Slots => (
            "SELECT id, version, data, NULL, NULL, NULL FROM slots",
            "INSERT OR REPLACE INTO slots (id, version, data) VALUES (?1, ?2, ?3)",
        ),
        Table::Keys => (
            "SELECT id, version, data, NULL, due_at, gone_at FROM keys",
            "INSERT OR REPLACE INTO keys (id, version, data, due_at, gone_at) VALUES (?1, ?2, ?3, ?4, ?5)",
        ),
        Table::Aliases => (
            "SELECT id, version, data, key_id, NULL, NULL FROM aliases",
            "INSERT OR REPLACE INTO aliases (id, version, data, key_id) VALUES (?1, ?2, ?3, ?4)",
        ),
        Table::Grants => (
            "SELECT id, version, data, key_id, NULL, NULL FROM grants",
            "INSERT OR REPLACE INTO grants (id, version, data, key_id) VALUES (?1, ?2, ?3, ?4)",
        ),
        Table::AccessKeys => (
            "SELECT id, version, data, NULL, NULL, NULL FROM access_keys",
            "INSERT OR REPLACE INTO access_keys (id, version, data) VALUES (?1, ?2, ?3)",
        ),
    }
}

fn row_of(r: &rusqlite::Row<'_>) -> rusqlite::Result<Row> {
    Ok(Row {
        id: r.get(0)?,
        version: u64::try_from(r.get::<_, i64>(1)?).unwrap_or(0),
        data: r.get(2)?,
        key_id: r.get(3)?,
        due_at: r.get(4)?,
        gone_at: r.get(5)?,
    })
}

fn audit_row_of(r: &rusqlite::Row<'_>) -> rusqlite::Result<AuditRow> {
    Ok(AuditRow {
        seq: u64::try_from(r.get::<_, i64>(0)?).unwrap_or(0),
        time: r.get(1)?,
        key_ix: r.get(2)?,
        source_key_ix: r.get(3)?,
        principal_ix: r.get(4)?,
        operation_ix: r.get(5)?,
        data: r.get(6)?,
        hash: r.get(7)?,
    })
}

fn seq_param(seq: u64) -> i64 {
    i64::try_from(seq).unwrap_or(i64::MAX)
}

impl Store for SqliteStore {
    fn initialized(&self) -> Result<bool> {
        self.conn
            .query_row(
                "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = 'meta'",
                [],
                |r| r.get::<_, i64>(0),
            )
            .map(|n| n > 0)
            .map_err(|e| self.err("reading", e))
    }

    fn meta(&self, name: &str) -> Result<Option<Vec<u8>>> {
        self.conn
            .prepare_cached("SELECT value FROM meta WHERE name = ?1")
            .and_then(|mut s| s.query_row([name], |r| r.get(0)).optional())
            .map_err(|e| self.err("reading", e))
    }

    fn all_meta(&self) -> Result<Vec<(String, Vec<u8>)>> {
        let mut all = Vec::new();
        self.visit_rows(
            "SELECT name, value FROM meta ORDER BY name",
            Vec::new(),
            |r| Ok((r.get(0)?, r.get(1)?)),
            &mut |pair| {
                all.push(pair);
                Ok(true)
            },
        )?;
        Ok(all)
    }

    fn set_meta(&self, name: &str, value: &[u8]) -> Result<()> {
        self.conn
            .prepare_cached("INSERT OR REPLACE INTO meta (name, value) VALUES (?1, ?2)")
            .and_then(|mut s| s.execute(params![name, value]))
            .map(|_| ())
            .map_err(|e| self.err("writing", e))
    }

    fn begin_write(&self) -> Result<()> {
        self.exec("BEGIN IMMEDIATE")
    }

    fn commit(&self) -> Result<()> {
        self.exec("COMMIT")
    }

    fn rollback(&self) -> Result<()> {
        if self.conn.is_autocommit() {
            return Ok(());
        }
        self.exec("ROLLBACK")
    }

    fn savepoint(&self) -> Result<()> {
        self.exec("SAVEPOINT op")
    }

    fn release_savepoint(&self) -> Result<()> {
        self.exec("RELEASE op")
    }

    fn rollback_to_savepoint(&self) -> Result<()> {
        self.exec("ROLLBACK TO op")?;
        self.exec("RELEASE op")
    }

    fn get(&self, table: Table, id: &str) -> Result<Option<Row>> {
        let sql = format!("{} WHERE id = ?1", table_sql(table).0);
        self.conn
            .prepare_cached(&sql)
            .and_then(|mut s| s.query_row([id], row_of).optional())
            .map_err(|e| self.err("reading", e))
    }

    fn put(&self, table: Table, row: &Row) -> Result<()> {
        let version = seq_param(row.version);
        self.conn
            .prepare_cached(table_sql(table).1)
            .and_then(|mut s| match table {
                Table::Slots | Table::AccessKeys => s.execute(params![row.id, version, row.data]),
                Table::Keys => {
                    s.execute(params![row.id, version, row.data, row.due_at, row.gone_at])
                }
                Table::Aliases | Table::Grants => {
                    s.execute(params![row.id, version, row.data, row.key_id])
                }
            })
            .map(|_| ())
            .map_err(|e| self.err("writing", e))
    }

    fn delete(&self, table: Table, id: &str) -> Result<bool> {
        let sql = format!("DELETE FROM {} WHERE id = ?1", table.name());
        self.conn
            .prepare_cached(&sql)
            .and_then(|mut s| s.execute([id]))
            .map(|n| n > 0)
            .map_err(|e| self.err("writing", e))
    }

    fn scan(
        &self,
        table: Table,
        scan: &Scan<'_>,
        visit: &mut dyn FnMut(Row) -> Result<bool>,
    ) -> Result<()> {
        let mut sql = format!("{} WHERE 1", table_sql(table).0);
        let mut args: Vec<rusqlite::types::Value> = Vec::new();
        let arg = |sql: &mut String, args: &mut Vec<_>, cond: &str, v: rusqlite::types::Value| {
            args.push(v);
            sql.push_str(&cond.replace('?', &format!("?{}", args.len())));
        };
        if let Some(a) = scan.after {
            arg(&mut sql, &mut args, " AND id > ?", a.to_owned().into());
        }
        if let Some(k) = scan.key_id {
            arg(&mut sql, &mut args, " AND key_id = ?", k.to_owned().into());
        }
        if let Some(t) = scan.live_at {
            arg(
                &mut sql,
                &mut args,
                " AND (gone_at IS NULL OR gone_at > ?)",
                t.into(),
            );
        }
        if let Some(t) = scan.due_by {
            arg(&mut sql, &mut args, " AND due_at <= ?", t.into());
        }
        // Due keys come through the maintenance index, in its order; asking
        // for id order would make SQLite walk the whole table instead.
        sql.push_str(if scan.due_by.is_some() {
            " ORDER BY due_at"
        } else {
            " ORDER BY id"
        });
        if let Some(n) = scan.limit {
            sql.push_str(&format!(" LIMIT {n}"));
        }
        self.visit_rows(&sql, args, row_of, visit)
    }

    fn audit_append(&self, row: &AuditRow) -> Result<()> {
        self.write_audit_row(
            "INSERT INTO audit (seq, time, key_ix, source_key_ix, principal_ix, operation_ix, data, hash)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
            row,
        )
        .map_err(|e| match e.sqlite_error_code() {
                // The authenticated head says this record is new; a stored
                // one means the state row was put back to an older copy.
                Some(rusqlite::ErrorCode::ConstraintViolation) => Error::KeyringCorrupt {
                    path: self.path.clone(),
                    reason: format!(
                        "audit record {} already exists past the authenticated end of the trail \
                         (the state was rolled back); run `lkms audit verify`",
                        row.seq
                    ),
                },
                _ => self.err("writing", e),
            })
    }

    fn audit_replace(&self, row: &AuditRow) -> Result<()> {
        self.write_audit_row(
            "UPDATE audit SET time = ?2, key_ix = ?3, source_key_ix = ?4, principal_ix = ?5,
             operation_ix = ?6, data = ?7, hash = ?8 WHERE seq = ?1",
            row,
        )
        .map_err(|e| self.err("writing", e))
    }

    fn audit_scan(
        &self,
        q: &AuditQuery,
        visit: &mut dyn FnMut(AuditRow) -> Result<bool>,
    ) -> Result<()> {
        let mut sql = String::from(
            "SELECT seq, time, key_ix, source_key_ix, principal_ix, operation_ix, data, hash FROM audit WHERE 1",
        );
        let mut args: Vec<rusqlite::types::Value> = Vec::new();
        let mut arg = |sql: &mut String, cond: &str, v: i64| {
            args.push(v.into());
            sql.push_str(&format!(" AND {cond} ?{}", args.len()));
        };
        if let Some(s) = q.after_seq {
            arg(&mut sql, "seq >", seq_param(s));
        }
        if let Some(t) = q.since {
            arg(&mut sql, "time >=", t);
        }
        if let Some(t) = q.before {
            arg(&mut sql, "time <", t);
        }
        if let Some(p) = q.principal_ix {
            arg(&mut sql, "principal_ix =", p);
        }
        if let Some(o) = q.operation_ix {
            arg(&mut sql, "operation_ix =", o);
        }
        if let Some(k) = q.key_ix {
            // Either column, through both partial indexes.
            args.push(k.into());
            let n = args.len();
            sql.push_str(&format!(
                " AND seq IN (SELECT seq FROM audit WHERE key_ix = ?{n} UNION SELECT seq FROM audit WHERE source_key_ix = ?{n})"
            ));
        }
        sql.push_str(if q.descending {
            " ORDER BY seq DESC"
        } else {
            " ORDER BY seq"
        });
        if let Some(n) = q.limit {
            sql.push_str(&format!(" LIMIT {n}"));
        }
        self.visit_rows(&sql, args, audit_row_of, visit)
    }

    fn audit_bounds(&self) -> Result<Option<(u64, u64)>> {
        self.conn
            .query_row("SELECT min(seq), max(seq) FROM audit", [], |r| {
                Ok((r.get::<_, Option<i64>>(0)?, r.get::<_, Option<i64>>(1)?))
            })
            .map(|b| match b {
                (Some(lo), Some(hi)) => Some((
                    u64::try_from(lo).unwrap_or(0),
                    u64::try_from(hi).unwrap_or(0),
                )),
                _ => None,
            })
            .map_err(|e| self.err("reading", e))
    }

    fn audit_delete_through(&self, seq: u64) -> Result<u64> {
        self.conn
            .execute("DELETE FROM audit WHERE seq <= ?1", [seq_param(seq)])
            .map(|n| n as u64)
            .map_err(|e| self.err("writing", e))
    }

    fn key_usage_set(&self, key_ix: i64, seq: u64) -> Result<()> {
        self.conn
            .execute(
                "INSERT INTO key_usage (key_ix, seq) VALUES (?1, ?2)
                 ON CONFLICT (key_ix) DO UPDATE SET seq = excluded.seq",
                [key_ix, seq_param(seq)],
            )
            .map(drop)
            .map_err(|e| self.err("writing", e))
    }

    fn key_usage_get(&self, key_ix: i64) -> Result<Option<u64>> {
        self.conn
            .query_row(
                "SELECT seq FROM key_usage WHERE key_ix = ?1",
                [key_ix],
                |r| r.get::<_, i64>(0),
            )
            .optional()
            .map(|s| s.and_then(|s| u64::try_from(s).ok()))
            .map_err(|e| self.err("reading", e))
    }

    fn key_usage_clear(&self) -> Result<()> {
        self.conn
            .execute("DELETE FROM key_usage", [])
            .map(drop)
            .map_err(|e| self.err("writing", e))
    }

    fn backup_to(&self, path: &Path) -> Result<()> {
        let mut dst = Connection::open(path).map_err(|e| db_error(path, "creating", e))?;
        {
            let backup = rusqlite::backup::Backup::new(&self.conn, &mut dst)
                .map_err(|e| self.err("backing up", e))?;
            // All pages in one step: a consistent snapshot even while other
            // processes write (they wait, or we restart on their commit).
            backup
                .run_to_completion(i32::MAX, Duration::from_millis(5), None)
                .map_err(|e| self.err("backing up", e))?;
        }
        // A backup is one self-contained file: no WAL beside it.
        dst.execute_batch("PRAGMA journal_mode = DELETE;")
            .map_err(|e| db_error(path, "finishing", e))?;
        dst.close().map_err(|(_, e)| db_error(path, "closing", e))
    }

    fn location(&self) -> String {
        self.path.display().to_string()
    }

    fn defer_checkpoints(&self) -> Result<()> {
        self.pragma("PRAGMA wal_autocheckpoint = 0")
            .map_err(|e| self.err("configuring", e))
    }

    fn checkpoint(&self) -> Result<()> {
        // PASSIVE: copies the frames no reader still needs, waits for nobody.
        self.pragma("PRAGMA wal_checkpoint(PASSIVE)")
            .map_err(|e| self.err("checkpointing", e))
    }

    fn check_structure(&self) -> Result<()> {
        let mut problems = Vec::new();
        let mut stmt = self
            .conn
            .prepare("PRAGMA integrity_check(10)")
            .map_err(|e| self.err("checking", e))?;
        let mut rows = stmt.query([]).map_err(|e| self.err("checking", e))?;
        while let Some(r) = rows.next().map_err(|e| self.err("checking", e))? {
            let line: String = r.get(0).map_err(|e| self.err("checking", e))?;
            if line != "ok" {
                problems.push(line);
            }
        }
        if problems.is_empty() {
            Ok(())
        } else {
            Err(Error::KeyringCorrupt {
                path: self.path.clone(),
                reason: format!("the database is damaged: {}", problems.join("; ")),
            })
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn store() -> (tempfile::TempDir, SqliteStore) {
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join("k.db");
        SqliteStore::create(&path).expect("create");
        (dir, SqliteStore::open(&path).expect("open"))
    }

    fn row(id: &str, key: Option<&str>) -> Row {
        Row {
            id: id.into(),
            version: 1,
            data: vec![1, 2, 3],
            key_id: key.map(str::to_owned),
            due_at: None,
            gone_at: None,
        }
    }

    #[test]
    fn put_get_scan_delete_and_savepoints() {
        let (_dir, s) = store();
        s.begin_write().expect("begin");
        for id in ["c", "a", "b"] {
            s.put(Table::Grants, &row(id, Some("k1"))).expect("put");
        }
        s.put(Table::Grants, &row("d", Some("k2"))).expect("put");
        s.savepoint().expect("sp");
        s.delete(Table::Grants, "a").expect("delete");
        s.rollback_to_savepoint().expect("undo");
        s.commit().expect("commit");
        let mut seen = Vec::new();
        let scan = Scan {
            key_id: Some("k1"),
            after: Some("a"),
            ..Scan::default()
        };
        s.scan(Table::Grants, &scan, &mut |r| {
            seen.push(r.id);
            Ok(true)
        })
        .expect("scan");
        assert_eq!(seen, ["b", "c"]);
        assert!(s.get(Table::Grants, "a").expect("get").is_some());
        assert!(s.get(Table::Keys, "a").expect("get").is_none());
    }

    #[test]
    fn a_database_made_before_a_table_existed_gains_it_when_opened() {
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join("k.db");
        let s = SqliteStore::create(&path).expect("create");
        s.conn
            .execute_batch("DROP TABLE access_keys")
            .expect("drop");
        drop(s);
        let s = SqliteStore::open(&path).expect("open");
        let mut n = 0;
        s.scan(Table::AccessKeys, &Scan::default(), &mut |_| {
            n += 1;
            Ok(true)
        })
        .expect("the table is there, empty");
        assert_eq!(n, 0);
        s.begin_write().expect("begin");
        s.put(Table::AccessKeys, &row("LKIAABCDEFGHIJKLMN27", None))
            .expect("put");
        s.commit().expect("commit");
        drop(s);
        let s = SqliteStore::open(&path).expect("opened again, the row kept");
        assert!(
            s.get(Table::AccessKeys, "LKIAABCDEFGHIJKLMN27")
                .expect("get")
                .is_some()
        );
    }

    #[test]
    fn audit_filters_by_either_key_column() {
        let (_dir, s) = store();
        for (seq, key, source) in [(1, Some(7), None), (2, Some(8), Some(7)), (3, None, None)] {
            s.audit_append(&AuditRow {
                seq,
                time: seq as i64,
                key_ix: key,
                source_key_ix: source,
                principal_ix: 1,
                operation_ix: 2,
                data: vec![],
                hash: vec![],
            })
            .expect("append");
        }
        let mut seqs = Vec::new();
        let q = AuditQuery {
            key_ix: Some(7),
            ..AuditQuery::default()
        };
        s.audit_scan(&q, &mut |r| {
            seqs.push(r.seq);
            Ok(true)
        })
        .expect("scan");
        assert_eq!(seqs, [1, 2]);
        assert_eq!(s.audit_bounds().expect("bounds"), Some((1, 3)));
        assert_eq!(s.audit_delete_through(2).expect("prune"), 2);
        assert_eq!(s.audit_bounds().expect("bounds"), Some((3, 3)));
    }
}
