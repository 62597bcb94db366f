//! The monthly report to the ward (実施報告; 仕様書 ④ 案内・受付業務 5): what callers asked,
//! through which channel and about what, what went to a person and how it ended, what the
//! service could not answer, what callers said of it, and which schemes came up most, with the
//! previous month beside it, and what staff changed in the corpus.
//!
//! Pure counting over the records handed in: it never reads the store, and it never sees raw
//! caller text (inquiries and ticket outcomes are masked when logged). Days and months are
//! Japanese calendar days (Asia/Tokyo, no daylight saving).

use std::collections::{BTreeMap, HashMap};

use chrono::NaiveDate;

mod month;
#[cfg(test)]
mod tests;

pub use month::{MonthError, ReportMonth, tokyo_date};

use super::corpus::Corpus;
use super::handoff::{HandoffCategory, HandoffReason, StableCode, TicketStatus};
use super::inquiry::{Channel, Inquiry, InquiryKind, Ticket};
use super::staff::{AuditAction, AuditRecord};

/// Rows of masked texts listed per table (zero-result, low-confidence); the rest are counted.
pub const TEXT_ROWS: usize = 100;
/// Schemes listed in the top-topics table.
pub const TOP_SCHEMES: usize = 10;
/// A scheme counts as shown when it is among an inquiry's first this many results (as on the
/// dashboard).
pub const SHOWN_RANKS: usize = 5;

/// A count per label, in display order.
pub type Counts = Vec<(String, usize)>;

/// Inquiries on one day, per channel in [`Channel::ALL`] order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DayCount {
    pub day: NaiveDate,
    pub per_channel: Vec<usize>,
    pub total: usize,
}

/// Masked texts with how often each was asked, most frequent first.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct TextCounts {
    /// Inquiries counted (every one, not only the listed texts).
    pub total: usize,
    /// Distinct texts.
    pub distinct: usize,
    /// At most [`TEXT_ROWS`] texts.
    pub texts: Counts,
}

/// A hand-off that staff have closed, with what was done.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ClosedTicket {
    pub id: String,
    pub category: HandoffCategory,
    pub reason: HandoffReason,
    /// Masked when it was recorded.
    pub outcome: String,
    pub closed_on: Option<NaiveDate>,
}

/// One month's figures, counted from that month's records.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MonthFigures {
    pub inquiries: usize,
    pub by_channel: Counts,
    pub by_kind: Counts,
    /// Purposes picked (an inquiry may pick several), most frequent first.
    pub by_purpose: Counts,
    /// Inquiries that picked no purpose.
    pub without_purpose: usize,
    /// By the level of the first scheme shown (the level callers filtered by is not recorded).
    pub by_level: Counts,
    pub by_day: Vec<DayCount>,
    pub handoffs: usize,
    pub handoffs_by_category: Counts,
    pub handoffs_by_reason: Counts,
    /// Hand-offs of the month that are closed now, and those still open.
    pub closed: usize,
    pub open: usize,
    pub outcomes: Vec<ClosedTicket>,
    /// Searches and chat messages that found nothing.
    pub zero_results: TextCounts,
    /// Searches and chat messages that found something, with a confidence below the hand-off
    /// threshold.
    pub low_confidence: TextCounts,
    pub helpful: usize,
    pub not_helpful: usize,
    /// How many inquiries showed each scheme among their first [`SHOWN_RANKS`] results, by id.
    pub shown_schemes: HashMap<String, usize>,
    /// The month's corpus changes, in the order they were made.
    pub corpus_changes: Vec<CorpusChange>,
}

/// A change to the published corpus, as the audit log recorded it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CorpusChange {
    pub day: NaiveDate,
    pub action: AuditAction,
    /// The entry's file (`schemes/ward/….toml`); None for a whole-corpus import.
    pub entry: Option<String>,
    /// The staff member's username; None for the command line.
    pub by: Option<String>,
}

impl CorpusChange {
    /// The change an audit record tells of, if it changed what the public sees (a draft or an
    /// export does not).
    pub fn from_audit(record: &AuditRecord) -> Option<CorpusChange> {
        CORPUS_CHANGES
            .contains(&record.action)
            .then(|| CorpusChange {
                day: tokyo_date(record.at),
                action: record.action,
                entry: record.target.clone().filter(|t| !t.is_empty()),
                by: record.actor.username().map(str::to_string),
            })
    }
}

/// The audit actions that change the published corpus, in the order the report counts them.
pub const CORPUS_CHANGES: [AuditAction; 5] = [
    AuditAction::CorpusPublished,
    AuditAction::CorpusCreated,
    AuditAction::CorpusDeleted,
    AuditAction::CorpusRolledBack,
    AuditAction::CorpusImported,
];

/// What a month's figures are counted from.
pub struct MonthRecords<'a> {
    pub month: ReportMonth,
    /// The month's inquiries (others are ignored).
    pub inquiries: &'a [Inquiry],
    /// The hand-offs created in the month, in their state today (others are ignored).
    pub tickets: &'a [Ticket],
    /// Feedback given in the month: (helpful, not helpful).
    pub feedback: (usize, usize),
    /// Corpus changes, in the order they were made (those of other months are ignored).
    pub corpus_changes: &'a [CorpusChange],
}

