//! AWS Signature Version 4: verifying one request as AWS's JSON services do,
//! and signing requests the same way (for tests and the load generator).
//!
//! Plain strings and bytes, no HTTP crate: `lkms serve` hands each request
//! over as a [`SignedRequest`] and answers a refusal with the
//! [`AuthError::exception`] and [`AuthError::message`] AWS would send.
//! Only the `Authorization` header form is accepted (docs/DECISIONS.md,
//! "SigV4 verification"): presigned query-string requests and temporary
//! credentials (`X-Amz-Security-Token`) are refused.
//!
//! [`verify`] checks, in the order AWS reports them: an `Authorization`
//! header of algorithm `AWS4-HMAC-SHA256` with `Credential`, `SignedHeaders`
//! and `Signature`; a request time (`X-Amz-Date`, else `Date`) within 15
//! minutes of the server's clock either way; `host` and that date header
//! among the signed headers; the credential scope's date, region, service
//! and terminator; a known, active access key; the payload hash; and the
//! signature itself, compared in constant time.
//!
//! A signature made by [`sign`] is accepted by [`verify`]:
//!
//! ```
//! use lkms::sigv4::{self, Expect, SecretKey, SignedRequest, SigningParams};
//!
//! let secret = SecretKey::from_text("wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY");
//! let now = time::macros::datetime!(2026-12-01 10:00:00 UTC);
//! let headers = [
//!     ("Host", "127.0.0.1:4566"),
//!     ("Content-Type", "application/x-amz-json-1.1"),
//!     ("X-Amz-Target", "TrentService.ListKeys"),
//! ];
//! let body = b"{}";
//! let unsigned = SignedRequest { method: "POST", path: "/", query: "", headers: &headers, body };
//! let params = SigningParams {
//!     access_key_id: "AKIALKMSEXAMPLE00001",
//!     secret: &secret,
//!     region: "us-east-1",
//!     service: "kms",
//!     time: now,
//!     content_sha256: false,
//! };
//! let added = sigv4::sign(&unsigned, &params);
//! let mut all = headers.to_vec();
//! all.extend(added.iter());
//! let signed = SignedRequest { headers: &all, ..unsigned };
//!
//! let expect = Expect { region: "us-east-1", service: "kms", now };
//! let verified = sigv4::verify(&signed, &expect, |id| {
//!     (id == "AKIALKMSEXAMPLE00001").then(|| secret.clone())
//! })?;
//! assert_eq!(verified.access_key_id, "AKIALKMSEXAMPLE00001");
//!
//! // Another body is refused.
//! let tampered = SignedRequest { body: b"{\"Limit\":1}", ..signed };
//! let refused = sigv4::verify(&tampered, &expect, |_| Some(secret.clone())).unwrap_err();
//! assert_eq!(refused.exception(), "InvalidSignatureException");
//! # Ok::<(), lkms::sigv4::AuthError>(())
//! ```

mod authorization;
mod cache;
mod canonical;
mod error;

use std::fmt;
use std::sync::Arc;

use subtle::ConstantTimeEq;
use time::OffsetDateTime;
use zeroize::Zeroizing;

pub use authorization::{Authorization, parse_authorization};
pub use cache::SigningKeyCache;
pub use error::{AuthError, Incomplete, Invalid, Missing, ScopeProblem, Unrecognized};

use crate::secret::SecretBytes;

/// The one signing algorithm lkms accepts.
pub const ALGORITHM: &str = "AWS4-HMAC-SHA256";

/// The last element of every credential scope.
pub const TERMINATOR: &str = "aws4_request";

/// How far a request's time may be from the server's clock, either way.
pub const MAX_SKEW: time::Duration = time::Duration::minutes(15);

/// One request as it arrived, in the pieces SigV4 signs.
#[derive(Debug, Clone, Copy)]
pub struct SignedRequest<'a> {
    /// The method, e.g. `POST`.
    pub method: &'a str,
    /// The path as received, still percent-encoded, e.g. `/`.
    pub path: &'a str,
    /// The query string as received, without `?`; often empty.
    pub query: &'a str,
    /// Every header, names in any case, values raw; a name may repeat.
    pub headers: &'a [(&'a str, &'a str)],
    /// The body.
    pub body: &'a [u8],
}

