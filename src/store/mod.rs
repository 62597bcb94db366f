//! The inquiry log, hand-off tickets, feedback and staff accounts, over sqlx's `Any` driver:
//! a SQLite file by default (WAL), PostgreSQL when the URL says so. The same migrations and
//! queries serve both.

pub mod backup;
mod log;

pub use log::{InquiryLog, LogCounts, LogStats};

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
fn key(s: &str) -> String {
    storable(s).into_owned()
}

/// Expired chat sessions are deleted on every this many session writes.
const PURGE_CHAT_SESSIONS_EVERY: u64 = 64;

const MIGRATIONS: &[(i64, &str)] = &[
    (1, include_str!("../../migrations/0001_init.sql")),
    (2, include_str!("../../migrations/0002_handoff_codes.sql")),
    (3, include_str!("../../migrations/0003_chat_sessions.sql")),
];

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

fn coded<T: StableCode>(r: &AnyRow, column: &str) -> Result<T> {
    Ok(r.try_get::<Coded<T>, _>(column)?.0)
}

fn coded_opt<T: StableCode>(r: &AnyRow, column: &str) -> Result<Option<T>> {
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

/// Filters for the staff inquiry list and the CSV export.
#[derive(Debug, Clone, Default)]
pub struct InquiryFilter {
    pub from: Option<DateTime<Utc>>,
    pub to: Option<DateTime<Utc>>,
    pub channel: Option<String>,
    pub kind: Option<String>,
    pub text: Option<String>,
    pub zero_results: bool,
    pub handoff_only: bool,
    pub limit: i64,
}

/// What `Store::remask` found, per stored text.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, serde::Serialize)]
pub struct RemaskReport {
    pub inquiries: RemaskCount,
    pub ticket_summaries: RemaskCount,
    pub ticket_outcomes: RemaskCount,
    pub feedback: RemaskCount,
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, serde::Serialize)]
pub struct RemaskCount {
    pub scanned: u64,
    pub changed: u64,
}

impl RemaskReport {
    pub fn changed(&self) -> u64 {
        self.inquiries.changed
            + self.ticket_summaries.changed
            + self.ticket_outcomes.changed
            + self.feedback.changed
    }
}

#[derive(Debug, Clone)]
pub struct StaffUser {
    pub username: String,
    pub password_hash: String,
    pub failed_attempts: i64,
    pub locked_until: Option<DateTime<Utc>>,
}

#[derive(Debug, Clone)]
pub struct StaffSession {
    pub username: String,
    pub csrf_token: String,
    pub expires_at: DateTime<Utc>,
}

fn ts(t: DateTime<Utc>) -> String {
    t.to_rfc3339_opts(chrono::SecondsFormat::Millis, true)
}

