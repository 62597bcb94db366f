//! Hostile but valid text, on both backends: a seeded generator sends random Unicode (control
//! characters, NUL, combining marks, emoji, surrogate-pair and lone-surrogate JSON escapes,
//! very long strings) to every public endpoint. Each answer is a 2xx or a clear 4xx (JSON
//! `{error, message}` from the API), and afterwards the inquiry log took everything:
//! accepted == written, nothing rejected, nothing waiting in the spool. SQLite always;
//! PostgreSQL when DATABASE_TEST_URL is set. `SHIEN_UNICODE_CASES` changes the count.

mod common;

use serde_json::Value;

/// SplitMix64: a fixed sequence for a fixed seed, whatever the `rand` version.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }

    fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }
}

/// One piece of a JSON string literal's body (already escaped), and whether it is valid JSON
/// on its own.
fn piece(rng: &mut Rng) -> (String, bool) {
    const WORDS: &[&str] = &[
        "創業",
        "融資",
        "補助金",
        "ホームページ",
        "ｿﾌﾄｳｪｱ",
        "個人事業主",
        "港区",
        "IT",
        "税理士",
        "090-1234-5678",
        "a@b.jp",
        "それは",
        "\\\"",
        "\\\\",
        "\\/",
        "<script>",
        "%00",
        "'; DROP",
    ];
    match rng.below(14) {
        0 => ("\\u0000".into(), true),
        // Other C0 and C1 controls and DEL, as escapes.
        1 => {
            let c = *rng.pick(&[1u32, 7, 8, 0x0b, 0x0c, 0x1b, 0x1f, 0x7f, 0x80, 0x85, 0x9f]);
            (format!("\\u{c:04x}"), true)
        }
        2 => (
            rng.pick(&["\\t", "\\n", "\\r", "\\b", "\\f"]).to_string(),
            true,
        ),
        // Combining marks, alone or stacked.
        3 => (
            "\u{301}\u{308}\u{3099}\u{20dd}"
                .chars()
                .take(1 + rng.below(4))
                .collect(),
            true,
        ),
        4 => (rng.pick(&["😀", "👨‍👩‍👧", "🇯🇵", "🏳️‍🌈", "𠮷"]).to_string(), true),
        // A surrogate pair as escapes: valid JSON for a character outside the BMP.
        5 => (
            rng.pick(&["\\ud83d\\ude00", "\\uD842\\uDFB7", "\\udbff\\udfff"])
                .to_string(),
            true,
        ),
        // A lone surrogate: not a character; the JSON parser must refuse it cleanly.
        6 if rng.below(4) == 0 => (rng.pick(&["\\ud800", "\\udfff"]).to_string(), false),
        // Noncharacters, BOM, bidi and zero-width characters, private use.
        7 => (
            rng.pick(&[
                "\u{fffe}",
                "\u{ffff}",
                "\u{feff}",
                "\u{202e}",
                "\u{200b}",
                "\u{e000}",
                "\u{10ffff}",
            ])
            .to_string(),
            true,
        ),
        8 => (" ".repeat(1 + rng.below(3)), true),
        9 => ("\u{3000}".into(), true),
        _ => (rng.pick(WORDS).to_string(), true),
    }
}

/// A JSON string literal (with its quotes) and whether the document stays valid JSON.
fn text(rng: &mut Rng) -> (String, bool) {
    let long = rng.below(12) == 0;
    let n = if long {
        300 + rng.below(1200)
    } else {
        rng.below(12)
    };
    let mut body = String::new();
    for _ in 0..n {
        body.push_str(&piece(rng).0);
    }
    let literal = format!("\"{body}\"");
    // Two lone surrogates in a row can make a valid pair, so ask the parser the server uses.
    let valid = serde_json::from_str::<String>(&literal).is_ok();
    (literal, valid)
}

/// The same text decoded, for form fields and query strings (lone surrogates left out).
fn decoded(literal: &str) -> String {
    serde_json::from_str::<String>(literal).unwrap_or_else(|_| {
        let cleaned = literal.replace("\\ud800", "").replace("\\udfff", "");
        serde_json::from_str(&cleaned).unwrap_or_default()
    })
}

fn encode(s: &str) -> String {
    form_urlencoded::byte_serialize(s.as_bytes()).collect()
}

