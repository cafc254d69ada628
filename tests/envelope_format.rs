//! Properties of the encrypted file format (issue 4, DESIGN.md section 5),
//! tested on the library: `lkms::envelope` with a random data key and fake
//! wrapped keys, no keyring.
//!
//! - round trips at sizes 0, 1, C-1, C, C+1 and many chunks, on 1 and 2
//!   threads, and 5 GiB streamed through a pipe;
//! - every truncation point, every reordering, duplication or removal of
//!   chunks, and a flipped bit anywhere make decryption fail;
//! - a header from another file, or another file's body, fails; a wrong data
//!   key fails at the header;
//! - whatever decrypt wrote before failing is a prefix of the plaintext made
//!   of whole authenticated chunks;
//! - the bytes are laid out as docs/FORMAT.md says, checked with an
//!   independent implementation of the key schedule (aws-lc-rs HKDF/HMAC).
#![allow(clippy::unwrap_used)]

use std::io::{self, Read, Write};
use std::sync::Mutex;

use lkms::Error;
use lkms::context::EncryptionContext;
use lkms::envelope::{self, DEFAULT_CHUNK_EXPONENT, Header, Options, TAG_LEN, WrappedKey};
use lkms::key::{KeyId, KeyMaterialId};
use lkms::secret::Key256;
use proptest::prelude::*;
use sha2::{Digest, Sha256};

/// Chunk exponent of the small tests: 4 KiB chunks.
const EXP: u8 = 12;
const C: usize = 1 << EXP;

fn context() -> EncryptionContext {
    EncryptionContext::new(
        [
            ("app".to_string(), "web".to_string()),
            ("env".to_string(), "prod".to_string()),
        ]
        .into(),
    )
    .unwrap()
}

fn fake_key(fill: u8) -> WrappedKey {
    WrappedKey {
        key_id: KeyId::random(),
        key_material_id: KeyMaterialId::random(),
        blob: vec![fill; 145],
    }
}

/// A header for a new file (fresh salt) with one or two fake wrapped keys.
fn header(exp: u8) -> Header {
    Header::new(context(), vec![fake_key(9), fake_key(7)], exp).unwrap()
}

fn opts(threads: usize) -> Options<'static> {
    Options {
        threads,
        progress: None,
    }
}

