//! Envelope encryption of files and streams of any size.
//!
//! A fresh 256-bit data key per file encrypts the body in fixed-size chunks
//! with AES-256-GCM (aws-lc-rs); the header carries the data key wrapped
//! under one or more CMKs, the encryption context, the chunk size and the
//! suite, and a tag that authenticates all of it and commits the file to one
//! data key. The construction is the STREAM of age and Tink's
//! AES-GCM-HKDF-Streaming, with the AWS Encryption SDK's context encoding
//! and key commitment; docs/FORMAT.md gives every byte and the reasoning.
//!
//! This module knows nothing of keyrings: the caller wraps and unwraps the
//! data key. Chunks are independent (nonce = prefix ‖ counter ‖ last flag),
//! so they are sealed and opened on every core: a reader thread, worker
//! threads, and the caller's thread writing in order. Memory is bounded by
//! the batches in flight, whatever the file size.

mod header;
mod recipient;

use std::collections::BTreeMap;
use std::io::{self, Read, Write};
use std::sync::mpsc::{Receiver, SyncSender, sync_channel};
use std::sync::{Arc, Mutex};

use aws_lc_rs::aead::{AES_256_GCM, Aad, LessSafeKey, Nonce, UnboundKey};

pub use header::{
    BodyKeys, CHUNK_EXPONENTS, DEFAULT_CHUNK_EXPONENT, Header, MAGIC, MAX_HEADER_LEN,
    MAX_WRAPPED_KEYS, VERSION, WrappedKey,
};
pub use recipient::{Recipient, RecipientKey, RecipientKind};

use crate::error::{Error, Result};
use crate::secret::Key256;

/// The GCM tag length of every chunk.
pub const TAG_LEN: usize = 16;
/// Chunks per unit of work handed to a thread.
const BATCH_CHUNKS: usize = 16;
/// The most chunks a file may have (the counter is 32 bits).
pub const MAX_CHUNKS: u64 = 1 << 32;

/// How to run a pipeline.
#[derive(Clone, Copy)]
pub struct Options<'a> {
    /// Worker threads (at least 1).
    pub threads: usize,
    /// Called with the number of plaintext bytes done so far.
    pub progress: Option<&'a (dyn Fn(u64) + Sync)>,
}

impl Default for Options<'_> {
    fn default() -> Self {
        Options {
            threads: std::thread::available_parallelism().map_or(2, |n| n.get()),
            progress: None,
        }
    }
}

fn aead(keys: &BodyKeys) -> LessSafeKey {
    let key = UnboundKey::new(&AES_256_GCM, keys.key.expose())
        .unwrap_or_else(|_| unreachable!("a 32-byte key fits AES-256-GCM"));
    LessSafeKey::new(key)
}

fn nonce(prefix: &[u8; 7], index: u64, last: bool) -> Nonce {
    let mut n = [0u8; 12];
    n[..7].copy_from_slice(prefix);
    n[7..11].copy_from_slice(&(index as u32).to_be_bytes());
    n[11] = u8::from(last);
    Nonce::assume_unique_for_key(n)
}

/// Reads until `buf` is full or the input ends; returns the bytes read.
fn fill(input: &mut impl Read, buf: &mut [u8]) -> io::Result<usize> {
    let mut n = 0;
    while n < buf.len() {
        match input.read(&mut buf[n..]) {
            Ok(0) => break,
            Ok(k) => n += k,
            Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
            Err(e) => return Err(e),
        }
    }
    Ok(n)
}

/// Chunk buffers go back from the writer to the reader, so a run allocates
/// (and faults in) only the buffers in flight, not one per chunk.
struct Pool {
    back: std::sync::mpsc::Sender<Vec<u8>>,
    free: Mutex<Receiver<Vec<u8>>>,
    len: usize,
}

impl Pool {
    fn new(len: usize) -> Self {
        let (back, free) = std::sync::mpsc::channel();
        Pool {
            back,
            free: Mutex::new(free),
            len,
        }
    }

