//! Chat sessions live in the database, so replicas share them: two app instances on one
//! database (SQLite always, PostgreSQL when DATABASE_TEST_URL is set), a follow-up sent to the
//! second keeps the context the first built. Forged, unknown and expired session ids start a
//! new session instead of failing.

mod common;

use chrono::Utc;
use serde_json::json;
use shien_navi::app::chat::{ChatSession, MAX_SESSION_BYTES, SessionStore};
use shien_navi::store::Store;

/// Two servers (two `AppState`s, two log writers, two pools) on the database at `url`.
async fn two_replicas(url: &str) -> (common::TestServer, common::TestServer) {
    let mut replicas = Vec::new();
    for _ in 0..2 {
        let mut app = common::App::real_copy();
        app.settings.database_url = shien_navi::config::Secret::new(url.to_string());
        app.settings.rate_limit_per_minute = 1_000_000;
        let state = shien_navi::http::AppState::new(app).await.unwrap();
        replicas.push(common::spawn_with_state(state, None).await);
    }
    let second = replicas.pop().unwrap();
    (replicas.pop().unwrap(), second)
}

async fn a_follow_up_on_the_other_replica_keeps_the_context(url: &str) {
    let (a, b) = two_replicas(url).await;
    let (status, first) = a
        .post_json(
            "/api/v1/chat",
            json!({"message": "開業前でも区の創業融資は使えますか"}),
        )
        .await;
    assert_eq!(status, 200, "{first}");
    let session = first["session_id"].as_str().unwrap();
    let (status, follow) = b
        .post_json(
            "/api/v1/chat",
            json!({"session_id": session, "message": "それは個人事業主でも使えますか？"}),
        )
        .await;
    assert_eq!(status, 200, "{follow}");
    assert_eq!(follow["session_id"], session, "the session carried over");
    // A follow-up answer names the scheme discussed (「…」は…) and cites only it.
    let discussed = &follow["citations"][0]["id"];
    assert!(
        first["citations"]
            .as_array()
            .unwrap()
            .iter()
            .any(|c| &c["id"] == discussed),
        "the second replica answered about a scheme the first discussed: {first} / {follow}"
    );
    let reply = follow["reply"].as_str().unwrap();
    assert!(
        reply.starts_with('「') && reply.contains("個人事業主"),
        "{follow}"
    );

    // The no-JavaScript page on the first replica shows both turns.
    let form = [
        ("session_id", session),
        ("message", "それはいくらまでですか"),
    ];
    let page = a
        .client
        .post(a.url("/chat"))
        .form(&form)
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(
        page.contains("開業前でも区の創業融資") && page.contains("個人事業主でも使えますか"),
        "history from both replicas on one page"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn sqlite_replicas_share_chat_sessions() {
    let dir = tempfile::tempdir().unwrap();
    a_follow_up_on_the_other_replica_keeps_the_context(&format!(
        "sqlite://{}/log.sqlite",
        dir.path().display()
    ))
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn postgres_replicas_share_chat_sessions() {
    let Some(url) = common::postgres_url().await else {
        return;
    };
    a_follow_up_on_the_other_replica_keeps_the_context(&url).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn forged_unknown_and_expired_session_ids_start_a_new_session() {
    let server = common::spawn(common::App::real_copy()).await;
    let store = server.state.app.store().clone();
    let expired = uuid::Uuid::new_v4().to_string();
    let mut old = ChatSession {
        schemes: vec!["tokyo-gaikoku-tokkyo-josei".into()],
        ..Default::default()
    };
    // Stored two hours ago: its one-hour life is over.
    SessionStore::save(
        &store,
        &expired,
        &mut old,
        Utc::now() - chrono::Duration::hours(2),
    )
    .await
    .unwrap();
    for given in [
        "not-a-session".to_string(),
        "../../etc/passwd".to_string(),
        "\u{0}".to_string(),
        uuid::Uuid::new_v4().to_string(),
        expired.clone(),
    ] {
        let (status, r) = server
            .post_json(
                "/api/v1/chat",
                json!({"session_id": given, "message": "それは個人事業主でも使えますか？"}),
            )
            .await;
        assert_eq!(status, 200, "{given:?}: {r}");
        let id = r["session_id"].as_str().unwrap();
        assert_ne!(id, given, "a new session, with an id of the server's own");
        assert!(uuid::Uuid::try_parse(id).is_ok());
        // No context from the expired session: the answer is not about the scheme it held.
        let reply = r["reply"].as_str().unwrap();
        assert!(
            !reply.contains("外国特許出願") && !reply.contains("外国出願"),
            "answered as a follow-up on the expired session's scheme: {r}"
        );
        assert!(
            r["citations"]
                .as_array()
                .unwrap()
                .iter()
                .all(|c| c["id"] != "tokyo-gaikoku-tokkyo-josei"),
            "the expired session's scheme is not cited: {r}"
        );
    }
    // The control: the same message on a live session with that scheme is a follow-up on it.
    let live = uuid::Uuid::new_v4().to_string();
    let mut current = ChatSession {
        schemes: vec!["tokyo-gaikoku-tokkyo-josei".into()],
        ..Default::default()
    };
    SessionStore::save(&store, &live, &mut current, Utc::now())
        .await
        .unwrap();
    let (_, r) = server
        .post_json(
            "/api/v1/chat",
            json!({"session_id": live, "message": "それは個人事業主でも使えますか？"}),
        )
        .await;
    assert_eq!(r["session_id"], live.as_str(), "{r}");
    assert_eq!(r["citations"][0]["id"], "tokyo-gaikoku-tokkyo-josei", "{r}");
    assert!(
        store
            .chat_session(&expired, Utc::now())
            .await
            .unwrap()
            .is_none(),
        "expired sessions are never read"
    );
    assert_eq!(
        store.purge_chat_sessions(Utc::now()).await.unwrap(),
        1,
        "and are deleted by the purge"
    );
}

#[tokio::test]
async fn a_stored_session_stays_within_its_size_bound() {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::connect(&format!("sqlite://{}/log.sqlite", dir.path().display()))
        .await
        .unwrap();
    let id = uuid::Uuid::new_v4().to_string();
    let mut session = ChatSession {
        schemes: (0..50).map(|k| format!("scheme-{k}")).collect(),
        history: (0..200)
            .map(|k| (format!("質問{k}{}", "あ".repeat(900)), "回答".repeat(800)))
            .collect(),
        clarified: true,
        turns: 200,
    };
    SessionStore::save(&store, &id, &mut session, Utc::now())
        .await
        .unwrap();
    let json = store.chat_session(&id, Utc::now()).await.unwrap().unwrap();
    assert!(json.len() <= MAX_SESSION_BYTES, "{} bytes", json.len());
    let back = SessionStore::load(&store, &id, Utc::now())
        .await
        .unwrap()
        .unwrap();
    assert!(back.schemes.len() <= 4 && !back.history.is_empty());
    assert!(
        back.history.last().unwrap().0.starts_with("質問199"),
        "the newest turns are kept"
    );
    assert!(back.clarified);
}
