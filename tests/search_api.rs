mod common;

use serde_json::json;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn search_api_returns_the_founding_loan_for_a_colloquial_query() {
    let server = common::spawn(common::fixture_app()).await;
    let (status, body) = server
        .post_json(
            "/api/v1/search",
            json!({"query": "起業したいのでお金を借りたい", "top_k": 3}),
        )
        .await;
    assert_eq!(status, 200, "{body}");
    let results = body["results"].as_array().unwrap();
    assert_eq!(results[0]["id"], "minato-test-sogyo-loan");
    for field in [
        "id", "title", "level", "kind", "score", "snippet", "url", "status",
    ] {
        assert!(results[0].get(field).is_some(), "missing {field}");
    }
    assert!(body["took_ms"].as_f64().is_some());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn search_filters_by_level_and_purpose() {
    let server = common::spawn(common::fixture_app()).await;
    let (status, body) = server
        .post_json(
            "/api/v1/search",
            json!({"query": "創業", "filters": {"level": ["tokyo"]}}),
        )
        .await;
    assert_eq!(status, 200);
    let ids: Vec<&str> = body["results"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["id"].as_str().unwrap())
        .collect();
    assert_eq!(ids, vec!["tokyo-test-josei"]);
    let (_, body) = server
        .post_json(
            "/api/v1/search",
            json!({"query": "補助", "filters": {"purposes": ["IT導入"]}}),
        )
        .await;
    let ids: Vec<&str> = body["results"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["id"].as_str().unwrap())
        .collect();
    assert_eq!(ids, vec!["national-test-it"]);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn bad_queries_get_400_json_errors() {
    let server = common::spawn(common::fixture_app()).await;
    for (body, code) in [
        (json!({"query": ""}), "empty_query"),
        (json!({"query": "  \u{3000} "}), "empty_query"),
        (json!({"query": "あ".repeat(1001)}), "query_too_long"),
        (json!({"query": "創業", "top_k": 0}), "invalid_top_k"),
        (
            json!({"query": "創業", "filters": {"level": ["city"]}}),
            "invalid_level",
        ),
        (json!({"query": 5}), "invalid_field"),
        (json!({"q": "創業"}), "invalid_field"),
    ] {
        let (status, response) = server.post_json("/api/v1/search", body.clone()).await;
        assert_eq!(status, 400, "{body} -> {response}");
        assert_eq!(response["error"], code, "{body} -> {response}");
        assert!(response["message"].as_str().is_some_and(|m| !m.is_empty()));
    }
    let r = server
        .client
        .post(server.url("/api/v1/search"))
        .header("content-type", "application/json")
        .body("{not json")
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 400);
    let r = server
        .client
        .post(server.url("/api/v1/search"))
        .body("query=x")
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 415);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn oversized_bodies_are_refused_with_413() {
    let server = common::spawn(common::fixture_app()).await;
    let (status, body) = server
        .post_json(
            "/api/v1/search",
            json!({"query": "創業", "pad": "x".repeat(20_000)}),
        )
        .await;
    assert_eq!(status, 413, "{body}");
    assert_eq!(body["error"], "payload_too_large");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn scheme_endpoint_returns_the_scheme_or_404() {
    let server = common::spawn(common::fixture_app()).await;
    let r = server
        .client
        .get(server.url("/api/v1/schemes/minato-test-sogyo-loan"))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 200);
    let body: serde_json::Value = r.json().await.unwrap();
    assert_eq!(body["scheme"]["title"], "テスト区 創業資金融資あっせん");
    assert_eq!(body["status"], "always");
    assert_eq!(body["faqs"][0]["id"], "faq-test-001");
    let r = server
        .client
        .get(server.url("/api/v1/schemes/no-such"))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 404);
    let body: serde_json::Value = r.json().await.unwrap();
    assert_eq!(body["error"], "not_found");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn search_page_works_without_javascript_and_escapes_input() {
    let server = common::spawn(common::fixture_app()).await;
    let (status, html) = server.get_text("/search").await;
    assert_eq!(status, 200);
    assert!(html.contains(r#"<label for="q">"#) && html.contains(r#"<html lang="ja">"#));
    let (status, html) = server
        .get_text("/search?q=%E3%83%9B%E3%83%BC%E3%83%A0%E3%83%9A%E3%83%BC%E3%82%B8&level=ward")
        .await;
    assert_eq!(status, 200);
    assert!(html.contains("テスト区 広告宣伝費補助金"), "{html}");
    assert!(!html.contains("テスト国"), "level filter applied");
    let (status, html) = server
        .get_text("/search?q=%3Cscript%3Ealert(1)%3C%2Fscript%3E")
        .await;
    assert_eq!(status, 200);
    assert!(common::shows_escaped(&html, "<script>alert(1)</script>"));
    let (status, html) = server.get_text("/search?q=+").await;
    assert_eq!(status, 400);
    assert!(html.contains("検索語を入力してください"));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn pages_send_security_headers() {
    let server = common::spawn(common::fixture_app()).await;
    let r = server.client.get(server.url("/")).send().await.unwrap();
    let csp = r.headers()["content-security-policy"].to_str().unwrap();
    assert!(csp.contains("frame-ancestors 'none'") && csp.contains("script-src 'self'"));
    assert_eq!(r.headers()["x-content-type-options"], "nosniff");
    let html = r.text().await.unwrap();
    assert!(
        html.contains(r#"<form id="chat-widget-form" method="post" action="/chat""#),
        "chat widget with a plain form fallback"
    );
    assert!(html.contains(r#"<label for="chat-widget-message">"#));
    let (status, js) = server.get_text("/static/chat.js").await;
    assert_eq!(status, 200);
    assert!(js.contains("/api/v1/chat"));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_client_over_its_budget_gets_429_with_retry_after() {
    let mut app = common::fixture_app();
    app.settings.rate_limit_per_minute = 3;
    let server = common::spawn(app).await;
    for _ in 0..3 {
        let (status, _) = server
            .post_json("/api/v1/search", json!({"query": "創業"}))
            .await;
        assert_eq!(status, 200);
    }
    let r = server
        .client
        .post(server.url("/api/v1/search"))
        .json(&json!({"query": "創業"}))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 429);
    let retry: u64 = r.headers()["retry-after"]
        .to_str()
        .unwrap()
        .parse()
        .unwrap();
    assert!((1..=20).contains(&retry));
    let body: serde_json::Value = r.json().await.unwrap();
    assert_eq!(body["error"], "rate_limited");
    let (status, _) = server.get_text("/healthz").await;
    assert_eq!(status, 200, "the health check is exempt");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_scheme_resting_on_a_non_official_page_says_so() {
    let server = common::spawn(common::fixture_app()).await;

    let (status, html) = server.get_text("/schemes/tokyo-test-josei").await;
    assert_eq!(status, 200);
    assert!(
        html.contains("公式ページではなく民間の解説ページ"),
        "{html}"
    );
    assert!(html.contains("出典ページを見る（公式ではありません）"));
    assert!(!html.contains("公式ページで確認する"));
    // The officers' notes are there for whoever wants them, folded away below the facts.
    let notes_at = html
        .find("公式ページは未確認。助成率は民間の解説による。")
        .expect("notes shown");
    assert!(
        html[..notes_at]
            .contains(r#"<details class="source-notes"><summary>出典と確認状況のメモ</summary>"#)
    );
    assert!(html[..notes_at].contains("主な条件") || html[..notes_at].contains("詳しい内容"));

    let (status, html) = server.get_text("/schemes/minato-test-sogyo-loan").await;
    assert_eq!(status, 200);
    assert!(html.contains("公式ページで確認する"));
    assert!(!html.contains("公式ではありません"));

    let view: serde_json::Value = server
        .client
        .get(server.url("/api/v1/schemes/tokyo-test-josei"))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(view["official_source"], false);
    let view: serde_json::Value = server
        .client
        .get(server.url("/api/v1/schemes/minato-test-sogyo-loan"))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(view["official_source"], true);

    let (_, body) = server
        .post_json("/api/v1/search", json!({"query": "創業 助成"}))
        .await;
    let results = body["results"].as_array().unwrap();
    assert!(
        results.iter().any(|r| r["id"] == "tokyo-test-josei"),
        "{body}"
    );
    for r in results {
        assert_eq!(
            r["official_source"],
            r["url"]
                .as_str()
                .unwrap()
                .starts_with("https://example.org/"),
            "{r}"
        );
    }
}
