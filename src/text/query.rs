//! Turning a caller's words into weighted search terms.

use super::{Analyzer, Result, Synonyms, Terms, normalize};

/// Weight of words that came from synonym expansion rather than the caller.
pub const SYNONYM_WEIGHT: f32 = 0.7;

#[derive(Debug, Clone, Default, PartialEq)]
pub struct QueryTerms {
    pub normalized: String,
    /// Content lemmas the caller typed.
    pub lemmas: Vec<String>,
    pub words: Vec<(String, f32)>,
    pub grams: Vec<(String, f32)>,
    pub readings: Vec<(String, f32)>,
    /// Canonical words added by synonym expansion.
    pub expansions: Vec<String>,
}

pub fn analyze_query(analyzer: &Analyzer, synonyms: &Synonyms, text: &str) -> Result<QueryTerms> {
    let normalized = normalize(text);
    let pieces = analyzer.pieces(&normalized)?;
    let lemmas: Vec<String> = pieces
        .iter()
        .filter(|m| m.is_content())
        .map(|m| m.lemma().to_string())
        .collect();
    let mut terms = Terms::default();
    super::analyzer::emit_terms(&pieces, &mut terms);
    let mut words: Vec<(String, f32)> = terms.words.into_iter().map(|w| (w, 1.0)).collect();
    let grams = terms.grams.into_iter().map(|g| (g, 1.0)).collect();
    let mut readings: Vec<(String, f32)> = terms.readings.into_iter().map(|g| (g, 1.0)).collect();
    readings.extend(
        super::analyzer::kana_run_grams(&normalized)
            .into_iter()
            .map(|g| (g, 1.0)),
    );
    let mut expansions = Vec::new();
    for (canonical, canonical_words) in synonyms.expand(&normalized, &lemmas) {
        if lemmas.iter().any(|l| l == canonical) {
            continue;
        }
        expansions.push(canonical.to_string());
        for w in canonical_words {
            if !words.iter().any(|(x, _)| x == w) {
                words.push((w.clone(), SYNONYM_WEIGHT));
            }
        }
    }
    Ok(QueryTerms {
        normalized,
        lemmas,
        words,
        grams,
        readings,
        expansions,
    })
}