    /// A buffer of `len` bytes with room for a tag; only a new buffer is
    /// zeroed.
    fn get(&self) -> Vec<u8> {
        let reused = self.free.lock().ok().and_then(|f| f.try_recv().ok());
        let mut v = reused.unwrap_or_else(|| Vec::with_capacity(self.len + TAG_LEN));
        v.resize(self.len, 0);
        v
    }

    /// Returns a buffer. Its bytes are left as they are (every use
    /// overwrites what it reads), so reuse costs no memset.
    fn put(&self, v: Vec<u8>) {
        let _ = self.back.send(v);
    }
}

/// Cuts a stream into chunks of the pool's size, with one chunk of
/// read-ahead so that the chunk in hand is known to be the last exactly when
/// nothing follows it.
struct Chunker<'a, R> {
    input: R,
    pool: &'a Pool,
    ahead: Vec<u8>,
    ahead_len: usize,
    index: u64,
    done: bool,
    /// A non-empty chunk after a full one must have at least this many bytes.
    min_tail: usize,
    /// The error for a stream with more chunks than the counter allows.
    too_long: fn() -> Error,
}

impl<'a, R: Read> Chunker<'a, R> {
    fn new(
        mut input: R,
        pool: &'a Pool,
        min_tail: usize,
        too_long: fn() -> Error,
    ) -> io::Result<Self> {
        let mut ahead = pool.get();
        let ahead_len = fill(&mut input, &mut ahead)?;
        Ok(Chunker {
            input,
            pool,
            ahead,
            ahead_len,
            index: 0,
            done: false,
            min_tail,
            too_long,
        })
    }

    /// The next batch of up to BATCH_CHUNKS chunks, `None` after the last.
    fn next_batch(&mut self, seq: u64) -> Result<Option<Batch>> {
        if self.done {
            return Ok(None);
        }
        let first = self.index;
        let mut chunks = Vec::with_capacity(BATCH_CHUNKS);
        while chunks.len() < BATCH_CHUNKS {
            if self.index >= MAX_CHUNKS {
                return Err((self.too_long)());
            }
            let mut chunk = std::mem::replace(&mut self.ahead, self.pool.get());
            chunk.truncate(self.ahead_len);
            self.ahead_len = if self.ahead_len == self.pool.len {
                fill(&mut self.input, &mut self.ahead).map_err(io_err("reading the input"))?
            } else {
                0
            };
            if self.ahead_len > 0 && self.ahead_len < self.min_tail {
                return Err(truncated());
            }
            chunks.push(chunk);
            self.index += 1;
            if self.ahead_len == 0 {
                self.done = true;
                break;
            }
        }
        Ok(Some(Batch {
            seq,
            first,
            chunks,
            ends: self.done,
        }))
    }
}

/// One unit of work: consecutive chunks starting at `first`.
struct Batch {
    seq: u64,
    first: u64,
    /// Each chunk's bytes (plaintext in, ciphertext out, or the reverse).
    chunks: Vec<Vec<u8>>,
    /// Whether the batch ends with the file's last chunk.
    ends: bool,
}

