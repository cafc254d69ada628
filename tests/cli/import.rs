//! Importing key material (issue 6): `create-key --origin EXTERNAL`,
//! `get-parameters-for-import`, `import-key-material`,
//! `delete-imported-key-material`, expiry and manual rotation, driven with the
//! real `openssl` binary as the AWS documentation shows.

use std::ffi::OsStr;
use std::path::{Path, PathBuf};

use serde_json::Value;
use time::format_description::well_known::Rfc3339;
use time::{Duration, OffsetDateTime};

use crate::env::{
    EXIT_INVALID_VALUE, EXIT_KMS, Out, TestEnv, b64, env_with_keyring, openssl, parse_time,
    str_field, unb64,
};

// ---------------------------------------------------------------------------
// Helpers
// ---------------------------------------------------------------------------

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

fn fileb(p: &Path) -> String {
    format!("fileb://{}", p.display())
}

/// Writes raw bytes into the test's temporary directory.
fn put(env: &TestEnv, name: &str, bytes: &[u8]) -> PathBuf {
    let p = env.path(name);
    std::fs::write(&p, bytes).expect("write file");
    p
}

fn read(p: &Path) -> Vec<u8> {
    std::fs::read(p).unwrap_or_else(|e| panic!("read {p:?}: {e}"))
}

/// `openssl rand -out NAME N`.
fn openssl_rand(env: &TestEnv, name: &str, n: usize) -> PathBuf {
    let p = env.path(name);
    openssl(
        env,
        [
            OsStr::new("rand"),
            OsStr::new("-out"),
            p.as_os_str(),
            OsStr::new(&n.to_string()),
        ],
    );
    p
}

/// The files and values of one `get-parameters-for-import`.
struct Params {
    /// `<tag>-WrappingPublicKey.der`
    public_key: PathBuf,
    /// `<tag>-token.bin`
    token: PathBuf,
    json: Value,
}

fn save_params(env: &TestEnv, tag: &str, v: Value) -> Params {
    let public_key = put(
        env,
        &format!("{tag}-WrappingPublicKey.der"),
        &unb64(&str_field(&v, "PublicKey")),
    );
    let token = put(
        env,
        &format!("{tag}-token.bin"),
        &unb64(&str_field(&v, "ImportToken")),
    );
    Params {
        public_key,
        token,
        json: v,
    }
}

/// `get-parameters-for-import`, saving the public key and token as files.
#[track_caller]
fn get_params(env: &TestEnv, key: &str, alg: &str, spec: &str, tag: &str) -> Params {
    let v = env.json([
        "get-parameters-for-import",
        "--key-id",
        key,
        "--wrapping-algorithm",
        alg,
        "--wrapping-key-spec",
        spec,
    ]);
    save_params(env, tag, v)
}

/// As `get_params`, under `faketime -f <offset>`.
#[track_caller]
fn get_params_at(
    env: &TestEnv,
    offset: &str,
    key: &str,
    alg: &str,
    spec: &str,
    tag: &str,
) -> Params {
    let v = env
        .faketime(
            offset,
            [
                "get-parameters-for-import",
                "--key-id",
                key,
                "--wrapping-algorithm",
                alg,
                "--wrapping-key-spec",
                spec,
            ],
        )
        .success()
        .json();
    save_params(env, tag, v)
}

/// `openssl pkeyutl -encrypt ... rsa_padding_mode:oaep` with `md` (sha1 or sha256)
/// for both the OAEP digest and MGF1, as the AWS documentation shows.
fn oaep_wrap(env: &TestEnv, public_key: &Path, input: &Path, out: &str, md: &str) -> PathBuf {
    let out = env.path(out);
    let oaep_md = format!("rsa_oaep_md:{md}");
    let mgf1_md = format!("rsa_mgf1_md:{md}");
    openssl(
        env,
        [
            OsStr::new("pkeyutl"),
            OsStr::new("-encrypt"),
            OsStr::new("-in"),
            input.as_os_str(),
            OsStr::new("-out"),
            out.as_os_str(),
            OsStr::new("-inkey"),
            public_key.as_os_str(),
            OsStr::new("-keyform"),
            OsStr::new("DER"),
            OsStr::new("-pubin"),
            OsStr::new("-pkeyopt"),
            OsStr::new("rsa_padding_mode:oaep"),
            OsStr::new("-pkeyopt"),
            OsStr::new(&oaep_md),
            OsStr::new("-pkeyopt"),
            OsStr::new(&mgf1_md),
        ],
    );
    out
}

/// RSA_AES_KEY_WRAP_SHA_*: a fresh AES-256 key wraps the material with
/// `openssl enc -id-aes256-wrap-pad -iv A65959A6`, the AES key is RSA-OAEP
/// wrapped, and the two are concatenated (RSA part first).
fn kwp_wrap(env: &TestEnv, public_key: &Path, input: &Path, out: &str, md: &str) -> PathBuf {
    let aes = openssl_rand(env, &format!("{out}.aes.bin"), 32);
    let material_wrapped = env.path(&format!("{out}.material.wrapped"));
    let aes_hex = hex(&read(&aes));
    openssl(
        env,
        [
            OsStr::new("enc"),
            OsStr::new("-id-aes256-wrap-pad"),
            OsStr::new("-iv"),
            OsStr::new("A65959A6"),
            OsStr::new("-K"),
            OsStr::new(&aes_hex),
            OsStr::new("-in"),
            input.as_os_str(),
            OsStr::new("-out"),
            material_wrapped.as_os_str(),
        ],
    );
    let aes_wrapped = oaep_wrap(env, public_key, &aes, &format!("{out}.aes.wrapped"), md);
    let mut all = read(&aes_wrapped);
    all.extend(read(&material_wrapped));
    put(env, out, &all)
}

/// Wraps `material` for the parameters' algorithm.
fn wrap(env: &TestEnv, alg: &str, params: &Params, material: &Path, out: &str) -> PathBuf {
    match alg {
        "RSAES_OAEP_SHA_1" => oaep_wrap(env, &params.public_key, material, out, "sha1"),
        "RSAES_OAEP_SHA_256" => oaep_wrap(env, &params.public_key, material, out, "sha256"),
        "RSA_AES_KEY_WRAP_SHA_1" => kwp_wrap(env, &params.public_key, material, out, "sha1"),
        "RSA_AES_KEY_WRAP_SHA_256" => kwp_wrap(env, &params.public_key, material, out, "sha256"),
        other => panic!("unknown wrapping algorithm {other}"),
    }
}

/// `import-key-material` arguments.
fn import_args(key: &str, wrapped: &Path, token: &Path, extra: &[&str]) -> Vec<String> {
    let mut args = vec![
        "import-key-material".to_owned(),
        "--key-id".to_owned(),
        key.to_owned(),
        "--encrypted-key-material".to_owned(),
        fileb(wrapped),
        "--import-token".to_owned(),
        fileb(token),
    ];
    args.extend(extra.iter().map(|s| (*s).to_owned()));
    args
}

/// `import-key-material`, expecting success; returns the response.
#[track_caller]
fn import_ok(env: &TestEnv, key: &str, wrapped: &Path, token: &Path, extra: &[&str]) -> Value {
    env.json(import_args(key, wrapped, token, extra))
}

