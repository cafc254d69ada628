//! The boundary between the HTTP layer and the keyring: what a request
//! needs from lkms once it has been read off the wire.

use std::net::SocketAddr;
use std::sync::Arc;

use lkms::sigv4::SecretKey;
use tokio::sync::oneshot;

/// What the HTTP layer needs from the keyring. Lookups and brief calls run
/// on the async threads (a few microseconds of SQLite reads from cache and
/// cryptography); what may block for long says so ([`Step::Blocking`]), or,
/// for a store across the network, steps off the async thread itself.
pub trait Backend: Send + Sync + 'static {
    /// The region requests must be signed for (the service is `kms`).
    fn region(&self) -> &str;
    /// The principal and secret of an access key, if it exists and is
    /// active; the reply to send instead when the keyring's store cannot
    /// be reached (a retryable error, not a refusal of the key).
    fn access_key(&self, access_key_id: &str) -> Result<Option<(String, SecretKey)>, Reply>;
    /// Runs one KMS operation (`operation` is the part after
    /// `TrentService.`) for `principal`, or says it must run where it may
    /// block.
    fn call(
        self: Arc<Self>,
        principal: &str,
        access_key_id: &str,
        operation: &str,
        body: &[u8],
    ) -> Step;
    /// Records a request refused before it reached an operation
    /// (authentication failure, protocol error) in the audit trail.
    fn refused(&self, refusal: &Refusal) -> Durable;
}

/// Where a call stands when [`Backend::call`] returns.
pub enum Step {
    /// It ran: the reply, to send once its audit record is durable.
    Ran(Reply, Durable),
    /// It has yet to run, on a thread that may block (a change waits for
    /// its transaction); the reply comes with its record committed.
    Blocking(Box<dyn FnOnce() -> Reply + Send>),
}

/// Word of an audit record's commit: nothing to wait for, or a failure's
/// reply to send instead of the call's.
pub struct Durable(Option<oneshot::Receiver<Result<(), Reply>>>);

impl Durable {
    /// Nothing to wait for (the record is committed, or there is none).
    pub fn now() -> Durable {
        Durable(None)
    }

    /// A record to wait for, and the sender to tell through.
    pub fn later() -> (oneshot::Sender<Result<(), Reply>>, Durable) {
        let (tx, rx) = oneshot::channel();
        (tx, Durable(Some(rx)))
    }

    /// Waits for the record, then the reply to send: `reply`, or the
    /// failure to record it. A record never reported (the call could not
    /// even be recorded) leaves an error reply as it is and turns a
    /// success into an internal error: nothing is answered unaudited.
    pub async fn settle(self, reply: Reply) -> Reply {
        let Some(rx) = self.0 else {
            return reply;
        };
        match rx.await {
            Ok(Ok(())) => reply,
            Ok(Err(failed)) => failed,
            Err(_) if reply.error_type.is_some() => reply,
            Err(_) => Reply::internal(),
        }
    }
}

/// The answer to one operation.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Reply {
    /// The HTTP status: 200, or AWS's status for the error.
    pub status: u16,
    /// The JSON body: the response shape, or `{"__type", "message"}`.
    pub body: Vec<u8>,
    /// The exception name, for the `x-amzn-ErrorType` header and the
    /// access log; `None` on success.
    pub error_type: Option<String>,
}

impl Reply {
    /// AWS's answer to `e`, or `None` when `e` is not the store being out
    /// of reach.
    pub fn unavailable(e: &lkms::Error) -> Option<Reply> {
        let wire = lkms::api::wire::error(e);
        (wire.status == 503).then(|| Reply {
            status: wire.status,
            body: wire.body(),
            error_type: Some(wire.exception.to_owned()),
        })
    }

    /// AWS's answer to a failure inside the service.
    pub fn internal() -> Reply {
        Reply {
            status: 500,
            body:
                br#"{"__type":"KMSInternalException","message":"The request failed inside lkms"}"#
                    .to_vec(),
            error_type: Some("KMSInternalException".into()),
        }
    }
}

/// A request refused before it reached an operation.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Refusal {
    /// The operation named by `X-Amz-Target`, when there was one.
    pub operation: Option<String>,
    /// The access key id the request claimed, when it could be read.
    pub access_key_id: Option<String>,
    /// AWS's exception name for the refusal.
    pub exception: &'static str,
    /// What was wrong, in AWS's words where known; never a secret.
    pub message: String,
    /// Who sent it.
    pub peer: SocketAddr,
}
