//! Staff accounts: argon2 password hashes, opaque session tokens (stored hashed), CSRF tokens,
//! login with lock-out, the console session behind every staff page, roles, account
//! management and the audit log. Every staff action is written to the audit log here, in the
//! method that does it, once; the log is only ever appended to.

use argon2::Argon2;
use argon2::password_hash::{PasswordHash, PasswordHasher, PasswordVerifier, SaltString};
use chrono::Utc;
use rand::RngCore;
use sha2::{Digest, Sha256};

use super::refusal::Wording;
use super::{App, AppError};
use crate::config::Settings;
use crate::domain::handoff::StableCode;
use crate::domain::staff::{Actor, AuditAction, AuditRecord, Permission, Role};
use crate::store::{AuditPage, StaffUser, Store, StoreError};

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
    pub role: Role,
    pub csrf: String,
    token_hash: String,
}

impl StaffMember {
    pub fn csrf_ok(&self, submitted: &str) -> bool {
        same_token(&self.csrf, submitted)
    }

    /// Whether the member's role allows `permission` (the console shows only what it does).
    pub fn may(&self, permission: Permission) -> bool {
        self.role.allows(permission)
    }

    /// Whether the console shows the accounts page and the audit log.
    pub fn manages_accounts(&self) -> bool {
        self.may(Permission::ManageAccounts)
    }

    /// Whether the console shows the approve and reject buttons.
    pub fn approves_fixes(&self) -> bool {
        self.may(Permission::ApproveFixes)
    }

    /// Whether the console offers corpus editing to this member.
    pub fn edits_corpus(&self) -> bool {
        self.may(Permission::EditCorpus)
    }

    /// The role's name, for the console's header.
    pub fn role_label(&self) -> &'static str {
        self.role.label_ja()
    }

    /// The member as the audit log names them.
    pub fn actor(&self) -> Actor {
        Actor::Staff {
            username: self.username.clone(),
            role: self.role,
        }
    }

    /// Refuses what the member's role does not allow (the app's own check, behind the
    /// console's).
    pub fn require(&self, permission: Permission) -> Result<(), AppError> {
        if self.may(permission) {
            Ok(())
        } else {
            Err(AppError::Forbidden { permission })
        }
    }
}

/// Audit records shown per page.
pub const AUDIT_PAGE_SIZE: i64 = 50;

/// An account as the accounts page lists it.
pub struct Account {
    pub username: String,
    pub role: Role,
    pub created_at: chrono::DateTime<Utc>,
    pub locked: bool,
}

impl From<StaffUser> for Account {
    fn from(u: StaffUser) -> Self {
        Account {
            locked: u.locked_until.is_some_and(|t| t > Utc::now()),
            username: u.username,
            role: u.role,
            created_at: u.created_at,
        }
    }
}

/// The role a form names, or the caller's mistake.
pub fn parse_role(code: &str) -> Result<Role, AppError> {
    Role::from_code(code.trim()).ok_or_else(|| {
        AppError::refused(
            "invalid_role",
            Wording::new("console-refusal-role-choice").on("role"),
        )
    })
}

