//! Several `lkms serve` processes on one PostgreSQL store (issue 16): what
//! one server writes the other serves at once, concurrent writers lose
//! nothing and keep one audit chain, the on-demand rotation limit and alias
//! names hold across servers, a server killed under load loses nothing it
//! acknowledged, and both servers ride out a PostgreSQL restart with
//! retryable errors.
//!
//! Requests are raw HTTP signed with an access key (`raw.rs`); every wait
//! has a deadline, and a failure prints the servers' logs.

use std::collections::BTreeSet;
use std::io::{Read, Write};
use std::net::TcpStream;
use std::sync::Mutex;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use serde_json::{Value, json};

use crate::env::str_field;
use crate::pg::{Cluster, Store, assert_no_file_holds};
use crate::raw::{Answer, addr, kms_request, parse};
use crate::server::{AccessKey, Server};

/// How long any one request may take before the test calls it a hang.
const REQUEST_GUARD: Duration = Duration::from_secs(60);

/// Starts `lkms --store URL serve` on `store`, unlocking with `identity`,
/// on a port the kernel picks; waits until it is ready.
fn start_server(store: &Store, tag: &str, identity: &std::path::Path) -> Server {
    let mut cmd = store.cmd();
    cmd.env("LKMS_IDENTITY", identity);
    cmd.args(["serve", "--listen", "127.0.0.1:0"]);
    Server::spawn(
        cmd,
        &store.env.path(&format!("ready-{tag}")),
        store.env.path(&format!("serve-{tag}.log")),
    )
}

/// A store with an owner's access key and two servers on it.
struct Pair {
    store: Store,
    key: AccessKey,
    servers: [Server; 2],
}

impl Pair {
    /// On a new database of the shared cluster; `None` when tests skip.
    fn start() -> Option<Pair> {
        let store = Store::shared_init()?;
        Some(Pair::on(store))
    }

    /// On `store`, already initialised.
    fn on(store: Store) -> Pair {
        let v = store.json(["access-key", "create", "--principal", "owner"]);
        let key = AccessKey {
            id: str_field(&v["AccessKey"], "AccessKeyId"),
            secret: str_field(&v["AccessKey"], "SecretAccessKey"),
            principal: "owner".into(),
        };
        // Each server unlocks through a slot of its own.
        let b_identity = store.env.path("server-b-identity.txt");
        store.ok([
            "slot",
            "add",
            "--principal",
            "server-b",
            "--generate-identity",
            b_identity.to_str().expect("UTF-8"),
        ]);
        let servers = [
            start_server(&store, "a", &store.identity),
            start_server(&store, "b", &b_identity),
        ];
        Pair {
            store,
            key,
            servers,
        }
    }

    /// Server `i % 2`'s URL.
    fn url(&self, i: usize) -> &str {
        &self.servers[i % 2].url
    }

    /// Both servers' logs, for a failure message.
    fn logs(&self) -> String {
        self.servers
            .iter()
            .enumerate()
            .map(|(i, s)| format!("--- server {i} log ---\n{}", s.log()))
            .collect::<Vec<_>>()
            .join("\n")
    }

    /// A signed request to server `i % 2`.
    fn send(&self, i: usize, op: &str, body: &Value) -> Result<Answer, String> {
        send(self.url(i), &self.key, op, body)
    }

    /// A signed request to server `i % 2` that must succeed; its answer.
    #[track_caller]
    fn call(&self, i: usize, op: &str, body: Value) -> Value {
        match self.send(i, op, &body) {
            Ok(a) if a.status == 200 => serde_json::from_str(&a.body)
                .unwrap_or_else(|e| panic!("{op}: not JSON ({e}): {a:?}")),
            other => panic!(
                "{op} {body} on server {}: {other:?}\n{}",
                i % 2,
                self.logs()
            ),
        }
    }

    /// A signed request to server `i % 2` that must fail with `exception`.
    #[track_caller]
    fn refused(&self, i: usize, op: &str, body: Value, exception: &str) {
        match self.send(i, op, &body) {
            Ok(a) if a.status != 200 && a.exception() == exception => {}
            other => panic!(
                "{op} {body} on server {}: expected {exception}, got {other:?}\n{}",
                i % 2,
                self.logs()
            ),
        }
    }
}