/// Deterministic, position-dependent plaintext (no two chunks alike).
fn plaintext(len: usize, seed: u64) -> Vec<u8> {
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

/// Encrypts `pt` into a whole file (header and body).
fn seal(dk: &Key256, h: &Header, pt: &[u8], threads: usize) -> Vec<u8> {
    let mut file = Vec::new();
    let s = envelope::encrypt(dk, h, pt, &mut file, opts(threads)).unwrap();
    assert_eq!(s.plaintext_len, pt.len() as u64);
    file
}

/// The receiving side as the CLI does it: read and verify the header, then
/// decrypt the body. Returns the outcome and what reached the output.
fn open(dk: &Key256, file: &[u8], threads: usize) -> (lkms::Result<()>, Vec<u8>) {
    let mut out = Vec::new();
    let r = open_into(dk, file, threads, &mut out);
    (r, out)
}

fn open_into(dk: &Key256, file: &[u8], threads: usize, out: &mut Vec<u8>) -> lkms::Result<()> {
    let mut input = file;
    let (h, tag) = Header::read(&mut input)?;
    let keys = h.verify(&tag, dk)?;
    envelope::decrypt(&h, &keys, input, out, opts(threads))?;
    Ok(())
}

/// Asserts decryption of `file` fails as an invalid ciphertext and that what
/// reached the output is a prefix of `pt` made of whole chunks of size `c`.
#[track_caller]
fn assert_rejected(dk: &Key256, file: &[u8], pt: &[u8], c: usize, threads: usize, what: &str) {
    let (r, out) = open(dk, file, threads);
    match r {
        Err(Error::InvalidCiphertext(_)) => {}
        Err(e) => panic!("{what}: failed, but not as an invalid ciphertext: {e:?}"),
        Ok(()) => panic!(
            "{what}: decryption succeeded ({} bytes out of {} expected)",
            out.len(),
            pt.len()
        ),
    }
    assert_whole_chunk_prefix(&out, pt, c, what);
}

#[track_caller]
fn assert_whole_chunk_prefix(out: &[u8], pt: &[u8], c: usize, what: &str) {
    assert!(
        out.len().is_multiple_of(c) && out.len() <= pt.len() && pt.starts_with(out),
        "{what}: a failed decryption wrote {} bytes that are not a prefix of whole \
         authenticated chunks (chunk size {c})",
        out.len()
    );
}

/// The number of chunks of a `len`-byte plaintext: an empty file is one
/// empty chunk.
fn chunks_of(len: usize, c: usize) -> usize {
    len.div_ceil(c).max(1)
}

/// The byte ranges of each chunk of a file's body (offsets in the file).
fn chunk_ranges(file_len: usize, header_len: usize, c: usize) -> Vec<std::ops::Range<usize>> {
    let mut out = Vec::new();
    let mut at = header_len;
    while at < file_len {
        let end = (at + c + TAG_LEN).min(file_len);
        out.push(at..end);
        at = end;
    }
    out
}

/// A file rebuilt from its header and a list of chunk ciphertexts.
fn assemble(file: &[u8], header_len: usize, chunks: &[&[u8]]) -> Vec<u8> {
    let mut out = file[..header_len].to_vec();
    for c in chunks {
        out.extend_from_slice(c);
    }
    out
}

// ---------------------------------------------------------------------------
// Round trips
// ---------------------------------------------------------------------------

#[test]
fn round_trips_at_sizes_around_chunk_and_batch_boundaries_on_one_and_two_threads() {
    let sizes = [
        0,
        1,
        C - 1,
        C,
        C + 1,
        2 * C - 1,
        2 * C,
        2 * C + 1,
        16 * C, // a whole batch of the pipeline
        16 * C + 1,
        37 * C + 5,
        64 * C,
    ];
    for (i, &len) in sizes.iter().enumerate() {
        let pt = plaintext(len, i as u64);
        for threads in [1, 2] {
            let dk = Key256::random();
            let h = header(EXP);
            let file = seal(&dk, &h, &pt, threads);
            let n = chunks_of(len, C);
            assert_eq!(
                file.len(),
                h.len() + len + n * TAG_LEN,
                "size {len}: header + plaintext + one tag per chunk ({n} chunks)"
            );
            assert_eq!(
                envelope::plaintext_len((file.len() - h.len()) as u64, C),
                Some(len as u64),
                "size {len}: the plaintext length follows from the body length"
            );
            // Decrypt with the other thread count too.
            for dthreads in [1, 2] {
                let (r, out) = open(&dk, &file, dthreads);
                r.unwrap_or_else(|e| panic!("size {len}, threads {threads}/{dthreads}: {e:?}"));
                assert!(out == pt, "size {len}: the round trip changed the data");
            }
            let mut input = &file[..];
            let (parsed, _) = Header::read(&mut input).unwrap();
            assert_eq!(parsed, h, "the header reads back as written");
            assert_eq!(
                input.len(),
                file.len() - h.len(),
                "read consumes the header only"
            );
        }
    }
}

#[test]
fn round_trips_with_the_default_64_kib_chunks_and_the_largest_and_smallest_exponents() {
    let c = 1 << DEFAULT_CHUNK_EXPONENT;
    for (i, len) in [0, 1, c - 1, c, c + 1, 3 * c + 7].into_iter().enumerate() {
        let pt = plaintext(len, 100 + i as u64);
        let dk = Key256::random();
        let h = Header::new(context(), vec![fake_key(1)], DEFAULT_CHUNK_EXPONENT).unwrap();
        assert_eq!(h.chunk_size(), 65536);
        let file = seal(&dk, &h, &pt, 2);
        assert_eq!(file.len(), h.len() + len + chunks_of(len, c) * TAG_LEN);
        let (r, out) = open(&dk, &file, 2);
        r.unwrap();
        assert!(out == pt, "size {len}");
    }
    for exp in [
        *envelope::CHUNK_EXPONENTS.start(),
        *envelope::CHUNK_EXPONENTS.end(),
    ] {
        let c = 1usize << exp;
        let pt = plaintext(c + 3, u64::from(exp));
        let dk = Key256::random();
        let file = seal(&dk, &header(exp), &pt, 2);
        let (r, out) = open(&dk, &file, 2);
        r.unwrap();
        assert!(out == pt, "exponent {exp}");
    }
    for exp in [0, 11, 25, 255] {
        assert!(
            Header::new(context(), vec![fake_key(1)], exp).is_err(),
            "chunk exponent {exp} is outside 12..=24"
        );
    }
}

#[test]
fn progress_reports_grow_to_the_plaintext_length() {
    let len = 40 * C + 11;
    let pt = plaintext(len, 5);
    let seen = Mutex::new(Vec::new());
    let report = |n: u64| seen.lock().unwrap().push(n);
    let dk = Key256::random();
    let h = header(EXP);
    let mut file = Vec::new();
    let o = Options {
        threads: 2,
        progress: Some(&report),
    };
    envelope::encrypt(&dk, &h, &pt[..], &mut file, o).unwrap();
    let enc = std::mem::take(&mut *seen.lock().unwrap());
    let mut input = &file[..];
    let (h2, tag) = Header::read(&mut input).unwrap();
    let keys = h2.verify(&tag, &dk).unwrap();
    let mut out = Vec::new();
    envelope::decrypt(&h2, &keys, input, &mut out, o).unwrap();
    let dec = std::mem::take(&mut *seen.lock().unwrap());
    for (what, v) in [("encrypt", enc), ("decrypt", dec)] {
        assert!(!v.is_empty(), "{what}: no progress reported");
        assert!(v.windows(2).all(|w| w[0] <= w[1]), "{what}: {v:?}");
        assert_eq!(v.last().copied(), Some(len as u64), "{what}: {v:?}");
    }
}

// ---------------------------------------------------------------------------
// The layout, against docs/FORMAT.md, with an independent key schedule
// ---------------------------------------------------------------------------

struct Len(usize);
impl aws_lc_rs::hkdf::KeyType for Len {
    fn len(&self) -> usize {
        self.0
    }
}

/// docs/FORMAT.md's key schedule, with aws-lc-rs: (okm = K_body ‖ P, K_hdr).
fn documented_keys(file: &[u8], core_end: usize, dk: &Key256) -> ([u8; 39], [u8; 32]) {
    use aws_lc_rs::{digest, hkdf};
    let salt = &file[16..48];
    let prk = hkdf::Salt::new(hkdf::HKDF_SHA256, salt).extract(dk.expose());
    let mut core = file[..core_end].to_vec();
    core[11..15].copy_from_slice(&[0; 4]);
    let core_hash = digest::digest(&digest::SHA256, &core);
    let mut okm = [0u8; 39];
    prk.expand(&[b"lkms/v1 body", core_hash.as_ref()], Len(39))
        .unwrap()
        .fill(&mut okm)
        .unwrap();
    let mut k_hdr = [0u8; 32];
    prk.expand(&[b"lkms/v1 header"], Len(32))
        .unwrap()
        .fill(&mut k_hdr)
        .unwrap();
    (okm, k_hdr)
}

/// docs/FORMAT.md: `tag = HMAC-SHA-256(K_hdr, header[0 .. H-32])`, so a
/// reader written from the document accepts lkms files. (The code once MACed
/// a length prefix too; this test found it.)
#[test]
fn the_header_tag_is_the_documented_hmac() {
    use aws_lc_rs::hmac;
    let dk = Key256::random();
    let h = Header::new(context(), vec![fake_key(3)], EXP).unwrap();
    let file = seal(&dk, &h, b"tag", 1);
    let hl = h.len();
    let core_end = 50 + context().encode().len();
    let (_, k_hdr) = documented_keys(&file, core_end, &dk);
    let tag = hmac::sign(&hmac::Key::new(hmac::HMAC_SHA256, &k_hdr), &file[..hl - 32]);
    assert_eq!(
        &file[hl - 32..hl],
        tag.as_ref(),
        "the header tag is not HMAC-SHA-256(K_hdr, header[0 .. H-32])"
    );
}

#[test]
fn the_bytes_are_laid_out_and_keyed_as_documented() {
    use aws_lc_rs::aead::{AES_256_GCM, Aad, LessSafeKey, Nonce, UnboundKey};

    let dk = Key256::random();
    let k1 = fake_key(0xA1);
    let mut k2 = fake_key(0xB2);
    k2.blob = vec![0xB2; 200];
    let h = Header::new(context(), vec![k1.clone(), k2.clone()], EXP).unwrap();
    let pt = plaintext(2 * C + 10, 77);
    let file = seal(&dk, &h, &pt, 2);

    // The header, field by field.
    assert_eq!(
        &file[..8],
        &[0x89, 0x4C, 0x4B, 0x4D, 0x53, 0x0D, 0x0A, 0x1A]
    );
    assert_eq!(file[8], 1, "format version");
    assert_eq!(&file[9..11], &[0x00, 0x01], "suite");
    let hl = u32::from_be_bytes(file[11..15].try_into().unwrap()) as usize;
    assert_eq!(hl, h.len(), "header length field");
    assert_eq!(file[15], EXP, "chunk exponent");
    assert_eq!(&file[16..48], h.salt(), "salt");
    let ctx = context().encode();
    let ctx_len = u16::from_be_bytes([file[48], file[49]]) as usize;
    assert_eq!(ctx_len, ctx.len());
    assert_eq!(&file[50..50 + ctx_len], &ctx[..], "canonical context");
    let mut p = 50 + ctx_len;
    let core_end = p;
    assert_eq!(file[p], 2, "key count");
    p += 1;
    for k in [&k1, &k2] {
        assert_eq!(file[p], 0x01, "provider");
        assert_eq!(&file[p + 1..p + 17], k.key_id.as_bytes());
        assert_eq!(&file[p + 17..p + 49], k.key_material_id.as_bytes());
        let bl = u16::from_be_bytes([file[p + 49], file[p + 50]]) as usize;
        assert_eq!(bl, k.blob.len());
        assert_eq!(&file[p + 51..p + 51 + bl], &k.blob[..]);
        p += 51 + bl;
    }
    assert_eq!(p + 32, hl, "then a 32-byte tag ends the header");

    // The body keys, recomputed with aws-lc-rs (the header tag: see
    // the_header_tag_is_the_documented_hmac).
    let (okm, _) = documented_keys(&file, core_end, &dk);

    let mut input = &file[..];
    let (parsed, t) = Header::read(&mut input).unwrap();
    let keys = parsed.verify(&t, &dk).unwrap();
    assert_eq!(keys.key.expose(), &okm[..32], "the body key");
    assert_eq!(keys.prefix, okm[32..], "the nonce prefix");

    // The body: chunk i opens under prefix ‖ u32(i) ‖ last flag, no AAD.
    let aead = LessSafeKey::new(UnboundKey::new(&AES_256_GCM, &okm[..32]).unwrap());
    let nonce = |i: u32, last: bool| {
        let mut n = [0u8; 12];
        n[..7].copy_from_slice(&okm[32..]);
        n[7..11].copy_from_slice(&i.to_be_bytes());
        n[11] = u8::from(last);
        Nonce::assume_unique_for_key(n)
    };
    let ranges = chunk_ranges(file.len(), hl, C);
    assert_eq!(ranges.len(), 3);
    let mut body = Vec::new();
    for (i, r) in ranges.iter().enumerate() {
        let last = i + 1 == ranges.len();
        let mut c = file[r.clone()].to_vec();
        let mut wrong = c.clone();
        let got = aead
            .open_in_place(nonce(i as u32, last), Aad::empty(), &mut c)
            .unwrap_or_else(|_| panic!("chunk {i} does not open with the documented nonce"));
        body.extend_from_slice(got);
        assert!(
            aead.open_in_place(nonce(i as u32, !last), Aad::empty(), &mut wrong)
                .is_err(),
            "chunk {i} opens with the wrong last flag"
        );
    }
    assert!(body == pt);

    // An empty file: the header and one empty last chunk (a bare tag).
    let empty = seal(&dk, &h, &[], 1);
    assert_eq!(empty.len(), h.len() + TAG_LEN);
    let mut t = empty[h.len()..].to_vec();
    assert!(
        aead.open_in_place(nonce(0, true), Aad::empty(), &mut t)
            .unwrap()
            .is_empty()
    );
}

/// Seals `chunks` (plaintext, last flag) as a body under the file's own
/// body keys, as only a holder of the data key could.
fn forge_body(keys: &envelope::BodyKeys, chunks: &[(&[u8], bool)]) -> Vec<u8> {
    use aws_lc_rs::aead::{AES_256_GCM, Aad, LessSafeKey, Nonce, UnboundKey};
    let aead = LessSafeKey::new(UnboundKey::new(&AES_256_GCM, keys.key.expose()).unwrap());
    let mut body = Vec::new();
    for (i, (pt, last)) in chunks.iter().enumerate() {
        let mut n = [0u8; 12];
        n[..7].copy_from_slice(&keys.prefix);
        n[7..11].copy_from_slice(&(i as u32).to_be_bytes());
        n[11] = u8::from(*last);
        let mut c = pt.to_vec();
        aead.seal_in_place_append_tag(Nonce::assume_unique_for_key(n), Aad::empty(), &mut c)
            .unwrap();
        body.extend_from_slice(&c);
    }
    body
}

#[test]
fn only_the_canonical_body_is_accepted_even_from_the_key_holder() {
    let dk = Key256::random();
    let h = header(EXP);
    let (head, keys) = h.encode(&dk);
    let full = plaintext(2 * C, 30);
    let (a, b) = full.split_at(C);
    // The forger reproduces the encryptor exactly: accepted.
    let canonical = [&head[..], &forge_body(&keys, &[(a, false), (b, true)])].concat();
    let (r, out) = open(&dk, &canonical, 2);
    r.unwrap();
    assert!(out == full);
    // Full chunks then an empty last chunk: docs/FORMAT.md refuses it
    // (one encoding per plaintext, as age).
    let empty_last = [
        &head[..],
        &forge_body(&keys, &[(a, false), (b, false), (&[], true)]),
    ]
    .concat();
    assert_rejected(
        &dk,
        &empty_last,
        &full,
        C,
        2,
        "an empty last chunk after full chunks",
    );
    // A sole empty chunk is the empty file.
    let empty = [&head[..], &forge_body(&keys, &[(&[], true)])].concat();
    let (r, out) = open(&dk, &empty, 1);
    r.unwrap();
    assert!(out.is_empty());
    // A body with no chunk at all (the header alone) is not an empty file.
    assert_rejected(&dk, &head, &[], C, 1, "a header without a body");
}

// ---------------------------------------------------------------------------
// Truncation
// ---------------------------------------------------------------------------

#[test]
fn every_truncation_point_fails_header_included() {
    let dk = Key256::random();
    let h = header(EXP);
    let pt = plaintext(3 * C + 100, 1);
    let file = seal(&dk, &h, &pt, 2);
    assert_eq!(open(&dk, &file, 2).1, pt, "the intact file decrypts");
    for cut in 0..file.len() {
        let threads = 1 + cut % 2;
        assert_rejected(
            &dk,
            &file[..cut],
            &pt,
            C,
            threads,
            &format!("truncated to {cut} of {} bytes", file.len()),
        );
    }
    // Exactly at each chunk boundary (included above; named here).
    let boundaries: Vec<usize> = (0..=3).map(|k| h.len() + k * (C + TAG_LEN)).collect();
    for (k, &cut) in boundaries.iter().enumerate() {
        for threads in [1, 2] {
            assert_rejected(
                &dk,
                &file[..cut],
                &pt,
                C,
                threads,
                &format!("cut after {k} whole chunks"),
            );
        }
    }
}

#[test]
fn truncating_a_file_of_whole_chunks_or_an_empty_file_fails() {
    let dk = Key256::random();
    // A body of exactly 4 full chunks: the last chunk is full-sized, so only
    // its last flag tells it from a middle one.
    let pt = plaintext(4 * C, 2);
    let h = header(EXP);
    let file = seal(&dk, &h, &pt, 2);
    for k in 0..4 {
        let cut = h.len() + k * (C + TAG_LEN);
        assert_rejected(
            &dk,
            &file[..cut],
            &pt,
            C,
            2,
            &format!("{k} of 4 full chunks"),
        );
    }
    // The empty file: header + 16 bytes; every shorter prefix fails.
    let empty = seal(&dk, &h, &[], 2);
    for cut in 0..empty.len() {
        assert_rejected(
            &dk,
            &empty[..cut],
            &[],
            C,
            1,
            &format!("empty file cut at {cut}"),
        );
    }
}

#[test]
fn bytes_appended_after_the_last_chunk_fail() {
    let dk = Key256::random();
    let h = header(EXP);
    for len in [0, 5, C, 2 * C + 9] {
        let pt = plaintext(len, 3);
        let file = seal(&dk, &h, &pt, 2);
        let ranges = chunk_ranges(file.len(), h.len(), C);
        let last = file[ranges.last().unwrap().clone()].to_vec();
        for extra in [vec![0u8], vec![0u8; TAG_LEN], vec![0u8; C + TAG_LEN], last] {
            let mut longer = file.clone();
            longer.extend_from_slice(&extra);
            assert_rejected(
                &dk,
                &longer,
                &pt,
                C,
                2,
                &format!("{} bytes appended to a {len}-byte file", extra.len()),
            );
        }
    }
}

// ---------------------------------------------------------------------------
// Reordered, duplicated, dropped chunks
// ---------------------------------------------------------------------------

#[test]
fn reordered_duplicated_or_dropped_chunks_fail() {
    let dk = Key256::random();
    let h = header(EXP);
    let hl = h.len();
    // 7 chunks: 6 full and a short last one; and 40 full chunks (more than
    // two pipeline batches of 16), to move chunks across batches.
    for (n_full, tail) in [(6usize, 100usize), (40, 0)] {
        let pt = plaintext(n_full * C + tail, n_full as u64);
        let file = seal(&dk, &h, &pt, 2);
        let ranges = chunk_ranges(file.len(), hl, C);
        let chunks: Vec<&[u8]> = ranges.iter().map(|r| &file[r.clone()]).collect();
        let n = chunks.len();
        assert_eq!(n, n_full + usize::from(tail > 0));
        assert!(assemble(&file, hl, &chunks) == file);
        let mut cases: Vec<(String, Vec<&[u8]>)> = Vec::new();
        let swap = |a: usize, b: usize| {
            let mut v = chunks.clone();
            v.swap(a, b);
            (format!("chunks {a} and {b} swapped"), v)
        };
        cases.push(swap(0, 1));
        cases.push(swap(1, 2));
        cases.push(swap(n - 2, n - 1));
        cases.push(swap(0, n - 1));
        if n > 17 {
            cases.push(swap(15, 16));
            cases.push(swap(3, 35));
        }
        let mut rotated = chunks.clone();
        rotated.rotate_left(1);
        cases.push(("chunks rotated by one".into(), rotated));
        let mut reversed = chunks.clone();
        reversed.reverse();
        cases.push(("chunks reversed".into(), reversed));
        for d in [0, 2, n - 1] {
            let mut v = chunks.clone();
            v.insert(d + 1, chunks[d]);
            cases.push((format!("chunk {d} duplicated in place"), v));
        }
        let mut v = chunks.clone();
        v.push(chunks[0]);
        cases.push(("chunk 0 repeated at the end".into(), v));
        let mut v = chunks.clone();
        v[3] = chunks[2];
        cases.push(("chunk 2 written over chunk 3".into(), v));
        for d in [0, 1, n / 2, n - 2, n - 1] {
            let mut v = chunks.clone();
            v.remove(d);
            cases.push((format!("chunk {d} of {n} dropped"), v));
        }
        for (what, v) in cases {
            let spliced = assemble(&file, hl, &v);
            for threads in [1, 2] {
                assert_rejected(&dk, &spliced, &pt, C, threads, &what);
            }
        }
    }
}

// ---------------------------------------------------------------------------
// Flipped bits
// ---------------------------------------------------------------------------

#[test]
fn a_flipped_bit_in_any_byte_fails() {
    let dk = Key256::random();
    let h = header(EXP);
    let pt = plaintext(2 * C + 100, 4);
    let file = seal(&dk, &h, &pt, 2);
    for i in 0..file.len() {
        let mut bad = file.clone();
        bad[i] ^= 1 << (i % 8);
        assert_rejected(
            &dk,
            &bad,
            &pt,
            C,
            1 + i % 2,
            &format!("bit {} of byte {i} flipped", i % 8),
        );
    }
    // Every bit of the empty file.
    let empty = seal(&dk, &h, &[], 1);
    for i in 0..empty.len() * 8 {
        let mut bad = empty.clone();
        bad[i / 8] ^= 1 << (i % 8);
        assert_rejected(
            &dk,
            &bad,
            &[],
            C,
            1,
            &format!("empty file, bit {i} flipped"),
        );
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 200, ..ProptestConfig::default() })]

    #[test]
    fn a_flipped_bit_at_a_random_place_fails(
        len in 0usize..6 * C,
        exp in 12u8..=13,
        at in any::<prop::sample::Index>(),
        bit in 0u8..8,
        threads in 1usize..=2,
    ) {
        let dk = Key256::random();
        let h = header(exp);
        let pt = plaintext(len, len as u64);
        let file = seal(&dk, &h, &pt, threads);
        let i = at.index(file.len());
        let mut bad = file.clone();
        bad[i] ^= 1 << bit;
        let (r, out) = open(&dk, &bad, threads);
        prop_assert!(
            matches!(r, Err(Error::InvalidCiphertext(_))),
            "bit {} of byte {} of {} flipped: {:?}", bit, i, file.len(), r
        );
        let c = 1usize << exp;
        prop_assert!(out.len() % c == 0 && pt.starts_with(&out));
    }

    #[test]
    fn random_sizes_round_trip(len in 0usize..20 * C, threads in 1usize..=3) {
        let dk = Key256::random();
        let h = header(EXP);
        let pt = plaintext(len, 9);
        let file = seal(&dk, &h, &pt, threads);
        prop_assert_eq!(file.len(), h.len() + len + chunks_of(len, C) * TAG_LEN);
        let (r, out) = open(&dk, &file, 3 - threads % 3);
        prop_assert!(r.is_ok(), "{:?}", r);
        prop_assert!(out == pt);
    }
}

