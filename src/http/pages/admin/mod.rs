//! The staff console under `/admin`: login (argon2, lock-out), CSRF-protected forms, the
//! dashboard with SVG charts, the inquiry list and detail, the hand-off ticket queue, CSV
//! export, the monthly report to the ward (page and CSV) and the corpus freshness board. Every logged text shown here is escaped by the templates.

pub mod auth;
pub mod dashboard;
pub mod export;
pub mod freshness;
pub mod inquiries;
pub mod report;
pub mod tickets;

use axum::extract::FromRequestParts;
use axum::http::request::Parts;
use axum::http::{HeaderValue, header};
use axum::response::{IntoResponse, Redirect, Response};

use crate::app::staff::StaffMember;
use crate::http::AppState;
use crate::http::error::ApiError;
use crate::http::extract::cookie;

pub const SESSION_COOKIE: &str = "shien_staff";
pub const LOGIN_CSRF_COOKIE: &str = "shien_login_csrf";

pub fn set_cookie(name: &str, value: &str, max_age: i64, secure: bool) -> HeaderValue {
    let secure = if secure { "; Secure" } else { "" };
    HeaderValue::from_str(&format!(
        "{name}={value}; Path=/admin; HttpOnly; SameSite=Strict; Max-Age={max_age}{secure}"
    ))
    .expect("valid cookie")
}

/// A logged-in staff member; extracting it from a request enforces the login.
pub struct Staff(pub StaffMember);

/// Why a request to the console was refused.
pub enum Refusal {
    /// Pages redirect to the login form.
    Login,
    /// Exports and other machine endpoints answer 401.
    Unauthorized,
    Failed(ApiError),
}

impl IntoResponse for Refusal {
    fn into_response(self) -> Response {
        match self {
            Refusal::Login => Redirect::to("/admin/login").into_response(),
            Refusal::Unauthorized => ApiError::Unauthorized {
                message: "職員としてログインしてください。".into(),
            }
            .into_response(),
            Refusal::Failed(e) => e.into_response(),
        }
    }
}

impl FromRequestParts<AppState> for Staff {
    type Rejection = Refusal;

    async fn from_request_parts(
        parts: &mut Parts,
        state: &AppState,
    ) -> Result<Self, Self::Rejection> {
        // Downloads are read by programs as often as by people: they answer 401, not a redirect.
        let path = parts.uri.path();
        let machine = path.starts_with("/admin/export") || path.ends_with(".csv");
        let refuse = || {
            if machine {
                Refusal::Unauthorized
            } else {
                Refusal::Login
            }
        };
        let Some(token) = cookie(&parts.headers, SESSION_COOKIE) else {
            return Err(refuse());
        };
        match state.app.staff_session(&token).await {
            Ok(Some(member)) => Ok(Staff(member)),
            Ok(None) => Err(refuse()),
            Err(e) => Err(Refusal::Failed(ApiError::Internal(e.to_string()))),
        }
    }
}

impl Staff {
    /// A form whose CSRF token does not match is refused with 403.
    // The error is the response itself, returned to axum at once rather than propagated.
    #[allow(clippy::result_large_err)]
    pub fn check_csrf(&self, submitted: &str) -> Result<(), Response> {
        if self.0.csrf_ok(submitted) {
            Ok(())
        } else {
            Err(ApiError::Forbidden { message: "フォームの有効期限が切れたか、不正な送信です。ページを再読み込みしてやり直してください。".into() }.into_response())
        }
    }
}

/// A staff page's response with the session cookie cleared (logout) or set.
pub fn with_cookie(mut response: Response, value: HeaderValue) -> Response {
    response.headers_mut().append(header::SET_COOKIE, value);
    response
}
