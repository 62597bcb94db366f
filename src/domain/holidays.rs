//! Japan's national holidays computed from the law (国民の祝日に関する法律), for any year from
//! 1949 on: fixed days, the Happy Monday days, the equinox days, the one-off days the Diet set
//! by special acts, 振替休日 and 国民の休日. Pure date arithmetic: no table that runs out.
//!
//! Checked day by day against the Cabinet Office list (`tests/fixtures/syukujitsu.csv`,
//! 1955–2027). What the rule cannot know: the equinox days are fixed each February for the next
//! year by the National Astronomical Observatory's ephemeris, and the standard formula used
//! here matches it from 1900 to 2150 (beyond that it is extrapolated); and a future amendment
//! or one-off day (a coronation, an Olympic year) must be added to [`special_day`] or the
//! yearly rules when the Diet passes it.

use chrono::{Datelike, Duration, NaiveDate, Weekday};

/// Substitute holiday (振替休日), as the Cabinet Office names it in its list: 休日.
pub const SUBSTITUTE: &str = "休日（振替休日）";
/// Citizens' holiday (国民の休日): a weekday between two national holidays.
pub const CITIZENS: &str = "休日（国民の休日）";

/// One holiday: the date and its name.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Holiday {
    pub date: NaiveDate,
    pub name: &'static str,
}

/// Every national holiday and other public holiday (休日) of `year`, in date order. Empty
/// before 1949, the first full year of the law.
pub fn holidays_in(year: i32) -> Vec<Holiday> {
    let mut days = national_holidays(year);
    // 振替休日 (since 1973-04-12): a national holiday on a Sunday moves the rest day to the
    // next day that is not itself a national holiday (before 2007 always the Monday, which
    // the same rule gives, since no two national holidays were then consecutive).
    let substitute_from = ymd(1973, 4, 12);
    let mut substitutes = Vec::new();
    for h in &days {
        if h.date.weekday() == Weekday::Sun && h.date >= substitute_from {
            let mut d = h.date + Duration::days(1);
            while days.iter().any(|x| x.date == d) {
                d += Duration::days(1);
            }
            substitutes.push(Holiday {
                date: d,
                name: SUBSTITUTE,
            });
        }
    }
    // 国民の休日 (since 1985-12-27): a day whose day before and day after are both national
    // holidays is a holiday, unless it is a Sunday, a national holiday or a substitute day.
    let citizens_from = ymd(1985, 12, 27);
    let mut citizens = Vec::new();
    for h in &days {
        let d = h.date + Duration::days(1);
        let next = d + Duration::days(1);
        if d >= citizens_from
            && d.weekday() != Weekday::Sun
            && days.iter().any(|x| x.date == next)
            && !days.iter().any(|x| x.date == d)
            && !substitutes.iter().any(|x| x.date == d)
        {
            citizens.push(Holiday {
                date: d,
                name: CITIZENS,
            });
        }
    }
    days.extend(substitutes);
    days.extend(citizens);
    days.sort_by_key(|h| h.date);
    days
}

/// The holiday's name when `date` is a national or public holiday.
pub fn holiday_on(date: NaiveDate) -> Option<&'static str> {
    holidays_in(date.year())
        .into_iter()
        .find(|h| h.date == date)
        .map(|h| h.name)
}

/// The national holidays proper (国民の祝日, article 2 and the special acts), without the
/// substitute and citizens' holidays derived from them.
fn national_holidays(year: i32) -> Vec<Holiday> {
    if year < 1949 {
        return Vec::new();
    }
    let mut days: Vec<Holiday> = Vec::new();
    let mut add = |date: Option<NaiveDate>, name: &'static str| {
        if let Some(date) = date {
            days.push(Holiday { date, name });
        }
    };
    let day = |m: u32, d: u32| NaiveDate::from_ymd_opt(year, m, d);
    let monday = |m: u32, n: u8| NaiveDate::from_weekday_of_month_opt(year, m, Weekday::Mon, n);

    add(day(1, 1), "元日");
    add(
        if year >= 2000 {
            monday(1, 2)
        } else {
            day(1, 15)
        },
        "成人の日",
    );
    if year >= 1967 {
        add(day(2, 11), "建国記念の日");
    }
    match year {
        ..=1988 => add(day(4, 29), "天皇誕生日"),
        1989..=2018 => add(day(12, 23), "天皇誕生日"),
        2019 => {}
        2020.. => add(day(2, 23), "天皇誕生日"),
    }
    add(vernal_equinox(year), "春分の日");
    match year {
        ..=1988 => {}
        1989..=2006 => add(day(4, 29), "みどりの日"),
        2007.. => {
            add(day(4, 29), "昭和の日");
            add(day(5, 4), "みどりの日");
        }
    }
    add(day(5, 3), "憲法記念日");
    add(day(5, 5), "こどもの日");
    match year {
        ..=1995 => {}
        1996..=2002 => add(day(7, 20), "海の日"),
        2020 => add(day(7, 23), "海の日"),
        2021 => add(day(7, 22), "海の日"),
        _ => add(monday(7, 3), "海の日"),
    }
    match year {
        ..=2015 => {}
        2020 => add(day(8, 10), "山の日"),
        2021 => add(day(8, 8), "山の日"),
        _ => add(day(8, 11), "山の日"),
    }
    match year {
        ..=1965 => {}
        1966..=2002 => add(day(9, 15), "敬老の日"),
        2003.. => add(monday(9, 3), "敬老の日"),
    }
    add(autumnal_equinox(year), "秋分の日");
    match year {
        ..=1965 => {}
        1966..=1999 => add(day(10, 10), "体育の日"),
        2000..=2019 => add(monday(10, 2), "体育の日"),
        2020 => add(day(7, 24), "スポーツの日"),
        2021 => add(day(7, 23), "スポーツの日"),
        2022.. => add(monday(10, 2), "スポーツの日"),
    }
    add(day(11, 3), "文化の日");
    add(day(11, 23), "勤労感謝の日");
    for (date, name) in SPECIAL_DAYS {
        if date.0 == year {
            add(day(date.1, date.2), name);
        }
    }
    days.sort_by_key(|h| h.date);
    days
}