// ---------------------------------------------------------------------------
// Headers and bodies of other files; wrong data keys
// ---------------------------------------------------------------------------

#[test]
fn a_header_from_another_file_or_another_files_body_fails() {
    let len = 3 * C + 50;
    let pt_a = plaintext(len, 10);
    let pt_b = plaintext(len, 11);
    for same_key in [true, false] {
        let dk_a = Key256::random();
        let dk_b = if same_key {
            dk_a.clone()
        } else {
            Key256::random()
        };
        // Identical context, wrapped keys and chunk size: only the salt differs.
        let h_a = header(EXP);
        let h_b = h_a.with_keys(h_a.keys().to_vec()).unwrap();
        assert_eq!(h_b, h_a);
        let h_b = Header::new(h_a.context().clone(), h_a.keys().to_vec(), EXP).unwrap();
        assert_ne!(h_a.salt(), h_b.salt(), "each new header has a fresh salt");
        assert_eq!(h_a.len(), h_b.len());
        let a = seal(&dk_a, &h_a, &pt_a, 2);
        let b = seal(&dk_b, &h_b, &pt_b, 2);
        let hl = h_a.len();
        let a_head_b_body = [&a[..hl], &b[hl..]].concat();
        let b_head_a_body = [&b[..hl], &a[hl..]].concat();
        let why = if same_key {
            "same data key"
        } else {
            "other data key"
        };
        for threads in [1, 2] {
            // The header authenticates under its own key; the body does not.
            assert_rejected(
                &dk_a,
                &a_head_b_body,
                &pt_a,
                C,
                threads,
                &format!("A's header on B's body ({why})"),
            );
            assert_rejected(
                &dk_b,
                &b_head_a_body,
                &pt_b,
                C,
                threads,
                &format!("B's header on A's body ({why})"),
            );
            // Nor with the other file's data key.
            assert_rejected(
                &dk_b,
                &a_head_b_body,
                &pt_b,
                C,
                threads,
                &format!("A's header, B's key ({why})"),
            );
            // Half of one body and half of the other.
            let r = chunk_ranges(a.len(), hl, C);
            let mixed = [&a[..r[2].start], &b[r[2].start..]].concat();
            assert_rejected(
                &dk_a,
                &mixed,
                &pt_a,
                C,
                threads,
                &format!("A's first chunks, B's last ({why})"),
            );
        }
    }
}

