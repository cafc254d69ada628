//! The concurrency and SIGKILL campaign (issue 14): 16 writers and 4
//! readers against one keyring, about half of every command killed with
//! SIGKILL at a random point, mixing create-key, rotate-key-on-demand,
//! tag-resource, schedule-key-deletion, encrypt-file and decrypt-file.
//! Afterwards nothing acknowledged (exit 0 seen) is lost, `audit verify`
//! and `verify-keyring` pass, and no file holds partial plaintext or is a
//! staging leftover.
//!
//! The default run is bounded (16 writers x 12 commands, about 100 kills);
//! `LKMS_CAMPAIGN_OPS=N` runs N commands per writer (the closing note's
//! figures used 60: about 480 kills).

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use crate::env::path_str as s;
use crate::env::{TestEnv, env_with_keyring, str_field};
use crate::kill::{SplitMix64, printed_key_id, run_maybe_killed};
use crate::staging::files_with_plaintext;

const WRITERS: u64 = 16;
const READERS: u64 = 4;
/// AWS's limit of on-demand rotations per key is 25; stay under it.
const MAX_ROTATIONS: usize = 24;
/// AWS's limit of tags per key is 50; stay under it.
const MAX_TAGS: usize = 45;

/// What one writer saw acknowledged (exit 0).
#[derive(Default)]
struct Acked {
    created: Vec<String>,
    rotations: BTreeMap<String, usize>,
    tags: BTreeMap<String, Vec<String>>,
    scheduled: Vec<String>,
    encrypted: Vec<PathBuf>,
    decrypted: Vec<PathBuf>,
    kills: usize,
    hits: usize,
    ops: usize,
}

/// One writer: `ops` commands on its own key and the keys it creates,
/// each killed after a random delay with probability 1/2.
fn writer(env: &TestEnv, w: u64, own: &str, plain: &Path, ops: usize) -> Acked {
    let mut rng = SplitMix64(0x6C6B_6D73_2D63_616D ^ (w << 40 | w)); // "lkms-cam"
    let mut a = Acked::default();
    let dir = env.path(&format!("w{w}"));
    std::fs::create_dir(&dir).expect("mkdir");
    let (mut rotations_tried, mut tags_tried) = (0, 0);
    let mut deletable: Vec<String> = Vec::new();
    for i in 0..ops {
        let kill = rng.below(2) == 0;
        let delay = rng.delay(Duration::from_millis(200));
        let mut cmd = env.cmd();
        cmd.args(["--output", "json"]);
        let mut choice = rng.below(6);
        if choice == 1 && rotations_tried >= MAX_ROTATIONS {
            choice = 0;
        }
        if choice == 2 && tags_tried >= MAX_TAGS {
            choice = 0;
        }
        if choice == 3 && deletable.is_empty() {
            choice = 0;
        }
        if choice == 5 && a.encrypted.is_empty() {
            choice = 4;
        }
        let tag = format!("w{w}-op{i}");
        let enc = dir.join(format!("e{i}.lkms"));
        let dec = dir.join(format!("d{i}.txt"));
        let scheduled = deletable.last().cloned();
        let source = a.encrypted.last().cloned();
        match choice {
            0 => cmd.args(["create-key", "--description", &tag]),
            1 => {
                rotations_tried += 1;
                cmd.args(["rotate-key-on-demand", "--key-id", own])
            }
            2 => {
                tags_tried += 1;
                cmd.args(["tag-resource", "--key-id", own, "--tags"])
                    .arg(format!("TagKey={tag},TagValue={i}"))
            }
            3 => {
                deletable.pop();
                cmd.args(["schedule-key-deletion", "--pending-window-in-days", "7"])
                    .args(["--key-id", scheduled.as_deref().unwrap_or_default()])
            }
            4 => cmd.args(["encrypt-file", "--key-id", own, s(plain), "-o", s(&enc)]),
            _ => cmd.args([
                "decrypt-file",
                s(source.as_deref().unwrap_or(Path::new("-"))),
                "-o",
                s(&dec),
            ]),
        };
        let what = format!("writer {w} op {i}");
        let r = run_maybe_killed(cmd, kill.then_some(delay), &what);
        a.ops += 1;
        a.kills += usize::from(kill);
        a.hits += usize::from(r.killed);
        if r.code != 0 {
            // Killed, or finished before the kill: never an error caused
            // by the other writers, the readers or the kills.
            assert!(
                kill && r.code == -1,
                "{what} ({choice}) failed without being killed: {r:?}"
            );
            continue;
        }
        match choice {
            0 => {
                let id = printed_key_id(&r.stdout)
                    .unwrap_or_else(|| panic!("{what}: no KeyId printed: {r:?}"));
                deletable.push(id.clone());
                a.created.push(id);
            }
            1 => *a.rotations.entry(own.to_owned()).or_default() += 1,
            2 => a.tags.entry(own.to_owned()).or_default().push(tag),
            3 => a.scheduled.extend(scheduled),
            4 => a.encrypted.push(enc),
            _ => a.decrypted.push(dec),
        }
    }
    a
}

