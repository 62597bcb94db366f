//! Ranking metrics over graded relevance (grade 3 = the answer, 2 = clearly relevant, 1 = partly).
//! Recall and MRR count grade ≥ 2 as relevant; nDCG uses the grades as gains (2^g − 1).

use std::collections::HashMap;

pub const RELEVANT_GRADE: u8 = 2;

pub fn dcg(gains: impl Iterator<Item = u8>) -> f64 {
    gains
        .enumerate()
        .map(|(i, g)| (2f64.powi(g as i32) - 1.0) / (i as f64 + 2.0).log2())
        .sum()
}

pub fn ndcg_at(k: usize, ranked: &[String], grades: &HashMap<String, u8>) -> f64 {
    let actual = dcg(ranked
        .iter()
        .take(k)
        .map(|id| grades.get(id).copied().unwrap_or(0)));
    let mut ideal: Vec<u8> = grades.values().copied().collect();
    ideal.sort_unstable_by(|a, b| b.cmp(a));
    let best = dcg(ideal.into_iter().take(k));
    if best == 0.0 { 0.0 } else { actual / best }
}

pub fn recall_at(k: usize, ranked: &[String], grades: &HashMap<String, u8>) -> f64 {
    let relevant = grades.values().filter(|g| **g >= RELEVANT_GRADE).count();
    if relevant == 0 {
        return 0.0;
    }
    let found = ranked
        .iter()
        .take(k)
        .filter(|id| grades.get(*id).is_some_and(|g| *g >= RELEVANT_GRADE))
        .count();
    found as f64 / relevant as f64
}

pub fn mrr_at(k: usize, ranked: &[String], grades: &HashMap<String, u8>) -> f64 {
    ranked
        .iter()
        .take(k)
        .position(|id| grades.get(id).is_some_and(|g| *g >= RELEVANT_GRADE))
        .map_or(0.0, |p| 1.0 / (p as f64 + 1.0))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn grades(pairs: &[(&str, u8)]) -> HashMap<String, u8> {
        pairs.iter().map(|(k, v)| (k.to_string(), *v)).collect()
    }

    fn ids(x: &[&str]) -> Vec<String> {
        x.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn perfect_ranking_scores_one() {
        let g = grades(&[("a", 3), ("b", 2)]);
        assert!((ndcg_at(10, &ids(&["a", "b"]), &g) - 1.0).abs() < 1e-12);
        assert_eq!(recall_at(5, &ids(&["a", "b"]), &g), 1.0);
        assert_eq!(mrr_at(10, &ids(&["a", "b"]), &g), 1.0);
    }

    #[test]
    fn ndcg_matches_a_hand_worked_value() {
        // Ranked [b, a]: DCG = 3/log2(2) + 7/log2(3) = 3 + 4.41650 = 7.41650
        // Ideal  [a, b]: DCG = 7 + 3/log2(3) = 7 + 1.89279 = 8.89279 ; nDCG = 0.83399
        let g = grades(&[("a", 3), ("b", 2)]);
        assert!((ndcg_at(10, &ids(&["b", "a"]), &g) - 0.83399).abs() < 1e-4);
    }

    #[test]
    fn grade_one_does_not_count_for_recall_or_mrr() {
        let g = grades(&[("a", 3), ("c", 1)]);
        assert_eq!(mrr_at(10, &ids(&["c", "x", "a"]), &g), 1.0 / 3.0);
        assert_eq!(recall_at(5, &ids(&["c"]), &g), 0.0);
    }
}
