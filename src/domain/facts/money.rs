//! How much: the amount or ceiling, and the rate.

use super::FactContext;
use crate::domain::scheme::{Kind, Scheme, yen_ja};

pub(super) fn amount(scheme: &Scheme, ctx: &FactContext) -> (String, bool) {
    let Some(a) = &scheme.amount else {
        return (String::new(), false);
    };
    let what = match scheme.kind {
        Kind::Loan | Kind::LoanMediation => "融資の限度額",
        Kind::Subsidy | Kind::Grant => "補助・助成の額",
        _ => "金額",
    };
    let mut parts: Vec<String> = Vec::new();
    match (&a.text, a.max_yen) {
        (Some(t), _) => parts.push(format!("{what}は{}です。", t.trim_end_matches('。'))),
        (None, Some(max)) => parts.push(format!("{what}の上限は{}です。", yen_ja(max))),
        (None, None) => {}
    }
    let text_has = |needle: &str| a.text.as_deref().is_some_and(|t| t.contains(needle));
    if let Some(max) = a.max_yen
        && a.text.is_some()
        && !text_has(&yen_ja(max))
        && (ctx.question.contains("上限") || ctx.question.contains("最大"))
    {
        parts.push(format!("上限は{}です。", yen_ja(max)));
    }
    if let Some(min) = a.min_yen
        && !text_has("下限")
    {
        parts.push(format!("下限は{}です。", yen_ja(min)));
    }
    if parts.is_empty() {
        return (String::new(), false);
    }
    if let Some(r) = &a.rate
        && !parts.concat().contains(r.as_str())
        && (ctx.question.contains("率") || ctx.question.contains("rate"))
    {
        parts.push(format!("率は{}です。", r));
    }
    (parts.concat(), true)
}

pub(super) fn rate(scheme: &Scheme) -> (String, bool) {
    let a = scheme.amount.as_ref();
    let what = match scheme.kind {
        Kind::Loan | Kind::LoanMediation => "利率",
        Kind::InterestSubsidy => "補助の割合",
        Kind::Certification | Kind::Tax => "税の優遇の割合",
        _ => "補助率・助成率",
    };
    match (
        a.and_then(|a| a.rate.as_ref()),
        a.and_then(|a| a.text.as_ref()),
    ) {
        (Some(r), Some(t)) if !t.contains(r.as_str()) => (
            format!("{what}は{}です（{}）。", r, t.trim_end_matches('。')),
            true,
        ),
        (Some(r), _) => (format!("{what}は{}です。", r), true),
        (None, Some(t)) if has_rate(t) => (
            format!("{what}は、{}とされています。", t.trim_end_matches('。')),
            true,
        ),
        _ => (String::new(), false),
    }
}

pub(super) fn has_rate(t: &str) -> bool {
    t.contains("分の") || t.contains('%') || t.contains('％') || t.contains('/')
}
