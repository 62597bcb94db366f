//! MurmurHash64A (Austin Appleby), the hash spaCy uses for its string store: `key2row` in the
//! ja-ginza vectors is keyed by `murmurhash64a(utf8(word), seed = 1)`.

pub fn murmurhash64a(data: &[u8], seed: u64) -> u64 {
    const M: u64 = 0xc6a4_a793_5bd1_e995;
    const R: u32 = 47;
    let mut h: u64 = seed ^ (data.len() as u64).wrapping_mul(M);
    let mut chunks = data.chunks_exact(8);
    for chunk in &mut chunks {
        let mut k = u64::from_le_bytes(chunk.try_into().expect("8 bytes"));
        k = k.wrapping_mul(M);
        k ^= k >> R;
        k = k.wrapping_mul(M);
        h ^= k;
        h = h.wrapping_mul(M);
    }
    let tail = chunks.remainder();
    if !tail.is_empty() {
        for (i, b) in tail.iter().enumerate() {
            h ^= (*b as u64) << (8 * i);
        }
        h = h.wrapping_mul(M);
    }
    h ^= h >> R;
    h = h.wrapping_mul(M);
    h ^= h >> R;
    h
}

#[cfg(test)]
mod tests {
    use super::murmurhash64a;

    #[test]
    fn matches_the_ginza_string_store_hashes() {
        assert_eq!(murmurhash64a("補助金".as_bytes(), 1), 4573577901043067012);
        assert_eq!(murmurhash64a("創業".as_bytes(), 1), 3954016445940148124);
        assert_eq!(
            murmurhash64a("ホームページ".as_bytes(), 1),
            5352326311346784985
        );
    }
}
