//! Scale-out for real: two `shien serve` replicas on one PostgreSQL behind haproxy (Debian's
//! package). A multi-turn chat alternating between replicas keeps its context, a staff login
//! made on one replica works on the other, and `kill -9` of a replica during a wrk burst
//! through the balancer leaves no failed request and every acknowledged inquiry stored once.
//!
//! Runs when DATABASE_TEST_URL is set and `haproxy` and `wrk` are installed (`make scale`
//! installs them); says SKIPPED otherwise. `SHIEN_SCALE_SECONDS` sets the burst (default 4;
//! `make scale` uses 20) and the figures are printed as `SCALE …` lines.

mod common;

use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::Duration;

use serde_json::{Value, json};
use shien_navi::store::Store;

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

fn start_replica(url: &str, spool_dir: &Path) -> Replica {
    let mut child = Command::new(env!("CARGO_BIN_EXE_shien"))
        .current_dir(common::repo())
        .args(["serve", "--bind", "127.0.0.1:0"])
        .env("SHIEN__DATABASE_URL", url)
        .env("SHIEN__CORPUS_DIR", common::repo().join("corpus"))
        .env("SHIEN__EMBEDDER", "none")
        .env("SHIEN__RANKING", "bm25")
        .env("SHIEN__RATE_LIMIT_PER_MINUTE", "0")
        .env("SHIEN__SPOOL_DIR", spool_dir)
        .env("SHIEN_LOG", "warn")
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .expect("the shien binary starts");
    let base = common::printed_url(&mut child, Duration::from_secs(120));
    Replica {
        child,
        base,
        spool_dir: spool_dir.to_path_buf(),
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

async fn pending(client: &reqwest::Client, base: &str) -> u64 {
    let h: Value = client
        .get(format!("{base}/healthz"))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    h["inquiry_log"]["pending_in_spool"].as_u64().unwrap()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn two_replicas_behind_haproxy_share_state_and_lose_nothing_when_one_is_killed() {
    let Ok(base_url) = std::env::var("DATABASE_TEST_URL") else {
        eprintln!(
            "SKIPPED: scale-out test (set DATABASE_TEST_URL=postgres://postgres@127.0.0.1:5432/test)"
        );
        return;
    };
    if !installed("haproxy") || !installed("wrk") {
        eprintln!("SKIPPED: scale-out test (needs haproxy and wrk: apt-get install haproxy wrk)");
        return;
    }
    let seconds: u64 = std::env::var("SHIEN_SCALE_SECONDS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(4);
    let schema = format!("shien_scale_{}", uuid::Uuid::new_v4().simple());
    let admin = sqlx::postgres::PgPool::connect(&base_url)
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

    let dir = tempfile::tempdir().unwrap();
    let r0 = start_replica(&url, &dir.path().join("r0"));
    let mut r1 = start_replica(&url, &dir.path().join("r1"));
    let balancer = start_balancer(dir.path(), &[&r0, &r1]);
    let client = reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .timeout(Duration::from_secs(20))
        .build()
        .unwrap();
    wait_until_up(&client, &balancer.base).await;

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
    let r1 = start_replica(&url, &spool_dir);
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
        "SCALE replicas=2 balancer=haproxy seconds={seconds} requests={} acknowledged={} failures={failures} lost={} duplicated={duplicated} p50_ms={} p99_ms={}",
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
