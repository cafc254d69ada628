//! One request of the AWS KMS JSON protocol (awsJson1_1), from its head to
//! its answer: the health check, the failed-authentication limit, the body
//! limits, SigV4, then the protocol's own checks, then the operation.
//!
//! The signature is checked before anything of the request is looked at
//! (but its size), so a client that cannot sign learns nothing but that.
//! Statuses and exception names are AWS's (its common errors; the JSON
//! protocol's refusals as AWS's JSON services answer them): see
//! docs/SERVE.md.

use std::convert::Infallible;
use std::net::SocketAddr;
use std::sync::Arc;
use std::time::{Duration, Instant};

use bytes::{Bytes, BytesMut};
use http_body_util::{BodyExt, Full};
use hyper::body::Incoming;
use hyper::header::{CONNECTION, CONTENT_LENGTH, CONTENT_TYPE, HeaderValue};
use hyper::{Method, Request, Response, StatusCode};
use lkms::sigv4::{Expect, SignedRequest};
use time::OffsetDateTime;

use super::access_log::{AccessLog, Entry};
use super::backend::{Backend, Refusal, Reply, Step};
use super::throttle::{Throttle, Verdict};

/// The content type of every JSON answer, as AWS KMS sends it.
const JSON: &str = "application/x-amz-json-1.1";
/// The prefix of `X-Amz-Target` for AWS KMS.
const TARGET_PREFIX: &str = "TrentService.";
/// The service requests are signed for.
const SERVICE: &str = "kms";
/// The health check's answer: nothing about the keyring.
const HEALTHY: &str = "healthy: lkms\n";

/// The body of an answer.
pub type Body = Full<Bytes>;

/// What every request handler shares.
pub struct Shared {
    /// The keyring.
    pub backend: Arc<dyn Backend>,
    /// Failed authentications by client.
    pub throttle: Throttle,
    /// Derived SigV4 signing keys (the secret is still asked for, and
    /// compared, on every request).
    pub signing_keys: lkms::sigv4::SigningKeyCache,
    /// Where each request is logged.
    pub log: AccessLog,
    /// The largest body read.
    pub max_body: u64,
    /// How long a body may take to arrive.
    pub body_timeout: Duration,
}

/// The answer to one request, before it becomes an HTTP response.
struct Answer {
    status: u16,
    body: Bytes,
    content_type: &'static str,
    exception: Option<String>,
    /// Close the connection after it (the body was not read to its end).
    close: bool,
    access_key_id: Option<String>,
}

impl Answer {
    /// An AWS error: `{"__type": …, "message": …}`.
    fn error(status: u16, exception: &str, message: &str) -> Answer {
        let body = serde_json::json!({ "__type": exception, "message": message });
        Answer {
            status,
            body: Bytes::from(body.to_string()),
            content_type: JSON,
            exception: Some(exception.to_owned()),
            close: false,
            access_key_id: None,
        }
    }

    fn closing(mut self) -> Answer {
        self.close = true;
        self
    }

    fn by(mut self, access_key_id: Option<String>) -> Answer {
        self.access_key_id = access_key_id;
        self
    }
}

/// Answers one request and logs it; never fails (every failure is an
/// answer).
pub async fn handle(
    shared: Arc<Shared>,
    peer: SocketAddr,
    req: Request<Incoming>,
) -> Result<Response<Body>, Infallible> {
    let started = Instant::now();
    let time = OffsetDateTime::now_utc();
    let request_id = lkms::crypto::random_uuid();
    let operation = operation_of(&req);
    let answer = answer(&shared, peer, operation.clone(), req, started).await;
    shared.log.record(Entry {
        time,
        peer,
        access_key_id: answer.access_key_id.clone(),
        operation,
        status: answer.status,
        exception: answer.exception.clone(),
        micros: u64::try_from(started.elapsed().as_micros()).unwrap_or(u64::MAX),
        request_id,
    });
    Ok(response(answer, request_id))
}

/// Answers a request on a connection over the limit: 503, and the
/// connection closes (AWS's SDKs retry a 503 after a pause).
pub fn busy<B>(
    shared: &Shared,
    peer: SocketAddr,
    req: Request<B>,
) -> Result<Response<Body>, Infallible> {
    let request_id = lkms::crypto::random_uuid();
    let answer = Answer::error(
        503,
        "ServiceUnavailableException",
        "lkms serve has as many connections as --max-connections allows; retry later",
    )
    .closing();
    shared.log.record(Entry {
        time: OffsetDateTime::now_utc(),
        peer,
        access_key_id: None,
        operation: operation_of(&req),
        status: answer.status,
        exception: answer.exception.clone(),
        micros: 0,
        request_id,
    });
    Ok(response(answer, request_id))
}

