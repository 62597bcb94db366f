//! Scale-out for real: two `shien serve` replicas on one PostgreSQL behind haproxy (Debian's
//! package). A multi-turn chat alternating between replicas keeps its context, a staff login
//! made on one replica works on the other, and `kill -9` of a replica during a wrk burst
//! through the balancer leaves no failed request and every acknowledged inquiry stored once.
//!
//! Two legs, one at a time: the replicas without an embedder (lexical ranking, vectors
//! nowhere), and, when QDRANT_URL names a Qdrant server's gRPC endpoint, the replicas with the
//! e5 embedder and their vectors in Qdrant (`SHIEN__VECTOR_BACKEND=qdrant`, a collection of the
//! test's own). The Qdrant leg starts both replicas at the same moment, so both sync the empty
//! collection at once, and checks as well that the collection holds one point per scheme and
//! that known searches are answered with vector similarities, which in that mode only Qdrant
//! holds.
//!
//! Runs when DATABASE_TEST_URL is set and `haproxy` and `wrk` are installed (`make scale`
//! installs them); says SKIPPED otherwise, and SKIPPED for the Qdrant leg without QDRANT_URL.
//! `SHIEN_SCALE_SECONDS` sets each burst (default 4; `make scale` uses 20) and the figures are
//! printed as `SCALE …` lines.

mod common;

use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::Duration;

use serde_json::{Value, json};
use shien_navi::index::QdrantIndex;
use shien_navi::store::Store;

/// Where the replicas' vectors live in one leg of the test.
enum Vectors {
    /// No embedder: lexical ranking, nothing shared but the database.
    None,
    /// e5 vectors in one Qdrant collection that every replica syncs and searches.
    Qdrant { url: String, collection: String },
}

impl Vectors {
    fn name(&self) -> &'static str {
        match self {
            Vectors::None => "none",
            Vectors::Qdrant { .. } => "qdrant",
        }
    }

    /// The settings a replica gets, as an operator would give them.
    fn env(&self) -> Vec<(&'static str, String)> {
        match self {
            Vectors::None => vec![
                ("SHIEN__EMBEDDER", "none".into()),
                ("SHIEN__RANKING", "bm25".into()),
            ],
            Vectors::Qdrant { url, collection } => vec![
                ("SHIEN__EMBEDDER", "e5".into()),
                ("SHIEN__RANKING", "hybrid".into()),
                ("SHIEN__VECTOR_BACKEND", "qdrant".into()),
                ("QDRANT_URL", url.clone()),
                ("SHIEN__QDRANT_COLLECTION", collection.clone()),
            ],
        }
    }
}

/// Deletes the Qdrant leg's collection when the leg ends, passed or not. On a thread of its
/// own: the index's client runtime cannot be dropped inside the test's runtime.
struct DropCollection(String, String);

impl Drop for DropCollection {
    fn drop(&mut self) {
        let (url, collection) = (self.0.clone(), self.1.clone());
        let _ = std::thread::spawn(move || {
            if let Ok(index) = QdrantIndex::connect(&url, &collection) {
                let _ = index.drop_collection();
            }
        })
        .join();
    }
}

/// Points in a Qdrant collection, asked from a blocking thread for the same reason.
async fn qdrant_points(url: &str, collection: &str) -> u64 {
    let (url, collection) = (url.to_string(), collection.to_string());
    tokio::task::spawn_blocking(move || {
        QdrantIndex::connect(&url, &collection)
            .and_then(|index| index.count())
            .unwrap()
    })
    .await
    .unwrap()
}

struct Replica {
    child: Child,
    base: String,
    spool_dir: PathBuf,
}

