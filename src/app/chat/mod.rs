//! The inquiry chatbot: grounded answers built only from the FAQ and scheme corpus (each
//! cited), one clarifying question when a message is too vague, follow-ups that use the
//! session's context, and hand-off to a human desk with the next staffed slot.
//!
//! A session lives behind [`SessionStore`] (see [`super::sessions`]), never in the process,
//! so a follow-up can reach any replica.
//!
//! One file per concern: `turn.rs` (the flow of one turn), `decide.rs` (retrieval,
//! confidence and the routing decision: the one place the chat calls `domain::routing`),
//! `subject.rs` (which scheme a factual question is about), `follow_up.rs` (a question about
//! the scheme just discussed), `compose.rs` (the words of an answer), `facts.rs` (the asked
//! facts worded by the reply language's catalog), `citations.rs`,
//! `handoff.rs` (the desk, its next slot and the ticket). This file holds the reply types and
//! the session handling around a turn.

mod citations;
mod compose;
mod decide;
pub mod facts;
mod follow_up;
mod handoff;
mod subject;
mod turn;

use std::time::Instant;

use chrono::{NaiveDateTime, Utc};
use serde::Serialize;

pub use super::sessions::{
    ChatSession, MAX_SESSION_BYTES, MemorySessions, SESSION_TTL, SessionResult, SessionStore,
    resume,
};
use super::sessions::{MAX_HISTORY, SESSION_IO_WAIT};
pub use decide::{DEFAULT_THRESHOLD, confidence_of, decide};

use crate::app::engine::{Engine, Result};
use crate::domain::Lang;
use crate::domain::calendar::OfficeCalendar;
use crate::domain::handoff::HandoffCategory;
use crate::domain::handoff::HandoffReason;
use crate::domain::inquiry::{Channel, Inquiry, Ticket};

/// Who is asking: the channel, and the language of the page they asked from (Japanese for the
/// CLI and for API clients that do not say). A message written in English is answered in
/// English whatever the page; the staff's warm summary stays Japanese.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Caller {
    pub channel: Channel,
    pub lang: Lang,
}

impl Caller {
    pub fn new(channel: Channel, lang: Lang) -> Caller {
        Caller { channel, lang }
    }
}

impl From<Channel> for Caller {
    fn from(channel: Channel) -> Caller {
        Caller::new(channel, Lang::Ja)
    }
}

#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct Citation {
    pub id: String,
    pub title: String,
    pub url: String,
    /// False when the page is not the provider's own (see `corpus/sources.toml`).
    pub official_source: bool,
}

/// A hand-off as the caller's client sees it: category and reason as Japanese labels only (the
/// reply's text names them in its language); the desk's name and how to book in the reply's
/// language.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct HandoffInfo {
    #[serde(serialize_with = "category_label")]
    #[schema(value_type = crate::domain::handoff::HandoffCategoryLabel)]
    pub category: HandoffCategory,
    pub desk: String,
    pub desk_id: String,
    #[serde(serialize_with = "reason_label")]
    #[schema(value_type = crate::domain::handoff::HandoffReasonLabel)]
    pub reason: HandoffReason,
    pub ticket: String,
    /// Next staffed time, JST "YYYY-MM-DD HH:MM".
    pub next_slot: Option<String>,
    pub open_now: bool,
    pub how_to_book: String,
}

fn category_label<S: serde::Serializer>(
    c: &HandoffCategory,
    s: S,
) -> std::result::Result<S::Ok, S::Error> {
    s.serialize_str(c.label_ja())
}

fn reason_label<S: serde::Serializer>(
    r: &HandoffReason,
    s: S,
) -> std::result::Result<S::Ok, S::Error> {
    s.serialize_str(r.label_ja())
}

#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct ChatReply {
    pub session_id: String,
    pub inquiry_id: String,
    pub reply: String,
    /// The language `reply` is written in: `en` for a message written in English, else the
    /// page's language (`ja` when the caller did not say). Japanese names inside an English
    /// reply are the official ones, for asking the ward.
    pub lang: Lang,
    pub citations: Vec<Citation>,
    pub confidence: f32,
    pub handoff: Option<HandoffInfo>,
    /// True when the bot asked a clarifying question instead of answering.
    pub clarifying: bool,
}

#[derive(Debug, Default)]
pub struct ChatBot {
    pub threshold: f32,
}

/// What the chat produced, for the log.
pub struct ChatOutcome {
    pub reply: ChatReply,
    pub inquiry: Inquiry,
    pub ticket: Option<Ticket>,
    /// The conversation so far, this turn included (for the no-JavaScript page).
    pub history: Vec<(String, String)>,
}

impl ChatBot {
    pub fn new(threshold: f32) -> ChatBot {
        ChatBot { threshold }
    }

    /// One chat turn: resumes the session (or starts one), answers, and stores the session
    /// again. A session store that fails or is slow costs the context, never the answer.
    /// `now` is JST wall-clock time (for the next desk slot). Needs a multi-threaded runtime.
    #[allow(clippy::too_many_arguments)]
    pub async fn converse(
        &self,
        app: &Engine,
        calendar: &OfficeCalendar,
        sessions: &dyn SessionStore,
        session_id: Option<&str>,
        message: &str,
        caller: Caller,
        now: NaiveDateTime,
    ) -> Result<ChatOutcome> {
        let (id, mut session) = resume(sessions, session_id, Utc::now()).await;
        let mut outcome = tokio::task::block_in_place(|| {
            self.answer(app, calendar, id, &mut session, message, caller, now)
        })?;
        match tokio::time::timeout(
            SESSION_IO_WAIT,
            sessions.save(&outcome.reply.session_id, &mut session, Utc::now()),
        )
        .await
        {
            Ok(Ok(())) => {}
            Ok(Err(e)) => tracing::warn!(error = %e, "chat session could not be stored"),
            Err(_) => tracing::warn!("chat session write timed out"),
        }
        outcome.history = session.history;
        Ok(outcome)
    }

    /// The conversation so far (masked user text and replies); empty for an unknown session.
    pub async fn history(
        &self,
        sessions: &dyn SessionStore,
        session_id: &str,
    ) -> Vec<(String, String)> {
        let (id, session) = resume(sessions, Some(session_id), Utc::now()).await;
        if id == session_id {
            session.history
        } else {
            Vec::new()
        }
    }

    /// Answers one message within `session` (updated in place). `now` is JST wall-clock time.
    #[allow(clippy::too_many_arguments)]
    pub(super) fn finish(
        &self,
        session_id: String,
        session: &mut ChatSession,
        mut inquiry: Inquiry,
        reply: String,
        lang: Lang,
        citations: Vec<Citation>,
        confidence: f32,
        handoff: Option<HandoffInfo>,
        clarifying: bool,
        started: Instant,
    ) -> ChatOutcome {
        session
            .history
            .push((inquiry.text().to_string(), reply.clone()));
        if session.history.len() > MAX_HISTORY {
            session.history.remove(0);
        }
        inquiry.latency_ms = started.elapsed().as_secs_f64() * 1000.0;
        let reply = ChatReply {
            session_id,
            inquiry_id: inquiry.id.clone(),
            reply,
            lang,
            citations,
            confidence: (confidence * 1000.0).round() / 1000.0,
            handoff,
            clarifying,
        };
        ChatOutcome {
            reply,
            inquiry,
            ticket: None,
            history: Vec::new(),
        }
    }
}
