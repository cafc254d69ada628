//! HTTPS for `lkms serve`: a certificate the user gives, or one issued at
//! start by a local CA kept in a directory (`--tls-self-signed DIR`).
//!
//! The CA (`ca.pem`, `ca-key.pem`) is made once and reused, so clients keep
//! trusting `ca.pem` (their `AWS_CA_BUNDLE`) across restarts. The server
//! certificate (`server.pem`, `server-key.pem`), for `localhost`,
//! `127.0.0.1` and `::1`, is issued anew at every start, so it never
//! expires under a server that is restarted at least once a year.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use rcgen::{
    BasicConstraints, CertificateParams, DistinguishedName, DnType, ExtendedKeyUsagePurpose, IsCa,
    Issuer, KeyPair, KeyUsagePurpose, SanType,
};
use rustls_pki_types::pem::PemObject;
use rustls_pki_types::{CertificateDer, PrivateKeyDer};
use time::{Duration, OffsetDateTime};
use tokio_rustls::rustls::ServerConfig;

use crate::cli::exit::{CliError, CliResult};

/// The CA certificate clients trust.
pub const CA_CERT: &str = "ca.pem";
/// The CA's private key (0600).
const CA_KEY: &str = "ca-key.pem";
/// The server certificate issued at start.
const SERVER_CERT: &str = "server.pem";
/// Its private key (0600).
const SERVER_KEY: &str = "server-key.pem";

/// The rustls configuration for a certificate chain and key in PEM files.
pub fn from_files(cert: &Path, key: &Path) -> CliResult<Arc<ServerConfig>> {
    let chain = CertificateDer::pem_file_iter(cert)
        .and_then(|certs| certs.collect::<Result<Vec<_>, _>>())
        .map_err(|e| {
            CliError::Param(format!(
                "--tls-cert {}: not a readable PEM certificate chain: {e}",
                cert.display()
            ))
        })?;
    if chain.is_empty() {
        return Err(CliError::Param(format!(
            "--tls-cert {}: no CERTIFICATE in it",
            cert.display()
        )));
    }
    let key = PrivateKeyDer::from_pem_file(key).map_err(|e| {
        CliError::Param(format!(
            "--tls-key {}: not a readable PEM private key: {e}",
            key.display()
        ))
    })?;
    config(chain, key)
}

/// The rustls configuration for a server certificate issued now by the CA
/// in `dir`, which is created first when it is not there.
pub fn self_signed(dir: &Path) -> CliResult<Arc<ServerConfig>> {
    let (chain, key) = issue(dir, OffsetDateTime::now_utc())?;
    config(chain, key)
}

fn config(
    chain: Vec<CertificateDer<'static>>,
    key: PrivateKeyDer<'static>,
) -> CliResult<Arc<ServerConfig>> {
    let mut config = ServerConfig::builder()
        .with_no_client_auth()
        .with_single_cert(chain, key)
        .map_err(|e| CliError::Param(format!("the TLS certificate and key do not fit: {e}")))?;
    config.alpn_protocols = vec![b"http/1.1".to_vec()];
    Ok(Arc::new(config))
}

/// Makes or loads the CA in `dir`, issues the server certificate, writes
/// both; the server's chain and key.
fn issue(
    dir: &Path,
    now: OffsetDateTime,
) -> CliResult<(Vec<CertificateDer<'static>>, PrivateKeyDer<'static>)> {
    create_private_dir(dir)?;
    let ca_cert_path = dir.join(CA_CERT);
    let ca_key_path = dir.join(CA_KEY);
    let issuer = if ca_cert_path.exists() && ca_key_path.exists() {
        let bad = |e: &dyn std::fmt::Display| {
            CliError::Param(format!(
                "--tls-self-signed {}: the CA there cannot be used ({e}); move {CA_CERT} and {CA_KEY} away to make a new one",
                dir.display()
            ))
        };
        let key_pem = read(&ca_key_path)?;
        let cert_pem = read(&ca_cert_path)?;
        let key = KeyPair::from_pem(&key_pem).map_err(|e| bad(&e))?;
        Issuer::from_ca_cert_pem(&cert_pem, key).map_err(|e| bad(&e))?
    } else {
        let key = KeyPair::generate().map_err(generation)?;
        let mut params = CertificateParams::new(Vec::<String>::new()).map_err(generation)?;
        params.distinguished_name = name("lkms local CA");
        params.is_ca = IsCa::Ca(BasicConstraints::Constrained(0));
        params.key_usages = vec![KeyUsagePurpose::KeyCertSign, KeyUsagePurpose::CrlSign];
        params.not_before = now - Duration::days(1);
        params.not_after = now + Duration::days(3650);
        let cert = params.self_signed(&key).map_err(generation)?;
        // The key first: a CA certificate without its key is useless.
        write_atomic(&ca_key_path, key.serialize_pem().as_bytes())?;
        write_atomic(&ca_cert_path, cert.pem().as_bytes())?;
        Issuer::new(params, key)
    };

    let key = KeyPair::generate().map_err(generation)?;
    let mut params = CertificateParams::new(vec!["localhost".to_owned()]).map_err(generation)?;
    params.subject_alt_names.extend([
        SanType::IpAddress(std::net::Ipv4Addr::LOCALHOST.into()),
        SanType::IpAddress(std::net::Ipv6Addr::LOCALHOST.into()),
    ]);
    params.distinguished_name = name("lkms serve");
    params.is_ca = IsCa::ExplicitNoCa;
    params.key_usages = vec![KeyUsagePurpose::DigitalSignature];
    params.extended_key_usages = vec![ExtendedKeyUsagePurpose::ServerAuth];
    params.not_before = now - Duration::days(1);
    params.not_after = now + Duration::days(397);
    params.use_authority_key_identifier_extension = true;
    let cert = params.signed_by(&key, &issuer).map_err(generation)?;
    write_atomic(&dir.join(SERVER_KEY), key.serialize_pem().as_bytes())?;
    write_atomic(&dir.join(SERVER_CERT), cert.pem().as_bytes())?;
    let key = PrivateKeyDer::try_from(key.serialize_der())
        .map_err(|e| CliError::Param(format!("the server key: {e}")))?;
    Ok((vec![cert.der().clone()], key))
}

