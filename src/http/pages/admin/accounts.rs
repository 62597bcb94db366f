//! `/admin/accounts`: staff accounts and their roles (administrators only): add an account,
//! change a role, set a new password. Every change is written to the audit log by the app.

use askama::Template;
use axum::Form;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use serde::Deserialize;

use super::{Allowed, can};
use crate::app::AppError;
use crate::app::console::jst_text;
use crate::app::messages::Messages;
use crate::app::staff::{MIN_PASSWORD_CHARS, StaffMember, parse_role};
use crate::domain::handoff::StableCode;
use crate::domain::staff::Role;
use crate::http::AppState;
use crate::http::error::{ApiError, ErrorBody};
use crate::http::language::PageLang;
use crate::http::pages::{Choice, Chrome, render};

struct AccountRow {
    username: String,
    role: String,
    created: String,
    locked: bool,
    roles: Vec<Choice>,
}

#[derive(Template)]
#[template(path = "admin/accounts.html")]
struct AccountsPage {
    title: String,
    chrome: Chrome,
    csrf: String,
    staff: Option<StaffMember>,
    error: Option<String>,
    accounts: Vec<AccountRow>,
    roles: Vec<Choice>,
    min_password: usize,
}

fn role_choices(selected: Option<Role>, m: &Messages) -> Vec<Choice> {
    Role::ALL
        .iter()
        .map(|&r| Choice {
            value: r.code().to_string(),
            label: m.label(r),
            checked: selected == Some(r),
        })
        .collect()
}

/// The page, with the error of a refused change (400) when there is one.
async fn accounts_page(
    state: &AppState,
    page: &PageLang,
    staff: StaffMember,
    error: Option<String>,
) -> Response {
    let accounts = match state.app.accounts(&staff).await {
        Ok(a) => a,
        Err(e) => return ApiError::from(e).into_response(),
    };
    let status = if error.is_some() {
        StatusCode::BAD_REQUEST
    } else {
        StatusCode::OK
    };
    let m = Messages::new(page.lang);
    let page = AccountsPage {
        title: m.t("accounts-title"),
        chrome: Chrome::console(&state.app, page),
        csrf: staff.csrf.clone(),
        staff: Some(staff),
        error,
        accounts: accounts
            .into_iter()
            .map(|a| AccountRow {
                role: m.label(a.role),
                created: jst_text(a.created_at),
                locked: a.locked,
                roles: role_choices(Some(a.role), &m),
                username: a.username,
            })
            .collect(),
        roles: role_choices(Some(Role::Reviewer), &m),
        min_password: MIN_PASSWORD_CHARS,
    };
    render(status, &page)
}

/// After a change: back to the list, or the list with the refusal shown.
async fn after(
    state: &AppState,
    page: &PageLang,
    staff: StaffMember,
    result: crate::app::Result<()>,
) -> Response {
    match result {
        Ok(()) => Redirect::to("/admin/accounts").into_response(),
        Err(e @ AppError::Invalid { .. }) => {
            let message = e.in_lang(page.lang);
            accounts_page(state, page, staff, Some(message)).await
        }
        Err(e) => ApiError::from(e).into_response(),
    }
}

#[utoipa::path(get, path = "/admin/accounts", tag = "admin", security(("staff_session" = [])), responses((status = 200, description = "職員アカウントと役割の一覧（管理者のみ）", content_type = "text/html", body = String), (status = 303, description = "未ログイン: ログイン画面へ"), (status = 403, description = "管理者以外", content_type = "text/html", body = String)))]
pub async fn accounts(
    State(state): State<AppState>,
    page: PageLang,
    staff: Allowed<can::ManageAccounts>,
) -> Response {
    accounts_page(&state, &page, staff.0, None).await
}

#[derive(Deserialize, utoipa::ToSchema)]
pub struct NewAccountForm {
    #[serde(default)]
    csrf: String,
    #[serde(default)]
    username: String,
    #[serde(default)]
    password: String,
    /// reviewer / editor / administrator
    #[serde(default)]
    role: String,
}

