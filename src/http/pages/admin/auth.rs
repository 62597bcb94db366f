//! Login and logout.

use askama::Template;
use axum::Form;
use axum::extract::State;
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Redirect, Response};
use serde::Deserialize;

use super::{LOGIN_CSRF_COOKIE, SESSION_COOKIE, Staff, set_cookie, with_cookie};
use crate::app::messages::Messages;
use crate::app::refusal::Wording;
use crate::app::staff::{LoginError, SESSION_HOURS, StaffMember, random_token, same_token};
use crate::http::AppState;
use crate::http::error::{ApiError, ErrorBody};
use crate::http::extract::cookie;
use crate::http::language::PageLang;
use crate::http::pages::{Chrome, render};

#[derive(Template)]
#[template(path = "admin/login.html")]
struct LoginPage {
    title: String,
    chrome: Chrome,
    staff: Option<StaffMember>,
    csrf: String,
    error: Option<String>,
}

/// The login form with a fresh CSRF token in its cookie.
fn login_page(
    state: &AppState,
    page: &PageLang,
    status: StatusCode,
    error: Option<String>,
) -> Response {
    let token = random_token();
    let chrome = Chrome::console(&state.app, page);
    let page = LoginPage {
        title: chrome.t("login-title"),
        chrome,
        staff: None,
        csrf: token.clone(),
        error,
    };
    let mut response = render(status, &page);
    response.headers_mut().insert(
        axum::http::header::SET_COOKIE,
        set_cookie(LOGIN_CSRF_COOKIE, &token, 1800, state.secure_cookies),
    );
    response
}

#[utoipa::path(get, path = "/admin/login", tag = "admin", responses((status = 200, description = "職員ログイン画面", content_type = "text/html", body = String)))]
pub async fn login_form(State(state): State<AppState>, page: PageLang) -> Response {
    login_page(&state, &page, StatusCode::OK, None)
}

#[derive(Deserialize, utoipa::ToSchema)]
pub struct LoginForm {
    #[serde(default)]
    username: String,
    #[serde(default)]
    password: String,
    #[serde(default)]
    csrf: String,
}

#[utoipa::path(post, path = "/admin/login", tag = "admin", request_body(content = LoginForm, content_type = "application/x-www-form-urlencoded"), responses((status = 303, description = "ログイン成功、/admin へ"), (status = 401, description = "認証失敗", content_type = "text/html", body = String), (status = 403, description = "CSRF トークン不一致（ログイン画面を開き直す）", body = ErrorBody), (status = "4XX", description = "フォームとして読めない", content_type = "text/plain", body = String)))]
pub async fn login(
    State(state): State<AppState>,
    page: PageLang,
    headers: HeaderMap,
    Form(form): Form<LoginForm>,
) -> Response {
    let expected = cookie(&headers, LOGIN_CSRF_COOKIE).unwrap_or_default();
    if expected.is_empty() || !same_token(&expected, &form.csrf) {
        return ApiError::forbidden(Wording::new("console-refusal-login-form")).into_response();
    }
    match state.app.login(&form.username, &form.password).await {
        Ok(login) => {
            let r = Redirect::to("/admin").into_response();
            let r = with_cookie(
                r,
                set_cookie(
                    SESSION_COOKIE,
                    &login.token,
                    SESSION_HOURS * 3600,
                    state.secure_cookies,
                ),
            );
            with_cookie(
                r,
                set_cookie(LOGIN_CSRF_COOKIE, "", 0, state.secure_cookies),
            )
        }
        Err(LoginError::Store(e)) => ApiError::Internal(e.to_string()).into_response(),
        Err(refused) => {
            let key = match refused {
                LoginError::Locked => "login-locked",
                _ => "login-wrong",
            };
            let error = Messages::new(page.lang).t(key);
            login_page(&state, &page, StatusCode::UNAUTHORIZED, Some(error))
        }
    }
}

#[derive(Deserialize, utoipa::ToSchema)]
pub struct CsrfForm {
    #[serde(default)]
    csrf: String,
}

#[utoipa::path(post, path = "/admin/logout", tag = "admin", security(("staff_session" = [])), request_body(content = CsrfForm, content_type = "application/x-www-form-urlencoded"), responses((status = 303, description = "ログアウトしてログイン画面へ（未ログインでも同じ）"), (status = 403, description = "CSRF トークン不一致", body = ErrorBody), (status = "4XX", description = "フォームとして読めない", content_type = "text/plain", body = String)))]
pub async fn logout(
    State(state): State<AppState>,
    staff: Staff,
    Form(form): Form<CsrfForm>,
) -> Response {
    if let Err(r) = staff.check_csrf(&form.csrf) {
        return r;
    }
    if let Err(e) = state.app.logout(&staff.0).await {
        return ApiError::from(e).into_response();
    }
    with_cookie(
        Redirect::to("/admin/login").into_response(),
        set_cookie(SESSION_COOKIE, "", 0, state.secure_cookies),
    )
}
