//! English formatting of the facts' values: amounts in millions with the exact figure, dates,
//! rates where they read plainly, round names and desk hours. The sentences themselves are in
//! the English message catalog; the application layer calls these to fill them.

use chrono::NaiveDate;

use crate::domain::consultants::{Desk, DeskDay};
use crate::domain::scheme::yen_en;

/// 29 May 2026.
pub fn date_en(d: NaiveDate) -> String {
    d.format("%-d %B %Y").to_string()
}

/// 2500000 → "2.5 million yen (¥2,500,000)"; below a million, "¥400,000".
pub fn yen_words(yen: u64) -> String {
    if yen >= 1_000_000 {
        let millions = format!("{:.2}", yen as f64 / 1_000_000.0);
        let millions = millions.trim_end_matches('0').trim_end_matches('.');
        format!("{millions} million yen ({})", yen_en(yen))
    } else {
        yen_en(yen)
    }
}

/// A published rate in English where it reads plainly ("2/3以内" → "up to 2/3",
/// "3分の2" → "2/3"), else `None` (the Japanese is quoted instead).
pub fn rate_words(rate: &str) -> Option<String> {
    let mut r = rate.trim().to_string();
    let up_to = r.ends_with("以内") || r.ends_with("以下");
    r = r
        .trim_end_matches("以内")
        .trim_end_matches("以下")
        .to_string();
    if let Some((den, num)) = r.split_once("分の")
        && den.chars().all(|c| c.is_ascii_digit())
        && num.chars().all(|c| c.is_ascii_digit())
    {
        r = format!("{num}/{den}");
    }
    r = r.replace('％', "%");
    if !r.is_ascii() || r.is_empty() {
        return None;
    }
    Some(if up_to { format!("up to {r}") } else { r })
}

/// "第22次公募" → "Round 22"; a label without a number stays as it is.
pub fn round_name(label: &str) -> String {
    let digits: String = label.chars().filter(|c| c.is_ascii_digit()).collect();
    if digits.is_empty() {
        "Round".to_string()
    } else {
        format!("Round {digits}")
    }
}

fn day_en(d: DeskDay) -> &'static str {
    match d {
        DeskDay::Mon => "Mondays",
        DeskDay::Tue => "Tuesdays",
        DeskDay::Wed => "Wednesdays",
        DeskDay::Thu => "Thursdays",
        DeskDay::Fri => "Fridays",
    }
}

/// "Wednesdays, 13:00–16:00", with a caveat when the times are stand-ins.
pub fn schedule_en(desk: &Desk) -> String {
    let days: Vec<&str> = desk.weekdays.iter().map(|d| day_en(*d)).collect();
    let caveat = if desk.hours_confirmed {
        ""
    } else {
        " (times not yet confirmed: please check when you book)"
    };
    format!(
        "{}, {}–{}{caveat}",
        days.join(", "),
        desk.opens,
        desk.closes
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn yen_reads_in_millions_with_the_exact_figure() {
        assert_eq!(yen_words(2_500_000), "2.5 million yen (¥2,500,000)");
        assert_eq!(yen_words(15_000_000), "15 million yen (¥15,000,000)");
        assert_eq!(yen_words(400_000), "¥400,000");
    }

    #[test]
    fn plain_rates_are_written_in_english_and_others_are_left_to_the_japanese() {
        assert_eq!(rate_words("2/3以内").as_deref(), Some("up to 2/3"));
        assert_eq!(rate_words("3分の2").as_deref(), Some("2/3"));
        assert_eq!(rate_words("0.1%").as_deref(), Some("0.1%"));
        assert_eq!(rate_words("原則1/2（小規模は2/3）"), None);
    }

    #[test]
    fn dates_and_rounds_read_in_english() {
        let d = NaiveDate::from_ymd_opt(2026, 5, 29).unwrap();
        assert_eq!(date_en(d), "29 May 2026");
        assert_eq!(round_name("第22次公募"), "Round 22");
    }
}
