//! Faults: the inquiry-log database going away or read-only mid-run (PostgreSQL, when
//! DATABASE_TEST_URL is set), `kill -9` of the real binary during bursts of logged requests,
//! and corrupt model or dictionary files at start-up.

mod common;

use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use shien_navi::store::Store;

fn shien() -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_shien"));
    c.current_dir(common::repo())
        .env("SHIEN__LOG_FORMAT", "text")
        .env("SHIEN_LOG", "warn");
    c
}

/// Starts `shien serve` on a free port and returns it with its base URL once it listens.
fn start_server(database: &Path) -> (Child, String) {
    let mut child = shien()
        .args(["serve", "--bind", "127.0.0.1:0"])
        .env(
            "SHIEN__DATABASE_URL",
            format!("sqlite://{}", database.display()),
        )
        .env("SHIEN__CORPUS_DIR", common::fixture_corpus())
        .env("SHIEN__EMBEDDER", "none")
        .env("SHIEN__RATE_LIMIT_PER_MINUTE", "1000000")
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .expect("the shien binary starts");
    let base = common::printed_url(&mut child, Duration::from_secs(60));
    (child, base)
}

async fn acknowledged_searches(
    client: &reqwest::Client,
    base: &str,
    worker: usize,
    stop: Instant,
) -> Vec<String> {
    let mut ids = Vec::new();
    let mut k = 0;
    while Instant::now() < stop {
        k += 1;
        let body = serde_json::json!({"query": format!("創業 補助金 {worker}-{k}")});
        let Ok(r) = client
            .post(format!("{base}/api/v1/search"))
            .json(&body)
            .send()
            .await
        else {
            break;
        };
        if r.status() != 200 {
            continue;
        }
        let Ok(v) = r.json::<serde_json::Value>().await else {
            break;
        };
        if let Some(id) = v["inquiry_id"].as_str() {
            ids.push(id.to_string());
        }
    }
    ids
}

/// Every response the client received means the inquiry is stored (or spooled, then stored
/// after restart): killing the server with SIGKILL mid-burst must not lose any of them.
#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn kill_9_during_bursts_loses_no_acknowledged_inquiry() {
    let rounds: usize = std::env::var("SHIEN_KILL_ROUNDS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(50);
    let dir = tempfile::tempdir().unwrap();
    let database = dir.path().join("log.sqlite");
    let client = reqwest::Client::builder()
        .timeout(Duration::from_secs(10))
        .build()
        .unwrap();
    let mut acknowledged = Vec::new();
    for round in 0..rounds {
        let (mut child, base) = start_server(&database);
        let stop = Instant::now() + Duration::from_millis(150 + (round as u64 * 37) % 250);
        let workers: Vec<_> = (0..6)
            .map(|w| {
                tokio::spawn({
                    let (client, base) = (client.clone(), base.clone());
                    async move { acknowledged_searches(&client, &base, w, stop).await }
                })
            })
            .collect();
        // SIGKILL while the burst is still running.
        tokio::time::sleep_until((stop - Duration::from_millis(40)).into()).await;
        child.kill().unwrap();
        child.wait().unwrap();
        for w in workers {
            acknowledged.extend(w.await.unwrap());
        }
    }
    assert!(
        acknowledged.len() >= rounds * 5,
        "the bursts were answered ({} acknowledged)",
        acknowledged.len()
    );

    // A last start retries whatever was spooled; then every acknowledged inquiry is stored.
    let (mut child, base) = start_server(&database);
    let deadline = Instant::now() + Duration::from_secs(30);
    loop {
        let health: serde_json::Value = client
            .get(format!("{base}/healthz"))
            .send()
            .await
            .unwrap()
            .json()
            .await
            .unwrap();
        if health["inquiry_log"]["pending_in_spool"] == 0 || Instant::now() > deadline {
            break;
        }
        tokio::time::sleep(Duration::from_millis(200)).await;
    }
    let store = Store::connect(&format!("sqlite://{}", database.display()))
        .await
        .unwrap();
    let mut missing = Vec::new();
    for id in &acknowledged {
        if !store.inquiry_exists(id).await.unwrap() {
            missing.push(id.clone());
        }
    }
    let integrity: String = sqlx::query_scalar("PRAGMA integrity_check")
        .fetch_one(store.pool())
        .await
        .unwrap();
    child.kill().unwrap();
    child.wait().unwrap();
    assert_eq!(integrity, "ok");
    assert!(
        missing.is_empty(),
        "{} of {} acknowledged inquiries lost after {rounds} kills, e.g. {:?}",
        missing.len(),
        acknowledged.len(),
        &missing[..missing.len().min(3)]
    );
    eprintln!(
        "kill -9 ×{rounds}: {} acknowledged inquiries, all present, integrity ok",
        acknowledged.len()
    );
}

