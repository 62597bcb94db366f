//! Shared test helpers: settings pointing at fixtures, and the real app spawned on port 0.
#![allow(dead_code)]

use std::path::PathBuf;
use std::sync::OnceLock;

use shien_navi::config::Settings;
use shien_navi::text::Analyzer;

pub fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

pub fn fixture_corpus() -> PathBuf {
    repo().join("tests/fixtures/corpus")
}

/// Settings for tests: the given corpus, the repository's models, a throw-away SQLite file.
pub fn settings(corpus_dir: PathBuf) -> Settings {
    Settings {
        corpus_dir,
        models_dir: repo().join("models"),
        bind: "127.0.0.1:0".parse().unwrap(),
        ..Default::default()
    }
}

/// The dictionary is built by `make test` (`shien setup`) before the tests run.
pub fn analyzer() -> &'static Analyzer {
    static ANALYZER: OnceLock<Analyzer> = OnceLock::new();
    ANALYZER.get_or_init(|| {
        Analyzer::load(&repo().join("models/ipadic"))
            .expect("models/ipadic missing: run `make setup` (shien setup) before the tests")
    })
}

pub fn fixture_app() -> shien_navi::app::Engine {
    shien_navi::app::Engine::build(settings(fixture_corpus())).expect("fixture app builds")
}

pub fn real_app() -> &'static shien_navi::app::Engine {
    static APP: OnceLock<shien_navi::app::Engine> = OnceLock::new();
    APP.get_or_init(|| {
        shien_navi::app::Engine::build(settings(repo().join("corpus")))
            .expect("the real corpus loads")
    })
}

pub struct TestServer {
    pub base: String,
    pub client: reqwest::Client,
    pub state: shien_navi::http::AppState,
    _dir: Option<tempfile::TempDir>,
}

/// Spawns the real router on a random port with a fresh SQLite inquiry log.
pub async fn spawn(mut app: shien_navi::app::Engine) -> TestServer {
    let dir = tempfile::tempdir().unwrap();
    app.settings.database_url =
        shien_navi::config::Secret::new(format!("sqlite://{}/log.sqlite", dir.path().display()));
    spawn_with_state(
        shien_navi::http::AppState::new(app).await.unwrap(),
        Some(dir),
    )
    .await
}

pub async fn spawn_with_state(
    state: shien_navi::http::AppState,
    dir: Option<tempfile::TempDir>,
) -> TestServer {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    let server_state = state.clone();
    tokio::spawn(async move {
        shien_navi::http::serve(server_state, listener)
            .await
            .unwrap();
    });
    TestServer {
        base: format!("http://{addr}"),
        client: reqwest::Client::builder()
            .cookie_store(true)
            .build()
            .unwrap(),
        state,
        _dir: dir,
    }
}

impl TestServer {
    pub fn url(&self, path: &str) -> String {
        format!("{}{}", self.base, path)
    }

    pub async fn post_json(&self, path: &str, body: serde_json::Value) -> (u16, serde_json::Value) {
        let r = self
            .client
            .post(self.url(path))
            .json(&body)
            .send()
            .await
            .unwrap();
        let status = r.status().as_u16();
        (status, r.json().await.unwrap_or(serde_json::Value::Null))
    }

    pub async fn get_text(&self, path: &str) -> (u16, String) {
        let r = self.client.get(self.url(path)).send().await.unwrap();
        (r.status().as_u16(), r.text().await.unwrap())
    }
}

/// Builds a fresh app over the real corpus (for tests that need the real questionnaire).
pub struct App;

impl App {
    pub fn real_copy() -> shien_navi::app::Engine {
        shien_navi::app::Engine::build(settings(repo().join("corpus")))
            .expect("the real corpus loads")
    }
}

/// The base URL a spawned `shien serve` prints on its standard output (taken from the child),
/// waiting at most `limit`.
pub fn printed_url(child: &mut std::process::Child, limit: std::time::Duration) -> String {
    use std::io::{BufRead, BufReader};
    let stdout = child.stdout.take().expect("stdout is piped");
    let (tx, rx) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        for line in BufReader::new(stdout).lines().map_while(Result::ok) {
            if let Some(url) = line.split_whitespace().find(|w| w.starts_with("http://")) {
                let _ = tx.send(url.trim_end_matches('/').to_string());
            }
        }
    });
    rx.recv_timeout(limit)
        .expect("the server printed its URL within the limit")
}

