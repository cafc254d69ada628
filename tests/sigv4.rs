//! `lkms::sigv4` against independent signers: botocore's `SigV4Auth` (the
//! signer of the AWS CLI, boto3 and the AWS Encryption SDK CLI; run by
//! tests/sigv4_botocore.py) and AWS's Rust `aws-sigv4` crate (the signer of
//! the Rust SDK). Whatever they sign, `verify` accepts; what `sign` signs is
//! byte for byte what they sign.
//!
//! The Python is `$LKMS_TEST_PYTHON` (set by `.ci/run`), else
//! `target/ci-venv/bin/python` when it exists; with neither, the botocore
//! tests print a note and pass.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::SystemTime;

use base64::Engine;
use base64::engine::general_purpose::STANDARD as B64;
use lkms::sigv4::{self, Expect, SecretKey, SignedRequest, SigningParams, Verified};
use serde_json::json;
use time::OffsetDateTime;
use time::macros::datetime;

const AKID: &str = "AKIALKMSCROSSCHECK01";
const SECRET: &str = "cRoSs/Check+Secret0123456789abcdefghijKL";

/// One request to sign, unsigned.
#[derive(Clone, Debug)]
struct Case {
    method: &'static str,
    path: String,
    query: String,
    headers: Vec<(String, String)>,
    body: Vec<u8>,
    region: &'static str,
    service: &'static str,
    time: OffsetDateTime,
}

impl Case {
    fn kms(target: &str, body: &[u8]) -> Case {
        Case {
            method: "POST",
            path: "/".into(),
            query: String::new(),
            headers: vec![
                ("Host".into(), "127.0.0.1:4566".into()),
                ("Content-Type".into(), "application/x-amz-json-1.1".into()),
                ("X-Amz-Target".into(), format!("TrentService.{target}")),
                (
                    "User-Agent".into(),
                    "aws-cli/1.46.3 Python/3.13 md/Botocore#1.44.8".into(),
                ),
            ],
            body: body.to_vec(),
            region: "us-east-1",
            service: "kms",
            time: datetime!(2026-12-01 10:00:00 UTC),
        }
    }

    fn with(mut self, f: impl FnOnce(&mut Case)) -> Case {
        f(&mut self);
        self
    }

    fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }

    fn host(&self) -> &str {
        self.header("host").expect("every case has a Host")
    }

    /// `sigv4::verify` on this request with `headers`, at its own time.
    fn verify(&self, headers: &[(String, String)]) -> Result<Verified, sigv4::AuthError> {
        let pairs: Vec<(&str, &str)> = headers
            .iter()
            .map(|(n, v)| (n.as_str(), v.as_str()))
            .collect();
        let req = SignedRequest {
            method: self.method,
            path: &self.path,
            query: &self.query,
            headers: &pairs,
            body: &self.body,
        };
        let expect = Expect {
            region: self.region,
            service: self.service,
            now: self.time,
        };
        sigv4::verify(&req, &expect, |id| {
            (id == AKID).then(|| SecretKey::from_text(SECRET))
        })
    }

    /// `sigv4::sign`'s Authorization for this request.
    fn lkms_authorization(&self, content_sha256: bool) -> String {
        let pairs: Vec<(&str, &str)> = self
            .headers
            .iter()
            .filter(|(n, _)| !n.eq_ignore_ascii_case("x-amz-content-sha256"))
            .map(|(n, v)| (n.as_str(), v.as_str()))
            .collect();
        let req = SignedRequest {
            method: self.method,
            path: &self.path,
            query: &self.query,
            headers: &pairs,
            body: &self.body,
        };
        let secret = SecretKey::from_text(SECRET);
        let params = SigningParams {
            access_key_id: AKID,
            secret: &secret,
            region: self.region,
            service: self.service,
            time: self.time,
            content_sha256,
        };
        sigv4::sign(&req, &params).authorization
    }
}

