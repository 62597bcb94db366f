//! The functions that the HTTP handlers, the CLI and the chatbot all call, so that each
//! behaviour exists once: search, scheme lookup (and, in later modules, recommend and answer).

use std::time::Instant;

use chrono::{FixedOffset, NaiveDate, Utc};
use serde::Serialize;
use tracing::{info, instrument};

use std::sync::Arc;

use unicode_normalization::UnicodeNormalization;

use crate::config::{EmbedderKind, Fusion, RankingMode, Settings, VectorBackend};
use crate::domain::profile::{Answers, Profile, ProfileError};
use crate::domain::questionnaire::Questionnaire;
use crate::domain::recommend::{RecommendOutcome, recommend};
use crate::domain::scheme::WindowStatus;
use crate::domain::search::{SearchFilters, SearchQuery};
use crate::domain::{Corpus, CorpusError, Faq, Kind, Level, Scheme};
use crate::embed::cache::{CacheStats, QueryVectorCache};
use crate::embed::{E5Embedder, Embedder, StaticEmbedder, TransformerEmbedder, VectorCache};
use crate::index::qdrant::{QdrantIndex, SchemePoint, bm25_document, bm25_query};
use crate::index::{DocText, LexicalIndex, LexicalScore};
use crate::index::{InProcessIndex, VectorFilter, VectorIndex};
use crate::text::{self, Analyzer, QueryTerms, Synonyms, TextError};

#[derive(Debug, thiserror::Error)]
pub enum EngineError {
    #[error(transparent)]
    Corpus(#[from] CorpusError),
    #[error(transparent)]
    Text(#[from] TextError),
    #[error(transparent)]
    Embed(#[from] crate::embed::EmbedError),
    #[error(transparent)]
    Qdrant(#[from] crate::index::qdrant::QdrantError),
    #[error("{context}: {message}")]
    Startup {
        context: &'static str,
        message: String,
    },
}

pub type Result<T> = std::result::Result<T, EngineError>;

/// Today's date in Tokyo (JST, UTC+9, no daylight saving).
pub fn tokyo_today() -> NaiveDate {
    Utc::now()
        .with_timezone(&FixedOffset::east_opt(9 * 3600).expect("valid offset"))
        .date_naive()
}

/// Everything a request needs, built once at start-up and shared read-only.
#[derive(Debug)]
pub struct Engine {
    pub settings: Settings,
    pub corpus: Corpus,
    pub analyzer: Arc<Analyzer>,
    embedder: Option<Arc<dyn Embedder>>,
    fusion_weights: FusionWeights,
    vector_cache_stats: Option<CacheStats>,
    query_vectors: QueryVectorCache,
    scheme_vectors: Option<Box<dyn VectorIndex>>,
    pub questionnaire: Option<Questionnaire>,
    synonyms: Synonyms,
    schemes: LexicalIndex,
    faqs: LexicalIndex,
    /// FAQ vectors (question and answer), in process whatever the scheme vector backend.
    faq_vectors: Option<InProcessIndex>,
    /// Each scheme's title and aliases, normalised without spaces (for the title-match prior).
    names: Vec<Vec<String>>,
    /// The masker's view: the dictionary and the office addresses the corpus publishes.
    mask_lexicon: MaskLexicon,
}

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

/// Why a result ranks where it does.
#[derive(Debug, Clone, Copy, Default, Serialize, PartialEq, utoipa::ToSchema)]
pub struct Explanation {
    pub lexical_words: f32,
    pub lexical_grams: f32,
    /// Cosine similarity of the query and scheme embeddings.
    pub vector: f32,
    /// The fused retrieval score before the multipliers below.
    pub fused: f32,
    /// Multiplier for the query naming the scheme or one of its aliases.
    pub title_match: f32,
    /// Multiplier for the query naming the scheme's level (区 / 都 / 国).
    pub level_preference: f32,
    /// Multiplier for the application window (closed rounds sink).
    pub window: f32,
}

#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct SchemeHit {
    pub id: String,
    pub title: String,
    pub level: Level,
    pub kind: Kind,
    pub score: f32,
    pub snippet: String,
    pub url: String,
    /// False when `url` is not the provider's own page (see `corpus/sources.toml`).
    pub official_source: bool,
    pub status: WindowStatus,
    pub explanation: Explanation,
}

#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct FaqHit {
    pub id: String,
    pub question: String,
    pub answer: String,
    pub scheme_ids: Vec<String>,
    pub score: f32,
    pub url: String,
    pub official_source: bool,
}

#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct SearchOutcome {
    pub results: Vec<SchemeHit>,
    pub faqs: Vec<FaqHit>,
    /// Canonical words added because the caller used a synonym.
    pub expanded_with: Vec<String>,
    pub took_ms: f64,
}

impl Engine {
    #[instrument(skip_all)]
    pub fn build(settings: Settings) -> Result<Engine> {
        let started = Instant::now();
        let corpus = Corpus::load(&settings.corpus_dir, &settings.extra_corpus_dirs)?;
        let analyzer = Analyzer::load(&settings.dictionary_dir())?;
        let app = Engine::from_parts(settings, corpus, analyzer)?;
        info!(
            schemes = app.corpus.schemes.len(),
            faqs = app.corpus.faqs.len(),
            vocabulary = app.schemes.vocabulary_size(),
            build_ms = started.elapsed().as_millis() as u64,
            "search index built"
        );
        Ok(app)
    }

