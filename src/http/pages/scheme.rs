//! `/schemes/{id}`: one scheme with its facts, conditions, FAQs and related schemes.

use askama::Template;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::Response;

use super::{Chrome, MessagePage, render};
use crate::app::search::SchemeView;
use crate::domain::scheme::yen_ja;
use crate::http::AppState;

#[derive(Template)]
#[template(path = "scheme.html")]
struct SchemePage<'a> {
    title: &'a str,
    chrome: Chrome,
    view: SchemeView<'a>,
    amount: Option<String>,
    min_amount: Option<String>,
    details: Vec<&'a str>,
}

#[utoipa::path(get, path = "/schemes/{id}", tag = "pages", params(("id" = String, Path, description = "制度ID", example = "minato-sogyo-hojo")), responses((status = 200, description = "制度の詳細", content_type = "text/html", body = String), (status = 404, description = "該当なし", content_type = "text/html", body = String)))]
pub async fn scheme_page(State(state): State<AppState>, Path(id): Path<String>) -> Response {
    let Ok(view) = state.app.scheme(&id) else {
        return render(
            StatusCode::NOT_FOUND,
            &MessagePage {
                title: "見つかりません",
                chrome: Chrome::new(&state.app, "search"),
                heading: "制度が見つかりません",
                text: format!("「{id}」という制度は登録されていません。"),
                link: Some(("/search", "検索ページからお探しください。")),
            },
        );
    };
    let s = view.scheme;
    let page = SchemePage {
        title: &s.title,
        chrome: Chrome::new(&state.app, "search"),
        amount: s.amount_text(),
        min_amount: s.amount.as_ref().and_then(|a| a.min_yen).map(yen_ja),
        details: s.details.trim().lines().collect(),
        view,
    };
    render(StatusCode::OK, &page)
}
