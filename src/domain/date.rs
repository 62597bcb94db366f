//! Dates in the corpus are written as TOML dates (`as_of = 2026-11-21`); JSON and imported
//! bundles carry them as "YYYY-MM-DD" strings. Both read into `NaiveDate`.

use chrono::NaiveDate;
use serde::{Deserialize, Deserializer, de::Error};

pub fn de<'de, D: Deserializer<'de>>(d: D) -> Result<NaiveDate, D::Error> {
    let text = match toml::Value::deserialize(d)? {
        toml::Value::Datetime(dt) => {
            if dt.time.is_some() || dt.offset.is_some() {
                return Err(D::Error::custom(format!(
                    "expected a date without time, got {dt}"
                )));
            }
            dt.to_string()
        }
        toml::Value::String(s) => s,
        other => {
            return Err(D::Error::custom(format!(
                "expected a date (YYYY-MM-DD), got {}",
                other.type_str()
            )));
        }
    };
    NaiveDate::parse_from_str(&text, "%Y-%m-%d")
        .map_err(|e| D::Error::custom(format!("invalid date {text:?}: {e}")))
}
