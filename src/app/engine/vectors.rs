//! Scheme and FAQ vectors at start-up: the configured embedder, the passage cache, Qdrant.

use super::views::{ViewTexts, ViewVectors};
use super::*;

pub(super) fn vector_filter(filters: &SearchFilters) -> VectorFilter {
    VectorFilter {
        levels: filters
            .levels
            .iter()
            .map(|l| l.as_str().to_string())
            .collect(),
        purposes: filters.purposes.clone(),
    }
}

/// Lemma lists of an earlier build to take unchanged texts' lemmas from, and where this
/// build's go.
pub(super) struct Reusing<'a> {
    pub previous: Option<&'a Analyses>,
    pub kept: &'a mut Analyses,
    pub reuse: &'a mut Reuse,
}

impl Reusing<'_> {
    /// The lemmas of each text, analysing only those `previous` does not have.
    fn lemmas(self, analyzer: &Analyzer, texts: &[String]) -> Result<Vec<Vec<String>>> {
        let (lemmas, kept, reuse) =
            crate::index::lexical::analyse_lemmas_reusing(analyzer, texts, self.previous)?;
        *self.kept = kept;
        *self.reuse = *self.reuse + reuse;
        Ok(lemmas)
    }
}

/// What the static embedder reads besides the corpus: each scheme's title and summary lemmas
/// (from the lexical analysis), and where its FAQ questions' lemmas may be reused from.
pub(super) struct StaticLemmas<'a> {
    pub head: crate::text::LemmaLists,
    pub questions: Reusing<'a>,
}

/// Connects to Qdrant and brings its collection in line with the corpus: dense vectors, BM25
/// sparse vectors of the whole scheme text, and the payload used for filtering. Only points
/// whose content changed are sent (see [`QdrantIndex::sync`]).
pub(super) fn qdrant_index(
    settings: &Settings,
    analyzer: &Analyzer,
    corpus: &Corpus,
    docs: &[DocText],
    dim: usize,
    vectors: &[f32],
    reusing: Reusing<'_>,
) -> Result<(QdrantIndex, crate::index::qdrant::SyncReport)> {
    let url = settings.qdrant_url.as_deref().ok_or(EngineError::Startup {
        context: "qdrant_url",
        message: "is required when vector_backend = \"qdrant\"".into(),
    })?;
    let mut index = QdrantIndex::connect(url, &settings.qdrant_collection)?;
    let texts: Vec<String> = docs.iter().map(|d| d.join("\n")).collect();
    let terms = reusing.lemmas(analyzer, &texts)?;
    drop(texts);
    let points = corpus
        .schemes
        .iter()
        .zip(vectors.chunks_exact(dim.max(1)))
        .zip(&terms)
        .map(|((s, dense), words)| SchemePoint {
            scheme_id: s.id.clone(),
            dense: dense.to_vec(),
            sparse: SparseTerms::of(words),
            payload: scheme_payload(s),
        })
        .collect();
    let report = index.sync(dim, points)?;
    info!(
        collection = %settings.qdrant_collection,
        points = index.len(),
        upserted = report.upserted,
        unchanged = report.unchanged,
        deleted = report.deleted,
        bm25_average_length = report.average_length,
        "qdrant collection in sync"
    );
    Ok((index, report))
}

