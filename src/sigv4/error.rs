//! Why a request's signature is refused, in AWS's words.
//!
//! The exception names are the `__type` AWS's JSON services (KMS among
//! them) answer with, and the messages are theirs where they are known:
//! docs/DECISIONS.md ("SigV4 verification") lists the sources. No message
//! carries a secret, and none echoes the `Authorization` header whole,
//! since a client that put something else there (a bearer token) would
//! find it in the audit trail.

use std::fmt;

use time::OffsetDateTime;

use super::{ALGORITHM, MAX_SKEW, TERMINATOR, canonical};

/// Why a request is refused. Each variant is one of the four exceptions
/// AWS's JSON services answer authentication failures with.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum AuthError {
    /// `MissingAuthenticationTokenException`: the request carries no
    /// Signature Version 4 `Authorization` header.
    Missing(Missing),
    /// `IncompleteSignatureException`: the `Authorization` header or the
    /// request's date is malformed or incomplete.
    Incomplete {
        /// The access key id, when the header was parsed that far.
        access_key_id: Option<String>,
        /// What is wrong.
        problem: Incomplete,
    },
    /// `InvalidSignatureException`: a well-formed signature that does not
    /// hold for this request, scope or time.
    Invalid {
        /// The access key id the request claims.
        access_key_id: String,
        /// What is wrong.
        problem: Invalid,
    },
    /// `UnrecognizedClientException`: an access key lkms does not know (or
    /// one that is disabled), or temporary credentials.
    Unrecognized {
        /// The access key id the request claims.
        access_key_id: String,
        /// What is wrong.
        problem: Unrecognized,
    },
}

/// Why a request counts as unauthenticated.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Missing {
    /// No `Authorization` header.
    NoAuthorization,
    /// An `Authorization` header of another scheme (not `AWS4-...`).
    NotSigV4,
    /// A presigned request (`X-Amz-Signature` and friends in the query),
    /// which lkms does not accept.
    PresignedQuery,
}

/// What is malformed or missing in the `Authorization` header or the date.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Incomplete {
    /// Parameters (and the date header) that are absent or empty.
    MissingParts {
        /// No `Credential=`.
        credential: bool,
        /// No `Signature=`.
        signature: bool,
        /// No `SignedHeaders=`.
        signed_headers: bool,
        /// Neither `X-Amz-Date` nor `Date`.
        date: bool,
    },
    /// A header that must appear once appears more often.
    RepeatedHeader(&'static str),
    /// A parameter of the `Authorization` header appears more than once.
    RepeatedParameter(&'static str),
    /// A part of the header without `=`.
    NotKeyValue,
    /// An `AWS4-` algorithm other than `AWS4-HMAC-SHA256` (shown when it
    /// looks like an algorithm name).
    UnsupportedAlgorithm(Option<String>),
    /// A `Credential` without exactly five `/`-separated elements.
    CredentialParts(String),
    /// An access key id that is empty, too long or not printable.
    AccessKeyId,
    /// A `SignedHeaders` list with an empty, repeated or impossible name.
    SignedHeaders,
    /// A `Signature` that is not 64 hexadecimal digits.
    SignatureHex,
    /// A date header that is not a date in the expected format.
    DateFormat(String),
    /// A signed header whose value has a line break or NUL.
    HeaderValue(String),
}

/// Why a well-formed signature does not hold.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Invalid {
    /// The credential scope names another date, region, service or
    /// terminator (every problem, as AWS lists them together).
    Scope(Vec<ScopeProblem>),
    /// The request's time is more than 15 minutes before the server's.
    Expired {
        /// The request's time.
        request: OffsetDateTime,
        /// The server's.
        now: OffsetDateTime,
    },
    /// The request's time is more than 15 minutes after the server's.
    NotYetCurrent {
        /// The request's time.
        request: OffsetDateTime,
        /// The server's.
        now: OffsetDateTime,
    },
    /// `Host` or the date header is not among the signed headers.
    NotSigned(&'static str),
    /// `X-Amz-Content-Sha256: UNSIGNED-PAYLOAD` (or a streaming form).
    UnsignedPayload,
    /// `X-Amz-Content-Sha256` is not the SHA-256 of the body.
    PayloadHash,
    /// The signature is not the one the secret gives for this request.
    Signature {
        /// The canonical request lkms signed.
        canonical_request: String,
        /// The string to sign lkms signed.
        string_to_sign: String,
    },
}

/// One element of the credential scope that is not what the server expects.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ScopeProblem {
    /// Another region.
    Region {
        /// The scope's region.
        got: String,
        /// The server's.
        expected: String,
    },
    /// Another service.
    Service {
        /// The server's.
        expected: String,
    },
    /// A last element other than `aws4_request`.
    Terminator {
        /// The scope's.
        got: String,
    },
    /// A date other than the request's.
    Date {
        /// The scope's date.
        scope: String,
        /// The request's date (`YYYYMMDD`).
        request: String,
        /// The request's time it was taken from.
        from: String,
    },
}