#[utoipa::path(post, path = "/admin/accounts", tag = "admin", security(("staff_session" = [])), request_body(content = NewAccountForm, content_type = "application/x-www-form-urlencoded"), responses((status = 303, description = "作成して一覧へ／未ログインはログイン画面へ"), (status = 400, description = "入力の誤り（一覧に理由を表示）", content_type = "text/html", body = String), (status = 403, description = "管理者以外、または CSRF トークン不一致", body = ErrorBody), (status = "4XX", description = "フォームとして読めない", content_type = "text/plain", body = String)))]
pub async fn create_account(
    State(state): State<AppState>,
    page: PageLang,
    staff: Allowed<can::ManageAccounts>,
    Form(form): Form<NewAccountForm>,
) -> Response {
    if let Err(r) = staff.check_csrf(&form.csrf) {
        return r;
    }
    let result = match parse_role(&form.role) {
        Ok(role) => {
            state
                .app
                .create_account(&staff.0, &form.username, &form.password, role)
                .await
        }
        Err(e) => Err(e),
    };
    after(&state, &page, staff.0, result).await
}

#[derive(Deserialize, utoipa::ToSchema)]
pub struct RoleForm {
    #[serde(default)]
    csrf: String,
    /// reviewer / editor / administrator
    #[serde(default)]
    role: String,
}

#[utoipa::path(post, path = "/admin/accounts/{username}/role", tag = "admin", security(("staff_session" = [])), params(("username" = String, Path)), request_body(content = RoleForm, content_type = "application/x-www-form-urlencoded"), responses((status = 303, description = "役割を変更して一覧へ／未ログインはログイン画面へ"), (status = 400, description = "入力の誤り、最後の管理者の降格（一覧に理由を表示）", content_type = "text/html", body = String), (status = 403, description = "管理者以外、または CSRF トークン不一致", body = ErrorBody), (status = 404, description = "該当なし", body = ErrorBody), (status = "4XX", description = "フォームとして読めない", content_type = "text/plain", body = String)))]
pub async fn change_role(
    State(state): State<AppState>,
    page: PageLang,
    staff: Allowed<can::ManageAccounts>,
    Path(username): Path<String>,
    Form(form): Form<RoleForm>,
) -> Response {
    if let Err(r) = staff.check_csrf(&form.csrf) {
        return r;
    }
    let result = match parse_role(&form.role) {
        Ok(role) => state.app.change_role(&staff.0, &username, role).await,
        Err(e) => Err(e),
    };
    after(&state, &page, staff.0, result).await
}

#[derive(Deserialize, utoipa::ToSchema)]
pub struct PasswordForm {
    #[serde(default)]
    csrf: String,
    #[serde(default)]
    password: String,
}

#[utoipa::path(post, path = "/admin/accounts/{username}/password", tag = "admin", security(("staff_session" = [])), params(("username" = String, Path)), request_body(content = PasswordForm, content_type = "application/x-www-form-urlencoded"), responses((status = 303, description = "パスワードを設定し直し（ロック解除、ログイン中のセッションは終了）一覧へ／未ログインはログイン画面へ"), (status = 400, description = "短すぎるパスワード（一覧に理由を表示）", content_type = "text/html", body = String), (status = 403, description = "管理者以外、または CSRF トークン不一致", body = ErrorBody), (status = 404, description = "該当なし", body = ErrorBody), (status = "4XX", description = "フォームとして読めない", content_type = "text/plain", body = String)))]
pub async fn reset_password(
    State(state): State<AppState>,
    page: PageLang,
    staff: Allowed<can::ManageAccounts>,
    Path(username): Path<String>,
    Form(form): Form<PasswordForm>,
) -> Response {
    if let Err(r) = staff.check_csrf(&form.csrf) {
        return r;
    }
    let result = state
        .app
        .reset_password(&staff.0, &username, &form.password)
        .await;
    after(&state, &page, staff.0, result).await
}
