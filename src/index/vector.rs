//! Vector indexes behind one trait: exact cosine search over a contiguous matrix in process
//! (the default), or Qdrant for scale-out (`index::qdrant`, which implements this trait).

/// A sparse vector (sorted unique indices), used for BM25 terms in Qdrant.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct SparseVector {
    pub indices: Vec<u32>,
    pub values: Vec<f32>,
}

/// Payload filters a vector store can apply itself (levels and purposes, as corpus keys).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct VectorFilter {
    pub levels: Vec<String>,
    pub purposes: Vec<String>,
}

/// One document's vector, keyed by its position in the corpus.
pub trait VectorIndex: Send + Sync + std::fmt::Debug {
    /// Cosine similarity of `query` (L2-normalised) to every document, in corpus order.
    fn similarities(&self, query: &[f32]) -> Vec<f32>;
    /// Dense and sparse retrieval fused by the store itself, in corpus order, where the store
    /// can do that; `None` means the caller fuses.
    fn server_hybrid(
        &self,
        _dense: &[f32],
        _sparse: &SparseVector,
        _filter: &VectorFilter,
    ) -> Option<Vec<f32>> {
        None
    }
    fn len(&self) -> usize;
    fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

/// Exact cosine search in memory: vectors are stored normalised, so cosine is a dot product.
#[derive(Debug, Clone)]
pub struct InProcessIndex {
    dim: usize,
    data: Vec<f32>,
}

impl InProcessIndex {
    pub fn new(dim: usize, vectors: &[Vec<f32>]) -> InProcessIndex {
        let mut data = Vec::with_capacity(dim * vectors.len());
        for v in vectors {
            assert_eq!(v.len(), dim, "every vector must have the index's dimension");
            data.extend_from_slice(v);
        }
        InProcessIndex { dim, data }
    }

    /// An index over vectors of `dim` numbers each, given row after row.
    pub fn from_rows(dim: usize, data: Vec<f32>) -> InProcessIndex {
        assert!(
            data.len().is_multiple_of(dim),
            "every vector must have the index's dimension"
        );
        InProcessIndex { dim, data }
    }
}

impl VectorIndex for InProcessIndex {
    fn similarities(&self, query: &[f32]) -> Vec<f32> {
        if self.dim == 0 || query.len() != self.dim {
            return vec![0.0; self.len()];
        }
        self.data
            .chunks_exact(self.dim)
            .map(|row| row.iter().zip(query).map(|(a, b)| a * b).sum())
            .collect()
    }

    fn len(&self) -> usize {
        self.data.len().checked_div(self.dim).unwrap_or(0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn similarities_are_dot_products_in_corpus_order() {
        let index = InProcessIndex::new(2, &[vec![1.0, 0.0], vec![0.0, 1.0], vec![0.6, 0.8]]);
        let s = index.similarities(&[0.6, 0.8]);
        assert_eq!(index.len(), 3);
        assert!(
            (s[0] - 0.6).abs() < 1e-6 && (s[1] - 0.8).abs() < 1e-6 && (s[2] - 1.0).abs() < 1e-6
        );
    }

    #[test]
    fn a_query_of_the_wrong_dimension_scores_zero() {
        let index = InProcessIndex::new(2, &[vec![1.0, 0.0]]);
        assert_eq!(index.similarities(&[1.0, 0.0, 0.0]), vec![0.0]);
    }
}
