//! The staff console's reading and acting: statistics for the dashboard, the inquiry list and
//! detail, the hand-off ticket queue, and CSV exports. Every text here was masked when logged.

use std::collections::BTreeMap;

use chrono::{DateTime, Duration, FixedOffset, NaiveDate, Utc};

use super::refusal::Wording;
use super::staff::StaffMember;
use super::{App, AppError, Result, tokyo_today};
use crate::domain::handoff::{STAFF_QUEUE_ID, STAFF_QUEUE_NAME, StableCode, TicketStatus};
use crate::domain::inquiry::{Channel, Feedback, Inquiry, InquiryKind, Ticket};
use crate::domain::judgment::{Judgment, JudgmentStatus};
use crate::domain::staff::{AuditAction, Permission};
use crate::store::{InquiryFilter, LogCounts};

/// Japan Standard Time (no daylight saving).
pub fn jst() -> FixedOffset {
    FixedOffset::east_opt(9 * 3600).expect("valid offset")
}

/// `YYYY-MM-DD HH:MM` in Japan time.
pub fn jst_text(t: DateTime<Utc>) -> String {
    t.with_timezone(&jst()).format("%Y-%m-%d %H:%M").to_string()
}

/// The start of a Japanese calendar day, in UTC.
pub fn jst_midnight(d: NaiveDate) -> DateTime<Utc> {
    d.and_hms_opt(0, 0, 0)
        .expect("midnight")
        .and_local_timezone(jst())
        .single()
        .expect("fixed offset")
        .with_timezone(&Utc)
}

/// The console's filter as staff type it (dates are Japanese calendar days, inclusive).
#[derive(Debug, Default, Clone)]
pub struct InquiryQuery {
    pub from: Option<NaiveDate>,
    pub to: Option<NaiveDate>,
    pub channel: Option<Channel>,
    pub kind: Option<InquiryKind>,
    pub text: Option<String>,
    pub zero_results: bool,
    pub handoff_only: bool,
}

impl InquiryQuery {
    /// The filter in words, for the audit log (the free-text part is not repeated there).
    pub fn describe(&self) -> String {
        let mut parts = vec![format!(
            "期間 {}〜{}",
            self.from.map(|d| d.to_string()).unwrap_or_default(),
            self.to.map(|d| d.to_string()).unwrap_or_default()
        )];
        if let Some(c) = self.channel {
            parts.push(format!("チャネル {}", c.label_ja()));
        }
        if let Some(k) = self.kind {
            parts.push(format!("種類 {}", k.label_ja()));
        }
        if self.text.as_deref().is_some_and(|t| !t.trim().is_empty()) {
            parts.push("本文の条件あり".into());
        }
        if self.zero_results {
            parts.push("0件のみ".into());
        }
        if self.handoff_only {
            parts.push("引き継ぎのみ".into());
        }
        parts.join("、")
    }

    fn filter(&self, limit: i64) -> InquiryFilter {
        InquiryFilter {
            from: self.from.map(jst_midnight),
            to: self.to.map(|d| jst_midnight(d + Duration::days(1))),
            channel: self.channel.map(|c| c.as_str().to_string()),
            kind: self.kind.map(|k| k.as_str().to_string()),
            text: self.text.clone(),
            zero_results: self.zero_results,
            handoff_only: self.handoff_only,
            limit,
        }
    }
}

/// Rows shown in the inquiry list.
pub const LIST_LIMIT: i64 = 500;
/// Rows read for an export or a report.
pub const EXPORT_LIMIT: i64 = 100_000;
/// Days the dashboard covers, today included.
pub const DASHBOARD_DAYS: i64 = 30;

/// A count per label, most frequent first.
pub type Counts = Vec<(String, usize)>;

/// Daily counts per channel.
pub struct ChannelSeries {
    pub channel: Channel,
    pub points: Vec<f64>,
}

