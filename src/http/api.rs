//! JSON API handlers (`/api/v1/*`).

use std::sync::Arc;

use axum::Json;
use axum::extract::{Path, State};
use serde::{Deserialize, Serialize};

use super::error::{ApiError, ApiJson};
use crate::domain::search::{SearchFilters, SearchQuery, parse_top_k};
use crate::domain::{Faq, Scheme};
use crate::service::{App, SearchOutcome, tokyo_today};

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SearchRequest {
    pub query: String,
    #[serde(default)]
    pub top_k: Option<i64>,
    #[serde(default)]
    pub filters: FilterRequest,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FilterRequest {
    #[serde(default)]
    pub level: Vec<String>,
    #[serde(default)]
    pub purposes: Vec<String>,
    #[serde(default)]
    pub open_only: bool,
}

pub async fn search(State(app): State<Arc<App>>, ApiJson(req): ApiJson<SearchRequest>) -> Result<Json<SearchOutcome>, ApiError> {
    let query = SearchQuery::parse(&req.query)?;
    let filters = SearchFilters::parse(&req.filters.level, &req.filters.purposes, req.filters.open_only)?;
    let top_k = parse_top_k(req.top_k)?;
    let outcome = tokio::task::block_in_place(|| app.search(&query, &filters, top_k, tokyo_today()))?;
    Ok(Json(outcome))
}

#[derive(Debug, Serialize)]
pub struct SchemeView<'a> {
    #[serde(flatten)]
    pub scheme: &'a Scheme,
    pub status: crate::domain::WindowStatus,
    pub deadline: Option<chrono::NaiveDate>,
    pub faqs: Vec<&'a Faq>,
}

pub async fn scheme(State(app): State<Arc<App>>, Path(id): Path<String>) -> Result<Json<serde_json::Value>, ApiError> {
    let scheme = app.scheme(&id).ok_or_else(|| ApiError::not_found(format!("制度 {id} は見つかりません。")))?;
    let today = tokyo_today();
    let view = SchemeView {
        scheme,
        status: scheme.window.status_on(today),
        deadline: scheme.window.deadline_on(today),
        faqs: app.corpus.faqs_for(&scheme.id).collect(),
    };
    serde_json::to_value(view).map(Json).map_err(|e| ApiError::Internal(e.to_string()))
}

pub async fn health(State(app): State<Arc<App>>) -> Json<serde_json::Value> {
    Json(serde_json::json!({"status": "ok", "schemes": app.corpus.schemes.len(), "faqs": app.corpus.faqs.len()}))
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RecommendRequest {
    pub answers: crate::domain::profile::Answers,
    #[serde(default)]
    pub today: Option<String>,
}

pub fn parse_today(today: Option<&str>) -> Result<chrono::NaiveDate, ApiError> {
    match today {
        None => Ok(tokyo_today()),
        Some(s) => chrono::NaiveDate::parse_from_str(s, "%Y-%m-%d").map_err(|_| ApiError::bad_request("invalid_field", format!("today: YYYY-MM-DD 形式で指定してください（{s}）"))),
    }
}

pub async fn recommend(State(app): State<Arc<App>>, ApiJson(req): ApiJson<RecommendRequest>) -> Result<Json<crate::domain::recommend::RecommendOutcome>, ApiError> {
    let today = parse_today(req.today.as_deref())?;
    let (_, outcome) = app.recommend(req.answers, today)?;
    Ok(Json(outcome))
}
