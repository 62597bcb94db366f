//! One search: lexical and vector scores, their fusion, the priors, filters and the FAQs.

use std::time::Instant;

use chrono::NaiveDate;
use tracing::instrument;

use unicode_normalization::UnicodeNormalization;

use super::documents::{passes, round3};
use super::vectors::vector_filter;
use super::{
    Engine, Explanation, FaqHit, Result, SchemeHit, SearchOutcome, fuse, fuse_rrf, fuse_totals,
    level_hint, views,
};
use crate::config::{Fusion, RankingMode};
use crate::domain::scheme::WindowStatus;
use crate::domain::search::{SearchFilters, SearchQuery};
use crate::domain::{Lang, Level};
use crate::index::VectorIndex;
use crate::index::candidates::{self, Reading};
use crate::index::lexical::{lowest_keys, ranking_key};
use crate::index::qdrant::bm25_query;
use crate::index::{LexicalScore, english_query};
use crate::text::{self, QueryTerms};

/// How many of the best fused scores get their priors computed (see `search_with`).
const PRIOR_CANDIDATES: usize = 400;

/// One scheme's scores as its explanation shows them.
#[derive(Debug, Clone, Copy, Default)]
struct Scored {
    lexical: LexicalScore,
    english: f32,
    easy: f32,
    reading: f32,
    /// The pooled similarity and the view it came from, when the query was encoded.
    vector: Option<(f32, Lang)>,
}

/// Multiplier for the ward's own schemes when the caller names no level.
pub const LOCAL_PRIOR: f32 = 1.05;

impl Engine {
    #[instrument(skip_all, fields(query_chars = query.as_str().chars().count(), top_k))]
    pub fn search(
        &self,
        query: &SearchQuery,
        filters: &SearchFilters,
        top_k: usize,
        today: NaiveDate,
    ) -> Result<SearchOutcome> {
        self.search_with(query, filters, top_k, today, self.default_mode())
    }

