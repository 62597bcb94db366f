//! The masker's view of the engine: the dictionary for names and the public addresses.

use super::*;
use crate::domain::masking::Masked;

/// What the masker knows here: the IPADIC analyzer for names, and the addresses published in
/// the corpus (the ward's offices), which are not anyone's personal data.
#[derive(Debug, Clone)]
pub struct MaskLexicon {
    analyzer: Arc<Analyzer>,
    public_addresses: std::collections::HashSet<String>,
    public_phones: std::collections::HashSet<String>,
    name_tagger: Option<&'static crate::domain::masking::NameTagger>,
    /// The sentence encoder whose word vectors a name tagger may read.
    encoder: Option<Arc<dyn Embedder>>,
}

impl MaskLexicon {
    pub fn new(analyzer: Arc<Analyzer>, corpus: &Corpus) -> MaskLexicon {
        // Every published text, serialised whole, so that no field with an address is missed;
        // one at a time and on all cores, since a large corpus has tens of thousands.
        let (mut public_addresses, mut public_phones) = published_keys(&corpus.schemes);
        for (addresses, phones) in [published_keys(&corpus.faqs), published_keys(&corpus.desks)] {
            public_addresses.extend(addresses);
            public_phones.extend(phones);
        }
        MaskLexicon {
            analyzer,
            public_addresses,
            public_phones,
            name_tagger: None,
            encoder: None,
        }
    }

    /// The encoder the name tagger may read words in context with (a tagger runs only beside
    /// the encoder it was trained on; one that reads no tokens in context gives no vectors).
    pub fn with_encoder(mut self, encoder: Option<Arc<dyn Embedder>>) -> MaskLexicon {
        self.encoder = encoder;
        self
    }

    /// The encoder's cache key, when there is one.
    pub fn encoder_key(&self) -> Option<String> {
        self.encoder.as_ref().and_then(|e| e.cache_key())
    }

    /// Switches the shipped name tagger on or off beside the name rules.
    pub fn with_name_tagger(mut self, on: bool) -> MaskLexicon {
        self.name_tagger = on.then(crate::domain::masking::NameTagger::shipped);
        self
    }

    /// How many address keys the corpus publishes (with and without their town).
    pub fn public_address_count(&self) -> usize {
        self.public_addresses.len()
    }

    /// How many office phone numbers the corpus publishes.
    pub fn public_phone_count(&self) -> usize {
        self.public_phones.len()
    }
}

type Keys = std::collections::HashSet<String>;

/// The public address and phone keys in the serialised `items`, the same sets
/// `masking::public_address_keys` and `masking::public_phone_keys` find in all of them together.
fn published_keys<T: Serialize + Sync>(items: &[T]) -> (Keys, Keys) {
    let threads = std::thread::available_parallelism()
        .map_or(1, |n| n.get())
        .min(8);
    let part = items.len().div_ceil(threads).max(1);
    std::thread::scope(|scope| {
        let workers: Vec<_> = items
            .chunks(part)
            .map(|part| {
                scope.spawn(move || {
                    let (mut addresses, mut phones) = (Keys::new(), Keys::new());
                    for item in part {
                        if let Ok(text) = serde_json::to_string(item) {
                            addresses.extend(crate::domain::masking::public_address_keys([
                                text.as_str()
                            ]));
                            phones
                                .extend(crate::domain::masking::public_phone_keys([text.as_str()]));
                        }
                    }
                    (addresses, phones)
                })
            })
            .collect();
        let (mut addresses, mut phones) = (Keys::new(), Keys::new());
        for worker in workers {
            let (a, p) = worker.join().expect("address scan panicked");
            addresses.extend(a);
            phones.extend(p);
        }
        (addresses, phones)
    })
}

impl crate::domain::masking::Lexicon for MaskLexicon {
    fn words(&self, text: &str) -> Vec<crate::domain::masking::Word> {
        crate::domain::masking::Lexicon::words(self.analyzer.as_ref(), text)
    }

    fn is_public_address(&self, key: &str) -> bool {
        self.public_addresses.contains(key)
    }

    fn is_public_phone(&self, key: &str) -> bool {
        self.public_phones.contains(key)
    }

    fn name_tagger(&self) -> Option<&crate::domain::masking::NameTagger> {
        // A tagger trained on one encoder's vectors is not run without them.
        self.name_tagger.filter(|t| match t.encoder() {
            Some(key) => self.encoder_key().as_deref() == Some(key),
            None => true,
        })
    }

    fn piece_vectors(&self, text: &str) -> Option<crate::domain::masking::PieceVectors> {
        let encoder = self.encoder.as_ref()?;
        match encoder.piece_states(text)? {
            Ok(states) => Some(crate::domain::masking::PieceVectors {
                spans: states.spans,
                dim: encoder.dim(),
                values: states.rows,
            }),
            Err(e) => {
                // The rules still mask; only the tagger's reading of context is lost.
                tracing::warn!(error = %e, "encoder could not read a text for the masker");
                None
            }
        }
    }
}

/// Texts masked lately, by the SHA-256 of the raw text, so that the raw text itself is not kept:
/// callers repeat themselves, operators retype, the questionnaire's summaries recur, and with
/// the name tagger each masking runs the encoder.
#[derive(Debug)]
pub struct MaskedCache(crate::recent::RecentMap<[u8; 32], Masked>);

/// Entries kept (a few MiB at most for chat-sized texts).
const MASKED_CACHE: usize = 4096;

impl Default for MaskedCache {
    fn default() -> MaskedCache {
        MaskedCache(crate::recent::RecentMap::new(MASKED_CACHE))
    }
}

impl MaskedCache {
    /// The masked text of `raw`, masked by `mask` on a miss (outside the lock).
    pub fn get_or_mask(&self, raw: &str, mask: impl FnOnce(&str) -> Masked) -> Masked {
        use sha2::Digest;
        let key: [u8; 32] = sha2::Sha256::digest(raw.as_bytes()).into();
        self.0.get_or_insert(&key, || mask(raw))
    }

    pub fn len(&self) -> usize {
        self.0.len()
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_text_masked_once_is_not_masked_again_and_the_cache_stays_bounded() {
        let cache = MaskedCache::default();
        let mut calls = 0;
        let mut mask = |raw: &str| {
            calls += 1;
            Masked::from_stored(raw.replace("田中", "[氏名]"))
        };
        assert_eq!(
            cache.get_or_mask("田中です", &mut mask).as_str(),
            "[氏名]です"
        );
        assert_eq!(
            cache.get_or_mask("田中です", &mut mask).as_str(),
            "[氏名]です"
        );
        assert_eq!(calls, 1);
        for i in 0..(MASKED_CACHE + 10) {
            cache.get_or_mask(&format!("質問 {i}"), |r| {
                Masked::from_stored(r.to_string())
            });
        }
        assert!(cache.len() <= MASKED_CACHE);
        assert!(cache.len() > MASKED_CACHE / 4);
    }
}
