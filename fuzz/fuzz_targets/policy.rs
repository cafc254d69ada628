//! The key policy parser and evaluator on arbitrary text.
#![no_main]

use libfuzzer_sys::fuzz_target;
use lkms::policy::PolicyDocument;
use lkms::policy::eval::{Request, evaluate};

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    if let Ok(policy) = PolicyDocument::parse(text) {
        for action in ["kms:Encrypt", "kms:PutKeyPolicy"] {
            let _ = evaluate(&policy, &Request { principal: "ci", account: "111122223333", action, context: None });
        }
    }
});