    pub fn search_with(
        &self,
        query: &SearchQuery,
        filters: &SearchFilters,
        top_k: usize,
        today: NaiveDate,
        mode: RankingMode,
    ) -> Result<SearchOutcome> {
        let started = Instant::now();
        let terms = self.analyze_query(query.as_str())?;
        let weights = self.fusion_weights;
        // An English question also reads the English view; plain Japanese the やさしい日本語 one.
        // A view that is not read has no scores (zero in the explanation), not a vector of zeros.
        let latin = text::is_mostly_latin(query.as_str());
        // The やさしい日本語 view is Japanese: an English question's words would only meet the
        // few Latin names in it, where they are rare and so weigh heavily.
        let read_easy = weights.easy_lexical > 0.0 && !latin;
        // Typed in kana alone: the kana runs read as the words they sound like.
        let kana = !latin && text::reading::is_normalized_kana_only(&terms.normalized);
        // Ranked by the Japanese and やさしい日本語 totals alone, only the best few hundred
        // matter (see PRIOR_CANDIDATES): only they get a score record.
        if mode == RankingMode::Bm25 && !latin && !kana {
            let no_terms = QueryTerms::default();
            let best = candidates::best_of(
                &[
                    Reading {
                        index: &self.schemes,
                        query: &terms,
                        weight: 1.0,
                    },
                    Reading {
                        index: &self.lexical_views.easy,
                        query: if read_easy { &terms } else { &no_terms },
                        weight: if read_easy { weights.easy_lexical } else { 0.0 },
                    },
                ],
                PRIOR_CANDIDATES,
            );
            let candidates = best.iter().map(|c| (c.doc, c.fused)).collect();
            let mut by_scheme: Vec<(usize, usize)> =
                best.iter().enumerate().map(|(at, c)| (c.doc, at)).collect();
            by_scheme.sort_unstable();
            let found = |i: usize| {
                let at = by_scheme.binary_search_by_key(&i, |&(doc, _)| doc).ok()?;
                Some(&best[by_scheme[at].1])
            };
            let scored = |i: usize| match found(i) {
                Some(c) => Scored {
                    lexical: c.scores[0],
                    easy: c.scores[1].total(),
                    ..Scored::default()
                },
                // A scheme named by an alias outside the best few.
                None => Scored {
                    lexical: self.schemes.score_of(&terms, i),
                    easy: if read_easy {
                        self.lexical_views.easy.score_of(&terms, i).total()
                    } else {
                        0.0
                    },
                    ..Scored::default()
                },
            };
            return self.rank(
                filters, top_k, today, &terms, candidates, scored, None, started,
            );
        }
        let lexical = self.schemes.score(&terms);
        let english: Option<Vec<f32>> = latin.then(|| {
            self.lexical_views
                .english
                .score(&english_query(query.as_str()))
        });
        let easy: Option<Vec<f32>> =
            read_easy.then(|| self.lexical_views.easy.score_totals(&terms));
        let reading: Option<Vec<f32>> = (kana && weights.reading_lexical > 0.0).then(|| {
            let readings = &self.lexical_views.readings;
            readings.score(&readings.query_terms(query.as_str()))
        });
        // Japanese, then やさしい日本語, English and reading words, in this order for every
        // document; a view not read would add only zero.
        let mut lexical_totals: Vec<f32> = lexical.iter().map(|l| l.total()).collect();
        if let Some(easy) = &easy {
            for (total, e) in lexical_totals.iter_mut().zip(easy) {
                *total += weights.easy_lexical * e;
            }
        }
        if let Some(english) = &english {
            for (total, e) in lexical_totals.iter_mut().zip(english) {
                *total += e;
            }
        }
        if let Some(reading) = &reading {
            for (total, r) in lexical_totals.iter_mut().zip(reading) {
                *total += weights.reading_lexical * r;
            }
        }
        let view_score =
            |scores: &Option<Vec<f32>>, i: usize| scores.as_ref().map_or(0.0, |s| s[i]);
        let lexical_weight = if latin {
            weights.english_lexical
        } else if kana {
            weights.kana_lexical
        } else {
            weights.lexical
        };
        let rrf = mode == RankingMode::Hybrid && self.settings.fusion == Fusion::Rrf;
        let mut query_vector = None;
        // Each scheme's pooled similarity, when the query was encoded.
        let (vector, server_fused) = match (&self.embedder, &self.scheme_vectors, mode) {
            (Some(e), Some(index), RankingMode::Dense | RankingMode::Hybrid) => {
                // NFKC first: the encoder's own per-character map cannot compose a half-width
                // voiced mark with its kana (ｷﾞ would reach it as キ + a lone mark).
                let text: String = query.as_str().nfkc().collect();
                let dense = self
                    .query_vectors
                    .get_or_encode(&text, |t| e.embed_query(t))?;
                query_vector = Some(dense.clone());
                // A store that fuses itself (Qdrant's query API) does so for RRF.
                let server = if rrf {
                    index.server_hybrid(&dense, &bm25_query(&terms.words), &vector_filter(filters))
                } else {
                    None
                };
                let japanese = index.similarities(&dense);
                let pooled = match &self.scheme_views {
                    Some(views) => views.pool(&dense, &japanese, weights.views),
                    None => views::japanese_only(&japanese),
                };
                (Some(pooled), server)
            }
            _ => (None, None),
        };
        // Lexical ranking is the lexical totals themselves.
        let fused: std::borrow::Cow<[f32]> = match server_fused {
            Some(f) => f.into(),
            None if mode == RankingMode::Bm25 => lexical_totals.as_slice().into(),
            None => {
                let cosines: Vec<f32> = match &vector {
                    Some(v) => v.iter().map(|p| p.cosine).collect(),
                    None => vec![0.0; lexical.len()],
                };
                if rrf {
                    fuse_rrf(weights, &lexical_totals, &cosines).into()
                } else {
                    fuse_totals(
                        mode,
                        weights,
                        lexical_weight,
                        weights.strong_lexical,
                        &lexical_totals,
                        &cosines,
                    )
                    .into()
                }
            }
        };
        // Priors multiply the fused score by at most 1.8, so the best few hundred by fused
        // score hold every document that can reach the top 100.
        let mut candidates: Vec<(usize, f32)> = Vec::with_capacity(fused.len());
        candidates.extend(
            fused
                .iter()
                .enumerate()
                .filter(|(_, f)| **f > 0.0)
                .map(|(i, f)| (i, *f)),
        );
        if candidates.len() > PRIOR_CANDIDATES {
            candidates.select_nth_unstable_by_key(PRIOR_CANDIDATES, |c| ranking_key(c.1, c.0));
            candidates.truncate(PRIOR_CANDIDATES);
        }
        let scored = |i: usize| Scored {
            lexical: lexical[i],
            english: view_score(&english, i),
            easy: view_score(&easy, i),
            reading: view_score(&reading, i),
            vector: vector.as_ref().map(|v| (v[i].cosine, v[i].best_view)),
        };
        self.rank(
            filters,
            top_k,
            today,
            &terms,
            candidates,
            scored,
            query_vector.as_deref(),
            started,
        )
    }

