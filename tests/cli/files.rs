//! `encrypt-file`, `decrypt-file`, `rewrap-file` and `inspect-file`
//! (issue 4, DESIGN.md section 5), driven through the real binary.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use serde_json::{Value, json};

use crate::env::path_str as s;
use crate::env::{Cred, EXIT_INVALID_VALUE, EXIT_KMS, Out, TestEnv, str_field};

/// The file magic.
const MAGIC: [u8; 8] = [0x89, 0x4C, 0x4B, 0x4D, 0x53, 0x0D, 0x0A, 0x1A];
/// The default chunk size and the per-chunk tag.
const CHUNK: usize = 64 * 1024;
const TAG: usize = 16;

/// Deterministic bytes, different for every position and seed.
fn data(len: usize, seed: u64) -> Vec<u8> {
    let mut x = seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1;
    (0..len)
        .map(|_| {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            (x >> 24) as u8
        })
        .collect()
}

/// A keyring unlocked by an age identity, and one key in it.
fn setup() -> (TestEnv, String) {
    let mut env = TestEnv::new();
    env.init_with_identity();
    let key = env.create_key();
    (env, key)
}

fn write(env: &TestEnv, name: &str, bytes: &[u8]) -> PathBuf {
    let p = env.path(name);
    if let Some(d) = p.parent() {
        std::fs::create_dir_all(d).unwrap();
    }
    std::fs::write(&p, bytes).unwrap();
    p
}

fn read(p: &Path) -> Vec<u8> {
    std::fs::read(p).unwrap_or_else(|e| panic!("read {}: {e}", p.display()))
}

/// `lkms --output json <args>` (no assertion).
fn run_json(env: &TestEnv, args: &[&str]) -> Out {
    let mut all = vec!["--output", "json"];
    all.extend_from_slice(args);
    env.run(all)
}

/// `encrypt-file --key-id <key> <input> -o <output>`, asserting success.
#[track_caller]
fn encrypt_to(env: &TestEnv, key: &str, input: &Path, output: &Path) -> Value {
    env.json(["encrypt-file", "--key-id", key, s(input), "-o", s(output)])
}

/// `decrypt-file <input> -o <output> [extra...]`.
fn decrypt_to(env: &TestEnv, input: &Path, output: &Path, extra: &[&str]) -> Out {
    let mut args = vec!["decrypt-file", s(input), "-o", s(output)];
    args.extend_from_slice(extra);
    run_json(env, &args)
}

/// `inspect-file <file>` as JSON.
#[track_caller]
fn inspect(env: &TestEnv, file: &Path) -> Value {
    env.json(["inspect-file", s(file)])
}

/// The one wrapped key's KeyMaterialId shown by inspect-file.
#[track_caller]
fn key_ids(info: &Value) -> Vec<String> {
    info["EncryptedDataKeys"]
        .as_array()
        .unwrap_or_else(|| panic!("no EncryptedDataKeys: {info}"))
        .iter()
        .map(|k| str_field(k, "KeyId"))
        .collect()
}

#[track_caller]
fn header_len(info: &Value) -> usize {
    info["HeaderLength"]
        .as_u64()
        .unwrap_or_else(|| panic!("no HeaderLength: {info}")) as usize
}

#[track_caller]
fn current_material(env: &TestEnv, key: &str) -> String {
    str_field(&env.describe(key), "CurrentKeyMaterialId")
}

/// Names in `dir` starting with `.lkms-` (staged outputs left behind).
fn stray_temps(dir: &Path) -> Vec<String> {
    std::fs::read_dir(dir)
        .unwrap()
        .filter_map(|e| e.ok())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with(".lkms-"))
        .collect()
}

/// Asserts a failed decryption left nothing under `target` and no staged
/// file beside it.
#[track_caller]
fn assert_no_output(target: &Path) {
    assert!(
        !target.exists(),
        "a failed decryption left {} behind",
        target.display()
    );
    if let Some(dir) = target.parent().filter(|d| d.exists()) {
        let temps = stray_temps(dir);
        assert!(temps.is_empty(), "temporary files left: {temps:?}");
    }
}

/// A run with binary stdin and stdout.
struct Piped {
    code: i32,
    stdout: Vec<u8>,
    stderr: String,
}

impl std::fmt::Debug for Piped {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "exit {}, {} bytes on stdout, stderr: {}",
            self.code,
            self.stdout.len(),
            self.stderr
        )
    }
}

/// Runs `lkms <args>` with `stdin` piped in and stdout captured as bytes.
fn piped(mut cmd: Command, args: &[&str], stdin: &[u8]) -> Piped {
    cmd.args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    let mut child = cmd.spawn().expect("spawn lkms");
    let mut input = child.stdin.take().expect("stdin");
    let bytes = stdin.to_vec();
    let feeder = std::thread::spawn(move || {
        // lkms may stop reading early (on a failure): ignore broken pipes.
        let _ = input.write_all(&bytes);
    });
    let out = child.wait_with_output().expect("wait for lkms");
    feeder.join().expect("stdin feeder");
    Piped {
        code: out.status.code().unwrap_or(-1),
        stdout: out.stdout,
        stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
    }
}

