//! The limits of `lkms serve`: each answered with a clear error, never a
//! crash, and the server goes on serving others.

use std::io::{Read, Write};
use std::time::Duration;

use crate::env::env_with_keyring;
use crate::raw::{self, HEALTH};
use crate::server::Server;

#[test]
fn a_body_over_the_limit_is_refused_413_before_it_is_read() {
    let env = env_with_keyring();
    let server = Server::start(&env, &["--max-body-bytes", "2048"]);
    let addr = raw::addr(&server.url);
    let body = format!("{{\"Plaintext\":\"{}\"}}", "A".repeat(4096));
    let a = raw::exchange(
        addr,
        &raw::kms_request(addr, "Encrypt", body.as_bytes(), None),
    );
    assert_eq!(a.status, 413, "{a:?}");
    assert_eq!(a.exception(), "RequestEntityTooLargeException");
    // A body within the limit goes on to the signature check.
    let a = raw::exchange(addr, &raw::kms_request(addr, "Encrypt", b"{}", None));
    assert_eq!(a.exception(), "MissingAuthenticationTokenException");
}

#[test]
fn a_client_dribbling_its_headers_is_cut_off_and_others_are_served() {
    let env = env_with_keyring();
    let server = Server::start(&env, &["--header-timeout", "1"]);
    let addr = raw::addr(&server.url);
    let mut slow = raw::connect(addr);
    slow.set_write_timeout(Some(Duration::from_secs(5)))
        .unwrap();
    let head =
        b"POST / HTTP/1.1\r\nHost: lkms\r\nX-Amz-Target: TrentService.ListKeys\r\nX-Padding: ";
    let mut cut_off = false;
    // One byte every 100 ms: 60 s of bytes if nobody stops it.
    for i in 0..600 {
        let byte = head.get(i).copied().unwrap_or(b'a');
        if slow.write_all(&[byte]).is_err() {
            cut_off = true;
            break;
        }
        // Others are served while it dribbles.
        if i == 3 {
            let a = raw::exchange(addr, HEALTH);
            assert_eq!(a.status, 200);
        }
        std::thread::sleep(Duration::from_millis(100));
        if i % 5 == 4 {
            // A closed connection shows on a read: EOF (or a reset).
            slow.set_nonblocking(true).unwrap();
            let mut buf = [0u8; 256];
            let closed = match slow.read(&mut buf) {
                Ok(n) => n == 0,
                Err(e) => e.kind() != std::io::ErrorKind::WouldBlock,
            };
            slow.set_nonblocking(false).unwrap();
            if closed {
                cut_off = true;
                break;
            }
        }
    }
    assert!(
        cut_off,
        "a client dribbling headers for 60 s was never cut off"
    );
    let a = raw::exchange(addr, HEALTH);
    assert_eq!(a.status, 200, "still serving");
}

