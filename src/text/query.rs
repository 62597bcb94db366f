//! Turning a caller's words into weighted search terms.

use std::collections::HashSet;

use super::{Analyzer, Result, Synonyms, normalize};

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
    let morphemes = analyzer.morphemes(&normalized)?;
    let lemmas: Vec<String> = morphemes
        .iter()
        .filter(|m| m.content)
        .map(|m| m.lemma.clone())
        .collect();
    let terms = super::analyzer::terms_of(&morphemes);
    let mut words: Vec<(String, f32)> = terms.words.into_iter().map(|w| (w, 1.0)).collect();
    let grams = terms.grams.into_iter().map(|g| (g, 1.0)).collect();
    let mut readings: Vec<(String, f32)> = terms.readings.into_iter().map(|g| (g, 1.0)).collect();
    readings.extend(
        super::analyzer::kana_run_grams(&normalized)
            .into_iter()
            .map(|g| (g, 1.0)),
    );
    let lemma_set: HashSet<String> = lemmas.iter().cloned().collect();
    let mut expansions = Vec::new();
    for canonical in synonyms.expand(&normalized, &lemma_set) {
        if lemma_set.contains(canonical) {
            continue;
        }
        expansions.push(canonical.to_string());
        for w in analyzer.terms(canonical)?.words {
            if !words.iter().any(|(x, _)| x == &w) {
                words.push((w, SYNONYM_WEIGHT));
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
