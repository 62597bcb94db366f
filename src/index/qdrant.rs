//! Qdrant (gRPC, `qdrant-client`) as the vector store for scale-out: several stateless
//! replicas share one collection. Each scheme is a point with a dense vector (`dense`, cosine),
//! a sparse BM25 vector (`bm25`, with Qdrant's IDF modifier, so the server supplies the IDF)
//! and a payload for filtering (scheme id, level, kind, purposes, industries, window).
//!
//! Point ids are derived from scheme ids, so every replica upserts the same points and a
//! restart is idempotent. Each point's payload also holds a digest of its content (dense and
//! sparse vectors, payload), so a sync sends only the points whose content changed: a publish
//! that edits one scheme upserts one point.
//!
//! BM25 document weights depend on the collection's average document length, which any edit
//! moves a little; recomputing every point for that would resend the whole corpus on every
//! publish. So the average a point's weights were computed with is stored in its payload, and
//! a sync keeps using the stored one while the corpus's own average stays within
//! [`AVERAGE_TOLERANCE`] of it (all points then share one average, as BM25 requires); beyond
//! that, or when the points disagree, every point is recomputed with the corpus's average. Calls run on a small runtime of their own, so the synchronous search
//! path can use them from any thread, inside or outside a tokio runtime.

use std::collections::HashMap;
use std::future::Future;
use std::time::Duration;

use qdrant_client::Qdrant;
use qdrant_client::qdrant::{
    Condition, CreateCollectionBuilder, CreateFieldIndexCollectionBuilder, Distance, FieldType,
    Filter, Fusion, Modifier, NamedVectors, PayloadIncludeSelector, PointStruct,
    PrefetchQueryBuilder, Query, QueryPointsBuilder, ScoredPoint, ScrollPointsBuilder,
    SparseVectorParamsBuilder, SparseVectorsConfigBuilder, UpsertPointsBuilder, Vector,
    VectorInput, VectorParamsBuilder, VectorsConfigBuilder, value::Kind as ValueKind,
};

use super::vector::{SparseVector, VectorFilter, VectorIndex};
use crate::embed::murmur::murmurhash64a;

pub const DENSE: &str = "dense";
pub const SPARSE: &str = "bm25";
/// How many points each retriever hands to the server-side fusion.
const PREFETCH: u64 = 400;
const UPSERT_BATCH: usize = 256;
/// How many times a start-up sync is tried before the replica gives up.
const SYNC_ATTEMPTS: u32 = 4;
/// The payload field holding a digest of the point's content.
pub const DIGEST: &str = "content_digest";
/// The payload field holding the average document length its BM25 weights were computed with.
pub const AVERAGE: &str = "bm25_average_length";
/// How far (relative) the corpus's average document length may drift from the one the stored
/// points were weighted with before every point is weighted again: a 5 % shorter or longer
/// average changes each document's length normalisation by at most about 4 % (b = 0.75), and
/// by the same factor for documents of the same length.
pub const AVERAGE_TOLERANCE: f32 = 0.05;
/// Points read per scroll request when comparing digests.
const SCROLL_PAGE: u32 = 1000;
/// Payload fields with a keyword index, for filtering.
const PAYLOAD_INDEXES: [&str; 6] = [
    "scheme_id",
    "level",
    "kind",
    "purposes",
    "industries",
    "window_kind",
];

#[derive(Debug, thiserror::Error)]
pub enum QdrantError {
    #[error("qdrant at {url}: {message}")]
    Connect { url: String, message: String },
    #[error("qdrant collection {collection}: {message}")]
    Request { collection: String, message: String },
}

/// One scheme as Qdrant stores it.
#[derive(Debug, Clone)]
pub struct SchemePoint {
    pub scheme_id: String,
    pub dense: Vec<f32>,
    /// Its BM25 terms; the weights are made once the sync knows the average length in use.
    pub sparse: SparseTerms,
    /// Filterable fields; `scheme_id`, the digest and the average length are added.
    pub payload: serde_json::Map<String, serde_json::Value>,
}

/// What a sync did.
#[derive(Debug, Clone, Copy, Default, PartialEq, serde::Serialize)]
pub struct SyncReport {
    /// Points sent because they were new or their content changed.
    pub upserted: usize,
    /// Points whose stored digest matched: not sent.
    pub unchanged: usize,
    /// Points of schemes no longer in the corpus, deleted.
    pub deleted: u64,
    /// The average document length the BM25 weights use (the stored one while in tolerance).
    pub average_length: f32,
}

