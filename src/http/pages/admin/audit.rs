//! `/admin/audit`: the audit log, newest first, a page at a time (administrators only). There
//! is nothing here to change or delete a record, and the database refuses both.

use askama::Template;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};

use super::{Allowed, can};
use crate::app::console::jst_text;
use crate::app::messages::{Arg, Messages};
use crate::app::staff::{AUDIT_PAGE_SIZE, StaffMember};
use crate::domain::staff::Actor;
use crate::http::AppState;
use crate::http::error::ApiError;
use crate::http::extract::{QueryPairs, first};
use crate::http::language::PageLang;
use crate::http::pages::{Chrome, render};

struct AuditRow {
    at: String,
    actor: String,
    action: String,
    target: String,
    detail: String,
}

#[derive(Template)]
#[template(path = "admin/audit.html")]
struct AuditLogPage {
    title: String,
    chrome: Chrome,
    staff: Option<StaffMember>,
    caption: String,
    rows: Vec<AuditRow>,
    page: i64,
    pages: i64,
}

/// Who did it, as the audit page names them in the page's language.
fn actor(m: &Messages, actor: &Actor) -> String {
    match actor {
        Actor::Staff { username, role } => m.targs(
            "audit-actor-staff",
            &[("name", username), ("role", &m.label(*role))],
        ),
        Actor::CommandLine => m.t("audit-actor-command-line"),
        Actor::Unknown => m.t("audit-actor-unknown"),
    }
}

impl AuditLogPage {
    fn previous(&self) -> Option<i64> {
        (self.page > 1).then(|| (self.page - 1).min(self.pages))
    }

    fn next(&self) -> Option<i64> {
        (self.page < self.pages).then_some(self.page + 1)
    }
}

#[utoipa::path(get, path = "/admin/audit", tag = "admin", security(("staff_session" = [])), params(("page" = Option<i64>, Query, description = "1から（1ページ50件、新しい順）")), responses((status = 200, description = "操作記録（管理者のみ、閲覧のみ）", content_type = "text/html", body = String), (status = 303, description = "未ログイン: ログイン画面へ"), (status = 403, description = "管理者以外", content_type = "text/html", body = String)))]
pub async fn audit_log(
    State(state): State<AppState>,
    page: PageLang,
    staff: Allowed<can::ReadAudit>,
    QueryPairs(pairs): QueryPairs,
) -> Response {
    let number = first(&pairs, "page")
        .and_then(|p| p.trim().parse::<i64>().ok())
        .unwrap_or(1)
        .clamp(1, i64::MAX / AUDIT_PAGE_SIZE);
    let log = match state.app.audit_log(&staff.0, number).await {
        Ok(l) => l,
        Err(e) => return ApiError::from(e).into_response(),
    };
    let m = Messages::new(page.lang);
    let pages = ((log.total + AUDIT_PAGE_SIZE - 1) / AUDIT_PAGE_SIZE).max(1);
    let view = AuditLogPage {
        title: m.t("audit-title"),
        chrome: Chrome::console(&state.app, &page),
        staff: Some(staff.0),
        caption: m.tv(
            "audit-caption",
            &[
                ("total", Arg::Number(log.total.max(0) as u64)),
                ("page", Arg::Number(number as u64)),
                ("pages", Arg::Number(pages as u64)),
            ],
        ),
        pages,
        page: number,
        rows: log
            .records
            .iter()
            .map(|r| AuditRow {
                at: jst_text(r.at),
                actor: actor(&m, &r.actor),
                action: m.label(r.action),
                target: r.target.clone().unwrap_or_default(),
                detail: r.detail.clone(),
            })
            .collect(),
    };
    render(StatusCode::OK, &view)
}
