//! `/search`: the operators' and callers' search page.

use askama::Template;
use axum::extract::{RawQuery, State};
use axum::http::StatusCode;
use axum::response::Response;

use super::{Choice, Chrome, render};
use crate::app::AppError;
use crate::app::engine::SearchOutcome;
use crate::app::search::SearchRequest;
use crate::domain::inquiry::Channel;
use crate::domain::scheme::PURPOSES;
use crate::domain::{Level, WindowStatus};
use crate::http::AppState;
use crate::http::extract::{form_pairs, values};

#[derive(Template)]
#[template(path = "search.html")]
struct SearchPage {
    title: &'static str,
    chrome: Chrome,
    q: String,
    levels: Vec<Choice>,
    purposes: Vec<Choice>,
    open_only: bool,
    outcome: Option<SearchOutcome>,
    error: Option<String>,
}

#[utoipa::path(get, path = "/search", tag = "pages", params(("q" = Option<String>, Query, description = "検索語（1〜1000文字）", min_length = 1, max_length = 1000, pattern = r"[^\s\x00-\x1f\x7f-\x9f]"), ("level" = Option<Vec<crate::http::openapi::fields::LevelKey>>, Query, description = "制度の実施主体"), ("purpose" = Option<Vec<crate::http::openapi::fields::PurposeChoice>>, Query, description = "目的キー（空は指定なし）"), ("open_only" = Option<String>, Query, description = "1 で受付中のみ")), responses((status = 200, description = "検索画面と結果", content_type = "text/html", body = String), (status = 400, description = "入力エラー", content_type = "text/html", body = String)))]
pub async fn search_page(State(state): State<AppState>, RawQuery(raw): RawQuery) -> Response {
    let pairs = form_pairs(raw.as_deref());
    let q = values(&pairs, "q").into_iter().next().unwrap_or_default();
    let levels = values(&pairs, "level");
    let purposes = values(&pairs, "purpose");
    let open_only = values(&pairs, "open_only")
        .iter()
        .any(|v| v == "1" || v == "on");
    let request = SearchRequest {
        query: &q,
        top_k: Some(20),
        levels: &levels,
        purposes: &purposes,
        open_only,
    };
    let asked = pairs.iter().any(|(k, _)| k == "q");
    // Filters are checked even without a query, so a bad link says what is wrong.
    let result = match state.app.check_filters(&request) {
        Err(e) => Err(e),
        Ok(()) if asked => state
            .app
            .search(&request, Channel::Operator)
            .await
            .map(|logged| Some(logged.outcome)),
        Ok(()) => Ok(None),
    };
    let (status, outcome, error) = match result {
        Ok(outcome) => (StatusCode::OK, outcome, None),
        Err(AppError::Invalid { code, message }) => {
            let message = if code == "empty_query" {
                "検索語を入力してください。".to_string()
            } else {
                message
                    .split_once(": ")
                    .map_or(message.clone(), |(_, m)| m.to_string())
            };
            (StatusCode::BAD_REQUEST, None, Some(message))
        }
        Err(e) => {
            tracing::error!(error = %e, "search failed");
            (
                StatusCode::INTERNAL_SERVER_ERROR,
                None,
                Some("検索中にエラーが発生しました。時間をおいてお試しください。".to_string()),
            )
        }
    };
    let page = SearchPage {
        title: "制度をさがす",
        chrome: Chrome::new(&state.app, "search"),
        levels: Level::ALL
            .iter()
            .map(|l| Choice {
                value: l.as_str().to_string(),
                label: l.label_ja().to_string(),
                checked: levels.iter().any(|x| x == l.as_str()),
            })
            .collect(),
        purposes: PURPOSES
            .iter()
            .map(|p| Choice {
                value: p.to_string(),
                label: p.to_string(),
                checked: purposes.iter().any(|x| x == p),
            })
            .collect(),
        q,
        open_only,
        outcome,
        error,
    };
    render(status, &page)
}