impl Eq for SyncReport {}

/// A document's BM25 term frequencies (by sparse index) and its length.
#[derive(Debug, Clone, PartialEq)]
pub struct SparseTerms {
    counts: Vec<(u32, f32)>,
    length: usize,
}

impl SparseTerms {
    pub fn of(terms: &[String]) -> SparseTerms {
        let mut counts: HashMap<u32, f32> = HashMap::new();
        for t in terms {
            *counts.entry(term_index(t)).or_default() += 1.0;
        }
        let mut counts: Vec<(u32, f32)> = counts.into_iter().collect();
        counts.sort_unstable_by_key(|p| p.0);
        SparseTerms {
            counts,
            length: terms.len(),
        }
    }

    /// The document's length in terms.
    pub fn len(&self) -> usize {
        self.length
    }

    pub fn is_empty(&self) -> bool {
        self.length == 0
    }

    /// BM25 term weights (k1 = 1.2, b = 0.75) at `average_length`; the IDF is applied by the
    /// server.
    pub fn vector(&self, average_length: f32) -> SparseVector {
        const K1: f32 = 1.2;
        const B: f32 = 0.75;
        let norm = K1 * (1.0 - B + B * self.length as f32 / average_length.max(1.0));
        SparseVector {
            indices: self.counts.iter().map(|p| p.0).collect(),
            values: self
                .counts
                .iter()
                .map(|&(_, tf)| tf * (K1 + 1.0) / (tf + norm))
                .collect(),
        }
    }
}

/// The average length of `points`' documents.
fn average_length(points: &[SchemePoint]) -> f32 {
    points.iter().map(|p| p.sparse.len()).sum::<usize>() as f32 / points.len().max(1) as f32
}

/// The average the BM25 weights use: the one every stored point of the corpus was weighted
/// with, while `exact` is within [`AVERAGE_TOLERANCE`] of it; otherwise `exact`. Replicas with
/// the same corpus that read the same points choose the same.
pub fn average_in_use(stored: impl IntoIterator<Item = Option<f32>>, exact: f32) -> f32 {
    let mut stored = stored.into_iter();
    let Some(Some(first)) = stored.next() else {
        return exact;
    };
    if stored.any(|a| a.map(f32::to_bits) != Some(first.to_bits())) {
        return exact;
    }
    if (first - exact).abs() <= AVERAGE_TOLERANCE * exact.max(1.0) {
        first
    } else {
        exact
    }
}

/// A digest of a point's content: dense and sparse vectors and payload (hex, 128 bits).
pub fn content_digest(
    dense: &[f32],
    sparse: &SparseVector,
    payload: &serde_json::Map<String, serde_json::Value>,
) -> String {
    use sha2::{Digest, Sha256};
    let mut hash = Sha256::new();
    hash.update((dense.len() as u64).to_le_bytes());
    for x in dense {
        hash.update(x.to_bits().to_le_bytes());
    }
    hash.update((sparse.indices.len() as u64).to_le_bytes());
    for (i, v) in sparse.indices.iter().zip(&sparse.values) {
        hash.update(i.to_le_bytes());
        hash.update(v.to_bits().to_le_bytes());
    }
    // serde_json's map is ordered by key, so the same payload always writes the same text.
    hash.update(
        serde_json::to_string(payload)
            .unwrap_or_default()
            .as_bytes(),
    );
    hash.finalize()[..16]
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// What a stored point says about itself.
#[derive(Debug, Clone, PartialEq)]
pub struct StoredPoint {
    pub digest: Option<String>,
    pub average_length: Option<f32>,
}

pub struct QdrantIndex {
    client: Qdrant,
    collection: String,
    runtime: tokio::runtime::Runtime,
    /// Corpus position of each scheme id, so results come back in the in-process shape.
    positions: HashMap<String, usize>,
}

impl std::fmt::Debug for QdrantIndex {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "QdrantIndex({}, {} points)",
            self.collection,
            self.positions.len()
        )
    }
}

/// A stable point id for a scheme id (the same on every replica).
pub fn point_id(scheme_id: &str) -> u64 {
    murmurhash64a(scheme_id.as_bytes(), 1)
}

