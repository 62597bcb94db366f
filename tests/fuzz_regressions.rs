//! Replays every input kept under fuzz/regressions/<target>/ (crashes the fuzzers found, once
//! fixed, plus hand-picked edge cases) through the same entry points the fuzz targets use.

mod common;

fn replay(target: &str, run: fn(&str)) -> usize {
    let dir = common::repo().join("fuzz/regressions").join(target);
    let mut n = 0;
    for entry in std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .flatten()
    {
        let bytes = std::fs::read(entry.path()).unwrap();
        if let Ok(text) = std::str::from_utf8(&bytes) {
            let name = entry.path().display().to_string();
            if std::panic::catch_unwind(|| run(text)).is_err() {
                panic!("regression input {name} fails again");
            }
            n += 1;
        }
    }
    n
}

#[test]
fn normalize_and_tokenize_regressions() {
    assert!(replay("normalize_tokenize", shien_navi::fuzzing::query_path) > 0);
}

#[test]
fn masking_regressions() {
    assert!(replay("mask", shien_navi::fuzzing::masking) > 0);
}

#[test]
fn corpus_loader_regressions() {
    assert!(replay("corpus_scheme", shien_navi::fuzzing::scheme_file) > 0);
}
