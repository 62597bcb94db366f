//! How lexical and vector scores become one ranking.

use super::*;

/// How the hybrid sum weighs its two sides. Cosines below `vector_floor` carry no signal; the
/// floor depends on the model (static word vectors spread from 0 to 1, e5's cosines sit
/// between about 0.7 and 0.95). All were chosen on eval/search.jsonl, never on a held-out set.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct FusionWeights {
    pub lexical: f32,
    pub vector_floor: f32,
    /// The lexical side's weight when the query is mostly Latin script (an English question,
    /// scored on the English view too).
    pub english_lexical: f32,
    /// How much the やさしい日本語 view's lexical score adds to the Japanese one.
    pub easy_lexical: f32,
    /// How much the reading-word score adds for a query typed in kana alone.
    pub reading_lexical: f32,
    /// The lexical side's weight for a query typed in kana alone (e5 reads kana-only text
    /// poorly).
    pub kana_lexical: f32,
    /// The best raw lexical score under which the lexical side's weight shrinks in proportion:
    /// max-normalising a weak match (a few bigrams, an English word in a Japanese index) would
    /// otherwise give noise full weight. With no or a weak match the dense side leads. 0 = off.
    pub strong_lexical: f32,
    /// How a scheme's or FAQ's similarity pools its Japanese passage and its translated views.
    pub views: ViewPooling,
}

impl FusionWeights {
    pub fn for_settings(settings: &Settings) -> FusionWeights {
        let default = match settings.embedder {
            // Chosen with `shien eval --sweep-fusion` on eval/search.jsonl (issue 13; 420 queries,
            // nDCG@10 0.9058 hybrid): the Japanese weights as before (0.8, 0.8); views pooled
            // with the Japanese passage (best for やさしい日本語 and overall; the best view
            // alone ranks English a little higher and the rest lower); English questions lean
            // on meaning (0.4: 0.9313 on the English queries, 0.8 gives 0.8974); the
            // やさしい日本語 view counts fully (more helps plain Japanese, costs kana and the
            // rest); reading words count double for kana-only queries, with the lexical side at
            // 0.9 (e5 reads kana-only text poorly). A weak-match threshold (2–5) changed nothing
            // and 10–20 cost the kana queries, so it stays off.
            EmbedderKind::E5 => FusionWeights {
                lexical: 0.8,
                vector_floor: 0.8,
                english_lexical: 0.4,
                easy_lexical: 1.0,
                reading_lexical: 2.0,
                kana_lexical: 0.9,
                strong_lexical: 0.0,
                views: ViewPooling::MeanWithJapanese,
            },
            _ => FusionWeights {
                lexical: 0.7,
                vector_floor: 0.3,
                english_lexical: 0.7,
                easy_lexical: 1.0,
                reading_lexical: 2.0,
                kana_lexical: 0.7,
                strong_lexical: 0.0,
                views: ViewPooling::JapaneseOnly,
            },
        };
        FusionWeights {
            lexical: settings.hybrid_lexical_weight.unwrap_or(default.lexical),
            vector_floor: settings.vector_floor.unwrap_or(default.vector_floor),
            english_lexical: settings
                .english_lexical_weight
                .unwrap_or(default.english_lexical),
            easy_lexical: settings.easy_lexical_weight.unwrap_or(default.easy_lexical),
            reading_lexical: settings
                .reading_lexical_weight
                .unwrap_or(default.reading_lexical),
            kana_lexical: settings.kana_lexical_weight.unwrap_or(default.kana_lexical),
            strong_lexical: settings
                .weak_lexical_score
                .unwrap_or(default.strong_lexical),
            views: settings.view_pooling.unwrap_or(default.views),
        }
    }

    pub(super) fn dense(&self, cosine: f32) -> f32 {
        ((cosine - self.vector_floor) / (1.0 - self.vector_floor)).max(0.0)
    }
}

/// Combines lexical and vector scores. Hybrid: a weighted sum of max-normalised scores, so
/// neither scale dominates; documents with no lexical match can still enter on meaning.
pub fn fuse(
    mode: RankingMode,
    weights: FusionWeights,
    lexical: &[LexicalScore],
    vector: &[f32],
) -> Vec<f32> {
    let lex: Vec<f32> = lexical.iter().map(|l| l.total()).collect();
    fuse_totals(mode, weights, weights.lexical, 0.0, &lex, vector)
}

