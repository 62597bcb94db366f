//! The centre's office calendar: Mon–Fri 8:30–17:15, closed on national holidays (computed
//! for any year by `holidays`, substitute and citizens' holidays included) and over the New
//! Year (12/29–1/3). Finds a desk's next staffed slot.

use chrono::{Datelike, Duration, NaiveDate, NaiveDateTime, NaiveTime, Timelike, Weekday};

use super::consultants::Desk;
use super::holidays;

/// The office calendar. Holidays come from the law's rules, so it has no last year.
#[derive(Debug, Clone, Copy, Default)]
pub struct OfficeCalendar;

pub fn office_opens() -> NaiveTime {
    NaiveTime::from_hms_opt(8, 30, 0).expect("valid time")
}

pub fn office_closes() -> NaiveTime {
    NaiveTime::from_hms_opt(17, 15, 0).expect("valid time")
}

/// `8:30`, `17:15`: hours without a leading zero, as the ward writes them.
pub fn hm(t: NaiveTime) -> String {
    format!("{}:{:02}", t.hour(), t.minute())
}

/// The next staffed time, and whether it is right now.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Slot {
    pub at: NaiveDateTime,
    pub now: bool,
}

impl OfficeCalendar {
    pub fn new() -> OfficeCalendar {
        OfficeCalendar
    }

    /// When the centre opens and closes on a working day.
    pub fn hours(&self) -> (NaiveTime, NaiveTime) {
        (office_opens(), office_closes())
    }

    /// The office hours as people read them (the staff console; pages and chat replies write
    /// them from [`OfficeCalendar::hours`] in each language).
    pub fn hours_ja(&self) -> String {
        format!(
            "平日 {}〜{}（土日・祝日・12月29日〜1月3日を除く）",
            hm(office_opens()),
            hm(office_closes())
        )
    }

    /// `平日 8:30〜17:15`: the weekday hours alone.
    pub fn weekday_hours_ja(&self) -> String {
        format!("平日 {}〜{}", hm(office_opens()), hm(office_closes()))
    }

    /// The national or public holiday on `date`, by name.
    pub fn holiday(&self, date: NaiveDate) -> Option<&'static str> {
        holidays::holiday_on(date)
    }

    pub fn is_new_year_closure(date: NaiveDate) -> bool {
        (date.month() == 12 && date.day() >= 29) || (date.month() == 1 && date.day() <= 3)
    }

    /// Whether the centre is open on this day at all.
    pub fn is_open_day(&self, date: NaiveDate) -> bool {
        !matches!(date.weekday(), Weekday::Sat | Weekday::Sun)
            && self.holiday(date).is_none()
            && !Self::is_new_year_closure(date)
    }

    pub fn is_open_at(&self, at: NaiveDateTime) -> bool {
        self.is_open_day(at.date()) && at.time() >= office_opens() && at.time() < office_closes()
    }

    /// The next time `desk` is staffed at or after `now` (JST), within office hours; at most
    /// 60 days ahead.
    pub fn next_slot(&self, desk: &Desk, now: NaiveDateTime) -> Option<Slot> {
        let (desk_opens, desk_closes) = desk.hours()?;
        let opens = desk_opens.max(office_opens());
        let closes = desk_closes.min(office_closes());
        self.next_within(opens, closes, |d| desk.staffed_on(d), now)
    }

    /// The next time the centre's own staff are in (a complaint or an opinion goes to them,
    /// not to a consultant's desk).
    pub fn next_open(&self, now: NaiveDateTime) -> Option<Slot> {
        self.next_within(office_opens(), office_closes(), |_| true, now)
    }

    fn next_within(
        &self,
        opens: NaiveTime,
        closes: NaiveTime,
        staffed_on: impl Fn(Weekday) -> bool,
        now: NaiveDateTime,
    ) -> Option<Slot> {
        if opens >= closes {
            return None;
        }
        for offset in 0..60 {
            let day = now.date() + Duration::days(offset);
            if !self.is_open_day(day) || !staffed_on(day.weekday()) {
                continue;
            }
            if offset == 0 {
                let t = now.time();
                if t >= closes {
                    continue;
                }
                if t >= opens {
                    return Some(Slot {
                        at: round_up_quarter(now),
                        now: true,
                    });
                }
            }
            return Some(Slot {
                at: day.and_time(opens),
                now: false,
            });
        }
        None
    }
}