/// Everything the dashboard shows for the last 30 days.
pub struct Dashboard {
    pub from: NaiveDate,
    pub today: NaiveDate,
    pub inquiries: usize,
    pub tickets: usize,
    pub open_tickets: usize,
    pub feedback_total: i64,
    /// Share of inquiries with feedback, in percent.
    pub feedback_rate: f64,
    /// Share of feedback saying the answer helped, in percent.
    pub helpful_rate: f64,
    pub log: LogCounts,
    pub days: Vec<NaiveDate>,
    pub per_channel: Vec<ChannelSeries>,
    pub topics: Counts,
    pub purposes: Counts,
    pub zero_results: Counts,
    pub low_confidence: Counts,
    pub handoff_categories: Counts,
    pub handoff_reasons: Counts,
    pub shown_schemes: Counts,
    /// Judgments per status (see `/admin/judgments`).
    pub judgments: Vec<(JudgmentStatus, i64)>,
    /// Corpus entries to re-check, per freshness rule (see `/admin/freshness`).
    pub freshness: Vec<(crate::domain::freshness::Rule, usize)>,
}

/// One inquiry with the titles of what was shown, and its feedback.
pub struct InquiryDetail {
    pub inquiry: Inquiry,
    /// (title, score, explanation as JSON text) per shown result, in rank order.
    pub shown: Vec<(String, f32, String)>,
    pub feedback: Vec<Feedback>,
    /// What staff said the right answer was, oldest first.
    pub judgments: Vec<Judgment>,
}

/// A ticket with its desk's name.
pub struct TicketView {
    pub ticket: Ticket,
    pub desk: String,
}

fn count_top<'a>(items: impl Iterator<Item = &'a str>, n: usize) -> Counts {
    let mut v = crate::domain::report::most_frequent(items);
    v.truncate(n);
    v
}

/// Cells starting with = + - @ are prefixed so spreadsheets do not run them as formulas.
fn csv_cell(s: &str) -> String {
    if s.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{s}")
    } else {
        s.to_string()
    }
}

/// Rows as CSV in UTF-8 with a byte-order mark, so Excel opens the Japanese as it is; cells
/// that a spreadsheet would run as formulas are made text. The downloads and `shien report
/// --csv` write exactly this.
pub fn csv_bytes(rows: &[Vec<String>]) -> Vec<u8> {
    let mut w = csv::Writer::from_writer(Vec::new());
    for r in rows {
        let _ = w.write_record(r.iter().map(|c| csv_cell(c)));
    }
    let mut bytes = vec![0xEF, 0xBB, 0xBF];
    bytes.extend(w.into_inner().unwrap_or_default());
    bytes
}

fn percent(part: f64, whole: f64) -> f64 {
    if whole == 0.0 {
        0.0
    } else {
        part / whole * 100.0
    }
}

