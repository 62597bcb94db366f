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
use std::path::Path;

use chrono::{DateTime, Duration, FixedOffset, NaiveDate, NaiveTime, TimeZone, Utc};
use serde_json::{Map, Value, json};

use super::mirasapo::round_on;
use super::{InteropError, RecordProblem, Result};
use crate::domain::corpus::Corpus;
use crate::domain::eligibility::rules_ja;
use crate::domain::scheme::{
    Amount, Area, EligibilityRules, INDUSTRIES, JGRANTS_PURPOSES, Kind, Level, PreFounding, Round,
    Scheme, SizeRule, Window, WindowKind,
};

pub const ATTRIBUTION: &str = "出典：Jグランツ（jGrants）公開API（デジタル庁）";

/// jGrants' employee facets, smallest first.
pub const EMPLOYEE_BUCKETS: [u32; 6] = [5, 20, 50, 100, 300, 900];
pub const NO_EMPLOYEE_LIMIT: &str = "従業員数の制約なし";
pub const OVER_900: &str = "901名以上";

const SEPARATOR: &str = " / ";
const PORTAL: &str = "https://www.jgrants-portal.go.jp/subsidy/";

/// The kinds jGrants lists: money towards expenses (補助金・助成金, 利子補給・保証料補助).
pub fn is_listed_kind(kind: Kind) -> bool {
    matches!(kind, Kind::Subsidy | Kind::Grant | Kind::InterestSubsidy)
}

fn jst() -> FixedOffset {
    FixedOffset::east_opt(9 * 3600).expect("valid offset")
}

/// The first moment of a day in Tokyo, written as jGrants writes UTC date-times.
fn start_of(day: NaiveDate) -> String {
    utc_text(day.and_time(NaiveTime::MIN))
}

