//! Tests of verification and signing: AWS's Signature Version 4 test suite
//! (tests/vectors/sigv4, from awslabs/aws-c-auth), every refusal with its
//! exception, and sign-then-verify properties.

use std::path::{Path, PathBuf};

use proptest::prelude::*;
use time::OffsetDateTime;
use time::macros::datetime;

use super::*;

const AKID: &str = "AKIALKMSTEST00000001";
const REGION: &str = "us-east-1";

fn secret() -> SecretKey {
    SecretKey::from_text("lkms/test/Secret+Key0123456789abcdefghij")
}

fn t0() -> OffsetDateTime {
    datetime!(2026-12-01 10:00:00 UTC)
}

/// A request with owned parts, as a test builds and edits it.
#[derive(Clone, Debug)]
struct Req {
    method: String,
    path: String,
    query: String,
    headers: Vec<(String, String)>,
    body: Vec<u8>,
}

impl Req {
    /// An Encrypt call as the AWS CLI sends it, unsigned.
    fn kms() -> Req {
        Req {
            method: "POST".into(),
            path: "/".into(),
            query: String::new(),
            headers: [
                ("Host", "127.0.0.1:4566"),
                ("Content-Type", "application/x-amz-json-1.1"),
                ("X-Amz-Target", "TrentService.Encrypt"),
                ("User-Agent", "aws-cli/1.46.3  md/Botocore#1.44.8"),
            ]
            .iter()
            .map(|(n, v)| (n.to_string(), v.to_string()))
            .collect(),
            body: br#"{"KeyId": "alias/app", "Plaintext": "aGVsbG8="}"#.to_vec(),
        }
    }

    fn header_pairs(&self) -> Vec<(&str, &str)> {
        self.headers
            .iter()
            .map(|(n, v)| (n.as_str(), v.as_str()))
            .collect()
    }

    /// Runs `f` on the borrowed view of this request.
    fn with<T>(&self, f: impl FnOnce(&SignedRequest) -> T) -> T {
        let headers = self.header_pairs();
        f(&SignedRequest {
            method: &self.method,
            path: &self.path,
            query: &self.query,
            headers: &headers,
            body: &self.body,
        })
    }

    /// This request signed with `sign` at `time` for `region`/`service`.
    fn signed_for(
        mut self,
        time: OffsetDateTime,
        region: &str,
        service: &str,
        content_sha256: bool,
    ) -> Req {
        let secret = secret();
        let params = SigningParams {
            access_key_id: AKID,
            secret: &secret,
            region,
            service,
            time,
            content_sha256,
        };
        let added = self.with(|r| sign(r, &params));
        self.headers
            .extend(added.iter().map(|(n, v)| (n.to_owned(), v.to_owned())));
        self
    }

    fn signed(self, time: OffsetDateTime) -> Req {
        self.signed_for(time, REGION, "kms", false)
    }

    fn set(&mut self, name: &str, value: &str) {
        self.headers.retain(|(n, _)| !n.eq_ignore_ascii_case(name));
        self.headers.push((name.to_owned(), value.to_owned()));
    }

    fn remove(&mut self, name: &str) {
        self.headers.retain(|(n, _)| !n.eq_ignore_ascii_case(name));
    }

    fn authorization(&self) -> &str {
        self.headers
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case("authorization"))
            .map(|(_, v)| v.as_str())
            .expect("signed")
    }

    /// Verifies at `now` against lkms's test key (and through a cache,
    /// which must agree).
    fn verify_at(&self, now: OffsetDateTime) -> Result<Verified, AuthError> {
        let expect = Expect {
            region: REGION,
            service: "kms",
            now,
        };
        let plain = self.with(|r| verify(r, &expect, |id| (id == AKID).then(secret)));
        let cache = SigningKeyCache::new(8);
        for _ in 0..2 {
            let cached = self.with(|r| cache.verify(r, &expect, |id| (id == AKID).then(secret)));
            assert_eq!(cached, plain, "the cache changes no answer");
        }
        plain
    }

    fn verify(&self) -> Result<Verified, AuthError> {
        self.verify_at(t0())
    }
}