    pub fn from_parts(settings: Settings, corpus: Corpus, analyzer: Analyzer) -> Result<Engine> {
        let analyzer = Arc::new(analyzer);
        let synonyms = Synonyms::build(
            corpus
                .synonyms
                .iter()
                .map(|g| (g.canonical.as_str(), g.variants.as_slice())),
            &analyzer,
        )?;
        let scheme_docs: Vec<DocText> = corpus
            .schemes
            .iter()
            .map(|s| scheme_text(s, &corpus))
            .collect();
        let faq_docs: Vec<DocText> = corpus.faqs.iter().map(|f| faq_text(f, &corpus)).collect();
        // The static embedder reads the title and summary fields' lemmas from this one analysis.
        let lemma_fields = if settings.embedder == EmbedderKind::Static {
            2
        } else {
            0
        };
        let (schemes, head_lemmas) =
            LexicalIndex::build_keeping_lemmas(&analyzer, &scheme_docs, lemma_fields)?;
        let faqs = LexicalIndex::build(&analyzer, &faq_docs)?;
        let questionnaire_file = settings.corpus_dir.join("questionnaire.toml");
        let questionnaire = if questionnaire_file.exists() {
            Some(
                Questionnaire::load(&questionnaire_file).map_err(|e| EngineError::Startup {
                    context: "questionnaire",
                    message: e.to_string(),
                })?,
            )
        } else {
            None
        };
        let mut vector_cache_stats = None;
        let mut faq_vectors = None;
        let (embedder, scheme_vectors) = match embed_corpus(
            &settings,
            &analyzer,
            &corpus,
            head_lemmas,
            &mut vector_cache_stats,
            &mut faq_vectors,
        )? {
            Some((e, vectors)) => {
                let index: Box<dyn VectorIndex> = match settings.vector_backend {
                    VectorBackend::InProcess => Box::new(InProcessIndex::new(e.dim(), &vectors)),
                    VectorBackend::Qdrant => Box::new(qdrant_index(
                        &settings,
                        &analyzer,
                        &corpus,
                        &scheme_docs,
                        e.dim(),
                        vectors,
                    )?),
                };
                (Some(e), Some(index))
            }
            None => (None, None),
        };
        let names = corpus
            .schemes
            .iter()
            .map(|s| {
                std::iter::once(&s.title)
                    .chain(s.aliases.iter())
                    .map(|n| {
                        text::normalize(n)
                            .chars()
                            .filter(|c| !c.is_whitespace())
                            .collect::<String>()
                    })
                    .filter(|n| n.chars().count() >= 3)
                    .collect()
            })
            .collect();
        let mask_lexicon = MaskLexicon::new(analyzer.clone(), &corpus);
        Ok(Engine {
            fusion_weights: FusionWeights::for_settings(&settings),
            vector_cache_stats,
            query_vectors: QueryVectorCache::new(QUERY_VECTOR_CACHE),
            mask_lexicon,
            settings,
            corpus,
            analyzer,
            embedder,
            scheme_vectors,
            questionnaire,
            synonyms,
            schemes,
            faqs,
            faq_vectors,
            names,
        })
    }

    /// Masks personal data in what a caller typed, with the dictionary's help for names.
    /// Everything bound for the inquiry log goes through here.
    pub fn mask(&self, raw: &str) -> crate::domain::masking::Masked {
        crate::domain::masking::mask(raw, &self.mask_lexicon)
    }

