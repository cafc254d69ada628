//! The keyring: every key, alias, grant, slot and audit record, in a store.
//!
//! A [`Keyring`] is an unlocked handle on one store as of one instant
//! (`now`). Reads fetch only the records a call names: a key, the aliases
//! and grants of that key. Writers go through [`Keyring::update`], which
//! runs one transaction: it takes the write lock, checks the authenticated
//! state, applies due maintenance (found through an index), runs the
//! change, seals what changed, appends the audit records and commits, all
//! or nothing.
//!
//! Records are sealed one by one (see `seal.rs`); the state row (see
//! `state.rs`) authenticates the digest over all of them, the digest over
//! the slots, access keys and keyring policy, and the audit chain's head.

mod access;
mod admin;
mod integrity;
mod opened;
pub mod pin;
mod records;
mod relocate;
mod root;
mod seal;
mod slot;
mod state;
mod trail;
mod v1;

pub use relocate::Relocation;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use serde::Serialize;
use serde_json::Value;
use time::OffsetDateTime;

pub use slot::{
    Credential, MAX_PASSPHRASE_TRIES, NewSlot, Principal, Slot, SlotChoice, SlotId, SlotInfo,
};

use crate::arn::Scope;
use crate::audit::{self, Entry, Outcome, Record};
use crate::error::{Error, Result};
use crate::grant::{Grant, GrantId};
use crate::key::{Alias, AliasName, Key, KeyId, KeyState, RotationType};
use crate::secret::{Key256, Passphrase};
use crate::store::Location;
use crate::store::sqlite::SqliteStore;
use crate::store::{AuditQuery, AuditRow, Row, Scan, Store, Table};
use seal::{Digest, RecordKeys};
use state::State;

/// The keyring format version this build writes and the newest it reads.
pub const FORMAT_VERSION: u32 = 2;

/// An operation as the audit trail records it.
#[derive(Debug, Clone)]
pub struct Call {
    /// The AWS operation name, e.g. `Encrypt`.
    pub operation: String,
    /// Non-secret request parameters, with AWS's names.
    pub request: Value,
}

/// Who is calling: the principal of the slot that unlocked the keyring.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Caller {
    /// The principal.
    pub principal: Principal,
    /// The slot used.
    pub slot: SlotId,
}

/// What the maintenance at the start of a write did.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Maintenance {
    /// Keys whose deletion date had passed, now destroyed by the caller,
    /// a principal allowed to delete them.
    pub deleted: Vec<KeyId>,
    /// Keys whose deletion date has passed that the caller may not delete:
    /// they stay PendingDeletion, unusable, until a principal who may does.
    pub awaiting_deletion: Vec<KeyId>,
    /// Keys whose automatic rotation was due, now rotated.
    pub rotated: Vec<KeyId>,
    /// Keys whose imported material passed its ValidTo, now destroyed.
    pub expired: Vec<KeyId>,
}

/// What a full integrity check found (`lkms verify`).
#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "PascalCase")]
pub struct Integrity {
    /// The keyring.
    pub path: String,
    /// Records checked: keys, aliases, grants.
    pub keys: u64,
    /// Aliases checked.
    pub aliases: u64,
    /// Grants checked.
    pub grants: u64,
    /// Slots checked.
    pub slots: u64,
    /// Access keys checked.
    pub access_keys: u64,
    /// The audit trail's check.
    pub audit: audit::Verification,
}

/// What `audit prune` did.
#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "PascalCase")]
pub struct Pruned {
    /// How many records were dropped.
    pub pruned_records: u64,
    /// The chain now starts after this sequence number.
    pub pruned_through: u64,
}

/// The time a call was given, on the wall clock and on the monotonic clock,
/// so that its time can be carried forward without reading the wall clock
/// again.
#[derive(Debug, Clone, Copy)]
struct Start {
    at: OffsetDateTime,
    instant: std::time::Instant,
}

impl Start {
    fn new(at: OffsetDateTime) -> Self {
        Start {
            at,
            instant: std::time::Instant::now(),
        }
    }

    /// The wall-clock time now, as counted from the start.
    fn now(&self) -> OffsetDateTime {
        self.at + self.instant.elapsed()
    }
}

/// A slot with the row it is stored as.
type StoredSlot = (Slot, Row);

/// What a keyring shows before it is unlocked.
struct Header {
    keyring_id: String,
    scope: Scope,
    slots: Vec<StoredSlot>,
}

/// What a migration from version 1 did.
#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "PascalCase")]
pub struct Migration {
    /// The new keyring.
    pub path: String,
    /// The version 1 file, kept.
    pub backup: String,
    /// Keys carried over.
    pub keys: usize,
    /// Audit records carried over.
    pub audit_records: usize,
}

/// A key loaded for change in the current transaction.
struct DirtyKey {
    key: Key,
    /// The digest term of the row it replaces (`None` for a new key).
    old_term: Option<[u8; 32]>,
}