/// Flips one bit in the middle of the body of an encrypted file.
fn corrupt_middle(env: &TestEnv, file: &Path) {
    let hl = header_len(&inspect(env, file));
    let mut bytes = read(file);
    let at = hl + (bytes.len() - hl) / 2;
    bytes[at] ^= 0x04;
    std::fs::write(file, bytes).unwrap();
}

// ---------------------------------------------------------------------------
// Round trips
// ---------------------------------------------------------------------------

#[test]
fn files_round_trip_to_files_and_report_a_summary() {
    let (env, key) = setup();
    let arn = str_field(&env.describe(&key), "Arn");
    for (i, len) in [0, 1, CHUNK - 1, CHUNK, CHUNK + 1, 3 * CHUNK + 77]
        .into_iter()
        .enumerate()
    {
        let pt = data(len, i as u64);
        let name = format!("plain{i}.bin");
        let input = write(&env, &name, &pt);
        // Default output name: the input plus .lkms.
        let out = env.json(["encrypt-file", "--key-id", &key, s(&input)]);
        let enc = env.path(&format!("{name}.lkms"));
        assert_eq!(
            out,
            json!({"Files": [{
                "Input": s(&input),
                "Output": s(&enc),
                "PlaintextLength": len,
                "KeyIds": [arn],
            }]}),
            "encrypt-file summary"
        );
        let ct = read(&enc);
        assert_eq!(&ct[..8], &MAGIC, "an encrypted file starts with the magic");
        let info = inspect(&env, &enc);
        let chunks = len.div_ceil(CHUNK).max(1);
        assert_eq!(
            ct.len(),
            header_len(&info) + len + chunks * TAG,
            "size {len}"
        );
        // Default decrypted name: the input minus .lkms (the original moved away).
        std::fs::rename(&input, env.path("original")).unwrap();
        let out = env.json(["decrypt-file", s(&enc)]);
        assert_eq!(
            out,
            json!({"Files": [{
                "Input": s(&enc),
                "Output": s(&input),
                "PlaintextLength": len,
                "KeyIds": [arn],
            }]}),
            "decrypt-file summary"
        );
        assert!(
            read(&input) == pt,
            "size {len}: round trip changed the data"
        );
        // -o names the output.
        let other = env.path(&format!("copy{i}.bin"));
        decrypt_to(&env, &enc, &other, &[]).success();
        assert!(read(&other) == pt);
    }
    assert!(stray_temps(env.dir.path()).is_empty());
}

#[test]
fn streams_round_trip_through_stdin_and_stdout_with_nothing_else_on_stdout() {
    let (env, key) = setup();
    let pt = data(5 * CHUNK / 2, 7);
    for args in [
        vec!["encrypt-file", "--key-id", &key, "-"],
        vec![
            "--output",
            "json",
            "encrypt-file",
            "--key-id",
            &key,
            "-",
            "-o",
            "-",
        ],
    ] {
        let enc = piped(env.cmd(), &args, &pt);
        assert_eq!(enc.code, 0, "{args:?}: {enc:?}");
        assert_eq!(
            &enc.stdout[..8],
            &MAGIC,
            "{args:?}: only the file on stdout"
        );
        let file = write(&env, "stream.lkms", &enc.stdout);
        let info = inspect(&env, &file);
        assert_eq!(info["PlaintextLength"], pt.len(), "{info}");
        for dargs in [
            vec!["decrypt-file", "-"],
            vec!["--output", "json", "decrypt-file", "-", "-o", "-"],
        ] {
            let dec = piped(env.cmd(), &dargs, &enc.stdout);
            assert_eq!(dec.code, 0, "{dargs:?}: {dec:?}");
            assert!(
                dec.stdout == pt,
                "{dargs:?}: stdout is not exactly the plaintext ({} bytes for {})",
                dec.stdout.len(),
                pt.len()
            );
        }
        // A file in, stdout out.
        let dec = piped(env.cmd(), &["decrypt-file", s(&file), "-o", "-"], &[]);
        assert_eq!(dec.code, 0, "{dec:?}");
        assert!(dec.stdout == pt);
    }
}

#[test]
fn output_to_dev_null_is_written_as_a_stream() {
    let (env, key) = setup();
    let pt = data(2 * CHUNK + 9, 8);
    let input = write(&env, "p.bin", &pt);
    env.ok([
        "encrypt-file",
        "--key-id",
        &key,
        s(&input),
        "-o",
        "/dev/null",
    ]);
    let enc = env.path("p.bin.lkms");
    encrypt_to(&env, &key, &input, &enc);
    decrypt_to(&env, &enc, Path::new("/dev/null"), &[]).success();
    assert!(
        Path::new("/dev/null").exists() && !Path::new("/dev/null").is_file(),
        "/dev/null is still a device"
    );
    // A corrupted file into /dev/null still fails.
    corrupt_middle(&env, &enc);
    let out = decrypt_to(&env, &enc, Path::new("/dev/null"), &[]);
    out.failure(EXIT_KMS, "InvalidCiphertextException");
    assert!(stray_temps(Path::new("/dev")).is_empty());
}