/// Runs `read_batch` on a reader thread, `work` on worker threads, and
/// hands finished batches to `write` in order on this thread.
fn pipeline<R, W>(
    threads: usize,
    mut read_batch: R,
    work: &(dyn Fn(&mut Batch) -> Result<()> + Sync),
    mut write: W,
) -> Result<()>
where
    R: FnMut(u64) -> Result<Option<Batch>> + Send,
    W: FnMut(Batch) -> Result<()>,
{
    let threads = threads.max(1);
    std::thread::scope(|s| {
        let (to_workers, from_reader): (SyncSender<Batch>, Receiver<Batch>) =
            sync_channel(threads * 2);
        let (to_writer, from_workers) = sync_channel::<Result<Batch>>(threads * 2);
        let from_reader = Arc::new(Mutex::new(from_reader));
        let reader = s.spawn(move || -> Result<()> {
            let mut seq = 0;
            while let Some(batch) = read_batch(seq)? {
                seq += 1;
                let ends = batch.ends;
                if to_workers.send(batch).is_err() || ends {
                    break;
                }
            }
            Ok(())
        });
        for _ in 0..threads {
            let from_reader = Arc::clone(&from_reader);
            let to_writer = to_writer.clone();
            s.spawn(move || {
                loop {
                    let next = from_reader.lock().map(|r| r.recv());
                    let Ok(Ok(mut batch)) = next else { break };
                    let result = work(&mut batch).map(|()| batch);
                    let failed = result.is_err();
                    if to_writer.send(result).is_err() || failed {
                        break;
                    }
                }
            });
        }
        // Only the workers may hold the receiving end: when they stop, the
        // reader's next send fails instead of blocking forever.
        drop(from_reader);
        drop(to_writer);
        let mut pending = BTreeMap::new();
        let mut next_seq = 0;
        let mut outcome = Ok(());
        for result in from_workers.iter() {
            match result {
                Ok(batch) => {
                    pending.insert(batch.seq, batch);
                    while let Some(batch) = pending.remove(&next_seq) {
                        next_seq += 1;
                        if let Err(e) = write(batch) {
                            outcome = Err(e);
                            break;
                        }
                    }
                }
                Err(e) => outcome = Err(e),
            }
            if outcome.is_err() {
                break;
            }
        }
        // Dropping the receivers stops the reader and the workers.
        drop(from_workers);
        drop(pending);
        let read = reader.join().unwrap_or_else(|_| {
            Err(Error::io(
                "reading",
                io::Error::other("the reader thread panicked"),
            ))
        });
        outcome.and(read)
    })
}

/// Where a pipeline writes. A regular file is written by the workers at
/// each chunk's offset, so no single thread carries all the output; any
/// other writer gets the chunks in order from one thread.
enum Output<'a> {
    /// A stream: stdout, a pipe, a device.
    Stream(&'a mut dyn Write),
    /// A regular file, written at offsets from its start (it should be empty).
    File(&'a std::fs::File),
}

#[cfg(unix)]
fn write_at(file: &std::fs::File, buf: &[u8], offset: u64) -> io::Result<()> {
    use std::os::unix::fs::FileExt;
    file.write_all_at(buf, offset)
}

#[cfg(not(unix))]
fn write_at(mut file: &std::fs::File, buf: &[u8], offset: u64) -> io::Result<()> {
    // Without positional writes the seek and the write must not interleave
    // with another thread's.
    use std::io::Seek;
    static LOCK: Mutex<()> = Mutex::new(());
    let _guard = LOCK.lock().map_err(|_| io::Error::other("poisoned lock"))?;
    file.seek(io::SeekFrom::Start(offset))?;
    file.write_all(buf)
}

/// What a pipeline did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Summary {
    /// Plaintext bytes.
    pub plaintext_len: u64,
    /// Chunks.
    pub chunks: u64,
}

fn io_err(what: &'static str) -> impl Fn(io::Error) -> Error {
    move |e| Error::io(what, e)
}

/// Encrypts `input` to `output`: the header, then the body. The caller
/// made `data_key` and wrapped it into `header`'s keys.
pub fn encrypt(
    data_key: &Key256,
    header: &Header,
    input: impl Read + Send,
    mut output: impl Write,
    opts: Options<'_>,
) -> Result<Summary> {
    encrypt_into(data_key, header, input, Output::Stream(&mut output), opts)
}

/// Like [`encrypt`], into an empty regular file that the workers write at
/// each chunk's offset.
pub fn encrypt_to_file(
    data_key: &Key256,
    header: &Header,
    input: impl Read + Send,
    output: &std::fs::File,
    opts: Options<'_>,
) -> Result<Summary> {
    encrypt_into(data_key, header, input, Output::File(output), opts)
}