/// What a transaction is for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum TxKind {
    /// A change to the keyring (with its audit record): refused when this
    /// machine's clock is earlier than the keyring's, and it moves the
    /// keyring's clock forward.
    Change,
    /// Only the audit record of a call that read or failed: a read's runs
    /// at the keyring's time if this machine's clock is behind; neither
    /// moves the keyring's clock.
    Record,
}

/// The open write transaction.
struct Tx {
    kind: TxKind,
    state: State,
    dirty: BTreeMap<KeyId, DirtyKey>,
}

/// What a failed change must undo besides the store's savepoint.
struct Undo {
    state: State,
    slots: Vec<Slot>,
    root: Key256,
    derivation: Key256,
}

/// An unlocked keyring.
pub struct Keyring {
    store: Box<dyn Store>,
    /// Where the store is, to open more connections to it.
    location: Location,
    /// The location as messages name it.
    path: PathBuf,
    keyring_id: String,
    /// Region and account, for ARNs.
    scope: Scope,
    root: Key256,
    keys: RecordKeys,
    /// Records opened before under `keys`, kept parsed.
    opened: opened::Opened,
    /// Stable secret for grant and import tokens and material fingerprints:
    /// it survives root key rotation so fingerprints keep matching.
    derivation: Key256,
    slots: Vec<Slot>,
    /// The stored bytes of the slot that unlocked, to notice a concurrent
    /// root key rotation or a removal of that slot.
    unlocked_slot: Vec<u8>,
    /// The passphrase that unlocked a version 1 passphrase slot, so that a
    /// root key rotation can re-wrap the caller's own slot.
    passphrase: Option<Passphrase>,
    caller: Caller,
    now: OffsetDateTime,
    /// The `now` the keyring was opened with: a transaction runs at the
    /// time it takes the write lock, however long the process waited for it
    /// (another writer, a prompt).
    start: Start,
    maintenance: Maintenance,
    tx: Option<Tx>,
}

impl std::fmt::Debug for Keyring {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Keyring")
            .field("path", &self.path)
            .field("keyring_id", &self.keyring_id)
            .field("caller", &self.caller)
            .finish_non_exhaustive()
    }
}

fn random_keyring_id() -> String {
    crate::encoding::hex(&crate::crypto::random_vec(8))
}

/// Seconds this machine's clock may trail the latest time the keyring
/// recorded before a change is refused: hosts sharing a keyring in a
/// database never agree to the millisecond, and a server's request may
/// have waited its turn for the write lock since it read the clock. Too
/// small to reopen anything a real clock error would (deletion windows are
/// days, import tokens a day).
const CLOCK_SKEW: i64 = 5;

fn unix(t: OffsetDateTime) -> i64 {
    t.unix_timestamp()
}

/// Whether `table`'s rows count in the state's slot digest, checked at
/// every open (the credentials: slots and access keys), rather than in the
/// record digest, which `verify-keyring` checks.
fn in_slot_digest(table: Table) -> bool {
    matches!(table, Table::Slots | Table::AccessKeys)
}

fn slot_row_id(id: SlotId) -> String {
    format!("{:010}", id.0)
}

const META_VERSION: &str = "format_version";
const META_ID: &str = "keyring_id";
const META_STATE: &str = "state";
const META_DERIVATION: &str = "derivation";
const META_REGION: &str = "region";
const META_ACCOUNT: &str = "account";

/// Whether the file at `path` is a version 1 (TOML) keyring.
fn is_v1(path: &Path) -> Result<bool> {
    use std::io::Read;
    let mut head = [0u8; 16];
    let n = match std::fs::File::open(path) {
        Ok(mut f) => f
            .read(&mut head)
            .map_err(|e| Error::io(format!("reading {}", path.display()), e))?,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            return Err(Error::KeyringNotFound {
                path: path.to_path_buf(),
            });
        }
        Err(e) => return Err(Error::io(format!("reading {}", path.display()), e)),
    };
    Ok(&head[..n] != crate::store::sqlite::MAGIC.as_slice())
}

/// A new database file being built beside `path`, moved into place when
/// done; removed with its journal if the build fails or a signal ends it.
struct Staged {
    staged: crate::staging::StagedPath,
}

impl Staged {
    fn new(path: &Path) -> Result<(Staged, SqliteStore)> {
        let dir = match path.parent() {
            Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
            _ => PathBuf::from("."),
        };
        if !dir.exists() {
            create_private_dir(&dir)?;
        }
        crate::staging::sweep(&dir);
        let staged = crate::staging::StagedPath::new_in(&dir)
            .map_err(|e| Error::io(format!("creating a file in {}", dir.display()), e))?;
        let store = SqliteStore::create(staged.path())?;
        Ok((Staged { staged }, store))
    }

    /// Where [`Keyring::build`] writes: a staged file for a file location,
    /// the database itself (its tables made) for a database.
    fn for_location(location: &Location) -> Result<(Option<Staged>, Box<dyn Store>)> {
        Ok(match location {
            Location::File(path) => {
                let (staged, store) = Staged::new(path)?;
                (Some(staged), Box::new(store))
            }
            Location::Postgres(target) => (
                None,
                Box::new(crate::store::postgres::PgStore::create(target)?),
            ),
        })
    }