/// The last second of a day in Tokyo.
fn end_of(day: NaiveDate) -> String {
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

fn escape(text: &str) -> String {
    html_escape::encode_text(text.trim()).replace('\n', "<br>")
}

const TARGET: &str = "対象となる方";
const AMOUNT: &str = "金額";
const HOW: &str = "申請方法";
const CONTACT: &str = "問い合わせ先";

/// The detail HTML: the description, then who may apply, the amount, how to apply and whom to
/// ask under their own headings (the importer reads the headings back).
fn detail_html(s: &Scheme) -> String {
    let mut html = format!("<p>{}</p>", escape(&s.details));
    let rules = rules_ja(s);
    if !rules.is_empty() {
        html.push_str(&format!("<h3>{TARGET}</h3><ul>"));
        for r in rules {
            html.push_str(&format!("<li>{}</li>", escape(&r)));
        }
        html.push_str("</ul>");
    }
    if let Some(amount) = s.amount_text() {
        html.push_str(&format!("<h3>{AMOUNT}</h3><p>{}</p>", escape(&amount)));
    }
    html.push_str(&format!("<h3>{HOW}</h3><p>{}</p>", escape(&s.how_to_apply)));
    html.push_str(&format!("<h3>{CONTACT}</h3><p>{}</p>", escape(&s.contact)));
    html
}

/// One scheme as a jGrants detail record.
pub fn record(s: &Scheme, today: NaiveDate) -> Value {
    let round = round_on(s, today);
    let industries: Vec<&str> = if s.industries.iter().any(|i| i == "all") {
        INDUSTRIES.to_vec()
    } else {
        s.industries.iter().map(String::as_str).collect()
    };
    let (area, area_detail) = match s.level {
        Level::National => ("全国", ""),
        Level::Ward => ("東京都", "東京都港区"),
        Level::Tokyo | Level::Prefecture => ("東京都", ""),
    };
    let amount = s.amount.clone().unwrap_or_default();
    json!({
        "id": s.id,
        "name": s.id,
        "title": s.title,
        "subsidy_catch_phrase": s.summary,
        "detail": detail_html(s),
        "use_purpose": use_purposes(s).into_iter().collect::<Vec<_>>().join(SEPARATOR),
        "industry": industries.join(SEPARATOR),
        "target_area_search": area,
        "target_area_detail": area_detail,
        "target_number_of_employees": employee_bucket(s),
        "subsidy_rate": amount.rate.unwrap_or_default(),
        "subsidy_max_limit": amount.max_yen.unwrap_or(0),
        "acceptance_start_datetime": round.map(|r| start_of(r.opens)),
        "acceptance_end_datetime": round.map(|r| end_of(r.closes)),
        "project_end_deadline": null,
        "request_reception_presence": "無",
        "is_enable_multiple_request": !s.eligibility.once_only,
        "front_subsidy_detail_page_url": s.source_url,
        "institution_name": s.provider,
        "application_guidelines": [],
        "outline_of_grant": [],
        "application_form": [],
    })
}

/// The API's envelope around detail records of the listed kinds.
pub fn response(schemes: &[&Scheme], today: NaiveDate) -> Value {
    let result: Vec<Value> = schemes
        .iter()
        .filter(|s| is_listed_kind(s.kind))
        .map(|s| record(s, today))
        .collect();
    json!({
        "metadata": {"type": "application/json", "resultset": {"count": result.len()}},
        "result": result,
    })
}

/// Writes the response JSON to `file` (or standard output for `-`).
pub fn export(schemes: &[&Scheme], today: NaiveDate, file: &Path) -> Result<()> {
    let text = serde_json::to_string_pretty(&response(schemes, today)).expect("serialisable");
    if file.as_os_str() == "-" {
        println!("{text}");
        return Ok(());
    }
    if let Some(dir) = file.parent().filter(|d| !d.as_os_str().is_empty()) {
        std::fs::create_dir_all(dir).map_err(|e| InteropError::io(file, e))?;
    }
    std::fs::write(file, text + "\n").map_err(|e| InteropError::io(file, e))
}

/// What an import did: records read, schemes made, records skipped and why.
#[derive(Debug, Default)]
pub struct ImportReport {
    pub records: usize,
    pub mapped: usize,
    /// (record, reason) for records left out: readable, but with nothing the corpus can use.
    pub skipped: Vec<(String, String)>,
}

/// Reads a jGrants response file into schemes (ids `jgrants-<id>`, `as_of` = `today`).
pub fn import_file(file: &Path, today: NaiveDate) -> Result<(Vec<Scheme>, ImportReport)> {
    let text = std::fs::read_to_string(file).map_err(|e| InteropError::io(file, e))?;
    let value: Value = serde_json::from_str(&text).map_err(|e| InteropError::Json {
        file: file.display().to_string(),
        reason: e.to_string(),
    })?;
    import_value(&value, today).map_err(|problems| InteropError::Records {
        file: file.display().to_string(),
        problems,
    })
}

/// Maps a parsed response (an envelope, or an array of envelopes) into schemes; every record
/// that cannot be read is reported, and any such record refuses the whole file.
pub fn import_value(
    value: &Value,
    today: NaiveDate,
) -> std::result::Result<(Vec<Scheme>, ImportReport), Vec<RecordProblem>> {
    let mut problems = Vec::new();
    let mut records: Vec<(String, &Map<String, Value>)> = Vec::new();
    let envelopes: Vec<(String, &Value)> = match value {
        Value::Array(items) => items
            .iter()
            .enumerate()
            .map(|(i, v)| (format!("[{i}]."), v))
            .collect(),
        other => vec![(String::new(), other)],
    };
    for (prefix, envelope) in envelopes {
        let whole = if prefix.is_empty() {
            "response".to_string()
        } else {
            prefix.trim_end_matches('.').to_string()
        };
        match envelope.get("result") {
            Some(Value::Array(items)) => {
                for (i, item) in items.iter().enumerate() {
                    let place = format!("{prefix}result[{i}]");
                    match item {
                        Value::Object(map) => {
                            let named = match map.get("id").and_then(Value::as_str) {
                                Some(id) => format!("{place} (id {id:?})"),
                                None => place,
                            };
                            records.push((named, map));
                        }
                        _ => problems.push(RecordProblem {
                            record: place,
                            field: "(record)".into(),
                            message: "is not an object".into(),
                        }),
                    }
                }
            }
            Some(_) => problems.push(RecordProblem {
                record: whole,
                field: "result".into(),
                message: "is not an array".into(),
            }),
            None => problems.push(RecordProblem {
                record: whole,
                field: "result".into(),
                message: "missing: not a jGrants list or detail response".into(),
            }),
        }
    }
    let mut report = ImportReport {
        records: records.len(),
        ..ImportReport::default()
    };
    let mut schemes = Vec::new();
    let mut ids = BTreeSet::new();
    for (place, map) in records {
        match map_record(map, today) {
            Ok(Mapped::Scheme(scheme)) => {
                let scheme = *scheme;
                if !ids.insert(scheme.id.clone()) {
                    problems.push(RecordProblem {
                        record: place,
                        field: "id".into(),
                        message: "appears twice".into(),
                    });
                    continue;
                }
                let checked = Corpus::problems_of_one(scheme.clone());
                if checked.is_empty() {
                    schemes.push(scheme);
                } else {
                    problems.extend(checked.into_iter().map(|p| RecordProblem {
                        record: place.clone(),
                        field: p.field.unwrap_or_default(),
                        message: p.message,
                    }));
                }
            }
            Ok(Mapped::Skip(reason)) => report.skipped.push((place, reason)),
            Err(mut found) => {
                for p in &mut found {
                    p.record = place.clone();
                }
                problems.extend(found);
            }
        }
    }
    report.mapped = schemes.len();
    if problems.is_empty() {
        Ok((schemes, report))
    } else {
        Err(problems)
    }
}

enum Mapped {
    Scheme(Box<Scheme>),
    Skip(String),
}

/// Field readers that record a problem (with the field's name) instead of failing at once,
/// so one record's every fault is reported together.
struct Reader<'a> {
    map: &'a Map<String, Value>,
    problems: Vec<RecordProblem>,
}