/// A small deterministic generator (xorshift), so every run checks the same
/// requests and a failure can be replayed.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
    fn pick<'a>(&mut self, from: &[&'a str]) -> &'a str {
        from[self.below(from.len())]
    }
    fn text(&mut self, alphabet: &[u8], max: usize) -> String {
        let len = self.below(max + 1);
        (0..len)
            .map(|_| char::from(alphabet[self.below(alphabet.len())]))
            .collect()
    }
}

/// Requests covering what the signers must agree on: header case, repeats
/// and blanks, paths to normalize and encode, queries, bodies, the Date
/// header, X-Amz-Content-Sha256, other regions and services; then random
/// ones.
fn cases() -> Vec<Case> {
    let mut all = vec![
        Case::kms(
            "Encrypt",
            br#"{"KeyId": "alias/app", "Plaintext": "aGVsbG8="}"#,
        ),
        Case::kms("ListKeys", b""),
        Case::kms("ListKeys", b"{}").with(|c| c.headers.retain(|(n, _)| n != "User-Agent")),
        Case::kms("Decrypt", b"{}").with(|c| {
            c.headers.push(("X-Dup".into(), "b".into()));
            c.headers.push(("x-dup".into(), "  a  ".into()));
            c.headers
                .push(("X-Blanks".into(), "  one   two\t\tthree  ".into()));
            c.headers.push(("X-Empty".into(), "".into()));
        }),
        Case::kms("Sign", b"{}").with(|c| {
            for (n, _) in &mut c.headers {
                *n = n.to_ascii_uppercase();
            }
        }),
        Case::kms("Encrypt", b"{}").with(|c| c.time = datetime!(2026-12-31 23:59:59 UTC)),
        Case::kms("Encrypt", b"{}").with(|c| {
            c.region = "eu-west-3";
            c.service = "kms";
        }),
        Case::kms("Encrypt", b"x").with(|c| c.service = "dynamodb"),
        // botocore signs with a Date header instead of X-Amz-Date when the
        // request has one.
        Case::kms("Encrypt", b"{}").with(|c| c.headers.push(("Date".into(), "placeholder".into()))),
        // A payload hash header, which botocore signs as given.
        Case::kms("Encrypt", b"{\"a\":1}").with(|c| {
            let hash = sha256_hex(&c.body);
            c.headers.push(("X-Amz-Content-SHA256".into(), hash));
        }),
        Case::kms("Encrypt", &[0, 255, 10, 13, 0x80]),
    ];
    for path in [
        "/a/b/../c",
        "//x//y//",
        "/./a/./",
        "/a%20b/%E1%88%B4",
        "/a+b=c~d",
        "/%2F/%25",
        "/x/..",
        "/-._~AZaz09",
    ] {
        all.push(Case::kms("Encrypt", b"{}").with(|c| c.path = path.into()));
    }
    for query in [
        "a=1&b=2",
        "b=2&a=1",
        "a=%E1%88%B4",
        "x=",
        "k=1&k=0",
        "Z=1&a=1&_=1&-=1&~=1",
        "a%20b=c%2Fd",
    ] {
        all.push(Case::kms("Encrypt", b"{}").with(|c| c.query = query.into()));
    }

    let mut rng = Rng(0x5167_7634_6c6b_6d73);
    let name_chars = b"abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_";
    let value_chars: Vec<u8> = (0x20u8..0x7f).chain([b'\t']).collect();
    let path_chars = b"abcXYZ019-._~";
    let query_chars = b"abcXYZ019-._~";
    for _ in 0..200 {
        let mut case = Case::kms(rng.pick(&["Encrypt", "Decrypt", "GenerateDataKey"]), b"");
        case.method = ["POST", "GET", "PUT"][rng.below(3)];
        for _ in 0..rng.below(6) {
            let name = format!("x-h{}", rng.text(name_chars, 10));
            let value = rng.text(&value_chars, 30);
            case.headers.push((name, value));
        }
        case.body = (0..rng.below(200)).map(|_| rng.next() as u8).collect();
        let segments: Vec<String> = (0..rng.below(4))
            .map(|_| match rng.below(6) {
                0 => "..".to_owned(),
                1 => ".".to_owned(),
                2 => String::new(),
                3 => "%E1%88%B4".to_owned(),
                _ => rng.text(path_chars, 6),
            })
            .collect();
        case.path = format!("/{}", segments.join("/"));
        let pairs: Vec<String> = (0..rng.below(4))
            .map(|_| format!("{}={}", rng.text(query_chars, 5), rng.text(query_chars, 5)))
            .filter(|p| p != "=")
            .collect();
        case.query = pairs.join("&");
        case.time += time::Duration::seconds(rng.below(86_400 * 400) as i64);
        all.push(case);
    }
    all
}

