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
            // A yearly programme's listed rounds are the ones it has held or announced: once
            // they are over, the next is unannounced, not the programme closed.
            WindowKind::Annual => self
                .round_status(today)
                .unwrap_or(WindowStatus::Unannounced),
            WindowKind::Rounds => self.round_status(today).unwrap_or(WindowStatus::Closed),
        }
    }

    /// Open or upcoming by a listed round, `None` when every listed round is over.
    fn round_status(&self, today: NaiveDate) -> Option<WindowStatus> {
        if self
            .rounds
            .iter()
            .any(|r| r.opens <= today && today <= r.closes)
        {
            Some(WindowStatus::Open)
        } else if self.rounds.iter().any(|r| r.opens > today) {
            Some(WindowStatus::Upcoming)
        } else {
            None
        }
    }

    /// The closing date of the round open today, or else of the next round.
    pub fn deadline_on(&self, today: NaiveDate) -> Option<NaiveDate> {
        let mut rounds: Vec<&Round> = self.rounds.iter().filter(|r| r.closes >= today).collect();
        rounds.sort_by_key(|r| r.closes);
        rounds.first().map(|r| r.closes)
    }
}
