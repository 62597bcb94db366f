//! Reading requests: JSON bodies with our error shape, repeated form keys, cookies, and the
//! channel an API caller names.

use axum::Json;
use axum::extract::rejection::JsonRejection;
use axum::extract::{FromRequest, Request};
use axum::http::{HeaderMap, StatusCode, header};
use serde::de::DeserializeOwned;

use super::error::ApiError;
use crate::app::refusal::Wording;
use crate::domain::inquiry::Channel;

/// A page's query string as pairs, repeated keys kept (`level=ward&level=tokyo`); a page
/// validates its own fields, so reading the query never fails.
pub struct QueryPairs(pub Vec<(String, String)>);

impl<S: Send + Sync> axum::extract::FromRequestParts<S> for QueryPairs {
    type Rejection = std::convert::Infallible;

    async fn from_request_parts(
        parts: &mut axum::http::request::Parts,
        _state: &S,
    ) -> Result<Self, Self::Rejection> {
        Ok(QueryPairs(form_pairs(parts.uri.query())))
    }
}

/// Repeated keys (`level=ward&level=tokyo`) as a list of pairs.
pub fn form_pairs(raw: Option<&str>) -> Vec<(String, String)> {
    raw.map(|q| form_urlencoded::parse(q.as_bytes()).into_owned().collect())
        .unwrap_or_default()
}

/// Every value of `key`, in order.
pub fn values(pairs: &[(String, String)], key: &str) -> Vec<String> {
    pairs
        .iter()
        .filter(|(k, _)| k == key)
        .map(|(_, v)| v.clone())
        .collect()
}

/// The first value of `key`, trimmed; `None` when absent or blank.
pub fn first(pairs: &[(String, String)], key: &str) -> Option<String> {
    pairs
        .iter()
        .find(|(k, _)| k == key)
        .map(|(_, v)| v.trim().to_string())
        .filter(|v| !v.is_empty())
}

pub fn cookie(headers: &HeaderMap, name: &str) -> Option<String> {
    headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .find_map(|kv| {
            let (k, v) = kv.trim().split_once('=')?;
            (k == name).then(|| v.to_string())
        })
}

/// API callers may say they are the call centre (`X-Shien-Channel: operator`).
pub fn api_channel(headers: &HeaderMap) -> Channel {
    match headers.get("x-shien-channel").and_then(|v| v.to_str().ok()) {
        Some("operator") => Channel::Operator,
        Some("web") => Channel::Web,
        _ => Channel::Api,
    }
}

/// `Json<T>` whose rejections use our error shape.
pub struct ApiJson<T>(pub T);

impl<S, T> FromRequest<S> for ApiJson<T>
where
    T: DeserializeOwned,
    S: Send + Sync,
{
    type Rejection = ApiError;

    async fn from_request(req: Request, state: &S) -> Result<Self, Self::Rejection> {
        match Json::<T>::from_request(req, state).await {
            Ok(Json(v)) => Ok(ApiJson(v)),
            Err(rejection) => Err(match rejection {
                JsonRejection::MissingJsonContentType(_) => ApiError::UnsupportedMediaType,
                JsonRejection::JsonDataError(e) => ApiError::refused(
                    "invalid_field",
                    Wording::new("refusal-json-field").arg("detail", e.body_text()),
                ),
                JsonRejection::JsonSyntaxError(e) => ApiError::refused(
                    "invalid_json",
                    Wording::new("refusal-json-syntax").arg("detail", e.body_text()),
                ),
                JsonRejection::BytesRejection(e) if e.status() == StatusCode::PAYLOAD_TOO_LARGE => {
                    ApiError::PayloadTooLarge
                }
                other => ApiError::refused(
                    "invalid_body",
                    Wording::new("refusal-json-body").arg("detail", other.body_text()),
                ),
            }),
        }
    }
}