/// Sends one signed KMS request on a new connection; `Err` when the server
/// cannot be reached or gives no whole answer within [`REQUEST_GUARD`].
fn send(url: &str, key: &AccessKey, op: &str, body: &Value) -> Result<Answer, String> {
    let a = addr(url);
    let raw = kms_request(
        a,
        op,
        body.to_string().as_bytes(),
        Some((&key.id, &key.secret)),
    );
    let mut s =
        TcpStream::connect_timeout(&a, REQUEST_GUARD).map_err(|e| format!("connect: {e}"))?;
    s.set_read_timeout(Some(REQUEST_GUARD))
        .map_err(|e| e.to_string())?;
    s.write_all(&raw).map_err(|e| format!("send: {e}"))?;
    let mut text = Vec::new();
    if let Err(e) = s.read_to_end(&mut text) {
        return Err(format!("read: {e} after {} bytes", text.len()));
    }
    if !text.windows(4).any(|w| w == b"\r\n\r\n") {
        return Err(format!(
            "no whole answer: {:?}",
            String::from_utf8_lossy(&text)
        ));
    }
    Ok(parse(&text))
}

/// The KeyId of a CreateKey answer.
fn key_id_of(v: &Value) -> String {
    str_field(&v["KeyMetadata"], "KeyId")
}

/// Proves that a server on PostgreSQL stops cleanly on SIGTERM after
/// serving (exit 0, "stopped"): its connections, each with a runtime of its
/// own, are closed on whatever thread drops them (once, it aborted there).
#[test]
fn servers_on_postgres_stop_cleanly_on_sigterm() {
    let Some(mut pair) = Pair::start() else {
        return;
    };
    for i in 0..4 {
        pair.call(i, "CreateKey", json!({}));
        pair.call(i, "ListKeys", json!({}));
    }
    let logs = pair.logs();
    for server in &mut pair.servers {
        assert_eq!(server.stop(), Some(0), "{logs}\n{}", server.log());
        assert!(
            server.log().contains("lkms serve: stopped"),
            "{}",
            server.log()
        );
    }
}

/// Proves that two servers on one store serve one keyring: a key, an
/// alias, a state change or a description written through one is served
/// by the other at once; alias names stay unique when both create the
/// same name at the same time; the database password is in no log.
#[test]
fn a_key_made_through_one_server_is_usable_through_the_other_at_once() {
    let Some(pair) = Pair::start() else { return };
    for i in 0..6 {
        let (x, y) = (i, i + 1);
        let key = key_id_of(&pair.call(x, "CreateKey", json!({})));
        let sealed = pair.call(
            y,
            "Encrypt",
            json!({ "KeyId": key, "Plaintext": "aGVsbG8=", "EncryptionContext": {"n": i.to_string()} }),
        );
        let opened = pair.call(
            x,
            "Decrypt",
            json!({ "CiphertextBlob": sealed["CiphertextBlob"], "EncryptionContext": {"n": i.to_string()} }),
        );
        assert_eq!(opened["Plaintext"], "aGVsbG8=");
        let alias = format!("alias/shared-{i}");
        pair.call(
            y,
            "CreateAlias",
            json!({ "AliasName": alias, "TargetKeyId": key }),
        );
        let d = pair.call(x, "DescribeKey", json!({ "KeyId": alias }));
        assert_eq!(key_id_of(&d), key);
    }

    // A state change through one is enforced by the other at once: no
    // server serves a state older than a write acknowledged elsewhere.
    let key = key_id_of(&pair.call(0, "CreateKey", json!({})));
    for round in 0..3 {
        let (x, y) = (round, round + 1);
        pair.call(x, "DisableKey", json!({ "KeyId": key }));
        pair.refused(
            y,
            "Encrypt",
            json!({ "KeyId": key, "Plaintext": "aGk=" }),
            "DisabledException",
        );
        pair.call(y, "EnableKey", json!({ "KeyId": key }));
        pair.call(x, "Encrypt", json!({ "KeyId": key, "Plaintext": "aGk=" }));
        let description = format!("round {round}");
        pair.call(
            x,
            "UpdateKeyDescription",
            json!({ "KeyId": key, "Description": description }),
        );
        let d = pair.call(y, "DescribeKey", json!({ "KeyId": key }));
        assert_eq!(d["KeyMetadata"]["Description"], description.as_str());
    }

    // Both servers create the same alias name at the same time: one wins.
    for n in 0..5 {
        let alias = format!("alias/race-{n}");
        let answers: Vec<Result<Answer, String>> = std::thread::scope(|s| {
            let handles: Vec<_> = (0..2)
                .map(|i| {
                    let (pair, alias, key) = (&pair, &alias, &key);
                    s.spawn(move || {
                        pair.send(
                            i,
                            "CreateAlias",
                            &json!({ "AliasName": alias, "TargetKeyId": key }),
                        )
                    })
                })
                .collect();
            handles
                .into_iter()
                .map(|h| h.join().expect("client thread"))
                .collect()
        });
        let ok = answers
            .iter()
            .filter(|a| matches!(a, Ok(a) if a.status == 200))
            .count();
        let taken = answers
            .iter()
            .filter(|a| matches!(a, Ok(a) if a.status != 200 && a.exception() == "AlreadyExistsException"))
            .count();
        assert_eq!(
            (ok, taken),
            (1, 1),
            "{alias} created on both servers at once: {answers:?}\n{}",
            pair.logs()
        );
    }

    pair.store.assert_verifies("after two servers wrote");
    let pw = pair.store.password();
    for s in &pair.servers {
        assert!(!s.log().contains(&pw), "a server log holds the password");
    }
    assert_no_file_holds(pair.store.env.dir.path(), &pw);
}

