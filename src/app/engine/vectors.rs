//! Scheme and FAQ vectors at start-up: the configured embedder, the passage cache, Qdrant.

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

/// Connects to Qdrant and brings its collection in line with the corpus: dense vectors, BM25
/// sparse vectors of the whole scheme text, and the payload used for filtering.
pub(super) fn qdrant_index(
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

/// The embedder and one vector per scheme, in corpus order.
pub(super) type EmbeddedCorpus = (Arc<dyn Embedder>, Vec<Vec<f32>>);

/// Loads the configured embedder and embeds every scheme. For the static vectors a scheme's
/// lemmas are its title and summary fields' lemmas (`head_lemmas`, from the lexical analysis)
/// plus those of the questions its FAQs answer; they give both the IDF weights and the vector.
pub(super) fn embed_corpus(
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
            // Q4_0 and dequantised weights give vectors that differ in the last digits; a cache
            // holding both would rank differently from either, so the mode is part of the key.
            let key = format!("{}:{:?}", e.checksum(), e.weight_mode());
            let mut cache = VectorCache::open(&settings.vector_cache_file(), &key, e.dim());
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
