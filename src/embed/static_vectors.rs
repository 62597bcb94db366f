//! Sentence vectors from static word vectors (chiVe-derived, shipped in ja-ginza 5.3.0):
//! the IDF-weighted mean of the content lemmas' vectors, L2-normalised, computed with candle.

use std::collections::HashMap;
use std::path::Path;
use std::sync::Arc;

use candle_core::{DType, Device, Tensor};

use super::murmur::murmurhash64a;
use super::npy::read_f32_matrix;
use super::{EmbedError, Embedder, Result};
use crate::text::Analyzer;

pub struct StaticEmbedder {
    analyzer: Arc<Analyzer>,
    vectors: Tensor,
    dim: usize,
    key2row: HashMap<u64, u32>,
    /// Lemma → IDF weight over the corpus; lemmas not seen in the corpus get `default_idf`.
    idf: HashMap<String, f32>,
    default_idf: f32,
}

impl std::fmt::Debug for StaticEmbedder {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "StaticEmbedder({} words × {})",
            self.key2row.len(),
            self.dim
        )
    }
}

impl StaticEmbedder {
    /// Loads `dir/vectors` (.npy) and `dir/key2row` (msgpack u64 → row).
    pub fn load(dir: &Path, analyzer: Arc<Analyzer>) -> Result<StaticEmbedder> {
        let vectors_file = dir.join("vectors");
        let key_file = dir.join("key2row");
        if !vectors_file.is_file() || !key_file.is_file() {
            return Err(EmbedError::Missing {
                dir: dir.to_path_buf(),
                what: "vectors and key2row from the ja-ginza 5.3.0 wheel (run `make setup`)".into(),
            });
        }
        let matrix = read_f32_matrix(&vectors_file)?;
        let raw = std::fs::read(&key_file).map_err(|e| EmbedError::Model {
            file: key_file.clone(),
            reason: e.to_string(),
        })?;
        let key2row: HashMap<u64, u64> =
            rmp_serde::from_slice(&raw).map_err(|e| EmbedError::Model {
                file: key_file.clone(),
                reason: format!("not a msgpack map of u64 → u64: {e}"),
            })?;
        let rows = matrix.rows;
        let key2row: HashMap<u64, u32> = key2row
            .into_iter()
            .filter(|(_, r)| (*r as usize) < rows)
            .map(|(k, r)| (k, r as u32))
            .collect();
        let dim = matrix.cols;
        let vectors =
            Tensor::from_vec(matrix.data, (rows, dim), &Device::Cpu).map_err(EmbedError::candle)?;
        Ok(StaticEmbedder {
            analyzer,
            vectors,
            dim,
            key2row,
            idf: HashMap::new(),
            default_idf: 1.0,
        })
    }

    /// Sets IDF weights from the corpus documents (each a list of lemmas).
    pub fn fit_idf(&mut self, docs: &[Vec<String>]) {
        let n = docs.len().max(1) as f32;
        let mut df: HashMap<&str, u32> = HashMap::new();
        for d in docs {
            let mut seen: Vec<&str> = d.iter().map(String::as_str).collect();
            seen.sort_unstable();
            seen.dedup();
            for l in seen {
                *df.entry(l).or_default() += 1;
            }
        }
        self.idf = df
            .into_iter()
            .map(|(l, c)| (l.to_string(), (1.0 + n / c as f32).ln()))
            .collect();
        self.default_idf = (1.0 + n).ln();
    }

    pub fn row_of(&self, word: &str) -> Option<u32> {
        self.key2row
            .get(&murmurhash64a(word.as_bytes(), 1))
            .copied()
    }

    pub fn vocabulary_size(&self) -> usize {
        self.key2row.len()
    }

    /// The weighted mean of the known lemmas' vectors; zero when no lemma is known.
    pub fn embed_lemmas(&self, lemmas: &[String]) -> Result<Vec<f32>> {
        let mut rows = Vec::new();
        let mut weights = Vec::new();
        for l in lemmas {
            if let Some(r) = self.row_of(l) {
                rows.push(r);
                weights.push(self.idf.get(l).copied().unwrap_or(self.default_idf));
            }
        }
        if rows.is_empty() {
            return Ok(vec![0.0; self.dim]);
        }
        let n = rows.len();
        let idx = Tensor::from_vec(rows, n, &Device::Cpu).map_err(EmbedError::candle)?;
        let w = Tensor::from_vec(weights, (n, 1), &Device::Cpu).map_err(EmbedError::candle)?;
        let picked = self
            .vectors
            .index_select(&idx, 0)
            .map_err(EmbedError::candle)?;
        let summed = picked
            .broadcast_mul(&w)
            .and_then(|t| t.sum(0))
            .map_err(EmbedError::candle)?;
        l2_normalize(&summed)
    }
}

pub fn l2_normalize(v: &Tensor) -> Result<Vec<f32>> {
    let v = v.to_dtype(DType::F32).map_err(EmbedError::candle)?;
    let norm = v
        .sqr()
        .and_then(|t| t.sum_all())
        .and_then(|t| t.sqrt())
        .and_then(|t| t.to_scalar::<f32>())
        .map_err(EmbedError::candle)?;
    let out: Vec<f32> = v
        .flatten_all()
        .and_then(|t| t.to_vec1())
        .map_err(EmbedError::candle)?;
    if norm <= f32::EPSILON {
        return Ok(out);
    }
    Ok(out.into_iter().map(|x| x / norm).collect())
}

impl Embedder for StaticEmbedder {
    fn name(&self) -> String {
        format!("chive-static-{}d", self.dim)
    }

    fn dim(&self) -> usize {
        self.dim
    }

    fn embed_query(&self, text: &str) -> Result<Vec<f32>> {
        let lemmas = self
            .analyzer
            .lemmas(text)
            .map_err(|e| EmbedError::Text(e.to_string()))?;
        self.embed_lemmas(&lemmas)
    }

    fn embed_passage(&self, text: &str) -> Result<Vec<f32>> {
        self.embed_query(text)
    }
}
