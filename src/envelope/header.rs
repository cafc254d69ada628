//! The encrypted file's header: byte-exact encoding and strict parsing (pure,
//! no I/O beyond the reader it is given), and the key schedule that hangs
//! off it. docs/FORMAT.md documents every byte.
//!
//! ```text
//! off  size  field
//! 0    8     magic 89 4C 4B 4D 53 0D 0A 1A ("\x89LKMS\r\n\x1a")
//! 8    1     format version = 1
//! 9    2     suite = 0x0001 (AES-256-GCM body, HKDF-SHA-256, HMAC-SHA-256 header tag)
//! 11   4     header length H (all header bytes, tag included)
//! 15   1     chunk size exponent e (C = 2^e, 12..=24)
//! 16   32    salt
//! 48   2     encryption context length N
//! 50   N     encryption context (canonical encoding, see context.rs)
//! -- end of the core (50 + N)
//!      1     number of wrapped data keys n (1..=255)
//!      n ×   provider 0x01 | key id (16) | key material id (32) | blob length (u16) | blob
//!            (CMK entries first), or
//!            provider 0x02..=0x05 | key id or zeros (16) | SPKI SHA-256 (32) | length (u16) | wrapped
//!            (public-key recipients, recipient.rs)
//! H-32 32    HMAC-SHA-256(K_hdr, header[..H-32])
//! ```

use std::io::Read;

use crate::context::EncryptionContext;
use crate::crypto;
use crate::error::{Error, Result};
use crate::key::{KeyId, KeyMaterialId};
use crate::secret::Key256;

use super::recipient::{RecipientKey, RecipientKind};

/// The file magic: PNG-style, so text-mode mangling is caught at byte 0.
pub const MAGIC: [u8; 8] = [0x89, b'L', b'K', b'M', b'S', 0x0D, 0x0A, 0x1A];
/// The format version this build writes and reads.
pub const VERSION: u8 = 1;
/// AES-256-GCM body, HKDF-SHA-256 key schedule, HMAC-SHA-256 header tag.
pub const SUITE_AES_256_GCM_HKDF_SHA256: u16 = 0x0001;
/// The default chunk size exponent: 64 KiB chunks, as age.
pub const DEFAULT_CHUNK_EXPONENT: u8 = 16;
/// Allowed chunk size exponents: 4 KiB to 16 MiB.
pub const CHUNK_EXPONENTS: std::ops::RangeInclusive<u8> = 12..=24;
/// The largest header accepted, checked before anything is allocated.
pub const MAX_HEADER_LEN: u32 = 1 << 20;
/// The most wrapped data keys a file carries.
pub const MAX_WRAPPED_KEYS: usize = 255;
/// The largest wrapped data key (an lkms ciphertext blob of 32 bytes is 145).
pub const MAX_WRAPPED_KEY_LEN: usize = 4096;

const PROVIDER_LKMS_CMK: u8 = 0x01;
const FIXED_LEN: usize = 50;
const TAG_LEN: usize = 32;

/// A data key wrapped under one CMK version.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WrappedKey {
    /// The CMK.
    pub key_id: KeyId,
    /// The CMK material version that wrapped it.
    pub key_material_id: KeyMaterialId,
    /// The lkms ciphertext blob of the data key (its encryption context is
    /// the file's).
    pub blob: Vec<u8>,
}

/// A parsed header. Its fields are not trusted until [`Header::verify`]
/// checks the tag with the data key.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Header {
    chunk_exponent: u8,
    salt: [u8; 32],
    context: EncryptionContext,
    keys: Vec<WrappedKey>,
    recipients: Vec<RecipientKey>,
}

/// The keys derived from the data key and the header's core.
pub struct BodyKeys {
    /// The AES-256-GCM key of the chunks.
    pub key: Key256,
    /// The 7-byte nonce prefix.
    pub prefix: [u8; 7],
}

fn bad(what: impl Into<String>) -> Error {
    Error::InvalidCiphertext(format!("not a valid lkms encrypted file: {}", what.into()))
}

impl Header {
    /// A header for a new file: fresh random salt.
    pub fn new(
        context: EncryptionContext,
        keys: Vec<WrappedKey>,
        chunk_exponent: u8,
    ) -> Result<Self> {
        Header::with_recipients(context, keys, Vec::new(), chunk_exponent)
    }

