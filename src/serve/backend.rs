//! The boundary between the HTTP layer and the keyring: what a request
//! needs from lkms once it has been read off the wire.

use std::net::SocketAddr;

use lkms::sigv4::SecretKey;

/// What the HTTP layer needs from the keyring. Calls block (SQLite); the
/// server runs them off the async threads.
pub trait Backend: Send + Sync + 'static {
    /// The region requests must be signed for (the service is `kms`).
    fn region(&self) -> &str;
    /// The principal and secret of an access key, if it exists and is
    /// active.
    fn access_key(&self, access_key_id: &str) -> Option<(String, SecretKey)>;
    /// Runs one KMS operation (`operation` is the part after
    /// `TrentService.`) for `principal`; the HTTP status and JSON body of
    /// its success or AWS error.
    fn call(&self, principal: &str, access_key_id: &str, operation: &str, body: &[u8]) -> Reply;
    /// Records a request refused before it reached an operation
    /// (authentication failure, protocol error) in the audit trail.
    fn refused(&self, refusal: &Refusal);
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
