//! One unlocked keyring serving many callers at once (`lkms serve`).
//!
//! Reads run on a pool of handles, each with its own connection to the
//! store, so they proceed in parallel. Their audit records are committed
//! in groups: a caller queues its record, then takes the writer; if the
//! holder before it already committed the record it returns at once,
//! otherwise it commits everything queued in one transaction. Every call
//! still returns only after its record is durable, but one commit (and
//! one fsync) serves every call that arrived while the last one ran.
//! Changes run one at a time on the writer handle, which is how the store
//! would order them anyway; other processes (the CLI) take turns with the
//! server through the store's own lock.

use std::sync::{Condvar, Mutex, MutexGuard, PoisonError, mpsc};

use serde_json::Value;
use time::OffsetDateTime;

use crate::audit::Entry;
use crate::error::{Error, Result};
use crate::keyring::{Call, Keyring, Principal};

use super::Request;

/// A keyring shared by threads, each call as its own principal.
pub struct Service {
    /// Handles for reads, taken and given back, and how many exist.
    readers: Mutex<Readers>,
    /// Signalled when a read handle is given back.
    returned: Condvar,
    /// The most read handles (each a connection with its own cache).
    max_readers: usize,
    /// The handle that changes the keyring and appends audit records.
    writer: Mutex<Keyring>,
    /// Audit records waiting for the writer, each with where to send how
    /// its commit went.
    queue: Mutex<Vec<(Entry, mpsc::SyncSender<Result<()>>)>>,
}

/// The pool of read handles.
struct Readers {
    idle: Vec<Keyring>,
    open: usize,
}

impl std::fmt::Debug for Service {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Service").finish_non_exhaustive()
    }
}

/// Takes a lock even if a thread panicked holding it: every critical
/// section leaves its data consistent (the store rolls back what it did
/// not commit).
fn lock<T>(m: &Mutex<T>) -> MutexGuard<'_, T> {
    m.lock().unwrap_or_else(PoisonError::into_inner)
}

impl Service {
    /// Serves `keyring` (already unlocked) with at most `max_readers`
    /// reads at once.
    pub fn new(keyring: Keyring, max_readers: usize) -> Service {
        Service {
            readers: Mutex::new(Readers {
                idle: Vec::new(),
                open: 0,
            }),
            returned: Condvar::new(),
            max_readers: max_readers.max(1),
            writer: Mutex::new(keyring),
            queue: Mutex::new(Vec::new()),
        }
    }

    /// Runs `request` as `principal` at `now`, and returns once its audit
    /// record is committed.
    pub fn call(
        &self,
        principal: &Principal,
        now: OffsetDateTime,
        request: &Request,
    ) -> Result<Value> {
        if request.changes_keyring() {
            let mut kr = lock(&self.writer);
            kr.act_as(principal.clone(), now);
            return super::execute(&mut kr, request);
        }
        let (result, entry) = self.with_reader(|kr| {
            kr.act_as(principal.clone(), now);
            Ok(super::execute_deferred(kr, request))
        })?;
        if let Some(entry) = entry {
            self.record(entry)?;
        }
        result
    }

    /// Records a call refused before it reached an operation (a request
    /// whose signature failed, say), as `principal`.
    pub fn refused(
        &self,
        principal: &Principal,
        now: OffsetDateTime,
        call: &Call,
        error: &Error,
    ) -> Result<()> {
        let entry = self.with_reader(|kr| {
            kr.act_as(principal.clone(), now);
            Ok(kr.audit_entry::<Value, _>(call, &Err(error)))
        })?;
        self.record(entry)
    }

    /// Runs a read on a handle of the pool.
    pub fn with_reader<T>(&self, f: impl FnOnce(&mut Keyring) -> Result<T>) -> Result<T> {
        let mut kr = self.take_reader()?;
        let result = f(&mut kr);
        lock(&self.readers).idle.push(kr);
        self.returned.notify_one();
        result
    }