    /// Moves the finished file (its store closed) to `path`: refusing to
    /// replace a file when `replace` is false (init), replacing it
    /// atomically otherwise (migration).
    fn finish(self, path: &Path, replace: bool) -> Result<()> {
        self.staged.persist(path, replace).map_err(|e| {
            if e.kind() == std::io::ErrorKind::AlreadyExists && !replace {
                Error::KeyringExists {
                    path: path.to_path_buf(),
                }
            } else {
                Error::io(format!("creating {}", path.display()), e)
            }
        })
    }
}

/// `<path><suffix>`, or `<path><suffix>.N` for the first N not taken.
fn unused_path(path: &Path, suffix: &str) -> PathBuf {
    let with = |extra: String| {
        let mut name = path.file_name().unwrap_or_default().to_os_string();
        name.push(suffix);
        name.push(extra);
        path.with_file_name(name)
    };
    let mut candidate = with(String::new());
    let mut n = 1;
    while candidate.exists() {
        candidate = with(format!(".{n}"));
        n += 1;
    }
    candidate
}

fn create_private_dir(dir: &Path) -> Result<()> {
    let mut b = std::fs::DirBuilder::new();
    b.recursive(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::DirBuilderExt;
        b.mode(0o700);
    }
    b.create(dir)
        .map_err(|e| Error::io(format!("creating folder {}", dir.display()), e))
}

/// The contents a new keyring starts from (a fresh one, or a migrated one).
struct Seed {
    keyring_id: String,
    region: String,
    root: Key256,
    derivation: Key256,
    slots: Vec<Slot>,
    keys: Vec<Key>,
    aliases: Vec<Alias>,
    grants: Vec<Grant>,
    audit: Vec<Entry>,
    /// The keyring policy; `None`: the principal of the first slot
    /// administers the keyring.
    policy: Option<crate::policy::KeyringPolicy>,
}

impl Keyring {
    /// Creates a new keyring at `path` in `region` with one slot per entry
    /// of `slots`, all for `principal`. Refuses to replace an existing file.
    pub fn init(
        path: &Path,
        principal: Principal,
        slots: &[NewSlot],
        region: &str,
        now: OffsetDateTime,
    ) -> Result<Keyring> {
        Self::init_at(&path.into(), principal, slots, region, now)
    }

    /// Like [`Keyring::init`], at any location: a file, or a PostgreSQL
    /// database that holds no keyring.
    pub fn init_at(
        location: &Location,
        principal: Principal,
        slots: &[NewSlot],
        region: &str,
        now: OffsetDateTime,
    ) -> Result<Keyring> {
        let start = Start::new(now);
        crate::arn::validate_region(region)?;
        if slots.is_empty() {
            return Err(Error::validation(
                "a keyring needs at least one unlock slot",
            ));
        }
        if let Some(path) = location.file()
            && path.exists()
        {
            return Err(Error::KeyringExists {
                path: path.to_path_buf(),
            });
        }
        let root = Key256::random();
        let keyring_id = random_keyring_id();
        let slots = slots
            .iter()
            .enumerate()
            .map(|(i, s)| {
                let id = SlotId(i as u32 + 1);
                Slot::wrap(id, principal.clone(), now, s, &root)
            })
            .collect::<Result<Vec<_>>>()?;
        let first = slots[0].id;
        // The creator administers the keyring.
        let policy = crate::policy::KeyringPolicy::for_administrators(
            &crate::arn::account_of(&keyring_id),
            &[principal.as_str()],
        );
        let seed = Seed {
            policy: Some(policy),
            keyring_id,
            region: region.to_owned(),
            derivation: Key256::random(),
            root: root.clone(),
            slots,
            keys: Vec::new(),
            aliases: Vec::new(),
            grants: Vec::new(),
            audit: Vec::new(),
        };
        Self::build(location, seed, now, false)?;
        let store = location.open()?;
        let header = Self::header(store.as_ref(), &location.shown())?;
        Self::unlock_with_root(store, location, header, root, first, None, start)
    }

