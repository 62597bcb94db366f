//! The corpus freshness board: which entries an officer should re-check, and why. An entry's
//! facts were confirmed on its `as_of` date; desks may carry stand-in hours; a source may not
//! be the provider's own page; a scheme's application rounds may all be over.
//!
//! Pure rules over a loaded [`Corpus`] and a date: nothing here reads files or the clock.
//! What the corpus does not record is not guessed: amounts carry no fiscal year, so only
//! rounds (whose dates are recorded) are checked against the fiscal year.

use chrono::{Datelike, NaiveDate};

use super::corpus::Corpus;
use super::scheme::{WindowKind, WindowStatus};

/// What kind of corpus entry a finding is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum EntryKind {
    Scheme,
    Faq,
    Desk,
}

impl EntryKind {
    pub fn is_scheme(self) -> bool {
        self == EntryKind::Scheme
    }

    pub fn label_ja(self) -> &'static str {
        match self {
            EntryKind::Scheme => "制度",
            EntryKind::Faq => "よくある質問",
            EntryKind::Desk => "相談窓口",
        }
    }
}

/// The rules, in the order the board shows them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Rule {
    /// `as_of` older than the configured age.
    OldAsOf,
    /// A desk whose opening hours are stand-ins.
    HoursUnconfirmed,
    /// A hand-written entry citing a page outside `sources.toml`'s official hosts.
    NotOfficialSource,
    /// Every dated round has closed and none is announced.
    ClosedWithoutNextRound,
    /// Every dated round opened in an earlier fiscal year (April to March) than today's.
    EarlierFiscalYear,
}

impl Rule {
    pub const ALL: [Rule; 5] = [
        Rule::OldAsOf,
        Rule::HoursUnconfirmed,
        Rule::NotOfficialSource,
        Rule::ClosedWithoutNextRound,
        Rule::EarlierFiscalYear,
    ];

    pub fn label_ja(self) -> &'static str {
        match self {
            Rule::OldAsOf => "確認日が古い",
            Rule::HoursUnconfirmed => "受付時間が未確認の窓口",
            Rule::NotOfficialSource => "出典が公式ページでない",
            Rule::ClosedWithoutNextRound => "募集が終了し次回が未定",
            Rule::EarlierFiscalYear => "募集回が前年度以前のもののみ",
        }
    }

    /// A stable code for links and tests.
    pub fn code(self) -> &'static str {
        match self {
            Rule::OldAsOf => "old_as_of",
            Rule::HoursUnconfirmed => "hours_unconfirmed",
            Rule::NotOfficialSource => "not_official_source",
            Rule::ClosedWithoutNextRound => "closed_without_next_round",
            Rule::EarlierFiscalYear => "earlier_fiscal_year",
        }
    }
}

/// One entry that one rule flags, with why in words.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Finding {
    pub rule: Rule,
    pub kind: EntryKind,
    pub id: String,
    pub title: String,
    pub why: String,
}

/// The Japanese fiscal year (年度) a day falls in: April to March, named by the April's year.
pub fn fiscal_year(day: NaiveDate) -> i32 {
    if day.month() >= 4 {
        day.year()
    } else {
        day.year() - 1
    }
}

/// Every finding on `today`, grouped by rule in [`Rule::ALL`] order, corpus order within.
/// An entry is old when more than `max_age_days` days have passed since its `as_of`.
pub fn findings(corpus: &Corpus, today: NaiveDate, max_age_days: u32) -> Vec<Finding> {
    let mut out = Vec::new();
    let old = |as_of: NaiveDate| {
        let days = (today - as_of).num_days();
        (days > i64::from(max_age_days))
            .then(|| format!("確認日 {as_of}（{days}日前。基準は{max_age_days}日）"))
    };
    let entries = corpus
        .schemes
        .iter()
        .map(|s| (EntryKind::Scheme, &s.id, &s.title, s.as_of))
        .chain(
            corpus
                .faqs
                .iter()
                .map(|f| (EntryKind::Faq, &f.id, &f.question, f.as_of)),
        )
        .chain(
            corpus
                .desks
                .iter()
                .map(|d| (EntryKind::Desk, &d.id, &d.name, d.as_of)),
        );
    for (kind, id, title, as_of) in entries {
        if let Some(why) = old(as_of) {
            out.push(Finding {
                rule: Rule::OldAsOf,
                kind,
                id: id.clone(),
                title: title.clone(),
                why,
            });
        }
    }
    for d in corpus.desks.iter().filter(|d| !d.hours_confirmed) {
        out.push(Finding {
            rule: Rule::HoursUnconfirmed,
            kind: EntryKind::Desk,
            id: d.id.clone(),
            title: d.name.clone(),
            why: format!(
                "受付時間 {}〜{} は目安（公開情報に時刻の記載なし）",
                d.opens, d.closes
            ),
        });
    }
    for s in corpus.secondary_sources() {
        let (kind, title) = match s.kind {
            "scheme" => (
                EntryKind::Scheme,
                corpus.scheme(s.id).map(|x| x.title.clone()),
            ),
            "faq" => (EntryKind::Faq, corpus.faq(s.id).map(|x| x.question.clone())),
            _ => (EntryKind::Desk, corpus.desk(s.id).map(|x| x.name.clone())),
        };
        out.push(Finding {
            rule: Rule::NotOfficialSource,
            kind,
            id: s.id.to_string(),
            title: title.unwrap_or_else(|| s.id.to_string()),
            why: format!("出典 {}", s.url),
        });
    }
    let dated = || {
        corpus
            .schemes
            .iter()
            .filter(|s| s.window.kind == WindowKind::Rounds && !s.window.rounds.is_empty())
    };
    for s in dated().filter(|s| s.window.status_on(today) == WindowStatus::Closed) {
        let last = s.window.rounds.iter().map(|r| r.closes).max();
        out.push(Finding {
            rule: Rule::ClosedWithoutNextRound,
            kind: EntryKind::Scheme,
            id: s.id.clone(),
            title: s.title.clone(),
            why: format!(
                "最後の募集回の締切 {}、次の募集回の登録なし",
                last.map(|d| d.to_string()).unwrap_or_default()
            ),
        });
    }
    let this_year = fiscal_year(today);
    for s in dated() {
        let latest = s
            .window
            .rounds
            .iter()
            .map(|r| fiscal_year(r.opens))
            .max()
            .unwrap_or(this_year);
        if latest < this_year {
            out.push(Finding {
                rule: Rule::EarlierFiscalYear,
                kind: EntryKind::Scheme,
                id: s.id.clone(),
                title: s.title.clone(),
                why: format!("最新の募集回は{latest}年度（今は{this_year}年度）"),
            });
        }
    }
    out
}

