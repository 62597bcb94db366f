//! The element-wise steps of the encoder (GELU, residual + LayerNorm, softmax) on plain
//! slices, in place. Each has an AVX2+FMA version chosen at run time and a scalar one that
//! gives the same results to float rounding; the tests hold them to each other.

/// Coefficients of a rational approximation of erf on [-4, 4] (odd numerator, even
/// denominator; the one Eigen and XLA use for f32, written as they publish them). Absolute error
/// under 5e-7 against the exact function, so GELU matches libm's `erff` to float rounding of
/// the hidden states.
#[allow(clippy::excessive_precision)]
const ERF_ALPHA: [f32; 7] = [
    -2.72614225801306e-10,
    2.77068142495902e-08,
    -2.10102402082508e-06,
    -5.69250639462346e-05,
    -7.34990630326855e-04,
    -2.95459980854025e-03,
    -1.60960333262415e-02,
];
#[allow(clippy::excessive_precision)]
const ERF_BETA: [f32; 5] = [
    -1.45660718464996e-05,
    -2.13374055278905e-04,
    -1.68282697438203e-03,
    -7.37332916720468e-03,
    -1.42647390514189e-02,
];

fn erf(a: f32) -> f32 {
    let x = a.clamp(-4.0, 4.0);
    let x2 = x * x;
    let p = ERF_ALPHA[1..].iter().fold(ERF_ALPHA[0], |p, &c| x2 * p + c) * x;
    let q = ERF_BETA[1..].iter().fold(ERF_BETA[0], |q, &c| x2 * q + c);
    p / q
}

fn gelu_one(v: f32) -> f32 {
    0.5 * v * (1.0 + erf(v * std::f32::consts::FRAC_1_SQRT_2))
}

#[cfg(target_arch = "x86_64")]
use crate::has_avx2;

/// GELU (the exact, erf-based one BERT uses), in place.
pub fn gelu(v: &mut [f32]) {
    #[cfg(target_arch = "x86_64")]
    if has_avx2() {
        // SAFETY: the CPU has AVX2 and FMA (checked above).
        unsafe { avx2::gelu(v) };
        return;
    }
    v.iter_mut().for_each(|x| *x = gelu_one(*x));
}

/// `x = LayerNorm(x + residual) · weight + bias` over one row; `residual` may be empty.
pub fn add_layer_norm(x: &mut [f32], residual: &[f32], weight: &[f32], bias: &[f32], eps: f32) {
    debug_assert!(residual.is_empty() || residual.len() == x.len());
    debug_assert!(weight.len() == x.len() && bias.len() == x.len());
    #[cfg(target_arch = "x86_64")]
    if has_avx2() {
        // SAFETY: the CPU has AVX2 and FMA (checked above); lengths are checked inside.
        unsafe { avx2::add_layer_norm(x, residual, weight, bias, eps) };
        return;
    }
    scalar_add_layer_norm(x, residual, weight, bias, eps);
}

fn scalar_add_layer_norm(x: &mut [f32], residual: &[f32], weight: &[f32], bias: &[f32], eps: f32) {
    if !residual.is_empty() {
        x.iter_mut().zip(residual).for_each(|(a, r)| *a += r);
    }
    let n = x.len() as f32;
    let mean = x.iter().sum::<f32>() / n;
    let var = x.iter().map(|v| (v - mean) * (v - mean)).sum::<f32>() / n;
    let inv = 1.0 / (var + eps).sqrt();
    for ((v, w), b) in x.iter_mut().zip(weight).zip(bias) {
        *v = (*v - mean) * inv * w + b;
    }
}

/// Softmax of one row of attention scores, in place.
pub fn softmax(row: &mut [f32]) {
    let max = row.iter().copied().fold(f32::NEG_INFINITY, f32::max);
    let mut sum = 0.0;
    for v in row.iter_mut() {
        *v = (*v - max).exp();
        sum += *v;
    }
    let inv = 1.0 / sum;
    row.iter_mut().for_each(|v| *v *= inv);
}