impl<'a> SignedRequest<'a> {
    /// The values of every header called `name` (ASCII case-insensitive),
    /// in the order they arrived.
    fn values(&self, name: &'a str) -> impl Iterator<Item = &'a str> + 'a {
        self.headers
            .iter()
            .filter(move |(n, _)| n.eq_ignore_ascii_case(name))
            .map(|(_, v)| *v)
    }

    /// The value of header `name`; `Err` when it appears more than once.
    fn single(&self, name: &'a str) -> Result<Option<&'a str>, ()> {
        let mut values = self.values(name);
        let first = values.next();
        match values.next() {
            Some(_) => Err(()),
            None => Ok(first),
        }
    }

    /// Whether the query has a parameter called `name` (exactly; AWS's
    /// query-string parameter names are case-sensitive).
    fn has_query_parameter(&self, name: &str) -> bool {
        self.query
            .split('&')
            .any(|pair| pair.split('=').next() == Some(name))
    }
}

/// What the server expects of a request's credential scope and time.
#[derive(Debug, Clone, Copy)]
pub struct Expect<'a> {
    /// The region the server answers for, e.g. `us-east-1`.
    pub region: &'a str,
    /// The service name signed for: `kms`.
    pub service: &'a str,
    /// The server's clock.
    pub now: OffsetDateTime,
}

/// A request whose signature holds.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Verified {
    /// The access key that signed it.
    pub access_key_id: String,
}

/// The secret access key of an access key id: locked in memory, zeroized
/// when its last clone is dropped, never printed (its `Debug` is a
/// placeholder).
///
/// Clones share one buffer, so a server can keep one per access key and
/// hand a clone to every verification without copying (or locking memory
/// for) the secret again.
#[derive(Clone, PartialEq, Eq)]
pub struct SecretKey(Arc<SecretBytes>);

impl SecretKey {
    /// Wraps secret bytes (the secret access key's text, as UTF-8).
    pub fn new(secret: SecretBytes) -> Self {
        SecretKey(Arc::new(secret))
    }

    /// Copies a secret access key from text; the caller's copy is its own to
    /// zeroize.
    pub fn from_text(text: &str) -> Self {
        SecretKey::new(SecretBytes::new(text.as_bytes().to_vec()))
    }

    /// The secret, for the key derivation.
    fn expose(&self) -> &[u8] {
        self.0.expose()
    }
}

impl From<SecretBytes> for SecretKey {
    fn from(secret: SecretBytes) -> Self {
        SecretKey::new(secret)
    }
}

impl fmt::Debug for SecretKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("SecretKey([REDACTED])")
    }
}

/// Verifies the signature of `req`.
///
/// `secret_of` is asked for the secret of the request's access key id once
/// its `Authorization` header, time and scope have passed; it returns
/// `None` for an unknown or disabled key (UnrecognizedClientException).
/// A server verifying many requests should use
/// [`SigningKeyCache::verify`], which gives the same answers.
pub fn verify(
    req: &SignedRequest,
    expect: &Expect,
    secret_of: impl FnOnce(&str) -> Option<SecretKey>,
) -> Result<Verified, AuthError> {
    verify_with(req, expect, secret_of, None)
}

/// Where the request's time came from.
#[derive(Clone, Copy, PartialEq, Eq)]
enum DateHeader {
    XAmzDate,
    Date,
}

impl DateHeader {
    fn name(self) -> &'static str {
        match self {
            DateHeader::XAmzDate => "x-amz-date",
            DateHeader::Date => "date",
        }
    }

    /// The name as AWS's messages spell it.
    fn display(self) -> &'static str {
        match self {
            DateHeader::XAmzDate => "X-Amz-Date",
            DateHeader::Date => "Date",
        }
    }
}

