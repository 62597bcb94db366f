//! The read-only search engine: corpus, analyzer, lexical and vector indexes, embedder. Built
//! once at start-up; the use cases in `app` call it.

use std::time::Instant;

use chrono::{FixedOffset, NaiveDate, Utc};
use serde::Serialize;
use tracing::{info, instrument};

use std::sync::{Arc, RwLock};

use unicode_normalization::UnicodeNormalization;

use crate::config::{EmbedderKind, Fusion, RankingMode, Settings, VectorBackend};
use crate::domain::furigana::furigana;
use crate::domain::judgment::Fix;
use crate::domain::profile::{Answers, Profile, ProfileError};
use crate::domain::questionnaire::Questionnaire;
use crate::domain::recommend::{RecommendOutcome, recommend};
use crate::domain::scheme::WindowStatus;
use crate::domain::search::{SearchFilters, SearchQuery};
use crate::domain::translation::{Segment, mark_japanese};
use crate::domain::{Corpus, CorpusError, Faq, Kind, Lang, Level, Scheme};
use crate::embed::cache::{CacheStats, QueryVectorCache};
use crate::embed::{E5Embedder, Embedder, StaticEmbedder, TransformerEmbedder, VectorCache};
use crate::index::lexical::ranking_order;
use crate::index::qdrant::{QdrantIndex, SchemePoint, bm25_document, bm25_query};
use crate::index::{DocText, LexicalIndex, LexicalScore, english_query};
use crate::index::{InProcessIndex, VectorFilter, VectorIndex};
use crate::text::{self, Analyzer, QueryTerms, Synonyms, TextError};

mod documents;
mod fusion;
mod hits;
mod mask;
mod routing;
mod vectors;
mod views;

