//! How and where to apply, the documents, whom to ask, and what combines with what.

use super::{FactContext, end, end_plain, sentences};
use crate::domain::scheme::Scheme;

/// How and where: the how-to-apply text, a sentence of the details on the way to apply
/// that it does not already say (online, by post, at a desk), and whom to ask.
pub(super) fn how_to_apply(scheme: &Scheme) -> String {
    const WAYS: &[&str] = &[
        "jgrants",
        "jGrants",
        "Jグランツ",
        "電子申請",
        "オンライン",
        "郵送",
        "持参",
        "窓口",
        "予約",
        "申請書",
        "申し込",
        "申込",
    ];
    let mut s = format!("申請方法：{}", end(&scheme.how_to_apply));
    if let Some(more) = sentences(&scheme.details)
        .into_iter()
        .filter(|d| d.chars().count() <= 160)
        .find(|d| {
            WAYS.iter()
                .any(|w| d.contains(w) && !scheme.how_to_apply.contains(w))
        })
    {
        s.push_str(&more);
    }
    s.push_str(&format!(
        "申請先・問い合わせ先：{}。",
        end_plain(&scheme.contact)
    ));
    s
}

pub(super) fn documents(scheme: &Scheme) -> (String, bool) {
    const PAPERS: &[&str] = &[
        "書類",
        "申請書",
        "計画書",
        "見積",
        "証明",
        "添え",
        "様式",
        "写し",
        "届",
        "報告書",
        "契約書",
        "決算書",
        "試算表",
        "カタログ",
        "写真",
        "シート",
        "同意書",
        "領収書",
    ];
    let found: Vec<String> = sentences(&scheme.how_to_apply)
        .into_iter()
        .chain(sentences(&scheme.details))
        .chain(scheme.eligibility.requirements.iter().map(|r| end(r)))
        .filter(|s| PAPERS.iter().any(|w| s.contains(w)))
        .take(3)
        .collect();
    if found.is_empty() {
        return (String::new(), false);
    }
    (format!("必要な書類について：{}", found.concat()), true)
}

pub(super) fn contact(scheme: &Scheme, ctx: &FactContext) -> String {
    let mut s = format!("問い合わせ先は{}です。", end_plain(&scheme.contact));
    for d in ctx.desks.iter().take(2) {
        s.push_str(&format!(
            "{}の受付は{}です（{}）。",
            d.name,
            d.schedule_ja(),
            d.how_to_book.trim_end_matches('。')
        ));
        if let Some(phone) = &d.phone
            && !s.contains(phone.as_str())
        {
            s.push_str(&format!("電話：{phone}。"));
        }
    }
    // Days and times a desk keeps that the how-to-apply text gives ("水曜日の午後").
    if ctx.desks.is_empty() {
        for h in sentences(&scheme.how_to_apply) {
            if ["曜", "午後", "午前", "時"].iter().any(|w| h.contains(w)) {
                s.push_str(&h);
            }
        }
    }
    s
}

pub(super) fn combination(scheme: &Scheme, ctx: &FactContext) -> (String, bool) {
    if let Some(other) = ctx.other {
        if scheme.not_combinable_with.contains(&other.id)
            || other.not_combinable_with.contains(&scheme.id)
        {
            return (
                format!(
                    "「{}」と「{}」は、同じ経費に併用できません。",
                    scheme.title, other.title
                ),
                true,
            );
        }
    } else if !ctx.not_combinable.is_empty() {
        return (
            format!(
                "「{}」は、{}とは同じ経費に併用できません。",
                scheme.title,
                ctx.not_combinable
                    .iter()
                    .map(|t| format!("「{t}」"))
                    .collect::<Vec<_>>()
                    .join("・")
            ),
            true,
        );
    }
    let rules: Vec<&String> = scheme
        .eligibility
        .conditions
        .iter()
        .filter(|c| {
            ["受けていない", "重ねて", "同じ経費", "併用", "受けた人"]
                .iter()
                .any(|w| c.contains(w))
        })
        .take(2)
        .collect();
    if rules.is_empty() {
        return (String::new(), false);
    }
    (
        format!(
            "併用に関わる条件：{}。",
            rules
                .iter()
                .map(|c| c.trim_end_matches('。'))
                .collect::<Vec<_>>()
                .join("／")
        ),
        true,
    )
}
