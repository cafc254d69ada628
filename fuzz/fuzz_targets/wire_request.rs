//! Fuzzes the parser of what `lkms serve` reads from the network after the
//! signature: the `X-Amz-Target` header and the JSON body of every
//! operation. Neither may panic, and a decoded request's audit view never
//! holds a blob member.
#![no_main]

use libfuzzer_sys::fuzz_target;
use lkms::api::{self, OPERATIONS, wire};

fuzz_target!(|data: &[u8]| {
    let Some((&which, body)) = data.split_first() else {
        return;
    };
    let operation = OPERATIONS[usize::from(which) % OPERATIONS.len()];
    if let Ok(request) = api::decode(operation, body) {
        let view = request.audit_view().to_string();
        for blob in [
            "\"Plaintext\"",
            "\"CiphertextBlob\"",
            "\"Message\"",
            "\"Signature\"",
            "\"ImportToken\"",
        ] {
            assert!(!view.contains(blob), "{operation}: {view}");
        }
        assert_eq!(request.operation(), operation);
    }
    // The same bytes as a target header.
    if let Ok(target) = std::str::from_utf8(body) {
        let _ = wire::operation_of(target).map(|op| api::decode(op, b"{}"));
    }
});