impl<'a> Reader<'a> {
    fn bad(&mut self, field: &str, message: impl Into<String>) {
        self.problems.push(RecordProblem {
            record: String::new(),
            field: field.to_string(),
            message: message.into(),
        });
    }

    /// A string field; absent and null read as None.
    fn text(&mut self, field: &str) -> Option<&'a str> {
        match self.map.get(field) {
            None | Some(Value::Null) => None,
            Some(Value::String(s)) => Some(s.as_str()),
            Some(other) => {
                self.bad(field, format!("expected a string, got {other}"));
                None
            }
        }
    }

    fn required(&mut self, field: &str) -> Option<&'a str> {
        match self.text(field).map(str::trim) {
            Some(s) if !s.is_empty() => Some(s),
            Some(_) => {
                self.bad(field, "is empty");
                None
            }
            None if self.map.contains_key(field) => None,
            None => {
                self.bad(field, "missing");
                None
            }
        }
    }

    fn list(&mut self, field: &str) -> Vec<&'a str> {
        self.text(field)
            .map(|s| {
                s.split('/')
                    .map(str::trim)
                    .filter(|v| !v.is_empty())
                    .collect()
            })
            .unwrap_or_default()
    }

    fn yen(&mut self, field: &str) -> Option<u64> {
        match self.map.get(field) {
            None | Some(Value::Null) => None,
            Some(Value::Number(n)) => match (n.as_u64(), n.as_f64()) {
                (Some(v), _) => Some(v),
                (None, Some(f)) if f >= 0.0 && f.fract() == 0.0 => Some(f as u64),
                _ => {
                    self.bad(field, format!("expected a whole number of yen, got {n}"));
                    None
                }
            },
            Some(Value::String(s)) if s.trim().is_empty() => None,
            Some(Value::String(s)) => match s.trim().replace(',', "").parse::<u64>() {
                Ok(v) => Some(v),
                Err(_) => {
                    self.bad(field, format!("expected a whole number of yen, got {s:?}"));
                    None
                }
            },
            Some(other) => {
                self.bad(field, format!("expected a number, got {other}"));
                None
            }
        }
    }

    fn day(&mut self, field: &str) -> Option<NaiveDate> {
        let text = self.text(field)?;
        if text.trim().is_empty() {
            return None;
        }
        let day = tokyo_day(text);
        if day.is_none() {
            self.bad(field, format!("not a date-time: {text:?}"));
        }
        day
    }
}

