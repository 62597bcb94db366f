//! The inquiry log, hand-off tickets, feedback and staff accounts, over sqlx's `Any` driver:
//! a SQLite file by default (WAL), PostgreSQL when the URL says so. The same migrations and
//! queries serve both.

mod accounts;
mod audit;
pub mod backup;
mod chat_sessions;
mod corpus;
mod judgments;
mod log;
mod records;

pub use accounts::{StaffSession, StaffUser};
pub use audit::AuditPage;
pub use corpus::{CorpusEntry, CorpusState, CorpusVersion, Published};
pub use log::{InquiryLog, LogCounts, LogStats};
pub use records::{InquiryFilter, RemaskCount, RemaskReport};

use std::path::Path;

use chrono::{DateTime, Utc};
use sqlx::any::{AnyPoolOptions, AnyRow};
use sqlx::{AnyPool, Row};

use crate::domain::handoff::{HandoffCategory, HandoffReason, StableCode, TicketStatus};
use crate::domain::inquiry::{
    Channel, Feedback, Inquiry, InquiryKind, LogEntry, ShownResult, Ticket,
};
use crate::domain::masking::Masked;
use crate::domain::storable::storable;

/// A lookup key or filter from a request, made storable: text with a NUL cannot match a row
/// (none holds one), and PostgreSQL would refuse the query instead of finding nothing.
pub(super) fn key(s: &str) -> String {
    storable(s).into_owned()
}

/// Expired chat sessions are deleted on every this many session writes.
pub(super) const PURGE_CHAT_SESSIONS_EVERY: u64 = 64;

/// One migration: the same SQL for both backends, or one file each where they differ
/// (triggers).
enum Migration {
    Portable(&'static str),
    PerBackend {
        sqlite: &'static str,
        postgres: &'static str,
    },
}

const MIGRATIONS: &[(i64, Migration)] = &[
    (
        1,
        Migration::Portable(include_str!("../../migrations/0001_init.sql")),
    ),
    (
        2,
        Migration::Portable(include_str!("../../migrations/0002_handoff_codes.sql")),
    ),
    (
        3,
        Migration::Portable(include_str!("../../migrations/0003_chat_sessions.sql")),
    ),
    (
        4,
        Migration::Portable(include_str!("../../migrations/0004_staff_roles_audit.sql")),
    ),
    (
        5,
        Migration::PerBackend {
            sqlite: include_str!("../../migrations/0005_audit_append_only_sqlite.sql"),
            postgres: include_str!("../../migrations/0005_audit_append_only_postgres.sql"),
        },
    ),
    (
        6,
        Migration::Portable(include_str!("../../migrations/0006_judgments.sql")),
    ),
    (
        7,
        Migration::Portable(include_str!("../../migrations/0007_corpus.sql")),
    ),
];

/// A migration file's statements: split on `;`, except inside a SQLite trigger's
/// `BEGIN … END` or a PostgreSQL `$$` body; comment-only pieces dropped.
fn statements(sql: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut current = String::new();
    for piece in sql.split(';') {
        if !current.is_empty() {
            current.push(';');
        }
        current.push_str(piece);
        let code = current
            .lines()
            .filter(|l| !l.trim_start().starts_with("--"))
            .collect::<Vec<_>>()
            .join("\n");
        let upper = code.trim().to_uppercase();
        let open_body = code.matches("$$").count() % 2 == 1;
        let open_trigger = upper.starts_with("CREATE TRIGGER")
            && upper.split_whitespace().any(|w| w == "BEGIN")
            && !upper.trim_end().ends_with("END");
        if open_body || open_trigger {
            continue;
        }
        current.clear();
        let statement = code.trim();
        if !statement.is_empty() {
            out.push(statement.to_string());
        }
    }
    out
}

/// A column holding a [`StableCode`], decoded through sqlx's typed mapping: an unknown code is
/// a decode error naming the column, never a silent default.
struct Coded<T>(T);

impl<T> sqlx::Type<sqlx::Any> for Coded<T> {
    fn type_info() -> sqlx::any::AnyTypeInfo {
        <String as sqlx::Type<sqlx::Any>>::type_info()
    }

