//! Cost of verifying one SigV4-signed Encrypt request (100 bytes of
//! plaintext, the headers the AWS CLI sends), with and without the cache of
//! derived signing keys, and of signing one (the load generator's side).
//! `lkms serve` aims at 20,000 requests/s on two cores, so each
//! microsecond here is 2% of one core at that rate.
//!
//!     cargo bench --bench sigv4
#![allow(clippy::unwrap_used)]

use std::hint::black_box;

use base64::Engine;
use criterion::{Criterion, criterion_group, criterion_main};
use lkms::sigv4::{self, Expect, SecretKey, SignedRequest, SigningKeyCache, SigningParams};

const AKID: &str = "AKIALKMSBENCH0000001";

fn bench(c: &mut Criterion) {
    let secret = SecretKey::from_text("bench/Secret+Key0123456789abcdefghijklm");
    let now = time::OffsetDateTime::now_utc();
    let plaintext = base64::engine::general_purpose::STANDARD.encode([7u8; 100]);
    let body = format!(r#"{{"KeyId": "alias/bench", "Plaintext": "{plaintext}"}}"#);
    let length = body.len().to_string();
    let headers = [
        ("Host", "127.0.0.1:4566"),
        ("Accept-Encoding", "identity"),
        ("Content-Type", "application/x-amz-json-1.1"),
        ("X-Amz-Target", "TrentService.Encrypt"),
        (
            "User-Agent",
            "aws-cli/1.46.3 md/Botocore#1.44.8 ua/2.1 os/linux#6.1 md/arch#x86_64",
        ),
        ("Content-Length", length.as_str()),
    ];
    let unsigned = SignedRequest {
        method: "POST",
        path: "/",
        query: "",
        headers: &headers,
        body: body.as_bytes(),
    };
    let params = SigningParams {
        access_key_id: AKID,
        secret: &secret,
        region: "us-east-1",
        service: "kms",
        time: now,
        content_sha256: false,
    };
    let added = sigv4::sign(&unsigned, &params);
    let mut all = headers.to_vec();
    all.extend(added.iter());
    let signed = SignedRequest {
        headers: &all,
        ..unsigned
    };
    let expect = Expect {
        region: "us-east-1",
        service: "kms",
        now,
    };
    let secret_of = |id: &str| (id == AKID).then(|| secret.clone());

    let mut g = c.benchmark_group("sigv4, one Encrypt request, one core");
    g.bench_function("sign", |b| {
        b.iter(|| black_box(sigv4::sign(black_box(&unsigned), &params)))
    });
    g.bench_function("verify, signing key derived", |b| {
        b.iter(|| sigv4::verify(black_box(&signed), &expect, secret_of).unwrap())
    });
    let cache = SigningKeyCache::default();
    g.bench_function("verify, signing key cached", |b| {
        b.iter(|| {
            cache
                .verify(black_box(&signed), &expect, secret_of)
                .unwrap()
        })
    });
    // The share of both verify figures that is the caller's: a SecretKey
    // handed over per request (a clone sharing the server's locked copy).
    g.bench_function("secret_of alone", |b| {
        b.iter(|| black_box(secret_of(black_box(AKID))))
    });
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
