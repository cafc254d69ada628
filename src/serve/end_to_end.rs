//! The protocol end to end, in process: a real listener on a loopback port
//! with a test backend (one access key), raw HTTP/1.1 over `TcpStream` so
//! every byte is the test's, and requests signed with `lkms::sigv4::sign`.

use std::io::{Read, Write};
use std::net::{SocketAddr, TcpStream};
use std::path::PathBuf;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use lkms::sigv4::{SecretKey, SignedRequest, SigningParams};
use time::OffsetDateTime;

use super::backend::{Backend, Durable, Refusal, Reply, Step};
use super::{access_log, listener, protocol, throttle};

const REGION: &str = "us-east-1";
const KEY_ID: &str = "LKIATESTTESTTESTTEST";
const SECRET: &str = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY";
const PRINCIPAL: &str = "ci";

/// A call as the backend saw it: principal, access key id, operation, body.
type Call = (String, String, String, Vec<u8>);

/// One access key; records what reaches it.
#[derive(Default)]
struct TestBackend {
    calls: Mutex<Vec<Call>>,
    refusals: Mutex<Vec<Refusal>>,
    lookups: Mutex<usize>,
    /// The keyring's store is out of reach: lookups fail as it would.
    store_down: std::sync::atomic::AtomicBool,
}

impl Backend for TestBackend {
    fn region(&self) -> &str {
        REGION
    }

    fn access_key(&self, id: &str) -> Result<Option<(String, SecretKey)>, Reply> {
        *self.lookups.lock().unwrap() += 1;
        if self.store_down.load(std::sync::atomic::Ordering::SeqCst) {
            let down = lkms::Error::io(
                "the keyring's store is unavailable",
                std::io::Error::from(std::io::ErrorKind::NotConnected),
            );
            return Err(Reply::unavailable(&down).unwrap());
        }
        Ok((id == KEY_ID).then(|| (PRINCIPAL.to_owned(), SecretKey::from_text(SECRET))))
    }

    fn call(self: Arc<Self>, principal: &str, id: &str, operation: &str, body: &[u8]) -> Step {
        self.calls.lock().unwrap().push((
            principal.to_owned(),
            id.to_owned(),
            operation.to_owned(),
            body.to_vec(),
        ));
        let reply = Reply {
            status: 200,
            body: br#"{"KeyId":"k"}"#.to_vec(),
            error_type: None,
        };
        if operation == "Slow" {
            return Step::Blocking(Box::new(move || {
                std::thread::sleep(Duration::from_millis(300));
                reply
            }));
        }
        Step::Ran(reply, Durable::now())
    }

    fn refused(&self, refusal: &Refusal) -> Durable {
        self.refusals.lock().unwrap().push(refusal.clone());
        Durable::now()
    }
}

struct Options {
    max_body: u64,
    auth_failures_per_minute: u32,
    max_connections: usize,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            max_body: 4096,
            auth_failures_per_minute: 1000,
            max_connections: 64,
        }
    }
}

/// A server on a runtime of its own, stopped when dropped.
struct Running {
    addr: SocketAddr,
    backend: Arc<TestBackend>,
    log: PathBuf,
    stop: Option<tokio::sync::watch::Sender<bool>>,
    thread: Option<std::thread::JoinHandle<()>>,
    _dir: tempfile::TempDir,
}

