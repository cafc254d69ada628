//! Cost of the small symmetric operations inside one lkms process: encrypt
//! and decrypt of 4 KiB under a CMK, and generate-data-key, on an unlocked
//! keyring. The whole-process cost (start, unlock, parse, audit) is measured
//! by bench/cli-latency.sh against age in the same run.
#![allow(clippy::unwrap_used)]

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use lkms::context::EncryptionContext;
use lkms::keyring::{Credential, Keyring, NewSlot};
use lkms::ops;

fn keyring() -> (tempfile::TempDir, Keyring, String) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("k.db");
    let id = age::x25519::Identity::generate();
    let recipient = id.to_public();
    let now = time::OffsetDateTime::now_utc();
    Keyring::init(
        &path,
        "bench".parse().unwrap(),
        &[NewSlot::Age(recipient)],
        lkms::arn::DEFAULT_REGION,
        now,
    )
    .unwrap();
    let cred = Credential::Identities(vec![id]);
    let key = Keyring::update(&path, &cred, now, |kr| {
        Ok(ops::create_key(kr, ops::CreateKey::default())?
            .key_metadata
            .key_id)
    })
    .unwrap();
    let kr = Keyring::open(&path, &cred, now).unwrap();
    (dir, kr, key)
}

fn bench(c: &mut Criterion) {
    let (_dir, kr, key) = keyring();
    let ctx = EncryptionContext::new([("app".to_string(), "web".to_string())].into()).unwrap();
    let plaintext = vec![7u8; 4096];
    let blob = ops::encrypt(&kr, &key, &plaintext, &ctx, None)
        .unwrap()
        .ciphertext_blob
        .0;

    let mut g = c.benchmark_group("cmk");
    g.throughput(Throughput::Bytes(4096));
    g.bench_function("encrypt 4 KiB", |b| {
        b.iter(|| ops::encrypt(&kr, &key, &plaintext, &ctx, None).unwrap())
    });
    g.bench_function("decrypt 4 KiB", |b| {
        b.iter(|| ops::decrypt(&kr, &blob, &ctx, None, None).unwrap())
    });
    g.finish();
    c.bench_function("generate-data-key AES_256", |b| {
        b.iter(|| ops::generate_data_key(&kr, &key, ops::DataKeySize::Aes256, &ctx, true).unwrap())
    });
}

criterion_group!(benches, bench);
criterion_main!(benches);
