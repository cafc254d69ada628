//! `lkms serve`: the AWS KMS JSON API over HTTP/1.1 (or HTTPS), for AWS
//! SDKs and tools.
//!
//! The keyring is unlocked once; requests are served on a tokio runtime
//! with a worker per core, and their blocking parts (SigV4 secrets, the
//! operation) run on its blocking pool. What a request goes through is in
//! `protocol.rs`; connections and their limits in `listener.rs`.

mod access_log;
pub mod backend;
mod keyring;
mod listener;
mod protocol;
mod throttle;
mod tls;

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod end_to_end;

use std::io::Write;
use std::net::{IpAddr, Ipv4Addr, Ipv6Addr, SocketAddr};
use std::path::Path;
use std::sync::Arc;
use std::time::Duration;

use serde_json::Value;

use super::Context;
use super::args::ServeArgs;
use super::exit::{CliError, CliResult};

/// Runs the server until SIGTERM or SIGINT; `Null` (nothing to print).
pub fn serve(ctx: &Context<'_>, args: ServeArgs) -> CliResult<Value> {
    let tls = if let (Some(cert), Some(key)) = (&args.tls_cert, &args.tls_key) {
        Some(tls::from_files(cert, key)?)
    } else {
        None
    };
    if tls.is_none() && args.tls_self_signed.is_none() {
        refuse_public_without_tls(&args)?;
    }
    let tls = match (&tls, &args.tls_self_signed) {
        (None, Some(dir)) => Some(tls::self_signed(dir)?),
        _ => tls,
    };
    let cores = std::thread::available_parallelism().map_or(2, |n| n.get());
    // Reads beyond a few per core only wait on each other for the CPU.
    let readers = args.store_connections.map_or(4 * cores, |n| n as usize);
    let backend = keyring::backend(ctx, readers)?;
    let (log, writer) = access_log::open(&args.access_log)?;
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(cores)
        .thread_name("lkms-serve")
        .enable_all()
        .build()
        .map_err(|e| lkms::Error::io("starting the server's threads", e))?;

    let (stop, stopped) = tokio::sync::watch::channel(false);
    super::signals::on_stop(move || {
        let _ = stop.send(true);
    });
    let shared = Arc::new(protocol::Shared {
        backend,
        throttle: throttle::Throttle::new(args.auth_failures_per_minute),
        signing_keys: lkms::sigv4::SigningKeyCache::default(),
        log,
        max_body: args.max_body_bytes,
        body_timeout: Duration::from_secs_f64(args.body_timeout),
    });
    let settings = listener::Settings {
        tls: tls.clone(),
        max_connections: args.max_connections as usize,
        header_timeout: Duration::from_secs_f64(args.header_timeout),
        max_headers: usize::try_from(args.max_headers).unwrap_or(usize::MAX),
        max_header_bytes: usize::try_from(args.max_header_bytes).unwrap_or(usize::MAX),
        shutdown_timeout: Duration::from_secs_f64(args.shutdown_timeout),
    };

    let served = runtime.block_on(async {
        let listener = tokio::net::TcpListener::bind(args.listen)
            .await
            .map_err(|e| lkms::Error::io(format!("--listen {}", args.listen), e))?;
        let local = listener
            .local_addr()
            .map_err(|e| lkms::Error::io("the listening address", e))?;
        let url = endpoint_url(local, tls.is_some());
        if let Some(ready) = &args.ready_file {
            write_ready_file(ready, &url)?;
        }
        eprintln!("lkms serve: listening on {url}");
        let finished = listener::serve(listener, settings, shared, stopped).await;
        Ok::<_, CliError>((url, finished))
    });
    runtime.shutdown_timeout(Duration::from_secs(1));
    let dropped = writer.finish();
    let (url, finished) = served?;
    if let Some(ready) = &args.ready_file {
        remove_ready_file(ready, &url);
    }
    if dropped > 0 {
        eprintln!(
            "lkms serve: {dropped} access log lines were dropped (the log could not keep up)"
        );
    }
    if finished {
        eprintln!("lkms serve: stopped");
    } else {
        eprintln!(
            "lkms serve: stopped with requests still running after --shutdown-timeout {} s",
            args.shutdown_timeout
        );
    }
    Ok(Value::Null)
}