/// The sparse index of a term: the low 32 bits of its MurmurHash64A.
pub fn term_index(term: &str) -> u32 {
    murmurhash64a(term.as_bytes(), 1) as u32
}

/// BM25 term weights of one document (k1 = 1.2, b = 0.75); the IDF is applied by the server.
pub fn bm25_document(terms: &[String], average_length: f32) -> SparseVector {
    SparseTerms::of(terms).vector(average_length)
}

/// A query's sparse vector: each term once, with its weight (synonyms count less).
pub fn bm25_query(terms: &[(String, f32)]) -> SparseVector {
    let mut weights: HashMap<u32, f32> = HashMap::new();
    for (t, w) in terms {
        let e = weights.entry(term_index(t)).or_default();
        *e = e.max(*w);
    }
    let mut pairs: Vec<(u32, f32)> = weights.into_iter().collect();
    pairs.sort_unstable_by_key(|p| p.0);
    SparseVector {
        indices: pairs.iter().map(|p| p.0).collect(),
        values: pairs.iter().map(|p| p.1).collect(),
    }
}

impl QdrantIndex {
    /// Connects and checks the server answers.
    pub fn connect(url: &str, collection: &str) -> Result<QdrantIndex, QdrantError> {
        let fail = |message: String| QdrantError::Connect {
            url: url.to_string(),
            message,
        };
        let runtime = tokio::runtime::Builder::new_multi_thread()
            .worker_threads(1)
            .thread_name("qdrant-client")
            .enable_all()
            .build()
            .map_err(|e| fail(e.to_string()))?;
        let client = {
            let _guard = runtime.enter();
            Qdrant::from_url(url)
                .timeout(Duration::from_secs(10))
                .connect_timeout(Duration::from_secs(5))
                .skip_compatibility_check()
                .build()
                .map_err(|e| fail(e.to_string()))?
        };
        let index = QdrantIndex {
            client,
            collection: collection.to_string(),
            runtime,
            positions: HashMap::new(),
        };
        let probe = index.client.clone();
        index
            .run(async move { probe.health_check().await })
            .map_err(|e| fail(e.to_string()))?;
        Ok(index)
    }

    fn run<F: Future + Send + 'static>(&self, future: F) -> F::Output
    where
        F::Output: Send + 'static,
    {
        let (tx, rx) = std::sync::mpsc::channel();
        self.runtime.spawn(async move {
            let _ = tx.send(future.await);
        });
        rx.recv()
            .expect("the qdrant runtime is alive while the index is")
    }

    fn request_error(&self, e: impl std::fmt::Display) -> QdrantError {
        QdrantError::Request {
            collection: self.collection.clone(),
            message: e.to_string(),
        }
    }

    /// Creates the collection when missing (or when its dimension changed), upserts every
    /// scheme whose content differs from what the collection holds (its digest), and deletes
    /// points of schemes no longer in the corpus.
    ///
    /// Several replicas may do this at once on one collection. With the same corpus that is
    /// safe: creating a collection a peer has just created counts as done, the field indexes
    /// are ensured by everyone (Qdrant accepts an index that already exists), upserts of the
    /// same point ids are idempotent, and the stale-point filter keeps every scheme of the
    /// corpus, so no replica deletes what another has written. Replicas that read the same
    /// stored points choose the same BM25 average ([`average_in_use`]) and so write the same
    /// points; one that reads a collection half rewritten by a peer sees points that disagree
    /// on the average and weights every point with the corpus's own average, as a peer that
    /// saw the average drift does. A step that loses a race anyway (a peer recreating the
    /// collection for a new dimension between our check and our upsert) fails, and the whole
    /// sync is tried again, because every step is idempotent.
    pub fn sync(
        &mut self,
        dim: usize,
        points: Vec<SchemePoint>,
    ) -> Result<SyncReport, QdrantError> {
        self.positions = points
            .iter()
            .enumerate()
            .map(|(i, p)| (p.scheme_id.clone(), i))
            .collect();
        let keep: Vec<String> = self.positions.keys().cloned().collect();
        let mut attempt = 1;
        loop {
            match self.sync_once(dim, &points, &keep) {
                Ok(report) => return Ok(report),
                Err(e) if attempt < SYNC_ATTEMPTS => {
                    tracing::warn!(error = %e, attempt, "qdrant sync failed; trying again");
                    std::thread::sleep(Duration::from_millis(200 * u64::from(attempt)));
                    attempt += 1;
                }
                Err(e) => return Err(e),
            }
        }
    }

