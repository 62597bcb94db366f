//! How and where to apply, the documents, whom to ask, and what combines with what.

use super::sentence::Sentence;
use super::{FactContext, end, end_plain, sentences};
use crate::domain::scheme::Scheme;

/// How and where: the how-to-apply text, a sentence of the details on the way to apply
/// that it does not already say (online, by post, at a desk), and whom to ask.
pub(super) fn how_to_apply(scheme: &Scheme) -> Vec<Sentence> {
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
    let mut s = vec![Sentence::HowToApply {
        text: end(&scheme.how_to_apply),
    }];
    if let Some(more) = sentences(&scheme.details)
        .into_iter()
        .filter(|d| d.chars().count() <= 160)
        .find(|d| {
            WAYS.iter()
                .any(|w| d.contains(w) && !scheme.how_to_apply.contains(w))
        })
    {
        s.push(Sentence::Words { text: more });
    }
    s.push(Sentence::ApplyTo {
        contact: end_plain(&scheme.contact).to_string(),
    });
    s
}

pub(super) fn documents(scheme: &Scheme) -> (Vec<Sentence>, bool) {
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
        return (Vec::new(), false);
    }
    (vec![Sentence::Documents { texts: found }], true)
}

pub(super) fn contact(scheme: &Scheme, ctx: &FactContext) -> Vec<Sentence> {
    let contact = end_plain(&scheme.contact).to_string();
    // A phone number once: not again when the contact or a desk already gave it.
    let mut said = contact.clone();
    let mut s = vec![Sentence::ContactIs { contact }];
    for d in ctx.desks.iter().take(2) {
        let book = d.how_to_book.trim_end_matches('。').to_string();
        said.push_str(&d.name);
        said.push_str(&book);
        s.push(Sentence::DeskOpen {
            name: d.name.clone(),
            desk: Box::new((*d).clone()),
            book,
        });
        if let Some(phone) = &d.phone
            && !said.contains(phone.as_str())
        {
            said.push_str(phone);
            s.push(Sentence::Phone {
                phone: phone.clone(),
            });
        }
    }
    // Days and times a desk keeps that the how-to-apply text gives ("水曜日の午後").
    if ctx.desks.is_empty() {
        for h in sentences(&scheme.how_to_apply) {
            if ["曜", "午後", "午前", "時"].iter().any(|w| h.contains(w)) {
                s.push(Sentence::Words { text: h });
            }
        }
    }
    s
}

pub(super) fn combination(scheme: &Scheme, ctx: &FactContext) -> (Vec<Sentence>, bool) {
    if let Some(s) = not_combinable(scheme, ctx) {
        return (vec![s], true);
    }
    let rules: Vec<String> = scheme
        .eligibility
        .conditions
        .iter()
        .filter(|c| {
            ["受けていない", "重ねて", "同じ経費", "併用", "受けた人"]
                .iter()
                .any(|w| c.contains(w))
        })
        .take(2)
        .map(|c| c.trim_end_matches('。').to_string())
        .collect();
    if rules.is_empty() {
        return (Vec::new(), false);
    }
    (vec![Sentence::CombinationConditions { texts: rules }], true)
}

/// That `scheme` cannot pay for the same costs as the other scheme asked about, or, when the
/// question names none, as the schemes its entry excludes.
pub(super) fn not_combinable(scheme: &Scheme, ctx: &FactContext) -> Option<Sentence> {
    if let Some(other) = ctx.other {
        (scheme.not_combinable_with.contains(&other.id)
            || other.not_combinable_with.contains(&scheme.id))
        .then(|| Sentence::NotCombinable {
            scheme: scheme.title.clone(),
            other: other.title.clone(),
        })
    } else if !ctx.not_combinable.is_empty() {
        Some(Sentence::NotCombinableWithAny {
            scheme: scheme.title.clone(),
            others: ctx.not_combinable.iter().map(|t| t.to_string()).collect(),
        })
    } else {
        None
    }
}
