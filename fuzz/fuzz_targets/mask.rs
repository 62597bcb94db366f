//! The PII masker applied to every logged text.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Ok(text) = std::str::from_utf8(data) {
        shien_navi::fuzzing::masking(text);
    }
});
