//! A chat turn (answered or handed off, then logged with its ticket) and caller feedback.

use chrono::NaiveDateTime;

use super::chat::{Caller, ChatReply};
use super::refusal::Wording;
use super::{App, AppError, Result};
use crate::domain::inquiry::{Feedback, LogEntry};
use crate::domain::search::{MAX_QUERY_CHARS, QueryError, SearchQuery};

/// A chat reply and the conversation so far, this turn included (for the no-JavaScript page).
pub struct Turn {
    pub reply: ChatReply,
    pub history: Vec<(String, String)>,
}

/// Session ids are UUIDs; anything longer than this is refused before the store sees it.
const MAX_SESSION_ID_CHARS: usize = 64;

/// Japan time now, as the office calendar reads it.
pub fn tokyo_now() -> NaiveDateTime {
    chrono::Utc::now()
        .with_timezone(&chrono::FixedOffset::east_opt(9 * 3600).expect("valid offset"))
        .naive_local()
}

impl App {
    /// One chat turn within its session (see [`super::chat`]), then logged: the inquiry, and
    /// its hand-off ticket if any. The caller is a channel, or a channel and the page's
    /// language ([`Caller`]). `now` is JST wall-clock time.
    pub async fn chat(
        &self,
        session_id: Option<&str>,
        message: &str,
        caller: impl Into<Caller>,
        now: NaiveDateTime,
    ) -> Result<Turn> {
        if session_id.is_some_and(|s| s.len() > MAX_SESSION_ID_CHARS) {
            return Err(AppError::refused(
                "invalid_field",
                Wording::new("refusal-session-id")
                    .on("session_id")
                    .arg("max", MAX_SESSION_ID_CHARS),
            ));
        }
        SearchQuery::parse(message).map_err(|e| match e {
            QueryError::Empty => AppError::refused(
                "empty_message",
                Wording::new("refusal-message-empty").on("message"),
            ),
            QueryError::TooLong { chars, max } => AppError::refused(
                "message_too_long",
                Wording::new("refusal-message-too-long")
                    .on("message")
                    .arg("chars", chars)
                    .arg("max", max),
            ),
            other => AppError::from(other),
        })?;
        let outcome = self
            .chat
            .converse(
                &self.engine(),
                &self.calendar,
                self.sessions.as_ref(),
                session_id,
                message,
                caller.into(),
                now,
            )
            .await?;
        self.record(LogEntry::Inquiry(outcome.inquiry)).await;
        if let Some(ticket) = outcome.ticket {
            self.record(LogEntry::Ticket(ticket)).await;
        }
        Ok(Turn {
            reply: outcome.reply,
            history: outcome.history,
        })
    }

    /// The conversation so far in a session; empty for an unknown one.
    pub async fn chat_history(&self, session_id: &str) -> Vec<(String, String)> {
        self.chat.history(self.sessions.as_ref(), session_id).await
    }

    /// Records whether an answer helped, with an optional (masked) comment. Returns its id.
    pub async fn feedback(
        &self,
        inquiry_id: &str,
        helpful: bool,
        comment: Option<&str>,
    ) -> Result<String> {
        if uuid::Uuid::parse_str(inquiry_id).is_err() {
            return Err(AppError::refused(
                "invalid_field",
                Wording::new("refusal-inquiry-id").on("inquiry_id"),
            ));
        }
        if comment.is_some_and(|c| c.chars().count() > MAX_QUERY_CHARS) {
            return Err(AppError::refused(
                "invalid_field",
                Wording::new("refusal-comment-too-long")
                    .on("comment")
                    .arg("max", MAX_QUERY_CHARS),
            ));
        }
        let comment = comment.map(|c| self.engine().mask(c));
        let f = Feedback::new(inquiry_id, helpful, comment);
        let id = f.id.clone();
        self.record(LogEntry::Feedback(f)).await;
        Ok(id)
    }
}
