//! Staff accounts: argon2 password hashes, opaque session tokens (stored hashed), CSRF tokens,
//! login with lock-out, and the console session behind every staff page.

use argon2::Argon2;
use argon2::password_hash::{PasswordHash, PasswordHasher, PasswordVerifier, SaltString};
use chrono::Utc;
use rand::RngCore;
use sha2::{Digest, Sha256};

use super::App;
use crate::config::Settings;
use crate::store::{Store, StoreError};

pub const MIN_PASSWORD_CHARS: usize = 12;
/// Failed logins before an account is locked, and for how long.
pub const LOCK_AFTER: i64 = 5;
pub fn lock_for() -> chrono::Duration {
    chrono::Duration::minutes(15)
}

#[derive(Debug, thiserror::Error)]
pub enum StaffError {
    #[error("username: use 3–32 lowercase letters, digits, '-' or '_'")]
    Username,
    #[error("password: at least {MIN_PASSWORD_CHARS} characters")]
    WeakPassword,
    #[error("password hashing failed: {0}")]
    Hash(String),
}

pub fn validate_username(username: &str) -> Result<(), StaffError> {
    let ok = (3..=32).contains(&username.len())
        && username
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-' || b == b'_');
    if ok {
        Ok(())
    } else {
        Err(StaffError::Username)
    }
}

pub fn hash_password(password: &str) -> Result<String, StaffError> {
    if password.chars().count() < MIN_PASSWORD_CHARS {
        return Err(StaffError::WeakPassword);
    }
    let salt = SaltString::generate(&mut argon2::password_hash::rand_core::OsRng);
    Argon2::default()
        .hash_password(password.as_bytes(), &salt)
        .map(|h| h.to_string())
        .map_err(|e| StaffError::Hash(e.to_string()))
}

pub fn verify_password(password: &str, hash: &str) -> bool {
    PasswordHash::new(hash).is_ok_and(|parsed| {
        Argon2::default()
            .verify_password(password.as_bytes(), &parsed)
            .is_ok()
    })
}

/// A random 256-bit token, hex encoded.
pub fn random_token() -> String {
    let mut bytes = [0u8; 32];
    rand::thread_rng().fill_bytes(&mut bytes);
    hex::encode(bytes)
}

/// Session tokens are stored hashed, so a leaked database cannot be replayed as cookies.
pub fn token_hash(token: &str) -> String {
    hex::encode(Sha256::digest(token.as_bytes()))
}

/// Constant-time comparison for CSRF tokens.
pub fn same_token(a: &str, b: &str) -> bool {
    a.len() == b.len()
        && a.bytes()
            .zip(b.bytes())
            .fold(0u8, |acc, (x, y)| acc | (x ^ y))
            == 0
}

/// How long a console session lasts.
pub const SESSION_HOURS: i64 = 8;

/// A logged-in staff member, found from the session cookie's token.
#[derive(Debug, Clone)]
pub struct StaffMember {
    pub username: String,
    pub csrf: String,
    token_hash: String,
}

impl StaffMember {
    pub fn csrf_ok(&self, submitted: &str) -> bool {
        same_token(&self.csrf, submitted)
    }
}

/// Why a login was refused; the message is for the login form.
#[derive(Debug, thiserror::Error)]
pub enum LoginError {
    #[error("ユーザー名またはパスワードが違います。")]
    WrongCredentials,
    #[error(
        "ログインに続けて失敗したため、しばらくロックしています。15分ほどたってからお試しください。"
    )]
    Locked,
    #[error(transparent)]
    Store(#[from] StoreError),
}

/// A successful login: the token for the session cookie.
pub struct Login {
    pub token: String,
}

impl App {
    /// Checks the password (locking the account after repeated failures) and opens a session.
    pub async fn login(&self, username: &str, password: &str) -> Result<Login, LoginError> {
        let Some(user) = self.store.user(username).await? else {
            return Err(LoginError::WrongCredentials);
        };
        if user.locked_until.is_some_and(|t| t > Utc::now()) {
            return Err(LoginError::Locked);
        }
        if !verify_password(password, &user.password_hash) {
            let _ = self
                .store
                .record_login_failure(&user.username, LOCK_AFTER, lock_for())
                .await;
            tracing::warn!(username = %user.username, "staff login failed");
            return Err(LoginError::WrongCredentials);
        }
        let _ = self.store.record_login_success(&user.username).await;
        let token = random_token();
        self.store
            .create_session(
                &token_hash(&token),
                &user.username,
                &random_token(),
                Utc::now() + chrono::Duration::hours(SESSION_HOURS),
            )
            .await?;
        tracing::info!(username = %user.username, "staff logged in");
        Ok(Login { token })
    }

    /// The staff member whose session `token` names, if it is live.
    pub async fn staff_session(&self, token: &str) -> Result<Option<StaffMember>, StoreError> {
        let hash = token_hash(token);
        Ok(self.store.session(&hash).await?.map(|s| StaffMember {
            username: s.username,
            csrf: s.csrf_token,
            token_hash: hash,
        }))
    }

    pub async fn logout(&self, staff: &StaffMember) {
        let _ = self.store.delete_session(&staff.token_hash).await;
    }
}

/// Adds a staff account (`shien user add`). Returns false when the name is taken.
pub async fn create_user(
    settings: &Settings,
    username: &str,
    password: &str,
) -> Result<bool, AccountError> {
    validate_username(username)?;
    let hash = hash_password(password)?;
    let store = Store::connect(settings.database_url.expose()).await?;
    Ok(store.create_user(username, &hash).await?)
}

#[derive(Debug, thiserror::Error)]
pub enum AccountError {
    #[error(transparent)]
    Staff(#[from] StaffError),
    #[error(transparent)]
    Store(#[from] StoreError),
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn passwords_hash_and_verify() {
        let h = hash_password("correct horse battery").unwrap();
        assert!(verify_password("correct horse battery", &h));
        assert!(!verify_password("wrong horse battery", &h));
        assert!(hash_password("short").is_err());
    }

    #[test]
    fn tokens_are_random_and_compared_exactly() {
        let (a, b) = (random_token(), random_token());
        assert_ne!(a, b);
        assert_eq!(a.len(), 64);
        assert!(same_token(&a, &a.clone()) && !same_token(&a, &b));
    }
}
