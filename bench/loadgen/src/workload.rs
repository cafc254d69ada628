//! What each request asks: the AWS KMS operation and its JSON body.

use base64::Engine as _;
use base64::engine::general_purpose::STANDARD;
use serde_json::{Value, json};

/// A workload: which operations a connection sends, back to back.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum Workload {
    /// Encrypt of 100 fresh random bytes under --key-id.
    Encrypt,
    /// GenerateDataKey (AES_256) under --key-id.
    GenerateDataKey,
    /// CreateKey (symmetric, default spec), each with its own description.
    CreateKey,
    /// Encrypt 40%, Decrypt of an earlier ciphertext 30%, GenerateDataKey 20%, DescribeKey 10%.
    Mix,
}

/// An AWS KMS operation the workloads send.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Op {
    Encrypt,
    Decrypt,
    GenerateDataKey,
    DescribeKey,
    CreateKey,
}

impl Op {
    /// The operation's name, as in `X-Amz-Target: TrentService.<name>`.
    pub fn name(self) -> &'static str {
        match self {
            Op::Encrypt => "Encrypt",
            Op::Decrypt => "Decrypt",
            Op::GenerateDataKey => "GenerateDataKey",
            Op::DescribeKey => "DescribeKey",
            Op::CreateKey => "CreateKey",
        }
    }

    /// The `X-Amz-Target` header's value.
    pub fn target(self) -> &'static str {
        match self {
            Op::Encrypt => "TrentService.Encrypt",
            Op::Decrypt => "TrentService.Decrypt",
            Op::GenerateDataKey => "TrentService.GenerateDataKey",
            Op::DescribeKey => "TrentService.DescribeKey",
            Op::CreateKey => "TrentService.CreateKey",
        }
    }
}

/// One connection's source of requests (each connection has its own, so
/// the mix's Decrypts use ciphertexts that connection obtained).
pub struct Requests {
    workload: Workload,
    key_id: String,
    rng: fastrand::Rng,
    /// The latest CiphertextBlob an Encrypt returned (mix only).
    ciphertext: Option<String>,
    /// Tells this connection's CreateKey descriptions apart.
    tag: String,
    sent: u64,
}

impl Requests {
    /// Requests of `workload` under `key_id` for connection number `conn`.
    pub fn new(workload: Workload, key_id: &str, conn: usize) -> Requests {
        Requests {
            workload,
            key_id: key_id.to_owned(),
            rng: fastrand::Rng::new(),
            ciphertext: None,
            tag: format!("loadgen {conn}"),
            sent: 0,
        }
    }

    /// The next request: its operation and JSON body.
    pub fn next(&mut self) -> (Op, Vec<u8>) {
        self.sent += 1;
        let op = match self.workload {
            Workload::Encrypt => Op::Encrypt,
            Workload::GenerateDataKey => Op::GenerateDataKey,
            Workload::CreateKey => Op::CreateKey,
            Workload::Mix => match self.rng.u8(0..100) {
                0..40 => Op::Encrypt,
                40..70 if self.ciphertext.is_some() => Op::Decrypt,
                40..70 => Op::Encrypt,
                70..90 => Op::GenerateDataKey,
                _ => Op::DescribeKey,
            },
        };
        let body = match op {
            Op::Encrypt => {
                let mut plaintext = [0u8; 100];
                self.rng.fill(&mut plaintext);
                json!({"KeyId": self.key_id, "Plaintext": STANDARD.encode(plaintext)})
            }
            Op::Decrypt => json!({"CiphertextBlob": self.ciphertext}),
            Op::GenerateDataKey => json!({"KeyId": self.key_id, "KeySpec": "AES_256"}),
            Op::DescribeKey => json!({"KeyId": self.key_id}),
            Op::CreateKey => json!({"Description": format!("{} #{}", self.tag, self.sent)}),
        };
        (op, body.to_string().into_bytes())
    }

    /// Whether the body of a successful `op` response is of use later
    /// (so the caller parses only those).
    pub fn wants(&self, op: Op) -> bool {
        self.workload == Workload::Mix && op == Op::Encrypt
    }

    /// Takes what it needs from a successful response's body.
    pub fn observe(&mut self, op: Op, body: &[u8]) {
        if self.wants(op)
            && let Ok(v) = serde_json::from_slice::<Value>(body)
            && let Some(blob) = v.get("CiphertextBlob").and_then(Value::as_str)
        {
            self.ciphertext = Some(blob.to_owned());
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn body(v: &[u8]) -> Value {
        serde_json::from_slice(v).expect("JSON body")
    }

    #[test]
    fn encrypt_sends_100_fresh_random_bytes() {
        let mut r = Requests::new(Workload::Encrypt, "alias/k\"q", 0);
        let (op, a) = r.next();
        let (_, b) = r.next();
        assert_eq!(op, Op::Encrypt);
        let (a, b) = (body(&a), body(&b));
        assert_eq!(a["KeyId"], "alias/k\"q");
        let pa = STANDARD
            .decode(a["Plaintext"].as_str().expect("b64"))
            .expect("b64");
        let pb = STANDARD
            .decode(b["Plaintext"].as_str().expect("b64"))
            .expect("b64");
        assert_eq!(pa.len(), 100);
        assert_ne!(pa, pb);
    }

    #[test]
    fn generate_data_key_and_create_key_bodies() {
        let mut r = Requests::new(Workload::GenerateDataKey, "k", 0);
        let (op, b) = r.next();
        assert_eq!(
            (op.target(), body(&b)),
            (
                "TrentService.GenerateDataKey",
                json!({"KeyId": "k", "KeySpec": "AES_256"})
            )
        );
        let mut r = Requests::new(Workload::CreateKey, "", 7);
        let (op, a) = r.next();
        let (_, b) = r.next();
        assert_eq!(op, Op::CreateKey);
        assert_ne!(body(&a)["Description"], body(&b)["Description"]);
    }

    #[test]
    fn mix_decrypts_only_a_ciphertext_it_was_given() {
        let mut r = Requests::new(Workload::Mix, "k", 0);
        let mut seen = std::collections::BTreeMap::new();
        for _ in 0..2000 {
            let (op, _) = r.next();
            assert_ne!(op, Op::Decrypt, "no ciphertext observed yet");
            *seen.entry(op).or_insert(0) += 1;
        }
        assert_eq!(seen.len(), 3, "{seen:?}");
        r.observe(Op::Encrypt, br#"{"CiphertextBlob":"Y3Q=","KeyId":"k"}"#);
        let decrypts: Vec<Vec<u8>> = (0..2000)
            .map(|_| r.next())
            .filter(|(op, _)| *op == Op::Decrypt)
            .map(|(_, b)| b)
            .collect();
        assert!(
            decrypts.len() > 400,
            "about 30% of 2000: {}",
            decrypts.len()
        );
        assert_eq!(body(&decrypts[0]), json!({"CiphertextBlob": "Y3Q="}));
    }
}
