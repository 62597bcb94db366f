//! Search indexes: lexical (BM25F) in process, and vector indexes behind a trait.

pub mod bm25;
pub mod lexical;
pub mod qdrant;
pub mod vector;

pub use lexical::{DocText, LexicalIndex, LexicalScore};
pub use qdrant::QdrantIndex;
pub use vector::{InProcessIndex, SparseVector, VectorFilter, VectorIndex};
