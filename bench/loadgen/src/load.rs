//! The closed loop: N keep-alive connections, each sending its next signed
//! request as soon as the previous response is in, until the request count
//! or the time limit is reached. With several endpoints the connections are
//! dealt out among them in turn, so each gets an equal share (±1).

use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{Duration, Instant};

use bytes::Bytes;
use http_body_util::{BodyExt, Full};
use hyper::client::conn::http1::SendRequest;
use hyper_util::rt::TokioIo;
use serde_json::Value;

use crate::endpoint::Endpoint;
use crate::report::Tally;
use crate::sign::Signer;
use crate::workload::{Op, Requests, Workload};

/// What to send, where, and for how long.
pub struct Plan {
    /// Connection N goes to `endpoints[N % endpoints.len()]`; never empty.
    pub endpoints: Vec<Endpoint>,
    pub signer: Signer,
    pub workload: Workload,
    pub key_id: String,
    pub connections: usize,
    /// Most requests in the measured phase (all connections together).
    pub requests: u64,
    /// Longest measured phase.
    pub duration: Duration,
    /// Unmeasured requests before it, on the same connections.
    pub warmup: Duration,
}

/// What a run measured.
pub struct Outcome {
    pub tally: Tally,
    /// The same, for each endpoint of the plan in its order.
    pub per_endpoint: Vec<Tally>,
    /// From the end of the warm-up to the last measured response.
    pub elapsed: Duration,
    /// This process's CPU time over the same span, where Linux tells it.
    pub cpu: Option<Duration>,
}

/// Which phase a request about to be sent belongs to.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Phase {
    Warmup,
    Measure,
    Stop,
}

/// The bounds every connection checks before each request.
struct Clock {
    start: Instant,
    deadline: Instant,
    claimed: AtomicU64,
    limit: u64,
}

impl Clock {
    fn claim(&self) -> Phase {
        let now = Instant::now();
        if now < self.start {
            Phase::Warmup
        } else if now >= self.deadline || self.claimed.fetch_add(1, Ordering::Relaxed) >= self.limit
        {
            Phase::Stop
        } else {
            Phase::Measure
        }
    }
}

/// One connection's share of the run.
struct Share {
    tally: Tally,
    last: Option<Instant>,
}

/// Opens every connection, then runs the plan; fails only if a connection
/// cannot be opened or a request cannot be signed.
pub async fn run(plan: Plan) -> Result<Outcome, String> {
    if plan.endpoints.is_empty() {
        return Err("no endpoint to load".into());
    }
    let mut senders = Vec::with_capacity(plan.connections);
    for n in 0..plan.connections {
        senders.push(connect(plan.endpoint(n)).await?);
    }
    let start = Instant::now() + plan.warmup;
    let clock = Clock {
        start,
        deadline: start + plan.duration,
        claimed: AtomicU64::new(0),
        limit: plan.requests,
    };
    let plan = Arc::new(plan);
    let clock = Arc::new(clock);
    let cpu_at_start = tokio::spawn(async move {
        tokio::time::sleep_until(start.into()).await;
        cpu_time()
    });
    let mut tasks = Vec::with_capacity(senders.len());
    for (n, sender) in senders.into_iter().enumerate() {
        let (plan, clock) = (plan.clone(), clock.clone());
        tasks.push(tokio::spawn(async move {
            drive(&plan, &clock, n, sender).await
        }));
    }
    let mut per_endpoint: Vec<Tally> = plan.endpoints.iter().map(|_| Tally::default()).collect();
    let mut last = None;
    for (n, task) in tasks.into_iter().enumerate() {
        let share = task
            .await
            .map_err(|e| format!("a connection's task failed: {e}"))??;
        per_endpoint[n % plan.endpoints.len()].merge(share.tally);
        last = last.max(share.last);
    }
    let mut tally = Tally::default();
    for t in &per_endpoint {
        tally.merge(t.clone());
    }
    let cpu_end = cpu_time();
    let cpu_start = if cpu_at_start.is_finished() {
        cpu_at_start.await.ok().flatten()
    } else {
        cpu_at_start.abort();
        None
    };
    Ok(Outcome {
        tally,
        per_endpoint,
        elapsed: last.map_or(Duration::ZERO, |l| l.saturating_duration_since(start)),
        cpu: cpu_start.zip(cpu_end).map(|(a, b)| b.saturating_sub(a)),
    })
}