/// A scheme among the month's most shown, with the previous month's count.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TopicChange {
    pub id: String,
    pub title: String,
    pub count: usize,
    pub previous: usize,
}

impl TopicChange {
    pub fn change(&self) -> i64 {
        self.count as i64 - self.previous as i64
    }
}

/// The report: the month's figures, the previous month's, and the top schemes compared.
#[derive(Debug, Clone, PartialEq)]
pub struct MonthlyReport {
    pub month: ReportMonth,
    pub figures: MonthFigures,
    pub previous: MonthFigures,
    pub top_schemes: Vec<TopicChange>,
    /// The hand-off threshold the low-confidence table used.
    pub threshold: f32,
}

impl MonthlyReport {
    /// Counts both months. `threshold` is the chat's hand-off confidence; scheme levels and
    /// titles come from `corpus` (a scheme no longer there is shown by its id).
    pub fn compile(
        current: &MonthRecords<'_>,
        previous: &MonthRecords<'_>,
        corpus: &Corpus,
        threshold: f32,
    ) -> MonthlyReport {
        let figures = MonthFigures::count(current, corpus, threshold);
        let before = MonthFigures::count(previous, corpus, threshold);
        let mut top: Vec<(&String, usize)> = figures
            .shown_schemes
            .iter()
            .map(|(id, n)| (id, *n))
            .collect();
        top.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(b.0)));
        let top_schemes = top
            .into_iter()
            .take(TOP_SCHEMES)
            .map(|(id, count)| TopicChange {
                id: id.clone(),
                title: corpus
                    .scheme(id)
                    .map_or_else(|| id.clone(), |s| s.title.clone()),
                count,
                previous: before.shown_schemes.get(id).copied().unwrap_or(0),
            })
            .collect();
        MonthlyReport {
            month: current.month,
            figures,
            previous: before,
            top_schemes,
            threshold,
        }
    }

    /// Nothing at all was recorded in the month: no inquiry, hand-off, feedback or corpus change.
    pub fn is_empty(&self) -> bool {
        self.figures.is_empty()
    }
}

/// Counts per label in the given order, zeros included.
fn counts_in_order<T: Copy + PartialEq>(
    all: &[T],
    label: impl Fn(T) -> &'static str,
    items: impl Iterator<Item = T>,
) -> Counts {
    let mut n = vec![0usize; all.len()];
    for item in items {
        if let Some(i) = all.iter().position(|a| *a == item) {
            n[i] += 1;
        }
    }
    all.iter()
        .zip(n)
        .map(|(a, c)| (label(*a).to_string(), c))
        .collect()
}

/// Counts per distinct value, most frequent first, ties in text order.
pub fn most_frequent<'a>(items: impl Iterator<Item = &'a str>) -> Counts {
    let mut counts: HashMap<&str, usize> = HashMap::new();
    for i in items {
        *counts.entry(i).or_default() += 1;
    }
    let mut v: Counts = counts
        .into_iter()
        .map(|(k, c)| (k.to_string(), c))
        .collect();
    v.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
    v
}

fn text_counts<'a>(items: impl Iterator<Item = &'a str>) -> TextCounts {
    let mut texts = most_frequent(items);
    let total = texts.iter().map(|(_, n)| n).sum();
    let distinct = texts.len();
    texts.truncate(TEXT_ROWS);
    TextCounts {
        total,
        distinct,
        texts,
    }
}

/// The label of "no scheme shown" in the by-level table.
pub const NO_SCHEME_SHOWN: &str = "表示した制度なし";
/// The label of schemes no longer in the corpus in the by-level table.
pub const LEVEL_UNKNOWN: &str = "区分不明（現在のコーパスにない制度）";
/// The label of "no purpose picked" in the by-purpose table.
pub const NO_PURPOSE: &str = "目的の指定なし";

