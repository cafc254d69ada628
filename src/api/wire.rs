//! The AWS JSON 1.1 protocol's conventions, without HTTP: how a request
//! body becomes a request, how an error becomes a response body, and how
//! timestamps travel (epoch seconds, where the CLI prints ISO 8601).

use serde::Deserialize;
use serde::de::DeserializeOwned;
use serde_json::Value;
use time::OffsetDateTime;

use crate::error::{Error, ErrorClass};

/// The service name before the operation in `X-Amz-Target`.
pub const TARGET_PREFIX: &str = "TrentService.";

/// The content type of requests and responses.
pub const CONTENT_TYPE: &str = "application/x-amz-json-1.1";

/// Deepest JSON nesting a request may have; the deepest request shape
/// (a grant's constraints) nests four levels.
const MAX_DEPTH: usize = 16;

/// The operation an `X-Amz-Target` header names.
pub fn operation_of(target: &str) -> Result<&str, Error> {
    match target.strip_prefix(TARGET_PREFIX) {
        Some(op) if !op.is_empty() => Ok(op),
        _ => Err(Error::UnknownOperation(format!(
            "X-Amz-Target {target:?} does not name an operation of {}",
            TARGET_PREFIX.trim_end_matches('.')
        ))),
    }
}

/// Parses a request body into an operation's request. An empty body is an
/// empty object, as AWS SDKs send `{}` for a request without members.
pub(super) fn parse<T: DeserializeOwned>(body: &[u8]) -> Result<T, Error> {
    let body = if body.iter().all(u8::is_ascii_whitespace) {
        b"{}".as_slice()
    } else {
        body
    };
    check_depth(body)?;
    let value: Value = serde_json::from_slice(body)
        .map_err(|e| Error::Serialization(format!("the request body is not valid JSON: {e}")))?;
    if !value.is_object() {
        return Err(Error::Serialization(
            "the request body must be a JSON object".to_owned(),
        ));
    }
    T::deserialize(value).map_err(member_error)
}

/// Refuses nesting deeper than any request has, before parsing, so hostile
/// input cannot exhaust the stack.
fn check_depth(body: &[u8]) -> Result<(), Error> {
    if crate::limits::json_depth(body) > MAX_DEPTH {
        return Err(Error::Serialization(format!(
            "the request body nests deeper than {MAX_DEPTH} levels"
        )));
    }
    Ok(())
}

/// AWS's wording for a member that is missing or has the wrong value.
fn member_error(e: serde_json::Error) -> Error {
    let text = e.to_string();
    if let Some(name) = text
        .strip_prefix("missing field `")
        .and_then(|rest| rest.split('`').next())
    {
        return Error::validation(format!(
            "1 validation error detected: Value null at '{}' failed to satisfy constraint: Member must not be null",
            lower_first(name)
        ));
    }
    if text.starts_with("invalid type") {
        return Error::Serialization(format!("a member has the wrong type: {text}"));
    }
    Error::validation(format!("a member has an invalid value: {text}"))
}

/// `KeyId` -> `keyId`, as AWS names members in validation messages.
fn lower_first(name: &str) -> String {
    let mut chars = name.chars();
    match chars.next() {
        Some(c) => c.to_ascii_lowercase().to_string() + chars.as_str(),
        None => String::new(),
    }
}

/// An error as the protocol answers it: HTTP status, `__type`, message.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WireError {
    /// The HTTP status.
    pub status: u16,
    /// The exception's name (`__type`).
    pub exception: &'static str,
    /// The message.
    pub message: String,
}

impl WireError {
    /// The response body: `{"__type": ..., "message": ...}`.
    pub fn body(&self) -> Vec<u8> {
        serde_json::json!({ "__type": self.exception, "message": self.message })
            .to_string()
            .into_bytes()
    }
}

/// How an error is answered. A refusal of the KMS model is a 400 with its
/// exception; a failure of the keyring or the machine is AWS's
/// `KMSInternalException` (500) or, when the keyring's write lock was busy
/// too long or its database is out of reach, the retryable
/// `DependencyTimeoutException` (503), with a
/// message that names no path (the server's log has the detail).
pub fn error(e: &Error) -> WireError {
    match (e, e.class()) {
        (Error::DryRun, _) => WireError {
            status: 412,
            exception: e.exception(),
            message: e.to_string(),
        },
        (_, ErrorClass::Service) => WireError {
            status: 400,
            exception: e.exception(),
            message: e.to_string(),
        },
        (Error::Io { source, .. }, _) if source.kind() == std::io::ErrorKind::WouldBlock => {
            WireError {
                status: 503,
                exception: "DependencyTimeoutException",
                message: "the keyring was busy; retry the request".to_owned(),
            }
        }
        (Error::Io { source, .. }, _) if source.kind() == std::io::ErrorKind::NotConnected => {
            WireError {
                status: 503,
                exception: "DependencyTimeoutException",
                message: "the keyring's database is unreachable; retry the request".to_owned(),
            }
        }
        _ => WireError {
            status: 500,
            exception: "KMSInternalException",
            message: format!(
                "the keyring could not complete the request ({}); the server's log has the details",
                e.exception()
            ),
        },
    }
}

