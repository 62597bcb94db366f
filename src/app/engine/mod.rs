//! The read-only search engine: corpus, analyzer, lexical and vector indexes, embedder. Built
//! once at start-up; the use cases in `app` call it.

use std::time::Instant;

use chrono::{FixedOffset, NaiveDate, Utc};
use serde::Serialize;
use tracing::{info, instrument};

use std::sync::{Arc, RwLock};

use crate::config::{EmbedderKind, RankingMode, Settings, VectorBackend};
use crate::domain::corpus::translation::furigana::furigana;
use crate::domain::corpus::translation::{Segment, mark_japanese};
use crate::domain::profile::{Answers, Profile, ProfileError};
use crate::domain::questionnaire::Questionnaire;
use crate::domain::recommend::{RecommendOutcome, recommend};
use crate::domain::scheme::WindowStatus;
use crate::domain::search::SearchFilters;
use crate::domain::{Corpus, CorpusError, Faq, Kind, Lang, Level, Scheme};
use crate::embed::cache::{CacheStats, QueryVectorCache};
use crate::embed::{E5Embedder, Embedder, StaticEmbedder, TransformerEmbedder, VectorCache};
use crate::index::lexical::AlsoKeep;
use crate::index::qdrant::{QdrantIndex, SchemePoint, SparseTerms};
use crate::index::{Analyses, DocText, LexicalIndex, LexicalScore, Reuse};
use crate::index::{InProcessIndex, VectorFilter, VectorIndex};
use crate::text::{self, Analyzer, QueryTerms, Synonyms, TextError};

mod documents;
mod fusion;
mod hits;
mod learned;
mod mask;
mod names;
mod rebuild;
mod routing;
mod search;
mod snippets;
mod vectors;
mod views;