/// `import-key-material`, as run (for failures).
fn import_run(env: &TestEnv, key: &str, wrapped: &Path, token: &Path, extra: &[&str]) -> Out {
    env.run(import_args(key, wrapped, token, extra))
}

/// Fresh parameters, wrap `material`, import it; returns KeyMaterialId.
#[track_caller]
fn import_material(env: &TestEnv, key: &str, material: &Path, tag: &str, extra: &[&str]) -> String {
    let p = get_params(env, key, "RSAES_OAEP_SHA_256", "RSA_2048", tag);
    let wrapped = wrap(
        env,
        "RSAES_OAEP_SHA_256",
        &p,
        material,
        &format!("{tag}-wrapped.bin"),
    );
    let v = import_ok(env, key, &wrapped, &p.token, extra);
    str_field(&v, "KeyMaterialId")
}

/// As `import_material`, with get-parameters-for-import and import-key-material
/// both under `faketime -f <offset>`.
#[track_caller]
fn import_material_at(
    env: &TestEnv,
    offset: &str,
    key: &str,
    material: &Path,
    tag: &str,
) -> String {
    let p = get_params_at(env, offset, key, "RSAES_OAEP_SHA_256", "RSA_2048", tag);
    let wrapped = wrap(
        env,
        "RSAES_OAEP_SHA_256",
        &p,
        material,
        &format!("{tag}-wrapped.bin"),
    );
    let v = env
        .faketime(offset, import_args(key, &wrapped, &p.token, &[]))
        .success()
        .json();
    str_field(&v, "KeyMaterialId")
}

/// An EXTERNAL key with the given create-key arguments; returns its KeyId.
#[track_caller]
fn external_key(env: &TestEnv, extra: &[&str]) -> String {
    let mut args = vec!["--origin", "EXTERNAL"];
    args.extend_from_slice(extra);
    let md = env.create_key_with(args);
    str_field(&md, "KeyId")
}

/// `encrypt`, returns the base64 CiphertextBlob.
#[track_caller]
fn encrypt(env: &TestEnv, key: &str, plaintext: &[u8]) -> String {
    let v = env.json(["encrypt", "--key-id", key, "--plaintext", &b64(plaintext)]);
    str_field(&v, "CiphertextBlob")
}

/// `decrypt`, asserting the plaintext.
#[track_caller]
fn assert_decrypts(env: &TestEnv, ciphertext: &str, plaintext: &[u8]) {
    let v = env.json(["decrypt", "--ciphertext-blob", ciphertext]);
    assert_eq!(
        unb64(&str_field(&v, "Plaintext")),
        plaintext,
        "decrypt returned other plaintext: {v}"
    );
}

/// As `assert_decrypts`, under `faketime -f <offset>`.
#[track_caller]
fn assert_decrypts_at(env: &TestEnv, offset: &str, ciphertext: &str, plaintext: &[u8]) {
    let v = env
        .faketime(offset, ["decrypt", "--ciphertext-blob", ciphertext])
        .success()
        .json();
    assert_eq!(
        unb64(&str_field(&v, "Plaintext")),
        plaintext,
        "decrypt returned other plaintext: {v}"
    );
}

/// The KeyMaterialId a symmetric ciphertext names (blob bytes 21..53).
#[track_caller]
fn material_of(ciphertext: &str) -> String {
    let blob = unb64(ciphertext);
    assert!(blob.len() > 53, "ciphertext blob too short: {}", blob.len());
    hex(&blob[21..53])
}

fn key_state(env: &TestEnv, key: &str) -> String {
    str_field(&env.describe(key), "KeyState")
}

/// Asserts a failure with exit 254 and the keyring file unchanged.
#[track_caller]
fn assert_refused_unchanged(
    env: &TestEnv,
    before: &crate::env::Records,
    out: Out,
    exception: &str,
) {
    out.failure(EXIT_KMS, exception);
    assert!(
        env.records() == *before,
        "a refused command changed the keyring file ({exception})"
    );
}

/// A timestamp `days` from now, whole seconds, RFC 3339 with `Z`.
fn days_ahead(days: i64) -> (OffsetDateTime, String) {
    let t = (OffsetDateTime::now_utc() + Duration::days(days))
        .replace_nanosecond(0)
        .expect("zero nanoseconds");
    let s = t.format(&Rfc3339).expect("format RFC 3339");
    (t, s)
}

// ---------------------------------------------------------------------------
// The AWS documentation's flows with the real openssl
// ---------------------------------------------------------------------------

/// create key, get parameters, `openssl rand 32`, wrap with openssl, import,
/// encrypt, decrypt.
fn aws_documentation_flow(alg: &str, spec: &str) {
    let env = env_with_keyring();
    let key = external_key(&env, &[]);
    let p = get_params(&env, &key, alg, spec, "doc");
    let material = openssl_rand(&env, "material.bin", 32);
    let wrapped = wrap(&env, alg, &p, &material, "wrapped.bin");

    let v = import_ok(&env, &key, &wrapped, &p.token, &[]);
    assert!(
        str_field(&v, "KeyId").ends_with(&key),
        "import-key-material KeyId does not name the key: {v}"
    );
    let material_id = str_field(&v, "KeyMaterialId");
    assert!(!material_id.is_empty(), "empty KeyMaterialId: {v}");

    let md = env.describe(&key);
    assert_eq!(md["KeyState"], "Enabled", "{md}");
    assert_eq!(md["Enabled"], true, "{md}");
    assert_eq!(md["Origin"], "EXTERNAL", "{md}");

    let plaintext = b"imported with the AWS documentation's openssl commands";
    let ct = encrypt(&env, &key, plaintext);
    assert_eq!(
        material_of(&ct),
        material_id,
        "ciphertext names other material"
    );
    assert_decrypts(&env, &ct, plaintext);
}

#[test]
fn aws_flow_rsaes_oaep_sha_256_with_openssl() {
    aws_documentation_flow("RSAES_OAEP_SHA_256", "RSA_2048");
}

#[test]
fn aws_flow_rsaes_oaep_sha_1_with_openssl() {
    aws_documentation_flow("RSAES_OAEP_SHA_1", "RSA_2048");
}

#[test]
fn aws_flow_rsa_aes_key_wrap_sha_256_with_openssl() {
    aws_documentation_flow("RSA_AES_KEY_WRAP_SHA_256", "RSA_2048");
}

#[test]
fn aws_flow_rsa_aes_key_wrap_sha_256_with_a_4096_bit_wrapping_key() {
    aws_documentation_flow("RSA_AES_KEY_WRAP_SHA_256", "RSA_4096");
}

#[test]
fn aws_flow_rsa_aes_key_wrap_sha_1_with_a_3072_bit_wrapping_key() {
    aws_documentation_flow("RSA_AES_KEY_WRAP_SHA_1", "RSA_3072");
}

#[test]
fn aws_flow_rsaes_oaep_sha_256_with_a_3072_bit_wrapping_key() {
    aws_documentation_flow("RSAES_OAEP_SHA_256", "RSA_3072");
}