    fn compatible(ty: &sqlx::any::AnyTypeInfo) -> bool {
        <String as sqlx::Type<sqlx::Any>>::compatible(ty)
    }
}

impl<'r, T: StableCode> sqlx::Decode<'r, sqlx::Any> for Coded<T> {
    fn decode(
        value: sqlx::any::AnyValueRef<'r>,
    ) -> std::result::Result<Self, sqlx::error::BoxDynError> {
        let code = <String as sqlx::Decode<sqlx::Any>>::decode(value)?;
        T::from_code(&code).map(Coded).ok_or_else(|| {
            format!(
                "unknown {} code {code:?}",
                std::any::type_name::<T>().rsplit("::").next().unwrap_or("")
            )
            .into()
        })
    }
}

pub(super) fn coded<T: StableCode>(r: &AnyRow, column: &str) -> Result<T> {
    Ok(r.try_get::<Coded<T>, _>(column)?.0)
}

pub(super) fn coded_opt<T: StableCode>(r: &AnyRow, column: &str) -> Result<Option<T>> {
    Ok(r.try_get::<Option<Coded<T>>, _>(column)?.map(|c| c.0))
}

#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("database error: {0}")]
    Database(#[from] sqlx::Error),
    #[error("cannot prepare the database at {path}: {reason}")]
    Prepare { path: String, reason: String },
    #[error("stored data is corrupt: {0}")]
    Corrupt(String),
}

pub type Result<T> = std::result::Result<T, StoreError>;

impl StoreError {
    /// The database refused this particular row (a constraint or a bad value) rather than
    /// being unreachable, read-only or missing a table: retrying the same row cannot help.
    pub fn is_refusal(&self) -> bool {
        let StoreError::Database(sqlx::Error::Database(db)) = self else {
            return false;
        };
        if !matches!(db.kind(), sqlx::error::ErrorKind::Other) {
            return true;
        }
        let code = db.code().map(|c| c.into_owned()).unwrap_or_default();
        // PostgreSQL SQLSTATE classes 22 (data exception) and 23 (integrity constraint);
        // SQLite's primary result code 19 (SQLITE_CONSTRAINT, extended codes keep it in the low byte).
        code.starts_with("22")
            || code.starts_with("23")
            || code.parse::<i64>().is_ok_and(|n| n & 0xff == 19)
    }
}

impl StoreError {
    /// The database's own error code (SQLSTATE, SQLite result code), or `none`: what the
    /// rejected-entry counters are keyed by.
    pub fn code(&self) -> String {
        match self {
            StoreError::Database(sqlx::Error::Database(db)) => db
                .code()
                .map(|c| c.into_owned())
                .unwrap_or_else(|| "none".into()),
            StoreError::Database(_) => "driver".into(),
            StoreError::Prepare { .. } => "prepare".into(),
            StoreError::Corrupt(_) => "corrupt".into(),
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Backend {
    Sqlite,
    Postgres,
}

#[derive(Debug, Clone)]
pub struct Store {
    pool: AnyPool,
    pub backend: Backend,
    /// Chat session writes so far (see [`PURGE_CHAT_SESSIONS_EVERY`]).
    session_writes: std::sync::Arc<std::sync::atomic::AtomicU64>,
}

pub(super) fn ts(t: DateTime<Utc>) -> String {
    t.to_rfc3339_opts(chrono::SecondsFormat::Millis, true)
}

pub(super) fn parse_ts(s: &str) -> Result<DateTime<Utc>> {
    DateTime::parse_from_rfc3339(s)
        .map(|t| t.with_timezone(&Utc))
        .map_err(|e| StoreError::Corrupt(format!("timestamp {s:?}: {e}")))
}

impl Store {
    /// Connects, creating the SQLite file (and its folder) when needed, and migrates.
    pub async fn connect(url: &str) -> Result<Store> {
        sqlx::any::install_default_drivers();
        let backend = if url.starts_with("postgres") {
            Backend::Postgres
        } else {
            Backend::Sqlite
        };
        let url = match backend {
            Backend::Postgres => url.to_string(),
            Backend::Sqlite => {
                let path = url
                    .trim_start_matches("sqlite://")
                    .trim_start_matches("sqlite:");
                let file = path.split('?').next().unwrap_or(path);
                if file != ":memory:"
                    && let Some(dir) = Path::new(file)
                        .parent()
                        .filter(|d| !d.as_os_str().is_empty())
                {
                    std::fs::create_dir_all(dir).map_err(|e| StoreError::Prepare {
                        path: file.into(),
                        reason: e.to_string(),
                    })?;
                }
                if url.contains("mode=") {
                    url.to_string()
                } else {
                    format!("sqlite://{file}?mode=rwc")
                }
            }
        };
        let options = AnyPoolOptions::new()
            .max_connections(if backend == Backend::Sqlite { 4 } else { 10 })
            .acquire_timeout(std::time::Duration::from_secs(5));
        let options = if backend == Backend::Sqlite {
            options.after_connect(|conn, _| {
                Box::pin(async move {
                    sqlx::query("PRAGMA busy_timeout = 5000")
                        .execute(&mut *conn)
                        .await?;
                    sqlx::query("PRAGMA foreign_keys = ON")
                        .execute(&mut *conn)
                        .await?;
                    Ok(())
                })
            })
        } else {
            options
        };
        let pool = options.connect(&url).await?;
        let store = Store {
            pool,
            backend,
            session_writes: Default::default(),
        };
        if backend == Backend::Sqlite {
            sqlx::query("PRAGMA journal_mode = WAL")
                .execute(&store.pool)
                .await?;
            sqlx::query("PRAGMA synchronous = NORMAL")
                .execute(&store.pool)
                .await?;
        }
        store.migrate().await?;
        Ok(store)
    }

    /// Applies what is missing, all in one transaction. On PostgreSQL an advisory lock makes
    /// replicas that start together take turns, so none fails on a half-made table.
    async fn migrate(&self) -> Result<()> {
        let mut tx = self.pool.begin().await?;
        if self.backend == Backend::Postgres {
            sqlx::query("SELECT pg_advisory_xact_lock(7263516)")
                .execute(&mut *tx)
                .await?;
        }
        sqlx::query("CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, applied_at TEXT NOT NULL)").execute(&mut *tx).await?;
        for (version, migration) in MIGRATIONS {
            let done: Option<i64> =
                sqlx::query_scalar("SELECT version FROM schema_migrations WHERE version = $1")
                    .bind(*version)
                    .fetch_optional(&mut *tx)
                    .await?;
            if done.is_some() {
                continue;
            }
            let sql = match (migration, self.backend) {
                (Migration::Portable(sql), _) => sql,
                (Migration::PerBackend { sqlite, .. }, Backend::Sqlite) => sqlite,
                (Migration::PerBackend { postgres, .. }, Backend::Postgres) => postgres,
            };
            for statement in statements(sql) {
                sqlx::query(&statement).execute(&mut *tx).await?;
            }
            sqlx::query("INSERT INTO schema_migrations (version, applied_at) VALUES ($1, $2)")
                .bind(*version)
                .bind(ts(Utc::now()))
                .execute(&mut *tx)
                .await?;
        }
        tx.commit().await?;
        Ok(())
    }

    /// The pool, for maintenance commands and fault tests.
    pub fn pool(&self) -> &AnyPool {
        &self.pool
    }

    pub async fn ping(&self) -> Result<()> {
        sqlx::query("SELECT 1").execute(&self.pool).await?;
        Ok(())
    }
}

/// The spool sits next to the SQLite file, or in `spool_dir` (default ./data) for PostgreSQL,
/// named after the database: two servers started in one folder on different databases (a test
/// next to a load run) must never retry each other's entries into the wrong database.
pub fn spool_path(database_url: &str, spool_dir: Option<&std::path::Path>) -> std::path::PathBuf {
    if database_url.starts_with("sqlite") {
        let file = database_url
            .trim_start_matches("sqlite://")
            .trim_start_matches("sqlite:");
        let file = file.split('?').next().unwrap_or(file);
        std::path::PathBuf::from(format!("{file}.spool.jsonl"))
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

#[cfg(test)]
mod tests {
    use super::statements;

    #[test]
    fn trigger_bodies_and_dollar_quoted_functions_stay_whole() {
        let sqlite = include_str!("../../migrations/0005_audit_append_only_sqlite.sql");
        let got = statements(sqlite);
        assert_eq!(got.len(), 2, "{got:#?}");
        assert!(
            got.iter()
                .all(|s| s.starts_with("CREATE TRIGGER") && s.ends_with("END"))
        );
        let postgres = include_str!("../../migrations/0005_audit_append_only_postgres.sql");
        let got = statements(postgres);
        assert_eq!(got.len(), 3, "{got:#?}");
        assert!(got[0].contains("RAISE EXCEPTION") && got[0].ends_with("$$"));
        let plain =
            statements("-- a comment\nCREATE TABLE a (x TEXT);\nCREATE INDEX i ON a (x);\n");
        assert_eq!(plain.len(), 2);
    }
}
