//! The Qdrant backend against a real Qdrant server. Runs when QDRANT_URL names its gRPC
//! endpoint (e.g. http://127.0.0.1:6334); see README "Scale-out" for how to run one.

mod common;

use shien_navi::app::Engine;
use shien_navi::config::{Fusion, RankingMode, VectorBackend};
use shien_navi::domain::search::{SearchFilters, SearchQuery};
use shien_navi::index::qdrant::{QdrantIndex, SchemePoint, SparseTerms, bm25_query};
use shien_navi::index::{VectorFilter, VectorIndex};

fn qdrant_url() -> Option<String> {
    // An empty value (QDRANT_URL= make test) says no Qdrant, as an unset one does.
    let url = std::env::var("QDRANT_URL")
        .ok()
        .filter(|u| !u.trim().is_empty());
    if url.is_none() {
        eprintln!(
            "SKIPPED: Qdrant integration tests (set QDRANT_URL=http://127.0.0.1:6334 with a Qdrant server running)"
        );
    }
    url
}

fn qdrant_app(url: &str, collection: &str, corpus: std::path::PathBuf, fusion: Fusion) -> Engine {
    let mut s = common::settings(corpus);
    s.vector_backend = VectorBackend::Qdrant;
    s.qdrant_url = Some(url.to_string());
    s.qdrant_collection = collection.to_string();
    s.fusion = fusion;
    Engine::build(s).expect("the app builds against Qdrant")
}

fn top_ids(app: &Engine, query: &str, mode: RankingMode, filters: &SearchFilters) -> Vec<String> {
    let today = chrono::NaiveDate::from_ymd_opt(2026, 11, 21).unwrap();
    app.search_with(
        &SearchQuery::parse(query).unwrap(),
        filters,
        10,
        today,
        mode,
    )
    .unwrap()
    .results
    .into_iter()
    .map(|h| h.id)
    .collect()
}

/// A collection of its own for one test, deleted when the test ends.
struct Dropper(String, String);

impl Dropper {
    fn fresh(url: &str) -> Dropper {
        Dropper(
            url.to_string(),
            format!("shien_test_{}", uuid::Uuid::new_v4().simple()),
        )
    }
}

impl Drop for Dropper {
    fn drop(&mut self) {
        if let Ok(index) = QdrantIndex::connect(&self.0, &self.1) {
            let _ = index.drop_collection();
        }
    }
}

const QUERIES: &[&str] = &[
    "起業したい 資金を借りたい",
    "チラシ 広告 補助",
    "IT導入 ソフト 補助金",
    "事業承継 後継者",
    "省エネ 設備 更新",
    "従業員 賃上げ 助成金",
    "特許 出願 費用",
];

#[test]
fn qdrant_backend_ranks_like_the_in_process_index() {
    let Some(url) = qdrant_url() else { return };
    let scratch = Dropper::fresh(&url);
    let collection = scratch.1.clone();
    let remote = qdrant_app(
        &url,
        &collection,
        common::repo().join("corpus"),
        Fusion::Weighted,
    );
    let local = common::real_app();
    let none = SearchFilters::default();
    for q in QUERIES {
        for mode in [RankingMode::Dense, RankingMode::Hybrid] {
            let (r, l) = (
                top_ids(&remote, q, mode, &none),
                top_ids(local, q, mode, &none),
            );
            assert_eq!(r[..3], l[..3], "{mode:?} {q}: the top 3 agree");
            let (rs, ls): (std::collections::BTreeSet<_>, std::collections::BTreeSet<_>) =
                (r.iter().collect(), l.iter().collect());
            assert!(
                rs.intersection(&ls).count() >= 9,
                "{mode:?} {q}: top 10 nearly identical\nqdrant {r:?}\nlocal  {l:?}"
            );
        }
    }
    let index = QdrantIndex::connect(&url, &collection).unwrap();
    assert_eq!(
        index.count().unwrap(),
        local.corpus.schemes.len() as u64,
        "one point per scheme"
    );
}

