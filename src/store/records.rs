//! Inquiries, tickets and feedback: writing log entries, reading them back for the console, retention and re-masking.

use super::*;

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

impl Store {
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
        self.feedback_counts_between(from, None).await
    }

    /// (helpful, not helpful) from `from` until `to` (excluded; open-ended when None).
    pub async fn feedback_counts_between(
        &self,
        from: DateTime<Utc>,
        to: Option<DateTime<Utc>>,
    ) -> Result<(i64, i64)> {
        let rows = sqlx::query(
            "SELECT helpful, COUNT(*) AS n FROM feedback WHERE created_at >= $1 AND ($2 = '' OR created_at < $2) GROUP BY helpful",
        )
        .bind(ts(from))
        .bind(to.map(ts).unwrap_or_default())
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
}

pub(super) fn inquiry_from_row(r: &AnyRow) -> Result<Inquiry> {
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

pub(super) fn ticket_from_row(r: &AnyRow) -> Result<Ticket> {
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

pub(super) async fn insert_entry<'c, E: sqlx::Executor<'c, Database = sqlx::Any>>(
    db: E,
    entry: &LogEntry,
) -> Result<u64> {
    match entry {
        LogEntry::Inquiry(i) => insert_inquiry(db, i).await,
        LogEntry::Ticket(t) => insert_ticket(db, t).await,
        LogEntry::Feedback(f) => insert_feedback(db, f).await,
    }
}

pub(super) async fn insert_inquiry<'c, E: sqlx::Executor<'c, Database = sqlx::Any>>(
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

pub(super) async fn insert_ticket<'c, E: sqlx::Executor<'c, Database = sqlx::Any>>(
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

pub(super) async fn insert_feedback<'c, E: sqlx::Executor<'c, Database = sqlx::Any>>(
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