/// Proves that 8 clients × 25 CreateKey spread over two servers make
/// exactly 200 keys and 200 CreateKey records in one chain that verifies.
#[test]
fn eight_clients_create_200_keys_over_two_servers() {
    let Some(pair) = Pair::start() else { return };
    let (clients, each) = (8, 25);
    let made = Mutex::new(Vec::new());
    std::thread::scope(|s| {
        for c in 0..clients {
            let (pair, made) = (&pair, &made);
            s.spawn(move || {
                for i in 0..each {
                    let v = pair.call(
                        c + i,
                        "CreateKey",
                        json!({ "Description": format!("client {c} key {i}") }),
                    );
                    made.lock().expect("lock").push(key_id_of(&v));
                }
            });
        }
    });
    let made: BTreeSet<String> = made.into_inner().expect("lock").into_iter().collect();
    assert_eq!(made.len(), clients * each, "distinct KeyIds acknowledged");
    let listed: BTreeSet<String> = pair.store.key_ids().into_iter().collect();
    assert_eq!(listed, made, "list-keys is exactly the keys acknowledged");
    for i in 0..2 {
        let v = pair.call(i, "ListKeys", json!({ "Limit": 1000 }));
        assert_eq!(
            v["Keys"].as_array().map(Vec::len),
            Some(clients * each),
            "ListKeys through server {i}"
        );
    }
    let creates = pair.store.audit_records(&["--operation", "CreateKey"]);
    assert_eq!(creates.len(), clients * each, "CreateKey audit records");
    assert!(
        creates.iter().all(|r| r["Outcome"] == "Success"),
        "{creates:?}"
    );
    pair.store
        .assert_verifies("after 200 CreateKey over two servers");
}

/// RotateKeyOnDemand `n` times at once on `key`, alternating servers; the
/// answers.
fn rotate_at_once(pair: &Pair, key: &str, n: usize) -> Vec<Result<Answer, String>> {
    std::thread::scope(|s| {
        let handles: Vec<_> = (0..n)
            .map(|i| s.spawn(move || pair.send(i, "RotateKeyOnDemand", &json!({ "KeyId": key }))))
            .collect();
        handles
            .into_iter()
            .map(|h| h.join().expect("client thread"))
            .collect()
    })
}