fn refused(result: Result<Verified, AuthError>) -> AuthError {
    match result {
        Ok(v) => panic!("accepted as {v:?}"),
        Err(e) => e,
    }
}

#[test]
fn a_signed_request_is_accepted() {
    let req = Req::kms().signed(t0());
    assert_eq!(
        req.verify(),
        Ok(Verified {
            access_key_id: AKID.into()
        })
    );
    // Header names may arrive in any case.
    let mut shouting = req.clone();
    for (n, _) in &mut shouting.headers {
        *n = n.to_ascii_uppercase();
    }
    assert!(shouting.verify().is_ok());
    // Signed with X-Amz-Content-Sha256 too, as S3-minded clients do.
    assert!(
        Req::kms()
            .signed_for(t0(), REGION, "kms", true)
            .verify()
            .is_ok()
    );
}

#[test]
fn no_authorization_is_a_missing_token() {
    let e = refused(Req::kms().verify());
    assert_eq!(e, AuthError::Missing(Missing::NoAuthorization));
    assert_eq!(e.exception(), "MissingAuthenticationTokenException");
    assert_eq!(e.message(), "Request is missing Authentication Token");
    assert_eq!(e.access_key_id(), None);

    let mut bearer = Req::kms();
    bearer.set("Authorization", "Bearer eyJhbGciOiJIUzI1NiJ9.e30.c2VjcmV0");
    let e = refused(bearer.verify());
    assert_eq!(e.exception(), "MissingAuthenticationTokenException");
    assert!(
        !e.message().contains("eyJ"),
        "a foreign token is never echoed: {e}"
    );
}

#[test]
fn a_wrong_secret_is_an_invalid_signature_with_the_canonical_strings() {
    let req = Req::kms().signed(t0());
    let expect = Expect {
        region: REGION,
        service: "kms",
        now: t0(),
    };
    let e =
        refused(req.with(|r| verify(r, &expect, |_| Some(SecretKey::from_text("not the secret")))));
    assert_eq!(e.exception(), "InvalidSignatureException");
    assert_eq!(e.access_key_id(), Some(AKID));
    let message = e.message();
    assert!(
        message.starts_with(
            "The request signature we calculated does not match the signature you provided."
        ),
        "{message}"
    );
    // The canonical request names what was signed (never the secret).
    assert!(
        message.contains("x-amz-target:TrentService.Encrypt\n"),
        "{message}"
    );
    assert!(
        !message.contains("user-agent"),
        "left unsigned, as botocore does: {message}"
    );
    assert!(
        message
            .contains("'AWS4-HMAC-SHA256\n20261201T100000Z\n20261201/us-east-1/kms/aws4_request\n"),
        "{message}"
    );
    assert!(!message.contains("Secret+Key") && !message.contains("not the secret"));
}

#[test]
fn an_altered_body_or_signed_header_is_an_invalid_signature() {
    let req = Req::kms().signed(t0());
    let mut body = req.clone();
    body.body[10] ^= 1;
    let mut target = req.clone();
    target.set("X-Amz-Target", "TrentService.Decrypt");
    let mut host = req.clone();
    host.set("Host", "127.0.0.1:4567");
    let mut date = req.clone();
    date.set("X-Amz-Date", "20261201T100001Z");
    let mut method = req.clone();
    method.method = "PUT".into();
    let mut path = req.clone();
    path.path = "/x".into();
    let mut query = req.clone();
    query.query = "a=b".into();
    for altered in [body, target, host, date, method, path, query] {
        let e = refused(altered.verify());
        assert!(
            matches!(
                e,
                AuthError::Invalid {
                    problem: Invalid::Signature { .. },
                    ..
                }
            ),
            "{e:?}"
        );
        assert_eq!(e.exception(), "InvalidSignatureException");
    }
    // An unsigned header may change, be added or go: it is not signed.
    let mut unsigned = req.clone();
    unsigned
        .headers
        .push(("X-Forwarded-For".into(), "10.0.0.1".into()));
    assert!(unsigned.verify().is_ok());
}