    fn sync_once(
        &self,
        dim: usize,
        points: &[SchemePoint],
        keep: &[String],
    ) -> Result<SyncReport, QdrantError> {
        self.ensure_collection(dim as u64)?;
        let stored = self.stored_points()?;
        let average = average_in_use(
            points
                .iter()
                .filter_map(|p| stored.get(&p.scheme_id))
                .map(|s| s.average_length),
            average_length(points),
        );
        let mut report = SyncReport {
            average_length: average,
            ..SyncReport::default()
        };
        let mut changed: Vec<PointStruct> = Vec::new();
        for p in points {
            let sparse = p.sparse.vector(average);
            let mut payload = p.payload.clone();
            payload.insert("scheme_id".into(), p.scheme_id.clone().into());
            let digest = content_digest(&p.dense, &sparse, &payload);
            let same = stored
                .get(&p.scheme_id)
                .is_some_and(|s| s.digest.as_deref() == Some(digest.as_str()));
            if same {
                report.unchanged += 1;
                continue;
            }
            payload.insert(DIGEST.into(), digest.into());
            payload.insert(AVERAGE.into(), f64::from(average).into());
            let vectors = NamedVectors::default()
                .add_vector(DENSE, p.dense.clone())
                .add_vector(SPARSE, Vector::new_sparse(sparse.indices, sparse.values));
            let payload = qdrant_client::Payload::try_from(serde_json::Value::Object(payload))
                .expect("an object is a payload");
            changed.push(PointStruct::new(point_id(&p.scheme_id), vectors, payload));
        }
        report.upserted = changed.len();
        for batch in changed.chunks(UPSERT_BATCH) {
            let (client, collection, batch) =
                (self.client.clone(), self.collection.clone(), batch.to_vec());
            self.run(async move {
                client
                    .upsert_points(UpsertPointsBuilder::new(collection, batch).wait(true))
                    .await
            })
            .map_err(|e| self.request_error(e))?;
        }
        let stale = Filter::must_not([Condition::matches("scheme_id", keep.to_vec())]);
        let stale_points = self.count_matching(Some(stale.clone()))?;
        if stale_points > 0 {
            // Schemes deleted from the corpus, or another corpus's schemes (an older replica,
            // or a newer one during a rolling update): replicas sharing a collection are meant
            // to share a corpus.
            tracing::info!(
                collection = %self.collection,
                stale_points,
                "deleting points of schemes not in this corpus; replicas with another corpus \
                 should use another collection"
            );
            let (client, collection) = (self.client.clone(), self.collection.clone());
            self.run(async move {
                client
                    .delete_points(
                        qdrant_client::qdrant::DeletePointsBuilder::new(collection)
                            .points(stale)
                            .wait(true),
                    )
                    .await
            })
            .map_err(|e| self.request_error(e))?;
            report.deleted = stale_points;
        }
        Ok(report)
    }

    /// Every stored point's scheme id, digest and average length (payload only, no vectors).
    pub fn stored_points(&self) -> Result<HashMap<String, StoredPoint>, QdrantError> {
        let mut out = HashMap::new();
        let mut offset = None;
        loop {
            let mut request = ScrollPointsBuilder::new(self.collection.clone())
                .limit(SCROLL_PAGE)
                .with_payload(PayloadIncludeSelector {
                    fields: vec!["scheme_id".into(), DIGEST.into(), AVERAGE.into()],
                })
                .with_vectors(false);
            if let Some(offset) = offset.take() {
                request = request.offset::<qdrant_client::qdrant::PointId>(offset);
            }
            let client = self.client.clone();
            let page = self
                .run(async move { client.scroll(request).await })
                .map_err(|e| self.request_error(e))?;
            for point in &page.result {
                let text = |field: &str| match point.payload.get(field)?.kind.as_ref()? {
                    ValueKind::StringValue(s) => Some(s.clone()),
                    _ => None,
                };
                let Some(id) = text("scheme_id") else {
                    continue;
                };
                let average_length = match point.payload.get(AVERAGE).and_then(|v| v.kind.as_ref())
                {
                    Some(ValueKind::DoubleValue(d)) => Some(*d as f32),
                    Some(ValueKind::IntegerValue(i)) => Some(*i as f32),
                    _ => None,
                };
                out.insert(
                    id,
                    StoredPoint {
                        digest: text(DIGEST),
                        average_length,
                    },
                );
            }
            match page.next_page_offset {
                Some(next) => offset = Some(next),
                None => return Ok(out),
            }
        }
    }

