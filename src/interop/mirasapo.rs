//! `shien export mirasapo`: the schemes as rows of the Digital Agency's open-data CSV of
//! support schemes (デジタル庁 レジストリカタログ「支援制度」, the data behind ミラサポplus
//! 制度ナビ): the same 44 columns in the same order, UTF-8 with a byte-order mark so that
//! Excel opens it, as `../shared/data/mirasapo/supports.csv` is written. `shien import
//! mirasapo` ([`crate::import`]) reads such a file back.
//!
//! The registry's own ids, management groups and catalogues are the registry's to assign:
//! those columns stay empty, and `id` carries the ward's stable scheme id.

use std::collections::BTreeSet;
use std::io::Write;
use std::path::Path;

use chrono::NaiveDate;
use serde_json::json;

use super::{InteropError, Result};
use crate::domain::eligibility::rules_ja;
use crate::domain::scheme::{Area, INDUSTRIES, Kind, Level, PreFounding, Round, Scheme};
use crate::import::AMOUNT_HEADING;

/// The open data's columns, in its order (the misspelt `refernece` included).
pub const HEADER: [&str; 44] = [
    "id",
    "mng_groups",
    "catalogs",
    "publish_date",
    "unpublish_date",
    "language",
    "update_info",
    "has_case_studies",
    "title",
    "subtitle",
    "competent_authorities",
    "number",
    "business_scales",
    "target",
    "prefectures",
    "summary",
    "body",
    "usage",
    "reception_start_date",
    "reception_end_date",
    "related_supports",
    "inquiry",
    "industry_categories",
    "stage_categories",
    "service_categories",
    "purpose_categories",
    "life_stage_categories",
    "personal_service_categories",
    "personal_purpose_categories",
    "disasters",
    "keywords",
    "refernece",
    "support_organization",
    "application_target",
    "area",
    "reception_remarks",
    "special_measure",
    "application_url",
    "governing_law",
    "base_id",
    "base_number",
    "base_title",
    "max_employees_count",
    "base_override",
];

/// The open data's purpose categories (id, name) for each purpose key, where one exists.
fn purpose_category(key: &str) -> Option<(&'static str, &'static str)> {
    Some(match key {
        "販路拡大" => ("1", "販路開拓"),
        "設備投資" => ("2", "設備投資"),
        "IT導入" => ("3", "IT化"),
        "資金繰り" => ("4", "資金繰り"),
        "人材確保" => ("5", "人材"),
        "知的財産" => ("6", "知的財産"),
        "創業" => ("7", "起業・創業"),
        "事業承継" => ("8", "事業承継"),
        "BCP・防災" => ("9", "災害対応"),
        _ => return None,
    })
}

/// The open data's business-stage categories (id, name, stage) for each purpose key.
fn stage_category(key: &str) -> Option<(&'static str, &'static str, &'static str)> {
    Some(match key {
        "創業" => ("2", "起業", "創業期"),
        "人材確保" => ("3", "雇用", "創業期"),
        "人材育成" => ("4", "人材育成", "創業期"),
        "知的財産" => ("5", "知的財産管理", "創業期"),
        "設備投資" => ("7", "設備投資", "成長期・成熟期"),
        "研究開発" => ("8", "研究開発", "成長期・成熟期"),
        "販路拡大" => ("9", "販路開拓", "成長期・成熟期"),
        "海外展開" => ("10", "海外展開", "成長期・成熟期"),
        "働き方・福利厚生" => ("12", "社会保障・福利厚生", "成長期・成熟期"),
        "省エネ・環境" => ("13", "環境・省エネ", "成長期・成熟期"),
        "事業承継" => ("15", "事業承継", "転換期"),
        "商店街" => ("17", "商業・地域・団体支援", "商業・地域・団体支援"),
        _ => return None,
    })
}