#[test]
fn a_wrong_data_key_fails_at_the_header() {
    let dk = Key256::random();
    let h = header(EXP);
    let pt = plaintext(C + 1, 12);
    let file = seal(&dk, &h, &pt, 2);
    let mut input = &file[..];
    let (parsed, tag) = Header::read(&mut input).unwrap();
    assert!(parsed.verify(&tag, &dk).is_ok());
    let mut near = *dk.expose();
    near[31] ^= 1;
    for wrong in [
        Key256::random(),
        Key256::from_slice(&near).unwrap(),
        Key256::from_slice(&[0; 32]).unwrap(),
    ] {
        assert!(
            matches!(
                parsed.verify(&tag, &wrong),
                Err(Error::InvalidCiphertext(_))
            ),
            "the header verifies under a wrong data key"
        );
        assert_rejected(&wrong, &file, &pt, C, 2, "wrong data key");
    }
}

#[test]
fn rewrapping_keeps_the_body_and_needs_the_same_data_key() {
    let dk = Key256::random();
    let h = header(EXP);
    let pt = plaintext(5 * C + 3, 13);
    let file = seal(&dk, &h, &pt, 2);
    let body = &file[h.len()..];
    // One new wrapped key instead of two: a different header length.
    let rewrapped = h.with_keys(vec![fake_key(3)]).unwrap();
    assert_ne!(rewrapped.len(), h.len());
    let (head, _) = rewrapped.encode(&dk);
    let new_file = [&head[..], body].concat();
    let (r, out) = open(&dk, &new_file, 2);
    r.unwrap();
    assert!(
        out == pt,
        "the old body decrypts under the rewrapped header"
    );
    let mut input = &new_file[..];
    assert_eq!(Header::read(&mut input).unwrap().0.keys(), rewrapped.keys());
    // A header encoded under another data key does not authenticate.
    let (forged, _) = rewrapped.encode(&Key256::random());
    let forged_file = [&forged[..], body].concat();
    assert_rejected(
        &dk,
        &forged_file,
        &pt,
        C,
        2,
        "rewrapped under another data key",
    );
}

