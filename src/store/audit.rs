//! The audit log: records are appended and read, never changed (the database refuses updates
//! and deletions, migration 0005), so nothing here offers to.

use super::*;
use crate::domain::staff::{Actor, AuditAction, AuditRecord, Role};

/// One page of the audit log, newest first.
#[derive(Debug, Clone)]
pub struct AuditPage {
    pub records: Vec<AuditRecord>,
    /// Records in the whole log.
    pub total: i64,
}

/// Audit timestamps keep microseconds, so records written in the same millisecond still
/// sort in the order they were written.
fn audit_ts(t: DateTime<Utc>) -> String {
    t.to_rfc3339_opts(chrono::SecondsFormat::Micros, true)
}

impl Store {
    pub async fn append_audit(&self, record: &AuditRecord) -> Result<()> {
        sqlx::query("INSERT INTO audit_log (id, at, actor, role, source, action, target, detail) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)")
            .bind(record.id.clone())
            .bind(audit_ts(record.at))
            .bind(record.actor.username().map(key))
            .bind(record.actor.role().map(|r| r.code().to_string()))
            .bind(record.actor.source().to_string())
            .bind(record.action.code().to_string())
            .bind(record.target.as_deref().map(key))
            .bind(key(&record.detail))
            .execute(&self.pool)
            .await?;
        Ok(())
    }

    /// `limit` records after skipping `offset`, newest first, and the total.
    pub async fn audit_page(&self, offset: i64, limit: i64) -> Result<AuditPage> {
        let total: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM audit_log")
            .fetch_one(&self.pool)
            .await?;
        let rows =
            sqlx::query("SELECT * FROM audit_log ORDER BY at DESC, id DESC LIMIT $1 OFFSET $2")
                .bind(limit)
                .bind(offset)
                .fetch_all(&self.pool)
                .await?;
        let records = rows.iter().map(audit_row).collect::<Result<Vec<_>>>()?;
        Ok(AuditPage { records, total })
    }

    /// The records of `actions` made in `[from, to)`, oldest first.
    pub async fn audit_between(
        &self,
        from: DateTime<Utc>,
        to: DateTime<Utc>,
        actions: &[AuditAction],
    ) -> Result<Vec<AuditRecord>> {
        if actions.is_empty() {
            return Ok(Vec::new());
        }
        let wanted: Vec<String> = (3..actions.len() + 3).map(|n| format!("${n}")).collect();
        let sql = format!(
            "SELECT * FROM audit_log WHERE at >= $1 AND at < $2 AND action IN ({}) ORDER BY at, id",
            wanted.join(", ")
        );
        let mut query = sqlx::query(&sql).bind(audit_ts(from)).bind(audit_ts(to));
        for action in actions {
            query = query.bind(action.code().to_string());
        }
        let rows = query.fetch_all(&self.pool).await?;
        rows.iter().map(audit_row).collect()
    }
}

fn audit_row(r: &AnyRow) -> Result<AuditRecord> {
    let actor = match (
        r.try_get::<Option<String>, _>("actor")?,
        coded_opt::<Role>(r, "role")?,
        r.try_get::<String, _>("source")?.as_str(),
    ) {
        (Some(username), Some(role), _) => Actor::Staff { username, role },
        (_, _, "cli") => Actor::CommandLine,
        _ => Actor::Unknown,
    };
    Ok(AuditRecord {
        id: r.try_get("id")?,
        at: parse_ts(&r.try_get::<String, _>("at")?)?,
        actor,
        action: coded::<AuditAction>(r, "action")?,
        target: r.try_get("target")?,
        detail: r.try_get("detail")?,
    })
}