/// [`fuse`] over lexical totals, with the lexical side weighted `lexical_weight` and shrunk
/// when its best score is under `strong` (see [`FusionWeights::strong_lexical`]).
pub fn fuse_totals(
    mode: RankingMode,
    weights: FusionWeights,
    lexical_weight: f32,
    strong: f32,
    lex: &[f32],
    vector: &[f32],
) -> Vec<f32> {
    let dense: Vec<f32> = vector.iter().map(|&v| weights.dense(v)).collect();
    match mode {
        RankingMode::Bm25 => lex.to_vec(),
        RankingMode::Dense => dense,
        RankingMode::Hybrid => {
            let max_lex = lex.iter().copied().fold(0.0, f32::max);
            let max_dense = dense.iter().copied().fold(0.0, f32::max);
            let w = if strong > 0.0 {
                lexical_weight * (max_lex / strong).min(1.0)
            } else {
                lexical_weight
            };
            lex.iter()
                .zip(&dense)
                .map(|(l, d)| {
                    let l = if max_lex > 0.0 { l / max_lex } else { 0.0 };
                    let d = if max_dense > 0.0 { d / max_dense } else { 0.0 };
                    w * l + (1.0 - w) * d
                })
                .collect()
        }
    }
}

/// Reciprocal rank fusion (k = 60) of the lexical and vector rankings; kept for comparison
/// (`SHIEN__FUSION=rrf`): on eval/search.jsonl the weighted sum ranks better (see README).
pub fn fuse_rrf(weights: FusionWeights, lex: &[f32], vector: &[f32]) -> Vec<f32> {
    const K: f32 = 60.0;
    let rank = |scores: &[f32]| -> Vec<Option<usize>> {
        let mut order: Vec<usize> = (0..scores.len()).filter(|&i| scores[i] > 0.0).collect();
        order.sort_by(|&a, &b| scores[b].total_cmp(&scores[a]));
        let mut ranks = vec![None; scores.len()];
        for (r, i) in order.into_iter().enumerate() {
            ranks[i] = Some(r);
        }
        ranks
    };
    let dense: Vec<f32> = vector.iter().map(|&v| weights.dense(v)).collect();
    let (rl, rd) = (rank(lex), rank(&dense));
    (0..lex.len())
        .map(|i| {
            rl[i].map_or(0.0, |r| 1.0 / (K + r as f32 + 1.0))
                + rd[i].map_or(0.0, |r| 1.0 / (K + r as f32 + 1.0))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn weights() -> FusionWeights {
        FusionWeights {
            lexical: 0.8,
            vector_floor: 0.0,
            english_lexical: 0.8,
            easy_lexical: 0.0,
            reading_lexical: 0.0,
            kana_lexical: 0.8,
            strong_lexical: 0.0,
            views: ViewPooling::Best,
        }
    }

    #[test]
    fn a_weak_lexical_match_lets_the_dense_side_lead() {
        // Document 0 has a faint lexical match (0.5), document 1 the better meaning.
        let lex = [0.5, 0.0];
        let cos = [0.2, 0.9];
        let plain = fuse_totals(RankingMode::Hybrid, weights(), 0.8, 0.0, &lex, &cos);
        // Max-normalised, the faint match counts as a full one: 0.8 + 0.2 × 0.2/0.9.
        assert!(plain[0] > plain[1], "{plain:?}");
        // With strong = 5, the lexical weight shrinks to 0.8 × 0.5 / 5 = 0.08.
        let damped = fuse_totals(RankingMode::Hybrid, weights(), 0.8, 5.0, &lex, &cos);
        assert!(
            (damped[0] - (0.08 + 0.92 * 0.2 / 0.9)).abs() < 1e-5,
            "{damped:?}"
        );
        assert!((damped[1] - 0.92).abs() < 1e-5, "{damped:?}");
    }

    #[test]
    fn a_strong_lexical_match_keeps_its_full_weight() {
        let lex = [12.0, 3.0];
        let cos = [0.5, 1.0];
        let plain = fuse_totals(RankingMode::Hybrid, weights(), 0.8, 0.0, &lex, &cos);
        let damped = fuse_totals(RankingMode::Hybrid, weights(), 0.8, 5.0, &lex, &cos);
        assert_eq!(plain, damped);
    }
}