// ---------------------------------------------------------------------------
// What reaches the output when decryption fails
// ---------------------------------------------------------------------------

/// A writer that records each write as it arrives.
struct Recorder(Vec<u8>);
impl Write for Recorder {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        self.0.extend_from_slice(buf);
        Ok(buf.len())
    }
    fn flush(&mut self) -> io::Result<()> {
        Ok(())
    }
}

#[test]
fn a_failed_decryption_outputs_only_whole_authenticated_chunks_before_the_bad_one() {
    let dk = Key256::random();
    let h = header(EXP);
    for (n, bad_chunk) in [(10usize, 5usize), (64, 40), (64, 16), (64, 63)] {
        let pt = plaintext(n * C, n as u64 + bad_chunk as u64);
        let file = seal(&dk, &h, &pt, 2);
        let r = chunk_ranges(file.len(), h.len(), C)[bad_chunk].clone();
        for (what, pos) in [
            ("first byte", r.start),
            ("middle", r.start + C / 2),
            ("tag", r.end - 1),
        ] {
            let mut bad = file.clone();
            bad[pos] ^= 0x40;
            for threads in [1, 2] {
                let mut input = &bad[..];
                let (hh, tag) = Header::read(&mut input).unwrap();
                let keys = hh.verify(&tag, &dk).unwrap();
                let mut out = Recorder(Vec::new());
                let res = envelope::decrypt(&hh, &keys, input, &mut out, opts(threads));
                assert!(
                    matches!(res, Err(Error::InvalidCiphertext(_))),
                    "chunk {bad_chunk} of {n} corrupted ({what}): {res:?}"
                );
                let got = out.0;
                assert_whole_chunk_prefix(
                    &got,
                    &pt,
                    C,
                    &format!("chunk {bad_chunk} of {n} corrupted"),
                );
                assert!(
                    got.len() <= bad_chunk * C,
                    "the corrupted chunk {bad_chunk} (or a later one) reached the output: {} bytes",
                    got.len()
                );
            }
        }
    }
}

