//! How lexical and vector scores become one ranking.

use super::*;

/// How the hybrid sum weighs its two sides. Cosines below `vector_floor` carry no signal; the
/// floor depends on the model (static word vectors spread from 0 to 1, e5's cosines sit
/// between about 0.7 and 0.95). Both were chosen on eval/search.jsonl, never on a held-out set.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct FusionWeights {
    pub lexical: f32,
    pub vector_floor: f32,
}

impl FusionWeights {
    pub fn for_settings(settings: &Settings) -> FusionWeights {
        let default = match settings.embedder {
            // The best nDCG@10 of the grid in `shien eval --sweep-fusion` (0.9136).
            EmbedderKind::E5 => FusionWeights {
                lexical: 0.8,
                vector_floor: 0.8,
            },
            _ => FusionWeights {
                lexical: 0.7,
                vector_floor: 0.3,
            },
        };
        FusionWeights {
            lexical: settings.hybrid_lexical_weight.unwrap_or(default.lexical),
            vector_floor: settings.vector_floor.unwrap_or(default.vector_floor),
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
    let dense: Vec<f32> = vector.iter().map(|&v| weights.dense(v)).collect();
    match mode {
        RankingMode::Bm25 => lex,
        RankingMode::Dense => dense,
        RankingMode::Hybrid => {
            let max_lex = lex.iter().copied().fold(0.0, f32::max);
            let max_dense = dense.iter().copied().fold(0.0, f32::max);
            lex.iter()
                .zip(&dense)
                .map(|(l, d)| {
                    let l = if max_lex > 0.0 { l / max_lex } else { 0.0 };
                    let d = if max_dense > 0.0 { d / max_dense } else { 0.0 };
                    weights.lexical * l + (1.0 - weights.lexical) * d
                })
                .collect()
        }
    }
}

/// Reciprocal rank fusion (k = 60) of the lexical and vector rankings; kept for comparison
/// (`SHIEN__FUSION=rrf`): on eval/search.jsonl the weighted sum ranks better (see README).
pub fn fuse_rrf(weights: FusionWeights, lexical: &[LexicalScore], vector: &[f32]) -> Vec<f32> {
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
    let lex: Vec<f32> = lexical.iter().map(|l| l.total()).collect();
    let dense: Vec<f32> = vector.iter().map(|&v| weights.dense(v)).collect();
    let (rl, rd) = (rank(&lex), rank(&dense));
    (0..lex.len())
        .map(|i| {
            rl[i].map_or(0.0, |r| 1.0 / (K + r as f32 + 1.0))
                + rd[i].map_or(0.0, |r| 1.0 / (K + r as f32 + 1.0))
        })
        .collect()
}
