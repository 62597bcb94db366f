//! When a scheme takes applications: always, every year, or in dated rounds.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum WindowKind {
    Always,
    Rounds,
    Annual,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct Round {
    pub label: String,
    #[serde(deserialize_with = "crate::domain::date::de")]
    pub opens: NaiveDate,
    #[serde(deserialize_with = "crate::domain::date::de")]
    pub closes: NaiveDate,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct Window {
    pub kind: WindowKind,
    #[serde(default)]
    pub rounds: Vec<Round>,
}

/// Where a scheme's application window stands on a given day.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, PartialOrd, Ord, utoipa::ToSchema,
)]
#[serde(rename_all = "snake_case")]
pub enum WindowStatus {
    /// A round is accepting applications today.
    Open,
    /// Accepted all year round.
    Always,
    /// A dated round starts later.
    Upcoming,
    /// Runs every year, but this year's dates are not announced yet.
    Unannounced,
    /// Every known round has closed.
    Closed,
}

impl WindowStatus {
    pub fn as_str(self) -> &'static str {
        match self {
            WindowStatus::Open => "open",
            WindowStatus::Always => "always",
            WindowStatus::Upcoming => "upcoming",
            WindowStatus::Unannounced => "unannounced",
            WindowStatus::Closed => "closed",
        }
    }

    pub fn label_ja(self) -> &'static str {
        match self {
            WindowStatus::Open => "受付中",
            WindowStatus::Always => "通年受付",
            WindowStatus::Upcoming => "受付予定",
            WindowStatus::Unannounced => "例年募集（時期未発表）",
            WindowStatus::Closed => "受付終了",
        }
    }
}

impl Window {
    pub fn status_on(&self, today: NaiveDate) -> WindowStatus {
        match self.kind {
            WindowKind::Always => WindowStatus::Always,
            WindowKind::Annual => WindowStatus::Unannounced,
            WindowKind::Rounds => {
                if self
                    .rounds
                    .iter()
                    .any(|r| r.opens <= today && today <= r.closes)
                {
                    WindowStatus::Open
                } else if self.rounds.iter().any(|r| r.opens > today) {
                    WindowStatus::Upcoming
                } else {
                    WindowStatus::Closed
                }
            }
        }
    }

    /// The closing date of the round open today, or else of the next round.
    pub fn deadline_on(&self, today: NaiveDate) -> Option<NaiveDate> {
        let mut rounds: Vec<&Round> = self.rounds.iter().filter(|r| r.closes >= today).collect();
        rounds.sort_by_key(|r| r.closes);
        rounds.first().map(|r| r.closes)
    }
}