/// Why an access key is not accepted.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Unrecognized {
    /// No active access key has this id.
    UnknownAccessKey,
    /// The request carries `X-Amz-Security-Token`: temporary credentials,
    /// which lkms does not issue.
    SecurityToken,
}

impl AuthError {
    /// The exception AWS answers with (the JSON error's `__type`).
    pub fn exception(&self) -> &'static str {
        match self {
            AuthError::Missing(_) => "MissingAuthenticationTokenException",
            AuthError::Incomplete { .. } => "IncompleteSignatureException",
            AuthError::Invalid { .. } => "InvalidSignatureException",
            AuthError::Unrecognized { .. } => "UnrecognizedClientException",
        }
    }

    /// The message, in AWS's wording where it is known.
    pub fn message(&self) -> String {
        self.to_string()
    }

    /// The access key id the request claimed, once it was parsed (for the
    /// audit record).
    pub fn access_key_id(&self) -> Option<&str> {
        match self {
            AuthError::Missing(_) => None,
            AuthError::Incomplete { access_key_id, .. } => access_key_id.as_deref(),
            AuthError::Invalid { access_key_id, .. }
            | AuthError::Unrecognized { access_key_id, .. } => Some(access_key_id),
        }
    }
}

impl fmt::Display for AuthError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            AuthError::Missing(m) => m.fmt(f),
            AuthError::Incomplete { problem, .. } => problem.fmt(f),
            AuthError::Invalid { problem, .. } => problem.fmt(f),
            AuthError::Unrecognized { problem, .. } => problem.fmt(f),
        }
    }
}

impl std::error::Error for AuthError {}

const MISSING: &str = "Request is missing Authentication Token";

impl fmt::Display for Missing {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Missing::NoAuthorization => f.write_str(MISSING),
            Missing::NotSigV4 => write!(
                f,
                "{MISSING}: the Authorization header is not AWS Signature Version 4 ({ALGORITHM})"
            ),
            Missing::PresignedQuery => write!(
                f,
                "{MISSING}: lkms accepts a signature only in the Authorization header, \
                 not presigned in the query string"
            ),
        }
    }
}

impl fmt::Display for Incomplete {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Incomplete::MissingParts { credential, signature, signed_headers, date } => {
                let parts = [
                    (*credential, "Authorization header requires 'Credential' parameter."),
                    (*signature, "Authorization header requires 'Signature' parameter."),
                    (*signed_headers, "Authorization header requires 'SignedHeaders' parameter."),
                    (
                        *date,
                        "Authorization header requires existence of either a 'X-Amz-Date' or a 'Date' header.",
                    ),
                ];
                let said: Vec<&str> = parts.iter().filter(|(m, _)| *m).map(|(_, s)| *s).collect();
                f.write_str(&said.join(" "))
            }
            Incomplete::RepeatedHeader(name) => {
                write!(f, "The request has more than one '{name}' header.")
            }
            Incomplete::RepeatedParameter(name) => {
                write!(f, "Authorization header has more than one '{name}' parameter.")
            }
            Incomplete::NotKeyValue => f.write_str(
                "A part of the Authorization header is not a valid key=value pair (missing equal-sign).",
            ),
            Incomplete::UnsupportedAlgorithm(Some(alg)) => {
                write!(f, "Unsupported AWS 'algorithm': '{alg}' (only {ALGORITHM} for now).")
            }
            Incomplete::UnsupportedAlgorithm(None) => {
                write!(f, "Unsupported AWS 'algorithm' (only {ALGORITHM} for now).")
            }
            Incomplete::CredentialParts(got) => write!(
                f,
                "Credential must have exactly 5 slash-delimited elements, \
                 e.g. keyid/date/region/service/term, got '{got}'"
            ),
            Incomplete::AccessKeyId => f.write_str(
                "Credential must begin with an access key id of 1 to 128 printable characters.",
            ),
            Incomplete::SignedHeaders => f.write_str(
                "SignedHeaders must be a ';'-separated list of distinct header names.",
            ),
            Incomplete::SignatureHex => f.write_str("Signature must be 64 hexadecimal digits."),
            Incomplete::DateFormat(got) => write!(
                f,
                "Date must be in ISO-8601 'basic format'. Got '{got}'. See http://en.wikipedia.org/wiki/ISO_8601"
            ),
            Incomplete::HeaderValue(name) => write!(
                f,
                "The value of signed header '{name}' contains a line break or NUL character."
            ),
        }
    }
}

