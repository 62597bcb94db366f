//! Report months and Tokyo calendar days.

use std::fmt;

use chrono::{DateTime, Datelike, Duration, FixedOffset, NaiveDate, Utc};

/// The Japanese calendar day of an instant.
pub fn tokyo_date(t: DateTime<Utc>) -> NaiveDate {
    t.with_timezone(&FixedOffset::east_opt(9 * 3600).expect("valid offset"))
        .date_naive()
}

/// A calendar month, as staff ask for it (`2026-10`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct ReportMonth {
    year: i32,
    month: u32,
}

/// Why a month could not be read.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum MonthError {
    #[error("「{given}」は読めません。YYYY-MM の形式（例：2026-10）で指定してください。")]
    Format { given: String },
    #[error("{year}年は対象外です。2000年から2099年までの月を指定してください。")]
    Year { year: i32 },
}

impl ReportMonth {
    /// Reads `YYYY-MM` (a month 01–12, a year 2000–2099); surrounding spaces are ignored.
    pub fn parse(text: &str) -> Result<ReportMonth, MonthError> {
        let text = text.trim();
        let format = || MonthError::Format {
            given: text.chars().take(20).collect(),
        };
        let (y, m) = text.split_once('-').ok_or_else(format)?;
        if y.len() != 4 || m.len() != 2 || !(y.bytes().chain(m.bytes())).all(|b| b.is_ascii_digit())
        {
            return Err(format());
        }
        let year: i32 = y.parse().map_err(|_| format())?;
        let month: u32 = m.parse().map_err(|_| format())?;
        if !(1..=12).contains(&month) {
            return Err(format());
        }
        if !(2000..=2099).contains(&year) {
            return Err(MonthError::Year { year });
        }
        Ok(ReportMonth { year, month })
    }

    /// The month a day falls in.
    pub fn containing(day: NaiveDate) -> ReportMonth {
        ReportMonth {
            year: day.year(),
            month: day.month(),
        }
    }

    pub fn previous(self) -> ReportMonth {
        if self.month == 1 {
            ReportMonth {
                year: self.year - 1,
                month: 12,
            }
        } else {
            ReportMonth {
                year: self.year,
                month: self.month - 1,
            }
        }
    }

    pub fn next(self) -> ReportMonth {
        if self.month == 12 {
            ReportMonth {
                year: self.year + 1,
                month: 1,
            }
        } else {
            ReportMonth {
                year: self.year,
                month: self.month + 1,
            }
        }
    }

    pub fn first_day(self) -> NaiveDate {
        NaiveDate::from_ymd_opt(self.year, self.month, 1).expect("a validated month")
    }

    pub fn last_day(self) -> NaiveDate {
        self.next().first_day() - Duration::days(1)
    }

    /// Every day of the month, in order.
    pub fn days(self) -> Vec<NaiveDate> {
        self.first_day()
            .iter_days()
            .take_while(|d| *d <= self.last_day())
            .collect()
    }

    pub fn contains(self, day: NaiveDate) -> bool {
        ReportMonth::containing(day) == self
    }

    /// "2026年10月".
    pub fn label_ja(self) -> String {
        format!("{}年{}月", self.year, self.month)
    }
}

impl fmt::Display for ReportMonth {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}", self.year, self.month)
    }
}