/// The header that carries the request's time: `X-Amz-Date`, else `Date`.
fn date_header<'a>(req: &SignedRequest<'a>) -> Result<Option<(DateHeader, &'a str)>, AuthError> {
    for which in [DateHeader::XAmzDate, DateHeader::Date] {
        match req.single(which.name()) {
            Ok(Some(value)) => return Ok(Some((which, value))),
            Ok(None) => {}
            Err(()) => {
                return Err(AuthError::Incomplete {
                    access_key_id: None,
                    problem: Incomplete::RepeatedHeader(which.display()),
                });
            }
        }
    }
    Ok(None)
}

/// Query-string parameters that make a request presigned.
const PRESIGN_PARAMETERS: [&str; 3] = ["X-Amz-Algorithm", "X-Amz-Credential", "X-Amz-Signature"];

pub(crate) fn verify_with(
    req: &SignedRequest,
    expect: &Expect,
    secret_of: impl FnOnce(&str) -> Option<SecretKey>,
    cache: Option<&SigningKeyCache>,
) -> Result<Verified, AuthError> {
    if PRESIGN_PARAMETERS
        .iter()
        .any(|p| req.has_query_parameter(p))
    {
        return Err(AuthError::Missing(Missing::PresignedQuery));
    }
    let value = match req.single("authorization") {
        Ok(Some(value)) => value,
        Ok(None) => return Err(AuthError::Missing(Missing::NoAuthorization)),
        Err(()) => {
            return Err(AuthError::Incomplete {
                access_key_id: None,
                problem: Incomplete::RepeatedHeader("Authorization"),
            });
        }
    };
    let date = date_header(req);
    let auth = match parse_authorization(value) {
        Ok(auth) => auth,
        // AWS names a missing date together with the missing parameters.
        Err(AuthError::Incomplete {
            access_key_id,
            problem:
                Incomplete::MissingParts {
                    credential,
                    signature,
                    signed_headers,
                    ..
                },
        }) => {
            return Err(AuthError::Incomplete {
                access_key_id,
                problem: Incomplete::MissingParts {
                    credential,
                    signature,
                    signed_headers,
                    date: matches!(date, Ok(None)),
                },
            });
        }
        Err(e) => return Err(e),
    };
    let akid = auth.access_key_id.as_str();
    let incomplete = |problem| AuthError::Incomplete {
        access_key_id: Some(akid.to_owned()),
        problem,
    };
    let invalid = |problem| AuthError::Invalid {
        access_key_id: akid.to_owned(),
        problem,
    };
    let unrecognized = |problem| AuthError::Unrecognized {
        access_key_id: akid.to_owned(),
        problem,
    };

    let (which, raw_date) = match date {
        Ok(Some(found)) => found,
        Ok(None) => {
            return Err(incomplete(Incomplete::MissingParts {
                credential: false,
                signature: false,
                signed_headers: false,
                date: true,
            }));
        }
        Err(AuthError::Incomplete { problem, .. }) => return Err(incomplete(problem)),
        Err(e) => return Err(e),
    };
    let request_time = match which {
        DateHeader::XAmzDate => canonical::parse_basic_time(raw_date),
        DateHeader::Date => canonical::parse_http_date(raw_date),
    }
    .ok_or_else(|| incomplete(Incomplete::DateFormat(error::shown(raw_date))))?;
    if request_time < expect.now - MAX_SKEW {
        return Err(invalid(Invalid::Expired {
            request: request_time,
            now: expect.now,
        }));
    }
    if request_time > expect.now + MAX_SKEW {
        return Err(invalid(Invalid::NotYetCurrent {
            request: request_time,
            now: expect.now,
        }));
    }
    let signs = |name: &str| {
        auth.signed_headers
            .iter()
            .any(|h| h.eq_ignore_ascii_case(name))
    };
    if !signs("host") {
        return Err(invalid(Invalid::NotSigned("Host")));
    }
    if !signs(which.name()) {
        return Err(invalid(Invalid::NotSigned(which.display())));
    }
    let amz_date = canonical::format_basic_time(request_time);
    let problems = scope_problems(&auth, expect, &amz_date);
    if !problems.is_empty() {
        return Err(invalid(Invalid::Scope(problems)));
    }
    if req.values("x-amz-security-token").next().is_some()
        || req.has_query_parameter("X-Amz-Security-Token")
    {
        return Err(unrecognized(Unrecognized::SecurityToken));
    }
    let secret = secret_of(akid).ok_or_else(|| unrecognized(Unrecognized::UnknownAccessKey))?;

    let body_hash = canonical::hex(&canonical::sha256(req.body));
    let payload_hash = match req.single("x-amz-content-sha256") {
        Ok(None) => body_hash.as_str(),
        Ok(Some(claimed)) if is_unsigned_payload(claimed) => {
            return Err(invalid(Invalid::UnsignedPayload));
        }
        // A client signs the header's own spelling of the hash.
        Ok(Some(claimed)) if claimed.trim().eq_ignore_ascii_case(&body_hash) => claimed.trim(),
        Ok(Some(_)) | Err(()) => return Err(invalid(Invalid::PayloadHash)),
    };
    let canonical_request =
        canonical::canonical_request(req, &auth.signed_headers, payload_hash)
            .map_err(|name| incomplete(Incomplete::HeaderValue(error::shown(name))))?;
    let scope = format!(
        "{}/{}/{}/{}",
        auth.date, auth.region, auth.service, auth.terminator
    );
    let string_to_sign = canonical::string_to_sign(&amz_date, &scope, &canonical_request);

    let cached = cache.and_then(|c| c.get(akid, &scope, &secret));
    let fresh;
    let key: &[u8; 32] = match &cached {
        Some(entry) => entry.key(),
        None => {
            fresh =
                canonical::signing_key(secret.expose(), &auth.date, &auth.region, &auth.service);
            &fresh
        }
    };
    let expected = Zeroizing::new(canonical::hmac(key, string_to_sign.as_bytes()));
    if !bool::from(expected.ct_eq(auth.signature())) {
        return Err(invalid(Invalid::Signature {
            canonical_request,
            string_to_sign,
        }));
    }
    if let (Some(cache), None) = (cache, &cached) {
        cache.insert(akid, &scope, &secret, key);
    }
    Ok(Verified {
        access_key_id: auth.access_key_id,
    })
}