fn encrypt_into(
    data_key: &Key256,
    header: &Header,
    mut input: impl Read + Send,
    output: Output<'_>,
    opts: Options<'_>,
) -> Result<Summary> {
    let (bytes, keys) = header.encode(data_key);
    let write_err = io_err("writing the encrypted file");
    let mut output = output;
    match &mut output {
        Output::Stream(w) => w.write_all(&bytes),
        Output::File(f) => write_at(f, &bytes, 0),
    }
    .map_err(io_err("writing the encrypted file"))?;
    let c = header.chunk_size();
    let aead = aead(&keys);
    let pool = Pool::new(c);
    let mut chunker = Chunker::new(&mut input, &pool, 0, || {
        Error::validation("the input is too large for one encrypted file")
    })
    .map_err(io_err("reading the input"))?;
    let read_batch = |seq| chunker.next_batch(seq);
    let file = match &output {
        Output::File(f) => Some(*f),
        Output::Stream(_) => None,
    };
    let body_start = bytes.len() as u64;
    let work = |b: &mut Batch| -> Result<()> {
        let n = b.chunks.len();
        for (i, chunk) in b.chunks.iter_mut().enumerate() {
            let index = b.first + i as u64;
            let last = b.ends && i + 1 == n;
            aead.seal_in_place_append_tag(nonce(&keys.prefix, index, last), Aad::empty(), chunk)
                .map_err(|_| Error::validation("AES-GCM refused a chunk"))?;
            if let Some(f) = file {
                let offset = body_start + index * (c + TAG_LEN) as u64;
                write_at(f, chunk, offset).map_err(io_err("writing the encrypted file"))?;
            }
        }
        Ok(())
    };
    let mut summary = Summary {
        plaintext_len: 0,
        chunks: 0,
    };
    pipeline(opts.threads, read_batch, &work, |b| {
        for chunk in b.chunks {
            if let Output::Stream(w) = &mut output {
                w.write_all(&chunk)
                    .map_err(io_err("writing the encrypted file"))?;
            }
            summary.plaintext_len += (chunk.len() - TAG_LEN) as u64;
            summary.chunks += 1;
            pool.put(chunk);
        }
        if let Some(p) = opts.progress {
            p(summary.plaintext_len);
        }
        Ok(())
    })?;
    if let Output::Stream(w) = &mut output {
        w.flush().map_err(write_err)?;
    }
    Ok(summary)
}

fn truncated() -> Error {
    Error::InvalidCiphertext(
        "the encrypted file is truncated, or chunks were removed, reordered or altered".into(),
    )
}

/// Decrypts the body that follows a verified header. Each chunk reaches
/// `output` only after it authenticates, in order; the last chunk must
/// authenticate as the last (so truncation at a chunk boundary fails) and
/// nothing may follow it. On error, whatever was already written to
/// `output` is authentic but incomplete: the caller discards it.
pub fn decrypt(
    header: &Header,
    keys: &BodyKeys,
    input: impl Read + Send,
    mut output: impl Write,
    opts: Options<'_>,
) -> Result<Summary> {
    decrypt_into(header, keys, input, Output::Stream(&mut output), opts)
}

/// Like [`decrypt`], into an empty regular file that the workers write at
/// each chunk's offset as soon as the chunk authenticates. If it fails, the
/// file holds authenticated chunks with gaps: the caller must discard it.
pub fn decrypt_to_file(
    header: &Header,
    keys: &BodyKeys,
    input: impl Read + Send,
    output: &std::fs::File,
    opts: Options<'_>,
) -> Result<Summary> {
    decrypt_into(header, keys, input, Output::File(output), opts)
}

