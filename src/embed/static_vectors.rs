//! Sentence vectors from static word vectors (chiVe-derived, shipped in ja-ginza 5.3.0):
//! the IDF-weighted mean of the content lemmas' vectors, L2-normalised (the sum in plain loops,
//! in the order candle's tensor sum adds rows; the norm with candle).

use std::collections::HashMap;
use std::path::Path;
use std::sync::Arc;

use candle_core::{DType, Device, Tensor};

use super::murmur::murmurhash64a;
use super::npy::read_f32_matrix;
use super::{EmbedError, Embedder, Result};
use crate::text::{Analyzer, LemmaLists};

pub struct StaticEmbedder {
    analyzer: Arc<Analyzer>,
    /// The word vectors, row after row.
    vectors: Vec<f32>,
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
        let vectors = matrix.data;
        Ok(StaticEmbedder {
            analyzer,
            vectors,
            dim,
            key2row,
            idf: HashMap::new(),
            default_idf: 1.0,
        })
    }

    /// Sets IDF weights from the corpus documents' lemmas.
    pub fn fit_idf(&mut self, docs: &LemmaLists) {
        let n = docs.len().max(1) as f32;
        let df = document_frequencies(docs);
        self.idf = df
            .iter()
            .enumerate()
            .filter(|&(_, &c)| c > 0)
            .map(|(l, &c)| (docs.lemma(l as u32).to_string(), (1.0 + n / c as f32).ln()))
            .collect();
        self.default_idf = (1.0 + n).ln();
    }

    pub fn row_of(&self, word: &str) -> Option<u32> {
        self.key2row
            .get(&murmurhash64a(word.as_bytes(), 1))
            .copied()
    }

    /// A lemma's weight: its IDF over the corpus, or the weight of a lemma no document has.
    pub fn idf_of(&self, lemma: &str) -> f32 {
        self.idf.get(lemma).copied().unwrap_or(self.default_idf)
    }

    pub fn vocabulary_size(&self) -> usize {
        self.key2row.len()
    }

    /// The weighted mean of the known lemmas' vectors; zero when no lemma is known.
    pub fn embed_lemmas(&self, lemmas: &[String]) -> Result<Vec<f32>> {
        self.weighted_mean(lemmas.iter().filter_map(|l| {
            let row = self.row_of(l)?;
            Some((row, self.idf_of(l)))
        }))
    }

    /// [`StaticEmbedder::embed_lemmas`] of every document, row after row, each distinct
    /// lemma's row and weight looked up once.
    pub fn embed_documents(&self, docs: &LemmaLists) -> Result<Vec<f32>> {
        let rows: Vec<Option<(u32, f32)>> = (0..docs.lemma_count() as u32)
            .map(|l| {
                let lemma = docs.lemma(l);
                let row = self.row_of(lemma)?;
                Some((row, self.idf_of(lemma)))
            })
            .collect();
        let mut vectors = Vec::with_capacity(docs.len() * self.dim);
        for d in 0..docs.len() {
            vectors.extend(
                self.weighted_mean(docs.document(d).iter().filter_map(|&l| rows[l as usize]))?,
            );
        }
        Ok(vectors)
    }

    /// Σ weight · vector over (row, weight), summed row after row as candle's sum over the
    /// first dimension adds them, then L2-normalised; zero when there is no row.
    fn weighted_mean(&self, rows: impl Iterator<Item = (u32, f32)>) -> Result<Vec<f32>> {
        let mut sum = vec![0.0f32; self.dim];
        let mut any = false;
        for (row, weight) in rows {
            any = true;
            let start = row as usize * self.dim;
            for (s, &v) in sum.iter_mut().zip(&self.vectors[start..start + self.dim]) {
                *s += v * weight;
            }
        }
        if !any {
            return Ok(sum);
        }
        let sum = Tensor::from_vec(sum, self.dim, &Device::Cpu).map_err(EmbedError::candle)?;
        l2_normalize(&sum)
    }
}

/// In how many documents each lemma occurs.
fn document_frequencies(docs: &LemmaLists) -> Vec<u32> {
    let mut df = vec![0u32; docs.lemma_count()];
    let mut last_seen = vec![u32::MAX; docs.lemma_count()];
    for d in 0..docs.len() {
        for &l in docs.document(d) {
            if last_seen[l as usize] != d as u32 {
                last_seen[l as usize] = d as u32;
                df[l as usize] += 1;
            }
        }
    }
    df
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
