//! Human consultation desks that the chatbot and the recommender hand callers to.

use chrono::{NaiveDate, NaiveTime, Weekday};
use serde::{Deserialize, Serialize};

/// What kind of expert a caller needs.
#[derive(
    Debug,
    Clone,
    Copy,
    PartialEq,
    Eq,
    Hash,
    Serialize,
    Deserialize,
    PartialOrd,
    Ord,
    utoipa::ToSchema,
)]
pub enum ConsultCategory {
    #[serde(rename = "経営")]
    Management,
    #[serde(rename = "融資")]
    Financing,
    #[serde(rename = "労務")]
    Labour,
    #[serde(rename = "法務")]
    Legal,
    #[serde(rename = "知財")]
    IntellectualProperty,
    #[serde(rename = "税務")]
    Tax,
    #[serde(rename = "創業")]
    Founding,
}

impl ConsultCategory {
    pub const ALL: [ConsultCategory; 7] = [
        ConsultCategory::Management,
        ConsultCategory::Financing,
        ConsultCategory::Labour,
        ConsultCategory::Legal,
        ConsultCategory::IntellectualProperty,
        ConsultCategory::Tax,
        ConsultCategory::Founding,
    ];

    pub fn label_ja(self) -> &'static str {
        match self {
            ConsultCategory::Management => "経営",
            ConsultCategory::Financing => "融資",
            ConsultCategory::Labour => "労務",
            ConsultCategory::Legal => "法務",
            ConsultCategory::IntellectualProperty => "知財",
            ConsultCategory::Tax => "税務",
            ConsultCategory::Founding => "創業",
        }
    }

    pub fn parse(s: &str) -> Option<ConsultCategory> {
        ConsultCategory::ALL.into_iter().find(|c| c.label_ja() == s)
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "lowercase")]
pub enum DeskDay {
    Mon,
    Tue,
    Wed,
    Thu,
    Fri,
}

impl DeskDay {
    pub fn weekday(self) -> Weekday {
        match self {
            DeskDay::Mon => Weekday::Mon,
            DeskDay::Tue => Weekday::Tue,
            DeskDay::Wed => Weekday::Wed,
            DeskDay::Thu => Weekday::Thu,
            DeskDay::Fri => Weekday::Fri,
        }
    }

    pub fn label_ja(self) -> &'static str {
        match self {
            DeskDay::Mon => "月",
            DeskDay::Tue => "火",
            DeskDay::Wed => "水",
            DeskDay::Thu => "木",
            DeskDay::Fri => "金",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct Desk {
    pub id: String,
    pub name: String,
    pub categories: Vec<ConsultCategory>,
    pub staff: String,
    pub weekdays: Vec<DeskDay>,
    /// "HH:MM", local time (JST).
    pub opens: String,
    pub closes: String,
    /// False when `opens`/`closes` are stand-ins (the published pages give no times): the
    /// schedule then says so wherever it is shown.
    #[serde(default = "confirmed")]
    pub hours_confirmed: bool,
    pub how_to_book: String,
    #[serde(default)]
    pub phone: Option<String>,
    #[serde(default)]
    pub url: Option<String>,
    #[serde(default)]
    pub scheme_id: Option<String>,
    pub source_url: String,
    #[serde(deserialize_with = "crate::domain::date::de")]
    pub as_of: NaiveDate,
    /// For the officers who keep this file: which facts are unconfirmed and where they come from.
    #[serde(default)]
    pub notes: Option<String>,
}

impl Desk {
    pub fn hours(&self) -> Option<(NaiveTime, NaiveTime)> {
        let opens = NaiveTime::parse_from_str(&self.opens, "%H:%M").ok()?;
        let closes = NaiveTime::parse_from_str(&self.closes, "%H:%M").ok()?;
        Some((opens, closes))
    }

    pub fn schedule_problems(&self) -> Vec<String> {
        match self.hours() {
            None => vec![format!(
                "opens {:?} / closes {:?} must be HH:MM",
                self.opens, self.closes
            )],
            Some((o, c)) if o >= c => vec![format!(
                "opens {} is not before closes {}",
                self.opens, self.closes
            )],
            Some(_) => vec![],
        }
    }

    pub fn staffed_on(&self, day: Weekday) -> bool {
        self.weekdays.iter().any(|d| d.weekday() == day)
    }

    pub fn schedule_ja(&self) -> String {
        let days: Vec<&str> = self.weekdays.iter().map(|d| d.label_ja()).collect();
        let caveat = if self.hours_confirmed {
            ""
        } else {
            "（時刻は未確認の目安です。予約時にご確認ください）"
        };
        format!(
            "{}曜 {}〜{}{caveat}",
            days.join("・"),
            self.opens,
            self.closes
        )
    }
}

fn confirmed() -> bool {
    true
}