fn staff_invalid(e: StaffError) -> AppError {
    match e {
        StaffError::Username => AppError::refused(
            "invalid_username",
            Wording::new("console-refusal-username").on("username"),
        ),
        StaffError::WeakPassword => AppError::refused(
            "weak_password",
            Wording::new("console-refusal-password")
                .on("password")
                .arg("min", MIN_PASSWORD_CHARS),
        ),
        StaffError::Hash(e) => AppError::Internal(format!("password hashing: {e}")),
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
            self.audit(
                Actor::Unknown,
                AuditAction::LoginFailed,
                None,
                "存在しないユーザー名",
            )
            .await?;
            return Err(LoginError::WrongCredentials);
        };
        let actor = Actor::Staff {
            username: user.username.clone(),
            role: user.role,
        };
        if user.locked_until.is_some_and(|t| t > Utc::now()) {
            self.audit(actor, AuditAction::LoginFailed, None, "ロック中")
                .await?;
            return Err(LoginError::Locked);
        }
        if !verify_password(password, &user.password_hash) {
            let _ = self
                .store
                .record_login_failure(&user.username, LOCK_AFTER, lock_for())
                .await;
            tracing::warn!(username = %user.username, "staff login failed");
            let detail = if user.failed_attempts + 1 >= LOCK_AFTER {
                "パスワードの誤り（アカウントをロック）"
            } else {
                "パスワードの誤り"
            };
            self.audit(actor, AuditAction::LoginFailed, None, detail)
                .await?;
            return Err(LoginError::WrongCredentials);
        }
        let _ = self.store.record_login_success(&user.username).await;
        self.audit(actor, AuditAction::Login, None, "").await?;
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
            role: s.role,
            csrf: s.csrf_token,
            token_hash: hash,
        }))
    }

    pub async fn logout(&self, staff: &StaffMember) -> super::Result<()> {
        self.store.delete_session(&staff.token_hash).await?;
        self.audit(staff.actor(), AuditAction::Logout, None, "")
            .await?;
        Ok(())
    }

    /// Appends one record to the audit log. Only the methods that do a staff action call it.
    pub(crate) async fn audit(
        &self,
        actor: Actor,
        action: AuditAction,
        target: Option<&str>,
        detail: &str,
    ) -> Result<(), StoreError> {
        self.store
            .append_audit(&AuditRecord::new(actor, action, target, detail))
            .await
    }

    /// Records that the console refused `staff` something their role does not allow.
    pub async fn record_refusal(
        &self,
        staff: &StaffMember,
        permission: Permission,
        path: &str,
    ) -> super::Result<()> {
        self.audit(
            staff.actor(),
            AuditAction::AccessDenied,
            Some(path),
            permission.label_ja(),
        )
        .await?;
        Ok(())
    }

    /// One page (from 1) of the audit log, newest first; administrators only.
    pub async fn audit_log(&self, by: &StaffMember, page: i64) -> super::Result<AuditPage> {
        by.require(Permission::ReadAudit)?;
        let page = page.max(1);
        Ok(self
            .store
            .audit_page((page - 1) * AUDIT_PAGE_SIZE, AUDIT_PAGE_SIZE)
            .await?)
    }

    /// Every staff account; administrators only.
    pub async fn accounts(&self, by: &StaffMember) -> super::Result<Vec<Account>> {
        by.require(Permission::ManageAccounts)?;
        Ok(self
            .store
            .users()
            .await?
            .into_iter()
            .map(Account::from)
            .collect())
    }

    /// Adds an account with a role; administrators only. A taken name is refused.
    pub async fn create_account(
        &self,
        by: &StaffMember,
        username: &str,
        password: &str,
        role: Role,
    ) -> super::Result<()> {
        by.require(Permission::ManageAccounts)?;
        let username = username.trim();
        validate_username(username).map_err(staff_invalid)?;
        let hash = hash_password(password).map_err(staff_invalid)?;
        if !self.store.add_user(username, &hash, role).await? {
            return Err(AppError::refused(
                "username_taken",
                Wording::new("console-refusal-username-taken")
                    .on("username")
                    .arg("username", username),
            ));
        }
        self.audit(
            by.actor(),
            AuditAction::AccountCreated,
            Some(username),
            &format!("役割：{}", role.label_ja()),
        )
        .await?;
        Ok(())
    }

    /// Changes an account's role; administrators only. The last administrator stays one, so
    /// that somebody can always manage accounts.
    pub async fn change_role(
        &self,
        by: &StaffMember,
        username: &str,
        role: Role,
    ) -> super::Result<()> {
        by.require(Permission::ManageAccounts)?;
        let users = self.store.users().await?;
        let Some(user) = users.iter().find(|u| u.username == username) else {
            return Err(AppError::NotFound(
                Wording::new("console-refusal-no-account").arg("username", username),
            ));
        };
        if user.role == role {
            return Ok(());
        }
        let administrators = users
            .iter()
            .filter(|u| u.role == Role::Administrator)
            .count();
        if user.role == Role::Administrator && administrators == 1 {
            return Err(AppError::refused(
                "last_administrator",
                Wording::new("console-refusal-last-administrator").on("role"),
            ));
        }
        self.store.set_role(username, role).await?;
        self.audit(
            by.actor(),
            AuditAction::RoleChanged,
            Some(username),
            &format!("{} → {}", user.role.label_ja(), role.label_ja()),
        )
        .await?;
        Ok(())
    }

    /// Sets a new password (lifting a lock and ending the account's sessions); administrators
    /// only.
    pub async fn reset_password(
        &self,
        by: &StaffMember,
        username: &str,
        password: &str,
    ) -> super::Result<()> {
        by.require(Permission::ManageAccounts)?;
        let hash = hash_password(password).map_err(staff_invalid)?;
        if !self.store.set_password(username, &hash).await? {
            return Err(AppError::NotFound(
                Wording::new("console-refusal-no-account").arg("username", username),
            ));
        }
        self.store.delete_sessions_of(username).await?;
        self.audit(by.actor(), AuditAction::PasswordReset, Some(username), "")
            .await?;
        Ok(())
    }
}

/// What `shien admin create-user` did.
#[derive(Debug, PartialEq, Eq)]
pub enum UserOutcome {
    Created(Role),
    /// The account existed: its password was reset (and its role changed when one was given).
    Reset(Role),
}

/// Adds a staff account from the command line, or resets an existing one's password (and
/// role, when `role` is given). A new account without a role is an administrator, as the first
/// account must be. Written to the audit log as done at the command line.
pub async fn create_user(
    settings: &Settings,
    username: &str,
    password: &str,
    role: Option<Role>,
) -> Result<UserOutcome, AccountError> {
    validate_username(username)?;
    let hash = hash_password(password)?;
    let store = Store::connect(settings.database_url.expose()).await?;
    let record = |action, detail: String| {
        AuditRecord::new(Actor::CommandLine, action, Some(username), &detail)
    };
    if store
        .add_user(username, &hash, role.unwrap_or(Role::Administrator))
        .await?
    {
        let role = role.unwrap_or(Role::Administrator);
        store
            .append_audit(&record(
                AuditAction::AccountCreated,
                format!("役割：{}", role.label_ja()),
            ))
            .await?;
        return Ok(UserOutcome::Created(role));
    }
    store.set_password(username, &hash).await?;
    store.delete_sessions_of(username).await?;
    store
        .append_audit(&record(AuditAction::PasswordReset, String::new()))
        .await?;
    if let Some(role) = role {
        let before = store.user(username).await?.map(|u| u.role);
        if before != Some(role) {
            store.set_role(username, role).await?;
            store
                .append_audit(&record(
                    AuditAction::RoleChanged,
                    format!(
                        "{} → {}",
                        before.map_or("", |r| r.label_ja()),
                        role.label_ja()
                    ),
                ))
                .await?;
        }
    }
    let role = store
        .user(username)
        .await?
        .map_or(Role::Administrator, |u| u.role);
    Ok(UserOutcome::Reset(role))
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
