//! Search indexes: lexical (BM25F) in process, and vector indexes behind a trait.

pub mod bm25;
mod build;
pub mod candidates;
pub mod english;
pub mod lexical;
pub(crate) mod parallel;
pub mod qdrant;
pub mod reading;
pub mod reuse;
pub mod vector;

pub use build::DocText;
pub use english::{EnglishIndex, english_query};
pub use lexical::{LexicalIndex, LexicalScore};
pub use qdrant::QdrantIndex;
pub use reading::ReadingIndex;
pub use reuse::{Analyses, Reuse};
pub use vector::{InProcessIndex, SparseVector, VectorFilter, VectorIndex};