/// `x-amz-content-sha256` values that leave the body unsigned (S3's
/// unsigned and streaming forms), which KMS never accepts.
fn is_unsigned_payload(claimed: &str) -> bool {
    let claimed = claimed.trim();
    claimed == "UNSIGNED-PAYLOAD" || claimed.starts_with("STREAMING-")
}

/// Everything wrong with the credential scope, in AWS's order.
fn scope_problems(auth: &Authorization, expect: &Expect, amz_date: &str) -> Vec<ScopeProblem> {
    let mut problems = Vec::new();
    if auth.region != expect.region {
        problems.push(ScopeProblem::Region {
            got: error::shown(&auth.region),
            expected: expect.region.to_owned(),
        });
    }
    if auth.service != expect.service {
        problems.push(ScopeProblem::Service {
            expected: expect.service.to_owned(),
        });
    }
    if auth.terminator != TERMINATOR {
        problems.push(ScopeProblem::Terminator {
            got: error::shown(&auth.terminator),
        });
    }
    if auth.date != amz_date[..8] {
        problems.push(ScopeProblem::Date {
            scope: error::shown(&auth.date),
            request: amz_date[..8].to_owned(),
            from: amz_date.to_owned(),
        });
    }
    problems
}

/// What [`sign`] signs with.
#[derive(Debug, Clone, Copy)]
pub struct SigningParams<'a> {
    /// The access key id.
    pub access_key_id: &'a str,
    /// Its secret.
    pub secret: &'a SecretKey,
    /// The region of the credential scope.
    pub region: &'a str,
    /// The service of the credential scope (`kms`).
    pub service: &'a str,
    /// The request's time, sent as `X-Amz-Date`.
    pub time: OffsetDateTime,
    /// Whether to send (and sign) `X-Amz-Content-Sha256`, as S3 clients do.
    pub content_sha256: bool,
}

/// The headers [`sign`] adds to a request.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AddedHeaders {
    /// `X-Amz-Date`, the request's time.
    pub x_amz_date: String,
    /// `X-Amz-Content-Sha256`, when asked for.
    pub x_amz_content_sha256: Option<String>,
    /// `Authorization`.
    pub authorization: String,
}

