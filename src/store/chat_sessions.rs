//! Chat sessions shared by every replica, with expiry.

use super::*;

impl Store {
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
}