    /// A header for a new file whose data key is wrapped under CMKs and to
    /// public-key recipients (together at least one).
    pub fn with_recipients(
        context: EncryptionContext,
        keys: Vec<WrappedKey>,
        recipients: Vec<RecipientKey>,
        chunk_exponent: u8,
    ) -> Result<Self> {
        if !CHUNK_EXPONENTS.contains(&chunk_exponent) {
            return Err(Error::validation(format!(
                "the chunk size must be 2^{} to 2^{} bytes",
                CHUNK_EXPONENTS.start(),
                CHUNK_EXPONENTS.end()
            )));
        }
        let mut salt = [0u8; 32];
        crypto::fill_random(&mut salt);
        let h = Header {
            chunk_exponent,
            salt,
            context,
            keys,
            recipients,
        };
        h.check_keys()?;
        Ok(h)
    }

    fn check_keys(&self) -> Result<()> {
        let n = self.keys.len() + self.recipients.len();
        if n == 0 || n > MAX_WRAPPED_KEYS {
            return Err(Error::validation(format!(
                "a file carries 1 to {MAX_WRAPPED_KEYS} wrapped data keys"
            )));
        }
        if self
            .keys
            .iter()
            .any(|k| k.blob.is_empty() || k.blob.len() > MAX_WRAPPED_KEY_LEN)
        {
            return Err(Error::validation("a wrapped data key is empty or too long"));
        }
        if self
            .recipients
            .iter()
            .any(|r| !r.kind.fits(r.wrapped.len()))
        {
            return Err(Error::validation(
                "a data key wrapped to a public key has the wrong length",
            ));
        }
        Ok(())
    }

    /// The same core (salt, context, chunk size: so the same body) with
    /// another set of wrapped keys, for rewrapping; the public-key
    /// recipients stay.
    pub fn with_keys(&self, keys: Vec<WrappedKey>) -> Result<Self> {
        let h = Header {
            keys,
            ..self.clone()
        };
        h.check_keys()?;
        Ok(h)
    }

    /// Chunk size in bytes.
    pub fn chunk_size(&self) -> usize {
        1 << self.chunk_exponent
    }

    /// The encryption context (authenticated only after [`Header::verify`]).
    pub fn context(&self) -> &EncryptionContext {
        &self.context
    }

    /// The wrapped data keys.
    pub fn keys(&self) -> &[WrappedKey] {
        &self.keys
    }

    /// The data key wrapped to public keys.
    pub fn recipients(&self) -> &[RecipientKey] {
        &self.recipients
    }

    /// The salt.
    pub fn salt(&self) -> &[u8; 32] {
        &self.salt
    }

    /// The core with the header length field left zero.
    fn core(&self) -> Vec<u8> {
        let ctx = if self.context.is_empty() {
            Vec::new()
        } else {
            self.context.encode()
        };
        let mut out = Vec::with_capacity(FIXED_LEN + ctx.len());
        out.extend_from_slice(&MAGIC);
        out.push(VERSION);
        out.extend_from_slice(&SUITE_AES_256_GCM_HKDF_SHA256.to_be_bytes());
        out.extend_from_slice(&[0; 4]);
        out.push(self.chunk_exponent);
        out.extend_from_slice(&self.salt);
        out.extend_from_slice(&(ctx.len() as u16).to_be_bytes());
        out.extend_from_slice(&ctx);
        out
    }

    /// The length of the encoded header.
    pub fn len(&self) -> usize {
        let keys: usize = self
            .keys
            .iter()
            .map(|k| 1 + 16 + 32 + 2 + k.blob.len())
            .sum();
        let recipients: usize = self
            .recipients
            .iter()
            .map(|r| 1 + 16 + 32 + 2 + r.wrapped.len())
            .sum();
        self.core().len() + 1 + keys + recipients + TAG_LEN
    }

    /// Whether the header is empty (never: it always has a magic).
    pub fn is_empty(&self) -> bool {
        false
    }

    /// The key schedule (docs/FORMAT.md): HKDF-SHA-256 with the salt over the
    /// data key; the body key and nonce prefix also bind the core (suite,
    /// chunk size, salt, context) through its hash; the header key is apart.
    /// The header length depends on the key section, which rewrap changes,
    /// so the body key hashes the core with that field zero.
    fn derive(&self, data_key: &Key256) -> (BodyKeys, Key256) {
        let hk = hkdf::Hkdf::<sha2::Sha256>::new(Some(&self.salt), data_key.expose());
        let mut info = b"lkms/v1 body".to_vec();
        info.extend_from_slice(&crypto::sha256(&self.core()));
        let mut okm = zeroize::Zeroizing::new([0u8; 39]);
        let mut hdr = zeroize::Zeroizing::new([0u8; 32]);
        if hk.expand(&info, okm.as_mut()).is_err()
            || hk.expand(b"lkms/v1 header", hdr.as_mut()).is_err()
        {
            unreachable!("39 and 32 bytes are within HKDF-SHA-256's output limit");
        }
        let key = Key256::from_slice(&okm[..32]).unwrap_or_else(|| unreachable!("32 bytes"));
        let mut prefix = [0u8; 7];
        prefix.copy_from_slice(&okm[32..]);
        let hdr = Key256::from_slice(hdr.as_ref()).unwrap_or_else(|| unreachable!("32 bytes"));
        (BodyKeys { key, prefix }, hdr)
    }