/// Whether `html` shows `raw` as escaped text (named or numeric entities), never as markup.
#[allow(dead_code)]
pub fn shows_escaped(html: &str, raw: &str) -> bool {
    let named = html_escape::encode_safe(raw).into_owned();
    let numeric: String = raw
        .chars()
        .map(|c| match c {
            '<' => "&#60;".to_string(),
            '>' => "&#62;".to_string(),
            '&' => "&#38;".to_string(),
            '"' => "&#34;".to_string(),
            '\'' => "&#39;".to_string(),
            c => c.to_string(),
        })
        .collect();
    !html.contains(raw) && (html.contains(&named) || html.contains(&numeric))
}

/// The password every test account gets.
pub const STAFF_PASSWORD: &str = "a long enough password";

/// Adds an account with `role` (password [`STAFF_PASSWORD`]) and logs it in: the session
/// cookie's token and the member the app sees.
pub async fn staff_login(
    app: &shien_navi::app::App,
    username: &str,
    role: shien_navi::domain::staff::Role,
) -> (String, shien_navi::app::staff::StaffMember) {
    let hash = shien_navi::app::staff::hash_password(STAFF_PASSWORD).unwrap();
    app.store().add_user(username, &hash, role).await.unwrap();
    let login = app
        .login(username, STAFF_PASSWORD)
        .await
        .unwrap_or_else(|e| panic!("login: {e}"));
    let member = app
        .staff_session(&login.token)
        .await
        .unwrap()
        .expect("a live session");
    (login.token, member)
}

/// The value of a hidden form field (`csrf`, …) in a page.
pub fn hidden(html: &str, name: &str) -> String {
    let marker = format!(r#"name="{name}" value=""#);
    let start = html
        .find(&marker)
        .unwrap_or_else(|| panic!("no {name} in {html}"))
        + marker.len();
    html[start..start + html[start..].find('"').unwrap()].to_string()
}

/// A client that sends a staff session cookie and does not follow redirects.
pub fn staff_client(token: &str) -> reqwest::Client {
    let mut headers = reqwest::header::HeaderMap::new();
    headers.insert(
        reqwest::header::COOKIE,
        format!("shien_staff={token}").parse().unwrap(),
    );
    reqwest::Client::builder()
        .default_headers(headers)
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .unwrap()
}

/// The URL of a fresh, empty schema in the test database, so tests never see each other's
/// rows; None (with a SKIPPED line) when DATABASE_TEST_URL is not set.
pub async fn postgres_url() -> Option<String> {
    let Ok(base) = std::env::var("DATABASE_TEST_URL") else {
        eprintln!(
            "SKIPPED: PostgreSQL tests (set DATABASE_TEST_URL=postgres://postgres@127.0.0.1:5432/test)"
        );
        return None;
    };
    let schema = format!("shien_test_{}", uuid::Uuid::new_v4().simple());
    let pool = sqlx::postgres::PgPool::connect(&base)
        .await
        .expect("PostgreSQL reachable");
    sqlx::query(&format!("CREATE SCHEMA {schema}"))
        .execute(&pool)
        .await
        .unwrap();
    let sep = if base.contains('?') { '&' } else { '?' };
    Some(format!("{base}{sep}options=-c%20search_path%3D{schema}"))
}

/// `tree` without one scheme that no other entry of `corpus` names (as related, not
/// combinable, or an FAQ's scheme), its translations removed with it as the console's deletion
/// does; and that scheme's id.
pub fn without_an_unnamed_scheme(
    corpus: &shien_navi::domain::Corpus,
    tree: &shien_navi::domain::corpus::CorpusTree,
) -> (String, shien_navi::domain::corpus::CorpusTree) {
    let named = |id: &str| {
        corpus.schemes.iter().any(|s| {
            s.related.iter().any(|r| r == id) || s.not_combinable_with.iter().any(|r| r == id)
        }) || corpus
            .faqs
            .iter()
            .any(|f| f.scheme_ids.iter().any(|r| r == id))
    };
    let gone = corpus
        .schemes
        .iter()
        .find(|s| !named(&s.id))
        .expect("a scheme no entry names")
        .id
        .clone();
    let path = tree
        .iter()
        .find(|(p, text)| p.starts_with("schemes/") && text.contains(&format!("id = \"{gone}\"")))
        .map(|(p, _)| p.to_string())
        .unwrap();
    let mut deleted = tree.clone();
    deleted.remove(&path).unwrap();
    for lang in ["en", "easy"] {
        let file = format!("i18n/{lang}/schemes.toml");
        let text = deleted.get(&file).unwrap();
        let rest = shien_navi::domain::corpus::form::without_item(text, "scheme", &gone)
            .unwrap_or_else(|| panic!("{file} translates {gone}"));
        deleted.insert(file, rest);
    }
    (gone, deleted)
}