#[test]
fn qdrant_filters_and_fuses_server_side() {
    let Some(url) = qdrant_url() else { return };
    let scratch = Dropper::fresh(&url);
    let collection = scratch.1.clone();
    let app = qdrant_app(
        &url,
        &collection,
        common::repo().join("corpus"),
        Fusion::Rrf,
    );

    // Server-side hybrid (prefetch dense + sparse BM25, RRF in Qdrant) through the app: same
    // result shape, and the obvious scheme near the top.
    let ids = top_ids(
        &app,
        "港区 創業 融資 あっせん",
        RankingMode::Hybrid,
        &SearchFilters::default(),
    );
    assert!(
        ids.iter().take(5).any(|id| id == "minato-yushi-sogyo"),
        "{ids:?}"
    );

    // Payload filters are applied by Qdrant itself.
    let mut index = QdrantIndex::connect(&url, &collection).unwrap();
    let query = app.embed_query("補助金 設備").unwrap();
    let terms = app.analyze_query("補助金 設備").unwrap();
    let ward_only = VectorFilter {
        levels: vec!["ward".into()],
        purposes: vec![],
    };
    let hits = index
        .hybrid(&query, &bm25_query(&terms.words), &ward_only, 50)
        .unwrap();
    assert!(!hits.is_empty());
    for (id, _) in &hits {
        assert_eq!(
            app.scheme(id).unwrap().level.as_str(),
            "ward",
            "{id} passed the level filter"
        );
    }
    let purpose = VectorFilter {
        levels: vec![],
        purposes: vec!["事業承継".into()],
    };
    let hits = index.nearest(&query, &purpose, 50).unwrap();
    assert!(!hits.is_empty());
    for (id, _) in &hits {
        assert!(
            app.scheme(id)
                .unwrap()
                .purposes
                .iter()
                .any(|p| p == "事業承継"),
            "{id} passed the purpose filter"
        );
    }
    let unfiltered = index
        .nearest(&query, &VectorFilter::default(), 500)
        .unwrap();
    assert_eq!(unfiltered.len(), app.corpus.schemes.len());

    // Re-syncing a smaller corpus into the same collection removes the stale points.
    let fixture = qdrant_app(&url, &collection, common::fixture_corpus(), Fusion::Rrf);
    index = QdrantIndex::connect(&url, &collection).unwrap();
    assert_eq!(index.count().unwrap(), fixture.corpus.schemes.len() as u64);
    assert!(
        index.len() == 0,
        "a fresh handle knows no corpus positions until it syncs"
    );
}

/// `n` small schemes of dimension `dim`: scheme k points along axis k mod dim.
fn synthetic_points(n: usize, dim: usize) -> Vec<SchemePoint> {
    (0..n)
        .map(|k| {
            let mut dense = vec![0.01; dim];
            dense[k % dim] = 1.0;
            let words = vec![format!("語{k}"), "制度".to_string()];
            let mut payload = serde_json::Map::new();
            payload.insert("level".into(), "ward".into());
            payload.insert("purposes".into(), vec![format!("目的{}", k % 3)].into());
            SchemePoint {
                scheme_id: format!("scheme-{k}"),
                dense,
                sparse: SparseTerms::of(&words),
                payload,
            }
        })
        .collect()
}

/// Replicas starting together sync one collection at the same moment: every one of them
/// starts (creating a collection a peer has just created is not an error), and the collection
/// ends whole, one point per scheme, whichever order their creates, upserts and stale-point
/// deletions interleave in. Then the same again after the embedder's dimension changed, where
/// each replica may also delete and recreate the collection under the others.
#[test]
fn replicas_syncing_one_collection_at_once_all_start_and_leave_it_whole() {
    let Some(url) = qdrant_url() else { return };
    let scratch = Dropper::fresh(&url);
    const REPLICAS: usize = 4;
    const SCHEMES: usize = 300;
    for dim in [8, 12] {
        let start = std::sync::Arc::new(std::sync::Barrier::new(REPLICAS));
        let replicas: Vec<_> = (0..REPLICAS)
            .map(|_| {
                let (url, collection, start) = (
                    url.clone(),
                    scratch.1.clone(),
                    std::sync::Arc::clone(&start),
                );
                std::thread::spawn(move || {
                    let mut index = QdrantIndex::connect(&url, &collection).unwrap();
                    start.wait();
                    index
                        .sync(dim, synthetic_points(SCHEMES, dim))
                        .map(|_report| index)
                })
            })
            .collect();
        for replica in replicas {
            let index = replica
                .join()
                .unwrap()
                .unwrap_or_else(|e| panic!("dimension {dim}: a replica failed to start: {e}"));
            assert_eq!(index.len(), SCHEMES);
        }
        let index = QdrantIndex::connect(&url, &scratch.1).unwrap();
        assert_eq!(
            index.count().unwrap(),
            SCHEMES as u64,
            "dimension {dim}: one point per scheme"
        );
        let mut query = vec![0.0; dim];
        query[5] = 1.0;
        let hits = index.nearest(&query, &VectorFilter::default(), 3).unwrap();
        assert_eq!(hits.len(), 3, "dimension {dim}: {hits:?}");
        assert!(
            hits.iter().all(|(id, _)| {
                let k: usize = id.trim_start_matches("scheme-").parse().unwrap();
                k % dim == 5
            }),
            "dimension {dim}: the nearest schemes point along axis 5: {hits:?}"
        );
    }
}