// ---------------------------------------------------------------------------
// Regular-file outputs (positional writes by the workers)
// ---------------------------------------------------------------------------

#[test]
fn files_written_at_offsets_match_the_stream_and_round_trip() {
    for (i, len) in [0, 1, C - 1, C, C + 1, 16 * C, 37 * C + 5]
        .into_iter()
        .enumerate()
    {
        let pt = plaintext(len, 50 + i as u64);
        for threads in [1, 2] {
            let dk = Key256::random();
            let h = header(EXP);
            let stream = seal(&dk, &h, &pt, threads);
            let enc = tempfile::tempfile().unwrap();
            let s = envelope::encrypt_to_file(&dk, &h, &pt[..], &enc, opts(threads)).unwrap();
            assert_eq!(s.plaintext_len, len as u64);
            let mut on_disk = Vec::new();
            (&enc).read_to_end(&mut on_disk).unwrap();
            assert!(
                on_disk == stream,
                "size {len}, {threads} threads: the file differs from the stream"
            );
            let mut input = &stream[..];
            let (hh, tag) = Header::read(&mut input).unwrap();
            let keys = hh.verify(&tag, &dk).unwrap();
            let dec = tempfile::tempfile().unwrap();
            let s = envelope::decrypt_to_file(&hh, &keys, input, &dec, opts(threads)).unwrap();
            assert_eq!(s.plaintext_len, len as u64);
            let mut out = Vec::new();
            (&dec).read_to_end(&mut out).unwrap();
            assert!(
                out == pt,
                "size {len}, {threads} threads: round trip through files"
            );
        }
    }
}