    fn unsigned_bytes(&self) -> Vec<u8> {
        let mut out = self.core();
        let len = self.len() as u32;
        out[11..15].copy_from_slice(&len.to_be_bytes());
        out.push((self.keys.len() + self.recipients.len()) as u8);
        for k in &self.keys {
            out.push(PROVIDER_LKMS_CMK);
            out.extend_from_slice(k.key_id.as_bytes());
            out.extend_from_slice(k.key_material_id.as_bytes());
            out.extend_from_slice(&(k.blob.len() as u16).to_be_bytes());
            out.extend_from_slice(&k.blob);
        }
        for r in &self.recipients {
            out.push(r.kind.provider());
            out.extend_from_slice(
                r.key_id
                    .as_ref()
                    .map_or(&[0; 16], KeyId::as_bytes)
                    .as_slice(),
            );
            out.extend_from_slice(&r.fingerprint);
            out.extend_from_slice(&(r.wrapped.len() as u16).to_be_bytes());
            out.extend_from_slice(&r.wrapped);
        }
        out
    }

    /// Encodes the header with its tag under `data_key`; returns the bytes
    /// and the body keys.
    pub fn encode(&self, data_key: &Key256) -> (Vec<u8>, BodyKeys) {
        let (body, hdr) = self.derive(data_key);
        let mut out = self.unsigned_bytes();
        let tag = crypto::hmac(&hdr, &out);
        out.extend_from_slice(&tag);
        (out, body)
    }

    /// Checks the header tag with `data_key` (constant time) and returns the
    /// body keys. A wrong data key and an altered header fail alike: the tag
    /// commits the header, and through it the body, to one data key.
    pub fn verify(&self, tag: &[u8; 32], data_key: &Key256) -> Result<BodyKeys> {
        let (body, hdr) = self.derive(data_key);
        let expected = crypto::hmac(&hdr, &self.unsigned_bytes());
        if crypto::ct_eq(&expected, tag) {
            Ok(body)
        } else {
            Err(Error::InvalidCiphertext(
                "the file's header does not authenticate: it was altered, or the data key is wrong"
                    .into(),
            ))
        }
    }

