//! Review becomes learning, end to end: a reviewer records the right answer to a missed
//! search, the console proposes a fix, an editor approves it, and the same query then finds
//! the answer; approved judgments are a regression set (`shien eval --judgments`).

mod common;

use shien_navi::config::EmbedderKind;
use shien_navi::domain::judgment::{Answer, Fix, Judgment, JudgmentStatus};
use shien_navi::domain::staff::{AuditAction, Role};
use shien_navi::store::Store;

/// The fixture corpus searched by words alone (quick, and nothing is found by meaning).
fn lexical_fixture() -> shien_navi::app::Engine {
    let mut settings = common::settings(common::fixture_corpus());
    settings.embedder = EmbedderKind::None;
    shien_navi::app::Engine::build(settings).expect("fixture app builds")
}

async fn search_ids(server: &common::TestServer, query: &str) -> (String, Vec<String>) {
    let (status, body) = server
        .post_json("/api/v1/search", serde_json::json!({"query": query}))
        .await;
    assert_eq!(status, 200, "{body}");
    server.state.app.flush_log().await;
    let ids = body["results"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["id"].as_str().unwrap().to_string())
        .collect();
    (body["inquiry_id"].as_str().unwrap().to_string(), ids)
}

const BANNERS: &str = "のぼり旗";
const CASH_FLOW: &str = "キャッシュフロー";
const ADVERTISING: &str = "minato-test-advertising";

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_approved_alias_makes_the_judged_query_find_the_scheme() {
    let server = common::spawn(lexical_fixture()).await;
    let app = &server.state.app;
    let (inquiry, before) = search_ids(&server, BANNERS).await;
    assert!(before.is_empty(), "{before:?}");

    // A reviewer records the right answer on the inquiry's page.
    let (token, _) = common::staff_login(app, "rev", Role::Reviewer).await;
    let reviewer = common::staff_client(&token);
    let page = reviewer
        .get(server.url(&format!("/admin/inquiries/{inquiry}")))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(page.contains("正しい回答を記録する"), "{page}");
    assert!(page.contains(&format!(r#"value="scheme:{ADVERTISING}""#)));
    let csrf = common::hidden(&page, "csrf");
    let r = reviewer
        .post(server.url(&format!("/admin/inquiries/{inquiry}/judgments")))
        .form(&[
            ("csrf", csrf.as_str()),
            ("answer", &format!("scheme:{ADVERTISING}")),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 303);
    let open = app.judgments(Some(JudgmentStatus::Open)).await.unwrap();
    assert_eq!(open.len(), 1);
    let judgment = &open[0];
    assert!(!judgment.found);
    assert_eq!(
        judgment.fix,
        Fix::Alias {
            scheme_id: ADVERTISING.into(),
            phrase: BANNERS.into()
        },
        "the console proposes the caller's words as the scheme's alias"
    );

    // The reviewer sees the proposal but cannot approve it.
    let list = reviewer
        .get(server.url("/admin/judgments"))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(list.contains("制度の別名に「のぼり旗」を加える"), "{list}");
    assert!(
        !list.contains("承認する</button>"),
        "no approve button for a reviewer"
    );
    let r = reviewer
        .post(server.url(&format!("/admin/judgments/{}/approve", judgment.id)))
        .form(&[("csrf", csrf.as_str())])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 403);
    assert_eq!(
        app.judgments(Some(JudgmentStatus::Open))
            .await
            .unwrap()
            .len(),
        1
    );

    // An editor approves it, shortening the alias; search learns it at once.
    let (token, _) = common::staff_login(app, "ed", Role::Editor).await;
    let editor = common::staff_client(&token);
    let list = editor
        .get(server.url("/admin/judgments"))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(list.contains("承認する</button>") && list.contains("却下する</button>"));
    let editor_csrf = common::hidden(&list, "csrf");
    let r = editor
        .post(server.url(&format!("/admin/judgments/{}/approve", judgment.id)))
        .form(&[("csrf", editor_csrf.as_str()), ("text", "のぼり")])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 303);
    let (_, after) = search_ids(&server, BANNERS).await;
    assert_eq!(
        after.first().map(String::as_str),
        Some(ADVERTISING),
        "{after:?}"
    );
    let (_, other) = search_ids(&server, "店頭ののぼりを作る").await;
    assert_eq!(other.first().map(String::as_str), Some(ADVERTISING));

    // A second decision is refused, not applied.
    let r = editor
        .post(server.url(&format!("/admin/judgments/{}/reject", judgment.id)))
        .form(&[("csrf", editor_csrf.as_str())])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 400);
    assert!(r.text().await.unwrap().contains("すでに対応済み"));

    // Counted on the dashboard, and in the audit log once each.
    let dashboard = editor
        .get(server.url("/admin"))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(
        dashboard.contains("承認待ち</a></td><td>0")
            && dashboard.contains("対応済み</a></td><td>1"),
        "{dashboard}"
    );
    let audit = app.store().audit_page(0, 100).await.unwrap().records;
    let count = |a| audit.iter().filter(|r| r.action == a).count();
    assert_eq!(count(AuditAction::JudgmentRecorded), 1);
    assert_eq!(count(AuditAction::FixApproved), 1);
    assert_eq!(count(AuditAction::FixRejected), 0);

    // The regression set passes.
    let report = app.judgment_regressions().await.unwrap();
    assert_eq!(report.checked(), 1);
    assert!(report.broken().is_empty());
    assert_eq!(report.cases[0].rank, Some(1));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_second_replica_learns_an_approved_synonym_and_a_broken_judgment_is_reported() {
    let dir = tempfile::tempdir().unwrap();
    let url = format!("sqlite://{}/shared.sqlite", dir.path().display());
    let replica = |url: String| async move {
        let mut engine = lexical_fixture();
        engine.settings.database_url = shien_navi::config::Secret::new(url);
        common::spawn_with_state(shien_navi::http::AppState::new(engine).await.unwrap(), None).await
    };
    let one = replica(url.clone()).await;
    let two = replica(url.clone()).await;
    let app = &one.state.app;
    let (inquiry, _) = search_ids(&one, CASH_FLOW).await;
    let (_, reviewer) = common::staff_login(app, "rev", Role::Reviewer).await;
    let (_, editor) = common::staff_login(app, "ed", Role::Editor).await;
    let judgment = app
        .record_judgment(&reviewer, &inquiry, "faq:faq-test-001")
        .await
        .unwrap();
    assert!(
        matches!(&judgment.fix, Fix::Synonyms { words } if words.len() == 2),
        "{:?}",
        judgment.fix
    );
    let faqs = |server: &common::TestServer| {
        let client = server.client.clone();
        let url = server.url("/api/v1/search");
        async move {
            let body: serde_json::Value = client
                .post(url)
                .json(&serde_json::json!({"query": CASH_FLOW}))
                .send()
                .await
                .unwrap()
                .json()
                .await
                .unwrap();
            body["faqs"]
                .as_array()
                .unwrap()
                .iter()
                .map(|f| f["id"].as_str().unwrap().to_string())
                .collect::<Vec<_>>()
        }
    };
    assert!(
        faqs(&two).await.is_empty(),
        "no FAQ shares a word with it yet"
    );
    app.decide_judgment(
        &editor,
        &judgment.id,
        shien_navi::app::judgments::Decision::Approve {
            text: Some("融資、キャッシュフロー".into()),
        },
    )
    .await
    .unwrap();
    assert_eq!(faqs(&one).await, ["faq-test-001"]);
    // The other replica learns it from the database within a few seconds.
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(10);
    loop {
        if faqs(&two).await == ["faq-test-001"] {
            break;
        }
        assert!(
            std::time::Instant::now() < deadline,
            "the second replica did not learn the synonym"
        );
        tokio::time::sleep(std::time::Duration::from_millis(200)).await;
    }

    // An alias approved in a form that the query does not contain leaves it missed: the
    // regression run says so.
    let (inquiry, _) = search_ids(&one, BANNERS).await;
    let missed = app
        .record_judgment(&reviewer, &inquiry, &format!("scheme:{ADVERTISING}"))
        .await
        .unwrap();
    app.decide_judgment(
        &editor,
        &missed.id,
        shien_navi::app::judgments::Decision::Approve {
            text: Some("看板".into()),
        },
    )
    .await
    .unwrap();
    let report = app.judgment_regressions().await.unwrap();
    assert_eq!(report.checked(), 2);
    let broken = report.broken();
    assert_eq!(broken.len(), 1);
    assert_eq!(broken[0].judgment.id, missed.id);

    // `shien eval --judgments` says the same and fails.
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_shien"))
        .current_dir(common::repo())
        .args(["eval", "--judgments"])
        .env("SHIEN__DATABASE_URL", &url)
        .env("SHIEN__CORPUS_DIR", common::fixture_corpus())
        .env("SHIEN__EMBEDDER", "none")
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert_eq!(
        out.status.code(),
        Some(1),
        "{stdout}\n{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(
        stdout.contains(BANNERS) && stdout.contains("BROKEN"),
        "{stdout}"
    );
    assert!(stdout.contains("1 of 2"), "{stdout}");
}

/// Judgments stored and read back, decided once, counted, on either backend.
async fn judgments_round_trip(store: &Store) {
    let judgment = Judgment {
        id: "j1".into(),
        inquiry_id: "i1".into(),
        query: "店の看板を直したい".into(),
        answer: Answer::Scheme("s1".into()),
        found: false,
        fix: Fix::Alias {
            scheme_id: "s1".into(),
            phrase: "看板".into(),
        },
        status: JudgmentStatus::Open,
        recorded_by: "rev".into(),
        recorded_at: "2026-11-02T01:02:03.456Z".parse().unwrap(),
        decided_by: None,
        decided_at: None,
    };
    store.insert_judgment(&judgment).await.unwrap();
    let mut other = judgment.clone();
    other.id = "j2".into();
    other.answer = Answer::NoScheme;
    other.fix = Fix::WriteFaq;
    store.insert_judgment(&other).await.unwrap();
    assert_eq!(store.judgment("j1").await.unwrap(), Some(judgment.clone()));
    assert_eq!(store.judgments_of("i1").await.unwrap().len(), 2);
    let version = store.judgments_version().await.unwrap();
    let synonyms = Fix::Synonyms {
        words: vec!["看板".into(), "サイン".into()],
    };
    assert!(
        store
            .decide_judgment("j1", JudgmentStatus::Fixed, &synonyms, "ed")
            .await
            .unwrap()
    );
    assert!(
        !store
            .decide_judgment("j1", JudgmentStatus::Rejected, &Fix::WriteFaq, "ed2")
            .await
            .unwrap(),
        "decided once"
    );
    let stored = store.judgment("j1").await.unwrap().unwrap();
    assert_eq!(stored.status, JudgmentStatus::Fixed);
    assert_eq!(stored.fix, synonyms);
    assert_eq!(stored.decided_by.as_deref(), Some("ed"));
    assert_ne!(store.judgments_version().await.unwrap(), version);
    let mut counts = store.judgment_counts().await.unwrap();
    counts.sort_by_key(|(s, _)| format!("{s:?}"));
    assert_eq!(
        counts,
        [(JudgmentStatus::Fixed, 1), (JudgmentStatus::Open, 1)]
    );
    let open = store
        .judgments(Some(JudgmentStatus::Open), 10)
        .await
        .unwrap();
    assert_eq!(open, [other]);
}

#[tokio::test]
async fn judgments_round_trip_on_sqlite() {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::connect(&format!("sqlite://{}/j.sqlite", dir.path().display()))
        .await
        .unwrap();
    judgments_round_trip(&store).await;
}

#[tokio::test]
async fn judgments_round_trip_on_postgres() {
    let Some(url) = common::postgres_url().await else {
        return;
    };
    let store = Store::connect(&url).await.unwrap();
    judgments_round_trip(&store).await;
}
