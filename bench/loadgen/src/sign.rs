//! SigV4 signing with AWS's own signer (`aws-sigv4`), so the server's
//! verifier is checked against an implementation it shares nothing with.

use std::time::SystemTime;

use aws_credential_types::Credentials;
use aws_sigv4::http_request::{SignableBody, SignableRequest, SigningSettings, sign};
use aws_sigv4::sign::v4;
use aws_smithy_runtime_api::client::identity::Identity;

/// Signs requests for the `kms` service in one region with one access key.
pub struct Signer {
    identity: Identity,
    region: String,
}

impl Signer {
    /// A signer for access key `id` with secret `secret`, in `region`.
    pub fn new(id: &str, secret: &str, region: &str) -> Signer {
        let creds = Credentials::new(id, secret, None, None, "lkms-loadgen");
        Signer {
            identity: creds.into(),
            region: region.to_owned(),
        }
    }

    /// Signs `req` (whose headers already include `host`) as it is now, at
    /// the current time: adds `x-amz-date` and `authorization`.
    pub fn sign<B>(
        &self,
        req: &mut http::Request<B>,
        uri: &str,
        body: &[u8],
    ) -> Result<(), String> {
        let params = v4::SigningParams::builder()
            .identity(&self.identity)
            .region(&self.region)
            .name("kms")
            .time(SystemTime::now())
            .settings(SigningSettings::default())
            .build()
            .map_err(|e| format!("signing parameters: {e}"))?
            .into();
        let mut headers = Vec::with_capacity(req.headers().len());
        for (name, value) in req.headers() {
            let value = value
                .to_str()
                .map_err(|_| format!("header {name} is not text and cannot be signed"))?;
            headers.push((name.as_str(), value));
        }
        let signable = SignableRequest::new(
            req.method().as_str(),
            uri,
            headers.into_iter(),
            SignableBody::Bytes(body),
        )
        .map_err(|e| format!("signing: {e}"))?;
        let (instructions, _signature) = sign(signable, &params)
            .map_err(|e| format!("signing: {e}"))?
            .into_parts();
        instructions.apply_to_request_http1x(req);
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn signs_the_kms_scope_and_the_given_headers() {
        let signer = Signer::new(
            "AKIDEXAMPLE",
            "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY",
            "eu-west-3",
        );
        let mut req = http::Request::builder()
            .method("POST")
            .uri("/")
            .header("host", "127.0.0.1:7474")
            .header("content-type", "application/x-amz-json-1.1")
            .header("x-amz-target", "TrentService.Encrypt")
            .body(())
            .expect("request");
        signer
            .sign(&mut req, "http://127.0.0.1:7474/", b"{}")
            .expect("signed");
        let auth = req.headers()["authorization"].to_str().expect("text");
        assert!(
            auth.starts_with("AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/"),
            "{auth}"
        );
        assert!(auth.contains("/eu-west-3/kms/aws4_request"), "{auth}");
        assert!(
            auth.contains("SignedHeaders=content-type;host;x-amz-date;x-amz-target"),
            "{auth}"
        );
        assert!(req.headers().contains_key("x-amz-date"));
    }
}