    /// An idle read handle, a new one while there are fewer than the most,
    /// else the first given back.
    fn take_reader(&self) -> Result<Keyring> {
        let mut pool = lock(&self.readers);
        loop {
            if let Some(kr) = pool.idle.pop() {
                return Ok(kr);
            }
            if pool.open < self.max_readers {
                pool.open += 1;
                drop(pool);
                return lock(&self.writer).try_clone().inspect_err(|_| {
                    lock(&self.readers).open -= 1;
                });
            }
            pool = self
                .returned
                .wait(pool)
                .unwrap_or_else(PoisonError::into_inner);
        }
    }

    /// Appends `entry` to the audit trail with whatever else is queued.
    fn record(&self, entry: Entry) -> Result<()> {
        let (done, outcome) = mpsc::sync_channel(1);
        lock(&self.queue).push((entry, done));
        let mut kr = lock(&self.writer);
        // The holder before us may have committed our record with its own.
        if let Ok(result) = outcome.try_recv() {
            return result;
        }
        let batch = std::mem::take(&mut *lock(&self.queue));
        let (entries, waiting): (Vec<_>, Vec<_>) = batch.into_iter().unzip();
        let result = kr.append_audit(entries);
        // Answered before the writer is released: whoever takes it next
        // finds its outcome here, or its record still queued.
        for done in waiting {
            let _ = done.send(match &result {
                Ok(()) => Ok(()),
                Err(e) => Err(shared_failure(e)),
            });
        }
        drop(kr);
        outcome.try_recv().unwrap_or_else(|_| {
            Err(Error::validation(
                "internal: an audit record was neither committed nor refused",
            ))
        })
    }
}

/// The failure of a group commit, for each call in the group: it keeps the
/// kind of the failure (a busy lock stays retryable) and its message.
fn shared_failure(e: &Error) -> Error {
    let kind = match e {
        Error::Io { source, .. } => source.kind(),
        _ => std::io::ErrorKind::Other,
    };
    Error::io(
        "appending the audit records",
        std::io::Error::new(kind, e.to_string()),
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::api::{CreateKeyRequest, EncryptRequest};
    use crate::keyring::NewSlot;

    fn served() -> (tempfile::TempDir, Service) {
        let dir = tempfile::tempdir().expect("temp dir");
        let id = age::x25519::Identity::generate();
        let kr = Keyring::init(
            &dir.path().join("keyring.db"),
            "admin".parse().expect("principal"),
            &[NewSlot::Age(id.to_public())],
            "us-east-1",
            OffsetDateTime::now_utc(),
        )
        .expect("init");
        (dir, Service::new(kr, 3))
    }

    /// Calls from many threads at once, reads and writes mixed: each is
    /// answered, each has exactly one audit record, and the chain verifies.
    #[test]
    fn concurrent_calls_each_get_one_durable_record() {
        let (_dir, service) = served();
        let admin: Principal = "admin".parse().expect("principal");
        let created = service
            .call(
                &admin,
                OffsetDateTime::now_utc(),
                &Request::CreateKey(CreateKeyRequest::default()),
            )
            .expect("create key");
        let key = created["KeyMetadata"]["KeyId"]
            .as_str()
            .expect("key id")
            .to_owned();
        let (threads, calls) = (8, 25);
        std::thread::scope(|s| {
            for t in 0..threads {
                let (service, admin, key) = (&service, &admin, &key);
                s.spawn(move || {
                    for i in 0..calls {
                        let request = if i % 10 == 9 {
                            Request::CreateKey(CreateKeyRequest::default())
                        } else {
                            Request::Encrypt(EncryptRequest {
                                key_id: key.clone(),
                                plaintext: format!("{t}-{i}").into_bytes().into(),
                                ..EncryptRequest::default()
                            })
                        };
                        service
                            .call(admin, OffsetDateTime::now_utc(), &request)
                            .expect("call");
                    }
                });
            }
        });
        let kr = lock(&service.writer);
        let verification = kr.verify_audit().expect("audit verifies");
        let records = kr
            .audit_records(&crate::audit::Filter::default())
            .expect("records");
        assert_eq!(records.len(), 1 + threads * calls, "{verification:?}");
        let encrypts = records.iter().filter(|r| r.operation == "Encrypt").count();
        let creates = (0..calls).filter(|i| i % 10 == 9).count();
        assert_eq!(encrypts, threads * (calls - creates));
    }
}