#[test]
fn host_and_the_date_header_must_be_signed() {
    let mut no_host = Req::kms();
    no_host.remove("Host");
    let mut signed = no_host.signed(t0());
    signed.set("Host", "127.0.0.1:4566");
    let e = refused(signed.verify());
    assert_eq!(
        e,
        AuthError::Invalid {
            access_key_id: AKID.into(),
            problem: Invalid::NotSigned("Host")
        }
    );
    assert_eq!(
        e.message(),
        "'Host' must be a 'SignedHeader' in the AWS Authorization."
    );

    // A signature over everything but X-Amz-Date.
    let mut req = Req::kms().signed(t0());
    let auth = req.authorization().replace(";x-amz-date", "");
    req.set("Authorization", &auth);
    let e = refused(req.verify());
    assert_eq!(
        e,
        AuthError::Invalid {
            access_key_id: AKID.into(),
            problem: Invalid::NotSigned("X-Amz-Date")
        }
    );
}

#[test]
fn the_scope_must_name_the_servers_region_and_service() {
    let e = refused(
        Req::kms()
            .signed_for(t0(), "eu-west-1", "kms", false)
            .verify(),
    );
    assert_eq!(e.exception(), "InvalidSignatureException");
    assert_eq!(
        e.message(),
        "Credential should be scoped to a valid region, not 'eu-west-1'. This endpoint serves 'us-east-1'."
    );
    let e = refused(
        Req::kms()
            .signed_for(t0(), REGION, "dynamodb", false)
            .verify(),
    );
    assert_eq!(e.exception(), "InvalidSignatureException");
    assert_eq!(
        e.message(),
        "Credential should be scoped to correct service: 'kms'."
    );
    // Every problem at once, as AWS lists them.
    let e = refused(
        Req::kms()
            .signed_for(t0(), "eu-west-1", "s3", false)
            .verify(),
    );
    assert_eq!(
        e,
        AuthError::Invalid {
            access_key_id: AKID.into(),
            problem: Invalid::Scope(vec![
                ScopeProblem::Region {
                    got: "eu-west-1".into(),
                    expected: REGION.into()
                },
                ScopeProblem::Service {
                    expected: "kms".into()
                },
            ]),
        }
    );
}

#[test]
fn the_scope_date_must_be_the_requests_and_the_terminator_aws4_request() {
    // Signed a minute before midnight, sent with a time a minute after.
    let late = datetime!(2026-12-01 23:59:30 UTC);
    let mut req = Req::kms().signed(late);
    req.set("X-Amz-Date", "20261202T000030Z");
    let e = refused(req.verify_at(late));
    assert_eq!(e.exception(), "InvalidSignatureException");
    assert_eq!(
        e.message(),
        "Date in Credential scope does not match YYYYMMDD from ISO-8601 version of date from HTTP: \
         '20261201' != '20261202', from '20261202T000030Z'."
    );

    let mut req = Req::kms().signed(t0());
    let auth = req
        .authorization()
        .replace("/aws4_request", "/aws5_request");
    req.set("Authorization", &auth);
    let e = refused(req.verify());
    assert_eq!(
        e.message(),
        "Credential should be scoped with a valid terminator: 'aws4_request', not 'aws5_request'."
    );
}

#[test]
fn a_request_more_than_15_minutes_off_either_way_is_refused() {
    let minutes = time::Duration::minutes;
    let e = refused(Req::kms().signed(t0() - minutes(16)).verify());
    assert_eq!(e.exception(), "InvalidSignatureException");
    assert_eq!(
        e.message(),
        "Signature expired: 20261201T094400Z is now earlier than 20261201T094500Z (20261201T100000Z - 15 min.)"
    );
    let e = refused(Req::kms().signed(t0() + minutes(16)).verify());
    assert_eq!(e.exception(), "InvalidSignatureException");
    assert_eq!(
        e.message(),
        "Signature not yet current: 20261201T101600Z is still later than 20261201T101500Z (20261201T100000Z + 15 min.)"
    );
    // Fifteen minutes exactly is still current, either way.
    assert!(Req::kms().signed(t0() - minutes(15)).verify().is_ok());
    assert!(Req::kms().signed(t0() + minutes(15)).verify().is_ok());
}

