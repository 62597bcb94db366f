//! JSON API errors are worded in the caller's language: `?lang=`, the `shien_lang` cookie, or
//! a chat request's own `lang`; Japanese otherwise. The code stays the same in every language.

mod common;

use serde_json::{Value, json};

async fn post(
    server: &common::TestServer,
    path: &str,
    cookie: Option<&str>,
    body: Value,
) -> (u16, Value) {
    let mut request = reqwest::Client::new().post(server.url(path)).json(&body);
    if let Some(cookie) = cookie {
        request = request.header("cookie", cookie);
    }
    let response = request.send().await.unwrap();
    let status = response.status().as_u16();
    (status, response.json().await.unwrap())
}

fn message(body: &Value) -> &str {
    body["message"].as_str().unwrap()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn search_errors_follow_the_chosen_language() {
    let server = common::spawn(common::fixture_app()).await;
    let body = json!({"query": "創業", "top_k": 500});

    let (status, ja) = post(&server, "/api/v1/search", None, body.clone()).await;
    assert_eq!(status, 400);
    assert_eq!(
        message(&ja),
        "top_k: top_k は 1〜100 の範囲で指定してください（500）。"
    );

    let (status, en) = post(&server, "/api/v1/search?lang=en", None, body.clone()).await;
    assert_eq!(status, 400);
    assert_eq!(en["error"], ja["error"]);
    assert_eq!(
        message(&en),
        "top_k: top_k must be between 1 and 100 (got 500)."
    );

    let (_, easy) = post(&server, "/api/v1/search", Some("shien_lang=easy"), body).await;
    assert_eq!(easy["error"], ja["error"]);
    assert_eq!(
        message(&easy),
        "top_k: top_k は 1から 100までの 数に して ください（500）。"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_chat_request_naming_its_language_is_refused_in_it() {
    let server = common::spawn(common::fixture_app()).await;
    let (status, body) = post(
        &server,
        "/api/v1/chat",
        None,
        json!({"message": "   ", "lang": "en"}),
    )
    .await;
    assert_eq!(status, 400);
    assert_eq!(body["error"], "empty_message");
    assert_eq!(message(&body), "message: Please enter a message.");

    // The request's own language wins over the cookie's.
    let (_, body) = post(
        &server,
        "/api/v1/chat",
        Some("shien_lang=en"),
        json!({"message": "", "lang": "ja"}),
    )
    .await;
    assert_eq!(message(&body), "message: メッセージを入力してください。");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn questionnaire_and_body_errors_are_worded_in_english() {
    let server = common::spawn(common::fixture_app()).await;
    let answers =
        json!({"location": "minato", "industry": "製造業", "employees": -3, "corporate": true});
    let (status, body) = post(
        &server,
        "/api/v1/recommend?lang=en",
        None,
        json!({"answers": answers}),
    )
    .await;
    assert_eq!(status, 400, "{body}");
    assert_eq!(body["error"], "invalid_answer");
    assert_eq!(
        message(&body),
        "answers.employees: Please give a number of people of 0 or more (got -3)."
    );

    let (status, body) = post(
        &server,
        "/api/v1/search?lang=en",
        None,
        json!({"q": "創業"}),
    )
    .await;
    assert_eq!(status, 400);
    assert_eq!(body["error"], "invalid_field");
    assert!(
        message(&body).starts_with("A field of the request is not right ("),
        "{body}"
    );

    let response = reqwest::Client::new()
        .post(server.url("/api/v1/search?lang=en"))
        .body("{\"query\": \"創業\"}")
        .send()
        .await
        .unwrap();
    assert_eq!(response.status().as_u16(), 415);
    let body: Value = response.json().await.unwrap();
    assert_eq!(
        message(&body),
        "Please send it with Content-Type: application/json."
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_unknown_scheme_is_named_in_the_callers_language() {
    let server = common::spawn(common::fixture_app()).await;
    let (status, text) = server
        .get_text("/api/v1/schemes/no-such-scheme?lang=en")
        .await;
    assert_eq!(status, 404);
    let body: Value = serde_json::from_str(&text).unwrap();
    assert_eq!(body["error"], "not_found");
    assert_eq!(
        message(&body),
        "There is no scheme with the id no-such-scheme."
    );

    // The test client keeps the cookie the English request set, so Japanese is asked for.
    let (_, text) = server
        .get_text("/api/v1/schemes/no-such-scheme?lang=ja")
        .await;
    let body: Value = serde_json::from_str(&text).unwrap();
    assert_eq!(message(&body), "制度 no-such-scheme は見つかりません。");
}
