//! SigV4 verification on arbitrary requests: `parse_authorization` on every
//! header value, `verify` (plain and cached) on the whole request, and a
//! round trip: the request signed by `sign` must verify.
//!
//! Input: method, path and query on the first three lines, then `name:value`
//! header lines, an empty line, the body. The seeds (corpus/sigv4) are AWS's
//! test suite requests, which verify under the fixed scope, time and key
//! below.
#![no_main]

use libfuzzer_sys::fuzz_target;
use lkms::sigv4::{self, Expect, SecretKey, SignedRequest, SigningKeyCache, SigningParams};

const AKID: &str = "AKIDEXAMPLE";
const SECRET: &str = "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY";

fn secret_of(id: &str) -> Option<SecretKey> {
    (id == AKID).then(|| SecretKey::from_text(SECRET))
}

/// Headers the round trip leaves out: `sign` sets the first three, and
/// `verify` reads the others as something else than a signed header.
const NOT_ROUND_TRIPPED: [&str; 5] = [
    "authorization",
    "x-amz-date",
    "x-amz-content-sha256",
    "x-amz-security-token",
    "date",
];

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let (head, body) = text.split_once("\n\n").unwrap_or((text, ""));
    let mut lines = head.split('\n');
    let method = lines.next().unwrap_or("");
    let path = lines.next().unwrap_or("");
    let query = lines.next().unwrap_or("");
    let headers: Vec<(&str, &str)> = lines.filter_map(|l| l.split_once(':')).collect();

    for (_, value) in &headers {
        let _ = sigv4::parse_authorization(value);
    }
    let now = time::macros::datetime!(2015-08-30 12:36:00 UTC);
    let expect = Expect {
        region: "us-east-1",
        service: "service",
        now,
    };
    let req = SignedRequest {
        method,
        path,
        query,
        headers: &headers,
        body: body.as_bytes(),
    };
    let plain = sigv4::verify(&req, &expect, secret_of);
    let cache = SigningKeyCache::new(2);
    assert_eq!(cache.verify(&req, &expect, secret_of), plain);
    assert_eq!(cache.verify(&req, &expect, secret_of), plain);
    if let Err(e) = &plain {
        let _ = (e.exception(), e.message(), e.access_key_id());
    }

    // The round trip, on the same request made signable.
    let presigned = [
        "X-Amz-Algorithm",
        "X-Amz-Credential",
        "X-Amz-Signature",
        "X-Amz-Security-Token",
    ]
    .iter()
    .any(|p| {
        query
            .split('&')
            .any(|pair| pair.split('=').next() == Some(*p))
    });
    let mut kept: Vec<(&str, &str)> = headers
        .iter()
        .filter(|(n, _)| !NOT_ROUND_TRIPPED.iter().any(|x| n.eq_ignore_ascii_case(x)))
        .copied()
        .collect();
    if !kept.iter().any(|(n, _)| n.eq_ignore_ascii_case("host")) {
        kept.push(("Host", "fuzz.example"));
    }
    // A Host with a line break cannot be signed, and verify wants it signed.
    let host_signable = kept
        .iter()
        .filter(|(n, _)| n.eq_ignore_ascii_case("host"))
        .all(|(_, v)| !v.contains(['\r', '\n', '\0']));
    if presigned || !host_signable {
        return;
    }
    let secret = SecretKey::from_text(SECRET);
    let params = SigningParams {
        access_key_id: AKID,
        secret: &secret,
        region: "us-east-1",
        service: "service",
        time: now,
        content_sha256: body.len() % 2 == 1,
    };
    let unsigned = SignedRequest {
        headers: &kept,
        ..req
    };
    let added = sigv4::sign(&unsigned, &params);
    let mut all = kept.clone();
    all.extend(added.iter());
    let signed = SignedRequest {
        headers: &all,
        ..req
    };
    if let Err(e) = sigv4::verify(&signed, &expect, secret_of) {
        panic!("sign made a request verify refuses: {e:?}\n{signed:?}");
    }
});
