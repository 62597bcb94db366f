//! Until when: the rounds, their dates and status, and earlier rounds the entry records.

use super::sentence::{RoundState, Sentence};
use super::{FactContext, end, end_plain, sentences, shared_words};
use crate::domain::scheme::{Round, Scheme, WindowKind, WindowStatus};

pub(super) fn deadline(scheme: &Scheme, ctx: &FactContext) -> (Vec<Sentence>, bool) {
    let w = &scheme.window;
    let today = ctx.today;
    let mut parts: Vec<Sentence> = Vec::new();
    // A yearly programme without dates says only that the next round is not announced.
    let known = w.kind != WindowKind::Annual || !w.rounds.is_empty();
    match w.kind {
        WindowKind::Always => {
            parts.push(Sentence::AlwaysOpen);
            // A desk's days ("水曜日の午後にブースで相談する") answer "いつ受けられる？".
            for s in sentences(&scheme.how_to_apply) {
                if ["曜", "午後", "午前"].iter().any(|w| s.contains(w)) {
                    parts.push(Sentence::ConsultDays { text: s });
                }
            }
        }
        WindowKind::Annual => {
            // The rounds a yearly programme has held or announced, then, once they are over,
            // that the next is not announced yet.
            parts.extend(w.rounds.iter().map(|r| round(r, today)));
            let status = today.map(|t| w.status_on(t));
            if !matches!(status, Some(WindowStatus::Open | WindowStatus::Upcoming)) {
                parts.push(Sentence::NextRoundUnannounced {
                    as_of: scheme.as_of,
                });
            }
            // What the sources say about earlier rounds ("例年春と秋の年2回募集",
            // "令和7年度は…受付"): the pattern to expect, not the next dates.
            let past = past_rounds(scheme);
            if !past.is_empty() {
                parts.push(Sentence::PastRounds { texts: past });
            }
        }
        WindowKind::Rounds => {
            let status = today.map(|t| w.status_on(t));
            parts.extend(w.rounds.iter().map(|r| round(r, today)));
            if status == Some(WindowStatus::Closed) {
                parts.push(Sentence::NextRoundUnknown {
                    contact: end_plain(&scheme.contact).to_string(),
                });
            }
        }
    }
    // Time limits counted from an event ("…から2か月以内に申請", "前日までに計画書を提出",
    // "先着順"), from the how-to-apply text and the requirements.
    let limits = sentences(&scheme.how_to_apply)
        .into_iter()
        .chain(scheme.eligibility.requirements.iter().map(|r| end(r)))
        .filter(|s| TIME_LIMIT.iter().any(|w| s.contains(w)))
        .take(3);
    for s in limits {
        parts.push(Sentence::WhenToApply { text: s });
    }
    for text in dated_details(scheme, ctx.question, &parts) {
        parts.push(Sentence::Words { text });
    }
    (parts, known)
}

/// Sentences of the entry's details and notes that give a date or a period and are on what
/// the question names beyond its asking words ("令和7年度の受付期間", "認定書が届くまで"): a
/// question about an earlier year or one step of the procedure is answered by them, not by
/// the window. At most two, the closest first, none the sentences above already quote.
pub(super) fn dated_details(scheme: &Scheme, question: &str, said: &[Sentence]) -> Vec<String> {
    // Shared words of three characters' worth or more: "年度" and "申請" alone are in most
    // entries' sentences about time.
    const ON_TOPIC: usize = 3;
    let quoted = |s: &str| {
        said.iter().any(|p| match p {
            Sentence::WhenToApply { text } | Sentence::ConsultDays { text } => text == s,
            Sentence::PastRounds { texts } => texts.iter().any(|t| t == s),
            _ => false,
        })
    };
    let mut found: Vec<(usize, String)> = sentences(&scheme.details)
        .into_iter()
        .chain(scheme.notes.iter().flat_map(|n| sentences(n)))
        .filter(|s| s.chars().count() <= 200 && gives_a_time(s) && !quoted(s))
        .map(|s| (shared_words(&s, question), s))
        .filter(|(n, _)| *n >= ON_TOPIC)
        .collect();
    found.sort_by_key(|(n, _)| std::cmp::Reverse(*n));
    found.dedup_by(|a, b| a.1 == b.1);
    found.into_iter().take(2).map(|(_, s)| s).collect()
}

/// Whether a sentence states a date or a period: a day of a month ("4月8日"), a count of
/// months or working days ("6か月前", "5営業日"), or "前日まで". A month alone ("月10万円",
/// "12か月分" aside) or a fiscal year names no time to act by.
fn gives_a_time(s: &str) -> bool {
    const PERIODS: &[&str] = &["か月", "ヶ月", "カ月", "ヵ月", "営業日", "日以内", "日前"];
    let chars: Vec<char> = s.chars().collect();
    let after_figures = |i: usize| -> String {
        let rest = &chars[i..];
        let digits = rest.iter().take_while(|c| c.is_ascii_digit()).count();
        rest[digits..].iter().take(4).collect()
    };
    let mut figure_starts = (0..chars.len())
        .filter(|&i| chars[i].is_ascii_digit() && (i == 0 || !chars[i - 1].is_ascii_digit()));
    let timed = figure_starts.any(|i| {
        let rest = after_figures(i);
        let day_of_month = rest.strip_prefix('月').is_some_and(|r| {
            let digits = r.chars().take_while(|c| c.is_ascii_digit()).count();
            digits > 0 && r.chars().nth(digits) == Some('日')
        });
        day_of_month
            || PERIODS
                .iter()
                .any(|p| rest.starts_with(p) && !rest[p.len()..].starts_with('分'))
    });
    timed || s.contains("前日まで")
}
/// A round's dates, and where `today` stands.
pub(super) fn round(r: &Round, today: Option<chrono::NaiveDate>) -> Sentence {
    let state = today.map(|t| {
        if r.opens <= t && t <= r.closes {
            RoundState::Open
        } else if t < r.opens {
            RoundState::Upcoming
        } else {
            RoundState::Closed
        }
    });
    Sentence::Round {
        label: r.label.clone(),
        opens: r.opens,
        closes: r.closes,
        state,
    }
}

/// Words of a sentence that sets when to apply.
pub(super) const TIME_LIMIT: &[&str] = &[
    "以内",
    "までに",
    "前までに",
    "前日まで",
    "先着",
    "期間",
    "例年",
    "締切",
    "期限",
];

/// Sentences of the entry's details and notes about earlier rounds: a timing word and a
/// month or a season, shortest first, at most two.
pub(super) fn past_rounds(scheme: &Scheme) -> Vec<String> {
    const TIMING: &[&str] = &[
        "例年",
        "募集期間",
        "受付期間",
        "申請期間",
        "申請受付",
        "締切",
        "募集",
        "受付",
    ];
    const WHEN: &[&str] = &["月", "春", "秋", "年2回", "年に数回", "年度"];
    let mut found: Vec<String> = sentences(&scheme.details)
        .into_iter()
        .chain(scheme.notes.iter().flat_map(|n| sentences(n)))
        .filter(|s| TIMING.iter().any(|w| s.contains(w)) && WHEN.iter().any(|w| s.contains(w)))
        .filter(|s| s.chars().count() <= 160)
        .collect();
    found.sort_by_key(|s| s.chars().count());
    found.dedup();
    found.truncate(2);
    found
}
