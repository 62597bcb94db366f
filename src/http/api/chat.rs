//! Chat and feedback: `POST /api/v1/chat`, `POST /api/v1/feedback`, and the `/chat` page.

use std::fmt::Write;

use axum::Json;
use axum::extract::State;
use axum::http::{HeaderMap, StatusCode};
use axum::response::{Html, IntoResponse, Response};
use serde::{Deserialize, Serialize};

use super::error::{ApiError, ApiJson, JsonErrors};
use super::html::{Page, esc, source_link};
use super::state::{AppState, api_channel};
use crate::chat::ChatReply;
use crate::domain::inquiry::{Channel, Feedback, LogEntry};
use crate::domain::search::{MAX_QUERY_CHARS, QueryError, SearchQuery};

#[derive(Debug, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ChatRequest {
    #[serde(default)]
    #[schema(max_length = 64)]
    pub session_id: Option<String>,
    #[schema(value_type = super::openapi::fields::UserText)]
    pub message: String,
}

pub fn tokyo_now() -> chrono::NaiveDateTime {
    chrono::Utc::now()
        .with_timezone(&chrono::FixedOffset::east_opt(9 * 3600).expect("valid offset"))
        .naive_local()
}

async fn converse(
    state: &AppState,
    session_id: Option<&str>,
    message: &str,
    channel: Channel,
) -> Result<(ChatReply, Vec<(String, String)>), ApiError> {
    if session_id.is_some_and(|s| s.len() > 64) {
        return Err(ApiError::bad_request(
            "invalid_field",
            "session_id: 64文字以内で指定してください。",
        ));
    }
    SearchQuery::parse(message).map_err(|e| match e {
        QueryError::Empty => {
            ApiError::bad_request("empty_message", "message: メッセージを入力してください。")
        }
        other => ApiError::bad_request("message_too_long", format!("message: {other}")),
    })?;
    Ok(state
        .chat_turn(session_id, message, channel, tokyo_now())
        .await?)
}

#[utoipa::path(post, path = "/api/v1/chat", tag = "chat", request_body = ChatRequest, responses((status = 200, description = "回答（出典付き）または担当窓口への引き継ぎ", body = ChatReply), JsonErrors))]
pub async fn chat(
    State(state): State<AppState>,
    headers: HeaderMap,
    ApiJson(req): ApiJson<ChatRequest>,
) -> Result<Json<ChatReply>, ApiError> {
    converse(
        &state,
        req.session_id.as_deref(),
        &req.message,
        api_channel(&headers),
    )
    .await
    .map(|(reply, _)| Json(reply))
}

#[derive(Debug, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct FeedbackRequest {
    #[schema(
        format = "uuid",
        pattern = "^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$"
    )]
    pub inquiry_id: String,
    pub helpful: bool,
    #[serde(default)]
    #[schema(max_length = 1000)]
    pub comment: Option<String>,
}

#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct FeedbackReceipt {
    pub id: String,
    pub status: &'static str,
}

#[utoipa::path(post, path = "/api/v1/feedback", tag = "chat", request_body = FeedbackRequest, responses((status = 202, description = "受け付けた", body = FeedbackReceipt), JsonErrors))]
pub async fn feedback(
    State(state): State<AppState>,
    ApiJson(req): ApiJson<FeedbackRequest>,
) -> Result<(StatusCode, Json<FeedbackReceipt>), ApiError> {
    if uuid::Uuid::parse_str(&req.inquiry_id).is_err() {
        return Err(ApiError::bad_request(
            "invalid_field",
            "inquiry_id: 検索・チャットの応答に含まれる inquiry_id を指定してください。",
        ));
    }
    if req
        .comment
        .as_ref()
        .is_some_and(|c| c.chars().count() > MAX_QUERY_CHARS)
    {
        return Err(ApiError::bad_request(
            "invalid_field",
            "comment: 1000文字以内で入力してください。",
        ));
    }
    let comment = req.comment.as_deref().map(|c| state.app.mask(c));
    let f = Feedback::new(&req.inquiry_id, req.helpful, comment);
    let id = f.id.clone();
    state.record(LogEntry::Feedback(f)).await;
    Ok((
        StatusCode::ACCEPTED,
        Json(FeedbackReceipt {
            id,
            status: "recorded",
        }),
    ))
}

