//! The server store: a keyring in a PostgreSQL database, for several
//! `lkms serve` processes (and the CLI) on several hosts at once.
//!
//! The rows are the SQLite store's, sealed the same way: the database sees
//! ciphertext, blind indexes and dates, never key material or metadata in
//! clear. Every write transaction first takes one transaction-scoped
//! advisory lock, so writers across all processes run one after another,
//! exactly as SQLite's `BEGIN IMMEDIATE` orders them on one host: under
//! it, READ COMMITTED sees every earlier commit, and the keyring's state
//! row (rotation counters, the audit chain's head and next sequence
//! number) is read, changed and written back with no lost update. Reads
//! outside a write are single statements that see the latest commit, so
//! a server never answers from state older than a write acknowledged by
//! another.
//!
//! A broken connection is dropped and made again on the next call; a call
//! made while the database is away fails with an error the server answers
//! as AWS's retryable `DependencyTimeoutException`.

use std::cell::{Cell, RefCell};
use std::collections::HashMap;
use std::path::Path;
use std::sync::Arc;
use std::time::Duration;

use tokio_postgres::types::ToSql;
use tokio_postgres::{Client, Statement};

use super::{AuditQuery, AuditRow, Row, Scan, Store, Table};
use crate::error::{Error, Result};

/// The advisory lock every write transaction holds ("lkms" in ASCII): one
/// database holds one keyring.
const WRITE_LOCK: i64 = 0x6c6b_6d73;

/// How long a writer waits for the write lock, as the SQLite store does.
const LOCK_WAIT: &str = "120s";

/// How long one TCP connection attempt may take.
const CONNECT_TIMEOUT: Duration = Duration::from_secs(5);

/// How long connecting may take in all (TCP, TLS, login) before the store
/// counts as unreachable: a server that accepts and never answers must not
/// hang lkms.
const CONNECT_LIMIT: Duration = Duration::from_secs(10);

/// How long a statement may go unanswered before the connection counts as
/// dead (a server that stopped without closing it).
const ANSWER_LIMIT: Duration = Duration::from_secs(30);

/// How long taking the write lock may go unanswered: the database's own
/// lock wait, and then some.
const LOCK_LIMIT: Duration = Duration::from_secs(130);

/// How long sent data may stay unacknowledged before a connection counts
/// as dead (a host that vanished without closing it).
const TCP_USER_TIMEOUT: Duration = Duration::from_secs(15);

/// Rows fetched per query of a long scan, so that a scan of a large audit
/// trail holds a page in memory, not the trail.
const PAGE: i64 = 1000;

/// The tables, as in the SQLite store. Ids sort bytewise (`COLLATE "C"`),
/// as SQLite sorts them, so paging by id means the same in both.
const SCHEMA: &str = r#"
CREATE TABLE IF NOT EXISTS meta (name TEXT COLLATE "C" PRIMARY KEY, value BYTEA NOT NULL);
CREATE TABLE IF NOT EXISTS slots (id TEXT COLLATE "C" PRIMARY KEY, version BIGINT NOT NULL, data BYTEA NOT NULL);
CREATE TABLE IF NOT EXISTS keys (
    id TEXT COLLATE "C" PRIMARY KEY,
    version BIGINT NOT NULL,
    due_at BIGINT,
    gone_at BIGINT,
    data BYTEA NOT NULL
);
CREATE INDEX IF NOT EXISTS keys_due ON keys (due_at, id) WHERE due_at IS NOT NULL;
CREATE TABLE IF NOT EXISTS aliases (id TEXT COLLATE "C" PRIMARY KEY, version BIGINT NOT NULL, key_id TEXT COLLATE "C" NOT NULL, data BYTEA NOT NULL);
CREATE INDEX IF NOT EXISTS aliases_key ON aliases (key_id);
CREATE TABLE IF NOT EXISTS grants (id TEXT COLLATE "C" PRIMARY KEY, version BIGINT NOT NULL, key_id TEXT COLLATE "C" NOT NULL, data BYTEA NOT NULL);
CREATE INDEX IF NOT EXISTS grants_key ON grants (key_id);
CREATE TABLE IF NOT EXISTS access_keys (id TEXT COLLATE "C" PRIMARY KEY, version BIGINT NOT NULL, data BYTEA NOT NULL);
CREATE TABLE IF NOT EXISTS audit (
    seq BIGINT PRIMARY KEY,
    time BIGINT NOT NULL,
    key_ix BIGINT,
    source_key_ix BIGINT,
    principal_ix BIGINT NOT NULL,
    operation_ix BIGINT NOT NULL,
    data BYTEA NOT NULL,
    hash BYTEA NOT NULL
);
CREATE INDEX IF NOT EXISTS audit_time ON audit (time);
CREATE INDEX IF NOT EXISTS audit_key ON audit (key_ix) WHERE key_ix IS NOT NULL;
CREATE INDEX IF NOT EXISTS audit_source_key ON audit (source_key_ix) WHERE source_key_ix IS NOT NULL;
CREATE INDEX IF NOT EXISTS audit_principal ON audit (principal_ix);
CREATE INDEX IF NOT EXISTS audit_operation ON audit (operation_ix);
CREATE TABLE IF NOT EXISTS key_usage (key_ix BIGINT PRIMARY KEY, seq BIGINT NOT NULL);
"#;

/// The tables a keyring database holds.
const TABLES: [&str; 8] = [
    "meta",
    "slots",
    "keys",
    "aliases",
    "grants",
    "access_keys",
    "audit",
    "key_usage",
];

/// Whether `text` names a PostgreSQL database rather than a file.
pub fn is_url(text: &str) -> bool {
    text.starts_with("postgres://") || text.starts_with("postgresql://")
}

/// Where a PostgreSQL keyring is and how to reach it: the parsed URL, the
/// TLS settings lkms reads itself, and the URL as shown (no password).
#[derive(Clone)]
pub struct Target {
    config: tokio_postgres::Config,
    tls: Option<Arc<rustls::ClientConfig>>,
    shown: String,
}

impl std::fmt::Debug for Target {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.shown)
    }
}

impl std::fmt::Display for Target {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.shown)
    }
}

