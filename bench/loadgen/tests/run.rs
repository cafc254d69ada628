//! The load generator against a small fake KMS endpoint on loopback: every
//! request arrives signed, the bounds hold, errors are counted by type, and
//! connections the server closes are reopened.

use std::convert::Infallible;
use std::net::SocketAddr;
use std::process::Command;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex};

use bytes::Bytes;
use http_body_util::{BodyExt, Full};
use hyper::{Request, Response};
use hyper_util::rt::TokioIo;
use serde_json::{Value, json};

/// What the fake server saw.
#[derive(Default)]
struct Seen {
    requests: AtomicU64,
    connections: AtomicU64,
    problems: Mutex<Vec<String>>,
}

/// Answers like KMS: Encrypt under `missing` is NotFoundException, anything
/// else 200; every 25th response on a connection closes it. Notes any
/// request that is unsigned or names another host.
async fn answer(
    seen: Arc<Seen>,
    addr: SocketAddr,
    n: u64,
    req: Request<hyper::body::Incoming>,
) -> Result<Response<Full<Bytes>>, Infallible> {
    seen.requests.fetch_add(1, Ordering::Relaxed);
    let (parts, body) = req.into_parts();
    let body = body
        .collect()
        .await
        .map(|b| b.to_bytes())
        .unwrap_or_default();
    let header = |name: &str| {
        parts
            .headers
            .get(name)
            .and_then(|v| v.to_str().ok())
            .unwrap_or("")
            .to_owned()
    };
    let auth = header("authorization");
    let mut problems = Vec::new();
    if !auth.starts_with("AWS4-HMAC-SHA256 Credential=AKIDLOADGEN/")
        || !auth.contains("/us-east-1/kms/aws4_request")
    {
        problems.push(format!("authorization: {auth}"));
    }
    if header("x-amz-date").is_empty() {
        problems.push("no x-amz-date".into());
    }
    // The signed Host must be this server's, also when several are loaded.
    if header("host") != addr.to_string() {
        problems.push(format!("host {:?}, not {addr}", header("host")));
    }
    if parts.method != hyper::Method::POST
        || parts.uri.path() != "/"
        || header("content-type") != "application/x-amz-json-1.1"
    {
        problems.push(format!(
            "{} {} {}",
            parts.method,
            parts.uri,
            header("content-type")
        ));
    }
    let target = header("x-amz-target");
    let json: Value = serde_json::from_slice(&body).unwrap_or(Value::Null);
    if !problems.is_empty() {
        seen.problems.lock().expect("lock").extend(problems);
    }
    let (status, out) = if target == "TrentService.Encrypt" && json["KeyId"] == "missing" {
        (
            400,
            json!({"__type": "NotFoundException", "message": "Key 'missing' does not exist"}),
        )
    } else if target == "TrentService.Encrypt" {
        (
            200,
            json!({"CiphertextBlob": "Y3Q=", "KeyId": json["KeyId"]}),
        )
    } else {
        (200, json!({}))
    };
    let mut res = Response::builder()
        .status(status)
        .header("content-type", "application/x-amz-json-1.1");
    if n % 25 == 24 {
        res = res.header("connection", "close");
    }
    Ok(res
        .body(Full::new(Bytes::from(out.to_string())))
        .expect("response"))
}

