//! Entry points shared by the cargo-fuzz targets (`fuzz/`) and the regression test that
//! replays every input they ever crashed on (`fuzz/regressions/`). Each function panics only
//! when an invariant breaks.

use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use crate::domain::Corpus;
use crate::domain::search::SearchQuery;
use crate::text::{Analyzer, Synonyms, analyze_query, normalize};

fn models_dir() -> PathBuf {
    std::env::var_os("SHIEN_MODELS_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| Path::new(env!("CARGO_MANIFEST_DIR")).join("models"))
}

fn analysis() -> &'static (Analyzer, Synonyms) {
    static A: OnceLock<(Analyzer, Synonyms)> = OnceLock::new();
    A.get_or_init(|| {
        let analyzer = Analyzer::load(&models_dir().join("ipadic"))
            .expect("models/ipadic (run `shien setup`)");
        let corpus = Corpus::load(&Path::new(env!("CARGO_MANIFEST_DIR")).join("corpus"), &[])
            .expect("the corpus loads");
        let synonyms = Synonyms::for_corpus(&corpus, &analyzer).expect("synonyms build");
        (analyzer, synonyms)
    })
}

/// Normalising twice changes nothing, and any accepted query analyses without panicking.
pub fn query_path(text: &str) {
    let once = normalize(text);
    assert_eq!(normalize(&once), once, "normalisation must be idempotent");
    if let Ok(query) = SearchQuery::parse(text) {
        let (analyzer, synonyms) = analysis();
        let _ = analyze_query(analyzer, synonyms, query.as_str());
    }
}

/// Masking is idempotent: what was masked stays masked and nothing new appears.
pub fn masking(text: &str) {
    use crate::domain::masking::mask;
    let (analyzer, _) = analysis();
    let masked = mask(text, analyzer).into_string();
    assert_eq!(
        mask(&masked, analyzer).into_string(),
        masked,
        "masking must be idempotent"
    );
}

/// Any text either parses into a scheme or yields problems that name the file.
pub fn scheme_file(text: &str) {
    let file = Path::new("fuzz.toml");
    for p in crate::domain::corpus::check_scheme_text(file, text) {
        assert_eq!(p.file, file, "every problem names its file");
        if let Some(line) = p.line {
            assert!(
                line >= 1 && line <= text.lines().count().max(1) + 1,
                "line {line} is inside the text"
            );
        }
    }
}
