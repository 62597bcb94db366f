//! CSV exports of inquiries and tickets (UTF-8 with BOM, so Excel opens them).

use axum::extract::State;
use axum::http::header;
use axum::response::{IntoResponse, Response};
use chrono::NaiveDate;

use super::inquiries::inquiry_query;
use super::{Allowed, can};
use crate::app::console::csv_bytes;
use crate::http::AppState;
use crate::http::error::{ApiError, ErrorBody};
use crate::http::extract::{QueryPairs, first};

/// Rows as a CSV download (UTF-8 with BOM; see [`csv_bytes`]).
pub fn csv_response(name: &str, rows: Vec<Vec<String>>) -> Response {
    let bytes = csv_bytes(&rows);
    (
        [
            (header::CONTENT_TYPE, "text/csv; charset=utf-8".to_string()),
            (
                header::CONTENT_DISPOSITION,
                format!("attachment; filename=\"{name}\""),
            ),
        ],
        bytes,
    )
        .into_response()
}

#[utoipa::path(get, path = "/admin/export/inquiries.csv", tag = "admin", security(("staff_session" = [])), params(("from" = Option<String>, Query), ("to" = Option<String>, Query), ("channel" = Option<String>, Query), ("kind" = Option<String>, Query), ("q" = Option<String>, Query), ("zero" = Option<String>, Query), ("handoff" = Option<String>, Query)), responses((status = 200, description = "問い合わせのCSV（UTF-8 BOM付き、マスク済み）", content_type = "text/csv", body = String), (status = 400, description = "条件の誤り", body = ErrorBody), (status = 401, description = "未ログイン", body = ErrorBody)))]
pub async fn export_inquiries(
    State(state): State<AppState>,
    staff: Allowed<can::ReadReports>,
    QueryPairs(pairs): QueryPairs,
) -> Response {
    match state
        .app
        .export_inquiries(&inquiry_query(&pairs), &staff.0)
        .await
    {
        Ok(rows) => csv_response("inquiries.csv", rows),
        Err(e) => ApiError::from(e).into_response(),
    }
}

#[utoipa::path(get, path = "/admin/export/tickets.csv", tag = "admin", security(("staff_session" = [])), responses((status = 200, description = "引き継ぎチケットのCSV", content_type = "text/csv", body = String), (status = 401, description = "未ログイン", body = ErrorBody)))]
pub async fn export_tickets(
    State(state): State<AppState>,
    staff: Allowed<can::ReadReports>,
    QueryPairs(pairs): QueryPairs,
) -> Response {
    let date =
        |k: &str| first(&pairs, k).and_then(|v| NaiveDate::parse_from_str(&v, "%Y-%m-%d").ok());
    match state
        .app
        .export_tickets(date("from"), date("to"), &staff.0)
        .await
    {
        Ok(rows) => csv_response("tickets.csv", rows),
        Err(e) => ApiError::from(e).into_response(),
    }
}
