//! The keyring behind `lkms serve`: unlocked once, at start, with the
//! command's credential.
//!
//! This is the seam where the keyring's access keys and `lkms::api` join
//! the server. Until they do, the backend knows the keyring's region and
//! no access key, so every signed request is refused as
//! UnrecognizedClientException before it reaches an operation.

use std::sync::Arc;

use lkms::sigv4::SecretKey;

use super::backend::{Backend, Refusal, Reply};
use crate::cli::Context;
use crate::cli::exit::CliResult;

/// Unlocks the keyring and returns the backend the server drives.
pub fn backend(ctx: &Context<'_>) -> CliResult<Arc<dyn Backend>> {
    let keyring = ctx.open()?;
    Ok(Arc::new(Unjoined {
        region: keyring.region().to_owned(),
    }))
}

/// A backend with the keyring's region and no access keys yet.
struct Unjoined {
    region: String,
}

impl Backend for Unjoined {
    fn region(&self) -> &str {
        &self.region
    }

    fn access_key(&self, _access_key_id: &str) -> Option<(String, SecretKey)> {
        None
    }

    fn call(&self, _principal: &str, _access_key_id: &str, operation: &str, _body: &[u8]) -> Reply {
        let body = serde_json::json!({
            "__type": "UnknownOperationException",
            "message": format!("{operation} is not served yet"),
        });
        Reply {
            status: 400,
            body: body.to_string().into_bytes(),
            error_type: Some("UnknownOperationException".into()),
        }
    }

    fn refused(&self, _refusal: &Refusal) {}
}
