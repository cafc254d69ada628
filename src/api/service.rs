//! One unlocked keyring serving many callers at once (`lkms serve`).
//!
//! Reads run on a pool of handles, each with its own connection to the
//! store, so they proceed in parallel on the callers' threads. Their audit
//! records go to one committer thread, which appends everything queued in
//! one transaction: one commit (and one fsync) serves every call that
//! arrived while the last one ran. A call is told through its
//! [`Recorded`] callback when its record is durable, and must not be
//! answered before; so a server's threads never wait on the disk, they
//! go on with other requests meanwhile. Changes run one at a time on the
//! writer handle, which is how the store would order them anyway; other
//! processes (the CLI) take turns with the server through the store's own
//! lock.

use std::sync::{Arc, Condvar, Mutex, MutexGuard, PoisonError, mpsc};
use std::thread::JoinHandle;

use serde_json::Value;
use time::OffsetDateTime;

use crate::audit::Entry;
use crate::error::{Error, Result};
use crate::keyring::{Call, Keyring, Principal};

use super::Request;

/// Told once a call's audit record is durable (`Ok`), or that appending it
/// failed; called on the committer's thread, so it should only pass the
/// word on.
pub type Recorded = Box<dyn FnOnce(Result<()>) + Send>;

/// A keyring shared by threads, each call as its own principal.
pub struct Service {
    shared: Arc<Shared>,
    committer: Option<JoinHandle<()>>,
    /// Dropped with the service, which stops the checkpoint thread.
    _checkpointer: Option<mpsc::Sender<()>>,
}

/// What the callers and the committer share.
struct Shared {
    /// Handles for reads, taken and given back, and how many exist.
    readers: Mutex<Readers>,
    /// Signalled when a read handle is given back.
    returned: Condvar,
    /// The most read handles (each a connection with its own cache).
    max_readers: usize,
    /// The handle that changes the keyring and appends audit records.
    writer: Mutex<Keyring>,
    /// Audit records waiting for the committer.
    queue: Mutex<Queue>,
    /// Signalled when the queue has work for an idle committer.
    queued: Condvar,
}

/// The pool of read handles.
struct Readers {
    idle: Vec<Keyring>,
    open: usize,
}

/// Audit records waiting, each with whom to tell how its commit went.
#[derive(Default)]
struct Queue {
    waiting: Vec<(Entry, Recorded)>,
    /// The committer is waiting for work (so a new record must wake it).
    idle: bool,
    /// The service is going away: commit what is queued and stop.
    closed: bool,
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
    pub fn new(keyring: Keyring, max_readers: usize) -> Result<Service> {
        let shared = Arc::new(Shared {
            readers: Mutex::new(Readers {
                idle: Vec::new(),
                open: 0,
            }),
            returned: Condvar::new(),
            max_readers: max_readers.max(1),
            writer: Mutex::new(keyring),
            queue: Mutex::new(Queue::default()),
            queued: Condvar::new(),
        });
        let committer = {
            let shared = shared.clone();
            std::thread::Builder::new()
                .name("lkms-audit".into())
                .spawn(move || shared.commit_until_closed())
                .map_err(|e| Error::io("starting the audit trail's committer thread", e))?
        };
        // Checkpoints on a handle of their own: a commit that ran one would
        // keep every request of its group waiting for it. A database
        // server checkpoints by itself.
        let checkpointer = if lock(&shared.writer).store_is_remote() {
            None
        } else {
            let handle = lock(&shared.writer).try_clone()?;
            lock(&shared.writer).defer_checkpoints()?;
            let (stop, stopped) = mpsc::channel::<()>();
            std::thread::Builder::new()
                .name("lkms-checkpoint".into())
                .spawn(move || checkpoint_until(&handle, &stopped))
                .map_err(|e| Error::io("starting the checkpoint thread", e))?;
            Some(stop)
        };
        Ok(Service {
            shared,
            committer: Some(committer),
            _checkpointer: checkpointer,
        })
    }

    /// Runs `request` as `principal` at `now`, and returns once its audit
    /// record is committed.
    pub fn call(
        &self,
        principal: &Principal,
        now: OffsetDateTime,
        request: &Request,
    ) -> Result<Value> {
        let (done, recorded) = mpsc::sync_channel(1);
        let result = self.call_then(
            principal,
            now,
            request,
            Box::new(move |r| {
                let _ = done.send(r);
            }),
        );
        settle(result, recorded.recv().ok())
    }

    /// Runs `request` as `principal` at `now` on this thread and returns
    /// its result, which may be given only once `recorded` reports its
    /// audit record durable (see [`settle`]). A change commits with its
    /// record before it returns; a read's record is committed by the
    /// committer thread, later. `recorded` is dropped uncalled when the
    /// call could not even be recorded (no read handle).
    pub fn call_then(
        &self,
        principal: &Principal,
        now: OffsetDateTime,
        request: &Request,
        recorded: Recorded,
    ) -> Result<Value> {
        if request.changes_keyring() {
            let mut kr = lock(&self.shared.writer);
            kr.act_as(principal.clone(), now);
            let result = super::execute(&mut kr, request);
            drop(kr);
            recorded(Ok(()));
            return result;
        }
        let (result, entry) = self.with_reader(|kr| {
            kr.act_as(principal.clone(), now);
            Ok(super::execute_deferred(kr, request))
        })?;
        match entry {
            Some(entry) => self.record(entry, recorded),
            // It ran as a change (it made the default key), record included.
            None => recorded(Ok(())),
        }
        result
    }

