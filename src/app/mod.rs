//! The application layer: every user action happens here, once. HTTP handlers, the CLI and
//! the evaluation call these functions and nothing below them; each action that a person
//! takes writes its log record exactly once, here.
//!
//! `App` is built once from `Settings`: the [`Engine`] (corpus, analyzer, indexes, embedder)
//! plus the operational parts (the store, the inquiry log writer, chat sessions and the office
//! calendar). The engine is replaced whole when an editor publishes a change to the corpus
//! (`corpus_live`): each call takes the engine current when it starts and keeps it.

pub mod chat;
pub mod console;
pub mod conversation;
pub mod corpus_editing;
pub mod corpus_live;
pub mod engine;
pub mod evaluation;
pub mod judgments;
pub mod maintenance;
pub mod messages;
pub mod recommend;
pub mod refusal;
pub mod report;
pub mod search;
pub mod sessions;
pub mod staff;
pub mod words;

use std::sync::Arc;

pub use engine::{Engine, EngineError, tokyo_today};

use crate::config::Settings;
use crate::domain::calendar::OfficeCalendar;
use crate::domain::inquiry::LogEntry;
use crate::domain::profile::ProfileError;
use crate::domain::search::QueryError;
use crate::domain::staff::Permission;
/// The inquiry log's counters, as `/healthz` and the dashboard show them.
pub use crate::store::LogCounts;
use crate::store::{InquiryLog, Store, StoreError};
use chat::{ChatBot, SessionStore};
use refusal::Wording;