#[test]
fn malformed_authorization_headers_are_incomplete_signatures() {
    let req = Req::kms().signed(t0());
    let auth = req.authorization().to_owned();
    let (cred, rest) = auth.split_once(", ").expect("three parts");
    let (signed_headers, signature) = rest.split_once(", ").expect("three parts");
    let cases = [
        (
            format!("{signed_headers}, {signature}")
                .replace("SignedHeaders", "AWS4-HMAC-SHA256 SignedHeaders"),
            "Authorization header requires 'Credential' parameter.",
        ),
        (
            format!("{cred}, {signature}"),
            "Authorization header requires 'SignedHeaders' parameter.",
        ),
        (
            format!("{cred}, {signed_headers}"),
            "Authorization header requires 'Signature' parameter.",
        ),
        (
            format!(
                "{cred}, {signed_headers}, {}",
                &signature[..signature.len() - 1]
            ),
            "Signature must be 64 hexadecimal digits.",
        ),
        (
            format!(
                "{cred}, {signed_headers}, {}x",
                &signature[..signature.len() - 1]
            ),
            "Signature must be 64 hexadecimal digits.",
        ),
        (
            auth.replace("AWS4-HMAC-SHA256", "AWS4-HMAC-SHA512"),
            "Unsupported AWS 'algorithm': 'AWS4-HMAC-SHA512' (only AWS4-HMAC-SHA256 for now).",
        ),
        (
            auth.replace("/us-east-1/", "/"),
            "Credential must have exactly 5 slash-delimited elements, e.g. keyid/date/region/service/term, \
          got 'AKIALKMSTEST00000001/20261201/kms/aws4_request'",
        ),
    ];
    for (value, message) in cases {
        let mut bad = req.clone();
        bad.set("Authorization", &value);
        let e = refused(bad.verify());
        assert_eq!(e.exception(), "IncompleteSignatureException", "{value}");
        assert_eq!(e.message(), message, "{value}");
    }

    // No date at all, with another missing part: both named, AWS's order.
    let mut no_date = req.clone();
    no_date.remove("X-Amz-Date");
    no_date.set("Authorization", &format!("{cred}, {signed_headers}"));
    assert_eq!(
        refused(no_date.verify()).message(),
        "Authorization header requires 'Signature' parameter. \
         Authorization header requires existence of either a 'X-Amz-Date' or a 'Date' header."
    );
    let mut no_date = req.clone();
    no_date.remove("X-Amz-Date");
    let e = refused(no_date.verify());
    assert_eq!(e.exception(), "IncompleteSignatureException");
    assert_eq!(e.access_key_id(), Some(AKID));

    let mut bad_date = req.clone();
    bad_date.set("X-Amz-Date", "2026-12-01T10:00:00Z");
    assert_eq!(
        refused(bad_date.verify()).message(),
        "Date must be in ISO-8601 'basic format'. Got '2026-12-01T10:00:00Z'. See http://en.wikipedia.org/wiki/ISO_8601"
    );

    let mut twice = req.clone();
    twice.headers.push(("authorization".into(), auth.clone()));
    let e = refused(twice.verify());
    assert_eq!(e.exception(), "IncompleteSignatureException");
    assert_eq!(
        e.message(),
        "The request has more than one 'Authorization' header."
    );
}

