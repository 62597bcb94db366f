//! `/chat`: the chatbot without JavaScript (a form that posts back, with the history).

use askama::Template;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use serde::Deserialize;

use super::{Chrome, render};
use crate::app::AppError;
use crate::app::chat::ChatReply;
use crate::app::conversation::tokyo_now;
use crate::domain::inquiry::Channel;
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

#[derive(Template)]
#[template(path = "chat.html")]
struct ChatPage {
    title: &'static str,
    chrome: Chrome,
    session_id: String,
    history: Vec<(String, String)>,
    last: Option<ChatReply>,
    error: Option<String>,
}

impl ChatPage {
    fn new(state: &AppState, page: &PageLang) -> ChatPage {
        ChatPage {
            title: "チャットで相談",
            // The chatbot answers in Japanese for now.
            chrome: Chrome::new(&state.app, "chat", page).japanese_content(),
            session_id: String::new(),
            history: Vec::new(),
            last: None,
            error: None,
        }
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
    match state
        .app
        .chat(session, &form.message, Channel::Web, tokyo_now())
        .await
    {
        Ok(turn) => render(
            StatusCode::OK,
            &ChatPage {
                session_id: turn.reply.session_id.clone(),
                history: turn.history,
                last: Some(turn.reply),
                ..ChatPage::new(&state, &page)
            },
        ),
        Err(AppError::Invalid { message, .. }) => {
            let history = match session {
                Some(s) => state.app.chat_history(s).await,
                None => Vec::new(),
            };
            render(
                StatusCode::BAD_REQUEST,
                &ChatPage {
                    session_id: form.session_id.clone(),
                    history,
                    error: Some(message.trim_start_matches("message: ").to_string()),
                    ..ChatPage::new(&state, &page)
                },
            )
        }
        Err(e) => ApiError::from(e).into_response(),
    }
}