/// Why an action could not be done. `Invalid` and `NotFound` are the caller's to fix (4xx);
/// the others are ours.
#[derive(Debug, thiserror::Error)]
pub enum AppError {
    /// Input that cannot be used, with a stable code and a Japanese message naming the field;
    /// with its wording when the entry points must say it in the reader's language too.
    #[error("{message}")]
    Invalid {
        code: &'static str,
        message: String,
        wording: Option<Wording>,
    },
    /// Questionnaire answers that cannot be used (the field is named in the error).
    #[error("{0}")]
    Answer(#[from] ProfileError),
    /// What was asked for is not there (the wording names it).
    #[error("{}", .0.in_lang(crate::domain::Lang::Ja))]
    NotFound(Wording),
    /// The staff member's role does not allow the action.
    #[error("{}は、あなたの役割では行えません。", permission.label_ja())]
    Forbidden { permission: Permission },
    /// A failure of ours that is none of the parts below (password hashing).
    #[error("{0}")]
    Internal(String),
    /// Another editor published the entry since this one started from it.
    #[error("{}", .0.in_lang(crate::domain::Lang::Ja))]
    Conflict(Wording),
    /// A corpus edit or import the validator refused: each problem names the file, the line
    /// where known, the entry and the field.
    #[error("{}", problems.iter().map(|p| p.to_string()).collect::<Vec<_>>().join("\n"))]
    CorpusInvalid {
        problems: Vec<crate::domain::corpus::Problem>,
    },
    #[error(transparent)]
    Engine(#[from] EngineError),
    #[error(transparent)]
    Store(#[from] StoreError),
}

impl AppError {
    pub fn invalid(code: &'static str, message: impl Into<String>) -> AppError {
        AppError::Invalid {
            code,
            message: message.into(),
            wording: None,
        }
    }

    /// A refusal worded from the catalogs (its message is the Japanese one).
    pub fn refused(code: &'static str, wording: Wording) -> AppError {
        AppError::Invalid {
            code,
            message: wording.in_lang(crate::domain::Lang::Ja),
            wording: Some(wording),
        }
    }

    /// The catalog wording of the error, when the entry points can say it in the reader's
    /// language.
    pub fn wording(&self) -> Option<Wording> {
        match self {
            AppError::Invalid { wording, .. } => wording.clone(),
            AppError::Answer(e) => Some(Wording::from(e)),
            AppError::NotFound(wording) | AppError::Conflict(wording) => Some(wording.clone()),
            AppError::Forbidden { permission } => Some(refusal::forbidden(*permission)),
            AppError::Internal(_)
            | AppError::CorpusInvalid { .. }
            | AppError::Engine(_)
            | AppError::Store(_) => None,
        }
    }

    /// The message in `lang`, naming the field it is about (`field: message`) as the Japanese
    /// one does; the Japanese text when the error has no catalog wording.
    pub fn in_lang(&self, lang: crate::domain::Lang) -> String {
        self.wording()
            .map_or_else(|| self.to_string(), |w| w.in_lang(lang))
    }

    /// The message in `lang` without the field, for a page that shows it beside the field.
    pub fn text_in(&self, lang: crate::domain::Lang) -> String {
        self.wording()
            .map_or_else(|| self.to_string(), |w| w.text_in(lang))
    }
}

impl From<QueryError> for AppError {
    fn from(e: QueryError) -> Self {
        let code = match e {
            QueryError::Empty => "empty_query",
            QueryError::TooLong { .. } => "query_too_long",
            QueryError::TopK { .. } => "invalid_top_k",
            QueryError::Level { .. } => "invalid_level",
            QueryError::Purpose { .. } => "invalid_purpose",
        };
        AppError::refused(code, Wording::from(&e))
    }
}

pub type Result<T> = std::result::Result<T, AppError>;

/// An outcome that was logged: its `inquiry_id` is what feedback refers to.
#[derive(Debug, serde::Serialize, utoipa::ToSchema)]
pub struct Logged<T> {
    pub inquiry_id: String,
    #[serde(flatten)]
    pub outcome: T,
}

/// What the health check reports.
pub struct HealthReport {
    pub schemes: usize,
    pub faqs: usize,
    pub database_ok: bool,
    pub log: LogCounts,
    pub query_vector_hits: u64,
    pub query_vector_misses: u64,
}

/// The whole service, built once at start-up and shared by every entry point.
pub struct App {
    /// Fixed at start-up; the engine's own copy differs only in nothing that matters here.
    settings: Settings,
    engine: std::sync::RwLock<Arc<Engine>>,
    /// Which published corpus the engine was built from, and the lock one rebuild holds.
    live: corpus_live::LiveCorpus,
    store: Store,
    log: InquiryLog,
    chat: ChatBot,
    /// Chat sessions, in the database so that every replica sees them.
    sessions: Arc<dyn SessionStore>,
    calendar: OfficeCalendar,
}

impl std::fmt::Debug for App {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("App").finish_non_exhaustive()
    }
}

impl App {
    /// Builds the engine from the settings, connects the store and starts the log writer.
    pub async fn build(settings: Settings) -> Result<App> {
        let engine = tokio::task::block_in_place(|| Engine::build(settings))?;
        App::start(engine).await
    }

    /// Connects the store named by the engine's settings and starts the inquiry log writer.
    pub async fn start(engine: Engine) -> Result<App> {
        let url = engine.settings.database_url.expose().to_string();
        let store = Store::connect(&url).await?;
        let spool = crate::store::spool_path(&url, engine.settings.spool_dir.as_deref());
        let log = InquiryLog::start(store.clone(), &spool);
        // The database holds the published corpus: seeded from the TOML tree on first start,
        // and the engine rebuilt from it when console edits were published since.
        let (engine, live) = corpus_live::start(&store, engine).await?;
        let app = App {
            chat: ChatBot::new(engine.settings.handoff_confidence),
            sessions: Arc::new(store.clone()),
            settings: engine.settings.clone(),
            engine: std::sync::RwLock::new(Arc::new(engine)),
            live,
            store,
            log,
            calendar: OfficeCalendar::new(),
        };
        // What editors approved (aliases, synonym groups) applies from the first request.
        app.learn().await?;
        // The masker's view of the corpus is made in the background, not by the first caller.
        let engine = app.engine();
        tokio::task::spawn_blocking(move || {
            engine.mask_lexicon();
        });
        Ok(app)
    }

    pub fn settings(&self) -> &Settings {
        &self.settings
    }

    /// The search engine (corpus, indexes, embedder) as published now. Hold the returned
    /// handle for the whole of one request: a publish meanwhile does not change it.
    pub fn engine(&self) -> Arc<Engine> {
        self.engine
            .read()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
            .clone()
    }

    pub fn calendar(&self) -> &OfficeCalendar {
        &self.calendar
    }

    /// The office hours people read in the page footer and the chat, from the calendar.
    pub fn office_hours_ja(&self) -> String {
        self.calendar.hours_ja()
    }

    /// Writes what is still queued (before exit).
    pub async fn flush_log(&self) {
        self.log.flush().await;
    }

    pub fn log_counts(&self) -> LogCounts {
        self.log.counts()
    }

    /// The log database itself, for maintenance tools and tests that check what was stored;
    /// user actions go through the methods of `App`.
    pub fn store(&self) -> &Store {
        &self.store
    }

    pub async fn health(&self) -> HealthReport {
        let engine = self.engine();
        let (hits, misses) = engine.query_vector_counters();
        HealthReport {
            schemes: engine.corpus.schemes.len(),
            faqs: engine.corpus.faqs.len(),
            database_ok: self.store.ping().await.is_ok(),
            log: self.log.counts(),
            query_vector_hits: hits,
            query_vector_misses: misses,
        }
    }

    async fn record(&self, entry: LogEntry) {
        self.log.record(entry).await;
    }
}
