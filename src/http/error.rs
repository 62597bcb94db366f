//! The one place where errors become HTTP status codes.

use axum::Json;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use serde::Serialize;

use crate::app::AppError;
use crate::app::refusal::{self, Wording};
use crate::domain::Lang;

#[derive(Debug, thiserror::Error)]
pub enum ApiError {
    #[error("{message}")]
    BadRequest {
        code: &'static str,
        message: String,
        wording: Option<Wording>,
    },
    #[error("{message}")]
    NotFound {
        message: String,
        wording: Option<Wording>,
    },
    #[error("{message}")]
    Unauthorized {
        message: String,
        wording: Option<Wording>,
    },
    #[error("{message}")]
    Forbidden {
        message: String,
        wording: Option<Wording>,
    },
    /// The thing changed since the caller read it (another editor published first).
    #[error("{message}")]
    Conflict {
        message: String,
        wording: Option<Wording>,
    },
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
    /// A refusal worded from the catalogs: Japanese in the body, reworded for the reader by
    /// [`reword`].
    pub fn refused(code: &'static str, wording: Wording) -> ApiError {
        ApiError::BadRequest {
            code,
            message: wording.in_lang(Lang::Ja),
            wording: Some(wording),
        }
    }

    pub fn not_found(wording: Wording) -> ApiError {
        ApiError::NotFound {
            message: wording.in_lang(Lang::Ja),
            wording: Some(wording),
        }
    }

    /// 401: the staff console asks for a login (worded from the catalogs).
    pub fn unauthorized(wording: Wording) -> ApiError {
        ApiError::Unauthorized {
            message: wording.in_lang(Lang::Ja),
            wording: Some(wording),
        }
    }

    /// 403 (worded from the catalogs).
    pub fn forbidden(wording: Wording) -> ApiError {
        ApiError::Forbidden {
            message: wording.in_lang(Lang::Ja),
            wording: Some(wording),
        }
    }

    /// The catalog wording of the refusal, when there is one.
    fn wording(&self) -> Option<Wording> {
        match self {
            ApiError::BadRequest { wording, .. }
            | ApiError::NotFound { wording, .. }
            | ApiError::Unauthorized { wording, .. }
            | ApiError::Forbidden { wording, .. }
            | ApiError::Conflict { wording, .. } => wording.clone(),
            ApiError::PayloadTooLarge => Some(Wording::new("refusal-too-large")),
            ApiError::UnsupportedMediaType => Some(Wording::new("refusal-media-type")),
            ApiError::TooManyRequests { .. } => Some(Wording::new("refusal-rate-limited")),
            ApiError::Internal(_) => Some(Wording::new("refusal-internal")),
        }
    }
}

/// What an error response carries for [`reword`]: its code and wording, and the reader's
/// language when the request said it itself (a chat request's `lang`).
#[derive(Debug, Clone)]
pub struct Refusal {
    code: &'static str,
    wording: Wording,
    reader: Option<Lang>,
}

/// An error response in the reader's language: the body is written in Japanese where the error
/// is made (no request at hand there) and reworded here, where the language is known. Other
/// responses pass unchanged.
pub fn reword(mut response: Response, lang: Lang) -> Response {
    let Some(refusal) = response.extensions_mut().remove::<Refusal>() else {
        return response;
    };
    let lang = refusal.reader.unwrap_or(lang);
    if lang == Lang::Ja {
        return response;
    }
    let (mut parts, _) = response.into_parts();
    let body = Json(ErrorBody {
        error: refusal.code,
        message: refusal.wording.in_lang(lang),
    })
    .into_response();
    parts.headers.remove(axum::http::header::CONTENT_LENGTH);
    let (body_parts, body) = body.into_parts();
    if let Some(content_type) = body_parts.headers.get(axum::http::header::CONTENT_TYPE) {
        parts
            .headers
            .insert(axum::http::header::CONTENT_TYPE, content_type.clone());
    }
    Response::from_parts(parts, body)
}

impl ApiError {
    /// Answers in `reader`'s language whatever the page's (a request that names its own).
    pub fn for_reader(self, reader: Option<Lang>) -> ReaderError {
        ReaderError {
            error: self,
            reader,
        }
    }
}

/// An [`ApiError`] with the language its request named.
#[derive(Debug)]
pub struct ReaderError {
    error: ApiError,
    reader: Option<Lang>,
}

impl IntoResponse for ReaderError {
    fn into_response(self) -> Response {
        let mut response = self.error.into_response();
        if let Some(refusal) = response.extensions_mut().get_mut::<Refusal>() {
            refusal.reader = self.reader;
        }
        response
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

/// Every error response: a stable machine code and a message naming the field, in the
/// caller's language (see [`reword`]).
#[derive(Serialize, utoipa::ToSchema)]
pub struct ErrorBody {
    pub error: &'static str,
    pub message: String,
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let wording = self.wording();
        let (status, code, message) = match &self {
            ApiError::BadRequest { code, message, .. } => {
                (StatusCode::BAD_REQUEST, *code, message.clone())
            }
            ApiError::NotFound { message, .. } => {
                (StatusCode::NOT_FOUND, "not_found", message.clone())
            }
            ApiError::Unauthorized { message, .. } => {
                (StatusCode::UNAUTHORIZED, "unauthorized", message.clone())
            }
            ApiError::Forbidden { message, .. } => {
                (StatusCode::FORBIDDEN, "forbidden", message.clone())
            }
            ApiError::Conflict { message, .. } => {
                (StatusCode::CONFLICT, "conflict", message.clone())
            }
            ApiError::PayloadTooLarge => (
                StatusCode::PAYLOAD_TOO_LARGE,
                "payload_too_large",
                Wording::new("refusal-too-large").in_lang(Lang::Ja),
            ),
            ApiError::UnsupportedMediaType => (
                StatusCode::UNSUPPORTED_MEDIA_TYPE,
                "unsupported_media_type",
                Wording::new("refusal-media-type").in_lang(Lang::Ja),
            ),
            ApiError::TooManyRequests { .. } => (
                StatusCode::TOO_MANY_REQUESTS,
                "rate_limited",
                Wording::new("refusal-rate-limited").in_lang(Lang::Ja),
            ),
            ApiError::Internal(detail) => {
                tracing::error!(error = %detail, "internal error");
                (
                    StatusCode::INTERNAL_SERVER_ERROR,
                    "internal",
                    Wording::new("refusal-internal").in_lang(Lang::Ja),
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
        if let Some(wording) = wording {
            response.extensions_mut().insert(Refusal {
                code,
                wording,
                reader: None,
            });
        }
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
            AppError::Invalid {
                code,
                message,
                wording,
            } => ApiError::BadRequest {
                code,
                message,
                wording,
            },
            AppError::Answer(e) => ApiError::refused("invalid_answer", Wording::from(&e)),
            AppError::NotFound(wording) => ApiError::not_found(wording),
            AppError::Conflict(wording) => ApiError::Conflict {
                message: wording.in_lang(Lang::Ja),
                wording: Some(wording),
            },
            e @ AppError::CorpusInvalid { .. } => ApiError::BadRequest {
                code: "invalid_corpus",
                message: e.to_string(),
                wording: None,
            },
            AppError::Forbidden { permission } => {
                ApiError::forbidden(refusal::forbidden(permission))
            }
            other => ApiError::Internal(other.to_string()),
        }
    }
}
