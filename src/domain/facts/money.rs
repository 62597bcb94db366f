//! How much and how many: the amount or ceiling, the rate, what using it costs and how many
//! times it can be used.

use super::sentence::{AmountOf, RateOf, Sentence};
use super::{FactContext, closest, is_numeral, sentences};
use crate::domain::scheme::{Scheme, yen_ja};

pub(super) fn amount(scheme: &Scheme, ctx: &FactContext) -> (Vec<Sentence>, bool) {
    let Some(a) = &scheme.amount else {
        return (Vec::new(), false);
    };
    let of = AmountOf::of(scheme.kind);
    let mut parts: Vec<Sentence> = Vec::new();
    match (&a.text, a.max_yen) {
        (Some(t), _) => parts.push(Sentence::AmountPublished {
            of,
            text: t.trim_end_matches('。').to_string(),
        }),
        (None, Some(max)) => parts.push(Sentence::AmountCeiling { of, yen: max }),
        (None, None) => {}
    }
    let text_has = |needle: &str| a.text.as_deref().is_some_and(|t| t.contains(needle));
    if let Some(max) = a.max_yen
        && a.text.is_some()
        && !text_has(&yen_ja(max))
        && (ctx.question.contains("上限") || ctx.question.contains("最大"))
    {
        parts.push(Sentence::Ceiling { yen: max });
    }
    if let Some(min) = a.min_yen
        && !text_has("下限")
    {
        parts.push(Sentence::Floor { yen: min });
    }
    if parts.is_empty() {
        return (Vec::new(), false);
    }
    // The rate once: not when the amount line or a sum above already gives it.
    if let Some(r) = &a.rate
        && !text_has(r)
        && !a
            .max_yen
            .into_iter()
            .chain(a.min_yen)
            .any(|y| yen_ja(y).contains(r.as_str()))
        && (ctx.question.contains("率") || ctx.question.contains("rate"))
    {
        parts.push(Sentence::AlsoRate { rate: r.clone() });
    }
    (parts, true)
}

pub(super) fn rate(scheme: &Scheme) -> (Vec<Sentence>, bool) {
    let a = scheme.amount.as_ref();
    let of = RateOf::of(scheme.kind);
    let sentence = match (
        a.and_then(|a| a.rate.as_ref()),
        a.and_then(|a| a.text.as_ref()),
    ) {
        (Some(r), Some(t)) if !t.contains(r.as_str()) => Sentence::RateWithText {
            of,
            rate: r.clone(),
            text: t.trim_end_matches('。').to_string(),
        },
        (Some(r), _) => Sentence::Rate {
            of,
            rate: r.clone(),
        },
        (None, Some(t)) if has_rate(t) => Sentence::RateInText {
            of,
            text: t.trim_end_matches('。').to_string(),
        },
        _ => return (Vec::new(), false),
    };
    (vec![sentence], true)
}

pub(super) fn has_rate(t: &str) -> bool {
    t.contains("分の") || t.contains('%') || t.contains('％') || t.contains('/')
}

/// Words of a sentence that says what using a desk or a seminar costs; the first list is
/// read before the second, whose words ("費用") more often speak of the costs a subsidy pays.
const FEE_WORDS: [&[&str]; 2] = [
    &[
        "無料",
        "有料",
        "料金",
        "受講料",
        "参加費",
        "相談料",
        "利用料",
        "派遣料",
        "手数料",
    ],
    &["費用", "自己負担", "負担"],
];

/// What using the scheme costs: the sentence of its summary or details that says so (the one
/// sharing most with the question), quoted; unknown when none does.
pub(super) fn fee(scheme: &Scheme, ctx: &FactContext) -> (Vec<Sentence>, bool) {
    for words in FEE_WORDS {
        if let Some(text) = saying(scheme, ctx, |s| words.iter().any(|w| s.contains(w))) {
            return (vec![Sentence::FeeQuoted { text }], true);
        }
    }
    (Vec::new(), false)
}

/// How many times it can be used (visits, sessions): the sentence that gives a number of
/// times (3回まで, 年8回), quoted; unknown when none does.
pub(super) fn count(scheme: &Scheme, ctx: &FactContext) -> (Vec<Sentence>, bool) {
    match saying(scheme, ctx, gives_times) {
        Some(text) => (vec![Sentence::CountQuoted { text }], true),
        None => (Vec::new(), false),
    }
}

/// How long it runs: the sentence that gives a repayment period, a grace period or the years
/// a support is paid (設備資金20年以内, 最大3年間), quoted; unknown when none does.
pub(super) fn term(scheme: &Scheme, ctx: &FactContext) -> (Vec<Sentence>, bool) {
    match saying(scheme, ctx, gives_a_term) {
        Some(text) => (vec![Sentence::TermQuoted { text }], true),
        None => (Vec::new(), false),
    }
}

/// Whether a sentence gives how long something runs: a word of period (返済, 据置, 期間, 年間)
/// and a number of years or months.
pub(super) fn gives_a_term(sentence: &str) -> bool {
    const PERIOD: &[&str] = &[
        "返済",
        "据置",
        "償還",
        "期間",
        "年間",
        "か月間",
        "ヶ月間",
        "カ月間",
        "最長",
        "年以内",
    ];
    let numbered = sentence.char_indices().any(|(at, c)| {
        is_numeral(c)
            && ["年", "か月", "ヶ月", "カ月", "ヵ月"]
                .iter()
                .any(|u| sentence[at + c.len_utf8()..].starts_with(u))
    });
    numbered && PERIOD.iter().any(|w| sentence.contains(w))
}

/// Whether a sentence gives a number of times: a numeral right before 回 (3回, 年8回, 三回).
pub(super) fn gives_times(sentence: &str) -> bool {
    sentence
        .chars()
        .zip(sentence.chars().skip(1))
        .any(|(n, c)| c == '回' && is_numeral(n))
}

/// The sentence of the entry's summary, details, amount line or how-to-apply text that `says`
/// holds of, sharing most with the question (the first of equals), without its final "。".
pub(super) fn saying(
    scheme: &Scheme,
    ctx: &FactContext,
    says: impl Fn(&str) -> bool,
) -> Option<String> {
    let amount = scheme
        .amount
        .as_ref()
        .and_then(|a| a.text.as_deref())
        .unwrap_or("");
    let all: Vec<String> = [
        scheme.summary.as_str(),
        scheme.details.as_str(),
        amount,
        scheme.how_to_apply.as_str(),
    ]
    .into_iter()
    .flat_map(sentences)
    .filter(|s| says(s))
    .collect();
    closest(all.iter().rev(), ctx.question).map(|(_, t)| t.trim_end_matches('。').to_string())
}
