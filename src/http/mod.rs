//! The HTTP adapter: routes, extractors, pages and middleware. Handlers are thin; the work
//! happens in [`crate::service`].

pub mod admin;
pub mod api;
pub mod chat_api;
pub mod error;
pub mod html;
pub mod limit;
pub mod openapi;
pub mod pages;
pub mod recommend_pages;
pub mod state;
pub mod tls;

use std::time::Duration;

use axum::Router;
use axum::extract::DefaultBodyLimit;
use axum::http::{HeaderName, HeaderValue, Request};
use axum::routing::{get, post};
use tower_http::set_header::SetResponseHeaderLayer;
use tower_http::timeout::TimeoutLayer;
use tower_http::trace::TraceLayer;

pub use state::AppState;

/// Public JSON bodies are small; anything larger is refused before parsing.
pub const BODY_LIMIT_BYTES: usize = 16 * 1024;

pub fn router(state: AppState) -> Router {
    let trace = TraceLayer::new_for_http().make_span_with(|req: &Request<_>| {
        let route = req.extensions().get::<axum::extract::MatchedPath>().map(|p| p.as_str().to_owned()).unwrap_or_default();
        tracing::info_span!("request", method = %req.method(), path = %req.uri().path(), route = %route)
    });
    Router::new()
        .route("/", get(pages::home))
        .route("/search", get(pages::search_page))
        .route("/schemes/{id}", get(pages::scheme_page))
        .route("/static/app.css", get(pages::stylesheet))
        .route("/static/chat.js", get(pages::chat_script))
        .route("/healthz", get(api::health))
        .route("/api/openapi.json", get(openapi::openapi_json))
        .route("/api/v1/search", post(api::search))
        .route("/api/v1/schemes/{id}", get(api::scheme))
        .route("/api/v1/recommend", post(api::recommend))
        .route("/recommend", get(recommend_pages::questionnaire_page))
        .route("/recommend/results", get(recommend_pages::results_page))
        .route("/api/v1/chat", post(chat_api::chat))
        .route("/api/v1/feedback", post(chat_api::feedback))
        .route("/chat", get(chat_api::chat_page).post(chat_api::chat_post))
        .route("/admin", get(admin::dashboard))
        .route("/admin/login", get(admin::login_form).post(admin::login))
        .route("/admin/logout", post(admin::logout))
        .route("/admin/inquiries", get(admin::inquiries))
        .route("/admin/inquiries/{id}", get(admin::inquiry_detail))
        .route("/admin/tickets", get(admin::tickets))
        .route("/admin/tickets/{id}/done", post(admin::ticket_done))
        .route("/admin/export/inquiries.csv", get(admin::export_inquiries))
        .route("/admin/export/tickets.csv", get(admin::export_tickets))
        .fallback(pages::not_found)
        .layer(axum::middleware::from_fn_with_state(
            state.clone(),
            limit::limit,
        ))
        .layer(DefaultBodyLimit::max(BODY_LIMIT_BYTES))
        .layer(security_headers())
        .layer(header("x-content-type-options", "nosniff"))
        .layer(header("referrer-policy", "same-origin"))
        .layer(header("x-frame-options", "DENY"))
        .layer(TimeoutLayer::with_status_code(
            axum::http::StatusCode::REQUEST_TIMEOUT,
            Duration::from_secs(30),
        ))
        .layer(trace)
        .with_state(state)
}

fn security_headers() -> SetResponseHeaderLayer<HeaderValue> {
    header(
        "content-security-policy",
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; form-action 'self'; frame-ancestors 'none'; base-uri 'none'",
    )
}

fn header(name: &'static str, value: &'static str) -> SetResponseHeaderLayer<HeaderValue> {
    SetResponseHeaderLayer::if_not_present(
        HeaderName::from_static(name),
        HeaderValue::from_static(value),
    )
}

/// Serves plain HTTP until Ctrl-C or SIGTERM, finishing requests in flight.
pub async fn serve(state: AppState, listener: tokio::net::TcpListener) -> std::io::Result<()> {
    serve_with(state, listener, None).await
}

/// Serves HTTP, or HTTPS when a TLS configuration is given, until Ctrl-C or SIGTERM.
pub async fn serve_with(
    state: AppState,
    listener: tokio::net::TcpListener,
    tls: Option<tls::RustlsConfig>,
) -> std::io::Result<()> {
    let log = state.ops.log.clone();
    let hsts = tls.is_some();
    let mut app = router(state);
    if hsts {
        app = app.layer(header(
            "strict-transport-security",
            "max-age=31536000; includeSubDomains",
        ));
    }
    let service = app.into_make_service_with_connect_info::<std::net::SocketAddr>();
    let result = match tls {
        None => {
            axum::serve(listener, service)
                .with_graceful_shutdown(shutdown_signal())
                .await
        }
        Some(config) => {
            let handle = axum_server::Handle::new();
            let stopper = handle.clone();
            tokio::spawn(async move {
                shutdown_signal().await;
                stopper.graceful_shutdown(Some(Duration::from_secs(30)));
            });
            axum_server::from_tcp_rustls(listener.into_std()?, config)?
                .handle(handle)
                .serve(service)
                .await
        }
    };
    // Write what is still queued before exiting.
    log.flush().await;
    result
}

async fn shutdown_signal() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let term = async {
        if let Ok(mut s) = tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate())
        {
            s.recv().await;
        }
    };
    #[cfg(not(unix))]
    let term = std::future::pending::<()>();
    tokio::select! { _ = ctrl_c => {}, _ = term => {} }
    tracing::info!("shutting down");
}
