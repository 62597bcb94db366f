use super::*;

fn d(s: &str) -> NaiveDate {
    s.parse().unwrap()
}

fn rounds() -> Window {
    Window {
        kind: WindowKind::Rounds,
        rounds: vec![
            Round {
                label: "1".into(),
                opens: d("2026-04-01"),
                closes: d("2026-05-31"),
            },
            Round {
                label: "2".into(),
                opens: d("2026-09-01"),
                closes: d("2026-10-31"),
            },
        ],
    }
}

#[test]
fn window_is_open_on_its_first_and_last_day() {
    assert_eq!(rounds().status_on(d("2026-04-01")), WindowStatus::Open);
    assert_eq!(rounds().status_on(d("2026-05-31")), WindowStatus::Open);
}

#[test]
fn window_between_rounds_is_upcoming_with_next_deadline() {
    assert_eq!(rounds().status_on(d("2026-06-01")), WindowStatus::Upcoming);
    assert_eq!(rounds().deadline_on(d("2026-06-01")), Some(d("2026-10-31")));
}

#[test]
fn a_yearly_programme_past_its_listed_rounds_is_unannounced_not_closed() {
    let yearly = Window {
        kind: WindowKind::Annual,
        ..rounds()
    };
    assert_eq!(yearly.status_on(d("2026-11-01")), WindowStatus::Unannounced);
    assert_eq!(yearly.deadline_on(d("2026-11-01")), None);
    // A listed round still opens and closes as it says.
    assert_eq!(yearly.status_on(d("2026-04-01")), WindowStatus::Open);
    assert_eq!(yearly.status_on(d("2026-06-01")), WindowStatus::Upcoming);
    let without_rounds = Window {
        kind: WindowKind::Annual,
        rounds: vec![],
    };
    assert_eq!(
        without_rounds.status_on(d("2026-11-01")),
        WindowStatus::Unannounced
    );
}

#[test]
fn window_after_last_round_is_closed() {
    assert_eq!(rounds().status_on(d("2026-11-01")), WindowStatus::Closed);
    assert_eq!(rounds().deadline_on(d("2026-11-01")), None);
}

#[test]
fn yen_is_written_in_man_and_oku() {
    assert_eq!(yen_ja(1_500_000), "150万円");
    assert_eq!(yen_ja(100_000_000), "1億円");
    assert_eq!(yen_ja(150_000_000), "1億5000万円");
    assert_eq!(yen_ja(1_234), "1234円");
}

#[test]
fn yen_in_english_has_thousands_separators() {
    assert_eq!(yen_en(1_000_000), "¥1,000,000");
    assert_eq!(yen_en(500), "¥500");
    assert_eq!(yen_en(100_000), "¥100,000");
    assert_eq!(yen_en(0), "¥0");
}
