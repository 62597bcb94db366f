//! The HTTP adapter: routes, extractors, pages and middleware. Handlers are thin: they read the
//! request, call one action of [`crate::app::App`], and render its outcome.

pub mod api;
pub mod error;
pub mod extract;
pub mod fields;
pub mod language;
pub mod middleware;
pub mod openapi;
pub mod pages;
pub mod rate_limit;
pub mod state;
pub mod tls;

use std::time::Duration;

use axum::Router;
use axum::extract::DefaultBodyLimit;
use axum::http::Request;
use axum::routing::{get, post};
use tower_http::timeout::TimeoutLayer;
use tower_http::trace::TraceLayer;

use middleware::{header, security_headers};
use pages::admin;
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
        .route("/search", get(pages::search::search_page))
        .route("/schemes/{id}", get(pages::scheme::scheme_page))
        .route("/static/app.css", get(pages::stylesheet))
        .route("/static/chat.js", get(pages::chat_script))
        .route("/healthz", get(api::health))
        .route("/api/openapi.json", get(openapi::openapi_json))
        .route("/api/v1/search", post(api::search))
        .route("/api/v1/schemes/{id}", get(api::scheme))
        .route("/api/v1/recommend", post(api::recommend))
        .route("/recommend", get(pages::recommend::questionnaire_page))
        .route("/recommend/results", get(pages::recommend::results_page))
        .route("/api/v1/chat", post(api::chat::chat))
        .route("/api/v1/feedback", post(api::chat::feedback))
        .route(
            "/chat",
            get(pages::chat::chat_page).post(pages::chat::chat_post),
        )
        .route("/admin", get(admin::dashboard::dashboard))
        .route(
            "/admin/login",
            get(admin::auth::login_form).post(admin::auth::login),
        )
        .route("/admin/logout", post(admin::auth::logout))
        .route("/admin/inquiries", get(admin::inquiries::inquiries))
        .route(
            "/admin/inquiries/{id}",
            get(admin::inquiries::inquiry_detail),
        )
        .route("/admin/tickets", get(admin::tickets::tickets))
        .route(
            "/admin/tickets/{id}/done",
            post(admin::tickets::ticket_done),
        )
        .route("/admin/report", get(admin::report::report))
        .route("/admin/report.csv", get(admin::report::report_csv))
        .route("/admin/freshness", get(admin::freshness::freshness))
        .route("/admin/corpus", get(admin::corpus::list))
        .route(
            "/admin/corpus/entry",
            get(admin::corpus::edit_form)
                .post(admin::corpus::save)
                .layer(DefaultBodyLimit::max(admin::corpus::EDIT_BODY_LIMIT_BYTES)),
        )
        .route(
            "/admin/corpus/new",
            get(admin::corpus::new_form).post(admin::corpus::create),
        )
        .route(
            "/admin/corpus/delete",
            get(admin::corpus::delete_form).post(admin::corpus::delete),
        )
        .route("/admin/corpus/history", get(admin::corpus::history))
        .route("/admin/corpus/rollback", post(admin::corpus::rollback))
        .route(
            "/admin/accounts",
            get(admin::accounts::accounts).post(admin::accounts::create_account),
        )
        .route(
            "/admin/accounts/{username}/role",
            post(admin::accounts::change_role),
        )
        .route(
            "/admin/accounts/{username}/password",
            post(admin::accounts::reset_password),
        )
        .route("/admin/audit", get(admin::audit::audit_log))
        .route("/admin/judgments", get(admin::judgments::judgments))
        .route(
            "/admin/inquiries/{id}/judgments",
            post(admin::judgments::record),
        )
        .route(
            "/admin/judgments/{id}/approve",
            post(admin::judgments::approve),
        )
        .route(
            "/admin/judgments/{id}/reject",
            post(admin::judgments::reject),
        )
        .route(
            "/admin/export/inquiries.csv",
            get(admin::export::export_inquiries),
        )
        .route(
            "/admin/export/tickets.csv",
            get(admin::export::export_tickets),
        )
        .fallback(pages::not_found)
        // The language is chosen outside the rate limit, so that its refusals are worded too.
        .layer(axum::middleware::from_fn_with_state(
            state.clone(),
            middleware::limit,
        ))
        .layer(axum::middleware::from_fn_with_state(
            state.clone(),
            language::choose,
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
    let shien = state.app.clone();
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
    shien.flush_log().await;
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