#[test]
fn without_key_id_the_managed_default_key_is_used() {
    let mut env = TestEnv::new();
    env.init_with_identity();
    let pt = data(1000, 9);
    let input = write(&env, "p.bin", &pt);
    let out = env.json(["encrypt-file", s(&input)]);
    let default = env.describe("alias/lkms/default");
    assert_eq!(
        out["Files"][0]["KeyIds"],
        json!([str_field(&default, "Arn")]),
        "{out}"
    );
    let enc = env.path("p.bin.lkms");
    assert_eq!(
        key_ids(&inspect(&env, &enc)),
        vec![str_field(&default, "KeyId")]
    );
    let back = env.path("back.bin");
    decrypt_to(&env, &enc, &back, &[]).success();
    assert!(read(&back) == pt);
}

// ---------------------------------------------------------------------------
// Keys
// ---------------------------------------------------------------------------

#[test]
fn with_several_key_ids_each_key_alone_decrypts() {
    let (env, a) = setup();
    let b = env.create_key();
    let pt = data(CHUNK + 5, 10);
    let input = write(&env, "p.bin", &pt);
    let enc = env.path("p.bin.lkms");
    let out = env.json(["encrypt-file", "--key-id", &a, "--key-id", &b, s(&input)]);
    let arns: Vec<String> = [&a, &b]
        .iter()
        .map(|k| str_field(&env.describe(k), "Arn"))
        .collect();
    assert_eq!(out["Files"][0]["KeyIds"], json!(arns), "{out}");
    let info = inspect(&env, &enc);
    assert_eq!(key_ids(&info), vec![a.clone(), b.clone()], "{info}");
    let back = env.path("back.bin");
    let check = |who: &str, extra: &[&str]| {
        let _ = std::fs::remove_file(&back);
        let out = decrypt_to(&env, &enc, &back, extra);
        assert_eq!(out.code, 0, "{who}: {out:?}");
        assert!(read(&back) == pt, "{who}");
        out.json()["Files"][0]["KeyIds"][0]
            .as_str()
            .unwrap()
            .to_owned()
    };
    // A disabled: B decrypts.
    env.ok(["disable-key", "--key-id", &a]);
    assert_eq!(check("B alone", &[]), arns[1]);
    assert_eq!(check("B alone, named", &["--key-id", &b]), arns[1]);
    let _ = std::fs::remove_file(&back);
    decrypt_to(&env, &enc, &back, &["--key-id", &a]).failure(EXIT_KMS, "DisabledException");
    assert_no_output(&back);
    // B disabled: A decrypts.
    env.ok(["enable-key", "--key-id", &a]);
    env.ok(["disable-key", "--key-id", &b]);
    assert_eq!(check("A alone", &[]), arns[0]);
    // Both disabled: nothing decrypts.
    env.ok(["disable-key", "--key-id", &a]);
    let _ = std::fs::remove_file(&back);
    let out = decrypt_to(&env, &enc, &back, &[]);
    assert_eq!(out.code, EXIT_KMS, "{out:?}");
    assert_no_output(&back);
    // A pending deletion: B again.
    env.ok(["enable-key", "--key-id", &a]);
    env.ok(["enable-key", "--key-id", &b]);
    env.ok([
        "schedule-key-deletion",
        "--key-id",
        &a,
        "--pending-window-in-days",
        "7",
    ]);
    assert_eq!(check("B with A pending deletion", &[]), arns[1]);
}

#[test]
fn a_key_of_another_keyring_or_another_key_cannot_decrypt() {
    let (env, key) = setup();
    let unrelated = env.create_key();
    let pt = data(3000, 11);
    let input = write(&env, "p.bin", &pt);
    let enc = env.path("p.bin.lkms");
    encrypt_to(&env, &key, &input, &enc);
    let back = env.path("back.bin");
    // Restricted to a key the file is not wrapped under.
    decrypt_to(&env, &enc, &back, &["--key-id", &unrelated]).failure(EXIT_KMS, "NotFoundException");
    assert_no_output(&back);
    // Another keyring, with keys of its own.
    let (other, _) = setup();
    let back2 = other.path("back.bin");
    let out = decrypt_to(&other, &enc, &back2, &[]).failure(EXIT_KMS, "NotFoundException");
    assert!(out.stderr.contains(&key), "names the file's key: {out:?}");
    assert_no_output(&back2);
}

