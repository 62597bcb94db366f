//! Backups of a SQLite inquiry log: `VACUUM INTO` makes a consistent, compact copy of the
//! live database (one read transaction, so writers carry on and everything committed before
//! it began is in the copy), and a restore checks a copy before putting it in place.
//! PostgreSQL is backed up with its own tools (`pg_dump`, see README); these refuse it.

use std::path::{Path, PathBuf};

use super::{Backend, Result, Store, StoreError};

fn prepare(path: &Path, reason: impl std::fmt::Display) -> StoreError {
    StoreError::Prepare {
        path: path.display().to_string(),
        reason: reason.to_string(),
    }
}

/// The file behind a SQLite URL (`sqlite://data/shien.sqlite?mode=rwc` → `data/shien.sqlite`).
pub fn sqlite_file(database_url: &str) -> Option<PathBuf> {
    if !database_url.starts_with("sqlite:") {
        return None;
    }
    let path = database_url
        .trim_start_matches("sqlite://")
        .trim_start_matches("sqlite:");
    let file = path.split('?').next().unwrap_or(path);
    (file != ":memory:" && !file.is_empty()).then(|| PathBuf::from(file))
}

impl Store {
    /// Writes a consistent copy of the live SQLite database to `dest`, which must not exist.
    pub async fn backup_to(&self, dest: &Path) -> Result<()> {
        if self.backend != Backend::Sqlite {
            return Err(prepare(
                dest,
                "backups of a PostgreSQL log are made with pg_dump (see README)",
            ));
        }
        if dest.exists() {
            return Err(prepare(dest, "already exists; choose a new file"));
        }
        if let Some(dir) = dest.parent().filter(|d| !d.as_os_str().is_empty()) {
            std::fs::create_dir_all(dir).map_err(|e| prepare(dest, e))?;
        }
        let target = dest
            .to_str()
            .ok_or_else(|| prepare(dest, "the path is not UTF-8"))?;
        sqlx::query("VACUUM INTO $1")
            .bind(target.to_string())
            .execute(&self.pool)
            .await?;
        Ok(())
    }
}

/// Checks that `src` is a readable, intact inquiry log (integrity check, migrations table).
pub async fn verify_backup(src: &Path) -> Result<i64> {
    if !src.is_file() {
        return Err(prepare(src, "no such file"));
    }
    let url = format!("sqlite://{}?mode=ro", src.display());
    sqlx::any::install_default_drivers();
    let pool = sqlx::any::AnyPoolOptions::new()
        .max_connections(1)
        .connect(&url)
        .await?;
    let integrity: String = sqlx::query_scalar("PRAGMA integrity_check")
        .fetch_one(&pool)
        .await?;
    if integrity != "ok" {
        return Err(prepare(src, format!("integrity check failed: {integrity}")));
    }
    let inquiries: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM inquiries")
        .fetch_one(&pool)
        .await
        .map_err(|e| prepare(src, format!("not an inquiry log: {e}")))?;
    pool.close().await;
    Ok(inquiries)
}

/// Replaces the SQLite database at `db` with the checked backup `src`. The server must be
/// stopped. The database being replaced is kept beside it as `<db>.before-restore-<time>`
/// (with its WAL), so a restore is never destructive. Returns that path, if there was one.
pub async fn restore_from(src: &Path, db: &Path) -> Result<Option<PathBuf>> {
    verify_backup(src).await?;
    if let Some(dir) = db.parent().filter(|d| !d.as_os_str().is_empty()) {
        std::fs::create_dir_all(dir).map_err(|e| prepare(db, e))?;
    }
    let staging = db.with_extension("restoring");
    std::fs::copy(src, &staging).map_err(|e| prepare(&staging, e))?;
    std::fs::File::open(&staging)
        .and_then(|f| f.sync_all())
        .map_err(|e| prepare(&staging, e))?;
    let mut kept = None;
    if db.exists() {
        let stamp = chrono::Utc::now().format("%Y%m%dT%H%M%SZ");
        let aside = PathBuf::from(format!("{}.before-restore-{stamp}", db.display()));
        std::fs::rename(db, &aside).map_err(|e| prepare(db, e))?;
        for suffix in ["-wal", "-shm"] {
            let side = PathBuf::from(format!("{}{suffix}", db.display()));
            if side.exists() {
                let to = PathBuf::from(format!("{}{suffix}", aside.display()));
                std::fs::rename(&side, &to).map_err(|e| prepare(&side, e))?;
            }
        }
        kept = Some(aside);
    }
    std::fs::rename(&staging, db).map_err(|e| prepare(db, e))?;
    Ok(kept)
}