/// Starts the fake server on a kernel-picked loopback port, in its own thread.
fn fake_server() -> (SocketAddr, Arc<Seen>) {
    let seen = Arc::new(Seen::default());
    let listener = std::net::TcpListener::bind("127.0.0.1:0").expect("bind");
    listener.set_nonblocking(true).expect("nonblocking");
    let addr = listener.local_addr().expect("addr");
    let shared = seen.clone();
    std::thread::spawn(move || {
        let rt = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .expect("runtime");
        rt.block_on(async move {
            let listener = tokio::net::TcpListener::from_std(listener).expect("listener");
            loop {
                let Ok((tcp, _)) = listener.accept().await else {
                    continue;
                };
                shared.connections.fetch_add(1, Ordering::Relaxed);
                let seen = shared.clone();
                tokio::spawn(async move {
                    let count = Arc::new(AtomicU64::new(0));
                    let svc = hyper::service::service_fn(move |req| {
                        let n = count.fetch_add(1, Ordering::Relaxed);
                        answer(seen.clone(), addr, n, req)
                    });
                    let _ = hyper::server::conn::http1::Builder::new()
                        .serve_connection(TokioIo::new(tcp), svc)
                        .await;
                });
            }
        });
    });
    (addr, seen)
}

fn loadgen(args: &[&str]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_lkms-loadgen"))
        .args(args)
        .env("AWS_ACCESS_KEY_ID", "AKIDLOADGEN")
        .env("AWS_SECRET_ACCESS_KEY", "secret")
        .env_remove("AWS_REGION")
        .output()
        .expect("run lkms-loadgen")
}

fn report(out: &std::process::Output) -> Value {
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).expect("a JSON report")
}

#[test]
fn a_bounded_run_sends_signed_requests_and_reopens_closed_connections() {
    let (addr, seen) = fake_server();
    let url = format!("http://{addr}");
    let out = loadgen(&[
        "run",
        "--endpoint",
        &url,
        "--workload",
        "encrypt",
        "--key-id",
        "k1",
        "--connections",
        "8",
        "--requests",
        "1000",
        "--duration",
        "60",
    ]);
    let r = report(&out);
    assert_eq!(r["requests"], 1000, "{r}");
    assert_eq!(r["ok"], 1000, "{r}");
    assert_eq!(r["errors"], json!({}));
    assert_eq!(r["operations"], json!({"Encrypt": 1000}));
    assert_eq!(r["connections"], 8);
    assert!(
        r["latency_ms"]["p99"].as_f64().is_some_and(|p| p > 0.0),
        "{r}"
    );
    assert!(r["requests_per_s"].as_f64().is_some_and(|x| x > 0.0), "{r}");
    assert_eq!(seen.requests.load(Ordering::Relaxed), 1000);
    // Each connection is closed by the server after 25 responses.
    assert!(
        seen.connections.load(Ordering::Relaxed) >= 1000 / 25,
        "{}",
        seen.connections.load(Ordering::Relaxed)
    );
    assert_eq!(*seen.problems.lock().expect("lock"), Vec::<String>::new());
}

#[test]
fn several_endpoints_share_the_connections_and_each_is_reported() {
    let (a, seen_a) = fake_server();
    let (b, seen_b) = fake_server();
    let (url_a, url_b) = (format!("http://{a}"), format!("http://{b}"));
    let r = report(&loadgen(&[
        "run",
        "--endpoint",
        &url_a,
        "--endpoint",
        &url_b,
        "--workload",
        "create-key",
        "--connections",
        "6",
        "--requests",
        "600",
        "--duration",
        "60",
    ]));
    assert_eq!(r["ok"], 600, "{r}");
    assert_eq!(r["endpoint"], format!("http://{a}/, http://{b}/"));
    let each = r["per_endpoint"].as_array().expect("per_endpoint");
    assert_eq!(each.len(), 2, "{r}");
    assert_eq!(each[0]["endpoint"], format!("http://{a}/"));
    assert_eq!(each[1]["endpoint"], format!("http://{b}/"));
    assert_eq!(each[0]["connections"], 3);
    assert_eq!(each[1]["connections"], 3);
    let (ok_a, ok_b) = (
        each[0]["ok"].as_u64().expect("ok"),
        each[1]["ok"].as_u64().expect("ok"),
    );
    assert_eq!(ok_a + ok_b, 600);
    // Both servers were loaded, each request signed for the host it reached.
    assert_eq!(seen_a.requests.load(Ordering::Relaxed), ok_a);
    assert_eq!(seen_b.requests.load(Ordering::Relaxed), ok_b);
    assert!(ok_a > 0 && ok_b > 0, "{r}");
    assert_eq!(*seen_a.problems.lock().expect("lock"), Vec::<String>::new());
    assert_eq!(*seen_b.problems.lock().expect("lock"), Vec::<String>::new());
}