/// `openssl genpkey ... | openssl pkcs8 -topk8 -nocrypt -outform DER`.
fn openssl_pkcs8(env: &TestEnv, genpkey_args: &[&str], name: &str) -> PathBuf {
    let pem = env.path(&format!("{name}.pem"));
    let mut args = vec!["genpkey"];
    args.extend_from_slice(genpkey_args);
    args.extend(["-out", pem.to_str().expect("UTF-8 path")]);
    openssl(env, &args);
    let der = env.path(&format!("{name}.der"));
    openssl(
        env,
        [
            OsStr::new("pkcs8"),
            OsStr::new("-topk8"),
            OsStr::new("-nocrypt"),
            OsStr::new("-in"),
            pem.as_os_str(),
            OsStr::new("-outform"),
            OsStr::new("DER"),
            OsStr::new("-out"),
            der.as_os_str(),
        ],
    );
    der
}

/// Imports an openssl-made private key into an EXTERNAL asymmetric key,
/// signs with lkms and verifies with `openssl dgst -sha256 -verify`.
fn imported_private_key_signs(key_spec: &str, genpkey_args: &[&str], signing_algorithm: &str) {
    let env = env_with_keyring();
    let key = external_key(
        &env,
        &["--key-spec", key_spec, "--key-usage", "SIGN_VERIFY"],
    );
    let md = env.describe(&key);
    assert_eq!(md["KeyState"], "PendingImport", "{md}");
    assert_eq!(md["Origin"], "EXTERNAL", "{md}");

    let private = openssl_pkcs8(&env, genpkey_args, "private");
    let public_der = openssl(
        &env,
        [
            OsStr::new("pkey"),
            OsStr::new("-in"),
            private.as_os_str(),
            OsStr::new("-inform"),
            OsStr::new("DER"),
            OsStr::new("-pubout"),
            OsStr::new("-outform"),
            OsStr::new("DER"),
        ],
    );
    let public_pem = env.path("public.pem");
    openssl(
        &env,
        [
            OsStr::new("pkey"),
            OsStr::new("-in"),
            private.as_os_str(),
            OsStr::new("-inform"),
            OsStr::new("DER"),
            OsStr::new("-pubout"),
            OsStr::new("-out"),
            public_pem.as_os_str(),
        ],
    );

    // A PKCS#8 key does not fit in one RSA-OAEP block: RSA_AES_KEY_WRAP.
    let alg = "RSA_AES_KEY_WRAP_SHA_256";
    let p = get_params(&env, &key, alg, "RSA_2048", "asym");
    let wrapped = wrap(&env, alg, &p, &private, "private.wrapped");
    import_ok(&env, &key, &wrapped, &p.token, &[]);
    assert_eq!(key_state(&env, &key), "Enabled");

    let pk = env.json(["get-public-key", "--key-id", &key]);
    assert_eq!(
        unb64(&str_field(&pk, "PublicKey")),
        public_der,
        "get-public-key is not the public half of the imported private key"
    );

    let msg = put(&env, "msg.txt", b"signed by imported key material\n");
    let v = env.json([
        "sign",
        "--key-id",
        &key,
        "--message",
        &fileb(&msg),
        "--signing-algorithm",
        signing_algorithm,
    ]);
    let sig = put(&env, "sig.bin", &unb64(&str_field(&v, "Signature")));
    let verified = openssl(
        &env,
        [
            OsStr::new("dgst"),
            OsStr::new("-sha256"),
            OsStr::new("-verify"),
            public_pem.as_os_str(),
            OsStr::new("-signature"),
            sig.as_os_str(),
            msg.as_os_str(),
        ],
    );
    assert!(
        String::from_utf8_lossy(&verified).contains("Verified OK"),
        "openssl did not verify: {}",
        String::from_utf8_lossy(&verified)
    );
}

#[test]
fn imported_rsa_2048_private_key_signs_and_openssl_verifies() {
    imported_private_key_signs(
        "RSA_2048",
        &["-algorithm", "RSA", "-pkeyopt", "rsa_keygen_bits:2048"],
        "RSASSA_PKCS1_V1_5_SHA_256",
    );
}

#[test]
fn imported_ecc_nist_p256_private_key_signs_and_openssl_verifies() {
    imported_private_key_signs(
        "ECC_NIST_P256",
        &["-algorithm", "EC", "-pkeyopt", "ec_paramgen_curve:P-256"],
        "ECDSA_SHA_256",
    );
}

#[test]
fn imported_hmac_material_matches_openssl_mac() {
    let env = env_with_keyring();
    let key = external_key(&env, &["--key-spec", "HMAC_256"]);
    let md = env.describe(&key);
    assert_eq!(md["KeyState"], "PendingImport", "{md}");

    let known: Vec<u8> = (0u8..32)
        .map(|i| i.wrapping_mul(7).wrapping_add(3))
        .collect();
    let material = put(&env, "hmac.bin", &known);
    import_material(&env, &key, &material, "hmac", &[]);
    assert_eq!(key_state(&env, &key), "Enabled");

    let msg = put(&env, "msg", b"the message both sides MAC\n");
    let v = env.json([
        "generate-mac",
        "--key-id",
        &key,
        "--mac-algorithm",
        "HMAC_SHA_256",
        "--message",
        &fileb(&msg),
    ]);
    let lkms_mac = hex(&unb64(&str_field(&v, "Mac")));

    let hexkey = format!("hexkey:{}", hex(&known));
    let out = openssl(
        &env,
        [
            OsStr::new("mac"),
            OsStr::new("-digest"),
            OsStr::new("SHA256"),
            OsStr::new("-macopt"),
            OsStr::new(&hexkey),
            OsStr::new("-in"),
            msg.as_os_str(),
            OsStr::new("HMAC"),
        ],
    );
    let openssl_mac = String::from_utf8(out).expect("UTF-8").trim().to_owned();
    assert_eq!(
        openssl_mac.len(),
        64,
        "unexpected openssl mac output {openssl_mac:?}"
    );
    assert!(
        lkms_mac.eq_ignore_ascii_case(&openssl_mac),
        "lkms MAC {lkms_mac} != openssl MAC {openssl_mac}"
    );
}

#[test]
fn import_token_is_refused_25_hours_later() {
    let env = env_with_keyring();
    let key = external_key(&env, &[]);
    let p = get_params(&env, &key, "RSAES_OAEP_SHA_256", "RSA_2048", "t");
    let material = openssl_rand(&env, "material.bin", 32);
    let wrapped = wrap(&env, "RSAES_OAEP_SHA_256", &p, &material, "wrapped.bin");

    let before = env.records();
    let out = env.faketime("+25h", import_args(&key, &wrapped, &p.token, &[]));
    assert_refused_unchanged(&env, &before, out, "ExpiredImportTokenException");
    assert_eq!(key_state(&env, &key), "PendingImport");

    // Only the time was wrong: the same token works now.
    import_ok(&env, &key, &wrapped, &p.token, &[]);
    assert_eq!(key_state(&env, &key), "Enabled");
}

// ---------------------------------------------------------------------------
// Parameters, tokens, refusals
// ---------------------------------------------------------------------------