    /// Writes a complete keyring from `seed`: into a staged file moved to
    /// the location's path when done (replacing a version 1 file when
    /// `replace`), or in one transaction into a database.
    fn build(location: &Location, seed: Seed, now: OffsetDateTime, replace: bool) -> Result<()> {
        let start = Start::new(now);
        let (staged, store) = Staged::for_location(location)?;
        let account = crate::arn::account_of(&seed.keyring_id);
        let mut kr = Keyring {
            store,
            location: location.clone(),
            path: location.shown(),
            scope: Scope::new(&seed.region, &account, &seed.keyring_id),
            keys: RecordKeys::derive(&seed.root, &seed.keyring_id),
            opened: opened::Opened::default(),
            keyring_id: seed.keyring_id,
            root: seed.root,
            derivation: seed.derivation,
            slots: Vec::new(),
            unlocked_slot: Vec::new(),
            passphrase: None,
            caller: Caller {
                principal: "lkms"
                    .parse()
                    .unwrap_or_else(|_| unreachable!("a valid principal")),
                slot: SlotId(0),
            },
            now,
            start,
            maintenance: Maintenance::default(),
            tx: None,
        };
        kr.store.begin_write()?;
        // Another `init` may have filled the database since it was checked.
        if kr.store.meta(META_VERSION)?.is_some() {
            let _ = kr.store.rollback();
            return Err(Error::KeyringExists {
                path: location.shown(),
            });
        }
        kr.store
            .set_meta(META_VERSION, FORMAT_VERSION.to_string().as_bytes())?;
        kr.store.set_meta(META_ID, kr.keyring_id.as_bytes())?;
        kr.store
            .set_meta(META_REGION, kr.scope.region().as_bytes())?;
        kr.store
            .set_meta(META_ACCOUNT, kr.scope.account().as_bytes())?;
        let mut state = State::new(unix(now));
        state.generation = 1;
        kr.tx = Some(Tx {
            kind: TxKind::Change,
            state,
            dirty: BTreeMap::new(),
        });
        kr.seal_derivation()?;
        for s in seed.slots {
            kr.put_slot(s)?;
        }
        let policy = seed
            .policy
            .unwrap_or_else(|| Self::first_policy(&kr.slots, kr.scope.account()));
        kr.set_keyring_policy(&policy)?;
        for k in seed.keys {
            kr.insert_key(k)?;
        }
        for a in seed.aliases {
            kr.put_alias(a)?;
        }
        for g in seed.grants {
            kr.put_grant(g)?;
        }
        for e in seed.audit {
            kr.append(e)?;
        }
        kr.commit_tx()?;
        drop(kr);
        match (staged, location) {
            (Some(staged), Location::File(path)) => staged.finish(path, replace),
            _ => Ok(()),
        }
    }

    /// Opens the keyring for reading, as of `now`. A version 1 keyring is
    /// migrated first (see [`Keyring::migrate`]).
    pub fn open(path: &Path, cred: &Credential, now: OffsetDateTime) -> Result<Keyring> {
        Self::open_with(path, cred, &SlotChoice::default(), now)
    }

    /// Like [`Keyring::open`], trying the slots `choice` names.
    pub fn open_with(
        path: &Path,
        cred: &Credential,
        choice: &SlotChoice,
        now: OffsetDateTime,
    ) -> Result<Keyring> {
        Self::open_at(&path.into(), cred, choice, now)
    }

    /// Like [`Keyring::open_with`], at any location.
    pub fn open_at(
        location: &Location,
        cred: &Credential,
        choice: &SlotChoice,
        now: OffsetDateTime,
    ) -> Result<Keyring> {
        let Some(path) = location.file() else {
            return Self::unlock(location.open()?, location, cred, choice, Start::new(now));
        };
        // Staged files an earlier, killed lkms left beside the keyring.
        crate::staging::sweep(match path.parent() {
            Some(p) if !p.as_os_str().is_empty() => p,
            _ => Path::new("."),
        });
        let start = Start::new(now);
        if is_v1(path)? {
            Self::migrate(path, path, cred, now)?;
        }
        let store = SqliteStore::open(path)?;
        Self::unlock(Box::new(store), location, cred, choice, start)
    }

    /// The public description of a keyring's slots, without unlocking it
    /// (what an unlock failure can tell the user about how to get in).
    pub fn peek_slots(location: &Location) -> Result<Vec<SlotInfo>> {
        if let Some(path) = location.file()
            && is_v1(path)?
        {
            return Ok(Vec::new());
        }
        let store = location.open()?;
        Ok(Self::header(store.as_ref(), &location.shown())?
            .slots
            .iter()
            .map(|(s, _)| s.info())
            .collect())
    }

    /// Reads the keyring's clear header and its slots.
    fn header(store: &dyn Store, path: &Path) -> Result<Header> {
        let corrupt = |reason: &str| Error::KeyringCorrupt {
            path: path.to_path_buf(),
            reason: reason.to_owned(),
        };
        if !store.initialized()? {
            return Err(corrupt("the database holds no keyring"));
        }
        let version = store
            .meta(META_VERSION)?
            .and_then(|v| String::from_utf8(v).ok())
            .and_then(|v| v.parse::<u32>().ok())
            .ok_or_else(|| corrupt("the format version is missing"))?;
        if version != FORMAT_VERSION {
            return Err(Error::UnsupportedKeyringVersion {
                path: path.to_path_buf(),
                found: version,
                supported: FORMAT_VERSION,
            });
        }
        let id = store
            .meta(META_ID)?
            .and_then(|v| String::from_utf8(v).ok())
            .ok_or_else(|| corrupt("the keyring id is missing"))?;
        let mut slots = Vec::new();
        store.scan(Table::Slots, &Scan::default(), &mut |row| {
            let slot: Slot = serde_json::from_slice(&row.data)
                .map_err(|_| corrupt(&format!("slot row {} is malformed", row.id)))?;
            if slot_row_id(slot.id) != row.id {
                return Err(corrupt(&format!("slot row {} is misplaced", row.id)));
            }
            slots.push((slot, row));
            Ok(true)
        })?;
        // Keyrings made before regions existed: the default region and the
        // account derived from the id, which is what init would have chosen.
        let text = |name: &str| -> Result<Option<String>> {
            Ok(store.meta(name)?.and_then(|v| String::from_utf8(v).ok()))
        };
        let region = text(META_REGION)?.unwrap_or_else(|| crate::arn::DEFAULT_REGION.to_owned());
        let account = text(META_ACCOUNT)?.unwrap_or_else(|| crate::arn::account_of(&id));
        Ok(Header {
            scope: Scope::new(&region, &account, &id),
            keyring_id: id,
            slots,
        })
    }