impl Running {
    fn start(options: Options) -> Running {
        let dir = tempfile::tempdir().unwrap();
        let log = dir.path().join("access.log");
        let backend = Arc::new(TestBackend::default());
        let (access, writer) = access_log::open(&log).unwrap();
        let shared = Arc::new(protocol::Shared {
            backend: backend.clone(),
            throttle: throttle::Throttle::new(options.auth_failures_per_minute),
            signing_keys: lkms::sigv4::SigningKeyCache::default(),
            log: access,
            max_body: options.max_body,
            body_timeout: Duration::from_secs(5),
        });
        let settings = listener::Settings {
            tls: None,
            max_connections: options.max_connections,
            header_timeout: Duration::from_secs(5),
            max_headers: 32,
            max_header_bytes: 8192,
            shutdown_timeout: Duration::from_secs(5),
        };
        let runtime = tokio::runtime::Builder::new_multi_thread()
            .worker_threads(2)
            .enable_all()
            .build()
            .unwrap();
        let std_listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        std_listener.set_nonblocking(true).unwrap();
        let addr = std_listener.local_addr().unwrap();
        let (stop, stopped) = tokio::sync::watch::channel(false);
        let thread = std::thread::spawn(move || {
            runtime.block_on(async move {
                let listener = tokio::net::TcpListener::from_std(std_listener).unwrap();
                listener::serve(listener, settings, shared, stopped).await;
            });
            runtime.shutdown_timeout(Duration::from_secs(1));
            writer.finish();
        });
        Running {
            addr,
            backend,
            log,
            stop: Some(stop),
            thread: Some(thread),
            _dir: dir,
        }
    }

    /// Stops the server and returns its access log.
    fn stop(mut self) -> String {
        self.halt();
        std::fs::read_to_string(&self.log).unwrap()
    }

    fn halt(&mut self) {
        if let Some(stop) = self.stop.take() {
            let _ = stop.send(true);
        }
        if let Some(thread) = self.thread.take() {
            thread.join().unwrap();
        }
    }
}

impl Drop for Running {
    fn drop(&mut self) {
        self.halt();
    }
}

/// A request to build, sign and send.
struct Req<'a> {
    method: &'a str,
    path: &'a str,
    target: Option<&'a str>,
    content_type: Option<&'a str>,
    body: &'a [u8],
    key_id: &'a str,
    secret: &'a str,
    sign: bool,
}

impl Default for Req<'_> {
    fn default() -> Self {
        Req {
            method: "POST",
            path: "/",
            target: Some("TrentService.Encrypt"),
            content_type: Some("application/x-amz-json-1.1"),
            body: b"{}",
            key_id: KEY_ID,
            secret: SECRET,
            sign: true,
        }
    }
}

impl Req<'_> {
    /// The request's bytes, `Connection: close` so the answer ends at EOF.
    fn bytes(&self, addr: SocketAddr) -> Vec<u8> {
        let host = addr.to_string();
        let length = self.body.len().to_string();
        let mut headers: Vec<(&str, &str)> = vec![("Host", &host)];
        if let Some(t) = self.content_type {
            headers.push(("Content-Type", t));
        }
        if let Some(t) = self.target {
            headers.push(("X-Amz-Target", t));
        }
        headers.push(("Content-Length", &length));
        let secret = SecretKey::from_text(self.secret);
        let added = lkms::sigv4::sign(
            &SignedRequest {
                method: self.method,
                path: self.path,
                query: "",
                headers: &headers,
                body: self.body,
            },
            &SigningParams {
                access_key_id: self.key_id,
                secret: &secret,
                region: REGION,
                service: "kms",
                time: OffsetDateTime::now_utc(),
                content_sha256: false,
            },
        );
        let mut out = format!("{} {} HTTP/1.1\r\n", self.method, self.path);
        for (n, v) in &headers {
            out.push_str(&format!("{n}: {v}\r\n"));
        }
        if self.sign {
            for (n, v) in added.iter() {
                out.push_str(&format!("{n}: {v}\r\n"));
            }
        }
        out.push_str("Connection: close\r\n\r\n");
        let mut out = out.into_bytes();
        out.extend_from_slice(self.body);
        out
    }
}

/// An answer: status, headers (names lower-cased), body.
#[derive(Debug)]
struct Answer {
    status: u16,
    headers: Vec<(String, String)>,
    body: String,
}

