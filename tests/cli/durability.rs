//! Atomic, durable, locked writes: concurrent writers lose no update and a
//! writer killed at any point leaves a keyring that opens (DESIGN.md
//! section 2, issue 2).

use std::collections::BTreeSet;
use std::time::Duration;

use crate::env::{TestEnv, mode};
use crate::kill::{SplitMix64, printed_key_id, run_maybe_killed};

/// Names in the keyring's folder that are not the keyring itself or a
/// sibling named after it (lock file, audit log).
fn stray_files(env: &TestEnv) -> Vec<String> {
    let name = env
        .keyring
        .file_name()
        .and_then(|n| n.to_str())
        .expect("keyring file name")
        .to_owned();
    let dir = env.keyring.parent().expect("keyring folder");
    std::fs::read_dir(dir)
        .expect("read keyring folder")
        .map(|e| {
            e.expect("dir entry")
                .file_name()
                .to_string_lossy()
                .into_owned()
        })
        .filter(|n| !n.starts_with(&name))
        .collect()
}

/// Acceptance: 8 processes creating 25 keys each at once against one
/// keyring; exactly 200 keys listed afterwards, and the file opens.
#[test]
fn concurrent_writers_lose_no_update() {
    const THREADS: usize = 8;
    const PER_THREAD: usize = 25;

    let mut env = TestEnv::new();
    env.init_with_identity();
    let env = &env;

    let created: Vec<String> = std::thread::scope(|s| {
        let handles: Vec<_> = (0..THREADS)
            .map(|t| {
                s.spawn(move || {
                    (0..PER_THREAD)
                        .map(|i| {
                            let desc = format!("thread {t} key {i}");
                            let md = env.create_key_with(["--description", desc.as_str()]);
                            md["KeyId"].as_str().expect("KeyId").to_owned()
                        })
                        .collect::<Vec<_>>()
                })
            })
            .collect();
        handles
            .into_iter()
            .flat_map(|h| h.join().expect("writer thread panicked"))
            .collect()
    });

    let unique: BTreeSet<&String> = created.iter().collect();
    assert_eq!(
        unique.len(),
        THREADS * PER_THREAD,
        "create-key returned duplicate ids"
    );

    let (listed, _) = env.list_all_keys(None);
    assert_eq!(
        listed.len(),
        THREADS * PER_THREAD,
        "list-keys after concurrent writes"
    );
    let listed_set: BTreeSet<&String> = listed.iter().collect();
    assert_eq!(listed_set, unique, "listed keys differ from created keys");

    // Every description landed with its key.
    let sample = &created[created.len() - 1];
    let d = env.describe(sample);
    assert_eq!(
        d["Description"],
        format!("thread {} key {}", THREADS - 1, PER_THREAD - 1)
    );

    assert_eq!(
        mode(&env.keyring),
        0o600,
        "keyring mode after concurrent writes"
    );
    let stray = stray_files(env);
    assert!(
        stray.is_empty(),
        "files left next to the keyring: {stray:?}"
    );
}

/// Acceptance: a process killed with SIGKILL at random points during 100
/// `create-key` runs never leaves a keyring that fails to open, and every
/// key whose `create-key` printed its id is there.
#[test]
fn sigkill_during_create_key_never_breaks_the_keyring() {
    const RUNS: usize = 100;

    let mut env = TestEnv::new();
    env.init_with_identity();
    let mut rng = SplitMix64(0x6C6B_6D73_2D6B_696C); // "lkms-kil"
    let mut printed = Vec::new();
    let mut killed = 0;

    for run in 0..RUNS {
        let delay = rng.delay(Duration::from_millis(300));
        let mut cmd = env.cmd();
        cmd.args(["--output", "json", "create-key", "--description"])
            .arg(format!("sigkill run {run}"));
        let r = run_maybe_killed(cmd, Some(delay), &format!("create-key (run {run})"));
        killed += usize::from(r.killed);
        if let Some(id) = printed_key_id(&r.stdout) {
            printed.push(id);
        }

        // The keyring opens after every kill.
        let out = env.run(["list-keys"]);
        assert_eq!(
            out.code, 0,
            "keyring does not open after run {run} was killed after {delay:?}: {out:?}"
        );
    }

    // Every printed id is there, and the keyring still takes writes.
    let (listed, _) = env.list_all_keys(None);
    let listed: BTreeSet<String> = listed.into_iter().collect();
    for id in &printed {
        assert!(
            listed.contains(id),
            "create-key printed {id} but the key is gone"
        );
        assert_eq!(env.describe(id)["KeyId"], id.as_str());
    }
    let last = env.create_key();
    assert!(env.list_all_keys(None).0.contains(&last));
    assert_eq!(mode(&env.keyring), 0o600, "keyring mode after kills");
    eprintln!(
        "sigkill: {killed} of {RUNS} runs killed while running, {} printed a KeyId",
        printed.len()
    );
}
