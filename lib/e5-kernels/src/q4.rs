//! Products of f32 activations with Q4_0 weights, exact: each weight is the f32 value
//! `(q − 8) × scale` (exact in f32), so the results are those of f32 arithmetic over the
//! dequantised matrix, up to the order of the additions.
//!
//! Why not dequantise once at load and call a GEMM: the 12 layers hold 21 M weights, 85 MB as
//! f32, and a query of 24 tokens streamed all of it from memory for 0.5 G multiply-adds —
//! the products waited on memory (profiled: 80% of a query in the GEMM kernel, at a quarter
//! of the FMA rate). Repacked 4-bit weights are 13 MB and mostly stay in the last-level cache;
//! a panel of 16 outputs is expanded to f32 in a small buffer that stays in L1/L2, then every
//! token row is multiplied against it by a 6 × 16 register-tile kernel (AVX2 + FMA, chosen at
//! run time; a scalar path elsewhere gives the same sums in the same order). Panels are shared
//! among rayon's threads.

use rayon::prelude::*;

/// Outputs per panel: two AVX registers of f32.
const PANEL: usize = 16;
const BLOCK: usize = 32;
const BLOCK_BYTES: usize = 18;
/// Token rows per register tile: 6 rows × 2 registers = 12 accumulators of the 16.
const TILE_ROWS: usize = 6;

/// A `rows × cols` Q4_0 matrix repacked in panels of 16 rows (outputs).
#[derive(Debug)]
pub struct PackedQ4 {
    rows: usize,
    cols: usize,
    /// `[panel][block][16]`: each output's block scale, as f32.
    scales: Vec<f32>,
    /// `[panel][block][16 pairs][16]`: for the pair (k = 2j, 2j + 1) of the block, one byte per
    /// output: `q[2j] | q[2j + 1] << 4`.
    quants: Vec<u8>,
}

/// IEEE half to single precision (exact).
pub(crate) fn f16_to_f32(h: u16) -> f32 {
    let sign = if h & 0x8000 != 0 { -1.0 } else { 1.0 };
    let exp = u32::from((h >> 10) & 0x1F);
    let man = u32::from(h & 0x3FF);
    match exp {
        0 => sign * man as f32 * (1.0 / 16_777_216.0),
        31 if man == 0 => sign * f32::INFINITY,
        31 => f32::NAN,
        _ => f32::from_bits((u32::from(h & 0x8000) << 16) | ((exp + 112) << 23) | (man << 13)),
    }
}

/// Blocks per row of a `rows × cols` Q4_0 matrix given as `blocks`, once its shape is one the
/// packed kernels take (rows in whole panels, columns in whole blocks, every byte accounted for).
pub(crate) fn q4_blocks_per_row(
    blocks: &[u8],
    rows: usize,
    cols: usize,
) -> std::result::Result<usize, String> {
    let nb = cols / BLOCK;
    if !rows.is_multiple_of(PANEL)
        || !cols.is_multiple_of(BLOCK)
        || blocks.len() != rows * nb * BLOCK_BYTES
    {
        return Err(format!(
            "a {rows} × {cols} Q4_0 matrix in {} bytes (rows must be a multiple of {PANEL})",
            blocks.len()
        ));
    }
    Ok(nb)
}