fn round_up_quarter(t: NaiveDateTime) -> NaiveDateTime {
    let minutes = t.minute();
    let add = (15 - minutes % 15) % 15;
    let base = t
        .with_second(0)
        .and_then(|x| x.with_nanosecond(0))
        .unwrap_or(t);
    base + Duration::minutes(add as i64)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::consultants::{ConsultCategory, DeskDay};

    fn desk(days: &[DeskDay], opens: &str, closes: &str) -> Desk {
        Desk {
            id: "d".into(),
            name: "相談".into(),
            categories: vec![ConsultCategory::Management],
            staff: "中小企業診断士".into(),
            weekdays: days.to_vec(),
            opens: opens.into(),
            closes: closes.into(),
            hours_confirmed: true,
            how_to_book: "電話".into(),
            phone: None,
            url: None,
            scheme_id: None,
            source_url: "https://example.org".into(),
            as_of: NaiveDate::from_ymd_opt(2026, 11, 1).unwrap(),
            notes: None,
        }
    }

    fn at(s: &str) -> NaiveDateTime {
        NaiveDateTime::parse_from_str(s, "%Y-%m-%d %H:%M").unwrap()
    }

    const ALL: [DeskDay; 5] = [
        DeskDay::Mon,
        DeskDay::Tue,
        DeskDay::Wed,
        DeskDay::Thu,
        DeskDay::Fri,
    ];

    #[test]
    fn a_schedule_with_stand_in_times_says_so() {
        let mut d = desk(&ALL, "08:30", "17:15");
        assert_eq!(d.schedule_ja(), "月・火・水・木・金曜 08:30〜17:15");
        d.hours_confirmed = false;
        assert!(
            d.schedule_ja()
                .ends_with("（時刻は未確認の目安です。予約時にご確認ください）"),
            "{}",
            d.schedule_ja()
        );
    }

    #[test]
    fn known_holidays_including_substitute_and_citizens_holidays() {
        let c = OfficeCalendar::new();
        for d in [
            "2026-05-06",
            "2026-09-22",
            "2027-03-22",
            "2026-11-23",
            "2027-01-11",
        ] {
            assert!(!c.is_open_day(d.parse().unwrap()), "{d} should be closed");
        }
        assert!(c.is_open_day("2026-11-24".parse().unwrap()));
    }

    #[test]
    fn a_hand_off_asked_on_2028s_coming_of_age_day_is_offered_the_next_working_day() {
        let c = OfficeCalendar::new();
        // 2028-01-10 is the second Monday of January: 成人の日.
        assert_eq!(c.holiday("2028-01-10".parse().unwrap()), Some("成人の日"));
        assert_eq!(
            c.next_slot(&desk(&ALL, "08:30", "17:15"), at("2028-01-10 10:00")),
            Some(Slot {
                at: at("2028-01-11 08:30"),
                now: false
            })
        );
    }

    #[test]
    fn years_in_the_2030s_close_on_their_holidays() {
        let c = OfficeCalendar::new();
        // Friday 2032-09-17 evening: 9/20 敬老の日, 9/21 国民の休日, 9/22 秋分の日.
        assert_eq!(
            c.next_slot(&desk(&ALL, "08:30", "17:15"), at("2032-09-17 18:00"))
                .unwrap()
                .at,
            at("2032-09-23 08:30")
        );
        // 2033-03-20 春分の日 is a Sunday: Monday 3/21 is its substitute holiday.
        assert!(!c.is_open_day("2033-03-21".parse().unwrap()));
        assert!(c.is_open_day("2033-03-22".parse().unwrap()));
        // 2039-12-28 is open, then the New Year closure to 2040-01-03 and 成人の日 on 1/9.
        assert!(c.is_open_day("2039-12-28".parse().unwrap()));
        assert_eq!(
            c.next_slot(&desk(&ALL, "08:30", "17:15"), at("2039-12-28 17:30"))
                .unwrap()
                .at,
            at("2040-01-04 08:30")
        );
        assert_eq!(c.holiday("2040-01-09".parse().unwrap()), Some("成人の日"));
    }

    #[test]
    fn new_year_closure_runs_from_12_29_to_1_3() {
        let c = OfficeCalendar::new();
        assert!(c.is_open_day("2026-12-28".parse().unwrap()));
        assert!(!c.is_open_day("2026-12-29".parse().unwrap()));
        assert!(!c.is_open_day("2027-01-01".parse().unwrap()));
        assert_eq!(
            c.next_slot(&desk(&ALL, "08:30", "17:15"), at("2026-12-28 17:20"))
                .unwrap()
                .at,
            at("2027-01-04 08:30")
        );
    }

    #[test]
    fn after_17_15_the_next_slot_is_the_next_morning() {
        let c = OfficeCalendar::new();
        let slot = c
            .next_slot(&desk(&ALL, "08:30", "17:15"), at("2026-11-25 17:15"))
            .unwrap();
        assert_eq!(
            slot,
            Slot {
                at: at("2026-11-26 08:30"),
                now: false
            }
        );
        let slot = c
            .next_slot(&desk(&ALL, "08:30", "17:15"), at("2026-11-25 17:14"))
            .unwrap();
        assert!(slot.now);
    }

    #[test]
    fn friday_evening_goes_to_monday_unless_monday_is_a_holiday() {
        let c = OfficeCalendar::new();
        assert_eq!(
            c.next_slot(&desk(&ALL, "09:00", "17:00"), at("2026-11-27 18:00"))
                .unwrap()
                .at,
            at("2026-11-30 09:00")
        );
        // Friday 2026-11-20 evening: Monday 11/23 is 勤労感謝の日, so Tuesday.
        assert_eq!(
            c.next_slot(&desk(&ALL, "09:00", "17:00"), at("2026-11-20 18:00"))
                .unwrap()
                .at,
            at("2026-11-24 09:00")
        );
    }

    #[test]
    fn a_desk_staffed_only_on_wednesday_afternoons() {
        let c = OfficeCalendar::new();
        let wed = desk(&[DeskDay::Wed], "13:00", "17:00");
        assert_eq!(
            c.next_slot(&wed, at("2026-11-24 10:00")).unwrap().at,
            at("2026-11-25 13:00")
        );
        assert_eq!(
            c.next_slot(&wed, at("2026-11-25 14:07")).unwrap(),
            Slot {
                at: at("2026-11-25 14:15"),
                now: true
            }
        );
    }

    #[test]
    fn desk_hours_are_clipped_to_office_hours() {
        let c = OfficeCalendar::new();
        let long = desk(&ALL, "07:00", "20:00");
        assert_eq!(
            c.next_slot(&long, at("2026-11-24 07:30")).unwrap().at,
            at("2026-11-24 08:30")
        );
        assert_eq!(
            c.next_slot(&long, at("2026-11-24 18:00")).unwrap().at,
            at("2026-11-25 08:30")
        );
    }
}
