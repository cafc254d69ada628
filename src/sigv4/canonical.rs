//! The canonical request, the string to sign and the signing key: the
//! parts of Signature Version 4 that a signer and a verifier must compute
//! byte for byte alike, so both sides of lkms use these functions.

use hmac::{Hmac, KeyInit, Mac};
use sha2::{Digest, Sha256};
use time::OffsetDateTime;
use time::format_description::FormatItem;
use time::macros::format_description;
use zeroize::Zeroizing;

use super::{ALGORITHM, SignedRequest, TERMINATOR};

/// `YYYYMMDD'T'HHMMSS'Z'`, the form of `X-Amz-Date` and of the time in the
/// string to sign.
const BASIC: &[FormatItem<'static>] =
    format_description!("[year][month][day]T[hour][minute][second]Z");

/// A time in ISO 8601 basic format, UTC.
pub(crate) fn format_basic_time(t: OffsetDateTime) -> String {
    t.to_offset(time::UtcOffset::UTC)
        .format(BASIC)
        .unwrap_or_else(|_| unreachable!("a four-digit year always formats"))
}

/// Parses exactly `YYYYMMDD'T'HHMMSS'Z'`.
pub(crate) fn parse_basic_time(text: &str) -> Option<OffsetDateTime> {
    let b = text.as_bytes();
    let digits = |r: std::ops::Range<usize>| b[r].iter().all(u8::is_ascii_digit);
    if b.len() != 16 || b[8] != b'T' || b[15] != b'Z' || !digits(0..8) || !digits(9..15) {
        return None;
    }
    time::PrimitiveDateTime::parse(text, BASIC)
        .ok()
        .map(time::PrimitiveDateTime::assume_utc)
}

/// Parses a `Date` header: an HTTP date (`Sun, 30 Aug 2015 12:36:00 GMT`,
/// or with a numeric zone as Python's `formatdate` writes it), or the
/// basic ISO 8601 form.
pub(crate) fn parse_http_date(text: &str) -> Option<OffsetDateTime> {
    let text = text.trim();
    parse_basic_time(text).or_else(|| {
        OffsetDateTime::parse(text, &time::format_description::well_known::Rfc2822).ok()
    })
}

/// SHA-256.
pub(crate) fn sha256(data: &[u8]) -> [u8; 32] {
    Sha256::digest(data).into()
}

/// HMAC-SHA-256.
pub(crate) fn hmac(key: &[u8], data: &[u8]) -> [u8; 32] {
    let mut mac = <Hmac<Sha256> as KeyInit>::new_from_slice(key)
        .unwrap_or_else(|_| unreachable!("HMAC takes keys of any length"));
    mac.update(data);
    mac.finalize().into_bytes().into()
}

/// Lower-case hex.
pub(crate) fn hex(bytes: &[u8]) -> String {
    const DIGITS: &[u8; 16] = b"0123456789abcdef";
    let mut out = String::with_capacity(2 * bytes.len());
    for b in bytes {
        out.push(char::from(DIGITS[usize::from(b >> 4)]));
        out.push(char::from(DIGITS[usize::from(b & 15)]));
    }
    out
}

/// The signing key: HMAC over the scope's date, region and service and
/// `aws4_request`, starting from `"AWS4" + secret`.
pub(crate) fn signing_key(
    secret: &[u8],
    date: &str,
    region: &str,
    service: &str,
) -> Zeroizing<[u8; 32]> {
    let mut start = Zeroizing::new(Vec::with_capacity(4 + secret.len()));
    start.extend_from_slice(b"AWS4");
    start.extend_from_slice(secret);
    let k_date = Zeroizing::new(hmac(&start, date.as_bytes()));
    let k_region = Zeroizing::new(hmac(k_date.as_ref(), region.as_bytes()));
    let k_service = Zeroizing::new(hmac(k_region.as_ref(), service.as_bytes()));
    Zeroizing::new(hmac(k_service.as_ref(), TERMINATOR.as_bytes()))
}

/// The string to sign: algorithm, time, scope, hash of the canonical request.
pub(crate) fn string_to_sign(amz_date: &str, scope: &str, canonical_request: &str) -> String {
    let hash = hex(&sha256(canonical_request.as_bytes()));
    format!("{ALGORITHM}\n{amz_date}\n{scope}\n{hash}")
}

/// Whether `name` is an HTTP header name (RFC 9110 token), which is what
/// keeps `name:value` lines and the `;`-joined list unambiguous.
pub(crate) fn is_token(name: &str) -> bool {
    !name.is_empty()
        && name
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b"!#$%&'*+-.^_`|~".contains(&b))
}

/// Whether a value can be a signed header's: no line break or NUL, which
/// HTTP never carries and which would let one header pose as two.
pub(crate) fn is_signable_value(value: &str) -> bool {
    !value.bytes().any(|b| matches!(b, b'\r' | b'\n' | 0))
}