#[test]
fn a_failed_decryption_into_a_file_writes_only_authenticated_chunks_at_their_offsets() {
    let dk = Key256::random();
    let h = header(EXP);
    for (n, bad_chunk, truncate) in [
        (10usize, 5usize, false),
        (64, 40, false),
        (64, 0, false),
        (64, 63, true),
    ] {
        // Random data: no chunk of the plaintext is all zeros.
        let pt = plaintext(n * C, 60 + bad_chunk as u64);
        let mut file = seal(&dk, &h, &pt, 2);
        let r = chunk_ranges(file.len(), h.len(), C)[bad_chunk].clone();
        if truncate {
            file.truncate(r.start); // the new last chunk was sealed as a middle one
        } else {
            file[r.start + 100] ^= 0x01;
        }
        for threads in [1, 2] {
            let mut input = &file[..];
            let (hh, tag) = Header::read(&mut input).unwrap();
            let keys = hh.verify(&tag, &dk).unwrap();
            let dec = tempfile::tempfile().unwrap();
            let res = envelope::decrypt_to_file(&hh, &keys, input, &dec, opts(threads));
            assert!(
                matches!(res, Err(Error::InvalidCiphertext(_))),
                "chunk {bad_chunk} of {n} bad: {res:?}"
            );
            let mut out = Vec::new();
            (&dec).read_to_end(&mut out).unwrap();
            assert!(out.len() <= pt.len(), "more bytes than the plaintext");
            let bad_index = if truncate { bad_chunk - 1 } else { bad_chunk };
            for (k, got) in out.chunks(C).enumerate() {
                let want = &pt[k * C..k * C + got.len()];
                let hole = got.iter().all(|&b| b == 0);
                assert!(
                    got == want || hole,
                    "chunk {k}: bytes that are neither the authenticated plaintext nor a hole \
                     ({bad_chunk} of {n} bad, {threads} threads)"
                );
                assert!(
                    k != bad_index || hole,
                    "the chunk that failed ({k}) reached the file"
                );
            }
        }
    }
}

// ---------------------------------------------------------------------------
// A failed run on a long input returns (it used to hang: de56a08)
// ---------------------------------------------------------------------------

/// Runs `f` on a thread; panics if it has not returned after a generous
/// guard (a deadlock, not slowness: the work takes well under a second).
fn returns<T: Send + 'static>(what: &str, f: impl FnOnce() -> T + Send + 'static) -> T {
    let (tx, rx) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        let _ = tx.send(f());
    });
    rx.recv_timeout(std::time::Duration::from_secs(120))
        .unwrap_or_else(|_| panic!("{what}: did not return (deadlocked pipeline?)"))
}

/// A writer that fails after `left` bytes.
struct Failing {
    left: usize,
}
impl Write for Failing {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        if self.left == 0 {
            return Err(io::Error::new(io::ErrorKind::BrokenPipe, "closed"));
        }
        let n = buf.len().min(self.left);
        self.left -= n;
        Ok(n)
    }
    fn flush(&mut self) -> io::Result<()> {
        Ok(())
    }
}

/// A reader that fails after `left` bytes.
struct FailingReader {
    left: usize,
}
impl Read for FailingReader {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        if self.left == 0 {
            return Err(io::Error::other("the disk went away"));
        }
        let n = buf.len().min(self.left);
        buf[..n].fill(7);
        self.left -= n;
        Ok(n)
    }
}