/// Sends `cases` random requests spread over every public endpoint; returns how many of them
/// were answered 2xx.
async fn hammer(server: &common::TestServer, seed: u64, cases: usize) -> usize {
    let mut rng = Rng(seed);
    let client = &server.client;
    let mut ok = 0;
    for case in 0..cases {
        let (t, valid) = text(&mut rng);
        let plain = decoded(&t);
        let endpoint = case % 11;
        let (status, json_api, body) = match endpoint {
            0..=2 => {
                let (level, lv) = text(&mut rng);
                let (extra, extra_valid) = match rng.below(3) {
                    0 => (
                        format!(r#", "filters": {{"level": [{level}], "purposes": [{t}]}}"#),
                        lv,
                    ),
                    1 => (r#", "top_k": 3"#.to_string(), true),
                    _ => (String::new(), true),
                };
                let body = format!(r#"{{"query": {t}{extra}}}"#);
                let r = post_raw(client, &server.url("/api/v1/search"), body).await;
                (r.0, Some(valid && extra_valid), r.1)
            }
            3..=5 => {
                let (session, session_valid) = match rng.below(3) {
                    0 => (String::new(), true),
                    1 => {
                        let (id, ok) = text(&mut rng);
                        (format!(r#""session_id": {id}, "#), ok)
                    }
                    _ => (
                        format!(r#""session_id": "{}", "#, uuid::Uuid::new_v4()),
                        true,
                    ),
                };
                let body = format!(r#"{{{session}"message": {t}}}"#);
                let r = post_raw(client, &server.url("/api/v1/chat"), body).await;
                (r.0, Some(valid && session_valid), r.1)
            }
            6 => {
                let body = format!(
                    r#"{{"inquiry_id": "{}", "helpful": {}, "comment": {t}}}"#,
                    uuid::Uuid::new_v4(),
                    rng.below(2) == 0
                );
                let r = post_raw(client, &server.url("/api/v1/feedback"), body).await;
                (r.0, Some(valid), r.1)
            }
            7 => {
                let body = format!(
                    r#"{{"answers": {{"location": "minato", "head_office": true, "industry": {t}, "employees": 3, "corporate": true, "purposes": ["創業"]}}}}"#
                );
                let r = post_raw(client, &server.url("/api/v1/recommend"), body).await;
                (r.0, Some(valid), r.1)
            }
            8 => {
                let r = client
                    .get(server.url(&format!("/search?q={}", encode(&plain))))
                    .send()
                    .await
                    .unwrap();
                (
                    r.status().as_u16(),
                    None,
                    r.text().await.unwrap_or_default(),
                )
            }
            9 => {
                let form = [
                    (
                        "session_id",
                        if rng.below(2) == 0 {
                            plain.clone()
                        } else {
                            String::new()
                        },
                    ),
                    ("message", plain.clone()),
                ];
                let r = client
                    .post(server.url("/chat"))
                    .form(&form)
                    .send()
                    .await
                    .unwrap();
                (
                    r.status().as_u16(),
                    None,
                    r.text().await.unwrap_or_default(),
                )
            }
            _ => {
                let id = encode(&plain);
                let path = if rng.below(2) == 0 {
                    format!("/api/v1/schemes/{id}")
                } else {
                    format!("/schemes/{id}")
                };
                let r = client.get(server.url(&path)).send().await.unwrap();
                (
                    r.status().as_u16(),
                    None,
                    r.text().await.unwrap_or_default(),
                )
            }
        };
        assert!(
            (200..300).contains(&status) || (400..500).contains(&status),
            "case {case} (endpoint {endpoint}): {status} for {t}: {body}"
        );
        if (200..300).contains(&status) {
            ok += 1;
        }
        if let Some(valid) = json_api {
            if !valid {
                assert_eq!(
                    status, 400,
                    "case {case}: invalid JSON escape refused: {body}"
                );
            }
            if status >= 400 && status != 404 {
                let v: Value = serde_json::from_str(&body)
                    .unwrap_or_else(|_| panic!("case {case}: a 4xx is JSON: {body}"));
                assert!(
                    v["error"].is_string() && v["message"].is_string(),
                    "case {case}: {{error, message}}: {body}"
                );
            }
        }
    }
    ok
}

async fn post_raw(client: &reqwest::Client, url: &str, body: String) -> (u16, String) {
    let r = client
        .post(url)
        .header("content-type", "application/json")
        .body(body)
        .send()
        .await
        .unwrap();
    (r.status().as_u16(), r.text().await.unwrap_or_default())
}

/// The staff login form with random user names (it looks the name up in the database).
async fn hammer_login(server: &common::TestServer, seed: u64, cases: usize) {
    let mut rng = Rng(seed);
    for case in 0..cases {
        let page = server
            .client
            .get(server.url("/admin/login"))
            .send()
            .await
            .unwrap()
            .text()
            .await
            .unwrap();
        let marker = r#"name="csrf" value=""#;
        let start = page.find(marker).expect("a CSRF field") + marker.len();
        let csrf = &page[start..start + page[start..].find('"').unwrap()];
        let username = decoded(&text(&mut rng).0);
        let r = server
            .client
            .post(server.url("/admin/login"))
            .form(&[
                ("username", username.as_str()),
                ("password", "x"),
                ("csrf", csrf),
            ])
            .send()
            .await
            .unwrap();
        assert_eq!(
            r.status().as_u16(),
            401,
            "case {case}: {username:?} is no user"
        );
    }
}

async fn everything_is_logged(server: &common::TestServer) {
    server.state.app.flush_log().await;
    let health: Value = server
        .client
        .get(server.url("/healthz"))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let log = &health["inquiry_log"];
    assert!(log["accepted"].as_u64().unwrap() > 0, "{health}");
    assert_eq!(log["accepted"], log["written"], "{health}");
    assert_eq!(log["rejected"], 0, "{health}");
    assert_eq!(log["pending_in_spool"], 0, "{health}");
}

fn cases() -> usize {
    std::env::var("SHIEN_UNICODE_CASES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(220)
}

fn app() -> shien_navi::app::Engine {
    let mut app = common::fixture_app();
    app.settings.rate_limit_per_minute = 1_000_000;
    app
}

/// A NUL in a search is stored as a space, the same on every backend.
async fn nul_is_stored_as_a_space(server: &common::TestServer) {
    let (status, r) = server
        .post_json(
            "/api/v1/search",
            serde_json::json!({"query": "創業\u{0}融資\u{1b}"}),
        )
        .await;
    assert_eq!(status, 200, "{r}");
    server.state.app.flush_log().await;
    let stored = server
        .state
        .app
        .store()
        .inquiry(r["inquiry_id"].as_str().unwrap())
        .await
        .unwrap()
        .expect("the inquiry is in the log");
    assert_eq!(stored.text(), "創業 融資");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn random_unicode_on_sqlite_is_answered_and_logged_in_full() {
    let server = common::spawn(app()).await;
    nul_is_stored_as_a_space(&server).await;
    let ok = hammer(&server, 20261202, cases()).await;
    hammer_login(&server, 7, 10).await;
    assert!(ok > cases() / 4, "most requests are answered ({ok})");
    everything_is_logged(&server).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn random_unicode_on_postgres_is_answered_and_logged_in_full() {
    let Ok(base) = std::env::var("DATABASE_TEST_URL") else {
        eprintln!(
            "SKIPPED: PostgreSQL unicode test (set DATABASE_TEST_URL=postgres://postgres@127.0.0.1:5432/test)"
        );
        return;
    };
    let schema = format!("shien_unicode_{}", uuid::Uuid::new_v4().simple());
    let pool = sqlx::postgres::PgPool::connect(&base)
        .await
        .expect("PostgreSQL reachable");
    sqlx::query(&format!("CREATE SCHEMA {schema}"))
        .execute(&pool)
        .await
        .unwrap();
    let sep = if base.contains('?') { '&' } else { '?' };
    let mut app = app();
    app.settings.database_url =
        shien_navi::config::Secret::new(format!("{base}{sep}options=-c%20search_path%3D{schema}"));
    let server =
        common::spawn_with_state(shien_navi::http::AppState::new(app).await.unwrap(), None).await;
    nul_is_stored_as_a_space(&server).await;
    let ok = hammer(&server, 20261202, cases()).await;
    hammer_login(&server, 7, 10).await;
    assert!(ok > cases() / 4, "most requests are answered ({ok})");
    everything_is_logged(&server).await;
    sqlx::query(&format!("DROP SCHEMA {schema} CASCADE"))
        .execute(&pool)
        .await
        .unwrap();
}
