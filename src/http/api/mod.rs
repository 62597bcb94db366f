//! JSON API handlers (`/api/v1/*`, `/healthz`).

pub mod chat;

use axum::Json;
use axum::extract::{Path, State};
use axum::http::HeaderMap;
use serde::{Deserialize, Serialize};

use super::error::{ApiError, ErrorBody, JsonErrors};
use super::extract::{ApiJson, api_channel};
use super::state::AppState;
use crate::app::engine::SearchOutcome;
use crate::app::recommend::parse_today;
use crate::app::refusal::Wording;
use crate::app::search::{SchemeView, SearchRequest as Search};
use crate::app::{AppError, Logged};
use crate::domain::recommend::RecommendOutcome;

#[derive(Debug, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct SearchRequest {
    #[schema(value_type = crate::http::fields::UserText)]
    pub query: String,
    #[serde(default, deserialize_with = "crate::domain::profile::integral")]
    #[schema(minimum = 1, maximum = 100)]
    pub top_k: Option<i64>,
    #[serde(default)]
    pub filters: FilterRequest,
}

#[derive(Debug, Default, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct FilterRequest {
    #[serde(default)]
    #[schema(value_type = Vec<crate::http::fields::LevelKey>)]
    pub level: Vec<String>,
    /// Purpose keys; an empty one means no filter, as on the search page.
    #[serde(default)]
    #[schema(value_type = Vec<crate::http::fields::PurposeChoice>)]
    pub purposes: Vec<String>,
    #[serde(default)]
    pub open_only: bool,
}

#[utoipa::path(post, path = "/api/v1/search", tag = "search", request_body = SearchRequest, responses((status = 200, description = "ランク付けした制度とFAQ", body = Logged<SearchOutcome>), JsonErrors))]
pub async fn search(
    State(state): State<AppState>,
    headers: HeaderMap,
    ApiJson(req): ApiJson<SearchRequest>,
) -> Result<Json<Logged<SearchOutcome>>, ApiError> {
    let search = Search {
        query: &req.query,
        top_k: req.top_k,
        levels: &req.filters.level,
        purposes: &req.filters.purposes,
        open_only: req.filters.open_only,
    };
    Ok(Json(
        state.app.search(&search, api_channel(&headers)).await?,
    ))
}

#[utoipa::path(get, path = "/api/v1/schemes/{id}", tag = "search", params(("id" = String, Path, description = "制度ID", example = "minato-sogyo-hojo")), responses((status = 200, description = "制度の全項目と受付状況・関連FAQ", body = SchemeView), (status = 404, description = "該当なし", body = ErrorBody), (status = 429, description = "アクセス過多", body = ErrorBody)))]
pub async fn scheme(
    State(state): State<AppState>,
    Path(id): Path<String>,
) -> Result<Json<serde_json::Value>, ApiError> {
    let engine = state.app.engine();
    let view = state.app.scheme(&engine.corpus, &id).map_err(|e| match e {
        AppError::NotFound(_) => {
            ApiError::not_found(Wording::new("refusal-no-scheme").arg("id", &id))
        }
        other => other.into(),
    })?;
    serde_json::to_value(view)
        .map(Json)
        .map_err(|e| ApiError::Internal(e.to_string()))
}

#[utoipa::path(get, path = "/healthz", tag = "ops", responses((status = 200, description = "稼働状況", body = Health)))]
pub async fn health(State(state): State<AppState>) -> Json<Health> {
    let h = state.app.health().await;
    Json(Health {
        status: "ok",
        schemes: h.schemes,
        faqs: h.faqs,
        database: if h.database_ok { "ok" } else { "unavailable" },
        inquiry_log: h.log,
        query_vectors: QueryVectorCounts {
            hits: h.query_vector_hits,
            misses: h.query_vector_misses,
        },
    })
}

/// The in-memory cache of query vectors since start-up.
#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct QueryVectorCounts {
    pub hits: u64,
    pub misses: u64,
}

/// The service answers even when the inquiry-log database is down (`database: unavailable`);
/// log entries are then spooled, as `inquiry_log` shows.
#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct Health {
    pub status: &'static str,
    pub schemes: usize,
    pub faqs: usize,
    /// `ok` or `unavailable`.
    pub database: &'static str,
    pub inquiry_log: crate::app::LogCounts,
    pub query_vectors: QueryVectorCounts,
}

#[derive(Debug, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct RecommendRequest {
    #[schema(value_type = crate::http::fields::Answers)]
    pub answers: crate::domain::profile::Answers,
    /// The day to judge application windows on (default: today in Tokyo).
    #[serde(default)]
    #[schema(value_type = Option<chrono::NaiveDate>)]
    pub today: Option<String>,
}

#[utoipa::path(post, path = "/api/v1/recommend", tag = "recommend", request_body = RecommendRequest, responses((status = 200, description = "質問票の回答に合う制度", body = Logged<RecommendOutcome>), JsonErrors))]
pub async fn recommend(
    State(state): State<AppState>,
    headers: HeaderMap,
    ApiJson(req): ApiJson<RecommendRequest>,
) -> Result<Json<Logged<RecommendOutcome>>, ApiError> {
    let today = parse_today(req.today.as_deref())?;
    Ok(Json(
        state
            .app
            .recommend(req.answers, today, api_channel(&headers))
            .await?,
    ))
}
