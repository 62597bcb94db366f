use super::*;

fn d(s: &str) -> NaiveDate {
    s.parse().unwrap()
}

#[test]
fn tokyo_days_are_read_from_utc_date_times() {
    // 23:59 in Tokyo is 14:59 UTC the same day; midnight in Tokyo is 15:00 UTC the day before.
    assert_eq!(tokyo_day("2026-11-27T14:59:00.000Z"), Some(d("2026-11-27")));
    assert_eq!(tokyo_day("2026-08-31T15:00:00.000Z"), Some(d("2026-09-01")));
    assert_eq!(tokyo_day("2026-06-19T06:00Z"), Some(d("2026-06-19")));
    assert_eq!(
        tokyo_day("2026-06-19T23:00:00+09:00"),
        Some(d("2026-06-19"))
    );
    assert_eq!(tokyo_day("next week"), None);
}

#[test]
fn round_days_survive_the_trip_through_utc() {
    assert_eq!(tokyo_day(&start_of(d("2026-09-01"))), Some(d("2026-09-01")));
    assert_eq!(tokyo_day(&end_of(d("2026-10-31"))), Some(d("2026-10-31")));
    assert_eq!(start_of(d("2026-09-01")), "2026-08-31T15:00:00.000Z");
    assert_eq!(end_of(d("2026-10-31")), "2026-10-31T14:59:59.000Z");
}

#[test]
fn html_becomes_lines_of_text() {
    assert_eq!(
        html_text("<p>区内の&amp;中小企業<br>2行目</p><ul><li>A</li><li>B</li></ul>"),
        "区内の&中小企業\n2行目\nA\nB"
    );
}