#[test]
fn unknown_access_keys_and_temporary_credentials_are_unrecognized_clients() {
    let req = Req::kms().signed(t0());
    let expect = Expect {
        region: REGION,
        service: "kms",
        now: t0(),
    };
    let e = refused(req.with(|r| verify(r, &expect, |_| None)));
    assert_eq!(
        e,
        AuthError::Unrecognized {
            access_key_id: AKID.into(),
            problem: Unrecognized::UnknownAccessKey
        }
    );
    assert_eq!(e.exception(), "UnrecognizedClientException");
    assert_eq!(
        e.message(),
        "The security token included in the request is invalid."
    );

    let mut token = Req::kms();
    token.set("X-Amz-Security-Token", "FwoGZXIvYXdzEXAMPLE");
    let e = refused(token.signed(t0()).verify());
    assert_eq!(e.exception(), "UnrecognizedClientException");
    assert!(e.message().contains("temporary credentials"), "{e}");
    assert!(!e.message().contains("FwoGZXIvYXdzEXAMPLE"));
}

#[test]
fn presigned_query_strings_are_refused() {
    // AWS's own presigned form of the suite's get-vanilla request.
    let text = std::fs::read_to_string(vectors().join("get-vanilla/query-signed-request.txt"))
        .expect("vector");
    let req = parse_http(&text);
    let e = refused(req.verify());
    assert_eq!(e, AuthError::Missing(Missing::PresignedQuery));
    assert_eq!(e.exception(), "MissingAuthenticationTokenException");
    assert!(
        e.message().contains("only in the Authorization header"),
        "{e}"
    );
}

#[test]
fn the_payload_hash_header_must_be_the_bodys() {
    let req = Req::kms().signed_for(t0(), REGION, "kms", true);
    let mut unsigned = req.clone();
    unsigned.set("X-Amz-Content-Sha256", "UNSIGNED-PAYLOAD");
    let e = refused(unsigned.verify());
    assert_eq!(
        e,
        AuthError::Invalid {
            access_key_id: AKID.into(),
            problem: Invalid::UnsignedPayload
        }
    );
    let mut other = req.clone();
    other.set(
        "X-Amz-Content-Sha256",
        &canonical::hex(&canonical::sha256(b"another body")),
    );
    let e = refused(other.verify());
    assert_eq!(
        e,
        AuthError::Invalid {
            access_key_id: AKID.into(),
            problem: Invalid::PayloadHash
        }
    );
    assert_eq!(
        e.message(),
        "The provided 'x-amz-content-sha256' header does not match what was computed."
    );
    // Also when the header is not among the signed ones.
    let mut unsigned_header = Req::kms().signed(t0());
    unsigned_header.set("X-Amz-Content-Sha256", "UNSIGNED-PAYLOAD");
    assert_eq!(
        refused(unsigned_header.verify()).exception(),
        "InvalidSignatureException"
    );
}

/// Signs `req` by hand over exactly `names` (for requests `sign` would not
/// make: a Date header, values with line breaks).
fn sign_over(req: &mut Req, names: &[&str], time: OffsetDateTime) {
    let amz_date = canonical::format_basic_time(time);
    let scope = format!("{}/{REGION}/kms/aws4_request", &amz_date[..8]);
    let hash = canonical::hex(&canonical::sha256(&req.body));
    let cr = req
        .with(|r| canonical::canonical_request(r, names, &hash).map_err(str::to_owned))
        .expect("signable");
    let sts = canonical::string_to_sign(&amz_date, &scope, &cr);
    let key = canonical::signing_key(secret().expose(), &amz_date[..8], REGION, "kms");
    let sig = canonical::hex(&canonical::hmac(key.as_ref(), sts.as_bytes()));
    let auth = format!(
        "{ALGORITHM} Credential={AKID}/{scope}, SignedHeaders={}, Signature={sig}",
        names.join(";")
    );
    req.set("Authorization", &auth);
}