/// One reader: list, describe, encrypt and decrypt, killed like the
/// writers, until `stop`.
fn reader(env: &TestEnv, r: u64, shared: &str, blob: &str, stop: &AtomicBool) -> (usize, usize) {
    let mut rng = SplitMix64(0x6C6B_6D73_2D72_6561 ^ r); // "lkms-rea"
    let (mut ops, mut kills) = (0, 0);
    while !stop.load(Ordering::Relaxed) {
        let kill = rng.below(2) == 0;
        let delay = rng.delay(Duration::from_millis(100));
        let mut cmd = env.cmd();
        cmd.args(["--output", "json"]);
        match rng.below(4) {
            0 => cmd.args(["list-keys"]),
            1 => cmd.args(["describe-key", "--key-id", shared]),
            2 => cmd.args(["encrypt", "--key-id", shared, "--plaintext", "aGVsbG8="]),
            _ => cmd.args(["decrypt", "--ciphertext-blob", blob]),
        };
        let what = format!("reader {r} op {ops}");
        let out = run_maybe_killed(cmd, kill.then_some(delay), &what);
        assert!(
            out.code == 0 || (kill && out.code == -1),
            "{what} failed without being killed: {out:?}"
        );
        ops += 1;
        kills += usize::from(kill);
    }
    (ops, kills)
}