/// A database of its own for this test, so it can be taken away without touching others.
async fn scratch_database(base: &str) -> Option<(sqlx::PgPool, String, String)> {
    let admin = sqlx::PgPool::connect(base).await.ok()?;
    let name = format!("shien_fault_{}", uuid::Uuid::new_v4().simple());
    sqlx::query(&format!("CREATE DATABASE {name}"))
        .execute(&admin)
        .await
        .unwrap();
    let (prefix, _) = base.rsplit_once('/').unwrap();
    Some((admin, name.clone(), format!("{prefix}/{name}")))
}

async fn cut_off(admin: &sqlx::PgPool, name: &str) {
    sqlx::query(&format!("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '{name}' AND pid <> pg_backend_pid()")).execute(admin).await.unwrap();
}

async fn chat(server: &common::TestServer, text: &str) -> String {
    let (status, body) = server
        .post_json("/api/v1/chat", serde_json::json!({"message": text}))
        .await;
    assert_eq!(
        status, 200,
        "answered while the database is in trouble: {body}"
    );
    body["inquiry_id"].as_str().unwrap().to_string()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn postgres_going_away_and_read_only_mid_run_loses_nothing() {
    let Ok(base) = std::env::var("DATABASE_TEST_URL") else {
        eprintln!(
            "SKIPPED: PostgreSQL fault test (set DATABASE_TEST_URL=postgres://postgres@127.0.0.1:5432/test)"
        );
        return;
    };
    let (admin, name, url) = scratch_database(&base).await.expect("PostgreSQL reachable");
    let mut app = common::fixture_app();
    app.settings.database_url = shien_navi::config::Secret::new(url.clone());
    app.settings.rate_limit_per_minute = 1_000_000;
    let server =
        common::spawn_with_state(shien_navi::http::AppState::new(app).await.unwrap(), None).await;
    let mut ids = Vec::new();
    for k in 0..4 {
        ids.push(
            chat(
                &server,
                &format!("創業したいのですが補助金はありますか {k}"),
            )
            .await,
        );
    }

    // Unavailable: no new connections, existing ones killed.
    sqlx::query(&format!(
        "ALTER DATABASE {name} WITH ALLOW_CONNECTIONS false"
    ))
    .execute(&admin)
    .await
    .unwrap();
    cut_off(&admin, &name).await;
    for k in 0..6 {
        ids.push(chat(&server, &format!("融資の相談をしたい {k}")).await);
    }
    let health: serde_json::Value = server
        .client
        .get(server.url("/healthz"))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(health["database"], "unavailable", "{health}");
    assert!(
        health["inquiry_log"]["pending_in_spool"].as_u64().unwrap() >= 6,
        "{health}"
    );

    // Back, but read-only: inserts still fail and keep being spooled.
    sqlx::query(&format!(
        "ALTER DATABASE {name} WITH ALLOW_CONNECTIONS true"
    ))
    .execute(&admin)
    .await
    .unwrap();
    sqlx::query(&format!(
        "ALTER DATABASE {name} SET default_transaction_read_only = on"
    ))
    .execute(&admin)
    .await
    .unwrap();
    cut_off(&admin, &name).await;
    for k in 0..4 {
        ids.push(chat(&server, &format!("補助金の締め切りはいつ {k}")).await);
    }
    server.state.app.flush_log().await;
    assert!(
        server.state.app.log_counts().pending_in_spool >= 10,
        "{:?}",
        server.state.app.log_counts()
    );

    // Writable again: the spool is flushed and the database holds exactly what was acknowledged.
    sqlx::query(&format!(
        "ALTER DATABASE {name} RESET default_transaction_read_only"
    ))
    .execute(&admin)
    .await
    .unwrap();
    cut_off(&admin, &name).await;
    let deadline = Instant::now() + Duration::from_secs(30);
    while server.state.app.log_counts().pending_in_spool > 0 && Instant::now() < deadline {
        server.state.app.flush_log().await;
        tokio::time::sleep(Duration::from_millis(200)).await;
    }
    let counts = server.state.app.log_counts();
    assert_eq!(counts.pending_in_spool, 0, "{counts:?}");
    let store = Store::connect(&url).await.unwrap();
    for id in &ids {
        assert!(store.inquiry_exists(id).await.unwrap(), "{id} lost");
    }
    assert_eq!(
        store.count_inquiries().await.unwrap(),
        ids.len() as i64,
        "every acknowledged chat stored once"
    );
    store.pool().close().await;
    cut_off(&admin, &name).await;
    sqlx::query(&format!("DROP DATABASE IF EXISTS {name} WITH (FORCE)"))
        .execute(&admin)
        .await
        .unwrap();
}

fn start_up_error(models: &Path, embedder: &str) -> String {
    let dir = tempfile::tempdir().unwrap();
    let out = shien()
        .args(["serve", "--bind", "127.0.0.1:0"])
        .env("SHIEN__MODELS_DIR", models)
        .env("SHIEN__EMBEDDER", embedder)
        .env(
            "SHIEN__DATABASE_URL",
            format!("sqlite://{}/log.sqlite", dir.path().display()),
        )
        .stdin(Stdio::null())
        .output()
        .unwrap();
    assert!(!out.status.success(), "the server must refuse to start");
    String::from_utf8_lossy(&out.stderr).into_owned()
}

#[test]
fn corrupt_or_missing_models_stop_the_server_with_a_clear_message() {
    let models = tempfile::tempdir().unwrap();
    let ipadic = models.path().join("ipadic");
    std::fs::create_dir_all(&ipadic).unwrap();
    let err = start_up_error(models.path(), "e5");
    assert!(
        err.contains("ipadic") && err.contains("shien setup"),
        "missing dictionary: {err}"
    );

    for f in std::fs::read_dir(common::repo().join("models/ipadic"))
        .unwrap()
        .flatten()
    {
        std::fs::copy(f.path(), ipadic.join(f.file_name())).unwrap();
    }
    let trie = std::fs::read_dir(&ipadic)
        .unwrap()
        .flatten()
        .map(|e| e.path())
        .find(|p| {
            p.file_name()
                .unwrap()
                .to_string_lossy()
                .starts_with("dict.trie")
        })
        .unwrap();
    let good = std::fs::read(&trie).unwrap();
    std::fs::write(&trie, b"garbage").unwrap();
    let err = start_up_error(models.path(), "e5");
    assert!(err.contains("unusable"), "corrupt dictionary: {err}");
    std::fs::write(&trie, good).unwrap();

    let chive = models.path().join("chive");
    std::fs::create_dir_all(&chive).unwrap();
    std::fs::write(chive.join("vectors"), b"\x93NUMPY garbage").unwrap();
    std::fs::write(chive.join("key2row"), b"").unwrap();
    let err = start_up_error(models.path(), "static");
    assert!(err.contains("vectors"), "corrupt word vectors: {err}");

    // The default encoder: missing, then cut short, then not an E5S1 file at all.
    let err = start_up_error(models.path(), "e5");
    assert!(
        err.contains("e5-small-q4.bin") && err.contains("make setup"),
        "missing e5 model: {err}"
    );
    let e5 = models.path().join("e5");
    std::fs::create_dir_all(&e5).unwrap();
    let real = std::fs::read(common::repo().join("models/e5/e5-small-q4.bin")).unwrap();
    std::fs::write(e5.join("e5-small-q4.bin"), &real[..real.len() / 2]).unwrap();
    let err = start_up_error(models.path(), "e5");
    assert!(
        err.contains("e5-small-q4.bin") && err.contains("past the end"),
        "truncated e5 model: {err}"
    );
    std::fs::write(e5.join("e5-small-q4.bin"), b"GGUF and then nothing useful").unwrap();
    let err = start_up_error(models.path(), "e5");
    assert!(
        err.contains("e5-small-q4.bin") && err.contains("magic"),
        "foreign e5 model file: {err}"
    );
}

#[test]
fn a_missing_tls_certificate_stops_the_server_naming_the_file() {
    let dir = tempfile::tempdir().unwrap();
    let out = shien()
        .args(["serve", "--bind", "127.0.0.1:0"])
        .env("SHIEN__EMBEDDER", "none")
        .env("SHIEN__TLS_CERT", dir.path().join("no-cert.pem"))
        .env("SHIEN__TLS_KEY", dir.path().join("no-key.pem"))
        .env(
            "SHIEN__DATABASE_URL",
            format!("sqlite://{}/log.sqlite", dir.path().display()),
        )
        .output()
        .unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(!out.status.success());
    assert!(
        err.contains("tls_cert") && err.contains("no-cert.pem"),
        "{err}"
    );
}

#[test]
fn a_report_piped_into_a_reader_that_stops_early_ends_quietly() {
    // As in `shien corpus check | head -1` once head has exited: the pipe's reader is gone.
    let (reader, writer) = std::io::pipe().unwrap();
    drop(reader);
    let out = shien()
        .args(["corpus", "check"])
        .env("SHIEN__CORPUS_DIR", common::repo().join("corpus"))
        .stdout(writer)
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(!stderr.contains("panicked"), "{stderr}");
    #[cfg(unix)]
    {
        use std::os::unix::process::ExitStatusExt;
        assert_eq!(out.status.signal(), Some(libc::SIGPIPE), "{:?}", out.status);
    }
}
