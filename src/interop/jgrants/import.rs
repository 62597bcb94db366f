//! jGrants list and detail responses read into a scheme bundle.

use std::collections::BTreeSet;
use std::path::Path;

use chrono::NaiveDate;
use serde_json::{Map, Value};

use crate::domain::corpus::Corpus;
use crate::domain::scheme::{
    Amount, Area, EligibilityRules, INDUSTRIES, Kind, Level, PreFounding, Round, Scheme, Window,
    WindowKind,
};
use crate::interop::{InteropError, RecordProblem, Result};

use super::html::sections;
use super::{ATTRIBUTION, NO_EMPLOYEE_LIMIT, OVER_900, PORTAL, keys_of, tokyo_day};

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