#[cfg(target_arch = "x86_64")]
mod avx2 {
    use std::arch::x86_64::*;

    use super::{ERF_ALPHA, ERF_BETA};

    #[target_feature(enable = "avx2,fma")]
    fn hsum(v: __m256) -> f32 {
        let s = _mm_add_ps(_mm256_castps256_ps128(v), _mm256_extractf128_ps(v, 1));
        let s = _mm_add_ps(s, _mm_movehl_ps(s, s));
        let s = _mm_add_ss(s, _mm_shuffle_ps(s, s, 1));
        _mm_cvtss_f32(s)
    }

    #[target_feature(enable = "avx2,fma")]
    fn erf8(a: __m256) -> __m256 {
        let x = _mm256_max_ps(_mm256_min_ps(a, _mm256_set1_ps(4.0)), _mm256_set1_ps(-4.0));
        let x2 = _mm256_mul_ps(x, x);
        let mut p = _mm256_set1_ps(ERF_ALPHA[0]);
        for &c in &ERF_ALPHA[1..] {
            p = _mm256_fmadd_ps(x2, p, _mm256_set1_ps(c));
        }
        let p = _mm256_mul_ps(p, x);
        let mut q = _mm256_set1_ps(ERF_BETA[0]);
        for &c in &ERF_BETA[1..] {
            q = _mm256_fmadd_ps(x2, q, _mm256_set1_ps(c));
        }
        _mm256_div_ps(p, q)
    }

    #[target_feature(enable = "avx2,fma")]
    pub fn gelu(v: &mut [f32]) {
        let mut chunks = v.chunks_exact_mut(8);
        for c in &mut chunks {
            // SAFETY: `c` holds exactly 8 floats; unaligned loads and stores.
            unsafe {
                let x = _mm256_loadu_ps(c.as_ptr());
                let e = erf8(_mm256_mul_ps(
                    x,
                    _mm256_set1_ps(std::f32::consts::FRAC_1_SQRT_2),
                ));
                let half_x = _mm256_mul_ps(x, _mm256_set1_ps(0.5));
                _mm256_storeu_ps(c.as_mut_ptr(), _mm256_fmadd_ps(half_x, e, half_x));
            }
        }
        for x in chunks.into_remainder() {
            *x = super::gelu_one(*x);
        }
    }

