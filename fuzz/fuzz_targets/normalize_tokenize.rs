//! The query path: normalisation, query parsing, lindera analysis and synonym expansion.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Ok(text) = std::str::from_utf8(data) {
        shien_navi::fuzzing::query_path(text);
    }
});
