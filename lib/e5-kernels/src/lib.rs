//! The arithmetic of Shien Navi's multilingual-e5-small encoder (`src/embed/e5/encoder.rs`):
//! products of f32 activations with Q4_0 weights (`q4`, exact), of Q8_0-rounded activations
//! with them in integers (`q4q8`, AVX-512 VNNI), and GELU, residual + LayerNorm and softmax in
//! place (`elementwise`). Plain slices in, plain slices out: no model files, no
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
mod q4q8;

pub use elementwise::{add_layer_norm, gelu, softmax};
pub use q4::PackedQ4;
pub use q4q8::PackedQ4Q8;

/// Products with fewer multiply-adds than this stay on the calling thread; larger ones share
/// their panels among rayon's threads. Measured on the 2-core machine under other work (load
/// 4-5), query encoding on one thread against two: p50 8.3 against 12.1 ms, processor 10.2
/// against 15.2 ms per query (Q4_0 × Q8_0; the f32 products alike): waking a second thread for
/// each of a query's 48 products costs more than it saves, all the more when the other core is
/// busy. Queries (up to 40 tokens or so) stay on one thread; passages of a few hundred tokens
/// split their larger products.
const PARALLEL_MIN_MACS: usize = 1 << 25;

#[cfg(target_arch = "x86_64")]
fn has_avx2() -> bool {
    // std caches the CPUID answer; this is an atomic load after the first call.
    std::arch::is_x86_feature_detected!("avx2") && std::arch::is_x86_feature_detected!("fma")
}