    /// The collection with a `dense` vector of `dim` and its payload indexes, made if missing
    /// and remade if the dimension changed (another embedder).
    fn ensure_collection(&self, dim: u64) -> Result<(), QdrantError> {
        match self.stored_dim()? {
            Some(Some(stored)) if stored == dim => {}
            stored => {
                if let Some(stored) = stored {
                    tracing::warn!(
                        collection = %self.collection,
                        stored = ?stored,
                        dim,
                        "recreating the collection for another vector dimension"
                    );
                    let (client, collection) = (self.client.clone(), self.collection.clone());
                    self.run(async move { client.delete_collection(collection).await })
                        .map_err(|e| self.request_error(e))?;
                }
                if let Err(e) = self.create_collection(dim) {
                    // A peer created it between our check and our request; fine if it is ours.
                    if self.stored_dim()? != Some(Some(dim)) {
                        return Err(e);
                    }
                }
            }
        }
        // Everyone ensures the payload indexes, so a replica that dies right after creating the
        // collection leaves nothing missing for good.
        let (client, collection) = (self.client.clone(), self.collection.clone());
        self.run(async move {
            for field in PAYLOAD_INDEXES {
                client
                    .create_field_index(
                        CreateFieldIndexCollectionBuilder::new(
                            collection.clone(),
                            field,
                            FieldType::Keyword,
                        )
                        .wait(true),
                    )
                    .await?;
            }
            Ok::<(), qdrant_client::QdrantError>(())
        })
        .map_err(|e| self.request_error(e))
    }

    fn create_collection(&self, dim: u64) -> Result<(), QdrantError> {
        let (client, collection) = (self.client.clone(), self.collection.clone());
        self.run(async move {
            let mut dense = VectorsConfigBuilder::default();
            dense.add_named_vector_params(DENSE, VectorParamsBuilder::new(dim, Distance::Cosine));
            let mut sparse = SparseVectorsConfigBuilder::default();
            sparse.add_named_vector_params(
                SPARSE,
                SparseVectorParamsBuilder::default().modifier(Modifier::Idf),
            );
            client
                .create_collection(
                    CreateCollectionBuilder::new(collection)
                        .vectors_config(dense)
                        .sparse_vectors_config(sparse),
                )
                .await
        })
        .map(|_| ())
        .map_err(|e| self.request_error(e))
    }

    /// `None` when there is no collection; `Some(None)` when it has no `dense` vector;
    /// otherwise the dimension of its `dense` vectors. A failed request is an error, never
    /// "missing": a replica must not delete a collection it merely failed to read.
    fn stored_dim(&self) -> Result<Option<Option<u64>>, QdrantError> {
        let (client, collection) = (self.client.clone(), self.collection.clone());
        let exists = self
            .run(async move { client.collection_exists(collection).await })
            .map_err(|e| self.request_error(e))?;
        if !exists {
            return Ok(None);
        }
        let (client, collection) = (self.client.clone(), self.collection.clone());
        let info = self
            .run(async move { client.collection_info(collection).await })
            .map_err(|e| self.request_error(e))?;
        use qdrant_client::qdrant::vectors_config::Config;
        let dense = info
            .result
            .and_then(|r| r.config)
            .and_then(|c| c.params)
            .and_then(|p| p.vectors_config)
            .and_then(|v| v.config)
            .and_then(|c| match c {
                Config::ParamsMap(map) => map.map.get(DENSE).map(|p| p.size),
                Config::Params(_) => None,
            });
        Ok(Some(dense))
    }

    /// Deletes the whole collection (tests, or a rebuild from scratch).
    pub fn drop_collection(&self) -> Result<(), QdrantError> {
        let (client, collection) = (self.client.clone(), self.collection.clone());
        self.run(async move { client.delete_collection(collection).await })
            .map(|_| ())
            .map_err(|e| self.request_error(e))
    }

