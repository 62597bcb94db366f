//! `/admin/freshness`: which corpus entries to re-check, grouped by rule, each with its id,
//! title and why, and for editors a link to the form that edits it.

use askama::Template;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::Response;

use super::{Allowed, can};
use crate::app::messages::{Arg, Messages};
use crate::app::staff::StaffMember;
use crate::domain::freshness::{EntryKind, Finding, Rule};
use crate::http::AppState;
use crate::http::language::PageLang;
use crate::http::pages::{Chrome, render};

/// One rule's part of the board: each finding with the link to its edit form (for editors).
struct Group {
    code: &'static str,
    label: String,
    /// Each finding with its kind's label and the link to its edit form.
    findings: Vec<(Finding, String, Option<String>)>,
}

#[derive(Template)]
#[template(path = "admin/freshness.html")]
struct FreshnessPage {
    title: String,
    chrome: Chrome,
    staff: Option<StaffMember>,
    intro: String,
    counts_caption: String,
    /// (anchor code, label, count) per rule.
    counts: Vec<(&'static str, String, usize)>,
    groups: Vec<Group>,
}

fn kind_key(kind: EntryKind) -> &'static str {
    match kind {
        EntryKind::Scheme => "freshness-kind-scheme",
        EntryKind::Faq => "freshness-kind-faq",
        EntryKind::Desk => "freshness-kind-desk",
    }
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
    let m = Messages::new(page.lang);
    let groups = Rule::ALL
        .iter()
        .map(|rule| Group {
            code: rule.code(),
            label: m.freshness_rule(*rule),
            findings: board
                .findings
                .iter()
                .filter(|f| f.rule == *rule)
                .map(|f| (f.clone(), m.t(kind_key(f.kind)), edit_link(&f.id)))
                .collect(),
        })
        .collect();
    let intro = m.tv(
        "freshness-intro",
        &[
            ("today", Arg::Text(&board.today.to_string())),
            ("days", Arg::Number(board.max_age_days.into())),
        ],
    );
    let counts_caption = m.tv(
        "freshness-counts-caption",
        &[("total", Arg::Number(board.total() as u64))],
    );
    let counts = board
        .counts
        .iter()
        .map(|(rule, n)| (rule.code(), m.freshness_rule(*rule), *n))
        .collect();
    let page = FreshnessPage {
        title: m.t("freshness-title"),
        chrome: Chrome::console(&state.app, &page),
        staff: Some(staff.0),
        intro,
        counts_caption,
        counts,
        groups,
    };
    render(StatusCode::OK, &page)
}
