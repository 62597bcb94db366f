//! Facts rendered from a scheme's or desk's fields in each language: amounts, dates of rounds
//! and window status (desk hours are [`Messages::desk_hours`], which the chat uses too). Never
//! taken from a translation, so they cannot drift from the Japanese entry. Text the corpus only
//! has in Japanese (a rate such as 2/3以内, a round's label, the provider's name) is shown as
//! it is, marked as Japanese.

use chrono::{Datelike, NaiveDate};

use crate::app::messages::Messages;
use crate::domain::corpus::translation::Segment;
use crate::domain::scheme::{yen_en, yen_ja};
use crate::domain::{Lang, Scheme, WindowStatus};

/// One row of a page's list of facts: a label and one or more lines.
pub struct Fact {
    pub label: String,
    pub lines: Vec<Vec<Segment>>,
}

/// Japanese text from the corpus, marked as such inside an English page.
pub fn japanese(lang: Lang, text: &str) -> Segment {
    if lang == Lang::En {
        Segment::Japanese(text.to_string())
    } else {
        Segment::Text(text.to_string())
    }
}

fn text(s: String) -> Segment {
    Segment::Text(s)
}

/// A date as each language writes it: ISO for Japanese (as the corpus does) and English,
/// 2026年9月1日 for やさしい日本語.
pub fn date(lang: Lang, d: NaiveDate) -> String {
    match lang {
        Lang::Easy => format!("{}年{}月{}日", d.year(), d.month(), d.day()),
        Lang::Ja | Lang::En => d.format("%Y-%m-%d").to_string(),
    }
}

pub fn yen(lang: Lang, amount: u64) -> String {
    match lang {
        Lang::En => yen_en(amount),
        Lang::Ja | Lang::Easy => yen_ja(amount),
    }
}

/// The amount lines of a scheme: the Japanese page keeps the corpus's own line; the others get
/// the ceiling and lower limit from the fields, then the published line in Japanese.
pub fn amount(scheme: &Scheme, m: Messages) -> Vec<Fact> {
    let lang = m.lang();
    let Some(a) = &scheme.amount else {
        return Vec::new();
    };
    let mut facts = Vec::new();
    if lang == Lang::Ja {
        if let Some(t) = scheme.amount_text() {
            facts.push(Fact {
                label: m.t("fact-amount"),
                lines: vec![vec![text(t)]],
            });
        }
        if let Some(min) = a.min_yen {
            facts.push(Fact {
                label: m.t("fact-min-amount"),
                lines: vec![vec![text(yen_ja(min))]],
            });
        }
        return facts;
    }
    let mut lines = Vec::new();
    if let Some(max) = a.max_yen {
        lines.push(vec![text(m.ta("amount-max", "amount", &yen(lang, max)))]);
    }
    if let Some(min) = a.min_yen {
        lines.push(vec![text(m.ta("amount-min", "amount", &yen(lang, min)))]);
    }
    if !lines.is_empty() {
        facts.push(Fact {
            label: m.t("fact-amount"),
            lines,
        });
    }
    let published: Vec<Vec<Segment>> = [a.text.as_deref(), a.rate.as_deref()]
        .into_iter()
        .flatten()
        .map(|t| vec![japanese(lang, t)])
        .collect();
    if !published.is_empty() {
        facts.push(Fact {
            label: m.t("fact-amount-published"),
            lines: published,
        });
    }
    facts
}

/// The window: its status today, then every round's dates.
pub fn window(scheme: &Scheme, status: WindowStatus, m: Messages) -> Fact {
    let lang = m.lang();
    let mut lines = vec![vec![text(m.status(status))]];
    for r in &scheme.window.rounds {
        let dates = m.targs(
            "round-dates",
            &[
                ("opens", &date(lang, r.opens)),
                ("closes", &date(lang, r.closes)),
            ],
        );
        lines.push(if lang == Lang::Ja {
            // As the Japanese page always wrote it: 第2回：2026-09-01〜2026-10-31.
            vec![text(format!("{}：{dates}", r.label))]
        } else {
            vec![
                text(format!("{dates} (")),
                japanese(lang, &r.label),
                text(")".into()),
            ]
        });
    }
    Fact {
        label: m.t("fact-window"),
        lines,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::consultants::{Desk, DeskDay};

    fn desk(confirmed: bool) -> Desk {
        toml::from_str::<Desk>(&format!(
            r#"id = "d"
name = "テスト商工相談"
categories = ["経営"]
staff = "中小企業診断士"
weekdays = ["mon", "wed", "fri"]
opens = "09:00"
closes = "16:00"
hours_confirmed = {confirmed}
how_to_book = "電話で予約"
phone = "03-0000-0000"
source_url = "https://example.org/d"
as_of = 2026-11-01
"#
        ))
        .unwrap()
    }

    #[test]
    fn desk_hours_are_written_from_the_fields_in_each_language() {
        let d = desk(true);
        assert_eq!(d.weekdays[1], DeskDay::Wed);
        assert_eq!(
            Messages::new(Lang::En).desk_hours(&d),
            "Mon, Wed, Fri, 09:00–16:00"
        );
        assert_eq!(
            Messages::new(Lang::Ja).desk_hours(&d),
            d.schedule_ja(),
            "the Japanese page says what the domain says"
        );
        assert_eq!(
            Messages::new(Lang::Easy).desk_hours(&d),
            "月・水・金曜日 09:00から16:00まで"
        );
        assert!(
            Messages::new(Lang::En)
                .desk_hours(&desk(false))
                .contains("not yet confirmed")
        );
    }

    #[test]
    fn dates_follow_the_language() {
        let d = NaiveDate::from_ymd_opt(2026, 9, 1).unwrap();
        assert_eq!(date(Lang::En, d), "2026-09-01");
        assert_eq!(date(Lang::Easy, d), "2026年9月1日");
    }
}
