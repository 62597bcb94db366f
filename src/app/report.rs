//! The monthly report to the ward (実施報告) and the corpus freshness board: one function each,
//! called by the console pages, the CSV download and `shien report`.

use chrono::NaiveDate;

use super::console::{EXPORT_LIMIT, jst_midnight};
use super::refusal::Wording;
use super::staff::StaffMember;
use super::{App, AppError, Result, tokyo_today};
use crate::domain::freshness::{self, Finding, Rule};
use crate::domain::handoff::StableCode;
use crate::domain::inquiry::Channel;
use crate::domain::report::{
    CORPUS_CHANGES, CorpusChange, MonthRecords, MonthlyReport, ReportMonth,
};
use crate::domain::staff::{AuditAction, Permission};
use crate::store::InquiryFilter;

/// Said when nothing was recorded in the month.
pub const EMPTY_MONTH: &str = "この月の記録はありません。";

/// The freshness board on a day.
pub struct FreshnessBoard {
    pub today: NaiveDate,
    pub max_age_days: u32,
    pub findings: Vec<Finding>,
    /// Findings per rule, every rule listed.
    pub counts: Vec<(Rule, usize)>,
}

impl FreshnessBoard {
    pub fn total(&self) -> usize {
        self.findings.len()
    }
}

impl App {
    /// The report for `month` (`YYYY-MM`; the previous month in Tokyo when None or blank).
    /// A month that cannot be read, or that has not begun, is the caller's to fix.
    pub async fn monthly_report(&self, month: Option<&str>) -> Result<MonthlyReport> {
        let this_month = ReportMonth::containing(tokyo_today());
        let month = match month.map(str::trim).filter(|m| !m.is_empty()) {
            None => this_month.previous(),
            Some(text) => ReportMonth::parse(text)
                .map_err(|e| AppError::refused("invalid_month", Wording::from(&e)))?,
        };
        if month > this_month {
            // The month's Japanese name for the Japanese catalogs, `YYYY-MM` for the English.
            return Err(AppError::refused(
                "invalid_month",
                Wording::new("console-refusal-month-ahead")
                    .on("month")
                    .arg("month", month)
                    .arg("month_ja", month.label_ja())
                    .arg("this", this_month),
            ));
        }
        let previous = month.previous();
        let from = jst_midnight(previous.first_day());
        let split = jst_midnight(month.first_day());
        let to = jst_midnight(month.next().first_day());
        let inquiries = self
            .store
            .inquiries(&InquiryFilter {
                from: Some(from),
                to: Some(to),
                limit: EXPORT_LIMIT,
                ..Default::default()
            })
            .await?;
        let tickets = self.store.tickets(None, Some(from), Some(to)).await?;
        let corpus_changes: Vec<CorpusChange> = self
            .store
            .audit_between(from, to, &CORPUS_CHANGES)
            .await?
            .iter()
            .filter_map(CorpusChange::from_audit)
            .collect();
        let feedback = |(good, bad): (i64, i64)| (good as usize, bad as usize);
        let current = MonthRecords {
            month,
            inquiries: &inquiries,
            tickets: &tickets,
            feedback: feedback(self.store.feedback_counts_between(split, Some(to)).await?),
            corpus_changes: &corpus_changes,
        };
        let before = MonthRecords {
            month: previous,
            inquiries: &inquiries,
            tickets: &tickets,
            feedback: feedback(
                self.store
                    .feedback_counts_between(from, Some(split))
                    .await?,
            ),
            corpus_changes: &corpus_changes,
        };
        Ok(MonthlyReport::compile(
            &current,
            &before,
            &self.engine().corpus,
            self.settings().handoff_confidence,
        ))
    }

    /// The report as a staff member reads it on the page (`csv` false) or downloads it;
    /// written to the audit log.
    pub async fn staff_report(
        &self,
        by: &StaffMember,
        month: Option<&str>,
        csv: bool,
    ) -> Result<MonthlyReport> {
        by.require(Permission::ReadReports)?;
        let report = self.monthly_report(month).await?;
        let action = if csv {
            AuditAction::ReportExported
        } else {
            AuditAction::ReportViewed
        };
        self.audit(by.actor(), action, Some(&report.month.to_string()), "")
            .await?;
        Ok(report)
    }

    /// What in the loaded corpus needs re-checking today.
    pub fn freshness(&self) -> FreshnessBoard {
        let today = tokyo_today();
        let max_age_days = self.settings().freshness_max_age_days;
        let findings = freshness::findings(&self.engine().corpus, today, max_age_days);
        FreshnessBoard {
            today,
            max_age_days,
            counts: freshness::counts(&findings),
            findings,
        }
    }
}