    /// The best `top_k` of the candidates (scheme and fused score) once the priors and
    /// filters are applied, with their snippets, and the FAQs.
    #[allow(clippy::too_many_arguments)]
    fn rank(
        &self,
        filters: &SearchFilters,
        top_k: usize,
        today: NaiveDate,
        terms: &QueryTerms,
        mut candidates: Vec<(usize, f32)>,
        scored: impl Fn(usize) -> Scored,
        query_vector: Option<&[f32]>,
        started: Instant,
    ) -> Result<SearchOutcome> {
        let learned = self.learned();
        let level_hint = level_hint(&terms.normalized);
        let compact_query: String = terms
            .normalized
            .chars()
            .filter(|c| !c.is_whitespace())
            .collect();
        // An approved alias named in the query brings its scheme in level with the best
        // match; the title prior below then puts it first.
        let mut by_alias: Vec<usize> = learned
            .aliases
            .iter()
            .filter(|(_, name)| compact_query.contains(name.as_str()))
            .map(|&(i, _)| i)
            .collect();
        by_alias.sort_unstable();
        by_alias.dedup();
        let named_by_alias = |i: usize| by_alias.binary_search(&i).is_ok();
        let best = candidates.iter().map(|c| c.1).fold(0.0_f32, f32::max);
        let best = if best > 0.0 { best } else { 1.0 };
        for &i in &by_alias {
            match candidates.iter_mut().find(|c| c.0 == i) {
                Some(c) => c.1 = c.1.max(best),
                None => candidates.push((i, best)),
            }
        }
        let named = self.names.named_in(&compact_query);
        // The ranking key (score and scheme, see `ranking_key`), the score and the place of its
        // explanation: small enough to select quickly.
        let mut hits: Vec<(u64, f32, u32)> = Vec::with_capacity(candidates.len());
        let mut explanations: Vec<Explanation> = Vec::with_capacity(candidates.len());
        for (i, base) in candidates {
            let scheme = &self.corpus.schemes[i];
            let status = scheme.window.status_on(today);
            if !passes(scheme, status, filters) {
                continue;
            }
            let read = scored(i);
            let explanation = Explanation {
                lexical_words: read.lexical.words,
                lexical_grams: read.lexical.grams,
                lexical_english: read.english,
                lexical_easy: read.easy,
                lexical_reading: read.reading,
                vector: read.vector.map_or(0.0, |v| v.0),
                vector_view: read.vector.map_or(Lang::Ja, |v| v.1),
                fused: base,
                title_match: if named.binary_search(&i).is_ok() || named_by_alias(i) {
                    1.5
                } else {
                    1.0
                },
                level_preference: match (level_hint, scheme.level) {
                    (Some(l), level) if l == level => 1.2,
                    (Some(_), _) => 1.0,
                    // Minato first: with no level named, the ward's own schemes lead ties.
                    (None, Level::Ward) => LOCAL_PRIOR,
                    (None, _) => 1.0,
                },
                window: if status == WindowStatus::Closed {
                    0.8
                } else {
                    1.0
                },
            };
            let score =
                base * explanation.title_match * explanation.level_preference * explanation.window;
            hits.push((ranking_key(score, i), score, explanations.len() as u32));
            explanations.push(explanation);
        }
        // Only the best `top_k` are kept, in order; no two hits tie (their schemes differ).
        let hits = lowest_keys(
            hits.into_iter()
                .map(|(key, score, place)| (key, (score, place))),
            top_k,
        );
        let snippet_words = self.snippets.words(&self.schemes, &terms.words);
        let results = hits
            .into_iter()
            .map(|(key, (score, place))| {
                // The key's low half is the scheme's number.
                let i = (key & u64::from(u32::MAX)) as usize;
                let s = &self.corpus.schemes[i];
                SchemeHit {
                    id: s.id.clone(),
                    title: s.title.clone(),
                    level: s.level,
                    kind: s.kind,
                    score: round3(score),
                    snippet: self.snippets.snippet(
                        i,
                        s,
                        &snippet_words.matched_in(&self.schemes, i),
                    ),
                    url: s.source_url.clone(),
                    official_source: self.official_schemes[i],
                    status: s.window.status_on(today),
                    explanation: explanations[place as usize],
                }
            })
            .collect();
        let faqs = self.search_faqs(terms, query_vector, filters, 5);
        Ok(SearchOutcome {
            results,
            faqs,
            expanded_with: terms.expansions.clone(),
            took_ms: started.elapsed().as_secs_f64() * 1000.0,
        })
    }