    #[target_feature(enable = "avx2,fma")]
    pub fn add_layer_norm(x: &mut [f32], residual: &[f32], weight: &[f32], bias: &[f32], eps: f32) {
        let n = x.len();
        if !n.is_multiple_of(8)
            || weight.len() != n
            || bias.len() != n
            || !(residual.is_empty() || residual.len() == n)
        {
            return super::scalar_add_layer_norm(x, residual, weight, bias, eps);
        }
        let p = x.as_mut_ptr();
        // SAFETY: every offset i + 8 <= n, and all slices hold n floats (checked above).
        unsafe {
            let mut acc = _mm256_setzero_ps();
            for i in (0..n).step_by(8) {
                let mut v = _mm256_loadu_ps(p.add(i));
                if !residual.is_empty() {
                    v = _mm256_add_ps(v, _mm256_loadu_ps(residual.as_ptr().add(i)));
                    _mm256_storeu_ps(p.add(i), v);
                }
                acc = _mm256_add_ps(acc, v);
            }
            let mean = hsum(acc) / n as f32;
            let m = _mm256_set1_ps(mean);
            let mut acc = _mm256_setzero_ps();
            for i in (0..n).step_by(8) {
                let d = _mm256_sub_ps(_mm256_loadu_ps(p.add(i)), m);
                acc = _mm256_fmadd_ps(d, d, acc);
            }
            let inv = _mm256_set1_ps(1.0 / (hsum(acc) / n as f32 + eps).sqrt());
            for i in (0..n).step_by(8) {
                let d = _mm256_mul_ps(_mm256_sub_ps(_mm256_loadu_ps(p.add(i)), m), inv);
                let w = _mm256_loadu_ps(weight.as_ptr().add(i));
                let b = _mm256_loadu_ps(bias.as_ptr().add(i));
                _mm256_storeu_ps(p.add(i), _mm256_fmadd_ps(d, w, b));
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sample(n: usize) -> Vec<f32> {
        // A deterministic spread over [-6, 6] with a few large values.
        (0..n)
            .map(|i| ((i * 7919 % 1201) as f32 / 100.0) - 6.0)
            .collect()
    }

    #[test]
    fn erf_matches_libm_to_float_rounding() {
        let mut worst = 0f32;
        for i in -80_000..=80_000 {
            let x = i as f32 / 10_000.0;
            worst = worst.max((erf(x) - candle_core::cpu::erf::erf_f32(x)).abs());
        }
        assert!(worst < 1e-6, "worst |erf - erff| = {worst}");
    }

    #[test]
    fn gelu_in_place_matches_the_erf_definition_on_every_length() {
        for n in [1, 7, 8, 9, 1536 + 3] {
            let x = sample(n);
            let mut got = x.clone();
            gelu(&mut got);
            for (g, v) in got.iter().zip(&x) {
                let want = 0.5 * v * (1.0 + candle_core::cpu::erf::erf_f32(v / 2f32.sqrt()));
                assert!((g - want).abs() < 2e-6, "gelu({v}) = {g}, want {want}");
            }
        }
        // GELU's known shape: zero at zero, identity far right, zero far left.
        let mut v = vec![0.0, 10.0, -10.0];
        gelu(&mut v);
        assert_eq!(v[0], 0.0);
        assert!((v[1] - 10.0).abs() < 1e-6 && v[2].abs() < 1e-6, "{v:?}");
    }

    #[test]
    fn add_layer_norm_normalises_the_sum_and_applies_weight_and_bias() {
        let n = 384;
        let x = sample(n);
        let r: Vec<f32> = sample(n).iter().rev().map(|v| v * 0.5).collect();
        let w: Vec<f32> = (0..n).map(|i| 1.0 + i as f32 / n as f32).collect();
        let b: Vec<f32> = (0..n).map(|i| i as f32 / 1000.0).collect();
        let mut fast = x.clone();
        add_layer_norm(&mut fast, &r, &w, &b, 1e-12);
        let mut slow = x.clone();
        scalar_add_layer_norm(&mut slow, &r, &w, &b, 1e-12);
        for (f, s) in fast.iter().zip(&slow) {
            assert!((f - s).abs() < 1e-5, "{f} vs {s}");
        }
        // With unit weight and zero bias the row has mean 0 and variance 1.
        let mut unit = x.clone();
        add_layer_norm(&mut unit, &[], &vec![1.0; n], &vec![0.0; n], 1e-12);
        let mean = unit.iter().sum::<f32>() / n as f32;
        let var = unit.iter().map(|v| (v - mean).powi(2)).sum::<f32>() / n as f32;
        assert!(
            mean.abs() < 1e-5 && (var - 1.0).abs() < 1e-4,
            "{mean} {var}"
        );
    }

    #[test]
    fn softmax_sums_to_one_and_keeps_the_order() {
        let mut row = vec![1.0, 3.0, 2.0, -50.0, 3.0];
        softmax(&mut row);
        assert!((row.iter().sum::<f32>() - 1.0).abs() < 1e-6);
        assert!(row[1] > row[2] && row[2] > row[0] && row[0] > row[3]);
        assert_eq!(row[1], row[4]);
        // Large scores do not overflow.
        let mut big = vec![1000.0, 1000.0];
        softmax(&mut big);
        assert_eq!(big, vec![0.5, 0.5]);
    }
}