impl PackedQ4 {
    /// Repacks `rows × cols` weights given as Q4_0 blocks in row-major order (`cols / 32`
    /// blocks per row: f16 scale, then 16 bytes holding weight j in the low nibble of byte j
    /// and weight j + 16 in its high nibble).
    pub fn from_blocks(
        blocks: &[u8],
        rows: usize,
        cols: usize,
    ) -> std::result::Result<PackedQ4, String> {
        let nb = q4_blocks_per_row(blocks, rows, cols)?;
        let panels = rows / PANEL;
        let mut scales = vec![0f32; panels * nb * PANEL];
        let mut quants = vec![0u8; panels * nb * 16 * PANEL];
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
                for pair in 0..16 {
                    quants[(pb * 16 + pair) * PANEL + o] = q(2 * pair) | (q(2 * pair + 1) << 4);
                }
            }
        }
        Ok(PackedQ4 {
            rows,
            cols,
            scales,
            quants,
        })
    }

    /// `y` (`m × rows`) = `x` (`m × cols`) · Wᵀ + `bias`, all row-major.
    pub fn matmul(&self, x: &[f32], m: usize, bias: &[f32], y: &mut [f32]) {
        let (n, k) = (self.rows, self.cols);
        assert!(
            x.len() == m * k && y.len() == m * n && bias.len() == n,
            "PackedQ4::matmul shapes"
        );
        let out = OutPtr(y.as_mut_ptr());
        let panels = n / PANEL;
        let run = |range: std::ops::Range<usize>| {
            let mut strip = vec![0f32; k * PANEL];
            for p in range {
                self.expand(p, &mut strip);
                // SAFETY: panel p writes only columns p·16 .. p·16 + 16 of each of the m rows of
                // `y` (m × n, asserted above); panels are disjoint, so no two workers write the
                // same element, and `y` outlives this call.
                unsafe {
                    multiply_panel(
                        &strip,
                        x,
                        m,
                        k,
                        &bias[p * PANEL..][..PANEL],
                        out,
                        n,
                        p * PANEL,
                    );
                }
            }
        };
        if m * n * k < crate::PARALLEL_MIN_MACS || rayon::current_num_threads() < 2 {
            run(0..panels);
        } else {
            // A few panels per task: small enough to balance two threads when one of them is
            // busy elsewhere, large enough that a task outweighs its hand-off.
            let chunk = panels.div_ceil(4 * rayon::current_num_threads()).max(1);
            (0..panels.div_ceil(chunk)).into_par_iter().for_each(|c| {
                run(c * chunk..((c + 1) * chunk).min(panels));
            });
        }
    }

    /// Panel `p` as f32: `strip[k * 16 + o]` is the weight of input k to output `p·16 + o`.
    fn expand(&self, p: usize, strip: &mut [f32]) {
        let nb = self.cols / BLOCK;
        let scales = &self.scales[p * nb * PANEL..][..nb * PANEL];
        let quants = &self.quants[p * nb * 16 * PANEL..][..nb * 16 * PANEL];
        debug_assert_eq!(strip.len(), self.cols * PANEL);
        #[cfg(target_arch = "x86_64")]
        if crate::has_avx2() {
            // SAFETY: the CPU has AVX2 and FMA (checked); lengths as asserted above.
            unsafe { avx2::expand(scales, quants, strip) };
            return;
        }
        scalar_expand(scales, quants, strip);
    }
}

fn scalar_expand(scales: &[f32], quants: &[u8], strip: &mut [f32]) {
    for (b, s) in scales.chunks_exact(PANEL).enumerate() {
        for pair in 0..16 {
            let q = &quants[(b * 16 + pair) * PANEL..][..PANEL];
            let k = b * BLOCK + 2 * pair;
            for o in 0..PANEL {
                strip[k * PANEL + o] = (f32::from(q[o] & 0x0F) - 8.0) * s[o];
                strip[(k + 1) * PANEL + o] = (f32::from(q[o] >> 4) - 8.0) * s[o];
            }
        }
    }
}

#[derive(Clone, Copy)]
struct OutPtr(*mut f32);
// SAFETY: workers write disjoint elements through it (see `PackedQ4::matmul`).
unsafe impl Send for OutPtr {}
unsafe impl Sync for OutPtr {}

/// `y[r][col0 + o] = bias[o] + Σ_k x[r][k] · strip[k][o]` for every row r < m.
///
/// # Safety
/// `out` points to an `m × ldy` row-major buffer with `col0 + 16 <= ldy`, and no one else
/// writes these elements meanwhile.
#[allow(clippy::too_many_arguments)]
unsafe fn multiply_panel(
    strip: &[f32],
    x: &[f32],
    m: usize,
    k: usize,
    bias: &[f32],
    out: OutPtr,
    ldy: usize,
    col0: usize,
) {
    debug_assert!(strip.len() == k * PANEL && x.len() == m * k && bias.len() == PANEL);
    #[cfg(target_arch = "x86_64")]
    if crate::has_avx2() {
        let mut r = 0;
        while r < m {
            let rows = (m - r).min(TILE_ROWS);
            // SAFETY: rows r .. r + rows of x exist; the caller vouches for `out`.
            unsafe {
                let y = out.0.add(r * ldy + col0);
                avx2::tile(rows, strip, &x[r * k..(r + rows) * k], k, y, ldy, bias);
            }
            r += rows;
        }
        return;
    }
    // SAFETY: passed on from the caller.
    unsafe { scalar_multiply_panel(strip, x, m, k, bias, out, ldy, col0) }
}