#[test]
fn a_wrong_or_missing_required_context_fails_without_creating_output() {
    let (env, key) = setup();
    let pt = data(CHUNK * 2, 12);
    let input = write(&env, "p.bin", &pt);
    let enc = env.path("p.bin.lkms");
    env.ok([
        "encrypt-file",
        "--key-id",
        &key,
        "--encryption-context",
        "app=web,env=prod",
        s(&input),
    ]);
    let info = inspect(&env, &enc);
    assert_eq!(
        info["EncryptionContext"],
        json!({"app": "web", "env": "prod"})
    );
    let back = env.path("back.bin");
    for ctx in [
        "app=db",
        "app=web,env=dev",
        "team=x",
        "app=web,team=x",
        "APP=web",
    ] {
        decrypt_to(&env, &enc, &back, &["--encryption-context", ctx])
            .failure(EXIT_KMS, "InvalidCiphertextException");
        assert_no_output(&back);
    }
    for ctx in ["app=web", "env=prod", "app=web,env=prod"] {
        decrypt_to(&env, &enc, &back, &["--encryption-context", ctx]).success();
        assert!(read(&back) == pt, "{ctx}");
        std::fs::remove_file(&back).unwrap();
    }
    decrypt_to(&env, &enc, &back, &[]).success();
    assert!(read(&back) == pt);
}

// ---------------------------------------------------------------------------
// Corruption
// ---------------------------------------------------------------------------

#[test]
fn a_corrupted_or_truncated_file_fails_and_leaves_no_output_or_temp_file() {
    let (env, key) = setup();
    // 40 chunks: failures come after earlier chunks were written.
    let pt = data(40 * CHUNK + 123, 13);
    let input = write(&env, "p.bin", &pt);
    let enc = env.path("p.bin.lkms");
    encrypt_to(&env, &key, &input, &enc);
    let good = read(&enc);
    let hl = header_len(&inspect(&env, &enc));
    let body_mid = hl + (good.len() - hl) / 2;
    let boundary = hl + 20 * (CHUNK + TAG);
    let cases: Vec<(&str, Vec<u8>)> = vec![
        ("a flipped bit in the middle of the body", {
            let mut b = good.clone();
            b[body_mid] ^= 0x04;
            b
        }),
        ("a flipped bit in the last chunk", {
            let mut b = good.clone();
            *b.last_mut().unwrap() ^= 0x80;
            b
        }),
        ("truncated at a chunk boundary", good[..boundary].to_vec()),
        ("truncated inside a chunk", good[..body_mid].to_vec()),
        ("a byte appended", [&good[..], &[0]].concat()),
    ];
    std::fs::remove_file(&input).unwrap();
    let sub = env.path("out");
    std::fs::create_dir(&sub).unwrap();
    for (what, bytes) in &cases {
        let bad = write(&env, "bad.bin.lkms", bytes);
        // Default name, -o beside it, -o in another folder.
        let target = env.path("bad.bin");
        let out = run_json(&env, &["decrypt-file", s(&bad)]);
        assert_eq!(out.code, EXIT_KMS, "{what}: {out:?}");
        let out = out.assert_exception("InvalidCiphertextException");
        assert!(out.stdout.trim().is_empty(), "{what}: printed {out:?}");
        assert_no_output(&target);
        let target = sub.join("bad.bin");
        decrypt_to(&env, &bad, &target, &[]).failure(EXIT_KMS, "InvalidCiphertextException");
        assert_no_output(&target);
        // An existing file under the target name is left as it was, even
        // when --force allows replacing it: only a whole, authenticated
        // plaintext replaces it.
        let precious = write(&env, "precious.bin", b"keep me");
        decrypt_to(&env, &bad, &precious, &["--force"])
            .failure(EXIT_KMS, "InvalidCiphertextException");
        assert_eq!(
            read(&precious),
            b"keep me",
            "{what}: the existing output was replaced"
        );
        assert!(stray_temps(env.dir.path()).is_empty(), "{what}");
        // To stdout: a non-zero exit, and only authenticated whole chunks.
        for args in [
            vec!["decrypt-file", "-"],
            vec!["decrypt-file", s(&bad), "-o", "-"],
        ] {
            let dec = piped(env.cmd(), &args, bytes);
            assert_eq!(dec.code, EXIT_KMS, "{what}, {args:?}: {dec:?}");
            assert!(
                dec.stdout.len().is_multiple_of(CHUNK) && pt.starts_with(&dec.stdout),
                "{what}, {args:?}: stdout is not a prefix of whole chunks ({} bytes)",
                dec.stdout.len()
            );
            assert!(
                dec.stdout.len() < pt.len(),
                "{what}: the whole plaintext came out"
            );
        }
    }
    // The intact file still decrypts, to a name that failed before.
    let ok = write(&env, "bad.bin.lkms", &good);
    env.ok(["decrypt-file", s(&ok)]);
    assert!(read(&env.path("bad.bin")) == pt);
}