    fn unlock(
        store: Box<dyn Store>,
        location: &Location,
        cred: &Credential,
        choice: &SlotChoice,
        start: Start,
    ) -> Result<Keyring> {
        let path = &location.shown();
        let header = Self::header(store.as_ref(), path)?;
        let (root, slot_id) = slot::unlock_any(
            header.slots.iter().map(|(s, _)| s),
            cred,
            choice,
            &header.keyring_id,
            path,
        )?;
        let legacy = header
            .slots
            .iter()
            .any(|(s, _)| s.id == slot_id && s.is_legacy_passphrase());
        let passphrase = match (cred, legacy) {
            (Credential::Passphrase(p), true) => Some(p.clone()),
            _ => None,
        };
        Self::unlock_with_root(store, location, header, root, slot_id, passphrase, start)
    }

    fn unlock_with_root(
        store: Box<dyn Store>,
        location: &Location,
        header: Header,
        root: Key256,
        slot_id: SlotId,
        passphrase: Option<Passphrase>,
        start: Start,
    ) -> Result<Keyring> {
        let now = start.at;
        let Header {
            keyring_id,
            scope,
            slots,
        } = header;
        let keys = RecordKeys::derive(&root, &keyring_id);
        let (slot, unlocked_slot) = slots
            .iter()
            .find(|(s, _)| s.id == slot_id)
            .map(|(s, row)| (s.clone(), row.data.clone()))
            .ok_or_else(|| changed_under_us(&location.shown()))?;
        let rows: Vec<Row> = slots.iter().map(|(_, r)| r.clone()).collect();
        let mut kr = Keyring {
            store,
            location: location.clone(),
            path: location.shown(),
            keyring_id,
            scope,
            root,
            keys,
            opened: opened::Opened::default(),
            derivation: Key256::random(),
            slots: slots.into_iter().map(|(s, _)| s).collect(),
            unlocked_slot,
            passphrase,
            caller: Caller {
                principal: slot.principal.clone(),
                slot: slot.id,
            },
            now,
            start,
            maintenance: Maintenance::default(),
            tx: None,
        };
        let state = kr.read_state()?;
        kr.check_slots(&state, &rows)?;
        kr.derivation = kr.open_derivation()?;
        // Reads never see a time earlier than the keyring has recorded: a
        // clock set back reopens no deletion window or expiry.
        kr.now = kr.now.max(clock_time(state.clock));
        Ok(kr)
    }

    fn corrupt(&self, reason: impl Into<String>) -> Error {
        Error::KeyringCorrupt {
            path: self.path.clone(),
            reason: reason.into(),
        }
    }

    fn read_state(&self) -> Result<State> {
        let bytes = self
            .store
            .meta(META_STATE)?
            .ok_or_else(|| self.corrupt("the state record is missing"))?;
        State::decode(&bytes, &self.keys, &self.keyring_id, &self.path)
    }

    /// The slots, the access keys and the keyring policy must be exactly
    /// those the state authenticates: who may get in and who administers.
    /// A slot or access key added, removed, edited or rolled back, or the
    /// keyring policy removed, edited or rolled back, by anyone without the
    /// root key is refused here, at every open.
    fn check_slots(&self, state: &State, rows: &[Row]) -> Result<()> {
        let mut d = Digest::default();
        for row in rows {
            d.add(&seal::term(&self.keys, Table::Slots, row));
        }
        self.add_access_key_terms(&self.keys, &mut d)?;
        if let Some(t) = self.policy_term(&self.keys)? {
            d.add(&t);
        }
        if d == state.slots {
            Ok(())
        } else {
            Err(self.corrupt(
                "the unlock slots, the access keys or the keyring policy fail authentication \
                 (a slot or access key was added, removed, edited or put back, or the policy replaced)",
            ))
        }
    }

    fn seal_derivation(&mut self) -> Result<()> {
        let generation = self.tx_mut()?.state.generation;
        let data = seal::seal(
            &self.keys,
            &self.keyring_id,
            "meta",
            META_DERIVATION,
            generation,
            self.derivation.expose(),
        );
        let mut value = generation.to_be_bytes().to_vec();
        value.extend_from_slice(&data);
        self.store.set_meta(META_DERIVATION, &value)
    }