    /// Points stored in the collection.
    pub fn count(&self) -> Result<u64, QdrantError> {
        self.count_matching(None)
    }

    fn count_matching(&self, filter: Option<Filter>) -> Result<u64, QdrantError> {
        let (client, collection) = (self.client.clone(), self.collection.clone());
        let r = self
            .run(async move {
                let mut request =
                    qdrant_client::qdrant::CountPointsBuilder::new(collection).exact(true);
                if let Some(filter) = filter {
                    request = request.filter(filter);
                }
                client.count(request).await
            })
            .map_err(|e| self.request_error(e))?;
        Ok(r.result.map(|c| c.count).unwrap_or(0))
    }

    /// Nearest schemes by the dense vector, filtered on the payload; (scheme id, cosine).
    pub fn nearest(
        &self,
        dense: &[f32],
        filter: &VectorFilter,
        limit: u64,
    ) -> Result<Vec<(String, f32)>, QdrantError> {
        let request = QueryPointsBuilder::new(self.collection.clone())
            .query(Query::new_nearest(dense.to_vec()))
            .using(DENSE)
            .filter(qdrant_filter(filter))
            .limit(limit)
            .with_payload(true);
        self.query(request)
    }

    /// Server-side hybrid: dense and sparse BM25 retrievers prefetched and fused with RRF by
    /// Qdrant's query API; (scheme id, fused score).
    pub fn hybrid(
        &self,
        dense: &[f32],
        sparse: &SparseVector,
        filter: &VectorFilter,
        limit: u64,
    ) -> Result<Vec<(String, f32)>, QdrantError> {
        let filter = qdrant_filter(filter);
        let mut request = QueryPointsBuilder::new(self.collection.clone()).add_prefetch(
            PrefetchQueryBuilder::default()
                .query(Query::new_nearest(dense.to_vec()))
                .using(DENSE)
                .filter(filter.clone())
                .limit(PREFETCH),
        );
        if !sparse.indices.is_empty() {
            request = request.add_prefetch(
                PrefetchQueryBuilder::default()
                    .query(VectorInput::new_sparse(
                        sparse.indices.clone(),
                        sparse.values.clone(),
                    ))
                    .using(SPARSE)
                    .filter(filter)
                    .limit(PREFETCH),
            );
        }
        self.query(
            request
                .query(Query::new_fusion(Fusion::Rrf))
                .limit(limit)
                .with_payload(true),
        )
    }

    fn query(&self, request: QueryPointsBuilder) -> Result<Vec<(String, f32)>, QdrantError> {
        let client = self.client.clone();
        let response = self
            .run(async move { client.query(request).await })
            .map_err(|e| self.request_error(e))?;
        Ok(response
            .result
            .into_iter()
            .filter_map(|p| scheme_id_of(&p).map(|id| (id, p.score)))
            .collect())
    }

    fn in_corpus_order(&self, hits: Vec<(String, f32)>) -> Vec<f32> {
        let mut scores = vec![0.0; self.positions.len()];
        for (id, score) in hits {
            if let Some(&i) = self.positions.get(&id) {
                scores[i] = score;
            }
        }
        scores
    }
}

fn scheme_id_of(point: &ScoredPoint) -> Option<String> {
    match point.payload.get("scheme_id")?.kind.as_ref()? {
        ValueKind::StringValue(s) => Some(s.clone()),
        _ => None,
    }
}

fn qdrant_filter(filter: &VectorFilter) -> Filter {
    let mut must = Vec::new();
    if !filter.levels.is_empty() {
        must.push(Condition::matches("level", filter.levels.clone()));
    }
    if !filter.purposes.is_empty() {
        must.push(Condition::matches("purposes", filter.purposes.clone()));
    }
    Filter::must(must)
}

impl VectorIndex for QdrantIndex {
    /// The nearest few hundred by cosine; the rest score 0, below the vector floor anyway. If
    /// Qdrant cannot be reached the vector signal is dropped for this query (logged) and
    /// search goes on lexically rather than failing.
    fn similarities(&self, query: &[f32]) -> Vec<f32> {
        match self.nearest(query, &VectorFilter::default(), PREFETCH) {
            Ok(hits) => self.in_corpus_order(hits),
            Err(e) => {
                tracing::error!(error = %e, "vector search failed; ranking lexically");
                vec![0.0; self.positions.len()]
            }
        }
    }