/// Waits for `child` (stdout already taken or null) with a generous hang
/// guard; returns its exit code (-1 for a signal) and stderr.
fn wait_guarded(mut child: std::process::Child, what: &str) -> (i32, String) {
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(120);
    let stderr = child.stderr.take();
    let t_err = std::thread::spawn(move || {
        let mut s = String::new();
        if let Some(mut e) = stderr {
            let _ = std::io::Read::read_to_string(&mut e, &mut s);
        }
        s
    });
    let status = loop {
        if let Some(st) = child.try_wait().unwrap() {
            break st;
        }
        if std::time::Instant::now() > deadline {
            let _ = child.kill();
            let _ = child.wait();
            panic!("{what}: lkms did not exit (a deadlocked pipeline?)");
        }
        std::thread::sleep(std::time::Duration::from_millis(5));
    };
    (status.code().unwrap_or(-1), t_err.join().unwrap())
}

#[test]
fn a_failure_early_in_a_large_file_exits_instead_of_hanging() {
    let (env, key) = setup();
    // 256 chunks: many more batches than the pipeline holds in flight.
    let pt = data(256 * CHUNK, 23);
    let input = write(&env, "big.bin", &pt);
    let enc = env.path("big.bin.lkms");
    encrypt_to(&env, &key, &input, &enc);
    std::fs::remove_file(&input).unwrap();
    let hl = header_len(&inspect(&env, &enc));
    let mut bytes = read(&enc);
    bytes[hl + CHUNK + TAG + 10] ^= 0x01; // chunk 1
    let bad = write(&env, "bad.bin.lkms", &bytes);
    let target = env.path("bad.bin");
    let mut cmd = env.cmd();
    cmd.args(["decrypt-file", s(&bad)])
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::piped());
    let (code, stderr) = wait_guarded(cmd.spawn().unwrap(), "decrypt-file of a corrupt file");
    assert_eq!(code, EXIT_KMS, "{stderr}");
    assert!(stderr.contains("InvalidCiphertextException"), "{stderr}");
    assert_no_output(&target);
    // To a reader that goes away after a few bytes (`| head -c 10`).
    for args in [
        vec!["encrypt-file", "--key-id", key.as_str(), s(&enc), "-o", "-"],
        vec!["decrypt-file", s(&enc), "-o", "-"],
    ] {
        let mut cmd = env.cmd();
        cmd.args(&args)
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped());
        let mut child = cmd.spawn().unwrap();
        let mut out = child.stdout.take().unwrap();
        let mut first = [0u8; 10];
        std::io::Read::read_exact(&mut out, &mut first).unwrap();
        drop(out);
        let (code, stderr) = wait_guarded(child, &format!("{args:?} into a closed pipe"));
        assert_ne!(code, 0, "{args:?}: success with its output cut: {stderr}");
    }
}

#[test]
fn garbage_and_plaintext_are_refused_as_invalid_ciphertext() {
    let (env, _) = setup();
    for (name, bytes) in [
        ("empty.lkms", Vec::new()),
        ("text.lkms", b"just some text, not encrypted\n".to_vec()),
        ("magic.lkms", MAGIC.to_vec()),
    ] {
        let f = write(&env, name, &bytes);
        let target = env.path(name.trim_end_matches(".lkms"));
        run_json(&env, &["decrypt-file", s(&f)]).failure(EXIT_KMS, "InvalidCiphertextException");
        assert_no_output(&target);
        let out = env.run_as(&Cred::None, ["inspect-file", s(&f)]);
        assert_ne!(out.code, 0, "inspect-file accepted {name}: {out:?}");
    }
}

// ---------------------------------------------------------------------------
// rewrap-file
// ---------------------------------------------------------------------------

#[test]
fn rewrap_after_rotation_names_the_new_material_and_keeps_the_body() {
    let (env, key) = setup();
    let pt = data(3 * CHUNK + 1, 14);
    let input = write(&env, "p.bin", &pt);
    let enc = env.path("p.bin.lkms");
    encrypt_to(&env, &key, &input, &enc);
    let m0 = current_material(&env, &key);
    let before = read(&enc);
    let info0 = inspect(&env, &enc);
    assert_eq!(
        info0["EncryptedDataKeys"][0]["KeyMaterialId"],
        m0.as_str(),
        "{info0}"
    );
    std::fs::set_permissions(&enc, std::os::unix::fs::PermissionsExt::from_mode(0o640)).unwrap();

    env.ok(["rotate-key-on-demand", "--key-id", &key]);
    let m1 = current_material(&env, &key);
    assert_ne!(m0, m1);
    let out = env.json(["rewrap-file", s(&enc)]);
    assert_eq!(out["Files"][0]["File"], s(&enc), "{out}");

    let after = read(&enc);
    let info1 = inspect(&env, &enc);
    assert_eq!(key_ids(&info1), vec![key.clone()]);
    assert_eq!(
        info1["EncryptedDataKeys"][0]["KeyMaterialId"],
        m1.as_str(),
        "rewrap-file wraps under the newest material: {info1}"
    );
    assert_eq!(info1["PlaintextLength"], info0["PlaintextLength"]);
    assert!(
        after[header_len(&info1)..] == before[header_len(&info0)..],
        "the body changed: rewrap-file must not re-encrypt it"
    );
    assert_ne!(before, after, "the header changed");
    assert_eq!(
        crate::env::mode(&enc),
        0o640,
        "rewrap-file keeps the file's mode"
    );
    assert!(stray_temps(env.dir.path()).is_empty());
    let back = env.path("back.bin");
    decrypt_to(&env, &enc, &back, &[]).success();
    assert!(read(&back) == pt);
}