    /// The masker's view of texts (for `shien logs remask` and `shien eval --pii`).
    pub fn mask_lexicon(&self) -> &MaskLexicon {
        &self.mask_lexicon
    }

    pub fn analyze_query(&self, text: &str) -> Result<QueryTerms> {
        Ok(text::analyze_query(&self.analyzer, &self.synonyms, text)?)
    }

    // The query is personal data until masked: the span records only its length.
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

    /// The ranking mode in use: the configured one, or BM25 when no embedder is loaded.
    pub fn default_mode(&self) -> RankingMode {
        if self.embedder.is_none() {
            RankingMode::Bm25
        } else {
            self.settings.ranking
        }
    }

    /// Replaces the hybrid weights (for the tuning sweep of `shien eval --sweep-fusion`).
    pub fn set_fusion_weights(&mut self, weights: FusionWeights) {
        self.fusion_weights = weights;
    }

    pub fn fusion_weights(&self) -> FusionWeights {
        self.fusion_weights
    }

    /// What the passage-vector cache reused and encoded at start-up (e5 only).
    pub fn vector_cache_stats(&self) -> Option<CacheStats> {
        self.vector_cache_stats
    }

    /// Query-vector cache (hits, misses) since start-up.
    pub fn query_vector_counters(&self) -> (u64, u64) {
        self.query_vectors.counters()
    }

    /// The query embedding alone (for benchmarks).
    pub fn embed_query(&self, text: &str) -> Result<Vec<f32>> {
        match &self.embedder {
            Some(e) => Ok(e.embed_query(text)?),
            None => Ok(Vec::new()),
        }
    }

