//! The wire protocol of `lkms serve` as any client meets it before it
//! signs: the ready file, the health check, and AWS's refusals.
//! (Signed requests through real SDKs are in the clients' tests.)

use crate::env::env_with_keyring;
use crate::raw::{self, HEALTH};
use crate::server::Server;

#[test]
fn the_ready_file_names_a_listening_endpoint_and_the_health_check_answers() {
    let env = env_with_keyring();
    let mut server = Server::start(&env, &[]);
    let port = server.port();
    assert_eq!(server.url, format!("http://127.0.0.1:{port}"));
    let a = raw::exchange(raw::addr(&server.url), HEALTH);
    assert_eq!(a.status, 200, "{a:?}");
    assert_eq!(a.body, "healthy: lkms\n");
    assert!(a.header("x-amzn-requestid").is_some());
    assert_eq!(server.stop(), Some(0), "{}", server.log());
}

#[test]
fn unsigned_requests_get_aws_errors_before_anything_else_is_looked_at() {
    let env = env_with_keyring();
    let mut server = Server::start(&env, &[]);
    let addr = raw::addr(&server.url);
    let a = raw::exchange(addr, &raw::kms_request(addr, "ListKeys", b"{}", None));
    assert_eq!(a.status, 400, "{a:?}");
    assert_eq!(a.exception(), "MissingAuthenticationTokenException");
    assert_eq!(a.header("content-type"), Some("application/x-amz-json-1.1"));
    // The signature comes first: an unknown target or broken JSON from a
    // client that did not sign tells it nothing more.
    let a = raw::exchange(addr, &raw::kms_request(addr, "NoSuchThing", b"{", None));
    assert_eq!(a.exception(), "MissingAuthenticationTokenException");
    let a = raw::exchange(
        addr,
        b"GET /favicon.ico HTTP/1.1\r\nHost: lkms\r\nConnection: close\r\n\r\n",
    );
    assert_eq!(a.exception(), "MissingAuthenticationTokenException");
    // A well-formed signature by a key the keyring does not know.
    let a = raw::exchange(
        addr,
        &raw::kms_request(
            addr,
            "ListKeys",
            b"{}",
            Some(("LKIAUNKNOWNUNKNOWNXX", "not-a-secret-of-this-keyring")),
        ),
    );
    assert_eq!(a.exception(), "UnrecognizedClientException");
    // Stopping writes out the access log.
    assert_eq!(server.stop(), Some(0));
    let ids: Vec<String> = server
        .log()
        .lines()
        .filter_map(|l| l.split("request_id=").nth(1).map(str::to_owned))
        .collect();
    assert_eq!(
        ids.len(),
        4,
        "one access log line per request:\n{}",
        server.log()
    );
    let distinct: std::collections::HashSet<_> = ids.iter().collect();
    assert_eq!(distinct.len(), 4, "a fresh request id each time");
}

#[test]
fn the_access_log_never_holds_a_body_or_a_signature() {
    let env = env_with_keyring();
    let log = env.path("access.log");
    let mut server = Server::start(&env, &["--access-log", log.to_str().unwrap()]);
    let addr = raw::addr(&server.url);
    let marker = "UGxhaW50ZXh0IHRoYXQgbXVzdCBub3QgbGVhaw==";
    let body = format!(r#"{{"KeyId":"alias/x","Plaintext":"{marker}"}}"#);
    let request = raw::kms_request(
        addr,
        "Encrypt",
        body.as_bytes(),
        Some(("LKIAUNKNOWNUNKNOWNXX", "a-secret-that-must-not-leak")),
    );
    let text = String::from_utf8_lossy(&request).into_owned();
    let signature = text
        .split("Signature=")
        .nth(1)
        .and_then(|s| s.lines().next())
        .unwrap()
        .to_owned();
    let a = raw::exchange(addr, &request);
    assert_eq!(a.status, 400);
    assert_eq!(server.stop(), Some(0));
    let written = std::fs::read_to_string(&log).unwrap();
    assert_eq!(written.lines().count(), 1, "{written}");
    assert!(written.contains("operation=Encrypt"), "{written}");
    assert!(
        written.contains("access_key=LKIAUNKNOWNUNKNOWNXX"),
        "{written}"
    );
    for secret in [
        marker,
        "a-secret-that-must-not-leak",
        signature.as_str(),
        "Plaintext",
    ] {
        assert!(
            !written.contains(secret),
            "{secret} in the access log: {written}"
        );
        assert!(!server.log().contains(secret), "{secret} on stderr");
    }
}
