//! The `Authorization` header of a Signature Version 4 request:
//! `AWS4-HMAC-SHA256 Credential=<id>/<date>/<region>/<service>/aws4_request,
//! SignedHeaders=<a;b;c>, Signature=<64 hex digits>`.

use super::error::{self, AuthError, Incomplete, Missing};
use super::{ALGORITHM, canonical};

/// Longest access key id accepted (AWS's `AccessKeyId` allows 128).
const MAX_ACCESS_KEY_ID: usize = 128;

/// A parsed `Authorization` header.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Authorization {
    /// The access key id, the credential's first element.
    pub access_key_id: String,
    /// The credential scope's date (`YYYYMMDD` when well formed).
    pub date: String,
    /// The credential scope's region.
    pub region: String,
    /// The credential scope's service.
    pub service: String,
    /// The credential scope's last element (`aws4_request` when well formed).
    pub terminator: String,
    /// The signed header names, in the header's order.
    pub signed_headers: Vec<String>,
    signature: [u8; 32],
}

impl Authorization {
    /// The signature the client sent.
    pub fn signature(&self) -> &[u8; 32] {
        &self.signature
    }
}

/// Separators between the header's parameters: AWS accepts commas,
/// whitespace, or both.
fn is_separator(c: char) -> bool {
    c == ',' || c == ' ' || c == '\t'
}

/// Parses the value of an `Authorization` header.
///
/// Errors are `MissingAuthenticationToken` for a header of another scheme
/// and `IncompleteSignature` for a malformed Signature Version 4 one; the
/// scope's values are checked by [`super::verify`], not here.
pub fn parse_authorization(value: &str) -> Result<Authorization, AuthError> {
    let value = value.trim_matches(is_separator);
    let (algorithm, rest) = value.split_once(is_separator).unwrap_or((value, ""));
    let incomplete = |problem| AuthError::Incomplete {
        access_key_id: None,
        problem,
    };
    if !algorithm.starts_with("AWS4-") {
        return Err(AuthError::Missing(Missing::NotSigV4));
    }
    if algorithm != ALGORITHM {
        let looks_like_name = algorithm.len() <= 64
            && algorithm
                .bytes()
                .all(|b| b.is_ascii_uppercase() || b.is_ascii_digit() || b == b'-');
        return Err(incomplete(Incomplete::UnsupportedAlgorithm(
            looks_like_name.then(|| algorithm.to_owned()),
        )));
    }

    let (mut credential, mut signed_headers, mut signature) = (None, None, None);
    for part in rest.split(is_separator).filter(|p| !p.is_empty()) {
        let (key, value) = part
            .split_once('=')
            .ok_or_else(|| incomplete(Incomplete::NotKeyValue))?;
        let (slot, name) = match key {
            "Credential" => (&mut credential, "Credential"),
            "SignedHeaders" => (&mut signed_headers, "SignedHeaders"),
            "Signature" => (&mut signature, "Signature"),
            // AWS ignores parameters it does not know.
            _ => continue,
        };
        if slot.replace(value).is_some() {
            return Err(incomplete(Incomplete::RepeatedParameter(name)));
        }
    }
    // An empty value counts as absent, as AWS counts it; an empty
    // SignedHeaders is refused later, for not signing `host`.
    let credential = credential.filter(|c| !c.is_empty());
    let signature = signature.filter(|s| !s.is_empty());
    let (Some(credential), Some(signed_headers), Some(signature)) =
        (credential, signed_headers, signature)
    else {
        return Err(incomplete(Incomplete::MissingParts {
            credential: credential.is_none(),
            signature: signature.is_none(),
            signed_headers: signed_headers.is_none(),
            date: false,
        }));
    };

    let elements: Vec<&str> = credential.trim_end_matches('/').split('/').collect();
    let [access_key_id, date, region, service, terminator] = elements[..] else {
        return Err(incomplete(Incomplete::CredentialParts(error::shown(
            credential,
        ))));
    };
    let printable = |s: &str| s.bytes().all(|b| b.is_ascii_graphic());
    if access_key_id.is_empty()
        || access_key_id.len() > MAX_ACCESS_KEY_ID
        || !printable(access_key_id)
    {
        return Err(incomplete(Incomplete::AccessKeyId));
    }
    let akid_incomplete = |problem| AuthError::Incomplete {
        access_key_id: Some(access_key_id.to_owned()),
        problem,
    };

    let names: Vec<String> = if signed_headers.is_empty() {
        Vec::new()
    } else {
        signed_headers.split(';').map(str::to_owned).collect()
    };
    let mut distinct: Vec<String> = names.iter().map(|n| n.to_ascii_lowercase()).collect();
    distinct.sort_unstable();
    distinct.dedup();
    if distinct.len() != names.len() || !names.iter().all(|n| canonical::is_token(n)) {
        return Err(akid_incomplete(Incomplete::SignedHeaders));
    }

    let signature =
        parse_hex32(signature).ok_or_else(|| akid_incomplete(Incomplete::SignatureHex))?;
    Ok(Authorization {
        access_key_id: access_key_id.to_owned(),
        date: date.to_owned(),
        region: region.to_owned(),
        service: service.to_owned(),
        terminator: terminator.to_owned(),
        signed_headers: names,
        signature,
    })
}