#[test]
fn the_date_header_serves_when_there_is_no_x_amz_date() {
    let mut req = Req::kms();
    req.set("Date", "Tue, 01 Dec 2026 10:00:00 GMT");
    sign_over(
        &mut req,
        &["content-type", "date", "host", "x-amz-target"],
        t0(),
    );
    assert!(req.verify().is_ok());
    // Its time counts for the skew.
    let e = refused(req.verify_at(t0() + time::Duration::hours(1)));
    assert!(
        matches!(
            e,
            AuthError::Invalid {
                problem: Invalid::Expired { .. },
                ..
            }
        ),
        "{e:?}"
    );
    // It must be signed.
    sign_over(&mut req, &["content-type", "host", "x-amz-target"], t0());
    assert_eq!(
        refused(req.verify()),
        AuthError::Invalid {
            access_key_id: AKID.into(),
            problem: Invalid::NotSigned("Date")
        }
    );
}

#[test]
fn a_signed_header_value_with_a_line_break_is_refused() {
    let mut req = Req::kms();
    req.set("X-Amz-Target", "TrentService.Encrypt");
    sign_over(&mut req, &["host", "x-amz-date", "x-amz-target"], t0());
    req.set("X-Amz-Date", &canonical::format_basic_time(t0()));
    req.set("X-Amz-Target", "a\nb:c");
    let e = refused(req.verify());
    assert_eq!(e.exception(), "IncompleteSignatureException");
    assert_eq!(
        e.message(),
        "The value of signed header 'x-amz-target' contains a line break or NUL character."
    );
}

#[test]
fn the_cache_refuses_a_disabled_key_and_a_changed_secret() {
    let req = Req::kms().signed(t0());
    let expect = Expect {
        region: REGION,
        service: "kms",
        now: t0(),
    };
    let cache = SigningKeyCache::new(2);
    assert!(
        req.with(|r| cache.verify(r, &expect, |_| Some(secret())))
            .is_ok()
    );
    assert_eq!(cache.len(), 1);
    // Disabled since: refused though its key is cached.
    let e = refused(req.with(|r| cache.verify(r, &expect, |_| None)));
    assert_eq!(e.exception(), "UnrecognizedClientException");
    // Its secret replaced: the cached key is not used.
    let e =
        refused(req.with(|r| cache.verify(r, &expect, |_| Some(SecretKey::from_text("rotated")))));
    assert_eq!(e.exception(), "InvalidSignatureException");
    assert!(
        req.with(|r| cache.verify(r, &expect, |_| Some(secret())))
            .is_ok()
    );
    // A failed verification adds nothing.
    let other = Req::kms().signed(t0() + time::Duration::seconds(1));
    let _ = other.with(|r| cache.verify(r, &expect, |_| Some(SecretKey::from_text("wrong"))));
    assert_eq!(cache.len(), 1);
}

#[test]
fn secrets_never_print() {
    let s = secret();
    assert_eq!(format!("{s:?}"), "SecretKey([REDACTED])");
}

// AWS's Signature Version 4 test suite.

fn vectors() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/vectors/sigv4")
}

/// A request in the suite's text form: request line, headers (a line that
/// starts with a blank continues the previous one, unfolded with a space as
/// an HTTP server does), a blank line, the body.
fn parse_http(text: &str) -> Req {
    let (head, body) = text.split_once("\n\n").unwrap_or((text, ""));
    let mut lines = head.lines();
    let request_line = lines.next().expect("request line");
    let (method, rest) = request_line.split_once(' ').expect("method");
    let target = rest.strip_suffix(" HTTP/1.1").expect("HTTP/1.1");
    let (path, query) = target.split_once('?').unwrap_or((target, ""));
    let mut headers: Vec<(String, String)> = Vec::new();
    for line in lines {
        if line.starts_with([' ', '\t']) {
            let last = headers.last_mut().expect("a header to continue");
            last.1.push(' ');
            last.1.push_str(line);
        } else {
            let (n, v) = line.split_once(':').expect("name:value");
            headers.push((n.to_owned(), v.to_owned()));
        }
    }
    Req {
        method: method.into(),
        path: path.into(),
        query: query.into(),
        headers,
        body: body.as_bytes().to_vec(),
    }
}