#[test]
fn external_key_waits_in_pending_import_with_no_material() {
    let env = env_with_keyring();
    let md = env.create_key_with(["--origin", "EXTERNAL"]);
    assert_eq!(md["KeyState"], "PendingImport", "{md}");
    assert_eq!(md["Enabled"], false, "{md}");
    assert_eq!(md["Origin"], "EXTERNAL", "{md}");
    let key = str_field(&md, "KeyId");
    let md = env.describe(&key);
    assert_eq!(md["KeyState"], "PendingImport", "{md}");
    assert_eq!(md["Origin"], "EXTERNAL", "{md}");

    env.run(["encrypt", "--key-id", &key, "--plaintext", &b64(b"x")])
        .failure(EXIT_KMS, "KMSInvalidStateException");

    // The parameters: a DER RSA public key of the size asked, a token, 24 hours.
    let before = OffsetDateTime::now_utc();
    let p = get_params(&env, &key, "RSAES_OAEP_SHA_256", "RSA_3072", "p");
    assert!(
        str_field(&p.json, "KeyId").ends_with(&key),
        "KeyId does not name the key: {}",
        p.json
    );
    let text = openssl(
        &env,
        [
            OsStr::new("pkey"),
            OsStr::new("-pubin"),
            OsStr::new("-inform"),
            OsStr::new("DER"),
            OsStr::new("-in"),
            p.public_key.as_os_str(),
            OsStr::new("-text_pub"),
            OsStr::new("-noout"),
        ],
    );
    let text = String::from_utf8_lossy(&text);
    assert!(text.contains("3072 bit"), "not a 3072-bit RSA key: {text}");
    assert!(!read(&p.token).is_empty(), "empty ImportToken");
    let valid_to = parse_time(&str_field(&p.json, "ParametersValidTo"));
    let expected = before + Duration::hours(24);
    assert!(
        valid_to >= expected - Duration::hours(1) && valid_to <= expected + Duration::hours(1),
        "ParametersValidTo {valid_to} is not 24 hours after {before}"
    );
}

#[test]
fn get_parameters_for_import_refuses_a_key_with_service_material() {
    let env = env_with_keyring();
    let key = env.create_key();
    let before = env.records();
    let out = env.run([
        "get-parameters-for-import",
        "--key-id",
        &key,
        "--wrapping-algorithm",
        "RSAES_OAEP_SHA_256",
        "--wrapping-key-spec",
        "RSA_2048",
    ]);
    assert_refused_unchanged(&env, &before, out, "UnsupportedOperationException");
    let out = env.run(["delete-imported-key-material", "--key-id", &key]);
    assert_refused_unchanged(&env, &before, out, "UnsupportedOperationException");
    let md = env.describe(&key);
    assert_eq!(md["KeyState"], "Enabled", "{md}");
}

#[test]
fn import_token_is_bound_to_its_key_and_cannot_be_altered() {
    let env = env_with_keyring();
    let key = external_key(&env, &[]);
    let other = external_key(&env, &[]);
    let p = get_params(&env, &key, "RSAES_OAEP_SHA_256", "RSA_2048", "t");
    let material = openssl_rand(&env, "material.bin", 32);
    let wrapped = wrap(&env, "RSAES_OAEP_SHA_256", &p, &material, "wrapped.bin");
    let before = env.records();

    let out = import_run(&env, &other, &wrapped, &p.token, &[]);
    assert_refused_unchanged(&env, &before, out, "InvalidImportTokenException");

    let token = read(&p.token);
    for i in [0, token.len() / 2, token.len() - 1] {
        let mut altered = token.clone();
        altered[i] ^= 0x01;
        let altered = put(&env, &format!("altered-{i}.bin"), &altered);
        let out = import_run(&env, &key, &wrapped, &altered, &[]);
        assert_refused_unchanged(&env, &before, out, "InvalidImportTokenException");
    }
    let short = put(&env, "short.bin", &token[..token.len() - 1]);
    let out = import_run(&env, &key, &wrapped, &short, &[]);
    assert_refused_unchanged(&env, &before, out, "InvalidImportTokenException");

    assert_eq!(key_state(&env, &other), "PendingImport");
    import_ok(&env, &key, &wrapped, &p.token, &[]);
    assert_eq!(key_state(&env, &key), "Enabled");
}

#[test]
fn inconsistent_expiry_arguments_are_refused_without_using_the_token() {
    let env = env_with_keyring();
    let key = external_key(&env, &[]);
    let p = get_params(&env, &key, "RSAES_OAEP_SHA_256", "RSA_2048", "t");
    let material = openssl_rand(&env, "material.bin", 32);
    let wrapped = wrap(&env, "RSAES_OAEP_SHA_256", &p, &material, "wrapped.bin");
    let before = env.records();
    let (_, past) = days_ahead(-1);
    let (_, soon) = days_ahead(10);
    let (_, too_far) = days_ahead(400);

    for extra in [
        vec!["--valid-to", past.as_str()],
        vec!["--valid-to", too_far.as_str()],
        vec!["--expiration-model", "KEY_MATERIAL_EXPIRES"],
        vec![
            "--expiration-model",
            "KEY_MATERIAL_DOES_NOT_EXPIRE",
            "--valid-to",
            soon.as_str(),
        ],
    ] {
        let out = import_run(&env, &key, &wrapped, &p.token, &extra);
        assert_refused_unchanged(&env, &before, out, "ValidationException");
    }
    let out = import_run(
        &env,
        &key,
        &wrapped,
        &p.token,
        &["--valid-to", "next tuesday"],
    );
    assert_eq!(out.code, EXIT_INVALID_VALUE, "{out:?}");
    assert!(
        env.records() == *before,
        "a refused import changed the keyring"
    );

    assert_eq!(key_state(&env, &key), "PendingImport");
    import_ok(&env, &key, &wrapped, &p.token, &["--valid-to", &soon]);
    let md = env.describe(&key);
    assert_eq!(md["KeyState"], "Enabled", "{md}");
    assert_eq!(md["ExpirationModel"], "KEY_MATERIAL_EXPIRES", "{md}");
}

#[test]
fn import_token_is_single_use() {
    let env = env_with_keyring();
    let key = external_key(&env, &[]);
    let p = get_params(&env, &key, "RSAES_OAEP_SHA_256", "RSA_2048", "t");
    let material = openssl_rand(&env, "material.bin", 32);
    let wrapped = wrap(&env, "RSAES_OAEP_SHA_256", &p, &material, "wrapped.bin");
    import_ok(&env, &key, &wrapped, &p.token, &[]);

    let before = env.records();
    let out = import_run(&env, &key, &wrapped, &p.token, &[]);
    assert_refused_unchanged(&env, &before, out, "InvalidImportTokenException");
}