    /// Records a call refused before it reached an operation (a request
    /// whose signature failed, say), as `principal`; `recorded` is told
    /// when the record is durable.
    pub fn refused(
        &self,
        principal: &Principal,
        now: OffsetDateTime,
        call: &Call,
        error: &Error,
        recorded: Recorded,
    ) -> Result<()> {
        let entry = self.with_reader(|kr| {
            kr.act_as(principal.clone(), now);
            Ok(kr.audit_entry::<Value, _>(call, &Err(error)))
        })?;
        self.record(entry, recorded);
        Ok(())
    }

    /// Runs a read on a handle of the pool.
    pub fn with_reader<T>(&self, f: impl FnOnce(&mut Keyring) -> Result<T>) -> Result<T> {
        let shared = &*self.shared;
        let mut kr = shared.take_reader()?;
        let result = f(&mut kr);
        lock(&shared.readers).idle.push(kr);
        shared.returned.notify_one();
        result
    }

    /// Queues `entry` for the committer.
    fn record(&self, entry: Entry, recorded: Recorded) {
        let shared = &*self.shared;
        let mut queue = lock(&shared.queue);
        if queue.closed {
            drop(queue);
            recorded(Err(Error::validation(
                "internal: the audit committer has stopped",
            )));
            return;
        }
        queue.waiting.push((entry, recorded));
        // Waking a thread is a system call: only when it sleeps.
        if std::mem::take(&mut queue.idle) {
            shared.queued.notify_one();
        }
    }
}

/// The answer to give for a call whose result is `result` and whose audit
/// record's commit went as `recorded` says (`None`: never told).
pub fn settle(result: Result<Value>, recorded: Option<Result<()>>) -> Result<Value> {
    match recorded {
        Some(Ok(())) => result,
        Some(Err(e)) => Err(e),
        None => result.and(Err(Error::validation(
            "internal: an audit record was neither committed nor refused",
        ))),
    }
}

impl Drop for Service {
    /// Commits what is queued, then stops the committer.
    fn drop(&mut self) {
        lock(&self.shared.queue).closed = true;
        self.shared.queued.notify_all();
        if let Some(committer) = self.committer.take() {
            let _ = committer.join();
        }
    }
}

impl Shared {
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

    /// The committer: appends whatever is queued in one transaction, tells
    /// each caller, and again, until the service closes.
    fn commit_until_closed(&self) {
        loop {
            let batch = {
                let mut queue = lock(&self.queue);
                while queue.waiting.is_empty() && !queue.closed {
                    queue.idle = true;
                    queue = self
                        .queued
                        .wait(queue)
                        .unwrap_or_else(PoisonError::into_inner);
                    queue.idle = false;
                }
                if queue.waiting.is_empty() {
                    return;
                }
                std::mem::take(&mut queue.waiting)
            };
            let (entries, waiting): (Vec<_>, Vec<_>) = batch.into_iter().unzip();
            let result = lock(&self.writer).append_audit(entries);
            for recorded in waiting {
                recorded(match &result {
                    Ok(()) => Ok(()),
                    Err(e) => Err(shared_failure(e)),
                });
            }
        }
    }
}

/// How often the checkpoint thread copies the log into the database: often
/// enough that the log stays a few megabytes under a full load.
const CHECKPOINT_EVERY: std::time::Duration = std::time::Duration::from_millis(100);

/// The checkpoint thread: checkpoints `handle`'s store until `stopped`
/// hangs up. A failed checkpoint is retried at the next turn (the log only
/// grows meanwhile).
fn checkpoint_until(handle: &Keyring, stopped: &mpsc::Receiver<()>) {
    while let Err(mpsc::RecvTimeoutError::Timeout) = stopped.recv_timeout(CHECKPOINT_EVERY) {
        let _ = handle.checkpoint();
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

    /// A served keyring, its administrator and a key of theirs.
    fn served() -> (tempfile::TempDir, Service, Principal, String) {
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
        let service = Service::new(kr, 3).expect("service");
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
        (dir, service, admin, key)
    }

    /// A read's caller is told only once its record is in the store: at
    /// that moment another connection already reads it back.
    #[test]
    fn a_read_is_reported_recorded_only_once_its_record_is_committed() {
        let (_dir, service, admin, key) = served();
        let observer = lock(&service.shared.writer).try_clone().expect("clone");
        let (done, seen) = mpsc::channel();
        let request = Request::Encrypt(EncryptRequest {
            key_id: key.to_owned(),
            plaintext: b"audited".to_vec().into(),
            ..EncryptRequest::default()
        });
        let result = service.call_then(
            &admin,
            OffsetDateTime::now_utc(),
            &request,
            Box::new(move |recorded| {
                let encrypts = observer
                    .audit_records(&crate::audit::Filter::default())
                    .map(|r| r.iter().filter(|r| r.operation == "Encrypt").count());
                let _ = done.send((recorded.is_ok(), encrypts.ok()));
            }),
        );
        assert!(result.is_ok());
        assert_eq!(seen.recv().expect("told"), (true, Some(1)));
    }

    /// Calls from many threads at once, reads and writes mixed: each is
    /// answered, each has exactly one audit record, and the chain verifies.
    #[test]
    fn concurrent_calls_each_get_one_durable_record() {
        let (_dir, service, admin, key) = served();
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
        let kr = lock(&service.shared.writer);
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