impl MonthFigures {
    fn count(records: &MonthRecords<'_>, corpus: &Corpus, threshold: f32) -> MonthFigures {
        let month = records.month;
        let inquiries: Vec<&Inquiry> = records
            .inquiries
            .iter()
            .filter(|i| month.contains(tokyo_date(i.created_at)))
            .collect();
        let tickets: Vec<&Ticket> = records
            .tickets
            .iter()
            .filter(|t| month.contains(tokyo_date(t.created_at)))
            .collect();

        let mut by_purpose = most_frequent(
            inquiries
                .iter()
                .flat_map(|i| i.purposes.iter().map(String::as_str)),
        );
        let without_purpose = inquiries.iter().filter(|i| i.purposes.is_empty()).count();
        if without_purpose > 0 {
            by_purpose.push((NO_PURPOSE.to_string(), without_purpose));
        }

        // Levels in a fixed order; another prefecture's schemes only appear with imports.
        let mut levels: Vec<(String, usize)> = super::scheme::Level::ALL
            .iter()
            .map(|l| (l.label_ja().to_string(), 0))
            .collect();
        let (mut other, mut unknown, mut none) = (0, 0, 0);
        for i in &inquiries {
            let Some(first) = i.results.first() else {
                none += 1;
                continue;
            };
            match corpus.scheme(&first.id) {
                Some(s) => match levels.iter_mut().find(|(l, _)| l == s.level.label_ja()) {
                    Some(row) => row.1 += 1,
                    None => other += 1,
                },
                None => unknown += 1,
            }
        }
        if other > 0 {
            levels.push((
                super::scheme::Level::Prefecture.label_ja().to_string(),
                other,
            ));
        }
        if unknown > 0 {
            levels.push((LEVEL_UNKNOWN.to_string(), unknown));
        }
        levels.push((NO_SCHEME_SHOWN.to_string(), none));

        let mut per_day: BTreeMap<(NaiveDate, Channel), usize> = BTreeMap::new();
        for i in &inquiries {
            *per_day
                .entry((tokyo_date(i.created_at), i.channel))
                .or_default() += 1;
        }
        let by_day = month
            .days()
            .into_iter()
            .map(|day| {
                let per_channel: Vec<usize> = Channel::ALL
                    .iter()
                    .map(|c| per_day.get(&(day, *c)).copied().unwrap_or(0))
                    .collect();
                DayCount {
                    day,
                    total: per_channel.iter().sum(),
                    per_channel,
                }
            })
            .collect();

        let free_text = || {
            inquiries
                .iter()
                .filter(|i| i.kind != InquiryKind::Recommend)
        };
        let zero_results = text_counts(
            free_text()
                .filter(|i| i.results.is_empty())
                .map(|i| i.text()),
        );
        let low_confidence = text_counts(
            free_text()
                .filter(|i| !i.results.is_empty() && i.confidence.is_some_and(|c| c < threshold))
                .map(|i| i.text()),
        );

        let mut shown_schemes: HashMap<String, usize> = HashMap::new();
        for i in &inquiries {
            let mut seen: Vec<&str> = Vec::new();
            for r in i.results.iter().take(SHOWN_RANKS) {
                if !seen.contains(&r.id.as_str()) {
                    seen.push(&r.id);
                    *shown_schemes.entry(r.id.clone()).or_default() += 1;
                }
            }
        }

        let mut closed: Vec<&&Ticket> = tickets
            .iter()
            .filter(|t| t.status == TicketStatus::Done)
            .collect();
        closed.sort_by(|a, b| a.created_at.cmp(&b.created_at).then(a.id.cmp(&b.id)));

        MonthFigures {
            inquiries: inquiries.len(),
            by_channel: counts_in_order(
                Channel::ALL,
                Channel::label_ja,
                inquiries.iter().map(|i| i.channel),
            ),
            by_kind: counts_in_order(
                InquiryKind::ALL,
                InquiryKind::label_ja,
                inquiries.iter().map(|i| i.kind),
            ),
            by_purpose,
            without_purpose,
            by_level: levels,
            by_day,
            handoffs: tickets.len(),
            handoffs_by_category: counts_in_order(
                HandoffCategory::ALL,
                HandoffCategory::label_ja,
                tickets.iter().map(|t| t.category),
            ),
            handoffs_by_reason: counts_in_order(
                HandoffReason::ALL,
                HandoffReason::label_ja,
                tickets.iter().map(|t| t.reason),
            ),
            closed: closed.len(),
            open: tickets.len() - closed.len(),
            outcomes: closed
                .into_iter()
                .map(|t| ClosedTicket {
                    id: t.id.clone(),
                    category: t.category,
                    reason: t.reason,
                    outcome: t.outcome.clone().unwrap_or_default(),
                    closed_on: t.closed_at.map(tokyo_date),
                })
                .collect(),
            zero_results,
            low_confidence,
            helpful: records.feedback.0,
            not_helpful: records.feedback.1,
            shown_schemes,
            corpus_changes: records
                .corpus_changes
                .iter()
                .filter(|c| month.contains(c.day))
                .cloned()
                .collect(),
        }
    }

    pub fn is_empty(&self) -> bool {
        self.inquiries == 0
            && self.handoffs == 0
            && self.helpful + self.not_helpful == 0
            && self.corpus_changes.is_empty()
    }

    /// Corpus changes per action, every action of [`CORPUS_CHANGES`] listed.
    pub fn corpus_changes_by_action(&self) -> Vec<(AuditAction, usize)> {
        CORPUS_CHANGES
            .iter()
            .map(|a| {
                (
                    *a,
                    self.corpus_changes
                        .iter()
                        .filter(|c| c.action == *a)
                        .count(),
                )
            })
            .collect()
    }

    /// Share of feedback saying the answer helped, in percent (None without feedback).
    pub fn helpful_percent(&self) -> Option<f64> {
        let all = self.helpful + self.not_helpful;
        (all > 0).then(|| self.helpful as f64 / all as f64 * 100.0)
    }
}