impl App {
    pub async fn dashboard(&self) -> Result<Dashboard> {
        let today = tokyo_today();
        let from = today - Duration::days(DASHBOARD_DAYS - 1);
        let filter = InquiryFilter {
            from: Some(jst_midnight(from)),
            limit: EXPORT_LIMIT,
            ..Default::default()
        };
        let inquiries = self.store.inquiries(&filter).await?;
        let tickets = self
            .store
            .tickets(None, Some(jst_midnight(from)), None)
            .await?;
        let (good, bad) = self.store.feedback_counts(jst_midnight(from)).await?;
        let days: Vec<NaiveDate> = (0..DASHBOARD_DAYS)
            .map(|d| from + Duration::days(d))
            .collect();
        let mut per_day: BTreeMap<(Channel, NaiveDate), f64> = BTreeMap::new();
        for i in &inquiries {
            *per_day
                .entry((i.channel, i.created_at.with_timezone(&jst()).date_naive()))
                .or_default() += 1.0;
        }
        let per_channel = Channel::ALL
            .iter()
            .map(|&channel| ChannelSeries {
                channel,
                points: days
                    .iter()
                    .map(|d| per_day.get(&(channel, *d)).copied().unwrap_or(0.0))
                    .collect(),
            })
            .collect();
        let threshold = self.settings().handoff_confidence;
        let free_text = || {
            inquiries
                .iter()
                .filter(|i| i.kind != InquiryKind::Recommend)
        };
        let shown_ids = inquiries
            .iter()
            .flat_map(|i| i.results.iter().take(5).map(|r| r.id.as_str()));
        let feedback_total = good + bad;
        Ok(Dashboard {
            from,
            today,
            inquiries: inquiries.len(),
            tickets: tickets.len(),
            open_tickets: tickets
                .iter()
                .filter(|t| t.status == TicketStatus::Open)
                .count(),
            feedback_total,
            feedback_rate: percent(feedback_total as f64, inquiries.len() as f64),
            helpful_rate: percent(good as f64, feedback_total as f64),
            log: self.log_counts(),
            days,
            per_channel,
            topics: count_top(free_text().map(|i| i.text()), 15),
            purposes: count_top(
                inquiries
                    .iter()
                    .flat_map(|i| i.purposes.iter().map(String::as_str)),
                15,
            ),
            zero_results: count_top(
                free_text()
                    .filter(|i| i.results.is_empty())
                    .map(|i| i.text()),
                15,
            ),
            low_confidence: count_top(
                inquiries
                    .iter()
                    .filter(|i| i.confidence.is_some_and(|c| c < threshold))
                    .map(|i| i.text()),
                15,
            ),
            handoff_categories: count_top(tickets.iter().map(|t| t.category.label_ja()), 10),
            handoff_reasons: count_top(tickets.iter().map(|t| t.reason.label_ja()), 10),
            shown_schemes: count_top(shown_ids, 15)
                .into_iter()
                .map(|(id, n)| (self.scheme_title(&id), n))
                .collect(),
            freshness: self.freshness().counts,
            judgments: self.judgment_counts().await?,
        })
    }

    /// The latest inquiries matching the staff's filter (at most [`LIST_LIMIT`]).
    pub async fn inquiries(&self, query: &InquiryQuery) -> Result<Vec<Inquiry>> {
        Ok(self.store.inquiries(&query.filter(LIST_LIMIT)).await?)
    }

    pub async fn inquiry(&self, id: &str) -> Result<InquiryDetail> {
        let inquiry = self
            .store
            .inquiry(id)
            .await?
            .ok_or_else(|| no_inquiry(id))?;
        let feedback = self.store.feedback_for(id).await?;
        let shown = inquiry
            .results
            .iter()
            .map(|r| {
                (
                    self.scheme_title(&r.id),
                    r.score,
                    r.explanation
                        .as_ref()
                        .map(|e| e.to_string())
                        .unwrap_or_default(),
                )
            })
            .collect();
        Ok(InquiryDetail {
            judgments: self.judgments_of(id).await?,
            inquiry,
            shown,
            feedback,
        })
    }

    /// Tickets in `status` (all when `None`), newest first, with their desks' names.
    pub async fn tickets(&self, status: Option<TicketStatus>) -> Result<Vec<TicketView>> {
        let list = self.store.tickets(status, None, None).await?;
        Ok(list
            .into_iter()
            .map(|ticket| TicketView {
                desk: self.desk_name(&ticket.desk_id),
                ticket,
            })
            .collect())
    }

    /// A ticket's desk as people read it: the desk's name, or the staff queue's.
    fn desk_name(&self, desk_id: &str) -> String {
        if desk_id == STAFF_QUEUE_ID {
            return STAFF_QUEUE_NAME.to_string();
        }
        self.engine()
            .corpus
            .desk(desk_id)
            .map_or_else(|| desk_id.to_string(), |d| d.name.clone())
    }

    /// Marks an open ticket done with what was done (masked). Not found when it is not open.
    pub async fn close_ticket(&self, id: &str, outcome: &str, by: &StaffMember) -> Result<()> {
        by.require(Permission::HandleTickets)?;
        let outcome = outcome.trim();
        if outcome.is_empty() || outcome.chars().count() > 500 {
            return Err(AppError::refused(
                "invalid_field",
                Wording::new("console-refusal-outcome").on("outcome"),
            ));
        }
        if self
            .store
            .close_ticket(id, &self.engine().mask(outcome), &by.username)
            .await?
        {
            self.audit(by.actor(), AuditAction::TicketClosed, Some(id), "")
                .await?;
            Ok(())
        } else {
            Err(AppError::NotFound(
                Wording::new("console-refusal-no-open-ticket").arg("id", id),
            ))
        }
    }