    /// FAQs by the lexical score, or by the hybrid sum when the query has a vector; a hit's
    /// `score` stays the lexical one, which chat confidence is calibrated on.
    pub(super) fn search_faqs(
        &self,
        terms: &QueryTerms,
        query_vector: Option<&[f32]>,
        filters: &SearchFilters,
        top_k: usize,
    ) -> Vec<FaqHit> {
        let scores = self.faqs.score(terms);
        let order: Vec<f32> = match (query_vector, &self.faq_vectors) {
            (Some(q), Some(index)) => {
                let japanese = index.similarities(q);
                let cosines: Vec<f32> = match &self.faq_views {
                    Some(views) => views
                        .pool(q, &japanese, self.fusion_weights.views)
                        .iter()
                        .map(|p| p.cosine)
                        .collect(),
                    None => japanese,
                };
                fuse(RankingMode::Hybrid, self.fusion_weights, &scores, &cosines)
            }
            _ => scores.iter().map(|s| s.total()).collect(),
        };
        // The best `top_k` by ranking key (see `ranking_key`): no two tie, their numbers differ.
        let ranked = lowest_keys(
            order
                .iter()
                .enumerate()
                .filter(|&(i, &s)| {
                    s > 0.0
                        && (filters.levels.is_empty()
                            || self.corpus.faqs[i]
                                .scheme_ids
                                .iter()
                                .filter_map(|id| self.corpus.scheme(id))
                                .any(|s| filters.levels.contains(&s.level)))
                })
                .map(|(i, &s)| (ranking_key(s, i), i)),
            top_k,
        );
        ranked
            .into_iter()
            .map(|(_, i)| {
                let f = &self.corpus.faqs[i];
                FaqHit {
                    id: f.id.clone(),
                    question: f.question.clone(),
                    answer: f.answer.clone(),
                    scheme_ids: f.scheme_ids.clone(),
                    score: round3(scores[i].total()),
                    url: f.source_url.clone(),
                    official_source: self.official_faqs[i],
                }
            })
            .collect()
    }
}