/// Acceptance (issue 14): the campaign, then every acknowledged change is
/// there, both verifications pass, and nothing but complete outputs holds
/// plaintext.
#[test]
fn sigkill_campaign_16_writers_4_readers_loses_nothing_acknowledged() {
    let ops: usize = std::env::var("LKMS_CAMPAIGN_OPS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(12);
    let env = env_with_keyring();
    let env = &env;
    let shared = env.create_key();
    let blob = str_field(
        &env.json(["encrypt", "--key-id", &shared, "--plaintext", "aGVsbG8="]),
        "CiphertextBlob",
    );
    let own: Vec<String> = (0..WRITERS).map(|_| env.create_key()).collect();
    let source = env.path("source");
    std::fs::create_dir(&source).expect("mkdir");
    let plain = source.join("plain.txt");
    let plaintext = crate::staging::plaintext(3 << 20);
    std::fs::write(&plain, &plaintext).expect("write plaintext");

    let started = Instant::now();
    let stop = AtomicBool::new(false);
    let reads = AtomicUsize::new(0);
    let read_kills = AtomicUsize::new(0);
    let acked: Vec<Acked> = std::thread::scope(|sc| {
        let readers: Vec<_> = (0..READERS)
            .map(|r| {
                let (stop, shared, blob) = (&stop, &shared, &blob);
                let (reads, read_kills) = (&reads, &read_kills);
                sc.spawn(move || {
                    let (n, k) = reader(env, r, shared, blob, stop);
                    reads.fetch_add(n, Ordering::Relaxed);
                    read_kills.fetch_add(k, Ordering::Relaxed);
                })
            })
            .collect();
        let writers: Vec<_> = (0..WRITERS)
            .map(|w| {
                let (own, plain) = (&own[w as usize], &plain);
                sc.spawn(move || writer(env, w, own, plain, ops))
            })
            .collect();
        let acked = writers
            .into_iter()
            .map(|h| h.join().expect("writer panicked"))
            .collect();
        stop.store(true, Ordering::Relaxed);
        for h in readers {
            h.join().expect("reader panicked");
        }
        acked
    });
    let elapsed = started.elapsed();
    let sum = |f: &dyn Fn(&Acked) -> usize| acked.iter().map(f).sum::<usize>();
    let writes = sum(&|a| a.ops);
    let kills = sum(&|a| a.kills) + read_kills.load(Ordering::Relaxed);
    let hits = sum(&|a| a.hits);
    let acknowledged = sum(&|a| {
        a.created.len()
            + a.rotations.values().sum::<usize>()
            + a.tags.values().map(Vec::len).sum::<usize>()
            + a.scheduled.len()
            + a.encrypted.len()
            + a.decrypted.len()
    });
    eprintln!(
        "campaign: {WRITERS} writers x {ops} + {READERS} readers ({} reads): {kills} SIGKILLs sent \
         ({hits} hit a running writer), {acknowledged} writes acknowledged of {writes}, {:.1} s",
        reads.load(Ordering::Relaxed),
        elapsed.as_secs_f64()
    );
    assert!(hits > 0, "no SIGKILL landed on a running writer");

    // Nothing acknowledged is lost.
    let listed: BTreeSet<String> = env.list_all_keys(None).0.into_iter().collect();
    for a in &acked {
        for id in &a.created {
            assert!(listed.contains(id), "acknowledged key {id} is gone");
        }
        for (key, n) in &a.rotations {
            let v = env.json(["list-key-rotations", "--key-id", key]);
            let got = v["Rotations"].as_array().map_or(0, Vec::len);
            assert!(got >= *n, "{key}: {n} rotations acknowledged, {got} listed");
        }
        for (key, tags) in &a.tags {
            let v = env.json(["list-resource-tags", "--key-id", key]);
            let have: BTreeSet<&str> = v["Tags"]
                .as_array()
                .expect("Tags")
                .iter()
                .filter_map(|t| t["TagKey"].as_str())
                .collect();
            for t in tags {
                assert!(
                    have.contains(t.as_str()),
                    "{key}: acknowledged tag {t} is gone"
                );
            }
        }
        for id in &a.scheduled {
            assert_eq!(
                env.describe(id)["KeyState"],
                "PendingDeletion",
                "acknowledged deletion of {id} is gone"
            );
        }
        for f in &a.decrypted {
            assert!(
                std::fs::read(f).is_ok_and(|b| b == plaintext),
                "acknowledged decrypt-file output {} is missing or wrong",
                f.display()
            );
        }
        for f in &a.encrypted {
            let out = env.run(["decrypt-file", s(f), "-o", "-"]);
            assert!(
                out.code == 0 && out.stdout.as_bytes() == plaintext.as_slice(),
                "acknowledged encrypt-file output {} does not decrypt: {}",
                f.display(),
                out.stderr
            );
        }
    }

    // The keyring and its trail verify.
    let v = env.json(["verify-keyring"]);
    assert!(v.is_object(), "verify-keyring: {v}");
    let v = env.json(["audit", "verify"]);
    assert!(v.is_object(), "audit verify: {v}");

    // No staging leftover anywhere, and plaintext only in complete outputs
    // under their final names.
    let root = env.dir.path();
    for f in files_with_plaintext(root) {
        if f.starts_with(&source) {
            continue;
        }
        let name = f.file_name().map(|n| n.to_string_lossy().into_owned());
        assert!(
            name.as_deref()
                .is_some_and(|n| !n.starts_with('.') && n.ends_with(".txt")),
            "plaintext in {}",
            f.display()
        );
        assert!(
            std::fs::read(&f).is_ok_and(|b| b == plaintext),
            "partial plaintext in {}",
            f.display()
        );
    }
    let mut hidden = Vec::new();
    let mut stack = vec![root.to_path_buf()];
    while let Some(d) = stack.pop() {
        for e in std::fs::read_dir(&d).expect("read_dir").flatten() {
            if e.file_type().is_ok_and(|t| t.is_dir()) {
                stack.push(e.path());
            } else if e.file_name().to_string_lossy().starts_with(".lkms") {
                hidden.push(e.path());
            }
        }
    }
    assert!(hidden.is_empty(), "staging files left: {hidden:?}");
    let keyring_dir: Vec<String> = std::fs::read_dir(env.keyring.parent().expect("dir"))
        .expect("read_dir")
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| !n.starts_with("keyring.db"))
        .collect();
    assert!(
        keyring_dir.is_empty(),
        "left beside the keyring: {keyring_dir:?}"
    );
}