/// `multiply_panel` without SIMD: the same sums in the same order.
///
/// # Safety
/// As `multiply_panel`.
#[allow(clippy::too_many_arguments)]
unsafe fn scalar_multiply_panel(
    strip: &[f32],
    x: &[f32],
    m: usize,
    k: usize,
    bias: &[f32],
    out: OutPtr,
    ldy: usize,
    col0: usize,
) {
    for r in 0..m {
        let xr = &x[r * k..(r + 1) * k];
        let mut acc = [0f32; PANEL];
        for (kk, xv) in xr.iter().enumerate() {
            for o in 0..PANEL {
                acc[o] += xv * strip[kk * PANEL + o];
            }
        }
        for o in 0..PANEL {
            // SAFETY: the caller vouches for `out` (row r < m, column col0 + o < ldy).
            unsafe { *out.0.add(r * ldy + col0 + o) = acc[o] + bias[o] };
        }
    }
}

#[cfg(target_arch = "x86_64")]
mod avx2 {
    use std::arch::x86_64::*;

    use super::{BLOCK, PANEL};

    #[target_feature(enable = "avx2,fma")]
    pub(super) fn expand(scales: &[f32], quants: &[u8], strip: &mut [f32]) {
        let nb = scales.len() / PANEL;
        assert!(quants.len() == nb * 16 * PANEL && strip.len() == nb * BLOCK * PANEL);
        let mask = _mm_set1_epi8(0x0F);
        let eight = _mm256_set1_ps(8.0);
        // SAFETY: the offsets below stay inside the three slices (asserted).
        unsafe {
            for b in 0..nb {
                let s0 = _mm256_loadu_ps(scales.as_ptr().add(b * PANEL));
                let s1 = _mm256_loadu_ps(scales.as_ptr().add(b * PANEL + 8));
                for pair in 0..16 {
                    let q = _mm_loadu_si128(quants.as_ptr().add((b * 16 + pair) * PANEL).cast());
                    let lo = _mm_and_si128(q, mask);
                    let hi = _mm_and_si128(_mm_srli_epi16(q, 4), mask);
                    let k = b * BLOCK + 2 * pair;
                    for (v, kk) in [(lo, k), (hi, k + 1)] {
                        let a = _mm256_cvtepi32_ps(_mm256_cvtepu8_epi32(v));
                        let c = _mm256_cvtepi32_ps(_mm256_cvtepu8_epi32(_mm_srli_si128(v, 8)));
                        let dst = strip.as_mut_ptr().add(kk * PANEL);
                        _mm256_storeu_ps(dst, _mm256_mul_ps(_mm256_sub_ps(a, eight), s0));
                        _mm256_storeu_ps(dst.add(8), _mm256_mul_ps(_mm256_sub_ps(c, eight), s1));
                    }
                }
            }
        }
    }

    /// The register tile written out per row, so that the accumulators are named values the
    /// compiler keeps in registers even at opt-level 1 (a loop over an array is not unrolled
    /// there).
    macro_rules! tile_rows {
        ($strip:ident, $x:ident, $k:ident, $y:ident, $ldy:ident, $bias:ident; $($r:literal)+) => {{
            let mut acc = [[_mm256_setzero_ps(); 2]; 6];
            let w = $strip.as_ptr();
            let xp = $x.as_ptr();
            for kk in 0..$k {
                let w0 = _mm256_loadu_ps(w.add(kk * PANEL));
                let w1 = _mm256_loadu_ps(w.add(kk * PANEL + 8));
                $(
                    let xb = _mm256_broadcast_ss(&*xp.add($r * $k + kk));
                    acc[$r][0] = _mm256_fmadd_ps(xb, w0, acc[$r][0]);
                    acc[$r][1] = _mm256_fmadd_ps(xb, w1, acc[$r][1]);
                )+
            }
            let b0 = _mm256_loadu_ps($bias.as_ptr());
            let b1 = _mm256_loadu_ps($bias.as_ptr().add(8));
            $(
                _mm256_storeu_ps($y.add($r * $ldy), _mm256_add_ps(acc[$r][0], b0));
                _mm256_storeu_ps($y.add($r * $ldy + 8), _mm256_add_ps(acc[$r][1], b1));
            )+
        }};
    }

