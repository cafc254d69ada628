//! HTTPS: a local CA made once and reused, its server certificate
//! verified by a client that trusts only `ca.pem`.

use std::process::Command;

use crate::env::env_with_keyring;
use crate::server::Server;

/// The python that runs the TLS client: `$LKMS_TEST_PYTHON`, else `python3`.
fn python() -> String {
    std::env::var("LKMS_TEST_PYTHON").unwrap_or_else(|_| "python3".into())
}

/// GETs `url` with python's ssl trusting only `ca` (or the system's CAs
/// when `None`); the body, or the error's text.
fn https_get(url: &str, ca: Option<&std::path::Path>) -> Result<String, String> {
    let script = r#"
import ssl, sys, urllib.request
ctx = ssl.create_default_context(cafile=sys.argv[2]) if sys.argv[2] else ssl.create_default_context()
try:
    print(urllib.request.urlopen(sys.argv[1], context=ctx, timeout=30).read().decode(), end="")
except Exception as e:
    print(repr(e), file=sys.stderr)
    sys.exit(1)
"#;
    let out = Command::new(python())
        .args(["-c", script, url])
        .arg(ca.map(|p| p.as_os_str().to_owned()).unwrap_or_default())
        .env("NO_PROXY", "*")
        .output()
        .expect("run python");
    if out.status.success() {
        Ok(String::from_utf8_lossy(&out.stdout).into_owned())
    } else {
        Err(String::from_utf8_lossy(&out.stderr).into_owned())
    }
}

#[test]
fn a_self_signed_server_is_verified_against_its_ca_and_the_ca_survives_restarts() {
    let env = env_with_keyring();
    let dir = env.path("tls");
    let dir_arg = dir.to_str().unwrap();
    let mut server = Server::start(&env, &["--tls-self-signed", dir_arg]);
    assert!(
        server.url.starts_with("https://127.0.0.1:"),
        "{}",
        server.url
    );
    let ca = dir.join("ca.pem");
    assert_eq!(
        https_get(&format!("{}/", server.url), Some(&ca)).as_deref(),
        Ok("healthy: lkms\n")
    );
    let by_name = format!("https://localhost:{}/", server.port());
    assert_eq!(
        https_get(&by_name, Some(&ca)).as_deref(),
        Ok("healthy: lkms\n")
    );
    // Without the CA, the certificate is not trusted.
    let refused = https_get(&format!("{}/", server.url), None).unwrap_err();
    assert!(refused.contains("CERTIFICATE_VERIFY_FAILED"), "{refused}");
    #[cfg(unix)]
    for key in ["ca-key.pem", "server-key.pem"] {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(dir.join(key))
            .unwrap()
            .permissions()
            .mode();
        assert_eq!(mode & 0o777, 0o600, "{key}");
    }
    let ca_bytes = std::fs::read(&ca).unwrap();
    assert_eq!(server.stop(), Some(0));

    let server = Server::start(&env, &["--tls-self-signed", dir_arg]);
    assert_eq!(std::fs::read(&ca).unwrap(), ca_bytes, "the CA is reused");
    assert_eq!(
        https_get(&format!("{}/", server.url), Some(&ca)).as_deref(),
        Ok("healthy: lkms\n"),
        "clients trusting the old ca.pem still connect"
    );
}

#[test]
fn a_given_certificate_and_key_are_served() {
    let env = env_with_keyring();
    let dir = env.path("tls");
    // Let lkms make a CA and a server certificate, then serve them as files.
    let first = Server::start(&env, &["--tls-self-signed", dir.to_str().unwrap()]);
    drop(first);
    let cert = dir.join("server.pem");
    let key = dir.join("server-key.pem");
    let server = Server::start(
        &env,
        &[
            "--tls-cert",
            cert.to_str().unwrap(),
            "--tls-key",
            key.to_str().unwrap(),
        ],
    );
    assert!(server.url.starts_with("https://"), "{}", server.url);
    assert_eq!(
        https_get(&format!("{}/", server.url), Some(&dir.join("ca.pem"))).as_deref(),
        Ok("healthy: lkms\n")
    );
    // A key that is not a key is refused at start with what is wrong.
    let out = env.run([
        "serve",
        "--tls-cert",
        cert.to_str().unwrap(),
        "--tls-key",
        cert.to_str().unwrap(),
    ]);
    assert_eq!(out.code, 252, "{out:?}");
    assert!(out.stderr.contains("--tls-key"), "{out:?}");
}