pub use documents::{embedding_text, faq_embedding_text, level_hint, scheme_text, shorten};
use documents::{faq_text, passes, round3, snippet};
pub use fusion::{FusionWeights, fuse, fuse_rrf, fuse_totals};
pub use hits::{Explanation, FaqHit, SchemeHit, SearchOutcome};
pub use mask::MaskLexicon;
pub use routing::{ROUTING_EXAMPLES_FILE, encode_examples, routing_text};
use vectors::{embed_corpus, qdrant_index, vector_filter};
use views::{LexicalViews, ViewVectors};
pub use views::{
    ViewPooling, ViewTexts, faq_view_embedding_text, scheme_view_doc, scheme_view_embedding_text,
};

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
    /// What search learned from approved judgments; replaced whole when it learns again.
    learned: RwLock<Arc<Learned>>,
    schemes: LexicalIndex,
    faqs: LexicalIndex,
    /// FAQ vectors (question and answer), in process whatever the scheme vector backend.
    faq_vectors: Option<InProcessIndex>,
    /// The translated views' vectors (English, やさしい日本語), in process whatever the backend.
    scheme_views: Option<ViewVectors>,
    faq_views: Option<ViewVectors>,
    /// The translated views' lexical indexes (English, やさしい日本語).
    lexical_views: LexicalViews,
    /// Each scheme's title and aliases, normalised without spaces (for the title-match prior).
    names: Vec<Vec<String>>,
    /// The masker's view: the dictionary and the office addresses the corpus publishes.
    mask_lexicon: MaskLexicon,
    /// The labelled routing examples' vectors (empty without an embedder or examples file).
    routing_examples: crate::domain::routing::examples::ExampleStore,
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
        let started = Instant::now();
        let analyzer = Arc::new(analyzer);
        let synonyms = Synonyms::for_corpus(&corpus, &analyzer)?;
        // The static embedder reads the title and summary fields' lemmas from this one analysis.
        let lemma_fields = if settings.embedder == EmbedderKind::Static {
            2
        } else {
            0
        };
        // Each scheme's searchable text is made when it is analysed, not all held at once.
        let (schemes, head_lemmas) = LexicalIndex::build_from(
            &analyzer,
            corpus.schemes.len(),
            |i| scheme_text(&corpus.schemes[i], &corpus),
            lemma_fields,
        )?;
        let faq_docs: Vec<DocText> = corpus.faqs.iter().map(|f| faq_text(f, &corpus)).collect();
        let faqs = LexicalIndex::build(&analyzer, &faq_docs)?;
        // The views' indexes: the English and やさしい日本語 translations, and the reading words
        // of each scheme's Japanese text (made per document, as above).
        let lexical_views = LexicalViews::build(&analyzer, &corpus)?;
        drop(faq_docs);
        let lexical_ms = started.elapsed().as_millis() as u64;
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
        let mut views = None;
        let (embedder, scheme_vectors) = match embed_corpus(
            &settings,
            &analyzer,
            &corpus,
            head_lemmas,
            &mut vector_cache_stats,
            &mut faq_vectors,
            &mut views,
        )? {
            Some((e, vectors)) => {
                let index: Box<dyn VectorIndex> = match settings.vector_backend {
                    VectorBackend::InProcess => {
                        Box::new(InProcessIndex::from_vectors(e.dim(), vectors))
                    }
                    VectorBackend::Qdrant => {
                        let scheme_docs: Vec<DocText> = corpus
                            .schemes
                            .iter()
                            .map(|s| scheme_text(s, &corpus))
                            .collect();
                        Box::new(qdrant_index(
                            &settings,
                            &analyzer,
                            &corpus,
                            &scheme_docs,
                            e.dim(),
                            vectors,
                        )?)
                    }
                };
                (Some(e), Some(index))
            }
            None => (None, None),
        };
        let vectors_ms = started.elapsed().as_millis() as u64 - lexical_ms;
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
        let learned = RwLock::new(Arc::new(Learned {
            synonyms,
            aliases: vec![Vec::new(); corpus.schemes.len()],
            version: String::new(),
        }));
        let routing_examples = match &embedder {
            Some(e) => {
                let examples = routing::shipped_examples(&settings)?;
                let cache = settings
                    .vector_cache_file()
                    .with_file_name("routing-examples.vectors");
                encode_examples(e.as_ref(), Some(&cache), &examples)?
            }
            None => Default::default(),
        };
        let mask_lexicon = MaskLexicon::new(analyzer.clone(), &corpus);
        let (scheme_views, faq_views) = views.unzip();
        let (postings, index_bytes) = schemes.size();
        info!(
            schemes = corpus.schemes.len(),
            lexical_ms,
            vectors_ms,
            rest_ms = started.elapsed().as_millis() as u64 - lexical_ms - vectors_ms,
            postings,
            index_mib = index_bytes / (1 << 20),
            "engine parts built"
        );
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
            learned,
            schemes,
            faqs,
            faq_vectors,
            scheme_views,
            faq_views,
            lexical_views,
            names,
            routing_examples,
        })
    }

    /// Masks personal data in what a caller typed, with the dictionary's help for names.
    /// Everything bound for the inquiry log goes through here.
    pub fn mask(&self, raw: &str) -> crate::domain::masking::Masked {
        crate::domain::masking::mask(raw, &self.mask_lexicon)
    }

    /// A scheme title or summary as a page in `lang` shows it: Japanese terms inside English
    /// marked as such, furigana on the kanji of やさしい日本語.
    pub fn reading_aid(&self, lang: Lang, text: &str) -> Vec<Segment> {
        match lang {
            Lang::En => mark_japanese(text),
            Lang::Easy => furigana(text, &*self.analyzer, &self.corpus.translations.readings),
            Lang::Ja => vec![Segment::Text(text.to_string())],
        }
    }

    /// The masker's view of texts (for `shien logs remask` and `shien eval --pii`).
    pub fn mask_lexicon(&self) -> &MaskLexicon {
        &self.mask_lexicon
    }

    pub fn analyze_query(&self, text: &str) -> Result<QueryTerms> {
        Ok(text::analyze_query(
            &self.analyzer,
            &self.learned().synonyms,
            text,
        )?)
    }

    fn learned(&self) -> Arc<Learned> {
        self.learned
            .read()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
            .clone()
    }

    /// The version of the approved judgments search last learned from ("" before the first).
    pub fn learned_version(&self) -> String {
        self.learned().version.clone()
    }

    /// Learns the approved fixes: synonym groups on top of the corpus's, and aliases matched
    /// like a scheme's own title (and enough to bring the scheme into the results). Replaces
    /// what was learned before; a fix naming a scheme the corpus no longer has is skipped.
    pub fn learn(&self, fixes: &[Fix], version: String) -> Result<()> {
        let mut groups: Vec<(String, Vec<String>)> = self
            .corpus
            .synonyms
            .iter()
            .map(|g| (g.canonical.clone(), g.variants.clone()))
            .collect();
        let mut aliases = vec![Vec::new(); self.corpus.schemes.len()];
        for fix in fixes {
            match fix {
                Fix::Synonyms { words } if words.len() >= 2 => {
                    groups.push((words[0].clone(), words[1..].to_vec()));
                }
                Fix::Alias { scheme_id, phrase } => {
                    let name = compact(phrase);
                    if let Some(i) = self.corpus.schemes.iter().position(|s| &s.id == scheme_id)
                        && name.chars().count() >= 2
                        && !aliases[i].contains(&name)
                    {
                        aliases[i].push(name);
                    }
                }
                _ => {}
            }
        }
        let synonyms = Synonyms::build(
            groups.iter().map(|(c, v)| (c.as_str(), v.as_slice())),
            &self.analyzer,
        )?;
        let learned = Arc::new(Learned {
            synonyms,
            aliases,
            version,
        });
        *self
            .learned
            .write()
            .unwrap_or_else(|poisoned| poisoned.into_inner()) = learned;
        Ok(())
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

    /// The scheme index's postings and heap bytes.
    pub fn lexical_size(&self) -> (usize, usize) {
        self.schemes.size()
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
        let weights = self.fusion_weights;
        // An English question also reads the English view; plain Japanese the やさしい日本語 one.
        // A view that is not read has no scores (zero in the explanation), not a vector of zeros.
        let latin = text::is_mostly_latin(query.as_str());
        let english: Option<Vec<f32>> = latin.then(|| {
            self.lexical_views
                .english
                .score(&english_query(query.as_str()))
        });
        // The やさしい日本語 view is Japanese: an English question's words would only meet the
        // few Latin names in it, where they are rare and so weigh heavily.
        let easy: Option<Vec<f32>> = (weights.easy_lexical > 0.0 && !latin)
            .then(|| self.lexical_views.easy.score_totals(&terms));
        // Typed in kana alone: the kana runs read as the words they sound like.
        let kana = !latin && text::reading::is_kana_only(query.as_str());
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
        let learned = self.learned();
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
        let order = |a: &(usize, f32), b: &(usize, f32)| ranking_order((a.1, a.0), (b.1, b.0));
        if candidates.len() > PRIOR_CANDIDATES {
            candidates.select_nth_unstable_by(PRIOR_CANDIDATES, order);
            candidates.truncate(PRIOR_CANDIDATES);
        }
        // An approved alias named in the query brings its scheme in level with the best
        // match; the title prior below then puts it first.
        let named_by_alias = |i: usize| {
            learned.aliases[i]
                .iter()
                .any(|n| compact_query.contains(n.as_str()))
        };
        let best = candidates.iter().map(|c| c.1).fold(0.0_f32, f32::max);
        let best = if best > 0.0 { best } else { 1.0 };
        for i in (0..learned.aliases.len()).filter(|&i| named_by_alias(i)) {
            match candidates.iter_mut().find(|c| c.0 == i) {
                Some(c) => c.1 = c.1.max(best),
                None => candidates.push((i, best)),
            }
        }
        // A name (three characters or more) inside the query starts with one of its bigrams:
        // only names that do are searched for.
        let query_bigrams: rustc_hash::FxHashSet<(char, char)> = compact_query
            .chars()
            .zip(compact_query.chars().skip(1))
            .collect();
        let names_in_query = |names: &[String]| {
            names.iter().any(|n| {
                let mut c = n.chars();
                matches!((c.next(), c.next()), (Some(a), Some(b)) if query_bigrams.contains(&(a, b)))
                    && compact_query.contains(n.as_str())
            })
        };
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
                lexical_english: view_score(&english, i),
                lexical_easy: view_score(&easy, i),
                lexical_reading: view_score(&reading, i),
                vector: vector.as_ref().map_or(0.0, |v| v[i].cosine),
                vector_view: vector.as_ref().map_or(Lang::Ja, |v| v[i].best_view),
                fused: base,
                title_match: if names_in_query(&self.names[i]) || named_by_alias(i) {
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
        hits.sort_by(|a, b| ranking_order((a.1, a.0), (b.1, b.0)));
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
        let order = |a: &(usize, f32), b: &(usize, f32)| ranking_order((a.1, a.0), (b.1, b.0));
        if ranked.len() > top_k {
            ranked.select_nth_unstable_by(top_k, order);
            ranked.truncate(top_k);
        }
        ranked.sort_by(order);
        ranked
            .into_iter()
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

/// What search learned from approved judgments.
#[derive(Debug)]
struct Learned {
    /// The corpus's synonym groups and the approved ones.
    synonyms: Synonyms,
    /// Approved aliases per scheme (by index), normalised without spaces.
    aliases: Vec<Vec<String>>,
    /// The judgments' version they were learned from.
    version: String,
}

/// Normalised, without spaces: how titles, aliases and queries are compared.
fn compact(text: &str) -> String {
    text::normalize(text)
        .chars()
        .filter(|c| !c.is_whitespace())
        .collect()
}
