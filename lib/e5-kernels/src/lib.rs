//! The arithmetic of Shien Navi's multilingual-e5-small encoder (`src/embed/e5/encoder.rs`):
//! products of f32 activations with Q4_0 weights (`q4`), and GELU, residual + LayerNorm and
//! softmax in place (`elementwise`). Plain slices in, plain slices out: no model files, no
//! tensors, no allocation beyond one scratch panel per worker.
//!
//! Why a crate of its own: the application builds in the dev profile (`make` builds
//! `target/debug/shien`, which is what users run), where debug assertions check every SIMD load
//! and overflow checks guard every index; measured on the register-tile kernel, they halved its
//! speed at any opt-level. The workspace's `Cargo.toml` builds this crate, and only this crate,
//! optimised and without them; the checks that matter are asserted once per call instead.
//!
//! Each kernel has an AVX2+FMA version chosen at run time and a scalar one; the tests hold them
//! to each other and to independent references.

mod elementwise;
mod q4;

pub use elementwise::{add_layer_norm, gelu, softmax};
pub use q4::PackedQ4;

#[cfg(target_arch = "x86_64")]
fn has_avx2() -> bool {
    // std caches the CPUID answer; this is an atomic load after the first call.
    std::arch::is_x86_feature_detected!("avx2") && std::arch::is_x86_feature_detected!("fma")
}
