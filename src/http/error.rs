//! The one place where errors become HTTP status codes.

use axum::Json;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use serde::Serialize;

use crate::app::AppError;

#[derive(Debug, thiserror::Error)]
pub enum ApiError {
    #[error("{message}")]
    BadRequest { code: &'static str, message: String },
    #[error("{message}")]
    NotFound { message: String },
    #[error("{message}")]
    Unauthorized { message: String },
    #[error("{message}")]
    Forbidden { message: String },
    /// The thing changed since the caller read it (another editor published first).
    #[error("{message}")]
    Conflict { message: String },
    #[error("request body too large")]
    PayloadTooLarge,
    #[error("unsupported media type")]
    UnsupportedMediaType,
    #[error("too many requests")]
    TooManyRequests { retry_after_secs: u64 },
    #[error("internal error: {0}")]
    Internal(String),
}

impl ApiError {
    pub fn bad_request(code: &'static str, message: impl Into<String>) -> ApiError {
        ApiError::BadRequest {
            code,
            message: message.into(),
        }
    }

    pub fn not_found(message: impl Into<String>) -> ApiError {
        ApiError::NotFound {
            message: message.into(),
        }
    }
}

/// The errors every JSON endpoint can answer with, for the OpenAPI document.
#[derive(utoipa::IntoResponses)]
#[allow(dead_code)]
pub enum JsonErrors {
    #[response(status = 400, description = "入力エラー")]
    BadRequest(ErrorBody),
    #[response(status = 413, description = "本文が16KiBを超えた")]
    PayloadTooLarge(ErrorBody),
    #[response(status = 415, description = "Content-Type が JSON でない")]
    UnsupportedMediaType(ErrorBody),
    #[response(status = 429, description = "アクセス過多（Retry-After ヘッダ付き）")]
    TooManyRequests(ErrorBody),
}

/// Every error response: a stable machine code and a Japanese message naming the field.
#[derive(Serialize, utoipa::ToSchema)]
pub struct ErrorBody {
    pub error: &'static str,
    pub message: String,
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let (status, code, message) = match &self {
            ApiError::BadRequest { code, message } => {
                (StatusCode::BAD_REQUEST, *code, message.clone())
            }
            ApiError::NotFound { message } => (StatusCode::NOT_FOUND, "not_found", message.clone()),
            ApiError::Unauthorized { message } => {
                (StatusCode::UNAUTHORIZED, "unauthorized", message.clone())
            }
            ApiError::Forbidden { message } => {
                (StatusCode::FORBIDDEN, "forbidden", message.clone())
            }
            ApiError::Conflict { message } => (StatusCode::CONFLICT, "conflict", message.clone()),
            ApiError::PayloadTooLarge => (
                StatusCode::PAYLOAD_TOO_LARGE,
                "payload_too_large",
                "リクエストが大きすぎます（16KiBまで）。".into(),
            ),
            ApiError::UnsupportedMediaType => (
                StatusCode::UNSUPPORTED_MEDIA_TYPE,
                "unsupported_media_type",
                "Content-Type: application/json で送ってください。".into(),
            ),
            ApiError::TooManyRequests { .. } => (
                StatusCode::TOO_MANY_REQUESTS,
                "rate_limited",
                "アクセスが集中しています。しばらくしてからお試しください。".into(),
            ),
            ApiError::Internal(detail) => {
                tracing::error!(error = %detail, "internal error");
                (
                    StatusCode::INTERNAL_SERVER_ERROR,
                    "internal",
                    "内部エラーが発生しました。時間をおいてお試しください。".into(),
                )
            }
        };
        let mut response = (
            status,
            Json(ErrorBody {
                error: code,
                message,
            }),
        )
            .into_response();
        if let ApiError::TooManyRequests { retry_after_secs } = self {
            response
                .headers_mut()
                .insert("retry-after", retry_after_secs.into());
        }
        response
    }
}

impl From<AppError> for ApiError {
    fn from(e: AppError) -> Self {
        match e {
            AppError::Invalid { code, message } => ApiError::BadRequest { code, message },
            AppError::Answer(e) => ApiError::BadRequest {
                code: "invalid_answer",
                message: e.to_string(),
            },
            AppError::NotFound(message) => ApiError::NotFound { message },
            AppError::Conflict(message) => ApiError::Conflict { message },
            e @ AppError::CorpusInvalid { .. } => ApiError::BadRequest {
                code: "invalid_corpus",
                message: e.to_string(),
            },
            e @ AppError::Forbidden { .. } => ApiError::Forbidden {
                message: e.to_string(),
            },
            other => ApiError::Internal(other.to_string()),
        }
    }
}