    fn open_derivation(&self) -> Result<Key256> {
        let value = self
            .store
            .meta(META_DERIVATION)?
            .filter(|v| v.len() > 8)
            .ok_or_else(|| self.corrupt("the derivation secret is missing"))?;
        let (g, data) = value.split_at(8);
        let generation = u64::from_be_bytes(g.try_into().unwrap_or_default());
        seal::open(
            &self.keys,
            &self.keyring_id,
            "meta",
            META_DERIVATION,
            generation,
            data,
        )
        .and_then(|s| Key256::from_slice(s.expose()))
        .ok_or_else(|| self.corrupt("the derivation secret fails authentication"))
    }

    // ----- transactions -------------------------------------------------

    fn tx_mut(&mut self) -> Result<&mut Tx> {
        self.tx.as_mut().ok_or_else(|| {
            Error::validation("internal: a keyring change outside a write transaction")
        })
    }

    /// Starts a write transaction: takes the write lock, checks that the
    /// slot that unlocked is unchanged (no concurrent rotation or removal),
    /// authenticates the state and sets the transaction's time (see
    /// [`Keyring::check_clock`]).
    fn begin_tx(&mut self, kind: TxKind) -> Result<()> {
        self.store.begin_write()?;
        let begun = (|| {
            let header = Self::header(self.store.as_ref(), &self.path)?;
            let mine = header
                .slots
                .iter()
                .find(|(s, _)| s.id == self.caller.slot)
                .map(|(_, row)| &row.data);
            if mine != Some(&self.unlocked_slot) {
                return Err(changed_under_us(&self.path));
            }
            let mut state = self.read_state()?;
            let rows: Vec<Row> = header.slots.iter().map(|(_, r)| r.clone()).collect();
            self.check_slots(&state, &rows)?;
            self.now = self.start.now();
            if kind == TxKind::Change {
                self.check_clock(&state)?;
            }
            // Never earlier than the keyring has recorded (a change within
            // the tolerated skew runs at the recorded time).
            self.now = self.now.max(clock_time(state.clock));
            self.slots = header.slots.into_iter().map(|(s, _)| s).collect();
            state.generation += 1;
            Ok(state)
        })();
        match begun {
            Ok(state) => {
                self.tx = Some(Tx {
                    kind,
                    state,
                    dirty: BTreeMap::new(),
                });
                // A keyring made before keyring policies gets its first one.
                self.ensure_keyring_policy()
                    .inspect_err(|_| self.abort_tx())
            }
            Err(e) => {
                let _ = self.store.rollback();
                Err(e)
            }
        }
    }

    /// Refuses a change whose clock is earlier than the latest time the
    /// keyring recorded: with the clock set back, a deletion window that
    /// ended, an expired import or an expired token would be open again.
    fn check_clock(&self, state: &State) -> Result<()> {
        if unix(self.now) + CLOCK_SKEW >= state.clock {
            return Ok(());
        }
        Err(Error::ClockBehind {
            path: self.path.clone(),
            now: crate::timestamp::format(self.now),
            recorded: crate::timestamp::format(clock_time(state.clock)),
        })
    }

    /// Seals the changed keys, writes the state and commits.
    fn commit_tx(&mut self) -> Result<()> {
        self.flush_dirty()?;
        let now = unix(self.now);
        let tx = self
            .tx
            .as_mut()
            .ok_or_else(|| Error::validation("internal: no transaction"))?;
        if tx.kind == TxKind::Change {
            tx.state.clock = tx.state.clock.max(now);
        }
        let bytes = tx.state.encode(&self.keys, &self.keyring_id);
        self.store.set_meta(META_STATE, &bytes)?;
        self.store.commit()?;
        self.tx = None;
        Ok(())
    }

    fn abort_tx(&mut self) {
        self.tx = None;
        let _ = self.store.rollback();
    }

    /// Runs `f` in its own transaction (for a read call's audit record).
    fn in_tx<T>(&mut self, f: impl FnOnce(&mut Keyring) -> Result<T>) -> Result<T> {
        self.begin_tx(TxKind::Record)?;
        match f(self).and_then(|v| self.commit_tx().map(|()| v)) {
            Ok(v) => Ok(v),
            Err(e) => {
                self.abort_tx();
                Err(e)
            }
        }
    }

    fn flush_dirty(&mut self) -> Result<()> {
        let tx = self.tx_mut()?;
        let dirty = std::mem::take(&mut tx.dirty);
        let generation = tx.state.generation;
        for (id, d) in dirty {
            let row = self.key_row(&d.key, generation)?;
            let term = seal::term(&self.keys, Table::Keys, &row);
            let tx = self.tx_mut()?;
            if let Some(old) = d.old_term {
                tx.state.records.sub(&old);
            }
            tx.state.records.add(&term);
            self.store.put(Table::Keys, &row)?;
            debug_assert_eq!(row.id, id.to_string());
        }
        Ok(())
    }

    fn key_row(&self, key: &Key, generation: u64) -> Result<Row> {
        let id = key.id.to_string();
        let plain = zeroize::Zeroizing::new(
            serde_json::to_vec(key).unwrap_or_else(|e| unreachable!("keys serialize: {e}")),
        );
        let gone_at = match key.state {
            KeyState::PendingDeletion { deletion_date, .. } => Some(unix(deletion_date)),
            _ => None,
        };
        Ok(Row {
            data: seal::seal(
                &self.keys,
                &self.keyring_id,
                Table::Keys.name(),
                &id,
                generation,
                &plain,
            ),
            id,
            version: generation,
            key_id: None,
            due_at: key.maintenance_due().map(unix),
            gone_at,
        })
    }