/// The open data's service category for a kind of scheme.
fn service_category(s: &Scheme) -> serde_json::Value {
    let (id, name, subs): (&str, &str, &[(&str, &str)]) = match s.kind {
        Kind::Subsidy => ("3", "給付 ・補助金", &[("13", "補助金")]),
        Kind::Grant => ("3", "給付 ・補助金", &[("11", "給付・助成")]),
        Kind::LoanMediation => ("1", "金融", &[("2", "貸付(融資）"), ("5", "信用保証")]),
        Kind::Loan => ("1", "金融", &[("2", "貸付(融資）")]),
        Kind::InterestSubsidy => ("1", "金融", &[("3", "減免・猶予")]),
        Kind::Consultation => ("5", "サービス", &[("20", "情報提供・相談")]),
        Kind::ExpertDispatch => ("5", "サービス", &[("18", "専門家派遣")]),
        Kind::Seminar => ("5", "サービス", &[("19", "セミナー、研修・イベント")]),
        Kind::Tax => ("2", "税制", &[("10", "税制その他")]),
        Kind::Certification => ("4", "許認可", &[("17", "許認可その他")]),
    };
    let subs: Vec<serde_json::Value> = subs
        .iter()
        .map(|(id, name)| json!({"id": id, "name": name}))
        .collect();
    json!([{"id": id, "name": name, "sub_categories": subs}])
}

/// The open data's industry category for a jGrants industry (ids and letters follow 日本標準
/// 産業分類's order; the open data writes the comma full-width).
fn industry_categories(s: &Scheme) -> serde_json::Value {
    let list: Vec<serde_json::Value> = s
        .industries
        .iter()
        .filter_map(|i| {
            let index = INDUSTRIES.iter().position(|x| x == i)?;
            let letter = char::from(b'A' + index as u8).to_string();
            Some(json!({"id": (index + 1).to_string(), "name": i.replace('、', "，"), "number": letter, "sub_categories": []}))
        })
        .collect();
    serde_json::Value::Array(list)
}

/// The round to publish: the one open on `today`, else the next, else the last.
pub fn round_on(s: &Scheme, today: NaiveDate) -> Option<&Round> {
    let rounds = &s.window.rounds;
    rounds
        .iter()
        .filter(|r| r.closes >= today)
        .min_by_key(|r| r.opens)
        .or_else(|| rounds.iter().max_by_key(|r| r.closes))
}

fn text(v: serde_json::Value) -> String {
    v.to_string()
}

/// One scheme as the open data's 44 fields.
pub fn row(s: &Scheme, today: NaiveDate) -> [String; 44] {
    let stamp = format!("{}T00:00:00Z", s.as_of);
    let tokyo = json!([{"id": "13", "name": "東京都", "region_name": "関東・甲信越地方"}]);
    let prefectures = match s.level {
        Level::National => json!([]),
        _ => tokyo,
    };
    let purposes: Vec<serde_json::Value> = s
        .purposes
        .iter()
        .filter_map(|p| purpose_category(p))
        .map(|(id, name)| json!({"id": id, "name": name}))
        .collect();
    let stages: Vec<serde_json::Value> = s
        .purposes
        .iter()
        .filter_map(|p| stage_category(p))
        .map(|(id, name, remarks)| json!({"id": id, "name": name, "remarks": remarks}))
        .collect();
    let target = rules_ja(s)
        .iter()
        .map(|l| format!("・{l}"))
        .collect::<Vec<_>>()
        .join("\n");
    let body = match s.amount_text() {
        Some(amount) => format!("{}\n\n{AMOUNT_HEADING}\n{amount}", s.details.trim_end()),
        None => s.details.trim_end().to_string(),
    };
    let round = round_on(s, today);
    let remarks = match (s.window.kind, round) {
        (crate::domain::scheme::WindowKind::Annual, _) => "例年募集（時期未発表）".to_string(),
        (_, Some(r)) => r.label.clone(),
        _ => "通年受付".to_string(),
    };
    [
        s.id.clone(),
        "[]".into(),
        "[]".into(),
        s.as_of.to_string(),
        String::new(),
        "日本語".into(),
        text(json!({"created_at": stamp, "last_modified_at": stamp})),
        "false".into(),
        s.title.clone(),
        s.aliases.first().cloned().unwrap_or_default(),
        text(json!([{"name": s.provider}])),
        String::new(),
        "[]".into(),
        target,
        text(prefectures),
        s.summary.clone(),
        body,
        s.how_to_apply.clone(),
        round.map(|r| r.opens.to_string()).unwrap_or_default(),
        round.map(|r| r.closes.to_string()).unwrap_or_default(),
        "[]".into(),
        s.contact.clone(),
        text(industry_categories(s)),
        text(serde_json::Value::Array(stages)),
        text(service_category(s)),
        text(serde_json::Value::Array(purposes)),
        "[]".into(),
        "[]".into(),
        "[]".into(),
        "[]".into(),
        text(json!(s.aliases.iter().skip(1).collect::<Vec<_>>())),
        String::new(),
        s.provider.clone(),
        String::new(),
        if s.level == Level::Ward {
            "港区".into()
        } else {
            String::new()
        },
        remarks,
        String::new(),
        s.source_url.clone(),
        String::new(),
        String::new(),
        String::new(),
        String::new(),
        s.eligibility
            .max_employees
            .map(|n| n.to_string())
            .unwrap_or_default(),
        String::new(),
    ]
}

