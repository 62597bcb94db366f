//! The ward's schemes as jGrants detail records.

use std::path::Path;

use chrono::NaiveDate;
use serde_json::{Value, json};

use super::{
    AMOUNT, CONTACT, HOW, SEPARATOR, TARGET, employee_bucket, end_of, is_listed_kind, start_of,
    use_purposes,
};
use crate::domain::eligibility::rules_ja;
use crate::domain::scheme::{INDUSTRIES, Level, Scheme};
use crate::interop::mirasapo::round_on;
use crate::interop::{InteropError, Result};

fn escape(text: &str) -> String {
    html_escape::encode_text(text.trim()).replace('\n', "<br>")
}

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