/// Deserializes an optional timestamp sent as epoch seconds.
pub(super) fn epoch_seconds_opt<'de, D: serde::Deserializer<'de>>(
    d: D,
) -> Result<Option<OffsetDateTime>, D::Error> {
    let Some(seconds) = Option::<f64>::deserialize(d)? else {
        return Ok(None);
    };
    if !seconds.is_finite() {
        return Err(serde::de::Error::custom("a timestamp is not a number"));
    }
    OffsetDateTime::from_unix_timestamp_nanos((seconds * 1e9) as i128)
        .map(Some)
        .map_err(|_| serde::de::Error::custom(format!("timestamp {seconds} is out of range")))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::api::{Request, decode};

    #[test]
    fn targets_name_operations() {
        assert_eq!(operation_of("TrentService.Encrypt").ok(), Some("Encrypt"));
        for bad in ["Encrypt", "TrentService.", "Other.Encrypt", ""] {
            let e = operation_of(bad).expect_err(bad);
            assert_eq!(e.exception(), "UnknownOperationException");
        }
        let e = decode("Frobnicate", b"{}").expect_err("unknown");
        assert_eq!(e.exception(), "UnknownOperationException");
    }

    #[test]
    fn bodies_decode_with_base64_blobs() {
        let r = decode(
            "Encrypt",
            br#"{"KeyId":"alias/a","Plaintext":"aGk=","EncryptionContext":{"k":"v"}}"#,
        )
        .expect("decode");
        let Request::Encrypt(e) = &r else {
            panic!("not Encrypt: {r:?}")
        };
        assert_eq!(e.plaintext.expose(), b"hi");
        // The audit view has the members but never the blob.
        let view = r.audit_view();
        assert_eq!(view["KeyId"], "alias/a");
        assert_eq!(view["EncryptionContext"]["k"], "v");
        assert!(view.get("Plaintext").is_none(), "{view}");
        assert!(!format!("{r:?}").contains("aGk="));
    }

    #[test]
    fn malformed_bodies_get_aws_exceptions() {
        let cases: [(&[u8], &str); 7] = [
            (b"{", "SerializationException"),
            (b"[1]", "SerializationException"),
            (
                br#"{"KeyId": 5, "Plaintext": "aGk="}"#,
                "SerializationException",
            ),
            (br#"{"Plaintext": "aGk="}"#, "ValidationException"),
            (br#"{"KeyId":"k","Plaintext":"***"}"#, "ValidationException"),
            (
                br#"{"KeyId":"k","Plaintext":"aGk=","EncryptionAlgorithm":"ROT13"}"#,
                "ValidationException",
            ),
            (&[b'['; 100_000], "SerializationException"),
        ];
        for (body, exception) in cases {
            let e = decode("Encrypt", body).expect_err("malformed");
            assert_eq!(
                e.exception(),
                exception,
                "{}: {e}",
                String::from_utf8_lossy(&body[..body.len().min(60)])
            );
        }
        let e = decode("Encrypt", br#"{"Plaintext": "aGk="}"#).expect_err("missing");
        assert!(e.to_string().contains("Value null at 'keyId'"), "{e}");
    }

    #[test]
    fn empty_bodies_are_empty_requests() {
        assert!(matches!(decode("ListKeys", b""), Ok(Request::ListKeys(_))));
        assert!(matches!(
            decode("ListKeys", b" {} "),
            Ok(Request::ListKeys(_))
        ));
    }

    #[test]
    fn errors_answer_with_status_and_type() {
        let e = error(&Error::NotFound("no such key".into()));
        assert_eq!((e.status, e.exception), (400, "NotFoundException"));
        let body: Value = serde_json::from_slice(&e.body()).expect("json");
        assert_eq!(body["__type"], "NotFoundException");
        assert_eq!(body["message"], "no such key");
        assert_eq!(error(&Error::DryRun).status, 412);
        let corrupt = Error::KeyringCorrupt {
            path: "/secret/path/keyring.db".into(),
            reason: "x".into(),
        };
        let e = error(&corrupt);
        assert_eq!((e.status, e.exception), (500, "KMSInternalException"));
        assert!(!e.message.contains("/secret/path"), "{}", e.message);
    }

    #[test]
    fn timestamps_arrive_as_epoch_seconds() {
        let r = decode(
            "ImportKeyMaterial",
            br#"{"KeyId":"k","ImportToken":"","EncryptedKeyMaterial":"","ValidTo":1767225600.5}"#,
        )
        .expect("decode");
        let Request::ImportKeyMaterial(i) = r else {
            panic!("not ImportKeyMaterial")
        };
        let t = i.valid_to.expect("valid to");
        assert_eq!(t.unix_timestamp(), 1_767_225_600);
        assert_eq!(t.millisecond(), 500);
    }
}