/// Proves that the limit of 25 on-demand rotations holds across servers:
/// 25 at once all succeed and the 26th is refused on either server; 30 at
/// once on another key, exactly 25 succeed and 5 are refused.
#[test]
fn on_demand_rotation_limit_holds_across_servers() {
    let Some(pair) = Pair::start() else { return };
    let key = key_id_of(&pair.call(0, "CreateKey", json!({})));
    let answers = rotate_at_once(&pair, &key, 25);
    let bad: Vec<_> = answers
        .iter()
        .filter(|a| !matches!(a, Ok(a) if a.status == 200))
        .collect();
    assert!(
        bad.is_empty(),
        "25 concurrent rotations, not all succeeded: {bad:?}\n{}",
        pair.logs()
    );
    for i in 0..2 {
        pair.refused(
            i,
            "RotateKeyOnDemand",
            json!({ "KeyId": key }),
            "LimitExceededException",
        );
    }
    let v = pair.store.json(["list-key-rotations", "--key-id", &key]);
    assert_eq!(v["Rotations"].as_array().map(Vec::len), Some(25), "{v}");

    let other = key_id_of(&pair.call(1, "CreateKey", json!({})));
    let answers = rotate_at_once(&pair, &other, 30);
    let ok = answers
        .iter()
        .filter(|a| matches!(a, Ok(a) if a.status == 200))
        .count();
    let limited = answers
        .iter()
        .filter(
            |a| matches!(a, Ok(a) if a.status != 200 && a.exception() == "LimitExceededException"),
        )
        .count();
    assert_eq!(
        (ok, limited),
        (25, 5),
        "30 concurrent rotations: {answers:?}\n{}",
        pair.logs()
    );
    let v = pair.store.json(["list-key-rotations", "--key-id", &other]);
    assert_eq!(v["Rotations"].as_array().map(Vec::len), Some(25), "{v}");
    pair.store.assert_verifies("after the rotation race");
}

/// Proves that concurrent changes to one key through both servers lose no
/// update: 16 TagResource calls with distinct tag keys leave 16 tags, 8
/// CreateGrant calls leave 8 grants.
#[test]
fn concurrent_changes_to_one_key_lose_no_update() {
    let Some(pair) = Pair::start() else { return };
    let key = key_id_of(&pair.call(0, "CreateKey", json!({})));
    let (tags, grants) = (16, 8);
    std::thread::scope(|s| {
        for i in 0..tags {
            let (pair, key) = (&pair, &key);
            s.spawn(move || {
                pair.call(
                    i,
                    "TagResource",
                    json!({ "KeyId": key, "Tags": [{"TagKey": format!("t{i}"), "TagValue": "v"}] }),
                )
            });
        }
        for i in 0..grants {
            let (pair, key) = (&pair, &key);
            s.spawn(move || {
                pair.call(
                    i,
                    "CreateGrant",
                    json!({ "KeyId": key, "GranteePrincipal": format!("grantee-{i}"),
                            "Operations": ["Encrypt"] }),
                )
            });
        }
    });
    for i in 0..2 {
        let v = pair.call(i, "ListResourceTags", json!({ "KeyId": key, "Limit": 50 }));
        let listed: BTreeSet<String> = v["Tags"]
            .as_array()
            .expect("Tags")
            .iter()
            .map(|t| str_field(t, "TagKey"))
            .collect();
        let expected: BTreeSet<String> = (0..tags).map(|i| format!("t{i}")).collect();
        assert_eq!(listed, expected, "tags through server {i}: {v}");
        let v = pair.call(i, "ListGrants", json!({ "KeyId": key, "Limit": 100 }));
        assert_eq!(
            v["Grants"].as_array().map(Vec::len),
            Some(grants),
            "grants through server {i}: {v}"
        );
    }
    pair.store
        .assert_verifies("after concurrent changes to one key");
}