impl Drop for Replica {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// Starts a replica without waiting for it, so that several can start (and sync their vector
/// store) at the same moment; `up` waits for its address.
fn spawn_replica(url: &str, spool_dir: &Path, vectors: &Vectors) -> Replica {
    let child = Command::new(env!("CARGO_BIN_EXE_shien"))
        .current_dir(common::repo())
        .args(["serve", "--bind", "127.0.0.1:0"])
        .env("SHIEN__DATABASE_URL", url)
        .env("SHIEN__CORPUS_DIR", common::repo().join("corpus"))
        .envs(vectors.env())
        .env("SHIEN__RATE_LIMIT_PER_MINUTE", "0")
        .env("SHIEN__SPOOL_DIR", spool_dir)
        .env("SHIEN_LOG", "warn")
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .expect("the shien binary starts");
    Replica {
        child,
        base: String::new(),
        spool_dir: spool_dir.to_path_buf(),
    }
}

impl Replica {
    fn up(mut self) -> Replica {
        self.base = common::printed_url(&mut self.child, Duration::from_secs(300));
        self
    }
}

struct Balancer {
    child: Child,
    base: String,
}

impl Drop for Balancer {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

/// haproxy, round robin, health checks on /healthz; a request whose replica fails before
/// answering (refused connection, connection closed without a response) is retried once on the
/// other replica. Inquiry ids are made per request, so a retried search is a new inquiry and
/// never a duplicate of an acknowledged one.
fn start_balancer(dir: &Path, replicas: &[&Replica]) -> Balancer {
    let port = free_port();
    let mut cfg = format!(
        "global\n  maxconn 4096\ndefaults\n  mode http\n  timeout connect 1s\n  timeout client 30s\n  timeout server 30s\n  retries 2\n  option redispatch 1\n  retry-on conn-failure empty-response\nfrontend shien\n  bind 127.0.0.1:{port}\n  default_backend replicas\nbackend replicas\n  balance roundrobin\n  option httpchk GET /healthz\n"
    );
    for (k, r) in replicas.iter().enumerate() {
        let addr = r.base.trim_start_matches("http://");
        cfg.push_str(&format!(
            "  server r{k} {addr} check inter 300 fall 1 rise 2\n"
        ));
    }
    let file = dir.join("haproxy.cfg");
    std::fs::write(&file, cfg).unwrap();
    let child = Command::new("haproxy")
        .args(["-db", "-f"])
        .arg(&file)
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("haproxy starts");
    Balancer {
        child,
        base: format!("http://127.0.0.1:{port}"),
    }
}

async fn wait_until_up(client: &reqwest::Client, base: &str) {
    for _ in 0..200 {
        if let Ok(r) = client.get(format!("{base}/healthz")).send().await
            && r.status() == 200
        {
            return;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    panic!("{base} did not come up");
}

async fn chat(client: &reqwest::Client, base: &str, session: Option<&str>, message: &str) -> Value {
    let mut body = json!({ "message": message });
    if let Some(s) = session {
        body["session_id"] = json!(s);
    }
    let r = client
        .post(format!("{base}/api/v1/chat"))
        .json(&body)
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 200);
    r.json().await.unwrap()
}

fn cites(reply: &Value, id: &str) -> bool {
    reply["citations"]
        .as_array()
        .is_some_and(|c| c.iter().any(|c| c["id"] == id))
}

fn installed(tool: &str) -> bool {
    Command::new("sh")
        .args(["-c", &format!("command -v {tool}")])
        .stdout(Stdio::null())
        .status()
        .is_ok_and(|s| s.success())
}

async fn health(client: &reqwest::Client, base: &str) -> Value {
    client
        .get(format!("{base}/healthz"))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap()
}

async fn pending(client: &reqwest::Client, base: &str) -> u64 {
    health(client, base).await["inquiry_log"]["pending_in_spool"]
        .as_u64()
        .unwrap()
}

/// Searches whose scheme is known, on each of `bases`. With vectors in Qdrant the scheme's best
/// passage is also its Japanese one, whose vector only Qdrant holds in that mode (the replicas
/// keep the translated views' vectors in memory): were Qdrant not answering, the Japanese
/// passage would score 0, a view would be the best, and the similarity would be about halved.
async fn answers_known_searches(client: &reqwest::Client, bases: &[&str], vectors: &Vectors) {
    const KNOWN: &[(&str, &str)] = &[
        ("港区 創業 融資 あっせん", "minato-yushi-sogyo"),
        ("開業前でも区の創業融資は使えますか", "minato-yushi-sogyo"),
    ];
    for base in bases {
        for (query, scheme) in KNOWN {
            let r = client
                .post(format!("{base}/api/v1/search"))
                .json(&json!({ "query": query, "top_k": 5 }))
                .send()
                .await
                .unwrap();
            assert_eq!(r.status(), 200);
            let body: Value = r.json().await.unwrap();
            let hit = body["results"]
                .as_array()
                .unwrap()
                .iter()
                .find(|h| h["id"] == *scheme)
                .unwrap_or_else(|| panic!("{query:?} on {base} finds {scheme}: {body}"));
            if let Vectors::Qdrant { .. } = vectors {
                let explanation = &hit["explanation"];
                assert!(
                    explanation["vector"].as_f64().unwrap() > 0.5
                        && explanation["vector_view"] == "ja",
                    "{query:?} on {base}: {scheme} scored by its vector in Qdrant: {explanation}"
                );
            }
        }
    }
}

/// One leg at a time: two bursts at once would measure each other.
static ONE_LEG_AT_A_TIME: tokio::sync::Mutex<()> = tokio::sync::Mutex::const_new(());

/// The PostgreSQL URL when the scale-out test can run here; says why not otherwise.
fn prerequisites(leg: &str) -> Option<String> {
    let Ok(base_url) = std::env::var("DATABASE_TEST_URL") else {
        eprintln!("SKIPPED: {leg} (set DATABASE_TEST_URL=postgres://postgres@127.0.0.1:5432/test)");
        return None;
    };
    if !installed("haproxy") || !installed("wrk") {
        eprintln!("SKIPPED: {leg} (needs haproxy and wrk: apt-get install haproxy wrk)");
        return None;
    }
    Some(base_url)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn two_replicas_behind_haproxy_share_state_and_lose_nothing_when_one_is_killed() {
    let Some(base_url) = prerequisites("scale-out test") else {
        return;
    };
    let _one = ONE_LEG_AT_A_TIME.lock().await;
    scale_out(&base_url, Vectors::None).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn the_same_with_the_replicas_vectors_in_one_qdrant_collection() {
    let Some(qdrant) = std::env::var("QDRANT_URL")
        .ok()
        .filter(|u| !u.trim().is_empty())
    else {
        eprintln!(
            "SKIPPED: the Qdrant leg of the scale-out test (set QDRANT_URL=http://127.0.0.1:6334, \
             the gRPC port of a Qdrant server you run; README \"Scale-out\")"
        );
        return;
    };
    let Some(base_url) = prerequisites("the Qdrant leg of the scale-out test") else {
        return;
    };
    let collection = format!("shien_scale_{}", uuid::Uuid::new_v4().simple());
    let (url, name) = (qdrant.clone(), collection.clone());
    if let Err(e) = tokio::task::spawn_blocking(move || QdrantIndex::connect(&url, &name).map(drop))
        .await
        .unwrap()
    {
        panic!("QDRANT_URL is set but the replicas could not use it: {e}");
    }
    let _dropped = DropCollection(qdrant.clone(), collection.clone());
    let _one = ONE_LEG_AT_A_TIME.lock().await;
    scale_out(
        &base_url,
        Vectors::Qdrant {
            url: qdrant,
            collection,
        },
    )
    .await;
}

async fn scale_out(base_url: &str, vectors: Vectors) {
    let seconds: u64 = std::env::var("SHIEN_SCALE_SECONDS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(4);
    let schema = format!("shien_scale_{}", uuid::Uuid::new_v4().simple());
    let admin = sqlx::postgres::PgPool::connect(base_url)
        .await
        .expect("PostgreSQL reachable");
    sqlx::query(&format!("CREATE SCHEMA {schema}"))
        .execute(&admin)
        .await
        .unwrap();
    let sep = if base_url.contains('?') { '&' } else { '?' };
    let url = format!("{base_url}{sep}options=-c%20search_path%3D{schema}");
    let store = Store::connect(&url).await.unwrap();
    let password = "scale-test-password-1";
    store
        .create_user(
            "scale-staff",
            &shien_navi::app::staff::hash_password(password).unwrap(),
        )
        .await
        .unwrap();

    // Both replicas start at once: with Qdrant, both bring the same empty collection in line
    // with the corpus at the same moment.
    let dir = tempfile::tempdir().unwrap();
    let r0 = spawn_replica(&url, &dir.path().join("r0"), &vectors);
    let r1 = spawn_replica(&url, &dir.path().join("r1"), &vectors);
    let (r0, mut r1) = (r0.up(), r1.up());
    let balancer = start_balancer(dir.path(), &[&r0, &r1]);
    let client = reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .timeout(Duration::from_secs(20))
        .build()
        .unwrap();
    wait_until_up(&client, &balancer.base).await;
    let schemes = health(&client, &r0.base).await["schemes"].as_u64().unwrap();
    if let Vectors::Qdrant { url, collection } = &vectors {
        assert_eq!(
            qdrant_points(url, collection).await,
            schemes,
            "one point per scheme after two replicas synced the collection at once"
        );
    }
    answers_known_searches(&client, &[&r0.base, &r1.base, &balancer.base], &vectors).await;

    // A multi-turn chat alternating replicas, directly and then through the balancer.
    let first = chat(
        &client,
        &r0.base,
        None,
        "開業前でも区の創業融資は使えますか",
    )
    .await;
    let session = first["session_id"].as_str().unwrap().to_string();
    let mut discussed: Option<String> = None;
    let turns = [
        (&r1.base, "それは個人事業主でも使えますか？"),
        (&r0.base, "それはいくらまでですか"),
        (&r1.base, "その制度の申し込みはどこですか"),
        (&balancer.base, "それは開業前でも使えますか"),
        (&balancer.base, "それの締切はいつですか"),
    ];
    for (base, message) in turns {
        let r = chat(&client, base, Some(&session), message).await;
        assert_eq!(r["session_id"], session.as_str(), "{r}");
        // A follow-up answer names the scheme discussed (「…」は…) and cites it: the one the
        // first replica's answer listed first, and the same on every later turn.
        let cited = r["citations"][0]["id"]
            .as_str()
            .unwrap_or_default()
            .to_string();
        let expected = discussed.get_or_insert_with(|| cited.clone()).clone();
        assert!(
            cites(&first, &expected)
                && cited == expected
                && r["reply"].as_str().unwrap().starts_with('「'),
            "turn {message:?} on {base} kept the context: {r}"
        );
    }

    // Staff login on one replica, the console on the other.
    let login_page = client
        .get(format!("{}/admin/login", r0.base))
        .send()
        .await
        .unwrap();
    let csrf_cookie = login_page
        .headers()
        .get_all("set-cookie")
        .iter()
        .map(|v| v.to_str().unwrap().split(';').next().unwrap().to_string())
        .collect::<Vec<_>>()
        .join("; ");
    let csrf = common::hidden(&login_page.text().await.unwrap(), "csrf");
    let login = client
        .post(format!("{}/admin/login", r0.base))
        .header("cookie", &csrf_cookie)
        .form(&[
            ("username", "scale-staff"),
            ("password", password),
            ("csrf", csrf.as_str()),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(login.status(), 303, "logged in on the first replica");
    let session_cookie = login
        .headers()
        .get_all("set-cookie")
        .iter()
        .map(|v| v.to_str().unwrap().split(';').next().unwrap().to_string())
        .find(|c| c.starts_with("shien_staff=") && c.len() > "shien_staff=".len())
        .expect("a staff session cookie");
    for base in [&r1.base, &balancer.base, &balancer.base] {
        let r = client
            .get(format!("{base}/admin"))
            .header("cookie", &session_cookie)
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), 200, "the console on {base} knows the login");
    }

    // kill -9 of one replica half-way through a wrk burst through the balancer.
    let ids_file = dir.path().join("acknowledged");
    let wrk = Command::new("wrk")
        .current_dir(common::repo())
        .args(["-t2", "-c16", &format!("-d{seconds}s"), "--timeout", "10s"])
        .args(["-s", "tests/load/ack.lua", &balancer.base, "--"])
        .args(["/api/v1/search", "tests/load/search.jsonl"])
        .arg(&ids_file)
        .stdout(Stdio::piped())
        .spawn()
        .expect("wrk starts");
    tokio::time::sleep(Duration::from_millis(seconds * 500)).await;
    r1.child.kill().unwrap();
    r1.child.wait().unwrap();
    let out = tokio::task::spawn_blocking(move || wrk.wait_with_output().unwrap())
        .await
        .unwrap();
    let summary = String::from_utf8_lossy(&out.stdout).into_owned();
    let line = summary
        .lines()
        .find(|l| l.starts_with("SCALE"))
        .unwrap_or_else(|| panic!("wrk summary: {summary}"))
        .to_string();
    let figure = |key: &str| -> f64 {
        line.split_whitespace()
            .find_map(|kv| kv.strip_prefix(&format!("{key}=")))
            .unwrap()
            .parse()
            .unwrap()
    };
    let mut acknowledged = Vec::new();
    for k in 1..=2 {
        if let Ok(text) = std::fs::read_to_string(format!("{}.{k}", ids_file.display())) {
            acknowledged.extend(text.lines().map(str::to_string));
        }
    }

    // The killed replica comes back on its spool and flushes it; then count.
    let spool_dir = r1.spool_dir.clone();
    drop(r1);
    let r1 = spawn_replica(&url, &spool_dir, &vectors).up();
    if let Vectors::Qdrant { url, collection } = &vectors {
        // The restarted replica synced the collection again while the other one served.
        assert_eq!(qdrant_points(url, collection).await, schemes);
        answers_known_searches(&client, &[&r1.base, &r0.base], &vectors).await;
    }
    for base in [&r0.base, &r1.base] {
        for _ in 0..100 {
            if pending(&client, base).await == 0 {
                break;
            }
            tokio::time::sleep(Duration::from_millis(200)).await;
        }
    }
    let mut lost = Vec::new();
    let mut duplicated = 0;
    for id in &acknowledged {
        let n: i64 = sqlx::query_scalar(&format!(
            "SELECT COUNT(*) FROM {schema}.inquiries WHERE id = $1"
        ))
        .bind(id)
        .fetch_one(&admin)
        .await
        .unwrap();
        match n {
            0 => lost.push(id.clone()),
            1 => {}
            _ => duplicated += 1,
        }
    }
    let failures = figure("socket_errors") + figure("non_2xx");
    eprintln!(
        "SCALE replicas=2 balancer=haproxy vectors={} seconds={seconds} requests={} acknowledged={} failures={failures} lost={} duplicated={duplicated} p50_ms={} p99_ms={}",
        vectors.name(),
        figure("requests"),
        acknowledged.len(),
        lost.len(),
        figure("p50_ms"),
        figure("p99_ms")
    );
    drop(balancer);
    drop(r0);
    drop(r1);
    assert!(acknowledged.len() > 20, "the burst was answered: {line}");
    assert!(
        lost.is_empty(),
        "{} acknowledged inquiries lost, e.g. {:?}",
        lost.len(),
        &lost[..lost.len().min(3)]
    );
    assert_eq!(duplicated, 0);
    assert_eq!(
        failures, 0.0,
        "haproxy retried every request the killed replica did not answer: {line}"
    );
    sqlx::query(&format!("DROP SCHEMA {schema} CASCADE"))
        .execute(&admin)
        .await
        .unwrap();
}