    /// Inquiries as CSV rows (header first), Japanese labels only.
    pub async fn export_inquiries(
        &self,
        query: &InquiryQuery,
        by: &StaffMember,
    ) -> Result<Vec<Vec<String>>> {
        by.require(Permission::ReadReports)?;
        let list = self.store.inquiries(&query.filter(EXPORT_LIMIT)).await?;
        self.audit(
            by.actor(),
            AuditAction::InquiriesExported,
            None,
            &format!("{}件（{}）", list.len(), query.describe()),
        )
        .await?;
        let mut rows = vec![
            [
                "ID",
                "日時(JST)",
                "チャネル",
                "種類",
                "内容(伏せ字済み)",
                "目的",
                "表示した制度",
                "件数",
                "確信度",
                "引き継ぎ分野",
                "引き継ぎ理由",
                "応答時間ms",
            ]
            .map(String::from)
            .to_vec(),
        ];
        for i in list {
            rows.push(vec![
                i.id.clone(),
                jst_text(i.created_at),
                i.channel.label_ja().into(),
                i.kind.label_ja().into(),
                i.text().to_string(),
                i.purposes.join(" "),
                i.results
                    .iter()
                    .map(|r| r.id.as_str())
                    .collect::<Vec<_>>()
                    .join(" "),
                i.results.len().to_string(),
                i.confidence.map(|c| format!("{c:.3}")).unwrap_or_default(),
                i.handoff_category.map_or("", |c| c.label_ja()).to_string(),
                i.handoff_reason.map_or("", |r| r.label_ja()).to_string(),
                format!("{:.1}", i.latency_ms),
            ]);
        }
        Ok(rows)
    }

    /// Tickets created in the period as CSV rows (header first), Japanese labels only.
    pub async fn export_tickets(
        &self,
        from: Option<NaiveDate>,
        to: Option<NaiveDate>,
        by: &StaffMember,
    ) -> Result<Vec<Vec<String>>> {
        by.require(Permission::ReadReports)?;
        let list = self
            .store
            .tickets(
                None,
                from.map(jst_midnight),
                to.map(|d| jst_midnight(d + Duration::days(1))),
            )
            .await?;
        let day = |d: Option<NaiveDate>| d.map(|d| d.to_string()).unwrap_or_default();
        self.audit(
            by.actor(),
            AuditAction::TicketsExported,
            None,
            &format!("{}件（期間 {}〜{}）", list.len(), day(from), day(to)),
        )
        .await?;
        let mut rows = vec![
            [
                "受付番号",
                "問い合わせID",
                "日時(JST)",
                "分野",
                "窓口",
                "理由",
                "概要",
                "次の受付",
                "状態",
                "対応結果",
                "完了日時",
                "対応者",
            ]
            .map(String::from)
            .to_vec(),
        ];
        for t in list {
            rows.push(vec![
                t.id,
                t.inquiry_id,
                jst_text(t.created_at),
                t.category.label_ja().to_string(),
                self.desk_name(&t.desk_id),
                t.reason.label_ja().to_string(),
                t.summary,
                t.next_slot.unwrap_or_default(),
                t.status.label_ja().to_string(),
                t.outcome.unwrap_or_default(),
                t.closed_at.map(jst_text).unwrap_or_default(),
                t.closed_by.unwrap_or_default(),
            ]);
        }
        Ok(rows)
    }
}

/// No inquiry has the id (the console's detail page and a judgment's form).
pub(crate) fn no_inquiry(id: &str) -> AppError {
    AppError::NotFound(Wording::new("console-refusal-no-inquiry").arg("id", id))
}
