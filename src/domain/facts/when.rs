//! Until when: the rounds, their dates and status, and earlier rounds the entry records.

use super::{FactContext, date_ja, end, end_plain, sentences};
use crate::domain::scheme::{Scheme, WindowKind, WindowStatus};

pub(super) fn deadline(scheme: &Scheme, ctx: &FactContext) -> (String, bool) {
    let w = &scheme.window;
    let today = ctx.today;
    let mut parts: Vec<String> = Vec::new();
    let known = w.kind != WindowKind::Annual;
    match w.kind {
        WindowKind::Always => {
            parts.push("通年・随時で受け付けています（決まった締切はありません）。".into());
            // A desk's days ("水曜日の午後にブースで相談する") answer "いつ受けられる？".
            for s in sentences(&scheme.how_to_apply) {
                if ["曜", "午後", "午前"].iter().any(|w| s.contains(w)) {
                    parts.push(format!("相談日：{s}"));
                }
            }
        }
        WindowKind::Annual => {
            parts.push(format!(
                "例年募集がありますが、次の募集時期はこの案内の確認日（{}）時点で発表されていません。",
                date_ja(scheme.as_of)
            ));
            // What the sources say about earlier rounds ("例年春と秋の年2回募集",
            // "令和7年度は…受付"): the pattern to expect, not the next dates.
            let past = past_rounds(scheme);
            if !past.is_empty() {
                parts.push(format!("これまでの募集：{}", past.concat()));
            }
        }
        WindowKind::Rounds => {
            let status = today.map(|t| w.status_on(t));
            for r in &w.rounds {
                let state = match today {
                    Some(t) if r.opens <= t && t <= r.closes => "受付中",
                    Some(t) if t < r.opens => "受付予定",
                    Some(_) => "受付終了",
                    None => "",
                };
                parts.push(format!(
                    "{}の受付期間は{}〜{}です{}。",
                    r.label,
                    date_ja(r.opens),
                    date_ja(r.closes),
                    if state.is_empty() {
                        String::new()
                    } else {
                        format!("（{state}）")
                    }
                ));
            }
            if status == Some(WindowStatus::Closed) {
                parts.push(format!(
                    "次の回の日程はこの案内では確認できていません。{}または公式ページでご確認ください。",
                    end_plain(&scheme.contact)
                ));
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
        parts.push(format!("申請の時期：{s}"));
    }
    (parts.concat(), known)
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
