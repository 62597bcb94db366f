//! JSON API handlers (`/api/v1/*`).

use std::sync::Arc;

use axum::Json;
use axum::extract::{Path, State};
use serde::{Deserialize, Serialize};

use axum::http::HeaderMap;

use super::error::{ApiError, ApiJson, ErrorBody, JsonErrors};
use super::state::{AppState, api_channel};
use crate::domain::inquiry::{Channel, Inquiry, InquiryKind, LogEntry, ShownResult};
use crate::domain::recommend::RecommendOutcome;
use crate::domain::search::{SearchFilters, SearchQuery, parse_top_k};
use crate::domain::{Faq, Scheme};
use crate::service::{App, SearchOutcome, tokyo_today};

#[derive(Debug, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct SearchRequest {
    #[schema(value_type = super::openapi::fields::UserText)]
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
    #[schema(value_type = Vec<super::openapi::fields::LevelKey>)]
    pub level: Vec<String>,
    #[serde(default)]
    #[schema(value_type = Vec<super::openapi::fields::PurposeKey>)]
    pub purposes: Vec<String>,
    #[serde(default)]
    pub open_only: bool,
}

/// A response that was logged: its `inquiry_id` is what `POST /api/v1/feedback` refers to.
#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct Logged<T> {
    pub inquiry_id: String,
    #[serde(flatten)]
    pub outcome: T,
}

#[utoipa::path(post, path = "/api/v1/search", tag = "search", request_body = SearchRequest, responses((status = 200, description = "ランク付けした制度とFAQ", body = Logged<SearchOutcome>), JsonErrors))]
pub async fn search(
    State(state): State<AppState>,
    headers: HeaderMap,
    ApiJson(req): ApiJson<SearchRequest>,
) -> Result<Json<Logged<SearchOutcome>>, ApiError> {
    let query = SearchQuery::parse(&req.query)?;
    let filters = SearchFilters::parse(
        &req.filters.level,
        &req.filters.purposes,
        req.filters.open_only,
    )?;
    let top_k = parse_top_k(req.top_k)?;
    let outcome =
        tokio::task::block_in_place(|| state.app.search(&query, &filters, top_k, tokyo_today()))?;
    let inquiry = search_inquiry(
        &state.app,
        api_channel(&headers),
        &query,
        &filters,
        &outcome,
    );
    let inquiry_id = inquiry.id.clone();
    state.record(LogEntry::Inquiry(inquiry)).await;
    Ok(Json(Logged {
        inquiry_id,
        outcome,
    }))
}

/// The log record of a search: masked query, what was shown and why.
pub fn search_inquiry(
    app: &App,
    channel: Channel,
    query: &SearchQuery,
    filters: &SearchFilters,
    outcome: &SearchOutcome,
) -> Inquiry {
    let mut i = Inquiry::new(channel, InquiryKind::Search, app.mask(query.as_str()));
    i.results = outcome
        .results
        .iter()
        .map(|h| ShownResult {
            id: h.id.clone(),
            score: h.score,
            explanation: serde_json::to_value(h.explanation).ok(),
        })
        .collect();
    i.purposes = filters.purposes.clone();
    i.latency_ms = outcome.took_ms;
    i.confidence = outcome
        .results
        .first()
        .map(|h| crate::chat::confidence_of(h.explanation.lexical_words));
    i
}

#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct SchemeView<'a> {
    pub scheme: &'a Scheme,
    pub status: crate::domain::WindowStatus,
    pub deadline: Option<chrono::NaiveDate>,
    /// False when `scheme.source_url` is not the provider's own page (see `corpus/sources.toml`).
    pub official_source: bool,
    pub faqs: Vec<&'a Faq>,
}