    /// One tile of 1 to 6 token rows against a panel (see `multiply_panel`).
    ///
    /// # Safety
    /// `y` points to `rows` rows of `ldy` floats with 16 writable floats at the start of each.
    #[target_feature(enable = "avx2,fma")]
    pub(super) unsafe fn tile(
        rows: usize,
        strip: &[f32],
        x: &[f32],
        k: usize,
        y: *mut f32,
        ldy: usize,
        bias: &[f32],
    ) {
        assert!(x.len() == rows * k && strip.len() == k * PANEL && bias.len() == PANEL);
        // SAFETY: as asserted and vouched for by the caller.
        unsafe {
            match rows {
                1 => tile_rows!(strip, x, k, y, ldy, bias; 0),
                2 => tile_rows!(strip, x, k, y, ldy, bias; 0 1),
                3 => tile_rows!(strip, x, k, y, ldy, bias; 0 1 2),
                4 => tile_rows!(strip, x, k, y, ldy, bias; 0 1 2 3),
                5 => tile_rows!(strip, x, k, y, ldy, bias; 0 1 2 3 4),
                6 => tile_rows!(strip, x, k, y, ldy, bias; 0 1 2 3 4 5),
                _ => unreachable!("tiles hold 1 to 6 rows"),
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Q4_0 blocks with varied scales (normal, subnormal, negative, zero) and nibbles.
    fn blocks(rows: usize, cols: usize, seed: u64) -> Vec<u8> {
        let mut s = seed;
        let mut next = move || {
            s ^= s << 13;
            s ^= s >> 7;
            s ^= s << 17;
            s
        };
        let scales: [u16; 6] = [0x2C00, 0x3555, 0xB000, 0x0203, 0x0000, 0x3C00];
        let mut out = Vec::new();
        for _ in 0..rows * cols / BLOCK {
            out.extend_from_slice(&scales[(next() % 6) as usize].to_le_bytes());
            out.extend((0..16).map(|_| (next() & 0xFF) as u8));
        }
        out
    }

    /// The same matrix dequantised by candle, row-major.
    fn candle_dequantised(bytes: &[u8], rows: usize, cols: usize) -> Vec<f32> {
        use candle_core::quantized::{GgmlDType, QStorage, QTensor};
        let dev = candle_core::Device::Cpu;
        let storage =
            QStorage::from_data(std::borrow::Cow::Borrowed(bytes), &dev, GgmlDType::Q4_0).unwrap();
        QTensor::new(storage, (rows, cols))
            .unwrap()
            .dequantize(&dev)
            .unwrap()
            .flatten_all()
            .unwrap()
            .to_vec1()
            .unwrap()
    }

    #[test]
    fn half_precision_scales_convert_exactly() {
        assert_eq!(f16_to_f32(0x3C00), 1.0);
        assert_eq!(f16_to_f32(0xC000), -2.0);
        assert_eq!(f16_to_f32(0x2C00), 0.0625);
        assert_eq!(f16_to_f32(0x0001), 2f32.powi(-24));
        assert_eq!(f16_to_f32(0x7BFF), 65504.0);
        assert_eq!(f16_to_f32(0x8000), 0.0);
        assert!(f16_to_f32(0x7C01).is_nan());
    }

    #[test]
    fn expanded_panels_hold_exactly_the_dequantised_weights() {
        let (rows, cols) = (32, 96);
        let bytes = blocks(rows, cols, 7);
        let dense = candle_dequantised(&bytes, rows, cols);
        let packed = PackedQ4::from_blocks(&bytes, rows, cols).unwrap();
        let mut strip = vec![0f32; cols * PANEL];
        let mut scalar = vec![0f32; cols * PANEL];
        let nb = cols / BLOCK;
        for p in 0..rows / PANEL {
            packed.expand(p, &mut strip);
            scalar_expand(
                &packed.scales[p * nb * PANEL..][..nb * PANEL],
                &packed.quants[p * nb * 16 * PANEL..][..nb * 16 * PANEL],
                &mut scalar,
            );
            assert_eq!(strip, scalar);
            for k in 0..cols {
                for o in 0..PANEL {
                    assert_eq!(strip[k * PANEL + o], dense[(p * PANEL + o) * cols + k]);
                }
            }
        }
    }

    #[test]
    fn products_match_the_dequantised_matrix_for_every_tile_height() {
        let (rows, cols) = (48, 64);
        let bytes = blocks(rows, cols, 11);
        let dense = candle_dequantised(&bytes, rows, cols);
        let packed = PackedQ4::from_blocks(&bytes, rows, cols).unwrap();
        let bias: Vec<f32> = (0..rows).map(|i| i as f32 * 0.01 - 0.2).collect();
        for m in [1, 2, 5, 6, 7, 13] {
            let x: Vec<f32> = (0..m * cols)
                .map(|i| ((i * 37 % 101) as f32 - 50.0) / 25.0)
                .collect();
            let mut y = vec![f32::NAN; m * rows];
            packed.matmul(&x, m, &bias, &mut y);
            // The scalar path (CPUs without AVX2) gives the same sums.
            let mut scalar = vec![f32::NAN; m * rows];
            let mut strip = vec![0f32; cols * PANEL];
            for p in 0..rows / PANEL {
                packed.expand(p, &mut strip);
                let out = OutPtr(scalar.as_mut_ptr());
                // SAFETY: `scalar` is m × rows and panel p's 16 columns lie inside it.
                unsafe {
                    scalar_multiply_panel(
                        &strip,
                        &x,
                        m,
                        cols,
                        &bias[p * PANEL..][..PANEL],
                        out,
                        rows,
                        p * PANEL,
                    );
                }
            }
            for (a, b) in y.iter().zip(&scalar) {
                assert!((a - b).abs() <= 1e-5 * (1.0 + b.abs()), "{a} vs {b}");
            }
            for r in 0..m {
                for o in 0..rows {
                    let want: f64 = bias[o] as f64
                        + (0..cols)
                            .map(|k| x[r * cols + k] as f64 * dense[o * cols + k] as f64)
                            .sum::<f64>();
                    let got = y[r * rows + o] as f64;
                    assert!(
                        (got - want).abs() < 1e-4 * (1.0 + want.abs()),
                        "m {m} row {r} out {o}: {got} vs {want}"
                    );
                }
            }
        }
    }

    #[test]
    fn a_product_large_enough_to_share_among_threads_equals_its_rows_done_one_by_one() {
        let (rows, cols, m) = (256, 1024, 128);
        assert!(m * rows * cols >= crate::PARALLEL_MIN_MACS);
        let packed = PackedQ4::from_blocks(&blocks(rows, cols, 3), rows, cols).unwrap();
        let bias = vec![0.5; rows];
        let x: Vec<f32> = (0..m * cols)
            .map(|i| ((i * 31 % 97) as f32 - 48.0) / 20.0)
            .collect();
        let mut all = vec![f32::NAN; m * rows];
        packed.matmul(&x, m, &bias, &mut all);
        for r in 0..m {
            let mut one = vec![f32::NAN; rows];
            packed.matmul(&x[r * cols..(r + 1) * cols], 1, &bias, &mut one);
            assert_eq!(&all[r * rows..(r + 1) * rows], one.as_slice(), "row {r}");
        }
    }

    #[test]
    fn a_matrix_whose_rows_do_not_fill_panels_or_whose_bytes_are_short_is_refused() {
        assert!(PackedQ4::from_blocks(&blocks(8, 32, 1), 8, 32).is_err());
        let bytes = blocks(16, 32, 1);
        assert!(PackedQ4::from_blocks(&bytes[..bytes.len() - 1], 16, 32).is_err());
        assert!(PackedQ4::from_blocks(&bytes, 16, 32).is_ok());
    }
}
