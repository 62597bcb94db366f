//! Middleware: per-IP rate limiting (see [`super::rate_limit`]; static files and the health
//! check are exempt) and the security headers every response carries.

use std::net::SocketAddr;
use std::time::Instant;

use axum::extract::{ConnectInfo, Request, State};
use axum::http::{HeaderName, HeaderValue};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use tower_http::set_header::SetResponseHeaderLayer;

use super::error::ApiError;
use super::state::AppState;

pub async fn limit(
    State(state): State<AppState>,
    ConnectInfo(addr): ConnectInfo<SocketAddr>,
    request: Request,
    next: Next,
) -> Response {
    let path = request.uri().path();
    if path.starts_with("/static/") || path == "/healthz" {
        return next.run(request).await;
    }
    match state.limiter.check(addr.ip(), Instant::now()) {
        Ok(()) => next.run(request).await,
        Err(retry_after_secs) => {
            tracing::warn!(ip = %addr.ip(), path, "rate limited");
            ApiError::TooManyRequests { retry_after_secs }.into_response()
        }
    }
}

pub fn security_headers() -> SetResponseHeaderLayer<HeaderValue> {
    header(
        "content-security-policy",
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; form-action 'self'; frame-ancestors 'none'; base-uri 'none'",
    )
}

pub fn header(name: &'static str, value: &'static str) -> SetResponseHeaderLayer<HeaderValue> {
    SetResponseHeaderLayer::if_not_present(
        HeaderName::from_static(name),
        HeaderValue::from_static(value),
    )
}