    fn server_hybrid(
        &self,
        dense: &[f32],
        sparse: &SparseVector,
        filter: &VectorFilter,
    ) -> Option<Vec<f32>> {
        match self.hybrid(dense, sparse, filter, PREFETCH) {
            Ok(hits) => Some(self.in_corpus_order(hits)),
            Err(e) => {
                tracing::error!(error = %e, "server-side hybrid search failed; fusing locally");
                None
            }
        }
    }

    fn len(&self) -> usize {
        self.positions.len()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bm25_document_weights_saturate_with_term_frequency() {
        let doc: Vec<String> = ["補助金", "補助金", "補助金", "創業"]
            .iter()
            .map(|s| s.to_string())
            .collect();
        let v = bm25_document(&doc, 4.0);
        let weight = |t: &str| {
            v.indices
                .iter()
                .position(|&i| i == term_index(t))
                .map(|p| v.values[p])
                .unwrap()
        };
        // tf·(k1+1)/(tf + k1): 3·2.2/4.2 and 1·2.2/2.2 at average length.
        assert!((weight("補助金") - 3.0 * 2.2 / 4.2).abs() < 1e-5);
        assert!((weight("創業") - 1.0).abs() < 1e-5);
        assert!(
            v.indices.windows(2).all(|w| w[0] < w[1]),
            "indices sorted and unique"
        );
    }

    #[test]
    fn sparse_terms_weigh_as_bm25_document_did() {
        let doc: Vec<String> = ["補助金", "補助金", "創業", "設備"]
            .iter()
            .map(|s| s.to_string())
            .collect();
        let terms = SparseTerms::of(&doc);
        assert_eq!(terms.len(), 4);
        // At average 4 the norm is k1; at average 8 it is k1 · (0.25 + 0.75 · 0.5).
        let v = terms.vector(8.0);
        let at = |t: &str| v.values[v.indices.iter().position(|&i| i == term_index(t)).unwrap()];
        let norm = 1.2 * (0.25 + 0.75 * 0.5);
        assert!((at("補助金") - 2.0 * 2.2 / (2.0 + norm)).abs() < 1e-6);
        assert!((at("創業") - 2.2 / (1.0 + norm)).abs() < 1e-6);
    }

    #[test]
    fn the_stored_average_holds_while_the_corpus_stays_within_tolerance() {
        // Nothing stored: the corpus's own average.
        assert_eq!(average_in_use([], 100.0), 100.0);
        // Every point agrees and 100 → 104 is within 5 %: keep 100.
        assert_eq!(average_in_use([Some(100.0), Some(100.0)], 104.0), 100.0);
        // 100 → 106 is not.
        assert_eq!(average_in_use([Some(100.0), Some(100.0)], 106.0), 106.0);
        // Points weighted with different averages, or without one: weigh again.
        assert_eq!(average_in_use([Some(100.0), Some(101.0)], 100.5), 100.5);
        assert_eq!(average_in_use([Some(100.0), None], 100.0), 100.0);
        assert_eq!(average_in_use([None, Some(100.0)], 100.2), 100.2);
    }

    #[test]
    fn the_digest_changes_with_any_part_of_the_content() {
        let mut payload = serde_json::Map::new();
        payload.insert("level".into(), "ward".into());
        let sparse = bm25_document(&["創業".to_string()], 1.0);
        let base = content_digest(&[0.5, 0.25], &sparse, &payload);
        assert_eq!(base, content_digest(&[0.5, 0.25], &sparse, &payload));
        assert_eq!(base.len(), 32);
        assert_ne!(base, content_digest(&[0.5, 0.26], &sparse, &payload));
        assert_ne!(
            base,
            content_digest(
                &[0.5, 0.25],
                &bm25_document(&["創業".to_string()], 2.0),
                &payload
            )
        );
        payload.insert("level".into(), "tokyo".into());
        assert_ne!(base, content_digest(&[0.5, 0.25], &sparse, &payload));
    }

    #[test]
    fn point_ids_are_stable_per_scheme() {
        assert_eq!(point_id("minato-sogyo-hojo"), point_id("minato-sogyo-hojo"));
        assert_ne!(
            point_id("minato-sogyo-hojo"),
            point_id("minato-koukoku-hojo")
        );
    }
}
