//! Fills a keyring quickly, in-process, for the scale benchmark
//! (`bench/keyring-scale.sh`): creating 10,000 keys through 10,000 `lkms`
//! processes takes a minute, and a million audit records that way would take
//! hours.
//!
//! ```sh
//! lkms init --keyring kr.db --generate-identity id.txt
//! cargo run --release --example populate -- kr.db id.txt 10000 1000000
//! ```
//!
//! Adds `<keys>` symmetric keys (each with the `CreateKey` audit record the
//! CLI would have written), 1,000 per transaction, then `<audit-records>`
//! records of Encrypt / Decrypt / GenerateDataKey calls, 100,000 per
//! transaction, cycling over 100 of the keyring's keys (the first 100 by
//! key id) so that a filtered `audit show` meets a realistic trail: each of
//! those keys has about 1% of the records, every other key only its
//! `CreateKey`. Prints `hot_key=` (a key with many records) and `cold_key=`
//! (a key with just one, when there are more than 100 keys) on stdout.
#![allow(clippy::print_stdout, clippy::print_stderr)]

use std::path::PathBuf;
use std::time::Instant;

use lkms::keyring::{Call, Credential, Keyring};
use lkms::ops::{self, CreateKey};
use serde_json::json;

const KEYS_PER_TX: usize = 1_000;
const RECORDS_PER_TX: usize = 100_000;
/// How many keys the synthetic calls are spread over.
const HOT_KEYS: usize = 100;
const OPERATIONS: [&str; 3] = ["Encrypt", "Decrypt", "GenerateDataKey"];

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let [path, identity, keys, records] = args.as_slice() else {
        return Err("usage: populate <keyring> <identity-file> <keys> <audit-records>".into());
    };
    let path = PathBuf::from(path);
    let keys: usize = keys.parse()?;
    let records: usize = records.parse()?;
    let cred = Credential::from_identity_file(&std::fs::read_to_string(identity)?)?;
    let now = || time::OffsetDateTime::now_utc();

    let started = Instant::now();
    let mut made = 0;
    while made < keys {
        let batch = KEYS_PER_TX.min(keys - made);
        Keyring::open(&path, &cred, now())?.update_with(|kr| {
            for _ in 0..batch {
                let description = String::new();
                let call = Call {
                    operation: "CreateKey".into(),
                    request: json!({"Description": description, "KeySpec": null, "KeyUsage": null, "Origin": null, "Tags": []}),
                };
                let response = ops::create_key(
                    kr,
                    CreateKey {
                        description,
                        ..CreateKey::default()
                    },
                )?;
                kr.record(&call, &Ok::<_, lkms::Error>(response))?;
            }
            Ok(())
        })?;
        made += batch;
        eprintln!(
            "populate: {made} keys ({:.1} s)",
            started.elapsed().as_secs_f64()
        );
    }

    // The keys the synthetic calls name: the first HOT_KEYS by id (key ids
    // are random, so these are spread over the whole keyring), and one more
    // that gets none.
    let kr = Keyring::open(&path, &cred, now())?;
    let (ids, _) = kr.key_ids(None, HOT_KEYS + 1)?;
    let hot: Vec<(String, String)> = ids
        .iter()
        .take(HOT_KEYS)
        .map(|id| (id.to_string(), kr.key_arn(id)))
        .collect();
    drop(kr);
    if hot.is_empty() && records > 0 {
        return Err("the keyring has no key to name in audit records".into());
    }

    let started = Instant::now();
    let mut written = 0;
    while written < records {
        let batch = RECORDS_PER_TX.min(records - written);
        Keyring::open(&path, &cred, now())?.update_with(|kr| {
            for i in written..written + batch {
                let (id, arn) = &hot[i % hot.len()];
                let operation = OPERATIONS[i % OPERATIONS.len()];
                let call = Call {
                    operation: operation.into(),
                    request: json!({"KeyId": id, "EncryptionContext": {"app": "bench"}, "GrantTokens": []}),
                };
                let response = json!({"KeyId": arn, "EncryptionAlgorithm": "SYMMETRIC_DEFAULT"});
                kr.record(&call, &Ok::<_, lkms::Error>(response))?;
            }
            Ok(())
        })?;
        written += batch;
        eprintln!(
            "populate: {written} audit records ({:.1} s)",
            started.elapsed().as_secs_f64()
        );
    }

    if let Some(id) = ids.first() {
        println!("hot_key={id}");
    }
    if let Some(id) = ids.get(HOT_KEYS) {
        println!("cold_key={id}");
    }
    Ok(())
}
