//! Raw HTTP/1.1 over `TcpStream`, so a test controls every byte it sends.

use std::io::{Read, Write};
use std::net::{SocketAddr, TcpStream};
use std::time::Duration;

use lkms::sigv4::{SecretKey, SignedRequest, SigningParams};

/// An answer: status, headers (names lower-cased), body.
#[derive(Debug)]
pub struct Answer {
    pub status: u16,
    pub headers: Vec<(String, String)>,
    pub body: String,
}

impl Answer {
    /// The first header called `name` (lower case).
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, v)| v.as_str())
    }

    /// The AWS error's `__type`, checked against `x-amzn-ErrorType`, with
    /// a message and a request id.
    #[track_caller]
    pub fn exception(&self) -> String {
        let v: serde_json::Value = serde_json::from_str(&self.body)
            .unwrap_or_else(|e| panic!("not an AWS JSON error ({e}): {self:?}"));
        let name = v["__type"].as_str().expect("__type").to_owned();
        assert_eq!(
            self.header("x-amzn-errortype"),
            Some(name.as_str()),
            "{self:?}"
        );
        assert!(v["message"].is_string(), "{self:?}");
        let id = self.header("x-amzn-requestid").expect("x-amzn-RequestId");
        assert!(uuid::Uuid::parse_str(id).is_ok(), "{id}");
        name
    }
}

/// The address of a server's `http://host:port` URL.
pub fn addr(url: &str) -> SocketAddr {
    url.trim_start_matches("http://")
        .parse()
        .expect("an http://ip:port URL")
}

/// Connects with a generous read guard (a hung server fails the test
/// instead of hanging it).
pub fn connect(addr: SocketAddr) -> TcpStream {
    let s = TcpStream::connect(addr).expect("connect");
    s.set_read_timeout(Some(Duration::from_secs(60))).unwrap();
    s
}

/// Sends `raw` on a new connection and reads the answer to EOF (send
/// `Connection: close`).
pub fn exchange(addr: SocketAddr, raw: &[u8]) -> Answer {
    let mut s = connect(addr);
    s.write_all(raw).expect("send");
    let mut text = Vec::new();
    let _ = s.read_to_end(&mut text);
    parse(&text)
}

/// Parses one answer.
#[track_caller]
pub fn parse(raw: &[u8]) -> Answer {
    let text = String::from_utf8_lossy(raw);
    let (head, body) = text
        .split_once("\r\n\r\n")
        .unwrap_or_else(|| panic!("not a whole HTTP answer: {text:?}"));
    let mut lines = head.lines();
    let status = lines
        .next()
        .and_then(|l| l.split(' ').nth(1))
        .and_then(|s| s.parse().ok())
        .unwrap_or_else(|| panic!("no status line: {text:?}"));
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

/// `POST /` for `TrentService.<operation>` with `body`, signed with
/// `key_id`/`secret` when given, ending the connection after the answer.
pub fn kms_request(
    addr: SocketAddr,
    operation: &str,
    body: &[u8],
    signer: Option<(&str, &str)>,
) -> Vec<u8> {
    let host = addr.to_string();
    let length = body.len().to_string();
    let target = format!("TrentService.{operation}");
    let headers: Vec<(&str, &str)> = vec![
        ("Host", &host),
        ("Content-Type", "application/x-amz-json-1.1"),
        ("X-Amz-Target", &target),
        ("Content-Length", &length),
    ];
    let mut out = String::from("POST / HTTP/1.1\r\n");
    for (n, v) in &headers {
        out.push_str(&format!("{n}: {v}\r\n"));
    }
    if let Some((key_id, secret)) = signer {
        let secret = SecretKey::from_text(secret);
        let added = lkms::sigv4::sign(
            &SignedRequest {
                method: "POST",
                path: "/",
                query: "",
                headers: &headers,
                body,
            },
            &SigningParams {
                access_key_id: key_id,
                secret: &secret,
                region: crate::server::lkms_region(),
                service: "kms",
                time: time::OffsetDateTime::now_utc(),
                content_sha256: false,
            },
        );
        for (n, v) in added.iter() {
            out.push_str(&format!("{n}: {v}\r\n"));
        }
    }
    out.push_str("Connection: close\r\n\r\n");
    let mut out = out.into_bytes();
    out.extend_from_slice(body);
    out
}

/// `GET /`, the health check.
pub const HEALTH: &[u8] = b"GET / HTTP/1.1\r\nHost: lkms\r\nConnection: close\r\n\r\n";
