//! Until when: the rounds, their dates and status, and earlier rounds the entry records.

use super::sentence::{RoundState, Sentence};
use super::{FactContext, end, end_plain, sentences};
use crate::domain::scheme::{Round, Scheme, WindowKind, WindowStatus};

pub(super) fn deadline(scheme: &Scheme, ctx: &FactContext) -> (Vec<Sentence>, bool) {
    let w = &scheme.window;
    let today = ctx.today;
    let mut parts: Vec<Sentence> = Vec::new();
    let known = w.kind != WindowKind::Annual;
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
            parts.push(Sentence::NextRoundUnannounced {
                as_of: scheme.as_of,
            });
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
    (parts, known)
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