impl Target {
    /// Parses a `postgres://user[:password]@host[:port]/db[?…]` URL. Two
    /// parameters are lkms's own, because the client library knows only
    /// `disable`, `prefer` and `require` and trusts no certificate:
    /// `sslmode=require|verify-ca|verify-full` makes TLS mandatory and
    /// always checks the server's certificate chain and host name against
    /// `sslrootcert=PATH` (PEM), which those modes need; `disable`,
    /// `prefer` or none use no TLS unless `sslrootcert` is given.
    pub fn parse(url: &str) -> Result<Target> {
        let shown = redact(url);
        let bad = |why: String| Error::validation(format!("store {shown}: {why}"));
        let (base, query) = url.split_once('?').unwrap_or((url, ""));
        let mut mode = None;
        let mut root_cert = None;
        let mut rest = Vec::new();
        for pair in query.split('&').filter(|p| !p.is_empty()) {
            match pair.split_once('=') {
                Some(("sslmode", v)) => mode = Some(v.to_owned()),
                Some(("sslrootcert", v)) => root_cert = Some(percent_decode(v)),
                _ => rest.push(pair),
            }
        }
        let rebuilt = if rest.is_empty() {
            base.to_owned()
        } else {
            format!("{base}?{}", rest.join("&"))
        };
        let mut config: tokio_postgres::Config = rebuilt
            .parse()
            .map_err(|e| bad(format!("not a PostgreSQL URL lkms can use ({e})")))?;
        let required = match mode.as_deref() {
            None | Some("disable" | "prefer") => false,
            Some("require" | "verify-ca" | "verify-full") => true,
            Some(other) => {
                return Err(bad(format!(
                    "sslmode={other}: expected disable, prefer, require, verify-ca or verify-full"
                )));
            }
        };
        let tls = match (root_cert, required, mode.as_deref()) {
            (_, false, Some("disable")) => None,
            (Some(path), _, _) => Some(Arc::new(client_tls(Path::new(&path), &shown)?)),
            (None, true, _) => {
                return Err(bad(
                    "TLS needs sslrootcert=PATH, the CA certificate (PEM) that signed the \
                     server's certificate: lkms always verifies the server"
                        .into(),
                ));
            }
            (None, false, _) => None,
        };
        config.ssl_mode(match (&tls, required) {
            (None, _) => tokio_postgres::config::SslMode::Disable,
            (Some(_), true) => tokio_postgres::config::SslMode::Require,
            (Some(_), false) => tokio_postgres::config::SslMode::Prefer,
        });
        if config.get_connect_timeout().is_none() {
            config.connect_timeout(CONNECT_TIMEOUT);
        }
        if config.get_tcp_user_timeout().is_none() {
            config.tcp_user_timeout(TCP_USER_TIMEOUT);
        }
        if config.get_application_name().is_none() {
            config.application_name("lkms");
        }
        config.keepalives(true);
        Ok(Target { config, tls, shown })
    }

    /// The URL without its password, for messages.
    pub fn shown(&self) -> &str {
        &self.shown
    }

    /// A new connection, on a runtime of its own that drives it while a
    /// call waits (the store's callers are plain threads).
    fn connect(&self) -> std::result::Result<Conn, Failure> {
        let runtime = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .map_err(Failure::Runtime)?;
        let client = runtime.block_on(async {
            let connecting = async {
                match &self.tls {
                    Some(tls) => {
                        let tls = tokio_postgres_rustls::MakeRustlsConnect::new(
                            rustls::ClientConfig::clone(tls),
                        );
                        let (client, connection) = self.config.connect(tls).await?;
                        tokio::spawn(connection);
                        Ok(client)
                    }
                    None => {
                        let (client, connection) =
                            self.config.connect(tokio_postgres::NoTls).await?;
                        tokio::spawn(connection);
                        Ok(client)
                    }
                }
            };
            match tokio::time::timeout(CONNECT_LIMIT, connecting).await {
                Ok(connected) => connected.map_err(Failure::Db),
                Err(_) => Err(Failure::Silent(CONNECT_LIMIT)),
            }
        })?;
        Ok(Conn {
            runtime: Driver(Some(runtime)),
            client,
            statements: HashMap::new(),
        })
    }
}

/// A rustls client configuration trusting only the certificates in `path`.
fn client_tls(path: &Path, shown: &str) -> Result<rustls::ClientConfig> {
    use rustls_pki_types::CertificateDer;
    use rustls_pki_types::pem::PemObject;
    let bad = |why: String| {
        Error::validation(format!(
            "store {shown}: sslrootcert {}: {why}",
            path.display()
        ))
    };
    let mut roots = rustls::RootCertStore::empty();
    for cert in CertificateDer::pem_file_iter(path).map_err(|e| bad(e.to_string()))? {
        let cert = cert.map_err(|e| bad(e.to_string()))?;
        roots
            .add(cert)
            .map_err(|e| bad(format!("not a CA certificate rustls accepts ({e})")))?;
    }
    if roots.is_empty() {
        return Err(bad("holds no PEM certificate".into()));
    }
    let provider = Arc::new(rustls::crypto::aws_lc_rs::default_provider());
    Ok(rustls::ClientConfig::builder_with_provider(provider)
        .with_safe_default_protocol_versions()
        .map_err(|e| bad(e.to_string()))?
        .with_root_certificates(roots)
        .with_no_client_auth())
}

/// `url` with the password (in the user part or a `password=` parameter)
/// replaced by `***`.
pub fn redact(url: &str) -> String {
    let (base, query) = match url.split_once('?') {
        Some((b, q)) => (b, Some(q)),
        None => (url, None),
    };
    let mut out = match base.split_once("://") {
        Some((scheme, rest)) => {
            let end = rest.find('/').unwrap_or(rest.len());
            let (authority, path) = rest.split_at(end);
            let authority = match authority.rsplit_once('@') {
                Some((user, host)) => match user.split_once(':') {
                    Some((name, _)) => format!("{name}:***@{host}"),
                    None => format!("{user}@{host}"),
                },
                None => authority.to_owned(),
            };
            format!("{scheme}://{authority}{path}")
        }
        None => base.to_owned(),
    };
    if let Some(q) = query {
        let pairs: Vec<String> = q
            .split('&')
            .map(|p| match p.split_once('=') {
                Some(("password", _)) => "password=***".to_owned(),
                _ => p.to_owned(),
            })
            .collect();
        out.push('?');
        out.push_str(&pairs.join("&"));
    }
    out
}