/// One test of the suite.
struct Vector {
    name: String,
    context: serde_json::Value,
    dir: PathBuf,
}

impl Vector {
    fn file(&self, name: &str) -> String {
        std::fs::read_to_string(self.dir.join(name))
            .unwrap_or_else(|e| panic!("{}/{name}: {e}", self.name))
    }
    fn str(&self, pointer: &str) -> &str {
        self.context
            .pointer(pointer)
            .and_then(|v| v.as_str())
            .expect(pointer)
    }
    fn time(&self) -> OffsetDateTime {
        OffsetDateTime::parse(
            self.str("/timestamp"),
            &time::format_description::well_known::Rfc3339,
        )
        .expect("timestamp")
    }
    fn secret(&self) -> SecretKey {
        SecretKey::from_text(self.str("/credentials/secret_access_key"))
    }
    fn has_token(&self) -> bool {
        self.context.pointer("/credentials/token").is_some()
    }
}

fn suite() -> Vec<Vector> {
    let mut all: Vec<Vector> = std::fs::read_dir(vectors())
        .expect("tests/vectors/sigv4")
        .filter_map(Result::ok)
        .filter(|e| e.path().is_dir())
        .map(|e| {
            let dir = e.path();
            let context = std::fs::read_to_string(dir.join("context.json")).expect("context.json");
            Vector {
                name: e.file_name().to_string_lossy().into_owned(),
                context: serde_json::from_str(&context).expect("context.json is JSON"),
                dir,
            }
        })
        .collect();
    all.sort_by(|a, b| a.name.cmp(&b.name));
    assert_eq!(all.len(), 31, "every applicable vector of the suite");
    all
}

#[test]
fn the_suites_signed_requests_verify_and_temporary_credentials_are_refused() {
    for v in suite() {
        let req = parse_http(&v.file("header-signed-request.txt"));
        let expect = Expect {
            region: v.str("/region"),
            service: v.str("/service"),
            now: v.time(),
        };
        let akid = v.str("/credentials/access_key_id");
        let result = req.with(|r| verify(r, &expect, |id| (id == akid).then(|| v.secret())));
        if v.has_token() {
            let e = result.expect_err(&v.name);
            assert_eq!(e.exception(), "UnrecognizedClientException", "{}", v.name);
        } else {
            assert_eq!(
                result,
                Ok(Verified {
                    access_key_id: akid.into()
                }),
                "{}",
                v.name
            );
        }
        // One bit of its signature changed, it is refused.
        let mut forged = req.clone();
        let auth = forged.authorization().to_owned();
        let flipped = match auth.chars().last() {
            Some('0') => format!("{}1", &auth[..auth.len() - 1]),
            _ => format!("{}0", &auth[..auth.len() - 1]),
        };
        forged.set("Authorization", &flipped);
        assert!(
            forged
                .with(|r| verify(r, &expect, |_| Some(v.secret())))
                .is_err(),
            "{}",
            v.name
        );
    }
}

#[test]
fn the_suites_canonical_requests_and_strings_to_sign_are_ours() {
    for v in suite() {
        let req = parse_http(&v.file("header-signed-request.txt"));
        let auth = parse_authorization(req.authorization()).expect(&v.name);
        let hash = canonical::hex(&canonical::sha256(&req.body));
        let cr = req
            .with(|r| {
                canonical::canonical_request(r, &auth.signed_headers, &hash).map_err(str::to_owned)
            })
            .expect(&v.name);
        assert_eq!(cr, v.file("header-canonical-request.txt"), "{}", v.name);
        let amz_date = canonical::format_basic_time(v.time());
        let scope = format!(
            "{}/{}/{}/aws4_request",
            &amz_date[..8],
            v.str("/region"),
            v.str("/service")
        );
        assert_eq!(
            canonical::string_to_sign(&amz_date, &scope, &cr),
            v.file("header-string-to-sign.txt"),
            "{}",
            v.name
        );
    }
}