impl Answer {
    fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, v)| v.as_str())
    }

    fn exception(&self) -> String {
        let v: serde_json::Value = serde_json::from_str(&self.body).unwrap();
        assert_eq!(
            self.header("x-amzn-errortype"),
            v["__type"].as_str(),
            "header and body agree"
        );
        assert!(v["message"].is_string(), "{}", self.body);
        v["__type"].as_str().unwrap().to_owned()
    }
}

fn exchange(addr: SocketAddr, raw: &[u8]) -> Answer {
    let mut s = TcpStream::connect(addr).unwrap();
    s.set_read_timeout(Some(Duration::from_secs(30))).unwrap();
    s.write_all(raw).unwrap();
    let mut text = Vec::new();
    s.read_to_end(&mut text).unwrap();
    parse(&text)
}

fn parse(raw: &[u8]) -> Answer {
    let text = String::from_utf8_lossy(raw);
    let (head, body) = text.split_once("\r\n\r\n").expect("a whole answer");
    let mut lines = head.lines();
    let status = lines
        .next()
        .unwrap()
        .split(' ')
        .nth(1)
        .unwrap()
        .parse()
        .unwrap();
    let headers = lines
        .filter_map(|l| l.split_once(':'))
        .map(|(n, v)| (n.trim().to_ascii_lowercase(), v.trim().to_owned()))
        .collect();
    Answer {
        status,
        headers,
        body: body.to_owned(),
    }
}

fn send(server: &Running, req: Req) -> Answer {
    exchange(server.addr, &req.bytes(server.addr))
}

