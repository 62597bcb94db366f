//! Staff accounts (password hashes, lock-out) and console sessions (token hashes).

use super::*;
use crate::domain::staff::Role;

#[derive(Debug, Clone)]
pub struct StaffUser {
    pub username: String,
    pub password_hash: String,
    pub role: Role,
    pub created_at: DateTime<Utc>,
    pub failed_attempts: i64,
    pub locked_until: Option<DateTime<Utc>>,
}

#[derive(Debug, Clone)]
pub struct StaffSession {
    pub username: String,
    /// The account's role now (read with the session, so a change applies at once).
    pub role: Role,
    pub csrf_token: String,
    pub expires_at: DateTime<Utc>,
}

fn staff_user(r: &AnyRow) -> Result<StaffUser> {
    Ok(StaffUser {
        username: r.try_get("username")?,
        password_hash: r.try_get("password_hash")?,
        role: coded(r, "role")?,
        created_at: parse_ts(&r.try_get::<String, _>("created_at")?)?,
        failed_attempts: r.try_get("failed_attempts")?,
        locked_until: r
            .try_get::<Option<String>, _>("locked_until")?
            .map(|s| parse_ts(&s))
            .transpose()?,
    })
}

impl Store {
    /// Adds an account with `role`; false (and nothing changed) when the name is taken.
    pub async fn add_user(&self, username: &str, password_hash: &str, role: Role) -> Result<bool> {
        let r = sqlx::query("INSERT INTO staff_users (username, password_hash, created_at, failed_attempts, locked_until, role) VALUES ($1, $2, $3, 0, NULL, $4) ON CONFLICT (username) DO NOTHING")
            .bind(username.to_string())
            .bind(password_hash.to_string())
            .bind(ts(Utc::now()))
            .bind(role.code().to_string())
            .execute(&self.pool)
            .await?;
        Ok(r.rows_affected() > 0)
    }

    /// Every account, by name.
    pub async fn users(&self) -> Result<Vec<StaffUser>> {
        sqlx::query("SELECT username, password_hash, role, created_at, failed_attempts, locked_until FROM staff_users ORDER BY username")
            .fetch_all(&self.pool)
            .await?
            .iter()
            .map(staff_user)
            .collect()
    }

    /// Changes an account's role; false when there is no such account.
    pub async fn set_role(&self, username: &str, role: Role) -> Result<bool> {
        let r = sqlx::query("UPDATE staff_users SET role = $1 WHERE username = $2")
            .bind(role.code().to_string())
            .bind(key(username))
            .execute(&self.pool)
            .await?;
        Ok(r.rows_affected() > 0)
    }

    /// Sets a new password and lifts a lock; false when there is no such account.
    pub async fn set_password(&self, username: &str, password_hash: &str) -> Result<bool> {
        let r = sqlx::query("UPDATE staff_users SET password_hash = $1, failed_attempts = 0, locked_until = NULL WHERE username = $2")
            .bind(password_hash.to_string())
            .bind(key(username))
            .execute(&self.pool)
            .await?;
        Ok(r.rows_affected() > 0)
    }

    /// Ends every console session of an account (after its password or role changes).
    pub async fn delete_sessions_of(&self, username: &str) -> Result<()> {
        sqlx::query("DELETE FROM staff_sessions WHERE username = $1")
            .bind(key(username))
            .execute(&self.pool)
            .await?;
        Ok(())
    }

    /// Adds an administrator, or resets an existing account's password keeping its role
    /// (accounts made before roles existed are administrators).
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
        let row = sqlx::query("SELECT username, password_hash, role, created_at, failed_attempts, locked_until FROM staff_users WHERE username = $1")
            .bind(key(username))
            .fetch_optional(&self.pool)
            .await?;
        row.as_ref().map(staff_user).transpose()
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
        let row = sqlx::query("SELECT s.username, s.csrf_token, s.expires_at, u.role FROM staff_sessions s JOIN staff_users u ON u.username = s.username WHERE s.token_hash = $1")
            .bind(key(token_hash))
            .fetch_optional(&self.pool)
            .await?;
        let Some(r) = row else { return Ok(None) };
        let s = StaffSession {
            username: r.try_get("username")?,
            role: coded(&r, "role")?,
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