use documents::faq_text;
pub use documents::{embedding_text, faq_embedding_text, level_hint, scheme_text, shorten};
pub use fusion::{FusionWeights, fuse, fuse_rrf, fuse_totals};
pub use hits::{Explanation, FaqHit, SchemeHit, SearchOutcome};
use learned::Learned;
pub use mask::{MaskLexicon, MaskedCache};
use names::SchemeNames;
pub use rebuild::BuildReport;
use rebuild::KeptAnalyses;
pub use routing::{ROUTING_EXAMPLES_FILE, encode_examples, encoder_name, routing_text};
pub use search::LOCAL_PRIOR;
use snippets::Snippets;
use vectors::{Reusing, StaticLemmas, embed_corpus, qdrant_index};
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
    names: SchemeNames,
    /// Each scheme's summary and details cut into sentences and normalised, for snippets.
    snippets: Snippets,
    /// Whether each scheme's and each FAQ's source is an official page, decided once here
    /// rather than for every hit of every query.
    official_schemes: Vec<bool>,
    official_faqs: Vec<bool>,
    /// The masker's view: the dictionary and the office addresses the corpus publishes. Made
    /// when first needed, not with the indexes: reading the addresses out of every published
    /// text costs more than the lexical index itself on a large corpus.
    mask_lexicon: std::sync::OnceLock<MaskLexicon>,
    /// Texts masked lately (the tagger runs the encoder on each masking).
    masked: MaskedCache,
    /// The labelled routing examples' vectors (empty without an embedder or examples file).
    routing_examples: crate::domain::routing::examples::ExampleStore,
    /// How many of `routing_examples` are hand-written (they come first).
    written_examples: usize,
    /// The shipped routing model, when it was trained on this engine's encoder.
    routing_model: Option<crate::domain::routing::model::RoutingModel>,
    /// Every entry's analysis, kept by text checksum for the next build (a publish).
    kept: KeptAnalyses,
    /// What this build analysed and what it took from the engine before it.
    build_report: BuildReport,
    /// The routing rules' words by their readings, so a kana message meets them.
    routing_spelling: crate::domain::routing::KanaSpelling,
    /// The words that ask for an attribute and the corpus's own words by their readings, so a
    /// factual question typed in kana meets the scheme and the attribute it names.
    fact_spelling: crate::domain::routing::KanaSpelling,
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

    pub fn from_parts(
        settings: Settings,
        corpus: Corpus,
        analyzer: impl Into<Arc<Analyzer>>,
    ) -> Result<Engine> {
        Engine::assemble(settings, corpus, analyzer.into(), None)
    }

    /// The engine's parts for `corpus`, analysing only the texts `previous` (what an earlier
    /// build kept) does not have; everything else is made from scratch.
    fn assemble(
        settings: Settings,
        corpus: Corpus,
        analyzer: Arc<Analyzer>,
        previous: Option<&KeptAnalyses>,
    ) -> Result<Engine> {
        let started = Instant::now();
        let mut kept = KeptAnalyses::default();
        let mut build_report = BuildReport::default();
        let synonyms = Synonyms::for_corpus(&corpus, &analyzer)?;
        // The static embedder reads the title and summary fields' lemmas from this one analysis.
        let lemma_fields = if settings.embedder == EmbedderKind::Static {
            2
        } else {
            0
        };
        // Each scheme's searchable text is made when it is analysed, not all held at once.
        // The same analysis gives the reading words of the views' reading index.
        let built = LexicalIndex::build_from_reusing(
            &analyzer,
            corpus.schemes.len(),
            |i| scheme_text(&corpus.schemes[i], &corpus),
            AlsoKeep {
                lemma_fields,
                reading_index: true,
            },
            previous.map(|p| &p.schemes),
        )?;
        let (schemes, head_lemmas) = (built.index, built.lemmas);
        (kept.schemes, build_report.schemes) = (built.analyses, built.reuse);
        let readings = built
            .readings
            .expect("the build was asked for a reading index");
        let faq_docs: Vec<DocText> = corpus.faqs.iter().map(|f| faq_text(f, &corpus)).collect();
        let faqs = LexicalIndex::build_reusing(&analyzer, &faq_docs, previous.map(|p| &p.faqs))?;
        (kept.faqs, build_report.faqs) = (faqs.analyses, faqs.reuse);
        let faqs = faqs.index;
        // The views' indexes: the English and やさしい日本語 translations, and the reading words
        // of each scheme's Japanese text.
        let lexical_views = LexicalViews::build_reusing(
            &analyzer,
            &corpus,
            readings,
            previous,
            &mut kept,
            &mut build_report,
        )?;
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
            StaticLemmas {
                head: head_lemmas,
                questions: Reusing {
                    previous: previous.map(|p| &p.questions),
                    kept: &mut kept.questions,
                    reuse: &mut build_report.lemma_texts,
                },
            },
            &mut vector_cache_stats,
            &mut faq_vectors,
            &mut views,
        )? {
            Some((e, vectors)) => {
                let index: Box<dyn VectorIndex> = match settings.vector_backend {
                    VectorBackend::InProcess => {
                        Box::new(InProcessIndex::from_rows(e.dim(), vectors))
                    }
                    VectorBackend::Qdrant => {
                        let scheme_docs: Vec<DocText> = corpus
                            .schemes
                            .iter()
                            .map(|s| scheme_text(s, &corpus))
                            .collect();
                        let (index, sync) = qdrant_index(
                            &settings,
                            &analyzer,
                            &corpus,
                            &scheme_docs,
                            e.dim(),
                            &vectors,
                            Reusing {
                                previous: previous.map(|p| &p.qdrant),
                                kept: &mut kept.qdrant,
                                reuse: &mut build_report.lemma_texts,
                            },
                        )?;
                        build_report.qdrant = Some(sync);
                        Box::new(index)
                    }
                };
                (Some(e), Some(index))
            }
            None => (None, None),
        };
        let vectors_ms = started.elapsed().as_millis() as u64 - lexical_ms;
        let names = SchemeNames::new(corpus.schemes.iter().map(|s| {
            std::iter::once(s.title.as_str()).chain(s.aliases.iter().map(String::as_str))
        }));
        let snippets = Snippets::new(&corpus.schemes);
        let official_schemes = corpus
            .schemes
            .iter()
            .map(|s| corpus.is_official_source(&s.source_url))
            .collect();
        let official_faqs = corpus
            .faqs
            .iter()
            .map(|f| corpus.is_official_source(&f.source_url))
            .collect();
        let learned = RwLock::new(Arc::new(Learned {
            synonyms,
            aliases: Vec::new(),
            version: String::new(),
        }));
        let mut routing_examples = match &embedder {
            Some(e) => {
                let examples = routing::shipped_examples(&settings)?;
                let cache = settings
                    .vector_cache_file()
                    .with_file_name("routing-examples.vectors");
                encode_examples(e.as_ref(), Some(&cache), &examples)?
            }
            None => Default::default(),
        };
        let written_examples = routing_examples.len();
        if let Some(learned) = embedder.as_deref().and_then(routing::learned_examples) {
            routing_examples.extend(&learned);
        }
        let routing_model = embedder.as_deref().and_then(routing::shipped_model);
        let routing_spelling = crate::domain::routing::KanaSpelling::new(analyzer.as_ref());
        let fact_spelling = fact_spelling(&corpus, &analyzer);
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
            mask_lexicon: Default::default(),
            masked: Default::default(),
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
            snippets,
            official_schemes,
            official_faqs,
            routing_examples,
            written_examples,
            routing_model,
            kept,
            build_report,
            routing_spelling,
            fact_spelling,
        })
    }

    /// What this engine's build analysed, and what it took from the engine before it.
    pub fn build_report(&self) -> &BuildReport {
        &self.build_report
    }

    /// Heap bytes of the analyses kept for the next rebuild, roughly.
    pub fn kept_analyses_bytes(&self) -> usize {
        self.kept.heap_bytes()
    }

    /// Masks personal data in what a caller typed, with the dictionary's help for names.
    /// Everything bound for the inquiry log goes through here.
    pub fn mask(&self, raw: &str) -> crate::domain::masking::Masked {
        self.masked.get_or_mask(raw, |raw| {
            crate::domain::masking::mask(raw, self.mask_lexicon())
        })
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

    /// The masker's view of texts (for `shien logs remask` and `shien eval --pii`), made on
    /// the first call.
    pub fn mask_lexicon(&self) -> &MaskLexicon {
        self.mask_lexicon.get_or_init(|| {
            let started = Instant::now();
            let lexicon = MaskLexicon::new(self.analyzer.clone(), &self.corpus)
                .with_name_tagger(self.settings.name_tagger)
                .with_encoder(self.embedder.clone());
            info!(
                public_address_keys = lexicon.public_address_count(),
                public_phone_keys = lexicon.public_phone_count(),
                ms = started.elapsed().as_millis() as u64,
                "masker's view built"
            );
            lexicon
        })
    }

    pub fn analyze_query(&self, text: &str) -> Result<QueryTerms> {
        Ok(text::analyze_query(
            &self.analyzer,
            &self.learned().synonyms,
            text,
        )?)
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

/// Recent query vectors kept in memory (384 floats each: 4,096 take about 6 MB).
const QUERY_VECTOR_CACHE: usize = 4096;

/// The words that ask for an attribute (上限, 書類), then the corpus's words (創業, 補助金,
/// 雇う: scheme titles, aliases and summaries, FAQ questions), most used first, each by its
/// reading: of words that sound alike, the asking word, else the one the corpus uses most,
/// spells the kana typed for them.
fn fact_spelling(corpus: &Corpus, analyzer: &Analyzer) -> crate::domain::routing::KanaSpelling {
    let has_kanji = |w: &str| w.chars().any(text::normalize::is_kanji);
    let mut spelling = crate::domain::routing::KanaSpelling::of(
        crate::domain::asked::vocabulary().filter(|w| has_kanji(w)),
        analyzer,
    );
    let texts = corpus
        .schemes
        .iter()
        .flat_map(|s| {
            [s.title.as_str(), s.summary.as_str()]
                .into_iter()
                .chain(s.aliases.iter().map(String::as_str))
        })
        .chain(corpus.faqs.iter().map(|f| f.question.as_str()))
        .collect::<Vec<_>>();
    let mut counts: std::collections::HashMap<(String, String), usize> = Default::default();
    // On all cores, as the index is built: at 50,000 schemes this pass took seconds on one.
    // It cannot fail: a text the segmenter cannot read adds no words.
    let _ = crate::index::parallel::in_order_parallel(
        texts.len(),
        crate::index::parallel::BUILD_CHUNK,
        |i| Ok(text::reading::written_words(analyzer, texts[i]).unwrap_or_default()),
        |words| {
            for word in words {
                *counts.entry(word).or_default() += 1;
            }
        },
    );
    let mut words: Vec<((String, String), usize)> = counts.into_iter().collect();
    words.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
    for ((word, reading), _) in words {
        spelling.add(&word, Some(&reading));
    }
    // The levels, as やさしい日本語 writes them ("くの ほじょきん", "くにの ゆうし").
    spelling.add_alone("区", "く");
    spelling.add_alone("国", "くに");
    spelling
}