fn parse_ts(s: &str) -> Result<DateTime<Utc>> {
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
        for (version, sql) in MIGRATIONS {
            let done: Option<i64> =
                sqlx::query_scalar("SELECT version FROM schema_migrations WHERE version = $1")
                    .bind(*version)
                    .fetch_optional(&mut *tx)
                    .await?;
            if done.is_some() {
                continue;
            }
            for statement in sql
                .split(';')
                .map(str::trim)
                .filter(|s| !s.is_empty() && !s.lines().all(|l| l.trim_start().starts_with("--")))
            {
                sqlx::query(statement).execute(&mut *tx).await?;
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

    pub async fn insert_inquiry(&self, i: &Inquiry) -> Result<u64> {
        insert_inquiry(&self.pool, i).await
    }

    pub async fn insert_ticket(&self, t: &Ticket) -> Result<u64> {
        insert_ticket(&self.pool, t).await
    }

    pub async fn insert_feedback(&self, f: &Feedback) -> Result<u64> {
        insert_feedback(&self.pool, f).await
    }

    /// Writes one log entry. Inserts are idempotent (the id is the key): returns 1 when the
    /// row is new, 0 when it was already there.
    pub async fn insert_entry(&self, entry: &LogEntry) -> Result<u64> {
        insert_entry(&self.pool, entry).await
    }

    /// Writes several log entries in one transaction: all or none. Returns how many rows
    /// were new (entries already stored are not counted again).
    pub async fn insert_entries(&self, entries: &[LogEntry]) -> Result<u64> {
        let mut tx = self.pool.begin().await?;
        let mut new = 0;
        for entry in entries {
            new += insert_entry(&mut *tx, entry).await?;
        }
        tx.commit().await?;
        Ok(new)
    }

    pub async fn count_inquiries(&self) -> Result<i64> {
        Ok(sqlx::query_scalar("SELECT COUNT(*) FROM inquiries")
            .fetch_one(&self.pool)
            .await?)
    }

    pub async fn inquiry_exists(&self, id: &str) -> Result<bool> {
        let n: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM inquiries WHERE id = $1")
            .bind(key(id))
            .fetch_one(&self.pool)
            .await?;
        Ok(n > 0)
    }

    pub async fn inquiries(&self, f: &InquiryFilter) -> Result<Vec<Inquiry>> {
        let mut sql = String::from("SELECT * FROM inquiries WHERE 1=1");
        let mut args: Vec<String> = Vec::new();
        let mut push = |clause: &str, value: String, sql: &mut String| {
            args.push(value);
            sql.push_str(&clause.replace('?', &format!("${}", args.len())));
        };
        if let Some(from) = f.from {
            push(" AND created_at >= ?", ts(from), &mut sql);
        }
        if let Some(to) = f.to {
            push(" AND created_at < ?", ts(to), &mut sql);
        }
        if let Some(c) = &f.channel {
            push(" AND channel = ?", c.clone(), &mut sql);
        }
        if let Some(k) = &f.kind {
            push(" AND kind = ?", k.clone(), &mut sql);
        }
        if let Some(t) = &f.text {
            push(
                " AND text_masked LIKE ?",
                format!("%{}%", key(t).replace(['%', '_'], "")),
                &mut sql,
            );
        }
        if f.zero_results {
            sql.push_str(" AND result_count = 0");
        }
        if f.handoff_only {
            sql.push_str(" AND handoff_category IS NOT NULL");
        }
        sql.push_str(&format!(
            " ORDER BY created_at DESC LIMIT {}",
            f.limit.clamp(1, 100_000)
        ));
        let mut q = sqlx::query(&sql);
        for a in &args {
            q = q.bind(a.clone());
        }
        q.fetch_all(&self.pool)
            .await?
            .iter()
            .map(inquiry_from_row)
            .collect()
    }

    pub async fn inquiry(&self, id: &str) -> Result<Option<Inquiry>> {
        sqlx::query("SELECT * FROM inquiries WHERE id = $1")
            .bind(key(id))
            .fetch_optional(&self.pool)
            .await?
            .as_ref()
            .map(inquiry_from_row)
            .transpose()
    }

    pub async fn tickets(
        &self,
        status: Option<TicketStatus>,
        from: Option<DateTime<Utc>>,
        to: Option<DateTime<Utc>>,
    ) -> Result<Vec<Ticket>> {
        let rows = sqlx::query(
            "SELECT * FROM tickets WHERE ($1 = '' OR status = $1) AND ($2 = '' OR created_at >= $2) AND ($3 = '' OR created_at < $3) ORDER BY created_at DESC LIMIT 10000",
        )
        .bind(status.map_or("", |s| s.code()))
        .bind(from.map(ts).unwrap_or_default())
        .bind(to.map(ts).unwrap_or_default())
        .fetch_all(&self.pool)
        .await?;
        rows.iter().map(ticket_from_row).collect()
    }

    pub async fn close_ticket(&self, id: &str, outcome: &Masked, by: &str) -> Result<bool> {
        let r = sqlx::query("UPDATE tickets SET status = $5, outcome = $1, closed_at = $2, closed_by = $3 WHERE id = $4 AND status = $6")
            .bind(outcome.as_str().to_string())
            .bind(ts(Utc::now()))
            .bind(key(by))
            .bind(key(id))
            .bind(TicketStatus::Done.code())
            .bind(TicketStatus::Open.code())
            .execute(&self.pool)
            .await?;
        Ok(r.rows_affected() > 0)
    }

    pub async fn feedback_for(&self, inquiry_id: &str) -> Result<Vec<Feedback>> {
        let rows = sqlx::query("SELECT * FROM feedback WHERE inquiry_id = $1 ORDER BY created_at")
            .bind(key(inquiry_id))
            .fetch_all(&self.pool)
            .await?;
        rows.iter()
            .map(|r| {
                let template = Feedback::new(
                    &r.try_get::<String, _>("inquiry_id")?,
                    r.try_get::<i64, _>("helpful")? != 0,
                    None,
                );
                let mut f = Feedback::from_stored(template, r.try_get("comment_masked")?);
                f.id = r.try_get("id")?;
                f.created_at = parse_ts(&r.try_get::<String, _>("created_at")?)?;
                Ok(f)
            })
            .collect()
    }

    /// (helpful, not helpful) since `from`.
    pub async fn feedback_counts(&self, from: DateTime<Utc>) -> Result<(i64, i64)> {
        let rows = sqlx::query(
            "SELECT helpful, COUNT(*) AS n FROM feedback WHERE created_at >= $1 GROUP BY helpful",
        )
        .bind(ts(from))
        .fetch_all(&self.pool)
        .await?;
        let mut out = (0, 0);
        for r in rows {
            let n: i64 = r.try_get("n")?;
            if r.try_get::<i64, _>("helpful")? != 0 {
                out.0 = n
            } else {
                out.1 = n
            }
        }
        Ok(out)
    }

    /// Deletes log rows older than `days`; returns how many inquiries went.
    pub async fn purge_older_than(&self, days: i64) -> Result<u64> {
        let cutoff = ts(Utc::now() - chrono::Duration::days(days));
        let mut tx = self.pool.begin().await?;
        sqlx::query("DELETE FROM feedback WHERE created_at < $1")
            .bind(cutoff.clone())
            .execute(&mut *tx)
            .await?;
        sqlx::query("DELETE FROM tickets WHERE created_at < $1 AND status = $2")
            .bind(cutoff.clone())
            .bind(TicketStatus::Done.code())
            .execute(&mut *tx)
            .await?;
        let r = sqlx::query("DELETE FROM inquiries WHERE created_at < $1 AND id NOT IN (SELECT inquiry_id FROM tickets)").bind(cutoff).execute(&mut *tx).await?;
        tx.commit().await?;
        Ok(r.rows_affected())
    }

    /// Applies the masker again to every stored text: inquiry texts, ticket summaries and
    /// outcomes, feedback comments. `remask` returns None when it finds nothing in a text (see
    /// `domain::masking::remask`); only the rows where it finds something are rewritten, so a
    /// second run changes nothing. With `dry_run` nothing is written and the report says what
    /// would change.
    pub async fn remask(
        &self,
        remask: &dyn Fn(&str) -> Option<Masked>,
        dry_run: bool,
    ) -> Result<RemaskReport> {
        let mut report = RemaskReport::default();
        let mut tx = self.pool.begin().await?;
        for (table, column, counts) in [
            ("inquiries", "text_masked", &mut report.inquiries),
            ("tickets", "summary", &mut report.ticket_summaries),
            ("tickets", "outcome", &mut report.ticket_outcomes),
            ("feedback", "comment_masked", &mut report.feedback),
        ] {
            let rows = sqlx::query(&format!(
                "SELECT id, {column} AS text FROM {table} WHERE {column} IS NOT NULL"
            ))
            .fetch_all(&mut *tx)
            .await?;
            counts.scanned = rows.len() as u64;
            for r in rows {
                let id: String = r.try_get("id")?;
                let text: String = r.try_get("text")?;
                let Some(masked) = remask(&text).filter(|m| m.as_str() != text) else {
                    continue;
                };
                counts.changed += 1;
                if !dry_run {
                    sqlx::query(&format!("UPDATE {table} SET {column} = $1 WHERE id = $2"))
                        .bind(masked.into_string())
                        .bind(id)
                        .execute(&mut *tx)
                        .await?;
                }
            }
        }
        if dry_run {
            tx.rollback().await?;
        } else {
            tx.commit().await?;
        }
        Ok(report)
    }

    pub async fn create_user(&self, username: &str, password_hash: &str) -> Result<bool> {
        let r = sqlx::query("INSERT INTO staff_users (username, password_hash, created_at, failed_attempts, locked_until) VALUES ($1, $2, $3, 0, NULL) ON CONFLICT (username) DO UPDATE SET password_hash = $2, failed_attempts = 0, locked_until = NULL")
            .bind(username.to_string())
            .bind(password_hash.to_string())
            .bind(ts(Utc::now()))
            .execute(&self.pool)
            .await?;
        Ok(r.rows_affected() > 0)
    }

    pub async fn user(&self, username: &str) -> Result<Option<StaffUser>> {
        let row = sqlx::query("SELECT * FROM staff_users WHERE username = $1")
            .bind(key(username))
            .fetch_optional(&self.pool)
            .await?;
        row.map(|r| {
            Ok(StaffUser {
                username: r.try_get("username")?,
                password_hash: r.try_get("password_hash")?,
                failed_attempts: r.try_get("failed_attempts")?,
                locked_until: r
                    .try_get::<Option<String>, _>("locked_until")?
                    .map(|s| parse_ts(&s))
                    .transpose()?,
            })
        })
        .transpose()
    }

    pub async fn record_login_failure(
        &self,
        username: &str,
        lock_after: i64,
        lock_for: chrono::Duration,
    ) -> Result<()> {
        let Some(user) = self.user(username).await? else {
            return Ok(());
        };
        let attempts = user.failed_attempts + 1;
        let locked = (attempts >= lock_after).then(|| ts(Utc::now() + lock_for));
        sqlx::query(
            "UPDATE staff_users SET failed_attempts = $1, locked_until = $2 WHERE username = $3",
        )
        .bind(if locked.is_some() { 0 } else { attempts })
        .bind(locked)
        .bind(username.to_string())
        .execute(&self.pool)
        .await?;
        Ok(())
    }

    pub async fn record_login_success(&self, username: &str) -> Result<()> {
        sqlx::query(
            "UPDATE staff_users SET failed_attempts = 0, locked_until = NULL WHERE username = $1",
        )
        .bind(username.to_string())
        .execute(&self.pool)
        .await?;
        Ok(())
    }

    pub async fn create_session(
        &self,
        token_hash: &str,
        username: &str,
        csrf: &str,
        expires_at: DateTime<Utc>,
    ) -> Result<()> {
        sqlx::query("INSERT INTO staff_sessions (token_hash, username, csrf_token, created_at, expires_at) VALUES ($1, $2, $3, $4, $5)")
            .bind(token_hash.to_string())
            .bind(username.to_string())
            .bind(csrf.to_string())
            .bind(ts(Utc::now()))
            .bind(ts(expires_at))
            .execute(&self.pool)
            .await?;
        Ok(())
    }

    pub async fn session(&self, token_hash: &str) -> Result<Option<StaffSession>> {
        let row = sqlx::query("SELECT * FROM staff_sessions WHERE token_hash = $1")
            .bind(key(token_hash))
            .fetch_optional(&self.pool)
            .await?;
        let Some(r) = row else { return Ok(None) };
        let s = StaffSession {
            username: r.try_get("username")?,
            csrf_token: r.try_get("csrf_token")?,
            expires_at: parse_ts(&r.try_get::<String, _>("expires_at")?)?,
        };
        Ok((s.expires_at > Utc::now()).then_some(s))
    }

    /// A chat session's state (JSON) if it exists and has not expired at `now`.
    pub async fn chat_session(&self, id: &str, now: DateTime<Utc>) -> Result<Option<String>> {
        Ok(sqlx::query_scalar(
            "SELECT state_json FROM chat_sessions WHERE id = $1 AND expires_at > $2",
        )
        .bind(key(id))
        .bind(ts(now))
        .fetch_optional(&self.pool)
        .await?)
    }

    /// Creates or replaces a chat session; now and then also deletes the expired ones.
    pub async fn put_chat_session(
        &self,
        id: &str,
        state_json: &str,
        now: DateTime<Utc>,
        expires_at: DateTime<Utc>,
    ) -> Result<()> {
        sqlx::query("INSERT INTO chat_sessions (id, state_json, updated_at, expires_at) VALUES ($1, $2, $3, $4) ON CONFLICT (id) DO UPDATE SET state_json = excluded.state_json, updated_at = excluded.updated_at, expires_at = excluded.expires_at")
            .bind(key(id))
            .bind(key(state_json))
            .bind(ts(now))
            .bind(ts(expires_at))
            .execute(&self.pool)
            .await?;
        let writes = self
            .session_writes
            .fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        if writes % PURGE_CHAT_SESSIONS_EVERY == PURGE_CHAT_SESSIONS_EVERY - 1 {
            self.purge_chat_sessions(now).await?;
        }
        Ok(())
    }

    /// Deletes chat sessions expired at `now`; returns how many went.
    pub async fn purge_chat_sessions(&self, now: DateTime<Utc>) -> Result<u64> {
        let r = sqlx::query("DELETE FROM chat_sessions WHERE expires_at <= $1")
            .bind(ts(now))
            .execute(&self.pool)
            .await?;
        Ok(r.rows_affected())
    }

    pub async fn delete_session(&self, token_hash: &str) -> Result<()> {
        sqlx::query("DELETE FROM staff_sessions WHERE token_hash = $1")
            .bind(key(token_hash))
            .execute(&self.pool)
            .await?;
        Ok(())
    }
}

fn inquiry_from_row(r: &AnyRow) -> Result<Inquiry> {
    let channel: Channel = coded(r, "channel")?;
    let kind: InquiryKind = coded(r, "kind")?;
    let mut i = Inquiry::from_stored(
        Inquiry::new(channel, kind, Masked::default()),
        r.try_get("text_masked")?,
    );
    i.id = r.try_get("id")?;
    i.created_at = parse_ts(&r.try_get::<String, _>("created_at")?)?;
    i.session_id = r.try_get("session_id")?;
    i.results = serde_json::from_str::<Vec<ShownResult>>(&r.try_get::<String, _>("results_json")?)
        .map_err(|e| StoreError::Corrupt(e.to_string()))?;
    i.purposes = r
        .try_get::<String, _>("purposes")?
        .split(',')
        .filter(|s| !s.is_empty())
        .map(str::to_string)
        .collect();
    i.confidence = r.try_get::<Option<f64>, _>("confidence")?.map(|c| c as f32);
    i.handoff_category = coded_opt::<HandoffCategory>(r, "handoff_category")?;
    i.handoff_reason = coded_opt::<HandoffReason>(r, "handoff_reason")?;
    i.latency_ms = r.try_get("latency_ms")?;
    Ok(i)
}

fn ticket_from_row(r: &AnyRow) -> Result<Ticket> {
    Ok(Ticket {
        id: r.try_get("id")?,
        inquiry_id: r.try_get("inquiry_id")?,
        created_at: parse_ts(&r.try_get::<String, _>("created_at")?)?,
        category: coded(r, "category")?,
        desk_id: r.try_get("desk_id")?,
        reason: coded(r, "reason")?,
        summary: r.try_get("summary")?,
        next_slot: r.try_get("next_slot")?,
        status: coded(r, "status")?,
        outcome: r.try_get("outcome")?,
        closed_at: r
            .try_get::<Option<String>, _>("closed_at")?
            .map(|s| parse_ts(&s))
            .transpose()?,
        closed_by: r.try_get("closed_by")?,
    })
}

async fn insert_entry<'c, E: sqlx::Executor<'c, Database = sqlx::Any>>(
    db: E,
    entry: &LogEntry,
) -> Result<u64> {
    match entry {
        LogEntry::Inquiry(i) => insert_inquiry(db, i).await,
        LogEntry::Ticket(t) => insert_ticket(db, t).await,
        LogEntry::Feedback(f) => insert_feedback(db, f).await,
    }
}

async fn insert_inquiry<'c, E: sqlx::Executor<'c, Database = sqlx::Any>>(
    db: E,
    i: &Inquiry,
) -> Result<u64> {
    let results =
        serde_json::to_string(&i.results).map_err(|e| StoreError::Corrupt(e.to_string()))?;
    // The confidence is always bound as a number and made NULL in SQL: sqlx 0.8's Any driver
    // declares a NULL f64 as PostgreSQL `real`, and a connection reuses the statement prepared
    // on its first use, so after one inquiry without a confidence every later one with a
    // confidence was refused on that connection (SQLSTATE 22P03, "incorrect binary data format").
    let r = sqlx::query(
        "INSERT INTO inquiries (id, created_at, channel, kind, session_id, text_masked, results_json, purposes, result_count, confidence, handoff_category, handoff_reason, latency_ms)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, CASE WHEN $14 = 1 THEN $10 ELSE NULL END, $11, $12, $13) ON CONFLICT (id) DO NOTHING",
    )
    .bind(&i.id)
    .bind(ts(i.created_at))
    .bind(i.channel.as_str())
    .bind(i.kind.as_str())
    .bind(i.session_id.clone())
    .bind(i.text())
    .bind(results)
    .bind(i.purposes.join(","))
    .bind(i.results.len() as i64)
    .bind(i.confidence.map_or(0.0, f64::from))
    .bind(i.handoff_category.map(StableCode::code))
    .bind(i.handoff_reason.map(StableCode::code))
    .bind(i.latency_ms)
    .bind(i64::from(i.confidence.is_some()))
    .execute(db)
    .await?;
    Ok(r.rows_affected())
}

async fn insert_ticket<'c, E: sqlx::Executor<'c, Database = sqlx::Any>>(
    db: E,
    t: &Ticket,
) -> Result<u64> {
    let r = sqlx::query(
        "INSERT INTO tickets (id, inquiry_id, created_at, category, desk_id, reason, summary, next_slot, status, outcome, closed_at, closed_by)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12) ON CONFLICT (id) DO NOTHING",
    )
    .bind(&t.id)
    .bind(&t.inquiry_id)
    .bind(ts(t.created_at))
    .bind(t.category.code())
    .bind(&t.desk_id)
    .bind(t.reason.code())
    .bind(&t.summary)
    .bind(t.next_slot.clone())
    .bind(t.status.code())
    .bind(t.outcome.clone())
    .bind(t.closed_at.map(ts))
    .bind(t.closed_by.clone())
    .execute(db)
    .await?;
    Ok(r.rows_affected())
}

async fn insert_feedback<'c, E: sqlx::Executor<'c, Database = sqlx::Any>>(
    db: E,
    f: &Feedback,
) -> Result<u64> {
    let r = sqlx::query("INSERT INTO feedback (id, inquiry_id, created_at, helpful, comment_masked) VALUES ($1, $2, $3, $4, $5) ON CONFLICT (id) DO NOTHING")
        .bind(&f.id)
        .bind(&f.inquiry_id)
        .bind(ts(f.created_at))
        .bind(f.helpful as i64)
        .bind(f.comment().map(str::to_string))
        .execute(db)
        .await?;
    Ok(r.rows_affected())
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
