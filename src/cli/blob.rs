//! Blob and map parameters as the AWS CLI takes them: `fileb://PATH` or
//! base64 for bytes; `k=v,k2=v2` shorthand or JSON for string maps.

use std::collections::BTreeMap;

use base64::Engine;
use base64::engine::general_purpose::STANDARD;
use lkms::context::EncryptionContext;
use lkms::limits::MAX_PARAMETER_FILE_BYTES;
use zeroize::Zeroizing;

use super::args::BinaryFormat;
use super::exit::{CliError, CliResult};

/// Reads a blob parameter: `fileb://PATH` reads the file's bytes (so
/// `fileb:///dev/stdin` reads standard input); anything else is base64,
/// unless the AWS CLI's `cli_binary_format` is `raw-in-base64-out`
/// (AWS CLI v1), which (AWS CLI v1) takes inline text, and the text of a
/// `file://` file, as the raw bytes.
pub fn read_as(flag: &str, value: &str, format: BinaryFormat) -> CliResult<Zeroizing<Vec<u8>>> {
    if format == BinaryFormat::RawInBase64Out && !value.starts_with("fileb://") {
        if let Some(path) = value.strip_prefix("file://") {
            return read_bounded(path)
                .map_err(|e| CliError::Param(format!("{flag} file://{path}: {e}")));
        }
        return Ok(Zeroizing::new(value.as_bytes().to_vec()));
    }
    if let Some(path) = value.strip_prefix("fileb://") {
        return read_bounded(path)
            .map_err(|e| CliError::Param(format!("{flag} fileb://{path}: {e}")));
    }
    if value.starts_with("file://") {
        return Err(CliError::Param(format!(
            "{flag}: use fileb:// for binary input (file:// is for text parameters)"
        )));
    }
    let mut out = Zeroizing::new(Vec::new());
    STANDARD
        .decode_vec(value.trim().as_bytes(), &mut out)
        .map_err(|_| {
            CliError::Param(format!(
                "{flag}: not valid base64; pass base64 text or fileb://PATH for raw bytes"
            ))
        })?;
    Ok(out)
}

/// Reads a parameter file (`file://`, `fileb://`; `/dev/stdin` and pipes
/// too), refusing one larger than [`MAX_PARAMETER_FILE_BYTES`] before
/// holding more than that in memory.
fn read_bounded(path: &str) -> std::io::Result<Zeroizing<Vec<u8>>> {
    use std::io::Read;
    let file = std::fs::File::open(path)?;
    let hint = file
        .metadata()
        .map_or(0, |m| m.len())
        .min(MAX_PARAMETER_FILE_BYTES);
    // Sized up front so that growing the buffer leaves no copies behind.
    let mut out = Zeroizing::new(Vec::with_capacity(hint as usize + 1));
    file.take(MAX_PARAMETER_FILE_BYTES + 1)
        .read_to_end(&mut out)?;
    if out.len() as u64 > MAX_PARAMETER_FILE_BYTES {
        return Err(std::io::Error::other(format!(
            "larger than {MAX_PARAMETER_FILE_BYTES} bytes, the most lkms reads from a parameter file"
        )));
    }
    Ok(out)
}

/// [`read_bounded`] as UTF-8 text.
fn read_bounded_text(path: &str) -> std::io::Result<String> {
    let bytes = read_bounded(path)?;
    String::from_utf8(bytes.to_vec())
        .map_err(|_| std::io::Error::new(std::io::ErrorKind::InvalidData, "not UTF-8 text"))
}

/// The text of a parameter given as `file://PATH`, as the AWS CLI takes
/// any text parameter from a file; other values as given.
pub fn param_text(s: &str) -> Result<std::borrow::Cow<'_, str>, String> {
    match s.strip_prefix("file://") {
        Some(path) => read_bounded_text(path)
            .map(std::borrow::Cow::Owned)
            .map_err(|e| format!("file://{path}: {e}")),
        None => Ok(std::borrow::Cow::Borrowed(s)),
    }
}