fn map_record(
    map: &Map<String, Value>,
    today: NaiveDate,
) -> std::result::Result<Mapped, Vec<RecordProblem>> {
    let mut r = Reader {
        map,
        problems: Vec::new(),
    };
    let raw_id = r.required("id").unwrap_or_default();
    if !raw_id.is_empty()
        && (raw_id.starts_with('-')
            || !raw_id
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || c == '-'))
    {
        r.bad(
            "id",
            format!("{raw_id:?}: use ASCII letters, digits and hyphens"),
        );
    }
    let title = r.required("title").unwrap_or_default().to_string();
    let catch = r
        .text("subsidy_catch_phrase")
        .unwrap_or("")
        .trim()
        .to_string();
    let html = r.text("detail").unwrap_or("");
    let sections = sections(html);
    let institution = r.text("institution_name").unwrap_or("").trim().to_string();

    let mut purposes: Vec<String> = Vec::new();
    for name in r.list("use_purpose") {
        match keys_of(name) {
            Some(keys) => purposes.extend(keys.iter().map(|k| k.to_string())),
            None => r.bad("use_purpose", format!("unknown purpose {name:?}")),
        }
    }
    if !map.contains_key("use_purpose") {
        // List records carry no purpose: read it from the words, as the open-data import does.
        purposes = crate::import::purposes_from_text(&format!("{title} {catch}"));
    }
    purposes.sort();
    purposes.dedup();

    let mut industries: Vec<String> = Vec::new();
    for name in r.list("industry") {
        let name = name.replace('，', "、");
        if INDUSTRIES.contains(&name.as_str()) {
            if !industries.contains(&name) {
                industries.push(name);
            }
        } else {
            r.bad("industry", format!("unknown industry {name:?}"));
        }
    }
    if industries.is_empty() || industries.len() == INDUSTRIES.len() {
        industries = vec!["all".into()];
    }

    let area = r.text("target_area_search").unwrap_or("全国");
    let area_detail = r.text("target_area_detail").unwrap_or("");
    let areas: Vec<&str> = area.split('/').map(str::trim).collect();
    let (level, location) = if area_detail.contains("港区") {
        (Level::Ward, Area::Minato)
    } else if areas.iter().any(|a| *a == "全国" || a.is_empty()) {
        (Level::National, Area::Anywhere)
    } else if areas == ["東京都"] {
        (Level::Tokyo, Area::Tokyo)
    } else if areas
        .iter()
        .any(|a| *a == "東京都" || *a == "関東・甲信越地方")
    {
        (Level::National, Area::Tokyo)
    } else {
        (Level::Prefecture, Area::OtherPrefecture)
    };

    let (mut max_employees, mut min_employees) = (None, None);
    match r.text("target_number_of_employees").map(str::trim) {
        None | Some("") | Some(NO_EMPLOYEE_LIMIT) => {}
        Some(OVER_900) => min_employees = Some(901),
        Some(other) => match other
            .strip_suffix("名以下")
            .or_else(|| other.strip_suffix("人以下"))
            .and_then(|n| n.parse::<u32>().ok())
        {
            Some(n) => max_employees = Some(n),
            None => r.bad(
                "target_number_of_employees",
                format!(
                    "unknown value {other:?} (従業員数の制約なし, 5名以下 … 900名以下, 901名以上)"
                ),
            ),
        },
    }

    let max_yen = r.yen("subsidy_max_limit").filter(|y| *y > 0);
    let rate = r
        .text("subsidy_rate")
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(str::to_string);
    let opens = r.day("acceptance_start_datetime");
    let closes = r.day("acceptance_end_datetime");
    let window = match (opens, closes) {
        (Some(o), Some(c)) if o <= c => Window {
            kind: WindowKind::Rounds,
            rounds: vec![Round {
                label: "公募期間".into(),
                opens: o,
                closes: c,
            }],
        },
        (Some(o), Some(c)) => {
            r.bad(
                "acceptance_end_datetime",
                format!("ends {c} before it starts {o}"),
            );
            Window {
                kind: WindowKind::Always,
                rounds: vec![],
            }
        }
        (None, Some(c)) => Window {
            kind: WindowKind::Rounds,
            rounds: vec![Round {
                label: "公募期間".into(),
                opens: today.min(c),
                closes: c,
            }],
        },
        _ => Window {
            kind: WindowKind::Always,
            rounds: vec![],
        },
    };
    let page = r.text("front_subsidy_detail_page_url").map(str::trim);
    if let Some(url) = page
        && !url.is_empty()
        && !url.starts_with("http://")
        && !url.starts_with("https://")
    {
        r.bad(
            "front_subsidy_detail_page_url",
            format!("not a web address: {url:?}"),
        );
    }
    if !r.problems.is_empty() {
        return Err(r.problems);
    }
    if purposes.is_empty() {
        return Ok(Mapped::Skip(
            "no purpose (use_purpose absent and none read from the title)".into(),
        ));
    }
    let details = if sections.details.is_empty() {
        catch.clone()
    } else {
        sections.details.clone()
    };
    let summary = if catch.is_empty() {
        details.chars().take(120).collect::<String>()
    } else {
        catch
    };
    let summary = if summary.trim().is_empty() {
        title.clone()
    } else {
        summary
    };
    let pre_founding = if sections
        .target
        .iter()
        .chain([&title, &summary, &details])
        .any(|t| t.contains("創業予定") || t.contains("創業前"))
    {
        PreFounding::Allowed
    } else {
        PreFounding::No
    };
    let kind = if title.contains("利子補給") || title.contains("保証料") {
        Kind::InterestSubsidy
    } else if title.contains("助成") {
        Kind::Grant
    } else {
        Kind::Subsidy
    };
    let amount_text = sections.amount.clone();
    let amount = (max_yen.is_some() || rate.is_some() || amount_text.is_some()).then_some(Amount {
        max_yen,
        min_yen: None,
        rate,
        text: amount_text,
    });
    let source_url = match page {
        Some(url) if !url.is_empty() => url.to_string(),
        _ => format!("{PORTAL}{raw_id}"),
    };
    let provider = if institution.is_empty() {
        "（不明）".to_string()
    } else {
        institution
    };
    Ok(Mapped::Scheme(Box::new(Scheme {
        id: format!("jgrants-{}", raw_id.to_ascii_lowercase()),
        title,
        aliases: vec![],
        level,
        provider: provider.clone(),
        kind,
        summary,
        details,
        purposes,
        industries,
        how_to_apply: sections
            .how
            .unwrap_or_else(|| "Jグランツで電子申請（詳細は公募要領）".into()),
        contact: sections.contact.unwrap_or(provider),
        source_url,
        as_of: today,
        related: vec![],
        not_combinable_with: vec![],
        notes: Some(ATTRIBUTION.to_string()),
        eligibility: EligibilityRules {
            max_employees,
            min_employees,
            pre_founding,
            conditions: sections.target,
            ..EligibilityRules::open(location)
        },
        amount,
        window,
    })))
}