    /// Reads and strictly parses a header; returns it and its tag. Only the
    /// bytes of the header are consumed.
    pub fn read(input: &mut impl Read) -> Result<(Header, [u8; 32])> {
        let mut fixed = [0u8; FIXED_LEN];
        read_exact(input, &mut fixed, "the header is truncated")?;
        if fixed[..8] != MAGIC {
            return Err(bad("it does not start with the lkms magic"));
        }
        if fixed[8] != VERSION {
            return Err(Error::InvalidCiphertext(format!(
                "encrypted file format version {} is not supported (this lkms reads version {VERSION})",
                fixed[8]
            )));
        }
        let suite = u16::from_be_bytes([fixed[9], fixed[10]]);
        if suite != SUITE_AES_256_GCM_HKDF_SHA256 {
            return Err(bad(format!("unknown algorithm suite 0x{suite:04x}")));
        }
        let len = u32::from_be_bytes([fixed[11], fixed[12], fixed[13], fixed[14]]);
        if !((FIXED_LEN + 1 + TAG_LEN) as u32..=MAX_HEADER_LEN).contains(&len) {
            return Err(bad(format!("header length {len} is out of bounds")));
        }
        let exponent = fixed[15];
        if !CHUNK_EXPONENTS.contains(&exponent) {
            return Err(bad(format!(
                "chunk size exponent {exponent} is out of bounds"
            )));
        }
        let mut rest = vec![0u8; len as usize - FIXED_LEN];
        read_exact(input, &mut rest, "the header is truncated")?;
        let mut salt = [0u8; 32];
        salt.copy_from_slice(&fixed[16..48]);
        let ctx_len = u16::from_be_bytes([fixed[48], fixed[49]]) as usize;
        let mut p = Parser { buf: &rest, pos: 0 };
        let context = parse_context(p.take(ctx_len)?)?;
        let n = p.take(1)?[0] as usize;
        if n == 0 {
            return Err(bad("it names no wrapped data key"));
        }
        let mut keys = Vec::with_capacity(n);
        let mut recipients = Vec::new();
        for _ in 0..n {
            let provider = p.take(1)?[0];
            if provider != PROVIDER_LKMS_CMK {
                let kind = RecipientKind::from_provider(provider)
                    .ok_or_else(|| bad(format!("unknown key provider 0x{provider:02x}")))?;
                let id: [u8; 16] = p.array()?;
                let fingerprint = p.array()?;
                let len = u16::from_be_bytes(p.array()?) as usize;
                if !kind.fits(len) {
                    return Err(bad(format!(
                        "a data key wrapped to a {} key has the wrong length",
                        kind.name()
                    )));
                }
                recipients.push(RecipientKey {
                    kind,
                    key_id: (id != [0; 16]).then(|| KeyId::from_bytes(id)),
                    fingerprint,
                    wrapped: p.take(len)?.to_vec(),
                });
                continue;
            }
            // One encoding: CMK entries come before public-key ones.
            if !recipients.is_empty() {
                return Err(bad("the header is not canonical"));
            }
            let key_id = KeyId::from_bytes(p.array()?);
            let key_material_id = KeyMaterialId::from_bytes(p.array()?);
            let blen = u16::from_be_bytes(p.array()?) as usize;
            if blen == 0 || blen > MAX_WRAPPED_KEY_LEN {
                return Err(bad("a wrapped data key has a bad length"));
            }
            keys.push(WrappedKey {
                key_id,
                key_material_id,
                blob: p.take(blen)?.to_vec(),
            });
        }
        let tag: [u8; 32] = p.array()?;
        if p.pos != rest.len() {
            return Err(bad("the header has trailing bytes"));
        }
        let header = Header {
            chunk_exponent: exponent,
            salt,
            context,
            keys,
            recipients,
        };
        // One encoding per header: re-encoding must give the length read.
        if header.len() != len as usize {
            return Err(bad("the header is not canonical"));
        }
        Ok((header, tag))
    }
}

struct Parser<'a> {
    buf: &'a [u8],
    pos: usize,
}

impl<'a> Parser<'a> {
    fn take(&mut self, n: usize) -> Result<&'a [u8]> {
        let end = self.pos.checked_add(n).filter(|&e| e <= self.buf.len());
        let end = end.ok_or_else(|| bad("a header field runs past the header"))?;
        let out = &self.buf[self.pos..end];
        self.pos = end;
        Ok(out)
    }

    fn array<const N: usize>(&mut self) -> Result<[u8; N]> {
        self.take(N)?
            .try_into()
            .map_err(|_| bad("a header field has the wrong length"))
    }
}

/// Parses the canonical context encoding: keys strictly ascending, UTF-8.
fn parse_context(bytes: &[u8]) -> Result<EncryptionContext> {
    if bytes.is_empty() {
        return Ok(EncryptionContext::empty());
    }
    let mut p = Parser { buf: bytes, pos: 0 };
    let count = u16::from_be_bytes(p.array()?) as usize;
    if count == 0 {
        return Err(bad("an empty encryption context must have length 0"));
    }
    let mut map = std::collections::BTreeMap::new();
    let mut last: Option<String> = None;
    for _ in 0..count {
        let mut field = || -> Result<String> {
            let n = u16::from_be_bytes(p.array()?) as usize;
            String::from_utf8(p.take(n)?.to_vec())
                .map_err(|_| bad("the encryption context is not UTF-8"))
        };
        let (k, v) = (field()?, field()?);
        if last.as_ref().is_some_and(|l| *l >= k) {
            return Err(bad("the encryption context is not in canonical order"));
        }
        last = Some(k.clone());
        map.insert(k, v);
    }
    if p.pos != bytes.len() {
        return Err(bad("the encryption context has trailing bytes"));
    }
    EncryptionContext::new(map).map_err(|e| bad(e.to_string()))
}

fn read_exact(input: &mut impl Read, buf: &mut [u8], what: &str) -> Result<()> {
    input.read_exact(buf).map_err(|e| match e.kind() {
        std::io::ErrorKind::UnexpectedEof => bad(what),
        _ => Error::io("reading the encrypted file", e),
    })
}
