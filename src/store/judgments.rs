//! Judgments: recorded by reviewers, decided by editors; the approved fixes are what search
//! learns at start-up and on reload.

use super::*;
use crate::domain::judgment::{Answer, Fix, Judgment, JudgmentStatus};

fn judgment(r: &AnyRow) -> Result<Judgment> {
    let kind: String = r.try_get("answer_kind")?;
    let answer_id: Option<String> = r.try_get("answer_id")?;
    let answer = Answer::from_parts(&kind, answer_id.as_deref())
        .ok_or_else(|| StoreError::Corrupt(format!("judgment answer {kind:?} {answer_id:?}")))?;
    let fix_kind: String = r.try_get("fix_kind")?;
    let target: Option<String> = r.try_get("fix_target")?;
    let words: Option<String> = r.try_get("fix_words")?;
    let words: Vec<String> = match words {
        Some(w) => serde_json::from_str(&w)
            .map_err(|e| StoreError::Corrupt(format!("judgment fix_words: {e}")))?,
        None => Vec::new(),
    };
    let fix = match (fix_kind.as_str(), target) {
        ("nothing", _) => Fix::Nothing,
        ("write_faq", _) => Fix::WriteFaq,
        ("alias", Some(scheme_id)) if words.len() == 1 => Fix::Alias {
            scheme_id,
            phrase: words[0].clone(),
        },
        ("synonyms", _) if words.len() >= 2 => Fix::Synonyms { words },
        _ => return Err(StoreError::Corrupt(format!("judgment fix {fix_kind:?}"))),
    };
    let found: i64 = r.try_get("found")?;
    Ok(Judgment {
        id: r.try_get("id")?,
        inquiry_id: r.try_get("inquiry_id")?,
        query: r.try_get("query_masked")?,
        answer,
        found: found != 0,
        fix,
        status: coded(r, "status")?,
        recorded_by: r.try_get("recorded_by")?,
        recorded_at: parse_ts(&r.try_get::<String, _>("recorded_at")?)?,
        decided_by: r.try_get("decided_by")?,
        decided_at: r
            .try_get::<Option<String>, _>("decided_at")?
            .map(|s| parse_ts(&s))
            .transpose()?,
    })
}

/// The fix's stored target and words.
fn fix_columns(fix: &Fix) -> (Option<String>, Option<String>) {
    let json = |w: &[String]| serde_json::to_string(w).ok();
    match fix {
        Fix::Nothing | Fix::WriteFaq => (None, None),
        Fix::Alias { scheme_id, phrase } => {
            (Some(scheme_id.clone()), json(std::slice::from_ref(phrase)))
        }
        Fix::Synonyms { words } => (None, json(words)),
    }
}

impl Store {
    pub async fn insert_judgment(&self, j: &Judgment) -> Result<()> {
        let (target, words) = fix_columns(&j.fix);
        sqlx::query("INSERT INTO judgments (id, inquiry_id, query_masked, answer_kind, answer_id, found, fix_kind, fix_target, fix_words, status, recorded_by, recorded_at, decided_by, decided_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14)")
            .bind(j.id.clone())
            .bind(j.inquiry_id.clone())
            .bind(key(&j.query))
            .bind(j.answer.kind().to_string())
            .bind(j.answer.id().map(key))
            .bind(i64::from(j.found))
            .bind(j.fix.kind().to_string())
            .bind(target.as_deref().map(key))
            .bind(words.as_deref().map(key))
            .bind(j.status.code().to_string())
            .bind(j.recorded_by.clone())
            .bind(ts(j.recorded_at))
            .bind(j.decided_by.clone())
            .bind(j.decided_at.map(ts))
            .execute(&self.pool)
            .await?;
        Ok(())
    }

    pub async fn judgment(&self, id: &str) -> Result<Option<Judgment>> {
        sqlx::query("SELECT * FROM judgments WHERE id = $1")
            .bind(key(id))
            .fetch_optional(&self.pool)
            .await?
            .as_ref()
            .map(judgment)
            .transpose()
    }

    /// Judgments in `status` (all when `None`), newest first, at most `limit`.
    pub async fn judgments(
        &self,
        status: Option<JudgmentStatus>,
        limit: i64,
    ) -> Result<Vec<Judgment>> {
        let rows = match status {
            Some(s) => sqlx::query(
                "SELECT * FROM judgments WHERE status = $1 ORDER BY recorded_at DESC, id LIMIT $2",
            )
            .bind(s.code().to_string())
            .bind(limit)
            .fetch_all(&self.pool)
            .await?,
            None => {
                sqlx::query("SELECT * FROM judgments ORDER BY recorded_at DESC, id LIMIT $1")
                    .bind(limit)
                    .fetch_all(&self.pool)
                    .await?
            }
        };
        rows.iter().map(judgment).collect()
    }

    pub async fn judgments_of(&self, inquiry_id: &str) -> Result<Vec<Judgment>> {
        sqlx::query("SELECT * FROM judgments WHERE inquiry_id = $1 ORDER BY recorded_at, id")
            .bind(key(inquiry_id))
            .fetch_all(&self.pool)
            .await?
            .iter()
            .map(judgment)
            .collect()
    }

    /// Judgments per status.
    pub async fn judgment_counts(&self) -> Result<Vec<(JudgmentStatus, i64)>> {
        let rows = sqlx::query("SELECT status, COUNT(*) AS n FROM judgments GROUP BY status")
            .fetch_all(&self.pool)
            .await?;
        rows.iter()
            .map(|r| Ok((coded(r, "status")?, r.try_get::<i64, _>("n")?)))
            .collect()
    }

    /// Decides an open judgment, with the fix as approved (possibly edited). False when it is
    /// not open (decided already, or no such judgment): a second editor is not silently
    /// overwritten.
    pub async fn decide_judgment(
        &self,
        id: &str,
        status: JudgmentStatus,
        fix: &Fix,
        by: &str,
    ) -> Result<bool> {
        let (target, words) = fix_columns(fix);
        let r = sqlx::query("UPDATE judgments SET status = $1, fix_kind = $2, fix_target = $3, fix_words = $4, decided_by = $5, decided_at = $6 WHERE id = $7 AND status = 'open'")
            .bind(status.code().to_string())
            .bind(fix.kind().to_string())
            .bind(target.as_deref().map(key))
            .bind(words.as_deref().map(key))
            .bind(by.to_string())
            .bind(ts(Utc::now()))
            .bind(key(id))
            .execute(&self.pool)
            .await?;
        Ok(r.rows_affected() > 0)
    }

    /// A value that changes whenever a judgment is decided: what replicas compare to know
    /// that search should learn again.
    pub async fn judgments_version(&self) -> Result<String> {
        let row = sqlx::query(
            "SELECT COUNT(*) AS n, MAX(decided_at) AS last FROM judgments WHERE status <> 'open'",
        )
        .fetch_one(&self.pool)
        .await?;
        let n: i64 = row.try_get("n")?;
        let last: Option<String> = row.try_get("last")?;
        Ok(format!("{n}:{}", last.unwrap_or_default()))
    }
}
