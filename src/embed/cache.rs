//! Passage vectors kept on disk, keyed by the model's checksum and each text's SHA-256, so a
//! start-up re-encodes only the texts that changed. A cache written for other weights, or one
//! that cannot be read, is ignored (and rebuilt), never trusted.

use std::collections::HashMap;
use std::io::{BufWriter, Write};
use std::path::{Path, PathBuf};

use indicatif::{ProgressBar, ProgressStyle};
use sha2::{Digest, Sha256};

use super::{Embedder, Result};

const MAGIC: &[u8; 8] = b"SHVCACH1";

type TextKey = [u8; 32];

#[derive(Debug)]
pub struct VectorCache {
    path: PathBuf,
    model_key: String,
    dim: usize,
    entries: HashMap<TextKey, Vec<f32>>,
    changed: bool,
}

/// What one `embed_passages` call did.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct CacheStats {
    pub cached: usize,
    pub computed: usize,
}

fn text_key(text: &str) -> TextKey {
    Sha256::digest(text.as_bytes()).into()
}

impl VectorCache {
    /// Opens `path` for the model `model_key`; starts empty when the file is missing, unreadable
    /// or written for another model or dimension.
    pub fn open(path: &Path, model_key: &str, dim: usize) -> VectorCache {
        let entries = std::fs::read(path)
            .ok()
            .and_then(|bytes| parse(&bytes, model_key, dim))
            .unwrap_or_default();
        VectorCache {
            path: path.to_path_buf(),
            model_key: model_key.to_string(),
            dim,
            entries,
            changed: false,
        }
    }

    pub fn len(&self) -> usize {
        self.entries.len()
    }

    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    pub fn get(&self, text: &str) -> Option<&[f32]> {
        self.entries.get(&text_key(text)).map(Vec::as_slice)
    }

    pub fn insert(&mut self, text: &str, vector: Vec<f32>) {
        debug_assert_eq!(vector.len(), self.dim);
        self.entries.insert(text_key(text), vector);
        self.changed = true;
    }

    /// Passage vectors for `texts`, from the cache where present, encoded (with a progress bar
    /// on a terminal) where not; the cache file is rewritten when anything was added.
    pub fn embed_passages(
        &mut self,
        embedder: &dyn Embedder,
        texts: &[String],
    ) -> Result<(Vec<Vec<f32>>, CacheStats)> {
        let missing: Vec<usize> = (0..texts.len())
            .filter(|&i| self.get(&texts[i]).is_none())
            .collect();
        let mut stats = CacheStats {
            cached: texts.len() - missing.len(),
            computed: 0,
        };
        if !missing.is_empty() {
            let bar = ProgressBar::new(missing.len() as u64).with_style(
                ProgressStyle::with_template("{msg} {bar:30} {pos}/{len} ({eta} left)")
                    .expect("valid template"),
            );
            bar.set_message("encoding passages");
            for i in missing {
                let vector = embedder.embed_passage(&texts[i])?;
                self.insert(&texts[i], vector);
                stats.computed += 1;
                bar.inc(1);
            }
            bar.finish_and_clear();
        }
        let vectors = texts
            .iter()
            .map(|t| self.get(t).expect("just inserted").to_vec())
            .collect();
        if self.changed
            && let Err(e) = self.save()
        {
            tracing::warn!(file = %self.path.display(), error = %e, "vector cache not saved");
        }
        Ok((vectors, stats))
    }

    /// Writes the cache atomically (temporary file, then rename), so a reader never sees half.
    pub fn save(&mut self) -> std::io::Result<()> {
        if let Some(dir) = self.path.parent() {
            std::fs::create_dir_all(dir)?;
        }
        let tmp = self
            .path
            .with_extension(format!("tmp{}", std::process::id()));
        {
            let mut w = BufWriter::new(std::fs::File::create(&tmp)?);
            w.write_all(MAGIC)?;
            w.write_all(&(self.model_key.len() as u32).to_le_bytes())?;
            w.write_all(self.model_key.as_bytes())?;
            w.write_all(&(self.dim as u32).to_le_bytes())?;
            w.write_all(&(self.entries.len() as u64).to_le_bytes())?;
            for (key, vector) in &self.entries {
                w.write_all(key)?;
                for v in vector {
                    w.write_all(&v.to_le_bytes())?;
                }
            }
            w.into_inner().map_err(|e| e.into_error())?.sync_all()?;
        }
        std::fs::rename(&tmp, &self.path)?;
        self.changed = false;
        Ok(())
    }
}

