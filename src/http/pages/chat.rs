//! `/chat`: the chatbot without JavaScript (a form that posts back, with the history), in the
//! page's language: the page's own text from the catalogs, the bot's replies in the caller's
//! language (see [`crate::app::chat::Caller`]), each line marked with its own `lang`.

use askama::Template;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use serde::Deserialize;

use super::{Chrome, render};
use crate::app::chat::{Caller, ChatReply};
use crate::app::conversation::tokyo_now;
use crate::app::messages::Messages;
use crate::app::words::Line;
use crate::app::{App, AppError};
use crate::domain::Lang;
use crate::domain::corpus::translation::Segment;
use crate::domain::inquiry::Channel;
use crate::domain::search::MAX_QUERY_CHARS;
use crate::http::AppState;
use crate::http::error::ApiError;
use crate::http::language::PageLang;

#[derive(Debug, Deserialize, utoipa::ToSchema)]
pub struct ChatForm {
    #[serde(default)]
    #[schema(max_length = 64)]
    pub session_id: String,
    #[serde(default)]
    #[schema(value_type = crate::http::fields::UserText, required = true)]
    pub message: String,
}

/// One question and its reply, line by line.
struct Exchange {
    question: Line,
    answer: Vec<Line>,
}

/// A scheme the last reply cites, named in the page's language.
struct Cited {
    id: String,
    title: Vec<Segment>,
    /// The official Japanese name beside a translated title.
    official_title: Option<String>,
    url: String,
    official_source: bool,
}

/// The hand-off of the last reply: its ticket number and what happens next.
struct Notice {
    ticket: String,
    text: Line,
}

#[derive(Template)]
#[template(path = "chat.html")]
struct ChatPage {
    title: String,
    chrome: Chrome,
    intro: String,
    session_id: String,
    history: Vec<Exchange>,
    citations: Vec<Cited>,
    notice: Option<Notice>,
    error: Option<Line>,
}

impl ChatPage {
    fn new(state: &AppState, page: &PageLang) -> ChatPage {
        let chrome = Chrome::new(&state.app, "chat", page);
        ChatPage {
            title: chrome.t("chat-title"),
            intro: chrome.ta("chat-intro", "hours", &chrome.office_hours_short),
            chrome,
            session_id: String::new(),
            history: Vec::new(),
            citations: Vec::new(),
            notice: None,
            error: None,
        }
    }

    fn with_history(mut self, app: &App, history: &[(String, String)]) -> ChatPage {
        let lang = self.chrome.lang;
        self.history = history
            .iter()
            .map(|(q, a)| Exchange {
                question: app.line(lang, q),
                answer: a.lines().map(|l| app.line(lang, l)).collect(),
            })
            .collect();
        self
    }

    fn with_reply(mut self, app: &App, reply: &ChatReply) -> ChatPage {
        let m = self.chrome.messages();
        self.session_id = reply.session_id.clone();
        self.citations = reply
            .citations
            .iter()
            .map(|c| cited(app, m.lang(), c))
            .collect();
        self.notice = reply.handoff.as_ref().map(|h| {
            let when = h
                .next_slot
                .clone()
                .unwrap_or_else(|| m.t("chat-ticket-no-slot"));
            // The desk is named in the reply's language; the notice in the page's.
            let text = m.targs(
                "chat-ticket-notice",
                &[
                    ("category", &m.handoff_category(h.category)),
                    ("desk", &h.desk),
                    ("when", &when),
                ],
            );
            Notice {
                ticket: h.ticket.clone(),
                text: app.line(m.lang(), &text),
            }
        });
        self
    }
}

fn cited(app: &App, lang: Lang, c: &crate::app::chat::Citation) -> Cited {
    let (title, official_title) = match app.scheme_words_by_id(&app.engine(), &c.id, lang) {
        Some(w) if lang != Lang::Ja && w.source.is_translation() => {
            (w.title, w.official_title.map(str::to_string))
        }
        Some(w) => (w.title, None),
        None => (vec![Segment::Text(c.title.clone())], None),
    };
    Cited {
        id: c.id.clone(),
        title,
        official_title,
        url: c.url.clone(),
        official_source: c.official_source,
    }
}

/// A refused message in the page's language.
fn refusal(m: Messages, code: &str, message: &str) -> String {
    match code {
        "empty_message" => m.t("chat-error-empty"),
        "message_too_long" => m.ta("chat-error-too-long", "max", &MAX_QUERY_CHARS.to_string()),
        _ => message.to_string(),
    }
}

#[utoipa::path(get, path = "/chat", tag = "pages", responses((status = 200, description = "チャット画面", content_type = "text/html", body = String)))]
pub async fn chat_page(State(state): State<AppState>, page: PageLang) -> Response {
    render(StatusCode::OK, &ChatPage::new(&state, &page))
}

#[utoipa::path(post, path = "/chat", tag = "pages", request_body(content = ChatForm, content_type = "application/x-www-form-urlencoded"), responses((status = 200, description = "回答を表示した画面", content_type = "text/html", body = String), (status = 400, description = "入力エラー", content_type = "text/html", body = String), (status = "4XX", description = "フォームとして読めない", content_type = "text/plain", body = String)))]
pub async fn chat_post(
    State(state): State<AppState>,
    page: PageLang,
    axum::Form(form): axum::Form<ChatForm>,
) -> Response {
    let session = (!form.session_id.is_empty()).then_some(form.session_id.as_str());
    let caller = Caller::new(Channel::Web, page.lang);
    match state
        .app
        .chat(session, &form.message, caller, tokyo_now())
        .await
    {
        Ok(turn) => render(
            StatusCode::OK,
            &ChatPage::new(&state, &page)
                .with_history(&state.app, &turn.history)
                .with_reply(&state.app, &turn.reply),
        ),
        Err(AppError::Invalid {
            code,
            message,
            wording,
        }) => {
            let history = match session {
                Some(s) => state.app.chat_history(s).await,
                None => Vec::new(),
            };
            let mut chat = ChatPage::new(&state, &page).with_history(&state.app, &history);
            chat.session_id = form.session_id.clone();
            let m = chat.chrome.messages();
            let said = wording.map_or(message, |w| w.text_in(m.lang()));
            let refused = refusal(m, code, &said);
            chat.error = Some(state.app.line(m.lang(), &refused));
            render(StatusCode::BAD_REQUEST, &chat)
        }
        Err(e) => ApiError::from(e).into_response(),
    }
}