/// One connection's loop.
async fn drive(
    plan: &Plan,
    clock: &Clock,
    n: usize,
    sender: SendRequest<Full<Bytes>>,
) -> Result<Share, String> {
    let mut requests = Requests::new(plan.workload, &plan.key_id, n);
    let mut share = Share {
        tally: Tally::default(),
        last: None,
    };
    let mut sender = Some(sender);
    loop {
        let phase = clock.claim();
        if phase == Phase::Stop {
            return Ok(share);
        }
        let measured = phase == Phase::Measure;
        // A connection the server closed after its last response is
        // replaced before the request is sent, so that is no failure.
        let ready = match sender.take() {
            Some(mut s) => s.ready().await.is_ok().then_some(s),
            None => None,
        };
        let mut conn = match ready {
            Some(s) => s,
            None => match connect(plan.endpoint(n)).await {
                Ok(s) => s,
                Err(e) => {
                    if measured {
                        share.tally.error(e);
                        share.last = Some(Instant::now());
                    }
                    return Ok(share);
                }
            },
        };
        let (op, body) = requests.next();
        let req = request(plan, n, op, body)?;
        let sent = Instant::now();
        let result = exchange(&mut conn, req).await;
        let done = Instant::now();
        match result {
            Ok((status, headers, body)) => {
                sender = Some(conn);
                if status == http::StatusCode::OK {
                    requests.observe(op, &body);
                    if measured {
                        let ns = done.duration_since(sent).as_nanos();
                        share
                            .tally
                            .latencies
                            .push(u64::try_from(ns).unwrap_or(u64::MAX));
                    }
                } else if measured {
                    share.tally.error(error_type(status, &headers, &body));
                }
            }
            // The connection is dropped; the next request opens another.
            Err(e) if measured => share.tally.error(format!("transport: {e}")),
            Err(_) => {}
        }
        if measured {
            *share.tally.operations.entry(op.name()).or_default() += 1;
            share.last = Some(done);
        }
    }
}

/// Opens one keep-alive HTTP/1.1 connection.
pub async fn connect(endpoint: &Endpoint) -> Result<SendRequest<Full<Bytes>>, String> {
    let tcp = tokio::net::TcpStream::connect(endpoint.addr)
        .await
        .map_err(|e| format!("connecting to {}: {e}", endpoint.addr))?;
    tcp.set_nodelay(true)
        .map_err(|e| format!("connecting to {}: {e}", endpoint.addr))?;
    let (sender, conn) = hyper::client::conn::http1::handshake(TokioIo::new(tcp))
        .await
        .map_err(|e| format!("connecting to {}: {e}", endpoint.addr))?;
    tokio::spawn(async move {
        // Its end is seen by the sender (is_closed, or the next request's error).
        let _ = conn.await;
    });
    Ok(sender)
}

impl Plan {
    /// The endpoint connection number `n` loads.
    fn endpoint(&self, n: usize) -> &Endpoint {
        &self.endpoints[n % self.endpoints.len()]
    }
}

/// A signed AWS KMS JSON request for `op` with `body`, for connection `n`
/// (each request is signed for the host it goes to).
pub fn request(
    plan: &Plan,
    n: usize,
    op: Op,
    body: Vec<u8>,
) -> Result<http::Request<Full<Bytes>>, String> {
    signed(plan.endpoint(n), &plan.signer, op.target(), body)
}

/// A signed `POST /` with `X-Amz-Target: target`.
pub fn signed(
    endpoint: &Endpoint,
    signer: &Signer,
    target: &str,
    body: Vec<u8>,
) -> Result<http::Request<Full<Bytes>>, String> {
    let body = Bytes::from(body);
    let mut req = http::Request::builder()
        .method(http::Method::POST)
        .uri("/")
        .header(http::header::HOST, &endpoint.authority)
        .header(http::header::CONTENT_TYPE, "application/x-amz-json-1.1")
        .header("x-amz-target", target)
        .body(Full::new(body.clone()))
        .map_err(|e| format!("building a request: {e}"))?;
    signer.sign(&mut req, &endpoint.uri, &body)?;
    Ok(req)
}