    pub fn has_vectors(&self) -> bool {
        self.scheme_vectors.is_some()
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
        let lexical = self.schemes.score(&terms);
        let rrf = mode == RankingMode::Hybrid && self.settings.fusion == Fusion::Rrf;
        let mut query_vector = None;
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
                (index.similarities(&dense), server)
            }
            _ => (vec![0.0; lexical.len()], None),
        };
        let fused = match server_fused {
            Some(f) => f,
            None if rrf => fuse_rrf(self.fusion_weights, &lexical, &vector),
            None => fuse(mode, self.fusion_weights, &lexical, &vector),
        };
        let level_hint = level_hint(&terms.normalized);
        let compact_query: String = terms
            .normalized
            .chars()
            .filter(|c| !c.is_whitespace())
            .collect();
        // Priors multiply the fused score by at most 1.8, so the best few hundred by fused
        // score hold every document that can reach the top 100.
        let mut candidates: Vec<(usize, f32)> = fused
            .iter()
            .enumerate()
            .filter(|(_, f)| **f > 0.0)
            .map(|(i, f)| (i, *f))
            .collect();
        if candidates.len() > PRIOR_CANDIDATES {
            candidates.select_nth_unstable_by(PRIOR_CANDIDATES, |a, b| b.1.total_cmp(&a.1));
            candidates.truncate(PRIOR_CANDIDATES);
        }
        let mut hits: Vec<(usize, f32, Explanation)> = Vec::new();
        for (i, base) in candidates {
            let scheme = &self.corpus.schemes[i];
            let status = scheme.window.status_on(today);
            if !passes(scheme, status, filters) {
                continue;
            }
            let LexicalScore { words, grams, .. } = lexical[i];
            let explanation = Explanation {
                lexical_words: words,
                lexical_grams: grams,
                vector: vector[i],
                fused: base,
                title_match: if self.names[i]
                    .iter()
                    .any(|n| compact_query.contains(n.as_str()))
                {
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
            hits.push((i, score, explanation));
        }
        hits.sort_by(|a, b| b.1.total_cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
        hits.truncate(top_k);
        let results = hits
            .into_iter()
            .map(|(i, score, explanation)| {
                let s = &self.corpus.schemes[i];
                SchemeHit {
                    id: s.id.clone(),
                    title: s.title.clone(),
                    level: s.level,
                    kind: s.kind,
                    score: round3(score),
                    snippet: snippet(s, &self.schemes.matched_words(&terms, i)),
                    url: s.source_url.clone(),
                    official_source: self.corpus.is_official_source(&s.source_url),
                    status: s.window.status_on(today),
                    explanation,
                }
            })
            .collect();
        let faqs = self.search_faqs(&terms, query_vector.as_deref(), filters, 5);
        Ok(SearchOutcome {
            results,
            faqs,
            expanded_with: terms.expansions,
            took_ms: started.elapsed().as_secs_f64() * 1000.0,
        })
    }

    /// FAQs by the lexical score, or by the hybrid sum when the query has a vector; a hit's
    /// `score` stays the lexical one, which chat confidence is calibrated on.
    fn search_faqs(
        &self,
        terms: &QueryTerms,
        query_vector: Option<&[f32]>,
        filters: &SearchFilters,
        top_k: usize,
    ) -> Vec<FaqHit> {
        let scores = self.faqs.score(terms);
        let order: Vec<f32> = match (query_vector, &self.faq_vectors) {
            (Some(q), Some(index)) => fuse(
                RankingMode::Hybrid,
                self.fusion_weights,
                &scores,
                &index.similarities(q),
            ),
            _ => scores.iter().map(|s| s.total()).collect(),
        };
        let mut ranked: Vec<(usize, f32)> = order
            .iter()
            .enumerate()
            .map(|(i, s)| (i, *s))
            .filter(|&(i, s)| {
                s > 0.0
                    && (filters.levels.is_empty()
                        || self.corpus.faqs[i]
                            .scheme_ids
                            .iter()
                            .filter_map(|id| self.corpus.scheme(id))
                            .any(|s| filters.levels.contains(&s.level)))
            })
            .collect();
        ranked.sort_by(|a, b| b.1.total_cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
        ranked
            .into_iter()
            .take(top_k)
            .map(|(i, _)| {
                let f = &self.corpus.faqs[i];
                FaqHit {
                    id: f.id.clone(),
                    question: f.question.clone(),
                    answer: f.answer.clone(),
                    scheme_ids: f.scheme_ids.clone(),
                    score: round3(scores[i].total()),
                    url: f.source_url.clone(),
                    official_source: self.corpus.is_official_source(&f.source_url),
                }
            })
            .collect()
    }

    /// Validates the answers and recommends schemes for the resulting profile.
    #[instrument(skip_all)]
    pub fn recommend(
        &self,
        answers: Answers,
        today: NaiveDate,
    ) -> std::result::Result<(Profile, RecommendOutcome), ProfileError> {
        let profile = Profile::try_from(answers)?;
        let outcome = recommend(&self.corpus, &profile, today);
        Ok((profile, outcome))
    }

    pub fn scheme(&self, id: &str) -> Option<&Scheme> {
        self.corpus.scheme(id)
    }
}

/// How many of the best fused scores get their priors computed (see `search_with`).
const PRIOR_CANDIDATES: usize = 400;

/// Recent query vectors kept in memory (384 floats each: 4,096 take about 6 MB).
const QUERY_VECTOR_CACHE: usize = 4096;

/// Multiplier for the ward's own schemes when the caller names no level.
pub const LOCAL_PRIOR: f32 = 1.05;

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

    fn dense(&self, cosine: f32) -> f32 {
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

fn vector_filter(filters: &SearchFilters) -> VectorFilter {
    VectorFilter {
        levels: filters
            .levels
            .iter()
            .map(|l| l.as_str().to_string())
            .collect(),
        purposes: filters.purposes.clone(),
    }
}

/// Connects to Qdrant and brings its collection in line with the corpus: dense vectors, BM25
/// sparse vectors of the whole scheme text, and the payload used for filtering.
fn qdrant_index(
    settings: &Settings,
    analyzer: &Analyzer,
    corpus: &Corpus,
    docs: &[DocText],
    dim: usize,
    vectors: Vec<Vec<f32>>,
) -> Result<QdrantIndex> {
    let url = settings.qdrant_url.as_deref().ok_or(EngineError::Startup {
        context: "qdrant_url",
        message: "is required when vector_backend = \"qdrant\"".into(),
    })?;
    let mut index = QdrantIndex::connect(url, &settings.qdrant_collection)?;
    let texts: Vec<String> = docs.iter().map(|d| d.join("\n")).collect();
    let terms = crate::index::lexical::analyse_lemmas_parallel(analyzer, &texts)?;
    let average = terms.iter().map(Vec::len).sum::<usize>() as f32 / terms.len().max(1) as f32;
    let points = corpus
        .schemes
        .iter()
        .zip(vectors)
        .zip(&terms)
        .map(|((s, dense), words)| SchemePoint {
            scheme_id: s.id.clone(),
            dense,
            sparse: bm25_document(words, average),
            payload: scheme_payload(s),
        })
        .collect();
    index.sync(dim, points)?;
    info!(collection = %settings.qdrant_collection, points = index.len(), "qdrant collection in sync");
    Ok(index)
}

fn scheme_payload(s: &Scheme) -> serde_json::Map<String, serde_json::Value> {
    let mut p = serde_json::Map::new();
    p.insert("level".into(), s.level.as_str().into());
    p.insert(
        "kind".into(),
        serde_json::to_value(s.kind).unwrap_or_default(),
    );
    p.insert("purposes".into(), s.purposes.clone().into());
    p.insert("industries".into(), s.industries.clone().into());
    p.insert(
        "window_kind".into(),
        serde_json::to_value(s.window.kind).unwrap_or_default(),
    );
    let rounds: Vec<serde_json::Value> = s.window.rounds.iter().map(|r| serde_json::json!({"label": r.label, "opens": r.opens.to_string(), "closes": r.closes.to_string()})).collect();
    p.insert("rounds".into(), rounds.into());
    p
}

/// The embedder and one vector per scheme, in corpus order.
type EmbeddedCorpus = (Arc<dyn Embedder>, Vec<Vec<f32>>);

/// Loads the configured embedder and embeds every scheme. For the static vectors a scheme's
/// lemmas are its title and summary fields' lemmas (`head_lemmas`, from the lexical analysis)
/// plus those of the questions its FAQs answer; they give both the IDF weights and the vector.
fn embed_corpus(
    settings: &Settings,
    analyzer: &Arc<Analyzer>,
    corpus: &Corpus,
    head_lemmas: Vec<Vec<String>>,
    cache_stats: &mut Option<CacheStats>,
    faq_vectors: &mut Option<InProcessIndex>,
) -> Result<Option<EmbeddedCorpus>> {
    Ok(match settings.embedder {
        EmbedderKind::None => None,
        EmbedderKind::Static => {
            let mut e = StaticEmbedder::load(&settings.vectors_dir(), analyzer.clone())?;
            let questions: Vec<String> = corpus
                .schemes
                .iter()
                .map(|s| {
                    corpus
                        .faqs_for(&s.id)
                        .map(|f| f.question.as_str())
                        .collect::<Vec<_>>()
                        .join("\n")
                })
                .collect();
            let question_lemmas =
                crate::index::lexical::analyse_lemmas_parallel(analyzer, &questions)?;
            let lemmas: Vec<Vec<String>> = head_lemmas
                .into_iter()
                .zip(question_lemmas)
                .map(|(mut head, q)| {
                    head.extend(q);
                    head
                })
                .collect();
            e.fit_idf(&lemmas);
            let vectors = lemmas
                .iter()
                .map(|l| e.embed_lemmas(l))
                .collect::<std::result::Result<Vec<_>, _>>()?;
            Some((Arc::new(e), vectors))
        }
        EmbedderKind::E5 => {
            let file = settings.e5_model_file();
            let e = E5Embedder::load(&file, settings.e5_weights)?;
            // Schemes, then FAQs (question and answer), through one cache.
            let texts: Vec<String> = corpus
                .schemes
                .iter()
                .map(|s| embedding_text(s, corpus))
                .chain(corpus.faqs.iter().map(faq_embedding_text))
                .collect();
            let mut cache = VectorCache::open(&settings.vector_cache_file(), e.checksum(), e.dim());
            let (mut vectors, stats) = cache.embed_passages(&e, &texts)?;
            let faqs = vectors.split_off(corpus.schemes.len());
            *faq_vectors = Some(InProcessIndex::new(e.dim(), &faqs));
            *cache_stats = Some(stats);
            tracing::info!(
                cached = stats.cached,
                computed = stats.computed,
                "scheme vectors ready"
            );
            Some((Arc::new(e), vectors))
        }
        EmbedderKind::Transformer => {
            let texts: Vec<String> = corpus
                .schemes
                .iter()
                .map(|s| embedding_text(s, corpus))
                .collect();
            let dir = settings
                .transformer_dir
                .clone()
                .ok_or(EngineError::Startup {
                    context: "transformer_dir",
                    message: "not set".into(),
                })?;
            let e = TransformerEmbedder::load(&dir)?;
            let vectors = texts
                .iter()
                .map(|t| e.embed_passage(t))
                .collect::<std::result::Result<Vec<_>, _>>()?;
            Some((Arc::new(e), vectors))
        }
    })
}

/// What a scheme's embedding is computed from: its names, summary and the questions its FAQs
/// answer (long details blur an averaged vector).
pub fn faq_embedding_text(f: &Faq) -> String {
    format!("{}\n{}", f.question, f.answer)
}

pub fn embedding_text(s: &Scheme, corpus: &Corpus) -> String {
    let mut parts = vec![s.title.clone()];
    parts.extend(s.aliases.iter().cloned());
    parts.push(s.summary.clone());
    parts.push(s.purposes.join(" "));
    parts.extend(corpus.faqs_for(&s.id).map(|f| f.question.clone()));
    parts.join("\n")
}

fn passes(scheme: &Scheme, status: WindowStatus, filters: &SearchFilters) -> bool {
    (filters.levels.is_empty() || filters.levels.contains(&scheme.level))
        && (filters.purposes.is_empty()
            || filters.purposes.iter().any(|p| scheme.purposes.contains(p)))
        && (!filters.open_only || matches!(status, WindowStatus::Open | WindowStatus::Always))
}

/// The searchable text of a scheme: title and aliases; summary, purposes and kind; the rest,
/// including the questions of its FAQs (callers phrase things the way FAQs do).
pub fn scheme_text(s: &Scheme, corpus: &Corpus) -> DocText {
    let title = std::iter::once(s.title.as_str())
        .chain(s.aliases.iter().map(String::as_str))
        .collect::<Vec<_>>()
        .join("\n");
    let summary = format!(
        "{}\n{}\n{}",
        s.summary,
        s.purposes.join(" "),
        s.kind.label_ja()
    );
    let mut body = vec![
        s.details.clone(),
        s.provider.clone(),
        s.how_to_apply.clone(),
    ];
    body.extend(s.eligibility.conditions.iter().cloned());
    if let Some(a) = s.amount_text() {
        body.push(a);
    }
    body.extend(corpus.faqs_for(&s.id).map(|f| f.question.clone()));
    [title, summary, body.join("\n")]
}

fn faq_text(f: &Faq, corpus: &Corpus) -> DocText {
    let schemes = f
        .scheme_ids
        .iter()
        .filter_map(|id| corpus.scheme(id))
        .map(|s| s.title.as_str())
        .collect::<Vec<_>>()
        .join("\n");
    [f.question.clone(), f.answer.clone(), schemes]
}

/// 区/港区 → ward, 都/東京都 → Tokyo, 国 → national, when the caller names exactly one.
pub fn level_hint(normalized: &str) -> Option<Level> {
    let ward = normalized.contains("港区")
        || normalized.contains("区の")
        || normalized.contains("区が")
        || normalized.contains("区で")
        || normalized.contains("区役所");
    let tokyo = normalized.contains("東京都")
        || normalized.contains("都の")
        || normalized.contains("都が")
        || normalized.contains("公社");
    let national = normalized.contains("国の")
        || normalized.contains("国が")
        || normalized.contains("政府")
        || normalized.contains("公庫");
    match (ward, tokyo, national) {
        (true, false, false) => Some(Level::Ward),
        (false, true, false) => Some(Level::Tokyo),
        (false, false, true) => Some(Level::National),
        _ => None,
    }
}

/// The sentence of the summary or details that contains most matched words, shortened.
fn snippet(s: &Scheme, matched: &[&str]) -> String {
    let text = format!("{}\n{}", s.summary, s.details);
    let sentences = text
        .split(['。', '\n'])
        .map(str::trim)
        .filter(|x| !x.is_empty());
    let best = sentences
        .enumerate()
        .max_by_key(|(i, sentence)| {
            let n = text::normalize(sentence);
            (
                matched.iter().filter(|w| n.contains(**w)).count(),
                usize::MAX - i,
            )
        })
        .map(|(_, s)| s)
        .unwrap_or(&s.summary);
    shorten(best, 100)
}

pub fn shorten(text: &str, max_chars: usize) -> String {
    if text.chars().count() <= max_chars {
        return text.to_string();
    }
    let mut out: String = text.chars().take(max_chars - 1).collect();
    out.push('…');
    out
}

fn round3(x: f32) -> f32 {
    (x * 1000.0).round() / 1000.0
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn level_hint_needs_exactly_one_level() {
        assert_eq!(level_hint("港区の創業融資"), Some(Level::Ward));
        assert_eq!(level_hint("東京都の助成金"), Some(Level::Tokyo));
        assert_eq!(level_hint("国の補助金と港区の補助金"), None);
        assert_eq!(level_hint("補助金"), None);
    }

    #[test]
    fn shorten_marks_cut_text() {
        assert_eq!(shorten("あいうえお", 3), "あい…");
        assert_eq!(shorten("あい", 3), "あい");
    }
}
