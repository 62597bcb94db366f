//! Server-rendered pages (Japanese, no JavaScript required), one askama template each under
//! `templates/`, all sharing `layout.html`. Templates escape every value unless marked `safe`.

pub mod admin;
pub mod chat;
pub mod recommend;
pub mod scheme;
pub mod search;

use askama::Template;
use axum::http::StatusCode;
use axum::response::{Html, IntoResponse, Response};

use crate::app::App;

/// One entry of the main navigation.
pub struct NavItem {
    pub href: &'static str,
    pub label: &'static str,
    pub current: bool,
}

/// What the shared layout needs besides the page's own content.
pub struct Chrome {
    pub nav: Vec<NavItem>,
    pub chat_widget: bool,
    /// From the office calendar, never a literal.
    pub office_hours: String,
    pub office_hours_short: String,
}

const NAV: [(&str, &str, &str); 4] = [
    ("search", "/search", "制度をさがす"),
    ("recommend", "/recommend", "質問に答えて探す"),
    ("chat", "/chat", "チャットで相談"),
    ("admin", "/admin", "職員用"),
];

impl Chrome {
    /// `current` names the navigation entry this page belongs to ("" for none).
    pub fn new(app: &App, current: &str) -> Chrome {
        Chrome {
            nav: NAV
                .iter()
                .map(|&(key, href, label)| NavItem {
                    href,
                    label,
                    current: key == current,
                })
                .collect(),
            chat_widget: !matches!(current, "chat" | "admin"),
            office_hours: app.calendar().hours_ja(),
            office_hours_short: app.calendar().weekday_hours_ja(),
        }
    }
}

/// A checkbox, radio button or option with its state.
pub struct Choice {
    pub value: String,
    pub label: String,
    pub checked: bool,
}

/// Renders a page with its status; a template error is logged and answered 500.
pub fn render(status: StatusCode, page: &impl Template) -> Response {
    match page.render() {
        Ok(html) => (status, Html(html)).into_response(),
        Err(e) => {
            tracing::error!(error = %e, "template failed");
            (
                StatusCode::INTERNAL_SERVER_ERROR,
                "内部エラーが発生しました。時間をおいてお試しください。",
            )
                .into_response()
        }
    }
}

#[derive(Template)]
#[template(path = "home.html")]
struct HomePage {
    title: &'static str,
    chrome: Chrome,
}

/// A short page with a heading, a sentence and an optional link (not found, errors).
#[derive(Template)]
#[template(path = "message.html")]
pub struct MessagePage {
    pub title: &'static str,
    pub chrome: Chrome,
    pub heading: &'static str,
    pub text: String,
    pub link: Option<(&'static str, &'static str)>,
}

#[utoipa::path(get, path = "/", tag = "pages", responses((status = 200, description = "トップページ", content_type = "text/html", body = String)))]
pub async fn home(axum::extract::State(state): axum::extract::State<super::AppState>) -> Response {
    render(
        StatusCode::OK,
        &HomePage {
            title: "ホーム",
            chrome: Chrome::new(&state.app, ""),
        },
    )
}

#[utoipa::path(get, path = "/static/app.css", tag = "pages", responses((status = 200, description = "スタイルシート", content_type = "text/css", body = String)))]
pub async fn stylesheet() -> impl IntoResponse {
    (
        [
            ("content-type", "text/css; charset=utf-8"),
            ("cache-control", "public, max-age=3600"),
        ],
        include_str!("../../../static/app.css"),
    )
}

#[utoipa::path(get, path = "/static/chat.js", tag = "pages", responses((status = 200, description = "チャット画面のスクリプト", content_type = "text/javascript", body = String)))]
pub async fn chat_script() -> impl IntoResponse {
    (
        [
            ("content-type", "text/javascript; charset=utf-8"),
            ("cache-control", "public, max-age=3600"),
        ],
        include_str!("../../../static/chat.js"),
    )
}

pub async fn not_found(
    axum::extract::State(state): axum::extract::State<super::AppState>,
) -> Response {
    render(
        StatusCode::NOT_FOUND,
        &MessagePage {
            title: "見つかりません",
            chrome: Chrome::new(&state.app, ""),
            heading: "ページが見つかりません",
            text: String::new(),
            link: Some(("/", "ホームへ戻る")),
        },
    )
}