#[test]
fn connections_over_the_limit_are_answered_503_and_the_server_goes_on() {
    let env = env_with_keyring();
    let server = Server::start(&env, &["--max-connections", "2"]);
    let addr = raw::addr(&server.url);
    // Two keep-alive connections hold both places.
    let held: Vec<_> = (0..2)
        .map(|_| {
            let mut s = raw::connect(addr);
            s.write_all(b"GET / HTTP/1.1\r\nHost: lkms\r\n\r\n")
                .unwrap();
            let mut buf = [0u8; 512];
            let n = s.read(&mut buf).unwrap();
            assert!(String::from_utf8_lossy(&buf[..n]).starts_with("HTTP/1.1 200"));
            s
        })
        .collect();
    let a = raw::exchange(addr, &raw::kms_request(addr, "ListKeys", b"{}", None));
    assert_eq!(a.status, 503, "{a:?}");
    assert_eq!(a.exception(), "ServiceUnavailableException");
    drop(held);
    // Once they close, the server serves again (it sees the close a
    // moment after the client makes it).
    let mut served = false;
    for _ in 0..500 {
        if raw::exchange(addr, HEALTH).status == 200 {
            served = true;
            break;
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    assert!(served, "never served again:\n{}", server.log());
}

#[test]
fn failed_authentications_beyond_the_rate_are_throttled_unchecked() {
    let env = env_with_keyring();
    let server = Server::start(&env, &["--auth-failures-per-minute", "3"]);
    let addr = raw::addr(&server.url);
    for _ in 0..3 {
        let a = raw::exchange(addr, &raw::kms_request(addr, "ListKeys", b"{}", None));
        assert_eq!(a.exception(), "MissingAuthenticationTokenException");
    }
    for _ in 0..3 {
        let a = raw::exchange(
            addr,
            &raw::kms_request(addr, "ListKeys", b"{}", Some(("LKIAUNKNOWNUNKNOWNXX", "x"))),
        );
        assert_eq!(a.status, 400);
        assert_eq!(a.exception(), "ThrottlingException");
    }
    // The health check is not authentication.
    assert_eq!(raw::exchange(addr, HEALTH).status, 200);
}

#[test]
fn a_non_loopback_address_without_tls_is_refused_unless_allowed() {
    let env = env_with_keyring();
    let out = env.run(["serve", "--listen", "0.0.0.0:0"]);
    assert_eq!(out.code, 252, "{out:?}");
    assert!(out.stderr.contains("--allow-public-without-tls"), "{out:?}");
    assert!(out.stderr.contains("--tls-self-signed"), "{out:?}");
    let mut server = Server::start(
        &env,
        &["--listen", "0.0.0.0:0", "--allow-public-without-tls"],
    );
    assert!(
        server.url.starts_with("http://127.0.0.1:"),
        "{}",
        server.url
    );
    assert_eq!(raw::exchange(raw::addr(&server.url), HEALTH).status, 200);
    assert_eq!(server.stop(), Some(0));
}

#[test]
fn sigterm_lets_the_request_in_flight_finish_then_exits_0() {
    let env = env_with_keyring();
    let mut server = Server::start(&env, &[]);
    let addr = raw::addr(&server.url);
    let mut s = raw::connect(addr);
    let body = b"{\"KeyId\":\"alias/in-flight\"}";
    s.write_all(
        format!(
            "POST / HTTP/1.1\r\nHost: lkms\r\nContent-Type: application/x-amz-json-1.1\r\n\
             X-Amz-Target: TrentService.DescribeKey\r\nContent-Length: {}\r\n\
             Expect: 100-continue\r\n\r\n",
            body.len()
        )
        .as_bytes(),
    )
    .unwrap();
    // "100 Continue" comes when the server starts reading the body: the
    // request is in flight.
    let mut buf = [0u8; 64];
    let n = s.read(&mut buf).unwrap();
    assert!(
        String::from_utf8_lossy(&buf[..n]).starts_with("HTTP/1.1 100"),
        "{:?}",
        String::from_utf8_lossy(&buf[..n])
    );
    let pid = server.pid().to_string();
    let killed = std::process::Command::new("kill")
        .args(["-TERM", &pid])
        .status()
        .unwrap();
    assert!(killed.success());
    // Stopped listening: the stop has begun.
    let mut stopped = false;
    for _ in 0..1000 {
        if std::net::TcpStream::connect(addr).is_err() {
            stopped = true;
            break;
        }
        std::thread::sleep(Duration::from_millis(10));
    }
    assert!(stopped, "still accepting after SIGTERM");
    s.write_all(body).unwrap();
    let mut text = Vec::new();
    let _ = s.read_to_end(&mut text);
    let a = raw::parse(&text);
    // Answered in full (unsigned, so refused), not cut off.
    assert_eq!(a.exception(), "MissingAuthenticationTokenException");
    // Already stopping: a second SIGTERM would end it at once.
    assert_eq!(server.wait(), Some(0), "{}", server.log());
    assert!(
        server.log().contains("operation=DescribeKey"),
        "{}",
        server.log()
    );
}