/// Sends one request and reads its whole response.
pub async fn exchange(
    conn: &mut SendRequest<Full<Bytes>>,
    req: http::Request<Full<Bytes>>,
) -> Result<(http::StatusCode, http::HeaderMap, Bytes), String> {
    conn.ready().await.map_err(|e| e.to_string())?;
    let res = conn.send_request(req).await.map_err(|e| e.to_string())?;
    let (parts, body) = res.into_parts();
    let body = body.collect().await.map_err(|e| e.to_string())?.to_bytes();
    Ok((parts.status, parts.headers, body))
}

/// The AWS error type of a failed response: the body's `__type` (without
/// any `namespace#` prefix), else the `x-amzn-ErrorType` header, else the
/// HTTP status.
pub fn error_type(status: http::StatusCode, headers: &http::HeaderMap, body: &[u8]) -> String {
    let from_body = serde_json::from_slice::<Value>(body)
        .ok()
        .and_then(|v| v.get("__type")?.as_str().map(str::to_owned));
    let from_header = || {
        let h = headers.get("x-amzn-errortype")?.to_str().ok()?;
        Some(h.split(':').next().unwrap_or(h).to_owned())
    };
    match from_body.or_else(from_header) {
        Some(t) => t.rsplit('#').next().unwrap_or(&t).to_owned(),
        None => format!("HTTP {}", status.as_u16()),
    }
}

/// This process's CPU time (user + system) from /proc, in Linux's fixed
/// 1/100 s units; None elsewhere.
fn cpu_time() -> Option<Duration> {
    let stat = std::fs::read_to_string("/proc/self/stat").ok()?;
    // Fields after the command name (which may hold spaces) in parentheses:
    // state is field 3, utime 14, stime 15.
    let rest = stat.rsplit_once(')')?.1;
    let fields: Vec<&str> = rest.split_whitespace().collect();
    let ticks: u64 = fields.get(11)?.parse::<u64>().ok()? + fields.get(12)?.parse::<u64>().ok()?;
    Some(Duration::from_millis(ticks * 10))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn error_types_from_body_header_or_status() {
        let none = http::HeaderMap::new();
        let bad = http::StatusCode::BAD_REQUEST;
        assert_eq!(
            error_type(
                bad,
                &none,
                br#"{"__type":"NotFoundException","message":"x"}"#
            ),
            "NotFoundException"
        );
        assert_eq!(
            error_type(
                bad,
                &none,
                br#"{"__type":"com.amazonaws.kms#KMSInvalidStateException"}"#
            ),
            "KMSInvalidStateException"
        );
        let mut h = http::HeaderMap::new();
        h.insert(
            "x-amzn-errortype",
            http::HeaderValue::from_static("ThrottlingException:http://internal"),
        );
        assert_eq!(
            error_type(http::StatusCode::SERVICE_UNAVAILABLE, &h, b"busy"),
            "ThrottlingException"
        );
        assert_eq!(
            error_type(http::StatusCode::INTERNAL_SERVER_ERROR, &none, b"<html>"),
            "HTTP 500"
        );
    }

    #[test]
    fn the_clock_measures_then_stops_at_the_count() {
        let now = Instant::now();
        let clock = Clock {
            start: now,
            deadline: now + Duration::from_secs(3600),
            claimed: AtomicU64::new(0),
            limit: 3,
        };
        let phases: Vec<_> = (0..5).map(|_| clock.claim()).collect();
        assert!(phases[..3].iter().all(|p| *p == Phase::Measure));
        assert!(phases[3..].iter().all(|p| *p == Phase::Stop));
    }

    #[test]
    fn the_clock_warms_up_then_stops_at_the_deadline() {
        let now = Instant::now();
        let warm = Clock {
            start: now + Duration::from_secs(3600),
            deadline: now + Duration::from_secs(7200),
            claimed: AtomicU64::new(0),
            limit: 1,
        };
        assert!(warm.claim() == Phase::Warmup && warm.claim() == Phase::Warmup);
        let late = Clock {
            start: now - Duration::from_secs(2),
            deadline: now - Duration::from_secs(1),
            claimed: AtomicU64::new(0),
            limit: 1_000,
        };
        assert!(late.claim() == Phase::Stop);
    }

    #[test]
    fn cpu_time_is_read_from_proc() {
        if cfg!(target_os = "linux") {
            assert!(cpu_time().is_some());
        }
    }
}
