//! Embedders behind one trait: static chiVe word vectors (default, offline) and transformer
//! encoders loaded with candle. Nothing here knows about schemes or indexes.

pub mod cache;
pub mod e5;
pub mod murmur;
pub mod npy;
pub mod static_vectors;
pub mod transformer;

use std::path::PathBuf;

pub use cache::VectorCache;
pub use e5::{E5Embedder, WeightMode};
pub use murmur::murmurhash64a;
pub use static_vectors::StaticEmbedder;
pub use transformer::TransformerEmbedder;

#[derive(Debug, thiserror::Error)]
pub enum EmbedError {
    #[error("model files missing in {dir}: {what}")]
    Missing { dir: PathBuf, what: String },
    #[error("{file}: {reason}")]
    Model { file: PathBuf, reason: String },
    #[error("tensor operation failed: {0}")]
    Candle(String),
    #[error("text could not be prepared: {0}")]
    Text(String),
}

impl EmbedError {
    pub fn candle(e: candle_core::Error) -> EmbedError {
        EmbedError::Candle(e.to_string())
    }
}

pub type Result<T> = std::result::Result<T, EmbedError>;

/// Turns text into an L2-normalised vector. Queries and passages may be encoded differently
/// (e.g. the prefixes ruri-v3 and e5 expect).
pub trait Embedder: Send + Sync + std::fmt::Debug {
    fn name(&self) -> String;
    fn dim(&self) -> usize;
    fn embed_query(&self, text: &str) -> Result<Vec<f32>>;
    fn embed_passage(&self, text: &str) -> Result<Vec<f32>>;
    /// Identifies the model's weights, when passage vectors may be cached on disk under it.
    fn cache_key(&self) -> Option<String> {
        None
    }
    /// The last hidden state of each token of `text` read as a query, with the byte span of
    /// `text` it came from; None for an embedder that reads no tokens in context.
    fn piece_states(&self, _text: &str) -> Option<Result<PieceStates>> {
        None
    }
}

/// What an encoder read a text as, token by token.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct PieceStates {
    /// The byte span of the text each token came from.
    pub spans: Vec<(usize, usize)>,
    /// A row of the embedder's `dim` per span.
    pub rows: Vec<f32>,
}