fn decrypt_into(
    header: &Header,
    keys: &BodyKeys,
    mut input: impl Read + Send,
    output: Output<'_>,
    opts: Options<'_>,
) -> Result<Summary> {
    let mut output = output;
    let plain = header.chunk_size() as u64;
    let c = header.chunk_size() + TAG_LEN;
    let aead = aead(keys);
    let pool = Pool::new(c);
    // A chunk shorter than a tag can only be the torn end of a chunk.
    let mut chunker = Chunker::new(&mut input, &pool, TAG_LEN, truncated)
        .map_err(io_err("reading the encrypted file"))?;
    if chunker.ahead_len < TAG_LEN {
        return Err(truncated());
    }
    let read_batch = |seq| chunker.next_batch(seq);
    let file = match &output {
        Output::File(f) => Some(*f),
        Output::Stream(_) => None,
    };
    let work = |b: &mut Batch| -> Result<()> {
        let n = b.chunks.len();
        for (i, chunk) in b.chunks.iter_mut().enumerate() {
            let last = b.ends && i + 1 == n;
            let idx = b.first + i as u64;
            // Only a sole chunk may be empty (an empty file): anything else
            // is not what an encryptor writes.
            if last && chunk.len() == TAG_LEN && idx > 0 {
                return Err(truncated());
            }
            let len = aead
                .open_in_place(nonce(&keys.prefix, idx, last), Aad::empty(), chunk)
                .map_err(|_| truncated())?
                .len();
            chunk.truncate(len);
            // Only an authenticated chunk is written; a file output is
            // discarded by the caller if a later chunk fails.
            if let Some(f) = file {
                write_at(f, chunk, idx * plain).map_err(io_err("writing the decrypted output"))?;
            }
        }
        Ok(())
    };
    let mut summary = Summary {
        plaintext_len: 0,
        chunks: 0,
    };
    pipeline(opts.threads, read_batch, &work, |b| {
        for chunk in b.chunks {
            if let Output::Stream(w) = &mut output {
                w.write_all(&chunk)
                    .map_err(io_err("writing the decrypted output"))?;
            }
            summary.plaintext_len += chunk.len() as u64;
            summary.chunks += 1;
            pool.put(chunk);
        }
        if let Some(p) = opts.progress {
            p(summary.plaintext_len);
        }
        Ok(())
    })?;
    if let Output::Stream(w) = &mut output {
        w.flush().map_err(io_err("writing the decrypted output"))?;
    }
    Ok(summary)
}