#[test]
fn wrongly_wrapped_material_is_refused_and_the_keyring_is_unchanged() {
    let env = env_with_keyring();
    let key = external_key(&env, &[]);
    let material = openssl_rand(&env, "material.bin", 32);
    let a = get_params(&env, &key, "RSAES_OAEP_SHA_256", "RSA_2048", "a");
    let b = get_params(&env, &key, "RSAES_OAEP_SHA_256", "RSA_2048", "b");
    let before = env.records();

    // Wrapped with another import's public key.
    let with_b = wrap(&env, "RSAES_OAEP_SHA_256", &b, &material, "with-b.bin");
    let out = import_run(&env, &key, &with_b, &a.token, &[]);
    assert_refused_unchanged(&env, &before, out, "InvalidCiphertextException");

    // Wrapped with the right key, truncated.
    let good = wrap(&env, "RSAES_OAEP_SHA_256", &a, &material, "good.bin");
    let bytes = read(&good);
    let cut = put(&env, "cut.bin", &bytes[..bytes.len() - 1]);
    let out = import_run(&env, &key, &cut, &a.token, &[]);
    assert_refused_unchanged(&env, &before, out, "InvalidCiphertextException");

    // Wrapped with the right key and the wrong OAEP digest.
    let sha1 = oaep_wrap(&env, &a.public_key, &material, "sha1.bin", "sha1");
    let out = import_run(&env, &key, &sha1, &a.token, &[]);
    assert_refused_unchanged(&env, &before, out, "InvalidCiphertextException");

    assert_eq!(key_state(&env, &key), "PendingImport");
    // Nothing was consumed: the right wrapping with the same token works.
    import_ok(&env, &key, &good, &a.token, &[]);
    assert_eq!(key_state(&env, &key), "Enabled");
}

#[test]
fn truncated_rsa_aes_key_wrap_material_is_refused() {
    let env = env_with_keyring();
    let key = external_key(&env, &[]);
    let material = openssl_rand(&env, "material.bin", 32);
    let alg = "RSA_AES_KEY_WRAP_SHA_256";
    let p = get_params(&env, &key, alg, "RSA_2048", "p");
    let good = wrap(&env, alg, &p, &material, "good.bin");
    let bytes = read(&good);
    let before = env.records();

    for (name, cut) in [
        ("cut-tail.bin", &bytes[..bytes.len() - 1]),
        ("cut-to-rsa.bin", &bytes[..256]),
        ("cut-head.bin", &bytes[1..]),
    ] {
        let cut = put(&env, name, cut);
        let out = import_run(&env, &key, &cut, &p.token, &[]);
        assert_refused_unchanged(&env, &before, out, "InvalidCiphertextException");
    }
    import_ok(&env, &key, &good, &p.token, &[]);
    assert_eq!(key_state(&env, &key), "Enabled");
}

#[test]
fn material_of_the_wrong_size_or_spec_is_refused() {
    let env = env_with_keyring();

    // Symmetric keys take exactly 32 bytes.
    let key = external_key(&env, &[]);
    for n in [31usize, 33, 16, 64] {
        let material = openssl_rand(&env, &format!("sym{n}.bin"), n);
        let tag = format!("sym{n}");
        let p = get_params(&env, &key, "RSAES_OAEP_SHA_256", "RSA_2048", &tag);
        let wrapped = wrap(
            &env,
            "RSAES_OAEP_SHA_256",
            &p,
            &material,
            &format!("{tag}.w"),
        );
        let before = env.records();
        let out = import_run(&env, &key, &wrapped, &p.token, &[]);
        assert_refused_unchanged(&env, &before, out, "IncorrectKeyMaterialException");
    }
    assert_eq!(key_state(&env, &key), "PendingImport");

    // HMAC_256 keys take 32 to 64 bytes.
    let hmac = external_key(&env, &["--key-spec", "HMAC_256"]);
    for n in [31usize, 65] {
        let material = openssl_rand(&env, &format!("hmac{n}.bin"), n);
        let tag = format!("hmac{n}");
        let p = get_params(&env, &hmac, "RSA_AES_KEY_WRAP_SHA_256", "RSA_2048", &tag);
        let wrapped = wrap(
            &env,
            "RSA_AES_KEY_WRAP_SHA_256",
            &p,
            &material,
            &format!("{tag}.w"),
        );
        let before = env.records();
        let out = import_run(&env, &hmac, &wrapped, &p.token, &[]);
        assert_refused_unchanged(&env, &before, out, "IncorrectKeyMaterialException");
    }
    let ok64 = openssl_rand(&env, "hmac64.bin", 64);
    let p = get_params(&env, &hmac, "RSAES_OAEP_SHA_256", "RSA_2048", "hmac64");
    let wrapped = wrap(&env, "RSAES_OAEP_SHA_256", &p, &ok64, "hmac64.w");
    import_ok(&env, &hmac, &wrapped, &p.token, &[]);
    assert_eq!(key_state(&env, &hmac), "Enabled");

    // An RSA_2048 key refuses a P-256 private key.
    let rsa = external_key(
        &env,
        &["--key-spec", "RSA_2048", "--key-usage", "SIGN_VERIFY"],
    );
    let p256 = openssl_pkcs8(
        &env,
        &["-algorithm", "EC", "-pkeyopt", "ec_paramgen_curve:P-256"],
        "p256",
    );
    let p = get_params(&env, &rsa, "RSA_AES_KEY_WRAP_SHA_256", "RSA_2048", "rsa");
    let wrapped = wrap(&env, "RSA_AES_KEY_WRAP_SHA_256", &p, &p256, "p256.w");
    let before = env.records();
    let out = import_run(&env, &rsa, &wrapped, &p.token, &[]);
    assert_refused_unchanged(&env, &before, out, "IncorrectKeyMaterialException");
    // Nor 32 random bytes.
    let raw = openssl_rand(&env, "raw32.bin", 32);
    let p = get_params(&env, &rsa, "RSA_AES_KEY_WRAP_SHA_256", "RSA_2048", "rsa2");
    let wrapped = wrap(&env, "RSA_AES_KEY_WRAP_SHA_256", &p, &raw, "raw32.w");
    let before = env.records();
    let out = import_run(&env, &rsa, &wrapped, &p.token, &[]);
    assert_refused_unchanged(&env, &before, out, "IncorrectKeyMaterialException");
    assert_eq!(key_state(&env, &rsa), "PendingImport");
}

// ---------------------------------------------------------------------------
// Re-import, expiry, deletion
// ---------------------------------------------------------------------------

#[test]
fn describe_key_shows_expiration_model_and_valid_to() {
    let env = env_with_keyring();
    let key = external_key(&env, &[]);
    let material = openssl_rand(&env, "material.bin", 32);

    let (valid_to, valid_to_arg) = days_ahead(30);
    let id = import_material(
        &env,
        &key,
        &material,
        "first",
        &[
            "--expiration-model",
            "KEY_MATERIAL_EXPIRES",
            "--valid-to",
            &valid_to_arg,
        ],
    );
    let md = env.describe(&key);
    assert_eq!(md["Origin"], "EXTERNAL", "{md}");
    assert_eq!(md["KeyState"], "Enabled", "{md}");
    assert_eq!(md["Enabled"], true, "{md}");
    assert_eq!(md["ExpirationModel"], "KEY_MATERIAL_EXPIRES", "{md}");
    assert_eq!(parse_time(&str_field(&md, "ValidTo")), valid_to, "{md}");

    // The same material again changes the expiry (Unix seconds accepted).
    let (later, _) = days_ahead(60);
    let id2 = import_material(
        &env,
        &key,
        &material,
        "again",
        &["--valid-to", &later.unix_timestamp().to_string()],
    );
    assert_eq!(
        id2, id,
        "re-importing the same material made a new KeyMaterialId"
    );
    let md = env.describe(&key);
    assert_eq!(md["ExpirationModel"], "KEY_MATERIAL_EXPIRES", "{md}");
    assert_eq!(parse_time(&str_field(&md, "ValidTo")), later, "{md}");

    // And to no expiry at all.
    import_material(
        &env,
        &key,
        &material,
        "forever",
        &["--expiration-model", "KEY_MATERIAL_DOES_NOT_EXPIRE"],
    );
    let md = env.describe(&key);
    assert_eq!(
        md["ExpirationModel"], "KEY_MATERIAL_DOES_NOT_EXPIRE",
        "{md}"
    );
    assert!(
        md.get("ValidTo").is_none_or(Value::is_null),
        "ValidTo on material that does not expire: {md}"
    );
}