/// How many findings each rule has, in [`Rule::ALL`] order (zeros included).
pub fn counts(findings: &[Finding]) -> Vec<(Rule, usize)> {
    Rule::ALL
        .iter()
        .map(|r| (*r, findings.iter().filter(|f| f.rule == *r).count()))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::scheme::Round;

    fn d(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    /// tests/fixtures/corpus: four schemes, one FAQ and one desk, every `as_of` 2026-11-01;
    /// `tokyo-test-josei` cites a blog (the fixture's official host is example.org);
    /// `minato-test-advertising` has one round, 2026-04-01 to 2026-06-30.
    fn fixture() -> Corpus {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/corpus");
        Corpus::load(&dir, &[]).expect("the fixture corpus loads")
    }

    fn ids(found: &[Finding], rule: Rule) -> Vec<(EntryKind, &str)> {
        found
            .iter()
            .filter(|f| f.rule == rule)
            .map(|f| (f.kind, f.id.as_str()))
            .collect()
    }

    #[test]
    fn fiscal_years_start_in_april() {
        assert_eq!(fiscal_year(d("2027-03-31")), 2026);
        assert_eq!(fiscal_year(d("2027-04-01")), 2027);
    }

    #[test]
    fn an_entry_is_old_only_after_more_than_the_configured_days() {
        let corpus = fixture();
        // 2026-11-01 + 180 days = 2027-04-30.
        let on_the_day = findings(&corpus, d("2027-04-30"), 180);
        assert!(ids(&on_the_day, Rule::OldAsOf).is_empty());
        let day_after = findings(&corpus, d("2027-05-01"), 180);
        let old = ids(&day_after, Rule::OldAsOf);
        assert_eq!(old.len(), 6, "4 schemes, 1 FAQ, 1 desk: {old:?}");
        assert!(old.contains(&(EntryKind::Faq, "faq-test-001")));
        assert!(old.contains(&(EntryKind::Desk, "test-desk")));
        let why = &day_after
            .iter()
            .find(|f| f.rule == Rule::OldAsOf)
            .unwrap()
            .why;
        assert!(
            why.contains("2026-11-01") && why.contains("181日前"),
            "{why}"
        );
        assert!(
            ids(&findings(&corpus, d("2027-05-01"), 365), Rule::OldAsOf).is_empty(),
            "a longer setting flags nothing"
        );
    }

    #[test]
    fn sources_hours_and_rounds_are_flagged_with_their_reasons() {
        let mut corpus = fixture();
        let today = d("2026-12-02");
        let found = findings(&corpus, today, 180);
        assert_eq!(
            ids(&found, Rule::NotOfficialSource),
            [(EntryKind::Scheme, "tokyo-test-josei")]
        );
        assert!(ids(&found, Rule::HoursUnconfirmed).is_empty());
        assert_eq!(
            ids(&found, Rule::ClosedWithoutNextRound),
            [(EntryKind::Scheme, "minato-test-advertising")]
        );
        let closed = found
            .iter()
            .find(|f| f.rule == Rule::ClosedWithoutNextRound)
            .unwrap();
        assert_eq!(closed.title, "テスト区 広告宣伝費補助金");
        assert!(closed.why.contains("2026-06-30"), "{}", closed.why);
        assert!(
            ids(&found, Rule::EarlierFiscalYear).is_empty(),
            "its round is this fiscal year's (2026)"
        );
        assert_eq!(
            ids(
                &findings(&corpus, d("2027-04-01"), 365),
                Rule::EarlierFiscalYear
            ),
            [(EntryKind::Scheme, "minato-test-advertising")],
            "from April 2027 the 2026 round is last year's"
        );

        // Stand-in hours, and a next round announced.
        corpus.desks[0].hours_confirmed = false;
        let ad = corpus
            .schemes
            .iter_mut()
            .find(|s| s.id == "minato-test-advertising")
            .unwrap();
        ad.window.rounds.push(Round {
            label: "2027年度".into(),
            opens: d("2027-04-01"),
            closes: d("2027-06-30"),
        });
        let found = findings(&corpus, today, 180);
        assert_eq!(
            ids(&found, Rule::HoursUnconfirmed),
            [(EntryKind::Desk, "test-desk")]
        );
        assert!(ids(&found, Rule::ClosedWithoutNextRound).is_empty());
        let tally = counts(&found);
        assert_eq!(tally.len(), Rule::ALL.len());
        assert_eq!(tally[1], (Rule::HoursUnconfirmed, 1));
        assert_eq!(tally[2], (Rule::NotOfficialSource, 1));
        assert_eq!(tally[3], (Rule::ClosedWithoutNextRound, 0));
    }
}
