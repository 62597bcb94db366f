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
            .map(|row| dot(row, query))
            .collect()
    }

    fn len(&self) -> usize {
        self.data.len().checked_div(self.dim).unwrap_or(0)
    }
}

/// The dot product in eight running sums (added pairwise at the end): independent sums the
/// compiler turns into vector instructions, where one running sum waits on every addition.
fn dot(a: &[f32], b: &[f32]) -> f32 {
    const LANES: usize = 8;
    let (a8, a_rest) = a.as_chunks::<LANES>();
    let (b8, b_rest) = b.as_chunks::<LANES>();
    let mut sums = [0.0f32; LANES];
    for (x, y) in a8.iter().zip(b8) {
        for i in 0..LANES {
            sums[i] += x[i] * y[i];
        }
    }
    let [s0, s1, s2, s3, s4, s5, s6, s7] = sums;
    let mut total = ((s0 + s4) + (s1 + s5)) + ((s2 + s6) + (s3 + s7));
    for (x, y) in a_rest.iter().zip(b_rest) {
        total += x * y;
    }
    total
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
    fn dot_products_of_any_length_agree_with_the_plain_sum() {
        for len in [0, 1, 7, 8, 9, 300, 384, 385] {
            let a: Vec<f32> = (0..len)
                .map(|i| ((i * 7 % 13) as f32 - 6.0) / 8.0)
                .collect();
            let b: Vec<f32> = (0..len)
                .map(|i| ((i * 5 % 11) as f32 - 5.0) / 4.0)
                .collect();
            // Eighths and quarters: every product and partial sum is exact, in any order.
            let plain: f32 = a.iter().zip(&b).map(|(x, y)| x * y).sum();
            assert_eq!(dot(&a, &b), plain, "length {len}");
        }
    }

    #[test]
    fn a_query_of_the_wrong_dimension_scores_zero() {
        let index = InProcessIndex::new(2, &[vec![1.0, 0.0]]);
        assert_eq!(index.similarities(&[1.0, 0.0, 0.0]), vec![0.0]);
    }
}
