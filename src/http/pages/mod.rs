//! Server-rendered pages (Japanese, no JavaScript required), one askama template each under
//! `templates/`, all sharing `layout.html`. Templates escape every value unless marked `safe`.

pub mod admin;
pub mod chat;
pub mod facts;
pub mod recommend;
pub mod scheme;
pub mod search;

use askama::Template;
use axum::http::StatusCode;
use axum::response::{Html, IntoResponse, Response};

use crate::app::App;
use crate::app::messages::Messages;
use crate::domain::Lang;
use crate::domain::calendar::hm;
use crate::http::language::PageLang;

/// One entry of the main navigation.
pub struct NavItem {
    pub href: &'static str,
    pub label: String,
    pub current: bool,
}

/// One entry of the language switch: the same page in another language.
pub struct LangLink {
    pub href: String,
    /// The language's name in itself (日本語, やさしい日本語, English).
    pub name: &'static str,
    pub tag: &'static str,
    pub current: bool,
}

/// What the shared layout needs besides the page's own content.
pub struct Chrome {
    pub nav: Vec<NavItem>,
    pub chat_widget: bool,
    /// From the office calendar, never a literal.
    pub office_hours: String,
    /// The weekday hours alone (the chat page's introduction), from the calendar.
    pub office_hours_short: String,
    pub lang: Lang,
    /// `<html lang>`: the interface's language.
    pub html_lang: &'static str,
    /// The `lang` of the page's own content when it is not the interface's (a page still in
    /// Japanese inside the English interface).
    pub content_lang: Option<&'static str>,
    /// The note shown when the page's content is (partly) Japanese though another language
    /// was chosen.
    pub japanese_note: Option<&'static str>,
    pub langs: Vec<LangLink>,
    m: Messages,
}

/// The main navigation: (page key, address, catalog key).
pub const NAV: [(&str, &str, &str); 4] = [
    ("search", "/search", "nav-search"),
    ("recommend", "/recommend", "nav-recommend"),
    ("chat", "/chat", "nav-chat"),
    ("admin", "/admin", "nav-admin"),
];

impl Chrome {
    /// `current` names the navigation entry this page belongs to ("" for none).
    pub fn new(app: &App, current: &str, page: &PageLang) -> Chrome {
        let m = Messages::new(page.lang);
        let (opens, closes) = app.calendar().hours();
        let hours = [("opens", hm(opens)), ("closes", hm(closes))];
        let hours: Vec<(&str, &str)> = hours.iter().map(|(k, v)| (*k, v.as_str())).collect();
        Chrome {
            nav: NAV
                .iter()
                .map(|&(key, href, label)| NavItem {
                    href,
                    label: m.t(label),
                    current: key == current,
                })
                .collect(),
            chat_widget: !matches!(current, "chat" | "admin"),
            office_hours: m.targs("footer-hours", &hours),
            office_hours_short: m.targs("weekday-hours", &hours),
            lang: page.lang,
            html_lang: page.lang.html_lang(),
            content_lang: None,
            japanese_note: None,
            langs: Lang::ALL
                .into_iter()
                .map(|l| LangLink {
                    href: page.href(l),
                    name: l.own_name(),
                    tag: l.html_lang(),
                    current: l == page.lang,
                })
                .collect(),
            m,
        }
    }

    /// For pages whose content is not translated yet: it is marked as Japanese, with a note.
    pub fn japanese_content(mut self) -> Chrome {
        self.japanese_note = (self.lang != Lang::Ja).then_some("page-japanese-only");
        self.content_lang = (self.lang.html_lang() != "ja").then_some("ja");
        self
    }

    /// For pages whose own text is still Japanese but whose scheme names and descriptions are
    /// translated (those parts carry their own `lang`).
    pub fn partly_japanese_content(mut self) -> Chrome {
        self = self.japanese_content();
        if self.japanese_note.is_some() {
            self.japanese_note = Some("page-partly-japanese");
        }
        self
    }

    pub fn messages(&self) -> Messages {
        self.m
    }

    /// Interface text (see [`Messages::t`]).
    pub fn t(&self, key: &str) -> String {
        self.m.t(key)
    }

    /// Interface text in Japanese whatever the chosen language, for headings inside the
    /// Japanese entry that a translated page quotes.
    pub fn ja(&self, key: &str) -> String {
        Messages::new(Lang::Ja).t(key)
    }

    pub fn ta(&self, key: &str, name: &str, value: &str) -> String {
        self.m.ta(key, name, value)
    }

    pub fn tn(&self, key: &str, count: usize) -> String {
        self.m.tn(key, count)
    }

    /// Whether the interface is in administrative Japanese (the corpus's own language).
    pub fn is_japanese(&self) -> bool {
        self.lang == Lang::Ja
    }

    /// Whether the interface is in English (Japanese text inside it needs `lang="ja"`).
    pub fn is_english(&self) -> bool {
        self.lang == Lang::En
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
    title: String,
    chrome: Chrome,
}

/// A short page with a heading, a sentence and an optional link (not found, errors).
#[derive(Template)]
#[template(path = "message.html")]
pub struct MessagePage {
    pub title: String,
    pub chrome: Chrome,
    pub heading: String,
    pub text: String,
    pub link: Option<(&'static str, String)>,
}

#[utoipa::path(get, path = "/", tag = "pages", params(("lang" = Option<String>, Query, description = "表示する言語（ja・easy・en。それ以外の値は日本語で表示）", example = "en")), responses((status = 200, description = "トップページ", content_type = "text/html", body = String)))]
pub async fn home(
    axum::extract::State(state): axum::extract::State<super::AppState>,
    page: PageLang,
) -> Response {
    let chrome = Chrome::new(&state.app, "", &page);
    render(
        StatusCode::OK,
        &HomePage {
            title: chrome.t("home-title"),
            chrome,
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
    page: PageLang,
) -> Response {
    let chrome = Chrome::new(&state.app, "", &page);
    render(
        StatusCode::NOT_FOUND,
        &MessagePage {
            title: chrome.t("notfound-title"),
            heading: chrome.t("notfound-heading"),
            text: String::new(),
            link: Some(("/", chrome.t("notfound-link"))),
            chrome,
        },
    )
}