/// One-off holidays set by special acts, treated as national holidays (so they can create
/// substitute and citizens' holidays); names as the Cabinet Office lists them.
const SPECIAL_DAYS: [((i32, u32, u32), &str); 6] = [
    // 皇太子明仁親王の結婚の儀の行われる日を休日とする法律
    ((1959, 4, 10), "結婚の儀"),
    // 昭和天皇の大喪の礼の行われる日を休日とする法律
    ((1989, 2, 24), "大喪の礼"),
    // 即位礼正殿の儀の行われる日を休日とする法律
    ((1990, 11, 12), "即位礼正殿の儀"),
    // 皇太子徳仁親王の結婚の儀の行われる日を休日とする法律
    ((1993, 6, 9), "結婚の儀"),
    // 天皇の即位の日及び即位礼正殿の儀の行われる日を休日とする法律 (平成30年法律第99号)
    ((2019, 5, 1), "休日（祝日扱い）"),
    ((2019, 10, 22), "休日（祝日扱い）"),
];

/// Whether `date` is one of the special-act days (for tests and the staff console).
pub fn special_day(date: NaiveDate) -> Option<&'static str> {
    SPECIAL_DAYS
        .iter()
        .find(|((y, m, d), _)| (date.year(), date.month(), date.day()) == (*y, *m, *d))
        .map(|(_, name)| *name)
}

/// 春分の日 by the standard approximation of the equinox (valid 1900–2150).
pub fn vernal_equinox(year: i32) -> Option<NaiveDate> {
    let base = match year {
        ..=1979 => 20.8357,
        1980..=2099 => 20.8431,
        2100.. => 21.8510,
    };
    NaiveDate::from_ymd_opt(year, 3, equinox_day(year, base))
}

/// 秋分の日 by the standard approximation of the equinox (valid 1900–2150).
pub fn autumnal_equinox(year: i32) -> Option<NaiveDate> {
    let base = match year {
        ..=1979 => 23.2588,
        1980..=2099 => 23.2488,
        2100.. => 24.2488,
    };
    NaiveDate::from_ymd_opt(year, 9, equinox_day(year, base))
}

/// day = floor(base + 0.242194 × (year − 1980) − int((year − leap_base) / 4)), where the
/// leap-year correction counts from 1983 before 1980 and from 1980 after, and `int` truncates
/// toward zero as the published formula does (flooring instead puts 1956's 春分 on 3/22, a
/// day late).
fn equinox_day(year: i32, base: f64) -> u32 {
    let leap_base = if year <= 1979 { 1983 } else { 1980 };
    let leaps = (year - leap_base) / 4;
    (base + 0.242194 * f64::from(year - 1980) - f64::from(leaps)).floor() as u32
}

