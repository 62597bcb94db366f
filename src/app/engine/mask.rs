//! The masker's view of the engine: the dictionary for names and the public addresses.

use super::*;

/// What the masker knows here: the IPADIC analyzer for names, and the addresses published in
/// the corpus (the ward's offices), which are not anyone's personal data.
#[derive(Debug, Clone)]
pub struct MaskLexicon {
    analyzer: Arc<Analyzer>,
    public_addresses: std::collections::HashSet<String>,
}

impl MaskLexicon {
    pub fn new(analyzer: Arc<Analyzer>, corpus: &Corpus) -> MaskLexicon {
        // Every published text, serialised whole, so that no field with an address is missed;
        // one at a time and on all cores, since a large corpus has tens of thousands.
        let mut public_addresses = address_keys(&corpus.schemes);
        public_addresses.extend(address_keys(&corpus.faqs));
        public_addresses.extend(address_keys(&corpus.desks));
        MaskLexicon {
            analyzer,
            public_addresses,
        }
    }

    /// How many address keys the corpus publishes (with and without their town).
    pub fn public_address_count(&self) -> usize {
        self.public_addresses.len()
    }
}

/// The public address keys in the serialised `items`, the same set
/// `masking::public_address_keys` finds in all of them together.
fn address_keys<T: Serialize + Sync>(items: &[T]) -> std::collections::HashSet<String> {
    let threads = std::thread::available_parallelism()
        .map_or(1, |n| n.get())
        .min(8);
    let part = items.len().div_ceil(threads).max(1);
    std::thread::scope(|scope| {
        let workers: Vec<_> = items
            .chunks(part)
            .map(|part| {
                scope.spawn(move || {
                    let mut keys = std::collections::HashSet::new();
                    for item in part {
                        if let Ok(text) = serde_json::to_string(item) {
                            keys.extend(crate::domain::masking::public_address_keys([
                                text.as_str()
                            ]));
                        }
                    }
                    keys
                })
            })
            .collect();
        workers
            .into_iter()
            .flat_map(|w| w.join().expect("address scan panicked"))
            .collect()
    })
}

impl crate::domain::masking::Lexicon for MaskLexicon {
    fn words(&self, text: &str) -> Vec<crate::domain::masking::Word> {
        crate::domain::masking::Lexicon::words(self.analyzer.as_ref(), text)
    }

    fn is_public_address(&self, key: &str) -> bool {
        self.public_addresses.contains(key)
    }
}