fn sha256_hex(data: &[u8]) -> String {
    use sha2::Digest;
    sha2::Sha256::digest(data)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

fn basic_time(t: OffsetDateTime) -> String {
    let f = time::macros::format_description!("[year][month][day]T[hour][minute][second]Z");
    t.format(f).expect("formats")
}

/// The Python with botocore, or `None` (and a note) when there is none.
fn python() -> Option<PathBuf> {
    if let Some(p) = std::env::var_os("LKMS_TEST_PYTHON") {
        return Some(PathBuf::from(p));
    }
    let venv = Path::new(env!("CARGO_MANIFEST_DIR")).join("target/ci-venv/bin/python");
    if venv.exists() {
        return Some(venv);
    }
    println!(
        "note: skipped, LKMS_TEST_PYTHON is unset and there is no target/ci-venv \
         (.ci/run makes one with botocore)"
    );
    None
}

/// Each case as botocore signs it: the headers it sends.
fn botocore_signed(cases: &[Case]) -> Option<Vec<Vec<(String, String)>>> {
    let python = python()?;
    let input: Vec<serde_json::Value> = cases
        .iter()
        .map(|c| {
            json!({
                "method": c.method,
                "host": c.host(),
                "path": c.path,
                "query": c.query,
                "headers": c.headers,
                "body_b64": B64.encode(&c.body),
                "region": c.region,
                "service": c.service,
                "access_key_id": AKID,
                "secret": SECRET,
                "timestamp": basic_time(c.time),
            })
        })
        .collect();
    let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/sigv4_botocore.py");
    let mut child = Command::new(&python)
        .arg(&script)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap_or_else(|e| panic!("cannot run {python:?}: {e}"));
    child
        .stdin
        .take()
        .expect("stdin")
        .write_all(serde_json::to_string(&input).expect("json").as_bytes())
        .expect("write cases");
    let out = child.wait_with_output().expect("python ran");
    assert!(
        out.status.success(),
        "{python:?} tests/sigv4_botocore.py failed (is botocore installed? .ci/run installs it):\n{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let parsed: serde_json::Value =
        serde_json::from_slice(&out.stdout).expect("botocore's answer is JSON");
    let signed: Vec<Vec<(String, String)>> =
        serde_json::from_value(parsed["signed"].clone()).expect("lists of [name, value]");
    assert_eq!(signed.len(), cases.len());
    Some(signed)
}

#[test]
fn what_botocore_signs_lkms_verifies() {
    let cases = cases();
    let Some(signed) = botocore_signed(&cases) else {
        return;
    };
    for (case, headers) in cases.iter().zip(&signed) {
        assert_eq!(
            case.verify(headers),
            Ok(Verified {
                access_key_id: AKID.into()
            }),
            "{case:?}\nsigned by botocore as {headers:?}"
        );
        // Tampered with, the same request is refused.
        let mut tampered = case.clone();
        tampered.body.push(b' ');
        assert!(tampered.verify(headers).is_err(), "{case:?}");
    }
    // The Date-header case really went out without X-Amz-Date.
    let dated = cases
        .iter()
        .position(|c| c.header("date").is_some())
        .expect("a Date case");
    assert!(
        signed[dated]
            .iter()
            .all(|(n, _)| !n.eq_ignore_ascii_case("x-amz-date"))
    );
}

#[test]
fn lkms_signs_what_botocore_signs() {
    let cases = cases();
    let Some(signed) = botocore_signed(&cases) else {
        return;
    };
    let mut compared = 0;
    for (case, headers) in cases.iter().zip(&signed) {
        if case.header("date").is_some() {
            continue; // lkms's signer always sends X-Amz-Date.
        }
        let botocore = headers
            .iter()
            .find(|(n, _)| n == "Authorization")
            .map(|(_, v)| v.as_str())
            .expect("botocore sets Authorization");
        let content_sha256 = case.header("x-amz-content-sha256").is_some();
        assert_eq!(
            case.lkms_authorization(content_sha256),
            botocore,
            "{case:?}"
        );
        compared += 1;
    }
    assert!(compared > 200);
}

/// The case as AWS's Rust signer signs it: the headers it adds.
fn aws_sigv4_signed(case: &Case) -> Vec<(String, String)> {
    use aws_sigv4::http_request::{SignableBody, SignableRequest, SigningSettings, sign};
    use aws_sigv4::sign::v4;

    let identity =
        aws_credential_types::Credentials::new(AKID, SECRET, None, None, "lkms-test").into();
    let params = v4::SigningParams::builder()
        .identity(&identity)
        .region(case.region)
        .name(case.service)
        .time(SystemTime::from(case.time))
        .settings(SigningSettings::default())
        .build()
        .expect("signing params")
        .into();
    let mut uri = format!("https://{}{}", case.host(), case.path);
    if !case.query.is_empty() {
        uri.push('?');
        uri.push_str(&case.query);
    }
    let request = SignableRequest::new(
        case.method,
        uri,
        case.headers.iter().map(|(n, v)| (n.as_str(), v.as_str())),
        SignableBody::Bytes(&case.body),
    )
    .expect("signable");
    let (instructions, _signature) = sign(request, &params).expect("signs").into_parts();
    instructions
        .headers()
        .map(|(n, v)| (n.to_owned(), v.to_owned()))
        .collect()
}

/// Cases the Rust signer reads as lkms (and botocore) do. It differs on
/// three things no KMS request has (its path is `/`, its query empty): it
/// collapses runs of spaces in a header value but keeps tabs, where
/// botocore and the JavaScript SDK collapse both; it keeps the slash of a
/// path ending in `/.` or `/..` (RFC 3986), which botocore drops; and it
/// parses a query as an HTML form, where `+` is a space (the cases have no
/// `+` in a query). It has no Date-header mode either.
fn aws_sigv4_cases() -> Vec<Case> {
    cases()
        .into_iter()
        .filter(|c| c.header("date").is_none())
        .filter(|c| !c.headers.iter().any(|(_, v)| v.contains('\t')))
        .filter(|c| !c.path.ends_with("/.") && !c.path.ends_with("/.."))
        .collect()
}

#[test]
fn what_aws_sigv4_signs_lkms_verifies_and_lkms_signs_alike() {
    let mut checked = 0;
    for case in aws_sigv4_cases() {
        let added = aws_sigv4_signed(&case);
        let mut headers = case.headers.clone();
        headers.extend(added.iter().cloned());
        assert_eq!(
            case.verify(&headers),
            Ok(Verified {
                access_key_id: AKID.into()
            }),
            "{case:?}\nsigned by aws-sigv4 with {added:?}"
        );
        let authorization = added
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case("authorization"))
            .map(|(_, v)| v.as_str())
            .expect("aws-sigv4 sets Authorization");
        let content_sha256 = case.header("x-amz-content-sha256").is_some();
        assert_eq!(
            case.lkms_authorization(content_sha256),
            authorization,
            "{case:?}"
        );
        checked += 1;
    }
    assert!(checked > 100, "{checked}");
}