fn ymd(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).expect("valid date")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    /// The Cabinet Office list, `YYYY/M/D,name` after a header line.
    fn cabinet_office_list() -> Vec<(NaiveDate, String)> {
        include_str!("../../tests/fixtures/syukujitsu.csv")
            .lines()
            .filter(|l| !l.starts_with('#') && !l.starts_with("国民の祝日"))
            .filter(|l| !l.trim().is_empty())
            .map(|l| {
                let (d, name) = l.split_once(',').expect("date,name");
                let parts: Vec<u32> = d.split('/').map(|p| p.parse().unwrap()).collect();
                (
                    ymd(parts[0] as i32, parts[1], parts[2]),
                    name.trim().to_string(),
                )
            })
            .collect()
    }

    /// The Cabinet Office calls substitute and citizens' holidays both plain 休日, and gave
    /// 2019's 体育の日 its future name in brackets.
    fn as_listed(name: &str) -> &str {
        match name {
            SUBSTITUTE | CITIZENS => "休日",
            other => other,
        }
    }

    #[test]
    fn every_year_of_the_cabinet_office_list_matches_the_rule_day_by_day() {
        let listed = cabinet_office_list();
        let first = listed.first().unwrap().0.year();
        let last = listed.last().unwrap().0.year();
        assert_eq!((first, last), (1955, 2027), "the fixture's span");
        for year in first..=last {
            let want: Vec<(NaiveDate, &str)> = listed
                .iter()
                .filter(|(d, _)| d.year() == year)
                .map(|(d, n)| {
                    let n = if n == "体育の日（スポーツの日）" {
                        "体育の日"
                    } else {
                        n.as_str()
                    };
                    (*d, n)
                })
                .collect();
            let got: Vec<(NaiveDate, &str)> = holidays_in(year)
                .iter()
                .map(|h| (h.date, as_listed(h.name)))
                .collect();
            assert_eq!(got, want, "{year}");
        }
    }

    #[test]
    fn the_reiwa_transition_and_the_olympic_years_follow_their_special_acts() {
        // 2019: no 天皇誕生日; 4/30 and 5/2 are citizens' holidays around the enthronement.
        assert_eq!(holiday_on(date("2019-12-23")), None);
        assert_eq!(holiday_on(date("2019-04-30")), Some(CITIZENS));
        assert_eq!(holiday_on(date("2019-05-01")), Some("休日（祝日扱い）"));
        assert_eq!(holiday_on(date("2019-05-02")), Some(CITIZENS));
        assert_eq!(holiday_on(date("2019-10-22")), Some("休日（祝日扱い）"));
        assert_eq!(special_day(date("2019-10-22")), Some("休日（祝日扱い）"));
        // 2020 and 2021: 海の日, スポーツの日 and 山の日 moved for the Games.
        assert_eq!(holiday_on(date("2020-07-24")), Some("スポーツの日"));
        assert_eq!(holiday_on(date("2020-10-12")), None);
        assert_eq!(holiday_on(date("2021-08-08")), Some("山の日"));
        assert_eq!(holiday_on(date("2021-08-09")), Some(SUBSTITUTE));
        assert_eq!(holiday_on(date("2021-10-11")), None);
    }

    #[test]
    fn a_sunday_holiday_moves_to_the_first_day_that_is_not_a_holiday() {
        // 2026-05-03 (憲法記念日) is a Sunday: 5/4 and 5/5 are holidays, so Wednesday 5/6.
        assert_eq!(holiday_on(date("2026-05-06")), Some(SUBSTITUTE));
        // Before 2007 the same rule gave the Monday: 1990-12-23 → 12/24.
        assert_eq!(holiday_on(date("1990-12-24")), Some(SUBSTITUTE));
        // No substitute before the 1973 amendment took effect (1973-02-11 was a Sunday).
        assert_eq!(holiday_on(date("1973-02-12")), None);
    }

    #[test]
    fn years_after_the_published_list_are_computed_by_the_rule() {
        let names = |y| -> Vec<(String, &str)> {
            holidays_in(y)
                .into_iter()
                .map(|h| (h.date.format("%m-%d").to_string(), h.name))
                .collect()
        };
        // 2028: 成人の日 on the second Monday, Jan 10; 春分 3/20; 秋分 9/22.
        let y2028 = names(2028);
        assert!(y2028.contains(&("01-10".into(), "成人の日")), "{y2028:?}");
        assert!(y2028.contains(&("03-20".into(), "春分の日")), "{y2028:?}");
        assert!(y2028.contains(&("09-22".into(), "秋分の日")), "{y2028:?}");
        // 2032: 9/20 敬老の日 (Mon), 9/21 国民の休日, 9/22 秋分の日 (Wed).
        assert_eq!(holiday_on(date("2032-09-20")), Some("敬老の日"));
        assert_eq!(holiday_on(date("2032-09-21")), Some(CITIZENS));
        assert_eq!(holiday_on(date("2032-09-22")), Some("秋分の日"));
        // 2033: 春分 3/20 (Sun) → 3/21 振替休日; 2037: 5/3 (Sun) → 5/6.
        assert_eq!(holiday_on(date("2033-03-20")), Some("春分の日"));
        assert_eq!(holiday_on(date("2033-03-21")), Some(SUBSTITUTE));
        assert_eq!(holiday_on(date("2037-05-06")), Some(SUBSTITUTE));
        // Every year through 2099 has its 16 national holidays.
        for y in 2022..=2099 {
            assert_eq!(national_holidays(y).len(), 16, "{y}");
        }
    }

    #[test]
    fn equinox_formula_against_published_days() {
        // 国立天文台 暦要項: 春分 2024-03-20, 2025-03-20; 秋分 2024-09-22, 2025-09-23,
        // 2012-09-22 (the first 9/22 autumnal equinox since 1979).
        assert_eq!(vernal_equinox(2024), Some(date("2024-03-20")));
        assert_eq!(vernal_equinox(2025), Some(date("2025-03-20")));
        assert_eq!(autumnal_equinox(2024), Some(date("2024-09-22")));
        assert_eq!(autumnal_equinox(2025), Some(date("2025-09-23")));
        assert_eq!(autumnal_equinox(2012), Some(date("2012-09-22")));
    }

    #[test]
    fn there_are_no_holidays_before_the_law() {
        assert!(holidays_in(1948).is_empty());
        assert!(!holidays_in(1949).is_empty());
    }
}
