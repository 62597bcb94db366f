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
        // Every published text, serialised whole, so that no field with an address is missed.
        let texts: Vec<String> = corpus
            .schemes
            .iter()
            .filter_map(|s| serde_json::to_string(s).ok())
            .chain(
                corpus
                    .faqs
                    .iter()
                    .filter_map(|f| serde_json::to_string(f).ok()),
            )
            .chain(
                corpus
                    .desks
                    .iter()
                    .filter_map(|d| serde_json::to_string(d).ok()),
            )
            .collect();
        MaskLexicon {
            analyzer,
            public_addresses: crate::domain::masking::public_address_keys(
                texts.iter().map(String::as_str),
            ),
        }
    }
}

impl crate::domain::masking::Lexicon for MaskLexicon {
    fn words(&self, text: &str) -> Vec<crate::domain::masking::Word> {
        crate::domain::masking::Lexicon::words(self.analyzer.as_ref(), text)
    }

    fn is_public_address(&self, key: &str) -> bool {
        self.public_addresses.contains(key)
    }
}