#[test]
fn rewrap_to_another_key_leaves_only_that_key_able_to_decrypt() {
    let (env, a) = setup();
    let b = env.create_key();
    let pt = data(2 * CHUNK + 3, 15);
    let input = write(&env, "p.bin", &pt);
    let enc = env.path("p.bin.lkms");
    env.ok([
        "encrypt-file",
        "--key-id",
        &a,
        "--encryption-context",
        "app=web",
        s(&input),
    ]);
    let before = read(&enc);
    let info0 = inspect(&env, &enc);
    env.ok(["rewrap-file", "--destination-key-id", &b, s(&enc)]);
    let after = read(&enc);
    let info1 = inspect(&env, &enc);
    assert_eq!(
        key_ids(&info1),
        vec![b.clone()],
        "only B is listed: {info1}"
    );
    assert_eq!(info1["EncryptionContext"], json!({"app": "web"}));
    assert!(
        after[header_len(&info1)..] == before[header_len(&info0)..],
        "the body changed"
    );
    let back = env.path("back.bin");
    // A can no longer decrypt (restricted to A, or with B disabled).
    decrypt_to(&env, &enc, &back, &["--key-id", &a]).failure(EXIT_KMS, "NotFoundException");
    assert_no_output(&back);
    env.ok(["disable-key", "--key-id", &b]);
    let out = decrypt_to(&env, &enc, &back, &[]);
    assert_eq!(out.code, EXIT_KMS, "{out:?}");
    assert_no_output(&back);
    // B (with A disabled) does.
    env.ok(["enable-key", "--key-id", &b]);
    env.ok(["disable-key", "--key-id", &a]);
    decrypt_to(&env, &enc, &back, &["--encryption-context", "app=web"]).success();
    assert!(read(&back) == pt);
    // The old file, kept aside, still names A only: the rewrap made a new header.
    let old = write(&env, "old.lkms", &before);
    assert_eq!(key_ids(&inspect(&env, &old)), vec![a.clone()]);
}

// ---------------------------------------------------------------------------
// Folders and several inputs
// ---------------------------------------------------------------------------

#[test]
fn a_folder_tree_round_trips_with_r_and_output_dir() {
    let (env, key) = setup();
    let tree: Vec<(&str, Vec<u8>)> = vec![
        ("a.txt", b"alpha\n".to_vec()),
        ("empty", Vec::new()),
        ("sub/b.bin", data(CHUNK + 17, 16)),
        ("sub/deeper/c.dat", data(300, 17)),
        ("sub/deeper/d", data(2 * CHUNK, 18)),
    ];
    for (name, bytes) in &tree {
        write(&env, &format!("src/{name}"), bytes);
    }
    let src = env.path("src");
    let enc = env.path("enc");
    let dec = env.path("dec");
    // A folder without -r is refused.
    run_json(&env, &["encrypt-file", "--key-id", &key, s(&src)])
        .failure(EXIT_INVALID_VALUE, "ValidationException");

    let out = env.json([
        "encrypt-file",
        "--key-id",
        &key,
        "-r",
        s(&src),
        "--output-dir",
        s(&enc),
    ]);
    let files = out["Files"].as_array().unwrap_or_else(|| panic!("{out}"));
    assert_eq!(files.len(), tree.len(), "{out}");
    for (name, bytes) in &tree {
        let e = enc.join(format!("{name}.lkms"));
        let ct = read(&e);
        assert_eq!(&ct[..8], &MAGIC, "{name}");
        assert_eq!(inspect(&env, &e)["PlaintextLength"], bytes.len(), "{name}");
        assert!(
            !enc.join(name).exists(),
            "plaintext name {name} under {}",
            enc.display()
        );
    }
    let out = env.json(["decrypt-file", "-r", s(&enc), "--output-dir", s(&dec)]);
    assert_eq!(
        out["Files"].as_array().map(Vec::len),
        Some(tree.len()),
        "{out}"
    );
    for (name, bytes) in &tree {
        assert!(read(&dec.join(name)) == *bytes, "{name} did not round trip");
    }
    let count = |d: &Path| walk(d).len();
    assert_eq!(
        count(&dec),
        tree.len(),
        "only the files of the tree: {:?}",
        walk(&dec)
    );
    assert_eq!(count(&enc), tree.len(), "{:?}", walk(&enc));
}

