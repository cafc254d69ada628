//! Cost of `get-key-last-usage` on a key used 100,000 times (issue 17):
//! through the per-key pointer its uses keep, and through the audit trail
//! alone (the fallback for a key without a pointer), on the same keyring.
#![allow(clippy::unwrap_used)]

use criterion::{Criterion, criterion_group, criterion_main};
use lkms::api::{self, Request};
use lkms::keyring::{Credential, Keyring, NewSlot};
use lkms::ops;

const USES: usize = 100_000;

fn bench(c: &mut Criterion) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("k.db");
    let id = age::x25519::Identity::generate();
    let now = time::OffsetDateTime::now_utc();
    Keyring::init(
        &path,
        "bench".parse().unwrap(),
        &[NewSlot::Age(id.to_public())],
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
    // 100,000 audited Encrypts, appended 10,000 records a transaction.
    let mut kr = Keyring::open(&path, &cred, now).unwrap();
    for _ in 0..USES / 10_000 {
        let mut entries = Vec::new();
        for _ in 0..10_000 {
            let request = Request::Encrypt(api::EncryptRequest {
                key_id: key.clone(),
                plaintext: vec![7u8; 32].into(),
                ..Default::default()
            });
            let (result, entry) = api::execute_deferred(&mut kr, &request);
            result.unwrap();
            entries.extend(entry);
        }
        kr.append_audit(entries).unwrap();
    }
    let kr = Keyring::open(&path, &cred, now).unwrap();
    let mut g = c.benchmark_group(format!("get-key-last-usage, {USES} uses"));
    g.sample_size(20);
    g.bench_function("pointer", |b| {
        b.iter(|| ops::get_key_last_usage(&kr, &key).unwrap())
    });
    let db = rusqlite::Connection::open(&path).unwrap();
    db.execute("DELETE FROM key_usage", []).unwrap();
    drop(db);
    let kr = Keyring::open(&path, &cred, now).unwrap();
    g.bench_function("audit trail only", |b| {
        b.iter(|| ops::get_key_last_usage(&kr, &key).unwrap())
    });
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
