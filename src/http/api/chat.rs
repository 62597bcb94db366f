//! Chat and feedback: `POST /api/v1/chat`, `POST /api/v1/feedback`.

use axum::Json;
use axum::extract::State;
use axum::http::{HeaderMap, StatusCode};
use serde::{Deserialize, Serialize};

use crate::app::chat::{Caller, ChatReply};
use crate::app::conversation::tokyo_now;
use crate::domain::Lang;
use crate::http::error::{ApiError, JsonErrors, ReaderError};
use crate::http::extract::{ApiJson, api_channel};
use crate::http::language::PageLang;
use crate::http::state::AppState;

#[derive(Debug, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ChatRequest {
    #[serde(default)]
    #[schema(max_length = 64)]
    pub session_id: Option<String>,
    #[schema(value_type = crate::http::fields::UserText)]
    pub message: String,
    /// The language of the page asking (`ja`, `easy` or `en`); else the `shien_lang` cookie's,
    /// else Japanese. A message written in English is answered in English whatever this says.
    #[serde(default)]
    pub lang: Option<Lang>,
}

#[utoipa::path(post, path = "/api/v1/chat", tag = "chat", request_body = ChatRequest, responses((status = 200, description = "回答（出典付き）または担当窓口への引き継ぎ", body = ChatReply), JsonErrors))]
pub async fn chat(
    State(state): State<AppState>,
    headers: HeaderMap,
    page: PageLang,
    ApiJson(req): ApiJson<ChatRequest>,
) -> Result<Json<ChatReply>, ReaderError> {
    let caller = Caller::new(api_channel(&headers), req.lang.unwrap_or(page.lang));
    let turn = state
        .app
        .chat(req.session_id.as_deref(), &req.message, caller, tokyo_now())
        .await
        .map_err(|e| ApiError::from(e).for_reader(req.lang))?;
    Ok(Json(turn.reply))
}

#[derive(Debug, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct FeedbackRequest {
    #[schema(
        format = "uuid",
        pattern = "^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$"
    )]
    pub inquiry_id: String,
    pub helpful: bool,
    #[serde(default)]
    #[schema(max_length = 1000)]
    pub comment: Option<String>,
}

#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct FeedbackReceipt {
    pub id: String,
    pub status: &'static str,
}

#[utoipa::path(post, path = "/api/v1/feedback", tag = "chat", request_body = FeedbackRequest, responses((status = 202, description = "受け付けた", body = FeedbackReceipt), JsonErrors))]
pub async fn feedback(
    State(state): State<AppState>,
    ApiJson(req): ApiJson<FeedbackRequest>,
) -> Result<(StatusCode, Json<FeedbackReceipt>), ApiError> {
    let id = state
        .app
        .feedback(&req.inquiry_id, req.helpful, req.comment.as_deref())
        .await?;
    Ok((
        StatusCode::ACCEPTED,
        Json(FeedbackReceipt {
            id,
            status: "recorded",
        }),
    ))
}