/// Refuses a JSON parameter nested beyond [`lkms::limits::MAX_JSON_DEPTH`]
/// before a recursive parser reads it.
pub fn check_depth(text: &str) -> Result<(), String> {
    lkms::limits::check_json_depth(text, "the JSON")
}

/// Parses an encryption context: `{"k":"v"}` JSON or `k=v,k2=v2` shorthand,
/// or either from `file://PATH`.
pub fn parse_map(s: &str) -> Result<BTreeMap<String, String>, String> {
    let s = param_text(s)?;
    let t = s.trim();
    if t.starts_with('{') {
        check_depth(t)?;
        return serde_json::from_str(t)
            .map_err(|e| format!("expected a JSON object of strings: {e}"));
    }
    let mut map = BTreeMap::new();
    for pair in t.split(',').filter(|p| !p.is_empty()) {
        let (k, v) = pair
            .split_once('=')
            .ok_or_else(|| format!("expected key=value pairs separated by commas, got {pair:?}"))?;
        if map.insert(k.to_owned(), v.to_owned()).is_some() {
            return Err(format!("key {k:?} is given twice"));
        }
    }
    Ok(map)
}

/// The encryption context of a command (empty when not given).
pub fn context(map: Option<BTreeMap<String, String>>) -> CliResult<EncryptionContext> {
    Ok(EncryptionContext::new(map.unwrap_or_default())?)
}

/// Reads a text parameter that may be `file://PATH`, as the AWS CLI does
/// for `--policy`.
pub fn read_text(flag: &str, value: &str) -> CliResult<String> {
    match value.strip_prefix("file://") {
        Some(path) => read_bounded_text(path)
            .map_err(|e| CliError::Param(format!("{flag} file://{path}: {e}"))),
        None => Ok(value.to_owned()),
    }
}

/// Writes the `PublicKey` of a `get-public-key` response to a file, as DER
/// or PEM (`-----BEGIN PUBLIC KEY-----`, what `openssl pkey -pubin` reads).
pub fn write_public_key(
    path: &std::path::Path,
    format: super::args::KeyFileFormat,
    response: &serde_json::Value,
    replace: super::outputs::Replace,
) -> CliResult<()> {
    let b64 = response["PublicKey"].as_str().unwrap_or_default();
    let der = STANDARD
        .decode(b64)
        .map_err(|_| CliError::Param("the response has no public key".into()))?;
    let bytes = match format {
        super::args::KeyFileFormat::Der => der,
        super::args::KeyFileFormat::Pem => {
            let mut pem = String::from("-----BEGIN PUBLIC KEY-----\n");
            for line in b64.as_bytes().chunks(64) {
                pem.push_str(&String::from_utf8_lossy(line));
                pem.push('\n');
            }
            pem.push_str("-----END PUBLIC KEY-----\n");
            pem.into_bytes()
        }
    };
    super::outputs::write(path, &bytes, replace)
        .map_err(|e| CliError::Param(format!("--outfile {}: {e}", path.display())))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn blobs_and_maps() {
        let b64 = BinaryFormat::Base64;
        assert_eq!(read_as("--x", "aGk=", b64).expect("b64").as_slice(), b"hi");
        assert!(read_as("--x", "!!", b64).is_err());
        assert!(read_as("--x", "fileb:///nonexistent/x", b64).is_err());
        let raw = BinaryFormat::RawInBase64Out;
        assert_eq!(
            read_as("--x", "aGk=", raw).expect("raw").as_slice(),
            b"aGk="
        );
        let m = parse_map("a=1,b=2").expect("shorthand");
        assert_eq!(m["b"], "2");
        let m = parse_map(r#"{"a":"x=y"}"#).expect("json");
        assert_eq!(m["a"], "x=y");
        assert!(parse_map("a").is_err());
        assert!(parse_map("a=1,a=2").is_err());
        assert!(parse_map("").expect("empty").is_empty());
    }
}
