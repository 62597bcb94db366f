//! jGrants (Jグランツ, デジタル庁's subsidy portal) public API JSON, both ways.
//!
//! The API (`https://api.jgrants-portal.go.jp/exp/v1/public`) answers `GET /subsidies` (the
//! list) and `GET /subsidies/id/{id}` (the detail) with the same envelope:
//! `{"metadata": {"type": …, "resultset": {"count": N}}, "result": [ … ]}`. A list record holds
//! id, name, title, target_area_search, subsidy_max_limit, acceptance_start_datetime,
//! acceptance_end_datetime and target_number_of_employees; a detail record adds
//! subsidy_catch_phrase, detail (HTML), use_purpose and industry (values joined by " / "),
//! target_area_detail, subsidy_rate, project_end_deadline, request_reception_presence,
//! is_enable_multiple_request, front_subsidy_detail_page_url and the attachments (base64).
//! Date-times are UTC.
//!
//! `shien export jgrants` writes the ward's subsidies and grants as detail records;
//! `shien import jgrants FILE.json` reads list or detail responses (one envelope, or an array
//! of them) into a bundle. A record that cannot be read is an error naming the record and the
//! field; the file is then refused as a whole.

use std::collections::BTreeSet;

use chrono::{DateTime, Duration, FixedOffset, NaiveDate, NaiveTime, TimeZone, Utc};

use super::mirasapo::round_on;
use crate::domain::scheme::{Area, JGRANTS_PURPOSES, Kind, Level, PreFounding, Scheme, SizeRule};

mod export;
mod html;
mod import;
#[cfg(test)]
mod tests;

pub use export::{export, record, response};
pub use html::html_text;
pub use import::{ImportReport, import_file, import_value};

/// The headings of the detail HTML, written by the export and read back by the import.
pub(super) const TARGET: &str = "対象となる方";
pub(super) const AMOUNT: &str = "金額";
pub(super) const HOW: &str = "申請方法";
pub(super) const CONTACT: &str = "問い合わせ先";

pub const ATTRIBUTION: &str = "出典：Jグランツ（jGrants）公開API（デジタル庁）";

/// jGrants' employee facets, smallest first.
pub const EMPLOYEE_BUCKETS: [u32; 6] = [5, 20, 50, 100, 300, 900];
pub const NO_EMPLOYEE_LIMIT: &str = "従業員数の制約なし";
pub const OVER_900: &str = "901名以上";

pub(super) const SEPARATOR: &str = " / ";
pub(super) const PORTAL: &str = "https://www.jgrants-portal.go.jp/subsidy/";

/// The kinds jGrants lists: money towards expenses (補助金・助成金, 利子補給・保証料補助).
pub fn is_listed_kind(kind: Kind) -> bool {
    matches!(kind, Kind::Subsidy | Kind::Grant | Kind::InterestSubsidy)
}

fn jst() -> FixedOffset {
    FixedOffset::east_opt(9 * 3600).expect("valid offset")
}

/// The first moment of a day in Tokyo, written as jGrants writes UTC date-times.
pub(super) fn start_of(day: NaiveDate) -> String {
    utc_text(day.and_time(NaiveTime::MIN))
}

/// The last second of a day in Tokyo.
pub(super) fn end_of(day: NaiveDate) -> String {
    utc_text(day.and_time(NaiveTime::MIN) + Duration::days(1) - Duration::seconds(1))
}

fn utc_text(tokyo: chrono::NaiveDateTime) -> String {
    jst()
        .from_local_datetime(&tokyo)
        .single()
        .expect("fixed offsets are unambiguous")
        .with_timezone(&Utc)
        .format("%Y-%m-%dT%H:%M:%S%.3fZ")
        .to_string()
}

/// Reads a jGrants date-time ("2026-09-01T00:00:00.000Z", "2026-06-19T06:00Z", with an offset
/// or without seconds) as the day it falls on in Tokyo.
pub fn tokyo_day(text: &str) -> Option<NaiveDate> {
    let t = text.trim();
    let parsed = DateTime::parse_from_rfc3339(t).ok().or_else(|| {
        // "…T06:00Z" has no seconds: add them.
        let (date_time, zone) = t.split_at(t.find(['Z', '+']).or_else(|| t.rfind('-'))?);
        let with_seconds = if date_time.matches(':').count() == 1 {
            format!("{date_time}:00{zone}")
        } else {
            return None;
        };
        DateTime::parse_from_rfc3339(&with_seconds).ok()
    })?;
    Some(parsed.with_timezone(&jst()).date_naive())
}