/// The canonical request for `signed_headers` (names in the order given,
/// as the client listed them) and the payload hash.
///
/// `Err` names a signed header whose value is not signable.
pub(crate) fn canonical_request<'a, S: AsRef<str>>(
    req: &SignedRequest<'a>,
    signed_headers: &'a [S],
    payload_hash: &str,
) -> Result<String, &'a str> {
    let mut out = String::with_capacity(
        256 + req.path.len()
            + req.query.len()
            + req
                .headers
                .iter()
                .map(|(n, v)| n.len() + v.len() + 2)
                .sum::<usize>(),
    );
    out.push_str(req.method);
    out.push('\n');
    push_canonical_uri(&mut out, req.path);
    out.push('\n');
    push_canonical_query(&mut out, req.query);
    out.push('\n');

    // Headers by lower-case name, arrival order kept among equal names, so
    // each signed name is a binary search rather than a scan.
    let mut index: Vec<(String, usize)> = req
        .headers
        .iter()
        .enumerate()
        .map(|(i, (n, _))| (n.to_ascii_lowercase(), i))
        .collect();
    index.sort_unstable();
    for name in signed_headers {
        let name = name.as_ref();
        let lower = name.to_ascii_lowercase();
        out.push_str(name);
        out.push(':');
        let start = index.partition_point(|(n, _)| *n < lower);
        let matching = index[start..].iter().take_while(|(n, _)| *n == lower);
        for (k, (_, i)) in matching.enumerate() {
            let value = req.headers[*i].1;
            if !is_signable_value(value) {
                return Err(name);
            }
            if k > 0 {
                out.push(',');
            }
            push_trimmed(&mut out, value);
        }
        out.push('\n');
    }
    out.push('\n');
    for (k, name) in signed_headers.iter().enumerate() {
        if k > 0 {
            out.push(';');
        }
        out.push_str(name.as_ref());
    }
    out.push('\n');
    out.push_str(payload_hash);
    Ok(out)
}

/// A header value with leading and trailing blanks removed and each inner
/// run of spaces and tabs as one space.
fn push_trimmed(out: &mut String, value: &str) {
    let mut words = value.split([' ', '\t']).filter(|w| !w.is_empty());
    if let Some(first) = words.next() {
        out.push_str(first);
    }
    for word in words {
        out.push(' ');
        out.push_str(word);
    }
}

/// The canonical URI of a non-S3 service: the path with empty and `.`
/// segments dropped and `..` resolved, then each byte outside the
/// unreserved set percent-encoded (the received path, itself encoded, is
/// encoded once more, as the SDKs sign it).
fn push_canonical_uri(out: &mut String, path: &str) {
    if path.is_empty() {
        out.push('/');
        return;
    }
    let mut segments: Vec<&str> = Vec::new();
    for segment in path.split('/') {
        match segment {
            "" | "." => {}
            ".." => {
                segments.pop();
            }
            s => segments.push(s),
        }
    }
    if path.starts_with('/') {
        out.push('/');
    }
    for (k, segment) in segments.iter().enumerate() {
        if k > 0 {
            out.push('/');
        }
        push_encoded(out, segment.as_bytes());
    }
    if path.ends_with('/') && !segments.is_empty() {
        out.push('/');
    }
}

/// The canonical query: each name and value decoded and encoded again,
/// pairs sorted by name, then value. An invalid `%` escape stays a literal
/// `%`, as URL parsers read it.
fn push_canonical_query(out: &mut String, query: &str) {
    let mut pairs: Vec<(String, String)> = query
        .split('&')
        .filter(|p| !p.is_empty())
        .map(|pair| {
            let (name, value) = pair.split_once('=').unwrap_or((pair, ""));
            (reencode(name), reencode(value))
        })
        .collect();
    pairs.sort_unstable();
    for (k, (name, value)) in pairs.iter().enumerate() {
        if k > 0 {
            out.push('&');
        }
        out.push_str(name);
        out.push('=');
        out.push_str(value);
    }
}

/// Percent-decodes `text`, then encodes it in canonical form.
fn reencode(text: &str) -> String {
    fn digit(b: u8) -> Option<u8> {
        char::from(b)
            .to_digit(16)
            .and_then(|d| u8::try_from(d).ok())
    }
    let bytes = text.as_bytes();
    let mut decoded = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let escaped = (bytes[i] == b'%')
            .then(|| Some(digit(*bytes.get(i + 1)?)? << 4 | digit(*bytes.get(i + 2)?)?))
            .flatten();
        match escaped {
            Some(b) => {
                decoded.push(b);
                i += 3;
            }
            None => {
                decoded.push(bytes[i]);
                i += 1;
            }
        }
    }
    let mut out = String::with_capacity(3 * decoded.len());
    push_encoded(&mut out, &decoded);
    out
}