pub(super) fn scheme_payload(s: &Scheme) -> serde_json::Map<String, serde_json::Value> {
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

/// The embedder, and every scheme's vector in corpus order, row after row.
pub(super) type EmbeddedCorpus = (Arc<dyn Embedder>, Vec<f32>);

/// The translated views' vectors: schemes', then FAQs'.
pub(super) type EmbeddedViews = (ViewVectors, ViewVectors);

/// Every passage of the corpus through one cache: schemes, FAQs (question and answer), and the
/// translated views of both. A start-up encodes only passages whose text is new or changed.
pub(super) struct EncodedPassages {
    pub schemes: Vec<Vec<f32>>,
    pub faqs: Vec<Vec<f32>>,
    pub scheme_views: ViewVectors,
    pub faq_views: ViewVectors,
    pub stats: CacheStats,
}

pub(super) fn encode_passages(
    embedder: &dyn Embedder,
    cache: &mut VectorCache,
    corpus: &Corpus,
) -> Result<EncodedPassages> {
    let scheme_views = ViewTexts::of_schemes(corpus);
    let faq_views = ViewTexts::of_faqs(corpus);
    let texts: Vec<String> = corpus
        .schemes
        .iter()
        .map(|s| embedding_text(s, corpus))
        .chain(corpus.faqs.iter().map(faq_embedding_text))
        .chain(scheme_views.texts.iter().cloned())
        .chain(faq_views.texts.iter().cloned())
        .collect();
    let (mut vectors, stats) = cache.embed_passages(embedder, &texts)?;
    let (n_schemes, n_faqs) = (corpus.schemes.len(), corpus.faqs.len());
    let faq_view_vectors = vectors.split_off(n_schemes + n_faqs + scheme_views.len());
    let scheme_view_vectors = vectors.split_off(n_schemes + n_faqs);
    let faqs = vectors.split_off(n_schemes);
    let dim = embedder.dim();
    Ok(EncodedPassages {
        schemes: vectors,
        faqs,
        scheme_views: ViewVectors::new(dim, &scheme_views, &scheme_view_vectors),
        faq_views: ViewVectors::new(dim, &faq_views, &faq_view_vectors),
        stats,
    })
}

/// Loads the configured embedder and embeds every scheme. For the static vectors a scheme's
/// lemmas are its title and summary fields' lemmas (`lemmas.head`, from the lexical analysis)
/// plus those of the questions its FAQs answer; they give both the IDF weights and the vector.
pub(super) fn embed_corpus(
    settings: &Settings,
    analyzer: &Arc<Analyzer>,
    corpus: &Corpus,
    lemmas: StaticLemmas<'_>,
    cache_stats: &mut Option<CacheStats>,
    faq_vectors: &mut Option<InProcessIndex>,
    views: &mut Option<EmbeddedViews>,
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
            let question_lemmas = lemmas.questions.lemmas(analyzer, &questions)?;
            let lemmas = lemmas.head.joined(&question_lemmas);
            drop(question_lemmas);
            e.fit_idf(&lemmas);
            let vectors = e.embed_documents(&lemmas)?;
            Some((Arc::new(e), vectors))
        }
        EmbedderKind::E5 => {
            let file = settings.e5_model_file();
            let e = E5Embedder::load(&file, settings.e5_weights)?;
            // Q4_0 and dequantised weights give vectors that differ in the last digits; a cache
            // holding both would rank differently from either, so the mode is part of the key.
            let key = format!("{}:{:?}", e.checksum(), e.weight_mode());
            let mut cache = VectorCache::open(&settings.vector_cache_file(), &key, e.dim());
            let encoded = encode_passages(&e, &mut cache, corpus)?;
            let (vectors, stats) = (encoded.schemes.concat(), encoded.stats);
            *faq_vectors = Some(InProcessIndex::new(e.dim(), &encoded.faqs));
            *views = Some((encoded.scheme_views, encoded.faq_views));
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
            Some((Arc::new(e), vectors.concat()))
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::embed::cache::Counting;
    use std::path::Path;
    use std::sync::atomic::Ordering;

    fn copy_dir(from: &Path, to: &Path) {
        std::fs::create_dir_all(to).unwrap();
        for entry in std::fs::read_dir(from).unwrap() {
            let entry = entry.unwrap();
            let target = to.join(entry.file_name());
            if entry.file_type().unwrap().is_dir() {
                copy_dir(&entry.path(), &target);
            } else {
                std::fs::copy(entry.path(), target).unwrap();
            }
        }
    }

    #[test]
    fn the_cache_encodes_only_new_or_changed_views() {
        let dir = tempfile::tempdir().unwrap();
        let corpus_dir = dir.path().join("corpus");
        copy_dir(
            &Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/corpus"),
            &corpus_dir,
        );
        let cache_file = dir.path().join("passages.vectors");
        let model = Counting::default();
        let corpus = Corpus::load(&corpus_dir, &[]).unwrap();
        let scheme_views = ViewTexts::of_schemes(&corpus).len();
        let faq_views = ViewTexts::of_faqs(&corpus).len();
        assert_eq!(
            scheme_views,
            2 * corpus.schemes.len(),
            "en and easy per scheme"
        );
        assert_eq!(faq_views, 2 * corpus.faqs.len());
        let all = corpus.schemes.len() + corpus.faqs.len() + scheme_views + faq_views;

        let mut cache = VectorCache::open(&cache_file, "m", 2);
        let first = encode_passages(&model, &mut cache, &corpus).unwrap();
        assert_eq!(first.stats.computed, all);

        // A restart with nothing changed encodes nothing.
        let mut cache = VectorCache::open(&cache_file, "m", 2);
        let again = encode_passages(&model, &mut cache, &corpus).unwrap();
        assert_eq!((again.stats.cached, again.stats.computed), (all, 0));

        // A reviewer rewords one English summary: that scheme's English view alone is new.
        let file = corpus_dir.join("i18n/en/schemes.toml");
        let text = std::fs::read_to_string(&file).unwrap();
        let edited = text.replacen(
            "can borrow start-up funds from a bank at a low rate",
            "can borrow money to start up from a bank at a low interest rate",
            1,
        );
        assert_ne!(text, edited, "the fixture sentence is still there");
        std::fs::write(&file, edited).unwrap();
        let corpus = Corpus::load(&corpus_dir, &[]).unwrap();
        let mut cache = VectorCache::open(&cache_file, "m", 2);
        let changed = encode_passages(&model, &mut cache, &corpus).unwrap();
        assert_eq!((changed.stats.cached, changed.stats.computed), (all - 1, 1));
        assert_eq!(model.0.load(Ordering::SeqCst), all + 1);
        assert_eq!(
            changed.schemes, first.schemes,
            "Japanese passages untouched"
        );
    }
}