    /// Opens a stored row of `table` and parses it.
    fn open_row<T: serde::de::DeserializeOwned>(&self, table: Table, row: &Row) -> Result<T> {
        let plain = self.unseal_row(table, row)?;
        seal::parse(&plain, || self.path.display().to_string())
    }

    /// Like [`Keyring::open_row`], kept for the next read of the same row
    /// (see [`opened`]).
    fn open_row_cached<T>(&self, table: Table, row: &Row) -> Result<T>
    where
        T: serde::de::DeserializeOwned + Clone + Send + 'static,
    {
        if let Some(value) = self.opened.get(table, row) {
            return Ok(value);
        }
        let value: T = self.open_row(table, row)?;
        self.opened.put(table, row, &value);
        Ok(value)
    }

    /// The plaintext of a stored row of `table`.
    fn unseal_row(&self, table: Table, row: &Row) -> Result<crate::secret::SecretBytes> {
        seal::open(
            &self.keys,
            &self.keyring_id,
            table.name(),
            &row.id,
            row.version,
            &row.data,
        )
        .ok_or_else(|| {
            self.corrupt(format!(
                "{} record {} fails authentication (edited, moved from another row, or from another keyring)",
                table.name(),
                row.id
            ))
        })
    }

    /// Writes a sealed record of `table` and keeps the digest current.
    fn put_record(
        &mut self,
        table: Table,
        id: &str,
        key_id: Option<String>,
        plain: &[u8],
    ) -> Result<()> {
        let generation = self.tx_mut()?.state.generation;
        let old = self.store.get(table, id)?;
        let row = Row {
            id: id.to_owned(),
            version: generation,
            data: seal::seal(
                &self.keys,
                &self.keyring_id,
                table.name(),
                id,
                generation,
                plain,
            ),
            key_id,
            due_at: None,
            gone_at: None,
        };
        self.replace_row(table, old, Some(row))
    }

    /// Replaces `old` by `new` in the store and in the right digest.
    fn replace_row(&mut self, table: Table, old: Option<Row>, new: Option<Row>) -> Result<()> {
        let old_term = old.as_ref().map(|r| seal::term(&self.keys, table, r));
        let new_term = new.as_ref().map(|r| seal::term(&self.keys, table, r));
        let tx = self.tx_mut()?;
        let digest = if in_slot_digest(table) {
            &mut tx.state.slots
        } else {
            &mut tx.state.records
        };
        if let Some(t) = old_term {
            digest.sub(&t);
        }
        if let Some(t) = new_term {
            digest.add(&t);
        }
        match (new, old) {
            (Some(row), _) => self.store.put(table, &row),
            (None, Some(row)) => self.store.delete(table, &row.id).map(|_| ()),
            (None, None) => Ok(()),
        }
    }

    fn delete_record(&mut self, table: Table, id: &str) -> Result<bool> {
        self.tx_mut()?;
        let old = self.store.get(table, id)?;
        let existed = old.is_some();
        self.replace_row(table, old, None)?;
        Ok(existed)
    }

    /// Opens the keyring for writing and applies `change` to it.
    ///
    /// The expensive unlock (Argon2id) happens before the write lock is
    /// taken; under the lock the state is re-read, due maintenance is
    /// applied, `change` runs and everything commits in one transaction.
    /// When `change` fails nothing it did is kept.
    pub fn update<T>(
        path: &Path,
        cred: &Credential,
        now: OffsetDateTime,
        change: impl FnOnce(&mut Keyring) -> Result<T>,
    ) -> Result<T> {
        Self::open(path, cred, now)?.update_with(change)
    }

    /// Like [`Keyring::update`], for a keyring already opened (and so
    /// unlocked) with [`Keyring::open`].
    pub fn update_with<T>(mut self, change: impl FnOnce(&mut Keyring) -> Result<T>) -> Result<T> {
        self.update_inner(change, |_, _| Ok(()))
    }

    /// Like [`Keyring::update_with`], and appends the call's audit record
    /// (and records of any maintenance it applied) in the same transaction,
    /// whether the call succeeded or not.
    pub fn update_audited<T: Serialize>(
        mut self,
        call: &Call,
        change: impl FnOnce(&mut Keyring) -> Result<T>,
    ) -> Result<T> {
        self.change_audited(call, change)
    }

    /// Like [`Keyring::update_audited`], keeping this handle for further
    /// calls (a server runs many on one unlock).
    pub fn change_audited<T: Serialize>(
        &mut self,
        call: &Call,
        change: impl FnOnce(&mut Keyring) -> Result<T>,
    ) -> Result<T> {
        self.update_inner(change, |kr, result| {
            kr.record_maintenance()?;
            kr.record(call, result)
        })
    }