fn walk(d: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    for e in std::fs::read_dir(d).unwrap() {
        let p = e.unwrap().path();
        if p.is_dir() {
            out.extend(walk(&p));
        } else {
            out.push(p);
        }
    }
    out
}

#[test]
fn several_inputs_go_to_the_output_dir_and_refuse_a_single_output() {
    let (env, key) = setup();
    let a = write(&env, "a.bin", &data(10, 19));
    let b = write(&env, "b.bin", &data(CHUNK + 1, 20));
    let out_dir = env.path("out");
    run_json(
        &env,
        &[
            "encrypt-file",
            "--key-id",
            &key,
            s(&a),
            s(&b),
            "-o",
            s(&env.path("x")),
        ],
    )
    .failure(EXIT_INVALID_VALUE, "ValidationException");
    env.ok([
        "encrypt-file",
        "--key-id",
        &key,
        s(&a),
        s(&b),
        "--output-dir",
        s(&out_dir),
    ]);
    let ea = out_dir.join("a.bin.lkms");
    let eb = out_dir.join("b.bin.lkms");
    env.ok([
        "decrypt-file",
        s(&ea),
        s(&eb),
        "--output-dir",
        s(&env.path("back")),
    ]);
    assert!(read(&env.path("back/a.bin")) == read(&a));
    assert!(read(&env.path("back/b.bin")) == read(&b));
    // Another suffix, and decrypting a name without it is refused.
    env.ok(["encrypt-file", "--key-id", &key, "--suffix", ".enc", s(&a)]);
    let e = env.path("a.bin.enc");
    run_json(&env, &["decrypt-file", s(&e)]).failure(EXIT_INVALID_VALUE, "ValidationException");
    std::fs::remove_file(&a).unwrap();
    env.ok(["decrypt-file", "--suffix", ".enc", s(&e)]);
    assert!(read(&a) == data(10, 19));
}

// ---------------------------------------------------------------------------
// inspect-file
// ---------------------------------------------------------------------------

#[test]
fn inspect_file_needs_no_credentials_and_shows_the_header() {
    let (env, a) = setup();
    let b = env.create_key();
    let len = 2 * CHUNK + 500;
    let input = write(&env, "p.bin", &data(len, 21));
    let enc = env.path("p.bin.lkms");
    env.ok([
        "encrypt-file",
        "--key-id",
        &a,
        "--key-id",
        &b,
        "--encryption-context",
        "app=web,team=blue",
        s(&input),
    ]);
    let ma = current_material(&env, &a);
    let mb = current_material(&env, &b);
    let file_len = read(&enc).len();
    // No keyring, no credential at all.
    let mut cmd = env.raw_cmd();
    cmd.args(["--output", "json", "inspect-file", s(&enc)]);
    let out = crate::env::run_cmd(cmd).success();
    let info = out.json();
    // With the keyring named but no credential: the same.
    let out2 = env
        .run_as(&Cred::None, ["--output", "json", "inspect-file", s(&enc)])
        .success();
    assert_eq!(out2.json(), info);
    assert_eq!(info["FormatVersion"], 1, "{info}");
    assert!(info["Suite"].is_string(), "{info}");
    assert_eq!(info["ChunkSize"], CHUNK, "{info}");
    assert_eq!(
        info["EncryptionContext"],
        json!({"app": "web", "team": "blue"})
    );
    assert_eq!(info["PlaintextLength"], len, "{info}");
    let hl = header_len(&info);
    assert_eq!(
        file_len,
        hl + len + 3 * TAG,
        "HeaderLength is the header's: {info}"
    );
    let keys = info["EncryptedDataKeys"].as_array().unwrap();
    assert_eq!(keys.len(), 2, "{info}");
    for (k, (id, m)) in keys.iter().zip([(&a, &ma), (&b, &mb)]) {
        assert_eq!(k["KeyId"], id.as_str(), "{info}");
        assert_eq!(k["KeyMaterialId"], m.as_str(), "{info}");
        let w = k["WrappedKeyLength"].as_u64().unwrap_or(0);
        assert!(
            w > 32,
            "a wrapped 32-byte key is longer than 32 bytes: {info}"
        );
    }
    // From stdin the size is unknown: no PlaintextLength.
    let piped_out = piped(
        env.raw_cmd(),
        &["--output", "json", "inspect-file", "-"],
        &read(&enc),
    );
    assert_eq!(piped_out.code, 0, "{piped_out:?}");
    let from_stdin: Value = serde_json::from_slice(&piped_out.stdout).unwrap();
    assert_eq!(from_stdin["HeaderLength"], info["HeaderLength"]);
    assert!(
        from_stdin.get("PlaintextLength").is_none_or(Value::is_null),
        "{from_stdin}"
    );
    // A body too short to be one chunk: no PlaintextLength either.
    let stub = write(&env, "stub.lkms", &read(&enc)[..hl + 10]);
    let info = inspect(&env, &stub);
    assert!(
        info.get("PlaintextLength").is_none_or(Value::is_null),
        "{info}"
    );
}