fn parse(bytes: &[u8], model_key: &str, dim: usize) -> Option<HashMap<TextKey, Vec<f32>>> {
    let rest = bytes.strip_prefix(MAGIC)?;
    let (len, rest) = rest.split_at_checked(4)?;
    let key_len = u32::from_le_bytes(len.try_into().ok()?) as usize;
    let (key, rest) = rest.split_at_checked(key_len)?;
    if key != model_key.as_bytes() {
        return None;
    }
    let (d, rest) = rest.split_at_checked(4)?;
    if u32::from_le_bytes(d.try_into().ok()?) as usize != dim {
        return None;
    }
    let (n, rest) = rest.split_at_checked(8)?;
    let n = u64::from_le_bytes(n.try_into().ok()?) as usize;
    let record = 32 + dim * 4;
    if rest.len() != n.checked_mul(record)? {
        return None;
    }
    Some(
        rest.chunks_exact(record)
            .map(|r| {
                let key: TextKey = r[..32].try_into().expect("32 bytes");
                let vector = r[32..]
                    .chunks_exact(4)
                    .map(|b| f32::from_le_bytes(b.try_into().expect("4 bytes")))
                    .collect();
                (key, vector)
            })
            .collect(),
    )
}

/// A test embedder that counts how often it is asked to encode; the vector is the text's
/// length. Shared by the cache's tests and the engine's.
#[cfg(test)]
#[derive(Debug, Default)]
pub(crate) struct Counting(pub std::sync::atomic::AtomicUsize);

#[cfg(test)]
impl Embedder for Counting {
    fn name(&self) -> String {
        "counting".into()
    }
    fn dim(&self) -> usize {
        2
    }
    fn embed_query(&self, text: &str) -> Result<Vec<f32>> {
        self.embed_passage(text)
    }
    fn embed_passage(&self, text: &str) -> Result<Vec<f32>> {
        self.0.fetch_add(1, std::sync::atomic::Ordering::SeqCst);
        Ok(vec![text.chars().count() as f32, 1.0])
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::atomic::Ordering;

    #[test]
    fn only_changed_texts_are_encoded_again_after_a_restart() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("vectors.cache");
        let model = Counting::default();
        let texts = vec!["創業融資".to_string(), "家賃補助".to_string()];
        let (first, stats) = VectorCache::open(&path, "m1", 2)
            .embed_passages(&model, &texts)
            .unwrap();
        assert_eq!(
            stats,
            CacheStats {
                cached: 0,
                computed: 2
            }
        );

        let changed = vec!["創業融資".to_string(), "家賃補助の上限".to_string()];
        let (second, stats) = VectorCache::open(&path, "m1", 2)
            .embed_passages(&model, &changed)
            .unwrap();
        assert_eq!(
            stats,
            CacheStats {
                cached: 1,
                computed: 1
            }
        );
        assert_eq!(first[0], second[0]);
        assert_eq!(second[1], vec![7.0, 1.0]);
        assert_eq!(model.0.load(Ordering::SeqCst), 3);
    }

    #[test]
    fn a_cache_for_other_weights_or_a_damaged_file_is_ignored() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("vectors.cache");
        let model = Counting::default();
        let texts = vec!["助成金".to_string()];
        VectorCache::open(&path, "m1", 2)
            .embed_passages(&model, &texts)
            .unwrap();
        assert_eq!(VectorCache::open(&path, "m1", 2).len(), 1);
        assert!(VectorCache::open(&path, "m2", 2).is_empty());
        let bytes = std::fs::read(&path).unwrap();
        std::fs::write(&path, &bytes[..bytes.len() - 3]).unwrap();
        assert!(VectorCache::open(&path, "m1", 2).is_empty());
    }
}

/// Recent query vectors (callers repeat themselves, operators retype), with hit and miss
/// counters for `/healthz`.
#[derive(Debug)]
pub struct QueryVectorCache(crate::recent::RecentMap<String, std::sync::Arc<[f32]>>);

impl QueryVectorCache {
    pub fn new(capacity: usize) -> QueryVectorCache {
        QueryVectorCache(crate::recent::RecentMap::new(capacity))
    }

    /// The query's vector, encoded with `encode` on a miss (outside the lock).
    pub fn get_or_encode(
        &self,
        text: &str,
        encode: impl FnOnce(&str) -> Result<Vec<f32>>,
    ) -> Result<std::sync::Arc<[f32]>> {
        self.0
            .get_or_try_insert(text, || encode(text).map(std::sync::Arc::from))
    }

    /// (hits, misses) since start-up.
    pub fn counters(&self) -> (u64, u64) {
        self.0.counters()
    }
}

#[cfg(test)]
mod query_cache_tests {
    use super::*;

    #[test]
    fn repeated_queries_hit_and_the_cache_stays_bounded() {
        let cache = QueryVectorCache::new(4);
        let encode = |t: &str| Ok(vec![t.len() as f32]);
        for q in ["a", "b", "a", "a"] {
            cache.get_or_encode(q, encode).unwrap();
        }
        assert_eq!(cache.counters(), (2, 2));
        for q in ["c", "d", "e", "f", "g", "h"] {
            cache.get_or_encode(q, encode).unwrap();
        }
        assert!(cache.0.len() <= 4);
        // The most recent entry survives eviction.
        cache.get_or_encode("h", encode).unwrap();
        assert_eq!(cache.counters().0, 3);
    }
}