    /// Another handle on the same keyring with the same unlock: its own
    /// connection to the store, so that threads can use the keyring at
    /// once without unlocking it again.
    pub fn try_clone(&self) -> Result<Keyring> {
        Ok(self.with_store(self.location.clone(), self.location.open()?))
    }

    /// This unlock (root key, caller, time) on the keyring in `store` at
    /// `location`: the same keyring, or a copy of it.
    fn with_store(&self, location: Location, store: Box<dyn Store>) -> Keyring {
        Keyring {
            store,
            path: location.shown(),
            location,
            keyring_id: self.keyring_id.clone(),
            scope: self.scope.clone(),
            root: self.root.clone(),
            keys: RecordKeys::derive(&self.root, &self.keyring_id),
            opened: opened::Opened::default(),
            derivation: self.derivation.clone(),
            slots: self.slots.clone(),
            unlocked_slot: self.unlocked_slot.clone(),
            passphrase: self.passphrase.clone(),
            caller: self.caller.clone(),
            now: self.now,
            start: self.start,
            maintenance: Maintenance::default(),
            tx: None,
        }
    }

    /// Leaves the store's checkpoints to [`Keyring::checkpoint`] calls on
    /// another handle, so that this handle's commits never wait for one (a
    /// server's writer, whose commits every request waits for).
    pub fn defer_checkpoints(&self) -> Result<()> {
        self.store.defer_checkpoints()
    }

    /// Copies what it can of the store's log into its main file, waiting
    /// for nobody.
    pub fn checkpoint(&self) -> Result<()> {
        self.store.checkpoint()
    }

    /// Makes the next calls on this handle those of `principal` at `now`:
    /// a server unlocks the keyring once with its own slot and serves each
    /// request as the principal its access key belongs to. The time never
    /// goes back on a handle.
    pub fn act_as(&mut self, principal: Principal, now: OffsetDateTime) {
        self.caller.principal = principal;
        let now = now.max(self.now);
        self.start = Start::new(now);
        self.now = now;
    }

    fn update_inner<T>(
        &mut self,
        change: impl FnOnce(&mut Keyring) -> Result<T>,
        after: impl FnOnce(&mut Keyring, &Result<T>) -> Result<()>,
    ) -> Result<T> {
        self.begin_tx(TxKind::Change)?;
        let outer = (|| {
            // Maintenance is part of the change: a failed call keeps neither
            // (only its audit record), as a failed call never wrote before.
            self.store.savepoint()?;
            let undo = Undo {
                state: self.tx_mut()?.state.clone(),
                slots: self.slots.clone(),
                root: self.root.clone(),
                derivation: self.derivation.clone(),
            };
            let result = self
                .maintain()
                .and_then(|()| change(self))
                .and_then(|v| self.flush_dirty().map(|()| v));
            if result.is_ok() {
                self.store.release_savepoint()?;
            } else {
                self.store.rollback_to_savepoint()?;
                self.keys = RecordKeys::derive(&undo.root, &self.keyring_id);
                self.opened.clear();
                self.root = undo.root;
                self.derivation = undo.derivation;
                self.slots = undo.slots;
                let tx = self.tx_mut()?;
                tx.state = undo.state;
                tx.dirty.clear();
                // Only its audit record is kept, which moves no clock.
                tx.kind = TxKind::Record;
                self.maintenance = Maintenance::default();
            }
            after(self, &result)?;
            self.commit_tx()?;
            Ok(result)
        })();
        match outer {
            Ok(result) => result,
            Err(e) => {
                self.abort_tx();
                Err(e)
            }
        }
    }

    // Audit: trail.rs; integrity: integrity.rs; root key rotation: root.rs;
    // records: records.rs.

    /// Writes a consistent snapshot of the keyring to `to`, while other
    /// processes go on using it; an existing file is replaced only when
    /// `replace`. Restoring is copying it back.
    pub fn backup(&self, to: &Path, replace: bool) -> Result<()> {
        if to.exists() && !replace {
            return Err(Error::validation(format!(
                "{} exists; a backup replaces a file only when told to",
                to.display()
            )));
        }
        let dir = match to.parent() {
            Some(p) if !p.as_os_str().is_empty() => p,
            _ => Path::new("."),
        };
        crate::staging::sweep(dir);
        let staged = crate::staging::StagedPath::new_in(dir)
            .map_err(|e| Error::io(format!("creating a file beside {}", to.display()), e))?;
        self.store.backup_to(staged.path())?;
        staged
            .persist(to, replace)
            .map_err(|e| Error::io(format!("creating backup {}", to.display()), e))?;
        Ok(())
    }
}

/// The keyring's recorded clock (Unix seconds) as a time.
fn clock_time(clock: i64) -> OffsetDateTime {
    OffsetDateTime::from_unix_timestamp(clock).unwrap_or(OffsetDateTime::UNIX_EPOCH)
}

fn changed_under_us(path: &Path) -> Error {
    Error::UnlockFailed(format!(
        "the keyring at {} changed while it was being unlocked (the slot was removed, or the root key rotated); run the command again",
        path.display()
    ))
}
