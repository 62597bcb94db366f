//! The published API contract (`/api/openapi.json`) and TLS termination in the binary.

mod common;

use std::collections::BTreeSet;

/// Every route the router serves, read from the router's source, so a new route cannot be
/// added without the contract noticing.
fn routes_in_router() -> BTreeSet<(String, String)> {
    let source = std::fs::read_to_string(common::repo().join("src/http/mod.rs")).unwrap();
    // Each `.route(` call up to the next one (rustfmt may spread a call over several lines).
    let path = regex::Regex::new(r#"^\s*"([^"]+)""#).unwrap();
    let method = regex::Regex::new(r"\b(get|post)\(").unwrap();
    let mut out = BTreeSet::new();
    for chunk in source.split(".route(").skip(1) {
        let chunk = chunk.split(".fallback(").next().unwrap_or(chunk);
        let Some(p) = path.captures(chunk) else {
            continue;
        };
        for m in method.captures_iter(chunk) {
            out.insert((p[1].to_string(), m[1].to_string()));
        }
    }
    out
}

#[tokio::test(flavor = "multi_thread")]
async fn the_openapi_document_covers_every_route_and_error_shape() {
    let server = common::spawn(common::fixture_app()).await;
    let (status, doc) = {
        let r = server
            .client
            .get(server.url("/api/openapi.json"))
            .send()
            .await
            .unwrap();
        (
            r.status().as_u16(),
            r.json::<serde_json::Value>().await.unwrap(),
        )
    };
    assert_eq!(status, 200);
    assert!(
        doc["openapi"].as_str().unwrap().starts_with("3."),
        "{}",
        doc["openapi"]
    );
    let documented: BTreeSet<(String, String)> = doc["paths"]
        .as_object()
        .unwrap()
        .iter()
        .flat_map(|(p, item)| {
            item.as_object()
                .unwrap()
                .keys()
                .map(move |m| (p.clone(), m.clone()))
        })
        .collect();
    let served = routes_in_router();
    assert!(served.len() >= 25, "router parsed: {served:?}");
    let undocumented: Vec<_> = served.difference(&documented).collect();
    assert!(
        undocumented.is_empty(),
        "routes missing from the OpenAPI document: {undocumented:?}"
    );
    let phantom: Vec<_> = documented.difference(&served).collect();
    assert!(phantom.is_empty(), "documented but not served: {phantom:?}");

    // JSON endpoints declare their errors with the one error shape.
    for (path, method) in [
        ("/api/v1/search", "post"),
        ("/api/v1/recommend", "post"),
        ("/api/v1/chat", "post"),
        ("/api/v1/feedback", "post"),
    ] {
        let responses = &doc["paths"][path][method]["responses"];
        for code in ["400", "413", "415", "429"] {
            let schema = &responses[code]["content"]["application/json"]["schema"]["$ref"];
            assert_eq!(
                schema, "#/components/schemas/ErrorBody",
                "{method} {path} {code}"
            );
        }
    }
    let error = &doc["components"]["schemas"]["ErrorBody"];
    assert_eq!(error["required"], serde_json::json!(["error", "message"]));
    // Admin endpoints say they need the staff session cookie.
    assert_eq!(
        doc["components"]["securitySchemes"]["staff_session"]["in"],
        "cookie"
    );
    assert!(doc["paths"]["/admin/export/inquiries.csv"]["get"]["security"].is_array());
    // Console pages answer a request without a session by redirecting to the login form, and
    // downloads with 401: each says so, or clients (schemathesis among them) take the redirect
    // for an undocumented answer.
    for (path, method) in &served {
        let responses = &doc["paths"][path][method]["responses"];
        let refusal = if path.ends_with(".csv") || path.starts_with("/admin/export") {
            "401"
        } else if path.starts_with("/admin") && path != "/admin/login" {
            "303"
        } else {
            continue;
        };
        assert!(
            responses.get(refusal).is_some(),
            "{method} {path} does not document {refusal}"
        );
    }
}

#[tokio::test(flavor = "multi_thread")]
async fn a_search_response_matches_its_documented_fields() {
    let server = common::spawn(common::fixture_app()).await;
    let (_, doc) = (
        0,
        server
            .client
            .get(server.url("/api/openapi.json"))
            .send()
            .await
            .unwrap()
            .json::<serde_json::Value>()
            .await
            .unwrap(),
    );
    let (status, body) = server
        .post_json(
            "/api/v1/search",
            serde_json::json!({"query": "創業 補助金"}),
        )
        .await;
    assert_eq!(status, 200);
    assert!(
        uuid::Uuid::parse_str(body["inquiry_id"].as_str().unwrap()).is_ok(),
        "a logged search returns its inquiry id: {body}"
    );
    let hit_schema = &doc["components"]["schemas"]["SchemeHit"];
    let required: Vec<&str> = hit_schema["required"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v.as_str().unwrap())
        .collect();
    let hit = body["results"][0].as_object().unwrap();
    for field in required {
        assert!(
            hit.contains_key(field),
            "documented field {field} missing in {hit:?}"
        );
    }
    for field in hit.keys() {
        assert!(
            hit_schema["properties"].get(field).is_some(),
            "served field {field} is not documented"
        );
    }
}

fn self_signed() -> (
    tempfile::TempDir,
    std::path::PathBuf,
    std::path::PathBuf,
    reqwest::Certificate,
) {
    let cert = rcgen::generate_simple_self_signed(vec!["localhost".to_string()]).unwrap();
    let dir = tempfile::tempdir().unwrap();
    let (cert_path, key_path) = (dir.path().join("cert.pem"), dir.path().join("key.pem"));
    std::fs::write(&cert_path, cert.cert.pem()).unwrap();
    std::fs::write(&key_path, cert.signing_key.serialize_pem()).unwrap();
    let root = reqwest::Certificate::from_pem(cert.cert.pem().as_bytes()).unwrap();
    (dir, cert_path, key_path, root)
}

#[tokio::test(flavor = "multi_thread")]
async fn tls_termination_serves_https_with_hsts() {
    let (_dir, cert, key, root) = self_signed();
    let tls = shien_navi::http::tls::load(&cert, &key).await.unwrap();
    let mut app = common::fixture_app();
    let db = tempfile::tempdir().unwrap();
    app.settings.database_url =
        shien_navi::config::Secret::new(format!("sqlite://{}/log.sqlite", db.path().display()));
    let state = shien_navi::http::AppState::new(app).await.unwrap();
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let port = listener.local_addr().unwrap().port();
    tokio::spawn(shien_navi::http::serve_with(state, listener, Some(tls)));

    let client = reqwest::Client::builder()
        .add_root_certificate(root)
        .resolve("localhost", ([127, 0, 0, 1], port).into())
        .build()
        .unwrap();
    let r = client
        .get(format!("https://localhost:{port}/healthz"))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 200);
    assert!(
        r.headers()["strict-transport-security"]
            .to_str()
            .unwrap()
            .contains("max-age=")
    );
    assert_eq!(r.headers()["x-content-type-options"], "nosniff");
    let r = client
        .post(format!("https://localhost:{port}/api/v1/search"))
        .json(&serde_json::json!({"query": "創業"}))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 200);

    // Plain HTTP to the TLS port gets no page.
    let plain = reqwest::Client::new()
        .get(format!("http://127.0.0.1:{port}/healthz"))
        .send()
        .await;
    assert!(plain.is_err() || !plain.unwrap().status().is_success());
}

#[tokio::test]
async fn a_corrupt_tls_key_is_refused_at_start_up() {
    let (_dir, cert, key, _) = self_signed();
    std::fs::write(
        &key,
        "-----BEGIN PRIVATE KEY-----\nnot a key\n-----END PRIVATE KEY-----\n",
    )
    .unwrap();
    let err = shien_navi::http::tls::load(&cert, &key)
        .await
        .unwrap_err()
        .to_string();
    assert!(err.contains("key.pem"), "{err}");
}