#[utoipa::path(get, path = "/api/v1/schemes/{id}", tag = "search", params(("id" = String, Path, description = "制度ID", example = "minato-sogyo-hojo")), responses((status = 200, description = "制度の全項目と受付状況・関連FAQ", body = SchemeView), (status = 404, description = "該当なし", body = ErrorBody), (status = 429, description = "アクセス過多", body = ErrorBody)))]
pub async fn scheme(
    State(app): State<Arc<App>>,
    Path(id): Path<String>,
) -> Result<Json<serde_json::Value>, ApiError> {
    let scheme = app
        .scheme(&id)
        .ok_or_else(|| ApiError::not_found(format!("制度 {id} は見つかりません。")))?;
    let today = tokyo_today();
    let view = SchemeView {
        scheme,
        status: scheme.window.status_on(today),
        deadline: scheme.window.deadline_on(today),
        official_source: app.corpus.is_official_source(&scheme.source_url),
        faqs: app.corpus.faqs_for(&scheme.id).collect(),
    };
    serde_json::to_value(view)
        .map(Json)
        .map_err(|e| ApiError::Internal(e.to_string()))
}

#[utoipa::path(get, path = "/healthz", tag = "ops", responses((status = 200, description = "稼働状況", body = Health)))]
pub async fn health(State(state): State<AppState>) -> Json<Health> {
    let database = state.ops.store.ping().await.is_ok();
    Json(Health {
        status: "ok",
        schemes: state.app.corpus.schemes.len(),
        faqs: state.app.corpus.faqs.len(),
        database: if database { "ok" } else { "unavailable" },
        inquiry_log: state.ops.log.counts(),
        query_vectors: {
            let (hits, misses) = state.app.query_vector_counters();
            QueryVectorCounts { hits, misses }
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
    pub inquiry_log: crate::store::LogCounts,
    pub query_vectors: QueryVectorCounts,
}

#[derive(Debug, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct RecommendRequest {
    #[schema(value_type = super::openapi::fields::Answers)]
    pub answers: crate::domain::profile::Answers,
    /// The day to judge application windows on (default: today in Tokyo).
    #[serde(default)]
    #[schema(value_type = Option<chrono::NaiveDate>)]
    pub today: Option<String>,
}

pub fn parse_today(today: Option<&str>) -> Result<chrono::NaiveDate, ApiError> {
    match today {
        None => Ok(tokyo_today()),
        Some(s) => chrono::NaiveDate::parse_from_str(s, "%Y-%m-%d").map_err(|_| {
            ApiError::bad_request(
                "invalid_field",
                format!("today: YYYY-MM-DD 形式で指定してください（{s}）"),
            )
        }),
    }
}

#[utoipa::path(post, path = "/api/v1/recommend", tag = "recommend", request_body = RecommendRequest, responses((status = 200, description = "質問票の回答に合う制度", body = Logged<RecommendOutcome>), JsonErrors))]
pub async fn recommend(
    State(state): State<AppState>,
    headers: HeaderMap,
    ApiJson(req): ApiJson<RecommendRequest>,
) -> Result<Json<Logged<RecommendOutcome>>, ApiError> {
    let today = parse_today(req.today.as_deref())?;
    let started = std::time::Instant::now();
    let (profile, outcome) = state.app.recommend(req.answers, today)?;
    let inquiry = recommend_inquiry(
        &state.app,
        api_channel(&headers),
        &profile,
        &outcome,
        started,
    );
    let inquiry_id = inquiry.id.clone();
    state.record(LogEntry::Inquiry(inquiry)).await;
    Ok(Json(Logged {
        inquiry_id,
        outcome,
    }))
}

/// The log record of a recommendation: the answers (no free text) and what was shown.
pub fn recommend_inquiry(
    app: &App,
    channel: Channel,
    profile: &crate::domain::profile::Profile,
    outcome: &crate::domain::recommend::RecommendOutcome,
    started: std::time::Instant,
) -> Inquiry {
    let summary = format!(
        "所在地:{:?} 本店:{:?} 業種:{} 従業員:{} 形態:{} 段階:{:?}",
        profile.location,
        profile.head_office,
        profile.industry,
        profile.employees,
        if profile.corporate {
            "法人"
        } else {
            "個人"
        },
        profile.stage
    );
    let mut i = Inquiry::new(channel, InquiryKind::Recommend, app.mask(&summary));
    i.purposes = profile.purposes.clone();
    i.results = outcome
        .recommendations
        .iter()
        .take(30)
        .map(|r| ShownResult {
            id: r.id.clone(),
            score: r.score,
            explanation: None,
        })
        .collect();
    i.latency_ms = started.elapsed().as_secs_f64() * 1000.0;
    i
}
