//! The corpus model: what a support scheme is, in the ward's terms.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

mod amount;
mod kinds;
mod prerequisite;
mod rules;
mod situation;
#[cfg(test)]
mod tests;
mod window;

pub use amount::{Amount, yen_en, yen_ja};
pub use kinds::*;
pub use prerequisite::Prerequisite;
pub use rules::*;
pub use situation::Situation;
pub use window::*;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct Scheme {
    pub id: String,
    pub title: String,
    #[serde(default)]
    pub aliases: Vec<String>,
    pub level: Level,
    pub provider: String,
    pub kind: Kind,
    pub summary: String,
    pub details: String,
    pub purposes: Vec<String>,
    pub industries: Vec<String>,
    pub how_to_apply: String,
    pub contact: String,
    pub source_url: String,
    #[serde(deserialize_with = "crate::domain::date::de")]
    pub as_of: NaiveDate,
    #[serde(default)]
    pub related: Vec<String>,
    #[serde(default)]
    pub not_combinable_with: Vec<String>,
    #[serde(default)]
    pub notes: Option<String>,
    pub eligibility: EligibilityRules,
    #[serde(default)]
    pub amount: Option<Amount>,
    pub window: Window,
}

impl Scheme {
    pub fn serves_industry(&self, industry: &str) -> bool {
        self.industries
            .iter()
            .any(|i| i == ALL_INDUSTRIES || i == industry)
    }

    pub fn amount_text(&self) -> Option<String> {
        let a = self.amount.as_ref()?;
        if let Some(t) = &a.text {
            return Some(t.clone());
        }
        match (a.max_yen, &a.rate) {
            (Some(m), Some(r)) => Some(format!("上限{}、{}", yen_ja(m), r)),
            (Some(m), None) => Some(format!("上限{}", yen_ja(m))),
            (None, Some(r)) => Some(r.clone()),
            (None, None) => None,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct Faq {
    pub id: String,
    pub question: String,
    pub answer: String,
    pub scheme_ids: Vec<String>,
    pub source_url: String,
    #[serde(deserialize_with = "crate::domain::date::de")]
    pub as_of: NaiveDate,
}