#[test]
fn different_material_under_existing_key_material_is_refused() {
    let env = env_with_keyring();
    let key = external_key(&env, &[]);
    let first = put(&env, "first.bin", &[0x11; 32]);
    import_material(&env, &key, &first, "first", &[]);
    let ct = encrypt(&env, &key, b"kept");

    let other = put(&env, "other.bin", &[0x22; 32]);
    let p = get_params(&env, &key, "RSAES_OAEP_SHA_256", "RSA_2048", "other");
    let wrapped = wrap(&env, "RSAES_OAEP_SHA_256", &p, &other, "other.w");
    let before = env.records();
    let out = import_run(
        &env,
        &key,
        &wrapped,
        &p.token,
        &["--import-type", "EXISTING_KEY_MATERIAL"],
    );
    assert_refused_unchanged(&env, &before, out, "IncorrectKeyMaterialException");
    // The default import type is EXISTING_KEY_MATERIAL too.
    let out = import_run(&env, &key, &wrapped, &p.token, &[]);
    assert_refused_unchanged(&env, &before, out, "IncorrectKeyMaterialException");

    assert_decrypts(&env, &ct, b"kept");
}

#[test]
fn deleted_material_can_be_imported_again_and_old_ciphertexts_decrypt() {
    let env = env_with_keyring();
    let key = external_key(&env, &[]);
    let material = openssl_rand(&env, "material.bin", 32);
    let id = import_material(&env, &key, &material, "first", &[]);
    let ct = encrypt(&env, &key, b"before deletion");

    let v = env.json(["delete-imported-key-material", "--key-id", &key]);
    assert!(str_field(&v, "KeyId").ends_with(&key), "{v}");
    let md = env.describe(&key);
    assert_eq!(md["KeyState"], "PendingImport", "{md}");
    assert_eq!(md["Enabled"], false, "{md}");
    env.run(["encrypt", "--key-id", &key, "--plaintext", &b64(b"x")])
        .failure(EXIT_KMS, "KMSInvalidStateException");
    env.run(["decrypt", "--ciphertext-blob", &ct])
        .failure(EXIT_KMS, "KMSInvalidStateException");

    // Other material is still not this key's material.
    let other = openssl_rand(&env, "other.bin", 32);
    let p = get_params(&env, &key, "RSAES_OAEP_SHA_256", "RSA_2048", "other");
    let wrapped = wrap(&env, "RSAES_OAEP_SHA_256", &p, &other, "other.w");
    let before = env.records();
    let out = import_run(&env, &key, &wrapped, &p.token, &[]);
    assert_refused_unchanged(&env, &before, out, "IncorrectKeyMaterialException");

    // The same material comes back (RSA_AES_KEY_WRAP this time).
    let p = get_params(&env, &key, "RSA_AES_KEY_WRAP_SHA_1", "RSA_2048", "again");
    let wrapped = wrap(&env, "RSA_AES_KEY_WRAP_SHA_1", &p, &material, "again.w");
    let v = import_ok(&env, &key, &wrapped, &p.token, &[]);
    assert_eq!(str_field(&v, "KeyMaterialId"), id);
    let md = env.describe(&key);
    assert_eq!(md["KeyState"], "Enabled", "{md}");
    assert_eq!(md["Enabled"], true, "{md}");
    assert_decrypts(&env, &ct, b"before deletion");
}

#[test]
fn material_past_valid_to_is_unusable_until_imported_again() {
    let env = env_with_keyring();
    let key = external_key(&env, &[]);
    let material = openssl_rand(&env, "material.bin", 32);
    let (_, valid_to) = days_ahead(1);
    import_material(&env, &key, &material, "first", &["--valid-to", &valid_to]);
    assert_eq!(key_state(&env, &key), "Enabled");
    let ct = encrypt(&env, &key, b"made before expiry");

    // Two days later, a reader sees the key unusable at once.
    let at = "+2d";
    let md = env
        .faketime(at, ["describe-key", "--key-id", &key])
        .success()
        .json();
    assert_eq!(md["KeyMetadata"]["KeyState"], "PendingImport", "{md}");
    env.faketime(at, ["decrypt", "--ciphertext-blob", &ct])
        .failure(EXIT_KMS, "KMSInvalidStateException");
    env.faketime(at, ["encrypt", "--key-id", &key, "--plaintext", &b64(b"x")])
        .failure(EXIT_KMS, "KMSInvalidStateException");

    // maintain applies it.
    let m = env.faketime(at, ["maintain"]).success().json();
    let expired: Vec<&str> = m["ExpiredKeyMaterial"]
        .as_array()
        .unwrap_or_else(|| panic!("no ExpiredKeyMaterial array: {m}"))
        .iter()
        .filter_map(Value::as_str)
        .collect();
    assert!(
        expired.iter().any(|e| e.ends_with(&key)),
        "maintain did not list {key} in ExpiredKeyMaterial: {m}"
    );
    let md = env
        .faketime(at, ["describe-key", "--key-id", &key])
        .success()
        .json();
    assert_eq!(md["KeyMetadata"]["KeyState"], "PendingImport", "{md}");

    // The same material imported again, at that time.
    import_material_at(&env, at, &key, &material, "again");
    let md = env
        .faketime(at, ["describe-key", "--key-id", &key])
        .success()
        .json();
    assert_eq!(md["KeyMetadata"]["KeyState"], "Enabled", "{md}");
    assert_decrypts_at(&env, at, &ct, b"made before expiry");
}

// ---------------------------------------------------------------------------
// Manual rotation
// ---------------------------------------------------------------------------