#[test]
fn more_endpoints_than_connections_is_refused() {
    let out = loadgen(&[
        "run",
        "--endpoint",
        "http://127.0.0.1:1",
        "--endpoint",
        "http://127.0.0.1:2",
        "--workload",
        "create-key",
        "--connections",
        "1",
    ]);
    assert!(!out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("each endpoint needs at least one"), "{err}");
}

#[test]
fn failures_are_counted_by_aws_error_type() {
    let (addr, _) = fake_server();
    let url = format!("http://{addr}");
    let r = report(&loadgen(&[
        "run",
        "--endpoint",
        &url,
        "--workload",
        "encrypt",
        "--key-id",
        "missing",
        "--connections",
        "4",
        "--requests",
        "200",
    ]));
    assert_eq!(r["requests"], 200);
    assert_eq!(r["ok"], 0);
    assert_eq!(r["errors"], json!({"NotFoundException": 200}));
}

#[test]
fn the_time_limit_ends_a_run_before_its_count() {
    let (addr, seen) = fake_server();
    let url = format!("http://{addr}");
    let r = report(&loadgen(&[
        "run",
        "--endpoint",
        &url,
        "--workload",
        "mix",
        "--key-id",
        "k",
        "--connections",
        "2",
        "--requests",
        "100000000",
        "--duration",
        "0.5",
        "--warmup",
        "0.2",
    ]));
    let n = r["requests"].as_u64().expect("count");
    assert!(n > 0 && n < 100_000_000, "{r}");
    // Warm-up requests reached the server but are not in the report.
    assert!(seen.requests.load(Ordering::Relaxed) > n);
    assert!(
        r["operations"]["Decrypt"].as_u64().is_some_and(|d| d > 0),
        "{r}"
    );
}

#[test]
fn call_prints_the_response_and_fails_on_an_error() {
    let (addr, _) = fake_server();
    let url = format!("http://{addr}");
    let ok = loadgen(&[
        "call",
        "--endpoint",
        &url,
        "--operation",
        "Encrypt",
        "--body",
        r#"{"KeyId":"k"}"#,
    ]);
    assert_eq!(report(&ok), json!({"CiphertextBlob": "Y3Q=", "KeyId": "k"}));
    let bad = loadgen(&[
        "call",
        "--endpoint",
        &url,
        "--operation",
        "Encrypt",
        "--body",
        r#"{"KeyId":"missing"}"#,
    ]);
    assert!(!bad.status.success());
    assert!(String::from_utf8_lossy(&bad.stderr).contains("HTTP 400: NotFoundException"));
}

#[test]
fn a_server_elsewhere_is_refused_before_connecting() {
    for url in ["http://192.0.2.1:7474", "http://10.0.0.1:7474"] {
        let out = loadgen(&[
            "run",
            "--endpoint",
            url,
            "--workload",
            "create-key",
            "--requests",
            "1",
        ]);
        assert!(!out.status.success());
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(err.contains("is not a loopback address"), "{err}");
        assert!(out.stdout.is_empty());
    }
}

#[test]
fn no_server_is_a_clear_failure() {
    let port = {
        let l = std::net::TcpListener::bind("127.0.0.1:0").expect("bind");
        l.local_addr().expect("addr").port()
    };
    let out = loadgen(&[
        "run",
        "--endpoint",
        &format!("http://127.0.0.1:{port}"),
        "--workload",
        "create-key",
        "--requests",
        "1",
    ]);
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("connecting to 127.0.0.1"));
}