#[test]
fn sign_reproduces_the_suites_signatures() {
    for v in suite().into_iter().filter(|v| !v.has_token()) {
        let req = parse_http(&v.file("request.txt"));
        let signed = parse_http(&v.file("header-signed-request.txt"));
        let secret = v.secret();
        let params = SigningParams {
            access_key_id: v.str("/credentials/access_key_id"),
            secret: &secret,
            region: v.str("/region"),
            service: v.str("/service"),
            time: v.time(),
            content_sha256: v.context["sign_body"] == true,
        };
        let added = req.with(|r| sign(r, &params));
        assert_eq!(added.authorization, signed.authorization(), "{}", v.name);
    }
}

// Properties of sign and verify over arbitrary requests.

fn header_strategy() -> impl Strategy<Value = (String, String)> {
    // Names that are none of the headers SigV4 itself reads.
    ("h-[a-zA-Z0-9-]{1,12}", "[ -~\t]{0,40}")
}

fn request_strategy() -> impl Strategy<Value = Req> {
    (
        prop::collection::vec(header_strategy(), 0..8),
        prop::collection::vec(any::<u8>(), 0..300),
        "(/[a-zA-Z0-9._~%+ ሴ-]{0,8}){0,4}/?",
        "([a-zA-Z0-9%=&+ -]{0,30})",
        prop::sample::select(vec!["POST", "GET", "PUT"]),
    )
        .prop_map(|(extra, body, path, query, method)| {
            let mut req = Req::kms();
            req.headers.extend(extra);
            req.body = body;
            req.path = if path.is_empty() { "/".into() } else { path };
            // No presigned-looking or token parameters: those are refused.
            req.query = query;
            req.method = method.into();
            req
        })
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 128, ..ProptestConfig::default() })]

    #[test]
    fn whatever_sign_signs_verify_accepts(req in request_strategy(), sha in any::<bool>()) {
        let signed = req.signed_for(t0(), REGION, "kms", sha);
        prop_assert_eq!(signed.verify(), Ok(Verified { access_key_id: AKID.into() }));
    }

    #[test]
    fn any_change_to_a_body_byte_is_refused(req in request_strategy(), at in any::<prop::sample::Index>(), to in 1u8..=255) {
        prop_assume!(!req.body.is_empty());
        let mut signed = req.signed(t0());
        let i = at.index(signed.body.len());
        signed.body[i] ^= to;
        let e = signed.verify().expect_err("a changed body");
        prop_assert_eq!(e.exception(), "InvalidSignatureException");
    }

    #[test]
    fn any_change_to_a_signed_header_value_is_refused(
        req in request_strategy(),
        which in any::<prop::sample::Index>(),
        to in "[!-~]",
    ) {
        let mut signed = req.signed(t0());
        let names = parse_authorization(signed.authorization()).expect("parses").signed_headers;
        // A character of a signed value that is not a blank (blanks around and
        // between words are not signed as such: SigV4 collapses them).
        let candidates: Vec<(usize, usize)> = signed
            .headers
            .iter()
            .enumerate()
            .filter(|(_, (n, _))| names.iter().any(|s| s.eq_ignore_ascii_case(n)))
            .flat_map(|(h, (_, v))| {
                v.char_indices().filter(|(_, c)| !matches!(c, ' ' | '\t')).map(move |(i, _)| (h, i)).collect::<Vec<_>>()
            })
            .collect();
        prop_assume!(!candidates.is_empty());
        let (h, i) = candidates[which.index(candidates.len())];
        let value = &mut signed.headers[h].1;
        let old = value[i..].chars().next().expect("a char");
        let new = to.chars().next().expect("a char");
        prop_assume!(old != new);
        value.replace_range(i..i + old.len_utf8(), &to);
        let e = signed.verify().expect_err("a changed signed header");
        prop_assert!(
            matches!(e, AuthError::Invalid { .. } | AuthError::Incomplete { problem: Incomplete::DateFormat(_), .. }),
            "{:?}", e
        );
    }
}