/// Decodes `%XX` escapes (a path in a URL parameter).
fn percent_decode(text: &str) -> String {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let hex = bytes
            .get(i + 1..i + 3)
            .and_then(|h| std::str::from_utf8(h).ok())
            .and_then(|h| u8::from_str_radix(h, 16).ok());
        match (bytes[i], hex) {
            (b'%', Some(b)) => {
                out.push(b);
                i += 3;
            }
            (b, _) => {
                out.push(b);
                i += 1;
            }
        }
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// One live connection, the runtime its I/O runs on, and the statements
/// prepared on it.
struct Conn {
    runtime: Driver,
    client: Client,
    statements: HashMap<String, Statement>,
}

/// Why a call on a connection failed.
#[derive(Debug)]
enum Failure {
    /// PostgreSQL or the connection said so.
    Db(tokio_postgres::Error),
    /// No answer within the limit: the connection is dead to us.
    Silent(Duration),
    /// No runtime could be made for a connection.
    Runtime(std::io::Error),
}

/// A connection's runtime. Dropped without waiting for its tasks, as a
/// runtime must be when its owner is dropped on an async thread (a
/// server's handles go away with the server, on whatever thread that is).
struct Driver(Option<tokio::runtime::Runtime>);

impl Drop for Driver {
    fn drop(&mut self) {
        if let Some(runtime) = self.0.take() {
            runtime.shutdown_background();
        }
    }
}

impl Conn {
    /// Waits for `call` at most `limit`.
    fn wait<T>(
        &self,
        limit: Duration,
        call: impl Future<Output = std::result::Result<T, tokio_postgres::Error>>,
    ) -> std::result::Result<T, Failure> {
        let Some(runtime) = &self.runtime.0 else {
            return Err(Failure::Silent(limit));
        };
        match runtime.block_on(async { tokio::time::timeout(limit, call).await }) {
            Ok(done) => done.map_err(Failure::Db),
            Err(_) => Err(Failure::Silent(limit)),
        }
    }

    /// `sql`'s prepared statement, prepared on first use.
    fn statement(&mut self, sql: &str) -> std::result::Result<Statement, Failure> {
        if let Some(s) = self.statements.get(sql) {
            return Ok(s.clone());
        }
        let s = self.wait(ANSWER_LIMIT, self.client.prepare(sql))?;
        self.statements.insert(sql.to_owned(), s.clone());
        Ok(s)
    }

    fn query(
        &mut self,
        sql: &str,
        params: Params<'_>,
        limit: Duration,
    ) -> std::result::Result<Vec<tokio_postgres::Row>, Failure> {
        let stmt = self.statement(sql)?;
        self.wait(limit, self.client.query(&stmt, params))
    }

    fn execute(&mut self, sql: &str, params: Params<'_>) -> std::result::Result<u64, Failure> {
        let stmt = self.statement(sql)?;
        self.wait(ANSWER_LIMIT, self.client.execute(&stmt, params))
    }

    fn batch(&mut self, sql: &str) -> std::result::Result<(), Failure> {
        self.wait(ANSWER_LIMIT, self.client.batch_execute(sql))
    }
}

/// A keyring in a PostgreSQL database.
pub struct PgStore {
    target: Target,
    /// `None` after the connection broke, until the next call makes one.
    conn: RefCell<Option<Conn>>,
    /// Inside a write transaction (a broken connection then ends it: the
    /// server rolled it back, and nothing may be retried on a new one).
    in_tx: Cell<bool>,
    /// Audit records and last-use pointers of the open transaction, not yet
    /// sent: all of them go in two statements before it commits (or before
    /// anything reads them back), so a group commit holds the write lock
    /// for a fixed number of round trips rather than two per record.
    pending: RefCell<Pending>,
}

/// What [`PgStore::flush`] sends.
#[derive(Default)]
struct Pending {
    audit: Vec<AuditRow>,
    /// The newest record per key (a statement may update a row once).
    usage: std::collections::BTreeMap<i64, u64>,
}

impl std::fmt::Debug for PgStore {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("PgStore")
            .field("target", &self.target.shown)
            .finish()
    }
}

