//! Japanese text: normalisation, morphological analysis (lindera + IPADIC) and synonyms.
//! Nothing here knows about schemes or HTTP.

mod analyzer;
pub mod english;
mod lemma_lists;
pub mod normalize;
mod query;
pub mod reading;
mod synonyms;
mod vocabulary;

use std::path::PathBuf;

pub(crate) use analyzer::Piece;
pub use analyzer::{Analyzer, FlatList, Morpheme, TermLists, Terms};
pub use english::{english_terms, is_mostly_latin};
pub use lemma_lists::LemmaLists;
pub use normalize::normalize;
pub use query::{QueryTerms, SYNONYM_WEIGHT, analyze_query};
pub use synonyms::Synonyms;
pub use vocabulary::Vocabulary;

#[derive(Debug, thiserror::Error)]
pub enum TextError {
    #[error("the Japanese dictionary is missing in {dir} (run `make setup` or `shien setup`)")]
    DictionaryMissing { dir: PathBuf },
    #[error(
        "the Japanese dictionary in {dir} is unusable: {reason} (delete it and run `shien setup` again)"
    )]
    DictionaryCorrupt { dir: PathBuf, reason: String },
    #[error("could not segment text: {reason}")]
    Segment { reason: String },
    #[error("could not prepare the synonym variants for matching: {reason}")]
    Synonyms { reason: String },
}

pub type Result<T> = std::result::Result<T, TextError>;
