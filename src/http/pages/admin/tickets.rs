//! `/admin/tickets`: the hand-off queue, and closing a ticket with what was done.

use askama::Template;
use axum::Form;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use serde::Deserialize;

use super::{Allowed, can, showing};
use crate::app::console::jst_text;
use crate::app::messages::Messages;
use crate::app::staff::StaffMember;
use crate::domain::handoff::{StableCode, TicketStatus};
use crate::http::AppState;
use crate::http::error::{ApiError, ErrorBody};
use crate::http::extract::{QueryPairs, first};
use crate::http::language::PageLang;
use crate::http::pages::{Chrome, render};

struct TicketRow {
    id: String,
    inquiry_id: String,
    at: String,
    category: String,
    desk: String,
    next_slot: Option<String>,
    status: String,
    open: bool,
    summary: String,
    outcome: String,
    closed_by: String,
}

#[derive(Template)]
#[template(path = "admin/tickets.html")]
struct TicketsPage {
    title: String,
    chrome: Chrome,
    csrf: String,
    staff: Option<StaffMember>,
    statuses: Vec<(&'static str, String)>,
    /// Which status is shown, and how many tickets.
    shown: String,
    tickets: Vec<TicketRow>,
}

#[utoipa::path(get, path = "/admin/tickets", tag = "admin", security(("staff_session" = [])), params(("status" = Option<String>, Query, description = "open / done")), responses((status = 200, description = "引き継ぎチケット一覧", content_type = "text/html", body = String), (status = 303, description = "未ログイン: ログイン画面へ")))]
pub async fn tickets(
    State(state): State<AppState>,
    page: PageLang,
    staff: Allowed<can::ReadInquiries>,
    QueryPairs(pairs): QueryPairs,
) -> Response {
    // `status=all` lists every ticket; an unknown or missing status lists the open ones.
    let status = match first(&pairs, "status").as_deref() {
        Some("all") => None,
        Some(code) => Some(TicketStatus::from_code(code).unwrap_or(TicketStatus::Open)),
        None => Some(TicketStatus::Open),
    };
    let list = match state.app.tickets(status).await {
        Ok(l) => l,
        Err(e) => return ApiError::from(e).into_response(),
    };
    let m = Messages::new(page.lang);
    let page = TicketsPage {
        title: m.t("tickets-title"),
        chrome: Chrome::console(&state.app, &page),
        csrf: staff.0.csrf.clone(),
        staff: Some(staff.0),
        statuses: TicketStatus::ALL
            .iter()
            .map(|s| (s.code(), m.label(*s)))
            .collect(),
        shown: showing(&m, status.map(|s| m.label(s)), list.len()),
        tickets: list
            .into_iter()
            .map(|v| {
                let t = v.ticket;
                TicketRow {
                    at: jst_text(t.created_at),
                    category: m.handoff_category(t.category),
                    desk: v.desk,
                    next_slot: t.next_slot,
                    status: m.label(t.status),
                    open: t.status == TicketStatus::Open,
                    summary: t.summary,
                    outcome: t.outcome.unwrap_or_default(),
                    closed_by: t.closed_by.unwrap_or_default(),
                    id: t.id,
                    inquiry_id: t.inquiry_id,
                }
            })
            .collect(),
    };
    render(StatusCode::OK, &page)
}

#[derive(Deserialize, utoipa::ToSchema)]
pub struct DoneForm {
    #[serde(default)]
    csrf: String,
    #[serde(default)]
    outcome: String,
}

#[utoipa::path(post, path = "/admin/tickets/{id}/done", tag = "admin", security(("staff_session" = [])), params(("id" = String, Path)), request_body(content = DoneForm, content_type = "application/x-www-form-urlencoded"), responses((status = 303, description = "対応済みにして一覧へ／未ログインはログイン画面へ"), (status = 403, description = "CSRF トークン不一致", body = ErrorBody), (status = 404, description = "該当なし", body = ErrorBody), (status = "4XX", description = "フォームとして読めない", content_type = "text/plain", body = String)))]
pub async fn ticket_done(
    State(state): State<AppState>,
    staff: Allowed<can::HandleTickets>,
    Path(id): Path<String>,
    Form(form): Form<DoneForm>,
) -> Response {
    if let Err(r) = staff.check_csrf(&form.csrf) {
        return r;
    }
    match state.app.close_ticket(&id, &form.outcome, &staff.0).await {
        Ok(()) => Redirect::to("/admin/tickets").into_response(),
        Err(e) => ApiError::from(e).into_response(),
    }
}