fn response(answer: Answer, request_id: uuid::Uuid) -> Response<Body> {
    let mut response = Response::new(Full::new(answer.body));
    *response.status_mut() =
        StatusCode::from_u16(answer.status).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
    let headers = response.headers_mut();
    headers.insert(CONTENT_TYPE, HeaderValue::from_static(answer.content_type));
    let mut id = uuid::Uuid::encode_buffer();
    if let Ok(v) = HeaderValue::from_str(request_id.hyphenated().encode_lower(&mut id)) {
        headers.insert("x-amzn-requestid", v);
    }
    if let Some(v) = answer
        .exception
        .as_deref()
        .and_then(|e| HeaderValue::from_str(e).ok())
    {
        headers.insert("x-amzn-errortype", v);
    }
    if answer.close {
        headers.insert(CONNECTION, HeaderValue::from_static("close"));
    }
    response
}

/// The operation `X-Amz-Target` names, for the log and the audit trail.
fn operation_of<B>(req: &Request<B>) -> Option<String> {
    let target = req.headers().get("x-amz-target")?.to_str().ok()?;
    Some(
        target
            .strip_prefix(TARGET_PREFIX)
            .unwrap_or(target)
            .to_owned(),
    )
}

async fn answer(
    shared: &Arc<Shared>,
    peer: SocketAddr,
    operation: Option<String>,
    req: Request<Incoming>,
    started: Instant,
) -> Answer {
    if is_health_check(&req) {
        let body = if req.method() == Method::HEAD {
            Bytes::new()
        } else {
            Bytes::from_static(HEALTHY.as_bytes())
        };
        return Answer {
            status: 200,
            body,
            content_type: "text/plain; charset=utf-8",
            exception: None,
            close: false,
            access_key_id: None,
        };
    }

    if let Verdict::Throttled { report } = shared.throttle.verdict(peer.ip(), started) {
        let answer = Answer::error(400, "ThrottlingException", "Rate exceeded").closing();
        if report {
            let refusal = Refusal {
                operation,
                access_key_id: None,
                exception: "ThrottlingException",
                message: "too many failed authentications from this address; its requests are refused unchecked for a while".into(),
                peer,
            };
            report_refusal(shared, refusal).await;
        }
        return answer;
    }

    let (parts, body) = req.into_parts();
    let declared = parts
        .headers
        .get(CONTENT_LENGTH)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.parse::<u64>().ok());
    let body = match declared {
        Some(n) if n > shared.max_body => Err(BodyError::TooLarge),
        _ => match tokio::time::timeout(
            shared.body_timeout,
            read_body(body, shared.max_body, declared),
        )
        .await
        {
            Ok(result) => result,
            Err(_) => Err(BodyError::Timeout),
        },
    };
    let body = match body {
        Ok(body) => body,
        Err(e) => {
            let (status, exception, message) = match e {
                BodyError::TooLarge => (
                    413,
                    "RequestEntityTooLargeException",
                    format!("Request body must be at most {} bytes", shared.max_body),
                ),
                BodyError::Timeout => (
                    408,
                    "RequestTimeoutException",
                    format!(
                        "Reading the request body timed out after {} s",
                        shared.body_timeout.as_secs_f64()
                    ),
                ),
                BodyError::Broken(e) => (
                    400,
                    "MalformedHttpRequestException",
                    format!("The request body could not be read: {e}"),
                ),
            };
            shared.throttle.failed(peer.ip(), Instant::now());
            let refusal = Refusal {
                operation,
                access_key_id: None,
                exception,
                message: message.clone(),
                peer,
            };
            report_refusal(shared, refusal).await;
            return Answer::error(status, exception, &message).closing();
        }
    };

    authenticated(shared, peer, operation, &parts, body).await
}

/// `GET /` or `HEAD /`: answered without authentication, for health checks
/// (as AWS's DynamoDB answers its `GET /`).
fn is_health_check<B>(req: &Request<B>) -> bool {
    (req.method() == Method::GET || req.method() == Method::HEAD)
        && req.uri().path() == "/"
        && req.uri().query().is_none()
}

/// Why a body was not read.
enum BodyError {
    TooLarge,
    Timeout,
    Broken(hyper::Error),
}