impl AddedHeaders {
    /// The headers as (name, value) pairs, to append to the request's.
    pub fn iter(&self) -> impl Iterator<Item = (&str, &str)> {
        let pairs: [Option<(&str, &str)>; 3] = [
            Some(("X-Amz-Date", &self.x_amz_date)),
            self.x_amz_content_sha256
                .as_deref()
                .map(|v| ("X-Amz-Content-Sha256", v)),
            Some(("Authorization", &self.authorization)),
        ];
        pairs.into_iter().flatten()
    }
}

/// Headers [`sign`] never takes from the request: it sets them itself.
const SET_BY_SIGN: [&str; 3] = ["authorization", "x-amz-date", "x-amz-content-sha256"];

/// Headers [`sign`] leaves unsigned, as botocore does: proxies and HTTP
/// libraries add, change or drop them on the way.
const LEFT_UNSIGNED: [&str; 14] = [
    "baggage",
    "connection",
    "expect",
    "keep-alive",
    "proxy-authenticate",
    "proxy-authorization",
    "te",
    "traceparent",
    "tracestate",
    "trailer",
    "transfer-encoding",
    "upgrade",
    "user-agent",
    "x-amzn-trace-id",
];

/// Signs `req` the way the AWS SDKs do: every header of `req` is signed
/// (but `User-Agent` and the hop-by-hop and tracing headers botocore leaves
/// out), plus the `X-Amz-Date` (and `X-Amz-Content-Sha256`) this adds; send
/// `req`'s headers with the returned ones.
///
/// `req` must carry the `Host` header it is sent with (verification wants
/// it signed), and should not carry `Authorization`, `X-Amz-Date` or
/// `X-Amz-Content-Sha256` (they are ignored here and would be sent twice).
/// A header no HTTP request can carry (a name that is not a token, a value
/// with a line break) is left unsigned.
pub fn sign(req: &SignedRequest, params: &SigningParams) -> AddedHeaders {
    let amz_date = canonical::format_basic_time(params.time);
    let payload_hash = canonical::hex(&canonical::sha256(req.body));
    let content_sha256 = params.content_sha256.then(|| payload_hash.clone());
    let mut headers: Vec<(&str, &str)> = req
        .headers
        .iter()
        .filter(|(n, _)| !SET_BY_SIGN.iter().any(|s| n.eq_ignore_ascii_case(s)))
        .copied()
        .collect();
    headers.push(("x-amz-date", &amz_date));
    if let Some(hash) = &content_sha256 {
        headers.push(("x-amz-content-sha256", hash));
    }
    let mut signed: Vec<String> = headers
        .iter()
        .filter(|(n, _)| canonical::is_token(n))
        .map(|(n, _)| n.to_ascii_lowercase())
        .filter(|n| !LEFT_UNSIGNED.contains(&n.as_str()))
        .collect();
    signed.sort();
    signed.dedup();
    // A name is signed with all its values, so one unsignable value leaves it out.
    signed.retain(|name| {
        headers
            .iter()
            .filter(|(n, _)| n.eq_ignore_ascii_case(name))
            .all(|(_, v)| canonical::is_signable_value(v))
    });
    let view = SignedRequest {
        headers: &headers,
        ..*req
    };
    let canonical_request = canonical::canonical_request(&view, &signed, &payload_hash)
        .unwrap_or_else(|_| unreachable!("only signable values are signed"));
    let date = &amz_date[..8];
    let scope = format!("{date}/{}/{}/{TERMINATOR}", params.region, params.service);
    let string_to_sign = canonical::string_to_sign(&amz_date, &scope, &canonical_request);
    let key = canonical::signing_key(params.secret.expose(), date, params.region, params.service);
    let signature = canonical::hmac(key.as_ref(), string_to_sign.as_bytes());
    let authorization = format!(
        "{ALGORITHM} Credential={}/{scope}, SignedHeaders={}, Signature={}",
        params.access_key_id,
        signed.join(";"),
        canonical::hex(&signature)
    );
    AddedHeaders {
        x_amz_date: amz_date,
        x_amz_content_sha256: content_sha256,
        authorization,
    }
}

#[cfg(test)]
mod tests;
