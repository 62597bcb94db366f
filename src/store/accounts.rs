//! Staff accounts (password hashes, lock-out) and console sessions (token hashes).

use super::*;

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

impl Store {
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

    pub async fn delete_session(&self, token_hash: &str) -> Result<()> {
        sqlx::query("DELETE FROM staff_sessions WHERE token_hash = $1")
            .bind(key(token_hash))
            .execute(&self.pool)
            .await?;
        Ok(())
    }
}