/// Reads a body of at most `limit` bytes; one chunk (the usual case) is
/// kept as it came, without a copy.
async fn read_body(
    mut body: Incoming,
    limit: u64,
    declared: Option<u64>,
) -> Result<Bytes, BodyError> {
    let mut first: Option<Bytes> = None;
    let mut more: Option<BytesMut> = None;
    let mut total: u64 = 0;
    while let Some(frame) = body.frame().await {
        let frame = frame.map_err(BodyError::Broken)?;
        let Ok(data) = frame.into_data() else {
            continue;
        };
        total += data.len() as u64;
        if total > limit {
            return Err(BodyError::TooLarge);
        }
        match (&mut first, &mut more) {
            (None, None) => first = Some(data),
            (Some(f), None) => {
                let capacity = declared.unwrap_or(total).clamp(total, limit);
                let mut buf = BytesMut::with_capacity(usize::try_from(capacity).unwrap_or(0));
                buf.extend_from_slice(f);
                buf.extend_from_slice(&data);
                more = Some(buf);
            }
            (_, Some(buf)) => buf.extend_from_slice(&data),
        }
    }
    Ok(match (first, more) {
        (_, Some(buf)) => buf.freeze(),
        (Some(f), None) => f,
        (None, None) => Bytes::new(),
    })
}

/// Records a refusal in the audit trail and waits until it is durable.
async fn report_refusal(shared: &Shared, refusal: Refusal) {
    shared
        .backend
        .refused(&refusal)
        .settle(Reply::internal())
        .await;
}