impl fmt::Display for Invalid {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let minutes = MAX_SKEW.whole_minutes();
        match self {
            Invalid::Scope(problems) => {
                let said: Vec<String> = problems.iter().map(ToString::to_string).collect();
                f.write_str(&said.join(" "))
            }
            Invalid::Expired { request, now } => write!(
                f,
                "Signature expired: {} is now earlier than {} ({} - {minutes} min.)",
                canonical::format_basic_time(*request),
                canonical::format_basic_time(*now - MAX_SKEW),
                canonical::format_basic_time(*now),
            ),
            Invalid::NotYetCurrent { request, now } => write!(
                f,
                "Signature not yet current: {} is still later than {} ({} + {minutes} min.)",
                canonical::format_basic_time(*request),
                canonical::format_basic_time(*now + MAX_SKEW),
                canonical::format_basic_time(*now),
            ),
            Invalid::NotSigned(name) => {
                write!(
                    f,
                    "'{name}' must be a 'SignedHeader' in the AWS Authorization."
                )
            }
            Invalid::UnsignedPayload => f.write_str(
                "lkms requires a signed payload: 'x-amz-content-sha256' must be the SHA-256 \
                 of the body, not UNSIGNED-PAYLOAD or a streaming form.",
            ),
            Invalid::PayloadHash => f.write_str(
                "The provided 'x-amz-content-sha256' header does not match what was computed.",
            ),
            Invalid::Signature {
                canonical_request,
                string_to_sign,
            } => write!(
                f,
                "The request signature we calculated does not match the signature you provided. \
                 Check your AWS Secret Access Key and signing method. Consult the service \
                 documentation for details.\n\nThe Canonical String for this request should have \
                 been\n'{canonical_request}'\n\nThe String-to-Sign should have been\n'{string_to_sign}'\n"
            ),
        }
    }
}

impl fmt::Display for ScopeProblem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ScopeProblem::Region { got, expected } => write!(
                f,
                "Credential should be scoped to a valid region, not '{got}'. \
                 This endpoint serves '{expected}'."
            ),
            ScopeProblem::Service { expected } => {
                write!(
                    f,
                    "Credential should be scoped to correct service: '{expected}'."
                )
            }
            ScopeProblem::Terminator { got } => write!(
                f,
                "Credential should be scoped with a valid terminator: '{TERMINATOR}', not '{got}'."
            ),
            ScopeProblem::Date {
                scope,
                request,
                from,
            } => write!(
                f,
                "Date in Credential scope does not match YYYYMMDD from ISO-8601 version of date \
                 from HTTP: '{scope}' != '{request}', from '{from}'."
            ),
        }
    }
}

impl fmt::Display for Unrecognized {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        const INVALID: &str = "The security token included in the request is invalid.";
        match self {
            Unrecognized::UnknownAccessKey => f.write_str(INVALID),
            Unrecognized::SecurityToken => write!(
                f,
                "{INVALID} lkms does not support temporary credentials (X-Amz-Security-Token): \
                 sign with an access key made by `lkms access-key create`."
            ),
        }
    }
}

/// Longest client-supplied text a message repeats.
const SHOWN_MAX: usize = 128;

/// Client-supplied text as a message may repeat it: printable ASCII (other
/// characters as `?`), at most [`SHOWN_MAX`] characters.
pub(crate) fn shown(text: &str) -> String {
    let mut out: String = text
        .chars()
        .take(SHOWN_MAX)
        .map(|c| {
            if c == ' ' || c.is_ascii_graphic() {
                c
            } else {
                '?'
            }
        })
        .collect();
    if text.chars().nth(SHOWN_MAX).is_some() {
        out.push_str("...");
    }
    out
}