/// Proves that when one server is killed (SIGKILL) under load the other
/// keeps serving, and every CreateKey acknowledged by either exists.
#[test]
fn killing_one_server_under_load_loses_nothing_acknowledged() {
    let Some(mut pair) = Pair::start() else {
        return;
    };
    let (clients, each, kill_after) = (4, 30, 20);
    let acked = Mutex::new(Vec::new());
    let acks = AtomicUsize::new(0);
    let killed = AtomicBool::new(false);
    let failures = Mutex::new(Vec::new());
    let victim_url = pair.servers[0].url.clone();
    std::thread::scope(|s| {
        for c in 0..clients {
            let (pair, acked, acks, killed, failures) = (&pair, &acked, &acks, &killed, &failures);
            s.spawn(move || {
                for i in 0..each {
                    // Alternate until the kill is known, then the survivor.
                    let server = if killed.load(Ordering::SeqCst) {
                        1
                    } else {
                        c + i
                    };
                    let body = json!({ "Description": format!("load {c} {i}") });
                    match pair.send(server, "CreateKey", &body) {
                        Ok(a) if a.status == 200 => {
                            let v: Value = serde_json::from_str(&a.body).expect("JSON");
                            acked.lock().expect("lock").push(key_id_of(&v));
                            acks.fetch_add(1, Ordering::SeqCst);
                        }
                        // The killed server's requests may fail, unacknowledged.
                        Err(_) if server % 2 == 0 => {}
                        other => failures
                            .lock()
                            .expect("lock")
                            .push(format!("server {}: {other:?}", server % 2)),
                    }
                }
            });
        }
        // Kill server 0 once enough has been acknowledged (or at the
        // deadline, if the load is slow): from a count, not a clock.
        let deadline = Instant::now() + Duration::from_secs(120);
        while acks.load(Ordering::SeqCst) < kill_after && Instant::now() < deadline {
            std::thread::sleep(Duration::from_millis(5));
        }
        killed.store(true, Ordering::SeqCst);
        let pid = pair.servers[0].pid();
        let _ = std::process::Command::new("kill")
            .args(["-KILL", &pid.to_string()])
            .status();
    });
    pair.servers[0].kill();
    let failures = failures.into_inner().expect("lock");
    assert!(
        failures.is_empty(),
        "the surviving server failed requests: {failures:?}\n{}",
        pair.logs()
    );
    assert!(
        send(&victim_url, &pair.key, "ListKeys", &json!({})).is_err(),
        "the killed server still answers"
    );

    // The survivor serves, and has every acknowledged key.
    let after = key_id_of(&pair.call(1, "CreateKey", json!({})));
    let acked: BTreeSet<String> = acked.into_inner().expect("lock").into_iter().collect();
    assert!(acked.len() >= kill_after, "{} acknowledged", acked.len());
    let listed: BTreeSet<String> = pair.store.key_ids().into_iter().collect();
    let lost: Vec<_> = acked.difference(&listed).collect();
    assert!(lost.is_empty(), "acknowledged keys lost: {lost:?}");
    assert!(listed.contains(&after));
    let served = pair.call(1, "ListKeys", json!({ "Limit": 1000 }));
    assert_eq!(
        served["Keys"].as_array().map(Vec::len),
        Some(listed.len()),
        "the survivor lists what the CLI lists"
    );
    // Every key has its CreateKey record, and the chain verifies.
    let creates = pair.store.audit_records(&["--operation", "CreateKey"]);
    let recorded = creates.iter().filter(|r| r["Outcome"] == "Success").count();
    assert_eq!(recorded, listed.len(), "one CreateKey record per key");
    pair.store
        .assert_verifies("after a server was killed under load");
}