/// Refuses a request with AWS's error, once the refusal is in the audit
/// trail.
async fn refuse(
    shared: &Shared,
    peer: SocketAddr,
    operation: &Option<String>,
    (status, exception, message): (u16, &'static str, String),
    access_key_id: Option<String>,
) -> Answer {
    let answer = Answer::error(status, exception, &message).by(access_key_id.clone());
    let refusal = Refusal {
        operation: operation.clone(),
        access_key_id,
        exception,
        message,
        peer,
    };
    report_refusal(shared, refusal).await;
    answer
}

/// Checks the signature, then the protocol, then runs the operation.
async fn authenticated(
    shared: &Arc<Shared>,
    peer: SocketAddr,
    operation: Option<String>,
    parts: &hyper::http::request::Parts,
    body: Bytes,
) -> Answer {
    let backend = &shared.backend;
    let mut headers: Vec<(&str, &str)> = Vec::with_capacity(parts.headers.len());
    for (name, value) in &parts.headers {
        match value.to_str() {
            Ok(v) => headers.push((name.as_str(), v)),
            Err(_) => {
                shared.throttle.failed(peer.ip(), Instant::now());
                let message = format!("The value of header {name} is not visible ASCII");
                let why = (400, "MalformedHttpRequestException", message);
                return refuse(shared, peer, &operation, why, None).await;
            }
        }
    }
    let request = SignedRequest {
        method: parts.method.as_str(),
        path: parts.uri.path(),
        query: parts.uri.query().unwrap_or(""),
        headers: &headers,
        body: &body,
    };
    let expect = Expect {
        region: backend.region(),
        service: SERVICE,
        now: OffsetDateTime::now_utc(),
    };
    let mut principal = None;
    let mut unavailable = None;
    let verified =
        shared
            .signing_keys
            .verify(&request, &expect, |id| match backend.access_key(id) {
                Ok(found) => found.map(|(p, secret)| {
                    principal = Some(p);
                    secret
                }),
                Err(reply) => {
                    unavailable = Some(reply);
                    None
                }
            });
    if let Some(reply) = unavailable {
        // Not the client's fault: no refusal, no throttling; it retries.
        return Answer {
            status: reply.status,
            body: Bytes::from(reply.body),
            content_type: JSON,
            exception: reply.error_type,
            close: false,
            access_key_id: verified.as_ref().ok().map(|v| v.access_key_id.clone()),
        };
    }
    let verified = match verified {
        Ok(v) => v,
        Err(e) => {
            shared.throttle.failed(peer.ip(), Instant::now());
            let id = e.access_key_id().map(str::to_owned);
            return refuse(
                shared,
                peer,
                &operation,
                (400, e.exception(), e.message()),
                id,
            )
            .await;
        }
    };
    let access_key_id = Some(verified.access_key_id.clone());
    let Some(principal) = principal else {
        // verify asked for the secret and got one: the principal came with it.
        return Answer::error(500, "InternalFailure", "The request failed inside lkms")
            .by(access_key_id);
    };

    // From here the client is known: refusals are audited under its key.
    if parts.method != Method::POST || parts.uri.path() != "/" {
        let message = format!(
            "{} {}: lkms serves the AWS KMS API as POST / only",
            parts.method,
            parts.uri.path()
        );
        let why = (404, "UnknownOperationException", message);
        return refuse(shared, peer, &operation, why, access_key_id).await;
    }
    if !is_json(parts.headers.get(CONTENT_TYPE)) {
        let message = "The Content-Type must be application/x-amz-json-1.1".into();
        let why = (404, "UnknownOperationException", message);
        return refuse(shared, peer, &operation, why, access_key_id).await;
    }
    let target = parts
        .headers
        .get("x-amz-target")
        .and_then(|v| v.to_str().ok());
    let op = match target.and_then(|t| t.strip_prefix(TARGET_PREFIX)) {
        Some(op) if is_operation_name(op) => op,
        _ => {
            let message = match target {
                None => "Missing X-Amz-Target header; expected TrentService.<Operation>".into(),
                Some(t) => format!(
                    "X-Amz-Target {}: not an AWS KMS operation (TrentService.<Operation>)",
                    t.chars().take(80).collect::<String>()
                ),
            };
            let why = (400, "UnknownOperationException", message);
            return refuse(shared, peer, &operation, why, access_key_id).await;
        }
    };
    if let Err(problem) = json_object(&body) {
        let why = (400, "SerializationException", problem);
        return refuse(shared, peer, &operation, why, access_key_id).await;
    }

    let id = verified.access_key_id;
    let reply = match backend.clone().call(&principal, &id, op, &body) {
        Step::Ran(reply, durable) => durable.settle(reply).await,
        Step::Blocking(run) => tokio::task::spawn_blocking(run)
            .await
            .unwrap_or_else(|_| Reply::internal()),
    };
    Answer {
        status: reply.status,
        body: Bytes::from(reply.body),
        content_type: JSON,
        exception: reply.error_type,
        close: false,
        access_key_id: Some(id),
    }
}

/// Whether a Content-Type is AWS KMS's JSON (`application/x-amz-json-1.1`,
/// or plain `application/json`, which AWS's JSON services also take).
fn is_json(value: Option<&HeaderValue>) -> bool {
    let Some(value) = value.and_then(|v| v.to_str().ok()) else {
        return false;
    };
    let media = value.split(';').next().unwrap_or("").trim();
    media.eq_ignore_ascii_case(JSON) || media.eq_ignore_ascii_case("application/json")
}

/// An operation name: 1 to 64 ASCII letters and digits, starting with a
/// capital (AWS's operation names).
fn is_operation_name(op: &str) -> bool {
    (1..=64).contains(&op.len())
        && op.starts_with(|c: char| c.is_ascii_uppercase())
        && op.bytes().all(|b| b.is_ascii_alphanumeric())
}

/// Checks that a body is one JSON object, as every KMS request is, nested
/// no deeper than lkms reads any JSON.
fn json_object(body: &[u8]) -> Result<(), String> {
    let first = body.iter().find(|b| !b.is_ascii_whitespace());
    if first != Some(&b'{') {
        return Err(if first.is_none() {
            "The request body is empty; it must be a JSON object".into()
        } else {
            "The request body must be a JSON object".into()
        });
    }
    let text =
        std::str::from_utf8(body).map_err(|_| "The request body is not UTF-8 JSON".to_owned())?;
    lkms::limits::check_json_depth(text, "The request body")?;
    serde_json::from_str::<serde::de::IgnoredAny>(text)
        .map(|_| ())
        .map_err(|e| format!("The request body is not valid JSON: {e}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn json_content_types() {
        let v = |s: &'static str| Some(HeaderValue::from_static(s));
        assert!(is_json(v("application/x-amz-json-1.1").as_ref()));
        assert!(is_json(
            v("Application/X-Amz-Json-1.1; charset=utf-8").as_ref()
        ));
        assert!(is_json(v("application/json").as_ref()));
        assert!(!is_json(v("text/plain").as_ref()));
        assert!(!is_json(v("application/x-www-form-urlencoded").as_ref()));
        assert!(!is_json(None));
    }

    #[test]
    fn operation_names() {
        assert!(is_operation_name("Encrypt"));
        assert!(is_operation_name("GenerateDataKeyPairWithoutPlaintext"));
        assert!(!is_operation_name(""));
        assert!(!is_operation_name("encrypt"));
        assert!(!is_operation_name("Encrypt.More"));
        assert!(!is_operation_name(&"A".repeat(65)));
    }

    #[test]
    fn bodies_must_be_one_json_object() {
        assert!(json_object(b" {\"KeyId\": \"k\"} ").is_ok());
        assert!(json_object(b"").is_err());
        assert!(json_object(b"[1]").is_err());
        assert!(json_object(b"{\"a\":").is_err());
        assert!(json_object(b"{} {}").is_err());
        // Deep nesting is an error, not a crash.
        let deep = format!("{{\"a\":{}{}}}", "[".repeat(10_000), "]".repeat(10_000));
        assert!(json_object(deep.as_bytes()).is_err());
    }
}