/// The employee facet a scheme belongs under: the smallest bucket holding its cap.
pub fn employee_bucket(s: &Scheme) -> String {
    let e = &s.eligibility;
    if e.min_employees.is_some_and(|m| m > 900) {
        return OVER_900.to_string();
    }
    let by_size = match e.size {
        SizeRule::Small => Some(20),
        SizeRule::Sme => Some(300),
        SizeRule::Any => None,
    };
    let by_caps =
        if !e.size_caps.is_empty() && e.size_caps.iter().all(|c| c.max_employees.is_some()) {
            e.size_caps.iter().filter_map(|c| c.max_employees).max()
        } else {
            None
        };
    let cap = [e.max_employees, by_size, by_caps]
        .into_iter()
        .flatten()
        .min();
    match cap.and_then(|c| EMPLOYEE_BUCKETS.iter().find(|b| **b >= c)) {
        Some(b) => format!("{b}名以下"),
        None => NO_EMPLOYEE_LIMIT.to_string(),
    }
}

/// The jGrants purpose for each of the scheme's purpose keys (the first that names it).
/// jGrants has no purpose for intellectual property; patents and trademarks are filed with
/// research and development there.
pub fn use_purposes(s: &Scheme) -> BTreeSet<&'static str> {
    s.purposes
        .iter()
        .filter_map(|key| {
            let key = if key == "知的財産" {
                "研究開発"
            } else {
                key
            };
            JGRANTS_PURPOSES
                .iter()
                .find(|(_, keys)| keys.contains(&key))
                .map(|(name, _)| *name)
        })
        .collect()
}

/// The purpose keys a jGrants purpose stands for (None for a string jGrants does not use).
pub fn keys_of(use_purpose: &str) -> Option<&'static [&'static str]> {
    JGRANTS_PURPOSES
        .iter()
        .find(|(name, _)| *name == use_purpose)
        .map(|(_, keys)| *keys)
}

/// The purpose keys an import of this scheme's export reads back: those its jGrants purposes
/// stand for (a jGrants purpose covers more than one key, so this can be wider than the
/// scheme's own).
pub fn purposes_read_back(s: &Scheme) -> Vec<String> {
    let mut keys: Vec<String> = use_purposes(s)
        .into_iter()
        .filter_map(keys_of)
        .flat_map(|keys| keys.iter().map(|k| k.to_string()))
        .collect();
    keys.sort();
    keys.dedup();
    keys
}

/// What jGrants' format carries of a scheme, as the importer reads it back: the round-trip
/// tests compare these before and after.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Facts {
    pub id: String,
    pub title: String,
    pub summary: String,
    pub details: String,
    pub how_to_apply: String,
    pub contact: String,
    pub level: Level,
    pub location: Area,
    pub provider: String,
    /// The purpose keys as an import reads them back (see [`purposes_read_back`]).
    pub purposes: Vec<String>,
    pub industries: Vec<String>,
    pub employees: String,
    pub max_yen: Option<u64>,
    pub rate: Option<String>,
    pub amount: Option<String>,
    pub window: Option<(NaiveDate, NaiveDate)>,
    pub admits_pre_founders: bool,
    pub source_url: String,
}

impl Facts {
    /// The facts of a scheme as the ward wrote it, before export.
    pub fn written(s: &Scheme, today: NaiveDate) -> Facts {
        let mut facts = Facts::of(s, today, "");
        facts.purposes = purposes_read_back(s);
        facts
    }

    /// The facts of `s` as they stand, with `id_prefix` taken off its id (imports prefix theirs).
    pub fn of(s: &Scheme, today: NaiveDate, id_prefix: &str) -> Facts {
        let amount = s.amount.clone().unwrap_or_default();
        Facts {
            id: s.id.strip_prefix(id_prefix).unwrap_or(&s.id).to_string(),
            title: s.title.clone(),
            summary: s.summary.trim().to_string(),
            details: s.details.trim().to_string(),
            how_to_apply: s.how_to_apply.trim().to_string(),
            contact: s.contact.trim().to_string(),
            level: s.level,
            location: s.eligibility.location,
            provider: s.provider.clone(),
            purposes: {
                let mut keys = s.purposes.clone();
                keys.sort();
                keys
            },
            industries: s.industries.clone(),
            employees: employee_bucket(s),
            max_yen: amount.max_yen,
            rate: amount.rate,
            amount: s.amount_text(),
            window: round_on(s, today).map(|r| (r.opens, r.closes)),
            admits_pre_founders: s.eligibility.pre_founding != PreFounding::No,
            source_url: s.source_url.clone(),
        }
    }
}