#[test]
fn a_signed_request_reaches_its_operation_as_the_keys_principal() {
    let server = Running::start(Options::default());
    let a = send(
        &server,
        Req {
            body: br#"{"KeyId":"alias/x","Plaintext":"aGk="}"#,
            ..Req::default()
        },
    );
    assert_eq!(a.status, 200, "{a:?}");
    assert_eq!(a.body, r#"{"KeyId":"k"}"#);
    assert_eq!(a.header("content-type"), Some("application/x-amz-json-1.1"));
    assert_eq!(a.header("x-amzn-errortype"), None);
    let id = a.header("x-amzn-requestid").unwrap();
    assert!(uuid::Uuid::parse_str(id).is_ok(), "{id}");
    let calls = server.backend.calls.lock().unwrap().clone();
    assert_eq!(
        calls,
        vec![(
            PRINCIPAL.to_owned(),
            KEY_ID.to_owned(),
            "Encrypt".to_owned(),
            br#"{"KeyId":"alias/x","Plaintext":"aGk="}"#.to_vec()
        )]
    );
    let second = send(&server, Req::default());
    assert_ne!(
        second.header("x-amzn-requestid"),
        Some(id),
        "a fresh id per request"
    );
}

#[test]
fn unknown_or_missing_targets_are_unknown_operations_and_audited() {
    let server = Running::start(Options::default());
    for target in [
        Some("Kinesis_20131202.ListShards"),
        Some("TrentService.encrypt"),
        Some("TrentService."),
        None,
    ] {
        let a = send(
            &server,
            Req {
                target,
                ..Req::default()
            },
        );
        assert_eq!(a.status, 400, "{target:?}: {a:?}");
        assert_eq!(a.exception(), "UnknownOperationException");
    }
    assert!(server.backend.calls.lock().unwrap().is_empty());
    let refusals = server.backend.refusals.lock().unwrap().clone();
    assert_eq!(refusals.len(), 4);
    assert!(
        refusals
            .iter()
            .all(|r| r.access_key_id.as_deref() == Some(KEY_ID)
                && r.exception == "UnknownOperationException")
    );
}

#[test]
fn malformed_json_is_a_serialization_exception() {
    let server = Running::start(Options::default());
    for body in [&b"{\"KeyId\": "[..], b"", b"[]", b"{} {}", b"\xff\xfe"] {
        let a = send(
            &server,
            Req {
                body,
                ..Req::default()
            },
        );
        assert_eq!(a.status, 400, "{body:?}: {a:?}");
        assert_eq!(a.exception(), "SerializationException");
    }
    assert!(server.backend.calls.lock().unwrap().is_empty());
}

#[test]
fn other_content_types_methods_and_paths_are_unknown_operations() {
    let server = Running::start(Options::default());
    for (method, path, content_type) in [
        ("POST", "/", Some("text/plain")),
        ("POST", "/", Some("application/x-www-form-urlencoded")),
        ("POST", "/", None),
        ("GET", "/keys", Some("application/x-amz-json-1.1")),
        ("PUT", "/", Some("application/x-amz-json-1.1")),
        ("POST", "/2014-11-01/", Some("application/x-amz-json-1.1")),
    ] {
        let a = send(
            &server,
            Req {
                method,
                path,
                content_type,
                ..Req::default()
            },
        );
        assert_eq!(a.status, 404, "{method} {path} {content_type:?}: {a:?}");
        assert_eq!(a.exception(), "UnknownOperationException");
    }
    // application/json is taken, as AWS's JSON services take it.
    let a = send(
        &server,
        Req {
            content_type: Some("application/json"),
            ..Req::default()
        },
    );
    assert_eq!(a.status, 200, "{a:?}");
    assert_eq!(server.backend.calls.lock().unwrap().len(), 1);
}

#[test]
fn the_health_check_needs_no_signature_and_says_nothing_of_the_keyring() {
    let server = Running::start(Options::default());
    let a = exchange(
        server.addr,
        b"GET / HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n",
    );
    assert_eq!(a.status, 200);
    assert_eq!(a.body, "healthy: lkms\n");
    assert_eq!(*server.backend.lookups.lock().unwrap(), 0);
    assert!(server.backend.refusals.lock().unwrap().is_empty());
}

#[test]
fn signature_failures_are_refused_audited_and_reach_no_operation() {
    let server = Running::start(Options::default());
    let wrong = send(
        &server,
        Req {
            secret: "not-the-secret",
            ..Req::default()
        },
    );
    assert_eq!(wrong.status, 400);
    assert_eq!(wrong.exception(), "InvalidSignatureException");
    let unknown = send(
        &server,
        Req {
            key_id: "LKIAUNKNOWNUNKNOWNXX",
            ..Req::default()
        },
    );
    assert_eq!(unknown.exception(), "UnrecognizedClientException");
    let unsigned = send(
        &server,
        Req {
            sign: false,
            ..Req::default()
        },
    );
    assert_eq!(unsigned.exception(), "MissingAuthenticationTokenException");
    // Checked before the protocol: an unsigned GET elsewhere learns nothing.
    let probe = exchange(
        server.addr,
        b"GET /admin HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n",
    );
    assert_eq!(probe.exception(), "MissingAuthenticationTokenException");
    assert!(server.backend.calls.lock().unwrap().is_empty());
    let refusals = server.backend.refusals.lock().unwrap().clone();
    let names: Vec<_> = refusals.iter().map(|r| r.exception).collect();
    assert_eq!(
        names,
        [
            "InvalidSignatureException",
            "UnrecognizedClientException",
            "MissingAuthenticationTokenException",
            "MissingAuthenticationTokenException"
        ]
    );
    assert_eq!(refusals[0].access_key_id.as_deref(), Some(KEY_ID));
    assert_eq!(refusals[0].operation.as_deref(), Some("Encrypt"));
    assert!(refusals.iter().all(|r| r.peer.ip().is_loopback()));
}

#[test]
fn failed_authentications_are_throttled_per_client_without_looking_at_signatures() {
    let server = Running::start(Options {
        auth_failures_per_minute: 3,
        ..Options::default()
    });
    for _ in 0..3 {
        let a = send(
            &server,
            Req {
                secret: "wrong",
                ..Req::default()
            },
        );
        assert_eq!(a.exception(), "InvalidSignatureException");
    }
    let lookups = *server.backend.lookups.lock().unwrap();
    for _ in 0..3 {
        // Even a good signature: it is not looked at.
        let a = send(&server, Req::default());
        assert_eq!(a.status, 400);
        assert_eq!(a.exception(), "ThrottlingException");
    }
    assert_eq!(
        *server.backend.lookups.lock().unwrap(),
        lookups,
        "no secret looked up"
    );
    assert!(server.backend.calls.lock().unwrap().is_empty());
    let throttled = server
        .backend
        .refusals
        .lock()
        .unwrap()
        .iter()
        .filter(|r| r.exception == "ThrottlingException")
        .count();
    assert_eq!(throttled, 1, "audited once, not once per request");
    // The health check still answers.
    let a = exchange(
        server.addr,
        b"GET / HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n",
    );
    assert_eq!(a.status, 200);
}

/// While the keyring's database is out of reach, a request is answered
/// with AWS's retryable 503, not as a bad access key: it is not refused,
/// audited or throttled, and the same request succeeds once it is back.
#[test]
fn an_unreachable_store_is_a_retryable_error_not_an_authentication_failure() {
    let server = Running::start(Options {
        auth_failures_per_minute: 1,
        ..Options::default()
    });
    server
        .backend
        .store_down
        .store(true, std::sync::atomic::Ordering::SeqCst);
    for _ in 0..3 {
        let a = send(&server, Req::default());
        assert_eq!(a.status, 503);
        assert_eq!(a.exception(), "DependencyTimeoutException");
    }
    assert!(server.backend.refusals.lock().unwrap().is_empty());
    assert!(server.backend.calls.lock().unwrap().is_empty());
    server
        .backend
        .store_down
        .store(false, std::sync::atomic::Ordering::SeqCst);
    let a = send(&server, Req::default());
    assert_eq!(a.status, 200, "not throttled after the outage");
}

#[test]
fn bodies_over_the_limit_are_refused_declared_or_chunked() {
    let server = Running::start(Options {
        max_body: 4096,
        ..Options::default()
    });
    let big = format!("{{\"Plaintext\":\"{}\"}}", "A".repeat(5000));
    let a = send(
        &server,
        Req {
            body: big.as_bytes(),
            ..Req::default()
        },
    );
    assert_eq!(a.status, 413, "{a:?}");
    assert_eq!(a.exception(), "RequestEntityTooLargeException");
    assert_eq!(a.header("connection"), Some("close"));
    // Chunked, with no length to refuse it by: cut off when it passes the limit.
    let mut raw = b"POST / HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n".to_vec();
    for _ in 0..5 {
        raw.extend_from_slice(format!("400\r\n{}\r\n", "B".repeat(1024)).as_bytes());
    }
    raw.extend_from_slice(b"0\r\n\r\n");
    let a = exchange(server.addr, &raw);
    assert_eq!(a.status, 413, "{a:?}");
    // Just under the limit goes through.
    let fits = format!("{{\"Plaintext\":\"{}\"}}", "A".repeat(4000));
    let a = send(
        &server,
        Req {
            body: fits.as_bytes(),
            ..Req::default()
        },
    );
    assert_eq!(a.status, 200, "{a:?}");
}

#[test]
fn the_access_log_has_one_line_per_request_and_never_a_body_secret_or_signature() {
    let server = Running::start(Options::default());
    let marker = "UGxhaW50ZXh0TWFya2VyVGhhdE11c3ROb3RMZWFr";
    let body = format!(r#"{{"KeyId":"alias/x","Plaintext":"{marker}"}}"#);
    let req = Req {
        body: body.as_bytes(),
        ..Req::default()
    };
    let raw = req.bytes(server.addr);
    let signature = String::from_utf8_lossy(&raw)
        .split("Signature=")
        .nth(1)
        .unwrap()
        .lines()
        .next()
        .unwrap()
        .to_owned();
    let a = exchange(server.addr, &raw);
    assert_eq!(a.status, 200);
    let bad = send(
        &server,
        Req {
            body: body.as_bytes(),
            secret: "wrong",
            ..Req::default()
        },
    );
    assert_eq!(bad.status, 400);
    let id = a.header("x-amzn-requestid").unwrap().to_owned();
    let log = server.stop();
    assert_eq!(log.lines().count(), 2, "{log}");
    let first = log.lines().next().unwrap();
    for field in [
        "peer=127.0.0.1:",
        &format!("access_key={KEY_ID}"),
        "operation=Encrypt",
        "status=200",
        "exception=-",
        &format!("request_id={id}"),
    ] {
        assert!(first.contains(field), "{field} in {first}");
    }
    assert!(log.contains("exception=InvalidSignatureException"), "{log}");
    for secret in [marker, SECRET, &signature, "Plaintext"] {
        assert!(!log.contains(secret), "{secret} leaked into {log}");
    }
}

#[test]
fn connections_over_the_limit_are_told_the_server_is_busy() {
    let server = Running::start(Options {
        max_connections: 1,
        ..Options::default()
    });
    // One keep-alive connection holds the only place.
    let mut held = TcpStream::connect(server.addr).unwrap();
    held.set_read_timeout(Some(Duration::from_secs(30)))
        .unwrap();
    held.write_all(b"GET / HTTP/1.1\r\nHost: x\r\n\r\n")
        .unwrap();
    let mut buf = [0u8; 512];
    let n = held.read(&mut buf).unwrap();
    assert!(String::from_utf8_lossy(&buf[..n]).starts_with("HTTP/1.1 200"));
    let a = send(&server, Req::default());
    assert_eq!(a.status, 503, "{a:?}");
    assert_eq!(a.exception(), "ServiceUnavailableException");
    assert!(server.backend.calls.lock().unwrap().is_empty());
    // Its place freed, the next connection is served.
    drop(held);
    let mut tries = 0;
    loop {
        let a = send(&server, Req::default());
        if a.status == 200 {
            break;
        }
        // The server sees the close a moment after the client makes it.
        tries += 1;
        assert!(tries < 1000, "never served again: {a:?}");
        std::thread::sleep(Duration::from_millis(10));
    }
}

#[test]
fn stopping_lets_the_request_in_flight_finish() {
    let server = Running::start(Options::default());
    let raw = Req {
        target: Some("TrentService.Slow"),
        ..Req::default()
    }
    .bytes(server.addr);
    let addr = server.addr;
    let mut s = TcpStream::connect(addr).unwrap();
    s.set_read_timeout(Some(Duration::from_secs(30))).unwrap();
    s.write_all(&raw).unwrap();
    // Wait until the operation runs, then stop.
    while server.backend.calls.lock().unwrap().is_empty() {
        std::thread::sleep(Duration::from_millis(5));
    }
    let log = {
        let mut server = server;
        server.halt();
        std::fs::read_to_string(&server.log).unwrap()
    };
    let mut text = Vec::new();
    s.read_to_end(&mut text).unwrap();
    let a = parse(&text);
    assert_eq!(a.status, 200, "{a:?}");
    assert!(log.contains("operation=Slow status=200"), "{log}");
    assert!(TcpStream::connect(addr).is_err(), "no longer listening");
}

#[test]
fn heads_with_too_many_or_too_large_headers_are_refused_431() {
    let server = Running::start(Options::default());
    let mut many = String::from("GET / HTTP/1.1\r\nHost: x\r\n");
    for i in 0..40 {
        many.push_str(&format!("X-H{i}: v\r\n"));
    }
    many.push_str("Connection: close\r\n\r\n");
    assert_eq!(exchange(server.addr, many.as_bytes()).status, 431);
    let large = format!(
        "GET / HTTP/1.1\r\nHost: x\r\nX-Big: {}\r\nConnection: close\r\n\r\n",
        "a".repeat(9000)
    );
    assert_eq!(exchange(server.addr, large.as_bytes()).status, 431);
    // Within both limits: served.
    assert_eq!(
        exchange(
            server.addr,
            b"GET / HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"
        )
        .status,
        200
    );
}
