//! Accepting connections: TLS when asked, HTTP/1.1 with keep-alive, the
//! connection limit, the header limits and timeouts, and the graceful stop.

use std::net::SocketAddr;
use std::sync::Arc;
use std::time::Duration;

use hyper::server::conn::http1;
use hyper::service::service_fn;
use hyper_util::rt::{TokioIo, TokioTimer};
use tokio::net::{TcpListener, TcpStream};
use tokio::sync::{Semaphore, watch};
use tokio_rustls::TlsAcceptor;
use tokio_rustls::rustls::ServerConfig;

use super::protocol::{self, Shared};

/// Connections answered "busy" at once; past them, a connection over the
/// limit is closed without an answer.
const BUSY_ANSWERS: usize = 64;

/// How connections are taken and served.
pub struct Settings {
    /// TLS, when the server speaks HTTPS.
    pub tls: Option<Arc<ServerConfig>>,
    /// Connections served at once.
    pub max_connections: usize,
    /// Time for a request head (and a TLS handshake) to arrive.
    pub header_timeout: Duration,
    /// The most headers in a request.
    pub max_headers: usize,
    /// The largest request head in bytes.
    pub max_header_bytes: usize,
    /// Time in-flight requests get to finish once stopped.
    pub shutdown_timeout: Duration,
}

/// Serves `listener` until `stop` turns true, then lets in-flight requests
/// finish (within the shutdown timeout); whether all of them did.
pub async fn serve(
    listener: TcpListener,
    settings: Settings,
    shared: Arc<Shared>,
    mut stop: watch::Receiver<bool>,
) -> bool {
    let permits = Arc::new(Semaphore::new(settings.max_connections));
    let busy = Arc::new(Semaphore::new(BUSY_ANSWERS));
    let tls = settings.tls.clone().map(TlsAcceptor::from);
    let mut http = http1::Builder::new();
    http.timer(TokioTimer::new())
        .keep_alive(true)
        .header_read_timeout(settings.header_timeout)
        .max_headers(settings.max_headers)
        .max_header_size(settings.max_header_bytes);

    while !*stop.borrow() {
        let (tcp, peer) = tokio::select! {
            accepted = listener.accept() => match accepted {
                Ok(accepted) => accepted,
                // Out of file descriptors and the like: wait for some to free.
                Err(_) => {
                    tokio::time::sleep(Duration::from_millis(20)).await;
                    continue;
                }
            },
            _ = stop.changed() => break,
        };
        let _ = tcp.set_nodelay(true);
        let mode = match permits.clone().try_acquire_owned() {
            Ok(permit) => Mode::Serve(permit),
            Err(_) => match busy.clone().try_acquire_owned() {
                Ok(permit) => Mode::Busy(permit),
                Err(_) => continue,
            },
        };
        tokio::spawn(connection(
            tcp,
            peer,
            tls.clone(),
            http.clone(),
            settings.header_timeout,
            shared.clone(),
            stop.clone(),
            mode,
        ));
    }
    drop(listener);
    let all = u32::try_from(settings.max_connections).unwrap_or(u32::MAX);
    tokio::time::timeout(settings.shutdown_timeout, permits.acquire_many(all))
        .await
        .is_ok()
}

/// Whether a connection is served or told the server is busy; the permit
/// is given back when the connection ends.
enum Mode {
    Serve(#[allow(dead_code)] tokio::sync::OwnedSemaphorePermit),
    Busy(#[allow(dead_code)] tokio::sync::OwnedSemaphorePermit),
}

#[allow(clippy::too_many_arguments)]
async fn connection(
    tcp: TcpStream,
    peer: SocketAddr,
    tls: Option<TlsAcceptor>,
    http: http1::Builder,
    handshake_timeout: Duration,
    shared: Arc<Shared>,
    stop: watch::Receiver<bool>,
    mode: Mode,
) {
    match tls {
        None => drive(TokioIo::new(tcp), peer, http, shared, stop, mode).await,
        Some(acceptor) => {
            if let Ok(Ok(stream)) =
                tokio::time::timeout(handshake_timeout, acceptor.accept(tcp)).await
            {
                drive(TokioIo::new(stream), peer, http, shared, stop, mode).await;
            }
        }
    }
}

async fn drive<I>(
    io: I,
    peer: SocketAddr,
    http: http1::Builder,
    shared: Arc<Shared>,
    mut stop: watch::Receiver<bool>,
    mode: Mode,
) where
    I: hyper::rt::Read + hyper::rt::Write + Unpin + Send + 'static,
{
    let busy = matches!(mode, Mode::Busy(_));
    let service = service_fn(move |req| {
        let shared = shared.clone();
        async move {
            if busy {
                protocol::busy(&shared, peer, req)
            } else {
                protocol::handle(shared, peer, req).await
            }
        }
    });
    let conn = http.serve_connection(io, service);
    tokio::pin!(conn);
    tokio::select! {
        _ = conn.as_mut() => {}
        _ = stop.changed() => {
            // Finish the request in flight, if any, then close.
            conn.as_mut().graceful_shutdown();
            let _ = conn.await;
        }
    }
    drop(mode);
}