#[test]
fn manual_rotation_with_new_key_material() {
    let env = env_with_keyring();
    let key = external_key(&env, &[]);
    let m1 = put(&env, "m1.bin", &[0xA1; 32]);
    let m2 = put(&env, "m2.bin", &[0xB2; 32]);

    let id1 = import_material(&env, &key, &m1, "m1", &[]);
    let ct_a = encrypt(&env, &key, b"under the first material");
    assert_eq!(
        material_of(&ct_a),
        id1,
        "ciphertext A does not name the first material"
    );

    // Automatic rotation is not for imported material.
    let before = env.records();
    let out = env.run(["enable-key-rotation", "--key-id", &key]);
    assert_refused_unchanged(&env, &before, out, "UnsupportedOperationException");

    // New material waits for rotate-key-on-demand.
    let id2 = import_material(
        &env,
        &key,
        &m2,
        "m2",
        &["--import-type", "NEW_KEY_MATERIAL"],
    );
    assert_ne!(id2, id1, "new material has the first material's id");
    let ct = encrypt(&env, &key, b"still the first");
    assert_eq!(
        material_of(&ct),
        id1,
        "NEW_KEY_MATERIAL became current before rotation"
    );

    let v = env.json(["rotate-key-on-demand", "--key-id", &key]);
    assert!(str_field(&v, "KeyId").ends_with(&key), "{v}");
    let ct_b = encrypt(&env, &key, b"under the second material");
    assert_eq!(
        material_of(&ct_b),
        id2,
        "after rotation, ciphertext does not name the new material"
    );
    assert_decrypts(&env, &ct_a, b"under the first material");
    assert_decrypts(&env, &ct_b, b"under the second material");

    let r = env.json(["list-key-rotations", "--key-id", &key]);
    let rotations = r["Rotations"]
        .as_array()
        .unwrap_or_else(|| panic!("no Rotations: {r}"));
    assert_eq!(rotations.len(), 1, "expected one rotation: {r}");
    assert_eq!(rotations[0]["RotationType"], "ON_DEMAND", "{r}");
    assert_eq!(rotations[0]["KeyMaterialId"], id2.as_str(), "{r}");

    // Deleting the current material (the default, as AWS's model says):
    // the key waits for it, and for nothing else.
    let deleted = env.json(["delete-imported-key-material", "--key-id", &key]);
    assert_eq!(deleted["KeyMaterialId"], id2.as_str(), "{deleted}");
    assert_eq!(key_state(&env, &key), "PendingImport");
    env.run(["decrypt", "--ciphertext-blob", &ct_a])
        .failure(EXIT_KMS, "KMSInvalidStateException");
    env.run(["decrypt", "--ciphertext-blob", &ct_b])
        .failure(EXIT_KMS, "KMSInvalidStateException");
    assert_eq!(import_material(&env, &key, &m2, "m2-again", &[]), id2);
    assert_eq!(key_state(&env, &key), "Enabled");

    // Deleting a named, non-current version: the key waits for that one.
    let deleted = env.json([
        "delete-imported-key-material",
        "--key-id",
        &key,
        "--key-material-id",
        &id1,
    ]);
    assert_eq!(deleted["KeyMaterialId"], id1.as_str(), "{deleted}");
    assert_eq!(
        key_state(&env, &key),
        "PendingImport",
        "usable with one of two materials missing"
    );
    // A re-import naming another version is refused; naming its own, with
    // a description, brings it back.
    let p = get_params(&env, &key, "RSAES_OAEP_SHA_256", "RSA_2048", "m1-wrong-id");
    let wrapped = wrap(
        &env,
        "RSAES_OAEP_SHA_256",
        &p,
        &m1,
        "m1-wrong-id-wrapped.bin",
    );
    env.run(import_args(
        &key,
        &wrapped,
        &p.token,
        &["--key-material-id", &id2],
    ))
    .failure(EXIT_KMS, "IncorrectKeyMaterialException");
    let named = [
        "--key-material-id",
        id1.as_str(),
        "--key-material-description",
        "the first",
    ];
    assert_eq!(import_material(&env, &key, &m1, "m1-again", &named), id1);
    assert_eq!(key_state(&env, &key), "Enabled");
    assert_decrypts(&env, &ct_a, b"under the first material");
    assert_decrypts(&env, &ct_b, b"under the second material");
    assert_eq!(material_of(&encrypt(&env, &key, b"x")), id2);

    // ALL_KEY_MATERIAL lists the first material too, with its import state
    // and description; the default lists rotations only.
    let all = env.json([
        "list-key-rotations",
        "--key-id",
        &key,
        "--include-key-material",
        "ALL_KEY_MATERIAL",
    ]);
    let entries = all["Rotations"].as_array().cloned().unwrap_or_default();
    assert_eq!(entries.len(), 2, "{all}");
    assert_eq!(entries[0]["KeyMaterialId"], id1.as_str(), "{all}");
    assert_eq!(entries[0]["KeyMaterialDescription"], "the first", "{all}");
    assert_eq!(entries[0]["ImportState"], "IMPORTED", "{all}");
    assert_eq!(entries[0]["KeyMaterialState"], "NON_CURRENT", "{all}");
    assert!(entries[0].get("RotationType").is_none(), "{all}");
    assert_eq!(entries[1]["KeyMaterialState"], "CURRENT", "{all}");
    assert_eq!(entries[1]["RotationType"], "ON_DEMAND", "{all}");
    let only = env.json(["list-key-rotations", "--key-id", &key]);
    assert_eq!(
        only["Rotations"].as_array().map(Vec::len),
        Some(1),
        "{only}"
    );
}

#[test]
fn rotate_on_demand_without_new_imported_material_is_refused() {
    let env = env_with_keyring();
    let key = external_key(&env, &[]);
    let m1 = put(&env, "m1.bin", &[0xC3; 32]);
    let id1 = import_material(&env, &key, &m1, "m1", &[]);

    let before = env.records();
    let out = env.run(["rotate-key-on-demand", "--key-id", &key]);
    assert_eq!(
        out.code, EXIT_KMS,
        "rotate-key-on-demand on an EXTERNAL key with no NEW_KEY_MATERIAL imported must fail \
         (it must not make material the customer did not import): {out:?}"
    );
    assert!(
        env.records() == *before,
        "a refused rotate-key-on-demand changed the keyring"
    );
    assert_eq!(material_of(&encrypt(&env, &key, b"x")), id1);
    let md = env.describe(&key);
    assert_eq!(md["KeyState"], "Enabled", "{md}");
}

#[test]
fn new_key_material_is_refused_for_hmac_and_asymmetric_keys() {
    let env = env_with_keyring();

    let hmac = external_key(&env, &["--key-spec", "HMAC_256"]);
    let h1 = put(&env, "h1.bin", &[0x01; 32]);
    import_material(&env, &hmac, &h1, "h1", &[]);
    let h2 = put(&env, "h2.bin", &[0x02; 32]);
    let p = get_params(&env, &hmac, "RSAES_OAEP_SHA_256", "RSA_2048", "h2");
    let wrapped = wrap(&env, "RSAES_OAEP_SHA_256", &p, &h2, "h2.w");
    let before = env.records();
    let out = import_run(
        &env,
        &hmac,
        &wrapped,
        &p.token,
        &["--import-type", "NEW_KEY_MATERIAL"],
    );
    assert_eq!(
        out.code, EXIT_KMS,
        "NEW_KEY_MATERIAL accepted on an HMAC key: {out:?}"
    );
    assert!(
        env.records() == *before,
        "refused import changed the keyring"
    );

    let rsa = external_key(
        &env,
        &["--key-spec", "RSA_2048", "--key-usage", "SIGN_VERIFY"],
    );
    let alg = "RSA_AES_KEY_WRAP_SHA_256";
    let k1 = openssl_pkcs8(
        &env,
        &["-algorithm", "RSA", "-pkeyopt", "rsa_keygen_bits:2048"],
        "k1",
    );
    let p = get_params(&env, &rsa, alg, "RSA_2048", "k1");
    let wrapped = wrap(&env, alg, &p, &k1, "k1.w");
    import_ok(&env, &rsa, &wrapped, &p.token, &[]);
    let k2 = openssl_pkcs8(
        &env,
        &["-algorithm", "RSA", "-pkeyopt", "rsa_keygen_bits:2048"],
        "k2",
    );
    let p = get_params(&env, &rsa, alg, "RSA_2048", "k2");
    let wrapped = wrap(&env, alg, &p, &k2, "k2.w");
    let before = env.records();
    let out = import_run(
        &env,
        &rsa,
        &wrapped,
        &p.token,
        &["--import-type", "NEW_KEY_MATERIAL"],
    );
    assert_eq!(
        out.code, EXIT_KMS,
        "NEW_KEY_MATERIAL accepted on an RSA key: {out:?}"
    );
    assert!(
        env.records() == *before,
        "refused import changed the keyring"
    );

    // Rotation is not for them either.
    for key in [&hmac, &rsa] {
        let out = env.run(["rotate-key-on-demand", "--key-id", key]);
        assert_eq!(out.code, EXIT_KMS, "rotate-key-on-demand accepted: {out:?}");
    }
    assert_eq!(key_state(&env, &hmac), "Enabled");
    assert_eq!(key_state(&env, &rsa), "Enabled");
}