#[test]
fn a_failed_run_on_a_long_input_returns_an_error_instead_of_hanging() {
    // 3000 chunks: far more batches than the pipeline's channels hold.
    let n = 3000;
    let pt = plaintext(n * C, 70);
    let dk = Key256::random();
    let h = header(EXP);
    let file = seal(&dk, &h, &pt, 2);
    for threads in [1, 2] {
        // A corrupt chunk near the start.
        let mut bad = file.clone();
        bad[h.len() + (C + TAG_LEN) + 5] ^= 1;
        let (d, b) = (dk.clone(), bad.clone());
        let r = returns("decrypt, chunk 1 corrupt", move || open(&d, &b, threads).0);
        assert!(matches!(r, Err(Error::InvalidCiphertext(_))), "{r:?}");
        let (d, b) = (dk.clone(), bad);
        let r = returns("decrypt_to_file, chunk 1 corrupt", move || {
            let mut input = &b[..];
            let (hh, tag) = Header::read(&mut input)?;
            let keys = hh.verify(&tag, &d)?;
            let f = tempfile::tempfile().unwrap();
            envelope::decrypt_to_file(&hh, &keys, input, &f, opts(threads))
        });
        assert!(matches!(r, Err(Error::InvalidCiphertext(_))), "{r:?}");
        // The output fails (a closed pipe) early on.
        let (d, f) = (dk.clone(), file.clone());
        let r = returns("decrypt into a failing writer", move || {
            let mut input = &f[..];
            let (hh, tag) = Header::read(&mut input)?;
            let keys = hh.verify(&tag, &d)?;
            envelope::decrypt(&hh, &keys, input, Failing { left: 3 * C }, opts(threads))
        });
        assert!(r.is_err(), "{r:?}");
        let (d, hh, p) = (dk.clone(), h.clone(), pt.clone());
        let r = returns("encrypt into a failing writer", move || {
            envelope::encrypt(&d, &hh, &p[..], Failing { left: 100_000 }, opts(threads))
        });
        assert!(r.is_err(), "{r:?}");
        // The input fails midway.
        let (d, hh) = (dk.clone(), h.clone());
        let r = returns("encrypt from a failing reader", move || {
            let mut out = Vec::new();
            envelope::encrypt(
                &d,
                &hh,
                FailingReader { left: 2000 * C + 7 },
                &mut out,
                opts(threads),
            )
        });
        assert!(r.is_err(), "{r:?}");
    }
}

// ---------------------------------------------------------------------------
// 5 GiB through a pipe, never on disk
// ---------------------------------------------------------------------------

const STREAM_LEN: u64 = 5 << 30;
const PATTERN: usize = 1 << 20;
const STAMP: u64 = 4096;

/// A deterministic 5 GiB stream: a 1 MiB pseudo-random block repeated,
/// with the stamp index written into the first 8 bytes of every 4 KiB, so
/// no two chunks are alike. Hashes what it hands out.
struct Generated {
    pos: u64,
    len: u64,
    block: Vec<u8>,
    hash: Sha256,
}

impl Generated {
    fn new(len: u64) -> Self {
        Generated {
            pos: 0,
            len,
            block: plaintext(PATTERN, 42),
            hash: Sha256::new(),
        }
    }
}

impl Read for Generated {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let off = (self.pos % PATTERN as u64) as usize;
        let n = buf
            .len()
            .min((self.len - self.pos) as usize)
            .min(PATTERN - off);
        let buf = &mut buf[..n];
        buf.copy_from_slice(&self.block[off..off + n]);
        let (start, end) = (self.pos, self.pos + n as u64);
        let mut s = start - start % STAMP;
        while s < end {
            let stamp = (s / STAMP).to_le_bytes();
            for (j, b) in stamp.iter().enumerate() {
                let q = s + j as u64;
                if (start..end).contains(&q) {
                    buf[(q - start) as usize] = *b;
                }
            }
            s += STAMP;
        }
        self.hash.update(&buf[..]);
        self.pos = end;
        Ok(n)
    }
}

struct HashSink {
    hash: Sha256,
    len: u64,
}

impl Write for HashSink {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        self.hash.update(buf);
        self.len += buf.len() as u64;
        Ok(buf.len())
    }
    fn flush(&mut self) -> io::Result<()> {
        Ok(())
    }
}

/// The process's peak resident set (VmHWM), in bytes.
fn peak_rss() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    let kb: u64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kb * 1024)
}

#[test]
fn five_gib_round_trip_streamed_through_a_pipe_with_flat_memory() {
    let dk = Key256::random();
    let h = Header::new(context(), vec![fake_key(1)], DEFAULT_CHUNK_EXPONENT).unwrap();
    let (reader, writer) = io::pipe().unwrap();
    let (encrypted, decrypted) = std::thread::scope(|s| {
        let enc = s.spawn(|| {
            let mut source = Generated::new(STREAM_LEN);
            let mut w = writer;
            let summary = envelope::encrypt(&dk, &h, &mut source, &mut w, opts(2));
            drop(w);
            assert_eq!(source.pos, STREAM_LEN, "the whole stream was read");
            (summary, source.hash.finalize())
        });
        let dec = s.spawn(|| -> lkms::Result<(envelope::Summary, HashSink)> {
            let mut r = reader;
            let (hh, tag) = Header::read(&mut r)?;
            let keys = hh.verify(&tag, &dk)?;
            let mut sink = HashSink {
                hash: Sha256::new(),
                len: 0,
            };
            let summary = envelope::decrypt(&hh, &keys, r, &mut sink, opts(2))?;
            Ok((summary, sink))
        });
        (enc.join().unwrap(), dec.join().unwrap())
    });
    let (enc_summary, source_hash) = encrypted;
    let enc_summary = enc_summary.unwrap();
    let (dec_summary, sink) = decrypted.unwrap();
    assert_eq!(enc_summary.plaintext_len, STREAM_LEN);
    assert_eq!(enc_summary.chunks, STREAM_LEN >> DEFAULT_CHUNK_EXPONENT);
    assert_eq!(dec_summary, enc_summary);
    assert_eq!(sink.len, STREAM_LEN);
    assert!(
        sink.hash.finalize() == source_hash,
        "the decrypted stream differs from the generated one"
    );
    // Memory is flat in the size: far below the 5 GiB that went through
    // (the whole test binary, other tests included, is counted).
    if let Some(peak) = peak_rss() {
        assert!(
            peak < 1 << 30,
            "peak RSS {} MiB while streaming 5 GiB",
            peak >> 20
        );
    }
}