/// One parameter list.
type Params<'a> = &'a [&'a (dyn ToSql + Sync)];

impl PgStore {
    /// Connects to an existing keyring database.
    pub fn open(target: &Target) -> Result<PgStore> {
        let store = PgStore::connect(target)?;
        if !store.initialized()? {
            return Err(Error::KeyringNotFound {
                path: target.shown.clone().into(),
            });
        }
        Ok(store)
    }

    /// Creates lkms's tables in a database that holds no keyring (an empty
    /// one, or one where an earlier `init` failed before writing one).
    pub fn create(target: &Target) -> Result<PgStore> {
        let store = PgStore::connect(target)?;
        store.begin_write()?;
        let made = (|| {
            if store.initialized()? {
                return Err(Error::KeyringExists {
                    path: target.shown.clone().into(),
                });
            }
            store.refuse_other_tables()?;
            store.with("creating tables in", |c| c.batch(SCHEMA))
        })();
        match made {
            Ok(()) => store.commit().map(|()| store),
            Err(e) => {
                let _ = store.rollback();
                Err(e)
            }
        }
    }

    fn connect(target: &Target) -> Result<PgStore> {
        let store = PgStore {
            target: target.clone(),
            conn: RefCell::new(None),
            in_tx: Cell::new(false),
            pending: RefCell::new(Pending::default()),
        };
        store.reconnect()?;
        Ok(store)
    }

    fn reconnect(&self) -> Result<()> {
        self.conn.replace(None);
        let mut conn = self
            .target
            .connect()
            .map_err(|e| self.err("connecting to", e))?;
        conn.batch(&format!(
            "SET lock_timeout = '{LOCK_WAIT}'; SET default_transaction_isolation = 'read committed'"
        ))
        .map_err(|e| self.err("configuring", e))?;
        self.conn.replace(Some(conn));
        Ok(())
    }

    /// `init` makes lkms's tables only in a database (schema) that holds
    /// none of another program's: it must not mix a keyring into them.
    fn refuse_other_tables(&self) -> Result<()> {
        let others: Vec<String> = self.run(
            "reading",
            "SELECT tablename::text FROM pg_catalog.pg_tables
             WHERE schemaname = current_schema() AND NOT (tablename = ANY($1))
             ORDER BY tablename LIMIT 5",
            &[&TABLES.to_vec()],
            |rows| rows.iter().map(|r| r.get(0)).collect(),
        )?;
        if others.is_empty() {
            return Ok(());
        }
        Err(Error::validation(format!(
            "{} holds other tables ({}{}): lkms init makes a keyring only in an empty database \
             (or a schema of its own: ?options=-csearch_path%3DNAME)",
            self.target.shown,
            others.join(", "),
            if others.len() == 5 { ", ..." } else { "" }
        )))
    }

    /// Runs `f` on the connection, making one first if there is none. A
    /// connection found broken outside a transaction is made again and
    /// `f` retried once (outside a transaction every call is one read or
    /// the `BEGIN` of a write, so running it again is safe).
    fn with<T>(
        &self,
        what: &str,
        mut f: impl FnMut(&mut Conn) -> std::result::Result<T, Failure>,
    ) -> Result<T> {
        for attempt in 0..2 {
            if self.conn.borrow().is_none() {
                if self.in_tx.get() {
                    return Err(self.lost());
                }
                self.reconnect()?;
            }
            let mut slot = self.conn.borrow_mut();
            let Some(conn) = slot.as_mut() else {
                return Err(self.lost());
            };
            match f(conn) {
                Ok(v) => return Ok(v),
                Err(e) if is_connection_failure(&e) || conn.client.is_closed() => {
                    *slot = None;
                    if self.in_tx.get() || attempt == 1 {
                        return Err(self.err(what, e));
                    }
                }
                Err(e) => return Err(self.err(what, e)),
            }
        }
        Err(self.lost())
    }

    /// Runs one statement, prepared once per connection.
    fn run<T>(
        &self,
        what: &str,
        sql: &str,
        params: Params<'_>,
        read: impl Fn(Vec<tokio_postgres::Row>) -> T,
    ) -> Result<T> {
        self.with(what, |conn| {
            conn.query(sql, params, ANSWER_LIMIT).map(&read)
        })
    }

    fn exec(&self, what: &str, sql: &str, params: Params<'_>) -> Result<u64> {
        self.with(what, |conn| conn.execute(sql, params))
    }

    fn lost(&self) -> Error {
        unavailable(
            &self.target.shown,
            "the connection was lost in a transaction, which the database rolled back",
        )
    }

    fn err(&self, what: &str, e: Failure) -> Error {
        match e {
            Failure::Db(e) => pg_error(&self.target.shown, what, &e),
            Failure::Silent(limit) => unavailable(
                &self.target.shown,
                format!("no answer within {} s", limit.as_secs()),
            ),
            Failure::Runtime(e) => Error::io(format!("{what} {}", self.target.shown), e),
        }
    }

    fn corrupt(&self, reason: String) -> Error {
        Error::KeyringCorrupt {
            path: self.target.shown.clone().into(),
            reason,
        }
    }
}

/// Whether the failure means the connection is gone (rather than that one
/// statement failed).
fn is_connection_failure(f: &Failure) -> bool {
    match f {
        Failure::Db(e) => is_connection_error(e),
        Failure::Silent(_) | Failure::Runtime(_) => true,
    }
}

/// Whether the error means the connection is gone.
fn is_connection_error(e: &tokio_postgres::Error) -> bool {
    if e.is_closed() {
        return true;
    }
    match e.code() {
        // Class 08: connection exceptions; 57P01-57P03: the server is
        // shutting down, crashed or is starting.
        Some(code) => {
            let c = code.code();
            c.starts_with("08") || matches!(c, "57P01" | "57P02" | "57P03")
        }
        // No SQLSTATE: the socket or TLS failed under the protocol.
        None => e.as_db_error().is_none(),
    }
}

/// The store cannot be reached: an I/O error the server answers as the
/// retryable `DependencyTimeoutException`.
fn unavailable(shown: &str, why: impl std::fmt::Display) -> Error {
    Error::io(
        format!("the keyring's store {shown} is unavailable"),
        std::io::Error::new(std::io::ErrorKind::NotConnected, why.to_string()),
    )
}

/// Maps a PostgreSQL error to the keyring's errors. The client's messages
/// never hold the password (it is not part of any of them).
fn pg_error(shown: &str, what: &str, e: &tokio_postgres::Error) -> Error {
    use std::io::ErrorKind as K;
    if is_connection_error(e) {
        return unavailable(shown, e);
    }
    let kind = match e.code().map(|c| c.code()) {
        // A row that is already there (the audit trail's sequence).
        Some("23505") => K::AlreadyExists,
        // Lock wait timed out, serialization failure, deadlock: retryable.
        Some("55P03" | "40001" | "40P01") => K::WouldBlock,
        // Disk full, out of memory, too many connections.
        Some("53100") => K::StorageFull,
        Some("53200" | "53300") => K::WouldBlock,
        // Authentication and authorization failures.
        Some(c) if c.starts_with("28") || c == "42501" => K::PermissionDenied,
        _ => K::Other,
    };
    let detail = match e.as_db_error() {
        Some(db) => format!("{}: {}", db.severity(), db.message()),
        None => e.to_string(),
    };
    Error::io(format!("{what} {shown}"), std::io::Error::new(kind, detail))
}

fn i(v: u64) -> i64 {
    i64::try_from(v).unwrap_or(i64::MAX)
}

fn u(v: i64) -> u64 {
    u64::try_from(v).unwrap_or(0)
}

/// The SELECT list and the upsert of a record table.
fn table_sql(t: Table) -> (&'static str, &'static str) {
    match t {
        Table::Slots => (
            "SELECT id, version, data, NULL::text, NULL::bigint, NULL::bigint FROM slots",
            "INSERT INTO slots (id, version, data) VALUES ($1, $2, $3)
             ON CONFLICT (id) DO UPDATE SET version = excluded.version, data = excluded.data",
        ),
        Table::Keys => (
            "SELECT id, version, data, NULL::text, due_at, gone_at FROM keys",
            "INSERT INTO keys (id, version, data, due_at, gone_at) VALUES ($1, $2, $3, $4, $5)
             ON CONFLICT (id) DO UPDATE SET version = excluded.version, data = excluded.data,
             due_at = excluded.due_at, gone_at = excluded.gone_at",
        ),
        Table::Aliases => (
            "SELECT id, version, data, key_id, NULL::bigint, NULL::bigint FROM aliases",
            "INSERT INTO aliases (id, version, data, key_id) VALUES ($1, $2, $3, $4)
             ON CONFLICT (id) DO UPDATE SET version = excluded.version, data = excluded.data,
             key_id = excluded.key_id",
        ),
        Table::Grants => (
            "SELECT id, version, data, key_id, NULL::bigint, NULL::bigint FROM grants",
            "INSERT INTO grants (id, version, data, key_id) VALUES ($1, $2, $3, $4)
             ON CONFLICT (id) DO UPDATE SET version = excluded.version, data = excluded.data,
             key_id = excluded.key_id",
        ),
        Table::AccessKeys => (
            "SELECT id, version, data, NULL::text, NULL::bigint, NULL::bigint FROM access_keys",
            "INSERT INTO access_keys (id, version, data) VALUES ($1, $2, $3)
             ON CONFLICT (id) DO UPDATE SET version = excluded.version, data = excluded.data",
        ),
    }
}

fn row_of(r: &tokio_postgres::Row) -> std::result::Result<Row, tokio_postgres::Error> {
    Ok(Row {
        id: r.try_get(0)?,
        version: u(r.try_get(1)?),
        data: r.try_get(2)?,
        key_id: r.try_get(3)?,
        due_at: r.try_get(4)?,
        gone_at: r.try_get(5)?,
    })
}

fn audit_row_of(r: &tokio_postgres::Row) -> std::result::Result<AuditRow, tokio_postgres::Error> {
    Ok(AuditRow {
        seq: u(r.try_get(0)?),
        time: r.try_get(1)?,
        key_ix: r.try_get(2)?,
        source_key_ix: r.try_get(3)?,
        principal_ix: r.try_get(4)?,
        operation_ix: r.try_get(5)?,
        data: r.try_get(6)?,
        hash: r.try_get(7)?,
    })
}

/// A query's SQL and its parameters, built a condition at a time.
struct Query {
    sql: String,
    params: Vec<Box<dyn ToSql + Sync>>,
}

/// One query parameter.
fn param(v: impl ToSql + Sync + 'static) -> Box<dyn ToSql + Sync> {
    Box::new(v)
}

impl Query {
    fn new(sql: &str) -> Query {
        Query {
            sql: sql.to_owned(),
            params: Vec::new(),
        }
    }

    /// Appends `AND cond`, each `$` in it numbered for the next of `values`.
    fn and(&mut self, cond: &str, values: Vec<Box<dyn ToSql + Sync>>) {
        self.sql.push_str(" AND ");
        let mut parts = cond.split('$');
        self.sql.push_str(parts.next().unwrap_or_default());
        for (part, value) in parts.zip(values) {
            self.params.push(value);
            self.sql.push_str(&format!("${}{part}", self.params.len()));
        }
    }

    fn params(&self) -> Vec<&(dyn ToSql + Sync)> {
        self.params.iter().map(|p| p.as_ref() as _).collect()
    }
}

impl PgStore {
    /// Reads rows a page at a time, each page a fresh query (so `visit` may
    /// use the store, and a long scan holds one page in memory); `next`
    /// makes the following page's query from the last row of a page.
    fn paged<T>(
        &self,
        first: Query,
        order: &str,
        limit: Option<usize>,
        map: fn(&tokio_postgres::Row) -> std::result::Result<T, tokio_postgres::Error>,
        next: &dyn Fn(&T) -> Query,
        visit: &mut dyn FnMut(T) -> Result<bool>,
    ) -> Result<()> {
        let mut left = limit.map_or(i64::MAX, |n| i64::try_from(n).unwrap_or(i64::MAX));
        let mut query = first;
        while left > 0 {
            let page = left.min(PAGE);
            query.params.push(param(page));
            let sql = format!("{}{order} LIMIT ${}", query.sql, query.params.len());
            let items = self
                .run("reading", &sql, &query.params(), |rows| {
                    rows.iter()
                        .map(map)
                        .collect::<std::result::Result<Vec<T>, _>>()
                })?
                .map_err(|e| self.corrupt(format!("a row is malformed: {e}")))?;
            let got = items.len() as i64;
            let following = items.last().map(next);
            for item in items {
                if !visit(item)? {
                    return Ok(());
                }
            }
            match following {
                Some(q) if got == page => query = q,
                _ => return Ok(()),
            }
            left -= got;
        }
        Ok(())
    }
}

impl PgStore {
    /// Sends the transaction's pending audit records (one INSERT of arrays)
    /// and last-use pointers (one upsert).
    fn flush(&self) -> Result<()> {
        let Pending { audit, usage } = std::mem::take(&mut *self.pending.borrow_mut());
        if !audit.is_empty() {
            let column = |f: fn(&AuditRow) -> Option<i64>| -> Vec<Option<i64>> {
                audit.iter().map(f).collect()
            };
            let seq = column(|r| Some(i(r.seq)));
            let time = column(|r| Some(r.time));
            let key = column(|r| r.key_ix);
            let source = column(|r| r.source_key_ix);
            let principal = column(|r| Some(r.principal_ix));
            let operation = column(|r| Some(r.operation_ix));
            let data: Vec<&[u8]> = audit.iter().map(|r| r.data.as_slice()).collect();
            let hash: Vec<&[u8]> = audit.iter().map(|r| r.hash.as_slice()).collect();
            self.exec(
                "writing",
                "INSERT INTO audit (seq, time, key_ix, source_key_ix, principal_ix, operation_ix, data, hash)
                 SELECT * FROM unnest($1::bigint[], $2::bigint[], $3::bigint[], $4::bigint[],
                                      $5::bigint[], $6::bigint[], $7::bytea[], $8::bytea[])",
                &[&seq, &time, &key, &source, &principal, &operation, &data, &hash],
            )
            .map_err(|e| match &e {
                // The authenticated head says these records are new; a
                // stored one means the state row was put back to an older
                // copy.
                Error::Io { source, .. } if source.kind() == std::io::ErrorKind::AlreadyExists => {
                    self.corrupt(format!(
                        "an audit record of {} to {} already exists past the authenticated end \
                         of the trail (the state was rolled back); run `lkms audit verify`",
                        audit.first().map_or(0, |r| r.seq),
                        audit.last().map_or(0, |r| r.seq),
                    ))
                }
                _ => e,
            })?;
        }
        if !usage.is_empty() {
            let (keys, seqs): (Vec<i64>, Vec<i64>) =
                usage.into_iter().map(|(k, s)| (k, i(s))).unzip();
            self.exec(
                "writing",
                "INSERT INTO key_usage (key_ix, seq) SELECT * FROM unnest($1::bigint[], $2::bigint[])
                 ON CONFLICT (key_ix) DO UPDATE SET seq = excluded.seq",
                &[&keys, &seqs],
            )?;
        }
        Ok(())
    }

    /// Forgets the pending last-use pointers (all of them are being cleared).
    fn discard_usage(&self) {
        self.pending.borrow_mut().usage.clear();
    }

    /// Forgets what the transaction had not sent (it is rolled back).
    fn discard(&self) {
        *self.pending.borrow_mut() = Pending::default();
    }
}

impl Store for PgStore {
    fn initialized(&self) -> Result<bool> {
        self.run(
            "reading",
            "SELECT to_regclass('meta') IS NOT NULL",
            &[],
            |rows| rows.first().is_some_and(|r| r.get::<_, bool>(0)),
        )
        .and_then(|tables| {
            if !tables {
                return Ok(false);
            }
            self.meta("format_version").map(|v| v.is_some())
        })
    }

    fn meta(&self, name: &str) -> Result<Option<Vec<u8>>> {
        self.run(
            "reading",
            "SELECT value FROM meta WHERE name = $1",
            &[&name],
            |rows| rows.first().map(|r| r.get::<_, Vec<u8>>(0)),
        )
    }

    fn all_meta(&self) -> Result<Vec<(String, Vec<u8>)>> {
        self.run(
            "reading",
            "SELECT name, value FROM meta ORDER BY name",
            &[],
            |rows| rows.iter().map(|r| (r.get(0), r.get(1))).collect(),
        )
    }

    fn set_meta(&self, name: &str, value: &[u8]) -> Result<()> {
        self.exec(
            "writing",
            "INSERT INTO meta (name, value) VALUES ($1, $2)
             ON CONFLICT (name) DO UPDATE SET value = excluded.value",
            &[&name, &value],
        )
        .map(drop)
    }

    fn begin_write(&self) -> Result<()> {
        self.with("starting a write on", |c| {
            c.batch("BEGIN ISOLATION LEVEL READ COMMITTED")
        })?;
        self.in_tx.set(true);
        // Every writer, on every host, one after another.
        self.with("taking the write lock of", |c| {
            c.query(
                "SELECT pg_advisory_xact_lock($1)",
                &[&WRITE_LOCK],
                LOCK_LIMIT,
            )
        })
        .map(drop)
        .inspect_err(|_| {
            let _ = self.rollback();
        })
    }

    fn commit(&self) -> Result<()> {
        if let Err(e) = self.flush() {
            let _ = self.rollback();
            return Err(e);
        }
        let done = self.with("committing to", |c| c.batch("COMMIT"));
        self.in_tx.set(false);
        done
    }

    fn rollback(&self) -> Result<()> {
        self.discard();
        if !self.in_tx.replace(false) {
            return Ok(());
        }
        let mut slot = self.conn.borrow_mut();
        if let Some(conn) = slot.as_mut()
            && conn.batch("ROLLBACK").is_err()
        {
            // A connection that cannot roll back is gone: the server
            // rolls the transaction back when it notices.
            *slot = None;
        }
        Ok(())
    }

    fn savepoint(&self) -> Result<()> {
        // What came before the savepoint is sent, so that rolling back to
        // it need only forget what is pending.
        self.flush()?;
        self.with("writing", |c| c.batch("SAVEPOINT op"))
    }

    fn release_savepoint(&self) -> Result<()> {
        self.with("writing", |c| c.batch("RELEASE SAVEPOINT op"))
    }

    fn rollback_to_savepoint(&self) -> Result<()> {
        self.discard();
        self.with("writing", |c| {
            c.batch("ROLLBACK TO SAVEPOINT op; RELEASE SAVEPOINT op")
        })
    }

    fn get(&self, table: Table, id: &str) -> Result<Option<Row>> {
        let sql = format!("{} WHERE id = $1", table_sql(table).0);
        self.run("reading", &sql, &[&id], |rows| {
            rows.first().map(row_of).transpose()
        })?
        .map_err(|e| self.corrupt(format!("a {} row is malformed: {e}", table.name())))
    }

    fn put(&self, table: Table, row: &Row) -> Result<()> {
        let version = i(row.version);
        let sql = table_sql(table).1;
        let params: Vec<&(dyn ToSql + Sync)> = match table {
            Table::Slots | Table::AccessKeys => vec![&row.id, &version, &row.data],
            Table::Keys => vec![&row.id, &version, &row.data, &row.due_at, &row.gone_at],
            Table::Aliases | Table::Grants => vec![&row.id, &version, &row.data, &row.key_id],
        };
        self.exec("writing", sql, &params).map(drop)
    }

    fn delete(&self, table: Table, id: &str) -> Result<bool> {
        let sql = format!("DELETE FROM {} WHERE id = $1", table.name());
        self.exec("writing", &sql, &[&id]).map(|n| n > 0)
    }

    fn scan(
        &self,
        table: Table,
        scan: &Scan<'_>,
        visit: &mut dyn FnMut(Row) -> Result<bool>,
    ) -> Result<()> {
        let select = table_sql(table).0;
        // Due keys page by (due_at, id), the order they are visited in;
        // everything else by id.
        let build = |after: Option<(Option<i64>, String)>| {
            let mut q = Query::new(&format!("{select} WHERE TRUE"));
            if let Some(k) = scan.key_id {
                q.and("key_id = $", vec![param(k.to_owned())]);
            }
            if let Some(t) = scan.live_at {
                q.and("(gone_at IS NULL OR gone_at > $)", vec![param(t)]);
            }
            if let Some(t) = scan.due_by {
                q.and("due_at <= $", vec![param(t)]);
            }
            match after {
                Some((Some(due), id)) if scan.due_by.is_some() => {
                    q.and("(due_at, id) > ($, $)", vec![param(due), param(id)]);
                }
                Some((_, id)) => q.and("id > $", vec![param(id)]),
                None => {
                    if let Some(a) = scan.after {
                        q.and("id > $", vec![param(a.to_owned())]);
                    }
                }
            }
            q
        };
        let tail = if scan.due_by.is_some() {
            " ORDER BY due_at, id"
        } else {
            " ORDER BY id"
        };
        self.paged(
            build(None),
            tail,
            scan.limit,
            row_of,
            &|r: &Row| build(Some((r.due_at, r.id.clone()))),
            visit,
        )
    }

    fn audit_append(&self, row: &AuditRow) -> Result<()> {
        self.pending.borrow_mut().audit.push(row.clone());
        if self.in_tx.get() {
            Ok(())
        } else {
            self.flush()
        }
    }

    fn audit_replace(&self, row: &AuditRow) -> Result<()> {
        self.flush()?;
        let seq = i(row.seq);
        let params: [&(dyn ToSql + Sync); 8] = [
            &seq,
            &row.time,
            &row.key_ix,
            &row.source_key_ix,
            &row.principal_ix,
            &row.operation_ix,
            &row.data,
            &row.hash,
        ];
        self.exec(
            "writing",
            "UPDATE audit SET time = $2, key_ix = $3, source_key_ix = $4, principal_ix = $5,
             operation_ix = $6, data = $7, hash = $8 WHERE seq = $1",
            &params,
        )
        .map(drop)
    }

    fn audit_scan(
        &self,
        q: &AuditQuery,
        visit: &mut dyn FnMut(AuditRow) -> Result<bool>,
    ) -> Result<()> {
        self.flush()?;
        let build = |after: Option<u64>| {
            let mut query = Query::new(
                "SELECT seq, time, key_ix, source_key_ix, principal_ix, operation_ix, data, hash \
                 FROM audit WHERE TRUE",
            );
            if let Some(s) = q.after_seq {
                query.and("seq > $", vec![param(i(s))]);
            }
            if let Some(t) = q.since {
                query.and("time >= $", vec![param(t)]);
            }
            if let Some(t) = q.before {
                query.and("time < $", vec![param(t)]);
            }
            if let Some(p) = q.principal_ix {
                query.and("principal_ix = $", vec![param(p)]);
            }
            if let Some(o) = q.operation_ix {
                query.and("operation_ix = $", vec![param(o)]);
            }
            if let Some(k) = q.key_ix {
                query.and("$ IN (key_ix, source_key_ix)", vec![param(k)]);
            }
            if let Some(s) = after {
                let cond = if q.descending { "seq < $" } else { "seq > $" };
                query.and(cond, vec![param(i(s))]);
            }
            query
        };
        let tail = if q.descending {
            " ORDER BY seq DESC"
        } else {
            " ORDER BY seq"
        };
        self.paged(
            build(None),
            tail,
            q.limit,
            audit_row_of,
            &|r: &AuditRow| build(Some(r.seq)),
            visit,
        )
    }

    fn audit_bounds(&self) -> Result<Option<(u64, u64)>> {
        self.flush()?;
        self.run(
            "reading",
            "SELECT min(seq), max(seq) FROM audit",
            &[],
            |rows| {
                rows.first().and_then(|r| {
                    match (r.get::<_, Option<i64>>(0), r.get::<_, Option<i64>>(1)) {
                        (Some(lo), Some(hi)) => Some((u(lo), u(hi))),
                        _ => None,
                    }
                })
            },
        )
    }

    fn audit_delete_through(&self, seq: u64) -> Result<u64> {
        self.flush()?;
        self.exec("writing", "DELETE FROM audit WHERE seq <= $1", &[&i(seq)])
    }

    fn key_usage_set(&self, key_ix: i64, seq: u64) -> Result<()> {
        self.pending.borrow_mut().usage.insert(key_ix, seq);
        if self.in_tx.get() {
            Ok(())
        } else {
            self.flush()
        }
    }

    fn key_usage_get(&self, key_ix: i64) -> Result<Option<u64>> {
        self.flush()?;
        self.run(
            "reading",
            "SELECT seq FROM key_usage WHERE key_ix = $1",
            &[&key_ix],
            |rows| rows.first().map(|r| u(r.get::<_, i64>(0))),
        )
    }

    fn key_usage_clear(&self) -> Result<()> {
        self.discard_usage();
        self.exec("writing", "DELETE FROM key_usage", &[]).map(drop)
    }

    fn backup_to(&self, path: &Path) -> Result<()> {
        // A backup of a database keyring is a keyring file: the same rows in
        // the embedded store, which `lkms migrate --to` can load back.
        let file = super::sqlite::SqliteStore::create(path)?;
        super::copy(self, &file).map(drop)
    }

    fn location(&self) -> String {
        self.target.shown.clone()
    }

    fn remote(&self) -> bool {
        true
    }

    fn check_structure(&self) -> Result<()> {
        let missing: Vec<String> = self.run(
            "checking",
            "SELECT t FROM unnest($1::text[]) AS t WHERE to_regclass(t) IS NULL",
            &[&TABLES.to_vec()],
            |rows| rows.iter().map(|r| r.get(0)).collect(),
        )?;
        if missing.is_empty() {
            Ok(())
        } else {
            Err(self.corrupt(format!(
                "the database lacks lkms's tables: {}",
                missing.join(", ")
            )))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn passwords_never_show() {
        assert_eq!(
            redact("postgres://lkms:s3cret@db.example:5432/keys?sslmode=verify-full"),
            "postgres://lkms:***@db.example:5432/keys?sslmode=verify-full"
        );
        assert_eq!(
            redact("postgresql://db/keys?user=a&password=s3cret"),
            "postgresql://db/keys?user=a&password=***"
        );
        assert_eq!(redact("postgres://lkms@db/keys"), "postgres://lkms@db/keys");
        let e = Target::parse("postgres://lkms:s3cret@db/keys?sslmode=sometimes")
            .expect_err("bad sslmode");
        assert!(!e.to_string().contains("s3cret"), "{e}");
    }

    #[test]
    fn tls_modes_that_verify_need_a_root_certificate() {
        for mode in ["require", "verify-ca", "verify-full"] {
            let e = Target::parse(&format!("postgres://u:pw@db/k?sslmode={mode}"))
                .expect_err("no sslrootcert");
            assert!(e.to_string().contains("sslrootcert"), "{e}");
        }
        let t = Target::parse("postgres://u:pw@db/k?sslmode=disable").expect("plain");
        assert!(t.tls.is_none());
        let e = Target::parse("postgres://u@db/k?sslmode=require&sslrootcert=/nonexistent")
            .expect_err("missing file");
        assert!(e.to_string().contains("/nonexistent"), "{e}");
    }

    /// A fresh database on the test cluster (`LKMS_TEST_POSTGRES`, which
    /// .ci/run starts); `None` (the test skips) without one, unless
    /// `LKMS_REQUIRE_POSTGRES` says a missing cluster is a failure.
    fn fresh_database() -> Option<Target> {
        let Some(url) = std::env::var("LKMS_TEST_POSTGRES")
            .ok()
            .filter(|u| !u.is_empty())
        else {
            assert!(
                std::env::var_os("LKMS_REQUIRE_POSTGRES").is_none_or(|v| v.is_empty()),
                "LKMS_REQUIRE_POSTGRES is set but LKMS_TEST_POSTGRES is not"
            );
            // Skipped: no cluster to test against.
            return None;
        };
        let admin = Target::parse(&url).expect("LKMS_TEST_POSTGRES parses");
        let name = format!(
            "lkms_unit_{}",
            crate::encoding::hex(&crate::crypto::random_vec(6))
        );
        let mut conn = admin.connect().expect("connect to LKMS_TEST_POSTGRES");
        conn.batch(&format!("CREATE DATABASE {name}"))
            .expect("create a database");
        let (base, query) = url.split_once('?').unwrap_or((&url, ""));
        let (server, _) = base.rsplit_once('/').expect("a URL with a database");
        let url = match query {
            "" => format!("{server}/{name}"),
            q => format!("{server}/{name}?{q}"),
        };
        Some(Target::parse(&url).expect("the new database's URL"))
    }

    impl PgStore {
        /// Another connection to the database, keyring or not.
        fn open_unchecked(target: &Target) -> PgStore {
            PgStore::connect(target).expect("connect")
        }
    }

    fn key_row(id: &str, due_at: Option<i64>) -> Row {
        Row {
            id: id.to_owned(),
            version: 1,
            data: id.as_bytes().to_vec(),
            key_id: None,
            due_at,
            gone_at: None,
        }
    }

    fn audit_row(seq: u64, key_ix: Option<i64>) -> AuditRow {
        AuditRow {
            seq,
            time: seq as i64,
            key_ix,
            source_key_ix: None,
            principal_ix: 7,
            operation_ix: (seq % 3) as i64,
            data: vec![1, 2, 3],
            hash: vec![0; 32],
        }
    }

    #[test]
    fn an_empty_database_holds_no_keyring_and_init_refuses_a_second_one() {
        let Some(target) = fresh_database() else {
            return;
        };
        assert!(matches!(
            PgStore::open(&target),
            Err(Error::KeyringNotFound { .. })
        ));
        let store = PgStore::create(&target).expect("create");
        store.begin_write().expect("begin");
        store.set_meta("format_version", b"2").expect("meta");
        store.commit().expect("commit");
        assert!(matches!(
            PgStore::create(&target),
            Err(Error::KeyringExists { .. })
        ));
        PgStore::open(&target).expect("now it opens");
        store.check_structure().expect("all tables");
    }

    #[test]
    fn scans_page_through_more_rows_than_a_page_in_the_same_order_as_sqlite() {
        let Some(target) = fresh_database() else {
            return;
        };
        let store = PgStore::create(&target).expect("create");
        let n = PAGE as usize * 2 + 17;
        store.begin_write().expect("begin");
        for k in 0..n {
            // Mixed case and punctuation: bytewise order, as SQLite's.
            let id = format!("{}{k:05}", if k % 2 == 0 { "a" } else { "B_" });
            store
                .put(Table::Keys, &key_row(&id, Some((k % 10) as i64)))
                .expect("put");
        }
        for seq in 1..=n as u64 {
            store
                .audit_append(&audit_row(seq, (seq % 2 == 0).then_some(5)))
                .expect("append");
        }
        store.commit().expect("commit");

        let mut ids = Vec::new();
        store
            .scan(Table::Keys, &Scan::default(), &mut |r| {
                ids.push(r.id);
                Ok(true)
            })
            .expect("scan");
        let mut sorted = ids.clone();
        sorted.sort();
        assert_eq!(ids.len(), n);
        assert_eq!(ids, sorted, "bytewise id order across pages");
        assert!(ids[0].starts_with('B'), "upper case sorts first bytewise");

        let mut due = Vec::new();
        let q = Scan {
            due_by: Some(4),
            ..Scan::default()
        };
        store
            .scan(Table::Keys, &q, &mut |r| {
                due.push((r.due_at, r.id));
                Ok(true)
            })
            .expect("due scan");
        let mut want = due.clone();
        want.sort();
        assert_eq!(due, want, "due keys in (due_at, id) order");
        let expected = (0..n).filter(|k| k % 10 <= 4).count();
        assert_eq!(due.len(), expected);

        let mut seqs = Vec::new();
        let q = AuditQuery {
            key_ix: Some(5),
            descending: true,
            limit: Some(PAGE as usize + 3),
            ..AuditQuery::default()
        };
        store
            .audit_scan(&q, &mut |r| {
                seqs.push(r.seq);
                Ok(true)
            })
            .expect("audit scan");
        assert_eq!(seqs.len(), PAGE as usize + 3);
        assert!(seqs.windows(2).all(|w| w[0] > w[1] && w[0] % 2 == 0));
        assert_eq!(store.audit_bounds().expect("bounds"), Some((1, n as u64)));

        // A record already there past the head: the state was rolled back.
        store.begin_write().expect("begin");
        store.audit_append(&audit_row(3, None)).expect("queued");
        let e = store.commit().expect_err("dup");
        assert!(matches!(e, Error::KeyringCorrupt { .. }), "{e}");
        assert_eq!(store.audit_bounds().expect("bounds"), Some((1, n as u64)));
    }

    #[test]
    fn audit_records_sent_at_commit_are_seen_inside_the_transaction_and_undone_with_it() {
        let Some(target) = fresh_database() else {
            return;
        };
        let store = PgStore::create(&target).expect("create");
        store.begin_write().expect("begin");
        for seq in 1..=5 {
            store
                .audit_append(&audit_row(seq, Some(9)))
                .expect("append");
            store.key_usage_set(9, seq).expect("usage");
        }
        // Read back inside the transaction: what is pending goes first.
        assert_eq!(store.audit_bounds().expect("bounds"), Some((1, 5)));
        assert_eq!(store.key_usage_get(9).expect("usage"), Some(5));
        store.savepoint().expect("savepoint");
        store.audit_append(&audit_row(6, None)).expect("append");
        store.key_usage_set(9, 6).expect("usage");
        store.rollback_to_savepoint().expect("undo");
        store.commit().expect("commit");
        let other = PgStore::open_unchecked(&target);
        assert_eq!(other.audit_bounds().expect("bounds"), Some((1, 5)));
        assert_eq!(other.key_usage_get(9).expect("usage"), Some(5));
        // A rolled-back transaction sends nothing.
        store.begin_write().expect("begin");
        store.audit_append(&audit_row(6, None)).expect("append");
        store.rollback().expect("rollback");
        assert_eq!(other.audit_bounds().expect("bounds"), Some((1, 5)));
    }

    #[test]
    fn writers_on_different_connections_never_lose_an_update() {
        let Some(target) = fresh_database() else {
            return;
        };
        PgStore::create(&target).expect("create");
        let threads: Vec<_> = (0..8)
            .map(|_| {
                let target = target.clone();
                std::thread::spawn(move || {
                    let store = PgStore::connect(&target).expect("connect");
                    for _ in 0..25 {
                        store.begin_write().expect("begin");
                        let n = store
                            .meta("counter")
                            .expect("read")
                            .map_or(0, |v| u64::from_be_bytes(v.try_into().expect("8 bytes")));
                        store
                            .set_meta("counter", &(n + 1).to_be_bytes())
                            .expect("write");
                        store.commit().expect("commit");
                    }
                })
            })
            .collect();
        for t in threads {
            t.join().expect("a writer");
        }
        let store = PgStore::connect(&target).expect("connect");
        let n = store.meta("counter").expect("read").expect("set");
        assert_eq!(u64::from_be_bytes(n.try_into().expect("8 bytes")), 200);
    }

    #[test]
    fn a_dropped_connection_is_made_again_but_never_inside_a_transaction() {
        let Some(target) = fresh_database() else {
            return;
        };
        let store = PgStore::create(&target).expect("create");
        let pid = |s: &PgStore| -> i32 {
            s.run("reading", "SELECT pg_backend_pid()", &[], |rows| {
                rows[0].get(0)
            })
            .expect("pid")
        };
        let kill = |pid: i32| {
            let mut admin = target.connect().expect("admin");
            admin
                .execute("SELECT pg_terminate_backend($1)", &[&pid])
                .expect("terminate");
        };
        // Outside a transaction: the next read reconnects and succeeds.
        let before = pid(&store);
        kill(before);
        assert_eq!(store.meta("nothing").expect("reconnected"), None);
        assert_ne!(pid(&store), before);
        // Inside one: the write fails as unavailable (retryable), nothing is
        // retried on a new connection, and the next transaction works.
        store.begin_write().expect("begin");
        store.set_meta("half", b"1").expect("write");
        kill(pid(&store));
        let e = store.set_meta("half", b"2").expect_err("lost");
        match &e {
            Error::Io { source, .. } => {
                assert_eq!(source.kind(), std::io::ErrorKind::NotConnected, "{e}")
            }
            other => panic!("expected an I/O error, got {other}"),
        }
        store.rollback().expect("rollback after loss");
        assert_eq!(store.meta("half").expect("read"), None);
        store.begin_write().expect("begin again");
        store.set_meta("whole", b"1").expect("write");
        store.commit().expect("commit");
        assert_eq!(store.meta("whole").expect("read"), Some(b"1".to_vec()));
    }

    #[test]
    fn a_copy_to_and_from_sqlite_keeps_every_row() {
        let Some(target) = fresh_database() else {
            return;
        };
        let dir = tempfile::tempdir().expect("tempdir");
        let file =
            super::super::sqlite::SqliteStore::create(&dir.path().join("a.db")).expect("sqlite");
        file.begin_write().expect("begin");
        file.set_meta("format_version", b"2").expect("meta");
        for k in 0..50 {
            file.put(Table::Keys, &key_row(&format!("k{k}"), None))
                .expect("put");
        }
        for seq in 1..=20 {
            file.audit_append(&audit_row(seq, Some(1))).expect("audit");
        }
        file.commit().expect("commit");
        let db = PgStore::create(&target).expect("create");
        let n = super::super::copy(&file, &db).expect("copy to postgres");
        assert_eq!((n.records, n.audit), (50, 20));
        let back =
            super::super::sqlite::SqliteStore::create(&dir.path().join("b.db")).expect("sqlite");
        super::super::copy(&db, &back).expect("copy back");
        for table in Table::ALL {
            let rows = |s: &dyn Store| {
                let mut v = Vec::new();
                s.scan(table, &Scan::default(), &mut |r| {
                    v.push(r);
                    Ok(true)
                })
                .expect("scan");
                v
            };
            assert_eq!(rows(&file), rows(&back), "{table:?}");
        }
        assert_eq!(
            file.all_meta().expect("meta"),
            back.all_meta().expect("meta")
        );
    }

    #[test]
    fn percent_escapes_decode() {
        assert_eq!(percent_decode("%2Ftmp%2Fca.pem"), "/tmp/ca.pem");
        assert_eq!(percent_decode("a%zzb%"), "a%zzb%");
    }
}
