//! `--query` expressions and JSON documents on arbitrary text: whatever the
//! bounds accept compiles and evaluates without exhausting the stack, and
//! JSON the depth scan lets through parses without exhausting it.
//!
//! Evaluation is fuzzed for expressions of at most 64 bytes: a JMESPath
//! query can ask for exponentially large output (multiselects, projections
//! over them; in the AWS CLI too), so evaluation's memory is not bounded by
//! the bounds, which are about the stack; such a query costs only its
//! author. Compilation and the depth bound are fuzzed on every input.
#![no_main]

use libfuzzer_sys::fuzz_target;
use lkms::limits;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    if let Ok(expr) = limits::compile_query(text)
        && text.len() <= 64
    {
        let doc = serde_json::json!({
            "KeyMetadata": {"KeyId": "k", "Enabled": true, "KeyUsage": "ENCRYPT_DECRYPT"},
            "Keys": [{"KeyId": "a", "KeyArn": "arn:a"}, {"KeyId": "b"}],
            "Tags": [{"TagKey": "t", "TagValue": "v"}],
            "Truncated": false
        });
        let _ = expr.search(doc);
    }
    if limits::check_json_depth(text, "fuzz").is_ok() {
        let _ = serde_json::from_str::<serde_json::Value>(text);
    }
});
