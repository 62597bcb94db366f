//! Qdrant (gRPC, `qdrant-client`) as the vector store for scale-out: several stateless
//! replicas share one collection. Each scheme is a point with a dense vector (`dense`, cosine),
//! a sparse BM25 vector (`bm25`, with Qdrant's IDF modifier, so the server supplies the IDF)
//! and a payload for filtering (scheme id, level, kind, purposes, industries, window).
//!
//! Point ids are derived from scheme ids, so every replica upserts the same points and a
//! restart is idempotent. Calls run on a small runtime of their own, so the synchronous search
//! path can use them from any thread, inside or outside a tokio runtime.

use std::collections::HashMap;
use std::future::Future;
use std::time::Duration;

use qdrant_client::Qdrant;
use qdrant_client::qdrant::{
    Condition, CreateCollectionBuilder, CreateFieldIndexCollectionBuilder, Distance, FieldType,
    Filter, Fusion, Modifier, NamedVectors, PointStruct, PrefetchQueryBuilder, Query,
    QueryPointsBuilder, ScoredPoint, SparseVectorParamsBuilder, SparseVectorsConfigBuilder,
    UpsertPointsBuilder, Vector, VectorInput, VectorParamsBuilder, VectorsConfigBuilder,
    value::Kind as ValueKind,
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
    pub sparse: SparseVector,
    /// Filterable fields; `scheme_id` is added.
    pub payload: serde_json::Map<String, serde_json::Value>,
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
    const K1: f32 = 1.2;
    const B: f32 = 0.75;
    let mut counts: HashMap<u32, f32> = HashMap::new();
    for t in terms {
        *counts.entry(term_index(t)).or_default() += 1.0;
    }
    let norm = K1 * (1.0 - B + B * terms.len() as f32 / average_length.max(1.0));
    let mut pairs: Vec<(u32, f32)> = counts
        .into_iter()
        .map(|(i, tf)| (i, tf * (K1 + 1.0) / (tf + norm)))
        .collect();
    pairs.sort_unstable_by_key(|p| p.0);
    SparseVector {
        indices: pairs.iter().map(|p| p.0).collect(),
        values: pairs.iter().map(|p| p.1).collect(),
    }
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
    /// scheme, and deletes points of schemes no longer in the corpus.
    ///
    /// Several replicas may do this at once on one collection. With the same corpus that is
    /// safe: creating a collection a peer has just created counts as done, the field indexes
    /// are ensured by everyone (Qdrant accepts an index that already exists), upserts of the
    /// same point ids are idempotent, and the stale-point filter keeps every scheme of the
    /// corpus, so no replica deletes what another has written. A step that loses a race
    /// anyway (a peer recreating the collection for a new dimension between our check and our
    /// upsert) fails, and the whole sync is tried again, because every step is idempotent.
    pub fn sync(&mut self, dim: usize, points: Vec<SchemePoint>) -> Result<(), QdrantError> {
        self.positions = points
            .iter()
            .enumerate()
            .map(|(i, p)| (p.scheme_id.clone(), i))
            .collect();
        let keep: Vec<String> = self.positions.keys().cloned().collect();
        let structs: Vec<PointStruct> = points
            .into_iter()
            .map(|p| {
                let mut payload = p.payload;
                payload.insert("scheme_id".into(), p.scheme_id.clone().into());
                let vectors = NamedVectors::default()
                    .add_vector(DENSE, p.dense)
                    .add_vector(
                        SPARSE,
                        Vector::new_sparse(p.sparse.indices, p.sparse.values),
                    );
                let payload = qdrant_client::Payload::try_from(serde_json::Value::Object(payload))
                    .expect("an object is a payload");
                PointStruct::new(point_id(&p.scheme_id), vectors, payload)
            })
            .collect();
        let mut attempt = 1;
        loop {
            match self.sync_once(dim, &structs, &keep) {
                Ok(()) => return Ok(()),
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
        points: &[PointStruct],
        keep: &[String],
    ) -> Result<(), QdrantError> {
        self.ensure_collection(dim as u64)?;
        for batch in points.chunks(UPSERT_BATCH) {
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
            // Another corpus's schemes (an older replica, or a newer one during a rolling
            // update): replicas sharing a collection are meant to share a corpus, so say so.
            tracing::warn!(
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
        }
        Ok(())
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
    fn point_ids_are_stable_per_scheme() {
        assert_eq!(point_id("minato-sogyo-hojo"), point_id("minato-sogyo-hojo"));
        assert_ne!(
            point_id("minato-sogyo-hojo"),
            point_id("minato-koukoku-hojo")
        );
    }
}