/// The report as CSV rows (header first): section, item, count, the previous month's count,
/// remarks. Japanese labels only; the same figures as the page.
pub fn report_rows(r: &MonthlyReport) -> Vec<Vec<String>> {
    let mut rows = vec![
        ["区分", "項目", "件数", "前月の件数", "備考"]
            .map(String::from)
            .to_vec(),
    ];
    let mut row = |section: &str, item: &str, count: String, previous: String, note: String| {
        rows.push(vec![
            section.to_string(),
            item.to_string(),
            count,
            previous,
            note,
        ])
    };
    let (f, p) = (&r.figures, &r.previous);
    let period = format!(
        "{}〜{}（日本時間）",
        r.month.first_day(),
        r.month.last_day()
    );
    row(
        "対象",
        "月",
        r.month.to_string(),
        r.month.previous().to_string(),
        period,
    );
    if r.is_empty() {
        row(
            "注記",
            "記録",
            String::new(),
            String::new(),
            EMPTY_MONTH.into(),
        );
    }
    for (item, now, before, note) in [
        ("問い合わせ", f.inquiries, p.inquiries, ""),
        (
            "引き継ぎ",
            f.handoffs,
            p.handoffs,
            "この月に受け付けた引き継ぎ",
        ),
        ("うち対応済み", f.closed, p.closed, "出力時点の状態"),
        ("うち未対応", f.open, p.open, "出力時点の状態"),
        (
            "結果0件の問い合わせ",
            f.zero_results.total,
            p.zero_results.total,
            "検索・チャット",
        ),
        (
            "確信度の低い問い合わせ",
            f.low_confidence.total,
            p.low_confidence.total,
            "結果はあるが確信度が基準未満",
        ),
        ("評価「役に立った」", f.helpful, p.helpful, ""),
        ("評価「役に立たなかった」", f.not_helpful, p.not_helpful, ""),
    ] {
        row(
            "概要",
            item,
            now.to_string(),
            before.to_string(),
            note.into(),
        );
    }
    let mut table =
        |section: &str, now: &[(String, usize)], before: &[(String, usize)], note: &str| {
            for (label, n) in now {
                let prev = before
                    .iter()
                    .find(|(l, _)| l == label)
                    .map_or(0, |(_, c)| *c);
                row(section, label, n.to_string(), prev.to_string(), note.into());
            }
        };
    table("チャネル別", &f.by_channel, &p.by_channel, "");
    table("種類別", &f.by_kind, &p.by_kind, "");
    table("目的別", &f.by_purpose, &p.by_purpose, "複数選択あり");
    table(
        "制度の区分別",
        &f.by_level,
        &p.by_level,
        "1位に表示した制度の区分（利用者が絞り込んだ区分は記録していません）",
    );
    table(
        "引き継ぎ（分野別）",
        &f.handoffs_by_category,
        &p.handoffs_by_category,
        "",
    );
    table(
        "引き継ぎ（理由別）",
        &f.handoffs_by_reason,
        &p.handoffs_by_reason,
        "",
    );
    for d in &f.by_day {
        let parts: Vec<String> = Channel::ALL
            .iter()
            .zip(&d.per_channel)
            .map(|(c, n)| format!("{} {n}", c.label_ja()))
            .collect();
        row(
            "日別",
            &d.day.to_string(),
            d.total.to_string(),
            String::new(),
            parts.join("／"),
        );
    }
    for t in &f.outcomes {
        row(
            "引き継ぎの対応結果",
            &t.id,
            String::new(),
            String::new(),
            format!(
                "分野：{}／理由：{}／完了：{}／対応結果：{}",
                t.category.label_ja(),
                t.reason.label_ja(),
                t.closed_on.map(|d| d.to_string()).unwrap_or_default(),
                t.outcome
            ),
        );
    }
    for (text, n) in &f.zero_results.texts {
        row(
            "結果0件の問い合わせ",
            text,
            n.to_string(),
            String::new(),
            "伏せ字済み".into(),
        );
    }
    for (text, n) in &f.low_confidence.texts {
        row(
            "確信度の低い問い合わせ",
            text,
            n.to_string(),
            String::new(),
            "伏せ字済み".into(),
        );
    }
    for t in &r.top_schemes {
        row(
            "よく表示された制度",
            &t.title,
            t.count.to_string(),
            t.previous.to_string(),
            format!("{}（上位5件に表示した問い合わせの数）", t.id),
        );
    }
    let before = p.corpus_changes_by_action();
    for ((action, n), (_, prev)) in f.corpus_changes_by_action().into_iter().zip(before) {
        row(
            "コーパスの変更",
            action.label_ja(),
            n.to_string(),
            prev.to_string(),
            "監査記録から（下書きの保存・書き出しは含まない）".into(),
        );
    }
    for c in &f.corpus_changes {
        row(
            "コーパスの変更（一覧）",
            c.entry.as_deref().unwrap_or("コーパス全体"),
            String::new(),
            String::new(),
            format!(
                "{}／{}／{}",
                c.day,
                c.action.label_ja(),
                c.by.as_deref().unwrap_or("コマンドライン")
            ),
        );
    }
    rows
}
