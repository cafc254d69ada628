//! The access log: one line per request, written by a thread of its own so
//! a slow terminal or disk never holds up a request.
//!
//! A line names the time, the client, the access key id, the operation,
//! the status, the exception, the time taken and the request id, as
//! `key=value` pairs. Never a body, a header value other than those, a
//! secret or a signature. Values a client chose (access key id, operation)
//! are cut to 64 characters of `[A-Za-z0-9._-]`, others shown as `?`, so a
//! client cannot forge lines.

use std::io::Write;
use std::net::SocketAddr;
use std::path::Path;
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::mpsc::{Receiver, SyncSender, TrySendError, sync_channel};
use std::thread::JoinHandle;

use time::OffsetDateTime;
use time::format_description::well_known::Rfc3339;

use crate::cli::exit::CliResult;

/// Lines waiting for the writer; beyond it, lines are dropped and counted.
const QUEUE: usize = 16_384;

/// One request, as the access log records it.
pub struct Entry {
    /// When the request's head arrived.
    pub time: OffsetDateTime,
    /// The client.
    pub peer: SocketAddr,
    /// The access key id, verified or claimed.
    pub access_key_id: Option<String>,
    /// The operation named by `X-Amz-Target` (or `-`).
    pub operation: Option<String>,
    /// The HTTP status answered.
    pub status: u16,
    /// The exception answered, if any.
    pub exception: Option<String>,
    /// Microseconds from the head's arrival to the answer.
    pub micros: u64,
    /// The `x-amzn-RequestId` answered.
    pub request_id: uuid::Uuid,
}

/// The sending side, shared by the request handlers.
pub struct AccessLog {
    queue: SyncSender<Option<Entry>>,
    dropped: Arc<AtomicU64>,
}

/// The writer thread; joining it flushes every line sent before.
pub struct Writer {
    queue: SyncSender<Option<Entry>>,
    thread: JoinHandle<()>,
    dropped: Arc<AtomicU64>,
}

/// Opens the log at `path` (`-`: standard error; a file is appended to,
/// created 0600) and starts its writer.
pub fn open(path: &Path) -> CliResult<(AccessLog, Writer)> {
    let out: Box<dyn Write + Send> = if path == Path::new("-") {
        Box::new(std::io::stderr())
    } else {
        let mut options = std::fs::OpenOptions::new();
        options.create(true).append(true);
        #[cfg(unix)]
        std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
        Box::new(
            options
                .open(path)
                .map_err(|e| lkms::Error::io(format!("--access-log {}", path.display()), e))?,
        )
    };
    let (queue, lines) = sync_channel(QUEUE);
    let dropped = Arc::new(AtomicU64::new(0));
    let thread = std::thread::Builder::new()
        .name("lkms-access-log".into())
        .spawn(move || write_lines(lines, out))
        .map_err(|e| lkms::Error::io("starting the access log", e))?;
    Ok((
        AccessLog {
            queue: queue.clone(),
            dropped: dropped.clone(),
        },
        Writer {
            queue,
            thread,
            dropped,
        },
    ))
}

impl AccessLog {
    /// Queues one line; drops it (counted) when the writer is behind.
    pub fn record(&self, entry: Entry) {
        match self.queue.try_send(Some(entry)) {
            Ok(()) => {}
            Err(TrySendError::Full(_)) | Err(TrySendError::Disconnected(_)) => {
                self.dropped.fetch_add(1, Ordering::Relaxed);
            }
        }
    }
}

impl Writer {
    /// Writes every line queued so far, then stops the writer (lines
    /// recorded later are dropped); the number of lines dropped.
    pub fn finish(self) -> u64 {
        let _ = self.queue.send(None);
        let _ = self.thread.join();
        self.dropped.load(Ordering::Relaxed)
    }
}

fn write_lines(lines: Receiver<Option<Entry>>, out: Box<dyn Write + Send>) {
    let mut out = std::io::BufWriter::with_capacity(64 * 1024, out);
    let mut line = String::with_capacity(256);
    while let Ok(Some(entry)) = lines.recv() {
        format(&entry, &mut line);
        let _ = out.write_all(line.as_bytes());
        // Drain what is waiting, then flush once.
        let mut end = false;
        while let Ok(next) = lines.try_recv() {
            let Some(entry) = next else {
                end = true;
                break;
            };
            format(&entry, &mut line);
            let _ = out.write_all(line.as_bytes());
        }
        let _ = out.flush();
        if end {
            break;
        }
    }
    let _ = out.flush();
}

/// Formats one line (with its newline) into `line`.
fn format(e: &Entry, line: &mut String) {
    use std::fmt::Write as _;
    line.clear();
    let time = e
        .time
        .format(&Rfc3339)
        .unwrap_or_else(|_| e.time.unix_timestamp().to_string());
    let _ = write!(line, "time={time} peer={} access_key=", e.peer);
    untrusted(e.access_key_id.as_deref(), line);
    line.push_str(" operation=");
    untrusted(e.operation.as_deref(), line);
    let _ = write!(line, " status={} exception=", e.status);
    untrusted(e.exception.as_deref(), line);
    let _ = writeln!(line, " micros={} request_id={}", e.micros, e.request_id);
}

/// Appends a value a client may have chosen: `-` when absent, else at most
/// 64 characters with anything outside `[A-Za-z0-9._-]` shown as `?`.
fn untrusted(value: Option<&str>, line: &mut String) {
    match value {
        None | Some("") => line.push('-'),
        Some(v) => line.extend(v.chars().take(64).map(|c| {
            if c.is_ascii_alphanumeric() || matches!(c, '.' | '_' | '-') {
                c
            } else {
                '?'
            }
        })),
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    fn entry() -> Entry {
        Entry {
            time: time::macros::datetime!(2026-12-01 03:04:05.123456 UTC),
            peer: "127.0.0.1:40000".parse().unwrap(),
            access_key_id: Some("LKIAABCDEFGHIJKLMNOP".into()),
            operation: Some("Encrypt".into()),
            status: 200,
            exception: None,
            micros: 153,
            request_id: uuid::Uuid::nil(),
        }
    }

    #[test]
    fn a_line_names_each_field() {
        let mut line = String::new();
        format(&entry(), &mut line);
        assert_eq!(
            line,
            "time=2026-12-01T03:04:05.123456Z peer=127.0.0.1:40000 access_key=LKIAABCDEFGHIJKLMNOP \
             operation=Encrypt status=200 exception=- micros=153 \
             request_id=00000000-0000-0000-0000-000000000000\n"
        );
    }

    #[test]
    fn client_chosen_values_cannot_forge_lines_or_fields() {
        let mut e = entry();
        e.operation = Some("Encrypt\ntime=forged status=200".into());
        e.access_key_id = Some("x".repeat(500));
        let mut line = String::new();
        format(&e, &mut line);
        assert_eq!(line.matches('\n').count(), 1);
        assert!(
            line.contains("operation=Encrypt?time?forged?status?200 "),
            "{line}"
        );
        assert!(
            line.contains(&format!("access_key={} ", "x".repeat(64))),
            "{line}"
        );
    }

    #[test]
    fn lines_reach_the_file_when_the_writer_finishes() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("access.log");
        let (log, writer) = open(&path).unwrap();
        log.record(entry());
        log.record(entry());
        // Senders still alive (a stuck request) do not hold up the end.
        assert_eq!(writer.finish(), 0);
        log.record(entry());
        let text = std::fs::read_to_string(&path).unwrap();
        assert_eq!(text.lines().count(), 2);
    }
}
