//! `/admin/freshness`: which corpus entries to re-check, grouped by rule, each with its id,
//! title and why, and for editors a link to the form that edits it.

use askama::Template;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::Response;

use super::{Allowed, can};
use crate::app::report::FreshnessBoard;
use crate::app::staff::StaffMember;
use crate::domain::freshness::{Finding, Rule};
use crate::http::AppState;
use crate::http::language::PageLang;
use crate::http::pages::{Chrome, render};

/// One rule's part of the board: each finding with the link to its edit form (for editors).
struct Group {
    code: &'static str,
    label: &'static str,
    findings: Vec<(Finding, Option<String>)>,
}

#[derive(Template)]
#[template(path = "admin/freshness.html")]
struct FreshnessPage {
    title: &'static str,
    chrome: Chrome,
    staff: Option<StaffMember>,
    board: FreshnessBoard,
    groups: Vec<Group>,
}

#[utoipa::path(get, path = "/admin/freshness", tag = "admin", security(("staff_session" = [])), responses((status = 200, description = "コーパスの鮮度（確認が必要な制度・FAQ・窓口）", content_type = "text/html", body = String), (status = 303, description = "未ログイン: ログイン画面へ")))]
pub async fn freshness(
    State(state): State<AppState>,
    page: PageLang,
    staff: Allowed<can::ReadInquiries>,
) -> Response {
    let board = state.app.freshness();
    let locations = if staff.0.edits_corpus() {
        state.app.corpus_locations().await.unwrap_or_default()
    } else {
        Default::default()
    };
    let edit_link = |id: &str| {
        locations.get(id).map(|l| {
            let path: String = form_urlencoded::byte_serialize(l.path.as_bytes()).collect();
            match &l.item {
                Some(item) => format!(
                    "/admin/corpus/entry?path={path}#f-{}",
                    item.replace('.', "-")
                ),
                None => format!("/admin/corpus/entry?path={path}"),
            }
        })
    };
    let groups = Rule::ALL
        .iter()
        .map(|rule| Group {
            code: rule.code(),
            label: rule.label_ja(),
            findings: board
                .findings
                .iter()
                .filter(|f| f.rule == *rule)
                .map(|f| (f.clone(), edit_link(&f.id)))
                .collect(),
        })
        .collect();
    let page = FreshnessPage {
        title: "コーパスの鮮度",
        chrome: Chrome::new(&state.app, "admin", &page).japanese_content(),
        staff: Some(staff.0),
        board,
        groups,
    };
    render(StatusCode::OK, &page)
}