/// Exactly 64 hex digits (either case) as 32 bytes.
fn parse_hex32(text: &str) -> Option<[u8; 32]> {
    fn digit(b: u8) -> Option<u8> {
        match b {
            b'0'..=b'9' => Some(b - b'0'),
            b'a'..=b'f' => Some(b - b'a' + 10),
            b'A'..=b'F' => Some(b - b'A' + 10),
            _ => None,
        }
    }
    let bytes = text.as_bytes();
    if bytes.len() != 64 {
        return None;
    }
    let mut out = [0u8; 32];
    for (o, pair) in out.iter_mut().zip(bytes.chunks_exact(2)) {
        *o = digit(pair[0])? << 4 | digit(pair[1])?;
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    const SIG: &str = "5fa00fa31553b73ebf1942676e86291e8372ff2a2260956d9b8aae1d763fbf31";

    fn incomplete(value: &str) -> Incomplete {
        match parse_authorization(value) {
            Err(AuthError::Incomplete { problem, .. }) => problem,
            other => panic!("{value}: expected IncompleteSignature, got {other:?}"),
        }
    }

    #[test]
    fn parses_the_sdk_form_and_comma_or_space_separated_variants() {
        for value in [
            format!(
                "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/kms/aws4_request, SignedHeaders=host;x-amz-date, Signature={SIG}"
            ),
            format!(
                "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/kms/aws4_request,SignedHeaders=host;x-amz-date,Signature={SIG}"
            ),
            format!(
                "  AWS4-HMAC-SHA256\tSignature={} SignedHeaders=host;x-amz-date Credential=AKIDEXAMPLE/20150830/us-east-1/kms/aws4_request/ ",
                SIG.to_uppercase()
            ),
        ] {
            let auth = parse_authorization(&value).expect(&value);
            assert_eq!(auth.access_key_id, "AKIDEXAMPLE");
            assert_eq!(
                (
                    auth.date.as_str(),
                    auth.region.as_str(),
                    auth.service.as_str()
                ),
                ("20150830", "us-east-1", "kms")
            );
            assert_eq!(auth.terminator, "aws4_request");
            assert_eq!(auth.signed_headers, ["host", "x-amz-date"]);
            assert_eq!(canonical::hex(auth.signature()), SIG);
        }
    }

    #[test]
    fn another_scheme_is_missing_authentication() {
        for value in [
            "",
            "Bearer eyJhbGciOiJIUzI1NiJ9.e30.x",
            "AWS AKID:c2ln",
            "aws4-hmac-sha256 x",
        ] {
            assert_eq!(
                parse_authorization(value),
                Err(AuthError::Missing(Missing::NotSigV4)),
                "{value}"
            );
        }
    }

    #[test]
    fn other_algorithms_are_named_only_when_they_look_like_one() {
        assert_eq!(
            incomplete("AWS4-HMAC-SHA512 Credential=a/b/c/d/e"),
            Incomplete::UnsupportedAlgorithm(Some("AWS4-HMAC-SHA512".into()))
        );
        assert_eq!(
            incomplete("AWS4-secret-looking-token!x Credential=a"),
            Incomplete::UnsupportedAlgorithm(None)
        );
    }

    #[test]
    fn missing_parameters_are_all_named() {
        assert_eq!(
            incomplete("AWS4-HMAC-SHA256"),
            Incomplete::MissingParts {
                credential: true,
                signature: true,
                signed_headers: true,
                date: false
            }
        );
        assert_eq!(
            incomplete(&format!(
                "AWS4-HMAC-SHA256 Credential=, SignedHeaders=host, Signature={SIG}"
            )),
            Incomplete::MissingParts {
                credential: true,
                signature: false,
                signed_headers: false,
                date: false
            }
        );
        assert_eq!(
            incomplete("AWS4-HMAC-SHA256 Credential=a/b/c/d/e, SignedHeaders=host"),
            Incomplete::MissingParts {
                credential: false,
                signature: true,
                signed_headers: false,
                date: false
            }
        );
        assert_eq!(
            incomplete(&format!(
                "AWS4-HMAC-SHA256 Credential=a/b/c/d/e, Signature={SIG}"
            )),
            Incomplete::MissingParts {
                credential: false,
                signature: false,
                signed_headers: true,
                date: false
            }
        );
    }

    #[test]
    fn malformed_parameters_are_refused() {
        let good_cred = "Credential=AKID/20150830/us-east-1/kms/aws4_request";
        assert_eq!(
            incomplete(&format!(
                "AWS4-HMAC-SHA256 {good_cred}, SignedHeaders=host, Signature={SIG}, Credential=x"
            )),
            Incomplete::RepeatedParameter("Credential")
        );
        assert_eq!(
            incomplete(&format!(
                "AWS4-HMAC-SHA256 {good_cred}, host, Signature={SIG}"
            )),
            Incomplete::NotKeyValue
        );
        assert_eq!(
            incomplete(&format!(
                "AWS4-HMAC-SHA256 Credential=AKID/20150830/us-east-1/kms, SignedHeaders=host, Signature={SIG}"
            )),
            Incomplete::CredentialParts("AKID/20150830/us-east-1/kms".into())
        );
        assert_eq!(
            incomplete(&format!(
                "AWS4-HMAC-SHA256 Credential=AKID/a/b/c/d/e, SignedHeaders=host, Signature={SIG}"
            )),
            Incomplete::CredentialParts("AKID/a/b/c/d/e".into())
        );
        assert_eq!(
            incomplete(&format!(
                "AWS4-HMAC-SHA256 Credential=/20150830/us-east-1/kms/aws4_request, SignedHeaders=host, Signature={SIG}"
            )),
            Incomplete::AccessKeyId
        );
        let long = "A".repeat(129);
        assert_eq!(
            incomplete(&format!(
                "AWS4-HMAC-SHA256 Credential={long}/20150830/us-east-1/kms/aws4_request, SignedHeaders=host, Signature={SIG}"
            )),
            Incomplete::AccessKeyId
        );
        for signed in ["host;;x-amz-date", "host;Host", "host;x:y", "host;x\u{e9}"] {
            assert_eq!(
                incomplete(&format!(
                    "AWS4-HMAC-SHA256 {good_cred}, SignedHeaders={signed}, Signature={SIG}"
                )),
                Incomplete::SignedHeaders,
                "{signed}"
            );
        }
        for sig in [
            &SIG[1..],
            &format!("{SIG}0"),
            &SIG.replace('5', "g"),
            &format!("+{}", &SIG[1..]),
        ] {
            assert_eq!(
                incomplete(&format!(
                    "AWS4-HMAC-SHA256 {good_cred}, SignedHeaders=host, Signature={sig}"
                )),
                Incomplete::SignatureHex,
                "{sig}"
            );
        }
    }

    #[test]
    fn never_panics_on_odd_text() {
        for value in [
            "AWS4-",
            "AWS4-HMAC-SHA256 =",
            "AWS4-HMAC-SHA256 ==,=",
            "AWS4-HMAC-SHA256 Credential=////",
            "AWS4-HMAC-SHA256 Credential=é/é/é/é/é, SignedHeaders=é, Signature=éé",
        ] {
            assert!(parse_authorization(value).is_err(), "{value}");
        }
    }
}