#[test]
fn expiry_of_the_older_material_makes_a_rotated_key_pending_import() {
    let env = env_with_keyring();
    let key = external_key(&env, &[]);
    let m1 = put(&env, "m1.bin", &[0xD4; 32]);
    let m2 = put(&env, "m2.bin", &[0xE5; 32]);
    let (_, valid_to) = days_ahead(1);
    import_material(&env, &key, &m1, "m1", &["--valid-to", &valid_to]);
    let ct_a = encrypt(&env, &key, b"old");
    let id2 = import_material(
        &env,
        &key,
        &m2,
        "m2",
        &["--import-type", "NEW_KEY_MATERIAL"],
    );
    env.json(["rotate-key-on-demand", "--key-id", &key]);
    let ct_b = encrypt(&env, &key, b"new");
    assert_eq!(material_of(&ct_b), id2);

    // The current material never expires, but the key needs both.
    let at = "+2d";
    let md = env
        .faketime(at, ["describe-key", "--key-id", &key])
        .success()
        .json();
    assert_eq!(md["KeyMetadata"]["KeyState"], "PendingImport", "{md}");
    env.faketime(at, ["decrypt", "--ciphertext-blob", &ct_b])
        .failure(EXIT_KMS, "KMSInvalidStateException");

    import_material_at(&env, at, &key, &m1, "m1-again");
    let md = env
        .faketime(at, ["describe-key", "--key-id", &key])
        .success()
        .json();
    assert_eq!(md["KeyMetadata"]["KeyState"], "Enabled", "{md}");
    assert_decrypts_at(&env, at, &ct_a, b"old");
    assert_decrypts_at(&env, at, &ct_b, b"new");
}

/// Issue 17: an openssl-made Ed25519 private key imported into an EXTERNAL
/// ECC_NIST_EDWARDS25519 key signs, and `openssl pkeyutl -verify -rawin`
/// verifies with openssl's own public key.
#[test]
fn imported_ed25519_private_key_signs_and_openssl_verifies() {
    let env = env_with_keyring();
    let key = external_key(&env, &["--key-spec", "ECC_NIST_EDWARDS25519"]);
    let private = openssl_pkcs8(&env, &["-algorithm", "ED25519"], "ed");
    let public = env.path("ed.pub.pem");
    openssl(
        &env,
        [
            OsStr::new("pkey"),
            OsStr::new("-in"),
            private.as_os_str(),
            OsStr::new("-inform"),
            OsStr::new("DER"),
            OsStr::new("-pubout"),
            OsStr::new("-out"),
            public.as_os_str(),
        ],
    );
    let alg = "RSA_AES_KEY_WRAP_SHA_256";
    let p = get_params(&env, &key, alg, "RSA_2048", "ed");
    let wrapped = wrap(&env, alg, &p, &private, "ed.wrapped");
    import_ok(&env, &key, &wrapped, &p.token, &[]);

    let msg = put(&env, "msg.txt", b"signed by an imported Ed25519 key\n");
    let v = env.json([
        "sign",
        "--key-id",
        &key,
        "--message",
        &fileb(&msg),
        "--signing-algorithm",
        "ED25519_SHA_512",
    ]);
    let sig = put(&env, "sig.bin", &unb64(&str_field(&v, "Signature")));
    let out = openssl(
        &env,
        [
            OsStr::new("pkeyutl"),
            OsStr::new("-verify"),
            OsStr::new("-pubin"),
            OsStr::new("-inkey"),
            public.as_os_str(),
            OsStr::new("-rawin"),
            OsStr::new("-in"),
            msg.as_os_str(),
            OsStr::new("-sigfile"),
            sig.as_os_str(),
        ],
    );
    assert!(
        String::from_utf8_lossy(&out).contains("Signature Verified Successfully"),
        "{}",
        String::from_utf8_lossy(&out)
    );
}

/// Issue 17: an imported P-256 private key in a KEY_AGREEMENT key derives
/// the secret openssl derives from the peer's side.
#[test]
fn imported_p256_key_agreement_matches_openssl_derive() {
    let env = env_with_keyring();
    let key = external_key(
        &env,
        &[
            "--key-spec",
            "ECC_NIST_P256",
            "--key-usage",
            "KEY_AGREEMENT",
        ],
    );
    let private = openssl_pkcs8(
        &env,
        &["-algorithm", "EC", "-pkeyopt", "ec_paramgen_curve:P-256"],
        "mine",
    );
    let alg = "RSA_AES_KEY_WRAP_SHA_256";
    let p = get_params(&env, &key, alg, "RSA_2048", "mine");
    let wrapped = wrap(&env, alg, &p, &private, "mine.wrapped");
    import_ok(&env, &key, &wrapped, &p.token, &[]);

    let peer = openssl_pkcs8(
        &env,
        &["-algorithm", "EC", "-pkeyopt", "ec_paramgen_curve:P-256"],
        "peer",
    );
    let peer_public = openssl(
        &env,
        [
            OsStr::new("pkey"),
            OsStr::new("-in"),
            peer.as_os_str(),
            OsStr::new("-inform"),
            OsStr::new("DER"),
            OsStr::new("-pubout"),
            OsStr::new("-outform"),
            OsStr::new("DER"),
        ],
    );
    let peer_public = put(&env, "peer.pub.der", &peer_public);
    let v = env.json([
        "derive-shared-secret",
        "--key-id",
        &key,
        "--key-agreement-algorithm",
        "ECDH",
        "--public-key",
        &fileb(&peer_public),
    ]);
    assert_eq!(str_field(&v, "KeyOrigin"), "EXTERNAL", "{v}");
    let pk = env.json(["get-public-key", "--key-id", &key]);
    let mine_public = put(&env, "mine.pub.der", &unb64(&str_field(&pk, "PublicKey")));
    let theirs = openssl(
        &env,
        [
            OsStr::new("pkeyutl"),
            OsStr::new("-derive"),
            OsStr::new("-inkey"),
            peer.as_os_str(),
            OsStr::new("-keyform"),
            OsStr::new("DER"),
            OsStr::new("-peerkey"),
            mine_public.as_os_str(),
            OsStr::new("-peerform"),
            OsStr::new("DER"),
        ],
    );
    assert_eq!(unb64(&str_field(&v, "SharedSecret")), theirs);
}