#[test]
fn an_unreachable_qdrant_stops_start_up_with_a_clear_message() {
    let mut s = common::settings(common::fixture_corpus());
    s.vector_backend = VectorBackend::Qdrant;
    s.qdrant_url = Some("http://127.0.0.1:9".into());
    let err = Engine::build(s).unwrap_err().to_string();
    assert!(err.contains("qdrant at http://127.0.0.1:9"), "{err}");
}

/// A publish sends Qdrant only what changed (issue 18): the engine rebuilt for a tree with one
/// scheme's summary edited upserts that scheme's point alone, an unchanged tree upserts
/// nothing, a deleted scheme's point is removed, and the rankings still agree with the
/// in-process index built from scratch on the same tree.
#[test]
fn a_publish_upserts_only_the_changed_point_and_deletes_a_removed_scheme() {
    use shien_navi::domain::corpus::CorpusTree;
    let Some(url) = qdrant_url() else { return };
    let scratch = Dropper::fresh(&url);
    let collection = scratch.1.clone();
    let remote = qdrant_app(
        &url,
        &collection,
        common::repo().join("corpus"),
        Fusion::Weighted,
    );
    let n = remote.corpus.schemes.len();
    let first = remote.build_report().qdrant.expect("synced with Qdrant");
    assert_eq!((first.upserted, first.unchanged, first.deleted), (n, 0, 0));
    let index = QdrantIndex::connect(&url, &collection).unwrap();
    let before = index.stored_points().unwrap();
    assert_eq!(before.len(), n);

    // The same tree again: nothing to send.
    let tree = CorpusTree::read(&common::repo().join("corpus")).unwrap();
    let same = remote.rebuilt(&tree).unwrap();
    let report = same.build_report().qdrant.unwrap();
    assert_eq!(
        (report.upserted, report.unchanged, report.deleted),
        (0, n, 0)
    );

    // One summary edited: that point alone is sent, with a new digest.
    let file = "schemes/ward/minato-yushi-sogyo.toml";
    let mut edited = tree.clone();
    let text = edited.get(file).unwrap().replacen(
        "区が利子の一部を負担する。",
        "区が利子の一部を負担する。ドローン撮影の事業者も対象。",
        1,
    );
    assert_ne!(text, tree.get(file).unwrap());
    edited.insert(file, text);
    let rebuilt = same.rebuilt(&edited).unwrap();
    let report = rebuilt.build_report().qdrant.unwrap();
    assert_eq!(report.upserted, 1, "{report:?}");
    assert_eq!(report.unchanged, n - 1);
    assert_eq!(
        report.average_length, first.average_length,
        "within tolerance"
    );
    let after = index.stored_points().unwrap();
    for (id, point) in &after {
        if id == "minato-yushi-sogyo" {
            assert_ne!(point.digest, before[id].digest, "the edited point changed");
        } else {
            assert_eq!(point, &before[id], "{id} untouched");
        }
    }
    let local = {
        let dir = tempfile::tempdir().unwrap();
        edited.write(dir.path()).unwrap();
        Engine::build(common::settings(dir.path().to_path_buf())).unwrap()
    };
    let none = SearchFilters::default();
    for q in QUERIES.iter().chain(&["ドローン撮影 融資"]) {
        for mode in [RankingMode::Dense, RankingMode::Hybrid] {
            let (r, l) = (
                top_ids(&rebuilt, q, mode, &none),
                top_ids(&local, q, mode, &none),
            );
            assert_eq!(r[..3], l[..3], "{mode:?} {q}: the top 3 agree");
        }
    }

    // A scheme deleted (one no other entry names, with its translations): its point goes.
    let (gone, deleted) = common::without_an_unnamed_scheme(&rebuilt.corpus, &edited);
    let smaller = rebuilt.rebuilt(&deleted).unwrap();
    let report = smaller.build_report().qdrant.unwrap();
    assert_eq!(report.deleted, 1, "{report:?}");
    assert_eq!(index.count().unwrap(), (n - 1) as u64);
    assert!(!index.stored_points().unwrap().contains_key(&gone));
    if report.average_length == first.average_length {
        assert_eq!(report.upserted, 0, "{report:?}");
    } else {
        assert_eq!(
            report.upserted,
            n - 1,
            "the average drifted: every point weighed again"
        );
    }
}