/// Appends `bytes` with everything outside RFC 3986's unreserved set
/// (`A-Z a-z 0-9 - . _ ~`) as `%XX`, upper-case.
fn push_encoded(out: &mut String, bytes: &[u8]) {
    const DIGITS: &[u8; 16] = b"0123456789ABCDEF";
    for &b in bytes {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'.' | b'_' | b'~') {
            out.push(char::from(b));
        } else {
            out.push('%');
            out.push(char::from(DIGITS[usize::from(b >> 4)]));
            out.push(char::from(DIGITS[usize::from(b & 15)]));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn uri(path: &str) -> String {
        let mut s = String::new();
        push_canonical_uri(&mut s, path);
        s
    }

    fn query(q: &str) -> String {
        let mut s = String::new();
        push_canonical_query(&mut s, q);
        s
    }

    #[test]
    fn paths_are_normalized_then_encoded_once_more() {
        assert_eq!(uri(""), "/");
        assert_eq!(uri("/"), "/");
        assert_eq!(uri("//"), "/");
        assert_eq!(uri("/./"), "/");
        assert_eq!(uri("/a/b/.."), "/a");
        assert_eq!(uri("/a/b/../"), "/a/");
        assert_eq!(uri("/../../x"), "/x");
        assert_eq!(uri("//example//"), "/example/");
        assert_eq!(uri("/example space/"), "/example%20space/");
        // The received path is already encoded; the SDKs encode it again.
        assert_eq!(uri("/%E1%88%B4"), "/%25E1%2588%25B4");
        assert_eq!(uri("/ሴ"), "/%E1%88%B4");
        assert_eq!(uri("/-._~AZaz09"), "/-._~AZaz09");
        assert_eq!(uri("/a+b=c"), "/a%2Bb%3Dc");
    }

    #[test]
    fn queries_are_decoded_reencoded_and_sorted() {
        assert_eq!(query(""), "");
        assert_eq!(query("b=2&a=1"), "a=1&b=2");
        assert_eq!(query("a=2&a=1"), "a=1&a=2");
        assert_eq!(
            query("Param2=value2&Param1=value1"),
            "Param1=value1&Param2=value2"
        );
        assert_eq!(query("a"), "a=");
        assert_eq!(query("a=1&&b"), "a=1&b=");
        assert_eq!(query("%e1%88%b4=bar"), "%E1%88%B4=bar");
        assert_eq!(query("ሴ=bar"), "%E1%88%B4=bar");
        assert_eq!(query("k=a b+c"), "k=a%20b%2Bc");
        // An invalid escape is a literal `%`, so it equals its encoded form.
        assert_eq!(query("k=%zz"), "k=%25zz");
        assert_eq!(query("k=%25zz"), "k=%25zz");
        assert_eq!(query("k=%4"), "k=%254");
        assert_eq!(query("k=%"), "k=%25");
    }

    #[test]
    fn header_values_are_trimmed_and_inner_blanks_collapsed() {
        let mut s = String::new();
        push_trimmed(&mut s, "  a \t  b   c\t");
        assert_eq!(s, "a b c");
        let mut s = String::new();
        push_trimmed(&mut s, " \t ");
        assert_eq!(s, "");
    }

    #[test]
    fn times_are_parsed_strictly() {
        let t = time::macros::datetime!(2015-08-30 12:36:00 UTC);
        assert_eq!(parse_basic_time("20150830T123600Z"), Some(t));
        assert_eq!(format_basic_time(t), "20150830T123600Z");
        for bad in [
            "",
            "20150830T123600",
            "2015-08-30T12:36:00Z",
            "+0150830T123600Z",
            "20151330T123600Z",
            "20150830T123600z",
            "20150830T1236٠0Z",
        ] {
            assert_eq!(parse_basic_time(bad), None, "{bad}");
        }
        assert_eq!(parse_http_date("Sun, 30 Aug 2015 12:36:00 GMT"), Some(t));
        assert_eq!(parse_http_date("Sun, 30 Aug 2015 12:36:00 -0000"), Some(t));
        assert_eq!(parse_http_date("Sun, 30 Aug 2015 14:36:00 +0200"), Some(t));
        assert_eq!(parse_http_date("20150830T123600Z"), Some(t));
        assert_eq!(parse_http_date("yesterday"), None);
    }

    #[test]
    fn tokens_and_signable_values() {
        assert!(is_token("x-amz-date") && is_token("Content-Type"));
        for bad in ["", "a b", "a:b", "a;b", "a,b", "é", "a\n"] {
            assert!(!is_token(bad), "{bad:?}");
        }
        assert!(is_signable_value("a\tb é"));
        assert!(
            !is_signable_value("a\nb") && !is_signable_value("a\rb") && !is_signable_value("a\0")
        );
    }
}
