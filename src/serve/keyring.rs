//! The keyring behind `lkms serve`: unlocked once, at start, with the
//! command's credential, and shared by every request through
//! [`lkms::api::Service`]: the same requests and the same dispatch as the
//! command line, each run as the principal its access key belongs to.

use std::sync::Arc;

use lkms::access_key::AccessKeyStatus;
use lkms::api::{self, Recorded, Service, wire};
use lkms::keyring::{Call, Principal};
use lkms::sigv4::SecretKey;
use serde_json::{Value, json};
use time::OffsetDateTime;

use super::backend::{Backend, Durable, Refusal, Reply, Step};
use crate::cli::Context;
use crate::cli::exit::CliResult;

/// Who a refused request is recorded as when its access key is unknown.
const UNAUTHENTICATED: &str = "unauthenticated";

/// Unlocks the keyring and returns the backend the server drives.
pub fn backend(ctx: &Context<'_>, max_readers: usize) -> CliResult<Arc<dyn Backend>> {
    let keyring = ctx.open()?;
    Ok(Arc::new(KeyringBackend {
        region: keyring.region().to_owned(),
        remote: keyring.store_is_remote(),
        service: Service::new(keyring, max_readers)?,
    }))
}

/// The unlocked keyring.
struct KeyringBackend {
    region: String,
    /// The store is a database across the network: every call to it may
    /// wait for a round trip or a reconnection, so none runs as a brief
    /// call on an async thread.
    remote: bool,
    service: Service,
}

impl KeyringBackend {
    /// Runs `f`, which reads the store, where it may block: in place on
    /// an async thread for the embedded store (microseconds), handing the
    /// thread's other work to another first for a remote one.
    fn reading<T>(&self, f: impl FnOnce() -> T) -> T {
        if self.remote {
            tokio::task::block_in_place(f)
        } else {
            f()
        }
    }

    /// Records a refused call; a failure to record is reported on the
    /// server's log (the request is refused either way).
    fn record_refusal(
        &self,
        principal: &str,
        operation: &str,
        request: Value,
        error: &lkms::Error,
    ) -> Durable {
        let principal = principal
            .parse::<Principal>()
            .or_else(|_| UNAUTHENTICATED.parse())
            .unwrap_or_else(|_| unreachable!("a valid principal name"));
        let call = Call {
            operation: operation.to_owned(),
            request,
        };
        let (tx, durable) = Durable::later();
        let what = format!("recording a refused {operation} call");
        let recorded: Recorded = Box::new(move |result| {
            if let Err(e) = result {
                eprintln!("lkms serve: {what}: {e}");
            }
            let _ = tx.send(Ok(()));
        });
        match self.service.refused(
            &principal,
            OffsetDateTime::now_utc(),
            &call,
            error,
            recorded,
        ) {
            Ok(()) => durable,
            Err(e) => {
                eprintln!("lkms serve: recording a refused {operation} call: {e}");
                Durable::now()
            }
        }
    }
}

/// The reply to a call's result: its JSON, or AWS's error for it (one
/// inside the service is also reported on the server's log).
fn reply(operation: &str, principal: &str, result: lkms::Result<Value>) -> Reply {
    match result {
        Ok(response) => Reply {
            status: 200,
            body: match response {
                Value::Null => b"{}".to_vec(),
                v => v.to_string().into_bytes(),
            },
            error_type: None,
        },
        Err(e) => {
            let wire = wire::error(&e);
            if wire.status >= 500 {
                eprintln!("lkms serve: {operation} for {principal}: {e}");
            }
            Reply {
                status: wire.status,
                body: wire.body(),
                error_type: Some(wire.exception.to_owned()),
            }
        }
    }
}

impl Backend for KeyringBackend {
    fn region(&self) -> &str {
        &self.region
    }

    fn access_key(&self, access_key_id: &str) -> Result<Option<(String, SecretKey)>, Reply> {
        let found = self.reading(|| {
            self.service
                .with_reader(|kr| kr.access_key_secret(access_key_id))
        });
        match found {
            Ok(Some((key, secret))) if key.status == AccessKeyStatus::Active => Ok(Some((
                key.principal.to_string(),
                SecretKey::from_text(secret.expose()),
            ))),
            Ok(_) => Ok(None),
            Err(e) => {
                eprintln!("lkms serve: looking up access key {access_key_id}: {e}");
                Reply::unavailable(&e).map_or(Ok(None), Err)
            }
        }
    }

    fn call(
        self: Arc<Self>,
        principal: &str,
        access_key_id: &str,
        operation: &str,
        body: &[u8],
    ) -> Step {
        let p = match principal.parse::<Principal>() {
            Ok(p) => p,
            Err(e) => return Step::Ran(reply(operation, principal, Err(e)), Durable::now()),
        };
        let request = match api::decode(operation, body) {
            Ok(request) => request,
            Err(e) => {
                let durable = self.record_refusal(
                    principal,
                    operation,
                    json!({ "AccessKeyId": access_key_id }),
                    &e,
                );
                return Step::Ran(reply(operation, principal, Err(e)), durable);
            }
        };
        if !request.is_brief() || self.remote {
            return Step::Blocking(Box::new(move || {
                let result = lkms::timestamp::as_epoch_seconds(|| {
                    self.service.call(&p, OffsetDateTime::now_utc(), &request)
                });
                reply(request.operation(), p.as_str(), result)
            }));
        }
        let (tx, durable) = Durable::later();
        let (op, who) = (request.operation(), principal.to_owned());
        let recorded: Recorded = Box::new(move |result| {
            let _ = tx.send(result.map_err(|e| reply(op, &who, Err(e))));
        });
        let result = lkms::timestamp::as_epoch_seconds(|| {
            self.service
                .call_then(&p, OffsetDateTime::now_utc(), &request, recorded)
        });
        Step::Ran(reply(operation, principal, result), durable)
    }

    fn refused(&self, refusal: &Refusal) -> Durable {
        let principal = refusal
            .access_key_id
            .as_deref()
            .and_then(|id| self.access_key(id).ok().flatten())
            .map_or_else(|| UNAUTHENTICATED.to_owned(), |(p, _)| p);
        let error = lkms::Error::Refused {
            exception: refusal.exception,
            message: refusal.message.clone(),
        };
        self.record_refusal(
            &principal,
            refusal.operation.as_deref().unwrap_or("-"),
            json!({
                "AccessKeyId": refusal.access_key_id,
                "SourceIPAddress": refusal.peer.ip().to_string(),
            }),
            &error,
        )
    }
}