/// Proves that both servers survive PostgreSQL going away under load and
/// coming back: meanwhile every request is answered (no hang) with a
/// retryable 5xx error, afterwards requests succeed on both again, and
/// nothing acknowledged is lost.
#[test]
fn both_servers_recover_from_a_postgres_restart() {
    let Some(cluster) = Cluster::start() else {
        return;
    };
    let store = Store::new(&cluster.admin);
    store.init().success();
    let pair = Pair::on(store);
    let key = key_id_of(&pair.call(0, "CreateKey", json!({})));
    let fail = |what: String| -> ! {
        panic!(
            "{what}\n{}\n--- PostgreSQL log ---\n{}",
            pair.logs(),
            cluster.log()
        )
    };

    let stop = AtomicBool::new(false);
    let acked = Mutex::new(Vec::new());
    let retryable = AtomicUsize::new(0);
    let wrong = Mutex::new(Vec::new());
    let acks = AtomicUsize::new(0);
    std::thread::scope(|s| {
        for c in 0..2 {
            let (pair, stop, acked, retryable, wrong, acks) =
                (&pair, &stop, &acked, &retryable, &wrong, &acks);
            s.spawn(move || {
                // Bounded in requests as well as by the stop flag.
                for i in 0..5000 {
                    if stop.load(Ordering::SeqCst) {
                        break;
                    }
                    let body = json!({ "Description": format!("restart {c} {i}") });
                    match pair.send(c + i, "CreateKey", &body) {
                        Ok(a) if a.status == 200 => {
                            let v: Value = serde_json::from_str(&a.body).expect("JSON");
                            acked.lock().expect("lock").push(key_id_of(&v));
                            acks.fetch_add(1, Ordering::SeqCst);
                        }
                        Ok(a) if a.status >= 500 => {
                            retryable.fetch_add(1, Ordering::SeqCst);
                            // Without a pause, a failing server is spun on.
                            std::thread::sleep(Duration::from_millis(20));
                        }
                        other => wrong.lock().expect("lock").push(format!("{other:?}")),
                    }
                }
            });
        }
        let wait_for = |what: &str, done: &dyn Fn() -> bool| {
            let deadline = Instant::now() + Duration::from_secs(120);
            while !done() {
                if Instant::now() > deadline {
                    stop.store(true, Ordering::SeqCst);
                    fail(format!("timed out waiting for {what}"));
                }
                std::thread::sleep(Duration::from_millis(20));
            }
        };
        wait_for("load before the restart", &|| {
            acks.load(Ordering::SeqCst) >= 10
        });

        cluster.stop();
        // While PostgreSQL is down, each server answers each request, and
        // with a retryable error.
        for i in 0..4 {
            for (op, body) in [
                ("CreateKey", json!({})),
                ("Encrypt", json!({ "KeyId": key, "Plaintext": "aGk=" })),
            ] {
                match pair.send(i, op, &body) {
                    Ok(a) if a.status >= 500 && a.exception() == "DependencyTimeoutException" => {}
                    other => {
                        stop.store(true, Ordering::SeqCst);
                        fail(format!(
                            "{op} on server {} while PostgreSQL is down: {other:?}",
                            i % 2
                        ));
                    }
                }
            }
        }
        let during = acks.load(Ordering::SeqCst);
        cluster.start_again();

        // Both servers succeed again (their first requests may still
        // meet connections from before the restart).
        for i in 0..2 {
            let deadline = Instant::now() + Duration::from_secs(120);
            loop {
                match pair.send(i, "Encrypt", &json!({ "KeyId": key, "Plaintext": "aGk=" })) {
                    Ok(a) if a.status == 200 => break,
                    Ok(a) if a.status >= 500 => {}
                    other => {
                        stop.store(true, Ordering::SeqCst);
                        fail(format!("server {i} after the restart: {other:?}"));
                    }
                }
                if Instant::now() > deadline {
                    stop.store(true, Ordering::SeqCst);
                    fail(format!("server {i} did not recover"));
                }
                std::thread::sleep(Duration::from_millis(50));
            }
        }
        wait_for("load after the restart", &|| {
            acks.load(Ordering::SeqCst) >= during + 10
        });
        stop.store(true, Ordering::SeqCst);
    });
    let wrong = wrong.into_inner().expect("lock");
    if !wrong.is_empty() {
        fail(format!("answers neither 200 nor 5xx: {wrong:?}"));
    }
    assert!(
        retryable.load(Ordering::SeqCst) > 0,
        "no client request met the outage"
    );
    let acked: BTreeSet<String> = acked.into_inner().expect("lock").into_iter().collect();
    let listed: BTreeSet<String> = pair.store.key_ids().into_iter().collect();
    let lost: Vec<_> = acked.difference(&listed).collect();
    assert!(lost.is_empty(), "acknowledged keys lost: {lost:?}");
    for i in 0..2 {
        pair.call(i, "CreateKey", json!({}));
    }
    pair.store
        .assert_verifies("after PostgreSQL restarted under load");
}