/// Writes the CSV: a byte-order mark, the header, one row per scheme, LF line ends.
pub fn write_csv(
    schemes: &[&Scheme],
    today: NaiveDate,
    out: &mut impl Write,
) -> std::io::Result<()> {
    out.write_all("\u{feff}".as_bytes())?;
    let mut writer = csv::WriterBuilder::new()
        .terminator(csv::Terminator::Any(b'\n'))
        .from_writer(out);
    writer.write_record(HEADER)?;
    for s in schemes {
        writer.write_record(row(s, today))?;
    }
    writer.flush()?;
    Ok(())
}

/// Writes the CSV to `file` (or standard output for `-`).
pub fn export(schemes: &[&Scheme], today: NaiveDate, file: &Path) -> Result<()> {
    if file.as_os_str() == "-" {
        let stdout = std::io::stdout();
        return write_csv(schemes, today, &mut stdout.lock())
            .map_err(|e| InteropError::io(file, e));
    }
    if let Some(dir) = file.parent().filter(|d| !d.as_os_str().is_empty()) {
        std::fs::create_dir_all(dir).map_err(|e| InteropError::io(file, e))?;
    }
    let mut bytes = Vec::new();
    write_csv(schemes, today, &mut bytes).map_err(|e| InteropError::io(file, e))?;
    std::fs::write(file, bytes).map_err(|e| InteropError::io(file, e))
}

/// What the open data carries of a scheme, as `shien import mirasapo` reads it back: the
/// round-trip tests compare these before and after.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Facts {
    pub id: String,
    pub title: String,
    /// The importer keeps the subtitle and five keywords.
    pub aliases: Vec<String>,
    pub level: Level,
    pub location: Area,
    pub provider: String,
    pub kind: Kind,
    pub summary: String,
    pub details: String,
    pub amount: Option<String>,
    pub purposes: BTreeSet<String>,
    pub industries: Vec<String>,
    pub max_employees: Option<u32>,
    pub admits_pre_founders: bool,
    pub window: Option<(NaiveDate, NaiveDate)>,
    pub how_to_apply: String,
    pub contact: String,
    pub source_url: String,
    pub as_of: NaiveDate,
}

impl Facts {
    /// The facts of `s`, with `id_prefix` taken off its id (imports prefix theirs).
    pub fn of(s: &Scheme, today: NaiveDate, id_prefix: &str) -> Facts {
        Facts {
            id: s.id.strip_prefix(id_prefix).unwrap_or(&s.id).to_string(),
            title: s.title.clone(),
            aliases: s.aliases.iter().take(6).cloned().collect(),
            level: s.level,
            location: s.eligibility.location,
            provider: s.provider.clone(),
            kind: s.kind,
            summary: s.summary.clone(),
            details: s.details.trim().to_string(),
            amount: s.amount_text(),
            purposes: s.purposes.iter().cloned().collect(),
            industries: s.industries.clone(),
            max_employees: s.eligibility.max_employees,
            admits_pre_founders: s.eligibility.pre_founding != PreFounding::No,
            window: round_on(s, today).map(|r| (r.opens, r.closes)),
            how_to_apply: s.how_to_apply.clone(),
            contact: s.contact.clone(),
            source_url: s.source_url.clone(),
            as_of: s.as_of,
        }
    }
}
