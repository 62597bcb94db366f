//! Shared state for handlers: the read-only search app and the operational parts (store,
//! inquiry log, chatbot sessions, calendar).

use std::path::PathBuf;
use std::sync::Arc;

use axum::extract::FromRef;
use axum::http::HeaderMap;

use crate::chat::{ChatBot, SessionStore};
use crate::domain::calendar::OfficeCalendar;
use crate::domain::inquiry::{Channel, LogEntry};
use crate::service::App;
use crate::store::{InquiryLog, Store, StoreError};

pub struct Ops {
    pub store: Store,
    pub log: InquiryLog,
    pub chat: ChatBot,
    /// Chat sessions, in the database so that every replica sees them.
    pub sessions: Arc<dyn SessionStore>,
    pub calendar: OfficeCalendar,
    pub secure_cookies: bool,
    pub limiter: super::limit::RateLimiter,
}

impl std::fmt::Debug for Ops {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Ops")
    }
}

#[derive(Clone, Debug, FromRef)]
pub struct AppState {
    pub app: Arc<App>,
    pub ops: Arc<Ops>,
}

impl AppState {
    /// Connects the store named by the settings and starts the inquiry log writer.
    pub async fn new(app: App) -> Result<AppState, StoreError> {
        let url = app.settings.database_url.expose().to_string();
        let store = Store::connect(&url).await?;
        let spool = spool_path(&url, app.settings.spool_dir.as_deref());
        let log = InquiryLog::start(store.clone(), &spool);
        let ops = Ops {
            sessions: Arc::new(store.clone()),
            store,
            log,
            chat: ChatBot::new(app.settings.handoff_confidence),
            calendar: OfficeCalendar::new(),
            secure_cookies: app.settings.cookies_secure(),
            limiter: super::limit::RateLimiter::new(app.settings.rate_limit_per_minute),
        };
        Ok(AppState {
            app: Arc::new(app),
            ops: Arc::new(ops),
        })
    }

    pub async fn record(&self, entry: LogEntry) {
        self.ops.log.record(entry).await;
    }

    /// One chat turn: answered within its session (see [`crate::chat`]), then logged (the
    /// inquiry, and its hand-off ticket if any). Returns the reply and the history so far.
    pub async fn chat_turn(
        &self,
        session_id: Option<&str>,
        message: &str,
        channel: Channel,
        now: chrono::NaiveDateTime,
    ) -> Result<(crate::chat::ChatReply, Vec<(String, String)>), crate::service::AppError> {
        let outcome = self
            .ops
            .chat
            .converse(
                &self.app,
                &self.ops.calendar,
                self.ops.sessions.as_ref(),
                session_id,
                message,
                channel,
                now,
            )
            .await?;
        self.record(LogEntry::Inquiry(outcome.inquiry)).await;
        if let Some(ticket) = outcome.ticket {
            self.record(LogEntry::Ticket(ticket)).await;
        }
        Ok((outcome.reply, outcome.history))
    }
}

/// The spool sits next to the SQLite file, or in `spool_dir` (default ./data) for PostgreSQL,
/// named after the database: two servers started in one folder on different databases (a test
/// next to a load run) must never retry each other's entries into the wrong database.
pub fn spool_path(database_url: &str, spool_dir: Option<&std::path::Path>) -> PathBuf {
    if database_url.starts_with("sqlite") {
        let file = database_url
            .trim_start_matches("sqlite://")
            .trim_start_matches("sqlite:");
        let file = file.split('?').next().unwrap_or(file);
        PathBuf::from(format!("{file}.spool.jsonl"))
    } else {
        use sha2::Digest;
        let digest = sha2::Sha256::digest(database_url.as_bytes());
        spool_dir
            .unwrap_or(std::path::Path::new("data"))
            .join(format!(
                "inquiry-log-{}.spool.jsonl",
                hex::encode(&digest[..6])
            ))
    }
}

/// API callers may say they are the call centre (`X-Shien-Channel: operator`).
pub fn api_channel(headers: &HeaderMap) -> Channel {
    match headers.get("x-shien-channel").and_then(|v| v.to_str().ok()) {
        Some("operator") => Channel::Operator,
        Some("web") => Channel::Web,
        _ => Channel::Api,
    }
}