/// The plaintext length of a body of `body_len` bytes with chunk size `c`,
/// if such a body can exist (age's rule): lets `inspect-file` report it
/// without keys, and rejects impossible sizes early.
pub fn plaintext_len(body_len: u64, chunk_size: usize) -> Option<u64> {
    let full = (chunk_size + TAG_LEN) as u64;
    if body_len < TAG_LEN as u64 {
        return None;
    }
    let chunks = body_len.div_ceil(full);
    let pt = body_len - chunks * TAG_LEN as u64;
    let expected_chunks = pt.div_ceil(chunk_size as u64).max(1);
    (expected_chunks == chunks).then_some(pt)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::context::EncryptionContext;
    use crate::key::{KeyId, KeyMaterialId};

    fn header(exp: u8) -> Header {
        let ctx =
            EncryptionContext::new([("app".to_string(), "web".to_string())].into()).expect("ctx");
        let key = WrappedKey {
            key_id: KeyId::random(),
            key_material_id: KeyMaterialId::random(),
            blob: vec![9; 145],
        };
        Header::new(ctx, vec![key], exp).expect("header")
    }

    fn round_trip(len: usize, exp: u8, threads: usize) -> Vec<u8> {
        let dk = Key256::random();
        let h = header(exp);
        let pt: Vec<u8> = (0..len).map(|i| (i * 7 % 251) as u8).collect();
        let mut ct = Vec::new();
        let opts = Options {
            threads,
            progress: None,
        };
        let s = encrypt(&dk, &h, &pt[..], &mut ct, opts).expect("encrypt");
        assert_eq!(s.plaintext_len, len as u64);
        let mut r = &ct[..];
        let (parsed, tag) = Header::read(&mut r).expect("read header");
        assert_eq!(parsed, h);
        let keys = parsed.verify(&tag, &dk).expect("verify");
        let body_len = r.len() as u64;
        assert_eq!(plaintext_len(body_len, h.chunk_size()), Some(len as u64));
        let mut out = Vec::new();
        decrypt(&parsed, &keys, r, &mut out, opts).expect("decrypt");
        assert_eq!(out, pt);
        ct
    }

    #[test]
    fn round_trips_at_chunk_boundaries() {
        let c = 4096;
        for len in [0, 1, c - 1, c, c + 1, 17 * c, 17 * c + 5, 40 * c] {
            for threads in [1, 3] {
                round_trip(len, 12, threads);
            }
        }
    }

    /// A failure deep in a large input must end the run, not leave the
    /// reader blocked on a full channel (the workers stop at the first bad
    /// chunk; the reader must then stop too).
    #[test]
    fn a_failure_in_a_long_input_returns_instead_of_hanging() {
        let dk = Key256::random();
        let h = header(12);
        let pt = vec![1u8; 4096 * 400];
        let mut ct = Vec::new();
        encrypt(&dk, &h, &pt[..], &mut ct, Options::default()).expect("encrypt");
        let body = h.len();
        ct[body + 10] ^= 1; // chunk 0
        let (tx, rx) = std::sync::mpsc::channel();
        std::thread::spawn(move || {
            let mut r = &ct[..];
            let (parsed, tag) = Header::read(&mut r).expect("header");
            let keys = parsed.verify(&tag, &dk).expect("verify");
            let result = decrypt(
                &parsed,
                &keys,
                r,
                io::sink(),
                Options {
                    threads: 2,
                    progress: None,
                },
            );
            let _ = tx.send(result.is_err());
        });
        // A generous guard against a hang, not a timing assertion.
        let failed = rx
            .recv_timeout(std::time::Duration::from_secs(60))
            .expect("decrypt of a tampered file hung");
        assert!(failed);
    }

    /// Workers writing at offsets produce the very bytes the ordered stream
    /// writer does, and a tampered file fails to decrypt into a file too.
    #[test]
    fn positional_file_output_matches_the_stream() {
        let dk = Key256::random();
        let h = header(12);
        let pt: Vec<u8> = (0..4096 * 70 + 9).map(|i| (i % 199) as u8).collect();
        let mut streamed = Vec::new();
        encrypt(&dk, &h, &pt[..], &mut streamed, Options::default()).expect("encrypt");
        let enc = tempfile::tempfile().expect("tempfile");
        encrypt_to_file(&dk, &h, &pt[..], &enc, Options::default()).expect("encrypt to file");
        let mut written = Vec::new();
        io::Seek::rewind(&mut &enc).expect("rewind");
        (&enc).read_to_end(&mut written).expect("read back");
        assert_eq!(written, streamed);

        let mut r = &written[..];
        let (parsed, tag) = Header::read(&mut r).expect("header");
        let keys = parsed.verify(&tag, &dk).expect("verify");
        let dec = tempfile::tempfile().expect("tempfile");
        let s =
            decrypt_to_file(&parsed, &keys, r, &dec, Options::default()).expect("decrypt to file");
        assert_eq!(s.plaintext_len, pt.len() as u64);
        let mut back = Vec::new();
        io::Seek::rewind(&mut &dec).expect("rewind");
        (&dec).read_to_end(&mut back).expect("read back");
        assert_eq!(back, pt);

        let mut bad = written.clone();
        let n = bad.len();
        bad[n - 100] ^= 4;
        let mut r = &bad[..];
        let (parsed, tag) = Header::read(&mut r).expect("header");
        let keys = parsed.verify(&tag, &dk).expect("verify");
        let dec = tempfile::tempfile().expect("tempfile");
        assert!(decrypt_to_file(&parsed, &keys, r, &dec, Options::default()).is_err());
    }

    #[test]
    fn every_truncation_and_bit_flip_fails() {
        let c = 4096;
        let dk = Key256::random();
        let h = header(12);
        let pt = vec![5u8; 2 * c + 100];
        let mut ct = Vec::new();
        encrypt(&dk, &h, &pt[..], &mut ct, Options::default()).expect("encrypt");
        let try_decrypt = |bytes: &[u8]| -> Result<Vec<u8>> {
            let mut r = bytes;
            let (parsed, tag) = Header::read(&mut r)?;
            let keys = parsed.verify(&tag, &dk)?;
            let mut out = Vec::new();
            decrypt(&parsed, &keys, r, &mut out, Options::default())?;
            Ok(out)
        };
        assert_eq!(try_decrypt(&ct).expect("intact"), pt);
        for cut in
            (0..ct.len())
                .step_by(37)
                .chain([h.len(), h.len() + c + 16, h.len() + 2 * (c + 16)])
        {
            assert!(try_decrypt(&ct[..cut]).is_err(), "truncated at {cut}");
        }
        for i in (0..ct.len()).step_by(13) {
            let mut bad = ct.clone();
            bad[i] ^= 0x10;
            assert!(try_decrypt(&bad).is_err(), "flipped byte {i}");
        }
        let mut extended = ct.clone();
        extended.push(0);
        assert!(try_decrypt(&extended).is_err());
    }
}