/// The parts of a detail's HTML under the headings the export writes; a page without them is
/// all description.
#[derive(Debug, Default)]
struct Sections {
    details: String,
    target: Vec<String>,
    amount: Option<String>,
    how: Option<String>,
    contact: Option<String>,
}

fn sections(html: &str) -> Sections {
    let mut out = Sections::default();
    let mut parts = html.split("<h3>");
    out.details = html_text(parts.next().unwrap_or(""));
    for part in parts {
        let Some((heading, body)) = part.split_once("</h3>") else {
            out.details.push('\n');
            out.details.push_str(&html_text(part));
            continue;
        };
        let text = html_text(body);
        match html_text(heading).as_str() {
            TARGET => {
                out.target = text
                    .lines()
                    .map(str::trim)
                    .filter(|l| !l.is_empty())
                    .map(str::to_string)
                    .collect()
            }
            AMOUNT => out.amount = Some(text),
            HOW => out.how = Some(text),
            CONTACT => out.contact = Some(text),
            other => {
                out.details.push_str(&format!("\n{other}\n{text}"));
            }
        }
    }
    out.details = out.details.trim().to_string();
    out
}

/// HTML to plain text: breaks and block ends become new lines, tags go, entities decode.
pub fn html_text(html: &str) -> String {
    let mut text = String::with_capacity(html.len());
    let mut rest = html;
    while let Some(start) = rest.find('<') {
        text.push_str(&rest[..start]);
        let Some(end) = rest[start..].find('>') else {
            text.push_str(&rest[start..]);
            rest = "";
            break;
        };
        let tag = rest[start + 1..start + end].trim().to_ascii_lowercase();
        let name = tag
            .trim_start_matches('/')
            .split([' ', '/'])
            .next()
            .unwrap_or("");
        let closes_block = tag.starts_with('/')
            && matches!(
                name,
                "p" | "li" | "div" | "h1" | "h2" | "h3" | "h4" | "tr" | "ul" | "ol"
            );
        if name == "br" || closes_block {
            text.push('\n');
        }
        rest = &rest[start + end + 1..];
    }
    text.push_str(rest);
    let decoded = html_escape::decode_html_entities(&text).into_owned();
    decoded
        .lines()
        .map(str::trim_end)
        .collect::<Vec<_>>()
        .join("\n")
        .trim()
        .to_string()
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

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    #[test]
    fn tokyo_days_are_read_from_utc_date_times() {
        // 23:59 in Tokyo is 14:59 UTC the same day; midnight in Tokyo is 15:00 UTC the day before.
        assert_eq!(tokyo_day("2026-11-27T14:59:00.000Z"), Some(d("2026-11-27")));
        assert_eq!(tokyo_day("2026-08-31T15:00:00.000Z"), Some(d("2026-09-01")));
        assert_eq!(tokyo_day("2026-06-19T06:00Z"), Some(d("2026-06-19")));
        assert_eq!(
            tokyo_day("2026-06-19T23:00:00+09:00"),
            Some(d("2026-06-19"))
        );
        assert_eq!(tokyo_day("next week"), None);
    }

    #[test]
    fn round_days_survive_the_trip_through_utc() {
        assert_eq!(tokyo_day(&start_of(d("2026-09-01"))), Some(d("2026-09-01")));
        assert_eq!(tokyo_day(&end_of(d("2026-10-31"))), Some(d("2026-10-31")));
        assert_eq!(start_of(d("2026-09-01")), "2026-08-31T15:00:00.000Z");
        assert_eq!(end_of(d("2026-10-31")), "2026-10-31T14:59:59.000Z");
    }

    #[test]
    fn html_becomes_lines_of_text() {
        assert_eq!(
            html_text("<p>区内の&amp;中小企業<br>2行目</p><ul><li>A</li><li>B</li></ul>"),
            "区内の&中小企業\n2行目\nA\nB"
        );
    }
}
