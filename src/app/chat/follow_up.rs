//! A follow-up about the scheme just discussed ("それはいつまで？", "上限は？"): answered
//! from the session's scheme even when the words alone would not find it.

use super::ChatSession;
use super::compose::GENERIC;
use crate::app::engine::Engine;
use crate::domain::asked::{Asked, FOLLOW_UP_FILLER};
use crate::domain::scheme::Scheme;

const REFERS_BACK: &[&str] = &[
    "それ",
    "その制度",
    "その融資",
    "その補助",
    "その助成",
    "これ",
    "こちら",
    "そちら",
    "さっきの",
    "先ほどの",
    "上の",
];

/// Words of a bare follow-up that ask whether it can be used at all ("それは使えますか？").
const CAN_USE: &[&str] = &["使え", "利用でき", "対象", "申し込め", "申請でき"];

/// The scheme a follow-up is about and what it asks: the session's scheme when the message
/// refers back to it or names nothing but the attribute ("上限は？", "what about the rate?").
pub(super) fn follow_up<'a>(
    app: &'a Engine,
    session: &ChatSession,
    terms: &crate::text::QueryTerms,
    asking: &[Asked],
) -> Option<(&'a Scheme, Vec<Asked>)> {
    let scheme = app.scheme(session.schemes.first()?)?;
    let text = &terms.normalized;
    let refers_back = REFERS_BACK.iter().any(|w| text.contains(w));
    let bare = !asking.is_empty()
        && terms.lemmas.iter().all(|l| {
            l.chars().count() <= 1
                || GENERIC.contains(&l.as_str())
                || FOLLOW_UP_FILLER.contains(&l.as_str())
                || Asked::ALL.iter().any(|a| a.mentions(l))
        });
    if !(refers_back || bare) {
        return None;
    }
    if !asking.is_empty() {
        return Some((scheme, asking.to_vec()));
    }
    CAN_USE
        .iter()
        .any(|w| text.contains(w))
        .then(|| (scheme, vec![Asked::Eligibility]))
}
