//! Nothing personal at rest: one message carrying an item of every kind goes through chat,
//! search, a feedback comment and a hand-off; then the database, the spool, the rejected file,
//! the CSV exports and the server log captured at debug level must not hold any of the items.

mod common;

use std::io::Write;
use std::sync::{Arc, Mutex};

use serde_json::json;

/// Everything the subscriber writes, for the test to read back.
#[derive(Clone, Default)]
struct Captured(Arc<Mutex<Vec<u8>>>);

impl Write for Captured {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.0.lock().unwrap().extend_from_slice(buf);
        Ok(buf.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

impl<'a> tracing_subscriber::fmt::MakeWriter<'a> for Captured {
    type Writer = Captured;
    fn make_writer(&'a self) -> Captured {
        self.clone()
    }
}

/// One item of every kind, typed as callers type them (full-width digits, a long-vowel mark for
/// a dash, an e-mail in words).
const PERSONAL: &str = "山田太郎と申します。携帯は０９０ー７７３１ー２９４６、メールは taro.yamada@example.jp \
または hanako.suzuki アットマーク example ドット com、住所は港区赤坂3-4-15 赤坂ハイツ502、\
生年月日は1985年4月12日、振込先は普通 7654321、運転免許証番号 123456789012、\
カード 4111 1111 1111 1111 です。";

/// What must not be found anywhere: the items as typed, folded, and their long digit runs.
const NEEDLES: &[&str] = &[
    "山田",
    "太郎",
    // The phone number however it might be left (a bare "7731" turns up in timings).
    "7731-2946",
    "7731 2946",
    "77312946",
    "090-7731",
    "７７３１",
    "taro.yamada",
    "hanako.suzuki",
    "3-4-15",
    "ハイツ",
    "1985年",
    "4月12日",
    "7654321",
    "123456789012",
    "4111 1111",
    "1111 1111",
];

fn assert_clean(what: &str, text: &str) {
    for needle in NEEDLES {
        assert!(
            !text.contains(needle),
            "{what} holds {needle:?}:\n{}",
            excerpt(text, needle)
        );
    }
}

fn excerpt(text: &str, needle: &str) -> String {
    let at = text.find(needle).unwrap_or(0);
    let start = text[..at]
        .char_indices()
        .rev()
        .nth(80)
        .map_or(0, |(i, _)| i);
    let end = text[at..]
        .char_indices()
        .nth(120)
        .map_or(text.len(), |(i, _)| at + i);
    text[start..end].to_string()
}

fn no_redirect_client() -> reqwest::Client {
    reqwest::Client::builder()
        .cookie_store(true)
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .unwrap()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn no_personal_item_reaches_the_database_spool_rejected_file_exports_or_log() {
    let log = Captured::default();
    tracing_subscriber::fmt()
        // The server's log at debug level (the test's own HTTP client is left out).
        .with_env_filter("debug,reqwest=off")
        .with_span_events(tracing_subscriber::fmt::format::FmtSpan::NEW)
        .with_ansi(false)
        .with_writer(log.clone())
        .init();

    let server = common::spawn(common::App::real_copy()).await;
    let database_url = server
        .state
        .app
        .settings()
        .database_url
        .expose()
        .to_string();

    // Chat, search, a hand-off and a feedback comment, with the database working.
    let (status, chat) = server
        .post_json("/api/v1/chat", json!({ "message": PERSONAL }))
        .await;
    assert_eq!(status, 200, "{chat}");
    let (status, search) = server
        .post_json("/api/v1/search", json!({ "query": PERSONAL }))
        .await;
    assert_eq!(status, 200, "{search}");
    let (status, handoff) = server
        .post_json(
            "/api/v1/chat",
            json!({ "message": format!("{PERSONAL}従業員を解雇したらユニオンから団体交渉を求められました。相談員と直接話したいです。") }),
        )
        .await;
    assert_eq!(status, 200, "{handoff}");
    let ticket = handoff["handoff"]["ticket"]
        .as_str()
        .unwrap_or_else(|| panic!("the dismissal is handed off: {handoff}"))
        .to_string();
    let inquiry_id = chat["inquiry_id"].as_str().unwrap().to_string();
    let (status, _) = server
        .post_json(
            "/api/v1/feedback",
            json!({ "inquiry_id": inquiry_id, "helpful": false, "comment": PERSONAL }),
        )
        .await;
    assert_eq!(status, 202);
    // The search page logs too.
    let (status, _) = server
        .get_text(&format!(
            "/search?q={}",
            percent_encoding::utf8_percent_encode(PERSONAL, percent_encoding::NON_ALPHANUMERIC)
        ))
        .await;
    assert_eq!(status, 200);
    server.state.app.flush_log().await;

    // The staff console: close the ticket with a note that names the caller, then export.
    server
        .state
        .app
        .store()
        .create_user(
            "staff",
            &shien_navi::app::staff::hash_password("a long enough password").unwrap(),
        )
        .await
        .unwrap();
    let client = no_redirect_client();
    let html = client
        .get(server.url("/admin/login"))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    let csrf = common::hidden(&html, "csrf");
    client
        .post(server.url("/admin/login"))
        .form(&[
            ("username", "staff"),
            ("password", "a long enough password"),
            ("csrf", &csrf),
        ])
        .send()
        .await
        .unwrap();
    let queue = client
        .get(server.url("/admin/tickets"))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(queue.contains(&ticket));
    let r = client
        .post(server.url(&format!("/admin/tickets/{ticket}/done")))
        .form(&[
            ("csrf", common::hidden(&queue, "csrf").as_str()),
            (
                "outcome",
                "山田太郎さん（０９０ー７７３１ー２９４６）に折り返し済み",
            ),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 303);
    let mut exports = String::new();
    for path in ["/admin/export/inquiries.csv", "/admin/export/tickets.csv"] {
        let r = client.get(server.url(path)).send().await.unwrap();
        assert_eq!(r.status(), 200, "{path}");
        exports.push_str(&r.text().await.unwrap());
    }
    assert!(exports.contains(&ticket), "the export holds the ticket");
    assert!(
        exports.contains("[氏名]") && exports.contains("[電話番号]"),
        "{exports}"
    );
    assert_clean("the CSV exports", &exports);

    // The database refuses feedback rows: the comment goes to the rejected file.
    sqlx::query(
        "CREATE TRIGGER refuse_feedback BEFORE INSERT ON feedback BEGIN SELECT RAISE(ABORT, 'refused'); END",
    )
    .execute(server.state.app.store().pool())
    .await
    .unwrap();
    let (status, _) = server
        .post_json(
            "/api/v1/feedback",
            json!({ "inquiry_id": inquiry_id, "helpful": true, "comment": PERSONAL }),
        )
        .await;
    assert_eq!(status, 202);
    server.state.app.flush_log().await;
    assert!(server.state.app.log_counts().rejected >= 1);

    // The database goes away: chat and search are spooled.
    server.state.app.store().pool().close().await;
    let (status, _) = server
        .post_json("/api/v1/chat", json!({ "message": PERSONAL }))
        .await;
    assert_eq!(status, 200);
    let (status, _) = server
        .post_json("/api/v1/search", json!({ "query": PERSONAL }))
        .await;
    assert_eq!(status, 200);
    server.state.app.flush_log().await;
    assert!(server.state.app.log_counts().pending_in_spool >= 2);

    let spool_path = shien_navi::store::spool_path(&database_url, None);
    let spool = std::fs::read_to_string(&spool_path).expect("the spool file");
    assert!(spool.contains("[氏名]"), "{spool}");
    assert_clean("the spool", &spool);
    let rejected = std::fs::read_to_string(spool_path.with_extension("rejected.jsonl"))
        .expect("the rejected file");
    assert!(rejected.contains("[メール]"), "{rejected}");
    assert_clean("the rejected file", &rejected);

    // Every text column of every table, read back on a fresh connection.
    let store = shien_navi::store::Store::connect(&database_url)
        .await
        .unwrap();
    let mut dump = String::new();
    for (table, columns) in [
        ("inquiries", "text_masked"),
        ("tickets", "summary || ' ' || COALESCE(outcome, '')"),
        ("feedback", "COALESCE(comment_masked, '')"),
    ] {
        let rows: Vec<String> = sqlx::query_scalar(&format!("SELECT {columns} FROM {table}"))
            .fetch_all(store.pool())
            .await
            .unwrap();
        assert!(!rows.is_empty(), "{table} has rows");
        dump.push_str(&rows.join("\n"));
        dump.push('\n');
    }
    assert!(
        dump.contains("[生年月日]") && dump.contains("[住所]"),
        "{dump}"
    );
    assert_clean("the database", &dump);

    let captured = String::from_utf8(log.0.lock().unwrap().clone()).unwrap();
    assert!(
        captured.contains("DEBUG"),
        "the log was captured at debug level"
    );
    assert_clean("the server log", &captured);
}