// ---------------------------------------------------------------------------
// Policies
// ---------------------------------------------------------------------------

/// A keyring with principals `admin` and `ci`, each an age identity.
fn team() -> (TestEnv, Cred, Cred) {
    let mut env = TestEnv::new();
    let admin_id = env.path("admin.id");
    let init = env.json_as(
        &Cred::None,
        [
            "init",
            "--principal",
            "admin",
            "--generate-identity",
            s(&admin_id),
        ],
    );
    env.remember_keyring(&init);
    let admin = Cred::Identity(admin_id);
    env.cred = admin.clone();
    let ci_id = env.path("ci.id");
    env.ok([
        "slot",
        "add",
        "--principal",
        "ci",
        "--generate-identity",
        s(&ci_id),
    ]);
    (env, admin, Cred::Identity(ci_id))
}

/// A key whose policy gives admin everything and ci everything but `denied`.
fn key_denying(env: &TestEnv, denied: &str) -> (String, String) {
    let policy = json!({"Version": "2012-10-17", "Statement": [
        {"Sid": "Admin", "Effect": "Allow", "Principal": {"Lkms": "admin"},
         "Action": "kms:*", "Resource": "*"},
        {"Sid": "Ci", "Effect": "Allow", "Principal": {"Lkms": "ci"},
         "Action": "kms:*", "Resource": "*"},
        {"Sid": "CiNot", "Effect": "Deny", "Principal": {"Lkms": "ci"},
         "Action": denied, "Resource": "*"}
    ]})
    .to_string();
    let md = env.create_key_with(["--policy", &policy]);
    (str_field(&md, "KeyId"), str_field(&md, "Arn"))
}

#[track_caller]
fn assert_denied(out: Out, action: &str, arn: &str) {
    let out = out.failure(EXIT_KMS, "AccessDeniedException");
    let needle = format!("ci is not authorized to perform {action} on {arn}");
    assert!(out.stderr.contains(&needle), "expected {needle:?}: {out:?}");
}

#[test]
fn key_policies_apply_to_encrypt_file_decrypt_file_and_rewrap_file() {
    let (env, admin, ci) = team();
    let pt = data(CHUNK + 10, 22);
    let input = write(&env, "p.bin", &pt);

    // ci may not GenerateDataKey: no encrypt-file, and no output.
    let (k1, arn1) = key_denying(&env, "kms:GenerateDataKey");
    let enc = env.path("p.bin.lkms");
    let out = env.run_as(&ci, ["encrypt-file", "--key-id", &k1, s(&input)]);
    assert_denied(out, "kms:GenerateDataKey", &arn1);
    assert_no_output(&enc);
    // ...but may decrypt what admin encrypted.
    env.run_as(&admin, ["encrypt-file", "--key-id", &k1, s(&input)])
        .success();
    let back = env.path("back.bin");
    env.run_as(&ci, ["decrypt-file", s(&enc), "-o", s(&back)])
        .success();
    assert!(read(&back) == pt);
    std::fs::remove_file(&back).unwrap();
    std::fs::remove_file(&enc).unwrap();

    // ci may not Decrypt: encrypt-file works, decrypt-file does not.
    let (k2, arn2) = key_denying(&env, "kms:Decrypt");
    env.run_as(&ci, ["encrypt-file", "--key-id", &k2, s(&input)])
        .success();
    let out = env.run_as(&ci, ["decrypt-file", s(&enc), "-o", s(&back)]);
    assert_denied(out, "kms:Decrypt", &arn2);
    assert_no_output(&back);
    env.run_as(&admin, ["decrypt-file", s(&enc), "-o", s(&back)])
        .success();
    assert!(read(&back) == pt);
    std::fs::remove_file(&back).unwrap();

    // ci may not ReEncrypt*: rewrap-file fails and the file is untouched.
    let (k3, arn3) = key_denying(&env, "kms:ReEncrypt*");
    let enc3 = env.path("three.lkms");
    env.run_as(
        &ci,
        ["encrypt-file", "--key-id", &k3, s(&input), "-o", s(&enc3)],
    )
    .success();
    let before = read(&enc3);
    let out = env.run_as(&ci, ["rewrap-file", s(&enc3)]);
    assert_denied(out, "kms:ReEncryptFrom", &arn3);
    assert_eq!(read(&enc3), before, "a refused rewrap changed the file");
    assert!(stray_temps(env.dir.path()).is_empty());
    env.run_as(&admin, ["rewrap-file", s(&enc3)]).success();
    env.run_as(&ci, ["decrypt-file", s(&enc3), "-o", s(&back)])
        .success();
    assert!(read(&back) == pt);
}
