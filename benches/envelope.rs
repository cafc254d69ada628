//! Throughput of the bulk AEAD candidates on one 64 KiB chunk (one core),
//! and of envelope encryption and decryption in memory (the whole pipeline,
//! every core). The figures and the choice they support are in
//! docs/PERFORMANCE.md; bench/file-throughput.sh measures whole files
//! against age, gpg, openssl and cp.
//!
//!     cargo bench --bench envelope
#![allow(clippy::unwrap_used)]

use std::hint::black_box;
use std::time::Duration;

use aes_gcm::aead::{AeadInOut, KeyInit};
use aws_lc_rs::aead::{AES_256_GCM, Aad, CHACHA20_POLY1305, LessSafeKey, Nonce, UnboundKey};
use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use lkms::context::EncryptionContext;
use lkms::envelope::{self, Header, Options, WrappedKey};
use lkms::key::{KeyId, KeyMaterialId};
use lkms::secret::Key256;

const CHUNK: usize = 64 * 1024;

fn nonce(i: u32) -> [u8; 12] {
    let mut n = [0u8; 12];
    n[7..11].copy_from_slice(&i.to_be_bytes());
    n
}

fn bulk_aead(c: &mut Criterion) {
    let key = [7u8; 32];
    let plaintext = vec![0x5au8; CHUNK];
    let mut g = c.benchmark_group("aead 64 KiB, one core");
    g.throughput(Throughput::Bytes(CHUNK as u64));

    let aws = LessSafeKey::new(UnboundKey::new(&AES_256_GCM, &key).unwrap());
    let mut buf = plaintext.clone();
    g.bench_function("aws-lc-rs AES-256-GCM seal in place", |b| {
        b.iter(|| {
            let n = Nonce::assume_unique_for_key(nonce(1));
            black_box(
                aws.seal_in_place_separate_tag(n, Aad::empty(), &mut buf)
                    .unwrap(),
            )
        })
    });
    let mut out = vec![0u8; CHUNK + 16];
    g.bench_function("aws-lc-rs AES-256-GCM seal out of place", |b| {
        b.iter(|| {
            let n = Nonce::assume_unique_for_key(nonce(1));
            let (ct, tag) = out.split_at_mut(CHUNK);
            aws.seal_out_of_place_scatter(n, Aad::empty(), &plaintext, ct, &[], tag)
                .unwrap();
            black_box(&out);
        })
    });
    let mut sealed = plaintext.clone();
    let tag = aws
        .seal_in_place_separate_tag(
            Nonce::assume_unique_for_key(nonce(2)),
            Aad::empty(),
            &mut sealed,
        )
        .unwrap();
    let mut opened = vec![0u8; CHUNK];
    g.bench_function("aws-lc-rs AES-256-GCM open out of place", |b| {
        b.iter(|| {
            let n = Nonce::assume_unique_for_key(nonce(2));
            aws.open_separate_gather(n, Aad::empty(), &sealed, tag.as_ref(), &mut opened)
                .unwrap();
            black_box(&opened);
        })
    });

    let chacha = LessSafeKey::new(UnboundKey::new(&CHACHA20_POLY1305, &key).unwrap());
    g.bench_function("aws-lc-rs ChaCha20-Poly1305 seal in place", |b| {
        b.iter(|| {
            let n = Nonce::assume_unique_for_key(nonce(1));
            black_box(
                chacha
                    .seal_in_place_separate_tag(n, Aad::empty(), &mut buf)
                    .unwrap(),
            )
        })
    });

    let rc = aes_gcm::Aes256Gcm::new(&key.into());
    g.bench_function("RustCrypto aes-gcm 0.11 AES-256-GCM seal in place", |b| {
        b.iter(|| {
            let n = aes_gcm::Nonce::from(nonce(1));
            black_box(
                rc.encrypt_inout_detached(&n, b"", buf.as_mut_slice().into())
                    .unwrap(),
            )
        })
    });
    let mut rc_sealed = plaintext.clone();
    let n = aes_gcm::Nonce::from(nonce(3));
    let rc_tag = rc
        .encrypt_inout_detached(&n, b"", rc_sealed.as_mut_slice().into())
        .unwrap();
    g.bench_function("RustCrypto aes-gcm 0.11 AES-256-GCM open in place", |b| {
        b.iter(|| {
            let mut work = rc_sealed.clone();
            rc.decrypt_inout_detached(&n, b"", work.as_mut_slice().into(), &rc_tag)
                .unwrap();
            black_box(work)
        })
    });
    g.finish();
}

fn pipeline(c: &mut Criterion) {
    const LEN: usize = 64 << 20;
    let plaintext = vec![0x5au8; LEN];
    let dk = Key256::random();
    let wrapped = vec![WrappedKey {
        key_id: KeyId::random(),
        key_material_id: KeyMaterialId::random(),
        blob: vec![3; 145],
    }];
    let ctx = EncryptionContext::new([("app".to_string(), "bench".to_string())].into()).unwrap();
    let header = Header::new(ctx, wrapped, envelope::DEFAULT_CHUNK_EXPONENT).unwrap();
    let mut file = Vec::with_capacity(LEN + LEN / 1000 + 4096);
    envelope::encrypt(&dk, &header, &plaintext[..], &mut file, Options::default()).unwrap();
    let mut input = &file[..];
    let (parsed, tag) = Header::read(&mut input).unwrap();
    let keys = parsed.verify(&tag, &dk).unwrap();
    let body = input;

    let mut g = c.benchmark_group("envelope 64 MiB in memory");
    g.throughput(Throughput::Bytes(LEN as u64));
    g.sample_size(20);
    g.measurement_time(Duration::from_secs(8));
    let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
    for threads in [1, cores] {
        let opts = Options {
            threads,
            progress: None,
        };
        g.bench_function(format!("encrypt to a sink, {threads} worker(s)"), |b| {
            b.iter(|| {
                envelope::encrypt(&dk, &header, &plaintext[..], std::io::sink(), opts).unwrap()
            })
        });
        g.bench_function(format!("decrypt to a sink, {threads} worker(s)"), |b| {
            b.iter(|| envelope::decrypt(&parsed, &keys, body, std::io::sink(), opts).unwrap())
        });
        if cores == 1 {
            break;
        }
    }
    g.finish();
}

criterion_group!(benches, bulk_aead, pipeline);
criterion_main!(benches);