/// Refuses to serve in clear beyond this machine unless told to.
fn refuse_public_without_tls(args: &ServeArgs) -> CliResult<()> {
    if args.listen.ip().is_loopback() || args.allow_public_without_tls {
        return Ok(());
    }
    Err(CliError::Param(format!(
        "--listen {}: not a loopback address, and without TLS requests (and their plaintexts and data keys) would cross the network in clear; \
         add --tls-cert/--tls-key or --tls-self-signed DIR, or --allow-public-without-tls if the network is yours",
        args.listen
    )))
}

/// The URL clients use: the address listened on, or loopback for an
/// unspecified address (0.0.0.0, ::).
fn endpoint_url(local: SocketAddr, tls: bool) -> String {
    let scheme = if tls { "https" } else { "http" };
    let ip = match local.ip() {
        IpAddr::V4(v4) if v4.is_unspecified() => IpAddr::V4(Ipv4Addr::LOCALHOST),
        IpAddr::V6(v6) if v6.is_unspecified() => IpAddr::V6(Ipv6Addr::LOCALHOST),
        ip => ip,
    };
    format!("{scheme}://{}", SocketAddr::new(ip, local.port()))
}

/// Writes the URL and a newline to `path` through a temporary file beside
/// it, so a reader sees nothing or all of it.
fn write_ready_file(path: &Path, url: &str) -> CliResult<()> {
    let io = |e: std::io::Error| -> CliError {
        lkms::Error::io(format!("--ready-file {}", path.display()), e).into()
    };
    let dir = match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d,
        _ => Path::new("."),
    };
    let mut tmp = tempfile::Builder::new()
        .prefix(".lkms-ready-")
        .tempfile_in(dir)
        .map_err(io)?;
    tmp.write_all(format!("{url}\n").as_bytes()).map_err(io)?;
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let _ = tmp
            .as_file()
            .set_permissions(std::fs::Permissions::from_mode(0o644));
    }
    tmp.persist(path).map_err(|e| io(e.error))?;
    Ok(())
}

/// Removes the ready file at exit, unless something else has replaced it.
fn remove_ready_file(path: &Path, url: &str) {
    if std::fs::read_to_string(path).is_ok_and(|s| s == format!("{url}\n")) {
        let _ = std::fs::remove_file(path);
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn endpoint_urls() {
        let u = |a: &str, tls| endpoint_url(a.parse().unwrap(), tls);
        assert_eq!(u("127.0.0.1:41234", false), "http://127.0.0.1:41234");
        assert_eq!(u("0.0.0.0:80", true), "https://127.0.0.1:80");
        assert_eq!(u("[::]:7474", false), "http://[::1]:7474");
        assert_eq!(u("[::1]:7474", true), "https://[::1]:7474");
    }

    #[test]
    fn the_ready_file_appears_whole_and_goes_at_exit() {
        let dir = tempfile::tempdir().unwrap();
        let ready = dir.path().join("ready");
        write_ready_file(&ready, "http://127.0.0.1:1").unwrap();
        assert_eq!(
            std::fs::read_to_string(&ready).unwrap(),
            "http://127.0.0.1:1\n"
        );
        assert_eq!(
            std::fs::read_dir(dir.path()).unwrap().count(),
            1,
            "no temp left"
        );
        remove_ready_file(&ready, "http://127.0.0.1:2");
        assert!(ready.exists(), "another server's file is kept");
        remove_ready_file(&ready, "http://127.0.0.1:1");
        assert!(!ready.exists());
    }
}