#[derive(Debug, Deserialize, utoipa::ToSchema)]
pub struct ChatForm {
    #[serde(default)]
    #[schema(max_length = 64)]
    pub session_id: String,
    #[serde(default)]
    #[schema(value_type = super::openapi::fields::UserText, required = true)]
    pub message: String,
}

#[utoipa::path(get, path = "/chat", tag = "pages", responses((status = 200, description = "チャット画面", content_type = "text/html", body = String)))]
pub async fn chat_page() -> Html<String> {
    Html(
        Page {
            title: "チャットで相談",
            nav: "chat",
            body: chat_body("", &[], None, None),
        }
        .render(),
    )
}

#[utoipa::path(post, path = "/chat", tag = "pages", request_body(content = ChatForm, content_type = "application/x-www-form-urlencoded"), responses((status = 200, description = "回答を表示した画面", content_type = "text/html", body = String), (status = 400, description = "入力エラー", content_type = "text/html", body = String), (status = "4XX", description = "フォームとして読めない", content_type = "text/plain", body = String)))]
pub async fn chat_post(
    State(state): State<AppState>,
    axum::Form(form): axum::Form<ChatForm>,
) -> Response {
    let session = (!form.session_id.is_empty()).then_some(form.session_id.as_str());
    match converse(&state, session, &form.message, Channel::Web).await {
        Ok((reply, history)) => Html(
            Page {
                title: "チャットで相談",
                nav: "chat",
                body: chat_body(&reply.session_id, &history, Some(&reply), None),
            }
            .render(),
        )
        .into_response(),
        Err(ApiError::BadRequest { message, .. }) => {
            let history = match session {
                Some(s) => state.ops.chat.history(state.ops.sessions.as_ref(), s).await,
                None => Vec::new(),
            };
            let body = chat_body(
                &form.session_id,
                &history,
                None,
                Some(message.trim_start_matches("message: ")),
            );
            (
                StatusCode::BAD_REQUEST,
                Html(
                    Page {
                        title: "チャットで相談",
                        nav: "chat",
                        body,
                    }
                    .render(),
                ),
            )
                .into_response()
        }
        Err(e) => e.into_response(),
    }
}

fn chat_body(
    session_id: &str,
    history: &[(String, String)],
    last: Option<&ChatReply>,
    error: Option<&str>,
) -> String {
    let mut out = String::from(
        "<h1>チャットで相談</h1><p>補助金・融資・相談窓口について、よくある質問と制度の情報からお答えします。込み入ったご相談は専門の相談員におつなぎします（平日 8:30〜17:15）。</p>",
    );
    if !history.is_empty() {
        out.push_str(r#"<ol class="chat-log" aria-label="これまでのやりとり">"#);
        for (q, a) in history {
            let _ = write!(
                out,
                r#"<li class="user"><strong>あなた：</strong>{}</li><li><strong>支援ナビ：</strong>{}</li>"#,
                esc(q),
                esc(a).replace('\n', "<br>")
            );
        }
        out.push_str("</ol>");
    }
    if let Some(r) = last {
        if !r.citations.is_empty() {
            out.push_str("<h2>出典</h2><ul>");
            for c in &r.citations {
                let _ = write!(
                    out,
                    r#"<li><a href="/schemes/{}">{}</a>（{}）</li>"#,
                    esc(&c.id),
                    esc(&c.title),
                    source_link(&c.url, c.official_source)
                );
            }
            out.push_str("</ul>");
        }
        if let Some(h) = &r.handoff {
            let _ = write!(
                out,
                r#"<p class="notice" role="status">受付番号 <strong>{}</strong>：{}の相談として{}におつなぎします（{}）</p>"#,
                esc(&h.ticket),
                esc(h.category.label_ja()),
                esc(&h.desk),
                esc(h
                    .next_slot
                    .as_deref()
                    .unwrap_or("日時は窓口にご確認ください"))
            );
        }
    }
    if let Some(e) = error {
        let _ = write!(out, r#"<p class="error" role="alert">{}</p>"#, esc(e));
    }
    let _ = write!(
        out,
        r#"<form class="search" method="post" action="/chat"><input type="hidden" name="session_id" value="{}">
<div><label for="message">ご質問</label><textarea id="message" name="message" rows="3" maxlength="1000" required placeholder="例：開業前でも区の創業融資は使えますか？"></textarea></div>
<div><button type="submit">送信する</button></div></form>
<p class="muted">お名前・電話番号などの個人情報は入力しないでください（入力された場合も記録時に伏せ字にします）。</p>"#,
        esc(session_id)
    );
    out
}
