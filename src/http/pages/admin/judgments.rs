//! `/admin/judgments`: what staff said the right answers were, the fix the console proposed
//! for each missed search, and (for editors) approving or rejecting it; and recording a
//! judgment from an inquiry's page.

use askama::Template;
use axum::Form;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use serde::Deserialize;

use super::{Allowed, can, showing};
use crate::app::AppError;
use crate::app::console::jst_text;
use crate::app::judgments::Decision;
use crate::app::messages::Messages;
use crate::app::staff::StaffMember;
use crate::domain::handoff::StableCode;
use crate::domain::judgment::{Fix, JudgmentStatus};
use crate::http::AppState;
use crate::http::error::{ApiError, ErrorBody};
use crate::http::extract::{QueryPairs, first};
use crate::http::language::PageLang;
use crate::http::pages::{Chrome, render};

struct JudgmentRow {
    id: String,
    inquiry_id: String,
    query: String,
    kind: String,
    answer: String,
    found: bool,
    fix: String,
    /// The alias phrase or synonym words the editor may change before approving.
    editable: Option<(String, String)>,
    status: String,
    open: bool,
    recorded_by: String,
    decided: String,
}

#[derive(Template)]
#[template(path = "admin/judgments.html")]
struct JudgmentsPage {
    title: String,
    chrome: Chrome,
    csrf: String,
    staff: Option<StaffMember>,
    error: Option<String>,
    statuses: Vec<(&'static str, String)>,
    /// Which status is shown, and how many records.
    shown: String,
    rows: Vec<JudgmentRow>,
}

fn status_filter(raw: Option<&str>) -> Option<JudgmentStatus> {
    match raw {
        Some("all") => None,
        Some(code) => Some(JudgmentStatus::from_code(code).unwrap_or(JudgmentStatus::Open)),
        None => Some(JudgmentStatus::Open),
    }
}

async fn judgments_page(
    state: &AppState,
    page: &PageLang,
    staff: StaffMember,
    status: Option<JudgmentStatus>,
    error: Option<String>,
) -> Response {
    let list = match state.app.judgments(status).await {
        Ok(l) => l,
        Err(e) => return ApiError::from(e).into_response(),
    };
    let m = Messages::new(page.lang);
    let by_at = |by: &str, at: chrono::DateTime<chrono::Utc>| {
        m.targs("console-by-at", &[("by", by), ("at", &jst_text(at))])
    };
    let rows: Vec<JudgmentRow> = list
        .into_iter()
        .map(|j| JudgmentRow {
            kind: m.answer_kind(&j.answer),
            answer: state.app.answer_label(&j.answer),
            fix: m.fix(&j.fix),
            // The words are the corpus's: separated by 、 in every language.
            editable: match &j.fix {
                Fix::Alias { phrase, .. } => Some((m.t("judgments-edit-alias"), phrase.clone())),
                Fix::Synonyms { words } => Some((m.t("judgments-edit-synonyms"), words.join("、"))),
                Fix::Nothing | Fix::WriteFaq => None,
            },
            status: m.label(j.status),
            open: j.status == JudgmentStatus::Open,
            decided: match (&j.decided_by, j.decided_at) {
                (Some(by), Some(at)) => by_at(by, at),
                _ => String::new(),
            },
            found: j.found,
            query: j.query,
            recorded_by: by_at(&j.recorded_by, j.recorded_at),
            inquiry_id: j.inquiry_id,
            id: j.id,
        })
        .collect();
    let view = JudgmentsPage {
        title: m.t("judgments-title"),
        chrome: Chrome::console(&state.app, page),
        csrf: staff.csrf.clone(),
        staff: Some(staff),
        statuses: JudgmentStatus::ALL
            .iter()
            .map(|s| (s.code(), m.label(*s)))
            .collect(),
        shown: showing(&m, status.map(|s| m.label(s)), rows.len()),
        rows,
        error: error.clone(),
    };
    let code = if error.is_some() {
        StatusCode::BAD_REQUEST
    } else {
        StatusCode::OK
    };
    render(code, &view)
}

#[utoipa::path(get, path = "/admin/judgments", tag = "admin", security(("staff_session" = [])), params(("status" = Option<String>, Query, description = "open / fixed / rejected / all（省略時は承認待ち）")), responses((status = 200, description = "正しい回答の記録と改善案の一覧", content_type = "text/html", body = String), (status = 303, description = "未ログイン: ログイン画面へ")))]
pub async fn judgments(
    State(state): State<AppState>,
    page: PageLang,
    staff: Allowed<can::ReadInquiries>,
    QueryPairs(pairs): QueryPairs,
) -> Response {
    let status = status_filter(first(&pairs, "status").as_deref());
    judgments_page(&state, &page, staff.0, status, None).await
}

#[derive(Deserialize, utoipa::ToSchema)]
pub struct JudgmentForm {
    #[serde(default)]
    csrf: String,
    /// `scheme:<id>`, `faq:<id>`, `desk:<id>` or `none`
    #[serde(default)]
    answer: String,
}

#[utoipa::path(post, path = "/admin/inquiries/{id}/judgments", tag = "admin", security(("staff_session" = [])), params(("id" = String, Path)), request_body(content = JudgmentForm, content_type = "application/x-www-form-urlencoded"), responses((status = 303, description = "記録して問い合わせの詳細へ／未ログインはログイン画面へ"), (status = 400, description = "回答の指定の誤り", body = ErrorBody), (status = 403, description = "CSRF トークン不一致", body = ErrorBody), (status = 404, description = "問い合わせがない", body = ErrorBody), (status = "4XX", description = "フォームとして読めない", content_type = "text/plain", body = String)))]
pub async fn record(
    State(state): State<AppState>,
    staff: Allowed<can::RecordJudgments>,
    Path(id): Path<String>,
    Form(form): Form<JudgmentForm>,
) -> Response {
    if let Err(r) = staff.check_csrf(&form.csrf) {
        return r;
    }
    match state.app.record_judgment(&staff.0, &id, &form.answer).await {
        Ok(_) => Redirect::to(&format!("/admin/inquiries/{id}#judgments")).into_response(),
        Err(e) => ApiError::from(e).into_response(),
    }
}

#[derive(Deserialize, utoipa::ToSchema)]
pub struct DecisionForm {
    #[serde(default)]
    csrf: String,
    /// The alias phrase, or the synonym words separated by 、, as approved (may be edited).
    #[serde(default)]
    text: Option<String>,
}

async fn decide(
    state: &AppState,
    page: &PageLang,
    staff: StaffMember,
    id: &str,
    decision: Decision,
) -> Response {
    match state.app.decide_judgment(&staff, id, decision).await {
        Ok(_) => Redirect::to("/admin/judgments").into_response(),
        Err(e @ AppError::Invalid { .. }) => {
            let message = e.in_lang(page.lang);
            judgments_page(
                state,
                page,
                staff,
                Some(JudgmentStatus::Open),
                Some(message),
            )
            .await
        }
        Err(e) => ApiError::from(e).into_response(),
    }
}

#[utoipa::path(post, path = "/admin/judgments/{id}/approve", tag = "admin", security(("staff_session" = [])), params(("id" = String, Path)), request_body(content = DecisionForm, content_type = "application/x-www-form-urlencoded"), responses((status = 303, description = "承認して一覧へ（別名・同義語はすぐ検索に反映）／未ログインはログイン画面へ"), (status = 400, description = "別名・同義語の誤り、または決定済み（一覧に理由を表示）", content_type = "text/html", body = String), (status = 403, description = "編集担当・管理者以外、または CSRF トークン不一致", body = ErrorBody), (status = 404, description = "該当なし", body = ErrorBody), (status = "4XX", description = "フォームとして読めない", content_type = "text/plain", body = String)))]
pub async fn approve(
    State(state): State<AppState>,
    page: PageLang,
    staff: Allowed<can::ApproveFixes>,
    Path(id): Path<String>,
    Form(form): Form<DecisionForm>,
) -> Response {
    if let Err(r) = staff.check_csrf(&form.csrf) {
        return r;
    }
    let text = form.text.filter(|t| !t.trim().is_empty());
    decide(&state, &page, staff.0, &id, Decision::Approve { text }).await
}

#[utoipa::path(post, path = "/admin/judgments/{id}/reject", tag = "admin", security(("staff_session" = [])), params(("id" = String, Path)), request_body(content = DecisionForm, content_type = "application/x-www-form-urlencoded"), responses((status = 303, description = "却下して一覧へ／未ログインはログイン画面へ"), (status = 400, description = "決定済み（一覧に理由を表示）", content_type = "text/html", body = String), (status = 403, description = "編集担当・管理者以外、または CSRF トークン不一致", body = ErrorBody), (status = 404, description = "該当なし", body = ErrorBody), (status = "4XX", description = "フォームとして読めない", content_type = "text/plain", body = String)))]
pub async fn reject(
    State(state): State<AppState>,
    page: PageLang,
    staff: Allowed<can::ApproveFixes>,
    Path(id): Path<String>,
    Form(form): Form<DecisionForm>,
) -> Response {
    if let Err(r) = staff.check_csrf(&form.csrf) {
        return r;
    }
    decide(&state, &page, staff.0, &id, Decision::Reject).await
}