fn name(common_name: &str) -> DistinguishedName {
    let mut dn = DistinguishedName::new();
    dn.push(DnType::CommonName, common_name);
    dn
}

fn generation(e: rcgen::Error) -> CliError {
    CliError::Param(format!("making the TLS certificate: {e}"))
}

fn read(path: &Path) -> CliResult<String> {
    std::fs::read_to_string(path)
        .map_err(|e| lkms::Error::io(format!("reading {}", path.display()), e).into())
}

/// Creates `dir` (0700 on Unix) unless it exists.
fn create_private_dir(dir: &Path) -> CliResult<()> {
    let mut builder = std::fs::DirBuilder::new();
    builder.recursive(true);
    #[cfg(unix)]
    std::os::unix::fs::DirBuilderExt::mode(&mut builder, 0o700);
    builder.create(dir).map_err(|e| {
        lkms::Error::io(format!("--tls-self-signed: creating {}", dir.display()), e).into()
    })
}

/// Writes `bytes` to `path` through a temporary file beside it (0600),
/// so a reader never sees half a key.
fn write_atomic(path: &Path, bytes: &[u8]) -> CliResult<()> {
    let io = |e: std::io::Error| -> CliError {
        lkms::Error::io(format!("writing {}", path.display()), e).into()
    };
    let dir: PathBuf = path
        .parent()
        .map(Path::to_path_buf)
        .unwrap_or_else(|| PathBuf::from("."));
    let mut tmp = tempfile::NamedTempFile::new_in(&dir).map_err(io)?;
    tmp.write_all(bytes).map_err(io)?;
    tmp.as_file().sync_all().map_err(io)?;
    tmp.persist(path).map_err(|e| io(e.error))?;
    Ok(())
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn the_ca_is_made_once_and_reused_and_keys_are_private() {
        let dir = tempfile::tempdir().unwrap();
        let ring = dir.path().join("tls");
        let now = OffsetDateTime::now_utc();
        let (first, _) = issue(&ring, now).unwrap();
        let ca = std::fs::read(ring.join(CA_CERT)).unwrap();
        let (second, _) = issue(&ring, now).unwrap();
        assert_eq!(std::fs::read(ring.join(CA_CERT)).unwrap(), ca, "CA kept");
        assert_ne!(first, second, "server certificate issued anew");
        #[cfg(unix)]
        for f in [CA_KEY, SERVER_KEY] {
            use std::os::unix::fs::PermissionsExt;
            let mode = std::fs::metadata(ring.join(f))
                .unwrap()
                .permissions()
                .mode();
            assert_eq!(mode & 0o777, 0o600, "{f}");
        }
        // Both configurations load in rustls.
        self_signed(&ring).unwrap();
        from_files(&ring.join(SERVER_CERT), &ring.join(SERVER_KEY)).unwrap();
    }

    #[test]
    fn a_damaged_ca_is_refused_with_what_to_do() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join(CA_CERT), "junk").unwrap();
        std::fs::write(dir.path().join(CA_KEY), "junk").unwrap();
        let err = issue(dir.path(), OffsetDateTime::now_utc()).unwrap_err();
        assert!(
            matches!(&err, CliError::Param(m) if m.contains("move ca.pem")),
            "{err:?}"
        );
    }
}
